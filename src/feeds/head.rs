//! What an Atom or RSS document says about itself besides its entries: its links (itself, its
//! alternates, the WebSub hub, RFC 5005 paging) and the `fh:archive` mark of an archive page.
//! RSS carries the links in its `atom:` namespace, as the same `Link` type.

use super::FeedMeta;
use super::archive::{FH_NAMESPACE, Page};
use atom_syndication::Link;
use std::collections::BTreeMap;

/// A document's links, in the order readers have always been given them: `self`, the site
/// page (`page`: Atom's `alternate`; RSS names it in the channel's own `<link>`), the JSON
/// feed, the calendar, then the hub of the current document or the `current` and
/// `next-archive` of an archive page, and the `prev-archive`.
pub(super) fn links(meta: &FeedMeta<'_>, file: &str, mime: &str, page: Option<&str>) -> Vec<Link> {
    let mut links = vec![link(&meta.url(file), "self", Some(mime))];
    if let Some(page) = page {
        links.push(link(page, "alternate", Some("text/html")));
    }
    let json = meta.url("feed.json");
    links.push(link(&json, "alternate", Some("application/feed+json")));
    if let Some(calendar) = &meta.calendar {
        links.push(link(calendar, "alternate", Some("text/calendar")));
    }
    match meta.page {
        Page::Current { .. } => {
            if let Some(hub) = &meta.config.websub_hub {
                links.push(link(hub, "hub", None));
            }
        }
        Page::Archive { index } => {
            links.push(link(&meta.current_url(file), "current", Some(mime)));
            let next = meta.page_url(index + 1, file);
            links.push(link(&next, "next-archive", Some(mime)));
        }
    }
    if let Some(prev) = meta.page.prev() {
        let url = meta.page_url(prev, file);
        links.push(link(&url, "prev-archive", Some(mime)));
    }
    links
}

pub(super) fn link(href: &str, rel: &str, mime_type: Option<&str>) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: mime_type.map(str::to_string),
        ..Link::default()
    }
}

/// Extension elements by namespace prefix and name, as both crates keep them.
pub(super) type Extensions<E> = BTreeMap<String, BTreeMap<String, Vec<E>>>;

/// An archive page's `<fh:archive/>` (RFC 5005 §4) and its namespace; nothing on the current
/// document. `element` makes the empty element of the caller's crate from its name.
pub(super) fn archive_mark<E>(
    page: Page,
    element: impl FnOnce(String) -> E,
) -> (Extensions<E>, BTreeMap<String, String>) {
    let (mut extensions, mut namespaces) = (BTreeMap::new(), BTreeMap::new());
    if let Page::Archive { .. } = page {
        namespaces.insert("fh".to_string(), FH_NAMESPACE.to_string());
        let archive = element("fh:archive".into());
        extensions.insert(
            "fh".to_string(),
            BTreeMap::from([("archive".to_string(), vec![archive])]),
        );
    }
    (extensions, namespaces)
}
