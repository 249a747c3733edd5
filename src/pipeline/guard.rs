//! The wipe guard: a publish that would empty the feeds by mistake is refused.

use super::{PipelineError, Site};
use crate::catalog::{Catalog, newest_order};
use crate::model::Entry;
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// More entries gone than this since the last publish and the guard counts everything.
const FEW: usize = 64;

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
        if let Some(before) = &self.published
            && only_replaced(before, &catalog.entries)
        {
            return Ok(());
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

/// Whether every entry of `before` (the last catalog remembered, whose keys are those the
/// state names online) that is not in `now` has its key taken again by an entry new in
/// `now`: then nothing is withdrawn. One walk over both, newest first, comparing addresses
/// (a save changes an entry or two of a large archive); false when it cannot tell cheaply.
fn only_replaced(before: &[Arc<Entry>], now: &[Arc<Entry>]) -> bool {
    let (mut i, mut j) = (0, 0);
    let mut gone: Vec<&Arc<Entry>> = Vec::new();
    let mut new: Vec<&Arc<Entry>> = Vec::new();
    while i < before.len() || j < now.len() {
        match (before.get(i), now.get(j)) {
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if newest_order(a, b).is_le() => {
                gone.push(a);
                i += 1;
            }
            (Some(a), None) => {
                gone.push(a);
                i += 1;
            }
            (_, Some(b)) => {
                new.push(b);
                j += 1;
            }
            (None, None) => break,
        }
        if gone.len() > FEW || new.len() > FEW {
            return false;
        }
    }
    // An entry misplaced by the walk counts as gone and as new: still taken again.
    let taken: FxHashSet<&str> = new.iter().map(|e| e.key.as_str()).collect();
    gone.iter().all(|e| taken.contains(e.key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Precision};

    fn entry(key: &str, day: u32) -> Arc<Entry> {
        let mut e = crate::testing::entry(Kind::Communique, key, Precision::Day);
        e.date.at += chrono::Duration::days(i64::from(day));
        Arc::new(e)
    }

    #[test]
    fn an_entry_gone_is_seen_unless_its_key_comes_back() {
        let (a, b, c) = (entry("a", 3), entry("b", 2), entry("c", 1));
        let before = vec![a.clone(), b.clone(), c.clone()];
        // Nothing changed, a new entry, an entry replaced (same key, new allocation).
        assert!(only_replaced(&before, &before));
        assert!(only_replaced(
            &before,
            &[entry("n", 9), a.clone(), b.clone(), c.clone()]
        ));
        assert!(only_replaced(
            &before,
            &[a.clone(), entry("b", 5), c.clone()]
        ));
        assert!(only_replaced(
            &before,
            &[entry("b", 0), a.clone(), c.clone()]
        ));
        // Gone, or replaced under another key.
        assert!(!only_replaced(&before, &[a.clone(), c.clone()]));
        assert!(!only_replaced(
            &before,
            &[a.clone(), entry("b2", 2), c.clone()]
        ));
        assert!(!only_replaced(&before, &[]));
        // Out of order (not a catalog): still never says "nothing withdrawn" wrongly.
        assert!(only_replaced(&before, &[c.clone(), b.clone(), a.clone()]));
        assert!(!only_replaced(&before, &[c.clone(), a.clone()]));
    }
}
