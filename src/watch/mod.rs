//! Watches releases/ and the settings file, and republishes what changed.
//!
//! File events are only hints. The paths they name are compared at once with what is known
//! (size, mtime, then content hash: [`Site::rescan_paths`]), so a save costs the same in a
//! large archive as in a small one. Since events can be lost or never sent (a file written
//! into a directory before it was watched, a kernel queue overflow, a network filesystem),
//! the whole tree is compared ([`Site::rescan`]) once each burst has settled, on the
//! debouncer's "rescan" signal, and periodically. [`Site::publish`] runs only if something
//! changed. Embargoes are published by a timer, with no event at all. A file closed after
//! writing is looked at without waiting for the burst to settle (`tee`).
//!
//! `clock` is the instant it publishes at, `settings` the settings file, `events` tells
//! events worth a rescan from noise, `root` notices a replaced releases/ folder, `state`
//! rebuilds and reports, `log` is the one line per rebuild, `tee` hands closed files over
//! ahead of the debouncer.

mod clock;
mod deadlines;
mod events;
mod log;
mod root;
mod settings;
mod state;
mod tee;

pub use clock::Clock;
pub use log::{Reason, Rebuild};

use deadlines::Deadlines;
use events::{Filter, Scope, Wake};
use root::RootIdentity;
use settings::Settings;
use state::State;
use tee::Tee;

use crate::config::{Config, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::pipeline::{Paths, PipelineError, Site, SourceChanges};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, RecommendedCache};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Default quiet time before a burst of events is handed over: short, since a rescan that
/// finds nothing costs a walk of the tree and the press office wants the feed at once.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(15);

/// What to watch and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The settings file, reloaded when it changes; `None`: the built-in defaults.
    pub config_path: Option<PathBuf>,
    /// The releases folder watched and the output folder published to.
    pub paths: Paths,
    /// The instant every publish is made at.
    pub clock: Clock,
    /// Quiet time before events are handed over (see [`DEFAULT_DEBOUNCE`]).
    pub debounce: Duration,
    /// Publish even when that withdraws more than half of what is online.
    pub allow_withdraw: bool,
    /// Overrides the settings' state folder.
    pub state_dir: Option<PathBuf>,
}

impl Options {
    /// These paths and clock, with the default debounce, no withdrawal allowed and the
    /// settings' state folder.
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
    /// The settings file is refused at start.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The first build, or a later publish, could not complete.
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    /// The system refused to watch a folder.
    #[error("{path}: cannot watch: {source}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The file-watching library's error.
        source: notify::Error,
    },
    /// A watched path cannot be resolved to an absolute one (missing, unreadable).
    #[error("{path}: {source}")]
    Path {
        /// The path, as given.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file-watching thread ended.
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

/// What the watcher tells its caller.
#[derive(Debug, Clone)]
pub enum WatchEvent {
    /// Watching has begun (after the first build): file changes from now on are seen.
    Ready,
    /// A rebuild ran; its `Display` is the log line.
    Rebuilt(Box<Rebuild>),
    /// A file's diagnostics, told once each time they change (files relative to releases/).
    Diagnostics {
        /// The release file.
        file: PathBuf,
        /// All of its diagnostics now.
        diagnostics: Vec<Diagnostic>,
    },
    /// A file that had diagnostics has none any more.
    Resolved {
        /// The release file, relative to releases/.
        file: PathBuf,
    },
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
    // A file closed after writing skips the debounce (see `tee`).
    let mut debouncer = tee::with_side_channel(tx.clone(), || {
        notify_debouncer_full::new_debouncer_opt::<_, Tee<RecommendedWatcher>, RecommendedCache>(
            debounce,
            Some(tick_rate(debounce)),
            tx,
            RecommendedCache::new(),
            notify_config,
        )
    })
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

    let mut deadlines = Deadlines::new(Instant::now(), settings.rescan_interval());
    while !stop.load(Ordering::SeqCst) {
        let wait = deadlines.wait(Instant::now(), state.embargo_deadline());
        let mut wake = Wake::default();
        match rx.recv_timeout(wait) {
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
        if deadlines.root_check_due(now) {
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
            deadlines.burst(now);
        } else if deadlines.settled(now) {
            wake.everything = true;
        }
        let mut outputs_damaged = false;
        if deadlines.safety_due(now, settings.rescan_interval()) {
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
                    deadlines.rescanned(Instant::now(), settings.rescan_interval());
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
    // Not waiting for the debouncer's next tick (up to an eighth of the debounce): its
    // thread ends on its own and finds the receiver gone.
    debouncer.stop_nonblocking();
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

fn canonical(path: &Path) -> Result<PathBuf, WatchError> {
    path.canonicalize().map_err(|source| WatchError::Path {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests;
