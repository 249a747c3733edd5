//! What the integration tests share, written once: fixed clocks, files and trees, the
//! shipped releases and the shared corpus, builds, feeds read back as a reader reads them,
//! PDFs read back with poppler, the command-line binary, a model `Entry` builder.
//!
//! `tests/main.rs` holds it as `mod support`; `tests/common/mod.rs` re-exports it for a test
//! file that still builds as its own binary.

pub mod cli;
pub mod clock;
pub mod corpus;
pub mod entry;
pub mod feed;
pub mod files;
pub mod markup;
pub mod pdf;
pub mod site;
pub mod subscribers;
