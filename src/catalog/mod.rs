//! The published set at an instant: entries merged, deduplicated, sorted, embargo applied.
//!
//! `assemble` is a pure function of the input *set*: inputs are first put in a total
//! order (origin file, line, then every other field), so shuffling them changes nothing.

mod incremental;
mod press;

pub use incremental::Memo;

use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::{Entry, Kind};
use crate::text::fold;
use chrono::{DateTime, FixedOffset};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Ordering;
use std::collections::BTreeMap;
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
    /// Held back at `now` by an embargo or a future date, soonest first: shown to the press
    /// office by `check` and `list`, never published.
    pub scheduled: Vec<Arc<Entry>>,
}

/// Which file holds each published output (by entry key and by PDF slug), as remembered
/// from the previous publish: the file already online keeps its place against a newcomer.
///
/// Hashed, not ordered: every entry of the archive is looked up on each save. Saved sorted,
/// so the same owners give the same state file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Owners {
    #[serde(serialize_with = "sorted")]
    by_output: FxHashMap<String, String>,
}

fn sorted<S: serde::Serializer>(
    map: &FxHashMap<String, String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let ordered: BTreeMap<&String, &String> = map.iter().collect();
    serde::Serialize::serialize(&ordered, serializer)
}

impl Owners {
    /// Records that `file` publishes `entry`'s outputs.
    pub fn insert(&mut self, entry: &Entry) {
        let file = entry.origin.file.to_string_lossy().into_owned();
        for output in outputs(entry) {
            self.by_output.insert(output, file.clone());
        }
    }

    /// The file online at one of `entry`'s outputs, if another one.
    fn online_rival(&self, entry: &Entry) -> Option<&str> {
        let file = entry.origin.file.to_string_lossy();
        let mut rival = None;
        each_output(entry, |output| {
            rival = self.by_output.get(output).map(String::as_str);
            rival.is_some()
        });
        rival.filter(|owner| *owner != file)
    }

    fn owns(&self, entry: &Entry) -> bool {
        let file = entry.origin.file.to_string_lossy();
        each_output(entry, |output| {
            self.by_output
                .get(output)
                .is_some_and(|owner| *owner == file)
        })
    }

    /// Whether no output has an owner recorded.
    pub fn is_empty(&self) -> bool {
        self.by_output.is_empty()
    }

    /// Each published entry's key with the file that holds it, in no particular order.
    pub fn published(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_output
            .iter()
            .filter_map(|(output, file)| Some((output.strip_prefix("id:")?, file.as_str())))
    }
}

/// The names an entry takes: its id, its output file name and its page on the site.
fn outputs(entry: &Entry) -> Vec<String> {
    let mut names = Vec::with_capacity(3);
    each_output(entry, |name| {
        names.push(name.to_string());
        false
    });
    names
}

/// Calls `found` with each of [`outputs`] in turn, built in one buffer (an allocation per
/// entry, not per name), until it returns true; whether it did.
fn each_output(entry: &Entry, mut found: impl FnMut(&str) -> bool) -> bool {
    let mut name = String::with_capacity(64);
    name.push_str("id:");
    name.push_str(&entry.key);
    if found(&name) {
        return true;
    }
    name.clear();
    name.push_str("file:");
    name.push_str(entry.kind.slug());
    name.push('/');
    name.push_str(&entry.slug);
    if found(&name) {
        return true;
    }
    let Some(page) = &entry.page else {
        return false;
    };
    name.clear();
    name.push_str("page:");
    name.push_str(page);
    found(&name)
}

/// How far ahead a date may lie before it is probably a typo (2062 for 2026).
const UNLIKELY_AHEAD_DAYS: i64 = 366;
/// Nothing the agency published predates this year.
const EARLIEST_LIKELY_YEAR: i32 = 1990;

/// Builds the catalog from every entry the sources produced (in any order).
pub fn assemble(
    entries: impl IntoIterator<Item = impl Into<Arc<Entry>>>,
    now: DateTime<FixedOffset>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    assemble_with(entries, now, &Owners::default(), diagnostics)
}

/// [`assemble`], where the files in `owners` keep the outputs they published before.
pub fn assemble_with(
    entries: impl IntoIterator<Item = impl Into<Arc<Entry>>>,
    now: DateTime<FixedOffset>,
    owners: &Owners,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let entries: Vec<Arc<Entry>> = entries.into_iter().map(Into::into).collect();
    assemble_full(entries, now, owners, diagnostics)
}

