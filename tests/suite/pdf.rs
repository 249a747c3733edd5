//! PDF communiqués: text extracts back, links are annotations, fonts are embedded and subset,
//! krilla's PDF/A-2a + PDF/UA-1 validation passes, output is deterministic, hostile input is
//! survived. External tools (pdftotext, pdffonts, qpdf) are skipped when absent.

use crate::support::pdf::{qdf, tmp, tool};
use crate::support::site::releases_dir;
use communique::Config;
use communique::model::{Contact, Entry};
use communique::pdf::{self, Assets, Conformance};
use std::path::{Path, PathBuf};

const TITLE: &str = "NUMÉRIQUE EN COMMUN[S] 2023 : LA DIRECTION INTERMINISTÉRIELLE DU NUMÉRIQUE, PARTENAIRE DE L'ÉVÉNEMENT, PRÉSENTERA, À BORDEAUX, DU 18 AU 20 OCTOBRE, SES TRAVAUX PORTANT SUR LES COMMUNS ET LE NUMÉRIQUE D'INTÉRÊT GÉNÉRAL";

const LEAD: &str = "Pour rendre l'action publique plus proche, plus efficace, plus simple et plus juste pour tous les Français, dans tous les territoires, il est essentiel de s'appuyer sur un État numérique plus performant. Dans la continuité de sa feuille de route « une stratégie numérique au service de l'efficacité de l'action publique », la direction interministérielle du numérique (DINUM), intervenant sous l'égide du ministère de la Transformation et de la Fonction publiques, prendra une part active lors de l'événement Numérique en commun[s] (NEC) organisé par l'Agence Nationale de la Cohésion des Territoires (ANCT) et Bordeaux Métropole et se tenant les 18, 19 et 20 octobre prochain à Bordeaux.";

/// The seed's body as Markdown, as the loader will give it (header and contact lines removed).
const BODY: &str = r#"#### **LA DINUM, UN ACTEUR MAJEUR DES COMMUNS ET DE LA SOUVERAINETÉ NUMÉRIQUE**

