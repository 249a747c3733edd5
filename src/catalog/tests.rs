use super::*;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::model::{Origin, Precision, PubDate};
use crate::source::dates::parse_date;
use crate::source::press_review::{ArticleFacts, article_entry, parse_page};
use std::path::{Path, PathBuf};

mod incremental;
mod press_merge;

fn date(text: &str) -> PubDate {
    parse_date(text, chrono_tz::Europe::Paris).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    date("2024-06-01 12:00:00 +02:00").at
}

fn origin(file: &str, line: usize) -> Origin {
    Origin {
        file: file.into(),
        line,
    }
}

fn article(
    file: &str,
    line: usize,
    title: &str,
    day: &str,
    url: &str,
    outlet: Option<&str>,
) -> Entry {
    let facts = ArticleFacts {
        title,
        url,
        outlet,
        ..Default::default()
    };
    article_entry(origin(file, line), date(day), &facts).unwrap()
}

fn communique(file: &str, slug: &str, day: &str) -> Entry {
    let mut e = article(file, 1, slug, day, "https://example.org/x", None);
    e.kind = Kind::Communique;
    e.key = format!("communiques/{slug}");
    e.slug = slug.to_string();
    e.article = None;
    e
}

/// Deterministic shuffles: reversed, rotated, and a fixed pseudo-random permutation.
fn shuffles(entries: &[Entry]) -> Vec<Vec<Entry>> {
    let mut out = vec![entries.iter().rev().cloned().collect::<Vec<_>>()];
    let mut rotated = entries.to_vec();
    rotated.rotate_left(entries.len() / 3);
    out.push(rotated);
    let mut mixed = entries.to_vec();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..mixed.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        mixed.swap(i, (seed >> 33) as usize % (i + 1));
    }
    out.push(mixed);
    out
}

#[test]
fn embargo_hides_future_entries_and_names_the_next_instant() {
    let mut soon = communique("a.md", "a", "2024-05-01");
    soon.embargo = Some(date("2024-06-02 09:00:00 +02:00").at);
    let mut later = communique("b.md", "b", "2024-05-02");
    later.embargo = Some(date("2024-07-01 09:00:00 +02:00").at);
    let mut past = communique("c.md", "c", "2024-05-03");
    past.embargo = Some(date("2024-06-01 12:00:00 +02:00").at);
    let mut diags = Vec::new();
    let cat = assemble(vec![later, soon, past], now(), &mut diags);
    let keys: Vec<&str> = cat.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["communiques/c"], "an embargo equal to now is lifted");
    assert_eq!(
        cat.next_embargo,
        Some(date("2024-06-02 09:00:00 +02:00").at)
    );
    assert!(diags.is_empty());
}

#[test]
fn two_files_on_one_page_keep_the_first() {
    let mut first = communique("communiques/fin.md", "fin", "2023-01-01");
    first.page = Some("/espace-presse/fin/".into());
    let mut second = communique("communiques/fin..md", "fin-2", "2023-02-01");
    second.page = Some("/espace-presse/fin/".into());
    let mut diags = Vec::new();
    let cat = assemble(vec![second, first], now(), &mut diags);
    assert_eq!(cat.entries.len(), 1);
    // The first in path order (`.` sorts before `m`) keeps the page.
    assert_eq!(cat.entries[0].origin.file, Path::new("communiques/fin..md"));
    assert_eq!(diags[0].file, Path::new("communiques/fin.md"));
    assert_eq!(
        diags[0].problem,
        Problem::DuplicateOutput {
            kept: "communiques/fin..md".into(),
            output: "/espace-presse/fin/".into()
        }
    );
}

#[test]
fn duplicate_communique_output_is_an_error_and_the_second_is_dropped() {
    let first = communique("communiques/a.md", "annonce", "2023-01-01");
    let mut same_slug = communique("communiques/b.md", "annonce", "2023-02-01");
    same_slug.key = "communiques/b".into();
    let same_key = communique("communiques/c.md", "annonce", "2023-03-01");
    let mut event = communique("evenements/a.md", "annonce", "2023-04-01");
    event.kind = Kind::Event;
    event.key = "agenda/annonce".into();
    let mut diags = Vec::new();
    let cat = assemble(vec![same_key, event, same_slug, first], now(), &mut diags);
    let files: Vec<_> = cat
        .entries
        .iter()
        .map(|e| e.origin.file.display().to_string())
        .collect();
    assert_eq!(
        files,
        ["evenements/a.md", "communiques/a.md"],
        "another kind may reuse a slug"
    );
    assert_eq!(diags.len(), 2);
    for (d, file) in diags.iter().zip(["communiques/b.md", "communiques/c.md"]) {
        assert!(d.is_error());
        assert_eq!(d.file, Path::new(file));
        assert_eq!(
            d.problem,
            Problem::DuplicateOutput {
                kept: "communiques/a.md".into(),
                output: "annonce".into()
            }
        );
        assert!(d.hint_text().unwrap().contains("rename one of the files"));
    }
}

