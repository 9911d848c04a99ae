//! The edits people make from a page or through the API, applied the same way: the rights of
//! the user, the values read strictly (an impossible date is named, never guessed), then one
//! write transaction through `data` (history with the user's login) from the version the user
//! read, refused when the record moved on since.

use chrono::{NaiveDate, Utc};
use data::repo::{self, CaseFollowUp, DirectivePatch};
use data::users::User;
use data::{Actor, DataError, begin_write};

/// Why an edit was not applied.
#[derive(Debug)]
pub enum EditError {
    NotFound(String),
    /// Outside the user's rights: what the user may edit instead.
    Forbidden(String),
    /// The record is no longer at the version the user read.
    Stale {
        read: i64,
    },
    Invalid {
        field: &'static str,
        found: String,
        expected: &'static str,
    },
    Data(DataError),
}

impl From<DataError> for EditError {
    fn from(e: DataError) -> EditError {
        match e {
            DataError::NotFound { .. } => EditError::NotFound(e.to_string()),
            DataError::Conflict { read, .. } => EditError::Stale { read },
            e => EditError::Data(e),
        }
    }
}

pub const PLANNED_EXPECTED: &str = "a date (30/06/2024 or 2024-06-30) or a period (T2 2024, Q2 2024, juin 2024, 2024), or empty to clear it";
pub const DATE_EXPECTED: &str =
    "a date that exists (30/06/2024 or 2024-06-30), or empty to clear it";

/// What may change on a directive: `None` leaves a field; `Some(None)` clears it.
#[derive(Debug, Default, Clone)]
pub struct DirectiveEdit {
    pub planned: Option<Option<String>>,
    pub risk: Option<Option<String>>,
    pub notes: Option<Option<String>>,
}

/// What may change on a case: its notes, and the reply to one of its decisions (the latest
/// decision awaiting a reply unless `decision` names one by its date).
#[derive(Debug, Default, Clone)]
pub struct CaseEdit {
    pub notes: Option<Option<String>>,
    pub decision: Option<String>,
    pub reply_sent: Option<Option<String>>,
    pub reply_entered: Option<Option<String>>,
}

fn actor(user: &User) -> Actor {
    Actor::new(user.login(), Utc::now())
}

