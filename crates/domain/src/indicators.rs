//! The European Commission's Single Market Scoreboard indicators computed for the Region (deficit,
//! overdue directives, delays, pending cases), its cut-offs (December, and the unofficial June round)
//! and the forecast at a cut-off from each directive's planned completion date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::stage::{CaseType, Stage, Step};
use crate::status::{Delay, DirectiveFacts, NotifiedMeasure, Status, directive_status};

/// What the indicators need of an infringement case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CaseFacts {
    pub number: String,
    pub case_type: Option<CaseType>,
    /// The date of its first decision.
    pub opened_on: NaiveDate,
    /// The stage of its latest decision at the date.
    pub stage: Option<Stage>,
    /// Pending at the date.
    pub active: bool,
    /// The unit has not said yet whether the case concerns the Region: shown apart, never counted
    /// for or against it.
    #[serde(default)]
    pub to_triage: bool,
}

/// The European Council's target of 2007: a deficit of at most 1%.
pub const TARGET_EUROPEAN_COUNCIL_2007: f64 = 1.0;
/// The target proposed in the Single Market Act (2011): a deficit of at most 0.5%.
pub const TARGET_SINGLE_MARKET_ACT_2011: f64 = 0.5;

/// Which target: who set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    /// 1%, set by the European Council in 2007.
    EuropeanCouncil2007,
    /// 0.5%, proposed in the Single Market Act (2011).
    SingleMarketAct2011,
}

impl TargetKind {
    /// `european-council-2007`, `single-market-act-2011`.
    pub fn code(&self) -> &'static str {
        match self {
            TargetKind::EuropeanCouncil2007 => "european-council-2007",
            TargetKind::SingleMarketAct2011 => "single-market-act-2011",
        }
    }
}

/// A deficit target and whether the deficit meets it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub kind: TargetKind,
    /// In percent: 1.0 means 1%.
    pub percent: f64,
    /// The deficit is at or below the target (also when nothing is due: nothing is outstanding).
    pub met: bool,
}

/// Pending cases at one step of the procedure; `step` is None for cases whose stage is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepCount {
    pub step: Option<Step>,
    pub count: usize,
}

/// Pending cases of one type; `case_type` is None when the type is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeCount {
    pub case_type: Option<CaseType>,
    pub count: usize,
}

/// The Single Market Scoreboard indicators for the Region at a reference date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicators {
    /// Deadlines on or before this date make a directive due; delays and durations are measured
    /// at this date (the scoreboard's reference date).
    pub deadlines_until: NaiveDate,
    /// Notifications made on or before this date count.
    pub notifications_until: NaiveDate,
    /// Directives the Region is concerned by (competence other than "not concerned").
    pub concerned: usize,
    /// Concerned directives with a deadline on or before `deadlines_until`.
    pub due: usize,
    /// Due directives not completely notified: `overdue + partial`.
    pub not_completely_notified: usize,
    /// Nothing notified.
    pub overdue: usize,
    /// Some measures notified, none completing the transposition.
    pub partial: usize,
    /// The transposition deficit, in percent: `not_completely_notified / due * 100`.
    ///
    /// The denominator is the number of **due** directives (concerned, deadline passed at the
    /// reference date), not every concerned directive: DOMAIN.md ("Rules") defines the deficit as
    /// the "% of due directives not completely notified", as the Commission's Single Market
    /// Scoreboard divides by the directives whose transposition deadline has passed. Directives
    /// not yet due cannot be late, so counting them would dilute the deficit.
    ///
    /// None when no directive is due: 0 / 0 is no percentage, and printing "0 %" would claim a
    /// result where there is nothing to measure. The targets count as met then (nothing is
    /// outstanding).
    pub deficit_percent: Option<f64>,
    /// Not completely notified with a delay of 24 whole months or more (exactly 2 years counts).
    pub overdue_two_years_or_more: usize,
    /// The average delay of the not completely notified directives, in whole calendar months per
    /// directive (as [`Delay`] counts them), averaged; None when none is late.
    pub average_delay_months: Option<f64>,
    /// Pending infringement cases that concern the Region (the unit said so).
    pub pending_cases: usize,
    /// Of those, the ones that are not non-communication cases: non-conformity or bad application
    /// (the register does not tell them apart), the Scoreboard's "conformity deficit" indicator.
    pub pending_non_conformity: usize,
    /// Pending cases of the country the unit has not triaged yet (concern the Region or not).
    pub pending_to_triage: usize,
    /// Every pending case of the country that is not marked as not concerning the Region:
    /// `pending_cases + pending_to_triage`.
    pub pending_listed: usize,
    /// Pending cases by step of their latest decision, in the order of the procedure, unknown last;
    /// only steps with at least one case.
    pub pending_by_step: Vec<StepCount>,
    /// Pending cases by type, in [`CaseType::ALL`] order, unknown last; only types with a case.
    pub pending_by_type: Vec<TypeCount>,
    /// The average time pending cases have been open (first decision to the reference date), in
    /// whole calendar months per case, averaged; None when no case is pending.
    pub average_case_duration_months: Option<f64>,
    /// The 1% and 0.5% targets, in that order.
    pub targets: Vec<Target>,
}

