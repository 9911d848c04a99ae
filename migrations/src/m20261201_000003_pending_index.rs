//! The overview and the deadlines ask, of every directive, whether a completing measure was
//! notified by a date (`repo::pending_directives`): an index on the measure's directive, whether it
//! completes and its notification date answers that from the index alone, without reading each
//! measure's row. It starts with the directive, so it also serves the foreign key the index it
//! replaces served.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_measure_directive_notified")
                    .table("measure")
                    .col("directive_id")
                    .col("completes")
                    .col("notified_on")
                    .if_not_exists()
                    .take(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_measure_directive")
                    .table("measure")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_measure_directive")
                    .table("measure")
                    .col("directive_id")
                    .if_not_exists()
                    .take(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_measure_directive_notified")
                    .table("measure")
                    .to_owned(),
            )
            .await
    }
}
