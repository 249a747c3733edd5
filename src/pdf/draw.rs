//! Drawing laid-out lines with krilla, each piece marked either as tagged content (joined to
//! its structure element) or as an artifact, and collecting link rectangles for annotations.

use super::anchors::Anchors;
use super::fonts::Assets;
use super::markdown::NoteLink;
use super::tags::{LinkId, LinkScope, Tree};
use super::text::{self, Color, PlacedGlyph, Typeset};
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Quadrilateral, Rect};
use krilla::num::NormalizedF32;
use krilla::page::Page;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};
use krilla::text::{GlyphId, KrillaGlyph};

/// What drawn content is, for the structure tree.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark {
    /// Real content of structure element `node`; `key` says which text it is, so links of
    /// different blocks never merge.
    Content { node: usize, key: LinkScope },
    /// Page furniture, outside the logical structure.
    Artifact(ArtifactType),
    /// Furniture repeated on later pages whose links stay live: PDF/UA wants each link
    /// annotation in the structure tree, so the link text is content of `node`, the rest an
    /// artifact.
    Furniture {
        kind: ArtifactType,
        node: usize,
        key: LinkScope,
    },
}

/// A link's rectangles on the current page, waiting for the page's surface to be finished.
pub(super) struct PendingLink {
    node: usize,
    child: usize,
    target: text::Target,
    quads: Vec<Quadrilateral>,
}

/// Everything one page's drawing needs besides the surface.
pub(super) struct Pen<'a> {
    pub assets: &'a Assets,
    /// krilla's handle on each face, in the order of the assets' faces.
    pub fonts: &'a [krilla::text::Font],
    pub tree: &'a mut Tree,
    pub page: usize,
    pub links: Vec<PendingLink>,
    /// Where note calls and notes are, for the links between them.
    pub anchors: &'a Anchors,
}

