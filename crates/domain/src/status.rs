//! The transposition status of a directive for Brussels at a date: not concerned, not yet due,
//! transposed on time or late, partially transposed, overdue, with the delay in days and months.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::competence::Competence;
use crate::deadline::add_months;
use crate::lang::Lang;

/// A regional measure as far as the status is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NotifiedMeasure {
    /// When it was notified to the Commission; None while it is not.
    pub notified: Option<NaiveDate>,
    /// Whether it completes the transposition.
    pub completes: bool,
}

/// What the status of a directive depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DirectiveFacts {
    pub competence: Competence,
    /// Transposition deadlines: some directives set several (per article).
    pub deadlines: Vec<NaiveDate>,
    pub measures: Vec<NotifiedMeasure>,
}

/// A delay: days, and whole calendar months as [`add_months`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Delay {
    pub days: i64,
    /// The largest m with `add_months(from, m) <= to`: 5/07/2020 -> 4/09/2020 is 1 month,
    /// -> 5/09/2020 is 2.
    pub months: u32,
}

impl Delay {
    /// The delay from `from` to `to`; zero months (and negative days) when `to` is before `from`.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Delay {
        let days = (to - from).num_days();
        if to <= from {
            return Delay { days, months: 0 };
        }
        let estimate = month_index(to) - month_index(from);
        let mut months = u32::try_from(estimate.max(0)).unwrap_or(0);
        while months > 0 && add_months(from, months) > to {
            months -= 1;
        }
        Delay { days, months }
    }
}

/// Months since year 0, to estimate a difference in months.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// The status of a directive (or of one of its deadlines) for Brussels at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    NotConcerned,
    /// Concerned, but no deadline is known.
    NoDeadline,
    /// The deadline is on or after the date and the transposition is not completely notified.
    NotYetDue {
        days_left: i64,
    },
    /// Completely notified on or before the date and on or before the deadline.
    TransposedOnTime,
    /// Completely notified on or before the date, after the deadline; delay = notification - deadline.
    TransposedLate {
        delay: Delay,
    },
    /// Deadline passed, some measures notified by the date, none completing; delay = date - deadline.
    PartiallyTransposed {
        delay: Delay,
    },
    /// Deadline passed, nothing notified by the date; delay = date - deadline.
    Overdue {
        delay: Delay,
    },
}

impl Status {
    /// `not-concerned`, `no-deadline`, `not-yet-due`, `on-time`, `late`, `partial`, `overdue`.
    pub fn code(&self) -> &'static str {
        match self {
            Status::NotConcerned => "not-concerned",
            Status::NoDeadline => "no-deadline",
            Status::NotYetDue { .. } => "not-yet-due",
            Status::TransposedOnTime => "on-time",
            Status::TransposedLate { .. } => "late",
            Status::PartiallyTransposed { .. } => "partial",
            Status::Overdue { .. } => "overdue",
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                Status::NotConcerned => "status.not_concerned",
                Status::NoDeadline => "status.no_deadline",
                Status::NotYetDue { .. } => "status.not_yet_due",
                Status::TransposedOnTime => "status.transposed_on_time",
                Status::TransposedLate { .. } => "status.transposed_late",
                Status::PartiallyTransposed { .. } => "status.partially_transposed",
                Status::Overdue { .. } => "status.overdue",
            },
        )
    }

    /// Deadline passed and not completely notified: what the Commission counts in the deficit.
    pub fn is_outstanding(&self) -> bool {
        matches!(
            self,
            Status::Overdue { .. } | Status::PartiallyTransposed { .. }
        )
    }

    pub fn delay(&self) -> Option<Delay> {
        match self {
            Status::TransposedLate { delay }
            | Status::PartiallyTransposed { delay }
            | Status::Overdue { delay } => Some(*delay),
            _ => None,
        }
    }

    /// How bad the status is, to pick the worst of several deadlines.
    fn severity(&self) -> u8 {
        match self {
            Status::NotConcerned | Status::NoDeadline => 0,
            Status::TransposedOnTime => 1,
            Status::NotYetDue { .. } => 2,
            Status::TransposedLate { .. } => 3,
            Status::PartiallyTransposed { .. } => 4,
            Status::Overdue { .. } => 5,
        }
    }

    /// Compares badness: severity first, then the larger delay, then the nearer deadline.
    fn worse_than(&self, other: &Status) -> bool {
        let key = |s: &Status| {
            let days_left = match s {
                Status::NotYetDue { days_left } => -*days_left,
                _ => 0,
            };
            (s.severity(), s.delay().map_or(0, |d| d.days), days_left)
        };
        key(self) > key(other)
    }
}

