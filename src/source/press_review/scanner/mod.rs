//! Walks a press page line by line, keeping the context a line inherits (section, date line,
//! headline), and turns every article it meets — in a list, a paragraph or a table — into an
//! entry, or into a warning that says why not.

mod article;
mod item;
use article::{host_of, set_excerpt};
mod rows;

use super::around;
use super::clues::{date_text, is_contact_line, looks_like_date, split_leading_date};
use super::lines::{Logical, logical_lines};
use super::links::{Link, bare_link, find_links};
use super::naming;
use super::table;
use super::urls;
use super::when::{heading_year, read_date};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Entry, PubDate};
use crate::source::dates::parse_date;
use crate::text::plain::fragment_text;
use std::path::Path;
use url::Url;

pub(super) fn scan(
    file: &Path,
    markdown: &str,
    first_line: usize,
    config: &Config,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut lines: Vec<&str> = markdown.lines().collect();
    let tables = table::find(&lines, config.time_zone);
    // Table rows are read by the table reader; the line scanner sees blank lines there.
    for t in &tables {
        for line in &mut lines[t.first..t.end] {
            *line = "";
        }
    }
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
        bad_date: None,
        last: None,
        year: None,
        pending: None,
        line_outlet: None,
    };
    let mut pending = tables.iter().peekable();
    for logical in logical_lines(&lines, first_line) {
        let line_no = logical.segments.first().map_or(0, |s| s.1);
        while let Some(t) = pending.next_if(|t| first_line + t.first <= line_no) {
            scanner.table(t, first_line);
        }
        scanner.line(&logical);
    }
    for t in pending {
        scanner.table(t, first_line);
    }
    scanner.flush();
    (scanner.entries, scanner.diagnostics)
}

/// An article about to be published, as found on a line or a table row.
struct Candidate {
    line: usize,
    column: usize,
    title: String,
    dest: String,
    date: Option<PubDate>,
    /// Words on the line that look like a date but do not read (`31 février 2024`, `12 mars`).
    bad: Option<String>,
    /// Why there is no date, when it is not `bad` (an empty date cell).
    reason: Option<crate::diagnostic::UndatedReason>,
    /// The date is the one of a line above, not of the article's own line.
    inherited: bool,
    /// A table row (its date goes in a column, not on a line).
    in_table: bool,
    outlet: Option<String>,
    excerpt: Option<String>,
    tags: Vec<String>,
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
    /// The last date line that did not read (line, text): the reason its links are skipped.
    bad_date: Option<(usize, String)>,
    /// The article a following « excerpt » paragraph belongs to.
    last: Option<usize>,
    /// The year of the last `## 2019` heading, for `(12 mars)` under it.
    year: Option<i32>,
    /// An undated article whose next line may give its date (`- [Titre](url)` / `  Le Monde, 12 mars 2019`).
    pending: Option<Candidate>,
    /// The outlet of a `Le Monde, 12 mars 2019` line, for the link under it.
    line_outlet: Option<String>,
}

