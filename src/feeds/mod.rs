//! Every subscription file: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for each feed (main, per
//! kind, per tag) with their RFC 5005 archives, the agenda's iCalendar and the press room
//! page. Pure functions of (Catalog, Config, PDF sizes) → bytes.
//!
//! Each entry is prepared once (`item::Item`: plain titles, sanitised HTML, absolute
//! URLs, `tag:` ids) and then laid out by the `atom`, `rss` and `json` modules. Every XML feed is
//! re-parsed with a strict XML parser before it is returned.

pub(crate) mod archive;
mod atom;
mod choice;
mod content;
mod documents;
mod fragments;
mod head;
mod html;
mod ical;
mod ids;
mod item;
mod json;
mod links;
mod pressroom;
mod rss;
pub(crate) mod spec;
mod time;

pub use ids::entry_id;
pub use links::{base_for_links, entry_link, feed_dir, feed_url, pdf_path, pdf_url};
pub use rss::RssError;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::Entry;
use archive::Page;
use chrono::{DateTime, FixedOffset};
use fragments::Fragments;
use item::Item;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// Byte length of each published PDF, by entry slug (for enclosures).
pub type PdfSizes = BTreeMap<String, u64>;

/// Makes `sizes` hold what `source` (sorted by slug) gives, by one walk over both: no slug
/// is copied unless it changed (a save of a large archive changes one). Returns the slugs
/// added, removed or resized.
pub(crate) fn sync_sizes<'a>(
    sizes: &mut PdfSizes,
    source: impl Iterator<Item = (&'a String, u64)>,
) -> Vec<String> {
    use std::cmp::Ordering;
    let mut set: Vec<(String, u64)> = Vec::new();
    let mut gone: Vec<String> = Vec::new();
    let mut before = sizes.iter().peekable();
    let mut now = source.peekable();
    loop {
        let order = match (before.peek(), now.peek()) {
            (None, None) => break,
            (Some((a, _)), Some((b, _))) => a.cmp(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
        };
        match order {
            Ordering::Equal => {
                if let (Some((_, a)), Some((slug, b))) = (before.next(), now.next())
                    && *a != b
                {
                    set.push((slug.clone(), b));
                }
            }
            Ordering::Less => gone.extend(before.next().map(|(slug, _)| slug.clone())),
            Ordering::Greater => set.extend(now.next().map(|(slug, len)| (slug.clone(), len))),
        }
    }
    for slug in &gone {
        sizes.remove(slug);
    }
    let mut changed = gone;
    for (slug, len) in set {
        changed.push(slug.clone());
        sizes.insert(slug, len);
    }
    changed
}

/// Feeds larger than this drop their oldest entries: readers cap feeds at 2–15 MiB and
/// journalists' readers poll often, so we stay well under 1 MB.
pub const MAX_FEED_BYTES: usize = 512 * 1024;

/// A rendered output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes, relative to the output directory (`communiques/atom.xml`).
    pub path: PathBuf,
    /// The file's content (empty when `reused`: the file on disk holds it).
    pub bytes: Vec<u8>,
    /// The same bytes the previous call of [`render_feeds_cached`] with this cache handed
    /// over: a publisher that wrote them then need not read the file back to compare (the
    /// archive pages of a long history make hundreds of such files on every save).
    pub reused: bool,
}

/// Why a feed could not be produced (a bug, never a user's file: it is checked before).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The re-parse of a written feed found it is not well-formed XML.
    #[error("{path}: generated feed is not well-formed XML: {fault}")]
    NotWellFormed {
        /// The feed file, relative to the output directory.
        path: PathBuf,
        /// What the strict parser found.
        #[source]
        fault: XmlFault,
    },
    /// A feed writer failed.
    #[error("{path}: cannot write feed: {cause}")]
    Render {
        /// The feed file, relative to the output directory.
        path: PathBuf,
        /// The writer's own error.
        #[source]
        cause: LayoutError,
    },
}

