//! Feed files left on disk that a publish no longer produces: the feeds of a tag nobody uses
//! any more, archive pages of a history that got shorter (an entry deleted, withdrawn or put
//! back under embargo). Left in place they would keep serving what was taken down.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The names a feed document can have; other files (PDFs, the manifest, whatever the site
/// keeps beside them) are never considered.
const FEED_FILES: [&str; 3] = ["atom.xml", "rss.xml", "feed.json"];

/// Feed files below `root` (relative) that are not in `produced`. `pdf/` is not walked.
pub fn stale_feeds(root: &Path, produced: &HashSet<PathBuf>) -> Vec<PathBuf> {
    let mut stale = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(root.join(&rel))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = rel.join(entry.file_name());
            match entry.file_type() {
                Ok(t) if t.is_dir() && path != Path::new("pdf") => stack.push(path),
                Ok(t) if t.is_file() => {
                    let name = entry.file_name();
                    if FEED_FILES.iter().any(|f| name == *f) && !produced.contains(&path) {
                        stale.push(path);
                    }
                }
                _ => {}
            }
        }
    }
    stale.sort();
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unproduced_feed_files_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "atom.xml",
            "tags/old/atom.xml",
            "tags/old/notes.txt",
            "archive/2/feed.json",
            "pdf/atom.xml",
        ] {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let produced = HashSet::from([PathBuf::from("atom.xml")]);
        assert_eq!(
            stale_feeds(dir.path(), &produced),
            [
                PathBuf::from("archive/2/feed.json"),
                PathBuf::from("tags/old/atom.xml")
            ]
        );
    }
}