fn blank(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Reads a date field: empty clears it, an unreadable or impossible one is named.
fn date_field(field: &'static str, value: &Option<String>) -> Result<Option<NaiveDate>, EditError> {
    match blank(value) {
        None => Ok(None),
        Some(text) => domain::parse_date(&text)
            .map(Some)
            .map_err(|_| EditError::Invalid {
                field,
                found: text,
                expected: DATE_EXPECTED,
            }),
    }
}

/// Applies an edit to a directive read at `version`; returns the directive as it now is.
pub async fn directive(
    db: &data::Db,
    user: &User,
    celex: &str,
    version: i64,
    edit: &DirectiveEdit,
) -> Result<(), EditError> {
    let planned = match &edit.planned {
        None => None,
        Some(v) => Some(match blank(v) {
            None => None,
            Some(text) => {
                Some(
                    domain::PlannedDate::parse(&text).map_err(|_| EditError::Invalid {
                        field: "planned",
                        found: text.clone(),
                        expected: PLANNED_EXPECTED,
                    })?,
                )
            }
        }),
    };
    let patch = DirectivePatch {
        planned,
        risk: edit.risk.as_ref().map(blank),
        notes: edit.notes.as_ref().map(|n| blank(n).unwrap_or_default()),
        ..Default::default()
    };
    let txn = begin_write(db).await?;
    let row = repo::directive_by_celex(&txn, celex)
        .await?
        .ok_or_else(|| EditError::NotFound(format!("no directive {celex}")))?;
    if !data::users::may_edit_directive(&txn, user, &row).await? {
        return Err(EditError::Forbidden(forbidden(user, "directive", celex)));
    }
    if i64::from(row.version) != version {
        return Err(EditError::Stale { read: version });
    }
    repo::set_directive(&txn, &actor(user), celex, &patch, Some(row.version)).await?;
    txn.commit().await.map_err(DataError::from)?;
    Ok(())
}

fn forbidden(user: &User, what: &str, key: &str) -> String {
    match user.role() {
        data::code::Role::Reader => format!(
            "{} reads only: the {what} {key} cannot be changed",
            user.login()
        ),
        _ => format!(
            "{} edits the records of {}: the {what} {key} is not one of them",
            user.login(),
            if user.authorities.is_empty() {
                "no administration".to_owned()
            } else {
                user.authorities.join(", ")
            }
        ),
    }
}

/// Applies an edit to a case read at `version` (see [`case_version`]).
pub async fn case(
    db: &data::Db,
    user: &User,
    number: &str,
    version: i64,
    edit: &CaseEdit,
) -> Result<(), EditError> {
    let sent = edit
        .reply_sent
        .as_ref()
        .map(|v| date_field("reply_sent", v))
        .transpose()?;
    let entered = edit
        .reply_entered
        .as_ref()
        .map(|v| date_field("reply_entered", v))
        .transpose()?;
    let decided = match blank(&edit.decision) {
        None => None,
        Some(text) => Some(domain::parse_date(&text).map_err(|_| EditError::Invalid {
            field: "decision",
            found: text,
            expected: "the date of one of the case's decisions (2021-02-18)",
        })?),
    };
    let txn = begin_write(db).await?;
    let row = repo::case_by_number(&txn, number).await?;
    if !data::users::may_edit_case(&txn, user, &row).await? {
        return Err(EditError::Forbidden(forbidden(user, "case", number)));
    }
    let current = repo::case_edit_version(&txn, &row).await?;
    if current != version {
        return Err(EditError::Stale { read: version });
    }
    let who = actor(user);
    if let Some(notes) = &edit.notes {
        let f = CaseFollowUp {
            notes: Some(blank(notes).unwrap_or_default()),
            ..Default::default()
        };
        repo::set_case_follow_up(&txn, &who, number, &f).await?;
    }
    if sent.is_some() || entered.is_some() {
        repo::record_reply(&txn, &who, number, decided, sent, entered)
            .await
            .map_err(|e| match e {
                DataError::Invalid(m) => EditError::Invalid {
                    field: "decision",
                    found: decided.map(|d| d.to_string()).unwrap_or_default(),
                    expected: if m.contains("no decision") {
                        "a case with a decision awaiting a reply (this one has none)"
                    } else {
                        "the date of one of the case's decisions awaiting a reply"
                    },
                },
                e => e.into(),
            })?;
    }
    txn.commit().await.map_err(DataError::from)?;
    Ok(())
}

/// The impact note of one administration on a proposal, as a form gives it: every field's text
/// (an empty text clears a field), and the note's version the user read (`0`: there was none).
#[derive(Debug, Clone)]
pub struct ImpactNoteEdit {
    pub version: i64,
    pub fields: Vec<(domain::ImpactField, String)>,
}

/// Writes an administration's impact note in one transaction: started (`impact_new`) if the
/// proposal has none of that administration yet and something is filled in, then every field that
/// differs written (`impact_set`), refused if the note moved on since the version read. Returns
/// whether anything was written.
pub async fn impact_note(
    db: &data::Db,
    user: &User,
    com: &str,
    authority: &str,
    edit: &ImpactNoteEdit,
) -> Result<bool, EditError> {
    let key = format!("{com} {authority}");
    let txn = begin_write(db).await?;
    data::db::serialize(&txn, data::db::Serialized::ImpactNote).await?;
    let p = data::proposals::proposal(&txn, com).await?;
    let concerned = p.lead.as_deref() == Some(authority)
        || p.associated.iter().any(|a| a == authority)
        || p.impact_notes.iter().any(|n| n.authority == authority);
    let known = repo::authorities(&txn).await?;
    let Some(a) = known
        .iter()
        .find(|a| a.code == authority)
        .filter(|_| concerned)
    else {
        return Err(EditError::NotFound(key));
    };
    if !data::users::may_write_impact_note(&txn, user, &p.model, a.id).await? {
        return Err(EditError::Forbidden(forbidden(user, "impact note", &key)));
    }
    let current = p.impact_notes.iter().find(|n| n.authority == authority);
    let read = current.map_or(0, |n| i64::from(n.model.version));
    if read != edit.version {
        return Err(EditError::Stale { read: edit.version });
    }
    let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let changed: Vec<&(domain::ImpactField, String)> = edit
        .fields
        .iter()
        .filter(|(field, value)| {
            text(value).as_deref() != current.and_then(|n| n.model.field(*field))
        })
        .collect();
    if changed.is_empty() {
        return Ok(false);
    }
    let who = actor(user);
    if current.is_none() {
        data::proposals::impact_new(&txn, &who, com, authority).await?;
    }
    for (field, value) in changed {
        data::proposals::impact_set(&txn, &who, com, Some(authority), *field, value).await?;
    }
    txn.commit().await.map_err(DataError::from)?;
    Ok(true)
}

/// Records an administration's answers to a campaign in one transaction, if the user may answer
/// for it and the answers are still those the user read (`read`: [`answers_version`] when the
/// page was shown). The answers are already read by their kind.
pub async fn campaign_answers(
    db: &data::Db,
    user: &User,
    campaign: &str,
    authority: &str,
    read: &str,
    answers: &[data::campaign::NewAnswer],
    on: NaiveDate,
) -> Result<data::campaign::Recorded, EditError> {
    let txn = begin_write(db).await?;
    data::db::serialize(&txn, data::db::Serialized::CampaignAnswers).await?;
    let c = data::campaign::get(&txn, campaign).await?;
    let key = format!("{} {authority}", c.model.name);
    if !c.authorities.iter().any(|a| a.code == authority) {
        return Err(EditError::NotFound(key));
    }
    if !data::users::may_answer_campaign(user, &c, authority) {
        return Err(EditError::Forbidden(forbidden(user, "campaign", &key)));
    }
    if answers_version(&c, authority) != read {
        return Err(EditError::Stale { read: 0 });
    }
    let recorded =
        data::campaign::record_answers(&txn, &actor(user), &c, authority, answers, on).await?;
    txn.commit().await.map_err(DataError::from)?;
    Ok(recorded)
}

/// What an administration's answers to a campaign are at: each answer's id and version, so that
/// a form read before someone else answered is refused rather than overwriting.
pub fn answers_version(c: &data::campaign::Campaign, authority: &str) -> String {
    let Some(a) = c.authorities.iter().find(|a| a.code == authority) else {
        return String::new();
    };
    let mut parts: Vec<String> = c
        .answers
        .iter()
        .filter(|x| x.authority_id == a.id)
        .map(|x| format!("{}.{}", x.id, x.version))
        .collect();
    parts.sort();
    parts.join("-")
}

/// A line of a directive's correlation table as its page sends it.
#[derive(Debug, Clone)]
pub struct CorrelationLineEdit {
    pub provision: String,
    pub measure_id: Option<i32>,
    pub state: domain::CorrelationState,
    pub regional: Option<String>,
    pub reason: Option<String>,
    /// The version of the line read (0: not written yet).
    pub version: i64,
}

/// Writes one line of a directive's correlation table in one transaction, for someone who may
/// edit the directive, from the version read; the line's rule (`domain::provision::check_line`)
/// is the caller's to check first. Returns whether anything changed.
pub async fn correlation_line(
    db: &data::Db,
    user: &User,
    celex: &str,
    edit: &CorrelationLineEdit,
) -> Result<bool, EditError> {
    let txn = begin_write(db).await?;
    let row = repo::directive_by_celex(&txn, celex)
        .await?
        .ok_or_else(|| EditError::NotFound(format!("no directive {celex}")))?;
    if !data::users::may_edit_directive(&txn, user, &row).await? {
        return Err(EditError::Forbidden(forbidden(user, "directive", celex)));
    }
    let line = data::correlation::LineEdit {
        provision: edit.provision.clone(),
        measure_id: edit.measure_id,
        state: edit.state.into(),
        regional_provisions: edit.regional.clone(),
        reason: edit.reason.clone(),
        read_version: i32::try_from(edit.version)
            .map_err(|_| EditError::Stale { read: edit.version })?,
    };
    let changed = data::correlation::set_line(&txn, &actor(user), &row, &line).await?;
    txn.commit().await.map_err(DataError::from)?;
    Ok(changed)
}
