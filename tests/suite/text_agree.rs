//! The feed and the PDF of one communiqué say the same words for text the renderers used
//! to read three ways: entities (`&rsquo;`), kramdown attribute lists (removed once, in
//! `source`), control characters, markup in the title. The PDF is read back with pdftotext
//! (skipped when it is absent).

use communique::pdf::{self, Assets};
use communique::source::load_text;
use communique::{Config, Kind};
use std::path::Path;

const RELEASE: &str = "---
title: \"L&rsquo;Œuvre &amp; les <b>territoires</b>\"
date: 2024-03-12 10:00:00 +01:00
chapeau: \"Un chapeau d&rsquo;ouverture{: .lead}\"
---

Paris, le 12 mars 2024

Le plan de l&rsquo;État pour la cohésion{: .intro}

Voir [le portail](https://www.numerique.gouv.fr/){:target=\"_blank\"} des collectivités.
{: .citation}

Un signal\u{7} de contrôle\u{85} discret.
";

/// Every text node of the Atom entry's `tag`, its HTML tags removed.
fn feed_text(xml: &str, tag: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    let raw = entry
        .descendants()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string();
    // The HTML as a reader shows it: tags gone, the serializer's escapes read back.
    let mut text = String::new();
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn feed_and_pdf_read_entities_attribute_lists_and_controls_alike() {
    let config = Config::default();
    let loaded = load_text(Path::new("communiques/un-texte.md"), RELEASE, &config);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let entry = loaded.entries[0].clone();
    assert_eq!(entry.kind, Kind::Communique);
    // Cleaned once, in source: no renderer sees an attribute list.
    for text in [&entry.body, entry.summary.as_deref().unwrap_or_default()] {
        assert!(!text.contains("{:"), "{text}");
    }

    let atom = crate::support::feed::atom_of(&entry, &config);
    let xml = atom.as_str();
    let title = feed_text(xml, "title");
    let content = words(&feed_text(xml, "content").replace(['\u{a0}', '\u{202f}'], " "));
    assert_eq!(title, "L’Œuvre & les territoires");
    for expected in [
        "Un chapeau d’ouverture",
        "Le plan de l’État pour la cohésion",
        "Voir le portail des collectivités.",
        "Un signal de contrôle discret.",
    ] {
        assert!(content.contains(expected), "{expected} not in {content}");
    }
    for absent in ["{:", "rsquo", "\u{7}", "\u{85}"] {
        assert!(!content.contains(absent), "{absent:?} in {content}");
    }

    let bytes = pdf::render(&entry, &config, &Assets::load(&Default::default()).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).unwrap();
    let Some(raw) = crate::support::pdf::text_of(&input) else {
        return;
    };
    // No-break spaces of French typography are spaces to a reader.
    let pdf_text = words(&raw.replace(['\u{a0}', '\u{202f}'], " "));
    for expected in [
        title.as_str(),
        "Un chapeau d’ouverture",
        "Le plan de l’État pour la cohésion",
        // The PDF numbers the link's note after its text.
        "Voir le portail",
        "des collectivités.",
        "Un signal de contrôle discret.",
    ] {
        assert!(
            pdf_text.contains(expected),
            "{expected} not in the PDF: {pdf_text}"
        );
    }
    for absent in ["{:", "rsquo", "&amp;", "<b>"] {
        assert!(
            !pdf_text.contains(absent),
            "{absent:?} in the PDF: {pdf_text}"
        );
    }
}
