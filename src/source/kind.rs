//! Decides what a file is, in DESIGN.md's order: front matter `type:`/`layout:`, then the
//! folder, then the content's shape.

use super::fields::{get, text, texts};
use super::front_matter::Document;
use super::keys;
use crate::config::Config;
use crate::model::Kind;
use crate::text::fold;
use std::path::Path;

/// Categories of numerique.gouv.fr's press releases (DESIGN.md), as [`fold`] writes them.
const PRESS_CATEGORIES: [&str; 3] = [
    "communique de presse",
    "dossier de presse",
    "note aux redactions",
];

/// Whether `label` is one of the press office's document types, however it is written.
pub(crate) fn is_press_category(label: &str) -> bool {
    let folded = fold(label);
    PRESS_CATEGORIES.iter().any(|p| folded == *p)
}

/// Whether the file is a blog post (`layout: post`), whose `categories` are Jekyll's
/// taxonomy (`dinsic presse`), not a document type.
pub(crate) fn is_blog_post(doc: &Document<'_>) -> bool {
    text(keys::LAYOUT.get(&doc.fields)).is_some_and(|l| l.trim().eq_ignore_ascii_case("post"))
}

pub(crate) fn detect(rel: &Path, doc: &Document<'_>, config: &Config) -> Option<Kind> {
    by_front_matter(doc)
        .or_else(|| by_folder(rel))
        .or_else(|| by_name(rel, doc))
        .or_else(|| by_shape(rel, doc, config))
}

/// A press list kept in an include or a page of its own: `_includes/presse.md`,
/// `revue-de-presse.md`, `press-coverage.md`, `on-parle-de-nous.md`.
fn by_name(rel: &Path, doc: &Document<'_>) -> Option<Kind> {
    // A page with a layout of its own (`layout: category`) is that, whatever its name.
    if keys::LAYOUT.get(&doc.fields).is_some() || keys::TYPE.get(&doc.fields).is_some() {
        return None;
    }
    let stem = fold(rel.file_stem()?.to_str()?);
    let press = [
        "presse",
        "revue de presse",
        "revue presse",
        "press",
        "press coverage",
        "press review",
        "retombees presse",
        "on parle de nous",
        "ils parlent de nous",
    ];
    press.contains(&&*stem).then_some(Kind::PressReview)
}

fn by_front_matter(doc: &Document<'_>) -> Option<Kind> {
    let declared = text(
        keys::TYPE
            .get(&doc.fields)
            .or_else(|| keys::LAYOUT.get(&doc.fields)),
    )?
    .to_lowercase();
    match declared.trim_start_matches('_') {
        "communique" | "communiques" | "communique-de-presse" | "dossier-de-presse" => {
            Some(Kind::Communique)
        }
        "evenement" | "evenements" | "event" | "events" | "agenda" => Some(Kind::Event),
        "revue-de-presse" | "presse" | "press" | "press-review" => Some(Kind::PressReview),
        // A blog post filed under the `presse` category is the blog's press release. Jekyll
        // reads a plain string as space-separated categories (`categories: dinsic presse`).
        "post"
            if texts(keys::CATEGORIES.get(&doc.fields))
                .iter()
                .flat_map(|c| c.split_whitespace())
                .any(|c| c.eq_ignore_ascii_case("presse")) =>
        {
            Some(Kind::Communique)
        }
        _ => None,
    }
}

fn by_folder(rel: &Path) -> Option<Kind> {
    let parent = rel.parent()?;
    parent.components().rev().find_map(|component| {
        let name = component.as_os_str().to_str()?.to_lowercase();
        match name.as_str() {
            "communiques" | "_communiques" => Some(Kind::Communique),
            "evenements" | "_evenements" | "agenda" => Some(Kind::Event),
            "presse" | "revue-de-presse" => Some(Kind::PressReview),
            _ => None,
        }
    })
}

