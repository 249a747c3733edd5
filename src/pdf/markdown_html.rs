//! Raw HTML in Markdown, read by html5ever's tokenizer (the HTML standard's rules for tags,
//! attributes and entities): entities decoded, scripts and styles dropped, links, tables,
//! images, headings, emphasis and superscripts kept. Inline tags arrive one by one from
//! pulldown-cmark and HTML blocks whole; both go through the same tag handling, whose state
//! (open links, bold, …) lives in the Markdown walker.

use super::Walker;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// What the tokenizer met, in order.
enum Piece {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Text(String),
}

#[derive(Default)]
struct Collect {
    pieces: RefCell<Vec<Piece>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut pieces = self.pieces.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        pieces.push(Piece::Start {
                            name: name.clone(),
                            attrs,
                        });
                        // Their content is text, not markup: read it raw (and drop it later).
                        match name.as_str() {
                            "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                return TokenSinkResult::RawData(RawKind::Rawtext);
                            }
                            "title" | "textarea" => {
                                return TokenSinkResult::RawData(RawKind::Rcdata);
                            }
                            _ => {}
                        }
                    }
                    TagKind::EndTag => pieces.push(Piece::End(name)),
                }
            }
            Token::CharacterTokens(t) => match pieces.last_mut() {
                Some(Piece::Text(s)) => s.push_str(&t),
                _ => pieces.push(Piece::Text(t.to_string())),
            },
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str) -> Vec<Piece> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.pieces.take()
}

/// An inline HTML tag (or a short inline element) met inside Markdown text.
pub(super) fn inline_tag(w: &mut Walker<'_>, html: &str) {
    for piece in tokenize(html) {
        apply(w, piece);
    }
}

/// A whole HTML block.
pub(super) fn block(w: &mut Walker<'_>, html: &str) {
    w.flush();
    for piece in tokenize(html) {
        apply(w, piece);
    }
    w.close_cell();
    w.flush();
    w.close_inline_html();
}

const HIDDEN: &[&str] = &[
    "script", "style", "template", "head", "title", "noscript", "iframe", "object", "xmp",
    "noembed", "noframes", "textarea", "svg", "math",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "aside",
    "nav",
    "caption",
    "main",
    "address",
    "details",
    "summary",
];

fn apply(w: &mut Walker<'_>, piece: Piece) {
    match piece {
        Piece::Text(t) => w.text(&t),
        Piece::Start { name, attrs } => {
            let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            match name.as_str() {
                n if HIDDEN.contains(&n) => w.hidden += 1,
                "br" => w.text("\n"),
                "img" => w.image_block(
                    get("src").unwrap_or_default(),
                    get("alt").unwrap_or_default(),
                ),
                "a" => w.link_start(get("href").as_deref().unwrap_or("")),
                "strong" | "b" => w.bold += 1,
                "em" | "i" | "cite" => w.italic += 1,
                "sup" => w.sup += 1,
                "table" if !w.in_table() => w.table_begin(),
                "tr" if w.in_table() => {
                    w.close_cell();
                    w.row_start();
                }
                "th" | "td" if w.in_table() => {
                    w.close_cell();
                    w.open_cell(name == "th");
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    w.flush();
                    w.heading_start(name.as_bytes()[1] - b'0');
                }
                n if BLOCKS.contains(&n) => w.flush(),
                _ => {}
            }
        }
        Piece::End(name) => match name.as_str() {
            n if HIDDEN.contains(&n) => w.hidden = w.hidden.saturating_sub(1),
            "a" => w.link_end(),
            "strong" | "b" => w.bold = w.bold.saturating_sub(1),
            "em" | "i" | "cite" => w.italic = w.italic.saturating_sub(1),
            "sup" => w.sup = w.sup.saturating_sub(1),
            "th" | "td" => w.close_cell(),
            "table" if w.in_table() => {
                w.close_cell();
                w.table_end();
            }
            n if BLOCKS.contains(&n) || matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                w.flush()
            }
            _ => {}
        },
    }
}
