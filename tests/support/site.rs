//! Builds: the pipeline run on a releases folder into an output folder, as `communique
//! build` runs it, and a rebuild from scratch to compare a long-lived site against.

use super::files;
use chrono::{DateTime, FixedOffset};
use communique::Config;
use communique::pipeline::{self, BuildReport, Paths, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every feed a build publishes, relative to the output directory.
pub(crate) const FEEDS: [&str; 8] = [
    "atom.xml",
    "rss.xml",
    "communiques/atom.xml",
    "communiques/rss.xml",
    "agenda/atom.xml",
    "agenda/rss.xml",
    "revue-de-presse/atom.xml",
    "revue-de-presse/rss.xml",
];

/// The feeds' public address (the default `base-url` and `feeds-path`).
pub(crate) const FEEDS_URL: &str = "https://www.numerique.gouv.fr/feeds/";

/// The shipped releases directory.
pub(crate) fn releases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("releases")
}

/// The default settings with `feed-limit = 0`: every entry in the current feeds.
pub(crate) fn unlimited() -> Config {
    limited(0)
}

/// The default settings with `feed-limit = limit`.
pub(crate) fn limited(limit: usize) -> Config {
    Config {
        feed_limit: limit,
        ..Config::default()
    }
}

/// The pipeline's folders.
pub(crate) fn paths(releases: &Path, out: &Path) -> Paths {
    Paths {
        releases: releases.to_path_buf(),
        out: out.to_path_buf(),
    }
}

/// A build of `releases` into `out` at `now`; the pipeline itself must not fail.
pub(crate) fn build(
    releases: &Path,
    out: &Path,
    config: Config,
    now: DateTime<FixedOffset>,
) -> BuildReport {
    pipeline::build(config, paths(releases, out), now)
        .unwrap_or_else(|e| panic!("build of {}: {e}", releases.display()))
}

/// A build that must give no error diagnostic.
pub(crate) fn build_clean(
    releases: &Path,
    out: &Path,
    config: Config,
    now: DateTime<FixedOffset>,
) -> BuildReport {
    let report = build(releases, out, config, now);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    report
}

/// The state folder communique keeps beside an output folder (`.communique/<name>`).
pub(crate) fn state_dir(out: &Path) -> PathBuf {
    communique::state::default_dir(out)
}

/// A build from scratch into a new folder, with a copy of what `live_out`'s communique
/// remembers (its state): what a fresh process would publish for `releases` at `now`. Entries
/// corrected since their first publication keep their correction date, as they must.
pub(crate) fn rebuild_from_scratch(
    releases: &Path,
    live_out: &Path,
    config: Config,
    now: DateTime<FixedOffset>,
) -> (BTreeMap<PathBuf, Vec<u8>>, BuildReport) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feeds");
    let live_state = state_dir(live_out);
    if live_state.is_dir() {
        files::copy_live_tree(&live_state, &state_dir(&out));
    }
    let mut site = Site::new(config, paths(releases, &out)).unwrap();
    site.rescan().unwrap();
    // A clean build is allowed to publish whatever the releases say.
    site.allow_withdraw(true);
    let report = site.publish(now).unwrap();
    (files::contents(&out), report)
}
