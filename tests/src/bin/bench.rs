//! `make bench`: the write path measured against a baseline run in the same process, so the
//! figures are ratios that hold from one machine to another.
//!
//! - tracked insert: `data::store::insert_all` (chunked `insert_many` + one history row per field)
//!   against the same rows with plain chunked `insert_many` and no history (the baseline);
//!
//! - register import: one whole export (all member states) parsed by `importer::register` and
//!   written by `data::register::import`, against a plain `serde_json` parse of the same file.
//!
//! - tables import: a generated workbook of 5,000 directives and 2,000 cases (written by
//!   `report::tables::export`) read by `importer::tables::parse`, against a raw calamine read of
//!   every cell of the same file; then applied to the database.
//!
//! - meeting scoreboard: on that database (5,000 directives, 2,000 cases), reading the snapshot,
//!   building the view and writing the XLSX workbook, against writing the same directive and case
//!   cells straight with rust_xlsxwriter.
//!
//! SQLite always; PostgreSQL too when SCOREBOARD_TEST_POSTGRES_URL is set.

use std::time::Instant;

use chrono::{NaiveDate, Utc};
use data::entity::{authority, directive};
use data::{Actor, store};
use sea_orm::{EntityTrait, Set, TransactionTrait};

const ROWS: usize = 100_000;
const DIRECTIVES: usize = 5_000;

fn authorities(prefix: &str) -> Vec<(String, authority::ActiveModel)> {
    (0..ROWS)
        .map(|i| {
            let code = format!("{prefix}{i:06}");
            let am = authority::ActiveModel {
                code: Set(code.clone()),
                name_fr: Set(format!("Administration {i}")),
                name_nl: Set(format!("Bestuur {i}")),
                notes: Set(None),
                ..Default::default()
            };
            (code, am)
        })
        .collect()
}

async fn bench(backend: &tests::Backend) {
    let db = backend.connect().await;
    let actor = Actor::new("bench", Utc::now());

    // Baseline: the same rows, chunked insert_many, no history.
    let rows: Vec<authority::ActiveModel> = authorities("B")
        .into_iter()
        .map(|(_, mut am)| {
            am.version = Set(1);
            am.created_at = Set(actor.at);
            am.updated_at = Set(actor.at);
            am
        })
        .collect();
    let t = Instant::now();
    let txn = db.begin().await.unwrap();
    store::insert_rows(&txn, rows).await.unwrap();
    txn.commit().await.unwrap();
    let baseline = t.elapsed();

    let rows = authorities("T");
    let t = Instant::now();
    let txn = db.begin().await.unwrap();
    let _: Vec<authority::Model> = store::insert_all(&txn, &actor, rows).await.unwrap();
    txn.commit().await.unwrap();
    let tracked = t.elapsed();
    println!(
        "{:<8} insert {ROWS} rows   plain insert_many {:>7.3} s | with history (3 rows each) {:>7.3} s | ratio {:.1}x | {:.0} records/s",
        backend.name,
        baseline.as_secs_f64(),
        tracked.as_secs_f64(),
        tracked.as_secs_f64() / baseline.as_secs_f64(),
        ROWS as f64 / tracked.as_secs_f64()
    );
}

/// The largest real export, from ../shared beside the project, else the bundled Belgian extract.
fn register_export() -> (String, Vec<u8>) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for path in [
        format!("{root}/../shared/data/commission-register/register-2023-01-11.json"),
        format!("{root}/crates/cli/demo/register-2023-01-11-BE.json"),
    ] {
        if let Ok(bytes) = std::fs::read(&path) {
            return (path, bytes);
        }
    }
    panic!("no register export found");
}

