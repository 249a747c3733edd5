//! Markdown (with raw HTML, as the press office writes it) → sanitised HTML fit for a
//! feed: an allowlist of tags, http/https/mailto links only, absolute URLs, `rel="noopener"`.
//! Feed readers render this HTML inside their own pages, so nothing active may survive.

use crate::config::Config;
use crate::text::html::{MAX_NESTING, html_text, nesting_depth, strip_tags};
use crate::text::xml;
use crate::web::prose::escape_prose_tags;
use crate::web::url::resolve;
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

/// The one sanitiser for a feed build (ammonia's builder is costly to set up).
pub(super) struct Sanitizer {
    builder: Builder<'static>,
    /// The site's home: the page of text that names no page of its own.
    home: String,
}

thread_local! {
    /// The page the HTML being cleaned on this thread sits on. ammonia's URL hooks are
    /// fixed when the (costly) builder is made, so the per-entry page travels here, set
    /// by [`Sanitizer::clean_at`] around its synchronous call.
    static PAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

impl Sanitizer {
    pub(super) fn new(config: &Config) -> Sanitizer {
        let mut builder = Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener"))
            .strip_comments(true)
            .attribute_filter(|element, attribute, value| {
                let is_url = matches!(attribute, "href" | "src" | "cite" | "longdesc");
                // `(#)` and empty links are placeholders left by the CMS: keep the text only.
                let placeholder = value.trim().is_empty() || value.trim() == "#";
                if placeholder && matches!((element, attribute), ("a", "href") | ("img", "src")) {
                    None
                } else if is_url && starts_with_active_scheme(value) {
                    // ammonia would drop it too; dropping here keeps `defuse_schemes` from
                    // turning it into a harmless-looking relative link.
                    None
                } else if is_url {
                    // Every URL through the one resolver feeds and PDFs share: absolute
                    // against the entry's own page, ASCII-only; refused ones are dropped.
                    let url = PAGE.with(|page| resolve(value, &page.borrow()))?;
                    Some(Cow::Owned(defuse_schemes(&url, "%3A").into_owned()))
                } else {
                    Some(defuse_schemes(value, WORD_JOINER_COLON))
                }
            });
        // ammonia checks schemes before the filter runs: let relative URLs through to the
        // filter, which makes every one it keeps absolute.
        builder.url_relative(UrlRelative::PassThrough);
        Sanitizer {
            builder,
            home: format!("{}/", config.base_url),
        }
    }

    /// [`Sanitizer::clean_at`] the site's home page (text that belongs to no entry page).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn clean(&self, html: &str) -> String {
        self.clean_at(html, &self.home)
    }

    /// Sanitised HTML of text shown on the page `page` (relative links resolve against
    /// it), with every XML-invalid character removed and active URL schemes defused.
    pub(super) fn clean_at(&self, html: &str, page: &str) -> String {
        let previous = PAGE.with(|p| std::mem::replace(&mut *p.borrow_mut(), page.to_string()));
        let cleaned = self.clean_here(html);
        PAGE.with(|p| *p.borrow_mut() = previous);
        cleaned
    }

    fn clean_here(&self, html: &str) -> String {
        let html = xml::clean(html);
        let cleaned = if nesting_depth(&html) > MAX_NESTING {
            format!("<p>{}</p>", escape(&strip_tags(&html)))
        } else {
            xml::clean_owned(self.builder.clean(&html).to_string())
        };
        defuse_schemes(&cleaned, WORD_JOINER_COLON).into_owned()
    }

    /// Markdown rendered, then sanitised, as on the site's home page.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn markdown(&self, markdown: &str) -> String {
        self.clean(&markdown_to_html(markdown))
    }

    /// Markdown shown on the page `page`, rendered, then sanitised.
    pub(super) fn markdown_at(&self, markdown: &str, page: &str) -> String {
        self.clean_at(&markdown_to_html(markdown), page)
    }
}

