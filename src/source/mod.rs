//! Reads `releases/` and understands every input shape; produces `model::Entry` values.
//!
//! A file gives zero or more entries and diagnostics; one bad file never affects another.

pub mod communique;
pub mod dates;
pub mod event;
pub mod fields;
pub mod front_matter;
pub mod kind;
pub mod links;
pub mod page;
pub mod press_review;
pub mod read;
pub mod scan;
pub mod text;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Entry, Kind, Origin, PubDate};
use fields::{get, text as field_text};
use front_matter::Document;
use serde_json::{Map, Value};
use std::path::Path;

/// What one file gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file asks to be kept out (an `embargo:` that cannot be read): nothing may stand
    /// in for it, not even the last good version a long-running site keeps for broken edits.
    pub withheld: bool,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn failed(diagnostic: Diagnostic) -> Self {
        Loaded {
            entries: Vec::new(),
            diagnostics: vec![diagnostic],
            withheld: false,
        }
    }
}

/// Titles longer than this are cut (with a warning): feed readers and PDF pages choke on them.
const MAX_TITLE_CHARS: usize = 1_000;

/// Reads and understands `root/rel` (`rel` relative to the releases directory).
pub fn load_file(root: &Path, rel: &Path, config: &Config) -> Loaded {
    match read::read_bytes(root, rel, &config.limits) {
        Ok(bytes) => load_bytes(rel, &bytes, config),
        Err(diagnostic) => Loaded::failed(diagnostic),
    }
}

/// Understands the raw bytes of a release (any encoding problem is reported, not fatal).
pub fn load_bytes(rel: &Path, bytes: &[u8], config: &Config) -> Loaded {
    match read::decode(rel, bytes) {
        Ok(release) => {
            let mut loaded = load_text(rel, &release.text, config);
            let mut diagnostics = release.warnings;
            diagnostics.append(&mut loaded.diagnostics);
            loaded.diagnostics = diagnostics;
            loaded
        }
        Err(diagnostic) => Loaded::failed(diagnostic),
    }
}

/// Understands already-decoded text; `rel` names it in entries and messages.
pub fn load_text(rel: &Path, text: &str, config: &Config) -> Loaded {
    let doc = match front_matter::parse(rel, text, &config.limits) {
        Ok(doc) => doc,
        Err(diagnostic) => return Loaded::failed(diagnostic),
    };
    if is_unpublished(&doc.fields) {
        return Loaded::default();
    }
    let depth = text::nesting_depth(doc.body);
    if depth > config.limits.markdown_max_nesting {
        return Loaded::failed(
            Diagnostic::error(
                rel,
                Problem::TooDeep {
                    depth,
                    limit: config.limits.markdown_max_nesting,
                },
            )
            .at(doc.body_first_line, 1)
            .hint("flatten the nested quotes or lists"),
        );
    }
    let mut diagnostics = Vec::new();
    let embargo = match embargo(rel, &doc, config) {
        Ok(embargo) => embargo,
        // Fail closed: an unreadable embargo withdraws the file, even one already published
        // (adding `embargo: demain à l'aube` to a published file left it in the feeds).
        Err(diagnostic) => {
            return Loaded {
                withheld: true,
                ..Loaded::failed(diagnostic)
            };
        }
    };
    let mut entries = match kind::detect(rel, &doc, config) {
        Some(Kind::PressReview) => press_review_entries(rel, &doc, config, &mut diagnostics),
        Some(kind) => match release_entry(rel, kind, &doc, config, &mut diagnostics) {
            Some(entry) => vec![entry],
            None => Vec::new(),
        },
        None => {
            diagnostics.push(
                Diagnostic::warning(rel, Problem::UnknownShape)
                    .hint("put the file in releases/communiques, releases/agenda or releases/revue-de-presse, or add `layout: communique`"),
            );
            Vec::new()
        }
    };
    for entry in &mut entries {
        entry.embargo = embargo;
    }
    Loaded {
        entries,
        diagnostics,
        withheld: false,
    }
}

fn is_unpublished(fields: &Map<String, Value>) -> bool {
    fields::boolean(get(fields, &["published"])) == Some(false)
        || fields::boolean(get(fields, &["draft"])) == Some(true)
}

