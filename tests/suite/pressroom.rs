//! The press room, `index.html`, as a journalist's browser sees it: parsed by html5ever
//! (no parse error, structure, every link and subscription resolving to a published file,
//! everything escaped), then rendered by headless Chromium with axe-core injected.

use crate::support::clock::now;
use crate::support::files::{copy_tree, files_below, write};
use crate::support::site::{FEEDS_URL, build_clean, releases_dir};
use communique::Config;
use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document, tree_builder::TreeBuilderOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::fs;
use std::path::{Path, PathBuf};

/// The shipped releases, a communiqué whose title and tag try to break out of the HTML,
/// and events before and after `now`.
fn site(root: &Path) -> PathBuf {
    let releases = root.join("releases");
    copy_tree(&releases_dir(), &releases);
    write(
        &releases.join("communiques/piege.md"),
        "---\ntitle: \"<script>alert('x')</script> Tom & Jerry \\\"citent\\\" <b>l'État</b>\"\n\
         date: 2026-10-01 09:00:00 +02:00\ncategories: [Note aux rédactions]\ntags: [\"R&D <numérique>\"]\n\
         chapeau-text: \"Un chapeau avec <img src=x onerror=alert(1)> et des & commerciaux.\"\n---\n\nCorps.\n",
    );
    write(
        &releases.join("agenda/futur.md"),
        "---\ntitle: Conférence de presse sur l'IA\ndate: 2026-11-01 10:00:00 +01:00\n\
         event_start_date: 2026-12-03 10:00:00 +01:00\nevent_end_date: 2026-12-03 12:00:00 +01:00\n\
         lieu: Hôtel de Cassini\nadresse: 32 rue de Babylone, 75007 Paris\n---\n\nSur invitation.\n",
    );
    releases
}

fn build(root: &Path) -> PathBuf {
    let out = root.join("feeds");
    build_clean(&site(root), &out, Config::default(), now());
    out
}

fn parse(text: &str) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    parse_document(RcDom::default(), opts)
        .from_utf8()
        .one(text.as_bytes())
}

/// An element: name, attributes, text content.
type Element = (String, Vec<(String, String)>, String);

/// Every element below `node`, in document order.
fn elements(node: &Handle, out: &mut Vec<Element>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let attrs = attrs
            .borrow()
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        out.push((name.local.to_string(), attrs, text(node)));
    }
    for child in node.children.borrow().iter() {
        elements(child, out);
    }
}

