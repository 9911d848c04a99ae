//! Simple bar charts for the annual report, drawn from one description as SVG (for the HTML page)
//! and as PNG (for the Word document), without a plotting or font library.
//!
//! [`Chart::layout`] places every bar, line and text in pixels once; [`Chart::svg`] writes those
//! shapes as SVG elements and [`Chart::png`] paints them into an RGB buffer, texts with the public
//! domain 8x8 bitmap font of `font8x8` (Latin-1: French and Dutch accents included) drawn at twice
//! its size. Both pictures therefore show the same bars, values and words at the same places.

use std::fmt::Write as _;

use crate::ReportError;

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours of the report's charts.
pub const BLUE: Rgb = Rgb(0x0b, 0x3d, 0x6b);
pub const LIGHT_BLUE: Rgb = Rgb(0x7f, 0xa7, 0xd1);
pub const GREEN: Rgb = Rgb(0x2e, 0x7d, 0x32);
pub const RED: Rgb = Rgb(0xb7, 0x1c, 0x1c);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const TEXT: Rgb = Rgb(0x1f, 0x23, 0x28);
const GRID: Rgb = Rgb(0xd0, 0xd7, 0xde);

/// One series of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: Rgb,
    pub values: Vec<usize>,
}

/// A horizontal bar chart: one group of bars per category, one bar per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

/// Pixels of the picture: wide enough for a page of A4 at a readable size.
pub const WIDTH: u32 = 1200;
/// The bitmap font is 8x8, drawn twice as large.
const SCALE: u32 = 2;
const CHAR: u32 = 8 * SCALE;
const MARGIN: u32 = 16;
const BAR: u32 = 24;
const BAR_GAP: u32 = 4;
const GROUP_GAP: u32 = 18;
/// Category labels longer than this are cut with an ellipsis.
const LABEL_CHARS: usize = 30;

/// A shape at pixel coordinates, the origin at the top left.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        color: Rgb,
    },
    /// Text whose top-left corner is at (x, y), one line, [`CHAR`] pixels a character.
    Text {
        x: u32,
        y: u32,
        text: String,
        color: Rgb,
    },
}

/// The shapes of a chart and the size of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

fn cut(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let mut short: String = label.chars().take(LABEL_CHARS - 1).collect();
        short.push('…');
        short
    }
}

impl Chart {
    /// Places the legend (one line per series, when there are several), then the groups of bars
    /// with the category label on the left and each value at the end of its bar.
    pub fn layout(&self) -> Layout {
        let mut shapes = Vec::new();
        let mut y = MARGIN;
        if self.series.len() > 1 {
            let mut x = MARGIN;
            for s in &self.series {
                shapes.push(Shape::Rect {
                    x,
                    y,
                    w: CHAR,
                    h: CHAR,
                    color: s.color,
                });
                shapes.push(Shape::Text {
                    x: x + CHAR + CHAR / 2,
                    y,
                    text: s.name.clone(),
                    color: TEXT,
                });
                x += CHAR * (chars(&s.name) + 4);
            }
            y += CHAR + GROUP_GAP;
        }
        let labels: Vec<String> = self.categories.iter().map(|c| cut(c)).collect();
        let label_width = labels.iter().map(|l| chars(l)).max().unwrap_or(0) * CHAR + CHAR;
        let max = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let max_value_chars = chars(&max.to_string());
        let x0 = MARGIN + label_width;
        let bars_width = WIDTH
            .saturating_sub(x0 + MARGIN + CHAR * (max_value_chars + 1))
            .max(1);
        let n = u32::try_from(self.series.len()).unwrap_or(1).max(1);
        let group = n * BAR + (n - 1) * BAR_GAP;
        let top = y;
        for (i, label) in labels.iter().enumerate() {
            shapes.push(Shape::Text {
                x: MARGIN,
                y: y + (group - CHAR) / 2,
                text: label.clone(),
                color: TEXT,
            });
            for (k, s) in self.series.iter().enumerate() {
                let value = s.values.get(i).copied().unwrap_or(0);
                let by = y + u32::try_from(k).unwrap_or(0) * (BAR + BAR_GAP);
                let w = u32::try_from(value * bars_width as usize / max).unwrap_or(bars_width);
                if w > 0 {
                    shapes.push(Shape::Rect {
                        x: x0,
                        y: by,
                        w,
                        h: BAR,
                        color: s.color,
                    });
                }
                let text = value.to_string();
                shapes.push(Shape::Text {
                    x: x0 + w + CHAR / 2,
                    y: by + (BAR - CHAR) / 2,
                    text,
                    color: TEXT,
                });
            }
            y += group + GROUP_GAP;
        }
        // The axis: a line where the bars start.
        let bottom = y.saturating_sub(GROUP_GAP / 2).max(top);
        shapes.push(Shape::Rect {
            x: x0.saturating_sub(1),
            y: top.saturating_sub(4),
            w: 2,
            h: bottom - top + 4,
            color: GRID,
        });
        Layout {
            width: WIDTH,
            height: bottom + MARGIN,
            shapes,
        }
    }

