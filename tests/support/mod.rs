//! What the integration tests share, written once: fixed clocks, files and trees, the
//! shipped releases and the shared corpus, builds, feeds read back as a reader reads them,
//! PDFs read back with poppler, the command-line binary, a model `Entry` builder.
//!
//! `tests/main.rs` holds it as `mod support`; `tests/common/mod.rs` re-exports it for a test
//! file that still builds as its own binary.

pub(crate) mod cli;
pub(crate) mod clock;
pub(crate) mod corpus;
pub(crate) mod entry;
pub(crate) mod feed;
pub(crate) mod files;
pub(crate) mod markup;
pub(crate) mod pdf;
pub(crate) mod site;
pub(crate) mod subscribers;
