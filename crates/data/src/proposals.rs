//! Proposals for directives and the administrations' ex-ante impact notes: every write through
//! `store` (history keyed by the COM number, `COM(2021) 557`, and for a note by the COM number and
//! the administration, `COM(2021) 557 BE`), and the adoption that turns a proposal into a tracked
//! directive with the proposal's administrations and competence, linked both ways.

use chrono::NaiveDate;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{Competence, ProposalStage};
use crate::entity::{
    authority, directive, impact_note, proposal, proposal_adoption, proposal_authority,
    proposal_stage,
};
use crate::repo::{authorities, directive_by_celex, find_authority};
use crate::{Actor, DataError, store};

/// A proposal with its administrations, stages, directive and impact notes.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalView {
    #[serde(flatten)]
    pub model: proposal::Model,
    /// Authority codes.
    pub lead: Option<String>,
    pub associated: Vec<String>,
    /// The stages reached, in the order of the negotiation.
    pub stages: Vec<StageView>,
    /// The CELEX of the directive it became.
    pub directive: Option<String>,
    pub impact_notes: Vec<ImpactNoteView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageView {
    pub stage: ProposalStage,
    pub reached_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactNoteView {
    #[serde(flatten)]
    pub model: impact_note::Model,
    pub authority: String,
}

impl ProposalView {
    /// The stage reached last in the negotiation's order.
    pub fn current_stage(&self) -> Option<&StageView> {
        self.stages.last()
    }

    pub fn title(&self, lang: domain::Lang) -> Option<&str> {
        let own = match lang {
            domain::Lang::Fr => &self.model.title_fr,
            domain::Lang::Nl => &self.model.title_nl,
            domain::Lang::En => &self.model.title_en,
        };
        own.as_deref()
            .or(self.model.title_en.as_deref())
            .or(self.model.title_fr.as_deref())
            .or(self.model.title_nl.as_deref())
    }
}

/// What `proposal add` gives.
#[derive(Debug, Clone, Default)]
pub struct NewProposal {
    pub com: String,
    pub procedure: Option<String>,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    pub competence: Option<Competence>,
    /// The date of the Commission's proposal (its first stage).
    pub proposed_on: Option<NaiveDate>,
}

/// What `proposal set` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProposalPatch {
    pub procedure: Option<String>,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    pub competence: Option<Competence>,
    /// An empty text clears the notes.
    pub notes: Option<String>,
    /// `Some(Some(reason))` flags the proposal at risk, `Some(None)` clears the flag.
    pub risk: Option<Option<String>>,
    pub stage: Option<(ProposalStage, Option<NaiveDate>)>,
}

fn not_found(com: &str) -> DataError {
    DataError::NotFound {
        what: "proposal",
        key: com.to_owned(),
    }
}

async fn row<C: ConnectionTrait>(db: &C, com: &str) -> Result<proposal::Model, DataError> {
    proposal::Entity::find()
        .filter(proposal::Column::ComNumber.eq(com))
        .one(db)
        .await?
        .ok_or_else(|| not_found(com))
}

/// Adds a proposal that is not followed yet.
pub async fn add_proposal<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    new: &NewProposal,
) -> Result<ProposalView, DataError> {
    if proposal::Entity::find()
        .filter(proposal::Column::ComNumber.eq(new.com.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DataError::Exists {
            what: "proposal",
            key: new.com.clone(),
        });
    }
    let known = authorities(db).await?;
    let lead = match &new.lead {
        Some(text) => Some(find_authority(&known, text)?.id),
        None => None,
    };
    let model = store::insert::<proposal::Model, _, _>(
        db,
        actor,
        &new.com,
        proposal::ActiveModel {
            id: NotSet,
            version: Set(1),
            created_at: Set(actor.at),
            updated_at: Set(actor.at),
            com_number: Set(new.com.clone()),
            lead_authority_id: Set(lead),
            procedure: Set(new.procedure.clone()),
            title_fr: Set(new.title_fr.clone()),
            title_nl: Set(new.title_nl.clone()),
            title_en: Set(new.title_en.clone()),
            competence: Set(new.competence.unwrap_or(Competence::ToBeDetermined)),
            notes: Set(None),
            at_risk: Set(false),
            risk_reason: Set(None),
        },
    )
    .await?;
    add_associated(db, actor, &model, &known, &new.associated).await?;
    set_stage(
        db,
        actor,
        &model,
        ProposalStage::CommissionProposal,
        new.proposed_on,
    )
    .await?;
    view(db, model).await
}

