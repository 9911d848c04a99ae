//! The sections both outputs show, derived once from the view: counts by status, the next
//! deadlines, what is overdue or due soon, and the same per authority.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::{Delay, Status, add_months};

use super::tone::{days_left, is_done};
use super::{DirectiveLine, ScoreboardView};

/// "Due within 6 months".
const DUE_SOON_MONTHS: u32 = 6;
/// How many deadlines the summary lists.
const NEXT_DEADLINES: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Lead,
    Associated,
}

impl Role {
    pub(super) fn code(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Associated => "associated",
        }
    }
}

/// The directives one authority has overdue or due within six months; `name` None gathers the
/// directives nobody leads.
pub(super) struct AuthorityGroup<'a> {
    pub(super) name: Option<&'a str>,
    pub(super) rows: Vec<(Role, &'a DirectiveLine)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DeadlineKind {
    Transposition,
    CaseReply,
    PilotReply,
}

impl DeadlineKind {
    pub(super) fn code(self) -> &'static str {
        match self {
            DeadlineKind::Transposition => "transposition",
            DeadlineKind::CaseReply => "case-reply",
            DeadlineKind::PilotReply => "pilot-reply",
        }
    }
}

pub(super) struct NextDeadline<'a> {
    pub(super) date: NaiveDate,
    pub(super) kind: DeadlineKind,
    pub(super) reference: &'a str,
    pub(super) title: Option<&'a str>,
}

/// The sections both outputs show, derived from the view.
pub(super) struct Sections<'a> {
    /// (status code, a status of that kind, count), in the order of [`STATUS_ORDER`], without zeros.
    pub(super) status_counts: Vec<(Status, usize)>,
    pub(super) next_deadlines: Vec<NextDeadline<'a>>,
    pub(super) overdue: Vec<&'a DirectiveLine>,
    pub(super) due_soon: Vec<&'a DirectiveLine>,
    pub(super) authorities: Vec<AuthorityGroup<'a>>,
}

const ZERO: Delay = Delay { days: 0, months: 0 };
/// One status of each kind, in the order the summary counts them (worst first).
pub(super) const STATUS_ORDER: [Status; 7] = [
    Status::Overdue { delay: ZERO },
    Status::PartiallyTransposed { delay: ZERO },
    Status::NotYetDue { days_left: 0 },
    Status::TransposedLate { delay: ZERO },
    Status::TransposedOnTime,
    Status::NoDeadline,
    Status::NotConcerned,
];

impl<'a> Sections<'a> {
    pub(super) fn of(view: &'a ScoreboardView) -> Sections<'a> {
        let as_of = view.as_of;
        let mut overdue: Vec<&DirectiveLine> = view
            .directives
            .iter()
            .filter(|d| d.status.is_outstanding())
            .collect();
        overdue.sort_by_key(|d| days_left(d).unwrap_or(0));
        let mut due_soon: Vec<&DirectiveLine> = view
            .directives
            .iter()
            .filter(|d| is_due_soon(d, as_of))
            .collect();
        due_soon.sort_by_key(|d| d.next_deadline);
        let authorities = authorities(overdue.iter().chain(due_soon.iter()).copied());
        Sections {
            status_counts: status_counts(view),
            next_deadlines: next_deadlines(view),
            overdue,
            due_soon,
            authorities,
        }
    }
}

fn status_counts(view: &ScoreboardView) -> Vec<(Status, usize)> {
    STATUS_ORDER
        .iter()
        .map(|s| {
            (
                *s,
                view.directives
                    .iter()
                    .filter(|d| d.status.code() == s.code())
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The first [`NEXT_DEADLINES`] deadlines from the view's date on: transpositions, then the
/// replies of cases and EU Pilots not yet sent, in date order.
fn next_deadlines(view: &ScoreboardView) -> Vec<NextDeadline<'_>> {
    let mut next_deadlines: Vec<NextDeadline> = Vec::new();
    // Every deadline to come of a directive not yet transposed, including the later deadline of
    // one already overdue on an earlier one.
    for d in view
        .directives
        .iter()
        .filter(|d| !is_done(&d.status) && d.status != Status::NotConcerned)
    {
        let mut dates: Vec<NaiveDate> =
            d.deadlines.iter().copied().chain(d.next_deadline).collect();
        dates.sort();
        dates.dedup();
        for date in dates {
            next_deadlines.push(NextDeadline {
                date,
                kind: DeadlineKind::Transposition,
                reference: d.number.as_str(),
                title: d.title.as_deref(),
            });
        }
    }
    for c in &view.cases {
        if let (Some(date), None) = (c.reply_deadline, c.reply_sent_on) {
            next_deadlines.push(NextDeadline {
                date,
                kind: DeadlineKind::CaseReply,
                reference: c.number.as_str(),
                title: c.title.as_deref(),
            });
        }
    }
    for p in &view.pilots {
        if let (Some(date), None) = (p.reply_deadline, p.reply_sent_on) {
            next_deadlines.push(NextDeadline {
                date,
                kind: DeadlineKind::PilotReply,
                reference: p.number.as_str(),
                title: p.subject.as_deref(),
            });
        }
    }
    next_deadlines.retain(|n| n.date >= view.as_of);
    next_deadlines.sort_by_key(|n| n.date);
    next_deadlines.truncate(NEXT_DEADLINES);
    next_deadlines
}

fn is_due_soon(d: &DirectiveLine, as_of: NaiveDate) -> bool {
    let horizon = add_months(as_of, DUE_SOON_MONTHS);
    matches!(d.status, Status::NotYetDue { .. })
        && d.next_deadline.is_some_and(|n| as_of <= n && n <= horizon)
}

/// The directives of `listed` under every authority that leads or is associated with them (those
/// nobody leads under `None`, last), each group soonest first.
fn authorities<'a>(listed: impl Iterator<Item = &'a DirectiveLine>) -> Vec<AuthorityGroup<'a>> {
    let mut by_name: BTreeMap<(u8, String), AuthorityGroup> = BTreeMap::new();
    for d in listed {
        let mut roles: Vec<(Option<&str>, Role)> = Vec::new();
        roles.extend(d.lead.as_deref().map(|l| (Some(l), Role::Lead)));
        roles.extend(
            d.associated
                .iter()
                .map(|a| (Some(a.as_str()), Role::Associated)),
        );
        if d.lead.is_none() {
            roles.push((None, Role::Lead));
        }
        for (name, role) in roles {
            // Unassigned last; authorities in alphabetical order whatever their case.
            let key = name.map_or((1, String::new()), |n| (0, n.to_lowercase()));
            by_name
                .entry(key)
                .or_insert_with(|| AuthorityGroup {
                    name,
                    rows: Vec::new(),
                })
                .rows
                .push((role, d));
        }
    }
    let mut authorities: Vec<AuthorityGroup> = by_name.into_values().collect();
    for group in &mut authorities {
        group
            .rows
            .sort_by_key(|(_, d)| days_left(d).unwrap_or(i64::MAX));
    }
    authorities
}
