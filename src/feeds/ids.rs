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
        crate::web::escape::tag_specific(&entry.key)
    )
}

/// `tag:{authority}:feed` for the main feed, `tag:{authority}:feed/{kind}` per kind.
pub(super) fn feed_id(kind: Option<Kind>, config: &Config) -> String {
    match kind {
        None => format!("tag:{}:feed", config.id_authority),
        Some(kind) => format!("tag:{}:feed/{}", config.id_authority, kind.slug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_pass_through_and_odd_ones_are_encoded_injectively() {
        assert_eq!(
            crate::web::escape::tag_specific("communiques/la-dinum"),
            "communiques/la-dinum"
        );
        assert_eq!(crate::web::escape::tag_specific("a b%é"), "a%20b%25%C3%A9");
        assert_ne!(
            crate::web::escape::tag_specific("a%20b"),
            crate::web::escape::tag_specific("a b")
        );
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
