//! Broken and hostile files: every reader refuses a file cut short, in UTF-16, or past a limit
//! with one message naming the file, the place and what to do, and reads a long cell as a
//! diagnostic while the other rows still read. The workbooks here (a zip bomb among them) are built
//! at test time; the real files come from ../shared/data and tests/fixtures.

use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use importer::eurlex::{self, EurlexError};
use importer::register::{self, RegisterError};
use importer::tables::{self, TablesError};
use importer::{InputError, Limits};

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(path: &str) -> Vec<u8> {
    read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(path),
    )
}

fn shared(path: &str) -> Vec<u8> {
    read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data")
            .join(path),
    )
}

fn limits() -> Limits {
    Limits::default()
}

/// The error of the register importer as its message, or the number of cases read.
fn register_error(bytes: &[u8], name: &str) -> Result<usize, String> {
    register::parse(bytes, name, None, &limits())
        .map(|i| i.records.len())
        .map_err(|e| e.to_string())
}

fn check_register(bytes: &[u8], name: &str, expected: &str) {
    assert_eq!(
        register_error(bytes, name),
        Err(expected.to_owned()),
        "{name}"
    );
}

fn tables_error(bytes: &[u8], name: &str) -> Result<usize, String> {
    tables::parse(bytes, name, &limits())
        .map(|i| i.tables.directives.len() + i.tables.cases.len())
        .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// Workbooks built here: the parts a reader needs and nothing else.

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn column(mut index: usize) -> String {
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

/// One `<row>` of text cells (inline strings), row number 1-based.
fn row(number: usize, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| {
            format!(
                r#"<c r="{}{number}" t="inlineStr"><is><t>{}</t></is></c>"#,
                column(i),
                escape(text)
            )
        })
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// A workbook of one sheet, "Directives", whose `<sheetData>` the caller writes into `sheet`.
fn workbook(write_sheet: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Directives" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    zip.write_all(SHEET_START.as_bytes()).unwrap();
    write_sheet(&mut zip);
    zip.write_all(SHEET_END.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn workbook_of_rows(rows: &[String]) -> Vec<u8> {
    workbook(|w| {
        for r in rows {
            w.write_all(r.as_bytes()).unwrap();
        }
    })
}

const DIRECTIVE_HEADERS: [&str; 4] = ["Directive", "Titre", "Délai de transposition", "Statut"];

/// A directives table of `n` rows, each valid.
fn directive_rows(n: usize) -> Vec<String> {
    let mut rows = vec![row(1, &DIRECTIVE_HEADERS)];
    for i in 0..n {
        let id = format!("{}/{}", 2000 + i / 900, i % 900 + 1);
        rows.push(row(
            i + 2,
            &[&id, "Une directive", "30/09/2021", "transposée"],
        ));
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// The register's CSV export cut short.

const CSV: &str = "register/per-case-comma.csv";

#[test]
fn a_register_csv_cut_inside_a_quoted_field_is_refused_naming_the_row_the_quote_opened() {
    let bytes = fixture(CSV);
    let cut = |text: &str| {
        let at = bytes
            .windows(text.len())
            .position(|w| w == text.as_bytes())
            .unwrap();
        &bytes[..at + text.len()]
    };
    check_register(
        cut("12/11/2021 Reasoned"),
        "register.csv",
        "register.csv: the file ends inside a quoted field opened on row 2 (line 2): it looks cut short; download it again",
    );
    check_register(
        cut("Internal Market, Indus"),
        "register.csv",
        "register.csv: the file ends inside a quoted field opened on row 2 (line 6): it looks cut short; download it again",
    );
    check_register(
        cut("INFR(2014)4075,\"10/07/2014"),
        "register.csv",
        "register.csv: the file ends inside a quoted field opened on row 3 (line 7): it looks cut short; download it again",
    );
}

#[test]
fn a_register_csv_cut_in_the_middle_of_a_row_is_refused_naming_the_row() {
    let bytes = fixture(CSV);
    let at = |text: &str| {
        bytes
            .windows(text.len())
            .position(|w| w == text.as_bytes())
            .unwrap()
            + text.len()
    };
    check_register(
        &bytes[..at("Italy,Taxation")],
        "register.csv",
        "register.csv: row 3, the last, has 4 field(s) where the header (row 1) has 6: the file looks cut short; download it again",
    );
    check_register(
        &bytes[..at("INFR(2014)40")],
        "register.csv",
        "register.csv: row 3, the last, has 1 field(s) where the header (row 1) has 6: the file looks cut short; download it again",
    );
    // A row with a field too many in the middle of the file is no cut, but it is not read either.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let extra = text.replacen(",Belgium,", ",Belgium,Brussels,", 1);
    check_register(
        extra.as_bytes(),
        "register.csv",
        "register.csv: row 2 has 7 field(s) where the header (row 1) has 6: a separator or a quote is missing or extra on that row",
    );
}

#[test]
fn a_register_export_with_its_header_only_is_refused() {
    let bytes = fixture(CSV);
    let header_end = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    check_register(
        &bytes[..header_end],
        "register.csv",
        "register.csv: no rows under the header: the export is empty or was cut short; download it again",
    );
    check_register(
        b"[]",
        "register.json",
        "register.json: no rows under the header: the export is empty or was cut short; download it again",
    );
}

/// Whatever byte a download stops at, the import is refused or reads rows that are those of the
/// whole file: never a case with a field cut short. The one cut a CSV cannot show is inside the
/// last field of a row when that field is not quoted (`...,Ye`): those cuts are only read
/// without a panic, and the value left ("Ye") is a diagnostic or, when empty, no value.
#[test]
fn every_cut_of_a_register_csv_is_refused_or_reads_whole_rows() {
    let bytes = fixture(CSV);
    let whole = register::parse(&bytes, "register.csv", None, &limits()).unwrap();
    assert_eq!(whole.records.len(), 2);
    let mut refused = 0;
    for at in 0..bytes.len() {
        let prefix = &bytes[..at];
        let in_quotes = prefix.iter().filter(|b| **b == b'"').count() % 2 == 1;
        let rest_of_line = bytes[at..]
            .split(|b| *b == b'\r')
            .next()
            .unwrap_or_default();
        let in_last_field =
            !in_quotes && !rest_of_line.contains(&b',') && !rest_of_line.contains(&b'"');
        let result = register::parse(prefix, "register.csv", None, &limits());
        match result {
            Err(_) => refused += 1,
            Ok(_) if in_last_field => {}
            Ok(import) => {
                for case in &import.records {
                    assert!(
                        whole.records.contains(case),
                        "cut at byte {at}: {case:?} is not a case of the whole file"
                    );
                }
            }
        }
    }
    assert!(
        refused > bytes.len() * 9 / 10,
        "{refused} of {} cuts refused",
        bytes.len()
    );
}

// ---------------------------------------------------------------------------------------------
// JSON cut short or nested deep.

#[test]
fn a_register_json_cut_short_is_refused_saying_so() {
    let bytes = shared("commission-register/register-2023-01-11.json");
    let half = &bytes[..bytes.len() / 2];
    let got = register_error(half, "register-2023-01-11.json").unwrap_err();
    assert!(
        got.starts_with("register-2023-01-11.json: the JSON stops before it is complete (line ")
            && got.ends_with("): the file looks cut short; download it again"),
        "{got}"
    );
    // Every cut of a small export is refused, down to the last byte.
    let bytes = fixture("register/label-date-number-errors.json");
    let end = bytes.iter().rposition(|b| *b == b']').unwrap();
    for at in 0..=end {
        assert!(
            register_error(&bytes[..at], "x.json").is_err(),
            "cut at byte {at} was read"
        );
    }
}

#[test]
fn sparql_results_cut_short_are_refused_saying_so() {
    let bytes = fixture("eurlex/sparql-directives-two-deadlines-title-missing.json");
    let err = eurlex::parse_directives(&bytes[..bytes.len() / 3], "answer.json", &limits())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("answer.json: the JSON stops before it is complete (line "),
        "{err}"
    );
}

#[test]
fn json_nested_past_the_limit_is_refused_naming_the_limit() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let started = Instant::now();
    check_register(
        deep.as_bytes(),
        "register.json",
        "register.json: the JSON nests arrays and objects 65 deep at line 1, column 65, more than the limit json-depth = 64; if the file is right, raise it with --limit json-depth=VALUE",
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // Raised to its most, the limit and the JSON parser agree: 127 deep reads as JSON.
    let mut most = limits();
    most.set("json-depth", &Limits::JSON_DEPTH_CAP.to_string())
        .unwrap();
    let deepest = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let err = register::parse(deepest.as_bytes(), "register.json", None, &most).unwrap_err();
    assert!(
        matches!(err, RegisterError::NoRegisterColumns { .. }),
        "{err}"
    );
    let err = eurlex::parse_measures(deep.as_bytes(), "answer.json", &limits()).unwrap_err();
    assert!(
        matches!(
            &err,
            EurlexError::Input {
                problem: InputError::Limit {
                    name: "json-depth",
                    ..
                },
                ..
            }
        ),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Workbooks cut short, bombs, and cells too long.

#[test]
fn a_workbook_cut_short_is_refused_as_damaged() {
    for (bytes, name) in [
        (
            shared("cellule-tables/suivi-transposition-2021-03-01.xlsx"),
            "suivi.xlsx",
        ),
        (
            fixture("register/dutch-headers-title-rows.xlsx"),
            "register.xlsx",
        ),
    ] {
        for at in [
            10,
            bytes.len() / 4,
            bytes.len() / 2,
            bytes.len() - 100,
            bytes.len() - 1,
        ] {
            let cut = &bytes[..at];
            for got in [tables_error(cut, name), register_error(cut, name)] {
                let got = got.unwrap_err();
                assert!(
                    got.starts_with(&format!("{name}: the workbook is damaged or cut short ("))
                        && got.ends_with(
                            "): download it again, or open it in Excel and save it again"
                        ),
                    "cut at byte {at}: {got}"
                );
            }
        }
    }
}

/// A sheet of 300 MB of repeated rows packs into less than a megabyte. It is refused while its
/// parts are counted, before calamine unpacks anything into memory.
#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // Rows without numbers, the same each time: what deflate packs best.
    let rows = r#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#.repeat(1000);
    let bomb = workbook(|w| {
        let mut written = 0;
        while written < 300_000_000 {
            w.write_all(rows.as_bytes()).unwrap();
            written += rows.len();
        }
    });
    assert!(bomb.len() < 1_000_000, "{} bytes", bomb.len());
    let started = Instant::now();
    let expected = "the workbook unpacks to over 200000000 bytes (counted up to its part xl/worksheets/sheet1.xml), more than the limit xlsx-unpacked-bytes = 200000000; if the file is right, raise it with --limit xlsx-unpacked-bytes=VALUE";
    assert_eq!(
        tables_error(&bomb, "bomb.xlsx"),
        Err(format!("bomb.xlsx: {expected}"))
    );
    assert_eq!(
        register_error(&bomb, "bomb.xlsx"),
        Err(format!("bomb.xlsx: {expected}"))
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    // The process never held the unpacked sheet: its peak memory stays far below 300 MB.
    #[cfg(target_os = "linux")]
    {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let peak_kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        assert!(peak_kb < 150_000, "peak memory {peak_kb} kB");
    }
}

/// Two filled cells, at A1 and XFD1048576, would make calamine allocate 17 billion cells.
#[test]
fn a_sheet_spanning_too_many_cells_is_refused_before_it_is_read() {
    let far = workbook_of_rows(&[
        row(1, &["Directive", "Titre", "Statut"]),
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#.to_owned(),
    ]);
    let expected = "far.xlsx: sheet Directives spans 17179869184 cells (1048576 rows by 16384 columns, from A1 to XFD1048576), more than the limit sheet-cells = 2000000; if the file is right, raise it with --limit sheet-cells=VALUE";
    assert_eq!(tables_error(&far, "far.xlsx"), Err(expected.to_owned()));
    assert_eq!(register_error(&far, "far.xlsx"), Err(expected.to_owned()));
}

#[test]
fn a_cell_too_long_is_a_diagnostic_and_the_other_rows_are_read() {
    let mut rows = directive_rows(3);
    let long = "x".repeat(200_000);
    rows[2] = row(3, &["2000/2", &long, "30/09/2021", "transposée"]);
    let bytes = workbook_of_rows(&rows);
    let import = tables::parse(&bytes, "suivi.xlsx", &limits()).unwrap();
    assert_eq!(import.tables.directives.len(), 2);
    assert_eq!(import.rejected_rows, 1);
    let d: Vec<String> = import.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        d,
        [format!(
            "suivi.xlsx, sheet Directives, row 3, column Titre: found \"a text of 200000 characters starting with {}…\", expected at most 10000 characters in a cell: the limit cell-chars; if the cell is right, raise it with --limit cell-chars=VALUE",
            "x".repeat(40)
        )]
    );
    // Raised, the limit lets the cell in.
    let mut raised = limits();
    raised.set("cell-chars", "300000").unwrap();
    let import = tables::parse(&bytes, "suivi.xlsx", &raised).unwrap();
    assert_eq!(
        (import.tables.directives.len(), import.diagnostics.len()),
        (3, 0)
    );

    // The register: the same in a JSON export.
    let json = format!(
        r#"[{{"Infringement_number": "INFR(2020)0385", "Decision": "8/10/2020 Formal notice Art. 258 TFEU", "Country": "Belgium", "Title": "{long}"}},
            {{"Infringement_number": "INFR(2020)0386", "Decision": "8/10/2020 Formal notice Art. 258 TFEU", "Country": "Belgium", "Title": "Short"}}]"#
    );
    let import = register::parse(json.as_bytes(), "register.json", None, &limits()).unwrap();
    assert_eq!(import.records.len(), 1);
    assert_eq!(
        import
            .diagnostics
            .iter()
            .map(|d| (d.row, d.column.as_deref()))
            .collect::<Vec<_>>(),
        [(Some(1), Some("Title"))]
    );
}

#[test]
fn the_defaults_read_a_table_of_ten_thousand_rows() {
    let bytes = workbook_of_rows(&directive_rows(10_000));
    let import = tables::parse(&bytes, "suivi.xlsx", &limits()).unwrap();
    assert_eq!(
        import.diagnostics.len(),
        0,
        "{:?}",
        import.diagnostics.first()
    );
    assert_eq!(import.tables.directives.len(), 10_000);
    // And a limit below it refuses the workbook, naming the limit.
    let mut low = limits();
    low.set("rows", "5000").unwrap();
    let err = tables::parse(&bytes, "suivi.xlsx", &low).unwrap_err();
    assert!(matches!(&err, TablesError::Input { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "suivi.xlsx: sheet Directives brings the workbook to 10001 rows, more than the limit rows = 5000; if the file is right, raise it with --limit rows=VALUE"
    );
}

#[test]
fn a_file_past_the_size_limit_is_refused_naming_the_limit() {
    let bytes = fixture(CSV);
    let mut small = limits();
    small.set("input-bytes", "100").unwrap();
    let expected = format!(
        "register.csv: the file has {} bytes, more than the limit input-bytes = 100; if the file is right, raise it with --limit input-bytes=VALUE",
        bytes.len()
    );
    let err = register::parse(&bytes, "register.csv", None, &small).unwrap_err();
    assert!(matches!(&err, RegisterError::Input { .. }), "{err:?}");
    assert_eq!(err.to_string(), expected);
}

// ---------------------------------------------------------------------------------------------
// EUR-Lex pages cut short or nested deep.

#[test]
fn a_page_cut_short_is_refused() {
    for name in ["32019L1024-ALL-en.html", "32019L1024-NIM-en.html"] {
        let bytes = fixture(&format!("eurlex/{name}"));
        let cut = &bytes[..bytes.len() * 2 / 3];
        let expected = format!(
            "{name}: the page ends without </body> or </html>: it looks cut short; save it again once it has loaded fully"
        );
        let page = eurlex::parse_page(cut, name, &limits())
            .map(|_| ())
            .map_err(|e| e.to_string());
        let nim = eurlex::parse_nim_page(cut, name, &limits())
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(page, Err(expected.clone()));
        assert_eq!(nim, Err(expected));
    }
}

#[test]
fn a_national_transposition_tab_listing_fewer_measures_than_it_announces_is_refused() {
    let page = String::from_utf8(fixture("eurlex/32019L1024-NIM-en.html")).unwrap();
    // The second Belgian measure's entry left out: the heading still says "Belgium (3)".
    let start = page.find("<li>\n                        <p class=\"NIMTitle\"><a href=\"./../../../legal-content/EN/AUTO/?uri=CELEX:72019L1024BEL_202100456").unwrap();
    let end = start + page[start..].find("</li>").unwrap() + "</li>".len();
    let shorter = format!("{}{}", &page[..start], &page[end..]);
    let err = eurlex::parse_nim_page(shorter.as_bytes(), "nim.html", &limits()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "nim.html: the page announces 3 measure(s) for Belgium and lists 2: it is incomplete; save it again once it has loaded fully"
    );
    // The whole page reads.
    assert_eq!(
        eurlex::parse_nim_page(page.as_bytes(), "nim.html", &limits())
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn a_page_nested_100000_deep_is_refused_at_once() {
    let page = format!("<html><body>{}x</body></html>", "<div>".repeat(100_000));
    let started = Instant::now();
    let err = eurlex::parse_page(page.as_bytes(), "deep.html", &limits()).unwrap_err();
    let nim = eurlex::parse_nim_page(page.as_bytes(), "deep.html", &limits()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let expected = "deep.html: the page nests its elements 513 deep at line 1, more than the limit html-depth = 512; if the file is right, raise it with --limit html-depth=VALUE";
    assert_eq!(err.to_string(), expected);
    assert_eq!(nim.to_string(), expected);
}

#[test]
fn the_real_page_is_within_the_defaults() {
    let page = shared("eurlex/32016R0679-ALL-en.html");
    let err = eurlex::parse_page(&page, "32016R0679-ALL-en.html", &limits()).unwrap_err();
    // Read to the end: refused only because it is a regulation.
    assert!(matches!(err, EurlexError::NotADirective { .. }), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Encodings and random bytes.

fn utf16(bytes: &[u8], big_endian: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
    if big_endian {
        units.flat_map(u16::to_be_bytes).collect()
    } else {
        units.flat_map(u16::to_le_bytes).collect()
    }
}

#[test]
fn utf16_is_refused_with_how_to_save_as_utf8() {
    const UTF16: &str = "UTF-16 is not read: save the file as UTF-8 (CSV UTF-8 in Excel)";
    for big_endian in [false, true] {
        let csv = utf16(&fixture(CSV), big_endian);
        check_register(&csv, "register.csv", &format!("register.csv: {UTF16}"));
        // Without its byte-order mark, by its NUL bytes.
        check_register(&csv[2..], "register.csv", &format!("register.csv: {UTF16}"));
        let json = utf16(
            &fixture("register/label-date-number-errors.json"),
            big_endian,
        );
        check_register(&json, "register.json", &format!("register.json: {UTF16}"));
        let sparql = utf16(&fixture("eurlex/sparql-published-since.json"), big_endian);
        let err = eurlex::parse_directives(&sparql, "answer.json", &limits()).unwrap_err();
        assert_eq!(err.to_string(), format!("answer.json: {UTF16}"));
        let html = utf16(&fixture("eurlex/32019L1024-NIM-en.html"), big_endian);
        let err = eurlex::parse_nim_page(&html, "nim.html", &limits()).unwrap_err();
        assert_eq!(err.to_string(), format!("nim.html: {UTF16}"));
    }
}

#[test]
fn bytes_that_are_not_utf8_are_refused_naming_the_byte() {
    let mut json = fixture("register/label-date-number-errors.json");
    json[100] = 0xE9;
    check_register(
        &json,
        "register.json",
        "register.json: byte 100 (0xE9) is not UTF-8: save the file as UTF-8",
    );
    let mut page = fixture("eurlex/32019L1024-NIM-en.html");
    page[50] = 0xFF;
    let err = eurlex::parse_nim_page(&page, "nim.html", &limits()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "nim.html: byte 50 (0xFF) is not UTF-8: save the file as UTF-8"
    );
}

/// Random bytes, of many lengths, under every name: each reader answers with one error naming
/// the file, never a panic and never records.
#[test]
fn random_bytes_are_refused_by_every_reader() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for len in [1usize, 2, 3, 7, 64, 500, 4096, 65_536] {
        for _ in 0..4 {
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            for name in ["x.json", "x.csv", "x.xlsx", "x"] {
                let got = register_error(&bytes, name);
                assert!(
                    got.as_ref().is_err_and(|e| e.starts_with(name)),
                    "{name}, {len} bytes: {got:?}"
                );
            }
            let got = tables_error(&bytes, "x.xlsx");
            assert!(
                got.as_ref().is_err_and(|e| e.contains("x.xlsx")),
                "{len} bytes: {got:?}"
            );
            for got in [
                eurlex::parse_page(&bytes, "x.html", &limits()).map(|_| ()),
                eurlex::parse_nim_page(&bytes, "x.html", &limits()).map(|_| ()),
                eurlex::parse_directives(&bytes, "x.json", &limits()).map(|_| ()),
                eurlex::parse_measures(&bytes, "x.json", &limits()).map(|_| ()),
            ] {
                let got = got.map_err(|e| e.to_string());
                assert!(
                    got.as_ref().is_err_and(|e| e.starts_with("x.")),
                    "{len} bytes: {got:?}"
                );
            }
        }
    }
}
