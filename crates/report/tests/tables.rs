//! The tracking tables export, read back with calamine into a text grid: sheets, titles, headers in
//! each language, real date cells, joined lists, and a deterministic file.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use domain::tables::{CaseRow, DirectiveRow, Tables};
use domain::vocab::TranspositionState;
use domain::{CaseType, Competence, DirectiveId, InfringementNumber, Lang, PlannedDate, Stage};
use report::tables::export;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn created() -> NaiveDateTime {
    date(2021, 3, 1).and_hms_opt(9, 30, 0).unwrap_or_default()
}

fn tables() -> Tables {
    let directive = |year, number| DirectiveId { year, number };
    Tables {
        directives: vec![
            DirectiveRow {
                id: directive(2018, 2001),
                title: Some("Énergies renouvelables (refonte)".to_owned()),
                deadlines: vec![date(2021, 6, 30)],
                authorities: vec!["Bruxelles Environnement".to_owned(), "Brugel".to_owned()],
                competence: Some(Competence::Shared),
                measures_text: Some("Projet d'ordonnance climat-énergie".to_owned()),
                published_on: None,
                notified_on: None,
                status: Some(TranspositionState::InProgress),
                status_text: Some("En cours".to_owned()),
                planned: Some(PlannedDate::exact(date(2021, 6, 30))),
                notes: Some("Risque de retard".to_owned()),
            },
            DirectiveRow {
                id: directive(1991, 271),
                title: None,
                deadlines: vec![date(1993, 6, 30), date(1998, 12, 31)],
                authorities: Vec::new(),
                competence: Some(Competence::NotConcerned),
                measures_text: None,
                published_on: Some(date(2020, 12, 18)),
                notified_on: Some(date(2021, 1, 12)),
                status: None,
                status_text: None,
                planned: Some(PlannedDate {
                    text: "T2 2021".to_owned(),
                    no_later_than: date(2021, 6, 30),
                    approximate: true,
                }),
                notes: None,
            },
        ],
        cases: vec![CaseRow {
            number: InfringementNumber {
                year: 2020,
                serial: 385,
            },
            directives: vec![directive(2018, 958), directive(2018, 851)],
            subject: Some("Test de proportionnalité".to_owned()),
            case_type: Some(CaseType::NonCommunication),
            stage: Stage::from_code("lfn/258+260.3").ok(),
            stage_text: None,
            decided_on: Some(date(2020, 10, 8)),
            reply_deadline: Some(date(2020, 12, 8)),
            reply_sent_on: None,
            reply_entered_on: None,
            authority: Some("Bruxelles Économie et Emploi".to_owned()),
            notes: None,
        }],
    }
}

/// A cell as text: dates as `date 30/06/2021` so a date typed as text cannot pass for one.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::DateTime(_) => cell.as_date().map_or_else(
            || "bad date".to_owned(),
            |d| format!("date {}", d.format("%d/%m/%Y")),
        ),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

/// Every sheet of the workbook as (name, rows of cell texts), the grid starting at A1.
fn grid(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .unwrap_or_else(|e| panic!("{e}"));
        let (top, left) = range.start().unwrap_or((0, 0));
        assert_eq!((top, left), (0, 0), "{name} starts at A1");
        let rows = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        sheets.push((name, rows));
    }
    sheets
}

