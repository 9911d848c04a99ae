//! An administration's ex-ante impact note on a proposal (`domain::ImpactField` names its fields).

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "impact_note")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub proposal_id: i32,
    pub authority_id: i32,
    #[sea_orm(column_type = "Text")]
    pub competences: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub regional_rules: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub effort: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub budget: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub burden: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub stakeholders: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub risks: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub position: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub summary: Option<String>,
}

impl Model {
    /// The text of a field.
    pub fn field(&self, field: domain::ImpactField) -> Option<&str> {
        use domain::ImpactField as F;
        match field {
            F::Competences => self.competences.as_deref(),
            F::RegionalRules => self.regional_rules.as_deref(),
            F::Effort => self.effort.as_deref(),
            F::Budget => self.budget.as_deref(),
            F::Burden => self.burden.as_deref(),
            F::Stakeholders => self.stakeholders.as_deref(),
            F::Risks => self.risks.as_deref(),
            F::Position => self.position.as_deref(),
            F::Summary => self.summary.as_deref(),
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::proposal::Entity",
        from = "Column::ProposalId",
        to = "super::proposal::Column::Id",
        on_delete = "Restrict"
    )]
    Proposal,
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::AuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    Authority,
}

impl Related<super::proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposal.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
