//! RSS 2.0 layout of prepared items, with the atom (self link), content (full HTML) and
//! Dublin Core (creator: RSS's own `<author>` must be an e-mail address) namespaces.

use super::FeedMeta;
use super::head;
use super::item::Item;
use super::links::site_url;
use super::time::rfc2822;
use crate::config::Config;
use rss::extension::Extension;
use rss::extension::atom::AtomExtension;
use rss::extension::dublincore::DublinCoreExtension;
use rss::validation::Validate;
use rss::{Category, Channel, Enclosure, Guid};
use std::collections::BTreeMap;

/// Why the RSS layout failed: the writer, or the crate's own validation of dates and URLs.
#[derive(Debug, thiserror::Error)]
pub enum RssError {
    /// The `rss` crate's writer.
    #[error(transparent)]
    Write(#[from] rss::Error),
    /// The `rss` crate's validation of a date or URL.
    #[error(transparent)]
    Invalid(#[from] rss::validation::ValidationError),
}

/// How every document ends: its items are the channel's last elements.
const END: &[u8] = b"</channel></rss>";
/// How an item starts.
const ITEM: &[u8] = b"<item>";

pub(super) fn render(meta: &FeedMeta<'_>, items: &[&Item]) -> Result<Vec<u8>, RssError> {
    render_declaring(meta, items, &BTreeMap::new())
}

/// [`render`], the root also declaring `namespaces` (those the items left out use).
pub(super) fn render_declaring(
    meta: &FeedMeta<'_>,
    items: &[&Item],
    namespaces: &BTreeMap<String, String>,
) -> Result<Vec<u8>, RssError> {
    let config = meta.config;
    let date = rfc2822(meta.updated, config);
    // The site page is the channel's own `<link>`, not an atom link.
    let links = head::links(meta, "rss.xml", "application/rss+xml", None);
    let (extensions, mut declared) = head::archive_mark(meta.page, |name| Extension {
        name,
        ..Extension::default()
    });
    declared.extend(namespaces.iter().map(|(k, v)| (k.clone(), v.clone())));
    let channel = Channel {
        title: meta.title.clone(),
        link: site_url(config),
        description: meta.subtitle.clone(),
        language: Some(config.language.clone()),
        pub_date: Some(date.clone()),
        last_build_date: Some(date),
        items: items.iter().map(|i| item(i, config)).collect(),
        atom_ext: Some(AtomExtension { links }),
        extensions,
        namespaces: declared,
        ..Channel::default()
    };
    channel.validate()?;
    Ok(channel.write_to(Vec::new())?)
}

/// A document holding `item` alone, to be checked; [`item_in`] finds the item in it, laid
/// out as in any document.
pub(super) fn item_alone(item_: &Item, config: &Config) -> Result<Vec<u8>, RssError> {
    let channel = Channel {
        items: vec![item(item_, config)],
        ..Channel::default()
    };
    channel.items.iter().try_for_each(|i| i.validate())?;
    Ok(channel.write_to(Vec::new())?)
}

/// The item of a document made by [`item_alone`].
pub(super) fn item_in(alone: &[u8]) -> Option<&[u8]> {
    let start = alone.windows(ITEM.len()).position(|w| w == ITEM)?;
    alone
        .get(start..alone.len().checked_sub(END.len())?)
        .filter(|_| alone.ends_with(END))
}

/// Where the items of a document go: in a document rendered without them, where
/// [`render`] would have written them.
pub(super) fn items_at(document: &[u8]) -> Option<usize> {
    document
        .len()
        .checked_sub(END.len())
        .filter(|_| document.ends_with(END))
}

fn item(item: &Item, config: &Config) -> rss::Item {
    rss::Item {
        title: Some(item.title.clone()),
        link: Some(item.link.clone()),
        // Readers that ignore content:encoded show the description: give it the lead, or
        // everything when there is no lead.
        description: Some(item.summary.clone().unwrap_or_else(|| item.content.clone())),
        content: Some(item.content.clone()),
        guid: Some(Guid {
            value: item.id.clone(),
            permalink: false,
        }),
        pub_date: Some(rfc2822(item.date, config)),
        categories: item
            .categories
            .iter()
            .map(|name| Category {
                name: name.clone(),
                domain: None,
            })
            .collect(),
        enclosure: item.pdf.as_ref().map(|pdf| Enclosure {
            url: pdf.url.clone(),
            length: pdf.length.to_string(),
            mime_type: "application/pdf".into(),
        }),
        // RSS's own author is "address (name)"; dc:creator names entries without an
        // address (the validator warns when an item has both).
        author: item
            .author_email
            .as_ref()
            .map(|email| format!("{email} ({})", item.author)),
        dublin_core_ext: item.author_email.is_none().then(|| DublinCoreExtension {
            creators: vec![item.author.clone()],
            ..DublinCoreExtension::default()
        }),
        ..rss::Item::default()
    }
}
