//! End-to-end: the shipped releases become feeds that independent readers accept, with the
//! entries a person counts by hand, stable ids, identical bytes on rebuild, and no leaks.

use crate::support::clock::{at, now};
use crate::support::feed::{ids, read as read_feed};
use crate::support::files::{self, copy_tree};
use crate::support::pdf::text_of;
use crate::support::site::{self, FEEDS, releases_dir, unlimited};
use chrono::{DateTime, FixedOffset};
use communique::pipeline::BuildReport;
use communique::{Config, Problem};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn build(releases: &Path, out: &Path) -> BuildReport {
    build_at(releases, out, now())
}

fn build_at(releases: &Path, out: &Path, at: DateTime<FixedOffset>) -> BuildReport {
    site::build(releases, out, unlimited(), at)
}

#[test]
fn shipped_releases_give_the_hand_counted_entries() {
    let out = tempfile::tempdir().unwrap();
    let report = build(&releases_dir(), out.path());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    // Counted by reading the seeds:
    // - communiques/communique-nec-2023.md: one converted communiqué            → 1
    // - agenda/vers-un-etat-…md: one event                                      → 1
    // - revue-de-presse/accelerateur-initiatives-citoyennes.md: 9 bold dates, one link each
    //   (the empty `[](url)` inside "**Le 7 octobre 2022 [](…)**" repeats the link below it;
    //   the closing "Contactez le service de presse" link is not an article)     → 9
    // - revue-de-presse/espace-presse.md: 8 bold dates, "7 octobre 2021" has two links,
    //   the 9 avril 2020 title is split over two lines; footer link excluded      → 9
    // - revue-de-presse/entrepreneurs-interet-general.md: 55 `#### headline` each followed
    //   by one `[Outlet, date](url)`; the italic header link is not an article    → 55
    // Before deduplication: 9 + 9 + 55 = 73 articles. The same article on two pages:
    //   by URL (espace-presse ↔ EIG): la-cinquieme-promotion, la-feminisation, le-programme-…
    //   consolide (dated 2020 on one page, 2019 on the other: a warning), forbes.fr
    //   entreprendre, lemondeinformatique 82154, start.lesechos 1352864               → 6
    //   by title + date: "La Dinum vise la parité en 2022", 11 octobre 2021, under
    //   nextinpact.com on one page and next.ink (the outlet's new domain) on the other → 1
    // After deduplication: 73 − 7 = 66 articles.
    let expected = [
        ("atom.xml", 68),
        ("rss.xml", 68),
        ("communiques/atom.xml", 1),
        ("communiques/rss.xml", 1),
        ("agenda/atom.xml", 1),
        ("agenda/rss.xml", 1),
        ("revue-de-presse/atom.xml", 66),
        ("revue-de-presse/rss.xml", 66),
    ];
    for (feed, count) in expected {
        let parsed = read_feed(&out.path().join(feed));
        assert_eq!(parsed.entries.len(), count, "{feed}");
        for entry in &parsed.entries {
            assert!(
                !entry.authors.is_empty(),
                "{feed}: {} has no author",
                entry.id
            );
            assert!(entry.id.starts_with("tag:"), "{feed}: {}", entry.id);
            assert!(!entry.links.is_empty(), "{feed}: {} has no link", entry.id);
        }
        let unique: BTreeSet<_> = parsed.entries.iter().map(|e| &e.id).collect();
        assert_eq!(unique.len(), parsed.entries.len(), "{feed}: duplicate ids");
    }
    let conflict = report.diagnostics.iter().find(|d| {
        matches!(&d.problem, Problem::ConflictingDates { .. })
            && d.to_string().contains("consolide")
            || matches!(&d.problem, Problem::ConflictingDates { other, .. }
                if other.contains("espace-presse.md") || other.contains("entrepreneurs-interet-general.md"))
    });
    assert!(
        conflict.is_some(),
        "a warning names both pages: {:#?}",
        report.diagnostics
    );
}

