//! One entry as both feed formats need it: every string already plain or sanitised and
//! free of XML-invalid characters, every URL absolute. `atom` and `rss` only lay it out.

use super::PdfSizes;
use super::content::{contact_author, content_html, summary_markdown};
use super::html::{Sanitizer, escape, plain_text};
use super::ids::entry_id;
use super::links::{base_for_links, entry_link, pdf_url};
use super::time::{entry_updated, local};
use crate::config::Config;
use crate::model::{Entry, Kind};
use chrono::{DateTime, FixedOffset};

/// Content larger than this is replaced by the summary and a link, so that one huge
/// release cannot push a feed past what readers accept (they cap feeds at 2–15 MiB).
const MAX_CONTENT_BYTES: usize = 128 * 1024;

pub(super) struct Item {
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
    /// The summary as plain text (JSON Feed's `summary`), made once: an item is in several
    /// feeds and archive pages.
    pub summary_text: Option<String>,
    pub content: String,
    /// The communiqué's PDF; none for an empty file (RSS requires a positive length).
    pub pdf: Option<Enclosure>,
    /// The author's e-mail (a communiqué's press contact), for Atom and RSS `author`.
    pub author_email: Option<String>,
}

pub(super) struct Enclosure {
    pub url: String,
    pub length: u64,
}

impl Item {
    pub(super) fn new(entry: &Entry, config: &Config, pdfs: &PdfSizes, html: &Sanitizer) -> Item {
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
        let (author, author_email) = match (&entry.kind, &entry.article) {
            (Kind::PressReview, Some(article)) => (plain_text(&article.outlet), None),
            (Kind::Communique, _) => contact_author(entry, config),
            _ => (String::new(), None),
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
        let summary_text = summary.as_deref().map(plain_text).filter(|s| !s.is_empty());
        Item {
            id: entry_id(entry, config),
            title,
            link,
            date: local(entry.date.at, config),
            updated: local(entry_updated(entry), config),
            author,
            categories: categories(entry),
            summary,
            summary_text,
            content,
            pdf,
            author_email,
        }
    }
}

/// `config.author`, never empty: Atom requires a name for every author.
pub(super) fn default_author(config: &Config) -> String {
    [&config.author, &config.site_title]
        .into_iter()
        .map(|name| plain_text(name))
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "DINUM".to_string())
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
    use crate::model::{Precision, PubDate};

    fn entry(key: &str, precision: Precision) -> Entry {
        crate::testing::entry(Kind::PressReview, key, precision)
    }

    #[test]
    fn updated_is_the_date_as_given_or_a_later_correction() {
        let mut a = entry("communiques/a", Precision::Day);
        // No invented fraction of a second on a day-precision date.
        assert_eq!(entry_updated(&a), a.date.at);
        let later = PubDate {
            at: DateTime::parse_from_rfc3339("2023-10-12T15:30:00+02:00").unwrap(),
            precision: Precision::Instant,
        };
        a.updated = Some(later);
        assert_eq!(entry_updated(&a), later.at);
        // A correction dated before the entry itself cannot move it back.
        a.updated = Some(PubDate {
            at: DateTime::parse_from_rfc3339("2020-01-01T00:00:00+01:00").unwrap(),
            ..later
        });
        assert_eq!(entry_updated(&a), a.date.at);
    }
}
