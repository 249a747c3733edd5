//! French typography of prose, applied at layout (the model keeps the text as written): quotes,
//! apostrophes, dashes, ellipsis, no-break spaces in numbers, before units and after
//! abbreviations, superscript ordinals. Characters whose style is protected (code, addresses)
//! are left exactly as typed. No maintained crate does French rules (the `typographic` family
//! targets English quotes), so the rules live here, one function each.

use super::french::{NBSP, NNBSP, Styled};

/// Style bit: the character belongs to a web or e-mail address (no typography, no hyphens).
pub(super) const URL: u32 = 1 << 31;
/// Style bit: the character is set as a superscript (ordinal suffix).
pub(super) const SUP: u32 = 1 << 30;
/// The style index without the bits above.
pub(super) const STYLE: u32 = !(URL | SUP);

/// Applies every rule to the characters for which `protected(style)` is false.
pub(super) fn apply(chars: &mut Vec<Styled>, protected: impl Fn(u32) -> bool) {
    let kept = |p: &Styled| p.style & URL != 0 || protected(p.style & STYLE);
    let mut out: Vec<Marked> = chars
        .iter()
        .map(|&styled| Marked {
            styled,
            kept: kept(&styled),
        })
        .collect();
    punctuation(&mut out);
    quotes(&mut out);
    spaces(&mut out);
    ordinals(&mut out);
    *chars = out.into_iter().map(|m| m.styled).collect();
}

/// A character and whether typography leaves it as typed (code, addresses).
#[derive(Debug, Clone, Copy)]
struct Marked {
    styled: Styled,
    kept: bool,
}

impl Marked {
    /// A character a rule wrote: later rules may still change it.
    const fn made(c: char, style: u32) -> Marked {
        Marked {
            styled: Styled::new(c, style),
            kept: false,
        }
    }
}

fn ch(v: &[Marked], i: usize) -> Option<char> {
    v.get(i).map(|p| p.styled.c)
}

/// `...` → `…`, `---` → `—`, `--` → `–`, `'` → `’` (`‘` when it opens a quote).
fn punctuation(v: &mut Vec<Marked>) {
    let mut out: Vec<Marked> = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let Marked { styled, kept } = v[i];
        let free = |n: usize| (i..i + n).all(|k| v.get(k).is_some_and(|p| !p.kept));
        if !kept
            && styled.c == '.'
            && free(3)
            && ch(v, i + 1) == Some('.')
            && ch(v, i + 2) == Some('.')
        {
            out.push(Marked::made('…', styled.style));
            i += 3;
            while ch(v, i) == Some('.') && !v[i].kept {
                i += 1;
            }
            continue;
        }
        if !kept && styled.c == '-' && free(2) && ch(v, i + 1) == Some('-') {
            if ch(v, i + 2) == Some('-') && free(3) {
                out.push(Marked::made('—', styled.style));
                i += 3;
            } else {
                out.push(Marked::made('–', styled.style));
                i += 2;
            }
            continue;
        }
        if !kept && styled.c == '\'' {
            // An apostrophe, or a closing single quote; after a space, an opening one.
            let after_space = out
                .last()
                .is_none_or(|p| p.styled.c.is_whitespace() || "(«“".contains(p.styled.c));
            let opens = after_space && ch(v, i + 1).is_some_and(char::is_alphanumeric);
            out.push(Marked::made(if opens { '‘' } else { '’' }, styled.style));
            i += 1;
            continue;
        }
        out.push(v[i]);
        i += 1;
    }
    *v = out;
}

