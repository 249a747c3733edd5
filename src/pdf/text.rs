//! Paragraph layout: styled runs → French typography → parley (shaping, line breaking,
//! justification) → owned lines of positioned glyphs that the drawing code hands to krilla.

use super::fonts::{Assets, MONO_STACK, TEXT_STACK};
use super::french::{self, Styled};
use super::kit::{Kit, Laid};
use super::markdown::{Inline, NoteLink};
use super::typo::{self, STYLE, SUP, URL};
use parley::fontique::{FontStyle, FontWeight, Language};
use parley::{
    Alignment, AlignmentOptions, FontFamily, FontFeatures, LineHeight, OverflowWrap, StyleProperty,
};
use std::borrow::Cow;
use std::ops::Range;

/// RGBA; parley carries it as the brush.
pub(super) type Color = [u8; 4];
pub(super) const BLACK: Color = [0x16, 0x16, 0x16, 0xFF];
/// DSFR "bleu France".
pub(super) const BLUE: Color = [0x00, 0x00, 0x91, 0xFF];
pub(super) const GREY: Color = [0x3A, 0x3A, 0x3A, 0xFF];

/// How a whole block is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TextStyle {
    pub size: f32,
    /// Multiple of the font size.
    pub line_height: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: Color,
    pub justify: bool,
    pub hyphenate: bool,
    /// Code: monospace face, spaces kept, no typography.
    pub mono: bool,
}

impl TextStyle {
    pub(super) const fn new(size: f32) -> TextStyle {
        TextStyle {
            size,
            line_height: 1.25,
            bold: false,
            italic: false,
            color: BLACK,
            justify: false,
            hyphenate: false,
            mono: false,
        }
    }
    pub(super) const fn mono(mut self) -> Self {
        self.mono = true;
        self.justify = false;
        self.hyphenate = false;
        self
    }
    pub(super) const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub(super) const fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub(super) const fn color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }
    pub(super) const fn leading(mut self, line_height: f32) -> Self {
        self.line_height = line_height;
        self
    }
    pub(super) const fn justified(mut self) -> Self {
        self.justify = true;
        self.hyphenate = true;
        self
    }
}

/// One glyph, positioned relative to its line's start and baseline.
#[derive(Debug, Clone)]
pub(super) struct PlacedGlyph {
    pub face: usize,
    pub size: f32,
    /// Pen position before the glyph.
    pub x: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub advance: f32,
    pub gid: u32,
    /// The characters this glyph stands for, in [`Typeset::text`] (for ToUnicode/ActualText).
    pub text: Range<usize>,
    pub color: Color,
    pub link: Option<usize>,
    pub space: bool,
    /// Strong or emphasised text, tagged as such.
    pub emph: Emph,
}

/// Inline emphasis, for the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Emph {
    None,
    Strong,
    Em,
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    /// From the line box top to the baseline.
    pub baseline: f32,
    pub height: f32,
    /// Ink extent around the baseline, for link rectangles.
    pub ascent: f32,
    pub descent: f32,
    pub glyphs: Vec<PlacedGlyph>,
    /// Where the soft hyphen drawn at the line end sits in [`Typeset::text`].
    pub hyphen: Option<usize>,
}

/// A laid-out paragraph: the text as typeset (with no-break spaces and soft hyphens), its
/// lines, and the link targets glyphs point at.
#[derive(Debug, Clone, Default)]
pub(super) struct Typeset {
    pub text: String,
    pub lines: Vec<Line>,
    pub links: Vec<Target>,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Uri(String),
    /// From a call to its note, or back (see [`NoteLink`]).
    Note(NoteLink),
}

impl Typeset {
    pub(super) fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    /// Width of the longest line's ink, trailing spaces left out (table columns).
    pub(super) fn width(&self) -> f32 {
        self.lines
            .iter()
            .filter_map(|l| l.glyphs.iter().rev().find(|g| !g.space))
            .map(|g| g.x + g.advance)
            .fold(0.0, f32::max)
    }
}

/// Per-render layout state: parley contexts over our fonts only, from the assets' pool of
/// kits and given back when the render ends.
pub(super) struct Shaper<'a> {
    pub(super) assets: &'a Assets,
    pub(super) kit: Kit,
    /// Characters no font had a glyph for, in order of appearance.
    pub missing: Vec<char>,
}

