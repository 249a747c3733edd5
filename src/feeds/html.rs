//! Markdown (with raw HTML, as the press office writes it) → sanitised HTML fit for a
//! feed: an allowlist of tags, http/https/mailto links only, absolute URLs, `rel="noopener"`.
//! Feed readers render this HTML inside their own pages, so nothing active may survive.

use super::xml_text;
use crate::config::Config;
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashSet;
use url::Url;

/// The one sanitiser for a feed build (ammonia's builder is costly to set up).
pub struct Sanitizer {
    builder: Builder<'static>,
}

impl Sanitizer {
    pub fn new(config: &Config) -> Sanitizer {
        let mut builder = Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener"))
            .strip_comments(true)
            .attribute_filter(|element, attribute, value| {
                // `(#)` and empty links are placeholders left by the CMS: keep the text only.
                let placeholder = value.trim().is_empty() || value.trim() == "#";
                if placeholder && matches!((element, attribute), ("a", "href") | ("img", "src")) {
                    None
                } else {
                    Some(Cow::Borrowed(value))
                }
            });
        match Url::parse(&format!("{}/", config.base_url)) {
            Ok(base) => builder.url_relative(UrlRelative::RewriteWithBase(base)),
            // An unusable base cannot make links absolute: drop relative links instead.
            Err(_) => builder.url_relative(UrlRelative::Deny),
        };
        Sanitizer { builder }
    }

    /// Sanitised HTML, with every XML-invalid character removed.
    pub fn clean(&self, html: &str) -> String {
        let html = xml_text::clean(html);
        xml_text::clean_owned(self.builder.clean(&html).to_string())
    }

    /// Markdown rendered, then sanitised.
    pub fn markdown(&self, markdown: &str) -> String {
        self.clean(&markdown_to_html(markdown))
    }
}

/// Markdown → raw (unsanitised) HTML, without kramdown attribute lists and with `(#)`
/// placeholder links reduced to their text.
pub fn markdown_to_html(markdown: &str) -> String {
    let source = strip_kramdown_ial(&xml_text::clean(markdown)).into_owned();
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(
        &source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) => {
            let placeholder = dest_url.trim().is_empty() || dest_url.trim() == "#";
            dropped_links.push(placeholder);
            !placeholder
        }
        Event::End(TagEnd::Link) => !dropped_links.pop().unwrap_or(false),
        _ => true,
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Removes kramdown inline/block attribute lists (`{: .citation}`, `{:target="_blank"}`,
/// `{::nomarkdown}`), which CommonMark would print as text. Only spans on one line.
pub fn strip_kramdown_ial(text: &str) -> Cow<'_, str> {
    if !text.contains("{:") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{:") {
        let after = &rest[start..];
        let line_end = after.find('\n').unwrap_or(after.len());
        match after[..line_end].find('}') {
            Some(close) => {
                out.push_str(&rest[..start]);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Plain text for titles, categories and names: tags and script/style contents removed,
/// entities decoded, whitespace collapsed. Many readers render RSS titles as HTML, so a
/// `<` that would open a tag becomes `‹`.
pub fn plain_text(text: &str) -> String {
    let cleaned = xml_text::clean(text);
    if !cleaned.contains(['<', '&']) {
        return collapse_whitespace(&cleaned);
    }
    let stripped = Builder::empty().clean(&cleaned).to_string();
    let decoded = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    let mut out = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        let opens_tag = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        out.push(if opens_tag { '‹' } else { c });
    }
    collapse_whitespace(&xml_text::clean(&out))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for an HTML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        Sanitizer::new(&Config::default()).markdown(md)
    }

    #[test]
    fn hostile_markup_is_neutralised() {
        let html = render(concat!(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n",
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <a href=\"&#106;avascript:alert(1)\">z</a> ",
            "<a href=\"data:text/html,<script>alert(1)</script>\">d</a> <a href=\"vbscript:msgbox\">v</a>\n\n",
            "<iframe src=\"https://evil.example\"></iframe><style>body{}</style><object data=x></object>",
            "<p onclick=\"alert(1)\" style=\"color:red\">t</p>"
        ));
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "data:",
            "vbscript:",
            "<iframe",
            "<style",
            "<object",
            "style=",
            "alert(1)</",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains("src=\"https://www.numerique.gouv.fr/x\""),
            "{html}"
        );
    }

    #[test]
    fn links_become_absolute_with_noopener() {
        let html =
            render("[a](/espace-presse/x/) <a href=\"uploads/f.pdf\">f</a> [m](mailto:a@b.fr)");
        assert!(
            html.contains(
                "href=\"https://www.numerique.gouv.fr/espace-presse/x/\" rel=\"noopener\""
            ),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://www.numerique.gouv.fr/uploads/f.pdf\""),
            "{html}"
        );
        assert!(html.contains("href=\"mailto:a@b.fr\""), "{html}");
    }

    #[test]
    fn placeholders_and_kramdown_lists_disappear() {
        let html = render(
            "Voir [le site](#){:target=\"_blank\"} et <a href=\"#\">ici</a>.\n{: .citation}\n",
        );
        assert!(
            !html.contains("href=\"#\"") && !html.contains("{:"),
            "{html}"
        );
        assert!(html.contains("Voir le site et"), "{html}");
        assert_eq!(strip_kramdown_ial("a {: .x} b {:"), "a  b {:");
    }

    #[test]
    fn plain_text_strips_tags_and_controls() {
        assert_eq!(
            plain_text("<script>alert(1)</script>Titre\u{1} <b>gras</b> & co"),
            "Titre gras & co"
        );
        assert_eq!(plain_text("a < b &lt;script&gt;"), "a < b ‹script>");
    }
}
