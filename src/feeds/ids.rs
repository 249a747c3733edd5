//! `tag:` URIs (RFC 4151) for entries and feeds. Minted only from `entry.key` and the
//! configured authority — never from a title, body or date — so an edit never makes
//! readers see a "new" entry.

use crate::config::Config;
use crate::model::{Entry, Kind};

/// `tag:{authority}:{key}`, the entry's permanent id.
pub fn entry_id(entry: &Entry, config: &Config) -> String {
    format!(
        "tag:{}:{}",
        config.id_authority,
        encode_specific(&entry.key)
    )
}

/// `tag:{authority}:feed` for the main feed, `tag:{authority}:feed/{kind}` per kind.
pub fn feed_id(kind: Option<Kind>, config: &Config) -> String {
    match kind {
        None => format!("tag:{}:feed", config.id_authority),
        Some(kind) => format!("tag:{}:feed/{}", config.id_authority, kind.slug()),
    }
}

/// Percent-encodes what RFC 4151's `specific` part (pchar / "/" / "?") does not allow.
/// `%` itself is encoded, so distinct keys always give distinct ids.
fn encode_specific(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for byte in key.bytes() {
        let allowed = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
                    | b'?'
            );
        if allowed {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_pass_through_and_odd_ones_are_encoded_injectively() {
        assert_eq!(
            encode_specific("communiques/la-dinum"),
            "communiques/la-dinum"
        );
        assert_eq!(encode_specific("a b%é"), "a%20b%25%C3%A9");
        assert_ne!(encode_specific("a%20b"), encode_specific("a b"));
    }

    #[test]
    fn feed_ids() {
        let c = Config::default();
        assert_eq!(feed_id(None, &c), "tag:numerique.gouv.fr,2023:feed");
        assert_eq!(
            feed_id(Some(Kind::PressReview), &c),
            "tag:numerique.gouv.fr,2023:feed/revue-de-presse"
        );
    }
}
