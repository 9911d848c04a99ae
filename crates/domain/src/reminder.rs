//! When the administrations are reminded of a deadline (`scoreboard notify`), and which days are
//! working days in Brussels.
//!
//! A reminder is a **step** of a deadline: the step is part of the key of the message that carries
//! it, so each step is sent once, a run that was missed catches up with the step due at its date
//! (a deadline first seen 20 days ahead gets its 30-day reminder), and a changed deadline starts
//! its steps again.
//!
//! - a transposition deadline: 90, 30 and 7 days ahead (the windows 90–31, 30–8 and 7–0 days),
//!   then once a week while overdue (the ISO week of the date);
//! - a contribution campaign an administration has not answered in full: 7 days ahead (7–0
//!   days), then once a week while late (the ISO week of the date);
//! - a reply to the Commission (a letter of formal notice, a reasoned opinion, an EU Pilot file):
//!   15 and 5 days ahead (15–6 and 5–0 days), then every working day while overdue.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What a deadline asks for, as far as reminders go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReminderKind {
    Transposition,
    /// A reply to the Commission, in an infringement case or an EU Pilot file.
    Reply,
    /// A contribution campaign's answers (`domain::campaign`).
    Campaign,
}

/// The reminder due at `as_of` for a deadline `days_left` days ahead (negative when overdue), as
/// the step's code (`90d`, `30d`, `7d`, `15d`, `5d`, `overdue-2023-W02`, `overdue-2023-01-11`), or
/// `None` when nothing is due: too far ahead, or an overdue reply on a day that is not a working
/// day.
pub fn reminder_step(kind: ReminderKind, days_left: i64, as_of: NaiveDate) -> Option<String> {
    let ahead: &[i64] = match kind {
        ReminderKind::Transposition => &[90, 30, 7],
        ReminderKind::Reply => &[15, 5],
        ReminderKind::Campaign => &[7],
    };
    if days_left >= 0 {
        // The smallest step the deadline is within: 20 days ahead is the 30-day step.
        return ahead
            .iter()
            .rev()
            .find(|&&days| days_left <= days)
            .map(|days| format!("{days}d"));
    }
    match kind {
        ReminderKind::Transposition | ReminderKind::Campaign => {
            let week = as_of.iso_week();
            Some(format!("overdue-{}-W{:02}", week.year(), week.week()))
        }
        ReminderKind::Reply => {
            is_working_day(as_of).then(|| format!("overdue-{}", as_of.format("%Y-%m-%d")))
        }
    }
}

/// Monday to Friday, except the ten legal public holidays of Belgium (New Year's Day, Easter
/// Monday, Labour Day, Ascension Day, Whit Monday, the National Day, Assumption, All Saints' Day,
/// Armistice Day, Christmas). The regional holiday of 8 May (Iris Day) and the days the
/// administrations close besides are not counted: a reminder on those days is one too many, never
/// one missing.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// One of the ten legal public holidays of Belgium.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = [
        (1, 1),
        (5, 1),
        (7, 21),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ];
    if fixed.contains(&(date.month(), date.day())) {
        return true;
    }
    let Some(easter) = easter_sunday(date.year()) else {
        return false;
    };
    [1, 39, 50]
        .iter()
        .any(|&days| easter + Duration::days(days) == date)
}

/// Easter Sunday of the Gregorian calendar (the anonymous algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn transposition_steps_at_each_boundary() {
        let wednesday = d("2023-01-11");
        let cases: &[(i64, Option<&str>)] = &[
            (91, None),
            (90, Some("90d")),
            (31, Some("90d")),
            (30, Some("30d")),
            (8, Some("30d")),
            (7, Some("7d")),
            (0, Some("7d")),
            (-1, Some("overdue-2023-W02")),
            (-400, Some("overdue-2023-W02")),
        ];
        for &(days, step) in cases {
            assert_eq!(
                reminder_step(ReminderKind::Transposition, days, wednesday).as_deref(),
                step,
                "{days} days left"
            );
        }
        // Weekly: the same step all week, a new one on Monday, also on a weekend.
        let step = |date| reminder_step(ReminderKind::Transposition, -3, d(date));
        assert_eq!(step("2023-01-15"), step("2023-01-09"));
        assert_ne!(step("2023-01-16"), step("2023-01-15"));
        assert_eq!(step("2023-01-01").as_deref(), Some("overdue-2022-W52"));
    }

    #[test]
    fn campaign_steps_a_week_ahead_then_weekly() {
        let step = |days, date| reminder_step(ReminderKind::Campaign, days, d(date));
        assert_eq!(step(8, "2023-01-11"), None);
        assert_eq!(step(7, "2023-01-11").as_deref(), Some("7d"));
        assert_eq!(step(0, "2023-01-11").as_deref(), Some("7d"));
        assert_eq!(step(-1, "2023-01-11").as_deref(), Some("overdue-2023-W02"));
        assert_eq!(step(-5, "2023-01-15").as_deref(), Some("overdue-2023-W02"));
        assert_eq!(step(-6, "2023-01-16").as_deref(), Some("overdue-2023-W03"));
    }

    #[test]
    fn reply_steps_at_each_boundary_and_working_days() {
        let wednesday = d("2023-01-11");
        let cases: &[(i64, Option<&str>)] = &[
            (16, None),
            (15, Some("15d")),
            (6, Some("15d")),
            (5, Some("5d")),
            (0, Some("5d")),
            (-1, Some("overdue-2023-01-11")),
        ];
        for &(days, step) in cases {
            assert_eq!(
                reminder_step(ReminderKind::Reply, days, wednesday).as_deref(),
                step,
                "{days} days left"
            );
        }
        // Ahead of the deadline the weekend does not matter; overdue, it does.
        assert_eq!(
            reminder_step(ReminderKind::Reply, 5, d("2023-01-14")).as_deref(),
            Some("5d")
        );
        for holiday in ["2023-01-14", "2023-01-15", "2023-04-10", "2023-12-25"] {
            assert_eq!(
                reminder_step(ReminderKind::Reply, -2, d(holiday)),
                None,
                "{holiday}"
            );
        }
    }

    #[test]
    fn belgian_public_holidays() {
        // Easter Sunday of known years.
        for (year, easter) in [
            (2021, "2021-04-04"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(year), Some(d(easter)), "{year}");
        }
        // 2025: Easter Monday 21 April, Ascension 29 May, Whit Monday 9 June.
        for holiday in [
            "2025-01-01",
            "2025-04-21",
            "2025-05-01",
            "2025-05-29",
            "2025-06-09",
            "2025-07-21",
            "2025-08-15",
            "2025-11-11",
            "2025-12-25",
        ] {
            assert!(is_public_holiday(d(holiday)), "{holiday}");
            assert!(!is_working_day(d(holiday)), "{holiday}");
        }
        for day in ["2025-04-22", "2025-05-08", "2025-05-30", "2025-12-26"] {
            assert!(is_working_day(d(day)), "{day}");
        }
        assert!(!is_working_day(d("2025-06-07")), "a Saturday");
    }
}
