//! The e-mail notifications' records: contacts (written through `store`, so adding and removing
//! one is in the history), the people to tell (contacts and users of the web application with an
//! address and an administration, one recipient per address), the runs of `scoreboard notify`,
//! and the outbox, one row per item of a digest, whose unique `item_key` is what makes an item
//! never go twice.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use serde::Serialize;

use crate::code::{HistoryAction, HistoryTable, Lang, OutboxStatus, OutboxSubject};
use crate::entity::{contact, history, notify_run, outbox};
use crate::repo::{authorities, find_authority};
use crate::users::check_email;
use crate::{Actor, DataError, store};

/// A contact with its administration's code.
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    #[serde(flatten)]
    pub model: contact::Model,
    pub authority: String,
}

/// Adds a contact to an administration; the same address twice for one administration is refused.
pub async fn add_contact<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    authority: &str,
    email: &str,
    name: Option<String>,
    lang: Lang,
) -> Result<Contact, DataError> {
    let known = authorities(db).await?;
    let a = find_authority(&known, authority)?;
    let email = check_email(email)?.to_lowercase();
    let key = format!("{} {email}", a.code);
    let existing = contact::Entity::find()
        .filter(contact::Column::AuthorityId.eq(a.id))
        .filter(contact::Column::Email.eq(email.clone()))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(DataError::Exists {
            what: "contact",
            key,
        });
    }
    let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    let model = store::insert::<contact::Model, _, _>(
        db,
        actor,
        &key,
        contact::ActiveModel {
            id: NotSet,
            version: Set(1),
            authority_id: Set(a.id),
            email: Set(email),
            name: Set(name),
            lang: Set(lang),
            created_at: Set(actor.at),
            updated_at: Set(actor.at),
        },
    )
    .await?;
    Ok(Contact {
        model,
        authority: a.code.clone(),
    })
}

/// The contacts, by administration and address; of one administration if given.
pub async fn contacts<C: ConnectionTrait>(
    db: &C,
    authority: Option<&str>,
) -> Result<Vec<Contact>, DataError> {
    let known = authorities(db).await?;
    let mut query = contact::Entity::find();
    if let Some(text) = authority {
        let a = find_authority(&known, text)?;
        query = query.filter(contact::Column::AuthorityId.eq(a.id));
    }
    let mut out: Vec<Contact> = query
        .all(db)
        .await?
        .into_iter()
        .map(|model| Contact {
            authority: known
                .iter()
                .find(|a| a.id == model.authority_id)
                .map(|a| a.code.clone())
                .unwrap_or_default(),
            model,
        })
        .collect();
    out.sort_by(|a, b| (&a.authority, &a.model.email).cmp(&(&b.authority, &b.model.email)));
    Ok(out)
}

/// Removes a contact; its last values stay in the history.
pub async fn remove_contact<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    authority: &str,
    email: &str,
) -> Result<Contact, DataError> {
    let known = authorities(db).await?;
    let a = find_authority(&known, authority)?;
    let wanted = email.trim().to_lowercase();
    let key = format!("{} {wanted}", a.code);
    let Some(model) = contact::Entity::find()
        .filter(contact::Column::AuthorityId.eq(a.id))
        .filter(contact::Column::Email.eq(wanted))
        .one(db)
        .await?
    else {
        return Err(DataError::NotFound {
            what: "contact",
            key,
        });
    };
    store::delete(db, actor, &key, &model).await?;
    Ok(Contact {
        model,
        authority: a.code.clone(),
    })
}

/// Someone `notify` writes to: one per address, with every administration the address is a
/// contact or a user of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// In lower case.
    pub email: String,
    pub name: Option<String>,
    pub lang: Lang,
    /// Administration codes, sorted.
    pub authorities: Vec<String>,
}

