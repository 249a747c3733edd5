//! What journalists subscribe to, read back by independent readers: JSON Feed (feed-rs),
//! RFC 5005 archives walked link by link, per-tag feeds, and the iCalendar agenda parsed by
//! Python's `icalendar`. Inputs are the shipped releases plus hand-written ones of the same
//! family (other words, other layouts).

mod common;

use chrono::{DateTime, FixedOffset};
use communique::Config;
use communique::pipeline::{self, BuildReport, Paths};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const FEEDS_URL: &str = "https://www.numerique.gouv.fr/feeds/";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("2026-11-23T12:00:00+01:00")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn communique(title: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\n{extra}chapeau-text: \"La DINUM annonce : {title}.\"\n---\n\n\
         Paris, le 2 février 2024\n\nLe programme avance ; les équipes, elles, recrutent.\n"
    )
}

/// The shipped releases plus hand-written communiqués (tags in several spellings) and
/// events (all-day, several days, timed across the spring DST change, month only).
fn releases(root: &Path) -> PathBuf {
    let releases = root.join("releases");
    common::copy_tree(&common::releases_dir(), &releases);
    let c = releases.join("communiques");
    write(
        &c.join("ia-1.md"),
        &communique(
            "Albert, l'IA souveraine",
            "2024-02-02 09:00:00 +01:00",
            "categories: [Communiqué de presse]\ntags: [Intelligence artificielle, Données]\n",
        ),
    );
    write(
        &c.join("ia-2.md"),
        &communique(
            "Un an d'Albert",
            "2025-02-03 10:30:00 +01:00",
            "categories: Dossier de presse\ntags:\n  - intelligence   ARTIFICIELLE\n  - \"Souveraineté, cloud\"\n",
        ),
    );
    write(
        &c.join("donnees.md"),
        &communique(
            "Ouverture des données de l'État",
            "2024-10-01",
            "mots-cles: [Données]\n",
        ),
    );
    let a = releases.join("agenda");
    write(
        &a.join("salon.md"),
        "---\ntitle: \"Salon des communs ; 2e édition, à Lyon\"\ndate: 2024-01-10 10:00:00 +01:00\n\
         event_start_date: 2024-06-10\nevent_end_date: 2024-06-12\nlieu: \"Halle Tony-Garnier; hall B\"\n\
         adresse: \"20, place des Docteurs-Charles-et-Christophe-Mérieux, 69007 Lyon\"\n\
         chapeau-text: \"Trois jours \\\\ d'ateliers, de tables rondes et de démonstrations autour des communs numériques, ouverts à toutes et à tous — inscription conseillée.\"\n---\n\nProgramme à venir.\n",
    );
    write(
        &a.join("nuit.md"),
        "---\ntitle: Hackathon de la nuit du changement d'heure\ndate: 2024-03-01 10:00:00 +01:00\n\
         event_start_date: 2024-03-31 01:30:00 +01:00\nevent_end_date: 2024-03-31 04:00:00 +02:00\n\
         lieu: Ségur\n---\n\nToute la nuit.\n",
    );
    write(
        &a.join("journee.md"),
        "---\ntitle: Journée portes ouvertes\ndate: 2024-04-02 10:00:00 +02:00\n\
         event_start_date: 2024-09-21\n---\n\nVenez nombreux.\n",
    );
    releases
}

fn build(releases: &Path, out: &Path, config: Config, now: DateTime<FixedOffset>) -> BuildReport {
    let paths = Paths {
        releases: releases.to_path_buf(),
        out: out.to_path_buf(),
    };
    let report = pipeline::build(config, paths, now).unwrap();
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    report
}

fn limited(limit: usize) -> Config {
    Config {
        feed_limit: limit,
        ..Config::default()
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn local(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix(FEEDS_URL)
            .unwrap_or_else(|| panic!("not a feed URL: {url}")),
    )
}

fn atom_ids(path: &Path) -> Vec<String> {
    let feed = feed_rs::parser::parse(read(path).as_bytes()).unwrap();
    feed.entries.into_iter().map(|e| e.id).collect()
}

/// Links of an Atom or RSS document with `rel`, read with roxmltree (any namespace).
fn links(path: &Path, rel: &str) -> Vec<String> {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some(rel))
        .filter_map(|n| n.attribute("href").map(str::to_string))
        .collect()
}

