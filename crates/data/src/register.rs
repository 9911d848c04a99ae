//! Following the Commission's register over time: each import records what the export listed
//! (a snapshot), merges its cases, then derives from the snapshots which cases are still active
//! and when a case dropped out of (or came back into) the register.
//!
//! Everything here follows from the snapshots, so importing exports in any order, or one twice,
//! ends in the same state. The usual import, an export newer than every other, changes only what
//! lies between it and the export before it: it reads that one neighbour, not every snapshot
//! ever stored, so its cost stays flat as the years of daily imports pile up. An export imported
//! out of order (older than one already there) recomputes the whole sequence.
//!
//! A snapshot's list of cases is a fact of the export, kept in `register_snapshot_case` without a
//! history row per case (the snapshot itself, its date, filter and file, is in the history).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use domain::records::CaseRecord;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::DataError;
use crate::code::{CountryFilter, EventKind};
use crate::entity::{case_event, infringement_case, register_snapshot, register_snapshot_case};
use crate::repo::{CaseMerge, merge_cases};
use crate::store::{self, Actor};

#[derive(Clone, Debug, Default, Serialize)]
pub struct RegisterOutcome {
    pub merge: CaseMerge,
    /// False when the same export (date, filter, file) had been imported before.
    pub new_snapshot: bool,
    /// (case, last export listing it, first export without it)
    pub no_longer_active: Vec<(String, NaiveDate, NaiveDate)>,
    /// (case, last export without it, export listing it again)
    pub reopened: Vec<(String, NaiveDate, NaiveDate)>,
    /// Events that an export imported out of order showed to be wrong (kept in the history).
    pub withdrawn_events: Vec<(String, EventKind, NaiveDate, NaiveDate)>,
    /// The latest earlier export with the same filter: its date and how many cases it listed.
    pub previous: Option<(NaiveDate, usize)>,
}

/// Above this share of the cases the previous export listed, an export that closes them is taken
/// for a cut or filtered file until the user says otherwise (`--accept-closures`).
pub const CLOSURE_SHARE_LIMIT_PERCENT: usize = 10;

impl RegisterOutcome {
    pub fn changed_nothing(&self) -> bool {
        let m = &self.merge;
        !self.new_snapshot
            && m.new_cases.is_empty()
            && m.new_decisions.is_empty()
            && m.updated_cases.is_empty()
            && self.no_longer_active.is_empty()
            && self.reopened.is_empty()
            && self.withdrawn_events.is_empty()
    }

    /// The cases this export closes (listed in the previous export, not in this one), when they
    /// are more than [`CLOSURE_SHARE_LIMIT_PERCENT`] % of those the previous export listed.
    pub fn suspicious_closures(&self, taken_on: NaiveDate) -> Option<(usize, Vec<&str>)> {
        let (_, listed) = self.previous?;
        let closing: Vec<&str> = self
            .no_longer_active
            .iter()
            .filter(|(_, _, to)| *to == taken_on)
            .map(|(number, _, _)| number.as_str())
            .collect();
        (closing.len() * 100 > listed * CLOSURE_SHARE_LIMIT_PERCENT).then_some((listed, closing))
    }
}

