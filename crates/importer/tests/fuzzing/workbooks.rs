//! Workbooks tests/fuzz.rs writes from scratch with rust_xlsxwriter: the cells a mutation of the
//! few real workbooks rarely makes (dates out of the calendar, cells far from the table).

use proptest::prelude::*;

use super::mutations::{MARKUP_VALUES, PIECES};

/// A cell as written by rust_xlsxwriter.
#[derive(Clone, Debug)]
pub enum Written {
    Text(String),
    Number(f64),
    /// A number shown as a date (`dd/mm/yyyy`): what a workbook stores for a date.
    Date(f64),
    Bool(bool),
}

#[derive(Clone, Debug)]
pub struct Sheet {
    name: String,
    header_row: u32,
    headers: Vec<String>,
    rows: Vec<Vec<Written>>,
    /// A cell far below and to the right of the table, up to the last row and column a sheet
    /// can have (tests/fixtures/broken/register-cell-at-XFD1048576.xlsx).
    far: Option<(u32, u16, Written)>,
}

/// The column headers of both importers, from the vocabulary.
pub fn header_phrases() -> Vec<String> {
    let v = domain::vocab::Vocabulary::get();
    ["columns", "register_columns"]
        .iter()
        .flat_map(|section| {
            v.keys(section)
                .into_iter()
                .flat_map(move |key| v.phrases(section, key))
        })
        .map(str::to_owned)
        .collect()
}

pub fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -1e6..1e6f64,
        prop::sample::select(vec![
            -1e300,
            1e300,
            -1.0,
            0.0,
            59.0,
            60.0,
            61.0,
            44112.0,
            2_958_465.0,
            2_958_466.0,
            20_200_385.0,
        ]),
    ]
}

pub fn written() -> impl Strategy<Value = Written> {
    prop_oneof![
        3 => prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_owned),
            prop::sample::select(MARKUP_VALUES).prop_map(str::to_owned),
            any::<String>(),
        ]
        .prop_map(Written::Text),
        1 => number().prop_map(Written::Number),
        1 => number().prop_map(Written::Date),
        1 => any::<bool>().prop_map(Written::Bool),
    ]
}

pub fn sheet() -> impl Strategy<Value = Sheet> {
    let header = prop_oneof![
        3 => prop::sample::select(header_phrases()),
        1 => prop::sample::select(PIECES).prop_map(str::to_owned),
    ];
    (
        prop::sample::select(vec!["Register", "Directives", "Infractions", "Feuil1", "x"]),
        0..4u32,
        prop::collection::vec(header, 1..12),
        prop::collection::vec(prop::collection::vec(written(), 0..12), 0..12),
        prop::option::of((
            prop_oneof![0..20_000u32, 0..1_048_576u32],
            prop_oneof![0..100u16, 0..16_384u16],
            written(),
        )),
    )
        .prop_map(|(name, header_row, headers, rows, far)| Sheet {
            name: name.to_owned(),
            header_row,
            headers,
            rows,
            far,
        })
}

/// The workbook's bytes; a cell rust_xlsxwriter refuses (a text too long) is left out.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let write = |ws: &mut Worksheet, row: u32, col: u16, cell: &Written| {
        let _ = match cell {
            Written::Text(s) => ws.write_string(row, col, s),
            Written::Number(n) => ws.write_number(row, col, *n),
            Written::Date(n) => ws.write_number_with_format(row, col, *n, &date),
            Written::Bool(b) => ws.write_boolean(row, col, *b),
        };
    };
    let mut book = Workbook::new();
    let mut names = Vec::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        if !names.contains(&sheet.name) && ws.set_name(&sheet.name).is_ok() {
            names.push(sheet.name.clone());
        }
        for (col, header) in (0..).zip(&sheet.headers) {
            write(ws, sheet.header_row, col, &Written::Text(header.clone()));
        }
        for (row, cells) in (sheet.header_row + 1..).zip(&sheet.rows) {
            for (col, cell) in (0..).zip(cells) {
                write(ws, row, col, cell);
            }
        }
        if let Some((row, col, cell)) = &sheet.far {
            write(ws, *row, *col, cell);
        }
    }
    book.save_to_buffer().unwrap_or_default()
}
