//! Dates as the press office writes them, read into Paris-time instants.
//! RFC 3339, Jekyll's `2023-04-13 17:10:00 +02:00`, bare `2023-04-13`, French
//! (`12 septembre 2023`, `1er mars 2024`, `Le 9 octobre 2023`, `7 oct 2021`, `mai 2022`)
//! and English (`12 March 2019`). A date without an offset is local time in `tz`.

use crate::model::{Precision, PubDate};
use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
};
use chrono_tz::Tz;

/// Reads any supported date form; `None` when `text` is not a date.
pub fn parse_date(text: &str, tz: Tz) -> Option<PubDate> {
    let text = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if text.is_empty() {
        return None;
    }
    parse_numeric(text, tz).or_else(|| parse_words(text, tz))
}

/// Converts a wall-clock time in `tz` to an instant with that zone's offset; in the
/// autumn overlap the earlier instant wins, in the spring gap the time moves forward.
pub fn local_instant(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<FixedOffset>> {
    let resolved = match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(a, _) => a,
        LocalResult::None => {
            let later = naive.checked_add_signed(chrono::Duration::hours(1))?;
            tz.from_local_datetime(&later).earliest()?
        }
    };
    Some(resolved.with_timezone(&resolved.offset().fix()))
}

/// Re-expresses an instant with the offset `tz` has at that instant.
pub fn in_zone(at: DateTime<FixedOffset>, tz: Tz) -> DateTime<FixedOffset> {
    let local = at.with_timezone(&tz);
    local.with_timezone(&local.offset().fix())
}

/// A date with an optional time of day after it, as people type on a command line:
/// `2026-12-01 08:00`, `12 mars 2026 8h00`, `12 mars 2026 à 8 h 30`, RFC 3339.
pub fn parse_instant(text: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    if let Some(date) = parse_date(text, tz) {
        return Some(date.at);
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    // The longest leading run of words that reads as a date, then a time in the rest.
    (1..words.len()).rev().find_map(|split| {
        let date = parse_date(&words[..split].join(" "), tz)?;
        let rest: Vec<String> = words[split..]
            .iter()
            .filter(|w| *w != "à" && *w != "a" && *w != "at")
            .cloned()
            .collect();
        let time = time_of_day(&rest)?;
        local_instant(date.at.date_naive().and_time(time), tz)
    })
}

/// "à 8h00", "8 h 30", "6 heures", "08:00", "8H": the first time among the next few words.
pub fn time_of_day(words: &[String]) -> Option<NaiveTime> {
    let joined: String = words.iter().take(5).cloned().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = joined.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (hour, after_hour) = number(&chars, i);
        let mut j = after_hour;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        let rest: String = chars[j..].iter().collect();
        let separator = ["heures", "heure", "h", ":"]
            .iter()
            .find(|s| rest.starts_with(*s))
            .map(|s| s.len());
        if let Some(skip) = separator {
            let mut k = j + skip;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let minutes = if chars.get(k).is_some_and(char::is_ascii_digit) {
                number(&chars, k).0
            } else {
                0
            };
            return NaiveTime::from_hms_opt(hour, minutes, 0);
        }
        i = after_hour;
    }
    None
}

fn number(chars: &[char], start: usize) -> (u32, usize) {
    let mut end = start;
    let mut value: u32 = 0;
    while end < chars.len() && end - start < 2 {
        let Some(digit) = chars[end].to_digit(10) else {
            break;
        };
        value = value * 10 + digit;
        end += 1;
    }
    (value, end)
}

fn parse_numeric(text: &str, tz: Tz) -> Option<PubDate> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.len() < 10 {
        return None;
    }
    let instant = |at: DateTime<FixedOffset>| PubDate {
        at: in_zone(at, tz),
        precision: Precision::Instant,
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(instant(at));
    }
    // Jekyll and YAML timestamps: "2023-04-13 17:10:00 +02:00", "... +0200", "... Z".
    let normalised = text.replace('T', " ");
    let normalised = normalised.trim_end_matches(" Z").trim_end_matches('Z');
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f %:z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M %:z",
        "%Y-%m-%d %H:%M %z",
    ] {
        if let Ok(at) = DateTime::parse_from_str(normalised, fmt) {
            return Some(instant(at));
        }
    }
    let utc = text.ends_with('Z');
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(normalised, fmt) {
            let at = if utc {
                naive.and_utc().fixed_offset()
            } else {
                local_instant(naive, tz)?
            };
            return Some(instant(at));
        }
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()?;
    day_start(day, tz, Precision::Day)
}

fn day_start(day: NaiveDate, tz: Tz, precision: Precision) -> Option<PubDate> {
    Some(PubDate {
        at: local_instant(day.and_time(NaiveTime::MIN), tz)?,
        precision,
    })
}

