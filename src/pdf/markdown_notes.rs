//! Notes: footnotes (`note[^1]` … `[^1]: …`) and the addresses of links whose text is not
//! their address, numbered in one sequence in the order of their calls.

use super::{Block, Inline, NoteLink, NoteOf, OpenLink, Walker, blocks_text, resolve_link};

impl Walker<'_> {
    pub(in crate::pdf) fn link_start(&mut self, dest: &str) {
        let target = resolve_link(dest, self.base_url);
        self.link.push(OpenLink {
            target,
            text: String::new(),
        });
    }

    /// Closes a link; on paper its address must be readable, so a link whose text is not
    /// its address gets a numbered note giving it.
    pub(in crate::pdf) fn link_end(&mut self) {
        let Some(OpenLink {
            target: Some(target),
            text,
        }) = self.link.pop()
        else {
            return;
        };
        if !self.link_notes || same_address(&text, &target) || self.table.is_some() {
            return;
        }
        let n = match self
            .notes
            .iter()
            .position(|k| matches!(k, NoteOf::Address(a) if *a == target))
        {
            Some(i) => i + 1,
            None => {
                self.notes.push(NoteOf::Address(target));
                self.notes.len()
            }
        };
        self.note_call(n);
    }

    pub(in crate::pdf) fn footnote_call(&mut self, label: &str) {
        let n = match self
            .notes
            .iter()
            .position(|k| matches!(k, NoteOf::Footnote(l) if l == label))
        {
            Some(i) => i + 1,
            None => {
                self.notes.push(NoteOf::Footnote(label.to_string()));
                self.notes.len()
            }
        };
        self.note_call(n);
    }

    /// The raised number that calls note `n` and links to it.
    pub(in crate::pdf) fn note_call(&mut self, n: usize) {
        if self.hidden > 0 {
            return;
        }
        self.inline.push(Inline {
            text: n.to_string(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            sup: true,
            note: u32::try_from(n).ok().map(NoteLink::ToNote),
            ..Inline::default()
        });
    }

    /// The notes in call order; footnotes defined but never called come last.
    pub(in crate::pdf) fn take_notes(&mut self) -> Vec<Vec<Inline>> {
        let mut defs = std::mem::take(&mut self.footnotes);
        let mut out = Vec::new();
        for note in std::mem::take(&mut self.notes) {
            out.push(match note {
                NoteOf::Footnote(label) => match defs.iter().position(|(l, _)| *l == label) {
                    Some(i) => defs.remove(i).1,
                    None => vec![Inline::plain(format!("[^{label}]"))],
                },
                NoteOf::Address(a) => {
                    let shown = a.strip_prefix("mailto:").unwrap_or(&a).to_string();
                    vec![Inline {
                        text: shown,
                        link: Some(a),
                        ..Inline::default()
                    }]
                }
            });
        }
        out.extend(defs.into_iter().map(|(_, runs)| runs));
        out
    }
}

/// Whether a link's text already shows its address (`numerique.gouv.fr/agenda/` for
/// `https://numerique.gouv.fr/agenda/`).
pub(super) fn same_address(text: &str, target: &str) -> bool {
    pub(in crate::pdf) fn bare(s: &str) -> String {
        let s = s.trim().to_lowercase();
        let s = s
            .trim_start_matches("mailto:")
            .trim_start_matches("tel:")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.");
        s.trim_end_matches('/').to_string()
    }
    let t = bare(text);
    !t.is_empty() && t == bare(target)
}

/// A footnote's blocks as one run list, paragraphs separated by a space.
pub(super) fn inline_of(blocks: &[Block]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for b in blocks {
        let runs: Vec<Inline> = match b {
            Block::Para(r) | Block::Heading(_, r) => r.clone(),
            Block::Code(c) => vec![Inline {
                text: c.clone(),
                code: true,
                ..Inline::default()
            }],
            other => vec![Inline::plain(blocks_text(std::slice::from_ref(other)))],
        };
        if !out.is_empty() {
            out.push(Inline::plain(" "));
        }
        out.extend(runs);
    }
    out
}
