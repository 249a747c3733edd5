//! Atom 1.0 and RSS 2.0 feeds: pure functions of (Catalog, Config, PDF sizes) → bytes.
//!
//! Each entry is prepared once ([`item::Item`]: plain titles, sanitised HTML, absolute
//! URLs, `tag:` ids) and then laid out by [`atom`] and [`rss`]. Every feed is re-parsed with
//! a strict XML parser before it is returned.

mod atom;
mod content;
mod html;
mod ids;
mod item;
mod links;
mod rss;
mod time;
mod xml_text;

pub use ids::entry_id;
pub use links::{base_for_links, entry_link, pdf_path, pdf_url};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::{Entry, Kind, same_entry};
use chrono::{DateTime, FixedOffset};
use item::Item;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Byte length of each published PDF, by entry slug (for enclosures).
pub type PdfSizes = BTreeMap<String, u64>;

/// Feeds larger than this drop their oldest entries: readers cap feeds at 2–15 MiB and
/// journalists' readers poll often, so we stay well under 1 MB.
pub const MAX_FEED_BYTES: usize = 512 * 1024;

/// A rendered output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Why a feed could not be produced (a bug, never a user's file: it is checked before).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{path}: generated feed is not well-formed XML: {message}")]
    NotWellFormed { path: PathBuf, message: String },
    #[error("{path}: cannot write feed: {message}")]
    Render { path: PathBuf, message: String },
}

/// Feed-level facts shared by the Atom and RSS layouts.
pub(crate) struct FeedMeta<'a> {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// Which feed: `None` is the main one, with every kind.
    pub kind: Option<Kind>,
    /// Newest entry's `updated`, or the fixed empty-feed date: never the build time.
    pub updated: DateTime<FixedOffset>,
    pub config: &'a Config,
}

/// What the previous render prepared, reused while its inputs are unchanged: an entry's
/// item while the entry and its PDF size are the same (sanitising HTML is the costly part
/// of a feed, and a save changes one entry), a feed's bytes while it shows the same items.
/// Memoisation only: the bytes are those of a render without it.
#[derive(Default)]
pub struct FeedCache {
    /// By entry key.
    items: HashMap<String, Prepared>,
    feeds: HashMap<Option<Kind>, Rendered>,
}

/// An entry's item and what it was prepared from.
struct Prepared {
    entry: Arc<Entry>,
    pdf_size: Option<u64>,
    item: Arc<Item>,
}

/// A feed's files and the items they show.
struct Rendered {
    items: Vec<Arc<Item>>,
    files: [OutputFile; 2],
}

/// Renders `atom.xml` and `rss.xml` at the top and in each kind's folder.
pub fn render_feeds(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
) -> Result<Vec<OutputFile>, FeedError> {
    let mut out = Vec::new();
    let ready = |file: &OutputFile| out.push(file.clone());
    render_feeds_cached(catalog, config, pdfs, &mut FeedCache::default(), ready)?;
    Ok(out)
}

/// [`render_feeds`], reusing what the previous call made with the same `config` prepared,
/// and handing each file to `ready` as soon as it is rendered (in [`render_feeds`]'s order),
/// so that writing one feed can overlap rendering the next.
pub fn render_feeds_cached(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
    cache: &mut FeedCache,
    mut ready: impl FnMut(&OutputFile),
) -> Result<(), FeedError> {
    let limit = match config.feed_limit {
        0 => usize::MAX,
        n => n,
    };
    let feeds: Vec<Option<Kind>> = std::iter::once(None).chain(Kind::ALL.map(Some)).collect();
    let shown: Vec<Vec<&Arc<Entry>>> = feeds
        .iter()
        .map(|&feed| newest(&catalog.entries, feed, limit, config))
        .collect();
    let items = prepare(shown.iter().flatten().copied(), config, pdfs, cache);
    // One feed at a time, its two formats side by side: the main feed, first in line,
    // is ready soonest.
    let mut kept = HashMap::with_capacity(feeds.len());
    for (feed, entries) in feeds.into_iter().zip(&shown) {
        let used: Vec<Arc<Item>> = entries
            .iter()
            .filter_map(|entry| items.get(entry.key.as_str()).cloned())
            .collect();
        let files = match cache.feeds.get(&feed) {
            Some(before) if same_items(&before.items, &used) => before.files.clone(),
            _ => render_pair(feed, &used, config)?,
        };
        files.iter().for_each(&mut ready);
        let rendered = Rendered { items: used, files };
        kept.insert(feed, rendered);
    }
    cache.feeds = kept;
    Ok(())
}

/// The newest `limit` entries of a feed (`None`: every kind). Ids are unique by construction
/// (distinct keys); a duplicate would still be a catalog bug, and readers must never see one
/// id twice, so the first (newest) wins.
fn newest<'a>(
    entries: &'a [Arc<Entry>],
    feed: Option<Kind>,
    limit: usize,
    config: &Config,
) -> Vec<&'a Arc<Entry>> {
    let mut seen = HashSet::new();
    // One entry per address in the all-kinds feed: a press article that is a communiqué's page.
    let pages = match feed {
        None => links::site_pages(entries, config),
        Some(_) => HashSet::new(),
    };
    entries
        .iter()
        .filter(|entry| feed.is_none_or(|kind| kind == entry.kind))
        .filter(|entry| !links::repeats_a_page(entry, &pages))
        .filter(|entry| seen.insert(entry_id(entry, config)))
        .take(limit)
        .collect()
}

