//! Each typography rule on its own, and what it must leave alone.

use super::*;

fn typeset(s: &str) -> String {
    let mut v: Vec<Styled> = s.chars().map(|c| Styled::new(c, 0)).collect();
    mark_addresses(&mut v);
    apply(&mut v, |_| false);
    v.iter().map(|p| p.c).collect()
}

#[test]
fn quotes_nest_and_apostrophes_curl() {
    assert_eq!(typeset("Il dit \"oui\"."), "Il dit «oui».");
    assert_eq!(typeset("\"un \"deux\" trois\""), "«un “deux” trois»");
    assert_eq!(typeset("l'État et 'cité'"), "l’État et ‘cité’");
    assert_eq!(typeset("« déjà \"cité\" »"), "« déjà “cité” »");
}

#[test]
fn dashes_and_ellipsis() {
    assert_eq!(typeset("a -- b --- c..."), "a – b — c…");
    assert_eq!(typeset("attendez....."), "attendez…");
    assert_eq!(typeset("a-b"), "a-b");
}

#[test]
fn no_break_spaces() {
    assert_eq!(typeset("3 000 postes"), "3\u{202F}000 postes");
    assert_eq!(typeset("1 250 000 €"), "1\u{202F}250\u{202F}000\u{202F}€");
    assert_eq!(typeset("en 2023 300 projets"), "en 2023 300 projets");
    assert_eq!(typeset("45 % et 12 km"), "45\u{202F}% et 12\u{A0}km");
    assert_eq!(
        typeset("le 3 mars à 9 h 30"),
        "le 3\u{A0}mars à 9\u{A0}h\u{A0}30"
    );
    assert_eq!(typeset("M. Dupont, n° 4"), "M.\u{A0}Dupont, n°\u{A0}4");
}

#[test]
fn ordinals_are_raised_only_after_a_whole_number() {
    let mut v: Vec<Styled> = "le 1er, la 2e, A4e, 2e3"
        .chars()
        .map(|c| Styled::new(c, 0))
        .collect();
    apply(&mut v, |_| false);
    let raised: String = v
        .iter()
        .filter(|p| p.style & SUP != 0)
        .map(|p| p.c)
        .collect();
    assert_eq!(raised, "ere");
}

#[test]
fn addresses_and_code_are_left_alone() {
    assert_eq!(
        typeset("https://x.fr/a--b...c'd et www.site.fr/x--y"),
        "https://x.fr/a--b...c'd et www.site.fr/x--y"
    );
    assert_eq!(
        typeset("écrire à nom.prenom@gouv.fr..."),
        "écrire à nom.prenom@gouv.fr…"
    );
    let mut v: Vec<Styled> = "a -- \"b\"".chars().map(|c| Styled::new(c, 7)).collect();
    apply(&mut v, |s| s == 7);
    assert_eq!(v.iter().map(|p| p.c).collect::<String>(), "a -- \"b\"");
}
