//! Broken and hostile inputs through every importer, as a user would run them: each gives its one
//! clear error line (exit 2) or its diagnostics (exit 1), and the database is exactly as before
//! (every row of every table compared, the history included). The corpus is
//! `tests/fixtures/broken/` (small files kept as found) plus inputs built here at run time: real
//! files truncated at several points, a zip bomb, deep nesting, UTF-16, random bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use tests::{dump, ok, on_each_backend, scoreboard};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn register_json() -> Vec<u8> {
    std::fs::read(root().join("crates/cli/demo/register-2023-01-11-BE.json")).expect("demo export")
}

/// The demo export as the register's CSV download writes it.
fn register_csv() -> Vec<u8> {
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&register_json()).expect("json");
    let columns = [
        "Infringement_number",
        "Decision",
        "Country",
        "Policy_area___Department_in_charge",
        "Title",
        "Active_infringement_cases",
        "Non_communication_cases",
    ];
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = columns.map(quote).join(",") + "\r\n";
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| quote(row[c].as_str().unwrap_or_default()))
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn tables_xlsx() -> Vec<u8> {
    std::fs::read(root().join("../shared/data/cellule-tables/suivi-transposition-2021-03-01.xlsx"))
        .expect("the unit's sample table")
}

fn eurlex_page(name: &str) -> Vec<u8> {
    std::fs::read(
        root()
            .join("crates/importer/tests/fixtures/eurlex")
            .join(name),
    )
    .expect("page")
}

/// A workbook of one sheet whose rows `write_rows` writes: for the bomb (a small file that
/// unpacks to hundreds of megabytes) and the over-long cell, which no spreadsheet program saves.
fn workbook(write_rows: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let ns = "http://schemas.openxmlformats.org";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Directives" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("a part");
        zip.write_all(text.as_bytes()).expect("a part");
    }
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("the sheet");
    let start = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>"#
    );
    zip.write_all(start.as_bytes()).expect("the sheet");
    write_rows(&mut zip);
    zip.write_all(b"</sheetData></worksheet>")
        .expect("the sheet");
    zip.finish().expect("the workbook").into_inner()
}

/// One row of inline-string cells.
fn sheet_row(number: usize, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let column = char::from(b'A' + u8::try_from(i).expect("few columns"));
            format!(r#"<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>"#)
        })
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

/// A broken input: the command it goes through and a name saying what is wrong with it.
struct Case {
    what: String,
    file: PathBuf,
    command: &'static str,
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write a broken input");
    path
}

