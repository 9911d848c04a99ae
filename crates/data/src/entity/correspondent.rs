//! A European correspondent: a person in an authority.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::CorrespondentRole;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "correspondent")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub authority_id: i32,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Option<CorrespondentRole>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::AuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    Authority,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Authority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
