//! A directive's provisions (its articles, their numbered paragraphs, its annexes, read from the
//! text on EUR-Lex) and the correlation table of the Region: for each provision, the regional
//! measure and provision(s) that transpose it, or why it does not apply to the Region, or that it
//! is still to do. Both are edited through `store`, so every change keeps its old value in the
//! history.

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
                    .table("directive_provision")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(integer("directive_id"))
                    .col(string("code"))
                    .col(integer("position"))
                    .col(text_null("heading"))
                    .col(text_null("excerpt"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("directive_provision", "directive_id", "directive"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "directive_provision_code",
                "directive_provision",
                &["directive_id", "code"],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("correlation")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(integer("provision_id"))
                    .col(integer_null("measure_id"))
                    .col(string("state"))
                    .col(text_null("regional_provisions"))
                    .col(text_null("reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        "correlation",
                        "provision_id",
                        "directive_provision",
                    ))
                    .foreign_key(&mut fk("correlation", "measure_id", "measure"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "correlation_provision",
                "correlation",
                &["provision_id", "measure_id"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "correlation_measure",
                "correlation",
                &["measure_id"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["correlation", "directive_provision"] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
