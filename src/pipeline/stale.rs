//! Feed files communique wrote and no longer produces (a tag gone, a shorter history) must
//! not keep serving what was taken down. None can be when the feeds produced the same paths
//! as the publish before, which recorded them all: the caller then skips this walk over
//! every file of the archive.

use super::{PipelineError, Site};
use crate::publish::Publisher;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

impl Site {
    /// Removes the feed files recorded as written that are not in `produced`, naming them in
    /// `removed`, and records `produced` as written.
    pub(super) fn remove_stale_feeds(
        &mut self,
        publisher: &Publisher,
        produced: HashSet<PathBuf>,
        removed: &mut Vec<PathBuf>,
    ) -> Result<(), PipelineError> {
        let produced: HashSet<String> = produced
            .into_iter()
            .map(|path| path.to_string_lossy().into_owned())
            .collect();
        let stale: Vec<String> = self
            .state
            .written
            .iter()
            .filter(|rel| !rel.starts_with("pdf/") && !produced.contains(*rel))
            .cloned()
            .collect();
        for rel in stale {
            self.state.written.remove(&rel);
            if publisher.remove(Path::new(&rel))? {
                removed.push(PathBuf::from(rel));
            }
        }
        self.state.written.extend(produced);
        Ok(())
    }
}
