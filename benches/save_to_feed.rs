//! Save-to-feed latency: write a release, time until the published output on disk shows it.
//! `communique watch` next to `hugo server --renderToDisk`, on the same corpora, in the same run.
//!
//! Run: `cargo bench --bench save_to_feed` (release build). Environment:
//! `BENCH_SAVES` (default 50), `BENCH_DEBOUNCE_MS` (the watcher's debounce, default 15),
//! `BENCH_HUGO=0` to skip Hugo, `BENCH_CORPUS=1000` (size of the generated corpus).
//!
//! "Shows it" means: `feeds/atom.xml` contains the new title. Without a feed renderer
//! (atom.xml never written), the fallback is the watcher's rebuild report naming the new file,
//! sent once `publish` has returned. For Hugo (`--disableFastRender`, else the home feed is not
//! re-rendered): `index.xml`, the home RSS, contains the title.

use communique::pipeline::Paths;
use communique::watch::{self, Clock, WatchEvent};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

const NOW: &str = "2024-03-01T08:00:00+01:00";
const TIMEOUT: Duration = Duration::from_secs(30);
/// The first build renders every PDF of the corpus (10,000 take about a minute here).
const START_TIMEOUT: Duration = Duration::from_secs(900);
/// Between saves: past the watcher's settle rescan and Hugo's batching, so saves are independent.
const PAUSE: Duration = Duration::from_millis(700);

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn communique(title: &str, date: &str, n: usize) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategories: [Communiqué de presse]\n---\n\n\
         Paris, le 12 février 2024\n\n**La direction interministérielle du numérique (DINUM) publie le bilan \
         n° {n} du programme Accélérateur d'initiatives citoyennes.**\n\n\
         Neuf projets ont été accompagnés en 2022, dont [Open Food Facts](https://world.openfoodfacts.org) \
         et [Primtux](https://primtux.fr). La saison 2, lancée en mai 2023, consolide leur déploiement \
         auprès des acteurs publics territoriaux.\n\n\
         - des équipes pluridisciplinaires ;\n- un accompagnement de six mois ;\n- des communs numériques ouverts.\n\n\
         > « L'État partenaire des communs est une ambition de long terme. »\n"
    )
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

fn generate(releases: &Path, count: usize) {
    let dir = releases.join("communiques");
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    for i in 0..count {
        let date = format!(
            "{}-{:02}-{:02}T10:00:00+01:00",
            2019 + i % 5,
            i % 12 + 1,
            i % 28 + 1
        );
        let text = communique(&format!("Communiqué de presse n° {i}"), &date, i);
        std::fs::write(dir.join(format!("communique-{i:04}.md")), text).expect("write corpus");
    }
}

/// Lines of a child's output with the instant each arrived.
fn lines(reader: impl std::io::Read + Send + 'static) -> Receiver<(Instant, String)> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_line(
    rx: &Receiver<(Instant, String)>,
    what: &str,
    found: impl Fn(&str) -> bool,
) -> Instant {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((at, line)) if found(&line) => return at,
            Ok(_) => {}
            Err(_) => panic!("timed out waiting for {what}"),
        }
    }
}

/// Polls `path` until it contains `needle`: a cheap metadata check every 0.5 ms, a read
/// only when size or mtime moved.
fn wait_file_contains(path: &Path, needle: &str) -> Option<Instant> {
    let deadline = Instant::now() + TIMEOUT;
    let mut seen: Option<(u64, SystemTime)> = None;
    while Instant::now() < deadline {
        if let Ok(meta) = std::fs::metadata(path) {
            let key = (
                meta.len(),
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            );
            if seen != Some(key) {
                seen = Some(key);
                if std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle)) {
                    return Some(Instant::now());
                }
            }
        }
        thread::sleep(Duration::from_micros(500));
    }
    None
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Clone, Copy)]
enum Detect {
    AtomTitle,
    LogLine,
    HugoRss,
}

impl Detect {
    fn label(self) -> &'static str {
        match self {
            Detect::AtomTitle => "atom.xml has title",
            Detect::LogLine => "rebuild reported (no feeds yet)",
            Detect::HugoRss => "index.xml has title",
        }
    }
}