/// The indicators at `as_of`: deadlines on or before `as_of` are due, notifications on or before
/// `as_of` count. A directive whose deadline is `as_of` itself is due (in the denominator) but not
/// late: the deadline day counts as still on time, as in [`directive_status`].
pub fn indicators(
    directives: &[DirectiveFacts],
    cases: &[CaseFacts],
    as_of: NaiveDate,
) -> Indicators {
    compute(directives, cases, as_of, as_of)
}

/// Which of the Commission's rounds a cut-off is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CutoffKind {
    /// The unofficial mid-year round.
    June,
    /// The official Single Market Scoreboard.
    December,
}

/// A Commission cut-off: directives whose deadline falls on or before `deadlines_until` are due;
/// notifications made on or before `notifications_until` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cutoff {
    pub deadlines_until: NaiveDate,
    pub notifications_until: NaiveDate,
    pub kind: CutoffKind,
}

impl Cutoff {
    /// The December scoreboard of `year`: deadlines on or before 30 November, notifications until
    /// 10 December up to 2022 and 5 December from 2023 (DOMAIN.md, "Rules").
    pub fn december(year: i32) -> Cutoff {
        let day = if year <= 2022 { 10 } else { 5 };
        Cutoff {
            deadlines_until: ymd(year, 11, 30),
            notifications_until: ymd(year, 12, day),
            kind: CutoffKind::December,
        }
    }

