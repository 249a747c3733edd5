//! The one table of front-matter keys: every name and alias communique reads, what it
//! controls, and the checks run on a file's keys before anything is published from it.
//!
//! A misspelled editorial control must never publish: a key that is not in the table but
//! looks like `published`, `draft` or `embargo` (a typo, a French word, an invisible character)
//! is an error that keeps the file out, while an ordinary unknown key is only a warning.

use super::fields::get;
use super::front_matter::Document;
use super::press_review::fold;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use serde_json::{Map, Value};
use std::path::Path;

/// What a key's value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Decides whether and when the file is published.
    Control,
    /// Read into the entry (title, dates, contact…).
    Content,
    /// Used by the site generator (Jekyll, Hugo, Netlify CMS); communique reads nothing from it.
    Site,
}

/// One front-matter key: its name, the other spellings read as the same key, and its role.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub role: Role,
    /// What it holds, for messages and documentation.
    pub holds: &'static str,
}

impl Key {
    /// The name and every alias, as `fields::get` takes them.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// The value of this key in `fields` under any of its spellings (case-insensitive).
    pub fn get<'a>(&self, fields: &'a Map<String, Value>) -> Option<&'a Value> {
        self.spellings().find_map(|name| get(fields, &[name]))
    }

    /// The file line of this key (any spelling), 0 if absent.
    pub fn line(&self, doc: &Document<'_>) -> usize {
        let names: Vec<&str> = self.spellings().collect();
        doc.key_line(&names)
    }
}

const fn key(
    name: &'static str,
    aliases: &'static [&'static str],
    role: Role,
    holds: &'static str,
) -> Key {
    Key {
        name,
        aliases,
        role,
        holds,
    }
}

pub const PUBLISHED: Key = key("published", &[], Role::Control, "false keeps the file out");
pub const DRAFT: Key = key("draft", &[], Role::Control, "true keeps the file out");
pub const EMBARGO: Key = key(
    "embargo",
    &[],
    Role::Control,
    "not published before this instant",
);
pub const DATE: Key = key(
    "date",
    &[],
    Role::Control,
    "publication date; in the future, it acts as an embargo",
);
pub const TITLE: Key = key("title", &["titre"], Role::Content, "the title");
pub const CATEGORIES: Key = key(
    "categories",
    &["categorie", "category"],
    Role::Content,
    "document type (Communiqué de presse…)",
);
pub const TAGS: Key = key("tags", &["mots-cles"], Role::Content, "keywords");
pub const SUMMARY: Key = key(
    "chapeau-text",
    &["chapeau", "excerpt", "description", "summary"],
    Role::Content,
    "the lead",
);
pub const PLACE: Key = key(
    "place",
    &["lieu-communique"],
    Role::Content,
    "dateline place",
);
pub const CONTACT: Key = key(
    "contact-presse",
    &["contact_presse", "contact"],
    Role::Content,
    "press contact {name, tel, email}",
);
pub const FILES: Key = key("files", &[], Role::Content, "attachments [{file, nom}]");
pub const COMMUNIQUE_FILE: Key = key(
    "communique_file",
    &["file"],
    Role::Content,
    "the communiqué as a document",
);
pub const IMAGES: Key = key(
    "une-ou-diaporama",
    &[],
    Role::Content,
    "illustrations [{image, alternative-textuelle}]",
);
pub const IMAGE: Key = key("image", &[], Role::Content, "an illustration");
pub const LAYOUT: Key = key("layout", &[], Role::Content, "kind of release");
pub const TYPE: Key = key("type", &[], Role::Content, "kind of release");
pub const ARTICLES: Key = key(
    "communiques",
    &["articles", "presse", "press"],
    Role::Content,
    "press articles [{title, date, url}]",
);
pub const EVENT_START: Key = key(
    "event_start_date",
    &["dateEvent", "date_debut"],
    Role::Content,
    "event start",
);
pub const EVENT_END: Key = key("event_end_date", &["date_fin"], Role::Content, "event end");
pub const VENUE: Key = key("lieu", &[], Role::Content, "event venue");
pub const ADDRESS: Key = key("adresse", &[], Role::Content, "event address");
pub const EVENT_FIELDS: Key = key(
    "champs_informations",
    &[],
    Role::Content,
    "event details [{intitule, contenu, lien}]",
);
pub const PERMALINK: Key = key(
    "permalink",
    &[],
    Role::Content,
    "the page's own address on the site",
);
pub const UPDATED: Key = key(
    "updated",
    &["last_modified_at", "last-modified-at", "lastmod"],
    Role::Content,
    "date of the last correction",
);
pub const ID: Key = key(
    "id",
    &[],
    Role::Content,
    "pins the entry's identity: its feed id and PDF name survive a renamed file",
);
pub const SLUG: Key = key(
    "slug",
    &[],
    Role::Content,
    "the page's name on the site (Jekyll's :title)",
);

