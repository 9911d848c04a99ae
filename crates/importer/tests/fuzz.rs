//! Every public parser of `importer` against arbitrary bytes and against mutations of real inputs
//! (proptest, since cargo-fuzz needs nightly): the exports and pages of ../shared/data, the demo's
//! register files and the fixtures of tests/fixtures, truncated, with bytes flipped, slices
//! deleted, repeated or inserted, one XML part of a workbook edited, one JSON value replaced.
//! Each call must return `Ok` or `Err` within [`TIME_LIMIT`], never panic, and the diagnostics of
//! a file it reads must name that file.
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
use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

/// Generous: the largest real input (a 1.4 MB register export) reads in about a second in a
/// debug build. A call still running then is reported, and left running on its thread.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// Few cases from a fixed seed unless `PROPTEST_CASES` says otherwise (`ProptestConfig::default`
/// reads it and `PROPTEST_RNG_SEED`), so that `cargo test` runs the same cases every time; the
/// failures kept next to this crate's `Cargo.toml`, where they are committed as fixtures.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz.txt",
        ))),
        // A case that runs out of time makes every step of shrinking as slow: stop early.
        max_shrink_time: 120_000,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            config.rng_seed = proptest::test_runner::RngSeed::Fixed(11);
        }
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

fn parser(name: &str) -> &'static Parser {
    PARSERS
        .iter()
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
    /// Edits of one part of a zip (a workbook's XML), the zip written again; the whole file's
    /// bytes when it is no zip.
    ZipPart(At, Vec<Edit>),
    /// One value of a JSON document (counted depth first) replaced; nothing when it is no JSON.
    JsonValue(At, Value),
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

fn mutation() -> impl Strategy<Value = Mutation> {
    let edits = || prop::collection::vec(edit(), 1..4);
    prop_oneof![
        edits().prop_map(Mutation::Bytes),
        (at(), edits()).prop_map(|(part, e)| Mutation::ZipPart(part, e)),
        (at(), json_value()).prop_map(|(at, v)| Mutation::JsonValue(at, v)),
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
        Mutation::ZipPart(part, edits) => match edit_zip_part(&bytes, part, edits) {
            Some(zip) => zip,
            None => apply(bytes, &Mutation::Bytes(edits.clone())),
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

/// The zip with one of its parts edited, or `None` when the bytes are no zip.
fn edit_zip_part(bytes: &[u8], part: &At, edits: &[Edit]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    if archive.is_empty() {
        return None;
    }
    let chosen = part.within(archive.len());
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        if i == chosen {
            for e in edits {
                apply_edit(&mut content, e);
            }
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

/// Runs a parser on a thread and waits [`TIME_LIMIT`] for it: `Ok` when it returned, whatever it
/// returned, provided the diagnostics of a file it read name that file. The input of the call
/// is written first to `<parser>.last` (what was running when the process died, if it does:
/// an allocation too large aborts) and, when the call fails, to `<parser>.failed`.
fn check(parser: &'static Parser, bytes: Vec<u8>, file_name: &str) -> Result<(), TestCaseError> {
    let folder = saved_inputs();
    let stem = file_stem(parser.name);
    let _ = std::fs::create_dir_all(&folder);
    let _ = std::fs::write(folder.join(format!("{stem}.last")), &bytes);
    let bytes = Arc::new(bytes);
    let (done, finished) = mpsc::channel();
    let thread = {
        let bytes = Arc::clone(&bytes);
        let file_name = file_name.to_owned();
        std::thread::spawn(move || {
            let outcome = (parser.read)(&bytes, &file_name);
            let _ = done.send(());
            outcome
        })
    };
    let failure = |what: String| {
        let saved = folder.join(format!("{stem}.failed"));
        let _ = std::fs::write(&saved, &*bytes);
        TestCaseError::fail(format!(
            "{} on {} bytes named {file_name:?} {what} (input saved in {})",
            parser.name,
            bytes.len(),
            saved.display()
        ))
    };
    if finished.recv_timeout(TIME_LIMIT) == Err(mpsc::RecvTimeoutError::Timeout) {
        return Err(failure(format!("ran for more than {TIME_LIMIT:?}")));
    }
    match thread.join() {
        Ok(Ok(diagnostics)) => {
            if let Some(d) = diagnostics.iter().find(|d| d.file != file_name) {
                return Err(failure(format!("gave a diagnostic naming {:?}", d.file)));
            }
            Ok(())
        }
        Ok(Err(_)) => Ok(()),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(failure(format!("panicked: {message}")))
        }
    }
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
}
