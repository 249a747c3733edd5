//! Embargo notices written in the body of a converted communiqué
//! ("**EMBARGO JUSQU'AU MARDI 12 MARS 2099 À 8H00**", "*Sous embargo jusqu'au 4 février 2099,
//! 6 heures*"): the document's own words are the embargo, and they are not its title.

use super::dates::{local_instant, parse_date, time_of_day};
use super::text::blocks;
use crate::text::fold;
use crate::text::plain::markdown_text;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use chrono_tz::Tz;

/// Longest block read as a notice: a notice is one short line, not a paragraph about embargoes.
const MAX_NOTICE_CHARS: usize = 250;

/// How a notice opens (folded), or a phrase it contains.
const OPENINGS: &[&str] = &[
    "embargo",
    "sous embargo",
    "information sous embargo",
    "diffusion sous embargo",
    "communique sous embargo",
    "document sous embargo",
    "embargoed",
    "strictly embargoed",
    "ne pas publier avant",
    "ne pas diffuser avant",
    "a ne pas diffuser avant",
    "a ne pas publier avant",
    "not for publication before",
];
const PHRASES: &[&str] = &[
    "embargo jusqu",
    "embargo until",
    "embargo levee le",
    "sous embargo",
];

/// Every opening and phrase contains one of these (a test keeps it so): a body whose folded
/// text has none of them has no notice.
const STEMS: &[&str] = &["embargo", "diffuser", "publier", "publication"];

/// One notice found in a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notice {
    /// File line of the notice.
    pub line: usize,
    /// The notice as written (plain text).
    pub text: String,
    /// When it lifts; `None` when no date could be read.
    pub until: Option<DateTime<FixedOffset>>,
    /// Whether a time of day was read (otherwise the embargo lifts at midnight).
    pub has_time: bool,
}

/// The notices of `markdown` (starting at file line `first_line`) and the body without them.
pub(crate) fn find(markdown: &str, first_line: usize, tz: Tz) -> (Vec<Notice>, String) {
    let mut notices = Vec::new();
    // One fold of the whole body instead of a Markdown parse and a fold per block: a notice's
    // words are in the raw text too, and almost no body has any of them.
    let body = fold(markdown);
    if !STEMS.iter().any(|stem| body.contains(stem)) {
        return (notices, markdown.to_string());
    }
    let mut kept = Vec::new();
    for block in blocks(markdown, first_line) {
        let text = markdown_text(&block.markdown);
        if is_notice(&text) {
            let (until, has_time) = match read_instant(&text, tz) {
                Some((at, has_time)) => (Some(at), has_time),
                None => (None, false),
            };
            notices.push(Notice {
                line: block.line,
                text,
                until,
                has_time,
            });
        } else {
            kept.push(block.markdown);
        }
    }
    if notices.is_empty() {
        return (notices, markdown.to_string());
    }
    (notices, kept.join("\n\n"))
}

fn is_notice(text: &str) -> bool {
    if text.chars().count() > MAX_NOTICE_CHARS {
        return false;
    }
    let folded = fold(text);
    OPENINGS.iter().any(|o| {
        folded
            .strip_prefix(o)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    }) || PHRASES.iter().any(|p| folded.contains(p))
}

/// The first date in `text`, with the time of day that follows it if any.
fn read_instant(text: &str, tz: Tz) -> Option<(DateTime<FixedOffset>, bool)> {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            ',' | ';' | '(' | ')' | '«' | '»' | '"' | '\u{a0}' | '\u{202f}' => ' ',
            '’' => '\'',
            c => c,
        })
        .collect();
    let words: Vec<String> = cleaned
        .split_whitespace()
        // "jusqu'au" → "au"; "l'embargo" → "embargo".
        .map(|w| w.rsplit('\'').next().unwrap_or(w).to_lowercase())
        .collect();
    for start in 0..words.len() {
        let (day, len) = match numeric_day(&words[start]) {
            Some(day) => (day, 1),
            // A month alone ("mars 2099") is too vague for an embargo: a day is needed.
            None => match words
                .get(start..start + 3)
                .and_then(|w| parse_date(&w.join(" "), tz))
            {
                Some(date) => (date.at.date_naive(), 3),
                None => continue,
            },
        };
        // The hour follows the date ("… 2099 à 8h00") or comes first ("EMBARGO 12H00 LE …").
        let before = &words[start.saturating_sub(5)..start];
        return Some(with_time(day, &words[start + len..], before, tz));
    }
    None
}

