//! The entities against the migrated schema, and the migrations that change stored values: the
//! split of `decision.stage` into typed columns, the format of the meeting packs, a measure's
//! kind and a correspondent's role as codes, tried on databases holding rows written before
//! them. On SQLite always, on PostgreSQL when configured.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc};
use data::entity::*;
use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait, Schema, Statement,
};
use tests::{Backend, backends, on_each_backend, scoreboard};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A connection without the tool's checks and migrations, to build databases by hand.
async fn raw(b: &Backend) -> DatabaseConnection {
    let url = if b.url.starts_with("postgres") {
        b.url.clone()
    } else {
        format!("sqlite://{}?mode=rwc", b.url)
    };
    Database::connect(url).await.expect("connect")
}

async fn lines(db: &DatabaseConnection, sql: &str) -> BTreeSet<String> {
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|r| r.try_get::<String>("", "line").expect("a line"))
        .collect()
}

/// Every column (`table.column type NULL|NOT NULL`) and every foreign key (`table.column ->
/// table.column on delete ACTION`) of the database's own tables, as the backend reports them.
async fn schema_of(db: &DatabaseConnection) -> BTreeSet<String> {
    let (columns, keys) = match db.get_database_backend() {
        DbBackend::Postgres => (
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || \
             CASE WHEN is_nullable = 'YES' THEN 'NULL' ELSE 'NOT NULL' END AS line \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name <> 'seaql_migrations'",
            "SELECT t.relname || '.' || a.attname || ' -> ' || rt.relname || '.' || ra.attname \
             || ' on delete ' || CASE c.confdeltype WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' \
             WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END AS line \
             FROM pg_constraint c \
             JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             JOIN pg_class rt ON rt.oid = c.confrelid \
             JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] \
             WHERE c.contype = 'f' AND n.nspname = current_schema()",
        ),
        _ => (
            "SELECT m.name || '.' || p.name || ' ' || lower(p.type) || ' ' || \
             CASE WHEN p.\"notnull\" = 1 OR p.pk = 1 THEN 'NOT NULL' ELSE 'NULL' END AS line \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'seaql_migrations'",
            "SELECT m.name || '.' || f.\"from\" || ' -> ' || f.\"table\" || '.' || f.\"to\" \
             || ' on delete ' || f.on_delete AS line \
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        ),
    };
    let mut all = lines(db, columns).await;
    all.extend(lines(db, keys).await);
    all
}

/// Creates every entity's table as SeaORM derives it (columns, types, nullability, and the
/// foreign keys of its `belongs_to` relations), parents first.
async fn create_from_entities(db: &DatabaseConnection) {
    let schema = Schema::new(db.get_database_backend());
    macro_rules! create {
        ($($module:ident),* $(,)?) => {$(
            db.execute(&schema.create_table_from_entity($module::Entity))
                .await
                .unwrap_or_else(|e| panic!("create {}: {e}", stringify!($module)));
        )*};
    }
    create!(
        authority,
        correspondent,
        directive,
        directive_deadline,
        directive_authority,
        directive_eurlex,
        national_measure,
        measure,
        infringement_case,
        case_directive,
        case_event,
        decision,
        reply,
        eu_pilot,
        proposal,
        meeting,
        meeting_pack,
        import_run,
        history,
        register_snapshot,
        register_snapshot_case,
        app_user,
        app_user_authority,
        api_token,
        web_session,
        sign_in_attempt,
        calendar_feed,
        contact,
        notify_run,
        outbox,
        proposal_authority,
        proposal_stage,
        proposal_adoption,
        impact_note,
        campaign,
        campaign_question,
        campaign_authority,
        campaign_answer,
        directive_provision,
        correlation,
    );
}

/// What differs between the migrated schema and the entities' (`-` only migrated, `+` only
/// entities).
fn differences(migrated: &BTreeSet<String>, entities: &BTreeSet<String>) -> Vec<String> {
    migrated
        .difference(entities)
        .map(|l| format!("- {l}"))
        .chain(entities.difference(migrated).map(|l| format!("+ {l}")))
        .collect()
}

/// The migrated database and one built from the entities have the same tables, columns, types,
/// nullability and foreign keys: an entity that disagrees with the migrations fails here. Then a
/// column added to the migrated side is seen, so the comparison is not vacuous.
#[test]
fn the_entities_match_the_migrated_schema() {
    let migrated = backends();
    let from_entities = backends();
    for (m, e) in migrated.into_iter().zip(from_entities) {
        eprintln!("-- on {}", m.name);
        rt().block_on(async {
            let migrated_db = m.connect().await;
            let entity_db = raw(&e).await;
            create_from_entities(&entity_db).await;
            let (a, b) = (schema_of(&migrated_db).await, schema_of(&entity_db).await);
            assert!(
                a.iter().any(|l| l.starts_with("decision.legal_basis ")),
                "the schema was read: {a:?}"
            );
            assert!(
                a.iter().filter(|l| l.contains(" -> ")).count() >= 19,
                "the foreign keys were read: {a:?}"
            );
            let diff = differences(&a, &b);
            assert!(
                diff.is_empty(),
                "{}: the entities and the migrations disagree:\n{}",
                m.name,
                diff.join("\n")
            );

            migrated_db
                .execute_unprepared("ALTER TABLE meeting ADD COLUMN room TEXT")
                .await
                .expect("add a column");
            let diff = differences(&schema_of(&migrated_db).await, &b);
            assert_eq!(diff.len(), 1, "{diff:?}");
            assert!(diff[0].starts_with("- meeting.room "), "{diff:?}");
        });
        m.finish();
        e.finish();
    }
}

/// How many migrations come before the stage split and the pack format (counted, so that a
/// migration merged in before them keeps this right).
fn before_split() -> u32 {
    let position = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261201_000004_decision_stage")
        .expect("the stage split is a migration");
    u32::try_from(position).expect("a few migrations")
}

/// How many migrations come before the one named (counted, as [`before_split`] is).
fn before(name: &str) -> u32 {
    let position = Migrator::migrations()
        .iter()
        .position(|m| m.name() == name)
        .unwrap_or_else(|| panic!("{name} is a migration"));
    u32::try_from(position).expect("a few migrations")
}

/// How many migrations come after the first `done`: what undoing them back to it takes.
fn after(done: u32) -> u32 {
    u32::try_from(Migrator::migrations().len()).expect("a few migrations") - done
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 12, 9, 30, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A database migrated as the previous version left it, with a case whose decisions cover every
/// form of the packed stage code; returns the codes by decision id.
async fn old_database_with_decisions(b: &Backend, codes: &[&str]) -> Vec<(i32, String)> {
    let db = raw(b).await;
    Migrator::up(&db, Some(before_split()))
        .await
        .expect("the old migrations");
    db.execute(
        &Query::insert()
            .into_table("infringement_case")
            .columns([
                "version",
                "created_at",
                "updated_at",
                "number",
                "country",
                "case_type",
                "active",
            ])
            .values_panic([
                1.into(),
                at().into(),
                at().into(),
                "INFR(2020)0385".into(),
                "Belgium".into(),
                "non-communication".into(),
                true.into(),
            ])
            .to_owned(),
    )
    .await
    .expect("a case");
    let mut out = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        db.execute(
            &Query::insert()
                .into_table("decision")
                .columns([
                    "version",
                    "created_at",
                    "updated_at",
                    "case_id",
                    "decided_on",
                    "stage",
                    "label",
                    "press_release",
                ])
                .values_panic([
                    1.into(),
                    at().into(),
                    at().into(),
                    1.into(),
                    day(2020, 1 + i as u32 % 12, 1 + i as u32 / 12).into(),
                    (*code).into(),
                    format!("label {i}").into(),
                    false.into(),
                ])
                .to_owned(),
        )
        .await
        .expect("a decision");
        out.push((i as i32 + 1, (*code).to_owned()));
    }
    // A reply to the first decision: the split must keep what points at a decision.
    db.execute(
        &Query::insert()
            .into_table("reply")
            .columns([
                "version",
                "created_at",
                "updated_at",
                "decision_id",
                "deadline",
            ])
            .values_panic([
                1.into(),
                at().into(),
                at().into(),
                1.into(),
                day(2020, 3, 1).into(),
            ])
            .to_owned(),
    )
    .await
    .expect("a reply");
    db.close().await.expect("close");
    out
}

/// Every form of the packed code: bases, none, additional letters and their ordinals.
const OLD_CODES: [&str; 12] = [
    "lfn/258",
    "lfn/258+260.3",
    "lfn-add/258",
    "lfn-add2/258",
    "lfn-add3/258+260.3",
    "ro/258",
    "ro-add2/258",
    "referral/258+260.3",
    "lfn/260.2",
    "sanction/260.2",
    "withdrawal",
    "closure",
];

/// Rows written in the packed form read back, after the migration, as the stages they were; the
/// migration undone gives the same codes back; the natural key stays unique, a missing legal basis
/// included.
#[test]
fn the_stage_split_converts_old_rows_losslessly() {
    on_each_backend(|b| {
        rt().block_on(async {
            let old = old_database_with_decisions(b, &OLD_CODES).await;
            let db = b.connect().await;
            let case = data::repo::case_view(&db, "INFR(2020)0385")
                .await
                .expect("the case reads");
            let mut read: Vec<String> = case.decisions.iter().map(|d| d.stage.code()).collect();
            read.sort();
            let mut expected: Vec<String> = OLD_CODES.iter().map(|c| c.to_string()).collect();
            expected.sort();
            assert_eq!(read, expected);
            assert_eq!(
                case.case_type,
                Some(domain::CaseType::NonCommunication),
                "a code column typed without a migration reads as before"
            );
            let rows = decision::Entity::find().all(&db).await.unwrap();
            for (id, code) in &old {
                let row = rows.iter().find(|r| r.id == *id).expect("kept its id");
                assert_eq!(&row.stage().unwrap().code(), code, "decision {id}");
                assert_eq!(row.label.as_deref(), Some(&*format!("label {}", id - 1)));
            }
            let third = rows.iter().find(|r| r.id == 5).unwrap();
            assert_eq!(
                (third.step, third.legal_basis, third.nth),
                (
                    data::code::Step::AdditionalFormalNotice,
                    Some(data::code::LegalBasis::Art258And260_3),
                    3
                )
            );
            assert_eq!(
                case.decisions
                    .iter()
                    .find(|d| d.stage.code() == "lfn/258")
                    .and_then(|d| d.reply_deadline),
                Some(day(2020, 3, 1)),
                "the reply still points at its decision"
            );

            // The natural key: the same closure on the same day is refused.
            let closure = rows.iter().find(|r| r.legal_basis.is_none()).unwrap();
            let again = db
                .execute(
                    &Query::insert()
                        .into_table("decision")
                        .columns([
                            "version",
                            "created_at",
                            "updated_at",
                            "case_id",
                            "decided_on",
                            "step",
                            "nth",
                            "press_release",
                        ])
                        .values_panic([
                            1.into(),
                            at().into(),
                            at().into(),
                            closure.case_id.into(),
                            closure.decided_on.into(),
                            closure.step.into(),
                            1.into(),
                            false.into(),
                        ])
                        .to_owned(),
                )
                .await;
            assert!(
                again.is_err(),
                "a second closure of the same case on the same day"
            );
            db.close().await.unwrap();

            // Undone: the packed codes come back as they were.
            let raw_db = raw(b).await;
            Migrator::down(&raw_db, Some(after(before_split())))
                .await
                .expect("down");
            let back = lines(
                &raw_db,
                "SELECT CAST(id AS TEXT) || ' ' || stage AS line FROM decision",
            )
            .await;
            let expected: BTreeSet<String> = old
                .iter()
                .map(|(id, code)| format!("{id} {code}"))
                .collect();
            assert_eq!(back, expected);
        });
    });
}

/// A stored code the migration cannot read stops it, naming the decision and the value, and
/// leaves the database as it was.
#[test]
fn an_unreadable_stage_stops_the_migration_and_changes_nothing() {
    on_each_backend(|b| {
        rt().block_on(async {
            old_database_with_decisions(b, &["lfn/258", "letter/258"]).await;
            let err = data::connect(&b.url)
                .await
                .expect_err("the migration refuses the stage")
                .to_string();
            assert!(
                err.contains("decision 2") && err.contains("\"letter/258\""),
                "{err}"
            );
            let db = raw(b).await;
            let kept = lines(&db, "SELECT stage AS line FROM decision").await;
            assert_eq!(
                kept,
                BTreeSet::from(["lfn/258".to_owned(), "letter/258".to_owned()])
            );
        });
    });
}

/// A code column holding a value outside its enum is an error naming the column and the value.
#[test]
fn an_unknown_code_is_an_error_naming_its_column() {
    on_each_backend(|b| {
        tests::ok(
            &b.url,
            &[
                "meeting",
                "add",
                "--kind",
                "eurocoord",
                "--date",
                "2023-01-12",
            ],
        );
        rt().block_on(async {
            let db = b.connect().await;
            db.execute_unprepared("UPDATE meeting SET kind = 'board'")
                .await
                .unwrap();
        });
        let run = scoreboard(&b.url, &["--lang", "en", "meeting", "list"]);
        assert_ne!(run.code, 0);
        assert!(
            run.err.contains("\"board\" in meeting.kind")
                && run
                    .err
                    .contains("concertation, eurocoord, commission, correspondents"),
            "{}",
            run.err
        );
    });
}

/// A measure's kind or a case's member state outside its enum (written by another tool, or by
/// hand) is an error naming the column and the value, with the values it can be.
#[test]
fn an_unknown_measure_kind_or_country_names_its_column() {
    on_each_backend(|b| {
        tests::ok(
            &b.url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        tests::ok(
            &b.url,
            &["measure", "add", "2019/1024", "--kind", "ordonnance"],
        );
        rt().block_on(async {
            let db = b.connect().await;
            db.execute_unprepared("UPDATE measure SET kind = 'arrêté'")
                .await
                .unwrap();
        });
        let run = scoreboard(&b.url, &["--lang", "en", "directive", "show", "2019/1024"]);
        assert_ne!(run.code, 0);
        assert!(
            run.err.contains("\"arrêté\" in measure.kind")
                && run
                    .err
                    .contains("ordinance, joint-ordinance, government-decree"),
            "{}",
            run.err
        );
        let run = scoreboard(&b.url, &["--lang", "fr", "directive", "show", "2019/1024"]);
        assert!(
            run.err.contains("« arrêté » dans measure.kind"),
            "in the user's language: {}",
            run.err
        );

        rt().block_on(async {
            let db = b.connect().await;
            db.execute(
                &Query::insert()
                    .into_table("infringement_case")
                    .columns([
                        "version",
                        "created_at",
                        "updated_at",
                        "number",
                        "country",
                        "active",
                    ])
                    .values_panic([
                        1.into(),
                        at().into(),
                        at().into(),
                        "INFR(2020)0385".into(),
                        "Belgique".into(),
                        true.into(),
                    ])
                    .to_owned(),
            )
            .await
            .unwrap();
        });
        let run = scoreboard(&b.url, &["--lang", "en", "case", "list"]);
        assert_ne!(run.code, 0);
        assert!(
            run.err
                .contains("\"Belgique\" in infringement_case.country")
                && run.err.contains("Belgium"),
            "{}",
            run.err
        );
    });
}

/// A stored CELEX number the tool cannot read is an error naming the directive, in the lists and
/// in the exported tables, never a row left out or shown as it is.
#[test]
fn an_unreadable_celex_is_an_error_naming_the_directive() {
    on_each_backend(|b| {
        tests::ok(
            &b.url,
            &["directive", "add", "2019/1024", "--deadline", "2021-07-17"],
        );
        rt().block_on(async {
            let db = b.connect().await;
            db.execute_unprepared("UPDATE directive SET celex = '2019-1024'")
                .await
                .unwrap();
        });
        let out = tempfile::tempdir().unwrap();
        let tables = out.path().join("tables.xlsx");
        for args in [
            &["--lang", "en", "directive", "list"][..],
            &[
                "--lang",
                "en",
                "export",
                "tables",
                &tables.to_string_lossy(),
            ][..],
        ] {
            let run = scoreboard(&b.url, args);
            assert_ne!(run.code, 0, "{args:?}");
            assert!(
                run.err.contains("\"2019-1024\"") && run.err.contains("directive 1"),
                "{args:?}: {}",
                run.err
            );
        }
    });
}

const MEASURE_KIND: &str = "m20261201_000006_measure_kind";

/// Kinds as `measure add --kind` stored them before they were codes, with their notes, and what
/// the migration makes of them: (kind, notes, code, notes after).
const OLD_KINDS: [(&str, Option<&str>, &str, Option<&str>); 12] = [
    ("ordonnance", None, "ordinance", None),
    (
        "arrêté du Gouvernement",
        Some("art. 3 à 7"),
        "government-decree",
        Some("art. 3 à 7"),
    ),
    (
        "Arrêté du Gouvernement de la Région de Bruxelles-Capitale",
        None,
        "government-decree",
        None,
    ),
    ("AGRBC", None, "government-decree", None),
    ("ARRETE MINISTERIEL", None, "ministerial-decree", None),
    ("ordonnantie", None, "ordinance", None),
    ("besluit van de Regering", None, "government-decree", None),
    ("Ordonnance conjointe", None, "joint-ordinance", None),
    (
        "table",
        Some("from the tracking table"),
        "table",
        Some("from the tracking table"),
    ),
    ("Décret", None, "other", Some("kind: Décret")),
    (
        "loi-programme",
        Some("à vérifier"),
        "other",
        Some("à vérifier\nkind: loi-programme"),
    ),
    (
        "ordonnance du 5 mai 2022",
        None,
        "other",
        Some("kind: ordonnance du 5 mai 2022"),
    ),
];

/// A database migrated as the version before the measure kinds left it: an authority with
/// correspondents holding `roles`, a directive and a measure per kind of [`OLD_KINDS`].
async fn old_database_with_measures(b: &Backend, roles: &[Option<&str>]) {
    let db = raw(b).await;
    Migrator::up(&db, Some(before(MEASURE_KIND)))
        .await
        .expect("the old migrations");
    let editable = |table: &'static str, columns: &[&'static str], values: Vec<sea_orm::Value>| {
        let mut all = vec!["version", "created_at", "updated_at"];
        all.extend_from_slice(columns);
        let mut row: Vec<sea_orm::Value> = vec![1.into(), at().into(), at().into()];
        row.extend(values);
        Query::insert()
            .into_table(table)
            .columns(all)
            .values_panic(row.into_iter().map(Expr::from))
            .to_owned()
    };
    db.execute(&editable(
        "authority",
        &["code", "name_fr", "name_nl"],
        vec!["OLD".into(), "Ancienne".into(), "Oude".into()],
    ))
    .await
    .expect("an authority");
    for (i, role) in roles.iter().enumerate() {
        db.execute(&editable(
            "correspondent",
            &["authority_id", "name", "role"],
            vec![
                1.into(),
                format!("person {i}").into(),
                role.map(str::to_owned).into(),
            ],
        ))
        .await
        .expect("a correspondent");
    }
    db.execute(&editable(
        "directive",
        &["celex", "competence"],
        vec!["32019L1024".into(), "shared".into()],
    ))
    .await
    .expect("a directive");
    for (kind, notes, _, _) in OLD_KINDS {
        db.execute(&editable(
            "measure",
            &["directive_id", "kind", "notes"],
            vec![1.into(), kind.into(), notes.map(str::to_owned).into()],
        ))
        .await
        .expect("a measure");
    }
    db.close().await.expect("close");
}

/// The wordings people typed become their codes, and what the migration cannot read becomes
/// `other` with the text kept in the notes; the vocabulary `measure add --kind` reads with agrees
/// on every one. Undone, the codes are French names again and the kept texts come back.
#[test]
fn the_measure_kinds_become_codes_and_an_unknown_one_is_kept_in_the_notes() {
    use sea_orm::{ActiveEnum, QueryOrder};
    on_each_backend(|b| {
        rt().block_on(async {
            old_database_with_measures(b, &[]).await;
            let db = b.connect().await;
            let rows = measure::Entity::find()
                .order_by_asc(measure::Column::Id)
                .all(&db)
                .await
                .expect("every measure reads");
            let read: Vec<(String, Option<String>)> = rows
                .iter()
                .map(|m| (m.kind.to_value(), m.notes.clone()))
                .collect();
            let expected: Vec<(String, Option<String>)> = OLD_KINDS
                .iter()
                .map(|(_, _, code, notes)| ((*code).to_owned(), notes.map(str::to_owned)))
                .collect();
            assert_eq!(read, expected);
            for (kind, _, code, _) in OLD_KINDS {
                let typed = kind.parse::<domain::MeasureKind>().ok().map(|k| k.code());
                let converted = Some(code).filter(|c| *c != "other");
                assert_eq!(
                    typed, converted,
                    "--kind {kind:?} reads as the migration read it"
                );
            }
            let view = data::repo::directive_view(
                &db,
                &domain::DirectiveId::parse("2019/1024").unwrap(),
                day(2023, 1, 1),
            )
            .await
            .expect("the directive reads");
            assert_eq!(view.measures.len(), OLD_KINDS.len());
            db.close().await.unwrap();

            let raw_db = raw(b).await;
            Migrator::down(&raw_db, Some(after(before(MEASURE_KIND))))
                .await
                .expect("down");
            let back = lines(
                &raw_db,
                "SELECT kind || ' | ' || COALESCE(notes, '-') AS line FROM measure",
            )
            .await;
            let expected: BTreeSet<String> = [
                "ordonnance | -",
                "arrêté du Gouvernement | art. 3 à 7",
                "arrêté du Gouvernement | -",
                "arrêté ministériel | -",
                "ordonnance conjointe | -",
                "table | from the tracking table",
                "Décret | -",
                "loi-programme | à vérifier",
                "ordonnance du 5 mai 2022 | -",
            ]
            .into_iter()
            .map(str::to_owned)
            .collect();
            assert_eq!(back, expected);
        });
    });
}

/// A correspondent's role written in any of the three languages becomes its code; an empty one
/// stays empty.
#[test]
fn the_correspondents_roles_become_codes() {
    use data::code::CorrespondentRole::*;
    use sea_orm::QueryOrder;
    on_each_backend(|b| {
        rt().block_on(async {
            old_database_with_measures(
                b,
                &[
                    Some("Euro-coordinateur"),
                    Some("Europese correspondent"),
                    Some("suppléante"),
                    Some("correspondent"),
                    None,
                ],
            )
            .await;
            let db = b.connect().await;
            let roles: Vec<_> = correspondent::Entity::find()
                .order_by_asc(correspondent::Column::Id)
                .all(&db)
                .await
                .expect("every correspondent reads")
                .into_iter()
                .map(|c| c.role)
                .collect();
            assert_eq!(
                roles,
                [
                    Some(EuroCoordinator),
                    Some(Correspondent),
                    Some(Deputy),
                    Some(Correspondent),
                    None
                ]
            );
        });
    });
}

/// A role the migration cannot read stops it, naming the correspondent and the value, and
/// leaves the database as it was (the measures' kinds included: the migrations run as one).
#[test]
fn an_unreadable_role_stops_the_migration_and_changes_nothing() {
    on_each_backend(|b| {
        rt().block_on(async {
            old_database_with_measures(b, &[Some("correspondant"), Some("chef de service")]).await;
            let err = data::connect(&b.url)
                .await
                .expect_err("the migration refuses the role")
                .to_string();
            assert!(
                err.contains("correspondent 2") && err.contains("\"chef de service\""),
                "{err}"
            );
            let db = raw(b).await;
            let roles = lines(&db, "SELECT role AS line FROM correspondent").await;
            assert_eq!(
                roles,
                BTreeSet::from(["correspondant".to_owned(), "chef de service".to_owned()])
            );
            let kinds = lines(&db, "SELECT kind AS line FROM measure").await;
            assert!(
                kinds.contains("Décret") && kinds.contains("ordonnance"),
                "{kinds:?}"
            );
        });
    });
}

/// A meeting pack as the previous version stored it (the demo's scoreboard on 12 January 2023,
/// without a format): still the previous pack the next meeting compares with.
const PACK_BEFORE_FORMATS: &str = include_str!("../fixtures/meeting_pack/before-formats.json");

async fn old_pack(b: &Backend) {
    let db = raw(b).await;
    Migrator::up(&db, Some(before_split()))
        .await
        .expect("the old migrations");
    db.execute(
        &Query::insert()
            .into_table("meeting")
            .columns(["version", "created_at", "updated_at", "kind", "held_on"])
            .values_panic([
                1.into(),
                at().into(),
                at().into(),
                "concertation".into(),
                day(2023, 1, 12).into(),
            ])
            .to_owned(),
    )
    .await
    .expect("a meeting");
    db.execute(
        &Query::insert()
            .into_table("meeting_pack")
            .columns(["meeting_id", "lang", "as_of", "view", "created_at"])
            .values_panic([
                1.into(),
                "fr".into(),
                day(2023, 1, 12).into(),
                PACK_BEFORE_FORMATS.into(),
                at().into(),
            ])
            .to_owned(),
    )
    .await
    .expect("a pack");
    db.close().await.unwrap();
}

#[test]
fn a_pack_stored_before_formats_still_reads() {
    on_each_backend(|b| {
        rt().block_on(old_pack(b));
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().to_string_lossy().into_owned();
        tests::ok(
            &b.url,
            &[
                "meeting",
                "add",
                "--kind",
                "eurocoord",
                "--date",
                "2023-03-01",
            ],
        );
        tests::ok(
            &b.url,
            &[
                "report",
                "scoreboard",
                "--meeting",
                "2",
                "--as-of",
                "2023-03-01",
                "--out",
                &folder,
            ],
        );
        let html = std::fs::read_to_string(out.path().join("scoreboard-fr-2023-03-01.html"))
            .expect("the page");
        // The changes are counted since the old pack's date, which the page shows nowhere else.
        let since = domain::Lang::Fr.format_date(day(2023, 1, 12));
        assert!(
            html.contains(&since),
            "the changes since the old pack ({since})"
        );
        rt().block_on(async {
            let db = b.connect().await;
            let packs = meeting_pack::Entity::find().all(&db).await.unwrap();
            let formats: Vec<(i32, i32)> = packs
                .iter()
                .map(|p| (p.meeting_id, p.view_format))
                .collect();
            assert_eq!(formats, [(1, 1), (2, data::meeting::PACK_FORMAT)]);
        });
    });
}

#[test]
fn a_pack_in_a_newer_format_is_refused_by_name() {
    on_each_backend(|b| {
        rt().block_on(old_pack(b));
        rt().block_on(async {
            let db = b.connect().await;
            db.execute(
                &Query::update()
                    .table("meeting_pack")
                    .value("view_format", 99)
                    .and_where(Expr::col("meeting_id").eq(1))
                    .to_owned(),
            )
            .await
            .unwrap();
        });
        tests::ok(
            &b.url,
            &[
                "meeting",
                "add",
                "--kind",
                "eurocoord",
                "--date",
                "2023-03-01",
            ],
        );
        let out = tempfile::tempdir().unwrap();
        let run = scoreboard(
            &b.url,
            &[
                "report",
                "scoreboard",
                "--meeting",
                "2",
                "--as-of",
                "2023-03-01",
                "--out",
                &out.path().to_string_lossy(),
            ],
        );
        assert_ne!(run.code, 0);
        assert!(
            run.err.contains("the pack of meeting 1") && run.err.contains("format 99"),
            "{}",
            run.err
        );
    });
}
