//! A question of a campaign, with its stable key, its text in French and Dutch and the kind of
//! answer it takes.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::QuestionKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "campaign_question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    /// The order of the questions file.
    pub position: i32,
    pub key: String,
    #[sea_orm(column_type = "Text")]
    pub text_fr: String,
    #[sea_orm(column_type = "Text")]
    pub text_nl: String,
    pub kind: QuestionKind,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::campaign::Entity",
        from = "Column::CampaignId",
        to = "super::campaign::Column::Id",
        on_delete = "Restrict"
    )]
    Campaign,
    #[sea_orm(has_many = "super::campaign_answer::Entity")]
    Answer,
}

impl Related<super::campaign::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Campaign.def()
    }
}

impl Related<super::campaign_answer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Answer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
