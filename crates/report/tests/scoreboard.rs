//! The meeting scoreboard on a hand-made view around the boundaries (overdue by 1 day, due today,
//! due in 59/60/61 days, transposed on time and late, not concerned, several deadlines): the
//! workbook read back with calamine, the page by snapshot in both languages, and the diff between
//! two packs.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use domain::indicators::{CaseFacts, indicators};
use domain::{
    CaseType, Competence, DirectiveFacts, Lang, LegalBasis, NotifiedMeasure, Stage, Status, Step,
    directive_status,
};
use report::ReportError;
use report::scoreboard::{
    CaseLine, Changes, DirectiveLine, MeetingLine, PilotLine, ScoreboardView, changes,
    embedded_template, html, xlsx,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const AS_OF: (i32, u32, u32) = (2024, 11, 29);

fn as_of() -> NaiveDate {
    date(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn created() -> NaiveDateTime {
    date(2024, 11, 29).and_hms_opt(9, 0, 0).unwrap_or_default()
}

/// A directive: what its status depends on, and the line the scoreboard shows, made consistent
/// with `directive_status`.
struct Spec {
    celex: &'static str,
    title: &'static str,
    competence: Competence,
    deadlines: Vec<NaiveDate>,
    /// (notified on, completes the transposition).
    measures: Vec<(NaiveDate, bool)>,
    lead: Option<&'static str>,
    associated: Vec<&'static str>,
}

fn spec(celex: &'static str, title: &'static str, deadline: NaiveDate) -> Spec {
    Spec {
        celex,
        title,
        competence: Competence::Exclusive,
        deadlines: vec![deadline],
        measures: vec![],
        lead: Some("Bruxelles Environnement"),
        associated: vec![],
    }
}

fn build(s: Spec, as_of: NaiveDate) -> (DirectiveFacts, DirectiveLine) {
    let facts = DirectiveFacts {
        competence: s.competence,
        deadlines: s.deadlines.clone(),
        measures: s
            .measures
            .iter()
            .map(|(d, c)| NotifiedMeasure {
                notified: Some(*d),
                completes: *c,
            })
            .collect(),
    };
    let (status, each) = directive_status(&facts, as_of);
    let next_deadline = each
        .iter()
        .filter(|d| {
            matches!(
                d.status,
                Status::NotYetDue { .. }
                    | Status::Overdue { .. }
                    | Status::PartiallyTransposed { .. }
            )
        })
        .map(|d| d.deadline)
        .min();
    let year = &s.celex[1..5];
    let number = s.celex[6..].trim_start_matches('0');
    let line = DirectiveLine {
        celex: s.celex.to_string(),
        number: format!("{year}/{number}"),
        title: Some(s.title.to_string()),
        title_in_other_language: false,
        status,
        deadlines: s.deadlines,
        next_deadline,
        days_left: next_deadline.map(|d| (d - as_of).num_days()),
        lead: s.lead.map(str::to_string),
        associated: s.associated.iter().map(|a| a.to_string()).collect(),
        measures: s
            .measures
            .iter()
            .map(|(d, _)| format!("Arrêté du Gouvernement notifié le {}", d.format("%d/%m/%Y")))
            .collect(),
        planned_text: None,
        planned_on: None,
        at_risk: false,
        risk_reason: None,
    };
    (facts, line)
}

fn case_line(
    number: &str,
    case_type: CaseType,
    title: &str,
    stage: Stage,
    decided: NaiveDate,
    sent: Option<NaiveDate>,
    entered: Option<NaiveDate>,
) -> CaseLine {
    CaseLine {
        number: number.to_string(),
        case_type: Some(case_type),
        title: Some(title.to_string()),
        stage: Some(stage),
        last_decision_on: Some(decided),
        reply_deadline: Some(domain::add_months(decided, 2)),
        reply_sent_on: sent,
        reply_entered_on: entered,
        lead: Some("Bruxelles Environnement".to_string()),
        directives: vec!["2019/1024".to_string()],
    }
}

fn view(lang: Lang) -> ScoreboardView {
    let today = as_of();
    let after = |days: u64| {
        today
            .checked_add_days(chrono::Days::new(days))
            .unwrap_or(today)
    };
    let mut overdue_one_day = spec(
        "32019L1024",
        "Données ouvertes & réutilisation des informations <secteur public>",
        date(2024, 11, 28),
    );
    overdue_one_day.associated = vec!["Brugel"];
    let mut due_today = spec("32023L1791", "Efficacité énergétique", today);
    due_today.lead = Some("Brugel");
    let mut in_59 = spec("32022L2555", "Cybersécurité (SRI 2)", after(59));
    in_59.lead = Some("Bruxelles Mobilité");
    in_59.associated = vec!["Bruxelles Environnement"];
    let in_60 = spec("32022L2557", "Résilience des entités critiques", after(60));
    let mut in_61 = spec("32023L0959", "Échange de quotas d'émission", after(61));
    in_61.lead = Some("Bruxelles Mobilité");
    let far = spec(
        "32024L1275",
        "Performance énergétique des bâtiments",
        date(2025, 7, 31),
    );
    let mut on_time = spec("32021L2118", "Assurance automobile", date(2023, 12, 23));
    on_time.measures = vec![(date(2023, 12, 20), true)];
    let mut late = spec(
        "32020L2184",
        "Eau destinée à la consommation humaine",
        date(2023, 1, 12),
    );
    late.measures = vec![(date(2023, 3, 1), true)];
    let mut not_concerned = spec(
        "32022L2381",
        "Équilibre hommes-femmes parmi les administrateurs",
        date(2026, 6, 28),
    );
    not_concerned.competence = Competence::NotConcerned;
    not_concerned.lead = None;
    let mut partial = spec(
        "32018L2001",
        "Énergies renouvelables (refonte)",
        date(2021, 6, 30),
    );
    partial.deadlines.push(date(2025, 5, 21));
    partial.measures = vec![(date(2022, 3, 1), false)];
    partial.lead = None;

    let specs = [
        overdue_one_day,
        due_today,
        in_59,
        in_60,
        in_61,
        far,
        on_time,
        late,
        not_concerned,
        partial,
    ];
    let (facts, mut directives): (Vec<_>, Vec<_>) =
        specs.into_iter().map(|s| build(s, today)).unzip();
    directives[0].planned_on = Some(date(2025, 3, 31));
    directives[0].at_risk = true;
    directives[0].risk_reason = Some("ordonnance en seconde lecture".to_string());
    directives[4].planned_text = Some("fin 2025".to_string());
    directives[4].planned_on = Some(date(2025, 12, 31));
    directives[7].title = Some("Quality of water intended for human consumption".to_string());
    directives[7].title_in_other_language = true;

    let cases = vec![
        case_line(
            "INFR(2023)2011",
            CaseType::NonConformity,
            "Données ouvertes",
            Stage::new(Step::ReasonedOpinion, Some(LegalBasis::Art258)),
            date(2024, 10, 3),
            None,
            None,
        ),
        case_line(
            "INFR(2024)0150",
            CaseType::NonCommunication,
            "Efficacité énergétique",
            Stage::new(Step::FormalNotice, Some(LegalBasis::Art258And260_3)),
            date(2024, 9, 26),
            None,
            None,
        ),
        case_line(
            "INFR(2022)2200",
            CaseType::BadApplication,
            "Qualité de l'air",
            Stage::new(Step::FormalNotice, Some(LegalBasis::Art258)),
            date(2022, 7, 15),
            Some(date(2022, 9, 10)),
            Some(date(2022, 9, 12)),
        ),
    ];
    let case_facts: Vec<CaseFacts> = cases
        .iter()
        .map(|c| CaseFacts {
            number: c.number.clone(),
            case_type: c.case_type,
            opened_on: c.last_decision_on.unwrap_or(today),
            stage: c.stage,
            active: true,
            to_triage: false,
        })
        .collect();
    let pilots = vec![
        PilotLine {
            number: "EUP(2024)9876".to_string(),
            subject: Some("Zones de basses émissions".to_string()),
            received_on: Some(date(2024, 10, 1)),
            reply_deadline: Some(date(2024, 12, 10)),
            reply_sent_on: None,
            outcome: None,
            lead: Some("Bruxelles Mobilité".to_string()),
        },
        PilotLine {
            number: "EUP(2023)1234".to_string(),
            subject: Some("Bruit des avions".to_string()),
            received_on: Some(date(2023, 3, 1)),
            reply_deadline: Some(date(2023, 5, 10)),
            reply_sent_on: Some(date(2023, 5, 8)),
            outcome: Some("clôturé".to_string()),
            lead: Some("Bruxelles Environnement".to_string()),
        },
    ];
    ScoreboardView {
        lang,
        as_of: today,
        meeting: Some(MeetingLine {
            kind: "concertation".to_string(),
            held_on: date(2024, 12, 5),
        }),
        indicators: indicators(&facts, &case_facts, today),
        directives,
        cases,
        pilots,
        changes: None,
    }
}

/// The previous pack: one directive fewer, another with an older status, an older decision, a
/// reply not yet sent.
fn previous(current: &ScoreboardView) -> ScoreboardView {
    let mut previous = current.clone();
    previous.as_of = date(2024, 10, 1);
    previous.directives.retain(|d| d.celex != "32024L1275");
    if let Some(d) = previous
        .directives
        .iter_mut()
        .find(|d| d.celex == "32019L1024")
    {
        d.status = Status::NotYetDue { days_left: 58 };
    }
    if let Some(c) = previous
        .cases
        .iter_mut()
        .find(|c| c.number == "INFR(2023)2011")
    {
        c.stage = Some(Stage::new(Step::FormalNotice, Some(LegalBasis::Art258)));
        c.last_decision_on = Some(date(2023, 7, 14));
    }
    if let Some(p) = previous
        .pilots
        .iter_mut()
        .find(|p| p.number == "EUP(2023)1234")
    {
        p.reply_sent_on = None;
    }
    previous
}

fn full_view(lang: Lang) -> ScoreboardView {
    let mut v = view(lang);
    v.changes = Some(changes(&previous(&v), &v));
    v
}

#[test]
fn changes_between_packs() {
    let current = view(Lang::Fr);
    let got = changes(&previous(&current), &current);
    assert_eq!(
        got,
        Changes {
            since: date(2024, 10, 1),
            new_directives: vec!["32024L1275".to_string()],
            status_changes: vec![(
                "32019L1024".to_string(),
                "not-yet-due".to_string(),
                "overdue".to_string()
            )],
            new_decisions: vec![(
                "INFR(2023)2011".to_string(),
                date(2024, 10, 3),
                "ro/258".to_string()
            )],
            replies_sent: vec![("EUP(2023)1234".to_string(), date(2023, 5, 8))],
        }
    );
    assert_eq!(
        changes(&current, &current),
        Changes {
            since: current.as_of,
            ..Changes::default()
        }
    );
}

#[test]
fn view_round_trips_through_json() {
    let v = full_view(Lang::Nl);
    let json = serde_json::to_string(&v).unwrap_or_default();
    let back: Option<ScoreboardView> = serde_json::from_str(&json).ok();
    assert_eq!(back.as_ref(), Some(&v));
}

#[test]
fn indicators_of_the_hand_made_view() {
    let i = view(Lang::Fr).indicators;
    // Concerned: all but one; due: overdue 1 day, due today, on time, late, partial.
    assert_eq!(
        (
            i.concerned,
            i.due,
            i.overdue,
            i.partial,
            i.not_completely_notified
        ),
        (9, 5, 1, 1, 2)
    );
    assert_eq!(i.deficit_percent, Some(40.0));
    assert_eq!(i.overdue_two_years_or_more, 1);
    assert_eq!(i.pending_cases, 3);
}

// ---------------------------------------------------------------------------------------------
// The workbook.

/// Every sheet as text: `A1 value` per non-empty cell, dates as `date:dd/mm/yyyy` (so a date
/// written as text would show), numbers as `n:...`.
fn grid(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> = match Xlsx::new(Cursor::new(bytes.to_vec())) {
        Ok(w) => w,
        Err(e) => panic!("the workbook does not open: {e}"),
    };
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap_or_default();
            let (top, _) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
            rows.extend(
                range
                    .rows()
                    .map(|row| row.iter().map(cell_text).collect::<Vec<_>>()),
            );
            (name, rows)
        })
        .collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("n:{f}"),
        Data::Int(i) => format!("n:{i}"),
        Data::DateTime(_) => cell.as_date().map_or_else(
            || "date:?".to_string(),
            |d| format!("date:{}", d.format("%d/%m/%Y")),
        ),
        other => format!("{other:?}"),
    }
}

