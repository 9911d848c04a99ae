//! An infringement procedure the Commission opened.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{CaseType, Country};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "infringement_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub number: String,
    pub country: Country,
    pub case_type: Option<CaseType>,
    #[sea_orm(column_type = "Text")]
    pub title: Option<String>,
    pub department: Option<String>,
    pub brussels_concerned: Option<bool>,
    pub lead_authority_id: Option<i32>,
    pub active: bool,
    pub first_seen_on: Option<Date>,
    pub last_seen_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
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
    #[sea_orm(has_many = "super::case_directive::Entity")]
    CaseDirective,
    #[sea_orm(has_many = "super::decision::Entity")]
    Decision,
    #[sea_orm(has_many = "super::case_event::Entity")]
    Event,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAuthority.def()
    }
}

impl Related<super::case_directive::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CaseDirective.def()
    }
}

impl Related<super::decision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Decision.def()
    }
}

impl Related<super::case_event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
