//! The unit's hand-kept tracking tables (directives, infringement cases) from an Excel workbook:
//! each table found by its header row wherever it sits, each row read into a domain row or
//! rejected with diagnostics naming the sheet, the row and the column as the person sees them.

use std::collections::HashMap;

use calamine::Data;
use chrono::NaiveDate;
use domain::tables::{CaseRow, DirectiveRow, Tables, stage_from_words};
use domain::vocab::{Found, TranspositionState, Vocabulary, read_status};
use domain::{
    CaseType, Competence, DateError, DirectiveId, IdError, InfringementNumber, Lang, PlannedDate,
    parse_date,
};
use serde::Serialize;

use crate::input::{self, InputError};
use crate::workbook::{Workbook, WorkbookError, column_letters};
use crate::{Diagnostic, Limits};
use domain::text::strip_accent;

/// What a workbook holds: the valid rows, and everything that needs a person's attention.
#[derive(Clone, Debug, PartialEq)]
pub struct TablesImport {
    pub tables: Tables,
    /// One or more per rejected row (and one for a workbook holding no table at all).
    pub diagnostics: Vec<Diagnostic>,
    /// (sheet, header as written) of each column left aside that holds values, once each: a
    /// warning, since what it says is not imported.
    pub unknown_columns: Vec<(String, String)>,
    /// How every column of every table found is understood (`import tables --columns`).
    pub columns: Vec<ColumnReading>,
    /// Rows left out of `tables` because of a diagnostic.
    pub rejected_rows: usize,
    /// The language of the headers, which is the language of the titles and notes under them.
    pub lang: Option<Lang>,
    /// Where each row of `tables.directives` and `tables.cases` is, in the same order, so that a
    /// problem found later (an unknown authority) can be named with its position.
    pub directive_places: Vec<RowPlace>,
    pub case_places: Vec<RowPlace>,
    /// For each sheet read, the header written above each record field (`"authorities"`, ...).
    pub headers: HashMap<String, Vec<(&'static str, String)>>,
}

/// A row's place in the workbook, as a person finds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowPlace {
    pub sheet: String,
    /// The spreadsheet's 1-based row number.
    pub row: usize,
}

impl TablesImport {
    /// The header text of a record field on a sheet, as written in the file.
    pub fn header(&self, sheet: &str, field: &str) -> Option<&str> {
        self.headers
            .get(sheet)?
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, h)| h.as_str())
    }
}

/// The workbook cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TablesError {
    #[error("cannot read {file} as an Excel workbook: {reason}")]
    Workbook { file: String, reason: String },
    #[error(
        "{file}: --column \"{header}\" names no column header of a table; the headers are {seen}"
    )]
    Mapping {
        file: String,
        header: String,
        seen: String,
    },
    /// Damaged, cut short, or past a limit.
    #[error("{file}: {problem}")]
    Input { file: String, problem: InputError },
}

/// Reads both tables from the bytes of a workbook (xlsx, xls, xlsb or ods). Sheets are recognised
/// by their header row, not by their name; a sheet without one is skipped. A damaged workbook,
/// or one past the [`Limits`], is an `Err`; a cell longer than `cell-chars` is a diagnostic.
pub fn parse(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<TablesImport, TablesError> {
    parse_with(bytes, file_name, &[], limits)
}

/// [`parse`], with headers mapped by the user (`--column "HEADER=field"`) before the vocabulary.
/// A mapping whose header is in no table of the file is an error: it is a typo, not a wish.
pub fn parse_with(
    bytes: &[u8],
    file_name: &str,
    mappings: &[ColumnMapping],
    limits: &Limits,
) -> Result<TablesImport, TablesError> {
    let workbook_err = |e: WorkbookError| match e {
        WorkbookError::Input(problem) => TablesError::Input {
            file: file_name.to_owned(),
            problem,
        },
        WorkbookError::Read(reason) => TablesError::Workbook {
            file: file_name.to_owned(),
            reason,
        },
    };
    let mut workbook = Workbook::open(bytes, limits).map_err(workbook_err)?;
    let mut reader = TableReader {
        file: file_name,
        mappings,
        limits,
        columns: Vec::new(),
        langs: Vec::new(),
        directives: Vec::new(),
        cases: Vec::new(),
        diagnostics: Vec::new(),
        unknown_columns: Vec::new(),
        rejected_rows: 0,
        headers: HashMap::new(),
    };
    let mut found_table = false;
    for sheet in workbook.sheet_names() {
        let range = workbook.range(&sheet).map_err(workbook_err)?;
        found_table |= reader.read_sheet(&sheet, &range);
    }
    for m in mappings {
        if !reader
            .columns
            .iter()
            .any(|c| header_key(&c.header) == header_key(&m.header))
        {
            let seen: Vec<String> = reader
                .columns
                .iter()
                .map(|c| format!("\"{}\"", c.header))
                .collect();
            return Err(TablesError::Mapping {
                file: file_name.to_owned(),
                header: m.header.clone(),
                seen: if seen.is_empty() {
                    "none".to_owned()
                } else {
                    seen.join(", ")
                },
            });
        }
    }
    if !found_table {
        reader.diagnostics.push(Diagnostic::new(
            file_name,
            "no table",
            "a sheet with the header row of the directives table (Directive, Délai de transposition, ...) \
             or of the infringement table (N° procédure, Stade, ...)",
        ));
    }
    Ok(reader.finish())
}

// ---------------------------------------------------------------------------------------------
// Headers.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    /// The row number people add in a first column: read, and ignored.
    RowNumber,
    Directive,
    Title,
    Deadlines,
    Authority,
    /// Authorities associated with the lead one, when a table keeps them in a column of their own.
    Associated,
    Competence,
    Measures,
    Published,
    Notified,
    Status,
    Planned,
    Notes,
    CaseNumber,
    CaseType,
    Stage,
    Decided,
    ReplyDeadline,
    ReplySent,
    Entered,
}

