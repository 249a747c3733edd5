//! The only code that writes to the output directory. Every write is atomic (temp file in the
//! same directory, synced, renamed, directory synced, mode 0644) and happens only when the
//! bytes differ, so an unchanged file keeps its mtime and HTTP caches keep answering 304.
//!
//! Many files at once (a clean build's thousands of PDFs and archive pages) are staged: each
//! is written to its temp file without waiting for the disk, and [`Publisher::commit`] makes
//! them durable together (one `syncfs` instead of a sync per file), then renames them.
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    /// Folders found to be folders, not symbolic links, since this publisher was made: the
    /// thousands of files of a clean build share a few folders, each looked at once.
    folders: Arc<Mutex<HashSet<PathBuf>>>,
}

/// A file written to its temp file, waiting for [`Publisher::commit`].
#[derive(Debug)]
pub(crate) struct Staged {
    temp: tempfile::TempPath,
    path: PathBuf,
    rel: PathBuf,
}

impl Staged {
    /// Where it goes, relative to the root.
    pub(crate) fn rel(&self) -> &Path {
        &self.rel
    }
}

/// From this many files, one sync of each disk involved costs less than a sync per file (a
/// watcher's save writes a handful; a clean build, thousands).
const SYNC_WHOLE_DISK_FROM: usize = 32;

/// Syncs issued at once where each file is synced on its own.
const SYNC_THREADS: usize = 8;

impl Publisher {
    /// Creates the output directory if needed.
    pub(crate) fn new(root: &Path) -> Result<Self, PublishError> {
        fs::create_dir_all(root).map_err(|source| PublishError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        // Absolute once, so that no temp file asks for the working directory again.
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Ok(Publisher {
            root,
            folders: Arc::default(),
        })
    }

    /// Writes `bytes` to `rel` unless the file already holds exactly them.
    pub(crate) fn write(&self, rel: &Path, bytes: &[u8]) -> Result<Outcome, PublishError> {
        match self.stage(rel, bytes)? {
            Some(staged) => {
                self.commit(vec![staged])?;
                Ok(Outcome::Written)
            }
            None => Ok(Outcome::Unchanged),
        }
    }

    /// Writes `bytes` to a temp file beside `rel`, not yet synced nor renamed; `None` when `rel`
    /// already holds exactly them. Until [`Publisher::commit`], readers see the old file (a
    /// dropped `Staged` removes its temp file).
    pub(crate) fn stage(&self, rel: &Path, bytes: &[u8]) -> Result<Option<Staged>, PublishError> {
        let (path, existing) = self.resolve_file(rel)?;
        // Another size is another content: a changed feed is not read back to be compared.
        let same_size = existing.is_some_and(|meta| meta.len() == bytes.len() as u64);
        if same_size
            && let Ok(existing) = fs::read(&path)
            && existing == bytes
        {
            return Ok(None);
        }
        self.stage_at(path, rel, |file| file.write_all(bytes))
            .map(Some)
    }

    /// [`Publisher::stage`] for a file that `write` writes bit by bit (a large one, never whole
    /// in memory); always staged.
    pub(crate) fn stage_with(
        &self,
        rel: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Staged, PublishError> {
        let (path, _) = self.resolve_file(rel)?;
        self.stage_at(path, rel, |file| {
            let mut buffered = io::BufWriter::new(file);
            write(&mut buffered)?;
            buffered.flush()
        })
    }

    fn stage_at(
        &self,
        path: PathBuf,
        rel: &Path,
        write: impl FnOnce(&mut fs::File) -> io::Result<()>,
    ) -> Result<Staged, PublishError> {
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        let io_err = |source| PublishError::Io {
            path: path.clone(),
            source,
        };
        if !self.is_known_folder(&dir) {
            fs::create_dir_all(&dir).map_err(io_err)?;
            self.known_folder(dir.clone());
        }
        let temp_in = |dir: &Path| {
            tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .tempfile_in(dir)
        };
        let mut temp = match temp_in(&dir) {
            // A folder removed since it was seen (by hand, while the watcher runs): again.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(&dir).map_err(io_err)?;
                temp_in(&dir)
            }
            made => made,
        }
        .map_err(io_err)?;
        write(temp.as_file_mut()).map_err(io_err)?;
        set_public_mode(temp.as_file()).map_err(io_err)?;
        Ok(Staged {
            temp: temp.into_temp_path(),
            path,
            rel: rel.to_path_buf(),
        })
    }

    /// Makes staged files durable, then puts each in place in the order given, then makes
    /// the new names durable; returns their paths relative to the root. A crash at any point
    /// leaves each file whole: the old one or the new one (temp files are removed at the next
    /// start).
    pub(crate) fn commit(&self, staged: Vec<Staged>) -> Result<Vec<PathBuf>, PublishError> {
        if staged.is_empty() {
            return Ok(Vec::new());
        }
        let dirs: BTreeSet<PathBuf> = staged
            .iter()
            .map(|s| s.path.parent().unwrap_or(&self.root).to_path_buf())
            .collect();
        let many = staged.len() >= SYNC_WHOLE_DISK_FROM;
        if !(many && sync_disks(&dirs)) {
            let temps: Vec<(&Path, &Path)> = staged
                .iter()
                .map(|s| (&*s.temp, s.path.as_path()))
                .collect();
            sync_each(&temps, sync_file)?;
        }
        let mut written = Vec::with_capacity(staged.len());
        for file in staged {
            let Staged { temp, path, rel } = file;
            temp.persist(&path).map_err(|e| PublishError::Io {
                path: path.clone(),
                source: e.error,
            })?;
            written.push(rel);
        }
        if !(many && sync_disks(&dirs)) {
            let dirs: Vec<(&Path, &Path)> =
                dirs.iter().map(|d| (d.as_path(), d.as_path())).collect();
            sync_each(&dirs, sync_dir)?;
        }
        Ok(written)
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
        Ok(self.resolve_file(rel)?.0)
    }

    /// [`Publisher::resolve`], with what is at the path now (`None`: nothing).
    fn resolve_file(&self, rel: &Path) -> Result<(PathBuf, Option<fs::Metadata>), PublishError> {
        let safe = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !safe {
            return Err(PublishError::UnsafePath(rel.to_path_buf()));
        }
        // A symlinked `pdf/` (or file) would send writes and removals elsewhere on the disk.
        let mut path = self.root.clone();
        let mut components = rel.components().peekable();
        while let Some(component) = components.next() {
            path.push(component);
            let last = components.peek().is_none();
            if !last && self.is_known_folder(&path) {
                continue;
            }
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(PublishError::SymlinkInOutput(path));
                }
                Ok(meta) if last => return Ok((path, Some(meta))),
                Ok(meta) => {
                    if meta.is_dir() {
                        self.known_folder(path.clone());
                    }
                }
                Err(_) => return Ok((self.root.join(rel), None)),
            }
        }
        Ok((path, None))
    }

    fn is_known_folder(&self, dir: &Path) -> bool {
        self.folders
            .lock()
            .is_ok_and(|folders| folders.contains(dir))
    }

    fn known_folder(&self, dir: PathBuf) {
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(dir);
        }
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

