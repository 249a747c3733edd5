use super::*;
use crate::config::Config;
use crate::diagnostic::Problem;
use crate::diagnostic::Severity;
use crate::source::load_text;
use std::path::Path;

fn load(text: &str) -> crate::source::Loaded {
    load_text(Path::new("communiques/c.md"), text, &Config::default())
}

fn page(front: &str) -> String {
    format!("---\n{front}\ndate: 2024-03-01 10:00\n---\nLe corps du communiqué.\n")
}

/// The problems of a file, located.
fn problems(text: &str) -> Vec<(Severity, usize, Problem)> {
    load(text)
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.line, d.problem))
        .collect()
}

#[test]
fn misspelled_or_translated_controls_keep_the_file_out() {
    for (line, expected) in [
        ("embrago: 2027-01-15 08:00:00 +01:00", "embargo"),
        ("publish: false", "published"),
        ("drfat: true", "draft"),
        ("brouillon: oui", "draft"),
        ("publié: non", "published"),
        ("Publie: false", "published"),
        ("embargo_jusqu_au: 2027-01-15", "embargo"),
        ("embargo-until: 2027-01-15", "embargo"),
        ("Embargoed: 2027-01-15", "embargo"),
        ("pubished: false", "published"),
        ("drafts: true", "draft"),
        ("date_de_publication: 2027-01-15", "published"),
        ("statut: brouillon", "published"),
    ] {
        let loaded = load(&page(&format!("title: T\n{line}")));
        assert!(
            loaded.entries.is_empty() && loaded.withheld,
            "{line}: {loaded:?}"
        );
        let error = loaded.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(error.line, 3, "{line}");
        assert!(
            matches!(&error.problem, Problem::MisspelledControl { control, .. } if control == expected),
            "{line}: {error}"
        );
    }
}

#[test]
fn a_key_behind_an_invisible_character_is_an_error() {
    // (U+FEFF inside YAML is a syntax error: the file is kept out by the YAML parser.)
    let bom = load(&page("title: T\n\u{FEFF}embargo: 2099-01-01"));
    assert!(bom.entries.is_empty() && bom.has_errors(), "{bom:?}");
    for invisible in ['\u{200B}', '\u{200D}', '\u{2060}', '\u{00AD}'] {
        let loaded = load(&page(&format!("title: T\n{invisible}embargo: 2099-01-01")));
        assert!(
            loaded.entries.is_empty() && loaded.withheld,
            "{invisible:?}"
        );
        assert!(matches!(
            &loaded.diagnostics[0].problem,
            Problem::InvisibleCharacterInKey { key } if key == "embargo"
        ));
    }
}

#[test]
fn unknown_keys_warn_on_their_line_with_the_nearest_key() {
    let found = problems(&page("tilte: Mon titre\ntitle: T\ncouleur: bleu"));
    assert!(found.contains(&(
        Severity::Warning,
        2,
        Problem::UnknownKey {
            key: "tilte".into(),
            nearest: Some("title".into())
        }
    )));
    assert!(found.contains(&(
        Severity::Warning,
        4,
        Problem::UnknownKey {
            key: "couleur".into(),
            nearest: None
        }
    )));
    assert!(!load(&page("tilte: Mon titre\ntitle: T")).entries.is_empty());
}

#[test]
fn duplicated_keys_are_errors_even_through_aliases() {
    let loaded = load(&page("title: T\npublished: false\npublished: true"));
    assert!(loaded.entries.is_empty() && loaded.withheld);
    assert_eq!(
        loaded.diagnostics[0].problem,
        Problem::DuplicateKey {
            key: "published".into(),
            first_line: 3
        }
    );
    assert_eq!(loaded.diagnostics[0].line, 4);
    let two_embargoes = load(&page("title: T\nembargo: 2099-01-01\nembargo: 2020-01-01"));
    assert!(two_embargoes.entries.is_empty() && two_embargoes.withheld);
    // Netlify CMS writes both spellings as two fields: not a duplicate.
    let aliases = load(&page("title: T\ncategorie: A\ncategories: B"));
    assert!(!aliases.has_errors(), "{aliases:?}");
    let case = load(&page("title: T\nTitle: U"));
    assert!(case.entries.is_empty() && case.has_errors());
}

#[test]
fn control_values_are_yes_or_no_in_english_or_french() {
    for (line, hold) in [
        ("published: faux", Some(crate::source::Hold::Unpublished)),
        ("published: non", Some(crate::source::Hold::Unpublished)),
        ("published: Non", Some(crate::source::Hold::Unpublished)),
        ("published: vrai", None),
        ("published: oui", None),
        ("draft: oui", Some(crate::source::Hold::Draft)),
        ("draft: true", Some(crate::source::Hold::Draft)),
        ("draft: non", None),
    ] {
        let loaded = load(&page(&format!("title: T\n{line}")));
        assert!(!loaded.has_errors(), "{line}: {loaded:?}");
        assert_eq!(loaded.hold, hold, "{line}");
        assert_eq!(loaded.entries.is_empty(), hold.is_some(), "{line}");
    }
    for line in [
        "published: 0",
        "draft: 1",
        "published: peut-être",
        "draft: [oui]",
        "published:",
    ] {
        let loaded = load(&page(&format!("title: T\n{line}")));
        assert!(
            loaded.entries.is_empty() && loaded.withheld,
            "{line}: {loaded:?}"
        );
        let error = &loaded.diagnostics[0];
        assert!(
            matches!(error.problem, Problem::BadControlValue { .. }),
            "{line}: {error}"
        );
        assert_eq!(error.line, 3, "{line}");
    }
}

#[test]
fn an_embargo_that_is_not_one_date_keeps_the_file_out() {
    for line in [
        "embargo: [2099-01-01]",
        "embargo: {date: 2099-01-01}",
        "embargo: true",
        "embargo:",
        "embargo: demain",
    ] {
        let loaded = load(&page(&format!("title: T\n{line}")));
        assert!(
            loaded.entries.is_empty() && loaded.withheld,
            "{line}: {loaded:?}"
        );
        assert!(
            matches!(loaded.diagnostics[0].problem, Problem::BadEmbargo { .. }),
            "{line}"
        );
    }
    let none = load(&page("title: T\nembargo: non"));
    assert_eq!(none.entries.len(), 1);
    assert_eq!(
        none.entries[0].embargo,
        Some(chrono::DateTime::parse_from_rfc3339("2024-03-01T10:00:00+01:00").unwrap())
    );
}

#[test]
fn every_key_of_the_real_corpus_is_known() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("SKIP: {} is absent", dir.display());
        return;
    }
    let mut files = vec![];
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("_history") {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown")
            {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 30, "{files:?}");
    let mut unknown = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let rel = Path::new("x.md");
        let Ok(doc) =
            crate::source::front_matter::parse(rel, &text, &crate::config::Limits::default())
        else {
            continue;
        };
        for diagnostic in check(rel, &doc).diagnostics {
            unknown.push(format!("{}: {diagnostic}", path.display()));
        }
    }
    assert!(unknown.is_empty(), "{unknown:#?}");
}
