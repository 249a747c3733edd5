//! Atom 1.0 and RSS 2.0 feeds: pure functions of (Catalog, Config, PDF sizes) → bytes.
//! (Placeholder until the renderer lands.)

use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::{Entry, Kind};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub type PdfSizes = BTreeMap<String, u64>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{path}: generated feed is not well-formed XML: {message}")]
    NotWellFormed { path: PathBuf, message: String },
}

pub fn render_feeds(
    _catalog: &Catalog,
    _config: &Config,
    _pdfs: &PdfSizes,
) -> Result<Vec<OutputFile>, FeedError> {
    Ok(Vec::new())
}

pub fn entry_id(entry: &Entry, config: &Config) -> String {
    format!("tag:{}:{}", config.id_authority, entry.key)
}

pub fn entry_link(entry: &Entry, config: &Config) -> String {
    match (&entry.article, entry.kind) {
        (Some(article), _) => article.url.clone(),
        (None, Kind::Event) => format!("{}/agenda/{}/", config.base_url, entry.slug),
        _ => format!("{}/espace-presse/{}/", config.base_url, entry.slug),
    }
}

pub fn pdf_url(slug: &str, config: &Config) -> String {
    format!("{}/pdf/{slug}.pdf", config.feeds_url)
}

pub fn pdf_path(slug: &str) -> PathBuf {
    PathBuf::from(format!("pdf/{slug}.pdf"))
}
