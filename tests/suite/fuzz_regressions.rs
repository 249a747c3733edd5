//! Replays, on stable and in `cargo test`, every input the fuzzers (`fuzz/`) ever found to
//! crash or break an invariant: `tests/fuzz_regressions/<target>/<file>` goes through the
//! same checks as fuzz target `<target>` (`fuzz/fuzz_targets/harness.rs`).

#[path = "../../fuzz/fuzz_targets/harness.rs"]
mod harness;

use std::path::Path;

/// Every saved input of one target, sorted; each run through `check`.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        eprintln!("replaying {}", file.display());
        check(&bytes);
    }
    files.len()
}

#[test]
fn source_file_inputs() {
    assert!(replay("source_file", harness::source_file) > 0);
}

#[test]
fn press_page_inputs() {
    // libFuzzer hands `&str` targets only valid UTF-8; the saved bytes are the same.
    let checked = std::cell::Cell::new(0);
    replay("press_page", |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            harness::press_page(text);
            checked.set(checked.get() + 1);
        }
    });
    assert!(
        checked.get() > 0,
        "no saved press page is UTF-8: nothing was checked"
    );
}

#[test]
fn feeds_inputs() {
    assert!(replay("feeds", harness::feeds) > 0);
}

#[test]
fn pdf_inputs() {
    assert!(replay("pdf", harness::pdf) > 0);
}