fn sheet<'a>(grid: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    match grid.iter().find(|(n, _)| n == name) {
        Some((_, rows)) => rows,
        None => panic!(
            "no sheet {name} in {:?}",
            grid.iter().map(|(n, _)| n).collect::<Vec<_>>()
        ),
    }
}

fn render_grid(grid: &[(String, Vec<Vec<String>>)]) -> String {
    let mut out = String::new();
    for (name, rows) in grid {
        out.push_str(&format!("== {name}\n"));
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    let column = char::from(b'A' + u8::try_from(c).unwrap_or(25));
                    out.push_str(&format!("{column}{} {}\n", r + 1, value.replace('\n', "⏎")));
                }
            }
        }
    }
    out
}

/// The first column of the data rows of a table sheet (below the header on row 3).
fn first_column(rows: &[Vec<String>]) -> Vec<&str> {
    rows.iter()
        .skip(3)
        .map(|r| r.first().map_or("", String::as_str))
        .collect()
}

fn workbook(lang: Lang) -> Vec<u8> {
    match xlsx(&full_view(lang), created()) {
        Ok(bytes) => bytes,
        Err(e) => panic!("cannot write the workbook: {e}"),
    }
}

#[test]
fn workbook_sheets_headers_and_cells() {
    let g = grid(&workbook(Lang::Fr));
    let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Synthèse",
            "Directives",
            "En retard",
            "Échéance 6 mois",
            "Par administration",
            "Infractions",
            "EU Pilot",
            "Changements"
        ]
    );

    let directives = sheet(&g, "Directives");
    assert_eq!(
        directives[2][..8],
        [
            "Directive",
            "CELEX",
            "Intitulé",
            "État",
            "Délai de transposition",
            "Tous les délais",
            "Jours de retard",
            "Jours restants"
        ]
    );
    assert_eq!(directives.len(), 3 + 10);
    let row = |celex: &str| match directives
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == celex))
    {
        Some(r) => r.clone(),
        None => panic!("no row for {celex}"),
    };
    let overdue = row("32019L1024");
    assert_eq!(overdue[0], "2019/1024");
    assert_eq!(overdue[3], "En retard de transposition");
    assert_eq!(overdue[4], "date:28/11/2024");
    assert_eq!((overdue[6].as_str(), overdue[7].as_str()), ("n:1", ""));
    assert_eq!(overdue[11], "date:31/03/2025");
    assert_eq!(overdue[12], "Oui – ordonnance en seconde lecture");
    let today = row("32023L1791");
    assert_eq!(
        (today[4].as_str(), today[6].as_str(), today[7].as_str()),
        ("date:29/11/2024", "", "n:0")
    );
    assert_eq!(row("32022L2555")[7], "n:59");
    assert_eq!(row("32023L0959")[11], "fin 2025");
    assert_eq!(
        row("32020L2184")[2],
        "Quality of water intended for human consumption (autre langue)"
    );
    assert_eq!(row("32020L2184")[3], "Transposée en retard");
    assert_eq!(row("32020L2184")[7], "", "no days left once transposed");
    assert_eq!(row("32018L2001")[5], "30/06/2021; 21/05/2025");
    assert_eq!(row("32022L2381")[3], "Non concernée");

    assert_eq!(
        first_column(sheet(&g, "En retard")),
        ["2018/2001", "2019/1024"]
    );
    assert_eq!(
        first_column(sheet(&g, "Échéance 6 mois")),
        ["2023/1791", "2022/2555", "2022/2557", "2023/959"]
    );
    let authorities: Vec<(&str, &str, &str)> = sheet(&g, "Par administration")
        .iter()
        .skip(3)
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        authorities,
        [
            ("Brugel", "Associée", "2019/1024"),
            ("Brugel", "Pilote", "2023/1791"),
            ("Bruxelles Environnement", "Pilote", "2019/1024"),
            ("Bruxelles Environnement", "Associée", "2022/2555"),
            ("Bruxelles Environnement", "Pilote", "2022/2557"),
            ("Bruxelles Mobilité", "Pilote", "2022/2555"),
            ("Bruxelles Mobilité", "Pilote", "2023/959"),
            ("à désigner", "Pilote", "2018/2001"),
        ]
    );

    let cases = sheet(&g, "Infractions");
    assert_eq!(cases[2][0], "N° procédure");
    assert_eq!(
        cases[3][..8],
        [
            "INFR(2023)2011",
            "Non-conformité",
            "Données ouvertes",
            "Avis motivé (art. 258 TFUE)",
            "date:03/10/2024",
            "date:03/12/2024",
            "",
            ""
        ]
    );
    assert_eq!(cases[5][6..8], ["date:10/09/2022", "date:12/09/2022"]);
    assert_eq!(
        first_column(sheet(&g, "EU Pilot")),
        ["EUP(2024)9876", "EUP(2023)1234"]
    );
    let changes = sheet(&g, "Changements");
    assert_eq!(changes[1][0], "Depuis le 1er octobre 2024");
    assert_eq!(
        changes[4][..4],
        [
            "Changement d'état",
            "2019/1024",
            "Pas encore échue",
            "En retard de transposition"
        ]
    );

    let summary = sheet(&g, "Synthèse");
    assert_eq!(
        summary[1][0],
        "Situation au 29 novembre 2024 – Comité de concertation du 5 décembre 2024"
    );
    let value = |label: &str| match summary
        .iter()
        .find(|r| r.first().is_some_and(|c| c == label))
    {
        Some(r) => r[1].clone(),
        None => panic!("no line {label}"),
    };
    assert_eq!(value("Déficit de transposition"), "n:0.4");
    assert_eq!(value("Directives dont le délai est échu"), "n:5");
    assert_eq!(value("En retard de 2 ans ou plus"), "n:1");
    assert_eq!(
        value("Objectif 1,0\u{a0}% (Conseil européen 2007)"),
        "non atteint"
    );

    insta::assert_snapshot!("workbook_fr", render_grid(&g));
}

