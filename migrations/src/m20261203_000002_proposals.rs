//! Proposals for directives followed before adoption (issue 17): their titles in three languages,
//! procedure number, competence, notes and risk on the proposal; the associated administrations,
//! the stages of the negotiation with their dates, the directive a proposal became
//! (`proposal_adoption`, unique both ways), and the administrations' ex-ante impact notes.
//!
//! The first schema had a `title` (in no stated language) and an `impact_note` on the proposal,
//! which no command wrote; a row that has them keeps them in `notes` (`impact note: ...`,
//! `title: ...` lines) before the columns are dropped. SQLite keeps the defaults of the two NOT
//! NULL columns added (`competence`, `at_risk`; every insert names them), PostgreSQL drops them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

fn index(
    name: &'static str,
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table).if_not_exists();
    for &c in columns {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    i.take()
}

fn add(column: ColumnDef) -> TableAlterStatement {
    let mut column = column;
    Table::alter()
        .table("proposal")
        .add_column(&mut column)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for column in [
            string_null("procedure"),
            text_null("title_fr"),
            text_null("title_nl"),
            text_null("title_en"),
            string("competence").default("to-be-determined").take(),
            text_null("notes"),
            boolean("at_risk").default(false).take(),
            text_null("risk_reason"),
        ] {
            manager.alter_table(add(column)).await?;
        }
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, title, impact_note FROM proposal ORDER BY id",
            ))
            .await?;
        for row in &rows {
            let id: i32 = row.try_get("", "id")?;
            let title: Option<String> = row.try_get("", "title")?;
            let note: Option<String> = row.try_get("", "impact_note")?;
            let kept: Vec<String> = [("impact note", note), ("title", title)]
                .into_iter()
                .filter_map(|(what, text)| text.map(|t| format!("{what}: {t}")))
                .collect();
            if !kept.is_empty() {
                manager
                    .exec_stmt(
                        Query::update()
                            .table("proposal")
                            .value("notes", kept.join("\n"))
                            .and_where(Expr::col("id").eq(id))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        for column in ["title", "impact_note"] {
            manager
                .alter_table(Table::alter().table("proposal").drop_column(column).take())
                .await?;
        }
        if backend == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE proposal ALTER COLUMN competence DROP DEFAULT, ALTER COLUMN at_risk DROP DEFAULT",
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("proposal_authority")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("proposal_id"))
                    .col(integer("authority_id"))
                    .foreign_key(&mut fk("proposal_authority", "proposal_id", "proposal"))
                    .foreign_key(&mut fk("proposal_authority", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "proposal_authority_pair",
                "proposal_authority",
                &["proposal_id", "authority_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "proposal_authority_authority",
                "proposal_authority",
                &["authority_id"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("proposal_stage")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("proposal_id"))
                    .col(string("stage"))
                    .col(date_null("reached_on"))
                    .foreign_key(&mut fk("proposal_stage", "proposal_id", "proposal"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "proposal_stage_once",
                "proposal_stage",
                &["proposal_id", "stage"],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("proposal_adoption")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_uniq("proposal_id"))
                    .col(integer_uniq("directive_id"))
                    .foreign_key(&mut fk("proposal_adoption", "proposal_id", "proposal"))
                    .foreign_key(&mut fk("proposal_adoption", "directive_id", "directive"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("impact_note")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version").default(1))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(integer("proposal_id"))
                    .col(integer("authority_id"))
                    .col(text_null("competences"))
                    .col(text_null("regional_rules"))
                    .col(text_null("effort"))
                    .col(text_null("budget"))
                    .col(text_null("burden"))
                    .col(text_null("stakeholders"))
                    .col(text_null("risks"))
                    .col(text_null("position"))
                    .col(text_null("summary"))
                    .foreign_key(&mut fk("impact_note", "proposal_id", "proposal"))
                    .foreign_key(&mut fk("impact_note", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "impact_note_pair",
                "impact_note",
                &["proposal_id", "authority_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "impact_note_authority",
                "impact_note",
                &["authority_id"],
                false,
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "impact_note",
            "proposal_adoption",
            "proposal_stage",
            "proposal_authority",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("proposal")
                    .add_column(text_null("title"))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("proposal")
                    .add_column(text_null("impact_note"))
                    .take(),
            )
            .await?;
        for column in [
            "procedure",
            "title_fr",
            "title_nl",
            "title_en",
            "competence",
            "notes",
            "at_risk",
            "risk_reason",
        ] {
            manager
                .alter_table(Table::alter().table("proposal").drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
