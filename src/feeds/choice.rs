//! Which feeds show which entries, and each shown entry's item, kept from one catalog to the
//! next: a save adds, replaces or removes an entry or two, and choosing the feeds of the
//! whole archive again (parsing every address, slugifying every tag, hashing every key) and
//! looking up every entry's item cost more than rendering the feed the save changed.
//!
//! The lists are patched while the catalog keeps its order and keys stay unique among the
//! entries that changed; otherwise they are chosen again from the whole catalog (the same
//! rules, [`Choice::choose_all`]). Memoisation only: the feeds are the same either way.

use super::item::Item;
use super::spec::{FeedSpec, Selection, tag_slugs};
use super::{PdfSizes, html};
use crate::config::Config;
use crate::model::{Entry, Kind, same_entry};
use crate::web::identity;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// More entries changed than this and the feeds are chosen again from the whole catalog.
const PATCH_LIMIT: usize = 64;

/// An entry's address: the `Arc` kept in its record keeps it unique.
type Addr = usize;

fn addr(entry: &Arc<Entry>) -> Addr {
    Arc::as_ptr(entry) as usize
}

/// The feeds of the last catalog and their entries (newest first), and the items.
#[derive(Default)]
pub(crate) struct Choice {
    generation: u64,
    records: FxHashMap<Addr, Record>,
    /// The all-kinds feed, each kind's (in [`Kind::ALL`]'s order), each tag's by slug.
    all: Vec<Arc<Entry>>,
    kinds: [Vec<Arc<Entry>>; 3],
    tags: BTreeMap<String, Vec<Arc<Entry>>>,
    /// How many catalog entries have each key.
    keys: FxHashMap<String, usize>,
    /// How many communiqués and events have each page address.
    pages: FxHashMap<String, usize>,
    /// Press-review items by the address they point to.
    press_pages: FxHashMap<String, Vec<Addr>>,
    /// The PDF sizes the items were prepared with.
    sizes: PdfSizes,
}

/// One catalog entry and what the feeds need of it.
struct Record {
    entry: Arc<Entry>,
    fact: Fact,
    /// Its index in the catalog.
    pos: usize,
    /// The update that last found it in the catalog.
    seen: u64,
    /// The first (newest) of its key: only it is shown, by any feed.
    listed: bool,
    /// Shown by the all-kinds feed (listed, and not a press article about a page shown).
    in_all: bool,
    /// Its item and the PDF size it was prepared with.
    item: Option<(Option<u64>, Arc<Item>)>,
}

/// What the choice reads of one entry.
struct Fact {
    /// The normalised address of its page (a press article's: the article it points to).
    page: Option<String>,
    /// Its tags and categories, one per slug, first label kept.
    tags: Vec<(String, String)>,
}

impl Fact {
    fn of(entry: &Entry, config: &Config) -> Fact {
        let page = if entry.kind == Kind::PressReview {
            entry.article.as_ref().and_then(|a| identity::of(&a.url))
        } else {
            identity::of(&super::links::entry_link(entry, config))
        };
        // "IA" as category and tag: the entry is in its feed once.
        let mut done = HashSet::new();
        let tags = tag_slugs(entry)
            .filter(|(slug, _)| done.insert(slug.clone()))
            .collect();
        Fact { page, tags }
    }
}

fn kind_index(kind: Kind) -> Option<usize> {
    Kind::ALL.iter().position(|k| *k == kind)
}

