//! The change history: one row per field written, with who, when, the old and the new value.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{HistoryAction, HistoryTable};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub user_name: String,
    pub action: HistoryAction,
    pub table_name: HistoryTable,
    pub record_id: i32,
    /// The record's natural key as people know it (CELEX, infringement number, authority code).
    pub record_key: String,
    pub field: String,
    #[sea_orm(column_type = "Text")]
    pub old_value: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub new_value: Option<String>,
    pub import_run_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::import_run::Entity",
        from = "Column::ImportRunId",
        to = "super::import_run::Column::Id",
        on_delete = "Restrict"
    )]
    ImportRun,
}

impl Related<super::import_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ImportRun.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
