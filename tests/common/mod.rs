//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every feed a build publishes, relative to the output directory.
pub const FEEDS: [&str; 8] = [
    "atom.xml",
    "rss.xml",
    "communiques/atom.xml",
    "communiques/rss.xml",
    "agenda/atom.xml",
    "agenda/rss.xml",
    "revue-de-presse/atom.xml",
    "revue-de-presse/rss.xml",
];

/// `../shared` beside the repository, when present (CI has it; a bare clone may not).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: {} is absent; shared seeds/corpus tests not run",
            dir.display()
        );
        None
    }
}

/// The shipped releases directory.
pub fn releases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("releases")
}

/// Copies a directory tree (regular files only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Every file below `dir` with its bytes.
pub fn contents(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// The state folder communique keeps beside an output folder (`.communique/<name>`).
pub fn state_dir(out: &Path) -> PathBuf {
    communique::state::default_dir(out)
}

/// A build from scratch into a new folder, with a copy of what `live_out`'s communique
/// remembers (its state): what a fresh process would publish for `releases` at `now`. Entries
/// corrected since their first publication keep their correction date, as they must.
pub fn rebuild_from_scratch(
    releases: &Path,
    live_out: &Path,
    config: communique::Config,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> (
    std::collections::BTreeMap<PathBuf, Vec<u8>>,
    communique::pipeline::BuildReport,
) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds");
    let live_state = state_dir(live_out);
    if live_state.is_dir() {
        copy_live_tree(&live_state, &state_dir(&out));
    }
    let paths = communique::pipeline::Paths {
        releases: releases.to_path_buf(),
        out: out.clone(),
    };
    let mut site = communique::pipeline::Site::new(config, paths).unwrap();
    site.rescan().unwrap();
    // A clean build is allowed to publish whatever the releases say.
    site.allow_withdraw(true);
    let report = site.publish(now).unwrap();
    (contents(&out), report)
}

/// Copies a tree another process may be writing: files that vanish meanwhile (a temp file
/// renamed, a pruned copy) are skipped; every file that is copied is whole (writes rename).
fn copy_live_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".communique-tmp-")
        {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => copy_live_tree(&entry.path(), &target),
            Ok(_) => {
                let _ = std::fs::copy(entry.path(), &target);
            }
            Err(_) => {}
        }
    }
}
