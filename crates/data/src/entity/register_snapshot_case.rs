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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::register_snapshot::Entity",
        from = "Column::SnapshotId",
        to = "super::register_snapshot::Column::Id"
    )]
    Snapshot,
}

impl Related<super::register_snapshot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Snapshot.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
