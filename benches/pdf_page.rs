//! PDF rendering time per A4 page, on one thread: the shipped seed communiqué (the figure in
//! the README) and the typography torture file (`tests/data/torture.md`: every feature the
//! renderer knows, fallback fonts and images included).
//!
//! Run: `cargo bench --bench pdf_page` (release build); `BENCH_RUNS` sets the renders per
//! document (default 20). Prints milliseconds per page; asserts nothing about time. Moved
//! here from the ignored `timing` tests of tests/pdf.rs and tests/pdf_torture.rs.
//!
//! With `BENCH_CORPUS` set to a generated corpus (`cargo bench --bench build -- --generate
//! DIR N`), it also renders its first `BENCH_CORPUS_N` communiqués (default 300) on one
//! thread, then on every thread, and prints the CPU time per PDF (process CPU time, which
//! other processes on a loaded machine disturb less than wall time).

// The release files of the PDF tests, written by hand in a temporary folder.
#[allow(dead_code)]
#[path = "../tests/support/pdf.rs"]
mod pdf_support;

use communique::Config;
use communique::model::Entry;
use communique::pdf::{self, Assets};
use std::path::Path;
use std::time::{Duration, Instant};

/// Renders `entry` `runs` times after one warm-up; prints pages, size and time per page.
fn measure(name: &str, entry: &Entry, releases: &Path, runs: u32) {
    let config = Config::default();
    let assets = Assets::load(&config.pdf).expect("embedded assets");
    let first = pdf::render_in(entry, &config, &assets, releases).expect("renders");
    // krilla writes page objects as `/Type/Page/…` (and the page tree as `/Type/Pages`).
    let pages = String::from_utf8_lossy(&first.bytes)
        .matches("/Type/Page/")
        .count()
        .max(1);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(
                pdf::render_in(entry, &config, &assets, releases).expect("renders"),
            );
            start.elapsed()
        })
        .collect();
    times.sort();
    let per_page = |d: Duration| d.as_secs_f64() * 1000.0 / pages as f64;
    println!(
        "{name}: {pages} pages, {} KB; per page: median {:.2} ms, best {:.2} ms ({runs} renders)",
        first.bytes.len() / 1024,
        per_page(times[times.len() / 2]),
        per_page(times[0]),
    );
}

/// CPU time of the whole process so far.
#[cfg(unix)]
fn cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[cfg(unix)]
fn corpus(dir: &Path) {
    use rayon::prelude::*;
    let count = std::env::var("BENCH_CORPUS_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let config = Config::default();
    let assets = Assets::load(&config.pdf).expect("embedded assets");
    let entries: Vec<Entry> = (0..count)
        .flat_map(|i| {
            let rel = format!("communiques/communique-{i:05}.md");
            communique::source::load_file(dir, Path::new(&rel), &config).entries
        })
        .collect();
    let render = |e: &Entry| {
        let r = pdf::render_in(e, &config, &assets, dir).expect("renders");
        r.bytes.len()
    };
    // Warm-up: one kit per thread, page cache.
    let _: Vec<usize> = entries.par_iter().map(render).collect();
    let start = cpu_time();
    let bytes: usize = entries.iter().map(render).sum();
    let one = cpu_time() - start;
    let start = (cpu_time(), Instant::now());
    let _: usize = entries.par_iter().map(render).sum();
    let (all, wall) = (cpu_time() - start.0, start.1.elapsed());
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / entries.len() as f64;
    println!(
        "corpus: {} PDFs, {} KB each; CPU per PDF: one thread {:.2} ms, {} threads {:.2} ms ({:.2} ms wall)",
        entries.len(),
        bytes / entries.len().max(1) / 1024,
        per(one),
        rayon::current_num_threads(),
        per(all),
        per(wall),
    );
}

fn main() {
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(20);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("releases");
    let seed = communique::source::load_file(
        &shipped,
        Path::new("communiques/communique-nec-2023.md"),
        &Config::default(),
    );
    let seed = seed
        .entries
        .into_iter()
        .next()
        .expect("the seed communiqué");
    measure("seed", &seed, &shipped, runs);

    let dir = pdf_support::releases("torture-bench");
    std::fs::write(dir.join("communiques/logo.png"), pdf_support::PNG).expect("logo");
    let torture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/torture.md"),
    )
    .expect("tests/data/torture.md");
    let entry = pdf_support::load(&dir, "", &torture);
    measure("torture", &entry, &dir, runs);

    #[cfg(unix)]
    if let Some(dir) = std::env::var_os("BENCH_CORPUS") {
        corpus(Path::new(&dir));
    }
}
