//! Build throughput on generated corpora of 100 / 1,000 / 10,000 releases.
//!
//! `cargo bench --bench build` (add `-- 100 1000` to choose sizes). For each size it times,
//! in one process: a clean build (every feed and PDF rendered and written), a rebuild with
//! nothing changed (nothing rendered or written), and a rebuild after one communiqué changed.
//! Not a test: it asserts nothing about time.

use chrono::DateTime;
use communique::Config;
use communique::pipeline::{self, Paths, Site};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Instant;

/// One communiqué in three, one event in ten, the rest revue-de-presse pages of 10 articles.
fn generate(dir: &Path, releases: usize) {
    for sub in ["communiques", "agenda", "revue-de-presse"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for i in 0..releases {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + (i / 336) % 10;
        match i % 10 {
            0 => fs::write(
                dir.join(format!("agenda/evenement-{i}.md")),
                format!(
                    "---\ntitle: Rencontre numéro {i}\ndate: {year}-{month:02}-{day:02} 10:00:00 +01:00\nevent_start_date: {year}-{month:02}-{day:02} 14:00:00 +01:00\nlieu: Le Lieu de la transformation publique\nadresse: 77 avenue de Ségur, 75015 Paris\nchamps_informations:\n- intitule: Horaires\n  contenu: 14h-17h30\n---\nUn après-midi d'échanges autour des communs numériques.\n"
                ),
            ),
            1 | 4 | 7 => fs::write(
                dir.join(format!("communiques/communique-{i}.md")),
                communique(i, year, month, day),
            ),
            _ => {
                let mut page = String::from("---\ntitle: Revue de presse\n---\n");
                for a in 0..10 {
                    let _ = write!(
                        page,
                        "**{day} mars {year}**\n\n[Article {i}-{a} sur la transformation numérique de l'État](https://presse.example/{i}/{a})\n\n"
                    );
                }
                fs::write(dir.join(format!("revue-de-presse/page-{i}.md")), page)
            }
        }
        .unwrap();
    }
}

fn communique(i: usize, year: usize, month: usize, day: usize) -> String {
    let paragraph = "La direction interministérielle du numérique (DINUM) accompagne les administrations dans leur transformation numérique : produits mutualisés, communs numériques, recrutement de talents et souveraineté. ";
    format!(
        "---\ntitle: \"Communiqué {i} : l'État présente sa feuille de route numérique\"\ndate: {year}-{month:02}-{day:02} 09:00:00 +01:00\ncategories:\n- Communiqué de presse\ntags:\n- Numérique\nchapeau-text: {paragraph}\n---\n{}\n### Les chiffres clés\n\n* premier point\n* second point\n\n{}\n",
        paragraph.repeat(4),
        paragraph.repeat(3)
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1_000, 10_000]
    } else {
        sizes
    };
    let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00+01:00").unwrap();
    println!("| releases | entries | PDFs | clean build | no-op rebuild | one communiqué edited |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: |");
    for size in sizes {
        let dir = tempfile::tempdir().unwrap();
        let releases = dir.path().join("releases");
        let out = dir.path().join("feeds");
        generate(&releases, size);
        let paths = Paths {
            releases: releases.clone(),
            out,
        };
        let config = Config::default();

        let started = Instant::now();
        let clean = pipeline::build(config.clone(), paths.clone(), now).unwrap();
        let clean_time = started.elapsed();

        let started = Instant::now();
        let noop = pipeline::build(config.clone(), paths.clone(), now).unwrap();
        let noop_time = started.elapsed();
        assert!(noop.written.is_empty());

        let mut site = Site::new(config, paths).unwrap();
        site.rescan().unwrap();
        site.publish(now).unwrap();
        let edited = releases.join("communiques/communique-1.md");
        let text = fs::read_to_string(&edited).unwrap();
        fs::write(
            &edited,
            text.replace("premier point", "premier point modifié"),
        )
        .unwrap();
        let started = Instant::now();
        site.rescan().unwrap();
        let incremental = site.publish(now).unwrap();
        let incremental_time = started.elapsed();

        println!(
            "| {size} | {} | {} | {:.0} ms | {:.0} ms | {:.0} ms ({} PDF re-rendered) |",
            clean.entries,
            clean.pdfs_rendered,
            clean_time.as_secs_f64() * 1e3,
            noop_time.as_secs_f64() * 1e3,
            incremental_time.as_secs_f64() * 1e3,
            incremental.pdfs_rendered
        );
    }
}
