//! One run of an import: its source, the file and its hash, the counts and every diagnostic.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{ImportOutcome, ImportSource};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "import_run")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub source: ImportSource,
    #[sea_orm(column_type = "Text")]
    pub file_name: Option<String>,
    pub file_hash: Option<String>,
    pub user_name: String,
    pub started_at: DateTimeUtc,
    pub outcome: ImportOutcome,
    /// JSON object of counts (new, changed, unchanged, rejected, ...).
    #[sea_orm(column_type = "Text")]
    pub counts: String,
    /// JSON array of the diagnostics the run produced, rejected rows included.
    #[sea_orm(column_type = "Text")]
    pub diagnostics: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::history::Entity")]
    History,
    #[sea_orm(has_many = "super::register_snapshot::Entity")]
    Snapshot,
}

impl Related<super::history::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::History.def()
    }
}

impl Related<super::register_snapshot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Snapshot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
