//! `scoreboard status`: the one-screen overview at a date — what is overdue, what falls due within
//! 60 days, and the open procedures with their next reply deadline.

use chrono::NaiveDate;
use data::repo::{self, CaseView, DirectiveView};
use domain::{Lang, Status};
use serde::Serialize;

use super::Ctx;
use super::case::case_table;
use super::directive::directive_table;
use crate::labels as l;

/// Days ahead that count as "due soon" on the overview.
pub const DUE_SOON_DAYS: i64 = 60;
/// Reply deadlines passed longer ago than this are left to `case list`: the register does not say
/// whether old letters were answered, and the overview must fit on a screen.
pub const REPLY_LOOKBACK_DAYS: i64 = 60;

#[derive(Serialize)]
pub struct Overview {
    pub as_of: NaiveDate,
    pub tracked: usize,
    pub overdue: Vec<DirectiveView>,
    pub due_soon: Vec<DirectiveView>,
    /// Open procedures awaiting a reply whose deadline is recent or to come.
    pub open_cases: Vec<CaseView>,
    /// All open procedures (Brussels concerned or not yet known).
    pub open_total: usize,
    /// Of those, the ones the unit has not triaged yet.
    pub to_triage: usize,
    /// Directives the Region transposes, to suggest which cases concern it.
    #[serde(skip)]
    pub transposed: std::collections::HashSet<String>,
}

/// Reads only what the overview shows: the directives that may be pending (the database leaves
/// out those already transposed), the cases awaiting a recent or coming reply, and counts.
pub async fn overview(db: &data::Db, as_of: NaiveDate) -> anyhow::Result<Overview> {
    let pending = repo::pending_directives(db, as_of).await?;
    let tracked = usize::try_from(repo::directive_count(db).await?)?;
    let mut overdue: Vec<DirectiveView> = pending
        .iter()
        .filter(|v| v.status.is_outstanding())
        .cloned()
        .collect();
    overdue.sort_by_key(|v| std::cmp::Reverse(v.status.delay().map(|d| d.days).unwrap_or(0)));
    let mut due_soon: Vec<DirectiveView> = pending
        .into_iter()
        .filter(
            |v| matches!(v.status, Status::NotYetDue { days_left } if days_left <= DUE_SOON_DAYS),
        )
        .collect();
    due_soon.sort_by_key(|v| v.next_deadline());
    let (open_total, to_triage) = repo::open_case_counts(db, as_of).await?;
    let since = as_of - chrono::Duration::days(REPLY_LOOKBACK_DAYS);
    let mut open_cases: Vec<CaseView> = repo::cases_awaiting_reply(db, Some(since), false)
        .await?
        .into_iter()
        .filter(|c| c.active && c.brussels_concerned != Some(false))
        .filter(|c| c.decisions.first().is_none_or(|d| d.decided_on <= as_of))
        .filter(|c| {
            c.next_reply_deadline()
                .is_some_and(|d| (as_of - d).num_days() <= REPLY_LOOKBACK_DAYS)
        })
        .collect();
    open_cases.sort_by_key(|c| (c.next_reply_deadline(), c.number.clone()));
    let linked: Vec<String> = open_cases
        .iter()
        .flat_map(|c| c.directives.iter().cloned())
        .collect();
    let transposed = repo::concerned_among(db, &linked).await?;
    Ok(Overview {
        as_of,
        tracked,
        overdue,
        due_soon,
        open_cases,
        open_total: usize::try_from(open_total)?,
        to_triage: usize::try_from(to_triage)?,
        transposed,
    })
}

pub fn render(lang: Lang, o: &Overview) -> String {
    let mut s = format!(
        "{} {} — {} {}, {} {}\n",
        l::SITUATION_AT.t(lang),
        lang.format_date(o.as_of),
        o.tracked,
        l::TRACKED.t(lang),
        o.open_total,
        l::OPEN_CASES.t(lang)
    );
    let mut section = |title: &str, count: usize, body: String| {
        s.push_str(&format!("\n{title} ({count})\n"));
        if count == 0 {
            s.push_str(l::NONE.t(lang));
            s.push('\n');
        } else {
            s.push_str(&body);
        }
    };
    let overdue: Vec<&DirectiveView> = o.overdue.iter().collect();
    section(
        l::OVERDUE_TITLE.t(lang),
        overdue.len(),
        directive_table(lang, &overdue).render(),
    );
    let soon: Vec<&DirectiveView> = o.due_soon.iter().collect();
    section(
        l::DUE_SOON_TITLE.t(lang),
        soon.len(),
        directive_table(lang, &soon).render(),
    );
    let cases: Vec<&CaseView> = o.open_cases.iter().collect();
    section(
        l::CASES_TITLE.t(lang),
        cases.len(),
        case_table(lang, &cases, &o.transposed).render(),
    );
    s.push_str(&format!(
        "+ {} {}\n",
        o.open_total - o.open_cases.len(),
        l::OTHER_CASES.t(lang)
    ));
    let concerned = o.open_total - o.to_triage;
    s.push_str(&format!(
        "{} {}: {concerned} {}, {} {} (case set N --brussels yes|no)\n",
        o.open_total,
        l::OPEN_PROCEDURES.t(lang),
        l::CONCERN_REGION.t(lang),
        o.to_triage,
        l::TO_TRIAGE.t(lang),
    ));
    s
}

pub async fn run(ctx: &mut Ctx<'_>, as_of: NaiveDate) -> anyhow::Result<u8> {
    let o = overview(&ctx.db, as_of).await?;
    if ctx.json {
        ctx.print_json(&o)?;
    } else {
        let text = render(ctx.lang, &o);
        ctx.print(&text)?;
    }
    Ok(crate::EXIT_OK)
}
