//! Crash safety: `kill -9` the real binary in the middle of builds and check that every file
//! a reader or a web server can see in `feeds/` is whole: each feed parses strictly and with
//! feed-rs and is byte for byte one of the two versions' feeds, each PDF is complete and is
//! one of the two versions' PDFs. Then an un-killed build cleans the leftovers and gives
//! exactly the current version's bytes (nothing stale survives a crash).
//!
//! Two input versions alternate, so every build rewrites the feeds and a tenth of the PDFs.
//! Kills land after a random delay spread over a whole build (seeded PRNG: set
//! `COMMUNIQUE_CRASH_SEED` to replay a run; the seed is printed).

use crate::support::clock::NOW;
use crate::support::files::{contents, copy_tree, files_below};
use crate::support::{cli, site::releases_dir};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GENERATED: usize = 200;
/// Every CHANGED-th generated communiqué differs between the versions (its PDF is
/// re-rendered). Few, because a debug build renders a PDF in ~0.1 s and each kill waits for
/// the renders before the writes.
const CHANGED: usize = 40;
const KILLS: usize = 50;
const TEMP_PREFIX: &str = ".communique-tmp-";

/// xorshift64*: enough randomness for delays, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `[0, max)`.
    fn below(&mut self, max: Duration) -> Duration {
        let nanos = max.as_nanos().max(1) as u64;
        Duration::from_nanos(self.next() % nanos)
    }
}

/// One generated communiqué in version 0 or 1.
fn communique(i: usize, version: usize) -> String {
    let changed = i.is_multiple_of(CHANGED);
    let v = if changed { version } else { 0 };
    let title = if v == 0 {
        format!("Communiqué numéro {i} sur la transformation numérique")
    } else {
        format!("Communiqué numéro {i} (version révisée) sur la transformation")
    };
    let mut body = String::new();
    for p in 0..4 {
        body.push_str(&format!(
            "Paragraphe {p} du communiqué {i}{}. La direction interministérielle du numérique \
             accompagne les administrations dans leurs projets, avec des **services** \
             partagés et des [outils libres](https://www.numerique.gouv.fr/outils/{i}/).\n\n",
            if v == 1 { ", texte révisé" } else { "" }
        ));
    }
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    format!(
        "---\ntitle: \"{title}\"\ndate: 2025-{month:02}-{day:02} 10:{:02}:00 +01:00\nchapeau-text: \"Chapeau du communiqué {i}, version {v}.\"\ncategories: Communiqué de presse\n---\n{body}",
        i % 60
    )
}

fn write_version(releases: &Path, version: usize) {
    let dir = releases.join("communiques");
    for i in 0..GENERATED {
        let path = dir.join(format!("genere-{i:03}.md"));
        let text = communique(i, version);
        // Only rewrite what differs, as an editor would.
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, text).unwrap();
        }
    }
}

fn command(releases: &Path, out: &Path) -> Command {
    let mut cmd = cli::communique();
    cmd.args(["build", "--releases"])
        .arg(releases)
        .arg("--out")
        .arg(out)
        .args(["--now", NOW])
        // No communique.toml is picked up from the test's working directory.
        .current_dir(releases)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// An un-killed build; returns how long it took.
fn build(releases: &Path, out: &Path) -> Duration {
    let started = Instant::now();
    let status = command(releases, out).status().unwrap();
    // Exit status 1 only means diagnostics (the shipped corpus has warnings, none are
    // errors); a crash would be a signal or another code.
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "build failed: {status}"
    );
    started.elapsed()
}

fn is_temp(rel: &Path) -> bool {
    rel.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX))
}

/// Checks one reference output: every feed parses strictly and with feed-rs, every PDF is
/// complete. Killed builds are then held to these bytes exactly.
fn check_reference(files: &BTreeMap<PathBuf, Vec<u8>>, context: &str) {
    for (rel, bytes) in files {
        let name = rel.display();
        match rel.extension().and_then(|e| e.to_str()).unwrap_or_default() {
            "xml" => {
                let text = std::str::from_utf8(bytes)
                    .unwrap_or_else(|e| panic!("{context}: {name}: not UTF-8: {e}"));
                roxmltree::Document::parse(text)
                    .unwrap_or_else(|e| panic!("{context}: {name}: broken XML: {e}"));
                feed_rs::parser::parse(&bytes[..])
                    .unwrap_or_else(|e| panic!("{context}: {name}: feed-rs: {e}"));
            }
            "pdf" => {
                assert!(
                    bytes.starts_with(b"%PDF-"),
                    "{context}: {name}: no PDF header"
                );
                assert!(
                    bytes.trim_ascii_end().ends_with(b"%%EOF"),
                    "{context}: {name}: truncated PDF ({} bytes)",
                    bytes.len()
                );
            }
            "json" => {
                serde_json::from_slice::<serde_json::Value>(bytes)
                    .unwrap_or_else(|e| panic!("{context}: {name}: broken manifest: {e}"));
            }
            "ics" => assert!(
                bytes.starts_with(b"BEGIN:VCALENDAR\r\n") && bytes.ends_with(b"END:VCALENDAR\r\n"),
                "{context}: {name}: truncated calendar"
            ),
            "html" => assert!(
                bytes.starts_with(b"<!DOCTYPE html>") && bytes.ends_with(b"</html>\n"),
                "{context}: {name}: truncated page"
            ),
            _ => panic!("{context}: unexpected output {name}"),
        }
    }
}

