//! The period of the annual report to the Brussels Parliament: report year Y runs from 1 October
//! Y-1 to 30 September Y, both days included.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Report year `year`: 1 October `year - 1` to 30 September `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub year: i32,
}

impl ReportPeriod {
    pub fn new(year: i32) -> ReportPeriod {
        ReportPeriod { year }
    }

    /// 1 October of the year before (the earliest date chrono knows for absurd years).
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year.saturating_sub(1), 10, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 30 September of the year (the latest date chrono knows for absurd years).
    pub fn end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 9, 30).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.end()
    }

    /// The period a date falls in: 1 October 2020 -> 2021, 30 September 2021 -> 2021.
    pub fn for_date(d: NaiveDate) -> ReportPeriod {
        let year = if d.month() >= 10 {
            d.year() + 1
        } else {
            d.year()
        };
        ReportPeriod { year }
    }

    pub fn previous(&self) -> ReportPeriod {
        ReportPeriod {
            year: self.year.saturating_sub(1),
        }
    }

    pub fn next(&self) -> ReportPeriod {
        ReportPeriod {
            year: self.year.saturating_add(1),
        }
    }

    /// The last period entirely over before `today`: on 30/09/2026 the 2026 period is still
    /// running, so it is 2025; from 1/10/2026 it is 2026.
    pub fn latest_complete(today: NaiveDate) -> ReportPeriod {
        ReportPeriod::for_date(today).previous()
    }

    /// "1er octobre 2020 – 30 septembre 2021", "1 oktober 2020 – 30 september 2021".
    pub fn label(&self, lang: Lang) -> String {
        format!(
            "{} – {}",
            lang.format_date(self.start()),
            lang.format_date(self.end())
        )
    }
}

impl fmt::Display for ReportPeriod {
    /// The report year alone: "2021".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn check_for_date(d: NaiveDate, expected: i32) {
        assert_eq!(ReportPeriod::for_date(d).year, expected, "period of {d}");
        assert!(
            ReportPeriod::for_date(d).contains(d),
            "period of {d} contains it"
        );
    }

    #[test]
    fn period_of_a_date() {
        check_for_date(date(2020, 10, 1), 2021);
        check_for_date(date(2020, 9, 30), 2020);
        check_for_date(date(2021, 9, 30), 2021);
        check_for_date(date(2021, 10, 1), 2022);
        check_for_date(date(2021, 1, 1), 2021);
        check_for_date(date(2020, 12, 31), 2021);
        check_for_date(date(2024, 2, 29), 2024);
    }

    #[test]
    fn bounds() {
        let p = ReportPeriod::new(2021);
        assert_eq!(p.start(), date(2020, 10, 1));
        assert_eq!(p.end(), date(2021, 9, 30));
        assert!(p.contains(date(2020, 10, 1)));
        assert!(p.contains(date(2021, 9, 30)));
        assert!(!p.contains(date(2020, 9, 30)));
        assert!(!p.contains(date(2021, 10, 1)));
        assert_eq!(p.previous(), ReportPeriod::new(2020));
        assert_eq!(p.next(), ReportPeriod::new(2022));
        assert_eq!(p.previous().end().succ_opt(), Some(p.start()));
        assert_eq!(ReportPeriod::new(i32::MAX).end(), NaiveDate::MAX);
        assert_eq!(ReportPeriod::new(i32::MIN).start(), NaiveDate::MIN);
        assert_eq!(
            ReportPeriod::new(i32::MIN).previous(),
            ReportPeriod::new(i32::MIN)
        );
        assert_eq!(p.to_string(), "2021");
    }

    fn check_latest(today: NaiveDate, expected: i32) {
        assert_eq!(
            ReportPeriod::latest_complete(today).year,
            expected,
            "latest complete on {today}"
        );
    }

    #[test]
    fn latest_complete_period() {
        check_latest(date(2026, 11, 29), 2026);
        check_latest(date(2026, 9, 30), 2025);
        check_latest(date(2026, 10, 1), 2026);
        check_latest(date(2027, 9, 29), 2026);
        check_latest(date(2027, 1, 1), 2026);
    }

    #[test]
    fn labels() {
        let p = ReportPeriod::new(2021);
        assert_eq!(p.label(Lang::Fr), "1er octobre 2020 – 30 septembre 2021");
        assert_eq!(p.label(Lang::Nl), "1 oktober 2020 – 30 september 2021");
        assert_eq!(p.label(Lang::En), "1 October 2020 – 30 September 2021");
    }
}
