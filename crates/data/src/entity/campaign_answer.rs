//! An administration's answer to a question of a campaign, as stored: a text as written, `yes` or
//! `no`, a number with a point, an ISO date (`domain::campaign::QuestionKind::read`). A later
//! import overwrites it through `store::update`, so the history keeps the old value.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "campaign_answer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub question_id: i32,
    pub authority_id: i32,
    #[sea_orm(column_type = "Text")]
    pub value: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    /// The day (in Brussels) the answer was recorded or last changed.
    pub answered_on: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::campaign_question::Entity",
        from = "Column::QuestionId",
        to = "super::campaign_question::Column::Id",
        on_delete = "Restrict"
    )]
    Question,
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::AuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    Authority,
}

impl Related<super::campaign_question::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Question.def()
    }
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Authority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
