//! The unit's two Excel tables and the database: applying what a table says (never deleting,
//! never touching what the table does not hold), and building the tables back from the database
//! for `export tables`, so that an exported file imported again changes nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::records::DirectiveRecord;
use domain::tables::{CaseRow, DirectiveRow, Tables};
use domain::vocab::TranspositionState;
use domain::{Competence, DirectiveId, Lang, PlannedDate, ReplyKind, Stage, Status};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::DataError;
use crate::entity::{
    authority, case_directive, decision, directive, infringement_case, measure, reply,
};
use crate::repo::{self, DirectivePatch};
use crate::store::{self, Actor};

/// The country of the cases in the unit's tables: they are Belgium's.
const COUNTRY: &str = "Belgium";

/// The measures of a directive as one table row shows them: their titles joined, the latest
/// publication and notification dates.
#[derive(Debug, PartialEq)]
struct MeasureSummary {
    text: Option<String>,
    published_on: Option<NaiveDate>,
    notified_on: Option<NaiveDate>,
}

fn summary(measures: &[measure::Model], lang: Lang) -> MeasureSummary {
    let titles: Vec<&str> = measures
        .iter()
        .filter_map(|m| match lang {
            Lang::Nl => m.title_nl.as_deref().or(m.title_fr.as_deref()),
            _ => m.title_fr.as_deref().or(m.title_nl.as_deref()),
        })
        .collect();
    MeasureSummary {
        text: (!titles.is_empty()).then(|| titles.join("; ")),
        published_on: measures.iter().filter_map(|m| m.published_on).max(),
        notified_on: measures.iter().filter_map(|m| m.notified_on).max(),
    }
}

/// Applies the tables of a file (titles and notes in `lang`, the language of its headers).
/// Every authority the rows name must be known (the caller resolves them first, with positions).
/// Returns the directives in the database that the file does not list (kept as they are).
pub async fn apply<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    tables: &Tables,
    lang: Lang,
) -> Result<Vec<String>, DataError> {
    for row in &tables.directives {
        apply_directive(db, actor, row, lang).await?;
    }
    for row in &tables.cases {
        apply_case(db, actor, row).await?;
    }
    let listed: Vec<String> = tables.directives.iter().map(|r| r.id.celex()).collect();
    Ok(directive::Entity::find()
        .order_by_asc(directive::Column::Celex)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.celex)
        .filter(|c| !listed.contains(c))
        .collect())
}

fn titled(lang: Lang, title: &Option<String>) -> (Option<String>, Option<String>, Option<String>) {
    match lang {
        Lang::Fr => (title.clone(), None, None),
        Lang::Nl => (None, title.clone(), None),
        Lang::En => (None, None, title.clone()),
    }
}

async fn apply_directive<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &DirectiveRow,
    lang: Lang,
) -> Result<(), DataError> {
    let celex = row.id.celex();
    let (lead, associated) = match row.authorities.split_first() {
        Some((lead, rest)) => (Some(lead.clone()), rest.to_vec()),
        None => (None, Vec::new()),
    };
    let model = match repo::directive_by_celex(db, &celex).await? {
        None => {
            let (title_fr, title_nl, title_en) = titled(lang, &row.title);
            let rec = DirectiveRecord {
                id: row.id,
                title_fr,
                title_nl,
                title_en,
                adopted_on: None,
                in_force: None,
                deadlines: row.deadlines.clone(),
                competence: row.competence.unwrap_or(Competence::ToBeDetermined),
                lead,
                associated,
                planned: row.planned.clone(),
                risk_reason: None,
                notes: row.notes.clone(),
            };
            repo::add_directive(db, actor, &rec).await?
        }
        Some(_) => {
            let mut patch = DirectivePatch::default();
            match lang {
                Lang::Fr => patch.title_fr = row.title.clone(),
                Lang::Nl => patch.title_nl = row.title.clone(),
                Lang::En => patch.title_en = row.title.clone(),
            }
            patch.competence = row.competence;
            patch.lead = lead.map(Some);
            patch.planned = row.planned.clone().map(Some);
            patch.notes = row.notes.clone();
            let model = repo::set_directive(db, actor, &celex, &patch, None).await?;
            repo::add_deadlines(db, actor, &model, &row.deadlines).await?;
            repo::add_associated(db, actor, &model, &associated).await?;
            model
        }
    };
    apply_measures(db, actor, &model, row, lang).await
}

