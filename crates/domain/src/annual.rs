//! Every figure of the annual report to the Brussels Parliament, computed from plain facts for a
//! [`ReportPeriod`] and the period before it, each figure with the rows behind it.
//!
//! A [`Figure`] is built from its rows, so its count is the number of rows by construction: the
//! summary of the report prints counts, its annexes print the rows of the very same figures.
//!
//! Rules (DOMAIN.md, "Report period"): a date belongs to the period when it falls between 1 October
//! of the year before and 30 September, both included. The situation "at the end of the period" is
//! judged at 30 September with what was known then: a measure notified later does not count, a reply
//! sent after the end is "not sent". Directives the Region is not concerned by count nowhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::competence::Competence;
use crate::indicators::{CaseFacts, Indicators, indicators};
use crate::measure_kind::MeasureKind;
use crate::period::ReportPeriod;
use crate::proposal::ProposalStage;
use crate::stage::{CaseType, LegalBasis, Stage, Step};
use crate::status::{Delay, DirectiveFacts, NotifiedMeasure, Status, directive_status};

// ---------------------------------------------------------------------------------------------
// Input: the facts the `cli` reads from the database.

/// A directive tracked for the Region, with its measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualDirective {
    pub celex: String,
    /// As people write it: "2019/1024".
    pub number: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub competence: Competence,
    pub deadlines: Vec<NaiveDate>,
    pub measures: Vec<AnnualMeasure>,
    /// The lead authority's name, as the report should print it.
    pub lead: Option<String>,
    /// The planned completion date as the unit wrote it ("fin 2025", "31/12/2025").
    pub planned_text: Option<String>,
    /// Why the transposition is late or at risk.
    pub risk_reason: Option<String>,
}

/// A regional measure transposing (part of) a directive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualMeasure {
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub kind: MeasureKind,
    pub adopted_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    /// Whether it completes the transposition.
    pub completes: bool,
}

/// An infringement case with all its decisions (any date) and the replies they asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualCase {
    pub number: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    pub decisions: Vec<(NaiveDate, Stage)>,
    pub replies: Vec<AnnualReply>,
    /// Pending at the end of the report period, as the register tells (a case can be closed
    /// without a closure decision on record).
    pub active_at_end: bool,
    /// The unit has not said yet whether the case concerns the Region: it counts in no figure of
    /// the Region's, only as a case to triage.
    #[serde(default)]
    pub to_triage: bool,
}

/// A reply the Region owed the Commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReply {
    /// The date of the letter or opinion it answers.
    pub decided_on: NaiveDate,
    pub deadline: NaiveDate,
    pub sent_on: Option<NaiveDate>,
}

/// An EU Pilot case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualPilot {
    pub number: String,
    pub subject: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    pub outcome: Option<String>,
}

/// A Commission proposal for a directive the unit follows, with the dates of its negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualProposal {
    /// As people write it: "COM(2021) 557".
    pub com: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    /// The lead authority's name, as the report should print it.
    pub lead: Option<String>,
    /// The stages recorded, with their dates where the unit knows them.
    pub stages: Vec<(ProposalStage, Option<NaiveDate>)>,
    /// The number of the directive it became ("2023/2413").
    pub directive: Option<String>,
    /// The impact notes, one per administration, in the order of the administrations.
    pub impact_notes: Vec<ImpactSummary>,
}

/// An administration's impact note as the report shows it: its summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactSummary {
    /// The administration's name.
    pub authority: String,
    /// None while the administration has not written it.
    pub summary: Option<String>,
}

impl AnnualProposal {
    fn stage_on(&self, stage: ProposalStage) -> Option<Option<NaiveDate>> {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, d)| *d)
    }

    /// The date of the Commission's proposal, when known.
    fn proposed_on(&self) -> Option<NaiveDate> {
        self.stage_on(ProposalStage::CommissionProposal).flatten()
    }

    /// How the negotiation ended, and when: adoption or withdrawal, the earlier if both are dated.
    /// `Err(stage)` when a stage that ends it is recorded without its date.
    fn ended(&self) -> Result<Option<(ProposalStage, NaiveDate)>, ProposalStage> {
        let mut ends = Vec::new();
        for stage in [ProposalStage::Adopted, ProposalStage::Withdrawn] {
            match self.stage_on(stage) {
                Some(Some(on)) => ends.push((stage, on)),
                Some(None) => return Err(stage),
                None => {}
            }
        }
        Ok(ends.into_iter().min_by_key(|(_, on)| *on))
    }
}

// ---------------------------------------------------------------------------------------------
// Output: figures with their rows.

/// A number of the report and the rows it counts; `count() == rows().len()` always.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure<T> {
    count: usize,
    rows: Vec<T>,
}

impl<T> Figure<T> {
    pub fn new(rows: Vec<T>) -> Figure<T> {
        Figure {
            count: rows.len(),
            rows,
        }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }
}

impl<T> FromIterator<T> for Figure<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Figure::new(iter.into_iter().collect())
    }
}

/// A directive as a row of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectiveRow {
    pub celex: String,
    pub number: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    /// The deadline the row is about: the earliest in the period for the directives due in it,
    /// the earliest one not met for the outstanding ones.
    pub deadline: NaiveDate,
    /// The status at the end of the period, judged on the deadlines the row is about.
    pub status: Status,
    /// When the transposition was completely notified (on or before the end of the period).
    pub completed_on: Option<NaiveDate>,
    pub lead: Option<String>,
    pub planned_text: Option<String>,
    pub risk_reason: Option<String>,
}

impl DirectiveRow {
    /// The delay of a late or outstanding directive.
    pub fn delay(&self) -> Option<Delay> {
        self.status.delay()
    }
}

/// A measure as a row of a figure, with its directive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureRow {
    pub celex: String,
    pub directive_number: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub kind: MeasureKind,
    pub adopted_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    pub completes: bool,
}

/// What a decision of the Commission does, as the report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// A first letter of formal notice (Art. 258, or 258 + 260(3)): a new case.
    FormalNotice,
    AdditionalFormalNotice,
    /// A reasoned opinion, first or additional.
    ReasonedOpinion,
    /// A referral to the Court under Art. 258 (with or without 260(3)).
    Referral,
    /// Any step under Art. 260(2), and a modified financial sanction.
    Art260,
    /// A closure, or a withdrawal from the Court.
    Closure,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 6] = [
        DecisionKind::FormalNotice,
        DecisionKind::AdditionalFormalNotice,
        DecisionKind::ReasonedOpinion,
        DecisionKind::Referral,
        DecisionKind::Art260,
        DecisionKind::Closure,
    ];

    /// Every stage falls in exactly one kind.
    pub fn of(stage: Stage) -> DecisionKind {
        match stage.step {
            Step::Closure | Step::WithdrawalFromCourt => DecisionKind::Closure,
            Step::ModifiedFinancialSanction => DecisionKind::Art260,
            _ if stage.basis == Some(LegalBasis::Art260_2) => DecisionKind::Art260,
            Step::FormalNotice => DecisionKind::FormalNotice,
            Step::AdditionalFormalNotice => DecisionKind::AdditionalFormalNotice,
            Step::ReasonedOpinion | Step::AdditionalReasonedOpinion => {
                DecisionKind::ReasonedOpinion
            }
            Step::Referral => DecisionKind::Referral,
        }
    }

    /// `formal-notice`, `additional-formal-notice`, `reasoned-opinion`, `referral`, `art260`,
    /// `closure`.
    pub fn code(&self) -> &'static str {
        match self {
            DecisionKind::FormalNotice => "formal-notice",
            DecisionKind::AdditionalFormalNotice => "additional-formal-notice",
            DecisionKind::ReasonedOpinion => "reasoned-opinion",
            DecisionKind::Referral => "referral",
            DecisionKind::Art260 => "art260",
            DecisionKind::Closure => "closure",
        }
    }
}

/// A decision of the Commission as a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRow {
    pub number: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    pub date: NaiveDate,
    pub stage: Stage,
}

/// A case pending at a date, as a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRow {
    pub number: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    pub opened_on: NaiveDate,
    /// The latest decision on or before the date.
    pub stage: Stage,
    pub stage_since: NaiveDate,
}