    /// The unofficial June round of `year`: deadlines on or before 31 May, notifications until
    /// 10 June. The Commission publishes no rule for this round; "about 10 June" is what the
    /// federal coordination works with, and we keep 10 June every year (the December change to
    /// 5 December in 2023 was not announced for June).
    pub fn june(year: i32) -> Cutoff {
        Cutoff {
            deadlines_until: ymd(year, 5, 31),
            notifications_until: ymd(year, 6, 10),
            kind: CutoffKind::June,
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MAX)
}

/// The next `count` cut-offs still open on `after`: those whose notification window has not
/// closed yet (`notifications_until >= after`), in date order. On 5 December 2024 the December
/// 2024 scoreboard is still to come (a notification that day still counts); on 6 December the
/// next one is June 2025.
pub fn next_cutoffs(after: NaiveDate, count: usize) -> Vec<Cutoff> {
    let mut out = Vec::with_capacity(count);
    let mut year = after.year();
    while out.len() < count && year < NaiveDate::MAX.year() {
        for cutoff in [Cutoff::june(year), Cutoff::december(year)] {
            if cutoff.notifications_until >= after && out.len() < count {
                out.push(cutoff);
            }
        }
        year += 1;
    }
    out
}

/// The indicators at a cut-off, forecast as the federal coordination does: each directive with a
/// planned completion date is assumed completely notified on that date (`planned[i]` belongs to
/// `directives[i]`; a missing entry means no plan). A planned date before today counts as kept:
/// the caller clears plans it knows were missed. Cases are taken as they are now and assumed
/// still pending at the cut-off, so their duration is measured at `cutoff.deadlines_until`.
pub fn forecast(
    directives: &[DirectiveFacts],
    planned: &[Option<NaiveDate>],
    cases: &[CaseFacts],
    cutoff: &Cutoff,
) -> Indicators {
    let assumed: Vec<DirectiveFacts> = directives
        .iter()
        .enumerate()
        .map(|(i, facts)| {
            let mut facts = facts.clone();
            if let Some(Some(on)) = planned.get(i) {
                facts.measures.push(NotifiedMeasure {
                    notified: Some(*on),
                    completes: true,
                });
            }
            facts
        })
        .collect();
    compute(
        &assumed,
        cases,
        cutoff.deadlines_until,
        cutoff.notifications_until,
    )
}

/// The one computation behind [`indicators`] and [`forecast`]. A directive is due when one of its
/// deadlines is on or before `deadlines_until`; its status is [`directive_status`] on those
/// deadlines at `notifications_until`, so "outstanding" means exactly what the status rule says.
/// Its delay runs from its earliest due deadline to `deadlines_until`.
fn compute(
    directives: &[DirectiveFacts],
    cases: &[CaseFacts],
    deadlines_until: NaiveDate,
    notifications_until: NaiveDate,
) -> Indicators {
    let concerned: Vec<&DirectiveFacts> = directives
        .iter()
        .filter(|d| d.competence.is_concerned())
        .collect();
    let mut due = 0;
    let mut overdue = 0;
    let mut partial = 0;
    let mut delays: Vec<u32> = Vec::new();
    for facts in &concerned {
        let due_deadlines: Vec<NaiveDate> = facts
            .deadlines
            .iter()
            .copied()
            .filter(|d| *d <= deadlines_until)
            .collect();
        let Some(earliest) = due_deadlines.iter().min().copied() else {
            continue;
        };
        due += 1;
        let judged = DirectiveFacts {
            deadlines: due_deadlines,
            ..(*facts).clone()
        };
        let (status, _) = directive_status(&judged, notifications_until);
        match status {
            Status::Overdue { .. } => overdue += 1,
            Status::PartiallyTransposed { .. } => partial += 1,
            _ => continue,
        }
        delays.push(Delay::between(earliest, deadlines_until).months);
    }
    let not_completely_notified = overdue + partial;
    let deficit_percent = (due > 0).then(|| not_completely_notified as f64 * 100.0 / due as f64);
    let targets = [
        (
            TargetKind::EuropeanCouncil2007,
            TARGET_EUROPEAN_COUNCIL_2007,
        ),
        (
            TargetKind::SingleMarketAct2011,
            TARGET_SINGLE_MARKET_ACT_2011,
        ),
    ]
    .into_iter()
    .map(|(kind, percent)| Target {
        kind,
        percent,
        met: deficit_percent.is_none_or(|d| d <= percent),
    })
    .collect();

    let listed: Vec<&CaseFacts> = cases
        .iter()
        .filter(|c| c.active && c.opened_on <= deadlines_until)
        .collect();
    let pending: Vec<&CaseFacts> = listed.iter().copied().filter(|c| !c.to_triage).collect();
    let mut pending_by_step: Vec<StepCount> = Step::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|step| StepCount {
            step,
            count: pending
                .iter()
                .filter(|c| c.stage.map(|s| s.step) == step)
                .count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    pending_by_step.sort_by_key(|c| c.step.map_or(u8::MAX, |s| s.rank()));
    let pending_by_type = CaseType::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|case_type| TypeCount {
            case_type,
            count: pending.iter().filter(|c| c.case_type == case_type).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let durations: Vec<u32> = pending
        .iter()
        .map(|c| Delay::between(c.opened_on, deadlines_until).months)
        .collect();

    Indicators {
        deadlines_until,
        notifications_until,
        concerned: concerned.len(),
        due,
        not_completely_notified,
        overdue,
        partial,
        deficit_percent,
        overdue_two_years_or_more: delays.iter().filter(|m| **m >= 24).count(),
        average_delay_months: average(&delays),
        pending_cases: pending.len(),
        pending_non_conformity: pending
            .iter()
            .filter(|c| c.case_type != Some(CaseType::NonCommunication))
            .count(),
        pending_to_triage: listed.len() - pending.len(),
        pending_listed: listed.len(),
        pending_by_step,
        pending_by_type,
        average_case_duration_months: average(&durations),
        targets,
    }
}

fn average(months: &[u32]) -> Option<f64> {
    (!months.is_empty())
        .then(|| months.iter().map(|m| f64::from(*m)).sum::<f64>() / months.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competence::Competence;
    use crate::stage::LegalBasis;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// A concerned directive with one deadline and, optionally, a complete (true) or partial
    /// (false) notification on a date.
    fn directive(deadline: NaiveDate, notified: Option<(NaiveDate, bool)>) -> DirectiveFacts {
        DirectiveFacts {
            competence: Competence::Exclusive,
            deadlines: vec![deadline],
            measures: notified
                .map(|(d, completes)| NotifiedMeasure {
                    notified: Some(d),
                    completes,
                })
                .into_iter()
                .collect(),
        }
    }

    /// The directive-side counts: (due, overdue, partial, overdue 2 years or more).
    type Counts = (usize, usize, usize, usize);

    fn counts(i: &Indicators) -> Counts {
        (i.due, i.overdue, i.partial, i.overdue_two_years_or_more)
    }

    fn check(directives: &[DirectiveFacts], as_of: NaiveDate, expected: Counts) {
        let i = indicators(directives, &[], as_of);
        assert_eq!(counts(&i), expected, "at {as_of}: {directives:?}");
        assert_eq!(i.not_completely_notified, i.overdue + i.partial);
    }

    fn check_at(directives: &[DirectiveFacts], cutoff: Cutoff, expected: Counts) {
        let i = forecast(directives, &[], &[], &cutoff);
        assert_eq!(counts(&i), expected, "at {cutoff:?}: {directives:?}");
    }

    #[test]
    fn deadline_day() {
        let d = [directive(date(2021, 6, 30), None)];
        check(&d, date(2021, 6, 29), (0, 0, 0, 0));
        // Due on the day, but the deadline day is still on time.
        check(&d, date(2021, 6, 30), (1, 0, 0, 0));
        check(&d, date(2021, 7, 1), (1, 1, 0, 0));
        let notified_on_the_day = [directive(
            date(2021, 6, 30),
            Some((date(2021, 6, 30), true)),
        )];
        check(&notified_on_the_day, date(2021, 7, 1), (1, 0, 0, 0));
        let partial = [directive(
            date(2021, 6, 30),
            Some((date(2021, 6, 1), false)),
        )];
        check(&partial, date(2021, 7, 1), (1, 0, 1, 0));
        let late = [directive(date(2021, 6, 30), Some((date(2021, 7, 2), true)))];
        check(&late, date(2021, 7, 1), (1, 1, 0, 0));
        check(&late, date(2021, 7, 2), (1, 0, 0, 0));
    }

    #[test]
    fn two_years() {
        let d = [directive(date(2022, 11, 30), None)];
        check(&d, date(2024, 11, 29), (1, 1, 0, 0));
        check(&d, date(2024, 11, 30), (1, 1, 0, 1));
        check(&d, date(2025, 3, 1), (1, 1, 0, 1));
        let partial = [directive(
            date(2022, 11, 30),
            Some((date(2022, 1, 1), false)),
        )];
        check(&partial, date(2024, 11, 30), (1, 0, 1, 1));
        // Leap day: 29/02/2024 + 24 months is 28/02/2026.
        let leap = [directive(date(2024, 2, 29), None)];
        check(&leap, date(2026, 2, 27), (1, 1, 0, 0));
        check(&leap, date(2026, 2, 28), (1, 1, 0, 1));
    }

    #[test]
    fn december_cutoff_deadlines() {
        let cutoff = Cutoff::december(2024);
        check_at(&[directive(date(2024, 11, 30), None)], cutoff, (1, 1, 0, 0));
        check_at(&[directive(date(2024, 12, 1), None)], cutoff, (0, 0, 0, 0));
        // 30/11/2022 is exactly 2 years before the 2024 reference date.
        check_at(&[directive(date(2022, 11, 30), None)], cutoff, (1, 1, 0, 1));
        check_at(&[directive(date(2022, 12, 1), None)], cutoff, (1, 1, 0, 0));
    }

    #[test]
    fn december_cutoff_notifications() {
        let d2022 = Cutoff::december(2022);
        assert_eq!(d2022.notifications_until, date(2022, 12, 10));
        let on = |d: NaiveDate| [directive(date(2022, 11, 30), Some((d, true)))];
        check_at(&on(date(2022, 12, 10)), d2022, (1, 0, 0, 0));
        check_at(&on(date(2022, 12, 11)), d2022, (1, 1, 0, 0));
        let d2023 = Cutoff::december(2023);
        assert_eq!(d2023.notifications_until, date(2023, 12, 5));
        let on = |d: NaiveDate| [directive(date(2023, 6, 1), Some((d, true)))];
        check_at(&on(date(2023, 12, 5)), d2023, (1, 0, 0, 0));
        check_at(&on(date(2023, 12, 6)), d2023, (1, 1, 0, 0));
        // A partial notification in the window makes it partial, not overdue.
        let partial = [directive(
            date(2023, 6, 1),
            Some((date(2023, 12, 4), false)),
        )];
        check_at(&partial, d2023, (1, 0, 1, 0));
    }

    #[test]
    fn june_cutoff() {
        let june = Cutoff::june(2025);
        assert_eq!(
            (june.deadlines_until, june.notifications_until),
            (date(2025, 5, 31), date(2025, 6, 10))
        );
        check_at(&[directive(date(2025, 5, 31), None)], june, (1, 1, 0, 0));
        check_at(&[directive(date(2025, 6, 1), None)], june, (0, 0, 0, 0));
        check_at(
            &[directive(
                date(2025, 5, 31),
                Some((date(2025, 6, 10), true)),
            )],
            june,
            (1, 0, 0, 0),
        );
        check_at(
            &[directive(
                date(2025, 5, 31),
                Some((date(2025, 6, 11), true)),
            )],
            june,
            (1, 1, 0, 0),
        );
    }

    #[test]
    fn deficit() {
        let as_of = date(2024, 1, 1);
        let none_due = indicators(&[directive(date(2025, 1, 1), None)], &[], as_of);
        assert_eq!(none_due.deficit_percent, None);
        assert_eq!(none_due.concerned, 1);
        assert_eq!(none_due.average_delay_months, None);
        assert!(none_due.targets.iter().all(|t| t.met));
        assert_eq!(indicators(&[], &[], as_of).deficit_percent, None);

        let mut many: Vec<DirectiveFacts> = (0..199)
            .map(|_| directive(date(2023, 1, 1), Some((date(2022, 12, 1), true))))
            .collect();
        many.push(directive(date(2023, 1, 1), None));
        let i = indicators(&many, &[], as_of);
        assert_eq!(i.deficit_percent, Some(0.5));
        assert_eq!(
            i.targets
                .iter()
                .map(|t| (t.kind.code(), t.percent, t.met))
                .collect::<Vec<_>>(),
            [
                ("european-council-2007", 1.0, true),
                ("single-market-act-2011", 0.5, true)
            ]
        );
        many[0] = directive(date(2023, 1, 1), None);
        let i = indicators(&many, &[], as_of);
        assert_eq!(i.not_completely_notified, 2);
        assert_eq!(i.deficit_percent, Some(1.0));
        assert_eq!(
            i.targets.iter().map(|t| t.met).collect::<Vec<_>>(),
            [true, false]
        );
        many[1] = directive(date(2023, 1, 1), None);
        let i = indicators(&many, &[], as_of);
        assert_eq!(i.deficit_percent, Some(1.5));
        assert!(i.targets.iter().all(|t| !t.met));
        // Not yet due directives are not in the denominator.
        let mut with_future = many.clone();
        with_future.push(directive(date(2030, 1, 1), None));
        let j = indicators(&with_future, &[], as_of);
        assert_eq!(
            (j.concerned, j.due, j.deficit_percent),
            (i.concerned + 1, i.due, i.deficit_percent)
        );
    }

    #[test]
    fn not_concerned_never_counts() {
        let mut d = directive(date(2020, 1, 1), None);
        d.competence = Competence::NotConcerned;
        let i = indicators(&[d.clone()], &[], date(2024, 1, 1));
        assert_eq!(
            (i.concerned, i.due, i.overdue, i.deficit_percent),
            (0, 0, 0, None)
        );
        let i = forecast(&[d], &[None], &[], &Cutoff::december(2024));
        assert_eq!((i.concerned, i.due, i.overdue), (0, 0, 0));
        let mut tbd = directive(date(2020, 1, 1), None);
        tbd.competence = Competence::ToBeDetermined;
        assert_eq!(indicators(&[tbd], &[], date(2024, 1, 1)).overdue, 1);
    }

    #[test]
    fn no_deadline_and_several_deadlines() {
        let no_deadline = DirectiveFacts {
            competence: Competence::Shared,
            deadlines: vec![],
            measures: vec![],
        };
        let i = indicators(&[no_deadline], &[], date(2024, 1, 1));
        assert_eq!((i.concerned, i.due), (1, 0));
        let two = DirectiveFacts {
            competence: Competence::Exclusive,
            deadlines: vec![date(2025, 1, 1), date(2023, 1, 1)],
            measures: vec![],
        };
        let i = indicators(&[two], &[], date(2024, 1, 1));
        assert_eq!(counts(&i), (1, 1, 0, 0));
        assert_eq!(i.average_delay_months, Some(12.0));
    }

    #[test]
    fn average_delay() {
        let d = [
            directive(date(2023, 1, 1), None),
            directive(date(2023, 7, 1), Some((date(2023, 1, 1), false))),
            directive(date(2023, 1, 1), Some((date(2023, 2, 1), true))),
        ];
        let i = indicators(&d, &[], date(2024, 1, 1));
        assert_eq!(i.average_delay_months, Some(9.0));
    }

    #[test]
    fn forecast_from_planned_dates() {
        let d = [
            directive(date(2025, 3, 1), None),
            directive(date(2025, 3, 1), None),
            directive(date(2025, 3, 1), None),
            directive(date(2025, 3, 1), None),
        ];
        let planned = [Some(date(2025, 6, 10)), Some(date(2025, 6, 11)), None];
        let i = forecast(&d, &planned, &[], &Cutoff::june(2025));
        assert_eq!(counts(&i), (4, 3, 0, 0));
        assert_eq!(i.deficit_percent, Some(75.0));
        let i = forecast(&d, &planned, &[], &Cutoff::december(2025));
        assert_eq!(counts(&i), (4, 2, 0, 0));
        assert_eq!(i.average_delay_months, Some(8.0));
        // The planned date does not change the real indicators.
        assert_eq!(indicators(&d, &[], date(2025, 12, 5)).overdue, 4);
    }

    fn check_cutoffs(after: NaiveDate, expected: &[(NaiveDate, NaiveDate, CutoffKind)]) {
        let got: Vec<_> = next_cutoffs(after, expected.len())
            .iter()
            .map(|c| (c.deadlines_until, c.notifications_until, c.kind))
            .collect();
        assert_eq!(got, expected, "after {after}");
    }

    #[test]
    fn cutoffs() {
        use CutoffKind::{December, June};
        check_cutoffs(
            date(2022, 1, 1),
            &[
                (date(2022, 5, 31), date(2022, 6, 10), June),
                (date(2022, 11, 30), date(2022, 12, 10), December),
                (date(2023, 5, 31), date(2023, 6, 10), June),
                (date(2023, 11, 30), date(2023, 12, 5), December),
            ],
        );
        check_cutoffs(
            date(2022, 12, 10),
            &[(date(2022, 11, 30), date(2022, 12, 10), December)],
        );
        check_cutoffs(
            date(2022, 12, 11),
            &[(date(2023, 5, 31), date(2023, 6, 10), June)],
        );
        check_cutoffs(
            date(2024, 12, 5),
            &[(date(2024, 11, 30), date(2024, 12, 5), December)],
        );
        check_cutoffs(
            date(2024, 12, 6),
            &[(date(2025, 5, 31), date(2025, 6, 10), June)],
        );
        check_cutoffs(
            date(2025, 6, 10),
            &[(date(2025, 5, 31), date(2025, 6, 10), June)],
        );
        check_cutoffs(
            date(2025, 6, 11),
            &[(date(2025, 11, 30), date(2025, 12, 5), December)],
        );
        assert!(next_cutoffs(date(2025, 1, 1), 0).is_empty());
        assert_eq!(next_cutoffs(date(2025, 1, 1), 7).len(), 7);
    }

    fn case(
        number: &str,
        case_type: Option<CaseType>,
        opened_on: NaiveDate,
        step: Option<Step>,
        active: bool,
    ) -> CaseFacts {
        CaseFacts {
            number: number.to_string(),
            case_type,
            opened_on,
            stage: step.map(|s| Stage::new(s, Some(LegalBasis::Art258))),
            active,
            to_triage: false,
        }
    }

    #[test]
    fn cases() {
        use CaseType::{BadApplication, NonCommunication, NonConformity};
        let as_of = date(2024, 6, 30);
        let c = [
            case(
                "INFR(2022)2001",
                Some(NonConformity),
                date(2022, 6, 30),
                Some(Step::ReasonedOpinion),
                true,
            ),
            case(
                "INFR(2023)0101",
                Some(NonCommunication),
                date(2023, 12, 31),
                Some(Step::FormalNotice),
                true,
            ),
            case(
                "INFR(2024)2002",
                Some(NonConformity),
                date(2024, 6, 1),
                Some(Step::FormalNotice),
                true,
            ),
            case(
                "INFR(2020)4000",
                Some(BadApplication),
                date(2020, 1, 1),
                Some(Step::Closure),
                false,
            ),
            case("INFR(2024)9999", None, date(2024, 5, 1), None, true),
            // Opened after the date: not pending at it.
            case(
                "INFR(2024)0200",
                Some(NonCommunication),
                date(2024, 7, 1),
                Some(Step::FormalNotice),
                true,
            ),
        ];
        let i = indicators(&[], &c, as_of);
        assert_eq!(i.pending_cases, 4);
        // Not non-communication: non-conformity or bad application, a case of unknown type too.
        assert_eq!(i.pending_non_conformity, 3);
        assert_eq!((i.pending_to_triage, i.pending_listed), (0, 4));
        assert_eq!(
            i.pending_by_step,
            [
                StepCount {
                    step: Some(Step::FormalNotice),
                    count: 2
                },
                StepCount {
                    step: Some(Step::ReasonedOpinion),
                    count: 1
                },
                StepCount {
                    step: None,
                    count: 1
                },
            ]
        );
        assert_eq!(
            i.pending_by_type,
            [
                TypeCount {
                    case_type: Some(NonCommunication),
                    count: 1
                },
                TypeCount {
                    case_type: Some(NonConformity),
                    count: 2
                },
                TypeCount {
                    case_type: None,
                    count: 1
                },
            ]
        );
        // 24 + 6 (31/12 + 6 months is 30/06, the month's last day) + 0 + 1 months.
        assert_eq!(i.average_case_duration_months, Some(7.75));
        // A case the unit has not triaged counts apart, never for the Region.
        let mut triage = c.to_vec();
        triage[0].to_triage = true;
        let t = indicators(&[], &triage, as_of);
        assert_eq!(
            (
                t.pending_cases,
                t.pending_to_triage,
                t.pending_listed,
                t.pending_non_conformity
            ),
            (3, 1, 4, 2)
        );
        assert_eq!(t.pending_by_step.iter().map(|s| s.count).sum::<usize>(), 3);
        let none = indicators(&[], &c[3..4], as_of);
        assert_eq!(
            (none.pending_cases, none.average_case_duration_months),
            (0, None)
        );
        assert!(none.pending_by_step.is_empty());
    }
}
