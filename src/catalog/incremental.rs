//! The watcher's catalog, kept up to date from one assembly to the next: a save adds,
//! replaces or removes an entry or two, and walking the whole archive (sorting it, hashing
//! every output name, folding every title) on each save costs more than rendering the feed.
//!
//! The memo keeps the inputs by address, the outputs each public entry claims (key, slug,
//! page, title and day), the embargoes and dates in order, and the previous catalog. Only
//! what changed is looked at again; what depends on everything at once (who keeps a shared
//! output, which copies are told, the press review's merge) is decided again among the few
//! entries concerned, the same way [`super::assemble_with`] decides it, so the catalog and
//! the diagnostics are exactly its own.

use super::{
    Catalog, Owners, assemble_full, input_order, is_public, newest_first, newest_order, press,
    scheduled, tell_copies, unique_outputs, unlikely, warn_unlikely_dates,
};
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Kind};
use crate::text::fold;
use chrono::{DateTime, FixedOffset, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;
use std::hash::Hash;
use std::ops::Bound;
use std::sync::Arc;

/// More changes than this and the catalog's order is sorted again rather than patched.
const PATCH_LIMIT: usize = 64;

/// An entry's address: the `Arc` kept in its record keeps it unique.
type Addr = usize;

fn addr(entry: &Arc<Entry>) -> Addr {
    Arc::as_ptr(entry) as usize
}

/// What [`super::assemble_memo`] kept from the previous assembly.
#[derive(Default)]
pub struct Memo {
    /// Nothing is known: the next assembly starts from scratch.
    state: Option<Known>,
}

/// One input and what is known of it.
struct Record {
    entry: Arc<Entry>,
    /// Its folded title (communiqués and events).
    title: String,
    /// Not held back at the memo's `now`.
    public: bool,
    /// In the catalog's entries (a public communiqué or event no rival displaces).
    shown: bool,
    /// The assembly that last found it among the inputs.
    seen: u64,
}

/// Entries (by address) grouped by something they claim; the groups of two or more kept apart.
struct Groups<K> {
    members: FxHashMap<K, Vec<Addr>>,
    shared: FxHashSet<K>,
}

impl<K> Default for Groups<K> {
    fn default() -> Self {
        Groups {
            members: FxHashMap::default(),
            shared: FxHashSet::default(),
        }
    }
}

impl<K: Hash + Eq + Clone> Groups<K> {
    fn add(&mut self, key: K, at: Addr) {
        let members = self.members.entry(key.clone()).or_default();
        members.push(at);
        if members.len() == 2 {
            self.shared.insert(key);
        }
    }

    fn remove(&mut self, key: &K, at: Addr) {
        let Some(members) = self.members.get_mut(key) else {
            return;
        };
        members.retain(|&m| m != at);
        match members.len() {
            0 => {
                self.members.remove(key);
            }
            1 => {
                self.shared.remove(key);
            }
            _ => {}
        }
    }

    /// The members of every group of two or more.
    fn sharing(&self) -> impl Iterator<Item = &Vec<Addr>> {
        self.shared.iter().filter_map(|key| self.members.get(key))
    }
}

type TitleDay = (Kind, String, NaiveDate);

struct Known {
    generation: u64,
    now: DateTime<FixedOffset>,
    records: FxHashMap<Addr, Record>,
    /// Every input by date (for the unlikely dates).
    by_date: BTreeSet<(DateTime<FixedOffset>, Addr)>,
    /// Every input with an embargo, by embargo.
    embargoes: BTreeSet<(DateTime<FixedOffset>, Addr)>,
    /// Public communiqués and events, by what [`unique_outputs`] keeps one of.
    keys: Groups<(Kind, String)>,
    slugs: Groups<(Kind, String)>,
    pages: Groups<String>,
    /// Public communiqués and events, by what [`super::warn_copies`] looks at.
    titles: Groups<TitleDay>,
    /// Public communiqués and events left out for a rival (at the last assembly).
    displaced: FxHashSet<Addr>,
    /// Public press-review items, and whether they changed since the last merge.
    press: FxHashSet<Addr>,
    press_changed: bool,
    /// The last merge's entries and diagnostics.
    merged: Vec<Arc<Entry>>,
    merge_diagnostics: Vec<Diagnostic>,
    /// The catalog's entries, newest first.
    shown: Vec<Arc<Entry>>,
}

impl Memo {
    /// The catalog of `entries` at `now`: [`super::assemble_with`]'s, patched from the
    /// previous one.
    pub(super) fn assemble(
        &mut self,
        entries: &[&Arc<Entry>],
        now: DateTime<FixedOffset>,
        owners: &Owners,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Catalog {
        let known = self.state.get_or_insert_with(|| Known::new(now));
        match known.update(entries, now, owners, diagnostics) {
            Some(catalog) => catalog,
            None => {
                // One allocation given twice: never from the pipeline; the plain way copes.
                self.state = None;
                let entries = entries.iter().map(|e| Arc::clone(e)).collect();
                assemble_full(entries, now, owners, diagnostics)
            }
        }
    }
}

impl Known {
    fn new(now: DateTime<FixedOffset>) -> Known {
        Known {
            generation: 0,
            now,
            records: FxHashMap::default(),
            by_date: BTreeSet::new(),
            embargoes: BTreeSet::new(),
            keys: Groups::default(),
            slugs: Groups::default(),
            pages: Groups::default(),
            titles: Groups::default(),
            displaced: FxHashSet::default(),
            press: FxHashSet::default(),
            press_changed: false,
            merged: Vec::new(),
            merge_diagnostics: Vec::new(),
            shown: Vec::new(),
        }
    }

    /// Brings the memo to `entries` at `now`; `None` if one allocation is there twice (the
    /// memo is then unusable). Borrowed: only the new entries are cloned (each clone
    /// touches the entry's memory, and 10,000 entries are scattered).
    fn update(
        &mut self,
        entries: &[&Arc<Entry>],
        now: DateTime<FixedOffset>,
        owners: &Owners,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Catalog> {
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let mut added: Vec<Arc<Entry>> = Vec::new();
        let mut found = 0;
        let mut twice = false;
        for &entry in entries {
            match self.records.get_mut(&addr(entry)) {
                Some(record) if record.seen == generation => twice = true,
                Some(record) => {
                    record.seen = generation;
                    found += 1;
                }
                None => added.push(Arc::clone(entry)),
            }
        }
        let mut new_addrs = FxHashSet::default();
        if twice || !added.iter().all(|e| new_addrs.insert(addr(e))) {
            return None;
        }

        // Entries whose place in the catalog may change, and the catalog's changes.
        let mut touched: FxHashSet<Addr> = FxHashSet::default();
        let mut patch = Patch::default();
        if found < self.records.len() {
            let gone: Vec<Addr> = self
                .records
                .iter()
                .filter(|(_, record)| record.seen != generation)
                .map(|(&at, _)| at)
                .collect();
            for at in gone {
                self.remove(at, &mut patch);
            }
        }
        // Embargoes that ended (or, with a clock set back, began) since the last assembly.
        if now != self.now {
            let (from, to) = (self.now.min(now), self.now.max(now));
            let flipped: Vec<Addr> = self
                .embargoes
                .range((
                    Bound::Excluded((from, Addr::MAX)),
                    Bound::Included((to, Addr::MAX)),
                ))
                .map(|&(_, at)| at)
                .collect();
            for at in flipped {
                let Some(record) = self.records.get(&at) else {
                    continue;
                };
                if is_public(&record.entry, now) != record.public {
                    self.set_public(at, !record.public, &mut touched);
                }
            }
            self.now = now;
        }
        for entry in added {
            self.add(entry, now, &mut touched);
        }

        self.warn_unlikely_dates(now, diagnostics);
        let displaced = self.rivals(owners, diagnostics);
        touched.extend(self.displaced.iter().copied());
        touched.extend(displaced.iter().copied());
        self.displaced = displaced;
        for at in touched {
            let Some(record) = self.records.get_mut(&at) else {
                continue;
            };
            let show = record.public
                && record.entry.kind != Kind::PressReview
                && !self.displaced.contains(&at);
            if show != record.shown {
                record.shown = show;
                let entry = Arc::clone(&record.entry);
                if show {
                    patch.insert.push(entry);
                } else {
                    patch.remove.push(entry);
                }
            }
        }
        self.tell_copies(owners, diagnostics);
        if self.press_changed {
            self.press_changed = false;
            let mut press: Vec<Arc<Entry>> = self
                .press
                .iter()
                .map(|at| Arc::clone(&self.records[at].entry))
                .collect();
            press.sort_unstable_by(|a, b| input_order(a, b));
            let mut merge_diagnostics = Vec::new();
            let merged = press::merge(press, &mut merge_diagnostics);
            patch.remove.append(&mut self.merged);
            patch.insert.extend(merged.iter().cloned());
            self.merged = merged;
            self.merge_diagnostics = merge_diagnostics;
        }
        diagnostics.extend(self.merge_diagnostics.iter().cloned());
        patch.apply(&mut self.shown);

        let held: Vec<Arc<Entry>> = self
            .embargoes
            .range((Bound::Excluded((now, Addr::MAX)), Bound::Unbounded))
            .map(|(_, at)| Arc::clone(&self.records[at].entry))
            .collect();
        let scheduled = scheduled(held);
        Some(Catalog {
            entries: self.shown.clone(),
            next_embargo: scheduled.first().and_then(|e| e.embargo),
            scheduled,
        })
    }

    fn add(
        &mut self,
        entry: Arc<Entry>,
        now: DateTime<FixedOffset>,
        touched: &mut FxHashSet<Addr>,
    ) {
        let at = addr(&entry);
        self.by_date.insert((entry.date.at, at));
        if let Some(embargo) = entry.embargo {
            self.embargoes.insert((embargo, at));
        }
        let title = match entry.kind {
            Kind::PressReview => String::new(),
            _ => fold(&entry.title).into_owned(),
        };
        let record = Record {
            entry,
            title,
            public: false,
            shown: false,
            seen: self.generation,
        };
        let public = is_public(&record.entry, now);
        self.records.insert(at, record);
        if public {
            self.set_public(at, true, touched);
        }
    }

    fn remove(&mut self, at: Addr, patch: &mut Patch) {
        if self.records.get(&at).is_some_and(|r| r.public) {
            self.set_public(at, false, &mut FxHashSet::default());
        }
        let Some(record) = self.records.remove(&at) else {
            return;
        };
        self.by_date.remove(&(record.entry.date.at, at));
        if let Some(embargo) = record.entry.embargo {
            self.embargoes.remove(&(embargo, at));
        }
        self.displaced.remove(&at);
        if record.shown {
            patch.remove.push(record.entry);
        }
    }

    /// Makes the entry at `at` take part in the catalog, or no longer.
    fn set_public(&mut self, at: Addr, public: bool, touched: &mut FxHashSet<Addr>) {
        let Some(record) = self.records.get_mut(&at) else {
            return;
        };
        record.public = public;
        touched.insert(at);
        let entry = &record.entry;
        if entry.kind == Kind::PressReview {
            if public {
                self.press.insert(at);
            } else {
                self.press.remove(&at);
            }
            self.press_changed = true;
            return;
        }
        let key = (entry.kind, entry.key.clone());
        let slug = (entry.kind, entry.slug.clone());
        let title = (entry.kind, record.title.clone(), entry.date.at.date_naive());
        let page = entry.page.clone();
        if public {
            self.keys.add(key, at);
            self.slugs.add(slug, at);
            self.titles.add(title, at);
            if let Some(page) = page {
                self.pages.add(page, at);
            }
        } else {
            self.keys.remove(&key, at);
            self.slugs.remove(&slug, at);
            self.titles.remove(&title, at);
            if let Some(page) = page {
                self.pages.remove(&page, at);
            }
        }
    }

    fn entries_at<'a>(&'a self, addrs: impl Iterator<Item = &'a Addr>) -> Vec<&'a Arc<Entry>> {
        addrs
            .filter_map(|at| self.records.get(at))
            .map(|r| &r.entry)
            .collect()
    }

    /// [`super::warn_unlikely_dates`] over the inputs dated before 1990 or far ahead of `now`.
    fn warn_unlikely_dates(&self, now: DateTime<FixedOffset>, diagnostics: &mut Vec<Diagnostic>) {
        // A day's margin either side: the year is the one of the date's own offset.
        let old = chrono::NaiveDate::from_ymd_opt(super::EARLIEST_LIKELY_YEAR, 1, 2)
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|at| at.and_utc().fixed_offset());
        let ahead = now + chrono::Duration::days(super::UNLIKELY_AHEAD_DAYS);
        let mut found: Vec<&Arc<Entry>> = Vec::new();
        if let Some(old) = old {
            let before = self.by_date.range(..(old, Addr::MAX));
            found.extend(self.entries_at(before.map(|(_, at)| at)));
        }
        let after = self
            .by_date
            .range((Bound::Excluded((ahead, Addr::MAX)), Bound::Unbounded));
        found.extend(self.entries_at(after.map(|(_, at)| at)));
        found.retain(|e| unlikely(e.date.at, now).is_some());
        found.sort_unstable_by(|a, b| input_order(a, b));
        found.dedup_by(|a, b| Arc::ptr_eq(a, b));
        warn_unlikely_dates(found, now, diagnostics);
    }

    /// [`unique_outputs`] among the public entries that share an output with another (the
    /// others are kept whatever happens); the addresses of those it leaves out.
    fn rivals(&self, owners: &Owners, diagnostics: &mut Vec<Diagnostic>) -> FxHashSet<Addr> {
        let mut contested: FxHashSet<Addr> = FxHashSet::default();
        for members in self
            .keys
            .sharing()
            .chain(self.slugs.sharing())
            .chain(self.pages.sharing())
        {
            contested.extend(members.iter().copied());
        }
        if contested.is_empty() {
            return contested;
        }
        let mut entries: Vec<Arc<Entry>> = self
            .entries_at(contested.iter())
            .into_iter()
            .cloned()
            .collect();
        entries.sort_unstable_by(|a, b| input_order(a, b));
        let kept: FxHashSet<Addr> = unique_outputs(&entries, owners, diagnostics)
            .iter()
            .map(addr)
            .collect();
        contested.retain(|at| !kept.contains(at));
        contested
    }

    /// [`super::warn_copies`] among the shown entries with the same title and day as another.
    fn tell_copies(&self, owners: &Owners, diagnostics: &mut Vec<Diagnostic>) {
        let groups = self.titles.sharing().filter_map(|members| {
            let shown = members.iter().filter(|at| !self.displaced.contains(at));
            let group = self.entries_at(shown);
            (group.len() > 1).then_some(group)
        });
        tell_copies(groups, owners, diagnostics);
    }
}

/// Changes to the catalog's entries.
#[derive(Default)]
struct Patch {
    insert: Vec<Arc<Entry>>,
    remove: Vec<Arc<Entry>>,
}

impl Patch {
    /// Applies the changes to `shown`, kept newest first.
    fn apply(self, shown: &mut Vec<Arc<Entry>>) {
        if self.insert.len() + self.remove.len() > PATCH_LIMIT {
            let gone: FxHashSet<Addr> = self.remove.iter().map(addr).collect();
            let mut all = std::mem::take(shown);
            all.retain(|e| !gone.contains(&addr(e)));
            all.extend(self.insert);
            *shown = newest_first(all);
            return;
        }
        for entry in &self.remove {
            let start = shown.partition_point(|e| newest_order(e, entry).is_lt());
            if let Some(i) = shown[start..].iter().position(|e| Arc::ptr_eq(e, entry)) {
                shown.remove(start + i);
            }
        }
        for entry in self.insert {
            let at = shown.partition_point(|e| newest_order(e, &entry).is_le());
            shown.insert(at, entry);
        }
    }
}
