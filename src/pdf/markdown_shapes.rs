//! What the Markdown reader gives the layout: blocks (paragraphs, headings, lists, quotes,
//! code, tables, images, notes) made of runs of styled text. Nothing here knows Markdown.

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Absolute `http(s):`/`mailto:`/`tel:` target; `None` for plain text.
    pub link: Option<String>,
    /// Raised and smaller: ordinals (`6<sup>e</sup>`) and note calls.
    pub sup: bool,
    /// Code: monospace face, set as written (no typography, no hyphenation).
    pub code: bool,
    /// A note call (links to the note) or a note's number (links back to its call).
    pub note: Option<NoteLink>,
    /// The image this run's "[Image : alt]" stands for (reported as not embedded).
    pub image: Option<String>,
}

/// The two ends of a note, by note number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteLink {
    /// The call in the text: goes to note `n`.
    ToNote(u32),
    /// The note's number: goes back to the call of note `n`.
    ToCall(u32),
}

impl Inline {
    pub(crate) fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }
}

/// One cell of a table; header cells are tagged TH.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub header: bool,
    pub runs: Vec<Inline>,
    /// The column's alignment as the Markdown delimiter row gives it (`---:` is `Right`).
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Not given: figures flush right, text flush left.
    Auto,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Vec<Inline>),
    /// Markdown level 1–6 as written.
    Heading(u8, Vec<Inline>),
    List {
        /// First number of an ordered list; `None` for bullets.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    /// A code block, as written.
    Code(String),
    /// Rows of cells, the header row(s) first.
    Table(Vec<Vec<Cell>>),
    /// An image: its address as written and its alternative text.
    Image {
        src: String,
        alt: String,
    },
    /// Numbered notes (footnotes and link addresses), in the order of their calls.
    Notes(Vec<Vec<Inline>>),
}
