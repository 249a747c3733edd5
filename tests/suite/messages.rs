//! The press officer's language: the binary speaks French under a French locale and English
//! otherwise, every diagnostic at the place to fix.

use crate::support::cli::{self, check, text};
use std::fs;
use std::path::Path;

/// A releases folder with one of each common mistake.
fn mistakes(dir: &Path) {
    let c = dir.join("releases/communiques");
    fs::create_dir_all(&c).unwrap();
    let write = |name: &str, text: &str| fs::write(c.join(name), text).unwrap();
    write(
        "bon.md",
        "---\ntitle: Tout va bien\ndate: 2026-11-02\n---\nTexte.\n",
    );
    write(
        "faute.md",
        "---\ntilte: Bonjour\ndate: 2026-11-02\n---\nTexte.\n",
    );
    write(
        "guillemet.md",
        "---\ntitle: \"Bilan 2023\ndate: 2026-11-02\nplace: Paris\n---\nTexte.\n",
    );
    write(
        "tabulation.md",
        "---\ntitle: A\n\tdate: 2026-11-02\n---\nTexte.\n",
    );
    write(
        "embargo.md",
        "---\ntitle: B\ndate: 2026-11-02\nembrago: 2027-01-01\n---\nTexte.\n",
    );
    write(
        "demain.md",
        "---\ntitle: C\ndate: 2026-12-03 08:00\n---\nTexte.\n",
    );
    write(
        "brouillon.md",
        "---\ntitle: D\ndate: 2026-11-02\ndraft: oui\n---\nTexte.\n",
    );
}

#[test]
fn check_speaks_french_under_a_french_locale_and_english_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    mistakes(dir.path());
    let fr = check(dir.path(), "fr_FR.UTF-8");
    let en = check(dir.path(), "C.UTF-8");
    assert_eq!(fr.status.code(), Some(1));
    assert_eq!(en.status.code(), Some(1));
    let (fr, en) = (text(&fr), text(&en));
    for expected in [
        "faute.md:2:1: erreur: aucun titre trouvé",
        "aide: voulez-vous dire `title` ?",
        "guillemet.md:2:8: erreur: un guillemet ouvert ici n'est jamais fermé",
        "tabulation.md:3:1: erreur: une tabulation sert d'indentation",
        "aide: remplacez la tabulation par des espaces",
        "embargo.md:4:1: erreur: `embrago` n'est pas une clé connue, mais ressemble à `embargo`",
        "1 publié, 1 programmé (prochain : 3 décembre 2026 à 8 h 00), 1 brouillon, 4 erreurs",
    ] {
        assert!(fr.contains(expected), "missing «{expected}» in:\n{fr}");
    }
    for english in [
        "error:",
        "help:",
        "warning:",
        "no title",
        "not a key",
        " published",
    ] {
        assert!(
            !fr.contains(english),
            "English «{english}» in French output:\n{fr}"
        );
    }
    for expected in [
        "faute.md:2:1: error: no title found",
        "help: did you mean `title`?",
        "guillemet.md:2:8: error: a quote opened here is never closed",
        "tabulation.md:3:1: error: a tab is used for indentation",
        "1 published, 1 scheduled (next: 2026-12-03 08:00), 1 draft, 4 errors",
    ] {
        assert!(en.contains(expected), "missing «{expected}» in:\n{en}");
    }
    // Every diagnostic line names file:line:column.
    for line in fr
        .lines()
        .filter(|l| l.contains(": erreur:") || l.contains(": avertissement:"))
    {
        let location = line.split(": ").next().unwrap();
        let parts: Vec<&str> = location.rsplitn(3, ':').collect();
        assert!(
            parts.len() == 3
                && parts
                    .iter()
                    .take(2)
                    .all(|p| p.parse::<usize>().is_ok_and(|n| n > 0)),
            "no line:column in «{line}»"
        );
    }
}

#[test]
fn new_writes_a_draft_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let new = |kind: &str| {
        cli::communique()
            .args([
                "new",
                kind,
                "Lancement : « Suite numérique » v2",
                "--releases",
            ])
            .arg(&releases)
            .env("LANG", "fr_FR.UTF-8")
            .output()
            .unwrap()
    };
    for (kind, folder) in [
        ("communique", "communiques"),
        ("evenement", "agenda"),
        ("revue", "revue-de-presse"),
    ] {
        let made = new(kind);
        assert!(made.status.success(), "{}", text(&made));
        let path = String::from_utf8_lossy(&made.stdout).trim().to_string();
        assert!(
            path.ends_with(&format!("{folder}/lancement-suite-numerique-v2.md")),
            "{path}"
        );
        let written = fs::read_to_string(&path).unwrap();
        assert!(
            written.contains("draft: true") && written.contains("date: 20"),
            "{written}"
        );
        // A second time: never overwritten.
        let again = new(kind);
        assert!(!again.status.success());
        assert!(text(&again).contains("existe déjà"), "{}", text(&again));
    }
    let checked = check(dir.path(), "fr_FR.UTF-8");
    let out = text(&checked);
    assert_eq!(checked.status.code(), Some(0), "{out}");
    // French counts 0 in the singular.
    assert!(out.contains("0 publié, 3 brouillons"), "{out}");
}
