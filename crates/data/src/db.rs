//! Opening the database: SQLite file (created on first use) or PostgreSQL, checked to be ours and
//! migrated to the latest schema before anything else runs.
//!
//! SQLite is set up for several users at once: a WAL journal (readers are not blocked by a
//! writer), a busy timeout (a writer waits its turn instead of failing), and write transactions
//! begun `IMMEDIATE` ([`begin_write`]), so that a transaction never has to upgrade a read lock to a
//! write lock halfway, which SQLite refuses at once with "database is locked" whatever the timeout.
//! See <https://www.sqlite.org/wal.html> and <https://www.sqlite.org/lang_transaction.html>.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

use crate::DataError;

pub type Db = DatabaseConnection;

/// The schemes `--database-url` accepts, for the message that refuses the others.
pub const SUPPORTED: &str =
    "a file path (scoreboard.db), sqlite://FILE, or postgres://USER@HOST:PORT/DATABASE";

/// How long to wait: for a server to answer, and for another writer to finish (SQLite).
#[derive(Debug, Clone, Copy)]
pub struct ConnectSettings {
    pub connect_timeout: Duration,
    pub busy_timeout: Duration,
    /// Connections kept open: 1 for a command (it runs one statement at a time), more for the
    /// web server, which answers many requests at once.
    pub max_connections: u32,
}

impl Default for ConnectSettings {
    fn default() -> Self {
        ConnectSettings {
            connect_timeout: Duration::from_secs(5),
            busy_timeout: Duration::from_secs(120),
            max_connections: 1,
        }
    }
}

/// The busy timeout in use, for the message of [`DataError::Busy`].
static BUSY_TIMEOUT_S: AtomicU64 = AtomicU64::new(120);

pub(crate) fn busy_timeout_secs() -> u64 {
    BUSY_TIMEOUT_S.load(Ordering::Relaxed)
}

/// What the user gave, understood: a SQLite file or a PostgreSQL server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite { url: String },
    Postgres { url: String },
}

impl Target {
    /// Reads `postgres://...`, `sqlite://...` or a plain file path; refuses an empty value and any
    /// other scheme (`mysql://`, `http://`...) instead of taking it for a file name.
    pub fn parse(database: &str) -> Result<Target, DataError> {
        let given = database.trim();
        if given.is_empty() {
            return Err(DataError::Target(format!(
                "no database given (the database URL is empty): expected {SUPPORTED}"
            )));
        }
        if given.starts_with("postgres://") || given.starts_with("postgresql://") {
            return Ok(Target::Postgres {
                url: given.to_owned(),
            });
        }
        if let Some(rest) = given.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            if path.split('?').next().unwrap_or_default().is_empty() {
                return Err(DataError::Target(format!(
                    "\"{given}\" names no file: expected {SUPPORTED}"
                )));
            }
            let url = if given.contains('?') {
                given.to_owned()
            } else {
                format!("{given}?mode=rwc")
            };
            return Ok(Target::Sqlite { url });
        }
        if let Some((scheme, _)) = given.split_once("://") {
            return Err(DataError::Target(format!(
                "\"{scheme}://\" is not a database this tool can use: expected {SUPPORTED}"
            )));
        }
        Ok(Target::Sqlite {
            url: format!("sqlite://{given}?mode=rwc"),
        })
    }

    /// The SQLite file's path, for the look at an existing file before it is opened for writing.
    fn sqlite_path(&self) -> Option<&str> {
        let Target::Sqlite { url } = self else {
            return None;
        };
        let rest = url.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        Some(rest.split('?').next().unwrap_or(rest))
    }

    pub fn url(&self) -> &str {
        match self {
            Target::Sqlite { url } | Target::Postgres { url } => url,
        }
    }
}

/// Connects with the default timeouts; see [`connect_with`].
pub async fn connect(database: &str) -> Result<Db, DataError> {
    connect_with(database, &ConnectSettings::default()).await
}

