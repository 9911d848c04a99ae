//! `scoreboard sync eurlex` and `import eurlex` against a local HTTP server on 127.0.0.1
//! that serves recorded responses (built from `crates/importer/tests/fixtures/eurlex/`), on SQLite
//! and PostgreSQL: filling, disagreements, idempotence, the cache and `--offline`, retries, and the
//! sources that fail (timeout, 4xx, malformed JSON, a changed page layout), which write nothing.
//! No test touches the internet.

use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;
use tests::http::{Reply, Server, reply, status};
use tests::{Backend, ok, on_each_backend, scoreboard};

// ------------------------------------------------------------------------------------------------
// A scripted HTTP server (`tests::http`): each route answers the requests that contain its needle.

/// Requests whose text (request line + decoded body) contains `needle` get `replies` in turn,
/// the last one repeated.
struct Route {
    needle: String,
    replies: Vec<Reply>,
    served: usize,
}

fn route(needle: &str, replies: Vec<Reply>) -> Route {
    Route {
        needle: needle.to_owned(),
        replies,
        served: 0,
    }
}

/// A server answering by `routes`, the first whose needle the request contains; else 404.
fn scripted(routes: Vec<Route>) -> Server {
    let routes = Mutex::new(routes);
    Server::start(move |req| {
        let mut routes = routes.lock().unwrap();
        routes
            .iter_mut()
            .find(|r| req.text.contains(&r.needle))
            .map(|r| {
                let i = r.served.min(r.replies.len() - 1);
                r.served += 1;
                r.replies[i].clone()
            })
            .unwrap_or_else(|| status(404))
    })
}

