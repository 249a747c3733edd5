//! Characters XML 1.0 cannot carry, in one set for the reader, the feeds and the PDF's XMP.
//! atom_syndication and rss write strings raw, so a control character in a title would
//! make the whole feed unreadable: strip them first.

use std::borrow::Cow;

/// True for characters that must not reach a feed: those outside XML 1.0's `Char`
/// production (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF) and the C1 controls,
/// which XML 1.0 §2.2 discourages and feed validators flag.
pub fn is_unwanted(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` without the characters XML cannot carry; borrows when nothing had to go.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unwanted) {
        Cow::Owned(text.chars().filter(|&c| !is_unwanted(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `clean` for owned strings, handy at the end of a rendering chain.
pub fn clean_owned(text: String) -> String {
    match clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_controls_and_nonchars_keeps_whitespace_and_text() {
        let dirty = "a\u{1}b\u{8}c\u{b}d\u{c}e\u{1f}f\u{fffe}g\u{ffff}h\u{85}i\t\n\r é 🎉";
        assert_eq!(clean(dirty), "abcdefghi\t\n\r é 🎉");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("Communiqué « ok »"), Cow::Borrowed(_)));
    }
}
