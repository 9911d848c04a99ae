//! `make bench`'s load run of the web application (issue 15): readers and editors against a
//! server started in-process on the demo database, for `BENCH_WEB_SECONDS` (30) with
//! `BENCH_WEB_READERS` (50) readers and `BENCH_WEB_EDITORS` (5) editors, on each backend.
//!
//! Readers loop over the API (the directive list, one directive, one case, with a token) and the
//! pages (`/`, `/directives`, `/directives/{celex}`, with the session cookie of their own sign-in).
//! Editors (the unit and coordinators of Bruxelles Environnement) read a directive and change its
//! notes to a value no one else writes, naming the version they read; they share three directives,
//! so that they often get in each other's way: a 412 is counted and the edit retried on a fresh
//! read. Afterwards the history must hold every accepted edit exactly once and no refused one, no
//! two accepted edits may start from the same version (the second would have overwritten the
//! first unseen), and each directive's notes must be those of its last accepted edit.
//!
//! The baseline, in the same process on the same database: `data::repo::directive_view` called
//! directly, one call after another. It is the database work of `GET /api/v1/directives/{celex}`,
//! so the ratio of that request (alone, then under load) to it is what HTTP, the token check, the
//! JSON and the crowd add; a bare axum "hello" would only measure the loopback interface.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use data::entity::history;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const PASSWORD: &str = "load run password";
const READER: &str = "load-reader";
/// BE: Bruxelles Environnement, which leads six of the demo's directives.
const AUTHORITY: &str = "BE";
/// How many of BE's directives the editors share.
const SHARED: usize = 3;
/// The server's database connections.
const CONNECTIONS: u32 = 8;
/// Calls of the unloaded baseline and of the same request through HTTP, after as many to warm up.
const BASELINE_CALLS: usize = 300;
const WARM_UP: usize = 20;

/// How long and how many, from the environment.
struct Load {
    seconds: u64,
    readers: usize,
    editors: usize,
}

impl Load {
    fn from_env() -> Load {
        let read = |name: &str, default: u64| -> u64 {
            match std::env::var(name) {
                Ok(v) => v
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={v}: expected a whole number")),
                Err(_) => default,
            }
        };
        Load {
            seconds: read("BENCH_WEB_SECONDS", 30),
            readers: read("BENCH_WEB_READERS", 50) as usize,
            editors: read("BENCH_WEB_EDITORS", 5) as usize,
        }
    }
}

/// The editors' logins: the unit first, then coordinators of BE.
fn editor_login(e: usize) -> String {
    if e == 0 {
        "load-unit".to_owned()
    } else {
        format!("load-coord{e}")
    }
}

/// What a request was, for the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Read(Read),
    /// An editor's read before its change.
    EditRead,
    Patch,
}

/// What a reader asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    ApiList,
    ApiDirective,
    ApiCase,
    PageHome,
    PageList,
    PageDirective,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Read(Read::ApiList) => "API list",
            Kind::Read(Read::ApiDirective) => "API directive",
            Kind::Read(Read::ApiCase) => "API case",
            Kind::Read(Read::PageHome) => "page /",
            Kind::Read(Read::PageList) => "page /directives",
            Kind::Read(Read::PageDirective) => "page directive",
            Kind::EditRead => "editor's GET",
            Kind::Patch => "PATCH",
        }
    }
}

impl Read {
    const ALL: [Read; 6] = [
        Read::ApiList,
        Read::ApiDirective,
        Read::ApiCase,
        Read::PageHome,
        Read::PageList,
        Read::PageDirective,
    ];

    fn path(self, celex: &str, case: &str) -> String {
        match self {
            Read::ApiList => "/api/v1/directives".to_owned(),
            Read::ApiDirective => format!("/api/v1/directives/{celex}"),
            Read::ApiCase => format!("/api/v1/cases/{case}"),
            Read::PageHome => "/".to_owned(),
            Read::PageList => "/directives".to_owned(),
            Read::PageDirective => format!("/directives/{celex}"),
        }
    }

    /// The API takes the token; the pages the session cookie.
    fn is_api(self) -> bool {
        matches!(self, Read::ApiList | Read::ApiDirective | Read::ApiCase)
    }
}

/// An edit an editor sent, and whether the server took it.
#[derive(Debug, Clone)]
struct Edit {
    login: String,
    celex: String,
    read_version: i64,
    notes: String,
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    timings: Vec<(Kind, Duration)>,
    errors: usize,
    /// The first few errors, as said.
    examples: Vec<String>,
    conflicts: usize,
    accepted: Vec<Edit>,
    refused: Vec<Edit>,
}

