//! Paragraph layout: styled runs → French typography → parley (shaping, line breaking,
//! justification) → owned lines of positioned glyphs that the drawing code hands to krilla.

use super::fonts::{self, Assets, FAMILY};
use super::french::{self, SHY, Styled, WJ};
use super::markdown::Inline;
use parley::fontique::{FontStyle, FontWeight, Language};
use parley::{
    Alignment, AlignmentOptions, BreakReason, FontContext, FontFamily, FontFeatures, LayoutContext,
    LineHeight, OverflowWrap, StyleProperty,
};
use std::borrow::Cow;
use std::ops::Range;

/// RGBA; parley carries it as the brush.
pub type Color = [u8; 4];
pub const BLACK: Color = [0x16, 0x16, 0x16, 0xFF];
/// DSFR "bleu France".
pub const BLUE: Color = [0x00, 0x00, 0x91, 0xFF];
pub const GREY: Color = [0x3A, 0x3A, 0x3A, 0xFF];

/// How a whole block is set.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub size: f32,
    /// Multiple of the font size.
    pub line_height: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: Color,
    pub justify: bool,
    pub hyphenate: bool,
}

impl TextStyle {
    pub const fn new(size: f32) -> TextStyle {
        TextStyle {
            size,
            line_height: 1.25,
            bold: false,
            italic: false,
            color: BLACK,
            justify: false,
            hyphenate: false,
        }
    }
    pub const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub const fn color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }
    pub const fn leading(mut self, line_height: f32) -> Self {
        self.line_height = line_height;
        self
    }
    pub const fn justified(mut self) -> Self {
        self.justify = true;
        self.hyphenate = true;
        self
    }
}

/// A soft hyphen met on a line: face, size, its text, colour, link.
type Shy = (usize, f32, Range<usize>, Color, Option<usize>);

/// Extra space per word gap, in ems, beyond which a line is left ragged instead of justified.
const MAX_STRETCH: f32 = 0.7;

/// Ordinary spaces between the first and last inked glyphs: the gaps justification widens.
fn interior_spaces(line: &LLine) -> usize {
    let first = line.glyphs.iter().position(|g| !g.space);
    let last = line.glyphs.iter().rposition(|g| !g.space);
    match (first, last) {
        (Some(a), Some(b)) => line.glyphs[a..b].iter().filter(|g| g.space).count(),
        _ => 0,
    }
}

/// One glyph, positioned relative to its line's start and baseline.
#[derive(Debug, Clone)]
pub struct PGlyph {
    pub face: usize,
    pub size: f32,
    /// Pen position before the glyph.
    pub x: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub advance: f32,
    pub gid: u32,
    /// The characters this glyph stands for, in [`Laid::text`] (for ToUnicode/ActualText).
    pub text: Range<usize>,
    pub color: Color,
    pub link: Option<usize>,
    pub space: bool,
}

#[derive(Debug, Clone)]
pub struct LLine {
    /// From the line box top to the baseline.
    pub baseline: f32,
    pub height: f32,
    /// Ink extent around the baseline, for link rectangles.
    pub ascent: f32,
    pub descent: f32,
    pub glyphs: Vec<PGlyph>,
}

/// A laid-out paragraph: the text as typeset (with no-break spaces and soft hyphens), its
/// lines, and the link targets glyphs point at.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub text: String,
    pub lines: Vec<LLine>,
    pub links: Vec<String>,
}

impl Laid {
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// Per-render layout state: parley contexts over our fonts only.
pub struct Shaper<'a> {
    assets: &'a Assets,
    fcx: FontContext,
    lcx: LayoutContext<Color>,
    hyphens: [Option<(u32, f32)>; 4],
}

