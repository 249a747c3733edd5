//! The `communique` binary, run as a press officer runs it.

use std::path::Path;
use std::process::{Command, Output};

/// The binary built by this package.
pub(crate) fn communique() -> Command {
    Command::new(env!("CARGO_BIN_EXE_communique"))
}

/// `communique check` of `dir/releases` (output `dir/feeds`) at a fixed instant, under the
/// locale `lang` alone (`LC_ALL` and `LC_MESSAGES` removed).
pub(crate) fn check(dir: &Path, lang: &str) -> Output {
    communique()
        .args(["check", "--now", "2026-11-29 12:00", "--releases"])
        .arg(dir.join("releases"))
        .arg("--out")
        .arg(dir.join("feeds"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap()
}

/// What the person at the terminal reads: standard error, then standard output.
pub(crate) fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    )
}
