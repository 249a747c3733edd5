//! Web addresses and markup: the page the site publishes for an entry ([`permalink`]), the
//! one resolver every renderer uses for links ([`url`]), hosts as people read them ([`host`]),
//! and which `<…>` is markup ([`prose`]).

pub mod collections;
pub mod escape;
pub mod host;
pub mod permalink;
pub mod prose;
pub mod url;
