//! A build that finds nothing changed reads no release and writes nothing; anything that
//! could change an output sends it back to the full build.

use super::*;
use crate::pipeline::build;
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

struct Tree {
    _dir: tempfile::TempDir,
    paths: Paths,
}

/// A communiqué, and an event that starts on 2026-12-10 at 14:00.
fn tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    fs::create_dir_all(releases.join("communiques")).unwrap();
    fs::create_dir_all(releases.join("agenda")).unwrap();
    fs::write(
        releases.join("communiques/feuille-de-route.md"),
        "---\ntitle: La feuille de route numérique de l'État\ndate: 2026-11-02 09:00:00 +01:00\n\
         categories:\n- Communiqué de presse\n---\nLa DINUM présente sa feuille de route.\n",
    )
    .unwrap();
    fs::write(
        releases.join("agenda/rencontre.md"),
        "---\ntitle: Rencontre des communs\ndate: 2026-11-03 10:00:00 +01:00\n\
         event_start_date: 2026-12-10 14:00:00 +01:00\nlieu: Paris\n---\nUn après-midi d'échanges.\n",
    )
    .unwrap();
    let paths = Paths {
        releases,
        out: dir.path().join("feeds"),
    };
    Tree { _dir: dir, paths }
}

fn touch(path: &Path) {
    let later = SystemTime::now() + Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
}

#[test]
fn an_unchanged_tree_is_seen_without_reading_and_anything_moved_builds_in_full() {
    let t = tree();
    let config = Config::default();
    let now = at("2026-11-23T12:00:00+01:00");
    assert!(unchanged(&config, &t.paths, now).is_none(), "no build yet");
    let first = build(config.clone(), t.paths.clone(), now).unwrap();
    assert!(!first.written.is_empty());
    assert_eq!(first.valid_until, Some(at("2026-12-10T14:00:00+01:00")));

    let (summary, report) = unchanged(&config, &t.paths, now).expect("nothing changed");
    assert_eq!(summary.published, 2);
    assert_eq!(report.entries, first.entries);
    assert!(report.written.is_empty());

    // A touched release (same bytes, new mtime): read again, nothing written, then trusted.
    let communique = t.paths.releases.join("communiques/feuille-de-route.md");
    touch(&communique);
    assert!(unchanged(&config, &t.paths, now).is_none());
    assert!(
        build(config.clone(), t.paths.clone(), now)
            .unwrap()
            .written
            .is_empty()
    );
    assert!(unchanged(&config, &t.paths, now).is_some());

    // A deleted output is restored by the full build.
    let atom = t.paths.out.join("atom.xml");
    fs::remove_file(&atom).unwrap();
    assert!(unchanged(&config, &t.paths, now).is_none());
    let restored = build(config.clone(), t.paths.clone(), now).unwrap();
    assert!(restored.written.contains(&PathBuf::from("atom.xml")));
    assert!(atom.exists());

    // An edited output (another mtime) is written back too.
    touch(&atom);
    assert!(unchanged(&config, &t.paths, now).is_none());

    // A PDF whose size or mtime moved is read again: other bytes are rendered again.
    let pdf = fs::read_dir(t.paths.out.join("pdf"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let bytes = fs::read(&pdf).unwrap();
    fs::write(&pdf, vec![b'x'; bytes.len()]).unwrap();
    let again = build(config.clone(), t.paths.clone(), now).unwrap();
    assert_eq!(again.pdfs_rendered, 1);
    assert_eq!(fs::read(&pdf).unwrap(), bytes);

    // Other settings, an earlier instant, or the event's start reached: in full.
    build(config.clone(), t.paths.clone(), now).unwrap();
    assert!(unchanged(&config, &t.paths, now).is_some());
    let mut other = config.clone();
    other.base_url = "https://example.gouv.fr/".into();
    assert!(unchanged(&other, &t.paths, now).is_none());
    assert!(unchanged(&config, &t.paths, at("2026-11-22T12:00:00+01:00")).is_none());
    assert!(unchanged(&config, &t.paths, at("2026-12-10T14:00:00+01:00")).is_none());
    assert!(unchanged(&config, &t.paths, at("2026-12-10T13:59:00+01:00")).is_some());

    // A new release, or a removed one.
    fs::write(
        t.paths.releases.join("communiques/nouveau.md"),
        "---\ntitle: Un nouveau communiqué\ndate: 2026-11-20 09:00:00 +01:00\n---\nTexte.\n",
    )
    .unwrap();
    assert!(unchanged(&config, &t.paths, now).is_none());
    build(config.clone(), t.paths.clone(), now).unwrap();
    fs::remove_file(t.paths.releases.join("communiques/nouveau.md")).unwrap();
    assert!(unchanged(&config, &t.paths, now).is_none());
}

#[test]
fn a_build_with_messages_is_never_skipped() {
    let t = tree();
    let config = Config::default();
    let now = at("2026-11-23T12:00:00+01:00");
    // A file that is not read is named in a warning on every build.
    fs::write(t.paths.releases.join("communiques/notes.docx"), b"PK").unwrap();
    build(config.clone(), t.paths.clone(), now).unwrap();
    assert!(unchanged(&config, &t.paths, now).is_none());
    fs::remove_file(t.paths.releases.join("communiques/notes.docx")).unwrap();
    build(config.clone(), t.paths.clone(), now).unwrap();
    assert!(unchanged(&config, &t.paths, now).is_some());
    // Appears after a clean build: still named.
    fs::write(t.paths.releases.join("agenda/programme.pdf"), b"%PDF").unwrap();
    assert!(unchanged(&config, &t.paths, now).is_none());
}
