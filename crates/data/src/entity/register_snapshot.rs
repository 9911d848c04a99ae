//! One import of a register export: its date, country filter and file.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::CountryFilter;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "register_snapshot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub taken_on: Date,
    /// The member state the export was read for, or `all`.
    pub country: CountryFilter,
    pub file_hash: String,
    pub import_run_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::import_run::Entity",
        from = "Column::ImportRunId",
        to = "super::import_run::Column::Id"
    )]
    ImportRun,
    #[sea_orm(has_many = "super::register_snapshot_case::Entity")]
    Case,
}

impl Related<super::import_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ImportRun.def()
    }
}

impl Related<super::register_snapshot_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
