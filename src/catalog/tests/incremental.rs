//! The memo's catalog is the full assembly's, step after step: entries added, replaced
//! (a new allocation, equal or not), removed, embargoes ending or beginning as the clock
//! moves either way, outputs changing hands, press-review copies merging and parting.

use super::*;
use crate::testing::Edit;
use proptest::prelude::*;

const FILES: [&str; 7] = [
    "communiques/a.md",
    "communiques/b.md",
    "communiques/Copie de a.md",
    "communiques/z.md",
    "evenements/e.md",
    "evenements/f.md",
    "revue/presse.md",
];
const SLUGS: [&str; 3] = ["lancement", "bilan", "fin"];
const KEYS: [&str; 4] = [
    "communiques/lancement",
    "communiques/bilan",
    "agenda/x",
    "k",
];
const PAGES: [Option<&str>; 3] = [None, Some("/espace-presse/fin/"), Some("/p/")];
const TITLES: [&str; 4] = [
    "Lancement de la Suite numérique",
    "LANCEMENT de la suite numerique !",
    "Bilan du programme",
    "Un article sur la Suite numérique",
];
const DAYS: [&str; 5] = [
    "2024-05-01",
    "2024-05-01 18:00:00 +02:00",
    "2024-06-01 13:00:00 +02:00",
    "1987-03-02",
    "2026-09-01",
];
const URLS: [&str; 3] = [
    "https://www.lemonde.fr/a",
    "https://lemonde.fr/a/",
    "https://www.numerique.gouv.fr/espace-presse/fin/",
];

/// One entry from a handful of small choices, so that outputs, titles and days collide often.
fn entry(choice: [u8; 8]) -> Entry {
    let pick = |i: usize, n: usize| usize::from(choice[i]) % n;
    let day = DAYS[pick(4, DAYS.len())];
    let title = TITLES[pick(3, TITLES.len())];
    let line = 1 + pick(7, 3);
    let mut entry = if pick(0, 4) == 0 {
        let file = "revue/presse.md";
        let outlet = (pick(6, 2) == 0).then_some("Le Monde");
        article(file, line, title, day, URLS[pick(2, URLS.len())], outlet)
    } else {
        let mut e = communique(FILES[pick(1, FILES.len() - 1)], SLUGS[pick(2, 3)], day);
        e.kind = if pick(0, 4) == 3 {
            Kind::Event
        } else {
            Kind::Communique
        };
        e.key = KEYS[pick(5, KEYS.len())].to_string();
        e.page = PAGES[pick(6, PAGES.len())].map(str::to_string);
        e.title = title.to_string();
        e.origin.line = line;
        e
    };
    entry.embargo = match pick(7, 5) {
        0 => Some(now() - chrono::Duration::hours(1)),
        1 => Some(now() + chrono::Duration::hours(1)),
        2 => Some(now() + chrono::Duration::hours(3)),
        _ => None,
    };
    entry
}

/// What a step does to the set of entries, the clock and the owners.
#[derive(Debug, Clone)]
enum Step {
    /// Adds, replaces, rereads or removes an entry.
    Edit(Edit),
    /// Moves the clock by this many half hours (back when negative).
    Clock(i8),
    /// The outputs of the last catalog become online (as after a publish).
    Publish,
    /// Many changes in one go (a first scan, a `git pull`): every third entry goes, and
    /// more than the memo patches one by one come, made from this seed.
    Bulk(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => Edit::strategy().prop_map(Step::Edit),
        1 => (-5i8..8).prop_map(Step::Clock),
        2 => Just(Step::Publish),
        1 => any::<u8>().prop_map(Step::Bulk),
    ]
}

/// Runs `steps`, checking after each one that the memo gives the full assembly's catalog
/// and diagnostics.
fn check(steps: &[Step]) {
    let mut entries: Vec<Arc<Entry>> = Vec::new();
    let mut at = now();
    let mut owners = Owners::default();
    let mut memo = Memo::default();
    let mut last = Catalog::default();
    for (n, step) in steps.iter().enumerate() {
        match step {
            Step::Edit(edit) => edit.apply(&mut entries, entry),
            Step::Clock(half_hours) => at += chrono::Duration::minutes(30 * i64::from(*half_hours)),
            Step::Bulk(seed) => {
                let mut i = 0;
                entries.retain(|_| {
                    i += 1;
                    i % 3 != 0
                });
                for k in 0..70u8 {
                    let b = seed.wrapping_mul(31).wrapping_add(k);
                    let choice = [b, b / 3, b / 7, k, b / 2, b / 5, b / 11, k / 2];
                    entries.push(Arc::new(entry(choice)));
                }
            }
            Step::Publish => {
                owners = Owners::default();
                for entry in &last.entries {
                    owners.insert(entry);
                }
            }
        }
        let mut expected_diagnostics = Vec::new();
        let expected = assemble_with(entries.clone(), at, &owners, &mut expected_diagnostics);
        let mut diagnostics = Vec::new();
        // Handed over in another order each time: the set is what counts.
        let mut shuffled = entries.clone();
        shuffled.rotate_left(n % entries.len().max(1));
        let catalog = assemble_memo(shuffled, at, &owners, &mut memo, &mut diagnostics);
        assert_eq!(catalog, expected, "catalog after step {n} ({step:?})");
        assert_eq!(
            diagnostics, expected_diagnostics,
            "diagnostics after step {n} ({step:?})"
        );
        last = catalog;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn the_memo_gives_the_full_assembly_after_each_step(
        steps in proptest::collection::vec(step(), 1..60)
    ) {
        check(&steps);
    }
}

/// A first scan, a publish, then single changes, the clock going both ways.
#[test]
fn a_large_first_assembly_then_small_steps() {
    let mut steps = vec![Step::Bulk(7), Step::Bulk(200), Step::Publish];
    steps.extend((0..40u8).map(|i| Step::Edit(Edit::Replace(usize::from(i) * 5, [i; 8]))));
    steps.extend([
        Step::Clock(5),
        Step::Clock(-7),
        Step::Edit(Edit::Reread(3)),
        Step::Edit(Edit::Remove(4)),
    ]);
    check(&steps);
}
