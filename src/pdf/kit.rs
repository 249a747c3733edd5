//! What one render in flight needs of the fonts, kept between renders: parley's font and
//! layout contexts (their caches stay warm, the hyphen glyphs are shaped once) and krilla's
//! font handles. `Assets` holds a small pool: a render takes a kit and gives it back, so there
//! are as many kits as renders ever ran at once (one per thread of the build).
//!
//! Each kit has its own krilla fonts and parley blobs: krilla clones its font handle (an
//! `Arc`) several times per glyph, and one handle shared by every thread made each clone a
//! cache line bouncing between cores. The bytes underneath are shared, never copied. Output
//! does not depend on which kit renders: the contexts only cache, and the fonts are equal.

use super::fonts::{self, Assets, FaceData, HyphenGlyph};
use super::markdown::Inline;
use super::text::{Color, TextStyle, Typeset};
use parley::fontique::Blob;
use parley::{FontContext, LayoutContext};
use std::sync::Arc;

#[derive(Default)]
pub(super) struct Kit {
    pub(super) fcx: FontContext,
    pub(super) lcx: LayoutContext<Color>,
    /// Each text face's hyphen (regular, bold, italic, bold italic).
    pub(super) hyphens: Vec<Option<HyphenGlyph>>,
    /// krilla's handle on each face, in the order of `Assets::faces`.
    pub(super) fonts: Vec<krilla::text::Font>,
    /// Page furniture laid out by earlier renders (see `Shaper::furniture`).
    pub(super) furniture: Vec<Laid>,
}

/// A layout kept for the next render: its inputs, the result and the characters it missed.
pub(super) struct Laid {
    pub(super) runs: Vec<Inline>,
    pub(super) style: TextStyle,
    pub(super) width: f32,
    pub(super) typeset: Typeset,
    pub(super) missing: Vec<char>,
}

/// The font bytes behind a fresh `Arc`, so a kit's blobs count their references apart.
struct Shared(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

impl Kit {
    pub(super) fn new(assets: &Assets) -> Kit {
        // Same blob ids as the faces: `Assets::face_of` answers for every kit.
        let blobs: Vec<Blob<u8>> = assets
            .faces
            .iter()
            .map(|f| Blob::from_raw_parts(Arc::new(Shared(f.bytes.clone())), f.blob.id()))
            .collect();
        let mut fcx = fonts::context(&blobs);
        let mut lcx = LayoutContext::new();
        let hyphens = fonts::hyphen_glyphs(assets, &mut fcx, &mut lcx);
        Kit {
            fcx,
            lcx,
            hyphens,
            fonts: assets.faces.iter().map(own_font).collect(),
            furniture: Vec::new(),
        }
    }
}

/// A krilla font of its own over the face's bytes (checked at load, so it parses; the shared
/// handle is the fallback all the same).
fn own_font(face: &FaceData) -> krilla::text::Font {
    krilla::text::Font::new(face.embedded.clone(), 0).unwrap_or_else(|| face.krilla.clone())
}
