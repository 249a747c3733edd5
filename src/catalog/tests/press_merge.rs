//! The press review merge through the catalog: one entry per article, whatever the outlets,
//! dates and files it is listed in.

use super::*;

#[test]
fn same_url_is_one_entry_with_the_richest_facts() {
    let host_only = article(
        "b.md",
        5,
        "La féminisation",
        "7 octobre 2021",
        "https://www.acteurspublics.fr/articles/f/",
        None,
    );
    let facts = ArticleFacts {
        title: "La féminisation du numérique de l’État passe par les “profils atypiques”",
        url: "https://acteurspublics.fr/articles/f?utm_source=t",
        outlet: Some("Acteurs publics"),
        section: Some("En 2021"),
        excerpt: Some("« En 2022, les femmes… »"),
    };
    let mut named = article_entry(origin("a.md", 30), date("7 octobre 2021"), &facts).unwrap();
    named.also_in = vec![origin("z.md", 1)];
    let mut diags = Vec::new();
    let cat = assemble(vec![host_only.clone(), named.clone()], now(), &mut diags);
    assert_eq!(cat.entries.len(), 1);
    let e = &cat.entries[0];
    // a.md comes first in path order: its key stays, whatever the input order.
    assert_eq!(e.key, named.key);
    assert_eq!(e.origin, origin("a.md", 30));
    assert_eq!(e.also_in, vec![origin("b.md", 5), origin("z.md", 1)]);
    let a = e.article.as_ref().unwrap();
    assert_eq!(
        (a.outlet.as_str(), a.outlet_from_host),
        ("Acteurs publics", false)
    );
    assert_eq!(a.excerpt.as_deref(), Some("« En 2022, les femmes… »"));
    assert_eq!(a.section.as_deref(), Some("En 2021"));
    assert!(e.title.starts_with("La féminisation du numérique"));
    assert!(diags.is_empty());
}

#[test]
fn same_title_and_day_is_one_entry_across_domains() {
    let old = article(
        "espace.md",
        6,
        "La Dinum vise la parité en 2022",
        "11 octobre 2021",
        "https://www.nextinpact.com/lebrief/48394/la-dinum-vise-parite-en-2022",
        None,
    );
    let new = article(
        "eig.md",
        90,
        "La Dinum vise la parité en 2022 ",
        "11 octobre 2021",
        "https://next.ink/brief_article/la-dinum-vise-parite-en-2022/",
        Some("Next"),
    );
    let other_day = article(
        "x.md",
        1,
        "La Dinum vise la parité en 2022",
        "12 octobre 2021",
        "https://other.fr/a",
        None,
    );
    let mut diags = Vec::new();
    let cat = assemble(vec![old, new.clone(), other_day], now(), &mut diags);
    assert_eq!(cat.entries.len(), 2);
    let merged = cat.entries.iter().find(|e| e.also_in.len() == 1).unwrap();
    assert_eq!(merged.key, new.key, "eig.md sorts before espace.md");
    assert_eq!(
        merged.article.as_ref().unwrap().url,
        "https://next.ink/brief_article/la-dinum-vise-parite-en-2022/"
    );
    assert_eq!(merged.article.as_ref().unwrap().outlet, "Next");
}

#[test]
fn month_precision_merges_with_a_day_in_that_month() {
    let month = article(
        "a.md",
        1,
        "Atlas Culture : dynamiques territoriales",
        "mai 2022",
        "https://cairn.info/a",
        Some("Culture Études"),
    );
    let day = article(
        "b.md",
        1,
        "Atlas Culture : dynamiques territoriales",
        "12 mai 2022",
        "https://www.cairn.info/a/",
        None,
    );
    let mut diags = Vec::new();
    let cat = assemble(vec![month, day], now(), &mut diags);
    assert_eq!(cat.entries.len(), 1);
    assert_eq!(
        cat.entries[0].date.precision,
        Precision::Day,
        "the more precise date wins"
    );
    assert!(
        diags.is_empty(),
        "a month and a day in it do not conflict: {diags:#?}"
    );
}

#[test]
fn conflicting_dates_keep_the_first_and_warn_naming_both_files() {
    let a = article(
        "espace.md",
        18,
        "Le programme consolidé au sein du budget 2020",
        "8 novembre 2020",
        "https://www.acteurspublics.fr/articles/budget",
        None,
    );
    let b = article(
        "eig.md",
        120,
        "Le programme consolidé au sein du budget 2020",
        "8 novembre 2019",
        "https://acteurspublics.fr/articles/budget",
        Some("Acteurs publics"),
    );
    let mut diags = Vec::new();
    let cat = assemble(vec![a, b], now(), &mut diags);
    assert_eq!(cat.entries.len(), 1);
    assert_eq!(
        cat.entries[0].date.at,
        date("8 novembre 2019").at,
        "eig.md is the first origin"
    );
    assert_eq!(diags.len(), 1);
    let d = &diags[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.file.as_path(), d.line), (Path::new("espace.md"), 18));
    assert_eq!(
        d.problem,
        Problem::ConflictingDates {
            here: "2020-11-08".into(),
            there: "2019-11-08".into(),
            other: "eig.md:120".into()
        }
    );
}

#[test]
fn outlets_are_learned_from_the_same_host() {
    let named = article(
        "a.md",
        1,
        "Un article nommé",
        "1 mars 2022",
        "https://acteurspublics.fr/articles/a",
        Some("Acteurs publics"),
    );
    let unnamed = article(
        "a.md",
        2,
        "Un autre article",
        "2 mars 2022",
        "https://www.acteurspublics.fr/webtv/b",
        None,
    );
    let blog = article(
        "a.md",
        3,
        "Un billet",
        "3 mars 2022",
        "https://www.lemonde.fr/blog/binaire/x",
        Some("Binaire"),
    );
    let paper = article(
        "a.md",
        4,
        "Un article du journal",
        "4 mars 2022",
        "https://www.lemonde.fr/politique/y",
        None,
    );
    let same_blog = article(
        "a.md",
        5,
        "Un autre billet",
        "5 mars 2022",
        "https://www.lemonde.fr/blog/binaire/z",
        None,
    );
    let mut diags = Vec::new();
    let cat = assemble(
        vec![named, unnamed, blog, paper, same_blog],
        now(),
        &mut diags,
    );
    let outlet = |title: &str| {
        let a = cat
            .entries
            .iter()
            .find(|e| e.title == title)
            .unwrap()
            .article
            .clone()
            .unwrap();
        (a.outlet, a.outlet_from_host)
    };
    assert_eq!(
        outlet("Un autre article"),
        ("Acteurs publics".into(), false)
    );
    assert_eq!(
        // Not renamed after the blog: the outlet table's name for the host, still unnamed by a page.
        outlet("Un article du journal"),
        ("Le Monde".into(), true),
        "Binaire is not Le Monde"
    );
    assert_eq!(outlet("Un autre billet"), ("Binaire".into(), false));
}
