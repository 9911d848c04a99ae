//! Test support: the database backends every database test runs on (a fresh SQLite file always,
//! a fresh PostgreSQL database when `SCOREBOARD_TEST_POSTGRES_URL` is set), and running the CLI
//! in-process as a user would; local servers for network code (`http`, and `smtp` for e-mail);
//! the web application's server for the web tests (`site`).

pub mod http;
pub mod site;
pub mod smtp;

use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, Database};

/// A fresh, empty database for one test; dropped again by [`Backend::finish`].
pub struct Backend {
    pub name: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

fn with_database(url: &str, name: &str) -> String {
    // Replace the path (the database name) of the URL, keeping any query string.
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let root = match base.rfind('/') {
        Some(i) if i > base.find("://").map(|s| s + 2).unwrap_or(0) => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl Backend {
    fn sqlite() -> Backend {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = dir
            .path()
            .join("scoreboard.db")
            .to_string_lossy()
            .into_owned();
        Backend {
            name: "sqlite",
            url,
            _dir: Some(dir),
            postgres: None,
        }
    }

    fn postgres(admin: &str) -> Backend {
        let name = format!(
            "scoreboard_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        block_on(async {
            let db = Database::connect(admin)
                .await
                .expect("PostgreSQL at SCOREBOARD_TEST_POSTGRES_URL");
            db.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create a test database");
        });
        Backend {
            name: "postgres",
            url: with_database(admin, &name),
            _dir: None,
            postgres: Some((admin.to_owned(), name)),
        }
    }

    /// Drops the PostgreSQL test database (the SQLite file goes with its temporary folder).
    pub fn finish(self) {
        if let Some((admin, name)) = &self.postgres {
            block_on(async {
                if let Ok(db) = Database::connect(admin.as_str()).await {
                    let _ = db
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                }
            });
        }
    }

    pub async fn connect(&self) -> data::Db {
        data::connect(&self.url)
            .await
            .expect("connect to the test database")
    }
}

/// The backends to run a database test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::sqlite()];
    if let Ok(url) = std::env::var("SCOREBOARD_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        all.push(Backend::postgres(&url));
    }
    all
}

/// Runs a test body once per backend, saying which backend a failure happened on.
pub fn on_each_backend(test: impl Fn(&Backend)) {
    for backend in backends() {
        eprintln!("-- on {}", backend.name);
        test(&backend);
        backend.finish();
    }
}

/// What a CLI run printed and how it ended: the exit code, stdout, and the error line if refused.
#[derive(Debug)]
pub struct Run {
    pub code: u8,
    pub out: String,
    pub err: String,
}

/// Runs `scoreboard --database-url URL --user tester ARGS...` in-process.
pub fn scoreboard(url: &str, args: &[&str]) -> Run {
    let mut all = vec!["scoreboard", "--database-url", url, "--user", "tester"];
    all.extend_from_slice(args);
    let mut out = Vec::new();
    let result = cli::run(all, &mut out);
    let out = String::from_utf8(out).expect("utf-8 output");
    match result {
        Ok(code) => Run {
            code,
            out,
            err: String::new(),
        },
        Err(e) => Run {
            code: cli::EXIT_REFUSED,
            out,
            err: cli::dedup_causes(&e),
        },
    }
}

/// Every row of every table, as text, in a stable order: two dumps are equal when nothing was
/// written in between (the history included, since every write leaves a history row).
pub fn dump(url: &str) -> Vec<String> {
    use sea_orm::{DbBackend, Statement};
    block_on(async {
        let db = data::connect(url).await.expect("connect for a dump");
        let backend = db.get_database_backend();
        let tables_sql = match backend {
            DbBackend::Postgres => {
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
            }
            _ => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            }
        };
        let tables: Vec<String> = db
            .query_all_raw(Statement::from_string(backend, tables_sql))
            .await
            .expect("list the tables")
            .iter()
            .map(|r| r.try_get::<String>("", "name").expect("a table name"))
            .collect();
        let mut lines = Vec::new();
        for table in tables {
            let sql = match backend {
                DbBackend::Postgres => {
                    format!("SELECT t::text AS line FROM \"{table}\" t ORDER BY 1")
                }
                _ => {
                    let columns: Vec<String> = db
                        .query_all_raw(Statement::from_string(
                            backend,
                            format!("SELECT name FROM pragma_table_info('{table}')"),
                        ))
                        .await
                        .expect("list the columns")
                        .iter()
                        .map(|r| r.try_get::<String>("", "name").expect("a column name"))
                        .collect();
                    let quoted: Vec<String> =
                        columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
                    format!(
                        "SELECT {} AS line FROM \"{table}\" ORDER BY 1",
                        quoted.join(" || ',' || ")
                    )
                }
            };
            for row in db
                .query_all_raw(Statement::from_string(backend, sql))
                .await
                .expect("read a table")
            {
                let line: String = row.try_get("", "line").expect("a row as text");
                lines.push(format!("{table}: {line}"));
            }
        }
        lines
    })
}

/// The same, expecting success; panics with what the CLI said otherwise.
pub fn ok(url: &str, args: &[&str]) -> String {
    let run = scoreboard(url, args);
    assert_eq!(run.code, 0, "scoreboard {args:?} failed: {}", run.err);
    run.out
}

/// The questions file of the SIEG 2022 campaign the campaign tests create (`campaign new`).
pub const SIEG_QUESTIONS: &str = r#"
title_fr = "Rapport SIEG 2022"
title_nl = "DAEB-verslag 2022"

[[question]]
key = "services"
fr = "Quels services d'intérêt économique général confiez-vous ?"
nl = "Welke diensten van algemeen economisch belang vertrouwt u toe?"
kind = "text"

[[question]]
key = "compensation"
fr = "Une compensation est-elle versée ?"
nl = "Wordt er een compensatie betaald?"
kind = "yes-no"

[[question]]
key = "amount"
fr = "Montant total des compensations (EUR)"
nl = "Totaalbedrag van de compensaties (EUR)"
kind = "number"

[[question]]
key = "mandate"
fr = "Date de l'acte de mandat"
nl = "Datum van de mandaatakte"
kind = "date"
"#;

#[cfg(test)]
mod tests {
    #[test]
    fn test_database_urls_replace_the_database_name() {
        assert_eq!(
            super::with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            super::with_database("postgres://u@h/db?sslmode=disable", "t2"),
            "postgres://u@h/t2?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u@h", "t3"),
            "postgres://u@h/t3"
        );
    }
}