/// Checks what a reader could fetch after a kill: every feed and PDF is byte for byte one
/// of the two versions' (both checked whole by `check_reference`), never a prefix or a
/// mixture; the manifest still parses. Returns the number of temp leftovers.
fn check_whole(out: &Path, refs: &[BTreeMap<PathBuf, Vec<u8>>; 2], context: &str) -> usize {
    let mut temps = 0;
    for (rel, bytes) in contents(out) {
        if is_temp(&rel) {
            temps += 1;
            continue;
        }
        if rel.extension().is_some_and(|e| e == "json") {
            check_reference(&BTreeMap::from([(rel, bytes)]), context);
            continue;
        }
        if !refs.iter().any(|r| r.get(&rel) == Some(&bytes)) {
            // Say what is wrong with it (truncated? unparsable?) before failing.
            check_reference(&BTreeMap::from([(rel.clone(), bytes.clone())]), context);
            panic!(
                "{context}: {} ({} bytes) is neither version's bytes",
                rel.display(),
                bytes.len()
            );
        }
    }
    temps
}

/// Inode of every output: a rename (every publish) gives a file a new one.
fn inodes(dir: &Path) -> BTreeMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    files_below(dir)
        .into_iter()
        // Temp files come and go (a build starts by removing a crash's leftovers).
        .filter(|rel| !is_temp(rel))
        .filter_map(|rel| Some((rel.clone(), fs::metadata(dir.join(&rel)).ok()?.ino())))
        .collect()
}

/// Runs a build un-killed while watching `out`: returns (time of the first publish, time of
/// the end), so kills can be aimed at the window where files are being replaced.
fn timed_build(releases: &Path, out: &Path) -> (Duration, Duration) {
    let before = inodes(out);
    let started = Instant::now();
    let mut child = command(releases, out).spawn().unwrap();
    let mut first_write = None;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.code().is_some_and(|c| c <= 1),
                "build failed: {status}"
            );
            break;
        }
        if first_write.is_none() && inodes(out) != before {
            first_write = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let end = started.elapsed();
    (first_write.unwrap_or(end), end)
}

