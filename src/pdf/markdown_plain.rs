//! The parsed blocks as plain text (for metadata and alt text). Kramdown attribute lists
//! never reach the reader: `source` removes them (`crate::text::markdown`).

use super::Block;

/// All the text of already parsed `blocks`, paragraphs separated by a space: for metadata
/// (XMP subject) and note texts. Text from raw Markdown or HTML is [`crate::text`]'s job.
pub(crate) fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    fn walk(blocks: &[Block], out: &mut String) {
        for b in blocks {
            match b {
                Block::Para(i) | Block::Heading(_, i) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    for run in i {
                        out.push_str(&run.text);
                    }
                }
                Block::List { items, .. } => items.iter().for_each(|it| walk(it, out)),
                Block::Quote(b) => walk(b, out),
                Block::Code(c) => {
                    out.push(' ');
                    out.push_str(c);
                }
                Block::Table(rows) => {
                    for cell in rows.iter().flatten() {
                        out.push(' ');
                        cell.runs.iter().for_each(|r| out.push_str(&r.text));
                    }
                }
                Block::Image { alt, .. } => {
                    out.push(' ');
                    out.push_str(alt);
                }
                Block::Notes(_) => {}
            }
        }
    }
    walk(blocks, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
