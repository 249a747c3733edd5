//! The published set at an instant: entries merged, deduplicated, sorted, embargo applied.
//!
//! `assemble` is a pure function of the input *set*: inputs are first put in a total
//! order (origin file, line, then every other field), so shuffling them changes nothing.

mod press;

use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Entry, Kind};
use chrono::{DateTime, FixedOffset};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

/// What goes out at `now`, newest first.
///
/// Entries are shared with the sources they came from: the watcher assembles a catalog of
/// the whole archive on every save, and an entry no merge touched is the same allocation
/// from one catalog to the next (renderers' caches compare pointers before contents).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// Newest first; ties broken by `key` so the order is total and stable.
    pub entries: Vec<Arc<Entry>>,
    /// The earliest embargo still in the future at `now`: when the watcher must wake.
    pub next_embargo: Option<DateTime<FixedOffset>>,
}

/// Builds the catalog from every entry the sources produced (in any order).
pub fn assemble(
    entries: impl IntoIterator<Item = impl Into<Arc<Entry>>>,
    now: DateTime<FixedOffset>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let mut entries: Vec<Arc<Entry>> = entries.into_iter().map(Into::into).collect();
    entries.sort_by(|a, b| input_order(a, b));

    // Embargo first: an entry not yet public takes no part in anything, so nothing of it
    // (not even a merged excerpt or a duplicate message) can leak before its instant.
    let mut next_embargo: Option<DateTime<FixedOffset>> = None;
    entries.retain(|e| match e.embargo {
        Some(at) if at > now => {
            next_embargo = Some(next_embargo.map_or(at, |n| n.min(at)));
            false
        }
        _ => true,
    });

    let (press, others): (Vec<Arc<Entry>>, Vec<Arc<Entry>>) = entries
        .into_iter()
        .partition(|e| e.kind == Kind::PressReview);

    let mut out = unique_outputs(&others, diagnostics);
    out.extend(press::merge(press, diagnostics));
    out.sort_by(|a, b| {
        b.date
            .at
            .cmp(&a.date.at)
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| input_order(a, b))
    });
    Catalog {
        entries: out,
        next_embargo,
    }
}

/// Total order on inputs: origin path and line first (so "the first" means the first file
/// in path order), then enough of the rest that two different entries never tie.
fn input_order(a: &Entry, b: &Entry) -> Ordering {
    a.origin
        .cmp(&b.origin)
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.key.cmp(&b.key))
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.date.at.cmp(&b.date.at))
        .then_with(|| a.title.cmp(&b.title))
        // Last resort for entries equal on every field above; rare, so the cost is fine.
        .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
}

/// Communiqués and events: one output per key and per slug within a kind; the first in
/// path order wins, the others are reported and left out.
fn unique_outputs(entries: &[Arc<Entry>], diagnostics: &mut Vec<Diagnostic>) -> Vec<Arc<Entry>> {
    let mut keys: HashMap<(Kind, &str), usize> = HashMap::with_capacity(entries.len());
    let mut slugs: HashMap<(Kind, &str), usize> = HashMap::with_capacity(entries.len());
    // Two files Jekyll would write to one page (`fin.md`, `fin..md`) cannot both be linked.
    let mut pages: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    let mut kept: Vec<Arc<Entry>> = Vec::with_capacity(entries.len());
    for entry in entries {
        let same_file = keys
            .get(&(entry.kind, entry.key.as_str()))
            .or_else(|| slugs.get(&(entry.kind, entry.slug.as_str())))
            .map(|&i| (i, entry.slug.clone()));
        let same_page = || {
            let page = entry.page.as_deref()?;
            pages.get(page).map(|&i| (i, page.to_string()))
        };
        let first = same_file
            .or_else(same_page)
            .and_then(|(i, output)| Some((kept.get(i)?, output)));
        if let Some((first, output)) = first {
            diagnostics.push(
                Diagnostic::error(
                    &entry.origin.file,
                    Problem::DuplicateOutput(first.origin.file.display().to_string(), output),
                )
                .at(entry.origin.line, 0)
                .hint("rename one of the files: each release needs its own file name"),
            );
            continue;
        }
        keys.insert((entry.kind, &entry.key), kept.len());
        slugs.insert((entry.kind, &entry.slug), kept.len());
        if let Some(page) = entry.page.as_deref() {
            pages.insert(page, kept.len());
        }
        kept.push(Arc::clone(entry));
    }
    kept
}

#[cfg(test)]
mod tests;