fn has_fh_archive(path: &Path) -> bool {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants().any(|n| {
        n.tag_name().name() == "archive"
            && n.tag_name().namespace() == Some("http://purl.org/syndication/history/1.0")
    })
}

/// Ids of an RSS document (guid).
fn rss_ids(path: &Path) -> Vec<String> {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("guid"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap()
}

fn json_ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

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
    common::files_below(out)
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
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, limited(4), now());
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
    for rel in common::files_below(&out) {
        if rel.ends_with("feed.json") {
            let text = read(&out.join(&rel));
            let feed = feed_rs::parser::parse(text.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            assert!(!feed.entries.is_empty(), "{}", rel.display());
        }
    }
}

#[test]
fn a_new_entry_touches_only_the_current_documents_and_at_most_one_new_page() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, limited(3), now());
    let archives = |out: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        common::contents(out)
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
fn json_feeds_carry_the_atom_ids_the_pdf_and_french() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, Config::default(), now());
    for (atom, feed_json) in [
        ("atom.xml", "feed.json"),
        ("communiques/atom.xml", "communiques/feed.json"),
        ("agenda/atom.xml", "agenda/feed.json"),
        ("revue-de-presse/atom.xml", "revue-de-presse/feed.json"),
    ] {
        let value = json(&out.join(feed_json));
        assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(value["language"], "fr");
        assert_eq!(value["feed_url"], format!("{FEEDS_URL}{feed_json}"));
        assert_eq!(json_ids(&value), atom_ids(&out.join(atom)), "{feed_json}");
        // feed-rs reads JSON Feed too.
        let parsed = feed_rs::parser::parse(read(&out.join(feed_json)).as_bytes()).unwrap();
        assert_eq!(parsed.entries.len(), json_ids(&value).len());
        // The Atom and RSS siblings point at it.
        let alternate = links(&out.join(atom), "alternate");
        assert!(
            alternate.contains(&format!("{FEEDS_URL}{feed_json}")),
            "{alternate:?}"
        );
        let rss = out.join(atom.replace("atom.xml", "rss.xml"));
        assert!(links(&rss, "alternate").contains(&format!("{FEEDS_URL}{feed_json}")));
    }
    let value = json(&out.join("communiques/feed.json"));
    let nec = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with("communique-nec-2023"))
        .unwrap();
    let pdf_len = fs::metadata(out.join("pdf/communique-nec-2023.pdf"))
        .unwrap()
        .len();
    let attachment = &nec["attachments"][0];
    assert_eq!(attachment["mime_type"], "application/pdf");
    assert_eq!(attachment["size_in_bytes"], pdf_len);
    assert_eq!(
        attachment["url"],
        format!("{FEEDS_URL}pdf/communique-nec-2023.pdf")
    );
    assert!(nec["content_html"].as_str().unwrap().contains("<p>"));
    assert!(!nec["summary"].as_str().unwrap().contains('<'));
    assert!(
        nec["date_published"]
            .as_str()
            .unwrap()
            .starts_with("2023-09-12")
    );
    assert!(nec["date_modified"].is_string());
    assert!(!nec["authors"][0]["name"].as_str().unwrap().is_empty());
    let tags: Vec<&str> = nec["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(tags.contains(&"Communiqué de presse"), "{tags:?}");
}

