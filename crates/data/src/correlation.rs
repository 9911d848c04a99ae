//! A directive's provisions and the Region's correlation table, every write through `store`
//! (history keyed by the directive's number and the provision, `2018/2001 3(1)`).
//!
//! Provisions are replaced by a new reading of the text only as far as nothing refers to them: a
//! provision the new text no longer has is removed (its last values in the history) unless the
//! correlation table has lines about it, and then nothing is written. A correlation import
//! replaces the lines of the provisions it lists and leaves the others as they were.

use std::collections::{BTreeMap, HashMap};

use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::QueryOrder;
use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::CorrelationState;
use crate::entity::{correlation, directive, directive_provision, measure};
use crate::{Actor, DataError, store};

/// A provision as the text gives it (`importer::articles`, converted by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionRead {
    /// `domain::Provision::code`: `5`, `5(1)`, `Annex II`.
    pub code: String,
    pub heading: Option<String>,
    pub excerpt: Option<String>,
}

/// What a new reading of the text changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProvisionsChange {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

/// The directive's number as people write it (2018/2001), from its CELEX number.
pub fn directive_number(d: &directive::Model) -> String {
    domain::Celex::parse(&d.celex)
        .and_then(|c| c.directive())
        .map_or_else(|_| d.celex.clone(), |id| id.to_string())
}

fn directive_key(d: &directive::Model) -> String {
    directive_number(d)
}

fn provision_key(d: &directive::Model, code: &str) -> String {
    format!("{} {code}", directive_key(d))
}

/// The provisions of a directive, in its order.
pub async fn provisions<C: ConnectionTrait>(
    db: &C,
    directive_id: i32,
) -> Result<Vec<directive_provision::Model>, DataError> {
    Ok(directive_provision::Entity::find()
        .filter(directive_provision::Column::DirectiveId.eq(directive_id))
        .order_by_asc(directive_provision::Column::Position)
        .all(db)
        .await?)
}

/// Records the provisions of a new reading of the directive's text.
pub async fn set_provisions<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    directive: &directive::Model,
    read: &[ProvisionRead],
) -> Result<ProvisionsChange, DataError> {
    let old = provisions(db, directive.id).await?;
    let by_code: HashMap<&str, &directive_provision::Model> =
        old.iter().map(|p| (p.code.as_str(), p)).collect();
    let mut change = ProvisionsChange::default();
    let gone: Vec<&directive_provision::Model> = old
        .iter()
        .filter(|p| !read.iter().any(|r| r.code == p.code))
        .collect();
    if !gone.is_empty() {
        let ids: Vec<i32> = gone.iter().map(|p| p.id).collect();
        let used =
            store::find_in::<correlation::Entity, _, _>(db, correlation::Column::ProvisionId, &ids)
                .await?;
        if !used.is_empty() {
            let mut codes: Vec<&str> = gone
                .iter()
                .filter(|p| used.iter().any(|u| u.provision_id == p.id))
                .map(|p| p.code.as_str())
                .collect();
            codes.dedup();
            return Err(DataError::Invalid(format!(
                "the new text of {} no longer has the provision(s) {}, which the correlation table uses: nothing was written; change those lines of the table first",
                directive_number(directive),
                codes.join(", ")
            )));
        }
    }
    let mut inserts = Vec::new();
    let mut updates = Vec::new();
    for (i, r) in read.iter().enumerate() {
        let position = i32::try_from(i + 1).unwrap_or(i32::MAX);
        match by_code.get(r.code.as_str()) {
            Some(p)
                if p.position == position && p.heading == r.heading && p.excerpt == r.excerpt =>
            {
                change.unchanged += 1;
            }
            Some(p) => {
                updates.push((
                    provision_key(directive, &r.code),
                    (*p).clone(),
                    directive_provision::ActiveModel {
                        id: Set(p.id),
                        position: Set(position),
                        heading: Set(r.heading.clone()),
                        excerpt: Set(r.excerpt.clone()),
                        ..Default::default()
                    },
                ));
                change.changed.push(r.code.clone());
            }
            None => {
                inserts.push((
                    provision_key(directive, &r.code),
                    directive_provision::ActiveModel {
                        id: NotSet,
                        version: Set(1),
                        directive_id: Set(directive.id),
                        code: Set(r.code.clone()),
                        position: Set(position),
                        heading: Set(r.heading.clone()),
                        excerpt: Set(r.excerpt.clone()),
                        created_at: Set(actor.at),
                        updated_at: Set(actor.at),
                    },
                ));
                change.added.push(r.code.clone());
            }
        }
    }
    for p in gone {
        store::delete(db, actor, &provision_key(directive, &p.code), p).await?;
        change.removed.push(p.code.clone());
    }
    store::update_all::<directive_provision::Model, _, _>(db, actor, updates).await?;
    store::insert_all::<directive_provision::Model, _, _>(db, actor, inserts).await?;
    Ok(change)
}

