//! parley's laid-out lines → owned lines of positioned glyphs for krilla: invisible break
//! controls dropped, superscripts raised, the hyphen of a soft-hyphen break drawn, and the
//! characters no font covers recorded (never silently lost).

use super::{Color, Emph, Line, PlacedGlyph, RangeInfo, Shaper, TextStyle};
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

/// Owned glyph lines from parley's current alignment.
pub(super) fn lines<'r>(
    shaper: &mut Shaper<'_>,
    layout: &parley::Layout<Color>,
    text: &str,
    style: &TextStyle,
    range_at: &dyn Fn(usize) -> Option<&'r RangeInfo>,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(layout.len());
    for line in layout.lines() {
        let m = line.metrics();
        let mut glyphs: Vec<PlacedGlyph> = Vec::new();
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
                    continue;
                }
                let s = text.get(range.clone()).unwrap_or("");
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
                    x += g.advance;
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
        lines.push(Line {
            baseline: m.baseline - m.block_min_coord,
            height: (m.block_max_coord - m.block_min_coord).max(0.0),
            ascent: m.baseline - m.content_block_min_coord,
            descent: m.content_block_max_coord - m.baseline,
            glyphs,
            hyphen,
        });
    }
    lines
}
