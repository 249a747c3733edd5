//! Random mixtures of every shape the renderer knows; and, ignored, the files to look at and
//! to give veraPDF (written to /tmp) and the time per page of a document using every feature.

use crate::support::pdf::*;
use communique::Config;
use communique::pdf::{self, Assets, PdfError};
use std::path::{Path, PathBuf};

/// The typography torture file, for veraPDF and for looking at: `cargo test --test
/// pdf_torture torture -- --ignored` writes /tmp/communique-torture.pdf.
#[test]
#[ignore]
fn torture() {
    let dir = releases("torture");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let body = include_str!("../data/torture.md");
    let entry = load(
        &dir,
        "une-ou-diaporama:\n- image: logo.png\n  alternative-textuelle: Bannière\n",
        body,
    );
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    std::fs::write("/tmp/communique-torture.pdf", rendered.bytes).unwrap();
}

/// Time per page of the torture file (every feature, fallback fonts included):
/// `cargo test --release --test pdf_torture torture_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn torture_timing() {
    let dir = releases("torture-timing");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let entry = load(&dir, "", include_str!("../data/torture.md"));
    let config = Config::default();
    let assets = Assets::load(&config.pdf).unwrap();
    let first = pdf::render_in(&entry, &config, &assets, &dir).unwrap();
    let pages = String::from_utf8_lossy(&first.bytes)
        .matches("/Type/Page/")
        .count()
        .max(1);
    let n = 20;
    let start = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(pdf::render_in(&entry, &config, &assets, &dir).unwrap());
    }
    let per_doc = start.elapsed() / n;
    eprintln!(
        "torture: {pages} pages, {per_doc:?} per document, {:?} per page",
        per_doc / pages as u32
    );
}

/// Every communiqué of the seeds and the corpus as a PDF in /tmp/communique-corpus-pdf, for
/// veraPDF and for looking at: `COMMUNIQUE_SHARED=/path/to/shared cargo test --test
/// pdf_torture corpus_pdfs -- --ignored`. Fails on any refused communiqué.
#[test]
#[ignore]
fn corpus_pdfs() {
    let shared = std::env::var_os("COMMUNIQUE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let out = Path::new("/tmp/communique-corpus-pdf");
    std::fs::create_dir_all(out).unwrap();
    let config = Config::default();
    let assets = Assets::load(&config.pdf).unwrap();
    let mut refused = Vec::new();
    let mut count = 0;
    for root in [shared.join("seeds"), shared.join("corpus")] {
        let (files, _) = communique::source::scan::scan(&root);
        for found in &files {
            let rel = Path::new(&found.rel);
            for entry in communique::source::load_file(&root, rel, &config).entries {
                if entry.kind != communique::Kind::Communique {
                    continue;
                }
                match pdf::render_in(&entry, &config, &assets, &root) {
                    Ok(r) => {
                        for m in &r.missing_images {
                            eprintln!(
                                "{}: image {} not embedded: {}",
                                rel.display(),
                                m.src,
                                m.reason
                            );
                        }
                        count += 1;
                        std::fs::write(out.join(format!("{}.pdf", entry.slug)), r.bytes).unwrap();
                    }
                    Err(e) => refused.push(pdf::error_diagnostic(&entry, &root, e).to_string()),
                }
            }
        }
    }
    eprintln!("{count} PDFs in {}", out.display());
    assert!(refused.is_empty(), "{refused:#?}");
    assert!(count >= 25, "{count}");
}

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