/// A table row holds the measures as one text with two dates. Nothing in the row: nothing to do.
/// No measure yet: the row becomes one. One measure: it follows the row. Several: the row is
/// their summary, and a different summary cannot say which to change, so it is left alone.
async fn apply_measures<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    dir: &directive::Model,
    row: &DirectiveRow,
    lang: Lang,
) -> Result<(), DataError> {
    let wanted = MeasureSummary {
        text: row.measures_text.clone(),
        published_on: row.published_on,
        notified_on: row.notified_on,
    };
    if wanted
        == (MeasureSummary {
            text: None,
            published_on: None,
            notified_on: None,
        })
    {
        return Ok(());
    }
    let existing = measure::Entity::find()
        .filter(measure::Column::DirectiveId.eq(dir.id))
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    if summary(&existing, lang) == wanted {
        return Ok(());
    }
    // The status cell, read by rule in the importer, says whether the measures complete it.
    let completes = row.status == Some(TranspositionState::Complete);
    let (title_fr, title_nl, _) = titled(lang, &row.measures_text);
    match existing.as_slice() {
        [] => {
            let am = measure::ActiveModel {
                directive_id: Set(dir.id),
                kind: Set("table".into()),
                title_fr: Set(title_fr),
                title_nl: Set(title_nl),
                adopted_on: Set(None),
                published_on: Set(row.published_on),
                in_force_on: Set(None),
                completes: Set(completes),
                notified_on: Set(row.notified_on),
                celex: Set(None),
                notes: Set(Some("from the tracking table".into())),
                ..Default::default()
            };
            store::insert::<measure::Model, _, _>(db, actor, &dir.celex, am).await?;
        }
        [one] => {
            let mut am = measure::ActiveModel::default();
            if row.measures_text.is_some() {
                match lang {
                    Lang::Nl => am.title_nl = Set(row.measures_text.clone()),
                    _ => am.title_fr = Set(row.measures_text.clone()),
                }
            }
            if row.published_on.is_some() {
                am.published_on = Set(row.published_on);
            }
            if row.notified_on.is_some() {
                am.notified_on = Set(row.notified_on);
            }
            if completes {
                am.completes = Set(true);
            }
            store::update(db, actor, &dir.celex, one, am).await?;
        }
        several => {
            // A row is one text and two dates; which of these measures it changes cannot be told.
            return Err(DataError::Invalid(format!(
                "{}: the table's measures (\"{}\", published {}, notified {}) differ from the {} measures recorded; \
                 change them one by one with `measure add` / `directive show`, or write the row as `export tables` does",
                dir.celex,
                row.measures_text.as_deref().unwrap_or(""),
                row.published_on
                    .map_or("-".to_owned(), |d| d.format("%d/%m/%Y").to_string()),
                row.notified_on
                    .map_or("-".to_owned(), |d| d.format("%d/%m/%Y").to_string()),
                several.len()
            )));
        }
    }
    Ok(())
}

