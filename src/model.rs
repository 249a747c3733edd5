//! The one data type every renderer reads. `source` builds it, `catalog` orders it,
//! `feeds` and `pdf` turn it into bytes. Nothing here knows about files on disk
//! beyond the `Origin` used in messages.

use chrono::{DateTime, Datelike, FixedOffset};
use chrono_tz::Tz;
use std::path::PathBuf;
use std::sync::Arc;

/// What a release is; decides which feed it goes to and whether it gets a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A press release or press kit: in the communiqués feed, with a PDF.
    Communique,
    /// An agenda item: in the agenda feed and its iCalendar, without a PDF.
    Event,
    /// One article about the agency, from a revue-de-presse page: in the press-review feed,
    /// without a PDF.
    PressReview,
}

impl Kind {
    /// The three kinds.
    pub const ALL: [Kind; 3] = [Kind::Communique, Kind::Event, Kind::PressReview];

    /// Folder name under `feeds/` and path segment of entry ids: never change these.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Communique => "communiques",
            Kind::Event => "agenda",
            Kind::PressReview => "revue-de-presse",
        }
    }

    /// Human label used in feed titles and `list`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Communique => "Communiqués de presse",
            Kind::Event => "Agenda",
            Kind::PressReview => "Revue de presse",
        }
    }
}

/// Where a fact came from: a file relative to `releases/`, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file, relative to `releases/`.
    pub file: PathBuf,
    /// 1-based; 0 when the whole file is meant.
    pub line: usize,
}

/// How much of a date the source actually gave ("mai 2022" is a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only a month and year were given ("mai 2022"); the instant is the month's first day.
    Month,
    /// A calendar day without a time of day; the instant is its midnight.
    Day,
    /// A day and time of day.
    Instant,
}

/// A date as published: an instant with its Europe/Paris offset, and its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PubDate {
    /// The instant, with the configured time zone's offset (Europe/Paris by default).
    pub at: DateTime<FixedOffset>,
    /// How much of `at` the source gave; the rest is filled with the earliest value.
    pub precision: Precision,
}

pub(crate) const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl PubDate {
    /// "12 septembre 2023", "1er mars 2024", "mai 2022": as precise as the source was,
    /// in the calendar of `tz`. Shared by every renderer so feeds and PDFs agree.
    pub fn french(&self, tz: Tz) -> String {
        let day = self.at.with_timezone(&tz).date_naive();
        let month = FRENCH_MONTHS[day.month0() as usize];
        match self.precision {
            Precision::Month => format!("{month} {}", day.year()),
            Precision::Day | Precision::Instant => match day.day() {
                1 => format!("1er {month} {}", day.year()),
                n => format!("{n} {month} {}", day.year()),
            },
        }
    }

    /// "Paris, le 12 septembre 2023", or "Paris, mai 2022" for a month.
    pub fn dateline(&self, place: &str, tz: Tz) -> String {
        match self.precision {
            Precision::Month => format!("{place}, {}", self.french(tz)),
            Precision::Day | Precision::Instant => format!("{place}, le {}", self.french(tz)),
        }
    }
}

/// A press contact block ("Direction interministérielle du numérique / Tél : … / Mél : …").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// Issuing body, e.g. "Direction interministérielle du numérique".
    pub organisation: String,
    /// Person's name, when given.
    pub name: Option<String>,
    /// Phone numbers as written ("01 71 21 12 50"), in the source's order.
    pub phones: Vec<String>,
    /// E-mail address, when given.
    pub email: Option<String>,
    /// E.g. "Relations presse et événementiel".
    pub role: Option<String>,
}

impl Contact {
    /// The phone numbers on one line, "01 71 21 12 50 – 06 10 60 41 19", as the feed and the
    /// PDF both print them; `None` without any.
    pub fn phone_list(&self) -> Option<String> {
        let phones: Vec<&str> = self
            .phones
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        (!phones.is_empty()).then(|| phones.join(" – "))
    }
}

/// A file the release points at (`files`, `communique_file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// As written in the source: may be relative (`/uploads/x.pdf`).
    pub url: String,
    /// Link text (`nom`), or "Télécharger le document" when the source names none.
    pub label: String,
}

/// An illustration (`une-ou-diaporama`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// As written in the source: may be relative (`/uploads/x.png`).
    pub url: String,
    /// Alternative text (`alternative-textuelle`), when given.
    pub alt: Option<String>,
}