impl Field {
    /// The key of the field in the [columns] section of `vocabulary/*.toml`, and its name in
    /// `--column "HEADER=field"`.
    fn key(self) -> &'static str {
        match self {
            Field::RowNumber => "row_number",
            Field::Directive => "directive",
            Field::Title => "title",
            Field::Deadlines => "deadlines",
            Field::Authority => "authority",
            Field::Associated => "associated",
            Field::Competence => "competence",
            Field::Measures => "measures",
            Field::Published => "published",
            Field::Notified => "notified",
            Field::Status => "status",
            Field::Planned => "planned",
            Field::Notes => "notes",
            Field::CaseNumber => "case_number",
            Field::CaseType => "case_type",
            Field::Stage => "stage",
            Field::Decided => "decided",
            Field::ReplyDeadline => "reply_deadline",
            Field::ReplySent => "reply_sent",
            Field::Entered => "entered",
        }
    }

    fn of_key(key: &str) -> Option<Field> {
        DIRECTIVE_FIELDS
            .iter()
            .chain(CASE_FIELDS)
            .copied()
            .find(|f| f.key() == key)
    }
}

/// The field names `--column "HEADER=field"` takes, per table, and the word that leaves a column aside.
pub fn field_names() -> (Vec<&'static str>, Vec<&'static str>) {
    (
        DIRECTIVE_FIELDS.iter().map(|f| f.key()).collect(),
        CASE_FIELDS.iter().map(|f| f.key()).collect(),
    )
}

/// The field a header names in a table ("directives" or "cases") by the vocabulary alone, as
/// `import tables --columns` shows it; None when the column would be left aside.
pub fn header_field(header: &str, table: &str) -> Option<&'static str> {
    let kind = if table == "cases" {
        Kind::Cases
    } else {
        Kind::Directives
    };
    field_among(header, kind.fields()).0.map(Field::key)
}

/// The word of `--column "HEADER=ignore"`.
pub const IGNORE: &str = "ignore";

const DIRECTIVE_FIELDS: &[Field] = &[
    Field::RowNumber,
    Field::Directive,
    Field::Title,
    Field::Deadlines,
    Field::Authority,
    Field::Associated,
    Field::Competence,
    Field::Measures,
    Field::Published,
    Field::Notified,
    Field::Status,
    Field::Planned,
    Field::Notes,
];
const CASE_FIELDS: &[Field] = &[
    Field::RowNumber,
    Field::CaseNumber,
    Field::Directive,
    Field::Title,
    Field::CaseType,
    Field::Stage,
    Field::Decided,
    Field::ReplyDeadline,
    Field::ReplySent,
    Field::Entered,
    Field::Authority,
    Field::Notes,
];
/// Only the directives table has these: with the directive column they make its header row.
const DIRECTIVE_ONLY: &[Field] = &[
    Field::Deadlines,
    Field::Competence,
    Field::Measures,
    Field::Published,
    Field::Notified,
    Field::Planned,
];

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 50;

/// Lowercase, without accents, every run of punctuation and spaces as one space.
fn header_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = strip_accent(c);
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// A column header as the user maps it with `--column "HEADER=field"` (or `=ignore`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    pub header: String,
    /// A field name of [`field_names`], or [`IGNORE`].
    pub field: String,
}

impl ColumnMapping {
    /// Reads `HEADER=field`.
    pub fn parse(text: &str) -> Result<ColumnMapping, String> {
        let (header, field) = text.rsplit_once('=').ok_or_else(|| {
            format!("--column \"{text}\": expected \"HEADER=field\", e.g. \"Échéance=deadlines\"")
        })?;
        let field = field.trim().to_lowercase().replace('-', "_");
        let (directive_fields, case_fields) = field_names();
        if field != IGNORE && Field::of_key(&field).is_none() {
            let mut all: Vec<&str> = directive_fields.into_iter().chain(case_fields).collect();
            all.sort_unstable();
            all.dedup();
            return Err(format!(
                "--column \"{text}\": \"{field}\" is not a field; expected one of {}, or {IGNORE}",
                all.join(", ")
            ));
        }
        Ok(ColumnMapping {
            header: header.trim().to_owned(),
            field,
        })
    }
}

/// Why a column is read as it is, or left aside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason", content = "detail")]
pub enum ColumnReason {
    /// Its header is a phrase of the vocabulary.
    Vocabulary,
    /// `--column` said so.
    Mapped,
    /// `--column "HEADER=ignore"`.
    Ignored,
    /// The vocabulary knows no such header.
    Unknown,
    /// The header could name several fields.
    Ambiguous(Vec<String>),
    /// The header names a field of the other table.
    OtherTable(String),
    /// Another column of the sheet already gives this field.
    Duplicate(String),
}

