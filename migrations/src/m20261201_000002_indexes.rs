//! Indexes for every foreign key that no other index starts with, and for the columns the views
//! and imports look records up by: an import report reads the history of its run, `case` and
//! the tables look up an authority's directives and cases, a case is found by the directives it
//! concerns, the register's snapshots are read by case number.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, index name, column)
const INDEXES: [(&str, &str, &str); 12] = [
    ("directive", "ix_directive_lead", "lead_authority_id"),
    (
        "directive_authority",
        "ix_directive_authority_authority",
        "authority_id",
    ),
    ("infringement_case", "ix_case_lead", "lead_authority_id"),
    ("infringement_case", "ix_case_active", "active"),
    ("case_directive", "ix_case_directive_celex", "celex"),
    ("eu_pilot", "ix_eu_pilot_lead", "lead_authority_id"),
    ("proposal", "ix_proposal_lead", "lead_authority_id"),
    ("history", "ix_history_import_run", "import_run_id"),
    ("history", "ix_history_at", "at"),
    (
        "register_snapshot",
        "ix_register_snapshot_import_run",
        "import_run_id",
    ),
    (
        "register_snapshot_case",
        "ix_register_snapshot_case_number",
        "number",
    ),
    ("case_event", "ix_case_event_to_date", "to_date"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, col) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(col)
                        .if_not_exists()
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
