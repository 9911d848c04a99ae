//! An EU Pilot pre-litigation case.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "eu_pilot")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub number: String,
    #[sea_orm(column_type = "Text")]
    pub subject: Option<String>,
    pub received_on: Option<Date>,
    pub reply_deadline: Option<Date>,
    pub reply_sent_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub outcome: Option<String>,
    pub lead_authority_id: Option<i32>,
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
