//! Properties of the feeds over generated input: whatever the titles, bodies, summaries
//! (markup, control characters, any Unicode) and whatever a revue-de-presse page says, every
//! feed parses strictly and with feed-rs, no id appears twice in a feed, and no executable
//! markup reaches a reader.

use crate::support::clock::{at, now};
use crate::support::entry::EntryBuilder;
use crate::support::markup::executable_markup;
use crate::support::site::unlimited;
use chrono::Duration;
use communique::catalog;
use communique::feeds::{self, PdfSizes};
use communique::model::{Article, Entry, EventInfo, Precision, PubDate};
use communique::source::press_review;
use communique::{Config, Kind};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Pieces that have broken sanitisers and XML writers.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<b onclick=\"alert(1)\">b</b>",
    "<p OnMouseOver='alert(1)'>p</p>",
    "[l](javascript:alert(1))",
    "[l](JaVaScRiPt:alert(1))",
    "[l](vbscript:msgbox(1))",
    "[l](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href=\"&#106;avascript:alert(1)\">a</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
    "<a href=\"jav&#97;script&colon;alert(1)\">a</a>",
    "![i](javascript:alert(1))",
    "<iframe src=//evil.example></iframe>",
    "<style>*{}</style>",
    "<object data=x></object><embed src=x>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]>",
    "&lt;script&gt;",
    "&#0; &#xFFFE; &#1;",
    "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}\u{7f}",
    "\u{fffe}\u{ffff}",
    "\u{feff}BOM",
    "\r\n\r",
    "\u{202e}RTL\u{200b}",
    "« guillemets » – tiret — Œuvre",
    "🇫🇷 emoji",
    "> > > citation",
    "- liste\n  - imbriquée",
    "`code <script>`",
    "```\n<script>x</script>\n```",
    "**gras** _italique_",
    "[lien](https://www.numerique.gouv.fr/x)",
    "[relatif](/espace-presse/)",
    "<a href=\"https://a.fr\" target=_blank>a</a>",
    "{: .class} {% liquid %}",
];

/// Text made of hostile pieces and arbitrary Unicode.
fn text(max_parts: usize) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        2 => any::<String>().prop_map(|s| s.chars().take(40).collect::<String>()),
        1 => "[a-zA-Z0-9 éàç<>&\"'=:/()\\[\\]!#*_`-]{0,40}",
    ];
    let sep = proptest::sample::select(&["", " ", "\n", "\n\n"][..]);
    proptest::collection::vec((part, sep), 0..max_parts).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, s)| format!("{p}{s}"))
            .collect::<String>()
    })
}

fn date(offset_hours: i64) -> PubDate {
    let base = at("2024-03-01T10:00:00+01:00");
    PubDate {
        at: base + Duration::hours(offset_hours),
        precision: Precision::Instant,
    }
}

#[derive(Debug, Clone)]
struct Generated {
    kind: Kind,
    title: String,
    body: String,
    summary: Option<String>,
    hours: i64,
    url_tail: String,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        proptest::sample::select(&Kind::ALL[..]),
        text(4),
        text(8),
        proptest::option::of(text(4)),
        -500i64..500,
        text(2),
    )
        .prop_map(|(kind, title, body, summary, hours, url_tail)| Generated {
            kind,
            title,
            body,
            summary,
            hours,
            url_tail,
        })
}

/// A model entry as the loader would produce it, with generated text in every text field.
fn entry(i: usize, g: &Generated) -> Entry {
    let slug = format!("entree-{i}");
    let article = (g.kind == Kind::PressReview).then(|| Article {
        // Any text after the path: the URL is percent-encoded by `url`, as the loader does.
        url: url::Url::parse(&format!("https://www.example.org/a/{i}/{}", g.url_tail))
            .map(|u| u.to_string())
            .unwrap_or_else(|_| format!("https://www.example.org/a/{i}")),
        outlet: g.title.chars().take(30).collect(),
        outlet_from_host: false,
        section: Some(g.url_tail.clone()),
        excerpt: g.summary.clone(),
    });
    let event = (g.kind == Kind::Event).then(|| EventInfo {
        start: Some(date(g.hours)),
        end: Some(date(g.hours + 3)),
        venue: Some(g.url_tail.clone()),
        address: g.summary.clone(),
        fields: vec![communique::model::InfoField {
            label: g.url_tail.clone(),
            content: g.body.chars().take(200).collect(),
            link: Some(g.url_tail.clone()),
        }],
    });
    let key = format!("{}/{slug}", g.kind.slug());
    let origin = format!("{}/f{i}.md", g.kind.slug());
    Entry {
        title: g.title.clone(),
        date: date(g.hours),
        category: Some(g.url_tail.clone()),
        tags: vec![g.url_tail.clone(), g.title.chars().take(20).collect()],
        summary: g.summary.clone(),
        body: g.body.clone(),
        place: Some(g.url_tail.clone()),
        contact: None,
        attachments: vec![communique::model::Attachment {
            url: g.url_tail.clone(),
            label: g.title.clone(),
        }],
        images: vec![communique::model::Image {
            url: g.url_tail.clone(),
            alt: Some(g.title.clone()),
        }],
        event,
        article,
        ..EntryBuilder::new(g.kind, &key, date(g.hours).at)
            .origin(&origin, 1)
            .build()
    }
}

