//! Which feeds exist: the main one, one per kind, one per tag or category in use. Each is a
//! folder under the output directory holding `atom.xml`, `rss.xml`, `feed.json` and, when
//! it has more entries than `feed-limit`, its `archive/` pages.

use super::html::plain_text;
use super::ids::feed_id;
use crate::config::Config;
use crate::model::{Entry, Kind};
use crate::text::slugify;

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
    pub(crate) fn new(selection: Selection, label: &str, config: &Config) -> FeedSpec {
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
