//! Opening a workbook within the [`Limits`], for the register's XLSX exports and the unit's
//! tables alike: the zip is checked whole and its unpacked size counted before calamine reads it,
//! and a sheet's extent is counted, cell by cell, before calamine allocates the rectangle of its
//! cells (two filled cells at A1 and XFD1048576 would make 17 billion).

use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataRef, Range, Reader, Sheets, Xlsx, XlsxError};

use crate::input::{self, InputError};
use crate::limits::{self, Limits};

/// Why a workbook cannot be read: refused by a check of this crate, or by calamine.
pub(crate) enum WorkbookError {
    Input(InputError),
    Read(String),
}

impl From<InputError> for WorkbookError {
    fn from(e: InputError) -> WorkbookError {
        WorkbookError::Input(e)
    }
}

pub(crate) struct Workbook<'a> {
    sheets: Sheets<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    /// Rows of the sheets read so far, against the `rows` limit.
    rows: usize,
}

impl<'a> Workbook<'a> {
    pub(crate) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Workbook<'a>, WorkbookError> {
        input::check_size(bytes, limits)?;
        input::check_not_web_page(bytes, "an Excel workbook")?;
        // XLSX, XLSM, XLSB and ODS are zips; XLS is not and has no parts to unpack.
        if bytes.starts_with(b"PK") {
            input::check_zip(bytes, limits)?;
        }
        let sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| WorkbookError::Read(e.to_string()))?;
        Ok(Workbook {
            sheets,
            limits,
            rows: 0,
        })
    }

    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The cells of a sheet, once its extent is known to be within `sheet-cells` (counted before
    /// reading for XLSX; after, for the other formats, whose readers cap their own sizes) and the
    /// rows of the sheets read so far within `rows`.
    pub(crate) fn range(&mut self, name: &str) -> Result<Range<Data>, WorkbookError> {
        let read_err = |e: String| WorkbookError::Read(format!("sheet {name}: {e}"));
        if let Sheets::Xlsx(xlsx) = &mut self.sheets
            && let Some(extent) = xlsx_extent(xlsx, name).map_err(|e| read_err(e.to_string()))?
        {
            check_cells(name, extent, self.limits)?;
        }
        let range = self
            .sheets
            .worksheet_range(name)
            .map_err(|e| read_err(e.to_string()))?;
        if let (Some(start), Some(end)) = (range.start(), range.end()) {
            check_cells(name, (start, end), self.limits)?;
        }
        self.rows += range.height();
        if self.rows > self.limits.max_rows {
            return Err(InputError::Limit {
                found: format!("sheet {name} brings the workbook to {} rows", self.rows),
                name: limits::ROWS,
                max: self.limits.max_rows as u64,
            }
            .into());
        }
        Ok(range)
    }
}

/// The first and the last (row, column) of a sheet's filled cells, 0-based.
type Extent = ((u32, u32), (u32, u32));

/// The extent of a sheet's filled cells, read as a stream without keeping them; `None` for an
/// empty sheet or a chart sheet.
fn xlsx_extent<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    name: &str,
) -> Result<Option<Extent>, XlsxError> {
    let mut cells = match xlsx.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut extent: Option<Extent> = None;
    while let Some(cell) = cells.next_cell()? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        extent = Some(match extent {
            None => ((row, col), (row, col)),
            Some(((r0, c0), (r1, c1))) => ((r0.min(row), c0.min(col)), (r1.max(row), c1.max(col))),
        });
    }
    Ok(extent)
}

fn check_cells(
    sheet: &str,
    ((r0, c0), (r1, c1)): Extent,
    limits: &Limits,
) -> Result<(), InputError> {
    let rows = u64::from(r1 - r0) + 1;
    let cols = u64::from(c1 - c0) + 1;
    let cells = rows * cols;
    if cells > limits.max_sheet_cells {
        return Err(InputError::Limit {
            found: format!(
                "sheet {sheet} spans {cells} cells ({rows} rows by {cols} columns, from {}{} to {}{})",
                column_letters(c0 as usize),
                r0 + 1,
                column_letters(c1 as usize),
                r1 + 1
            ),
            name: limits::SHEET_CELLS,
            max: limits.max_sheet_cells,
        });
    }
    Ok(())
}

/// Column letters as a spreadsheet shows them: 0 -> A, 26 -> AA.
pub(crate) fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Excel's serial dates from 1900-01-01 to 9999-12-31.
pub(crate) const SERIAL_DATES: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// The date of a date cell; None for a serial outside Excel's calendar, which calamine's
/// `as_date` would panic on (found by `tests/fuzz.rs`).
pub(crate) fn date_of(cell: &Data) -> Option<chrono::NaiveDate> {
    use calamine::DataType;
    match cell {
        Data::DateTime(dt) if SERIAL_DATES.contains(&dt.as_f64()) => cell.as_date(),
        _ => None,
    }
}
