//! The first schema: authorities, directives, measures, infringement cases and their decisions,
//! replies, EU Pilot cases, proposals, meetings, import runs and the change history.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every record a user can edit carries a `version` (optimistic locking: a write names the
/// version it read and is refused if another writer got there first) and its timestamps.
fn editable(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(pk_auto("id"))
        .col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .take()
}

fn fk(from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

fn unique(table: &'static str, name: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table).unique().if_not_exists();
    for col in cols {
        index.col(*col);
    }
    index.take()
}

fn index(table: &'static str, name: &'static str, col: &'static str) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .col(col)
        .if_not_exists()
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            editable("authority")
                .col(string_uniq("code"))
                .col(string("name_fr"))
                .col(string("name_nl"))
                .col(text_null("notes"))
                .take(),
            editable("correspondent")
                .col(integer("authority_id"))
                .col(string("name"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .col(string_null("role"))
                .foreign_key(&mut fk("correspondent", "authority_id", "authority"))
                .take(),
            editable("directive")
                .col(string_uniq("celex"))
                .col(text_null("title_fr"))
                .col(text_null("title_nl"))
                .col(text_null("title_en"))
                .col(date_null("adopted_on"))
                .col(boolean_null("in_force"))
                .col(string("competence"))
                .col(integer_null("lead_authority_id"))
                .col(string_null("planned_text"))
                .col(date_null("planned_on"))
                .col(boolean("planned_approximate").default(false))
                .col(boolean("at_risk").default(false))
                .col(text_null("risk_reason"))
                .col(text_null("notes"))
                .foreign_key(&mut fk("directive", "lead_authority_id", "authority"))
                .take(),
            Table::create()
                .table("directive_deadline")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("directive_id"))
                .col(date("deadline"))
                .col(string_null("provision"))
                .foreign_key(&mut fk("directive_deadline", "directive_id", "directive"))
                .take(),
            Table::create()
                .table("directive_authority")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("directive_id"))
                .col(integer("authority_id"))
                .foreign_key(&mut fk("directive_authority", "directive_id", "directive"))
                .foreign_key(&mut fk("directive_authority", "authority_id", "authority"))
                .take(),
            editable("measure")
                .col(integer("directive_id"))
                .col(string("kind"))
                .col(text_null("title_fr"))
                .col(text_null("title_nl"))
                .col(date_null("adopted_on"))
                .col(date_null("published_on"))
                .col(date_null("in_force_on"))
                .col(boolean("completes").default(false))
                .col(date_null("notified_on"))
                .col(string_null("celex"))
                .col(text_null("notes"))
                .foreign_key(&mut fk("measure", "directive_id", "directive"))
                .take(),
            editable("infringement_case")
                .col(string_uniq("number"))
                .col(string("country"))
                .col(string_null("case_type"))
                .col(text_null("title"))
                .col(string_null("department"))
                .col(boolean_null("brussels_concerned"))
                .col(integer_null("lead_authority_id"))
                .col(boolean("active").default(true))
                .col(date_null("first_seen_on"))
                .col(date_null("last_seen_on"))
                .col(text_null("notes"))
                .foreign_key(&mut fk(
                    "infringement_case",
                    "lead_authority_id",
                    "authority",
                ))
                .take(),
            Table::create()
                .table("case_directive")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("case_id"))
                .col(string("celex"))
                .foreign_key(&mut fk("case_directive", "case_id", "infringement_case"))
                .take(),
            editable("decision")
                .col(integer("case_id"))
                .col(date("decided_on"))
                .col(string("stage"))
                .col(text_null("label"))
                .col(boolean("press_release").default(false))
                .foreign_key(&mut fk("decision", "case_id", "infringement_case"))
                .take(),
            editable("reply")
                .col(integer("decision_id"))
                .col(date("deadline"))
                .col(date_null("sent_on"))
                .col(date_null("entered_on"))
                .col(text_null("notes"))
                .foreign_key(&mut fk("reply", "decision_id", "decision"))
                .take(),
            editable("eu_pilot")
                .col(string_uniq("number"))
                .col(text_null("subject"))
                .col(date_null("received_on"))
                .col(date_null("reply_deadline"))
                .col(date_null("reply_sent_on"))
                .col(text_null("outcome"))
                .col(integer_null("lead_authority_id"))
                .foreign_key(&mut fk("eu_pilot", "lead_authority_id", "authority"))
                .take(),
            editable("proposal")
                .col(string_uniq("com_number"))
                .col(text_null("title"))
                .col(integer_null("lead_authority_id"))
                .col(text_null("impact_note"))
                .foreign_key(&mut fk("proposal", "lead_authority_id", "authority"))
                .take(),
            editable("meeting")
                .col(string("kind"))
                .col(date("held_on"))
                .col(text_null("notes"))
                .take(),
            Table::create()
                .table("import_run")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string("source"))
                .col(text_null("file_name"))
                .col(string_null("file_hash"))
                .col(string("user_name"))
                .col(timestamp_with_time_zone("started_at"))
                .col(string("outcome"))
                .col(text("counts"))
                .col(text("diagnostics"))
                .take(),
            Table::create()
                .table("history")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("user_name"))
                .col(string("action"))
                .col(string("table_name"))
                .col(integer("record_id"))
                .col(string("record_key"))
                .col(string("field"))
                .col(text_null("old_value"))
                .col(text_null("new_value"))
                .col(integer_null("import_run_id"))
                .foreign_key(&mut fk("history", "import_run_id", "import_run"))
                .take(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        let indexes = [
            unique(
                "directive_deadline",
                "ux_directive_deadline",
                &["directive_id", "deadline"],
            ),
            unique(
                "directive_authority",
                "ux_directive_authority",
                &["directive_id", "authority_id"],
            ),
            unique("case_directive", "ux_case_directive", &["case_id", "celex"]),
            unique(
                "decision",
                "ux_decision_natural_key",
                &["case_id", "decided_on", "stage"],
            ),
            unique("reply", "ux_reply_decision", &["decision_id"]),
            index("measure", "ix_measure_directive", "directive_id"),
            index(
                "correspondent",
                "ix_correspondent_authority",
                "authority_id",
            ),
            index("history", "ix_history_record_key", "record_key"),
            Index::create()
                .name("ix_history_record")
                .table("history")
                .col("table_name")
                .col("record_id")
                .if_not_exists()
                .take(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "history",
            "import_run",
            "meeting",
            "proposal",
            "eu_pilot",
            "reply",
            "decision",
            "case_directive",
            "infringement_case",
            "measure",
            "directive_authority",
            "directive_deadline",
            "directive",
            "correspondent",
            "authority",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
