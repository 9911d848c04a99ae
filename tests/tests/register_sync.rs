//! `scoreboard sync register` against a simulation of the Commission's infringement decisions
//! search service on 127.0.0.1, in the shape public code shows (`../shared/design/SERVICES.md`):
//! `POST /api/decisions` with a JSON body of filters, answering `{"totalRows", "records"}`. The
//! simulation filters by decision date, caps its pages below what is asked and shuffles the order
//! on every call; some tests make it fail (503, 429 with Retry-After) or lie (a total that counts a
//! decision it never returns, a date filter that does not work). On SQLite and PostgreSQL; no test
//! touches the internet.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde_json::{Value, json};
use tests::http::{Reply, Server, reply, status};
use tests::{Backend, backends, dump, ok, on_each_backend, scoreboard};

// ------------------------------------------------------------------------------------------------
// The simulated service.

/// "2/07/2021" or "02/07/2021".
fn day_first(text: &str) -> NaiveDate {
    let parts: Vec<u32> = text.split('/').map(|p| p.parse().unwrap()).collect();
    NaiveDate::from_ymd_opt(parts[2] as i32, parts[1], parts[0]).unwrap()
}

struct Service {
    records: Vec<(NaiveDate, Value)>,
    /// The most records one answer holds, whatever `size` asks.
    cap: usize,
    /// Counted in the total of every window that holds it, never returned.
    phantom: Option<NaiveDate>,
    /// Returns the records of every date, whatever the window asked (a broken filter).
    ignores_dates: bool,
    /// Answers given, in turn, before the service answers for real (503, 429, ...).
    hiccups: Mutex<VecDeque<Reply>>,
    calls: AtomicU64,
}

impl Service {
    fn new(records: Vec<Value>, cap: usize) -> Service {
        Service {
            records: records
                .into_iter()
                .map(|r| (day_first(r["decisionDate"].as_str().unwrap()), r))
                .collect(),
            cap,
            phantom: None,
            ignores_dates: false,
            hiccups: Mutex::new(VecDeque::new()),
            calls: AtomicU64::new(0),
        }
    }

    fn answer(&self, text: &str, body: &str) -> Reply {
        if !text.starts_with("POST /api/decisions ") {
            return status(if text.contains("/api/decisions") {
                405
            } else {
                404
            });
        }
        if let Some(hiccup) = self.hiccups.lock().unwrap().pop_front() {
            return hiccup;
        }
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        let Ok(query) = serde_json::from_str::<Value>(body) else {
            return status(400);
        };
        let from = query["decisionDateFrom"].as_str().map(day_first);
        let to = query["decisionDateTo"].as_str().map(day_first);
        let inside = |d: NaiveDate| from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t);
        let mut hits: Vec<&Value> = self
            .records
            .iter()
            .filter(|(d, _)| self.ignores_dates || inside(*d))
            .map(|(_, r)| r)
            .collect();
        let total = hits.len() + usize::from(self.phantom.is_some_and(inside));
        shuffle(&mut hits, call);
        let size = query["size"].as_u64().unwrap_or(10) as usize;
        hits.truncate(size.min(self.cap));
        reply(json!({"totalRows": total, "records": hits}).to_string())
    }
}

/// A different order on every call (xorshift, Fisher–Yates).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..items.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        items.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

fn serve(service: Service) -> (Server, Arc<Service>) {
    let service = Arc::new(service);
    let s = service.clone();
    (
        Server::start(move |req| s.answer(req.text, req.body)),
        service,
    )
}

// ------------------------------------------------------------------------------------------------
// The data: a real export, and the same decisions as the service's records.

