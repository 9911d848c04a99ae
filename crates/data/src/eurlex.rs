//! Merging what EUR-Lex / CELLAR say about directives and their national measures into the
//! database, whether fetched (`sync eurlex`) or read from saved files (`import eurlex`).
//!
//! The source never overwrites the unit: a field that is empty here is filled; a field that
//! differs is a [`Disagreement`], written only when the caller accepts (the history then keeps
//! the old and the new value). Deadlines are added, never removed. National measures are the
//! source's own records, idempotent on their sector-7 CELEX number: they follow the source.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use domain::Competence;
use domain::records::{DirectiveRecord, EurlexDirective, NationalMeasure};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

use crate::DataError;
use crate::entity::{authority, directive, directive_deadline, directive_eurlex, national_measure};
use crate::repo::{self, DirectivePatch};
use crate::store::{self, Actor};

/// A field where the database and the source say different things.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub celex: String,
    pub field: &'static str,
    pub ours: String,
    pub theirs: String,
    /// Written (the caller accepted the source's value).
    pub accepted: bool,
}

/// A field that was empty and was filled from the source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Filled {
    pub celex: String,
    pub field: &'static str,
    pub value: String,
}

/// What a merge changed, and what it did not dare to change.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EurlexMerge {
    /// Directives that were not tracked and now are (CELEX).
    pub new_directives: Vec<String>,
    pub filled: Vec<Filled>,
    pub disagreements: Vec<Disagreement>,
    /// (directive CELEX, deadline)
    pub new_deadlines: Vec<(String, NaiveDate)>,
    /// (directive CELEX, measure CELEX)
    pub new_measures: Vec<(String, String)>,
    /// (measure CELEX, field, old, new): the source's own records follow the source.
    pub updated_measures: Vec<(String, String, Option<String>, Option<String>)>,
}

impl EurlexMerge {
    /// Nothing was written (disagreements left as they are do not count).
    pub fn changed_nothing(&self) -> bool {
        self.new_directives.is_empty()
            && self.filled.is_empty()
            && !self.disagreements.iter().any(|d| d.accepted)
            && self.new_deadlines.is_empty()
            && self.new_measures.is_empty()
            && self.updated_measures.is_empty()
    }
}

/// Spaces and line breaks do not make two titles different.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares one field: empty here and given by the source -> filled; both given and different ->
/// a disagreement (accepted or not). Returns the value to write, if any.
fn decide<T: Clone + PartialEq>(
    merge: &mut EurlexMerge,
    accept: bool,
    celex: &str,
    field: &'static str,
    ours: &Option<T>,
    theirs: &Option<T>,
    show: impl Fn(&T) -> String,
) -> Option<T> {
    let theirs = theirs.as_ref()?;
    match ours {
        None => {
            merge.filled.push(Filled {
                celex: celex.to_owned(),
                field,
                value: show(theirs),
            });
            Some(theirs.clone())
        }
        Some(ours) if show(ours) == show(theirs) => None,
        Some(ours) => {
            merge.disagreements.push(Disagreement {
                celex: celex.to_owned(),
                field,
                ours: show(ours),
                theirs: show(theirs),
                accepted: accept,
            });
            accept.then(|| theirs.clone())
        }
    }
}