impl Pen<'_> {
    /// Draws line `index` of `laid` with its box top at `top` and its start at `x`.
    pub(super) fn line(
        &mut self,
        s: &mut Surface<'_>,
        laid: &Typeset,
        index: usize,
        x: f32,
        top: f32,
        mark: Mark,
    ) {
        let Some(line) = laid.lines.get(index) else {
            return;
        };
        let baseline = top + line.baseline;
        // Pieces of the line that differ in link target or emphasis get their own marked
        // content.
        let mut rest: &[PlacedGlyph] = &line.glyphs;
        while let Some(first) = rest.first() {
            let n = rest
                .iter()
                .take_while(|g| g.link == first.link && g.emph == first.emph)
                .count();
            let (piece, tail) = rest.split_at(n);
            rest = tail;
            let mark = match mark {
                Mark::Furniture { kind, .. } if first.link.is_none() => Mark::Artifact(kind),
                Mark::Furniture { node, key, .. } => Mark::Content { node, key },
                other => other,
            };
            match mark {
                Mark::Artifact(kind) | Mark::Furniture { kind, .. } => {
                    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
                    self.glyphs(s, laid, piece, x, baseline);
                    s.end_tagged();
                }
                Mark::Content { node, key } => {
                    let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                    self.glyphs(s, laid, piece, x, baseline);
                    s.end_tagged();
                    // A note link whose other end is not drawn stays plain text.
                    let target = first
                        .link
                        .and_then(|l| laid.links.get(l))
                        .filter(|t| match t {
                            text::Target::Note(n) => self.anchors.destination(*n).is_some(),
                            text::Target::Uri(_) => true,
                        });
                    let (Some(link), Some(target)) = (first.link, target) else {
                        self.tree.styled_content(node, first.emph, id);
                        continue;
                    };
                    let link = LinkId {
                        scope: key,
                        index: link,
                    };
                    let Some(child) = self.tree.link_content(node, link, self.page, id) else {
                        continue;
                    };
                    let inked: Vec<&PlacedGlyph> = piece.iter().filter(|g| !g.space).collect();
                    let (Some(a), Some(b)) = (inked.first(), inked.last()) else {
                        continue;
                    };
                    let rect = Rect::from_ltrb(
                        x + a.x,
                        baseline - line.ascent,
                        x + b.x + b.advance,
                        baseline + line.descent,
                    );
                    let Some(rect) = rect else { continue };
                    match self
                        .links
                        .iter_mut()
                        .find(|p| p.node == node && p.child == child)
                    {
                        Some(p) => p.quads.push(rect.into()),
                        None => self.links.push(PendingLink {
                            node,
                            child,
                            target: target.clone(),
                            quads: vec![rect.into()],
                        }),
                    }
                }
            }
        }
    }

    /// Glyphs in runs of one font, size and colour, each run positioned at its first glyph.
    fn glyphs(
        &self,
        s: &mut Surface<'_>,
        laid: &Typeset,
        glyphs: &[PlacedGlyph],
        x: f32,
        baseline: f32,
    ) {
        let mut rest = glyphs;
        while let Some(first) = rest.first() {
            let mut pen = first.x;
            let n = rest
                .iter()
                .take_while(|g| {
                    let same = g.face == first.face
                        && g.size == first.size
                        && g.color == first.color
                        && (g.x - pen).abs() < 0.01;
                    pen = g.x + g.advance;
                    same
                })
                .count()
                .max(1);
            let (run, tail) = rest.split_at(n);
            rest = tail;
            let Some(font) = self.fonts.get(first.face) else {
                continue;
            };
            let size = first.size.max(0.1);
            let kglyphs: Vec<KrillaGlyph> = run
                .iter()
                .map(|g| {
                    KrillaGlyph::new(
                        GlyphId::new(g.gid),
                        g.advance / size,
                        g.x_offset / size,
                        g.y_offset / size,
                        0.0,
                        g.text.clone(),
                        None,
                    )
                })
                .collect();
            s.set_fill(Some(fill(first.color)));
            s.draw_glyphs(
                Point::from_xy(x + first.x, baseline),
                &kglyphs,
                font.clone(),
                &laid.text,
                size,
                false,
            );
        }
    }

    /// Turns the page's collected links into tagged link annotations.
    pub(super) fn annotate(self, page: &mut Page<'_>) {
        for link in self.links {
            let (target, alt) = match &link.target {
                text::Target::Uri(uri) => {
                    let action = Action::Link(LinkAction::new(ascii_uri(uri)));
                    let alt = match uri.strip_prefix("mailto:") {
                        Some(address) => format!("Écrire à {address}"),
                        None => format!("Lien vers {uri}"),
                    };
                    (Target::Action(action), alt)
                }
                text::Target::Note(n) => {
                    let Some(spot) = self.anchors.destination(*n) else {
                        continue;
                    };
                    let dest = XyzDestination::new(spot.page, Point::from_xy(spot.x, spot.y));
                    let alt = match n {
                        NoteLink::ToNote(n) => format!("Aller à la note {n}"),
                        NoteLink::ToCall(n) => format!("Retour à l’appel de la note {n}"),
                    };
                    (Target::Destination(dest.into()), alt)
                }
            };
            let annotation = LinkAnnotation::new_with_quad_points(link.quads, target);
            let id = page.add_tagged_annotation(Annotation::new_link(annotation, Some(alt)));
            self.tree.link_annotation(link.node, link.child, id);
        }
    }
}

/// A link annotation's URI in 7-bit ASCII (PDF wants it so): `url` percent-encodes the path
/// and query and punycodes the host; what it cannot parse is percent-encoded byte by byte.
pub(super) fn ascii_uri(uri: &str) -> String {
    if let Ok(u) = url::Url::parse(uri) {
        return u.to_string();
    }
    let mut out = String::with_capacity(uri.len());
    for b in uri.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(super) fn fill(c: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A horizontal rule, as a layout artifact.
pub(super) fn rule(s: &mut Surface<'_>, x0: f32, x1: f32, y: f32, width: f32, c: Color) {
    segment(s, (x0, y), (x1, y), width, c);
}

/// A straight line, as a layout artifact.
pub(super) fn segment(s: &mut Surface<'_>, from: (f32, f32), to: (f32, f32), width: f32, c: Color) {
    let mut pb = PathBuilder::new();
    pb.move_to(from.0, from.1);
    pb.line_to(to.0, to.1);
    let Some(path) = pb.finish() else { return };
    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    s.set_fill(None);
    s.set_stroke(Some(Stroke {
        paint: rgb::Color::new(c[0], c[1], c[2]).into(),
        width,
        ..Default::default()
    }));
    s.draw_path(&path);
    s.set_stroke(None);
    s.end_tagged();
}

/// Width of a laid-out single line (for right alignment).
pub(super) fn line_width(laid: &Typeset) -> f32 {
    laid.lines
        .first()
        .and_then(|l| l.glyphs.iter().rev().find(|g| !g.space))
        .map_or(0.0, |g| g.x + g.advance)
}