#[test]
fn workbook_in_dutch() {
    let g = grid(&workbook(Lang::Nl));
    let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Overzicht",
            "Richtlijnen",
            "Achterstallig",
            "Termijn 6 maanden",
            "Per administratie",
            "Inbreuken",
            "EU Pilot",
            "Wijzigingen"
        ]
    );
    assert_eq!(sheet(&g, "Richtlijnen")[2][4], "Omzettingstermijn");
    assert_eq!(sheet(&g, "Richtlijnen")[3][3], "Achterstallig");
}

#[test]
fn workbook_is_deterministic_and_changes_are_optional() {
    assert_eq!(workbook(Lang::Fr), workbook(Lang::Fr));
    let bytes = xlsx(&view(Lang::Fr), created()).unwrap_or_default();
    let g = grid(&bytes);
    assert_eq!(g.len(), 7, "no changes sheet without a previous pack");
    let empty = ScoreboardView {
        directives: vec![],
        cases: vec![],
        pilots: vec![],
        indicators: indicators(&[], &[], as_of()),
        ..view(Lang::En)
    };
    let g = grid(&xlsx(&empty, created()).unwrap_or_default());
    assert_eq!(g.len(), 7);
}

// ---------------------------------------------------------------------------------------------
// The page.

fn page(lang: Lang) -> String {
    match html(&full_view(lang), None) {
        Ok(s) => s,
        Err(e) => panic!("cannot render the {lang} page: {e}"),
    }
}

