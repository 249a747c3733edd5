//! Feeds read back as a subscriber's reader reads them: a strict XML parse (roxmltree), then
//! an independent feed parser (feed-rs) for Atom, RSS and JSON Feed.

use super::files;
use feed_rs::model::Feed;
use std::path::Path;

/// Parses a feed's text: strict XML first (an XML feed), then feed-rs.
pub(crate) fn parse(text: &str) -> Feed {
    parse_named(text, "feed")
}

/// [`parse`], naming `what` (a file, a feed path) when the feed is refused.
pub(crate) fn parse_named(text: &str, what: &str) -> Feed {
    if !text.trim_start().starts_with('{') {
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{what}: not strict XML: {e}"));
    }
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{what}: feed-rs: {e}"))
}

/// The text of the feed at `path` and the feed it parses to (strict XML, then feed-rs).
pub(crate) fn read_with_text(path: &Path) -> (String, Feed) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text =
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", path.display()));
    let feed = parse_named(&text, &path.display().to_string());
    (text, feed)
}

/// The feed at `path` (strict XML, then feed-rs).
pub(crate) fn read(path: &Path) -> Feed {
    read_with_text(path).1
}

/// Entry ids of the feed at `path`, in document order.
pub(crate) fn ids(path: &Path) -> Vec<String> {
    read(path).entries.into_iter().map(|e| e.id).collect()
}

/// Entry titles of the feed at `path`, in document order (empty for an entry without one).
pub(crate) fn titles(path: &Path) -> Vec<String> {
    read(path)
        .entries
        .into_iter()
        .map(|e| e.title.map(|t| t.content).unwrap_or_default())
        .collect()
}

/// Links of an Atom or RSS document with `rel`, read with roxmltree (any namespace).
pub(crate) fn links(path: &Path, rel: &str) -> Vec<String> {
    let text = files::read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some(rel))
        .filter_map(|n| n.attribute("href").map(str::to_string))
        .collect()
}

/// Whether the document is marked as an RFC 5005 archive page (`<fh:archive/>`).
pub(crate) fn has_fh_archive(path: &Path) -> bool {
    let text = files::read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants().any(|n| {
        n.tag_name().name() == "archive"
            && n.tag_name().namespace() == Some("http://purl.org/syndication/history/1.0")
    })
}

/// Ids of an RSS document (its `guid`s), read with roxmltree.
pub(crate) fn rss_ids(path: &Path) -> Vec<String> {
    let text = files::read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("guid"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

/// A JSON document.
pub(crate) fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&files::read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Item ids of a JSON Feed document.
pub(crate) fn json_ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// The main Atom feed a catalog of `entry` alone gives, as text (no PDF sizes known).
pub(crate) fn atom_of(entry: &communique::Entry, config: &communique::Config) -> String {
    let catalog = communique::catalog::Catalog {
        entries: vec![std::sync::Arc::new(entry.clone())],
        ..Default::default()
    };
    let files = communique::feeds::render_feeds(&catalog, config, &Default::default()).unwrap();
    let atom = files
        .into_iter()
        .find(|f| f.path == Path::new("atom.xml"))
        .expect("the main Atom feed is rendered");
    String::from_utf8(atom.bytes).unwrap()
}
