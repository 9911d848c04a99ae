//! One import of a register export: its date, country filter and file.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "register_snapshot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub taken_on: Date,
    pub country: String,
    pub file_hash: String,
    pub import_run_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
