//! A rescan pointed at a few paths (what a file event names) looks only at the files under
//! them: a folder removed takes its own files away, not a sibling whose name merely starts
//! the same way, and overlapping paths name each removed file once. The wipe guard still
//! counts what such removals withdraw, and feed files no longer produced (a tag whose last
//! entry dropped it, an archive page emptied) are removed as a clean build would have them.

use crate::support::clock::at;
use crate::support::files::{contents, write};
use crate::support::site;
use communique::Config;
use communique::pipeline::Site;
use std::fs;
use std::path::PathBuf;

fn communique(title: &str) -> String {
    tagged(title, "")
}

fn tagged(title: &str, tags: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2024-02-12T10:00:00+01:00\ncategories: [Communiqué de presse]\n\
         tags: [{tags}]\n---\n\nParis, le 12 février 2024\n\n**{title} : le chapeau.**\n\nLe corps.\n"
    )
}

#[test]
fn a_removed_folder_takes_only_its_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let out = dir.path().join("feeds");
    for (rel, title) in [
        ("communiques/lot/un.md", "Lot un"),
        ("communiques/lot/deux/trois.md", "Lot trois"),
        ("communiques/lot-2.md", "Lot deux, à côté"),
        ("communiques/lot.md", "Lot, un fichier"),
        ("communiques/lots/quatre.md", "Lots quatre"),
    ] {
        write(&releases.join(rel), &communique(title));
    }
    let mut site = Site::new(Config::default(), site::paths(&releases, &out)).unwrap();
    site.rescan().unwrap();
    site.publish(at("2024-03-01T08:00:00+01:00")).unwrap();

    fs::remove_dir_all(releases.join("communiques/lot")).unwrap();
    let changes = site
        .rescan_paths(&[PathBuf::from("communiques/lot")])
        .unwrap();
    assert_eq!(
        changes.removed,
        [
            PathBuf::from("communiques/lot/deux/trois.md"),
            PathBuf::from("communiques/lot/un.md")
        ]
    );
    assert!(changes.added.is_empty() && changes.changed.is_empty());

    // Two paths, one inside the other: each file gone is named once.
    fs::remove_file(releases.join("communiques/lot-2.md")).unwrap();
    fs::remove_dir_all(releases.join("communiques/lots")).unwrap();
    let changes = site
        .rescan_paths(&[
            PathBuf::from("communiques/lots/quatre.md"),
            PathBuf::from("communiques"),
            PathBuf::from("communiques/lots"),
        ])
        .unwrap();
    assert_eq!(
        changes.removed,
        [
            PathBuf::from("communiques/lot-2.md"),
            PathBuf::from("communiques/lots/quatre.md")
        ]
    );
    // Four of the five published entries gone at once: the wipe guard refuses, then a
    // deliberate clean-up goes through.
    let later = at("2024-03-01T08:05:00+01:00");
    let refused = site.publish(later).unwrap_err().to_string();
    assert!(refused.contains("withdraw 4 of the 5"), "{refused}");
    site.allow_withdraw(true);
    assert_eq!(
        site.publish(later).unwrap().entries,
        1,
        "communiques/lot.md is left"
    );
}

#[test]
fn feed_files_no_longer_produced_go_as_in_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let out = dir.path().join("feeds");
    for n in 0..4 {
        let rel = format!("communiques/c{n}.md");
        write(
            &releases.join(rel),
            &tagged(&format!("Communiqué {n}"), "Numérique"),
        );
    }
    write(
        &releases.join("communiques/rare.md"),
        &tagged("Le seul sur ce sujet", "Numérique, Sujet rare"),
    );
    let mut site = Site::new(site::limited(2), site::paths(&releases, &out)).unwrap();
    site.rescan().unwrap();
    let mut now = at("2024-03-01T08:00:00+01:00");
    site.publish(now).unwrap();
    let rare = out.join("tags/sujet-rare/atom.xml");
    assert!(rare.is_file(), "the tag's feed is published");
    let steps: [(&str, Option<String>); 4] = [
        // An unrelated save: the same files, none goes.
        (
            "communiques/c0.md",
            Some(tagged("Communiqué 0 corrigé", "Numérique")),
        ),
        // The tag's only entry drops it: the tag's feed goes.
        (
            "communiques/rare.md",
            Some(tagged("Le seul sur ce sujet", "Numérique")),
        ),
        // Fewer entries: an archive page of the tag's feed empties.
        ("communiques/c1.md", None),
        ("communiques/c2.md", None),
    ];
    for (rel, text) in steps {
        match &text {
            Some(text) => write(&releases.join(rel), text),
            None => fs::remove_file(releases.join(rel)).unwrap(),
        }
        site.rescan_paths(&[PathBuf::from(rel)]).unwrap();
        now += chrono::Duration::minutes(1);
        site.allow_withdraw(true);
        site.publish(now).unwrap();
        let (expected, _) = site::rebuild_from_scratch(&releases, &out, site::limited(2), now);
        let got = contents(&out);
        let extra: Vec<_> = got.keys().filter(|p| !expected.contains_key(*p)).collect();
        assert!(extra.is_empty(), "after {rel}: left behind {extra:?}");
        assert!(got == expected, "after {rel}: differs from a clean build");
    }
    assert!(!rare.exists());
}
