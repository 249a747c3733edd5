//! communique next to Hugo, measured in the same run on the same generated corpora: clean
//! build, no-op build, one edit, `check`, save → feed latency (median, p95) and peak memory.
//!
//! `cargo bench --bench build` runs 100, 1,000 and 10,000 releases (about 4 minutes here);
//! `cargo bench --bench build -- 100 1000` or `BENCH_SIZES=100,1000` chooses sizes.
//! `BENCH_SAVES` (default 20) saves per watcher, `BENCH_HUGO_SAVES` for `hugo server` (default
//! the same, 5 from 10,000 releases: Hugo re-renders the whole site on each save), `BENCH_HUGO=0`
//! skips Hugo (it is skipped with a message when `hugo` is not installed).
//! `cargo bench --bench build -- --generate DIR N` only writes the corpus, for profiling.
//!
//! Both tools run as child processes (the release binary, `hugo`), so their peak RSS is the
//! kernel's for that process alone. Not a test: it asserts nothing about time.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/run.rs"]
mod run;

use run::Cost;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T12:00:00+01:00";
const SAVE_DATE: &str = "2026-11-23 10:00:00 +01:00";
const COMMUNIQUE: &str = env!("CARGO_BIN_EXE_communique");
/// A save's deadline; the first `hugo server` build of 10,000 pages takes a while.
const TIMEOUT: Duration = Duration::from_secs(60);
const START_TIMEOUT: Duration = Duration::from_secs(600);
/// Between saves: past the watcher's settle rescan and Hugo's batching, so saves are independent.
const PAUSE: Duration = Duration::from_millis(700);

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One tool's figures on one corpus.
#[derive(Default)]
struct Figures {
    clean: Cost,
    noop: Cost,
    edit: Cost,
    check: Option<Cost>,
    saves: Vec<Duration>,
    watch_rss: u64,
}

fn saved(title: &str, n: usize) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {SAVE_DATE}\ncategories:\n- Communiqué de presse\n---\n\
         Paris, le 23 novembre 2026\n\n**La DINUM publie le bilan n° {n} du programme.**\n\n\
         Neuf projets ont été accompagnés, dont [Open Food Facts](https://world.openfoodfacts.org).\n"
    )
}

/// Changes one communiqué's body, as an editor would.
fn edit_one(releases: &Path) {
    let path = releases.join("communiques/communique-00001.md");
    let text = std::fs::read_to_string(&path).expect("edited communiqué");
    std::fs::write(&path, text.replace("six mois", "sept mois")).expect("edit");
}

/// Saves `count` new communiqués one after the other into `folder`, each time waiting until
/// `feed` names it; returns the latencies.
fn saves(folder: &Path, feed: &Path, tool: &str, count: usize) -> Vec<Duration> {
    let mut samples = Vec::new();
    for i in 0..count {
        thread::sleep(PAUSE);
        let title = format!("Bench save {tool} {i} {}", std::process::id());
        let started = Instant::now();
        std::fs::write(
            folder.join(format!("bench-save-{i:03}.md")),
            saved(&title, i),
        )
        .expect("save");
        match run::wait_file_contains(feed, &title, TIMEOUT) {
            Some(at) => samples.push(at.duration_since(started)),
            None => eprintln!("{tool}: save {i} not seen within {TIMEOUT:?}"),
        }
    }
    samples
}

