//! Table rows: each row of a press table is an article, or a warning saying why not.

use super::super::around;
use super::super::table::{self, Role, Table};
use super::super::when::read_date;
use super::{Candidate, Scanner, host_of};
use crate::diagnostic::{Problem, UndatedReason};
use crate::i18n::Message;

impl Scanner<'_> {
    /// Every row of a press table, each an article or a warning.
    pub(super) fn table(&mut self, t: &Table, first_line: usize) {
        let dated = t.roles.contains(&Role::Date);
        for (index, cells) in &t.rows {
            let line = first_line + index;
            let row = table::read_row(&t.roles, cells);
            let Some(link) = row.link else {
                if row.title.is_some() {
                    self.warn(
                        line,
                        row.column,
                        Problem::NoArticleLink,
                        Message::new("hint-row-link"),
                    );
                }
                continue;
            };
            let tz = self.config.time_zone;
            let (date, bad, reason) = match &row.date_text {
                Some(d) => match read_date(d, tz) {
                    Some(date) => (Some(date), None, None),
                    None => (None, Some(d.clone()), None),
                },
                None if dated => (None, None, Some(UndatedReason::EmptyDateCell)),
                // No date column: the date of the heading or line above the table.
                None => (self.date, None, None),
            };
            // A date to fix is pointed at in its own cell.
            let column = match date {
                Some(_) => row.column,
                None => row.date_column.unwrap_or(row.column),
            };
            let mut c = Candidate {
                line,
                column,
                title: row.title.unwrap_or_default(),
                dest: link.dest.trim().to_string(),
                date,
                bad,
                reason,
                inherited: row.date_text.is_none(),
                in_table: true,
                outlet: row.outlet,
                excerpt: row.excerpt,
                tags: row.tags,
            };
            if c.outlet.is_none() {
                // `Les Échos, « Titre »` in the title cell.
                let host = host_of(&c.dest, self.base.as_ref());
                let said = around::link_text(&c.title, &host, tz);
                c.outlet = said.outlet;
                c.date = c.date.or(said.date);
                if let Some(title) = said.title {
                    c.title = title;
                }
            }
            self.article(c);
        }
        self.last = None;
    }
}