fn by_shape(rel: &Path, doc: &Document<'_>, config: &Config) -> Option<Kind> {
    let fields = &doc.fields;
    if super::press_review::listed::has_list(doc) {
        return Some(Kind::PressReview);
    }
    if keys::EVENT_START.get(fields).is_some() {
        return Some(Kind::Event);
    }
    // The lead key itself (not its aliases `excerpt`, `description`: blogs use them) or the
    // communiqué's own document say "communiqué".
    if get(fields, &[keys::SUMMARY.name, keys::COMMUNIQUE_FILE.name]).is_some() {
        return Some(Kind::Communique);
    }
    // The CMS's press categories say what the file is, wherever it was saved.
    let press_category = texts(keys::CATEGORIES.get(fields))
        .iter()
        .any(|c| is_press_category(c));
    if press_category {
        return Some(Kind::Communique);
    }
    // Last of the three (they all say "communiqué"): it reads the whole body.
    if contains_upper(doc.body, "COMMUNIQUÉ DE PRESSE")
        && (contains_upper(doc.body, "GOUVERNEMENT") || !doc.has_front_matter)
    {
        return Some(Kind::Communique);
    }
    let (articles, _) = super::press_review::parse_page(rel, doc.body, doc.body_first_line, config);
    (!articles.is_empty()).then_some(Kind::PressReview)
}

/// Whether `text` upper-cased contains `upper` (which starts with an ASCII letter), without
/// upper-casing the whole body: only the places that start like `upper` are compared.
fn contains_upper(text: &str, upper: &str) -> bool {
    let Some(first) = upper.chars().next() else {
        return true;
    };
    text.match_indices(|c: char| c.eq_ignore_ascii_case(&first))
        .any(|(at, _)| {
            let mut rest = text[at..].chars().flat_map(char::to_uppercase);
            upper.chars().all(|u| rest.next() == Some(u))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_searched_in_capitals_without_upper_casing_it() {
        assert!(contains_upper(
            "## Communiqué de presse\n",
            "COMMUNIQUÉ DE PRESSE"
        ));
        assert!(contains_upper("le gouvernement", "GOUVERNEMENT"));
        assert!(contains_upper(
            "cc COMMUNIQUÉ DE PRESSE",
            "COMMUNIQUÉ DE PRESSE"
        ));
        assert!(!contains_upper(
            "communique de presse",
            "COMMUNIQUÉ DE PRESSE"
        ));
        assert!(!contains_upper("communiqué de", "COMMUNIQUÉ DE PRESSE"));
    }
    use crate::source::front_matter;

    fn kind_of(rel: &str, text: &str) -> Option<Kind> {
        let config = Config::default();
        let doc = front_matter::parse(Path::new(rel), text, &config.limits).unwrap();
        detect(Path::new(rel), &doc, &config)
    }

    #[test]
    fn a_press_category_makes_a_communique_in_any_folder() {
        let text =
            "---\ntitle: T\ndate: 2024-01-01\ncategories: [Communiqué de presse]\n---\nCorps.\n";
        assert_eq!(kind_of("a/b/c.md", text), Some(Kind::Communique));
        let note = "---\ntitle: T\ncategory: NOTE AUX RÉDACTIONS\n---\nCorps.\n";
        assert_eq!(kind_of("divers/n.md", note), Some(Kind::Communique));
        // The folder still wins over the category, and other categories decide nothing.
        assert_eq!(kind_of("agenda/e.md", text), Some(Kind::Event));
        let blog = "---\ntitle: T\ncategories: [Actualités]\n---\nCorps.\n";
        assert_eq!(kind_of("divers/x.md", blog), None);
    }

    #[test]
    fn a_press_list_include_is_known_by_its_name() {
        let list = "- [Un article](https://a.fr/x)\n";
        assert_eq!(
            kind_of("_includes/presse.md", list),
            Some(Kind::PressReview)
        );
        assert_eq!(
            kind_of("on-parle-de-nous.md", list),
            Some(Kind::PressReview)
        );
        assert_eq!(kind_of("_includes/pied-de-page.md", list), None);
        // beta.gouv.fr's `_category/presse.md` is a category page, not a press list.
        let category = "---\nlayout: category\nalias: presse\n---\n";
        assert_eq!(kind_of("_category/presse.md", category), None);
    }

    #[test]
    fn a_blog_post_in_the_presse_category_is_a_communique() {
        // As in the beta.gouv.fr blog of the corpus: Jekyll splits a string on spaces.
        let post = "---\nlayout: post\ntitle: T\ncategories: dinsic presse\n---\nCorps.\n";
        assert_eq!(kind_of("_posts/p.md", post), Some(Kind::Communique));
        let listed = "---\nlayout: post\ntitle: T\ncategories: [presse]\n---\nCorps.\n";
        assert_eq!(kind_of("_posts/p.md", listed), Some(Kind::Communique));
        let other = "---\nlayout: post\ntitle: T\ncategories: dinsic expresse\n---\nCorps.\n";
        assert_eq!(kind_of("_posts/p.md", other), None);
    }
}