/// An unreadable embargo is an error: publishing too early is worse than not publishing.
fn embargo(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>, Diagnostic> {
    let Some(value) = field_text(get(&doc.fields, &["embargo"])) else {
        return Ok(None);
    };
    match dates::parse_date(&value, config.time_zone) {
        Some(date) => Ok(Some(date.at)),
        None => Err(Diagnostic::error(rel, Problem::BadDate { value })
            .at(doc.key_line(&["embargo"]), 0)
            .hint("write the embargo as `2024-03-01 08:00:00 +01:00`; the file stays unpublished until it reads")),
    }
}

fn press_review_entries(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let (mut entries, mut found) =
        press_review::parse_page(rel, doc.body, doc.body_first_line, config);
    diagnostics.append(&mut found);
    // Old Jekyll pages list articles in front matter: `communiques: [{title, date, url}]`.
    if let Some(Value::Array(items)) = get(&doc.fields, &["communiques", "articles"]) {
        for item in items {
            let Some(map) = item.as_object() else {
                continue;
            };
            let title = field_text(get(map, &["title", "titre"]));
            let url = field_text(get(map, &["url", "lien"]));
            let date = field_text(get(map, &["date"]))
                .and_then(|d| dates::parse_date(&d, config.time_zone));
            if let (Some(title), Some(url), Some(date)) = (title, url, date) {
                let origin = Origin {
                    file: rel.to_path_buf(),
                    line: 0,
                };
                entries.extend(press_review::article_entry(
                    origin,
                    &title,
                    date,
                    &url,
                    field_text(get(map, &["outlet", "media", "source"])).as_deref(),
                    None,
                    None,
                ));
            }
        }
    }
    if entries.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                rel,
                Problem::Other("no dated article found on this press page".into()),
            )
            .hint("list articles as `**12 septembre 2023**` followed by `[Title](https://…)`"),
        );
    }
    entries
}

