//! Text toolkit: the one place for each way the pipeline reads or reshapes text, so that the
//! feeds, the PDF and the catalog give the same answer. URLs and markup escaping live in
//! the crate-private `web` module.
//!
//! - [`fold`](mod@fold): comparison keys (`L’État` = `l'Etat`), accents and ligatures folded;
//! - [`slug`]: file and label slugs built on the same folding;
//! - [`html`]: the readable text of an HTML fragment, entities decoded;
//! - [`markdown`]: editor artefacts (kramdown lists, Liquid) removed once, in `source`;
//! - [`plain`]: the plain text of a Markdown block or of a fragment a scanner cut out;
//! - [`xml`]: the characters XML 1.0 cannot carry.

pub mod fold;
pub mod html;
pub mod markdown;
pub mod plain;
pub mod slug;
pub mod xml;

pub use fold::{fold, fold_into};
pub use html::html_text;
pub use markdown::clean_markdown;
pub use plain::{fragment_text, markdown_text};
pub use slug::{file_slug, slugify};
