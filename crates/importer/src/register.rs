//! The European Commission's register of infringement decisions: its JSON, XLSX and CSV exports, in
//! English, French or Dutch and in each of the three shapes it has had, read into case records.
//!
//! Reading goes in two steps, as everywhere in this crate: the file becomes a [`Table`] of cells
//! "as typed" (headers, cells, the row number a person would see), then each row is validated
//! into domain types or reported as a [`Diagnostic`]. Only a file that cannot be read at all (not
//! JSON, not a workbook, no register columns) is an `Err`; so is a file cut short (a CSV ending
//! inside a quoted field or with a short last row, JSON that stops early, a damaged workbook, an
//! export without rows), since reading half of an export would close the cases of the other half.

use std::borrow::Cow;
use std::collections::HashMap;

use calamine::{Data, DataType};
use chrono::NaiveDate;
use domain::records::{CaseRecord, DecisionRecord};
use domain::{
    CaseType, Country, DirectiveId, InfringementNumber, LegalBasis, Stage, Step, parse_date,
};

use crate::input::{self, InputError, JsonError, strip_bom};
use crate::workbook::{Workbook, WorkbookError};
use crate::{Diagnostic, Limits};
use domain::text::{fold, strip_accent};

/// What a register export gave: the cases it lists (one record per infringement number, its
/// decisions sorted and without repeats) and the problems found on the way.
#[derive(Debug, Default)]
pub struct RegisterImport {
    /// One record per infringement number, sorted by number.
    pub records: Vec<CaseRecord>,
    pub diagnostics: Vec<Diagnostic>,
    /// Data rows of the file (JSON objects, CSV records, sheet rows under the header), blank rows
    /// left out, rows of other member states included.
    pub rows_read: usize,
    /// Decisions read in the rows kept, before two mentions of the same (case, date, stage) are
    /// merged into one.
    pub decisions_read: usize,
    /// Headers of the file this importer does not know, each once, as written.
    pub unknown_columns: Vec<String>,
}

/// A file that cannot be read as a register export at all.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{file}: cannot be read as JSON: {reason}")]
    Json { file: String, reason: String },
    #[error("{file}: cannot be read as a workbook: {reason}")]
    Workbook { file: String, reason: String },
    #[error("{file}: cannot be read as CSV: {reason}")]
    Csv { file: String, reason: String },
    #[error("{file}: found {found}, expected {expected}")]
    Shape {
        file: String,
        found: String,
        expected: String,
    },
    #[error(
        "{file}: no column of the Commission's register found (columns: {columns}), expected an infringement number column and either a decision column or decision date and decision type columns"
    )]
    NoRegisterColumns { file: String, columns: String },
    #[error(
        "{file}: no rows under the header: the export is empty or was cut short; download it again"
    )]
    NoRows { file: String },
    /// An export without a country column, read for every member state: whose cases it lists
    /// cannot be told.
    #[error(
        "{file}: the export has no country column, so the member state of its cases is unknown: give the state it was saved for (--country BE)"
    )]
    NoCountry { file: String },
    /// Cut short, in UTF-16, or past a limit.
    #[error("{file}: {problem}")]
    Input { file: String, problem: InputError },
}

/// Reads a register export. `file_name` names the source in diagnostics and tells the format by
/// its extension (`.json`, `.xlsx`, `.csv`; an unknown extension is sniffed from the bytes);
/// `country` keeps one member state (read from what people write with [`country_of`]), `None`
/// keeps all.
///
/// The file is read whole or not at all: see the module's documentation and [`Limits`].
pub fn parse(
    bytes: &[u8],
    file_name: &str,
    country: Option<Country>,
    limits: &Limits,
) -> Result<RegisterImport, RegisterError> {
    let ctx = Context {
        file: file_name,
        wanted: country,
        limits,
    };
    let refused = |problem: InputError| RegisterError::Input {
        file: file_name.to_owned(),
        problem,
    };
    input::check_not_web_page(bytes, "an export of the Commission's register").map_err(refused)?;
    match format_of(file_name, bytes) {
        Format::Json => {
            let value = input::json(bytes, limits).map_err(|e| match e {
                JsonError::Input(problem) => refused(problem),
                JsonError::Syntax(reason) => RegisterError::Json {
                    file: file_name.to_owned(),
                    reason,
                },
            })?;
            let (table, mut diagnostics) = json_table(&value, file_name)?;
            input::check_rows(table.rows.len(), limits).map_err(refused)?;
            if table.rows.is_empty() && diagnostics.is_empty() {
                return Err(RegisterError::NoRows {
                    file: file_name.to_owned(),
                });
            }
            let mut import = read_table(&table, &ctx)?;
            diagnostics.append(&mut import.diagnostics);
            import.diagnostics = diagnostics;
            Ok(import)
        }
        Format::Csv => {
            input::check_size(bytes, limits).map_err(refused)?;
            let text = decode_text(bytes).map_err(refused)?;
            let delimiter = sniff_delimiter(&text);
            input::check_csv_quotes(&text, delimiter).map_err(refused)?;
            let records = read_csv(&text, delimiter, file_name)?;
            input::check_rows(records.len(), limits).map_err(refused)?;
            let grid = records
                .iter()
                .enumerate()
                .map(|(i, record)| {
                    (
                        i + 1,
                        record
                            .iter()
                            .map(|s| Cell::Text(Cow::Borrowed(s)))
                            .collect(),
                    )
                })
                .collect();
            let table = grid_table(grid, None, false, file_name)?;
            let header = (table.header_row, table.headers.len(), false);
            let rows = table
                .rows
                .iter()
                .map(|r| (r.number, r.cells.len(), r.cells.iter().all(Cell::is_blank)));
            input::check_field_counts(std::iter::once(header).chain(rows)).map_err(refused)?;
            read_table(&table, &ctx)
        }
        Format::Workbook => read_workbook(bytes, &ctx),
    }
}

/// The file name, the member state kept and the limits, shared by the readers.
struct Context<'a> {
    file: &'a str,
    /// The member state kept; `None` keeps all.
    wanted: Option<Country>,
    limits: &'a Limits,
}

enum Format {
    Json,
    Workbook,
    Csv,
}

fn format_of(file_name: &str, bytes: &[u8]) -> Format {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "json" => Format::Json,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Workbook,
        "csv" | "tsv" | "txt" => Format::Csv,
        // A file saved without a telling extension: zip (xlsx, ods) and OLE (xls) signatures,
        // then JSON's opening bracket; anything else is tried as CSV.
        _ if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => {
            Format::Workbook
        }
        _ => match strip_bom(bytes).iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') => Format::Json,
            _ => Format::Csv,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Raw tables: cells as typed, with the row number a person sees.

/// A cell as the file gives it, borrowed from the parsed file when it can be.
#[derive(Debug, Clone)]
enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
}

impl Cell<'_> {
    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a person would read it (an integral float without its ".0").
    fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cow::Owned(format!("{f:.0}")),
            Cell::Float(f) => Cow::Owned(f.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "no" }),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }
}

