//! What a `build` left, enough for the next one to see that nothing changed without reading a
//! release: the size and mtime of every release and output, what else the outputs depend on
//! (version, settings, folders, the program itself) and until when they hold (an embargo
//! ends, an event passes). Kept in the state folder, apart from `state.json`, which the
//! watcher saves on every publish: this one only `build` writes.
//!
//! Only a build without any diagnostic is trusted whole (its messages would otherwise have to
//! be printed again); any other one still lends its output stamps, so that a PDF is hashed
//! again only when its size or mtime moved.

use super::{BuildReport, Paths, Site, Summary};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::Kind;
use crate::publish::Publisher;
use crate::source::scan;
use crate::state::{self, PdfRecord, Store};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

const FILE: &str = "settled.json";

/// Size and mtime of a file, as the filesystem gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    len: u64,
    secs: u64,
    nanos: u32,
}

impl Stamp {
    pub(super) fn new(len: u64, modified: Option<SystemTime>) -> Option<Stamp> {
        let since = modified?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len,
            secs: since.as_secs(),
            nanos: since.subsec_nanos(),
        })
    }

    /// The stamp of `path` itself (a symlink has none: it is never one of ours).
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        Stamp::new(meta.len(), meta.modified().ok())
    }
}

/// The counts a build prints, as that build found them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Counts {
    published: usize,
    scheduled: usize,
    drafts: usize,
    unpublished: usize,
    errors: usize,
    next: Option<String>,
    entries: usize,
    next_embargo: Option<String>,
}

/// What the last `build` of an output folder left.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Settled {
    inputs: String,
    at: String,
    until: Option<String>,
    clean: bool,
    counts: Counts,
    releases: BTreeMap<String, Stamp>,
    pub(super) outputs: BTreeMap<String, Stamp>,
    state: Option<Stamp>,
}

/// Everything besides the releases that the outputs depend on, as one hash.
fn inputs(config: &Config, paths: &Paths) -> String {
    let program = std::env::current_exe().ok().and_then(|exe| Stamp::of(&exe));
    let text = format!(
        "{}/{}\n{config:?}\n{:?}\n{program:?}",
        env!("CARGO_PKG_VERSION"),
        crate::pdf::REVISION,
        paths,
    );
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// The last build's record for this output folder, if any can be read.
pub(super) fn load(dir: &Path) -> Option<Settled> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether the PDF at `rel` holds the bytes `record` describes: it has the size and mtime
/// recorded after it was written, or else its bytes hash to the record's (a PDF is read
/// again only when its size or mtime moved).
pub(super) fn holds(
    out: &Path,
    rel: &str,
    record: &PdfRecord,
    stamps: &BTreeMap<String, Stamp>,
) -> bool {
    let path = out.join(rel);
    if let Some(stamp) = stamps.get(rel)
        && stamp.len == record.len
        && Stamp::of(&path) == Some(*stamp)
    {
        return true;
    }
    std::fs::read(&path).is_ok_and(|bytes| blake3::hash(&bytes).to_hex().as_str() == record.hash)
}

/// The instant after which what was published at `now` no longer holds: the next embargo's
/// end, or the next instant an event's dates name (it moves from "à venir" to "passés").
pub(super) fn valid_until(
    catalog: &Catalog,
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let events = catalog
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Event)
        .flat_map(|e| {
            let info = e.event.as_ref();
            [
                Some(e.date.at),
                info.and_then(|i| i.start).map(|d| d.at),
                info.and_then(|i| i.end).map(|d| d.at),
            ]
        })
        .flatten()
        .filter(|at| *at >= now);
    events.chain(catalog.next_embargo).min()
}