async fn bench_register(backend: &tests::Backend) {
    let (path, bytes) = register_export();
    let name = path
        .rsplit('/')
        .next()
        .unwrap_or("register.json")
        .to_owned();
    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let plain = t.elapsed();
    let t = Instant::now();
    let parsed =
        importer::register::parse(&bytes, &name, None, &importer::Limits::default()).unwrap();
    let parse = t.elapsed();
    assert!(parsed.diagnostics.is_empty());
    let decisions: usize = parsed.records.iter().map(|r| r.decisions.len()).sum();

    let db = backend.connect().await;
    let actor = Actor::new("bench", Utc::now());
    let t = Instant::now();
    let txn = db.begin().await.unwrap();
    let date = NaiveDate::from_ymd_opt(2023, 1, 11).unwrap();
    data::register::import(
        &txn,
        &actor,
        &parsed.records,
        date,
        data::register::ALL_COUNTRIES,
        "bench",
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    let write = t.elapsed();
    println!(
        "{:<8} register {} ({} rows, {} cases, {decisions} decisions, --country all): serde_json parse {:>6.3} s | importer parse {:>6.3} s ({:.1}x) | parse + write {:>6.3} s ({:.1}x) = {:.0} decisions/s",
        backend.name,
        name,
        value.as_array().map(Vec::len).unwrap_or(0),
        parsed.records.len(),
        plain.as_secs_f64(),
        parse.as_secs_f64(),
        parse.as_secs_f64() / plain.as_secs_f64(),
        (parse + write).as_secs_f64(),
        (parse + write).as_secs_f64() / plain.as_secs_f64(),
        decisions as f64 / (parse + write).as_secs_f64()
    );
}

fn generated_tables() -> domain::tables::Tables {
    use domain::tables::{CaseRow, DirectiveRow, Tables};
    use domain::{
        Competence, DirectiveId, InfringementNumber, LegalBasis, PlannedDate, Stage, Step,
    };
    let day = |n: usize| {
        NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Duration::days((n % 3000) as i64)
    };
    let directives = (0..DIRECTIVES)
        .map(|i| DirectiveRow {
            id: DirectiveId::new(1990 + (i / 9000) as u16, 1 + (i % 9000) as u16).unwrap(),
            title: Some(format!(
                "Directive de test numéro {i} relative à un sujet quelconque"
            )),
            deadlines: vec![day(i)],
            authorities: vec!["Bruxelles Environnement".into()],
            competence: Some(Competence::Shared),
            measures_text: (i % 3 == 0).then(|| format!("Ordonnance {i}")),
            published_on: (i % 3 == 0).then(|| day(i + 10)),
            notified_on: (i % 3 == 0).then(|| day(i + 20)),
            status: Some(domain::vocab::TranspositionState::InProgress),
            status_text: Some("en retard".into()),
            planned: (i % 2 == 0).then(|| PlannedDate::parse("T2 2027").unwrap()),
            notes: None,
        })
        .collect();
    let cases = (0..2_000)
        .map(|i| CaseRow {
            number: InfringementNumber::new(2010 + (i / 9000) as u16, (i % 9000) as u16).unwrap(),
            directives: vec![DirectiveId::new(1990, 1 + (i % 9000) as u16).unwrap()],
            subject: Some(format!("Procédure {i}")),
            case_type: None,
            stage: Some(Stage {
                step: Step::FormalNotice,
                basis: Some(LegalBasis::Art258),
                nth: 1,
            }),
            stage_text: Some("Mise en demeure".into()),
            decided_on: Some(day(i)),
            reply_deadline: Some(domain::add_months(day(i), 2)),
            reply_sent_on: None,
            reply_entered_on: None,
            authority: Some("Bruxelles Environnement".into()),
            notes: None,
        })
        .collect();
    Tables { directives, cases }
}

async fn bench_tables(backend: &tests::Backend) {
    use calamine::Reader;
    let tables = generated_tables();
    let bytes = report::tables::export(
        &tables,
        domain::Lang::Fr,
        NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
    .unwrap();
    let t = Instant::now();
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes)).unwrap();
    let mut cells = 0;
    for sheet in workbook.sheet_names() {
        cells += workbook.worksheet_range(&sheet).unwrap().cells().count();
    }
    let raw = t.elapsed();
    let t = Instant::now();
    let parsed =
        importer::tables::parse(&bytes, "bench.xlsx", &importer::Limits::default()).unwrap();
    let parse = t.elapsed();
    assert_eq!(parsed.tables, tables);
    let db = backend.connect().await;
    let actor = Actor::new("bench", Utc::now());
    data::repo::add_authority(
        &db,
        &actor,
        "BE",
        "Bruxelles Environnement",
        "Leefmilieu Brussel",
    )
    .await
    .unwrap();
    let t = Instant::now();
    let txn = db.begin().await.unwrap();
    data::tables::apply(&txn, &actor, &parsed.tables, domain::Lang::Fr)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let apply = t.elapsed();
    bench_scoreboard(backend, &db).await;
    println!(
        "{:<8} tables workbook ({} directives, {} cases, {} cells, {} KB): raw calamine read {:>6.3} s | importer parse {:>6.3} s ({:.1}x) | apply to the database {:>6.3} s = {:.0} rows/s",
        backend.name,
        DIRECTIVES,
        tables.cases.len(),
        cells,
        bytes.len() / 1024,
        raw.as_secs_f64(),
        parse.as_secs_f64(),
        parse.as_secs_f64() / raw.as_secs_f64(),
        apply.as_secs_f64(),
        (DIRECTIVES + tables.cases.len()) as f64 / apply.as_secs_f64()
    );
}

