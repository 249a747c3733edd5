//! Hostile input: every bad file gets a clear diagnostic, and the rest of the site still
//! publishes, with nothing written outside `feeds/`, no output named by front matter, and no
//! executable markup in any feed. Also: embargoes never leak.
//!
//! The tree is the shipped `releases/` plus `tests/hostile/{communiques,agenda,revue-de-presse}`
//! plus files made at test time (too big to commit, or special: symlink, FIFO, odd names).

use crate::support::clock::{at, now};
use crate::support::feed::{self, read_with_text as read_feed};
use crate::support::files::{copy_tree, files_below};
use crate::support::markup::executable_markup;
use crate::support::site::{self, FEEDS, releases_dir, unlimited as config};
use chrono::{DateTime, FixedOffset};
use communique::pipeline::{self, BuildReport, Site};
use communique::source::text::slugify;
use communique::{Config, Diagnostic, Problem, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Written outside the releases tree; a symlink points at it. Must never be published.
const SECRET: &str = "SECRET-HORS-ARBORESCENCE-7f3a";

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Runs a build on another thread so that a build blocked on the FIFO fails the test
/// instead of hanging it (the guard is generous: it only catches a hang).
fn build_guarded(releases: &Path, out: &Path, now: DateTime<FixedOffset>) -> BuildReport {
    let paths = site::paths(releases, out);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(pipeline::build(config(), paths, now).map_err(|e| e.to_string()));
    });
    match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(result) => result.unwrap_or_else(|e| panic!("build failed: {e}")),
        Err(_) => panic!("the build did not finish: blocked on the FIFO or looping"),
    }
}

/// The entry ids of a feed, as a set.
fn ids(path: &Path) -> BTreeSet<String> {
    feed::ids(path).into_iter().collect()
}

/// A sandbox: `releases/` = shipped + hostile corpus + generated files, `outside/` holds
/// the symlink targets, `feeds/` is the output.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn releases(&self) -> PathBuf {
        self.dir.path().join("releases")
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("feeds")
    }
}

