//! RFC 5005 paging: where each document of a feed's history sits and what it links.
//!
//! Page `k` (0-based, published as `archive/{k+1}/`) holds the feed's entries `k*N ..
//! (k+1)*N` in OLDEST-first order, `N` being [`PAGE_SIZE`] (or `feed-limit` if smaller, so
//! that the current document can always show what no full page holds yet), so that a page
//! stays under the size readers accept, though it is never trimmed, and an edit re-renders
//! a small page. A new entry only touches the
//! current document and, when a page fills, adds one new page. Nothing in a full page
//! depends on later entries (its `next-archive` names page `k+1` before it exists), so its
//! bytes never change unless one of its own entries is edited.

use crate::config::Config;

/// The namespace of `fh:archive` (RFC 5005 §4).
pub(crate) const FH_NAMESPACE: &str = "http://purl.org/syndication/history/1.0";

/// One document of a feed's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Page {
    /// The subscription document; `prev` is the newest full archive page, if any.
    Current { prev: Option<usize> },
    /// A full, fixed archive page.
    Archive { index: usize },
}

impl Page {
    /// The page before this one in time.
    pub(crate) fn prev(self) -> Option<usize> {
        match self {
            Page::Current { prev } => prev,
            Page::Archive { index } => index.checked_sub(1),
        }
    }
}

/// Path of one file of a feed, relative to the output directory: `dir` ends with `/`
/// or is empty.
pub(crate) fn path(dir: &str, page: Page, file: &str) -> String {
    match page {
        Page::Current { .. } => format!("{dir}{file}"),
        Page::Archive { index } => format!("{dir}archive/{}/{file}", index + 1),
    }
}

/// Public URL of [`path`].
pub(crate) fn url(dir: &str, page: Page, file: &str, config: &Config) -> String {
    format!("{}/{}", config.feeds_url, path(dir, page, file))
}

/// Entries per archive page: 25 full communiqués make a few hundred kilobytes.
pub(crate) const PAGE_SIZE: usize = 25;

/// How a feed of `total` entries splits into archive pages, given `feed-limit` (0: no
/// limit, everything current).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split {
    pub size: usize,
    /// Full archive pages.
    pub full: usize,
}

impl Split {
    pub(crate) fn new(total: usize, limit: usize) -> Split {
        match limit {
            0 | usize::MAX => Split {
                size: usize::MAX,
                full: 0,
            },
            limit => {
                let size = limit.min(PAGE_SIZE);
                Split {
                    size,
                    full: total / size,
                }
            }
        }
    }

    /// Entries of archive page `index`, as a range of a NEWEST-first list of `total`.
    pub(crate) fn archive_range(self, index: usize, total: usize) -> std::ops::Range<usize> {
        let end = total - index * self.size;
        end - self.size..end
    }

    /// How many of the newest entries the current document must keep so that, with the
    /// archives, none is left out: those not in a full page yet (at least one).
    /// Without archives (`feed-limit = 0`) the size cap alone decides.
    pub(crate) fn current_minimum(self, total: usize) -> usize {
        if self.size == usize::MAX {
            return total.min(1);
        }
        (total - self.full * self.size).max(total.min(1))
    }

    pub(crate) fn current(self) -> Page {
        Page::Current {
            prev: self.full.checked_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_oldest_first_and_cover_everything_once() {
        // 7 entries, newest first: indexes 0 (newest) .. 6 (oldest); pages of 3.
        let split = Split::new(7, 3);
        assert_eq!(split.full, 2);
        assert_eq!(split.archive_range(0, 7), 4..7);
        assert_eq!(split.archive_range(1, 7), 1..4);
        assert_eq!(split.current_minimum(7), 1);
        assert_eq!(split.current(), Page::Current { prev: Some(1) });
        // One more entry: page 0 and 1 hold the same entries (shifted by one index).
        let next = Split::new(8, 3);
        assert_eq!(next.archive_range(0, 8), 5..8);
        assert_eq!(next.archive_range(1, 8), 2..5);
        assert_eq!(next.current_minimum(8), 2);
        assert_eq!(Split::new(5, 0).full, 0);
        // Pages of 25 below the default limit of 100.
        assert_eq!(Split::new(260, 100), Split { size: 25, full: 10 });
        assert_eq!(Split::new(2, 3).current(), Page::Current { prev: None });
        // No full page yet: the current document keeps everything.
        assert_eq!(Split::new(2, 3).current_minimum(2), 2);
        assert_eq!(Split::new(9, 0).current_minimum(9), 1);
    }

    #[test]
    fn paths() {
        let c = Config::default();
        assert_eq!(
            path("tags/ia/", Page::Archive { index: 0 }, "atom.xml"),
            "tags/ia/archive/1/atom.xml"
        );
        assert_eq!(
            url("", Page::Current { prev: None }, "feed.json", &c),
            "https://www.numerique.gouv.fr/feeds/feed.json"
        );
        assert_eq!(Page::Archive { index: 0 }.prev(), None);
        assert_eq!(Page::Archive { index: 2 }.prev(), Some(1));
    }
}
