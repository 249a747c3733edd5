//! What a journalist reads in the feeds, on hand-written releases: the press contact and
//! the author's e-mail, corrections dated, no invented fractions of a second, French
//! spaces and tag-like prose intact, one entry per address. Read back with feed-rs and
//! roxmltree, as a reader would.

use crate::support::clock::at;
use crate::support::feed;
use communique::catalog::{self, Catalog};
use communique::feeds::{self, PdfSizes};
use communique::source::load_text;
use communique::{Config, Entry};
use std::path::Path;

fn load(rel: &str, text: &str) -> Vec<Entry> {
    let loaded = load_text(Path::new(rel), text, &Config::default());
    assert!(!loaded.has_errors(), "{rel}: {:#?}", loaded.diagnostics);
    assert!(!loaded.entries.is_empty(), "{rel}: no entry");
    loaded.entries
}

fn catalog(entries: Vec<Entry>) -> Catalog {
    let now = at("2030-01-01T00:00:00+01:00");
    catalog::assemble(entries, now, &mut Vec::new())
}

/// The bytes of `path` in a render of `catalog`.
fn feed(catalog: &Catalog, path: &str) -> String {
    let files = feeds::render_feeds(catalog, &Config::default(), &PdfSizes::new()).unwrap();
    let file = files
        .into_iter()
        .find(|f| f.path == Path::new(path))
        .unwrap();
    String::from_utf8(file.bytes).unwrap()
}

const CONVERTED: &str = "**GOUVERNEMENT**\n\n\
# Le numérique de l’État s’ouvre aux communs\n\n\
Lyon, le 3 avril 2023\n\n\
**Un chapeau en gras.**\n\n\
Le corps du texte.\n\n\
**Direction interministérielle du numérique**\n\n\
Tél : 01 40 15 70 00 – 06 12 34 56 78\n\n\
Mél : [camille.martin@numerique.gouv.fr](mailto:camille.martin@numerique.gouv.fr)\n\n\
Relations presse\n";

#[test]
fn a_converted_communique_shows_its_title_and_contact_in_both_feeds() {
    let entries = load("communiques/converti.md", CONVERTED);
    assert_eq!(
        entries[0].title,
        "Le numérique de l’État s’ouvre aux communs"
    );
    let catalog = catalog(entries);
    let atom = feed(&catalog, "communiques/atom.xml");
    let parsed = feed::parse(&atom);
    let entry = &parsed.entries[0];
    let content = entry.content.as_ref().unwrap().body.as_deref().unwrap();
    for expected in [
        "Contact presse",
        "01 40 15 70 00 – 06 12 34 56 78",
        "href=\"mailto:camille.martin@numerique.gouv.fr\"",
        "Relations presse",
    ] {
        assert!(content.contains(expected), "{expected} not in {content}");
    }
    assert_eq!(
        entry.authors[0].email.as_deref(),
        Some("camille.martin@numerique.gouv.fr")
    );
    let rss = feed(&catalog, "communiques/rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let author = doc
        .descendants()
        .find(|n| n.has_tag_name("author"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        author.starts_with("camille.martin@numerique.gouv.fr ("),
        "{author}"
    );
    // Not both author and dc:creator: the W3C validator warns about it.
    assert!(!rss.contains("dc:creator>"), "{rss}");
    let encoded = doc
        .descendants()
        .find(|n| n.tag_name().name() == "encoded")
        .and_then(|n| n.text())
        .unwrap();
    assert!(encoded.contains("06 12 34 56 78"), "{encoded}");
}

#[test]
fn front_matter_contact_and_default_contact_reach_the_feed() {
    let own = "---\ntitle: T\ndate: 2024-03-12\ncontact-presse:\n  name: Rachel Wadoux\n  tel: [01.71.21.11.98]\n  email: rachel.wadoux@modernisation.gouv.fr\n---\nCorps.\n";
    let none = "---\ntitle: U\ndate: 2024-03-13\n---\nCorps.\n";
    let mut entries = load("communiques/own.md", own);
    entries.extend(load("communiques/none.md", none));
    let atom = feed(&catalog(entries), "communiques/atom.xml");
    let parsed = feed::parse(&atom);
    let by_title = |t: &str| {
        parsed
            .entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content == t)
            .unwrap()
    };
    let own = by_title("T");
    assert_eq!(own.authors[0].name, "Rachel Wadoux");
    let content = own.content.as_ref().unwrap().body.clone().unwrap();
    assert!(content.contains("Rachel Wadoux"), "{content}");
    let default = by_title("U");
    assert_eq!(
        default.authors[0].email.as_deref(),
        Some("floriane.beaudron@modernisation.gouv.fr")
    );
}

#[test]
fn corrections_are_dated_and_day_dates_carry_no_invented_fraction() {
    let corrected = "---\ntitle: Corrigé\ndate: 2024-03-12\nlast_modified_at: 2024-03-14 16:45:00 +01:00\n---\nCorps.\n";
    let plain = "---\ntitle: Simple\ndate: 2024-03-12\n---\nCorps.\n";
    let mut entries = load("communiques/corrige.md", corrected);
    entries.extend(load("communiques/simple.md", plain));
    let atom = feed(&catalog(entries), "communiques/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let updated: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("updated"))
                .and_then(|c| c.text())
                .unwrap()
        })
        .collect();
    assert!(
        updated.contains(&"2024-03-14T16:45:00+01:00"),
        "{updated:?}"
    );
    assert!(
        updated.contains(&"2024-03-12T00:00:00+01:00"),
        "{updated:?}"
    );
    for u in &updated {
        assert!(!u.contains('.'), "fraction of a second in {u}");
        at(u);
    }
    let alias = "---\ntitle: V\ndate: 2024-03-12\nupdated: 2024-04-01\n---\nCorps.\n";
    assert!(load("communiques/v.md", alias)[0].updated.is_some());
}

