//! Feed rules from DESIGN.md, checked on a hand-built catalog with an independent reader
//! (feed-rs) and a strict XML parser (roxmltree).

use crate::support::clock::at;
use crate::support::entry::EntryBuilder;
use crate::support::feed::parse;
use crate::support::site::FEEDS;
use communique::catalog::Catalog;
use communique::feeds::{self, OutputFile, PdfSizes};
use communique::model::{Article, Attachment, EventInfo, Image, InfoField, Precision, PubDate};
use communique::{Config, Entry, Kind};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

const PDF_BYTES: u64 = 52_345;

/// A hand-built entry of `kind` at `key`, with the output name `slug`.
fn entry(kind: Kind, key: &str, slug: &str, date: &str, precision: Precision) -> Entry {
    EntryBuilder::new(kind, key, at(date))
        .slug(slug)
        .precision(precision)
        .build()
}

fn communique() -> Entry {
    let mut e = entry(
        Kind::Communique,
        "communiques/nec-2023",
        "nec-2023",
        "2023-09-12T00:00:00+02:00",
        Precision::Day,
    );
    e.title = "Numérique en Commun[s] 2023 : l'État & les territoires".into();
    e.category = Some("Communiqué de presse".into());
    e.tags = vec!["NEC".into(), "Inclusion numérique".into()];
    e.summary = Some("**La DINUM** annonce la [NEC 2023](/nec/).".into());
    // As `source` hands a body over: kramdown attribute lists are removed there, once.
    e.body = communique::text::clean_markdown(
        "## Programme\n\nVoir [le site](#) et [la page](/espace-presse/){:target=\"_blank\"}.\n\n<p>Brut <em>HTML</em></p>\n",
    );
    e.place = Some("Paris".into());
    e.attachments = vec![Attachment {
        url: "/uploads/dossier.pdf".into(),
        label: "Dossier de presse".into(),
    }];
    e.images = vec![Image {
        url: "/uploads/une.jpg".into(),
        alt: Some("La une".into()),
    }];
    e
}

fn event() -> Entry {
    let mut e = entry(
        Kind::Event,
        "agenda/etat-partenaire-communs",
        "etat-partenaire-communs",
        "2023-05-10T14:00:00+02:00",
        Precision::Instant,
    );
    e.summary = Some("Une matinée sur les communs.".into());
    e.body =
        "<div class=\"x\" onclick=\"alert(1)\">Inscription <a href=\"/inscription\">ici</a></div>"
            .into();
    e.event = Some(EventInfo {
        start: Some(PubDate {
            at: at("2023-05-10T14:00:00+02:00"),
            precision: Precision::Instant,
        }),
        end: Some(PubDate {
            at: at("2023-05-11T17:30:00+02:00"),
            precision: Precision::Instant,
        }),
        venue: Some("Ségur".into()),
        address: Some("20 avenue de Ségur, 75007 Paris".into()),
        fields: vec![
            InfoField {
                label: "Horaires".into(),
                content: "14h-17h30".into(),
                link: None,
            },
            InfoField {
                label: "Inscription".into(),
                content: "Sur le site".into(),
                link: Some("https://example.org/inscription".into()),
            },
        ],
    });
    e
}

fn press_review() -> Entry {
    let mut e = entry(
        Kind::PressReview,
        "revue-de-presse/3f2a9c",
        "3f2a9c",
        "2023-10-09T00:00:00+02:00",
        Precision::Day,
    );
    e.title = "La DINUM, organisme certificateur".into();
    e.summary = Some("« Une première pour l'État »".into());
    e.article = Some(Article {
        url: "https://www.acteurspublics.fr/articles/la-dinum".into(),
        outlet: "Acteurs publics".into(),
        outlet_from_host: false,
        section: None,
        excerpt: Some("« Une première pour l'État »".into()),
    });
    e
}