/// Connects, checks that the database is empty or ours, and applies every pending migration
/// (in one write transaction, so two commands starting on a new file do not both migrate it);
/// never drops anything.
pub async fn connect_with(database: &str, settings: &ConnectSettings) -> Result<Db, DataError> {
    let target = Target::parse(database)?;
    // An existing file is looked at read-only first: opening it for writing would already turn
    // on the WAL journal, a change to a file that may not be ours. A file that does not exist
    // yet cannot be opened read-only: it will be created below.
    if let Some(path) = target.sqlite_path() {
        let mut look = ConnectOptions::new(format!("sqlite://{path}?mode=ro"));
        let busy = settings.busy_timeout;
        look.sqlx_logging(false)
            .max_connections(1)
            .map_sqlx_sqlite_opts(move |o| o.busy_timeout(busy));
        match connect_waiting(look, settings.busy_timeout).await {
            Ok(db) => {
                let checked = check_identity(&db).await;
                db.close().await?;
                checked?;
            }
            Err(e) if clean_message(&e).contains("unable to open database file") => {}
            Err(e) => return Err(unreachable_target(&target, e)),
        }
    }
    let mut options = ConnectOptions::new(target.url().to_owned());
    // One connection per command, on both backends: a command runs one statement at a time, and
    // each new PostgreSQL connection costs about 100 ms to set up (three were opened per command).
    // The web server asks for more.
    let connections = settings.max_connections.max(1);
    options
        .sqlx_logging(false)
        .max_connections(connections)
        .connect_timeout(settings.connect_timeout)
        .acquire_timeout(settings.connect_timeout);
    if let Target::Postgres { url } = &target
        && !url.to_ascii_lowercase().contains("sslmode=")
    {
        // On the loopback interface (or a Unix socket) TLS protects nothing, and negotiating it
        // (sqlx's default `sslmode=prefer`) cost about 90 ms of a 100 ms command here; a URL
        // that names an `sslmode` keeps it, and other hosts keep the default.
        options.map_sqlx_postgres_opts(|o| {
            if is_local_host(o.get_host()) {
                o.ssl_mode(sea_orm::sqlx::postgres::PgSslMode::Disable)
            } else {
                o
            }
        });
    }
    if let Target::Sqlite { .. } = target {
        BUSY_TIMEOUT_S.store(settings.busy_timeout.as_secs(), Ordering::Relaxed);
        let busy = settings.busy_timeout;
        // One connection per command: SQLite has one writer at a time anyway (a server's readers
        // share the WAL file; `begin_write` takes the write lock up front).
        options
            .max_connections(connections)
            .map_sqlx_sqlite_opts(move |o| {
                // FULL: a commit the tool has reported survives a power cut too (NORMAL, faster, may
                // lose the last commits then), https://www.sqlite.org/pragma.html#pragma_synchronous
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(busy)
            });
    }
    let db = connect_waiting(options, settings.busy_timeout)
        .await
        .map_err(|e| unreachable_target(&target, e))?;
    if target.sqlite_path().is_none() {
        check_identity(&db).await?;
    }
    let pending = Migrator::get_pending_migrations_read_only(&db).await?;
    if !pending.is_empty() {
        let txn = begin_write(&db).await?;
        serialize(&txn, Serialized::Migration).await?;
        Migrator::up(&txn, None).await?;
        txn.commit().await?;
    }
    Ok(db)
}

/// The loopback interface or a Unix socket (a path), where the connection never leaves the
/// machine.
fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.starts_with('/')
        || host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Connects, waiting while another process holds the file to create it or switch its journal
/// (SQLite answers "database is locked" to an opening connection then, busy timeout or not).
async fn connect_waiting(options: ConnectOptions, patience: Duration) -> Result<Db, DbErr> {
    let started = std::time::Instant::now();
    loop {
        match Database::connect(options.clone()).await {
            Err(e) if is_busy(&e) && started.elapsed() < patience => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => return other,
        }
    }
}

/// A connection that failed, said once and plainly.
fn unreachable_target(target: &Target, e: DbErr) -> DataError {
    let message = clean_message(&e);
    match target {
        Target::Sqlite { .. } if message.contains("file is not a database") => {
            DataError::Target("this file is not a SQLite database: give another file".to_owned())
        }
        Target::Sqlite { .. } => {
            DataError::Target(format!("the SQLite file cannot be opened: {message}"))
        }
        Target::Postgres { .. } => DataError::Target(format!(
            "the PostgreSQL server did not accept the connection: {message} (waited at most --connect-timeout)"
        )),
    }
}

/// The name of our first migration: a database whose migration table lacks it is another
/// application's.
const FIRST_MIGRATION: &str = "m20261129_000001_create_tables";

/// Refuses a database that holds tables of another application: the tool would otherwise add its
/// own tables to it.
async fn check_identity(db: &Db) -> Result<(), DataError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() ORDER BY table_name"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .map_err(|e| {
            let message = clean_message(&e);
            if message.contains("file is not a database") {
                DataError::Target(
                    "this file is not a SQLite database: give another file".to_owned(),
                )
            } else {
                DataError::from(e)
            }
        })?;
    let tables: Vec<String> = rows
        .iter()
        .filter_map(|r| r.try_get::<String>("", "name").ok())
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    let ours = if tables.iter().any(|t| t == "seaql_migrations") {
        let found = db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                match backend {
                    DbBackend::Postgres => {
                        "SELECT version FROM seaql_migrations WHERE version = $1"
                    }
                    _ => "SELECT version FROM seaql_migrations WHERE version = ?",
                },
                [FIRST_MIGRATION.into()],
            ))
            .await?;
        found.is_some()
    } else {
        false
    };
    if ours {
        return Ok(());
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    let more = if tables.len() > shown.len() {
        format!(" and {} more", tables.len() - shown.len())
    } else {
        String::new()
    };
    Err(DataError::Target(format!(
        "this database belongs to another application (it holds the tables {}{more} and not the tables of scoreboard): nothing was changed; give a new file or an empty database",
        shown.join(", ")
    )))
}