/// Every broken input, built in `dir`.
fn corpus(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |what: String, name: &str, bytes: &[u8], command: &'static str| {
        cases.push(Case {
            what,
            file: write(dir, name, bytes),
            command,
        });
    };
    // Real files cut at several points: inside a quoted field, mid-row, after the header.
    let csv = register_csv();
    for cut in [csv.len() / 2 + 7, csv.len() * 3 / 4, csv.len() - 3, 200] {
        add(
            format!("register CSV cut at byte {cut} of {}", csv.len()),
            &format!("register-2023-02-01-cut{cut}.csv"),
            &csv[..cut],
            "register",
        );
    }
    let json = register_json();
    for cut in [json.len() / 3, json.len() - 2] {
        add(
            format!("register JSON cut at byte {cut} of {}", json.len()),
            &format!("register-2023-02-01-cut{cut}.json"),
            &json[..cut],
            "register",
        );
    }
    let xlsx = tables_xlsx();
    for cut in [xlsx.len() / 2, xlsx.len() - 22] {
        add(
            format!("tables workbook cut at byte {cut} of {}", xlsx.len()),
            &format!("tables-cut{cut}.xlsx"),
            &xlsx[..cut],
            "tables",
        );
        add(
            format!("register workbook cut at byte {cut} of {}", xlsx.len()),
            &format!("register-2023-02-01-cut{cut}.xlsx"),
            &xlsx[..cut],
            "register",
        );
    }
    for page in ["32019L1024-ALL-en.html", "32019L1024-NIM-en.html"] {
        let html = eurlex_page(page);
        for cut in [html.len() / 2, html.len() * 9 / 10] {
            add(
                format!("EUR-Lex page {page} cut at byte {cut} of {}", html.len()),
                &format!("cut{cut}-{page}"),
                &html[..cut],
                "eurlex",
            );
        }
    }
    // A bomb: 3 MB that unpack to over 300 MB of sheet.
    let bomb = workbook(|w| {
        w.write_all(sheet_row(1, &["Directive", "Titre", "Délai de transposition"]).as_bytes())
            .expect("a row");
        let filler = sheet_row(2, &["2019/1024", &"x".repeat(1000), "17/07/2021"]);
        for _ in 0..300_000 {
            w.write_all(filler.as_bytes()).expect("a row");
        }
    });
    add(
        format!(
            "a {} KB workbook that unpacks to over 300 MB",
            bomb.len() / 1024
        ),
        "bomb.xlsx",
        &bomb,
        "tables",
    );
    // One cell of 200,000 characters in a table otherwise right.
    let long = workbook(|w| {
        w.write_all(sheet_row(1, &["Directive", "Délai de transposition", "Remarques"]).as_bytes())
            .expect("a row");
        w.write_all(sheet_row(2, &["2019/1024", "17/07/2021", &"a".repeat(200_000)]).as_bytes())
            .expect("a row");
    });
    add(
        "a table with a 200,000-character cell".into(),
        "long-cell.xlsx",
        &long,
        "tables",
    );
    // UTF-16, as Excel's "Unicode text" saves it.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in String::from_utf8(csv.clone())
        .expect("utf-8")
        .encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    add(
        "register CSV in UTF-16".into(),
        "register-2023-02-01-utf16.csv",
        &utf16,
        "register",
    );
    // Deep nesting.
    let deep_html = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
    let deep_html = format!("<html><body>{deep_html}</body></html>");
    add(
        "HTML nested 100,000 deep".into(),
        "32019L1024-NIM-deep.html",
        deep_html.as_bytes(),
        "eurlex",
    );
    let deep_json = "[".repeat(100_000) + &"]".repeat(100_000);
    add(
        "JSON nested 100,000 deep".into(),
        "register-2023-02-01-deep.json",
        deep_json.as_bytes(),
        "register",
    );
    // Random bytes (a fixed seed: the same bytes every run).
    let mut state: u64 = 0x5eed_1234_abcd_0042;
    let random: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    for (name, command) in [
        ("register-2023-02-01-random.json", "register"),
        ("register-2023-02-01-random.csv", "register"),
        ("register-2023-02-01-random.xlsx", "register"),
        ("random.xlsx", "tables"),
        ("32019L1024-random.html", "eurlex"),
    ] {
        add(format!("random bytes as {name}"), name, &random, command);
    }
    // The fixtures kept as found.
    let kept = root().join("tests/fixtures/broken");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&kept)
        .expect("tests/fixtures/broken")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let command = if name.starts_with("register") {
            "register"
        } else if name.ends_with(".html") || name.starts_with("sparql") {
            "eurlex"
        } else {
            "tables"
        };
        cases.push(Case {
            what: format!("fixture {name}"),
            file: path,
            command,
        });
    }
    cases
}

fn run(url: &str, case: &Case) -> tests::Run {
    let file = case.file.to_string_lossy().into_owned();
    let args: Vec<&str> = match case.command {
        "register" => vec!["import", "register", &file, "--as-of", "2023-02-01"],
        "tables" => vec!["import", "tables", &file],
        _ => vec!["import", "eurlex", &file],
    };
    scoreboard(url, &args)
}

#[test]
fn every_broken_input_is_refused_clearly_and_writes_nothing() {
    on_each_backend(|backend| {
        let url = &backend.url;
        // A database with something in it, so that "writes nothing" means something.
        let demo = root().join("crates/cli/demo/register-2023-01-11-BE.json");
        ok(url, &["import", "register", &demo.to_string_lossy()]);
        ok(
            url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        let dir = tempfile::tempdir().expect("a folder");
        let cases = corpus(dir.path());
        let before = dump(url);
        let mut accepted = Vec::new();
        for case in &cases {
            let run = run(url, case);
            match run.code {
                cli::EXIT_REFUSED => assert!(
                    !run.err.is_empty() && !run.err.contains('\n'),
                    "{}: the error is one line: {:?}",
                    case.what,
                    run.err
                ),
                cli::EXIT_ATTENTION => assert!(
                    run.out.contains("nothing was written"),
                    "{}: the diagnostics say nothing was written: {}",
                    case.what,
                    run.out
                ),
                _ => accepted.push(format!(
                    "{}: {}",
                    case.what,
                    run.out.lines().next().unwrap_or("")
                )),
            }
            assert!(dump(url) == before, "{}: the database changed", case.what);
        }
        assert!(accepted.is_empty(), "accepted as whole: {accepted:#?}");
        eprintln!("{} broken inputs refused, none written", cases.len());
    });
}