/// The summary and report of a build at `now` that would change nothing: the last build was
/// clean, made from the same settings, at an instant whose outputs still hold, and every
/// release and output has the size and mtime it had then. `None`: build in full.
pub fn unchanged(
    config: &Config,
    paths: &Paths,
    now: DateTime<FixedOffset>,
) -> Option<(Summary, BuildReport)> {
    let started = std::time::Instant::now();
    let store = Store::new(&state::dir_for(config, &paths.out));
    let settled = load(store.dir())?;
    if !settled.clean || settled.inputs != inputs(config, paths) {
        return None;
    }
    let at = DateTime::parse_from_rfc3339(&settled.at).ok()?;
    let until = match &settled.until {
        Some(until) => Some(DateTime::parse_from_rfc3339(until).ok()?),
        None => None,
    };
    if now < at || until.is_some_and(|until| now >= until) {
        return None;
    }
    // Another process writing this folder now: wait for it, then look.
    let _lock = store.lock(|_| {}).ok()?;
    if Stamp::of(&store.state_file()) != settled.state {
        return None;
    }
    let (files, diagnostics) = scan::scan(&paths.releases);
    if !diagnostics.is_empty() || files.len() != settled.releases.len() {
        return None;
    }
    let same_releases = files.iter().all(|found| {
        settled.releases.get(&found.rel).copied() == Stamp::new(found.len, found.modified)
    });
    let same_outputs = same_releases
        && settled
            .outputs
            .iter()
            .all(|(rel, stamp)| Stamp::of(&paths.out.join(rel)) == Some(*stamp));
    if !same_outputs {
        return None;
    }
    let counts = settled.counts;
    let instant = |at: Option<String>| at.and_then(|at| DateTime::parse_from_rfc3339(&at).ok());
    let summary = Summary {
        published: counts.published,
        scheduled: counts.scheduled,
        drafts: counts.drafts,
        unpublished: counts.unpublished,
        errors: counts.errors,
        next: instant(counts.next),
    };
    // The scheduled entries themselves are not known without reading: only their count.
    let report = BuildReport {
        entries: counts.entries,
        next_embargo: instant(counts.next_embargo),
        elapsed: started.elapsed(),
        ..BuildReport::default()
    };
    Some((summary, report))
}

impl Site {
    /// Records what this `build` left, for the next one ([`unchanged`]); called after a
    /// publish with its report and the summary printed for it.
    pub fn settle(&self, report: &BuildReport, summary: &Summary, now: DateTime<FixedOffset>) {
        let mut releases = BTreeMap::new();
        let mut complete = true;
        for (rel, source) in &self.sources {
            match Stamp::new(source.fingerprint.len, source.fingerprint.modified) {
                Some(stamp) => {
                    releases.insert(rel.clone(), stamp);
                }
                None => complete = false,
            }
        }
        let outputs: BTreeMap<String, Stamp> = self
            .state
            .written
            .iter()
            .filter_map(|rel| Some((rel.clone(), Stamp::of(&self.paths.out.join(rel))?)))
            .collect();
        complete &= outputs.len() == self.state.written.len();
        let settled = Settled {
            inputs: inputs(&self.config, &self.paths),
            at: now.to_rfc3339(),
            until: report.valid_until.map(|at| at.to_rfc3339()),
            clean: complete && report.diagnostics.is_empty() && summary.errors == 0,
            counts: Counts {
                published: summary.published,
                scheduled: summary.scheduled,
                drafts: summary.drafts,
                unpublished: summary.unpublished,
                errors: summary.errors,
                next: summary.next.map(|at| at.to_rfc3339()),
                entries: report.entries,
                next_embargo: report.next_embargo.map(|at| at.to_rfc3339()),
            },
            releases,
            outputs,
            state: Stamp::of(&self.store.state_file()),
        };
        // Best effort: without this record the next build reads everything, as before.
        if let Ok(publisher) = Publisher::new(self.store.dir()) {
            let bytes = serde_json::to_vec(&settled).unwrap_or_default();
            let _ = publisher.write(Path::new(FILE), &bytes);
        }
    }
}

#[cfg(test)]
#[path = "settled_tests.rs"]
mod tests;
