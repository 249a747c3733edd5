//! RSS 2.0 layout of prepared items, with the atom (self link), content (full HTML) and
//! Dublin Core (creator: RSS's own `<author>` must be an e-mail address) namespaces.

use super::FeedMeta;
use super::head;
use super::item::Item;
use super::links::site_url;
use super::time::rfc2822;
use rss::extension::Extension;
use rss::extension::atom::AtomExtension;
use rss::extension::dublincore::DublinCoreExtension;
use rss::validation::Validate;
use rss::{Category, Channel, Enclosure, Guid};

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

pub(super) fn render(meta: &FeedMeta<'_>, items: &[&Item]) -> Result<Vec<u8>, RssError> {
    let config = meta.config;
    let date = rfc2822(meta.updated, config);
    // The site page is the channel's own `<link>`, not an atom link.
    let links = head::links(meta, "rss.xml", "application/rss+xml", None);
    let (extensions, namespaces) = head::archive_mark(meta.page, |name| Extension {
        name,
        ..Extension::default()
    });
    let channel = Channel {
        title: meta.title.clone(),
        link: site_url(config),
        description: meta.subtitle.clone(),
        language: Some(config.language.clone()),
        pub_date: Some(date.clone()),
        last_build_date: Some(date),
        items: items.iter().map(|i| item(i, meta)).collect(),
        atom_ext: Some(AtomExtension { links }),
        extensions,
        namespaces,
        ..Channel::default()
    };
    channel.validate()?;
    Ok(channel.write_to(Vec::new())?)
}

fn item(item: &Item, meta: &FeedMeta<'_>) -> rss::Item {
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
        pub_date: Some(rfc2822(item.date, meta.config)),
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