/// A communiqué or an event: one entry per file.
fn release_entry(
    rel: &Path,
    kind: Kind,
    doc: &Document<'_>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let fields = &doc.fields;
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let Some(slug) = text::file_slug(stem) else {
        diagnostics
            .push(Diagnostic::error(rel, Problem::BadSlug).hint(
                "name the file with letters and digits, e.g. `lancement-suite-numerique.md`",
            ));
        return None;
    };
    let inferred = communique::infer(doc.body, doc.body_first_line, config);
    let title_line = if field_text(get(fields, &["title", "titre"])).is_some() {
        doc.key_line(&["title", "titre"])
    } else {
        inferred.title_line
    };
    let Some(mut title) = field_text(get(fields, &["title", "titre"])).or(inferred.title) else {
        diagnostics.push(
            Diagnostic::error(rel, Problem::MissingTitle).at(1, 1).hint(
                "add `title: …` to the front matter, or a heading under “COMMUNIQUÉ DE PRESSE”",
            ),
        );
        return None;
    };
    if title.chars().count() > MAX_TITLE_CHARS {
        title = title.chars().take(MAX_TITLE_CHARS).collect::<String>() + "…";
        diagnostics.push(
            Diagnostic::warning(
                rel,
                Problem::Other(format!(
                    "title longer than {MAX_TITLE_CHARS} characters, cut"
                )),
            )
            // Name the title's line: a 100,000-character title gave a message without one.
            .at(title_line, 0)
            .hint("put the detail in `chapeau-text` or the body"),
        );
    }
    let event = (kind == Kind::Event).then(|| event::info(rel, doc, config, diagnostics));
    let date = match front_matter_date(rel, doc, config) {
        Ok(Some(date)) => date,
        Ok(None) => match inferred
            .date
            .or_else(|| event.as_ref().and_then(|e| e.start))
        {
            Some(date) => date,
            None => {
                diagnostics.push(
                    Diagnostic::error(rel, Problem::MissingDate)
                        .at(1, 1)
                        .hint("add `date: 2023-09-12 10:00:00 +02:00` to the front matter, or a dateline `Paris, le 12 septembre 2023`"),
                );
                return None;
            }
        },
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let declared = if kind::is_blog_post(doc) {
        None
    } else {
        field_text(get(fields, &["categories", "categorie", "category"])).or_else(|| {
            fields::texts(get(fields, &["categories", "categorie"]))
                .into_iter()
                .next()
        })
    };
    let summary = fields::markdown(get(
        fields,
        &[
            "chapeau-text",
            "chapeau",
            "excerpt",
            "description",
            "summary",
        ],
    ))
    .map(|s| text::clean_markdown(&s).trim().to_string());
    // An excerpt that only says "Communiqué de presse" names the document type; it is no lead.
    let (summary, labelled) = match summary {
        Some(s) if kind::is_press_category(&s) => (None, Some(s)),
        other => (other, None),
    };
    let category = declared.or(labelled).or(inferred.category);
    // A bold paragraph after the dateline is the lead only when front matter gives none;
    // otherwise it is body text and goes back where it was.
    let (summary, body) = match (summary, inferred.lead) {
        (Some(summary), Some(lead)) => (Some(summary), format!("**{lead}**\n\n{}", inferred.body)),
        (summary, lead) => (summary.or(lead), inferred.body),
    };
    let page = page::page(rel, kind, doc, &date, config, diagnostics)?;
    let updated = updated(rel, doc, config, diagnostics);
    links::check(rel, doc.body, doc.body_first_line, diagnostics);
    let summary_keys = [
        "chapeau-text",
        "chapeau",
        "excerpt",
        "description",
        "summary",
    ];
    if let Some(summary) = fields::markdown(get(fields, &summary_keys)) {
        // Front matter text: its links are reported on the key's line.
        let line = doc.key_line(&summary_keys);
        links::check(rel, &summary, line, diagnostics);
    }
    let attachments = fields::attachments(fields);
    for attachment in &attachments {
        links::check_one(
            rel,
            &attachment.url,
            doc.key_line(&["files", "communique_file"]),
            diagnostics,
        );
    }
    Some(Entry {
        kind,
        // Feed ids come from the key. The slug is the one ids were always minted from for
        // names up to 120 characters; a longer name ends with a hash of the whole name, so
        // two long names sharing a beginning are two entries (they used to collide).
        key: format!("{}/{}", kind.slug(), slug),
        slug,
        title,
        date,
        category,
        tags: fields::texts(get(fields, &["tags", "mots-cles"])),
        summary,
        body: text::clean_markdown(&body),
        place: field_text(get(fields, &["place", "lieu-communique"])).or(inferred.place),
        contact: fields::contact(
            get(fields, &["contact-presse", "contact_presse", "contact"]),
            &config.default_contact,
        )
        .filter(|c| *c != config.default_contact)
        .or(inferred.contact),
        attachments,
        images: fields::images(fields),
        event,
        article: None,
        embargo: None,
        origin: Origin {
            file: rel.to_path_buf(),
            line: 1,
        },
        also_in: Vec::new(),
        updated,
        page: Some(page),
    })
}

/// `updated:` / `last_modified_at:` (jekyll-last-modified-at's key): a correction date.
/// Unreadable, it is ignored with a warning: the entry itself is still right.
fn updated(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PubDate> {
    const KEYS: [&str; 3] = ["updated", "last_modified_at", "last-modified-at"];
    let value = field_text(get(&doc.fields, &KEYS))?;
    let date = dates::parse_date(&value, config.time_zone);
    if date.is_none() {
        diagnostics.push(
            Diagnostic::warning(rel, Problem::BadUpdatedDate { value })
                .at(doc.key_line(&KEYS), 0)
                .hint("write `updated: 2024-03-12 10:00:00 +01:00`"),
        );
    }
    date
}

fn front_matter_date(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
) -> Result<Option<PubDate>, Diagnostic> {
    let Some(value) = field_text(get(&doc.fields, &["date"])) else {
        return Ok(None);
    };
    dates::parse_date(&value, config.time_zone)
        .map(Some)
        .ok_or_else(|| {
            Diagnostic::error(rel, Problem::BadDate { value })
                .at(doc.key_line(&["date"]), 0)
                .hint("write `date: 2023-09-12 10:00:00 +02:00`, `date: 2023-09-12` or `date: 12 septembre 2023`")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(rel: &str, text: &str) -> Entry {
        let loaded = load_text(Path::new(rel), text, &Config::default());
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        loaded.entries.into_iter().next().unwrap()
    }

    #[test]
    fn a_blog_post_names_no_document_type_and_an_excerpt_can() {
        // The beta.gouv.fr blog of the corpus: taxonomy in `categories`, the type in `excerpt`.
        let post = "---\nlayout: post\ntitle: Six mois après\ndate: 2018-09-03\n\
                    categories: dinsic presse\nexcerpt: Communiqué de presse\n---\nLe corps.\n";
        let e = entry("_posts/p.md", post);
        assert_eq!(e.kind, Kind::Communique);
        assert_eq!(e.category.as_deref(), Some("Communiqué de presse"));
        assert_eq!(e.summary, None);
        // A real excerpt stays the lead; a Netlify-CMS category stays the type.
        let page = "---\ntitle: T\ndate: 2024-01-01\ncategories: [Dossier de presse]\n\
                    chapeau-text: Le chapeau.\n---\nLe corps.\n";
        let e = entry("communiques/d.md", page);
        assert_eq!(e.category.as_deref(), Some("Dossier de presse"));
        assert_eq!(e.summary.as_deref(), Some("Le chapeau."));
    }
}