impl Scanner<'_> {
    fn warn(&mut self, line: usize, column: usize, problem: Problem, hint: crate::i18n::Message) {
        self.diagnostics.push(
            Diagnostic::warning(self.file, problem)
                .at(line, column)
                .hint(hint),
        );
    }

    fn set_date(&mut self, date: Option<PubDate>) {
        self.date = date;
        self.bad_date = None;
    }

    /// `https://www.lemonde.fr/`: another site's home page (our own is navigation).
    fn is_home_page(&self, dest: &str) -> bool {
        urls::resolve(dest, self.base.as_ref()).is_ok_and(|u| {
            u.path().trim_matches('/').is_empty()
                && u.query().is_none()
                && urls::readable_host(&u) != self.base.as_ref().and_then(urls::readable_host)
        })
    }

    /// Publishes (or warns about) the article waiting for its date.
    fn flush(&mut self) {
        if let Some(c) = self.pending.take()
            && self.article(c)
        {
            self.last = Some(self.entries.len() - 1);
        }
    }

    /// The line right under an undated article may finish it: `Le Monde, 12 mars 2019`.
    fn continue_pending(&mut self, logical: &Logical, text: &str) -> bool {
        let Some(c) = self.pending.as_mut() else {
            return false;
        };
        let adjacent = logical.segments.first().is_some_and(|s| s.1 == c.line + 1);
        let plain_line = !text.starts_with('#') && !looks_like_date(text) && !text.starts_with('«');
        if !adjacent || !plain_line || !find_links(text).is_empty() {
            return false;
        }
        let host = host_of(&c.dest, self.base.as_ref());
        let said = around::beside(text, "", &host, self.config.time_zone);
        if said.date.is_none() && said.bad_date.is_none() {
            return false;
        }
        // Under a date line, only `Numerama, 15 mars 2019` (an outlet and a date) is the
        // article's own; a bare date there may head the next links.
        if c.inherited && (said.date.is_none() || said.outlet.is_none()) {
            return false;
        }
        c.date = said.date;
        c.bad = said.bad_date;
        c.outlet = c.outlet.take().or(said.outlet);
        self.flush();
        true
    }

    fn line(&mut self, logical: &Logical) {
        let text = logical.text.as_str();
        if self.pending.is_some() {
            if self.continue_pending(logical, text) {
                return;
            }
            self.flush();
        }
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
            links.extend(bare_link(body));
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
        if let Some(date) = parse_date(&date_text(body), self.config.time_zone) {
            self.set_date(Some(date));
            self.last = None;
            return;
        }
        // `### Mars` under `## 2019`: the heading's month (or day) with that year.
        if heading.is_some()
            && let Some(year) = self.year
            && let Some(date) = read_date(
                &format!("{} {year}", date_text(body)),
                self.config.time_zone,
            )
        {
            self.set_date(Some(date));
            self.last = None;
            return;
        }
        match (heading, heading_year(body)) {
            (Some(_), Some(year)) => self.year = Some(year),
            // A new section without a year ends the last year's.
            (Some(level), None) if level <= 2 => self.year = None,
            _ => {}
        }
        // `Le Monde, 12 mars 2019` above its link: a date line that also names the outlet.
        if heading.is_none() && body.split_whitespace().count() <= 10 {
            let said = around::beside(body, "", "", self.config.time_zone);
            if let (Some(date), Some(outlet)) = (said.date, said.outlet) {
                self.set_date(Some(date));
                self.line_outlet = Some(outlet);
                self.last = None;
                return;
            }
        }
        match heading {
            Some(level) if level <= 2 => {
                self.section = Some(fragment_text(body)).filter(|s| !s.is_empty());
                self.subsection = None;
                self.headline = None;
                self.set_date(None);
                self.last = None;
            }
            Some(3) => {
                self.subsection = Some(fragment_text(body)).filter(|s| !s.is_empty());
                self.headline = None;
                self.set_date(None);
                self.last = None;
            }
            Some(_) => {
                self.headline = Some(fragment_text(body)).filter(|s| !s.is_empty());
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
                self.bad_date_line(line, column, date_text(body));
            }
            None => {}
        }
    }

    /// A date line that does not read: said once, and never lends the previous date to the
    /// links under it.
    fn bad_date_line(&mut self, line: usize, column: usize, value: String) {
        self.warn(
            line,
            column,
            Problem::BadDate {
                value: value.clone(),
            },
            crate::i18n::Message::new("hint-press-date"),
        );
        self.date = None;
        self.bad_date = Some((line, value));
        self.last = None;
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
        let (articles, home_outlet) = self.article_links(logical, offset, links);
        // The words before the first article link: a date written on the same line.
        let first_start = articles.first().map_or(body.len(), |l| l.start);
        let mut before = String::new();
        let mut p = 0;
        for l in links.iter().filter(|l| l.end <= first_start) {
            before.push_str(body.get(p..l.start).unwrap_or(""));
            p = l.end;
        }
        before.push_str(body.get(p..first_start).unwrap_or(""));
        self.line_date(logical, offset, &before, articles.is_empty());
        self.last = None;
        let mut headline = self.headline.take();
        let words = item::Beside {
            before,
            suffix,
            home_outlet,
            line_outlet: self.line_outlet.take(),
        };
        let single = articles.len() == 1;
        for link in articles {
            let (line, column) = logical.position(offset + link.start);
            let mut c = self.link_article(line, column, link, &mut headline);
            // `#### Titre` above `[Lire](url)`: the headline is the title.
            let headline_title = headline
                .take()
                .filter(|_| naming::is_generic_link_text(&c.title));
            if single && self.beside_link(&mut c, link, &words, headline_title) {
                // Its date may be on the next line.
                self.pending = Some(c);
                continue;
            }
            if self.article(c) {
                self.last = Some(self.entries.len() - 1);
            }
        }
    }

    /// The links of a line that may be articles; another site's home page is not one, but
    /// names the outlet (`— [Le Monde](https://www.lemonde.fr)`), or is said when alone.
    fn article_links<'l>(
        &mut self,
        logical: &Logical,
        offset: usize,
        links: &'l [Link],
    ) -> (Vec<&'l Link>, Option<String>) {
        let linked = links
            .iter()
            .filter(|l| !l.image && (l.bare || !fragment_text(&l.text).is_empty()));
        let (homes, articles): (Vec<&Link>, Vec<&Link>) =
            linked.partition(|l| self.is_home_page(&l.dest));
        let home_outlet = homes
            .iter()
            .map(|l| fragment_text(&l.text))
            .find(|t| !t.is_empty() && !t.contains("://"));
        if articles.is_empty()
            && let Some(home) = homes.first()
        {
            let (line, column) = logical.position(offset + home.start);
            self.warn(
                line,
                column,
                Problem::HomePageLink {
                    dest: home.dest.trim().to_string(),
                },
                crate::i18n::Message::new("hint-home-page-link"),
            );
        }
        (articles, home_outlet)
    }

    /// `**7 oct 2021** — [title](url)`: a date before the links is the line's and the next
    /// lines' date; a mistyped one is said.
    fn line_date(&mut self, logical: &Logical, offset: usize, before: &str, no_article: bool) {
        let before_text = date_text(before);
        if before_text.is_empty() {
            return;
        }
        match parse_date(&before_text, self.config.time_zone) {
            Some(d) => self.set_date(Some(d)),
            None if no_article && looks_like_date(before) => {
                let (line, column) = logical.position(offset);
                self.bad_date_line(line, column, before_text);
            }
            None => {}
        }
    }
}
