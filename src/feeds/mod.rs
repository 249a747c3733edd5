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
pub use links::{entry_link, pdf_path, pdf_url};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::{Entry, Kind};
use chrono::{DateTime, FixedOffset};
use item::Item;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

/// Prepared items of the previous render, reused while their entry and PDF size are
/// unchanged: sanitising HTML is the costly part of a feed, and a save changes one entry.
/// Memoisation only: the bytes are those of a render without it.
#[derive(Default)]
pub struct ItemCache {
    items: HashMap<String, (Entry, Option<u64>, Arc<Item>)>,
}

/// Renders `atom.xml` and `rss.xml` at the top and in each kind's folder.
pub fn render_feeds(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
) -> Result<Vec<OutputFile>, FeedError> {
    render_feeds_cached(catalog, config, pdfs, &mut ItemCache::default())
}

/// [`render_feeds`], reusing the items of the previous call made with the same `config`.
pub fn render_feeds_cached(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
    cache: &mut ItemCache,
) -> Result<Vec<OutputFile>, FeedError> {
    let sanitizer = html::Sanitizer::new(config);
    // Ids are unique by construction (distinct keys); a duplicate key would still be a
    // catalog bug, and readers must never see one id twice, so the first (newest) wins.
    let mut seen = BTreeSet::new();
    let unique: Vec<&Entry> = catalog
        .entries
        .iter()
        .filter(|entry| seen.insert(entry_id(entry, config)))
        .collect();
    let limit = match config.feed_limit {
        0 => usize::MAX,
        n => n,
    };
    let feeds: Vec<Option<Kind>> = std::iter::once(None).chain(Kind::ALL.map(Some)).collect();
    let in_feed = |entry: &Entry, feed: Option<Kind>| feed.is_none_or(|kind| kind == entry.kind);
    // Sanitising is the costly part: prepare only the entries some feed shows (the newest
    // `limit` of each), in parallel, instead of the whole archive on every save.
    let mut shown = vec![false; unique.len()];
    for &feed in &feeds {
        let newest = unique.iter().enumerate().filter(|(_, e)| in_feed(e, feed));
        for (index, _) in newest.take(limit) {
            shown[index] = true;
        }
    }
    let known = &cache.items;
    let items: Vec<Option<Arc<Item>>> = unique
        .par_iter()
        .zip(shown.par_iter())
        .map(|(entry, &shown)| {
            if !shown {
                return None;
            }
            let size = pdfs.get(&entry.slug).copied();
            match known.get(&entry.key) {
                Some((before, before_size, item)) if before == *entry && *before_size == size => {
                    Some(Arc::clone(item))
                }
                _ => Some(Arc::new(Item::new(entry, config, pdfs, &sanitizer))),
            }
        })
        .collect();
    cache.items = unique
        .iter()
        .zip(&items)
        .filter_map(|(entry, item)| {
            let item = Arc::clone(item.as_ref()?);
            let size = pdfs.get(&entry.slug).copied();
            Some((entry.key.clone(), ((*entry).clone(), size, item)))
        })
        .collect();

    let mut out = Vec::new();
    for feed in feeds {
        let selected: Vec<&Item> = unique
            .iter()
            .zip(&items)
            .filter(|(entry, _)| in_feed(entry, feed))
            .filter_map(|(_, item)| item.as_deref())
            .take(limit)
            .collect();
        out.extend(render_pair(feed, &selected, config)?);
    }
    Ok(out)
}

/// `atom.xml` and `rss.xml` for one feed, dropping the oldest entries while either is too big.
fn render_pair(
    kind: Option<Kind>,
    items: &[&Item],
    config: &Config,
) -> Result<[OutputFile; 2], FeedError> {
    let dir = PathBuf::from(links::feed_dir(kind));
    let (atom_path, rss_path) = (dir.join("atom.xml"), dir.join("rss.xml"));
    let mut count = items.len();
    loop {
        let shown = &items[..count];
        let meta = meta(kind, shown, config);
        let atom = atom::render(&meta, shown).map_err(|e| FeedError::Render {
            path: atom_path.clone(),
            message: e.to_string(),
        })?;
        let rss = rss::render(&meta, shown).map_err(|e| FeedError::Render {
            path: rss_path.clone(),
            message: e.to_string(),
        })?;
        if count > 1 && atom.len().max(rss.len()) > MAX_FEED_BYTES {
            count = (count * 3 / 4).min(count - 1);
            continue;
        }
        check_well_formed(&atom_path, &atom)?;
        check_well_formed(&rss_path, &rss)?;
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
