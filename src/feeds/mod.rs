//! Atom 1.0 and RSS 2.0 feeds: pure functions of (Catalog, Config, PDF sizes) → bytes.

use crate::catalog::Catalog;
use crate::config::Config;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Byte length of each published PDF, by entry slug (for enclosures).
pub type PdfSizes = BTreeMap<String, u64>;

/// A rendered output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Why a feed could not be produced (a bug, never a user's file: it is checked before).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{path}: generated feed is not well-formed XML: {message}")]
    NotWellFormed { path: PathBuf, message: String },
}

/// Renders `atom.xml` and `rss.xml` at the top and in each kind's folder.
pub fn render_feeds(
    catalog: &Catalog,
    config: &Config,
    pdfs: &PdfSizes,
) -> Result<Vec<OutputFile>, FeedError> {
    let _ = (catalog, config, pdfs);
    Ok(Vec::new())
}
