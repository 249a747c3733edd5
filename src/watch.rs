//! Watches releases/ and the settings file, and republishes what changed.
//!
//! File events are only hints. The paths they name are compared at once with what is known
//! (size, mtime, then content hash: [`Site::rescan_paths`]), so a save costs the same in a
//! large archive as in a small one. Since events can be lost or never sent (a file written
//! into a directory before it was watched, a kernel queue overflow, a network filesystem),
//! the whole tree is compared ([`Site::rescan`]) once each burst has settled, on the
//! debouncer's "rescan" signal, and periodically. [`Site::publish`] runs only if something
//! changed. Embargoes are published by a timer, with no event at all.

use crate::config::{Config, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::pipeline::{BuildReport, Paths, PipelineError, Site, SourceChanges};
use crate::source::dates::in_zone;
use crate::source::scan::{is_dropping, is_release_name};
use chrono::{DateTime, FixedOffset, Utc};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, RecommendedCache};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Default quiet time before a burst of events is handed over: short, since a rescan that
/// finds nothing costs a walk of the tree and the press office wants the feed at once.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(15);

/// Longest sleep between two looks at the stop flag, so SIGINT is answered promptly.
const STOP_POLL: Duration = Duration::from_millis(100);

/// A second rescan this long after a burst: catches files written into a directory before
/// inotify had a watch on it (`mkdir -p` then a file at once), whose events never come.
const SETTLE: Duration = Duration::from_millis(250);

/// Past this many paths in one burst (a checkout, a sync), one walk of the tree is cheaper
/// than looking at each.
const MAX_NAMED_PATHS: usize = 256;

/// How many names a log line shows before "+N more".
const NAMES_SHOWN: usize = 3;

/// The instant the watcher publishes at.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock, in the configured time zone.
    System,
    /// `start` at `origin`, then advancing with real time: `--now` pins the date while
    /// embargo timers still fire after the real delay.
    From {
        start: DateTime<FixedOffset>,
        origin: Instant,
    },
}

impl Clock {
    /// A clock reading `start` now and advancing with real time.
    pub fn starting_at(start: DateTime<FixedOffset>) -> Clock {
        Clock::From {
            start,
            origin: Instant::now(),
        }
    }

    pub fn now(&self, time_zone: chrono_tz::Tz) -> DateTime<FixedOffset> {
        match self {
            Clock::System => in_zone(Utc::now().fixed_offset(), time_zone),
            Clock::From { start, origin } => {
                let elapsed = chrono::Duration::from_std(origin.elapsed())
                    .unwrap_or(chrono::Duration::zero());
                *start + elapsed
            }
        }
    }
}

/// What to watch and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The settings file, reloaded when it changes; `None`: the built-in defaults.
    pub config_path: Option<PathBuf>,
    pub paths: Paths,
    pub clock: Clock,
    /// Quiet time before events are handed over (see [`DEFAULT_DEBOUNCE`]).
    pub debounce: Duration,
    /// Publish even when that withdraws more than half of what is online.
    pub allow_withdraw: bool,
    /// Overrides the settings' state folder.
    pub state_dir: Option<PathBuf>,
}

impl Options {
    pub fn new(config_path: Option<PathBuf>, paths: Paths, clock: Clock) -> Options {
        Options {
            config_path,
            paths,
            clock,
            debounce: DEFAULT_DEBOUNCE,
            allow_withdraw: false,
            state_dir: None,
        }
    }

    /// A site for `config` with this watcher's overrides.
    fn site(&self, mut config: Config) -> Result<Site, PipelineError> {
        if let Some(dir) = &self.state_dir {
            config.state_dir = Some(dir.clone());
        }
        let mut site = Site::new(config, self.paths.clone())?;
        site.allow_withdraw(self.allow_withdraw);
        Ok(site)
    }
}

/// Why the watcher could not start or had to stop. Problems in users' files never end it.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error("{path}: cannot watch: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("{path}: {source}")]
    Path {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the file watcher stopped unexpectedly")]
    WatcherGone,
}

