//! The integration tests, as one binary (ripgrep's layout): each `tests/suite/<topic>.rs` is
//! a module here and `tests/support/` is what they share, so the PDF stack is linked once,
//! not once per file. Cargo's autotests stay on: a new `tests/<topic>.rs` still builds and
//! runs as its own binary (with `mod common;`) until it is moved in here.
//!
//! Run one topic with `cargo test --test main <topic>::`, e.g. `cargo test --test main watch::`.

mod support;

mod suite {
    mod archives;
    mod build;
    mod corpus;
    mod crash;
    mod editorial;
    mod feed_trust;
    mod feeds_render;
    mod fuzz_regressions;
    mod hostile;
    mod incremental;
    mod jekyll_links;
    mod links_agree;
    mod messages;
    mod messages_press;
    mod pdf;
    mod pdf_names;
    mod pdf_reuse;
    mod pdf_structure;
    mod pdf_torture;
    mod pdf_typography;
    mod press_lists;
    mod press_shapes;
    mod pressroom;
    mod properties;
    mod rescan_scope;
    mod subscribe;
    mod text_agree;
    mod watch;
    mod websub;
}
