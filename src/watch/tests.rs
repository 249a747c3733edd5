use super::events::{Filter, Hint, MAX_NAMED_PATHS, Wake};
use super::*;
use crate::pipeline::{BuildReport, SourceChanges};
use chrono::DateTime;
use notify::event::EventKind;
use notify_debouncer_full::DebouncedEvent;

fn filter() -> Filter {
    Filter {
        releases_root: PathBuf::from("/r"),
        config_file: Some(PathBuf::from("/c/communique.toml")),
    }
}

#[test]
fn events_name_releases_and_folders_but_not_editor_noise() {
    let f = filter();
    let at = |rel: &str| Some(Hint::Path(PathBuf::from(rel)));
    assert_eq!(
        f.release_hint(Path::new("/r/communiques/a.md"), false),
        at("communiques/a.md")
    );
    assert_eq!(
        f.release_hint(Path::new("/r/communiques/.a.md.swp"), false),
        None
    );
    assert_eq!(
        f.release_hint(Path::new("/r/communiques/a.md~"), true),
        None
    );
    assert_eq!(f.release_hint(Path::new("/r/.git/index"), false), None);
    assert_eq!(
        f.release_hint(Path::new("/r/communiques/~$a.md"), false),
        None
    );
    // A folder moved out no longer exists to be asked whether it was one.
    assert_eq!(
        f.release_hint(Path::new("/r/archives.2023"), true),
        at("archives.2023")
    );
    assert_eq!(
        f.release_hint(Path::new("/r"), false),
        Some(Hint::Everything)
    );
    assert_eq!(f.release_hint(Path::new("/elsewhere/a.md"), false), None);
}

#[test]
fn a_lost_event_widens_the_look_to_the_whole_tree() {
    let f = filter();
    let mut wake = Wake::default();
    let mut told = Vec::new();
    let event = |path: &str| {
        DebouncedEvent::new(
            notify::Event::new(EventKind::Create(notify::event::CreateKind::File))
                .add_path(PathBuf::from(path)),
            Instant::now(),
        )
    };
    f.classify(
        Ok(vec![event("/r/a.md"), event("/r/b.md"), event("/r/a.md")]),
        &mut wake,
        &mut |e| told.push(format!("{e:?}")),
    );
    assert_eq!(
        wake.scope(),
        Scope::Paths(vec![PathBuf::from("a.md"), PathBuf::from("b.md")])
    );
    let burst = Wake {
        paths: (0..=MAX_NAMED_PATHS)
            .map(|i| PathBuf::from(format!("{i}.md")))
            .collect(),
        ..Wake::default()
    };
    assert_eq!(burst.scope(), Scope::Everything);
    let overflow = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
    f.classify(
        Ok(vec![DebouncedEvent::new(overflow, Instant::now())]),
        &mut wake,
        &mut |e| told.push(format!("{e:?}")),
    );
    assert_eq!(wake.scope(), Scope::Everything);
    assert!(told.is_empty());
}

#[test]
fn pinned_clock_advances_with_real_time() {
    let start = DateTime::parse_from_rfc3339("2024-03-01T08:00:00+01:00").unwrap();
    let clock = Clock::starting_at(start);
    let now = clock.now(chrono_tz::Europe::Paris);
    assert!(now >= start && now - start < chrono::Duration::seconds(5));
    assert_eq!(now.offset(), start.offset());
}

#[test]
fn log_line_names_the_first_files() {
    let rebuild = Rebuild {
        reason: Reason::Files,
        at: DateTime::parse_from_rfc3339("2024-03-01T08:00:00+01:00").unwrap(),
        changes: SourceChanges {
            added: (0..5).map(|i| PathBuf::from(format!("c/{i}.md"))).collect(),
            changed: vec![],
            removed: vec![PathBuf::from("old.md")],
        },
        report: BuildReport::default(),
        released: Vec::new(),
        elapsed: Duration::from_millis(7),
    };
    let line = rebuild.to_string();
    assert!(line.starts_with("[08:00:00] files: 5 added (c/0.md, c/1.md, c/2.md, +2 more)"));
    assert!(line.contains("1 removed (old.md)"));
    assert!(line.ends_with("7 ms"));
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    files
}

fn release(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategories: [Communiqué de presse, Numérique]\n---\n\n\
         Paris, le 3 mars 2024\n\nLa DINUM présente **{title}**, avec [un lien](https://www.numerique.gouv.fr).\n"
    )
}

/// With a debounce no test waits for, only the closed-file path can publish a save: what it
/// publishes must equal a clean build of the same releases at the same instant.
#[test]
fn a_file_closed_after_writing_is_published_at_once_like_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let out = dir.path().join("feeds");
    let c = releases.join("communiques");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("ouverture.md"),
        release("Ouverture du guichet", "2024-02-10"),
    )
    .unwrap();
    let start = DateTime::parse_from_rfc3339("2024-03-04T09:00:00+01:00").unwrap();
    let paths = Paths {
        releases: releases.clone(),
        out: out.clone(),
    };
    let mut options = Options::new(None, paths, Clock::starting_at(start));
    options.debounce = Duration::from_secs(3600);
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::<WatchEvent>::new()));
    let watcher = {
        let (stop, events) = (stop.clone(), events.clone());
        std::thread::spawn(move || run(options, &stop, |e| events.lock().unwrap().push(e.clone())))
    };
    wait_for(&events, "the first build", |e| {
        matches!(e, WatchEvent::Ready).then_some(())
    });

    // Opened, written, closed: one step, as most editors and sync tools save.
    let rel = PathBuf::from("communiques/tarifs-2024.md");
    std::fs::write(
        releases.join(&rel),
        release(
            "Nouveaux tarifs de l'hébergement",
            "2024-03-04T08:30:00+01:00",
        ),
    )
    .unwrap();
    let published = wait_for(&events, "the closed file's rebuild", |e| match e {
        WatchEvent::Rebuilt(r) if r.changes.added.contains(&rel) => Some((**r).clone()),
        _ => None,
    });
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap().unwrap();
    // Not the periodic whole-tree look, which would find it too.
    assert_eq!(published.reason, Reason::Files);

    let clean = dir.path().join("clean");
    let paths = Paths {
        releases,
        out: clean.clone(),
    };
    let report = crate::pipeline::build(Config::default(), paths, published.at).unwrap();
    assert_eq!(published.report.entries, 2);
    assert_eq!(report.entries, published.report.entries);
    let (watched, built) = (tree(&out), tree(&clean));
    assert_eq!(
        watched.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    assert!(
        watched == built,
        "the watcher's output differs from a clean build"
    );
    let atom = String::from_utf8(watched[Path::new("atom.xml")].clone()).unwrap();
    assert!(atom.contains("Nouveaux tarifs"), "{atom}");
}

fn wait_for<T>(
    events: &std::sync::Mutex<Vec<WatchEvent>>,
    what: &str,
    found: impl Fn(&WatchEvent) -> Option<T>,
) -> T {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(found) = events.lock().unwrap().iter().find_map(&found) {
            return found;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
