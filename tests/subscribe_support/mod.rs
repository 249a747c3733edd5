//! Inputs and readers shared by the subscription tests: the shipped releases plus
//! hand-written ones of the same family (other words, other layouts), built with the
//! pipeline, read back with feed-rs, roxmltree and serde_json.
#![allow(dead_code)]

use crate::common;
use chrono::{DateTime, FixedOffset};
use communique::Config;
use communique::pipeline::{self, BuildReport, Paths};
use std::fs;
use std::path::{Path, PathBuf};

pub const FEEDS_URL: &str = "https://www.numerique.gouv.fr/feeds/";

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub fn now() -> DateTime<FixedOffset> {
    at("2026-11-23T12:00:00+01:00")
}

pub fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

pub fn communique(title: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\n{extra}chapeau-text: \"La DINUM annonce : {title}.\"\n---\n\n\
         Paris, le 2 février 2024\n\nLe programme avance ; les équipes, elles, recrutent.\n"
    )
}

/// The shipped releases plus hand-written communiqués (tags in several spellings) and
/// events (all-day, several days, timed across the spring DST change, month only).
pub fn releases(root: &Path) -> PathBuf {
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

pub fn build(
    releases: &Path,
    out: &Path,
    config: Config,
    now: DateTime<FixedOffset>,
) -> BuildReport {
    let paths = Paths {
        releases: releases.to_path_buf(),
        out: out.to_path_buf(),
    };
    let report = pipeline::build(config, paths, now).unwrap();
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    report
}

pub fn limited(limit: usize) -> Config {
    Config {
        feed_limit: limit,
        ..Config::default()
    }
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn local(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix(FEEDS_URL)
            .unwrap_or_else(|| panic!("not a feed URL: {url}")),
    )
}

pub fn atom_ids(path: &Path) -> Vec<String> {
    let feed = feed_rs::parser::parse(read(path).as_bytes()).unwrap();
    feed.entries.into_iter().map(|e| e.id).collect()
}

/// Links of an Atom or RSS document with `rel`, read with roxmltree (any namespace).
pub fn links(path: &Path, rel: &str) -> Vec<String> {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "link" && n.attribute("rel") == Some(rel))
        .filter_map(|n| n.attribute("href").map(str::to_string))
        .collect()
}

pub fn has_fh_archive(path: &Path) -> bool {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants().any(|n| {
        n.tag_name().name() == "archive"
            && n.tag_name().namespace() == Some("http://purl.org/syndication/history/1.0")
    })
}

/// Ids of an RSS document (guid).
pub fn rss_ids(path: &Path) -> Vec<String> {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("guid"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap()
}

pub fn json_ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}
