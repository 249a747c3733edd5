//! Every communiqué and event link communique publishes is a page a real `jekyll build`
//! writes: the shared corpus of numerique.gouv.fr, plus hand-written file names (accents,
//! apostrophes, dots, spaces, parentheses, upper case, very long, decomposed accents, own
//! `permalink:` and `slug:`). Needs Debian's `jekyll`; says SKIP without it.

use crate::support::corpus::shared_dir;
use crate::support::files::files_below;
use communique::Config;
use communique::feeds::entry_link;
use communique::source::load_bytes;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn jekyll_available() -> bool {
    let found = Command::new("jekyll")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "SKIP: `jekyll` is not installed (apt-get install jekyll); links not checked against Jekyll"
        );
    }
    found
}

/// Names Jekyll skips (`EntryFilter`): no page, so no entry.
const REFUSED: [&str; 3] = ["_brouillon.md", "#1-priorite.md", "copie.md~"];

fn front_matter(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-03-12 10:00:00 +01:00\n{extra}---\n\nCorps du communiqué.\n"
    )
}

/// Files written by hand, as (path in the Jekyll site, contents).
fn hand_written() -> Vec<(String, String)> {
    let long = format!(
        "{}-et-la-suite-du-programme.md",
        "Le-gouvernement-annonce-une-strategie-pour-le-numerique-de-l-Etat".repeat(3)
    );
    let names = [
        "L'État-et-les-Communs.md",
        "Appel à projets (2024) : résultats !.md",
        "rapport.v2.final.markdown",
        "100 %-numérique #1 ?.md",
        "UPPER-Case-Ñandú_2024.md",
        "Ça-&-ça+plus=égal@dinum.md",
        "l’IA-dans-l’administration.md",
        "a..b.md",
        "fin-par-un-point..md",
        "2024-03-12-Communiqué-daté.md",
        "sans extension",
        // Jekyll writes no page for these: communique must refuse them, not link a 404.
        REFUSED[0],
        REFUSED[1],
        REFUSED[2],
        "sous-dossier/_pas-ignore/fichier.md",
        "  espaces  en   trop  .md",
        "a~b$c,d;e*f[g]{h}|i^j`k=l.md",
        "fête 🎉 numérique\tà Ⅻ heures ².md",
        "数字政府-et-٣-ª.md",
        "Ⓐ-🄰-lettres-cerclées.md",
        "E\u{301}tat-de\u{301}compose\u{301}.md",
        long.as_str(),
    ];
    let mut out: Vec<(String, String)> = names
        .iter()
        .map(|n| (format!("_communiques/{n}"), front_matter("Titre", "")))
        .collect();
    out.push((
        "_communiques/own-permalink.md".into(),
        front_matter(
            "Propre lien",
            "permalink: /espace-presse/un-autre-nom-Été/\n",
        ),
    ));
    out.push((
        "_communiques/own-pattern.md".into(),
        front_matter("Motif", "permalink: /presse/:year/:month/:title/\n"),
    ));
    out.push((
        "_communiques/2024/Classé.md".into(),
        front_matter("Classé", "permalink: /presse/:categories/:title/\n"),
    ));
    out.push((
        "_communiques/categories-liste.md".into(),
        front_matter(
            "Liste",
            "categories: [Presse, DINUM]\npermalink: /c/:categories/:title/\n",
        ),
    ));
    out.push((
        "_communiques/categories-texte.md".into(),
        front_matter(
            "Texte",
            "categories: Presse Numérique\npermalink: /c/:categories/:title/\n",
        ),
    ));
    out.push((
        "_communiques/permalink-false.md".into(),
        front_matter("Faux", "permalink: false\n"),
    ));
    out.push((
        "_communiques/with-slug.md".into(),
        front_matter("Slug", "slug: Nom Choisi (v2)\n"),
    ));
    out.push((
        "_evenements/Rencontre des Communs — Édition 2024.md".into(),
        "---\ntitle: Rencontre\nevent_start_date: 2024-05-10 14:00:00 +02:00\ndate: 2024-04-01\n---\n\nProgramme.\n".into(),
    ));
    out
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every page Jekyll wrote, as the site paths that serve it: `/x/` for `x/index.html`,
/// `/x.html` and `/x` for `x.html` (Jekyll adds `.html` to a URL without a trailing slash).
fn pages(out: &Path) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    for file in files_below(out) {
        let file = file.to_string_lossy().into_owned();
        if let Some(dir) = file.strip_suffix("index.html") {
            pages.insert(format!("/{dir}"));
        } else if let Some(stem) = file.strip_suffix(".html") {
            pages.insert(format!("/{file}"));
            pages.insert(format!("/{stem}"));
        }
    }
    pages
}

