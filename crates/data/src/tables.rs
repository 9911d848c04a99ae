//! The unit's two Excel tables and the database: applying what a table says (never deleting,
//! never touching what the table does not hold), and building the tables back from the database
//! for `export tables`, so that an exported file imported again changes nothing.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use domain::records::DirectiveRecord;
use domain::tables::{CaseRow, DirectiveRow, Tables};
use domain::vocab::TranspositionState;
use domain::{Competence, DirectiveId, Lang, PlannedDate, ReplyKind, Status};
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, Set};

use crate::DataError;
use crate::code::{Country, MeasureKind};
use crate::entity::{
    authority, case_directive, decision, directive, directive_authority, directive_deadline,
    infringement_case, measure, reply,
};
use crate::repo::{self, DirectivePatch};
use crate::store::{self, Actor};

/// The country of the cases in the unit's tables: they are Belgium's.
const COUNTRY: Country = Country::Belgium;

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
///
/// Set-based: what the rows touch is read in a few queries (`IN` lists), the changes are worked
/// out in memory, and written with chunked inserts and one version-checked update per changed
/// record, history included; a file that changes nothing writes nothing.
pub async fn apply<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    tables: &Tables,
    lang: Lang,
) -> Result<Vec<String>, DataError> {
    let names = repo::AuthorityNames::new(repo::authorities(db).await?);
    apply_directives(db, actor, &tables.directives, lang, &names).await?;
    apply_cases(db, actor, &tables.cases, &names).await?;
    let listed: HashSet<String> = tables.directives.iter().map(|r| r.id.celex()).collect();
    let mut not_listed: Vec<String> = repo::directive_celexes(db)
        .await?
        .into_iter()
        .filter(|c| !listed.contains(c))
        .collect();
    not_listed.sort();
    Ok(not_listed)
}

fn titled(lang: Lang, title: &Option<String>) -> (Option<String>, Option<String>, Option<String>) {
    match lang {
        Lang::Fr => (title.clone(), None, None),
        Lang::Nl => (None, title.clone(), None),
        Lang::En => (None, None, title.clone()),
    }
}

/// What a directive row adds to a directive (new or known): deadlines, associated authorities,
/// and the change of its measures.
struct Additions {
    deadlines: Vec<(String, directive_deadline::ActiveModel)>,
    associated: Vec<(String, directive_authority::ActiveModel)>,
    new_measures: Vec<(String, measure::ActiveModel)>,
    changed_measures: Vec<(String, measure::Model, measure::ActiveModel)>,
}

impl Additions {
    /// The deadlines and authorities of `row` that `dir` does not have, and its measures' change.
    #[expect(clippy::too_many_arguments, reason = "what one row adds, and to what")]
    fn add(
        &mut self,
        dir: &directive::Model,
        row: &DirectiveRow,
        lang: Lang,
        associated: &[i32],
        known_deadlines: &HashSet<NaiveDate>,
        known_authorities: &HashSet<i32>,
        measures: &[measure::Model],
    ) -> Result<(), DataError> {
        let mut deadlines: Vec<NaiveDate> = row
            .deadlines
            .iter()
            .copied()
            .filter(|d| !known_deadlines.contains(d))
            .collect();
        deadlines.sort();
        deadlines.dedup();
        for deadline in deadlines {
            self.deadlines.push((
                dir.celex.clone(),
                directive_deadline::ActiveModel {
                    directive_id: Set(dir.id),
                    deadline: Set(deadline),
                    provision: Set(None),
                    id: NotSet,
                },
            ));
        }
        let mut added = HashSet::new();
        for &authority_id in associated {
            if !known_authorities.contains(&authority_id) && added.insert(authority_id) {
                self.associated.push((
                    dir.celex.clone(),
                    directive_authority::ActiveModel {
                        directive_id: Set(dir.id),
                        authority_id: Set(authority_id),
                        id: NotSet,
                    },
                ));
            }
        }
        match measure_change(dir, row, lang, measures)? {
            MeasureChange::None => {}
            MeasureChange::New(am) => self.new_measures.push((dir.celex.clone(), am)),
            MeasureChange::Changed(old, am) => {
                self.changed_measures.push((dir.celex.clone(), old, am))
            }
        }
        Ok(())
    }
}

