use super::*;
use crate::diagnostic::Problem;
use crate::model::Precision;
use crate::source::dates::parse_date;

fn parse(md: &str) -> (Vec<Entry>, Vec<Diagnostic>) {
    parse_page(Path::new("presse.md"), md, 1, &Config::default())
}

fn day(e: &Entry) -> String {
    e.date.at.format("%Y-%m-%d").to_string()
}

use crate::testing::shared_dir as shared;

/// Splits a file into (front matter end line, body): the body and the 1-based line it starts on.
fn body_of(text: &str) -> (&str, usize) {
    let mut lines = text.split_inclusive('\n');
    if lines.next().is_some_and(|l| l.trim_end() == "---") {
        let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
        for (n, l) in lines.enumerate() {
            offset += l.len();
            if l.trim_end() == "---" {
                return (&text[offset..], n + 3);
            }
        }
    }
    (text, 1)
}

fn seed(name: &str) -> Option<(Vec<Entry>, Vec<Diagnostic>)> {
    let path = shared()?.join("seeds").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let (body, first) = body_of(&text);
    Some(parse_page(Path::new(name), body, first, &Config::default()))
}

#[test]
fn seed_aic() {
    // press-coverage-aic.md: 9 bold dates, 9 links under them (the empty `[](url)` inside the
    // bold of 7 octobre 2022 duplicates the link below it and is not counted); the footer
    // "Contactez le service de presse" is not an article → 9 entries.
    let Some((entries, diags)) = seed("press-coverage-aic.md") else {
        return;
    };
    assert_eq!(entries.len(), 9, "{entries:#?}");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        entries[0].title,
        "Les communs numériques, graines de transition et de souveraineté"
    );
    assert_eq!(day(&entries[0]), "2023-10-09");
    assert_eq!(entries[0].origin.line, 17);
    let a = entries[0].article.as_ref().unwrap();
    // The outlet table names lemonde.fr; the page did not, so a page may still rename it.
    assert_eq!(a.outlet, "Le Monde");
    assert!(a.outlet_from_host);
    assert_eq!(day(&entries[4]), "2022-10-07");
    assert!(entries[4].title.starts_with("L’Accélérateur"));
}

#[test]
fn seed_espace_presse() {
    // press-coverage-espace-presse.md: 8 bold dates; 7 octobre 2021 has two links, the
    // others one (9 avril 2020's link text is split over two lines) → 9 links; the `#####`
    // footer is not an article → 9 entries.
    let Some((entries, diags)) = seed("press-coverage-espace-presse.md") else {
        return;
    };
    assert_eq!(entries.len(), 9, "{entries:#?}");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(day(&entries[1]), "2021-10-07");
    assert_eq!(day(&entries[2]), "2021-10-07");
    let last = entries.last().unwrap();
    assert_eq!(
        last.title,
        "17 nouveaux projets sélectionnés pour améliorer les services publics grâce au numérique"
    );
    assert_eq!(last.origin.line, 38);
}

#[test]
fn seed_eig() {
    // press-coverage-eig.md: 55 `####` headlines, each followed by one `[Outlet, date](url)`
    // link and a « excerpt »; the italic header "Pour toute demande… contacter le service
    // presse" is not an article → 55 entries, each with an explicit outlet and an excerpt.
    let Some((entries, diags)) = seed("press-coverage-eig.md") else {
        return;
    };
    assert_eq!(entries.len(), 55);
    assert!(diags.is_empty(), "{diags:#?}");
    for e in &entries {
        let a = e.article.as_ref().unwrap();
        assert!(!a.outlet_from_host, "{e:#?}");
        assert!(a.excerpt.is_some(), "{e:#?}");
        assert!(a.section.is_some());
    }
    let first = &entries[0];
    assert!(first.title.starts_with("Ishan Bhojwani"));
    assert_eq!(first.article.as_ref().unwrap().outlet, "Acteurs publics");
    assert_eq!(
        first.article.as_ref().unwrap().section.as_deref(),
        Some("Le programme EIG")
    );
    assert_eq!(day(first), "2023-09-29");
    let culture = entries
        .iter()
        .find(|e| e.title.starts_with("Atlas Culture"))
        .unwrap();
    assert_eq!(culture.date.precision, Precision::Month);
    // The excerpt right under the link, with no blank line (Challenges, 10 avril 2019).
    let challenges = entries
        .iter()
        .find(|e| e.title.contains("Mobilier national"))
        .unwrap();
    assert!(
        challenges
            .summary
            .as_deref()
            .unwrap_or("")
            .starts_with("«\u{a0}Meubles anciens"),
        "{challenges:#?}"
    );
}