/// Agenda facts of an event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventInfo {
    /// When the event begins (`event_start_date`).
    pub start: Option<PubDate>,
    /// When the event ends (`event_end_date`).
    pub end: Option<PubDate>,
    /// Name of the place (`lieu`).
    pub venue: Option<String>,
    /// Postal address (`adresse`).
    pub address: Option<String>,
    /// Further details (`champs_informations`), in the source's order.
    pub fields: Vec<InfoField>,
}

/// One line of `champs_informations`: "Horaires : 14h-17h30", optionally linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoField {
    /// The heading (`intitule`): "Horaires".
    pub label: String,
    /// The text (`contenu`), Markdown; empty when the source gives none.
    pub content: String,
    /// Address the line links to (`lien`), as written.
    pub link: Option<String>,
}

/// An article about the agency, listed on a revue-de-presse page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The outlet's article, absolute.
    pub url: String,
    /// "Le Monde", "Acteurs publics"… or a readable host name when nothing better is known.
    pub outlet: String,
    /// True when `outlet` was only derived from the host name (a better one may be learned).
    pub outlet_from_host: bool,
    /// Page section ("Le programme EIG", "En 2023") when the page has one.
    pub section: Option<String>,
    /// The quoted excerpt («…») when present.
    pub excerpt: Option<String>,
}

/// One publishable item. Text fields hold Markdown (CommonMark with raw HTML) as written
/// by the press office, cleaned of editor artefacts; renderers sanitise and lay it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Which feed it goes to and whether it gets a PDF.
    pub kind: Kind,
    /// Stable identity, e.g. `communiques/la-dinum-devient-organisme-certificateur` or
    /// `revue-de-presse/<hash of the normalised URL>`. Feeds mint `tag:` ids from it.
    pub key: String,
    /// Output name for per-entry files (`pdf/<slug>.pdf`): `[a-z0-9-]+`, never empty.
    pub slug: String,
    /// As the press office wrote it; past 1,000 characters, cut and ended with `…`.
    pub title: String,
    /// Publication date: the feeds' order and the PDF's dateline.
    pub date: PubDate,
    /// Category label: "Communiqué de presse", "Dossier de presse", "Note aux rédactions"…
    pub category: Option<String>,
    /// Keywords (`tags`), as written.
    pub tags: Vec<String>,
    /// The lead / chapeau / excerpt, Markdown.
    pub summary: Option<String>,
    /// Full content, Markdown.
    pub body: String,
    /// Dateline place ("Paris").
    pub place: Option<String>,
    /// Press contact named by the file; `None` means the configured default.
    pub contact: Option<Contact>,
    /// Files the release points at, in the source's order.
    pub attachments: Vec<Attachment>,
    /// Illustrations, in the source's order.
    pub images: Vec<Image>,
    /// Agenda facts; `Some` for events only.
    pub event: Option<EventInfo>,
    /// The outlet's article; `Some` for press-review entries only.
    pub article: Option<Article>,
    /// Not published before this instant.
    pub embargo: Option<DateTime<FixedOffset>>,
    /// Where the entry was found (first occurrence).
    pub origin: Origin,
    /// Other places the same entry was found (merged duplicates).
    pub also_in: Vec<Origin>,
    /// When the press office last corrected it (`updated:` / `last_modified_at:`).
    pub updated: Option<PubDate>,
    /// The site's page for it, as the site generator writes it (`/espace-presse/Mon-titre/`):
    /// site-relative, placeholder values percent-encoded as Jekyll does. Communiqués and events.
    pub page: Option<String>,
}

/// Whether two shared entries hold the same facts. An entry no merge touched is the same
/// allocation from one catalog to the next, so renderers' caches mostly compare pointers.
pub fn same_entry(a: &Arc<Entry>, b: &Arc<Entry>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn date(text: &str, precision: Precision) -> PubDate {
        PubDate {
            at: DateTime::parse_from_rfc3339(text).unwrap(),
            precision,
        }
    }

    #[test]
    fn french_dates() {
        let first = date("2024-03-01T00:00:00+01:00", Precision::Day);
        assert_eq!(first.french(Paris), "1er mars 2024");
        assert_eq!(first.dateline("Paris", Paris), "Paris, le 1er mars 2024");
        let month = date("2022-05-01T00:00:00+02:00", Precision::Month);
        assert_eq!(month.dateline("Paris", Paris), "Paris, mai 2022");
        // Late evening UTC is already the next day in Paris.
        let utc = date("2023-09-11T22:30:00+00:00", Precision::Instant);
        assert_eq!(utc.french(Paris), "12 septembre 2023");
    }
}