impl WatchError {
    /// In the user's words where they can act on it; the system's own text otherwise.
    pub fn message(&self) -> Message {
        match self {
            WatchError::Pipeline(err) => err.message(),
            WatchError::Watch { path, source } => Message::new("watch-cannot-watch")
                .arg("path", path.display())
                .arg("detail", source),
            WatchError::WatcherGone => Message::new("watch-gone"),
            other => Message::raw(other.to_string()),
        }
    }
}

/// Why a rebuild ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The first build, before watching.
    Start,
    /// Files changed (seen through events).
    Files,
    /// Files changed that no event announced: found by the periodic safety rescan.
    SafetyRescan,
    /// The settings file changed and parsed: everything was rebuilt with a fresh site.
    Settings,
    /// An embargo ended: published with no file event.
    Embargo,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Start => "start",
            Reason::Files => "files",
            Reason::SafetyRescan => "safety rescan",
            Reason::Settings => "settings reloaded",
            Reason::Embargo => "embargo ended",
        })
    }
}

/// One rebuild: why, what changed in releases/, what publish did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub reason: Reason,
    pub at: DateTime<FixedOffset>,
    pub changes: SourceChanges,
    pub report: BuildReport,
    /// Files whose embargo (or future date) ended in this rebuild: published now.
    pub released: Vec<PathBuf>,
    /// Rescan plus publish.
    pub elapsed: Duration,
}

impl fmt::Display for Rebuild {
    /// The one log line per rebuild.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.changes;
        let r = &self.report;
        write!(f, "[{}] {}: ", self.at.format("%H:%M:%S"), self.reason)?;
        if c.is_empty() {
            f.write_str("no file changed")?;
        } else {
            write!(
                f,
                "{} added{}, {} changed{}, {} removed{}",
                c.added.len(),
                names(&c.added),
                c.changed.len(),
                names(&c.changed),
                c.removed.len(),
                names(&c.removed)
            )?;
        }
        write!(
            f,
            "; wrote {}{}, removed {}{}; {} entries, {} error(s); {} ms",
            r.written.len(),
            names(&r.written),
            r.removed.len(),
            names(&r.removed),
            r.entries,
            r.error_count(),
            self.elapsed.as_millis()
        )
    }
}

