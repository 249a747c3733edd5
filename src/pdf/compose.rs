//! The communiqué's flowing content as laid-out blocks, in reading order: document type,
//! title, dateline, lead, then the Markdown body (headings, paragraphs, lists, quotes).

use super::markdown::{self, Block as Md, Inline};
use super::tags::{Kind, Tree};
use super::text::{BLUE, GREY, Laid, Shaper, TextStyle};
use crate::config::Config;
use crate::model::Entry;

/// Width of the text column (A4 minus the margins).
pub const COLUMN: f32 = super::page::WIDTH - super::page::MARGIN_LEFT - super::page::MARGIN_RIGHT;
/// Indentation of each list or quote level.
const INDENT: f32 = 18.0;
/// Deeper nesting than this is set at this indent, so the column never gets too narrow.
const MAX_INDENT: f32 = 6.0 * INDENT;

/// A laid-out block and how it flows.
pub struct Block {
    /// Structure element its text belongs to.
    pub node: usize,
    pub laid: Laid,
    /// Offset from the left margin.
    pub x: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Headings: never the last thing on a page.
    pub keep_with_next: bool,
    /// List label drawn beside the first line.
    pub label: Option<Label>,
    /// Bookmark (level, text) for headings.
    pub outline: Option<(u16, String)>,
}

pub struct Label {
    pub node: usize,
    pub laid: Laid,
    pub x: f32,
}

const TYPE: TextStyle = TextStyle::new(11.0).bold().color(BLUE);
const TITLE: TextStyle = TextStyle::new(17.0).bold().leading(1.22);
const DATELINE: TextStyle = TextStyle::new(10.5).color(GREY);
const LEAD: TextStyle = TextStyle::new(10.5).bold().leading(1.4).justified();
const BODY: TextStyle = TextStyle::new(10.0).leading(1.42).justified();
const HEADING: TextStyle = TextStyle::new(11.0).bold().leading(1.3).color(BLUE);

/// Longest title text kept in the metadata, outline and heading attributes.
pub const META_CHARS: usize = 2000;

pub fn compose(
    entry: &Entry,
    config: &Config,
    shaper: &mut Shaper<'_>,
    tree: &mut Tree,
) -> Vec<Block> {
    let mut out = Vec::new();
    let category = entry
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("Communiqué de presse")
        .to_uppercase();
    let node = tree.add(None, Kind::P);
    out.push(simple(
        node,
        shaper.plain(&category, &TYPE, COLUMN),
        0.0,
        10.0,
    ));

    let shown = display_title(entry, config);
    let title = clip(&shown, META_CHARS);
    let node = tree.add(None, Kind::H(1, title.clone()));
    let mut b = simple(node, shaper.plain(&shown, &TITLE, COLUMN), 0.0, 12.0);
    b.outline = Some((1, title));
    out.push(b);

    let place = entry
        .place
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .unwrap_or("Paris");
    let node = tree.add(None, Kind::P);
    let dateline = entry.date.dateline(place, config.time_zone);
    out.push(simple(
        node,
        shaper.plain(&dateline, &DATELINE, COLUMN),
        0.0,
        12.0,
    ));

    let max_depth = config.limits.markdown_max_nesting;
    let mut walker = Walker {
        shaper,
        tree,
        out: &mut out,
        label: None,
        heading_base: 1,
        last_heading: 1,
    };
    if let Some(summary) = entry.summary.as_deref() {
        let blocks = markdown::parse(summary, &config.base_url, max_depth);
        let before = walker.out.len();
        walker.blocks(&blocks, None, 0.0, &LEAD);
        if walker.out.len() > before
            && let Some(last) = walker.out.last_mut()
        {
            last.space_after = 14.0;
        }
    }
    let body = markdown::parse(&entry.body, &config.base_url, max_depth);
    walker.heading_base = min_heading(&body).unwrap_or(1);
    walker.blocks(&body, None, 0.0, &BODY);
    out
}

