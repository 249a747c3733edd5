//! A releases directory holding press lists in three shapes — a table page, a link-first
//! include file and an Org-mode file — plus a Word document and a Word lock file: the feed
//! (read with feed-rs) has every article with its outlet's name, date and link; the Org file
//! and the document are named in warnings; the lock file is neither published nor named. An
//! article listed both in the table and in the include is one entry.

use crate::support::clock::now;
use crate::support::feed;
use crate::support::files::write;
use crate::support::site::{build_clean, unlimited};
use communique::Problem;
use std::fs;
use std::path::Path;

const TABLE: &str = "---\ntitle: Revue de presse 2024\n---\n\
| Date | Média | Article | Accès |\n\
|:---:|---|---|:---:|\n\
| 2024-03-12 | | [L’État mise sur les communs](https://www.lemonde.fr/pixels/article/2024/03/12/communs.html) | Payant |\n\
| 28 février 2024 | Acteurs publics | [La DINUM recrute](https://acteurspublics.fr/articles/dinum-recrute) | Gratuit |\n";

const INCLUDE: &str = "## 2019\n\n\
- [Les Échos, « La DINUM ouvre ses données »](https://www.lesechos.fr/tech-medias/dinum-donnees-1000) (Mars 2019)\n\
* [Un incubateur au cœur de l’État](https://www.aefinfo.fr/depeche/600123) — 12/03/2019\n\n\
## 2024\n\n\
- [Le Monde, « L’État mise sur les communs »](https://lemonde.fr/pixels/article/2024/03/12/communs.html) (12 mars 2024)\n";

const ORG: &str = "* 2019\n** [[https://www.lesechos.fr/x][Les Échos, « Titre »]] (Mars 2019)\n";

#[test]
fn three_shapes_of_press_lists_reach_the_feed() {
    let releases = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| write(&releases.path().join(rel), text);
    write("revue-de-presse/tableau-2024.md", TABLE);
    write("_includes/presse.md", INCLUDE);
    write("revue-de-presse/presse.org", ORG);
    write("communiques/lancement.docx", "PK\u{3}\u{4}");
    // A Word lock file next to the document it locks: it was once published as a release.
    write(
        "communiques/~$lancement.md",
        "---\ntitle: Verrou\ndate: 2024-01-01\n---\nx\n",
    );
    let report = build_clean(releases.path(), out.path(), unlimited(), now());

    let feed = feed::read(&out.path().join("revue-de-presse/atom.xml"));
    let mut got: Vec<(String, String, String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            (
                // feed-rs gives UTC; the press office's days are Paris days.
                e.published
                    .unwrap()
                    .with_timezone(&chrono_tz::Europe::Paris)
                    .format("%Y-%m-%d")
                    .to_string(),
                e.authors[0].name.clone(),
                e.title.as_ref().unwrap().content.clone(),
                e.links[0].href.clone(),
            )
        })
        .collect();
    got.sort();
    let row = |d: &str, o: &str, t: &str, u: &str| (d.into(), o.into(), t.into(), u.into());
    assert_eq!(
        got,
        [
            row(
                "2019-03-01",
                "Les Échos",
                "La DINUM ouvre ses données",
                "https://www.lesechos.fr/tech-medias/dinum-donnees-1000"
            ),
            row(
                "2019-03-12",
                "AEF info",
                "Un incubateur au cœur de l’État",
                "https://www.aefinfo.fr/depeche/600123"
            ),
            row(
                "2024-02-28",
                "Acteurs publics",
                "La DINUM recrute",
                "https://acteurspublics.fr/articles/dinum-recrute"
            ),
            row(
                "2024-03-12",
                "Le Monde",
                "L’État mise sur les communs",
                // Merged: the link of the copy whose page names the outlet.
                "https://lemonde.fr/pixels/article/2024/03/12/communs.html"
            ),
        ]
    );
    // The access column is kept as a category of the entry.
    let monde = feed
        .entries
        .iter()
        .find(|e| e.authors[0].name == "Le Monde")
        .unwrap();
    assert!(
        monde.categories.iter().any(|c| c.term == "Payant"),
        "{:?}",
        monde.categories
    );

    let said = |file: &str| -> Vec<&Problem> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.file == Path::new(file))
            .map(|d| &d.problem)
            .collect()
    };
    assert_eq!(
        said("revue-de-presse/presse.org"),
        [&Problem::UnreadFormat {
            format: communique::diagnostic::FileFormat::OrgMode
        }]
    );
    assert_eq!(said("communiques/lancement.docx"), [&Problem::IgnoredFile]);
    assert!(said("communiques/~$lancement.md").is_empty());
    let all = fs::read_to_string(out.path().join("atom.xml")).unwrap();
    assert!(
        !all.contains("Verrou"),
        "a Word lock file is never published"
    );
}
