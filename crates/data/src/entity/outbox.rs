//! One item of an e-mail digest (`scoreboard notify`): who is told what about which record, at
//! which step, and whether it went. `item_key` (recipient, subject, record, deadline, step) is
//! unique: an item sent is never sent again, a changed deadline or a later step is a new item.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{Lang, OutboxStatus, OutboxSubject};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub item_key: String,
    /// The e-mail address, in lower case.
    pub recipient: String,
    pub lang: Lang,
    pub subject: OutboxSubject,
    /// The CELEX, or the case or EU Pilot number.
    pub record_key: String,
    pub deadline: Option<Date>,
    /// `domain::reminder_step`'s code, or `lead`, `associated`, `unit` for a new directive.
    pub step: String,
    /// The administration the recipient is told as; `None` for the unit's own address.
    pub authority_code: Option<String>,
    pub status: OutboxStatus,
    pub attempts: i32,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    /// The Message-ID of the mail that carried the item.
    pub message_id: Option<String>,
    /// The date the item was due at (`notify --as-of`) when it was last tried.
    pub as_of: Date,
    pub queued_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// The run that last tried it.
    pub run_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::notify_run::Entity",
        from = "Column::RunId",
        to = "super::notify_run::Column::Id",
        on_delete = "Restrict"
    )]
    Run,
}

impl Related<super::notify_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Run.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
