//! The only code that writes to the output directory. Every write is atomic (temp file in the
//! same directory, fsync, rename, fsync of the directory, mode 0644) and happens only when the
//! bytes differ, so an unchanged file keeps its mtime and HTTP caches keep answering 304.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Temp files start with this; leftovers of a crash are removed at the next start.
const TEMP_PREFIX: &str = ".communique-tmp-";

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{0}: refusing to write outside the output directory")]
    UnsafePath(PathBuf),
    #[error("{0}: is a symbolic link; communique never writes or removes through one")]
    SymlinkInOutput(PathBuf),
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    Unchanged,
}

/// Writes below one output directory.
#[derive(Debug, Clone)]
pub(crate) struct Publisher {
    root: PathBuf,
}

impl Publisher {
    /// Creates the output directory if needed.
    pub(crate) fn new(root: &Path) -> Result<Self, PublishError> {
        fs::create_dir_all(root).map_err(|source| PublishError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(Publisher {
            root: root.to_path_buf(),
        })
    }

    /// Writes `bytes` to `rel` unless the file already holds exactly them.
    pub(crate) fn write(&self, rel: &Path, bytes: &[u8]) -> Result<Outcome, PublishError> {
        let outcome = self.write_in_batch(rel, bytes)?;
        if outcome == Outcome::Written {
            self.sync_dir_of(rel)?;
        }
        Ok(outcome)
    }

    /// [`Publisher::write`] but for the final sync of the directory, which
    /// [`Publisher::sync_dir_of`] does once for a whole batch (thousands of PDFs): until then,
    /// a power cut may forget the new names, never leave a file half written.
    pub(crate) fn write_in_batch(&self, rel: &Path, bytes: &[u8]) -> Result<Outcome, PublishError> {
        let path = self.resolve(rel)?;
        if let Ok(existing) = fs::read(&path)
            && existing == bytes
        {
            return Ok(Outcome::Unchanged);
        }
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        let io_err = |source| PublishError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(&dir).map_err(io_err)?;
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&dir)
            .map_err(io_err)?;
        temp.write_all(bytes).map_err(io_err)?;
        set_public_mode(temp.as_file()).map_err(io_err)?;
        temp.as_file().sync_all().map_err(io_err)?;
        temp.persist(&path).map_err(|e| io_err(e.error))?;
        Ok(Outcome::Written)
    }

    /// Makes the renames of files written in the directory of `rel` durable.
    pub(crate) fn sync_dir_of(&self, rel: &Path) -> Result<(), PublishError> {
        let path = self.resolve(rel)?;
        let dir = path.parent().unwrap_or(&self.root);
        sync_dir(dir).map_err(|source| PublishError::Io {
            path: dir.to_path_buf(),
            source,
        })
    }

    /// Removes `rel` if it exists; returns whether it did.
    pub(crate) fn remove(&self, rel: &Path) -> Result<bool, PublishError> {
        let path = self.resolve(rel)?;
        match fs::remove_file(&path) {
            Ok(()) => {
                if let Some(dir) = path.parent() {
                    sync_dir(dir).map_err(|source| PublishError::Io {
                        path: path.clone(),
                        source,
                    })?;
                }
                Ok(true)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(PublishError::Io { path, source }),
        }
    }

    /// Files directly in `rel_dir` with extension `ext`, relative to the root, in byte order.
    pub(crate) fn list(&self, rel_dir: &Path, ext: &str) -> Vec<PathBuf> {
        let Ok(dir) = self.resolve(rel_dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| rel_dir.join(e.file_name()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        found.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        found
    }

    /// Deletes temp files a crash left behind (anywhere below the root).
    pub(crate) fn remove_stale_temp_files(&self) -> usize {
        let mut removed = 0;
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
                match entry.file_type() {
                    Ok(t) if t.is_dir() => stack.push(path),
                    Ok(t) if t.is_file() && is_temp => {
                        removed += usize::from(fs::remove_file(&path).is_ok());
                    }
                    _ => {}
                }
            }
        }
        removed
    }

    /// Output names come from validated slugs; this is the last line of defence.
    fn resolve(&self, rel: &Path) -> Result<PathBuf, PublishError> {
        let safe = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !safe {
            return Err(PublishError::UnsafePath(rel.to_path_buf()));
        }
        // A symlinked `pdf/` (or file) would send writes and removals elsewhere on the disk.
        let mut path = self.root.clone();
        for component in rel.components() {
            path.push(component);
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(PublishError::SymlinkInOutput(path));
                }
                Ok(_) => {}
                Err(_) => return Ok(self.root.join(rel)),
            }
        }
        Ok(path)
    }
}

#[cfg(unix)]
fn set_public_mode(file: &fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_public_mode(_file: &fs::File) -> io::Result<()> {
    Ok(())
}

/// Makes the rename durable: without it a power cut can forget the new directory entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_once_then_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = Publisher::new(dir.path()).unwrap();
        assert_eq!(
            p.write(Path::new("a/b.xml"), b"x").unwrap(),
            Outcome::Written
        );
        let before = fs::metadata(dir.path().join("a/b.xml"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            p.write(Path::new("a/b.xml"), b"x").unwrap(),
            Outcome::Unchanged
        );
        let after = fs::metadata(dir.path().join("a/b.xml"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
        assert_eq!(
            p.write(Path::new("a/b.xml"), b"y").unwrap(),
            Outcome::Written
        );
        assert_eq!(fs::read(dir.path().join("a/b.xml")).unwrap(), b"y");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_world_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = Publisher::new(dir.path()).unwrap();
        p.write(Path::new("f.xml"), b"x").unwrap();
        let mode = fs::metadata(dir.path().join("f.xml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn refuses_to_leave_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let p = Publisher::new(&dir.path().join("out")).unwrap();
        assert!(p.write(Path::new("../evil"), b"x").is_err());
        assert!(p.write(Path::new("/etc/evil"), b"x").is_err());
        assert!(!dir.path().join("evil").exists());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlinked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join("rapport.pdf"), b"not ours").unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("pdf")).unwrap();
        let p = Publisher::new(&out).unwrap();
        assert!(matches!(
            p.write(Path::new("pdf/x.pdf"), b"x"),
            Err(PublishError::SymlinkInOutput(_))
        ));
        assert!(p.remove(Path::new("pdf/rapport.pdf")).is_err());
        assert!(p.list(Path::new("pdf"), "pdf").is_empty());
        assert!(elsewhere.join("rapport.pdf").exists());
        assert!(!elsewhere.join("x.pdf").exists());
    }

    #[test]
    fn stale_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("pdf")).unwrap();
        fs::write(dir.path().join("pdf/.communique-tmp-abc"), b"half").unwrap();
        fs::write(dir.path().join("keep.xml"), b"x").unwrap();
        let p = Publisher::new(dir.path()).unwrap();
        assert_eq!(p.remove_stale_temp_files(), 1);
        assert!(dir.path().join("keep.xml").exists());
    }
}