#[test]
fn key_depends_only_on_the_normalised_url() {
    let (a, _) =
        parse("**1 mars 2023**\n\n[Un titre](https://www.Example.fr/a/?utm_source=x#top)\n");
    let (b, _) = parse(
        "### En 2024\n\n#### Autre titre\n\n[Outlet, 2 mai 2024](http://example.fr/a) : « extrait »\n",
    );
    assert_eq!(a[0].key, b[0].key);
    assert_eq!(a[0].slug.len(), 16);
    assert_eq!(a[0].key, format!("revue-de-presse/{}", a[0].slug));
    assert_eq!(
        b[0].article.as_ref().unwrap().excerpt.as_deref(),
        Some("« extrait »")
    );
}

#[test]
fn broken_links_are_read() {
    let md = "**7 oct 2021** — [Titre un](https:/https://a.fr/un){:target=\"_blank\"}\n\
              \n\
              **8 oct 2021**\\\n\
              \\\n\
              Titre deux](https://b.fr/deux )\n\
              \n\
              [Titre trois](https://c.fr/trois \"Lien\")\n\
              \n\
              https://d.fr/quatre\n";
    let (entries, diags) = parse(md);
    assert!(diags.is_empty(), "{diags:#?}");
    let got: Vec<(&str, &str, String)> = entries
        .iter()
        .map(|e| {
            (
                e.title.as_str(),
                e.article.as_ref().unwrap().url.as_str(),
                day(e),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Titre un", "https://a.fr/un", "2021-10-07".to_string()),
            ("Titre deux", "https://b.fr/deux", "2021-10-08".to_string()),
            (
                "Titre trois",
                "https://c.fr/trois",
                "2021-10-08".to_string()
            ),
            (
                "https://d.fr/quatre",
                "https://d.fr/quatre",
                "2021-10-08".to_string()
            ),
        ]
    );
    assert_eq!(entries[1].origin.line, 5);
}

#[test]
fn date_and_link_on_one_line() {
    let md = "Le 15 mars 2022 [Neuf projets](https://acteurspublics.fr/a)\\\n\\\n\
              ###### 7 octobre 2021 — [Profils](https://www.acteurspublics.fr/b)\n\
              * > ###### 8 novembre 2021 — [Budget](https://www.acteurspublics.fr/c)\n";
    let (entries, diags) = parse(md);
    assert!(diags.is_empty(), "{diags:#?}");
    let days: Vec<String> = entries.iter().map(day).collect();
    assert_eq!(days, ["2022-03-15", "2021-10-07", "2021-11-08"]);
    assert_eq!(entries[2].origin.line, 4);
}

#[test]
fn heading_naming_the_outlet() {
    let md = "## Acteurs publics\n\n###### 7 octobre 2021 — [Profils](https://www.acteurspublics.fr/b)\n\n\
              ## Le programme EIG\n\n**1 mars 2023**\n\n[X](https://lemonde.fr/x)\n";
    let (entries, _) = parse(md);
    let a = entries[0].article.as_ref().unwrap();
    assert_eq!(
        (a.outlet.as_str(), a.outlet_from_host, a.section.as_deref()),
        ("Acteurs publics", false, None)
    );
    let b = entries[1].article.as_ref().unwrap();
    assert_eq!((b.outlet.as_str(), b.outlet_from_host), ("Le Monde", true));
    assert_eq!(b.section.as_deref(), Some("Le programme EIG"));
}

#[test]
fn undated_article_is_skipped_with_a_warning() {
    let md = "## Acteurs publics\n\n[Sans date](https://acteurspublics.fr/x)\n\n**2 mai 2022**\n\n[Daté](https://acteurspublics.fr/y)\n";
    let (entries, diags) = parse(md);
    assert_eq!(entries.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].problem,
        Problem::UndatedArticle {
            reason: crate::diagnostic::UndatedReason::NoDateNearby
        }
    );
    assert_eq!((diags[0].line, diags[0].column), (3, 1));
    assert!(diags[0].to_string().starts_with("presse.md:3:1: warning"));
}

