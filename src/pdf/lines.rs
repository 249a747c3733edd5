//! parley's laid-out lines → owned lines of positioned glyphs for krilla: invisible break
//! controls dropped, superscripts raised, the hyphen of a soft-hyphen break drawn, and the
//! characters no font covers recorded (never silently lost).

use super::{Color, Emph, Line, MAX_STRETCH, PlacedGlyph, RangeInfo, Shaper, TextStyle};
use crate::pdf::french::{SHY, WJ, ZWSP};
use parley::BreakReason;
use std::ops::Range;

/// A soft hyphen met on a line: its face, size, text, colour and link.
struct Hyphen {
    face: usize,
    size: f32,
    text: Range<usize>,
    color: Color,
    link: Option<usize>,
}

/// How far a superscript is raised, as a fraction of the text size.
const SUP_RISE: f32 = 0.33;

/// One glyph of a line as parley advanced over it, drawn or not: what justification replays.
struct Step {
    advance: f32,
    /// Whether it is in the line's glyphs.
    drawn: bool,
    /// The last glyph of a word separator (space, no-break space): its index among them.
    separator: Option<u32>,
}

/// Owned glyph lines from parley's start-aligned layout; with `justify` (the column width),
/// lines are justified as parley's `Alignment::Justify` would, save those that would need
/// gaping spaces (see [`justify`]).
pub(super) fn lines<'r>(
    shaper: &mut Shaper<'_>,
    layout: &parley::Layout<Color>,
    text: &str,
    style: &TextStyle,
    range_at: &dyn Fn(usize) -> Option<&'r RangeInfo>,
    justify: Option<f32>,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(layout.len());
    let mut steps: Vec<Step> = Vec::new();
    for line in layout.lines() {
        let m = line.metrics();
        let mut glyphs: Vec<PlacedGlyph> = Vec::new();
        steps.clear();
        let mut separators = 0;
        // Separators before the line's last content (not whitespace): the gaps justification
        // widens; whitespace after it hangs past the line end, as in parley.
        let mut opportunities = 0;
        let mut x = m.offset;
        // Where the line's soft hyphen is, if it ends on one.
        let mut shy: Option<Hyphen> = None;
        for run in line.runs() {
            let face = shaper.assets.face_of(run.font().data.id());
            let size = run.font_size();
            for cluster in run.visual_clusters() {
                let range = cluster.text_range();
                if cluster.is_ligature_continuation() {
                    if let Some(g) = glyphs.last_mut() {
                        g.text.end = range.end;
                    }
                    opportunities = separators;
                    continue;
                }
                let s = text.get(range.clone()).unwrap_or("");
                if !s.chars().next().is_some_and(char::is_whitespace) {
                    opportunities = separators;
                }
                let is_shy = s.starts_with(SHY);
                let color = cluster.style().brush;
                let info = range_at(range.start);
                let link = info.and_then(|i| i.link);
                if is_shy {
                    shy = face.map(|face| Hyphen {
                        face,
                        size,
                        text: range.clone(),
                        color,
                        link,
                    });
                } else if !s.trim().is_empty() {
                    shy = None;
                }
                // Soft hyphens, break controls and hard breaks steer layout but are not drawn.
                let skip = is_shy
                    || cluster.is_hard_line_break()
                    || s.chars().all(|c| c == '\n' || c == WJ || c == ZWSP);
                let space = cluster.is_space_or_nbsp();
                let rise = match info.is_some_and(|i| i.sup) {
                    true => SUP_RISE * style.size,
                    false => 0.0,
                };
                let emph = info.map_or(Emph::None, |i| i.emph);
                for g in cluster.glyphs() {
                    // Glyph 0 is .notdef: no font has the character. PDF/A forbids drawing
                    // it; the renderer refuses the document rather than lose it silently.
                    if g.id == 0 && !skip && !space {
                        shaper
                            .missing
                            .extend(s.chars().filter(|c| !c.is_whitespace()));
                    }
                    if let (Some(face), false, true) = (face, skip, g.id != 0) {
                        glyphs.push(PlacedGlyph {
                            face,
                            size,
                            x,
                            x_offset: g.x,
                            y_offset: g.y + rise,
                            advance: g.advance,
                            gid: g.id,
                            text: range.clone(),
                            color,
                            link,
                            space,
                            emph,
                        });
                    }
                    steps.push(Step {
                        advance: g.advance,
                        drawn: face.is_some() && !skip && g.id != 0,
                        separator: None,
                    });
                    x += g.advance;
                }
                if space {
                    if let Some(last) = steps.last_mut() {
                        last.separator = Some(separators);
                    }
                    separators += 1;
                }
            }
        }
        let soft_break = matches!(
            line.break_reason(),
            BreakReason::Regular | BreakReason::Emergency
        );
        let mut hyphen = None;
        if let (Some(h), true) = (shy, soft_break) {
            let found = shaper
                .kit
                .hyphens
                .get(h.face)
                .copied()
                .flatten()
                .map(|g| (h.face, g))
                .or_else(|| {
                    shaper
                        .kit
                        .hyphens
                        .first()
                        .copied()
                        .flatten()
                        .map(|g| (0, g))
                });
            if let Some((face, glyph)) = found {
                // The hyphen hangs after the last letter; its text is the soft hyphen, so
                // extraction joins the word back.
                let after = glyphs
                    .iter()
                    .rev()
                    .find(|g| !g.space)
                    .map_or(x, |g| g.x + g.advance);
                glyphs.retain(|g| !(g.space && g.x >= after));
                hyphen = Some(h.text.start);
                glyphs.push(PlacedGlyph {
                    face,
                    size: h.size,
                    x: after,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    advance: glyph.advance * h.size,
                    gid: glyph.gid,
                    text: h.text,
                    color: h.color,
                    link: h.link,
                    space: false,
                    emph: Emph::None,
                });
            }
        }
        let mut line = Line {
            baseline: m.baseline - m.block_min_coord,
            height: (m.block_max_coord - m.block_min_coord).max(0.0),
            ascent: m.baseline - m.content_block_min_coord,
            descent: m.content_block_max_coord - m.baseline,
            glyphs,
            hyphen,
        };
        if let (Some(width), true) = (justify, soft_break) {
            // parley's free space: the line box less the content that does not hang.
            let free = (m.inline_max_coord - m.inline_min_coord) - m.indent - m.advance
                + m.hanging_advance;
            if opportunities > 0 && free > 0.0 && !ragged(&line, width, style.size) {
                let amount = free / opportunities as f32;
                replay(&mut line, &steps, m.offset, |i| i < opportunities, amount);
            }
        }
        lines.push(line);
    }
    lines
}

