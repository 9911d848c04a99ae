//! Contribution campaigns: a campaign with its questions and the administrations asked, created
//! in one go; the answers, one per question and administration, written through `store` (a
//! changed answer keeps the old one in the history); and what a campaign holds, read whole.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::QuestionKind;
use crate::entity::{authority, campaign, campaign_answer, campaign_authority, campaign_question};
use crate::repo::{authorities, find_authority};
use crate::{Actor, DataError, store};

/// A campaign to create: its questions in the order of the file.
#[derive(Clone, Debug)]
pub struct NewCampaign {
    pub name: String,
    pub title_fr: String,
    pub title_nl: String,
    pub due: NaiveDate,
    /// Codes or names of the administrations asked.
    pub authorities: Vec<String>,
    pub questions: Vec<domain::campaign::Question>,
}

/// A campaign and everything it holds.
#[derive(Clone, Debug, Serialize)]
pub struct Campaign {
    #[serde(flatten)]
    pub model: campaign::Model,
    /// In the order of the questions file.
    pub questions: Vec<campaign_question::Model>,
    /// The administrations asked, by code.
    pub authorities: Vec<authority::Model>,
    pub answers: Vec<campaign_answer::Model>,
}

impl Campaign {
    /// The questions as the domain has them.
    pub fn domain_questions(&self) -> Vec<domain::campaign::Question> {
        self.questions
            .iter()
            .map(|q| domain::campaign::Question {
                key: q.key.clone(),
                text_fr: q.text_fr.clone(),
                text_nl: q.text_nl.clone(),
                kind: q.kind.into(),
            })
            .collect()
    }

    /// The answer of an administration to a question, if any.
    pub fn answer(&self, question_id: i32, authority_id: i32) -> Option<&campaign_answer::Model> {
        self.answers
            .iter()
            .find(|a| a.question_id == question_id && a.authority_id == authority_id)
    }

    /// Per administration (by code): questions answered and the last day an answer was recorded.
    pub fn answered(&self) -> BTreeMap<String, (usize, Option<NaiveDate>)> {
        self.authorities
            .iter()
            .map(|a| {
                let mine: Vec<&campaign_answer::Model> = self
                    .answers
                    .iter()
                    .filter(|x| x.authority_id == a.id)
                    .collect();
                let last = mine.iter().map(|x| x.answered_on).max();
                (a.code.clone(), (mine.len(), last))
            })
            .collect()
    }
}

/// The key a campaign's history rows carry: its name.
fn question_key(campaign: &str, key: &str) -> String {
    format!("{campaign} {key}")
}

/// Creates a campaign with its questions and administrations; a name taken (case and accents
/// aside) or an unknown administration is refused.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    new: NewCampaign,
) -> Result<Campaign, DataError> {
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(DataError::Invalid(
            "a campaign needs a name, like \"SIEG 2022\"".to_owned(),
        ));
    }
    if find(db, &name).await?.is_some() {
        return Err(DataError::Exists {
            what: "campaign",
            key: name,
        });
    }
    let known = authorities(db).await?;
    let mut asked: Vec<authority::Model> = Vec::new();
    for text in &new.authorities {
        let a = find_authority(&known, text)?;
        if !asked.iter().any(|x| x.id == a.id) {
            asked.push(a.clone());
        }
    }
    if asked.is_empty() {
        return Err(DataError::Invalid(
            "a campaign asks at least one administration: give --authority CODE".to_owned(),
        ));
    }
    asked.sort_by(|a, b| a.code.cmp(&b.code));
    let model = store::insert::<campaign::Model, _, _>(
        db,
        actor,
        &name,
        campaign::ActiveModel {
            id: NotSet,
            version: Set(1),
            name: Set(name.clone()),
            title_fr: Set(new.title_fr),
            title_nl: Set(new.title_nl),
            due: Set(new.due),
            created_at: Set(actor.at),
            updated_at: Set(actor.at),
        },
    )
    .await?;
    let questions = store::insert_all::<campaign_question::Model, _, _>(
        db,
        actor,
        new.questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| {
                (
                    question_key(&name, &q.key),
                    campaign_question::ActiveModel {
                        id: NotSet,
                        campaign_id: Set(model.id),
                        position: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                        key: Set(q.key),
                        text_fr: Set(q.text_fr),
                        text_nl: Set(q.text_nl),
                        kind: Set(QuestionKind::from(q.kind)),
                    },
                )
            })
            .collect(),
    )
    .await?;
    store::insert_all::<campaign_authority::Model, _, _>(
        db,
        actor,
        asked
            .iter()
            .map(|a| {
                (
                    format!("{name} {}", a.code),
                    campaign_authority::ActiveModel {
                        id: NotSet,
                        campaign_id: Set(model.id),
                        authority_id: Set(a.id),
                    },
                )
            })
            .collect(),
    )
    .await?;
    Ok(Campaign {
        model,
        questions,
        authorities: asked,
        answers: Vec::new(),
    })
}

