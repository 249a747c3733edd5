//! The logical structure (PDF/UA tag tree), built in reading order while the pages are
//! drawn in visual order, then handed to krilla.

use super::text::Emph;
use krilla::tagging::{
    Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};
use std::num::NonZeroU16;

/// Which drawn text a link belongs to, so the links of different blocks never merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkScope {
    /// A block of the text column, by index.
    Block(usize),
    /// The list label or note number of a block.
    Label(usize),
    /// A table cell: block (row) and column.
    Cell(usize, usize),
    /// The bloc-marque.
    Header,
    /// A line of the contact block.
    Footer(usize),
}

/// One link of drawn text: where its text is and which of that text's links it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LinkId {
    pub scope: LinkScope,
    /// Index in the laid-out text's links.
    pub index: usize,
}

/// What a table header cell heads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Scope {
    Column,
    Row,
}

#[derive(Debug, Clone)]
pub(super) enum Kind {
    P,
    /// Level 1 is the communiqué's title; body headings start at 2.
    H(u16, String),
    L(bool),
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Figure(String),
    Code,
    Table,
    TR,
    TH(Scope),
    TD,
    Note,
}

enum Child {
    Node(usize),
    Content(Identifier),
    /// Strong or emphasised content.
    Styled(Emph, Vec<Identifier>),
    /// A `Link` element: the link's content on one page and its annotation(s).
    Link {
        link: LinkId,
        page: usize,
        content: Vec<Identifier>,
        annots: Vec<Identifier>,
    },
}

/// A structure element being built: its type and its children in reading order.
struct Element {
    kind: Kind,
    children: Vec<Child>,
}

/// Arena of structure elements; node ids are indices. Nodes are created in reading order.
#[derive(Default)]
pub(super) struct Tree {
    nodes: Vec<Element>,
    roots: Vec<usize>,
}

impl Tree {
    /// A new element under `parent` (`None`: at the document level).
    pub(super) fn add(&mut self, parent: Option<usize>, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Element {
            kind,
            children: Vec::new(),
        });
        match parent.and_then(|p| self.nodes.get_mut(p)) {
            Some(p) => p.children.push(Child::Node(id)),
            None => self.roots.push(id),
        }
        id
    }

    pub(super) fn content(&mut self, node: usize, id: Identifier) {
        if let Some(n) = self.nodes.get_mut(node) {
            n.children.push(Child::Content(id));
        }
    }

    /// Content that is strong or emphasised: consecutive pieces share one element.
    pub(super) fn styled_content(&mut self, node: usize, emph: Emph, id: Identifier) {
        let Some(n) = self.nodes.get_mut(node) else {
            return;
        };
        if emph == Emph::None {
            n.children.push(Child::Content(id));
            return;
        }
        match n.children.last_mut() {
            Some(Child::Styled(e, ids)) if *e == emph => ids.push(id),
            _ => n.children.push(Child::Styled(emph, vec![id])),
        }
    }

    /// Content belonging to link `link` on `page`; returns the position of its `Link` element
    /// so the annotation can join it once the page is finished.
    pub(super) fn link_content(
        &mut self,
        node: usize,
        link: LinkId,
        page: usize,
        id: Identifier,
    ) -> Option<usize> {
        let n = self.nodes.get_mut(node)?;
        if let Some(Child::Link {
            link: l,
            page: p,
            content,
            ..
        }) = n.children.last_mut()
            && *l == link
            && *p == page
        {
            content.push(id);
            return Some(n.children.len() - 1);
        }
        n.children.push(Child::Link {
            link,
            page,
            content: vec![id],
            annots: Vec::new(),
        });
        Some(n.children.len() - 1)
    }

    pub(super) fn link_annotation(&mut self, node: usize, child: usize, id: Identifier) {
        if let Some(Child::Link { annots, .. }) = self
            .nodes
            .get_mut(node)
            .and_then(|n| n.children.get_mut(child))
        {
            annots.push(id);
        }
    }

    pub(super) fn into_krilla(self, lang: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        let mut nodes: Vec<Option<Element>> = self.nodes.into_iter().map(Some).collect();
        for root in self.roots {
            if let Some(group) = build(&mut nodes, root) {
                tree.push(group);
            }
        }
        tree
    }
}

fn build(nodes: &mut [Option<Element>], id: usize) -> Option<TagGroup> {
    let node = nodes.get_mut(id)?.take()?;
    let kind: TagKind = match node.kind {
        Kind::P => Tag::P.into(),
        Kind::H(level, title) => {
            let level = NonZeroU16::new(level.clamp(1, 6)).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(title)).into()
        }
        Kind::L(ordered) => Tag::L(if ordered {
            ListNumbering::Decimal
        } else {
            ListNumbering::Disc
        })
        .into(),
        Kind::LI => Tag::LI.into(),
        Kind::Lbl => Tag::Lbl.into(),
        Kind::LBody => Tag::LBody.into(),
        Kind::BlockQuote => Tag::BlockQuote.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt)).into(),
        Kind::Code => Tag::Code.into(),
        Kind::Table => Tag::Table.into(),
        Kind::TR => Tag::TR.into(),
        Kind::TH(Scope::Column) => Tag::TH(TableHeaderScope::Column).into(),
        Kind::TH(Scope::Row) => Tag::TH(TableHeaderScope::Row).into(),
        Kind::TD => Tag::TD.into(),
        Kind::Note => Tag::Note.into(),
    };
    let mut children: Vec<Node> = Vec::with_capacity(node.children.len());
    for child in node.children {
        match child {
            Child::Node(c) => {
                if let Some(g) = build(nodes, c) {
                    children.push(g.into());
                }
            }
            Child::Content(i) => children.push(i.into()),
            Child::Styled(emph, ids) => {
                let ids: Vec<Node> = ids.into_iter().map(Node::from).collect();
                let tag: TagKind = match emph {
                    Emph::Em => Tag::Em.into(),
                    _ => Tag::Strong.into(),
                };
                children.push(TagGroup::with_children(tag, ids).into());
            }
            Child::Link {
                content, annots, ..
            } => {
                let mut link: Vec<Node> = content.into_iter().map(Node::from).collect();
                link.extend(annots.into_iter().map(Node::from));
                children.push(TagGroup::with_children(Tag::Link, link).into());
            }
        }
    }
    // krilla drops empty groups; say so explicitly rather than rely on it.
    (!children.is_empty()).then(|| TagGroup::with_children(kind, children))
}
