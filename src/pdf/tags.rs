//! The logical structure (PDF/UA tag tree), built in reading order while the pages are
//! drawn in visual order, then handed to krilla.

use krilla::tagging::{Identifier, ListNumbering, Node, Tag, TagGroup, TagKind, TagTree};
use std::num::NonZeroU16;

#[derive(Debug, Clone)]
pub enum Kind {
    P,
    /// Level 1 is the communiqué's title; body headings start at 2.
    H(u16, String),
    L(bool),
    LI,
    Lbl,
    LBody,
    BlockQuote,
    Figure(String),
}

enum Child {
    Node(usize),
    Content(Identifier),
    /// A `Link` element: the link's content on one page and its annotation(s).
    Link {
        link: (usize, usize),
        page: usize,
        content: Vec<Identifier>,
        annots: Vec<Identifier>,
    },
}

struct SNode {
    kind: Kind,
    children: Vec<Child>,
}

/// Arena of structure elements; node ids are indices. Nodes are created in reading order.
#[derive(Default)]
pub struct Tree {
    nodes: Vec<SNode>,
    roots: Vec<usize>,
}

impl Tree {
    /// A new element under `parent` (`None`: at the document level).
    pub fn add(&mut self, parent: Option<usize>, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(SNode {
            kind,
            children: Vec::new(),
        });
        match parent.and_then(|p| self.nodes.get_mut(p)) {
            Some(p) => p.children.push(Child::Node(id)),
            None => self.roots.push(id),
        }
        id
    }

    pub fn content(&mut self, node: usize, id: Identifier) {
        if let Some(n) = self.nodes.get_mut(node) {
            n.children.push(Child::Content(id));
        }
    }

    /// Content belonging to link `link` (block, link index) on `page`; returns the position of
    /// its `Link` element so the annotation can join it once the page is finished.
    pub fn link_content(
        &mut self,
        node: usize,
        link: (usize, usize),
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

    pub fn link_annotation(&mut self, node: usize, child: usize, id: Identifier) {
        if let Some(Child::Link { annots, .. }) = self
            .nodes
            .get_mut(node)
            .and_then(|n| n.children.get_mut(child))
        {
            annots.push(id);
        }
    }

    pub fn into_krilla(self, lang: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        let mut nodes: Vec<Option<SNode>> = self.nodes.into_iter().map(Some).collect();
        for root in self.roots {
            if let Some(group) = build(&mut nodes, root) {
                tree.push(group);
            }
        }
        tree
    }
}

fn build(nodes: &mut [Option<SNode>], id: usize) -> Option<TagGroup> {
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
