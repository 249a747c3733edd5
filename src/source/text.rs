//! Text helpers shared by the input shapes: output slugs, Markdown blocks with their line
//! numbers, plain text of inline Markdown, and removal of editor artefacts.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A slug of a file name: ASCII lower-case letters, digits and single hyphens, cut at 120
/// bytes (possibly inside a word). Equal to [`file_slug`] for names that fit. `None` when
/// nothing is left.
pub fn slugify(name: &str) -> Option<String> {
    let mut slug = fold(name);
    slug.truncate(120);
    while slug.ends_with('-') {
        slug.pop();
    }
    (!slug.is_empty()).then_some(slug)
}

/// Slugs longer than this are cut for file names (file systems cap names at 255 bytes).
const MAX_FILE_SLUG: usize = 120;

/// The entry slug of a file name, for its key (feed id) and its PDF (`pdf/<slug>.pdf`):
/// [`slugify`] when it fits, so ids minted before stay; a longer one is cut at a hyphen (never inside a word) and ends with a
/// hash of the whole name, so two long names sharing a beginning never share a file.
pub fn file_slug(name: &str) -> Option<String> {
    let full = fold(name);
    if full.is_empty() {
        return None;
    }
    if full.len() <= MAX_FILE_SLUG {
        return Some(full);
    }
    let keep = MAX_FILE_SLUG - 9;
    // `full` is ASCII: every byte offset is a char boundary.
    let cut = full[..=keep].rfind('-').filter(|&i| i > 0).unwrap_or(keep);
    let hash = blake3::hash(name.as_bytes()).to_hex();
    Some(format!("{}-{}", &full[..cut], &hash.as_str()[..8]))
}

/// Accents folded (é → e), lower-cased, every other run of characters one hyphen.
fn fold(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        let folded = fold_accent(c);
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                slug.push(f.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn fold_accent(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        c if c.is_ascii_alphanumeric() => ascii_char(c),
        _ => "-",
    }
}

fn ascii_char(c: char) -> &'static str {
    const TABLE: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    TABLE.find(c).map_or("-", |i| &TABLE[i..i + 1])
}

/// A Markdown block (paragraph, heading, list…) as written, with its first line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub markdown: String,
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

/// The readable text of a Markdown fragment: no markup, links reduced to their text,
/// whitespace collapsed.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<br") => {
                out.push(' ')
            }
            // `# Le format <title> du HTML`: prose, not markup; it stays in the text.
            Event::InlineHtml(h) if crate::web::prose::is_prose_tag(&h) => out.push_str(&h),
            _ => {}
        }
    }
    out.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a whole block is strong emphasis (the lead of a converted communiqué).
pub fn is_all_bold(markdown: &str) -> bool {
    let t = markdown.trim();
    (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
}

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
    fn slugs() {
        assert_eq!(
            slugify("Le-gouvernement-lance-l’experimentation-de-l’IA").as_deref(),
            Some("le-gouvernement-lance-l-experimentation-de-l-ia")
        );
        assert_eq!(
            slugify("lancement-du-mooc-<<-creer->>").as_deref(),
            Some("lancement-du-mooc-creer")
        );
        assert_eq!(
            slugify("Communiqué NEC 2023").as_deref(),
            Some("communique-nec-2023")
        );
        assert_eq!(slugify("../.."), None);
        assert_eq!(slugify("  "), None);
    }

    #[test]
    fn long_file_slugs_are_cut_between_words_and_never_collide() {
        let common = "femmes-et-numerique-la-direction-du-numerique-de-letat-publie-une-serie-de-11-temoignages-pour-valoriser-soutenir-et-accelerer";
        let a = file_slug(&format!("{common}-les-parcours-des-femmes")).unwrap();
        let b = file_slug(&format!("{common}-les-carrieres-des-femmes")).unwrap();
        assert_ne!(a, b);
        for slug in [&a, &b] {
            assert!(slug.len() <= 120, "{slug}");
            let (words, hash) = slug.rsplit_once('-').unwrap();
            assert_eq!(hash.len(), 8);
            // Cut at a hyphen of the full slug: the kept part is whole words.
            assert!(common.starts_with(&format!("{words}-")), "{slug}");
        }
        // Short names keep the slug ids were minted from, so ids and PDF names stay.
        assert_eq!(
            file_slug("Communiqué NEC 2023"),
            slugify("Communiqué NEC 2023")
        );
        assert_eq!(file_slug("../.."), None);
    }

    #[test]
    fn blocks_keep_lines() {
        let b = blocks("a\nb\n\n\nc\n", 5);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].line, 5);
        assert_eq!(b[1].line, 9);
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            plain("**Direction  \ninterministérielle**"),
            "Direction interministérielle"
        );
        assert_eq!(plain("### **TITRE [S]**"), "TITRE [S]");
        assert_eq!(plain("Mél : [a@b.fr](mailto:a@b.fr)"), "Mél : a@b.fr");
        assert_eq!(
            plain("# Le format <title> du <b>HTML</b>"),
            "Le format <title> du HTML"
        );
        assert_eq!(
            plain("Contact <presse@dinum.fr>"),
            "Contact presse@dinum.fr"
        );
    }

    #[test]
    fn artefacts() {
        assert_eq!(
            clean_markdown("[x](u){:target=\"_blank\"}\n\\\n{: .citation}\n{% include x %}ok"),
            "[x](u)\n\n\nok\n"
        );
    }

    #[test]
    fn depth() {
        assert!(nesting_depth(&">".repeat(100)) >= 100);
        assert_eq!(nesting_depth("para"), 0);
    }
}
