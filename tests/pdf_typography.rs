//! What a typographer and a screen-reader user check in a PDF communiqué, read back from the
//! PDF: French typography (pdftotext), breaks in addresses and hyphenation, tables, images,
//! notes, code, HTML, emphasis and headings in the structure tree (pdfinfo -struct-text, qpdf),
//! fonts (pdffonts), links (pdfinfo -url), the page limit. Release files are written here by
//! hand, in other words and layouts than the issue's examples. Tools absent: SKIP.

use communique::Config;
use communique::model::Entry;
use communique::pdf::{self, Assets, PdfError};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A 60×30 PNG (blue and red halves).
const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x3c\x00\x00\x00\x1e\x08\x02\x00\x00\x00\xff\xfa\xea\x18\x00\x00\x00\x36\x49\x44\x41\x54\x78\xda\xed\xce\x41\x0d\x00\x20\x00\x03\xb1\x73\x80\x76\x24\xe2\x04\x15\xfb\x35\xa9\x80\x56\x77\xe4\x75\x46\x92\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x96\x5e\xa5\x3f\x35\x3e\x49\xd0\x2b\x20\x31\x67\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// A fresh releases folder for one test.
fn releases(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("communique-typo-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("communiques")).unwrap();
    dir
}

/// Writes a communiqué with `front` front-matter lines and `body`, and loads it.
fn load(dir: &Path, front: &str, body: &str) -> Entry {
    let rel = Path::new("communiques/essai.md");
    let text = format!(
        "---\ntitle: \"Essai de composition\"\ndate: 2024-03-12 10:00:00 +01:00\ncategories:\n- Communiqué de presse\n{front}---\n{body}\n"
    );
    std::fs::write(dir.join(rel), text).unwrap();
    let loaded = communique::source::load_file(dir, rel, &Config::default());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.entries.into_iter().next().unwrap()
}

fn render_in(dir: &Path, entry: &Entry, config: &Config) -> Result<pdf::Rendered, PdfError> {
    let assets = Assets::load(&config.pdf).unwrap();
    pdf::render_in(entry, config, &assets, dir)
}

/// Renders `body` and writes the PDF beside the release; its path.
fn pdf_of(name: &str, front: &str, body: &str) -> PathBuf {
    let dir = releases(name);
    let entry = load(&dir, front, body);
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, rendered.bytes).unwrap();
    path
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) => {
            eprintln!("SKIP: `{name}` is not installed");
            None
        }
    }
}