fn date_text(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn bool_text(b: &bool) -> String {
    b.to_string()
}

/// Merges directives and measures from the source; every write goes through `store` with
/// `actor` (whose import run stamps the history). Directives the source names that are not
/// tracked yet are added (competence "to be determined", no lead); so is the directive of a
/// measure, when a saved measures file names one not tracked. `accept` writes the source's value
/// where it differs from ours.
///
/// Set-based: the directives, deadlines, EUR-Lex facts and measures the source names are read
/// in a few `IN`-list queries, the changes worked out in memory, then written in chunked inserts
/// and one version-checked update per changed record.
pub async fn merge<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    directives: &[EurlexDirective],
    measures: &[NationalMeasure],
    accept: bool,
) -> Result<EurlexMerge, DataError> {
    let mut out = EurlexMerge::default();
    // The directives named, each once: those of the source, then those of the measures (bare).
    let mut named: Vec<EurlexDirective> = Vec::new();
    let mut seen = HashSet::new();
    for src in directives {
        if seen.insert(src.id) {
            named.push(src.clone());
        }
    }
    for m in measures {
        if seen.insert(m.directive) {
            named.push(EurlexDirective::bare(m.directive));
        }
    }
    let celexes: Vec<String> = named.iter().map(|d| d.id.celex()).collect();
    let mut rows: HashMap<String, directive::Model> =
        store::find_in::<directive::Entity, _, _>(db, directive::Column::Celex, &celexes)
            .await?
            .into_iter()
            .map(|d| (d.celex.clone(), d))
            .collect();
    let ids: Vec<i32> = rows.values().map(|d| d.id).collect();
    let mut deadlines: HashMap<i32, HashSet<NaiveDate>> = HashMap::new();
    for d in store::find_in::<directive_deadline::Entity, _, _>(
        db,
        directive_deadline::Column::DirectiveId,
        &ids,
    )
    .await?
    {
        deadlines
            .entry(d.directive_id)
            .or_default()
            .insert(d.deadline);
    }
    let facts: HashMap<i32, directive_eurlex::Model> =
        store::find_in::<directive_eurlex::Entity, _, _>(
            db,
            directive_eurlex::Column::DirectiveId,
            &ids,
        )
        .await?
        .into_iter()
        .map(|f| (f.directive_id, f))
        .collect();

    // Directives not tracked yet: added with what the source says, in one insert.
    let mut fresh = Vec::new();
    let mut fresh_deadlines: Vec<Vec<NaiveDate>> = Vec::new();
    for src in named.iter().filter(|d| !rows.contains_key(&d.id.celex())) {
        let rec = DirectiveRecord {
            id: src.id,
            title_fr: src.title_fr.as_deref().map(squeeze),
            title_nl: src.title_nl.as_deref().map(squeeze),
            title_en: src.title_en.as_deref().map(squeeze),
            adopted_on: src.adopted_on,
            in_force: src.in_force,
            deadlines: src.deadlines.clone(),
            competence: Competence::ToBeDetermined,
            lead: None,
            associated: Vec::new(),
            planned: None,
            risk_reason: None,
            notes: None,
        };
        let mut dates = src.deadlines.clone();
        dates.sort();
        dates.dedup();
        fresh.push((src.id.celex(), repo::directive_active_model(&rec, None)));
        fresh_deadlines.push(dates);
    }
    let added: Vec<directive::Model> = store::insert_all(db, actor, fresh).await?;
    let mut new_deadlines = Vec::new();
    for (row, dates) in added.iter().zip(fresh_deadlines) {
        out.new_directives.push(row.celex.clone());
        for d in dates {
            out.new_deadlines.push((row.celex.clone(), d));
            new_deadlines.push((row.celex.clone(), deadline_row(row.id, d)));
        }
    }
    let added_ids: HashSet<i32> = added.iter().map(|d| d.id).collect();
    rows.extend(added.into_iter().map(|d| (d.celex.clone(), d)));

    let mut changed = Vec::new();
    let mut new_facts = Vec::new();
    let mut changed_facts = Vec::new();
    let mut merged = HashSet::new();
    for src in directives {
        let celex = src.id.celex();
        // A directive listed twice is merged once.
        let Some(row) = rows.get(&celex).filter(|_| merged.insert(src.id)) else {
            continue;
        };
        if !added_ids.contains(&row.id) {
            let text = |s: &String| squeeze(s);
            let mut patch = DirectivePatch {
                title_fr: decide(
                    &mut out,
                    accept,
                    &celex,
                    "title_fr",
                    &row.title_fr,
                    &src.title_fr,
                    text,
                ),
                title_nl: decide(
                    &mut out,
                    accept,
                    &celex,
                    "title_nl",
                    &row.title_nl,
                    &src.title_nl,
                    text,
                ),
                title_en: decide(
                    &mut out,
                    accept,
                    &celex,
                    "title_en",
                    &row.title_en,
                    &src.title_en,
                    text,
                ),
                adopted_on: decide(
                    &mut out,
                    accept,
                    &celex,
                    "adopted_on",
                    &row.adopted_on,
                    &src.adopted_on,
                    date_text,
                ),
                in_force: decide(
                    &mut out,
                    accept,
                    &celex,
                    "in_force",
                    &row.in_force,
                    &src.in_force,
                    bool_text,
                ),
                ..Default::default()
            };
            for t in [
                &mut patch.title_fr,
                &mut patch.title_nl,
                &mut patch.title_en,
            ] {
                *t = t.as_deref().map(squeeze);
            }
            changed.push((celex.clone(), row.clone(), repo::patch_model(&[], &patch)?));
            let known = deadlines.get(&row.id);
            let mut new: Vec<NaiveDate> = src
                .deadlines
                .iter()
                .copied()
                .filter(|d| known.is_none_or(|k| !k.contains(d)))
                .collect();
            new.sort();
            new.dedup();
            for d in new {
                out.new_deadlines.push((celex.clone(), d));
                new_deadlines.push((celex.clone(), deadline_row(row.id, d)));
            }
        }
        // Entry into force and ELI: the same rule, in their own table.
        match facts.get(&row.id) {
            None if src.entry_into_force.is_some() || src.eli.is_some() => {
                let none_date: Option<NaiveDate> = None;
                let none_text: Option<String> = None;
                let entry = decide(
                    &mut out,
                    accept,
                    &celex,
                    "entry_into_force_on",
                    &none_date,
                    &src.entry_into_force,
                    date_text,
                );
                let eli = decide(
                    &mut out,
                    accept,
                    &celex,
                    "eli",
                    &none_text,
                    &src.eli,
                    String::clone,
                );
                new_facts.push((
                    celex.clone(),
                    directive_eurlex::ActiveModel {
                        directive_id: Set(row.id),
                        entry_into_force_on: Set(entry),
                        eli: Set(eli),
                        ..Default::default()
                    },
                ));
            }
            None => {}
            Some(old) => {
                let mut am = directive_eurlex::ActiveModel::default();
                if let Some(d) = decide(
                    &mut out,
                    accept,
                    &celex,
                    "entry_into_force_on",
                    &old.entry_into_force_on,
                    &src.entry_into_force,
                    date_text,
                ) {
                    am.entry_into_force_on = Set(Some(d));
                }
                if let Some(e) = decide(
                    &mut out,
                    accept,
                    &celex,
                    "eli",
                    &old.eli,
                    &src.eli,
                    String::clone,
                ) {
                    am.eli = Set(Some(e));
                }
                changed_facts.push((celex.clone(), old.clone(), am));
            }
        }
    }
    store::update_all(db, actor, changed).await?;
    store::insert_all::<directive_deadline::Model, _, _>(db, actor, new_deadlines).await?;
    store::insert_all::<directive_eurlex::Model, _, _>(db, actor, new_facts).await?;
    store::update_all(db, actor, changed_facts).await?;
    merge_measures(db, actor, measures, &rows, &mut out).await?;
    Ok(out)
}

