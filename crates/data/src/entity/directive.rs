//! A directive the Region follows, with what Brussels does about it.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::Competence;

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
    pub competence: Competence,
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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::LeadAuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    LeadAuthority,
    #[sea_orm(has_many = "super::directive_deadline::Entity")]
    Deadline,
    #[sea_orm(has_many = "super::directive_authority::Entity")]
    DirectiveAuthority,
    #[sea_orm(has_many = "super::measure::Entity")]
    Measure,
    #[sea_orm(has_one = "super::directive_eurlex::Entity")]
    Eurlex,
    #[sea_orm(has_many = "super::national_measure::Entity")]
    NationalMeasure,
    #[sea_orm(has_many = "super::directive_provision::Entity")]
    Provision,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAuthority.def()
    }
}

impl Related<super::directive_deadline::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Deadline.def()
    }
}

impl Related<super::directive_authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DirectiveAuthority.def()
    }
}

impl Related<super::measure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Measure.def()
    }
}

impl Related<super::directive_eurlex::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Eurlex.def()
    }
}

impl Related<super::national_measure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::NationalMeasure.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
