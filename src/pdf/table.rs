//! Tables: columns sized from their contents, each row laid out as one unit that pagination
//! never splits, tagged Table / TR / TH (with its scope) / TD.

use super::Walker;
use crate::pdf::block::{Block, CellBox, Row, Unit};
use crate::pdf::geometry::COLUMN;
use crate::pdf::markdown::{Align, Cell};
use crate::pdf::tags::{Kind, Scope};
use crate::pdf::text::TextStyle;

/// Space between a cell's rules and its text.
pub(in crate::pdf) const PAD: f32 = 4.0;
const CELL: TextStyle = TextStyle::new(9.0).leading(1.3);
/// Narrowest column, unless the column itself is narrower.
const MIN_COLUMN: f32 = 42.0;
/// Tallest row drawn as a row (the text column is about 600 points high).
const MAX_ROW: f32 = 400.0;

pub(super) fn table(w: &mut Walker<'_, '_, '_>, rows: &[Vec<Cell>], parent: Option<usize>, x: f32) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let style = |header: bool| if header { CELL.bold() } else { CELL };
    let avail = COLUMN - x;
    let mut natural = vec![2.0 * PAD; columns];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            // An image in a cell prints as its alt text; it is still reported.
            for src in cell.runs.iter().filter_map(|r| r.image.as_deref()) {
                w.images.load(src);
            }
            let laid = w.shaper.layout(&cell.runs, &style(cell.header), 10_000.0);
            natural[c] = natural[c].max(laid.width() + 2.0 * PAD + 1.0);
        }
    }
    let widths = share(&natural, avail);
    let table = w.tree.add(parent, Kind::Table);
    let count = rows.len();
    // The first header row, repeated at the top of each page the table continues on.
    let mut header: Option<usize> = None;
    for (r, row) in rows.iter().enumerate() {
        let tr = w.tree.add(Some(table), Kind::TR);
        // A header cell in a row of data heads that row; in a header row, its column.
        let header_row = row.iter().all(|c| c.header);
        let mut cells = Vec::with_capacity(row.len());
        let mut left = 0.0;
        for (c, cell) in row.iter().enumerate() {
            let width = widths.get(c).copied().unwrap_or(MIN_COLUMN);
            let kind = match (cell.header, header_row) {
                (true, true) => Kind::TH(Scope::Column),
                (true, false) => Kind::TH(Scope::Row),
                _ => Kind::TD,
            };
            let node = w.tree.add(Some(tr), kind);
            let laid = w
                .shaper
                .layout(&cell.runs, &style(cell.header), width - 2.0 * PAD);
            let text = cell
                .runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<String>();
            let spare = (width - 2.0 * PAD - laid.width()).max(0.0);
            let shift = match cell.align {
                Align::Right => spare,
                Align::Center => spare / 2.0,
                Align::Left => 0.0,
                Align::Auto if numeric(&text) => spare,
                Align::Auto => 0.0,
            };
            cells.push(CellBox {
                node,
                laid,
                x: left,
                width,
                text_x: left + PAD + shift,
            });
            left += width;
        }
        let height = cells
            .iter()
            .map(|c| c.laid.height())
            .fold(0.0, f32::max)
            .max(CELL.size * CELL.line_height)
            + 2.0 * PAD;
        if height > MAX_ROW {
            // A row taller than a page cannot be drawn as one: its cells follow one another
            // as text, still tagged as the row's cells, so nothing is lost.
            for (cell, source) in cells.iter().zip(row) {
                let laid = w.shaper.layout(&source.runs, &style(source.header), avail);
                w.add(Block::text(cell.node, laid, x, 4.0));
            }
            continue;
        }
        let row = Row { cells, height };
        let mut b = Block::unit(tr, Unit::Row(row), height, x);
        b.keep_with_next = header_row && r + 1 < count;
        if header_row && header.is_none() && height < MAX_ROW / 4.0 {
            header = Some(w.out.len());
        } else if !header_row {
            b.repeat = header;
        }
        if r == 0 {
            b.space_before = 4.0;
        }
        if r + 1 == count {
            b.space_after = 10.0;
        }
        w.add(b);
    }
}

/// Column widths filling `avail`: natural widths scaled, or when they do not fit, each
/// column its minimum and the rest shared in proportion to what it wants beyond it.
fn share(natural: &[f32], avail: f32) -> Vec<f32> {
    let n = natural.len() as f32;
    let total: f32 = natural.iter().sum();
    if total <= avail {
        return natural.iter().map(|w| w * avail / total.max(1.0)).collect();
    }
    let min = MIN_COLUMN.min(avail / n);
    let spare = (avail - min * n).max(0.0);
    let wanted: f32 = natural.iter().map(|w| (w - min).max(0.0)).sum();
    natural
        .iter()
        .map(|w| min + (w - min).max(0.0) * spare / wanted.max(1.0))
        .collect()
}

/// Figures (`12 %`, `3 000 €`, `-4,5`) are set flush right, as a typographer would.
fn numeric(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || " \u{a0}\u{202f}.,%€+-−–()k$£".contains(c))
}
