//! The write path under the CLI, on SQLite and on PostgreSQL: chunked bulk inserts with their
//! history, and two writers on the same record.

use chrono::Utc;
use data::entity::{authority, history};
use data::repo;
use data::{Actor, DataError, store};
use sea_orm::{EntityTrait, PaginatorTrait, Set, TransactionTrait};
use tests::on_each_backend;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn bulk_inserts_are_chunked_below_the_bind_limits_and_recorded() {
    on_each_backend(|b| {
        rt().block_on(async {
            let db = b.connect().await;
            let actor = Actor::new("bulk", Utc::now());
            // 12,000 rows of 7 columns: more than one statement's worth on both backends.
            let rows: Vec<(String, authority::ActiveModel)> = (0..12_000)
                .map(|i| {
                    let code = format!("A{i:05}");
                    (
                        code.clone(),
                        authority::ActiveModel {
                            code: Set(code),
                            name_fr: Set(format!("fr {i}")),
                            name_nl: Set(format!("nl {i}")),
                            notes: Set(None),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            let txn = db.begin().await.unwrap();
            let models: Vec<authority::Model> =
                store::insert_all(&txn, &actor, rows).await.unwrap();
            txn.commit().await.unwrap();
            assert_eq!(models.len(), 12_000);
            assert_eq!(models[11_999].code, "A11999");
            assert!(models.iter().all(|m| m.version == 1));
            assert_eq!(authority::Entity::find().count(&db).await.unwrap(), 12_000);
            // code, name_fr, name_nl: three history rows each (notes is empty).
            assert_eq!(history::Entity::find().count(&db).await.unwrap(), 36_000);
        });
    });
}

#[test]
fn the_second_of_two_writers_is_refused_and_nothing_is_lost() {
    on_each_backend(|b| {
        rt().block_on(async {
            let db = b.connect().await;
            let alice = Actor::new("alice", Utc::now());
            let bob = Actor::new("bob", Utc::now());
            repo::add_authority(
                &db,
                &alice,
                "BE",
                "Bruxelles Environnement",
                "Leefmilieu Brussel",
            )
            .await
            .unwrap();
            // Both read version 1.
            let read_by_alice = repo::authorities(&db).await.unwrap().remove(0);
            let read_by_bob = read_by_alice.clone();
            let am = authority::ActiveModel {
                notes: Set(Some("alice's note".into())),
                ..Default::default()
            };
            let written = store::update(&db, &alice, "BE", &read_by_alice, am)
                .await
                .unwrap();
            assert_eq!(written.version, 2);
            let am = authority::ActiveModel {
                notes: Set(Some("bob's note".into())),
                ..Default::default()
            };
            let refused = store::update(&db, &bob, "BE", &read_by_bob, am).await;
            match refused {
                Err(DataError::Conflict { read, current, .. }) => {
                    assert_eq!((read, current), (1, 2))
                }
                other => panic!("expected a conflict, got {other:?}"),
            }
            let now = repo::authorities(&db).await.unwrap().remove(0);
            assert_eq!(now.notes.as_deref(), Some("alice's note"));
            let log = repo::history_of(&db, "BE").await.unwrap();
            assert!(
                log.iter()
                    .any(|h| h.user_name == "alice" && h.field == "notes")
            );
            assert!(
                !log.iter().any(|h| h.user_name == "bob"),
                "the refused write left no trace of a change"
            );
        });
    });
}

/// A set-based import reads what it touches first, then writes many updates: a record another
/// writer changed in between is still refused, and the import's transaction writes nothing.
#[test]
fn a_stale_record_in_a_set_based_update_refuses_the_whole_batch() {
    on_each_backend(|b| {
        rt().block_on(async {
            let db = b.connect().await;
            let importer = Actor::new("import", Utc::now());
            let editor = Actor::new("editor", Utc::now());
            let rows: Vec<(String, authority::ActiveModel)> = (0..300)
                .map(|i| {
                    let code = format!("A{i:03}");
                    (
                        code.clone(),
                        authority::ActiveModel {
                            code: Set(code),
                            name_fr: Set(format!("fr {i}")),
                            name_nl: Set(format!("nl {i}")),
                            notes: Set(None),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            let read: Vec<authority::Model> =
                store::insert_all(&db, &importer, rows).await.unwrap();
            // Someone edits record 200 after the import read it.
            let am = authority::ActiveModel {
                notes: Set(Some("edited by hand".into())),
                ..Default::default()
            };
            store::update(&db, &editor, "A200", &read[200], am)
                .await
                .unwrap();
            let batch: Vec<_> = read
                .iter()
                .map(|a| {
                    (
                        a.code.clone(),
                        a.clone(),
                        authority::ActiveModel {
                            notes: Set(Some("from the import".into())),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            let txn = db.begin().await.unwrap();
            match store::update_all(&txn, &importer, batch).await {
                Err(DataError::Conflict {
                    key, read, current, ..
                }) => {
                    assert_eq!((key.as_str(), read, current), ("A200", 1, 2))
                }
                other => panic!("expected a conflict, got {other:?}"),
            }
            txn.rollback().await.unwrap();
            let now = repo::authorities(&db).await.unwrap();
            assert!(
                now.iter()
                    .all(|a| a.notes.as_deref() != Some("from the import")),
                "the refused batch wrote nothing"
            );
            assert_eq!(
                now.iter()
                    .find(|a| a.code == "A200")
                    .unwrap()
                    .notes
                    .as_deref(),
                Some("edited by hand")
            );

            // Without the stale record, the batch writes every change, each with its history row
            // and its new version, and returns the records as written.
            let fresh = repo::authorities(&db).await.unwrap();
            let batch: Vec<_> = fresh
                .iter()
                .map(|a| {
                    (
                        a.code.clone(),
                        a.clone(),
                        authority::ActiveModel {
                            notes: Set(Some("from the import".into())),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            let written = store::update_all(&db, &importer, batch).await.unwrap();
            assert_eq!(written.len(), 300);
            assert_eq!(written[200].version, 3);
            assert!(
                written
                    .iter()
                    .all(|a| a.notes.as_deref() == Some("from the import"))
            );
            let logged = history::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .filter(|h| h.user_name == "import" && h.field == "notes")
                .count();
            assert_eq!(logged, 300);
        });
    });
}

/// Random exports (two member states; filters for one of them or for all) imported in date order
/// take the incremental path (each export newer than every other: only its neighbour is read);
/// the same exports imported newest first take the full recomputation. Both must give every case
/// the same activity and the same events.
#[test]
fn register_activity_followed_export_by_export_equals_the_full_recomputation() {
    use chrono::NaiveDate;
    use data::entity::{case_event, infringement_case};
    use data::register::import;
    use domain::records::{CaseRecord, DecisionRecord};
    use domain::{Country, InfringementNumber, LegalBasis, Stage, Step};

    fn record(n: u16, country: Country) -> CaseRecord {
        CaseRecord {
            number: InfringementNumber::new(2020, n).unwrap(),
            country,
            case_type: None,
            title: Some(format!("case {n}")),
            department: None,
            directives: Vec::new(),
            decisions: vec![DecisionRecord {
                date: NaiveDate::from_ymd_opt(2020, 1, 1 + u32::from(n % 28)).unwrap(),
                stage: Stage {
                    step: Step::FormalNotice,
                    basis: Some(LegalBasis::Art258),
                    nth: 1,
                },
                label: "Formal notice Art. 258 TFEU".into(),
                press_release: false,
            }],
        }
    }

    async fn state(db: &data::Db) -> Vec<String> {
        let cases = infringement_case::Entity::find().all(db).await.unwrap();
        let events = case_event::Entity::find().all(db).await.unwrap();
        let mut out: Vec<String> = cases
            .iter()
            .map(|c| {
                let mut es: Vec<String> = events
                    .iter()
                    .filter(|e| e.case_id == c.id)
                    .map(|e| format!("{} {} {}", e.kind, e.from_date, e.to_date))
                    .collect();
                es.sort();
                format!("{} {} {:?}", c.number, c.active, es)
            })
            .collect();
        out.sort();
        out
    }

    for seed in 1..=6u64 {
        // (date, filter, cases listed): 12 exports, 30 cases of two member states.
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let exports: Vec<(NaiveDate, Option<Country>, Vec<CaseRecord>)> = (0..12)
            .map(|i| {
                let date =
                    NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Duration::days(30 * i);
                let filter = match next() % 3 {
                    0 => None,
                    1 => Some(Country::Belgium),
                    _ => Some(Country::Italy),
                };
                let listed = (0..30u16)
                    .filter(|_| next() % 3 != 0)
                    .map(|n| {
                        record(
                            n,
                            if n % 2 == 0 {
                                Country::Belgium
                            } else {
                                Country::Italy
                            },
                        )
                    })
                    .filter(|r| filter.is_none_or(|f| r.country == f))
                    .collect();
                (date, filter, listed)
            })
            .collect();
        let mut states = Vec::new();
        for newest_first in [false, true] {
            let backend = tests::backends().remove(0);
            rt().block_on(async {
                let db = backend.connect().await;
                let actor = Actor::new("import", Utc::now());
                let mut order: Vec<usize> = (0..exports.len()).collect();
                if newest_first {
                    order.reverse();
                }
                for i in order {
                    let (date, filter, records) = &exports[i];
                    let txn = db.begin().await.unwrap();
                    import(&txn, &actor, records, *date, *filter, &format!("file {i}"))
                        .await
                        .unwrap();
                    txn.commit().await.unwrap();
                }
                states.push(state(&db).await);
            });
            backend.finish();
        }
        assert!(
            states[0] == states[1],
            "seed {seed}: in date order {:#?}\nnewest first {:#?}",
            states[0],
            states[1]
        );
    }
}

/// Every foreign key is the first column of an index, on both backends: joins and lookups by
/// a parent (an authority's directives, a run's history) never scan a whole table.
#[test]
fn every_foreign_key_leads_an_index() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    on_each_backend(|b| {
        rt().block_on(async {
            let db = b.connect().await;
            let backend = db.get_database_backend();
            let (keys_sql, indexed_sql) = match backend {
                DbBackend::Postgres => (
                    "SELECT tc.table_name || '.' || kcu.column_name AS line \
                     FROM information_schema.table_constraints tc \
                     JOIN information_schema.key_column_usage kcu \
                       ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema \
                     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()",
                    "SELECT t.relname || '.' || a.attname AS line FROM pg_index i \
                     JOIN pg_class t ON t.oid = i.indrelid \
                     JOIN pg_namespace n ON n.oid = t.relnamespace \
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] \
                     WHERE n.nspname = current_schema()",
                ),
                _ => (
                    "SELECT m.name || '.' || f.\"from\" AS line \
                     FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
                    "SELECT m.name || '.' || ii.name AS line FROM sqlite_master m, \
                     pragma_index_list(m.name) il, pragma_index_info(il.name) ii \
                     WHERE m.type = 'table' AND ii.seqno = 0",
                ),
            };
            let lines = |sql: &'static str| {
                let db = &db;
                async move {
                    db.query_all_raw(Statement::from_string(backend, sql))
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| r.try_get::<String>("", "line").unwrap())
                        .collect::<std::collections::BTreeSet<String>>()
                }
            };
            let keys = lines(keys_sql).await;
            let indexed = lines(indexed_sql).await;
            assert!(keys.len() >= 15, "the foreign keys were read: {keys:?}");
            let missing: Vec<&String> = keys.difference(&indexed).collect();
            assert!(missing.is_empty(), "foreign keys without an index: {missing:?}");
        });
    });
}
