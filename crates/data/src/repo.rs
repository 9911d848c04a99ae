//! The operations the tool performs on its records, each a function of a connection (or a
//! transaction) and an [`Actor`]: reads that assemble domain views, and writes through [`store`].

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::records::{CaseRecord, DirectiveRecord, MeasureRecord};
use domain::{Competence, DirectiveFacts, DirectiveId, NotifiedMeasure, Stage, Status};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::DataError;
use crate::code::{self, EventKind, HistoryAction, ImportOutcome, ImportSource};
use crate::entity::{
    authority, case_directive, case_event, decision, directive, directive_authority,
    directive_deadline, history, import_run, infringement_case, measure, reply,
};
use crate::store::{self, Actor};
use domain::text::fold;

// ---------------------------------------------------------------- authorities

pub async fn authorities<C: ConnectionTrait>(db: &C) -> Result<Vec<authority::Model>, DataError> {
    Ok(authority::Entity::find()
        .order_by_asc(authority::Column::Code)
        .all(db)
        .await?)
}

pub async fn add_authority<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    code: &str,
    name_fr: &str,
    name_nl: &str,
) -> Result<authority::Model, DataError> {
    let code = code.trim();
    if code.is_empty() || name_fr.trim().is_empty() || name_nl.trim().is_empty() {
        return Err(DataError::Invalid(
            "an authority needs a short code and a name in French and in Dutch".into(),
        ));
    }
    let known = authorities(db).await?;
    if known.iter().any(|a| a.code.eq_ignore_ascii_case(code)) {
        return Err(DataError::Exists {
            what: "authority",
            key: code.to_owned(),
        });
    }
    let am = authority::ActiveModel {
        code: Set(code.to_owned()),
        name_fr: Set(name_fr.trim().to_owned()),
        name_nl: Set(name_nl.trim().to_owned()),
        notes: Set(None),
        ..Default::default()
    };
    store::insert(db, actor, code, am).await
}

/// How names are compared: case, accents, spaces and punctuation ignored ("urban.brussels" is
/// "Urban Brussels", "B.I.M." is "BIM", "Bruxelles-Propreté" is "bruxelles proprete").
fn name_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Finds an authority by its code, its French or Dutch name or one of its aliases (case, accents
/// and punctuation ignored); an unknown name suggests the closest known one.
pub fn find_authority<'a>(
    known: &'a [authority::Model],
    text: &str,
) -> Result<&'a authority::Model, DataError> {
    let wanted = name_key(text);
    known
        .iter()
        .find(|a| a.names().iter().any(|n| name_key(n) == wanted))
        .ok_or_else(|| {
            DataError::Invalid(format!(
                "no authority \"{}\": expected {}",
                text.trim(),
                authority_expected(known, text)
            ))
        })
}

/// The known authorities, to resolve many names at once: each name asked is folded once, not
/// compared with every known name in turn.
pub struct AuthorityNames {
    known: Vec<authority::Model>,
    by_key: HashMap<String, i32>,
}

impl AuthorityNames {
    pub fn new(known: Vec<authority::Model>) -> AuthorityNames {
        let mut by_key = HashMap::new();
        for a in &known {
            for name in a.names() {
                // The first authority with a name wins, as in [`find_authority`].
                by_key.entry(name_key(name)).or_insert(a.id);
            }
        }
        AuthorityNames { known, by_key }
    }

    /// The id of the authority `text` names; an unknown name is the error [`find_authority`] gives.
    pub fn id_of(&self, text: &str) -> Result<i32, DataError> {
        match self.by_key.get(&name_key(text)) {
            Some(id) => Ok(*id),
            None => find_authority(&self.known, text).map(|a| a.id),
        }
    }
}

