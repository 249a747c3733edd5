//! What every page carries: the bloc-marque at the top, the press contact block and the
//! page number at the foot. Real content on page 1 (read once, at the logical place chosen by
//! the caller); artifacts on the other pages, so a screen reader does not repeat them.

use super::draw::{self, Mark, Pen};
use super::fonts::Assets;
use super::geometry::{FOOTER_BOTTOM, HEADER_TOP, MARGIN_LEFT, MARGIN_RIGHT, WIDTH};
use super::markdown::Inline;
use super::tags::{Kind, LinkScope, Tree};
use super::text::{BLACK, GREY, Shaper, TextStyle, Typeset};
use crate::model::Contact;
use krilla::geom::{Size, Transform};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag};

const MARQUE: TextStyle = TextStyle::new(11.0).bold().leading(1.15);
const DEVISE: TextStyle = TextStyle::new(8.0).italic().leading(1.15);
const ORG: TextStyle = TextStyle::new(9.0).bold().leading(1.2);
const CONTACT: TextStyle = TextStyle::new(7.5).bold().leading(1.3).color(GREY);
const DETAIL: TextStyle = TextStyle::new(8.5).leading(1.3).color(GREY);
const FOLIO: TextStyle = TextStyle::new(8.5).color(GREY);
/// Width of the issuing body's column; the details start after it.
const ORG_WIDTH: f32 = 150.0;
const DETAIL_X: f32 = MARGIN_LEFT + ORG_WIDTH + 18.0;
/// Height of the logo when a PNG bloc-marque is configured.
const LOGO_HEIGHT: f32 = 64.0;

pub(super) enum Header {
    Text {
        marque: Typeset,
        devise: Typeset,
        node: usize,
    },
    Logo {
        node: usize,
    },
}

/// Creates the bloc-marque's structure element first, so it is read first.
pub(super) fn header(shaper: &mut Shaper<'_>, tree: &mut Tree, assets: &Assets) -> Header {
    if assets.logo.is_some() {
        let node = tree.add(
            None,
            Kind::Figure("Gouvernement — Liberté, Égalité, Fraternité".into()),
        );
        return Header::Logo { node };
    }
    let node = tree.add(None, Kind::P);
    Header::Text {
        marque: shaper.furniture(&plain("GOUVERNEMENT"), &MARQUE, 200.0),
        devise: shaper.furniture(&plain("Liberté\nÉgalité\nFraternité"), &DEVISE, 200.0),
        node,
    }
}

pub(super) fn draw_header(header: &Header, s: &mut Surface<'_>, pen: &mut Pen<'_>) {
    let first = pen.page == 0;
    match header {
        Header::Text {
            marque,
            devise,
            node,
        } => {
            let mark = |node| match first {
                true => Mark::Content {
                    node,
                    key: LinkScope::Header,
                },
                false => Mark::Artifact(ArtifactType::Header),
            };
            let mut y = HEADER_TOP;
            for (i, l) in marque.lines.iter().enumerate() {
                pen.line(s, marque, i, MARGIN_LEFT, y, mark(*node));
                y += l.height;
            }
            y += 3.0;
            for (i, l) in devise.lines.iter().enumerate() {
                pen.line(s, devise, i, MARGIN_LEFT, y, mark(*node));
                y += l.height;
            }
        }
        Header::Logo { node } => {
            let Some(logo) = pen.assets.logo.as_ref() else {
                return;
            };
            let data = krilla::Data::from(logo.png.clone());
            // Checked at load; a failure here only loses the picture.
            let Ok(image) = krilla::image::Image::from_png(data, false) else {
                return;
            };
            let width = LOGO_HEIGHT * logo.width as f32 / logo.height as f32;
            let Some(size) = Size::from_wh(width.min(240.0), LOGO_HEIGHT) else {
                return;
            };
            // Read once, on the first page; a header artifact on the others.
            let tag = match first {
                true => ContentTag::Other,
                false => {
                    ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Header))
                }
            };
            let id = s.start_tagged(tag);
            s.push_transform(&Transform::from_translate(MARGIN_LEFT, HEADER_TOP - 6.0));
            s.draw_image(image, size);
            s.pop();
            s.end_tagged();
            if first {
                pen.tree.content(*node, id);
            }
        }
    }
}

/// The contact block, laid out once for all pages.
pub(super) struct Footer {
    /// "Contact presse": the block's heading, for sighted and blind readers alike.
    label: Typeset,
    org: Typeset,
    details: Vec<Typeset>,
    /// The heading, then one P per line, created after the body so they are read last.
    nodes: Vec<usize>,
    pub top: f32,
}

