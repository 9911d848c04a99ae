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