/// What an unknown authority name should have been: the closest known one, else the known codes.
pub fn authority_expected(known: &[authority::Model], text: &str) -> String {
    match closest_authority(known, text) {
        Some(a) => format!(
            "a known authority: did you mean {} ({} / {})?",
            a.code, a.name_fr, a.name_nl
        ),
        None if known.is_empty() => {
            "a known authority (none yet: add one with `authority add`)".to_owned()
        }
        None => format!(
            "a known authority code, name or alias ({}; `authority set CODE --alias NAME` adds a name)",
            known
                .iter()
                .map(|a| a.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The known authority whose code, name or alias is nearest to `text` (edit distance on the
/// folded spelling), if it is near enough to be a typo or a variant rather than another body.
pub fn closest_authority<'a>(
    known: &'a [authority::Model],
    text: &str,
) -> Option<&'a authority::Model> {
    let wanted = name_key(text);
    known
        .iter()
        .map(|a| {
            let d = a
                .names()
                .iter()
                .map(|n| strsim::levenshtein(&name_key(n), &wanted))
                .min()
                .unwrap_or(usize::MAX);
            (d, a)
        })
        .filter(|(d, _)| *d <= wanted.chars().count().max(4) / 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Adds other names to an authority (`authority set CODE --alias NAME`). A name another authority
/// already answers to is refused: a table could no longer say which one it means.
pub async fn add_aliases<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    code: &str,
    aliases: &[String],
) -> Result<authority::Model, DataError> {
    let known = authorities(db).await?;
    let target = known
        .iter()
        .find(|a| a.code.eq_ignore_ascii_case(code.trim()))
        .ok_or_else(|| DataError::NotFound {
            what: "authority",
            key: code.trim().to_owned(),
        })?;
    let mut list: Vec<String> = target.alias_list().into_iter().map(str::to_owned).collect();
    for alias in aliases.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        if alias.contains('\n') {
            return Err(DataError::Invalid(format!(
                "an alias is one line: \"{alias}\""
            )));
        }
        if let Some(other) = known
            .iter()
            .find(|a| a.id != target.id && a.names().iter().any(|n| name_key(n) == name_key(alias)))
        {
            return Err(DataError::Invalid(format!(
                "\"{alias}\" already names {} ({} / {})",
                other.code, other.name_fr, other.name_nl
            )));
        }
        if !target
            .names()
            .iter()
            .any(|n| name_key(n) == name_key(alias))
            && !list.iter().any(|n| name_key(n) == name_key(alias))
        {
            list.push(alias.to_owned());
        }
    }
    let joined = (!list.is_empty()).then(|| list.join("\n"));
    if joined == target.aliases {
        return Ok(target.clone());
    }
    let am = authority::ActiveModel {
        aliases: Set(joined),
        ..Default::default()
    };
    store::update(db, actor, &target.code, target, am).await
}

#[cfg(test)]
mod authority_tests {
    use super::*;

    fn authority(code: &str, fr: &str, nl: &str) -> authority::Model {
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).unwrap();
        authority::Model {
            id: 1,
            version: 1,
            created_at: at,
            updated_at: at,
            code: code.into(),
            name_fr: fr.into(),
            name_nl: nl.into(),
            notes: None,
            aliases: None,
        }
    }

    #[test]
    fn finds_by_code_or_name_and_suggests_the_closest() {
        let known = vec![
            authority("BE", "Bruxelles Environnement", "Leefmilieu Brussel"),
            authority(
                "BEE",
                "Bruxelles Économie et Emploi",
                "Brussel Economie en Werkgelegenheid",
            ),
        ];
        assert_eq!(find_authority(&known, "be").unwrap().code, "BE");
        assert_eq!(
            find_authority(&known, " leefmilieu  brussel ")
                .unwrap()
                .code,
            "BE"
        );
        assert_eq!(
            find_authority(&known, "Bruxelles Economie et Emploi")
                .unwrap()
                .code,
            "BEE"
        );
        assert_eq!(
            closest_authority(&known, "Bruxelles Environement")
                .unwrap()
                .code,
            "BE"
        );
        assert_eq!(
            closest_authority(&known, "Bruxelles-Économie et Emploi")
                .unwrap()
                .code,
            "BEE"
        );
        assert!(closest_authority(&known, "Actiris").is_none());
        let mut known = known;
        known[0].aliases = Some("IBGE\nBIM".into());
        assert_eq!(find_authority(&known, "ibge").unwrap().code, "BE");
        assert_eq!(find_authority(&known, "B.I.M.").unwrap().code, "BE");
        assert_eq!(
            find_authority(&known, "Bruxelles-Economie et Emploi")
                .unwrap()
                .code,
            "BEE"
        );
        let err = find_authority(&known, "Bruxelles Environement")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("did you mean BE (Bruxelles Environnement / Leefmilieu Brussel)?"),
            "{err}"
        );
    }
}

// ---------------------------------------------------------------- directives

/// A directive as people read it: its record, its deadlines, measures and status at a date.
#[derive(Clone, Debug, Serialize)]
pub struct DirectiveView {
    pub celex: String,
    pub number: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub adopted_on: Option<NaiveDate>,
    pub in_force: Option<bool>,
    pub competence: Competence,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    pub deadlines: Vec<NaiveDate>,
    pub planned_text: Option<String>,
    pub planned_on: Option<NaiveDate>,
    pub planned_approximate: bool,
    pub at_risk: bool,
    pub risk_reason: Option<String>,
    pub notes: Option<String>,
    pub measures: Vec<measure::Model>,
    pub as_of: NaiveDate,
    pub status: Status,
    pub per_deadline: Vec<domain::DeadlineStatus>,
    pub version: i32,
}

impl DirectiveView {
    /// The first deadline not yet met at the view's date, else the last one.
    pub fn next_deadline(&self) -> Option<NaiveDate> {
        self.per_deadline
            .iter()
            .find(|d| {
                matches!(
                    d.status,
                    Status::NotYetDue { .. }
                        | Status::Overdue { .. }
                        | Status::PartiallyTransposed { .. }
                )
            })
            .map(|d| d.deadline)
            .or_else(|| self.deadlines.last().copied())
    }

    pub fn title(&self, lang: domain::Lang) -> Option<&str> {
        let own = match lang {
            domain::Lang::Fr => &self.title_fr,
            domain::Lang::Nl => &self.title_nl,
            domain::Lang::En => &self.title_en,
        };
        own.as_deref()
    }

    /// The title to show in `lang`: its own, else another language's marked with that language
    /// ("[NL] Richtlijn ..."), so that a reader knows it is not a translation that was missed.
    pub fn shown_title(&self, lang: domain::Lang) -> Option<String> {
        if let Some(own) = self.title(lang) {
            return Some(own.to_owned());
        }
        let others = [
            (domain::Lang::Fr, &self.title_fr),
            (domain::Lang::Nl, &self.title_nl),
            (domain::Lang::En, &self.title_en),
        ];
        let order: [domain::Lang; 2] = match lang {
            domain::Lang::Fr => [domain::Lang::Nl, domain::Lang::En],
            domain::Lang::Nl => [domain::Lang::Fr, domain::Lang::En],
            domain::Lang::En => [domain::Lang::Fr, domain::Lang::Nl],
        };
        order.iter().find_map(|want| {
            others
                .iter()
                .find(|(l, t)| l == want && t.is_some())
                .and_then(|(l, t)| {
                    t.as_ref()
                        .map(|t| format!("[{}] {t}", l.code().to_uppercase()))
                })
        })
    }
}

/// Every tracked directive with its status at `as_of`, in CELEX order (four queries in all).
pub async fn directives<C: ConnectionTrait>(
    db: &C,
    as_of: NaiveDate,
) -> Result<Vec<DirectiveView>, DataError> {
    let rows = directive::Entity::find()
        .order_by_asc(directive::Column::Celex)
        .all(db)
        .await?;
    assemble(db, rows, as_of, Read::Everything).await
}

/// The directives that may be overdue, partially transposed or not yet due at `as_of`, in CELEX
/// order, with their status: every one except those that do not concern the Region, those
/// without a deadline and those a completing measure notified by `as_of` transposes — the
/// statuses of these three are never pending (see `domain::directive_status`), so the status of
/// each one returned is computed by the same rule as everywhere. The overview and the deadlines
/// read these instead of every directive: in the unit's tables nine in ten are done.
pub async fn pending_directives<C: ConnectionTrait>(
    db: &C,
    as_of: NaiveDate,
) -> Result<Vec<DirectiveView>, DataError> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let completed = Query::select()
        .expr(Expr::val(1))
        .from(measure::Entity)
        .and_where(
            Expr::col((measure::Entity, measure::Column::DirectiveId))
                .equals((directive::Entity, directive::Column::Id)),
        )
        .and_where(Expr::col((measure::Entity, measure::Column::Completes)).eq(true))
        .and_where(Expr::col((measure::Entity, measure::Column::NotifiedOn)).lte(as_of))
        .to_owned();
    let dated = Query::select()
        .expr(Expr::val(1))
        .from(directive_deadline::Entity)
        .and_where(
            Expr::col((
                directive_deadline::Entity,
                directive_deadline::Column::DirectiveId,
            ))
            .equals((directive::Entity, directive::Column::Id)),
        )
        .to_owned();
    let rows = directive::Entity::find()
        .filter(directive::Column::Competence.ne(code::Competence::NotConcerned))
        .filter(Expr::exists(dated))
        .filter(Expr::not_exists(completed))
        .order_by_asc(directive::Column::Celex)
        .all(db)
        .await?;
    assemble(db, rows, as_of, Read::TheirRows).await
}

/// How many directives are tracked.
pub async fn directive_count<C: ConnectionTrait>(db: &C) -> Result<u64, DataError> {
    use sea_orm::PaginatorTrait;
    Ok(directive::Entity::find().count(db).await?)
}

/// The CELEX of every tracked directive.
pub async fn directive_celexes<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DataError> {
    use sea_orm::QuerySelect;
    Ok(directive::Entity::find()
        .select_only()
        .column(directive::Column::Celex)
        .into_tuple::<String>()
        .all(db)
        .await?)
}

/// The CELEX of every directive the Region transposes (competence other than "not concerned"):
/// a case linked to one probably concerns the Region.
pub async fn concerned_celexes<C: ConnectionTrait>(
    db: &C,
) -> Result<std::collections::HashSet<String>, DataError> {
    use sea_orm::QuerySelect;
    let rows: Vec<String> = directive::Entity::find()
        .select_only()
        .column(directive::Column::Celex)
        .filter(directive::Column::Competence.ne(code::Competence::NotConcerned))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The number of every infringement case known.
pub async fn case_numbers<C: ConnectionTrait>(db: &C) -> Result<Vec<String>, DataError> {
    use sea_orm::QuerySelect;
    Ok(infringement_case::Entity::find()
        .select_only()
        .column(infringement_case::Column::Number)
        .into_tuple::<String>()
        .all(db)
        .await?)
}

pub async fn directive_by_celex<C: ConnectionTrait>(
    db: &C,
    celex: &str,
) -> Result<Option<directive::Model>, DataError> {
    Ok(directive::Entity::find()
        .filter(directive::Column::Celex.eq(celex))
        .one(db)
        .await?)
}

pub async fn directive_view<C: ConnectionTrait>(
    db: &C,
    id: &DirectiveId,
    as_of: NaiveDate,
) -> Result<DirectiveView, DataError> {
    let row = directive_by_celex(db, &id.celex())
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "directive",
            key: format!("{} ({})", id, id.celex()),
        })?;
    Ok(assemble(db, vec![row], as_of, Read::TheirRows)
        .await?
        .remove(0))
}

/// The views of the directives with these CELEX numbers (those tracked), in CELEX order.
pub async fn directives_by_celex<C: ConnectionTrait>(
    db: &C,
    celexes: &[String],
    as_of: NaiveDate,
) -> Result<Vec<DirectiveView>, DataError> {
    let mut rows =
        store::find_in::<directive::Entity, _, _>(db, directive::Column::Celex, celexes).await?;
    rows.sort_by(|a, b| a.celex.cmp(&b.celex));
    assemble(db, rows, as_of, Read::TheirRows).await
}