/// The status at one deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeadlineStatus {
    pub deadline: NaiveDate,
    pub status: Status,
}

/// The status of a directive for Brussels at `as_of`, overall and at each of its deadlines (in the
/// order given). Measures notified after `as_of` are ignored, so a status at a past date can be
/// reproduced. The deadline day itself still counts as on time. The overall status is the worst:
/// overdue > partially transposed > transposed late > not yet due > transposed on time, and among
/// several of the same kind the largest delay.
pub fn directive_status(facts: &DirectiveFacts, as_of: NaiveDate) -> (Status, Vec<DeadlineStatus>) {
    if facts.competence == Competence::NotConcerned {
        let each = facts.deadlines.iter().map(|&deadline| DeadlineStatus {
            deadline,
            status: Status::NotConcerned,
        });
        return (Status::NotConcerned, each.collect());
    }
    let notified: Vec<(NaiveDate, bool)> = facts
        .measures
        .iter()
        .filter_map(|m| m.notified.filter(|d| *d <= as_of).map(|d| (d, m.completes)))
        .collect();
    let completed = notified
        .iter()
        .filter(|(_, completes)| *completes)
        .map(|(d, _)| *d)
        .min();
    let any_notified = !notified.is_empty();
    let each: Vec<DeadlineStatus> = facts
        .deadlines
        .iter()
        .map(|&deadline| DeadlineStatus {
            deadline,
            status: status_at(deadline, completed, any_notified, as_of),
        })
        .collect();
    let overall = each
        .iter()
        .map(|d| d.status)
        .reduce(|worst, s| if s.worse_than(&worst) { s } else { worst })
        .unwrap_or(Status::NoDeadline);
    (overall, each)
}

