//! Orchestrates load → catalog → render → publish. `build` runs it once; the watcher keeps a
//! `Site` alive and calls `rescan` + `publish` again, so both always render the same way.

use crate::catalog::{self, Catalog};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::feeds::{self, PdfSizes};
use crate::model::{Entry, Kind};
use crate::pdf;
use crate::publish::{Outcome, Publisher};
use crate::source::{self, Loaded, scan};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Where releases are read and outputs written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub releases: PathBuf,
    pub out: PathBuf,
}

/// Why a build could not complete (a user's file never causes this: it gives diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{path}: cannot read the releases directory: {source}")]
    Releases {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
    #[error(transparent)]
    Feed(#[from] feeds::FeedError),
    #[error("PDF assets: {0}")]
    Assets(#[from] pdf::PdfError),
}

/// Cheap identity of a file's content: size and mtime first, then a content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: blake3::Hash,
}

/// What one release file currently contributes.
#[derive(Debug, Clone)]
struct SourceState {
    fingerprint: Fingerprint,
    /// Diagnostics of the latest read.
    loaded: Loaded,
    /// What is published: the latest read, or the last good one when the latest has errors.
    published: Vec<Entry>,
}

/// Which release files changed since the previous scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceChanges {
    pub added: Vec<PathBuf>,
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl SourceChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What a publish did, for the log line and for tests.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub entries: usize,
    pub pdfs_rendered: usize,
    pub written: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    pub next_embargo: Option<DateTime<FixedOffset>>,
    pub elapsed: Duration,
}

impl BuildReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// A PDF on disk and the input it was rendered from (persisted in the manifest).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct RenderedPdf {
    input: String,
    len: u64,
    /// blake3 of the PDF's bytes: after a crash between a PDF write and the manifest write,
    /// the file on disk may be another version of the same length.
    hash: String,
}

/// Lets a later `build` skip PDFs whose communiqué did not change. Derived like every output.
const MANIFEST: &str = ".communique-manifest.json";

/// The releases as last read, and what was last published from them.
pub struct Site {
    config: Config,
    paths: Paths,
    assets: pdf::Assets,
    sources: BTreeMap<PathBuf, SourceState>,
    scan_diagnostics: Vec<Diagnostic>,
    pdfs: BTreeMap<String, RenderedPdf>,
    /// The input hash of each published communiqué, with the entry it was computed from.
    pdf_inputs: HashMap<String, (Entry, String)>,
    /// Feed items prepared by the previous publish.
    items: feeds::ItemCache,
    cleaned_temp_files: bool,
}

