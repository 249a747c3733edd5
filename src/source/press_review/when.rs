//! Dates as press lists write them beside articles: every form `dates::parse_date` reads, plus
//! `2019-03` / `03/2019` (month), `12.03.2019` / `12/03/19` (day first), a leading `publié le`,
//! a day and month completed by a heading's year, and words that look like a date but are not.

use crate::model::{Precision, PubDate};
use crate::source::dates::parse_date;
use crate::text::plain::fragment_text;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Reads a date, also `2019-03` and `03/2019` (month precision) and a leading
/// `publié le` / `paru le` / `mis en ligne le`.
pub(super) fn read_date(text: &str, tz: Tz) -> Option<PubDate> {
    let cleaned = clean(text);
    let lower = cleaned.to_lowercase();
    let mut rest = lower.as_str();
    for lead in [
        "publié le",
        "publie le",
        "paru le",
        "mis en ligne le",
        "en date du",
        "du",
        "published",
        "publié",
        "paru",
        "le",
    ] {
        if let Some(r) = rest.strip_prefix(lead)
            && r.starts_with(' ')
        {
            rest = r.trim_start();
            break;
        }
    }
    if let Some(date) = parse_date(rest, tz) {
        return Some(date);
    }
    let at = |y: &str, m: &str, d: &str, precision| {
        let y: i32 = y.parse().ok()?;
        // `12/03/19`: a two-digit year is this century's.
        let y = if y < 100 { 2000 + y } else { y };
        let day = NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)?;
        let at = crate::source::dates::local_instant(day.and_hms_opt(0, 0, 0)?, tz)?;
        Some(PubDate { at, precision })
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = rest.split(['-', '/', '.']).collect();
    if !parts.iter().all(|p| digits(p)) {
        return None;
    }
    match parts.as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 && y.starts_with(['1', '2']) => {
            at(y, m, "1", Precision::Month)
        }
        [m, y] if y.len() == 4 && m.len() <= 2 => at(y, m, "1", Precision::Month),
        // `12.03.2019`, `12-03-2019`, `12/03/19` (day first, as in France).
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && (y.len() == 4 || y.len() == 2) => {
            at(y, m, d, Precision::Day)
        }
        _ => None,
    }
}

/// `12 mars` under a `## 2019` heading: the day and month with the heading's year.
pub(super) fn with_year(text: &str, year: i32, tz: Tz) -> Option<PubDate> {
    let t = clean(text);
    let date = read_date(&format!("{t} {year}"), tz)?;
    (date.precision == Precision::Day).then_some(date)
}

/// The year a heading stands for: `2019`, `En 2019`, `Année 2019`, `Articles de 2019`.
pub(super) fn heading_year(text: &str) -> Option<i32> {
    let t = fragment_text(text);
    let years: Vec<i32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .filter_map(|w| w.parse().ok())
        .collect();
    match years.as_slice() {
        [year] if t.split_whitespace().count() <= 6 => Some(*year),
        _ => None,
    }
}

pub(super) fn clean(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '\\'))
        .collect();
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '|' | ',' | '(' | ')' | '.')
    })
    .to_string()
}

/// A month name ("mars", "janv.", "March") or a numeric date shape (`31/02/2019`).
pub(super) fn looks_like_date(text: &str) -> bool {
    let t = clean(text);
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    let month_word = t.split_whitespace().any(|w| {
        w.chars().all(char::is_alphabetic)
            && parse_date(&format!("1 {w} 2000"), chrono_tz::UTC).is_some()
    });
    let year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    let numeric = t.split_whitespace().any(|w| {
        w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            && w.matches(['/', '-', '.']).count() == 2
    });
    let words = t.split_whitespace().count();
    numeric || (month_word && words <= 4 && (year || t.chars().any(|c| c.is_ascii_digit())))
}

/// A segment that is, or ends or starts with, a date: the date and the words left.
pub(super) fn split_date(seg: &str, tz: Tz) -> Option<(PubDate, String)> {
    if let Some(d) = read_date(seg, tz) {
        return Some((d, String::new()));
    }
    let words: Vec<&str> = seg.split_whitespace().collect();
    for k in (1..=words.len().min(5)).rev() {
        if k == words.len() {
            continue;
        }
        // `31 février 2024` is a bad date, not "février 2024" after a number.
        let day_before = words[words.len() - k - 1]
            .trim_end_matches("er")
            .chars()
            .all(|c| c.is_ascii_digit());
        if !day_before && let Some(d) = read_date(&words[words.len() - k..].join(" "), tz) {
            return Some((d, words[..words.len() - k].join(" ")));
        }
        if let Some(d) = read_date(&words[..k].join(" "), tz) {
            return Some((d, words[k..].join(" ")));
        }
    }
    None
}

/// A date as the tests of this folder compare it: `2019-03-12`, empty for none.
#[cfg(test)]
pub(super) fn day(date: Option<PubDate>) -> String {
    date.map(|d| d.at.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    #[test]
    fn dates_of_every_form() {
        for (text, want) in [
            ("2019-03", "2019-03-01"),
            ("03/2019", "2019-03-01"),
            ("12/03/2019", "2019-03-12"),
            ("1er mars 2019", "2019-03-01"),
            ("janv. 2020", "2020-01-01"),
            ("publié le 5 avril 2021", "2021-04-05"),
            ("12.03.2019", "2019-03-12"),
            ("12-03-2019", "2019-03-12"),
            ("12/03/19", "2019-03-12"),
            ("Le 12/03/2019", "2019-03-12"),
        ] {
            assert_eq!(day(read_date(text, Paris)), want, "{text}");
        }
        assert!(read_date("2019", Paris).is_none());
        assert!(read_date("1.2", Paris).is_none());
        assert!(read_date("31.02.2019", Paris).is_none());
        assert_eq!(day(with_year("12 mars", 2019, Paris)), "2019-03-12");
        assert!(with_year("mars", 2019, Paris).is_none());
        assert_eq!(heading_year("En 2019"), Some(2019));
        assert_eq!(heading_year("Revue de presse 2019"), Some(2019));
        assert_eq!(
            heading_year("Ce que la presse a écrit sur nous en 2019"),
            None
        );
        assert_eq!(heading_year("2018 – 2019"), None);
        assert!(looks_like_date("31 février 2024"));
        assert!(looks_like_date("12 mars"));
        assert!(!looks_like_date("Le Monde"));
        assert!(!looks_like_date("Mars attaque la DINUM en force ce soir"));
    }
}