/// The contacts, and the enabled users of the web application with an address and at least one
/// administration, merged by address (a contact's name and language first, then a user's login
/// and page language): an address gets one digest, never two.
pub async fn recipients<C: ConnectionTrait>(db: &C) -> Result<Vec<Recipient>, DataError> {
    let mut by_email: BTreeMap<String, Recipient> = BTreeMap::new();
    for c in contacts(db, None).await? {
        let r = by_email
            .entry(c.model.email.clone())
            .or_insert_with(|| Recipient {
                email: c.model.email.clone(),
                name: c.model.name.clone(),
                lang: c.model.lang,
                authorities: Vec::new(),
            });
        r.authorities.push(c.authority);
    }
    let users = crate::users::users(db).await?;
    for u in users {
        let Some(email) = u.model.email.as_deref() else {
            continue;
        };
        if u.model.disabled || u.authorities.is_empty() {
            continue;
        }
        let email = email.trim().to_lowercase();
        let r = by_email.entry(email.clone()).or_insert_with(|| Recipient {
            email,
            name: Some(u.model.login.clone()),
            lang: u.model.lang,
            authorities: Vec::new(),
        });
        r.authorities.extend(u.authorities.iter().cloned());
    }
    Ok(by_email
        .into_values()
        .map(|mut r| {
            r.authorities.sort();
            r.authorities.dedup();
            r
        })
        .collect())
}

/// The last run that sent, or tried to send (a dry run leaves none).
pub async fn last_run<C: ConnectionTrait>(db: &C) -> Result<Option<notify_run::Model>, DataError> {
    Ok(notify_run::Entity::find()
        .order_by_desc(notify_run::Column::Id)
        .one(db)
        .await?)
}

/// The CELEX of every directive added, given a lead or given an associated administration since
/// `since` (by any path: a table, a sync, the command line, the web application), from the
/// history.
pub async fn directives_assigned_since<C: ConnectionTrait>(
    db: &C,
    since: DateTime<Utc>,
) -> Result<BTreeSet<String>, DataError> {
    let rows = history::Entity::find()
        .filter(history::Column::At.gt(since))
        .filter(
            history::Column::TableName
                .eq(HistoryTable::Directive)
                .and(
                    history::Column::Action
                        .eq(HistoryAction::Insert)
                        .or(history::Column::Field.eq("lead_authority_id")),
                )
                .or(history::Column::TableName
                    .eq(HistoryTable::DirectiveAuthority)
                    .and(history::Column::Action.eq(HistoryAction::Insert))),
        )
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|h| h.record_key).collect())
}

/// The outbox's items not sent yet (pending, or failed at an earlier run).
pub async fn open_items<C: ConnectionTrait>(db: &C) -> Result<Vec<outbox::Model>, DataError> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([OutboxStatus::Pending, OutboxStatus::Failed]))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?)
}

/// Which of these item keys were sent already.
pub async fn sent_keys<C: ConnectionTrait>(
    db: &C,
    keys: &[String],
) -> Result<HashSet<String>, DataError> {
    Ok(
        store::find_in::<outbox::Entity, _, _>(db, outbox::Column::ItemKey, keys)
            .await?
            .into_iter()
            .filter(|m| m.status == OutboxStatus::Sent)
            .map(|m| m.item_key)
            .collect(),
    )
}

/// An item `notify` decided to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewItem {
    pub recipient: String,
    pub lang: Lang,
    pub subject: OutboxSubject,
    pub record_key: String,
    pub deadline: Option<NaiveDate>,
    pub step: String,
    pub authority_code: Option<String>,
}

impl NewItem {
    /// What makes an item once-only: recipient, subject, record, deadline, step; for a campaign
    /// also the administration, since each administration answers for itself (a person who is
    /// the contact of two late administrations is reminded of both).
    pub fn key(&self) -> String {
        let mut key = format!(
            "{}|{}|{}|{}|{}",
            self.recipient,
            self.subject.to_value(),
            self.record_key,
            self.deadline.map(|d| d.to_string()).unwrap_or_default(),
            self.step
        );
        if self.subject == OutboxSubject::Campaign {
            key.push('|');
            key.push_str(self.authority_code.as_deref().unwrap_or_default());
        }
        key
    }
}