/// Imports one export: `country` is the member state it was read for (`None`: every one),
/// `taken_on` the date of the export.
pub async fn import<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    records: &[CaseRecord],
    taken_on: NaiveDate,
    country: Option<domain::Country>,
    file_hash: &str,
) -> Result<RegisterOutcome, DataError> {
    let filter = CountryFilter::from(country);
    let mut outcome = RegisterOutcome::default();
    let previous = register_snapshot::Entity::find()
        .filter(register_snapshot::Column::TakenOn.lt(taken_on))
        .filter(register_snapshot::Column::Country.eq(filter))
        .order_by_desc(register_snapshot::Column::TakenOn)
        .one(db)
        .await?;
    if let Some(previous) = previous {
        let listed = register_snapshot_case::Entity::find()
            .filter(register_snapshot_case::Column::SnapshotId.eq(previous.id))
            .count(db)
            .await?;
        outcome.previous = Some((
            previous.taken_on,
            usize::try_from(listed).unwrap_or(usize::MAX),
        ));
    }
    let existing = register_snapshot::Entity::find()
        .filter(register_snapshot::Column::TakenOn.eq(taken_on))
        .filter(register_snapshot::Column::Country.eq(filter))
        .filter(register_snapshot::Column::FileHash.eq(file_hash))
        .one(db)
        .await?;
    if existing.is_none() {
        outcome.new_snapshot = true;
        let key = format!("register {taken_on} {filter}");
        let snapshot: register_snapshot::Model = store::insert(
            db,
            actor,
            &key,
            register_snapshot::ActiveModel {
                taken_on: Set(taken_on),
                country: Set(filter),
                file_hash: Set(file_hash.to_owned()),
                import_run_id: Set(actor.import_run),
                ..Default::default()
            },
        )
        .await?;
        let numbers: BTreeSet<String> = records.iter().map(|r| r.number.to_string()).collect();
        let rows = numbers
            .iter()
            .map(|number| register_snapshot_case::ActiveModel {
                snapshot_id: Set(snapshot.id),
                number: Set(number.clone()),
                ..Default::default()
            })
            .collect();
        store::insert_rows(db, rows).await?;
        outcome.merge = merge_cases(db, actor, records, taken_on).await?;
        let snapshots = register_snapshot::Entity::find().all(db).await?;
        let out_of_order = snapshots.iter().any(|s| {
            s.id != snapshot.id
                && s.taken_on >= taken_on
                && (filter == CountryFilter::All
                    || s.country == CountryFilter::All
                    || s.country == filter)
        });
        if out_of_order {
            recompute_activity(db, actor, &mut outcome).await?;
        } else {
            follow_newest(db, actor, &mut outcome, &snapshot, &snapshots, &numbers).await?;
        }
    } else {
        // The same export again: the snapshots, so the activity, are as they were.
        outcome.merge = merge_cases(db, actor, records, taken_on).await?;
    }
    Ok(outcome)
}

