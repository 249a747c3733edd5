//! The communiqué's flowing content as laid-out blocks, in reading order: document type,
//! title, dateline, lead image, lead, then the Markdown body (headings, paragraphs, lists,
//! quotes, code, tables, figures) and its notes.

use super::PdfError;
use super::block::{Block, Bookmark, Label};
use super::geometry::COLUMN;
use super::images::{self, Images};
use super::markdown::{self, Block as Md, Inline, NoteLink};
use super::tags::{Kind, Tree};
use super::text::{BLUE, GREY, Shaper, TextStyle};
use crate::config::Config;
use crate::model::Entry;
use crate::text::html_text;

/// Indentation of each list or quote level.
pub(super) const INDENT: f32 = 18.0;
/// Deeper nesting than this is set at this indent, so the column never gets too narrow.
const MAX_INDENT: f32 = 6.0 * INDENT;

const TYPE: TextStyle = TextStyle::new(11.0).bold().color(BLUE);
const TITLE: TextStyle = TextStyle::new(17.0).bold().leading(1.22);
const DATELINE: TextStyle = TextStyle::new(10.5).color(GREY);
const LEAD: TextStyle = TextStyle::new(10.5).bold().leading(1.4).justified();
const BODY: TextStyle = TextStyle::new(10.0).leading(1.42).justified();
const HEADING: TextStyle = TextStyle::new(11.0).bold().leading(1.3).color(BLUE);
const CODE: TextStyle = TextStyle::new(8.8).leading(1.3).mono();
const NOTE: TextStyle = TextStyle::new(8.5).leading(1.3);

/// Space around a block of text, and whether it stays on the page of what follows.
#[derive(Debug, Clone, Copy)]
struct Flow {
    before: f32,
    after: f32,
    keep_with_next: bool,
}

impl Flow {
    const fn after(after: f32) -> Flow {
        Flow {
            before: 0.0,
            after,
            keep_with_next: false,
        }
    }
}

/// Headings: room above, and never the last line of a page.
const HEADING_FLOW: Flow = Flow {
    before: 10.0,
    after: 5.0,
    keep_with_next: true,
};

/// Longest title text kept in the metadata, outline and heading attributes.
pub(super) const META_CHARS: usize = 2000;

/// Lays the entry out; stops as soon as the text alone is longer than `max_pages` pages.
pub(super) fn compose(
    entry: &Entry,
    config: &Config,
    shaper: &mut Shaper<'_>,
    tree: &mut Tree,
    images: &mut Images<'_>,
    page_height: f32,
) -> Result<Vec<Block>, PdfError> {
    let mut out = Vec::new();
    let category = document_type(entry).to_uppercase();
    let node = tree.add(None, Kind::P);
    out.push(Block::text(
        node,
        // One of a few labels ("COMMUNIQUÉ DE PRESSE"): laid out once per kit.
        shaper.furniture(&[Inline::plain(category)], &TYPE, COLUMN),
        0.0,
        10.0,
    ));

    let shown = display_title(entry, config);
    let title = clip(&shown, META_CHARS);
    let node = tree.add(None, Kind::H(1, title.clone()));
    let mut b = Block::text(node, shaper.plain(&shown, &TITLE, COLUMN), 0.0, 12.0);
    b.outline = Some(Bookmark { level: 1, title });
    out.push(b);

    let place = entry
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .unwrap_or("Paris");
    let node = tree.add(None, Kind::P);
    let dateline = entry.date.dateline(place, config.time_zone);
    out.push(Block::text(
        node,
        shaper.plain(&dateline, &DATELINE, COLUMN),
        0.0,
        12.0,
    ));

    let max_depth = config.limits.markdown_max_nesting;
    let max_pages = config.pdf.max_pages.max(1);
    let mut walker = Walker {
        shaper,
        tree,
        images,
        out: &mut out,
        label: None,
        heading_base: 1,
        last_heading: 1,
        // Pagination only adds to the text's height: past this, the limit is surely broken.
        budget: max_pages as f32 * page_height,
        used: 0.0,
    };
    // `une-ou-diaporama`: the lead image, before the lead. It illustrates what the text
    // says, so when it cannot be read the build warns but no placeholder opens the page.
    if let Some(image) = entry.images.first() {
        let alt = image.alt.clone().unwrap_or_default();
        walker.figure(&image.url, &alt, None, 0.0, false);
    }
    // Relative links are read against the entry's own page, as the feed reads them.
    let page = crate::feeds::base_for_links(entry, config);
    if let Some(summary) = entry.summary.as_deref() {
        let blocks = markdown::parse(summary, &page, max_depth);
        let before = walker.out.len();
        walker.blocks(&blocks, None, 0.0, &LEAD);
        if walker.out.len() > before
            && let Some(last) = walker.out.last_mut()
        {
            last.space_after = 14.0;
        }
    }
    let body = markdown::parse_body(&entry.body, &page, max_depth);
    walker.heading_base = min_heading(&body).unwrap_or(1);
    walker.blocks(&body, None, 0.0, &BODY);
    if walker.used > walker.budget {
        return Err(PdfError::TooManyPages { limit: max_pages });
    }
    Ok(out)
}

