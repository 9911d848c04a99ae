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
    use importer::{Diagnostic, Limits, articles, campaign, correlation, eurlex, register, tables};

    pub type Outcome = Result<Vec<Diagnostic>, String>;

    pub fn register(bytes: &[u8], file_name: &str) -> Outcome {
        register::parse(bytes, file_name, None, &Limits::default())
            .map(|import| import.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn register_belgium(bytes: &[u8], file_name: &str) -> Outcome {
        register::parse(
            bytes,
            file_name,
            Some(domain::Country::Belgium),
            &Limits::default(),
        )
        .map(|import| import.diagnostics)
        .map_err(|e| e.to_string())
    }

    pub fn tables(bytes: &[u8], file_name: &str) -> Outcome {
        tables::parse(bytes, file_name, &Limits::default())
            .map(|import| import.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn eurlex_page(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_page(bytes, file_name, &Limits::default())
            .map(|_| Vec::new())
            .map_err(|e| e.to_string())
    }

    pub fn nim_page(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_nim_page(bytes, file_name, &Limits::default())
            .map(|_| Vec::new())
            .map_err(|e| e.to_string())
    }

    pub fn articles(bytes: &[u8], file_name: &str) -> Outcome {
        articles::parse_articles(bytes, file_name, &Limits::default())
            .map(|_| Vec::new())
            .map_err(|e| e.to_string())
    }

    /// A correlation table checked against a directive with a few provisions and one measure.
    pub fn correlation(bytes: &[u8], file_name: &str) -> Outcome {
        let known = correlation::Known {
            directive: domain::DirectiveId {
                year: 2018,
                number: 2001,
            },
            provisions: ["1", "3(1)", "3(2)", "Annex I"]
                .iter()
                .filter_map(|p| domain::Provision::parse(p).ok())
                .collect(),
            measures: vec![(1, vec!["Ordonnantie van 28 april 2022".to_owned()])],
        };
        let named = correlation::directive_named(bytes, file_name, &Limits::default())
            .map_err(|e| e.to_string())?;
        let mut diagnostics = correlation::read(bytes, file_name, &known, &Limits::default())
            .map(|table| table.diagnostics)
            .map_err(|e| e.to_string())?;
        diagnostics.extend(named.err());
        Ok(diagnostics)
    }

    /// An answer form checked against a campaign of one question of each kind.
    pub fn campaign(bytes: &[u8], file_name: &str) -> Outcome {
        use domain::campaign::{Question, QuestionKind};
        let question = |key: &str, kind| Question {
            key: key.to_owned(),
            text_fr: key.to_owned(),
            text_nl: key.to_owned(),
            kind,
        };
        let form = campaign::Form {
            name: "SIEG 2022".to_owned(),
            authorities: vec![("BE".to_owned(), vec!["Bruxelles Environnement".to_owned()])],
            questions: vec![
                question("services", QuestionKind::Text),
                question("compensation", QuestionKind::YesNo),
                question("amount", QuestionKind::Number),
                question("mandate", QuestionKind::Date),
            ],
        };
        campaign::answers(bytes, file_name, &form, &Limits::default())
            .map(|a| a.diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn directives(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_directives(bytes, file_name, &Limits::default())
            .map(|(_, diagnostics)| diagnostics)
            .map_err(|e| e.to_string())
    }

    pub fn measures(bytes: &[u8], file_name: &str) -> Outcome {
        eurlex::parse_measures(bytes, file_name, &Limits::default())
            .map(|(_, diagnostics)| diagnostics)
            .map_err(|e| e.to_string())
    }
}

mod fuzzing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};

use fuzzing::mutations::{Mutation, apply, inserted, mutation};
use fuzzing::workbooks::{sheet, workbook};

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

const PARSERS: [Parser; 10] = [
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
        name: "articles::parse_articles",
        read: call::articles,
        kind: Kind::Page,
    },
    Parser {
        name: "campaign::answers",
        read: call::campaign,
        kind: Kind::Tables,
    },
    Parser {
        name: "correlation::read",
        read: call::correlation,
        kind: Kind::Tables,
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
            (here.join("tests/fixtures/texts"), Kind::Page),
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

/// A real input of one kind and the mutations to apply to it.
fn mutated(kind: Kind) -> impl Strategy<Value = (String, Vec<Mutation>)> {
    (
        prop::sample::select(samples_of(kind)),
        prop::collection::vec(mutation(), 1..4),
    )
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
    fn texts_and_correlation_tables_read_any_bytes(bytes in any_bytes(), table in any::<bool>()) {
        let (name, file) = if table { ("correlation::read", "fuzz.xlsx") } else { ("articles::parse_articles", "fuzz.html") };
        check(parser(name), bytes, file)?;
    }

    #[test]
    fn forms_and_correlation_tables_of_any_cells_are_read(sheets in prop::collection::vec(sheet(), 1..3), form in any::<bool>()) {
        let name = if form { "campaign::answers" } else { "correlation::read" };
        check(parser(name), workbook(&sheets), "written.xlsx")?;
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
