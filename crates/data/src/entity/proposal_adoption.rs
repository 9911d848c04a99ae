//! The directive a proposal became: one each way.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "proposal_adoption")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub proposal_id: i32,
    #[sea_orm(unique)]
    pub directive_id: i32,
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
        belongs_to = "super::directive::Entity",
        from = "Column::DirectiveId",
        to = "super::directive::Column::Id",
        on_delete = "Restrict"
    )]
    Directive,
}

impl Related<super::proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposal.def()
    }
}

impl Related<super::directive::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Directive.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
