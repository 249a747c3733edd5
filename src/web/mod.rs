//! Web addresses and markup: the page the site publishes for an entry ([`permalink`]), the
//! one resolver every renderer uses for links ([`url`]), hosts as people read them ([`host`]), one
//! string per page ([`identity`]),
//! and which `<…>` is markup ([`prose`]).

pub(crate) mod collections;
pub(crate) mod escape;
pub(crate) mod host;
pub(crate) mod identity;
pub(crate) mod permalink;
pub(crate) mod prose;
pub(crate) mod url;
