//! What a screen-reader user and a paper reader check in a PDF communiqué: tables, images,
//! notes, code, HTML, emphasis and headings in the structure tree (pdfinfo -struct-text, qpdf),
//! the contact block and its link on every page, the page limit, and the pipeline's
//! diagnostics. Release files are written here by hand.

use crate::support::clock::now;
use crate::support::pdf::*;
use crate::support::site;
use communique::Config;
use communique::pdf::{self, PdfError};

#[test]
fn tables_are_ruled_and_tagged() {
    let body = "Résultats :\n\n| Indicateur | 2023 | 2024 |\n| --- | ---: | ---: |\n| Démarches en ligne | 1 250 | 1 480 |\n| Taux de satisfaction | 82 % | 87 % |\n\n\
        <table><tr><th>Ville</th><th>Agents</th></tr><tr><td>Lyon &amp; Villeurbanne</td><td>320</td></tr></table>\n";
    let path = pdf_of("tables", "", body);
    let Some(raw) = text_of(&path) else { return };
    assert!(!raw.contains('|'), "pipes printed:\n{raw}");
    assert!(raw.contains("Lyon & Villeurbanne"), "{raw}");
    let Some(tree) = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]) else {
        return;
    };
    let count = |tag: &str| {
        tree.lines()
            .filter(|l| l.trim().trim_end_matches(':').split(' ').next() == Some(tag))
            .count()
    };
    assert_eq!(count("Table"), 2, "{tree}");
    assert_eq!(count("TR"), 5, "{tree}");
    assert_eq!(count("TH"), 5, "{tree}");
    assert_eq!(count("TD"), 8, "{tree}");
    assert!(tree.contains("/Scope /Column"), "{tree}");
    for cell in ["\"Indicateur\"", "\"Taux de satisfaction\"", "\"Agents\""] {
        assert!(tree.contains(cell), "{cell} in\n{tree}");
    }
}

