//! Tests of the Markdown reader.

use super::*;

#[test]
fn placeholders_html_and_attribute_lists() {
    // As `source` hands it over: attribute lists removed once, there.
    let md = crate::text::clean_markdown(
        "Voir [AIC](#) et [site](https://x.fr){:target=\"_blank\"}.\n\n6<sup>ème</sup> a<br>b\n\n{: .note}\n",
    );
    let blocks = parse(&md, "https://www.numerique.gouv.fr", 32);
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
    assert_eq!(blocks_text(&blocks), "profond");
}

#[test]
fn tables_footnotes_code_and_link_notes() {
    let md = "Texte[^n] et [Mednum](https://lamednum.coop/) et [lamednum.coop](https://lamednum.coop).\n\n| A | B |\n|---|--:|\n| 1 | **2** |\n\n```\ncode  -- \"x\"\n```\n\n[^n]: La note.\n";
    let blocks = parse_body(md, "", 32);
    let Block::Table(rows) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert_eq!(rows.len(), 2);
    assert!(rows[0].iter().all(|c| c.header) && !rows[1][0].header);
    assert!(rows[1][1].runs[0].bold);
    assert_eq!(blocks[2], Block::Code("code  -- \"x\"".into()));
    let Block::Notes(notes) = &blocks[3] else {
        panic!("{blocks:?}")
    };
    let texts: Vec<String> = notes
        .iter()
        .map(|n| n.iter().map(|r| r.text.as_str()).collect())
        .collect();
    // The link whose text is its address gets no note.
    assert_eq!(texts, ["La note.", "https://lamednum.coop/"]);
    let Block::Para(p) = &blocks[0] else { panic!() };
    let calls: Vec<&str> = p
        .iter()
        .filter(|r| r.sup)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(calls, ["1", "2"]);
}

#[test]
fn html_blocks_decode_entities_and_drop_scripts() {
    let md = "<div>\n<p>Un &mdash; deux&nbsp;&amp; <a href=\"https://x.fr/\">lien</a></p>\n<script>var a = \"<p>non</p>\";</script>\n<style>p { color: red }</style>\n<table><tr><th>H</th><td>D &lt; 3</table>\n</div>\n";
    let blocks = parse_body(md, "", 32);
    let text = blocks_text(&blocks);
    // The link gets its note call (1): its text is not its address.
    assert_eq!(text, "Un — deux & lien1 H D < 3");
    assert!(matches!(&blocks[1], Block::Table(rows) if rows[0].len() == 2 && rows[0][0].header));
    let Block::Para(p) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert!(p.iter().any(|r| r.link.as_deref() == Some("https://x.fr/")));
}

#[test]
fn images_become_blocks_with_their_alt() {
    let blocks = parse(
        "Avant ![Logo **DINUM**](logo.png) après <img src=\"/u/a.png\" alt=\"Carte\">",
        "",
        32,
    );
    assert!(
        matches!(&blocks[1], Block::Image { src, alt } if src == "logo.png" && alt == "Logo DINUM")
    );
    assert!(matches!(&blocks[3], Block::Image { src, alt } if src == "/u/a.png" && alt == "Carte"));
}

#[test]
fn unclosed_inline_html_ends_with_its_paragraph() {
    let md = "Un <b>gras <a href=\"https://x.fr/\">lien <script>caché\n\nSuite visible.\n";
    let blocks = parse(md, "", 32);
    assert_eq!(blocks_text(&blocks), "Un gras lien Suite visible.");
    let Block::Para(p) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert!(p.iter().all(|r| !r.bold && r.link.is_none()), "{p:?}");
}

#[test]
fn table_alignments_follow_the_delimiter_row() {
    let blocks = parse(
        "| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n",
        "",
        32,
    );
    let Block::Table(rows) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    let aligns: Vec<Align> = rows[1].iter().map(|c| c.align).collect();
    assert_eq!(
        aligns,
        [Align::Auto, Align::Left, Align::Center, Align::Right]
    );
    assert_eq!(rows[0][3].align, Align::Right);
}
