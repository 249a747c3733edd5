//! Every seed and every press document of the real-world corpus loads without error.

use crate::support::clock::now;
use crate::support::corpus::{entries_of, shared_dir};
use crate::support::{feed, files, site};
use communique::source::{self, scan};
use communique::{Config, Kind};
use std::path::Path;

#[test]
fn every_corpus_document_loads_without_error() {
    let Some(shared) = shared_dir() else {
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
    let mut placeholders = 0;
    let mut entries = 0;
    let mut warnings = 0;
    for found in &files {
        let rel = Path::new(&found.rel);
        let loaded = source::load_file(&root, rel, &config);
        entries += loaded.entries.len();
        for d in &loaded.diagnostics {
            if d.is_error() && is_known_placeholder(rel, d) {
                placeholders += 1;
            } else if d.is_error() {
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
    assert_eq!(
        placeholders, 1,
        "the corpus' Lorem ipsum event must be held back"
    );
}

/// The corpus holds one CMS test page of Lorem ipsum: it must be refused, not published.
fn is_known_placeholder(rel: &Path, d: &communique::Diagnostic) -> bool {
    rel.ends_with("_evenements/evenements-2.md")
        && matches!(&d.problem, communique::Problem::Placeholder { words } if words.iter().any(|w| w == "lorem ipsum"))
}

#[test]
fn every_seed_loads_without_error() {
    let Some(shared) = shared_dir() else {
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

/// krilla validates PDF/A-2a and PDF/UA-1 at export: every communiqué of the seeds and of the
/// corpus must export under both.
#[test]
fn every_corpus_communique_exports_as_pdf_a2a_and_ua1() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let config = Config::default();
    let assets = communique::pdf::Assets::load(&config.pdf).unwrap();
    let mut rendered = 0;
    for root in [shared.join("seeds"), shared.join("corpus")] {
        for (rel, entry) in entries_of(&root, Kind::Communique, &config) {
            let pdf = communique::pdf::render(&entry, &config, &assets)
                .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            assert!(pdf.starts_with(b"%PDF-"), "{}", rel.display());
            rendered += 1;
        }
    }
    eprintln!("{rendered} communiqués exported as PDF/A-2a + PDF/UA-1");
    assert!(
        rendered >= 25,
        "expected the corpus communiqués, rendered {rendered}"
    );
}

/// The whole corpus, published at once, gives feeds that a strict XML parser and feed-rs accept.
#[test]
fn the_whole_corpus_publishes_valid_feeds() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let report = site::build(&shared.join("corpus"), out.path(), Config::default(), now());
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !is_known_placeholder(&d.file, d))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut xml_feeds = 0;
    for path in files::files_below(out.path()) {
        if path.extension().is_some_and(|e| e == "xml") {
            let parsed = feed::read(&out.path().join(&path));
            assert!(
                !parsed.entries.is_empty() || !path.starts_with("agenda"),
                "{}",
                path.display()
            );
            xml_feeds += 1;
        }
    }
    assert!(xml_feeds >= site::FEEDS.len(), "{xml_feeds} feeds read");
    assert!(report.entries > 100, "{} entries", report.entries);
}
