//! Random mixtures of every shape the renderer knows. The time per page of a document using
//! every feature is `cargo bench --bench pdf_page`.

use crate::support::pdf::*;
use communique::Config;
use communique::pdf::{self, Assets, PdfError};

/// Random mixtures of every Markdown and HTML shape the renderer knows (tables, unclosed HTML,
/// notes without definitions, scripts, right-to-left text, …) render and pass krilla's
/// PDF/A-2a + PDF/UA-1 validation, or are refused for a missing glyph: never another error.
#[test]
fn random_mixtures_render_and_validate() {
    let pieces = [
        "| a | b |\n|---|--:|\n| 1 | 2 |\n",
        "<table><tr><td>x<td>y<tr><th>z</table>",
        "note[^1]",
        "[^1]: def **gras**\n",
        "[^x]: orphan\n",
        "```\ncode\t tab\n```\n",
        "<div><a href='https://x.fr'>l</a>",
        "</div>",
        "<sup>",
        "</sup>",
        "![alt](img.png)",
        "<img src=x>",
        "\"quote",
        "'",
        "--",
        "...",
        "3 000 €",
        "M. ",
        "https://a.b/c-d_e?f&g",
        "# H1\n",
        "#### H4\n",
        "> q\n",
        "- li\n",
        "1. n\n",
        "\n\n",
        " mot ",
        "«",
        "»",
        "1er",
        "<script>",
        "</script>",
        "<b>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "\u{202e}",
        "Ελλάδα",
        "ש",
        "ا",
        "**",
        "*",
        "`c`",
        "<br>",
        "[l](#)",
        "[l](https://é.fr/é)",
        "|",
        "---\n",
        "<th>",
        "<tr>",
        "<td>",
        "<!-- c -->",
        "<p>",
        "[^",
        "]:",
        "\t",
    ];
    let config = Config::default();
    let assets = Assets::load(&config.pdf).unwrap();
    let dir = releases("mixtures");
    let mut entry = load(&dir, "", "x");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut rendered, mut refused) = (0, 0);
    for _ in 0..200 {
        let mut body = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            body.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        entry.body = body.clone();
        match pdf::render_in(&entry, &config, &assets, &dir) {
            Ok(r) => {
                assert!(r.bytes.starts_with(b"%PDF-"), "{body:?}");
                rendered += 1;
            }
            // Refused only for characters the body really holds, each named.
            Err(PdfError::MissingGlyphs { chars }) => {
                assert!(
                    !chars.is_empty() && chars.chars().all(|c| body.contains(c)),
                    "missing glyphs {chars:?} for\n{body:?}"
                );
                refused += 1;
            }
            Err(e) => panic!("{e}\n{body:?}"),
        }
    }
    eprintln!("{rendered} mixtures rendered, {refused} refused for a missing glyph");
    // A renderer that refused everything would pass the match above. Today every mixture
    // renders (the fonts cover every piece's script); most must.
    assert!(rendered >= 100, "only {rendered} of 200 mixtures rendered");
}
