//! A long-lived `Site` (what the watcher keeps between saves) publishes exactly what a clean
//! build publishes, after every step, when each step is rescanned only at the paths a file
//! event would name. Nothing here waits for a settle rescan that could hide a mistake.

use crate::support::clock::at as instant;
use crate::support::files::{contents, copy_tree, write};
use crate::support::site::{self, rebuild_from_scratch, releases_dir};
use chrono::{DateTime, FixedOffset};
use communique::Config;
use communique::pipeline::{Site, SourceChanges};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// `minutes` after the fixture's first publication.
fn at(minutes: i64) -> DateTime<FixedOffset> {
    instant("2024-03-01T08:00:00+01:00") + chrono::Duration::minutes(minutes)
}

fn communique(title: &str, extra_front_matter: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-02-12T10:00:00+01:00\ncategories: [Communiqué de presse]\n\
         {extra_front_matter}---\n\nParis, le 12 février 2024\n\n**{title} : le chapeau.**\n\n\
         Le corps du communiqué, avec [un lien](https://numerique.gouv.fr).\n"
    )
}

/// What a clean build writes, from scratch, for the same releases at `now`.
fn clean_build(releases: &Path, now: DateTime<FixedOffset>) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    site::build(releases, out.path(), Config::default(), now);
    contents(out.path())
}

struct Fixture {
    _dir: tempfile::TempDir,
    releases: PathBuf,
    out: PathBuf,
    site: Site,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let releases = dir.path().join("releases");
        let out = dir.path().join("feeds");
        copy_tree(&releases_dir(), &releases);
        let mut site = Site::new(Config::default(), site::paths(&releases, &out)).unwrap();
        site.rescan().unwrap();
        site.publish(at(0)).unwrap();
        Fixture {
            _dir: dir,
            releases,
            out,
            site,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        write(&self.releases.join(rel), text);
    }

    /// Rescans only `named` (as a file event would name them), publishes at `now`, and
    /// checks the output against a clean build.
    fn step(&mut self, what: &str, named: &[&str], now: DateTime<FixedOffset>) -> SourceChanges {
        let named: Vec<PathBuf> = named.iter().map(PathBuf::from).collect();
        let changes = self.site.rescan_paths(&named).unwrap();
        self.site.publish(now).unwrap();
        let (expected, _) = rebuild_from_scratch(&self.releases, &self.out, Config::default(), now);
        let got = contents(&self.out);
        let names = |t: &BTreeMap<PathBuf, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&got), names(&expected), "{what}: files differ");
        for (rel, bytes) in &expected {
            assert!(got[rel] == *bytes, "{what}: {} differs", rel.display());
        }
        changes
    }
}

