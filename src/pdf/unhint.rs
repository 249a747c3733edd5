//! TrueType fonts without their hinting, for embedding: the font program (`fpgm`, `prep`,
//! `cvt `), the hinted device metrics (`hdmx`, `LTSH`, `VDMX`) and each glyph's instructions
//! are dropped; outlines, metrics, `cmap`, names and layout tables are kept byte for byte.
//!
//! Why: hinting is more than half of each embedded subset of Liberation Sans, and every PDF
//! compresses its subsets again. Hinting only grid-fits outlines to screen pixels (PDF viewers
//! mostly ignore it; print never needs it); glyph ids, advances and outlines are unchanged, so
//! the layout, the text layer and the page content are the same. Only krilla receives the
//! unhinted copy; parley shapes with the original file.

use write_fonts::FontBuilder;
use write_fonts::read::{FontRef, TableProvider};
use write_fonts::types::Tag;

/// Tables that serve hinting alone.
const HINTING: [Tag; 6] = [
    Tag::new(b"fpgm"),
    Tag::new(b"prep"),
    Tag::new(b"cvt "),
    Tag::new(b"hdmx"),
    Tag::new(b"LTSH"),
    Tag::new(b"VDMX"),
];
const GLYF: Tag = Tag::new(b"glyf");
const LOCA: Tag = Tag::new(b"loca");
const HEAD: Tag = Tag::new(b"head");

/// `head.indexToLocFormat`: where it sits, and 1 for 32-bit `loca` offsets.
const HEAD_LOCA_FORMAT: usize = 50;

/// The font without hinting; `None` when it has none to drop or is not a plain TrueType font
/// (a collection, CFF outlines, damaged tables): the caller then embeds the file as it is.
pub(super) fn unhinted(data: &[u8]) -> Option<Vec<u8>> {
    let font = FontRef::new(data).ok()?;
    let glyf = font.table_data(GLYF)?;
    let glyf = glyf.as_bytes();
    let loca = font.loca(None).ok()?;
    let mut head = font.table_data(HEAD)?.as_bytes().to_vec();
    let glyphs = usize::from(font.maxp().ok()?.num_glyphs());

    let mut out = Vec::with_capacity(glyf.len());
    let mut offsets: Vec<u32> = Vec::with_capacity(glyphs + 1);
    offsets.push(0);
    for gid in 0..glyphs {
        let start = usize::try_from(loca.get_raw(gid)?).ok()?;
        let end = usize::try_from(loca.get_raw(gid + 1)?).ok()?;
        strip_glyph(glyf.get(start..end)?, &mut out)?;
        // Long offsets, each glyph on a 4-byte boundary as the specification recommends.
        out.resize(out.len().next_multiple_of(4), 0);
        offsets.push(u32::try_from(out.len()).ok()?);
    }
    let has_tables = HINTING.iter().any(|t| font.table_data(*t).is_some());
    if !has_tables && out.len() >= glyf.len() {
        return None;
    }
    let loca: Vec<u8> = offsets.iter().flat_map(|o| o.to_be_bytes()).collect();
    head.get_mut(HEAD_LOCA_FORMAT..HEAD_LOCA_FORMAT + 2)?
        .copy_from_slice(&1i16.to_be_bytes());

    let mut builder = FontBuilder::new();
    builder
        .add_raw(GLYF, out)
        .add_raw(LOCA, loca)
        .add_raw(HEAD, head);
    for record in font.table_directory().table_records() {
        let tag = record.tag();
        if HINTING.contains(&tag) || builder.contains(tag) {
            continue;
        }
        builder.add_raw(tag, font.table_data(tag)?.as_bytes());
    }
    Some(builder.build())
}

