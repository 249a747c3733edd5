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