#[test]
fn broken_date_does_not_lend_the_previous_one() {
    let md = "**2 mai 2022**\n\n[A](https://a.fr/a)\n\n**32 mai 2022**\n\n[B](https://a.fr/b)\n";
    let (entries, diags) = parse(md);
    assert_eq!(entries.len(), 1);
    assert!(matches!(diags[0].problem, Problem::BadDate { .. }));
    // The skipped article's own warning says why, on its own line.
    assert_eq!(
        diags[1].problem,
        Problem::UndatedArticle {
            reason: crate::diagnostic::UndatedReason::DateAboveUnreadable {
                line: 5,
                value: "32 mai 2022".into()
            }
        }
    );
    assert_eq!(diags[1].line, 7);
}

#[test]
fn contact_lines_and_navigation_are_not_articles() {
    let md = "*Pour toute demande d’entretien, [contacter le service presse](https://www.numerique.gouv.fr/espace-presse/contact-presse/).*\n\n\
              **2 mai 2022**\n\n[Espace presse](https://numerique.gouv.fr/espace-presse/)\n\n[Écrire](mailto:presse@numerique.gouv.fr)\n\n\
              ## Vous souhaitez en savoir plus ? [Contactez le service de presse de la DINUM](https://www.numerique.gouv.fr/espace-presse/)\n";
    let (entries, diags) = parse(md);
    assert!(entries.is_empty(), "{entries:#?}");
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn relative_and_placeholder_links() {
    let md =
        "**1 septembre 2021**\n\n[Administrations, digitalisez-vous!](img/a.pdf)\n\n[Bientôt](#)\n";
    let (entries, diags) = parse(md);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].article.as_ref().unwrap().url,
        "https://www.numerique.gouv.fr/img/a.pdf"
    );
    let problems: Vec<&Problem> = diags.iter().map(|d| &d.problem).collect();
    assert_eq!(
        problems,
        [
            &Problem::RelativeLink {
                dest: "img/a.pdf".into(),
                url: "https://www.numerique.gouv.fr/img/a.pdf".into()
            },
            &Problem::EmptyLink { dest: "#".into() },
        ],
        "{diags:#?}"
    );
    assert_eq!((diags[0].line, diags[1].line), (3, 5));
}

#[test]
fn links_that_are_no_article_are_named() {
    let md = "**1 septembre 2021**\n\n[Script](javascript:alert(1))\n\n[Ailleurs](https://)\n\n\
              [Écrire](mailto:presse@numerique.gouv.fr)\n";
    let (entries, diags) = parse(md);
    assert!(entries.is_empty(), "{entries:#?}");
    let problems: Vec<&Problem> = diags.iter().map(|d| &d.problem).collect();
    assert_eq!(
        problems,
        [
            &Problem::ActiveLink {
                scheme: "javascript:".into()
            },
            &Problem::NotWebAddress {
                dest: "https://".into()
            },
        ],
        "a mailto: link is a contact, not a problem: {diags:#?}"
    );
}

#[test]
fn normalises_urls() {
    let n = |u: &str| normalise_url(u).unwrap();
    assert_eq!(
        n("HTTPS://WWW.LeMonde.fr/a/b/?utm_source=x&id=3&fbclid=y#frag"),
        "https://lemonde.fr/a/b?id=3"
    );
    assert_eq!(
        n("https:/https://www.acteurspublics.fr/x/"),
        "https://acteurspublics.fr/x"
    );
    assert_eq!(
        n("http://acteurspublics.fr/x"),
        "https://acteurspublics.fr/x"
    );
    assert_eq!(n("https://a.fr/x%C2%A0"), "https://a.fr/x");
    assert_eq!(
        n("https://twitter.com/a/status/1?s=20&t=abc"),
        "https://twitter.com/a/status/1"
    );
    assert_eq!(n("https://www.a.fr/"), "https://a.fr");
    assert_eq!(normalise_url("/relative"), None);
    assert_eq!(normalise_url("mailto:a@b.fr"), None);
}

#[test]
fn article_entry_from_front_matter() {
    let date = parse_date("12 mars 2019", chrono_tz::Europe::Paris).unwrap();
    let origin = Origin {
        file: "presse.html".into(),
        line: 3,
    };
    let facts = |title, url| ArticleFacts {
        title,
        url,
        ..Default::default()
    };
    let e = article_entry(
        origin.clone(),
        date,
        &facts(" Un  titre ", "https://www.a.fr/x"),
    )
    .unwrap();
    assert_eq!(e.title, "Un titre");
    assert_eq!(e.article.as_ref().unwrap().outlet, "a.fr");
    let (parsed, _) = parse("**12 mars 2019**\n\n[Autre](https://a.fr/x/)\n");
    assert_eq!(e.key, parsed[0].key);
    assert!(article_entry(origin, date, &facts("t", "/x")).is_none());
}