/// How a column of a table is understood: what `import tables --columns` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ColumnReading {
    pub sheet: String,
    /// "directives" or "cases".
    pub table: &'static str,
    /// The spreadsheet's column letter(s).
    pub column: String,
    pub header: String,
    /// The field it fills, or None when it is left aside.
    pub field: Option<&'static str>,
    pub reason: ColumnReason,
    /// Up to three values from the rows under it.
    pub samples: Vec<String>,
    /// How many rows have a value in it.
    pub filled: usize,
}

/// The field a header names among `allowed`, by the vocabulary.
fn field_among(header: &str, allowed: &[Field]) -> (Option<Field>, ColumnReason, Vec<Lang>) {
    let keys: Vec<&str> = allowed.iter().map(|f| f.key()).collect();
    match Vocabulary::get().find("columns", header, &keys) {
        Found::One { key, langs } => (Field::of_key(&key), ColumnReason::Vocabulary, langs),
        Found::Ambiguous(keys) => (None, ColumnReason::Ambiguous(keys), Vec::new()),
        Found::None => match Vocabulary::get()
            .find("columns", header, &[])
            .key()
            .and_then(Field::of_key)
        {
            Some(f) => (
                None,
                ColumnReason::OtherTable(f.key().to_owned()),
                Vec::new(),
            ),
            None => (None, ColumnReason::Unknown, Vec::new()),
        },
    }
}

/// The language most of the headers are written in, if any phrase tells: each header votes for
/// the languages whose phrase it matched; a tie goes to French, then Dutch.
fn headers_lang(votes: &[Vec<Lang>]) -> Option<Lang> {
    let mut counts = [0usize; 3];
    for langs in votes {
        if langs.len() == Lang::ALL.len() {
            continue;
        }
        for lang in langs {
            if let Some(i) = Lang::ALL.iter().position(|l| l == lang) {
                counts[i] += 1;
            }
        }
    }
    let best = *counts.iter().max()?;
    let index = (best > 0).then(|| counts.iter().position(|c| *c == best))??;
    Some(Lang::ALL[index])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Directives,
    Cases,
}

impl Kind {
    fn fields(self) -> &'static [Field] {
        match self {
            Kind::Directives => DIRECTIVE_FIELDS,
            Kind::Cases => CASE_FIELDS,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Directives => "directives",
            Kind::Cases => "cases",
        }
    }
}

/// One column of a recognised header row.
struct HeaderColumn {
    col: usize,
    text: String,
    field: Option<Field>,
    reason: ColumnReason,
}

/// A recognised header row: the table it opens and its columns.
struct Header {
    kind: Kind,
    /// Position in the range.
    row: usize,
    first_col: usize,
    all: Vec<HeaderColumn>,
    /// The read columns: (position, field, header text).
    columns: Vec<(usize, Field, String)>,
    /// For each read column, the languages its header is written in.
    langs: Vec<Vec<Lang>>,
}

/// How the headers of a row read for a kind of table, `--column` mappings first.
fn read_headers(
    headers: &[(usize, String)],
    kind: Kind,
    mappings: &[ColumnMapping],
) -> (Vec<HeaderColumn>, Vec<Vec<Lang>>) {
    let mut out: Vec<HeaderColumn> = Vec::new();
    let mut langs = Vec::new();
    for (col, text) in headers {
        let mapped = mappings
            .iter()
            .find(|m| header_key(&m.header) == header_key(text));
        let (field, reason, lang) = match mapped {
            Some(m) if m.field == IGNORE => (None, ColumnReason::Ignored, Vec::new()),
            Some(m) => match Field::of_key(&m.field).filter(|f| kind.fields().contains(f)) {
                Some(f) => (Some(f), ColumnReason::Mapped, Vec::new()),
                None => (None, ColumnReason::OtherTable(m.field.clone()), Vec::new()),
            },
            None => field_among(text, kind.fields()),
        };
        let (field, reason) = match field {
            Some(f) if out.iter().any(|c| c.field == Some(f)) => {
                (None, ColumnReason::Duplicate(f.key().to_owned()))
            }
            other => (other, reason),
        };
        if field.is_some() {
            langs.push(lang);
        }
        out.push(HeaderColumn {
            col: *col,
            text: text.clone(),
            field,
            reason,
        });
    }
    (out, langs)
}

