//! The tokenizer: physical lines → logical lines. A link or a « quote » wrapped over several
//! lines is read as one, block markers (`> `, `- `, `1. `) and the CMS's hard breaks are
//! dropped, fenced code is skipped; every logical line remembers where its pieces came from.

/// One or more physical lines read as one: a link whose text or destination continues on
/// the next line, or a « quote » paragraph wrapped over several lines.
pub(super) struct Logical {
    pub text: String,
    /// Where each physical line starts in `text`: (byte offset, line number, column of its first char).
    pub segments: Vec<(usize, usize, usize)>,
}

impl Logical {
    pub(super) fn position(&self, byte: usize) -> (usize, usize) {
        let (offset, line, col0) = self
            .segments
            .iter()
            .rev()
            .find(|(offset, _, _)| *offset <= byte)
            .copied()
            .unwrap_or((0, 0, 1));
        let chars = self.text.get(offset..byte).map_or(0, |s| s.chars().count());
        (line, col0 + chars)
    }
}

/// Most physical lines a link or quote may continue over; a stray `[` must not swallow the page.
const MAX_JOINED: usize = 12;

/// `lines` are the page's physical lines (those another reader took, such as tables, blanked).
pub(super) fn logical_lines(lines: &[&str], first_line: usize) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut open = false;
    let mut fence = false;
    for (i, raw) in lines.iter().copied().enumerate() {
        let line_no = first_line + i;
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            open = false;
            continue;
        }
        if fence {
            continue;
        }
        let (body, col0) = strip_markers(raw);
        let body = strip_break(body);
        if body.is_empty() {
            open = false;
            out.push(Logical {
                text: String::new(),
                segments: vec![(0, line_no, 1)],
            });
            continue;
        }
        if open
            && !body.starts_with('#')
            && let Some(last) = out.last_mut()
            && last.segments.len() < MAX_JOINED
        {
            last.text.push(' ');
            last.segments.push((last.text.len(), line_no, col0));
            last.text.push_str(body);
            open = unclosed(&last.text);
            continue;
        }
        out.push(Logical {
            text: body.to_string(),
            segments: vec![(0, line_no, col0)],
        });
        open = !body.starts_with('#') && unclosed(body);
    }
    out
}

/// Drops block markers that do not change what a line says: `> `, `* `, `- `, `1. `.
/// Returns the rest and the 1-based column where it starts.
pub(super) fn strip_markers(raw: &str) -> (&str, usize) {
    let mut s = raw;
    loop {
        let t = s.trim_start();
        let next = if let Some(r) = t.strip_prefix('>') {
            r
        } else if let Some(r) = t
            .strip_prefix("* ")
            .or_else(|| t.strip_prefix("- "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| t.strip_prefix("• "))
        {
            r
        } else if let Some(dot) = t.find(". ")
            && dot > 0
            && dot <= 3
            && t[..dot].bytes().all(|b| b.is_ascii_digit())
        {
            &t[dot + 2..]
        } else {
            let col = raw[..raw.len() - t.len()].chars().count() + 1;
            return (t, col);
        };
        s = next;
    }
}

/// Removes the CMS editor's hard breaks (a trailing `\`) and trailing spaces; a line made
/// only of `\` becomes empty.
pub(super) fn strip_break(line: &str) -> &str {
    let mut s = line.trim_end();
    while let Some(t) = s.strip_suffix('\\') {
        s = t.trim_end();
    }
    s
}

/// True when the text ends inside a link (`[` not closed, or `](` without its `)`)
/// or inside a « quote » that opened at its start.
fn unclosed(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_dest = false;
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '[' if !in_dest => depth += 1,
            ']' if !in_dest => depth = depth.saturating_sub(1),
            '(' if prev == ']' => in_dest = true,
            ')' if in_dest => in_dest = false,
            _ => {}
        }
        prev = c;
    }
    let quote_open = text.starts_with('«') && text.matches('«').count() > text.matches('»').count();
    depth > 0 || in_dest || quote_open
}