fn hostile_tree() -> Tree {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    copy_tree(&releases_dir(), &releases);
    for kind in ["communiques", "agenda", "revue-de-presse"] {
        copy_tree(&hostile_dir().join(kind), &releases.join(kind));
    }
    let c = releases.join("communiques");

    // 5 MB: over the 1 MiB limit, refused from its size (never read into memory whole).
    let mut huge = b"---\ntitle: Trop gros\ndate: 2024-01-01\n---\n".to_vec();
    huge.resize(5 * 1024 * 1024, b'a');
    fs::write(c.join("enorme.md"), huge).unwrap();

    // 10,000-deep YAML flow sequence on line 4.
    fs::write(
        c.join("yaml-profond.md"),
        format!(
            "---\ntitle: Profond\ndate: 2024-01-01\nk: {}{}\n---\nCorps.\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    )
    .unwrap();

    // 10,000-deep Markdown block quote; the body starts on line 5.
    fs::write(
        c.join("citations-profondes.md"),
        format!(
            "---\ntitle: Citations\ndate: 2024-01-01\n---\n{} fond\n",
            "> ".repeat(10_000)
        ),
    )
    .unwrap();

    // A 100,000-character title in front matter (line 2): over the front matter budget.
    let title = |n: usize| {
        "Titre "
            .repeat(n / 6 + 1)
            .chars()
            .take(n)
            .collect::<String>()
    };
    fs::write(
        c.join("titre-immense.md"),
        format!(
            "---\ntitle: \"{}\"\ndate: 2024-02-05 10:00:00 +01:00\n---\nCorps.\n",
            title(100_000)
        ),
    )
    .unwrap();
    // A 10,000-character title on line 2: published, cut, with a warning.
    fs::write(
        c.join("titre-long.md"),
        format!(
            "---\ntitle: \"{}\"\ndate: 2024-02-05 11:00:00 +01:00\n---\nCorps.\n",
            title(10_000)
        ),
    )
    .unwrap();
    // A converted communiqué (no front matter) whose title heading, on line 5, is 100,000
    // characters long: published, cut, with a warning.
    fs::write(
        c.join("titre-immense-converti.md"),
        format!(
            "**GOUVERNEMENT**\n\n## COMMUNIQUÉ DE PRESSE\n\n### **{}**\n\nParis, le 6 février 2024\n\nCorps du communiqué converti.\n",
            title(100_000)
        ),
    )
    .unwrap();

    // Names that give no slug: `...md` (a hidden file to the scanner) and `---.md`.
    let no_slug = "---\ntitle: Sans nom\ndate: 2024-01-01\n---\nCorps.\n";
    fs::write(c.join("...md"), no_slug).unwrap();
    fs::write(c.join("---.md"), no_slug).unwrap();

    // A symlink to a file outside the tree, and to a directory outside the tree.
    let outside = dir.path().join("outside");
    fs::create_dir_all(outside.join("dossier")).unwrap();
    let secret = format!("---\ntitle: {SECRET}\ndate: 2024-01-01\n---\n{SECRET}\n");
    fs::write(outside.join("secret.md"), &secret).unwrap();
    fs::write(outside.join("dossier/secret-aussi.md"), &secret).unwrap();
    symlink(outside.join("secret.md"), c.join("lien-symbolique.md")).unwrap();
    symlink(outside.join("dossier"), c.join("dossier-lie")).unwrap();

    // A FIFO nobody writes to: opening it would block the build forever.
    let fifo = std::ffi::CString::new(c.join("tube.md").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a directory entry.
    assert_eq!(unsafe { libc_mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    Tree { dir }
}

unsafe extern "C" {
    #[link_name = "mkfifo"]
    fn libc_mkfifo(path: *const std::ffi::c_char, mode: u32) -> i32;
}

/// What the person who dropped each file is told.
struct Expected {
    file: &'static str,
    severity: Severity,
    problem: fn(&Problem) -> bool,
    /// `Some(n)`: the message names line n; `None`: the whole file is concerned.
    line: Option<usize>,
}

fn expected() -> Vec<Expected> {
    use Severity::{Error, Warning};
    vec![
        Expected {
            file: "communiques/bombe-alias.md",
            severity: Error,
            problem: |p| matches!(p, Problem::Yaml(m) if m.contains("budget")),
            // Somewhere in the front matter (lines 2–12).
            line: None,
        },
        Expected {
            file: "communiques/vide.md",
            severity: Error,
            problem: |p| *p == Problem::Empty,
            line: None,
        },
        Expected {
            file: "communiques/front-matter-seul.md",
            severity: Error,
            problem: |p| *p == Problem::MissingDate,
            // In the front matter, where the date goes.
            line: Some(2),
        },
        Expected {
            file: "communiques/front-matter-ouvert.md",
            severity: Error,
            problem: |p| *p == Problem::UnterminatedFrontMatter,
            line: Some(1),
        },
        Expected {
            // \x01 \x02 \x0b on line 2; \x07 \x1b \x7f, U+FFFE, U+FFFF, NUL below: 9.
            file: "communiques/controles-bom-crlf.md",
            severity: Warning,
            problem: |p| *p == Problem::ControlCharacters { count: 9 },
            line: Some(2),
        },
        Expected {
            // `---\n` (4 bytes) + `title: Communiqu` (16): the é is byte 20, line 2 col 17.
            file: "communiques/latin1.md",
            severity: Warning,
            problem: |p| *p == Problem::InvalidUtf8 { offset: 20 },
            line: Some(2),
        },
        Expected {
            // CR-only line ends: `---`, `title: …`, `---`, then `**Le 8 f\xe9vrier` on line 4.
            file: "revue-de-presse/cr-seul.md",
            severity: Warning,
            problem: |p| *p == Problem::InvalidUtf8 { offset: 41 },
            line: Some(4),
        },
        Expected {
            file: "communiques/enorme.md",
            severity: Error,
            problem: |p| {
                *p == Problem::TooLarge {
                    size: 5 * 1024 * 1024,
                    limit: 1024 * 1024,
                }
            },
            line: None,
        },
        Expected {
            file: "communiques/yaml-profond.md",
            severity: Error,
            problem: |p| matches!(p, Problem::Yaml(_)),
            line: Some(4),
        },
        Expected {
            file: "communiques/citations-profondes.md",
            severity: Error,
            problem: |p| {
                *p == Problem::TooDeep {
                    depth: 10_000,
                    limit: 32,
                }
            },
            line: Some(5),
        },
        Expected {
            file: "communiques/titre-immense.md",
            severity: Error,
            problem: |p| matches!(p, Problem::FrontMatterTooLarge { limit: 65_536, .. }),
            line: Some(2),
        },
        Expected {
            file: "communiques/titre-long.md",
            severity: Warning,
            problem: |p| matches!(p, Problem::TitleTooLong { .. }),
            line: Some(2),
        },
        Expected {
            file: "communiques/titre-immense-converti.md",
            severity: Warning,
            problem: |p| matches!(p, Problem::TitleTooLong { .. }),
            line: Some(5),
        },
        Expected {
            file: "communiques/---.md",
            severity: Error,
            problem: |p| *p == Problem::BadSlug,
            line: None,
        },
        Expected {
            file: "communiques/lien-symbolique.md",
            severity: Error,
            problem: |p| *p == Problem::Symlink,
            line: None,
        },
        Expected {
            file: "communiques/tube.md",
            severity: Error,
            problem: |p| *p == Problem::NotRegularFile,
            line: None,
        },
        Expected {
            file: "revue-de-presse/revue-piegee.md",
            severity: Warning,
            problem: |p| matches!(p, Problem::ActiveLink { scheme } if scheme == "javascript:"),
            line: Some(6),
        },
    ]
}

fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}\n"))
        .collect::<String>()
}

#[test]
fn every_hostile_file_gets_a_clear_diagnostic() {
    let tree = hostile_tree();
    let report = build_guarded(&tree.releases(), &tree.out(), now());
    let all = describe(&report.diagnostics);
    for want in expected() {
        let found: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.file == Path::new(want.file) && (want.problem)(&d.problem))
            .collect();
        assert!(
            !found.is_empty(),
            "{}: expected diagnostic missing; got:\n{all}",
            want.file
        );
        let d = found[0];
        assert_eq!(d.severity, want.severity, "{d}");
        assert!(d.hint_text().is_some_and(|h| !h.is_empty()), "{d}: no hint");
        match want.line {
            Some(line) => assert_eq!(d.line, line, "{d}"),
            None if want.file.ends_with("bombe-alias.md") => {
                assert!(
                    (2..=12).contains(&d.line),
                    "{d}: line inside the front matter"
                )
            }
            // The whole file is concerned: the message names no line.
            None => assert_eq!(d.line, 0, "{d}"),
        }
    }
    // The alias bomb and the deep YAML are reported as YAML errors, not as a crash or OOM.
    // Files behind a symlinked directory are not even listed; the hidden `...md` neither.
    for d in &report.diagnostics {
        let file = d.file.to_string_lossy();
        assert!(
            !file.contains("dossier-lie") && !file.contains("secret"),
            "{d}"
        );
        assert!(!file.ends_with("/...md"), "{d}");
    }
    // The files that are fine apart from their hostility carry no error.
    for ok in [
        "communiques/balises-actives.md",
        "communiques/chemins-hostiles.md",
        "communiques/controles-bom-crlf.md",
        "communiques/latin1.md",
        "communiques/titre-long.md",
        "communiques/titre-immense-converti.md",
        "agenda/evenement-piege.md",
        "revue-de-presse/revue-piegee.md",
        "revue-de-presse/cr-seul.md",
    ] {
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && d.file == Path::new(ok))
            .collect();
        assert!(errors.is_empty(), "{ok}: {errors:#?}");
    }
}

#[test]
fn a_name_without_letters_never_chooses_a_path() {
    // Loaded directly (the scanner skips hidden files), `...md` has no usable slug.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("communiques")).unwrap();
    fs::write(
        dir.path().join("communiques/...md"),
        "---\ntitle: T\ndate: 2024-01-01\n---\nx\n",
    )
    .unwrap();
    let loaded = communique::source::load_file(
        dir.path(),
        Path::new("communiques/...md"),
        &Config::default(),
    );
    assert!(loaded.entries.is_empty());
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.diagnostics[0].problem, Problem::BadSlug);
}

