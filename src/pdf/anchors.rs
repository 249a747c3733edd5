//! Where each note call and each note landed once the pages are cut, so a call links to its
//! note and the note's number back to its call.

use super::block::Block;
use super::geometry::MARGIN_LEFT;
use super::markdown::NoteLink;
use super::page::Placed;
use super::text::{Target, Typeset};
use std::collections::HashMap;

/// A place in the document: page and top-left point (krilla's coordinates, y down).
#[derive(Debug, Clone, Copy)]
pub(super) struct Spot {
    pub page: usize,
    pub x: f32,
    pub y: f32,
}

/// First spot of each note call and of each note, by note number.
#[derive(Default)]
pub(super) struct Anchors {
    calls: HashMap<u32, Spot>,
    notes: HashMap<u32, Spot>,
}

impl Anchors {
    pub(super) fn find(blocks: &[Block], pages: &[Vec<Placed>]) -> Anchors {
        let mut a = Anchors::default();
        for (page, placed) in pages.iter().enumerate() {
            for p in placed {
                let Some(b) = blocks.get(p.block) else {
                    continue;
                };
                let x = MARGIN_LEFT + b.x;
                if p.lines.start == 0
                    && let Some(label) = &b.label
                {
                    a.record(&label.laid, 0, page, MARGIN_LEFT + label.x, p.y);
                }
                let mut y = p.y;
                for i in p.lines.clone() {
                    a.record(&b.laid, i, page, x, y);
                    y += b.laid.lines.get(i).map_or(0.0, |l| l.height);
                }
            }
        }
        a
    }

    fn record(&mut self, laid: &Typeset, line: usize, page: usize, x: f32, y: f32) {
        let Some(l) = laid.lines.get(line) else {
            return;
        };
        for g in &l.glyphs {
            let Some(Target::Note(link)) = g.link.and_then(|i| laid.links.get(i)) else {
                continue;
            };
            let spot = Spot {
                page,
                x: x + g.x,
                y,
            };
            // A glyph going to note n is the call of n; one going back is note n itself.
            match *link {
                NoteLink::ToNote(n) => self.calls.entry(n).or_insert(spot),
                NoteLink::ToCall(n) => self.notes.entry(n).or_insert(spot),
            };
        }
    }

    /// Where a note link leads.
    pub(super) fn destination(&self, link: NoteLink) -> Option<Spot> {
        match link {
            NoteLink::ToNote(n) => self.notes.get(&n).copied(),
            NoteLink::ToCall(n) => self.calls.get(&n).copied(),
        }
    }
}