fn deadline_row(directive_id: i32, deadline: NaiveDate) -> directive_deadline::ActiveModel {
    directive_deadline::ActiveModel {
        directive_id: Set(directive_id),
        deadline: Set(deadline),
        provision: Set(None),
        ..Default::default()
    }
}

async fn merge_measures<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    measures: &[NationalMeasure],
    directives: &HashMap<String, directive::Model>,
    out: &mut EurlexMerge,
) -> Result<(), DataError> {
    if measures.is_empty() {
        return Ok(());
    }
    let celexes: Vec<String> = measures.iter().map(|m| m.celex.clone()).collect();
    let known: HashMap<String, national_measure::Model> =
        store::find_in::<national_measure::Entity, _, _>(
            db,
            national_measure::Column::Celex,
            &celexes,
        )
        .await?
        .into_iter()
        .map(|m| (m.celex.clone(), m))
        .collect();
    let mut fresh = Vec::new();
    let mut changed = Vec::new();
    let mut done = HashSet::new();
    for m in measures {
        let celex = m.directive.celex();
        if !done.insert(m.celex.clone()) {
            continue;
        }
        if let Some(old) = known.get(&m.celex) {
            let mut am = national_measure::ActiveModel::default();
            let mut changes = Vec::new();
            if m.title.is_some() && m.title != old.title {
                am.title = Set(m.title.clone());
                changes.push(("title", old.title.clone(), m.title.clone()));
            }
            if m.date.is_some() && m.date != old.dated_on {
                am.dated_on = Set(m.date);
                changes.push((
                    "dated_on",
                    old.dated_on.as_ref().map(date_text),
                    m.date.as_ref().map(date_text),
                ));
            }
            if m.kind.is_some() && m.kind != old.kind {
                am.kind = Set(m.kind.clone());
                changes.push(("kind", old.kind.clone(), m.kind.clone()));
            }
            if !changes.is_empty() {
                out.updated_measures.extend(
                    changes
                        .into_iter()
                        .map(|(f, a, b)| (m.celex.clone(), f.to_owned(), a, b)),
                );
                changed.push((celex, old.clone(), am));
            }
            continue;
        }
        let Some(directive) = directives.get(&celex) else {
            continue;
        };
        // The CELEX letters were read as any three letters: a member state's, or refused by name.
        let country = domain::Country::from_celex_code(&m.country).ok_or_else(|| {
            DataError::Invalid(format!(
                "national measure {}: \"{}\" is not the code of a member state (expected three letters like BEL, FRA, DEU)",
                m.celex, m.country
            ))
        })?;
        out.new_measures.push((celex.clone(), m.celex.clone()));
        fresh.push((
            celex,
            national_measure::ActiveModel {
                directive_id: Set(directive.id),
                celex: Set(m.celex.clone()),
                country: Set(country.into()),
                title: Set(m.title.clone()),
                dated_on: Set(m.date),
                kind: Set(m.kind.clone()),
                ..Default::default()
            },
        ));
    }
    store::update_all(db, actor, changed).await?;
    store::insert_all::<national_measure::Model, _, _>(db, actor, fresh).await?;
    Ok(())
}