#[test]
fn the_converted_communique_is_understood() {
    let out = tempfile::tempdir().unwrap();
    build(&releases_dir(), out.path());
    let feed = read_feed(&out.path().join("communiques/atom.xml"));
    let entry = &feed.entries[0];
    let title = entry.title.as_ref().unwrap().content.clone();
    assert!(
        title.starts_with(
            "NUMÉRIQUE EN COMMUN[S] 2023 : LA DIRECTION INTERMINISTÉRIELLE DU NUMÉRIQUE, "
        ),
        "{title}"
    );
    let published = entry.published.unwrap();
    assert_eq!(
        published.timestamp(),
        at("2023-09-12T00:00:00+02:00").timestamp()
    );
    let raw = fs::read_to_string(out.path().join("communiques/atom.xml")).unwrap();
    assert!(
        raw.contains("2023-09-12T00:00:00+02:00"),
        "Paris offset kept in the XML"
    );
    let summary = entry.summary.as_ref().unwrap().content.clone();
    assert!(
        summary.contains("Pour rendre l'action publique plus proche"),
        "{summary}"
    );
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    assert!(content.contains("Partenaire de l'événement aux côtés de la Mednum"));
    assert!(
        content.contains("LE GRAND RDV DU NUMÉRIQUE"),
        "the annex page stays in the body"
    );
    // The contact block repeated on each page is read once and shown once, at the end.
    assert_eq!(
        content.matches("Relations presse et événementiel").count(),
        1,
        "{content}"
    );
    assert!(
        content
            .trim_end()
            .ends_with("Relations presse et événementiel</p>")
    );
    for furniture in ["GOUVERNEMENT", "Liberté", "Tél :", "COMMUNIQUÉ DE PRESSE"] {
        assert!(
            !content.contains(furniture),
            "page furniture `{furniture}` in content"
        );
    }
    // Place comes from the dateline.
    let communique = communique::source::load_file(
        &releases_dir(),
        Path::new("communiques/communique-nec-2023.md"),
        &Config::default(),
    );
    assert_eq!(communique.entries[0].place.as_deref(), Some("Paris"));
}

#[test]
fn ids_do_not_change_when_text_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    copy_tree(&releases_dir(), &releases);
    let out = dir.path().join("feeds");
    build(&releases, &out);
    let before: BTreeMap<&str, Vec<String>> =
        FEEDS.iter().map(|f| (*f, ids(&out.join(f)))).collect();

    let edit = |rel: &str, from: &str, to: &str| {
        let path = releases.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} should contain {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // A title, a body paragraph, an article title and an excerpt.
    edit(
        "communiques/communique-nec-2023.md",
        "### **NUMÉRIQUE EN COMMUN[S] 2023",
        "### **NUMÉRIQUE EN COMMUNS 2023 (titre corrigé)",
    );
    edit(
        "communiques/communique-nec-2023.md",
        "La mobilisation des équipes",
        "La forte mobilisation des équipes",
    );
    edit(
        "agenda/vers-un-etat-partenaire-des-communs-numeriques.md",
        "title: Vers un Etat-Partenaire",
        "title: Vers un État partenaire",
    );
    edit(
        "revue-de-presse/entrepreneurs-interet-general.md",
        "Réflexions à partir de l’étude",
        "Réflexions nouvelles à partir de l’étude",
    );
    edit(
        "revue-de-presse/accelerateur-initiatives-citoyennes.md",
        "[Les communs numériques, graines",
        "[Les communs numériques : graines",
    );
    build(&releases, &out);
    for feed in FEEDS {
        let mut a = before[feed].clone();
        let mut b = ids(&out.join(feed));
        a.sort();
        b.sort();
        assert_eq!(a, b, "{feed}: ids changed after editing text");
    }
    let titles: Vec<String> = read_feed(&out.join("communiques/atom.xml"))
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert!(
        titles[0].contains("titre corrigé"),
        "the edit is published: {titles:?}"
    );
}

fn snapshot(dir: &Path) -> BTreeMap<std::path::PathBuf, (Vec<u8>, std::time::SystemTime)> {
    files::files_below(dir)
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = fs::read(&path).unwrap();
            let mtime = fs::metadata(&path).unwrap().modified().unwrap();
            (rel, (bytes, mtime))
        })
        .collect()
}

