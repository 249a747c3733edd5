//! Revue de presse pages: one Markdown page lists many articles; each becomes an entry.
//! (Placeholder until the parser lands: finds nothing.)

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Origin, PubDate};
use std::path::Path;

pub fn parse_page(
    _file: &Path,
    _markdown: &str,
    _first_line: usize,
    _config: &Config,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    (Vec::new(), Vec::new())
}

pub fn article_entry(
    _origin: Origin,
    _title: &str,
    _date: PubDate,
    _url: &str,
    _outlet: Option<&str>,
    _section: Option<&str>,
    _excerpt: Option<&str>,
) -> Option<Entry> {
    None
}
