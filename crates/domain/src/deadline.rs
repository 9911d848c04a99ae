//! Date arithmetic for deadlines: adding calendar months, and the default reply deadline of a
//! letter of formal notice, a reasoned opinion or an EU Pilot request.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Adds calendar months, keeping the day of the month when it exists and clamping to the month's
/// last day otherwise: 31/12/2020 + 2 = 28/02/2021; 31/07 + 2 = 30/09. Saturates at the largest
/// date chrono knows instead of overflowing.
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The kind of request the Region replies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReplyKind {
    /// A letter of formal notice or a reasoned opinion (Art. 258 / 260 TFEU): two months.
    Infringement,
    /// An EU Pilot request: ten weeks.
    EuPilot,
}

/// The default reply deadline: two calendar months after an infringement decision, 10 weeks
/// (70 days) after an EU Pilot request.
pub fn reply_deadline(decision: NaiveDate, kind: ReplyKind) -> NaiveDate {
    match kind {
        ReplyKind::Infringement => add_months(decision, 2),
        ReplyKind::EuPilot => decision
            .checked_add_days(Days::new(70))
            .unwrap_or(NaiveDate::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn check(from: NaiveDate, months: u32, expected: NaiveDate) {
        assert_eq!(
            add_months(from, months),
            expected,
            "{from} + {months} months"
        );
    }

    #[test]
    fn months_are_added_with_month_end_clamping() {
        check(date(2020, 12, 31), 2, date(2021, 2, 28));
        check(date(2019, 12, 31), 2, date(2020, 2, 29));
        check(date(2021, 6, 30), 2, date(2021, 8, 30));
        check(date(2021, 7, 31), 2, date(2021, 9, 30));
        check(date(2021, 8, 31), 1, date(2021, 9, 30));
        check(date(2021, 1, 31), 1, date(2021, 2, 28));
        check(date(2024, 1, 31), 1, date(2024, 2, 29));
        check(date(2021, 1, 30), 1, date(2021, 2, 28));
        check(date(2021, 3, 31), 1, date(2021, 4, 30));
        check(date(2021, 5, 31), 1, date(2021, 6, 30));
        check(date(2021, 10, 31), 1, date(2021, 11, 30));
        check(date(2021, 2, 28), 1, date(2021, 3, 28));
        check(date(2024, 2, 29), 12, date(2025, 2, 28));
        check(date(2024, 2, 29), 48, date(2028, 2, 29));
        check(date(2020, 7, 5), 2, date(2020, 9, 5));
        check(date(2020, 11, 15), 2, date(2021, 1, 15));
        check(date(2022, 11, 30), 24, date(2024, 11, 30));
        check(date(2021, 5, 17), 0, date(2021, 5, 17));
        check(date(2021, 12, 1), 1, date(2022, 1, 1));
        check(NaiveDate::MAX, 1, NaiveDate::MAX);
        check(date(2021, 1, 1), u32::MAX, NaiveDate::MAX);
    }

    fn check_reply(decision: NaiveDate, kind: ReplyKind, expected: NaiveDate) {
        assert_eq!(
            reply_deadline(decision, kind),
            expected,
            "{decision} {kind:?}"
        );
    }

    #[test]
    fn reply_deadlines() {
        check_reply(
            date(2021, 9, 23),
            ReplyKind::Infringement,
            date(2021, 11, 23),
        );
        check_reply(
            date(2020, 12, 31),
            ReplyKind::Infringement,
            date(2021, 2, 28),
        );
        check_reply(
            date(2021, 7, 15),
            ReplyKind::Infringement,
            date(2021, 9, 15),
        );
        check_reply(date(2021, 9, 23), ReplyKind::EuPilot, date(2021, 12, 2));
        check_reply(date(2021, 1, 1), ReplyKind::EuPilot, date(2021, 3, 12));
        check_reply(date(2023, 12, 31), ReplyKind::EuPilot, date(2024, 3, 10));
        check_reply(NaiveDate::MAX, ReplyKind::EuPilot, NaiveDate::MAX);
    }
}
