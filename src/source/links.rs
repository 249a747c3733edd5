//! Checks of the links a release's text writes, with their line: what the renderers will
//! silently read differently from what the author probably meant.

use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::web::url::{LinkKind, classify, resolve};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::Path;

/// A warning for each Markdown link or image of `markdown` written as a host name without
/// its scheme (`www.example.fr/x`): a browser on the site would open a page of the site.
/// `first_line` is the file line of the text's first line.
pub(crate) fn check(
    rel: &Path,
    markdown: &str,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        let line = first_line + markdown[..range.start].matches('\n').count();
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                check_one(rel, dest_url, line, diagnostics)
            }
            // Raw HTML links (`<a href="www.x.fr">`) reach the feeds the same way.
            Event::Html(html) | Event::InlineHtml(html) => {
                for dest in html.split("href=").skip(1).filter_map(attribute_value) {
                    check_one(rel, dest, line, diagnostics);
                }
            }
            _ => {}
        }
    }
}

/// A warning when `dest` (written at `line`) is a host name without its scheme.
pub(crate) fn check_one(rel: &Path, dest: &str, line: usize, diagnostics: &mut Vec<Diagnostic>) {
    if classify(dest) != LinkKind::MissingScheme {
        return;
    }
    let url = resolve(dest, "https://invalid/").unwrap_or_default();
    diagnostics.push(
        Diagnostic::warning(
            rel,
            Problem::LinkWithoutScheme {
                dest: dest.trim().to_string(),
                url: url.clone(),
            },
        )
        .at(line, 0)
        .hint(Message::new("hint-whole-address").arg("url", url)),
    );
}

/// The value of an attribute from the text right after its `=`: quoted or bare.
fn attribute_value(after: &str) -> Option<&str> {
    let quote = after.chars().next()?;
    if quote == '"' || quote == '\'' {
        after[1..].split(quote).next()
    } else {
        after.split([' ', '>']).next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_without_scheme_are_reported_on_their_line() {
        let text = "Intro.\n\nVoir [le site](www.example.fr/x) et [ici](/uploads/a.pdf).\n\n![logo](https://x.fr/l.png) [b](beta.gouv.fr)\n\n<p><a href=\"www.legifrance.gouv.fr\">l</a> <a href='/x'>y</a></p>\n";
        let mut d = Vec::new();
        check(Path::new("c.md"), text, 5, &mut d);
        assert_eq!(d.len(), 3, "{d:#?}");
        assert_eq!(d[2].line, 11);
        assert_eq!(d[0].line, 7);
        assert_eq!(
            d[0].problem,
            Problem::LinkWithoutScheme {
                dest: "www.example.fr/x".into(),
                url: "https://www.example.fr/x".into()
            }
        );
        assert!(!d[0].is_error());
        assert_eq!(d[1].line, 9);
    }
}