fn text(node: &Handle) -> String {
    let mut out = String::new();
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        out.push_str(&text(child));
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn the_press_room_is_well_formed_french_html_linking_every_feed() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path());
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    let dom = parse(&html);
    assert_eq!(dom.errors.borrow().len(), 0, "{:?}", dom.errors.borrow());
    let mut all = Vec::new();
    elements(&dom.document, &mut all);
    let named = |tag: &'static str| all.iter().filter(move |(n, _, _)| n == tag);

    let (_, html_attrs, _) = named("html").next().unwrap();
    assert_eq!(attr(html_attrs, "lang"), Some("fr"));
    assert_eq!(named("h1").count(), 1);
    assert!(named("title").next().unwrap().2.contains("Espace presse"));
    // Headings never skip a level.
    let mut level = 0;
    for (name, _, text) in &all {
        if let Some(n) = name.strip_prefix('h').and_then(|n| n.parse::<u32>().ok()) {
            assert!(n <= level + 1, "h{n} after h{level}: {text}");
            level = n;
        }
    }
    // No script, no external resource, no style sheet but the inline one.
    assert_eq!(named("script").count(), 0);
    assert_eq!(named("img").count() + named("iframe").count(), 0);
    assert!(all.iter().all(|(_, attrs, _)| attr(attrs, "src").is_none()));
    assert!(
        all.iter()
            .all(|(_, attrs, _)| attr(attrs, "onerror").is_none())
    );
    assert_eq!(named("style").count(), 1);
    assert!(!html.contains("url(") && !html.contains("@import"));

    // Autodiscovery: one alternate per published current feed, each pointing at a file.
    let alternates: Vec<&str> = named("link")
        .filter(|(_, a, _)| attr(a, "rel") == Some("alternate"))
        .map(|(_, a, _)| attr(a, "href").unwrap())
        .collect();
    let feeds: Vec<PathBuf> = files_below(&out)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            matches!(name, "atom.xml" | "rss.xml" | "feed.json" | "agenda.ics")
                && !p.components().any(|c| c.as_os_str() == "archive")
        })
        .collect();
    assert_eq!(alternates.len(), feeds.len(), "{alternates:?}");
    for href in &alternates {
        let rel = href.strip_prefix(FEEDS_URL).unwrap();
        assert!(out.join(rel).is_file(), "{href}");
    }
    // Every relative link (feeds, PDFs, iCalendar) resolves to a published file, and each
    // current feed is offered in the page too.
    let hrefs: Vec<&str> = named("a")
        .map(|(_, a, _)| attr(a, "href").unwrap())
        .collect();
    for href in hrefs
        .iter()
        .filter(|h| !h.contains(':') && !h.starts_with('#'))
    {
        assert!(
            out.join(href).is_file(),
            "{href} is linked but not published"
        );
    }
    for feed in &feeds {
        assert!(
            hrefs.contains(&feed.to_str().unwrap()),
            "{} not offered",
            feed.display()
        );
    }
    assert!(hrefs.contains(&"webcal://www.numerique.gouv.fr/feeds/agenda/agenda.ics"));
    // "R&D <numérique>": tag-like prose is text, kept whole (issue 10): the slug keeps it.
    assert!(hrefs.contains(&"tags/r-d-numerique/atom.xml"), "{hrefs:?}");

    // The PDF link gives the real size, as a French reader expects it.
    let size = fs::metadata(out.join("pdf/communique-nec-2023.pdf"))
        .unwrap()
        .len();
    let (_, _, pdf_text) = named("a")
        .find(|(_, a, _)| attr(a, "href") == Some("pdf/communique-nec-2023.pdf"))
        .unwrap();
    assert!(
        pdf_text.contains(&format!("(PDF, {} Ko)", size.div_ceil(1000))),
        "{pdf_text}"
    );

    // Hostile text is shown as text.
    let title = "<script>alert('x')</script> Tom & Jerry \"citent\" l'État";
    assert!(
        named("a").any(|(_, _, t)| t.contains("Tom & Jerry \"citent\" l'État")),
        "{title}"
    );
    assert!(
        named("p").any(|(_, _, t)| t.contains("Un chapeau avec") && t.contains("& commerciaux"))
    );
    let tag_lines: Vec<&String> = named("li")
        .map(|(_, _, t)| t)
        .filter(|t| t.contains("R&D"))
        .collect();
    assert!(
        tag_lines
            .iter()
            .any(|t| t.starts_with("R&D ‹numérique› (1) : Atom")),
        "{tag_lines:?}"
    );

    // Upcoming and past events, split at the publish instant.
    let body = text(&dom.document);
    let (upcoming, past) = body.split_once("Passés").unwrap();
    assert!(upcoming.contains("Conférence de presse sur l'IA"));
    assert!(upcoming.contains("Le 3 décembre 2026 de 10 h 00 à 12 h 00"));
    assert!(past.contains("Vers un Etat-Partenaire des communs numériques"));
    // Press coverage grouped by outlet.
    assert!(named("h3").any(|(_, _, t)| t == "Acteurs publics"));
}

/// Node, Chromium and the npm tools (`playwright-core`, `axe-core`) or why they are absent.
fn browser_tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Err(format!(
            "{} is absent (apt-get install chromium)",
            chromium.display()
        ));
    }
    let tools = std::env::var_os("COMMUNIQUE_NODE_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/communique-tools"));
    for module in ["playwright-core", "axe-core"] {
        if !tools.join("node_modules").join(module).is_dir() {
            return Err(format!("{module} is not installed in {}", tools.display()));
        }
    }
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("node is absent".into());
    }
    Ok((chromium, tools))
}

#[test]
fn chromium_renders_the_press_room_without_errors_and_axe_finds_no_violation() {
    let (chromium, tools) = match browser_tools() {
        Ok(found) => found,
        Err(why) => {
            eprintln!("SKIP: {why}; the press room was not checked in a browser");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path());
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pressroom.png");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/axe.mjs");
    let run = std::process::Command::new("node")
        .arg(&script)
        .arg(&tools)
        .arg(out.join("index.html"))
        .arg(&screenshot)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "browser run failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(result["axe"].is_string(), "axe-core did not run: {result}");
    assert_eq!(
        result["violations"],
        serde_json::json!([]),
        "axe-core {}",
        result["axe"]
    );
    assert_eq!(result["console"], serde_json::json!([]));
    assert_eq!(result["errors"], serde_json::json!([]));
    assert_eq!(
        result["requests"],
        serde_json::json!([]),
        "external requests"
    );
    let png = fs::read(&screenshot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    eprintln!("screenshot: {}", screenshot.display());
}
