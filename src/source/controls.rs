//! The editorial controls of one file: `draft`/`published`, `embargo:`, the embargo notices of a
//! converted communiqué, and placeholder text. Each fails closed: publishing too early or a
//! draft is worse than not publishing.

use super::fields::text as field_text;
use super::front_matter::Document;
use super::{Hold, dates, embargo_notice, keys, placeholder};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::Entry;
use crate::text::fold;
use serde_json::{Map, Value};
use std::path::Path;

pub(super) type Instant = chrono::DateTime<chrono::FixedOffset>;

/// The later of two "not before" instants.
pub(super) fn later(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    a.max(b)
}

pub(super) fn hold(fields: &Map<String, Value>) -> Option<Hold> {
    // Values were checked by `keys::check`: anything unreadable never gets here.
    if keys::DRAFT.get(fields).and_then(keys::flag) == Some(true) {
        Some(Hold::Draft)
    } else if keys::PUBLISHED.get(fields).and_then(keys::flag) == Some(false) {
        Some(Hold::Unpublished)
    } else {
        None
    }
}

/// An unreadable embargo is an error: publishing too early is worse than not publishing.
/// `embargo: non` (or false, aucun, none) says there is none.
pub(super) fn embargo(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
) -> Result<Option<Instant>, Diagnostic> {
    let Some(raw) = keys::EMBARGO.get(&doc.fields) else {
        // `embargo:` with nothing after it: the author meant one and did not say when.
        if keys::EMBARGO.line(doc) > 0 {
            return Err(bad_embargo(rel, doc, String::new()));
        }
        return Ok(None);
    };
    if let Value::String(s) = raw
        && matches!(
            &*fold(s),
            "aucun" | "none" | "non" | "no" | "false" | "faux" | "sans"
        )
    {
        return Ok(None);
    }
    if raw == &Value::Bool(false) {
        return Ok(None);
    }
    let value = match raw {
        Value::String(_) | Value::Number(_) => field_text(Some(raw)).unwrap_or_default(),
        // A list, a map or `true` says nothing about when.
        other => return Err(bad_embargo(rel, doc, keys::shown(other))),
    };
    match dates::parse_date(&value, config.time_zone) {
        Some(date) => Ok(Some(date.at)),
        None => Err(bad_embargo(rel, doc, value)),
    }
}

pub(super) fn bad_embargo(rel: &Path, doc: &Document<'_>, value: String) -> Diagnostic {
    Diagnostic::error(rel, Problem::BadEmbargo { value })
        .at(keys::EMBARGO.line(doc), 0)
        .hint(Message::new("hint-bad-embargo"))
}

/// The latest instant of the body's embargo notices; `Err` when one cannot be read.
pub(super) fn notice_embargo(
    rel: &Path,
    notices: &[embargo_notice::Notice],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Instant>, ()> {
    let mut until: Option<Instant> = None;
    let mut unreadable = false;
    for notice in notices {
        match notice.until {
            Some(at) => {
                until = later(until, Some(at));
                if !notice.has_time {
                    diagnostics.push(
                        Diagnostic::warning(
                            rel,
                            Problem::EmbargoNoticeWithoutTime {
                                date: at.format("%Y-%m-%d").to_string(),
                            },
                        )
                        .at(notice.line, 1)
                        .hint(Message::new("hint-embargo-notice-time")),
                    );
                }
            }
            None => {
                unreadable = true;
                diagnostics.push(
                    Diagnostic::error(
                        rel,
                        Problem::UnreadableEmbargoNotice {
                            notice: notice.text.clone(),
                        },
                    )
                    .at(notice.line, 1)
                    .hint(Message::new("hint-embargo-notice")),
                );
            }
        }
    }
    if unreadable { Err(()) } else { Ok(until) }
}

/// Placeholder text in what would be published, as one error naming the words.
pub(super) fn placeholders(
    rel: &Path,
    doc: &Document<'_>,
    entries: &[Entry],
) -> Option<Diagnostic> {
    let mut words: Vec<String> = Vec::new();
    let mut line = 0;
    for entry in entries {
        for (text, at) in [
            (entry.title.as_str(), keys::TITLE.line(doc)),
            (
                entry.summary.as_deref().unwrap_or_default(),
                keys::SUMMARY.line(doc),
            ),
            (entry.body.as_str(), 0),
        ] {
            let found = placeholder::find(text);
            if !found.is_empty() && line == 0 {
                line = if at > 0 {
                    at
                } else {
                    first_line_with(doc, &found[0])
                };
            }
            for word in found {
                if !words.contains(&word) {
                    words.push(word);
                }
            }
        }
    }
    (!words.is_empty()).then(|| {
        Diagnostic::error(rel, Problem::Placeholder { words })
            .at(line, 0)
            .hint(Message::new("hint-placeholder"))
    })
}

/// The file line where `word` (folded) first appears in the body; 0 when not found there.
pub(super) fn first_line_with(doc: &Document<'_>, word: &str) -> usize {
    doc.body
        .lines()
        .position(|line| fold(line).contains(word) || line.contains(word))
        .map_or(0, |i| doc.body_first_line + i)
}