#[test]
fn page_snapshots() {
    insta::assert_snapshot!("page_fr", page(Lang::Fr));
    insta::assert_snapshot!("page_nl", page(Lang::Nl));
}

#[test]
fn every_template_renders() {
    for lang in [Lang::Fr, Lang::Nl, Lang::En] {
        let empty = ScoreboardView {
            meeting: None,
            directives: vec![],
            cases: vec![],
            pilots: vec![],
            indicators: indicators(&[], &[], as_of()),
            changes: Some(Changes {
                since: date(2024, 1, 1),
                ..Changes::default()
            }),
            ..view(lang)
        };
        for v in [empty, view(lang), full_view(lang)] {
            if let Err(e) = html(&v, None) {
                panic!("{lang}: {e}");
            }
        }
    }
    let english = html(&view(Lang::En), None).expect("the English page");
    assert!(
        english.contains("Transposition scoreboard") && english.contains("<html lang=\"en\">"),
        "{english}"
    );
    let custom = html(
        &view(Lang::En),
        Some("<p>{{ as_of }} – {{ indicators.deficit }}</p>"),
    )
    .unwrap_or_default();
    assert_eq!(custom, "<p>29 November 2024 – 40.0%</p>");
    let unknown = html(&view(Lang::Fr), Some("{{ no_such_thing }}"));
    assert!(
        matches!(unknown, Err(ReportError::Template(_))),
        "an unknown variable is an error"
    );
}