/// [`assemble_with`], reusing what `memo` kept from the previous call: only the entries
/// added, removed or changed since then (and those an embargo's end or a shared output
/// involves) are looked at again. The catalog is the one [`assemble_with`] gives.
pub fn assemble_memo(
    entries: impl IntoIterator<Item = impl Into<Arc<Entry>>>,
    now: DateTime<FixedOffset>,
    owners: &Owners,
    memo: &mut Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let entries: Vec<Arc<Entry>> = entries.into_iter().map(Into::into).collect();
    let shared: Vec<&Arc<Entry>> = entries.iter().collect();
    memo.assemble(&shared, now, owners, diagnostics)
}

/// [`assemble_memo`] of entries borrowed from where they are kept (the watcher's sources):
/// only those new since the last call are cloned.
pub fn assemble_memo_shared<'a>(
    entries: impl IntoIterator<Item = &'a Arc<Entry>>,
    now: DateTime<FixedOffset>,
    owners: &Owners,
    memo: &mut Memo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let entries: Vec<&Arc<Entry>> = entries.into_iter().collect();
    memo.assemble(&entries, now, owners, diagnostics)
}

/// The whole assembly, from nothing: the reference the memo must agree with.
fn assemble_full(
    entries: Vec<Arc<Entry>>,
    now: DateTime<FixedOffset>,
    owners: &Owners,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let mut entries = entries;
    // Unstable is enough: the order is total.
    entries.sort_unstable_by(|a, b| input_order(a, b));
    warn_unlikely_dates(&entries, now, diagnostics);

    // Embargo first: an entry not yet public takes no part in anything, so nothing of it
    // (not even a merged excerpt or a duplicate message) can leak before its instant.
    let (public, held): (Vec<Arc<Entry>>, Vec<Arc<Entry>>) =
        entries.into_iter().partition(|e| is_public(e, now));
    let scheduled = scheduled(held);
    let next_embargo = scheduled.first().and_then(|e| e.embargo);

    let (press, others): (Vec<Arc<Entry>>, Vec<Arc<Entry>>) = public
        .into_iter()
        .partition(|e| e.kind == Kind::PressReview);

    let mut out = unique_outputs(&others, owners, diagnostics);
    warn_copies(&out, owners, diagnostics);
    out.extend(press::merge(press, diagnostics));
    let out = newest_first(out);
    Catalog {
        entries: out,
        next_embargo,
        scheduled,
    }
}

/// Whether `entry` may go out at `now` (no embargo, or an embargo over).
fn is_public(entry: &Entry, now: DateTime<FixedOffset>) -> bool {
    entry.embargo.is_none_or(|at| at <= now)
}

/// The held entries, soonest embargo first.
fn scheduled(mut held: Vec<Arc<Entry>>) -> Vec<Arc<Entry>> {
    held.sort_by(|a, b| a.embargo.cmp(&b.embargo).then_with(|| input_order(a, b)));
    held
}

/// Two communiqués (or events) with the same title on the same day are most often a copy
/// ("Copie de lancement.md") published by mistake: both go out, with a warning naming both.
fn warn_copies(entries: &[Arc<Entry>], owners: &Owners, diagnostics: &mut Vec<Diagnostic>) {
    let titles: Vec<_> = entries.iter().map(|e| fold(&e.title)).collect();
    let mut groups: FxHashMap<(Kind, &str, chrono::NaiveDate), Vec<&Arc<Entry>>> =
        FxHashMap::default();
    for (entry, title) in entries.iter().zip(&titles) {
        let group = (entry.kind, &**title, entry.date.at.date_naive());
        groups.entry(group).or_default().push(entry);
    }
    let copies = groups.into_values().filter(|group| group.len() > 1);
    tell_copies(copies, owners, diagnostics);
}

/// The warnings of [`warn_copies`] for `groups` of entries of one kind with the same title
/// and day (two or more each). The file already online is the original; among newcomers,
/// the first in path order.
fn tell_copies<'a>(
    groups: impl Iterator<Item = Vec<&'a Arc<Entry>>>,
    owners: &Owners,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Online ones first (and whether a file is online is asked of copies alone).
    let mut copies: Vec<(bool, &Arc<Entry>, usize)> = groups
        .enumerate()
        .flat_map(|(group, members)| members.into_iter().map(move |e| (e, group)))
        .map(|(entry, group)| (!owners.owns(entry), entry, group))
        .collect();
    copies.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| input_order(a.1, b.1)));
    let mut first: FxHashMap<usize, &Entry> = FxHashMap::default();
    for (_, entry, group) in copies {
        match first.get(&group) {
            Some(first) => diagnostics.push(
                Diagnostic::warning(
                    &entry.origin.file,
                    Problem::SameTitleAndDate {
                        other: first.origin.file.display().to_string(),
                    },
                )
                .at(entry.origin.line, 0)
                .hint(Message::new("hint-same-title-and-date")),
            ),
            None => {
                first.insert(group, entry);
            }
        }
    }
}