/// A reply as a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyRow {
    pub number: String,
    pub title: Option<String>,
    pub decided_on: NaiveDate,
    pub deadline: NaiveDate,
    /// Sent on or before the end of the period (a later sending is unknown at the end).
    pub sent_on: Option<NaiveDate>,
}

/// An EU Pilot case as a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PilotRow {
    pub number: String,
    pub subject: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    /// Sent on or before the end of the period.
    pub reply_sent_on: Option<NaiveDate>,
    pub outcome: Option<String>,
}

/// A proposal as a row of a figure, as it stood at the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalRow {
    pub com: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub lead: Option<String>,
    pub proposed_on: Option<NaiveDate>,
    /// The last stage reached on or before the end of the period, and its date (None: no dated
    /// stage by then).
    pub stage: Option<(ProposalStage, NaiveDate)>,
    /// The directive it became, once adopted by the end of the period.
    pub directive: Option<String>,
    pub impact_notes: Vec<ImpactSummary>,
}

/// The proposals of one period: `followed = new + carried_over = adopted + withdrawn +
/// open_at_end`; those whose dates are missing count apart, in `undated` only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalFigures {
    /// Proposed by the end of the period and not adopted or withdrawn before it began.
    pub followed: Figure<ProposalRow>,
    /// Proposed by the Commission during the period.
    pub new: Figure<ProposalRow>,
    /// Proposed before the period and still in negotiation when it began.
    pub carried_over: Figure<ProposalRow>,
    pub adopted: Figure<ProposalRow>,
    pub withdrawn: Figure<ProposalRow>,
    /// Still in negotiation at the end of the period.
    pub open_at_end: Figure<ProposalRow>,
    /// Without the date of the Commission's proposal, or adopted or withdrawn without a date: the
    /// unit completes them, they count in no other figure.
    pub undated: Figure<ProposalRow>,
}

/// Decisions of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionGroup {
    pub kind: DecisionKind,
    pub decisions: Figure<DecisionRow>,
}

/// Pending cases whose latest decision is at one step of the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepGroup {
    pub step: Step,
    pub cases: Figure<CaseRow>,
}

/// Pending cases of one type (None: type unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeGroup {
    pub case_type: Option<CaseType>,
    pub cases: Figure<CaseRow>,
}

/// Replies due in the period, split by how they were met; `due = on_time + late + not_sent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replies<T> {
    pub due: Figure<T>,
    /// Sent on or before the deadline.
    pub on_time: Figure<T>,
    /// Sent after the deadline, by the end of the period.
    pub late: Figure<T>,
    /// Not sent by the end of the period.
    pub not_sent: Figure<T>,
}

/// The figures of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigures {
    pub period: ReportPeriod,
    /// Concerned directives with a deadline in the period: `on_time + late + not_transposed`.
    pub deadlines_in_period: Figure<DirectiveRow>,
    pub transposed_on_time: Figure<DirectiveRow>,
    /// Completely notified after the deadline, by the end of the period; the row has the delay.
    pub transposed_late: Figure<DirectiveRow>,
    /// Not completely notified at the end of the period (a deadline on the last day included: it is
    /// not late yet, but not transposed either).
    pub not_transposed: Figure<DirectiveRow>,
    pub measures_adopted: Figure<MeasureRow>,
    pub measures_notified: Figure<MeasureRow>,
    /// Every concerned directive outstanding at the end of the period (any deadline passed, not
    /// completely notified), whatever the year of its deadline; most delayed first.
    pub outstanding_at_end: Figure<DirectiveRow>,
    /// Decisions taken in the period, one group per [`DecisionKind`] in [`DecisionKind::ALL`] order.
    pub decisions: Vec<DecisionGroup>,
    pub pending_at_end: Figure<CaseRow>,
    /// Pending cases by step, in the order of the procedure; every step but closure, with zeros.
    pub pending_by_step: Vec<StepGroup>,
    /// Pending cases by type, in [`CaseType::ALL`] order then unknown, with zeros.
    pub pending_by_type: Vec<TypeGroup>,
    pub replies: Replies<ReplyRow>,
    pub pilots_received: Figure<PilotRow>,
    pub pilot_replies: Replies<PilotRow>,
    pub proposals: ProposalFigures,
}

impl PeriodFigures {
    /// The decisions of one kind.
    pub fn decisions_of(&self, kind: DecisionKind) -> &Figure<DecisionRow> {
        let found = self.decisions.iter().find(|g| g.kind == kind);
        // `decisions` holds every kind by construction.
        &found.unwrap_or(&self.decisions[0]).decisions
    }
}

/// The indicators at the end of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: ReportPeriod,
    pub indicators: Indicators,
}

/// How many periods the trend shows, the report's included.
pub const TREND_PERIODS: usize = 4;

/// Everything the annual report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualFigures {
    pub period: ReportPeriod,
    pub current: PeriodFigures,
    pub previous: PeriodFigures,
    /// The Single Market Scoreboard indicators at the end of the period.
    pub indicators: Indicators,
    /// The indicators at the end of the last [`TREND_PERIODS`] periods, oldest first, the
    /// report's period last.
    pub trend: Vec<TrendPoint>,
}

/// What a line of the summary counts: the same figure in both periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SummaryKey {
    DeadlinesInPeriod,
    TransposedOnTime,
    TransposedLate,
    NotTransposed,
    MeasuresAdopted,
    MeasuresNotified,
    OutstandingAtEnd,
    Decisions(DecisionKind),
    PendingAtEnd,
    RepliesDue,
    RepliesOnTime,
    RepliesLate,
    RepliesNotSent,
    PilotsReceived,
    PilotRepliesDue,
    PilotRepliesOnTime,
    PilotRepliesLate,
    PilotRepliesNotSent,
    ProposalsFollowed,
    ProposalsNew,
    ProposalsCarriedOver,
    ProposalsAdopted,
    ProposalsWithdrawn,
    ProposalsOpenAtEnd,
    ProposalsUndated,
}

impl SummaryKey {
    /// A stable code: `deadlines-in-period`, `decisions-formal-notice`, ...; the key of its label
    /// in the translation files and of its annex.
    pub fn code(&self) -> String {
        let plain = match self {
            SummaryKey::DeadlinesInPeriod => "deadlines-in-period",
            SummaryKey::TransposedOnTime => "transposed-on-time",
            SummaryKey::TransposedLate => "transposed-late",
            SummaryKey::NotTransposed => "not-transposed",
            SummaryKey::MeasuresAdopted => "measures-adopted",
            SummaryKey::MeasuresNotified => "measures-notified",
            SummaryKey::OutstandingAtEnd => "outstanding-at-end",
            SummaryKey::Decisions(kind) => return format!("decisions-{}", kind.code()),
            SummaryKey::PendingAtEnd => "pending-at-end",
            SummaryKey::RepliesDue => "replies-due",
            SummaryKey::RepliesOnTime => "replies-on-time",
            SummaryKey::RepliesLate => "replies-late",
            SummaryKey::RepliesNotSent => "replies-not-sent",
            SummaryKey::PilotsReceived => "pilots-received",
            SummaryKey::PilotRepliesDue => "pilot-replies-due",
            SummaryKey::PilotRepliesOnTime => "pilot-replies-on-time",
            SummaryKey::PilotRepliesLate => "pilot-replies-late",
            SummaryKey::PilotRepliesNotSent => "pilot-replies-not-sent",
            SummaryKey::ProposalsFollowed => "proposals-followed",
            SummaryKey::ProposalsNew => "proposals-new",
            SummaryKey::ProposalsCarriedOver => "proposals-carried-over",
            SummaryKey::ProposalsAdopted => "proposals-adopted",
            SummaryKey::ProposalsWithdrawn => "proposals-withdrawn",
            SummaryKey::ProposalsOpenAtEnd => "proposals-open-at-end",
            SummaryKey::ProposalsUndated => "proposals-undated",
        };
        plain.to_string()
    }

