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
//! - the peer's table (issue 13): the 10,000-row directives table that the Python script a user
//!   would write instead (`../shared/bench/peer_baseline.py make-table`) reads, written here with
//!   the same columns and values; `scoreboard import tables` as a whole command, first into an
//!   empty database then again unchanged, against a raw calamine read of the same file plus a raw
//!   chunked insert of as many rows and history rows as the import wrote.
//!
//! - daily register imports: the whole-EU export imported as a whole command, the first time and
//!   the 365th (364 daily imports of it in between), against a raw serde_json parse of the same
//!   file and a raw chunked insert of one row per decision (what the Python script does).
//!
//! - views at the size of the whole register: 100,000 directives and 60,000 decisions; `status`,
//!   `deadlines`, `directive list`, `directive show`, `case show` as whole commands, each against
//!   the raw query of the rows it shows.
//!
//! - correlation tables (issue 18): on the demo database, `directive articles` reading the real
//!   text of Directive 2018/2001 (1.9 MB, 208 provisions) as a whole command, the first time and
//!   unchanged, against a raw HTML parse of the same page (scraper); `correlation import` of its
//!   table filled in whole (every provision transposed), against a raw calamine read of every
//!   cell of the same file.
//!
//! - web load (`web_load.rs`): 50 readers and 5 editors for 30 s against the web application on
//!   the demo database: requests per second, latencies, errors, conflicts, and no lost edit in the
//!   history; against `directive_view` called directly.
//!
//! SQLite always; PostgreSQL too when SCOREBOARD_TEST_POSTGRES_URL is set.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use data::code::{Competence, HistoryAction, LegalBasis, Step};
use data::entity::{authority, directive};
use data::{Actor, store};
use sea_orm::{EntityTrait, Set, TransactionTrait};

mod web_load;

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
    data::register::import(&txn, &actor, &parsed.records, date, None, "bench")
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
    let snapshot = views::Snapshot::read(db, as_of).await.unwrap();
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

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A whole command, as a user runs it (in-process: no process start), timed; it must succeed.
fn timed(url: &str, args: &[&str]) -> Duration {
    let t = Instant::now();
    let run = tests::scoreboard(url, args);
    let took = t.elapsed();
    assert!(
        run.code == 0 || run.code == 1,
        "scoreboard {args:?}: {} {}",
        run.err,
        run.out.chars().take(400).collect::<String>()
    );
    took
}

const PEER_ROWS: usize = 10_000;