#[test]
fn every_link_is_a_page_jekyll_wrote() {
    let Some(shared) = shared_dir() else {
        return;
    };
    if !jekyll_available() {
        return;
    }
    let corpus = shared.join("corpus/numerique-gouv__numerique.gouv.fr");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let config = Config::default();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for folder in ["_communiques", "_evenements"] {
        for name in std::fs::read_dir(corpus.join(folder)).unwrap() {
            let name = name.unwrap().file_name();
            let rel = Path::new(folder).join(&name);
            files.push((rel.clone(), std::fs::read(corpus.join(&rel)).unwrap()));
        }
    }
    let corpus_files = files.len();
    for (rel, text) in hand_written() {
        files.push((PathBuf::from(rel), text.into_bytes()));
    }
    for (rel, bytes) in &files {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    // The site's collections as communique's configuration has them; no theme, layouts or
    // plugins (not installed here), and Liquid off: only the URLs matter.
    let mut yml = String::from("timezone: Europe/Paris\ncollections:\n");
    for c in &config.collections {
        yml.push_str(&format!(
            "  {}:\n    output: true\n    permalink: \"{}\"\n",
            c.label, c.permalink
        ));
    }
    yml.push_str(
        "defaults:\n- scope: {path: ''}\n  values: {render_with_liquid: false, layout: none}\n",
    );
    std::fs::write(site.join("_config.yml"), yml).unwrap();
    let out = tmp.path().join("out");
    let status = Command::new("jekyll")
        // Ruby reads file names in the locale's encoding: make it UTF-8 whatever CI sets.
        .env("LC_ALL", "C.UTF-8")
        .args(["build", "--quiet", "--safe", "-s"])
        .arg(&site)
        .arg("-d")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "jekyll build failed");
    let written = pages(&out);

    let mut linked = BTreeSet::new();
    let mut entries = 0;
    for (rel, bytes) in &files {
        let loaded = load_bytes(rel, bytes, &config);
        if REFUSED.iter().any(|r| rel.ends_with(r)) {
            assert!(loaded.entries.is_empty(), "{}", rel.display());
            assert!(
                loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.is_error()
                        && matches!(d.problem, communique::Problem::NoSitePage { .. })),
                "{}: {:#?}",
                rel.display(),
                loaded.diagnostics
            );
        }
        for entry in &loaded.entries {
            entries += 1;
            let link = entry_link(entry, &config);
            assert!(link.is_ascii(), "{link}");
            let path = link
                .strip_prefix(&config.base_url)
                .unwrap_or_else(|| panic!("{link} is not on the site"));
            let page = percent_decode(path);
            assert!(
                written.contains(&page),
                "{}: links {link}, a page Jekyll did not write; Jekyll wrote:\n{written:#?}",
                rel.display()
            );
            linked.insert(page);
        }
    }
    // Nearly every corpus file is an entry (a few are unpublished drafts or placeholders).
    assert!(
        entries >= corpus_files - 4 + hand_written().len() - REFUSED.len(),
        "only {entries} entries"
    );
    // And no two entries claim the same page, and every page Jekyll wrote is linked.
    assert_eq!(linked.len(), entries);
    let unlinked: Vec<&String> = written.difference(&linked).collect();
    // The corpus' Lorem ipsum event is held back as placeholder text: Jekyll publishes it,
    // communique refuses it.
    assert!(
        unlinked
            .iter()
            .all(|p| p.ends_with(".html") || *p == "/agenda/evenements-2/"),
        "pages without an entry: {unlinked:#?}"
    );
}
