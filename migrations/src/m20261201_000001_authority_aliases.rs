//! The other names an authority goes by (acronyms, English names, former names), one per line, so
//! that the tables people send resolve "IBGE" or "Leefmilieu Brussel - BIM" to Bruxelles Environnement.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("authority")
                    .add_column(text_null("aliases"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("authority")
                    .drop_column("aliases")
                    .take(),
            )
            .await
    }
}