/// What a feed writer reported, kept as its own error.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// The Atom writer (`atom_syndication`).
    #[error(transparent)]
    Atom(#[from] atom_syndication::Error),
    /// The RSS writer or its validation of dates and URLs (`rss`).
    #[error(transparent)]
    Rss(#[from] rss::RssError),
    /// The JSON Feed writer (`serde_json`).
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// What the strict re-parse of a generated feed found.
#[derive(Debug, thiserror::Error)]
pub enum XmlFault {
    /// The bytes are not UTF-8.
    #[error(transparent)]
    Utf8(#[from] std::str::Utf8Error),
    /// The text is not well-formed XML with namespaces.
    #[error(transparent)]
    Xml(#[from] roxmltree::Error),
}

/// Document-level facts shared by the Atom, RSS and JSON layouts.
pub(crate) struct FeedMeta<'a> {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// The feed's folder ("" or ending with `/`).
    pub dir: &'a str,
    /// Which document of the feed's history.
    pub page: Page,
    /// Newest entry's `updated`, or the fixed empty-feed date: never the build time.
    pub updated: DateTime<FixedOffset>,
    pub config: &'a Config,
    /// The agenda's iCalendar, linked from the agenda feeds.
    pub calendar: Option<String>,
}

impl FeedMeta<'_> {
    /// URL of this document in the format `file`.
    pub(crate) fn url(&self, file: &str) -> String {
        archive::url(self.dir, self.page, file, self.config)
    }

    /// URL of the feed's current document in the format `file`.
    pub(crate) fn current_url(&self, file: &str) -> String {
        archive::url(self.dir, Page::Current { prev: None }, file, self.config)
    }

    /// URL of archive page `index` in the format `file`.
    pub(crate) fn page_url(&self, index: usize, file: &str) -> String {
        archive::url(self.dir, Page::Archive { index }, file, self.config)
    }
}

/// What the previous render prepared, reused while its inputs are unchanged: an entry's
/// item while the entry and its PDF size are the same (sanitising HTML is the costly part
/// of a feed, and a save changes one entry), a feed document while it shows the same items.
/// Memoisation only: the bytes are those of a render without it.
#[derive(Default)]
pub struct FeedCache {
    /// Which feeds show which entries, and their items.
    choice: choice::Choice,
    /// By the document's Atom path.
    feeds: FxHashMap<String, documents::Rendered>,
    /// The calendar and the press room as last handed over.
    pages: HashMap<PathBuf, Vec<u8>>,
    /// Remember no document for the next call (a one-shot build has no next call).
    pub forget_files: bool,
    /// The calendar's events.
    calendar: ical::Cache,
    /// The last call handed over the same files (by path) as the one before.
    same_files: bool,
}

impl FeedCache {
    /// Whether the last [`render_feeds_cached`] with this cache produced the same paths as
    /// the call before it (a save that adds no tag and fills no archive page): then no feed
    /// file can have gone out of use.
    pub fn same_files(&self) -> bool {
        self.same_files
    }
}

/// Renders every feed with its archives, then `agenda/agenda.ics` and `index.html`, as of
/// the newest entry's date (the press room's upcoming events are those after it).
pub fn render_feeds(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
) -> Result<Vec<OutputFile>, FeedError> {
    let newest = catalog.entries.iter().map(|entry| entry.date.at).max();
    let now = newest.unwrap_or_else(|| time::empty_feed_date(config));
    render_feeds_at(catalog, config, pdfs, now)
}

/// [`render_feeds`] at `now`, the instant the catalog was assembled at.
pub fn render_feeds_at(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
    now: DateTime<FixedOffset>,
) -> Result<Vec<OutputFile>, FeedError> {
    let mut out = Vec::new();
    let ready = |file: &OutputFile| out.push(file.clone());
    render_feeds_cached(catalog, config, pdfs, now, &mut FeedCache::default(), ready)?;
    Ok(out)
}

/// [`render_feeds`], reusing what the previous call made with the same `config` prepared,
/// and handing each file to `ready` as soon as it is rendered, in [`render_feeds`]'s order
/// (a few documents at a time are in memory, rendered on all threads). The press room comes
/// last: it links every feed.
pub fn render_feeds_cached(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
    now: DateTime<FixedOffset>,
    cache: &mut FeedCache,
    mut ready: impl FnMut(&OutputFile),
) -> Result<(), FeedError> {
    let FeedCache {
        choice,
        feeds: documents_before,
        pages,
        forget_files,
        calendar,
        same_files,
    } = cache;
    choice.update(&catalog.entries, config, pdfs);
    let (feeds, lists): (Vec<spec::FeedSpec>, Vec<&[Arc<Entry>]>) =
        choice.feeds(config).into_iter().unzip();
    // Borrowed: cloning the items of a 10,000-entry feed touches 10,000 allocations.
    let shown: Vec<Vec<&Arc<Item>>> = lists
        .iter()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|entry| choice.item(entry))
                .collect()
        })
        .collect();
    let handed = documents::render_documents(
        &feeds,
        &shown,
        config,
        documents_before,
        !*forget_files,
        &mut ready,
    )?;
    // Every document is one the previous call made, and none of those is gone.
    *same_files = handed.all_known && documents_before.is_empty();
    *documents_before = handed.kept;
    let calendar = ical::render_cached(&catalog.entries, config, calendar);
    ready(&page(
        pages,
        *forget_files,
        PathBuf::from(ical::PATH),
        calendar,
    ));
    let items = choice.items_by_key();
    let room = pressroom::render(&pressroom::Room {
        entries: &catalog.entries,
        feeds: &feeds,
        counts: &lists.iter().map(|list| list.len()).collect::<Vec<_>>(),
        items: &items,
        config,
        now,
    });
    ready(&page(
        pages,
        *forget_files,
        PathBuf::from("index.html"),
        room.into_bytes(),
    ));
    Ok(())
}

