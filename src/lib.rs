//! communique: the DINUM press office's publishing pipeline.
//!
//! One direction of flow:
//! `source` (read `releases/`) → [`model::Entry`] → `catalog` (merge, sort, embargo at `now`)
//! → pure renderers (`feeds`, `pdf`) → `publish` (the only code that writes).
//! `pipeline` ties them together for `build`; `watch` decides what to rebuild and calls it.

// Diagnostics travel in `Err` on cold paths only (one per bad file); boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod allocator;
pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod feeds;
pub mod i18n;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub(crate) mod publish;
pub mod scaffold;
pub mod source;
pub mod state;
pub mod watch;
pub mod websub;

pub use config::Config;
pub use diagnostic::{Diagnostic, Problem, Severity};
pub use model::{Entry, Kind};
#[cfg(test)]
mod testing;
pub mod text;
pub(crate) mod web;
