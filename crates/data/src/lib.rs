//! The database of `scoreboard`: SeaORM entities, the change history every write goes through,
//! and the queries that turn rows into domain types.
//!
//! SQLite by default, PostgreSQL when the URL says so; the schema is migrated on first use.

pub mod db;
pub mod entity;
pub mod eurlex;
pub mod meeting;
pub mod register;
pub mod repo;
pub mod seed;
pub mod store;
pub mod tables;

pub use db::{Db, connect};
pub use sea_orm::{DatabaseTransaction, TransactionTrait};
pub use store::Actor;

/// What can go wrong below the command line; a user's mistake is never a panic.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error(
        "{what} {key} was changed by someone else since it was read (version {read}, now {current}): nothing was written; read it again and retry"
    )]
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
}
