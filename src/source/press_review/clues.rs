//! Small readings of a line's words: date lines, contact footers, the site's own navigation.

use super::links::Link;
use super::urls;
use crate::model::PubDate;
use crate::source::dates::parse_date;
use chrono_tz::Tz;
use url::Url;

/// Date words as written around links: `**Le 9 octobre 2023**`, `7 oct 2021 —`, `Le 15 mars 2022`.
pub(super) fn date_text(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '#' | '\\'))
        .collect();
    cleaned
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '|' | ','))
        .to_string()
}

/// For a link whose `[` was lost, the text may start with its date: `**7 oct 2021** — title`.
pub(super) fn split_leading_date(text: &str, tz: Tz) -> (Option<PubDate>, String) {
    let words: Vec<(usize, usize)> = text
        .char_indices()
        .filter(|(i, c)| {
            !c.is_whitespace()
                && text[..*i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| {
            let end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |n| i + n);
            (i, end)
        })
        .collect();
    for n in (2..=5.min(words.len())).rev() {
        let end = words[n - 1].1;
        if let Some(date) = parse_date(&date_text(&text[..end]), tz) {
            let rest = date_text(&text[end..]);
            return (Some(date), rest);
        }
    }
    (None, text.to_string())
}

/// Lines that carry the press office's own contact or header, never an article.
pub(super) fn is_contact_line(outside_links: &str, links: &[Link]) -> bool {
    let lower = outside_links.to_lowercase();
    const PHRASES: &[&str] = &[
        "vous souhaitez en savoir plus",
        "pour toute demande",
        "contactez",
        "contacter le service",
        "service de presse de la",
    ];
    PHRASES.iter().any(|p| lower.contains(p))
        || links
            .iter()
            .any(|l| l.text.trim().to_lowercase().starts_with("contact"))
}

/// The agency's own press pages, linked as navigation.
pub(super) fn is_navigation(url: &Url, base: Option<&Url>) -> bool {
    let Some(base) = base else { return false };
    if urls::readable_host(url) != urls::readable_host(base) {
        return false;
    }
    matches!(
        url.path().trim_matches('/'),
        "" | "presse"
            | "espace-presse"
            | "contact-presse"
            | "revue-de-presse"
            | "espace-presse/contact-presse"
            | "espace-presse/ressources-presse"
    )
}

/// A bold-only line with a year in it that is not a date: probably a mistyped date.
pub(super) fn looks_like_date(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("**")
        && t.ends_with("**")
        && t.chars().count() < 48
        && t.split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
}