fn real_export() -> Vec<Value> {
    let path = format!(
        "{}/../../shared/data/commission-register/register-2021-06-08.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Cases of the export's shape with decisions outside the years 1990 to today: a Belgian case of
/// 1988 under the EEC Treaty's numbering, and one whose newest decision is dated next year.
fn old_and_future_cases() -> Vec<Value> {
    vec![
        json!({"Infringement_number": "INFR(1988)0117", "Decision": "14/03/1988 Formal notice Art. 169 EEC\n3/11/1989 Reasoned opinion Art. 169 EEC\n",
               "Country": "Belgium", "Policy_area___Department_in_charge": "Environment",
               "Title": "Qualité des eaux de baignade", "Active_infringement_cases": "Yes", "Non_communication_cases": "No"}),
        json!({"Infringement_number": "INFR(2026)2044", "Decision": "9/10/2026 Formal notice Art. 258 TFEU\n15/01/2027 Reasoned opinion Art. 258 TFEU\n",
               "Country": "Belgium", "Policy_area___Department_in_charge": "Mobility and Transport",
               "Title": "Péages routiers", "Active_infringement_cases": "Yes", "Non_communication_cases": "No"}),
    ]
}

/// One record per decision, with the service's field names and its way of writing dates ("day
/// without a leading zero": `2/07/2021`), titles with HTML character references (`&amp;`,
/// `&#39;`), which the public script that reads the service unescapes.
fn service_records(export: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for case in export {
        for line in case["Decision"].as_str().unwrap().lines() {
            let Some((date, kind)) = line.trim().split_once(' ') else {
                continue;
            };
            let date = date.trim_start_matches('0');
            let non_communication = case["Non_communication_cases"].clone();
            out.push(json!({
                "infringementNumber": case["Infringement_number"],
                "memberState": case["Country"],
                "leadDg": case["Policy_area___Department_in_charge"],
                "caseType": if non_communication == "Yes" { "Non-communication" } else { "Non-conformity" },
                "title": case["Title"].as_str().map(|t| t.replace('&', "&amp;").replace('\'', "&#39;")),
                "activeInfringementCase": case["Active_infringement_cases"],
                "nonCommunicationCase": non_communication,
                "decisionDate": date,
                "decisionType": kind,
                "pressRelease": null, "pressReleaseURL": null, "memo": null, "memoURL": null,
                "normalCuriaReference": null, "normalCuriaReferenceURL": null,
                "policyAreas": [case["Policy_area___Department_in_charge"]],
            }));
        }
    }
    out
}

/// Decisions of cases the Commission has closed: the service lists them, an export does not.
fn closed_case_records() -> Vec<Value> {
    let closed = vec![
        json!({"Infringement_number": "INFR(2004)4321", "Decision": "12/10/2004 Formal notice Art. 226 EC\n19/12/2005 Reasoned opinion Art. 226 EC\n",
               "Country": "Belgium", "Policy_area___Department_in_charge": "Environment",
               "Title": "Déchets d'emballages", "Active_infringement_cases": "No", "Non_communication_cases": "No"}),
        json!({"Infringement_number": "INFR(2016)0210", "Decision": "27/01/2016 Formal notice Art. 258 TFEU\n",
               "Country": "Italy", "Policy_area___Department_in_charge": "Energy",
               "Title": "Non-communication", "Active_infringement_cases": "No", "Non_communication_cases": "Yes"}),
    ];
    service_records(&closed)
}

fn belgian(export: &[Value]) -> Vec<Value> {
    export
        .iter()
        .filter(|c| c["Country"] == "Belgium")
        .cloned()
        .collect()
}

// ------------------------------------------------------------------------------------------------
// Running and reading.

fn sync_register(url: &str, server: &Server, args: &[&str]) -> tests::Run {
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path().to_string_lossy().into_owned();
    let endpoint = format!("{}/api", server.base);
    let mut all = vec![
        "--lang",
        "en",
        "sync",
        "register",
        "--endpoint",
        &endpoint,
        "--cache",
        &cache,
        "--min-interval-ms",
        "0",
        "--retry-wait-ms",
        "10",
    ];
    all.extend_from_slice(args);
    scoreboard(url, &all)
}

/// Rows of a query whose only column is the text `line`.
fn lines(url: &str, sql: &str) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let db = data::connect(url).await.unwrap();
            let backend = db.get_database_backend();
            let mut out: Vec<String> = db
                .query_all_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get::<String>("", "line").unwrap())
                .collect();
            out.sort();
            out
        })
}

