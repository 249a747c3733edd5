//! What the renderer could not do, as located diagnostics for the person who wrote the file:
//! the line of the first character no font has, the line of an image left out.

use super::PdfError;
use super::images::MissingImage;
use crate::diagnostic::{Diagnostic, PdfFailure, Problem};
use crate::i18n::Message;
use crate::model::Entry;
use std::path::Path;

/// The diagnostic of a PDF that could not be made.
pub fn error_diagnostic(entry: &Entry, releases: &Path, err: PdfError) -> Diagnostic {
    let file = &entry.origin.file;
    match err {
        PdfError::TooManyPages { limit } => Diagnostic::error(file, Problem::PdfTooLong { limit })
            .hint(Message::new("hint-pdf-too-long")),
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
            .hint(Message::new("hint-missing-glyphs"))
        }
        PdfError::Export(detail) => failed(file, PdfFailure::Export { detail }),
        PdfError::Read { path, source } => failed(
            file,
            PdfFailure::Unreadable {
                path: path.display().to_string(),
                detail: source.to_string(),
            },
        ),
        PdfError::Font { path, message } => failed(
            file,
            PdfFailure::Font {
                path: path.display().to_string(),
                detail: message,
            },
        ),
        PdfError::Logo { path, message } => failed(
            file,
            PdfFailure::Logo {
                path: path.display().to_string(),
                detail: message,
            },
        ),
    }
}

fn failed(file: &Path, cause: PdfFailure) -> Diagnostic {
    Diagnostic::error(file, Problem::PdfFailed { cause }).hint(Message::new("hint-pdf-failed"))
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
            .hint(Message::new("hint-image-not-embedded"))
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
