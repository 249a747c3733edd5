//! One `Assets` serves many renders, one after another and at once: what a render keeps for
//! the next (font contexts, furniture laid out once) never shows in another PDF.

use crate::support::site::releases_dir;
use communique::Config;
use communique::model::{Contact, Entry};
use communique::pdf::{self, Assets, PdfError};
use std::path::Path;

fn seed() -> Entry {
    let loaded = communique::source::load_file(
        &releases_dir(),
        Path::new("communiques/communique-nec-2023.md"),
        &Config::default(),
    );
    loaded
        .entries
        .into_iter()
        .next()
        .expect("the seed communiqué")
}

/// The seed with other words, another contact and a second page.
fn other() -> Entry {
    let mut e = seed();
    e.title = "Appel à projets pour des services publics numériques accessibles".into();
    e.summary = Some("Les candidatures sont ouvertes jusqu’au 15 janvier.".into());
    e.body = (1..=40)
        .map(|i| format!("Paragraphe {i} : les administrations présentent leurs démarches, leurs difficultés et leurs réussites."))
        .collect::<Vec<_>>()
        .join("\n\n");
    e.contact = Some(Contact {
        organisation: "Préfecture de la Gironde".into(),
        name: Some("Léa Dubois".into()),
        phones: vec!["05 56 00 00 00".into()],
        email: Some("presse@gironde.gouv.fr".into()),
        role: None,
    });
    e
}

fn fresh(entry: &Entry) -> Vec<u8> {
    let assets = Assets::load(&Default::default()).unwrap();
    pdf::render(entry, &Config::default(), &assets).unwrap()
}

#[test]
fn renders_sharing_assets_equal_renders_alone() {
    let (a, b) = (seed(), other());
    let (alone_a, alone_b) = (fresh(&a), fresh(&b));
    assert_ne!(alone_a, alone_b);
    let assets = Assets::load(&Default::default()).unwrap();
    let config = Config::default();
    for entry in [&a, &b, &a, &b, &b, &a] {
        let want = if std::ptr::eq(entry, &a) {
            &alone_a
        } else {
            &alone_b
        };
        assert!(pdf::render(entry, &config, &assets).unwrap() == *want);
    }
    // At once, from two threads, each render taking its own kit.
    std::thread::scope(|s| {
        let h = s.spawn(|| {
            (0..4)
                .map(|_| pdf::render(&b, &config, &assets).unwrap())
                .collect::<Vec<_>>()
        });
        for _ in 0..4 {
            assert!(pdf::render(&a, &config, &assets).unwrap() == alone_a);
        }
        for bytes in h.join().unwrap() {
            assert!(bytes == alone_b);
        }
    });
}

#[test]
fn a_contact_no_font_prints_is_refused_every_time() {
    let mut entry = seed();
    entry.contact = Some(Contact {
        organisation: "Cellule 🎉 presse".into(),
        ..Contact::default()
    });
    let assets = Assets::load(&Default::default()).unwrap();
    // The second render finds the contact block already laid out: still refused.
    for _ in 0..2 {
        match pdf::render(&entry, &Config::default(), &assets) {
            Err(PdfError::MissingGlyphs { chars }) => assert_eq!(chars, "🎉"),
            other => panic!("must be refused: {:?}", other.map(|b| b.len())),
        }
    }
    entry.contact = None;
    assert!(pdf::render(&entry, &Config::default(), &assets).unwrap() == fresh(&entry));
}
