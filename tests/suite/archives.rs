//! RFC 5005 history, read back link by link: following `prev-archive` (Atom, RSS) or
//! `next_url` (JSON Feed) from every current feed reaches every published entry; full pages
//! keep their bytes as entries are added; files no longer produced go away.

use crate::support::clock::now;
use crate::support::feed::{self, has_fh_archive, ids as atom_ids, json, json_ids, links, rss_ids};
use crate::support::files::{self, read, write};
use crate::support::site::{FEEDS_URL, build_clean as build, limited};
use crate::support::subscribers::{built, communique, local, releases};
use communique::Config;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Walks a feed's history from its current document: (current ids, each archive's ids).
fn walk(
    out: &Path,
    current: &Path,
    ids: impl Fn(&Path) -> Vec<String>,
    prev: impl Fn(&Path) -> Option<String>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut pages = Vec::new();
    let mut next = prev(current);
    while let Some(url) = next {
        let page = local(out, &url);
        assert!(page.is_file(), "{url} is linked but absent");
        pages.push(ids(&page));
        next = prev(&page);
        assert!(pages.len() < 1000, "prev-archive loops");
    }
    (ids(current), pages)
}

fn assert_complete(what: &str, walked: (Vec<String>, Vec<Vec<String>>), all: &[String]) {
    let (current, pages) = walked;
    let mut archived = BTreeSet::new();
    for page in &pages {
        for id in page {
            assert!(
                archived.insert(id.clone()),
                "{what}: {id} in two archive pages"
            );
        }
    }
    // RFC 5005: the current document may repeat the newest archived entries; a subscriber
    // deduplicates by id. Every published entry is reached, none twice within archives.
    let reached: BTreeSet<String> = archived.iter().cloned().chain(current).collect();
    let expected: BTreeSet<String> = all.iter().cloned().collect();
    assert_eq!(
        reached, expected,
        "{what}: the walk does not give every entry"
    );
}

/// Every current feed (main, kinds, tags) of an output directory.
fn current_feeds(out: &Path) -> Vec<PathBuf> {
    files::files_below(out)
        .into_iter()
        .filter(|p| p.ends_with("atom.xml") && !p.components().any(|c| c.as_os_str() == "archive"))
        .collect()
}

#[test]
fn following_prev_archive_from_every_current_feed_yields_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let (paged, whole) = (dir.path().join("paged"), dir.path().join("whole"));
    build(&releases, &paged, limited(4), now());
    build(&releases, &whole, limited(0), now());
    let feeds = current_feeds(&paged);
    assert!(feeds.len() >= 8, "{feeds:?}");
    assert_eq!(feeds, current_feeds(&whole));
    let mut archives = 0;
    for atom in feeds {
        let dir = atom.parent().unwrap_or(Path::new(""));
        let all = atom_ids(&whole.join(&atom));
        assert_eq!(all.len(), all.iter().collect::<BTreeSet<_>>().len());
        let first = |p: &Path, rel: &str| links(p, rel).into_iter().next();
        let walked = walk(&paged, &paged.join(&atom), atom_ids, |p| {
            first(p, "prev-archive")
        });
        archives += walked.1.len();
        assert!(walked.0.len() <= 4);
        assert_complete(&format!("{} (Atom)", atom.display()), walked, &all);
        let rss = paged.join(dir).join("rss.xml");
        let walked = walk(&paged, &rss, rss_ids, |p| first(p, "prev-archive"));
        assert_complete(&format!("{} (RSS)", rss.display()), walked, &all);
        let feed_json = paged.join(dir).join("feed.json");
        let next = |p: &Path| json(p)["next_url"].as_str().map(str::to_string);
        let walked = walk(&paged, &feed_json, |p| json_ids(&json(p)), next);
        assert_complete(&format!("{} (JSON)", feed_json.display()), walked, &all);
    }
    assert!(
        archives > 10,
        "too few archive pages to test anything: {archives}"
    );
}