// ------------------------------------------------------------------------------------------------
// Recorded responses.

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../crates/importer/tests/fixtures/eurlex/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_path(name: &str) -> String {
    format!(
        "{}/../crates/importer/tests/fixtures/eurlex/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

const NO_MEASURES: &str =
    r#"{"head":{"vars":["celex","title","lang","date","kind"]},"results":{"bindings":[]}}"#;
const DIRECTIVES_QUERY: &str = "VALUES ?celex {";
const MEASURES_1024: &str = r#"VALUES ?directive_celex { "32019L1024""#;
const MEASURES_1937: &str = r#"VALUES ?directive_celex { "32019L1937""#;

/// CELLAR as recorded: 2019/1937 with two deadlines, 2019/1024 without a Dutch title, one
/// Belgian measure of 2019/1024 on four rows; `details` replaces the answer to the directives query.
fn cellar(details: Vec<Reply>) -> Server {
    scripted(vec![
        route(DIRECTIVES_QUERY, details),
        route(
            MEASURES_1024,
            vec![reply(fixture("sparql-measures-several-rows.json"))],
        ),
        route(MEASURES_1937, vec![reply(NO_MEASURES)]),
    ])
}

fn good_cellar() -> Server {
    cellar(vec![reply(fixture(
        "sparql-directives-two-deadlines-title-missing.json",
    ))])
}

/// `sync eurlex ARGS` against `server`, with a cache in `cache`, waits shortened for tests.
fn sync(url: &str, server: &Server, cache: &std::path::Path, args: &[&str]) -> tests::Run {
    let cache = cache.to_string_lossy().into_owned();
    let mut all = vec![
        "--lang",
        "en",
        "sync",
        "eurlex",
        "--endpoint",
        &server.url,
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

fn show(url: &str, celex: &str) -> Value {
    serde_json::from_str(&ok(url, &["--json", "directive", "show", celex])).unwrap()
}

fn history_len(url: &str, key: &str) -> usize {
    let v: Value = serde_json::from_str(&ok(url, &["--json", "history", key])).unwrap();
    v.as_array().map_or(0, Vec::len)
}

/// Two directives tracked by hand: 2019/1024 with an English title of the unit's own.
fn track_two(url: &str) {
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/1024",
            "--title-en",
            "Open data directive (our wording)",
        ],
    );
    ok(url, &["directive", "add", "2019/1937"]);
}

fn deadlines(v: &Value) -> Vec<String> {
    v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_owned())
        .collect()
}

// ------------------------------------------------------------------------------------------------

#[test]
fn sync_tracked_fills_titles_and_deadlines_lists_measures_and_a_second_run_changes_nothing() {
    on_each_backend(|b: &Backend| {
        let url = &b.url;
        track_two(url);
        let server = good_cellar();
        let cache = tempfile::tempdir().unwrap();
        let run = sync(url, &server, cache.path(), &["--tracked"]);
        // A pending disagreement (our English title) needs attention: exit code 1.
        assert_eq!(run.code, 1, "{} {}", run.out, run.err);
        assert!(run.out.contains("72019L1024BEL_202200123"), "{}", run.out);
        assert!(run.out.contains("72019L1024BEL_202100456"), "{}", run.out);
        assert!(
            run.out.contains("32019L1937 (2019/1937): none"),
            "{}",
            run.out
        );

        // `directive show` lists the Belgian measures the Commission gives, once each.
        let d1024 = show(url, "32019L1024");
        let listed: Vec<&str> = d1024["national_measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["celex"].as_str().unwrap())
            .collect();
        assert_eq!(
            listed,
            ["72019L1024BEL_202100456", "72019L1024BEL_202200123"],
            "{d1024}"
        );
        // The kind of act from cdm:measure_national_implementing_type_act ("Ordonnance"@fr beside
        // "Ordonnantie"@nl); without it, unknown rather than CELLAR's generic resource type.
        let kinds: Vec<&Value> = d1024["national_measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["kind"])
            .collect();
        assert_eq!(kinds, [&Value::Null, &Value::from("Ordonnance")], "{d1024}");
        // The measures queries ask for the type of act, never the generic resource type.
        assert_eq!(
            server.requests("cdm:measure_national_implementing_type_act ?kind"),
            server.requests("VALUES ?directive_celex"),
        );
        assert_eq!(server.requests("work_has_resource-type ?kind"), 0);
        let text = ok(url, &["directive", "show", "2019/1024"]);
        assert!(
            text.contains("Mesures nationales notifiées par la Belgique")
                && text.contains("72019L1024BEL_202200123"),
            "{text}"
        );

        let d1937 = show(url, "32019L1937");
        assert!(
            d1937["title_fr"]
                .as_str()
                .unwrap()
                .starts_with("Directive (UE) 2019/1937"),
            "{d1937}"
        );
        assert!(
            d1937["title_nl"]
                .as_str()
                .unwrap()
                .starts_with("Richtlijn (EU) 2019/1937"),
            "{d1937}"
        );
        assert!(
            d1937["title_en"]
                .as_str()
                .unwrap()
                .starts_with("Directive (EU) 2019/1937"),
            "{d1937}"
        );
        assert_eq!(deadlines(&d1937), vec!["2021-12-17", "2023-12-17"]);
        assert_eq!(d1937["adopted_on"], "2019-10-23");

        let d1024 = show(url, "32019L1024");
        assert!(
            d1024["title_fr"]
                .as_str()
                .unwrap()
                .starts_with("Directive (UE) 2019/1024"),
            "{d1024}"
        );
        assert!(
            d1024["title_nl"].is_null(),
            "no Dutch title at the source: {d1024}"
        );
        assert_eq!(
            d1024["title_en"], "Open data directive (our wording)",
            "a hand-entered title is kept"
        );
        assert_eq!(deadlines(&d1024), vec!["2021-07-17"]);
        assert!(run.out.contains("disagreement, not written"), "{}", run.out);

        // The same answers again: nothing is written to the directives or their measures.
        let before = (
            history_len(url, "32019L1024"),
            history_len(url, "32019L1937"),
        );
        let again = sync(url, &server, cache.path(), &["--tracked"]);
        assert_eq!(again.code, 1, "{}", again.err);
        assert!(again.out.contains("Nothing changed"), "{}", again.out);
        assert_eq!(
            (
                history_len(url, "32019L1024"),
                history_len(url, "32019L1937")
            ),
            before
        );
        assert_eq!(show(url, "32019L1024"), d1024);
        assert_eq!(show(url, "32019L1937"), d1937);

        // --accept takes EUR-Lex's title; the history keeps ours and theirs.
        let accepted = sync(url, &server, cache.path(), &["--tracked", "--accept"]);
        assert_eq!(accepted.code, 0, "{}", accepted.err);
        let after = show(url, "32019L1024");
        assert!(
            after["title_en"]
                .as_str()
                .unwrap()
                .starts_with("Directive (EU) 2019/1024 of the European Parliament"),
            "{after}"
        );
        let history: Value =
            serde_json::from_str(&ok(url, &["--json", "history", "32019L1024"])).unwrap();
        assert!(
            history
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["field"] == "title_en"
                    && h["old_value"] == "Open data directive (our wording)"
                    && h["new_value"]
                        .as_str()
                        .is_some_and(|v| v.starts_with("Directive (EU)"))
                    && h["import_run_id"].is_number()),
            "{history}"
        );
        // The details queries leave out works not to index and ask for the legal deadline.
        assert_eq!(
            server.requests(r#"FILTER NOT EXISTS { ?work cdm:do_not_index "true"^^xsd:boolean }"#),
            server.requests(DIRECTIVES_QUERY),
        );
        assert_eq!(
            server.requests("cdm:resource_legal_date_deadline ?legal_deadline"),
            server.requests(DIRECTIVES_QUERY),
        );
        // Anchored queries: one details query for both, one measures query each.
        assert_eq!(server.requests(DIRECTIVES_QUERY), 3);
        assert_eq!(server.requests(MEASURES_1024), 3);
    });
}

#[test]
fn offline_replays_the_cache_and_a_missing_entry_is_a_clear_error() {
    on_each_backend(|b: &Backend| {
        let cache = tempfile::tempdir().unwrap();
        let empty = tempfile::tempdir().unwrap();
        let server = good_cellar();
        let missing = sync(
            &b.url,
            &server,
            empty.path(),
            &["--celex", "32019L1024", "--offline"],
        );
        assert_eq!(missing.code, 2);
        assert!(
            missing.err.contains("--offline") && missing.err.contains("holds no answer"),
            "{}",
            missing.err
        );
        assert_eq!(server.log.lock().unwrap().len(), 0, "offline sends nothing");
        assert!(
            scoreboard(&b.url, &["--json", "directive", "show", "32019L1024"]).code != 0,
            "nothing written"
        );

        let online = sync(
            &b.url,
            &server,
            cache.path(),
            &["--celex", "32019L1024", "--celex", "2019/1937"],
        );
        assert_eq!(online.code, 0, "{}", online.err);
        let sent = server.log.lock().unwrap().len();
        // Every answer is kept with a sidecar naming its method, URL, request body and time.
        let sidecars: Vec<Value> = walk(cache.path())
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect();
        assert_eq!(sidecars.len(), sent);
        assert!(sidecars.iter().all(|s| s["method"] == "POST"
            && s["url"] == server.url.as_str()
            && s["request_body"].as_str().unwrap().starts_with("query=")
            && s["fetched_at"].is_string()));

        // A fresh database, the same cache, no network: the same result.
        let other = tempfile::tempdir().unwrap();
        let other_url = other
            .path()
            .join("replay.db")
            .to_string_lossy()
            .into_owned();
        let replay = sync(
            &other_url,
            &server,
            cache.path(),
            &["--celex", "32019L1024", "--celex", "2019/1937", "--offline"],
        );
        assert_eq!(replay.code, 0, "{}", replay.err);
        assert_eq!(
            server.log.lock().unwrap().len(),
            sent,
            "offline sends nothing"
        );
        let strip = |mut v: Value| {
            v.as_object_mut().unwrap().remove("version");
            v
        };
        assert_eq!(
            strip(show(&other_url, "32019L1937")),
            strip(show(&b.url, "32019L1937"))
        );
        assert_eq!(
            strip(show(&other_url, "32019L1024")),
            strip(show(&b.url, "32019L1024"))
        );
    });
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[test]
fn a_500_is_retried_and_then_succeeds() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let server = cellar(vec![
            status(500),
            reply(fixture(
                "sparql-directives-two-deadlines-title-missing.json",
            )),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(&b.url, &server, cache.path(), &["--tracked"]);
        assert_eq!(run.code, 1, "{}", run.err);
        assert_eq!(server.requests(DIRECTIVES_QUERY), 2, "one 500, one success");
        assert_eq!(
            deadlines(&show(&b.url, "32019L1937")),
            vec!["2021-12-17", "2023-12-17"]
        );
    });
}

#[test]
fn a_429_with_retry_after_is_waited_out_and_tried_again() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let server = cellar(vec![
            Reply {
                retry_after: Some(1),
                ..status(429)
            },
            reply(fixture(
                "sparql-directives-two-deadlines-title-missing.json",
            )),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(&b.url, &server, cache.path(), &["--tracked"]);
        assert_eq!(run.code, 1, "{}", run.err);
        assert_eq!(server.requests(DIRECTIVES_QUERY), 2, "one 429, one success");
        assert_eq!(
            deadlines(&show(&b.url, "32019L1937")),
            vec!["2021-12-17", "2023-12-17"]
        );
    });
}

/// A source that fails: exit code 2, one message naming the source and the problem, nothing written.
fn assert_refused(b: &Backend, run: &tests::Run, expected: &[&str]) {
    assert_eq!(run.code, 2, "{}", run.out);
    for e in expected {
        assert!(run.err.contains(e), "expected \"{e}\" in: {}", run.err);
    }
    assert!(run.err.contains("nothing was written"), "{}", run.err);
    assert!(!run.err.contains('\n'), "one line: {}", run.err);
    let d = show(&b.url, "32019L1937");
    assert!(
        d["title_fr"].is_null() && d["deadlines"].as_array().unwrap().is_empty(),
        "nothing written: {d}"
    );
    assert_eq!(
        imported_rows(&b.url, "32019L1937") + imported_rows(&b.url, "32019L1024"),
        0
    );
}

/// The history rows of a directive that an import run wrote.
fn imported_rows(url: &str, key: &str) -> usize {
    let v: Value = serde_json::from_str(&ok(url, &["--json", "history", key])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["import_run_id"].is_null())
        .count()
}

#[test]
fn a_timeout_is_retried_three_times_then_refused_and_writes_nothing() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let slow = Reply {
            delay: Duration::from_secs(3),
            ..reply(fixture(
                "sparql-directives-two-deadlines-title-missing.json",
            ))
        };
        let server = cellar(vec![slow]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(
            &b.url,
            &server,
            cache.path(),
            &["--tracked", "--timeout", "0.3"],
        );
        assert_refused(b, &run, &["EUR-Lex/CELLAR", "timed out", "3 tries"]);
        assert_eq!(server.requests(DIRECTIVES_QUERY), 3);
    });
}

