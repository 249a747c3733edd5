//! The checks run on a file's top-level keys before anything is published from it: duplicates,
//! invisible characters, misspelled or translated controls (errors that withhold the file),
//! unknown keys (warnings naming the nearest known key), and the controls' values.

use super::{DRAFT, KEYS, Key, PUBLISHED, Role, flag, lookup, shown};
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::source::front_matter::Document;
use crate::text::fold;
use serde_json::Value;
use std::path::Path;

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

/// A top-level key as written in the YAML, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrittenKey {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// Top-level keys in order, with their file positions (the parsed map has none).
pub(crate) fn written_keys(doc: &Document<'_>) -> Vec<WrittenKey> {
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
pub(crate) struct KeyReport {
    pub diagnostics: Vec<Diagnostic>,
    pub control_error: bool,
}

/// Checks every top-level key: duplicates, invisible characters, misspelled controls, unknown
/// keys, and the values of the controls.
pub(crate) fn check(rel: &Path, doc: &Document<'_>) -> KeyReport {
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
pub(crate) fn misspelling_of(doc: &Document<'_>, wanted: &Key) -> Option<WrittenKey> {
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