/// What the register put in the database, without what depends on the order of the writes or on
/// the run (ids, times, versions, the import run's file name and hash).
fn register_content(url: &str) -> Vec<String> {
    let t = |column: &str| format!("COALESCE(CAST({column} AS TEXT), '-')");
    let join = |columns: &[&str]| {
        columns
            .iter()
            .map(|c| t(c))
            .collect::<Vec<_>>()
            .join(" || '|' || ")
    };
    let mut all = Vec::new();
    for (name, sql) in [
        (
            "case",
            format!(
                "SELECT {} AS line FROM infringement_case c",
                join(&[
                    "c.number",
                    "c.country",
                    "c.case_type",
                    "c.title",
                    "c.department",
                    "c.active",
                    "c.first_seen_on",
                    "c.last_seen_on",
                    "c.notes",
                ])
            ),
        ),
        (
            "decision",
            format!(
                "SELECT {} AS line FROM decision d JOIN infringement_case c ON c.id = d.case_id",
                join(&[
                    "c.number",
                    "d.decided_on",
                    "d.step",
                    "d.legal_basis",
                    "d.nth",
                    "d.label",
                    "d.press_release"
                ])
            ),
        ),
        (
            "directive",
            format!(
                "SELECT {} AS line FROM case_directive x JOIN infringement_case c ON c.id = x.case_id",
                join(&["c.number", "x.celex"])
            ),
        ),
        (
            "event",
            format!(
                "SELECT {} AS line FROM case_event e JOIN infringement_case c ON c.id = e.case_id",
                join(&["c.number", "e.kind", "e.from_date", "e.to_date"])
            ),
        ),
        (
            "snapshot",
            format!(
                "SELECT {} AS line FROM register_snapshot_case x JOIN register_snapshot s ON s.id = x.snapshot_id",
                join(&["s.taken_on", "s.country", "x.number"])
            ),
        ),
        (
            "history",
            format!(
                // The import run's own record (file name, hash, time) says where the data came
                // from: it differs by nature.
                "SELECT {} AS line FROM history h WHERE h.table_name <> 'import_run' AND h.field <> 'file_hash'",
                join(&[
                    "h.action",
                    "h.table_name",
                    "h.record_key",
                    "h.field",
                    "h.old_value",
                    "h.new_value",
                ])
            ),
        ),
    ] {
        all.extend(lines(url, &sql).into_iter().map(|l| format!("{name}: {l}")));
    }
    all
}

fn case_numbers(url: &str) -> Vec<String> {
    lines(url, "SELECT number AS line FROM infringement_case")
}

