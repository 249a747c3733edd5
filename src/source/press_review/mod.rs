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

mod text;
mod urls;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Article, Entry, Kind, Origin, PubDate};
use crate::source::dates::parse_date;
use std::path::Path;
use url::Url;

pub use text::{fold, outlet_matches_host};

/// Parses the Markdown body of a revue-de-presse page. `file` is the path relative to releases/
/// (for Origin and diagnostics); `first_line` is the 1-based line number of `markdown`'s first line
/// in the file (front matter comes before it). Returns one Entry per article found.
pub fn parse_page(
    file: &Path,
    markdown: &str,
    first_line: usize,
    config: &Config,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut scanner = Scanner {
        file,
        config,
        base: Url::parse(&config.base_url).ok(),
        entries: Vec::new(),
        diagnostics: Vec::new(),
        section: None,
        subsection: None,
        headline: None,
        date: None,
        last: None,
    };
    for line in logical_lines(markdown, first_line) {
        scanner.line(&line);
    }
    (scanner.entries, scanner.diagnostics)
}

/// Builds one press-review Entry from facts found elsewhere (e.g. a front-matter list
/// `communiques: [{title, date, url}]` in an old Jekyll page). None if the URL is unusable.
pub fn article_entry(
    origin: Origin,
    title: &str,
    date: PubDate,
    url: &str,
    outlet: Option<&str>,
    section: Option<&str>,
    excerpt: Option<&str>,
) -> Option<Entry> {
    let url = urls::resolve(url, None).ok()?;
    let outlet = outlet.map(text::plain).filter(|o| !o.is_empty());
    let section = section.map(text::plain).filter(|s| !s.is_empty());
    let excerpt = excerpt.map(text::plain).filter(|e| !e.is_empty());
    build(
        origin,
        &text::plain(title),
        date,
        &url,
        outlet,
        section,
        excerpt,
    )
}

/// Normalises an article URL for identity and deduplication: lower-case scheme/host, `www.` dropped,
/// fragment and tracking params (utm_*, fbclid…) dropped, trailing slash dropped, `https:/https://` repaired…
/// Identity also treats `http` and `https` as the same page (the form uses `https`).
pub fn normalise_url(url: &str) -> Option<String> {
    urls::normalise(&urls::resolve(url, None).ok()?)
}

/// The readable host of an article URL (`lemonde.fr`), as used for host-derived outlets.
pub fn url_host(url: &str) -> Option<String> {
    urls::readable_host(&urls::resolve(url, None).ok()?)
}

/// First 16 hex characters of blake3 of the normalised URL: the entry's slug and key suffix.
fn url_hash(normalised: &str) -> String {
    let hex = blake3::hash(normalised.as_bytes()).to_hex();
    hex.as_str().chars().take(16).collect()
}

