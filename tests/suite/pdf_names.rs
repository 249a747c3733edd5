//! PDF file names: two long file names sharing their first 120 characters give two PDFs,
//! each named from whole words of the file name; the feed links each communiqué to its own.

use crate::support::clock::at;
use crate::support::site;
use communique::Config;
use std::fs;

#[test]
fn long_names_sharing_a_beginning_give_two_pdfs_cut_between_words() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases/communiques");
    fs::create_dir_all(&releases).unwrap();
    let common = "femmes-et-numerique-la-direction-du-numerique-de-letat-publie-une-serie-de-11-temoignages-pour-valoriser-soutenir-et-accelerer";
    for (suffix, title) in [("les-parcours", "Parcours"), ("les-carrieres", "Carrières")] {
        fs::write(
            releases.join(format!("{common}-{suffix}-des-femmes.md")),
            format!("---\ntitle: {title}\ndate: 2024-03-08\n---\n\nCorps du communiqué.\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    let now = at("2026-01-01T00:00:00+01:00");
    let report = site::build(&dir.path().join("releases"), &out, Config::default(), now);
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        report.diagnostics
    );
    let mut pdfs: Vec<String> = fs::read_dir(out.join("pdf"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 2, "{pdfs:?}");
    for pdf in &pdfs {
        let stem = pdf.strip_suffix(".pdf").unwrap();
        assert!(stem.len() <= 120, "{pdf}");
        let (words, hash) = stem.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 8, "{pdf}");
        assert!(
            common.starts_with(&format!("{words}-")),
            "cut inside a word: {pdf}"
        );
    }
    let atom = fs::read_to_string(out.join("communiques/atom.xml")).unwrap();
    for pdf in &pdfs {
        assert!(
            atom.contains(&format!("/feeds/pdf/{pdf}")),
            "{pdf} not linked"
        );
    }
}
