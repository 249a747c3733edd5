//! Markdown (CommonMark + raw HTML, as the press office writes it) reduced to the few block
//! and inline shapes a communiqué prints: paragraphs, headings, lists, quotes; bold, italic,
//! links. Raw HTML keeps only its text (`<br>` is a line break); kramdown attribute lists
//! (`{: .class}`, `{:target="_blank"}`) are dropped; placeholder links become plain text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Absolute `http(s):`/`mailto:`/`tel:` target; `None` for plain text.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Vec<Inline>),
    /// Markdown level 1–6 as written.
    Heading(u8, Vec<Inline>),
    List {
        /// First number of an ordered list; `None` for bullets.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
}

enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
}

impl Container {
    fn blocks(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Container::Root(b) | Container::Quote(b) | Container::Item(b) => Some(b),
            Container::List { .. } => None,
        }
    }
}

struct Walker<'a> {
    base_url: &'a str,
    max_depth: usize,
    stack: Vec<Container>,
    /// For each container start event: whether it was pushed (false beyond `max_depth`).
    pushed: Vec<bool>,
    inline: Vec<Inline>,
    heading: Option<u8>,
    bold: u32,
    italic: u32,
    link: Vec<Option<String>>,
    in_image: u32,
}

/// Parses `markdown` into blocks. Relative links are made absolute against `base_url`;
/// nesting deeper than `max_depth` is flattened into the enclosing block.
pub fn parse(markdown: &str, base_url: &str, max_depth: usize) -> Vec<Block> {
    let mut w = Walker {
        base_url,
        max_depth: max_depth.max(1),
        stack: vec![Container::Root(Vec::new())],
        pushed: Vec::new(),
        inline: Vec::new(),
        heading: None,
        bold: 0,
        italic: 0,
        link: Vec::new(),
        in_image: 0,
    };
    // No smart punctuation: the PDF must extract back to the text as written.
    let options = Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
    }
    w.flush();
    while w.stack.len() > 1 {
        w.pop();
    }
    match w.stack.pop() {
        Some(Container::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>) {
        if self.in_image > 0 {
            // Images are not printed; their alt text would read as stray words.
            match event {
                Event::Start(Tag::Image { .. }) => self.in_image += 1,
                Event::End(TagEnd::Image) => self.in_image -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Html(h) | Event::InlineHtml(h) => self.html(&h),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => self.flush(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
            }
            Tag::BlockQuote(_) => self.open(Container::Quote(Vec::new())),
            Tag::List(start) => self.open(Container::List {
                start,
                items: Vec::new(),
            }),
            Tag::Item => self.open(Container::Item(Vec::new())),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => {
                let target = resolve_link(&dest_url, self.base_url);
                self.link.push(target);
            }
            Tag::Image { .. } => self.in_image = 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Heading(_) => {
                self.flush()
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => {
                self.flush();
                if self.pushed.pop().unwrap_or(false) {
                    self.pop();
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => {
                self.link.pop();
            }
            _ => {}
        }
    }

    fn open(&mut self, c: Container) {
        self.flush();
        let ok = self.stack.len() < self.max_depth;
        // A list item can only live in a list: an item met outside one (after flattening) is
        // flattened too.
        let fits = match (&c, self.stack.last()) {
            (Container::Item(_), Some(Container::List { .. })) => true,
            (Container::Item(_), _) => false,
            (_, Some(Container::List { .. })) => false,
            _ => true,
        };
        let push = ok && fits;
        self.pushed.push(push);
        if push {
            self.stack.push(c);
        }
    }

    fn pop(&mut self) {
        let Some(c) = self.stack.pop() else { return };
        let block = match c {
            Container::Root(_) => return,
            Container::Quote(b) => (!b.is_empty()).then_some(Block::Quote(b)),
            Container::List { start, items } => {
                (!items.is_empty()).then_some(Block::List { start, items })
            }
            Container::Item(b) => {
                if let Some(Container::List { items, .. }) = self.stack.last_mut() {
                    items.push(b);
                }
                None
            }
        };
        if let (Some(block), Some(parent)) = (block, self.stack.last_mut())
            && let Some(blocks) = parent.blocks()
        {
            blocks.push(block);
        }
    }

    fn text(&mut self, t: &str) {
        let bold = self.bold > 0;
        let link = self.link.last().cloned().flatten();
        let italic = self.italic > 0;
        if let Some(last) = self.inline.last_mut()
            && last.bold == bold
            && last.italic == italic
            && last.link == link
        {
            last.text.push_str(t);
            return;
        }
        self.inline.push(Inline {
            text: t.to_string(),
            bold,
            italic,
            link,
        });
    }

    /// Raw HTML keeps its text: tags are dropped, `<br>` breaks the line, closing block tags
    /// end the paragraph, and the common entities are decoded.
    fn html(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            match rest.find('<') {
                Some(0) => {
                    let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                    let tag = rest[..end].to_ascii_lowercase();
                    let name: String = tag
                        .trim_start_matches(['<', '/'])
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric())
                        .collect();
                    match name.as_str() {
                        "br" => self.text("\n"),
                        "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul"
                        | "ol" | "blockquote" | "tr" | "table" => self.flush(),
                        _ => {}
                    }
                    rest = &rest[end..];
                }
                Some(i) => {
                    self.text(&decode_entities(&rest[..i]));
                    rest = &rest[i..];
                }
                None => {
                    self.text(&decode_entities(rest));
                    rest = "";
                }
            }
        }
    }

    /// Ends the current paragraph or heading, if it has any visible text.
    fn flush(&mut self) {
        let mut inline = std::mem::take(&mut self.inline);
        let heading = self.heading.take();
        strip_attribute_lists(&mut inline);
        if inline.iter().all(|i| i.text.trim().is_empty()) {
            return;
        }
        let block = match heading {
            Some(level) => Block::Heading(level, inline),
            None => Block::Para(inline),
        };
        match self.stack.last_mut() {
            Some(Container::List { items, .. }) => items.push(vec![block]),
            Some(c) => {
                if let Some(b) = c.blocks() {
                    b.push(block);
                }
            }
            None => {}
        }
    }
}

/// The printable target of a Markdown link, or `None` for placeholders (`#`, empty) and
/// schemes a PDF should not open.
pub fn resolve_link(dest: &str, base_url: &str) -> Option<String> {
    // The resolver the feeds use: the same link gives the same address in feed and PDF.
    crate::web::url::resolve(dest, base_url)
}

/// Removes kramdown inline attribute lists `{: …}` / `{:…}` wherever they fall, even across
/// style runs (pulldown-cmark may split them at `_` or `"`).
fn strip_attribute_lists(inline: &mut Vec<Inline>) {
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

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{A0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
            }
        }
    }
    walk(blocks, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_html_and_attribute_lists() {
        let md = "Voir [AIC](#) et [site](https://x.fr){:target=\"_blank\"}.\n\n6<sup>ème</sup> a<br>b\n\n{: .note}\n";
        let blocks = parse(md, "https://www.numerique.gouv.fr", 32);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        let Block::Para(p) = &blocks[0] else { panic!() };
        let text: String = p.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(text, "Voir AIC et site.");
        assert_eq!(p.iter().filter(|i| i.link.is_some()).count(), 1);
        let Block::Para(p) = &blocks[1] else { panic!() };
        let text: String = p.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(text, "6ème a\nb");
    }

    #[test]
    fn lists_quotes_and_relative_links() {
        let md = "- un\n- deux [x](/agenda/)\n\n1. a\n2. b\n\n> cité\n";
        let blocks = parse(md, "https://www.numerique.gouv.fr", 32);
        assert!(matches!(&blocks[0], Block::List { start: None, items } if items.len() == 2));
        assert!(matches!(&blocks[1], Block::List { start: Some(1), .. }));
        assert!(matches!(&blocks[2], Block::Quote(_)));
        let Block::List { items, .. } = &blocks[0] else {
            panic!()
        };
        let Block::Para(p) = &items[1][0] else {
            panic!()
        };
        assert_eq!(
            p.iter().find_map(|i| i.link.clone()).as_deref(),
            Some("https://www.numerique.gouv.fr/agenda/")
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let md = ">".repeat(200) + " profond\n";
        let blocks = parse(&md, "", 8);
        assert_eq!(plain_text(&blocks), "profond");
    }
}
