//! A Commission proposal of a directive the unit follows before it is adopted.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::Competence;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "proposal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// `COM(2021) 557`, as `domain::ComNumber` writes it.
    #[sea_orm(unique)]
    pub com_number: String,
    pub lead_authority_id: Option<i32>,
    /// `2021/0218(COD)`, as `domain::ProcedureNumber` writes it.
    pub procedure: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_nl: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_en: Option<String>,
    pub competence: Competence,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub at_risk: bool,
    #[sea_orm(column_type = "Text")]
    pub risk_reason: Option<String>,
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
    #[sea_orm(has_many = "super::proposal_authority::Entity")]
    Associated,
    #[sea_orm(has_many = "super::proposal_stage::Entity")]
    Stage,
    #[sea_orm(has_one = "super::proposal_adoption::Entity")]
    Adoption,
    #[sea_orm(has_many = "super::impact_note::Entity")]
    ImpactNote,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAuthority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