async fn apply_directives<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: &[DirectiveRow],
    lang: Lang,
    names: &repo::AuthorityNames,
) -> Result<(), DataError> {
    let celexes: Vec<String> = rows.iter().map(|r| r.id.celex()).collect();
    let known: HashMap<String, directive::Model> =
        store::find_in::<directive::Entity, _, _>(db, directive::Column::Celex, &celexes)
            .await?
            .into_iter()
            .map(|d| (d.celex.clone(), d))
            .collect();
    let ids: Vec<i32> = known.values().map(|d| d.id).collect();
    let deadlines = store::grouped(
        store::find_in::<directive_deadline::Entity, _, _>(
            db,
            directive_deadline::Column::DirectiveId,
            &ids,
        )
        .await?,
        |d| d.directive_id,
    );
    let links = store::grouped(
        store::find_in::<directive_authority::Entity, _, _>(
            db,
            directive_authority::Column::DirectiveId,
            &ids,
        )
        .await?,
        |l| l.directive_id,
    );
    let mut measures = store::grouped(
        store::find_in::<measure::Entity, _, _>(db, measure::Column::DirectiveId, &ids).await?,
        |m| m.directive_id,
    );
    for list in measures.values_mut() {
        list.sort_by_key(|m| m.id);
    }

    let mut fresh = Vec::new();
    let mut fresh_rows = Vec::new();
    let mut changed = Vec::new();
    let mut adds = Additions {
        deadlines: Vec::new(),
        associated: Vec::new(),
        new_measures: Vec::new(),
        changed_measures: Vec::new(),
    };
    for row in rows {
        let celex = row.id.celex();
        let lead = row
            .authorities
            .first()
            .map(|n| names.id_of(n))
            .transpose()?;
        let associated = row
            .authorities
            .iter()
            .skip(1)
            .map(|n| names.id_of(n))
            .collect::<Result<Vec<i32>, _>>()?;
        match known.get(&celex) {
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
                    lead: None,
                    associated: Vec::new(),
                    planned: row.planned.clone(),
                    risk_reason: None,
                    notes: row.notes.clone(),
                };
                fresh.push((celex, repo::directive_active_model(&rec, lead)));
                fresh_rows.push((row, associated));
            }
            Some(old) => {
                let mut patch = DirectivePatch::default();
                match lang {
                    Lang::Fr => patch.title_fr = row.title.clone(),
                    Lang::Nl => patch.title_nl = row.title.clone(),
                    Lang::En => patch.title_en = row.title.clone(),
                }
                patch.competence = row.competence;
                patch.planned = row.planned.clone().map(Some);
                patch.notes = row.notes.clone();
                let mut am = repo::patch_model(&[], &patch)?;
                if let Some(lead) = lead {
                    am.lead_authority_id = Set(Some(lead));
                }
                changed.push((celex, old.clone(), am));
                let known_deadlines: HashSet<NaiveDate> = deadlines
                    .get(&old.id)
                    .map(|ds| ds.iter().map(|d| d.deadline).collect())
                    .unwrap_or_default();
                let known_authorities: HashSet<i32> = links
                    .get(&old.id)
                    .map(|ls| ls.iter().map(|l| l.authority_id).collect())
                    .unwrap_or_default();
                let current = measures.remove(&old.id).unwrap_or_default();
                adds.add(
                    old,
                    row,
                    lang,
                    &associated,
                    &known_deadlines,
                    &known_authorities,
                    &current,
                )?;
            }
        }
    }
    let inserted: Vec<directive::Model> = store::insert_all(db, actor, fresh).await?;
    for (dir, (row, associated)) in inserted.iter().zip(&fresh_rows) {
        adds.add(
            dir,
            row,
            lang,
            associated,
            &HashSet::new(),
            &HashSet::new(),
            &[],
        )?;
    }
    store::update_all(db, actor, changed).await?;
    store::insert_all::<directive_deadline::Model, _, _>(db, actor, adds.deadlines).await?;
    store::insert_all::<directive_authority::Model, _, _>(db, actor, adds.associated).await?;
    store::insert_all::<measure::Model, _, _>(db, actor, adds.new_measures).await?;
    store::update_all(db, actor, adds.changed_measures).await?;
    Ok(())
}

