//! Several users on one database, as separate processes: writers on different records all
//! succeed, a reader is not blocked by a running import, a real conflict on one record is the
//! version message, and no "database is locked" ever reaches a user. On SQLite and PostgreSQL.

use std::process::{Child, Command, Output, Stdio};

use tests::{Backend, ok, on_each_backend};

/// Rounds of (an import, six writers, a reader) started together.
const ROUNDS: usize = 5;

const DIRECTIVES: [&str; 6] = [
    "2019/1024",
    "2019/1937",
    "2018/2001",
    "2019/944",
    "2016/2102",
    "2019/882",
];

fn program(backend: &Backend, user: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scoreboard-under-test"));
    command
        .args(["--database-url", &backend.url, "--user", user])
        .args(args)
        .env_remove("SCOREBOARD_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn start(backend: &Backend, user: &str, args: &[&str]) -> Child {
    program(backend, user, args)
        .spawn()
        .expect("start scoreboard")
}

fn finish(child: Child, what: &str) -> Output {
    let output = child.wait_with_output().expect("wait for scoreboard");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("locked") && !stderr.contains("busy"),
        "{what}: a lock error reached the user: {stderr}"
    );
    output
}

fn succeeded(child: Child, what: &str) -> String {
    let output = finish(child, what);
    assert!(
        output.status.success(),
        "{what} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn register_export() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/cli/demo/register-2023-01-11-BE.json")
}

#[test]
fn writers_on_different_records_and_a_reader_during_an_import_all_succeed() {
    on_each_backend(|backend| {
        let url = &backend.url;
        ok(url, &["init"]);
        for d in DIRECTIVES {
            ok(url, &["directive", "add", d, "--deadline", "2026-06-30"]);
        }
        let export = register_export();
        let export = export.to_string_lossy().into_owned();
        for round in 0..ROUNDS {
            // An import, writers on six different directives, and readers, all at once.
            let import = start(
                backend,
                "importer",
                &["import", "register", &export, "--accept-closures"],
            );
            let writers: Vec<(String, Child)> = DIRECTIVES
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let note = format!("round {round} writer {i}");
                    let child = start(
                        backend,
                        &format!("writer{i}"),
                        &["directive", "set", d, "--notes", &note],
                    );
                    (note, child)
                })
                .collect();
            // The reader waits at most one second for a lock: it must not need to.
            let reader = start(
                backend,
                "reader",
                &["--busy-timeout", "1", "directive", "list"],
            );
            succeeded(reader, "a reader during the import");
            for (note, child) in writers {
                succeeded(child, &note);
            }
            succeeded(import, "the import");
            // Nothing lost: every directive holds its writer's note of this round.
            for (i, d) in DIRECTIVES.iter().enumerate() {
                let shown = ok(url, &["--json", "directive", "show", d]);
                assert!(
                    shown.contains(&format!("round {round} writer {i}")),
                    "{d} lost its note of round {round}: {shown}"
                );
            }
        }
        let history = ok(url, &["history", "2019/1024"]);
        assert_eq!(history.matches("writer0").count(), ROUNDS, "{history}");
    });
}

