//! What a publish leaves for the next run to know (the state): who holds each output, the last
//! good version of each release with its content hash, correction date and identity; and the
//! correction dates put back on entries whose published content changed.

use super::pdfs::RenderedPdf;
use super::sources::{SourceChanges, SourceState};
use super::{PipelineError, Site};
use crate::catalog::{Catalog, Owners};
use crate::model::{Entry, Kind, Precision, PubDate};
use crate::state::{self, GoodVersion};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

impl Site {
    /// Marks the releases `changes` names for [`Site::remember`] and [`Site::date_corrections`].
    pub(super) fn note_changed(&mut self, changes: &SourceChanges) {
        let named = changes
            .added
            .iter()
            .chain(&changes.changed)
            .chain(&changes.removed);
        // Relative paths were UTF-8 strings before they were `PathBuf`s.
        let rels = named.filter_map(|path| path.to_str()).map(str::to_string);
        self.unremembered.extend(rels);
    }

    /// Dates each entry whose published content changed since it was first published: its
    /// `updated` becomes the instant the correction went out (kept in the state, so the same
    /// content keeps the same date, run after run), unless the file gives a later one.
    ///
    /// Only releases read again since the last publish: an entry keeps the date it was given
    /// (the kept version it is compared with changes only when its file does).
    pub(super) fn date_corrections(&mut self, now: DateTime<FixedOffset>) {
        // Only a release with a kept version can be corrected: those hashed on all threads
        // first (a clean build has none; a checkout, thousands).
        let (sources, good) = (&self.sources, &self.state.good);
        self.unremembered.par_iter().for_each(|rel| {
            if good.contains_key(rel)
                && let Some(source) = sources.get(rel)
            {
                source.content();
            }
        });
        for rel in &self.unremembered {
            let Some(kept) = self.state.good.get(rel) else {
                continue;
            };
            let Some(source) = self.sources.get_mut(rel) else {
                continue;
            };
            let Some(content) = source.content() else {
                continue;
            };
            let corrected = if kept.content.is_empty() || content == kept.content {
                kept.corrected
                    .as_deref()
                    .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
            } else {
                Some(now)
            };
            let Some(at) = corrected else {
                continue;
            };
            for entry in &mut source.published {
                let later = entry.updated.is_none_or(|u| u.at < at) && entry.date.at < at;
                if later {
                    Arc::make_mut(entry).updated = Some(PubDate {
                        at,
                        precision: Precision::Instant,
                    });
                }
            }
        }
    }

    /// Saves what the next run must know: who holds each output, the last good version of
    /// each release, the PDFs and the files written.
    pub(super) fn remember(
        &mut self,
        catalog: &Catalog,
        now: DateTime<FixedOffset>,
    ) -> Result<(), PipelineError> {
        let mut owners = Owners::default();
        for entry in &catalog.entries {
            owners.insert(entry);
        }
        let mut changed = self.state_outdated || owners != self.state.owners;
        self.state.owners = owners;
        let replaced = self.remember_good_versions(now)?;
        changed |= !replaced.is_empty();
        if changed {
            // Borrowed, not cloned: the state of a large archive is megabytes.
            let saved = Saved {
                pdfs: PdfRecords(&self.pdfs),
                written: &self.state.written,
                owners: &self.state.owners,
                good: &self.state.good,
            };
            self.store.save(&saved)?;
            // A few replaced: forget those; many (a checkout): one look at them all.
            if self.sources_pruned && replaced.len() <= 64 {
                self.store.forget_sources(&replaced, &self.state.good)?;
            } else {
                self.store.prune_sources_keeping(&self.state.good)?;
                self.sources_pruned = true;
            }
            self.state_outdated = false;
        }
        Ok(())
    }

    /// Records the last good version of each release changed since the last call; returns
    /// the hashes of the kept versions that changed (a removed or replaced one, or the empty
    /// string for a new one): empty when nothing did.
    fn remember_good_versions(
        &mut self,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<String>, PipelineError> {
        let since = now.to_rfc3339();
        let mut replaced = Vec::new();
        let unremembered = std::mem::take(&mut self.unremembered);
        // What each publishes, hashed on all threads first (a first build has thousands).
        let sources = &self.sources;
        unremembered.par_iter().for_each(|rel| {
            if let Some(source) = sources.get(rel) {
                source.content();
            }
        });
        // Copies to keep, written together and made durable before the state names them.
        let mut copies = Vec::new();
        let mut updates = Vec::new();
        for rel in unremembered {
            let kept = self.state.good.get(&rel);
            let good = match self.sources.get_mut(&rel) {
                Some(source) => good_version(source, kept, &since, &mut copies),
                None => None,
            };
            if good.as_ref() != kept {
                replaced.push(kept.map(|k| k.hash.clone()).unwrap_or_default());
                updates.push((rel, good));
            }
        }
        let staged = self.store.stage_sources(&copies)?;
        self.store.keep_sources(staged)?;
        for (rel, good) in updates {
            match good {
                Some(good) => self.state.good.insert(rel, good),
                None => self.state.good.remove(&rel),
            };
        }
        Ok(replaced)
    }
}

/// The last good version of one release as of its latest read: the one kept while its bytes
/// are the same, a new one (its bytes kept in the store) for a good read, the one kept for a
/// broken one; `None` for a file that publishes nothing.
fn good_version(
    source: &mut SourceState,
    kept: Option<&GoodVersion>,
    since: &str,
    copies: &mut Vec<(String, Arc<[u8]>)>,
) -> Option<GoodVersion> {
    if !source.is_good() {
        // Broken: the kept version stays, for the next run to stand in with.
        let broken = source.loaded.has_errors() && !source.loaded.withheld;
        return kept.filter(|_| broken).cloned();
    }
    let hash = source.fingerprint.hash.to_hex().to_string();
    if let Some(kept) = kept.filter(|k| k.hash == hash) {
        source.good_bytes = None;
        return Some(kept.clone());
    }
    let bytes = source.good_bytes.take()?;
    copies.push((hash.clone(), bytes));
    let content = source.content().unwrap_or_default().to_string();
    // Same content under other bytes keeps its correction date; new content after a first
    // publication is a correction, now.
    let corrected = match kept {
        Some(k) if k.content == content || k.content.is_empty() => k.corrected.clone(),
        Some(_) => Some(since.to_string()),
        None => None,
    };
    Some(GoodVersion {
        hash,
        since: since.to_string(),
        content,
        corrected,
        identity: identity_of(&source.published),
    })
}

/// The state as saved, borrowed from the site (the same fields, in the same order, as
/// [`state::State`], which reads it back).
#[derive(serde::Serialize)]
struct Saved<'a> {
    pdfs: PdfRecords<'a>,
    written: &'a BTreeSet<String>,
    owners: &'a Owners,
    good: &'a BTreeMap<String, GoodVersion>,
}

/// Each PDF's record, by slug.
struct PdfRecords<'a>(&'a BTreeMap<String, RenderedPdf>);

impl serde::Serialize for PdfRecords<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(slug, pdf)| (slug, &pdf.record)))
    }
}

/// The identity a communiqué or event is published under (press pages have many entries,
/// each named by its article's address).
fn identity_of(published: &[Arc<Entry>]) -> Option<state::Identity> {
    match published {
        [entry] if entry.kind != Kind::PressReview => Some(state::Identity {
            key: entry.key.clone(),
            slug: entry.slug.clone(),
            title: entry.title.clone(),
        }),
        _ => None,
    }
}
