//! Orchestrates load → catalog → render → publish. `build` runs it once; the watcher keeps a
//! `Site` alive and calls `rescan` + `publish` again, so both always render the same way.
//!
//! `sources` knows the release files, `pdfs` the rendered PDFs; this module publishes, guarded:
//! one writer per output folder, nothing removed that communique did not write, and no
//! publish that would withdraw most of what is online by accident.

mod guard;
mod memory;
mod messages;
mod pdfs;
mod settled;
mod sources;
mod stale;
mod status;
mod writers;

pub use settled::unchanged;
pub use sources::SourceChanges;
pub use status::{Listed, Status, Summary};

use crate::catalog::{self, Catalog};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::feeds::{self, PdfSizes};
use crate::model::Entry;
use crate::pdf;
use crate::publish::Publisher;
use crate::state::{self, State, Store};
use chrono::{DateTime, FixedOffset};
use pdfs::RenderedPdf;
use rustc_hash::FxHashSet;
use sources::SourceState;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use writers::{InOrder, Staging};

/// Where releases are read and outputs written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The folder of release files (`releases/`).
    pub releases: PathBuf,
    /// The output folder that is served (`feeds/`, `pdf/`…).
    pub out: PathBuf,
}

/// Why a build could not complete (a user's file never causes this: it gives diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The releases folder cannot be listed.
    #[error("{path}: cannot read the releases directory: {source}")]
    Releases {
        /// The releases folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The releases folder holds no release: nothing is published, nothing removed.
    #[error("{path}: no release found; nothing was published or removed (an unmounted folder?)")]
    NoReleases {
        /// The releases folder.
        path: PathBuf,
    },
    /// The publish would withdraw more than half of what is online, so nothing is done.
    #[error(
        "this build would withdraw {withdrawn} of the {published} published entries (e.g. {examples}); nothing was written or removed"
    )]
    WouldWithdraw {
        /// How many published entries would go.
        withdrawn: usize,
        /// How many entries are online now.
        published: usize,
        /// Up to three release files of the withdrawn entries, comma-separated.
        examples: String,
    },
    /// Writing or removing an output file failed.
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
    /// Reading, saving or locking the state failed.
    #[error("state: {0}")]
    State(#[from] state::StateError),
    /// A feed could not be rendered.
    #[error(transparent)]
    Feed(#[from] feeds::FeedError),
    /// A configured font or logo cannot be used.
    #[error("PDF assets: {0}")]
    Assets(#[from] pdf::PdfError),
}

/// What a publish did, for the log line and for tests.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// How many entries are published.
    pub entries: usize,
    /// How many PDFs were rendered (not reused from an earlier publish).
    pub pdfs_rendered: usize,
    /// Output files whose bytes changed, relative to the output folder, in writing order.
    pub written: Vec<PathBuf>,
    /// Output files removed, relative to the output folder, sorted.
    pub removed: Vec<PathBuf>,
    /// Every file's diagnostics and the merge's.
    pub diagnostics: Vec<Diagnostic>,
    /// When the next held-back entry is due, if any: the watcher publishes again then.
    pub next_embargo: Option<DateTime<FixedOffset>>,
    /// Held back at this publish (embargo or future date), soonest first.
    pub scheduled: Vec<Arc<Entry>>,
    /// Wall-clock time the publish took.
    pub elapsed: Duration,
    /// When what this publish wrote stops holding without any file changing (an embargo
    /// ends, an event passes).
    pub valid_until: Option<DateTime<FixedOffset>>,
}

impl BuildReport {
    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Told when another process holds the output folder: its id, if it wrote one.
pub type LockWait = fn(&Path, Option<u32>);

/// The releases as last read, and what was last published from them.
pub struct Site {
    config: Config,
    paths: Paths,
    assets: pdf::Assets,
    /// By path relative to releases/, as UTF-8 (compared as bytes: this map is walked on
    /// every event).
    sources: BTreeMap<String, SourceState>,
    scan_diagnostics: Vec<crate::diagnostic::Diagnostic>,
    pdfs: BTreeMap<String, RenderedPdf>,
    store: Store,
    /// What the previous publish left (its `pdfs` are kept in `self.pdfs` meanwhile).
    state: State,
    /// `pdfs` differs from the saved state (always true for a new `Site`).
    state_outdated: bool,
    /// Releases (relative paths) added, changed or removed since their last good versions
    /// were recorded: only those are looked at again (none for the watcher's publish at an
    /// embargo's end, or a rebuild for a deleted output).
    unremembered: BTreeSet<String>,
    /// Kept versions no longer referenced were removed by this process (a crash may have
    /// left some behind: the first save looks at them all, later ones at those it replaced).
    sources_pruned: bool,
    /// What the previous publish prepared for the feeds.
    feed_cache: feeds::FeedCache,
    cleaned_temp_files: bool,
    allow_withdraw: bool,
    on_lock_wait: LockWait,
    /// The PDFs in pdf/ (by slug) as the last publish left them; `None`: list them again.
    pdf_listing: Option<FxHashSet<String>>,
    /// What the previous catalog derived from each entry (behind a lock: `catalog` reads
    /// the site).
    catalog_memo: std::sync::Mutex<catalog::Memo>,
    /// `pdfs` holds only records whose file has the bytes they describe (see
    /// [`Site::check_pdf_records`]).
    pdfs_checked: bool,
    /// Each known PDF's size, as the feeds last got them (kept: a save changes one).
    pdf_sizes: PdfSizes,
    /// The communiqués whose PDF the last publish found up to date.
    pdfs_current: pdfs::UpToDate,
    /// The entries of the catalog last remembered in the state (whose keys the state's
    /// owners name online), for the wipe guard to compare with; `None`: unknown.
    published: Option<Vec<Arc<Entry>>>,
    /// Every feed file the last feed render produced is in the state's written files, and
    /// no other feed file is.
    feeds_recorded: bool,
}

impl Site {
    /// A site with nothing read yet, its state loaded from the state folder; fails when a
    /// configured font or logo cannot be read or used.
    pub fn new(config: Config, paths: Paths) -> Result<Site, PipelineError> {
        let assets = pdf::Assets::load(&config.pdf)?;
        let store = Store::new(&state::dir_for(&config, &paths.out));
        let mut state = store.load();
        let mut records = std::mem::take(&mut state.pdfs);
        if records.is_empty() {
            // An earlier version kept its records inside the output folder.
            records = std::fs::read(paths.out.join(state::LEGACY_MANIFEST))
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default();
            for slug in records.keys() {
                state.written.insert(pdf_rel(slug));
            }
        }
        // Trusted only once checked against the files, at the first publish.
        let pdfs: BTreeMap<String, RenderedPdf> = records
            .into_iter()
            .map(|(slug, record)| {
                let pdf = RenderedPdf {
                    record,
                    entry: None,
                };
                (slug, pdf)
            })
            .collect();
        Ok(Site {
            config,
            paths,
            assets,
            sources: BTreeMap::new(),
            scan_diagnostics: Vec::new(),
            pdfs,
            store,
            state,
            state_outdated: true,
            unremembered: BTreeSet::new(),
            sources_pruned: false,
            feed_cache: feeds::FeedCache::default(),
            cleaned_temp_files: false,
            allow_withdraw: false,
            on_lock_wait: |_, _| {},
            pdf_listing: None,
            catalog_memo: std::sync::Mutex::default(),
            pdfs_checked: false,
            pdf_sizes: PdfSizes::new(),
            pdfs_current: pdfs::UpToDate::default(),
            published: None,
            feeds_recorded: false,
        })
    }

    /// The settings it was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Where it reads and writes.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// Where the state of this output folder is kept.
    pub fn state_dir(&self) -> &Path {
        self.store.dir()
    }

    /// How many files this output folder should hold (written by communique, not removed)
    /// are missing: a feed or PDF deleted behind communique's back.
    pub fn missing_outputs(&self) -> usize {
        self.state
            .written
            .iter()
            .filter(|rel| !self.paths.out.join(rel).exists())
            .count()
    }

    /// Hands every output to the writer at the next publish, even those whose bytes it
    /// believes written: after outputs were found missing or altered.
    pub fn rewrite_all(&mut self) {
        self.feed_cache = self.fresh_feed_cache();
        self.pdf_listing = None;
    }

    /// An empty feed cache, as forgetful as the one it replaces.
    fn fresh_feed_cache(&self) -> feeds::FeedCache {
        let mut cache = feeds::FeedCache::default();
        cache.forget_files = self.feed_cache.forget_files;
        cache
    }

    /// For a single look (`build`, `check`, `list`): keeps no rendered feed nor catalog memo
    /// for a next one, so that the thousands of archive pages of a large archive are never
    /// all in memory at once.
    pub fn publish_once(&mut self) {
        self.feed_cache.forget_files = true;
    }

    /// Lets a publish withdraw more than half of what is online (a deliberate clean-up).
    pub fn allow_withdraw(&mut self, allow: bool) {
        self.allow_withdraw = allow;
    }

    /// Called when a publish must wait for another process writing the same output folder.
    pub fn on_lock_wait(&mut self, notify: LockWait) {
        self.on_lock_wait = notify;
    }

    /// The catalog at `now`, with the diagnostics of every file and of the merge.
    pub fn catalog(&self, now: DateTime<FixedOffset>) -> (Catalog, Vec<Diagnostic>) {
        let mut diagnostics = self.diagnostics();
        let entries = self.sources.values().flat_map(|s| s.published.iter());
        let owners = &self.state.owners;
        if self.feed_cache.forget_files {
            // A single publish: no next catalog to patch, no memo worth its memory.
            let catalog = catalog::assemble_with(entries.cloned(), now, owners, &mut diagnostics);
            return (catalog, diagnostics);
        }
        // Borrowed, not copied: the watcher assembles a catalog on every save.
        // A memo poisoned by a panic elsewhere is only a cache, valid in any state.
        let mut memo = self.catalog_memo.lock().unwrap_or_else(|poisoned| {
            self.catalog_memo.clear_poison();
            poisoned.into_inner()
        });
        let catalog =
            catalog::assemble_memo_shared(entries, now, owners, &mut memo, &mut diagnostics);
        (catalog, diagnostics)
    }

    /// Renders and writes everything that is out of date at `now`.
    pub fn publish(&mut self, now: DateTime<FixedOffset>) -> Result<BuildReport, PipelineError> {
        let started = Instant::now();
        let out = self.paths.out.clone();
        let notify = self.on_lock_wait;
        let _lock = self.store.lock(|pid| notify(&out, pid))?;
        let publisher = Publisher::new(&self.paths.out)?;
        if !self.cleaned_temp_files {
            publisher.remove_stale_temp_files();
            self.cleaned_temp_files = true;
        }
        self.check_pdf_records();
        self.date_corrections(now);
        let (catalog, mut diagnostics) = self.catalog(now);
        self.guard_withdrawal(&catalog)?;
        let mut report = BuildReport {
            entries: catalog.entries.len(),
            next_embargo: catalog.next_embargo,
            scheduled: catalog.scheduled.clone(),
            valid_until: settled::valid_until(&catalog, now),
            ..BuildReport::default()
        };

        // 1. PDFs first: a feed must never link a PDF that is not there yet.
        // One listing of pdf/ tells which are there (a stat per communiqué costs more on a
        // large archive) and, at the end, which are left over. Kept from the previous
        // publish (listing 10,000 PDFs on each save costs more than the rest of it) until
        // outputs are found missing (`rewrite_all`). Taken, so a failed publish lists again.
        let listing = self.pdf_listing.take();
        if listing.is_none() {
            // What was found up to date was found in the listing now dropped.
            self.pdfs_current.clear();
        }
        let mut on_disk: FxHashSet<String> = match listing {
            Some(listing) => listing,
            None => publisher
                .list(Path::new("pdf"), "pdf")
                .into_iter()
                .filter_map(|rel| Some(rel.file_stem()?.to_str()?.to_string()))
                .collect(),
        };
        // 2. Each PDF is staged (written beside its place) by the thread that rendered it, and
        // all are committed together. Only once every PDF is on disk are the feeds rendered,
        // staged and committed in their order: a feed never reaches the disk before a PDF it
        // links.
        let mut produced: HashSet<PathBuf> = HashSet::new();
        let pdfs = Staging::default();
        let new_slugs = self.render_pdfs(&catalog, &on_disk, &mut diagnostics, |slug, bytes| {
            pdfs.stage(&publisher, &feeds::pdf_path(&slug), &bytes);
        });
        report.pdfs_rendered = new_slugs.len();
        let mut rendered = Ok(());
        let recorded = std::mem::replace(&mut self.feeds_recorded, false);
        let written = if pdfs.len() >= writers::PDFS_SYNCED_WHILE_FEEDS_RENDER {
            std::thread::scope(|scope| {
                let committing = &publisher;
                let pdfs_committed = scope.spawn(move || pdfs.commit(committing));
                // Nothing may go out before the PDFs: no feed file is put in place at once.
                let mut feed_files = InOrder::new(0);
                rendered =
                    self.stage_feeds(&catalog, now, &publisher, &mut produced, &mut feed_files);
                let mut written = pdfs_committed
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
                written.extend(feed_files.commit(&publisher)?);
                Ok(written)
            })
        } else {
            pdfs.commit(&publisher).and_then(|mut written| {
                // The main feed's current Atom, RSS and JSON go out as soon as they are rendered.
                let mut feed_files = InOrder::new(3);
                rendered =
                    self.stage_feeds(&catalog, now, &publisher, &mut produced, &mut feed_files);
                written.extend(feed_files.commit(&publisher)?);
                Ok(written)
            })
        };
        match written {
            Ok(written) => report.written.extend(written),
            Err(err) => {
                // Whether those PDFs reached the disk is unknown: render them again next time.
                for slug in &new_slugs {
                    self.pdfs.remove(slug);
                }
                self.pdfs_current.clear();
                self.state_outdated = true;
                // Nor whether the feeds did: hand every one to the writer next time.
                self.feed_cache = self.fresh_feed_cache();
                return Err(err.into());
            }
        }
        // Every other PDF known was recorded as written when it was (or by the run that
        // wrote it): only this publish's are new.
        for slug in &new_slugs {
            self.state.written.insert(pdf_rel(slug));
        }
        rendered?;

        // 3. Only then remove PDFs no feed links any more (deleted, unpublished, embargoed),
        // and only those communique wrote: a PDF put there by hand stays.
        let mut leftovers: Vec<&String> = on_disk
            .iter()
            .filter(|slug| !self.pdfs.contains_key(*slug))
            .collect();
        leftovers.sort();
        let mut gone = Vec::new();
        for slug in leftovers {
            let rel = feeds::pdf_path(slug);
            if self.state.written.remove(&pdf_rel(slug)) && publisher.remove(&rel)? {
                report.removed.push(rel);
                gone.push(slug.clone());
            }
        }
        for slug in gone {
            on_disk.remove(&slug);
        }
        on_disk.extend(new_slugs);
        self.pdf_listing = Some(on_disk);
        if !(recorded && self.feed_cache.same_files()) {
            self.remove_stale_feeds(&publisher, produced, &mut report.removed)?;
        }
        self.feeds_recorded = true;
        if publisher.remove(Path::new(state::LEGACY_MANIFEST))? {
            report.removed.push(PathBuf::from(state::LEGACY_MANIFEST));
        }
        report.removed.sort();
        // Unknown while the state changes (a failed save may leave it half done).
        self.published = None;
        self.remember(&catalog, now)?;
        self.published = Some(catalog.entries);
        report.diagnostics = diagnostics;
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

fn pdf_rel(slug: &str) -> String {
    feeds::pdf_path(slug).to_string_lossy().into_owned()
}

/// One complete build: read every release, publish at `now`.
pub fn build(
    config: Config,
    paths: Paths,
    now: DateTime<FixedOffset>,
) -> Result<BuildReport, PipelineError> {
    if let Some((_, report)) = unchanged(&config, &paths, now) {
        return Ok(report);
    }
    let mut site = Site::new(config, paths)?;
    site.publish_once();
    site.rescan()?;
    let report = site.publish(now)?;
    site.settle(&report, &site.summary(now), now);
    Ok(report)
}
