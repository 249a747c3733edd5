//! The writer threads of a publish: PDFs in any order, several at once; feeds one by one, in
//! the order they are rendered. Both stage their files (written, not yet synced nor renamed)
//! and the publish commits each group at once: one sync of the disk for thousands of files.

use crate::publish::{PublishError, Publisher, Staged};
use std::path::PathBuf;
use std::sync::{Mutex, mpsc};

/// Threads writing PDFs: a clean build's writes overlap its rendering.
pub(super) const PDF_WRITERS: usize = 2;

/// Stages PDFs as they arrive, in any order; returns them, or the first error. After an
/// error it still takes what arrives, so that no renderer waits forever on a full queue.
pub(super) fn stage_pdfs(
    publisher: &Publisher,
    files: &Mutex<mpsc::Receiver<(PathBuf, Vec<u8>)>>,
) -> Result<Vec<Staged>, PublishError> {
    let mut result = Ok(Vec::new());
    loop {
        let next = match files.lock() {
            Ok(files) => files.recv(),
            Err(_) => break,
        };
        let Ok((path, bytes)) = next else { break };
        if let Ok(staged) = &mut result {
            match publisher.stage(&path, &bytes) {
                Ok(Some(file)) => staged.push(file),
                Ok(None) => {}
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

/// Stages what arrives until the queue closes or a write fails, then commits it all: the
/// renames happen in the order the files arrived. Returns the paths whose bytes changed.
pub(super) fn write_in_order(
    publisher: &Publisher,
    files: mpsc::Receiver<(PathBuf, Vec<u8>)>,
) -> Result<Vec<PathBuf>, PublishError> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
        staged.extend(publisher.stage(&path, &bytes)?);
    }
    publisher.commit(staged)
}