/// Every key communique knows. Site keys are listed so that real files raise no warning.
pub const KEYS: &[Key] = &[
    PUBLISHED,
    DRAFT,
    EMBARGO,
    DATE,
    TITLE,
    CATEGORIES,
    TAGS,
    SUMMARY,
    PLACE,
    CONTACT,
    FILES,
    COMMUNIQUE_FILE,
    IMAGES,
    IMAGE,
    LAYOUT,
    TYPE,
    ARTICLES,
    EVENT_START,
    EVENT_END,
    VENUE,
    ADDRESS,
    EVENT_FIELDS,
    PERMALINK,
    UPDATED,
    ID,
    SLUG,
    key("url", &[], Role::Site, "the generator's URL"),
    key("lang", &["lang-ref", "language"], Role::Site, "language"),
    key(
        "author",
        &["authors", "auteur", "auteurs", "agents", "personnes"],
        Role::Site,
        "authors",
    ),
    key(
        "aliases",
        &["alias", "redirect_from"],
        Role::Site,
        "old addresses",
    ),
    key(
        "section_id",
        &[
            "weight",
            "menu",
            "style",
            "pagination",
            "sitemap",
            "nav_order",
        ],
        Role::Site,
        "site layout",
    ),
    key(
        "ressources-presse",
        &["ressource-presse", "infos-presse"],
        Role::Site,
        "press resources",
    ),
    key("afficher_la_carte", &[], Role::Site, "event map"),
    key("une", &[], Role::Site, "a site page's banner"),
];

/// Editorial words a misspelled or translated control key is made of (folded).
const CONTROL_WORDS: &[&str] = &[
    "published",
    "publish",
    "unpublished",
    "publie",
    "publier",
    "publication",
    "depublie",
    "draft",
    "brouillon",
    "embargo",
    "embargoed",
    "embargo until",
    "embargo jusqu au",
    "sous embargo",
    "publish date",
    "publishdate",
    "date de publication",
    "expirydate",
    "expiry date",
    "expire",
    "online",
    "en ligne",
    "hidden",
    "masque",
    "cache",
    "visible",
    "private",
    "prive",
    "statut",
    "status",
];

/// The known key spelled `name` (case-insensitive), if any.
pub fn lookup(name: &str) -> Option<&'static Key> {
    KEYS.iter()
        .find(|k| k.spellings().any(|s| s.eq_ignore_ascii_case(name)))
}

/// A top-level key as written in the YAML, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenKey {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// Top-level keys in order, with their file positions (the parsed map has none).
pub fn written_keys(doc: &Document<'_>) -> Vec<WrittenKey> {
    let mut keys = Vec::new();
    for (index, line) in doc.yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) || line.trim().is_empty() {
            continue;
        }
        let Some((raw, _)) = split_key(line) else {
            continue;
        };
        let name = raw.trim().trim_matches(|c| c == '"' || c == '\'');
        keys.push(WrittenKey {
            name: name.to_string(),
            // The YAML starts on file line 2.
            line: index + 2,
            column: 1 + line[..line.len() - line.trim_start().len()].chars().count(),
        });
    }
    keys
}

/// `key: value` or `key:` at the end of a line; a `:` inside quotes or a URL is no separator.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if i == 0 => quote = Some(c),
            (None, ':') => {
                let rest = &line[i + 1..];
                if rest.is_empty() || rest.starts_with([' ', '\t']) {
                    return Some((&line[..i], rest));
                }
            }
            _ => {}
        }
    }
    None
}

/// Characters that show as nothing: a key behind one of them is not the key it looks like.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
    ) || (c.is_whitespace() && c != ' ')
}

/// What the checks found: diagnostics, and whether an error concerns an editorial control
/// (then the file is withheld: no earlier version may stand in for it).
#[derive(Debug, Default)]
pub struct KeyReport {
    pub diagnostics: Vec<Diagnostic>,
    pub control_error: bool,
}

