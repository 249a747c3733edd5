//! What a publish writes, staged as it is rendered and committed in groups: PDFs from the
//! rendering threads in any order, then feeds in the order they are rendered (the main
//! feed's files at once). Each group is made durable at once (one sync of the disk for
//! thousands of files) before the next.

use super::Site;
use crate::catalog::Catalog;
use crate::feeds::{self, FeedError};
use crate::publish::{PublishError, Publisher, Staged};
use chrono::{DateTime, FixedOffset};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// From this many PDFs (a clean build), they are made durable while the feeds render (the
/// disk writes them while the processors lay out feeds); a feed is still put in place only
/// after them. Fewer (a save) are committed first, so that the main feed can go out at once.
pub(super) const PDFS_SYNCED_WHILE_FEEDS_RENDER: usize = 32;

impl Site {
    /// Renders every feed at `now` and stages its files in `feed_files`; a file the previous
    /// publish wrote with the same bytes is only named in `produced`.
    pub(super) fn stage_feeds(
        &mut self,
        catalog: &Catalog,
        now: DateTime<FixedOffset>,
        publisher: &Publisher,
        produced: &mut HashSet<PathBuf>,
        feed_files: &mut InOrder,
    ) -> Result<(), FeedError> {
        let known = self.pdfs.iter().map(|(slug, pdf)| (slug, pdf.record.len));
        feeds::sync_sizes(&mut self.pdf_sizes, known);
        feeds::render_feeds_cached(
            catalog,
            &self.config,
            &self.pdf_sizes,
            now,
            &mut self.feed_cache,
            |file| {
                produced.insert(file.path.clone());
                // Reused bytes were written by the previous publish (a failed one, or
                // outputs found missing, clear the cache).
                if !file.reused {
                    feed_files.stage(publisher, &file.path, &file.bytes);
                }
            },
        )
    }
}

/// Files staged from several threads, and the first error.
#[derive(Default)]
pub(super) struct Staging {
    files: Mutex<Vec<Staged>>,
    failure: Mutex<Option<PublishError>>,
}

impl Staging {
    /// How many files are staged.
    pub(super) fn len(&self) -> usize {
        self.files.lock().map_or(0, |files| files.len())
    }

    /// Stages `bytes` for `rel` (nothing once a write has failed: the group is lost anyway).
    /// Called by the thread that rendered them: no queue, no writer thread to wake.
    pub(super) fn stage(&self, publisher: &Publisher, rel: &Path, bytes: &[u8]) {
        let mut failure = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
        if failure.is_some() {
            return;
        }
        drop(failure);
        match publisher.stage(rel, bytes) {
            Ok(Some(file)) => self
                .files
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(file),
            Ok(None) => {}
            Err(err) => {
                failure = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
                failure.get_or_insert(err);
            }
        }
    }

    /// Commits what was staged, in name order; returns the paths whose bytes changed, or
    /// the first error (then nothing staged is put in place).
    pub(super) fn commit(self, publisher: &Publisher) -> Result<Vec<PathBuf>, PublishError> {
        if let Some(err) = self
            .failure
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
        {
            return Err(err);
        }
        let mut files = self
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        files.sort_unstable_by(|a, b| a.rel().cmp(b.rel()));
        publisher.commit(files)
    }
}

/// Files put in place in the order they come: the first few at once, each synced then
/// renamed as it arrives (the main feed is on disk while the others render), the rest
/// staged and committed together at the end.
pub(super) struct InOrder {
    at_once: usize,
    files: Vec<Staged>,
    written: Vec<PathBuf>,
    failure: Option<PublishError>,
}

impl InOrder {
    /// Puts the first `at_once` files in place as they come.
    pub(super) fn new(at_once: usize) -> InOrder {
        InOrder {
            at_once,
            files: Vec::new(),
            written: Vec::new(),
            failure: None,
        }
    }

    /// Stages `bytes` for `rel`, or puts them in place at once (nothing once a write has
    /// failed).
    pub(super) fn stage(&mut self, publisher: &Publisher, rel: &Path, bytes: &[u8]) {
        if self.failure.is_some() {
            return;
        }
        let staged = match publisher.stage(rel, bytes) {
            Ok(staged) => staged,
            Err(err) => {
                self.failure = Some(err);
                return;
            }
        };
        let Some(file) = staged else { return };
        if self.at_once == 0 {
            self.files.push(file);
            return;
        }
        self.at_once -= 1;
        match publisher.commit(vec![file]) {
            Ok(written) => self.written.extend(written),
            Err(err) => self.failure = Some(err),
        }
    }

    /// Commits what was staged, renamed in the order it came; the paths whose bytes changed,
    /// in that order.
    pub(super) fn commit(mut self, publisher: &Publisher) -> Result<Vec<PathBuf>, PublishError> {
        if let Some(err) = self.failure {
            return Err(err);
        }
        self.written.extend(publisher.commit(self.files)?);
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_failed_write_puts_nothing_of_its_group_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::new(dir.path()).unwrap();
        let pdfs = Staging::default();
        pdfs.stage(&publisher, Path::new("pdf/a.pdf"), b"a");
        pdfs.stage(&publisher, Path::new("../outside.pdf"), b"x");
        pdfs.stage(&publisher, Path::new("pdf/b.pdf"), b"b");
        assert!(matches!(
            pdfs.commit(&publisher),
            Err(PublishError::UnsafePath(_))
        ));
        assert!(!dir.path().join("pdf/a.pdf").exists());
        assert_eq!(publisher.remove_stale_temp_files(), 0, "temp files removed");

        let mut feeds = InOrder::new(1);
        feeds.stage(&publisher, Path::new("b.xml"), b"b");
        assert!(
            dir.path().join("b.xml").exists(),
            "the first is in place at once"
        );
        feeds.stage(&publisher, Path::new("a.xml"), b"a");
        assert!(
            !dir.path().join("a.xml").exists(),
            "the next waits for the commit"
        );
        let written = feeds.commit(&publisher).unwrap();
        assert_eq!(written, [PathBuf::from("b.xml"), PathBuf::from("a.xml")]);
        let mut feeds = InOrder::new(0);
        feeds.stage(&publisher, Path::new("c.xml"), b"c");
        feeds.stage(&publisher, Path::new("/etc/c.xml"), b"c");
        assert!(feeds.commit(&publisher).is_err());
        assert!(!dir.path().join("c.xml").exists());
    }
}