fn find_header(range: &calamine::Range<Data>, mappings: &[ColumnMapping]) -> Option<Header> {
    for (row_index, row) in range.rows().enumerate().take(HEADER_SEARCH_ROWS) {
        let headers: Vec<(usize, String)> = row
            .iter()
            .enumerate()
            .filter_map(|(i, cell)| text_of(cell).map(|t| (i, t)))
            .collect();
        if headers.len() < 3 {
            continue;
        }
        let read = |kind: Kind| {
            let (all, langs) = read_headers(&headers, kind, mappings);
            let fields: Vec<Field> = all.iter().filter_map(|c| c.field).collect();
            (all, langs, fields)
        };
        let (cases, case_langs, case_fields) = read(Kind::Cases);
        let (directives, directive_langs, directive_fields) = read(Kind::Directives);
        let (kind, all, langs) =
            if case_fields.contains(&Field::CaseNumber) && case_fields.len() >= 3 {
                (Kind::Cases, cases, case_langs)
            } else if directive_fields.contains(&Field::Directive)
                && directive_fields.len() >= 3
                && DIRECTIVE_ONLY.iter().any(|f| directive_fields.contains(f))
            {
                (Kind::Directives, directives, directive_langs)
            } else {
                continue;
            };
        let columns = all
            .iter()
            .filter_map(|c| Some((c.col, c.field?, c.text.clone())))
            .collect();
        let first_col = headers.first().map_or(0, |(col, _)| *col);
        return Some(Header {
            kind,
            row: row_index,
            first_col,
            all,
            columns,
            langs,
        });
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Cells.

/// The text of a cell as a person reads it, trimmed; None for an empty cell.
fn text_of(cell: &Data) -> Option<String> {
    let text = match cell {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) => {
            date_cell(cell).map_or_else(|| cell.to_string(), |d| d.format("%d/%m/%Y").to_string())
        }
        Data::Error(e) => format!("#{e:?}"),
    };
    (!text.is_empty()).then_some(text)
}

/// The date of a date cell (None for a serial outside Excel's calendar).
fn date_cell(cell: &Data) -> Option<NaiveDate> {
    crate::workbook::date_of(cell)
}

/// A plain number in a date column: a serial date whose cell lost its date format. Only whole
/// numbers from 1954 to 2119 are taken, so that a year or a count is not read as a date.
fn serial_date(cell: &Data) -> Option<NaiveDate> {
    use calamine::DataType;
    let serial = match cell {
        Data::Int(i) => *i as f64,
        Data::Float(f) if f.fract() == 0.0 => *f,
        _ => return None,
    };
    if !(20_000.0..=80_000.0).contains(&serial) {
        return None;
    }
    Data::Float(serial).as_date()
}

const DATE_EXPECTED: &str = "a date like 30/09/2021 or 2021-09-30";
const DATE_RANGE_EXPECTED: &str = "a date from 1958 to 2100, like 30/09/2021";
const PLANNED_EXPECTED: &str = "a planned date like 30/09/2021, or an approximate one like T2 2021, fin 2021, 07.2021 or décembre 2023";

fn date_expected(e: &DateError, fallback: &str) -> String {
    match e {
        DateError::DoesNotExist { reason, .. } => format!("a date that exists ({reason})"),
        DateError::OutOfRange { .. } => DATE_RANGE_EXPECTED.to_owned(),
        DateError::Character { .. } => {
            format!("{fallback}, without invisible or control characters")
        }
        _ => fallback.to_owned(),
    }
}

fn id_expected(e: &IdError) -> String {
    match e {
        IdError::Empty { expected, .. } | IdError::Invalid { expected, .. } => {
            (*expected).to_owned()
        }
        IdError::NotADirective { found, .. } => {
            format!(
                "a directive, not {found}: a number like 2019/1024, Directive (EU) 2019/1024 or 32019L1024"
            )
        }
        IdError::Character { .. }
        | IdError::SeveralDirectives { .. }
        | IdError::ImplausibleYear { .. } => e.expected(),
    }
}

// ---------------------------------------------------------------------------------------------
// Rows.

/// One data row of a table, with what is needed to name its cells in a diagnostic.
struct RowCtx<'a> {
    file: &'a str,
    sheet: &'a str,
    /// The spreadsheet's row number, 1-based.
    number: usize,
    cells: &'a [Data],
    columns: &'a [(usize, Field, String)],
    diagnostics: Vec<Diagnostic>,
}