fn decisions_of(url: &str, number: &str) -> Vec<String> {
    let case: Value = serde_json::from_str(&ok(url, &["--json", "case", "show", number])).unwrap();
    case["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["decided_on"].as_str().unwrap().to_owned())
        .collect()
}

/// A refusal: exit 2, the message names the service and says nothing was written, and the
/// database is as it was.
fn assert_refused(url: &str, before: &[String], run: &tests::Run, expected: &[&str]) {
    assert_eq!(run.code, 2, "out: {}\nerr: {}", run.out, run.err);
    for e in expected
        .iter()
        .chain(&["Commission register", "nothing was written"])
    {
        assert!(run.err.contains(e), "{e:?} not in: {}", run.err);
    }
    assert!(dump(url) == before, "a refused sync wrote nothing");
}

// ------------------------------------------------------------------------------------------------

#[test]
fn a_capped_shuffled_register_is_read_whole_and_equals_importing_the_same_data_as_an_export() {
    let mut export = real_export();
    export.extend(old_and_future_cases());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register-export.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&export).unwrap()).unwrap();
    let file = file.to_string_lossy().into_owned();
    // 2,867 decisions; 2019 and 2020 hold 612 and 894, May 2020 holds 242, no day more than 145:
    // years, months and days are all split.
    let mut records = service_records(&export);
    records.extend(closed_case_records());
    let (server, service) = serve(Service::new(records, 160));

    for (synced, imported) in backends().into_iter().zip(backends()) {
        eprintln!("-- on {}", synced.name);
        let run = sync_register(&synced.url, &server, &["--country", "all"]);
        assert_eq!(run.code, 0, "{}", run.err);
        assert!(
            run.out.contains("2867 decision(s) of active cases")
                && run.out.contains("(3 of closed cases left aside"),
            "{}",
            run.out
        );
        // The export of the same day as the sync.
        let today = cli::today().to_string();
        ok(
            &imported.url,
            &[
                "--lang",
                "en",
                "import",
                "register",
                &file,
                "--country",
                "all",
                "--as-of",
                &today,
            ],
        );
        let (a, b) = (
            register_content(&synced.url),
            register_content(&imported.url),
        );
        assert!(!a.is_empty());
        if a != b {
            let only_a: Vec<_> = a.iter().filter(|l| !b.contains(l)).take(10).collect();
            let only_b: Vec<_> = b.iter().filter(|l| !a.contains(l)).take(10).collect();
            panic!("sync and import differ:\nsync only: {only_a:#?}\nimport only: {only_b:#?}");
        }
        assert_eq!(
            decisions_of(&synced.url, "INFR(1988)0117"),
            vec!["1988-03-14", "1989-11-03"],
            "decisions before 1990"
        );
        assert_eq!(
            decisions_of(&synced.url, "INFR(2026)2044"),
            vec!["2026-10-09", "2027-01-15"],
            "a decision dated after this year"
        );

        // A second read finds nothing new, whatever order the service gives this time.
        let again = sync_register(&synced.url, &server, &["--country", "all"]);
        assert_eq!(again.code, 0, "{}", again.err);
        assert!(again.out.contains("Nothing changed"), "{}", again.out);
        synced.finish();
        imported.finish();
    }
    let asked = server.requests("POST /api/decisions");
    assert!(
        asked > 2 * 150,
        "years, months and days were asked for: {asked} requests"
    );
    assert!(service.calls.load(Ordering::SeqCst) as usize == asked);
}

#[test]
fn the_member_state_is_kept_on_our_side_and_a_read_since_a_date_closes_nothing() {
    let mut export = real_export();
    export.extend(old_and_future_cases());
    let (server, _) = serve(Service::new(service_records(&export), 5000));
    on_each_backend(|b: &Backend| {
        let url = &b.url;
        let run = sync_register(url, &server, &[]);
        assert_eq!(run.code, 0, "{}", run.err);
        let numbers = case_numbers(url);
        assert_eq!(numbers.len(), belgian(&export).len(), "Belgian cases only");
        assert!(
            server.requests("\"memberState\":null") > 30,
            "the service is never asked to filter"
        );

        // The register loses every case but one (the service says nothing about them since 2026):
        // a read --since is partial, so none is taken for closed.
        let recent: Vec<Value> = service_records(&export)
            .into_iter()
            .filter(|r| r["infringementNumber"] == "INFR(2026)2044")
            .collect();
        let (later, _) = serve(Service::new(recent, 5000));
        let since = sync_register(url, &later, &["--since", "2026-01-01"]);
        assert_eq!(since.code, 0, "{}", since.err);
        assert!(since.out.contains("0 no longer active"), "{}", since.out);
        let active: Value =
            serde_json::from_str(&ok(url, &["--json", "case", "show", "INFR(2020)0385"])).unwrap();
        assert_eq!(active["active"], true, "{active}");
    });
}

