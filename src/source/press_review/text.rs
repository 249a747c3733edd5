//! Plain text of the fragments the page scanner cuts out (link texts, headings).

/// Plain text of a Markdown/HTML fragment as it appears in a link or heading:
/// emphasis markers, escapes and tags removed, whitespace runs collapsed
/// (no-break spaces kept, they are typography).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_tag = false;
    while let Some(c) = chars.next() {
        match c {
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
            {
                in_tag = true;
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '\\' => {
                if let Some(n) = chars.next_if(|n| n.is_ascii_punctuation()) {
                    out.push(n);
                } else {
                    out.push(' ');
                }
            }
            '*' => {}
            '_' if out.is_empty()
                || out.ends_with(' ')
                || chars.peek().is_none_or(|n| *n == ' ') => {}
            c if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text() {
        assert_eq!(
            plain("**La  Dinum**\nvise <br>la parité"),
            "La Dinum vise la parité"
        );
        assert_eq!(plain("l\\'Etat"), "l'Etat");
        assert_eq!(plain("data_gouv"), "data_gouv");
    }
}