impl Drop for Shaper<'_> {
    fn drop(&mut self) {
        self.assets.give_back(std::mem::take(&mut self.kit));
    }
}

/// Extra space per word gap, in ems, beyond which a line is left ragged instead of justified.
const MAX_STRETCH: f32 = 0.7;
/// Furniture layouts a kit keeps; past this, it forgets them all and starts again.
const FURNITURE_KEPT: usize = 64;
/// Relayouts allowed to undo hyphenations (never more than two hyphenated lines in a row).
const MAX_REFLOWS: usize = 12;
/// Superscript size, as a fraction of the text size.
pub(super) const SUP_SCALE: f32 = 0.65;

/// What a range of equal style needs at layout and drawing.
pub(super) struct RangeInfo {
    pub(super) link: Option<usize>,
    pub(super) sup: bool,
    pub(super) emph: Emph,
}

impl<'a> Shaper<'a> {
    pub(super) fn new(assets: &'a Assets) -> Shaper<'a> {
        Shaper {
            assets,
            kit: assets.take_kit(),
            missing: Vec::new(),
        }
    }

    /// krilla's handle on each face, for drawing.
    pub(super) fn fonts(&self) -> &[krilla::text::Font] {
        &self.kit.fonts
    }

    /// A single plain string.
    pub(super) fn plain(&mut self, text: &str, style: &TextStyle, width: f32) -> Typeset {
        self.layout(std::slice::from_ref(&Inline::plain(text)), style, width)
    }

    /// [`Self::layout`] for page furniture, which most PDFs share (the bloc-marque, the
    /// press contact, the folio): kept in the kit, so later renders copy it instead of
    /// shaping it again. Same inputs, same layout, so the bytes are the same.
    pub(super) fn furniture(&mut self, runs: &[Inline], style: &TextStyle, width: f32) -> Typeset {
        let kept =
            self.kit.furniture.iter().find(|l| {
                l.width.to_bits() == width.to_bits() && l.style == *style && l.runs == runs
            });
        if let Some(l) = kept {
            self.missing.extend_from_slice(&l.missing);
            return l.typeset.clone();
        }
        let before = self.missing.len();
        let typeset = self.layout(runs, style, width);
        if self.kit.furniture.len() >= FURNITURE_KEPT {
            self.kit.furniture.clear();
        }
        self.kit.furniture.push(Laid {
            runs: runs.to_vec(),
            style: *style,
            width,
            typeset: typeset.clone(),
            missing: self.missing[before..].to_vec(),
        });
        typeset
    }

    pub(super) fn layout(&mut self, runs: &[Inline], style: &TextStyle, width: f32) -> Typeset {
        let mut chars = prepare(runs, style);
        let mut laid = self.shape(&chars, runs, style, width);
        // A third hyphenated line in a row loses its hyphenation point; lay out again.
        for _ in 0..MAX_REFLOWS {
            let Some(byte) = third_hyphen(&laid) else {
                break;
            };
            if !french::unhyphenate_at(&mut chars, &laid.text, byte) {
                break;
            }
            laid = self.shape(&chars, runs, style, width);
        }
        laid
    }

    fn shape(
        &mut self,
        chars: &[Styled],
        runs: &[Inline],
        style: &TextStyle,
        width: f32,
    ) -> Typeset {
        let style_of = |i: u32| runs.get((i & STYLE) as usize).or(runs.last());
        // The string and its ranges of equal style; each linked run gets its own link index.
        let mut text = String::with_capacity(chars.len() + 16);
        let mut ranges: Vec<(Range<usize>, u32)> = Vec::new();
        for &Styled { c, style: s } in chars {
            let at = text.len();
            text.push(c);
            match ranges.last_mut() {
                Some((r, last)) if *last == s => r.end = text.len(),
                _ => ranges.push((at..text.len(), s)),
            }
        }
        if text.is_empty() {
            return Typeset::default();
        }
        let mut links: Vec<Target> = Vec::new();
        let mut info: Vec<RangeInfo> = Vec::with_capacity(ranges.len());
        for (_, s) in &ranges {
            let run = style_of(*s);
            let target = run.and_then(|r| match (&r.note, &r.link) {
                (Some(n), _) => Some(Target::Note(*n)),
                (None, Some(uri)) => Some(Target::Uri(uri.clone())),
                (None, None) => None,
            });
            let link = target.map(|t| {
                // Neighbouring ranges of one link (split by typography) share its index.
                if links.last() != Some(&t) || info.last().is_none_or(|i| i.link.is_none()) {
                    links.push(t);
                }
                links.len() - 1
            });
            let emph = match run {
                Some(r) if r.bold && !style.bold => Emph::Strong,
                Some(r) if r.italic && !style.italic => Emph::Em,
                _ => Emph::None,
            };
            info.push(RangeInfo {
                link,
                sup: s & SUP != 0 || run.is_some_and(|r| r.sup),
                emph,
            });
        }

        let stack = if style.mono { MONO_STACK } else { TEXT_STACK };
        let kit = &mut self.kit;
        let mut b = kit.lcx.ranged_builder(&mut kit.fcx, &text, 1.0, false);
        b.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Borrowed(
            stack,
        ))));
        b.push_default(StyleProperty::FontSize(style.size));
        b.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.line_height,
        )));
        b.push_default(StyleProperty::Brush(style.color));
        // Ligatures off: "fi" must extract as two letters, never U+FB01.
        b.push_default(StyleProperty::FontFeatures(FontFeatures::Source(
            Cow::Borrowed("\"liga\" off, \"clig\" off, \"dlig\" off"),
        )));
        // A word wider than the line (hostile input) wraps anywhere rather than overflow.
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
            if run.code && !style.mono {
                b.push(
                    StyleProperty::FontFamily(FontFamily::List(Cow::Borrowed(MONO_STACK))),
                    r.clone(),
                );
            }
            if info[i].sup {
                b.push(StyleProperty::FontSize(style.size * SUP_SCALE), r.clone());
            }
            if info[i].link.is_some() && !matches!(run.note, Some(NoteLink::ToNote(_))) {
                b.push(StyleProperty::Brush(BLUE), r.clone());
            }
        }
        let mut layout = b.build(&text);
        layout.break_all_lines(Some(width.max(1.0)));
        let range_at = |byte: usize| -> Option<&RangeInfo> {
            let i = ranges.partition_point(|(r, _)| r.end <= byte);
            info.get(i)
        };
        layout.align(Alignment::Start, AlignmentOptions::default());
        let justify = style.justify.then_some(width);
        let lines = lines::lines(self, &layout, &text, style, &range_at, justify);
        Typeset { text, lines, links }
    }
}

