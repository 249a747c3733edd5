//! Atom 1.0 (RFC 4287) layout of prepared items, with RFC 5005 paging links.

use super::FeedMeta;
use super::archive::{FH_NAMESPACE, Page};
use super::item::Item;
use super::links::site_url;
use atom_syndication::extension::{Extension, ExtensionMap};
use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text, WriteConfig};
use std::collections::BTreeMap;

pub fn render(meta: &FeedMeta<'_>, items: &[&Item]) -> Result<Vec<u8>, atom_syndication::Error> {
    let config = meta.config;
    const ATOM: &str = "application/atom+xml";
    let mut links = vec![
        link(&meta.url("atom.xml"), "self", ATOM),
        link(&site_url(config), "alternate", "text/html"),
        link(&meta.url("feed.json"), "alternate", "application/feed+json"),
    ];
    if let Some(calendar) = &meta.calendar {
        links.push(link(calendar, "alternate", "text/calendar"));
    }
    let (mut extensions, mut namespaces) = (ExtensionMap::new(), BTreeMap::new());
    match meta.page {
        Page::Current { .. } => {
            if let Some(hub) = &config.websub_hub {
                links.push(link_untyped(hub, "hub"));
            }
        }
        Page::Archive { index } => {
            links.push(link(&meta.current_url("atom.xml"), "current", ATOM));
            links.push(link(
                &meta.page_url(index + 1, "atom.xml"),
                "next-archive",
                ATOM,
            ));
            namespaces.insert("fh".to_string(), FH_NAMESPACE.to_string());
            let archive = Extension {
                name: "fh:archive".into(),
                ..Extension::default()
            };
            extensions.insert(
                "fh".to_string(),
                BTreeMap::from([("archive".to_string(), vec![archive])]),
            );
        }
    }
    if let Some(prev) = meta.page.prev() {
        links.push(link(&meta.page_url(prev, "atom.xml"), "prev-archive", ATOM));
    }
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
    let mut links = vec![link(&item.link, "alternate", "text/html")];
    if let Some(pdf) = &item.pdf {
        let mut enclosure = link(&pdf.url, "enclosure", "application/pdf");
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

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        mime_type: Some(mime_type.to_string()),
        ..link_untyped(href, rel)
    }
}

fn link_untyped(href: &str, rel: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        ..Link::default()
    }
}
