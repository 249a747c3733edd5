//! Web addresses: the page the site publishes for an entry ([`permalink`]) and the one
//! resolver every renderer uses for links ([`url`]).

pub mod collections;
pub mod permalink;
pub mod url;