fn text_of(path: &Path) -> Option<String> {
    tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

/// Lines joined the way a reader joins them: a soft hyphen at a line end joins the word.
fn joined(raw: &str) -> String {
    raw.replace("\u{AD}\n", "").replace('\u{AD}', "")
}

const NB: [char; 2] = ['\u{A0}', '\u{202F}'];

/// The quoted text pieces of `pdfinfo -struct-text`, joined: the text as tagged, with its
/// no-break spaces.
fn struct_text(tree: &str) -> String {
    tree.lines()
        .filter_map(|l| {
            let l = l.trim();
            (l.starts_with('"') && l.ends_with('"') && l.len() >= 2).then(|| &l[1..l.len() - 1])
        })
        .collect::<Vec<_>>()
        .join("")
        .replace('\u{AD}', "")
}

#[test]
fn french_typography_in_the_text_layer() {
    let body = "Le \"plan d'action\" prévoit 3 000 postes, 12 500 € et 45 % de hausse... \
        Il commence le 4 avril -- pour 2 ans --- et M. Martin, Mme Leroy et le Dr Petit \
        l'annonceront, n° 7, p. 12. « Déjà », dit-elle : \"une \"vraie\" avancée\". \
        C'est la 2e fois, le 1er essai, la 6<sup>ème</sup> édition, à 14 h 30.\n\n\
        `let x = \"a\" -- 'b' ...;` reste tel quel.";
    let path = pdf_of("typo", "", body);
    let Some(raw) = text_of(&path) else { return };
    let t = joined(&raw).replace('\n', " ");
    // pdftotext prints every space glyph as a space; the structure tree's text keeps them.
    let Some(tree) = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]) else {
        return;
    };
    let strict = struct_text(&tree);
    for want in [
        "«\u{A0}plan d’action\u{A0}»",
        "3\u{202F}000 postes",
        "12\u{202F}500\u{202F}€",
        "45\u{202F}%",
        "hausse…",
        "4\u{A0}avril – pour 2\u{A0}ans — et",
        "M.\u{A0}Martin",
        "Mme\u{A0}Leroy",
        "Dr\u{A0}Petit",
        "l’annonceront",
        "n°\u{A0}7",
        "p.\u{A0}12",
        "«\u{A0}une “vraie” avancée\u{A0}»",
        "C’est",
        "14\u{A0}h\u{A0}30",
        // Code is printed as written.
        "let x = \"a\" -- 'b' ...;",
    ] {
        let want_loose: String = want
            .chars()
            .map(|c| if NB.contains(&c) { ' ' } else { c })
            .collect();
        let got_loose: String = t
            .chars()
            .map(|c| if NB.contains(&c) { ' ' } else { c })
            .collect();
        assert!(got_loose.contains(&want_loose), "missing {want:?} in:\n{t}");
        assert!(
            strict.contains(want),
            "{want:?} lacks its no-break space(s) in:\n{strict:?}"
        );
    }
    // Ordinals extract as written (raised on the page).
    for want in ["2e fois", "1er essai", "6ème édition"] {
        assert!(t.contains(want), "{want}: {t}");
    }
}

/// Many numbers, units and titles at every position of the line: none is split.
#[test]
fn numbers_units_and_titles_never_split() {
    let mut body = String::new();
    for i in 0..60 {
        body.push_str(&"x".repeat(i % 9 + 1));
        body.push_str(&format!(
            " coûte {} 000 € soit {} % pour M. Dupont le {} mars ; ",
            i + 2,
            i + 10,
            i % 28 + 1
        ));
    }
    let path = pdf_of("numbers", "", &body);
    let Some(raw) = text_of(&path) else { return };
    for line in joined(&raw).lines() {
        let l = line.trim();
        assert!(
            !l.starts_with('€') && !l.starts_with('%'),
            "line starts with a unit: {l}"
        );
        assert!(!l.starts_with("000"), "digit group split: {l}");
        assert!(!l.starts_with("mars"), "date split: {l}");
        assert!(!l.ends_with("M."), "title split: {l}");
    }
}

/// Addresses in prose and as link text break only at `/ . _ ? &`, with no hyphen, and
/// extract back whole.
#[test]
fn addresses_break_cleanly_and_extract_whole() {
    let urls = [
        "https://www.education.gouv.fr/reussir-au-lycee/le-baccalaureat-general-et-technologique",
        "https://www.numerique.gouv.fr/publications/rapport_annuel?annee=2024&format=pdf",
        "contact.presse-numerique@modernisation.gouv.fr",
    ];
    let mut body = String::new();
    for i in 0..12 {
        body.push_str(&"Voir ".repeat(i % 7 + 1));
        body.push_str(urls[i % 3]);
        body.push_str(" puis ");
        let u = urls[(i + 1) % 3];
        body.push_str(&format!(
            "[{u}]({}) et ",
            if u.contains('@') {
                format!("mailto:{u}")
            } else {
                u.to_string()
            }
        ));
    }
    let path = pdf_of("urls", "", &body);
    let Some(raw) = text_of(&path) else { return };
    for line in raw.lines() {
        let l = line.trim_end();
        assert!(
            !l.ends_with("https://") && !l.ends_with("https:"),
            "broken in the scheme: {l}"
        );
        assert!(
            !l.ends_with('\u{AD}') || !l.contains("gouv"),
            "hyphenated address: {l}"
        );
    }
    // Lines are joined with nothing between them: the addresses come back whole.
    let flat = raw.replace('\n', "");
    for u in urls {
        assert!(flat.contains(u), "{u} not whole in:\n{raw}");
    }
}