/// A line whose spaces would grow by more than [`MAX_STRETCH`] ems (before a long
/// unbreakable URL) is left ragged: parley justifies without limit.
fn ragged(line: &Line, width: f32, size: f32) -> bool {
    let spaces = interior_spaces(line);
    let end = line
        .glyphs
        .iter()
        .rev()
        .find(|g| !g.space)
        .map_or(0.0, |g| g.x + g.advance);
    spaces == 0 || (width - end) / spaces as f32 > MAX_STRETCH * size
}

/// Justifies a line as parley's `Alignment::Justify` does, with the same float operations in
/// the same order (so the same positions to the bit): from `offset`, each glyph's pen position
/// is the sum of the advances before it, and each separator that `widens` gets `amount` more.
/// The hyphen drawn at a soft-hyphen break then hangs after the moved last letter.
fn replay(line: &mut Line, steps: &[Step], offset: f32, widens: impl Fn(u32) -> bool, amount: f32) {
    let drawn = line.glyphs.len() - usize::from(line.hyphen.is_some());
    let mut glyphs = line.glyphs.iter_mut().take(drawn);
    let mut x = offset;
    for step in steps {
        let advance = match step.separator {
            Some(i) if widens(i) => step.advance + amount,
            _ => step.advance,
        };
        // Trailing spaces dropped before a hyphen are the last drawn glyphs: `take` ends first.
        if step.drawn
            && let Some(g) = glyphs.next()
        {
            g.x = x;
            g.advance = advance;
        }
        x += advance;
    }
    if line.hyphen.is_some() {
        let (body, hyphen) = line.glyphs.split_at_mut(drawn);
        let after = body
            .iter()
            .rev()
            .find(|g| !g.space)
            .map_or(x, |g| g.x + g.advance);
        if let Some(h) = hyphen.first_mut() {
            h.x = after;
        }
    }
}

/// Ordinary spaces between the first and last inked glyphs: the gaps justification widens.
fn interior_spaces(line: &Line) -> usize {
    let first = line.glyphs.iter().position(|g| !g.space);
    let last = line.glyphs.iter().rposition(|g| !g.space);
    match (first, last) {
        (Some(a), Some(b)) => line.glyphs[a..b].iter().filter(|g| g.space).count(),
        _ => 0,
    }
}
