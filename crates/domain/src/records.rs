//! Records as the sources and the command line give them, validated into domain types, before
//! anything decides whether and how to store them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    CaseType, ComNumber, Competence, Country, DirectiveId, InfringementNumber, MeasureKind,
    PlannedDate, ProcedureNumber, Stage,
};

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
    pub kind: MeasureKind,
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
    /// The member state ("Belgium", as the register writes it).
    pub country: Country,
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

/// A directive as EUR-Lex / CELLAR describe it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct EurlexDirective {
    pub id: DirectiveId,
    /// The directive's CELEX number as CELLAR writes it: `32019L1024`.
    pub celex: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    /// The date of the act (EUR-Lex's "Date of document").
    pub adopted_on: Option<NaiveDate>,
    /// Every transposition deadline the source gives, sorted, without repeats.
    pub deadlines: Vec<NaiveDate>,
    /// The earliest entry-into-force date the source gives.
    pub entry_into_force: Option<NaiveDate>,
    pub in_force: Option<bool>,
    /// `http://data.europa.eu/eli/dir/2019/1024/oj`
    pub eli: Option<String>,
}

impl EurlexDirective {
    /// A directive known only by its number (e.g. named by a national measure).
    pub fn bare(id: DirectiveId) -> EurlexDirective {
        EurlexDirective {
            id,
            celex: id.celex(),
            title_fr: None,
            title_nl: None,
            title_en: None,
            adopted_on: None,
            deadlines: Vec::new(),
            entry_into_force: None,
            in_force: None,
            eli: None,
        }
    }
}

/// A national implementing measure the Commission lists for a directive.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct NationalMeasure {
    /// The sector-7 CELEX number: `72019L1024BEL_202200123`.
    pub celex: String,
    /// The directive it transposes, read from its CELEX number.
    pub directive: DirectiveId,
    /// The three letters of its CELEX number as the source writes them, upper case: `BEL`. Left
    /// as read (a page lists every member state's measures); only Belgium's are stored, as a
    /// [`Country`] (`data::eurlex`).
    pub country: String,
    /// Its title: the French one when the source gives several, else Dutch, else English, else the
    /// first.
    pub title: Option<String>,
    /// Its date as the source gives it: the date of the act, else the publication date; when
    /// several come back, the earliest.
    pub date: Option<NaiveDate>,
    /// Its national type as the source names it ("Ordonnance"); CELLAR's generic
    /// `MEAS_NATION_IMPL` says nothing and is left out.
    pub kind: Option<String>,
}

/// A Commission proposal for a directive as CELLAR describes it.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct EurlexProposal {
    pub com: ComNumber,
    /// Its CELEX number as CELLAR writes it: `52021PC0557`.
    pub celex: String,
    /// The date of the proposal (the Commission's adoption of it).
    pub date: Option<NaiveDate>,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    /// The interinstitutional procedures it opened, sorted, without repeats: one as a rule, none
    /// when CELLAR has not linked it to a procedure yet.
    pub procedures: Vec<ProcedureNumber>,
}

/// What became of a tracked proposal, as CELLAR's procedure records say.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ProposalOutcome {
    pub com: ComNumber,
    /// The procedures whose records hold the proposal, sorted, without repeats.
    pub procedures: Vec<ProcedureNumber>,
    /// Whether the procedure's record marks the proposal withdrawn; `None` when it says nothing.
    pub withdrawn: Option<bool>,
    /// The directives the procedure produced, by number: none while it runs, several for a package.
    pub directives: Vec<AdoptedDirective>,
}

/// A directive a procedure produced.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AdoptedDirective {
    pub id: DirectiveId,
    /// `32023L2413`
    pub celex: String,
    /// The date of the act, else the date the procedure's record gives for the adoption.
    pub adopted_on: Option<NaiveDate>,
}