/// The table `peer_baseline.py make-table FILE 10000` writes: the same sheet, columns and values.
fn peer_table(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Directives").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, h) in [
        "Directive",
        "Intitulé",
        "Délai de transposition",
        "Administration compétente",
        "État",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let authorities = [
        "Bruxelles Environnement",
        "Bruxelles Mobilité",
        "Brugel",
        "talent.brussels",
    ];
    let states = ["Transposée", "En cours", "En retard", "Non concernée"];
    for i in 0..n {
        let r = (i + 1) as u32;
        let year = 1990 + (i % 35) as i32;
        sheet
            .write_string(r, 0, format!("3{year}L{:04}", i % 9999 + 1))
            .unwrap();
        sheet
            .write_string(r, 1, format!("Directive de test numéro {i}"))
            .unwrap();
        let deadline =
            NaiveDate::from_ymd_opt(year + 2, 1 + (i % 12) as u32, 1 + (i % 28) as u32).unwrap();
        sheet
            .write_datetime_with_format(r, 2, deadline.and_hms_opt(0, 0, 0).unwrap(), &date)
            .unwrap();
        sheet.write_string(r, 3, authorities[i % 4]).unwrap();
        sheet.write_string(r, 4, states[i % 4]).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn count(url: &str, table: &str) -> usize {
    use sea_orm::{ConnectionTrait, Statement};
    runtime().block_on(async {
        let db = data::connect(url).await.unwrap();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap() as usize
    })
}

fn history_rows(n: usize, at: chrono::DateTime<Utc>) -> Vec<data::entity::history::ActiveModel> {
    (0..n)
        .map(|i| data::entity::history::ActiveModel {
            at: Set(at),
            user_name: Set("bench".into()),
            action: Set(HistoryAction::Insert),
            table_name: Set(data::code::HistoryTable::Directive),
            record_id: Set(i as i32),
            record_key: Set(format!("3{}L{:04}", 1990 + i % 35, i % 9999 + 1)),
            field: Set("title_fr".into()),
            old_value: Set(None),
            new_value: Set(Some(format!("Directive de test numéro {i}"))),
            import_run_id: Set(None),
            ..Default::default()
        })
        .collect()
}

fn bench_peer_table() {
    use calamine::Reader;
    let bytes = peer_table(PEER_ROWS);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("peer-10000.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_string_lossy().into_owned();
    for backend in tests::backends() {
        let url = backend.url.clone();
        let first = timed(&url, &["--lang", "en", "import", "tables", &file]);
        let again = timed(&url, &["--lang", "en", "import", "tables", &file]);
        let written = count(&url, "history");
        let directives = count(&url, "directive");
        let deadlines = count(&url, "directive_deadline");
        // Baseline: read every cell with calamine, insert the same number of rows and history rows.
        let other = tests::backends()
            .into_iter()
            .find(|o| o.name == backend.name)
            .unwrap();
        let baseline = runtime().block_on(async {
            let db = other.connect().await;
            let at = Utc::now();
            let t = Instant::now();
            let mut workbook =
                calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes)).unwrap();
            let range = workbook.worksheet_range("Directives").unwrap();
            let rows: Vec<directive::ActiveModel> = range
                .rows()
                .skip(1)
                .map(|r| directive::ActiveModel {
                    celex: Set(r[0].to_string()),
                    title_fr: Set(Some(r[1].to_string())),
                    competence: Set(Competence::ToBeDetermined),
                    planned_approximate: Set(false),
                    at_risk: Set(false),
                    version: Set(1),
                    created_at: Set(at),
                    updated_at: Set(at),
                    ..Default::default()
                })
                .collect();
            let txn = db.begin().await.unwrap();
            let inserted = store::insert_rows(&txn, rows).await.unwrap();
            let links: Vec<data::entity::directive_deadline::ActiveModel> = inserted
                .iter()
                .map(|d| data::entity::directive_deadline::ActiveModel {
                    directive_id: Set(d.id),
                    deadline: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
                    provision: Set(None),
                    ..Default::default()
                })
                .collect();
            store::insert_rows(&txn, links).await.unwrap();
            store::insert_rows(&txn, history_rows(written, at))
                .await
                .unwrap();
            txn.commit().await.unwrap();
            t.elapsed()
        });
        other.finish();
        println!(
            "{:<8} peer table ({PEER_ROWS} rows -> {directives} directives, {deadlines} deadlines, {written} history rows): \
             import tables (whole command) {:>6.3} s | baseline calamine read + raw insert of as many rows {:>6.3} s ({:.2}x) | \
             unchanged re-import {:>6.3} s ({:.2} of the first)",
            backend.name,
            first.as_secs_f64(),
            baseline.as_secs_f64(),
            first.as_secs_f64() / baseline.as_secs_f64(),
            again.as_secs_f64(),
            again.as_secs_f64() / first.as_secs_f64(),
        );
        backend.finish();
    }
}

const DAYS: usize = 365;

fn bench_daily_register() {
    let (path, bytes) = register_export();
    let dir = tempfile::tempdir().unwrap();
    for backend in tests::backends() {
        let url = backend.url.clone();
        let day0 = NaiveDate::from_ymd_opt(2023, 1, 11).unwrap();
        // Each day's export is the same file under that day's name, as a daily download would be.
        let import = |day: usize| {
            let date = day0 + chrono::Duration::days(day as i64);
            let file = dir.path().join(format!("register-{date}.json"));
            std::fs::write(&file, &bytes).unwrap();
            let file = file.to_string_lossy().into_owned();
            timed(
                &url,
                &[
                    "--lang",
                    "en",
                    "import",
                    "register",
                    &file,
                    "--country",
                    "all",
                ],
            )
        };
        let first = import(0);
        let t = Instant::now();
        for day in 1..DAYS - 1 {
            import(day);
        }
        let between = t.elapsed();
        let last = import(DAYS - 1);
        let decisions = count(&url, "decision");

        // Baseline: serde_json parse, one row per decision, raw chunked insert (the Python script's job).
        let other = tests::backends()
            .into_iter()
            .find(|o| o.name == backend.name)
            .unwrap();
        let baseline = runtime().block_on(async {
            use sea_orm::{ConnectionTrait, Statement};
            let db = other.connect().await;
            let backend_kind = db.get_database_backend();
            db.execute_raw(Statement::from_string(
                backend_kind,
                "CREATE TABLE bench_decision (number TEXT, date TEXT, stage TEXT, country TEXT, title TEXT, PRIMARY KEY (number, date, stage))",
            ))
            .await
            .unwrap();
            let t = Instant::now();
            let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let mut rows: Vec<[String; 5]> = Vec::new();
            for r in value.as_array().unwrap() {
                let text = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
                let number = text("Infringement_number");
                let country = if r.get("Country").is_some() { text("Country") } else { text("Member_state") };
                if let Some(lines) = r.get("Decision").and_then(|v| v.as_str()) {
                    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
                        let (date, stage) = line.trim().split_once(' ').unwrap_or((line, ""));
                        rows.push([number.clone(), date.to_owned(), stage.to_owned(), country.clone(), text("Title")]);
                    }
                } else {
                    rows.push([number, text("Decision_date"), text("Decision_type"), country, text("Title")]);
                }
            }
            let txn = db.begin().await.unwrap();
            for chunk in rows.chunks(1000) {
                let mut sql = String::from("INSERT INTO bench_decision VALUES ");
                let mut values: Vec<sea_orm::Value> = Vec::new();
                for (i, row) in chunk.iter().enumerate() {
                    if i > 0 {
                        sql.push(',');
                    }
                    let n = values.len();
                    sql.push_str(&match backend_kind {
                        sea_orm::DbBackend::Postgres => format!("(${},${},${},${},${})", n + 1, n + 2, n + 3, n + 4, n + 5),
                        _ => "(?,?,?,?,?)".to_owned(),
                    });
                    values.extend(row.iter().map(|v| sea_orm::Value::from(v.clone())));
                }
                sql.push_str(" ON CONFLICT DO NOTHING");
                txn.execute_raw(Statement::from_sql_and_values(backend_kind, sql, values))
                    .await
                    .unwrap();
            }
            txn.commit().await.unwrap();
            t.elapsed()
        });
        other.finish();
        println!(
            "{:<8} register {} ({decisions} decisions, --country all), whole command: first import {:>6.3} s | \
             baseline serde_json parse + raw insert {:>6.3} s ({:.2}x) | 365th daily import {:>6.3} s ({:.2} of the first; \
             the 363 between {:.1} s)",
            backend.name,
            path.rsplit('/').next().unwrap_or(""),
            first.as_secs_f64(),
            baseline.as_secs_f64(),
            first.as_secs_f64() / baseline.as_secs_f64(),
            last.as_secs_f64(),
            last.as_secs_f64() / first.as_secs_f64(),
            between.as_secs_f64(),
        );
        backend.finish();
    }
}

