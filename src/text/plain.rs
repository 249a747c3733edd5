//! Plain text of Markdown, for recognising and naming things (datelines, leads, outlets,
//! titles) before any renderer runs. Two readers for two inputs: a whole block goes through
//! the CommonMark parser ([`markdown_text`]); a fragment a line scanner cut out goes through
//! [`fragment_text`], where block syntax means nothing. HTML fragments (titles, names) are
//! [`super::html::html_text`]'s.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// The readable text of a Markdown block, read by pulldown-cmark: no markup, links reduced
/// to their text, whitespace collapsed (no-break spaces kept).
pub fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<br") => {
                out.push(' ')
            }
            // `# Le format <title> du HTML`: prose, not markup; it stays in the text.
            Event::InlineHtml(h) if crate::web::prose::is_prose_tag(&h) => out.push_str(&h),
            _ => {}
        }
    }
    out.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text of a Markdown/HTML fragment cut out of a line (a link text, a heading, a table
/// cell): emphasis markers, escapes and tags removed, whitespace runs collapsed (no-break
/// spaces kept, they are typography). No parser: `1. Titre` or `+ de 100` in a fragment is
/// text, not a list, and a half-written `**gras` loses its stars.
pub fn fragment_text(text: &str) -> String {
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
    fn markdown_blocks() {
        assert_eq!(
            markdown_text("**Direction  \ninterministérielle**"),
            "Direction interministérielle"
        );
        assert_eq!(markdown_text("### **TITRE [S]**"), "TITRE [S]");
        assert_eq!(
            markdown_text("Mél : [a@b.fr](mailto:a@b.fr)"),
            "Mél : a@b.fr"
        );
        assert_eq!(
            markdown_text("# Le format <title> du <b>HTML</b>"),
            "Le format <title> du HTML"
        );
        assert_eq!(
            markdown_text("Contact <presse@dinum.fr>"),
            "Contact presse@dinum.fr"
        );
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_text("**La  Dinum**\nvise <br>la parité"),
            "La Dinum vise la parité"
        );
        assert_eq!(fragment_text("l\\'Etat"), "l'Etat");
        assert_eq!(fragment_text("data_gouv"), "data_gouv");
    }

    #[test]
    fn a_fragment_keeps_what_block_syntax_would_eat() {
        assert_eq!(fragment_text("1. Titre"), "1. Titre");
        assert_eq!(markdown_text("1. Titre"), "Titre");
        assert_eq!(fragment_text("+ de 100 startups"), "+ de 100 startups");
    }
}