#[test]
fn french_spaces_and_tag_like_prose_survive() {
    let text = "---\ntitle: \"Ishan Bhojwani\u{a0}: «\u{202f}La refonte\u{202f}» <presse@numerique.gouv.fr>\"\ndate: 2024-03-12\n---\n\
Le format <title> du HTML est ancien.\n\nCette phrase doit rester visible.\n\nÉcrire à <presse@numerique.gouv.fr>.\n";
    let atom = feed(&catalog(load("communiques/t.md", text)), "atom.xml");
    let parsed = feed::parse(&atom);
    let entry = &parsed.entries[0];
    let title = &entry.title.as_ref().unwrap().content;
    assert!(
        title.starts_with("Ishan Bhojwani\u{a0}: «\u{202f}La refonte\u{202f}»"),
        "{title:?}"
    );
    assert!(title.contains("presse@numerique.gouv.fr"), "{title:?}");
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    assert!(
        content.contains("Le format &lt;title&gt; du HTML est ancien."),
        "{content}"
    );
    assert!(
        content.contains("Cette phrase doit rester visible."),
        "{content}"
    );
    assert!(
        content.contains("href=\"mailto:presse@numerique.gouv.fr\""),
        "{content}"
    );
}

#[test]
fn a_press_article_that_is_a_communique_page_is_shown_once_in_the_main_feed() {
    let communique = "---\ntitle: La DINUM ouvre ses données\ndate: 2024-03-12\n---\nCorps.\n";
    let press = "**12 mars 2024**\n\n[La DINUM ouvre ses données](http://numerique.gouv.fr/espace-presse/La-DINUM-ouvre-ses-données)\n\n\
**13 mars 2024**\n\n[Autre article](https://www.lemonde.fr/article)\n";
    let mut entries = load("communiques/La-DINUM-ouvre-ses-données.md", communique);
    entries.extend(load("revue-de-presse/presse.md", press));
    let catalog = catalog(entries);
    let all = feed::parse(&feed(&catalog, "atom.xml"));
    let links: Vec<&str> = all
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    assert_eq!(
        links,
        [
            "https://www.lemonde.fr/article",
            "https://www.numerique.gouv.fr/espace-presse/La-DINUM-ouvre-ses-donn%C3%A9es/"
        ],
        "{links:?}"
    );
    // The press review's own feed still lists the article.
    let press = feed::parse(&feed(&catalog, "revue-de-presse/atom.xml"));
    assert_eq!(press.entries.len(), 2);
}

#[test]
fn a_month_only_event_is_shown_as_the_month() {
    let event = "---\ntitle: Rencontre\nevent_start_date: mai 2024\n---\nProgramme.\n";
    let atom = feed(
        &catalog(load("agenda/rencontre.md", event)),
        "agenda/atom.xml",
    );
    let parsed = feed::parse(&atom);
    let content = parsed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(content.contains("En mai 2024"), "{content}");
    assert!(!content.contains("1er mai"), "{content}");
}

#[test]
fn a_converted_title_keeps_its_tag_like_words() {
    let text = "# Le format <title> du HTML\n\nParis, le 12 mars 2024\n\nLe corps.\n";
    let entries = load("communiques/format.md", text);
    assert_eq!(entries[0].title, "Le format <title> du HTML");
    let atom = feed(&catalog(entries), "communiques/atom.xml");
    let parsed = feed::parse(&atom);
    let title = &parsed.entries[0].title.as_ref().unwrap().content;
    assert_eq!(title, "Le format ‹title› du HTML");
}

#[test]
fn body_links_resolve_on_the_page_and_front_matter_paths_on_the_site() {
    let text = "---\ntitle: T\ndate: 2024-03-12\nfiles:\n  - file: uploads/dossier été.pdf\n    nom: Dossier\n\
une-ou-diaporama:\n  - image: uploads/photo.jpg\n    alternative-textuelle: Photo\n---\n\
Voir [l'annexe](../autre/) et [le détail](annexe/) et [le site](/agenda/).\n";
    let atom = feed(
        &catalog(load("communiques/Mon-Communiqué.md", text)),
        "atom.xml",
    );
    let parsed = feed::parse(&atom);
    let entry = &parsed.entries[0];
    assert_eq!(
        entry.links[0].href,
        "https://www.numerique.gouv.fr/espace-presse/Mon-Communiqu%C3%A9/"
    );
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    for href in [
        "https://www.numerique.gouv.fr/espace-presse/autre/",
        "https://www.numerique.gouv.fr/espace-presse/Mon-Communiqu%C3%A9/annexe/",
        "https://www.numerique.gouv.fr/agenda/",
        "https://www.numerique.gouv.fr/uploads/dossier%20%C3%A9t%C3%A9.pdf",
        "https://www.numerique.gouv.fr/uploads/photo.jpg",
    ] {
        assert!(
            content.contains(&format!("\"{href}\"")),
            "{href} not in {content}"
        );
    }
}
