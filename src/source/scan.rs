//! Lists the release files under `releases/` (relative paths, sorted) without following
//! symlinks; hidden files and editor leftovers (swap, backup, temp) are not releases.

use crate::diagnostic::{Diagnostic, Problem};
use std::path::{Path, PathBuf};

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

/// Every candidate release below `root`, relative and sorted; symlinks and special files are
/// listed too (so they are reported), directories behind symlinks are not entered.
pub fn scan(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut stack = vec![PathBuf::new()];
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
            } else if is_release_name(name) {
                found.push(rel);
            }
        }
    }
    found.sort();
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