/// `12/03/2099`, `12.03.2099`, `2099-03-12`.
fn numeric_day(word: &str) -> Option<NaiveDate> {
    let word = word.trim_end_matches('.');
    NaiveDate::parse_from_str(word, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(word, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(word, "%Y-%m-%d"))
        .ok()
}

fn with_time(
    day: NaiveDate,
    after: &[String],
    before: &[String],
    tz: Tz,
) -> (DateTime<FixedOffset>, bool) {
    let time = time_of_day(after).or_else(|| time_of_day(before));
    let naive = day.and_time(time.unwrap_or(NaiveTime::MIN));
    let at = local_instant(naive, tz)
        // A wall-clock time that cannot exist is resolved by local_instant; this is a
        // last resort for dates outside chrono's range.
        .unwrap_or_else(|| DateTime::<FixedOffset>::MAX_UTC.fixed_offset());
    (at, time.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    #[test]
    fn every_opening_and_phrase_holds_a_stem() {
        for words in OPENINGS.iter().chain(PHRASES) {
            assert!(STEMS.iter().any(|s| words.contains(s)), "{words}");
        }
    }

    fn until(body: &str) -> Option<String> {
        let (notices, _) = find(body, 1, Paris);
        assert_eq!(notices.len(), 1, "{body}");
        notices[0].until.map(|at| at.to_rfc3339())
    }

    #[test]
    fn notices_of_the_family() {
        assert_eq!(
            until("**EMBARGO JUSQU'AU MARDI 12 MARS 2099 À 8H00**").as_deref(),
            Some("2099-03-12T08:00:00+01:00")
        );
        assert_eq!(
            until("*Sous embargo jusqu'au 4 février 2099, 6 heures*").as_deref(),
            Some("2099-02-04T06:00:00+01:00")
        );
        assert_eq!(
            until("Embargo : 12/07/2099 à 10 h 30").as_deref(),
            Some("2099-07-12T10:30:00+02:00")
        );
        assert_eq!(
            until("## Ne pas diffuser avant le lundi 1er juin 2099, 07:15").as_deref(),
            Some("2099-06-01T07:15:00+02:00")
        );
        assert_eq!(
            until("_Information sous embargo jusqu’au 3 avril 2099_").as_deref(),
            Some("2099-04-03T00:00:00+02:00")
        );
        assert_eq!(
            until("EMBARGO 12H00 LE JEUDI 5 JUIN 2099").as_deref(),
            Some("2099-06-05T12:00:00+02:00")
        );
        assert_eq!(
            until("À NE PAS PUBLIER AVANT LE 3 MAI 2099 À 9 H").as_deref(),
            Some("2099-05-03T09:00:00+02:00")
        );
        assert_eq!(
            until("Communiqué sous embargo – mercredi 14 octobre 2099 – 10h").as_deref(),
            Some("2099-10-14T10:00:00+02:00")
        );
        assert_eq!(until("EMBARGO JUSQU'AU LENDEMAIN DE LA CONFÉRENCE"), None);
    }

    #[test]
    fn notices_leave_the_body_and_prose_stays() {
        let body = "GOUVERNEMENT\n\n**EMBARGO JUSQU'AU 12 MARS 2099 À 8H00**\n\n# Le titre\n\nL'embargo sur les données de santé a été levé en 2020 par le ministère.\n";
        let (notices, rest) = find(body, 1, Paris);
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].line, 3);
        assert!(!rest.contains("EMBARGO"), "{rest}");
        assert!(
            rest.contains("# Le titre") && rest.contains("L'embargo sur"),
            "{rest}"
        );
    }
}
