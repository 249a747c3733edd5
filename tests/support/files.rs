//! Files and trees: writing releases, copying and listing folders, reading outputs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Writes `text` at `path`, making its folders.
pub(crate) fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The text of `path`; the path is named when it cannot be read.
pub(crate) fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Copies a directory tree (regular files only).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub(crate) fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
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
pub(crate) fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Every file below `dir` with its bytes, while another thread or process may be writing
/// there: a file that vanishes between listing and reading (a temp file renamed) is left out.
pub(crate) fn contents_live(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .filter_map(|rel| Some((rel.clone(), fs::read(dir.join(&rel)).ok()?)))
        .collect()
}

/// Copies a tree another process may be writing: files that vanish meanwhile (a temp file
/// renamed, a pruned copy) are skipped; every file that is copied is whole (writes rename).
pub(crate) fn copy_live_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).into_iter().flatten().flatten() {
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
                let _ = fs::copy(entry.path(), &target);
            }
            Err(_) => {}
        }
    }
}