impl RowCtx<'_> {
    fn column(&self, field: Field) -> Option<(&Data, &str)> {
        let (col, _, header) = self.columns.iter().find(|(_, f, _)| *f == field)?;
        Some((
            self.cells.get(*col).unwrap_or(&Data::Empty),
            header.as_str(),
        ))
    }

    fn problem(&mut self, field: Field, found: &str, expected: impl Into<String>) {
        let header = self
            .column(field)
            .map(|(_, h)| h.to_owned())
            .unwrap_or_default();
        self.diagnostics.push(
            Diagnostic::new(self.file, found, expected)
                .sheet(self.sheet)
                .row(self.number)
                .column(&header),
        );
    }

    /// The cell's text; an Excel error (#N/A, #REF!) is a problem, not a value.
    fn text(&mut self, field: Field) -> Option<String> {
        let (cell, _) = self.column(field)?;
        if let Data::Error(_) = cell {
            let found = text_of(cell).unwrap_or_default();
            self.problem(field, &found, "a value, not an Excel error");
            return None;
        }
        text_of(cell)
    }

    fn date(&mut self, field: Field) -> Option<NaiveDate> {
        let (cell, _) = self.column(field)?;
        if let Data::DateTime(_) = cell {
            // A date cell from 1958 to 2100 (the years EU law has dates in), as typed dates are.
            let date = date_cell(cell).filter(|d| domain::check_range(*d).is_ok());
            if date.is_none() {
                let found = date_cell(cell)
                    .map_or_else(|| cell.to_string(), |d| d.format("%d/%m/%Y").to_string());
                self.problem(field, &found, DATE_RANGE_EXPECTED);
            }
            return date;
        }
        if let Some(date) = serial_date(cell) {
            return Some(date);
        }
        let text = self.text(field)?;
        match parse_date(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(field, &text, date_expected(&e, DATE_EXPECTED));
                None
            }
        }
    }

    /// Several dates in one cell, separated by `;` or line breaks.
    fn dates(&mut self, field: Field) -> Vec<NaiveDate> {
        let Some((cell, _)) = self.column(field) else {
            return Vec::new();
        };
        if matches!(cell, Data::DateTime(_) | Data::Int(_) | Data::Float(_)) {
            return self.date(field).into_iter().collect();
        }
        let Some(text) = self.text(field) else {
            return Vec::new();
        };
        let mut dates = Vec::new();
        for part in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match parse_date(part) {
                Ok(d) => dates.push(d),
                Err(e) => self.problem(field, part, date_expected(&e, DATE_EXPECTED)),
            }
        }
        dates
    }

    /// An exact planned date is kept in its canonical form (30/06/2021), so that it reads the same
    /// from a date cell and from a text cell; an approximate one keeps its text.
    fn planned(&mut self, field: Field) -> Option<PlannedDate> {
        let (cell, _) = self.column(field)?;
        if matches!(cell, Data::DateTime(_) | Data::Int(_) | Data::Float(_)) {
            return self.date(field).map(PlannedDate::exact);
        }
        let text = self.text(field)?;
        match PlannedDate::parse(&text) {
            Ok(p) if p.approximate => Some(p),
            Ok(p) => Some(PlannedDate::exact(p.no_later_than)),
            Err(e) => {
                self.problem(field, &text, date_expected(&e, PLANNED_EXPECTED));
                None
            }
        }
    }

    fn parsed<T>(&mut self, field: Field, parse: impl Fn(&str) -> Result<T, IdError>) -> Option<T> {
        let text = self.text(field)?;
        match parse(&text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.problem(field, &text, id_expected(&e));
                None
            }
        }
    }

    /// The key of the row: a problem when it is missing.
    fn required<T>(
        &mut self,
        field: Field,
        what: &str,
        parse: impl Fn(&str) -> Result<T, IdError>,
    ) -> Option<T> {
        if self
            .column(field)
            .is_some_and(|(cell, _)| text_of(cell).is_none())
        {
            self.problem(field, "", format!("{what}: this column cannot be empty"));
            return None;
        }
        self.parsed(field, parse)
    }

    /// Several names in one cell, separated by `+`, `;` or line breaks.
    fn names(&mut self, field: Field) -> Vec<String> {
        let Some(text) = self.text(field) else {
            return Vec::new();
        };
        text.split(['+', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn directive(&mut self) -> Option<DirectiveRow> {
        let id = self.required(
            Field::Directive,
            "a directive like 2019/1024",
            DirectiveId::parse,
        );
        let row = DirectiveRow {
            id: id.unwrap_or(DirectiveId { year: 0, number: 0 }),
            title: self.text(Field::Title),
            deadlines: self.dates(Field::Deadlines),
            authorities: {
                let mut names = self.names(Field::Authority);
                names.extend(
                    self.names(Field::Associated)
                        .into_iter()
                        .filter(|n| !names.contains(n))
                        .collect::<Vec<_>>(),
                );
                names
            },
            competence: self.parsed(Field::Competence, |s| s.parse::<Competence>()),
            measures_text: self.text(Field::Measures),
            published_on: self.date(Field::Published),
            notified_on: self.date(Field::Notified),
            status: self.status(),
            status_text: self
                .text(Field::Status)
                .filter(|t| t.chars().any(char::is_alphanumeric)),
            planned: self.planned(Field::Planned),
            notes: self.text(Field::Notes),
        };
        (id.is_some() && self.diagnostics.is_empty()).then_some(row)
    }

    /// The status cell read by rule ([`read_status`]); a cell that says nothing readable is a
    /// problem, never a default. A cell of dashes alone is an empty cell.
    fn status(&mut self) -> Option<TranspositionState> {
        let text = self.text(Field::Status)?;
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        let state = read_status(&text);
        if state.is_none() {
            self.problem(Field::Status, &text, STATUS_EXPECTED);
        }
        state
    }

    fn case(&mut self) -> Option<CaseRow> {
        let number = self.required(
            Field::CaseNumber,
            "an infringement number like INFR(2020)0385",
            InfringementNumber::parse,
        );
        let mut directives = Vec::new();
        if let Some(text) = self.text(Field::Directive) {
            // A list: "2019/1024; 2019/1937", one directive per item (domain's one rule for lists).
            match DirectiveId::parse_list(&text) {
                Ok(ids) => directives = ids,
                Err(e) => self.problem(Field::Directive, &text, id_expected(&e)),
            }
        }
        let case_type = self.parsed(Field::CaseType, case_type_of);
        let stage_text = self.text(Field::Stage);
        let stage = stage_text.clone().and_then(|text| {
            let stage = stage_from_words(&text, case_type);
            if stage.is_none() {
                self.problem(Field::Stage, &text, STAGE_EXPECTED);
            }
            stage
        });
        let row = CaseRow {
            number: number.unwrap_or(InfringementNumber { year: 0, serial: 0 }),
            directives,
            subject: self.text(Field::Title),
            case_type,
            stage,
            stage_text,
            decided_on: self.date(Field::Decided),
            reply_deadline: self.date(Field::ReplyDeadline),
            reply_sent_on: self.date(Field::ReplySent),
            reply_entered_on: self.date(Field::Entered),
            authority: self.text(Field::Authority),
            notes: self.text(Field::Notes),
        };
        (number.is_some() && self.diagnostics.is_empty()).then_some(row)
    }
}

const STATUS_EXPECTED: &str = "a status like transposée, partiellement transposée, en cours, non transposée, sans objet \
     (or volledig omgezet, gedeeltelijk omgezet, lopend, niet omgezet, niet van toepassing; or the English words)";

const STAGE_EXPECTED: &str = "a stage like Mise en demeure, Avis motivé, Saisine de la Cour, Classement \
     (or Ingebrekestelling, Met redenen omkleed advies, Reasoned opinion...), \
     with art. 260(3) only for a non-communication case";

/// A case type as the tables write it: the words of the [case_type] vocabulary.
fn case_type_of(text: &str) -> Result<CaseType, IdError> {
    text.parse::<CaseType>()
}

/// True for a legend or a note under the table: long text alone in the table's first column.
fn is_legend(cells: &[Data], first_col: usize) -> bool {
    let filled: Vec<(usize, &Data)> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| text_of(c).is_some())
        .collect();
    let [(col, Data::String(text))] = filled.as_slice() else {
        return false;
    };
    let key = header_key(text);
    let legend_word = ["legende", "legend", "note", "nota", "nb", "source", "bron"]
        .iter()
        .any(|w| key == *w || key.starts_with(&format!("{w} ")));
    *col <= first_col
        && (legend_word || text.trim_start().starts_with('*') || text.chars().count() >= 40)
}

// ---------------------------------------------------------------------------------------------
// The workbook.

/// Where a row is, and its key as written, to name it in a diagnostic.
struct Spot {
    sheet: String,
    row: usize,
    key_header: String,
    key_text: String,
}

/// A valid row and where it came from, until duplicates are settled.
struct Placed<T> {
    spot: Spot,
    value: T,
}

struct TableReader<'a> {
    file: &'a str,
    mappings: &'a [ColumnMapping],
    limits: &'a Limits,
    columns: Vec<ColumnReading>,
    /// For each column read, the languages its header is written in.
    langs: Vec<Vec<Lang>>,
    directives: Vec<Placed<DirectiveRow>>,
    cases: Vec<Placed<CaseRow>>,
    diagnostics: Vec<Diagnostic>,
    unknown_columns: Vec<(String, String)>,
    rejected_rows: usize,
    /// For each sheet read, the header written above each record field.
    headers: HashMap<String, Vec<(&'static str, String)>>,
}

impl TableReader<'_> {
    /// Reads the table of a sheet, if it has one.
    fn read_sheet(&mut self, sheet: &str, range: &calamine::Range<Data>) -> bool {
        let Some(header) = find_header(range, self.mappings) else {
            return false;
        };
        self.langs.extend(header.langs.iter().cloned());
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let first_col = range.start().map_or(0, |(_, col)| col as usize);
        let mut readings: Vec<ColumnReading> = header
            .all
            .iter()
            .map(|c| ColumnReading {
                sheet: sheet.to_owned(),
                table: header.kind.name(),
                column: column_letters(first_col + c.col),
                header: c.text.clone(),
                field: c.field.map(Field::key),
                reason: c.reason.clone(),
                samples: Vec::new(),
                filled: 0,
            })
            .collect();
        for cells in range.rows().skip(header.row + 1) {
            if is_legend(cells, header.first_col) {
                break;
            }
            for (reading, c) in readings.iter_mut().zip(&header.all) {
                if let Some(text) = cells.get(c.col).and_then(text_of) {
                    // A sample past `cell-chars` is shown by its length and its start.
                    let text =
                        input::long_cell(&text, self.limits).map_or(text, |(found, _)| found);
                    reading.filled += 1;
                    if reading.samples.len() < 3 && !reading.samples.contains(&text) {
                        reading.samples.push(text);
                    }
                }
            }
        }
        for reading in &readings {
            let entry = (sheet.to_owned(), reading.header.clone());
            if reading.field.is_none()
                && reading.filled > 0
                && !self.unknown_columns.contains(&entry)
            {
                self.unknown_columns.push(entry);
            }
        }
        self.columns.extend(readings);
        let named = header
            .columns
            .iter()
            .filter_map(|(_, f, h)| Some((record_field(header.kind, *f)?, h.clone())));
        self.headers.insert(sheet.to_owned(), named.collect());
        let key_field = match header.kind {
            Kind::Directives => Field::Directive,
            Kind::Cases => Field::CaseNumber,
        };
        let meaningful: Vec<usize> = header
            .columns
            .iter()
            .filter(|(_, f, _)| *f != Field::RowNumber)
            .map(|(c, _, _)| *c)
            .collect();
        for (index, cells) in range.rows().enumerate().skip(header.row + 1) {
            if is_legend(cells, header.first_col) {
                break;
            }
            if meaningful
                .iter()
                .all(|c| cells.get(*c).and_then(text_of).is_none())
            {
                continue;
            }
            let number = first_row + index + 1;
            // A cell past `cell-chars` is not read: its row is rejected, the others are read.
            let long: Vec<Diagnostic> = header
                .columns
                .iter()
                .filter_map(|(col, _, column)| {
                    let Some(Data::String(text)) = cells.get(*col) else {
                        return None;
                    };
                    let (found, expected) = input::long_cell(text, self.limits)?;
                    Some(
                        Diagnostic::new(self.file, found, expected)
                            .sheet(sheet)
                            .row(number)
                            .column(column),
                    )
                })
                .collect();
            if !long.is_empty() {
                self.reject(long);
                continue;
            }
            let mut ctx = RowCtx {
                file: self.file,
                sheet,
                number,
                cells,
                columns: &header.columns,
                diagnostics: Vec::new(),
            };
            let (key_header, key_text) = ctx
                .column(key_field)
                .map(|(cell, h)| (h.to_owned(), text_of(cell).unwrap_or_default()))
                .unwrap_or_default();
            let spot = Spot {
                sheet: sheet.to_owned(),
                row: ctx.number,
                key_header,
                key_text,
            };
            match header.kind {
                Kind::Directives => match ctx.directive() {
                    Some(value) => self.directives.push(Placed { spot, value }),
                    None => self.reject(ctx.diagnostics),
                },
                Kind::Cases => match ctx.case() {
                    Some(value) => self.cases.push(Placed { spot, value }),
                    None => self.reject(ctx.diagnostics),
                },
            }
        }
        true
    }

    fn reject(&mut self, diagnostics: Vec<Diagnostic>) {
        self.rejected_rows += 1;
        self.diagnostics.extend(diagnostics);
    }

    fn finish(mut self) -> TablesImport {
        let directives = std::mem::take(&mut self.directives);
        let cases = std::mem::take(&mut self.cases);
        let directives = self.settle_duplicates(directives, |r| r.id.celex(), "directive");
        let cases = self.settle_duplicates(cases, |r| r.number.to_string(), "infringement case");
        let lang = headers_lang(&self.langs);
        let place = |spot: &Spot| RowPlace {
            sheet: spot.sheet.clone(),
            row: spot.row,
        };
        let directive_places = directives.iter().map(|p| place(&p.spot)).collect();
        let case_places = cases.iter().map(|p| place(&p.spot)).collect();
        TablesImport {
            tables: Tables {
                directives: directives.into_iter().map(|p| p.value).collect(),
                cases: cases.into_iter().map(|p| p.value).collect(),
            },
            diagnostics: self.diagnostics,
            unknown_columns: self.unknown_columns,
            columns: self.columns,
            rejected_rows: self.rejected_rows,
            lang,
            directive_places,
            case_places,
            headers: self.headers,
        }
    }

    /// Rows with the same key: identical ones are one row; different ones are all rejected, each
    /// with a diagnostic naming the other rows.
    fn settle_duplicates<T: Serialize + PartialEq>(
        &mut self,
        rows: Vec<Placed<T>>,
        key: impl Fn(&T) -> String,
        what: &str,
    ) -> Vec<Placed<T>> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            by_key.entry(key(&row.value)).or_default().push(i);
        }
        let mut keep = vec![true; rows.len()];
        let mut conflicts: Vec<(usize, String)> = Vec::new();
        for (key, indexes) in &by_key {
            let Some((&first, others)) = indexes.split_first() else {
                continue;
            };
            if others.iter().all(|&i| rows[i].value == rows[first].value) {
                others.iter().for_each(|&i| keep[i] = false);
                continue;
            }
            let fields = differing_fields(indexes.iter().map(|&i| &rows[i].value));
            for &i in indexes {
                // In the order of the sheet's columns.
                let headers = self
                    .headers
                    .get(&rows[i].spot.sheet)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let columns: Vec<&str> = headers
                    .iter()
                    .filter(|(name, _)| fields.iter().any(|f| f == name))
                    .map(|(_, h)| h.as_str())
                    .collect();
                keep[i] = false;
                let elsewhere: Vec<String> = indexes
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| {
                        if rows[j].spot.sheet == rows[i].spot.sheet {
                            format!("row {}", rows[j].spot.row)
                        } else {
                            format!("row {} of sheet {}", rows[j].spot.row, rows[j].spot.sheet)
                        }
                    })
                    .collect();
                let expected = format!(
                    "one row per {what}: {key} is also on {}, with a different {}",
                    elsewhere.join(", "),
                    columns.join(", ")
                );
                conflicts.push((i, expected));
            }
        }
        conflicts.sort_by_key(|(i, _)| *i);
        self.rejected_rows += conflicts.len();
        for (i, expected) in conflicts {
            let spot = &rows[i].spot;
            self.diagnostics.push(
                Diagnostic::new(self.file, spot.key_text.clone(), expected)
                    .sheet(&spot.sheet)
                    .row(spot.row)
                    .column(&spot.key_header),
            );
        }
        rows.into_iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|(row, _)| row)
            .collect()
    }
}