#[test]
fn page_contents() {
    let fr = page(Lang::Fr);
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(fr.contains("situation au 29 novembre 2024"));
    assert!(fr.contains("Comité de concertation du 5 décembre 2024"));
    assert!(fr.contains("40,0\u{a0}%"), "Belgian percent");
    assert!(
        fr.contains("Données ouvertes &amp; réutilisation des informations &lt;secteur public&gt;"),
        "escaped"
    );
    assert!(!fr.contains("<secteur public>"));
    assert!(
        fr.contains("Quality of water intended for human consumption <span class=\"other-lang\">(autre langue)</span>")
    );
    assert!(fr.contains("1 j de retard"));
    // Every word of the page is escaped as HTML, as the data are.
    assert!(fr.contains("échéance aujourd&#x27;hui"));
    for tone in ["late", "soon", "done"] {
        assert!(
            fr.contains(&format!("<tr class=\"{tone}\">")),
            "{tone} rows"
        );
    }
    let nl = page(Lang::Nl);
    assert!(nl.contains("<html lang=\"nl\">"));
    assert!(nl.contains("stand op 29 november 2024"));
    assert!(nl.contains("Overlegcomité van 5 december 2024"));
    assert!(nl.contains("40,0%"));
    assert!(nl.contains("(andere taal)"));
}