/// The title, or when it is blank (PDF/UA needs one) the category and date.
pub fn display_title(entry: &Entry, config: &Config) -> String {
    let title = clip(&entry.title, usize::MAX);
    if !title.is_empty() {
        return entry.title.trim().to_string();
    }
    let category = entry
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    entry
        .date
        .dateline(category.unwrap_or("Communiqué de presse"), config.time_zone)
}

/// The summary as plain text, for the XMP subject.
pub fn plain_summary(entry: &Entry, config: &Config) -> String {
    entry.summary.as_deref().map_or_else(String::new, |s| {
        let blocks = markdown::parse(s, &config.base_url, config.limits.markdown_max_nesting);
        clip(&markdown::plain_text(&blocks), META_CHARS)
    })
}

fn simple(node: usize, laid: Laid, x: f32, space_after: f32) -> Block {
    Block {
        node,
        laid,
        x,
        space_before: 0.0,
        space_after,
        keep_with_next: false,
        label: None,
        outline: None,
    }
}

/// At most `max` characters, without control characters (metadata strings).
pub fn clip(s: &str, max: usize) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(*c as u32, 0xE000..=0xF8FF | 0xF0000.. | 0xFEFF | 0xFFFE | 0xFFFF))
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
            Md::Para(_) => None,
        })
        .min()
}

struct Walker<'w, 's> {
    shaper: &'w mut Shaper<'s>,
    tree: &'w mut Tree,
    out: &'w mut Vec<Block>,
    /// A list label waiting for the item's first block.
    label: Option<Label>,
    /// Smallest Markdown heading level in the body: it becomes H2.
    heading_base: u8,
    /// Last structure heading level emitted, so levels never skip (PDF/UA).
    last_heading: u16,
}

impl Walker<'_, '_> {
    fn blocks(&mut self, blocks: &[Md], parent: Option<usize>, x: f32, style: &TextStyle) {
        let x = x.min(MAX_INDENT);
        for b in blocks {
            match b {
                Md::Para(runs) => {
                    let node = self.tree.add(parent, Kind::P);
                    let space = if parent.is_some() { 4.0 } else { 7.0 };
                    self.push(node, runs, x, style, 0.0, space, false);
                }
                Md::Heading(level, runs) => {
                    let wanted = u16::from(level.saturating_sub(self.heading_base)) + 2;
                    let level = wanted.min(self.last_heading + 1).clamp(2, 6);
                    self.last_heading = level;
                    let title = clip(
                        &runs.iter().map(|r| r.text.as_str()).collect::<String>(),
                        META_CHARS,
                    );
                    let node = self.tree.add(parent, Kind::H(level, title.clone()));
                    let heading = if style.bold { *style } else { HEADING };
                    self.push(node, runs, x, &heading, 10.0, 5.0, true);
                    if let Some(b) = self.out.last_mut() {
                        b.outline = Some((level, title));
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
                        let mut plain = *style;
                        plain.justify = false;
                        plain.hyphenate = false;
                        self.label = Some(Label {
                            node: lbl,
                            laid: self.shaper.plain(&text, &plain, INDENT + 8.0),
                            x: x + 2.0,
                        });
                        self.blocks(item, Some(body), x + INDENT, style);
                        self.label = None;
                    }
                    if let Some(b) = self.out.last_mut() {
                        b.space_after = b.space_after.max(7.0);
                    }
                }
                Md::Quote(inner) => {
                    let q = self.tree.add(parent, Kind::BlockQuote);
                    self.blocks(inner, Some(q), x + INDENT, &style.italic());
                    if let Some(b) = self.out.last_mut() {
                        b.space_after = b.space_after.max(7.0);
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        node: usize,
        runs: &[Inline],
        x: f32,
        style: &TextStyle,
        space_before: f32,
        space_after: f32,
        keep_with_next: bool,
    ) {
        let laid = self.shaper.layout(runs, style, COLUMN - x);
        if laid.lines.is_empty() {
            return;
        }
        self.out.push(Block {
            node,
            laid,
            x,
            space_before,
            space_after,
            keep_with_next,
            label: self.label.take(),
            outline: None,
        });
    }
}
