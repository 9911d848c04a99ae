//! One run of `scoreboard notify` that sent (or tried to send) its messages; a dry run leaves
//! none. The start of the last run is where the next one looks for new directives from.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "notify_run")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub as_of: Date,
    pub user_name: String,
    /// Items sent, failed, already sent before, and replaced by a later step.
    pub sent: i32,
    pub failed: i32,
    pub skipped: i32,
    pub superseded: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::outbox::Entity")]
    Outbox,
}

impl Related<super::outbox::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Outbox.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
