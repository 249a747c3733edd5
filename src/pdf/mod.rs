//! PDF communiqués: a pure renderer of one entry into a tagged PDF/UA-1, PDF/A-2a document.
//!
//! `markdown` reads the body, `french` applies French typography, `text` lays paragraphs out
//! with parley, `compose` turns the entry into blocks, `page` cuts them into A4 pages,
//! `furniture` draws the bloc-marque, contact block and page numbers, `draw` hands glyphs to
//! krilla with their structure tags, `tags` builds the structure tree, `meta` the metadata,
//! conformance and bookmarks. No clock, no global state: same entry, same bytes.

mod compose;
mod draw;
mod fonts;
mod french;
mod furniture;
mod markdown;
mod meta;
mod page;
mod tags;
mod text;

pub use fonts::Assets;
pub use meta::Conformance;

use crate::config::Config;
use crate::model::Entry;
use draw::{Mark, Pen};
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};
use std::path::PathBuf;

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF export failed: {0}")]
    Export(String),
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: unusable font: {message}")]
    Font { path: PathBuf, message: String },
    #[error("{path}: unusable logo: {message}")]
    Logo { path: PathBuf, message: String },
}

/// Renders one communiqué, validated as PDF/A-2a and PDF/UA-1. Same entry and config, same
/// bytes.
pub fn render(entry: &Entry, config: &Config, assets: &Assets) -> Result<Vec<u8>, PdfError> {
    render_as(entry, config, assets, Conformance::ArchivalAccessible)
}

/// [`render`] with another set of validators (tests use it to check each standard alone).
pub fn render_as(
    entry: &Entry,
    config: &Config,
    assets: &Assets,
    conformance: Conformance,
) -> Result<Vec<u8>, PdfError> {
    let lang = language(&config.language);
    let contact = entry.contact.as_ref().unwrap_or(&config.default_contact);

    let mut shaper = text::Shaper::new(assets);
    let mut tree = tags::Tree::default();
    // Structure elements are created in reading order: bloc-marque, content, contact.
    let header = furniture::header(&mut shaper, &mut tree, assets);
    let blocks = compose::compose(entry, config, &mut shaper, &mut tree);
    let footer = furniture::footer(&mut shaper, &mut tree, contact);
    let bottom = (footer.top - page::FOOTER_GAP).max(page::BODY_TOP + 100.0);
    let pages = page::paginate(&blocks, page::BODY_TOP, bottom);

    let settings = SerializeSettings {
        configuration: meta::configuration(conformance)?,
        enable_tagging: true,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    let mut marks: Vec<meta::Mark> = Vec::new();
    let count = pages.len();
    for (index, placed) in pages.iter().enumerate() {
        let size = PageSettings::from_wh(page::WIDTH, page::HEIGHT)
            .ok_or_else(|| PdfError::Export("invalid page size".into()))?;
        let mut pdf_page = doc.start_page_with(size);
        let folio = furniture::folio(&mut shaper, index, count);
        let mut pen = Pen {
            assets,
            tree: &mut tree,
            page: index,
            links: Vec::new(),
        };
        {
            let mut s = pdf_page.surface();
            furniture::draw_header(&header, &mut s, &mut pen);
            for p in placed {
                let Some(b) = blocks.get(p.block) else {
                    continue;
                };
                let mut y = p.y;
                if p.lines.start == 0 {
                    if let Some((level, title)) = &b.outline {
                        marks.push(meta::Mark {
                            level: *level,
                            title: title.clone(),
                            page: index,
                            y,
                        });
                    }
                    if let Some(label) = &b.label {
                        // The label sits on the first line's baseline.
                        let first = b.laid.lines.first().map_or(0.0, |l| l.baseline);
                        let own = label.laid.lines.first().map_or(0.0, |l| l.baseline);
                        let key = usize::MAX / 2 + p.block;
                        let mark = Mark::Content {
                            node: label.node,
                            key,
                        };
                        pen.line(
                            &mut s,
                            &label.laid,
                            0,
                            page::MARGIN_LEFT + label.x,
                            y + first - own,
                            mark,
                        );
                    }
                }
                for i in p.lines.clone() {
                    let mark = Mark::Content {
                        node: b.node,
                        key: p.block,
                    };
                    pen.line(&mut s, &b.laid, i, page::MARGIN_LEFT + b.x, y, mark);
                    y += b.laid.lines.get(i).map_or(0.0, |l| l.height);
                }
            }
            furniture::draw_footer(&footer, &mut s, &mut pen, &folio);
            s.finish();
        }
        pen.annotate(&mut pdf_page);
        pdf_page.finish();
    }

    let title = compose::clip(&compose::display_title(entry, config), compose::META_CHARS);
    let author = compose::clip(contact.organisation.trim(), 500);
    let author = if author.is_empty() {
        compose::clip(&config.author, 500)
    } else {
        author
    };
    let subject = compose::plain_summary(entry, config);
    doc.set_outline(meta::outline(&marks));
    doc.set_metadata(meta::metadata(entry, title, author, subject, &lang));
    doc.set_tag_tree(tree.into_krilla(&lang));
    doc.finish().map_err(|e| PdfError::Export(describe(&e)))
}

/// `fr` → `fr-FR`: the document language as the issue asks, keeping any explicit region.
fn language(configured: &str) -> String {
    let l = configured.trim();
    match l {
        "" | "fr" => "fr-FR".into(),
        other => other.into(),
    }
}

fn describe(e: &krilla::error::KrillaError) -> String {
    use krilla::error::KrillaError;
    match e {
        KrillaError::Validation(errors) => {
            let list: Vec<String> = errors.iter().take(10).map(|v| format!("{v:?}")).collect();
            format!("validation failed: {}", list.join("; "))
        }
        other => format!("{other:?}"),
    }
}
