//! The Commission register importer against the five real exports of ../shared/data and against
//! small hand-made files in tests/fixtures/register, each named after what it covers.

use std::path::PathBuf;

use domain::records::CaseRecord;
use domain::{CaseType, InfringementNumber};
use importer::Limits;
use importer::register::{self, RegisterImport, country_of};

const REAL_FILES: [&str; 5] = [
    "register-2020-08-24.json",
    "register-2021-04-11.json",
    "register-2021-06-08.json",
    "register-2022-01-11.json",
    "register-2023-01-11.json",
];

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn real(name: &str) -> Vec<u8> {
    read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/commission-register")
            .join(name),
    )
}

fn fixture(name: &str) -> Vec<u8> {
    read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/register")
            .join(name),
    )
}

/// Reads an export keeping the member state written `country` (as `--country` reads it).
fn import(bytes: &[u8], name: &str, country: Option<&str>) -> RegisterImport {
    let country = country.map(|c| country_of(c).unwrap_or_else(|| panic!("no member state {c}")));
    register::parse(bytes, name, country, &Limits::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn case<'a>(import: &'a RegisterImport, number: &str) -> &'a CaseRecord {
    let number = InfringementNumber::parse(number).unwrap_or_else(|e| panic!("{e}"));
    import
        .records
        .iter()
        .find(|c| c.number == number)
        .unwrap_or_else(|| panic!("no case {number}"))
}

/// A case as one line per decision, "2020-10-08 lfn/258" (with " +press" for a press release),
/// then its directives, its type and its country.
fn check_case(
    import: &RegisterImport,
    number: &str,
    decisions: &[&str],
    directives: &[&str],
    case_type: Option<CaseType>,
    country: &str,
) {
    let case = case(import, number);
    let got: Vec<String> = case
        .decisions
        .iter()
        .map(|d| {
            format!(
                "{} {}{}",
                d.date,
                d.stage,
                if d.press_release { " +press" } else { "" }
            )
        })
        .collect();
    assert_eq!(got, decisions, "decisions of {number}");
    let got: Vec<String> = case.directives.iter().map(ToString::to_string).collect();
    assert_eq!(got, directives, "directives of {number}");
    assert_eq!(case.case_type, case_type, "type of {number}");
    assert_eq!(case.country.name(), country, "country of {number}");
}