/// Runs `sync` on each `(file, named as)`, on up to [`SYNC_THREADS`] threads at once: the
/// disk serves concurrent syncs together (a save's seven files: median 20 → 10 ms on a busy
/// disk here).
fn sync_each(
    files: &[(&Path, &Path)],
    sync: fn(&Path) -> io::Result<()>,
) -> Result<(), PublishError> {
    let sync_all = |files: &[(&Path, &Path)]| {
        files.iter().try_for_each(|(file, named)| {
            sync(file).map_err(|source| PublishError::Io {
                path: named.to_path_buf(),
                source,
            })
        })
    };
    if files.len() < 2 {
        return sync_all(files);
    }
    std::thread::scope(|scope| {
        let syncs: Vec<_> = files
            .chunks(files.len().div_ceil(SYNC_THREADS))
            .map(|chunk| scope.spawn(move || sync_all(chunk)))
            .collect();
        syncs.into_iter().try_for_each(|s| {
            s.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })
}

/// Makes a temp file's bytes durable before its rename.
fn sync_file(temp: &Path) -> io::Result<()> {
    fs::OpenOptions::new().write(true).open(temp)?.sync_all()
}

/// Makes everything written on the disks holding `dirs` durable, one call per disk; false
/// where the system cannot (then each file is synced on its own).
#[cfg(target_os = "linux")]
fn sync_disks(dirs: &BTreeSet<PathBuf>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let mut synced = BTreeSet::new();
    for dir in dirs {
        let Ok(meta) = fs::metadata(dir) else {
            return false;
        };
        if synced.insert(meta.dev()) {
            let synced_disk =
                fs::File::open(dir).is_ok_and(|file| rustix::fs::syncfs(&file).is_ok());
            if !synced_disk {
                return false;
            }
        }
    }
    true
}

#[cfg(not(target_os = "linux"))]
fn sync_disks(_dirs: &BTreeSet<PathBuf>) -> bool {
    false
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
#[path = "publish_tests.rs"]
mod tests;
