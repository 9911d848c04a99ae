//! The calendar date in Brussels for a moment in time the caller gives (CET, CEST from the last
//! Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC), so "today" is right around
//! midnight.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    let last = first_next - Duration::days(1);
    let back = last.weekday().num_days_from_sunday();
    debug_assert!(Weekday::Sun.num_days_from_sunday() == 0);
    last - Duration::days(back.into())
}

pub fn brussels_date(now: DateTime<Utc>) -> NaiveDate {
    brussels_time(now).date()
}

/// The wall-clock time in Brussels for a moment in time.
pub fn brussels_time(now: DateTime<Utc>) -> chrono::NaiveDateTime {
    let year = now.year();
    let start = Utc.from_utc_datetime(
        &last_sunday(year, 3)
            .and_hms_opt(1, 0, 0)
            .expect("valid time"),
    );
    let end = Utc.from_utc_datetime(
        &last_sunday(year, 10)
            .and_hms_opt(1, 0, 0)
            .expect("valid time"),
    );
    let offset = if now >= start && now < end { 2 } else { 1 };
    (now + Duration::hours(offset)).naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(utc: &str, expected: &str) {
        let now: DateTime<Utc> = utc.parse().unwrap();
        assert_eq!(brussels_date(now).to_string(), expected, "{utc}");
    }

    #[test]
    fn brussels_midnight_in_winter_and_summer() {
        check("2021-09-30T21:59:59Z", "2021-09-30"); // 23:59:59 CEST
        check("2021-09-30T22:00:00Z", "2021-10-01"); // midnight CEST
        check("2021-12-31T22:59:59Z", "2021-12-31"); // 23:59:59 CET
        check("2021-12-31T23:00:00Z", "2022-01-01");
        check("2021-03-28T00:59:59Z", "2021-03-28"); // before the switch to summer time
        check("2021-10-31T00:30:00Z", "2021-10-31");
        check("2026-11-29T23:30:00Z", "2026-11-30");
    }
}