impl<'a> Shaper<'a> {
    pub fn new(assets: &'a Assets) -> Shaper<'a> {
        let mut fcx = assets.font_context();
        let mut lcx = LayoutContext::new();
        let hyphens = fonts::hyphen_glyphs(assets, &mut fcx, &mut lcx);
        Shaper {
            assets,
            fcx,
            lcx,
            hyphens,
        }
    }

    /// A single plain string.
    pub fn plain(&mut self, text: &str, style: &TextStyle, width: f32) -> Laid {
        let run = Inline {
            text: text.to_string(),
            bold: false,
            italic: false,
            link: None,
        };
        self.layout(std::slice::from_ref(&run), style, width)
    }

    pub fn layout(&mut self, runs: &[Inline], style: &TextStyle, width: f32) -> Laid {
        // Characters tagged with their run index, so typography can insert and drop characters
        // and styles follow.
        let mut chars: Vec<Styled> = Vec::new();
        for (i, run) in runs.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            chars.extend(run.text.chars().map(|c| (c, i)));
        }
        let style_of = |i: u32| runs.get(i as usize).or(runs.last());
        french::sanitize(&mut chars);
        french::french_spacing(&mut chars);
        let linked = |i: u32| style_of(i).is_some_and(|r| r.link.is_some());
        if style.hyphenate {
            french::hyphenate(&mut chars, linked);
        }
        french::protect_urls(&mut chars, linked);

        // The string and its ranges of equal style; each linked run gets its own link index.
        let mut text = String::with_capacity(chars.len() + 16);
        let mut ranges: Vec<(Range<usize>, u32)> = Vec::new();
        for &(c, s) in &chars {
            let at = text.len();
            text.push(c);
            match ranges.last_mut() {
                Some((r, last)) if *last == s => r.end = text.len(),
                _ => ranges.push((at..text.len(), s)),
            }
        }
        let mut links: Vec<String> = Vec::new();
        let mut link_of_range: Vec<Option<usize>> = Vec::with_capacity(ranges.len());
        for (_, s) in &ranges {
            let link = style_of(*s).and_then(|r| r.link.clone()).map(|uri| {
                links.push(uri);
                links.len() - 1
            });
            link_of_range.push(link);
        }
        if text.is_empty() {
            return Laid::default();
        }

        let mut b = self.lcx.ranged_builder(&mut self.fcx, &text, 1.0, false);
        b.push_default(StyleProperty::FontFamily(FontFamily::named(FAMILY)));
        b.push_default(StyleProperty::FontSize(style.size));
        b.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.line_height,
        )));
        b.push_default(StyleProperty::Brush(style.color));
        // Ligatures off: "fi" must extract as two letters, never U+FB01.
        b.push_default(StyleProperty::FontFeatures(FontFeatures::Source(
            Cow::Borrowed("\"liga\" off, \"clig\" off, \"dlig\" off"),
        )));
        // A word wider than the line (a URL, hostile input) wraps anywhere rather than overflow.
        b.push_default(StyleProperty::OverflowWrap(OverflowWrap::Anywhere));
        if let Ok(fr) = Language::parse("fr") {
            b.push_default(StyleProperty::Locale(Some(fr)));
        }
        if style.bold {
            b.push_default(StyleProperty::FontWeight(FontWeight::BOLD));
        }
        if style.italic {
            b.push_default(StyleProperty::FontStyle(FontStyle::Italic));
        }
        for (i, (r, s)) in ranges.iter().enumerate() {
            let Some(run) = style_of(*s) else { continue };
            if run.bold && !style.bold {
                b.push(StyleProperty::FontWeight(FontWeight::BOLD), r.clone());
            }
            if run.italic && !style.italic {
                b.push(StyleProperty::FontStyle(FontStyle::Italic), r.clone());
            }
            if link_of_range[i].is_some() {
                b.push(StyleProperty::Brush(BLUE), r.clone());
            }
        }
        let mut layout = b.build(&text);
        layout.break_all_lines(Some(width.max(1.0)));
        let link_at = |byte: usize| -> Option<usize> {
            let i = ranges.partition_point(|(r, _)| r.end <= byte);
            link_of_range.get(i).copied().flatten()
        };
        layout.align(Alignment::Start, AlignmentOptions::default());
        let mut lines = self.lines(&layout, &text, &link_at);
        if style.justify {
            // parley justifies without limit: a line before a long unbreakable URL would get
            // gaping spaces. Such lines stay ragged; the others take parley's justification.
            layout.align(Alignment::Justify, AlignmentOptions::default());
            let justified = self.lines(&layout, &text, &link_at);
            for (line, just) in lines.iter_mut().zip(justified) {
                let gaps = interior_spaces(line);
                let end = line
                    .glyphs
                    .iter()
                    .rev()
                    .find(|g| !g.space)
                    .map_or(0.0, |g| g.x + g.advance);
                let stretch = (width - end) / gaps.max(1) as f32;
                if gaps > 0 && stretch <= MAX_STRETCH * style.size {
                    *line = just;
                }
            }
        }
        Laid { text, lines, links }
    }

    /// Owned glyph lines from parley's current alignment.
    fn lines(
        &self,
        layout: &parley::Layout<Color>,
        text: &str,
        link_at: &dyn Fn(usize) -> Option<usize>,
    ) -> Vec<LLine> {
        let mut lines = Vec::with_capacity(layout.len());
        for line in layout.lines() {
            let m = line.metrics();
            let mut glyphs: Vec<PGlyph> = Vec::new();
            let mut x = m.offset;
            // Where the line's soft hyphen is, if it ends on one.
            let mut shy: Option<Shy> = None;
            for run in line.runs() {
                let face = self.assets.face_of(run.font().data.id());
                let size = run.font_size();
                for cluster in run.visual_clusters() {
                    let range = cluster.text_range();
                    if cluster.is_ligature_continuation() {
                        if let Some(g) = glyphs.last_mut() {
                            g.text.end = range.end;
                        }
                        continue;
                    }
                    let s = text.get(range.clone()).unwrap_or("");
                    let is_shy = s.starts_with(SHY);
                    let color = cluster.style().brush;
                    let link = link_at(range.start);
                    if is_shy {
                        shy = face.map(|f| (f, size, range.clone(), color, link));
                    } else if !s.trim().is_empty() {
                        shy = None;
                    }
                    // Soft hyphens, word joiners and hard breaks steer layout but are not drawn.
                    let skip = is_shy
                        || cluster.is_hard_line_break()
                        || s.chars().all(|c| c == '\n' || c == WJ);
                    let space = cluster.is_space_or_nbsp();
                    for g in cluster.glyphs() {
                        // Glyph 0 is .notdef (a character our fonts lack, e.g. emoji): PDF/A
                        // forbids drawing it, so it is left out.
                        if let (Some(face), false, true) = (face, skip, g.id != 0) {
                            glyphs.push(PGlyph {
                                face,
                                size,
                                x,
                                x_offset: g.x,
                                y_offset: g.y,
                                advance: g.advance,
                                gid: g.id,
                                text: range.clone(),
                                color,
                                link,
                                space,
                            });
                        }
                        x += g.advance;
                    }
                }
            }
            let soft_break = matches!(
                line.break_reason(),
                BreakReason::Regular | BreakReason::Emergency
            );
            if let (Some((face, size, range, color, link)), true) = (shy, soft_break)
                && let Some((gid, adv)) = self.hyphens.get(face).copied().flatten()
            {
                // The hyphen hangs after the last letter; its text is the soft hyphen, so
                // extraction joins the word back.
                let after = glyphs
                    .iter()
                    .rev()
                    .find(|g| !g.space)
                    .map_or(x, |g| g.x + g.advance);
                glyphs.retain(|g| !(g.space && g.x >= after));
                glyphs.push(PGlyph {
                    face,
                    size,
                    x: after,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    advance: adv * size,
                    gid,
                    text: range,
                    color,
                    link,
                    space: false,
                });
            }
            lines.push(LLine {
                baseline: m.baseline - m.block_min_coord,
                height: (m.block_max_coord - m.block_min_coord).max(0.0),
                ascent: m.baseline - m.content_block_min_coord,
                descent: m.content_block_max_coord - m.baseline,
                glyphs,
            });
        }
        lines
    }
}
