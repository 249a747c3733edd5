//! The wipe guard: a publish that would empty the feeds by mistake is refused.

use super::{PipelineError, Site};
use crate::catalog::Catalog;
use rustc_hash::FxHashSet;

impl Site {
    /// Refuses a publish that would withdraw more than half of what is online, or one from a
    /// releases folder with no release at all: an unmounted share or a wrong `--releases` must
    /// not empty the feeds.
    pub(super) fn guard_withdrawal(&self, catalog: &Catalog) -> Result<(), PipelineError> {
        if self.allow_withdraw {
            return Ok(());
        }
        if self.sources.is_empty() {
            return Err(PipelineError::NoReleases {
                path: self.paths.releases.clone(),
            });
        }
        let now_published: FxHashSet<&str> =
            catalog.entries.iter().map(|e| e.key.as_str()).collect();
        let mut before = 0;
        let mut withdrawn: Vec<(&str, &str)> = Vec::new();
        for (key, file) in self.state.owners.published() {
            before += 1;
            if !now_published.contains(key) {
                withdrawn.push((key, file));
            }
        }
        if withdrawn.len() * 2 > before {
            withdrawn.sort_unstable();
            let examples: Vec<&str> = withdrawn.iter().take(3).map(|(_, file)| *file).collect();
            return Err(PipelineError::WouldWithdraw {
                withdrawn: withdrawn.len(),
                published: before,
                examples: examples.join(", "),
            });
        }
        Ok(())
    }
}
