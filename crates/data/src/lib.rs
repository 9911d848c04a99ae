//! The database of `scoreboard`: SeaORM entities, the change history every write goes through,
//! and the queries that turn rows into domain types.
//!
//! SQLite by default, PostgreSQL when the URL says so; the schema is migrated on first use.

pub mod campaign;
pub mod code;
pub mod correlation;
pub mod db;
pub mod entity;
pub mod eurlex;
pub mod meeting;
pub mod notify;
pub mod proposals;
pub mod register;
pub mod repo;
pub mod seed;
pub mod store;
pub mod tables;
pub mod users;

pub use db::{ConnectSettings, Db, begin_write, connect, connect_with};
pub use sea_orm::{DatabaseTransaction, TransactionTrait};
pub use store::Actor;

impl From<sea_orm::DbErr> for DataError {
    fn from(e: sea_orm::DbErr) -> DataError {
        if let Some(unreadable) = code::unreadable(&e) {
            unreadable
        } else if db::is_busy(&e) {
            DataError::Busy {
                waited_s: db::busy_timeout_secs(),
            }
        } else {
            DataError::Db(e)
        }
    }
}

/// A version given with `--if-version` that the record has not reached is a mistake in the
/// command, not someone else's change.
fn conflict_message(what: &str, key: &str, read: i64, current: i64) -> String {
    if read > current {
        format!(
            "{what} {key} is at version {current}, not {read}: nothing was written; give the version it is at (shown by `show`)"
        )
    } else {
        format!(
            "{what} {key} was changed by someone else since it was read (version {read}, now {current}): nothing was written; read it again and retry"
        )
    }
}

impl DataError {
    /// The message in `lang`, with the words of the translation files (`error` and `noun` tables);
    /// the English text is the `Display`. A message that carries free text (a database's own
    /// answer, a URL's description) keeps that text as it is.
    pub fn localized(&self, lang: domain::Lang) -> String {
        use domain::words::fill;
        let noun = |what: &str| noun(lang, what);
        match self {
            DataError::Db(e) => fill(lang, "error.db", &[("message", &db::clean_message(e))]),
            DataError::Busy { waited_s } => {
                fill(lang, "error.busy", &[("seconds", &waited_s.to_string())])
            }
            DataError::Target(text) | DataError::Invalid(text) => text.clone(),
            DataError::Conflict {
                what,
                key,
                read,
                current,
            } => fill(
                lang,
                if read > current {
                    "error.conflict_ahead"
                } else {
                    "error.conflict_changed"
                },
                &[
                    ("what", &noun(what)),
                    ("key", key),
                    ("read", &read.to_string()),
                    ("current", &current.to_string()),
                ],
            ),
            DataError::NotFound { what, key } => fill(
                lang,
                "error.not_found",
                &[("what", &noun(what)), ("key", key)],
            ),
            DataError::Exists { what, key } => {
                fill(lang, "error.exists", &[("what", &noun(what)), ("key", key)])
            }
            DataError::Unreadable {
                what,
                key,
                found,
                expected,
            } => fill(
                lang,
                "error.unreadable",
                &[
                    ("what", &noun(what)),
                    ("key", key),
                    ("found", found),
                    ("expected", expected),
                ],
            ),
            DataError::UnreadableCode {
                column,
                found,
                expected,
            } => fill(
                lang,
                "error.unreadable_code",
                &[("column", column), ("found", found), ("expected", expected)],
            ),
        }
    }
}

/// The key of a noun a message names (`what` of [`DataError`]): `noun.` and the English words
/// joined by `_`, without the punctuation ("infringement case" -> `noun.infringement_case`).
pub fn noun_key(what: &str) -> String {
    let slug: String = what
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let slug = slug
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    format!("noun.{}", slug.to_ascii_lowercase())
}

/// A noun in `lang`; the English words if the translation files lack it (the words test lists
/// every noun the code names, so this is a bug caught before release).
fn noun(lang: domain::Lang, what: &str) -> String {
    let key = noun_key(what);
    domain::words::all(lang)
        .get(&key)
        .cloned()
        .unwrap_or_else(|| what.to_owned())
}

/// What can go wrong below the command line; a user's mistake is never a panic.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The database answered with an error; shown once, without the driver's repeated causes.
    #[error("database error: {}", db::clean_message(.0))]
    Db(sea_orm::DbErr),
    /// Another command held the database longer than the busy timeout (SQLite).
    #[error(
        "the database is busy with another command (waited {waited_s} s): nothing was written; try again when it has finished, or wait longer with --busy-timeout"
    )]
    Busy { waited_s: u64 },
    /// The database URL or file cannot be used; the message says what was found and what is
    /// supported.
    #[error("{0}")]
    Target(String),
    #[error("{}", conflict_message(what, key, *read, *current))]
    Conflict {
        what: &'static str,
        key: String,
        read: i64,
        current: i64,
    },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    #[error("{what} {key} already exists")]
    Exists { what: &'static str, key: String },
    #[error("{0}")]
    Invalid(String),
    /// A value in the database that the tool cannot read (written by hand, or by another tool):
    /// named, never replaced by a default.
    #[error(
        "the database holds {what} \"{found}\" for {key}, which the tool cannot read (expected {expected}); correct it in the database"
    )]
    Unreadable {
        what: &'static str,
        key: String,
        found: String,
        expected: &'static str,
    },
    /// A code column holding a value outside its enum: the column and the value say where.
    #[error(
        "the database holds \"{found}\" in {column}, which the tool cannot read (expected one of {expected}); correct the rows where {column} is \"{found}\""
    )]
    UnreadableCode {
        column: &'static str,
        found: String,
        expected: String,
    },
}