/// The record fields (serde names) that differ between rows.
fn differing_fields<'a, T: Serialize + 'a>(rows: impl Iterator<Item = &'a T>) -> Vec<String> {
    let values: Vec<serde_json::Value> =
        rows.filter_map(|r| serde_json::to_value(r).ok()).collect();
    let Some(serde_json::Value::Object(first)) = values.first() else {
        return Vec::new();
    };
    first
        .keys()
        .filter(|k| {
            values
                .iter()
                .any(|v| v.get(k.as_str()) != first.get(k.as_str()))
        })
        .cloned()
        .collect()
}

/// The field of a row record that a column fills: to name, in a diagnostic, the column people see.
fn record_field(kind: Kind, field: Field) -> Option<&'static str> {
    let name = match (kind, field) {
        (_, Field::RowNumber) => return None,
        (Kind::Directives, Field::Directive) => "id",
        (Kind::Cases, Field::Directive) => "directives",
        (Kind::Directives, Field::Title) => "title",
        (Kind::Cases, Field::Title) => "subject",
        (Kind::Directives, Field::Authority) => "authorities",
        (Kind::Cases, Field::Authority) => "authority",
        (_, Field::Associated) => "authorities",
        (_, Field::Deadlines) => "deadlines",
        (_, Field::Competence) => "competence",
        (_, Field::Measures) => "measures_text",
        (_, Field::Published) => "published_on",
        (_, Field::Notified) => "notified_on",
        (_, Field::Status) => "status",
        (_, Field::Planned) => "planned",
        (_, Field::Notes) => "notes",
        (_, Field::CaseNumber) => "number",
        (_, Field::CaseType) => "case_type",
        (_, Field::Stage) => "stage",
        (_, Field::Decided) => "decided_on",
        (_, Field::ReplyDeadline) => "reply_deadline",
        (_, Field::ReplySent) => "reply_sent_on",
        (_, Field::Entered) => "reply_entered_on",
    };
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_header(header: &str, expected: Option<Field>) {
        let fields: Vec<Field> = DIRECTIVE_FIELDS
            .iter()
            .chain(CASE_FIELDS)
            .copied()
            .collect();
        let read = [Kind::Directives, Kind::Cases].map(|kind| field_among(header, kind.fields()).0);
        let got = read
            .iter()
            .flatten()
            .find(|f| Some(**f) == expected)
            .or(read.iter().flatten().next())
            .copied();
        let got = got.filter(|f| fields.contains(f));
        assert_eq!(got, expected, "{header:?}");
    }

    #[test]
    fn headers_in_three_languages() {
        check_header("N°", Some(Field::RowNumber));
        check_header("Délai de transposition", Some(Field::Deadlines));
        check_header("DELAI DE  TRANSPOSITION", Some(Field::Deadlines));
        check_header("Omzettingstermijn", Some(Field::Deadlines));
        check_header("Transposition deadline", Some(Field::Deadlines));
        check_header("Administration compétente", Some(Field::Authority));
        check_header("Bevoegde administratie", Some(Field::Authority));
        check_header("Compétence RBC", Some(Field::Competence));
        check_header("Bevoegdheid BHG", Some(Field::Competence));
        check_header("Publication MB", Some(Field::Published));
        check_header("Publicatie BS", Some(Field::Published));
        check_header("Notification MNE", Some(Field::Notified));
        check_header("Kennisgeving NUM", Some(Field::Notified));
        check_header("État", Some(Field::Status));
        check_header("Date prévue", Some(Field::Planned));
        check_header("Date prévue (ETA)", Some(Field::Planned));
        check_header("Geplande datum", Some(Field::Planned));
        check_header("N° procédure", Some(Field::CaseNumber));
        check_header("Inbreuknummer", Some(Field::CaseNumber));
        check_header("Stadium", Some(Field::Stage));
        check_header("Encodage MNE-INFRA", Some(Field::Entered));
        check_header("Réponse envoyée", Some(Field::ReplySent));
        check_header("Délai de réponse", Some(Field::ReplyDeadline));
        check_header("Datum beslissing", Some(Field::Decided));
        check_header("Budget", None);
        check_header("Délai", None);
        check_header("Délai (jours)", None);
    }

    #[test]
    fn legends() {
        let s = |t: &str| Data::String(t.to_owned());
        assert!(is_legend(&[s("Légende : MB = Moniteur belge")], 0));
        assert!(is_legend(
            &[Data::Empty, s("Legende: BS = Belgisch Staatsblad")],
            1
        ));
        assert!(is_legend(
            &[s(
                "Situation arrêtée par la Cellule le 1er mars 2021 en séance"
            )],
            0
        ));
        assert!(!is_legend(&[s("INFR(2020)0380")], 0));
        assert!(!is_legend(&[s("Légende"), s("x")], 0));
        assert!(!is_legend(
            &[Data::Empty, s("Légende : MB = Moniteur belge")],
            0
        ));
        assert!(!is_legend(&[Data::Float(1.0)], 0));
    }

    #[test]
    fn cell_texts() {
        assert_eq!(
            text_of(&Data::Float(20200385.0)).as_deref(),
            Some("20200385")
        );
        assert_eq!(text_of(&Data::Float(1.5)).as_deref(), Some("1.5"));
        assert_eq!(text_of(&Data::String("  a ".into())).as_deref(), Some("a"));
        assert_eq!(text_of(&Data::String("   ".into())), None);
        assert_eq!(text_of(&Data::Empty), None);
    }

    #[test]
    fn case_types() {
        assert_eq!(
            case_type_of("Non-communication"),
            Ok(CaseType::NonCommunication)
        );
        assert_eq!(
            case_type_of("Niet-omzetting"),
            Ok(CaseType::NonCommunication)
        );
        assert_eq!(
            case_type_of("Mauvaise application"),
            Ok(CaseType::BadApplication)
        );
        assert_eq!(
            case_type_of("niet-conformiteit"),
            Ok(CaseType::NonConformity)
        );
        assert!(case_type_of("autre").is_err());
    }

    #[test]
    fn not_a_workbook() {
        let err = parse(b"not a workbook", "suivi.xlsx", &Limits::default())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(
            err.as_ref()
                .is_err_and(|e| e.starts_with("cannot read suivi.xlsx as an Excel workbook")),
            "{err:?}"
        );
    }
}
