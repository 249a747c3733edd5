//! The site and what the watcher remembers between rebuilds; one rebuild and its report.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{Site, SourceChanges};
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The site and what the watcher remembers between rebuilds.
pub(super) struct State {
    pub(super) site: Site,
    pub(super) clock: Clock,
    /// Each file's diagnostics as last told, so they are told once, not on every rebuild.
    pub(super) printed: BTreeMap<PathBuf, Vec<Diagnostic>>,
    pub(super) next_embargo: Option<DateTime<FixedOffset>>,
    /// What the last publish held back, and until when.
    pub(super) scheduled: Vec<(PathBuf, DateTime<FixedOffset>)>,
    /// What a burst with removals changed, published once it settles.
    pub(super) held_removals: SourceChanges,
}

impl State {
    pub(super) fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now(self.site.config().time_zone)
    }

    pub(super) fn embargo_due(&self) -> bool {
        self.next_embargo.is_some_and(|at| self.now() >= at)
    }

    /// When the next embargo ends, on the monotonic clock.
    pub(super) fn embargo_deadline(&self) -> Option<Instant> {
        let at = self.next_embargo?;
        let left = (at - self.now()).to_std().unwrap_or(Duration::ZERO);
        Some(Instant::now() + left)
    }

    /// Rescans `scope`; publishes if anything changed or `force`.
    pub(super) fn rebuild(
        &mut self,
        reason: Reason,
        scope: &Scope,
        force: bool,
        on_event: &mut impl FnMut(&WatchEvent),
    ) -> Result<(), WatchError> {
        let started = Instant::now();
        let mut changes = match scope {
            Scope::Everything => self.site.rescan()?,
            Scope::Paths(paths) => self.site.rescan_paths(paths)?,
        };
        // Removals wait for the burst to settle (the whole-tree look that follows it): a
        // folder removed file by file must meet the wipe guard as one withdrawal, not as
        // many small ones that each look harmless.
        if let Scope::Paths(_) = scope
            && !changes.removed.is_empty()
        {
            let held = &mut self.held_removals;
            held.removed.append(&mut changes.removed);
            held.changed.append(&mut changes.changed);
            held.added.append(&mut changes.added);
            return Ok(());
        }
        if let Scope::Everything = scope {
            let held = std::mem::take(&mut self.held_removals);
            changes.removed.extend(held.removed);
            changes.changed.extend(held.changed);
            changes.added.extend(held.added);
        }
        if changes.is_empty() && !force {
            return Ok(());
        }
        let at = self.now();
        let report = self.site.publish(at)?;
        // In the background: the next save is never held up by the hub.
        // The hub answers on its own thread, after `on_event`'s caller has moved on: the
        // warning is printed there, in the locale's language.
        crate::websub::announce(self.site.config(), &report.written, |w| {
            eprintln!(
                "{}",
                crate::websub::warning_line(crate::i18n::Lang::from_env(), &w)
            )
        });
        // Only an embargo still ahead can wake us; a past one would spin.
        self.next_embargo = report.next_embargo.filter(|next| *next > at);
        let still: BTreeSet<&Path> = report
            .scheduled
            .iter()
            .map(|e| e.origin.file.as_path())
            .collect();
        let mut released: Vec<PathBuf> = self
            .scheduled
            .iter()
            .filter(|(file, until)| *until <= at && !still.contains(file.as_path()))
            .map(|(file, _)| file.clone())
            .collect();
        released.dedup();
        self.scheduled = report
            .scheduled
            .iter()
            .filter_map(|e| Some((e.origin.file.clone(), e.embargo?)))
            .collect();
        let rebuild = Rebuild {
            reason,
            at,
            changes,
            elapsed: started.elapsed(),
            released,
            report,
        };
        self.tell_diagnostics(&rebuild, on_event);
        on_event(&WatchEvent::Rebuilt(Box::new(rebuild)));
        Ok(())
    }

    pub(super) fn tell_diagnostics(
        &mut self,
        rebuild: &Rebuild,
        on_event: &mut impl FnMut(&WatchEvent),
    ) {
        let mut current: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
        for diagnostic in &rebuild.report.diagnostics {
            current
                .entry(diagnostic.file.clone())
                .or_default()
                .push(diagnostic.clone());
        }
        for list in current.values_mut() {
            list.sort_by_key(|d| (d.line, d.column));
        }
        for (file, diagnostics) in &current {
            if self.printed.get(file) != Some(diagnostics) {
                on_event(&WatchEvent::Diagnostics {
                    file: file.clone(),
                    diagnostics: diagnostics.clone(),
                });
            }
        }
        for file in self.printed.keys() {
            if !current.contains_key(file) && !rebuild.changes.removed.contains(file) {
                on_event(&WatchEvent::Resolved { file: file.clone() });
            }
        }
        self.printed = current;
    }
}
