//! Fonts and logo: the embedded open fonts (Liberation Sans and Mono, SIL OFL 1.1; DejaVu
//! Sans, Bitstream Vera licence, as the fallback for Greek, Cyrillic, Arabic, Hebrew, symbols
//! and arrows) or the files named in the configuration, loaded once and shared read-only by
//! every render.

use super::PdfError;
use super::kit::Kit;
use crate::config::PdfConfig;
use crate::diagnostic::AssetFault;
use parley::fontique::{Blob, FontInfoOverride, FontStyle, FontWeight};
use parley::{FontContext, FontFamilyName, LayoutContext};
use std::path::Path;
use std::sync::{Arc, Mutex};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf");
const FALLBACK_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FALLBACK_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const MONO_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf");

/// The one family name every face is registered under, whatever the file calls itself, so a
/// supplied Marianne slots in without touching the layout code.
pub(super) const FAMILY: &str = "Communique Text";
/// Characters the text face lacks come from here (DejaVu Sans).
const FALLBACK: &str = "Communique Fallback";
/// Code.
const MONO: &str = "Communique Mono";
/// Fonts named in the configuration for what no embedded font covers (CJK, emoji).
const EXTRA: &str = "Communique Extra";

/// Per character, parley takes the first family of the list that has it.
pub(super) const TEXT_STACK: &[FontFamilyName<'static>] = &[
    FontFamilyName::named(FAMILY),
    FontFamilyName::named(FALLBACK),
    FontFamilyName::named(EXTRA),
];
pub(super) const MONO_STACK: &[FontFamilyName<'static>] = &[
    FontFamilyName::named(MONO),
    FontFamilyName::named(FALLBACK),
    FontFamilyName::named(EXTRA),
];

/// One font file, held twice cheaply: parley's blob (shaping) and krilla's font (embedding).
pub(super) struct FaceData {
    pub(super) blob: Blob<u8>,
    pub(super) krilla: krilla::text::Font,
    /// The file's bytes, which parley shapes with.
    pub(super) bytes: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// What krilla embeds: the bytes, without hinting when they have some (see `unhint`).
    pub(super) embedded: krilla::Data,
}

/// Fonts and optional logo, loaded once; `Sync`, so one `Assets` serves every rayon thread.
pub struct Assets {
    /// Regular, bold, italic, bold italic of the text family (the order `hyphen_glyphs`
    /// relies on), then the fallback, monospace and configured extra faces (see `ROLES`).
    pub(super) faces: Vec<FaceData>,
    /// PNG bytes of the official bloc-marque, when configured.
    pub(super) logo: Option<Logo>,
    /// Font contexts and handles of the renders that ran, waiting for the next (see `kit`).
    kits: Mutex<Vec<Kit>>,
}

/// A decoded-enough logo: the bytes for krilla and the pixel size for the aspect ratio.
pub(super) struct Logo {
    pub(super) png: Arc<Vec<u8>>,
    pub(super) width: u32,
    pub(super) height: u32,
}

// Compile-time guarantee for the pipeline, which shares one `Assets` across threads.
const _: fn() = || {
    fn sync<T: Sync + Send>() {}
    sync::<Assets>();
};

impl Assets {
    /// The embedded open fonts, no logo.
    pub fn embedded() -> Result<Assets, PdfError> {
        Assets::load(&PdfConfig::default())
    }

    /// Reads the font and logo files named in `pdf`; faces not named use the embedded fonts.
    pub fn load(pdf: &PdfConfig) -> Result<Assets, PdfError> {
        let face = |path: &Option<std::path::PathBuf>, builtin: &'static [u8]| match path {
            Some(path) => face_from_file(path),
            None => face_from_bytes(Arc::new(builtin), None),
        };
        let mut faces = vec![
            face(&pdf.font_regular, REGULAR)?,
            face(&pdf.font_bold, BOLD)?,
            face(&pdf.font_italic, ITALIC)?,
            face(&pdf.font_bold_italic, BOLD_ITALIC)?,
            face(&None, FALLBACK_REGULAR)?,
            face(&None, FALLBACK_BOLD)?,
            face(&None, MONO_REGULAR)?,
        ];
        for path in &pdf.fallback_fonts {
            faces.push(face_from_file(path)?);
        }
        let logo = pdf.logo.as_deref().map(read_logo).transpose()?;
        Ok(Assets {
            faces,
            logo,
            kits: Mutex::new(Vec::new()),
        })
    }

    /// A kit for one render: one that an earlier render gave back, or a new one.
    pub(super) fn take_kit(&self) -> Kit {
        let spare = self.kits.lock().unwrap_or_else(|e| e.into_inner()).pop();
        spare.unwrap_or_else(|| Kit::new(self))
    }

    /// Gives a render's kit back for the next render.
    pub(super) fn give_back(&self, kit: Kit) {
        self.kits
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(kit);
    }

    /// Which face a parley run was shaped with (by blob identity).
    pub(super) fn face_of(&self, blob_id: u64) -> Option<usize> {
        self.faces.iter().position(|f| f.blob.id() == blob_id)
    }
}

