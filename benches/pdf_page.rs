//! PDF rendering time per A4 page, on one thread: the shipped seed communiqué (the figure in
//! the README) and the typography torture file (`tests/data/torture.md`: every feature the
//! renderer knows, fallback fonts and images included).
//!
//! Run: `cargo bench --bench pdf_page` (release build); `BENCH_RUNS` sets the renders per
//! document (default 20). Prints milliseconds per page; asserts nothing about time. Moved
//! here from the ignored `timing` tests of tests/pdf.rs and tests/pdf_torture.rs.

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
}
