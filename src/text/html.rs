//! HTML fragments as readable text: what a title, a category or a name written with markup
//! (`L&rsquo;État`, `<b>NEC</b>`, `Le format <title> du HTML`) says, for every renderer.
//! Entities are decoded by html5ever (inside ammonia), the parser the feeds sanitise with
//! and the PDF reads raw HTML with, so `&rsquo;` is ’ everywhere.

use super::xml;
use crate::web::prose::escape_prose_tags;
use ammonia::Builder;

/// The text of `text`: tags and script/style contents removed, entities decoded, breaking
/// white space collapsed (French no-break spaces kept), XML-invalid characters removed.
/// Prose that only looks like a tag (`<title>`, `<presse@dinum.fr>`) is text and stays.
pub fn html_text(text: &str) -> String {
    let cleaned = xml::clean(text);
    let cleaned = escape_prose_tags(&cleaned);
    if !cleaned.contains(['<', '&']) {
        return collapse_whitespace(&cleaned);
    }
    if nesting_depth(&cleaned) > MAX_NESTING {
        return collapse_whitespace(&strip_tags(&cleaned));
    }
    let serialized = Builder::empty().clean(&cleaned).to_string();
    // html5ever decoded every entity while parsing; its serializer escapes only these again.
    let decoded = serialized
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    collapse_whitespace(&xml::clean(&decoded))
}

/// html5ever's tree builder is quadratic in nesting depth (20,000 nested `<div>` take
/// 25 s to sanitise in a debug build). Real releases nest a dozen levels; deeper input is
/// hostile or broken and is published as plain text instead.
pub(crate) const MAX_NESTING: usize = 256;

/// Elements that never take a closing tag, so never deepen the tree.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper estimate of the element nesting depth of `html`, in one linear scan.
pub(crate) fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// The text of `html` with everything between `<` and `>` removed (no parser: linear).
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Runs of breaking white space become one space; no-break spaces (U+00A0, U+202F,
/// U+2007) are French typography (`Ishan Bhojwani : « La refonte »`) and stay.
pub fn collapse_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_tags_and_spaces() {
        assert_eq!(
            html_text("L&rsquo;&Eacute;tat &amp; <b>NEC</b>"),
            "L’État & NEC"
        );
        assert_eq!(html_text("a &lt;b&gt; &#x2019; &#8217;"), "a <b> ’ ’");
        assert_eq!(
            html_text("<script>x()</script>Titre\u{1}  suite"),
            "Titre suite"
        );
        assert_eq!(
            html_text("Le format <title> du <i>HTML</i>"),
            "Le format <title> du HTML"
        );
        assert_eq!(
            html_text("Mot\u{a0}: «\u{202f}x\u{202f}»\n"),
            "Mot\u{a0}: «\u{202f}x\u{202f}»"
        );
        // Hostile nesting: no parser, tags dropped, text kept.
        assert_eq!(html_text(&format!("{}l'État", "<b>".repeat(300))), "l'État");
    }
}
