//! The tracking tables importer on the unit's sample workbook, on small hand-made fixtures (one per
//! kind of trouble real tables bring), and the round trip through `report::tables::export`.

use chrono::{NaiveDate, NaiveDateTime};
use domain::tables::Tables;
use domain::{CaseType, Competence, Lang, PlannedDate};
use importer::Diagnostic;
use importer::tables::{TablesImport, parse};

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample() -> TablesImport {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/cellule-tables/suivi-transposition-2021-03-01.xlsx"
    );
    parse(
        &read(path),
        "suivi-transposition-2021-03-01.xlsx",
        &importer::Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str) -> TablesImport {
    let path = format!(
        "{}/../crates/importer/tests/fixtures/tables/{name}.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    parse(
        &read(&path),
        &format!("{name}.xlsx"),
        &importer::Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// "05/07/2020" -> a date, "" -> none.
fn day(text: &str) -> Option<NaiveDate> {
    domain::parse_date(text).ok()
}

fn planned(text: &str, end: NaiveDate, approximate: bool) -> Option<PlannedDate> {
    Some(PlannedDate {
        text: text.to_owned(),
        no_later_than: end,
        approximate,
    })
}

/// Each diagnostic as (sheet, row, column, found), in order.
fn positions(import: &TablesImport) -> Vec<(String, usize, String, String)> {
    import
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.sheet.clone().unwrap_or_default(),
                d.row.unwrap_or_default(),
                d.column.clone().unwrap_or_default(),
                d.found.clone(),
            )
        })
        .collect()
}

fn check_diagnostics(import: &TablesImport, file: &str, expected: &[(&str, usize, &str, &str)]) {
    let expected: Vec<(String, usize, String, String)> = expected
        .iter()
        .map(|(s, r, c, f)| (s.to_string(), *r, c.to_string(), f.to_string()))
        .collect();
    assert_eq!(positions(import), expected, "{:#?}", import.diagnostics);
    assert!(
        import
            .diagnostics
            .iter()
            .all(|d| d.file == file && !d.expected.is_empty())
    );
}

