//! Whether releases/ is still the folder the watcher watches (replaced, or a symlink swapped).

use std::path::{Path, PathBuf};

/// Which folder a path names now: its real path and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RootIdentity {
    pub(super) path: PathBuf,
    pub(super) device: u64,
    pub(super) inode: u64,
}

impl RootIdentity {
    #[cfg(unix)]
    pub(super) fn of(path: &Path) -> Option<RootIdentity> {
        use std::os::unix::fs::MetadataExt;
        let real = path.canonicalize().ok()?;
        let meta = std::fs::metadata(&real).ok()?;
        meta.is_dir().then(|| RootIdentity {
            path: real,
            device: meta.dev(),
            inode: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    pub(super) fn of(path: &Path) -> Option<RootIdentity> {
        let real = path.canonicalize().ok()?;
        real.is_dir().then(|| RootIdentity {
            path: real,
            device: 0,
            inode: 0,
        })
    }
}
