//! Folding text for comparisons and slugs: `L’État` and `l'Etat` are one key. Letters are
//! spelled in ASCII by deunicode (é → e, œ → oe, ß → ss, a decomposed `e` + U+0301 → e),
//! lower-cased, and every run of anything else (spaces, no-break spaces, apostrophes,
//! punctuation, symbols) becomes one separator.

use std::borrow::Cow;

/// The comparison key of `text`: ASCII lower-case letters and digits, words separated by
/// one space, none at either end. Borrows when `text` is already folded (the common case
/// for keys and labels), so comparing in a loop costs no allocation.
pub fn fold(text: &str) -> Cow<'_, str> {
    if is_folded(text, b' ') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    fold_into(text, ' ', &mut out);
    Cow::Owned(out)
}

/// Appends the folded `text` to `out`, words separated by `separator`: for callers that
/// fold many lines into one reused buffer, and for slugs (`-`).
pub fn fold_into(text: &str, separator: char, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    let push = |c: char, gap: &mut bool, out: &mut String| {
        if *gap && out.len() > start {
            out.push(separator);
        }
        *gap = false;
        out.push(c.to_ascii_lowercase());
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            push(c, &mut gap, out);
        } else if c.is_ascii() {
            gap = true;
        } else {
            match deunicode::deunicode_char(c) {
                // Combining accents, soft hyphens: part of the word they sit in.
                Some("") => {}
                Some(ascii) if c.is_alphanumeric() => {
                    for a in ascii.chars() {
                        if a.is_ascii_alphanumeric() {
                            push(a, &mut gap, out);
                        } else {
                            gap = true;
                        }
                    }
                }
                // Symbols, emoji, spaces of any width and unknown characters separate words.
                _ => gap = true,
            }
        }
    }
}

/// True when folding `text` would give `text` back.
fn is_folded(text: &str, separator: u8) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&separator)
        && bytes.last() != Some(&separator)
        && !bytes
            .windows(2)
            .any(|w| w[0] == separator && w[1] == separator)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(
            fold("L’État, “profils atypiques”"),
            "l etat profils atypiques"
        );
        assert_eq!(
            fold("L'Etat, \"profils  atypiques\" !"),
            "l etat profils atypiques"
        );
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn french_words_ligatures_and_spaces_fold_alike() {
        // Ligatures, capitals with accents, ß.
        assert_eq!(fold("Cœur Æther ÇA straße"), "coeur aether ca strasse");
        // Decomposed accents (macOS file names, some CMS exports) fold like composed ones.
        assert_eq!(fold("E\u{301}te\u{301}"), fold("Été"));
        // No-break spaces (U+00A0, U+202F) and typographic apostrophes separate words.
        assert_eq!(
            fold("Communiqué\u{a0}de\u{202f}presse"),
            "communique de presse"
        );
        assert_eq!(fold("aujourd’hui"), fold("aujourd'hui"));
        // A soft hyphen sits inside a word.
        assert_eq!(fold("numé\u{ad}rique"), "numerique");
        // Letters outside the Latin alphabet still give a usable key; symbols do not.
        assert_eq!(fold("Łódź ø"), "lodz o");
        assert_eq!(fold("🎉 « »"), "");
    }

    #[test]
    fn folded_text_is_borrowed() {
        assert!(matches!(fold("communique de presse"), Cow::Borrowed(_)));
        assert!(matches!(fold("Communique"), Cow::Owned(_)));
        assert!(matches!(fold("a  b"), Cow::Owned(_)));
        assert_eq!(fold(" a "), "a");
    }

    #[test]
    fn fold_into_appends_with_the_separator() {
        let mut buffer = String::from("x:");
        fold_into("Revue de presse", '-', &mut buffer);
        assert_eq!(buffer, "x:revue-de-presse");
    }
}