Partenaire de l'événement aux côtés de la Mednum, le CNNum, Opendata France, l'IGN, la Banque des Territoires et les acteurs locaux – en partenariat avec les rencontres internationales Digital Society, Digital Cities, organisées par Bordeaux Métropole, la DINUM portera spécifiquement l'une des 5 thématiques de NEC : « Communs & souveraineté ». L'occasion de (re)présenter le programme [Accélérateur d'initiatives citoyennes \(AIC\)](#) visant à promouvoir et renforcer les coopérations entre l'État et les initiatives citoyennes porteuses de communs numériques et valoriser les premiers projets lauréats. Lancé en 2021 par le Président Emmanuel Macron lors du 7ème sommet mondial du Partenariat pour un Gouvernement Ouvert (PGO), l'AIC a depuis accompagné 9 projets en 2022 et a lancé en mai 2023 la saison 2 permettant à des projets tels que [Open Food Facts](#) ou [Primtux](#) de consolider leur déploiement. À cet effet, Primtux, espace d'apprentissage libre, gratuit, sécurisé et installable sur des machines reconditionnées, basé sur des communs numériques s'adressant aux élèves de 3 à 10 ans, bénéficie d'un accompagnement dans la structuration de leurs méthodes de travail et des expertises techniques d'un développeur et d'un UX designer pour améliorer l'interface générale de Primtux menu qui permettra aux enseignants, d'ici fin 2023, de mieux sélectionner les logiciels à proposer aux élèves selon les objectifs travaillés en classe.

La mobilisation des équipes de la DINUM permettra également de revenir sur des priorités de sa feuille de route et en particulier le fait d'engager une mutation profonde des organisations publiques pour initier et conduire dans la durée les projets numériques de l'État mais aussi préserver la souveraineté numérique de l'État en investissant dans des outils numériques mutualisés.

Des représentants du département Incubateur de services numériques de la DINUM et des membres de la communauté [beta.gouv.fr](#) présenteront également l'approche de Startups d'État consistant à créer des services numériques agiles guidés par l'impact auprès d'acteurs publics territoriaux.

L'équipe du département Opérateur de produits interministériels de la DINUM présentera les produits et outils interministériels open source de l'État (tels que [Tchap](#) la messagerie instantanée de l'État ou [Démarches Simplifiées](#)) dans le cadre du Tour de France qu'elle organise depuis près d'un an auprès des acteurs publics territoriaux.

Consulter le programme de la DINUM à NEC : [numerique.gouv.fr/agenda/numerique-en-commun-s-a-bordeaux/](https://numerique.gouv.fr/agenda/numerique-en-commun-s-a-bordeaux/)

## **LE GRAND RDV DU NUMÉRIQUE D'INTÉRÊT GÉNÉRAL**

A l'initiative du programme Société Numérique de l'Agence Nationale de la Cohésion des Territoires (ANCT), Numérique en Commun[s] (NEC) rassemble pendant plusieurs jours tous les professionnels du numérique d'intérêt général qu'ils soient débutants ou experts, acteurs historiques de NEC ou nouvelles recrues, en vue de construire un numérique plus ouvert, inclusif, accessible, durable, souverain et éthique.

Cette année, NEC se tiendra les 19 et 20 octobre 2023 à Bordeaux et le 18 octobre sera dédié à des échanges plus informels entre pairs. Pour cette 6<sup>ème</sup> édition, construite avec l'appui de partenaires – la [Mednum](#), le [CNNum](#), [Opendata France](#), l'[IGN](#), la [DINUM](#), la [Banque des Territoires](#) et les acteurs locaux – en partenariat avec les rencontres internationales *Digital Society*, *Digital Cities*, organisées par [Bordeaux Métropole](#), ville accueillant l'événement, 5 thématiques sont mises à l'honneur : « Données & territoire », « Médiation & compétences numériques », « Écologie & soutenabilité », « Communs & souveraineté », « Éthique & émancipation ». Pour en savoir plus : [numerique-en-communs.fr/](https://numerique-en-communs.fr/)
"#;

/// The paragraphs as a reader sees them (Markdown removed), to find in the extracted text.
fn body_paragraphs() -> Vec<String> {
    BODY.split("\n\n")
        .map(|p| {
            let mut t = p.trim().trim_start_matches('#').trim().to_string();
            for (from, to) in [
                ("**", ""),
                ("<sup>", ""),
                ("</sup>", ""),
                ("\\(", "("),
                ("\\)", ")"),
                ("*", ""),
            ] {
                t = t.replace(from, to);
            }
            // [text](url) → text
            let mut out = String::new();
            let mut rest = t.as_str();
            while let Some(open) = rest.find('[') {
                let Some(mid) = rest[open..].find("](") else {
                    break;
                };
                let Some(close) = rest[open + mid..].find(')') else {
                    break;
                };
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..open + mid]);
                rest = &rest[open + mid + close + 1..];
            }
            out.push_str(rest);
            out
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The shipped seed communiqué, read by the real loader: the expectations above are written by
/// hand from the seed, so this checks loading and rendering together.
fn seed_entry() -> Entry {
    let loaded = communique::source::load_file(
        &releases_dir(),
        Path::new("communiques/communique-nec-2023.md"),
        &Config::default(),
    );
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let entry = loaded.entries.into_iter().next().unwrap();
    assert_eq!(entry.title, TITLE);
    assert_eq!(entry.summary.as_deref(), Some(LEAD));
    entry
}

fn render(entry: &Entry) -> Vec<u8> {
    let assets = Assets::load(&Default::default()).unwrap();
    pdf::render(entry, &Config::default(), &assets).unwrap()
}

/// Joins hyphenated line ends (and URLs broken after a `/`) and collapses whitespace;
/// no-break spaces count as spaces.
fn normalise(s: &str) -> String {
    let s = s
        .replace("\u{AD}\n", "")
        .replace("/\n", "/")
        .replace('\u{AD}', "")
        .replace("-\n", "-")
        .replace('’', "'")
        .replace(['\u{A0}', '\u{202F}', '\n', '\u{c}'], " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seed_text_extracts_back() {
    let bytes = render(&seed_entry());
    let path = tmp("seed.pdf", &bytes);
    let Some(raw) = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]) else {
        return;
    };
    assert!(
        !raw.contains('\u{FFFD}'),
        "replacement character in extracted text"
    );
    assert!(
        !raw.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)),
        "ligature code point in extracted text"
    );
    let text = normalise(&raw);
    let mut expected = vec![
        "COMMUNIQUÉ DE PRESSE".to_string(),
        TITLE.to_string(),
        "Paris, le 12 septembre 2023".to_string(),
        LEAD.to_string(),
        "GOUVERNEMENT".to_string(),
        "Direction interministérielle du numérique".to_string(),
        "Tél : 01 71 21 12 50 – 06 10 60 41 19".to_string(),
        "Mél : floriane.beaudron@modernisation.gouv.fr".to_string(),
        "Relations presse et événementiel".to_string(),
    ];
    expected.extend(body_paragraphs());
    for want in expected {
        let want = normalise(&want);
        assert!(
            text.contains(&want),
            "missing from the PDF text:\n{want}\n--- got:\n{text}"
        );
    }
    assert!(
        text.contains("1/2") || text.contains("1/3"),
        "page numbers missing:\n{text}"
    );
}

#[test]
fn links_are_annotations_and_placeholders_are_not() {
    let bytes = render(&seed_entry());
    let path = tmp("links.pdf", &bytes);
    let Some(qdf) = qdf(&path) else { return };
    let uris: Vec<&str> = qdf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("/URI "))
        .collect();
    assert!(
        uris.contains(&"(https://numerique-en-communs.fr/)"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"(https://numerique.gouv.fr/agenda/numerique-en-commun-s-a-bordeaux/)"),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"(mailto:floriane.beaudron@modernisation.gouv.fr)"),
        "{uris:?}"
    );
    // The 16 `(#)` placeholders give no annotation: only the three real targets exist, the
    // footer's address live on every page that shows it.
    let pages = qdf.matches("/Type /Page\n").count().max(1);
    let mailto = uris.iter().filter(|u| u.starts_with("(mailto:")).count();
    assert_eq!(mailto, pages, "{uris:?}");
    assert_eq!(uris.len(), 2 + pages, "{uris:?}");
    assert!(!uris.iter().any(|u| u.contains('#')), "{uris:?}");
    assert_eq!(qdf.matches("/Subtype /Link").count(), 2 + pages);
}

#[test]
fn fonts_are_embedded_and_subset() {
    let bytes = render(&seed_entry());
    let path = tmp("fonts.pdf", &bytes);
    let Some(list) = tool("pdffonts", &[path.to_str().unwrap()]) else {
        return;
    };
    let rows: Vec<&str> = list
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(rows.len() >= 2, "{list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding…] emb sub uni object ID: emb/sub/uni are the 3 yes/no before "ID".
        let n = cols.len();
        assert!(n >= 6, "{row}");
        let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{row}");
        assert!(cols[0].contains('+'), "subset tag missing: {row}");
    }
}

#[test]
fn validates_as_pdf_a2a_and_pdf_ua1() {
    let assets = Assets::load(&Default::default()).unwrap();
    let config = Config::default();
    // The converted seed has no tags; front-matter communiqués do, and they become keywords.
    let mut entry = seed_entry();
    entry.tags = vec!["communs".into(), "NEC".into()];
    // Both validators at once (what `render` does), then each alone.
    for c in [
        Conformance::ArchivalAccessible,
        Conformance::Accessible,
        Conformance::Archival,
    ] {
        let bytes =
            pdf::render_as(&entry, &config, &assets, c).unwrap_or_else(|e| panic!("{c:?}: {e}"));
        assert!(bytes.starts_with(b"%PDF-1.7"));
    }
    let bytes = pdf::render(&entry, &config, &assets).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("pdfaid:part>2<") || text.contains("pdfaid:part=\"2\""),
        "no PDF/A id"
    );
    assert!(
        text.contains("pdfuaid:part>1<") || text.contains("pdfuaid:part=\"1\""),
        "no PDF/UA id"
    );
    assert!(text.contains("/Lang(fr-FR)"), "no document language");
    assert!(text.contains("/DisplayDocTitle true"));
    assert!(text.contains("/Outlines"));
    assert!(text.contains("/StructTreeRoot"));
    if let Some(info) = tool(
        "pdfinfo",
        &["-isodates", tmp("info.pdf", &bytes).to_str().unwrap()],
    ) {
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(
            info.contains("CreationDate:    2023-09-12T00:00:00+02"),
            "{info}"
        );
        assert!(
            info.contains("Author:          Direction interministérielle du numérique"),
            "{info}"
        );
        assert!(
            info.contains("Title:           NUMÉRIQUE EN COMMUN[S] 2023"),
            "{info}"
        );
        assert!(info.contains("Keywords:        communs"), "{info}");
        assert!(info.contains("Page size:       595.28 x 841.89"), "{info}");
    }
}

#[test]
fn contact_of_the_entry_replaces_the_default() {
    let mut entry = seed_entry();
    entry.contact = Some(Contact {
        organisation: "Agence nationale de la cohésion des territoires".into(),
        name: Some("Camille Martin".into()),
        phones: vec!["01 02 03 04 05".into()],
        email: Some("presse@anct.gouv.fr".into()),
        role: Some("Service de presse".into()),
    });
    let bytes = render(&entry);
    let path = tmp("contact.pdf", &bytes);
    if let Some(qdf) = qdf(&path) {
        assert!(qdf.contains("/URI (mailto:presse@anct.gouv.fr)"));
        assert!(!qdf.contains("floriane.beaudron"));
    }
    let Some(raw) = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]) else {
        return;
    };
    let text = normalise(&raw);
    for want in [
        "Agence nationale de la cohésion des territoires",
        "Camille Martin",
        "Tél : 01 02 03 04 05",
        "Mél : presse@anct.gouv.fr",
        "Service de presse",
    ] {
        assert!(text.contains(want), "missing {want}:\n{text}");
    }
    assert!(!text.contains("floriane.beaudron"), "{text}");
    assert!(!text.contains("01 71 21 12 50"), "{text}");
}

