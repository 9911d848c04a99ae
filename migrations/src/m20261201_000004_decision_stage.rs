//! A decision's stage in three typed columns instead of one packed code: `step` (`lfn`, `ro-add`,
//! `closure`...), `legal_basis` (`258`, `258+260.3`, `260.2`, or none) and `nth` (2 for the 2nd
//! additional letter, else 1). `lfn-add2/258+260.3` becomes (`lfn-add`, `258+260.3`, 2).
//!
//! Every row is converted, or none: a stored code this migration cannot read stops it with the
//! decision and the value named, and nothing changes. The natural key (case, date, stage) stays
//! unique: an index on the three columns, the missing legal basis counted as one value.
//!
//! SQLite adds a NOT NULL column only with a default and cannot drop it afterwards: there `step`
//! keeps the default `''` (never written: every insert names its step, and `''` reads back as an
//! error naming the column); PostgreSQL drops it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The step codes of `Stage::code` when this migration was written, frozen here: a migration
/// converts the format as it was, whatever the code becomes.
const STEPS: [&str; 8] = [
    "lfn",
    "lfn-add",
    "ro",
    "ro-add",
    "referral",
    "sanction",
    "withdrawal",
    "closure",
];
const BASES: [&str; 3] = ["258", "258+260.3", "260.2"];

/// (step, legal basis, nth) of a packed stage code, read as `Stage::from_code` read it (spaces
/// around the code and the basis ignored).
fn split(code: &str) -> Option<(&'static str, Option<&'static str>, i32)> {
    let code = code.trim();
    let (step_part, basis) = match code.split_once('/') {
        Some((step, basis)) => (step, Some(*BASES.iter().find(|b| **b == basis.trim())?)),
        None => (code, None),
    };
    let name = step_part.trim_end_matches(|c: char| c.is_ascii_digit());
    let nth = match &step_part[name.len()..] {
        "" => 1,
        digits => digits.parse::<u8>().ok().filter(|n| *n >= 2)?.into(),
    };
    let step = STEPS.iter().find(|s| **s == name)?;
    Some((*step, basis, nth))
}

const NATURAL_KEY: &str = "ux_decision_natural_key";

fn add(column: &mut ColumnDef) -> TableAlterStatement {
    Table::alter().table("decision").add_column(column).take()
}

fn drop(column: &'static str) -> TableAlterStatement {
    Table::alter().table("decision").drop_column(column).take()
}

fn drop_natural_key() -> IndexDropStatement {
    Index::drop().name(NATURAL_KEY).table("decision").to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        manager.alter_table(add(string("step").default(""))).await?;
        manager
            .alter_table(add(&mut string_null("legal_basis")))
            .await?;
        manager.alter_table(add(integer("nth").default(1))).await?;

        // One update per distinct code (a few dozen), after every code was read.
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, stage FROM decision ORDER BY id",
            ))
            .await?;
        let mut codes: Vec<String> = Vec::new();
        for row in &rows {
            let id: i32 = row.try_get("", "id")?;
            let code: String = row.try_get("", "stage")?;
            if split(&code).is_none() {
                return Err(DbErr::Migration(format!(
                    "decision {id} has the stage \"{code}\", which is not a stage code (expected a step \
                     among {} with an optional number and /{}): correct it, then open the database again",
                    STEPS.join(", "),
                    BASES.join(" or /"),
                )));
            }
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        for code in &codes {
            let (step, basis, nth) = split(code).expect("checked above");
            manager
                .exec_stmt(
                    Query::update()
                        .table("decision")
                        .value("step", step)
                        .value("legal_basis", basis)
                        .value("nth", nth)
                        .and_where(Expr::col("stage").eq(code.as_str()))
                        .to_owned(),
                )
                .await?;
        }
        if backend == DbBackend::Postgres {
            db.execute_unprepared("ALTER TABLE decision ALTER COLUMN step DROP DEFAULT")
                .await?;
        }
        manager.drop_index(drop_natural_key()).await?;
        manager.alter_table(drop("stage")).await?;
        db.execute_unprepared(&format!(
            "CREATE UNIQUE INDEX {NATURAL_KEY} ON decision \
             (case_id, decided_on, step, COALESCE(legal_basis, ''), nth)"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .alter_table(add(string("stage").default("")))
            .await?;
        db.execute_unprepared(
            "UPDATE decision SET stage = step \
             || CASE WHEN nth > 1 THEN CAST(nth AS TEXT) ELSE '' END \
             || CASE WHEN legal_basis IS NULL THEN '' ELSE '/' || legal_basis END",
        )
        .await?;
        manager.drop_index(drop_natural_key()).await?;
        for column in ["step", "legal_basis", "nth"] {
            manager.alter_table(drop(column)).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(NATURAL_KEY)
                    .table("decision")
                    .unique()
                    .col("case_id")
                    .col("decided_on")
                    .col("stage")
                    .to_owned(),
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn splits_every_form_of_the_packed_code() {
        assert_eq!(split("lfn/258"), Some(("lfn", Some("258"), 1)));
        assert_eq!(
            split("lfn-add2/258+260.3"),
            Some(("lfn-add", Some("258+260.3"), 2))
        );
        assert_eq!(split("ro-add/258"), Some(("ro-add", Some("258"), 1)));
        assert_eq!(
            split("sanction/260.2"),
            Some(("sanction", Some("260.2"), 1))
        );
        assert_eq!(split("closure"), Some(("closure", None, 1)));
        assert_eq!(split("withdrawal"), Some(("withdrawal", None, 1)));
        assert_eq!(split(" ro/ 258 "), Some(("ro", Some("258"), 1)));
        for bad in [
            "",
            "lfn/",
            "lfn/259",
            "lfn-add1/258",
            "letter",
            "LFN/258",
            "lfn /258",
        ] {
            assert_eq!(split(bad), None, "{bad:?}");
        }
    }
}