fn build(
    origin: Origin,
    title: &str,
    date: PubDate,
    url: &Url,
    outlet: Option<String>,
    section: Option<String>,
    excerpt: Option<String>,
) -> Option<Entry> {
    let normalised = urls::normalise(url)?;
    let host = urls::readable_host(url)?;
    let hash = url_hash(&normalised);
    let title = if title.is_empty() {
        // A bare URL: the address is the only title there is.
        url.as_str().to_string()
    } else {
        title.to_string()
    };
    let outlet_from_host = outlet.is_none();
    Some(Entry {
        kind: Kind::PressReview,
        key: format!("{}/{hash}", Kind::PressReview.slug()),
        slug: hash,
        title,
        date,
        category: None,
        tags: Vec::new(),
        summary: excerpt.clone(),
        body: String::new(),
        place: None,
        contact: None,
        attachments: Vec::new(),
        images: Vec::new(),
        event: None,
        article: Some(Article {
            url: url.as_str().to_string(),
            outlet: outlet.unwrap_or(host),
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

/// One or more physical lines read as one: a link whose text or destination continues on
/// the next line, or a « quote » paragraph wrapped over several lines.
struct Logical {
    text: String,
    /// Where each physical line starts in `text`: (byte offset, line number, column of its first char).
    segments: Vec<(usize, usize, usize)>,
}

impl Logical {
    fn position(&self, byte: usize) -> (usize, usize) {
        let (offset, line, col0) = self
            .segments
            .iter()
            .rev()
            .find(|(offset, _, _)| *offset <= byte)
            .copied()
            .unwrap_or((0, 0, 1));
        let chars = self.text.get(offset..byte).map_or(0, |s| s.chars().count());
        (line, col0 + chars)
    }
}

/// Most physical lines a link or quote may continue over; a stray `[` must not swallow the page.
const MAX_JOINED: usize = 12;

fn logical_lines(markdown: &str, first_line: usize) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut open = false;
    let mut fence = false;
    for (i, raw) in markdown.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            open = false;
            continue;
        }
        if fence {
            continue;
        }
        let (body, col0) = strip_markers(raw);
        let body = strip_break(body);
        if body.is_empty() {
            open = false;
            out.push(Logical {
                text: String::new(),
                segments: vec![(0, line_no, 1)],
            });
            continue;
        }
        if open
            && !body.starts_with('#')
            && let Some(last) = out.last_mut()
            && last.segments.len() < MAX_JOINED
        {
            last.text.push(' ');
            last.segments.push((last.text.len(), line_no, col0));
            last.text.push_str(body);
            open = unclosed(&last.text);
            continue;
        }
        out.push(Logical {
            text: body.to_string(),
            segments: vec![(0, line_no, col0)],
        });
        open = !body.starts_with('#') && unclosed(body);
    }
    out
}

/// Drops block markers that do not change what a line says: `> `, `* `, `- `, `1. `.
/// Returns the rest and the 1-based column where it starts.
fn strip_markers(raw: &str) -> (&str, usize) {
    let mut s = raw;
    loop {
        let t = s.trim_start();
        let next = if let Some(r) = t.strip_prefix('>') {
            r
        } else if let Some(r) = t
            .strip_prefix("* ")
            .or_else(|| t.strip_prefix("- "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| t.strip_prefix("• "))
        {
            r
        } else if let Some(dot) = t.find(". ")
            && dot > 0
            && dot <= 3
            && t[..dot].bytes().all(|b| b.is_ascii_digit())
        {
            &t[dot + 2..]
        } else {
            let col = raw[..raw.len() - t.len()].chars().count() + 1;
            return (t, col);
        };
        s = next;
    }
}

/// Removes the CMS editor's hard breaks (a trailing `\`) and trailing spaces; a line made
/// only of `\` becomes empty.
fn strip_break(line: &str) -> &str {
    let mut s = line.trim_end();
    while let Some(t) = s.strip_suffix('\\') {
        s = t.trim_end();
    }
    s
}

/// True when the text ends inside a link (`[` not closed, or `](` without its `)`)
/// or inside a « quote » that opened at its start.
fn unclosed(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_dest = false;
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '[' if !in_dest => depth += 1,
            ']' if !in_dest => depth = depth.saturating_sub(1),
            '(' if prev == ']' => in_dest = true,
            ')' if in_dest => in_dest = false,
            _ => {}
        }
        prev = c;
    }
    let quote_open = text.starts_with('«') && text.matches('«').count() > text.matches('»').count();
    depth > 0 || in_dest || quote_open
}

/// A Markdown link as found, tolerant of the breakages seen in real pages.
#[derive(Debug)]
struct Link {
    text: String,
    dest: String,
    /// Byte span in the logical line, including `[`…`)` and a kramdown `{:…}` after it.
    start: usize,
    end: usize,
    image: bool,
    /// False when the `[` was missing: the text then runs from the previous link (or the line start).
    bracketed: bool,
    /// A bare `https://…` line.
    bare: bool,
}

fn find_links(s: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s.get(from..).and_then(|rest| rest.find("](")) {
        let close = from + rel;
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in s[from..close].char_indices().rev() {
            match c {
                ']' => depth += 1,
                '[' if depth == 0 => {
                    open = Some(from + i);
                    break;
                }
                '[' => depth -= 1,
                _ => {}
            }
        }
        let dest_start = close + 2;
        let mut parens = 0usize;
        let mut dest_end = None;
        for (i, c) in s[dest_start..].char_indices() {
            match c {
                '(' => parens += 1,
                ')' if parens == 0 => {
                    dest_end = Some(dest_start + i);
                    break;
                }
                ')' => parens -= 1,
                _ => {}
            }
        }
        let (dest, mut end) = match dest_end {
            Some(e) => (&s[dest_start..e], e + 1),
            None => {
                // No `)`: the URL runs to the next space.
                let e = s[dest_start..]
                    .find(char::is_whitespace)
                    .map_or(s.len(), |i| dest_start + i);
                (&s[dest_start..e], e)
            }
        };
        // kramdown attribute list glued to the link: `{:target="_blank"}`.
        let rest = &s[end..];
        if rest.starts_with('{')
            && let Some(j) = rest.find('}')
        {
            end += j + 1;
        }
        let image = open.is_some_and(|o| o > 0 && s.as_bytes()[o - 1] == b'!');
        let (start, text_start) = match open {
            Some(o) if image => (o - 1, o + 1),
            Some(o) => (o, o + 1),
            None => (from, from),
        };
        out.push(Link {
            text: s[text_start..close].to_string(),
            dest: dest.to_string(),
            start,
            end,
            image,
            bracketed: open.is_some(),
            bare: false,
        });
        from = end;
    }
    out
}

/// Date words as written around links: `**Le 9 octobre 2023**`, `7 oct 2021 —`, `Le 15 mars 2022`.
fn date_text(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '\\'))
        .collect();
    cleaned
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '|' | ','))
        .to_string()
}