/// Never three hyphenated lines in a row, never a hyphen on a page's last line.
#[test]
fn hyphenation_limits() {
    let words = "intergouvernementalité administrativement constitutionnellement \
        interministérielle transformation numérique souveraineté accompagnement \
        expérimentation mutualisation développement professionnalisation";
    let body: Vec<String> = (0..40)
        .map(|i| {
            let w: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
            (0..60)
                .map(|k| w[(k * 7 + i) % w.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let path = pdf_of("hyphens", "", &body.join("\n\n"));
    let Some(raw) = text_of(&path) else { return };
    let mut hyphenated_breaks = 0;
    let mut pages = 0;
    for page in raw.split('\u{c}').filter(|p| p.contains("CONTACT PRESSE")) {
        pages += 1;
        // The body is what comes before the contact block.
        let body = page.split("CONTACT PRESSE").next().unwrap_or("");
        let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut run = 0;
        for l in &lines {
            if l.trim_end().ends_with('\u{AD}') {
                run += 1;
                hyphenated_breaks += 1;
                assert!(run <= 2, "three hyphenated lines in a row:\n{page}");
            } else {
                run = 0;
            }
        }
        let last = lines.last().copied().unwrap_or("");
        assert!(
            !last.trim_end().ends_with('\u{AD}'),
            "a hyphen ends the page: {last}"
        );
    }
    assert!(pages >= 3, "{pages} pages");
    assert!(hyphenated_breaks > 10, "the test text should hyphenate");
}

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

#[test]
fn images_footnotes_code_html_and_emphasis() {
    let dir = releases("rich");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let front =
        "une-ou-diaporama:\n- image: logo.png\n  alternative-textuelle: Bannière bleue et rouge\n";
    let body = "Une image :\n\n![Logo de la DINUM](logo.png)\n\nEt une absente : ![Carte des sites](/uploads/carte.png) ici.\n\n\
        Le texte a une note[^a] et une autre[^deux], un lien [Mednum](https://lamednum.coop/) et **gras** puis *italique*.\n\n\
        [^a]: Première note, avec **du gras**.\n[^deux]: Seconde note.\n\n\
        ```\nfn main() {\n    println!(\"{id: .id}\");\n}\n```\n\n\
        <div><p>Entités &mdash; &rsquo; &eacute;t&eacute; &amp; co.</p><script>alert('x')</script><style>p{color:red}</style>\
        <p>Voir <a href=\"https://www.info.gouv.fr/\">le portail</a>.</p></div>\n";
    let entry = load(&dir, front, body);
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    // The remote-less `/uploads/` image is reported, not silently lost.
    assert_eq!(
        rendered.missing_images.len(),
        1,
        "{:?}",
        rendered.missing_images
    );
    assert_eq!(rendered.missing_images[0].src, "/uploads/carte.png");
    let path = dir.join("rich.pdf");
    std::fs::write(&path, &rendered.bytes).unwrap();
    let Some(raw) = text_of(&path) else { return };
    let t = raw.replace('\n', " ");
    for want in [
        "[Image : Carte des sites]",
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
    let qdf = dir.join("rich.qdf");
    if Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            path.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ])
        .status()
        .is_ok()
    {
        let q = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
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
}

#[test]
fn scripts_and_symbols_fall_back_and_extract() {
    let front = "";
    let body = "Grec : Αθήνα, cyrillique : Москва, arabe : القاهرة, hébreu : ירושלים, \
        symboles : ∀ x ≤ 3, ★ ☎ → ← ⇒ ✓ ° € ‰.\n\n**Gras grec : Ελλάδα ∀**";
    let dir = releases("scripts");
    let mut entry = load(&dir, front, body);
    entry.title = "Titre avec Ελλάδα et ★".into();
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    let path = dir.join("scripts.pdf");
    std::fs::write(&path, rendered.bytes).unwrap();
    let Some(raw) = text_of(&path) else { return };
    for want in [
        "Αθήνα",
        "Москва",
        "∀",
        "≤",
        "★",
        "☎",
        "→",
        "⇒",
        "✓",
        "Ελλάδα ∀",
        "Titre avec Ελλάδα et ★",
    ] {
        assert!(raw.contains(want), "{want} missing:\n{raw}");
    }
    // Right-to-left words extract in logical or visual order depending on the reader.
    let rtl = |w: &str| raw.contains(w) || raw.contains(&w.chars().rev().collect::<String>());
    assert!(rtl("القاهرة") && rtl("ירושלים"), "{raw}");
    let Some(fonts) = tool("pdffonts", &[path.to_str().unwrap()]) else {
        return;
    };
    assert!(fonts.contains("DejaVuSans-Bold"), "bold fallback:\n{fonts}");
    assert!(fonts.contains("DejaVuSans "), "regular fallback:\n{fonts}");
}

#[test]
fn characters_no_font_has_are_refused_with_their_line() {
    let dir = releases("cjk");
    let entry = load(
        &dir,
        "",
        "Première ligne.\n\nDeuxième avec 北京 et 🎉 dedans.",
    );
    let Err(err) = render_in(&dir, &entry, &Config::default()) else {
        panic!("CJK and emoji must not vanish silently");
    };
    let d = pdf::error_diagnostic(&entry, &dir, err);
    let shown = d.to_string();
    assert!(shown.contains("北") && shown.contains("🎉"), "{shown}");
    // Front matter is 6 lines; the body's third line holds the characters.
    assert_eq!(d.line, 9, "{shown}");
    assert!(shown.contains("fallback-fonts"), "{shown}");
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
fn link_uris_are_seven_bit() {
    let path = pdf_of(
        "uris",
        "",
        "Voir [la page](<https://exemple.gouv.fr/données/été?q=à bientôt>) et [l’accueil](https://www.numérique.gouv.fr/).",
    );
    let Some(urls) = tool("pdfinfo", &["-url", path.to_str().unwrap()]) else {
        return;
    };
    assert!(
        urls.contains("https://exemple.gouv.fr/donn%C3%A9es/%C3%A9t%C3%A9?q=%C3%A0%20bient%C3%B4t"),
        "{urls}"
    );
    assert!(urls.contains("https://www.xn--numrique-"), "{urls}");
    assert!(urls.lines().skip(1).all(|l| l.is_ascii()), "{urls}");
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

/// The typography torture file, for veraPDF and for looking at: `cargo test --test
/// pdf_typography torture -- --ignored` writes /tmp/communique-torture.pdf.
#[test]
#[ignore]
fn torture() {
    let dir = releases("torture");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let body = include_str!("data/torture.md");
    let entry = load(
        &dir,
        "une-ou-diaporama:\n- image: logo.png\n  alternative-textuelle: Bannière\n",
        body,
    );
    let rendered = render_in(&dir, &entry, &Config::default()).unwrap();
    std::fs::write("/tmp/communique-torture.pdf", rendered.bytes).unwrap();
}

/// Every communiqué of the seeds and the corpus as a PDF in /tmp/communique-corpus-pdf, for
/// veraPDF and for looking at: `COMMUNIQUE_SHARED=/path/to/shared cargo test --test
/// pdf_typography corpus_pdfs -- --ignored`. Fails on any refused communiqué.
#[test]
#[ignore]
fn corpus_pdfs() {
    let shared = std::env::var_os("COMMUNIQUE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let out = Path::new("/tmp/communique-corpus-pdf");
    std::fs::create_dir_all(out).unwrap();
    let config = Config::default();
    let assets = Assets::load(&config.pdf).unwrap();
    let mut refused = Vec::new();
    let mut count = 0;
    for root in [shared.join("seeds"), shared.join("corpus")] {
        let (files, _) = communique::source::scan::scan(&root);
        for found in &files {
            let rel = Path::new(&found.rel);
            for entry in communique::source::load_file(&root, rel, &config).entries {
                if entry.kind != communique::Kind::Communique {
                    continue;
                }
                match pdf::render_in(&entry, &config, &assets, &root) {
                    Ok(r) => {
                        for m in &r.missing_images {
                            eprintln!(
                                "{}: image {} not embedded: {}",
                                rel.display(),
                                m.src,
                                m.reason
                            );
                        }
                        count += 1;
                        std::fs::write(out.join(format!("{}.pdf", entry.slug)), r.bytes).unwrap();
                    }
                    Err(e) => refused.push(pdf::error_diagnostic(&entry, &root, e).to_string()),
                }
            }
        }
    }
    eprintln!("{count} PDFs in {}", out.display());
    assert!(refused.is_empty(), "{refused:#?}");
    assert!(count >= 25, "{count}");
}

/// `[pdf] fallback-fonts` prints what the embedded fonts lack (here Devanagari, from Debian's
/// fonts-lohit-deva, installed by .ci/run); without it the same text is refused.
#[test]
fn configured_fallback_font_covers_what_embedded_fonts_lack() {
    let font = Path::new("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf");
    if !font.exists() {
        eprintln!(
            "SKIP: {} is absent (apt-get install fonts-lohit-deva)",
            font.display()
        );
        return;
    }
    let dir = releases("devanagari");
    let entry = load(&dir, "", "Bonjour se dit नमस्ते en hindi.");
    assert!(matches!(
        render_in(&dir, &entry, &Config::default()),
        Err(PdfError::MissingGlyphs { .. })
    ));
    let mut config = Config::default();
    config
        .apply(
            &dir.join("communique.toml"),
            &format!(
                "[pdf]\nfallback-fonts = [\"{}\"]\nmax-pages = 7\nassets = \"static\"\n",
                font.display()
            ),
        )
        .unwrap();
    assert_eq!(config.pdf.max_pages, 7);
    assert_eq!(
        config.pdf.assets.as_deref(),
        Some(dir.join("static").as_path())
    );
    let rendered = render_in(&dir, &entry, &config).unwrap();
    let path = dir.join("devanagari.pdf");
    std::fs::write(&path, rendered.bytes).unwrap();
    let Some(raw) = text_of(&path) else { return };
    assert!(raw.contains("नमस्ते") || raw.contains("नमस"), "{raw}");
    let Some(fonts) = tool("pdffonts", &[path.to_str().unwrap()]) else {
        return;
    };
    assert!(fonts.contains("Lohit"), "{fonts}");
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

/// Time per page of the torture file (every feature, fallback fonts included):
/// `cargo test --release --test pdf_typography torture_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn torture_timing() {
    let dir = releases("torture-timing");
    std::fs::write(dir.join("communiques/logo.png"), PNG).unwrap();
    let entry = load(&dir, "", include_str!("data/torture.md"));
    let config = Config::default();
    let assets = Assets::load(&config.pdf).unwrap();
    let first = pdf::render_in(&entry, &config, &assets, &dir).unwrap();
    let pages = String::from_utf8_lossy(&first.bytes)
        .matches("/Type/Page/")
        .count()
        .max(1);
    let n = 20;
    let start = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(pdf::render_in(&entry, &config, &assets, &dir).unwrap());
    }
    let per_doc = start.elapsed() / n;
    eprintln!(
        "torture: {pages} pages, {per_doc:?} per document, {:?} per page",
        per_doc / pages as u32
    );
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
    let paths = communique::pipeline::Paths {
        releases: dir.clone(),
        out: out.clone(),
    };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00+01:00").unwrap();
    let report = communique::pipeline::build(Config::default(), paths, now).unwrap();
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
