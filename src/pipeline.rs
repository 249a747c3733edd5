//! Orchestrates load → catalog → render → publish. `build` runs it once; the watcher keeps a
//! `Site` alive and calls `rescan` + `publish` again, so both always render the same way.

use crate::catalog::{self, Catalog};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::feeds::{self, PdfSizes};
use crate::model::{Entry, Kind, same_entry};
use crate::pdf;
use crate::publish::{Outcome, Publisher};
use crate::source::{self, Loaded, scan};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
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
    published: Vec<Arc<Entry>>,
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct RenderedPdf {
    /// Hash of what the PDF depends on ([`pdf_input`]).
    input: String,
    len: u64,
    /// blake3 of the PDF's bytes: after a crash between a PDF write and the manifest write,
    /// the file on disk may be another version of the same length.
    hash: String,
    /// The entry `input` was last found equal to, while this process holds it: the same
    /// entry next time means the same input, without hashing every communiqué on each save.
    #[serde(skip)]
    entry: Option<Arc<Entry>>,
}

impl RenderedPdf {
    /// Same file, same input: what the manifest records.
    fn same_record(&self, other: &RenderedPdf) -> bool {
        (&self.input, self.len, &self.hash) == (&other.input, other.len, &other.hash)
    }
}

/// Lets a later `build` skip PDFs whose communiqué did not change. Derived like every output.
const MANIFEST: &str = ".communique-manifest.json";