/// Every file below `dir` except those below `skip` (relative names).
fn files_except(dir: &Path, skip: &[&str]) -> BTreeSet<PathBuf> {
    files_below(dir)
        .into_iter()
        .filter(|p| !skip.iter().any(|s| p.starts_with(s)))
        .collect()
}

#[test]
fn the_rest_of_the_site_still_publishes_and_nothing_escapes() {
    // Reference: the shipped releases alone.
    let shipped_out = tempfile::tempdir().unwrap();
    build_guarded(&releases_dir(), shipped_out.path(), now());

    let tree = hostile_tree();
    let before = files_except(tree.dir.path(), &["feeds", ".communique"]);
    build_guarded(&tree.releases(), &tree.out(), now());

    // Nothing was written anywhere but feeds/ and the state beside it (releases/ and
    // outside/ are untouched).
    let after = files_except(tree.dir.path(), &["feeds", ".communique"]);
    assert_eq!(before, after, "files appeared or vanished outside feeds/");
    let secret = fs::read_to_string(tree.dir.path().join("outside/secret.md")).unwrap();
    assert!(secret.contains(SECRET));

    // Every shipped entry is still in every feed.
    for feed in FEEDS {
        let shipped = ids(&shipped_out.path().join(feed));
        assert!(
            !shipped.is_empty(),
            "{feed}: the reference build published nothing"
        );
        let published = ids(&tree.out().join(feed));
        let missing: Vec<_> = shipped.difference(&published).collect();
        assert!(
            missing.is_empty(),
            "{feed}: shipped entries lost: {missing:?}"
        );
    }

    // Counted by hand: communiqués = the seed + balises-actives, chemins-hostiles,
    // controles-bom-crlf, latin1, titre-long, titre-immense-converti; agenda = the seed + evenement-piege;
    // revue de presse = the 66 shipped articles + 2 from revue-piegee (its javascript:,
    // data: and vbscript: links are not articles) + 1 from cr-seul.
    for (feed, count) in [
        ("communiques/atom.xml", 7),
        ("agenda/atom.xml", 2),
        ("revue-de-presse/atom.xml", 69),
        ("atom.xml", 78),
        ("rss.xml", 78),
    ] {
        assert_eq!(
            read_feed(&tree.out().join(feed)).1.entries.len(),
            count,
            "{feed}"
        );
    }

    // Outputs are named only from file names: feeds and pdf/<slug>.pdf for
    // a communiqué's file name. `url: /`, `slug: ../../etc`, `permalink: /etc/passwd`… chose
    // nothing.
    let mut allowed: BTreeSet<PathBuf> = FEEDS.iter().map(PathBuf::from).collect();
    let communique_slugs: BTreeSet<String> = files_below(&tree.releases().join("communiques"))
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().and_then(slugify))
        .collect();
    for slug in &communique_slugs {
        allowed.insert(PathBuf::from(format!("pdf/{slug}.pdf")));
    }
    for fixed in [
        "feed.json",
        "communiques/feed.json",
        "agenda/feed.json",
        "revue-de-presse/feed.json",
        "agenda/agenda.ics",
        "index.html",
    ] {
        allowed.insert(PathBuf::from(fixed));
    }
    let outputs: BTreeSet<PathBuf> = files_below(&tree.out()).into_iter().collect();
    // Tag feeds and archive pages are named by slugify ([a-z0-9-]) and page numbers only.
    let feed_file = |name: &str| matches!(name, "atom.xml" | "rss.xml" | "feed.json");
    let named_safely = |path: &Path| {
        let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
        let slug = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        match parts.as_slice() {
            ["tags", tag, file] => slug(tag) && feed_file(file),
            ["tags", tag, "archive", n, file] | [tag, "archive", n, file] => {
                slug(tag) && n.bytes().all(|b| b.is_ascii_digit()) && feed_file(file)
            }
            ["archive", n, file] => n.bytes().all(|b| b.is_ascii_digit()) && feed_file(file),
            _ => false,
        }
    };
    let unexpected: Vec<_> = outputs
        .difference(&allowed)
        .filter(|path| !named_safely(path))
        .collect();
    assert!(
        unexpected.is_empty(),
        "outputs not named from a file name: {unexpected:?}"
    );
    for name in &outputs {
        let name = name.to_string_lossy();
        assert!(!name.contains("etc") && !name.contains("passwd") && !name.contains("evil"));
    }
    let pdfs: BTreeSet<String> = outputs
        .iter()
        .filter(|p| p.starts_with("pdf"))
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    // Exactly the published communiqués have a PDF.
    let want: BTreeSet<String> = [
        "communique-nec-2023",
        "balises-actives",
        "chemins-hostiles",
        "controles-bom-crlf",
        "latin1",
        "titre-long",
        "titre-immense-converti",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(pdfs, want);

    // Nothing of the symlinked secret, the refused files or the oversized title leaks.
    for rel in &outputs {
        let bytes = fs::read(tree.out().join(rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET),
            "{}: symlink target published",
            rel.display()
        );
        assert!(
            !text.contains("Trop gros") && !text.contains("Citations"),
            "{}",
            rel.display()
        );
    }
    for feed in FEEDS {
        let (raw, parsed) = read_feed(&tree.out().join(feed));
        for entry in &parsed.entries {
            let title = entry
                .title
                .as_ref()
                .map_or(0, |t| t.content.chars().count());
            assert!(
                title <= 1_001,
                "{feed}: a {title}-character title reached a reader"
            );
        }
        assert!(raw.len() < 1024 * 1024, "{feed}: {} bytes", raw.len());
    }
}

