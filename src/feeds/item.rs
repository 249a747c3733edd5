//! One entry as both feed formats need it: every string already plain or sanitised and
//! free of XML-invalid characters, every URL absolute. `atom` and `rss` only lay it out.

use super::PdfSizes;
use super::content::{content_html, summary_markdown};
use super::html::{Sanitizer, escape, plain_text};
use super::ids::entry_id;
use super::links::{base_for_links, entry_link, pdf_url};
use super::time::local;
use crate::config::Config;
use crate::model::{Entry, Kind, Precision};
use chrono::{DateTime, FixedOffset, TimeDelta};

/// Content larger than this is replaced by the summary and a link, so that one huge
/// release cannot push a feed past what readers accept (they cap feeds at 2–15 MiB).
const MAX_CONTENT_BYTES: usize = 128 * 1024;

pub struct Item {
    pub id: String,
    pub title: String,
    /// The page the entry is about (`rel="alternate"`).
    pub link: String,
    /// The entry's date (Atom `published`, RSS `pubDate`).
    pub date: DateTime<FixedOffset>,
    /// Atom `updated`: the date, plus a sub-second tiebreak when only the day is known.
    pub updated: DateTime<FixedOffset>,
    pub author: String,
    pub categories: Vec<String>,
    pub summary: Option<String>,
    pub content: String,
    /// The communiqué's PDF; none for an empty file (RSS requires a positive length).
    pub pdf: Option<Enclosure>,
}

pub struct Enclosure {
    pub url: String,
    pub length: u64,
}

impl Item {
    pub fn new(entry: &Entry, config: &Config, pdfs: &PdfSizes, html: &Sanitizer) -> Item {
        let link = entry_link(entry, config);
        let summary = summary_markdown(entry)
            .map(|s| html.markdown_at(s, &base_for_links(entry, config)))
            .filter(|s| !s.trim().is_empty());
        let mut content = content_html(entry, config, pdfs, html);
        if content.len() > MAX_CONTENT_BYTES {
            content = format!(
                "{}<p><a href=\"{}\" rel=\"noopener\">Lire la suite</a></p>",
                summary.as_deref().unwrap_or(""),
                escape(&link)
            );
        }
        let mut title = plain_text(&entry.title);
        if title.is_empty() {
            // Atom requires a non-empty title; the date names the entry well enough.
            title = format!(
                "{} du {}",
                entry.kind.label(),
                local(entry.date.at, config).format("%d/%m/%Y")
            );
        }
        if content.trim().is_empty() {
            // Blank content draws a validator warning and shows readers nothing: link the page.
            content = format!(
                "<p><a href=\"{}\" rel=\"noopener\">{}</a></p>",
                escape(&link),
                escape(&title)
            );
        }
        let author = match (&entry.kind, &entry.article) {
            (Kind::PressReview, Some(article)) => plain_text(&article.outlet),
            _ => String::new(),
        };
        let author = if author.is_empty() {
            default_author(config)
        } else {
            author
        };
        let pdf = match entry.kind {
            Kind::Communique => {
                pdfs.get(&entry.slug)
                    .filter(|&&l| l > 0)
                    .map(|&length| Enclosure {
                        url: pdf_url(&entry.slug, config),
                        length,
                    })
            }
            _ => None,
        };
        Item {
            id: entry_id(entry, config),
            title,
            link,
            date: local(entry.date.at, config),
            updated: local(updated(entry), config),
            author,
            categories: categories(entry),
            summary,
            content,
            pdf,
        }
    }
}

/// `config.author`, never empty: Atom requires a name for every author.
pub fn default_author(config: &Config) -> String {
    [&config.author, &config.site_title]
        .into_iter()
        .map(|name| plain_text(name))
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "DINUM".to_string())
}

/// Many entries share a day with no time (a press page lists several articles "Le 9
/// octobre 2023"), and identical `atom:updated` values draw a W3C validator warning. The
/// time of such a date is fictional anyway, so add a fraction of a second (1 µs – 1 s,
/// invisible in readers) derived from the key alone: stable across builds and neighbours.
fn updated(entry: &Entry) -> DateTime<FixedOffset> {
    if entry.date.precision == Precision::Instant {
        return entry.date.at;
    }
    let hash = blake3::hash(entry.key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    let micros = 1 + u64::from_le_bytes(first) % 999_999;
    // `micros` < 10^6 always fits an i64; the fallback is unreachable.
    entry.date.at + TimeDelta::microseconds(i64::try_from(micros).unwrap_or(1))
}

/// Kind label, category, then tags: plain text, without blanks or repeats, in source order.
fn categories(entry: &Entry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let all = std::iter::once(entry.kind.label())
        .chain(entry.category.as_deref())
        .chain(entry.tags.iter().map(String::as_str));
    for raw in all {
        let term = plain_text(raw);
        if !term.is_empty() && !out.iter().any(|t| t.to_lowercase() == term.to_lowercase()) {
            out.push(term);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, PubDate};

    fn entry(key: &str, precision: Precision) -> Entry {
        Entry {
            kind: Kind::PressReview,
            key: key.into(),
            slug: "s".into(),
            title: "t".into(),
            date: PubDate {
                at: DateTime::parse_from_rfc3339("2023-10-09T00:00:00+02:00").unwrap(),
                precision,
            },
            category: None,
            tags: vec![],
            summary: None,
            body: String::new(),
            place: None,
            contact: None,
            attachments: vec![],
            images: vec![],
            event: None,
            article: None,
            embargo: None,
            origin: Origin {
                file: "x.md".into(),
                line: 1,
            },
            also_in: vec![],
            updated: None,
            page: None,
        }
    }

    #[test]
    fn same_day_entries_get_distinct_stable_updated_within_a_second() {
        let a = entry("revue-de-presse/a", Precision::Day);
        let b = entry("revue-de-presse/b", Precision::Day);
        assert_ne!(updated(&a), updated(&b));
        assert_eq!(updated(&a), updated(&a.clone()));
        for e in [&a, &b] {
            let delta = updated(e) - e.date.at;
            assert!(delta > TimeDelta::zero() && delta < TimeDelta::seconds(1));
        }
        let exact = entry("revue-de-presse/a", Precision::Instant);
        assert_eq!(updated(&exact), exact.date.at);
    }
}