/// A row taller than a page is not drawn off the page: its cells follow one another as text.
#[test]
fn a_row_taller_than_a_page_keeps_all_its_text() {
    let long = (0..900)
        .map(|i| format!("mot{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let body = format!("| Court | Long |\n|---|---|\n| a | {long} findecellule |\n| b | c |\n");
    let path = pdf_of("tall-row", "", &body);
    let Some(raw) = text_of(&path) else { return };
    let flat = joined(&raw).replace('\n', " ");
    assert!(
        flat.contains("mot0") && flat.contains("mot899 findecellule"),
        "{flat}"
    );
    let Some(bbox) = tool("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]) else {
        return;
    };
    // Every word sits inside the page (A4 is 842 points high).
    for line in bbox.lines().filter(|l| l.contains("<word")) {
        let y_max: f32 = line
            .split("yMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(y_max < 842.0, "{line}");
    }
}

/// A table continued on another page shows its header row again there, as an artifact: a
/// screen reader meets the header cells once.
#[test]
fn long_tables_repeat_their_header_row() {
    let mut body = String::from("| Commune | Agents formés |\n|---|--:|\n");
    for i in 0..90 {
        body.push_str(&format!("| Commune numéro {i} | {} |\n", 100 + i));
    }
    let path = pdf_of("long-table", "", &body);
    let Some(raw) = text_of(&path) else { return };
    let pages: Vec<&str> = raw
        .split('\u{c}')
        .filter(|p| p.contains("CONTACT PRESSE"))
        .collect();
    assert!(pages.len() >= 2, "{raw}");
    for page in &pages {
        assert!(
            page.contains("Agents formés"),
            "header row missing on a page:\n{page}"
        );
    }
    let Some(tree) = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]) else {
        return;
    };
    assert_eq!(tree.matches("\"Agents formés\"").count(), 1, "{tree}");
    assert!(tree.contains("\"Commune numéro 89\""), "{tree}");
}

#[test]
fn images_footnotes_code_html_and_emphasis() {
    let dir = releases("rich");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let front =
        "une-ou-diaporama:\n- image: logo.png\n  alternative-textuelle: Bannière bleue et rouge\n";
    let body = "Une image :\n\n![Logo de la DINUM](logo.png)\n\nEt une absente : ![Carte des sites](/uploads/carte.png) ici.\n\n\
        Voir ![Photo du salon](https://exemple.fr/salon.jpg) en ligne.\n\n\
        Le texte a une note[^a] et une autre[^deux], un lien [Mednum](https://lamednum.coop/) et **gras** puis *italique*.\n\n\
        [^a]: Première note, avec **du gras**.\n[^deux]: Seconde note.\n\n\
        ```\nfn main() {\n    println!(\"{id: .id}\");\n}\n```\n\n\
        <div><p>Entités &mdash; &rsquo; &eacute;t&eacute; &amp; co.</p><script>alert('x')</script><style>p{color:red}</style>\
        <p>Voir <a href=\"https://www.info.gouv.fr/\">le portail</a>.</p></div>\n";
    let entry = load(&dir, front, body);
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    // The `/uploads/` image (no assets folder) and the remote one are reported, not lost.
    let missing: Vec<&str> = rendered
        .missing_images
        .iter()
        .map(|m| m.src.as_str())
        .collect();
    assert_eq!(
        missing,
        ["/uploads/carte.png", "https://exemple.fr/salon.jpg"]
    );
    let path = dir.join("rich.pdf");
    std::fs::write(&path, &rendered.bytes).unwrap();
    let Some(raw) = text_of(&path) else { return };
    let t = raw.replace('\n', " ");
    for want in [
        "[Image : Carte des sites]",
        // A remote image's alt text stays in its line.
        "Voir [Image : Photo du salon] en ligne.",
        "note1",
        "autre2",
        "Mednum3",
        "Notes",
        "Première note, avec du gras.",
        "Seconde note.",
        "https://lamednum.coop/",
        "println!(\"{id: .id}\");",
        "Entités — ’ été & co.",
        "le portail4",
    ] {
        assert!(t.contains(want), "{want:?} missing in:\n{raw}");
    }
    assert!(
        !t.contains("alert") && !t.contains("color:red"),
        "script or style printed:\n{raw}"
    );
    assert!(!t.contains("[^"), "raw footnote:\n{raw}");
    let Some(tree) = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]) else {
        return;
    };
    assert_eq!(
        tree.matches("Figure").count(),
        2,
        "lead image and body image:\n{tree}"
    );
    assert!(tree.contains("Note"), "{tree}");
    assert!(tree.contains("Code"), "{tree}");
    let Some(urls) = tool("pdfinfo", &["-url", path.to_str().unwrap()]) else {
        return;
    };
    assert!(
        urls.contains("https://www.info.gouv.fr/"),
        "HTML link lost:\n{urls}"
    );
    assert!(urls.contains("https://lamednum.coop/"), "{urls}");
    let Some(fonts) = tool("pdffonts", &[path.to_str().unwrap()]) else {
        return;
    };
    assert!(
        fonts.contains("LiberationMono"),
        "code not in the monospace face:\n{fonts}"
    );
    // Strong and Em are role-mapped to Span, so read the raw structure types.
    let Some(q) = qdf(&path) else {
        return;
    };
    assert!(q.contains("/S /Strong"), "bold not tagged Strong");
    assert!(q.contains("/S /Em"), "italic not tagged Em");
    assert!(q.contains("/S /Note"), "notes not tagged Note");
    // Four notes (two footnotes, two link addresses): each call goes to its note and
    // each note's number back to its call.
    let internal = q
        .split("endobj")
        .filter(|o| o.contains("/Subtype /Link") && o.contains("/Dest"))
        .count();
    assert_eq!(internal, 8, "links between calls and notes");
}