/// A parley font context holding exactly our faces (never the system's), in `faces` order.
pub(super) fn context(blobs: &[Blob<u8>]) -> FontContext {
    let mut cx = FontContext::default();
    for (i, blob) in blobs.iter().enumerate() {
        let (family, weight, style) = match i {
            0 => (FAMILY, FontWeight::NORMAL, FontStyle::Normal),
            1 => (FAMILY, FontWeight::BOLD, FontStyle::Normal),
            2 => (FAMILY, FontWeight::NORMAL, FontStyle::Italic),
            3 => (FAMILY, FontWeight::BOLD, FontStyle::Italic),
            4 => (FALLBACK, FontWeight::NORMAL, FontStyle::Normal),
            5 => (FALLBACK, FontWeight::BOLD, FontStyle::Normal),
            6 => (MONO, FontWeight::NORMAL, FontStyle::Normal),
            _ => (EXTRA, FontWeight::NORMAL, FontStyle::Normal),
        };
        cx.collection.register_fonts(
            blob.clone(),
            Some(FontInfoOverride {
                family_name: Some(family),
                weight: Some(weight),
                style: Some(style),
                ..Default::default()
            }),
        );
    }
    cx
}

fn face_from_file(path: &Path) -> Result<FaceData, PdfError> {
    face_from_bytes(Arc::new(read(path)?), Some(path))
}

/// A configured file's bytes (a font, the logo).
fn read(path: &Path) -> Result<Vec<u8>, PdfError> {
    std::fs::read(path).map_err(|source| PdfError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn face_from_bytes<T>(bytes: Arc<T>, path: Option<&Path>) -> Result<FaceData, PdfError>
where
    T: AsRef<[u8]> + Send + Sync + 'static,
{
    // krilla embeds a copy without hinting (see `unhint`); parley shapes with the file.
    let embedded = match super::unhint::unhinted((*bytes).as_ref()) {
        Some(stripped) => krilla::Data::from(stripped),
        None => {
            let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
            krilla::Data::from(shared)
        }
    };
    let krilla = krilla::text::Font::new(embedded.clone(), 0).ok_or_else(|| PdfError::Font {
        path: path.map(Path::to_path_buf).unwrap_or_default(),
        fault: AssetFault::NotAFont,
    })?;
    let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
    Ok(FaceData {
        blob: Blob::new(bytes),
        krilla,
        bytes: shared,
        embedded,
    })
}

fn read_logo(path: &Path) -> Result<Logo, PdfError> {
    let bytes = read(path)?;
    let bad = |fault: AssetFault| PdfError::Logo {
        path: path.to_path_buf(),
        fault,
    };
    // PNG header: 8-byte signature, then the IHDR chunk with big-endian width and height.
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return Err(bad(AssetFault::NotPng));
    }
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (width, height) = (be(16), be(20));
    if width == 0 || height == 0 {
        return Err(bad(AssetFault::EmptyPng));
    }
    // Decode once now so a broken file is reported at load, not in the middle of a build.
    krilla::image::Image::from_png(krilla::Data::from(bytes.clone()), false)
        .map_err(|detail| bad(AssetFault::DamagedPng { detail }))?;
    Ok(Logo {
        png: Arc::new(bytes),
        width,
        height,
    })
}

/// A face's hyphen glyph: its id and its advance at size 1.
#[derive(Debug, Clone, Copy)]
pub(super) struct HyphenGlyph {
    pub gid: u32,
    pub advance: f32,
}

/// Shapes a lone hyphen in each text face: the glyph drawn where a word is hyphenated at a
/// line end (other faces borrow the regular one's).
pub(super) fn hyphen_glyphs(
    assets: &Assets,
    fcx: &mut FontContext,
    lcx: &mut LayoutContext<[u8; 4]>,
) -> Vec<Option<HyphenGlyph>> {
    let mut out = vec![None; 4];
    for (i, slot) in out.iter_mut().enumerate() {
        let mut b = lcx.ranged_builder(fcx, "-", 1.0, false);
        b.push_default(parley::StyleProperty::FontFamily(
            parley::FontFamily::named(FAMILY),
        ));
        b.push_default(parley::StyleProperty::FontSize(1.0));
        let (bold, italic) = (i % 2 == 1, i >= 2);
        if bold {
            b.push_default(parley::StyleProperty::FontWeight(FontWeight::BOLD));
        }
        if italic {
            b.push_default(parley::StyleProperty::FontStyle(FontStyle::Italic));
        }
        let mut layout: parley::Layout<[u8; 4]> = b.build("-");
        layout.break_all_lines(None);
        'found: for line in layout.lines() {
            for run in line.runs() {
                if assets.face_of(run.font().data.id()) != Some(i) {
                    continue;
                }
                for cluster in run.clusters() {
                    if let Some(g) = cluster.glyphs().next() {
                        if g.id != 0 {
                            *slot = Some(HyphenGlyph {
                                gid: g.id,
                                advance: g.advance,
                            });
                        }
                        break 'found;
                    }
                }
            }
        }
    }
    out
}
