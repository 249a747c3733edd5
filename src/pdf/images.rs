//! Images of the body and the lead image (`une-ou-diaporama`): read from beside the release
//! file, or for `/uploads/…` from the configured assets folder, and decoded once per render.
//! What cannot be read (remote, missing, not an image) is reported, never fatal.

use crate::diagnostic::ImageFailure;
use std::path::{Component, Path, PathBuf};

/// Larger files are not embedded (a press PDF stays mailable).
const MAX_IMAGE_BYTES: u64 = 8 * 1024 * 1024;

/// An image that could not be embedded, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingImage {
    /// The image's source, as written in the release.
    pub src: String,
    /// Why it could not be embedded.
    pub reason: ImageFailure,
}

/// Where images are looked for, and what could not be found.
pub(super) struct Images<'a> {
    /// The release file's folder.
    pub dir: Option<&'a Path>,
    /// `[pdf] assets`: the folder `/uploads/…` lives in.
    pub assets: Option<&'a Path>,
    pub missing: Vec<MissingImage>,
}

impl Images<'_> {
    pub(super) fn load(&mut self, src: &str) -> Option<krilla::image::Image> {
        match self.try_load(src) {
            Ok(image) => Some(image),
            Err(reason) => {
                self.missing.push(MissingImage {
                    src: src.to_string(),
                    reason,
                });
                None
            }
        }
    }

    fn try_load(&self, src: &str) -> Result<krilla::image::Image, ImageFailure> {
        let path = self.path(src)?;
        let shown = path.display().to_string();
        let unreadable = |e: std::io::Error| match e.kind() {
            std::io::ErrorKind::NotFound => ImageFailure::Missing {
                path: shown.clone(),
            },
            _ => ImageFailure::Unreadable {
                path: shown.clone(),
                detail: e.to_string(),
            },
        };
        let meta = std::fs::metadata(&path).map_err(unreadable)?;
        if meta.len() > MAX_IMAGE_BYTES {
            return Err(ImageFailure::TooLarge {
                path: shown,
                limit: MAX_IMAGE_BYTES,
            });
        }
        let bytes = std::fs::read(&path).map_err(unreadable)?;
        match decode(bytes) {
            Ok(image) => Ok(image),
            Err(None) => Err(ImageFailure::NotAnImage { path: shown }),
            Err(Some(detail)) => Err(ImageFailure::Damaged {
                path: shown,
                detail,
            }),
        }
    }

    fn path(&self, src: &str) -> Result<PathBuf, ImageFailure> {
        let src = src.trim();
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("http:") || lower.starts_with("https:") || src.starts_with("//") {
            return Err(ImageFailure::Remote);
        }
        if src.is_empty() || lower.starts_with("data:") || src.contains(':') {
            return Err(ImageFailure::NotAFilePath);
        }
        let clean = src.split(['?', '#']).next().unwrap_or(src);
        let decoded = percent_decode(clean);
        let rel = Path::new(&decoded);
        // Never leave the folder the image is looked up in.
        if rel.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(ImageFailure::ParentDir);
        }
        let (root, rel) = match decoded.strip_prefix('/') {
            Some(inside) => (
                self.assets.ok_or(ImageFailure::NoAssetsFolder)?,
                Path::new(inside),
            ),
            None => (self.dir.ok_or(ImageFailure::UnknownFolder)?, rel),
        };
        Ok(root.join(rel))
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| s.to_string(), |(_, v)| v.into_owned())
}

/// Decoded without interpolation (PDF/A forbids it). `Err(None)`: not a format PDFs carry;
/// `Err(Some(detail))`: the decoder's complaint.
fn decode(bytes: Vec<u8>) -> Result<krilla::image::Image, Option<String>> {
    let kind = bytes.get(..12).map(<[u8]>::to_vec).unwrap_or_default();
    let data = krilla::Data::from(bytes);
    let decoded = if kind.starts_with(b"\x89PNG") {
        krilla::image::Image::from_png(data, false)
    } else if kind.starts_with(&[0xFF, 0xD8]) {
        krilla::image::Image::from_jpeg(data, false)
    } else if kind.starts_with(b"GIF8") {
        krilla::image::Image::from_gif(data, false)
    } else if kind.starts_with(b"RIFF") && kind.get(8..12) == Some(b"WEBP") {
        krilla::image::Image::from_webp(data, false)
    } else {
        return Err(None);
    };
    decoded.map_err(|e| Some(e.to_string()))
}

/// Drawn size: the column's width at most, `max_height` at most, never enlarged beyond
/// 96 dpi.
pub(super) fn fit(image: &krilla::image::Image, max_width: f32, max_height: f32) -> (f32, f32) {
    let (w, h) = image.size();
    let (w, h) = (w.max(1) as f32 * 0.75, h.max(1) as f32 * 0.75);
    let scale = (max_width / w).min(max_height / h).min(1.0);
    (w * scale, h * scale)
}

/// A Figure needs alternative text: the alt, else the file name.
pub(super) fn alt_or_name(alt: &str, src: &str) -> String {
    if !alt.trim().is_empty() {
        return alt.trim().to_string();
    }
    let name = src.rsplit('/').next().unwrap_or(src);
    format!("Image {name}")
}