#[test]
fn two_writers_on_the_same_record_one_gets_the_version_message() {
    on_each_backend(|backend| {
        let url = &backend.url;
        ok(
            url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        let shown = ok(url, &["--json", "directive", "show", "2019/1024"]);
        let version: serde_json::Value = serde_json::from_str(&shown).expect("json");
        let version = version["version"].as_i64().expect("a version").to_string();
        let children: Vec<Child> = (0..4)
            .map(|i| {
                start(
                    backend,
                    &format!("writer{i}"),
                    &[
                        "directive",
                        "set",
                        "2019/1024",
                        "--notes",
                        &format!("note {i}"),
                        "--if-version",
                        &version,
                    ],
                )
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| finish(c, "a writer of the same record"))
            .collect();
        let winners = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(winners, 1, "exactly one writer wins");
        for o in outputs.iter().filter(|o| !o.status.success()) {
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(
                stderr.contains("quelqu'un d'autre y a apporté une modification"),
                "the loser is told why: {stderr}"
            );
        }
    });
}

#[test]
fn a_version_not_reached_yet_is_not_someone_elses_change() {
    on_each_backend(|backend| {
        let url = &backend.url;
        ok(
            url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        let run = tests::scoreboard(
            url,
            &[
                "directive",
                "set",
                "2019/1024",
                "--notes",
                "x",
                "--if-version",
                "6",
            ],
        );
        assert_eq!(run.code, cli::EXIT_REFUSED);
        assert!(run.err.contains("est à la version 1, pas 6"), "{}", run.err);
        assert!(!run.err.contains("quelqu'un d'autre"), "{}", run.err);
    });
}

#[test]
fn many_processes_starting_on_a_new_database_create_it_once() {
    on_each_backend(|backend| {
        let children: Vec<Child> = (0..10)
            .map(|i| start(backend, &format!("user{i}"), &["authority", "list"]))
            .collect();
        for child in children {
            succeeded(child, "a command on a brand-new database");
        }
        let listed = ok(&backend.url, &["--json", "authority", "list"]);
        let listed: Vec<serde_json::Value> = serde_json::from_str(&listed).expect("json");
        let mut codes: Vec<&str> = listed.iter().filter_map(|a| a["code"].as_str()).collect();
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all, "every authority is there once: {codes:?}");
        assert_eq!(all, domain::vocab::region_authorities().len());
    });
}

/// Row counts per table, from a dump.
fn counts(dump: &[String]) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for line in dump {
        let table = line.split(':').next().unwrap_or_default().to_owned();
        *counts.entry(table).or_insert(0) += 1;
    }
    counts
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let export = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/commission-register/register-2023-01-11.json");
    let export = export.to_string_lossy().into_owned();
    let import = [
        "import",
        "register",
        &export,
        "--country",
        "all",
        "--accept-closures",
    ];
    let (mut none, mut all) = (0, 0);
    for backend_name in tests::backends().iter().map(|b| b.name).collect::<Vec<_>>() {
        // What a whole import gives, uninterrupted.
        let whole = {
            let backend = fresh(backend_name);
            ok(
                &backend.url,
                &["import", "register", &register_export().to_string_lossy()],
            );
            ok(&backend.url, &import);
            let whole = counts(&tests::dump(&backend.url));
            backend.finish();
            whole
        };
        for delay_ms in [0u64, 150, 300, 600, 900, 1300, 1800, 2600] {
            let backend = fresh(backend_name);
            let url = &backend.url;
            ok(
                url,
                &["import", "register", &register_export().to_string_lossy()],
            );
            let before = tests::dump(url);
            let mut child = start(&backend, "importer", &import);
            std::thread::sleep(std::time::Duration::from_millis(delay_ms));
            child.kill().expect("kill -9 the import");
            let _ = child.wait();
            let after = tests::dump(url);
            assert!(
                after == before || counts(&after) == whole,
                "{backend_name}: killed after {delay_ms} ms, the database holds part of the import: {:?} vs whole {:?}",
                counts(&after),
                whole
            );
            if after == before {
                none += 1;
            } else {
                all += 1;
            }
            // And the database still works.
            ok(url, &["status"]);
            backend.finish();
        }
    }
    eprintln!(
        "{} imports killed with SIGKILL: {none} left nothing, {all} had committed all of it",
        none + all
    );
}

/// A new database on the backend named.
fn fresh(name: &str) -> Backend {
    let mut all = tests::backends();
    let i = all
        .iter()
        .position(|b| b.name == name)
        .expect("that backend");
    let chosen = all.swap_remove(i);
    for other in all {
        other.finish();
    }
    chosen
}

#[test]
fn a_committed_import_whose_reader_went_away_exits_0() {
    on_each_backend(|backend| {
        // `scoreboard import … | head -0`: the reader is gone before anything is printed.
        let mut child = start(
            backend,
            "importer",
            &["import", "register", &register_export().to_string_lossy()],
        );
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        assert!(
            output.status.success(),
            "{}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let status = ok(&backend.url, &["--json", "case", "list"]);
        assert!(status.contains("INFR("), "the import was committed");
    });
}