#[test]
fn no_executable_markup_reaches_any_feed() {
    let tree = hostile_tree();
    build_guarded(&tree.releases(), &tree.out(), now());
    let mut published_hostile = 0;
    for feed in FEEDS {
        let (raw, parsed) = read_feed(&tree.out().join(feed));
        let found = executable_markup(&raw);
        assert!(found.is_empty(), "{feed}:\n{}", found.join("\n"));
        for bad in [
            '\u{0}', '\u{1}', '\u{7}', '\u{b}', '\u{1b}', '\u{7f}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(
                !raw.contains(bad),
                "{feed}: U+{:04X} in the XML",
                bad as u32
            );
        }
        // Some hostile entries really are in this feed, so the check above saw them.
        published_hostile += parsed
            .entries
            .iter()
            .filter(|e| {
                e.title
                    .as_ref()
                    .is_some_and(|t| t.content.contains("Balises") || t.content.contains("Atelier"))
            })
            .count();
        // The legitimate link survives sanitising, made absolute.
        if feed == "communiques/atom.xml" {
            assert!(
                raw.contains("https://www.numerique.gouv.fr/espace-presse/"),
                "{feed}"
            );
        }
    }
    assert!(
        published_hostile >= 4,
        "hostile entries missing from the feeds"
    );
}

