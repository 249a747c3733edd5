//! The site page of a communiqué or an event, from its file's place and front matter, as
//! the site's Jekyll build names it (see `web::permalink`).

use super::fields::{get, text, texts};
use super::front_matter::Document;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::{Kind, PubDate};
use crate::web::collections::for_kind;
use crate::web::permalink;
use std::path::{Component, Path};

/// Site-relative URL of the page, or `None` with an error when the file's own
/// `permalink:` names a placeholder Jekyll does not know (Jekyll would stop there too).
pub fn page(
    rel: &Path,
    kind: Kind,
    doc: &Document<'_>,
    date: &PubDate,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let collection = for_kind(&config.collections, kind);
    let path = path_in_collection(rel, &collection.label, kind);
    let own = text(get(&doc.fields, &["permalink"]));
    let slug = text(get(&doc.fields, &["slug"]));
    let categories = texts(get(&doc.fields, &["categories", "category"]));
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
                Diagnostic::error(rel, Problem::BadPermalink {
                    permalink: own.unwrap_or(collection.permalink),
                    message: unknown.to_string(),
                })
                .at(doc.key_line(&["permalink"]), 0)
                .hint("use Jekyll's placeholders (`:title`, `:year`, `:categories`…) or a plain path such as `/espace-presse/mon-communique/`"),
            );
            None
        }
    }
}

/// The file's path inside its collection folder (`releases/communiques/2024/x.md` →
/// `2024/x.md`): everything after the last folder named after the collection or the kind.
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
    let start = names[..dirs]
        .iter()
        .rposition(|n| is_collection_dir(n))
        .map_or(0, |i| i + 1);
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
    }
}