/// Which rows of the tables around a set of records a view reads.
#[derive(Clone, Copy, PartialEq)]
enum Read {
    /// Every row, one scan per table: the records are all of them.
    Everything,
    /// Only the records' rows, by id (in chunks).
    TheirRows,
}

async fn assemble<C: ConnectionTrait>(
    db: &C,
    rows: Vec<directive::Model>,
    as_of: NaiveDate,
    read: Read,
) -> Result<Vec<DirectiveView>, DataError> {
    let codes: HashMap<i32, String> = authorities(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut all_deadlines = match read {
        Read::Everything => directive_deadline::Entity::find().all(db).await?,
        Read::TheirRows => {
            store::find_in::<directive_deadline::Entity, _, _>(
                db,
                directive_deadline::Column::DirectiveId,
                &ids,
            )
            .await?
        }
    };
    all_deadlines.sort_by_key(|d| (d.deadline, d.id));
    let mut deadlines: HashMap<i32, Vec<NaiveDate>> = HashMap::new();
    for d in all_deadlines {
        deadlines
            .entry(d.directive_id)
            .or_default()
            .push(d.deadline);
    }
    let mut all_measures = match read {
        Read::Everything => measure::Entity::find().all(db).await?,
        Read::TheirRows => {
            store::find_in::<measure::Entity, _, _>(db, measure::Column::DirectiveId, &ids).await?
        }
    };
    all_measures.sort_by_key(|m| m.id);
    let mut measures: HashMap<i32, Vec<measure::Model>> = HashMap::new();
    for m in all_measures {
        measures.entry(m.directive_id).or_default().push(m);
    }
    let mut links = match read {
        Read::Everything => directive_authority::Entity::find().all(db).await?,
        Read::TheirRows => {
            store::find_in::<directive_authority::Entity, _, _>(
                db,
                directive_authority::Column::DirectiveId,
                &ids,
            )
            .await?
        }
    };
    links.sort_by_key(|l| l.id);
    let mut associated: HashMap<i32, Vec<String>> = HashMap::new();
    for link in links {
        if let Some(code) = codes.get(&link.authority_id) {
            associated
                .entry(link.directive_id)
                .or_default()
                .push(code.clone());
        }
    }
    rows.into_iter()
        .map(|row| {
            let deadlines = deadlines.remove(&row.id).unwrap_or_default();
            let measures = measures.remove(&row.id).unwrap_or_default();
            let competence = row.competence.into();
            let facts = DirectiveFacts {
                competence,
                deadlines: deadlines.clone(),
                measures: measures
                    .iter()
                    .map(|m| NotifiedMeasure {
                        notified: m.notified_on,
                        completes: m.completes,
                    })
                    .collect(),
            };
            let (status, per_deadline) = domain::directive_status(&facts, as_of);
            let number = DirectiveId::parse(&row.celex)
                .map_err(|_| DataError::Unreadable {
                    what: "the CELEX number (directive.celex) of a directive",
                    key: format!("directive {}", row.id),
                    found: row.celex.clone(),
                    expected: "a directive's CELEX number like 32019L1024",
                })?
                .to_string();
            Ok(DirectiveView {
                number,
                title_fr: row.title_fr,
                title_nl: row.title_nl,
                title_en: row.title_en,
                adopted_on: row.adopted_on,
                in_force: row.in_force,
                competence,
                lead: row.lead_authority_id.and_then(|id| codes.get(&id).cloned()),
                associated: associated.remove(&row.id).unwrap_or_default(),
                deadlines,
                planned_text: row.planned_text,
                planned_on: row.planned_on,
                planned_approximate: row.planned_approximate,
                at_risk: row.at_risk,
                risk_reason: row.risk_reason,
                notes: row.notes,
                measures,
                as_of,
                status,
                per_deadline,
                version: row.version,
                celex: row.celex,
            })
        })
        .collect()
}

/// An exact planned date is kept in one canonical spelling, so that the same date typed twice,
/// or read back from an exported table, is the same value.
fn canonical(p: &domain::PlannedDate) -> domain::PlannedDate {
    if p.approximate {
        p.clone()
    } else {
        domain::PlannedDate::exact(p.no_later_than)
    }
}

pub(crate) fn directive_active_model(
    rec: &DirectiveRecord,
    lead: Option<i32>,
) -> directive::ActiveModel {
    let planned = rec.planned.as_ref().map(canonical);
    directive::ActiveModel {
        celex: Set(rec.id.celex()),
        title_fr: Set(rec.title_fr.clone()),
        title_nl: Set(rec.title_nl.clone()),
        title_en: Set(rec.title_en.clone()),
        adopted_on: Set(rec.adopted_on),
        in_force: Set(rec.in_force),
        competence: Set(rec.competence.into()),
        lead_authority_id: Set(lead),
        planned_text: Set(planned.as_ref().map(|p| p.text.clone())),
        planned_on: Set(planned.as_ref().map(|p| p.no_later_than)),
        planned_approximate: Set(planned.as_ref().is_some_and(|p| p.approximate)),
        at_risk: Set(rec.risk_reason.is_some()),
        risk_reason: Set(rec.risk_reason.clone()),
        notes: Set(rec.notes.clone()),
        ..Default::default()
    }
}

/// Adds a directive that is not tracked yet, with its deadlines and associated authorities.
pub async fn add_directive<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rec: &DirectiveRecord,
) -> Result<directive::Model, DataError> {
    let celex = rec.id.celex();
    if directive_by_celex(db, &celex).await?.is_some() {
        return Err(DataError::Exists {
            what: "directive",
            key: format!("{} ({celex})", rec.id),
        });
    }
    let known = authorities(db).await?;
    let lead = match &rec.lead {
        Some(text) => Some(find_authority(&known, text)?.id),
        None => None,
    };
    let model: directive::Model =
        store::insert(db, actor, &celex, directive_active_model(rec, lead)).await?;
    add_deadlines(db, actor, &model, &rec.deadlines).await?;
    add_associated(db, actor, &model, &rec.associated).await?;
    Ok(model)
}

/// Adds the deadlines a directive does not have yet; returns how many were new.
pub async fn add_deadlines<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &directive::Model,
    deadlines: &[NaiveDate],
) -> Result<usize, DataError> {
    let existing: Vec<NaiveDate> = directive_deadline::Entity::find()
        .filter(directive_deadline::Column::DirectiveId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.deadline)
        .collect();
    let mut new: Vec<NaiveDate> = deadlines
        .iter()
        .copied()
        .filter(|d| !existing.contains(d))
        .collect();
    new.sort();
    new.dedup();
    let count = new.len();
    let rows = new
        .into_iter()
        .map(|deadline| {
            (
                row.celex.clone(),
                directive_deadline::ActiveModel {
                    directive_id: Set(row.id),
                    deadline: Set(deadline),
                    provision: Set(None),
                    id: NotSet,
                },
            )
        })
        .collect();
    store::insert_all::<directive_deadline::Model, _, _>(db, actor, rows).await?;
    Ok(count)
}

/// Removes one deadline of a directive (a correction), keeping it in the history.
pub async fn remove_deadline<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &directive::Model,
    deadline: NaiveDate,
) -> Result<(), DataError> {
    let found = directive_deadline::Entity::find()
        .filter(directive_deadline::Column::DirectiveId.eq(row.id))
        .filter(directive_deadline::Column::Deadline.eq(deadline))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "deadline",
            key: format!("{deadline} of {}", row.celex),
        })?;
    store::delete(db, actor, &row.celex, &found).await
}

/// The changes `directive set` can make; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct DirectivePatch {
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub adopted_on: Option<NaiveDate>,
    pub in_force: Option<bool>,
    pub competence: Option<Competence>,
    /// `Some(None)` clears the lead authority.
    pub lead: Option<Option<String>>,
    pub planned: Option<Option<domain::PlannedDate>>,
    /// `Some(Some(reason))` flags the directive at risk, `Some(None)` clears the flag.
    pub risk: Option<Option<String>>,
    pub notes: Option<String>,
}

