//! Checks of the links a release's text writes, with their line: what the renderers will
//! silently read differently from what the author probably meant.

use crate::diagnostic::{Diagnostic, Problem};
use crate::web::url::{LinkKind, classify, resolve};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::Path;

/// A warning for each Markdown link or image of `markdown` written as a host name without
/// its scheme (`www.example.fr/x`): a browser on the site would open a page of the site.
/// `first_line` is the file line of the text's first line.
pub fn check(rel: &Path, markdown: &str, first_line: usize, diagnostics: &mut Vec<Diagnostic>) {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if classify(dest) != LinkKind::MissingScheme {
            continue;
        }
        let line = first_line + markdown[..range.start].matches('\n').count();
        let url = resolve(dest, "https://invalid/").unwrap_or_default();
        diagnostics.push(
            Diagnostic::warning(
                rel,
                Problem::LinkWithoutScheme {
                    dest: dest.to_string(),
                    url: url.clone(),
                },
            )
            .at(line, 0)
            .hint(format!("write the whole address: `{url}`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_without_scheme_are_reported_on_their_line() {
        let text = "Intro.\n\nVoir [le site](www.example.fr/x) et [ici](/uploads/a.pdf).\n\n![logo](https://x.fr/l.png) [b](beta.gouv.fr)\n";
        let mut d = Vec::new();
        check(Path::new("c.md"), text, 5, &mut d);
        assert_eq!(d.len(), 2, "{d:#?}");
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
