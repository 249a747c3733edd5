//! The writer threads of a publish: PDFs in any order, several at once; feeds one by one, in
//! the order they are rendered.

use crate::publish::{Outcome, PublishError, Publisher};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, mpsc};

/// Threads writing PDFs: each waits on its file's sync most of the time.
pub(super) const PDF_WRITERS: usize = 4;

/// Writes PDFs as they arrive, in any order, without syncing their directory (done once
/// after all); returns the paths whose bytes changed, or the first error. After an error it
/// still takes what arrives, so that no renderer waits forever on a full queue.
pub(super) fn write_pdfs(
    publisher: &Publisher,
    files: &Mutex<mpsc::Receiver<(PathBuf, Vec<u8>)>>,
) -> Result<Vec<PathBuf>, PublishError> {
    let mut result = Ok(Vec::new());
    loop {
        let next = match files.lock() {
            Ok(files) => files.recv(),
            Err(_) => break,
        };
        let Ok((path, bytes)) = next else { break };
        if let Ok(written) = &mut result {
            match publisher.write_in_batch(&path, &bytes) {
                Ok(Outcome::Written) => written.push(path),
                Ok(Outcome::Unchanged) => {}
                Err(err) => result = Err(err),
            }
        }
    }
    result
}

/// How many rendered PDFs may wait for the writer: a few per rendering thread, so that
/// rendering never waits for a write and memory holds a handful of PDFs.
pub(super) fn pdf_queue_len() -> usize {
    2 * rayon::current_num_threads()
}

/// How many rendered feed files may wait for the writer.
pub(super) const FEED_QUEUE_LEN: usize = 16;

/// Writes what arrives, in order, until the queue closes or a write fails; returns the paths
/// whose bytes changed. Each file is synced before its rename, the renames happen in the
/// order the files arrive, and each directory is synced once at the end (thousands of
/// archive pages would otherwise wait for as many directory syncs).
pub(super) fn write_in_order(
    publisher: &Publisher,
    files: mpsc::Receiver<(PathBuf, Vec<u8>)>,
) -> Result<Vec<PathBuf>, PublishError> {
    let mut written = Vec::new();
    // One written file per directory, to name the directory to sync.
    let mut dirs: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for (path, bytes) in files {
        if publisher.write_in_batch(&path, &bytes)? == Outcome::Written {
            let dir = path.parent().map(PathBuf::from).unwrap_or_default();
            dirs.entry(dir).or_insert_with(|| path.clone());
            written.push(path);
        }
    }
    for file in dirs.values() {
        publisher.sync_dir_of(file)?;
    }
    Ok(written)
}
