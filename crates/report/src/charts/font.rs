//! The charts' one font, DejaVu Sans, embedded (`crates/report/fonts/`, with its licence): given
//! to plotters by its bytes (no system font is looked up), measured, and placed alike in the SVG
//! and in the pixels.
//!
//! plotters places a text differently on its two backends. The SVG backend writes the text with
//! a `font-size` of the size over 1.24 and a `dy` that a browser applies from the baseline (0.76
//! em below a top anchor, half an x-height above a centre or a bottom anchor); its ab_glyph
//! rendering draws glyphs at ascent-minus-descent = size and puts the baseline half the size
//! below a box the size over 1.24 high. Left so, the PNG's texts were larger and a few pixels
//! higher than the SVG's (a legend's words above their squares). [`svg_font_size`] makes the SVG
//! state the size the pixels are drawn at, and [`Pixels`] moves each text of the bitmap to the
//! SVG's baseline.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::text_anchor::VPos;
use plotters::style::{FontStyle, IntoFont, register_font};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use crate::ReportError;

/// DejaVu Sans 2.37: every letter of the member states' languages.
pub(super) const FONT_BYTES: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
/// The name the font is registered under with plotters, which its SVG backend writes as the
/// `font-family`: a browser that has DejaVu Sans shows the very picture the PNG shows, others
/// Verdana, whose letters have nearly the same widths.
pub(super) const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

fn unreadable() -> ReportError {
    ReportError::Chart("the embedded font DejaVu Sans cannot be read".to_string())
}

/// Registers the embedded font with plotters, once per process.
pub(super) fn ready() -> Result<(), ReportError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered =
        *REGISTERED.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT_BYTES).is_ok());
    registered.then_some(()).ok_or_else(unreadable)
}

/// The width of `text` at plotters' text size `size`, as the embedded font sets it.
pub(super) fn text_width(text: &str, size: f64) -> Result<f64, ReportError> {
    ready()?;
    let (w, _) = (FAMILY, size)
        .into_font()
        .box_size(text)
        .map_err(|e| ReportError::Chart(e.to_string()))?;
    Ok(f64::from(w))
}

/// What the SVG and the pixels must agree on, read from the embedded font.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// The em at plotters' text size 1 when ab_glyph draws it (ab_glyph fills the size with the
    /// font's ascent minus its descent).
    pub em_per_size: f64,
    /// The height of an `x` in ems (what CSS calls `1ex`).
    pub x_height: f64,
}

pub(super) fn metrics() -> Result<Metrics, ReportError> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS
        .get_or_init(|| {
            let font = FontRef::try_from_slice(FONT_BYTES).ok()?;
            let em = f64::from(font.units_per_em()?);
            // ab_glyph gives unscaled bounds with the top in `min.y`.
            let x = font.outline(font.glyph_id('x'))?.bounds;
            Some(Metrics {
                em_per_size: em / f64::from(font.height_unscaled()),
                x_height: f64::from(x.min.y.max(x.max.y)) / em,
            })
        })
        .ok_or_else(unreadable)
}

/// The `font-size` attribute plotters' SVG backend writes for `size`, and the one to write
/// instead: the size the pixels are drawn at, the size the texts were measured at.
pub(super) fn svg_font_size(size: f64) -> Result<(String, String), ReportError> {
    let ours = size * metrics()?.em_per_size;
    Ok((
        format!("font-size=\"{}\"", size / 1.24),
        format!("font-size=\"{ours:.2}\""),
    ))
}

/// plotters' bitmap backend, with each text moved to the baseline the SVG backend gives it.
pub(super) struct Pixels<'a> {
    inner: BitMapBackend<'a>,
    metrics: Metrics,
}

impl<'a> Pixels<'a> {
    /// Draws on `pixels`, RGB rows of `size.0` pixels.
    pub fn with_buffer(pixels: &'a mut [u8], size: (u32, u32)) -> Result<Self, ReportError> {
        Ok(Pixels {
            inner: BitMapBackend::with_buffer(pixels, size),
            metrics: metrics()?,
        })
    }

    /// How far down, in the text's own direction, a text is moved.
    fn shift<S: BackendTextStyle>(&self, style: &S) -> i32 {
        let size = style.size();
        let em = size * self.metrics.em_per_size;
        let ex = self.metrics.x_height * em;
        // The layout box ab_glyph reports: size / 1.24 high, in whole pixels.
        let boxed = (size / 1.24).trunc();
        let (svg, drawn) = match style.anchor().v_pos {
            VPos::Top => (0.76 * em, size / 2.0),
            VPos::Center => (ex / 2.0, size / 2.0 - (boxed / 2.0).trunc()),
            VPos::Bottom => (-ex / 2.0, size / 2.0 - boxed),
        };
        // A few pixels.
        (svg - drawn).round() as i32
    }
}

/// Everything as the bitmap backend does it, but texts.
impl DrawingBackend for Pixels<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (dx, dy) = style.transform().transform(0, self.shift(style));
        self.inner.draw_text(text, style, (x + dx, y + dy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_every_letter_the_reports_use() {
        let font = FontRef::try_from_slice(FONT_BYTES).expect("the embedded font");
        let words = [
            include_str!("../../../../locales/fr.toml"),
            include_str!("../../../../locales/nl.toml"),
            include_str!("../../../../locales/en.toml"),
            "Ģģ Ķķ Ċċ Ġġ Đđ Őő Łł Șș Ťť Žž Ææ Œœ ß … – \u{202f}\u{a0}",
        ];
        for c in words.concat().chars().filter(|c| !c.is_control()) {
            assert_ne!(font.glyph_id(c).0, 0, "{c:?} has a glyph");
        }
        // A letter the font lacks has none: the check can fail.
        assert_eq!(font.glyph_id('漢').0, 0);
    }

    #[test]
    fn metrics_are_dejavu_sans() {
        // 2,048 units an em, ascent 1,901, descent 483, an x 1,120 high.
        let m = metrics().expect("the font's metrics");
        assert!((m.em_per_size - 2048.0 / 2384.0).abs() < 1e-6, "{m:?}");
        assert!((m.x_height - 1120.0 / 2048.0).abs() < 1e-6, "{m:?}");
        let (theirs, ours) = svg_font_size(19.0).expect("sizes");
        assert_eq!(theirs, format!("font-size=\"{}\"", 19.0 / 1.24));
        assert_eq!(ours, "font-size=\"16.32\"");
    }

    #[test]
    fn widths_grow_with_the_text_and_the_size() {
        let w = |t: &str, s: f64| text_width(t, s).expect("a width");
        assert!(w("Mise en demeure", 19.0) > w("Mise", 19.0));
        assert!(w("Mise", 38.0) > 1.9 * w("Mise", 19.0));
        assert_eq!(w("", 19.0), 0.0);
    }
}
