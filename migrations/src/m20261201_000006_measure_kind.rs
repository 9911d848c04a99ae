//! `measure.kind` as a code (`ordinance`, `government-decree`, `table`...) instead of the text
//! `measure add --kind` stored as typed ("arrêté du Gouvernement", "Ordonnance") beside the
//! table importer's `table`.
//!
//! A wording this migration knows becomes its code: the names of the kinds in French, Dutch and
//! English, the codes themselves, and the abbreviations people write ("AGRBC", "BVR"), compared
//! in lower case with spaces and punctuation squeezed. Any other text becomes `other`, and is
//! kept whole on the last line of the measure's notes as `kind: <text>`, so nothing is lost. The
//! column's type does not change; only its values do.
//!
//! Undone, a code becomes its French name, and an `other` whose notes end with the line this
//! migration wrote gets that text back (the line removed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds' codes with their French names, frozen here as they were when this migration was
/// written: a migration converts the values as they were, whatever the code becomes.
const CODES: [(&str, &str); 8] = [
    ("ordinance", "ordonnance"),
    ("joint-ordinance", "ordonnance conjointe"),
    ("government-decree", "arrêté du Gouvernement"),
    ("ministerial-decree", "arrêté ministériel"),
    ("cooperation-agreement", "accord de coopération"),
    ("circular", "circulaire"),
    ("other", "autre acte"),
    ("table", "table"),
];

/// The wordings read as a kind, squeezed as [`squeeze`] does (so with and without accents where
/// people write both). Two-letter abbreviations ("AM", "MB": also the Moniteur belge) are left
/// out: such a kind becomes `other` with its text kept.
const WORDINGS: &[(&str, &str)] = &[
    ("ordinance", "ordinance"),
    ("ordonnance", "ordinance"),
    ("ordonnantie", "ordinance"),
    ("regional ordinance", "ordinance"),
    ("ordonnance régionale", "ordinance"),
    ("ordonnance regionale", "ordinance"),
    ("ordonnance bruxelloise", "ordinance"),
    ("gewestelijke ordonnantie", "ordinance"),
    ("brusselse ordonnantie", "ordinance"),
    ("joint ordinance", "joint-ordinance"),
    ("ordonnance conjointe", "joint-ordinance"),
    ("gezamenlijke ordonnantie", "joint-ordinance"),
    ("government decree", "government-decree"),
    ("arrêté du gouvernement", "government-decree"),
    ("arrete du gouvernement", "government-decree"),
    ("arrêté du gouvernement bruxellois", "government-decree"),
    ("arrete du gouvernement bruxellois", "government-decree"),
    (
        "arrêté du gouvernement de la région de bruxelles capitale",
        "government-decree",
    ),
    (
        "arrete du gouvernement de la region de bruxelles capitale",
        "government-decree",
    ),
    ("agrbc", "government-decree"),
    ("agbc", "government-decree"),
    ("besluit van de regering", "government-decree"),
    (
        "besluit van de brusselse hoofdstedelijke regering",
        "government-decree",
    ),
    ("regeringsbesluit", "government-decree"),
    ("bvr", "government-decree"),
    ("bbhr", "government-decree"),
    ("ministerial decree", "ministerial-decree"),
    ("arrêté ministériel", "ministerial-decree"),
    ("arrete ministeriel", "ministerial-decree"),
    ("ministerieel besluit", "ministerial-decree"),
    ("cooperation agreement", "cooperation-agreement"),
    ("accord de coopération", "cooperation-agreement"),
    ("accord de cooperation", "cooperation-agreement"),
    ("samenwerkingsakkoord", "cooperation-agreement"),
    ("circular", "circular"),
    ("circulaire", "circular"),
    ("omzendbrief", "circular"),
    ("other", "other"),
    ("other act", "other"),
    ("autre", "other"),
    ("autre acte", "other"),
    ("andere akte", "other"),
    ("table", "table"),
];

/// The start of the notes' line that keeps a kind this migration could not read.
const KEPT: &str = "kind: ";

/// Lower case, words only, one space between them: "Arrêté du Gouvernement" and
/// " arrêté  du gouvernement." are one wording.
fn squeeze(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code a stored kind stands for, if this migration knows its wording.
fn code_of(kind: &str) -> Option<&'static str> {
    let wording = squeeze(kind);
    WORDINGS
        .iter()
        .find(|(w, _)| *w == wording)
        .map(|(_, code)| *code)
}

/// The notes with the unreadable kind kept on their last line (nothing to keep for a blank one).
fn notes_keeping(notes: Option<&str>, kind: &str) -> Option<String> {
    if kind.trim().is_empty() {
        return notes.map(str::to_owned);
    }
    let line = format!("{KEPT}{kind}");
    Some(match notes {
        Some(n) if !n.trim().is_empty() => format!("{n}\n{line}"),
        _ => line,
    })
}