/// Applies a patch to a directive read at `expected_version` (when given) or now.
pub async fn set_directive<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    celex: &str,
    patch: &DirectivePatch,
    expected_version: Option<i32>,
) -> Result<directive::Model, DataError> {
    let old = directive_by_celex(db, celex)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "directive",
            key: celex.to_owned(),
        })?;
    if let Some(v) = expected_version
        && v != old.version
    {
        return Err(DataError::Conflict {
            what: "directive",
            key: celex.to_owned(),
            read: v.into(),
            current: old.version.into(),
        });
    }
    let known = authorities(db).await?;
    let am = patch_model(&known, patch)?;
    store::update(db, actor, celex, &old, am).await
}

/// The fields a patch sets, as an active model (the lead named by code, name or alias in `known`).
pub(crate) fn patch_model(
    known: &[authority::Model],
    patch: &DirectivePatch,
) -> Result<directive::ActiveModel, DataError> {
    let mut am = directive::ActiveModel::default();
    if let Some(t) = &patch.title_fr {
        am.title_fr = Set(Some(t.clone()));
    }
    if let Some(t) = &patch.title_nl {
        am.title_nl = Set(Some(t.clone()));
    }
    if let Some(t) = &patch.title_en {
        am.title_en = Set(Some(t.clone()));
    }
    if let Some(d) = patch.adopted_on {
        am.adopted_on = Set(Some(d));
    }
    if let Some(b) = patch.in_force {
        am.in_force = Set(Some(b));
    }
    if let Some(c) = patch.competence {
        am.competence = Set(c.into());
    }
    if let Some(lead) = &patch.lead {
        am.lead_authority_id = Set(match lead {
            Some(text) => Some(find_authority(known, text)?.id),
            None => None,
        });
    }
    if let Some(planned) = &patch.planned {
        let planned = planned.as_ref().map(canonical);
        am.planned_text = Set(planned.as_ref().map(|p| p.text.clone()));
        am.planned_on = Set(planned.as_ref().map(|p| p.no_later_than));
        am.planned_approximate = Set(planned.as_ref().is_some_and(|p| p.approximate));
    }
    if let Some(risk) = &patch.risk {
        am.at_risk = Set(risk.is_some());
        am.risk_reason = Set(risk.clone());
    }
    if let Some(n) = &patch.notes {
        // Empty notes are no notes: the field is cleared, not set to an empty text.
        am.notes = Set(Some(n.clone()).filter(|n| !n.trim().is_empty()));
    }
    Ok(am)
}

// ---------------------------------------------------------------- measures

pub async fn add_measure<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    rec: &MeasureRecord,
) -> Result<measure::Model, DataError> {
    let celex = rec.directive.celex();
    let dir = directive_by_celex(db, &celex)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "directive",
            key: format!(
                "{} ({celex}): add it first with `directive add`",
                rec.directive
            ),
        })?;
    let am = measure::ActiveModel {
        directive_id: Set(dir.id),
        kind: Set(rec.kind.into()),
        title_fr: Set(rec.title_fr.clone()),
        title_nl: Set(rec.title_nl.clone()),
        adopted_on: Set(rec.adopted_on),
        published_on: Set(rec.published_on),
        in_force_on: Set(rec.in_force_on),
        completes: Set(rec.completes),
        notified_on: Set(rec.notified_on),
        celex: Set(rec.celex.clone()),
        notes: Set(rec.notes.clone()),
        ..Default::default()
    };
    store::insert(db, actor, &celex, am).await
}

// ---------------------------------------------------------------- infringement cases

#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    pub decided_on: NaiveDate,
    pub stage: Stage,
    pub stage_code: String,
    pub label: Option<String>,
    pub press_release: bool,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    pub reply_entered_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CaseView {
    pub number: String,
    pub country: domain::Country,
    pub case_type: Option<domain::CaseType>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub brussels_concerned: Option<bool>,
    pub lead: Option<String>,
    pub active: bool,
    pub first_seen_on: Option<NaiveDate>,
    pub last_seen_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub directives: Vec<String>,
    pub decisions: Vec<DecisionView>,
    /// Inferred from the register exports: dropped out of / came back into the register.
    pub events: Vec<case_event::Model>,
    pub version: i32,
}

impl CaseView {
    /// Whether the case was active at a date, from the register's events (a case is not active
    /// before its first decision, nor after it dropped out of the register).
    pub fn active_at(&self, date: NaiveDate) -> bool {
        if self.decisions.first().is_some_and(|d| d.decided_on > date) {
            return false;
        }
        match self.events.iter().rfind(|e| e.to_date <= date) {
            Some(e) => e.kind == EventKind::Reopened,
            None => self
                .events
                .first()
                .map_or(self.active, |e| e.kind == EventKind::Inactive),
        }
    }

    pub fn last_decision(&self) -> Option<&DecisionView> {
        self.decisions.last()
    }

    /// The reply deadline of the latest decision, if it is a letter or opinion whose reply has not
    /// been sent yet (a later decision supersedes the letters before it).
    pub fn next_reply_deadline(&self) -> Option<NaiveDate> {
        self.last_decision()
            .filter(|d| d.reply_sent_on.is_none())
            .and_then(|d| d.reply_deadline)
    }
}

/// Cases in number order, with their decisions (oldest first), replies and directives.
pub async fn cases<C: ConnectionTrait>(
    db: &C,
    active_only: bool,
) -> Result<Vec<CaseView>, DataError> {
    let mut q = infringement_case::Entity::find().order_by_asc(infringement_case::Column::Number);
    if active_only {
        q = q.filter(infringement_case::Column::Active.eq(true));
    }
    let rows = q.all(db).await?;
    assemble_cases(db, rows).await
}

/// What the unit may still have to answer: the cases, in number order, with a reply not sent yet
/// whose deadline is `since` or later (`None`: any), and, with `followed`, that concern Brussels
/// or have a lead authority. A superset, read by one query: the caller keeps those whose latest
/// decision at its date awaits that reply ([`CaseView::next_reply_deadline`]).
pub async fn cases_awaiting_reply<C: ConnectionTrait>(
    db: &C,
    since: Option<NaiveDate>,
    followed: bool,
) -> Result<Vec<CaseView>, DataError> {
    use sea_orm::Condition;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let mut awaiting = Query::select()
        .expr(Expr::val(1))
        .from(reply::Entity)
        .inner_join(
            decision::Entity,
            Expr::col((decision::Entity, decision::Column::Id))
                .equals((reply::Entity, reply::Column::DecisionId)),
        )
        .and_where(
            Expr::col((decision::Entity, decision::Column::CaseId))
                .equals((infringement_case::Entity, infringement_case::Column::Id)),
        )
        .and_where(Expr::col((reply::Entity, reply::Column::SentOn)).is_null())
        .to_owned();
    if let Some(since) = since {
        awaiting.and_where(Expr::col((reply::Entity, reply::Column::Deadline)).gte(since));
    }
    let mut q = infringement_case::Entity::find()
        .filter(Expr::exists(awaiting))
        .order_by_asc(infringement_case::Column::Number);
    if followed {
        q = q.filter(
            Condition::any()
                .add(infringement_case::Column::BrusselsConcerned.eq(true))
                .add(infringement_case::Column::LeadAuthorityId.is_not_null()),
        );
    }
    assemble_cases(db, q.all(db).await?).await
}

/// The open procedures at `as_of` that concern Brussels or are not triaged yet (active, and opened
/// by then or without a decision), and how many of them are not triaged: counted by the database.
pub async fn open_case_counts<C: ConnectionTrait>(
    db: &C,
    as_of: NaiveDate,
) -> Result<(u64, u64), DataError> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    use sea_orm::{Condition, PaginatorTrait};
    let decisions = |until: Option<NaiveDate>| {
        let mut q = Query::select()
            .expr(Expr::val(1))
            .from(decision::Entity)
            .and_where(
                Expr::col((decision::Entity, decision::Column::CaseId))
                    .equals((infringement_case::Entity, infringement_case::Column::Id)),
            )
            .to_owned();
        if let Some(until) = until {
            q.and_where(Expr::col((decision::Entity, decision::Column::DecidedOn)).lte(until));
        }
        q
    };
    let open = infringement_case::Entity::find()
        .filter(infringement_case::Column::Active.eq(true))
        .filter(
            Condition::any()
                .add(infringement_case::Column::BrusselsConcerned.is_null())
                .add(infringement_case::Column::BrusselsConcerned.eq(true)),
        )
        .filter(
            Condition::any()
                .add(Expr::exists(decisions(Some(as_of))))
                .add(Expr::not_exists(decisions(None))),
        );
    let total = open.clone().count(db).await?;
    let to_triage = open
        .filter(infringement_case::Column::BrusselsConcerned.is_null())
        .count(db)
        .await?;
    Ok((total, to_triage))
}

