//! Every write goes through here: inserts and updates that record each field they change in the
//! history, with optimistic locking on the records people edit.
//!
//! The history is derived from the models themselves (their serde form), so a column added to an
//! entity is tracked without anyone remembering to list it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, Iterable, QueryFilter, Value,
};
use serde::Serialize;
use std::str::FromStr;

use crate::DataError;
use crate::code::{HistoryAction, HistoryTable};
use crate::entity;

/// Who writes, when, and on behalf of which import run; stamped on every history row.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: String,
    pub at: DateTime<Utc>,
    pub import_run: Option<i32>,
}

impl Actor {
    pub fn new(user: impl Into<String>, at: DateTime<Utc>) -> Actor {
        Actor {
            user: user.into(),
            at,
            import_run: None,
        }
    }
}

/// A model whose writes are recorded in the history.
pub trait Tracked:
    sea_orm::ModelTrait<Entity: EntityTrait<Model = Self>> + Serialize + Clone + Send + Sync + 'static
{
    /// Whether the table has `version`, `created_at`, `updated_at` (records people edit).
    const EDITABLE: bool;
    /// The table, as the history names it.
    const TABLE: HistoryTable;
    fn table() -> &'static str;
    fn id(&self) -> i32;
}

macro_rules! tracked {
    ($($module:ident: $editable:expr => $table:ident),* $(,)?) => {
        $(
            impl Tracked for entity::$module::Model {
                const EDITABLE: bool = $editable;
                const TABLE: HistoryTable = HistoryTable::$table;
                fn table() -> &'static str {
                    stringify!($module)
                }
                fn id(&self) -> i32 {
                    self.id
                }
            }
        )*

        /// Each tracked table: its history name and its module's name.
        #[cfg(test)]
        fn tracked_tables() -> Vec<(HistoryTable, &'static str)> {
            vec![$((HistoryTable::$table, stringify!($module))),*]
        }
    };
}

tracked! {
    authority: true => Authority,
    correspondent: true => Correspondent,
    directive: true => Directive,
    directive_deadline: false => DirectiveDeadline,
    directive_authority: false => DirectiveAuthority,
    measure: true => Measure,
    infringement_case: true => InfringementCase,
    case_directive: false => CaseDirective,
    decision: true => Decision,
    reply: true => Reply,
    eu_pilot: true => EuPilot,
    proposal: true => Proposal,
    meeting: true => Meeting,
    case_event: false => CaseEvent,
    register_snapshot: false => RegisterSnapshot,
    register_snapshot_case: false => RegisterSnapshotCase,
    import_run: false => ImportRun,
    directive_eurlex: false => DirectiveEurlex,
    national_measure: false => NationalMeasure,
    meeting_pack: false => MeetingPack,
    app_user: true => AppUser,
    app_user_authority: false => AppUserAuthority,
    api_token: false => ApiToken,
    calendar_feed: false => CalendarFeed,
    contact: true => Contact,
    proposal_authority: false => ProposalAuthority,
    proposal_stage: false => ProposalStage,
    proposal_adoption: false => ProposalAdoption,
    impact_note: true => ImpactNote,
    campaign: true => Campaign,
    campaign_question: false => CampaignQuestion,
    campaign_authority: false => CampaignAuthority,
    campaign_answer: true => CampaignAnswer,
    directive_provision: true => DirectiveProvision,
    correlation: true => Correlation,
}

/// Columns that describe the record's bookkeeping rather than its content.
const BOOKKEEPING: [&str; 4] = ["id", "version", "created_at", "updated_at"];

/// The recorded fields of a model, as text (`None` for a null).
pub fn fields<M: Serialize>(model: &M) -> Vec<(String, Option<String>)> {
    let serde_json::Value::Object(map) = serde_json::to_value(model).unwrap_or_default() else {
        return Vec::new();
    };
    map.into_iter()
        .filter(|(name, _)| !BOOKKEEPING.contains(&name.as_str()))
        .map(|(name, value)| (name, as_text(value)))
        .collect()
}

fn as_text(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

fn version_of<M: Serialize>(model: &M) -> i64 {
    serde_json::to_value(model)
        .ok()
        .and_then(|v| v.get("version").and_then(|v| v.as_i64()))
        .unwrap_or(0)
}

fn column<E: EntityTrait>(name: &str) -> E::Column {
    E::Column::from_str(name)
        .unwrap_or_else(|_| panic!("entity {} has no column {name}", E::default().table_name()))
}

/// One history row, as it is written.
pub(crate) struct Logged {
    at: DateTime<Utc>,
    user_name: String,
    action: HistoryAction,
    table_name: HistoryTable,
    record_id: i32,
    record_key: String,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    import_run_id: Option<i32>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of a history row"
)]
fn history_row(
    actor: &Actor,
    action: HistoryAction,
    table: HistoryTable,
    id: i32,
    key: &str,
    field: String,
    old: Option<String>,
    new: Option<String>,
) -> Logged {
    Logged {
        at: actor.at,
        user_name: actor.user.clone(),
        action,
        table_name: table,
        record_id: id,
        record_key: key.to_owned(),
        field,
        old_value: old,
        new_value: new,
        import_run_id: actor.import_run,
    }
}

