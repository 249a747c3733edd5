//! Reads `releases/` and understands every input shape; produces `model::Entry` values.
//!
//! A file gives zero or more entries and diagnostics; one bad file never affects another.

pub(crate) mod communique;
mod controls;
pub mod dates;
pub(crate) mod embargo_notice;
pub(crate) mod event;
pub(crate) mod fields;
pub(crate) mod front_matter;
pub(crate) mod keys;
pub(crate) mod kind;
pub(crate) mod links;
pub(crate) mod page;
pub(crate) mod placeholder;
pub mod press_review;
pub(crate) mod read;
pub mod scan;
pub mod text;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileFormat, Problem};
use crate::i18n::Message;
use crate::model::{Entry, Kind, Origin, PubDate};
use controls::{embargo, hold, later, notice_embargo, placeholders};
use fields::text as field_text;
use front_matter::Document;
use std::path::Path;

/// What one file gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// What the file publishes: one entry, or one per article of a press-review page.
    pub entries: Vec<Entry>,
    /// Everything found wrong in it, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The file asks to be kept out (an `embargo:` that cannot be read, a misspelled control):
    /// nothing may stand in for it, not even the last good version of a published file.
    pub withheld: bool,
    /// The file is kept out on purpose (`draft: true`, `published: false`).
    pub hold: Option<Hold>,
    /// The file names its own identity (`id:`): no remembered one replaces it.
    pub pinned: bool,
}

/// Why a readable file publishes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// `draft: true`.
    Draft,
    /// `published: false`.
    Unpublished,
}

impl Loaded {
    /// Whether a diagnostic is an error (the file is kept out).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// A file that gave nothing but this diagnostic.
    pub fn failed(diagnostic: Diagnostic) -> Self {
        Loaded {
            entries: Vec::new(),
            diagnostics: vec![diagnostic],
            withheld: false,
            hold: None,
            pinned: false,
        }
    }

    /// Errors that also forbid any earlier version to stand in.
    fn withheld(diagnostics: Vec<Diagnostic>) -> Self {
        Loaded {
            entries: Vec::new(),
            diagnostics,
            withheld: true,
            hold: None,
            pinned: false,
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
    let checked = keys::check(rel, &doc);
    if checked.control_error {
        return Loaded::withheld(checked.diagnostics);
    }
    let mut diagnostics = checked.diagnostics;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Loaded {
            diagnostics,
            ..Loaded::default()
        };
    }
    if let Some(hold) = hold(&doc.fields) {
        return Loaded {
            diagnostics,
            hold: Some(hold),
            ..Loaded::default()
        };
    }
    // A Jekyll `.html` page is read for its front matter; a plain HTML page is not read.
    if is_html(rel) && !doc.has_front_matter {
        return Loaded {
            diagnostics: vec![html_not_read(rel)],
            ..Loaded::default()
        };
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
            .hint(Message::new("hint-too-deep")),
        );
    }
    let embargo = match embargo(rel, &doc, config) {
        Ok(embargo) => embargo,
        // Fail closed: an unreadable embargo withdraws the file, even one already published
        // (adding `embargo: demain à l'aube` to a published file left it in the feeds).
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return Loaded::withheld(diagnostics);
        }
    };
    let mut entries = match kind::detect(rel, &doc, config) {
        Some(Kind::PressReview) => press_review_entries(rel, &doc, config, &mut diagnostics),
        Some(kind) => {
            // The document's own embargo notice, read before anything else looks at the body
            // (the notice is no title).
            let (notices, body) =
                embargo_notice::find(doc.body, doc.body_first_line, config.time_zone);
            let notice_embargo = match notice_embargo(rel, &notices, &mut diagnostics) {
                Ok(at) => at,
                Err(()) => return Loaded::withheld(diagnostics),
            };
            let doc = Document {
                body: &body,
                ..doc.clone()
            };
            match release_entry(rel, kind, &doc, config, &mut diagnostics) {
                Some(mut entry) => {
                    entry.embargo = later(entry.embargo, notice_embargo);
                    vec![entry]
                }
                None => Vec::new(),
            }
        }
        None => {
            diagnostics.push(
                Diagnostic::warning(rel, Problem::UnknownShape)
                    .hint(Message::new("hint-unknown-shape")),
            );
            Vec::new()
        }
    };
    for entry in &mut entries {
        entry.embargo = later(entry.embargo, embargo);
    }
    if let Some(found) = placeholders(rel, &doc, &entries) {
        diagnostics.push(found);
        return Loaded {
            diagnostics,
            ..Loaded::default()
        };
    }
    Loaded {
        entries,
        diagnostics,
        pinned: keys::ID.get(&doc.fields).is_some(),
        ..Loaded::default()
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
    let (listed, mut said) = press_review::listed::articles(rel, doc, config);
    entries.extend(listed);
    diagnostics.append(&mut said);
    // An article dated in the future (a typo, most often) waits for its date like any release.
    for entry in &mut entries {
        entry.embargo = later(entry.embargo, Some(entry.date.at));
    }
    if entries.is_empty() && is_html(rel) {
        diagnostics.push(html_not_read(rel));
    } else if entries.is_empty() {
        diagnostics.push(
            Diagnostic::warning(rel, Problem::NoDatedArticle).hint(Message::new("hint-no-article")),
        );
    }
    entries
}

