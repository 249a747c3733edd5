//! PDF records: which communiqué each PDF on disk was rendered from, so that only changed
//! communiqués are rendered again, and rendering of those that changed.

use super::{Site, pdf_rel, settled};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Kind, same_entry};
use crate::pdf;
use crate::state::PdfRecord;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// A PDF on disk, the input it was rendered from, and (while this process holds it) the
/// entry that input was last found equal to: the same entry next time means the same
/// input, without hashing every communiqué on each save.
#[derive(Debug, Clone)]
pub(super) struct RenderedPdf {
    pub(super) record: PdfRecord,
    pub(super) entry: Option<Arc<Entry>>,
}

impl Site {
    /// Keeps only the PDF records whose file has the bytes they describe, once per process,
    /// at its first publish (`check` and `list` never look at PDFs); later publishes know
    /// what they wrote. Each PDF kept is one communique wrote.
    pub(super) fn check_pdf_records(&mut self) {
        if self.pdfs_checked {
            return;
        }
        self.pdfs_checked = true;
        let stamps = settled::load(self.store.dir())
            .map(|s| s.outputs)
            .unwrap_or_default();
        let out = &self.paths.out;
        self.pdfs
            .retain(|slug, pdf| settled::holds(out, &pdf_rel(slug), &pdf.record, &stamps));
        for slug in self.pdfs.keys() {
            self.state.written.insert(pdf_rel(slug));
        }
    }

    /// Renders the PDFs of the catalog's communiqués that are missing from pdf/ or out of
    /// date, and records them; hands each one to `ready` (slug, bytes) as soon as it is
    /// rendered, from the rendering threads, and returns the slugs rendered. A communiqué
    /// whose PDF cannot be rendered stays in the feeds without one, with an error.
    ///
    /// No PDF's bytes are kept here: `ready` writes each one away (staged), so a clean build
    /// of thousands holds one PDF per rendering thread, not all of them.
    pub(super) fn render_pdfs(
        &mut self,
        catalog: &Catalog,
        on_disk: &FxHashSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
        ready: impl Fn(String, Vec<u8>) + Sync,
    ) -> Vec<String> {
        let config = &self.config;
        let assets = &self.assets;
        let known_pdfs = &mut self.pdfs;
        let current = &mut self.pdfs_current;
        current.generation = current.generation.wrapping_add(1);
        let generation = current.generation;
        // Communiqués found up to date by the last publish, still the same allocation: their
        // PDF is on disk and recorded (a save of a large archive leaves all but one so).
        let mut up_to_date = 0;
        // With what each depends on, when already known (else hashed by its rendering thread).
        let mut to_render: Vec<(&Arc<Entry>, Option<String>)> = Vec::new();
        let mut looked_at: Vec<&Arc<Entry>> = Vec::new();
        for entry in catalog
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Communique)
        {
            if let Some(seen) = current.by_entry.get_mut(&(Arc::as_ptr(entry) as usize)) {
                seen.1 = generation;
                up_to_date += 1;
                continue;
            }
            looked_at.push(entry);
            let known = known_pdfs
                .get_mut(&entry.slug)
                .filter(|_| on_disk.contains(&entry.slug));
            let Some(known) = known else {
                to_render.push((entry, None));
                continue;
            };
            if known.entry.as_ref().is_some_and(|e| same_entry(e, entry)) {
                // This allocation from now on: found by address next time.
                known.entry = Some(Arc::clone(entry));
                continue;
            }
            let input = pdf_input(entry, config);
            if known.record.input == input {
                known.entry = Some(Arc::clone(entry));
            } else {
                to_render.push((entry, Some(input)));
            }
        }
        let releases = &self.paths.releases;
        // Only what the records need comes back; the bytes go to `ready`.
        let rendered: Vec<_> = to_render
            .into_par_iter()
            // A few PDFs a task: rayon otherwise splits the list into a handful of long runs,
            // and the last one kept a single thread busy for most of a second while the other
            // waited (clean build of 10,000).
            .with_max_len(4)
            .map(|(entry, input)| {
                let input = input.unwrap_or_else(|| pdf_input(entry, config));
                let result = pdf::render_in(entry, config, assets, releases).map(
                    |pdf::Rendered {
                         bytes,
                         missing_images,
                     }| {
                        let record = PdfRecord {
                            input,
                            len: bytes.len() as u64,
                            hash: blake3::hash(&bytes).to_hex().to_string(),
                        };
                        ready(entry.slug.clone(), bytes);
                        (record, missing_images)
                    },
                );
                (entry, result)
            })
            .collect();
        let mut new_pdfs = Vec::with_capacity(rendered.len());
        for (entry, result) in rendered {
            match result {
                Ok((record, missing_images)) => {
                    diagnostics.extend(pdf::image_warnings(entry, releases, &missing_images));
                    self.state_outdated |= known_pdfs
                        .get(&entry.slug)
                        .is_none_or(|before| before.record != record);
                    known_pdfs.insert(
                        entry.slug.clone(),
                        RenderedPdf {
                            record,
                            entry: Some(Arc::clone(entry)),
                        },
                    );
                    new_pdfs.push(entry.slug.clone());
                }
                Err(err) => {
                    self.state_outdated |= known_pdfs.remove(&entry.slug).is_some();
                    diagnostics.push(pdf::error_diagnostic(entry, releases, err));
                }
            }
        }
        // Records of communiqués no longer published go. Slugs of communiqués are unique in
        // a catalog, so when every record is some published communiqué's, none goes.
        let listed = looked_at
            .iter()
            .filter(|e| known_pdfs.contains_key(&e.slug))
            .count();
        if up_to_date + listed != known_pdfs.len() {
            let published: FxHashSet<&str> = catalog
                .entries
                .iter()
                .filter(|e| e.kind == Kind::Communique)
                .map(|e| e.slug.as_str())
                .collect();
            let before = known_pdfs.len();
            known_pdfs.retain(|slug, _| published.contains(slug.as_str()));
            self.state_outdated |= known_pdfs.len() != before;
        }
        if up_to_date != current.by_entry.len() {
            current.by_entry.retain(|_, seen| seen.1 == generation);
        }
        for entry in looked_at {
            let fresh = known_pdfs
                .get(&entry.slug)
                .and_then(|known| known.entry.as_ref())
                .is_some_and(|known| Arc::ptr_eq(known, entry));
            if fresh {
                let at = Arc::as_ptr(entry) as usize;
                current.by_entry.insert(at, (Arc::clone(entry), generation));
            }
        }
        new_pdfs
    }
}

/// The communiqués (by address, the `Arc` kept keeps it unique) whose PDF the last publish
/// found or put on disk, recorded, from that same allocation: the next publish need not
/// look at them again. Forgotten whenever pdf/ is listed again or a publish fails.
#[derive(Default)]
pub(super) struct UpToDate {
    by_entry: FxHashMap<usize, (Arc<Entry>, u64)>,
    generation: u64,
}

impl UpToDate {
    pub(super) fn clear(&mut self) {
        self.by_entry.clear();
    }
}

/// What a PDF depends on: the entry, the settings the renderer reads, the renderer's revision.
fn pdf_input(entry: &Entry, c: &Config) -> String {
    let input = format!(
        "{}/{}\n{entry:?}\n{:?}\n{:?}\n{}\n{}\n{:?}",
        env!("CARGO_PKG_VERSION"),
        pdf::REVISION,
        c.pdf,
        c.default_contact,
        c.base_url,
        c.language,
        c.collections
    );
    blake3::hash(input.as_bytes()).to_hex().to_string()
}
