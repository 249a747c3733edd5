//! The releases as last read: which files changed since the previous scan, what each one
//! contributes, and the last good version that stands in for a broken edit.

use super::{PipelineError, Site};
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::{Entry, Kind};
use crate::source::{self, Loaded, scan};
use crate::state::{GoodVersion, Identity};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

/// Cheap identity of a file's content: size and mtime first, then a content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub(super) len: u64,
    pub(super) modified: Option<SystemTime>,
    pub(super) hash: blake3::Hash,
}

/// What one release file currently contributes.
#[derive(Debug, Clone)]
pub(super) struct SourceState {
    pub(super) fingerprint: Fingerprint,
    /// Diagnostics of the latest read.
    pub(super) loaded: Loaded,
    /// What is published: the latest read, or the last good one when the latest has errors.
    pub(super) published: Vec<Arc<Entry>>,
    /// The bytes of a good read not yet kept in the state (cleared once kept).
    pub(super) good_bytes: Option<Arc<[u8]>>,
    /// What the latest good read publishes, hashed ([`content_hash`]) when first asked: a
    /// `check` never needs it.
    content: OnceLock<String>,
}

/// What entries publish, as one hash: everything a reader sees except the dates a correction
/// itself moves (`updated`) and when it goes out (`embargo`).
pub(super) fn content_hash(entries: &[Entry]) -> String {
    let mut hasher = blake3::Hasher::new();
    for entry in entries {
        let mut seen = entry.clone();
        seen.updated = None;
        seen.embargo = None;
        hasher.update(format!("{seen:?}").as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

impl SourceState {
    /// Whether the latest read is what is published.
    pub(super) fn is_good(&self) -> bool {
        !self.loaded.has_errors() && !self.loaded.entries.is_empty()
    }

    /// [`content_hash`] of a good read; `None` for a read with errors or no entry.
    pub(super) fn content(&self) -> Option<&str> {
        self.is_good().then(|| {
            self.content
                .get_or_init(|| content_hash(&self.loaded.entries))
                .as_str()
        })
    }
}

/// Which release files changed since the previous scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceChanges {
    /// New release files, relative to releases/.
    pub added: Vec<PathBuf>,
    /// Release files modified since the previous scan, relative to releases/.
    pub changed: Vec<PathBuf>,
    /// Release files that are gone, relative to releases/.
    pub removed: Vec<PathBuf>,
}

impl SourceChanges {
    /// Whether no release file changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl Site {
    /// Compares the releases tree with what is known and re-reads only what changed.
    pub fn rescan(&mut self) -> Result<SourceChanges, PipelineError> {
        self.check_releases()?;
        let (files, diagnostics) = scan::scan(&self.paths.releases);
        self.scan_diagnostics = diagnostics;
        Ok(self.update(files, None))
    }

    /// [`Site::rescan`] limited to `paths` (files or directories, relative to releases/),
    /// such as those named by file events: a save then costs the same in a large archive
    /// as in a small one. What lies elsewhere is left as known, so a caller that cannot
    /// trust its hints (the watcher) still rescans everything now and then.
    pub fn rescan_paths(&mut self, paths: &[PathBuf]) -> Result<SourceChanges, PipelineError> {
        self.check_releases()?;
        let mut scopes: Vec<&str> = Vec::with_capacity(paths.len());
        for path in paths {
            match path.to_str() {
                Some(rel) if !rel.is_empty() => scopes.push(rel),
                // The root itself, or a name only the full scan reports.
                _ => return self.rescan(),
            }
        }
        let mut files = Vec::new();
        // What the scan said of these paths is said again below, or no longer holds (a `.docx`
        // removed from releases/ is no longer named).
        self.scan_diagnostics
            .retain(|d| !paths.iter().any(|p| d.file.starts_with(p)));
        for path in paths {
            let (found, diagnostics) = scan::scan_at(&self.paths.releases, path);
            files.extend(found);
            for diagnostic in diagnostics {
                if !self.scan_diagnostics.contains(&diagnostic) {
                    self.scan_diagnostics.push(diagnostic);
                }
            }
        }
        files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        files.dedup_by(|a, b| a.rel == b.rel);
        Ok(self.update(files, Some(&scopes)))
    }

    fn check_releases(&self) -> Result<(), PipelineError> {
        match std::fs::read_dir(&self.paths.releases) {
            Ok(_) => Ok(()),
            Err(source) => Err(PipelineError::Releases {
                path: self.paths.releases.clone(),
                source,
            }),
        }
    }

    /// Takes in what a scan found: files in scope that it did not find are gone, files whose
    /// size or mtime moved are re-read, and only a different content counts as a change.
    fn update(&mut self, files: Vec<scan::Found>, scopes: Option<&[&str]>) -> SourceChanges {
        let mut changes = SourceChanges::default();
        let present: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let mut gone: Vec<String> = match scopes {
            None => self
                .sources
                .keys()
                .filter(|rel| !present.contains(rel.as_str()))
                .cloned()
                .collect(),
            // Only the known files under each scope (a save names one file of thousands):
            // the paths starting with it are one run of the sorted map.
            Some(scopes) => scopes
                .iter()
                .flat_map(|scope| {
                    self.sources
                        .range::<str, _>((
                            std::ops::Bound::Included(*scope),
                            std::ops::Bound::Unbounded,
                        ))
                        .map(|(rel, _)| rel)
                        .take_while(move |rel| rel.starts_with(scope))
                        .filter(move |rel| {
                            let rest = &rel[scope.len()..];
                            rest.is_empty() || rest.starts_with('/')
                        })
                })
                .filter(|rel| !present.contains(rel.as_str()))
                .cloned()
                .collect(),
        };
        gone.sort_unstable();
        gone.dedup();
        for rel in gone {
            self.sources.remove(&rel);
            changes.removed.push(PathBuf::from(rel));
        }
        // Size and mtime first: on a watcher's save, one file in thousands has moved.
        let moved: Vec<&scan::Found> = files
            .iter()
            .filter(|found| {
                self.sources.get(&found.rel).is_none_or(|known| {
                    known.fingerprint.len != found.len
                        || known.fingerprint.modified != found.modified
                })
            })
            .collect();
        let site = &*self;
        // Read and parse in parallel: a first scan reads the whole archive.
        let updates: Vec<(String, SourceState)> = moved
            .par_iter()
            // Short tasks: rayon's default few long runs can leave one thread finishing alone.
            .with_max_len(16)
            .map(|found| (found.rel.clone(), site.read_source(found)))
            .collect();
        for (rel, state) in updates {
            match self.sources.get(&rel) {
                None => changes.added.push(PathBuf::from(&rel)),
                Some(old) if old.fingerprint.hash != state.fingerprint.hash => {
                    changes.changed.push(PathBuf::from(&rel))
                }
                Some(old) if old.loaded != state.loaded => {
                    changes.changed.push(PathBuf::from(&rel))
                }
                Some(_) => {}
            }
            self.sources.insert(rel, state);
        }
        self.note_changed(&changes);
        changes
    }

    /// Reads one file that moved, keeping what is known when its content did not change.
    fn read_source(&self, found: &scan::Found) -> SourceState {
        let root = &self.paths.releases;
        let config = &self.config;
        let rel = Path::new(&found.rel);
        let known = self.sources.get(&found.rel);
        let (hash, loaded, bytes) = match source::read::read_bytes(root, rel, &config.limits) {
            Ok(bytes) => {
                let mut loaded = source::load_bytes(rel, &bytes, config);
                self.keep_identity(&found.rel, &mut loaded);
                (blake3::hash(&bytes), loaded, Some(bytes))
            }
            Err(diagnostic) => (blake3::hash(b""), Loaded::failed(diagnostic), None),
        };
        let fingerprint = Fingerprint {
            len: found.len,
            modified: found.modified,
            hash,
        };
        if let Some(known) = known
            && known.fingerprint.hash == hash
            && !known.loaded.has_errors()
        {
            // Touched but identical: remember the new mtime, nothing to rebuild.
            let mut same = known.clone();
            same.fingerprint = fingerprint;
            return same;
        }
        let mut state = SourceState {
            fingerprint,
            published: loaded.entries.iter().cloned().map(Arc::new).collect(),
            good_bytes: None,
            content: OnceLock::new(),
            loaded,
        };
        if state.is_good() {
            state.good_bytes = bytes.map(Into::into);
        } else if state.loaded.has_errors() && !state.loaded.withheld {
            // Last good version: a broken edit keeps what was published, unless the edit
            // withholds the file (an unreadable embargo or control fails closed).
            self.stand_in(&found.rel, known, &mut state);
        }
        state
    }

    /// A communiqué or event keeps the identity it was published under: the one recorded for
    /// this path, else that of a published file that vanished and whose content (or title and
    /// date) this one has: a rename. Journalists see no "new" item, the old PDF link works.
    fn keep_identity(&self, rel: &str, loaded: &mut Loaded) {
        if loaded.pinned {
            return;
        }
        let [entry] = loaded.entries.as_mut_slice() else {
            return;
        };
        if entry.kind == Kind::PressReview {
            return;
        }
        let identity = match self.state.good.get(rel) {
            Some(good) => good.identity.clone(),
            None => self.renamed_from(entry),
        };
        if let Some(identity) = identity {
            entry.key = identity.key;
            entry.slug = identity.slug;
        }
    }

    /// The identity of the one vanished, published file that `entry` continues.
    fn renamed_from(&self, entry: &Entry) -> Option<Identity> {
        // Same title or content first, the file's absence last: a stat per published file
        // for every new file made a first build of many new files quadratic.
        let content = std::cell::OnceCell::new();
        let mut candidates = self.state.good.iter().filter(|(old, good)| {
            good.identity.is_some()
                && !self.sources.contains_key(*old)
                && (good
                    .identity
                    .as_ref()
                    .is_some_and(|i| i.title == entry.title)
                    || good.content
                        == *content.get_or_init(|| content_hash(std::slice::from_ref(entry))))
                && !self.paths.releases.join(old).exists()
        });
        let (_, good) = candidates.next()?;
        // Two vanished files it could continue: no guess.
        if candidates.next().is_some() {
            return None;
        }
        let identity = good.identity.clone()?;
        identity
            .key
            .starts_with(entry.kind.slug())
            .then_some(identity)
    }

    /// Puts the last good version of `rel` online in place of a read that failed: the one
    /// this process holds, else the one kept in the state by an earlier run.
    fn stand_in(&self, rel: &str, known: Option<&SourceState>, state: &mut SourceState) {
        let good = self.state.good.get(rel);
        let published = match known {
            Some(known) if !known.published.is_empty() => known.published.clone(),
            _ => match good.and_then(|g| self.kept_version(rel, g)) {
                Some(entries) => entries,
                None => return,
            },
        };
        let since = good.map_or_else(
            || "this session".to_string(),
            |g| {
                g.since
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " ")
            },
        );
        state.published = published;
        state.loaded.diagnostics.push(
            Diagnostic::warning(rel, Problem::StillOnline { since })
                .hint(Message::new("hint-still-online")),
        );
    }

    /// The entries of a version kept by an earlier run.
    fn kept_version(&self, rel: &str, good: &GoodVersion) -> Option<Vec<Arc<Entry>>> {
        let bytes = self.store.source(&good.hash)?;
        let loaded = source::load_bytes(Path::new(rel), &bytes, &self.config);
        (!loaded.has_errors() && !loaded.entries.is_empty())
            .then(|| loaded.entries.into_iter().map(Arc::new).collect())
    }

    /// Every current diagnostic: scan problems and each file's latest read.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.scan_diagnostics.clone();
        for state in self.sources.values() {
            all.extend(state.loaded.diagnostics.iter().cloned());
        }
        all
    }

    /// Each release file and what its latest read gave, in path order.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &Loaded)> {
        self.sources
            .iter()
            .map(|(rel, s)| (rel.as_str(), &s.loaded))
    }
}
