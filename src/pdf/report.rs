//! What the renderer could not do, as located diagnostics for the person who wrote the file:
//! the line of the first character no font has, the line of an image left out.

use super::PdfError;
use super::images::MissingImage;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::Entry;
use std::path::Path;

/// The diagnostic of a PDF that could not be made.
pub fn error_diagnostic(entry: &Entry, releases: &Path, err: PdfError) -> Diagnostic {
    let file = &entry.origin.file;
    match err {
        PdfError::TooManyPages { limit } => Diagnostic::error(file, Problem::PdfTooLong { limit })
            .hint("split the communiqué, or raise `[pdf] max-pages` in communique.toml"),
        PdfError::MissingGlyphs { chars } => {
            let (line, column) = chars
                .chars()
                .next()
                .and_then(|c| find(releases, file, |l| l.find(c)))
                .unwrap_or((0, 0));
            let names: Vec<String> = chars
                .chars()
                .map(|c| format!("{c} (U+{:04X})", c as u32))
                .collect();
            Diagnostic::error(
                file,
                Problem::MissingGlyphs {
                    chars: names.join(", "),
                },
            )
            .at(line, column)
            .hint("remove these characters, or name a font that has them in `[pdf] fallback-fonts`")
        }
        other => Diagnostic::error(file, Problem::Other(other.to_string()))
            .hint("the communiqué is in the feeds without its PDF; report this with the file"),
    }
}

/// Warnings for images printed as their alternative text.
pub fn image_warnings(entry: &Entry, releases: &Path, missing: &[MissingImage]) -> Vec<Diagnostic> {
    let file = &entry.origin.file;
    missing
        .iter()
        .map(|m| {
            let (line, column) = find(releases, file, |l| l.find(m.src.as_str())).unwrap_or((0, 0));
            Diagnostic::warning(
                file,
                Problem::ImageNotEmbedded {
                    src: m.src.clone(),
                    reason: m.reason.clone(),
                },
            )
            .at(line, column)
            .hint("put the image beside the release file, or under `[pdf] assets` for `/uploads/…`")
        })
        .collect()
}

/// 1-based line and column of the first match of `find_in` in the release file.
fn find(
    releases: &Path,
    file: &Path,
    find_in: impl Fn(&str) -> Option<usize>,
) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(releases.join(file)).ok()?;
    text.lines()
        .enumerate()
        .find_map(|(n, l)| find_in(l).map(|byte| (n + 1, l[..byte].chars().count() + 1)))
}
