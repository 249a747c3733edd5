//! What an article's words say besides its title: the outlet and the date, wherever they sit —
//! inside the link text (`[Les Échos, « Titre »](…)`, `[Titre, Le Monde, 12 mars 2019](…)`)
//! or around it on the same line (`Le Monde — [Titre](…) (Mars 2019)`).
//!
//! Text is cut into segments at the separators people type (`,` `;` `:` `|` `—` `–` ` - `
//! and parentheses), never inside « quotes »; each segment is a date, a quote, or words.

use super::naming::{is_generic, is_generic_link_text, names_outlet, outlet_beside};
use super::when::{clean, looks_like_date, read_date, split_date};
use crate::model::PubDate;
use crate::text::plain::fragment_text;
use chrono_tz::Tz;

/// A piece of text between separators, with its byte span in the text it came from.
#[derive(Debug, Clone)]
struct Segment {
    start: usize,
    end: usize,
    text: String,
}

/// What a piece of text said.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Said {
    /// The title, when the text held more than a title (None: the whole text is the title).
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<PubDate>,
    /// Words that look like a date but do not read as one (`31 février 2024`, `12 mars`).
    pub bad_date: Option<String>,
}

fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quotes = 0usize;
    let mut straight = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let push = |from: usize, to: usize, out: &mut Vec<Segment>| {
        let piece = &text[from..to];
        let words = piece.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
        if !words.is_empty() {
            let lead = piece.len()
                - piece
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
                    .len();
            out.push(Segment {
                start: from + lead,
                end: from + lead + words.len(),
                text: words.to_string(),
            });
        }
    };
    for (n, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(n + 1).map(|&(_, c)| c);
        let prev = n.checked_sub(1).map(|p| chars[p].1);
        match c {
            '«' | '“' => quotes += 1,
            '»' | '”' => quotes = quotes.saturating_sub(1),
            '"' => straight = !straight,
            _ => {}
        }
        if quotes > 0 || inside_straight(straight, c) {
            continue;
        }
        let cut = match c {
            ',' | ';' | '|' | '—' | '–' | '(' | ')' | '[' | ']' => true,
            // `Le Monde : titre`, not `12:30` or `https://`.
            ':' => next.is_none_or(char::is_whitespace),
            // `Le Monde - titre`, not `Ouest-France`.
            '-' => prev.is_some_and(char::is_whitespace) && next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if cut {
            push(start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// Joins pieces a comma split inside a date: `March 12, 2019`.
fn join_dates(text: &str, mut segs: Vec<Segment>, tz: Tz) -> Vec<Segment> {
    let mut i = 0;
    while i + 1 < segs.len() {
        let joined = &text[segs[i].start..segs[i + 1].end];
        if read_date(&segs[i].text, tz).is_none() && read_date(joined, tz).is_some() {
            segs[i].end = segs[i + 1].end;
            segs[i].text = joined.to_string();
            segs.remove(i + 1);
        }
        i += 1;
    }
    segs
}

/// Inside straight quotes nothing cuts, except the closing quote itself.
fn inside_straight(open: bool, c: char) -> bool {
    open && c != '"'
}

fn is_quoted(text: &str) -> bool {
    text.starts_with(['«', '“', '"'])
}

pub(super) fn unquote(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches(['«', '“', '"'])
        .trim_end_matches(['»', '”', '"'])
        .trim();
    fragment_text(t)
}

/// Cuts the first « quote » out of the words after a link:
/// `: « extrait » (12 mars 2019)` → (`:  (12 mars 2019)`, `« extrait »`).
pub(super) fn split_quote(text: &str) -> (String, Option<String>) {
    let Some(open) = text.find('«') else {
        return (text.to_string(), None);
    };
    let mut depth = 0usize;
    let mut close = text.len();
    for (i, c) in text[open..].char_indices() {
        match c {
            '«' => depth += 1,
            '»' => {
                depth -= 1;
                if depth == 0 {
                    close = open + i + c.len_utf8();
                    break;
                }
            }
            _ => {}
        }
    }
    (
        format!("{} {}", &text[..open], &text[close..]),
        Some(text[open..close].to_string()),
    )
}

/// The title written beside a link that only names the outlet: `[Le Monde](…) — La DINUM
/// recrute (12 mars 2019)` → "La DINUM recrute" (the longest piece that is not a date).
pub(super) fn title_beside(after: &str, host: &str, tz: Tz) -> Option<String> {
    join_dates(after, segments(after), tz)
        .into_iter()
        .filter(|s| {
            split_date(&s.text, tz).is_none()
                && !is_generic(&s.text)
                && !is_generic_link_text(&s.text)
                && !names_outlet(&s.text, host)
        })
        .map(|s| unquote(&s.text))
        .filter(|t| t.split_whitespace().count() >= 2)
        .max_by_key(|t| t.chars().count())
}

/// Reads a link's text. `host` is the article's host, for recognising its outlet.
pub(super) fn link_text(text: &str, host: &str, tz: Tz) -> Said {
    let segs = join_dates(text, segments(text), tz);
    let mut said = Said::default();
    if segs.len() < 2 {
        // One piece: maybe `Le Monde 12 mars 2019`; a title alone otherwise.
        if let Some(seg) = segs.first()
            && let Some((date, rest)) = split_date(&seg.text, tz)
            && !rest.is_empty()
            && names_outlet(&rest, host)
        {
            said.date = Some(date);
            said.outlet = Some(fragment_text(&rest));
        }
        return said;
    }
    let mut rest: Vec<&Segment> = Vec::new();
    let mut date_last = false;
    for (i, seg) in segs.iter().enumerate() {
        if said.date.is_none()
            && let Some((date, left)) = split_date(&seg.text, tz)
            && (left.is_empty() || names_outlet(&left, host))
        {
            said.date = Some(date);
            date_last = i == segs.len() - 1;
            if !left.is_empty() {
                said.outlet = Some(fragment_text(&left));
            }
            continue;
        }
        if said.bad_date.is_none() && looks_like_date(&seg.text) && i > 0 {
            said.bad_date = Some(clean(&seg.text));
            continue;
        }
        rest.push(seg);
    }
    // `Outlet, « Titre »`: the quote is the title, the other short piece the outlet.
    if let Some(q) = rest.iter().position(|s| is_quoted(&s.text)) {
        let others: Vec<&&Segment> = rest
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != q)
            .map(|(_, s)| s)
            .collect();
        // `Ishan Bhojwani : « … »` is an interview's title: a comma, or a known name, says outlet.
        let quote = rest[q];
        if said.outlet.is_none()
            && let [one] = others.as_slice()
            && one.text.split_whitespace().count() <= 6
            && (names_outlet(&one.text, host)
                || (one.end <= quote.start && text[one.end..quote.start].contains(',')))
        {
            said.outlet = Some(fragment_text(&one.text));
        }
        if said.outlet.is_some() || others.is_empty() {
            said.title = Some(unquote(&text[quote.start..quote.end]));
            return said;
        }
    }
    if said.outlet.is_none()
        && let Some(i) = rest.iter().position(|s| names_outlet(&s.text, host))
        && (i == 0 || i == rest.len() - 1)
    {
        said.outlet = Some(fragment_text(&rest[i].text));
        rest.remove(i);
    }
    // `Acteurs publics, 29 septembre 2023` and `Titre, Outlet, 12 mars 2019`.
    if said.outlet.is_none() && date_last && !rest.is_empty() {
        let last = rest[rest.len() - 1];
        let short = last.text.split_whitespace().count() <= 4;
        if rest.len() == 1 || (short && last.text.starts_with(char::is_uppercase)) {
            said.outlet = Some(fragment_text(&last.text));
            rest.pop();
        }
    }
    if said.outlet.is_some() || said.date.is_some() {
        said.title = match (rest.first(), rest.last()) {
            (Some(first), Some(last)) => Some(unquote(&text[first.start..last.end])),
            _ => None,
        }
        .filter(|t| !t.is_empty());
    }
    said
}

/// Reads the words beside a single article link on its line (`before` and `after` it, the
/// excerpt already cut off): a date, an outlet. Prose around a link names no outlet.
pub(super) fn beside(before: &str, after: &str, host: &str, tz: Tz) -> Said {
    let mut said = Said::default();
    let mut words = Vec::new();
    for (side, text) in [(0, before), (1, after)] {
        for seg in join_dates(text, segments(text), tz) {
            if said.date.is_none()
                && let Some((date, left)) = split_date(&seg.text, tz)
            {
                said.date = Some(date);
                if !left.is_empty() {
                    words.push((side, left));
                }
            } else if said.bad_date.is_none() && looks_like_date(&seg.text) {
                said.bad_date = Some(clean(&seg.text));
            } else {
                words.push((side, seg.text));
            }
        }
    }
    let total: usize = words
        .iter()
        .map(|(_, w)| w.split_whitespace().count())
        .sum();
    if total <= 8 {
        // Nearest the link first: the end of `before`, the start of `after`.
        let before_words = words.iter().filter(|(s, _)| *s == 0).rev();
        let after_words = words.iter().filter(|(s, _)| *s == 1);
        let candidates: Vec<&String> = after_words.chain(before_words).map(|(_, w)| w).collect();
        said.outlet = candidates
            .iter()
            .find(|w| names_outlet(w, host))
            .or_else(|| candidates.first())
            .and_then(|w| outlet_beside(w, host));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::super::when::day;
    use super::*;
    use crate::model::Precision;
    use chrono_tz::Europe::Paris;

    #[test]
    fn link_texts() {
        let s = link_text(
            "Les Échos, « La DINUM ouvre ses données »",
            "lesechos.fr",
            Paris,
        );
        assert_eq!(s.outlet.as_deref(), Some("Les Échos"));
        assert_eq!(s.title.as_deref(), Some("La DINUM ouvre ses données"));
        let s = link_text(
            "La DINUM recrute, Le Parisien, 12 mars 2019",
            "leparisien.fr",
            Paris,
        );
        assert_eq!(
            (s.outlet.as_deref(), s.title.as_deref()),
            (Some("Le Parisien"), Some("La DINUM recrute"))
        );
        assert_eq!(day(s.date), "2019-03-12");
        let s = link_text(
            "Acteurs publics, 29 septembre 2023",
            "acteurspublics.fr",
            Paris,
        );
        assert_eq!(
            (s.outlet.as_deref(), s.title),
            (Some("Acteurs publics"), None)
        );
        let s = link_text(
            "Le Monde : l'État recrute des data scientists",
            "lemonde.fr",
            Paris,
        );
        assert_eq!(s.outlet.as_deref(), Some("Le Monde"));
        assert_eq!(
            s.title.as_deref(),
            Some("l'État recrute des data scientists")
        );
        // A title with a colon or comma is not cut without an outlet or date to take out.
        let s = link_text(
            "Transformation numérique : l'État accélère",
            "lemonde.fr",
            Paris,
        );
        assert_eq!(s, Said::default());
        let s = link_text("Numérique, l'État se transforme", "x.fr", Paris);
        assert_eq!(s, Said::default());
        let s = link_text(
            "Ishan Bhojwani : « La refonte »",
            "acteurspublics.fr",
            Paris,
        );
        assert_eq!(s, Said::default());
        let s = link_text("Le Monde d'après : la DINUM", "lemonde.fr", Paris);
        assert_eq!(s.outlet, None);
    }

    #[test]
    fn words_beside_links() {
        let s = beside("", "(Mars 2019)", "lesechos.fr", Paris);
        assert_eq!(day(s.date), "2019-03-01");
        assert_eq!(s.date.unwrap().precision, Precision::Month);
        let s = beside("Le Monde — ", " — 12/03/2019", "lemonde.fr", Paris);
        assert_eq!(
            (s.outlet.as_deref(), day(s.date).as_str()),
            (Some("Le Monde"), "2019-03-12")
        );
        let s = beside(
            "",
            ", L'Usine digitale, 1er janv. 2020",
            "usine-digitale.fr",
            Paris,
        );
        assert_eq!(
            (s.outlet.as_deref(), day(s.date).as_str()),
            (Some("L'Usine digitale"), "2020-01-01")
        );
        let s = beside("", " (31 février 2024)", "a.fr", Paris);
        assert_eq!(
            (s.date, s.bad_date.as_deref()),
            (None, Some("31 février 2024"))
        );
        let s = beside(
            "Neuf projets ont été accompagnés en 2022, dont ",
            ".",
            "a.fr",
            Paris,
        );
        assert_eq!(s.outlet, None);
        let s = beside("", " [Lire l'article]", "a.fr", Paris);
        assert_eq!(s.outlet, None);
        for after in [
            " — Interview de Henri Verdier — 12 mars 2019",
            " — Par Jean Dupont, 12 mars 2019",
            " (Vidéo, 3 min, 12 mars 2019)",
            " (in French, 12 mars 2019)",
        ] {
            let s = beside("", after, "a.fr", Paris);
            assert_eq!(
                (s.outlet, day(s.date).as_str()),
                (None, "2019-03-12"),
                "{after}"
            );
        }
        let s = beside("", " — 01net — 17 mars 2019", "01net.com", Paris);
        assert_eq!(s.outlet.as_deref(), Some("01net"));
        let s = beside("", " (publié le 2019-03-12)", "a.fr", Paris);
        assert_eq!(day(s.date), "2019-03-12");
        let s = beside("", " — March 12, 2019", "a.fr", Paris);
        assert_eq!(day(s.date), "2019-03-12", "{s:?}");
    }
}