struct Row<'a> {
    /// 1-based: the record's position in a JSON array, the spreadsheet row of a sheet or CSV file.
    number: usize,
    cells: Vec<Cell<'a>>,
}

struct Table<'a> {
    sheet: Option<String>,
    /// The header's row number in a sheet or CSV file (0 for JSON, which has none).
    header_row: usize,
    headers: Vec<String>,
    rows: Vec<Row<'a>>,
    /// A number in a date column is an Excel serial date (workbooks only).
    serial_dates: bool,
}

impl Table<'_> {
    fn diagnostic(
        &self,
        file: &str,
        row: usize,
        column: &str,
        found: &str,
        expected: &str,
    ) -> Diagnostic {
        let d = Diagnostic::new(file, found, expected)
            .row(row)
            .column(column);
        match &self.sheet {
            Some(sheet) => d.sheet(sheet),
            None => d,
        }
    }
}

/// The records of a JSON export: an array of objects (or an object holding such an array, as an
/// API answer may). The headers are the keys, in the order the parsed objects give them: sorted,
/// unless serde_json's `preserve_order` feature is on somewhere in the build (then file order).
fn json_table<'v>(
    value: &'v serde_json::Value,
    file: &str,
) -> Result<(Table<'v>, Vec<Diagnostic>), RegisterError> {
    use serde_json::Value;
    let shape_err = |found: &str| RegisterError::Shape {
        file: file.to_owned(),
        found: found.to_owned(),
        expected: "an array of objects, one per decision or per case".to_owned(),
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => map
            .values()
            .find_map(|v| match v {
                Value::Array(items) if items.iter().any(Value::is_object) => Some(items),
                _ => None,
            })
            .ok_or_else(|| shape_err("an object without an array of records"))?,
        _ => return Err(shape_err("a single value")),
    };
    let mut headers: Vec<String> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for item in items {
        if let Value::Object(map) = item {
            for k in map.keys() {
                if !index.contains_key(k.as_str()) {
                    index.insert(k, headers.len());
                    headers.push(k.clone());
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(items.len());
    let mut diagnostics = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(map) = item else {
            let found: String = item.to_string().chars().take(80).collect();
            diagnostics.push(
                Diagnostic::new(file, found, "an object with the register's columns").row(i + 1),
            );
            continue;
        };
        let mut cells = vec![Cell::Empty; headers.len()];
        for (k, v) in map {
            let Some(&col) = index.get(k.as_str()) else {
                continue;
            };
            cells[col] = match v {
                Value::Null => Cell::Empty,
                Value::Bool(b) => Cell::Bool(*b),
                Value::Number(n) => n
                    .as_i64()
                    .map(Cell::Int)
                    .or_else(|| n.as_f64().map(Cell::Float))
                    .unwrap_or(Cell::Empty),
                Value::String(s) => Cell::Text(Cow::Borrowed(s)),
                other => Cell::Text(Cow::Owned(other.to_string())),
            };
        }
        rows.push(Row {
            number: i + 1,
            cells,
        });
    }
    Ok((
        Table {
            sheet: None,
            header_row: 0,
            headers,
            rows,
            serial_dates: false,
        },
        diagnostics,
    ))
}

/// How many leading rows of a sheet or CSV file may come before the header (a title, a date).
const HEADER_SEARCH_ROWS: usize = 30;

/// A grid of cells (CSV records, sheet rows) whose header row is the first that names the
/// register's columns; the rows above it are left out.
fn grid_table<'a>(
    grid: Vec<(usize, Vec<Cell<'a>>)>,
    sheet: Option<String>,
    serial_dates: bool,
    file: &str,
) -> Result<Table<'a>, RegisterError> {
    let header_at = grid.iter().take(HEADER_SEARCH_ROWS).position(|(_, cells)| {
        let headers: Vec<String> = cells.iter().map(|c| c.text().into_owned()).collect();
        Columns::find(&headers).is_ok()
    });
    let Some(header_at) = header_at else {
        let columns = grid
            .iter()
            .find(|(_, cells)| cells.iter().any(|c| !c.is_blank()))
            .map(|(_, cells)| {
                cells
                    .iter()
                    .map(|c| c.text().into_owned())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "none, the file is empty".to_owned());
        return Err(RegisterError::NoRegisterColumns {
            file: file.to_owned(),
            columns,
        });
    };
    let mut rows = grid.into_iter().skip(header_at);
    let (header_row, headers) = rows
        .next()
        .map(|(number, cells)| {
            (
                number,
                cells.iter().map(|c| c.text().into_owned()).collect(),
            )
        })
        .unwrap_or_default();
    let rows = rows.map(|(number, cells)| Row { number, cells }).collect();
    Ok(Table {
        sheet,
        header_row,
        headers,
        rows,
        serial_dates,
    })
}

/// Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252, as Excel saves a CSV in
/// Western Europe. UTF-16 is refused (as Windows-1252 it would read as letters and NUL bytes),
/// and so is UTF-8 whose last character lacks its last bytes: a file cut short.
fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    input::check_not_utf16(bytes)?;
    let bytes = strip_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        // Only cut short at the end, after other characters of several bytes: UTF-8, cut short.
        Err(e) if e.error_len().is_none() && !bytes[..e.valid_up_to()].is_ascii() => {
            Err(InputError::Utf8CutShort {
                offset: e.valid_up_to(),
            })
        }
        Err(_) => Ok(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect())),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator of a CSV file: the one of `;`, `,` and tab found most often on its first line
/// outside quotes (Excel writes `;` where the decimal mark is a comma, as in Belgium).
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        if b == b'\n' && !quoted {
            break;
        }
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// The records of a CSV text, of any length each: [`input::check_field_counts`] compares them
/// with the header once it is found.
fn read_csv(
    text: &str,
    delimiter: u8,
    file: &str,
) -> Result<Vec<csv::StringRecord>, RegisterError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| RegisterError::Csv {
            file: file.to_owned(),
            reason: e.to_string(),
        })
}

/// Reads the first sheet whose header row names the register's columns.
fn read_workbook(bytes: &[u8], ctx: &Context) -> Result<RegisterImport, RegisterError> {
    let workbook_err = |e: WorkbookError| match e {
        WorkbookError::Input(problem) => RegisterError::Input {
            file: ctx.file.to_owned(),
            problem,
        },
        WorkbookError::Read(reason) => RegisterError::Workbook {
            file: ctx.file.to_owned(),
            reason,
        },
    };
    let mut workbook = Workbook::open(bytes, ctx.limits).map_err(workbook_err)?;
    let mut last_err = None;
    for name in workbook.sheet_names() {
        let range = workbook.range(&name).map_err(workbook_err)?;
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let grid = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (first_row + i + 1, cells.iter().map(workbook_cell).collect()))
            .collect();
        match grid_table(grid, Some(name.clone()), true, ctx.file) {
            Ok(table) => return read_table(&table, ctx),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| {
        workbook_err(WorkbookError::Read("the workbook has no sheet".to_owned()))
    }))
}

