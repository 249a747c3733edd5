//! Text toolkit: the one place for each way the pipeline reads or reshapes text, so that the
//! feeds, the PDF and the catalog give the same answer. URLs and markup escaping live in
//! [`crate::web`].
//!
//! - [`fold`]: comparison keys (`L’État` = `l'Etat`), accents and ligatures folded;
//! - [`slug`]: file and label slugs built on the same folding;
//! - [`xml`]: the characters XML 1.0 cannot carry.

pub mod fold;
pub mod slug;
pub mod xml;

pub use fold::{fold, fold_into};
pub use slug::{file_slug, slugify};
