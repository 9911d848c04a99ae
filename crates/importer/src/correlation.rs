//! A correlation table an administration filled in: for each provision of the directive, the
//! regional measure and provision(s) that transpose it, or why it does not apply to the Region, or
//! that it is still to do.
//!
//! The workbook is read by its words, not by the layout `report::correlation` writes: the
//! identification row naming the directive and the header row are found by the
//! `correlation_columns` phrases of the vocabulary in French, Dutch or English, the columns in any
//! order, on the first sheet that has the header; a state is read by the `correlation_state`
//! phrases. Checking the lines needs the directive's provisions and measures as the database holds
//! them ([`Known`]); every problem is a [`Diagnostic`] at its place, and the caller writes nothing
//! when there is one.
//!
//! A line naming a whole article whose paragraphs the directive numbers (`5` for `5(1)`, `5(2)`)
//! stands for each of its paragraphs.

use std::collections::{BTreeMap, HashSet};

use calamine::{Data, Range};
use domain::provision::LineProblem;
use domain::text::fold;
use domain::vocab::Vocabulary;
use domain::{CorrelationState, DirectiveId, Provision};

use crate::diagnostic::Diagnostic;
use crate::input;
use crate::limits::Limits;
use crate::workbook::{Workbook, WorkbookError, column_letters, date_of};

/// What the database knows of the directive the table is about.
#[derive(Clone, Debug)]
pub struct Known {
    pub directive: DirectiveId,
    /// In the directive's order.
    pub provisions: Vec<Provision>,
    /// Each measure of the directive: its number in the tool and the names people may write for
    /// it (its references in each language, its titles, its CELEX).
    pub measures: Vec<(i32, Vec<String>)>,
}

/// A line of the table, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The row as people count it.
    pub row: usize,
    /// The provisions it is about: one, or the numbered paragraphs of the article it names.
    pub provisions: Vec<Provision>,
    pub measure: Option<i32>,
    pub state: CorrelationState,
    pub regional: Option<String>,
    pub reason: Option<String>,
}

/// What a correlation workbook holds.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub sheet: Option<String>,
    pub lines: Vec<Line>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The workbook cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot read {file} as an Excel workbook: {reason}")]
    Workbook { file: String, reason: String },
    #[error("{file}: {problem}")]
    Input {
        file: String,
        problem: input::InputError,
    },
}

const COLUMNS: &str = "correlation_columns";
const STATES: &str = "correlation_state";

const FIELDS: [&str; 8] = [
    "directive",
    "provision",
    "heading",
    "excerpt",
    "measure",
    "regional",
    "state",
    "reason",
];

fn field_of(text: &str) -> Option<&'static str> {
    let key = Vocabulary::get().find_whole(COLUMNS, text)?;
    FIELDS.iter().copied().find(|f| *f == key)
}

fn state_of(text: &str) -> Option<CorrelationState> {
    match Vocabulary::get().find_whole(STATES, text)? {
        "transposed" => Some(CorrelationState::Transposed),
        "not_applicable" => Some(CorrelationState::NotApplicable),
        "to_do" => Some(CorrelationState::ToDo),
        _ => None,
    }
}

fn cell_text(cell: &Data) -> Option<String> {
    let text = match cell {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            // "5.1" typed in a cell arrives as the number 5.1: read it back as written.
            let s = f.to_string();
            s.trim_end_matches(".0").to_owned()
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) => {
            date_of(cell).map_or_else(|| cell.to_string(), |d| d.format("%d/%m/%Y").to_string())
        }
        Data::Error(e) => format!("#{e:?}"),
    };
    (!text.is_empty()).then_some(text)
}

fn workbook_error(file: &str) -> impl Fn(WorkbookError) -> TableError + '_ {
    move |e| match e {
        WorkbookError::Input(problem) => TableError::Input {
            file: file.to_owned(),
            problem,
        },
        WorkbookError::Read(reason) => TableError::Workbook {
            file: file.to_owned(),
            reason,
        },
    }
}

/// The sheet with the header, its rows and the header's index and columns.
struct Found<'a> {
    sheet: String,
    start_row: usize,
    start_col: usize,
    rows: Vec<&'a [Data]>,
    header: usize,
    columns: BTreeMap<&'static str, usize>,
}

fn find_header<'a>(sheet: &str, range: &'a Range<Data>) -> Option<Found<'a>> {
    let rows: Vec<&[Data]> = range.rows().collect();
    let (header, columns) = rows.iter().enumerate().find_map(|(i, row)| {
        let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
        for (j, cell) in row.iter().enumerate() {
            if let Some(field) = cell_text(cell).as_deref().and_then(field_of) {
                columns.entry(field).or_insert(j);
            }
        }
        (columns.contains_key("provision") && columns.contains_key("state")).then_some((i, columns))
    })?;
    Some(Found {
        sheet: sheet.to_owned(),
        start_row: range.start().map_or(0, |(r, _)| r as usize),
        start_col: range.start().map_or(0, |(_, c)| c as usize),
        rows,
        header,
        columns,
    })
}

