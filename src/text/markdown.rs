//! Editor artefacts in Markdown, removed once when a release is read (`source`), so every
//! renderer gets the text the model promises: kramdown attribute lists and extensions
//! (`{: .citation}`, `{:target="_blank"}`, `{::nomarkdown}`), which CommonMark would print
//! as text, Liquid tags, and the CMS's lone `\` lines.

/// Removes editor artefacts that are not content: kramdown attribute lists (`{: .x}`,
/// `{:target="_blank"}`), Liquid tags, lines made only of `\` (the CMS's hard breaks).
pub fn clean_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split('\n') {
        let mut line = strip_braced(line, "{:", "}");
        line = strip_braced(&line, "{%", "%}");
        if line.trim() == "\\" {
            line.clear();
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn strip_braced(line: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artefacts() {
        assert_eq!(
            clean_markdown("[x](u){:target=\"_blank\"}\n\\\n{: .citation}\n{% include x %}ok"),
            "[x](u)\n\n\nok\n"
        );
    }

    #[test]
    fn attribute_lists_go_only_when_closed_on_their_line() {
        assert_eq!(clean_markdown("a {: .x} b {:"), "a  b {:\n");
        assert_eq!(clean_markdown("{::nomarkdown}x{:/}"), "x\n");
        assert_eq!(clean_markdown("{: .x\n}"), "{: .x\n}\n");
    }
}
