//! French typography applied at layout time (the model keeps the text as written): dateline,
//! no-break spaces around punctuation and guillemets, hyphenation points, and removal of
//! characters that cannot be printed or extracted back.

/// U+00A0: before `:` and inside « » (a full no-break space, as the Imprimerie nationale asks).
pub(super) const NBSP: char = '\u{A0}';
/// U+202F: the thin no-break space before `; ! ?`.
pub(super) const NNBSP: char = '\u{202F}';
/// U+00AD: a hyphenation opportunity; drawn as a hyphen only at a line end.
pub(super) const SHY: char = '\u{AD}';
/// U+2060: forbids a line break; never drawn.
pub(super) const WJ: char = '\u{2060}';

/// A character with its style: the index of its inline run, and the bits `typo` sets
/// (`URL`, `SUP`). Transformations keep each character's style with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Styled {
    pub c: char,
    pub style: u32,
}

impl Styled {
    pub(super) const fn new(c: char, style: u32) -> Styled {
        Styled { c, style }
    }
}

/// Drops what cannot be drawn or extracted faithfully: control characters (a hard break stays
/// as `\n`), BOM and non-characters, private-use code points (PDF/A-2a forbids them), and
/// collapses runs of spaces the way HTML would.
pub(super) fn sanitize(chars: &mut Vec<Styled>) {
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len());
    for &Styled { c, style: s } in chars.iter() {
        let c = match c {
            '\t' | '\r' => ' ',
            '\n' | '\u{2028}' | '\u{2029}' => '\n',
            _ => c,
        };
        if c != '\n' && (c.is_control() || is_unprintable(c)) {
            continue;
        }
        if c == ' ' && matches!(out.last(), None | Some(Styled { c: ' ' | '\n', .. })) {
            continue;
        }
        if c == '\n' && matches!(out.last(), Some(Styled { c: ' ', .. })) {
            out.pop();
        }
        out.push(Styled::new(c, s));
    }
    while matches!(out.last(), Some(Styled { c: ' ' | '\n', .. })) {
        out.pop();
    }
    *chars = out;
}

/// Code as written: tabs become four spaces, spaces are kept, only what cannot be drawn or
/// extracted is dropped.
pub(super) fn sanitize_code(chars: &mut Vec<Styled>) {
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len());
    for &Styled { c, style: s } in chars.iter() {
        match c {
            '\t' => out.extend([Styled::new(' ', s); 4]),
            '\r' => {}
            '\n' => out.push(Styled::new('\n', s)),
            c if c.is_control() || is_unprintable(c) => {}
            c => out.push(Styled::new(c, s)),
        }
    }
    while matches!(out.last(), Some(Styled { c: '\n', .. })) {
        out.pop();
    }
    *chars = out;
}

/// Removes the hyphenation points of the word holding the soft hyphen at byte `at` of `text`
/// (the string built from `chars`). False when there was none to remove.
pub(super) fn unhyphenate_at(chars: &mut Vec<Styled>, text: &str, at: usize) -> bool {
    let index = text.get(..at).map(|t| t.chars().count());
    let Some(i) = index.filter(|&i| chars.get(i).is_some_and(|p| p.c == SHY)) else {
        return false;
    };
    let in_word = |p: &Styled| p.c == SHY || p.c.is_alphabetic();
    let start = chars[..i]
        .iter()
        .rposition(|p| !in_word(p))
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|p| !in_word(p))
        .map_or(chars.len(), |p| i + p);
    let before = chars.len();
    let mut k = 0;
    chars.retain(|p| {
        let drop = (start..end).contains(&k) && p.c == SHY;
        k += 1;
        !drop
    });
    chars.len() < before
}

/// What the PDF never draws nor puts in its metadata; XML's own limits are
/// [`crate::text::xml`], a subset of this (with [`char::is_control`]).
pub(super) fn is_unprintable(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0xFEFF | 0xFFFE | 0xFFFF | 0xFFFC | 0xFFFD
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF
        | 0xFDD0..=0xFDEF
        // Zero-width format characters and bidi controls: invisible, and they break extraction.
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        // Soft hyphens in the source: we place our own.
        | 0xAD)
        || (u & 0xFFFE) == 0xFFFE
}

/// No-break spaces: `mot :` → `mot\u{A0}:`, `mot ;` → `mot\u{202F};` (also when the space is
/// missing after a letter), `« x »` → `«\u{A0}x\u{A0}»`. URLs, times and ratios (`https://`,
/// `10:30`) are left alone because the punctuation is not followed by a space.
pub(super) fn french_spacing(chars: &mut Vec<Styled>, keep: impl Fn(u32) -> bool) {
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len() + 8);
    let n = chars.len();
    for i in 0..n {
        let Styled { c, style: s } = chars[i];
        if keep(s) {
            out.push(Styled::new(c, s));
            continue;
        }
        let next = chars.get(i + 1).map(|p| p.c);
        let ends_clause = next.is_none_or(|n| n.is_whitespace() || matches!(n, '»' | ')' | '"'));
        match c {
            ':' | ';' | '!' | '?' if ends_clause => {
                let space = if c == ':' { NBSP } else { NNBSP };
                match out.last().map(|p| p.c) {
                    Some(' ') => {
                        if let Some(last) = out.last_mut() {
                            last.c = space;
                        }
                    }
                    // "Tél:" → "Tél :" but "?!" and "!!" stay tight.
                    Some(p) if p.is_alphanumeric() || p == '»' || p == ')' => {
                        out.push(Styled::new(space, s))
                    }
                    _ => {}
                }
                out.push(Styled::new(c, s));
            }
            '«' => {
                out.push(Styled::new(c, s));
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(Styled::new(NBSP, s));
                }
            }
            ' ' if matches!(out.last(), Some(Styled { c: '«', .. })) => {
                out.push(Styled::new(NBSP, s))
            }
            '»' => {
                match out.last().map(|p| p.c) {
                    Some(' ') => {
                        if let Some(last) = out.last_mut() {
                            last.c = NBSP;
                        }
                    }
                    Some(p) if p != NBSP && p != '\n' => out.push(Styled::new(NBSP, s)),
                    _ => {}
                }
                out.push(Styled::new(c, s));
            }
            _ => out.push(Styled::new(c, s)),
        }
    }
    *chars = out;
}