#[test]
fn kill_9_never_leaves_a_broken_or_stale_file() {
    let seed: u64 = std::env::var("COMMUNIQUE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_C0FF_EE15_600D);
    eprintln!("COMMUNIQUE_CRASH_SEED={seed}");
    let mut rng = Rng(seed | 1);

    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    copy_tree(&releases_dir(), &releases);

    // The two versions' outputs from un-killed builds, each made on a copy of the other with
    // its state (as in production: only the changed PDFs are re-rendered, and an entry whose
    // content changed is dated corrected at the pinned instant, whichever way it changed).
    let mut refs: [BTreeMap<PathBuf, Vec<u8>>; 2] = Default::default();
    let first = dir.path().join("first");
    let ref0 = dir.path().join("ref-0");
    let ref1 = dir.path().join("ref-1");
    let state = |out: &Path| {
        dir.path()
            .join(".communique")
            .join(out.file_name().unwrap())
    };
    let copy_with_state = |from: &Path, to: &Path| {
        copy_tree(from, to);
        copy_tree(&state(from), &state(to));
    };
    write_version(&releases, 0);
    let scratch = build(&releases, &first);
    copy_with_state(&first, &ref1);
    write_version(&releases, 1);
    build(&releases, &ref1);
    copy_with_state(&ref1, &ref0);
    write_version(&releases, 0);
    build(&releases, &ref0);
    refs[0] = contents(&ref0);
    refs[1] = contents(&ref1);
    assert_ne!(refs[0], refs[1], "the versions must differ");
    for (version, reference) in refs.iter().enumerate() {
        check_reference(reference, &format!("version {version}"));
    }
    for reference in &refs {
        for feed in ["atom.xml", "rss.xml", "communiques/atom.xml"] {
            assert!(reference.contains_key(Path::new(feed)), "{feed} missing");
        }
    }
    let pdfs = refs[0].keys().filter(|p| p.starts_with("pdf")).count();
    let changed_pdfs = refs[0]
        .iter()
        .filter(|(p, b)| p.starts_with("pdf") && refs[1].get(*p) != Some(*b))
        .count();
    eprintln!(
        "build from scratch: {scratch:?}; {pdfs} PDFs, {changed_pdfs} differ between versions"
    );

    // The same out dir through killed builds, alternating versions. A warm build (PDF
    // manifest present) re-renders only the changed PDFs. Half the kills are spread over the
    // whole build, half aimed at the window where it replaces files.
    let out = dir.path().join("feeds");
    // Warm like production: the state beside the output (PDF records) comes along.
    copy_with_state(&ref1, &out);
    let mut version = 0;
    write_version(&releases, version);
    let (first_write, end) = timed_build(&releases, &out);
    let writing = first_write.saturating_sub(Duration::from_millis(30));
    let writes = (end.saturating_sub(first_write) / 2 + Duration::from_millis(30))
        .max(Duration::from_millis(40));
    eprintln!("warm build: {end:?}, first file replaced at {first_write:?}");
    let (mut kills, mut finished, mut mixed, mut temps) = (0, 0, 0, 0);
    // Kills that left a temp file or a mix of versions: they landed mid-rewrite.
    let mut interrupted = 0;
    let mut attempts = 0;
    while kills < KILLS || (interrupted == 0 && kills < KILLS * 2) {
        attempts += 1;
        assert!(
            attempts < KILLS * 4,
            "builds finish before the kill: {finished}"
        );
        version = 1 - version;
        write_version(&releases, version);
        let before = inodes(&out);
        let mut child = command(&releases, &out).spawn().unwrap();
        let started = Instant::now();
        match attempts % 3 {
            // Anywhere in the build.
            0 => std::thread::sleep(rng.below(end + Duration::from_millis(10))),
            // Around the window where the warm build replaced files.
            1 => std::thread::sleep(writing + rng.below(writes)),
            // Right after the first file is replaced (polling, so the kill lands while the
            // others are still being written).
            _ => {
                while started.elapsed() < end * 3
                    && child.try_wait().unwrap().is_none()
                    && inodes(&out) == before
                {
                    std::thread::yield_now();
                }
            }
        }
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        } else {
            child.kill().unwrap(); // SIGKILL on unix
            kills += 1;
        }
        child.wait().unwrap();
        let context = format!("after kill {kills} (attempt {attempts}, version {version})");
        let leftovers = check_whole(&out, &refs, &context);
        temps += leftovers;
        let now = contents(&out);
        let clean = |r: &BTreeMap<PathBuf, Vec<u8>>| {
            now.iter()
                .filter(|(p, _)| !is_temp(p) && p.extension().is_some_and(|e| e != "json"))
                .all(|(p, b)| r.get(p) == Some(b))
        };
        let is_mixed = !clean(&refs[0]) && !clean(&refs[1]);
        mixed += usize::from(is_mixed);
        interrupted += usize::from(is_mixed || leftovers > 0);
    }
    eprintln!(
        "{kills} kills, {finished} builds finished first; {interrupted} kills landed mid-rewrite \
         ({mixed} left a mix of versions, {temps} temp files seen)"
    );
    // Kills that all landed before the first write or after the last prove nothing.
    assert!(
        interrupted > 0,
        "no kill landed while outputs were being rewritten"
    );

    // An un-killed build of each version: temp leftovers gone, exactly that version's bytes.
    for v in [version, 1 - version] {
        write_version(&releases, v);
        build(&releases, &out);
        let now = contents(&out);
        let leftovers: Vec<_> = now.keys().filter(|p| is_temp(p)).collect();
        assert!(leftovers.is_empty(), "stale temp files: {leftovers:?}");
        let strip = |m: &BTreeMap<PathBuf, Vec<u8>>| {
            m.iter()
                .filter(|(p, _)| p.extension().is_some_and(|e| e != "json"))
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let (got, want) = (strip(&now), strip(&refs[v]));
        let wrong: Vec<_> = want
            .keys()
            .chain(got.keys())
            .filter(|p| got.get(*p) != want.get(*p))
            .collect();
        assert!(
            wrong.is_empty(),
            "version {v}: stale or missing after recovery: {wrong:?}"
        );
    }
}
