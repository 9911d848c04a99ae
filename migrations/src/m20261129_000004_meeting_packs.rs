//! What a meeting's pack showed (the scoreboard view, as JSON), so the next pack can list what
//! changed since.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("meeting_pack")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("meeting_id"))
                    .col(string("lang"))
                    .col(date("as_of"))
                    .col(text("view"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from("meeting_pack", "meeting_id")
                            .to("meeting", "id")
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_meeting_pack_meeting")
                    .table("meeting_pack")
                    .col("meeting_id")
                    .if_not_exists()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("meeting_pack").if_exists().take())
            .await
    }
}