#[test]
fn each_tag_and_category_in_use_has_its_feeds_with_exactly_its_entries() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, Config::default(), now());
    let titles = |rel: &str| -> BTreeSet<String> {
        let feed = feed_rs::parser::parse(read(&out.join(rel)).as_bytes()).unwrap();
        feed.entries
            .into_iter()
            .map(|e| e.title.unwrap().content)
            .collect()
    };
    let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    // "Intelligence artificielle" and "intelligence   ARTIFICIELLE" are one slug.
    assert_eq!(
        titles("tags/intelligence-artificielle/atom.xml"),
        set(&["Albert, l'IA souveraine", "Un an d'Albert"])
    );
    assert_eq!(
        titles("tags/donnees/rss.xml"),
        set(&["Albert, l'IA souveraine", "Ouverture des données de l'État"])
    );
    assert_eq!(
        titles("tags/souverainete-cloud/feed.json"),
        set(&["Un an d'Albert"])
    );
    assert_eq!(
        titles("tags/dossier-de-presse/atom.xml"),
        set(&["Un an d'Albert"])
    );
    assert!(titles("tags/communique-de-presse/atom.xml").contains("Albert, l'IA souveraine"));
    let atom = read(&out.join("tags/donnees/atom.xml"));
    assert!(atom.contains("<id>tag:numerique.gouv.fr,2023:feed/tags/donnees</id>"));
    assert!(
        links(&out.join("tags/donnees/atom.xml"), "self")
            == [format!("{FEEDS_URL}tags/donnees/atom.xml")]
    );
    // No tag folder for words nobody used.
    let tags: BTreeSet<String> = fs::read_dir(out.join("tags"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        tags,
        set(&[
            "communique-de-presse",
            "donnees",
            "dossier-de-presse",
            "intelligence-artificielle",
            "souverainete-cloud"
        ])
    );
}

#[test]
fn an_embargoed_entry_is_in_no_file_before_its_instant() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    write(
        &releases.join("communiques/secret.md"),
        &communique(
            "Annonce Zorglub tenue secrète",
            "2026-12-01 08:00:00 +01:00",
            "embargo: 2026-12-01 08:00:00 +01:00\ntags: [Zorglub]\n",
        ),
    );
    write(
        &releases.join("agenda/secret.md"),
        "---\ntitle: Conférence Zorglub\ndate: 2026-11-01 10:00:00 +01:00\nembargo: 2026-12-01 08:00:00 +01:00\n\
         event_start_date: 2027-01-15 10:00:00 +01:00\n---\n\nZorglub.\n",
    );
    let out = dir.path().join("feeds");
    let leaks = |out: &Path| -> Vec<PathBuf> {
        common::contents(out)
            .into_iter()
            .filter(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .to_lowercase()
                    .contains("zorglub")
            })
            .map(|(path, _)| path)
            .collect()
    };
    build(&releases, &out, limited(3), now());
    assert_eq!(leaks(&out), Vec::<PathBuf>::new());
    assert!(!out.join("tags/zorglub").exists());
    build(&releases, &out, limited(3), at("2026-12-01T08:00:00+01:00"));
    let found = leaks(&out);
    for expected in [
        "atom.xml",
        "feed.json",
        "agenda/agenda.ics",
        "index.html",
        "tags/zorglub/rss.xml",
    ] {
        assert!(
            found.contains(&PathBuf::from(expected)),
            "{expected} not in {found:?}"
        );
    }
}

/// Runs Python's `icalendar` on the agenda: `None` (with a SKIP line) when it is absent.
fn python_icalendar(ics: &Path) -> Option<serde_json::Value> {
    const SCRIPT: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = []
for ev in cal.walk('VEVENT'):
    def when(name):
        prop = ev.get(name)
        if prop is None:
            return None
        v = prop.dt
        return {'value': v.isoformat(), 'tzid': prop.params.get('TZID'), 'type': type(v).__name__}
    events.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']),
                   'location': str(ev.get('LOCATION', '')), 'description': str(ev.get('DESCRIPTION', '')),
                   'url': str(ev.get('URL', '')), 'start': when('DTSTART'), 'end': when('DTEND'),
                   'stamp': ev.get('DTSTAMP') is not None})
zones = [str(tz['TZID']) for tz in cal.walk('VTIMEZONE')]
print(json.dumps({'events': events, 'zones': zones, 'version': str(cal['VERSION'])}))
"#;
    let run = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(ics)
        .output();
    match run {
        Ok(output) if output.status.success() => {
            Some(serde_json::from_slice(&output.stdout).unwrap())
        }
        Ok(output) if String::from_utf8_lossy(&output.stderr).contains("No module named") => {
            eprintln!(
                "SKIP: Python `icalendar` is absent (pip install icalendar); agenda.ics not parsed"
            );
            None
        }
        Ok(output) => panic!(
            "icalendar refused the agenda: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => {
            eprintln!("SKIP: python3 is absent; agenda.ics not parsed");
            None
        }
    }
}