/// Markdown → raw (unsanitised) HTML, with `(#)` placeholder links reduced to their text.
/// Kramdown attribute lists are gone already: `source` cleans every Markdown it reads.
pub(super) fn markdown_to_html(markdown: &str) -> String {
    let source = xml::clean(markdown);
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
    })
    // `Le format <title> du HTML` is prose: only real markup reaches the sanitiser as HTML.
    .map(|event| match event {
        Event::Html(html) => Event::Html(escape_prose_tags(&html).into_owned().into()),
        Event::InlineHtml(html) => Event::InlineHtml(escape_prose_tags(&html).into_owned().into()),
        other => other,
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Plain text for titles, categories and names: [`html_text`] (tags and script/style
/// contents removed, entities decoded, whitespace collapsed), made safe for feed readers.
/// Many render RSS titles as HTML, so a `<` that would open a tag becomes `‹`.
pub(super) fn plain_text(text: &str) -> String {
    let text = html_text(text);
    if !text.contains('<') {
        return defuse_schemes(&text, WORD_JOINER_COLON).into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_tag = false;
    while let Some(c) = chars.next() {
        let opens_tag = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        // `Contact <presse@dinum.fr>` reads `Contact ‹presse@dinum.fr›`: both ends turn.
        let closes_tag = in_tag && c == '>';
        in_tag = (in_tag || opens_tag) && !closes_tag;
        out.push(match c {
            _ if opens_tag => '‹',
            _ if closes_tag => '›',
            c => c,
        });
    }
    defuse_schemes(&out, WORD_JOINER_COLON).into_owned()
}

/// URL schemes that run code or smuggle documents; they must not appear anywhere in a
/// feed, not even as text, since some readers turn text that looks like a URL into a link.
const ACTIVE_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// A word joiner before the colon: invisible, and no longer a URL scheme.
const WORD_JOINER_COLON: &str = "\u{2060}:";

fn starts_with_active_scheme(url: &str) -> bool {
    // Browsers ignore ASCII whitespace and controls inside a scheme ("java\tscript:").
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ACTIVE_SCHEMES.iter().any(|s| squeezed.starts_with(s))
}

/// Replaces the colon of every `javascript:`, `vbscript:` and `data:` (any case) by `colon`.
pub(super) fn defuse_schemes<'a>(text: &'a str, colon: &str) -> Cow<'a, str> {
    let lower = text.to_ascii_lowercase();
    if !ACTIVE_SCHEMES.iter().any(|s| lower.contains(s)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    let mut at = 0;
    while at < lower.len() {
        let found = ACTIVE_SCHEMES.iter().find(|s| lower[at..].starts_with(**s));
        match found {
            Some(scheme) => {
                let colon_at = at + scheme.len() - 1;
                out.push_str(&text[last..colon_at]);
                out.push_str(colon);
                last = colon_at + 1;
                at = last;
            }
            // Advance by a whole character: `lower` and `text` share byte offsets
            // (ASCII lowercasing) and must only be sliced on char boundaries.
            None => at += lower[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// Escapes text for an HTML element or a double-quoted attribute.
pub(super) fn escape(text: &str) -> String {
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
    fn absurd_nesting_is_flattened_quickly() {
        assert_eq!(
            nesting_depth("<div><p>a<br><img src=x/></p><p>b</p></div>"),
            2
        );
        let html = render(&format!(
            "{}x{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        ));
        assert_eq!(html, "<p>x</p>");
        let html = render(&format!("{}<script>alert(1)</script>", "> ".repeat(20_000)));
        assert!(!html.contains("<script"), "{html}");
        assert!(plain_text(&"<b>".repeat(20_000)).is_empty());
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
        let html = render(&crate::text::clean_markdown(
            "Voir [le site](#){:target=\"_blank\"} et <a href=\"#\">ici</a>.\n{: .citation}\n",
        ));
        assert!(
            !html.contains("href=\"#\"") && !html.contains("{:"),
            "{html}"
        );
        assert!(html.contains("Voir le site et"), "{html}");
    }

    #[test]
    fn plain_text_strips_tags_and_controls() {
        assert_eq!(
            plain_text("<script>alert(1)</script>Titre\u{1} <b>gras</b> & co"),
            "Titre gras & co"
        );
        assert_eq!(plain_text("a < b &lt;script&gt;"), "a < b ‹script›");
        assert_eq!(plain_text("JaVaScRiPt:x"), "JaVaScRiPt\u{2060}:x");
    }

    #[test]
    fn french_text_survives() {
        // No-break spaces of French typography stay; breaking runs collapse.
        assert_eq!(
            plain_text("Ishan Bhojwani\u{a0}: «\u{202f}La  refonte\u{202f}»\n"),
            "Ishan Bhojwani\u{a0}: «\u{202f}La refonte\u{202f}»"
        );
        assert_eq!(
            plain_text("Contact <presse@numerique.gouv.fr>"),
            "Contact ‹presse@numerique.gouv.fr›"
        );
        assert_eq!(
            plain_text("Le format <title> du <b>HTML</b>"),
            "Le format ‹title› du HTML"
        );
        let html = render(
            "Le format <title> du HTML.\n\nLa suite <nom> reste.\n\nÉcrire à <presse@numerique.gouv.fr>.",
        );
        assert!(html.contains("Le format &lt;title&gt; du HTML."), "{html}");
        assert!(html.contains("La suite &lt;nom&gt; reste."), "{html}");
        assert!(
            html.contains("<a href=\"mailto:presse@numerique.gouv.fr\" rel=\"noopener\">presse@numerique.gouv.fr</a>"),
            "{html}"
        );
    }

    #[test]
    fn active_schemes_are_defused_in_text_and_inside_urls() {
        let html = render(
            "JaVaScRiPt:alert(1) é data:text <a href=\"https://x.fr/?u=javascript:1\" title=\"vbscript:x\">l</a> [j](java\tscript:alert(1))",
        );
        assert!(
            !html.to_lowercase().contains("javascript:")
                && !html.contains("data:")
                && !html.contains("vbscript:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://x.fr/?u=javascript%3A1\""),
            "{html}"
        );
        assert!(html.contains("é"), "{html}");
    }
}