fn diagnostics(import: &RegisterImport) -> Vec<String> {
    import.diagnostics.iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------------------------------------
// The real exports.

/// Per file: rows, decisions read, cases and decisions after merging repeats, all member states;
/// counted with python on the files themselves.
#[test]
fn real_exports_are_read_whole_without_diagnostics() {
    let expected: [(usize, usize, usize, usize); 5] = [
        (2812, 2812, 1836, 2810),
        (2846, 2846, 1855, 2846),
        (1855, 2863, 1855, 2863),
        (1925, 2902, 1925, 2902),
        (1990, 3147, 1990, 3147),
    ];
    for (name, (rows, decisions_read, cases, decisions)) in REAL_FILES.into_iter().zip(expected) {
        let import = import(&real(name), name, None);
        assert_eq!(diagnostics(&import), Vec::<String>::new(), "{name}");
        assert_eq!(import.unknown_columns, Vec::<String>::new(), "{name}");
        assert_eq!(import.rows_read, rows, "{name}");
        assert_eq!(import.decisions_read, decisions_read, "{name}");
        assert_eq!(import.records.len(), cases, "{name}");
        assert_eq!(
            import
                .records
                .iter()
                .map(|c| c.decisions.len())
                .sum::<usize>(),
            decisions,
            "{name}"
        );
        assert!(
            import.records.iter().all(|c| !c.decisions.is_empty()),
            "{name}: a case without decision"
        );
        // Every row named a member state (a diagnostic otherwise): all of them are there.
        let states: std::collections::BTreeSet<domain::Country> =
            import.records.iter().map(|c| c.country).collect();
        assert!(states.len() >= 27, "{name}: {states:?}");
    }
}

/// The 2020 export has no row repeated exactly, but two decisions are listed twice, once with
/// the press release reference and once without: 2,812 rows give 2,810 decisions, and the kept
/// one carries the press release.
#[test]
fn a_decision_listed_twice_is_one_decision_with_its_press_release() {
    let name = "register-2020-08-24.json";
    let import = import(&real(name), name, None);
    check_case(
        &import,
        "INFR(2019)2076",
        &[
            "2019-04-03 lfn/258 +press",
            "2019-07-17 ro/258 +press",
            "2019-10-10 referral/258 +press",
        ],
        &[],
        None,
        "Poland",
    );
    check_case(
        &import,
        "INFR(2020)2182",
        &["2020-04-29 lfn/258 +press"],
        &[],
        None,
        "Poland",
    );
}

#[test]
fn belgian_cases_per_export() {
    let expected = [86, 86, 86, 91, 114];
    for (name, count) in REAL_FILES.into_iter().zip(expected) {
        let import = import(&real(name), name, Some("Belgium"));
        assert_eq!(import.records.len(), count, "{name}");
        assert!(
            import
                .records
                .iter()
                .all(|c| c.country == domain::Country::Belgium),
            "{name}"
        );
        assert_eq!(diagnostics(&import), Vec::<String>::new(), "{name}");
    }
    let name = REAL_FILES[4];
    let bytes = real(name);
    for written in ["BE", "be", "Belgique", "België"] {
        assert_eq!(
            import(&bytes, name, Some(written)).records.len(),
            114,
            "{written}"
        );
    }
    let italy = import(&bytes, name, Some("Italie"));
    assert!(
        !italy.records.is_empty()
            && italy
                .records
                .iter()
                .all(|c| c.country == domain::Country::Italy)
    );
    // A state that is not a member is no filter: `--country` refuses it before reading.
    assert_eq!(country_of("Norway"), None);
}

#[test]
fn non_communication_case_with_its_directive() {
    let name = "register-2023-01-11.json";
    let import = import(&real(name), name, Some("Belgium"));
    check_case(
        &import,
        "INFR(2020)0385",
        &[
            "2020-10-08 lfn/258",
            "2021-11-12 ro/258",
            "2022-09-29 referral/258+260.3",
        ],
        &["2018/958"],
        Some(CaseType::NonCommunication),
        "Belgium",
    );
    let case = case(&import, "INFR(2020)0385");
    assert_eq!(
        case.department.as_deref(),
        Some("Internal Market, Industry, Entrepreneurship and SMEs")
    );
    assert_eq!(
        case.decisions[2].label,
        "Referral to Court Art. 258 TFEU  - 260(3) TFEU"
    );
}

#[test]
fn directive_written_as_celex_in_the_title() {
    let name = "register-2022-01-11.json";
    let import = import(&real(name), name, Some("BE"));
    let case = case(&import, "INFR(2021)0145");
    assert_eq!(
        case.directives
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2018/2001"]
    );
    assert_eq!(case.case_type, Some(CaseType::NonCommunication));
}

/// One row per decision, "INFR(...)" numbers and ISO dates: a case through both procedures, the
/// Art. 260(2) one after the Art. 258 one.
#[test]
fn case_through_art_258_then_art_260() {
    let name = "register-2021-04-11.json";
    let import = import(&real(name), name, Some("Belgium"));
    check_case(
        &import,
        "INFR(2007)4332",
        &[
            "2007-11-06 lfn/258",
            "2009-06-25 lfn-add/258",
            "2012-03-22 ro/258 +press",
            "2015-06-18 referral/258 +press",
            "2018-11-08 lfn/260.2",
            "2019-07-25 referral/260.2 +press",
        ],
        &[],
        None,
        "Belgium",
    );
}

/// Integer numbers and "2004/07/20" dates.
#[test]
fn oldest_export_shape() {
    let name = "register-2020-08-24.json";
    let import = import(&real(name), name, Some("Belgium"));
    check_case(
        &import,
        "19952085",
        &["2004-07-20 lfn/260.2"],
        &[],
        None,
        "Belgium",
    );
    let case = case(&import, "INFR(1995)2085");
    assert_eq!(
        case.title.as_deref(),
        Some("CONCLUSION D'UN ACCORD BILATERAL AERIEN AVEC LES ETATS-UNIS")
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-made files.

const DATE_EXPECTED: &str = "a date like 2020/10/08, 2020-10-08 or 8/10/2020";
const LABEL_EXPECTED: &str = "a decision type naming a stage: formal notice, additional formal notice, reasoned opinion, \
     referral to Court, modified financial sanction, withdrawal from the Court or closure (in English, French or Dutch)";

#[test]
fn json_with_an_unknown_label_a_broken_date_and_a_malformed_number() {
    let name = "label-date-number-errors.json";
    let import = import(&fixture(name), name, None);
    assert_eq!(
        diagnostics(&import),
        [
            format!(
                "{name}, row 2, column Decision_type: found \"Formal warning\", expected {LABEL_EXPECTED}"
            ),
            format!(
                "{name}, row 3, column Decision_date: found \"2022-02-30\", expected {DATE_EXPECTED}"
            ),
            format!(
                "{name}, row 4, column Infringement_number: found \"INFR(21)0145\", expected an infringement number like INFR(2020)0385, 2020/0385 or 20200385"
            ),
        ]
    );
    assert_eq!(
        (
            import.rows_read,
            import.decisions_read,
            import.records.len()
        ),
        (5, 2, 2)
    );
    check_case(
        &import,
        "INFR(2021)0145",
        &["2021-07-23 lfn/258"],
        &["2018/2001"],
        Some(CaseType::NonCommunication),
        "Belgium",
    );
    check_case(
        &import,
        "INFR(2019)2277",
        &["2019-07-25 ro/258 +press"],
        &["2008/98"],
        None,
        "Belgium",
    );
}

/// A row whose member state the importer cannot read is a diagnostic naming the cell, and the
/// row is left out: its case is given no state, asked for or not.
#[test]
fn a_row_naming_no_member_state_is_a_diagnostic_and_left_out() {
    let name = "register.csv";
    let bytes = b"Infringement number,Decision,Country,Title\n\
        20200385,8/10/2020 Formal notice Art. 258 TFEU,Belgium,Waste\n\
        20200386,8/10/2020 Formal notice Art. 258 TFEU,Atlantis,Water\n\
        20200387,8/10/2020 Formal notice Art. 258 TFEU,Italie,Air\n";
    let expected = format!(
        "{name}, row 3, column Country: found \"Atlantis\", expected a member state like Belgium, Belgique, België or BE"
    );
    let all = import(bytes, name, None);
    assert_eq!(diagnostics(&all), std::slice::from_ref(&expected));
    let numbers: Vec<String> = all.records.iter().map(|c| c.number.to_string()).collect();
    assert_eq!(numbers, ["INFR(2020)0385", "INFR(2020)0387"]);
    check_case(
        &all,
        "INFR(2020)0387",
        &["2020-10-08 lfn/258"],
        &[],
        None,
        "Italy",
    );
    let belgium = import(bytes, name, Some("BE"));
    assert_eq!(diagnostics(&belgium), [expected]);
    assert_eq!(belgium.records.len(), 1);
    assert_eq!(belgium.rows_read, 3);
}

/// An export saved filtered has no country column: read for a member state, its cases are that
/// state's; read for every state, whose cases they are cannot be told, and it is refused.
#[test]
fn an_export_without_a_country_column_is_read_for_one_member_state_only() {
    let name = "register.csv";
    let bytes = b"Infringement number,Decision\n20200385,8/10/2020 Formal notice Art. 258 TFEU\n";
    let belgium = import(bytes, name, Some("Belgique"));
    assert_eq!(diagnostics(&belgium), Vec::<String>::new());
    check_case(
        &belgium,
        "INFR(2020)0385",
        &["2020-10-08 lfn/258"],
        &[],
        None,
        "Belgium",
    );
    check_error(
        bytes,
        name,
        "register.csv: the export has no country column, so the member state of its cases is unknown: give the state it was saved for (--country BE)",
    );
}

/// Excel's French CSV: `;`, Windows-1252, integer numbers, both date forms, a quoted `;`, an
/// unknown column, a decision listed twice (the second time with its press release).
#[test]
fn csv_with_french_headers() {
    let name = "french-headers-semicolon-cp1252.csv";
    let bytes = fixture(name);
    let belgium = import(&bytes, name, Some("BE"));
    assert_eq!(diagnostics(&belgium), Vec::<String>::new());
    assert_eq!(belgium.unknown_columns, ["Commentaire"]);
    assert_eq!(
        (
            belgium.rows_read,
            belgium.decisions_read,
            belgium.records.len()
        ),
        (6, 5, 2)
    );
    check_case(
        &belgium,
        "INFR(2020)0385",
        &[
            "2020-10-08 lfn/258",
            "2021-11-12 ro/258 +press",
            "2022-09-29 referral/258+260.3",
        ],
        &["2018/958"],
        Some(CaseType::NonCommunication),
        "Belgium",
    );
    assert_eq!(
        case(&belgium, "INFR(2020)0385").decisions[1].label,
        "Avis motivé art. 258 TFUE"
    );
    check_case(
        &belgium,
        "INFR(2018)2277",
        &["2019-07-25 closure"],
        &["2008/98"],
        None,
        "Belgium",
    );
    assert_eq!(
        case(&belgium, "INFR(2018)2277").title.as_deref(),
        Some("Déchets; directive 2008/98/CE")
    );
    assert_eq!(
        case(&belgium, "INFR(2018)2277").department.as_deref(),
        Some("Environnement")
    );

    let all = import(&bytes, name, None);
    assert_eq!(all.records.len(), 3);
    check_case(
        &all,
        "INFR(2019)0001",
        &["2019-01-24 lfn/258"],
        &[],
        None,
        "France",
    );
}

/// One row per case, a quoted multi-line "Decision" cell: a broken line is reported and the
/// case's other decisions are still read.
#[test]
fn csv_one_row_per_case() {
    let name = "per-case-comma.csv";
    let import = import(&fixture(name), name, None);
    assert_eq!(
        diagnostics(&import),
        [format!(
            "{name}, row 2, column Decision: found \"32/13/2021 Additional reasoned opinion Art. 258 TFEU\", expected a line like \"8/10/2020 Formal notice Art. 258 TFEU\""
        )]
    );
    check_case(
        &import,
        "INFR(2020)0385",
        &[
            "2020-10-08 lfn/258",
            "2021-11-12 ro/258",
            "2022-09-29 referral/258+260.3",
        ],
        &["2018/958"],
        Some(CaseType::NonCommunication),
        "Belgium",
    );
    check_case(
        &import,
        "INFR(2014)4075",
        &["2014-07-10 lfn/258", "2017-04-27 lfn-add/258"],
        &[],
        None,
        "Italy",
    );
}

/// A workbook whose first sheet is a note and whose register sheet has a title above its Dutch
/// header; dates are real Excel dates or text, numbers written three ways.
#[test]
fn xlsx_with_dutch_headers_under_a_title() {
    let name = "dutch-headers-title-rows.xlsx";
    let bytes = fixture(name);
    let belgium = import(&bytes, name, Some("België"));
    assert_eq!(
        diagnostics(&belgium),
        [format!(
            "{name}, sheet Register, row 8, column Besluitdatum: found \"31/02/2022\", expected {DATE_EXPECTED}"
        )]
    );
    assert_eq!(belgium.unknown_columns, Vec::<String>::new());
    assert_eq!(
        (
            belgium.rows_read,
            belgium.decisions_read,
            belgium.records.len()
        ),
        (5, 3, 1)
    );
    check_case(
        &belgium,
        "INFR(2020)0385",
        &[
            "2020-10-08 lfn/258",
            "2021-11-12 ro/258",
            "2022-09-29 referral/258+260.3 +press",
        ],
        &["2018/958"],
        Some(CaseType::NonCommunication),
        "Belgium",
    );
    let all = import(&bytes, name, None);
    check_case(
        &all,
        "INFR(2019)0001",
        &["2019-01-24 lfn/258"],
        &[],
        None,
        "France",
    );
}

// ---------------------------------------------------------------------------------------------
// Files that cannot be read at all.

fn check_error(bytes: &[u8], name: &str, expected: &str) {
    let got = register::parse(bytes, name, None, &Limits::default())
        .map(|i| i.records.len())
        .map_err(|e| e.to_string());
    assert_eq!(got, Err(expected.to_owned()), "{name}");
}

#[test]
fn unreadable_files() {
    check_error(
        b"not json",
        "register.json",
        "register.json: cannot be read as JSON: expected ident at line 1 column 2",
    );
    check_error(
        b"42",
        "register.json",
        "register.json: found a single value, expected an array of objects, one per decision or per case",
    );
    check_error(
        br#"[{"Name": "x"}]"#,
        "register.json",
        "register.json: no column of the Commission's register found (columns: Name), expected an infringement number column and either a decision column or decision date and decision type columns",
    );
    check_error(
        b"Infringement number;Decision date;Title\n20200385;2020/10/08;x\n",
        "register.csv",
        "register.csv: no column of the Commission's register found (columns: Infringement number, Decision date, Title), expected an infringement number column and either a decision column or decision date and decision type columns",
    );
    check_error(
        b"",
        "register.csv",
        "register.csv: no column of the Commission's register found (columns: none, the file is empty), expected an infringement number column and either a decision column or decision date and decision type columns",
    );
    check_error(
        b"PK\x03\x04 broken",
        "register.xlsx",
        "register.xlsx: the workbook is damaged or cut short (its zip directory cannot be read: invalid Zip archive: Could not find EOCD): download it again, or open it in Excel and save it again",
    );
}

/// Whatever the bytes, the parser answers: records, diagnostics or an error, never a panic.
#[test]
fn arbitrary_bytes_never_panic() {
    let samples: [&[u8]; 8] = [
        b"\xff\xfe\x00",
        b"[1, \"x\", null, {}]",
        br#"[{"Infringement_number": 99999999999999999999, "Decision": 3}]"#,
        br#"[{"Infringement_number": -1, "Decision_date": 1e300, "Decision_type": []}]"#,
        br#"{"data": [{"Infringement_number": "INFR(2020)0385", "Decision": "\n\n8/10/2020\n 0/0/0 x\n"}]}"#,
        b"Infringement number;Decision\n20200385;\"8/10/2020 Formal notice\n",
        b"Infringement number,Decision\n,\n\"\",\"\"\n2020/0385",
        b"\xEF\xBB\xBF",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        for name in ["x.json", "x.csv", "x.xlsx", "x"] {
            let _ = register::parse(
                bytes,
                name,
                Some(domain::Country::Belgium),
                &Limits::default(),
            );
            let _ = register::parse(bytes, name, None, &Limits::default())
                .map_err(|e| assert!(e.to_string().starts_with(name), "sample {i}"));
        }
    }
}