/// The words of a template: the text between tags, outside template tags, and the string literals
/// inside them (labels chosen by a condition).
fn labels(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let without_style = template.split("<style>").next().unwrap_or("").to_string()
        + template.split("</style>").nth(1).unwrap_or("");
    let mut text = String::new();
    let mut in_tag = false;
    let mut chars = without_style.chars().peekable();
    let push = |t: &mut String, out: &mut BTreeSet<String>| {
        let t2 = t.trim().to_string();
        if t2.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            out.insert(t2);
        }
        t.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                push(&mut text, &mut out);
                in_tag = true;
            }
            '>' if in_tag => in_tag = false,
            '{' if !in_tag && matches!(chars.peek(), Some('{' | '%' | '#')) => {
                push(&mut text, &mut out);
                let mut inner = String::new();
                while let Some(x) = chars.next() {
                    if matches!(x, '}' | '%' | '#') && chars.peek() == Some(&'}') {
                        chars.next();
                        break;
                    }
                    inner.push(x);
                }
                if !inner.trim_start_matches('-').trim_start().starts_with('#') {
                    // A literal compared with `==` or `!=` is a code of the context, not a label.
                    let parts: Vec<&str> = inner.split('"').collect();
                    for (i, literal) in parts.iter().enumerate().skip(1).step_by(2) {
                        let before = parts[i - 1].trim_end();
                        let compared = before.ends_with("==") || before.ends_with("!=");
                        if !compared && literal.chars().any(char::is_alphabetic) {
                            out.insert(literal.to_string());
                        }
                    }
                }
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    push(&mut text, &mut out);
    out
}

/// Whether `label` occurs in `page` as words, not inside a longer word ("over" in "hover").
fn contains_words(page: &str, label: &str) -> bool {
    page.match_indices(label).any(|(at, _)| {
        let before = page[..at].chars().next_back();
        let after = page[at + label.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn no_language_mixing() {
    let Some(template) = embedded_template(Lang::Fr) else {
        panic!("the template is embedded");
    };
    // The page's labels: the few the template holds, and its words in each language (the fixed
    // parts of the texts with {placeholders}).
    let page_words = |lang: Lang| -> std::collections::BTreeSet<String> {
        let mut out = labels(template);
        for (key, text) in domain::words::all(lang) {
            if key.starts_with("page.") || key.starts_with("meeting_name.") || key == "lead.none" {
                for part in text.split(['{', '}']).step_by(2) {
                    let part = part.trim().trim_matches(['(', ')', ':', '.', ',']).trim();
                    if part.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                        out.insert(part.to_owned());
                    }
                }
            }
        }
        out.retain(|label| !label.starts_with('{'));
        out
    };
    let fr_labels = page_words(Lang::Fr);
    let nl_labels = page_words(Lang::Nl);
    assert!(fr_labels.contains("Prochaines échéances"), "{fr_labels:?}");
    assert!(nl_labels.contains("Volgende termijnen"), "{nl_labels:?}");
    assert!(nl_labels.contains("leidend"), "{nl_labels:?}");
    // Words both languages share; anything else in both templates is a label left untranslated.
    let shared: Vec<&String> = fr_labels.intersection(&nl_labels).collect();
    assert_eq!(shared, ["EU Pilot", "Type"]);
    let fr = page(Lang::Fr);
    let nl = page(Lang::Nl);
    for label in nl_labels.difference(&fr_labels) {
        assert!(
            !contains_words(&fr, label),
            "Dutch label {label:?} in the French page"
        );
    }
    for label in fr_labels.difference(&nl_labels) {
        assert!(
            !contains_words(&nl, label),
            "French label {label:?} in the Dutch page"
        );
    }
    // Domain words reach the page in its language only.
    assert!(!fr.contains("Achterstallig") && !fr.contains("ingebrekestelling"));
    assert!(!nl.contains("En retard de transposition") && !nl.contains("Avis motivé"));
}
