//! The annual report's bar charts, drawn once by `plotters` on two backends: as SVG for the page
//! and as pixels (a PNG) for the Word document, so both show the same bars, axes and words.
//!
//! Every text is measured and, in the PNG, drawn with the embedded DejaVu Sans ([`font`]), so
//! letters beyond Latin-1 (ģ, ķ, ċ, ġ, đ, ő...) are drawn, never replaced. One [`Chart`] is laid
//! out at [`WIDTH`] units wide: the SVG in those units, the PNG [`PNG_SCALE`] times larger (about
//! 250 dots an inch at the 16 cm of the Word page), so texts have the same size relative to the
//! chart in both.

mod font;

use domain::Lang;
use plotters::backend::{DrawingBackend, SVGBackend};
use plotters::chart::{ChartBuilder, ChartContext, LabelAreaPosition};
use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{EmptyElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, ShapeStyle, TextStyle, WHITE};

use crate::ReportError;
use font::{FAMILY, Pixels};

/// The colours of the report's charts.
pub const BLUE: RGBColor = RGBColor(0x0b, 0x3d, 0x6b);
pub const LIGHT_BLUE: RGBColor = RGBColor(0x7f, 0xa7, 0xd1);
pub const GREEN: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
pub const RED: RGBColor = RGBColor(0xb7, 0x1c, 0x1c);
const TEXT: RGBColor = RGBColor(0x1f, 0x23, 0x28);
const AXIS: RGBColor = RGBColor(0x57, 0x60, 0x6a);
const GRID: RGBColor = RGBColor(0xd0, 0xd7, 0xde);

/// The chart's width in SVG units; its height follows from the number of categories.
pub const WIDTH: u32 = 800;
/// The PNG has this many pixels for one SVG unit.
pub const PNG_SCALE: u32 = 2;
/// The size of every text in plotters' unit: an em of 16.3 units, 9 points once the chart is
/// 16 cm wide.
const TEXT_SIZE: f64 = 19.0;
const MARGIN: f64 = 12.0;
/// A horizontal bar's thickness, the space between the bars of one category and between
/// categories.
const BAR: f64 = 22.0;
const BAR_GAP: f64 = 3.0;
const GROUP_GAP: f64 = 18.0;
/// The height of the plot of a column chart.
const COLUMNS_HEIGHT: f64 = 260.0;
/// The height of the legend's line, above the plot.
const LEGEND: f64 = 34.0;
/// The length of a tick mark, which is also the space between a label and its axis.
const TICK: f64 = 4.0;
/// The space between a bar's end and its value.
const VALUE_GAP: f64 = 6.0;
/// Category labels longer than this are cut with an ellipsis.
const LABEL_CHARS: usize = 40;

/// One series of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: RGBColor,
    pub values: Vec<usize>,
}

/// Which way the bars go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Horizontal bars, one group a category, the categories' names on the left: for names.
    Bars,
    /// Vertical columns, the categories along the bottom, left to right: for periods in time.
    Columns,
}

/// A bar chart: one group of bars per category, one bar per series, each bar with its value, a
/// value axis with its title and, for several series, a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// The title of the value axis: what the bars count.
    pub value_axis: String,
    pub direction: Direction,
    /// The language the numbers are written in (thousands separator).
    pub lang: Lang,
}

/// An axis from 0 with its ticks where we put them: at round numbers on the value axis, at the
/// middle of each category on the other (plotters' `with_key_points` cannot take a label
/// formatter on an `f64` axis).
struct Axis {
    end: f64,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(0.0..self.end).map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        0.0..self.end
    }
}

type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

fn chart_error(e: impl std::fmt::Display) -> ReportError {
    ReportError::Chart(e.to_string())
}

fn text_style(k: f64) -> TextStyle<'static> {
    (FAMILY, TEXT_SIZE * k).into_font().color(&TEXT)
}

/// The width of the widest text, in SVG units.
fn widest<'a>(texts: impl IntoIterator<Item = &'a String>) -> f64 {
    texts
        .into_iter()
        .map(|t| font::text_width(t, TEXT_SIZE).unwrap_or(0.0))
        .fold(0.0, f64::max)
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

/// The ticks of the value axis, whole numbers 1, 2 or 5 times a power of ten apart, at most six
/// intervals, the last at or above `max`.
fn ticks(max: usize) -> Vec<usize> {
    let max = max.max(1);
    let mut step = 1;
    'search: for power in [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] {
        for m in [1, 2, 5] {
            step = m * power;
            if max.div_ceil(step) <= 6 {
                break 'search;
            }
        }
    }
    (0..=max.div_ceil(step)).map(|i| i * step).collect()
}