async fn add_associated<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    model: &proposal::Model,
    known: &[authority::Model],
    names: &[String],
) -> Result<(), DataError> {
    let existing: Vec<i32> = proposal_authority::Entity::find()
        .filter(proposal_authority::Column::ProposalId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.authority_id)
        .collect();
    let mut rows = Vec::new();
    let mut seen = existing.clone();
    for name in names {
        let a = find_authority(known, name)?;
        if Some(a.id) == model.lead_authority_id {
            return Err(DataError::Invalid(format!(
                "{} leads {}: it cannot be associated too",
                a.code, model.com_number
            )));
        }
        if !seen.contains(&a.id) {
            seen.push(a.id);
            rows.push((
                model.com_number.clone(),
                proposal_authority::ActiveModel {
                    id: NotSet,
                    proposal_id: Set(model.id),
                    authority_id: Set(a.id),
                },
            ));
        }
    }
    store::insert_all::<proposal_authority::Model, _, _>(db, actor, rows).await?;
    Ok(())
}

/// Records that a proposal reached a stage (once per stage; a new date for a stage already
/// recorded replaces the old one, which the history keeps).
pub async fn set_stage<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    model: &proposal::Model,
    stage: ProposalStage,
    reached_on: Option<NaiveDate>,
) -> Result<(), DataError> {
    let old = proposal_stage::Entity::find()
        .filter(proposal_stage::Column::ProposalId.eq(model.id))
        .filter(proposal_stage::Column::Stage.eq(stage))
        .one(db)
        .await?;
    match old {
        Some(old) => {
            if reached_on.is_some() && old.reached_on != reached_on {
                let am = proposal_stage::ActiveModel {
                    reached_on: Set(reached_on),
                    ..Default::default()
                };
                store::update(db, actor, &model.com_number, &old, am).await?;
            }
        }
        None => {
            store::insert::<proposal_stage::Model, _, _>(
                db,
                actor,
                &model.com_number,
                proposal_stage::ActiveModel {
                    id: NotSet,
                    proposal_id: Set(model.id),
                    stage: Set(stage),
                    reached_on: Set(reached_on),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Changes a proposal.
pub async fn set_proposal<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    com: &str,
    patch: &ProposalPatch,
) -> Result<ProposalView, DataError> {
    let old = row(db, com).await?;
    let known = authorities(db).await?;
    let mut am = <proposal::ActiveModel as Default>::default();
    if let Some(p) = &patch.procedure {
        am.procedure = Set(Some(p.clone()));
    }
    if let Some(t) = &patch.title_fr {
        am.title_fr = Set(Some(t.clone()));
    }
    if let Some(t) = &patch.title_nl {
        am.title_nl = Set(Some(t.clone()));
    }
    if let Some(t) = &patch.title_en {
        am.title_en = Set(Some(t.clone()));
    }
    if let Some(text) = &patch.lead {
        am.lead_authority_id = Set(Some(find_authority(&known, text)?.id));
    }
    if let Some(c) = patch.competence {
        am.competence = Set(c);
    }
    if let Some(n) = &patch.notes {
        am.notes = Set(Some(n.trim().to_owned()).filter(|n| !n.is_empty()));
    }
    if let Some(risk) = &patch.risk {
        am.at_risk = Set(risk.is_some());
        am.risk_reason = Set(risk.clone());
    }
    let model = store::update(db, actor, com, &old, am).await?;
    add_associated(db, actor, &model, &known, &patch.associated).await?;
    if let Some((stage, on)) = patch.stage {
        set_stage(db, actor, &model, stage, on).await?;
    }
    view(db, model).await
}

/// Every proposal followed, by COM number (year, then number).
pub async fn proposals<C: ConnectionTrait>(db: &C) -> Result<Vec<ProposalView>, DataError> {
    let models = proposal::Entity::find()
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        out.push(view(db, m).await?);
    }
    out.sort_by_key(|v| {
        domain::ComNumber::parse(&v.model.com_number)
            .map(|c| (c.year, c.number))
            .unwrap_or_default()
    });
    Ok(out)
}

/// One proposal by its COM number as stored (`COM(2021) 557`).
pub async fn proposal<C: ConnectionTrait>(db: &C, com: &str) -> Result<ProposalView, DataError> {
    let model = row(db, com).await?;
    view(db, model).await
}

/// The proposal a directive came from, if the unit followed it.
pub async fn proposal_of_directive<C: ConnectionTrait>(
    db: &C,
    directive_id: i32,
) -> Result<Option<ProposalView>, DataError> {
    let Some(link) = proposal_adoption::Entity::find()
        .filter(proposal_adoption::Column::DirectiveId.eq(directive_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let model = proposal::Entity::find_by_id(link.proposal_id)
        .one(db)
        .await?
        .ok_or_else(|| not_found(&link.proposal_id.to_string()))?;
    Ok(Some(view(db, model).await?))
}

async fn view<C: ConnectionTrait>(
    db: &C,
    model: proposal::Model,
) -> Result<ProposalView, DataError> {
    let known = authorities(db).await?;
    let code = |id: i32| {
        known
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    let associated = proposal_authority::Entity::find()
        .filter(proposal_authority::Column::ProposalId.eq(model.id))
        .order_by_asc(proposal_authority::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| code(r.authority_id))
        .collect();
    let mut stages: Vec<StageView> = proposal_stage::Entity::find()
        .filter(proposal_stage::Column::ProposalId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| StageView {
            stage: s.stage,
            reached_on: s.reached_on,
        })
        .collect();
    stages.sort_by_key(|s| s.stage);
    let directive = match proposal_adoption::Entity::find()
        .filter(proposal_adoption::Column::ProposalId.eq(model.id))
        .one(db)
        .await?
    {
        Some(link) => directive::Entity::find_by_id(link.directive_id)
            .one(db)
            .await?
            .map(|d| d.celex),
        None => None,
    };
    let impact_notes = impact_note::Entity::find()
        .filter(impact_note::Column::ProposalId.eq(model.id))
        .order_by_asc(impact_note::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| ImpactNoteView {
            authority: code(n.authority_id),
            model: n,
        })
        .collect();
    Ok(ProposalView {
        lead: model.lead_authority_id.map(code),
        associated,
        stages,
        directive,
        impact_notes,
        model,
    })
}

/// Makes the directive a proposal became tracked, with the proposal's lead, associated
/// administrations, competence and titles where the directive has none, and the given deadlines;
/// links the two and records the stage "adopted". A directive already tracked keeps what it has;
/// one led by another administration is refused (say which leads first).
pub async fn adopt<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    com: &str,
    directive_id: &domain::DirectiveId,
    deadlines: &[NaiveDate],
    adopted_on: Option<NaiveDate>,
) -> Result<(ProposalView, directive::Model), DataError> {
    let p = proposal(db, com).await?;
    if let Some(celex) = &p.directive {
        return Err(DataError::Invalid(format!(
            "{com} was adopted already, as the directive {celex}"
        )));
    }
    let celex = directive_id.celex();
    let directive = match directive_by_celex(db, &celex).await? {
        Some(d) => {
            let known = authorities(db).await?;
            if let (Some(theirs), Some(ours)) = (d.lead_authority_id, p.model.lead_authority_id)
                && theirs != ours
            {
                let name = |id: i32| {
                    known
                        .iter()
                        .find(|a| a.id == id)
                        .map(|a| a.code.clone())
                        .unwrap_or_default()
                };
                return Err(DataError::Invalid(format!(
                    "the directive {directive_id} is led by {} and {com} by {}: set the same lead on both first",
                    name(theirs),
                    name(ours)
                )));
            }
            let patch = crate::repo::DirectivePatch {
                lead: match (d.lead_authority_id, &p.lead) {
                    (None, Some(code)) => Some(Some(code.clone())),
                    _ => None,
                },
                title_fr: d
                    .title_fr
                    .is_none()
                    .then(|| p.model.title_fr.clone())
                    .flatten(),
                title_nl: d
                    .title_nl
                    .is_none()
                    .then(|| p.model.title_nl.clone())
                    .flatten(),
                title_en: d
                    .title_en
                    .is_none()
                    .then(|| p.model.title_en.clone())
                    .flatten(),
                adopted_on: if d.adopted_on.is_none() {
                    adopted_on
                } else {
                    None
                },
                ..Default::default()
            };
            let d = crate::repo::set_directive(db, actor, &celex, &patch, None).await?;
            crate::repo::add_deadlines(db, actor, &d, deadlines).await?;
            crate::repo::add_associated(db, actor, &d, &p.associated).await?;
            d
        }
        None => {
            let rec = domain::records::DirectiveRecord {
                id: *directive_id,
                title_fr: p.model.title_fr.clone(),
                title_nl: p.model.title_nl.clone(),
                title_en: p.model.title_en.clone(),
                adopted_on,
                in_force: None,
                deadlines: deadlines.to_vec(),
                competence: p.model.competence.into(),
                lead: p.lead.clone(),
                associated: p.associated.clone(),
                planned: None,
                risk_reason: None,
                notes: None,
            };
            crate::repo::add_directive(db, actor, &rec).await?
        }
    };
    store::insert::<proposal_adoption::Model, _, _>(
        db,
        actor,
        com,
        proposal_adoption::ActiveModel {
            id: NotSet,
            proposal_id: Set(p.model.id),
            directive_id: Set(directive.id),
        },
    )
    .await?;
    set_stage(
        db,
        actor,
        &p.model,
        ProposalStage::Adopted,
        adopted_on.or(directive.adopted_on),
    )
    .await?;
    Ok((proposal(db, com).await?, directive))
}

/// Starts an administration's impact note on a proposal.
pub async fn impact_new<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    com: &str,
    authority: &str,
) -> Result<ImpactNoteView, DataError> {
    let p = row(db, com).await?;
    let known = authorities(db).await?;
    let a = find_authority(&known, authority)?;
    let key = format!("{com} {}", a.code);
    if impact_note::Entity::find()
        .filter(impact_note::Column::ProposalId.eq(p.id))
        .filter(impact_note::Column::AuthorityId.eq(a.id))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DataError::Exists {
            what: "impact note",
            key,
        });
    }
    let model = store::insert::<impact_note::Model, _, _>(
        db,
        actor,
        &key,
        impact_note::ActiveModel {
            id: NotSet,
            version: Set(1),
            created_at: Set(actor.at),
            updated_at: Set(actor.at),
            proposal_id: Set(p.id),
            authority_id: Set(a.id),
            ..Default::default()
        },
    )
    .await?;
    Ok(ImpactNoteView {
        model,
        authority: a.code.clone(),
    })
}

/// Writes one field of an impact note (an empty text clears it). Without an administration,
/// the proposal must have exactly one note.
pub async fn impact_set<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    com: &str,
    authority: Option<&str>,
    field: domain::ImpactField,
    value: &str,
) -> Result<ImpactNoteView, DataError> {
    let p = proposal(db, com).await?;
    let note = match authority {
        Some(text) => {
            let known = authorities(db).await?;
            let code = find_authority(&known, text)?.code.clone();
            p.impact_notes
                .iter()
                .find(|n| n.authority == code)
                .cloned()
                .ok_or_else(|| DataError::NotFound {
                    what: "impact note",
                    key: format!("{com} {code}"),
                })?
        }
        None => match p.impact_notes.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(DataError::NotFound {
                    what: "impact note",
                    key: com.to_owned(),
                });
            }
            many => {
                return Err(DataError::Invalid(format!(
                    "{com} has impact notes of {}: say which with --authority",
                    many.iter()
                        .map(|n| n.authority.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        },
    };
    let text = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    let mut am = <impact_note::ActiveModel as Default>::default();
    use domain::ImpactField as F;
    match field {
        F::Competences => am.competences = Set(text),
        F::RegionalRules => am.regional_rules = Set(text),
        F::Effort => am.effort = Set(text),
        F::Budget => am.budget = Set(text),
        F::Burden => am.burden = Set(text),
        F::Stakeholders => am.stakeholders = Set(text),
        F::Risks => am.risks = Set(text),
        F::Position => am.position = Set(text),
        F::Summary => am.summary = Set(text),
    }
    let key = format!("{com} {}", note.authority);
    let model = store::update(db, actor, &key, &note.model, am).await?;
    Ok(ImpactNoteView {
        model,
        authority: note.authority,
    })
}