fn names(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = paths
        .iter()
        .take(NAMES_SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    let more = paths.len().saturating_sub(NAMES_SHOWN);
    if more > 0 {
        format!(" ({}, +{more} more)", shown.join(", "))
    } else {
        format!(" ({})", shown.join(", "))
    }
}

/// What the watcher tells its caller.
#[derive(Debug, Clone)]
pub enum WatchEvent {
    /// Watching has begun (after the first build): file changes from now on are seen.
    Ready,
    /// A rebuild ran; its `Display` is the log line.
    Rebuilt(Box<Rebuild>),
    /// A file's diagnostics, told once each time they change (files relative to releases/).
    Diagnostics {
        file: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    /// A file that had diagnostics has none any more.
    Resolved { file: PathBuf },
    /// A problem of the watcher or the settings (not of a release): told, then carried on.
    Problem(Message),
}

/// Builds everything, then republishes on every change until `stop` is set.
///
/// A write in progress always finishes: `stop` is only read between rebuilds.
pub fn run(
    options: Options,
    stop: &AtomicBool,
    mut on_event: impl FnMut(&WatchEvent),
) -> Result<(), WatchError> {
    let mut settings = Settings::load(options.config_path.clone())?;
    let paths = options.paths.clone();
    let clock = options.clock;
    let debounce = options.debounce;

    // Watch before the first build, so nothing saved during it goes unseen.
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    // No debounce at all would make the debouncer's thread spin.
    let debounce = debounce.max(Duration::from_millis(1));
    let notify_config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer =
        notify_debouncer_full::new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
            debounce,
            Some(tick_rate(debounce)),
            tx,
            RecommendedCache::new(),
            notify_config,
        )
        .map_err(|source| WatchError::Watch {
            path: paths.releases.clone(),
            source,
        })?;
    let releases_root = canonical(&paths.releases)?;
    debouncer
        .watch(&releases_root, RecursiveMode::Recursive)
        .map_err(|source| WatchError::Watch {
            path: paths.releases.clone(),
            source,
        })?;
    // The settings file's directory, not the file: a watch on the file itself dies with
    // the first rename-style save. Not twice if releases/ already covers it.
    let config_file = match &settings.path {
        Some(path) => {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let parent = canonical(parent)?;
            if !parent.starts_with(&releases_root) {
                debouncer
                    .watch(&parent, RecursiveMode::NonRecursive)
                    .map_err(|source| WatchError::Watch {
                        path: parent.clone(),
                        source,
                    })?;
            }
            path.file_name().map(|name| parent.join(name))
        }
        None => None,
    };
    let mut root = RootIdentity::of(&paths.releases);
    let mut next_root_check = Instant::now() + ROOT_CHECK;
    let mut filter = Filter {
        releases_root,
        config_file,
    };

    let mut state = State {
        site: options.site(settings.config.clone())?,
        clock,
        printed: BTreeMap::new(),
        next_embargo: None,
        scheduled: Vec::new(),
        held_removals: SourceChanges::default(),
    };
    state.rebuild(Reason::Start, &Scope::Everything, true, &mut on_event)?;
    on_event(&WatchEvent::Ready);

    let mut next_safety = Instant::now() + settings.rescan_interval();
    let mut settle_at: Option<Instant> = None;
    while !stop.load(Ordering::SeqCst) {
        let now = Instant::now();
        let mut deadline = next_safety.min(now + STOP_POLL);
        if let Some(at) = settle_at {
            deadline = deadline.min(at);
        }
        if let Some(at) = state.embargo_deadline() {
            deadline = deadline.min(at);
        }
        let mut wake = Wake::default();
        match rx.recv_timeout(deadline.saturating_duration_since(now)) {
            Ok(message) => {
                filter.classify(message, &mut wake, &mut on_event);
                // Whatever else is already queued belongs to the same rebuild.
                while let Ok(message) = rx.try_recv() {
                    filter.classify(message, &mut wake, &mut on_event);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(WatchError::WatcherGone),
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let now = Instant::now();
        let mut reason = Reason::Files;
        if now >= next_root_check {
            next_root_check = now + ROOT_CHECK;
            // releases/ deleted and made again, or a symlink swapped: the old watch follows
            // an inode nobody writes to any more.
            let current = RootIdentity::of(&paths.releases);
            if current.is_some() && current != root {
                if let Some(old) = &root {
                    let _ = debouncer.unwatch(&old.path);
                }
                if let Some(new) = &current {
                    match debouncer.watch(&new.path, RecursiveMode::Recursive) {
                        Ok(()) => filter.releases_root = new.path.clone(),
                        Err(err) => on_event(&WatchEvent::Problem(
                            Message::new("watch-cannot-watch")
                                .arg("path", new.path.display())
                                .arg("detail", err),
                        )),
                    }
                }
                root = current;
                wake.everything = true;
            }
        }
        if wake.releases() {
            // The named paths now; the whole tree once the burst is over, for what no
            // event named.
            settle_at = Some(now + SETTLE);
        } else if settle_at.is_some_and(|at| now >= at) {
            settle_at = None;
            wake.everything = true;
        }
        let mut outputs_damaged = false;
        if now >= next_safety {
            next_safety = now + settings.rescan_interval();
            if !wake.releases() {
                reason = Reason::SafetyRescan;
            }
            wake.everything = true;
            wake.config |= settings.path.is_some();
            // A feed or PDF deleted by hand (or by a sync) is written again.
            outputs_damaged = state.site.missing_outputs() > 0;
            if outputs_damaged {
                state.site.rewrite_all();
            }
        }
        if wake.config
            && let Some(config) = settings.reload(&mut on_event)
        {
            // New settings can change every output: start from a fresh site.
            match options.site(config) {
                Ok(site) => {
                    state.site = site;
                    report_failure(
                        state.rebuild(Reason::Settings, &Scope::Everything, true, &mut on_event),
                        &mut on_event,
                    );
                    next_safety = Instant::now() + settings.rescan_interval();
                }
                Err(err) => on_event(&WatchEvent::Problem(
                    Message::new("watch-settings-not-applied").nested("detail", err.message()),
                )),
            }
            continue;
        }
        let embargo_due = state.embargo_due();
        if embargo_due {
            reason = Reason::Embargo;
        }
        if wake.releases() || embargo_due {
            report_failure(
                state.rebuild(
                    reason,
                    &wake.scope(),
                    embargo_due || outputs_damaged,
                    &mut on_event,
                ),
                &mut on_event,
            );
        }
    }
    debouncer.stop();
    Ok(())
}

/// How often the debouncer looks for settled events: the crate's default (a quarter of the
/// debounce) adds up to 4 ms to a 15 ms debounce; an eighth halves that for a lock per tick.
fn tick_rate(debounce: Duration) -> Duration {
    (debounce / 8).max(Duration::from_millis(1)).min(debounce)
}

fn report_failure(result: Result<(), WatchError>, on_event: &mut impl FnMut(&WatchEvent)) {
    if let Err(err) = result {
        // The releases directory may be gone for a moment (a sync tool replacing it) or the
        // output disk full: say so and try again at the next event or safety rescan.
        on_event(&WatchEvent::Problem(
            Message::new("watch-rebuild-failed").nested("detail", err.message()),
        ));
    }
}

/// How often the watcher checks that releases/ is still the folder it watches.
const ROOT_CHECK: Duration = Duration::from_millis(500);

/// Which folder a path names now: its real path and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RootIdentity {
    path: PathBuf,
    device: u64,
    inode: u64,
}

impl RootIdentity {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<RootIdentity> {
        use std::os::unix::fs::MetadataExt;
        let real = path.canonicalize().ok()?;
        let meta = std::fs::metadata(&real).ok()?;
        meta.is_dir().then(|| RootIdentity {
            path: real,
            device: meta.dev(),
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<RootIdentity> {
        let real = path.canonicalize().ok()?;
        real.is_dir().then(|| RootIdentity {
            path: real,
            device: 0,
            inode: 0,
        })
    }
}

fn canonical(path: &Path) -> Result<PathBuf, WatchError> {
    path.canonicalize().map_err(|source| WatchError::Path {
        path: path.to_path_buf(),
        source,
    })
}

/// The settings in force and the bytes they were read from.
struct Settings {
    path: Option<PathBuf>,
    config: Config,
    /// What the file held when `config` was read (or last refused), to skip touches.
    bytes: Option<Vec<u8>>,
}

impl Settings {
    fn load(path: Option<PathBuf>) -> Result<Settings, WatchError> {
        let bytes = path.as_ref().and_then(|p| std::fs::read(p).ok());
        let config = Config::load(path.as_deref())?;
        Ok(Settings {
            path,
            config,
            bytes,
        })
    }

    fn rescan_interval(&self) -> Duration {
        Duration::from_secs(self.config.rescan_seconds.max(1))
    }

    /// The new settings if the file changed and parses to something different.
    fn reload(&mut self, on_event: &mut impl FnMut(&WatchEvent)) -> Option<Config> {
        let path = self.path.as_ref()?;
        let bytes = std::fs::read(path).ok();
        if bytes == self.bytes {
            return None;
        }
        self.bytes = bytes;
        match Config::load(Some(path)) {
            Ok(config) if config == self.config => None,
            Ok(config) => {
                self.config = config.clone();
                Some(config)
            }
            Err(err) => {
                // Mid-save or mistyped: keep publishing with what worked.
                on_event(&WatchEvent::Problem(
                    Message::new("watch-keeping-settings").arg("detail", err),
                ));
                None
            }
        }
    }
}

/// What a batch of events asks for.
#[derive(Debug, Default)]
struct Wake {
    /// Paths the events named, relative to releases/ (files or directories).
    paths: BTreeSet<PathBuf>,
    /// Events may have been lost, or named something only a full scan understands.
    everything: bool,
    config: bool,
}

impl Wake {
    fn releases(&self) -> bool {
        self.everything || !self.paths.is_empty()
    }

    fn scope(&self) -> Scope {
        if self.everything || self.paths.len() > MAX_NAMED_PATHS {
            Scope::Everything
        } else {
            Scope::Paths(self.paths.iter().cloned().collect())
        }
    }
}

/// Which part of releases/ a rebuild compares with what is known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    Everything,
    /// Relative to releases/; each may be a file or a directory, present or gone.
    Paths(Vec<PathBuf>),
}

/// Where an event says to look.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hint {
    Path(PathBuf),
    Everything,
}

/// Tells events worth a rescan from the editor's and our own noise.
struct Filter {
    releases_root: PathBuf,
    config_file: Option<PathBuf>,
}

impl Filter {
    fn classify(
        &self,
        message: DebounceEventResult,
        wake: &mut Wake,
        on_event: &mut impl FnMut(&WatchEvent),
    ) {
        match message {
            Ok(events) => {
                for event in &events {
                    self.classify_event(event, wake);
                }
            }
            Err(errors) => {
                for err in errors {
                    on_event(&WatchEvent::Problem(
                        Message::new("watch-file-watcher").arg("detail", err),
                    ));
                }
                // Events may have been lost with the error: look at everything.
                wake.everything = true;
                wake.config = self.config_file.is_some();
            }
        }
    }

    fn classify_event(&self, event: &DebouncedEvent, wake: &mut Wake) {
        if event.need_rescan() {
            // The kernel queue overflowed: events were lost, only a rescan knows what changed.
            wake.everything = true;
            wake.config = self.config_file.is_some();
            return;
        }
        match event.kind {
            // Our own rescans open files and directories; only a finished write matters.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) => return,
            _ => {}
        }
        let gone = matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
        );
        for path in &event.paths {
            if self.config_file.as_deref() == Some(path.as_path()) {
                wake.config = true;
                continue;
            }
            match self.release_hint(path, gone) {
                Some(Hint::Path(rel)) => {
                    wake.paths.insert(rel);
                }
                Some(Hint::Everything) => wake.everything = true,
                None => {}
            }
        }
    }

    /// Where to look when `path` changed, if it may be (or contain) a release. Errs towards
    /// looking: a needless look costs a stat, a missed one a stale feed until the settle
    /// rescan.
    fn release_hint(&self, path: &Path, gone: bool) -> Option<Hint> {
        let rel = path.strip_prefix(&self.releases_root).ok()?;
        let mut components = rel.components().peekable();
        let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
            // The root itself (moved, deleted, attributes) or a non-UTF-8 name the scan reports.
            return Some(Hint::Everything);
        };
        // Hidden directories are never scanned.
        while let Some(component) = components.next() {
            if components.peek().is_some()
                && component.as_os_str().to_string_lossy().starts_with('.')
            {
                return None;
            }
        }
        let hint = Some(Hint::Path(rel.to_path_buf()));
        if is_release_name(name) {
            return hint;
        }
        // Swap, backup, lock and temp files (`.x.md.swp`, `x.md~`, `#x#`, `~$x.docx`, our `.tmp*`).
        if is_dropping(name) {
            return None;
        }
        // Another format (`x.docx`, `x.org`): the scan names it in a warning.
        if !gone && path.is_file() {
            return hint;
        }
        // Something removed or renamed may have been a directory full of releases.
        if gone || path.is_dir() { hint } else { None }
    }
}

/// The site and what the watcher remembers between rebuilds.
struct State {
    site: Site,
    clock: Clock,
    /// Each file's diagnostics as last told, so they are told once, not on every rebuild.
    printed: BTreeMap<PathBuf, Vec<Diagnostic>>,
    next_embargo: Option<DateTime<FixedOffset>>,
    /// What the last publish held back, and until when.
    scheduled: Vec<(PathBuf, DateTime<FixedOffset>)>,
    /// What a burst with removals changed, published once it settles.
    held_removals: SourceChanges,
}

impl State {
    fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now(self.site.config().time_zone)
    }

    fn embargo_due(&self) -> bool {
        self.next_embargo.is_some_and(|at| self.now() >= at)
    }

    /// When the next embargo ends, on the monotonic clock.
    fn embargo_deadline(&self) -> Option<Instant> {
        let at = self.next_embargo?;
        let left = (at - self.now()).to_std().unwrap_or(Duration::ZERO);
        Some(Instant::now() + left)
    }

    /// Rescans `scope`; publishes if anything changed or `force`.
    fn rebuild(
        &mut self,
        reason: Reason,
        scope: &Scope,
        force: bool,
        on_event: &mut impl FnMut(&WatchEvent),
    ) -> Result<(), WatchError> {
        let started = Instant::now();
        let mut changes = match scope {
            Scope::Everything => self.site.rescan()?,
            Scope::Paths(paths) => self.site.rescan_paths(paths)?,
        };
        // Removals wait for the burst to settle (the whole-tree look that follows it): a
        // folder removed file by file must meet the wipe guard as one withdrawal, not as
        // many small ones that each look harmless.
        if let Scope::Paths(_) = scope
            && !changes.removed.is_empty()
        {
            let held = &mut self.held_removals;
            held.removed.append(&mut changes.removed);
            held.changed.append(&mut changes.changed);
            held.added.append(&mut changes.added);
            return Ok(());
        }
        if let Scope::Everything = scope {
            let held = std::mem::take(&mut self.held_removals);
            changes.removed.extend(held.removed);
            changes.changed.extend(held.changed);
            changes.added.extend(held.added);
        }
        if changes.is_empty() && !force {
            return Ok(());
        }
        let at = self.now();
        let report = self.site.publish(at)?;
        // In the background: the next save is never held up by the hub.
        // The hub answers on its own thread, after `on_event`'s caller has moved on: the
        // warning is printed there, in the locale's language.
        crate::websub::announce(self.site.config(), &report.written, |w| {
            eprintln!(
                "{}",
                crate::websub::warning_line(crate::i18n::Lang::from_env(), &w)
            )
        });
        // Only an embargo still ahead can wake us; a past one would spin.
        self.next_embargo = report.next_embargo.filter(|next| *next > at);
        let still: BTreeSet<&Path> = report
            .scheduled
            .iter()
            .map(|e| e.origin.file.as_path())
            .collect();
        let mut released: Vec<PathBuf> = self
            .scheduled
            .iter()
            .filter(|(file, until)| *until <= at && !still.contains(file.as_path()))
            .map(|(file, _)| file.clone())
            .collect();
        released.dedup();
        self.scheduled = report
            .scheduled
            .iter()
            .filter_map(|e| Some((e.origin.file.clone(), e.embargo?)))
            .collect();
        let rebuild = Rebuild {
            reason,
            at,
            changes,
            elapsed: started.elapsed(),
            released,
            report,
        };
        self.tell_diagnostics(&rebuild, on_event);
        on_event(&WatchEvent::Rebuilt(Box::new(rebuild)));
        Ok(())
    }

    fn tell_diagnostics(&mut self, rebuild: &Rebuild, on_event: &mut impl FnMut(&WatchEvent)) {
        let mut current: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for diagnostic in &rebuild.report.diagnostics {
            current
                .entry(diagnostic.file.clone())
                .or_default()
                .push(diagnostic.clone());
        }
        for list in current.values_mut() {
            list.sort_by_key(|d| (d.line, d.column));
        }
        for (file, diagnostics) in &current {
            if self.printed.get(file) != Some(diagnostics) {
                on_event(&WatchEvent::Diagnostics {
                    file: file.clone(),
                    diagnostics: diagnostics.clone(),
                });
            }
        }
        for file in self.printed.keys() {
            if !current.contains_key(file) && !rebuild.changes.removed.contains(file) {
                on_event(&WatchEvent::Resolved { file: file.clone() });
            }
        }
        self.printed = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> Filter {
        Filter {
            releases_root: PathBuf::from("/r"),
            config_file: Some(PathBuf::from("/c/communique.toml")),
        }
    }

    #[test]
    fn events_name_releases_and_folders_but_not_editor_noise() {
        let f = filter();
        let at = |rel: &str| Some(Hint::Path(PathBuf::from(rel)));
        assert_eq!(
            f.release_hint(Path::new("/r/communiques/a.md"), false),
            at("communiques/a.md")
        );
        assert_eq!(
            f.release_hint(Path::new("/r/communiques/.a.md.swp"), false),
            None
        );
        assert_eq!(
            f.release_hint(Path::new("/r/communiques/a.md~"), true),
            None
        );
        assert_eq!(f.release_hint(Path::new("/r/.git/index"), false), None);
        assert_eq!(
            f.release_hint(Path::new("/r/communiques/~$a.md"), false),
            None
        );
        // A folder moved out no longer exists to be asked whether it was one.
        assert_eq!(
            f.release_hint(Path::new("/r/archives.2023"), true),
            at("archives.2023")
        );
        assert_eq!(
            f.release_hint(Path::new("/r"), false),
            Some(Hint::Everything)
        );
        assert_eq!(f.release_hint(Path::new("/elsewhere/a.md"), false), None);
    }

    #[test]
    fn a_lost_event_widens_the_look_to_the_whole_tree() {
        let f = filter();
        let mut wake = Wake::default();
        let mut told = Vec::new();
        let event = |path: &str| {
            DebouncedEvent::new(
                notify::Event::new(EventKind::Create(notify::event::CreateKind::File))
                    .add_path(PathBuf::from(path)),
                Instant::now(),
            )
        };
        f.classify(
            Ok(vec![event("/r/a.md"), event("/r/b.md"), event("/r/a.md")]),
            &mut wake,
            &mut |e| told.push(format!("{e:?}")),
        );
        assert_eq!(
            wake.scope(),
            Scope::Paths(vec![PathBuf::from("a.md"), PathBuf::from("b.md")])
        );
        let burst = Wake {
            paths: (0..=MAX_NAMED_PATHS)
                .map(|i| PathBuf::from(format!("{i}.md")))
                .collect(),
            ..Wake::default()
        };
        assert_eq!(burst.scope(), Scope::Everything);
        let overflow = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        f.classify(
            Ok(vec![DebouncedEvent::new(overflow, Instant::now())]),
            &mut wake,
            &mut |e| told.push(format!("{e:?}")),
        );
        assert_eq!(wake.scope(), Scope::Everything);
        assert!(told.is_empty());
    }

    #[test]
    fn pinned_clock_advances_with_real_time() {
        let start = DateTime::parse_from_rfc3339("2024-03-01T08:00:00+01:00").unwrap();
        let clock = Clock::starting_at(start);
        let now = clock.now(chrono_tz::Europe::Paris);
        assert!(now >= start && now - start < chrono::Duration::seconds(5));
        assert_eq!(now.offset(), start.offset());
    }

    #[test]
    fn log_line_names_the_first_files() {
        let rebuild = Rebuild {
            reason: Reason::Files,
            at: DateTime::parse_from_rfc3339("2024-03-01T08:00:00+01:00").unwrap(),
            changes: SourceChanges {
                added: (0..5).map(|i| PathBuf::from(format!("c/{i}.md"))).collect(),
                changed: vec![],
                removed: vec![PathBuf::from("old.md")],
            },
            report: BuildReport::default(),
            released: Vec::new(),
            elapsed: Duration::from_millis(7),
        };
        let line = rebuild.to_string();
        assert!(line.starts_with("[08:00:00] files: 5 added (c/0.md, c/1.md, c/2.md, +2 more)"));
        assert!(line.contains("1 removed (old.md)"));
        assert!(line.ends_with("7 ms"));
    }
}