async fn apply_case<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &CaseRow,
) -> Result<(), DataError> {
    let number = row.number.to_string();
    let known = repo::authorities(db).await?;
    let lead = match &row.authority {
        Some(name) => Some(repo::find_authority(&known, name)?.id),
        None => None,
    };
    let existing = infringement_case::Entity::find()
        .filter(infringement_case::Column::Number.eq(&number))
        .one(db)
        .await?;
    let case = match existing {
        None => {
            let am = infringement_case::ActiveModel {
                number: Set(number.clone()),
                country: Set(COUNTRY.into()),
                case_type: Set(row.case_type.map(|t| t.code().to_owned())),
                title: Set(row.subject.clone()),
                department: Set(None),
                brussels_concerned: Set(None),
                lead_authority_id: Set(lead),
                active: Set(true),
                first_seen_on: Set(None),
                last_seen_on: Set(None),
                notes: Set(row.notes.clone()),
                ..Default::default()
            };
            store::insert::<infringement_case::Model, _, _>(db, actor, &number, am).await?
        }
        Some(case) => {
            // The register's title and type stay; the table fills them only where they are missing.
            let mut am = infringement_case::ActiveModel::default();
            if case.title.is_none() && row.subject.is_some() {
                am.title = Set(row.subject.clone());
            }
            if case.case_type.is_none() && row.case_type.is_some() {
                am.case_type = Set(row.case_type.map(|t| t.code().to_owned()));
            }
            if lead.is_some() {
                am.lead_authority_id = Set(lead);
            }
            if row.notes.is_some() {
                am.notes = Set(row.notes.clone());
            }
            store::update(db, actor, &number, &case, am).await?
        }
    };
    let links: Vec<String> = case_directive::Entity::find()
        .filter(case_directive::Column::CaseId.eq(case.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.celex)
        .collect();
    let new_links = row
        .directives
        .iter()
        .map(DirectiveId::celex)
        .filter(|c| !links.contains(c))
        .map(|celex| {
            (
                number.clone(),
                case_directive::ActiveModel {
                    case_id: Set(case.id),
                    celex: Set(celex),
                    id: NotSet,
                },
            )
        })
        .collect();
    store::insert_all::<case_directive::Model, _, _>(db, actor, new_links).await?;
    if let (Some(stage), Some(date)) = (row.stage, row.decided_on) {
        apply_decision(db, actor, &case, stage, date, row).await?;
    }
    Ok(())
}

async fn apply_decision<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    case: &infringement_case::Model,
    stage: Stage,
    date: NaiveDate,
    row: &CaseRow,
) -> Result<(), DataError> {
    let number = &case.number;
    let decisions = decision::Entity::find()
        .filter(decision::Column::CaseId.eq(case.id))
        .filter(decision::Column::DecidedOn.eq(date))
        .all(db)
        .await?;
    // A table names the step and rarely the legal basis: the register's decision of the same
    // date and step is the same decision.
    let same = decisions
        .iter()
        .find(|d| d.stage == stage.code())
        .or_else(|| {
            decisions.iter().find(|d| {
                Stage::from_code(&d.stage).is_ok_and(|s| s.step == stage.step && s.nth == stage.nth)
            })
        });
    let decision = match same {
        Some(d) => d.clone(),
        None => {
            let am = decision::ActiveModel {
                case_id: Set(case.id),
                decided_on: Set(date),
                stage: Set(stage.code()),
                // The stage as the table wrote it; the code says what it means.
                label: Set(row.stage_text.clone()),
                press_release: Set(false),
                ..Default::default()
            };
            store::insert::<decision::Model, _, _>(db, actor, number, am).await?
        }
    };
    let existing = reply::Entity::find()
        .filter(reply::Column::DecisionId.eq(decision.id))
        .one(db)
        .await?;
    let any_reply = row.reply_deadline.is_some()
        || row.reply_sent_on.is_some()
        || row.reply_entered_on.is_some();
    match existing {
        Some(old) => {
            let mut am = reply::ActiveModel::default();
            if let Some(d) = row.reply_deadline {
                am.deadline = Set(d);
            }
            if row.reply_sent_on.is_some() {
                am.sent_on = Set(row.reply_sent_on);
            }
            if row.reply_entered_on.is_some() {
                am.entered_on = Set(row.reply_entered_on);
            }
            store::update(db, actor, number, &old, am).await?;
        }
        None if any_reply || stage.step.opens_reply() => {
            let deadline = row
                .reply_deadline
                .unwrap_or_else(|| domain::reply_deadline(date, ReplyKind::Infringement));
            let am = reply::ActiveModel {
                decision_id: Set(decision.id),
                deadline: Set(deadline),
                sent_on: Set(row.reply_sent_on),
                entered_on: Set(row.reply_entered_on),
                notes: Set(None),
                ..Default::default()
            };
            store::insert::<reply::Model, _, _>(db, actor, number, am).await?;
        }
        None => {}
    }
    Ok(())
}