#[test]
fn archive_pages_are_marked_linked_both_ways_and_hold_oldest_entries_first() {
    let (dir, releases, out) = built(limited(4));
    let first = out.join("archive/1/atom.xml");
    let second = out.join("archive/2/atom.xml");
    assert!(has_fh_archive(&first) && has_fh_archive(&out.join("archive/1/rss.xml")));
    assert!(!has_fh_archive(&out.join("atom.xml")));
    assert_eq!(links(&first, "current"), [format!("{FEEDS_URL}atom.xml")]);
    assert_eq!(
        links(&first, "next-archive"),
        [format!("{FEEDS_URL}archive/2/atom.xml")]
    );
    assert!(links(&first, "prev-archive").is_empty());
    assert_eq!(
        links(&second, "prev-archive"),
        [format!("{FEEDS_URL}archive/1/atom.xml")]
    );
    assert_eq!(
        links(&first, "self"),
        [format!("{FEEDS_URL}archive/1/atom.xml")]
    );
    // Page 1 holds the 4 OLDEST entries of the whole feed.
    let whole = dir.path().join("whole");
    build(&releases, &whole, limited(0), now());
    let all = atom_ids(&whole.join("atom.xml"));
    let oldest: BTreeSet<String> = all[all.len() - 4..].iter().cloned().collect();
    let page: BTreeSet<String> = atom_ids(&first).into_iter().collect();
    assert_eq!(page, oldest);
    // Every archive and current document is well-formed JSON Feed for an independent reader.
    let mut json_feeds = 0;
    for rel in files::files_below(&out) {
        if rel.ends_with("feed.json") {
            let feed = feed::read(&out.join(&rel));
            assert!(!feed.entries.is_empty(), "{}", rel.display());
            json_feeds += 1;
        }
    }
    // The main feed's pages alone: the current document and two archives.
    assert!(json_feeds >= 3, "{json_feeds} JSON Feed documents");
}

#[test]
fn a_new_entry_touches_only_the_current_documents_and_at_most_one_new_page() {
    let (_dir, releases, out) = built(limited(3));
    let archives = |out: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        files::contents(out)
            .into_iter()
            .filter(|(p, _)| p.components().any(|c| c.as_os_str() == "archive"))
            .collect()
    };
    let mut before = archives(&out);
    assert!(before.len() > 30);
    for n in 0..4 {
        let name = format!("nouveau-{n}.md");
        let date = format!("2026-11-2{n} 09:00:00 +01:00");
        let text = communique(
            &format!("Nouvelle annonce n° {n}"),
            &date,
            "tags: [Données]\n",
        );
        write(&releases.join("communiques").join(name), &text);
        build(&releases, &out, limited(3), now());
        let after = archives(&out);
        for (path, bytes) in &before {
            assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
        }
        // A page fills for the main feed, the communiqués and the tag "Données" at most.
        let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
        assert!(new.len() <= 3 * 3, "{new:?}");
        before = after;
    }
}

#[test]
fn feeds_no_longer_produced_are_removed_so_the_output_equals_a_clean_build() {
    let (_dir, releases, out) = built(limited(3));
    assert!(
        out.join("tags/intelligence-artificielle/atom.xml")
            .is_file()
    );
    // The tag goes from both files; a communiqué is withdrawn, so every history shortens.
    for name in ["ia-1.md", "ia-2.md"] {
        let path = releases.join("communiques").join(name);
        let text = read(&path).replace("Intelligence artificielle, ", "");
        let text = text.replace("  - intelligence   ARTIFICIELLE\n", "");
        fs::write(&path, text).unwrap();
    }
    fs::remove_file(releases.join("communiques/donnees.md")).unwrap();
    let report = build(&releases, &out, limited(3), now());
    assert!(
        report
            .removed
            .contains(&PathBuf::from("tags/intelligence-artificielle/atom.xml")),
        "{:?}",
        report.removed
    );
    // A rebuild from scratch with the same remembered state (corrections keep their date).
    let (right, _) = crate::support::site::rebuild_from_scratch(&releases, &out, limited(3), now());
    let left = files::contents(&out);
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        right.keys().collect::<Vec<_>>()
    );
    assert!(left == right, "same files, different bytes");
    assert!(
        !left
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Ouverture des données"))
    );
}

#[test]
fn with_the_default_limit_archive_pages_hold_25_entries_and_the_current_feed_100() {
    let (_dir, _releases, out) = built(Config::default());
    // 66 articles in the shipped press pages: two full pages of 25, all 66 current.
    let review = out.join("revue-de-presse");
    assert_eq!(atom_ids(&review.join("atom.xml")).len(), 66);
    assert_eq!(atom_ids(&review.join("archive/1/atom.xml")).len(), 25);
    assert_eq!(atom_ids(&review.join("archive/2/atom.xml")).len(), 25);
    assert!(!review.join("archive/3").exists());
    assert_eq!(
        links(&review.join("atom.xml"), "prev-archive"),
        [format!("{FEEDS_URL}revue-de-presse/archive/2/atom.xml")]
    );
    // A feed with fewer than 25 entries has no archive.
    assert!(!out.join("communiques/archive").exists());
}