    /// Every line of the summary, in the order of the report.
    pub fn all() -> Vec<SummaryKey> {
        let mut keys = vec![
            SummaryKey::DeadlinesInPeriod,
            SummaryKey::TransposedOnTime,
            SummaryKey::TransposedLate,
            SummaryKey::NotTransposed,
            SummaryKey::MeasuresAdopted,
            SummaryKey::MeasuresNotified,
            SummaryKey::OutstandingAtEnd,
        ];
        keys.extend(DecisionKind::ALL.map(SummaryKey::Decisions));
        keys.extend([
            SummaryKey::PendingAtEnd,
            SummaryKey::RepliesDue,
            SummaryKey::RepliesOnTime,
            SummaryKey::RepliesLate,
            SummaryKey::RepliesNotSent,
            SummaryKey::PilotsReceived,
            SummaryKey::PilotRepliesDue,
            SummaryKey::PilotRepliesOnTime,
            SummaryKey::PilotRepliesLate,
            SummaryKey::PilotRepliesNotSent,
            SummaryKey::ProposalsFollowed,
            SummaryKey::ProposalsNew,
            SummaryKey::ProposalsCarriedOver,
            SummaryKey::ProposalsAdopted,
            SummaryKey::ProposalsWithdrawn,
            SummaryKey::ProposalsOpenAtEnd,
            SummaryKey::ProposalsUndated,
        ]);
        keys
    }
}

