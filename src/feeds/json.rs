//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) layout of the items the Atom and RSS
//! siblings show: same ids, same order. Older pages are reached through `next_url`.

use super::FeedMeta;
use super::item::{Item, default_author};
use super::links::site_url;
use serde::Serialize;

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    /// The page before this one in time (JSON Feed's pagination).
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author {
    name: String,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    date_published: String,
    date_modified: String,
    authors: Vec<Author>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'static str,
    title: &'static str,
    size_in_bytes: u64,
}

pub(super) fn render(meta: &FeedMeta<'_>, items: &[&Item]) -> Result<Vec<u8>, serde_json::Error> {
    let config = meta.config;
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: &meta.title,
        home_page_url: site_url(config),
        feed_url: meta.url("feed.json"),
        description: &meta.subtitle,
        language: &config.language,
        authors: vec![Author {
            name: default_author(config),
        }],
        hubs: match (&config.websub_hub, meta.page) {
            (Some(url), super::archive::Page::Current { .. }) => vec![Hub {
                kind: "WebSub",
                url,
            }],
            _ => Vec::new(),
        },
        next_url: meta
            .page
            .prev()
            .map(|prev| meta.page_url(prev, "feed.json")),
        items: items
            .iter()
            .map(|item| JsonItem {
                id: &item.id,
                url: &item.link,
                title: &item.title,
                content_html: &item.content,
                summary: item.summary_text.as_deref(),
                date_published: item.date.to_rfc3339(),
                date_modified: item.updated.to_rfc3339(),
                authors: vec![Author {
                    name: item.author.clone(),
                }],
                tags: &item.categories,
                language: &config.language,
                attachments: item
                    .pdf
                    .iter()
                    .map(|pdf| Attachment {
                        url: &pdf.url,
                        mime_type: "application/pdf",
                        title: "Communiqué (PDF)",
                        size_in_bytes: pdf.length,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&feed)?;
    bytes.push(b'\n');
    Ok(bytes)
}