enum MeasureChange {
    None,
    New(measure::ActiveModel),
    Changed(measure::Model, measure::ActiveModel),
}

/// A table row holds the measures as one text with two dates. Nothing in the row: nothing to do.
/// No measure yet: the row becomes one. One measure: it follows the row. Several: the row is
/// their summary, and a different summary cannot say which to change, so it is refused.
fn measure_change(
    dir: &directive::Model,
    row: &DirectiveRow,
    lang: Lang,
    existing: &[measure::Model],
) -> Result<MeasureChange, DataError> {
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
        || summary(existing, lang) == wanted
    {
        return Ok(MeasureChange::None);
    }
    // The status cell, read by rule in the importer, says whether the measures complete it.
    let completes = row.status == Some(TranspositionState::Complete);
    let (title_fr, title_nl, _) = titled(lang, &row.measures_text);
    Ok(match existing {
        [] => MeasureChange::New(measure::ActiveModel {
            directive_id: Set(dir.id),
            kind: Set(MeasureKind::Table),
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
        }),
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
            MeasureChange::Changed(one.clone(), am)
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
    })
}

async fn apply_cases<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rows: &[CaseRow],
    names: &repo::AuthorityNames,
) -> Result<(), DataError> {
    let numbers: Vec<String> = rows.iter().map(|r| r.number.to_string()).collect();
    let known: HashMap<String, infringement_case::Model> =
        store::find_in::<infringement_case::Entity, _, _>(
            db,
            infringement_case::Column::Number,
            &numbers,
        )
        .await?
        .into_iter()
        .map(|c| (c.number.clone(), c))
        .collect();
    let ids: Vec<i32> = known.values().map(|c| c.id).collect();
    let links = store::grouped(
        store::find_in::<case_directive::Entity, _, _>(db, case_directive::Column::CaseId, &ids)
            .await?,
        |l| l.case_id,
    );
    let decisions = store::grouped(
        store::find_in::<decision::Entity, _, _>(db, decision::Column::CaseId, &ids).await?,
        |d| d.case_id,
    );
    let decision_ids: Vec<i32> = decisions.values().flatten().map(|d| d.id).collect();
    let replies: HashMap<i32, reply::Model> =
        store::find_in::<reply::Entity, _, _>(db, reply::Column::DecisionId, &decision_ids)
            .await?
            .into_iter()
            .map(|r| (r.decision_id, r))
            .collect();

    let mut fresh = Vec::new();
    let mut changed = Vec::new();
    for (row, number) in rows.iter().zip(&numbers) {
        let lead = row
            .authority
            .as_deref()
            .map(|n| names.id_of(n))
            .transpose()?;
        match known.get(number) {
            None => fresh.push((
                number.clone(),
                infringement_case::ActiveModel {
                    number: Set(number.clone()),
                    country: Set(COUNTRY),
                    case_type: Set(row.case_type.map(Into::into)),
                    title: Set(row.subject.clone()),
                    department: Set(None),
                    brussels_concerned: Set(None),
                    lead_authority_id: Set(lead),
                    active: Set(true),
                    first_seen_on: Set(None),
                    last_seen_on: Set(None),
                    notes: Set(row.notes.clone()),
                    ..Default::default()
                },
            )),
            Some(case) => {
                // The register's title and type stay; the table fills them only where they are missing.
                let mut am = infringement_case::ActiveModel::default();
                if case.title.is_none() && row.subject.is_some() {
                    am.title = Set(row.subject.clone());
                }
                if case.case_type.is_none() && row.case_type.is_some() {
                    am.case_type = Set(row.case_type.map(Into::into));
                }
                if lead.is_some() {
                    am.lead_authority_id = Set(lead);
                }
                if row.notes.is_some() {
                    am.notes = Set(row.notes.clone());
                }
                changed.push((number.clone(), case.clone(), am));
            }
        }
    }
    let inserted: Vec<infringement_case::Model> = store::insert_all(db, actor, fresh).await?;
    store::update_all(db, actor, changed).await?;
    let case_ids: HashMap<&str, i32> = known
        .values()
        .chain(&inserted)
        .map(|c| (c.number.as_str(), c.id))
        .collect();

    // Directive links, and the decision each row names (the same one, or a new one).
    let mut new_links = Vec::new();
    let mut found_decisions: Vec<(&CaseRow, &str, decision::Model)> = Vec::new();
    let mut new_decisions = Vec::new();
    let mut new_decision_rows = Vec::new();
    for (row, number) in rows.iter().zip(&numbers) {
        let Some(&case_id) = case_ids.get(number.as_str()) else {
            continue;
        };
        let linked: HashSet<&str> = links
            .get(&case_id)
            .map(|ls| ls.iter().map(|l| l.celex.as_str()).collect())
            .unwrap_or_default();
        let mut added = HashSet::new();
        for celex in row.directives.iter().map(DirectiveId::celex) {
            if !linked.contains(celex.as_str()) && added.insert(celex.clone()) {
                new_links.push((
                    number.clone(),
                    case_directive::ActiveModel {
                        case_id: Set(case_id),
                        celex: Set(celex),
                        id: NotSet,
                    },
                ));
            }
        }
        let (Some(stage), Some(date)) = (row.stage, row.decided_on) else {
            continue;
        };
        let on_date: Vec<&decision::Model> = decisions
            .get(&case_id)
            .map(|ds| ds.iter().filter(|d| d.decided_on == date).collect())
            .unwrap_or_default();
        // A table names the step and rarely the legal basis: the register's decision of the same
        // date and step is the same decision.
        let (step, legal_basis, nth) = decision::stage_columns(stage);
        let same = on_date
            .iter()
            .find(|d| (d.step, d.legal_basis, d.nth) == (step, legal_basis, nth))
            .or_else(|| on_date.iter().find(|d| (d.step, d.nth) == (step, nth)));
        match same {
            Some(d) => found_decisions.push((row, number.as_str(), (*d).clone())),
            None => {
                new_decisions.push((
                    number.clone(),
                    decision::ActiveModel {
                        case_id: Set(case_id),
                        decided_on: Set(date),
                        step: Set(step),
                        legal_basis: Set(legal_basis),
                        nth: Set(nth),
                        // The stage as the table wrote it; the columns say what it means.
                        label: Set(row.stage_text.clone()),
                        press_release: Set(false),
                        ..Default::default()
                    },
                ));
                new_decision_rows.push((row, number.as_str()));
            }
        }
    }
    store::insert_all::<case_directive::Model, _, _>(db, actor, new_links).await?;
    let inserted: Vec<decision::Model> = store::insert_all(db, actor, new_decisions).await?;
    found_decisions.extend(
        new_decision_rows
            .into_iter()
            .zip(inserted)
            .map(|((row, number), d)| (row, number, d)),
    );

    // The reply each decision awaits.
    let mut new_replies = Vec::new();
    let mut changed_replies = Vec::new();
    for (row, number, decision) in found_decisions {
        let any_reply = row.reply_deadline.is_some()
            || row.reply_sent_on.is_some()
            || row.reply_entered_on.is_some();
        match replies.get(&decision.id) {
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
                changed_replies.push((number.to_owned(), old.clone(), am));
            }
            None if any_reply || row.stage.is_some_and(|s| s.step.opens_reply()) => {
                let deadline = row.reply_deadline.unwrap_or_else(|| {
                    domain::reply_deadline(decision.decided_on, ReplyKind::Infringement)
                });
                new_replies.push((
                    number.to_owned(),
                    reply::ActiveModel {
                        decision_id: Set(decision.id),
                        deadline: Set(deadline),
                        sent_on: Set(row.reply_sent_on),
                        entered_on: Set(row.reply_entered_on),
                        notes: Set(None),
                        ..Default::default()
                    },
                ));
            }
            None => {}
        }
    }
    store::update_all(db, actor, changed_replies).await?;
    store::insert_all::<reply::Model, _, _>(db, actor, new_replies).await?;
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
        .map(|v| {
            // The view has read the CELEX already: a stored one it cannot read is an error there.
            let id = DirectiveId::parse(&v.celex).map_err(|_| DataError::Unreadable {
                what: "the CELEX number of a directive",
                key: v.number.clone(),
                found: v.celex.clone(),
                expected: "a directive's CELEX number like 32019L1024",
            })?;
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
            Ok(DirectiveRow {
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
        .collect::<Result<Vec<_>, DataError>>()?;
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
                case_type: c.case_type,
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
