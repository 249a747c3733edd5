//! Hand-made press pages of every shape (tables in any column order, link-first items, outlet
//! first, English dates, mixed pages, undated articles): each article's date, outlet, title
//! and URL as a reader sees them, and each skipped article's warning on its own line.
//!
//! A page `tests/press_pages/X.md` lists what it must give in `X.expected`
//! (`date | outlet | title | url`, in page order) and its warnings in `X.warnings`
//! (`line: message`).

use communique::Config;
use communique::source;
use std::path::Path;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/press_pages");
    let text = std::fs::read_to_string(dir.join(format!("{name}.md"))).unwrap();
    let rel = Path::new("revue-de-presse").join(format!("{name}.md"));
    let loaded = source::load_text(&rel, &text, &Config::default());
    let got: Vec<String> = loaded
        .entries
        .iter()
        .map(|e| {
            let a = e.article.as_ref().expect("an article");
            format!(
                "{} | {} | {} | {}",
                e.date.at.format("%Y-%m-%d"),
                a.outlet,
                e.title,
                a.url
            )
        })
        .collect();
    let want: Vec<String> = std::fs::read_to_string(dir.join(format!("{name}.expected")))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(got, want, "{name}: {:#?}", loaded.diagnostics);
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.line, d.problem))
        .collect();
    let want: Vec<String> = std::fs::read_to_string(dir.join(format!("{name}.warnings")))
        .map(|w| w.lines().map(str::to_string).collect())
        .unwrap_or_default();
    assert_eq!(warnings, want, "{name}");
}

#[test]
fn table_with_iso_dates_and_an_access_column() {
    check("table-iso");
}

#[test]
fn table_in_another_column_order_without_outer_pipes() {
    check("table-reordered");
}

#[test]
fn table_with_the_link_in_its_own_column() {
    check("table-separate-link");
}

#[test]
fn link_first_items_under_year_headings() {
    check("presse-include");
}

#[test]
fn english_dates_and_outlets() {
    check("english");
}

#[test]
fn outlet_or_date_before_the_link() {
    check("outlet-first");
}

#[test]
fn date_lines_a_table_and_items_in_one_page() {
    check("mixed");
}

#[test]
fn undated_articles_are_warnings_that_say_why() {
    check("undated");
}

#[test]
fn outlet_and_date_on_the_line_under_or_above_the_link() {
    check("two-line-items");
}

#[test]
fn bold_outlets_html_anchors_and_cells_with_breaks() {
    check("neighbours-table-and-list");
}

#[test]
fn numbered_items_with_the_outlet_and_date_anywhere() {
    check("numbered-items");
}

#[test]
fn tables_in_english_without_headers_or_with_the_link_on_the_outlet() {
    check("tables-english-headless");
}

#[test]
fn the_link_names_the_outlet_and_the_title_is_beside_it() {
    check("outlet-as-link");
}

#[test]
fn read_more_links_take_the_title_written_beside_or_above_them() {
    check("read-more-links");
}

#[test]
fn the_date_first_then_the_outlet_and_the_link() {
    check("date-first-items");
}

#[test]
fn a_home_page_link_names_the_outlet_and_is_never_an_article() {
    check("home-page-links");
}

#[test]
fn month_headings_under_a_year_heading() {
    check("year-and-month-headings");
}
