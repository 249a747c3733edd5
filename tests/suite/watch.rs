//! The watcher against scripted edits: after each, once the output settles, the watcher's
//! `feeds/` must equal, byte for byte, a clean `build` of the same releases at the same instant,
//! and its last report must agree with that build's (entry count, diagnostics).

use crate::support::clock::at;
use crate::support::files::{contents_live as tree, copy_tree, write};
use crate::support::{cli, feed, site};
use chrono::{DateTime, FixedOffset, Timelike};
use communique::pipeline::BuildReport;
use communique::watch::{self, Clock, Reason, WatchEvent};
use communique::{Config, Problem};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const NOW: &str = "2024-03-01T08:00:00+01:00";
/// Generous: debug builds on a shared two-core machine.
const STEP_TIMEOUT: Duration = Duration::from_secs(90);
const QUIET: Duration = Duration::from_millis(300);

fn now0() -> DateTime<FixedOffset> {
    at(NOW)
}

fn communique(title: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategories: [Communiqué de presse]\n\
         chapeau-text: \"La direction interministérielle du numérique (DINUM) annonce : {title}.\"\n---\n\n\
         Paris, le 12 février 2024\n\n{body}\n\n\
         ## Contact presse\n\nDirection interministérielle du numérique — Relations presse et événementiel\n"
    )
}

fn body(n: usize) -> String {
    format!(
        "La DINUM publie aujourd'hui le bilan n° {n} du programme **Accélérateur d'initiatives \
         citoyennes**. Neuf projets ont été accompagnés en 2022, dont [Open Food Facts](https://world.openfoodfacts.org).\n\n\
         - des équipes pluridisciplinaires ;\n- un accompagnement de six mois ;\n- des communs numériques ouverts.\n\n\
         > « L'État partenaire des communs est une ambition de long terme. »"
    )
}

fn describe(tree: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    tree.iter()
        .map(|(p, b)| {
            format!(
                "{} ({} bytes, blake3 {})",
                p.display(),
                b.len(),
                blake3::hash(b)
            )
        })
        .collect()
}

fn sorted_diagnostics(report: &BuildReport) -> Vec<String> {
    let mut all: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    all.sort();
    all
}

/// The watcher running in a thread on a temporary site.
struct Watcher {
    _dir: tempfile::TempDir,
    root: PathBuf,
    releases: PathBuf,
    out: PathBuf,
    clock: Clock,
    stop: Arc<AtomicBool>,
    events: Arc<Mutex<Vec<WatchEvent>>>,
    thread: Option<JoinHandle<Result<(), watch::WatchError>>>,
}

impl Watcher {
    /// Lays out releases with `setup`, starts the watcher and waits until it watches.
    fn start(config: Option<&str>, setup: impl FnOnce(&Path)) -> Watcher {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let releases = root.join("releases");
        let out = root.join("feeds");
        fs::create_dir_all(releases.join("communiques")).unwrap();
        setup(&releases);
        let config_path = config.map(|text| {
            let path = root.join("communique.toml");
            fs::write(&path, text).unwrap();
            path
        });
        let clock = Clock::starting_at(now0());
        let stop = Arc::new(AtomicBool::new(false));
        let events = Arc::new(Mutex::new(Vec::new()));
        let mut options = watch::Options::new(config_path, site::paths(&releases, &out), clock);
        options.debounce = Duration::from_millis(15);
        let thread = {
            let stop = Arc::clone(&stop);
            let events = Arc::clone(&events);
            thread::spawn(move || {
                watch::run(options, &stop, |event| {
                    events.lock().unwrap().push(event.clone());
                })
            })
        };
        let watcher = Watcher {
            _dir: dir,
            root,
            releases,
            out,
            clock,
            stop,
            events,
            thread: Some(thread),
        };
        watcher.wait_for("the watcher to start", |events| {
            events.iter().any(|e| matches!(e, WatchEvent::Ready))
        });
        watcher
    }