#[test]
fn rebuilding_gives_the_same_bytes_and_rewrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds");
    let first = build(&releases_dir(), &out);
    assert!(!first.written.is_empty());
    let before = snapshot(&out);
    std::thread::sleep(std::time::Duration::from_millis(30));
    let second = build(&releases_dir(), &out);
    assert!(second.written.is_empty(), "rewrote {:?}", second.written);
    assert_eq!(
        second.pdfs_rendered, 0,
        "unchanged communiqués are not re-rendered"
    );
    assert_eq!(before, snapshot(&out), "bytes or mtimes changed");
    // Deleting feeds/ and building again gives the same bytes.
    let fresh = dir.path().join("fresh");
    build(&releases_dir(), &fresh);
    let a: BTreeMap<_, _> = before.into_iter().map(|(k, (b, _))| (k, b)).collect();
    let b: BTreeMap<_, _> = snapshot(&fresh)
        .into_iter()
        .map(|(k, (b, _))| (k, b))
        .collect();
    assert_eq!(a, b);
}

#[test]
fn hostile_markup_never_reaches_a_reader_and_the_rest_still_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    copy_tree(&releases_dir(), &releases);
    fs::write(
        releases.join("communiques/hostile.md"),
        "---\ntitle: \"Piège <script>alert(1)</script> \u{1}\u{8}\"\ndate: 2024-01-02 10:00:00 +01:00\nchapeau-text: '<img src=x onerror=alert(1)> chapeau'\n---\n\
         Texte <script>alert('x')</script> et <b onclick=\"evil()\">gras</b>.\n\n\
         [lien](javascript:alert(1)) [autre](JaVaScRiPt:alert(2)) <a href=\"&#106;avascript:alert(3)\">x</a>\n\n\
         <iframe src=\"https://evil.example\"></iframe><style>body{}</style><object data=\"x\"></object>\n\n\
         [data](data:text/html;base64,PHNjcmlwdD4=) contrôle:\u{b}\u{c}\u{1f} fin \u{fffe}\n",
    )
    .unwrap();
    let out = dir.path().join("feeds");
    let report = build(&releases, &out);
    for feed in FEEDS {
        let parsed = read_feed(&out.join(feed));
        let raw = fs::read_to_string(out.join(feed)).unwrap();
        let unescaped = raw
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "&#106;avascript",
            "data:text",
            "<iframe",
            "<style",
            "<object",
        ] {
            assert!(!unescaped.contains(bad), "{feed} contains {bad}");
        }
        assert!(
            !raw.contains(['\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}']),
            "{feed}: control characters"
        );
        if feed == "communiques/atom.xml" {
            assert_eq!(
                parsed.entries.len(),
                2,
                "the hostile communiqué and the seed both publish"
            );
        }
    }
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| matches!(d.problem, Problem::ControlCharacters { .. }))
    );
}

#[test]
fn drafts_and_embargoes_stay_out_until_their_time() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    fs::create_dir_all(releases.join("communiques")).unwrap();
    fs::write(
        releases.join("communiques/brouillon.md"),
        "---\ntitle: Brouillon\ndate: 2024-01-01\npublished: false\n---\nTexte.\n",
    )
    .unwrap();
    fs::write(
        releases.join("communiques/sous-embargo.md"),
        "---\ntitle: Annonce sous embargo\ndate: 2026-11-23 09:00:00 +01:00\nembargo: 2026-11-24 08:00:00 +01:00\n---\nTexte.\n",
    )
    .unwrap();
    fs::write(
        releases.join("communiques/publie.md"),
        "---\ntitle: Déjà public\ndate: 2026-11-20 09:00:00 +01:00\n---\nTexte.\n",
    )
    .unwrap();
    let out = dir.path().join("feeds");
    let before = build(&releases, &out);
    assert_eq!(
        before.next_embargo.unwrap().to_rfc3339(),
        "2026-11-24T08:00:00+01:00"
    );
    let listing: Vec<String> = files::files_below(&out)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    for file in &listing {
        let text = String::from_utf8_lossy(&fs::read(out.join(file)).unwrap()).to_string();
        assert!(
            !file.contains("embargo")
                && !text.contains("sous embargo")
                && !text.contains("sous-embargo"),
            "leak in {file}"
        );
        assert!(
            !file.contains("brouillon") && !text.contains("Brouillon"),
            "draft in {file}"
        );
    }
    assert_eq!(ids(&out.join("communiques/atom.xml")).len(), 1);
    let after = build_at(&releases, &out, at("2026-11-24T08:00:00+01:00"));
    assert!(after.next_embargo.is_none());
    assert_eq!(ids(&out.join("communiques/atom.xml")).len(), 2);
}

