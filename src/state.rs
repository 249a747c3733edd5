//! What communique remembers between runs, kept outside the served folder (`.communique/`
//! beside the output by default): the PDFs it rendered, every output file it wrote (only those
//! are ever removed), which file holds each published output, and the last good version of
//! each published release (so a broken edit keeps it online in `build` as in `watch`).
//!
//! Everything in `feeds/` stays derived: deleting it and building again gives the same bytes.

use crate::publish::{Outcome, PublishError, Publisher, Staged};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

mod pack;

const STATE_FILE: &str = "state.json";
const LOCK_FILE: &str = "lock";
const SOURCES_DIR: &str = "sources";
/// From this many copies kept at once (a first build keeps one per release), they go in one
/// pack rather than a file each.
const PACK_FROM: usize = 64;
/// Written inside the output folder by earlier versions; removed on the first publish.
pub const LEGACY_MANIFEST: &str = ".communique-manifest.json";

/// A PDF on disk and the input it was rendered from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfRecord {
    /// Hash of what the PDF depends on.
    pub input: String,
    /// Size of the PDF file, in bytes.
    pub len: u64,
    /// blake3 of the PDF's bytes: after a crash between a PDF write and the state write,
    /// the file on disk may be another version of the same length.
    pub hash: String,
}

/// The last good version of a published release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodVersion {
    /// blake3 of the file's bytes; the bytes are kept in `sources/<hash>`.
    pub hash: String,
    /// When this version was first published (RFC 3339, Paris time).
    pub since: String,
    /// blake3 of what its entries publish (not of the bytes: a comment or a reordered key
    /// is no correction).
    #[serde(default)]
    pub content: String,
    /// When that content was published after a correction; `None` while it is the content
    /// first published.
    #[serde(default)]
    pub corrected: Option<String>,
    /// The identity its communiqué or event was published under (`communiques/x`, and the
    /// PDF name): a renamed file with the same content keeps it.
    #[serde(default)]
    pub identity: Option<Identity>,
}

/// What a journalist holds on to: the entry's key (its feed id) and its output name (its PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The entry's key, from which its feed id is made (`communiques/x`).
    pub key: String,
    /// The PDF's name, without `.pdf`.
    pub slug: String,
    /// The title it was published with, to recognise a renamed file whose text was touched.
    pub title: String,
}

/// The persisted state of one output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// By PDF slug.
    #[serde(default)]
    pub pdfs: BTreeMap<String, PdfRecord>,
    /// Every output path communique wrote and has not removed, relative to the output folder.
    #[serde(default)]
    pub written: BTreeSet<String>,
    /// Published output name (`id:…`, `file:…`) → the release file that holds it.
    #[serde(default)]
    pub owners: crate::catalog::Owners,
    /// By release path relative to `releases/`.
    #[serde(default)]
    pub good: BTreeMap<String, GoodVersion>,
}

/// Why the state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The state folder cannot be created, or its lock file opened or locked.
    #[error("{path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Writing a state file failed.
    #[error(transparent)]
    Write(#[from] PublishError),
}

