//! Editorial safety: nothing goes out by mistake. Each rule is checked on what a journalist
//! would see (the feeds, the PDFs) and on what the press office is told.

use crate::support::clock::at;
use crate::support::files::{contents, files_below, write};
use crate::support::{cli, feed, site};
use chrono::{DateTime, FixedOffset};
use communique::pipeline::{BuildReport, PipelineError, Site};
use communique::{Config, Problem};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// These tests publish on a Sunday, a week after most others.
fn now() -> DateTime<FixedOffset> {
    at("2026-11-29T12:00:00+01:00")
}

/// A releases folder and an output folder side by side, as in the repository.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let tree = Tree {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(tree.releases().join("communiques")).unwrap();
        tree
    }

    fn releases(&self) -> PathBuf {
        self.dir.path().join("releases")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("feeds")
    }

    fn write(&self, rel: &str, text: &str) {
        write(&self.releases().join(rel), text);
    }

    fn site(&self) -> Site {
        let mut site = Site::new(
            Config::default(),
            site::paths(&self.releases(), &self.out()),
        )
        .unwrap();
        site.rescan().unwrap();
        site
    }

    fn build_at(&self, when: DateTime<FixedOffset>) -> Result<BuildReport, PipelineError> {
        let mut site = Site::new(
            Config::default(),
            site::paths(&self.releases(), &self.out()),
        )?;
        site.rescan()?;
        site.publish(when)
    }

    fn build(&self) -> BuildReport {
        self.build_at(now()).unwrap()
    }

    /// Titles in the main Atom feed, read by an independent parser.
    fn titles(&self) -> Vec<String> {
        feed::titles(&self.out().join("atom.xml"))
    }

    fn pdfs(&self) -> Vec<String> {
        files_below(&self.out().join("pdf"))
            .into_iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }
}

fn communique(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-11-02 10:00:00 +01:00\n{extra}---\nLe corps du communiqué, avec assez de mots pour faire un paragraphe.\n"
    )
}

fn seeded() -> Tree {
    let tree = Tree::new();
    tree.write(
        "communiques/lancement.md",
        &communique("Lancement de la Suite numérique", ""),
    );
    tree.write(
        "communiques/bilan-2023.md",
        &communique("Bilan 2023 de Tchap", ""),
    );
    tree.write(
        "communiques/france-services.md",
        &communique("France services", ""),
    );
    tree
}

fn errors_for<'a>(report: &'a BuildReport, file: &str) -> Vec<&'a communique::Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.file == Path::new(file))
        .collect()
}

#[test]
fn misspelled_controls_and_unreadable_values_publish_nothing() {
    let tree = seeded();
    for (name, line) in [
        ("embrago", "embrago: 2027-01-15 08:00:00 +01:00\n"),
        ("publish", "publish: false\n"),
        ("drfat", "drfat: true\n"),
        ("zwsp", "\u{200B}embargo: 2099-01-01\n"),
        ("faux", "published: faux\n"),
        ("zero", "published: 0\n"),
        ("un", "draft: 1\n"),
        ("liste", "embargo: [2099-01-01]\n"),
        ("doublon", "published: false\npublished: true\n"),
        (
            "deux-embargos",
            "embargo: 2099-01-01\nembargo: 2020-01-01\n",
        ),
    ] {
        tree.write(
            &format!("communiques/secret-{name}.md"),
            &communique(&format!("Secret {name}"), line),
        );
    }
    let report = tree.build();
    let titles = tree.titles();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(
        titles.iter().all(|t| !t.starts_with("Secret")),
        "{titles:?}"
    );
    assert!(tree.pdfs().iter().all(|p| !p.contains("secret")));
    for name in [
        "embrago",
        "publish",
        "drfat",
        "zwsp",
        "zero",
        "un",
        "liste",
        "doublon",
        "deux-embargos",
    ] {
        let errors = errors_for(&report, &format!("communiques/secret-{name}.md"));
        assert_eq!(errors.len(), 1, "{name}: {:#?}", report.diagnostics);
        assert!(
            errors[0].line >= 4,
            "{name}: located on the key's line: {}",
            errors[0]
        );
        assert!(errors[0].hint.is_some(), "{name}");
    }
    // `published: faux` is understood: no error, held back on purpose.
    assert!(errors_for(&report, "communiques/secret-faux.md").is_empty());
}

