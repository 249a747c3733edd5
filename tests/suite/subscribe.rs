//! What journalists subscribe to besides the archives (`archives.rs`), read back by
//! independent readers: JSON Feed (feed-rs), per-tag feeds, embargo across every output,
//! and the iCalendar agenda parsed by Python's `icalendar`.

use crate::support::clock::{at, now};
use crate::support::feed::{self, ids as atom_ids, json, json_ids, links};
use crate::support::files::{self, read, write};
use crate::support::site::{FEEDS_URL, build_clean as build, limited};
use crate::support::subscribers::{built, communique, releases};
use communique::Config;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn json_feeds_carry_the_atom_ids_the_pdf_and_french() {
    let (_dir, _releases, out) = built(Config::default());
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
        let parsed = feed::read(&out.join(feed_json));
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
    let (_dir, _releases, out) = built(Config::default());
    let titles =
        |rel: &str| -> BTreeSet<String> { feed::titles(&out.join(rel)).into_iter().collect() };
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
        files::contents(out)
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
    let (_dir, _releases, out) = built(Config::default());
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