fn catalog() -> Catalog {
    // Newest first, as the catalog hands them over.
    Catalog {
        entries: vec![press_review().into(), communique().into(), event().into()],
        next_embargo: None,
        scheduled: Vec::new(),
    }
}

fn pdfs() -> PdfSizes {
    PdfSizes::from([("nec-2023".to_string(), PDF_BYTES)])
}

fn render(catalog: &Catalog) -> Vec<OutputFile> {
    feeds::render_feeds(catalog, &Config::default(), &pdfs()).unwrap()
}

/// The Atom and RSS files among `files` (JSON Feed, iCalendar and the press room are
/// checked by `subscribe.rs` and `pressroom.rs`).
fn xml_feeds(files: Vec<OutputFile>) -> Vec<OutputFile> {
    files
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "xml"))
        .collect()
}

/// The kind feeds' XML files, in publishing order (no per-tag feeds).
fn kind_feeds(files: &[OutputFile]) -> Vec<String> {
    xml_feeds(files.to_vec())
        .iter()
        .map(|f| f.path.to_str().unwrap().to_string())
        .filter(|p| !p.starts_with("tags/"))
        .collect()
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let found = files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&found.bytes).unwrap()
}

#[test]
fn every_feed_parses_with_right_counts_ids_dates_and_enclosure() {
    let files = render(&catalog());
    assert_eq!(kind_feeds(&files), FEEDS);
    let expected_counts = [3, 3, 1, 1, 1, 1, 1, 1];
    let originals = catalog().entries;
    for (path, count) in FEEDS.iter().zip(expected_counts) {
        let text = file(&files, path);
        assert!(text.len() < 1_000_000);
        let feed = parse(text);
        assert_eq!(feed.entries.len(), count, "{path}");
        // Feed date is the newest entry's (to the second; a day-only date gets a sub-second
        // tiebreak, see item.rs), never the build time.
        let newest = originals
            .iter()
            .find(|e| feed.entries[0].id.ends_with(&e.key))
            .unwrap()
            .date
            .at
            .to_utc();
        let updated = feed.updated.unwrap();
        assert!(
            updated >= newest && updated < newest + chrono::TimeDelta::seconds(1),
            "{path}"
        );
        for parsed in &feed.entries {
            let source = originals
                .iter()
                .find(|e| parsed.id == format!("tag:numerique.gouv.fr,2023:{}", e.key))
                .unwrap_or_else(|| panic!("{path}: id {}", parsed.id));
            assert_eq!(parsed.id, feeds::entry_id(source, &Config::default()));
            assert_eq!(parsed.published, Some(source.date.at.to_utc()), "{path}");
            if path.ends_with("atom.xml") {
                let updated = parsed.updated.unwrap();
                assert!(
                    updated >= source.date.at.to_utc()
                        && updated < source.date.at.to_utc() + chrono::TimeDelta::seconds(1)
                );
            }
            assert!(
                !parsed.authors.is_empty() && !parsed.authors[0].name.is_empty(),
                "{path}: author"
            );
            let alternate = parsed
                .links
                .iter()
                .find(|l| l.rel.as_deref() != Some("enclosure"))
                .unwrap();
            assert_eq!(
                alternate.href,
                feeds::entry_link(source, &Config::default())
            );
            if source.kind == Kind::Communique {
                let size = if path.ends_with("atom.xml") {
                    let link = parsed
                        .links
                        .iter()
                        .find(|l| l.rel.as_deref() == Some("enclosure"))
                        .unwrap();
                    assert_eq!(
                        link.href,
                        "https://www.numerique.gouv.fr/feeds/pdf/nec-2023.pdf"
                    );
                    assert_eq!(link.media_type.as_deref(), Some("application/pdf"));
                    link.length
                } else {
                    parsed.media[0].content[0].size
                };
                assert_eq!(size, Some(PDF_BYTES), "{path}");
            }
        }
    }
    // Dates in the wire formats, Paris offsets.
    let atom = file(&files, "atom.xml");
    assert!(atom.contains("<published>2023-09-12T00:00:00+02:00</published>"));
    // Day-precision dates as given: no invented fraction of a second.
    assert!(atom.contains("<updated>2023-10-09T00:00:00+02:00</updated>"));
    assert!(!atom.contains(":00."), "no fraction of a second");
    assert!(
        atom.contains("<updated>2023-05-10T14:00:00+02:00</updated>"),
        "instants are exact"
    );
    let rss = file(&files, "rss.xml");
    assert!(rss.contains("<pubDate>Tue, 12 Sep 2023 00:00:00 +0200</pubDate>"));
    assert!(rss.contains("<lastBuildDate>Mon, 09 Oct 2023 00:00:00 +0200</lastBuildDate>"));
}