/// A lead image (`une-ou-diaporama`) that cannot be read is reported; no placeholder opens
/// the page.
#[test]
fn a_missing_lead_image_is_reported_not_printed() {
    let dir = releases("lead");
    let front =
        "une-ou-diaporama:\n- image: /uploads/une.jpg\n  alternative-textuelle: Photo du salon\n";
    let entry = load(&dir, front, "Le texte seul.");
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    assert_eq!(rendered.missing_images.len(), 1);
    let warnings = pdf::image_warnings(&entry, &dir, &rendered.missing_images);
    assert_eq!(warnings[0].line, 7, "{}", warnings[0]);
    assert!(warnings[0].to_string().contains("/uploads/une.jpg"));
    let path = dir.join("lead.pdf");
    std::fs::write(&path, rendered.bytes).unwrap();
    let Some(raw) = text_of(&path) else { return };
    assert!(
        !raw.contains("[Image") && raw.contains("Le texte seul."),
        "{raw}"
    );
}

#[test]
fn headings_contact_and_footer_links_on_every_page() {
    let filler = "Texte courant pour remplir la page et passer à la suivante. ".repeat(40);
    let body = format!(
        "## Deux\n\n{filler}\n\n#### Quatre\n\n{filler}\n\n### Trois\n\n{filler}\n\n{filler}"
    );
    let path = pdf_of("headings", "", &body);
    let Some(tree) = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]) else {
        return;
    };
    let order: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.trim_start().split_once(' ').map(|(k, _)| k))
        .filter(|k| k.len() == 2 && k.starts_with('H'))
        .collect();
    assert_eq!(order, ["H1", "H2", "H3", "H3", "H2"], "{tree}");
    assert!(tree.contains("\"CONTACT PRESSE\""), "{tree}");
    let Some(info) = tool("pdfinfo", &[path.to_str().unwrap()]) else {
        return;
    };
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{info}");
    let Some(urls) = tool("pdfinfo", &["-url", path.to_str().unwrap()]) else {
        return;
    };
    let mailto_pages: Vec<&str> = urls
        .lines()
        .filter(|l| l.contains("mailto:"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let expected: Vec<String> = (1..=pages).map(|p| p.to_string()).collect();
    assert_eq!(mailto_pages, expected, "{urls}");
}

#[test]
fn page_limit_stops_early_with_a_clear_error() {
    let dir = releases("limit");
    let body = "# Titre\n\n".repeat(40_000);
    let entry = load(&dir, "", &body);
    let mut config = Config::default();
    config.pdf.max_pages = 20;
    match render_in(&dir, &entry, &config) {
        Err(err @ PdfError::TooManyPages { limit: 20 }) => {
            let d = pdf::error_diagnostic(&entry, &dir, err);
            assert!(d.to_string().contains("20 pages"), "{d}");
            assert!(d.to_string().contains("max-pages"), "{d}");
        }
        Err(other) => panic!("{other}"),
        Ok(r) => panic!("{} bytes rendered past the limit", r.bytes.len()),
    }
}

/// Through the pipeline: a refused PDF is an error located in its file, a missing image a
/// warning, and the other communiqués still get their PDFs.
#[test]
fn build_reports_pdf_problems_per_file() {
    let dir = releases("build");
    let write = |name: &str, body: &str| {
        let text = format!(
            "---\ntitle: \"{name}\"\ndate: 2024-03-12 10:00:00 +01:00\ncategories:\n- Communiqué de presse\n---\n{body}\n"
        );
        std::fs::write(dir.join(format!("communiques/{name}.md")), text).unwrap();
    };
    write("bon", "Un texte ordinaire avec ![Schéma](schema.png).");
    write("cjk", "Ligne un.\n\nLigne avec 東京.");
    let out = dir.join("out");
    let report = site::build(&dir, &out, Config::default(), now());
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    let error = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("{shown:#?}"));
    assert!(
        error.file.ends_with("cjk.md") && error.line == 9,
        "{shown:#?}"
    );
    assert!(error.to_string().contains("東"), "{error}");
    let warning = report
        .diagnostics
        .iter()
        .find(|d| !d.is_error())
        .unwrap_or_else(|| panic!("{shown:#?}"));
    assert!(
        warning.file.ends_with("bon.md") && warning.line == 7,
        "{shown:#?}"
    );
    assert!(out.join("pdf/bon.pdf").exists(), "{shown:#?}");
    assert!(!out.join("pdf/cjk.pdf").exists());
}