/// Begins a transaction that will write: on SQLite `BEGIN IMMEDIATE`, which waits (up to the
/// busy timeout) for another writer to finish instead of failing halfway through; on PostgreSQL
/// an ordinary transaction (row versions refuse a concurrent change).
pub async fn begin_write(db: &Db) -> Result<DatabaseTransaction, DataError> {
    let options = TransactionOptions {
        sqlite_transaction_mode: (!is_postgres(db)).then_some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    Ok(db.begin_with_options(options).await?)
}

/// What two commands must not do at the same time on a new database.
#[derive(Debug, Clone, Copy)]
pub enum Serialized {
    Migration = 7_245_021,
    Seeding = 7_245_022,
    /// Starting an administration's impact note from the web application, where two people
    /// may fill the same missing note at once: the second then finds the first's note and is
    /// told the note moved on, rather than failing on the unique index.
    ImpactNote = 7_245_023,
    /// Recording an administration's answers to a campaign from the web application: the same,
    /// for two forms answering the same questions at once.
    CampaignAnswers = 7_245_024,
}

/// Makes a second transaction doing the same wait for the first to commit, then see its rows: on
/// SQLite `BEGIN IMMEDIATE` already does it; on PostgreSQL a transaction-scoped advisory lock.
pub async fn serialize(txn: &DatabaseTransaction, what: Serialized) -> Result<(), DataError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({})", what as i64))
            .await?;
    }
    Ok(())
}

pub fn is_postgres(db: &Db) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

/// SQLite's "database is locked" (SQLITE_BUSY), which the busy timeout could not wait out.
pub(crate) fn is_busy(e: &DbErr) -> bool {
    let text = e.to_string();
    text.contains("database is locked") || text.contains("(code: 5)")
}

/// The driver's message without its repeated wrappers ("Execution Error: error returned from
/// database: (code: 1) ...") and without SQLite's source positions ("at line 768 of [...]").
pub fn clean_message(e: &DbErr) -> String {
    let mut text = e.to_string();
    loop {
        let before = text.len();
        for prefix in [
            "Execution Error: ",
            "Query Error: ",
            "Connection Error: ",
            "Failed to acquire connection from pool: ",
            "Custom Error: ",
            "Migration Error: ",
            "error returned from database: ",
            "error with configuration: ",
            "error communicating with database: ",
        ] {
            if let Some(rest) = text.strip_prefix(prefix) {
                text = rest.to_owned();
            }
        }
        if text.starts_with("(code: ")
            && let Some(end) = text.find(") ")
        {
            text = text[end + 2..].to_owned();
        }
        if text.len() == before {
            break;
        }
    }
    if let Some(at) = text.find(" at line ") {
        let tail = &text[at + 9..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            let mut end = at + 9 + digits;
            if text[end..].starts_with(" of [")
                && let Some(close) = text[end..].find(']')
            {
                end += close + 1;
            }
            text.replace_range(at..end, "");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_machine_itself_goes_without_tls() {
        for local in [
            "127.0.0.1",
            "127.8.0.1",
            "::1",
            "[::1]",
            "localhost",
            "/run/postgresql",
        ] {
            assert!(is_local_host(local), "{local}");
        }
        for remote in [
            "db.example.be",
            "10.0.0.5",
            "192.168.1.2",
            "::ffff:10.0.0.1",
            "local",
        ] {
            assert!(!is_local_host(remote), "{remote}");
        }
    }

    #[test]
    fn reads_what_the_user_gave() {
        assert_eq!(
            Target::parse("scoreboard.db").unwrap().url(),
            "sqlite://scoreboard.db?mode=rwc"
        );
        assert_eq!(
            Target::parse("sqlite://x.db?mode=ro").unwrap().url(),
            "sqlite://x.db?mode=ro"
        );
        assert!(matches!(
            Target::parse("postgresql://u@h/db").unwrap(),
            Target::Postgres { .. }
        ));
    }

    #[test]
    fn refuses_an_empty_url_and_unknown_schemes_naming_what_is_supported() {
        for given in ["", "  ", "mysql://x", "http://example.org/db", "sqlite://"] {
            let message = Target::parse(given).unwrap_err().to_string();
            assert!(message.contains("postgres://"), "{given}: {message}");
        }
    }

    #[test]
    fn cleans_the_driver_wrappers_and_source_positions() {
        let e = DbErr::Custom(
            "Execution Error: error returned from database: (code: 14) unable to open database file at line 768 of [abc123]"
                .to_owned(),
        );
        assert_eq!(clean_message(&e), "unable to open database file");
    }
}