fn communique(releases: &Path, work: &Path, save_count: usize) -> Figures {
    let out = work.join("feeds");
    let cmd = |verb: &str| {
        let mut c = Command::new(COMMUNIQUE);
        c.arg(verb)
            .arg("--releases")
            .arg(releases)
            .arg("--out")
            .arg(&out)
            .arg("--now")
            .arg(NOW);
        c
    };
    let clean = run::measure(&mut cmd("build"));
    let noop = run::measure(&mut cmd("build"));
    let check = run::measure(&mut cmd("check"));
    edit_one(releases);
    let edit = run::measure(&mut cmd("build"));
    let mut watch = cmd("watch");
    let mut child = run::Running::new(
        watch
            .args(["--debounce-ms", "15"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("communique watch"),
    );
    let stderr = run::lines(child.child().stderr.take().expect("stderr"));
    let shown = releases.display().to_string();
    run::wait_line(&stderr, START_TIMEOUT, |l| l.contains(&shown)).expect("watcher ready");
    thread::spawn(move || while stderr.recv().is_ok() {});
    let samples = saves(
        &releases.join("communiques"),
        &out.join("atom.xml"),
        "communique",
        save_count,
    );
    Figures {
        clean,
        noop,
        edit,
        check: Some(check),
        saves: samples,
        watch_rss: child.stop(),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn hugo_available() -> bool {
    Command::new("hugo")
        .arg("version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A minimal Hugo site over the same releases: each page's HTML and the RSS feeds.
fn hugo(releases: &Path, work: &Path, save_count: usize) -> Figures {
    let site = work.join("hugo-site");
    let content = site.join("content");
    copy_tree(releases, &content);
    std::fs::create_dir_all(site.join("layouts/_default")).expect("layouts");
    std::fs::write(
        site.join("config.toml"),
        "baseURL = \"https://www.numerique.gouv.fr/\"\nlanguageCode = \"fr\"\n\
         title = \"Espace presse\"\ndisableKinds = [\"taxonomy\", \"term\"]\n\
         [outputs]\nhome = [\"RSS\"]\nsection = [\"RSS\"]\npage = [\"HTML\"]\n",
    )
    .expect("hugo config");
    std::fs::write(
        site.join("layouts/_default/single.html"),
        "<!doctype html><html lang=\"fr\"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>\n",
    )
    .expect("hugo layout");
    let public = work.join("hugo-public");
    let cmd = || {
        let mut c = Command::new("hugo");
        c.arg("--source").arg(&site).arg("-d").arg(&public);
        c
    };
    let clean = run::measure(&mut cmd());
    let noop = run::measure(&mut cmd());
    edit_one(&content);
    let edit = run::measure(&mut cmd());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let mut child = run::Running::new(
        Command::new("hugo")
            .args([
                "server",
                "--renderToDisk",
                "--disableFastRender",
                "--disableLiveReload",
                "--bind",
                "127.0.0.1",
            ])
            .arg("--port")
            .arg(port.to_string())
            .arg("--source")
            .arg(&site)
            .arg("-d")
            .arg(&public)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("hugo server"),
    );
    let stdout = run::lines(child.child().stdout.take().expect("stdout"));
    run::wait_line(&stdout, START_TIMEOUT, |l| {
        l.contains("Web Server is available")
    })
    .expect("hugo server ready");
    thread::spawn(move || while stdout.recv().is_ok() {});
    let samples = saves(
        &content.join("communiques"),
        &public.join("index.xml"),
        "hugo",
        save_count,
    );
    Figures {
        clean,
        noop,
        edit,
        check: None,
        saves: samples,
        watch_rss: child.stop(),
    }
}

fn secs(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn mb(bytes: u64) -> String {
    format!("{} MB", bytes / 1_000_000)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn sizes() -> Vec<usize> {
    let from_args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    if !from_args.is_empty() {
        return from_args;
    }
    match std::env::var("BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().replace('_', "").parse().ok())
            .collect(),
        Err(_) => vec![100, 1_000, 10_000],
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--generate") {
        let dir = PathBuf::from(args.get(at + 1).expect("--generate DIR N"));
        let n = args
            .get(at + 2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        corpus::generate(&dir, n);
        return;
    }
    let save_count = env_or("BENCH_SAVES", 20);
    let with_hugo = env_or("BENCH_HUGO", 1) != 0 && hugo_available();
    if !with_hugo {
        eprintln!("Hugo skipped (BENCH_HUGO=0, or `hugo` not found: apt-get install hugo)");
    }
    let started = Instant::now();
    let load_before = load();
    let mut columns: Vec<(usize, Figures, Option<Figures>)> = Vec::new();
    // Every size's folders are deleted only at the end: on a journal-less ext4 (this
    // machine's), files created within minutes of thousands being deleted cost more (the
    // inode allocator steps over the recently deleted ones), which would charge one size's
    // clean-up to the next size's clean build.
    let mut finished = Vec::new();
    for size in sizes() {
        eprintln!("{size} releases…");
        let work = tempfile::tempdir().expect("temp dir");
        let releases = work.path().join("releases");
        corpus::generate(&releases, size);
        // Hugo gets its own copy of the corpus, taken before any edit.
        // A Hugo that fails (another version, a theme error) leaves its column out, not the run.
        let hugo_work = tempfile::tempdir().expect("temp dir");
        let hugo_figures = with_hugo
            .then(|| {
                let hugo_saves = env_or(
                    "BENCH_HUGO_SAVES",
                    if size >= 10_000 { 5 } else { save_count },
                );
                std::panic::catch_unwind(|| hugo(&releases, hugo_work.path(), hugo_saves))
                    .map_err(|_| eprintln!("Hugo failed on {size} releases: left out"))
                    .ok()
            })
            .flatten();
        let ours = communique(&releases, work.path(), save_count);
        finished.push((work, hugo_work));
        columns.push((size, ours, hugo_figures));
    }
    print_table(&columns, save_count);
    drop(finished);
    println!(
        "\nload average (1, 5, 15 min) before: {load_before}; after: {}; whole run {}",
        load(),
        secs(started.elapsed())
    );
}

fn print_table(columns: &[(usize, Figures, Option<Figures>)], save_count: usize) {
    let mut header = String::from("| work |");
    let mut rule = String::from("| --- |");
    for (size, _, hugo) in columns {
        header.push_str(&format!(" {size}: communique |"));
        rule.push_str(" ---: |");
        if hugo.is_some() {
            header.push_str(&format!(" {size}: Hugo |"));
            rule.push_str(" ---: |");
        }
    }
    println!("\n{header}\n{rule}");
    type Cell = fn(&Figures) -> String;
    let rows: [(&str, Cell); 10] = [
        ("clean build", |f| secs(f.clean.wall)),
        ("clean build, peak RSS", |f| mb(f.clean.peak_rss)),
        ("no-op build", |f| secs(f.noop.wall)),
        ("no-op build, peak RSS", |f| mb(f.noop.peak_rss)),
        ("build after one edit", |f| secs(f.edit.wall)),
        ("`check`", |f| {
            f.check.map_or("—".into(), |c| secs(c.wall))
        }),
        ("save → feed, median", |f| ms(run::median_p95(&f.saves).0)),
        ("save → feed, p95", |f| ms(run::median_p95(&f.saves).1)),
        ("saves measured", |f| f.saves.len().to_string()),
        ("watcher peak RSS", |f| mb(f.watch_rss)),
    ];
    for (name, cell) in rows {
        let mut line = format!("| {name} |");
        for (_, ours, hugo) in columns {
            line.push_str(&format!(" {} |", cell(ours)));
            if let Some(hugo) = hugo {
                line.push_str(&format!(" {} |", cell(hugo)));
            }
        }
        println!("{line}");
    }
    println!(
        "\ncommunique: `communique build|check|watch` (release binary); Hugo 0.111: `hugo` and \
         `hugo server --renderToDisk --disableFastRender` (HTML + RSS, no PDF). Save → feed: a new \
         communiqué written until `atom.xml` (Hugo: `index.xml`) holds its title; up to {save_count} saves."
    );
}
