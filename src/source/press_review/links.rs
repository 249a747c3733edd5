//! Markdown links as found in a logical line, tolerant of the breakages seen in real pages.

/// A Markdown link as found, tolerant of the breakages seen in real pages.
#[derive(Debug)]
pub(super) struct Link {
    pub text: String,
    pub dest: String,
    /// Byte span in the logical line, including `[`…`)` and a kramdown `{:…}` after it.
    pub start: usize,
    pub end: usize,
    pub image: bool,
    /// False when the `[` was missing: the text then runs from the previous link (or the line start).
    pub bracketed: bool,
    /// A bare `https://…` line.
    pub bare: bool,
}

pub(super) fn find_links(s: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s.get(from..).and_then(|rest| rest.find("](")) {
        let close = from + rel;
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in s[from..close].char_indices().rev() {
            match c {
                ']' => depth += 1,
                '[' if depth == 0 => {
                    open = Some(from + i);
                    break;
                }
                '[' => depth -= 1,
                _ => {}
            }
        }
        let dest_start = close + 2;
        let mut parens = 0usize;
        let mut dest_end = None;
        for (i, c) in s[dest_start..].char_indices() {
            match c {
                '(' => parens += 1,
                ')' if parens == 0 => {
                    dest_end = Some(dest_start + i);
                    break;
                }
                ')' => parens -= 1,
                _ => {}
            }
        }
        let (dest, mut end) = match dest_end {
            Some(e) => (&s[dest_start..e], e + 1),
            None => {
                // No `)`: the URL runs to the next space.
                let e = s[dest_start..]
                    .find(char::is_whitespace)
                    .map_or(s.len(), |i| dest_start + i);
                (&s[dest_start..e], e)
            }
        };
        // kramdown attribute list glued to the link: `{:target="_blank"}`.
        let rest = &s[end..];
        if rest.starts_with('{')
            && let Some(j) = rest.find('}')
        {
            end += j + 1;
        }
        let image = open.is_some_and(|o| o > 0 && s.as_bytes()[o - 1] == b'!');
        let (start, text_start) = match open {
            Some(o) if image => (o - 1, o + 1),
            Some(o) => (o, o + 1),
            None => (from, from),
        };
        out.push(Link {
            text: s[text_start..close].to_string(),
            dest: dest.to_string(),
            start,
            end,
            image,
            bracketed: open.is_some(),
            bare: false,
        });
        from = end;
    }
    out
}

/// A line that is only an address (`https://…` or `<https://…>`) is a link to it.
pub(super) fn bare_link(body: &str) -> Option<Link> {
    let bare = body.trim().trim_matches(|c| c == '<' || c == '>');
    let lower = bare.to_ascii_lowercase();
    let is_url = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !bare.contains(char::is_whitespace);
    is_url.then(|| Link {
        text: String::new(),
        dest: bare.to_string(),
        start: body.len() - body.trim_start().len(),
        end: body.len(),
        image: false,
        bracketed: true,
        bare: true,
    })
}
