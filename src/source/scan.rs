//! Lists the release files under `releases/` (relative paths, sorted) without following
//! symlinks; hidden files and editor leftovers (swap, backup, temp) are not releases and are
//! ignored quietly; any other file is named in a warning, never skipped in silence.

use crate::diagnostic::{Diagnostic, FileFormat, Problem};
use crate::i18n::Message;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Extensions the press office's tools produce for Markdown (and Jekyll HTML pages, read
/// when they have front matter).
const EXTENSIONS: [&str; 4] = ["md", "markdown", "mdown", "html"];

/// What a file name in `releases/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// Read as a release.
    Release,
    /// An editor's or Office's leftover (swap, backup, lock, temp): ignored without a word.
    Dropping,
    /// Something a person put there that is not read (`.docx`, `.pdf`, `.org`…): named in a warning.
    Foreign,
}

/// What the file name `name` (without folders) says the file is.
pub fn classify(name: &str) -> NameKind {
    let lower = name.to_lowercase();
    let dropping = lower.starts_with('.')
        || lower.starts_with("~$")
        || lower.starts_with('#')
        || lower.ends_with('~')
        || lower.bytes().all(|b| b.is_ascii_digit())
        || matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | "icon\r")
        || [".swp", ".swo", ".swx", ".tmp", ".crdownload", ".part"]
            .iter()
            .any(|x| lower.ends_with(x))
        // A Markdown backup (`x.md.bak`) may be what someone meant to publish: it is named.
        || (lower.ends_with(".bak") && !is_markdown_name(lower.trim_end_matches(".bak")));
    if dropping {
        NameKind::Dropping
    } else if is_markdown_name(&lower) {
        NameKind::Release
    } else {
        NameKind::Foreign
    }
}

fn is_markdown_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether `name` is a file a person saved as a release, as opposed to an editor's
/// swap/backup/temp file (`.x.swp`, `x~`, `#x#`, `4913`, `.goutputstream-*`, `~$x.md`)
/// or a file in another format.
pub fn is_release_name(name: &str) -> bool {
    classify(name) == NameKind::Release
}

/// Whether `name` is an editor's or Office's leftover, ignored quietly.
pub fn is_dropping(name: &str) -> bool {
    classify(name) == NameKind::Dropping
}

/// The warning naming a file that is not read (`rel` relative to releases/).
fn not_read(rel: &Path) -> Diagnostic {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (problem, hint) = match ext.as_str() {
        "org" => (
            Problem::UnreadFormat {
                format: FileFormat::OrgMode,
            },
            Message::new("hint-convert-org"),
        ),
        "htm" | "xhtml" => (
            Problem::UnreadFormat {
                format: FileFormat::Html,
            },
            Message::new("hint-convert-html"),
        ),
        "docx" | "doc" | "odt" | "rtf" | "pdf" | "pages" => {
            (Problem::IgnoredFile, Message::new("hint-convert-document"))
        }
        "bak" | "txt" => (Problem::IgnoredFile, Message::new("hint-rename-to-md")),
        _ => (Problem::IgnoredFile, Message::new("hint-foreign-file")),
    };
    Diagnostic::warning(rel, problem).hint(hint)
}

/// A candidate release and what its directory entry says of it (symlinks not followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the releases root, UTF-8 (other names are reported, not listed).
    pub rel: String,
    /// Size, in bytes.
    pub len: u64,
    /// Last modification time, when the filesystem gives one.
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
        (Some(name), Some(_)) if meta.is_file() && classify(name) == NameKind::Foreign => {
            (Vec::new(), vec![not_read(rel)])
        }
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
                    Diagnostic::warning(dir.join(&name), Problem::NonUtf8FileName)
                        .hint(Message::new("hint-non-utf8-file-name")),
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
            } else if file_type.is_file() && classify(name) == NameKind::Foreign {
                // Symlinks and special files that are not releases are not ours to name.
                diagnostics.push(not_read(&rel));
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
            "~$lancement.md",
            "~$mmuniqué.docx",
            ".~lock.communiqué.odt#",
            "a.md.swp",
            "notes.bak",
            ".DS_Store",
            "Thumbs.db",
        ] {
            assert_eq!(classify(name), NameKind::Dropping, "{name}");
            assert!(!is_release_name(name), "{name}");
        }
        for name in [
            "a.txt",
            "a.docx",
            "Communiqué.PDF",
            "presse.org",
            "presse.htm",
            "a.md.bak",
            "README",
        ] {
            assert_eq!(classify(name), NameKind::Foreign, "{name}");
        }
        assert!(is_release_name("a.md"));
        assert!(is_release_name("A.MARKDOWN"));
        assert!(is_release_name("presse.html"));
    }

    #[test]
    fn files_not_read_are_named_once_and_droppings_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("communiques");
        std::fs::create_dir(&sub).unwrap();
        for name in [
            "a.md",
            "b.docx",
            "presse.org",
            "c.md.bak",
            "~$a.md",
            ".~lock.b.docx#",
            "a.md~",
        ] {
            std::fs::write(sub.join(name), "x").unwrap();
        }
        let (found, diagnostics) = scan(dir.path());
        let rels: Vec<&str> = found.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["communiques/a.md"]);
        let mut named: Vec<(String, String)> = diagnostics
            .iter()
            .map(|d| (d.file.display().to_string(), d.problem.to_string()))
            .collect();
        named.sort();
        assert_eq!(
            named,
            [
                (
                    "communiques/b.docx".to_string(),
                    "ignored: only .md and .markdown files are read".to_string()
                ),
                (
                    "communiques/c.md.bak".to_string(),
                    "ignored: only .md and .markdown files are read".to_string()
                ),
                (
                    "communiques/presse.org".to_string(),
                    "an Org-mode file is not read: only Markdown (.md, .markdown) files are"
                        .to_string()
                ),
            ]
        );
        let (_, at) = scan_at(dir.path(), Path::new("communiques/presse.org"));
        assert_eq!(at.len(), 1);
        let (_, quiet) = scan_at(dir.path(), Path::new("communiques/~$a.md"));
        assert!(quiet.is_empty());
    }
}
