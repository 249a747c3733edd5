//! For a test file that still builds as its own binary (`tests/<topic>.rs` with `mod common;`):
//! the shared support of `tests/main.rs`, under the names this module always had. Move the
//! file into `tests/suite/` and list it in `tests/main.rs` to link the PDF stack once.
#![allow(dead_code, unused_imports)]

#[path = "../support/mod.rs"]
mod support;

pub use support::clock::{NOW, at, now};
pub use support::corpus::shared_dir;
pub use support::files::{contents, copy_tree, files_below, read, write};
pub use support::site::{FEEDS, FEEDS_URL, rebuild_from_scratch, releases_dir, state_dir};
pub use support::{cli, clock, corpus, entry, feed, files, markup, pdf, site, subscribers};