/// Lays the contact block out (its structure elements come later, see [`footer_nodes`]).
pub(super) fn footer(shaper: &mut Shaper<'_>, contact: &Contact) -> Footer {
    let label = shaper.furniture(&plain("CONTACT PRESSE"), &CONTACT, ORG_WIDTH);
    let org = shaper.furniture(&plain(contact.organisation.trim()), &ORG, ORG_WIDTH);
    let detail_width = WIDTH - MARGIN_RIGHT - DETAIL_X;
    let mut details = Vec::new();
    if let Some(name) = contact.name.as_deref().filter(|n| !n.trim().is_empty()) {
        details.push(shaper.furniture(&plain(name.trim()), &DETAIL.bold_black(), detail_width));
    }
    if let Some(phones) = contact.phone_list() {
        details.push(shaper.furniture(&plain(&format!("Tél : {phones}")), &DETAIL, detail_width));
    }
    if let Some(email) = contact
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let address = email.strip_prefix("mailto:").unwrap_or(email);
        let runs = vec![
            Inline::plain("Mél : "),
            Inline {
                link: (address.len() < 500).then(|| format!("mailto:{address}")),
                ..Inline::plain(address)
            },
        ];
        details.push(shaper.furniture(&runs, &DETAIL, detail_width));
    }
    if let Some(role) = contact.role.as_deref().filter(|r| !r.trim().is_empty()) {
        details.push(shaper.furniture(&plain(role.trim()), &DETAIL, detail_width));
    }
    let org_h = label.height() + org.height();
    let details_h: f32 = details.iter().map(Typeset::height).sum();
    // A hostile contact cannot eat the page: the block is capped, overflow is clipped by order.
    let height = org_h.max(details_h).min(220.0);
    Footer {
        label,
        org,
        details,
        nodes: Vec::new(),
        top: FOOTER_BOTTOM - height,
    }
}

/// The contact block's structure elements: a "Contact presse" heading, then its lines.
pub(super) fn footer_nodes(tree: &mut Tree, footer: &mut Footer) {
    footer.nodes = vec![
        tree.add(None, Kind::H(2, "Contact presse".into())),
        tree.add(None, Kind::P),
    ];
    let details: Vec<usize> = footer
        .details
        .iter()
        .map(|_| tree.add(None, Kind::P))
        .collect();
    footer.nodes.extend(details);
}

impl TextStyle {
    const fn bold_black(self) -> Self {
        let mut s = self.bold();
        s.color = BLACK;
        s
    }
}

pub(super) fn draw_footer(
    footer: &Footer,
    s: &mut Surface<'_>,
    pen: &mut Pen<'_>,
    folio: &Typeset,
) {
    let first = pen.page == 0;
    draw::rule(
        s,
        MARGIN_LEFT,
        WIDTH - MARGIN_RIGHT,
        footer.top - 9.0,
        0.6,
        GREY,
    );
    // Page 1 holds the block's content; later pages repeat it as an artifact whose links
    // (the e-mail address) stay live and tagged.
    let mark = |n: usize| {
        let node = footer.nodes.get(n).copied().unwrap_or(0);
        let key = LinkScope::Footer(n);
        match first {
            true => Mark::Content { node, key },
            false => Mark::Furniture {
                kind: ArtifactType::Footer,
                node,
                key,
            },
        }
    };
    let mut y = footer.top;
    for (n, laid) in [&footer.label, &footer.org].into_iter().enumerate() {
        for (i, l) in laid.lines.iter().enumerate() {
            if y + l.height > FOOTER_BOTTOM + 1.0 {
                break;
            }
            pen.line(s, laid, i, MARGIN_LEFT, y, mark(n));
            y += l.height;
        }
    }
    let mut y = footer.top;
    for (d, laid) in footer.details.iter().enumerate() {
        for (i, l) in laid.lines.iter().enumerate() {
            if y + l.height > FOOTER_BOTTOM + 1.0 {
                break;
            }
            pen.line(s, laid, i, DETAIL_X, y, mark(d + 2));
            y += l.height;
        }
    }
    let x = WIDTH - MARGIN_RIGHT - draw::line_width(folio);
    let top = FOOTER_BOTTOM - folio.height();
    pen.line(
        s,
        folio,
        0,
        x,
        top,
        Mark::Artifact(ArtifactType::PageNumber),
    );
}

/// "1/2".
pub(super) fn folio(shaper: &mut Shaper<'_>, page: usize, pages: usize) -> Typeset {
    shaper.furniture(&plain(&format!("{}/{}", page + 1, pages)), &FOLIO, 100.0)
}

/// One run of plain text.
fn plain(text: &str) -> [Inline; 1] {
    [Inline::plain(text)]
}