/// The CELEX of the given ones that the Region transposes (competence other than "not
/// concerned").
pub async fn concerned_among<C: ConnectionTrait>(
    db: &C,
    celexes: &[String],
) -> Result<std::collections::HashSet<String>, DataError> {
    Ok(
        store::find_in::<directive::Entity, _, _>(db, directive::Column::Celex, celexes)
            .await?
            .into_iter()
            .filter(|d| d.competence != code::Competence::NotConcerned)
            .map(|d| d.celex)
            .collect(),
    )
}

pub async fn case_view<C: ConnectionTrait>(db: &C, number: &str) -> Result<CaseView, DataError> {
    let row = infringement_case::Entity::find()
        .filter(infringement_case::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "infringement case",
            key: number.to_owned(),
        })?;
    Ok(assemble_cases(db, vec![row]).await?.remove(0))
}

/// Up to this many records, a view reads only their rows (by id); beyond, whole tables at once.
const FEW: usize = 500;

async fn assemble_cases<C: ConnectionTrait>(
    db: &C,
    rows: Vec<infringement_case::Model>,
) -> Result<Vec<CaseView>, DataError> {
    let codes: HashMap<i32, String> = authorities(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    // A few cases (`case show`): only their rows, by id; many: every row, one scan per table.
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let few = rows.len() <= FEW;
    let all_decisions = if few {
        store::find_in::<decision::Entity, _, _>(db, decision::Column::CaseId, &ids).await?
    } else {
        decision::Entity::find().all(db).await?
    };
    let mut all_decisions = all_decisions
        .into_iter()
        .map(|d| Ok((d.stage()?.code(), d)))
        .collect::<Result<Vec<(String, decision::Model)>, DataError>>()?;
    // Date, then stage code: the same order whatever order the sources were imported in.
    all_decisions
        .sort_by(|(a_code, a), (b_code, b)| (a.decided_on, a_code).cmp(&(b.decided_on, b_code)));
    let mut decisions: HashMap<i32, Vec<decision::Model>> = HashMap::new();
    for (_, d) in all_decisions {
        decisions.entry(d.case_id).or_default().push(d);
    }
    let replies = if few {
        let decision_ids: Vec<i32> = decisions.values().flatten().map(|d| d.id).collect();
        store::find_in::<reply::Entity, _, _>(db, reply::Column::DecisionId, &decision_ids).await?
    } else {
        reply::Entity::find().all(db).await?
    };
    let replies: HashMap<i32, reply::Model> =
        replies.into_iter().map(|r| (r.decision_id, r)).collect();
    let mut all_events = if few {
        store::find_in::<case_event::Entity, _, _>(db, case_event::Column::CaseId, &ids).await?
    } else {
        case_event::Entity::find().all(db).await?
    };
    all_events.sort_by_key(|e| (e.to_date, e.id));
    let mut events: HashMap<i32, Vec<case_event::Model>> = HashMap::new();
    for e in all_events {
        events.entry(e.case_id).or_default().push(e);
    }
    let mut all_links = if few {
        store::find_in::<case_directive::Entity, _, _>(db, case_directive::Column::CaseId, &ids)
            .await?
    } else {
        case_directive::Entity::find().all(db).await?
    };
    all_links.sort_by_key(|l| l.id);
    let mut directives: HashMap<i32, Vec<String>> = HashMap::new();
    for link in all_links {
        directives.entry(link.case_id).or_default().push(link.celex);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let decisions = decisions
            .remove(&row.id)
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let stage = d.stage()?;
                let r = replies.get(&d.id);
                Ok(DecisionView {
                    decided_on: d.decided_on,
                    stage,
                    stage_code: stage.code(),
                    label: d.label,
                    press_release: d.press_release,
                    reply_deadline: r.map(|r| r.deadline),
                    reply_sent_on: r.and_then(|r| r.sent_on),
                    reply_entered_on: r.and_then(|r| r.entered_on),
                })
            })
            .collect::<Result<Vec<_>, DataError>>()?;
        out.push(CaseView {
            number: row.number,
            country: row.country.into(),
            case_type: row.case_type.map(Into::into),
            title: row.title,
            department: row.department,
            brussels_concerned: row.brussels_concerned,
            lead: row.lead_authority_id.and_then(|id| codes.get(&id).cloned()),
            active: row.active,
            first_seen_on: row.first_seen_on,
            last_seen_on: row.last_seen_on,
            notes: row.notes,
            directives: directives.remove(&row.id).unwrap_or_default(),
            decisions,
            events: events.remove(&row.id).unwrap_or_default(),
            version: row.version,
        });
    }
    Ok(out)
}

/// What merging cases from a source changed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CaseMerge {
    pub new_cases: Vec<String>,
    /// (case number, decision date, stage), the stage written as its code in JSON
    #[serde(serialize_with = "decisions_with_codes")]
    pub new_decisions: Vec<(String, NaiveDate, Stage)>,
    /// (case number, reply deadline) opened by the new decisions
    pub new_reply_deadlines: Vec<(String, NaiveDate)>,
    pub updated_cases: Vec<String>,
    pub unchanged_cases: usize,
}

fn decisions_with_codes<S: serde::Serializer>(
    decisions: &[(String, NaiveDate, Stage)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(decisions.iter().map(|(n, d, stage)| (n, d, stage.code())))
}

/// Merges cases read from a source (the Commission register, the unit's tables): new cases and
/// decisions are added, the source's own fields follow the source, and what the unit entered by
/// hand (Brussels concerned, lead authority, notes, replies) is never touched. Idempotent on the
/// decision's natural key (case, date, stage).
///
/// Set-based: the cases the records name, their decisions and links are read in a few `IN`-list
/// queries; new rows go in chunked inserts, changed fields in one version-checked update per
/// changed record. The dates a case was first and last seen in a source are facts of the
/// sources (the exports themselves are kept as snapshots), not edits: they move forward in one
/// statement per date, without a version or a history row.
pub async fn merge_cases<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    records: &[CaseRecord],
    seen_on: NaiveDate,
) -> Result<CaseMerge, DataError> {
    let mut summary = CaseMerge::default();
    let mut known = KnownCases::read(db, records).await?;
    let inserted = insert_new_cases(db, actor, &known, seen_on).await?;
    summary.new_cases = inserted.iter().map(|c| c.number.clone()).collect();
    follow_the_source(db, actor, &known, seen_on, &mut summary).await?;

    // Each case by number: its id, and whether this source is the newest that listed it.
    let case_of: HashMap<String, (i32, bool)> = known
        .existing
        .values()
        .map(|c| {
            (
                c.number.clone(),
                (c.id, c.last_seen_on.is_none_or(|d| d <= seen_on)),
            )
        })
        .chain(inserted.iter().map(|c| (c.number.clone(), (c.id, true))))
        .collect();
    let plan = plan_decisions(records, &case_of, &mut known);
    summary.new_decisions.extend(
        plan.new
            .iter()
            .map(|new| (new.number.clone(), new.date, new.stage)),
    );
    store::update_all(db, actor, plan.changed).await?;
    let rows = plan
        .new
        .iter()
        .map(|new| (new.number.clone(), new.row.clone()))
        .collect();
    let decisions: Vec<decision::Model> = store::insert_all(db, actor, rows).await?;
    open_replies(db, actor, &decisions, &plan.new, &mut summary).await?;
    let links = new_links(records, &case_of, &mut known.links);
    store::insert_all::<case_directive::Model, _, _>(db, actor, links).await?;
    Ok(summary)
}