/// The campaigns, by due date then name.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<campaign::Model>, DataError> {
    Ok(campaign::Entity::find()
        .order_by_asc(campaign::Column::Due)
        .order_by_asc(campaign::Column::Name)
        .all(db)
        .await?)
}

/// A campaign by name (case and accents aside), with everything it holds.
pub async fn find<C: ConnectionTrait>(db: &C, name: &str) -> Result<Option<Campaign>, DataError> {
    let wanted = domain::text::fold(name.trim());
    let Some(model) = list(db)
        .await?
        .into_iter()
        .find(|c| domain::text::fold(&c.name) == wanted)
    else {
        return Ok(None);
    };
    Ok(Some(read(db, model).await?))
}

/// A campaign by name; an unknown one is an error naming it.
pub async fn get<C: ConnectionTrait>(db: &C, name: &str) -> Result<Campaign, DataError> {
    find(db, name).await?.ok_or_else(|| DataError::NotFound {
        what: "campaign",
        key: name.trim().to_owned(),
    })
}

/// Every campaign with everything it holds (for `notify`).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Campaign>, DataError> {
    let mut out = Vec::new();
    for model in list(db).await? {
        out.push(read(db, model).await?);
    }
    Ok(out)
}

async fn read<C: ConnectionTrait>(db: &C, model: campaign::Model) -> Result<Campaign, DataError> {
    let questions = campaign_question::Entity::find()
        .filter(campaign_question::Column::CampaignId.eq(model.id))
        .order_by_asc(campaign_question::Column::Position)
        .all(db)
        .await?;
    let ids: Vec<i32> = campaign_authority::Entity::find()
        .filter(campaign_authority::Column::CampaignId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.authority_id)
        .collect();
    let authorities = authority::Entity::find()
        .filter(authority::Column::Id.is_in(ids))
        .order_by_asc(authority::Column::Code)
        .all(db)
        .await?;
    let question_ids: Vec<i32> = questions.iter().map(|q| q.id).collect();
    let answers = store::find_in::<campaign_answer::Entity, _, _>(
        db,
        campaign_answer::Column::QuestionId,
        &question_ids,
    )
    .await?;
    Ok(Campaign {
        model,
        questions,
        authorities,
        answers,
    })
}

/// An answer to record.
#[derive(Clone, Debug)]
pub struct NewAnswer {
    pub key: String,
    /// As stored (`domain::campaign::QuestionKind::read`).
    pub value: String,
    pub comment: Option<String>,
}

/// What recording answers did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Recorded {
    pub new: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
}

/// Records an administration's answers: a new one is inserted, a different one updated (the old
/// value stays in the history), the same one left alone. The keys and the administration must
/// be the campaign's (the importer checked them; this checks again).
pub async fn record_answers<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    campaign: &Campaign,
    authority_code: &str,
    answers: &[NewAnswer],
    on: NaiveDate,
) -> Result<Recorded, DataError> {
    let name = &campaign.model.name;
    let Some(a) = campaign
        .authorities
        .iter()
        .find(|a| a.code == authority_code)
    else {
        return Err(DataError::NotFound {
            what: "campaign administration",
            key: format!("{name} {authority_code}"),
        });
    };
    let mut out = Recorded::default();
    let mut inserts = Vec::new();
    for answer in answers {
        let Some(q) = campaign.questions.iter().find(|q| q.key == answer.key) else {
            return Err(DataError::NotFound {
                what: "campaign question",
                key: question_key(name, &answer.key),
            });
        };
        let key = format!("{name} {} {}", a.code, q.key);
        match campaign.answer(q.id, a.id) {
            Some(old) if old.value == answer.value && old.comment == answer.comment => {
                out.unchanged.push(q.key.clone());
            }
            Some(old) => {
                store::update(
                    db,
                    actor,
                    &key,
                    old,
                    campaign_answer::ActiveModel {
                        value: Set(answer.value.clone()),
                        comment: Set(answer.comment.clone()),
                        answered_on: Set(on),
                        ..Default::default()
                    },
                )
                .await?;
                out.changed.push(q.key.clone());
            }
            None => {
                inserts.push((
                    key,
                    campaign_answer::ActiveModel {
                        id: NotSet,
                        version: Set(1),
                        question_id: Set(q.id),
                        authority_id: Set(a.id),
                        value: Set(answer.value.clone()),
                        comment: Set(answer.comment.clone()),
                        answered_on: Set(on),
                        created_at: Set(actor.at),
                        updated_at: Set(actor.at),
                    },
                ));
                out.new.push(q.key.clone());
            }
        }
    }
    store::insert_all::<campaign_answer::Model, _, _>(db, actor, inserts).await?;
    Ok(out)
}