#[test]
fn a_future_date_waits_for_its_day_and_is_listed_as_scheduled() {
    let tree = seeded();
    tree.write(
        "communiques/annonce.md",
        "---\ntitle: Annonce du 3 décembre\ndate: 2026-12-03 08:00\n---\nTexte.\n",
    );
    tree.write(
        "communiques/faute-de-frappe.md",
        "---\ntitle: Date mal tapée\ndate: 2062-11-02\n---\nTexte.\n",
    );
    let report = tree.build();
    assert!(!tree.titles().iter().any(|t| t == "Annonce du 3 décembre"));
    assert_eq!(report.next_embargo, Some(at("2026-12-03T08:00:00+01:00")));
    let scheduled: Vec<&str> = report.scheduled.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(scheduled, ["Annonce du 3 décembre", "Date mal tapée"]);
    assert!(report.diagnostics.iter().any(|d| {
        d.file == Path::new("communiques/faute-de-frappe.md")
            && matches!(d.problem, Problem::UnlikelyDate { .. })
    }));
    let later = tree.build_at(at("2026-12-03T08:00:00+01:00")).unwrap();
    assert_eq!(later.scheduled.len(), 1);
    assert!(tree.titles().iter().any(|t| t == "Annonce du 3 décembre"));
    assert!(tree.pdfs().iter().any(|p| p.contains("annonce")));
}

#[test]
fn an_embargo_notice_in_a_converted_communique_is_an_embargo_and_no_title() {
    let tree = seeded();
    let converted = |notice: &str| {
        format!(
            "GOUVERNEMENT\n\nLiberté\nÉgalité\nFraternité\n\n{notice}\n\nCOMMUNIQUÉ DE PRESSE\n\n## La DINUM ouvre un nouveau service\n\nParis, le 2 novembre 2026\n\n**Le chapeau du communiqué.**\n\nLe corps du texte.\n"
        )
    };
    tree.write(
        "communiques/sous-embargo.md",
        &converted("**EMBARGO JUSQU'AU MARDI 12 MARS 2099 À 8H00**"),
    );
    tree.write(
        "communiques/sous-embargo-bis.md",
        &converted("*Sous embargo jusqu'au 4 février 2099, 6 heures*"),
    );
    tree.write(
        "communiques/embargo-illisible.md",
        &converted("**EMBARGO JUSQU'À LA FIN DE LA CONFÉRENCE**"),
    );
    let report = tree.build();
    assert_eq!(tree.titles().len(), 3, "{:?}", tree.titles());
    let scheduled: Vec<(&str, String)> = report
        .scheduled
        .iter()
        .map(|e| (e.title.as_str(), e.embargo.unwrap().to_rfc3339()))
        .collect();
    assert_eq!(
        scheduled,
        [
            (
                "La DINUM ouvre un nouveau service",
                "2099-02-04T06:00:00+01:00".to_string()
            ),
            (
                "La DINUM ouvre un nouveau service",
                "2099-03-12T08:00:00+01:00".to_string()
            ),
        ]
    );
    let errors = errors_for(&report, "communiques/embargo-illisible.md");
    assert!(
        matches!(errors[..], [d] if matches!(d.problem, Problem::UnreadableEmbargoNotice { .. }) && d.line == 7),
        "{errors:#?}"
    );
    tree.build_at(at("2099-03-12T08:00:00+01:00")).unwrap();
    let titles = tree.titles();
    assert!(
        titles
            .iter()
            .any(|t| t == "La DINUM ouvre un nouveau service"),
        "{titles:?}"
    );
    assert!(titles.iter().all(|t| !t.contains("EMBARGO")), "{titles:?}");
}