/// A date far ahead (2062 for 2026) or before the agency existed is probably a typo: it is
/// held (a future date) or buried (an old one), so say so.
fn warn_unlikely_dates<'a>(
    entries: impl IntoIterator<Item = &'a Arc<Entry>>,
    now: DateTime<FixedOffset>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for entry in entries {
        let at = entry.date.at;
        let Some(ahead) = unlikely(at, now) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::warning(
                &entry.origin.file,
                Problem::UnlikelyDate {
                    date: at.format("%Y-%m-%d").to_string(),
                    ahead,
                },
            )
            .at(entry.origin.line, 0)
            .hint(Message::new("hint-check-year")),
        );
    }
}

/// Whether the date `at` is unlikely at `now`: `Some(true)` far ahead, `Some(false)` too old.
fn unlikely(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> Option<bool> {
    use chrono::Datelike;
    if at > now + chrono::Duration::days(UNLIKELY_AHEAD_DAYS) {
        Some(true)
    } else if at.year() < EARLIEST_LIKELY_YEAR {
        Some(false)
    } else {
        None
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
fn unique_outputs(
    entries: &[Arc<Entry>],
    owners: &Owners,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<Entry>> {
    // Most saves find no two entries on one output: then which file was online first
    // changes nothing, and no file's output names need looking up.
    if !has_rivals(entries) {
        return entries.to_vec();
    }
    let n = entries.len();
    let mut keys: FxHashMap<(Kind, &str), usize> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut slugs: FxHashMap<(Kind, &str), usize> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    // Two files Jekyll would write to one page (`fin.md`, `fin..md`) cannot both be linked.
    let mut pages: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut kept: Vec<Arc<Entry>> = Vec::with_capacity(entries.len());
    // Files already online take their places first, whatever their path order.
    let (online, newcomers): (Vec<&Arc<Entry>>, Vec<&Arc<Entry>>) = if owners.is_empty() {
        (Vec::new(), entries.iter().collect())
    } else {
        entries.iter().partition(|e| owners.owns(e))
    };
    for entry in online.into_iter().chain(newcomers) {
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
            let diagnostic = if owners.online_rival(entry).is_some() {
                Diagnostic::error(
                    &entry.origin.file,
                    Problem::SlotTaken {
                        online: first.origin.file.display().to_string(),
                        output,
                    },
                )
                .hint(Message::new("hint-slot-taken"))
            } else {
                Diagnostic::error(
                    &entry.origin.file,
                    Problem::DuplicateOutput {
                        kept: first.origin.file.display().to_string(),
                        output,
                    },
                )
                .hint(Message::new("hint-duplicate-output"))
            };
            diagnostics.push(diagnostic.at(entry.origin.line, 0));
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

/// `entries` newest first, ties broken by key, then by input order. Sorted on a compact
/// copy of the first two keys: 10,000 entries scattered in memory sort several times slower.
fn newest_first(entries: Vec<Arc<Entry>>) -> Vec<Arc<Entry>> {
    let mut order: Vec<(DateTime<FixedOffset>, &str, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date.at, e.key.as_str(), i))
        .collect();
    order.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| input_order(&entries[a.2], &entries[b.2]))
    });
    // (The same order as `newest_order`, on the compact copy.)
    order
        .into_iter()
        .map(|(_, _, i)| Arc::clone(&entries[i]))
        .collect()
}

/// The order of a catalog's entries: newest first, then by key, then by input order.
pub fn newest_order(a: &Entry, b: &Entry) -> Ordering {
    b.date
        .at
        .cmp(&a.date.at)
        .then_with(|| a.key.cmp(&b.key))
        .then_with(|| input_order(a, b))
}

/// Whether two entries claim one key or slug within a kind, or one site page: what
/// [`unique_outputs`] decides between.
fn has_rivals(entries: &[Arc<Entry>]) -> bool {
    let n = entries.len();
    let mut keys = FxHashSet::with_capacity_and_hasher(n, Default::default());
    let mut slugs = FxHashSet::with_capacity_and_hasher(n, Default::default());
    let mut pages = FxHashSet::with_capacity_and_hasher(n, Default::default());
    entries.iter().any(|e| {
        !keys.insert((e.kind, e.key.as_str()))
            || !slugs.insert((e.kind, e.slug.as_str()))
            || e.page.as_deref().is_some_and(|page| !pages.insert(page))
    })
}

#[cfg(test)]
mod tests;