#[test]
fn feeds_link_each_pdf_with_its_exact_length() {
    let out = tempfile::tempdir().unwrap();
    build(&releases_dir(), out.path());
    let pdf = out.path().join("pdf/communique-nec-2023.pdf");
    let length = fs::metadata(&pdf).unwrap().len();
    let url = "https://www.numerique.gouv.fr/feeds/pdf/communique-nec-2023.pdf";
    for feed in [
        "atom.xml",
        "communiques/atom.xml",
        "rss.xml",
        "communiques/rss.xml",
    ] {
        let parsed = read_feed(&out.path().join(feed));
        let entry = parsed
            .entries
            .iter()
            .find(|e| e.id.ends_with("communiques/communique-nec-2023"))
            .unwrap();
        let raw = fs::read_to_string(out.path().join(feed)).unwrap();
        if feed.ends_with("atom.xml") {
            let enclosure = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref() == Some("enclosure"))
                .unwrap();
            assert_eq!(enclosure.href, url, "{feed}");
            assert_eq!(enclosure.length, Some(length), "{feed}");
        } else {
            assert!(
                raw.contains(&format!(
                    "<enclosure url=\"{url}\" length=\"{length}\" type=\"application/pdf\""
                )),
                "{feed}"
            );
        }
        // Some readers drop non-media enclosures: the content links the PDF too.
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .unwrap_or_default();
        assert!(content.contains(url), "{feed}: no PDF link in the content");
    }
}

#[test]
fn a_front_matter_contact_replaces_the_default_block_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases/communiques");
    fs::create_dir_all(&releases).unwrap();
    fs::write(
        releases.join("suite-numerique.md"),
        "---\ntitle: L’État lance une suite numérique\ndate: 2024-05-23 14:00:00 +02:00\ncategories:\n- Communiqué de presse\ncontact-presse:\n  name: Claire Brisoux\n  tel:\n  - 01.71.21.12.50\n  - '06 84 89 45 95 '\n  mail: claire.brisoux@modernisation.gouv.fr\n  Key:\n---\nPremier employeur de France, la fonction publique se doit de garantir à ses agents l’accès à des outils numériques performants.\n",
    )
    .unwrap();
    let out = dir.path().join("feeds");
    let report = build(&dir.path().join("releases"), &out);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    let Some(text) = text_of(&out.join("pdf/suite-numerique.pdf")) else {
        return;
    };
    let text = text.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains("Claire Brisoux"), "{text}");
    assert!(
        text.contains("claire.brisoux@modernisation.gouv.fr"),
        "{text}"
    );
    assert!(text.contains("01 71 21 12 50 – 06 84 89 45 95"), "{text}");
    assert!(
        !text.contains("floriane.beaudron"),
        "the default block is replaced: {text}"
    );
}

#[test]
fn a_pdf_altered_behind_the_manifest_is_rendered_again() {
    // A crash between a PDF write and the manifest write can leave another version's PDF of
    // the same length on disk: the next build must not trust the manifest for it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds");
    build(&releases_dir(), &out);
    let pdf = out.join("pdf/communique-nec-2023.pdf");
    let good = fs::read(&pdf).unwrap();
    let mut other = good.clone();
    let middle = other.len() / 2;
    other[middle] ^= 0x20;
    fs::write(&pdf, &other).unwrap();
    let report = build(&releases_dir(), &out);
    assert_eq!(report.pdfs_rendered, 1);
    assert_eq!(fs::read(&pdf).unwrap(), good);
}
