//! Feeds rendered with a cache kept from catalog to catalog are byte for byte those rendered
//! from nothing: entries added, replaced, re-read, removed, PDFs resized, tags relabelled,
//! press articles about a communiqué's page coming and going, keys shared, order changed.

use super::super::{FeedCache, PdfSizes, entry_link, render_feeds_at, render_feeds_cached};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::model::{Article, Entry, EventInfo, Kind, Precision, PubDate};
use crate::testing::Edit;
use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use std::sync::Arc;

const TAGS: [&str; 5] = [
    "IA",
    "ia",
    "Numérique",
    "Données publiques",
    "données-publiques",
];

fn config() -> Config {
    Config {
        // Small pages: archives appear, fill and shift within a few entries.
        feed_limit: 3,
        ..Config::default()
    }
}

fn at(day: u8, hour: u8) -> DateTime<FixedOffset> {
    let text = format!("2024-05-{:02}T{:02}:00:00+02:00", 1 + day % 20, hour % 24);
    DateTime::parse_from_rfc3339(&text).unwrap_or_default()
}

/// A communiqué or event numbered `n` (its page is what a press article may point to).
fn release(kind: Kind, n: u8, choice: [u8; 6]) -> Entry {
    let mut e = crate::testing::entry(kind, &format!("{}/r{n}", kind.slug()), Precision::Day);
    e.slug = format!("r{n}");
    e.title = format!("Release {n} ({})", choice[0] % 3);
    e.date.at = at(choice[1], choice[2]);
    e.page = choice[3]
        .is_multiple_of(2)
        .then(|| format!("/espace-presse/r{n}/"));
    e.tags = TAGS
        .iter()
        .enumerate()
        .filter(|(i, _)| choice[4] >> i & 1 == 1)
        .map(|(_, t)| t.to_string())
        .collect();
    e.category = choice[5].is_multiple_of(3).then(|| "Numérique".to_string());
    e.body = format!("Corps {}.", choice[5]);
    e.origin.file = format!("{}/r{n}.md", kind.slug()).into();
    if kind == Kind::Event {
        // On the calendar too (timed, or all day).
        let precision = [Precision::Instant, Precision::Day][usize::from(choice[0] % 2)];
        e.event = Some(EventInfo {
            start: Some(PubDate {
                at: at(choice[2], choice[1]),
                precision,
            }),
            end: None,
            venue: Some(format!("Salle {}", choice[3] % 4)),
            address: None,
            fields: Vec::new(),
        });
    }
    e
}

/// A press article about release `n`'s page, or about another site.
fn article(n: u8, choice: [u8; 6]) -> Entry {
    let about = release(Kind::Communique, n % 8, [0, 0, 0, 0, 0, 0]);
    let url = if choice[0].is_multiple_of(2) {
        entry_link(&about, &config())
    } else {
        format!("https://www.lemonde.fr/article-{n}")
    };
    let mut e = crate::testing::entry(Kind::PressReview, &format!("presse/a{n}"), Precision::Day);
    e.title = format!("Article {n}");
    e.date.at = at(choice[1], choice[2]);
    e.tags = choice[4]
        .is_multiple_of(2)
        .then(|| "IA".to_string())
        .into_iter()
        .collect();
    e.origin.file = "revue/presse.md".into();
    e.origin.line = usize::from(n);
    e.article = Some(Article {
        url,
        outlet: "Le Monde".into(),
        outlet_from_host: false,
        section: None,
        excerpt: None,
    });
    e
}

fn entry(choice: [u8; 8]) -> Entry {
    let n = choice[1] % 24;
    let rest = [
        choice[2], choice[3], choice[4], choice[5], choice[6], choice[7],
    ];
    match choice[0] % 6 {
        0 => article(n, rest),
        1 => release(Kind::Event, n, rest),
        _ => release(Kind::Communique, n % 12, rest),
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// Adds, replaces, rereads or removes an entry.
    Edit(Edit),
    /// The PDF of the communiqué at this index gets another size (or none).
    Resize(usize, u8),
    /// The catalog in another order than newest first (a caller's own catalog).
    Shuffle(u8),
    /// More new entries at once than the lists are patched for.
    Bulk(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => Edit::strategy().prop_map(Step::Edit),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, s)| Step::Resize(i, s)),
        1 => any::<u8>().prop_map(Step::Shuffle),
        1 => any::<u8>().prop_map(Step::Bulk),
    ]
}