fn is_html(rel: &Path) -> bool {
    rel.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

fn html_not_read(rel: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel,
        Problem::UnreadFormat {
            format: FileFormat::Html,
        },
    )
    .hint(Message::new("hint-html-press-page"))
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
    // `id:` pins the identity: the file may be renamed, its feed id and PDF name stay.
    let pinned = field_text(keys::ID.get(fields)).and_then(|id| text::file_slug(&id));
    let Some(slug) = pinned.or_else(|| text::file_slug(stem)) else {
        diagnostics
            .push(Diagnostic::error(rel, Problem::BadSlug).hint(Message::new("hint-bad-slug")));
        return None;
    };
    let inferred = communique::infer(doc.body, doc.body_first_line, config);
    let title_line = if field_text(keys::TITLE.get(fields)).is_some() {
        keys::TITLE.line(doc)
    } else {
        inferred.title_line
    };
    let Some(mut title) = field_text(keys::TITLE.get(fields)).or(inferred.title) else {
        diagnostics.push(missing(
            rel,
            doc,
            &keys::TITLE,
            Problem::MissingTitle,
            "hint-missing-title",
        ));
        return None;
    };
    if title.chars().count() > MAX_TITLE_CHARS {
        title = title.chars().take(MAX_TITLE_CHARS).collect::<String>() + "…";
        diagnostics.push(
            Diagnostic::warning(
                rel,
                Problem::TitleTooLong {
                    limit: MAX_TITLE_CHARS,
                },
            )
            // Name the title's line: a 100,000-character title gave a message without one.
            .at(title_line, 0)
            .hint(Message::new("hint-title-too-long")),
        );
    }
    let event = (kind == Kind::Event).then(|| event::info(rel, doc, config, diagnostics));
    // A publication date (the `date:` key or a dateline) in the future acts as an embargo,
    // as in Jekyll and Hugo; an event's start, used when nothing else dates it, does not.
    let mut scheduled = true;
    let date = match front_matter_date(rel, doc, config) {
        Ok(Some(date)) => date,
        Ok(None) => match inferred.date.or_else(|| {
            scheduled = false;
            event.as_ref().and_then(|e| e.start)
        }) {
            Some(date) => date,
            None => {
                diagnostics.push(missing(
                    rel,
                    doc,
                    &keys::DATE,
                    Problem::MissingDate,
                    "hint-missing-date",
                ));
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
        field_text(keys::CATEGORIES.get(fields)).or_else(|| {
            fields::texts(keys::CATEGORIES.get(fields))
                .into_iter()
                .next()
        })
    };
    let summary = fields::markdown(keys::SUMMARY.get(fields))
        .map(|s| crate::text::clean_markdown(&s).trim().to_string());
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
        // The lead is cleaned like every Markdown the entry carries (the model's promise).
        (summary, lead) => (
            summary.or_else(|| lead.map(|l| crate::text::clean_markdown(&l).trim().to_string())),
            inferred.body,
        ),
    };
    let page = page::page(rel, kind, doc, &date, config, diagnostics)?;
    let updated = updated(rel, doc, config, diagnostics);
    links::check(rel, doc.body, doc.body_first_line, diagnostics);
    if let Some(summary) = fields::markdown(keys::SUMMARY.get(fields)) {
        // Front matter text: its links are reported on the key's line.
        let line = keys::SUMMARY.line(doc);
        links::check(rel, &summary, line, diagnostics);
    }
    let attachments = fields::attachments(fields);
    for attachment in &attachments {
        links::check_one(
            rel,
            &attachment.url,
            keys::FILES.line(doc).max(keys::COMMUNIQUE_FILE.line(doc)),
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
        tags: fields::texts(keys::TAGS.get(fields)),
        summary,
        body: crate::text::clean_markdown(&body),
        place: field_text(keys::PLACE.get(fields)).or(inferred.place),
        contact: fields::contact(keys::CONTACT.get(fields), &config.default_contact)
            .filter(|c| *c != config.default_contact)
            .or(inferred.contact),
        attachments,
        images: fields::images(fields),
        event,
        article: None,
        embargo: scheduled.then_some(date.at),
        origin: Origin {
            file: rel.to_path_buf(),
            line: 1,
        },
        also_in: Vec::new(),
        updated,
        page: Some(page),
    })
}

/// A missing title or date, pointed at the misspelled key if there is one (`tilte:`), else at
/// the front matter, else at the top of the file.
fn missing(
    rel: &Path,
    doc: &Document<'_>,
    key: &keys::Key,
    problem: Problem,
    hint: &'static str,
) -> Diagnostic {
    match keys::misspelling_of(doc, key) {
        Some(written) => Diagnostic::error(rel, problem)
            .at(written.line, written.column)
            .hint(Message::new("hint-did-you-mean").arg("key", key.name)),
        None if doc.has_front_matter => Diagnostic::error(rel, problem)
            .at(2, 1)
            .hint(Message::new(hint)),
        None => Diagnostic::error(rel, problem)
            .at(1, 1)
            .hint(Message::new(hint)),
    }
}

/// `updated:` / `last_modified_at:` (jekyll-last-modified-at's key): a correction date.
/// Unreadable, it is ignored with a warning: the entry itself is still right.
fn updated(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PubDate> {
    let value = field_text(keys::UPDATED.get(&doc.fields))?;
    let date = dates::parse_date(&value, config.time_zone);
    if date.is_none() {
        diagnostics.push(
            Diagnostic::warning(rel, Problem::BadUpdatedDate { value })
                .at(keys::UPDATED.line(doc), 0)
                .hint(Message::new("hint-updated-date")),
        );
    }
    date
}

fn front_matter_date(
    rel: &Path,
    doc: &Document<'_>,
    config: &Config,
) -> Result<Option<PubDate>, Diagnostic> {
    let Some(value) = field_text(keys::DATE.get(&doc.fields)) else {
        return Ok(None);
    };
    dates::parse_date(&value, config.time_zone)
        .map(Some)
        .ok_or_else(|| {
            Diagnostic::error(rel, Problem::BadDate { value })
                .at(keys::DATE.line(doc), 0)
                .hint(Message::new("hint-bad-date"))
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
