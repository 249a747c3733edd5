//! One article link and the words of its line: what the link text says (`[Outlet, date](…)`,
//! `[Les Échos, « Titre »](…)`), then, when it is the line's only article, what the words
//! beside it say (outlet, date, excerpt, or the title when the link only says "Lire").

use super::super::links::Link;
use super::super::{around, naming};
use super::article::host_of;
use super::split_leading_date;
use super::{Candidate, Scanner};
use crate::text::plain::fragment_text;

/// The words of a line around its only article link.
pub(super) struct Beside<'t> {
    pub before: String,
    /// Everything after the last link.
    pub suffix: &'t str,
    /// The name of a home-page link on the line (`— [Le Monde](https://www.lemonde.fr)`).
    pub home_outlet: Option<String>,
    /// The outlet of a `Le Monde, 12 mars 2019` line above.
    pub line_outlet: Option<String>,
}

impl Scanner<'_> {
    /// The article as its link says it, dated by the line above unless the link dates it.
    pub(super) fn link_article(
        &mut self,
        line: usize,
        column: usize,
        link: &Link,
        headline: &mut Option<String>,
    ) -> Candidate {
        let mut c = Candidate {
            line,
            column,
            title: fragment_text(&link.text),
            dest: link.dest.trim().to_string(),
            date: self.date,
            bad: None,
            reason: None,
            inherited: true,
            in_table: false,
            outlet: None,
            excerpt: None,
            tags: Vec::new(),
        };
        let host = host_of(&link.dest, self.base.as_ref());
        let tz = self.config.time_zone;
        if link.bracketed {
            let said = around::link_text(&link.text, &host, tz);
            match said.title {
                Some(t) => c.title = t,
                // `[Outlet, date](url)` under a `#### headline`: the headline is the title.
                None if said.outlet.is_some() && said.date.is_some() => {
                    if let Some(h) = headline.take() {
                        c.title = h;
                    }
                }
                None => {}
            }
            c.bad = said.bad_date;
            c.inherited &= said.date.is_none();
            c.date = said.date.or(c.date);
            c.outlet = said.outlet;
        } else {
            let (d, rest) = split_leading_date(&c.title, tz);
            if d.is_some() {
                c.date = d;
                c.inherited = false;
                self.set_date(d);
            }
            c.title = fragment_text(&rest);
        }
        c
    }

    /// Completes the line's only article from the words beside its link. True when it has
    /// no date of its own yet, so the next line may give it.
    pub(super) fn beside_link(
        &mut self,
        c: &mut Candidate,
        link: &Link,
        words: &Beside<'_>,
        headline_title: Option<String>,
    ) -> bool {
        let host = host_of(&link.dest, self.base.as_ref());
        let tz = self.config.time_zone;
        let (after, mut quote) = around::split_quote(words.suffix);
        // `[Le Monde](…/article) : « Titre » (12 mars 2019)`: the link names the outlet,
        // the title is beside it.
        if link.bracketed && c.outlet.is_none() && naming::is_outlet_name(&c.title, &host) {
            let beside = match quote.take() {
                Some(q) => Some(around::unquote(&q)),
                None => around::title_beside(&after, &host, tz),
            };
            if let Some(t) = beside.filter(|t| !t.is_empty()) {
                c.outlet = Some(std::mem::replace(&mut c.title, t));
            }
        }
        // `**La DINUM recrute** — Le Monde, 12 mars 2019 — [Lire l'article](url)`.
        if link.bracketed && naming::is_generic_link_text(&c.title) {
            let beside = headline_title.or_else(|| {
                around::title_beside(&format!("{} — {after}", words.before), &host, tz)
            });
            if let Some(t) = beside {
                c.title = t;
            }
        }
        // `- [Titre](url) — Le Monde (12 mars 2019)`: the line's other words.
        let said = around::beside(&words.before, &after, &host, tz);
        if c.date.is_none() || said.date.is_some() && c.date == self.date {
            c.date = said.date.or(c.date);
        }
        c.inherited &= said.date.is_none();
        c.outlet = c
            .outlet
            .take()
            .or(words.home_outlet.clone())
            .or(said.outlet)
            .or(words.line_outlet.clone());
        c.bad = c.bad.take().or(said.bad_date);
        c.excerpt = quote;
        c.inherited &= c.date.is_some();
        (c.date.is_none() || c.inherited) && c.bad.is_none() && link.bracketed
    }
}