fn workbook_cell(data: &Data) -> Cell<'_> {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(Cow::Borrowed(s)),
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        // calamine panics on a serial outside Excel's calendar (found by `make fuzz`): only the
        // serials of years 1900 to 9999 are turned into dates, the others stay numbers.
        Data::DateTime(dt) if dt.is_datetime() && EXCEL_SERIALS.contains(&dt.as_f64()) => {
            data.as_date().map_or(Cell::Float(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Float(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(Cow::Borrowed(s)),
        Data::Error(e) => Cell::Text(Cow::Owned(format!("#{e:?}"))),
    }
}

// ---------------------------------------------------------------------------------------------
// Columns: the register's headers in English, French and Dutch, matched loosely.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Number,
    Country,
    DecisionDate,
    DecisionType,
    /// The one-row-per-case shape: "d/mm/yyyy <decision type>" lines.
    Decisions,
    Title,
    Department,
    PressRelease,
    NonCommunication,
    /// Known and deliberately not read: the memo reference, the "active case" flag.
    Unused,
}

/// The field a header names: the [register_columns] section of `vocabulary/*.toml`, compared
/// without case, accents, spaces and punctuation.
fn field_of(header: &str) -> Option<Field> {
    Some(
        match domain::vocab::Vocabulary::get().find_compact("register_columns", header)? {
            "number" => Field::Number,
            "country" => Field::Country,
            "decision_date" => Field::DecisionDate,
            "decision_type" => Field::DecisionType,
            "decisions" => Field::Decisions,
            "title" => Field::Title,
            "department" => Field::Department,
            "press_release" => Field::PressRelease,
            "non_communication" => Field::NonCommunication,
            "unused" => Field::Unused,
            _ => return None,
        },
    )
}

/// Where each field is in a table, and which shape the table has.
struct Columns {
    number: usize,
    shape: Shape,
    country: Option<usize>,
    title: Option<usize>,
    department: Option<usize>,
    press_release: Option<usize>,
    non_communication: Option<usize>,
    unknown: Vec<String>,
}

enum Shape {
    PerDecision { date: usize, kind: usize },
    PerCase { decisions: usize },
}

impl Columns {
    /// The register's columns among `headers`, or `Err(())` when they are not enough to read a
    /// case (an infringement number and its decisions).
    fn find(headers: &[String]) -> Result<Columns, ()> {
        let mut found: Vec<(Field, usize)> = Vec::new();
        let mut unknown = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            match field_of(header) {
                // The first column of a field is read; a second one is not, so it is reported.
                Some(field) if field != Field::Unused && found.iter().any(|(f, _)| *f == field) => {
                    unknown.push(header.clone())
                }
                Some(field) => found.push((field, i)),
                None if header.trim().is_empty() => {}
                None if unknown.contains(header) => {}
                None => unknown.push(header.clone()),
            }
        }
        let at = |field: Field| found.iter().find(|(f, _)| *f == field).map(|(_, i)| *i);
        let shape = match (
            at(Field::DecisionDate),
            at(Field::DecisionType),
            at(Field::Decisions),
        ) {
            (Some(date), Some(kind), _) => Shape::PerDecision { date, kind },
            (_, _, Some(decisions)) => Shape::PerCase { decisions },
            _ => return Err(()),
        };
        Ok(Columns {
            number: at(Field::Number).ok_or(())?,
            shape,
            country: at(Field::Country),
            title: at(Field::Title),
            department: at(Field::Department),
            press_release: at(Field::PressRelease),
            non_communication: at(Field::NonCommunication),
            unknown,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Rows -> case records.

const NUMBER_EXPECTED: &str = "an infringement number like INFR(2020)0385, 2020/0385 or 20200385";
const DATE_EXPECTED: &str = "a date like 2020/10/08, 2020-10-08 or 8/10/2020";
const LINE_EXPECTED: &str = "a line like \"8/10/2020 Formal notice Art. 258 TFEU\"";
const COUNTRY_EXPECTED: &str = "a member state like Belgium, Belgique, België or BE";
const FLAG_EXPECTED: &str = "Yes or No (Oui/Non, Ja/Nee)";
const LABEL_EXPECTED: &str = "a decision type naming a stage: formal notice, additional formal notice, reasoned opinion, \
     referral to Court, modified financial sanction, withdrawal from the Court or closure (in English, French or Dutch)";

fn read_table(table: &Table, ctx: &Context) -> Result<RegisterImport, RegisterError> {
    let columns = Columns::find(&table.headers).map_err(|()| RegisterError::NoRegisterColumns {
        file: ctx.file.to_owned(),
        columns: table
            .headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    // An export saved filtered has no country column: its cases are of the state asked for. An
    // export read whole must say each case's state.
    if columns.country.is_none() && ctx.wanted.is_none() {
        return Err(RegisterError::NoCountry {
            file: ctx.file.to_owned(),
        });
    }
    let mut import = RegisterImport {
        unknown_columns: columns.unknown.clone(),
        ..RegisterImport::default()
    };
    let mut cases: Vec<CaseRecord> = Vec::new();
    let mut index: HashMap<InfringementNumber, usize> = HashMap::new();

    for row in &table.rows {
        if row.cells.iter().all(Cell::is_blank) {
            continue;
        }
        import.rows_read += 1;
        let reader = RowReader {
            table,
            ctx,
            columns: &columns,
            row,
        };

        // A cell past `cell-chars` is not read: its row is left out, the other rows are read.
        let long = reader.long_cells();
        if !long.is_empty() {
            import.diagnostics.extend(long);
            continue;
        }
        // The member state first: a row of another state is not ours to judge.
        let Some(country) = reader.country(&mut import.diagnostics) else {
            continue;
        };
        let Some(number) = reader.number(&mut import.diagnostics) else {
            continue;
        };
        let mut decisions = reader.decisions(&mut import.diagnostics);
        import.decisions_read += decisions.len();
        let case_type = reader.case_type(&mut import.diagnostics);
        let text_of =
            |i: Option<usize>| Some(cell_text(row, i).into_owned()).filter(|t| !t.is_empty());

        match index.get(&number) {
            Some(&at) => {
                // Later rows of a case add decisions and fill what earlier rows left empty.
                let case = &mut cases[at];
                case.decisions.append(&mut decisions);
                if case.case_type.is_none() {
                    case.case_type = case_type;
                }
                if case.title.is_none() {
                    case.title = text_of(columns.title);
                    case.directives = case.title.as_deref().map(directives_in).unwrap_or_default();
                }
                if case.department.is_none() {
                    case.department = text_of(columns.department);
                }
            }
            None => {
                let title = text_of(columns.title);
                index.insert(number, cases.len());
                cases.push(CaseRecord {
                    number,
                    country,
                    case_type,
                    directives: title.as_deref().map(directives_in).unwrap_or_default(),
                    title,
                    department: text_of(columns.department),
                    decisions,
                });
            }
        }
    }

    for case in &mut cases {
        one_decision_each(case);
    }
    if import.rows_read == 0 {
        return Err(RegisterError::NoRows {
            file: ctx.file.to_owned(),
        });
    }
    cases.sort_by_key(|c| c.number);
    import.records = cases;
    Ok(import)
}

/// A case's decisions in date order, the same decision listed twice (once with its press
/// release, once without) kept once.
fn one_decision_each(case: &mut CaseRecord) {
    case.decisions
        .sort_by_key(|d| (d.date, d.stage.rank(), d.stage));
    case.decisions.dedup_by(|later, kept| {
        let same = later.date == kept.date && later.stage == kept.stage;
        if same {
            kept.press_release |= later.press_release;
        }
        same
    });
}

/// One row of a register table, read field by field; each step adds what it could not read to
/// the diagnostics.
struct RowReader<'a> {
    table: &'a Table<'a>,
    ctx: &'a Context<'a>,
    columns: &'a Columns,
    row: &'a Row<'a>,
}

impl<'a> RowReader<'a> {
    fn diag(&self, col: usize, found: &str, expected: &str) -> Diagnostic {
        let header = self.table.headers.get(col).map_or("", String::as_str);
        self.table
            .diagnostic(self.ctx.file, self.row.number, header, found, expected)
    }

    /// The cells longer than `cell-chars` allows.
    fn long_cells(&self) -> Vec<Diagnostic> {
        self.row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(col, cell)| match cell {
                Cell::Text(text) => input::long_cell(text, self.ctx.limits)
                    .map(|(found, expected)| self.diag(col, &found, &expected)),
                _ => None,
            })
            .collect()
    }

    /// The row's member state; None when the row is of a state other than the one asked for,
    /// or names no member state (a diagnostic: the row is left out, never given a state).
    fn country(&self, diagnostics: &mut Vec<Diagnostic>) -> Option<Country> {
        let (row, columns, ctx) = (self.row, self.columns, self.ctx);
        let country = match columns.country {
            Some(col) => {
                let written = cell_text(row, Some(col));
                let Some(country) = country_of(&written) else {
                    diagnostics.push(self.diag(col, &written, COUNTRY_EXPECTED));
                    return None;
                };
                country
            }
            // Without a country column the export was filtered when saved: it is the state asked
            // for (`read_table` refuses such an export read for every state).
            None => ctx.wanted?,
        };
        if ctx.wanted.is_some_and(|wanted| wanted != country) {
            return None;
        }
        Some(country)
    }

    /// The case's number, or None (and a diagnostic) when it is missing or unreadable.
    fn number(&self, diagnostics: &mut Vec<Diagnostic>) -> Option<InfringementNumber> {
        let col = self.columns.number;
        match self.row.cells.get(col).map_or(Ok(None), number_of) {
            Ok(Some(number)) => Some(number),
            Ok(None) => {
                diagnostics.push(self.diag(col, "", NUMBER_EXPECTED));
                None
            }
            Err(()) => {
                let found = cell_text(self.row, Some(col));
                diagnostics.push(self.diag(col, &found, NUMBER_EXPECTED));
                None
            }
        }
    }

    /// The decisions the row lists: one (a date and a type column) or several (one cell, a line
    /// each).
    fn decisions(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<DecisionRecord> {
        match self.columns.shape {
            Shape::PerDecision { date, kind } => {
                self.decision(date, kind, diagnostics).into_iter().collect()
            }
            Shape::PerCase { decisions } => self.decision_lines(decisions, diagnostics),
        }
    }

    fn decision(
        &self,
        date: usize,
        kind: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<DecisionRecord> {
        let row = self.row;
        let date_cell = row.cells.get(date).unwrap_or(&Cell::Empty);
        let label = cell_text(row, Some(kind));
        let date_value = date_of(date_cell, self.table.serial_dates);
        if date_value.is_none() {
            diagnostics.push(self.diag(date, &date_cell.text(), DATE_EXPECTED));
        }
        let stage = stage_of_label(&label);
        if let Err(expected) = &stage {
            diagnostics.push(self.diag(kind, &label, expected));
        }
        let (Some(date), Ok((stage, press))) = (date_value, stage) else {
            return None;
        };
        let press_column = self
            .columns
            .press_release
            .and_then(|i| row.cells.get(i))
            .is_some_and(press_release_of);
        Some(DecisionRecord {
            date,
            stage,
            label: label.into_owned(),
            press_release: press || press_column,
        })
    }

    fn decision_lines(&self, col: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<DecisionRecord> {
        let mut decisions = Vec::new();
        for line in cell_text(self.row, Some(col))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let (date_text, label) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let Ok(date) = parse_date(date_text) else {
                diagnostics.push(self.diag(col, line, LINE_EXPECTED));
                continue;
            };
            match stage_of_label(label) {
                Ok((stage, press_release)) => decisions.push(DecisionRecord {
                    date,
                    stage,
                    label: label.trim().to_owned(),
                    press_release,
                }),
                Err(expected) => diagnostics.push(self.diag(col, label.trim(), &expected)),
            }
        }
        decisions
    }

    /// The case type the non-communication flag says: "Yes" is non-communication; "No" does not
    /// tell non-conformity from bad application, so it leaves the type open.
    fn case_type(&self, diagnostics: &mut Vec<Diagnostic>) -> Option<CaseType> {
        let i = self.columns.non_communication?;
        let flag = cell_text(self.row, Some(i));
        match yes_no(&flag) {
            Some(true) => Some(CaseType::NonCommunication),
            Some(false) => None,
            None if flag.is_empty() => None,
            None => {
                diagnostics.push(self.diag(i, &flag, FLAG_EXPECTED));
                None
            }
        }
    }
}

/// The text of column `i` of a row; empty when the column is absent or the row is short.
fn cell_text<'r>(row: &'r Row, i: Option<usize>) -> Cow<'r, str> {
    i.and_then(|i| row.cells.get(i))
        .map(Cell::text)
        .unwrap_or_default()
}

/// `Ok(None)` for an empty cell, `Err` for a value that is not an infringement number.
fn number_of(cell: &Cell) -> Result<Option<InfringementNumber>, ()> {
    match cell {
        c if c.is_blank() => Ok(None),
        Cell::Int(i) => InfringementNumber::from_int(*i).map(Some).map_err(|_| ()),
        Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            InfringementNumber::from_int(*f as i64)
                .map(Some)
                .map_err(|_| ())
        }
        Cell::Text(t) => InfringementNumber::parse(t).map(Some).map_err(|_| ()),
        _ => Err(()),
    }
}

/// Excel's serial dates of years 1900 to 9999; outside them a number is not a date.
const EXCEL_SERIALS: std::ops::RangeInclusive<f64> = 1.0..=2_958_465.0;

/// A decision date, from 1958 to 2100 like every date the tool reads (`None` is a diagnostic).
fn date_of(cell: &Cell, serial_dates: bool) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Text(t) => parse_date(t).ok(),
        Cell::Int(i) if serial_dates => excel_serial(*i as f64),
        Cell::Float(f) if serial_dates => excel_serial(*f),
        _ => None,
    }
    .filter(|d| domain::check_range(*d).is_ok())
}

fn excel_serial(serial: f64) -> Option<NaiveDate> {
    if !EXCEL_SERIALS.contains(&serial) {
        return None;
    }
    Data::Float(serial).as_date()
}

/// "Yes" / "No" in the register's three languages: the [yes_no] words of `vocabulary/*.toml`.
fn yes_no(text: &str) -> Option<bool> {
    domain::vocab::Vocabulary::get().yes_no(text)
}

/// The press-release column holds a reference ("IP-19-467_EN") or a yes/no flag.
fn press_release_of(cell: &Cell) -> bool {
    match cell {
        Cell::Bool(b) => *b,
        c if c.is_blank() => false,
        c => yes_no(&c.text()).unwrap_or(true),
    }
}

/// The directives a case title names, as citations ("Directive (EU) 2018/958") or as CELEX
/// numbers ("Non-communication: 32018L2001 - Failure to notify ...").
fn directives_in(title: &str) -> Vec<DirectiveId> {
    let mut found = DirectiveId::find_in_text(title);
    for id in celex_in(title) {
        if !found.contains(&id) {
            found.push(id);
        }
    }
    found
}

/// Directive CELEX numbers (`3YYYYLNNNN`) standing as words in a text.
fn celex_in(text: &str) -> Vec<DirectiveId> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let w = &bytes[i..i + 10];
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let ends_word = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_alphanumeric());
        let shape = w[0] == b'3'
            && w[1..5].iter().all(u8::is_ascii_digit)
            && w[5].eq_ignore_ascii_case(&b'L')
            && w[6..].iter().all(u8::is_ascii_digit);
        if starts_word && ends_word && shape {
            let digits = |r: std::ops::Range<usize>| {
                std::str::from_utf8(&w[r])
                    .ok()
                    .and_then(|s| s.parse::<u16>().ok())
            };
            if let (Some(year), Some(number)) = (digits(1..5), digits(6..10))
                && let Ok(id) = DirectiveId::new(year, number)
            {
                found.push(id);
            }
            i += 10;
        } else {
            i += 1;
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Decision types -> stages.

/// Keywords of each step, on the label as [`fold_label`] writes it. Checked in this order: a
/// withdrawal "from the Court" is not a referral, a "modified financial sanction" names no letter.
const PRESS_RELEASE: &[&str] = &[
    "press release",
    "communique de presse",
    "communique",
    "persbericht",
];

/// Maps a decision type as the register writes it, in English, French or Dutch, to its stage, and
/// tells whether it announces a press release ("+ Press release" is a flag, not a stage).
///
/// The rules, on the lowercased label without accents and with dashes as spaces:
/// - the step is found by keywords, in this order: withdrawal (`withdrawal`, `désistement`,
///   `intrekking`), modified financial sanction, closure (`closure`, `classement`, `seponering`),
///   referral (`referral`, `saisine`, `verwijzing`; "... – Deferral" is still a referral), reasoned
///   opinion (`avis motivé`, `met redenen omkleed advies`), formal notice (`mise en demeure`,
///   `ingebrekestelling`); `additional` (`complémentaire`, `aanvullend`) makes an opinion or a
///   letter an additional one, and an ordinal (`2nd`, `3rd`, `2e`, `tweede`...) tells which;
/// - the legal basis from the articles named: `260(3)` (or `260, lid 3`...) anywhere is
///   Art. 258 + 260(3); `260` without paragraph 3, or `ex Art. 228 EC`, is Art. 260(2); `258`
///   or `ex Art. 226 EC` is Art. 258. A modified financial sanction is always under 260(2); a
///   withdrawal or a closure has no basis, so that the stage codes stay stable.
///
/// `Err` holds what was expected, for a diagnostic.
pub fn stage_of_label(label: &str) -> Result<(Stage, bool), String> {
    let text = fold_label(label);
    let step = Step::from_words(&text).ok_or_else(|| LABEL_EXPECTED.to_owned())?;
    let basis = match step {
        Step::WithdrawalFromCourt | Step::Closure => None,
        Step::ModifiedFinancialSanction => Some(LegalBasis::Art260_2),
        _ => basis_of(&text),
    };
    let nth = match step {
        Step::AdditionalFormalNotice | Step::AdditionalReasonedOpinion => {
            ordinal_in(&text).unwrap_or(1)
        }
        _ => 1,
    };
    Ok((
        Stage { step, basis, nth },
        PRESS_RELEASE.iter().any(|w| text.contains(w)),
    ))
}

/// Lowercase, without accents, every dash and run of spaces turned into one space.
fn fold_label(label: &str) -> String {
    fold(&label.replace(['-', '‐', '‑', '‒', '–', '—', '―'], " "))
}

/// The legal basis named by the articles of a folded label (see [`stage_of_label`]).
fn basis_of(text: &str) -> Option<LegalBasis> {
    let (mut art_258, mut art_260, mut art_260_3) = (false, false, false);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let after_start = &rest[start..];
        let len = after_start
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after_start.len());
        let (digits, after) = after_start.split_at(len);
        match digits {
            "260" => {
                art_260 = true;
                art_260_3 |= paragraph_after(after) == Some("3");
            }
            // Art. 228 EC is what Art. 260 TFEU was numbered before the Lisbon Treaty, and
            // Art. 171 EEC before the Treaty of Amsterdam (decisions of the 1980s and 1990s).
            "228" | "171" => art_260 = true,
            // Art. 226 EC (Art. 169 EEC before it) is the old number of Art. 258. Art. 259 is a member state taking
            // another to the Court: the same steps as Art. 258, and Stage has no basis of its own
            // for it, so it is counted with Art. 258.
            "258" | "226" | "169" | "259" => art_258 = true,
            _ => {}
        }
        rest = after;
    }
    if art_260_3 {
        Some(LegalBasis::Art258And260_3)
    } else if art_260 {
        Some(LegalBasis::Art260_2)
    } else if art_258 {
        Some(LegalBasis::Art258)
    } else {
        None
    }
}