#[test]
fn every_step_rescanned_at_the_named_paths_equals_a_clean_build() {
    let mut f = Fixture::new();
    assert_eq!(contents(&f.out), clean_build(&f.releases, at(0)));

    f.write(
        "communiques/nouveau.md",
        &communique("Un nouveau communiqué", ""),
    );
    let changes = f.step("create", &["communiques/nouveau.md"], at(1));
    assert_eq!(changes.added, vec![PathBuf::from("communiques/nouveau.md")]);

    f.write(
        "communiques/nouveau.md",
        &communique("Un titre corrigé", ""),
    );
    let changes = f.step("edit", &["communiques/nouveau.md"], at(2));
    assert_eq!(
        changes.changed,
        vec![PathBuf::from("communiques/nouveau.md")]
    );

    fs::rename(
        f.releases.join("communiques/nouveau.md"),
        f.releases.join("communiques/renomme.md"),
    )
    .unwrap();
    let changes = f.step(
        "rename",
        &["communiques/nouveau.md", "communiques/renomme.md"],
        at(3),
    );
    assert_eq!(changes.added, vec![PathBuf::from("communiques/renomme.md")]);
    assert_eq!(
        changes.removed,
        vec![PathBuf::from("communiques/nouveau.md")]
    );

    // A clean build cannot know the last good version of a broken file: the site keeps
    // publishing exactly what it published before.
    let before = contents(&f.out);
    f.write(
        "communiques/renomme.md",
        "---\ntitle: [unclosed\n---\nbroken\n",
    );
    let named = [PathBuf::from("communiques/renomme.md")];
    let changes = f.site.rescan_paths(&named).unwrap();
    assert_eq!(changes.changed, named);
    let report = f.site.publish(at(4)).unwrap();
    assert!(report.error_count() > 0);
    assert!(
        contents(&f.out) == before,
        "a broken edit changed the output"
    );

    f.write(
        "communiques/renomme.md",
        &communique("Un titre corrigé", "embargo: 2024-03-01T09:00:00+01:00\n"),
    );
    f.step("embargo ahead", &["communiques/renomme.md"], at(5));
    f.step("embargo over, no file named", &[], at(90));

    // A folder arrives with files inside, then leaves: events name only the folder.
    f.write("dossiers/2024/a.md", &communique("Dossier A", ""));
    f.write("dossiers/2024/b.md", &communique("Dossier B", ""));
    let changes = f.step("folder moved in", &["dossiers"], at(91));
    assert_eq!(changes.added.len(), 2);
    fs::remove_dir_all(f.releases.join("dossiers")).unwrap();
    let changes = f.step("folder removed", &["dossiers"], at(92));
    assert_eq!(changes.removed.len(), 2);

    fs::remove_file(f.releases.join("communiques/renomme.md")).unwrap();
    f.step("delete", &["communiques/renomme.md"], at(93));

    // A press page shared by many entries, edited in place.
    let page = f
        .releases
        .join("revue-de-presse/entrepreneurs-interet-general.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replacen("Le Monde", "Le Monde (édition abonnés)", 1),
    )
    .unwrap();
    f.step(
        "press page edit",
        &["revue-de-presse/entrepreneurs-interet-general.md"],
        at(94),
    );
}

#[test]
fn a_targeted_rescan_sees_only_what_it_is_pointed_at() {
    let mut f = Fixture::new();
    f.write("communiques/a.md", &communique("Premier", ""));
    f.write("communiques/b.md", &communique("Second", ""));
    let changes = f
        .site
        .rescan_paths(&[PathBuf::from("communiques/a.md")])
        .unwrap();
    assert_eq!(changes.added, vec![PathBuf::from("communiques/a.md")]);
    // Unnamed changes wait for a full rescan (the watcher's settle and safety rescans).
    let changes = f.site.rescan().unwrap();
    assert_eq!(changes.added, vec![PathBuf::from("communiques/b.md")]);
    // Editor noise and hidden folders are not releases, even when named.
    f.write("communiques/.a.md.swp", "swap");
    f.write(".git/x.md", &communique("Caché", ""));
    let changes = f
        .site
        .rescan_paths(&[
            PathBuf::from("communiques/.a.md.swp"),
            PathBuf::from(".git/x.md"),
            PathBuf::from(".git"),
        ])
        .unwrap();
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn a_failed_write_is_retried_and_never_leaves_a_feed_ahead_of_its_pdf() {
    let mut f = Fixture::new();
    // `pdf` as a plain file: no PDF can be written below it, whoever runs the test.
    let pdf_dir = f.out.join("pdf");
    let saved = tempfile::tempdir().unwrap();
    copy_tree(&pdf_dir, saved.path());
    fs::remove_dir_all(&pdf_dir).unwrap();
    fs::write(&pdf_dir, b"not a directory").unwrap();
    let feed_before = fs::read(f.out.join("atom.xml")).unwrap();

    f.write(
        "communiques/nouveau.md",
        &communique("Un nouveau communiqué", ""),
    );
    let named = [PathBuf::from("communiques/nouveau.md")];
    f.site.rescan_paths(&named).unwrap();
    assert!(f.site.publish(at(1)).is_err());
    assert_eq!(
        fs::read(f.out.join("atom.xml")).unwrap(),
        feed_before,
        "a feed linking a PDF that could not be written was published"
    );

    fs::remove_file(&pdf_dir).unwrap();
    copy_tree(saved.path(), &pdf_dir);
    f.site.publish(at(1)).unwrap();
    assert_eq!(contents(&f.out), clean_build(&f.releases, at(1)));
}
