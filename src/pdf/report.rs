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
        other => Diagnostic::error(file, other.problem()).hint(Message::new("hint-pdf-failed")),
    }
}

impl PdfError {
    /// The problem this is, as diagnostics and the command line word it.
    pub fn problem(&self) -> Problem {
        let path = |p: &Path| p.display().to_string();
        let failed = |cause| Problem::PdfFailed { cause };
        match self {
            PdfError::TooManyPages { limit } => Problem::PdfTooLong { limit: *limit },
            PdfError::MissingGlyphs { chars } => Problem::MissingGlyphs {
                chars: chars.clone(),
            },
            PdfError::Krilla(_) | PdfError::Configuration(_) | PdfError::PageSize => {
                failed(PdfFailure::Export {
                    detail: self.export_detail().unwrap_or_default(),
                })
            }
            PdfError::Read { path: p, source } => failed(PdfFailure::Unreadable {
                path: path(p),
                detail: source.to_string(),
            }),
            PdfError::Font { path: p, fault } => failed(PdfFailure::Font {
                path: path(p),
                fault: fault.clone(),
            }),
            PdfError::Logo { path: p, fault } => failed(PdfFailure::Logo {
                path: path(p),
                fault: fault.clone(),
            }),
        }
    }

    /// The error in the reader's words.
    pub fn message(&self) -> Message {
        self.problem().message()
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
