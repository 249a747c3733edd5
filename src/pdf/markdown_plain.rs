//! Text-level clean-ups of the Markdown reader: kramdown attribute lists removed, and the
//! blocks as plain text (for metadata and alt text).

use super::{Block, Inline};

/// Removes kramdown inline attribute lists `{: …}` / `{:…}` wherever they fall, even across
/// style runs (pulldown-cmark may split them at `_` or `"`).
pub(super) fn strip_attribute_lists(inline: &mut Vec<Inline>) {
    let mut depth_open = false;
    for run in inline.iter_mut() {
        let mut out = String::with_capacity(run.text.len());
        let mut chars = run.text.chars().peekable();
        while let Some(c) = chars.next() {
            if depth_open {
                if c == '}' {
                    depth_open = false;
                }
                continue;
            }
            if c == '{' && chars.peek() == Some(&':') {
                depth_open = true;
                continue;
            }
            out.push(c);
        }
        run.text = out;
    }
    inline.retain(|i| !i.text.is_empty());
}

/// All the text of `blocks`, paragraphs separated by a space: for metadata (XMP subject).
pub fn plain_text(blocks: &[Block]) -> String {
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
