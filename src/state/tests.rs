//! Tests of `state`.

use super::*;

#[test]
fn state_round_trips_and_lives_beside_the_output() {
    assert_eq!(
        default_dir(Path::new("site/feeds")),
        Path::new("site/.communique/feeds")
    );
    assert_eq!(
        default_dir(Path::new("feeds")),
        Path::new(".communique/feeds")
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(&dir.path().join("state"));
    assert_eq!(store.load(), State::default());
    let mut state = State::default();
    state.written.insert("atom.xml".into());
    state.good.insert(
        "communiques/a.md".into(),
        GoodVersion {
            hash: "abc".into(),
            since: "2024-01-01T00:00:00+01:00".into(),
            content: "c".into(),
            corrected: None,
            identity: None,
        },
    );
    store.keep_source("abc", b"---\ntitle: A\n---\n").unwrap();
    store.keep_source("old", b"x").unwrap();
    assert_eq!(store.save(&state).unwrap(), Outcome::Written);
    assert_eq!(store.save(&state).unwrap(), Outcome::Unchanged);
    assert_eq!(store.load(), state);
    store.prune_sources(&state).unwrap();
    assert!(store.source("abc").is_some());
    assert!(store.source("old").is_none());
}

#[test]
fn a_replaced_kept_version_is_forgotten_unless_another_release_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    for hash in ["old", "shared", "kept"] {
        store.keep_source(hash, hash.as_bytes()).unwrap();
    }
    let version = |hash: &str| GoodVersion {
        hash: hash.into(),
        since: "2024-01-01T00:00:00+01:00".into(),
        content: String::new(),
        corrected: None,
        identity: None,
    };
    let good = BTreeMap::from([
        ("a.md".to_string(), version("shared")),
        ("b.md".to_string(), version("kept")),
    ]);
    let replaced = ["old".to_string(), "shared".to_string(), "../x".to_string()];
    store.forget_sources(&replaced, &good).unwrap();
    assert!(store.source("old").is_none());
    assert!(store.source("shared").is_some());
    assert!(store.source("kept").is_some());
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn releases(count: usize) -> Vec<(String, std::sync::Arc<[u8]>)> {
    (0..count)
        .map(|n| {
            let bytes = format!("---\ntitle: Communiqué {n}\n---\nCorps {n}.\n").into_bytes();
            (blake3::hash(&bytes).to_hex().to_string(), bytes.into())
        })
        .collect()
}

fn good_of(hashes: &[&str]) -> BTreeMap<String, GoodVersion> {
    hashes
        .iter()
        .enumerate()
        .map(|(n, hash)| {
            let version = GoodVersion {
                hash: hash.to_string(),
                since: "2024-01-01T00:00:00+01:00".into(),
                content: String::new(),
                corrected: None,
                identity: None,
            };
            (format!("{n}.md"), version)
        })
        .collect()
}

#[test]
fn many_copies_kept_at_once_go_in_one_pack_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let copies = releases(100);
    let staged = store.stage_sources(&copies).unwrap();
    assert_eq!(staged.len(), 1);
    store.keep_sources(staged).unwrap();
    let sources = dir.path().join(SOURCES_DIR);
    let names = files_in(&sources);
    assert!(names.len() == 1 && names[0].ends_with(".pack"), "{names:?}");
    for (hash, bytes) in &copies {
        assert_eq!(store.source(hash).as_deref(), Some(&bytes[..]));
    }
    assert!(store.source(&"0".repeat(64)).is_none());
    // A few at once (a save) stay one file each, found beside the pack.
    let more = &releases(103)[100..];
    store
        .keep_sources(store.stage_sources(more).unwrap())
        .unwrap();
    assert_eq!(files_in(&sources).len(), 4);
    assert_eq!(store.source(&more[0].0).as_deref(), Some(&more[0].1[..]));

    // Most no longer wanted: the wanted ones are packed anew, the rest are gone.
    let wanted: Vec<&str> = copies[..30].iter().map(|(h, _)| h.as_str()).collect();
    store.prune_sources_keeping(&good_of(&wanted)).unwrap();
    let names = files_in(&sources);
    assert!(names.len() == 1 && names[0].ends_with(".pack"), "{names:?}");
    assert_eq!(store.source(wanted[29]).as_deref(), Some(&copies[29].1[..]));
    assert!(store.source(&copies[30].0).is_none());
    assert!(store.source(&more[0].0).is_none());
    // Most still wanted: the pack stays as it is.
    store
        .prune_sources_keeping(&good_of(&wanted[..20]))
        .unwrap();
    assert_eq!(files_in(&sources), names);
    // None wanted: nothing is left.
    store.prune_sources_keeping(&BTreeMap::new()).unwrap();
    assert!(files_in(&sources).is_empty());
}

#[test]
fn a_damaged_pack_gives_nothing_back_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let copies = releases(70);
    store
        .keep_sources(store.stage_sources(&copies).unwrap())
        .unwrap();
    let sources = dir.path().join(SOURCES_DIR);
    let pack = sources.join(&files_in(&sources)[0]);
    let mut bytes = std::fs::read(&pack).unwrap();
    // A flipped byte in the last copy: that copy no longer hashes to its name.
    let last = bytes.len() - 3;
    bytes[last] ^= 0x20;
    std::fs::write(&pack, &bytes).unwrap();
    assert!(store.source(&copies[69].0).is_none());
    assert_eq!(
        store.source(&copies[0].0).as_deref(),
        Some(&copies[0].1[..])
    );
    // Cut short, and an index claiming more than the file holds.
    std::fs::write(&pack, &bytes[..bytes.len() / 2]).unwrap();
    assert!(store.source(&copies[0].0).is_none());
    let mut huge = b"communique-pack 1\n".to_vec();
    huge.extend(u64::MAX.to_le_bytes());
    std::fs::write(sources.join("huge.pack"), &huge).unwrap();
    assert!(store.source(&copies[0].0).is_none());
    // Pruning removes what cannot be read.
    let all: Vec<&str> = copies.iter().map(|(h, _)| h.as_str()).collect();
    store.prune_sources_keeping(&good_of(&all)).unwrap();
    assert!(files_in(&sources).is_empty());
}

#[test]
fn a_second_writer_waits_and_is_told_who_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let first = store.lock(|_| panic!("nobody holds it yet")).unwrap();
    let (told, heard) = std::sync::mpsc::channel();
    let waiter = {
        let store = store.clone();
        std::thread::spawn(move || {
            let _second = store.lock(|pid| told.send(pid).unwrap()).unwrap();
        })
    };
    let pid = heard.recv().unwrap();
    assert_eq!(pid, Some(std::process::id()));
    drop(first);
    waiter.join().unwrap();
}