/// What the database holds of the cases some records name, read in a few `IN`-list queries.
struct KnownCases<'r> {
    records: &'r [CaseRecord],
    /// The numbers named, each once, in the order of the records.
    numbers: Vec<String>,
    /// The first record of each number: the one whose fields count.
    first_record: HashMap<String, usize>,
    existing: HashMap<String, infringement_case::Model>,
    /// case id -> its decisions, as read; updated in memory as the records are merged.
    decisions: HashMap<i32, Vec<decision::Model>>,
    /// case id -> the CELEX numbers it is linked to.
    links: HashMap<i32, Vec<String>>,
}

impl<'r> KnownCases<'r> {
    async fn read<C: ConnectionTrait>(
        db: &C,
        records: &'r [CaseRecord],
    ) -> Result<KnownCases<'r>, DataError> {
        let mut numbers: Vec<String> = Vec::with_capacity(records.len());
        let mut first_record: HashMap<String, usize> = HashMap::new();
        for (i, rec) in records.iter().enumerate() {
            let number = rec.number.to_string();
            if first_record.insert(number.clone(), i).is_none() {
                numbers.push(number);
            }
        }
        let existing: HashMap<String, infringement_case::Model> =
            store::find_in::<infringement_case::Entity, _, _>(
                db,
                infringement_case::Column::Number,
                &numbers,
            )
            .await?
            .into_iter()
            .map(|c| (c.number.clone(), c))
            .collect();
        let ids: Vec<i32> = existing.values().map(|c| c.id).collect();
        let decisions = store::grouped(
            store::find_in::<decision::Entity, _, _>(db, decision::Column::CaseId, &ids).await?,
            |d| d.case_id,
        );
        let mut links: HashMap<i32, Vec<String>> = HashMap::new();
        for l in
            store::find_in::<case_directive::Entity, _, _>(db, case_directive::Column::CaseId, &ids)
                .await?
        {
            links.entry(l.case_id).or_default().push(l.celex);
        }
        Ok(KnownCases {
            records,
            numbers,
            first_record,
            existing,
            decisions,
            links,
        })
    }

    /// The record whose fields count for a case number.
    fn record(&self, number: &str) -> &'r CaseRecord {
        &self.records[self.first_record[number]]
    }
}

/// Inserts the cases not known yet, in one chunked insert.
async fn insert_new_cases<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    known: &KnownCases<'_>,
    seen_on: NaiveDate,
) -> Result<Vec<infringement_case::Model>, DataError> {
    let fresh: Vec<(String, infringement_case::ActiveModel)> = known
        .numbers
        .iter()
        .filter(|n| !known.existing.contains_key(*n))
        .map(|number| {
            let rec = known.record(number);
            (
                number.clone(),
                infringement_case::ActiveModel {
                    number: Set(number.clone()),
                    country: Set(rec.country.into()),
                    case_type: Set(rec.case_type.map(Into::into)),
                    title: Set(rec.title.clone()),
                    department: Set(rec.department.clone()),
                    brussels_concerned: Set(None),
                    lead_authority_id: Set(None),
                    active: Set(true),
                    first_seen_on: Set(Some(seen_on)),
                    last_seen_on: Set(Some(seen_on)),
                    notes: Set(None),
                    ..Default::default()
                },
            )
        })
        .collect();
    store::insert_all(db, actor, fresh).await
}

/// The source's own fields of the known cases follow the newest source; the unit's fields stay as
/// they are. The first and last dates a case was seen move outwards to `seen_on`.
async fn follow_the_source<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    known: &KnownCases<'_>,
    seen_on: NaiveDate,
    summary: &mut CaseMerge,
) -> Result<(), DataError> {
    let mut changed = Vec::new();
    let (mut later_seen, mut earlier_seen) = (Vec::new(), Vec::new());
    for number in &known.numbers {
        let Some(case) = known.existing.get(number) else {
            continue;
        };
        let rec = known.record(number);
        let newest = case.last_seen_on.is_none_or(|d| d <= seen_on);
        let mut am = infringement_case::ActiveModel::default();
        let mut changes = false;
        if newest {
            if rec.title.is_some() && rec.title != case.title {
                am.title = Set(rec.title.clone());
                changes = true;
            }
            if rec.department.is_some() && rec.department != case.department {
                am.department = Set(rec.department.clone());
                changes = true;
            }
            let case_type = rec.case_type.map(Into::into);
            if case_type.is_some() && case_type != case.case_type {
                am.case_type = Set(case_type);
                changes = true;
            }
        }
        if case.last_seen_on.is_none_or(|d| d < seen_on) {
            later_seen.push(case.id);
        }
        if case.first_seen_on.is_none_or(|d| d > seen_on) {
            earlier_seen.push(case.id);
        }
        if changes {
            summary.updated_cases.push(number.clone());
            changed.push((number.clone(), case.clone(), am));
        } else {
            summary.unchanged_cases += 1;
        }
    }
    store::update_all(db, actor, changed).await?;
    store::move_date::<infringement_case::Entity, _>(
        db,
        infringement_case::Column::LastSeenOn,
        seen_on,
        &later_seen,
        store::Move::Later,
    )
    .await?;
    store::move_date::<infringement_case::Entity, _>(
        db,
        infringement_case::Column::FirstSeenOn,
        seen_on,
        &earlier_seen,
        store::Move::Earlier,
    )
    .await
}

/// A decision no source gave before, to insert.
struct NewDecision {
    number: String,
    date: NaiveDate,
    stage: Stage,
    row: decision::ActiveModel,
}

/// What the records change in the decisions of their cases, worked out in memory.
struct DecisionPlan {
    /// Known decisions whose press release or label changes: (case number, as read, change).
    changed: Vec<(String, decision::Model, decision::ActiveModel)>,
    new: Vec<NewDecision>,
}

/// Matches each record's decisions with the known ones on the natural key (case, date, stage): a
/// known decision keeps an announced press release and takes the label of the newest source; an
/// unknown one is new (once, even when two rows list it).
fn plan_decisions(
    records: &[CaseRecord],
    case_of: &HashMap<String, (i32, bool)>,
    known: &mut KnownCases<'_>,
) -> DecisionPlan {
    // Decisions as read, and which of them the records change (possibly twice: the same
    // decision listed on two rows); each changed one is written once.
    let read: HashMap<i32, decision::Model> = known
        .decisions
        .values()
        .flatten()
        .map(|d| (d.id, d.clone()))
        .collect();
    let mut touched = std::collections::BTreeSet::new();
    let mut queued = std::collections::HashSet::new();
    let mut new = Vec::new();
    for rec in records {
        let number = rec.number.to_string();
        let Some(&(case_id, newest)) = case_of.get(&number) else {
            continue;
        };
        let decisions = known.decisions.entry(case_id).or_default();
        for d in &rec.decisions {
            let (step, legal_basis, nth) = decision::stage_columns(d.stage);
            if let Some(old) = decisions.iter_mut().find(|k| {
                k.decided_on == d.date && (k.step, k.legal_basis, k.nth) == (step, legal_basis, nth)
            }) {
                // A press release once announced stays announced; the label follows the newest export.
                if d.press_release && !old.press_release {
                    old.press_release = true;
                    touched.insert((number.clone(), old.id));
                }
                if newest && old.label.as_deref() != Some(d.label.as_str()) {
                    old.label = Some(d.label.clone());
                    touched.insert((number.clone(), old.id));
                }
                continue;
            }
            if !queued.insert((case_id, d.date, d.stage)) {
                continue;
            }
            new.push(NewDecision {
                number: number.clone(),
                date: d.date,
                stage: d.stage,
                row: decision::ActiveModel {
                    case_id: Set(case_id),
                    decided_on: Set(d.date),
                    step: Set(step),
                    legal_basis: Set(legal_basis),
                    nth: Set(nth),
                    label: Set(Some(d.label.clone())),
                    press_release: Set(d.press_release),
                    ..Default::default()
                },
            });
        }
    }
    let now: HashMap<i32, &decision::Model> = known
        .decisions
        .values()
        .flatten()
        .map(|d| (d.id, d))
        .collect();
    let changed = touched
        .into_iter()
        .filter_map(|(number, id)| {
            let (old, new) = (read.get(&id)?, now.get(&id)?);
            let am = decision::ActiveModel {
                press_release: Set(new.press_release),
                label: Set(new.label.clone()),
                ..Default::default()
            };
            Some((number, old.clone(), am))
        })
        .collect();
    DecisionPlan { changed, new }
}