// ---------------------------------------------------------------------------------------
// Embargo never leaks.

const EMBARGOED: &str = "---\ntitle: Annonce confidentielle Zorglub\ndate: 2026-11-23 09:00:00 +01:00\nembargo: 2026-11-24 08:00:00 +01:00\n---\nLe projet Zorglub sera annoncé demain.\n";

/// Every file name and every byte below `out`, searched for any of `needles`.
fn leaks(out: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for rel in files_below(out) {
        let name = rel.to_string_lossy().to_lowercase();
        let text = String::from_utf8_lossy(&fs::read(out.join(&rel)).unwrap()).to_lowercase();
        for needle in needles {
            let needle = needle.to_lowercase();
            if name.contains(&needle) || text.contains(&needle) {
                found.push(format!("{}: {needle}", rel.display()));
            }
        }
    }
    found
}

/// Whether the main Atom feed holds the embargoed communiqué.
fn in_main_feed(out: &Path) -> bool {
    feed::titles(&out.join("atom.xml"))
        .iter()
        .any(|t| t.contains("Zorglub"))
}

fn embargo_tree() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    copy_tree(&releases_dir(), &releases);
    let out = dir.path().join("feeds");
    (dir, releases, out)
}

#[test]
fn an_embargoed_communique_is_nowhere_before_its_instant_and_everywhere_at_it() {
    let (_dir, releases, out) = embargo_tree();
    fs::write(releases.join("communiques/projet-zorglub.md"), EMBARGOED).unwrap();
    let needles = ["zorglub", "confidentielle"];

    let report = build_guarded(&releases, &out, at("2026-11-24T07:59:59+01:00"));
    assert_eq!(report.next_embargo, Some(at("2026-11-24T08:00:00+01:00")));
    assert_eq!(leaks(&out, &needles), Vec::<String>::new());
    assert!(!out.join("pdf/projet-zorglub.pdf").exists());
    assert_eq!(
        ids(&out.join("communiques/atom.xml")).len(),
        1,
        "only the seed"
    );

    let report = build_guarded(&releases, &out, at("2026-11-24T08:00:00+01:00"));
    assert_eq!(report.next_embargo, None);
    let feed = fs::read_to_string(out.join("communiques/atom.xml")).unwrap();
    assert!(feed.contains("Zorglub"), "published at its instant");
    assert_eq!(ids(&out.join("communiques/atom.xml")).len(), 2);
    assert!(in_main_feed(&out), "published");
    assert!(
        out.join("pdf/projet-zorglub.pdf").is_file(),
        "its PDF appears with it"
    );
}

