//! Every URL a feed names: entry pages, PDFs, the feeds themselves. All absolute,
//! because feed readers resolve relative links against the feed, not the site.

use crate::config::Config;
use crate::model::{Entry, Kind};
use std::path::PathBuf;
use url::Url;

/// The web page of an entry: the site's page for communiqués and events, the outlet's
/// article for press reviews.
pub fn entry_link(entry: &Entry, config: &Config) -> String {
    match entry.kind {
        Kind::Communique => format!("{}/espace-presse/{}/", config.base_url, entry.slug),
        Kind::Event => format!("{}/agenda/{}/", config.base_url, entry.slug),
        Kind::PressReview => entry
            .article
            .as_ref()
            .and_then(|article| absolute_http_url(&article.url, config))
            // A press entry always has a valid article URL once loaded; never emit a bad one.
            .unwrap_or_else(|| format!("{}/{}/", config.base_url, Kind::PressReview.slug())),
    }
}

/// Public URL of a communiqué's PDF.
pub fn pdf_url(slug: &str, config: &Config) -> String {
    format!("{}/pdf/{slug}.pdf", config.feeds_url)
}

/// Where a communiqué's PDF goes, relative to the output directory.
pub fn pdf_path(slug: &str) -> PathBuf {
    PathBuf::from("pdf").join(format!("{slug}.pdf"))
}

/// The folder of a feed under the output dir: "" for the main feed, the kind's slug otherwise.
pub fn feed_dir(kind: Option<Kind>) -> &'static str {
    kind.map_or("", Kind::slug)
}

/// Public URL of a feed file (`atom.xml`, `rss.xml`), for `rel="self"`.
pub fn feed_url(kind: Option<Kind>, file: &str, config: &Config) -> String {
    match kind {
        None => format!("{}/{file}", config.feeds_url),
        Some(kind) => format!("{}/{}/{file}", config.feeds_url, kind.slug()),
    }
}

/// The site's home page, the feeds' `alternate`.
pub fn site_url(config: &Config) -> String {
    format!("{}/", config.base_url)
}

/// `raw` made absolute against the site and normalised (percent-encoded), if it is http(s).
pub fn absolute_http_url(raw: &str, config: &Config) -> Option<String> {
    let base = Url::parse(&site_url(config)).ok()?;
    let url = base.join(raw.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let c = Config::default();
        assert_eq!(
            pdf_url("x", &c),
            "https://www.numerique.gouv.fr/feeds/pdf/x.pdf"
        );
        assert_eq!(pdf_path("x"), PathBuf::from("pdf/x.pdf"));
        assert_eq!(
            feed_url(Some(Kind::Event), "rss.xml", &c),
            "https://www.numerique.gouv.fr/feeds/agenda/rss.xml"
        );
        assert_eq!(
            absolute_http_url("/uploads/a b.pdf", &c).as_deref(),
            Some("https://www.numerique.gouv.fr/uploads/a%20b.pdf")
        );
        assert_eq!(absolute_http_url("javascript:alert(1)", &c), None);
        assert_eq!(absolute_http_url(" JaVaScRiPt:alert(1)", &c), None);
    }
}
