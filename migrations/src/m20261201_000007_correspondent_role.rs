//! `correspondent.role` as a code (`euro-coordinator`, `correspondent`, `deputy`) instead of
//! free text. No command writes the column: a value there was written by hand, in any language.
//!
//! A wording this migration knows becomes its code (compared in lower case with spaces and
//! punctuation squeezed). The table has no notes to keep another text in, so a role this
//! migration cannot read stops it, naming the correspondent and the value, and nothing changes:
//! correct it (or empty it), then open the database again. Undone, the codes stay: they are
//! text the previous version reads as any role.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The wordings read as a role, squeezed as [`squeeze`] does, frozen as they were when this
/// migration was written.
const WORDINGS: &[(&str, &str)] = &[
    ("euro coordinator", "euro-coordinator"),
    ("eurocoordinator", "euro-coordinator"),
    ("euro coordinateur", "euro-coordinator"),
    ("eurocoordinateur", "euro-coordinator"),
    ("euro coordinatrice", "euro-coordinator"),
    ("eurocoordinatrice", "euro-coordinator"),
    ("eurocoördinator", "euro-coordinator"),
    ("euro coördinator", "euro-coordinator"),
    ("correspondent", "correspondent"),
    ("european correspondent", "correspondent"),
    ("correspondant", "correspondent"),
    ("correspondante", "correspondent"),
    ("correspondant européen", "correspondent"),
    ("correspondant europeen", "correspondent"),
    ("correspondante européenne", "correspondent"),
    ("correspondante europeenne", "correspondent"),
    ("europese correspondent", "correspondent"),
    ("deputy", "deputy"),
    ("deputy correspondent", "deputy"),
    ("suppléant", "deputy"),
    ("suppleant", "deputy"),
    ("suppléante", "deputy"),
    ("suppleante", "deputy"),
    ("plaatsvervanger", "deputy"),
    ("plaatsvervangend correspondent", "deputy"),
];

/// Lower case, words only, one space between them.
fn squeeze(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code of a stored role, if this migration knows its wording.
fn code_of(role: &str) -> Option<&'static str> {
    let wording = squeeze(role);
    WORDINGS
        .iter()
        .find(|(w, _)| *w == wording)
        .map(|(_, code)| *code)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                manager.get_database_backend(),
                "SELECT id, role FROM correspondent WHERE role IS NOT NULL ORDER BY id",
            ))
            .await?;
        // Every row is read before any is written: one the migration cannot read changes nothing.
        let mut read: Vec<(String, &str)> = Vec::new();
        for row in &rows {
            let id: i32 = row.try_get("", "id")?;
            let role: String = row.try_get("", "role")?;
            let Some(code) = code_of(&role) else {
                return Err(DbErr::Migration(format!(
                    "correspondent {id} has the role \"{role}\", which is not a role the tool knows \
                     (expected euro-coordinator, correspondent or deputy, or their French or Dutch \
                     names): correct it or empty it, then open the database again"
                )));
            };
            if code != role && !read.iter().any(|(r, _)| *r == role) {
                read.push((role, code));
            }
        }
        for (role, code) in read {
            manager
                .exec_stmt(
                    Query::update()
                        .table("correspondent")
                        .value("role", code)
                        .and_where(Expr::col("role").eq(role))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_roles_people_wrote() {
        for (role, code) in [
            ("Euro-coordinateur", Some("euro-coordinator")),
            ("eurocoördinator", Some("euro-coordinator")),
            ("Correspondant européen", Some("correspondent")),
            ("Europese correspondent", Some("correspondent")),
            ("suppléante", Some("deputy")),
            ("Plaatsvervanger", Some("deputy")),
            ("deputy", Some("deputy")),
            ("euro-coordinator", Some("euro-coordinator")),
            ("chef de service", None),
            ("", None),
        ] {
            assert_eq!(code_of(role), code, "{role:?}");
        }
        for (wording, _) in WORDINGS {
            assert_eq!(squeeze(wording), *wording, "squeezed already");
        }
    }
}
