//! What each import of the Commission's register saw: the export's date, the country filter and
//! the cases it listed (each export lists active cases only), and the case events inferred from
//! comparing exports ("no longer active between D1 and D2", "active again").

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
                    .table("register_snapshot")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(date("taken_on"))
                    // "Belgium", ... or "all"
                    .col(string("country"))
                    .col(string("file_hash"))
                    .col(integer_null("import_run_id"))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from("register_snapshot", "import_run_id")
                            .to("import_run", "id")
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("register_snapshot_case")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("snapshot_id"))
                    .col(string("number"))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from("register_snapshot_case", "snapshot_id")
                            .to("register_snapshot", "id")
                            .take(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("case_event")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    // "inactive" (missing from a later export) or "reopened" (back in a later one)
                    .col(string("kind"))
                    .col(date("from_date"))
                    .col(date("to_date"))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from("case_event", "case_id")
                            .to("infringement_case", "id")
                            .take(),
                    )
                    .take(),
            )
            .await?;
        for (table, name, cols) in [
            (
                "register_snapshot",
                "ux_register_snapshot",
                &["taken_on", "country", "file_hash"][..],
            ),
            (
                "register_snapshot_case",
                "ux_register_snapshot_case",
                &["snapshot_id", "number"][..],
            ),
            (
                "case_event",
                "ux_case_event",
                &["case_id", "kind", "from_date", "to_date"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(table).unique().if_not_exists();
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["case_event", "register_snapshot_case", "register_snapshot"] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
