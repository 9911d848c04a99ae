//! The colour rules both outputs share: a directive or a reply is late (red), soon (amber), done
//! (green) or plain, from its dates and status at the view's date.

use chrono::NaiveDate;
use domain::Status;

use super::DirectiveLine;

/// Amber from this many days before a deadline.
const SOON_DAYS: i64 = 60;

/// The colour of a row: overdue red, due within 60 days amber, done green.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tone {
    Late,
    Soon,
    Done,
    Plain,
}

impl Tone {
    /// The CSS class of the page.
    pub(super) fn class(self) -> &'static str {
        match self {
            Tone::Late => "late",
            Tone::Soon => "soon",
            Tone::Done => "done",
            Tone::Plain => "",
        }
    }

    pub(super) fn index(self) -> usize {
        match self {
            Tone::Plain => 0,
            Tone::Late => 1,
            Tone::Soon => 2,
            Tone::Done => 3,
        }
    }
}

/// Days from the date to the deadline that matters (negative when overdue), from the line or, when
/// the line has none, from its status.
pub(super) fn days_left(d: &DirectiveLine) -> Option<i64> {
    d.days_left.or(match d.status {
        Status::NotYetDue { days_left } => Some(days_left),
        Status::Overdue { delay } | Status::PartiallyTransposed { delay } => Some(-delay.days),
        _ => None,
    })
}

pub(super) fn is_done(status: &Status) -> bool {
    matches!(
        status,
        Status::TransposedOnTime | Status::TransposedLate { .. }
    )
}

pub(super) fn directive_tone(d: &DirectiveLine) -> Tone {
    if is_done(&d.status) {
        return Tone::Done;
    }
    if d.status.is_outstanding() {
        return Tone::Late;
    }
    match (d.status, days_left(d)) {
        (Status::NotConcerned, _) => Tone::Plain,
        (_, Some(n)) if n < 0 => Tone::Late,
        (_, Some(n)) if n <= SOON_DAYS => Tone::Soon,
        _ => Tone::Plain,
    }
}

/// A reply: green once sent, red when its deadline passed unsent, amber within 60 days.
pub(super) fn reply_tone(
    as_of: NaiveDate,
    deadline: Option<NaiveDate>,
    sent: Option<NaiveDate>,
) -> Tone {
    match (deadline, sent) {
        (_, Some(_)) => Tone::Done,
        (Some(d), None) if d < as_of => Tone::Late,
        (Some(d), None) if (d - as_of).num_days() <= SOON_DAYS => Tone::Soon,
        _ => Tone::Plain,
    }
}

/// The deadline a table shows: the one that matters, or the last one once all are met.
pub(super) fn shown_deadline(d: &DirectiveLine) -> Option<NaiveDate> {
    d.next_deadline
        .or_else(|| d.deadlines.iter().max().copied())
}