#[test]
fn placeholder_text_is_refused_with_the_words_found() {
    let tree = seeded();
    tree.write(
        "communiques/brouillon.md",
        "---\ntitle: Titre provisoire\ndate: 2026-11-02\n---\nLorem ipsum dolor sit amet.\n",
    );
    tree.write(
        "communiques/a-completer.md",
        "---\ntitle: Chiffres clés\ndate: 2026-11-02\n---\nNombre d'usagers : [à compléter].\n\nTODO relire.\n",
    );
    let report = tree.build();
    assert_eq!(tree.titles().len(), 3);
    assert!(
        tree.pdfs()
            .iter()
            .all(|p| !p.contains("brouillon") && !p.contains("completer"))
    );
    let first = errors_for(&report, "communiques/brouillon.md");
    assert!(
        matches!(&first[0].problem, Problem::Placeholder { words } if words.contains(&"titre provisoire".to_string()) && words.contains(&"lorem ipsum".to_string())),
        "{first:#?}"
    );
    assert_eq!(first[0].line, 2, "the title's line");
    let second = errors_for(&report, "communiques/a-completer.md");
    assert!(
        matches!(&second[0].problem, Problem::Placeholder { words } if words.contains(&"TODO".to_string()) && words.contains(&"[à compléter]".to_string())),
        "{second:#?}"
    );
}