impl Tally {
    fn error(&mut self, what: String) {
        self.errors += 1;
        if self.examples.len() < 5 {
            self.examples.push(what);
        }
    }

    fn merge(&mut self, other: Tally) {
        self.timings.extend(other.timings);
        self.errors += other.errors;
        for e in other.examples {
            if self.examples.len() < 5 {
                self.examples.push(e);
            }
        }
        self.conflicts += other.conflicts;
        self.accepted.extend(other.accepted);
        self.refused.extend(other.refused);
    }
}

/// The server on one backend's demo database, and what the clients need to know.
struct Site {
    server: tokio::runtime::Runtime,
    db: data::Db,
    base: String,
    as_of: NaiveDate,
    stop: tokio::sync::oneshot::Sender<()>,
    reader_token: String,
    editor_tokens: Vec<String>,
    celexes: Vec<String>,
    shared: Vec<String>,
    cases: Vec<String>,
}

fn token_of(url: &str, login: &str) -> String {
    let out = tests::ok(url, &["token", "add", login, "--label", "load run"]);
    out.lines()
        .last()
        .expect("the token's line")
        .trim()
        .to_owned()
}

/// The reader and the editors (the unit, then coordinators of BE), through the CLI as the unit
/// would add them; their tokens.
fn add_users(url: &str, editors: usize) -> (String, Vec<String>) {
    tests::ok(url, &["user", "add", READER, "--role", "reader"]);
    for e in 0..editors {
        let login = editor_login(e);
        let role: &[&str] = if e == 0 {
            &["--role", "unit"]
        } else {
            &["--role", "coordinator", "--authority", AUTHORITY]
        };
        tests::ok(url, &[&["user", "add", &login][..], role].concat());
    }
    let editor_tokens = (0..editors)
        .map(|e| token_of(url, &editor_login(e)))
        .collect();
    (token_of(url, READER), editor_tokens)
}