fn check(steps: &[Step]) {
    let config = config();
    let now = at(25, 0);
    let mut entries: Vec<Arc<Entry>> = Vec::new();
    let mut pdfs = PdfSizes::new();
    let mut cache = FeedCache::default();
    // What the files hold, as a publisher that writes what is not reused would leave them.
    let mut disk: std::collections::HashMap<std::path::PathBuf, Vec<u8>> = Default::default();
    for (n, step) in steps.iter().enumerate() {
        let index = |i: usize| (!entries.is_empty()).then(|| i % entries.len());
        let mut shuffle = None;
        match step {
            Step::Edit(edit) => edit.apply(&mut entries, entry),
            Step::Resize(i, size) => {
                if let Some(i) = index(*i) {
                    let slug = entries[i].slug.clone();
                    match size % 3 {
                        0 => pdfs.remove(&slug),
                        _ => pdfs.insert(slug, 1000 + u64::from(*size)),
                    };
                }
            }
            Step::Shuffle(seed) => shuffle = Some(*seed),
            Step::Bulk(seed) => {
                for k in 0..70u8 {
                    let b = seed.wrapping_add(k.wrapping_mul(37));
                    entries.push(Arc::new(entry([b, k, b / 3, k / 5, b, k / 2, b / 7, k])));
                }
            }
        }
        // Newest first, then by key, as the catalog orders them (or shuffled).
        let mut shown = entries.clone();
        shown.sort_by(|a, b| b.date.at.cmp(&a.date.at).then_with(|| a.key.cmp(&b.key)));
        if let Some(seed) = shuffle {
            let by = usize::from(seed) % shown.len().max(1);
            shown.rotate_left(by);
            shown.reverse();
        }
        let catalog = Catalog {
            entries: shown,
            ..Catalog::default()
        };
        let expected = render_feeds_at(&catalog, &config, &pdfs, now).unwrap();
        let mut files = Vec::new();
        render_feeds_cached(&catalog, &config, &pdfs, now, &mut cache, |file| {
            files.push(file.clone());
        })
        .unwrap();
        let paths = |files: &[super::super::OutputFile]| {
            files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            paths(&files),
            paths(&expected),
            "files after step {n} ({step:?})"
        );
        for (file, expected) in files.iter().zip(&expected) {
            // A reused file is handed over without bytes: those written before stand.
            if !file.reused {
                disk.insert(file.path.clone(), file.bytes.clone());
            }
            let on_disk = disk.get(&file.path).map(Vec::as_slice).unwrap_or_default();
            assert!(
                on_disk == expected.bytes,
                "{} after step {n} ({step:?}):\n{}\n---- expected ----\n{}",
                file.path.display(),
                String::from_utf8_lossy(on_disk),
                String::from_utf8_lossy(&expected.bytes)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn a_cache_kept_between_catalogs_renders_what_a_fresh_one_does(
        steps in proptest::collection::vec(step(), 1..30)
    ) {
        check(&steps);
    }
}

/// Many entries at once, then one by one: the lists are chosen again, then patched.
#[test]
fn a_large_catalog_then_small_changes() {
    let mut steps = vec![Step::Bulk(3)];
    steps.extend((0..12).map(|i| Step::Edit(Edit::Remove(i * 5))));
    steps.extend(
        (0..12u8).map(|i| Step::Edit(Edit::Replace(usize::from(i) * 3, [i, 7, i, i, 3, i, 1, 2]))),
    );
    steps.extend((0..6u8).map(|i| Step::Edit(Edit::Add([0, i + 1, 3, 4, 5, 6, 7, 8]))));
    steps.extend([
        Step::Resize(2, 1),
        Step::Edit(Edit::Reread(4)),
        Step::Edit(Edit::Remove(9)),
    ]);
    check(&steps);
}