impl Site {
    pub fn new(config: Config, paths: Paths) -> Result<Site, PipelineError> {
        let assets = pdf::Assets::load(&config.pdf)?;
        let mut pdfs: BTreeMap<String, RenderedPdf> = std::fs::read(paths.out.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        // Trust the manifest only for PDFs whose bytes are the ones it describes (checked once
        // per process; later publishes know what they wrote).
        pdfs.retain(|slug, pdf| {
            std::fs::read(paths.out.join(feeds::pdf_path(slug)))
                .is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == pdf.hash)
        });
        Ok(Site {
            config,
            paths,
            assets,
            sources: BTreeMap::new(),
            scan_diagnostics: Vec::new(),
            pdfs,
            pdf_inputs: HashMap::new(),
            items: feeds::ItemCache::default(),
            cleaned_temp_files: false,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Compares the releases tree with what is known and re-reads only what changed.
    pub fn rescan(&mut self) -> Result<SourceChanges, PipelineError> {
        if !self.paths.releases.is_dir() {
            return Err(PipelineError::Releases {
                path: self.paths.releases.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
            });
        }
        let (files, diagnostics) = scan::scan(&self.paths.releases);
        self.scan_diagnostics = diagnostics;
        let mut changes = SourceChanges::default();
        let present: BTreeSet<&PathBuf> = files.iter().collect();
        let gone: Vec<PathBuf> = self
            .sources
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        for path in gone {
            self.sources.remove(&path);
            changes.removed.push(path);
        }
        let root = self.paths.releases.clone();
        let config = &self.config;
        let previous = &self.sources;
        // Read and parse changed files in parallel; most scans find none.
        let updates: Vec<(PathBuf, Option<SourceState>)> = files
            .par_iter()
            .filter_map(|rel| {
                let known = previous.get(rel);
                let meta = std::fs::symlink_metadata(root.join(rel)).ok();
                let len = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta.as_ref().and_then(|m| m.modified().ok());
                if let Some(known) = known
                    && known.fingerprint.len == len
                    && known.fingerprint.modified == modified
                {
                    return None;
                }
                let (hash, loaded) = match source::read::read_bytes(&root, rel, &config.limits) {
                    Ok(bytes) => (
                        blake3::hash(&bytes),
                        source::load_bytes(rel, &bytes, config),
                    ),
                    Err(diagnostic) => (blake3::hash(b""), Loaded::failed(diagnostic)),
                };
                let fingerprint = Fingerprint {
                    len,
                    modified,
                    hash,
                };
                if let Some(known) = known
                    && known.fingerprint.hash == hash
                    && !known.loaded.has_errors()
                {
                    // Touched but identical: remember the new mtime, nothing to rebuild.
                    let mut same = known.clone();
                    same.fingerprint = fingerprint;
                    return Some((rel.clone(), Some(same)));
                }
                let published = match known {
                    // Last good version: a broken edit keeps what was published, unless
                    // the edit withholds the file (an unreadable embargo fails closed).
                    Some(known)
                        if loaded.has_errors() && loaded.entries.is_empty() && !loaded.withheld =>
                    {
                        known.published.clone()
                    }
                    _ => loaded.entries.clone(),
                };
                Some((
                    rel.clone(),
                    Some(SourceState {
                        fingerprint,
                        loaded,
                        published,
                    }),
                ))
            })
            .collect();
        for (rel, state) in updates {
            let Some(state) = state else { continue };
            match self.sources.get(&rel) {
                None => changes.added.push(rel.clone()),
                Some(old) if old.fingerprint.hash != state.fingerprint.hash => {
                    changes.changed.push(rel.clone())
                }
                Some(old) if old.loaded != state.loaded => changes.changed.push(rel.clone()),
                Some(_) => {}
            }
            self.sources.insert(rel, state);
        }
        Ok(changes)
    }

    /// Every current diagnostic: scan problems and each file's latest read.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.scan_diagnostics.clone();
        for state in self.sources.values() {
            all.extend(state.loaded.diagnostics.iter().cloned());
        }
        all
    }

    /// The catalog at `now`, with the diagnostics of every file and of the merge.
    pub fn catalog(&self, now: DateTime<FixedOffset>) -> (Catalog, Vec<Diagnostic>) {
        let mut diagnostics = self.diagnostics();
        let entries: Vec<Entry> = self
            .sources
            .values()
            .flat_map(|s| s.published.iter().cloned())
            .collect();
        let catalog = catalog::assemble(entries, now, &mut diagnostics);
        (catalog, diagnostics)
    }

    /// Renders and writes everything that is out of date at `now`.
    pub fn publish(&mut self, now: DateTime<FixedOffset>) -> Result<BuildReport, PipelineError> {
        let started = Instant::now();
        let publisher = Publisher::new(&self.paths.out)?;
        if !self.cleaned_temp_files {
            publisher.remove_stale_temp_files();
            self.cleaned_temp_files = true;
        }
        let (catalog, mut diagnostics) = self.catalog(now);
        let mut report = BuildReport {
            entries: catalog.entries.len(),
            next_embargo: catalog.next_embargo,
            ..BuildReport::default()
        };

        // 1. PDFs first: a feed must never link a PDF that is not there yet.
        let communiques: Vec<&Entry> = catalog
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Communique)
            .collect();
        let wanted: BTreeMap<String, String> = communiques
            .iter()
            .map(|e| (e.slug.clone(), self.pdf_input(e)))
            .collect();
        // Keep the inputs of what is published now, so the next save hashes only what changed.
        self.pdf_inputs.retain(|slug, _| wanted.contains_key(slug));
        for entry in &communiques {
            if let Some(input) = wanted.get(&entry.slug) {
                self.pdf_inputs
                    .insert(entry.slug.clone(), ((*entry).clone(), input.clone()));
            }
        }
        let to_render: Vec<&Entry> = communiques
            .iter()
            .copied()
            .filter(|e| !self.pdf_is_current(&publisher, e, &wanted[&e.slug]))
            .collect();
        let config = &self.config;
        let assets = &self.assets;
        let rendered: Vec<(&Entry, Result<Vec<u8>, pdf::PdfError>)> = to_render
            .par_iter()
            .map(|e| (*e, pdf::render(e, config, assets)))
            .collect();
        report.pdfs_rendered = rendered.len();
        for (entry, result) in rendered {
            match result {
                Ok(bytes) => {
                    let rel = feeds::pdf_path(&entry.slug);
                    if publisher.write(&rel, &bytes)? == Outcome::Written {
                        report.written.push(rel);
                    }
                    self.pdfs.insert(
                        entry.slug.clone(),
                        RenderedPdf {
                            input: wanted[&entry.slug].clone(),
                            len: bytes.len() as u64,
                            hash: blake3::hash(&bytes).to_hex().to_string(),
                        },
                    );
                }
                Err(err) => {
                    self.pdfs.remove(&entry.slug);
                    diagnostics.push(
                        Diagnostic::error(&entry.origin.file, Problem::Other(err.to_string()))
                            .hint("the communiqué is in the feeds without its PDF; report this with the file"),
                    );
                }
            }
        }
        self.pdfs.retain(|slug, _| wanted.contains_key(slug));
        let sizes: PdfSizes = self
            .pdfs
            .iter()
            .map(|(slug, pdf)| (slug.clone(), pdf.len))
            .collect();

        // 2. Feeds, which now only link PDFs that exist.
        for file in feeds::render_feeds_cached(&catalog, &self.config, &sizes, &mut self.items)? {
            if publisher.write(&file.path, &file.bytes)? == Outcome::Written {
                report.written.push(file.path);
            }
        }

        // 3. Only then remove PDFs no feed links any more (deleted, unpublished, embargoed).
        for rel in publisher.list(Path::new("pdf"), "pdf") {
            let slug = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if !self.pdfs.contains_key(slug) && publisher.remove(&rel)? {
                report.removed.push(rel);
            }
        }
        let manifest = serde_json::to_vec_pretty(&self.pdfs).unwrap_or_default();
        if publisher.write(Path::new(MANIFEST), &manifest)? == Outcome::Written {
            report.written.push(PathBuf::from(MANIFEST));
        }
        report.diagnostics = diagnostics;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// What a PDF depends on: the entry, the settings the renderer reads, the renderer's version.
    /// Hashing every communiqué's text on each save is the watcher's main cost on a large
    /// archive; comparing with the entry last hashed is much cheaper.
    fn pdf_input(&self, entry: &Entry) -> String {
        if let Some((known, input)) = self.pdf_inputs.get(&entry.slug)
            && known == entry
        {
            return input.clone();
        }
        let c = &self.config;
        let input = format!(
            "{}\n{entry:?}\n{:?}\n{:?}\n{}\n{}",
            env!("CARGO_PKG_VERSION"),
            c.pdf,
            c.default_contact,
            c.base_url,
            c.language
        );
        blake3::hash(input.as_bytes()).to_hex().to_string()
    }

    fn pdf_is_current(&self, publisher: &Publisher, entry: &Entry, input: &str) -> bool {
        let Some(known) = self.pdfs.get(&entry.slug) else {
            return false;
        };
        let on_disk = std::fs::metadata(publisher.root().join(feeds::pdf_path(&entry.slug)));
        known.input == input && on_disk.is_ok_and(|m| m.len() == known.len)
    }
}

/// One complete build: read every release, publish at `now`.
pub fn build(
    config: Config,
    paths: Paths,
    now: DateTime<FixedOffset>,
) -> Result<BuildReport, PipelineError> {
    let mut site = Site::new(config, paths)?;
    site.rescan()?;
    site.publish(now)
}
