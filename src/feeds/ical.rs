//! The agenda as iCalendar (RFC 5545), `agenda/agenda.ics`, for calendar subscriptions.
//!
//! Written by hand: the format is small, and its traps are handled here: CRLF line ends,
//! folding at 75 OCTETS (never inside a UTF-8 sequence), TEXT escaping of `\ ; ,` and
//! newlines, times in `TZID=Europe/Paris` with its VTIMEZONE, all-day events as DATE values
//! with an exclusive DTEND. An event whose start is unknown or only a month is left out:
//! a calendar entry on a made-up day would be wrong, and it stays in the feeds.

use super::html::plain_text;
use super::ids::entry_id;
use super::links::entry_link;
use crate::config::Config;
use crate::model::{Entry, Kind, Precision, PubDate};
use crate::text::xml::clean;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The zone whose rules [`PARIS`] spells out; other zones are written in UTC.
const PARIS_TZID: &str = "Europe/Paris";

/// Europe/Paris since the EU rules of 1996: last Sunday of March 02:00 → +02:00, last
/// Sunday of October 03:00 → +01:00.
const PARIS: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Where the calendar goes, relative to the output directory.
pub(super) const PATH: &str = "agenda/agenda.ics";

/// Public URL of the calendar, linked from the agenda feeds and the press room.
pub(super) fn url(config: &Config) -> String {
    format!("{}/{PATH}", config.feeds_url)
}

/// Each event's VEVENT, folded, kept while the event is the same allocation (the `Arc`
/// kept keeps its address unique): a save changes one event of thousands, and writing
/// every event again cost more than all the feeds a save re-renders.
#[derive(Default)]
pub(super) struct Cache {
    by_entry: FxHashMap<usize, (Arc<Entry>, String, u64)>,
    generation: u64,
}

/// The whole calendar: every published event with a known day, in catalog order, reusing
/// the events `cache` holds (and keeping only those of `entries`).
pub(super) fn render_cached(entries: &[Arc<Entry>], config: &Config, cache: &mut Cache) -> Vec<u8> {
    let paris = config.time_zone.name() == PARIS_TZID;
    let site = plain_text(&config.site_title);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//DINUM//communique//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("NAME:{}", text(&format!("Agenda — {site}"))),
        format!("X-WR-CALNAME:{}", text(&format!("Agenda — {site}"))),
        format!("X-WR-TIMEZONE:{}", config.time_zone.name()),
    ];
    if paris {
        lines.extend(PARIS.iter().map(|line| line.to_string()));
    }
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    cache.generation = cache.generation.wrapping_add(1);
    let generation = cache.generation;
    let mut found = 0;
    for entry in entries.iter().filter(|e| e.kind == Kind::Event) {
        let at = Arc::as_ptr(entry) as usize;
        let known = cache.by_entry.entry(at).or_insert_with(|| {
            let mut folded = String::new();
            for line in vevent(entry, config, paris).into_iter().flatten() {
                fold(&line, &mut folded);
            }
            (Arc::clone(entry), folded, generation)
        });
        if known.2 != generation {
            known.2 = generation;
        }
        found += 1;
        out.push_str(&known.1);
    }
    if found != cache.by_entry.len() {
        cache.by_entry.retain(|_, (_, _, seen)| *seen == generation);
    }
    fold("END:VCALENDAR", &mut out);
    out.into_bytes()
}

