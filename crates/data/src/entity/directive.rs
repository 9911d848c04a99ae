//! A directive the Region follows, with what Brussels does about it.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "directive")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub celex: String,
    #[sea_orm(column_type = "Text")]
    pub title_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_nl: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_en: Option<String>,
    pub adopted_on: Option<Date>,
    pub in_force: Option<bool>,
    pub competence: String,
    pub lead_authority_id: Option<i32>,
    pub planned_text: Option<String>,
    pub planned_on: Option<Date>,
    pub planned_approximate: bool,
    pub at_risk: bool,
    #[sea_orm(column_type = "Text")]
    pub risk_reason: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