async fn bench_scoreboard(backend: &tests::Backend, db: &data::Db) {
    let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let t = Instant::now();
    let plain = directive::Entity::find().all(db).await.unwrap();
    let find_all = t.elapsed();
    let t = Instant::now();
    let views = data::repo::directives(db, as_of).await.unwrap();
    let statuses = t.elapsed();
    assert_eq!(plain.len(), views.len());
    println!(
        "{:<8} status of {} directives: find().all() {:>6.3} s | views with their status {:>6.3} s ({:.1}x)",
        backend.name,
        views.len(),
        find_all.as_secs_f64(),
        statuses.as_secs_f64(),
        statuses.as_secs_f64() / find_all.as_secs_f64()
    );
    let t = Instant::now();
    let snapshot = cli::views::Snapshot::read(db, as_of).await.unwrap();
    let view = snapshot.scoreboard(domain::Lang::Fr, None);
    let read = t.elapsed();
    let created = as_of.and_hms_opt(0, 0, 0).unwrap();
    let t = Instant::now();
    let bytes = report::scoreboard::xlsx(&view, created).unwrap();
    let write = t.elapsed();
    let html = report::scoreboard::html(&view, None).unwrap();

    // Baseline: the same directive and case cells, straight, without styles, sections or checks.
    let t = Instant::now();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, d) in view.directives.iter().enumerate() {
        let r = r as u32;
        sheet.write_string(r, 0, &d.celex).unwrap();
        sheet
            .write_string(r, 1, d.title.as_deref().unwrap_or(""))
            .unwrap();
        if let Some(date) = d.next_deadline {
            sheet.write_datetime(r, 2, date).unwrap();
        }
        sheet.write_string(r, 3, d.status.code()).unwrap();
        sheet
            .write_string(r, 4, d.lead.as_deref().unwrap_or(""))
            .unwrap();
    }
    let sheet = book.add_worksheet();
    for (r, c) in view.cases.iter().enumerate() {
        let r = r as u32;
        sheet.write_string(r, 0, &c.number).unwrap();
        sheet
            .write_string(r, 1, c.title.as_deref().unwrap_or(""))
            .unwrap();
        if let Some(date) = c.reply_deadline {
            sheet.write_datetime(r, 2, date).unwrap();
        }
    }
    let raw = book.save_to_buffer().unwrap();
    let baseline = t.elapsed();
    println!(
        "{:<8} scoreboard ({} directives, {} cases): read + view {:>6.3} s | scoreboard XLSX {:>6.3} s ({} KB) vs the same cells straight {:>6.3} s ({} KB): {:.1}x | HTML {} KB",
        backend.name,
        view.directives.len(),
        view.cases.len(),
        read.as_secs_f64(),
        write.as_secs_f64(),
        bytes.len() / 1024,
        baseline.as_secs_f64(),
        raw.len() / 1024,
        write.as_secs_f64() / baseline.as_secs_f64(),
        html.len() / 1024
    );
}

fn main() {
    for backend in tests::backends() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(bench(&backend));
        backend.finish();
    }
    for backend in tests::backends() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(bench_register(&backend));
        backend.finish();
    }
    for backend in tests::backends() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(bench_tables(&backend));
        backend.finish();
    }
}
