//! Model entries built by hand, for renderer tests that skip the loader. Every field of
//! `Entry` is spelled here once: a new field is added in one place, not in every test.

use chrono::{DateTime, FixedOffset};
use communique::model::{Entry, Kind, Origin, Precision, PubDate};
use std::path::PathBuf;

/// Builds an [`Entry`]: the kind, key and date are required, the rest starts empty.
pub(crate) struct EntryBuilder {
    entry: Entry,
}

impl EntryBuilder {
    /// An entry of `kind` with the stable `key` (`communiques/nec-2023`), dated `at` to the
    /// day; its slug is the key's last segment, its title `Titre <slug>`, its origin
    /// `<key>.md` line 1.
    pub(crate) fn new(kind: Kind, key: &str, at: DateTime<FixedOffset>) -> EntryBuilder {
        let slug = key.rsplit('/').next().unwrap_or(key).to_string();
        EntryBuilder {
            entry: Entry {
                kind,
                key: key.into(),
                title: format!("Titre {slug}"),
                slug,
                date: PubDate {
                    at,
                    precision: Precision::Day,
                },
                category: None,
                tags: vec![],
                summary: None,
                body: String::new(),
                place: None,
                contact: None,
                attachments: vec![],
                images: vec![],
                event: None,
                article: None,
                embargo: None,
                origin: Origin {
                    file: PathBuf::from(format!("{key}.md")),
                    line: 1,
                },
                also_in: vec![],
                updated: None,
                page: None,
            },
        }
    }

    /// The output name (`pdf/<slug>.pdf`).
    pub(crate) fn slug(mut self, slug: &str) -> EntryBuilder {
        self.entry.slug = slug.into();
        self
    }

    /// How much of the date the source gave.
    pub(crate) fn precision(mut self, precision: Precision) -> EntryBuilder {
        self.entry.date.precision = precision;
        self
    }

    /// The file (relative to the releases) and line the entry was read from.
    pub(crate) fn origin(mut self, file: &str, line: usize) -> EntryBuilder {
        self.entry.origin = Origin {
            file: PathBuf::from(file),
            line,
        };
        self
    }

    pub(crate) fn build(self) -> Entry {
        self.entry
    }
}
