//! The real-world inputs beside the repository (`../shared`: seeds and corpus) and the
//! walk over them. Absent (a bare clone), every test that reads them prints a SKIP line and
//! passes.

use communique::model::Entry;
use communique::{Config, Kind, source};
use std::path::{Path, PathBuf};

/// The shared seeds and corpus: `$COMMUNIQUE_SHARED` when set, else `../shared` beside the
/// repository, when present (CI has it; a bare clone or a worktree elsewhere may not).
pub(crate) fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COMMUNIQUE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
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

/// Every entry of every release below `root` of `kind`, with the file it came from
/// (relative to `root`), in the scanner's order.
pub(crate) fn entries_of(root: &Path, kind: Kind, config: &Config) -> Vec<(PathBuf, Entry)> {
    let (files, _) = source::scan::scan(root);
    let mut out = Vec::new();
    for found in &files {
        let rel = PathBuf::from(&found.rel);
        for entry in source::load_file(root, &rel, config).entries {
            if entry.kind == kind {
                out.push((rel.clone(), entry));
            }
        }
    }
    out
}