/// The activity an export newer than every other changes: for each case of the countries it
/// covers, its presence in this export against the export before it (the newest earlier one that
/// covers the case's country). Gives what [`recompute_activity`] gives in that situation, from
/// the two neighbouring lists only.
async fn follow_newest<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    outcome: &mut RegisterOutcome,
    new: &register_snapshot::Model,
    snapshots: &[register_snapshot::Model],
    listed: &BTreeSet<String>,
) -> Result<(), DataError> {
    // For each filter, its latest snapshot(s) before this one: the candidates for "the export
    // before" of every country.
    let mut latest: HashMap<CountryFilter, NaiveDate> = HashMap::new();
    for s in snapshots.iter().filter(|s| s.id != new.id) {
        let date = latest.entry(s.country).or_insert(s.taken_on);
        *date = (*date).max(s.taken_on);
    }
    let candidates: Vec<&register_snapshot::Model> = snapshots
        .iter()
        .filter(|s| s.id != new.id && latest.get(&s.country) == Some(&s.taken_on))
        .collect();
    let candidate_ids: Vec<i32> = candidates.iter().map(|s| s.id).collect();
    let mut members: HashMap<i32, BTreeSet<String>> = HashMap::new();
    for row in store::find_in::<register_snapshot_case::Entity, _, _>(
        db,
        register_snapshot_case::Column::SnapshotId,
        &candidate_ids,
    )
    .await?
    {
        members
            .entry(row.snapshot_id)
            .or_default()
            .insert(row.number);
    }
    // The cases whose presence may change: listed now, or in an export before.
    let mut numbers: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    for list in members.values() {
        numbers.extend(list.iter().map(String::as_str));
    }
    let numbers: Vec<String> = numbers.into_iter().map(str::to_owned).collect();
    let cases: Vec<infringement_case::Model> = store::find_in::<infringement_case::Entity, _, _>(
        db,
        infringement_case::Column::Number,
        &numbers,
    )
    .await?
    .into_iter()
    .filter(|c| new.country.covers(c.country))
    .collect();

    // Each case's export before this one, and whether it listed the case.
    let mut before: HashMap<i32, (Option<NaiveDate>, bool)> = HashMap::new();
    for case in &cases {
        let covering: Vec<&&register_snapshot::Model> = candidates
            .iter()
            .filter(|s| s.country.covers(case.country))
            .collect();
        let date = covering.iter().map(|s| s.taken_on).max();
        let present = covering.iter().any(|s| {
            Some(s.taken_on) == date && members.get(&s.id).is_some_and(|m| m.contains(&case.number))
        });
        before.insert(case.id, (date, present));
    }
    // A case listed now and not in the export before: back in the register, if any earlier
    // export listed it; else listed for the first time (no event).
    let returning: Vec<String> = cases
        .iter()
        .filter(|c| {
            listed.contains(&c.number) && before.get(&c.id).is_some_and(|(d, p)| d.is_some() && !p)
        })
        .map(|c| c.number.clone())
        .collect();
    let snapshot_of: HashMap<i32, &register_snapshot::Model> =
        snapshots.iter().map(|s| (s.id, s)).collect();
    let mut listed_in: HashMap<String, Vec<i32>> = HashMap::new();
    for row in store::find_in::<register_snapshot_case::Entity, _, _>(
        db,
        register_snapshot_case::Column::Number,
        &returning,
    )
    .await?
    {
        listed_in
            .entry(row.number)
            .or_default()
            .push(row.snapshot_id);
    }

    let case_ids: Vec<i32> = cases.iter().map(|c| c.id).collect();
    let stored = store::grouped(
        store::find_in::<case_event::Entity, _, _>(db, case_event::Column::CaseId, &case_ids)
            .await?,
        |e| e.case_id,
    );
    let mut new_events = Vec::new();
    let mut changed = Vec::new();
    for case in cases {
        let now = listed.contains(&case.number);
        let (prev_date, then) = before.get(&case.id).copied().unwrap_or((None, false));
        // Listed by an earlier export that covers its country (looked up only where it matters:
        // every other covering export is earlier than this one).
        let earlier = then
            || listed_in.get(&case.number).is_some_and(|ids| {
                ids.iter().any(|id| {
                    *id != new.id
                        && snapshot_of
                            .get(id)
                            .is_some_and(|s| s.country.covers(case.country))
                })
            });
        let event = match (prev_date, then, now) {
            (Some(from), true, false) => Some((EventKind::Inactive, from)),
            (Some(from), false, true) if earlier => Some((EventKind::Reopened, from)),
            _ => None,
        };
        if let Some((kind, from)) = event {
            let known = stored.get(&case.id).is_some_and(|es| {
                es.iter()
                    .any(|e| e.kind == kind && e.from_date == from && e.to_date == new.taken_on)
            });
            if !known {
                let entry = (case.number.clone(), from, new.taken_on);
                match kind {
                    EventKind::Inactive => outcome.no_longer_active.push(entry),
                    EventKind::Reopened => outcome.reopened.push(entry),
                }
                new_events.push((
                    case.number.clone(),
                    case_event::ActiveModel {
                        case_id: Set(case.id),
                        kind: Set(kind),
                        from_date: Set(from),
                        to_date: Set(new.taken_on),
                        ..Default::default()
                    },
                ));
            }
        }
        // Active as the newest export says, once any export has listed the case.
        if (now || then || earlier) && case.active != now {
            let am = infringement_case::ActiveModel {
                active: Set(now),
                ..Default::default()
            };
            changed.push((case.number.clone(), case, am));
        }
    }
    store::update_all(db, actor, changed).await?;
    store::insert_all::<case_event::Model, _, _>(db, actor, new_events).await?;
    Ok(())
}

/// One case's presence in the exports that cover its country, in date order.
fn events_of(
    presence: &[(NaiveDate, bool)],
) -> (Vec<(EventKind, NaiveDate, NaiveDate)>, Option<bool>) {
    let mut events = Vec::new();
    let first = presence.iter().position(|(_, present)| *present);
    let Some(first) = first else {
        return (events, None);
    };
    let mut previous = presence[first];
    for &(date, present) in &presence[first + 1..] {
        match (previous.1, present) {
            (true, false) => events.push((EventKind::Inactive, previous.0, date)),
            (false, true) => events.push((EventKind::Reopened, previous.0, date)),
            _ => {}
        }
        previous = (date, present);
    }
    (events, presence.last().map(|(_, p)| *p))
}

