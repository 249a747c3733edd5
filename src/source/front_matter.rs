//! Splits Jekyll/Hugo/Netlify-CMS front matter from the Markdown body and parses it as YAML
//! within budgets (serde-saphyr refuses alias bombs and deep nesting with a location).

use crate::config::Limits;
use crate::diagnostic::{Diagnostic, Problem};
use crate::i18n::Message;
use serde_json::{Map, Value};
use std::path::Path;

/// A release split in two. Line numbers are 1-based and refer to the whole file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document<'a> {
    /// The YAML mapping; empty when the file has no front matter.
    pub fields: Map<String, Value>,
    /// Whether the file had a front matter block at all.
    pub has_front_matter: bool,
    /// The raw YAML, kept to locate keys in messages (the parsed map has no positions).
    pub yaml: &'a str,
    pub body: &'a str,
    pub body_first_line: usize,
}

/// Splits `text` and parses its front matter, if any.
pub(crate) fn parse<'a>(
    rel: &Path,
    text: &'a str,
    limits: &Limits,
) -> Result<Document<'a>, Diagnostic> {
    let Some((yaml, body, body_first_line)) = split(text) else {
        if text.starts_with("---\n") || text == "---" {
            return Err(Diagnostic::error(rel, Problem::UnterminatedFrontMatter)
                .at(1, 1)
                .hint(Message::new("hint-unterminated-front-matter")));
        }
        return Ok(Document {
            fields: Map::new(),
            has_front_matter: false,
            yaml: "",
            body: text,
            body_first_line: 1,
        });
    };
    if yaml.len() > limits.max_front_matter_bytes {
        return Err(Diagnostic::error(
            rel,
            Problem::FrontMatterTooLarge {
                size: yaml.len(),
                limit: limits.max_front_matter_bytes,
            },
        )
        .at(2, 1)
        .hint(Message::new("hint-front-matter-too-large")));
    }
    let fields = parse_yaml(rel, yaml, limits)?;
    Ok(Document {
        fields,
        has_front_matter: true,
        yaml,
        body,
        body_first_line,
    })
}

impl Document<'_> {
    /// File line of the first top-level key among `names` (case-insensitive); 0 if absent.
    pub(crate) fn key_line(&self, names: &[&str]) -> usize {
        self.yaml
            .lines()
            .position(|line| {
                line.split_once(':').is_some_and(|(key, _)| {
                    !key.starts_with([' ', '\t', '-'])
                        && names.iter().any(|n| key.trim().eq_ignore_ascii_case(n))
                })
            })
            // The YAML starts on file line 2.
            .map_or(0, |index| index + 2)
    }
}

/// Returns (yaml, body, first line of body) when `text` opens with a `---` line that is closed
/// by a `---` or `...` line.
fn split(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // Line 1 is the opening `---`, the YAML starts on line 2, the closing line is
            // `index + 2`, the body starts right after it.
            return Some((yaml, body, index + 3));
        }
        offset += line.len();
    }
    None
}

fn parse_yaml(rel: &Path, yaml: &str, limits: &Limits) -> Result<Map<String, Value>, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(Map::new());
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.yaml_max_depth,
            max_aliases: limits.yaml_max_aliases,
            max_anchors: limits.yaml_max_aliases,
            max_nodes: 20_000,
            max_events: 50_000,
            max_total_scalar_bytes: limits.max_front_matter_bytes * 4,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
    };
    let value: Value = serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|err| yaml_error(rel, yaml, &err))?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Diagnostic::error(rel, Problem::FrontMatterNotMapping)
            .at(2, 1)
            .hint(Message::new("hint-front-matter-not-mapping"))),
    }
}