#[test]
fn hostile_input_does_not_panic() {
    for md in [
        "[",
        "](",
        "[]()",
        "**",
        "[a](",
        "![x](y)",
        "«",
        "# ",
        "**é**[é](é)",
        "[[[[[[[[",
        "](https://a.fr",
        "\\\n\\",
        "**1 mai 2022** — é](",
        "[é, mai 2022](https://é.fr/é)",
        "|é|\n|-|-|\n|é|[é](https://é.fr)|",
        "| Date |\n|:-:|\n| «é |",
        "a|b\n--|--\n|||||",
        "<a href=\"",
        "<a href='é'>é",
        "<a href=é>é</a> (« »» «é)",
        "- [é](https://é.fr) «",
        "- [« é, é »](https://é.fr) (»",
        "- [é](https://é.fr)\n  é, 12 mars",
        "## 2019\n- [é](https://é.fr) (31 é)",
        "- [Le Monde](https://lemonde.fr/x) : « »",
    ] {
        let _ = parse(md);
    }
}

/// Every press listing in the real corpus: no panic, plausible entries.
#[test]
fn corpus_press_pages() {
    let Some(dir) = shared() else { return };
    let Some(files) = crate::testing::corpus_files(|p| p.to_string_lossy().contains("presse.md"))
    else {
        return;
    };
    assert!(!files.is_empty());
    let (mut total, mut warnings) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (body, first) = body_of(&text);
        let rel = path.strip_prefix(&dir).unwrap();
        let (entries, diags) = parse_page(rel, body, first, &Config::default());
        println!(
            "{:>3} entries {:>2} warnings  {}",
            entries.len(),
            diags.len(),
            rel.display()
        );
        for d in &diags {
            println!("      {d}");
        }
        for e in &entries {
            let year = e.date.at.format("%Y").to_string().parse::<i32>().unwrap();
            assert!((1990..=2030).contains(&year), "{e:#?}");
            let a = e.article.as_ref().unwrap();
            assert!(
                a.url.starts_with("https://") || a.url.starts_with("http://"),
                "{e:#?}"
            );
            assert!(!e.title.trim().is_empty(), "{e:#?}");
            assert!(!a.outlet.is_empty());
            assert_eq!(e.kind, Kind::PressReview);
        }
        total += entries.len();
        warnings += diags.len();
    }
    println!(
        "{} files, {total} entries, {warnings} warnings",
        files.len()
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
    /// Pages made of the characters the readers cut on never panic.
    #[test]
    fn any_mix_of_separators_links_and_tables_reads(
        page in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::prelude::Just("|"), proptest::prelude::Just("---"),
                proptest::prelude::Just("\n"), proptest::prelude::Just("["),
                proptest::prelude::Just("]("), proptest::prelude::Just(")"),
                proptest::prelude::Just("«"), proptest::prelude::Just("»"),
                proptest::prelude::Just(" — "), proptest::prelude::Just(", "),
                proptest::prelude::Just(" : "), proptest::prelude::Just("é"),
                proptest::prelude::Just("https://a.fr/x"), proptest::prelude::Just("12 mars 2019"),
                proptest::prelude::Just("Le Monde"), proptest::prelude::Just("<a href=\""),
                proptest::prelude::Just("</a>"), proptest::prelude::Just("- "),
                proptest::prelude::Just("## 2019"), proptest::prelude::Just("\""),
            ],
            0..40,
        )
    ) {
        let _ = parse(&page.concat());
    }
}

#[test]
fn excerpts_lose_their_attribute_lists_like_bodies() {
    let md = "#### Un article\n\n[Le Monde, 12 mars 2024](https://www.lemonde.fr/a.html)\n\n« Un extrait{: .citation} »\n";
    let (entries, _) = parse(md);
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let article = entries[0].article.as_ref().unwrap();
    assert_eq!(article.excerpt.as_deref(), Some("« Un extrait »"));
    assert_eq!(entries[0].summary.as_deref(), Some("« Un extrait »"));
}
