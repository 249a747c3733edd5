//! Every seed and every press document of the real-world corpus loads without error.

mod common;

use communique::Config;
use communique::source::{self, scan};
use std::path::Path;

#[test]
fn every_corpus_document_loads_without_error() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let config = Config::default();
    let root = shared.join("corpus");
    let (files, _) = scan::scan(&root);
    assert!(
        files.len() > 50,
        "corpus should hold dozens of documents, found {}",
        files.len()
    );
    let mut errors = Vec::new();
    let mut entries = 0;
    let mut warnings = 0;
    for rel in &files {
        let loaded = source::load_file(&root, rel, &config);
        entries += loaded.entries.len();
        for d in &loaded.diagnostics {
            if d.is_error() {
                errors.push(d.to_string());
            } else {
                warnings += 1;
                eprintln!("warning (allowed): {d}");
            }
        }
        for e in &loaded.entries {
            let year = e.date.at.format("%Y").to_string();
            assert!(
                ("1990".."2031").contains(&year.as_str()),
                "{}: implausible date {}",
                rel.display(),
                e.date.at
            );
            assert!(!e.title.trim().is_empty(), "{}: empty title", rel.display());
        }
    }
    eprintln!(
        "{} files, {entries} entries, {warnings} warnings",
        files.len()
    );
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
}

#[test]
fn every_seed_loads_without_error() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let root = shared.join("seeds");
    let config = Config::default();
    for name in [
        "communique-nec-2023.md",
        "event-etat-partenaire-communs.md",
        "press-coverage-aic.md",
        "press-coverage-eig.md",
        "press-coverage-espace-presse.md",
    ] {
        let loaded = source::load_file(&root, Path::new(name), &config);
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
    }
}