async fn recompute_activity<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    outcome: &mut RegisterOutcome,
) -> Result<(), DataError> {
    let snapshots = register_snapshot::Entity::find().all(db).await?;
    let country_of: HashMap<i32, (NaiveDate, CountryFilter)> = snapshots
        .iter()
        .map(|s| (s.id, (s.taken_on, s.country)))
        .collect();
    // For each (date, country filter): the case numbers listed.
    let mut listed: BTreeMap<(NaiveDate, CountryFilter), BTreeSet<String>> = BTreeMap::new();
    for s in &snapshots {
        listed.entry((s.taken_on, s.country)).or_default();
    }
    for row in register_snapshot_case::Entity::find().all(db).await? {
        if let Some(key) = country_of.get(&row.snapshot_id) {
            listed.entry(*key).or_default().insert(row.number);
        }
    }
    let mut stored: HashMap<i32, Vec<case_event::Model>> = HashMap::new();
    for e in case_event::Entity::find().all(db).await? {
        stored.entry(e.case_id).or_default().push(e);
    }
    let mut new_events = Vec::new();
    for case in infringement_case::Entity::find().all(db).await? {
        // The export dates that cover this case's country, with whether the case was listed.
        let mut presence: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        for ((date, filter), numbers) in &listed {
            if filter.covers(case.country) {
                let entry = presence.entry(*date).or_insert(false);
                *entry |= numbers.contains(&case.number);
            }
        }
        let presence: Vec<(NaiveDate, bool)> = presence.into_iter().collect();
        let (events, active) = events_of(&presence);
        let Some(active) = active else { continue };
        let mut old = stored.remove(&case.id).unwrap_or_default();
        for (kind, from, to) in events {
            if let Some(i) = old
                .iter()
                .position(|e| e.kind == kind && e.from_date == from && e.to_date == to)
            {
                old.remove(i);
                continue;
            }
            match kind {
                EventKind::Inactive => {
                    outcome
                        .no_longer_active
                        .push((case.number.clone(), from, to))
                }
                EventKind::Reopened => outcome.reopened.push((case.number.clone(), from, to)),
            }
            new_events.push((
                case.number.clone(),
                case_event::ActiveModel {
                    case_id: Set(case.id),
                    kind: Set(kind),
                    from_date: Set(from),
                    to_date: Set(to),
                    ..Default::default()
                },
            ));
        }
        for stale in old {
            outcome.withdrawn_events.push((
                case.number.clone(),
                stale.kind,
                stale.from_date,
                stale.to_date,
            ));
            store::delete(db, actor, &case.number, &stale).await?;
        }
        if case.active != active {
            let am = infringement_case::ActiveModel {
                active: Set(active),
                ..Default::default()
            };
            store::update(db, actor, &case.number.clone(), &case, am).await?;
        }
    }
    store::insert_all::<case_event::Model, _, _>(db, actor, new_events).await?;
    Ok(())
}

/// The inferred events of a case, oldest first.
pub async fn events<C: ConnectionTrait>(
    db: &C,
    case_id: i32,
) -> Result<Vec<case_event::Model>, DataError> {
    let mut all = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(case_id))
        .all(db)
        .await?;
    all.sort_by_key(|e| (e.to_date, e.from_date));
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::events_of;
    use crate::code::{Code, EventKind};
    use chrono::NaiveDate;

    fn d(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, 1).unwrap()
    }

    fn check(presence: &[(u32, bool)], events: &[(&str, u32, u32)], active: Option<bool>) {
        let presence: Vec<_> = presence.iter().map(|&(m, p)| (d(m), p)).collect();
        let expected: Vec<_> = events
            .iter()
            .map(|&(k, a, b)| (EventKind::from_code(k).expect(k), d(a), d(b)))
            .collect();
        assert_eq!(events_of(&presence), (expected, active), "{presence:?}");
    }

    #[test]
    fn events_from_presence_in_successive_exports() {
        check(&[], &[], None);
        check(&[(1, false), (2, false)], &[], None);
        check(&[(1, true), (2, true)], &[], Some(true));
        check(&[(1, true), (2, false)], &[("inactive", 1, 2)], Some(false));
        check(&[(1, false), (2, true)], &[], Some(true));
        check(
            &[(1, true), (2, false), (3, false), (4, true)],
            &[("inactive", 1, 2), ("reopened", 3, 4)],
            Some(true),
        );
        check(
            &[(1, true), (2, false), (3, true), (4, false)],
            &[("inactive", 1, 2), ("reopened", 2, 3), ("inactive", 3, 4)],
            Some(false),
        );
    }
}
