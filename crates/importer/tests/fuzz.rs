//! Every public parser of `importer` against arbitrary bytes and against mutations of real inputs
//! (proptest, since cargo-fuzz needs nightly): the exports and pages of ../shared/data, the demo's
//! register files and the fixtures of tests/fixtures, truncated, with bytes flipped, slices
//! deleted, repeated or inserted, one XML part of a workbook edited, one JSON value replaced.
//! Each call, made in a child process, must return `Ok` or `Err` within [`TIME_LIMIT`], never
//! panic or abort, and the diagnostics of a file it reads must name that file.
//!
//! `cargo test` runs 64 cases a property from a fixed seed; `make fuzz` runs many more from
//! random seeds (`PROPTEST_CASES`). A failing case is kept in `proptest-regressions/fuzz.txt` and
//! replayed first by every later run; its bytes are written to `target/tmp/fuzz/`.

/// The importer's entry points as this file calls them, each giving the diagnostics of a file it
/// read or the message of one it could not: the one place to adapt when their signatures change.
mod call {
    use importer::{Diagnostic, eurlex, register, tables};

    pub type Outcome = Result<Vec<Diagnostic>, String>;

    pub fn register(bytes: &[u8], file_name: &str) -> Outcome {
        register::parse(bytes, file_name, None)
            .map(|import| import.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn register_belgium(bytes: &[u8], file_name: &str) -> Outcome {
        register::parse(bytes, file_name, Some("BE"))
            .map(|import| import.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn tables(bytes: &[u8], file_name: &str) -> Outcome {
        tables::parse(bytes, file_name)
            .map(|import| import.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn eurlex_page(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_page(&String::from_utf8_lossy(bytes), file_name)
            .map(|_| Vec::new())
            .map_err(|e| e.to_string())
    }

    pub fn nim_page(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_nim_page(&String::from_utf8_lossy(bytes), file_name)
            .map(|_| Vec::new())
            .map_err(|e| e.to_string())
    }

    pub fn directives(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_directives(bytes, file_name)
            .map(|(_, diagnostics)| diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn measures(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_measures(bytes, file_name)
            .map(|(_, diagnostics)| diagnostics)
            .map_err(|e| e.to_string())
    }
}

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};
use serde_json::Value;

/// Generous: the largest real input (a 1.4 MB register export) reads in about a second in a
/// debug build. A call still running then is stopped and reported.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// Few cases from a fixed seed unless `PROPTEST_CASES` says otherwise (`ProptestConfig::default`
/// reads it, and `PROPTEST_RNG_SEED`), so that `cargo test` runs the same cases every time. The
/// failures are kept next to this crate's `Cargo.toml` and committed as fixtures (unless
/// `PROPTEST_DISABLE_FAILURE_PERSISTENCE` is set).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if config.failure_persistence.is_some() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz.txt",
        )));
    }
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            config.rng_seed = RngSeed::Fixed(11);
        }
    }
    // A case that runs out of time makes every step of shrinking as slow: stop early.
    if config.max_shrink_time == 0 {
        config.max_shrink_time = 60_000;
    }
    config
}

// ---------------------------------------------------------------------------------------------
// The parsers and the real inputs each is fuzzed from.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Register,
    Tables,
    Page,
    Sparql,
}

struct Parser {
    name: &'static str,
    read: fn(&[u8], &str) -> call::Outcome,
    kind: Kind,
}

const PARSERS: [Parser; 7] = [
    Parser {
        name: "register::parse",
        read: call::register,
        kind: Kind::Register,
    },
    Parser {
        name: "register::parse (country BE)",
        read: call::register_belgium,
        kind: Kind::Register,
    },
    Parser {
        name: "tables::parse",
        read: call::tables,
        kind: Kind::Tables,
    },
    Parser {
        name: "eurlex::parse_page",
        read: call::eurlex_page,
        kind: Kind::Page,
    },
    Parser {
        name: "eurlex::parse_nim_page",
        read: call::nim_page,
        kind: Kind::Page,
    },
    Parser {
        name: "eurlex::parse_directives",
        read: call::directives,
        kind: Kind::Sparql,
    },
    Parser {
        name: "eurlex::parse_measures",
        read: call::measures,
        kind: Kind::Sparql,
    },
];