/// The links to directives the records name that their cases do not have yet: (case number, row).
fn new_links(
    records: &[CaseRecord],
    case_of: &HashMap<String, (i32, bool)>,
    links: &mut HashMap<i32, Vec<String>>,
) -> Vec<(String, case_directive::ActiveModel)> {
    let mut new = Vec::new();
    for rec in records {
        let number = rec.number.to_string();
        let Some(&(case_id, _)) = case_of.get(&number) else {
            continue;
        };
        let linked = links.entry(case_id).or_default();
        for dir in &rec.directives {
            let celex = dir.celex();
            if !linked.contains(&celex) {
                linked.push(celex.clone());
                new.push((
                    number.clone(),
                    case_directive::ActiveModel {
                        case_id: Set(case_id),
                        celex: Set(celex),
                        id: NotSet,
                    },
                ));
            }
        }
    }
    new
}

/// The reply each new letter or opinion awaits, due by the default deadline.
async fn open_replies<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    inserted: &[decision::Model],
    new: &[NewDecision],
    summary: &mut CaseMerge,
) -> Result<(), DataError> {
    let mut replies = Vec::new();
    for (model, new) in inserted.iter().zip(new) {
        if new.stage.step.opens_reply() {
            let deadline =
                domain::reply_deadline(model.decided_on, domain::ReplyKind::Infringement);
            summary
                .new_reply_deadlines
                .push((new.number.clone(), deadline));
            replies.push((
                new.number.clone(),
                reply::ActiveModel {
                    decision_id: Set(model.id),
                    deadline: Set(deadline),
                    sent_on: Set(None),
                    entered_on: Set(None),
                    notes: Set(None),
                    ..Default::default()
                },
            ));
        }
    }
    store::insert_all::<reply::Model, _, _>(db, actor, replies).await?;
    Ok(())
}

// ---------------------------------------------------------------- history

/// The history of one record, by its natural key (CELEX, case number, authority code).
pub async fn history_of<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<Vec<history::Model>, DataError> {
    Ok(history::Entity::find()
        .filter(history::Column::RecordKey.eq(key))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?)
}

/// Every history row written at or after `since`, oldest first.
pub async fn history_since<C: ConnectionTrait>(
    db: &C,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<history::Model>, DataError> {
    Ok(history::Entity::find()
        .filter(history::Column::At.gte(since))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?)
}

/// Undoes one change of the history: writes the field back to its old value through `store`
/// (a new history row says so), if the field still holds the value the change wrote; only for
/// the `(table, field)` pairs in `allowed`. Returns the row undone.
pub async fn undo_change<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    allowed: &[(code::HistoryTable, &str)],
) -> Result<history::Model, DataError> {
    use crate::entity::{directive, infringement_case, reply};
    let h = history::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "history row",
            key: id.to_string(),
        })?;
    let table = h.table_name;
    if h.action != HistoryAction::Update || !allowed.contains(&(table, h.field.as_str())) {
        return Err(DataError::Invalid(format!(
            "the change {id} ({table}.{}) cannot be undone from a page: only the fields people edit there",
            h.field
        )));
    }
    let moved_on = |now: Option<String>| {
        DataError::Invalid(format!(
            "{}.{} of {} is now {}, not {} as the change {id} left it: it changed again since; undo the later change first",
            table,
            h.field,
            h.record_key,
            now.as_deref().unwrap_or("(empty)"),
            h.new_value.as_deref().unwrap_or("(empty)")
        ))
    };
    let current = |fields: Vec<(String, Option<String>)>| {
        fields
            .into_iter()
            .find(|(f, _)| *f == h.field)
            .and_then(|(_, v)| v)
    };
    let old = h.old_value.clone();
    let date = |v: &Option<String>| -> Result<Option<NaiveDate>, DataError> {
        v.as_deref()
            .map(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                    DataError::Invalid(format!("history row {id}: \"{s}\" is not a date"))
                })
            })
            .transpose()
    };
    match table {
        code::HistoryTable::Directive => {
            let row = directive::Entity::find_by_id(h.record_id)
                .one(db)
                .await?
                .ok_or_else(|| DataError::NotFound {
                    what: "directive",
                    key: h.record_key.clone(),
                })?;
            let now = current(store::fields(&row));
            if now != h.new_value {
                return Err(moved_on(now));
            }
            let mut am = directive::ActiveModel::default();
            match h.field.as_str() {
                "planned_text" => {
                    let planned = old
                        .as_deref()
                        .map(domain::PlannedDate::parse)
                        .transpose()
                        .map_err(|e| DataError::Invalid(e.to_string()))?;
                    am.planned_text = Set(planned.as_ref().map(|p| p.text.clone()));
                    am.planned_on = Set(planned.as_ref().map(|p| p.no_later_than));
                    am.planned_approximate = Set(planned.as_ref().is_some_and(|p| p.approximate));
                }
                "at_risk" => am.at_risk = Set(old.as_deref() == Some("true")),
                "risk_reason" => am.risk_reason = Set(old.clone()),
                _ => am.notes = Set(old.clone()),
            }
            store::update(db, actor, &h.record_key, &row, am).await?;
        }
        code::HistoryTable::InfringementCase => {
            let row = infringement_case::Entity::find_by_id(h.record_id)
                .one(db)
                .await?
                .ok_or_else(|| DataError::NotFound {
                    what: "case",
                    key: h.record_key.clone(),
                })?;
            let now = current(store::fields(&row));
            if now != h.new_value {
                return Err(moved_on(now));
            }
            let am = infringement_case::ActiveModel {
                notes: Set(old.clone()),
                ..Default::default()
            };
            store::update(db, actor, &h.record_key, &row, am).await?;
        }
        _ => {
            let row = reply::Entity::find_by_id(h.record_id)
                .one(db)
                .await?
                .ok_or_else(|| DataError::NotFound {
                    what: "reply",
                    key: h.record_key.clone(),
                })?;
            let now = current(store::fields(&row));
            if now != h.new_value {
                return Err(moved_on(now));
            }
            let mut am = reply::ActiveModel::default();
            if h.field == "sent_on" {
                am.sent_on = Set(date(&old)?);
            } else {
                am.entered_on = Set(date(&old)?);
            }
            store::update(db, actor, &h.record_key, &row, am).await?;
        }
    }
    Ok(h)
}

// ---------------------------------------------------------------- the unit's follow-up of cases

/// What the unit records about a case by hand; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct CaseFollowUp {
    pub brussels_concerned: Option<bool>,
    /// `Some(None)` clears the lead authority.
    pub lead: Option<Option<String>>,
    pub notes: Option<String>,
}

pub async fn case_by_number<C: ConnectionTrait>(
    db: &C,
    number: &str,
) -> Result<infringement_case::Model, DataError> {
    infringement_case::Entity::find()
        .filter(infringement_case::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "infringement case",
            key: number.to_owned(),
        })
}

pub async fn set_case_follow_up<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    number: &str,
    f: &CaseFollowUp,
) -> Result<infringement_case::Model, DataError> {
    let old = case_by_number(db, number).await?;
    let mut am = infringement_case::ActiveModel::default();
    if let Some(b) = f.brussels_concerned {
        am.brussels_concerned = Set(Some(b));
    }
    if let Some(lead) = &f.lead {
        let known = authorities(db).await?;
        am.lead_authority_id = Set(match lead {
            Some(text) => Some(find_authority(&known, text)?.id),
            None => None,
        });
    }
    if let Some(n) = &f.notes {
        am.notes = Set(Some(n.clone()).filter(|n| !n.trim().is_empty()));
    }
    store::update(db, actor, number, &old, am).await
}

