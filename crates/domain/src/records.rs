//! Records as the sources and the command line give them, validated into domain types, before
//! anything decides whether and how to store them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{CaseType, Competence, DirectiveId, InfringementNumber, PlannedDate, Stage};

/// A directive as a user or a source describes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DirectiveRecord {
    pub id: DirectiveId,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub adopted_on: Option<NaiveDate>,
    pub in_force: Option<bool>,
    pub deadlines: Vec<NaiveDate>,
    pub competence: Competence,
    /// The lead authority as written (code or name); resolved against the known authorities when stored.
    pub lead: Option<String>,
    pub associated: Vec<String>,
    pub planned: Option<PlannedDate>,
    /// A reason makes the directive "at risk".
    pub risk_reason: Option<String>,
    pub notes: Option<String>,
}

/// A regional measure transposing (part of) a directive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureRecord {
    pub directive: DirectiveId,
    pub kind: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub adopted_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub in_force_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    pub completes: bool,
    /// Its sector-7 CELEX once the Commission lists it.
    pub celex: Option<String>,
    pub notes: Option<String>,
}

/// An infringement case as a source gives it, with the decisions it lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseRecord {
    pub number: InfringementNumber,
    /// The member state, in English as the register writes it ("Belgium").
    pub country: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    pub department: Option<String>,
    /// The directives named in the title.
    pub directives: Vec<DirectiveId>,
    pub decisions: Vec<DecisionRecord>,
}

/// One decision of the Commission in a case: its natural key is (case, date, stage).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionRecord {
    pub date: NaiveDate,
    pub stage: Stage,
    /// The label as the source wrote it.
    pub label: String,
    pub press_release: bool,
}