/// The two tables as the database holds them, in `lang`, with statuses at `as_of`: every tracked
/// directive, and the active cases not marked as not concerning Brussels (their latest decision).
pub async fn build<C: ConnectionTrait>(
    db: &C,
    lang: Lang,
    as_of: NaiveDate,
) -> Result<Tables, DataError> {
    let authorities: HashMap<String, authority::Model> = repo::authorities(db)
        .await?
        .into_iter()
        .map(|a| (a.code.clone(), a))
        .collect();
    let name = |code: &String| {
        authorities
            .get(code)
            .map(|a| {
                if lang == Lang::Nl {
                    a.name_nl.clone()
                } else {
                    a.name_fr.clone()
                }
            })
            .unwrap_or_else(|| code.clone())
    };
    let directives = repo::directives(db, as_of)
        .await?
        .into_iter()
        .filter_map(|v| {
            let id = DirectiveId::parse(&v.celex).ok()?;
            let m = summary(&v.measures, lang);
            let title = match lang {
                Lang::Fr => v.title_fr.clone(),
                Lang::Nl => v.title_nl.clone(),
                Lang::En => v.title_en.clone(),
            };
            let planned = match (&v.planned_text, v.planned_on) {
                (Some(text), Some(no_later_than)) => Some(PlannedDate {
                    text: text.clone(),
                    no_later_than,
                    approximate: v.planned_approximate,
                }),
                _ => None,
            };
            Some(DirectiveRow {
                id,
                title,
                deadlines: v.deadlines.clone(),
                authorities: v.lead.iter().chain(v.associated.iter()).map(name).collect(),
                competence: Some(v.competence),
                measures_text: m.text,
                published_on: m.published_on,
                notified_on: m.notified_on,
                status: TranspositionState::of(&v.status),
                status_text: (!matches!(v.status, Status::NoDeadline))
                    .then(|| v.status.label(lang).to_owned()),
                planned,
                notes: v.notes.clone(),
            })
        })
        .collect();
    let cases = repo::cases(db, true)
        .await?
        .into_iter()
        .filter(|c| c.brussels_concerned != Some(false))
        .map(|c| {
            // What the database holds that the tool cannot read is said, never left out.
            let unreadable =
                |what: &'static str, found: &str, expected: &'static str| DataError::Unreadable {
                    what,
                    key: c.number.clone(),
                    found: found.to_owned(),
                    expected,
                };
            let number = domain::InfringementNumber::parse(&c.number).map_err(|_| {
                unreadable("the case number", &c.number, "a number like INFR(2020)0385")
            })?;
            let directives = c
                .directives
                .iter()
                .map(|d| {
                    DirectiveId::parse(d)
                        .map_err(|_| unreadable("a directive", d, "a CELEX number like 32019L1024"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let last = c.last_decision();
            Ok(CaseRow {
                number,
                directives,
                subject: c.title.clone(),
                case_type: c
                    .case_type
                    .as_deref()
                    .map(|t| {
                        domain::CaseType::from_code(t)
                            .map_err(|_| unreadable("the case type", t, "a case type code"))
                    })
                    .transpose()?,
                stage: last.map(|d| d.stage),
                stage_text: None,
                decided_on: last.map(|d| d.decided_on),
                reply_deadline: last.and_then(|d| d.reply_deadline),
                reply_sent_on: last.and_then(|d| d.reply_sent_on),
                reply_entered_on: last.and_then(|d| d.reply_entered_on),
                authority: c.lead.as_ref().map(name),
                notes: c.notes.clone(),
            })
        })
        .collect::<Result<Vec<_>, DataError>>()?;
    Ok(Tables { directives, cases })
}