/// Straight double quotes by French rules: « … » outside, “ … ” nested. A quote opens after a
/// space, a line start or an opening bracket; otherwise it closes the innermost open quote.
fn quotes(v: &mut [Marked]) {
    let mut depth = 0usize;
    for i in 0..v.len() {
        if v[i].kept || v[i].styled.c != '"' {
            // Typed guillemets count as a level, so a quote inside them nests.
            match v[i].styled.c {
                '«' => depth += 1,
                '»' => depth = depth.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        let before = if i == 0 { None } else { ch(v, i - 1) };
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{—–'’\u{2060}".contains(b))
            || (depth == 0
                && ch(v, i + 1).is_some_and(char::is_alphanumeric)
                && before.is_none_or(|b| !b.is_alphanumeric()));
        let c = if opens {
            depth += 1;
            if depth == 1 { '«' } else { '“' }
        } else if depth == 0 {
            // A closing quote with nothing open: most likely an opening one after a symbol.
            depth = 1;
            '«'
        } else {
            depth -= 1;
            if depth == 0 { '»' } else { '”' }
        };
        v[i].styled.c = c;
    }
}

/// Words after which a no-break space keeps the next word on the same line.
const ABBREVIATIONS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "n°", "N°", "p.", "pp.",
    "art.", "St", "Ste", "chap.", "vol.", "fig.",
];

/// Words after a number that stay with it (and the months, `12 mars`).
const UNITS: &[&str] = &[
    "€",
    "%",
    "‰",
    "$",
    "£",
    "h",
    "min",
    "s",
    "ms",
    "km",
    "m",
    "cm",
    "mm",
    "m²",
    "m³",
    "km²",
    "kg",
    "g",
    "t",
    "l",
    "L",
    "ml",
    "Mo",
    "Go",
    "To",
    "ko",
    "Ko",
    "Gb",
    "Mb",
    "kW",
    "MW",
    "GW",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "°C",
    "°",
    "M€",
    "Md€",
    "k€",
    "€HT",
    "€TTC",
    "ans",
    "an",
    "mois",
    "jours",
    "jour",
    "heures",
    "heure",
    "minutes",
    "semaines",
    "semaine",
    "millions",
    "million",
    "milliards",
    "milliard",
    "euros",
];

/// The word (letters, digits and the given extra characters) starting at `i`.
fn word_at(v: &[Marked], i: usize) -> String {
    v[i..]
        .iter()
        .take_while(|p| {
            !p.kept && !p.styled.c.is_whitespace() && !",;:!?()«»\"“”".contains(p.styled.c)
        })
        .map(|p| p.styled.c)
        .collect()
}

/// The word ending just before `i` (exclusive).
fn word_before(v: &[Marked], i: usize) -> String {
    let start = v[..i]
        .iter()
        .rposition(|p| p.kept || p.styled.c.is_whitespace() || "(«\"“".contains(p.styled.c))
        .map_or(0, |p| p + 1);
    v[start..i].iter().map(|p| p.styled.c).collect()
}

/// No-break spaces: inside digit groups (`3 000` → thin), between a number and its unit or
/// month, and after abbreviations (`M. Dupont`, `n° 12`).
fn spaces(v: &mut [Marked]) {
    for i in 1..v.len().saturating_sub(1) {
        if v[i].kept || v[i].styled.c != ' ' {
            continue;
        }
        let prev = v[i - 1].styled.c;
        let before = word_before(v, i);
        let after = word_at(v, i + 1);
        if prev.is_ascii_digit() {
            let group = before
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count();
            let whole_number = before
                .chars()
                .all(|c| c.is_ascii_digit() || c == '\u{202F}');
            let next3 = after.len() >= 3
                && after.chars().take(3).all(|c| c.is_ascii_digit())
                && !after.chars().nth(3).is_some_and(|c| c.is_ascii_digit());
            if next3 && group <= 3 && whole_number {
                v[i].styled.c = NNBSP;
                continue;
            }
            let unit = after.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            let month = crate::model::FRENCH_MONTHS.contains(&unit);
            if UNITS.contains(&unit) || month || unit.starts_with('€') || unit.starts_with('%') {
                v[i].styled.c = if matches!(unit, "€" | "%" | "‰") {
                    NNBSP
                } else {
                    NBSP
                };
                continue;
            }
        }
        // "14 h 30": the minutes stay with the hour.
        let hour = before == "h"
            && i >= 3
            && matches!(v[i - 2].styled.c, ' ' | NBSP)
            && v[i - 3].styled.c.is_ascii_digit();
        if hour && after.starts_with(|c: char| c.is_ascii_digit()) {
            v[i].styled.c = NBSP;
            continue;
        }
        if ABBREVIATIONS.contains(&before.as_str()) && !after.is_empty() {
            v[i].styled.c = NBSP;
        }
    }
}

/// Suffixes printed raised after a number: `1er`, `1re`, `2e`, `6ème`, `2nd`.
const ORDINALS: &[&str] = &[
    "er", "re", "ère", "e", "ème", "eme", "es", "èmes", "nd", "nde", "ers", "res",
];

fn ordinals(v: &mut [Marked]) {
    let mut i = 0;
    while i < v.len() {
        if v[i].kept || !v[i].styled.c.is_ascii_digit() {
            i += 1;
            continue;
        }
        // The whole number must stand alone (not "A4e" or "2e3").
        let starts_word = i == 0 || !v[i - 1].styled.c.is_alphanumeric();
        let mut j = i;
        while j < v.len() && v[j].styled.c.is_ascii_digit() {
            j += 1;
        }
        let mut k = j;
        while k < v.len() && v[k].styled.c.is_alphabetic() && !v[k].kept {
            k += 1;
        }
        let suffix: String = v[j..k].iter().map(|p| p.styled.c).collect();
        let ends_word = v.get(k).is_none_or(|p| !p.styled.c.is_alphanumeric());
        if starts_word && ends_word && ORDINALS.contains(&suffix.as_str()) {
            for p in &mut v[j..k] {
                p.styled.style |= SUP;
            }
        }
        i = k.max(i + 1);
    }
}

/// Marks web and e-mail addresses written in prose (`https://…`, `www.…`, `nom@domaine.fr`)
/// so typography and hyphenation leave them whole; trailing punctuation stays prose.
pub(super) fn mark_addresses(chars: &mut [Styled]) {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].c.is_whitespace() {
            i += 1;
        }
        let mut end = i;
        while end > start && ".,;:!?)»\"'’".contains(chars[end - 1].c) {
            end -= 1;
        }
        let mut begin = start;
        while begin < end && "(«\"'“".contains(chars[begin].c) {
            begin += 1;
        }
        let word: String = chars[begin..end].iter().map(|p| p.c).collect();
        if is_address(&word) {
            for p in &mut chars[begin..end] {
                p.style |= URL;
            }
        }
    }
}

fn is_address(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:") {
        return true;
    }
    // nom@domaine.tld
    if let Some((user, host)) = w.split_once('@') {
        return !user.is_empty() && is_host(host);
    }
    // domaine.tld/chemin, as link texts often show addresses.
    let host = w.split('/').next().unwrap_or("");
    is_host(host)
}

/// `numerique.gouv.fr`: labels of letters, digits and hyphens, a lower-case final label of
/// 2 to 6 letters (so "M.Dupont" or "p.12" are not hosts).
fn is_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
#[path = "typo_tests.rs"]
mod tests;