impl Choice {
    /// Brings the lists and items to `entries` (a catalog, newest first) and `pdfs`.
    pub(crate) fn update(&mut self, entries: &[Arc<Entry>], config: &Config, pdfs: &PdfSizes) {
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let mut added: Vec<(usize, &Arc<Entry>)> = Vec::new();
        let (mut found, mut ordered, mut twice) = (0, true, false);
        let mut last: Option<usize> = None;
        for (pos, entry) in entries.iter().enumerate() {
            match self.records.get_mut(&addr(entry)) {
                Some(record) if record.seen == generation => twice = true,
                Some(record) => {
                    ordered &= last.is_none_or(|before| record.pos > before);
                    last = Some(record.pos);
                    record.pos = pos;
                    record.seen = generation;
                    found += 1;
                }
                None => added.push((pos, entry)),
            }
        }
        let mut removed: Vec<Record> = Vec::new();
        if found < self.records.len() {
            let gone: Vec<Addr> = self
                .records
                .iter()
                .filter(|(_, record)| record.seen != generation)
                .map(|(&at, _)| at)
                .collect();
            removed.extend(gone.iter().filter_map(|at| self.records.remove(at)));
        }
        let mut new_addrs: Vec<Addr> = Vec::with_capacity(added.len());
        for (pos, entry) in added {
            let at = addr(entry);
            if self.records.contains_key(&at) {
                twice = true;
                continue;
            }
            let record = Record {
                entry: Arc::clone(entry),
                fact: Fact::of(entry, config),
                pos,
                seen: generation,
                listed: false,
                in_all: false,
                item: None,
            };
            self.records.insert(at, record);
            new_addrs.push(at);
        }
        let patched = ordered
            && !twice
            && removed.len() + new_addrs.len() <= PATCH_LIMIT
            && self.patch(&removed, &new_addrs);
        if !patched {
            self.choose_all(entries);
        }
        self.prepare(&removed, &new_addrs, !patched, config, pdfs);
    }

    /// Patches the lists for `removed` and `added`; false (nothing changed) when a key of
    /// theirs is shared with another entry: then the first of each key must be found again.
    fn patch(&mut self, removed: &[Record], added: &[Addr]) -> bool {
        // Each removed entry held its key alone (so it was shown), and each added one
        // holds its key alone once the removed are gone (so it is shown).
        let mut removed_keys: FxHashSet<&str> = FxHashSet::default();
        for record in removed {
            let key = record.entry.key.as_str();
            if !removed_keys.insert(key) || self.keys.get(key) != Some(&1) {
                return false;
            }
        }
        let mut added_keys: FxHashSet<&str> = FxHashSet::default();
        for at in added {
            let Some(record) = self.records.get(at) else {
                return false;
            };
            let key = record.entry.key.as_str();
            let before = self.keys.get(key).copied().unwrap_or(0);
            let left = before - usize::from(removed_keys.contains(key));
            if !added_keys.insert(key) || left > 0 {
                return false;
            }
        }
        // Pages whose communiqué or event came or went: press articles about them move.
        let mut moved_pages: Vec<String> = Vec::new();
        for record in removed {
            let entry = &record.entry;
            decrement(&mut self.keys, &entry.key);
            if let Some(i) = kind_index(entry.kind) {
                remove_from(&mut self.kinds[i], entry);
            }
            for (slug, _) in &record.fact.tags {
                if let Some(list) = self.tags.get_mut(slug) {
                    remove_from(list, entry);
                    if list.is_empty() {
                        self.tags.remove(slug);
                    }
                }
            }
            if record.in_all {
                remove_from(&mut self.all, entry);
            }
            if let Some(page) = &record.fact.page {
                if entry.kind == Kind::PressReview {
                    if let Some(list) = self.press_pages.get_mut(page) {
                        list.retain(|&at| at != addr(entry));
                        if list.is_empty() {
                            self.press_pages.remove(page);
                        }
                    }
                } else if decrement(&mut self.pages, page) {
                    moved_pages.push(page.clone());
                }
            }
        }
        for at in added {
            let Some(record) = self.records.get(at) else {
                continue;
            };
            let entry = &record.entry;
            *self.keys.entry(entry.key.clone()).or_default() += 1;
            if let Some(page) = &record.fact.page {
                if entry.kind == Kind::PressReview {
                    self.press_pages.entry(page.clone()).or_default().push(*at);
                } else {
                    let count = self.pages.entry(page.clone()).or_default();
                    *count += 1;
                    if *count == 1 {
                        moved_pages.push(page.clone());
                    }
                }
            }
        }
        for at in added {
            let Some(record) = self.records.get(at) else {
                continue;
            };
            let entry = Arc::clone(&record.entry);
            let pos = record.pos;
            let in_all = !self.repeats_a_page(record);
            let tags: Vec<String> = record.fact.tags.iter().map(|(s, _)| s.clone()).collect();
            if let Some(i) = kind_index(entry.kind) {
                insert_at(&mut self.kinds[i], &self.records, pos, &entry);
            }
            for slug in tags {
                let list = self.tags.entry(slug).or_default();
                insert_at(list, &self.records, pos, &entry);
            }
            if in_all {
                insert_at(&mut self.all, &self.records, pos, &entry);
            }
            if let Some(record) = self.records.get_mut(at) {
                record.listed = true;
                record.in_all = in_all;
            }
        }
        for page in moved_pages {
            let press = self.press_pages.get(&page).cloned().unwrap_or_default();
            for at in press {
                let Some(record) = self.records.get(&at) else {
                    continue;
                };
                let in_all = !self.repeats_a_page(record);
                if in_all == record.in_all || !record.listed {
                    continue;
                }
                let entry = Arc::clone(&record.entry);
                let pos = record.pos;
                if in_all {
                    insert_at(&mut self.all, &self.records, pos, &entry);
                } else {
                    remove_from(&mut self.all, &entry);
                }
                if let Some(record) = self.records.get_mut(&at) {
                    record.in_all = in_all;
                }
            }
        }
        true
    }

