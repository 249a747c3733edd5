//! Pagination: blocks are cut into pages line by line, keeping headings
//! with what follows and avoiding a lone line at a page's top or bottom where possible.

use super::PdfError;
use super::block::Block;
use std::ops::Range;

/// Some lines of one block on one page.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub block: usize,
    pub lines: Range<usize>,
    /// Top of the first line's box.
    pub y: f32,
    /// A table's header row (block index) drawn again just above, as an artifact.
    pub header: Option<usize>,
}

/// Assigns every line of `blocks` to a page between `top` and `bottom`; stops with an error
/// as soon as more than `max_pages` pages are needed.
pub(super) fn paginate(
    blocks: &[Block],
    top: f32,
    bottom: f32,
    max_pages: usize,
) -> Result<Vec<Vec<Placed>>, PdfError> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = top;
    let heights = |b: &Block, r: Range<usize>| -> f32 {
        b.laid
            .lines
            .get(r)
            .map_or(0.0, |ls| ls.iter().map(|l| l.height).sum())
    };
    for (i, b) in blocks.iter().enumerate() {
        let n = b.laid.lines.len();
        let mut start = 0;
        while start < n {
            if pages.len() > max_pages {
                return Err(PdfError::TooManyPages { limit: max_pages });
            }
            let fresh = pages.last().is_none_or(|p| p.is_empty());
            let gap = if fresh || start > 0 {
                0.0
            } else {
                b.space_before
            };
            // A table row starting a page has its table's header row repeated above it.
            let header = b.repeat.filter(|_| fresh && start == 0);
            let lead = header
                .and_then(|h| blocks.get(h))
                .map_or(0.0, |h| h.laid.height());
            let gap = gap + lead;
            let avail = bottom - (y + gap);
            // How many of the remaining lines fit.
            let mut k = 0;
            let mut used = 0.0;
            for l in &b.laid.lines[start..] {
                if used + l.height > avail + 0.01 {
                    break;
                }
                used += l.height;
                k += 1;
            }
            let remaining = n - start;
            if k >= remaining {
                // A heading also needs room for the first lines of what follows.
                if b.keep_with_next
                    && !fresh
                    && let Some(next) = blocks.get(i + 1)
                {
                    let need = used
                        + b.space_after
                        + next.space_before
                        + heights(next, 0..next.laid.lines.len().min(2));
                    if y + gap + need > bottom + 0.01 {
                        pages.push(Vec::new());
                        y = top;
                        continue;
                    }
                }
                if let Some(p) = pages.last_mut() {
                    p.push(Placed {
                        block: i,
                        lines: start..n,
                        y: y + gap,
                        header,
                    });
                }
                y += gap + used + b.space_after;
                break;
            }
            // The block must be cut. On a fresh page take what fits (at least a line, so an
            // oversized line cannot loop); elsewhere leave at least two lines on each side.
            let take = if fresh {
                let mut take = k.max(1);
                if remaining - take == 1 && take > 2 {
                    take -= 1;
                }
                take
            } else if b.keep_with_next || k < 2 || remaining < 4 {
                0
            } else {
                k.min(remaining - 2)
            };
            // A word is never hyphenated across pages: its line goes over with it.
            let hyphenated = |take: usize| {
                b.laid
                    .lines
                    .get(start + take - 1)
                    .is_some_and(|l| l.hyphen.is_some())
            };
            let floor = if fresh { 1 } else { 2 };
            let mut take = take;
            while take > floor && hyphenated(take) {
                take -= 1;
            }
            if take > 0 {
                if let Some(p) = pages.last_mut() {
                    p.push(Placed {
                        block: i,
                        lines: start..start + take,
                        y: y + gap,
                        header,
                    });
                }
                start += take;
            }
            pages.push(Vec::new());
            y = top;
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    if pages.len() > max_pages {
        return Err(PdfError::TooManyPages { limit: max_pages });
    }
    Ok(pages)
}
