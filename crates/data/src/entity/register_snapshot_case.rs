//! A case listed (so active) in one register export.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "register_snapshot_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub snapshot_id: i32,
    pub number: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