/// The item of every shown entry, by key: reused from `cache` when the entry and its PDF
/// size are unchanged, prepared in parallel otherwise. The cache keeps only these.
fn prepare<'a>(
    shown: impl Iterator<Item = &'a Arc<Entry>>,
    config: &Config,
    pdfs: &PdfSizes,
    cache: &mut FeedCache,
) -> HashMap<&'a str, Arc<Item>> {
    let mut previous = std::mem::take(&mut cache.items);
    let mut items: HashMap<&'a str, Arc<Item>> = HashMap::new();
    let mut missing: Vec<&'a Arc<Entry>> = Vec::new();
    let mut handled = HashSet::new();
    for entry in shown {
        // An entry shown by several feeds is prepared once.
        if !handled.insert(entry.key.as_str()) {
            continue;
        }
        let size = pdfs.get(&entry.slug).copied();
        match previous.remove_entry(&entry.key) {
            Some((key, known)) if same_entry(&known.entry, entry) && known.pdf_size == size => {
                items.insert(&entry.key, Arc::clone(&known.item));
                cache.items.insert(key, known);
            }
            _ => missing.push(entry),
        }
    }
    let sanitizer = html::Sanitizer::new(config);
    let made: Vec<(&Arc<Entry>, Arc<Item>)> = missing
        .par_iter()
        .map(|entry| (*entry, Arc::new(Item::new(entry, config, pdfs, &sanitizer))))
        .collect();
    for (entry, item) in made {
        let prepared = Prepared {
            entry: Arc::clone(entry),
            pdf_size: pdfs.get(&entry.slug).copied(),
            item: Arc::clone(&item),
        };
        cache.items.insert(entry.key.clone(), prepared);
        items.insert(&entry.key, item);
    }
    items
}

fn same_items(a: &[Arc<Item>], b: &[Arc<Item>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b))
}

/// `atom.xml` and `rss.xml` for one feed (side by side), dropping the oldest entries while
/// either is too big.
fn render_pair(
    kind: Option<Kind>,
    items: &[Arc<Item>],
    config: &Config,
) -> Result<[OutputFile; 2], FeedError> {
    let items: Vec<&Item> = items.iter().map(|item| &**item).collect();
    let dir = PathBuf::from(links::feed_dir(kind));
    let (atom_path, rss_path) = (dir.join("atom.xml"), dir.join("rss.xml"));
    let mut count = items.len();
    loop {
        let shown = &items[..count];
        let meta = meta(kind, shown, config);
        let (atom, rss) = rayon::join(
            || {
                atom::render(&meta, shown).map_err(|e| FeedError::Render {
                    path: atom_path.clone(),
                    message: e.to_string(),
                })
            },
            || {
                rss::render(&meta, shown).map_err(|e| FeedError::Render {
                    path: rss_path.clone(),
                    message: e.to_string(),
                })
            },
        );
        let (atom, rss) = (atom?, rss?);
        if count > 1 && atom.len().max(rss.len()) > MAX_FEED_BYTES {
            count = (count * 3 / 4).min(count - 1);
            continue;
        }
        let (atom_check, rss_check) = rayon::join(
            || check_well_formed(&atom_path, &atom),
            || check_well_formed(&rss_path, &rss),
        );
        atom_check?;
        rss_check?;
        return Ok([
            OutputFile {
                path: atom_path,
                bytes: atom,
            },
            OutputFile {
                path: rss_path,
                bytes: rss,
            },
        ]);
    }
}

fn meta<'a>(kind: Option<Kind>, items: &[&Item], config: &'a Config) -> FeedMeta<'a> {
    let site = html::plain_text(&config.site_title);
    let (title, subtitle) = match kind {
        None => (
            site.clone(),
            format!("Communiqués, agenda et revue de presse — {site}"),
        ),
        Some(kind) => (
            format!("{site} — {}", kind.label()),
            format!("{} — {site}", kind.label()),
        ),
    };
    FeedMeta {
        id: ids::feed_id(kind, config),
        title,
        subtitle,
        kind,
        updated: items
            .iter()
            .map(|item| item.updated)
            .max()
            .unwrap_or_else(|| time::empty_feed_date(config)),
        config,
    }
}

/// Strict re-parse (well-formedness and namespaces): the writers do not check what they write.
fn check_well_formed(path: &std::path::Path, bytes: &[u8]) -> Result<(), FeedError> {
    let not_well_formed = |message: String| FeedError::NotWellFormed {
        path: path.to_path_buf(),
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| not_well_formed(e.to_string()))?;
    roxmltree::Document::parse(text).map_err(|e| not_well_formed(e.to_string()))?;
    Ok(())
}
