//! The site page of a communiqué or an event, from its file's place and front matter, as
//! the site's Jekyll build names it (see `web::permalink`).

use super::fields::{get, text};
use super::front_matter::Document;
use super::keys;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use crate::model::{Kind, PubDate};
use crate::web::collections::for_kind;
use crate::web::permalink;
use serde_json::{Map, Value};
use std::path::{Component, Path};

/// Site-relative URL of the page, or `None` with an error when the file's own
/// `permalink:` names a placeholder Jekyll does not know (Jekyll would stop there too).
pub(crate) fn page(
    rel: &Path,
    kind: Kind,
    doc: &Document<'_>,
    date: &PubDate,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let collection = for_kind(&config.collections, kind);
    let path = path_in_collection(rel, &collection.label, kind);
    if let Some(name) = ignored_by_jekyll(&path) {
        diagnostics.push(
            Diagnostic::error(
                rel,
                Problem::NoSitePage {
                    name: name.to_string(),
                },
            )
            .hint(Message::new("hint-no-site-page")),
        );
        return None;
    }
    // Only a string is a permalink (`permalink: false` leaves the pattern, as in Jekyll).
    let own = keys::PERMALINK
        .get(&doc.fields)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    let slug = text(keys::SLUG.get(&doc.fields));
    // Front matter only: for a collection document Jekyll takes no categories from its
    // folders (`categories_from_path` stops at the collection's own folder).
    let categories = jekyll_categories(&doc.fields);
    let document = permalink::Document {
        collection: &collection.label,
        path: &path,
        slug: slug.as_deref(),
        permalink: own.as_deref(),
        categories: &categories,
        date: date.at.with_timezone(&config.time_zone),
    };
    match permalink::url(&collection.permalink, &document) {
        Ok(url) => Some(url),
        Err(unknown) => {
            diagnostics.push(
                Diagnostic::error(
                    rel,
                    Problem::BadPermalink {
                        permalink: own.unwrap_or(collection.permalink),
                        placeholder: unknown.0,
                    },
                )
                .at(keys::PERMALINK.line(doc), 0)
                .hint(Message::new("hint-bad-permalink")),
            );
            None
        }
    }
}

/// Jekyll's categories of a document: `categories` (a string split on spaces, as
/// `Document#merge_categories!` does), then `category`; repeats dropped, order kept.
fn jekyll_categories(fields: &Map<String, Value>) -> Vec<String> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let mut all: Vec<String> = match get(fields, &[keys::JEKYLL_CATEGORIES]) {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
        Some(Value::Array(items)) => items.iter().filter_map(scalar).collect(),
        Some(other) => scalar(other).into_iter().collect(),
        None => Vec::new(),
    };
    match get(fields, &[keys::JEKYLL_CATEGORY]) {
        Some(Value::Array(items)) => all.extend(items.iter().filter_map(scalar)),
        Some(single) => all.extend(scalar(single)),
        None => {}
    }
    let mut out: Vec<String> = Vec::new();
    for c in all {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The name, if Jekyll's `EntryFilter` skips `path` (inside the collection) so that no
/// page is written: the path or the file name starting with `.`, `_`, `#`, `~`, or the
/// path ending with `~` or `.`.
fn ignored_by_jekyll(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let special = |s: &str| s.starts_with(['.', '_', '#', '~']);
    (special(path) || special(name) || path.ends_with(['~', '.'])).then_some(name)
}

/// The file's path inside its collection folder (`releases/communiques/2024/x.md` →
/// `2024/x.md`): everything after the last folder named after the collection or the kind,
/// or after a first folder starting with `_` (where Jekyll keeps any collection).
fn path_in_collection(rel: &Path, label: &str, kind: Kind) -> String {
    let names: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let is_collection_dir = |name: &str| {
        let name = name.trim_start_matches('_').to_lowercase();
        name == label.to_lowercase()
            || name == kind.slug()
            || (kind == Kind::Event && name == "evenements")
    };
    let dirs = names.len().saturating_sub(1);
    // Else a first folder named like a Jekyll collection's (`_posts/`) is one.
    let start = names[..dirs]
        .iter()
        .rposition(|n| is_collection_dir(n))
        .map(|i| i + 1)
        .or_else(|| (dirs > 0 && names[0].starts_with('_')).then_some(1))
        .unwrap_or(0);
    names[start..].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_inside_the_collection_folder() {
        let p = |rel: &str| path_in_collection(Path::new(rel), "evenements", Kind::Event);
        assert_eq!(p("agenda/x.md"), "x.md");
        assert_eq!(p("_evenements/2024/x.md"), "2024/x.md");
        assert_eq!(p("divers/x.md"), "divers/x.md");
        assert_eq!(p("x.md"), "x.md");
        assert_eq!(p("_posts/2024/p.md"), "2024/p.md");
        assert_eq!(p("_evenements/a/_b/x.md"), "a/_b/x.md");
    }

    #[test]
    fn names_jekyll_skips() {
        for path in [
            "_brouillon.md",
            "#1.md",
            "~x.md",
            "x.md~",
            "sub/_y.md",
            ".x.md",
            "_a/y.md",
        ] {
            assert!(ignored_by_jekyll(path).is_some(), "{path}");
        }
        // Only the whole path and the file name count, as in Jekyll.
        for path in ["x_y.md", "2024/x.md", "a..b.md", "fin..md", "sub/_x/y.md"] {
            assert!(ignored_by_jekyll(path).is_none(), "{path}");
        }
    }
}
