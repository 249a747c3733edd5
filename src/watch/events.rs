//! What a batch of file events asks for: which paths to look at, or the whole tree.

use super::*;
use crate::i18n::Message;
use crate::source::scan::{is_dropping, is_release_name};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Past this many paths in one burst (a checkout, a sync), one walk of the tree is cheaper
/// than looking at each.
pub(super) const MAX_NAMED_PATHS: usize = 256;

/// What a batch of events asks for.
#[derive(Debug, Default)]
pub(super) struct Wake {
    /// Paths the events named, relative to releases/ (files or directories).
    pub(super) paths: BTreeSet<PathBuf>,
    /// Events may have been lost, or named something only a full scan understands.
    pub(super) everything: bool,
    pub(super) config: bool,
}

impl Wake {
    pub(super) fn releases(&self) -> bool {
        self.everything || !self.paths.is_empty()
    }

    pub(super) fn scope(&self) -> Scope {
        if self.everything || self.paths.len() > MAX_NAMED_PATHS {
            Scope::Everything
        } else {
            Scope::Paths(self.paths.iter().cloned().collect())
        }
    }
}

/// Which part of releases/ a rebuild compares with what is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scope {
    Everything,
    /// Relative to releases/; each may be a file or a directory, present or gone.
    Paths(Vec<PathBuf>),
}

/// Where an event says to look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hint {
    Path(PathBuf),
    Everything,
}

/// Tells events worth a rescan from the editor's and our own noise.
pub(super) struct Filter {
    pub(super) releases_root: PathBuf,
    pub(super) config_file: Option<PathBuf>,
}

impl Filter {
    pub(super) fn classify(
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

    pub(super) fn classify_event(&self, event: &DebouncedEvent, wake: &mut Wake) {
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
    pub(super) fn release_hint(&self, path: &Path, gone: bool) -> Option<Hint> {
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
