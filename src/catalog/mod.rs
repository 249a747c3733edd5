//! The published set at an instant: entries merged, deduplicated, sorted, embargo applied.

use crate::diagnostic::Diagnostic;
use crate::model::Entry;
use chrono::{DateTime, FixedOffset};

/// What goes out at `now`, newest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// Newest first; ties broken by `key` so the order is total and stable.
    pub entries: Vec<Entry>,
    /// The earliest embargo still in the future at `now`: when the watcher must wake.
    pub next_embargo: Option<DateTime<FixedOffset>>,
}

/// Builds the catalog from every entry the sources produced (in any order).
pub fn assemble(
    entries: Vec<Entry>,
    now: DateTime<FixedOffset>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let _ = (now, diagnostics);
    Catalog {
        entries,
        next_embargo: None,
    }
}