/// Inserts soft hyphens at French hyphenation points (hypher, TeX patterns) in ordinary
/// words. Skipped: short words, words in capitals (acronyms, titles), very long "words"
/// (identifiers, hostile input; those wrap anywhere instead), and characters of styles for
/// which `skip(style)` is true (links, whose text is often a URL).
pub(super) fn hyphenate(chars: &mut Vec<Styled>, skip: impl Fn(u32) -> bool) {
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len() + chars.len() / 8);
    let mut i = 0;
    let mut word = String::new();
    while i < chars.len() {
        if !chars[i].c.is_alphabetic() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].c.is_alphabetic() {
            i += 1;
        }
        let run = &chars[start..i];
        let len = run.len();
        let caps = run.iter().filter(|p| p.c.is_uppercase()).count();
        let linked = run.iter().any(|p| skip(p.style));
        // French patterns for Latin-script words only.
        let latin = run.iter().all(|p| (p.c as u32) < 0x250);
        if !(6..=40).contains(&len) || caps > 1 || linked || !latin {
            out.extend_from_slice(run);
            continue;
        }
        word.clear();
        word.extend(run.iter().map(|p| p.c));
        let mut k = 0;
        for (n, syllable) in hypher::hyphenate(&word, hypher::Lang::French).enumerate() {
            if n > 0 {
                out.push(Styled::new(SHY, run[k].style));
            }
            for _ in syllable.chars() {
                if let Some(&p) = run.get(k) {
                    out.push(p);
                }
                k += 1;
            }
        }
        // Defensive: hypher returns the word in full, but never lose a character.
        if k < len {
            out.extend_from_slice(&run[k..]);
        }
    }
    *chars = out;
}

/// U+200B: a line-break opportunity; never drawn.
pub(super) const ZWSP: char = '\u{200B}';

/// An address (`https://…`, `nom@domaine.fr`) breaks only after `/ . _ ? &`, never inside
/// its scheme, and never with an inserted hyphen: a reader retyping it from paper must not
/// meet a hyphen that is not in the address. `is_address(style)` tells its characters.
pub(super) fn break_addresses(chars: &mut Vec<Styled>, is_address: impl Fn(u32) -> bool) {
    if !chars.iter().any(|p| is_address(p.style)) {
        return;
    }
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        if !is_address(chars[i].style) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_address(chars[i].style) {
            i += 1;
        }
        let run = &chars[start..i];
        let text: String = run.iter().map(|p| p.c).collect();
        // No break before the end of `https://` or `mailto:`.
        let scheme = text
            .find("://")
            .map(|p| text[..p + 3].chars().count())
            .or_else(|| text.find(':').filter(|&p| p < 8).map(|p| p + 1))
            .unwrap_or(0);
        for (k, &Styled { c, style: s }) in run.iter().enumerate() {
            out.push(Styled::new(c, s));
            if k + 1 == run.len() {
                break;
            }
            let next = run[k + 1].c;
            // Not after `-`: text extractors take a hyphen at a line end for a word break
            // and drop it, so the address would not extract back whole.
            let point = k + 1 > scheme
                && matches!(c, '/' | '.' | '_' | '?' | '&')
                && !matches!(next, '/' | '.' | '_' | '?' | '&');
            out.push(Styled::new(if point { ZWSP } else { WJ }, s));
        }
    }
    *chars = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(s: &str) -> Vec<Styled> {
        s.chars().map(|c| Styled::new(c, 0)).collect()
    }
    fn text(v: &[Styled]) -> String {
        v.iter().map(|p| p.c).collect()
    }

    #[test]
    fn spacing() {
        let mut v = styled("Tél : 01 ; « une stratégie » et https://x.fr 10:30 Quoi? Oui !");
        french_spacing(&mut v, |_| false);
        assert_eq!(
            text(&v),
            "Tél\u{A0}: 01\u{202F}; «\u{A0}une stratégie\u{A0}» et https://x.fr 10:30 Quoi\u{202F}? Oui\u{202F}!"
        );
    }

    #[test]
    fn hyphenation_points() {
        let mut v = styled("intervenant DINUM Transformation");
        hyphenate(&mut v, |_| false);
        let t = text(&v);
        assert!(t.contains('\u{AD}'));
        assert!(t.contains("DINUM"));
        assert_eq!(t.replace('\u{AD}', ""), "intervenant DINUM Transformation");
    }
}