    /// The chart as an `<svg>` element to inline in a page; `title` is its accessible name.
    pub fn svg(&self, title: &str) -> String {
        let layout = self.layout();
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{t}" font-family="DejaVu Sans Mono, Consolas, monospace" font-size="{size}"><title>{t}</title><rect width="{w}" height="{h}" fill="{bg}"/>"#,
            w = layout.width,
            h = layout.height,
            t = escape(title),
            size = CHAR,
            bg = WHITE.hex(),
        );
        for shape in &layout.shapes {
            match shape {
                Shape::Rect { x, y, w, h, color } => {
                    let _ = write!(
                        out,
                        r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{}"/>"#,
                        color.hex()
                    );
                }
                Shape::Text { x, y, text, color } => {
                    // SVG places text on its baseline: about 80% of the line down from the top.
                    let baseline = y + CHAR * 4 / 5;
                    let _ = write!(
                        out,
                        r#"<text x="{x}" y="{baseline}" fill="{}">{}</text>"#,
                        color.hex(),
                        escape(text)
                    );
                }
            }
        }
        out.push_str("</svg>");
        out
    }

    /// The chart as a PNG picture: (bytes, width, height) in pixels.
    pub fn png(&self) -> Result<(Vec<u8>, u32, u32), ReportError> {
        let layout = self.layout();
        let mut canvas = Canvas::new(layout.width, layout.height);
        for shape in &layout.shapes {
            match shape {
                Shape::Rect { x, y, w, h, color } => canvas.fill(*x, *y, *w, *h, *color),
                Shape::Text { x, y, text, color } => canvas.text(*x, *y, text, *color),
            }
        }
        let bytes = canvas.encode()?;
        Ok((bytes, layout.width, layout.height))
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An RGB picture in memory.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![0xff; width as usize * height as usize * 3],
        }
    }

    fn set(&mut self, x: u32, y: u32, c: Rgb) {
        if x < self.width && y < self.height {
            let i = (y as usize * self.width as usize + x as usize) * 3;
            self.pixels[i..i + 3].copy_from_slice(&[c.0, c.1, c.2]);
        }
    }

    fn fill(&mut self, x: u32, y: u32, w: u32, h: u32, c: Rgb) {
        for yy in y..y.saturating_add(h).min(self.height) {
            for xx in x..x.saturating_add(w).min(self.width) {
                self.set(xx, yy, c);
            }
        }
    }

    fn text(&mut self, x: u32, y: u32, text: &str, c: Rgb) {
        let mut cx = x;
        for ch in text.chars() {
            let glyph = glyph(ch);
            for (row, bits) in glyph.iter().enumerate() {
                for col in 0..8u32 {
                    if bits & (1 << col) != 0 {
                        let row = u32::try_from(row).unwrap_or(0);
                        self.fill(cx + col * SCALE, y + row * SCALE, SCALE, SCALE, c);
                    }
                }
            }
            cx += CHAR;
        }
    }

    fn encode(&self) -> Result<Vec<u8>, ReportError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.pixels)?;
        writer.finish()?;
        Ok(out)
    }
}

/// The 8x8 glyph of a character (one byte a row, bit 0 the leftmost pixel); characters outside
/// Latin-1 get a close one.
fn glyph(ch: char) -> [u8; 8] {
    if ch == '…' {
        // An ellipsis: three dots at the bottom.
        return [0, 0, 0, 0, 0, 0, 0b0100_1001, 0];
    }
    let ch = match ch {
        '\u{202f}' | '\u{a0}' => ' ',
        '–' | '—' | '‑' => '-',
        '’' | '‘' => '\'',
        '“' | '”' => '"',
        'œ' => 'o',
        'Œ' => 'O',
        other => other,
    };
    let code = ch as usize;
    match code {
        0x20..=0x7f => font8x8::legacy::BASIC_LEGACY[code],
        0xa0..=0xff => font8x8::legacy::LATIN_LEGACY[code - 0xa0],
        _ => font8x8::legacy::BASIC_LEGACY['?' as usize],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            categories: vec!["Mise en demeure".to_string(), "Avis motivé".to_string()],
            series: vec![
                Series {
                    name: "2020".to_string(),
                    color: LIGHT_BLUE,
                    values: vec![3, 0],
                },
                Series {
                    name: "2021".to_string(),
                    color: BLUE,
                    values: vec![6, 2],
                },
            ],
        }
    }

    #[test]
    fn bars_are_proportional() {
        let layout = chart().layout();
        let bars: Vec<u32> = layout
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { w, h, .. } if *h == BAR => Some(*w),
                _ => None,
            })
            .collect();
        // 3, 6 and 2 (a zero draws no bar); 6 is the longest.
        assert_eq!(bars.len(), 3);
        // Rounded down to the pixel.
        assert!(bars[1].abs_diff(bars[0] * 2) <= 2, "{bars:?}");
        assert!(bars[1].abs_diff(bars[2] * 3) <= 3, "{bars:?}");
        assert!(bars[1] > bars[0] && bars[0] > bars[2]);
    }

    #[test]
    fn svg_and_png_show_the_same_chart() {
        let c = chart();
        let svg = c.svg("Procédures <en cours>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Avis motivé") && svg.contains("Procédures &lt;en cours&gt;"));
        let (png, w, h) = c.png().unwrap_or_default();
        assert_eq!(&png[..8], &[137, 80, 78, 71, 13, 10, 26, 10]);
        assert_eq!((w, h), (c.layout().width, c.layout().height));
        assert!(svg.contains(&format!("viewBox=\"0 0 {w} {h}\"")));
    }

    #[test]
    fn glyphs() {
        assert_eq!(glyph('A'), font8x8::legacy::BASIC_LEGACY[65]);
        assert_eq!(glyph('é'), font8x8::legacy::LATIN_LEGACY[0xe9 - 0xa0]);
        assert_eq!(glyph('\u{202f}'), glyph(' '));
        assert_eq!(glyph('漢'), glyph('?'));
        assert_eq!(
            cut("abcdefghijklmnopqrstuvwxyz0123456789").chars().count(),
            LABEL_CHARS
        );
    }
}