#[test]
fn a_4xx_is_not_retried() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let server = cellar(vec![status(400)]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(&b.url, &server, cache.path(), &["--tracked"]);
        assert_refused(b, &run, &["EUR-Lex/CELLAR", "HTTP 400", "refused"]);
        assert_eq!(server.requests(DIRECTIVES_QUERY), 1);
    });
}

#[test]
fn malformed_json_is_refused_and_writes_nothing() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let server = cellar(vec![reply(fixture("sparql-malformed.json"))]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(&b.url, &server, cache.path(), &["--tracked"]);
        assert_refused(
            b,
            &run,
            &["EUR-Lex/CELLAR", "the JSON stops before it is complete"],
        );
    });
}

#[test]
fn measures_that_fail_after_good_directives_write_nothing_either() {
    on_each_backend(|b: &Backend| {
        track_two(&b.url);
        let server = scripted(vec![
            route(
                DIRECTIVES_QUERY,
                vec![reply(fixture(
                    "sparql-directives-two-deadlines-title-missing.json",
                ))],
            ),
            route(
                MEASURES_1024,
                vec![reply(fixture("sparql-not-results.json"))],
            ),
            route(MEASURES_1937, vec![reply(NO_MEASURES)]),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(&b.url, &server, cache.path(), &["--tracked"]);
        assert_refused(
            b,
            &run,
            &[
                "EUR-Lex/CELLAR",
                "Belgian measures of 32019L1024",
                "expected SPARQL 1.1 JSON results",
            ],
        );
    });
}

#[test]
fn import_eurlex_reads_saved_results_and_pages_and_refuses_a_changed_layout() {
    on_each_backend(|b: &Backend| {
        let url = &b.url;
        track_two(url);
        let changed = scoreboard(
            url,
            &[
                "import",
                "eurlex",
                &fixture_path("32019L1024-ALL-en-layout-changed.html"),
            ],
        );
        assert_eq!(changed.code, 2);
        assert!(
            changed
                .err
                .contains("32019L1024-ALL-en-layout-changed.html")
                && changed.err.contains("layout may have changed"),
            "{}",
            changed.err
        );
        assert!(
            changed.err.contains("nothing was written"),
            "{}",
            changed.err
        );
        assert_eq!(imported_rows(url, "32019L1024"), 0, "nothing written");

        // Our English title differs from the page's: kept, and the exit code asks for attention.
        let pages = scoreboard(
            url,
            &[
                "--lang",
                "en",
                "import",
                "eurlex",
                &fixture_path("32019L1024-ALL-en.html"),
                &fixture_path("32019L1024-NIM-en.html"),
            ],
        );
        assert_eq!(pages.code, 1, "{}", pages.err);
        assert!(
            pages.out.contains("72019L1024BEL_202300077") && pages.out.contains("disagreement"),
            "{}",
            pages.out
        );
        let d = show(url, "32019L1024");
        assert_eq!(deadlines(&d), vec!["2021-07-17"]);
        assert_eq!(d["title_en"], "Open data directive (our wording)");

        let out = scoreboard(
            url,
            &[
                "--lang",
                "en",
                "import",
                "eurlex",
                &fixture_path("sparql-directives-two-deadlines-title-missing.json"),
            ],
        );
        assert_eq!(out.code, 1, "{}", out.err);
        assert_eq!(
            deadlines(&show(url, "32019L1937")),
            vec!["2021-12-17", "2023-12-17"]
        );
        let again = scoreboard(
            url,
            &[
                "--lang",
                "en",
                "import",
                "eurlex",
                &fixture_path("sparql-directives-two-deadlines-title-missing.json"),
            ],
        );
        assert!(again.out.contains("Nothing changed"), "{}", again.out);
    });
}

#[test]
fn published_since_lists_new_directives_with_their_lead_or_to_be_assigned() {
    on_each_backend(|b: &Backend| {
        let url = &b.url;
        ok(url, &["directive", "add", "2019/1024", "--lead", "BE"]);
        let published = r#"{"head":{"vars":["celex","date_document"]},"results":{"bindings":[
            {"celex":{"type":"literal","value":"32019L1024"},"date_document":{"type":"literal","datatype":"http://www.w3.org/2001/XMLSchema#date","value":"2019-06-20"}},
            {"celex":{"type":"literal","value":"32019L1937"},"date_document":{"type":"literal","datatype":"http://www.w3.org/2001/XMLSchema#date","value":"2019-10-23"}}]}}"#;
        let server = scripted(vec![
            route(
                "FILTER(?date_document >= \"2019-06-01\"",
                vec![reply(published)],
            ),
            route(
                DIRECTIVES_QUERY,
                vec![reply(fixture(
                    "sparql-directives-two-deadlines-title-missing.json",
                ))],
            ),
            route(
                MEASURES_1024,
                vec![reply(fixture("sparql-measures-several-rows.json"))],
            ),
            route(MEASURES_1937, vec![reply(NO_MEASURES)]),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(
            url,
            &server,
            cache.path(),
            &["--published-since", "01/06/2019"],
        );
        assert_eq!(run.code, 0, "{}", run.err);
        assert!(
            run.out.contains("newly tracked directive  32019L1937"),
            "{}",
            run.out
        );
        let line = |text: &str, celex: &str| {
            text.lines()
                .find(|l| l.starts_with(celex))
                .unwrap_or_default()
                .to_owned()
        };
        assert!(
            line(&run.out, "32019L1937  2019/1937").contains("to be designated"),
            "{}",
            run.out
        );
        assert!(
            line(&run.out, "32019L1024  2019/1024").contains("BE"),
            "{}",
            run.out
        );

        let listed = ok(url, &["directive", "new", "--since", "2019-06-01"]);
        assert!(
            line(&listed, "32019L1937").contains("à désigner"),
            "{listed}"
        );
        assert!(line(&listed, "32019L1024").contains("BE"), "{listed}");
        let later = ok(
            url,
            &["--lang", "nl", "directive", "new", "--since", "2019-07-01"],
        );
        assert!(
            line(&later, "32019L1937").contains("aan te wijzen") && !later.contains("32019L1024"),
            "{later}"
        );
    });
}

// ------------------------------------------------------------------------------------------------
// The register's search service: `register_sync.rs`.

#[test]
fn an_omnibus_measure_is_listed_under_its_own_directive_only_and_tracks_no_other() {
    on_each_backend(|b: &Backend| {
        let url = &b.url;
        track_two(url);
        // A service that ignores the query's filter: the ordinance comes back with its numbers for
        // 2016/680 and 2018/2001 too.
        let server = scripted(vec![
            route(
                DIRECTIVES_QUERY,
                vec![reply(fixture(
                    "sparql-directives-two-deadlines-title-missing.json",
                ))],
            ),
            route(
                MEASURES_1024,
                vec![reply(fixture("sparql-measures-omnibus.json"))],
            ),
            route(MEASURES_1937, vec![reply(NO_MEASURES)]),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let run = sync(url, &server, cache.path(), &["--tracked"]);
        assert!(run.code <= 1, "{} {}", run.out, run.err);
        // The query asks for the directive's own numbers only (sector 7 + 2019L1024).
        assert_eq!(
            server.requests(r#"FILTER(STRSTARTS(STR(?celex), "72019L1024"))"#),
            1,
            "{:?}",
            server.log.lock().unwrap()
        );
        // Every query also says the format in its form, not only in the Accept header.
        assert_eq!(
            server.requests("format=application/sparql-results+json"),
            server.log.lock().unwrap().len()
        );
        let d1024 = show(url, "32019L1024");
        let listed: Vec<&str> = d1024["national_measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["celex"].as_str().unwrap())
            .collect();
        assert_eq!(listed, ["72019L1024BEL_202300045"], "{d1024}");
        // The numbers set aside are said, not dropped in silence.
        for other in ["72016L0680BEL_202300045", "72018L2001BEL_202300045"] {
            assert!(
                run.out.contains(&format!(
                    "note: {other} (32019L1024): the same measure's number"
                )),
                "{}",
                run.out
            );
        }
        // Nobody asked for 2016/680 or 2018/2001: they are not followed.
        let list = ok(url, &["--json", "directive", "list"]);
        for other in ["32016L0680", "32018L2001"] {
            assert!(!list.contains(other), "{other} became tracked: {list}");
        }
        assert_eq!(
            scoreboard(url, &["directive", "show", "2018/2001"]).code,
            cli::EXIT_REFUSED
        );
    });
}