fn vevent(entry: &Entry, config: &Config, paris: bool) -> Option<Vec<String>> {
    let info = entry.event.as_ref()?;
    let start = info.start.filter(|s| s.precision != Precision::Month)?;
    let end = info
        .end
        .filter(|end| end.precision != Precision::Month && end.at >= start.at);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        // UID is TEXT: the comma of the `tag:` authority is escaped like any other.
        format!("UID:{}", text(&entry_id(entry, config))),
        // No build clock in a renderer: the publication instant stamps the event.
        format!("DTSTAMP:{}", utc(entry.date.at)),
        format!("LAST-MODIFIED:{}", utc(entry.date.at)),
    ];
    if start.precision == Precision::Instant {
        lines.push(format!("DTSTART{}", date_time(start.at, config, paris)));
        if let Some(end) = end {
            // A day-only end of a timed event: the end of that day.
            let at = match end.precision {
                Precision::Instant => end.at,
                _ => midnight_after(&end, config)?,
            };
            lines.push(format!("DTEND{}", date_time(at, config, paris)));
        }
    } else {
        let first = day(&start, config);
        let last = end.map_or(first, |end| day(&end, config)).max(first);
        lines.push(format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")));
        // DTEND of an all-day event is the day AFTER the last one (exclusive).
        let after = last.succ_opt()?;
        lines.push(format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
    }
    let mut title = plain_text(&entry.title);
    if title.is_empty() {
        title = "Événement".into();
    }
    lines.push(format!("SUMMARY:{}", text(&title)));
    let place: Vec<String> = [&info.venue, &info.address]
        .into_iter()
        .flatten()
        .map(|s| plain_text(s))
        .filter(|s| !s.is_empty())
        .collect();
    if !place.is_empty() {
        lines.push(format!("LOCATION:{}", text(&place.join(", "))));
    }
    let description = description(entry);
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", text(&description)));
    }
    // A URI value, not TEXT: no escaping, and it has no commas or spaces to fear.
    lines.push(format!("URL:{}", entry_link(entry, config)));
    lines.push("END:VEVENT".into());
    Some(lines)
}

/// Plain-text description: the lead, then the practical fields ("Horaires : 14h-17h30").
fn description(entry: &Entry) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(summary) = entry.summary.as_deref() {
        let lead = plain_text(&super::html::markdown_to_html(summary));
        if !lead.is_empty() {
            parts.push(lead);
        }
    }
    for field in entry.event.iter().flat_map(|info| &info.fields) {
        let label = plain_text(&field.label);
        let content = plain_text(&field.content);
        let line = match (content.is_empty(), &field.link) {
            (false, Some(link)) => format!("{label} : {content} ({})", link.trim()),
            (false, None) => format!("{label} : {content}"),
            (true, Some(link)) => format!("{label} : {}", link.trim()),
            (true, None) => continue,
        };
        parts.push(line);
    }
    parts.join("\n")
}

/// `;TZID=Europe/Paris:20230510T140000`, or `:20230510T120000Z` outside Paris.
fn date_time(at: DateTime<FixedOffset>, config: &Config, paris: bool) -> String {
    if paris {
        let local = at.with_timezone(&config.time_zone);
        format!(";TZID={PARIS_TZID}:{}", local.format("%Y%m%dT%H%M%S"))
    } else {
        format!(":{}", utc(at))
    }
}

fn utc(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

fn day(date: &PubDate, config: &Config) -> NaiveDate {
    date.at.with_timezone(&config.time_zone).date_naive()
}

/// Midnight starting the day after `date`'s day, in the configured zone.
fn midnight_after(date: &PubDate, config: &Config) -> Option<DateTime<FixedOffset>> {
    use chrono::TimeZone;
    let next = day(date, config).succ_opt()?.and_hms_opt(0, 0, 0)?;
    let at = config.time_zone.from_local_datetime(&next).earliest()?;
    Some(at.fixed_offset())
}

/// TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, newlines as `\n`, controls dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in clean(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded to lines of at most 75 octets (§3.1), each ended by CRLF; a
/// continuation starts with one space, which counts in its 75.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        fold(&line, &mut out);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.len() > 2);
        assert!(physical.iter().all(|l| l.len() <= 75), "{physical:?}");
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "").trim_end().to_string();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_escapes() {
        assert_eq!(text("a,b;c\\d\ne\r\tf"), "a\\,b\\;c\\\\d\\ne f");
    }
}