fn celexes(tables: &Tables) -> (Vec<String>, Vec<String>) {
    (
        tables.directives.iter().map(|d| d.id.celex()).collect(),
        tables.cases.iter().map(|c| c.number.to_string()).collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// The sample.

#[test]
fn sample_imports_without_a_diagnostic() {
    let import = sample();
    assert_eq!(import.diagnostics, Vec::<Diagnostic>::new());
    assert_eq!(import.unknown_columns, Vec::<(String, String)>::new());
    assert_eq!(import.rejected_rows, 0);
    assert_eq!(import.tables.directives.len(), 17);
    assert_eq!(import.tables.cases.len(), 9);
}

/// (CELEX, deadlines, status as written, planned date, competence) of a directive row.
type Summary = (
    String,
    Vec<NaiveDate>,
    Option<String>,
    Option<PlannedDate>,
    Option<Competence>,
);

#[test]
fn sample_directives() {
    let import = sample();
    let t2 = planned("T2 2021", date(2021, 6, 30), true);
    let exact_june = Some(PlannedDate::exact(date(2021, 6, 30)));
    // (CELEX, deadline, status as written, planned, competence)
    let expected: Vec<(&str, &str, &str, Option<PlannedDate>, Competence)> = vec![
        (
            "32018L0851",
            "05/07/2020",
            "En retard",
            t2,
            Competence::Shared,
        ),
        (
            "32018L0850",
            "05/07/2020",
            "En retard",
            exact_june.clone(),
            Competence::Shared,
        ),
        (
            "32018L0849",
            "05/07/2020",
            "En retard",
            planned("fin 2021", date(2021, 12, 31), true),
            Competence::Shared,
        ),
        (
            "32018L0852",
            "05/07/2020",
            "Transposée",
            None,
            Competence::Shared,
        ),
        (
            "32018L0958",
            "30/07/2020",
            "En retard",
            planned("T3 2021", date(2021, 9, 30), true),
            Competence::Shared,
        ),
        (
            "32018L2001",
            "30/06/2021",
            "En cours",
            exact_june,
            Competence::Shared,
        ),
        (
            "32019L1024",
            "17/07/2021",
            "En cours",
            planned("07.2021", date(2021, 7, 31), true),
            Competence::Shared,
        ),
        (
            "32019L0904",
            "03/07/2021",
            "En cours",
            planned("T4 2021", date(2021, 12, 31), true),
            Competence::Shared,
        ),
        (
            "32019L1937",
            "17/12/2021",
            "En cours",
            None,
            Competence::Shared,
        ),
        (
            "32020L1057",
            "02/02/2022",
            "En cours",
            None,
            Competence::Shared,
        ),
        (
            "32019L1158",
            "02/08/2022",
            "En cours",
            None,
            Competence::Shared,
        ),
        (
            "32019L1152",
            "01/08/2022",
            "En cours",
            None,
            Competence::Shared,
        ),
        (
            "32019L0790",
            "07/06/2021",
            "Non concernée",
            None,
            Competence::NotConcerned,
        ),
        (
            "32019L0789",
            "07/06/2021",
            "Non concernée",
            None,
            Competence::NotConcerned,
        ),
        (
            "32019L0001",
            "04/02/2021",
            "Non concernée",
            None,
            Competence::NotConcerned,
        ),
        (
            "32015L2366",
            "13/01/2018",
            "Non concernée",
            None,
            Competence::NotConcerned,
        ),
        (
            "32014L0017",
            "21/03/2016",
            "Non concernée",
            None,
            Competence::NotConcerned,
        ),
    ];
    let got: Vec<Summary> = import
        .tables
        .directives
        .iter()
        .map(|d| {
            (
                d.id.celex(),
                d.deadlines.clone(),
                d.status_text.clone(),
                d.planned.clone(),
                d.competence,
            )
        })
        .collect();
    let expected: Vec<Summary> = expected
        .into_iter()
        .map(|(celex, deadline, status, planned, competence)| {
            (
                celex.to_owned(),
                day(deadline).into_iter().collect(),
                Some(status.to_owned()),
                planned,
                Some(competence),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn sample_directive_details() {
    let import = sample();
    let by_celex = |celex: &str| {
        import
            .tables
            .directives
            .iter()
            .find(|d| d.id.celex() == celex)
    };
    let renewables = by_celex("32018L2001");
    assert_eq!(
        renewables.map(|d| d.authorities.clone()),
        Some(vec![
            "Bruxelles Environnement".to_owned(),
            "Brugel".to_owned()
        ])
    );
    assert_eq!(
        renewables.and_then(|d| d.notes.clone()).as_deref(),
        Some("Risque de retard : avis du Conseil d'État attendu")
    );
    let packaging = by_celex("32018L0852");
    assert_eq!(packaging.and_then(|d| d.published_on), day("18/12/2020"));
    assert_eq!(packaging.and_then(|d| d.notified_on), day("12/01/2021"));
    assert_eq!(
        packaging.and_then(|d| d.measures_text.clone()).as_deref(),
        Some("Accord de coopération interrégional")
    );
    let waste = by_celex("32018L0851");
    assert_eq!(
        waste.and_then(|d| d.title.clone()).as_deref(),
        Some("Déchets - modification de la directive-cadre 2008/98/CE")
    );
    assert_eq!(
        waste.map(|d| d.authorities.clone()),
        Some(vec!["Bruxelles Environnement".to_owned()])
    );
    let copyright = by_celex("32019L0790");
    assert_eq!(copyright.map(|d| d.authorities.is_empty()), Some(true));
    assert_eq!(
        copyright.and_then(|d| d.notes.clone()).as_deref(),
        Some("Compétence fédérale")
    );
}

#[test]
fn sample_cases() {
    let import = sample();
    type Case = (
        String,
        Vec<String>,
        Option<CaseType>,
        Option<String>,
        [Option<NaiveDate>; 4],
        Option<String>,
    );
    let nc = Some(CaseType::NonCommunication);
    let bad = Some(CaseType::BadApplication);
    let case = |number: &str,
                directive: &str,
                t: Option<CaseType>,
                stage: &str,
                dates: [&str; 4],
                authority: &str|
     -> Case {
        (
            number.to_owned(),
            vec![directive.to_owned()],
            t,
            Some(stage.to_owned()),
            dates.map(day),
            Some(authority.to_owned()),
        )
    };
    let env = "Bruxelles Environnement";
    let expected = vec![
        case(
            "INFR(2020)0380",
            "32018L0849",
            nc,
            "lfn/258",
            ["08/10/2020", "08/12/2020", "04/12/2020", "07/12/2020"],
            env,
        ),
        case(
            "INFR(2020)0381",
            "32018L0850",
            nc,
            "lfn/258",
            ["08/10/2020", "08/12/2020", "04/12/2020", "07/12/2020"],
            env,
        ),
        case(
            "INFR(2020)0382",
            "32018L0851",
            nc,
            "lfn/258",
            ["08/10/2020", "08/12/2020", "04/12/2020", ""],
            env,
        ),
        case(
            "INFR(2020)0385",
            "32018L0958",
            nc,
            "lfn/258",
            ["08/10/2020", "08/12/2020", "10/12/2020", "11/12/2020"],
            "Bruxelles Économie et Emploi",
        ),
        case(
            "INFR(2020)0135",
            "32018L0844",
            nc,
            "lfn/258",
            ["28/05/2020", "28/07/2020", "20/07/2020", "21/07/2020"],
            env,
        ),
        case(
            "INFR(2020)0502",
            "32018L2002",
            nc,
            "lfn/258",
            ["23/11/2020", "23/01/2021", "22/01/2021", ""],
            env,
        ),
        case(
            "INFR(2019)2281",
            "32004L0054",
            bad,
            "ro/258",
            ["03/12/2020", "03/02/2021", "02/02/2021", "03/02/2021"],
            "Bruxelles Mobilité",
        ),
        case(
            "INFR(2016)2005",
            "32008L0050",
            bad,
            "ro/258",
            ["18/02/2021", "18/04/2021", "", ""],
            env,
        ),
        case(
            "INFR(2020)2097",
            "31991L0271",
            bad,
            "lfn/258",
            ["14/05/2020", "14/07/2020", "10/07/2020", "13/07/2020"],
            env,
        ),
    ];
    let got: Vec<Case> = import
        .tables
        .cases
        .iter()
        .map(|c| {
            (
                c.number.to_string(),
                c.directives.iter().map(|d| d.celex()).collect(),
                c.case_type,
                c.stage.map(|s| s.code()),
                [
                    c.decided_on,
                    c.reply_deadline,
                    c.reply_sent_on,
                    c.reply_entered_on,
                ],
                c.authority.clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let late = import
        .tables
        .cases
        .iter()
        .find(|c| c.number.to_string() == "INFR(2020)0385");
    assert_eq!(
        late.and_then(|c| c.notes.clone()).as_deref(),
        Some("Réponse tardive (2 jours)")
    );
    assert_eq!(
        late.and_then(|c| c.subject.clone()).as_deref(),
        Some("Test de proportionnalité")
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-made fixtures.

#[test]
fn dutch_headers() {
    let import = fixture("dutch-headers");
    check_diagnostics(
        &import,
        "dutch-headers.xlsx",
        &[
            ("Blad1", 10, "Bevoegdheid BHG", "soms"),
            ("Inbreuken", 4, "Stadium", "Onbekend"),
        ],
    );
    assert_eq!(import.rejected_rows, 2);
    assert_eq!(import.unknown_columns, Vec::<(String, String)>::new());
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32019L1024", "32008L0098"]);
    assert_eq!(cases, ["INFR(2021)0123", "INFR(2019)2277"]);
    let open_data = &import.tables.directives[0];
    assert_eq!(
        open_data.authorities,
        ["Paradigm", "Brussel Economie en Werkgelegenheid"]
    );
    assert_eq!(open_data.competence, Some(Competence::Shared));
    assert_eq!(
        open_data.planned,
        planned("eind 2021", date(2021, 12, 31), true)
    );
    assert_eq!(open_data.status_text.as_deref(), Some("Lopend"));
    let waste = &import.tables.directives[1];
    assert_eq!(waste.deadlines, [date(2010, 12, 12)]);
    assert_eq!(waste.published_on, Some(date(2012, 6, 27)));
    assert_eq!(waste.planned, Some(PlannedDate::exact(date(2012, 6, 14))));
    let letter = &import.tables.cases[0];
    assert_eq!(letter.case_type, Some(CaseType::NonCommunication));
    assert_eq!(
        letter.stage.map(|s| s.code()).as_deref(),
        Some("lfn/258+260.3")
    );
    let opinion = &import.tables.cases[1];
    assert_eq!(opinion.stage.map(|s| s.code()).as_deref(), Some("ro/258"));
    assert_eq!(
        [
            opinion.decided_on,
            opinion.reply_deadline,
            opinion.reply_sent_on,
            opinion.reply_entered_on
        ],
        [
            day("07/06/2021"),
            day("07/08/2021"),
            day("05/08/2021"),
            day("06/08/2021")
        ]
    );
}

#[test]
fn hidden_columns_and_rows_are_read() {
    let import = fixture("hidden-columns");
    // The competence column is hidden: its bad value is still found.
    check_diagnostics(
        &import,
        "hidden-columns.xlsx",
        &[("Directives", 7, "Compétence RBC", "peut-être")],
    );
    assert_eq!(import.rejected_rows, 1);
    let (directives, _) = celexes(&import.tables);
    // Row 6 is hidden, and kept.
    assert_eq!(directives, ["32018L0851", "32018L0850"]);
    assert_eq!(import.tables.directives[0].deadlines, [date(2020, 7, 5)]);
    assert_eq!(
        import.tables.directives[0].notes.as_deref(),
        Some("Note cachée")
    );
    assert_eq!(import.tables.directives[1].deadlines, [date(2020, 7, 5)]);
}

#[test]
fn blank_rows_and_the_legend() {
    let import = fixture("blank-rows");
    check_diagnostics(
        &import,
        "blank-rows.xlsx",
        &[("Directives", 10, "Directive", "Directive 2019/")],
    );
    assert_eq!(import.rejected_rows, 1);
    // Nothing after the legend is read: its "pas une date" would be a diagnostic.
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32018L0851", "32019L0904"]);
    assert!(cases.is_empty());
}

#[test]
fn duplicate_rows() {
    let import = fixture("duplicate-rows");
    check_diagnostics(
        &import,
        "duplicate-rows.xlsx",
        &[
            ("Directives", 6, "Directive", "2019/904"),
            ("Directives", 8, "Directive", "Directive (UE) 2019/904"),
            ("Infractions", 5, "N° procédure", "INFR(2020)0380"),
            ("Infractions", 7, "N° procédure", "2020/0380"),
        ],
    );
    assert!(
        import.diagnostics[0]
            .expected
            .contains("also on row 8, with a different Date prévue"),
        "{}",
        import.diagnostics[0]
    );
    assert!(
        import.diagnostics[3]
            .expected
            .contains("also on row 5, with a different Stade"),
        "{}",
        import.diagnostics[3]
    );
    assert_eq!(import.rejected_rows, 4);
    // 2018/851 written twice with the same values (once as "Directive (UE) 2018/851") is one row.
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32018L0851"]);
    assert_eq!(cases, ["INFR(2020)0381"]);
}

#[test]
fn impossible_dates() {
    let import = fixture("impossible-dates");
    check_diagnostics(
        &import,
        "impossible-dates.xlsx",
        &[
            ("Directives", 5, "Délai de transposition", "31/02/2021"),
            ("Directives", 6, "Publication MB", "2021-13-01"),
            ("Directives", 7, "Date prévue", "32/05/2021"),
            ("Directives", 8, "Date prévue", "bientôt"),
            ("Infractions", 5, "Date de la décision", "29/02/2021"),
        ],
    );
    assert_eq!(
        import.diagnostics[0].expected,
        "a date that exists (February 2021 has 28 days)"
    );
    assert_eq!(import.rejected_rows, 5);
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32019L0904"]);
    assert!(cases.is_empty());
    // Two deadlines in one cell.
    assert_eq!(
        import.tables.directives[0].deadlines,
        [date(2021, 7, 3), date(2024, 7, 3)]
    );
}

#[test]
fn invalid_numbers() {
    let import = fixture("invalid-numbers");
    check_diagnostics(
        &import,
        "invalid-numbers.xlsx",
        &[
            ("Directives", 5, "Directive", "Règlement (UE) 2016/679"),
            ("Infractions", 5, "N° procédure", "INFR(20)0380"),
            ("Infractions", 6, "N° procédure", "2020-0382"),
            ("Infractions", 7, "N° procédure", "123"),
            ("Infractions", 9, "N° procédure", ""),
        ],
    );
    assert!(
        import.diagnostics[0]
            .expected
            .starts_with("a directive, not a regulation"),
        "{}",
        import.diagnostics[0]
    );
    assert_eq!(import.rejected_rows, 5);
    // 20200385 typed as a number is a valid number.
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32019L1024"]);
    assert_eq!(cases, ["INFR(2020)0385"]);
}

#[test]
fn unknown_columns_are_reported_once() {
    let import = fixture("unknown-column");
    check_diagnostics(&import, "unknown-column.xlsx", &[]);
    let names = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(s, h)| (s.to_string(), h.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        import.unknown_columns,
        names(&[
            ("Suivi", "Responsable politique"),
            ("Suivi", "Budget (EUR)"),
            ("Feuil2", "DG Commission")
        ])
    );
    let (directives, cases) = celexes(&import.tables);
    assert_eq!(directives, ["32018L0851", "32019L0904"]);
    assert_eq!(cases, ["INFR(2020)0380"]);
    // The columns after the unknown one are still read where they are.
    assert_eq!(
        import.tables.directives[0].competence,
        Some(Competence::Shared)
    );
    assert_eq!(
        import.tables.directives[0].planned,
        planned("T2 2021", date(2021, 6, 30), true)
    );
}

#[test]
fn a_workbook_without_a_table() {
    let empty = report::tables::export(&Tables::default(), Lang::Fr, created());
    let empty = empty.unwrap_or_else(|e| panic!("{e}"));
    // The export of no rows still has both header rows: two tables, no rows, nothing to say.
    let import =
        parse(&empty, "vide.xlsx", &importer::Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (import.tables, import.diagnostics.len()),
        (Tables::default(), 0)
    );
    // A workbook with no header row of either table says so, once, and rejects no row.
    let import = fixture("no-table");
    assert_eq!(import.tables, Tables::default());
    assert_eq!(import.rejected_rows, 0);
    assert_eq!(
        import
            .diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.found.as_str(), d.row))
            .collect::<Vec<_>>(),
        [("no-table.xlsx", "no table", None)]
    );
    // Bytes that are no workbook at all are an error naming the file.
    let err = parse(
        b"No;Directive\n1;2019/1024\n",
        "suivi.csv",
        &importer::Limits::default(),
    )
    .err()
    .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("cannot read suivi.csv as an Excel workbook")),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Round trip through the export.

fn created() -> NaiveDateTime {
    date(2021, 3, 1).and_hms_opt(9, 0, 0).unwrap_or_default()
}

fn round_trip(tables: &Tables, lang: Lang) -> TablesImport {
    let bytes = report::tables::export(tables, lang, created()).unwrap_or_else(|e| panic!("{e}"));
    parse(&bytes, "export.xlsx", &importer::Limits::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_sample_round_trips_in_every_language() {
    let tables = sample().tables;
    for lang in Lang::ALL {
        let back = round_trip(&tables, lang);
        assert_eq!(back.diagnostics, Vec::<Diagnostic>::new(), "{lang}");
        assert_eq!(
            back.unknown_columns,
            Vec::<(String, String)>::new(),
            "{lang}"
        );
        assert_eq!(back.tables, tables, "{lang}");
    }
}

#[test]
fn every_kind_of_value_round_trips() {
    let mut tables = fixture("dutch-headers").tables;
    tables
        .directives
        .extend(fixture("impossible-dates").tables.directives);
    let mut sample = sample().tables;
    // Without the directives the fixtures already hold: the same directive twice is refused.
    sample
        .directives
        .retain(|d| !tables.directives.iter().any(|t| t.id == d.id));
    tables.directives.append(&mut sample.directives);
    tables.cases.append(&mut sample.cases);
    // A case about two directives, at a 2nd additional letter, and one with nothing but its number.
    if let Some(case) = tables.cases.first_mut() {
        case.directives.push(domain::DirectiveId {
            year: 2008,
            number: 98,
        });
        case.stage = domain::Stage::from_code("lfn-add2/258").ok();
    }
    tables.cases.push(domain::tables::CaseRow {
        number: domain::InfringementNumber {
            year: 2022,
            serial: 1,
        },
        directives: Vec::new(),
        subject: None,
        case_type: None,
        stage: None,
        stage_text: None,
        decided_on: None,
        reply_deadline: None,
        reply_sent_on: None,
        reply_entered_on: None,
        authority: None,
        notes: None,
    });
    for lang in [Lang::Fr, Lang::Nl] {
        let back = round_trip(&tables, lang);
        assert_eq!(back.diagnostics, Vec::<Diagnostic>::new(), "{lang}");
        assert_eq!(back.tables, tables, "{lang}");
        // export -> import -> export gives the same bytes.
        let again = report::tables::export(&back.tables, lang, created()).ok();
        assert_eq!(
            again,
            report::tables::export(&tables, lang, created()).ok(),
            "{lang}"
        );
    }
}
