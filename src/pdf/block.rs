//! A laid-out piece of the text column, as `compose` makes it and `page` cuts it into pages:
//! a paragraph's lines, or a table row, or a figure, which pagination moves as one line.

use super::text::{Line, Typeset};

/// A laid-out block and how it flows.
pub(super) struct Block {
    /// Structure element its text belongs to.
    pub node: usize,
    /// Lines as pagination sees them (a table row or a figure is one line of its height).
    pub laid: Typeset,
    /// Offset from the left margin.
    pub x: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Headings: never the last thing on a page.
    pub keep_with_next: bool,
    /// List label (or note number) drawn beside the first line.
    pub label: Option<Label>,
    /// Headings: their entry in the document outline.
    pub outline: Option<Bookmark>,
    /// A table row or figure drawn in place of `laid`'s (empty) line.
    pub unit: Option<Unit>,
    /// A table row: its table's header row (a block index), repeated above it when the row
    /// starts a page.
    pub repeat: Option<usize>,
}

/// A heading's entry in the PDF outline (bookmarks).
#[derive(Debug, Clone)]
pub(super) struct Bookmark {
    /// Structure level: 1 is the title.
    pub level: u16,
    pub title: String,
}

pub(super) struct Label {
    pub node: usize,
    pub laid: Typeset,
    pub x: f32,
}

/// Content that never splits across pages.
pub(super) enum Unit {
    Row(Row),
    Figure(Figure),
}

/// One table row: its cells side by side.
pub(super) struct Row {
    pub cells: Vec<CellBox>,
    pub height: f32,
}

pub(super) struct CellBox {
    /// The TH or TD element.
    pub node: usize,
    pub laid: Typeset,
    /// From the table's left edge.
    pub x: f32,
    pub width: f32,
    /// Where the text starts, from the table's left edge (numbers are set flush right).
    pub text_x: f32,
}

/// An embedded image: its Figure element, decoded image and drawn size.
pub(super) struct Figure {
    pub node: usize,
    pub image: krilla::image::Image,
    pub width: f32,
    pub height: f32,
}

impl Block {
    pub(super) fn text(node: usize, laid: Typeset, x: f32, space_after: f32) -> Block {
        Block {
            node,
            laid,
            x,
            space_before: 0.0,
            space_after,
            keep_with_next: false,
            label: None,
            outline: None,
            unit: None,
            repeat: None,
        }
    }

    /// A block pagination treats as one line of `height`.
    pub(super) fn unit(node: usize, unit: Unit, height: f32, x: f32) -> Block {
        let line = Line {
            baseline: 0.0,
            height,
            ascent: 0.0,
            descent: 0.0,
            glyphs: Vec::new(),
            hyphen: None,
        };
        let laid = Typeset {
            lines: vec![line],
            ..Typeset::default()
        };
        Block {
            unit: Some(unit),
            ..Block::text(node, laid, x, 0.0)
        }
    }
}
