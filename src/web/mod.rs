//! Web addresses and markup: the page the site publishes for an entry ([`permalink`]), the
//! one resolver every renderer uses for links ([`url`]), and which `<…>` is markup ([`prose`]).

pub mod collections;
pub mod escape;
pub mod permalink;
pub mod prose;
pub mod url;
