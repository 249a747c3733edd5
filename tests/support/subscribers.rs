//! The subscription tests' site: the shipped releases plus hand-written releases of the
//! same family (other words, other layouts, tags in several spellings, events of every
//! shape).

use super::clock::now;
use super::files::{copy_tree, write};
use super::site::{FEEDS_URL, build_clean, releases_dir};
use communique::Config;
use std::path::{Path, PathBuf};

/// A communiqué with `extra` front-matter lines.
pub(crate) fn communique(title: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\n{extra}chapeau-text: \"La DINUM annonce : {title}.\"\n---\n\n\
         Paris, le 2 février 2024\n\nLe programme avance ; les équipes, elles, recrutent.\n"
    )
}

/// The shipped releases plus hand-written communiqués (tags in several spellings) and
/// events (all-day, several days, timed across the spring DST change, month only).
pub(crate) fn releases(root: &Path) -> PathBuf {
    let releases = root.join("releases");
    copy_tree(&releases_dir(), &releases);
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

/// The site built with `config` at `now()` into `feeds/` of a new folder: the folder (removed
/// when dropped), its releases and its output.
pub(crate) fn built(config: Config) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let releases = releases(dir.path());
    let out = dir.path().join("feeds");
    build_clean(&releases, &out, config, now());
    (dir, releases, out)
}

/// The file in `out` that a feed URL names.
pub(crate) fn local(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix(FEEDS_URL)
            .unwrap_or_else(|| panic!("not a feed URL: {url}")),
    )
}
