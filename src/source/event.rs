//! Événements (agenda): `event_start_date`, `event_end_date`, `lieu`, `adresse`,
//! `champs_informations: [{intitule, contenu, lien|Lien}]`.

use super::dates::parse_date;
use super::fields::{get, text};
use super::front_matter::Document;
use super::keys;
use super::keys::nested;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::{EventInfo, InfoField};
use serde_json::Value;
use std::path::Path;

/// Reads the agenda facts of an event's front matter; bad dates are reported, not fatal.
pub(crate) fn info(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> EventInfo {
    let fields = &doc.fields;
    let mut date = |key: &keys::Key| {
        let value = text(key.get(fields))?;
        let parsed = parse_date(&value, config.time_zone);
        if parsed.is_none() {
            diagnostics.push(
                Diagnostic::warning(rel, Problem::BadDate { value })
                    .at(key.line(doc), 0)
                    .hint(Message::new("hint-event-date")),
            );
        }
        parsed
    };
    let start = date(&keys::EVENT_START);
    let end = date(&keys::EVENT_END);
    let fields_list = match keys::EVENT_FIELDS.get(fields) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let map = item.as_object()?;
                let label = text(get(map, nested::FIELD_LABEL))?;
                Some(InfoField {
                    label,
                    content: text(get(map, nested::FIELD_CONTENT))
                        .map(|c| crate::text::clean_markdown(&c).trim().to_string())
                        .unwrap_or_default(),
                    link: text(get(map, nested::FIELD_LINK)),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    EventInfo {
        start,
        end,
        venue: text(keys::VENUE.get(fields)),
        address: text(keys::ADDRESS.get(fields)),
        fields: fields_list,
    }
}
