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

/// Markdown links and raw HTML anchors (`<a href="…">titre</a>`), in line order.
pub(super) fn find_links(s: &str) -> Vec<Link> {
    let mut out = markdown_links(s);
    for a in html_links(s) {
        if !out.iter().any(|l| a.start < l.end && l.start < a.end) {
            out.push(a);
        }
    }
    out.sort_by_key(|l| l.start);
    out
}

/// `<a href="url" …>text</a>` (quotes double, single or none); the text may hold tags.
fn html_links(s: &str) -> Vec<Link> {
    let lower = s.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|r| r.find("<a ")) {
        let start = from + rel;
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let close = lower[tag_end..].find("</a>").map(|i| tag_end + i);
        let tag = &s[start..tag_end];
        let href = lower[start..tag_end].find("href=").and_then(|i| {
            let value = &tag[i + 5..];
            let (quote, body) = match value.chars().next()? {
                q @ ('"' | '\'') => (Some(q), &value[1..]),
                _ => (None, value),
            };
            let end = match quote {
                Some(q) => body.find(q)?,
                None => body.find(char::is_whitespace).unwrap_or(body.len()),
            };
            Some(body[..end].to_string())
        });
        let (Some(dest), Some(close)) = (href, close) else {
            from = tag_end;
            continue;
        };
        out.push(Link {
            text: s[tag_end + 1..close].to_string(),
            dest,
            start,
            end: close + 4,
            image: false,
            bracketed: true,
            bare: false,
        });
        from = close + 4;
    }
    out
}

fn markdown_links(s: &str) -> Vec<Link> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_anchors_are_links() {
        let links = find_links(
            "<li><A HREF='https://a.fr/x' target=_blank>Le <em>titre</em></a> et [b](https://b.fr)</li>",
        );
        let got: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.text.as_str(), l.dest.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Le <em>titre</em>", "https://a.fr/x"),
                ("b", "https://b.fr")
            ]
        );
        assert!(find_links("<a href=\"https://a.fr\">sans fin").is_empty());
        assert!(find_links("<a name=x>ancre</a>").is_empty());
    }
}