/// For a link whose `[` was lost, the text may start with its date: `**7 oct 2021** — title`.
fn split_leading_date(text: &str, config: &Config) -> (Option<PubDate>, String) {
    let words: Vec<(usize, usize)> = text
        .char_indices()
        .filter(|(i, c)| {
            !c.is_whitespace()
                && text[..*i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| {
            let end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |n| i + n);
            (i, end)
        })
        .collect();
    for n in (2..=5.min(words.len())).rev() {
        let end = words[n - 1].1;
        if let Some(date) = parse_date(&date_text(&text[..end]), config.time_zone) {
            let rest = date_text(&text[end..]);
            return (Some(date), rest);
        }
    }
    (None, text.to_string())
}

/// `Acteurs publics, 29 septembre 2023` → outlet and date.
fn outlet_and_date(text: &str, config: &Config) -> Option<(String, PubDate)> {
    let comma = text.rfind(',')?;
    let outlet = text[..comma].trim();
    let date = parse_date(&text[comma + 1..], config.time_zone)?;
    (!outlet.is_empty()).then(|| (outlet.to_string(), date))
}

/// Lines that carry the press office's own contact or header, never an article.
fn is_contact_line(outside_links: &str, links: &[Link]) -> bool {
    let lower = outside_links.to_lowercase();
    const PHRASES: &[&str] = &[
        "vous souhaitez en savoir plus",
        "pour toute demande",
        "contactez",
        "contacter le service",
        "service de presse de la",
    ];
    PHRASES.iter().any(|p| lower.contains(p))
        || links
            .iter()
            .any(|l| l.text.trim().to_lowercase().starts_with("contact"))
}

/// The agency's own press pages, linked as navigation.
fn is_navigation(url: &Url, base: Option<&Url>) -> bool {
    let Some(base) = base else { return false };
    if urls::readable_host(url) != urls::readable_host(base) {
        return false;
    }
    matches!(
        url.path().trim_matches('/'),
        "" | "presse"
            | "espace-presse"
            | "contact-presse"
            | "revue-de-presse"
            | "espace-presse/contact-presse"
            | "espace-presse/ressources-presse"
    )
}

/// A bold-only line with a year in it that is not a date: probably a mistyped date.
fn looks_like_date(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("**")
        && t.ends_with("**")
        && t.chars().count() < 48
        && t.split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
}

struct Scanner<'a> {
    file: &'a Path,
    config: &'a Config,
    base: Option<Url>,
    entries: Vec<Entry>,
    diagnostics: Vec<Diagnostic>,
    /// `##` heading text.
    section: Option<String>,
    /// `###` heading text ("En 2023").
    subsection: Option<String>,
    /// `####`–`######` heading text awaiting its link.
    headline: Option<String>,
    /// The date of the last date line; applies to the links that follow it.
    date: Option<PubDate>,
    /// The article a following « excerpt » paragraph belongs to.
    last: Option<usize>,
}

