//! Prose that looks like a tag: `Le format <title> du HTML`, `Contact <presse@dinum.fr>`.
//! Only tags a release can mean as markup stay markup; any other `<…>` is text. Left to the
//! HTML parser, `<title>` swallows the rest of the entry as raw text and `<presse@…>`
//! vanishes as an unknown element.

use std::borrow::Cow;

/// Elements the sanitiser keeps (ammonia's defaults) or removes with their content:
/// writing them is markup, not prose.
const MARKUP: [&str; 91] = [
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr", // removed with their content, or active: still markup
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "textarea",
    "select",
    "form",
    "input",
    "button",
    "font",
    "section",
];

/// `html` with the `<` of every tag that is not [`MARKUP`] written `&lt;` (and its `>`
/// `&gt;`), so that it shows as text. Comments, doctypes and known tags are untouched.
pub(crate) fn escape_prose_tags(html: &str) -> Cow<'_, str> {
    if !html.contains('<') {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    let mut changed = false;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find(['>', '<'])
            .filter(|&i| after.as_bytes()[i] == b'>');
        if is_markup(after) || close.is_none() {
            out.push('<');
            rest = after;
            continue;
        }
        let close = close.unwrap_or_default();
        changed = true;
        out.push_str("&lt;");
        out.push_str(&after[..close]);
        out.push_str("&gt;");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// Whether `html` (an inline HTML fragment such as pulldown-cmark reports) is prose that
/// only looks like a tag: `<title>`, `<nom-du-service>`, not `<br>` or `<!-- -->`.
pub(crate) fn is_prose_tag(html: &str) -> bool {
    html.strip_prefix('<')
        .is_some_and(|after| !is_markup(after))
}

/// Whether the text after a `<` opens or closes a [`MARKUP`] element, a comment or a
/// declaration; a `<` followed by a space or digit is not a tag for any parser.
fn is_markup(after: &str) -> bool {
    if after.starts_with(['!', '?']) {
        return true;
    }
    let name: String = after
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let ends_name = after
        .trim_start_matches('/')
        .chars()
        .nth(name.chars().count())
        .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/');
    if name.is_empty()
        || !after
            .trim_start_matches('/')
            .starts_with(|c: char| c.is_ascii_alphabetic())
    {
        // `< 3`, `<3`: the HTML parser reads it as text already.
        return true;
    }
    ends_name && MARKUP.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_like_prose_becomes_text_and_markup_stays() {
        assert_eq!(
            escape_prose_tags("Le format <title> du HTML"),
            "Le format &lt;title&gt; du HTML"
        );
        assert_eq!(
            escape_prose_tags("Contact <presse@numerique.gouv.fr>"),
            "Contact &lt;presse@numerique.gouv.fr&gt;"
        );
        assert_eq!(
            escape_prose_tags("<p class=\"x\">a <b>b</b><br/> <nom-du-service></p>"),
            "<p class=\"x\">a <b>b</b><br/> &lt;nom-du-service&gt;</p>"
        );
        assert_eq!(
            escape_prose_tags("<script>x</script> a < b <!-- c -->"),
            "<script>x</script> a < b <!-- c -->"
        );
        assert_eq!(
            escape_prose_tags("<bold>x</bold>"),
            "&lt;bold&gt;x&lt;/bold&gt;"
        );
    }
}
