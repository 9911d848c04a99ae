//! The scoreboard a meeting's pack showed, kept so the next pack can compare.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::Lang;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "meeting_pack")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub lang: Lang,
    pub as_of: Date,
    /// The pack's view (`report::scoreboard::ScoreboardView`) as JSON.
    #[sea_orm(column_type = "Text")]
    pub view: String,
    /// The shape `view` was written in ([`crate::meeting::PACK_FORMAT`] when written by this
    /// version; 1 for the packs stored before formats were numbered), so that a pack stored
    /// before the view changed is still read as what it is.
    pub view_format: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::meeting::Entity",
        from = "Column::MeetingId",
        to = "super::meeting::Column::Id"
    )]
    Meeting,
}

impl Related<super::meeting::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Meeting.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
