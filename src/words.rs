//! How the command line says things: summaries, instants, statuses and the watcher's log line,
//! in the user's language.

use crate::{lang, t};
use chrono::{DateTime, FixedOffset};
use communique::i18n::{Lang, Message};
use communique::pipeline::{self, Status};

/// "68 publiés, 2 programmés (prochain : 12 mars à 8 h 00), 1 brouillon, 1 erreur".
pub(crate) fn summary_line(summary: &pipeline::Summary) -> String {
    let mut parts = vec![t(
        Message::new("cli-summary-published").count("n", summary.published)
    )];
    if summary.scheduled > 0 {
        let next = summary
            .next
            .map(|at| t(Message::new("cli-summary-next").arg("at", when(at))))
            .unwrap_or_default();
        parts.push(t(Message::new("cli-summary-scheduled")
            .count("n", summary.scheduled)
            .arg("next", next)));
    }
    for (count, id) in [
        (summary.drafts, "cli-summary-drafts"),
        (summary.unpublished, "cli-summary-unpublished"),
        (summary.errors, "cli-summary-errors"),
    ] {
        if count > 0 {
            parts.push(t(Message::new(id).count("n", count)));
        }
    }
    parts.join(", ")
}

/// An instant as the press office reads it: "12 mars à 8 h 00" / "2026-03-12 08:00".
pub(crate) fn when(at: DateTime<FixedOffset>) -> String {
    match lang() {
        Lang::Fr => {
            let date = communique::model::PubDate {
                at,
                precision: communique::model::Precision::Day,
            };
            format!(
                "{} à {}",
                date.french(chrono_tz::Europe::Paris),
                at.format("%-H h %M")
            )
        }
        Lang::En => at.format("%Y-%m-%d %H:%M").to_string(),
    }
}

pub(crate) fn status_word(status: Status) -> String {
    t(Message::new(match status {
        Status::Published => "status-published",
        Status::Scheduled => "status-scheduled",
        Status::Draft => "status-draft",
        Status::Unpublished => "status-unpublished",
        Status::Error => "status-error",
    }))
}

/// The watcher's one line per rebuild, naming what went out at an embargo's end and when the
/// next one is due.
pub(crate) fn rebuild_line(rebuild: &communique::watch::Rebuild) -> String {
    let mut line = match lang() {
        Lang::En => rebuild.to_string(),
        Lang::Fr => {
            let c = &rebuild.changes;
            let r = &rebuild.report;
            t(Message::new("cli-rebuild")
                .arg("time", rebuild.at.format("%H:%M:%S"))
                .count("added", c.added.len())
                .count("changed", c.changed.len())
                .count("removed", c.removed.len())
                .count("written", r.written.len())
                .count("deleted", r.removed.len())
                .count("entries", r.entries)
                .count("errors", r.error_count())
                .count("ms", rebuild.elapsed.as_millis() as i64))
        }
    };
    for file in &rebuild.released {
        line.push_str(&format!(
            "\n  {}",
            t(Message::new("cli-embargo-lifted").arg("path", file.display()))
        ));
    }
    if let Some(next) = rebuild.report.next_embargo {
        line.push_str(&format!(
            "\n  {}",
            t(Message::new("cli-next-embargo").arg("at", when(next)))
        ));
    }
    line
}