#[test]
fn a_503_then_a_429_with_retry_after_are_waited_out_and_a_service_that_stays_down_is_named() {
    let records = service_records(&belgian(&real_export()));
    on_each_backend(|b: &Backend| {
        let service = Service::new(records.clone(), 5000);
        let mut answer_429 = status(429);
        answer_429.retry_after = Some(1);
        *service.hiccups.lock().unwrap() = VecDeque::from([status(503), answer_429]);
        let (server, _) = serve(service);
        let started = Instant::now();
        let run = sync_register(&b.url, &server, &[]);
        assert_eq!(run.code, 0, "{}", run.err);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "the Retry-After of 1 s was honoured"
        );
        assert!(!case_numbers(&b.url).is_empty());

        let before = dump(&b.url);
        let down = Service::new(records.clone(), 5000);
        *down.hiccups.lock().unwrap() = VecDeque::from(vec![status(503); 10]);
        let (server, _) = serve(down);
        let run = sync_register(&b.url, &server, &[]);
        assert_refused(
            &b.url,
            &before,
            &run,
            &["/api/decisions (every decision)", "HTTP 503", "3 tries"],
        );
    });
}

#[test]
fn a_total_that_counts_a_decision_never_returned_refuses_the_sync() {
    let records = service_records(&belgian(&real_export()));
    on_each_backend(|b: &Backend| {
        ok(&b.url, &["init"]);
        let before = dump(&b.url);
        let mut service = Service::new(records.clone(), 40);
        service.phantom = NaiveDate::from_ymd_opt(2019, 3, 14);
        let (server, _) = serve(service);
        let run = sync_register(&b.url, &server, &[]);
        assert_refused(
            &b.url,
            &before,
            &run,
            &["counts", "decision(s) and returned", "contradicts itself"],
        );
    });
}

#[test]
fn a_day_holding_more_than_a_page_a_broken_date_filter_and_a_bad_answer_are_refused() {
    let export = real_export();
    on_each_backend(|b: &Backend| {
        ok(&b.url, &["init"]);
        let before = dump(&b.url);
        // 24 January 2019 holds 115 decisions, more than the 100 the service gives at once.
        let (server, _) = serve(Service::new(service_records(&export), 100));
        let run = sync_register(&b.url, &server, &["--country", "all"]);
        assert_refused(
            &b.url,
            &before,
            &run,
            &[
                "decisions of 2019-",
                "on that one day",
                "returns at most 100",
            ],
        );

        let mut broken = Service::new(service_records(&belgian(&export)), 5000);
        broken.ignores_dates = true;
        let (server, _) = serve(broken);
        let run = sync_register(&b.url, &server, &[]);
        assert_refused(&b.url, &before, &run, &["date filter does not work"]);

        let mut records = service_records(&belgian(&export));
        records[3]["activeInfringementCase"] = json!("Peut-être");
        let (server, _) = serve(Service::new(records, 5000));
        let run = sync_register(&b.url, &server, &[]);
        assert_eq!(run.code, 1, "{}", run.err);
        assert!(
            run.out.contains("1 problem(s); nothing was written")
                && run.out.contains(
                    ", column activeInfringementCase: found \"Peut-être\", expected Yes or No"
                ),
            "{}",
            run.out
        );
        assert!(dump(&b.url) == before, "nothing written");

        let not_the_shape = Server::start(|req| {
            if req.text.starts_with("POST /api/decisions ") {
                reply(r#"[{"Infringement_number": "INFR(2020)0385"}]"#)
            } else {
                status(404)
            }
        });
        let run = sync_register(&b.url, &not_the_shape, &[]);
        assert_refused(
            &b.url,
            &before,
            &run,
            &["is an array, expected an object with totalRows and records"],
        );
    });
}

#[test]
fn decisions_dated_outside_every_window_make_the_total_disagree() {
    let mut records = service_records(&belgian(&real_export()));
    let mut odd = records[0].clone();
    odd["decisionDate"] = json!("1/01/1899");
    records.push(odd);
    on_each_backend(|b: &Backend| {
        ok(&b.url, &["init"]);
        let before = dump(&b.url);
        let (server, _) = serve(Service::new(records.clone(), 5000));
        let run = sync_register(&b.url, &server, &[]);
        assert_refused(
            &b.url,
            &before,
            &run,
            &[
                "in all (every decision)",
                "dated outside 1900-01-01 to 2100-12-31",
            ],
        );
    });
}