#[test]
fn the_agenda_is_valid_icalendar_with_paris_times_and_all_day_dates() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, Config::default(), now());
    let ics = out.join("agenda/agenda.ics");
    let bytes = fs::read(&ics).unwrap();
    // Lines end in CRLF and hold at most 75 octets; no bare LF.
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    // The agenda feeds point at it.
    for feed in ["agenda/atom.xml", "agenda/rss.xml"] {
        let alternates = links(&out.join(feed), "alternate");
        assert!(
            alternates.contains(&format!("{FEEDS_URL}agenda/agenda.ics")),
            "{feed}"
        );
    }
    let Some(cal) = python_icalendar(&ics) else {
        return;
    };
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["zones"], serde_json::json!(["Europe/Paris"]));
    let events = cal["events"].as_array().unwrap();
    let event = |summary: &str| {
        events
            .iter()
            .find(|e| e["summary"].as_str().unwrap().starts_with(summary))
            .unwrap_or_else(|| panic!("no event {summary} in {events:#?}"))
    };
    // The shipped event, in Paris time.
    let shipped = event("Vers un Etat-Partenaire");
    assert_eq!(shipped["start"]["value"], "2023-05-10T14:00:00+02:00");
    assert_eq!(shipped["start"]["tzid"], "Europe/Paris");
    assert_eq!(
        shipped["uid"],
        "tag:numerique.gouv.fr,2023:agenda/vers-un-etat-partenaire-des-communs-numeriques"
    );
    assert!(
        shipped["location"]
            .as_str()
            .unwrap()
            .contains("77 avenue de Ségur, 75015 Paris")
    );
    assert!(
        shipped["description"]
            .as_str()
            .unwrap()
            .contains("Horaires : 14h-17h30")
    );
    assert!(
        shipped["url"]
            .as_str()
            .unwrap()
            .starts_with("https://www.numerique.gouv.fr/agenda/")
    );
    assert!(shipped["stamp"].as_bool().unwrap());
    // Three days, all-day: DATE values, DTEND the day after the last (exclusive).
    let salon = event("Salon des communs");
    assert_eq!(salon["summary"], "Salon des communs ; 2e édition, à Lyon");
    assert_eq!(salon["start"]["type"], "date");
    assert_eq!(salon["start"]["value"], "2024-06-10");
    assert_eq!(salon["end"]["value"], "2024-06-13");
    assert_eq!(
        salon["location"],
        "Halle Tony-Garnier; hall B, 20, place des Docteurs-Charles-et-Christophe-Mérieux, 69007 Lyon"
    );
    assert!(
        salon["description"]
            .as_str()
            .unwrap()
            .contains("Trois jours \\ d'ateliers")
    );
    let day = event("Journée portes ouvertes");
    assert_eq!(
        (day["start"]["value"].as_str(), day["end"]["value"].as_str()),
        (Some("2024-09-21"), Some("2024-09-22"))
    );
    // Across the spring DST change: the zone's rules give the right offsets.
    let night = event("Hackathon");
    assert_eq!(night["start"]["value"], "2024-03-31T01:30:00+01:00");
    assert_eq!(night["end"]["value"], "2024-03-31T04:00:00+02:00");
    assert_eq!(events.len(), 4, "{events:#?}");
}

#[test]
fn feeds_no_longer_produced_are_removed_so_the_output_equals_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, limited(3), now());
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
    let clean = dir.path().join("clean");
    build(&releases, &clean, limited(3), now());
    let without_manifest = |dir: &Path| {
        let mut files = common::contents(dir);
        files.remove(Path::new(".communique-manifest.json"));
        files
    };
    let (left, right) = (without_manifest(&out), without_manifest(&clean));
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
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build(&releases, &out, Config::default(), now());
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