    /// A press article about a page a communiqué or event of the catalog is: the all-kinds
    /// feed shows it as that communiqué or event.
    fn repeats_a_page(&self, record: &Record) -> bool {
        record.entry.kind == Kind::PressReview
            && record
                .fact
                .page
                .as_deref()
                .is_some_and(|page| self.pages.contains_key(page))
    }

    /// Chooses every list again from the whole catalog, newest first.
    ///
    /// Ids are unique by construction (distinct keys give distinct ids); a duplicate key
    /// would still be a catalog bug, and readers must never see one id twice, so the first
    /// (newest) wins everywhere.
    fn choose_all(&mut self, entries: &[Arc<Entry>]) {
        self.keys.clear();
        self.pages.clear();
        self.press_pages.clear();
        for entry in entries {
            *self.keys.entry(entry.key.clone()).or_default() += 1;
            let Some(record) = self.records.get(&addr(entry)) else {
                continue;
            };
            if let Some(page) = &record.fact.page {
                if entry.kind == Kind::PressReview {
                    let press = self.press_pages.entry(page.clone()).or_default();
                    press.push(addr(entry));
                } else {
                    *self.pages.entry(page.clone()).or_default() += 1;
                }
            }
        }
        self.all.clear();
        self.kinds = Default::default();
        self.tags.clear();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        seen.reserve(entries.len());
        let mut shown: Vec<(Addr, bool, bool)> = Vec::with_capacity(entries.len());
        for entry in entries {
            let at = addr(entry);
            let listed = seen.insert(&entry.key);
            let Some(record) = self.records.get(&at) else {
                continue;
            };
            let in_all = listed && !self.repeats_a_page(record);
            shown.push((at, listed, in_all));
            if !listed {
                continue;
            }
            if in_all {
                self.all.push(Arc::clone(entry));
            }
            if let Some(i) = kind_index(entry.kind) {
                self.kinds[i].push(Arc::clone(entry));
            }
            for (slug, _) in &record.fact.tags {
                let list = self.tags.entry(slug.clone()).or_default();
                list.push(Arc::clone(entry));
            }
        }
        for (at, listed, in_all) in shown {
            if let Some(record) = self.records.get_mut(&at) {
                record.listed = listed;
                record.in_all = in_all;
            }
        }
    }

