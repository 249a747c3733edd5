//! Percent-encoding of URL paths and `tag:` ids, in one place (the `percent-encoding` crate,
//! already in the tree through `url`): what RFC 3986 allows in a path stays, the rest (and `%`
//! itself, so distinct inputs never give one output) is encoded, in upper-case hex.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 3986 `pchar` and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// RFC 4151's `specific` part: a path's characters and `?`.
const TAG_SPECIFIC: &AsciiSet = &PATH.remove(b'?');

/// A URL path as Jekyll escapes it (`URL.escape_path`).
pub(crate) fn path(value: &str) -> String {
    utf8_percent_encode(value, PATH).to_string()
}

/// The specific part of a `tag:` URI.
pub(crate) fn tag_specific(value: &str) -> String {
    utf8_percent_encode(value, TAG_SPECIFIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_ids_keep_what_rfcs_allow_and_encode_the_rest() {
        assert_eq!(
            path("/espace-presse/L'État/"),
            "/espace-presse/L'%C3%89tat/"
        );
        assert_eq!(path("a b?c%"), "a%20b%3Fc%25");
        assert_eq!(tag_specific("communiques/la-dinum"), "communiques/la-dinum");
        assert_eq!(tag_specific("a b%é?"), "a%20b%25%C3%A9?");
        assert_ne!(tag_specific("a%20b"), tag_specific("a b"));
    }
}
