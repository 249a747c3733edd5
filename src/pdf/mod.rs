//! PDF communiqués: a renderer of one entry into a tagged PDF/UA-1, PDF/A-2a document.
//!
//! `markdown` (with `markdown_html`) reads the body, `typo` and `french` apply French
//! typography, `text` and `lines` lay paragraphs out with parley, `compose` (with `table`,
//! `images`) turns the entry into blocks, `page` cuts them into A4 pages whose measures are
//! in `geometry`, `place` and `furniture` draw them, `draw` hands glyphs to krilla with their
//! structure tags, `tags` builds the structure tree, `meta` the metadata, conformance and
//! bookmarks. No clock, no global state: same entry and files, same bytes. The only reads are
//! the images the body names.

mod anchors;
mod block;
mod compose;
mod draw;
mod fonts;
mod french;
mod furniture;
mod geometry;
mod images;
mod kit;
mod markdown;
mod meta;
mod page;
mod place;
mod report;
mod tags;
mod text;
mod typo;
mod unhint;

/// Bumped whenever the same entry would give other PDF bytes (layout, fonts, typography), so
/// PDFs rendered by an earlier renderer are rendered again.
pub const REVISION: u32 = 4;

pub use fonts::Assets;
pub use images::MissingImage;
pub use meta::Conformance;
pub use report::{error_diagnostic, image_warnings};

use crate::config::Config;
use crate::diagnostic::AssetFault;
use crate::model::Entry;
use draw::Pen;
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};
use std::path::{Path, PathBuf};

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A configured font or logo file cannot be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file, as configured.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A configured font cannot be used.
    #[error("{path}: unusable font: {fault}")]
    Font {
        /// The font file, as configured.
        path: PathBuf,
        /// What is wrong with it.
        fault: AssetFault,
    },
    /// The configured bloc-marque logo cannot be used.
    #[error("{path}: unusable logo: {fault}")]
    Logo {
        /// The logo file, as configured.
        path: PathBuf,
        /// What is wrong with it.
        fault: AssetFault,
    },
    /// The PDF would have more pages than `[pdf] max-pages`.
    #[error("the PDF would be longer than {limit} pages")]
    TooManyPages {
        /// The most pages a PDF may have.
        limit: usize,
    },
    /// Characters that no font, embedded or fallback, can print.
    #[error("no font has a glyph for {chars}")]
    MissingGlyphs {
        /// The characters, each once, in order of appearance.
        chars: String,
    },
    /// krilla refused the document (a validator, a limit); kept whole for the cause chain.
    #[error("PDF export failed: {}", self.export_detail().unwrap_or_default())]
    Krilla(#[source] krilla::error::KrillaError),
    /// The validators asked for cannot be combined (a bug: the set is fixed).
    #[error("PDF export failed: {}", self.export_detail().unwrap_or_default())]
    Configuration(krilla::configure::ConfigurationError),
    /// krilla refused the A4 page size (a bug: the size is fixed).
    #[error("PDF export failed: {}", self.export_detail().unwrap_or_default())]
    PageSize,
}

impl PdfError {
    /// What krilla or its setup refused, as the diagnostic words it after "PDF export failed".
    pub fn export_detail(&self) -> Option<String> {
        match self {
            PdfError::Krilla(e) => Some(describe(e)),
            PdfError::Configuration(e) => Some(format!("krilla configuration: {e:?}")),
            PdfError::PageSize => Some("invalid page size".into()),
            _ => None,
        }
    }
}

/// A PDF and what it had to leave out.
pub struct Rendered {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Images printed as "[Image : alt]" because they could not be read.
    pub missing_images: Vec<MissingImage>,
}

/// Renders one communiqué, validated as PDF/A-2a and PDF/UA-1. Same entry and config, same
/// bytes. Relative images are not looked for (see [`render_in`]).
pub fn render(entry: &Entry, config: &Config, assets: &Assets) -> Result<Vec<u8>, PdfError> {
    render_as(entry, config, assets, Conformance::ArchivalAccessible)
}