#[test]
fn same_entry_same_bytes() {
    let entry = seed_entry();
    assert_eq!(render(&entry), render(&entry));
    // Shared across threads, as the pipeline does with rayon.
    let assets = Assets::load(&Default::default()).unwrap();
    let config = Config::default();
    let a = std::thread::scope(|s| {
        let h = s.spawn(|| pdf::render(&entry, &config, &assets).unwrap());
        let b = pdf::render(&entry, &config, &assets).unwrap();
        (h.join().unwrap(), b)
    });
    assert_eq!(a.0, a.1);
}

#[test]
fn hostile_content_renders() {
    let assets = Assets::load(&Default::default()).unwrap();
    let config = Config::default();
    let mut entry = seed_entry();
    let long_word = "a".repeat(3000);
    let paragraphs: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "Paragraphe {i} : texte ordinaire, avec un peu de contenu pour remplir la ligne."
            )
        })
        .collect();
    entry.title = "TITRE ".repeat(834);
    entry.summary = Some("Émoji 😀🎉 et contrôle \u{0}\u{7}\u{1b}[31m \u{feff}\u{202e}fin".into());
    entry.body = format!(
        "{long_word}\n\n{}\n\n- liste 🚀\n   1. imbriquée\n\n> citation \u{1}\n\n<script>alert(1)</script><br><br>\n\n[lien](javascript:alert(1)) [vide]() {{: .x}}\n\n{}",
        paragraphs.join("\n\n"),
        "#".repeat(7)
    );
    entry.tags = vec!["\u{0}".into(), "x".repeat(5000)];
    // No embedded font has emoji: refused with the characters named, never printed blank.
    match pdf::render(&entry, &config, &assets) {
        Err(pdf::PdfError::MissingGlyphs { chars }) => assert_eq!(chars, "🎉🚀"),
        other => panic!("emoji must be refused: {:?}", other.map(|b| b.len())),
    }
    entry.summary = entry.summary.map(|s| s.replace("😀🎉", ""));
    entry.body = entry.body.replace(" 🚀", "");
    let bytes = pdf::render(&entry, &config, &assets).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let path = tmp("hostile.pdf", &bytes);
    if let Some(raw) = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]) {
        assert!(!raw.contains('\u{FFFD}'));
        let text = normalise(&raw);
        assert!(text.contains("Paragraphe 299"), "last paragraph lost");
        assert!(
            text.contains("Émoji et contrôle"),
            "{}",
            &text[..text.len().min(2000)]
        );
    }
    // Deep nesting and an empty body too.
    entry.body = ">".repeat(500) + " profond";
    entry.title = String::new();
    entry.summary = None;
    pdf::render(&entry, &config, &assets).unwrap();
}