/// The national measures the Commission lists for a directive, by date then CELEX number.
pub async fn national_measures<C: ConnectionTrait>(
    db: &C,
    celex: &str,
) -> Result<Vec<national_measure::Model>, DataError> {
    let Some(row) = repo::directive_by_celex(db, celex).await? else {
        return Ok(Vec::new());
    };
    Ok(national_measure::Entity::find()
        .filter(national_measure::Column::DirectiveId.eq(row.id))
        .order_by_asc(national_measure::Column::DatedOn)
        .order_by_asc(national_measure::Column::Celex)
        .all(db)
        .await?)
}

/// A directive adopted on or after a date, with its lead authority's code where one is known.
#[derive(Clone, Debug, Serialize)]
pub struct NewDirective {
    pub celex: String,
    pub adopted_on: Option<NaiveDate>,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub lead: Option<String>,
}

/// The tracked directives adopted on or after `since`, by date then CELEX number.
pub async fn adopted_since<C: ConnectionTrait>(
    db: &C,
    since: NaiveDate,
) -> Result<Vec<NewDirective>, DataError> {
    let codes: HashMap<i32, String> = authority::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    Ok(directive::Entity::find()
        .filter(directive::Column::AdoptedOn.gte(since))
        .order_by_asc(directive::Column::AdoptedOn)
        .order_by_asc(directive::Column::Celex)
        .all(db)
        .await?
        .into_iter()
        .map(|d| NewDirective {
            lead: d.lead_authority_id.and_then(|id| codes.get(&id).cloned()),
            celex: d.celex,
            adopted_on: d.adopted_on,
            title_fr: d.title_fr,
            title_nl: d.title_nl,
            title_en: d.title_en,
        })
        .collect())
}

/// The CELEX numbers of every tracked directive (`sync eurlex --tracked`).
pub async fn tracked<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DataError> {
    Ok(directive::Entity::find()
        .order_by_asc(directive::Column::Celex)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.celex)
        .collect())
}