    fn wait_for(&self, what: &str, done: impl Fn(&[WatchEvent]) -> bool) {
        let started = Instant::now();
        while !done(&self.events.lock().unwrap()) {
            assert!(
                started.elapsed() < STEP_TIMEOUT,
                "timed out waiting for {what}; events: {:#?}",
                self.events.lock().unwrap()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    fn last_report(&self) -> Option<BuildReport> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find_map(|e| match e {
                WatchEvent::Rebuilt(r) => Some(r.report.clone()),
                _ => None,
            })
    }

    fn event_count(&self) -> usize {
        self.events.lock().unwrap().len()
    }

    fn events_since(&self, mark: usize) -> Vec<WatchEvent> {
        self.events.lock().unwrap()[mark..].to_vec()
    }

    /// A clean build of the current releases at `at`, into a fresh directory.
    fn clean_build(&self, at: DateTime<FixedOffset>) -> (BTreeMap<PathBuf, Vec<u8>>, BuildReport) {
        let config = match fs::read_to_string(self.root.join("communique.toml")) {
            Ok(text) => {
                let mut config = Config::default();
                config
                    .apply(&self.root.join("communique.toml"), &text)
                    .unwrap();
                config
            }
            Err(_) => Config::default(),
        };
        site::rebuild_from_scratch(&self.releases, &self.out, config, at)
    }

    /// Waits until the watcher's output equals a clean build (files and report) and has
    /// stayed unchanged for `QUIET`.
    fn assert_settles_to_clean_build(&self, step: &str) {
        let started = Instant::now();
        let mut stable_since = Instant::now();
        let mut last = tree(&self.out);
        loop {
            thread::sleep(Duration::from_millis(20));
            let now_tree = tree(&self.out);
            if now_tree != last {
                last = now_tree;
                stable_since = Instant::now();
                continue;
            }
            let (expected, expected_report) =
                self.clean_build(self.clock.now(chrono_tz::Europe::Paris));
            let report = self.last_report();
            let matches = last == expected
                && report.as_ref().is_some_and(|r| {
                    r.entries == expected_report.entries
                        && sorted_diagnostics(r) == sorted_diagnostics(&expected_report)
                });
            if matches && stable_since.elapsed() >= QUIET {
                return;
            }
            if started.elapsed() > STEP_TIMEOUT {
                let report = report.unwrap_or_default();
                assert_eq!(
                    describe(&last),
                    describe(&expected),
                    "{step}: output tree differs from a clean build"
                );
                assert_eq!(
                    report.entries, expected_report.entries,
                    "{step}: entry count"
                );
                assert_eq!(
                    sorted_diagnostics(&report),
                    sorted_diagnostics(&expected_report),
                    "{step}: diagnostics"
                );
                panic!("{step}: output never stayed stable for {QUIET:?}");
            }
        }
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap().unwrap();
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn seed(releases: &Path) {
    let c = releases.join("communiques");
    write(
        &c.join("lancement-programme-communs.md"),
        &communique(
            "Lancement du programme « Communs numériques »",
            "2024-02-12 10:00:00 +01:00",
            &body(1),
        ),
    );
    write(
        &c.join("bilan-tchap-2023.md"),
        &communique("Tchap : bilan de l'année 2023", "2024-01-15", &body(2)),
    );
    write(
        &c.join("france-services-numerique.md"),
        &communique(
            "Le numérique au service des maisons France services",
            "2024-02-20T09:30:00+01:00",
            &body(3),
        ),
    );
}

#[test]
fn every_kind_of_change_is_published_like_a_clean_build() {
    let w = Watcher::start(None, seed);
    let c = w.releases.join("communiques");
    w.assert_settles_to_clean_build("initial build");

    // Create.
    write(
        &c.join("ouverture-donnees-2024.md"),
        &communique(
            "Ouverture des données publiques en 2024",
            "2024-02-25",
            &body(4),
        ),
    );
    w.assert_settles_to_clean_build("create");

    // Edit in place.
    write(
        &c.join("bilan-tchap-2023.md"),
        &communique(
            "Tchap : bilan de l'année 2023 (chiffres révisés)",
            "2024-01-15",
            &body(5),
        ),
    );
    w.assert_settles_to_clean_build("edit");

    // Rename.
    fs::rename(c.join("bilan-tchap-2023.md"), c.join("tchap-bilan-2023.md")).unwrap();
    w.assert_settles_to_clean_build("rename");

    // Delete.
    fs::remove_file(c.join("ouverture-donnees-2024.md")).unwrap();
    w.assert_settles_to_clean_build("delete");

    // Vim-style save: swap file, original renamed to a backup, new file written, backup removed.
    let target = c.join("france-services-numerique.md");
    let swap = c.join(".france-services-numerique.md.swp");
    let backup = c.join("france-services-numerique.md~");
    write(&swap, "vim swap bytes\0\0\0");
    fs::rename(&target, &backup).unwrap();
    write(
        &target,
        &communique(
            "Le numérique au service des 2 600 maisons France services",
            "2024-02-20T09:30:00+01:00",
            &body(6),
        ),
    );
    fs::remove_file(&backup).unwrap();
    fs::remove_file(&swap).unwrap();
    w.assert_settles_to_clean_build("vim-style save");

    // Atomic save by rename over the original (most GUI editors, sync tools).
    let temp = c.join(".goutputstream-7XQ2K1");
    write(
        &temp,
        &communique(
            "Lancement du programme « Communs numériques » (mis à jour)",
            "2024-02-12 10:00:00 +01:00",
            &body(7),
        ),
    );
    fs::rename(&temp, c.join("lancement-programme-communs.md")).unwrap();
    w.assert_settles_to_clean_build("atomic rename save");

    // `mkdir -p` and a file at once: inotify has no watch on the new folder yet.
    let deep = c.join("2024/mars");
    fs::create_dir_all(&deep).unwrap();
    write(
        &deep.join("semaine-numerique.md"),
        &communique("Semaine du numérique responsable", "2024-03-01", &body(8)),
    );
    w.assert_settles_to_clean_build("mkdir -p then a file");
    // And the new folder is watched from now on.
    write(
        &deep.join("semaine-numerique.md"),
        &communique(
            "Semaine du numérique responsable : le programme",
            "2024-03-01",
            &body(9),
        ),
    );
    w.assert_settles_to_clean_build("edit in a folder made by mkdir -p");

    // A folder with files inside, moved in from outside the tree.
    let outside = w.root.join("dossier-de-presse-ia");
    for i in 0..3 {
        write(
            &outside.join(format!("ia-{i}.md")),
            &communique(
                &format!("Intelligence artificielle dans l'administration, volet {i}"),
                &format!("2024-02-0{}", i + 1),
                &body(10 + i),
            ),
        );
    }
    fs::rename(&outside, c.join("dossier-de-presse-ia")).unwrap();
    w.assert_settles_to_clean_build("folder moved in");
    write(
        &c.join("dossier-de-presse-ia/ia-1.md"),
        &communique(
            "Intelligence artificielle : volet 1 révisé",
            "2024-02-02",
            &body(20),
        ),
    );
    w.assert_settles_to_clean_build("edit in a folder moved in");

    // Moved out again.
    fs::rename(c.join("dossier-de-presse-ia"), w.root.join("archive-ia")).unwrap();
    w.assert_settles_to_clean_build("folder moved out");

    // A burst of 200 files at once, then all removed at once.
    let burst = c.join("import-cms");
    fs::create_dir_all(&burst).unwrap();
    for i in 0..200 {
        write(
            &burst.join(format!("communique-{i:03}.md")),
            &communique(
                &format!("Communiqué importé n° {i}"),
                &format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                &body(100 + i),
            ),
        );
    }
    w.assert_settles_to_clean_build("200 files at once");
    // Removing 200 of 204 published communiqués at once looks like an accident (a
    // folder moved away, an unmounted share): the watcher refuses and says so.
    let before = tree(&w.out);
    let mark = w.event_count();
    fs::remove_dir_all(&burst).unwrap();
    w.wait_for("the wipe guard", |events| {
        events[mark..].iter().any(|e| {
            matches!(e, WatchEvent::Problem(message) if message.to_string().contains("would withdraw 200 of the 204"))
        })
    });
    thread::sleep(QUIET);
    assert_eq!(
        describe(&tree(&w.out)),
        describe(&before),
        "nothing withdrawn"
    );

    w.stop();
}

#[test]
fn a_broken_edit_keeps_the_last_good_version_and_its_fix_is_published() {
    let w = Watcher::start(None, seed);
    let c = w.releases.join("communiques");
    w.assert_settles_to_clean_build("initial build");
    let before = tree(&w.out);
    let entries_before = w.last_report().unwrap().entries;
    let file = c.join("bilan-tchap-2023.md");
    let rel = PathBuf::from("communiques/bilan-tchap-2023.md");

    // Unterminated front matter: the file's error is told once and its last good entry stays.
    let mark = w.event_count();
    write(
        &file,
        "---\ntitle: \"Tchap : bilan de l'année 2023\"\ndate: 2024-01-15\n\nLe texte suit sans fermer l'en-tête.\n",
    );
    w.wait_for("the broken file's diagnostics", |events| {
        events[mark..].iter().any(|e| {
            matches!(e, WatchEvent::Diagnostics { file, diagnostics }
                if *file == rel && diagnostics.iter().any(|d| d.problem == Problem::UnterminatedFrontMatter))
        })
    });
    thread::sleep(Duration::from_millis(500));
    assert_eq!(
        tree(&w.out),
        before,
        "a broken edit must not change what is published"
    );
    assert_eq!(
        w.last_report().unwrap().entries,
        entries_before,
        "last good entry kept"
    );

    // Touching an unrelated file rebuilds, but the broken file's error is not told again.
    let mark2 = w.event_count();
    write(
        &c.join("autre.md"),
        &communique("Un autre communiqué", "2024-02-01", &body(30)),
    );
    w.wait_for("the rebuild after another file was added", |events| {
        events[mark2..]
            .iter()
            .any(|e| matches!(e, WatchEvent::Rebuilt(_)))
    });
    let told_again = w
        .events_since(mark2)
        .iter()
        .any(|e| matches!(e, WatchEvent::Diagnostics { file, .. } if *file == rel));
    assert!(
        !told_again,
        "a file's diagnostics are told once, not on every rebuild"
    );

    // The fix is published and the problem reported as resolved.
    let mark3 = w.event_count();
    write(
        &file,
        &communique(
            "Tchap : bilan de l'année 2023, version corrigée",
            "2024-01-15",
            &body(31),
        ),
    );
    w.assert_settles_to_clean_build("fix of a broken edit");
    // The fixed file is clean: the press officer reads that its problem is resolved, and
    // nothing more is said about it.
    let since_fix = w.events_since(mark3);
    assert!(
        since_fix
            .iter()
            .any(|e| matches!(e, WatchEvent::Resolved { file } if *file == rel)),
        "the fix is reported: {since_fix:#?}"
    );
    assert!(
        !since_fix
            .iter()
            .any(|e| matches!(e, WatchEvent::Diagnostics { file, .. } if *file == rel)),
        "a clean file has nothing to say: {since_fix:#?}"
    );
    w.stop();
}

#[test]
fn an_embargo_is_published_when_it_ends_with_no_file_event() {
    // Far enough ahead of the watcher's clock (started with it) for the first build and the
    // comparison below to come first, even with the rest of the suite running beside it.
    let embargo_at = now0() + chrono::Duration::seconds(10);
    let w = Watcher::start(None, |releases| {
        seed(releases);
        let text = communique(
            "Nomination du directeur interministériel du numérique",
            "2024-03-01",
            &body(40),
        )
        .replacen(
            "---\n\n",
            &format!("embargo: {}\n---\n\n", embargo_at.to_rfc3339()),
            1,
        );
        write(&releases.join("communiques/nomination-dinum.md"), &text);
    });
    // Before: like a clean build at the pinned instant, which keeps the communiqué out.
    let (before, before_report) = w.clean_build(now0());
    assert_eq!(
        describe(&tree(&w.out)),
        describe(&before),
        "before the embargo"
    );
    let (after, _) = w.clean_build(embargo_at + chrono::Duration::seconds(1));
    assert_eq!(before_report.next_embargo, Some(embargo_at));
    // Nothing touches the files from here on: only the timer can publish it.
    w.wait_for("the rebuild at the embargo", |events| {
        events
            .iter()
            .any(|e| matches!(e, WatchEvent::Rebuilt(r) if r.reason == Reason::Embargo))
    });
    let rebuild = w
        .events
        .lock()
        .unwrap()
        .iter()
        .find_map(|e| match e {
            WatchEvent::Rebuilt(r) if r.reason == Reason::Embargo => Some(r.clone()),
            _ => None,
        })
        .unwrap();
    assert!(
        rebuild.at >= embargo_at,
        "published at {}, before the embargo",
        rebuild.at
    );
    assert!(
        rebuild.changes.is_empty(),
        "no file changed: {:?}",
        rebuild.changes
    );
    assert_eq!(rebuild.report.entries, before_report.entries + 1);
    w.assert_settles_to_clean_build("after the embargo");
    assert_eq!(describe(&tree(&w.out)), describe(&after));
    w.stop();
}

#[test]
fn settings_changes_rebuild_and_a_broken_settings_file_keeps_the_old_ones() {
    let w = Watcher::start(Some("feed-limit = 100\n"), seed);
    w.assert_settles_to_clean_build("initial build");

    // Saved vim-style (rename), so a watch on the file itself would have died.
    let mark = w.event_count();
    let config = w.root.join("communique.toml");
    fs::rename(&config, w.root.join("communique.toml~")).unwrap();
    write(
        &config,
        "feed-limit = 2\nbase-url = \"https://www.example.gouv.fr\"\n",
    );
    fs::remove_file(w.root.join("communique.toml~")).unwrap();
    w.wait_for("the rebuild with new settings", |events| {
        events[mark..]
            .iter()
            .any(|e| matches!(e, WatchEvent::Rebuilt(r) if r.reason == Reason::Settings))
    });
    w.assert_settles_to_clean_build("new settings");

    // A mistake: told, and the previous settings stay in force.
    let mark = w.event_count();
    let good = tree(&w.out);
    write(&config, "feed-limit = \"beaucoup\"\n");
    w.wait_for("the settings problem", |events| {
        events[mark..]
            .iter()
            .any(|e| matches!(e, WatchEvent::Problem(_)))
    });
    thread::sleep(Duration::from_millis(300));
    assert_eq!(tree(&w.out), good);
    assert!(
        !w.events_since(mark)
            .iter()
            .any(|e| matches!(e, WatchEvent::Rebuilt(r) if r.reason == Reason::Settings)),
        "refused settings must not rebuild"
    );
    // Files still publish under the previous settings.
    write(
        &w.releases.join("communiques/nouveau.md"),
        &communique("Nouveau communiqué", "2024-02-28", &body(50)),
    );
    w.wait_for("the rebuild after a file was added", |events| {
        events[mark..].iter().any(|e| {
            matches!(e, WatchEvent::Rebuilt(r) if r.changes.added.iter().any(|p| p.ends_with("nouveau.md")))
        })
    });
    w.stop();
}

#[test]
fn sigterm_lets_the_binary_exit_cleanly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    seed(&releases);
    let mut child = cli::communique()
        .args(["watch", "--now", NOW, "--releases"])
        .arg(&releases)
        .arg("--out")
        .arg(dir.path().join("feeds"))
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    // The binary says when it watches (after the first build).
    assert!(
        lines.any(|l| l.is_ok_and(|l| l.starts_with("watching "))),
        "the watcher never started"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
    assert!(stdout.contains("start: 3 added"), "log line: {stdout}");
}

#[test]
fn held_files_stay_out_and_a_future_date_goes_out_at_its_instant() {
    let w = Watcher::start(None, seed);
    w.assert_settles_to_clean_build("initial build");
    // A few seconds ahead of the watcher's clock when saved (whole seconds, as front matter
    // writes them): read from the rebuilds' own instants, not from how long this machine took.
    let at = w
        .clock
        .now(chrono_tz::Europe::Paris)
        .with_nanosecond(0)
        .unwrap()
        + chrono::Duration::seconds(8);
    let mark = w.event_count();
    let c = w.releases.join("communiques");
    // The dated file first: every rebuild from `mark` on has it, scheduled or published.
    write(
        &c.join("programmee.md"),
        &communique("Annonce programmée", &at.to_rfc3339(), &body(51)),
    );
    write(
        &c.join("secret.md"),
        &communique("Annonce secrète", "2024-03-01", &body(50)).replacen(
            "---\n\n",
            "embrago: 2099-01-01\n---\n\n",
            1,
        ),
    );
    w.assert_settles_to_clean_build("a misspelled embargo and a future date");
    let atom = String::from_utf8(fs::read(w.out.join("atom.xml")).unwrap()).unwrap();
    assert!(!atom.contains("Annonce secrète"));
    w.wait_for("the scheduled communiqué", |events| {
        events[mark..].iter().any(|e| {
            matches!(e, WatchEvent::Rebuilt(r) if r.reason == Reason::Embargo && r.report.scheduled.is_empty())
        })
    });
    // Every rebuild before its instant held it back; the one that published it ran at it.
    let rebuilds: Vec<_> = w
        .events_since(mark)
        .into_iter()
        .filter_map(|e| match e {
            WatchEvent::Rebuilt(r) => Some(r),
            _ => None,
        })
        .collect();
    let early: Vec<_> = rebuilds.iter().filter(|r| r.at < at).collect();
    assert!(!early.is_empty(), "no rebuild before {at}: {rebuilds:#?}");
    for r in early {
        assert!(
            r.report
                .scheduled
                .iter()
                .any(|e| e.title == "Annonce programmée"),
            "published at {}, before {at}",
            r.at
        );
    }
    let released = rebuilds
        .iter()
        .find(|r| r.report.scheduled.is_empty())
        .unwrap();
    assert!(released.at >= at, "published at {}", released.at);
    w.assert_settles_to_clean_build("after its date");
    let atom = String::from_utf8(fs::read(w.out.join("atom.xml")).unwrap()).unwrap();
    assert!(atom.contains("Annonce programmée") && !atom.contains("Annonce secrète"));
    w.stop();
}

#[test]
fn deleted_outputs_are_restored_and_a_replaced_releases_folder_is_watched_again() {
    let w = Watcher::start(Some("rescan-seconds = 1\n"), seed);
    w.assert_settles_to_clean_build("initial build");
    let complete = tree(&w.out);
    // A feed and a PDF deleted by hand (or by a clean-up script) come back.
    fs::remove_file(w.out.join("atom.xml")).unwrap();
    fs::remove_file(w.out.join("pdf/bilan-tchap-2023.pdf")).unwrap();
    w.wait_for("the outputs to be restored", |_| tree(&w.out) == complete);

    // The folder is moved away and a new one put in its place (a sync, a checkout).
    let old = w.root.join("releases-old");
    fs::rename(&w.releases, &old).unwrap();
    fs::create_dir_all(&w.releases).unwrap();
    copy_tree(&old, &w.releases);
    thread::sleep(Duration::from_millis(1200));
    write(
        &w.releases.join("communiques/apres-remplacement.md"),
        &communique("Publié après le remplacement", "2024-02-28", &body(60)),
    );
    w.wait_for("the new folder to be watched", |_| {
        fs::read_to_string(w.out.join("atom.xml"))
            .is_ok_and(|atom| atom.contains("Publié après le remplacement"))
    });
    w.assert_settles_to_clean_build("after the folder was replaced");
    w.stop();
}

#[test]
fn a_file_renamed_while_watched_keeps_its_id_and_pdf() {
    let w = Watcher::start(None, seed);
    w.assert_settles_to_clean_build("initial build");
    let c = w.releases.join("communiques");
    let atom_ids = || {
        let mut ids = feed::ids(&w.out.join("communiques/atom.xml"));
        ids.sort();
        ids
    };
    let before = atom_ids();
    let pdfs: Vec<PathBuf> = tree(&w.out)
        .into_keys()
        .filter(|p| p.starts_with("pdf"))
        .collect();
    assert!(
        pdfs.contains(&PathBuf::from("pdf/bilan-tchap-2023.pdf")),
        "{pdfs:?}"
    );
    fs::rename(
        c.join("bilan-tchap-2023.md"),
        c.join("Bilan Tchap 2023 (version finale).md"),
    )
    .unwrap();
    w.assert_settles_to_clean_build("renamed");
    assert_eq!(atom_ids(), before);
    let after: Vec<PathBuf> = tree(&w.out)
        .into_keys()
        .filter(|p| p.starts_with("pdf"))
        .collect();
    assert_eq!(after, pdfs);
    w.stop();
}