/// Appends one glyph's `glyf` record without instructions; `None` if it is malformed.
fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    if glyph.is_empty() {
        return Some(());
    }
    let contours = i16::from_be_bytes([*glyph.first()?, *glyph.get(1)?]);
    if let Ok(contours) = usize::try_from(contours) {
        // Simple glyph: header (10 bytes), end points, instruction length, instructions, the
        // rest (flags and coordinates).
        let at = 10 + 2 * contours;
        let len = usize::from(u16_at(glyph, at)?);
        let rest = glyph.get(at + 2 + len..)?;
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    // Composite glyph: its components, each with the "instructions follow" flag cleared, and
    // nothing after the last one.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const INSTRUCTIONS: u16 = 0x0100;
    let mut at = 10;
    let mut flag_offsets = Vec::new();
    loop {
        let flags = u16_at(glyph, at)?;
        flag_offsets.push(at);
        let args = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        let transform = match () {
            _ if flags & SCALE != 0 => 2,
            _ if flags & XY_SCALE != 0 => 4,
            _ if flags & TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        at += 4 + args + transform;
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    let start = out.len();
    out.extend_from_slice(glyph.get(..at)?);
    for f in flag_offsets {
        let flags = u16_at(glyph, f)? & !INSTRUCTIONS;
        out[start + f..start + f + 2].copy_from_slice(&flags.to_be_bytes());
    }
    Some(())
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use write_fonts::read::TableProvider;

    /// Embedded fonts: Liberation (instructions in composite glyphs too) and DejaVu (hinted,
    /// with another table set).
    const FONTS: [&[u8]; 4] = [
        include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
        include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf"),
        include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf"),
        include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    ];

    #[test]
    fn drops_hinting_and_keeps_outlines_and_metrics() {
        for font in FONTS {
            same_but_hinting(font);
        }
    }

    fn same_but_hinting(font: &[u8]) {
        let stripped = unhinted(font).expect("the embedded fonts are hinted");
        assert!(stripped.len() < font.len() * 19 / 20, "{}", stripped.len());
        let (old, new) = (
            FontRef::new(font).unwrap(),
            FontRef::new(&stripped).unwrap(),
        );
        for tag in HINTING {
            assert!(new.table_data(tag).is_none(), "{tag} left");
        }
        for tag in [
            "hmtx", "hhea", "cmap", "GSUB", "GPOS", "kern", "name", "OS/2", "post",
        ] {
            let tag = Tag::new_checked(tag.as_bytes()).unwrap();
            assert_eq!(
                old.table_data(tag).map(|d| d.as_bytes()),
                new.table_data(tag).map(|d| d.as_bytes()),
                "{tag} changed"
            );
        }
        let (og, ng) = (old.glyf().unwrap(), new.glyf().unwrap());
        let (ol, nl) = (old.loca(None).unwrap(), new.loca(None).unwrap());
        let count = old.maxp().unwrap().num_glyphs();
        let mut composites = 0;
        for gid in 0..count {
            let gid = write_fonts::types::GlyphId::new(u32::from(gid));
            let (a, b) = (
                ol.get_glyf(gid, &og).unwrap(),
                nl.get_glyf(gid, &ng).unwrap(),
            );
            use write_fonts::read::tables::glyf::Glyph;
            match (a, b) {
                (None, None) => {}
                (Some(Glyph::Simple(a)), Some(Glyph::Simple(b))) => {
                    assert!(b.instructions().is_empty());
                    assert_eq!(a.end_pts_of_contours(), b.end_pts_of_contours());
                    let points = |g: &write_fonts::read::tables::glyf::SimpleGlyph| {
                        g.points().collect::<Vec<_>>()
                    };
                    assert_eq!(points(&a), points(&b), "glyph {gid}");
                    assert_eq!((a.x_min(), a.y_max()), (b.x_min(), b.y_max()));
                }
                (Some(Glyph::Composite(a)), Some(Glyph::Composite(b))) => {
                    composites += 1;
                    assert!(b.instructions().is_none_or(|i| i.is_empty()));
                    use write_fonts::read::tables::glyf::CompositeGlyphFlags as F;
                    assert!(
                        b.components()
                            .all(|c| !c.flags.contains(F::WE_HAVE_INSTRUCTIONS))
                    );
                    let parts = |g: &write_fonts::read::tables::glyf::CompositeGlyph| {
                        g.components()
                            .map(|c| (c.glyph, c.anchor, c.transform))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(parts(&a), parts(&b), "glyph {gid}");
                }
                _ => panic!("glyph {gid} changed kind"),
            }
        }
        assert!(composites > 0, "the check must cover composite glyphs");
    }

    #[test]
    fn a_font_without_glyf_is_kept_as_it_is() {
        assert!(unhinted(b"not a font").is_none());
        assert!(unhinted(&[]).is_none());
    }
}