fn status_at(
    deadline: NaiveDate,
    completed: Option<NaiveDate>,
    any_notified: bool,
    as_of: NaiveDate,
) -> Status {
    match completed {
        Some(done) if done <= deadline => Status::TransposedOnTime,
        Some(done) => Status::TransposedLate {
            delay: Delay::between(deadline, done),
        },
        None if deadline >= as_of => Status::NotYetDue {
            days_left: (deadline - as_of).num_days(),
        },
        None if any_notified => Status::PartiallyTransposed {
            delay: Delay::between(deadline, as_of),
        },
        None => Status::Overdue {
            delay: Delay::between(deadline, as_of),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn delay(days: i64, months: u32) -> Delay {
        Delay { days, months }
    }

    fn check_delay(from: NaiveDate, to: NaiveDate, expected: Delay) {
        assert_eq!(Delay::between(from, to), expected, "{from} -> {to}");
    }

    #[test]
    fn delays() {
        check_delay(date(2020, 7, 5), date(2020, 9, 4), delay(61, 1));
        check_delay(date(2020, 7, 5), date(2020, 9, 5), delay(62, 2));
        check_delay(date(2020, 7, 5), date(2020, 7, 5), delay(0, 0));
        check_delay(date(2020, 7, 5), date(2020, 7, 6), delay(1, 0));
        check_delay(date(2020, 7, 5), date(2020, 7, 4), delay(-1, 0));
        // Month ends, consistent with add_months: 31/01 + 1 month is the last day of February.
        check_delay(date(2024, 1, 31), date(2024, 2, 28), delay(28, 0));
        check_delay(date(2024, 1, 31), date(2024, 2, 29), delay(29, 1));
        check_delay(date(2024, 1, 31), date(2024, 3, 1), delay(30, 1));
        check_delay(date(2021, 1, 31), date(2021, 2, 27), delay(27, 0));
        check_delay(date(2021, 1, 31), date(2021, 2, 28), delay(28, 1));
        check_delay(date(2021, 1, 31), date(2021, 3, 30), delay(58, 1));
        check_delay(date(2021, 1, 31), date(2021, 3, 31), delay(59, 2));
        check_delay(date(2021, 3, 31), date(2021, 4, 30), delay(30, 1));
        check_delay(date(2021, 4, 30), date(2021, 5, 30), delay(30, 1));
        check_delay(date(2021, 4, 30), date(2021, 5, 29), delay(29, 0));
        // 29 February.
        check_delay(date(2024, 2, 29), date(2025, 2, 28), delay(365, 12));
        check_delay(date(2024, 2, 29), date(2025, 3, 1), delay(366, 12));
        check_delay(date(2024, 2, 29), date(2025, 2, 27), delay(364, 11));
        // Two years, the Commission's threshold.
        check_delay(date(2022, 11, 30), date(2024, 11, 30), delay(731, 24));
        check_delay(date(2022, 11, 30), date(2024, 11, 29), delay(730, 23));
        check_delay(date(2020, 12, 31), date(2021, 12, 31), delay(365, 12));
    }

    #[test]
    fn delay_months_match_add_months() {
        let from = date(2023, 1, 31);
        let mut to = from;
        for _ in 0..800 {
            let d = Delay::between(from, to);
            assert!(add_months(from, d.months) <= to, "{to}");
            assert!(add_months(from, d.months + 1) > to, "{to}");
            to = to.succ_opt().unwrap_or(to);
        }
    }

    fn measure(notified: Option<NaiveDate>, completes: bool) -> NotifiedMeasure {
        NotifiedMeasure {
            notified,
            completes,
        }
    }

    fn facts(deadlines: &[NaiveDate], measures: &[NotifiedMeasure]) -> DirectiveFacts {
        DirectiveFacts {
            competence: Competence::Exclusive,
            deadlines: deadlines.to_vec(),
            measures: measures.to_vec(),
        }
    }

    fn check(facts: &DirectiveFacts, as_of: NaiveDate, expected: Status) {
        let (overall, each) = directive_status(facts, as_of);
        assert_eq!(overall, expected, "at {as_of}: {facts:?}");
        assert_eq!(each.len(), facts.deadlines.len());
    }

    const DEADLINE: (i32, u32, u32) = (2021, 6, 30);

    fn deadline() -> NaiveDate {
        date(DEADLINE.0, DEADLINE.1, DEADLINE.2)
    }

    #[test]
    fn nothing_notified() {
        let f = facts(&[deadline()], &[]);
        check(&f, date(2021, 6, 1), Status::NotYetDue { days_left: 29 });
        check(&f, date(2021, 6, 30), Status::NotYetDue { days_left: 0 });
        check(&f, date(2021, 7, 1), Status::Overdue { delay: delay(1, 0) });
        check(
            &f,
            date(2021, 7, 30),
            Status::Overdue {
                delay: delay(30, 1),
            },
        );
        check(
            &f,
            date(2023, 6, 30),
            Status::Overdue {
                delay: delay(730, 24),
            },
        );
        let unnotified = facts(&[deadline()], &[measure(None, true)]);
        check(
            &unnotified,
            date(2021, 7, 1),
            Status::Overdue { delay: delay(1, 0) },
        );
    }

    #[test]
    fn complete_notification() {
        let on_deadline = facts(&[deadline()], &[measure(Some(deadline()), true)]);
        check(&on_deadline, date(2021, 6, 30), Status::TransposedOnTime);
        check(
            &on_deadline,
            date(2021, 6, 29),
            Status::NotYetDue { days_left: 1 },
        );
        check(&on_deadline, date(2025, 1, 1), Status::TransposedOnTime);
        let early = facts(&[deadline()], &[measure(Some(date(2021, 3, 1)), true)]);
        check(&early, date(2021, 4, 1), Status::TransposedOnTime);
        let late = facts(&[deadline()], &[measure(Some(date(2021, 7, 1)), true)]);
        check(
            &late,
            date(2021, 7, 1),
            Status::TransposedLate { delay: delay(1, 0) },
        );
        check(
            &late,
            date(2024, 1, 1),
            Status::TransposedLate { delay: delay(1, 0) },
        );
        check(&late, date(2021, 6, 30), Status::NotYetDue { days_left: 0 });
        let much_later = facts(&[deadline()], &[measure(Some(date(2021, 9, 30)), true)]);
        check(
            &much_later,
            date(2022, 1, 1),
            Status::TransposedLate {
                delay: delay(92, 3),
            },
        );
    }

    #[test]
    fn measures_notified_after_the_date_are_ignored() {
        let f = facts(&[deadline()], &[measure(Some(date(2021, 8, 1)), true)]);
        check(
            &f,
            date(2021, 7, 31),
            Status::Overdue {
                delay: delay(31, 1),
            },
        );
        check(
            &f,
            date(2021, 8, 1),
            Status::TransposedLate {
                delay: delay(32, 1),
            },
        );
        let partial_later = facts(&[deadline()], &[measure(Some(date(2021, 8, 1)), false)]);
        check(
            &partial_later,
            date(2021, 7, 31),
            Status::Overdue {
                delay: delay(31, 1),
            },
        );
        check(
            &partial_later,
            date(2021, 8, 1),
            Status::PartiallyTransposed {
                delay: delay(32, 1),
            },
        );
    }

    #[test]
    fn partial_notification() {
        let f = facts(&[deadline()], &[measure(Some(date(2021, 5, 1)), false)]);
        check(&f, date(2021, 6, 30), Status::NotYetDue { days_left: 0 });
        check(
            &f,
            date(2021, 7, 1),
            Status::PartiallyTransposed { delay: delay(1, 0) },
        );
        let completed_later = facts(
            &[deadline()],
            &[
                measure(Some(date(2021, 5, 1)), false),
                measure(Some(date(2022, 1, 10)), true),
            ],
        );
        check(
            &completed_later,
            date(2022, 1, 9),
            Status::PartiallyTransposed {
                delay: delay(193, 6),
            },
        );
        check(
            &completed_later,
            date(2022, 1, 10),
            Status::TransposedLate {
                delay: delay(194, 6),
            },
        );
    }

    #[test]
    fn completion_is_the_earliest_completing_measure() {
        let f = facts(
            &[deadline()],
            &[
                measure(Some(date(2021, 9, 1)), true),
                measure(Some(date(2021, 6, 15)), true),
                measure(None, true),
            ],
        );
        check(&f, date(2022, 1, 1), Status::TransposedOnTime);
        check(&f, date(2021, 6, 14), Status::NotYetDue { days_left: 16 });
    }

    #[test]
    fn leap_day_deadline() {
        let f = facts(&[date(2024, 2, 29)], &[]);
        check(&f, date(2024, 2, 29), Status::NotYetDue { days_left: 0 });
        check(&f, date(2024, 3, 1), Status::Overdue { delay: delay(1, 0) });
        check(
            &f,
            date(2025, 2, 28),
            Status::Overdue {
                delay: delay(365, 12),
            },
        );
        check(
            &f,
            date(2025, 3, 1),
            Status::Overdue {
                delay: delay(366, 12),
            },
        );
    }

    #[test]
    fn month_end_deadline() {
        let f = facts(&[date(2024, 1, 31)], &[]);
        check(
            &f,
            date(2024, 2, 28),
            Status::Overdue {
                delay: delay(28, 0),
            },
        );
        check(
            &f,
            date(2024, 2, 29),
            Status::Overdue {
                delay: delay(29, 1),
            },
        );
        check(
            &f,
            date(2024, 3, 1),
            Status::Overdue {
                delay: delay(30, 1),
            },
        );
        let two_years = facts(&[date(2022, 11, 30)], &[]);
        check(
            &two_years,
            date(2024, 11, 30),
            Status::Overdue {
                delay: delay(731, 24),
            },
        );
    }

    #[test]
    fn competence() {
        let mut f = facts(&[deadline()], &[]);
        f.competence = Competence::NotConcerned;
        let (overall, each) = directive_status(&f, date(2022, 1, 1));
        assert_eq!(overall, Status::NotConcerned);
        assert_eq!(
            each,
            [DeadlineStatus {
                deadline: deadline(),
                status: Status::NotConcerned
            }]
        );
        f.competence = Competence::ToBeDetermined;
        check(&f, date(2021, 7, 1), Status::Overdue { delay: delay(1, 0) });
        f.competence = Competence::Shared;
        check(&f, date(2021, 7, 1), Status::Overdue { delay: delay(1, 0) });
        check(&facts(&[], &[]), date(2021, 7, 1), Status::NoDeadline);
        check(
            &facts(&[], &[measure(Some(date(2021, 1, 1)), true)]),
            date(2021, 7, 1),
            Status::NoDeadline,
        );
    }

    #[test]
    fn several_deadlines() {
        let first = date(2021, 6, 30);
        let second = date(2022, 12, 31);
        let f = facts(&[first, second], &[]);
        let (overall, each) = directive_status(&f, date(2021, 7, 10));
        assert_eq!(
            overall,
            Status::Overdue {
                delay: delay(10, 0)
            }
        );
        assert_eq!(
            each,
            [
                DeadlineStatus {
                    deadline: first,
                    status: Status::Overdue {
                        delay: delay(10, 0)
                    }
                },
                DeadlineStatus {
                    deadline: second,
                    status: Status::NotYetDue { days_left: 539 }
                },
            ]
        );
        check(&f, date(2021, 1, 1), Status::NotYetDue { days_left: 180 });
        // Complete notification between the two deadlines: late for the first, on time for the second.
        let g = facts(&[first, second], &[measure(Some(date(2021, 9, 1)), true)]);
        let (overall, each) = directive_status(&g, date(2023, 1, 1));
        assert_eq!(
            overall,
            Status::TransposedLate {
                delay: delay(63, 2)
            }
        );
        assert_eq!(each[1].status, Status::TransposedOnTime);
        // Several overdue: the largest delay wins, whatever the order.
        let h = facts(&[second, first], &[]);
        check(
            &h,
            date(2023, 1, 10),
            Status::Overdue {
                delay: delay(559, 18),
            },
        );
        // Partial beats late, overdue beats partial.
        let p = facts(
            &[date(2021, 1, 1)],
            &[measure(Some(date(2020, 12, 1)), false)],
        );
        check(
            &p,
            date(2021, 2, 1),
            Status::PartiallyTransposed {
                delay: delay(31, 1),
            },
        );
    }

    #[test]
    fn worst_order() {
        let d = delay(5, 0);
        let order = [
            Status::TransposedOnTime,
            Status::NotYetDue { days_left: 3 },
            Status::TransposedLate { delay: d },
            Status::PartiallyTransposed { delay: d },
            Status::Overdue { delay: d },
        ];
        for (i, a) in order.iter().enumerate() {
            for b in &order[i + 1..] {
                assert!(b.worse_than(a), "{b:?} worse than {a:?}");
                assert!(!a.worse_than(b), "{a:?} not worse than {b:?}");
            }
        }
        assert!(Status::Overdue { delay: delay(6, 0) }.worse_than(&Status::Overdue { delay: d }));
        assert!(Status::NotYetDue { days_left: 1 }.worse_than(&Status::NotYetDue { days_left: 3 }));
    }

    #[test]
    fn codes_and_labels() {
        let d = delay(1, 0);
        let all = [
            (
                Status::NotConcerned,
                "not-concerned",
                "non concernée",
                "niet betrokken",
            ),
            (
                Status::NoDeadline,
                "no-deadline",
                "délai inconnu",
                "termijn onbekend",
            ),
            (
                Status::NotYetDue { days_left: 1 },
                "not-yet-due",
                "pas encore échue",
                "nog niet verstreken",
            ),
            (
                Status::TransposedOnTime,
                "on-time",
                "transposée à temps",
                "tijdig omgezet",
            ),
            (
                Status::TransposedLate { delay: d },
                "late",
                "transposée en retard",
                "laattijdig omgezet",
            ),
            (
                Status::PartiallyTransposed { delay: d },
                "partial",
                "partiellement transposée",
                "gedeeltelijk omgezet",
            ),
            (
                Status::Overdue { delay: d },
                "overdue",
                "en retard de transposition",
                "achterstallig",
            ),
        ];
        for (status, code, fr, nl) in all {
            assert_eq!(status.code(), code);
            assert_eq!(status.label(Lang::Fr), fr);
            assert_eq!(status.label(Lang::Nl), nl);
            assert_eq!(
                status.is_outstanding(),
                matches!(code, "partial" | "overdue"),
                "{code}"
            );
            assert_eq!(
                status.delay().is_some(),
                matches!(code, "late" | "partial" | "overdue"),
                "{code}"
            );
        }
        assert_eq!(Status::Overdue { delay: d }.label(Lang::En), "overdue");
        assert_eq!(
            Status::Overdue {
                delay: delay(40, 1)
            }
            .delay(),
            Some(delay(40, 1))
        );
    }
}