/// Checks every top-level key: duplicates, invisible characters, misspelled controls, unknown
/// keys, and the values of the controls.
pub fn check(rel: &Path, doc: &Document<'_>) -> KeyReport {
    let mut report = KeyReport::default();
    let written = written_keys(doc);
    // Only the same spelling twice is a duplicate: Netlify CMS writes `categories` and
    // `categorie` as two fields of one file.
    let mut seen: Vec<(String, &WrittenKey)> = Vec::new();
    for key in &written {
        let visible: String = key.name.chars().filter(|c| !is_invisible(*c)).collect();
        if visible != key.name {
            report.control_error = true;
            report.diagnostics.push(
                Diagnostic::error(
                    rel,
                    Problem::InvisibleCharacterInKey {
                        key: visible.clone(),
                    },
                )
                .at(key.line, key.column)
                .hint(Message::new("hint-invisible-character").arg("key", &visible)),
            );
            continue;
        }
        match lookup(&key.name) {
            Some(known) => {
                let spelling = key.name.to_lowercase();
                if let Some((_, first)) = seen.iter().find(|(name, _)| *name == spelling) {
                    report.control_error |= known.role == Role::Control;
                    report.diagnostics.push(
                        Diagnostic::error(
                            rel,
                            Problem::DuplicateKey {
                                key: key.name.clone(),
                                first_line: first.line,
                            },
                        )
                        .at(key.line, key.column)
                        .hint(Message::new("hint-duplicate-key")),
                    );
                } else {
                    seen.push((spelling, key));
                }
            }
            None => {
                if let Some(control) = resembles_control(&key.name) {
                    report.control_error = true;
                    report.diagnostics.push(
                        Diagnostic::error(
                            rel,
                            Problem::MisspelledControl {
                                key: key.name.clone(),
                                control: control.to_string(),
                            },
                        )
                        .at(key.line, key.column)
                        .hint(control_hint(control)),
                    );
                } else {
                    let nearest = nearest_key(&key.name);
                    let mut diagnostic = Diagnostic::warning(
                        rel,
                        Problem::UnknownKey {
                            key: key.name.clone(),
                            nearest: nearest.map(str::to_string),
                        },
                    )
                    .at(key.line, key.column);
                    if let Some(nearest) = nearest {
                        diagnostic =
                            diagnostic.hint(Message::new("hint-did-you-mean").arg("key", nearest));
                    }
                    report.diagnostics.push(diagnostic);
                }
            }
        }
    }
    check_control_values(rel, doc, &mut report);
    report
}

fn control_hint(control: &str) -> Message {
    match control {
        "draft" => Message::new("hint-control-draft"),
        "embargo" => Message::new("hint-control-embargo"),
        _ => Message::new("hint-control-published"),
    }
}

/// The control a key was probably meant to be, if it looks like one.
fn resembles_control(name: &str) -> Option<&'static str> {
    let folded = fold(name);
    if folded.is_empty() {
        return None;
    }
    let glued: String = folded.split(' ').collect();
    let word_hit = CONTROL_WORDS.iter().find(|w| {
        let w_glued: String = w.split(' ').collect();
        folded == **w || glued == w_glued || folded.split(' ').any(|part| part == **w)
    });
    let stem_hit = ["embarg", "publi", "brouill", "draft", "unpubl"]
        .iter()
        .any(|stem| glued.contains(stem));
    let typo = ["published", "draft", "embargo", "publish"]
        .iter()
        .find(|control| {
            let distance = strsim::osa_distance(&glued, control);
            distance <= if control.len() >= 7 { 2 } else { 1 }
        });
    if word_hit.is_none() && !stem_hit && typo.is_none() {
        return None;
    }
    Some(if glued.contains("embarg") || typo == Some(&"embargo") {
        "embargo"
    } else if glued.contains("draft") || glued.contains("brouill") || typo == Some(&"draft") {
        "draft"
    } else {
        "published"
    })
}

/// The written key that looks like a misspelling of `wanted` (`tilte` for `title`): where a
/// "missing" message should point.
pub fn misspelling_of(doc: &Document<'_>, wanted: &Key) -> Option<WrittenKey> {
    written_keys(doc)
        .into_iter()
        .find(|k| lookup(&k.name).is_none() && nearest_key(&k.name) == Some(wanted.name))
}

/// The known key nearest to `name`, when it is near enough to be a typo.
fn nearest_key(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    KEYS.iter()
        .flat_map(|k| k.spellings().map(move |s| (k.name, s)))
        .map(|(canonical, spelling)| {
            (
                strsim::osa_distance(&lower, &spelling.to_lowercase()),
                canonical,
            )
        })
        .filter(|(distance, _)| *distance <= 2.max(lower.chars().count() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, canonical)| canonical)
}

/// `published`/`draft` must be booleans (French words accepted); `embargo` a date.
fn check_control_values(rel: &Path, doc: &Document<'_>, report: &mut KeyReport) {
    for control in [PUBLISHED, DRAFT] {
        // `published:` with nothing after it reads as no value at all.
        let value = match control.get(&doc.fields) {
            Some(value) => value,
            None if control.line(doc) > 0 => &Value::Null,
            None => continue,
        };
        if flag(value).is_none() {
            report.control_error = true;
            report.diagnostics.push(
                Diagnostic::error(
                    rel,
                    Problem::BadControlValue {
                        key: control.name.to_string(),
                        value: shown(value),
                    },
                )
                .at(control.line(doc), 0)
                .hint(Message::new("hint-control-value").arg("key", control.name)),
            );
        }
    }
}

/// A yes/no value: YAML booleans, and the words people type (English and French).
pub fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match fold(s).as_str() {
            "true" | "yes" | "oui" | "vrai" => Some(true),
            "false" | "no" | "non" | "faux" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A value as the person wrote it, for messages.
pub fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
