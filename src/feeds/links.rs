//! Every URL a feed names: entry pages, PDFs, the feeds themselves. All absolute,
//! because feed readers resolve relative links against the feed, not the site.

use crate::config::Config;
use crate::model::{Entry, Kind};
use crate::web::collections::for_kind;
use crate::web::permalink;
use crate::web::url::{ascii_path, resolve};
use std::path::PathBuf;

/// The web page of an entry: the site's page for communiqués and events (as its Jekyll
/// build names it, percent-encoded), the outlet's article for press reviews.
pub fn entry_link(entry: &Entry, config: &Config) -> String {
    match entry.kind {
        Kind::Communique | Kind::Event => {
            format!(
                "{}{}",
                config.base_url,
                ascii_path(&site_page(entry, config))
            )
        }
        Kind::PressReview => entry
            .article
            .as_ref()
            .and_then(|article| absolute_http_url(&article.url, config))
            // A press entry always has a valid article URL once loaded; never emit a bad one.
            .unwrap_or_else(|| format!("{}/{}/", config.base_url, Kind::PressReview.slug())),
    }
}

/// The page relative links of an entry's text are read against, as a browser on it would:
/// its own page, or the site's home for a press article (written on the site's press page).
pub fn base_for_links(entry: &Entry, config: &Config) -> String {
    match entry.kind {
        Kind::Communique | Kind::Event => entry_link(entry, config),
        Kind::PressReview => site_url(config),
    }
}

/// The site path loading gave, else the collection's pattern applied to the file's name.
fn site_page(entry: &Entry, config: &Config) -> String {
    if let Some(page) = &entry.page {
        return page.clone();
    }
    let collection = for_kind(&config.collections, entry.kind);
    let name = entry
        .origin
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| entry.slug.clone());
    let doc = permalink::Document {
        collection: &collection.label,
        path: &name,
        slug: None,
        permalink: None,
        categories: &[],
        date: entry.date.at.with_timezone(&config.time_zone),
    };
    permalink::url(&collection.permalink, &doc)
        .unwrap_or_else(|_| format!("/{}/{}/", collection.label, entry.slug))
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
pub(super) fn site_url(config: &Config) -> String {
    format!("{}/", config.base_url)
}

/// `raw` made absolute against the site's home and ASCII-only, if it is http(s).
pub(super) fn absolute_http_url(raw: &str, config: &Config) -> Option<String> {
    resolve(raw, &site_url(config)).filter(|url| url.starts_with("http"))
}

/// `raw` as written on the page `base`, made absolute and ASCII-only (http, https, mailto,
/// tel); `None` for placeholders and refused schemes.
pub(super) fn link_on_page(raw: &str, base: &str) -> Option<String> {
    resolve(raw, base)
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
