//! The one log line per rebuild, and why it ran.

use crate::pipeline::{BuildReport, SourceChanges};
use chrono::{DateTime, FixedOffset};
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// How many names a log line shows before "+N more".
pub(super) const NAMES_SHOWN: usize = 3;

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
    /// What set it off.
    pub reason: Reason,
    /// The instant it published at (the watcher's clock).
    pub at: DateTime<FixedOffset>,
    /// The release files added, changed and removed since the previous rebuild.
    pub changes: SourceChanges,
    /// What publish did.
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

pub(super) fn names(paths: &[PathBuf]) -> String {
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
