//! A Commission proposal of a directive the unit follows.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub com_number: String,
    #[sea_orm(column_type = "Text")]
    pub title: Option<String>,
    pub lead_authority_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub impact_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::LeadAuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    LeadAuthority,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAuthority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