#[test]
fn newest_first_then_by_key() {
    let a = communique("a.md", "b-second", "2023-01-01");
    let b = communique("b.md", "a-first", "2023-01-01");
    let c = communique("c.md", "c", "2024-01-01");
    let mut diags = Vec::new();
    let cat = assemble(vec![a, b, c], now(), &mut diags);
    let keys: Vec<&str> = cat.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "communiques/c",
            "communiques/a-first",
            "communiques/b-second"
        ]
    );
}

fn seed_entries() -> Option<Vec<(String, Vec<Entry>)>> {
    let dir = crate::testing::shared_dir()?.join("seeds");
    let mut out = Vec::new();
    for name in [
        "press-coverage-aic.md",
        "press-coverage-eig.md",
        "press-coverage-espace-presse.md",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        // Body after the closing `---` of the front matter.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let close = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .unwrap()
            + 1;
        let body: String = lines[close + 1..].concat();
        let (entries, diags) = parse_page(Path::new(name), &body, close + 2, &Config::default());
        assert!(diags.is_empty());
        out.push((name.to_string(), entries));
    }
    Some(out)
}

#[test]
fn seeds_deduplicate() {
    // Before: aic 9 + eig 55 + espace-presse 9 = 73 articles. espace-presse repeats 7 eig
    // articles: 6 by URL (www./bare host, same path) and "La Dinum vise la parité en 2022" by
    // title + day (nextinpact.com then next.ink) → 73 − 7 = 66. aic shares nothing.
    // "Le programme … consolidé au sein du budget 2020" is dated 8 novembre 2019 in eig and
    // 8 novembre 2020 in espace-presse → 1 warning; eig's date is kept (first origin).
    let Some(seeds) = seed_entries() else { return };
    let all: Vec<Entry> = seeds.iter().flat_map(|(_, e)| e.clone()).collect();
    assert_eq!(all.len(), 73);
    let mut diags = Vec::new();
    let cat = assemble(all.clone(), now(), &mut diags);
    for d in &diags {
        println!("{d}");
    }
    assert_eq!(cat.entries.len(), 66);
    assert_eq!(diags.len(), 1);
    assert!(matches!(diags[0].problem, Problem::ConflictingDates { .. }));
    let merged = cat.entries.iter().filter(|e| !e.also_in.is_empty()).count();
    assert_eq!(merged, 7);
    // Every espace-presse article that eig also lists now carries eig's outlet.
    for e in cat.entries.iter().filter(|e| !e.also_in.is_empty()) {
        assert!(!e.article.as_ref().unwrap().outlet_from_host, "{e:#?}");
    }
    let mut keys: Vec<&str> = cat.entries.iter().map(|e| e.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 66, "ids are unique");
}

#[test]
fn input_order_does_not_matter() {
    let mut entries: Vec<Entry> = seed_entries()
        .map(|s| s.into_iter().flat_map(|(_, e)| e).collect())
        .unwrap_or_default();
    entries.push(communique("c/a.md", "x", "2023-01-01"));
    entries.push(communique("c/b.md", "x", "2023-01-02"));
    entries.push(article(
        "p.md",
        1,
        "Titre identique ici",
        "1 mars 2022",
        "https://a.fr/1",
        None,
    ));
    entries.push(article(
        "q.md",
        1,
        "Titre identique ici",
        "1 mars 2022",
        "https://b.fr/2",
        Some("B"),
    ));
    let mut base_diags = Vec::new();
    let base = assemble(entries.clone(), now(), &mut base_diags);
    for shuffled in shuffles(&entries) {
        let mut diags = Vec::new();
        let cat = assemble(shuffled, now(), &mut diags);
        assert_eq!(cat, base);
        assert_eq!(diags, base_diags);
    }
}

