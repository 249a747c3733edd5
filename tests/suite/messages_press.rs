//! Press pages, front-matter lists and files that are not releases, checked under a French
//! and an English locale: every reason and hint a press officer reads is in their language
//! (the reasons an article is skipped included), and the English wording stays as it was.

use crate::support::cli;
use std::fs;
use std::path::Path;

/// A releases folder where nothing but the mistakes matters.
fn mistakes(dir: &Path) {
    let revue = dir.join("releases/revue-de-presse");
    let communiques = dir.join("releases/communiques");
    fs::create_dir_all(&revue).unwrap();
    fs::create_dir_all(&communiques).unwrap();
    fs::write(
        revue.join("presse-2021.md"),
        "---\ntitle: La presse en parle\n---\n\n## Presse régionale\n\n\
         [Un article sans date](https://www.ouest-france.fr/numerique/a)\n\n\
         **30 février 2021**\n\n\
         - [Sous une date cassée](https://www.sudouest.fr/b)\n\n\
         | Quand | Titre | Média |\n|---|---|---|\n\
         |  | [Case vide](https://www.lamontagne.fr/c) | La Montagne |\n\
         | 4 juin 2021 | Sans aucun lien | La Dépêche |\n",
    )
    .unwrap();
    fs::write(
        revue.join("anciens.md"),
        "---\ntitle: Anciens articles\ncommuniques:\n  - title: Premier\n    url: https://www.lefigaro.fr/x\n  - title: Second\n    date: 12 mars 2018\n---\n",
    )
    .unwrap();
    fs::write(revue.join("export.org"), "* Presse\n").unwrap();
    fs::write(communiques.join("brouillon.odt"), "PK").unwrap();
    fs::write(communiques.join("memo.txt"), "à relire").unwrap();
}

/// What `communique check` says under the locale `lang`.
fn check(dir: &Path, lang: &str) -> String {
    cli::text(&cli::check(dir, lang))
}

#[test]
fn reasons_and_hints_of_press_pages_are_translated() {
    let dir = tempfile::tempdir().unwrap();
    mistakes(dir.path());
    let fr = check(dir.path(), "fr_FR.UTF-8");
    let en = check(dir.path(), "C.UTF-8");
    for expected in [
        "presse-2021.md:7:1: avertissement: article ignoré : aucune date sur sa ligne ni au-dessus",
        "presse-2021.md:11:3: avertissement: article ignoré : la date au-dessus (ligne 9), `30 février 2021`, n'est pas une date",
        "aide: écrivez la date sous la forme `**12 septembre 2023**`",
        "article ignoré : sa case de date est vide",
        "aide: mettez le lien de l'article dans la ligne du tableau",
        "anciens.md:3: avertissement: article ignoré : il n'a pas de `date`",
        "aide: article 1 de la liste : écrivez `date: 12 mars 2019` dans l'élément",
        "aide: article 2 de la liste : ajoutez son adresse",
        "export.org: avertissement: format non lu (fichier Org-mode)",
        "brouillon.odt: avertissement: ignoré : seuls les fichiers .md et .markdown sont lus",
        "aide: renommez-le avec l'extension .md pour le publier",
    ] {
        assert!(fr.contains(expected), "missing «{expected}» in:\n{fr}");
    }
    // Words of the English messages: none may reach a French reader.
    for english in [
        "skipped", " the ", " is not ", "write ", " its ", " it ", "rename", "move ",
    ] {
        assert!(
            !fr.contains(english),
            "English «{english}» in French output:\n{fr}"
        );
    }
    for expected in [
        "presse-2021.md:7:1: warning: article skipped: no date on its line or above it",
        "article skipped: the date above it (line 9), `30 février 2021`, is not a date",
        "article skipped: its date cell is empty",
        "anciens.md:3: warning: article skipped: it has no `date`",
        "help: article 1 of the list: write `date: 12 mars 2019` in the item",
        "export.org: warning: an Org-mode file is not read",
        "help: rename it to end in .md to publish it",
    ] {
        assert!(en.contains(expected), "missing «{expected}» in:\n{en}");
    }
}
