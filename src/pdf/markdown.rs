//! Markdown (CommonMark + tables + footnotes + raw HTML, as the press office writes it) reduced
//! to the shapes a communiqué prints: paragraphs, headings, lists, quotes, code, tables,
//! images, notes; bold, italic, superscript, code and links. Raw HTML goes through html5ever
//! (`markdown_html`); kramdown attribute lists (`{: .class}`) are dropped; placeholder links
//! become plain text; a link whose text is not its address gets a numbered note giving it.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
pub(super) use shapes::{Align, Block, Cell, Inline, NoteLink};

enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    /// A footnote definition being read.
    Note(String, Vec<Block>),
}

impl Container {
    fn blocks(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Container::Root(b)
            | Container::Quote(b)
            | Container::Item(b)
            | Container::Note(_, b) => Some(b),
            Container::List { .. } => None,
        }
    }
}

/// What a note number stands for.
enum NoteOf {
    Footnote(String),
    Address(String),
}

/// A link being read: where it goes (`None` for a placeholder) and its text so far.
pub(super) struct OpenLink {
    target: Option<String>,
    text: String,
}

/// An image being read: its address as written and its alternative text so far.
struct OpenImage {
    src: String,
    alt: String,
}

pub(super) struct Walker<'a> {
    base_url: &'a str,
    max_depth: usize,
    /// Links whose text is not their address get a note giving it (the body, not the lead).
    link_notes: bool,
    stack: Vec<Container>,
    /// For each container start event: whether it was pushed (false beyond `max_depth`).
    pushed: Vec<bool>,
    inline: Vec<Inline>,
    heading: Option<u8>,
    pub(super) bold: u32,
    pub(super) italic: u32,
    pub(super) sup: u32,
    code: u32,
    /// Open links, innermost last.
    pub(super) link: Vec<OpenLink>,
    /// An image being read.
    image: Option<OpenImage>,
    code_block: Option<String>,
    html_block: Option<String>,
    /// Inside `<script>`/`<style>` met as inline HTML: text dropped.
    pub(super) hidden: u32,
    table: Option<Vec<Vec<Cell>>>,
    in_head: bool,
    /// An HTML cell is open: whether it is a header cell.
    html_cell: Option<bool>,
    /// Column alignments of the Markdown table being read.
    aligns: Vec<Align>,
    notes: Vec<NoteOf>,
    footnotes: Vec<(String, Vec<Inline>)>,
}

/// Parses `markdown` into blocks. Relative links are made absolute against `base_url`;
/// nesting deeper than `max_depth` is flattened into the enclosing block.
pub(super) fn parse(markdown: &str, base_url: &str, max_depth: usize) -> Vec<Block> {
    run(markdown, base_url, max_depth, false)
}

/// [`parse`] for the body: links whose text is not their address are given in the notes.
pub(super) fn parse_body(markdown: &str, base_url: &str, max_depth: usize) -> Vec<Block> {
    run(markdown, base_url, max_depth, true)
}