/// Records when the Region's reply to a decision was sent and entered in the Commission system,
/// and optionally moves its deadline (an extension granted by the Commission).
pub async fn set_reply<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    number: &str,
    decided_on: NaiveDate,
    sent_on: Option<NaiveDate>,
    entered_on: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
) -> Result<reply::Model, DataError> {
    let case = case_by_number(db, number).await?;
    let decisions = decision::Entity::find()
        .filter(decision::Column::CaseId.eq(case.id))
        .filter(decision::Column::DecidedOn.eq(decided_on))
        .all(db)
        .await?;
    let key = format!("{number} {decided_on}");
    let ids: Vec<i32> = decisions.iter().map(|d| d.id).collect();
    let old = reply::Entity::find()
        .filter(reply::Column::DecisionId.is_in(ids))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "letter or opinion awaiting a reply",
            key: key.clone(),
        })?;
    let mut am = reply::ActiveModel::default();
    if sent_on.is_some() {
        am.sent_on = Set(sent_on);
    }
    if entered_on.is_some() {
        am.entered_on = Set(entered_on);
    }
    if let Some(d) = deadline {
        am.deadline = Set(d);
    }
    store::update(db, actor, number, &old, am).await
}

/// A case's edit version, as the web application and its API show it: the case's own version
/// plus its replies', so that a change to the case or to any of its replies moves it (each only
/// ever grows).
pub async fn case_edit_version<C: ConnectionTrait>(
    db: &C,
    case: &infringement_case::Model,
) -> Result<i64, DataError> {
    let replies = replies_of(db, case.id).await?;
    Ok(i64::from(case.version)
        + replies
            .iter()
            .map(|(_, r)| i64::from(r.version))
            .sum::<i64>())
}

/// A case's decisions that await a reply, with their reply rows, oldest first.
async fn replies_of<C: ConnectionTrait>(
    db: &C,
    case_id: i32,
) -> Result<Vec<(decision::Model, reply::Model)>, DataError> {
    let decisions = decision::Entity::find()
        .filter(decision::Column::CaseId.eq(case_id))
        .order_by_asc(decision::Column::DecidedOn)
        .all(db)
        .await?;
    let ids: Vec<i32> = decisions.iter().map(|d| d.id).collect();
    let replies =
        store::find_in::<reply::Entity, _, _>(db, reply::Column::DecisionId, &ids).await?;
    Ok(decisions
        .into_iter()
        .filter_map(|d| {
            let r = replies.iter().find(|r| r.decision_id == d.id)?.clone();
            Some((d, r))
        })
        .collect())
}

/// Records the reply sent and entered for a case's decision: the one decided on `decided`, or
/// else the latest whose reply is not both sent and entered (or the latest of all). `Some(None)`
/// clears a date. Refused (`Invalid`) when the case has no decision awaiting a reply, or none on
/// that date.
pub async fn record_reply<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    number: &str,
    decided: Option<NaiveDate>,
    sent: Option<Option<NaiveDate>>,
    entered: Option<Option<NaiveDate>>,
) -> Result<(), DataError> {
    let case = case_by_number(db, number).await?;
    let replies = replies_of(db, case.id).await?;
    let chosen = match decided {
        Some(day) => replies.iter().find(|(d, _)| d.decided_on == day),
        None => replies
            .iter()
            .rfind(|(_, r)| r.sent_on.is_none() || r.entered_on.is_none())
            .or(replies.last()),
    };
    let Some((_, old)) = chosen else {
        return Err(DataError::Invalid(match decided {
            Some(day) => format!("case {number} has no decision of {day} awaiting a reply"),
            None => format!("case {number} has no decision awaiting a reply"),
        }));
    };
    let mut am = reply::ActiveModel::default();
    if let Some(v) = sent {
        am.sent_on = Set(v);
    }
    if let Some(v) = entered {
        am.entered_on = Set(v);
    }
    // Keyed by the case number, as `case reply` does: the case's history shows its replies.
    store::update(db, actor, number, old, am).await?;
    Ok(())
}

/// Associates more authorities with a directive (those already associated are left alone).
pub async fn add_associated<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &directive::Model,
    names: &[String],
) -> Result<usize, DataError> {
    let known = authorities(db).await?;
    let existing: Vec<i32> = directive_authority::Entity::find()
        .filter(directive_authority::Column::DirectiveId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.authority_id)
        .collect();
    let mut new = Vec::new();
    for name in names {
        let id = find_authority(&known, name)?.id;
        if !existing.contains(&id) && !new.contains(&id) {
            new.push(id);
        }
    }
    let count = new.len();
    let rows = new
        .into_iter()
        .map(|authority_id| {
            (
                row.celex.clone(),
                directive_authority::ActiveModel {
                    directive_id: Set(row.id),
                    authority_id: Set(authority_id),
                    id: NotSet,
                },
            )
        })
        .collect();
    store::insert_all::<directive_authority::Model, _, _>(db, actor, rows).await?;
    Ok(count)
}

// ---------------------------------------------------------------- import runs

/// What an import run records about itself: the source, the file, what was read and rejected.
#[derive(Clone, Debug)]
pub struct NewImportRun {
    pub source: ImportSource,
    pub file_name: String,
    pub file_hash: String,
    /// Partial when rows were rejected (they are kept in `diagnostics`).
    pub outcome: ImportOutcome,
    pub counts: serde_json::Value,
    pub diagnostics: serde_json::Value,
}

/// Records an import run (in the same transaction as what it imports) and returns the actor
/// whose writes will point at it.
pub async fn start_import_run<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    run: NewImportRun,
) -> Result<Actor, DataError> {
    let key = format!("import {}", run.file_name);
    let model: import_run::Model = store::insert(
        db,
        actor,
        &key,
        import_run::ActiveModel {
            source: Set(run.source),
            file_name: Set(Some(run.file_name)),
            file_hash: Set(Some(run.file_hash)),
            user_name: Set(actor.user.clone()),
            started_at: Set(actor.at),
            outcome: Set(run.outcome),
            counts: Set(run.counts.to_string()),
            diagnostics: Set(run.diagnostics.to_string()),
            ..Default::default()
        },
    )
    .await?;
    let mut actor = actor.clone();
    actor.import_run = Some(model.id);
    Ok(actor)
}

/// What one import run wrote, for its report, without reading every field it inserted: the
/// records it created (natural key, table, id) and its other history rows (the changes, old ->
/// new), in order. The import run's own record is left out.
pub async fn run_summary<C: ConnectionTrait>(
    db: &C,
    run: i32,
) -> Result<(Vec<(String, String, i32)>, Vec<history::Model>), DataError> {
    use sea_orm::QuerySelect;
    let created: Vec<(String, String, i32)> = history::Entity::find()
        .select_only()
        .column(history::Column::RecordKey)
        .column(history::Column::TableName)
        .column(history::Column::RecordId)
        .distinct()
        .filter(history::Column::ImportRunId.eq(run))
        .filter(history::Column::Action.eq(HistoryAction::Insert))
        .filter(history::Column::TableName.ne("import_run"))
        .into_tuple()
        .all(db)
        .await?;
    let changes = history::Entity::find()
        .filter(history::Column::ImportRunId.eq(run))
        .filter(history::Column::Action.ne(HistoryAction::Insert))
        .filter(history::Column::TableName.ne("import_run"))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?;
    Ok((created, changes))
}

/// What one import run wrote, in order: the history rows that point at it.
pub async fn history_of_run<C: ConnectionTrait>(
    db: &C,
    run: i32,
) -> Result<Vec<history::Model>, DataError> {
    Ok(history::Entity::find()
        .filter(history::Column::ImportRunId.eq(run))
        .order_by_asc(history::Column::Id)
        .all(db)
        .await?)
}