/// The paragraph written right after an article number: "(3)", ".3", ", lid 3", " § 3",
/// " paragraphe 3".
fn paragraph_after(after: &str) -> Option<&str> {
    fn skip(s: &str) -> &str {
        s.trim_start_matches([' ', '(', '.', ',', '§'])
    }
    let mut s = skip(after);
    for word in [
        "paragraphe",
        "paragraph",
        "para",
        "par",
        "lid",
        "alinea",
        "al",
    ] {
        if let Some(stripped) = s.strip_prefix(word) {
            s = skip(stripped);
            break;
        }
    }
    let len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    Some(&s[..len]).filter(|d| !d.is_empty())
}

/// "2nd", "3rd", "2e", "2eme", "2de", "second", "deuxieme", "tweede"... as a number.
fn ordinal_in(text: &str) -> Option<u8> {
    text.split(|c: char| !c.is_alphanumeric()).find_map(|word| {
        let digits = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        if digits > 0 {
            let (n, suffix) = word.split_at(digits);
            return ["st", "nd", "rd", "th", "e", "eme", "er", "de", "ste"]
                .contains(&suffix)
                .then(|| n.parse().ok())
                .flatten();
        }
        match word {
            "first" | "premiere" | "eerste" => Some(1),
            "second" | "deuxieme" | "seconde" | "tweede" => Some(2),
            "third" | "troisieme" | "derde" => Some(3),
            "fourth" | "quatrieme" | "vierde" => Some(4),
            _ => None,
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Member states.

/// Each member state (and the United Kingdom, in the older exports) with the ways the register
/// and people write it, folded by [`key`]: codes, English, French, Dutch and native names.
const COUNTRIES: &[(Country, &[&str])] = &[
    (
        Country::Austria,
        &["at", "austria", "autriche", "oostenrijk", "osterreich"],
    ),
    (
        Country::Belgium,
        &["be", "belgium", "belgique", "belgie", "belgien"],
    ),
    (
        Country::Bulgaria,
        &["bg", "bulgaria", "bulgarie", "bulgarije"],
    ),
    (
        Country::Croatia,
        &["hr", "croatia", "croatie", "kroatie", "hrvatska"],
    ),
    (Country::Cyprus, &["cy", "cyprus", "chypre"]),
    (
        Country::Czechia,
        &[
            "cz",
            "czechia",
            "czechrepublic",
            "tchequie",
            "republiquetcheque",
            "tsjechie",
            "tsjechischerepubliek",
            "cesko",
        ],
    ),
    (
        Country::Denmark,
        &["dk", "denmark", "danemark", "denemarken", "danmark"],
    ),
    (
        Country::Estonia,
        &["ee", "estonia", "estonie", "estland", "eesti"],
    ),
    (Country::Finland, &["fi", "finland", "finlande", "suomi"]),
    (
        Country::France,
        &["fr", "france", "frankrijk", "frankreich"],
    ),
    (
        Country::Germany,
        &["de", "germany", "allemagne", "duitsland", "deutschland"],
    ),
    (
        Country::Greece,
        &[
            "el",
            "gr",
            "greece",
            "grece",
            "griekenland",
            "hellas",
            "ellada",
        ],
    ),
    (
        Country::Hungary,
        &["hu", "hungary", "hongrie", "hongarije", "magyarorszag"],
    ),
    (
        Country::Ireland,
        &["ie", "ireland", "irlande", "ierland", "eire"],
    ),
    (Country::Italy, &["it", "italy", "italie", "italia"]),
    (
        Country::Latvia,
        &["lv", "latvia", "lettonie", "letland", "latvija"],
    ),
    (
        Country::Lithuania,
        &["lt", "lithuania", "lituanie", "litouwen", "lietuva"],
    ),
    (Country::Luxembourg, &["lu", "luxembourg", "luxemburg"]),
    (Country::Malta, &["mt", "malta", "malte"]),
    (
        Country::Netherlands,
        &[
            "nl",
            "netherlands",
            "thenetherlands",
            "paysbas",
            "nederland",
        ],
    ),
    (
        Country::Poland,
        &["pl", "poland", "pologne", "polen", "polska"],
    ),
    (Country::Portugal, &["pt", "portugal"]),
    (Country::Romania, &["ro", "romania", "roumanie", "roemenie"]),
    (
        Country::Slovakia,
        &["sk", "slovakia", "slovaquie", "slowakije", "slovensko"],
    ),
    (
        Country::Slovenia,
        &["si", "slovenia", "slovenie", "slovenija"],
    ),
    (
        Country::Spain,
        &["es", "spain", "espagne", "spanje", "espana"],
    ),
    (
        Country::Sweden,
        &["se", "sweden", "suede", "zweden", "sverige"],
    ),
    (
        Country::UnitedKingdom,
        &[
            "uk",
            "gb",
            "unitedkingdom",
            "royaumeuni",
            "verenigdkoninkrijk",
            "greatbritain",
        ],
    ),
];

/// A member state (the 27 and the United Kingdom) from its code or its name in English, French,
/// Dutch or its own language, in any case, accents optional: "BE", "be", "Belgium", "Belgique",
/// "België" -> Belgium. `None` for anything else.
pub fn country_of(code_or_name: &str) -> Option<Country> {
    let k = key(code_or_name);
    COUNTRIES
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map(|(country, _)| *country)
}

// ---------------------------------------------------------------------------------------------
// Text folding.

/// Lowercase ASCII letters and digits only, accents removed: how headers and names are compared
/// ("Policy area / Department in charge" and "Policy_area___Department_in_charge" meet).
fn key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_register_column_word_names_a_field() {
        let v = domain::vocab::Vocabulary::get();
        let keys = v.keys("register_columns");
        assert_eq!(keys.len(), 10, "{keys:?}");
        for key in keys {
            for phrase in v.phrases("register_columns", key) {
                assert!(field_of(phrase).is_some(), "{key}: {phrase}");
            }
        }
        assert_eq!(
            field_of("Policy_area___Department_in_charge"),
            Some(Field::Department)
        );
        assert_eq!(field_of("Numéro d'infraction"), Some(Field::Number));
        assert_eq!(field_of("Commentaire"), None);
    }
    use LegalBasis::*;
    use Step::*;

    fn stage(step: Step, basis: Option<LegalBasis>, nth: u8) -> Stage {
        Stage { step, basis, nth }
    }

    fn check(label: &str, expected: Stage, press_release: bool) {
        assert_eq!(
            stage_of_label(label),
            Ok((expected, press_release)),
            "label {label:?}"
        );
    }

    /// Every distinct decision type of the five real exports in ../shared/data/commission-register.
    #[test]
    fn real_english_labels() {
        check(
            "Formal notice Art. 258 TFEU",
            stage(FormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "Formal notice Art. 258 TFEU + Press release",
            stage(FormalNotice, Some(Art258), 1),
            true,
        );
        check(
            "Formal notice Art. 260 TFEU",
            stage(FormalNotice, Some(Art260_2), 1),
            false,
        );
        check(
            "Letter of formal notice Article 258 TFEU - Article 260(3) TFEU",
            stage(FormalNotice, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Additional formal notice Art. 258 TFEU",
            stage(AdditionalFormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "Additional formal notice Art. 258 TFEU + Press release",
            stage(AdditionalFormalNotice, Some(Art258), 1),
            true,
        );
        check(
            "Additional formal notice Art. 260 TFEU",
            stage(AdditionalFormalNotice, Some(Art260_2), 1),
            false,
        );
        check(
            "2nd additional formal notice Art. 258 TFEU",
            stage(AdditionalFormalNotice, Some(Art258), 2),
            false,
        );
        check(
            "3rd additional formal notice Art. 258 TFEU",
            stage(AdditionalFormalNotice, Some(Art258), 3),
            false,
        );
        check(
            "Reasoned opinion Art. 258 TFEU",
            stage(ReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Reasoned opinion Article 258 TFEU + Article 260(3) TFEU",
            stage(ReasonedOpinion, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Reasoned opinion ex Art. 228 EC",
            stage(ReasonedOpinion, Some(Art260_2), 1),
            false,
        );
        check(
            "Reasoned opinion Art. 259 TFEU",
            stage(ReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Additional reasoned opinion Art. 258 TFEU",
            stage(AdditionalReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Referral to Court Art. 258 TFEU",
            stage(Referral, Some(Art258), 1),
            false,
        );
        check(
            "Referral to Court Art. 258 TFEU  - 260(3) TFEU",
            stage(Referral, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Referral to Court Article 258 TFEU - 260(3) TFEU – Deferral",
            stage(Referral, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Referral to Court Art. 260 TFEU",
            stage(Referral, Some(Art260_2), 1),
            false,
        );
        check(
            "Modified financial sanction",
            stage(ModifiedFinancialSanction, Some(Art260_2), 1),
            false,
        );
        check(
            "Withdrawal from the Court",
            stage(WithdrawalFromCourt, None, 1),
            false,
        );
    }

    #[test]
    fn english_variants() {
        check(
            "Reasoned opinion ex Art. 226 EC",
            stage(ReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Formal notice ex Art. 228 EC",
            stage(FormalNotice, Some(Art260_2), 1),
            false,
        );
        check(
            "Referral to Court Art. 260(2) TFEU",
            stage(Referral, Some(Art260_2), 1),
            false,
        );
        check(
            "LETTER OF FORMAL NOTICE ART. 258 TFEU",
            stage(FormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "Formal\u{a0}notice  Art.\u{a0}258\tTFEU",
            stage(FormalNotice, Some(Art258), 1),
            false,
        );
        check("Closure", stage(Closure, None, 1), false);
        check("Closure Art. 258 TFEU", stage(Closure, None, 1), false);
        check("Reasoned opinion", stage(ReasonedOpinion, None, 1), false);
        check(
            "Second additional reasoned opinion Art. 258 TFEU",
            stage(AdditionalReasonedOpinion, Some(Art258), 2),
            false,
        );
        check(
            "Supplementary reasoned opinion",
            stage(AdditionalReasonedOpinion, None, 1),
            false,
        );
        check(
            "Referral to Court Art. 258 TFEU + Press release",
            stage(Referral, Some(Art258), 1),
            true,
        );
    }

    #[test]
    fn french_labels() {
        check(
            "Mise en demeure Art. 258 TFUE",
            stage(FormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "Lettre de mise en demeure article 258 TFUE - article 260(3) TFUE",
            stage(FormalNotice, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Mise en demeure art. 258 TFUE + communiqué de presse",
            stage(FormalNotice, Some(Art258), 1),
            true,
        );
        check(
            "Mise en demeure complémentaire art. 258 TFUE",
            stage(AdditionalFormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "2e mise en demeure complémentaire art. 258 TFUE",
            stage(AdditionalFormalNotice, Some(Art258), 2),
            false,
        );
        check(
            "Deuxième mise en demeure complémentaire",
            stage(AdditionalFormalNotice, None, 2),
            false,
        );
        check(
            "Mise en demeure art. 260 TFUE",
            stage(FormalNotice, Some(Art260_2), 1),
            false,
        );
        check(
            "Avis motivé art. 258 TFUE",
            stage(ReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Avis motivé article 258 TFUE + article 260, paragraphe 3, TFUE",
            stage(ReasonedOpinion, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Avis motivé complémentaire art. 258 TFUE",
            stage(AdditionalReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Avis motive ex art. 228 CE",
            stage(ReasonedOpinion, Some(Art260_2), 1),
            false,
        );
        check(
            "Saisine de la Cour art. 258 TFUE",
            stage(Referral, Some(Art258), 1),
            false,
        );
        check(
            "Saisine de la Cour art. 258 TFUE - 260(3) TFUE",
            stage(Referral, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Saisine de la Cour art. 260 TFUE",
            stage(Referral, Some(Art260_2), 1),
            false,
        );
        check(
            "Modification de la sanction financière demandée",
            stage(ModifiedFinancialSanction, Some(Art260_2), 1),
            false,
        );
        check("Désistement", stage(WithdrawalFromCourt, None, 1), false);
        check("Classement", stage(Closure, None, 1), false);
    }

    #[test]
    fn dutch_labels() {
        check(
            "Ingebrekestelling art. 258 VWEU",
            stage(FormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "Ingebrekestelling artikel 258 VWEU - artikel 260, lid 3, VWEU",
            stage(FormalNotice, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Ingebrekestelling art. 258 VWEU + persbericht",
            stage(FormalNotice, Some(Art258), 1),
            true,
        );
        check(
            "Aanvullende ingebrekestelling art. 258 VWEU",
            stage(AdditionalFormalNotice, Some(Art258), 1),
            false,
        );
        check(
            "2de aanvullende ingebrekestelling art. 258 VWEU",
            stage(AdditionalFormalNotice, Some(Art258), 2),
            false,
        );
        check(
            "Tweede aanvullende ingebrekestelling",
            stage(AdditionalFormalNotice, None, 2),
            false,
        );
        check(
            "Met redenen omkleed advies art. 258 VWEU",
            stage(ReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Aanvullend met redenen omkleed advies art. 258 VWEU",
            stage(AdditionalReasonedOpinion, Some(Art258), 1),
            false,
        );
        check(
            "Met redenen omkleed advies art. 258 + 260, lid 3, VWEU",
            stage(ReasonedOpinion, Some(Art258And260_3), 1),
            false,
        );
        check(
            "Verwijzing naar het Hof art. 258 VWEU",
            stage(Referral, Some(Art258), 1),
            false,
        );
        check(
            "Verwijzing naar het Hof art. 260 VWEU",
            stage(Referral, Some(Art260_2), 1),
            false,
        );
        check(
            "Wijziging van de gevraagde financiële sanctie",
            stage(ModifiedFinancialSanction, Some(Art260_2), 1),
            false,
        );
        check(
            "Intrekking van het beroep",
            stage(WithdrawalFromCourt, None, 1),
            false,
        );
        check("Seponering", stage(Closure, None, 1), false);
    }

    #[test]
    fn unknown_labels() {
        for label in [
            "",
            "  ",
            "Formal warning",
            "Decision Art. 258 TFEU",
            "Press release",
            "Deferral",
            "Lettre",
            "258",
        ] {
            assert_eq!(
                stage_of_label(label),
                Err(LABEL_EXPECTED.to_owned()),
                "label {label:?}"
            );
        }
    }

    #[test]
    fn legal_basis_paragraphs() {
        let check_basis = |text: &str, expected: Option<LegalBasis>| {
            assert_eq!(basis_of(&fold_label(text)), expected, "{text:?}")
        };
        check_basis("art. 260(3)", Some(Art258And260_3));
        check_basis("art. 260 (3)", Some(Art258And260_3));
        check_basis("art. 260.3", Some(Art258And260_3));
        check_basis("art. 260 § 3", Some(Art258And260_3));
        check_basis("art. 260, lid 3", Some(Art258And260_3));
        check_basis("art. 260(2)", Some(Art260_2));
        check_basis("art. 260 TFEU 30 days", Some(Art260_2));
        // Before the Treaty of Amsterdam (the register goes back to 1987).
        check_basis("formal notice art. 169 eec", Some(Art258));
        check_basis("reasoned opinion art. 171 eec", Some(Art260_2));
        check_basis("art. 2600", None);
        check_basis("art. 1258", None);
        check_basis("no article", None);
    }

    #[test]
    fn countries() {
        let check_country = |input: &str, expected: Option<&str>| {
            assert_eq!(country_of(input).map(|c| c.name()), expected, "{input:?}")
        };
        check_country("BE", Some("Belgium"));
        check_country("be", Some("Belgium"));
        check_country("Belgium", Some("Belgium"));
        check_country("Belgique", Some("Belgium"));
        check_country("België", Some("Belgium"));
        check_country(" BELGIË ", Some("Belgium"));
        check_country("EL", Some("Greece"));
        check_country("Grèce", Some("Greece"));
        check_country("Czech Republic", Some("Czechia"));
        check_country("Czechia", Some("Czechia"));
        check_country("Luxemburg", Some("Luxembourg"));
        check_country("Pays-Bas", Some("Netherlands"));
        check_country("Royaume-Uni", Some("United Kingdom"));
        check_country("UK", Some("United Kingdom"));
        check_country("Österreich", Some("Austria"));
        check_country("Norway", None);
        check_country("", None);
        check_country("B", None);
        assert_eq!(COUNTRIES.len(), 28);
        for (i, (country, _)) in COUNTRIES.iter().enumerate() {
            assert_eq!(*country, Country::ALL[i], "in the order of Country::ALL");
            assert_eq!(country_of(country.name()), Some(*country));
            assert_eq!(
                country_of(country.celex_code()),
                None,
                "not the CELEX letters"
            );
        }
    }

    #[test]
    fn headers() {
        let check_header = |header: &str, expected: Option<Field>| {
            assert_eq!(field_of(header), expected, "{header:?}")
        };
        check_header("Infringement_number", Some(Field::Number));
        check_header("Infringement number", Some(Field::Number));
        check_header("INFRINGEMENT NUMBER", Some(Field::Number));
        check_header("Numéro d'infraction", Some(Field::Number));
        check_header("Inbreuknummer", Some(Field::Number));
        check_header(
            "Policy_area___Department_in_charge",
            Some(Field::Department),
        );
        check_header(
            "Policy area / Department in charge",
            Some(Field::Department),
        );
        check_header(
            "Domaine politique / Département responsable",
            Some(Field::Department),
        );
        check_header(
            "Beleidsgebied / Verantwoordelijk departement",
            Some(Field::Department),
        );
        check_header("Date de la décision", Some(Field::DecisionDate));
        check_header("Datum van de beslissing", Some(Field::DecisionDate));
        check_header("Besluitdatum", Some(Field::DecisionDate));
        check_header("Type de décision", Some(Field::DecisionType));
        check_header("Soort beslissing", Some(Field::DecisionType));
        check_header("Type beslissing", Some(Field::DecisionType));
        check_header("Décision", Some(Field::Decisions));
        check_header("État membre", Some(Field::Country));
        check_header("Pays", Some(Field::Country));
        check_header("Lidstaat", Some(Field::Country));
        check_header("Land", Some(Field::Country));
        check_header("Titre", Some(Field::Title));
        check_header("Titel", Some(Field::Title));
        check_header("Communiqué de presse", Some(Field::PressRelease));
        check_header("Persbericht", Some(Field::PressRelease));
        check_header("Non-communication", Some(Field::NonCommunication));
        check_header("Non_communication_cases", Some(Field::NonCommunication));
        check_header("Niet-mededeling", Some(Field::NonCommunication));
        check_header("Memo", Some(Field::Unused));
        check_header("Active_infringement_cases", Some(Field::Unused));
        check_header("Comments", None);
        // The fields of the search service's records (SERVICES.md), read by `sync register`.
        check_header("infringementNumber", Some(Field::Number));
        check_header("memberState", Some(Field::Country));
        check_header("decisionDate", Some(Field::DecisionDate));
        check_header("decisionType", Some(Field::DecisionType));
        check_header("title", Some(Field::Title));
        check_header("leadDg", Some(Field::Department));
        check_header("pressRelease", Some(Field::PressRelease));
        check_header("nonCommunicationCase", Some(Field::NonCommunication));
        for unused in [
            "activeInfringementCase",
            "caseType",
            "pressReleaseURL",
            "memo",
            "memoURL",
            "normalCuriaReference",
            "normalCuriaReferenceURL",
            "policyAreas",
        ] {
            check_header(unused, Some(Field::Unused));
        }
    }

    #[test]
    fn columns_and_shapes() {
        let find = |headers: &[&str]| {
            Columns::find(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        };
        let per_case = find(&[
            "Infringement_number",
            "Decision",
            "Country",
            "Notes",
            "Notes",
            "Memo",
            "Title",
            "Titre",
        ]);
        assert!(matches!(
            per_case,
            Ok(Columns {
                shape: Shape::PerCase { decisions: 1 },
                country: Some(2),
                ..
            })
        ));
        assert_eq!(
            per_case.map(|c| c.unknown).ok(),
            Some(vec!["Notes".to_string(), "Titre".to_string()])
        );
        let per_decision = find(&[
            "Numéro d'infraction",
            "Date de la décision",
            "Type de décision",
            "Décision",
        ]);
        assert!(matches!(
            per_decision,
            Ok(Columns {
                number: 0,
                shape: Shape::PerDecision { date: 1, kind: 2 },
                ..
            })
        ));
        assert!(find(&["Inbreuknummer", "Besluitdatum"]).is_err());
        assert!(find(&["Decision", "Country"]).is_err());
        assert!(find(&[]).is_err());
    }

    #[test]
    fn celex_in_titles() {
        let ids = |title: &str| {
            directives_in(title)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("Non-communication: 32018L2001 - Failure to notify"),
            ["2018/2001"]
        );
        assert_eq!(
            ids("Lack of transposition of Directive (EU) 2018/958 of 28 June 2018"),
            ["2018/958"]
        );
        assert_eq!(ids("Directive 2008/98/EC and 32008L0098"), ["2008/98"]);
        assert_eq!(
            ids("Regulation 32016R0679 and 132018L2001 and 32018L20011"),
            Vec::<String>::new()
        );
        assert_eq!(ids(""), Vec::<String>::new());
    }

    #[test]
    fn csv_separators() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("a\n"), b',');
    }

    #[test]
    fn windows_1252_text() {
        let text = |bytes: &[u8]| decode_text(bytes).map(Cow::into_owned);
        assert_eq!(text(b"Num\xe9ro;\x80"), Ok("Numéro;€".to_owned()));
        assert_eq!(text("Numéro".as_bytes()), Ok("Numéro".to_owned()));
        assert_eq!(text(b"\xEF\xBB\xBFa"), Ok("a".to_owned()));
        // Windows-1252 whose last byte would start a UTF-8 character.
        assert_eq!(text(b"Pays;Oui\xC3"), Ok("Pays;OuiÃ".to_owned()));
        // UTF-8 cut in its last character.
        assert_eq!(
            text(&"Numéro;é".as_bytes()[..9]),
            Err(InputError::Utf8CutShort { offset: 8 })
        );
        assert_eq!(text(b"\xFF\xFEN\x00"), Err(InputError::Utf16));
    }
}
