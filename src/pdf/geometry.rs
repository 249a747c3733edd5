//! The A4 page's geometry, in points: margins, the bloc-marque's and footer's places and the
//! text column between them. Layout (`compose`, `table`), pagination (`page`) and drawing
//! (`place`, `furniture`, `anchors`) all measure against it.

/// A4 in points.
pub(super) const WIDTH: f32 = 595.28;
pub(super) const HEIGHT: f32 = 841.89;
pub(super) const MARGIN_LEFT: f32 = 62.0;
pub(super) const MARGIN_RIGHT: f32 = 62.0;
/// Top of the bloc-marque.
pub(super) const HEADER_TOP: f32 = 36.0;
/// Top of the text column (below the bloc-marque).
pub(super) const BODY_TOP: f32 = 118.0;
/// Bottom of the footer's last line.
pub(super) const FOOTER_BOTTOM: f32 = HEIGHT - 36.0;
/// Space kept between the text column and the footer rule.
pub(super) const FOOTER_GAP: f32 = 22.0;
/// Width of the text column (A4 minus the margins).
pub(super) const COLUMN: f32 = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Bottom of the text column above a footer whose rule is at `footer_top`.
pub(super) fn column_bottom(footer_top: f32) -> f32 {
    (footer_top - FOOTER_GAP).max(BODY_TOP + 100.0)
}

/// Page height available to the text column, for the page-limit budget.
pub(super) fn column_height(bottom: f32) -> f32 {
    (bottom - BODY_TOP).clamp(100.0, HEIGHT)
}
