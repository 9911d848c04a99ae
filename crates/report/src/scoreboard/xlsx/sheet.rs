//! The workbook's building blocks: a cell and its format by tone, the styles, the print setup,
//! and a table sheet (title, subtitle, header, filtered rows).

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet};

use crate::ReportError;
use crate::scoreboard::tone::Tone;

/// The row of the header of a table sheet (0-based): a title, a subtitle, then the header.
pub(super) const HEADER_ROW: u32 = 2;

/// A cell's value; each is written with the format of its kind and of its row's tone.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Text(String),
    Date(NaiveDate),
    Int(i64),
    Decimal(f64),
    /// A percentage in percent (0.8 means 0.8%), written as the fraction Excel formats.
    Percent(f64),
    Empty,
}

impl Cell {
    pub(super) fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub(super) fn opt_text(s: Option<String>) -> Cell {
        s.filter(|s| !s.is_empty()).map_or(Cell::Empty, Cell::Text)
    }

    pub(super) fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    pub(super) fn int(n: Option<i64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Int)
    }
}

pub(super) struct Row {
    pub(super) tone: Tone,
    pub(super) cells: Vec<Cell>,
}

/// The formats of the cells of one tone.
struct CellFormats {
    text: Format,
    date: Format,
    int: Format,
    decimal: Format,
    percent: Format,
}

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) section: Format,
    /// Indexed by [`Tone::index`].
    cells: [CellFormats; 4],
}

impl Styles {
    pub(super) fn new() -> Styles {
        let cells = |fill: Option<(u32, u32)>| {
            let mut cell = Format::new()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color(0xBFBFBF);
            if let Some((background, font)) = fill {
                cell = cell.set_background_color(background).set_font_color(font);
            }
            CellFormats {
                text: cell.clone().set_text_wrap(),
                date: cell
                    .clone()
                    .set_num_format("dd/mm/yyyy")
                    .set_align(FormatAlign::Left),
                int: cell.clone().set_num_format("0"),
                decimal: cell.clone().set_num_format("0.0"),
                percent: cell.set_num_format("0.0%"),
            }
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xDDEBF7)
                .set_border(FormatBorder::Thin),
            section: Format::new().set_bold().set_font_size(12),
            // The colours of Excel's own "Bad", "Neutral" and "Good" cell styles.
            cells: [
                cells(None),
                cells(Some((0xFFC7CE, 0x9C0006))),
                cells(Some((0xFFEB9C, 0x9C5700))),
                cells(Some((0xC6EFCE, 0x006100))),
            ],
        }
    }
}

pub(super) fn write_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    tone: Tone,
    cell: &Cell,
) -> Result<(), ReportError> {
    let f = &styles.cells[tone.index()];
    match cell {
        Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.text)?,
        Cell::Date(d) => sheet.write_date_with_format(row, col, *d, &f.date)?,
        Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, &f.int)?,
        Cell::Decimal(x) => sheet.write_number_with_format(row, col, *x, &f.decimal)?,
        Cell::Percent(x) => sheet.write_number_with_format(row, col, *x / 100.0, &f.percent)?,
        Cell::Empty => sheet.write_blank(row, col, &f.text)?,
    };
    Ok(())
}

/// Title and page numbers of the printed pages.
pub(super) struct Page {
    pub(super) title: &'static str,
    pub(super) date: String,
    pub(super) page_word: &'static str,
}

/// A4 landscape, one page wide, title and date in the header, page numbers in the footer,
/// `repeat` rows on every page.
pub(super) fn print_setup(
    sheet: &mut Worksheet,
    page: &Page,
    repeat: u32,
) -> Result<(), ReportError> {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!(
        "&L&\"-,Bold\"{}&R{}",
        page.title.replace('&', "&&"),
        page.date
    ));
    sheet.set_footer(format!("&L&A&C{} &P / &N", page.page_word));
    sheet.set_repeat_rows(0, repeat)?;
    Ok(())
}

/// A column: its header and its width in characters.
pub(super) struct Column {
    header: &'static str,
    width: f64,
}

pub(super) fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

pub(super) fn col_index(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A table sheet: its tab's name, a title and subtitle above the header, and its rows.
pub(super) struct Table {
    pub(super) name: &'static str,
    pub(super) title: &'static str,
    pub(super) subtitle: String,
    pub(super) columns: Vec<Column>,
    pub(super) rows: Vec<Row>,
}

pub(super) fn table_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    page: &Page,
    table: &Table,
) -> Result<(), ReportError> {
    let Table {
        name,
        title,
        subtitle,
        columns,
        rows,
    } = table;
    sheet.set_name(*name)?;
    let last = col_index(columns.len().saturating_sub(1));
    sheet.merge_range(0, 0, 0, last, title, &styles.title)?;
    sheet.write_string_with_format(1, 0, subtitle, &styles.subtitle)?;
    for (i, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col_index(i), column.header, &styles.header)?;
        sheet.set_column_width(col_index(i), column.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            write_cell(
                sheet,
                styles,
                HEADER_ROW + 1 + row_index(r),
                col_index(c),
                row.tone,
                cell,
            )?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + row_index(rows.len()), last)?;
    print_setup(sheet, page, HEADER_ROW)?;
    Ok(())
}