struct Row {
    corpus: String,
    tool: &'static str,
    detect: Detect,
    samples: Vec<Duration>,
    missed: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn save_title(tool: &str, i: usize) -> String {
    format!("Bench save {tool} {i} {}", std::process::id())
}

/// The watcher runs in this process through the library API: the shared target directory's
/// `communique` binary may have been built from another checkout, the library cannot.
fn bench_communique(
    corpus: &str,
    releases: &Path,
    work: &Path,
    saves: usize,
    debounce: u64,
) -> Row {
    let out = work.join("feeds");
    let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("NOW");
    let mut options = watch::Options::new(
        None,
        Paths {
            releases: releases.to_path_buf(),
            out: out.clone(),
        },
        Clock::starting_at(now),
    );
    options.debounce = Duration::from_millis(debounce);
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, events) = mpsc::channel::<(Instant, Option<Vec<PathBuf>>)>();
    let watcher = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            watch::run(options, &stop, |event| {
                let added = match event {
                    WatchEvent::Ready => None,
                    WatchEvent::Rebuilt(r) => Some(r.changes.added.clone()),
                    _ => return,
                };
                let _ = tx.send((Instant::now(), added));
            })
        })
    };
    let wait_event =
        |what: &str, timeout: Duration, found: &dyn Fn(&Option<Vec<PathBuf>>) -> bool| -> Instant {
            let deadline = Instant::now() + timeout;
            loop {
                match events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok((at, event)) if found(&event) => return at,
                    Ok(_) => {}
                    Err(_) => panic!("timed out waiting for {what}"),
                }
            }
        };
    wait_event("the watcher to start", START_TIMEOUT, &|e| e.is_none());
    let atom = out.join("atom.xml");
    let detect = if atom.exists() {
        Detect::AtomTitle
    } else {
        Detect::LogLine
    };
    let mut samples = Vec::new();
    let mut missed = 0;
    for i in 0..saves {
        thread::sleep(PAUSE);
        while events.try_recv().is_ok() {}
        let rel = PathBuf::from("communiques").join(format!("bench-save-{i:03}.md"));
        let title = save_title("communique", i);
        let text = communique(&title, "2024-03-01T07:00:00+01:00", i);
        let started = Instant::now();
        std::fs::write(releases.join(&rel), text).expect("save");
        let done = match detect {
            Detect::AtomTitle => wait_file_contains(&atom, &title),
            _ => Some(wait_event("the rebuild", TIMEOUT, &|e| {
                e.as_ref().is_some_and(|added| added.contains(&rel))
            })),
        };
        match done {
            Some(at) => samples.push(at.duration_since(started)),
            None => missed += 1,
        }
    }
    stop.store(true, Ordering::SeqCst);
    let _ = watcher.join();
    Row {
        corpus: corpus.to_string(),
        tool: "communique watch",
        detect,
        samples,
        missed,
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn bench_hugo(corpus: &str, releases: &Path, work: &Path, saves: usize) -> Option<Row> {
    if Command::new("hugo").arg("version").output().is_err() {
        eprintln!("hugo not found: skipping it");
        return None;
    }
    let site = work.join("hugo-site");
    let content = site.join("content");
    copy_tree(releases, &content);
    std::fs::create_dir_all(site.join("layouts/_default")).expect("layouts");
    // Minimal: the home RSS feed (Hugo's built-in template) and each page's HTML.
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
    let mut child = Killed(
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
            .arg(free_port().to_string())
            .arg("--source")
            .arg(&site)
            .arg("-d")
            .arg(&public)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hugo server"),
    );
    let stdout = lines(child.0.stdout.take().expect("stdout"));
    let stderr = lines(child.0.stderr.take().expect("stderr"));
    thread::spawn(move || while stderr.recv().is_ok() {});
    wait_line(&stdout, "hugo server to start", |l| {
        l.contains("Web Server is available")
    });
    thread::spawn(move || while stdout.recv().is_ok() {});
    let rss = public.join("index.xml");
    let mut samples = Vec::new();
    let mut missed = 0;
    for i in 0..saves {
        thread::sleep(PAUSE);
        let title = save_title("hugo", i);
        let text = communique(&title, "2024-03-01T07:00:00+01:00", i);
        let path = content
            .join("communiques")
            .join(format!("bench-save-{i:03}.md"));
        let started = Instant::now();
        std::fs::write(&path, text).expect("save");
        match wait_file_contains(&rss, &title) {
            Some(at) => samples.push(at.duration_since(started)),
            None => missed += 1,
        }
    }
    Some(Row {
        corpus: corpus.to_string(),
        tool: "hugo server",
        detect: Detect::HugoRss,
        samples,
        missed,
    })
}

/// Lays out a corpus of releases in the given directory.
type MakeCorpus<'a> = Box<dyn Fn(&Path) + 'a>;

fn main() {
    let saves = env_or("BENCH_SAVES", 50) as usize;
    let debounce = env_or("BENCH_DEBOUNCE_MS", 15);
    let corpus_size = env_or("BENCH_CORPUS", 1000) as usize;
    let with_hugo = env_or("BENCH_HUGO", 1) != 0;
    let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("releases");

    let mut rows = Vec::new();
    let corpora: Vec<(String, MakeCorpus)> = vec![
        (
            "shipped releases/".to_string(),
            Box::new(|to: &Path| copy_tree(&shipped, to)),
        ),
        (
            format!("generated {corpus_size}"),
            Box::new(move |to: &Path| generate(to, corpus_size)),
        ),
    ];
    for (name, make) in &corpora {
        let work = tempfile::tempdir().expect("temp dir");
        let releases = work.path().join("releases");
        make(&releases);
        std::fs::create_dir_all(releases.join("communiques")).expect("communiques dir");
        if with_hugo {
            // Hugo gets its own copy, taken before any save.
            let hugo_work = tempfile::tempdir().expect("temp dir");
            if let Some(row) = bench_hugo(name, &releases, hugo_work.path(), saves) {
                rows.push(row);
            }
        }
        rows.push(bench_communique(
            name,
            &releases,
            work.path(),
            saves,
            debounce,
        ));
    }

    println!(
        "\nsave-to-feed latency, {saves} saves each (communique debounce {debounce} ms); times in ms\n"
    );
    println!(
        "| corpus | tool | detected by | median | p95 | min | max | missed |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for row in &rows {
        let mut sorted = row.samples.clone();
        sorted.sort();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            row.corpus,
            row.tool,
            row.detect.label(),
            ms(percentile(&sorted, 50.0)),
            ms(percentile(&sorted, 95.0)),
            ms(sorted.first().copied().unwrap_or_default()),
            ms(sorted.last().copied().unwrap_or_default()),
            row.missed
        );
    }
}