    /// Gives each listed entry its item: kept while the entry and its PDF size are the same,
    /// taken from a removed entry equal to it (a file saved unchanged), prepared otherwise.
    fn prepare(
        &mut self,
        removed: &[Record],
        added: &[Addr],
        everything: bool,
        config: &Config,
        pdfs: &PdfSizes,
    ) {
        let resized = self.resized(pdfs);
        let slugs_added: FxHashSet<&str> = added
            .iter()
            .filter_map(|at| Some(self.records.get(at)?.entry.slug.as_str()))
            .collect();
        // A PDF re-rendered for an entry that did not change: look at every entry.
        let everything = everything || resized.iter().any(|s| !slugs_added.contains(s.as_str()));
        let candidates: Vec<Addr> = if everything {
            self.records.keys().copied().collect()
        } else {
            added.to_vec()
        };
        let reusable: FxHashMap<&str, &Record> = removed
            .iter()
            .filter(|r| r.item.is_some())
            .map(|r| (r.entry.key.as_str(), r))
            .collect();
        let mut missing: Vec<(Addr, Arc<Entry>, Option<u64>)> = Vec::new();
        let mut reused: Vec<(Addr, Option<u64>, Arc<Item>)> = Vec::new();
        for at in candidates {
            let Some(record) = self.records.get(&at).filter(|r| r.listed) else {
                continue;
            };
            let size = pdfs.get(&record.entry.slug).copied();
            if record.item.as_ref().is_some_and(|(s, _)| *s == size) {
                continue;
            }
            let known = reusable.get(record.entry.key.as_str()).and_then(|r| {
                let (s, item) = r.item.as_ref()?;
                (*s == size && same_entry(&r.entry, &record.entry)).then(|| Arc::clone(item))
            });
            match known {
                Some(item) => reused.push((at, size, item)),
                None => missing.push((at, Arc::clone(&record.entry), size)),
            }
        }
        let made: Vec<(Addr, Option<u64>, Arc<Item>)> = if missing.is_empty() {
            Vec::new()
        } else {
            let sanitizer = html::Sanitizer::new(config);
            missing
                .par_iter()
                // Short tasks: rayon's default few long runs can leave one thread finishing alone.
                .with_max_len(16)
                .map(|(at, entry, size)| {
                    let item = Item::new(entry, config, pdfs, &sanitizer);
                    (*at, *size, Arc::new(item))
                })
                .collect()
        };
        for (at, size, item) in reused.into_iter().chain(made) {
            if let Some(record) = self.records.get_mut(&at) {
                record.item = Some((size, item));
            }
        }
    }

    /// The slugs whose PDF size differs from the one last seen; remembers `pdfs`.
    fn resized(&mut self, pdfs: &PdfSizes) -> Vec<String> {
        super::sync_sizes(&mut self.sizes, pdfs.iter().map(|(slug, &len)| (slug, len)))
    }

    /// Every feed with its entries (newest first), in publishing order: main, kinds, then
    /// tags by slug.
    pub(crate) fn feeds(&self, config: &Config) -> Vec<(FeedSpec, &[Arc<Entry>])> {
        let mut feeds = vec![(FeedSpec::new(Selection::All, "", config), &self.all[..])];
        for (kind, list) in Kind::ALL.iter().zip(&self.kinds) {
            let spec = FeedSpec::new(Selection::Kind(*kind), kind.label(), config);
            feeds.push((spec, &list[..]));
        }
        for (slug, list) in &self.tags {
            // The label of a slug is the one of its newest entry: what the office writes today.
            let label = list
                .first()
                .and_then(|newest| self.records.get(&addr(newest)))
                .and_then(|r| r.fact.tags.iter().find(|(s, _)| s == slug))
                .map_or("", |(_, label)| label.as_str());
            let spec = FeedSpec::new(Selection::Tag(slug.clone()), label, config);
            feeds.push((spec, &list[..]));
        }
        feeds
    }

    /// The item of a listed entry of the catalog.
    pub(crate) fn item(&self, entry: &Arc<Entry>) -> Option<&Arc<Item>> {
        let record = self.records.get(&addr(entry)).filter(|r| r.listed)?;
        record.item.as_ref().map(|(_, item)| item)
    }

    /// Every listed entry's item, by key.
    pub(crate) fn items_by_key(&self) -> FxHashMap<&str, Arc<Item>> {
        self.records
            .values()
            .filter(|r| r.listed)
            .filter_map(|r| Some((r.entry.key.as_str(), Arc::clone(&r.item.as_ref()?.1))))
            .collect()
    }
}

/// Counts one fewer `key`; whether none is left.
fn decrement(counts: &mut FxHashMap<String, usize>, key: &str) -> bool {
    let Some(count) = counts.get_mut(key) else {
        return false;
    };
    *count -= 1;
    if *count == 0 {
        counts.remove(key);
        return true;
    }
    false
}

fn remove_from(list: &mut Vec<Arc<Entry>>, entry: &Arc<Entry>) {
    if let Some(i) = list.iter().position(|e| Arc::ptr_eq(e, entry)) {
        list.remove(i);
    }
}

/// Inserts `entry`, at catalog index `pos`, into `list` kept in catalog order.
fn insert_at(
    list: &mut Vec<Arc<Entry>>,
    records: &FxHashMap<Addr, Record>,
    pos: usize,
    entry: &Arc<Entry>,
) {
    let at = list.partition_point(|e| records.get(&addr(e)).is_some_and(|r| r.pos < pos));
    list.insert(at, Arc::clone(entry));
}

#[cfg(test)]
#[path = "choice_tests.rs"]
mod tests;