/// The state folder of one output folder, and its writer.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store kept in `dir` (nothing is read or created yet).
    pub fn new(dir: &Path) -> Store {
        Store {
            dir: dir.to_path_buf(),
        }
    }

    /// The file the state is saved in.
    pub(crate) fn state_file(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// The state folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The saved state; empty when there is none or it cannot be read (everything in it can
    /// be rebuilt, at the cost of rendering PDFs again).
    pub fn load(&self) -> State {
        std::fs::read(self.state_file())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves `state` (a [`State`], or a borrowed view that serialises like one) atomically;
    /// `Unchanged` when it was already saved. Compact: the state of a large archive is
    /// megabytes, written after each save in the watcher.
    pub fn save(&self, state: &impl Serialize) -> Result<Outcome, StateError> {
        let bytes = serde_json::to_vec(state).unwrap_or_default();
        Ok(self.publisher()?.write(Path::new(STATE_FILE), &bytes)?)
    }

    /// Keeps a copy of a good version's bytes, named by `hash`.
    pub fn keep_source(&self, hash: &str, bytes: &[u8]) -> Result<(), StateError> {
        let staged = self.stage_source(hash, bytes)?;
        self.keep_sources(staged.into_iter().collect())
    }

    /// Writes a copy of a good version's bytes, named by `hash`, kept once
    /// [`Store::keep_sources`] commits it; `None` when that copy is already kept.
    pub(crate) fn stage_source(
        &self,
        hash: &str,
        bytes: &[u8],
    ) -> Result<Option<Staged>, StateError> {
        Ok(self
            .publisher()?
            .stage(&Path::new(SOURCES_DIR).join(hash), bytes)?)
    }

    /// [`Store::stage_source`] for each `(hash, bytes)`, on all threads; from [`PACK_FROM`]
    /// copies, one pack of them all.
    pub(crate) fn stage_sources(
        &self,
        copies: &[(String, std::sync::Arc<[u8]>)],
    ) -> Result<Vec<Staged>, StateError> {
        if copies.is_empty() {
            return Ok(Vec::new());
        }
        let publisher = self.publisher()?;
        let dir = Path::new(SOURCES_DIR);
        if copies.len() >= PACK_FROM {
            return Ok(vec![pack::stage(&publisher, dir, copies)?]);
        }
        let staged: Result<Vec<Option<Staged>>, PublishError> = copies
            .par_iter()
            .map(|(hash, bytes)| publisher.stage(&dir.join(hash), bytes))
            .collect();
        Ok(staged?.into_iter().flatten().collect())
    }

    /// Makes staged copies durable, all at once (a first build keeps thousands).
    pub(crate) fn keep_sources(&self, staged: Vec<Staged>) -> Result<(), StateError> {
        self.publisher()?.commit(staged)?;
        Ok(())
    }

    /// The bytes of a kept good version: its own file, or its copy in a pack.
    pub fn source(&self, hash: &str) -> Option<Vec<u8>> {
        let dir = self.dir.join(SOURCES_DIR);
        if let Ok(bytes) = std::fs::read(dir.join(hash)) {
            return Some(bytes);
        }
        self.packs().into_iter().find_map(|path| {
            let copy = pack::index(&path)?.into_iter().find(|c| c.hash == hash)?;
            pack::read(&path, &copy)
        })
    }

    /// Removes kept versions no longer referenced by `state`.
    pub fn prune_sources(&self, state: &State) -> Result<(), StateError> {
        self.prune_sources_keeping(&state.good)
    }

    /// Removes the kept versions among `hashes` that `good` no longer references: after a
    /// save that replaced them, without listing every kept version. Those in a pack stay
    /// until the next [`Store::prune_sources_keeping`].
    pub fn forget_sources(
        &self,
        hashes: &[String],
        good: &BTreeMap<String, GoodVersion>,
    ) -> Result<(), StateError> {
        let publisher = self.publisher()?;
        for hash in hashes {
            let safe = !hash.is_empty() && !hash.starts_with('.') && !hash.contains('/');
            if safe && !good.values().any(|g| g.hash == *hash) {
                publisher.remove(&Path::new(SOURCES_DIR).join(hash))?;
            }
        }
        Ok(())
    }

    /// Removes kept versions that `good` does not reference: their files, the packs that hold
    /// none that it does, and packs where fewer than half are (their wanted copies are packed
    /// anew first).
    pub fn prune_sources_keeping(
        &self,
        good: &BTreeMap<String, GoodVersion>,
    ) -> Result<(), StateError> {
        let publisher = self.publisher()?;
        let wanted: BTreeSet<&str> = good.values().map(|g| g.hash.as_str()).collect();
        let dir = self.dir.join(SOURCES_DIR);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            if let Some(name) = name.to_str()
                && !wanted.contains(name)
                && !name.starts_with('.')
                && !is_pack(Path::new(name))
            {
                publisher.remove(&Path::new(SOURCES_DIR).join(name))?;
            }
        }
        for path in self.packs() {
            // A damaged pack holds nothing that can be read back.
            let copies = pack::index(&path).unwrap_or_default();
            let kept: Vec<&pack::Copy> = copies
                .iter()
                .filter(|c| wanted.contains(c.hash.as_str()))
                .collect();
            if !kept.is_empty() && kept.len() * 2 >= copies.len() {
                continue;
            }
            let again: Vec<(String, std::sync::Arc<[u8]>)> = kept
                .iter()
                .filter_map(|c| Some((c.hash.clone(), pack::read(&path, c)?.into())))
                .collect();
            if !again.is_empty() {
                let staged = pack::stage(&publisher, Path::new(SOURCES_DIR), &again)?;
                publisher.commit(vec![staged])?;
            }
            if let Some(name) = path.file_name() {
                publisher.remove(&Path::new(SOURCES_DIR).join(name))?;
            }
        }
        Ok(())
    }

    /// The packs in the sources folder.
    fn packs(&self) -> Vec<PathBuf> {
        let dir = self.dir.join(SOURCES_DIR);
        let mut packs: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| is_pack(path) && path.is_file())
            .collect();
        packs.sort();
        packs
    }

    fn publisher(&self) -> Result<Publisher, StateError> {
        Ok(Publisher::new(&self.dir)?)
    }

    /// Takes the output folder's write lock, waiting for another communique if it holds it;
    /// `on_wait` is told that process's id first (when it wrote one).
    pub fn lock(&self, on_wait: impl FnOnce(Option<u32>)) -> Result<OutputLock, StateError> {
        let io = |source| StateError::Io {
            path: self.dir.join(LOCK_FILE),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.dir.join(LOCK_FILE))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                on_wait(holder.trim().parse().ok());
                file.lock().map_err(io)?;
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        // Who holds it, for the next one who waits.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        Ok(OutputLock { _file: file })
    }
}

/// Held while one process writes an output folder; released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

fn is_pack(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == pack::EXTENSION)
}

/// The state folder of the output folder `out`: the one `config` names, else [`default_dir`].
pub(crate) fn dir_for(config: &crate::config::Config, out: &Path) -> PathBuf {
    config.state_dir.clone().unwrap_or_else(|| default_dir(out))
}

/// The default state folder of an output folder: `.communique/<name>` beside it, outside what
/// is served.
pub fn default_dir(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "feeds".into(), |n| n.to_os_string());
    let parent = out.parent().unwrap_or(Path::new(""));
    parent.join(".communique").join(name)
}

#[cfg(test)]
mod tests;
