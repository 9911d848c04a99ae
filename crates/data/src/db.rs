//! Opening the database: SQLite file (created on first use) or PostgreSQL, migrated to the
//! latest schema before anything else runs.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

use crate::DataError;

pub type Db = DatabaseConnection;

/// Turns what the user gave (`postgres://...`, `sqlite://...` or a plain file path) into a URL.
pub fn url_for(database: &str) -> String {
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        database.to_owned()
    } else if database.starts_with("sqlite:") {
        if database.contains('?') {
            database.to_owned()
        } else {
            format!("{database}?mode=rwc")
        }
    } else {
        format!("sqlite://{database}?mode=rwc")
    }
}

/// Connects and applies every pending migration; never drops anything.
pub async fn connect(database: &str) -> Result<Db, DataError> {
    let mut options = ConnectOptions::new(url_for(database));
    options.sqlx_logging(false);
    if !database.starts_with("postgres") {
        // One writer at a time is what SQLite does anyway; one connection avoids "database is locked".
        options.max_connections(1);
    }
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

pub fn is_postgres(db: &Db) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}
