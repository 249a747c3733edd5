//! Atom 1.0 (RFC 4287) layout of prepared items, with RFC 5005 paging links.

use super::FeedMeta;
use super::head::{self, link};
use super::item::Item;
use super::links::site_url;
use atom_syndication::extension::Extension;
use atom_syndication::{Category, Content, Entry, Feed, Person, Text, WriteConfig};

/// Where a document's entries sit: right after `</subtitle>`, the last element the head
/// writes before them (an archive page's `fh:archive` comes after them).
const BEFORE_ENTRIES: &[u8] = b"</subtitle>";
/// How a document without extensions ends.
const END: &[u8] = b"\n</feed>";

pub(super) fn render(
    meta: &FeedMeta<'_>,
    items: &[&Item],
) -> Result<Vec<u8>, atom_syndication::Error> {
    let config = meta.config;
    let links = head::links(
        meta,
        "atom.xml",
        "application/atom+xml",
        Some(&site_url(config)),
    );
    let (extensions, namespaces) = head::archive_mark(meta.page, |name| Extension {
        name,
        ..Extension::default()
    });
    let feed = Feed {
        title: Text::plain(meta.title.as_str()),
        id: meta.id.clone(),
        updated: meta.updated,
        authors: vec![person(&super::item::default_author(config))],
        links,
        subtitle: Some(Text::plain(meta.subtitle.as_str())),
        entries: items.iter().map(|i| entry(i)).collect(),
        lang: Some(config.language.clone()),
        extensions,
        namespaces,
        ..Feed::default()
    };
    write(&feed)
}

fn write(feed: &Feed) -> Result<Vec<u8>, atom_syndication::Error> {
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(1),
    };
    feed.write_with_config(Vec::new(), config)
}

/// A document holding `item`'s entry alone, to be checked; [`entry_in`] finds the entry in
/// it, laid out (indentation included) as in any document.
pub(super) fn entry_alone(item: &Item) -> Result<Vec<u8>, atom_syndication::Error> {
    write(&Feed {
        subtitle: Some(Text::plain("")),
        entries: vec![entry(item)],
        ..Feed::default()
    })
}

/// The entry of a document made by [`entry_alone`].
pub(super) fn entry_in(alone: &[u8]) -> Option<&[u8]> {
    alone
        .get(entries_at(alone)?..alone.len().checked_sub(END.len())?)
        .filter(|_| alone.ends_with(END))
}

/// Where the entries of a document go: in a document rendered without them, where
/// [`render`] would have written them.
pub(super) fn entries_at(document: &[u8]) -> Option<usize> {
    let at = document
        .windows(BEFORE_ENTRIES.len())
        .position(|w| w == BEFORE_ENTRIES)?;
    Some(at + BEFORE_ENTRIES.len())
}

fn entry(item: &Item) -> Entry {
    let mut links = vec![link(&item.link, "alternate", Some("text/html"))];
    if let Some(pdf) = &item.pdf {
        let mut enclosure = link(&pdf.url, "enclosure", Some("application/pdf"));
        enclosure.length = Some(pdf.length.to_string());
        links.push(enclosure);
    }
    Entry {
        title: Text::plain(item.title.as_str()),
        id: item.id.clone(),
        updated: item.updated,
        published: Some(item.date),
        authors: vec![Person {
            email: item.author_email.clone(),
            ..person(&item.author)
        }],
        categories: item
            .categories
            .iter()
            .map(|term| Category {
                term: term.clone(),
                ..Category::default()
            })
            .collect(),
        links,
        summary: item.summary.as_deref().map(Text::html),
        content: Some(Content {
            content_type: Some("html".into()),
            value: Some(item.content.clone()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}
