//! Meetings (Concertation Committee, euro-coordinators, Commission bilateral, correspondents) and
//! the packs printed for them, EU Pilot cases, and the facts the indicators are computed from.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::DataError;
use crate::code::{Code, MeetingKind};
use crate::entity::{eu_pilot, meeting, meeting_pack};
use crate::store::{self, Actor};

/// The shape of the meeting packs' views this version writes (`meeting_pack.view_format`). Raise
/// it when the view's stored form changes, and keep reading the older formats where the pack is read.
pub const PACK_FORMAT: i32 = 1;

pub async fn add_meeting<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    kind: &str,
    held_on: NaiveDate,
    notes: Option<String>,
) -> Result<meeting::Model, DataError> {
    let Some(kind) = MeetingKind::from_code(kind) else {
        return Err(DataError::Invalid(format!(
            "meeting kind \"{kind}\": expected one of {}",
            MeetingKind::codes().join(", ")
        )));
    };
    let am = meeting::ActiveModel {
        kind: Set(kind),
        held_on: Set(held_on),
        notes: Set(notes),
        ..Default::default()
    };
    store::insert(db, actor, &format!("meeting {kind} {held_on}"), am).await
}

pub async fn meetings<C: ConnectionTrait>(db: &C) -> Result<Vec<meeting::Model>, DataError> {
    Ok(meeting::Entity::find()
        .order_by_asc(meeting::Column::HeldOn)
        .order_by_asc(meeting::Column::Id)
        .all(db)
        .await?)
}

pub async fn meeting<C: ConnectionTrait>(db: &C, id: i32) -> Result<meeting::Model, DataError> {
    meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "meeting",
            key: id.to_string(),
        })
}

/// Keeps what a meeting's pack showed (one per meeting and language: a pack made again replaces
/// the previous one's place as "the" pack, both stay stored).
pub async fn store_pack<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    meeting: &meeting::Model,
    lang: domain::Lang,
    as_of: NaiveDate,
    view: String,
) -> Result<(), DataError> {
    let am = meeting_pack::ActiveModel {
        meeting_id: Set(meeting.id),
        lang: Set(lang.into()),
        as_of: Set(as_of),
        view: Set(view),
        view_format: Set(PACK_FORMAT),
        created_at: Set(actor.at),
        ..Default::default()
    };
    store::insert::<meeting_pack::Model, _, _>(
        db,
        actor,
        &format!("meeting {} {}", meeting.kind, meeting.held_on),
        am,
    )
    .await?;
    Ok(())
}

/// The latest pack, in `lang`, of the latest meeting held before `meeting`.
pub async fn previous_pack<C: ConnectionTrait>(
    db: &C,
    meeting: &meeting::Model,
    lang: domain::Lang,
) -> Result<Option<meeting_pack::Model>, DataError> {
    let earlier: Vec<i32> = meetings(db)
        .await?
        .into_iter()
        .filter(|m| (m.held_on, m.id) < (meeting.held_on, meeting.id))
        .map(|m| m.id)
        .collect();
    if earlier.is_empty() {
        return Ok(None);
    }
    let packs = meeting_pack::Entity::find()
        .filter(meeting_pack::Column::MeetingId.is_in(earlier.clone()))
        .filter(meeting_pack::Column::Lang.eq(crate::code::Lang::from(lang)))
        .order_by_asc(meeting_pack::Column::Id)
        .all(db)
        .await?;
    // The pack of the latest earlier meeting that has one.
    Ok(earlier
        .iter()
        .rev()
        .find_map(|id| packs.iter().rfind(|p| p.meeting_id == *id).cloned()))
}

// ---------------------------------------------------------------- EU Pilot

pub async fn pilots<C: ConnectionTrait>(db: &C) -> Result<Vec<eu_pilot::Model>, DataError> {
    Ok(eu_pilot::Entity::find()
        .order_by_asc(eu_pilot::Column::Number)
        .all(db)
        .await?)
}

#[derive(Clone, Debug, Default)]
pub struct PilotFields {
    pub subject: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub lead_authority_id: Option<i32>,
}

/// Adds an EU Pilot case, or changes the fields given of an existing one.
pub async fn set_pilot<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    number: &str,
    f: &PilotFields,
) -> Result<eu_pilot::Model, DataError> {
    let existing = eu_pilot::Entity::find()
        .filter(eu_pilot::Column::Number.eq(number))
        .one(db)
        .await?;
    match existing {
        None => {
            // The default reply deadline of an EU Pilot request: 10 weeks after it was received.
            let deadline = f.reply_deadline.or(f
                .received_on
                .map(|d| domain::reply_deadline(d, domain::ReplyKind::EuPilot)));
            let am = eu_pilot::ActiveModel {
                number: Set(number.to_owned()),
                subject: Set(f.subject.clone()),
                received_on: Set(f.received_on),
                reply_deadline: Set(deadline),
                reply_sent_on: Set(f.reply_sent_on),
                outcome: Set(f.outcome.clone()),
                lead_authority_id: Set(f.lead_authority_id),
                ..Default::default()
            };
            store::insert(db, actor, number, am).await
        }
        Some(old) => {
            let mut am = eu_pilot::ActiveModel::default();
            if f.subject.is_some() {
                am.subject = Set(f.subject.clone());
            }
            if f.received_on.is_some() {
                am.received_on = Set(f.received_on);
            }
            if f.reply_deadline.is_some() {
                am.reply_deadline = Set(f.reply_deadline);
            }
            if f.reply_sent_on.is_some() {
                am.reply_sent_on = Set(f.reply_sent_on);
            }
            if f.outcome.is_some() {
                am.outcome = Set(f.outcome.clone());
            }
            if f.lead_authority_id.is_some() {
                am.lead_authority_id = Set(f.lead_authority_id);
            }
            store::update(db, actor, number, &old, am).await
        }
    }
}