/// A page rendered every time, marked reused when its bytes are those in `pages`.
fn page(
    pages: &mut HashMap<PathBuf, Vec<u8>>,
    forget: bool,
    path: PathBuf,
    bytes: Vec<u8>,
) -> OutputFile {
    let reused = pages.get(&path) == Some(&bytes);
    if !forget {
        pages.insert(path.clone(), bytes.clone());
    }
    OutputFile {
        path,
        bytes,
        reused,
    }
}

/// `atom.xml`, `rss.xml` and `feed.json` of one document, dropping the oldest entries
/// while a format is too big, but never below `minimum` (those in no archive yet). Each
/// file is checked well-formed: its head here, its entries once in `fragments`.
fn render_document(
    feed: &spec::FeedSpec,
    page: Page,
    items: &[&Arc<Item>],
    minimum: usize,
    config: &Config,
    fragments: &Fragments,
) -> Result<Vec<OutputFile>, FeedError> {
    // On all threads: the main feed's current document is rendered alone.
    let laid: Option<Vec<&fragments::Laid>> = items
        .par_iter()
        .map(|item| fragments.get(item, config))
        .collect();
    let items: Vec<&Item> = items.iter().map(|item| &***item).collect();
    let path = |file: &str| PathBuf::from(archive::path(&feed.dir, page, file));
    let (atom_path, rss_path, json_path) = (path("atom.xml"), path("rss.xml"), path("feed.json"));
    let render_error = |path: &PathBuf, cause: LayoutError| FeedError::Render {
        path: path.clone(),
        cause,
    };
    let mut count = items.len();
    loop {
        let shown = &items[..count];
        let laid = laid.as_deref().map(|laid| &laid[..count]);
        let meta = meta(feed, page, shown, config);
        // Spliced documents come checked; one rendered whole is checked below.
        let (atom, rss) = rayon::join(
            || {
                let spliced = laid.map(|l| fragments::atom_document(&meta, l, &atom_path));
                spliced_or_whole(spliced, || {
                    atom::render(&meta, shown).map_err(|e| render_error(&atom_path, e.into()))
                })
            },
            || {
                let spliced = laid.map(|l| fragments::rss_document(&meta, l, &rss_path));
                spliced_or_whole(spliced, || {
                    rss::render(&meta, shown).map_err(|e| render_error(&rss_path, e.into()))
                })
            },
        );
        let ((atom, atom_checked), (rss, rss_checked)) = (atom?, rss?);
        if count > minimum.max(1) && atom.len().max(rss.len()) > MAX_FEED_BYTES {
            count = (count * 3 / 4).clamp(minimum.max(1), count - 1);
            continue;
        }
        if !atom_checked {
            check_well_formed(&atom_path, &atom)?;
        }
        let atom = OutputFile {
            path: atom_path,
            bytes: atom,
            reused: false,
        };
        let (json, rss_check) = rayon::join(
            || json::render(&meta, shown).map_err(|e| render_error(&json_path, e.into())),
            || match rss_checked {
                true => Ok(()),
                false => check_well_formed(&rss_path, &rss),
            },
        );
        rss_check?;
        let rss = OutputFile {
            path: rss_path,
            bytes: rss,
            reused: false,
        };
        let json = OutputFile {
            path: json_path,
            bytes: json?,
            reused: false,
        };
        return Ok(vec![atom, rss, json]);
    }
}

