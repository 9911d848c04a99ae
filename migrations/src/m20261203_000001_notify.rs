//! The e-mail notifications (`scoreboard notify`): the people each administration wants told
//! (`contact`), every message item the tool has decided to send with its state (`outbox`, whose
//! `item_key` makes a message never go twice), and the runs (`notify_run`, whose start is where
//! the next run looks for new directives from).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("contact")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(integer("authority_id"))
                    .col(string("email"))
                    .col(string_null("name"))
                    .col(string("lang"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("contact", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("contact_authority_email")
                    .table("contact")
                    .col("authority_id")
                    .col("email")
                    .unique()
                    .if_not_exists()
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notify_run")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    .col(date("as_of"))
                    .col(string("user_name"))
                    .col(integer("sent"))
                    .col(integer("failed"))
                    .col(integer("skipped"))
                    .col(integer("superseded"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_uniq("item_key"))
                    .col(string("recipient"))
                    .col(string("lang"))
                    .col(string("subject"))
                    .col(string("record_key"))
                    .col(date_null("deadline"))
                    .col(string("step"))
                    .col(string_null("authority_code"))
                    .col(string("status"))
                    .col(integer("attempts"))
                    .col(text_null("last_error"))
                    .col(string_null("message_id"))
                    .col(date("as_of"))
                    .col(timestamp_with_time_zone("queued_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(integer("run_id"))
                    .foreign_key(&mut fk("outbox", "run_id", "notify_run"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outbox_status")
                    .table("outbox")
                    .col("status")
                    .if_not_exists()
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("outbox_run")
                    .table("outbox")
                    .col("run_id")
                    .if_not_exists()
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["outbox", "notify_run", "contact"] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
