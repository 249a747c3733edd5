//! The one table of front-matter keys: every name and alias communique reads, what it
//! controls, and the checks run on a file's keys before anything is published from it.
//!
//! A misspelled editorial control must never publish: a key that is not in the table but
//! looks like `published`, `draft` or `embargo` (a typo, a French word, an invisible character)
//! is an error that keeps the file out, while an ordinary unknown key is only a warning.

use super::fields::get;
use super::front_matter::Document;
use crate::text::fold;
use serde_json::{Map, Value};

/// What a key's value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Decides whether and when the file is published.
    Control,
    /// Read into the entry (title, dates, contact…).
    Content,
    /// Used by the site generator (Jekyll, Hugo, Netlify CMS); communique reads nothing from it.
    Site,
}

/// One front-matter key: its name, the other spellings read as the same key, and its role.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub role: Role,
}

impl Key {
    /// The name and every alias, as `fields::get` takes them.
    pub(crate) fn spellings(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }

    /// The value of this key in `fields` under any of its spellings (case-insensitive).
    pub(crate) fn get<'a>(&self, fields: &'a Map<String, Value>) -> Option<&'a Value> {
        self.spellings().find_map(|name| get(fields, &[name]))
    }

    /// The file line of this key (any spelling), 0 if absent.
    pub(crate) fn line(&self, doc: &Document<'_>) -> usize {
        let names: Vec<&str> = self.spellings().collect();
        doc.key_line(&names)
    }
}

const fn key(name: &'static str, aliases: &'static [&'static str], role: Role) -> Key {
    Key {
        name,
        aliases,
        role,
    }
}

/// False keeps the file out.
pub(crate) const PUBLISHED: Key = key("published", &[], Role::Control);
/// True keeps the file out.
pub(crate) const DRAFT: Key = key("draft", &[], Role::Control);
/// Not published before this instant.
pub(crate) const EMBARGO: Key = key("embargo", &[], Role::Control);
/// Publication date; in the future, it acts as an embargo.
pub(crate) const DATE: Key = key("date", &[], Role::Control);
/// The release's title.
pub(crate) const TITLE: Key = key("title", &["titre"], Role::Content);
/// Document type (Communiqué de presse…).
pub(crate) const CATEGORIES: Key = key("categories", &["categorie", "category"], Role::Content);
/// Keywords.
pub(crate) const TAGS: Key = key("tags", &["mots-cles"], Role::Content);
/// The lead.
pub(crate) const SUMMARY: Key = key(
    "chapeau-text",
    &["chapeau", "excerpt", "description", "summary"],
    Role::Content,
);
/// Dateline place.
pub(crate) const PLACE: Key = key("place", &["lieu-communique"], Role::Content);
/// Press contact {name, tel, email}.
pub(crate) const CONTACT: Key = key(
    "contact-presse",
    &["contact_presse", "contact"],
    Role::Content,
);
/// Attachments [{file, nom}].
pub(crate) const FILES: Key = key("files", &[], Role::Content);
/// The communiqué as a document.
pub(crate) const COMMUNIQUE_FILE: Key = key("communique_file", &["file"], Role::Content);
/// Illustrations [{image, alternative-textuelle}].
pub(crate) const IMAGES: Key = key("une-ou-diaporama", &[], Role::Content);
/// An illustration.
pub(crate) const IMAGE: Key = key("image", &[], Role::Content);
/// Kind of release.
pub(crate) const LAYOUT: Key = key("layout", &[], Role::Content);
/// Kind of release.
pub(crate) const TYPE: Key = key("type", &[], Role::Content);
/// Press articles [{title, date, url}].
pub(crate) const ARTICLES: Key = key(
    "communiques",
    &["articles", "presse", "press"],
    Role::Content,
);
/// Event start.
pub(crate) const EVENT_START: Key = key(
    "event_start_date",
    &["dateEvent", "date_debut"],
    Role::Content,
);
/// Event end.
pub(crate) const EVENT_END: Key = key("event_end_date", &["date_fin"], Role::Content);
/// Event venue.
pub(crate) const VENUE: Key = key("lieu", &[], Role::Content);
/// Event address.
pub(crate) const ADDRESS: Key = key("adresse", &[], Role::Content);
/// Event details [{intitule, contenu, lien}].
pub(crate) const EVENT_FIELDS: Key = key("champs_informations", &[], Role::Content);
/// The page's own address on the site.
pub(crate) const PERMALINK: Key = key("permalink", &[], Role::Content);
/// Date of the last correction.
pub(crate) const UPDATED: Key = key(
    "updated",
    &["last_modified_at", "last-modified-at", "lastmod"],
    Role::Content,
);
/// Pins the entry's identity: its feed id and PDF name survive a renamed file.
pub(crate) const ID: Key = key("id", &[], Role::Content);
/// The page's name on the site (Jekyll's :title).
pub(crate) const SLUG: Key = key("slug", &[], Role::Content);

/// The two spellings Jekyll itself reads for a page's categories (`categories`, split on
/// spaces, then `category`): page addresses are built as Jekyll builds them, whatever
/// aliases communique accepts for [`CATEGORIES`].
pub(crate) const JEKYLL_CATEGORIES: &str = "categories";
pub(crate) const JEKYLL_CATEGORY: &str = "category";

/// Every key communique knows. Site keys are listed so that real files raise no warning.
pub(crate) const KEYS: &[Key] = &[
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
    // The generator's URL.
    key("url", &[], Role::Site),
    // Language.
    key("lang", &["lang-ref", "language"], Role::Site),
    // Authors.
    key(
        "author",
        &["authors", "auteur", "auteurs", "agents", "personnes"],
        Role::Site,
    ),
    // Old addresses.
    key("aliases", &["alias", "redirect_from"], Role::Site),
    // Site layout.
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
    ),
    // Press resources.
    key(
        "ressources-presse",
        &["ressource-presse", "infos-presse"],
        Role::Site,
    ),
    // Event map.
    key("afficher_la_carte", &[], Role::Site),
    // A site page's banner.
    key("une", &[], Role::Site),
];

/// The known key spelled `name` (case-insensitive), if any.
pub(crate) fn lookup(name: &str) -> Option<&'static Key> {
    KEYS.iter()
        .find(|k| k.spellings().any(|s| s.eq_ignore_ascii_case(name)))
}

/// A yes/no value: YAML booleans, and the words people type (English and French).
pub(crate) fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match &*fold(s) {
            "true" | "yes" | "oui" | "vrai" => Some(true),
            "false" | "no" | "non" | "faux" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A value as the person wrote it, for messages.
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

mod check;
pub(crate) mod nested;

pub(crate) use check::{check, misspelling_of};

#[cfg(test)]
mod tests;