/// Stand-ins for a parser that goes wrong in each way [`check`] catches: to show it does.
const BROKEN_PARSERS: [Parser; 3] = [
    Parser {
        name: "panics",
        read: |_, _| panic!("a panic of the stand-in"),
        kind: Kind::Register,
    },
    Parser {
        name: "aborts",
        read: |_, _| std::process::abort(),
        kind: Kind::Register,
    },
    Parser {
        name: "names another file",
        read: |_, _| Ok(vec![importer::Diagnostic::new("other.csv", "x", "y")]),
        kind: Kind::Register,
    },
];

fn parser(name: &str) -> &'static Parser {
    PARSERS
        .iter()
        .chain(&BROKEN_PARSERS)
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no parser {name}"))
}

/// The real inputs, by a name relative to the workspace's parent folder.
fn corpus() -> &'static BTreeMap<String, (Kind, Vec<u8>)> {
    static CORPUS: OnceLock<BTreeMap<String, (Kind, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let folders = [
            (here.join("../cli/demo"), Kind::Register),
            (
                here.join("../../../shared/data/commission-register"),
                Kind::Register,
            ),
            (here.join("tests/fixtures/register"), Kind::Register),
            (
                here.join("../../../shared/data/cellule-tables"),
                Kind::Tables,
            ),
            (here.join("tests/fixtures/tables"), Kind::Tables),
            (here.join("../../../shared/data/eurlex"), Kind::Page),
            (here.join("tests/fixtures/eurlex"), Kind::Page),
        ];
        let mut corpus = BTreeMap::new();
        for (folder, kind) in folders {
            for path in files(&folder) {
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let kind = match kind {
                    Kind::Page if name.ends_with(".json") => Kind::Sparql,
                    Kind::Page if !name.ends_with(".html") => continue,
                    kind => kind,
                };
                let bytes =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                corpus.insert(relative(&path), (kind, bytes));
            }
        }
        corpus
    })
}

fn files(folder: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
                .path()
        })
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// `shared/data/eurlex/32016R0679-ALL-en.html`, `scoreboard/crates/cli/demo/sample.json`.
fn relative(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let from = parts
        .iter()
        .rposition(|p| p == "shared" || p == "crates")
        .unwrap_or(0);
    parts[from..].join("/")
}