/// Every press listing of the real corpus through the catalog: counts and warnings printed.
#[test]
fn corpus_press_pages_merge() {
    let Some(dir) = crate::testing::shared_dir() else {
        return;
    };
    let Some(files) = crate::testing::corpus_files(|p| p.to_string_lossy().contains("presse.md"))
    else {
        return;
    };
    // Current pages only (what a site publishes), then with every `_history/` version too.
    let current: Vec<PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().contains("_history"))
        .cloned()
        .collect();
    for (label, files) in [("current pages", &current), ("with history", &files)] {
        merge_files(&dir, label, files);
    }
}

fn merge_files(dir: &Path, label: &str, files: &[PathBuf]) {
    let mut all = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let close = if lines.first().is_some_and(|l| l.trim_end() == "---") {
            lines
                .iter()
                .skip(1)
                .position(|l| l.trim_end() == "---")
                .map_or(0, |p| p + 1)
        } else {
            0
        };
        let start = if close == 0 { 0 } else { close + 1 };
        let body: String = lines[start.min(lines.len())..].concat();
        let rel = path.strip_prefix(dir).unwrap();
        let (entries, _) = parse_page(rel, &body, start + 1, &Config::default());
        all.extend(entries);
    }
    let before = all.len();
    let mut diags = Vec::new();
    let cat = assemble(all, now(), &mut diags);
    println!(
        "{label}: {} files: {before} articles → {} entries, {} warnings",
        files.len(),
        cat.entries.len(),
        diags.len()
    );
    if label == "current pages" {
        for d in &diags {
            println!("  {d}");
        }
    }
    let host_only = cat
        .entries
        .iter()
        .filter(|e| e.article.as_ref().unwrap().outlet_from_host)
        .count();
    println!("  {host_only} entries still name their outlet by host");
    assert!(cat.entries.len() < before);
}

/// The owners are hashed in memory but saved sorted: the same owners, inserted in any order,
/// give the same state file, and read back equal.
#[test]
fn owners_are_saved_sorted_and_read_back_equal() {
    let a = communique("communiques/b.md", "zeta", "2024-02-01");
    let b = communique("communiques/a.md", "alpha", "2024-02-02");
    let (mut one, mut other) = (Owners::default(), Owners::default());
    one.insert(&a);
    one.insert(&b);
    other.insert(&b);
    other.insert(&a);
    let saved = serde_json::to_string(&one).unwrap();
    assert_eq!(saved, serde_json::to_string(&other).unwrap());
    let names = [
        "file:communiques/alpha",
        "file:communiques/zeta",
        "id:communiques/alpha",
    ];
    let at: Vec<usize> = names.iter().map(|n| saved.find(n).unwrap()).collect();
    assert!(at.is_sorted(), "{saved}");
    let back: Owners = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, one);
    let mut published: Vec<(&str, &str)> = back.published().collect();
    published.sort_unstable();
    assert_eq!(
        published,
        [
            ("communiques/alpha", "communiques/a.md"),
            ("communiques/zeta", "communiques/b.md")
        ]
    );
}

/// A copy published beside its original is told on the copy: the file already online is the
/// original whatever the path order, and a memo kept between assemblies changes nothing.
#[test]
fn the_copy_is_told_not_the_file_already_online() {
    let mut original = communique("communiques/lancement.md", "lancement", "2024-02-01");
    let mut copy = communique("communiques/Copie de lancement.md", "copie", "2024-02-01");
    original.title = "Lancement de la Suite numérique".into();
    copy.title = "LANCEMENT de la suite numerique !".into();
    // The same allocations each time, so the memo's folded titles are used again.
    let entries = [original.clone(), copy.clone()].map(Arc::new);
    let told = |owners: &Owners, memo: &mut Memo| {
        let mut diagnostics = Vec::new();
        let catalog = assemble_memo(entries.clone(), now(), owners, memo, &mut diagnostics);
        assert_eq!(catalog.entries.len(), 2);
        let told: Vec<String> = diagnostics
            .iter()
            .filter_map(|d| match &d.problem {
                Problem::SameTitleAndDate { other } => {
                    Some(format!("{} ~ {other}", d.file.display()))
                }
                _ => None,
            })
            .collect();
        told
    };
    let mut memo = Memo::default();
    // First published: the first in path order is the original.
    let new = ["communiques/lancement.md ~ communiques/Copie de lancement.md"];
    assert_eq!(told(&Owners::default(), &mut memo), new);
    let mut owners = Owners::default();
    owners.insert(&original);
    let online = ["communiques/Copie de lancement.md ~ communiques/lancement.md"];
    assert_eq!(told(&owners, &mut memo), online);
    assert_eq!(told(&owners, &mut Memo::default()), online);
}
