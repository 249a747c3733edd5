//! Markdown structure as the input shapes read it: blocks with their line numbers, bold
//! leads, nesting depth. Their plain text is [`crate::text::plain`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

// Slugs moved to the text toolkit; this path stays for the callers and tests that name it.
pub use crate::text::{file_slug, slugify};

/// A Markdown block (paragraph, heading, list…) as written, with its first line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's Markdown, its lines joined with `\n`.
    pub markdown: String,
    /// 1-based file line of its first line.
    pub line: usize,
}

/// Splits Markdown into blank-line separated blocks, keeping fenced code intact.
pub fn blocks(markdown: &str, first_line: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current = String::new();
    let mut start = first_line;
    let mut in_fence = false;
    for (index, line) in markdown.split('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if trimmed.is_empty() && !in_fence {
            if !current.trim().is_empty() {
                out.push(Block {
                    markdown: std::mem::take(&mut current),
                    line: start,
                });
            }
            current.clear();
            continue;
        }
        if current.is_empty() {
            start = first_line + index;
        } else {
            current.push('\n');
        }
        current.push_str(line);
    }
    if !current.trim().is_empty() {
        out.push(Block {
            markdown: current,
            line: start,
        });
    }
    out
}

/// Whether a whole block is strong emphasis (the lead of a converted communiqué).
pub fn is_all_bold(markdown: &str) -> bool {
    let t = markdown.trim();
    (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
}

/// Deepest nesting of block containers (quotes, lists) and inline emphasis in `markdown`.
pub fn nesting_depth(markdown: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) if !matches!(tag, Tag::Paragraph) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(tag) if !matches!(tag, TagEnd::Paragraph) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_lines() {
        let b = blocks("a\nb\n\n\nc\n", 5);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].line, 5);
        assert_eq!(b[1].line, 9);
    }

    #[test]
    fn depth() {
        assert!(nesting_depth(&">".repeat(100)) >= 100);
        assert_eq!(nesting_depth("para"), 0);
    }
}