/// The rows a summary line counts, whatever their kind.
#[derive(Debug, Clone, Copy)]
pub enum FigureRows<'a> {
    Directives(&'a Figure<DirectiveRow>),
    Measures(&'a Figure<MeasureRow>),
    Decisions(&'a Figure<DecisionRow>),
    Cases(&'a Figure<CaseRow>),
    Replies(&'a Figure<ReplyRow>),
    Pilots(&'a Figure<PilotRow>),
    Proposals(&'a Figure<ProposalRow>),
}

impl FigureRows<'_> {
    pub fn count(&self) -> usize {
        match self {
            FigureRows::Directives(f) => f.count(),
            FigureRows::Measures(f) => f.count(),
            FigureRows::Decisions(f) => f.count(),
            FigureRows::Cases(f) => f.count(),
            FigureRows::Replies(f) => f.count(),
            FigureRows::Pilots(f) => f.count(),
            FigureRows::Proposals(f) => f.count(),
        }
    }
}

impl PeriodFigures {
    /// The figure a summary line shows.
    pub fn figure(&self, key: SummaryKey) -> FigureRows<'_> {
        match key {
            SummaryKey::DeadlinesInPeriod => FigureRows::Directives(&self.deadlines_in_period),
            SummaryKey::TransposedOnTime => FigureRows::Directives(&self.transposed_on_time),
            SummaryKey::TransposedLate => FigureRows::Directives(&self.transposed_late),
            SummaryKey::NotTransposed => FigureRows::Directives(&self.not_transposed),
            SummaryKey::MeasuresAdopted => FigureRows::Measures(&self.measures_adopted),
            SummaryKey::MeasuresNotified => FigureRows::Measures(&self.measures_notified),
            SummaryKey::OutstandingAtEnd => FigureRows::Directives(&self.outstanding_at_end),
            SummaryKey::Decisions(kind) => FigureRows::Decisions(self.decisions_of(kind)),
            SummaryKey::PendingAtEnd => FigureRows::Cases(&self.pending_at_end),
            SummaryKey::RepliesDue => FigureRows::Replies(&self.replies.due),
            SummaryKey::RepliesOnTime => FigureRows::Replies(&self.replies.on_time),
            SummaryKey::RepliesLate => FigureRows::Replies(&self.replies.late),
            SummaryKey::RepliesNotSent => FigureRows::Replies(&self.replies.not_sent),
            SummaryKey::PilotsReceived => FigureRows::Pilots(&self.pilots_received),
            SummaryKey::PilotRepliesDue => FigureRows::Pilots(&self.pilot_replies.due),
            SummaryKey::PilotRepliesOnTime => FigureRows::Pilots(&self.pilot_replies.on_time),
            SummaryKey::PilotRepliesLate => FigureRows::Pilots(&self.pilot_replies.late),
            SummaryKey::PilotRepliesNotSent => FigureRows::Pilots(&self.pilot_replies.not_sent),
            SummaryKey::ProposalsFollowed => FigureRows::Proposals(&self.proposals.followed),
            SummaryKey::ProposalsNew => FigureRows::Proposals(&self.proposals.new),
            SummaryKey::ProposalsCarriedOver => FigureRows::Proposals(&self.proposals.carried_over),
            SummaryKey::ProposalsAdopted => FigureRows::Proposals(&self.proposals.adopted),
            SummaryKey::ProposalsWithdrawn => FigureRows::Proposals(&self.proposals.withdrawn),
            SummaryKey::ProposalsOpenAtEnd => FigureRows::Proposals(&self.proposals.open_at_end),
            SummaryKey::ProposalsUndated => FigureRows::Proposals(&self.proposals.undated),
        }
    }
}

/// A line of the summary: the figure of the period beside the previous period's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub key: SummaryKey,
    pub current: usize,
    pub previous: usize,
}

impl AnnualFigures {
    /// The summary, built from the figures themselves.
    pub fn summary(&self) -> Vec<SummaryLine> {
        SummaryKey::all()
            .into_iter()
            .map(|key| SummaryLine {
                key,
                current: self.current.figure(key).count(),
                previous: self.previous.figure(key).count(),
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The computation.

/// Every figure of the report for `period`, and the previous period's beside it.
pub fn annual_report(
    period: ReportPeriod,
    directives: &[AnnualDirective],
    cases: &[AnnualCase],
    pilots: &[AnnualPilot],
    proposals: &[AnnualProposal],
) -> AnnualFigures {
    let report_end = period.end();
    let concerned: Vec<&AnnualDirective> = directives
        .iter()
        .filter(|d| d.competence.is_concerned())
        .collect();
    // The Region's cases: those the unit has not triaged count in no figure (the indicators show
    // how many are left to triage).
    let region_cases: Vec<AnnualCase> = cases.iter().filter(|c| !c.to_triage).cloned().collect();
    let trend = (0..TREND_PERIODS)
        .rev()
        .map(|back| {
            let p = (0..back).fold(period, |p, _| p.previous());
            TrendPoint {
                period: p,
                indicators: indicators_at(directives, cases, p.end(), report_end),
            }
        })
        .collect();
    AnnualFigures {
        period,
        current: period_figures(
            period,
            &concerned,
            &region_cases,
            pilots,
            proposals,
            report_end,
        ),
        previous: period_figures(
            period.previous(),
            &concerned,
            &region_cases,
            pilots,
            proposals,
            report_end,
        ),
        indicators: indicators_at(directives, cases, report_end, report_end),
        trend,
    }
}

fn facts(d: &AnnualDirective) -> DirectiveFacts {
    DirectiveFacts {
        competence: d.competence,
        deadlines: d.deadlines.clone(),
        measures: d
            .measures
            .iter()
            .map(|m| NotifiedMeasure {
                notified: m.notified_on,
                completes: m.completes,
            })
            .collect(),
    }
}

/// The earliest notification of a completing measure on or before `as_of`.
fn completed_on(d: &AnnualDirective, as_of: NaiveDate) -> Option<NaiveDate> {
    d.measures
        .iter()
        .filter(|m| m.completes)
        .filter_map(|m| m.notified_on)
        .filter(|n| *n <= as_of)
        .min()
}

fn directive_row(
    d: &AnnualDirective,
    deadline: NaiveDate,
    status: Status,
    as_of: NaiveDate,
) -> DirectiveRow {
    DirectiveRow {
        celex: d.celex.clone(),
        number: d.number.clone(),
        title_fr: d.title_fr.clone(),
        title_nl: d.title_nl.clone(),
        title_en: d.title_en.clone(),
        deadline,
        status,
        completed_on: completed_on(d, as_of),
        lead: d.lead.clone(),
        planned_text: d.planned_text.clone(),
        risk_reason: d.risk_reason.clone(),
    }
}

fn measure_row(d: &AnnualDirective, m: &AnnualMeasure) -> MeasureRow {
    MeasureRow {
        celex: d.celex.clone(),
        directive_number: d.number.clone(),
        title_fr: m.title_fr.clone(),
        title_nl: m.title_nl.clone(),
        kind: m.kind,
        adopted_on: m.adopted_on,
        notified_on: m.notified_on,
        completes: m.completes,
    }
}

/// Decisions of a case in date order (then procedure order for a same day).
fn sorted_decisions(c: &AnnualCase) -> Vec<(NaiveDate, Stage)> {
    let mut decisions = c.decisions.clone();
    decisions.sort_by_key(|(date, stage)| (*date, stage.rank()));
    decisions
}

/// The case as pending at `at`, or None. Pending: a decision on or before `at`, the latest of them
/// not a closure; at the report's end (or later) the register's `active_at_end` decides; before
/// it, a later decision proves the case was still open, and without one `active_at_end` tells.
fn pending_at(c: &AnnualCase, at: NaiveDate, report_end: NaiveDate) -> Option<CaseRow> {
    let decisions = sorted_decisions(c);
    let opened_on = decisions.first().map(|(d, _)| *d).filter(|d| *d <= at)?;
    let (since, stage) = decisions.iter().rev().find(|(d, _)| *d <= at).copied()?;
    if stage.step == Step::Closure {
        return None;
    }
    let open = if at >= report_end {
        c.active_at_end
    } else {
        c.active_at_end || decisions.iter().any(|(d, _)| *d > at)
    };
    open.then(|| CaseRow {
        number: c.number.clone(),
        case_type: c.case_type,
        title: c.title.clone(),
        opened_on,
        stage,
        stage_since: since,
    })
}

fn indicators_at(
    directives: &[AnnualDirective],
    cases: &[AnnualCase],
    at: NaiveDate,
    report_end: NaiveDate,
) -> Indicators {
    let facts: Vec<DirectiveFacts> = directives.iter().map(facts).collect();
    let case_facts: Vec<CaseFacts> = cases
        .iter()
        .filter_map(|c| Some((pending_at(c, at, report_end)?, c.to_triage)))
        .map(|(row, to_triage)| CaseFacts {
            number: row.number,
            case_type: row.case_type,
            opened_on: row.opened_on,
            stage: Some(row.stage),
            active: true,
            to_triage,
        })
        .collect();
    indicators(&facts, &case_facts, at)
}

fn split_replies<T: Clone>(rows: Vec<DueReply<T>>) -> Replies<T> {
    let on_time = rows
        .iter()
        .filter(|(_, deadline, sent)| sent.is_some_and(|s| s <= *deadline));
    let late = rows
        .iter()
        .filter(|(_, deadline, sent)| sent.is_some_and(|s| s > *deadline));
    let not_sent = rows.iter().filter(|(_, _, sent)| sent.is_none());
    Replies {
        on_time: on_time.map(|(r, _, _)| r.clone()).collect(),
        late: late.map(|(r, _, _)| r.clone()).collect(),
        not_sent: not_sent.map(|(r, _, _)| r.clone()).collect(),
        due: rows.into_iter().map(|(r, _, _)| r).collect(),
    }
}

fn period_figures(
    period: ReportPeriod,
    concerned: &[&AnnualDirective],
    cases: &[AnnualCase],
    pilots: &[AnnualPilot],
    proposals: &[AnnualProposal],
    report_end: NaiveDate,
) -> PeriodFigures {
    let end = period.end();
    let due = due_in_period(period, concerned);
    let of = |pred: fn(&Status) -> bool| {
        due.iter()
            .filter(|r| pred(&r.status))
            .cloned()
            .collect::<Figure<_>>()
    };
    let transposed_on_time = of(|s| matches!(s, Status::TransposedOnTime));
    let transposed_late = of(|s| matches!(s, Status::TransposedLate { .. }));
    let not_transposed =
        of(|s| !matches!(s, Status::TransposedOnTime | Status::TransposedLate { .. }));
    let (adopted, notified) = measures_in_period(period, concerned);
    let pending = pending_at_end(cases, end, report_end);
    let (received, pilot_replies) = pilots_in_period(period, pilots);
    PeriodFigures {
        period,
        deadlines_in_period: Figure::new(due.clone()),
        transposed_on_time,
        transposed_late,
        not_transposed,
        measures_adopted: Figure::new(adopted),
        measures_notified: Figure::new(notified),
        outstanding_at_end: Figure::new(outstanding_at(concerned, end)),
        decisions: decisions_in_period(period, cases),
        pending_by_step: by_step(&pending),
        pending_by_type: by_type(&pending),
        pending_at_end: Figure::new(pending),
        replies: split_replies(replies_in_period(period, cases)),
        pilots_received: Figure::new(received),
        pilot_replies: split_replies(pilot_replies),
        proposals: proposals_in_period(period, proposals),
    }
}

/// A reply sent after the end of the period is not sent as far as the period goes.
fn known_at(sent: Option<NaiveDate>, end: NaiveDate) -> Option<NaiveDate> {
    sent.filter(|s| *s <= end)
}

/// Directives whose deadline fell in the period, judged at its end on those deadlines only, in
/// deadline order.
fn due_in_period(period: ReportPeriod, concerned: &[&AnnualDirective]) -> Vec<DirectiveRow> {
    let end = period.end();
    let mut due: Vec<DirectiveRow> = Vec::new();
    for d in concerned {
        let deadlines: Vec<NaiveDate> = d
            .deadlines
            .iter()
            .copied()
            .filter(|x| period.contains(*x))
            .collect();
        let Some(earliest) = deadlines.iter().min().copied() else {
            continue;
        };
        let (status, _) = directive_status(
            &DirectiveFacts {
                deadlines,
                ..facts(d)
            },
            end,
        );
        due.push(directive_row(d, earliest, status, end));
    }
    due.sort_by(|a, b| (a.deadline, &a.number).cmp(&(b.deadline, &b.number)));
    due
}

/// The measures adopted and those notified in the period, each in date order.
fn measures_in_period(
    period: ReportPeriod,
    concerned: &[&AnnualDirective],
) -> (Vec<MeasureRow>, Vec<MeasureRow>) {
    let in_period = |d: &NaiveDate| period.contains(*d);
    let measures = concerned
        .iter()
        .flat_map(|d| d.measures.iter().map(move |m| (*d, m)));
    let mut adopted: Vec<MeasureRow> = measures
        .clone()
        .filter(|(_, m)| m.adopted_on.is_some_and(|a| in_period(&a)))
        .map(|(d, m)| measure_row(d, m))
        .collect();
    adopted.sort_by(|a, b| {
        (a.adopted_on, &a.directive_number).cmp(&(b.adopted_on, &b.directive_number))
    });
    let mut notified: Vec<MeasureRow> = measures
        .filter(|(_, m)| m.notified_on.is_some_and(|n| in_period(&n)))
        .map(|(d, m)| measure_row(d, m))
        .collect();
    notified.sort_by(|a, b| {
        (a.notified_on, &a.directive_number).cmp(&(b.notified_on, &b.directive_number))
    });
    (adopted, notified)
}

/// Outstanding at the end: the overall status at the end, dated from the earliest deadline not
/// met.
fn outstanding_at(concerned: &[&AnnualDirective], end: NaiveDate) -> Vec<DirectiveRow> {
    let mut outstanding: Vec<DirectiveRow> = Vec::new();
    for d in concerned {
        let (status, each) = directive_status(&facts(d), end);
        if !status.is_outstanding() {
            continue;
        }
        let deadline = each
            .iter()
            .filter(|e| e.status.is_outstanding())
            .map(|e| e.deadline)
            .min()
            .unwrap_or(end);
        outstanding.push(directive_row(d, deadline, status, end));
    }
    outstanding.sort_by(|a, b| (a.deadline, &a.number).cmp(&(b.deadline, &b.number)));
    outstanding
}

/// The decisions taken in the period, grouped by kind, each group in date order.
fn decisions_in_period(period: ReportPeriod, cases: &[AnnualCase]) -> Vec<DecisionGroup> {
    let mut decided: Vec<DecisionRow> = cases
        .iter()
        .flat_map(|c| {
            c.decisions
                .iter()
                .filter(|(d, _)| period.contains(*d))
                .map(|(date, stage)| DecisionRow {
                    number: c.number.clone(),
                    case_type: c.case_type,
                    title: c.title.clone(),
                    date: *date,
                    stage: *stage,
                })
        })
        .collect();
    decided.sort_by(|a, b| (a.date, &a.number).cmp(&(b.date, &b.number)));
    DecisionKind::ALL
        .into_iter()
        .map(|kind| DecisionGroup {
            kind,
            decisions: decided
                .iter()
                .filter(|r| DecisionKind::of(r.stage) == kind)
                .cloned()
                .collect(),
        })
        .collect()
}

/// The cases pending at the end, in opening order.
fn pending_at_end(cases: &[AnnualCase], end: NaiveDate, report_end: NaiveDate) -> Vec<CaseRow> {
    let mut pending: Vec<CaseRow> = cases
        .iter()
        .filter_map(|c| pending_at(c, end, report_end))
        .collect();
    pending.sort_by(|a, b| (a.opened_on, &a.number).cmp(&(b.opened_on, &b.number)));
    pending
}

/// Pending cases by the step they are at (closure is no pending step).
fn by_step(pending: &[CaseRow]) -> Vec<StepGroup> {
    Step::ALL
        .into_iter()
        .filter(|s| *s != Step::Closure)
        .map(|step| StepGroup {
            step,
            cases: pending
                .iter()
                .filter(|c| c.stage.step == step)
                .cloned()
                .collect(),
        })
        .collect()
}

/// Pending cases by type, those of no known type last.
fn by_type(pending: &[CaseRow]) -> Vec<TypeGroup> {
    CaseType::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|case_type| TypeGroup {
            case_type,
            cases: pending
                .iter()
                .filter(|c| c.case_type == case_type)
                .cloned()
                .collect(),
        })
        .collect()
}

/// The replies due in the period, with their deadline and the date sent as known at the end, in
/// deadline order.
fn replies_in_period(period: ReportPeriod, cases: &[AnnualCase]) -> Vec<DueReply<ReplyRow>> {
    let end = period.end();
    let mut replies: Vec<DueReply<ReplyRow>> = cases
        .iter()
        .flat_map(|c| {
            c.replies
                .iter()
                .filter(|r| period.contains(r.deadline))
                .map(|r| {
                    let row = ReplyRow {
                        number: c.number.clone(),
                        title: c.title.clone(),
                        decided_on: r.decided_on,
                        deadline: r.deadline,
                        sent_on: known_at(r.sent_on, end),
                    };
                    (row, r.deadline, known_at(r.sent_on, end))
                })
        })
        .collect();
    replies.sort_by(|a, b| (a.1, &a.0.number).cmp(&(b.1, &b.0.number)));
    replies
}

/// A reply due: its row, its deadline and the date it was sent as known at the end of the period.
type DueReply<R> = (R, NaiveDate, Option<NaiveDate>);

/// The EU Pilot files received in the period, and the replies due in it, each in date order.
fn pilots_in_period(
    period: ReportPeriod,
    pilots: &[AnnualPilot],
) -> (Vec<PilotRow>, Vec<DueReply<PilotRow>>) {
    let end = period.end();
    let in_period = |d: &NaiveDate| period.contains(*d);
    let pilot_row = |p: &AnnualPilot| PilotRow {
        number: p.number.clone(),
        subject: p.subject.clone(),
        received_on: p.received_on,
        reply_deadline: p.reply_deadline,
        reply_sent_on: known_at(p.reply_sent_on, end),
        outcome: p.outcome.clone(),
    };
    let mut received: Vec<PilotRow> = pilots
        .iter()
        .filter(|p| p.received_on.is_some_and(|r| in_period(&r)))
        .map(pilot_row)
        .collect();
    received.sort_by(|a, b| (a.received_on, &a.number).cmp(&(b.received_on, &b.number)));
    let mut replies: Vec<DueReply<PilotRow>> = pilots
        .iter()
        .filter_map(|p| {
            p.reply_deadline
                .filter(in_period)
                .map(|deadline| (pilot_row(p), deadline, known_at(p.reply_sent_on, end)))
        })
        .collect();
    replies.sort_by(|a, b| (a.1, &a.0.number).cmp(&(b.1, &b.0.number)));
    (received, replies)
}

/// The proposals followed during the period, each figure in the order of the Commission's
/// proposals (then COM number).
fn proposals_in_period(period: ReportPeriod, proposals: &[AnnualProposal]) -> ProposalFigures {
    let (start, end) = (period.start(), period.end());
    let row = |p: &AnnualProposal| ProposalRow {
        com: p.com.clone(),
        title_fr: p.title_fr.clone(),
        title_nl: p.title_nl.clone(),
        title_en: p.title_en.clone(),
        lead: p.lead.clone(),
        proposed_on: p.proposed_on(),
        stage: p
            .stages
            .iter()
            .filter_map(|(s, on)| on.filter(|on| *on <= end).map(|on| (*s, on)))
            .max_by_key(|(s, on)| (*on, *s)),
        directive: p.directive.clone().filter(|_| {
            p.stage_on(ProposalStage::Adopted)
                .flatten()
                .is_some_and(|a| a <= end)
        }),
        impact_notes: p.impact_notes.clone(),
    };
    let mut sorted: Vec<&AnnualProposal> = proposals.iter().collect();
    sorted.sort_by(|a, b| (a.proposed_on(), &a.com).cmp(&(b.proposed_on(), &b.com)));
    let mut undated = Vec::new();
    let mut dated = Vec::new();
    for p in sorted {
        match (p.proposed_on(), p.ended()) {
            (Some(proposed), Ok(ended)) => dated.push((p, proposed, ended)),
            _ => undated.push(row(p)),
        }
    }
    let followed: Vec<_> = dated
        .into_iter()
        .filter(|(_, proposed, ended)| *proposed <= end && ended.is_none_or(|(_, on)| on >= start))
        .collect();
    let pick = |keep: &dyn Fn(NaiveDate, Option<(ProposalStage, NaiveDate)>) -> bool| {
        followed
            .iter()
            .filter(|(_, proposed, ended)| keep(*proposed, *ended))
            .map(|(p, _, _)| row(p))
            .collect::<Figure<_>>()
    };
    let ended_by = |stage| {
        move |_, ended: Option<(ProposalStage, NaiveDate)>| {
            ended.is_some_and(|(s, on)| s == stage && on <= end)
        }
    };
    ProposalFigures {
        new: pick(&|proposed, _| proposed >= start),
        carried_over: pick(&|proposed, _| proposed < start),
        adopted: pick(&ended_by(ProposalStage::Adopted)),
        withdrawn: pick(&ended_by(ProposalStage::Withdrawn)),
        open_at_end: pick(&|_, ended| ended.is_none_or(|(_, on)| on > end)),
        followed: pick(&|_, _| true),
        undated: Figure::new(undated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::LegalBasis::{Art258, Art258And260_3, Art260_2};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    const Y: ReportPeriod = ReportPeriod { year: 2021 };

    fn directive(
        number: &str,
        deadlines: &[NaiveDate],
        measures: &[(Option<NaiveDate>, Option<NaiveDate>, bool)],
    ) -> AnnualDirective {
        AnnualDirective {
            celex: format!("3{}L{}", &number[..4], &number[5..]),
            number: number.to_string(),
            title_fr: Some(format!("Directive {number}")),
            title_nl: Some(format!("Richtlijn {number}")),
            title_en: None,
            competence: Competence::Exclusive,
            deadlines: deadlines.to_vec(),
            measures: measures
                .iter()
                .map(|(adopted_on, notified_on, completes)| AnnualMeasure {
                    title_fr: Some(format!("Ordonnance {number}")),
                    title_nl: None,
                    kind: MeasureKind::Ordinance,
                    adopted_on: *adopted_on,
                    notified_on: *notified_on,
                    completes: *completes,
                })
                .collect(),
            lead: Some("Bruxelles Environnement".to_string()),
            planned_text: None,
            risk_reason: None,
        }
    }

    fn case(
        number: &str,
        case_type: Option<CaseType>,
        decisions: &[(NaiveDate, Step, Option<LegalBasis>)],
        active: bool,
    ) -> AnnualCase {
        AnnualCase {
            number: number.to_string(),
            case_type,
            title: None,
            decisions: decisions
                .iter()
                .map(|(d, step, basis)| (*d, Stage::new(*step, *basis)))
                .collect(),
            replies: Vec::new(),
            active_at_end: active,
            to_triage: false,
        }
    }

    fn numbers(f: &Figure<DirectiveRow>) -> Vec<&str> {
        f.rows().iter().map(|r| r.number.as_str()).collect()
    }

    fn case_numbers(f: &Figure<CaseRow>) -> Vec<&str> {
        f.rows().iter().map(|r| r.number.as_str()).collect()
    }

    /// Checks the transposition figures of period `Y` for some directives.
    fn check_transposition(
        directives: &[AnnualDirective],
        on_time: &[&str],
        late: &[&str],
        not_transposed: &[&str],
    ) {
        let f = annual_report(Y, directives, &[], &[], &[]).current;
        assert_eq!(numbers(&f.transposed_on_time), on_time, "on time");
        assert_eq!(numbers(&f.transposed_late), late, "late");
        assert_eq!(numbers(&f.not_transposed), not_transposed, "not transposed");
        let mut all: Vec<&str> = on_time
            .iter()
            .chain(late)
            .chain(not_transposed)
            .copied()
            .collect();
        all.sort();
        let mut due = numbers(&f.deadlines_in_period);
        due.sort();
        assert_eq!(due, all, "due = on time + late + not transposed");
    }

    #[test]
    fn deadline_edges() {
        let none: &[(Option<NaiveDate>, Option<NaiveDate>, bool)] = &[];
        let d = [
            directive("2020/0001", &[date(2020, 9, 30)], none), // previous period
            directive("2020/0002", &[date(2020, 10, 1)], none), // first day
            directive("2021/0003", &[date(2021, 9, 30)], none), // last day: counts, not late yet
            directive("2021/0004", &[date(2021, 10, 1)], none), // next period
        ];
        check_transposition(&d, &[], &[], &["2020/0002", "2021/0003"]);
        let f = annual_report(Y, &d, &[], &[], &[]);
        assert_eq!(numbers(&f.previous.deadlines_in_period), ["2020/0001"]);
        // At 30 September 2021, the one due that day is not outstanding yet; 2020/0001 and 2020/0002 are.
        assert_eq!(
            numbers(&f.current.outstanding_at_end),
            ["2020/0001", "2020/0002"]
        );
        assert_eq!(
            f.current.outstanding_at_end.count(),
            f.indicators.not_completely_notified
        );
        assert_eq!(
            numbers(&f.previous.outstanding_at_end),
            Vec::<&str>::new(),
            "30/09/2020 is still on time that day"
        );
    }

    #[test]
    fn how_deadlines_were_met() {
        let deadline = date(2021, 3, 31);
        let d = [
            directive(
                "2019/0010",
                &[deadline],
                &[(Some(date(2021, 1, 1)), Some(deadline), true)],
            ),
            directive(
                "2019/0011",
                &[deadline],
                &[(None, Some(date(2021, 5, 31)), true)],
            ),
            // Completed after the end of the period: still not transposed in the 2021 report.
            directive(
                "2019/0012",
                &[deadline],
                &[(None, Some(date(2021, 10, 1)), true)],
            ),
            directive(
                "2019/0013",
                &[deadline],
                &[(None, Some(date(2021, 2, 1)), false)],
            ),
            // Not concerned: counts nowhere.
            AnnualDirective {
                competence: Competence::NotConcerned,
                ..directive("2019/0014", &[deadline], &[])
            },
            // Two deadlines in the period, met for the first only: judged on both.
            directive(
                "2019/0015",
                &[date(2020, 12, 1), date(2021, 6, 1)],
                &[(None, Some(date(2021, 1, 1)), true)],
            ),
        ];
        // In deadline order: 2019/0015 first (1 December 2020).
        check_transposition(
            &d,
            &["2019/0010"],
            &["2019/0015", "2019/0011"],
            &["2019/0012", "2019/0013"],
        );
        let f = annual_report(Y, &d, &[], &[], &[]).current;
        let late = &f.transposed_late.rows()[1];
        assert_eq!(
            (late.number.as_str(), late.deadline),
            ("2019/0011", deadline)
        );
        assert_eq!(
            late.delay(),
            Some(Delay {
                days: 61,
                months: 2
            })
        );
        assert_eq!(late.completed_on, Some(date(2021, 5, 31)));
        assert_eq!(
            f.transposed_late.rows()[0].delay(),
            Some(Delay {
                days: 31,
                months: 1
            })
        );
        assert_eq!(numbers(&f.outstanding_at_end), ["2019/0012", "2019/0013"]);
        assert_eq!(
            f.outstanding_at_end.rows()[1].status,
            Status::PartiallyTransposed {
                delay: Delay {
                    days: 183,
                    months: 6
                }
            }
        );
    }

    #[test]
    fn measures() {
        let d = [
            directive(
                "2019/0020",
                &[date(2022, 1, 1)],
                &[
                    (Some(date(2020, 9, 30)), Some(date(2020, 10, 1)), false),
                    (Some(date(2020, 10, 1)), Some(date(2021, 9, 30)), false),
                    (Some(date(2021, 9, 30)), Some(date(2021, 10, 1)), true),
                    (None, None, false),
                ],
            ),
            AnnualDirective {
                competence: Competence::NotConcerned,
                ..directive(
                    "2019/0021",
                    &[],
                    &[(Some(date(2021, 1, 1)), Some(date(2021, 1, 2)), true)],
                )
            },
        ];
        let f = annual_report(Y, &d, &[], &[], &[]);
        let adopted: Vec<_> = f
            .current
            .measures_adopted
            .rows()
            .iter()
            .map(|m| m.adopted_on)
            .collect();
        assert_eq!(adopted, [Some(date(2020, 10, 1)), Some(date(2021, 9, 30))]);
        let notified: Vec<_> = f
            .current
            .measures_notified
            .rows()
            .iter()
            .map(|m| m.notified_on)
            .collect();
        assert_eq!(notified, [Some(date(2020, 10, 1)), Some(date(2021, 9, 30))]);
        assert_eq!(f.previous.measures_adopted.count(), 1);
        assert_eq!(f.previous.measures_notified.count(), 0);
        assert_eq!(
            f.current.measures_adopted.rows()[0].directive_number,
            "2019/0020"
        );
    }

    #[test]
    fn decision_kinds() {
        let s = |step, basis| Stage::new(step, basis);
        let check =
            |stage: Stage, kind: DecisionKind| assert_eq!(DecisionKind::of(stage), kind, "{stage}");
        check(
            s(Step::FormalNotice, Some(Art258)),
            DecisionKind::FormalNotice,
        );
        check(
            s(Step::FormalNotice, Some(Art258And260_3)),
            DecisionKind::FormalNotice,
        );
        check(s(Step::FormalNotice, None), DecisionKind::FormalNotice);
        check(
            s(Step::AdditionalFormalNotice, Some(Art258)),
            DecisionKind::AdditionalFormalNotice,
        );
        check(
            s(Step::ReasonedOpinion, Some(Art258)),
            DecisionKind::ReasonedOpinion,
        );
        check(
            s(Step::AdditionalReasonedOpinion, Some(Art258)),
            DecisionKind::ReasonedOpinion,
        );
        check(
            s(Step::Referral, Some(Art258And260_3)),
            DecisionKind::Referral,
        );
        check(s(Step::FormalNotice, Some(Art260_2)), DecisionKind::Art260);
        check(s(Step::Referral, Some(Art260_2)), DecisionKind::Art260);
        check(
            s(Step::ModifiedFinancialSanction, Some(Art260_2)),
            DecisionKind::Art260,
        );
        check(s(Step::Closure, None), DecisionKind::Closure);
        check(s(Step::WithdrawalFromCourt, None), DecisionKind::Closure);
        let codes: std::collections::BTreeSet<&str> =
            DecisionKind::ALL.iter().map(DecisionKind::code).collect();
        assert_eq!(codes.len(), DecisionKind::ALL.len());
    }

    fn cases() -> Vec<AnnualCase> {
        use CaseType::{BadApplication, NonCommunication, NonConformity};
        use Step::*;
        vec![
            // Opened on the first day of the period: a decision of 2021.
            case(
                "INFR(2020)0100",
                Some(NonCommunication),
                &[(date(2020, 10, 1), FormalNotice, Some(Art258And260_3))],
                true,
            ),
            // Opened the day before: 2020; reasoned opinion on the last day: 2021.
            case(
                "INFR(2020)2001",
                Some(NonConformity),
                &[
                    (date(2020, 9, 30), FormalNotice, Some(Art258)),
                    (date(2021, 9, 30), ReasonedOpinion, Some(Art258)),
                ],
                true,
            ),
            // Closed in the period.
            case(
                "INFR(2019)0050",
                Some(NonCommunication),
                &[
                    (date(2019, 11, 27), FormalNotice, Some(Art258And260_3)),
                    (date(2021, 2, 18), Closure, None),
                ],
                false,
            ),
            // A decision the day after the period: not in 2021, and the case was not open at its end.
            case(
                "INFR(2021)0200",
                Some(NonCommunication),
                &[(date(2021, 10, 1), FormalNotice, Some(Art258And260_3))],
                true,
            ),
            // Art. 260(2) step in the period; type unknown.
            case(
                "INFR(2015)4000",
                None,
                &[
                    (date(2015, 5, 28), FormalNotice, Some(Art258)),
                    (date(2018, 1, 25), Referral, Some(Art258)),
                    (date(2021, 6, 9), FormalNotice, Some(Art260_2)),
                ],
                true,
            ),
            // Inactive at the end without a closure decision: not pending at the end; pending at the
            // end of 2020 since a decision came later.
            case(
                "INFR(2018)2100",
                Some(BadApplication),
                &[
                    (date(2018, 7, 19), FormalNotice, Some(Art258)),
                    (date(2020, 10, 30), AdditionalFormalNotice, Some(Art258)),
                ],
                false,
            ),
        ]
    }

    fn decided(f: &PeriodFigures, kind: DecisionKind) -> Vec<(&str, NaiveDate)> {
        f.decisions_of(kind)
            .rows()
            .iter()
            .map(|r| (r.number.as_str(), r.date))
            .collect()
    }

    #[test]
    fn infringement_decisions() {
        let f = annual_report(Y, &[], &cases(), &[], &[]);
        let c = &f.current;
        assert_eq!(
            decided(c, DecisionKind::FormalNotice),
            [("INFR(2020)0100", date(2020, 10, 1))]
        );
        assert_eq!(
            decided(c, DecisionKind::AdditionalFormalNotice),
            [("INFR(2018)2100", date(2020, 10, 30))]
        );
        assert_eq!(
            decided(c, DecisionKind::ReasonedOpinion),
            [("INFR(2020)2001", date(2021, 9, 30))]
        );
        assert_eq!(decided(c, DecisionKind::Referral), []);
        assert_eq!(
            decided(c, DecisionKind::Art260),
            [("INFR(2015)4000", date(2021, 6, 9))]
        );
        assert_eq!(
            decided(c, DecisionKind::Closure),
            [("INFR(2019)0050", date(2021, 2, 18))]
        );
        assert_eq!(
            decided(&f.previous, DecisionKind::FormalNotice),
            [
                ("INFR(2019)0050", date(2019, 11, 27)),
                ("INFR(2020)2001", date(2020, 9, 30))
            ]
        );
        let total: usize = c.decisions.iter().map(|g| g.decisions.count()).sum();
        assert_eq!(total, 5);
    }

    #[test]
    fn pending_cases() {
        let f = annual_report(Y, &[], &cases(), &[], &[]);
        let c = &f.current;
        assert_eq!(
            case_numbers(&c.pending_at_end),
            ["INFR(2015)4000", "INFR(2020)2001", "INFR(2020)0100"]
        );
        assert_eq!(
            case_numbers(&f.previous.pending_at_end),
            [
                "INFR(2015)4000",
                "INFR(2018)2100",
                "INFR(2019)0050",
                "INFR(2020)2001"
            ]
        );
        let by_step: Vec<(Step, usize)> = c
            .pending_by_step
            .iter()
            .map(|g| (g.step, g.cases.count()))
            .collect();
        assert_eq!(by_step[0], (Step::FormalNotice, 2));
        assert_eq!(by_step[2], (Step::ReasonedOpinion, 1));
        assert_eq!(
            by_step.iter().map(|(_, n)| n).sum::<usize>(),
            c.pending_at_end.count()
        );
        assert!(by_step.iter().all(|(s, _)| *s != Step::Closure));
        let by_type: Vec<(Option<CaseType>, usize)> = c
            .pending_by_type
            .iter()
            .map(|g| (g.case_type, g.cases.count()))
            .collect();
        assert_eq!(
            by_type,
            [
                (Some(CaseType::NonCommunication), 1),
                (Some(CaseType::NonConformity), 1),
                (Some(CaseType::BadApplication), 0),
                (None, 1)
            ]
        );
        // The indicators see the same pending cases.
        assert_eq!(f.indicators.pending_cases, c.pending_at_end.count());
        // A case the unit has not triaged is in no figure of the Region's, only in the count to triage.
        let mut untriaged = cases();
        untriaged.iter_mut().for_each(|c| c.to_triage = true);
        let t = annual_report(Y, &[], &untriaged, &[], &[]);
        assert_eq!(
            (t.current.pending_at_end.count(), t.indicators.pending_cases),
            (0, 0)
        );
        assert_eq!(t.indicators.pending_to_triage, c.pending_at_end.count());
        assert_eq!(
            f.trend[2].indicators.pending_cases,
            f.previous.pending_at_end.count()
        );
        let stage = &c.pending_at_end.rows()[1];
        assert_eq!(
            (stage.stage.step, stage.stage_since, stage.opened_on),
            (Step::ReasonedOpinion, date(2021, 9, 30), date(2020, 9, 30))
        );
    }

    fn reply(deadline: NaiveDate, sent_on: Option<NaiveDate>) -> AnnualReply {
        AnnualReply {
            decided_on: date(2020, 1, 1),
            deadline,
            sent_on,
        }
    }

    #[test]
    fn replies() {
        let mut c = case(
            "INFR(2020)0001",
            None,
            &[(date(2020, 8, 1), Step::FormalNotice, Some(Art258))],
            true,
        );
        c.replies = vec![
            reply(date(2020, 9, 30), Some(date(2020, 9, 30))), // previous period
            reply(date(2020, 10, 1), Some(date(2020, 10, 1))), // on time, on the deadline
            reply(date(2021, 1, 31), Some(date(2021, 2, 1))),  // late by a day
            reply(date(2021, 9, 30), Some(date(2021, 10, 1))), // sent after the end: not sent in 2021
            reply(date(2021, 3, 1), None),                     // not sent
            reply(date(2021, 10, 1), None),                    // next period
        ];
        let f = annual_report(Y, &[], &[c], &[], &[]);
        let deadlines =
            |rows: &Figure<ReplyRow>| rows.rows().iter().map(|r| r.deadline).collect::<Vec<_>>();
        let r = &f.current.replies;
        assert_eq!(
            deadlines(&r.due),
            [
                date(2020, 10, 1),
                date(2021, 1, 31),
                date(2021, 3, 1),
                date(2021, 9, 30)
            ]
        );
        assert_eq!(deadlines(&r.on_time), [date(2020, 10, 1)]);
        assert_eq!(deadlines(&r.late), [date(2021, 1, 31)]);
        assert_eq!(
            deadlines(&r.not_sent),
            [date(2021, 3, 1), date(2021, 9, 30)]
        );
        assert_eq!(r.not_sent.rows()[1].sent_on, None);
        assert_eq!(f.previous.replies.on_time.count(), 1);
    }

    #[test]
    fn pilots() {
        let pilot = |number: &str,
                     received: NaiveDate,
                     deadline: NaiveDate,
                     sent: Option<NaiveDate>| AnnualPilot {
            number: number.to_string(),
            subject: None,
            received_on: Some(received),
            reply_deadline: Some(deadline),
            reply_sent_on: sent,
            outcome: None,
        };
        let p = [
            pilot(
                "EUP(2020)0001",
                date(2020, 7, 1),
                date(2020, 10, 1),
                Some(date(2020, 9, 1)),
            ),
            pilot(
                "EUP(2020)0002",
                date(2020, 10, 1),
                date(2020, 12, 10),
                Some(date(2020, 12, 11)),
            ),
            pilot("EUP(2021)0003", date(2021, 9, 30), date(2021, 12, 9), None),
            pilot("EUP(2020)0004", date(2020, 9, 30), date(2020, 12, 9), None),
        ];
        let f = annual_report(Y, &[], &[], &p, &[]);
        let n = |rows: &Figure<PilotRow>| {
            rows.rows()
                .iter()
                .map(|r| r.number.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            n(&f.current.pilots_received),
            ["EUP(2020)0002", "EUP(2021)0003"]
        );
        assert_eq!(
            n(&f.previous.pilots_received),
            ["EUP(2020)0001", "EUP(2020)0004"]
        );
        assert_eq!(
            n(&f.current.pilot_replies.due),
            ["EUP(2020)0001", "EUP(2020)0004", "EUP(2020)0002"]
        );
        assert_eq!(n(&f.current.pilot_replies.on_time), ["EUP(2020)0001"]);
        assert_eq!(n(&f.current.pilot_replies.late), ["EUP(2020)0002"]);
        assert_eq!(n(&f.current.pilot_replies.not_sent), ["EUP(2020)0004"]);
    }

    #[test]
    fn trend_and_summary() {
        let none: &[(Option<NaiveDate>, Option<NaiveDate>, bool)] = &[];
        let d = [
            directive(
                "2017/0001",
                &[date(2018, 6, 1)],
                &[(None, Some(date(2020, 1, 1)), true)],
            ),
            directive("2019/0002", &[date(2019, 12, 31)], none),
            directive("2020/0003", &[date(2021, 5, 1)], none),
        ];
        let f = annual_report(Y, &d, &cases(), &[], &[]);
        let trend: Vec<(i32, usize)> = f
            .trend
            .iter()
            .map(|t| (t.period.year, t.indicators.not_completely_notified))
            .collect();
        assert_eq!(trend, [(2018, 1), (2019, 1), (2020, 1), (2021, 2)]);
        assert_eq!(f.trend.last().map(|t| &t.indicators), Some(&f.indicators));
        assert_eq!(f.indicators.deadlines_until, date(2021, 9, 30));
        let summary = f.summary();
        assert_eq!(summary.len(), SummaryKey::all().len());
        for line in &summary {
            assert_eq!(
                line.current,
                f.current.figure(line.key).count(),
                "{}",
                line.key.code()
            );
            assert_eq!(
                line.previous,
                f.previous.figure(line.key).count(),
                "{}",
                line.key.code()
            );
        }
        let line = |key| {
            summary
                .iter()
                .find(|l| l.key == key)
                .map(|l| (l.current, l.previous))
        };
        assert_eq!(line(SummaryKey::OutstandingAtEnd), Some((2, 1)));
        assert_eq!(
            line(SummaryKey::Decisions(DecisionKind::FormalNotice)),
            Some((1, 2))
        );
        let codes: std::collections::BTreeSet<String> =
            SummaryKey::all().iter().map(SummaryKey::code).collect();
        assert_eq!(codes.len(), summary.len(), "codes are unique");
    }

    #[test]
    fn figures_count_their_rows() {
        let f: Figure<u8> = [1, 2, 3].into_iter().collect();
        assert_eq!((f.count(), f.rows()), (3, &[1, 2, 3][..]));
        assert_eq!(Figure::<u8>::new(Vec::new()).count(), 0);
    }

    fn proposal(com: &str, stages: &[(ProposalStage, Option<NaiveDate>)]) -> AnnualProposal {
        AnnualProposal {
            com: com.to_string(),
            title_fr: Some(format!("Proposition {com}")),
            title_nl: None,
            title_en: None,
            lead: Some("Bruxelles Environnement".to_string()),
            stages: stages.to_vec(),
            directive: stages
                .iter()
                .any(|(s, _)| *s == ProposalStage::Adopted)
                .then(|| "2023/2413".to_string()),
            impact_notes: vec![ImpactSummary {
                authority: "Bruxelles Environnement".to_string(),
                summary: Some(format!("Résumé {com}")),
            }],
        }
    }

    fn coms(f: &Figure<ProposalRow>) -> Vec<&str> {
        f.rows().iter().map(|r| r.com.as_str()).collect()
    }

    #[test]
    fn proposals_followed_during_the_period_add_up() {
        use ProposalStage::{Adopted, CommissionProposal, CouncilGeneralApproach, Withdrawn};
        let p = [
            // Proposed and adopted before the period: not followed in it.
            proposal(
                "COM(2019) 1",
                &[
                    (CommissionProposal, Some(date(2019, 1, 10))),
                    (Adopted, Some(date(2020, 9, 30))),
                ],
            ),
            // Carried over, adopted on the first day of the period.
            proposal(
                "COM(2020) 2",
                &[
                    (CommissionProposal, Some(date(2020, 3, 1))),
                    (Adopted, Some(date(2020, 10, 1))),
                ],
            ),
            // New on the first day, general approach in the period, open at the end.
            proposal(
                "COM(2020) 3",
                &[
                    (CommissionProposal, Some(date(2020, 10, 1))),
                    (CouncilGeneralApproach, Some(date(2021, 6, 1))),
                ],
            ),
            // New on the last day, withdrawn after the period: open at the end.
            proposal(
                "COM(2021) 4",
                &[
                    (CommissionProposal, Some(date(2021, 9, 30))),
                    (Withdrawn, Some(date(2021, 10, 1))),
                ],
            ),
            // Carried over, withdrawn in the period.
            proposal(
                "COM(2018) 5",
                &[
                    (CommissionProposal, Some(date(2018, 5, 1))),
                    (Withdrawn, Some(date(2021, 2, 1))),
                ],
            ),
            // After the period.
            proposal(
                "COM(2021) 6",
                &[(CommissionProposal, Some(date(2021, 10, 1)))],
            ),
            // Dates missing: counted apart, in every period.
            proposal("COM(2021) 7", &[(CommissionProposal, None)]),
            proposal(
                "COM(2020) 8",
                &[
                    (CommissionProposal, Some(date(2020, 1, 1))),
                    (Adopted, None),
                ],
            ),
        ];
        let f = annual_report(Y, &[], &[], &[], &p);
        let c = &f.current.proposals;
        assert_eq!(
            coms(&c.followed),
            ["COM(2018) 5", "COM(2020) 2", "COM(2020) 3", "COM(2021) 4"]
        );
        assert_eq!(coms(&c.new), ["COM(2020) 3", "COM(2021) 4"]);
        assert_eq!(coms(&c.carried_over), ["COM(2018) 5", "COM(2020) 2"]);
        assert_eq!(coms(&c.adopted), ["COM(2020) 2"]);
        assert_eq!(coms(&c.withdrawn), ["COM(2018) 5"]);
        assert_eq!(coms(&c.open_at_end), ["COM(2020) 3", "COM(2021) 4"]);
        assert_eq!(coms(&c.undated), ["COM(2021) 7", "COM(2020) 8"]);
        for period in [&f.current.proposals, &f.previous.proposals] {
            assert_eq!(
                period.followed.count(),
                period.new.count() + period.carried_over.count(),
                "followed = new + carried over"
            );
            assert_eq!(
                period.followed.count(),
                period.adopted.count() + period.withdrawn.count() + period.open_at_end.count(),
                "followed = adopted + withdrawn + open at the end"
            );
        }
        // The previous period: 2019/1 adopted on its last day, 2020/2 and 2018/5 open at its end.
        assert_eq!(coms(&f.previous.proposals.adopted), ["COM(2019) 1"]);
        assert_eq!(
            coms(&f.previous.proposals.open_at_end),
            ["COM(2018) 5", "COM(2020) 2"]
        );
        // A row says where the proposal stood at the end of the period: the withdrawal after it is
        // not known yet, the directive only once adopted.
        let row = |com: &str| c.followed.rows().iter().find(|r| r.com == com).cloned();
        assert_eq!(
            row("COM(2021) 4").and_then(|r| r.stage),
            Some((CommissionProposal, date(2021, 9, 30)))
        );
        assert_eq!(
            row("COM(2020) 3").and_then(|r| r.stage),
            Some((CouncilGeneralApproach, date(2021, 6, 1)))
        );
        assert_eq!(
            row("COM(2020) 2").and_then(|r| r.directive),
            Some("2023/2413".to_string())
        );
        assert_eq!(
            f.previous
                .proposals
                .open_at_end
                .rows()
                .iter()
                .find(|r| r.com == "COM(2020) 2")
                .and_then(|r| r.directive.clone()),
            None
        );
    }
}
