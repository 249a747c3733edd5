//! Tests of the Markdown reader.

use super::*;

#[test]
fn placeholders_html_and_attribute_lists() {
    let md = "Voir [AIC](#) et [site](https://x.fr){:target=\"_blank\"}.\n\n6<sup>ème</sup> a<br>b\n\n{: .note}\n";
    let blocks = parse(md, "https://www.numerique.gouv.fr", 32);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let Block::Para(p) = &blocks[0] else { panic!() };
    let text: String = p.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(text, "Voir AIC et site.");
    assert_eq!(p.iter().filter(|i| i.link.is_some()).count(), 1);
    let Block::Para(p) = &blocks[1] else { panic!() };
    let text: String = p.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(text, "6ème a\nb");
}

#[test]
fn lists_quotes_and_relative_links() {
    let md = "- un\n- deux [x](/agenda/)\n\n1. a\n2. b\n\n> cité\n";
    let blocks = parse(md, "https://www.numerique.gouv.fr", 32);
    assert!(matches!(&blocks[0], Block::List { start: None, items } if items.len() == 2));
    assert!(matches!(&blocks[1], Block::List { start: Some(1), .. }));
    assert!(matches!(&blocks[2], Block::Quote(_)));
    let Block::List { items, .. } = &blocks[0] else {
        panic!()
    };
    let Block::Para(p) = &items[1][0] else {
        panic!()
    };
    assert_eq!(
        p.iter().find_map(|i| i.link.clone()).as_deref(),
        Some("https://www.numerique.gouv.fr/agenda/")
    );
}

#[test]
fn deep_nesting_is_flattened() {
    let md = ">".repeat(200) + " profond\n";
    let blocks = parse(&md, "", 8);
    assert_eq!(plain_text(&blocks), "profond");
}