fn to_f64(n: usize) -> f64 {
    // Counts of directives and cases: far below 2^52.
    n as f64
}

/// Pixels: `units` SVG units at scale `k`.
fn px(units: f64, k: f64) -> u32 {
    // Sizes within a picture: small positive numbers.
    (units * k).round().max(0.0) as u32
}

fn px_i(units: f64, k: f64) -> i32 {
    i32::try_from(px(units, k)).unwrap_or(i32::MAX)
}

/// What both directions draw with, at one scale.
struct Frame {
    k: f64,
    /// The categories' labels, cut to [`LABEL_CHARS`].
    labels: Vec<String>,
    /// The value axis' ticks and their texts.
    ticks: Vec<usize>,
    numbers: Vec<String>,
    text: TextStyle<'static>,
}

impl Chart {
    fn max_value(&self) -> usize {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
    }

    fn value(&self, series: usize, category: usize) -> usize {
        self.series
            .get(series)
            .and_then(|s| s.values.get(category))
            .copied()
            .unwrap_or(0)
    }

    fn number(&self, n: usize) -> String {
        self.lang.format_int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn legend_height(&self) -> f64 {
        if self.series.len() > 1 { LEGEND } else { 0.0 }
    }

    /// The height of one category's group of bars (without the gap around it).
    fn group(&self) -> f64 {
        let n = to_f64(self.series.len().max(1));
        n * BAR + (n - 1.0) * BAR_GAP
    }

    /// The label area below the plot: the tick labels, and the value axis' title under bars.
    fn axis_area(&self) -> f64 {
        match self.direction {
            Direction::Bars => 56.0,
            Direction::Columns => 32.0,
        }
    }

    /// The size of the picture in SVG units.
    pub fn size(&self) -> (u32, u32) {
        let plot = match self.direction {
            Direction::Bars => to_f64(self.categories.len().max(1)) * (self.group() + GROUP_GAP),
            Direction::Columns => COLUMNS_HEIGHT,
        };
        let height = 2.0 * MARGIN + self.legend_height() + plot + self.axis_area();
        (WIDTH, px(height, 1.0))
    }

    /// The chart as an `<svg>` element to inline in a page, as wide as the page up to [`WIDTH`]
    /// pixels; `title` is its accessible name.
    pub fn svg(&self, title: &str) -> Result<String, ReportError> {
        font::ready()?;
        let (w, h) = self.size();
        let mut drawn = String::new();
        {
            let root = SVGBackend::with_string(&mut drawn, (w, h)).into_drawing_area();
            self.draw(&root, 1.0).map_err(chart_error)?;
        }
        // plotters opens with `<svg width=... height=...>`: the page's own opening instead. It
        // puts every element on a line of its own, texts included: one line in all (a line break
        // inside a text is a space at its start or end for a browser).
        let body = drawn
            .split_once('>')
            .map_or(drawn.as_str(), |(_, rest)| rest)
            .replace(">\n", ">")
            .replace("\n<", "<");
        let (theirs, ours) = font::svg_font_size(TEXT_SIZE)?;
        let body = body.replace(&theirs, &ours);
        let title = escape(title);
        Ok(format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" style="max-width: {w}px; height: auto" role="img" aria-label="{title}"><title>{title}</title>{body}"#
        ))
    }

    /// The chart as a PNG picture: (bytes, width, height) in pixels, [`PNG_SCALE`] times the SVG.
    pub fn png(&self) -> Result<(Vec<u8>, u32, u32), ReportError> {
        font::ready()?;
        let (w, h) = self.size();
        let (w, h) = (w * PNG_SCALE, h * PNG_SCALE);
        let mut pixels = vec![0xff; w as usize * h as usize * 3];
        {
            let root = Pixels::with_buffer(&mut pixels, (w, h))?.into_drawing_area();
            self.draw(&root, f64::from(PNG_SCALE))
                .map_err(chart_error)?;
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&pixels)?;
        writer.finish()?;
        Ok((out, w, h))
    }

