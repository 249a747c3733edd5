//! Document-level facts: conformance (PDF/A-2a + PDF/UA-1), XMP metadata from the entry (never
//! the clock), and the bookmarks built from the headings.

use super::PdfError;
use crate::model::Entry;
use chrono::{Datelike, Timelike};
use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};

/// Which standards krilla validates at export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// PDF/A-2a and PDF/UA-1 together (PDF 1.7): what the pipeline publishes.
    ArchivalAccessible,
    /// PDF/UA-1 alone.
    Accessible,
    /// PDF/A-2a alone.
    Archival,
}

pub(super) fn configuration(c: Conformance) -> Result<Configuration, PdfError> {
    let b = ConfigurationBuilder::new();
    let b = match c {
        Conformance::ArchivalAccessible => b
            .with_archival_validator(Archival::A2_A)
            .with_accessibility_validator(Accessibility::UA1),
        Conformance::Accessible => b.with_accessibility_validator(Accessibility::UA1),
        Conformance::Archival => b.with_archival_validator(Archival::A2_A),
    };
    b.finish().map_err(PdfError::Configuration)
}

pub(super) fn metadata(
    entry: &Entry,
    title: String,
    author: String,
    subject: String,
    lang: &str,
) -> Metadata {
    let at = entry.date.at;
    let offset = at.offset().local_minus_utc();
    let mut date = DateTime::new(u16::try_from(at.year()).unwrap_or(1970))
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second().min(59) as u8)
        .utc_offset_hour(i8::try_from(offset / 3600).unwrap_or(0))
        .utc_offset_minute(((offset.abs() % 3600) / 60) as u8);
    if !(1..=9999).contains(&at.year()) {
        date = DateTime::new(1970);
    }
    let keywords: Vec<String> = entry
        .tags
        .iter()
        .map(|t| super::compose::clip(t, 200))
        .filter(|t| !t.is_empty())
        .take(100)
        .collect();
    Metadata::new()
        .title(title)
        .authors(vec![author])
        .description(subject)
        .keywords(keywords)
        .language(lang.to_string())
        .creator("communique".into())
        .producer("communique (krilla)".into())
        .creation_date(date)
        // Stable across rebuilds of the same communiqué (same input, same bytes).
        .document_id(entry.key.clone())
}

/// A heading met while placing blocks: level, text, page, top.
pub(super) struct Mark {
    pub level: u16,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// Nested bookmarks: each heading goes under the nearest previous heading of a lower level.
pub(super) fn outline(marks: &[Mark]) -> Outline {
    fn take(marks: &[Mark], i: &mut usize, level: u16) -> Vec<OutlineNode> {
        let mut nodes = Vec::new();
        while let Some(m) = marks.get(*i) {
            if m.level <= level {
                break;
            }
            *i += 1;
            let dest = XyzDestination::new(m.page, Point::from_xy(0.0, m.y));
            let mut node = OutlineNode::new(m.title.clone(), dest).with_open(true);
            for child in take(marks, i, m.level) {
                node.push_child(child);
            }
            nodes.push(node);
        }
        nodes
    }
    let mut outline = Outline::new();
    let mut i = 0;
    while i < marks.len() {
        let before = i;
        for node in take(marks, &mut i, 0) {
            outline.push_child(node);
        }
        if i == before {
            i += 1;
        }
    }
    outline
}
