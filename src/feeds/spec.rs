//! Which feeds exist: the main one, one per kind, one per tag or category in use. Each is a
//! folder under the output directory holding `atom.xml`, `rss.xml`, `feed.json` and, when
//! it has more entries than `feed-limit`, its `archive/` pages.

use super::html::plain_text;
use super::ids::feed_id;
use crate::config::Config;
use crate::model::{Entry, Kind};
use crate::text::slugify;
use crate::web::identity;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// What selects a feed's entries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Selection {
    All,
    Kind(Kind),
    /// Entries with a tag or category whose slug is this one.
    Tag(String),
}

/// One feed: where it goes, what it is called, which entries it shows.
#[derive(Debug, Clone)]
pub(crate) struct FeedSpec {
    pub selection: Selection,
    /// Folder relative to the output dir, with a trailing `/` ("" for the main feed).
    pub dir: String,
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// For tags: the label as first written ("Intelligence artificielle").
    pub label: String,
}

impl FeedSpec {
    fn new(selection: Selection, label: &str, config: &Config) -> FeedSpec {
        let site = plain_text(&config.site_title);
        let (dir, id, title, subtitle) = match &selection {
            Selection::All => (
                String::new(),
                feed_id(None, config),
                site.clone(),
                format!("Communiqués, agenda et revue de presse — {site}"),
            ),
            Selection::Kind(kind) => (
                format!("{}/", kind.slug()),
                feed_id(Some(*kind), config),
                format!("{site} — {}", kind.label()),
                format!("{} — {site}", kind.label()),
            ),
            Selection::Tag(slug) => (
                format!("tags/{slug}/"),
                format!("tag:{}:feed/tags/{slug}", config.id_authority),
                format!("{site} — {label}"),
                format!("Tout ce qui porte sur « {label} » — {site}"),
            ),
        };
        FeedSpec {
            selection,
            dir,
            id,
            title,
            subtitle,
            label: label.to_string(),
        }
    }
}

/// The slug and plain label of each tag and category of an entry.
pub(crate) fn tag_slugs(entry: &Entry) -> impl Iterator<Item = (String, String)> + '_ {
    entry.category.iter().chain(&entry.tags).filter_map(|raw| {
        let label = plain_text(raw);
        Some((slugify(&label)?, label))
    })
}

/// What [`all_feeds_with`] reads of one entry, kept between calls while the catalog holds the
/// same allocation: a save changes one entry, and parsing every entry's address or
/// slugifying every tag on each save would cost as much as the rest of the feeds.
#[derive(Default)]
pub(crate) struct Facts {
    /// By the entry's address in memory; the `Arc` kept in the fact keeps it unique.
    by_entry: FxHashMap<usize, Fact>,
}

struct Fact {
    _entry: Arc<Entry>,
    /// The normalised address of its page (a press article's: the article it points to).
    page: Option<String>,
    /// Its tags and categories, one per slug, first label kept.
    tags: Vec<(String, String)>,
}

impl Fact {
    fn of(entry: &Arc<Entry>, config: &Config) -> Fact {
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
        Fact {
            _entry: Arc::clone(entry),
            page,
            tags,
        }
    }
}

/// Every feed of the catalog with its entries (newest first), in publishing order: main,
/// kinds, then tags by slug. One pass over the catalog, whatever the number of tags.
///
/// Ids are unique by construction (distinct keys give distinct ids); a duplicate key would
/// still be a catalog bug, and readers must never see one id twice, so the first (newest)
/// wins everywhere.
///
/// Each entry is read through `facts` (which keeps those of `entries` for the next call).
pub(crate) fn all_feeds_with<'a>(
    entries: &'a [Arc<Entry>],
    config: &Config,
    facts: &mut Facts,
) -> Vec<(FeedSpec, Vec<&'a Arc<Entry>>)> {
    let mut known = std::mem::take(&mut facts.by_entry);
    facts.by_entry.reserve(entries.len());
    for entry in entries {
        let at = Arc::as_ptr(entry) as usize;
        let fact = known.remove(&at).unwrap_or_else(|| Fact::of(entry, config));
        facts.by_entry.insert(at, fact);
    }
    drop(known);
    let fact = |entry: &Arc<Entry>| &facts.by_entry[&(Arc::as_ptr(entry) as usize)];
    // One entry per address in the all-kinds feed: a press article that is a communiqué's
    // page is shown as the communiqué.
    let pages: FxHashSet<&str> = entries
        .iter()
        .filter(|e| e.kind != Kind::PressReview)
        .filter_map(|e| fact(e).page.as_deref())
        .collect();
    let repeats_a_page = |entry: &Arc<Entry>| {
        entry.kind == Kind::PressReview
            && fact(entry)
                .page
                .as_deref()
                .is_some_and(|page| pages.contains(page))
    };
    let mut seen = FxHashSet::default();
    seen.reserve(entries.len());
    let mut all = Vec::with_capacity(entries.len());
    let mut kinds: [Vec<&Arc<Entry>>; 3] = Default::default();
    // The label of a slug is the one of its newest entry: what the office writes today.
    let mut tags: BTreeMap<&str, (&str, Vec<&Arc<Entry>>)> = BTreeMap::new();
    for entry in entries.iter().filter(|e| seen.insert(e.key.as_str())) {
        if !repeats_a_page(entry) {
            all.push(entry);
        }
        if let Some(i) = Kind::ALL.iter().position(|k| *k == entry.kind) {
            kinds[i].push(entry);
        }
        for (slug, label) in &fact(entry).tags {
            tags.entry(slug)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(entry);
        }
    }
    let mut feeds = vec![(FeedSpec::new(Selection::All, "", config), all)];
    for (kind, list) in Kind::ALL.iter().zip(kinds) {
        feeds.push((
            FeedSpec::new(Selection::Kind(*kind), kind.label(), config),
            list,
        ));
    }
    for (slug, (label, list)) in tags {
        let selection = Selection::Tag(slug.to_string());
        feeds.push((FeedSpec::new(selection, label, config), list));
    }
    feeds
}
