//! PDF communiqués: a pure renderer of one entry into a tagged PDF/UA-1, PDF/A-2a document.

use crate::config::Config;
use crate::model::Entry;

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF export failed: {0}")]
    Export(String),
}

/// Renders one communiqué. Same entry and config, same bytes.
pub fn render(entry: &Entry, config: &Config) -> Result<Vec<u8>, PdfError> {
    let _ = (entry, config);
    Err(PdfError::Export("not yet implemented".into()))
}