const BIG_DIRECTIVES: usize = 100_000;
const BIG_CASES: usize = 20_000;
const DECISIONS_PER_CASE: usize = 3;

/// A database the size of the whole register: 100,000 directives (a deadline and a lead each,
/// nine in ten transposed by a notified measure),
/// 20,000 cases of 3 decisions (60,000), a reply to each first decision; written raw (no history).
async fn big_database(db: &data::Db) {
    use data::entity::{decision, directive_deadline, infringement_case, reply};
    let at = Utc::now();
    let txn = db.begin().await.unwrap();
    let leads: Vec<i32> = data::repo::authorities(&txn)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let day = |n: usize| {
        NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Duration::days((n % 4000) as i64)
    };
    let dirs: Vec<directive::ActiveModel> = (0..BIG_DIRECTIVES)
        .map(|i| directive::ActiveModel {
            celex: Set(format!("3{}L{:04}", 1990 + i / 9000, 1 + i % 9000)),
            title_fr: Set(Some(format!("Directive {i}"))),
            competence: Set(Competence::Shared),
            lead_authority_id: Set(Some(leads[i % leads.len()])),
            planned_approximate: Set(false),
            at_risk: Set(false),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    let dirs = store::insert_rows(&txn, dirs).await.unwrap();
    let deadlines: Vec<directive_deadline::ActiveModel> = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| directive_deadline::ActiveModel {
            directive_id: Set(d.id),
            deadline: Set(day(i)),
            provision: Set(None),
            ..Default::default()
        })
        .collect();
    store::insert_rows(&txn, deadlines).await.unwrap();
    // As in the unit's tables, most directives are transposed: nine in ten have a measure that
    // completes them, notified before the deadline; the tenth is outstanding (overdue or due).
    let measures: Vec<data::entity::measure::ActiveModel> = dirs
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(i, d)| data::entity::measure::ActiveModel {
            directive_id: Set(d.id),
            kind: Set(data::code::MeasureKind::Ordinance),
            title_fr: Set(Some(format!("Ordonnance {i}"))),
            completes: Set(true),
            notified_on: Set(Some(day(i) - chrono::Duration::days(30))),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    store::insert_rows(&txn, measures).await.unwrap();
    let cases: Vec<infringement_case::ActiveModel> = (0..BIG_CASES)
        .map(|i| infringement_case::ActiveModel {
            number: Set(format!("INFR({}){:04}", 2000 + i / 9000, 1 + i % 9000)),
            country: Set(if i % 27 == 0 {
                data::code::Country::Belgium
            } else {
                data::code::Country::Italy
            }),
            title: Set(Some(format!("Case {i}"))),
            active: Set(true),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    let cases = store::insert_rows(&txn, cases).await.unwrap();
    let decisions: Vec<decision::ActiveModel> = cases
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            [Step::FormalNotice, Step::ReasonedOpinion, Step::Referral]
                .iter()
                .take(DECISIONS_PER_CASE)
                .enumerate()
                .map(move |(k, step)| decision::ActiveModel {
                    case_id: Set(c.id),
                    decided_on: Set(day(i + 200 * k)),
                    step: Set(*step),
                    legal_basis: Set(Some(LegalBasis::Art258)),
                    nth: Set(1),
                    label: Set(None),
                    press_release: Set(false),
                    version: Set(1),
                    created_at: Set(at),
                    updated_at: Set(at),
                    ..Default::default()
                })
        })
        .collect();
    let decisions = store::insert_rows(&txn, decisions).await.unwrap();
    let replies: Vec<reply::ActiveModel> = decisions
        .iter()
        .step_by(DECISIONS_PER_CASE)
        .map(|d| reply::ActiveModel {
            decision_id: Set(d.id),
            deadline: Set(domain::add_months(d.decided_on, 2)),
            version: Set(1),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        })
        .collect();
    store::insert_rows(&txn, replies).await.unwrap();
    txn.commit().await.unwrap();
}

fn bench_big_views() {
    use data::entity::{decision, infringement_case};
    use sea_orm::{ColumnTrait, QueryFilter};
    for backend in tests::backends() {
        let url = backend.url.clone();
        timed(&url, &["init"]);
        let rt = runtime();
        let t = Instant::now();
        rt.block_on(async { big_database(&backend.connect().await).await });
        let built = t.elapsed();
        let as_of = ["--as-of", "01/06/2026"];
        let mut cells = Vec::new();
        let mut run = |name: &str, args: &[&str], raw: Duration| {
            let took = timed(&url, args);
            cells.push(format!(
                "{name} {:>4.0} ms (raw query {:>4.0} ms)",
                took.as_secs_f64() * 1000.0,
                raw.as_secs_f64() * 1000.0
            ));
        };
        let raw_directives = rt.block_on(async {
            let db = backend.connect().await;
            let t = Instant::now();
            directive::Entity::find().all(&db).await.unwrap();
            data::entity::directive_deadline::Entity::find()
                .all(&db)
                .await
                .unwrap();
            t.elapsed()
        });
        run(
            "status",
            &[&["status"][..], &as_of].concat(),
            raw_directives,
        );
        run(
            "deadlines",
            &[&["deadlines"][..], &as_of].concat(),
            raw_directives,
        );
        run(
            "directive list",
            &[&["directive", "list"][..], &as_of].concat(),
            raw_directives,
        );
        let raw_one = rt.block_on(async {
            let db = backend.connect().await;
            let t = Instant::now();
            directive::Entity::find()
                .filter(directive::Column::Celex.eq("32000L0500"))
                .one(&db)
                .await
                .unwrap();
            t.elapsed()
        });
        run(
            "directive show",
            &["directive", "show", "2000/500"],
            raw_one,
        );
        let raw_case = rt.block_on(async {
            let db = backend.connect().await;
            let t = Instant::now();
            let c = infringement_case::Entity::find()
                .filter(infringement_case::Column::Number.eq("INFR(2001)0500"))
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            decision::Entity::find()
                .filter(decision::Column::CaseId.eq(c.id))
                .all(&db)
                .await
                .unwrap();
            t.elapsed()
        });
        run("case show", &["case", "show", "INFR(2001)0500"], raw_case);
        // BENCH_KEEP=FILE keeps the SQLite database for profiling a command on it
        // (`perf record target/release/scoreboard --database-url FILE status`).
        if let (Ok(keep), "sqlite") = (std::env::var("BENCH_KEEP"), backend.name) {
            std::fs::copy(&url, &keep).unwrap();
        }
        println!(
            "{:<8} {BIG_DIRECTIVES} directives, {} decisions (built raw in {:.1} s), whole commands: {}",
            backend.name,
            BIG_CASES * DECISIONS_PER_CASE,
            built.as_secs_f64(),
            cells.join(" | ")
        );
        backend.finish();
    }
}

/// Directive 2018/2001's provisions and correlation table, on each backend.
fn bench_correlation() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/importer/tests/fixtures/texts/32018L2001-fr.html"
    );
    let bytes = std::fs::read(page).expect("the saved text of Directive 2018/2001");
    for backend in tests::backends() {
        let url = backend.url.clone();
        runtime()
            .block_on(cli::demo::load_into(&url, "bench"))
            .expect("the demo data");
        let t = Instant::now();
        let html = scraper::Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let raw_parse = t.elapsed();
        assert!(html.root_element().children().count() > 0);
        let first = timed(
            &url,
            &["directive", "articles", "2018/2001", "--from", page],
        );
        let again = timed(
            &url,
            &["directive", "articles", "2018/2001", "--from", page],
        );
        let dir = tempfile::tempdir().unwrap();
        let exported = dir.path().join("table.xlsx");
        let export = timed(
            &url,
            &[
                "correlation",
                "export",
                "2018/2001",
                exported.to_str().unwrap(),
            ],
        );
        // Filled in whole: every provision transposed by the demo's ordinance.
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&exported).unwrap();
        let sheet = calamine::Reader::sheet_names(&book)[0].clone();
        let range = calamine::Reader::worksheet_range(&mut book, &sheet).unwrap();
        let mut filled = rust_xlsxwriter::Workbook::new();
        let out = filled.add_worksheet();
        out.write_string(0, 0, "Directive").unwrap();
        out.write_string(0, 1, "2018/2001").unwrap();
        for (j, h) in [
            "Provision",
            "Regional measure",
            "Regional provisions",
            "State",
        ]
        .iter()
        .enumerate()
        {
            out.write_string(2, j as u16, *h).unwrap();
        }
        let mut lines = 0u32;
        for row in range.rows().skip(5) {
            let code = row[0].to_string();
            let r = 3 + lines;
            out.write_string(r, 0, &code).unwrap();
            out.write_string(r, 1, "Ordonnance du 28 avril 2022")
                .unwrap();
            out.write_string(r, 2, format!("art. {}", lines + 1))
                .unwrap();
            out.write_string(r, 3, "Transposé").unwrap();
            lines += 1;
        }
        let filled_path = dir.path().join("filled.xlsx");
        filled.save(&filled_path).unwrap();
        let t = Instant::now();
        let mut raw: calamine::Xlsx<_> = calamine::open_workbook(&filled_path).unwrap();
        let cells = calamine::Reader::worksheet_range(&mut raw, "Sheet1")
            .unwrap()
            .cells()
            .count();
        let raw_read = t.elapsed();
        let import = timed(
            &url,
            &["correlation", "import", filled_path.to_str().unwrap()],
        );
        println!(
            "{:<8} directive articles 2018/2001 (1.9 MB, 208 provisions): raw HTML parse {:>6.3} s | first read {:>6.3} s ({:.1}x) | unchanged {:>6.3} s ({:.1}x) | export {:>6.3} s",
            backend.name,
            raw_parse.as_secs_f64(),
            first.as_secs_f64(),
            first.as_secs_f64() / raw_parse.as_secs_f64(),
            again.as_secs_f64(),
            again.as_secs_f64() / raw_parse.as_secs_f64(),
            export.as_secs_f64(),
        );
        println!(
            "{:<8} correlation import of {lines} lines: raw calamine read ({cells} cells) {:>6.3} s | import {:>6.3} s | ratio {:.1}x",
            backend.name,
            raw_read.as_secs_f64(),
            import.as_secs_f64(),
            import.as_secs_f64() / raw_read.as_secs_f64(),
        );
        backend.finish();
    }
}

/// Whether a section runs: all of them, or those `BENCH_ONLY` names (comma-separated: insert,
/// peer, daily, views, register, tables, correlation, web).
fn wanted(section: &str) -> bool {
    std::env::var("BENCH_ONLY")
        .map(|only| only.split(',').any(|s| s.trim() == section))
        .unwrap_or(true)
}

fn main() {
    if wanted("peer") {
        bench_peer_table();
    }
    if wanted("daily") {
        bench_daily_register();
    }
    if wanted("views") {
        bench_big_views();
    }
    for backend in tests::backends().into_iter().filter(|_| wanted("insert")) {
        runtime().block_on(bench(&backend));
        backend.finish();
    }
    for backend in tests::backends().into_iter().filter(|_| wanted("register")) {
        runtime().block_on(bench_register(&backend));
        backend.finish();
    }
    for backend in tests::backends().into_iter().filter(|_| wanted("tables")) {
        runtime().block_on(bench_tables(&backend));
        backend.finish();
    }
    if wanted("correlation") {
        bench_correlation();
    }
    if wanted("web") {
        web_load::run();
    }
}
