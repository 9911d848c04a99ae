//! The scoreboard a meeting's pack showed, kept so the next pack can compare.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "meeting_pack")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub lang: String,
    pub as_of: Date,
    /// The pack's view (`report::scoreboard::ScoreboardView`) as JSON.
    #[sea_orm(column_type = "Text")]
    pub view: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
