//! What a typographer checks in a PDF communiqué, read back from the PDF: French typography
//! (pdftotext and the structure tree's text), breaks in addresses, hyphenation limits, scripts
//! and symbols through the font fallback, characters no font has, link URIs. Release files are
//! written here by hand, in other words and layouts than the examples.

use crate::support::pdf::*;
use communique::Config;
use communique::pdf::{self, PdfError};
use std::path::Path;

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