/// The kind a measure's notes kept and the notes without it, if their last line is one.
fn kept_kind(notes: &str) -> Option<(String, Option<String>)> {
    let (before, last) = match notes.rsplit_once('\n') {
        Some((before, last)) => (Some(before.to_owned()), last),
        None => (None, notes),
    };
    let kind = last.strip_prefix(KEPT)?;
    Some((kind.to_owned(), before))
}

fn set_kind(kind: &str, notes: Option<Option<String>>) -> UpdateStatement {
    let mut update = Query::update();
    update.table("measure").value("kind", kind);
    if let Some(notes) = notes {
        update.value("notes", notes);
    }
    update
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                manager.get_database_backend(),
                "SELECT id, kind, notes FROM measure ORDER BY id",
            ))
            .await?;
        // One update per distinct wording read, one per measure whose kind goes to its notes.
        let mut read: Vec<(String, &str)> = Vec::new();
        for row in &rows {
            let id: i32 = row.try_get("", "id")?;
            let kind: String = row.try_get("", "kind")?;
            let notes: Option<String> = row.try_get("", "notes")?;
            match code_of(&kind) {
                Some(code) if code == kind => {}
                Some(code) => {
                    if !read.iter().any(|(k, _)| *k == kind) {
                        read.push((kind, code));
                    }
                }
                None => {
                    let notes = notes_keeping(notes.as_deref(), &kind);
                    manager
                        .exec_stmt(
                            set_kind("other", Some(notes))
                                .and_where(Expr::col("id").eq(id))
                                .to_owned(),
                        )
                        .await?;
                }
            }
        }
        for (kind, code) in read {
            manager
                .exec_stmt(
                    set_kind(code, None)
                        .and_where(Expr::col("kind").eq(kind))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let rows = db
            .query_all_raw(Statement::from_string(
                manager.get_database_backend(),
                "SELECT id, notes FROM measure WHERE kind = 'other' AND notes IS NOT NULL ORDER BY id",
            ))
            .await?;
        for row in &rows {
            let id: i32 = row.try_get("", "id")?;
            let notes: String = row.try_get("", "notes")?;
            if let Some((kind, notes)) = kept_kind(&notes) {
                manager
                    .exec_stmt(
                        set_kind(&kind, Some(notes))
                            .and_where(Expr::col("id").eq(id))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        for (code, name) in CODES {
            manager
                .exec_stmt(
                    set_kind(name, None)
                        .and_where(Expr::col("kind").eq(code))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_wordings_people_wrote() {
        for (kind, code) in [
            ("ordonnance", Some("ordinance")),
            ("Ordonnance", Some("ordinance")),
            ("arrêté du Gouvernement", Some("government-decree")),
            (
                "Arrêté du Gouvernement de la Région de Bruxelles-Capitale",
                Some("government-decree"),
            ),
            ("ARRETE MINISTERIEL", Some("ministerial-decree")),
            ("AGRBC", Some("government-decree")),
            ("besluit van de Regering", Some("government-decree")),
            (" ordonnance conjointe.", Some("joint-ordinance")),
            ("table", Some("table")),
            ("joint-ordinance", Some("joint-ordinance")),
            ("décret", None),
            ("AM", None),
            ("ordonnance du 5 mai 2022", None),
            ("", None),
        ] {
            assert_eq!(code_of(kind), code, "{kind:?}");
        }
        for (code, name) in CODES {
            assert_eq!(code_of(code), Some(code), "{code}");
            if code != "table" {
                assert_eq!(code_of(name), Some(code), "{name}");
            }
        }
        for (wording, code) in WORDINGS {
            assert_eq!(squeeze(wording), *wording, "squeezed already");
            assert!(CODES.iter().any(|(c, _)| c == code), "{code}");
        }
    }

    #[test]
    fn the_notes_keep_the_kind_and_give_it_back() {
        assert_eq!(
            notes_keeping(None, "Décret"),
            Some("kind: Décret".to_owned())
        );
        assert_eq!(
            notes_keeping(Some("transposes art. 5"), "Décret"),
            Some("transposes art. 5\nkind: Décret".to_owned())
        );
        assert_eq!(notes_keeping(Some("x"), "  "), Some("x".to_owned()));
        assert_eq!(notes_keeping(None, ""), None);
        assert_eq!(kept_kind("kind: Décret"), Some(("Décret".to_owned(), None)));
        assert_eq!(
            kept_kind("transposes art. 5\nkind: Décret"),
            Some(("Décret".to_owned(), Some("transposes art. 5".to_owned())))
        );
        assert_eq!(kept_kind("kind: a\nsomething else"), None);
    }
}