/// [`render`] for a release file in `releases/`: its relative images are read from beside it.
pub fn render_in(
    entry: &Entry,
    config: &Config,
    assets: &Assets,
    releases: &Path,
) -> Result<Rendered, PdfError> {
    let file = releases.join(&entry.origin.file);
    let dir = file.parent();
    render_with(entry, config, assets, dir, Conformance::ArchivalAccessible)
}

/// [`render`] with another set of validators (tests use it to check each standard alone).
pub fn render_as(
    entry: &Entry,
    config: &Config,
    assets: &Assets,
    conformance: Conformance,
) -> Result<Vec<u8>, PdfError> {
    render_with(entry, config, assets, None, conformance).map(|r| r.bytes)
}

fn render_with(
    entry: &Entry,
    config: &Config,
    assets: &Assets,
    dir: Option<&Path>,
    conformance: Conformance,
) -> Result<Rendered, PdfError> {
    let lang = language(&config.language);
    let contact = entry.contact.as_ref().unwrap_or(&config.default_contact);

    let mut shaper = text::Shaper::new(assets);
    let mut tree = tags::Tree::default();
    let mut images = images::Images {
        dir,
        assets: config.pdf.assets.as_deref(),
        missing: Vec::new(),
    };
    // Structure elements are created in reading order: bloc-marque, content, contact.
    let header = furniture::header(&mut shaper, &mut tree, assets);
    let mut footer = furniture::footer(&mut shaper, contact);
    let bottom = geometry::column_bottom(footer.top);
    let height = geometry::column_height(bottom);
    let blocks = compose::compose(entry, config, &mut shaper, &mut tree, &mut images, height)?;
    furniture::footer_nodes(&mut tree, &mut footer);
    check_glyphs(&mut shaper)?;
    let pages = page::paginate(
        &blocks,
        geometry::BODY_TOP,
        bottom,
        config.pdf.max_pages.max(1),
    )?;
    let anchors = anchors::Anchors::find(&blocks, &pages);

    let settings = SerializeSettings {
        configuration: meta::configuration(conformance)?,
        enable_tagging: true,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    let mut marks: Vec<meta::Mark> = Vec::new();
    let count = pages.len();
    let fonts = shaper.fonts().to_vec();
    for (index, placed) in pages.iter().enumerate() {
        let size =
            PageSettings::from_wh(geometry::WIDTH, geometry::HEIGHT).ok_or(PdfError::PageSize)?;
        let mut pdf_page = doc.start_page_with(size);
        let folio = furniture::folio(&mut shaper, index, count);
        let mut pen = Pen {
            assets,
            fonts: &fonts,
            tree: &mut tree,
            page: index,
            links: Vec::new(),
            anchors: &anchors,
        };
        {
            let mut s = pdf_page.surface();
            furniture::draw_header(&header, &mut s, &mut pen);
            for p in placed {
                let first = place::placed(&blocks, p, &mut s, &mut pen);
                if let Some(bookmark) = first.and_then(|b| b.outline.as_ref()) {
                    marks.push(meta::Mark {
                        level: bookmark.level,
                        title: bookmark.title.clone(),
                        page: index,
                        y: p.y,
                    });
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
    let bytes = doc.finish().map_err(PdfError::Krilla)?;
    Ok(Rendered {
        bytes,
        missing_images: images.missing,
    })
}

/// A character no font covers would vanish from the page and the text layer: refuse.
fn check_glyphs(shaper: &mut text::Shaper<'_>) -> Result<(), PdfError> {
    if shaper.missing.is_empty() {
        return Ok(());
    }
    let mut chars = String::new();
    for c in shaper.missing.drain(..) {
        if !chars.contains(c) && chars.chars().count() < 40 {
            chars.push(c);
        }
    }
    Err(PdfError::MissingGlyphs { chars })
}

/// `fr` → `fr-FR`: the document language as the issue asks, keeping any explicit region.
fn language(configured: &str) -> String {
    let l = configured.trim();
    match l {
        "" | "fr" => "fr-FR".into(),
        other => other.into(),
    }
}

/// krilla's error as the diagnostic gives it: each validation failure named (its own
/// `Display` only counts them).
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
