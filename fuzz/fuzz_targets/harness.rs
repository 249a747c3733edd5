//! What each fuzz target checks, shared with `tests/suite/fuzz_regressions.rs` (which replays every
//! saved crashing input on stable in `cargo test`). Each function panics on a defect.
#![allow(dead_code)]

use communique::catalog;
use communique::feeds::{self, PdfSizes};
use communique::pdf;
use communique::source::{self, press_review};
use communique::{Config, Kind};
use std::path::Path;
use std::sync::OnceLock;

/// The folders that decide an input's kind (each shape's parser gets every input).
pub(super) const PATHS: [&str; 3] = ["communiques/x.md", "revue-de-presse/x.md", "agenda/x.md"];

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00+01:00").unwrap()
}

/// Any bytes, read as a release in each folder: never a panic, and every entry has a usable
/// output name and stays inside what the model promises.
pub(super) fn source_file(bytes: &[u8]) {
    let config = Config::default();
    for path in PATHS {
        let loaded = source::load_bytes(Path::new(path), bytes, &config);
        for entry in &loaded.entries {
            assert!(
                !entry.slug.is_empty()
                    && entry
                        .slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "bad slug {:?}",
                entry.slug
            );
            assert!(!entry.key.is_empty());
            assert!(entry.title.chars().count() <= 1_001, "title not cut");
        }
        for d in &loaded.diagnostics {
            assert_eq!(d.file, Path::new(path));
        }
    }
}

/// Any text as a revue-de-presse body: never a panic; every article has an http(s) URL.
pub(super) fn press_page(text: &str) {
    let config = Config::default();
    let (entries, _) =
        press_review::parse_page(Path::new("revue-de-presse/x.md"), text, 5, &config);
    for entry in &entries {
        let url = &entry
            .article
            .as_ref()
            .expect("a press entry has an article")
            .url;
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "article URL {url:?}"
        );
    }
}

/// Any bytes → entries (the first byte picks the folder) → catalog → feeds: every feed is
/// well-formed XML, and no id appears twice in a feed.
pub(super) fn feeds(bytes: &[u8]) {
    let Some((&first, rest)) = bytes.split_first() else {
        return;
    };
    let config = Config::default();
    let path = PATHS[usize::from(first) % PATHS.len()];
    let loaded = source::load_bytes(Path::new(path), rest, &config);
    let mut diagnostics = Vec::new();
    let catalog = catalog::assemble(loaded.entries, now(), &mut diagnostics);
    let sizes: PdfSizes = catalog
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Communique)
        .map(|e| (e.slug.clone(), 12_345))
        .collect();
    let files = feeds::render_feeds(&catalog, &config, &sizes).expect("feeds render");
    for file in files {
        let text = std::str::from_utf8(&file.bytes).expect("feed is UTF-8");
        if file.path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let doc = roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", file.path.display()));
        let mut ids = std::collections::BTreeSet::new();
        for node in doc.descendants() {
            if matches!(node.tag_name().name(), "id" | "guid")
                && node
                    .parent()
                    .is_some_and(|p| matches!(p.tag_name().name(), "entry" | "item"))
            {
                let id = node.text().unwrap_or_default().to_string();
                assert!(
                    ids.insert(id.clone()),
                    "{}: duplicate id {id}",
                    file.path.display()
                );
            }
        }
    }
}

fn assets() -> &'static pdf::Assets {
    static ASSETS: OnceLock<pdf::Assets> = OnceLock::new();
    ASSETS.get_or_init(|| pdf::Assets::load(&Default::default()).expect("bundled fonts load"))
}

/// Any bytes as a communiqué → PDF: never a panic; a PDF that is produced is complete.
pub(super) fn pdf(bytes: &[u8]) {
    let config = Config::default();
    let loaded = source::load_bytes(Path::new("communiques/x.md"), bytes, &config);
    for entry in loaded.entries.iter().filter(|e| e.kind == Kind::Communique) {
        if let Ok(pdf) = pdf::render(entry, &config, assets()) {
            assert!(pdf.starts_with(b"%PDF-"));
            assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        }
    }
}
