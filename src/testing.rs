//! What the unit tests share: the real-world corpus beside the repository (`../shared`,
//! skipped with a line saying so when it is absent) and a plain entry to start from.

use crate::model::{Entry, Kind, Origin, Precision, PubDate};
use chrono::DateTime;
use std::path::{Path, PathBuf};

/// `../shared`, or `None` (and a line saying the test is skipped) when it is absent.
pub(crate) fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

/// The corpus's Markdown files whose path `keep` accepts, sorted; `None` without `../shared`.
pub(crate) fn corpus_files(keep: impl Fn(&Path) -> bool) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![shared_dir()?.join("corpus")];
    while let Some(dir) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for item in read.flatten() {
            let path = item.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && keep(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

/// An entry of `kind` with `key`, dated 9 October 2023 at `precision`, and nothing else.
pub(crate) fn entry(kind: Kind, key: &str, precision: Precision) -> Entry {
    Entry {
        kind,
        key: key.into(),
        slug: "s".into(),
        title: "t".into(),
        date: PubDate {
            at: DateTime::parse_from_rfc3339("2023-10-09T00:00:00+02:00").unwrap_or_default(),
            precision,
        },
        category: None,
        tags: vec![],
        summary: None,
        body: String::new(),
        place: None,
        contact: None,
        attachments: vec![],
        images: vec![],
        event: None,
        article: None,
        embargo: None,
        origin: Origin {
            file: "x.md".into(),
            line: 1,
        },
        also_in: vec![],
        updated: None,
        page: None,
    }
}