/// Rows of one statement: both backends cap bind parameters (SQLite 32,766, PostgreSQL 65,535).
fn chunk_rows<E: EntityTrait>() -> usize {
    (30_000 / E::Column::iter().count().max(1)).max(1)
}

/// Inserts many rows in chunked multi-row statements (never one statement per row).
pub async fn insert_rows<A, C>(
    db: &C,
    rows: Vec<A>,
) -> Result<Vec<<A::Entity as EntityTrait>::Model>, DataError>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    let size = chunk_rows::<A::Entity>();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(size).collect();
        out.extend(
            A::Entity::insert_many(chunk)
                .exec_with_returning(db)
                .await?,
        );
    }
    Ok(out)
}

/// History rows per statement on PostgreSQL: each statement binds one JSON text of this many rows.
const HISTORY_CHUNK: usize = 50_000;
/// History rows per statement on SQLite: 10 bound values each, under its 32,766 limit.
const HISTORY_ROWS_SQLITE: usize = 3_000;
const HISTORY_COLUMNS: &str = "at, user_name, action, table_name, record_id, record_key, field, old_value, new_value, import_run_id";

/// Writes history rows, the bulk of every import (one row per field written), in as few
/// statements as the backend takes, built by hand rather than through the query builder, which
/// costs more than storing them: on SQLite, multi-row `VALUES` of bound values (3,000 rows a
/// statement); on PostgreSQL, one JSON text per 50,000 rows unpacked by `json_to_recordset`.
/// Times are written as the driver writes them (SQLite: RFC 3339 text; PostgreSQL:
/// microseconds), so rows read back the same either way.
async fn write_history<C: ConnectionTrait>(db: &C, rows: Vec<Logged>) -> Result<(), DataError> {
    use sea_orm::{DbBackend, Statement};
    if rows.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    if backend != DbBackend::Postgres {
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Logged> = rows.by_ref().take(HISTORY_ROWS_SQLITE).collect();
            let mut sql = format!("INSERT INTO history ({HISTORY_COLUMNS}) VALUES ");
            let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 10);
            for (i, r) in chunk.into_iter().enumerate() {
                sql.push_str(if i == 0 {
                    "(?,?,?,?,?,?,?,?,?,?)"
                } else {
                    ",(?,?,?,?,?,?,?,?,?,?)"
                });
                values.extend([
                    Value::from(r.at),
                    Value::from(r.user_name),
                    Value::from(r.action),
                    Value::from(r.table_name),
                    Value::from(r.record_id),
                    Value::from(r.record_key),
                    Value::from(r.field),
                    Value::from(r.old_value),
                    Value::from(r.new_value),
                    Value::from(r.import_run_id),
                ]);
            }
            db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?;
        }
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO history ({HISTORY_COLUMNS}) SELECT {HISTORY_COLUMNS} \
         FROM json_to_recordset($1::json) AS x(at timestamptz, user_name text, action text, table_name text, record_id integer, \
         record_key text, field text, old_value text, new_value text, import_run_id integer)"
    );
    for chunk in rows.chunks(HISTORY_CHUNK) {
        let json = serde_json::Value::Array(
            chunk
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "at": r.at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
                        "user_name": r.user_name,
                        "action": r.action,
                        "table_name": r.table_name,
                        "record_id": r.record_id,
                        "record_key": r.record_key,
                        "field": r.field,
                        "old_value": r.old_value,
                        "new_value": r.new_value,
                        "import_run_id": r.import_run_id,
                    })
                })
                .collect(),
        );
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            &sql,
            [Value::from(json.to_string())],
        ))
        .await?;
    }
    Ok(())
}

fn stamp_new<M: Tracked, A>(actor: &Actor, am: &mut A)
where
    A: ActiveModelTrait<Entity = M::Entity>,
{
    if M::EDITABLE {
        am.set(column::<M::Entity>("version"), Value::from(1i32));
        am.set(column::<M::Entity>("created_at"), Value::from(actor.at));
        am.set(column::<M::Entity>("updated_at"), Value::from(actor.at));
    }
}