/// Runs → characters tagged with their run index, typeset: typography on prose, addresses
/// protected, hyphenation points, break points in addresses. Code is kept as written.
fn prepare(runs: &[Inline], style: &TextStyle) -> Vec<Styled> {
    let mut chars: Vec<Styled> = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(STYLE).min(STYLE);
        chars.extend(run.text.chars().map(|c| Styled::new(c, i)));
    }
    if style.mono {
        french::sanitize_code(&mut chars);
        return chars;
    }
    let style_of = |i: u32| runs.get((i & STYLE) as usize).or(runs.last());
    let code = |s: u32| style_of(s).is_some_and(|r| r.code);
    french::sanitize(&mut chars);
    typo::mark_addresses(&mut chars);
    typo::apply(&mut chars, code);
    french::french_spacing(&mut chars, |s| s & URL != 0 || code(s));
    if style.hyphenate {
        let skip =
            |s: u32| s & URL != 0 || code(s) || style_of(s).is_some_and(|r| r.link.is_some());
        french::hyphenate(&mut chars, skip);
    }
    french::break_addresses(&mut chars, |s| s & URL != 0);
    chars
}

/// The soft hyphen ending the third of three hyphenated lines in a row, if any.
fn third_hyphen(laid: &Typeset) -> Option<usize> {
    let mut run = 0;
    for line in &laid.lines {
        match line.hyphen {
            Some(at) => {
                run += 1;
                if run >= 3 {
                    return Some(at);
                }
            }
            None => run = 0,
        }
    }
    None
}

// parley's lines → owned glyph lines: a child module, as it reads the shaper's state.
#[path = "lines.rs"]
mod lines;
