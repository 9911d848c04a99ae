//! The shape a meeting pack's view was stored in, so that a pack stored before the view changed
//! is still read as what it is. The packs stored before have the shape of format 1.

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
                    .table("meeting_pack")
                    .add_column(integer("view_format").default(1))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("meeting_pack")
                    .drop_column("view_format")
                    .take(),
            )
            .await
    }
}