/// The spliced document, checked (`true`), or when there is none the document rendered
/// whole, still to be checked (`false`).
fn spliced_or_whole(
    spliced: Option<Result<Option<Vec<u8>>, FeedError>>,
    whole: impl FnOnce() -> Result<Vec<u8>, FeedError>,
) -> Result<(Vec<u8>, bool), FeedError> {
    match spliced {
        Some(Ok(Some(spliced))) => Ok((spliced, true)),
        Some(Err(e)) => Err(e),
        Some(Ok(None)) | None => Ok((whole()?, false)),
    }
}

fn meta<'a>(
    feed: &'a spec::FeedSpec,
    page: Page,
    items: &[&Item],
    config: &'a Config,
) -> FeedMeta<'a> {
    FeedMeta {
        id: feed.id.clone(),
        title: feed.title.clone(),
        subtitle: feed.subtitle.clone(),
        dir: &feed.dir,
        page,
        updated: items
            .iter()
            .map(|item| item.updated)
            .max()
            .unwrap_or_else(|| time::empty_feed_date(config)),
        config,
        calendar: (feed.selection == spec::Selection::Kind(crate::model::Kind::Event))
            .then(|| ical::url(config)),
    }
}

/// Strict re-parse (well-formedness and namespaces): the writers do not check what they write.
fn check_well_formed(path: &std::path::Path, bytes: &[u8]) -> Result<(), FeedError> {
    let not_well_formed = |fault: XmlFault| FeedError::NotWellFormed {
        path: path.to_path_buf(),
        fault,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| not_well_formed(e.into()))?;
    roxmltree::Document::parse(text).map_err(|e| not_well_formed(e.into()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_feed_that_does_not_parse_keeps_the_parsers_error_as_its_cause() {
        let path = std::path::Path::new("atom.xml");
        let err = check_well_formed(path, b"<feed><entry></feed>").unwrap_err();
        assert!(matches!(
            &err,
            FeedError::NotWellFormed {
                fault: XmlFault::Xml(_),
                ..
            }
        ));
        let cause = err.source().map(ToString::to_string).unwrap_or_default();
        assert!(
            !cause.is_empty() && err.to_string().ends_with(&cause),
            "{err}"
        );
        let err = check_well_formed(path, b"<feed>\xff</feed>").unwrap_err();
        assert!(matches!(
            err,
            FeedError::NotWellFormed {
                fault: XmlFault::Utf8(_),
                ..
            }
        ));
    }
}