#[test]
fn the_file_already_online_keeps_its_place_against_a_newcomer() {
    let tree = seeded();
    tree.build();
    let pdf = fs::read(tree.out().join("pdf/bilan-2023.pdf")).unwrap();
    // "Bilan 2023.md" sorts before "bilan-2023.md" and makes the same id and PDF name.
    tree.write(
        "communiques/Bilan 2023.md",
        &communique("Un autre bilan", ""),
    );
    let report = tree.build();
    let refused = errors_for(&report, "communiques/Bilan 2023.md");
    assert!(
        matches!(&refused[..], [d] if matches!(&d.problem, Problem::SlotTaken { online, .. } if online == "communiques/bilan-2023.md")),
        "{:#?}",
        report.diagnostics
    );
    assert!(errors_for(&report, "communiques/bilan-2023.md").is_empty());
    assert!(tree.titles().contains(&"Bilan 2023 de Tchap".to_string()));
    assert!(!tree.titles().contains(&"Un autre bilan".to_string()));
    assert_eq!(
        fs::read(tree.out().join("pdf/bilan-2023.pdf")).unwrap(),
        pdf
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_version_online_across_runs() {
    let tree = seeded();
    tree.build();
    let before = contents(&tree.out());
    tree.write(
        "communiques/lancement.md",
        "---\ntitle: \"Lancement de la Suite numérique\ndate: 2026-11-02\n---\nNouveau texte.\n",
    );
    // A new process: what was published is remembered in the state, not in memory.
    let report = tree.build();
    assert_eq!(
        contents(&tree.out()),
        before,
        "nothing withdrawn or changed"
    );
    let messages: Vec<&communique::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.file == Path::new("communiques/lancement.md"))
        .collect();
    assert!(messages.iter().any(|d| d.is_error()));
    assert!(
        messages.iter().any(
            |d| matches!(&d.problem, Problem::StillOnline { since } if since == "2026-11-29 12:00")
        ),
        "{messages:#?}"
    );
    // An edit that withholds (a misspelled control) takes it offline at once.
    tree.write(
        "communiques/lancement.md",
        &communique("Lancement", "embrago: 2099-01-01\n"),
    );
    tree.build();
    assert!(!tree.titles().iter().any(|t| t.starts_with("Lancement")));
    assert!(!tree.out().join("pdf/lancement.pdf").exists());
}

#[test]
fn a_broken_edit_stands_in_from_the_copies_a_first_build_of_many_releases_packed() {
    let tree = seeded();
    // Enough releases at once for their kept copies to go in one file (events: no PDF).
    for n in 0..70 {
        tree.write(
            &format!("agenda/rencontre-{n:02}.md"),
            &format!(
                "---\ntitle: Rencontre {n}\ndate: 2026-10-{:02} 10:00:00 +02:00\n---\nUne rencontre.\n",
                1 + n % 28
            ),
        );
    }
    tree.build();
    let sources = tree.dir.path().join(".communique/feeds/sources");
    let kept = files_below(&sources);
    assert!(
        kept.len() == 1 && kept[0].to_string_lossy().ends_with(".pack"),
        "{kept:?}"
    );
    let before = contents(&tree.out());
    tree.write(
        "communiques/lancement.md",
        "---\ntitle: \"Lancement\n---\nCassé.\n",
    );
    let report = tree.build();
    assert_eq!(
        contents(&tree.out()),
        before,
        "nothing withdrawn or changed"
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.file == Path::new("communiques/lancement.md")
                && matches!(d.problem, Problem::StillOnline { .. })),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn pdfs_committed_while_the_feeds_render_still_go_out_before_any_feed() {
    let tree = Tree::new();
    // Enough PDFs for a clean build to make them durable while the feeds render.
    for n in 0..40 {
        tree.write(
            &format!("communiques/c{n:02}.md"),
            &communique(&format!("Communiqué {n}"), ""),
        );
    }
    // One PDF cannot be put in place: a folder holds its name.
    let blocked = tree.out().join("pdf/c20.pdf");
    fs::create_dir_all(blocked.join("inside")).unwrap();
    assert!(tree.build_at(now()).is_err());
    let written = files_below(&tree.out());
    assert!(
        written.iter().all(|p| p.starts_with("pdf")),
        "a feed went out although a PDF failed: {written:?}"
    );
    fs::remove_dir_all(&blocked).unwrap();
    tree.build();
    assert_eq!(tree.titles().len(), 40);
    assert_eq!(tree.pdfs().len(), 40);
}

#[test]
fn state_lives_outside_the_served_folder_and_outputs_are_derived() {
    let tree = seeded();
    tree.build();
    let served = files_below(&tree.out());
    assert!(
        served
            .iter()
            .all(|p| !p.to_string_lossy().contains(".communique")),
        "{served:?}"
    );
    assert!(
        tree.dir
            .path()
            .join(".communique/feeds/state.json")
            .is_file()
    );
    let before = contents(&tree.out());
    fs::remove_dir_all(tree.out()).unwrap();
    tree.build();
    assert_eq!(contents(&tree.out()), before);
}

#[test]
fn only_what_communique_wrote_is_ever_removed() {
    let tree = seeded();
    tree.build();
    fs::write(
        tree.out().join("pdf/rapport-2022.pdf"),
        b"%PDF-1.7 not ours",
    )
    .unwrap();
    fs::remove_file(tree.releases().join("communiques/france-services.md")).unwrap();
    let report = tree.build();
    assert_eq!(report.removed, [PathBuf::from("pdf/france-services.pdf")]);
    assert!(tree.out().join("pdf/rapport-2022.pdf").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_is_never_followed() {
    let tree = seeded();
    let elsewhere = tree.dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("precieux.pdf"), b"keep").unwrap();
    fs::create_dir_all(tree.out()).unwrap();
    std::os::unix::fs::symlink(&elsewhere, tree.out().join("pdf")).unwrap();
    assert!(tree.build_at(now()).is_err());
    assert_eq!(files_below(&elsewhere), [PathBuf::from("precieux.pdf")]);
}

#[test]
fn an_empty_or_missing_releases_folder_or_a_mass_withdrawal_is_refused() {
    let tree = seeded();
    tree.build();
    let before = contents(&tree.out());
    // Emptied (an unmounted share), then missing.
    for name in ["lancement", "bilan-2023", "france-services"] {
        fs::remove_file(tree.releases().join(format!("communiques/{name}.md"))).unwrap();
    }
    assert!(matches!(
        tree.build_at(now()),
        Err(PipelineError::NoReleases { .. })
    ));
    fs::remove_dir_all(tree.releases()).unwrap();
    assert!(matches!(
        tree.build_at(now()),
        Err(PipelineError::Releases { .. })
    ));
    assert_eq!(contents(&tree.out()), before);
    // Two of three withdrawn: more than half.
    tree.write(
        "communiques/lancement.md",
        &communique("Lancement de la Suite numérique", ""),
    );
    let refused = tree.build_at(now());
    assert!(
        matches!(
            refused,
            Err(PipelineError::WouldWithdraw {
                withdrawn: 2,
                published: 3,
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(contents(&tree.out()), before);
    // On purpose.
    let mut site = tree.site();
    site.allow_withdraw(true);
    let report = site.publish(now()).unwrap();
    assert_eq!(report.entries, 1);
    assert_eq!(tree.titles(), ["Lancement de la Suite numérique"]);
}

#[test]
fn check_exits_1_and_list_shows_every_status() {
    let tree = seeded();
    tree.write(
        "communiques/secret.md",
        &communique("Secret", "embrago: 2099-01-01\n"),
    );
    tree.write(
        "communiques/brouillon.md",
        &communique("Brouillon", "draft: true\n"),
    );
    tree.write(
        "communiques/retire.md",
        &communique("Retiré", "published: non\n"),
    );
    tree.write(
        "communiques/demain.md",
        &communique("Demain", "embargo: 2026-11-30 08:00\n"),
    );
    let args = |cmd: &str| {
        let mut c = cli::communique();
        c.args([cmd, "--now", "2026-11-29 12:00", "--releases"])
            .arg(tree.releases())
            .arg("--out")
            .arg(tree.out())
            .env("LANG", "C.UTF-8");
        c
    };
    let check = args("check").output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains(
            "3 published, 1 scheduled (next: 2026-11-30 08:00), 1 draft, 1 unpublished, 1 error"
        ),
        "{stdout}"
    );
    let list = args("list").arg("--json").output().unwrap();
    let statuses: Vec<(String, String)> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                v["status"].as_str().unwrap().to_string(),
                v["source"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    for (status, file) in [
        ("published", "lancement.md:1"),
        ("scheduled", "demain.md:1"),
        ("draft", "brouillon.md"),
        ("unpublished", "retire.md"),
        ("error", "secret.md"),
    ] {
        assert!(
            statuses.contains(&(status.to_string(), file.to_string())),
            "{status} {file}: {statuses:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_list_quietly() {
    use std::io::Read;
    let tree = seeded();
    let mut child = cli::communique()
        .args(["list", "--releases"])
        .arg(tree.releases())
        .arg("--out")
        .arg(tree.out())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and hang up, like `| head -0`.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

#[test]
fn build_refuses_a_mass_withdrawal_with_exit_1_unless_asked() {
    let tree = seeded();
    let run = |extra: &[&str]| {
        cli::communique()
            .args(["build", "--now", "2026-11-29T12:00:00+01:00", "--releases"])
            .arg(tree.releases())
            .arg("--out")
            .arg(tree.out())
            .args(extra)
            .output()
            .unwrap()
    };
    assert!(run(&[]).status.success());
    fs::remove_file(tree.releases().join("communiques/lancement.md")).unwrap();
    fs::remove_file(tree.releases().join("communiques/bilan-2023.md")).unwrap();
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--allow-withdraw"));
    assert!(tree.out().join("pdf/lancement.pdf").exists());
    assert!(run(&["--allow-withdraw"]).status.success());
    assert!(!tree.out().join("pdf/lancement.pdf").exists());
}

/// `updated` of each entry in the main Atom feed, by title.
fn updated_by_title(tree: &Tree) -> BTreeMap<String, String> {
    feed::read(&tree.out().join("atom.xml"))
        .entries
        .into_iter()
        .map(|e| {
            (
                e.title.map(|t| t.content).unwrap_or_default(),
                e.updated.unwrap().to_rfc3339(),
            )
        })
        .collect()
}

#[test]
fn a_correction_moves_updated_once_and_only_a_correction_does() {
    let tree = seeded();
    tree.build_at(at("2026-11-02T12:00:00+01:00")).unwrap();
    let first = updated_by_title(&tree);
    assert_eq!(first["Bilan 2023 de Tchap"], "2026-11-02T09:00:00+00:00");
    // The body is corrected at 15:00: its `updated` says so, its id does not change.
    tree.write(
        "communiques/bilan-2023.md",
        &communique("Bilan 2023 de Tchap", "").replace("Le corps", "Le corps corrigé"),
    );
    tree.build_at(at("2026-11-02T15:00:00+01:00")).unwrap();
    let corrected = updated_by_title(&tree);
    assert_eq!(
        corrected["Bilan 2023 de Tchap"],
        "2026-11-02T14:00:00+00:00"
    );
    assert_eq!(corrected["France services"], first["France services"]);
    let bytes = contents(&tree.out());
    // A later run, a new key order or an unknown key: no correction, same bytes.
    tree.build_at(at("2026-11-03T09:00:00+01:00")).unwrap();
    assert_eq!(contents(&tree.out()), bytes);
    tree.write(
        "communiques/bilan-2023.md",
        &communique("Bilan 2023 de Tchap", "")
            .replace("Le corps", "Le corps corrigé")
            .replace(
                "title: Bilan 2023 de Tchap\ndate: 2026-11-02 10:00:00 +01:00\n",
                "date: 2026-11-02 10:00:00 +01:00\ntitle: Bilan 2023 de Tchap\n",
            ),
    );
    tree.build_at(at("2026-11-04T09:00:00+01:00")).unwrap();
    assert_eq!(contents(&tree.out()), bytes);
    // Deleting feeds/ and building again gives the same bytes: the date is remembered.
    fs::remove_dir_all(tree.out()).unwrap();
    tree.build_at(at("2026-11-05T09:00:00+01:00")).unwrap();
    assert_eq!(contents(&tree.out()), bytes);
    // A corrected title moves it again.
    tree.write(
        "communiques/bilan-2023.md",
        &communique("Bilan 2023 de Tchap (corrigé)", ""),
    );
    tree.build_at(at("2026-11-06T09:00:00+01:00")).unwrap();
    assert_eq!(
        updated_by_title(&tree)["Bilan 2023 de Tchap (corrigé)"],
        "2026-11-06T08:00:00+00:00"
    );
}

/// Ids in the main Atom feed, by title.
fn ids_by_title(tree: &Tree) -> BTreeMap<String, String> {
    feed::read(&tree.out().join("atom.xml"))
        .entries
        .into_iter()
        .map(|e| (e.title.map(|t| t.content).unwrap_or_default(), e.id))
        .collect()
}

#[test]
fn a_renamed_file_keeps_its_id_and_its_pdf() {
    let tree = seeded();
    let name = "communiques/Communiqué Suite numérique (v2 FINAL).md";
    tree.write(name, &communique("La Suite numérique", ""));
    tree.build();
    let id = ids_by_title(&tree)["La Suite numérique"].clone();
    let pdfs = tree.pdfs();
    assert_eq!(pdfs.len(), 4, "one PDF per communiqué: {pdfs:?}");
    // Renamed, and its text touched on the way: the same title says it is the same release.
    fs::remove_file(tree.releases().join(name)).unwrap();
    tree.write(
        "communiques/Communiqué Suite numérique (v3).md",
        &communique("La Suite numérique", "").replace("Le corps", "Le nouveau corps"),
    );
    let report = tree.build();
    assert_eq!(ids_by_title(&tree)["La Suite numérique"], id);
    assert_eq!(tree.pdfs(), pdfs, "the old PDF address keeps working");
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    // And on the next run too, from the state.
    tree.build();
    assert_eq!(ids_by_title(&tree)["La Suite numérique"], id);
    // `id:` pins it whatever the file's name.
    tree.write(
        "communiques/autre-nom.md",
        &communique("Un communiqué épinglé", "id: identite-stable\n"),
    );
    tree.build();
    let pinned = ids_by_title(&tree)["Un communiqué épinglé"].clone();
    assert!(pinned.ends_with("communiques/identite-stable"), "{pinned}");
    assert!(
        tree.pdfs().iter().any(|p| p == "identite-stable.pdf"),
        "{:?}",
        tree.pdfs()
    );
}

#[test]
fn a_copy_with_the_same_title_and_day_is_named_with_its_original() {
    let tree = seeded();
    tree.write(
        "communiques/Copie de lancement.md",
        &communique("Lancement de la Suite numérique", ""),
    );
    let report = tree.build();
    let copies: Vec<String> = report
        .diagnostics
        .iter()
        .filter_map(|d| match &d.problem {
            Problem::SameTitleAndDate { other } => Some(format!("{} ~ {other}", d.file.display())),
            _ => None,
        })
        .collect();
    assert_eq!(
        copies,
        ["communiques/lancement.md ~ communiques/Copie de lancement.md"]
    );
}