/// Starts a run and queues its items as pending (an item left open by an earlier run is taken
/// over by this one); marks the open items no longer due as superseded. Returns the run and the
/// outbox ids of the items, in the order given.
pub async fn start_run<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    as_of: NaiveDate,
    items: &[NewItem],
    superseded: &[i32],
) -> Result<(notify_run::Model, Vec<i32>), DataError> {
    let run = notify_run::ActiveModel {
        id: NotSet,
        started_at: Set(actor.at),
        finished_at: Set(None),
        as_of: Set(as_of),
        user_name: Set(actor.user.clone()),
        sent: Set(0),
        failed: Set(0),
        skipped: Set(0),
        superseded: Set(i32::try_from(superseded.len()).unwrap_or(i32::MAX)),
    }
    .insert(db)
    .await?;
    if !superseded.is_empty() {
        outbox::Entity::update_many()
            .col_expr(
                outbox::Column::Status,
                Expr::value(OutboxStatus::Superseded.to_value()),
            )
            .col_expr(outbox::Column::RunId, Expr::value(run.id))
            .filter(outbox::Column::Id.is_in(superseded.iter().copied()))
            .exec(db)
            .await?;
    }
    let keys: Vec<String> = items.iter().map(NewItem::key).collect();
    let existing: BTreeMap<String, outbox::Model> =
        store::find_in::<outbox::Entity, _, _>(db, outbox::Column::ItemKey, &keys)
            .await?
            .into_iter()
            .map(|m| (m.item_key.clone(), m))
            .collect();
    let mut ids = Vec::with_capacity(items.len());
    for (item, key) in items.iter().zip(keys) {
        let id = match existing.get(&key) {
            Some(old) => {
                if old.status == OutboxStatus::Sent {
                    return Err(DataError::Invalid(format!(
                        "outbox item {key} was sent already: it cannot be queued again"
                    )));
                }
                let mut am: outbox::ActiveModel = old.clone().into();
                am.run_id = Set(run.id);
                am.as_of = Set(as_of);
                am.status = Set(OutboxStatus::Pending);
                am.update(db).await?.id
            }
            None => {
                outbox::ActiveModel {
                    id: NotSet,
                    item_key: Set(key),
                    recipient: Set(item.recipient.clone()),
                    lang: Set(item.lang),
                    subject: Set(item.subject),
                    record_key: Set(item.record_key.clone()),
                    deadline: Set(item.deadline),
                    step: Set(item.step.clone()),
                    authority_code: Set(item.authority_code.clone()),
                    status: Set(OutboxStatus::Pending),
                    attempts: Set(0),
                    last_error: Set(None),
                    message_id: Set(None),
                    as_of: Set(as_of),
                    queued_at: Set(actor.at),
                    sent_at: Set(None),
                    run_id: Set(run.id),
                }
                .insert(db)
                .await?
                .id
            }
        };
        ids.push(id);
    }
    Ok((run, ids))
}

/// Marks items sent by the mail with this Message-ID.
pub async fn mark_sent<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    message_id: &str,
    at: DateTime<Utc>,
) -> Result<(), DataError> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Sent.to_value()),
        )
        .col_expr(outbox::Column::MessageId, Expr::value(message_id))
        .col_expr(outbox::Column::SentAt, Expr::value(at))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks items failed with the server's answer; the next run tries them again.
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
    error: &str,
) -> Result<(), DataError> {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(OutboxStatus::Failed.to_value()),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Closes a run with its counts of items.
pub async fn finish_run<C: ConnectionTrait>(
    db: &C,
    run: &notify_run::Model,
    sent: usize,
    failed: usize,
    skipped: usize,
    at: DateTime<Utc>,
) -> Result<(), DataError> {
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    let mut am: notify_run::ActiveModel = run.clone().into();
    am.sent = Set(count(sent));
    am.failed = Set(count(failed));
    am.skipped = Set(count(skipped));
    am.finished_at = Set(Some(at));
    am.update(db).await?;
    Ok(())
}

/// The outbox, newest first (`notify --outbox`, the tests).
pub async fn outbox<C: ConnectionTrait>(db: &C) -> Result<Vec<outbox::Model>, DataError> {
    Ok(outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_campaign_item_is_once_per_administration() {
        let item = |subject, authority: &str| NewItem {
            recipient: "anne@example.be".into(),
            lang: Lang::Fr,
            subject,
            record_key: "SIEG 2022".into(),
            deadline: NaiveDate::from_ymd_opt(2022, 9, 30),
            step: "7d".into(),
            authority_code: Some(authority.into()),
        };
        assert_ne!(
            item(OutboxSubject::Campaign, "BE").key(),
            item(OutboxSubject::Campaign, "BRUGEL").key()
        );
        // A deadline is one item for the person, whichever administration it is told as.
        assert_eq!(
            item(OutboxSubject::Transposition, "BE").key(),
            item(OutboxSubject::Transposition, "BRUGEL").key()
        );
    }
}