/// The releases as last read, and what was last published from them.
pub struct Site {
    config: Config,
    paths: Paths,
    assets: pdf::Assets,
    /// By path relative to releases/, as UTF-8 (compared as bytes: this map is walked on
    /// every event).
    sources: BTreeMap<String, SourceState>,
    scan_diagnostics: Vec<Diagnostic>,
    pdfs: BTreeMap<String, RenderedPdf>,
    /// `pdfs` differs from the manifest on disk (always true for a new `Site`).
    manifest_outdated: bool,
    /// What the previous publish prepared for the feeds.
    feed_cache: feeds::FeedCache,
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
            manifest_outdated: true,
            feed_cache: feeds::FeedCache::default(),
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
        self.check_releases()?;
        let (files, diagnostics) = scan::scan(&self.paths.releases);
        self.scan_diagnostics = diagnostics;
        Ok(self.update(files, |_| true))
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
        let in_scope = |rel: &str| {
            scopes.iter().any(|scope| {
                rel.strip_prefix(scope)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        };
        Ok(self.update(files, in_scope))
    }

    fn check_releases(&self) -> Result<(), PipelineError> {
        if self.paths.releases.is_dir() {
            return Ok(());
        }
        Err(PipelineError::Releases {
            path: self.paths.releases.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        })
    }

    /// Takes in what a scan found: files in scope that it did not find are gone, files whose
    /// size or mtime moved are re-read, and only a different content counts as a change.
    fn update(
        &mut self,
        files: Vec<scan::Found>,
        in_scope: impl Fn(&str) -> bool,
    ) -> SourceChanges {
        let mut changes = SourceChanges::default();
        let present: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let gone: Vec<String> = self
            .sources
            .keys()
            .filter(|rel| in_scope(rel) && !present.contains(rel.as_str()))
            .cloned()
            .collect();
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
        let root = &self.paths.releases;
        let config = &self.config;
        let previous = &self.sources;
        // Read and parse in parallel: a first scan reads the whole archive.
        let updates: Vec<(String, SourceState)> = moved
            .par_iter()
            .filter_map(|found| {
                let rel = Path::new(&found.rel);
                let known = previous.get(&found.rel);
                let (hash, loaded) = match source::read::read_bytes(root, rel, &config.limits) {
                    Ok(bytes) => (
                        blake3::hash(&bytes),
                        source::load_bytes(rel, &bytes, config),
                    ),
                    Err(diagnostic) => (blake3::hash(b""), Loaded::failed(diagnostic)),
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
                    return Some((found.rel.clone(), same));
                }
                let published = match known {
                    // Last good version: a broken edit keeps what was published, unless
                    // the edit withholds the file (an unreadable embargo fails closed).
                    Some(known)
                        if loaded.has_errors() && loaded.entries.is_empty() && !loaded.withheld =>
                    {
                        known.published.clone()
                    }
                    _ => loaded.entries.iter().cloned().map(Arc::new).collect(),
                };
                Some((
                    found.rel.clone(),
                    SourceState {
                        fingerprint,
                        loaded,
                        published,
                    },
                ))
            })
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
        changes
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
        let entries = self
            .sources
            .values()
            .flat_map(|s| s.published.iter().cloned());
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
        // One listing of pdf/ tells which are there (a stat per communiqué costs more on a
        // large archive) and, at the end, which are left over.
        let on_disk: HashSet<String> = publisher
            .list(Path::new("pdf"), "pdf")
            .into_iter()
            .filter_map(|rel| Some(rel.file_stem()?.to_str()?.to_string()))
            .collect();
        let new_pdfs = self.render_pdfs(&catalog, &on_disk, &mut diagnostics);
        report.pdfs_rendered = new_pdfs.len();
        let sizes: PdfSizes = self
            .pdfs
            .iter()
            .map(|(slug, pdf)| (slug.clone(), pdf.len))
            .collect();

        // 2. One writer thread takes the PDFs, then each feed as soon as it is rendered:
        // writing overlaps rendering, and the queue's order keeps a feed from reaching the
        // disk before a PDF it links.
        let new_slugs: Vec<String> = new_pdfs.iter().map(|(slug, _)| slug.clone()).collect();
        let mut produced: HashSet<PathBuf> = HashSet::new();
        let (written, rendered) = std::thread::scope(|scope| {
            let (queue, files) = mpsc::channel::<(PathBuf, Vec<u8>)>();
            let writer = scope.spawn(|| write_in_order(&publisher, files));
            // A closed queue means the writer failed; its error is returned below.
            for (slug, bytes) in new_pdfs {
                let _ = queue.send((feeds::pdf_path(&slug), bytes));
            }
            let rendered = feeds::render_feeds_cached(
                &catalog,
                &self.config,
                &sizes,
                now,
                &mut self.feed_cache,
                |file| {
                    produced.insert(file.path.clone());
                    // Reused bytes were written by the previous publish (a failed one
                    // clears the cache below).
                    if !file.reused {
                        let _ = queue.send((file.path.clone(), file.bytes.clone()));
                    }
                },
            );
            drop(queue);
            let written = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (written, rendered)
        });
        match written {
            Ok(written) => report.written.extend(written),
            Err(err) => {
                // Whether those PDFs reached the disk is unknown: render them again next time.
                for slug in &new_slugs {
                    self.pdfs.remove(slug);
                }
                self.manifest_outdated = true;
                // Nor whether the feeds did: hand every one to the writer next time.
                self.feed_cache = feeds::FeedCache::default();
                return Err(err.into());
            }
        }
        rendered?;

        // 3. Only then remove PDFs no feed links any more (deleted, unpublished, embargoed).
        for slug in on_disk.iter().filter(|slug| !self.pdfs.contains_key(*slug)) {
            let rel = feeds::pdf_path(slug);
            if publisher.remove(&rel)? {
                report.removed.push(rel);
            }
        }
        // Feeds no longer produced (a tag gone, a shorter history) must not keep serving.
        for rel in crate::stale::stale_feeds(&self.paths.out, &produced) {
            if publisher.remove(&rel)? {
                report.removed.push(rel);
            }
        }
        report.removed.sort();
        if self.manifest_outdated {
            let manifest = serde_json::to_vec_pretty(&self.pdfs).unwrap_or_default();
            if publisher.write(Path::new(MANIFEST), &manifest)? == Outcome::Written {
                report.written.push(PathBuf::from(MANIFEST));
            }
            self.manifest_outdated = false;
        }
        report.diagnostics = diagnostics;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Renders the PDFs of the catalog's communiqués that are missing from pdf/ or out of
    /// date, and records them; returns them (slug, bytes) for writing. A communiqué whose
    /// PDF cannot be rendered stays in the feeds without one, with an error.
    fn render_pdfs(
        &mut self,
        catalog: &Catalog,
        on_disk: &HashSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, Vec<u8>)> {
        let config = &self.config;
        let assets = &self.assets;
        let known_pdfs = &mut self.pdfs;
        let mut published: HashSet<&str> = HashSet::new();
        let mut to_render: Vec<(&Arc<Entry>, String)> = Vec::new();
        for entry in catalog
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Communique)
        {
            published.insert(&entry.slug);
            let known = known_pdfs
                .get_mut(&entry.slug)
                .filter(|_| on_disk.contains(&entry.slug));
            let Some(known) = known else {
                to_render.push((entry, pdf_input(entry, config)));
                continue;
            };
            if known.entry.as_ref().is_some_and(|e| same_entry(e, entry)) {
                continue;
            }
            let input = pdf_input(entry, config);
            if known.input == input {
                known.entry = Some(Arc::clone(entry));
            } else {
                to_render.push((entry, input));
            }
        }
        let rendered: Vec<_> = to_render
            .into_par_iter()
            .map(|(entry, input)| (entry, input, pdf::render(entry, config, assets)))
            .collect();
        let mut new_pdfs = Vec::with_capacity(rendered.len());
        for (entry, input, result) in rendered {
            match result {
                Ok(bytes) => {
                    let pdf = RenderedPdf {
                        input,
                        len: bytes.len() as u64,
                        hash: blake3::hash(&bytes).to_hex().to_string(),
                        entry: Some(Arc::clone(entry)),
                    };
                    self.manifest_outdated |= known_pdfs
                        .get(&entry.slug)
                        .is_none_or(|before| !before.same_record(&pdf));
                    known_pdfs.insert(entry.slug.clone(), pdf);
                    new_pdfs.push((entry.slug.clone(), bytes));
                }
                Err(err) => {
                    self.manifest_outdated |= known_pdfs.remove(&entry.slug).is_some();
                    diagnostics.push(
                        Diagnostic::error(&entry.origin.file, Problem::Other(err.to_string()))
                            .hint("the communiqué is in the feeds without its PDF; report this with the file"),
                    );
                }
            }
        }
        let before = known_pdfs.len();
        known_pdfs.retain(|slug, _| published.contains(slug.as_str()));
        self.manifest_outdated |= known_pdfs.len() != before;
        new_pdfs
    }
}

/// Writes what arrives, in order, until the queue closes or a write fails; returns the paths
/// whose bytes changed.
fn write_in_order(
    publisher: &Publisher,
    files: mpsc::Receiver<(PathBuf, Vec<u8>)>,
) -> Result<Vec<PathBuf>, crate::publish::PublishError> {
    let mut written = Vec::new();
    for (path, bytes) in files {
        if publisher.write(&path, &bytes)? == Outcome::Written {
            written.push(path.clone());
        }
    }
    Ok(written)
}

/// What a PDF depends on: the entry, the settings the renderer reads, the renderer's version.
fn pdf_input(entry: &Entry, c: &Config) -> String {
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
