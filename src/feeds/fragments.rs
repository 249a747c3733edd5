//! Each entry laid out once per render as an Atom `<entry>` and an RSS `<item>`, checked
//! well-formed once, then copied into every document that shows it. An entry is in about
//! four documents (the main feed, its kind's, its tags', or their archive pages): writing,
//! escaping and re-parsing its HTML in each was most of a feed's cost.
//!
//! A document is then its head rendered without entries, checked (it is small), with the
//! entries' bytes put where the writer would have put them. The writers lay an entry out the
//! same way in every document, so the bytes are those of a render without fragments
//! (`fragments_make_the_same_bytes`); an entry that cannot be laid out alone makes its
//! documents render whole, and report the failure with their path.

use super::item::Item;
use super::{FeedError, FeedMeta, LayoutError, atom, check_well_formed, rss};
use crate::config::Config;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// One entry in both XML formats.
pub(super) struct Laid {
    pub(super) atom: Vec<u8>,
    pub(super) rss: Vec<u8>,
    /// The namespaces the RSS item uses (`content:`, `dc:`): the root must declare them.
    pub(super) rss_namespaces: Vec<(String, String)>,
}

/// The entries of the documents one render makes, each laid out at its first use, on
/// whichever thread needs it first.
#[derive(Default)]
pub(super) struct Fragments {
    /// By the item's address: the render holds every item it shows.
    cells: FxHashMap<usize, OnceLock<Option<Laid>>>,
}

impl Fragments {
    /// Room for `items` (the same item may come several times).
    pub(super) fn for_items<'a>(items: impl IntoIterator<Item = &'a Arc<Item>>) -> Fragments {
        let mut cells = FxHashMap::default();
        for item in items {
            cells.entry(key(item)).or_insert_with(OnceLock::new);
        }
        Fragments { cells }
    }

    /// `item` laid out; `None` when it was not announced or cannot be laid out alone.
    pub(super) fn get(&self, item: &Arc<Item>, config: &Config) -> Option<&Laid> {
        self.cells
            .get(&key(item))?
            .get_or_init(|| lay_out(item, config))
            .as_ref()
    }
}

fn key(item: &Arc<Item>) -> usize {
    Arc::as_ptr(item) as usize
}

fn lay_out(item: &Item, config: &Config) -> Option<Laid> {
    let atom_alone = atom::entry_alone(item).ok()?;
    well_formed(&atom_alone)?;
    let rss_alone = rss::item_alone(item, config).ok()?;
    let rss_namespaces = well_formed(&rss_alone)?;
    Some(Laid {
        atom: atom::entry_in(&atom_alone)?.to_vec(),
        rss: rss::item_in(&rss_alone)?.to_vec(),
        rss_namespaces,
    })
}

/// The prefixed namespaces the root of a well-formed document declares; `None` when it is
/// not well-formed.
fn well_formed(document: &[u8]) -> Option<Vec<(String, String)>> {
    let text = std::str::from_utf8(document).ok()?;
    let parsed = roxmltree::Document::parse(text).ok()?;
    Some(
        parsed
            .root_element()
            .namespaces()
            .filter_map(|ns| Some((ns.name()?.to_string(), ns.uri().to_string())))
            .filter(|(name, _)| name != "xml")
            .collect(),
    )
}

/// The namespaces the RSS items of `laid` use, for the root of their document.
fn rss_namespaces(laid: &[&Laid]) -> BTreeMap<String, String> {
    laid.iter()
        .flat_map(|l| l.rss_namespaces.iter().cloned())
        .collect()
}

/// `skeleton` (a document rendered without entries) with `entries` at `at`.
fn splice<'a>(
    skeleton: &[u8],
    at: usize,
    entries: impl Iterator<Item = &'a [u8]> + Clone,
) -> Option<Vec<u8>> {
    let (head, tail) = (skeleton.get(..at)?, skeleton.get(at..)?);
    let size = head.len() + tail.len() + entries.clone().map(<[u8]>::len).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(head);
    entries.for_each(|entry| out.extend_from_slice(entry));
    out.extend_from_slice(tail);
    Some(out)
}

/// The Atom document of `meta` showing `laid`, its head checked; `None` when the head has
/// no place for entries (then the document is rendered whole).
pub(super) fn atom_document(
    meta: &FeedMeta<'_>,
    laid: &[&Laid],
    path: &Path,
) -> Result<Option<Vec<u8>>, FeedError> {
    let skeleton = atom::render(meta, &[]).map_err(|e| render_error(path, e.into()))?;
    let Some(at) = atom::entries_at(&skeleton) else {
        return Ok(None);
    };
    check_well_formed(path, &skeleton)?;
    Ok(splice(
        &skeleton,
        at,
        laid.iter().map(|l| l.atom.as_slice()),
    ))
}

/// The RSS document of `meta` showing `laid`, its head checked; `None` when the head has
/// no place for items.
pub(super) fn rss_document(
    meta: &FeedMeta<'_>,
    laid: &[&Laid],
    path: &Path,
) -> Result<Option<Vec<u8>>, FeedError> {
    let namespaces = rss_namespaces(laid);
    let skeleton =
        rss::render_declaring(meta, &[], &namespaces).map_err(|e| render_error(path, e.into()))?;
    let Some(at) = rss::items_at(&skeleton) else {
        return Ok(None);
    };
    check_well_formed(path, &skeleton)?;
    Ok(splice(&skeleton, at, laid.iter().map(|l| l.rss.as_slice())))
}

fn render_error(path: &Path, cause: LayoutError) -> FeedError {
    FeedError::Render {
        path: path.to_path_buf(),
        cause,
    }
}

#[cfg(test)]
#[path = "fragments_tests.rs"]
mod tests;
