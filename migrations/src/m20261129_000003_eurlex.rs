//! What EUR-Lex / CELLAR say about a directive beyond the fields the unit keeps (entry into force,
//! ELI), and the national implementing measures the Commission lists for it (sector-7 CELEX).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, col)
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
                    .table("directive_eurlex")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_uniq("directive_id"))
                    .col(date_null("entry_into_force_on"))
                    .col(string_null("eli"))
                    .foreign_key(&mut fk("directive_eurlex", "directive_id", "directive"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("national_measure")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("directive_id"))
                    // 72019L1024BEL_202200123: the natural key, one row per measure
                    .col(string_uniq("celex"))
                    // three letters: BEL
                    .col(string("country"))
                    .col(text_null("title"))
                    .col(date_null("dated_on"))
                    .col(string_null("kind"))
                    .foreign_key(&mut fk("national_measure", "directive_id", "directive"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_national_measure_directive")
                    .table("national_measure")
                    .col("directive_id")
                    .if_not_exists()
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["national_measure", "directive_eurlex"] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
