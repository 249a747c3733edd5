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
        other => {
            let cause = other.failure().unwrap_or(PdfFailure::Export {
                detail: other.to_string(),
            });
            Diagnostic::error(file, Problem::PdfFailed { cause })
                .hint(Message::new("hint-pdf-failed"))
        }
    }
}

impl PdfError {
    /// Why the PDF (or its fonts and logo) could not be made, apart from its length and its
    /// characters, which the writer of the file can act on (see [`error_diagnostic`]).
    pub fn failure(&self) -> Option<PdfFailure> {
        let path = |p: &Path| p.display().to_string();
        match self {
            PdfError::TooManyPages { .. } | PdfError::MissingGlyphs { .. } => None,
            PdfError::Krilla(_) | PdfError::Configuration(_) | PdfError::PageSize => {
                Some(PdfFailure::Export {
                    detail: self.export_detail().unwrap_or_default(),
                })
            }
            PdfError::Read { path: p, source } => Some(PdfFailure::Unreadable {
                path: path(p),
                detail: source.to_string(),
            }),
            PdfError::Font { path: p, fault } => Some(PdfFailure::Font {
                path: path(p),
                fault: fault.clone(),
            }),
            PdfError::Logo { path: p, fault } => Some(PdfFailure::Logo {
                path: path(p),
                fault: fault.clone(),
            }),
        }
    }

    /// The error in the reader's words.
    pub fn message(&self) -> Message {
        match self {
            PdfError::TooManyPages { limit } => Problem::PdfTooLong { limit: *limit }.message(),
            PdfError::MissingGlyphs { chars } => Problem::MissingGlyphs {
                chars: chars.clone(),
            }
            .message(),
            other => match other.failure() {
                Some(failure) => failure.message(),
                None => Message::raw(other.to_string()),
            },
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::Lang;
    use krilla::error::KrillaError;
    use std::error::Error as _;
    use std::sync::Arc;

    fn entry() -> Entry {
        let text = "---\ntitle: Un communiqué\ndate: 2024-03-12\n---\nLe corps.\n";
        let loaded =
            crate::source::load_text(Path::new("communiques/c.md"), text, &Config::default());
        loaded.entries.into_iter().next().expect("the file reads")
    }

    #[test]
    fn krillas_refusal_stays_the_cause_and_the_diagnostic_names_it() {
        let refusal = KrillaError::DuplicateNamedDestination(Arc::new("note-1".into()));
        let err = PdfError::Krilla(refusal.clone());
        let source = err.source().map(ToString::to_string);
        assert_eq!(source, Some(refusal.to_string()));

        let d = error_diagnostic(&entry(), Path::new("/nowhere"), err);
        let en = d.render(Lang::En);
        assert!(
            en.contains(r#"error: PDF export failed: DuplicateNamedDestination("note-1")"#),
            "{en}"
        );
        let fr = d.render(Lang::Fr);
        assert!(
            fr.contains(r#"l'export du PDF a échoué : DuplicateNamedDestination("note-1")"#),
            "{fr}"
        );
    }

    #[test]
    fn a_page_size_refusal_reads_as_before() {
        let d = error_diagnostic(&entry(), Path::new("/nowhere"), PdfError::PageSize);
        assert_eq!(
            d.problem.to_string(),
            "PDF export failed: invalid page size"
        );
    }
}
