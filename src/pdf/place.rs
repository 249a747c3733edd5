//! Drawing what pagination placed on one page: a block's lines with its label, a table row
//! with its rules, a figure.

use super::block::{Block, Figure, Row, Unit};
use super::compose::PAD;
use super::draw::{self, Mark, Pen};
use super::geometry::MARGIN_LEFT;
use super::page::Placed;
use super::tags::LinkScope;
use super::text::GREY;
use krilla::geom::{Size, Transform};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag};

/// Draws `p` (lines of `blocks[p.block]`); returns the block when its first line is drawn
/// here, for the outline.
pub(super) fn placed<'b>(
    blocks: &'b [Block],
    p: &Placed,
    s: &mut Surface<'_>,
    pen: &mut Pen<'_>,
) -> Option<&'b Block> {
    let b = blocks.get(p.block)?;
    let x = MARGIN_LEFT + b.x;
    if let Some(Block {
        unit: Some(Unit::Row(header)),
        ..
    }) = p.header.and_then(|h| blocks.get(h))
    {
        // Read once, in its place: the repeat is an artifact.
        let y = p.y - header.height;
        draw_row(header, None, x, y, s, pen);
    }
    match &b.unit {
        Some(Unit::Row(row)) => draw_row(row, Some(p.block), x, p.y, s, pen),
        Some(Unit::Figure(figure)) => draw_figure(figure, x, p.y, s, pen),
        None => {
            let mut y = p.y;
            if p.lines.start == 0
                && let Some(label) = &b.label
            {
                // The label sits on the first line's baseline.
                let first = b.laid.lines.first().map_or(0.0, |l| l.baseline);
                let own = label.laid.lines.first().map_or(0.0, |l| l.baseline);
                let mark = Mark::Content {
                    node: label.node,
                    key: LinkScope::Label(p.block),
                };
                pen.line(
                    s,
                    &label.laid,
                    0,
                    MARGIN_LEFT + label.x,
                    y + first - own,
                    mark,
                );
            }
            for i in p.lines.clone() {
                let mark = Mark::Content {
                    node: b.node,
                    key: LinkScope::Block(p.block),
                };
                pen.line(s, &b.laid, i, x, y, mark);
                y += b.laid.lines.get(i).map_or(0.0, |l| l.height);
            }
        }
    }
    (p.lines.start == 0).then_some(b)
}

/// A table row; `block: None` draws a repeated header row as an artifact.
fn draw_row(
    row: &Row,
    block: Option<usize>,
    x: f32,
    y: f32,
    s: &mut Surface<'_>,
    pen: &mut Pen<'_>,
) {
    for (c, cell) in row.cells.iter().enumerate() {
        let mut top = y + PAD;
        for (i, line) in cell.laid.lines.iter().enumerate() {
            let mark = match block {
                Some(block) => Mark::Content {
                    node: cell.node,
                    key: LinkScope::Cell(block, c),
                },
                None => Mark::Artifact(ArtifactType::PaginationOther),
            };
            pen.line(s, &cell.laid, i, x + cell.text_x, top, mark);
            top += line.height;
        }
    }
    let right = row.cells.last().map_or(x, |c| x + c.x + c.width);
    // Both rules on every row, so a row that ends a page is closed too.
    draw::rule(s, x, right, y, 0.5, GREY);
    draw::rule(s, x, right, y + row.height, 0.5, GREY);
    let edges = row
        .cells
        .iter()
        .map(|c| x + c.x)
        .chain(std::iter::once(right));
    for edge in edges {
        draw::segment(s, (edge, y), (edge, y + row.height), 0.5, GREY);
    }
}

fn draw_figure(figure: &Figure, x: f32, y: f32, s: &mut Surface<'_>, pen: &mut Pen<'_>) {
    let Some(size) = Size::from_wh(figure.width, figure.height) else {
        return;
    };
    let id = s.start_tagged(ContentTag::Other);
    s.push_transform(&Transform::from_translate(x, y));
    s.draw_image(figure.image.clone(), size);
    s.pop();
    s.end_tagged();
    pen.tree.content(figure.node, id);
}
