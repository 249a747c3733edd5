//! Revue de presse pages: one Markdown page lists many articles; each becomes an entry.
//!
//! A careful line-based scanner rather than a CommonMark parser: the pages are
//! edited by hand and by a CMS, and their broken links (a missing `[`, a link text
//! split over two lines, `https:/https://`, kramdown `{:target}`) must still be read,
//! each with the line it sits on for messages.
//!
//! Shapes read (all seen in real pages):
//! - a date line (`**Le 9 octobre 2023**`, `**23 Mars 2023** \`, `**Le 7 octobre 2022 [](url)**`)
//!   followed by one or more links, each an article of that date;
//! - `**7 oct 2021** — [title](url)`, `###### 7 octobre 2021 — [title](url)`,
//!   `Le 15 mars 2022 [title](url)\`: date and link on one line;
//! - `## section` / `### En 2023` / `#### headline` / `[Outlet, 29 septembre 2023](url)` and a
//!   `« excerpt »` paragraph, or since 2024 `[Outlet, date](url) : « excerpt »` on one line.

//! - a Markdown table whose columns are found by their header words (`table`);
//! - link-first items `- [Outlet, « Titre »](url) (Mars 2019)` and any order of outlet, date and
//!   linked title on one line (`around`).
//!
//! `lines` is the tokenizer, `links` finds links, `scanner` walks the page, `outlets` names
//! outlets from the maintained table.

mod around;
mod clues;
mod lines;
mod links;
pub(crate) mod listed;
mod naming;
mod outlets;
mod scanner;
mod table;
mod urls;
mod when;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Article, Entry, Kind, Origin, PubDate};
use std::path::Path;
use url::Url;

use crate::text::fold;
use crate::text::plain::fragment_text;
pub use outlets::name_for_host;

/// Parses the Markdown body of a revue-de-presse page. `file` is the path relative to releases/
/// (for Origin and diagnostics); `first_line` is the 1-based line number of `markdown`'s first line
/// in the file (front matter comes before it). Returns one Entry per article found.
pub fn parse_page(
    file: &Path,
    markdown: &str,
    first_line: usize,
    config: &Config,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    scanner::scan(file, markdown, first_line, config)
}

/// An article as read from a page or a front-matter list.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts<'a> {
    /// The article's title, as written.
    pub title: &'a str,
    /// The article's address, as written (checked by [`article_entry`]).
    pub url: &'a str,
    /// The outlet's name, when the source gives one; else one is made from the host name.
    pub outlet: Option<&'a str>,
    /// The page section it is listed under, if any.
    pub section: Option<&'a str>,
    /// The quoted excerpt, if any.
    pub excerpt: Option<&'a str>,
}

/// Builds one press-review Entry from facts found elsewhere (e.g. a front-matter list
/// `communiques: [{title, date, url}]` in an old Jekyll page). None if the URL is unusable.
pub fn article_entry(origin: Origin, date: PubDate, facts: &ArticleFacts<'_>) -> Option<Entry> {
    let keep = |s: Option<&str>| s.map(fragment_text).filter(|s| !s.is_empty());
    build(Found {
        origin,
        title: fragment_text(facts.title),
        date,
        url: urls::resolve(facts.url, None).ok()?,
        outlet: keep(facts.outlet),
        section: keep(facts.section),
        excerpt: keep(facts.excerpt),
        tags: Vec::new(),
    })
}

/// Normalises an article URL for identity and deduplication: lower-case scheme/host, `www.` dropped,
/// fragment and tracking params (utm_*, fbclid…) dropped, trailing slash dropped, `https:/https://` repaired…
/// Identity also treats `http` and `https` as the same page (the form uses `https`).
pub fn normalise_url(url: &str) -> Option<String> {
    urls::normalise(&urls::resolve(url, None).ok()?)
}

/// First 16 hex characters of blake3 of the normalised URL: the entry's slug and key suffix.
fn url_hash(normalised: &str) -> String {
    let hex = blake3::hash(normalised.as_bytes()).to_hex();
    hex.as_str().chars().take(16).collect()
}

/// Everything an article entry is made of, as the readers found it.
struct Found {
    origin: Origin,
    title: String,
    date: PubDate,
    url: Url,
    /// Named by the page; None: the outlet table's name for the host, else the host.
    outlet: Option<String>,
    section: Option<String>,
    excerpt: Option<String>,
    tags: Vec<String>,
}

fn build(found: Found) -> Option<Entry> {
    let Found {
        origin,
        title,
        date,
        url,
        outlet,
        section,
        excerpt,
        tags,
    } = found;
    let normalised = urls::normalise(&url)?;
    let host = urls::readable_host(&url)?;
    let hash = url_hash(&normalised);
    let title = if title.is_empty() {
        // A bare URL: the address is the only title there is.
        url.as_str().to_string()
    } else {
        title
    };
    // `outlet_from_host` stays true for the table's name: a name a page gives wins over it.
    let outlet_from_host = outlet.is_none();
    let known = name_for_host(&host);
    // The excerpt is Markdown the renderers show as is: cleaned like a release's body.
    let excerpt = excerpt.map(|e| crate::text::clean_markdown(&e).trim().to_string());
    let outlet = match outlet {
        // "Les Echos", "LE MONDE": the page names the table's outlet; it is spelled as the table does.
        Some(o) if known.is_some_and(|k| fold(k) == fold(&o)) => {
            known.unwrap_or_default().to_string()
        }
        // `lemonde.fr` written as the outlet: the table's name for that domain.
        Some(o) if !o.contains(' ') && o.contains('.') && name_for_host(&o).is_some() => {
            name_for_host(&o).unwrap_or_default().to_string()
        }
        Some(o) => o,
        None => known.map_or(host, str::to_string),
    };
    Some(Entry {
        kind: Kind::PressReview,
        key: format!("{}/{hash}", Kind::PressReview.slug()),
        slug: hash,
        title,
        date,
        category: None,
        tags,
        summary: excerpt.clone(),
        body: String::new(),
        place: None,
        contact: None,
        attachments: Vec::new(),
        images: Vec::new(),
        event: None,
        article: Some(Article {
            url: url.as_str().to_string(),
            outlet,
            outlet_from_host,
            section,
            excerpt,
        }),
        embargo: None,
        origin,
        also_in: Vec::new(),
        updated: None,
        page: None,
    })
}

#[cfg(test)]
mod tests;