/// Inserts records, each with the natural key it is known by (CELEX, case number, ...), and
/// records every non-empty field in the history. One chunked statement per table.
pub async fn insert_all<M, A, C>(
    db: &C,
    actor: &Actor,
    items: Vec<(String, A)>,
) -> Result<Vec<M>, DataError>
where
    M: Tracked + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let (keys, rows): (Vec<String>, Vec<A>) = items
        .into_iter()
        .map(|(key, mut am)| {
            stamp_new::<M, A>(actor, &mut am);
            (key, am)
        })
        .unzip();
    let models = insert_rows(db, rows).await?;
    let mut log = Vec::new();
    for (model, key) in models.iter().zip(&keys) {
        for (field, value) in fields(model) {
            if value.is_some() {
                log.push(history_row(
                    actor,
                    HistoryAction::Insert,
                    M::TABLE,
                    model.id(),
                    key,
                    field,
                    None,
                    value,
                ));
            }
        }
    }
    write_history(db, log).await?;
    Ok(models)
}

/// Inserts one record; see [`insert_all`].
pub async fn insert<M, A, C>(db: &C, actor: &Actor, key: &str, am: A) -> Result<M, DataError>
where
    M: Tracked + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let mut models = insert_all::<M, A, C>(db, actor, vec![(key.to_owned(), am)]).await?;
    models.pop().ok_or_else(|| DataError::NotFound {
        what: M::table(),
        key: key.to_owned(),
    })
}

/// Writes one update (version-checked on the records people edit) and returns its history rows
/// and the record as it now is, worked out without reading it back; `None` when nothing changes.
async fn write_update<M, A, C>(
    db: &C,
    actor: &Actor,
    key: &str,
    old: &M,
    mut am: A,
) -> Result<Option<(M, Vec<Logged>)>, DataError>
where
    M: Tracked + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send + sea_orm::TryIntoModel<M>,
    C: ConnectionTrait,
{
    // Compare what would be written with what was read: an update that changes nothing writes
    // nothing. Column by column first (cheap: most records of a re-imported file are unchanged).
    let id_col = column::<M::Entity>("id");
    let differs = <M::Entity as EntityTrait>::Column::iter().any(|col| match am.get(col) {
        sea_orm::ActiveValue::Set(v) => old.get(col) != v,
        _ => false,
    });
    if !differs {
        return Ok(None);
    }
    let mut merged = old.clone().into_active_model();
    for col in <M::Entity as EntityTrait>::Column::iter() {
        if let sea_orm::ActiveValue::Set(v) = am.get(col) {
            merged.set(col, v);
        }
    }
    let new_model: M = merged.clone().try_into_model().map_err(DataError::Db)?;
    let changes: Vec<_> = fields(old)
        .into_iter()
        .zip(fields(&new_model))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| (field, a, b))
        .collect();
    if changes.is_empty() {
        return Ok(None);
    }
    let mut query = M::Entity::update_many();
    if M::EDITABLE {
        let read = version_of(old);
        for target in [&mut am, &mut merged] {
            target.set(
                column::<M::Entity>("version"),
                Value::from((read + 1) as i32),
            );
            target.set(column::<M::Entity>("updated_at"), Value::from(actor.at));
        }
        query = query.filter(column::<M::Entity>("version").eq(read as i32));
    }
    am.not_set(id_col);
    let result = query.set(am).filter(id_col.eq(old.id())).exec(db).await?;
    if result.rows_affected != 1 {
        let current = M::Entity::find()
            .filter(id_col.eq(old.id()))
            .one(db)
            .await?;
        return Err(match current {
            None => DataError::NotFound {
                what: M::table(),
                key: key.to_owned(),
            },
            Some(now) => DataError::Conflict {
                what: M::table(),
                key: key.to_owned(),
                read: version_of(old),
                current: version_of(&now),
            },
        });
    }
    let log = changes
        .into_iter()
        .map(|(field, a, b)| {
            history_row(
                actor,
                HistoryAction::Update,
                M::TABLE,
                old.id(),
                key,
                field,
                a,
                b,
            )
        })
        .collect();
    let written: M = merged.try_into_model().map_err(DataError::Db)?;
    Ok(Some((written, log)))
}

/// Updates many records, each from the version the caller read, as [`update`] does one: one
/// version-checked statement per changed record (none for a record that would not change), and
/// the history rows of all of them in chunked inserts. Returns the records as written (or as
/// read, when unchanged), in the order given, without reading them back.
pub async fn update_all<M, A, C>(
    db: &C,
    actor: &Actor,
    items: Vec<(String, M, A)>,
) -> Result<Vec<M>, DataError>
where
    M: Tracked + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send + sea_orm::TryIntoModel<M>,
    C: ConnectionTrait,
{
    let mut out = Vec::with_capacity(items.len());
    let mut log = Vec::new();
    for (key, old, am) in items {
        match write_update(db, actor, &key, &old, am).await? {
            Some((written, rows)) => {
                log.extend(rows);
                out.push(written);
            }
            None => out.push(old),
        }
    }
    write_history(db, log).await?;
    Ok(out)
}