/// The title, or when it is blank (PDF/UA needs one) the category and date.
/// Both are read as the feeds read them: `L&rsquo;État` is L’État, `<b>` is markup.
pub(super) fn display_title(entry: &Entry, config: &Config) -> String {
    let title = html_text(&entry.title);
    if !clip(&title, usize::MAX).is_empty() {
        return title;
    }
    entry.date.dateline(&document_type(entry), config.time_zone)
}

/// The category the entry gives (`Communiqué de presse` when it gives none).
fn document_type(entry: &Entry) -> String {
    entry
        .category
        .as_deref()
        .map(html_text)
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "Communiqué de presse".to_string())
}

/// The summary as plain text, for the XMP subject.
pub(super) fn plain_summary(entry: &Entry, config: &Config) -> String {
    entry.summary.as_deref().map_or_else(String::new, |s| {
        let page = crate::feeds::base_for_links(entry, config);
        let blocks = markdown::parse(s, &page, config.limits.markdown_max_nesting);
        clip(&markdown::blocks_text(&blocks), META_CHARS)
    })
}

/// At most `max` characters, without control characters (metadata strings), and without
/// what the page itself cannot print, so the metadata says what the page shows.
pub(super) fn clip(s: &str, max: usize) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|&c| !super::french::is_unprintable(c))
        .take(max)
        .collect();
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn min_heading(blocks: &[Md]) -> Option<u8> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Md::Heading(l, _) => Some(*l),
            Md::List { items, .. } => items.iter().filter_map(|i| min_heading(i)).min(),
            Md::Quote(b) => min_heading(b),
            _ => None,
        })
        .min()
}

pub(super) struct Walker<'w, 's, 'i> {
    pub(super) shaper: &'w mut Shaper<'s>,
    pub(super) tree: &'w mut Tree,
    pub(super) images: &'w mut Images<'i>,
    pub(super) out: &'w mut Vec<Block>,
    /// A list label waiting for the item's first block.
    label: Option<Label>,
    /// Smallest Markdown heading level in the body: it becomes H2.
    heading_base: u8,
    /// Last structure heading level emitted, so levels never skip (PDF/UA).
    last_heading: u16,
    /// Height the page limit allows, and the height laid out so far.
    budget: f32,
    pub(super) used: f32,
}

