//! Documents made of fragments are byte for byte those rendered whole: on every page kind
//! (current, archive with its `fh:archive` after the entries), with and without the `dc:`
//! namespace, and with text that looks like the markers the splice looks for.

use super::super::archive::Page;
use super::super::html::Sanitizer;
use super::super::spec::{FeedSpec, Selection};
use super::super::{PdfSizes, render_document};
use super::*;
use crate::model::{Contact, Kind, Precision};

/// Titles and bodies that hold what the splice searches for, escaped or in CDATA.
const TRAPS: [&str; 6] = [
    "</subtitle> et <item> dans un titre",
    "Fin de CDATA ]]> au milieu",
    "</channel></rss>",
    "\n</feed>",
    "<entry>",
    "Sans piège",
];

fn entries() -> Vec<crate::model::Entry> {
    let kinds = [Kind::Communique, Kind::Event, Kind::PressReview];
    (0..9)
        .map(|n| {
            let kind = kinds[n % 3];
            let mut e =
                crate::testing::entry(kind, &format!("{}/e{n}", kind.slug()), Precision::Day);
            e.slug = format!("e{n}");
            e.title = format!("{} {n}", TRAPS[n % TRAPS.len()]);
            e.body = format!(
                "Texte {n} : {}\n\n<p>HTML <b>brut</b> ]]> et `code`</p>\n\n- un\n- deux",
                TRAPS[(n + 1) % TRAPS.len()]
            );
            e.summary = (n % 2 == 0).then(|| format!("Chapô {n} {}", TRAPS[n % TRAPS.len()]));
            e.tags = vec!["IA".into(), TRAPS[n % TRAPS.len()].into()];
            if n % 4 == 0 {
                // A press contact with an address: RSS `author`, no `dc:creator`.
                e.contact = Some(Contact {
                    organisation: "DINUM".into(),
                    name: Some("Service presse".into()),
                    phones: Vec::new(),
                    email: Some("presse@numerique.gouv.fr".into()),
                    role: None,
                });
            }
            e
        })
        .collect()
}

fn prepared(config: &Config) -> Vec<Arc<Item>> {
    let pdfs: PdfSizes = [("e0".to_string(), 1234), ("e3".to_string(), 99)].into();
    let html = Sanitizer::new(config);
    entries()
        .iter()
        .map(|e| Arc::new(Item::new(e, config, &pdfs, &html)))
        .collect()
}

#[test]
fn fragments_make_the_same_bytes() {
    let config = Config::default();
    let items = prepared(&config);
    let shown: Vec<&Arc<Item>> = items.iter().collect();
    let fragments = Fragments::for_items(shown.iter().copied());
    let feeds = [
        FeedSpec::new(Selection::All, "", &config),
        FeedSpec::new(Selection::Tag("ia".into()), "IA", &config),
    ];
    let pages = [
        Page::Current { prev: None },
        Page::Current { prev: Some(2) },
        Page::Archive { index: 0 },
        Page::Archive { index: 3 },
    ];
    let mut compared = 0;
    for feed in &feeds {
        for page in pages {
            for count in [1, 4, shown.len()] {
                let shown = &shown[..count];
                let whole =
                    render_document(feed, page, shown, count, &config, &Fragments::default());
                let spliced = render_document(feed, page, shown, count, &config, &fragments);
                let (whole, spliced) = (whole.unwrap(), spliced.unwrap());
                assert_eq!(whole.len(), 3);
                for (w, s) in whole.iter().zip(&spliced) {
                    assert_eq!(w.path, s.path);
                    assert!(
                        w.bytes == s.bytes,
                        "{}:\n{}\n---\n{}",
                        w.path.display(),
                        String::from_utf8_lossy(&w.bytes),
                        String::from_utf8_lossy(&s.bytes)
                    );
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 2 * 4 * 3 * 3);
}

#[test]
fn every_item_is_laid_out_and_each_part_is_a_whole_element() {
    let config = Config::default();
    let items = prepared(&config);
    let fragments = Fragments::for_items(&items);
    let mut with_dc = 0;
    for item in &items {
        let laid = fragments.get(item, &config).expect("laid out");
        assert!(laid.atom.starts_with(b"\n <entry>") && laid.atom.ends_with(b"</entry>"));
        assert!(laid.rss.starts_with(b"<item>") && laid.rss.ends_with(b"</item>"));
        let names: Vec<&str> = laid
            .rss_namespaces
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(names.contains(&"content"), "{names:?}");
        with_dc += usize::from(names.contains(&"dc"));
    }
    // Entries with a press contact's address use no `dc:creator`; the others do.
    assert!(with_dc > 0 && with_dc < items.len(), "{with_dc}");
    // An item the render did not announce is not laid out (its documents render whole).
    let other = prepared(&config).remove(0);
    assert!(fragments.get(&other, &config).is_none());
}