fn run(markdown: &str, base_url: &str, max_depth: usize, link_notes: bool) -> Vec<Block> {
    let mut w = Walker {
        base_url,
        max_depth: max_depth.max(1),
        link_notes,
        stack: vec![Container::Root(Vec::new())],
        pushed: Vec::new(),
        inline: Vec::new(),
        heading: None,
        bold: 0,
        italic: 0,
        sup: 0,
        code: 0,
        link: Vec::new(),
        image: None,
        code_block: None,
        html_block: None,
        hidden: 0,
        table: None,
        in_head: false,
        html_cell: None,
        aligns: Vec::new(),
        notes: Vec::new(),
        footnotes: Vec::new(),
    };
    // No smart punctuation here: French typography is applied at layout, on prose only.
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
    }
    w.flush();
    while w.stack.len() > 1 {
        w.pop();
    }
    let notes = w.take_notes();
    let mut blocks = match w.stack.pop() {
        Some(Container::Root(blocks)) => blocks,
        _ => Vec::new(),
    };
    if !notes.is_empty() {
        blocks.push(Block::Notes(notes));
    }
    blocks
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = self.code_block.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code_block.take().unwrap_or_default();
                    let code = code.trim_end_matches('\n').to_string();
                    if !code.trim().is_empty() {
                        self.push_block(Block::Code(code));
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some(h) = self.html_block.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => h.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => {
                    let h = self.html_block.take().unwrap_or_default();
                    html::block(self, &h);
                }
                _ => {}
            }
            return;
        }
        if let Some(OpenImage { alt, .. }) = self.image.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => {
                    if let Some(OpenImage { src, alt }) = self.image.take() {
                        self.image_block(src, alt);
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                self.code += 1;
                self.text(&t);
                self.code -= 1;
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Html(h) | Event::InlineHtml(h) => html::inline_tag(self, &h),
            Event::FootnoteReference(label) => self.footnote_call(&label),
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush(),
            Tag::CodeBlock(_) => {
                self.flush();
                self.code_block = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html_block = Some(String::new());
            }
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
            Tag::FootnoteDefinition(label) => {
                self.flush();
                // Definitions are collected whatever the nesting limit: they print at the end.
                self.pushed.push(true);
                self.stack
                    .push(Container::Note(label.to_string(), Vec::new()));
            }
            Tag::Table(aligns) => {
                self.table_start();
                self.aligns = aligns
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::Auto,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect();
            }
            Tag::TableHead => {
                self.in_head = true;
                self.row_start();
            }
            Tag::TableRow => self.row_start(),
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => self.link_start(&dest_url),
            Tag::Image { dest_url, .. } => {
                self.image = Some(OpenImage {
                    src: dest_url.to_string(),
                    alt: String::new(),
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::Heading(_) => {
                self.flush();
                self.close_inline_html();
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                if self.pushed.pop().unwrap_or(false) {
                    self.pop();
                }
            }
            TagEnd::TableCell => self.cell_end(self.in_head),
            TagEnd::TableHead => self.in_head = false,
            TagEnd::Table => self.table_end(),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => self.link_end(),
            _ => {}
        }
    }

    pub(super) fn heading_start(&mut self, level: u8) {
        self.heading = Some(level.clamp(1, 6));
    }

    /// An image ends the paragraph it sits in; it prints as a figure of its own.
    /// Remote images are never downloaded, and a table cell holds no figure: those print
    /// their alt text in the line, as "[Image : alt]".
    pub(super) fn image_block(&mut self, src: String, alt: String) {
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = src.trim().to_ascii_lowercase();
        let remote =
            lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//");
        if self.table.is_some() || remote {
            let text = if alt.is_empty() {
                "[Image]".to_string()
            } else {
                format!("[Image : {alt}]")
            };
            if self.hidden == 0 {
                self.inline.push(Inline {
                    text,
                    italic: true,
                    image: Some(src),
                    ..Inline::default()
                });
            }
            return;
        }
        self.flush();
        self.push_block(Block::Image { src, alt });
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
            Container::Note(label, b) => {
                self.footnotes.push((label, notes::inline_of(&b)));
                None
            }
        };
        if let Some(block) = block {
            self.push_block(block);
        }
    }

    fn push_block(&mut self, block: Block) {
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

    pub(super) fn text(&mut self, t: &str) {
        if self.hidden > 0 {
            return;
        }
        for open in self.link.iter_mut() {
            open.text.push_str(t);
        }
        let run = Inline {
            text: String::new(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            link: self.link.last().and_then(|l| l.target.clone()),
            sup: self.sup > 0,
            code: self.code > 0,
            note: None,
            image: None,
        };
        if let Some(last) = self.inline.last_mut() {
            let same = Inline {
                text: String::new(),
                ..last.clone()
            };
            if same == run {
                last.text.push_str(t);
                return;
            }
        }
        self.inline.push(Inline {
            text: t.to_string(),
            ..run
        });
    }

    /// Inline HTML left open (`<b>`, `<a href>`, `<script>` without their end tags) ends with
    /// its paragraph: it must not restyle, link or hide the rest of the document.
    pub(super) fn close_inline_html(&mut self) {
        self.bold = 0;
        self.italic = 0;
        self.sup = 0;
        self.hidden = 0;
        self.link.clear();
    }

    /// Ends the current paragraph or heading, if it has any visible text. Inside a table
    /// the text stays for the cell.
    pub(super) fn flush(&mut self) {
        if self.table.is_some() {
            return;
        }
        let mut inline = std::mem::take(&mut self.inline);
        let heading = self.heading.take();
        inline.retain(|i| !i.text.is_empty());
        if inline.iter().all(|i| i.text.trim().is_empty()) {
            return;
        }
        let block = match heading {
            Some(level) => Block::Heading(level, inline),
            None => Block::Para(inline),
        };
        self.push_block(block);
    }
}

/// The printable target of a Markdown link, or `None` for placeholders (`#`, empty) and
/// schemes a PDF should not open.
pub(super) fn resolve_link(dest: &str, base_url: &str) -> Option<String> {
    // The resolver the feeds use: the same link gives the same address in feed and PDF.
    crate::web::url::resolve(dest, base_url)
}

#[path = "markdown_html.rs"]
mod html;
#[path = "markdown_plain.rs"]
mod plain;
#[path = "markdown_shapes.rs"]
mod shapes;
pub(super) use plain::blocks_text;
#[path = "markdown_notes.rs"]
mod notes;
#[path = "markdown_tables.rs"]
mod tables;
#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