/// A YAML error in the press office's terms, at the place to fix: the quote that opened, the
/// tab, the colon; the parser's own words only for the rare rest.
fn yaml_error(rel: &Path, yaml: &str, err: &serde_saphyr::Error) -> Diagnostic {
    // Lines inside the YAML start at file line 2.
    let (line, column) = err
        .location()
        .map(|l| (l.line() as usize + 1, l.column() as usize))
        .unwrap_or((2, 0));
    let message = first_line_of(&err.without_snippet().to_string());
    let at_tab = || {
        yaml.lines().enumerate().find_map(|(i, text)| {
            let indent = &text[..text.len() - text.trim_start().len()];
            indent
                .find('\t')
                .map(|col| (i + 2, indent[..col].chars().count() + 1))
        })
    };
    let (problem, (line, column), hint) = if message.contains("unclosed quote") {
        (
            Problem::YamlUnclosedQuote,
            (line, column),
            "hint-yaml-quote",
        )
    } else if message.contains("tab")
        && let Some(at) = at_tab()
    {
        (Problem::YamlTab, at, "hint-yaml-tab")
    } else if message.contains("mapping values are not allowed") {
        (Problem::YamlColonInValue, (line, column), "hint-yaml-colon")
    } else if message.contains("after single-quoted scalar") {
        (
            Problem::YamlApostrophe,
            (line, column),
            "hint-yaml-apostrophe",
        )
    } else {
        (
            Problem::Yaml(without_location(&message)),
            (line, column),
            "hint-yaml",
        )
    };
    Diagnostic::error(rel, problem)
        .at(line, column)
        .hint(Message::new(hint))
}

/// The parser's message without its own position (counted from the front matter, not the file).
fn without_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn first_line_of(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn splits_and_numbers_the_body() {
        let text = "---\ntitle: A\ndate: 2023-01-01\n---\nBody\n";
        let doc = parse(Path::new("a.md"), text, &limits()).unwrap();
        assert_eq!(doc.fields["title"], "A");
        assert_eq!(doc.body, "Body\n");
        assert_eq!(doc.body_first_line, 5);
        assert_eq!(doc.key_line(&["DATE"]), 3);
        assert_eq!(doc.key_line(&["tags"]), 0);
    }

    #[test]
    fn no_front_matter_is_fine() {
        let doc = parse(Path::new("a.md"), "**GOUVERNEMENT**\n", &limits()).unwrap();
        assert!(!doc.has_front_matter);
        assert_eq!(doc.body_first_line, 1);
    }

    #[test]
    fn unterminated_is_located() {
        let err = parse(Path::new("a.md"), "---\ntitle: A\nbody\n", &limits()).unwrap_err();
        assert_eq!(err.problem, Problem::UnterminatedFrontMatter);
    }

    #[test]
    fn alias_bomb_is_refused_with_a_location() {
        let bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n";
        let err = parse(Path::new("a.md"), bomb, &limits()).unwrap_err();
        assert!(matches!(err.problem, Problem::Yaml(_)), "{err}");
        assert!(err.line >= 2, "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!(
            "---\nk: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let err = parse(Path::new("a.md"), &deep, &limits()).unwrap_err();
        assert!(matches!(err.problem, Problem::Yaml(_)), "{err}");
    }

    #[test]
    fn yaml_mistakes_are_named_where_they_are() {
        let err = |yaml: &str| {
            let text = format!("---\n{yaml}---\nBody\n");
            let d = parse(Path::new("a.md"), &text, &limits()).unwrap_err();
            (d.problem, d.line, d.column)
        };
        assert_eq!(
            err("title: \"Bilan 2023\ndate: 2024-01-01\ntags:\n- a\nplace: Paris\n"),
            (Problem::YamlUnclosedQuote, 2, 8)
        );
        assert_eq!(
            err("title: A\n\tdate: 2024-01-01\n"),
            (Problem::YamlTab, 3, 1)
        );
        assert_eq!(
            err("title: Bilan : 2023\ndate: 2024\n").0,
            Problem::YamlColonInValue
        );
        assert_eq!(
            err("title: 'L'État\ndate: 2024\n").0,
            Problem::YamlApostrophe
        );
        let (other, _, _) = err("title: A\ntags: [a, b\ndate: 2024\n");
        assert!(
            matches!(&other, Problem::Yaml(m) if !m.contains("at line")),
            "{other:?}"
        );
    }

    #[test]
    fn yaml_error_line_is_in_file_coordinates() {
        let err = parse(
            Path::new("a.md"),
            "---\ntitle: A\ndate: [\n---\n",
            &limits(),
        )
        .unwrap_err();
        assert!(err.line >= 3, "{err}");
    }
}