/// Updates a record from the version the caller read (`old`), refusing the write when another
/// writer changed it since, and records each changed field with its old and new value.
/// Returns the record as written (read back), or `old` itself when nothing changed.
pub async fn update<M, A, C>(
    db: &C,
    actor: &Actor,
    key: &str,
    old: &M,
    am: A,
) -> Result<M, DataError>
where
    M: Tracked + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = M::Entity> + ActiveModelBehavior + Send + sea_orm::TryIntoModel<M>,
    C: ConnectionTrait,
{
    let Some((_, log)) = write_update(db, actor, key, old, am).await? else {
        return Ok(old.clone());
    };
    write_history(db, log).await?;
    let id_col = column::<M::Entity>("id");
    M::Entity::find()
        .filter(id_col.eq(old.id()))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: M::table(),
            key: key.to_owned(),
        })
}

/// Deletes a link row (a deadline, an associated authority), keeping its last values in the history.
pub async fn delete<M, C>(db: &C, actor: &Actor, key: &str, old: &M) -> Result<(), DataError>
where
    M: Tracked,
    C: ConnectionTrait,
{
    let id_col = column::<M::Entity>("id");
    M::Entity::delete_many()
        .filter(id_col.eq(old.id()))
        .exec(db)
        .await?;
    let log = fields(old)
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(field, v)| {
            history_row(
                actor,
                HistoryAction::Delete,
                M::TABLE,
                old.id(),
                key,
                field,
                v,
                None,
            )
        })
        .collect();
    write_history(db, log).await
}

/// Records a fact the tool inferred rather than a field someone wrote (e.g. "no longer in the
/// register between two dates"), so it appears in the record's history.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of a history row"
)]
pub async fn record_event<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    table: HistoryTable,
    id: i32,
    key: &str,
    field: &str,
    old: Option<String>,
    new: Option<String>,
) -> Result<(), DataError> {
    write_history(
        db,
        vec![history_row(
            actor,
            HistoryAction::Event,
            table,
            id,
            key,
            field.to_owned(),
            old,
            new,
        )],
    )
    .await
}

/// Values of one `IN (...)` list: both backends cap bind parameters (SQLite 32,766).
const IN_CHUNK: usize = 10_000;

/// Rows grouped by a key (a parent's id): `key -> rows`, in the order given.
pub(crate) fn grouped<K: std::hash::Hash + Eq, T>(
    rows: Vec<T>,
    key: impl Fn(&T) -> K,
) -> std::collections::HashMap<K, Vec<T>> {
    let mut out: std::collections::HashMap<K, Vec<T>> = std::collections::HashMap::new();
    for row in rows {
        out.entry(key(&row)).or_default().push(row);
    }
    out
}

/// The rows whose `column` is one of `values`: one query per [`IN_CHUNK`] values, so that reading
/// what a file touches costs a few statements, whatever the size of the table.
pub async fn find_in<E, V, C>(
    db: &C,
    column: E::Column,
    values: &[V],
) -> Result<Vec<E::Model>, DataError>
where
    E: EntityTrait,
    V: Into<Value> + Clone,
    C: ConnectionTrait,
{
    let mut out = Vec::new();
    for chunk in values.chunks(IN_CHUNK) {
        out.extend(
            E::find()
                .filter(column.is_in(chunk.iter().cloned()))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// Which way [`move_date`] moves a date: only ever later (last seen) or earlier (first seen).
#[derive(Clone, Copy, Debug)]
pub enum Move {
    Later,
    Earlier,
}

/// Sets a date column of many records to `date` where it is empty or `date` moves it the given
/// way, in one statement per chunk of ids, without a version or a history row: for facts of a
/// source that the source's own records keep (the day a case was last listed in an export, kept
/// with the export's snapshot), not for anything a person edits.
pub async fn move_date<E, C>(
    db: &C,
    col: E::Column,
    date: chrono::NaiveDate,
    ids: &[i32],
    way: Move,
) -> Result<(), DataError>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let id_col = column::<E>("id");
    for chunk in ids.chunks(IN_CHUNK) {
        let moves = match way {
            Move::Later => col.lt(date),
            Move::Earlier => col.gt(date),
        };
        E::update_many()
            .col_expr(col, sea_orm::sea_query::Expr::value(date))
            .filter(id_col.is_in(chunk.iter().copied()))
            .filter(sea_orm::sea_query::ExprTrait::or(col.is_null(), moves))
            .exec(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ActiveEnum;

    /// The history names a record's table as its module is named, and every table it can name
    /// is one the store writes.
    #[test]
    fn each_tracked_table_has_its_history_name() {
        let all = tracked_tables();
        for (table, module) in &all {
            assert_eq!(table.to_value(), *module);
        }
        assert_eq!(all.len(), HistoryTable::iter().count());
    }
}
