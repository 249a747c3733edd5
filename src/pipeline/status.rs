//! What happens to each release at an instant: published, scheduled, draft, unpublished or
//! in error. `list` and `check` show it so that nothing held back is invisible to its authors.

use super::Site;
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::model::Entry;
use crate::source::Hold;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;
use std::sync::Arc;

/// The status of one release (or of one entry of a press page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// In the feeds now.
    Published,
    /// Held by an embargo or a future date until an instant.
    Scheduled,
    /// Kept out by `draft: true`.
    Draft,
    /// Kept out by `published: false`.
    Unpublished,
    /// An error keeps the file (or its new version) out.
    Error,
}

impl Status {
    /// The word scripts read in `list --json`: never change these.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Scheduled => "scheduled",
            Status::Draft => "draft",
            Status::Unpublished => "unpublished",
            Status::Error => "error",
        }
    }
}

/// One line of `list`.
#[derive(Debug, Clone)]
pub struct Listed {
    /// What happens to it at the instant asked.
    pub status: Status,
    /// The entry, when the file gave one (published or scheduled, or the version still online).
    pub entry: Option<Arc<Entry>>,
    /// The release file, relative to releases/.
    pub file: PathBuf,
    /// When a scheduled entry goes out.
    pub at: Option<DateTime<FixedOffset>>,
}

/// How many releases are in each status, and the next instant something goes out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How many are [`Status::Published`].
    pub published: usize,
    /// How many are [`Status::Scheduled`].
    pub scheduled: usize,
    /// How many are [`Status::Draft`].
    pub drafts: usize,
    /// How many are [`Status::Unpublished`].
    pub unpublished: usize,
    /// How many are [`Status::Error`].
    pub errors: usize,
    /// When the soonest scheduled entry goes out, if any.
    pub next: Option<DateTime<FixedOffset>>,
}

impl Site {
    /// Every release at `now`: the published entries, newest first, then the scheduled ones,
    /// soonest first, then the files held back (drafts, unpublished, errors) in path order.
    pub fn statuses(&self, now: DateTime<FixedOffset>) -> Vec<Listed> {
        let (catalog, _) = self.catalog(now);
        self.statuses_in(&catalog)
    }

    /// The diagnostics and the counts at `now`, from one catalog (what `check` prints).
    pub fn check(&self, now: DateTime<FixedOffset>) -> (Vec<Diagnostic>, Summary) {
        let (catalog, diagnostics) = self.catalog(now);
        (diagnostics, count(self.statuses_in(&catalog)))
    }

    /// [`Site::statuses`] in an assembled catalog.
    fn statuses_in(&self, catalog: &Catalog) -> Vec<Listed> {
        let mut listed: Vec<Listed> = catalog
            .entries
            .iter()
            .map(|entry| Listed {
                status: Status::Published,
                entry: Some(Arc::clone(entry)),
                file: entry.origin.file.clone(),
                at: None,
            })
            .collect();
        listed.extend(catalog.scheduled.iter().map(|entry| Listed {
            status: Status::Scheduled,
            entry: Some(Arc::clone(entry)),
            file: entry.origin.file.clone(),
            at: entry.embargo,
        }));
        for (rel, loaded) in self.sources() {
            let status = match loaded.hold {
                Some(Hold::Draft) => Status::Draft,
                Some(Hold::Unpublished) => Status::Unpublished,
                None if loaded.has_errors() => Status::Error,
                None => continue,
            };
            listed.push(Listed {
                status,
                entry: None,
                file: PathBuf::from(rel),
                at: None,
            });
        }
        // A file in error whose last good version is online shows both lines.
        listed
    }

    /// Counts by status (as `list` counts them).
    pub fn summary(&self, now: DateTime<FixedOffset>) -> Summary {
        count(self.statuses(now))
    }
}

/// Counts by status: one per release file for drafts, unpublished and errors, one per entry
/// for published and scheduled.
fn count(statuses: Vec<Listed>) -> Summary {
    let mut summary = Summary::default();
    for listed in statuses {
        match listed.status {
            Status::Published => summary.published += 1,
            Status::Scheduled => {
                summary.scheduled += 1;
                summary.next = match (summary.next, listed.at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            Status::Draft => summary.drafts += 1,
            Status::Unpublished => summary.unpublished += 1,
            Status::Error => summary.errors += 1,
        }
    }
    summary
}
