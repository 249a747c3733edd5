//! The last step for every article a page lists: its link checked, its date required (with
//! the reason when it has none), its outlet and section settled, and the entry built.

use super::super::clues::is_navigation;
use super::super::when::with_year;
use super::super::{Found, build, urls};
use super::{Candidate, Scanner};
use crate::diagnostic::{Problem, UndatedReason};
use crate::i18n::Message;
use crate::model::{Entry, Origin};
use crate::text::plain::fragment_text;
use crate::web::host::outlet_matches_host;
use url::Url;

impl Scanner<'_> {
    /// Publishes an article found on the page, or says why it is not. True when published.
    pub(super) fn article(&mut self, mut c: Candidate) -> bool {
        // Words on the article's own line that look like a date say more than a date line
        // above: `(7 janvier)` under `## 2020` is 7 janvier 2020; one that does not read
        // (`(31 février)`) keeps the article out rather than dating it wrong.
        if let Some(bad) = &c.bad
            && (c.date.is_none() || c.inherited)
        {
            c.date = self
                .year
                .and_then(|year| with_year(bad, year, self.config.time_zone));
        }
        let dest = c.dest.clone();
        let url = match urls::resolve(&c.dest, self.base.as_ref()) {
            Ok(url) => url,
            Err(problem) => {
                // `mailto:`/`tel:` links are contacts, not articles: skipped silently. A
                // script or inline-document link is dropped too, but said, so the editor
                // learns why the article is missing (`[x](javascript:alert(1))` was silent).
                let said = match problem {
                    urls::UrlProblem::NotWeb => urls::active_scheme(&c.dest).map(|scheme| {
                        (
                            Problem::ActiveLink { scheme },
                            Message::new("hint-article-web-page"),
                        )
                    }),
                    urls::UrlProblem::Placeholder => Some((
                        Problem::EmptyLink { dest },
                        Message::new("hint-article-address"),
                    )),
                    urls::UrlProblem::Unusable => Some((
                        Problem::NotWebAddress { dest },
                        Message::new("hint-article-full-address"),
                    )),
                };
                if let Some((problem, hint)) = said {
                    self.warn(c.line, c.column, problem, hint);
                }
                return false;
            }
        };
        if is_navigation(&url, self.base.as_ref()) {
            return false;
        }
        let relative = !urls::repair(&c.dest)
            .to_ascii_lowercase()
            .starts_with("http");
        let host = urls::readable_host(&url).unwrap_or_default();
        let own_site = self.base.as_ref().and_then(urls::readable_host).as_ref() == Some(&host);
        let Some(date) = c.date else {
            // An undated link to the site itself (a photo, a page) is navigation, not coverage.
            if own_site {
                return false;
            }
            let reason = c.reason.clone().or(c.bad.clone().map(not_a_date));
            let reason = reason.unwrap_or_else(|| match &self.bad_date {
                Some((line, value)) => UndatedReason::DateAboveUnreadable {
                    line: *line,
                    value: value.clone(),
                },
                None => UndatedReason::NoDateNearby,
            });
            let no_year = c.bad.as_deref().is_some_and(|b| {
                !b.split(|ch: char| !ch.is_ascii_digit())
                    .any(|w| w.len() == 4)
            });
            let hint = if c.in_table {
                Message::new("hint-date-column")
            } else if no_year {
                Message::new("hint-date-year")
            } else {
                Message::new("hint-article-date").arg("dest", &c.dest)
            };
            self.warn(c.line, c.column, Problem::UndatedArticle { reason }, hint);
            return false;
        };
        if relative {
            self.warn(
                c.line,
                c.column,
                Problem::RelativeLink {
                    dest: c.dest.clone(),
                    url: url.to_string(),
                },
                Message::new("hint-relative-link"),
            );
        }
        // `## Acteurs publics` above `###### date — [title](url)`: the heading names the outlet.
        let heading_outlet = self
            .section
            .as_ref()
            .filter(|s| c.outlet.is_none() && outlet_matches_host(s, &host))
            .cloned();
        let section = if heading_outlet.is_some() {
            self.subsection.clone()
        } else {
            self.section.clone().or_else(|| self.subsection.clone())
        };
        let found = Found {
            origin: Origin {
                file: self.file.to_path_buf(),
                line: c.line,
            },
            title: c.title,
            date,
            url,
            outlet: c.outlet.or(heading_outlet),
            section,
            excerpt: None,
            tags: c.tags,
        };
        let Some(mut entry) = build(found) else {
            return false;
        };
        if let Some(x) = c.excerpt {
            set_excerpt(&mut entry, &x);
        }
        self.entries.push(entry);
        true
    }
}

pub(super) fn host_of(dest: &str, base: Option<&Url>) -> String {
    urls::resolve(dest, base)
        .ok()
        .and_then(|u| urls::readable_host(&u))
        .unwrap_or_default()
}

pub(super) fn not_a_date(value: String) -> UndatedReason {
    UndatedReason::NotADate { value }
}

pub(super) fn set_excerpt(entry: &mut Entry, text: &str) {
    // Renderers show the excerpt as Markdown: its kramdown lists go here, as a body's do.
    let excerpt = fragment_text(&crate::text::clean_markdown(text));
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