/// A provision and the lines of the correlation table about it.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionLines {
    pub provision: directive_provision::Model,
    pub lines: Vec<correlation::Model>,
}

impl ProvisionLines {
    pub fn state(&self) -> domain::CorrelationState {
        let states: Vec<domain::CorrelationState> =
            self.lines.iter().map(|l| l.state.into()).collect();
        domain::provision::provision_state(&states)
    }
}

/// A directive's correlation table: every provision with its lines, and the directive's measures.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelationTable {
    pub provisions: Vec<ProvisionLines>,
    pub measures: Vec<measure::Model>,
}

impl CorrelationTable {
    pub fn coverage(&self) -> domain::Coverage {
        let states: Vec<Vec<domain::CorrelationState>> = self
            .provisions
            .iter()
            .map(|p| p.lines.iter().map(|l| l.state.into()).collect())
            .collect();
        domain::Coverage::of(states.iter().map(Vec::as_slice))
    }

    pub fn measure(&self, id: i32) -> Option<&measure::Model> {
        self.measures.iter().find(|m| m.id == id)
    }
}

/// The correlation table of a directive.
pub async fn table<C: ConnectionTrait>(
    db: &C,
    directive_id: i32,
) -> Result<CorrelationTable, DataError> {
    let provisions = provisions(db, directive_id).await?;
    let ids: Vec<i32> = provisions.iter().map(|p| p.id).collect();
    let mut lines: BTreeMap<i32, Vec<correlation::Model>> = BTreeMap::new();
    for l in store::find_in::<correlation::Entity, _, _>(db, correlation::Column::ProvisionId, &ids)
        .await?
    {
        lines.entry(l.provision_id).or_default().push(l);
    }
    let measures = measure::Entity::find()
        .filter(measure::Column::DirectiveId.eq(directive_id))
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    Ok(CorrelationTable {
        provisions: provisions
            .into_iter()
            .map(|p| {
                let mut l = lines.remove(&p.id).unwrap_or_default();
                l.sort_by_key(|l| (l.measure_id.is_none(), l.measure_id, l.id));
                ProvisionLines {
                    provision: p,
                    lines: l,
                }
            })
            .collect(),
        measures,
    })
}

/// A line of the table as an import gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub provision_id: i32,
    pub measure_id: Option<i32>,
    pub state: CorrelationState,
    pub regional_provisions: Option<String>,
    pub reason: Option<String>,
}

/// What an import changed, by provision code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Provisions of the directive the import did not list, left as they were.
    pub not_listed: usize,
}

/// Replaces the lines of the provisions `lines` lists; one line per provision and measure.
pub async fn apply<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    directive: &directive::Model,
    lines: &[NewLine],
) -> Result<Applied, DataError> {
    let current = table(db, directive.id).await?;
    let mut incoming: BTreeMap<i32, Vec<&NewLine>> = BTreeMap::new();
    for l in lines {
        let same = incoming.entry(l.provision_id).or_default();
        if same.iter().any(|o| o.measure_id == l.measure_id) {
            return Err(DataError::Invalid(format!(
                "two lines for the same provision and measure of {}",
                directive_number(directive)
            )));
        }
        same.push(l);
    }
    let mut applied = Applied::default();
    let mut inserts = Vec::new();
    let mut updates = Vec::new();
    for p in &current.provisions {
        let Some(new_lines) = incoming.remove(&p.provision.id) else {
            applied.not_listed += 1;
            continue;
        };
        let key = provision_key(directive, &p.provision.code);
        for l in &new_lines {
            if let Some(m) = l.measure_id
                && current.measure(m).is_none()
            {
                return Err(DataError::NotFound {
                    what: "measure of the directive",
                    key: format!("{} #{m}", directive_number(directive)),
                });
            }
            match p.lines.iter().find(|o| o.measure_id == l.measure_id) {
                Some(old)
                    if old.state == l.state
                        && old.regional_provisions == l.regional_provisions
                        && old.reason == l.reason =>
                {
                    applied.unchanged += 1;
                }
                Some(old) => {
                    updates.push((
                        key.clone(),
                        old.clone(),
                        correlation::ActiveModel {
                            id: Set(old.id),
                            state: Set(l.state),
                            regional_provisions: Set(l.regional_provisions.clone()),
                            reason: Set(l.reason.clone()),
                            ..Default::default()
                        },
                    ));
                    applied.changed += 1;
                }
                None => {
                    inserts.push((
                        key.clone(),
                        correlation::ActiveModel {
                            id: NotSet,
                            version: Set(1),
                            provision_id: Set(p.provision.id),
                            measure_id: Set(l.measure_id),
                            state: Set(l.state),
                            regional_provisions: Set(l.regional_provisions.clone()),
                            reason: Set(l.reason.clone()),
                            created_at: Set(actor.at),
                            updated_at: Set(actor.at),
                        },
                    ));
                    applied.added += 1;
                }
            }
        }
        for old in &p.lines {
            if !new_lines.iter().any(|l| l.measure_id == old.measure_id) {
                store::delete(db, actor, &key, old).await?;
                applied.removed += 1;
            }
        }
    }
    if let Some(id) = incoming.keys().next() {
        return Err(DataError::NotFound {
            what: "provision of the directive",
            key: format!("{} #{id}", directive_number(directive)),
        });
    }
    store::update_all::<correlation::Model, _, _>(db, actor, updates).await?;
    store::insert_all::<correlation::Model, _, _>(db, actor, inserts).await?;
    Ok(applied)
}