impl Scanner<'_> {
    fn warn(&mut self, line: usize, column: usize, problem: Problem, hint: impl Into<String>) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, problem)
                .at(line, column)
                .hint(hint),
        );
    }

    fn line(&mut self, logical: &Logical) {
        let text = logical.text.as_str();
        if text.is_empty() {
            return;
        }
        let level = text.chars().take_while(|c| *c == '#').count();
        let is_heading = (1..=6).contains(&level)
            && text[level..].chars().next().is_none_or(char::is_whitespace);
        let body = if is_heading {
            text[level..].trim().trim_end_matches('#').trim()
        } else {
            text
        };
        let mut links = find_links(body);
        if links.is_empty() {
            let bare = body.trim().trim_matches(|c| c == '<' || c == '>');
            let lower = bare.to_ascii_lowercase();
            if (lower.starts_with("https://") || lower.starts_with("http://"))
                && !bare.contains(char::is_whitespace)
            {
                let start = body.len() - body.trim_start().len();
                links.push(Link {
                    text: String::new(),
                    dest: bare.to_string(),
                    start,
                    end: body.len(),
                    image: false,
                    bracketed: true,
                    bare: true,
                });
            }
        }
        // `body` is a slice of `text`: its start is where link positions count from.
        let offset = body.as_ptr() as usize - text.as_ptr() as usize;
        if links.is_empty() {
            self.text_line(logical, body, is_heading.then_some(level));
        } else {
            self.link_line(logical, body, offset, &links);
        }
    }

    /// A line without links: heading, date line, excerpt or prose.
    fn text_line(&mut self, logical: &Logical, body: &str, heading: Option<usize>) {
        let date = parse_date(&date_text(body), self.config.time_zone);
        if let Some(date) = date {
            self.date = Some(date);
            self.last = None;
            return;
        }
        match heading {
            Some(level) if level <= 2 => {
                self.section = Some(text::plain(body)).filter(|s| !s.is_empty());
                self.subsection = None;
                self.headline = None;
                self.date = None;
                self.last = None;
            }
            Some(3) => {
                self.subsection = Some(text::plain(body)).filter(|s| !s.is_empty());
                self.headline = None;
                self.date = None;
                self.last = None;
            }
            Some(_) => {
                self.headline = Some(text::plain(body)).filter(|s| !s.is_empty());
                self.last = None;
            }
            None if body.starts_with('«') => {
                if let Some(entry) = self.last.and_then(|i| self.entries.get_mut(i)) {
                    set_excerpt(entry, body);
                }
                self.last = None;
            }
            None if looks_like_date(body) => {
                let (line, column) = logical.position(0);
                self.warn(
                    line,
                    column,
                    Problem::BadDate {
                        value: date_text(body),
                    },
                    "write the date as `**12 septembre 2023**` (day, month in words, year)",
                );
                // Never lend the previous date to the links under a broken one.
                self.date = None;
                self.last = None;
            }
            None => {}
        }
    }

    fn link_line(&mut self, logical: &Logical, body: &str, offset: usize, links: &[Link]) {
        let mut outside = String::new();
        let mut prev = 0;
        for link in links {
            outside.push_str(body.get(prev..link.start).unwrap_or(""));
            prev = link.end;
        }
        let suffix = body.get(prev..).unwrap_or("");
        outside.push_str(suffix);
        if is_contact_line(&outside, links) {
            self.last = None;
            return;
        }
        let articles: Vec<&Link> = links
            .iter()
            .filter(|l| !l.image && (l.bare || !text::plain(&l.text).is_empty()))
            .collect();
        // The words before the first article link: a date written on the same line.
        let first_start = articles.first().map_or(body.len(), |l| l.start);
        let before: String = {
            let mut s = String::new();
            let mut p = 0;
            for l in links.iter().filter(|l| l.end <= first_start) {
                s.push_str(body.get(p..l.start).unwrap_or(""));
                p = l.end;
            }
            s.push_str(body.get(p..first_start).unwrap_or(""));
            s
        };
        let before_text = date_text(&before);
        if !before_text.is_empty() {
            match parse_date(&before_text, self.config.time_zone) {
                Some(d) => self.date = Some(d),
                None if articles.is_empty() && looks_like_date(&before) => {
                    let (line, column) = logical.position(offset);
                    self.warn(
                        line,
                        column,
                        Problem::BadDate { value: before_text },
                        "write the date as `**12 septembre 2023**` (day, month in words, year)",
                    );
                    self.date = None;
                }
                None => {}
            }
        }
        self.last = None;
        let headline = self.headline.take();
        let mut headline = headline;
        let single = articles.len() == 1;
        for link in articles {
            let (line, column) = logical.position(offset + link.start);
            let mut title = text::plain(&link.text);
            let mut date = self.date;
            let mut outlet = None;
            if let Some((o, d)) = outlet_and_date(&title, self.config) {
                outlet = Some(o);
                date = Some(d);
                if let Some(h) = headline.take() {
                    title = h;
                }
            } else if !link.bracketed {
                let (d, rest) = split_leading_date(&title, self.config);
                if d.is_some() {
                    date = d;
                    self.date = d;
                }
                title = text::plain(&rest);
            }
            headline = None;
            let dest = link.dest.trim().to_string();
            let url = match urls::resolve(&link.dest, self.base.as_ref()) {
                Ok(url) => url,
                Err(problem) => {
                    // `mailto:`/`tel:` links are contacts, not articles: skipped silently. A
                    // script or inline-document link is dropped too, but said, so the editor
                    // learns why the article is missing (`[x](javascript:alert(1))` was silent).
                    let said = match problem {
                        urls::UrlProblem::NotWeb => urls::active_scheme(&link.dest).map(|scheme| {
                            (
                                Problem::ActiveLink { scheme },
                                "link the article's web page: `[title](https://…)`",
                            )
                        }),
                        urls::UrlProblem::Placeholder => Some((
                            Problem::EmptyLink { dest },
                            "put the article's address between the parentheses: `[title](https://…)`",
                        )),
                        urls::UrlProblem::Unusable => Some((
                            Problem::NotWebAddress { dest },
                            "write the article's full address: `[title](https://…)`",
                        )),
                    };
                    if let Some((problem, hint)) = said {
                        self.warn(line, column, problem, hint);
                    }
                    continue;
                }
            };
            if is_navigation(&url, self.base.as_ref()) {
                continue;
            }
            let relative = !urls::repair(&link.dest)
                .to_ascii_lowercase()
                .starts_with("http");
            let own_site =
                self.base.as_ref().and_then(urls::readable_host) == urls::readable_host(&url);
            let Some(date) = date else {
                // An undated link to the site itself (a photo, a page) is navigation, not coverage.
                if own_site {
                    continue;
                }
                self.warn(
                    line,
                    column,
                    Problem::MissingDate,
                    format!(
                        "this article is skipped: write its date on the line above, e.g. `**12 septembre 2023**`, \
                         or in the link: `[Outlet, 12 septembre 2023]({})`",
                        link.dest.trim()
                    ),
                );
                continue;
            };
            if relative {
                self.warn(
                    line,
                    column,
                    Problem::RelativeLink {
                        dest,
                        url: url.to_string(),
                    },
                    "write the full address (https://…) if the article is not on this site",
                );
            }
            let host = urls::readable_host(&url).unwrap_or_default();
            // `## Acteurs publics` above `###### date — [title](url)`: the heading names the outlet.
            let heading_outlet = self
                .section
                .as_ref()
                .filter(|s| outlet.is_none() && outlet_matches_host(s, &host))
                .cloned();
            let section = if heading_outlet.is_some() {
                self.subsection.clone()
            } else {
                self.section.clone().or_else(|| self.subsection.clone())
            };
            let outlet = outlet.or(heading_outlet);
            let origin = Origin {
                file: self.file.to_path_buf(),
                line,
            };
            let Some(mut entry) = build(origin, &title, date, &url, outlet, section, None) else {
                continue;
            };
            if single && let Some(q) = suffix.find('«') {
                set_excerpt(&mut entry, &suffix[q..]);
            }
            self.entries.push(entry);
            self.last = Some(self.entries.len() - 1);
        }
    }
}

fn set_excerpt(entry: &mut Entry, text: &str) {
    let excerpt = text::plain(text);
    if excerpt.is_empty() {
        return;
    }
    if let Some(article) = entry.article.as_mut()
        && article.excerpt.is_none()
    {
        article.excerpt = Some(excerpt.clone());
        entry.summary = Some(excerpt);
    }
}

#[cfg(test)]
mod tests;
