//! Which feeds exist: the main one, one per kind, one per tag or category in use. Each is a
//! folder under the output directory holding `atom.xml`, `rss.xml`, `feed.json` and, when
//! it has more entries than `feed-limit`, its `archive/` pages.

use super::html::plain_text;
use super::ids::{entry_id, feed_id};
use crate::config::Config;
use crate::model::{Entry, Kind};
use crate::source::text::slugify;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// What selects a feed's entries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    All,
    Kind(Kind),
    /// Entries with a tag or category whose slug is this one.
    Tag(String),
}

/// One feed: where it goes, what it is called, which entries it shows.
#[derive(Debug, Clone)]
pub struct FeedSpec {
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

    fn shows(&self, entry: &Entry) -> bool {
        match &self.selection {
            Selection::All => true,
            Selection::Kind(kind) => entry.kind == *kind,
            Selection::Tag(slug) => tag_slugs(entry).any(|(s, _)| &s == slug),
        }
    }
}

/// The slug and plain label of each tag and category of an entry.
pub fn tag_slugs(entry: &Entry) -> impl Iterator<Item = (String, String)> + '_ {
    entry.category.iter().chain(&entry.tags).filter_map(|raw| {
        let label = plain_text(raw);
        Some((slugify(&label)?, label))
    })
}

/// Every feed of the catalog, in publishing order: main, kinds, then tags by slug.
pub fn all_feeds(entries: &[Arc<Entry>], config: &Config) -> Vec<FeedSpec> {
    let mut feeds = vec![FeedSpec::new(Selection::All, "", config)];
    feeds.extend(
        Kind::ALL
            .iter()
            .map(|kind| FeedSpec::new(Selection::Kind(*kind), kind.label(), config)),
    );
    // The label of a slug is the one of its newest entry: what the office writes today.
    let mut tags: BTreeMap<String, String> = BTreeMap::new();
    for entry in entries {
        for (slug, label) in tag_slugs(entry) {
            tags.entry(slug).or_insert(label);
        }
    }
    feeds.extend(
        tags.into_iter()
            .map(|(slug, label)| FeedSpec::new(Selection::Tag(slug), &label, config)),
    );
    feeds
}

/// A feed's entries, newest first. Ids are unique by construction (distinct keys); a
/// duplicate would still be a catalog bug, and readers must never see one id twice, so the
/// first (newest) wins.
pub fn entries_of<'a>(
    spec: &FeedSpec,
    entries: &'a [Arc<Entry>],
    config: &Config,
) -> Vec<&'a Arc<Entry>> {
    let mut seen = HashSet::new();
    entries
        .iter()
        .filter(|entry| spec.shows(entry))
        .filter(|entry| seen.insert(entry_id(entry, config)))
        .collect()
}