#[test]
fn feeds_carry_namespaces_links_authors_and_kind_specific_content() {
    let files = render(&catalog());
    let atom = file(&files, "atom.xml");
    let doc = roxmltree::Document::parse(atom).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("fr")
    );
    assert!(atom.contains(r#"<link href="https://www.numerique.gouv.fr/feeds/atom.xml" rel="self" type="application/atom+xml"/>"#));
    assert!(atom.contains("<id>tag:numerique.gouv.fr,2023:feed</id>"));
    assert!(
        atom.contains("<name>Acteurs publics</name>"),
        "outlet is the author"
    );
    assert!(atom.contains(r#"rel="enclosure" type="application/pdf" length="52345""#));
    assert!(atom.contains(r#"<category term="Inclusion numérique"/>"#));
    assert!(atom.contains(r#"<category term="Communiqué de presse"/>"#));

    let communiques = parse(file(&files, "communiques/atom.xml"));
    assert_eq!(
        communiques.id,
        "tag:numerique.gouv.fr,2023:feed/communiques"
    );
    let c = &communiques.entries[0];
    let content = c.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(content.contains("Paris, le 12 septembre 2023"), "{content}");
    assert!(
        content.contains("<strong>La DINUM</strong>"),
        "summary in content: {content}"
    );
    assert!(content.contains(r#"<a href="https://www.numerique.gouv.fr/feeds/pdf/nec-2023.pdf" rel="noopener">Télécharger le communiqué (PDF, 53 Ko)</a>"#), "{content}");
    assert!(
        content.contains(r#"href="https://www.numerique.gouv.fr/uploads/dossier.pdf""#),
        "{content}"
    );
    assert!(
        content
            .contains(r#"<img src="https://www.numerique.gouv.fr/uploads/une.jpg" alt="La une">"#),
        "{content}"
    );
    assert!(
        content.contains("Voir le site et"),
        "placeholder link reduced: {content}"
    );
    assert!(!content.contains("{:"), "kramdown list removed: {content}");
    assert!(
        content.contains(r#"href="https://www.numerique.gouv.fr/espace-presse/""#),
        "{content}"
    );
    let summary = c.summary.as_ref().unwrap().content.as_str();
    assert!(
        summary.contains(
            r#"<a href="https://www.numerique.gouv.fr/nec/" rel="noopener">NEC 2023</a>"#
        ),
        "{summary}"
    );
    assert_eq!(
        c.title.as_ref().unwrap().content,
        "Numérique en Commun[s] 2023 : l'État & les territoires"
    );

    let agenda = parse(file(&files, "agenda/atom.xml"));
    let content = agenda.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(
        content.contains("Du 10 mai 2023 à 14 h 00 au 11 mai 2023 à 17 h 30"),
        "{content}"
    );
    assert!(
        content.contains("Lieu&nbsp;: Ségur<br>20 avenue de Ségur, 75007 Paris"),
        "{content}"
    );
    assert!(
        content.contains("<dt>Inscription</dt>")
            && content.contains(r#"href="https://example.org/inscription""#),
        "{content}"
    );
    assert!(
        content.contains(r#"href="https://www.numerique.gouv.fr/inscription""#),
        "{content}"
    );
    assert!(
        !content.contains("onclick") && !content.contains("class="),
        "{content}"
    );

    let press = parse(file(&files, "revue-de-presse/atom.xml"));
    let p = &press.entries[0];
    assert_eq!(
        p.links[0].href,
        "https://www.acteurspublics.fr/articles/la-dinum"
    );
    assert_eq!(p.authors[0].name, "Acteurs publics");
    let content = p.content.as_ref().unwrap().body.clone().unwrap();
    assert!(
        content.contains("<strong>Acteurs publics</strong>, 9 octobre 2023"),
        "{content}"
    );
    assert!(
        content.contains("<blockquote><p>« Une première pour l'État »</p>\n</blockquote>"),
        "{content}"
    );
    assert!(
        content.contains("Lire l'article sur Acteurs publics</a>"),
        "{content}"
    );
    assert_eq!(
        content.matches("Une première").count(),
        1,
        "excerpt shown once: {content}"
    );

    let rss = file(&files, "rss.xml");
    let doc = roxmltree::Document::parse(rss).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("version"), Some("2.0"));
    for (prefix, uri) in [
        ("atom", "http://www.w3.org/2005/Atom"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
    ] {
        assert_eq!(
            root.lookup_namespace_uri(Some(prefix)),
            Some(uri),
            "{prefix} declared"
        );
    }
    assert!(rss.contains("<language>fr</language>"));
    assert!(rss.contains(r#"<atom:link href="https://www.numerique.gouv.fr/feeds/rss.xml" rel="self" type="application/rss+xml"/>"#));
    assert!(rss.contains(
        r#"<guid isPermaLink="false">tag:numerique.gouv.fr,2023:communiques/nec-2023</guid>"#
    ));
    assert!(rss.contains("<dc:creator>Acteurs publics</dc:creator>"));
    assert!(
        rss.contains("<dc:creator>Direction interministérielle du numérique (DINUM)</dc:creator>")
    );
    assert!(rss.contains(r#"<enclosure url="https://www.numerique.gouv.fr/feeds/pdf/nec-2023.pdf" length="52345" type="application/pdf"/>"#));
    assert_eq!(rss.matches("<enclosure").count(), 1);
    // RSS <author> needs an e-mail: only the communiqué's press contact has one.
    assert_eq!(rss.matches("<author>").count(), 1);
    assert!(rss.contains(
        "<author>floriane.beaudron@modernisation.gouv.fr (Direction interministérielle du numérique)</author>"
    ));
}

#[test]
fn ids_survive_edits_and_are_unique() {
    let config = Config::default();
    let before: Vec<String> = catalog()
        .entries
        .iter()
        .map(|e| feeds::entry_id(e, &config))
        .collect();
    let edited: Vec<String> = catalog()
        .entries
        .into_iter()
        .map(|e| {
            let mut e = communique::Entry::clone(&e);
            e.title.push_str(" (mis à jour)");
            e.body = "Nouveau corps".into();
            e.summary = Some("Nouveau chapeau".into());
            e.tags = vec!["autre".into()];
            e.category = Some("Note aux rédactions".into());
            if let Some(a) = &mut e.article {
                a.excerpt = Some("autre extrait".into());
            }
            feeds::entry_id(&e, &config)
        })
        .collect();
    assert_eq!(before, edited);
    assert_eq!(before.iter().collect::<BTreeSet<_>>().len(), before.len());
    assert_eq!(before[1], "tag:numerique.gouv.fr,2023:communiques/nec-2023");
}

#[test]
fn duplicate_keys_never_give_duplicate_ids() {
    let mut c = catalog();
    let mut dup = communique();
    dup.title = "Copie".into();
    c.entries.push(dup.into());
    let files = render(&c);
    let feed = parse(file(&files, "atom.xml"));
    let ids: BTreeSet<_> = feed.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), feed.entries.len());
    assert_eq!(feed.entries.len(), 3);
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(render(&catalog()), render(&catalog()));
}

#[test]
fn empty_kinds_and_catalog_give_valid_empty_feeds_with_a_fixed_date() {
    let files = render(&Catalog::default());
    assert_eq!(xml_feeds(files.clone()).len(), 8);
    for path in FEEDS {
        let text = file(&files, path);
        let feed = parse(text);
        assert!(feed.entries.is_empty());
        if path.ends_with("atom.xml") {
            assert!(
                text.contains("<updated>2023-01-01T00:00:00+01:00</updated>"),
                "{path}"
            );
        } else {
            assert!(
                text.contains("<lastBuildDate>Sun, 01 Jan 2023 00:00:00 +0100</lastBuildDate>"),
                "{path}"
            );
        }
    }
    // Only communiqués: the other kinds still get (empty) feeds.
    let files = render(&Catalog {
        entries: vec![communique().into()],
        next_embargo: None,
        scheduled: Vec::new(),
    });
    assert!(parse(file(&files, "agenda/rss.xml")).entries.is_empty());
}

#[test]
fn feed_limit_caps_every_feed() {
    let mut config = Config {
        feed_limit: 2,
        ..Config::default()
    };
    let files = feeds::render_feeds(&catalog(), &config, &pdfs()).unwrap();
    assert_eq!(parse(file(&files, "atom.xml")).entries.len(), 2);
    assert_eq!(parse(file(&files, "rss.xml")).entries.len(), 2);
    config.feed_limit = 0;
    let files = feeds::render_feeds(&catalog(), &config, &pdfs()).unwrap();
    assert_eq!(parse(file(&files, "atom.xml")).entries.len(), 3);
}

#[test]
fn huge_catalogs_stay_well_under_a_megabyte() {
    let config = Config {
        feed_limit: 0,
        ..Config::default()
    };
    let entries = (0..300)
        .map(|i| {
            let mut e = communique();
            e.key = format!("communiques/c{i}");
            e.slug = format!("c{i}");
            e.body = "Un long paragraphe de communiqué. ".repeat(400);
            e.into()
        })
        .collect();
    let files = feeds::render_feeds(
        &Catalog {
            entries,
            next_embargo: None,
            scheduled: Vec::new(),
        },
        &config,
        &pdfs(),
    )
    .unwrap();
    for f in &xml_feeds(files) {
        assert!(
            f.bytes.len() <= feeds::MAX_FEED_BYTES,
            "{}: {}",
            f.path.display(),
            f.bytes.len()
        );
        parse(std::str::from_utf8(&f.bytes).unwrap());
    }
}

fn hostile() -> Entry {
    let mut e = communique();
    e.key = "communiques/hostile".into();
    e.slug = "hostile".into();
    let nasty = "\u{1}\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}";
    e.title = format!(
        "<script>alert(1)</script>Titre{nasty} <img src=x onerror=alert(1)> JaVaScRiPt:alert(1) [x](javascript:alert(1)) data:text/html,x"
    );
    e.summary = Some(format!("Chapeau{nasty} <script>alert(1)</script>"));
    e.body = format!(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) \
         <a href=\"&#106;avascript:alert(1)\">z</a> <a href=\"&#x6A;avascript&colon;alert(1)\">w</a> \
         <a href=\"data:text/html,<script>alert(1)</script>\">d</a> [e](data:text/html;base64,PHNjcmlwdD4=) \
         <a href=\"vbscript:msgbox(1)\">v</a>\n\n<iframe src=\"https://evil.example/\"></iframe><style>body{{display:none}}</style>\n\n\
         Texte{nasty} &#1; fin JaVaScRiPt:alert(1) <img alt=\"javascript:alert(1)\" src=\"/i.png\"> <svg onload=alert(1)></svg> <math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    );
    e.tags = vec![format!("tag{nasty}<script>"), "JaVaScRiPt:alert(1)".into()];
    e.category = Some(format!("Catégorie{nasty}"));
    e.attachments = vec![Attachment {
        url: "javascript:alert(1)".into(),
        label: "piège".into(),
    }];
    e.images = vec![Image {
        url: "data:text/html,x".into(),
        alt: None,
    }];
    e
}

/// The XML text with its five predefined entities decoded once (what an HTML-in-XML reader sees).
fn unescape_once(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn hostile_entries_yield_safe_feeds() {
    let mut c = catalog();
    c.entries.insert(0, hostile().into());
    let config = Config {
        author: "DINUM\u{1}".into(),
        ..Config::default()
    };
    let files = feeds::render_feeds(&c, &config, &pdfs()).unwrap();
    for f in &files {
        let text = std::str::from_utf8(&f.bytes).unwrap();
        if f.path.extension().is_some_and(|e| e == "xml") {
            parse(text);
        }
        // The press room's own inline style sheet is in its head; what entries bring is
        // in its body.
        let text = text.split_once("</head>").map_or(text, |(_, body)| body);
        let once = unescape_once(text).to_lowercase();
        for haystack in [text.to_lowercase(), once] {
            for bad in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "data:text",
                "vbscript:",
                "<iframe",
                "<style",
                "&#1;",
            ] {
                assert!(!haystack.contains(bad), "{}: {bad}", f.path.display());
            }
            for c in [
                '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}', '\u{ffff}',
            ] {
                assert!(!haystack.contains(c), "{}: {:?}", f.path.display(), c);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn arbitrary_text_always_gives_strict_xml_and_unique_ids(
        title in any::<String>(),
        body in any::<String>(),
        summary in any::<String>(),
        tag in "\\PC{0,20}",
        outlet in any::<String>(),
    ) {
        let mut c = catalog();
        for e in &mut c.entries {
            let e = std::sync::Arc::make_mut(e);
            e.title = title.clone();
            e.body = body.clone();
            e.summary = Some(summary.clone());
            e.tags = vec![tag.clone()];
            if let Some(a) = &mut e.article {
                a.outlet = outlet.clone();
                a.excerpt = Some(body.clone());
            }
        }
        let files = xml_feeds(render(&c));
        for f in &files {
            let text = std::str::from_utf8(&f.bytes).unwrap();
            let feed = parse(text);
            let ids: BTreeSet<_> = feed.entries.iter().map(|e| e.id.clone()).collect();
            prop_assert_eq!(ids.len(), feed.entries.len());
            prop_assert!(feed.entries.iter().all(|e| e.title.as_ref().is_some_and(|t| !t.content.is_empty())));
        }
    }
}

#[test]
fn deeply_nested_input_does_not_overflow_the_stack() {
    let mut e = communique();
    e.body = format!(
        "{}x\n\n{}y{}\n\n{}z",
        "> ".repeat(20_000),
        "<div>".repeat(20_000),
        "</div>".repeat(20_000),
        "* ".repeat(5_000)
    );
    let files = render(&Catalog {
        entries: vec![e.into()],
        next_embargo: None,
        scheduled: Vec::new(),
    });
    parse(file(&files, "atom.xml"));
}

#[test]
fn an_entry_without_text_still_has_a_title_and_content() {
    let mut e = event();
    e.title = "  ".into();
    e.summary = None;
    e.body = String::new();
    e.event = None;
    let files = render(&Catalog {
        entries: vec![e.into()],
        next_embargo: None,
        scheduled: Vec::new(),
    });
    let feed = parse(file(&files, "agenda/atom.xml"));
    let entry = &feed.entries[0];
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        "Agenda du 10/05/2023"
    );
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    assert!(
        content.contains("https://www.numerique.gouv.fr/agenda/etat-partenaire-communs/"),
        "{content}"
    );
}
