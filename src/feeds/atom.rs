//! Atom 1.0 (RFC 4287) layout of prepared items, with RFC 5005 paging links.

use super::FeedMeta;
use super::head::{self, link};
use super::item::Item;
use super::links::site_url;
use atom_syndication::extension::Extension;
use atom_syndication::{Category, Content, Entry, Feed, Person, Text, WriteConfig};

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
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(1),
    };
    feed.write_with_config(Vec::new(), config)
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