/// French or English words: "[Le|le] [lundi] 1er mars 2024", "7 oct. 2021", "mai 2022", "March 12, 2019".
fn parse_words(text: &str, tz: Tz) -> Option<PubDate> {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            ',' | '.' | '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    let mut words: Vec<String> = cleaned
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    if words.first().is_some_and(|w| w == "le" || w == "the") {
        words.remove(0);
    }
    if words.first().is_some_and(|w| weekday(w)) {
        words.remove(0);
    }
    match words.as_slice() {
        [day, month, year] => {
            let (day, month) = match (day_number(day), month_number(month)) {
                (Some(d), Some(m)) => (d, m),
                // "March 12 2019"
                _ => (day_number(month)?, month_number(day)?),
            };
            let day = NaiveDate::from_ymd_opt(year_number(year)?, month, day)?;
            day_start(day, tz, Precision::Day)
        }
        [month, year] => {
            let day = NaiveDate::from_ymd_opt(year_number(year)?, month_number(month)?, 1)?;
            day_start(day, tz, Precision::Month)
        }
        _ => None,
    }
}

fn weekday(word: &str) -> bool {
    matches!(
        word,
        "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche"
    )
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .strip_suffix("er")
        .or_else(|| word.strip_suffix("st"))
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    let n: i32 = word.parse().ok()?;
    (word.len() == 4 && (1900..=2200).contains(&n)).then_some(n)
}

/// French and English month names and their usual abbreviations, lower-case.
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let month = match word {
        "janvier" | "janv" | "jan" | "january" => 1,
        "février" | "fevrier" | "févr" | "fevr" | "fév" | "fev" | "feb" | "february" => 2,
        "mars" | "mar" | "march" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "juil" | "jul" | "july" => 7,
        "août" | "aout" | "aug" | "august" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "décembre" | "decembre" | "déc" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn rfc(text: &str) -> (String, Precision) {
        let d = parse_date(text, Paris).unwrap_or_else(|| panic!("{text} should parse"));
        (d.at.to_rfc3339(), d.precision)
    }

    #[test]
    fn machine_forms() {
        assert_eq!(
            rfc("2023-04-13 17:10:00 +02:00").0,
            "2023-04-13T17:10:00+02:00"
        );
        assert_eq!(rfc("2018-03-26T09:03:00Z").0, "2018-03-26T11:03:00+02:00");
        assert_eq!(rfc("2018-03-26 09:03:00 Z").0, "2018-03-26T11:03:00+02:00");
        assert_eq!(
            rfc("2020-01-10T10:00:00.000Z").0,
            "2020-01-10T11:00:00+01:00"
        );
        assert_eq!(
            rfc("2018-07-02"),
            ("2018-07-02T00:00:00+02:00".into(), Precision::Day)
        );
        assert_eq!(rfc("2019-01-15 10:00").0, "2019-01-15T10:00:00+01:00");
    }

    #[test]
    fn french_and_english_words() {
        assert_eq!(rfc("12 septembre 2023").0, "2023-09-12T00:00:00+02:00");
        assert_eq!(rfc("1er mars 2024").0, "2024-03-01T00:00:00+01:00");
        assert_eq!(rfc("Le 9 octobre 2023").0, "2023-10-09T00:00:00+02:00");
        assert_eq!(rfc("23 Mars 2023").0, "2023-03-23T00:00:00+01:00");
        assert_eq!(rfc("7 oct 2021").0, "2021-10-07T00:00:00+02:00");
        assert_eq!(rfc("12 March 2019").0, "2019-03-12T00:00:00+01:00");
        assert_eq!(rfc("March 12, 2019").0, "2019-03-12T00:00:00+01:00");
        assert_eq!(
            rfc("mai 2022"),
            ("2022-05-01T00:00:00+02:00".into(), Precision::Month)
        );
        assert_eq!(
            rfc("mardi 12 septembre 2023").0,
            "2023-09-12T00:00:00+02:00"
        );
    }

    #[test]
    fn instants_as_typed_on_a_command_line() {
        let at = |t: &str| parse_instant(t, Paris).map(|d| d.to_rfc3339());
        assert_eq!(
            at("2026-12-01 08:00").as_deref(),
            Some("2026-12-01T08:00:00+01:00")
        );
        assert_eq!(
            at("12 mars 2026 8h00").as_deref(),
            Some("2026-03-12T08:00:00+01:00")
        );
        assert_eq!(
            at("12 mars 2026 à 8 h 30").as_deref(),
            Some("2026-03-12T08:30:00+01:00")
        );
        assert_eq!(
            at("2026-12-01T08:00:00+01:00").as_deref(),
            Some("2026-12-01T08:00:00+01:00")
        );
        assert_eq!(at("demain matin"), None);
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "Paris",
            "32 mars 2023",
            "12 truc 2023",
            "2023-13-45",
            "mai",
        ] {
            assert!(parse_date(text, Paris).is_none(), "{text}");
        }
    }

    #[test]
    fn dst_gap_moves_forward() {
        let d = parse_date("2024-03-31 02:30", Paris).unwrap();
        assert_eq!(d.at.to_rfc3339(), "2024-03-31T03:30:00+02:00");
    }
}