#[test]
fn missing_font_file_is_an_error_not_a_panic() {
    let cfg = communique::config::PdfConfig {
        font_regular: Some(PathBuf::from("/nonexistent/Marianne-Regular.otf")),
        ..Default::default()
    };
    assert!(matches!(
        Assets::load(&cfg),
        Err(pdf::PdfError::Read { .. })
    ));
    let not_png = tmp("logo.png", b"GIF89a");
    let cfg = communique::config::PdfConfig {
        logo: Some(not_png),
        ..Default::default()
    };
    assert!(matches!(
        Assets::load(&cfg),
        Err(pdf::PdfError::Logo { .. })
    ));
}

/// A 4×2 blue PNG standing in for the official bloc-marque.
const TINY_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 240, 202, 234, 52, 0, 0, 0, 15, 73, 68, 65, 84, 120, 156, 99, 96, 96, 152, 136, 132, 144,
    56, 0, 54, 122, 4, 137, 80, 255, 139, 109, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn logo_replaces_the_text_bloc_marque_and_still_validates() {
    let cfg = communique::config::PdfConfig {
        logo: Some(tmp("marque.png", TINY_PNG)),
        ..Default::default()
    };
    let assets = Assets::load(&cfg).unwrap();
    let bytes = pdf::render(&seed_entry(), &Config::default(), &assets).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/Subtype/Image"), "no image XObject");
    let path = tmp("logo.pdf", &bytes);
    if let Some(raw) = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]) {
        assert!(
            !raw.contains("GOUVERNEMENT"),
            "text bloc-marque drawn as well"
        );
    }
}