const NO_HEADER: &str = "a header row naming at least the provision and state columns (Disposition de la directive / Bepaling van de richtlijn / Provision of the directive and État / Stand / State)";

/// The directive the table names in its identification row ("Directive | 2018/2001" above the
/// header), with the diagnostic when it names none or one that is not a directive.
pub fn directive_named(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<Result<DirectiveId, Diagnostic>, TableError> {
    let mut workbook = Workbook::open(bytes, limits).map_err(workbook_error(file))?;
    for sheet in workbook.sheet_names() {
        let range = workbook.range(&sheet).map_err(workbook_error(file))?;
        let Some(found) = find_header(&sheet, &range) else {
            continue;
        };
        for (i, row) in found.rows.iter().enumerate().take(found.header) {
            let mut cells = row
                .iter()
                .enumerate()
                .filter_map(|(j, c)| cell_text(c).map(|t| (j, t)));
            let Some((_, label)) = cells.next() else {
                continue;
            };
            if field_of(&label) != Some("directive") {
                continue;
            }
            let place = Diagnostic::new(file, "", "")
                .sheet(&sheet)
                .row(found.start_row + i + 1);
            return Ok(match cells.next() {
                Some((j, value)) => DirectiveId::parse(&value).map_err(|e| {
                    Diagnostic {
                        found: value.clone(),
                        expected: e.expected(),
                        ..place
                    }
                    .column(&column_letters(found.start_col + j))
                }),
                None => Err(Diagnostic {
                    found: "no directive named".to_owned(),
                    expected: "the directive's number beside \"Directive\" / \"Richtlijn\", like 2018/2001".to_owned(),
                    ..place
                }),
            });
        }
        return Ok(Err(Diagnostic::new(
            file,
            "no directive named",
            "a row \"Directive\" / \"Richtlijn\" above the header naming the directive, like 2018/2001",
        )
        .sheet(&sheet)
        .row(found.start_row + found.header + 1)));
    }
    Ok(Err(Diagnostic::new(
        file,
        "no sheet with a header row",
        NO_HEADER,
    )))
}

/// Reads the table's lines and checks them against what the database knows of the directive.
pub fn read(bytes: &[u8], file: &str, known: &Known, limits: &Limits) -> Result<Table, TableError> {
    let mut workbook = Workbook::open(bytes, limits).map_err(workbook_error(file))?;
    for sheet in workbook.sheet_names() {
        let range = workbook.range(&sheet).map_err(workbook_error(file))?;
        if let Some(found) = find_header(&sheet, &range) {
            return Ok(read_lines(file, &found, known, limits));
        }
    }
    Ok(Table {
        diagnostics: vec![Diagnostic::new(
            file,
            "no sheet with a header row",
            NO_HEADER,
        )],
        ..Table::default()
    })
}

/// What a row names, as the expected text of a diagnostic says it.
fn provisions_expected(known: &Known) -> String {
    let articles: Vec<&Provision> = known
        .provisions
        .iter()
        .filter(|p| matches!(p, Provision::Article { .. }))
        .collect();
    let annexes: Vec<String> = known
        .provisions
        .iter()
        .filter(|p| matches!(p, Provision::Annex(_)))
        .map(Provision::code)
        .collect();
    let first_last = |v: &[&Provision]| match (v.first(), v.last()) {
        (Some(a), Some(b)) => format!("articles {} to {}", a.article().code(), b.article().code()),
        _ => "no article".to_owned(),
    };
    let mut text = format!(
        "a provision of Directive {}: {} (with their numbered paragraphs, like 5(1))",
        known.directive,
        first_last(&articles)
    );
    if !annexes.is_empty() {
        text.push_str(&format!(", {}", annexes.join(", ")));
    }
    text
}

fn read_lines(file: &str, found: &Found, known: &Known, limits: &Limits) -> Table {
    let mut out = Table {
        sheet: Some(found.sheet.clone()),
        ..Table::default()
    };
    let diag = |i: usize, j: usize, found_text: &str, expected: &str| {
        Diagnostic::new(file, found_text, expected)
            .sheet(&found.sheet)
            .row(found.start_row + i + 1)
            .column(&column_letters(found.start_col + j))
    };
    let col = |name: &str| found.columns.get(name).copied();
    let provision_col = found.columns["provision"];
    let state_col = found.columns["state"];
    let (measure_col, regional_col, reason_col) = (col("measure"), col("regional"), col("reason"));
    let known_set: HashSet<&Provision> = known.provisions.iter().collect();
    let measures: Vec<(i32, Vec<String>)> = known
        .measures
        .iter()
        .map(|(id, names)| (*id, names.iter().map(|n| fold(n)).collect()))
        .collect();
    let measure_names = || {
        let first: Vec<&str> = known
            .measures
            .iter()
            .filter_map(|(_, names)| names.first().map(String::as_str))
            .collect();
        if first.is_empty() {
            format!(
                "no measure: Directive {} has no regional measure yet (measure add), so nothing can be transposed by one",
                known.directive
            )
        } else {
            format!(
                "a measure of Directive {}: {}",
                known.directive,
                first.join("; ")
            )
        }
    };
    let states = "a state: Transposé / Omgezet / Transposed, Non applicable / Niet van toepassing / Not applicable, or À faire / Te doen / To do";
    let mut seen: HashSet<(Provision, Option<i32>)> = HashSet::new();
    for (i, row) in found.rows.iter().enumerate().skip(found.header + 1) {
        let get = |j: Option<usize>| j.and_then(|j| row.get(j)).and_then(cell_text);
        let provision_text = get(Some(provision_col));
        let state_text = get(Some(state_col));
        let measure_text = get(measure_col);
        let regional = get(regional_col);
        let reason = get(reason_col);
        let filled = [&state_text, &measure_text, &regional, &reason]
            .iter()
            .any(|c| c.is_some());
        let Some(provision_text) = provision_text else {
            if filled {
                out.diagnostics.push(diag(
                    i,
                    provision_col,
                    "",
                    "the provision of the directive this line is about",
                ));
            }
            continue;
        };
        let mut bad = false;
        for (j, text) in [(regional_col, &regional), (reason_col, &reason)] {
            if let (Some(j), Some(text)) = (j, text)
                && let Some((found_text, expected)) = input::long_cell(text, limits)
            {
                out.diagnostics.push(diag(i, j, &found_text, &expected));
                bad = true;
            }
        }
        // A number cell loses a paragraph's zeros (5.10 is stored 5.1): refused, not misread.
        if let Some(Data::Float(f)) = row.get(provision_col)
            && f.fract() != 0.0
        {
            out.diagnostics.push(diag(
                i,
                provision_col,
                &provision_text,
                "the provision typed as text, like 5(10): a number cell drops a paragraph's final zero",
            ));
            continue;
        }
        // The provision, and the paragraphs it stands for.
        let provisions = match Provision::parse(&provision_text) {
            Err(e) => {
                out.diagnostics
                    .push(diag(i, provision_col, &provision_text, &e.expected()));
                continue;
            }
            Ok(p) if known_set.contains(&p) => vec![p],
            Ok(p) => {
                let paragraphs: Vec<Provision> = match &p {
                    Provision::Article {
                        paragraph: None, ..
                    } => known
                        .provisions
                        .iter()
                        .filter(|k| k.article() == p)
                        .cloned()
                        .collect(),
                    _ => Vec::new(),
                };
                if paragraphs.is_empty() {
                    let expected = match &p {
                        Provision::Article {
                            paragraph: Some(_), ..
                        } if known_set.contains(&p.article()) => format!(
                            "Directive {} does not number the paragraphs of article {}: {}",
                            known.directive,
                            p.article().code(),
                            p.article().code()
                        ),
                        _ => provisions_expected(known),
                    };
                    out.diagnostics
                        .push(diag(i, provision_col, &provision_text, &expected));
                    continue;
                }
                paragraphs
            }
        };
        let Some(state_text) = state_text else {
            out.diagnostics.push(diag(i, state_col, "", states));
            continue;
        };
        let Some(state) = state_of(&state_text) else {
            out.diagnostics
                .push(diag(i, state_col, &state_text, states));
            continue;
        };
        let measure = match (&measure_text, measure_col) {
            (Some(text), Some(j)) => {
                let wanted = fold(text);
                let matching: Vec<i32> = measures
                    .iter()
                    .filter(|(_, names)| names.contains(&wanted))
                    .map(|(id, _)| *id)
                    .collect();
                match matching.as_slice() {
                    [id] => Some(*id),
                    [] => {
                        out.diagnostics.push(diag(i, j, text, &measure_names()));
                        continue;
                    }
                    _ => {
                        out.diagnostics.push(diag(
                            i,
                            j,
                            text,
                            "one measure: several measures of the directive have this name; write its title or its CELEX",
                        ));
                        continue;
                    }
                }
            }
            _ => None,
        };
        if let Err(problem) = domain::provision::check_line(
            state,
            measure.is_some(),
            regional.is_some(),
            reason.is_some(),
        ) {
            let (column, expected) = match problem {
                LineProblem::NoMeasure => (
                    measure_col,
                    format!("{} ({})", problem.expected(), measure_names()),
                ),
                LineProblem::NoRegionalProvision => (regional_col, problem.expected().to_owned()),
                LineProblem::NoReason => (reason_col, problem.expected().to_owned()),
            };
            out.diagnostics
                .push(diag(i, column.unwrap_or(state_col), "", &expected));
            continue;
        }
        for p in &provisions {
            if !seen.insert((p.clone(), measure)) {
                out.diagnostics.push(diag(
                    i,
                    provision_col,
                    &provision_text,
                    &format!(
                        "each provision once per measure ({} is on an earlier line{})",
                        p.code(),
                        if measure.is_some() {
                            " with the same measure"
                        } else {
                            ""
                        }
                    ),
                ));
                bad = true;
                break;
            }
        }
        if bad {
            continue;
        }
        out.lines.push(Line {
            row: found.start_row + i + 1,
            provisions,
            measure,
            state,
            regional,
            reason,
        });
    }
    out
}