/// One line as a page edits it: the provision by its code, the measure (none for a line without
/// one), and the version of the line the person read (0 for a line not written yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEdit {
    pub provision: String,
    pub measure_id: Option<i32>,
    pub state: CorrelationState,
    pub regional_provisions: Option<String>,
    pub reason: Option<String>,
    pub read_version: i32,
}

/// Writes one line of the table (the provision's other lines stay as they are), from the version
/// the person read: refused (`DataError::Conflict`) when the line moved on since, or was written
/// by someone else meanwhile. Returns whether anything changed.
pub async fn set_line<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    directive: &directive::Model,
    edit: &LineEdit,
) -> Result<bool, DataError> {
    let number = directive_number(directive);
    let key = provision_key(directive, &edit.provision);
    let provision = directive_provision::Entity::find()
        .filter(directive_provision::Column::DirectiveId.eq(directive.id))
        .filter(directive_provision::Column::Code.eq(edit.provision.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "provision of the directive",
            key: key.clone(),
        })?;
    if let Some(m) = edit.measure_id {
        let belongs = measure::Entity::find_by_id(m)
            .one(db)
            .await?
            .is_some_and(|x| x.directive_id == directive.id);
        if !belongs {
            return Err(DataError::NotFound {
                what: "measure of the directive",
                key: format!("{number} #{m}"),
            });
        }
    }
    let mut query =
        correlation::Entity::find().filter(correlation::Column::ProvisionId.eq(provision.id));
    query = match edit.measure_id {
        Some(m) => query.filter(correlation::Column::MeasureId.eq(m)),
        None => query.filter(correlation::Column::MeasureId.is_null()),
    };
    let old = query.one(db).await?;
    let current = old.as_ref().map_or(0, |o| o.version);
    if current != edit.read_version {
        return Err(DataError::Conflict {
            what: "correlation line",
            key,
            read: i64::from(edit.read_version),
            current: i64::from(current),
        });
    }
    match old {
        Some(old)
            if old.state == edit.state
                && old.regional_provisions == edit.regional_provisions
                && old.reason == edit.reason =>
        {
            Ok(false)
        }
        Some(old) => {
            let am = correlation::ActiveModel {
                state: Set(edit.state),
                regional_provisions: Set(edit.regional_provisions.clone()),
                reason: Set(edit.reason.clone()),
                ..Default::default()
            };
            store::update(db, actor, &key, &old, am).await?;
            Ok(true)
        }
        None => {
            store::insert::<correlation::Model, _, _>(
                db,
                actor,
                &key,
                correlation::ActiveModel {
                    id: NotSet,
                    version: Set(1),
                    provision_id: Set(provision.id),
                    measure_id: Set(edit.measure_id),
                    state: Set(edit.state),
                    regional_provisions: Set(edit.regional_provisions.clone()),
                    reason: Set(edit.reason.clone()),
                    created_at: Set(actor.at),
                    updated_at: Set(actor.at),
                },
            )
            .await?;
            Ok(true)
        }
    }
}
