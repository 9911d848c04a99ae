//! A fact about a case inferred from comparing register exports: no longer listed between two
//! export dates (closed or withdrawn in between), or listed again (reopened).

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::EventKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "case_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: EventKind,
    pub from_date: Date,
    pub to_date: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::infringement_case::Entity",
        from = "Column::CaseId",
        to = "super::infringement_case::Column::Id"
    )]
    Case,
}

impl Related<super::infringement_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
