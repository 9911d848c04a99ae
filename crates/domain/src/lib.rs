//! Pure types and rules of the scoreboard: identifiers, stages, statuses, periods, deadlines, languages.
//!
//! Nothing here reads a file, a database or the clock: "today" is always a parameter, so every rule
//! can be tested with plain values and a status computed at a past date is reproducible.

pub mod annual;
pub mod campaign;
pub mod celex;
mod citation;
pub mod clock;
pub mod competence;
pub mod country;
pub mod dates;
pub mod deadline;
pub mod ids;
pub mod indicators;
pub mod lang;
pub mod measure_kind;
pub mod period;
pub mod procedure;
pub mod proposal;
pub mod provision;
pub mod records;
pub mod reminder;
pub mod stage;
pub mod status;
pub mod tables;
pub mod text;
pub mod vocab;
pub mod words;

pub use celex::{Celex, CelexKind, DirectiveId, MeasureCelex};
pub use clock::{brussels_date, brussels_time};
pub use competence::Competence;
pub use country::Country;
pub use dates::{DATE_YEARS, DateError, PlannedDate, check_range, parse_date};
pub use deadline::{ReplyKind, add_months, reply_deadline};
pub use ids::{ComNumber, EuPilotNumber, IdError, InfringementNumber};
pub use lang::Lang;
pub use measure_kind::MeasureKind;
pub use period::ReportPeriod;
pub use procedure::{ProcedureNumber, ProcedureType};
pub use proposal::{ImpactField, ProposalStage};
pub use provision::{Completeness, CorrelationState, Coverage, Provision};
pub use reminder::{ReminderKind, is_working_day, reminder_step};
pub use stage::{CaseType, LegalBasis, Stage, Step};
pub use status::{
    DeadlineStatus, Delay, DirectiveFacts, NotifiedMeasure, Status, directive_status,
};

/// A calendar date in Europe/Brussels; the domain never needs a time of day.
pub type Date = chrono::NaiveDate;