impl Walker<'_, '_, '_> {
    fn blocks(&mut self, blocks: &[Md], parent: Option<usize>, x: f32, style: &TextStyle) {
        let x = x.min(MAX_INDENT);
        for b in blocks {
            if self.used > self.budget {
                return;
            }
            match b {
                Md::Para(runs) => {
                    let node = self.tree.add(parent, Kind::P);
                    let space = if parent.is_some() { 4.0 } else { 7.0 };
                    self.push(node, runs, x, style, Flow::after(space));
                }
                Md::Heading(level, runs) => {
                    let title = clip(
                        &runs.iter().map(|r| r.text.as_str()).collect::<String>(),
                        META_CHARS,
                    );
                    let level = self.heading_level(*level);
                    let node = self.tree.add(parent, Kind::H(level, title.clone()));
                    let heading = if style.bold { *style } else { HEADING };
                    self.push(node, runs, x, &heading, HEADING_FLOW);
                    if let Some(b) = self.out.last_mut() {
                        b.outline = Some(Bookmark { level, title });
                    }
                }
                Md::List { start, items } => {
                    let list = self.tree.add(parent, Kind::L(start.is_some()));
                    for (n, item) in items.iter().enumerate() {
                        let li = self.tree.add(Some(list), Kind::LI);
                        let lbl = self.tree.add(Some(li), Kind::Lbl);
                        let body = self.tree.add(Some(li), Kind::LBody);
                        let text = match start {
                            Some(s) => format!("{}.", s.saturating_add(n as u64)),
                            None => "•".to_string(),
                        };
                        self.set_label(lbl, &text, style, x);
                        self.blocks(item, Some(body), x + INDENT, style);
                        self.label = None;
                    }
                    self.space_after(7.0);
                }
                Md::Quote(inner) => {
                    let q = self.tree.add(parent, Kind::BlockQuote);
                    self.blocks(inner, Some(q), x + INDENT, &style.italic());
                    self.space_after(7.0);
                }
                Md::Code(code) => {
                    let node = self.tree.add(parent, Kind::Code);
                    let laid = self.shaper.plain(code, &CODE, COLUMN - x - 8.0);
                    self.add(Block {
                        space_before: 2.0,
                        ..Block::text(node, laid, x + 8.0, 9.0)
                    });
                }
                Md::Table(rows) => table::table(self, rows, parent, x),
                Md::Image { src, alt } => self.figure(src, alt, parent, x, true),
                Md::Notes(notes) => self.notes(notes, parent, x),
            }
        }
    }

    /// Structure level of a body heading: the body's top level is H2 and no level is skipped.
    fn heading_level(&mut self, markdown: u8) -> u16 {
        let wanted = u16::from(markdown.saturating_sub(self.heading_base)) + 2;
        let level = wanted.min(self.last_heading + 1).clamp(2, 6);
        self.last_heading = level;
        level
    }

    fn set_label(&mut self, node: usize, text: &str, style: &TextStyle, x: f32) {
        let mut plain = *style;
        plain.justify = false;
        plain.hyphenate = false;
        self.label = Some(Label {
            node,
            laid: self.shaper.plain(text, &plain, INDENT + 8.0),
            x: x + 2.0,
        });
    }

    fn space_after(&mut self, space: f32) {
        if let Some(b) = self.out.last_mut() {
            b.space_after = b.space_after.max(space);
        }
    }

    /// An image that can be read is embedded as a Figure with its alt text; any other prints
    /// its alt text as "[Image : …]" when `placeholder` (and the build warns).
    pub(super) fn figure(
        &mut self,
        src: &str,
        alt: &str,
        parent: Option<usize>,
        x: f32,
        placeholder: bool,
    ) {
        let alt = clip(alt, 1000);
        match self.images.load(src) {
            Some(image) => {
                let node = self
                    .tree
                    .add(parent, Kind::Figure(images::alt_or_name(&alt, src)));
                let (width, height) = images::fit(&image, COLUMN - x, 260.0);
                let figure = super::block::Figure {
                    node,
                    image,
                    width,
                    height,
                };
                let mut b = Block::unit(node, super::block::Unit::Figure(figure), height, x);
                b.space_before = 4.0;
                b.space_after = 9.0;
                self.add(b);
            }
            None if !placeholder => {}
            None => {
                let text = match alt.is_empty() {
                    true => "[Image]".to_string(),
                    false => format!("[Image : {alt}]"),
                };
                let node = self.tree.add(parent, Kind::P);
                let runs = [Inline {
                    italic: true,
                    ..Inline::plain(text)
                }];
                self.push(node, &runs, x, &BODY, Flow::after(7.0));
            }
        }
    }

    /// Notes at the end, under a "Notes" heading: each a Note element with its number.
    fn notes(&mut self, notes: &[Vec<Inline>], parent: Option<usize>, x: f32) {
        let level = self.heading_level(self.heading_base);
        let node = self.tree.add(parent, Kind::H(level, "Notes".into()));
        let title = [Inline::plain("Notes")];
        self.push(node, &title, x, &HEADING, HEADING_FLOW);
        if let Some(b) = self.out.last_mut() {
            b.outline = Some(Bookmark {
                level,
                title: "Notes".into(),
            });
        }
        for (i, runs) in notes.iter().enumerate() {
            let node = self.tree.add(parent, Kind::Note);
            // The note's number links back to its call.
            let number = Inline {
                note: u32::try_from(i + 1).ok().map(NoteLink::ToCall),
                ..Inline::plain(format!("{}.", i + 1))
            };
            self.label = Some(Label {
                node,
                laid: self.shaper.layout(&[number], &NOTE, INDENT + 8.0),
                x: x + 2.0,
            });
            self.push(node, runs, x + INDENT, &NOTE, Flow::after(3.0));
            self.label = None;
        }
    }

    /// Adds a block, counting its height against the page limit.
    pub(super) fn add(&mut self, block: Block) {
        self.used += block.laid.height();
        self.out.push(block);
    }

    /// Lays `runs` out as the text of `node`, `x` from the column's left edge.
    fn push(&mut self, node: usize, runs: &[Inline], x: f32, style: &TextStyle, flow: Flow) {
        // An image printed as its alt text in the line is still reported.
        for src in runs.iter().filter_map(|r| r.image.as_deref()) {
            self.images.load(src);
        }
        let laid = self.shaper.layout(runs, style, COLUMN - x);
        if laid.lines.is_empty() {
            return;
        }
        let label = self.label.take();
        self.add(Block {
            space_before: flow.before,
            keep_with_next: flow.keep_with_next,
            label,
            ..Block::text(node, laid, x, flow.after)
        });
    }
}

// Tables are laid out by the walker's own extension: a child module, so no cycle.
#[path = "table.rs"]
mod table;
pub(super) use table::PAD;