#[test]
fn adding_an_embargo_withdraws_a_published_communique_and_its_pdf() {
    let (_dir, releases, out) = embargo_tree();
    let file = releases.join("communiques/projet-zorglub.md");
    let published = EMBARGOED.replace("embargo: 2026-11-24 08:00:00 +01:00\n", "");
    fs::write(&file, &published).unwrap();
    build_guarded(&releases, &out, now());
    assert!(in_main_feed(&out), "published");
    assert!(
        out.join("pdf/projet-zorglub.pdf").is_file(),
        "published with its PDF"
    );

    fs::write(&file, EMBARGOED).unwrap();
    let report = build_guarded(&releases, &out, now());
    assert_eq!(
        leaks(&out, &["zorglub", "confidentielle"]),
        Vec::<String>::new()
    );
    assert!(
        report
            .removed
            .contains(&PathBuf::from("pdf/projet-zorglub.pdf")),
        "{:?}",
        report.removed
    );
    assert!(!out.join("pdf/projet-zorglub.pdf").exists());
    assert_eq!(ids(&out.join("communiques/atom.xml")).len(), 1);
}

#[test]
fn adding_an_embargo_withdraws_it_in_a_long_running_site_too() {
    // The watcher keeps one Site, whose "last good version" stands in for a file whose new
    // version has errors. An embargo added to a published file must withdraw it, even
    // when the embargo cannot be read (fail closed), and must not leave it in the feeds.
    let (_dir, releases, out) = embargo_tree();
    let file = releases.join("communiques/projet-zorglub.md");
    let public = EMBARGOED.replace("embargo: 2026-11-24 08:00:00 +01:00\n", "");
    let mut site = Site::new(config(), site::paths(&releases, &out)).unwrap();
    let in_catalog = |site: &Site| {
        site.catalog(now())
            .0
            .entries
            .iter()
            .any(|e| e.title.contains("Zorglub"))
    };
    for embargo in [
        "2026-11-24 08:00:00 +01:00",
        "demain à l'aube",
        "2026-13-45",
    ] {
        fs::write(&file, &public).unwrap();
        site.rescan().unwrap();
        site.publish(now()).unwrap();
        assert!(in_catalog(&site), "published before the embargo is added");
        assert!(in_main_feed(&out), "published");

        // Written with a new length, so the rescan sees the change whatever the mtime.
        fs::write(
            &file,
            EMBARGOED.replace("2026-11-24 08:00:00 +01:00", embargo),
        )
        .unwrap();
        site.rescan().unwrap();
        site.publish(now()).unwrap();
        assert!(
            !in_catalog(&site),
            "embargo `{embargo}`: still in the catalog"
        );
        assert_eq!(
            leaks(&out, &["zorglub", "confidentielle"]),
            Vec::<String>::new(),
            "embargo `{embargo}`"
        );
    }
}

#[test]
fn an_unreadable_embargo_keeps_the_file_out_with_an_error_naming_the_line() {
    let (_dir, releases, out) = embargo_tree();
    fs::write(
        releases.join("communiques/projet-zorglub.md"),
        EMBARGOED.replace("2026-11-24 08:00:00 +01:00", "le 24 au matin"),
    )
    .unwrap();
    let report = build_guarded(&releases, &out, now());
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.file == Path::new("communiques/projet-zorglub.md"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", describe(&report.diagnostics));
    assert!(errors[0].is_error());
    assert_eq!(
        errors[0].problem,
        Problem::BadEmbargo {
            value: "le 24 au matin".into()
        }
    );
    assert_eq!(errors[0].line, 4, "the `embargo:` line");
    assert!(
        errors[0]
            .hint_text()
            .unwrap_or_default()
            .contains("embargo")
    );
    assert_eq!(
        leaks(&out, &["zorglub", "confidentielle"]),
        Vec::<String>::new()
    );
    // Even far in the future an unreadable embargo never lifts.
    let later = build_guarded(&releases, &out, at("2099-01-01T00:00:00+01:00"));
    assert!(later.error_count() >= 1);
    assert_eq!(
        leaks(&out, &["zorglub", "confidentielle"]),
        Vec::<String>::new()
    );
}

#[test]
fn diagnostics_name_files_relative_to_releases() {
    // A message names the file the person dropped, never an absolute or `..` path.
    let tree = hostile_tree();
    let report = build_guarded(&tree.releases(), &tree.out(), now());
    let mut by_file: BTreeMap<&Path, usize> = BTreeMap::new();
    for d in &report.diagnostics {
        assert!(d.file.is_relative(), "{d}");
        assert!(
            !d.file
                .components()
                .any(|c| c == std::path::Component::ParentDir),
            "{d}"
        );
        *by_file.entry(&d.file).or_default() += 1;
    }
    assert!(by_file.len() >= expected().len(), "{by_file:#?}");
}