    /// Draws the chart on `root`, every length multiplied by `k`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, k: f64) -> Drawn<DB> {
        root.fill(&WHITE)?;
        if self.series.len() > 1 {
            self.legend(root, k)?;
        }
        let ticks = ticks(self.max_value());
        let frame = Frame {
            k,
            labels: self.categories.iter().map(|c| cut(c)).collect(),
            numbers: ticks.iter().map(|t| self.number(*t)).collect(),
            ticks,
            text: text_style(k),
        };
        match self.direction {
            Direction::Bars => self.bars(root, &frame)?,
            Direction::Columns => self.columns(root, &frame)?,
        }
        root.present()
    }

    /// The plot of `root` below the legend, its label areas sized to their texts.
    fn plot<'a, DB: DrawingBackend>(
        &self,
        root: &'a DrawingArea<DB, Shift>,
        f: &Frame,
    ) -> Result<Plot<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
        let k = f.k;
        let top = MARGIN + self.legend_height();
        let categories = Axis {
            end: to_f64(self.categories.len().max(1)),
            ticks: (0..self.categories.len())
                .map(|i| to_f64(i) + 0.5)
                .collect(),
        };
        let values = Axis {
            end: to_f64(f.ticks.last().copied().unwrap_or(1).max(1)),
            ticks: f.ticks.iter().map(|t| to_f64(*t)).collect(),
        };
        let mut builder = ChartBuilder::on(root);
        builder
            .margin_bottom(px(MARGIN, k))
            .margin_left(px(MARGIN, k))
            .set_label_area_size(LabelAreaPosition::Bottom, px(self.axis_area(), k));
        match self.direction {
            Direction::Bars => {
                // Room on the right for the longest bar's value, and for half the last tick's.
                let values_text: Vec<String> = self
                    .series
                    .iter()
                    .flat_map(|s| s.values.iter().map(|v| self.number(*v)))
                    .collect();
                let right = (widest(&values_text) + VALUE_GAP).max(widest(&f.numbers) / 2.0);
                builder
                    .margin_top(px(top, k))
                    .margin_right(px(MARGIN + right, k))
                    .set_label_area_size(
                        LabelAreaPosition::Left,
                        px(widest(&f.labels) + 3.0 * TICK, k),
                    )
                    .build_cartesian_2d(values, categories)
            }
            Direction::Columns => builder
                // Room above the highest column for its value.
                .margin_top(px(top + TEXT_SIZE, k))
                .margin_right(px(MARGIN + 8.0, k))
                // The numbers, and the value axis' title turned upright.
                .set_label_area_size(
                    LabelAreaPosition::Left,
                    px(widest(&f.numbers) + 3.0 * TICK + 2.5 * TEXT_SIZE, k),
                )
                .build_cartesian_2d(categories, values),
        }
    }

    /// The label of the category centred on `v` (0.5, 1.5...), counted from the top for bars,
    /// from the left for columns.
    fn label_at(&self, f: &Frame, v: f64) -> String {
        let i = v.floor().max(0.0) as usize;
        let i = match self.direction {
            Direction::Bars => self.categories.len().saturating_sub(i + 1),
            Direction::Columns => i,
        };
        f.labels.get(i).cloned().unwrap_or_default()
    }

    fn bars<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, f: &Frame) -> Drawn<DB> {
        let k = f.k;
        let mut chart = self.plot(root, f)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(ShapeStyle::from(&GRID).stroke_width(px(1.0, k).max(1)))
            .light_line_style(WHITE.mix(0.0))
            .axis_style(ShapeStyle::from(&AXIS).stroke_width(px(1.0, k).max(1)))
            .label_style(f.text.clone())
            .axis_desc_style(f.text.clone())
            .set_all_tick_mark_size(px(TICK, k))
            .x_label_formatter(&|v| self.number(v.round().max(0.0) as usize))
            .y_label_formatter(&|v| self.label_at(f, *v))
            .x_desc(self.value_axis.as_str())
            .draw()?;
        // A category takes one unit of height, the top one at the top: its group of bars
        // centred in it.
        let unit = self.group() + GROUP_GAP;
        let n = to_f64(self.categories.len());
        for i in 0..self.categories.len() {
            for (s, series) in self.series.iter().enumerate() {
                let value = self.value(s, i);
                let top = n - to_f64(i) - (GROUP_GAP / 2.0 + to_f64(s) * (BAR + BAR_GAP)) / unit;
                let bottom = top - BAR / unit;
                if value > 0 {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(0.0, top), (to_f64(value), bottom)],
                        series.color.filled(),
                    )))?;
                }
                let label = EmptyElement::at((to_f64(value), (top + bottom) / 2.0))
                    + Text::new(
                        self.number(value),
                        (px_i(VALUE_GAP, k), 0),
                        f.text.pos(Pos::new(HPos::Left, VPos::Center)),
                    );
                chart.draw_series(std::iter::once(label))?;
            }
        }
        Ok(())
    }

    fn columns<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, f: &Frame) -> Drawn<DB> {
        let k = f.k;
        let mut chart = self.plot(root, f)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(ShapeStyle::from(&GRID).stroke_width(px(1.0, k).max(1)))
            .light_line_style(WHITE.mix(0.0))
            .axis_style(ShapeStyle::from(&AXIS).stroke_width(px(1.0, k).max(1)))
            .label_style(f.text.clone())
            .axis_desc_style(f.text.clone())
            .set_all_tick_mark_size(px(TICK, k))
            .x_label_formatter(&|v| self.label_at(f, *v))
            .y_label_formatter(&|v| self.number(v.round().max(0.0) as usize))
            .y_desc(self.value_axis.as_str())
            .draw()?;
        // A category takes one unit of width: its columns side by side in the middle 60%.
        let width = 0.6 / to_f64(self.series.len().max(1));
        for i in 0..self.categories.len() {
            for (s, series) in self.series.iter().enumerate() {
                let value = self.value(s, i);
                let left = to_f64(i) + 0.2 + to_f64(s) * width;
                let (left, right) = (left + width * 0.05, left + width * 0.95);
                if value > 0 {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(left, 0.0), (right, to_f64(value))],
                        series.color.filled(),
                    )))?;
                }
                let label = EmptyElement::at(((left + right) / 2.0, to_f64(value)))
                    + Text::new(
                        self.number(value),
                        (0, -px_i(VALUE_GAP, k)),
                        f.text.pos(Pos::new(HPos::Center, VPos::Bottom)),
                    );
                chart.draw_series(std::iter::once(label))?;
            }
        }
        Ok(())
    }

    /// One square of colour and the series' name for each series, on a line above the plot.
    fn legend<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, k: f64) -> Drawn<DB> {
        let square = 14.0;
        let middle = MARGIN + LEGEND / 2.0 - 4.0;
        let top = middle - square / 2.0;
        let mut x = MARGIN;
        for s in &self.series {
            root.draw(&Rectangle::new(
                [
                    (px_i(x, k), px_i(top, k)),
                    (px_i(x + square, k), px_i(top + square, k)),
                ],
                s.color.filled(),
            ))?;
            root.draw(&Text::new(
                s.name.clone(),
                (px_i(x + square + 7.0, k), px_i(middle, k)),
                text_style(k).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            x += square + 7.0 + widest([&s.name]) + 28.0;
        }
        Ok(())
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
            value_axis: "Nombre de procédures".to_string(),
            direction: Direction::Bars,
            lang: Lang::Fr,
        }
    }

    /// The value of `name="..."` in an SVG element.
    fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
        let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
        element[start..].split('"').next()
    }

    /// The (width, height) of every rectangle of the series' colours taller than a legend square.
    fn bars(svg: &str) -> Vec<(f64, f64)> {
        svg.split("<rect")
            .skip(1)
            .filter(|r| attribute(r, "fill").is_some_and(|f| f == "#7FA7D1" || f == "#0B3D6B"))
            .filter_map(|r| {
                let w: f64 = attribute(r, "width")?.parse().ok()?;
                let h: f64 = attribute(r, "height")?.parse().ok()?;
                (h > 14.0).then_some((w, h))
            })
            .collect()
    }

    /// The texts of an SVG's `<text>` elements.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>')?.1.split_once("</text>"))
            .map(|(text, _)| text.to_string())
            .collect()
    }

    fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut pixels).expect("a PNG image");
        pixels.truncate(info.buffer_size());
        (info, pixels)
    }

    #[test]
    fn bars_are_proportional() {
        let svg = chart().svg("t").expect("an SVG");
        let bars: Vec<f64> = bars(&svg).into_iter().map(|(w, _)| w).collect();
        // 3, 6 and 2 (a zero draws no bar); 6 is the longest.
        assert_eq!(bars.len(), 3, "{svg}");
        // Rounded to the pixel.
        assert!((bars[1] - bars[0] * 2.0).abs() <= 2.0, "{bars:?}");
        assert!((bars[1] - bars[2] * 3.0).abs() <= 3.0, "{bars:?}");
        assert!(bars[1] > bars[0] && bars[0] > bars[2]);
    }

    #[test]
    fn svg_and_png_show_the_same_chart() {
        let c = chart();
        let svg = c.svg("Procédures <en cours>").expect("an SVG");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Avis motivé") && svg.contains("Procédures &lt;en cours&gt;"));
        let (png, w, h) = c.png().unwrap_or_default();
        assert_eq!(&png[..8], &[137, 80, 78, 71, 13, 10, 26, 10]);
        assert_eq!((w, h), (c.size().0 * PNG_SCALE, c.size().1 * PNG_SCALE));
        assert!(svg.contains(&format!(
            "viewBox=\"0 0 {} {}\"",
            w / PNG_SCALE,
            h / PNG_SCALE
        )));
    }

    #[test]
    fn the_svg_holds_every_label_as_text() {
        for direction in [Direction::Bars, Direction::Columns] {
            let c = Chart {
                direction,
                ..chart()
            };
            let texts = texts(&c.svg("t").expect("an SVG"));
            for label in [
                "Mise en demeure",
                "Avis motivé",
                "2020",
                "2021",
                "Nombre de procédures",
                "6",
            ] {
                assert!(
                    texts.iter().any(|t| t == label),
                    "{direction:?}: {label:?} in {texts:?}"
                );
            }
            // Every text is drawn with the embedded font's family, at the size it was measured.
            let svg = c.svg("t").expect("an SVG");
            let family = format!("font-family=\"{FAMILY}\"");
            assert_eq!(svg.matches(&family).count(), texts.len(), "{svg}");
            let (theirs, ours) = font::svg_font_size(TEXT_SIZE).expect("sizes");
            assert!(!svg.contains(&theirs), "{svg}");
            assert_eq!(svg.matches(&ours).count(), texts.len(), "{svg}");
        }
    }

    #[test]
    fn the_png_decodes_at_its_size() {
        for direction in [Direction::Bars, Direction::Columns] {
            let c = Chart {
                direction,
                ..chart()
            };
            let (png, w, h) = c.png().expect("a PNG");
            let (info, pixels) = decode(&png);
            assert_eq!((info.width, info.height), (w, h));
            assert_eq!(w, WIDTH * PNG_SCALE);
            assert_eq!(
                (info.color_type, info.bit_depth),
                (png::ColorType::Rgb, png::BitDepth::Eight)
            );
            // White paper with the bars' blue on it.
            assert_eq!(&pixels[..3], &[0xff, 0xff, 0xff]);
            assert!(pixels.chunks(3).any(|p| p == [0x0b, 0x3d, 0x6b]));
        }
    }

    #[test]
    fn letters_beyond_latin_1_are_drawn() {
        let accented = "Ģ ķ ċ ġ đ ő Ł ș";
        let plain = "G k c g d o L s";
        let with = |label: &str| Chart {
            categories: vec![label.to_string(), "Avis motivé".to_string()],
            ..chart()
        };
        let svg = with(accented).svg("t").expect("an SVG");
        assert!(texts(&svg).iter().any(|t| t == accented), "{svg}");
        // In the pixels: the accents add ink to the plain letters; no letter became a '?'.
        let ink = |label: &str| {
            let (png, _, _) = with(label).png().expect("a PNG");
            let (_, pixels) = decode(&png);
            pixels.chunks(3).filter(|p| p[0] < 0x80).count()
        };
        let (accented, plain, questions) = (ink(accented), ink(plain), ink("? ? ? ? ? ? ? ?"));
        assert!(accented > plain, "{accented} > {plain}");
        assert_ne!(accented, questions);
    }

    #[test]
    fn ticks_are_round_numbers_up_to_the_highest_value() {
        assert_eq!(ticks(0), [0, 1]);
        assert_eq!(ticks(3), [0, 1, 2, 3]);
        assert_eq!(ticks(7), [0, 2, 4, 6, 8]);
        assert_eq!(ticks(60), [0, 10, 20, 30, 40, 50, 60]);
        assert_eq!(ticks(1234), [0, 500, 1000, 1500]);
    }

    #[test]
    fn numbers_are_written_in_the_charts_language() {
        for lang in [Lang::Fr, Lang::Nl] {
            let c = Chart {
                lang,
                series: vec![Series {
                    name: "x".to_string(),
                    color: RED,
                    values: vec![1234, 20],
                }],
                ..chart()
            };
            let texts = texts(&c.svg("t").expect("an SVG"));
            for number in [1234, 1500] {
                let written = lang.format_int(number);
                assert!(texts.contains(&written), "{written:?} in {texts:?}");
            }
        }
    }

    #[test]
    fn a_chart_without_categories_is_drawn_empty() {
        for direction in [Direction::Bars, Direction::Columns] {
            let c = Chart {
                categories: Vec::new(),
                series: vec![Series {
                    values: Vec::new(),
                    ..chart().series[0].clone()
                }],
                direction,
                ..chart()
            };
            let svg = c.svg("t").expect("an SVG");
            assert!(texts(&svg).iter().any(|t| t == "Nombre de procédures"));
            assert!(bars(&svg).is_empty(), "{svg}");
            c.png().expect("a PNG");
        }
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(
            cut("abcdefghijklmnopqrstuvwxyz0123456789abcdefghij")
                .chars()
                .count(),
            LABEL_CHARS
        );
        assert_eq!(cut("Avis motivé"), "Avis motivé");
    }
}
