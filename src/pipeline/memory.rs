//! What a publish leaves for the next run to know (the state): who holds each output, the last
//! good version of each release with its content hash, correction date and identity; and the
//! correction dates put back on entries whose published content changed.

use super::{PipelineError, Site};
use crate::catalog::{Catalog, Owners};
use crate::model::{Entry, Kind, Precision, PubDate};
use crate::state::{self, GoodVersion};
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Site {
    /// Dates each entry whose published content changed since it was first published: its
    /// `updated` becomes the instant the correction went out (kept in the state, so the same
    /// content keeps the same date, run after run), unless the file gives a later one.
    pub(super) fn date_corrections(&mut self, now: DateTime<FixedOffset>) {
        for (rel, source) in &mut self.sources {
            let (Some(content), Some(kept)) = (source.content(), self.state.good.get(rel)) else {
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
        if self.good_outdated {
            changed |= self.remember_good_versions(now)?;
            self.good_outdated = false;
        }
        if changed {
            let mut saved = self.state.clone();
            saved.pdfs = self
                .pdfs
                .iter()
                .map(|(slug, pdf)| (slug.clone(), pdf.record.clone()))
                .collect();
            self.store.save(&saved)?;
            self.store.prune_sources(&saved)?;
            self.state_outdated = false;
        }
        Ok(())
    }

    /// Records the last good version of each release; whether anything changed.
    fn remember_good_versions(
        &mut self,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, PipelineError> {
        let since = now.to_rfc3339();
        let mut good: BTreeMap<String, GoodVersion> = BTreeMap::new();
        for (rel, source) in &mut self.sources {
            let hash = source.fingerprint.hash.to_hex().to_string();
            let kept = self.state.good.get(rel);
            if source.is_good() {
                match kept {
                    Some(kept) if kept.hash == hash => {
                        good.insert(rel.clone(), kept.clone());
                        source.good_bytes = None;
                    }
                    _ => {
                        if let Some(bytes) = source.good_bytes.take() {
                            self.store.keep_source(&hash, &bytes)?;
                            let content = source.content().unwrap_or_default().to_string();
                            // Same content under other bytes keeps its correction date; new
                            // content after a first publication is a correction, now.
                            let corrected = match kept {
                                Some(k) if k.content == content || k.content.is_empty() => {
                                    k.corrected.clone()
                                }
                                Some(_) => Some(since.clone()),
                                None => None,
                            };
                            let identity = identity_of(&source.published);
                            good.insert(
                                rel.clone(),
                                GoodVersion {
                                    hash,
                                    since: since.clone(),
                                    content,
                                    corrected,
                                    identity,
                                },
                            );
                        }
                    }
                }
            } else if source.loaded.has_errors() && !source.loaded.withheld {
                // Broken: the kept version stays, for the next run to stand in with.
                if let Some(kept) = kept {
                    good.insert(rel.clone(), kept.clone());
                }
            }
        }
        if good == self.state.good {
            return Ok(false);
        }
        self.state.good = good;
        Ok(true)
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
