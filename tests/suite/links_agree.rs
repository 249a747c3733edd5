//! The feed and the PDF of one communiqué link the same addresses for the same tricky
//! Markdown links (one resolver), and every address is ASCII. The PDF's link annotations
//! are read back with qpdf (skipped when it is absent).

use crate::support::pdf::{qdf, tmp};
use communique::pdf::{self, Assets};
use communique::source::load_text;
use communique::{Config, Kind};
use std::collections::BTreeSet;
use std::path::Path;

/// Links whose answer does not depend on which page they sit on (the PDF is laid out
/// against the site's address), each in its own paragraph.
const LINKS: [&str; 9] = [
    "https://www.google.fr/search?q=[DINUM]|numérique",
    "/uploads/Dossier de presse été.pdf",
    "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048?a=1&b=2",
    "www.example.fr/page",
    "https://exemple.fr/100%/{x}",
    "https://élysée.fr/actualités",
    "mailto:presse@numerique.gouv.fr",
    "//cdn.example.org/a b",
    "/espace-presse/L'État-plateforme/",
];

fn release() -> String {
    let mut text = String::from(
        "---\ntitle: Des liens\ndate: 2024-03-12 10:00:00 +01:00\n---\n\nParis, le 12 mars 2024\n\n",
    );
    for (i, link) in LINKS.iter().enumerate() {
        text.push_str(&format!(
            "Voir [le lien {i}]({}).\n\n",
            link.replace(' ', "%20")
        ));
    }
    // An autolink: pulldown-cmark gives the PDF the bare address.
    text.push_str("Écrire à <redaction@numerique.gouv.fr>.\n");
    text
}

/// `href="…"` values of the feed's entry content (entity-decoded by roxmltree).
fn feed_links(xml: &str) -> BTreeSet<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string();
    content
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| !href.contains("/feeds/pdf/"))
        .collect()
}

#[test]
fn feed_and_pdf_give_the_same_ascii_addresses() {
    let config = Config::default();
    let loaded = load_text(Path::new("communiques/des-liens.md"), &release(), &config);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    // The link without a scheme is published, and its author told.
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("www.example.fr/page")),
        "{:#?}",
        loaded.diagnostics
    );
    let entry = loaded.entries[0].clone();
    assert_eq!(entry.kind, Kind::Communique);
    let atom = crate::support::feed::atom_of(&entry, &config);
    let in_feed = feed_links(&atom);
    // The links, and the press contact's address (in the feed's contact block and the PDF's foot).
    assert_eq!(in_feed.len(), LINKS.len() + 2, "{in_feed:#?}");
    assert!(in_feed.contains("mailto:redaction@numerique.gouv.fr"));
    assert!(in_feed.contains("mailto:floriane.beaudron@modernisation.gouv.fr"));
    for href in &in_feed {
        assert!(href.is_ascii(), "{href}");
        assert!(!href.contains(['[', ']', '|', ' ', '{', '}']), "{href}");
    }
    for expected in [
        "https://www.google.fr/search?q=%5BDINUM%5D%7Cnum%C3%A9rique",
        "https://www.numerique.gouv.fr/uploads/Dossier%20de%20presse%20%C3%A9t%C3%A9.pdf",
        "https://www.example.fr/page",
        "https://xn--lyse-9oad.fr/actualit%C3%A9s",
        "https://exemple.fr/100%25/%7Bx%7D",
        "https://www.numerique.gouv.fr/espace-presse/L'%C3%89tat-plateforme/",
    ] {
        assert!(in_feed.contains(expected), "{expected} not in {in_feed:#?}");
    }

    let bytes = pdf::render(&entry, &config, &Assets::load(&Default::default()).unwrap()).unwrap();
    let Some(text) = qdf(&tmp("links.pdf", &bytes)) else {
        return;
    };
    let in_pdf: BTreeSet<String> = text
        .split("/URI (")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|uri| uri.replace("\\(", "(").replace("\\)", ")"))
        .collect();
    assert_eq!(in_pdf, in_feed);
}