fn workbook(lang: Lang) -> Vec<u8> {
    export(&tables(), lang, created()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn french_sheets() {
    let sheets = grid(&workbook(Lang::Fr));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Directives", "Infractions"]);
    let directives = &sheets[0].1;
    assert_eq!(
        directives[0][0],
        "Tableau de suivi de la transposition des directives"
    );
    assert_eq!(directives[1][0], "Exporté par scoreboard le 1er mars 2021");
    assert_eq!(
        directives[2],
        [
            "N°",
            "Directive",
            "Intitulé",
            "Délai de transposition",
            "Administration compétente",
            "Compétence RBC",
            "Mesures de transposition",
            "Publication MB",
            "Notification MNE",
            "État",
            "Date prévue",
            "Remarques"
        ]
    );
    assert_eq!(
        directives[3],
        [
            "1",
            "2018/2001",
            "Énergies renouvelables (refonte)",
            "date 30/06/2021",
            "Bruxelles Environnement + Brugel",
            "partagée",
            "Projet d'ordonnance climat-énergie",
            "",
            "",
            "En cours",
            "date 30/06/2021",
            "Risque de retard"
        ]
    );
    assert_eq!(
        directives[4],
        [
            "2",
            "91/271",
            "",
            "30/06/1993; 31/12/1998",
            "",
            "non concernée",
            "",
            "date 18/12/2020",
            "date 12/01/2021",
            "",
            "T2 2021",
            ""
        ]
    );
    assert_eq!(directives.len(), 5);
    let cases = &sheets[1].1;
    assert_eq!(
        cases[0][0],
        "Procédures d'infraction concernant la Région de Bruxelles-Capitale"
    );
    assert_eq!(
        cases[2],
        [
            "N° procédure",
            "Directive",
            "Objet",
            "Type",
            "Stade",
            "Date de la décision",
            "Délai de réponse",
            "Réponse envoyée",
            "Encodage MNE-INFRA",
            "Administration",
            "Remarques"
        ]
    );
    assert_eq!(
        cases[3],
        [
            "INFR(2020)0385",
            "2018/958; 2018/851",
            "Test de proportionnalité",
            "Défaut de communication",
            "Mise en demeure (art. 258 + 260(3) TFUE)",
            "date 08/10/2020",
            "date 08/12/2020",
            "",
            "",
            "Bruxelles Économie et Emploi",
            ""
        ]
    );
}

#[test]
fn dutch_sheets() {
    let sheets = grid(&workbook(Lang::Nl));
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Richtlijnen", "Inbreuken"]);
    let directives = &sheets[0].1;
    assert_eq!(
        directives[1][0],
        "Uitgevoerd door scoreboard op 1 maart 2021"
    );
    assert_eq!(
        directives[2],
        [
            "Nr",
            "Richtlijn",
            "Titel",
            "Omzettingstermijn",
            "Bevoegde administratie",
            "Bevoegdheid BHG",
            "Omzettingsmaatregelen",
            "Publicatie BS",
            "Kennisgeving NUM",
            "Stand",
            "Geplande datum",
            "Opmerkingen"
        ]
    );
    assert_eq!(directives[3][5], "gedeeld");
    assert_eq!(directives[4][5], "niet betrokken");
    let cases = &sheets[1].1;
    assert_eq!(cases[2][0], "Inbreuknummer");
    assert_eq!(cases[2][4], "Stadium");
    assert_eq!(cases[3][3], "Niet-mededeling");
    assert_eq!(
        cases[3][4],
        "Ingebrekestelling (art. 258 + 260, lid 3, VWEU)"
    );
}

#[test]
fn title_merged_and_creation_date_set() {
    let bytes = workbook(Lang::Fr);
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap_or_else(|e| panic!("{e}"));
    let properties = workbook
        .workbook_properties()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(properties.created.as_deref(), Some("2021-03-01T09:30:00Z"));
    let mut merged = Vec::new();
    for sheet in ["Directives", "Infractions"] {
        for dims in workbook
            .merge_cells_by_sheet_name(sheet)
            .unwrap_or_else(|e| panic!("{e}"))
        {
            merged.push((sheet, dims.start, dims.end));
        }
    }
    assert_eq!(
        merged,
        [
            ("Directives", (0, 0), (0, 11)),
            ("Infractions", (0, 0), (0, 10))
        ]
    );
}

#[test]
fn the_same_tables_give_the_same_bytes() {
    assert_eq!(workbook(Lang::Fr), workbook(Lang::Fr));
    assert_ne!(workbook(Lang::Fr), workbook(Lang::Nl));
    let later = export(&tables(), Lang::Fr, created() + chrono::Duration::days(1)).ok();
    assert_ne!(Some(workbook(Lang::Fr)), later);
}

#[test]
fn empty_tables_still_have_their_headers() {
    let sheets =
        grid(&export(&Tables::default(), Lang::Fr, created()).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(sheets.len(), 2);
    assert_eq!(sheets[0].1.len(), 3);
    assert_eq!(sheets[0].1[2][1], "Directive");
    assert_eq!(sheets[1].1[2][0], "N° procédure");
}

#[test]
fn a_text_too_long_for_a_cell_is_an_error_not_a_panic() {
    let mut t = tables();
    t.directives[0].notes = Some("x".repeat(40_000));
    let err = export(&t, Lang::Fr, created()).err().map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("cannot write the workbook")),
        "{err:?}"
    );
}