/// Renders, then checks every feed; returns a failure message or nothing.
fn check_feeds(entries: Vec<Entry>) -> Result<(), TestCaseError> {
    let config = unlimited();
    let mut diagnostics = Vec::new();
    let catalog = catalog::assemble(entries, now(), &mut diagnostics);
    let sizes: PdfSizes = catalog
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Communique)
        .map(|e| (e.slug.clone(), 4_321))
        .collect();
    let files = feeds::render_feeds(&catalog, &config, &sizes)
        .map_err(|e| TestCaseError::fail(format!("render: {e}")))?;
    // Atom and RSS here; JSON Feed, iCalendar and the press room in `subscribe.rs`.
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "xml"))
        .collect();
    let kinds = files.iter().filter(|f| !f.path.starts_with("tags")).count();
    prop_assert_eq!(kinds, 8);
    for file in files {
        let name = file.path.display().to_string();
        let text = std::str::from_utf8(&file.bytes)
            .map_err(|e| TestCaseError::fail(format!("{name}: not UTF-8: {e}")))?;
        let doc = roxmltree::Document::parse(text)
            .map_err(|e| TestCaseError::fail(format!("{name}: strict XML: {e}")))?;
        let feed = feed_rs::parser::parse(&file.bytes[..])
            .map_err(|e| TestCaseError::fail(format!("{name}: feed-rs: {e}")))?;
        let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(ids.len(), feed.entries.len(), "{}: duplicate ids", name);
        // feed-rs fills in ids it cannot find; count the XML's own too.
        let own = doc
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "id" | "guid"))
            .filter(|n| {
                n.parent()
                    .is_some_and(|p| matches!(p.tag_name().name(), "entry" | "item"))
            })
            .count();
        prop_assert_eq!(
            own,
            feed.entries.len(),
            "{}: an entry without its own id",
            name
        );
        let found = executable_markup(text);
        prop_assert!(found.is_empty(), "{}:\n{}", name, found.join("\n"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_entries_give_valid_clean_feeds(items in proptest::collection::vec(generated(), 1..6)) {
        let entries = items.iter().enumerate().map(|(i, g)| entry(i, g)).collect();
        check_feeds(entries)?;
    }

    #[test]
    fn generated_press_pages_give_valid_clean_feeds(
        blocks in proptest::collection::vec((0u8..5, text(3), 1u32..29, 0usize..12), 1..12)
    ) {
        const MONTHS: [&str; 12] = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre",
        ];
        // Pages in the shapes the scanner reads, with generated titles, outlets, excerpts
        // and URL tails (duplicates included: the merge must keep ids unique).
        let mut page = String::new();
        for (i, (shape, words, day, month)) in blocks.iter().enumerate() {
            let date = format!("{day} {} 2023", MONTHS[*month]);
            let url = format!("https://www.example.org/{}/{}", i % 4, words.chars().filter(|c| c.is_ascii_alphanumeric()).take(12).collect::<String>());
            let one_line = words.replace(['\n', '\r'], " ");
            match shape {
                0 => page.push_str(&format!("**Le {date}**\n\n[{one_line}]({url})\n\n")),
                1 => page.push_str(&format!("#### {one_line}\n\n[{one_line}, {date}]({url})\n\n« {words} »\n\n")),
                2 => page.push_str(&format!("**{date}** — [{one_line}]({url})\n\n")),
                3 => page.push_str(&format!("### En 2023\n\n{words}\n\n")),
                _ => page.push_str(&format!("[{one_line}, {date}]({url}) : « {one_line} »\n\n")),
            }
        }
        let config = Config::default();
        let (entries, _) = press_review::parse_page(Path::new("revue-de-presse/p.md"), &page, 4, &config);
        check_feeds(entries)?;
    }
}
