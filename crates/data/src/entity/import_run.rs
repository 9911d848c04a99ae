//! One run of an import: its source, the file and its hash, the counts and every diagnostic.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "import_run")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub file_name: Option<String>,
    pub file_hash: Option<String>,
    pub user_name: String,
    pub started_at: DateTimeUtc,
    /// `complete`, `partial` (rejected rows kept in `diagnostics`) or `dry-run`.
    pub outcome: String,
    /// JSON object of counts (new, changed, unchanged, rejected, ...).
    #[sea_orm(column_type = "Text")]
    pub counts: String,
    /// JSON array of the diagnostics the run produced, rejected rows included.
    #[sea_orm(column_type = "Text")]
    pub diagnostics: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