fn samples_of(kind: Kind) -> Vec<String> {
    corpus()
        .iter()
        .filter(|(_, (k, _))| *k == kind)
        .map(|(name, _)| name.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/// A position in a byte string as a fraction of its length (`u32::MAX` is the end), so that
/// an edit applies to any input and shrinks towards the start.
#[derive(Clone, Copy, Debug)]
struct At(u32);

impl At {
    /// A position from 0 to `len`, both included.
    fn of(self, len: usize) -> usize {
        self.within(len + 1)
    }

    /// A position from 0 to `len`, excluded (`len` > 0).
    fn within(self, len: usize) -> usize {
        usize::try_from((u128::from(self.0) * len as u128) >> 32).unwrap_or(0)
    }
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
enum Edit {
    Truncate(At),
    Flip(At, u8),
    Delete(At, At),
    Duplicate(At, At),
    Insert(At, Vec<u8>),
}

#[derive(Clone, Debug)]
enum Mutation {
    /// Edits of the whole file.
    Bytes(Vec<Edit>),
    /// One text between tags, or one attribute value, of an XML or HTML document replaced;
    /// nothing when there is none.
    Markup(Span, At, String),
    /// One value of a JSON document (counted depth first) replaced; nothing when it is no JSON.
    JsonValue(At, Value),
    /// A mutation of one part of a zip (a workbook's XML), the zip written again; of the whole
    /// file when it is no zip.
    ZipPart(Part, Box<Mutation>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Span {
    /// `>...<`
    Text,
    /// `="..."`
    Attribute,
}

#[derive(Clone, Copy, Debug)]
enum Part {
    /// Among the parts that hold cells (sheets, shared strings, an ODS's content), if any.
    Cells(At),
    Any(At),
}

/// Pieces that mean something to one of the formats read: JSON, CSV, HTML, a workbook's XML,
/// and the values inside them.
const PIECES: &[&str] = &[
    "\"",
    ",",
    ";",
    "\n",
    "\r",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "-1",
    "0",
    "1e400",
    "18446744073709551616",
    "0.5",
    "\"\"",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    "\u{202e}",
    "<",
    ">",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th>",
    "<dt>",
    "</dt>",
    "<dd>",
    "<p>",
    "<a>",
    "<!--",
    "-->",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&foo;",
    "<script>",
    "<![CDATA[",
    "]]>",
    "<c r=\"XFD1048576\" t=\"s\"><v>99999</v></c>",
    "<c r=\"A1048576\"><v>1</v></c>",
    "<c r=\"ZZZZ1\">",
    "r=\"A0\"",
    "t=\"s\"",
    "t=\"d\"",
    "t=\"e\"",
    "t=\"b\"",
    "t=\"str\"",
    "s=\"1\"",
    "<v>-1</v>",
    "<v>1e308</v>",
    "<v>NaN</v>",
    "<v>4294967296</v>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<row r=\"4294967295\">",
    "<row r=\"0\">",
    "<si><t>",
    "</t></si>",
    "<f>",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
    "xml:space=\"preserve\"",
    "INFR(2020)0385",
    "2020/0385",
    "20200385",
    "EUP(2021)9876",
    "31/02/2021",
    "2021-13-01",
    "30/06/2021",
    "Q2 2021",
    "Directive 2019/1024",
    "32019L1024",
    "72019L1024BEL_1",
    "1958",
    "2100",
    "99999999",
    "Belgium",
    "BE",
    "İ",
    "ß",
    "\u{a0}",
];

fn at() -> impl Strategy<Value = At> {
    any::<u32>().prop_map(At)
}

fn inserted() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 1..16),
        1 => (prop::sample::select(PIECES), 100..5_000usize)
            .prop_map(|(p, n)| p.repeat(n).into_bytes()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => at().prop_map(Edit::Truncate),
        3 => (at(), 1..=255u8).prop_map(|(at, mask)| Edit::Flip(at, mask)),
        2 => (at(), at()).prop_map(|(a, b)| Edit::Delete(a, b)),
        2 => (at(), at()).prop_map(|(a, b)| Edit::Duplicate(a, b)),
        3 => (at(), inserted()).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        prop::sample::select(PIECES).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(JSON_KEYS).prop_map(str::to_owned),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys of the register's and SPARQL's JSON, so that a replaced object is read further.
const JSON_KEYS: &[&str] = &[
    "head",
    "vars",
    "results",
    "bindings",
    "type",
    "value",
    "xml:lang",
    "datatype",
    "celex",
    "date_document",
    "deadline",
    "title",
    "lang",
    "date",
    "kind",
    "country",
    "caseNumber",
    "decisions",
    "directive",
    "",
    "\u{0}",
];

/// What a cell, a cell reference, a style or a type of a workbook's XML can be made to say, and
/// texts of an HTML page: out-of-range numbers and dates, references past the last row or column.
const MARKUP_VALUES: &[&str] = &[
    "-1e300",
    "1e300",
    "-1e400",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "-0",
    "-1",
    "0",
    "1",
    "60",
    "2958466",
    "-693594",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "1.5",
    "0.0001",
    "XFD1048576",
    "A1048576",
    "A0",
    "0A",
    "AAAA1",
    "A4294967296",
    "ZZ99999",
    "A1:XFD1048576",
    "B4:A1",
    "",
    " ",
    "s",
    "n",
    "str",
    "inlineStr",
    "e",
    "b",
    "d",
    "#N/A",
    "2021-02-31",
    "2021-06-30T00:00:00",
    "99999",
    "rId99",
    "/xl/worksheets/sheet9.xml",
    "../../../etc/passwd",
    "CELEX:72019L1024BEL_1",
    "CELEX%3A",
    "CELEX:",
    "31/12/9999",
    "00/00/0000",
    "Document 32019L1024",
    "32016R0679",
];

fn markup_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(MARKUP_VALUES).prop_map(str::to_owned),
        1 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<f64>().prop_map(|f| f.to_string()),
        1 => any::<i64>().prop_map(|i| i.to_string()),
        1 => any::<String>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let edits = || prop::collection::vec(edit(), 1..4);
    let of_a_document = || {
        prop_oneof![
            2 => edits().prop_map(Mutation::Bytes),
            3 => (prop::sample::select(vec![Span::Text, Span::Attribute]), at(), markup_value())
                .prop_map(|(span, at, v)| Mutation::Markup(span, at, v)),
            2 => (at(), json_value()).prop_map(|(at, v)| Mutation::JsonValue(at, v)),
        ]
    };
    prop_oneof![
        of_a_document(),
        (
            prop_oneof![3 => at().prop_map(Part::Cells), 1 => at().prop_map(Part::Any)],
            of_a_document()
        )
            .prop_map(|(part, m)| Mutation::ZipPart(part, Box::new(m))),
    ]
}

/// A real input of one kind and the mutations to apply to it.
fn mutated(kind: Kind) -> impl Strategy<Value = (String, Vec<Mutation>)> {
    (
        prop::sample::select(samples_of(kind)),
        prop::collection::vec(mutation(), 1..4),
    )
}

fn apply_edit(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len();
    let range = |a: &At, b: &At| {
        let (a, b) = (a.of(len), b.of(len));
        a.min(b)..a.max(b)
    };
    match edit {
        Edit::Truncate(at) => bytes.truncate(at.of(len)),
        Edit::Flip(at, mask) if len > 0 => bytes[at.within(len)] ^= mask,
        Edit::Flip(..) => {}
        Edit::Delete(a, b) => {
            bytes.drain(range(a, b));
        }
        Edit::Duplicate(a, b) => {
            let r = range(a, b);
            let slice = bytes[r.clone()].to_vec();
            bytes.splice(r.end..r.end, slice);
        }
        Edit::Insert(at, inserted) => {
            let at = at.of(len);
            bytes.splice(at..at, inserted.iter().copied());
        }
    }
}

fn apply(mut bytes: Vec<u8>, mutation: &Mutation) -> Vec<u8> {
    match mutation {
        Mutation::Bytes(edits) => {
            for e in edits {
                apply_edit(&mut bytes, e);
            }
            bytes
        }
        Mutation::Markup(kind, at, value) => {
            let spans = markup_spans(&bytes, *kind);
            if spans.is_empty() {
                return bytes;
            }
            let span = spans[at.within(spans.len())].clone();
            bytes.splice(span, value.bytes());
            bytes
        }
        Mutation::ZipPart(part, mutation) => match edit_zip_part(&bytes, part, mutation) {
            Some(zip) => zip,
            None => apply(bytes, mutation),
        },
        Mutation::JsonValue(at, value) => {
            let Ok(mut doc) = serde_json::from_slice::<Value>(&bytes) else {
                return bytes;
            };
            let count = count_values(&doc);
            replace_value(&mut doc, at.within(count), value);
            serde_json::to_vec(&doc).unwrap_or(bytes)
        }
    }
}

/// The texts between tags (`>...<`) or the attribute values (`="..."`) of a document, in order.
fn markup_spans(bytes: &[u8], kind: Span) -> Vec<std::ops::Range<usize>> {
    let until = |from: usize, end: u8| {
        bytes[from..]
            .iter()
            .position(|b| *b == end)
            .map(|n| from..from + n)
    };
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let span = match bytes[i] {
            b'>' => until(i + 1, b'<').filter(|s| !s.is_empty()),
            b'=' if bytes.get(i + 1) == Some(&b'"') => until(i + 2, b'"'),
            _ => None,
        };
        match span {
            Some(span) => {
                i = span.end;
                let is_text = bytes[span.start - 1] == b'>';
                if is_text == (kind == Span::Text) {
                    spans.push(span);
                }
            }
            None => i += 1,
        }
    }
    spans
}

/// The zip with one of its parts mutated, or `None` when the bytes are no zip.
fn edit_zip_part(bytes: &[u8], part: &Part, mutation: &Mutation) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let holds_cells = |name: &str| {
        ["worksheets/", "sharedStrings", "content.xml"]
            .iter()
            .any(|p| name.contains(p))
    };
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()).unwrap_or_default())
        .collect();
    let cells: Vec<usize> = (0..names.len())
        .filter(|i| holds_cells(&names[*i]))
        .collect();
    let chosen = match part {
        Part::Cells(at) if !cells.is_empty() => cells[at.within(cells.len())],
        Part::Cells(at) | Part::Any(at) if !names.is_empty() => at.within(names.len()),
        _ => return None,
    };
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        if i == chosen {
            content = apply(content, mutation);
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .ok()?;
        writer.write_all(&content).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

fn count_values(v: &Value) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(count_values).sum(),
        Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

/// Replaces the `n`-th value, depth first (0 is the document); returns how many it passed.
fn replace_value(v: &mut Value, n: usize, by: &Value) -> usize {
    if n == 0 {
        *v = by.clone();
        return 0;
    }
    let mut seen = 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(items) => items.iter_mut().collect(),
        Value::Object(map) => map.values_mut().collect(),
        _ => Vec::new(),
    };
    for child in children {
        let size = count_values(child);
        if n - seen < size {
            replace_value(child, n - seen, by);
            return n;
        }
        seen += size;
    }
    n
}

// ---------------------------------------------------------------------------------------------
// Workbooks written from scratch: the cells a mutation of the few real ones rarely makes.

/// A cell as written by rust_xlsxwriter.
#[derive(Clone, Debug)]
enum Written {
    Text(String),
    Number(f64),
    /// A number shown as a date (`dd/mm/yyyy`): what a workbook stores for a date.
    Date(f64),
    Bool(bool),
}

#[derive(Clone, Debug)]
struct Sheet {
    name: String,
    header_row: u32,
    headers: Vec<String>,
    rows: Vec<Vec<Written>>,
    /// A cell far below and to the right of the table, up to the last row and column a sheet
    /// can have (tests/fixtures/broken/register-cell-at-XFD1048576.xlsx).
    far: Option<(u32, u16, Written)>,
}

/// The column headers of both importers, from the vocabulary.
fn header_phrases() -> Vec<String> {
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

fn number() -> impl Strategy<Value = f64> {
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

fn written() -> impl Strategy<Value = Written> {
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

fn sheet() -> impl Strategy<Value = Sheet> {
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
fn workbook(sheets: &[Sheet]) -> Vec<u8> {
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

// ---------------------------------------------------------------------------------------------
// Running a parser.

/// Where the inputs of failing calls are written: `target/tmp/fuzz/`.
fn saved_inputs() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz")
}

fn file_stem(parser: &str) -> String {
    parser
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The memory a child process may map (`ulimit -v`, in KiB; `FUZZ_MEMORY_KB` overrides): enough
/// for any real input, and a parser asking for more aborts its child, not the machine.
const CHILD_MEMORY_KB: u64 = 4_000_000;

/// What a parent test tells [`child_reads_one_input`] through the environment.
const CHILD_PARSER: &str = "FUZZ_CHILD_PARSER";
const CHILD_INPUT: &str = "FUZZ_CHILD_INPUT";
const CHILD_FILE_NAME: &str = "FUZZ_CHILD_FILE_NAME";
const CHILD_OUTCOME: &str = "FUZZ_CHILD_OUTCOME";

/// Runs a parser on the bytes in a child process (this test binary running
/// [`child_reads_one_input`] only, its memory capped), so that an abort (a failed allocation
/// cannot be caught) or a call that never returns fails the case like a panic does, and is
/// shrunk and kept like one. `Ok` when the parser returned within [`TIME_LIMIT`], whatever it
/// returned, provided the diagnostics of a file it read name that file. The input of a failing
/// call is written to `target/tmp/fuzz/<parser>.failed`.
fn check(parser: &'static Parser, bytes: Vec<u8>, file_name: &str) -> Result<(), TestCaseError> {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let folder = saved_inputs();
    let stem = file_stem(parser.name);
    let call = folder.join(format!(
        "{stem}-{}-{}",
        std::process::id(),
        CALLS.fetch_add(1, Ordering::Relaxed)
    ));
    let [input, outcome, stderr] = ["input", "outcome", "stderr"].map(|e| call.with_extension(e));
    let said = std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&input, &bytes))
        .and_then(|()| run_child(parser, file_name, &input, &outcome, &stderr));
    for file in [&input, &outcome, &stderr] {
        let _ = std::fs::remove_file(file);
    }
    let problem = match said {
        Ok(None) => return Ok(()),
        Ok(Some(problem)) => problem,
        Err(e) => format!("could not be run in a child process: {e}"),
    };
    let saved = folder.join(format!("{stem}.failed"));
    let _ = std::fs::write(&saved, &bytes);
    Err(TestCaseError::fail(format!(
        "{} on {} bytes named {file_name:?} {problem} (input saved in {})",
        parser.name,
        bytes.len(),
        saved.display()
    )))
}

/// What went wrong in the child, if anything.
fn run_child(
    parser: &Parser,
    file_name: &str,
    input: &Path,
    outcome: &Path,
    stderr: &Path,
) -> std::io::Result<Option<String>> {
    let memory_kb = std::env::var("FUZZ_MEMORY_KB")
        .ok()
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(CHILD_MEMORY_KB);
    let mut child = Command::new("sh")
        .args(["-c", r#"ulimit -S -v "$0" 2>/dev/null; exec "$@""#])
        .arg(memory_kb.to_string())
        .arg(std::env::current_exe()?)
        .args(["child_reads_one_input", "--exact", "--nocapture"])
        .args(["--test-threads=1", "--quiet"])
        .env(CHILD_PARSER, parser.name)
        .env(CHILD_INPUT, input)
        .env(CHILD_FILE_NAME, file_name)
        .env(CHILD_OUTCOME, outcome)
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(stderr)?)
        .spawn()?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill()?;
            child.wait()?;
            return Ok(Some(format!("ran for more than {TIME_LIMIT:?}")));
        }
        std::thread::sleep(
            (started.elapsed() / 8).clamp(Duration::from_micros(200), Duration::from_millis(50)),
        );
    };
    if status.success() {
        return Ok(match std::fs::read_to_string(outcome) {
            Ok(problem) if problem.is_empty() => None,
            Ok(problem) => Some(problem),
            Err(e) => Some(format!(
                "left no outcome ({e}): was the child test renamed?"
            )),
        });
    }
    let said = std::fs::read_to_string(stderr).unwrap_or_default();
    let said: String = said.trim().chars().take(2_000).collect();
    Ok(Some(format!("failed ({status}): {said}")))
}

/// The child process of [`check`], not a test of its own: reads the input its parent named in
/// the environment and writes what is wrong with the parser's answer (nothing when all is well).
/// Run by `cargo test` itself, without that environment, it has nothing to do.
#[test]
fn child_reads_one_input() {
    let var = |name: &str| std::env::var(name).ok();
    let (Some(name), Some(input), Some(file_name), Some(outcome)) = (
        var(CHILD_PARSER),
        var(CHILD_INPUT),
        var(CHILD_FILE_NAME),
        var(CHILD_OUTCOME),
    ) else {
        return;
    };
    let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let problem = match (parser(&name).read)(&bytes, &file_name) {
        Ok(diagnostics) => diagnostics
            .iter()
            .find(|d| d.file != file_name)
            .map(|d| format!("gave a diagnostic naming {:?}", d.file)),
        Err(_) => None,
    };
    std::fs::write(&outcome, problem.unwrap_or_default())
        .unwrap_or_else(|e| panic!("{outcome}: {e}"));
}

/// The sample mutated, under its own file name (the name tells the register its format).
fn check_mutated(
    parser: &'static Parser,
    sample: &str,
    mutations: &[Mutation],
) -> Result<(), TestCaseError> {
    let (_, bytes) = &corpus()[sample];
    let bytes = mutations.iter().fold(bytes.clone(), apply);
    let file_name = sample.rsplit('/').next().unwrap_or(sample);
    check(parser, bytes, file_name)
}

const NAMES: &[&str] = &[
    "fuzz.json",
    "fuzz.csv",
    "fuzz.xlsx",
    "fuzz.xls",
    "fuzz.ods",
    "fuzz.CSV",
    "fuzz.txt",
    "fuzz",
];

fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        prop::collection::vec(inserted(), 0..32).prop_map(|pieces| pieces.concat()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn register_reads_any_bytes(bytes in any_bytes(), name in prop::sample::select(NAMES)) {
        check(parser("register::parse"), bytes, name)?;
    }

    #[test]
    fn register_reads_mutated_exports((sample, mutations) in mutated(Kind::Register), belgium in any::<bool>()) {
        let name = if belgium { "register::parse (country BE)" } else { "register::parse" };
        check_mutated(parser(name), &sample, &mutations)?;
    }

    #[test]
    fn tables_reads_any_bytes(bytes in any_bytes(), name in prop::sample::select(NAMES)) {
        check(parser("tables::parse"), bytes, name)?;
    }

    #[test]
    fn tables_reads_mutated_workbooks((sample, mutations) in mutated(Kind::Tables)) {
        check_mutated(parser("tables::parse"), &sample, &mutations)?;
    }

    #[test]
    fn workbooks_of_any_cells_are_read(sheets in prop::collection::vec(sheet(), 1..3), register in any::<bool>()) {
        let name = if register { "register::parse" } else { "tables::parse" };
        check(parser(name), workbook(&sheets), "written.xlsx")?;
    }

    #[test]
    fn eurlex_pages_read_any_bytes(bytes in any_bytes(), nim in any::<bool>()) {
        let name = if nim { "eurlex::parse_nim_page" } else { "eurlex::parse_page" };
        check(parser(name), bytes, "fuzz.html")?;
    }

    #[test]
    fn eurlex_pages_read_mutated_pages((sample, mutations) in mutated(Kind::Page), nim in any::<bool>()) {
        let name = if nim { "eurlex::parse_nim_page" } else { "eurlex::parse_page" };
        check_mutated(parser(name), &sample, &mutations)?;
    }

    #[test]
    fn sparql_results_read_any_bytes(bytes in any_bytes(), measures in any::<bool>()) {
        let name = if measures { "eurlex::parse_measures" } else { "eurlex::parse_directives" };
        check(parser(name), bytes, "fuzz.json")?;
    }

    #[test]
    fn sparql_results_read_mutated_results((sample, mutations) in mutated(Kind::Sparql), measures in any::<bool>()) {
        let name = if measures { "eurlex::parse_measures" } else { "eurlex::parse_directives" };
        check_mutated(parser(name), &sample, &mutations)?;
    }

    #[test]
    fn every_parser_reads_every_input_mutated(
        parser_index in 0..PARSERS.len(),
        sample in prop::sample::select(corpus().keys().cloned().collect::<Vec<_>>()),
        mutations in prop::collection::vec(mutation(), 0..3),
    ) {
        check_mutated(&PARSERS[parser_index], &sample, &mutations)?;
    }
}

/// The fuzzing above means something only if each parser has real inputs it reads.
#[test]
fn every_parser_has_real_inputs_it_reads() {
    for parser in &PARSERS {
        let samples = samples_of(parser.kind);
        let read = samples
            .iter()
            .filter(|name| {
                let file_name = name.rsplit('/').next().unwrap_or(name);
                (parser.read)(&corpus()[name.as_str()].1, file_name).is_ok()
            })
            .count();
        assert!(
            read >= 1,
            "{}: reads {read} of its {} real inputs",
            parser.name,
            samples.len()
        );
    }
}

#[test]
fn a_panic_an_abort_and_a_diagnostic_naming_another_file_fail_a_case() {
    for (parser, expected) in BROKEN_PARSERS.iter().zip([
        "a panic of the stand-in",
        "SIGABRT",
        "gave a diagnostic naming \"other.csv\"",
    ]) {
        let failure = check(parser, b"x".to_vec(), "x.json").map_err(|e| e.to_string());
        assert!(
            failure.as_ref().is_err_and(|e| e.contains(expected)),
            "{}: {failure:?}",
            parser.name
        );
    }
    assert_eq!(
        check(parser("register::parse"), Vec::new(), "x.json").ok(),
        Some(())
    );
}

#[test]
fn mutations_do_what_they_say() {
    let edit = |bytes: &[u8], e: Edit| {
        let mut bytes = bytes.to_vec();
        apply_edit(&mut bytes, &e);
        String::from_utf8(bytes).unwrap_or_default()
    };
    let (start, half, end) = (At(0), At(1 << 31), At(u32::MAX));
    assert_eq!(edit(b"abcdef", Edit::Truncate(half)), "abc");
    assert_eq!(edit(b"abcdef", Edit::Truncate(end)), "abcdef");
    assert_eq!(edit(b"abcdef", Edit::Flip(end, 0x20)), "abcdeF");
    assert_eq!(
        edit(b"abcdef", Edit::Insert(end, b"xy".to_vec())),
        "abcdefxy"
    );
    assert_eq!(edit(b"abcdef", Edit::Delete(end, half)), "abc");
    assert_eq!(edit(b"", Edit::Delete(start, end)), "");
    assert_eq!(edit(b"", Edit::Flip(start, 1)), "");
    assert_eq!(edit(b"abcdef", Edit::Duplicate(start, end)), "abcdefabcdef");
    let mut doc: Value = serde_json::json!({"a": [1, 2], "b": 3});
    // Depth first: 0 the document, 1 "a", 2 and 3 its items, 4 "b".
    replace_value(&mut doc, 3, &Value::Null);
    assert_eq!(doc, serde_json::json!({"a": [1, null], "b": 3}));
    assert_eq!(count_values(&doc), 5);
    let markup = |span: Span, at: At, value: &str| {
        let doc = br#"<c r="B4" s="1"><v>44112</v></c>"#.to_vec();
        let doc = apply(doc, &Mutation::Markup(span, at, value.to_owned()));
        String::from_utf8(doc).unwrap_or_default()
    };
    let cell = |r: &str, s: &str, v: &str| format!(r#"<c r="{r}" s="{s}"><v>{v}</v></c>"#);
    assert_eq!(
        markup(Span::Attribute, start, "XFD1048576"),
        cell("XFD1048576", "1", "44112")
    );
    assert_eq!(markup(Span::Attribute, end, "2"), cell("B4", "2", "44112"));
    assert_eq!(markup(Span::Text, end, "-1e300"), cell("B4", "1", "-1e300"));
}
