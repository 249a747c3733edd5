//! Lists the release files under `releases/` (relative paths, sorted) without following
//! symlinks; hidden files and editor leftovers (swap, backup, temp) are not releases.

use crate::diagnostic::{Diagnostic, Problem};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Extensions the press office's tools produce for Markdown (and Jekyll HTML pages).
const EXTENSIONS: [&str; 4] = ["md", "markdown", "mdown", "html"];

/// Whether `name` is a file a person saved as a release, as opposed to an editor's
/// swap/backup/temp file (`.x.swp`, `x~`, `#x#`, `4913`, `.goutputstream-*`).
pub fn is_release_name(name: &str) -> bool {
    if name.starts_with('.') || name.ends_with('~') || name.starts_with('#') {
        return false;
    }
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A candidate release and what its directory entry says of it (symlinks not followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the releases root, UTF-8 (other names are reported, not listed).
    pub rel: String,
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// Every candidate release below `root`, relative and in byte order; symlinks and special
/// files are listed too (so they are reported), directories behind symlinks are not entered.
///
/// The watcher's full rescans call this: metadata comes from the directory handle
/// (`fstatat`, no walk of the whole path) and names sort as bytes, not as path components.
pub fn scan(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    walk(root, PathBuf::new())
}

/// What [`scan`] would list at `rel` (relative to `root`): the file itself, everything below
/// the directory, or nothing when it is gone, hidden or not a release name.
pub fn scan_at(root: &Path, rel: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return (Vec::new(), Vec::new());
    }
    let Ok(meta) = std::fs::symlink_metadata(root.join(rel)) else {
        return (Vec::new(), Vec::new());
    };
    if meta.is_dir() {
        return walk(root, rel.to_path_buf());
    }
    let name = rel.file_name().and_then(|n| n.to_str());
    match (name, rel.to_str()) {
        (Some(name), Some(rel)) if is_release_name(name) => (
            vec![Found {
                rel: rel.to_string(),
                len: meta.len(),
                modified: meta.modified().ok(),
            }],
            Vec::new(),
        ),
        _ => (Vec::new(), Vec::new()),
    }
}

fn walk(root: &Path, start: PathBuf) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut stack = vec![start];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(root.join(&dir)) {
            Ok(entries) => entries,
            Err(e) => {
                diagnostics.push(Diagnostic::error(&dir, Problem::Io(e.to_string())));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                diagnostics.push(
                    Diagnostic::warning(
                        dir.join(&name),
                        Problem::Other("file name is not UTF-8".into()),
                    )
                    .hint("rename the file with UTF-8 characters"),
                );
                continue;
            };
            let rel = dir.join(name);
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                if !name.starts_with('.') {
                    stack.push(rel);
                }
            } else if is_release_name(name)
                && let Some(rel) = rel.to_str()
            {
                // Gone since the listing: it is reported as removed by the next scan.
                let Ok(meta) = entry.metadata() else { continue };
                found.push(Found {
                    rel: rel.to_string(),
                    len: meta.len(),
                    modified: meta.modified().ok(),
                });
            }
        }
    }
    found.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    (found, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_not_releases() {
        for name in [
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            "4913",
            ".goutputstream-X",
            "a.txt",
        ] {
            assert!(!is_release_name(name), "{name}");
        }
        assert!(is_release_name("a.md"));
        assert!(is_release_name("A.MARKDOWN"));
    }
}
