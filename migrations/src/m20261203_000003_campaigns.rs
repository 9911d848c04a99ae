//! Contribution campaigns (`scoreboard campaign`): the campaign with its due date, its questions,
//! the administrations asked, and their answers (one per question and administration, edited
//! through `store`, so a changed answer keeps the old one in the history).

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

fn index(name: &str, table: &str, columns: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table.to_owned()).if_not_exists();
    for c in columns {
        index.col(*c);
    }
    if unique {
        index.unique();
    }
    index.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(string_uniq("name"))
                    .col(text("title_fr"))
                    .col(text("title_nl"))
                    .col(date("due"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_question")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("campaign_id"))
                    .col(integer("position"))
                    .col(string("key"))
                    .col(text("text_fr"))
                    .col(text("text_nl"))
                    .col(string("kind"))
                    .foreign_key(&mut fk("campaign_question", "campaign_id", "campaign"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "campaign_question_key",
                "campaign_question",
                &["campaign_id", "key"],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_authority")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("campaign_id"))
                    .col(integer("authority_id"))
                    .foreign_key(&mut fk("campaign_authority", "campaign_id", "campaign"))
                    .foreign_key(&mut fk("campaign_authority", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "campaign_authority_pair",
                "campaign_authority",
                &["campaign_id", "authority_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "campaign_authority_authority",
                "campaign_authority",
                &["authority_id"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("campaign_answer")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(integer("question_id"))
                    .col(integer("authority_id"))
                    .col(text("value"))
                    .col(text_null("comment"))
                    .col(date("answered_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        "campaign_answer",
                        "question_id",
                        "campaign_question",
                    ))
                    .foreign_key(&mut fk("campaign_answer", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "campaign_answer_pair",
                "campaign_answer",
                &["question_id", "authority_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "campaign_answer_authority",
                "campaign_answer",
                &["authority_id"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "campaign_answer",
            "campaign_authority",
            "campaign_question",
            "campaign",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
