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

/// One edit of a list of entries, as the incremental property tests draw it: an entry made
/// from eight drawn bytes, and indices taken modulo the list's length (none when it is empty).
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Add([u8; 8]),
    /// Replaces the entry at this index by a new allocation of another entry.
    Replace(usize, [u8; 8]),
    /// Replaces it by a new allocation of the same entry (a file saved unchanged).
    Reread(usize),
    Remove(usize),
}

impl Edit {
    /// The edits, weighted as both tests draw them (adds first, rereads least).
    pub(crate) fn strategy() -> impl proptest::strategy::Strategy<Value = Edit> {
        use proptest::prelude::*;
        prop_oneof![
            4 => any::<[u8; 8]>().prop_map(Edit::Add),
            2 => (any::<usize>(), any::<[u8; 8]>()).prop_map(|(i, e)| Edit::Replace(i, e)),
            1 => any::<usize>().prop_map(Edit::Reread),
            2 => any::<usize>().prop_map(Edit::Remove),
        ]
    }

    /// Applies the edit to `entries`, making new entries with `make`.
    pub(crate) fn apply(
        &self,
        entries: &mut Vec<std::sync::Arc<Entry>>,
        make: impl Fn([u8; 8]) -> Entry,
    ) {
        use std::sync::Arc;
        let index = |i: usize| (!entries.is_empty()).then(|| i % entries.len());
        match self {
            Edit::Add(choice) => entries.push(Arc::new(make(*choice))),
            Edit::Replace(i, choice) => {
                if let Some(i) = index(*i) {
                    entries[i] = Arc::new(make(*choice));
                }
            }
            Edit::Reread(i) => {
                if let Some(i) = index(*i) {
                    entries[i] = Arc::new((*entries[i]).clone());
                }
            }
            Edit::Remove(i) => {
                if let Some(i) = index(*i) {
                    entries.remove(i);
                }
            }
        }
    }
}