/// The demo data on the backend, the users, and the server started on it.
fn start(backend: &tests::Backend, load: &Load) -> Site {
    let server = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let as_of = server
        .block_on(cli::demo::load_into(&backend.url, "bench"))
        .expect("the demo data loads");
    let (reader_token, editor_tokens) = add_users(&backend.url, load.editors);
    let settings = data::ConnectSettings {
        max_connections: CONNECTIONS,
        ..Default::default()
    };
    let db = server
        .block_on(data::connect_with(&backend.url, &settings))
        .unwrap();
    let (celexes, shared, cases) = server.block_on(async {
        let actor = data::Actor::new("bench", Utc::now());
        let hash = web::hash_password(PASSWORD, web::PasswordCost::cheap()).unwrap();
        data::users::set_password_hash(&db, &actor, READER, hash)
            .await
            .unwrap();
        let views = data::repo::directives(&db, as_of).await.unwrap();
        let celexes: Vec<String> = views.iter().map(|v| v.celex.clone()).collect();
        let shared: Vec<String> = views
            .iter()
            .filter(|v| v.lead.as_deref() == Some(AUTHORITY))
            .map(|v| v.celex.clone())
            .take(SHARED)
            .collect();
        let cases: Vec<String> = data::repo::cases(&db, true)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.number)
            .collect();
        (celexes, shared, cases)
    });
    assert_eq!(
        shared.len(),
        SHARED,
        "the demo has {SHARED} directives led by BE"
    );
    assert!(!cases.is_empty(), "the demo has cases");
    let config = web::Config {
        secure_cookies: false,
        password_cost: web::PasswordCost::cheap(),
        today: Some(as_of),
        ..Default::default()
    };
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server_db = db.clone();
    server.spawn(async move {
        web::serve(listener, server_db, config, async {
            let _ = stopped.await;
        })
        .await
        .expect("the server runs");
    });
    Site {
        server,
        db,
        base,
        as_of,
        stop,
        reader_token,
        editor_tokens,
        celexes,
        shared,
        cases,
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

/// Sends a request and reads its whole body: the status, the body and the time both took.
async fn timed(req: reqwest::RequestBuilder) -> Result<(u16, String, Duration), String> {
    let t = Instant::now();
    let r = req.send().await.map_err(|e| format!("{e:#}"))?;
    let status = r.status().as_u16();
    let body = r.text().await.map_err(|e| format!("{e:#}"))?;
    Ok((status, body, t.elapsed()))
}

/// Signs in through the form, as a browser does; the session cookie.
async fn sign_in(client: &reqwest::Client, base: &str) -> Result<String, String> {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("login", READER), ("password", PASSWORD), ("next", "/")])
        .finish();
    let r = client
        .post(format!("{base}/signin"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("sign-in: {e:#}"))?;
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("scoreboard_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("sign-in answered {} without a session", r.status()))
}

/// A reader: the six kinds of reads in turn (each reader starting elsewhere in the round), on
/// directives and cases in turn.
async fn reader(
    n: usize,
    base: String,
    token: String,
    celexes: Vec<String>,
    cases: Vec<String>,
    until: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let client = client();
    let cookie = match sign_in(&client, &base).await {
        Ok(c) => c,
        Err(e) => {
            tally.error(format!("reader {n}: {e}"));
            return tally;
        }
    };
    let mut k = n;
    while Instant::now() < until {
        let read = Read::ALL[k % Read::ALL.len()];
        let round = k / Read::ALL.len();
        k += 1;
        let path = read.path(&celexes[round % celexes.len()], &cases[round % cases.len()]);
        let req = client.get(format!("{base}{path}"));
        let req = if read.is_api() {
            req.bearer_auth(&token)
        } else {
            req.header("Cookie", &cookie)
        };
        match timed(req).await {
            Ok((200, _, took)) => tally.timings.push((Kind::Read(read), took)),
            Ok((status, body, _)) => tally.error(format!(
                "{path} answered {status}: {}",
                body.chars().take(200).collect::<String>()
            )),
            Err(e) => tally.error(format!("{path}: {e}")),
        }
    }
    tally
}

/// An editor: reads one of the shared directives, changes its notes from the version read; on a
/// 412 tries the same directive again from a fresh read, after a 200 moves to the next one.
async fn editor(
    n: usize,
    base: String,
    token: String,
    shared: Vec<String>,
    until: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let client = client();
    let login = editor_login(n);
    let mut target = n;
    let mut attempt = 0;
    while Instant::now() < until {
        let celex = shared[target % shared.len()].clone();
        let url = format!("{base}/api/v1/directives/{celex}");
        let read_version = match timed(client.get(&url).bearer_auth(&token)).await {
            Ok((200, body, took)) => {
                tally.timings.push((Kind::EditRead, took));
                match serde_json::from_str::<Value>(&body)
                    .ok()
                    .and_then(|v| v["version"].as_i64())
                {
                    Some(v) => v,
                    None => {
                        tally.error(format!("{celex}: no version in {body}"));
                        continue;
                    }
                }
            }
            Ok((status, body, _)) => {
                tally.error(format!("editor read of {celex} answered {status}: {body}"));
                continue;
            }
            Err(e) => {
                tally.error(format!("editor read of {celex}: {e}"));
                continue;
            }
        };
        attempt += 1;
        let edit = Edit {
            login: login.clone(),
            celex: celex.clone(),
            read_version,
            notes: format!("load e{n} n{attempt}"),
        };
        let req = client
            .patch(&url)
            .bearer_auth(&token)
            .header("If-Match", format!("\"{read_version}\""))
            .header("Content-Type", "application/json")
            .body(json!({ "notes": edit.notes }).to_string());
        match timed(req).await {
            Ok((200, _, took)) => {
                tally.timings.push((Kind::Patch, took));
                tally.accepted.push(edit);
                target += 1;
            }
            Ok((412, _, took)) => {
                tally.timings.push((Kind::Patch, took));
                tally.conflicts += 1;
                tally.refused.push(edit);
            }
            Ok((status, body, _)) => {
                tally.error(format!("PATCH {celex} answered {status}: {body}"));
                tally.refused.push(edit);
            }
            // Whether a change whose answer was lost was written is not known: it is neither
            // accepted nor refused, and the history check below says nothing of it.
            Err(e) => tally.error(format!("PATCH {celex}: {e}")),
        }
    }
    tally
}

/// The history check: every accepted edit exactly once as a `notes` history row of its editor,
/// as many such rows as accepted edits, no refused value written, no two accepted edits from one
/// version, and each directive's notes those of its last accepted edit. The problems found.
async fn check_history(site: &Site, load: &Load, tally: &Tally) -> Vec<String> {
    let logins: Vec<String> = (0..load.editors).map(editor_login).collect();
    let rows = history::Entity::find()
        .filter(history::Column::TableName.eq("directive"))
        .filter(history::Column::Field.eq("notes"))
        .filter(history::Column::UserName.is_in(logins))
        .all(&site.db)
        .await
        .unwrap();
    let mut problems = Vec::new();
    let mut written: HashMap<(String, String, String), usize> = HashMap::new();
    for r in &rows {
        let key = (
            r.user_name.clone(),
            r.record_key.clone(),
            r.new_value.clone().unwrap_or_default(),
        );
        *written.entry(key).or_default() += 1;
    }
    if rows.len() != tally.accepted.len() {
        problems.push(format!(
            "{} history rows of the editors' notes for {} accepted edits",
            rows.len(),
            tally.accepted.len()
        ));
    }
    for e in &tally.accepted {
        let key = (e.login.clone(), e.celex.clone(), e.notes.clone());
        match written.get(&key).copied().unwrap_or(0) {
            1 => {}
            n => problems.push(format!("accepted edit {e:?} is {n} times in the history")),
        }
    }
    for e in &tally.refused {
        let key = (e.login.clone(), e.celex.clone(), e.notes.clone());
        if written.contains_key(&key) {
            problems.push(format!("refused edit {e:?} is in the history"));
        }
    }
    let mut last: BTreeMap<&str, &Edit> = BTreeMap::new();
    let mut from: HashMap<(&str, i64), &Edit> = HashMap::new();
    for e in &tally.accepted {
        if let Some(other) = from.insert((&e.celex, e.read_version), e) {
            problems.push(format!(
                "two edits accepted from version {} of {}: {other:?} and {e:?}",
                e.read_version, e.celex
            ));
        }
        let l = last.entry(&e.celex).or_insert(e);
        if e.read_version > l.read_version {
            *l = e;
        }
    }
    for (celex, e) in last {
        let id = domain::Celex::parse(celex).unwrap().directive().unwrap();
        let now = data::repo::directive_view(&site.db, &id, site.as_of)
            .await
            .unwrap();
        if now.notes.as_deref() != Some(e.notes.as_str()) {
            problems.push(format!(
                "{celex}'s notes are {:?}, not those of its last accepted edit {e:?}",
                now.notes
            ));
        }
    }
    problems
}

/// The baseline: `directive_view` called directly, and the same directive through HTTP by one
/// client alone, call for call in turn (so that both see the machine as busy), after a few calls
/// that open the connections. The median time of each.
fn baseline(site: &Site, clients: &tokio::runtime::Runtime) -> (Duration, Duration) {
    let celex = &site.shared[0];
    let id = domain::Celex::parse(celex).unwrap().directive().unwrap();
    let url = format!("{}/api/v1/directives/{celex}", site.base);
    let client = client();
    let mut direct = Vec::new();
    let mut http = Vec::new();
    for call in 0..WARM_UP + BASELINE_CALLS {
        let d = site.server.block_on(async {
            let t = Instant::now();
            data::repo::directive_view(&site.db, &id, site.as_of)
                .await
                .unwrap();
            t.elapsed()
        });
        let (status, body, h) = clients
            .block_on(timed(client.get(&url).bearer_auth(&site.reader_token)))
            .unwrap();
        assert_eq!(status, 200, "{body}");
        if call >= WARM_UP {
            direct.push(d);
            http.push(h);
        }
    }
    (median(&direct), median(&http))
}

/// The p50, p99 and largest of some durations, in milliseconds.
fn spread(mut d: Vec<Duration>) -> String {
    if d.is_empty() {
        return "none".to_owned();
    }
    d.sort();
    let at = |q: f64| d[((d.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    format!(
        "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.99),
        at(1.0)
    )
}

/// The CPU time this process has used (user and system, every thread), from `/proc/self/stat`
/// (Linux; `None` elsewhere), counted in the kernel's clock ticks of 1/100 s. Beside the wall
/// time it says how much of the machine the run had, when other programs run beside it.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the program's name in parentheses: the state is the first field, utime the 12th,
    // stime the 13th (proc(5): fields 3, 14 and 15).
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(d: &[Duration]) -> Duration {
    let mut d = d.to_vec();
    d.sort();
    d.get(d.len() / 2).copied().unwrap_or_default()
}

/// The readers and editors, all at once until the time is up; what they saw, together.
fn drive(site: &Site, load: &Load, clients: &tokio::runtime::Runtime) -> Tally {
    let until = Instant::now() + Duration::from_secs(load.seconds);
    clients.block_on(async {
        let mut tasks = Vec::new();
        for n in 0..load.readers {
            tasks.push(tokio::spawn(reader(
                n,
                site.base.clone(),
                site.reader_token.clone(),
                site.celexes.clone(),
                site.cases.clone(),
                until,
            )));
        }
        for n in 0..load.editors {
            tasks.push(tokio::spawn(editor(
                n,
                site.base.clone(),
                site.editor_tokens[n].clone(),
                site.shared.clone(),
                until,
            )));
        }
        let mut all = Tally::default();
        for t in tasks {
            all.merge(t.await.expect("a client task"));
        }
        all
    })
}

/// One backend's run, as measured.
struct Outcome {
    took: Duration,
    /// The CPU time this process used meanwhile.
    cpu: Option<Duration>,
    tally: Tally,
    problems: Vec<String>,
    /// The baseline and the same request through HTTP alone (medians).
    direct: Duration,
    http: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Outcome {
    fn timings(&self, wanted: impl Fn(Kind) -> bool) -> Vec<Duration> {
        self.tally
            .timings
            .iter()
            .filter(|(k, _)| wanted(*k))
            .map(|(_, d)| *d)
            .collect()
    }

    fn clean(&self) -> bool {
        self.tally.errors == 0 && self.problems.is_empty()
    }

    fn print(&self, backend: &str, load: &Load) {
        let tally = &self.tally;
        let reads = self.timings(|k| matches!(k, Kind::Read(_) | Kind::EditRead));
        let patches = self.timings(|k| k == Kind::Patch);
        let total = tally.timings.len() + tally.errors;
        let seconds = self.took.as_secs_f64();
        println!(
            "{backend:<8} web load ({} readers, {} editors, {seconds:.1} s, demo database, {CONNECTIONS} connections): \
             {total} requests = {:.0} requests/s | reads {} ({}) | edits {} ({}) | \
             errors {} | 412 conflicts {} | accepted edits {} | history {}",
            load.readers,
            load.editors,
            total as f64 / seconds,
            reads.len(),
            spread(reads.clone()),
            patches.len(),
            spread(patches.clone()),
            tally.errors,
            tally.conflicts,
            tally.accepted.len(),
            if self.problems.is_empty() {
                "checked: every accepted edit exactly once, no refused one, none lost".to_owned()
            } else {
                format!(
                    "WRONG, {} problems: {}",
                    self.problems.len(),
                    self.problems[..self.problems.len().min(5)].join("; ")
                )
            }
        );
        let one = median(&self.timings(|k| k == Kind::Read(Read::ApiDirective)));
        println!(
            "{backend:<8} one directive (GET /api/v1/directives/{{celex}}): baseline directive_view called directly {:.2} ms | \
             through HTTP alone {:.2} ms ({:.1}x) | under load p50 {:.2} ms ({:.1}x)",
            ms(self.direct),
            ms(self.http),
            ms(self.http) / ms(self.direct),
            ms(one),
            ms(one) / ms(self.direct),
        );
        let by_kind: Vec<String> = Read::ALL
            .iter()
            .map(|r| Kind::Read(*r))
            .chain([Kind::EditRead, Kind::Patch])
            .map(|kind| {
                let d = self.timings(|k| k == kind);
                format!("{} {} x {:.1} ms", kind.label(), d.len(), ms(median(&d)))
            })
            .collect();
        println!("{backend:<8} p50 by request: {}", by_kind.join(" | "));
        if let Some(cpu) = self.cpu {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            println!(
                "{backend:<8} CPU of this process (server and clients) {:.1} s in {seconds:.1} s: \
                 {:.0}% of {cores} cores, {:.2} ms a request",
                cpu.as_secs_f64(),
                100.0 * cpu.as_secs_f64() / seconds / cores as f64,
                ms(cpu) / total as f64
            );
        }
        for e in &tally.examples {
            println!("{backend:<8}   error: {e}");
        }
    }
}

/// Runs the load on one backend and prints its figures; whether it went without an error and
/// the history is whole.
fn run_on(backend: &tests::Backend, load: &Load) -> bool {
    let site = start(backend, load);
    // The clients run on their own runtime, as a separate program would; on one machine they
    // share its cores with the server, so these figures are a floor of what the server can do.
    let clients = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (direct, http) = baseline(&site, &clients);
    let started = Instant::now();
    let cpu = cpu_time();
    let tally = drive(&site, load, &clients);
    let took = started.elapsed();
    let cpu = cpu_time().zip(cpu).map(|(after, before)| after - before);
    let problems = site.server.block_on(check_history(&site, load, &tally));
    let outcome = Outcome {
        took,
        cpu,
        tally,
        problems,
        direct,
        http,
    };
    outcome.print(backend.name, load);
    let _ = site.stop.send(());
    site.server.block_on(async { site.db.close().await.ok() });
    site.server.shutdown_timeout(Duration::from_secs(10));
    outcome.clean()
}

/// The load run on each backend; panics after them if a request failed or an edit was lost.
pub fn run() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let load = Load::from_env();
    let mut clean = true;
    for backend in tests::backends() {
        clean &= run_on(&backend, &load);
        backend.finish();
    }
    assert!(
        clean,
        "the web load run met errors or a history that is not whole (see above)"
    );
}
