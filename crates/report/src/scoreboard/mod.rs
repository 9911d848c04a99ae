//! The meeting scoreboard: what the unit prints before every Concertation Committee and
//! euro-coordinators meeting (indicators, directives, what is overdue or due soon, per authority,
//! infringement and EU Pilot cases, changes since the previous pack), as a workbook and as an HTML
//! page with the same content.
//!
//! [`ScoreboardView`] (this file) is plain data the `cli` assembles and stores as JSON with each
//! pack, so the next pack can [`changes`] against it (`changes.rs`). Both outputs colour rows by the
//! same rules (`tone.rs`), derive the same sections from the view (`sections.rs`) and name things
//! alike (`labels.rs`); `html.rs` builds the page's context for its template, `xlsx/` writes the
//! workbook (`sheet.rs` its cells and table layout, `words.rs` its words from the translation
//! files).

mod changes;
mod html;
mod labels;
mod sections;
mod tone;
mod xlsx;

use chrono::NaiveDate;
use domain::indicators::Indicators;
use domain::{CaseType, Lang, Stage, Status};
use serde::{Deserialize, Serialize};

pub use changes::{Changes, changes};
pub use html::{embedded_template, html};
pub use labels::meeting_name;
pub use xlsx::xlsx;

/// Everything a scoreboard shows, at a date, in a language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreboardView {
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub meeting: Option<MeetingLine>,
    pub indicators: Indicators,
    /// Every tracked directive, in the order to show them.
    pub directives: Vec<DirectiveLine>,
    /// The infringement cases to show (the active ones), in the order to show them.
    pub cases: Vec<CaseLine>,
    pub pilots: Vec<PilotLine>,
    /// What changed since the previous meeting's pack, when there is one.
    pub changes: Option<Changes>,
}

impl ScoreboardView {
    /// How people write the directive of `celex` ("2019/1024"), or the CELEX itself when the view
    /// does not list it.
    fn number_of(&self, celex: &str) -> String {
        self.directives
            .iter()
            .find(|d| d.celex == celex)
            .map_or_else(|| celex.to_string(), |d| d.number.clone())
    }
}

/// The meeting a pack is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    /// `concertation`, `eurocoord`, `commission` or `correspondents`.
    pub kind: String,
    pub held_on: NaiveDate,
}

/// A directive as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveLine {
    pub celex: String,
    /// As people write it: "2019/1024", "91/271".
    pub number: String,
    pub title: Option<String>,
    /// The title is not in the view's language (a fallback, usually the English one).
    pub title_in_other_language: bool,
    /// The status at `as_of`.
    pub status: Status,
    pub deadlines: Vec<NaiveDate>,
    /// The deadline that matters at the date: the earliest one not met (passed or to come); None
    /// when every deadline is met.
    pub next_deadline: Option<NaiveDate>,
    /// Days from `as_of` to `next_deadline`: negative when overdue.
    pub days_left: Option<i64>,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    /// The measures, one line each, as they should read (type, title, dates).
    pub measures: Vec<String>,
    /// The planned completion date as written when it is approximate ("fin 2025").
    pub planned_text: Option<String>,
    /// The planned completion date (no later than).
    pub planned_on: Option<NaiveDate>,
    pub at_risk: bool,
    pub risk_reason: Option<String>,
}

/// An infringement case as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub number: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    /// The stage of the latest decision.
    pub stage: Option<Stage>,
    pub last_decision_on: Option<NaiveDate>,
    /// The deadline of the reply the latest letter asks for.
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    /// When the reply was entered in the Commission's system.
    pub reply_entered_on: Option<NaiveDate>,
    pub lead: Option<String>,
    /// The directives it concerns, as numbers ("2019/1024").
    pub directives: Vec<String>,
}

/// An EU Pilot case as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilotLine {
    pub number: String,
    pub subject: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub lead: Option<String>,
}
