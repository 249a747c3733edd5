//! PDF communiqués: a pure renderer of one entry into a tagged PDF/UA-1, PDF/A-2a document.
//! (Placeholder until the renderer lands.)

use crate::config::{Config, PdfConfig};
use crate::model::Entry;

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF export failed: {0}")]
    Export(String),
}

/// Fonts and logo, loaded once and shared by every render.
#[derive(Debug, Default)]
pub struct Assets;

impl Assets {
    pub fn load(_pdf: &PdfConfig) -> Result<Assets, PdfError> {
        Ok(Assets)
    }
}

/// Renders one communiqué. Same entry and config, same bytes.
pub fn render(_entry: &Entry, _config: &Config, _assets: &Assets) -> Result<Vec<u8>, PdfError> {
    Err(PdfError::Export("not yet implemented".into()))
}
