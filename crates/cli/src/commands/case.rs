//! `scoreboard case list|show`.

use std::collections::HashSet;

use data::code::EventKind;
use data::repo::{self, CaseView};
use domain::{InfringementNumber, Lang};

use anyhow::Context;

use super::directive::{opt_date, yes_no};
use super::{Ctx, as_of};
use crate::args::CaseCmd;
use crate::labels as l;
use crate::table::{Table, clip};

/// Whether a case concerns the Region as the unit said, or "to triage" — with "concerned?" as a
/// suggestion when it is linked to a directive the Region transposes.
pub fn concern(lang: Lang, c: &CaseView, transposed: &HashSet<String>) -> String {
    match c.brussels_concerned {
        Some(b) => l::yes_no(lang, Some(b)).to_owned(),
        None if c.directives.iter().any(|d| transposed.contains(d)) => {
            l::TRIAGE_SUGGEST.t(lang).to_owned()
        }
        None => l::TO_TRIAGE.t(lang).to_owned(),
    }
}

pub fn case_table(lang: Lang, cases: &[&CaseView], transposed: &HashSet<String>) -> Table {
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| lang.format_date_short(d)).unwrap_or_default();
    let mut t = Table::new(&[
        l::CASE.t(lang),
        l::REGION.t(lang),
        l::CASE_TYPE.t(lang),
        l::LAST_DECISION.t(lang),
        l::DATE.t(lang),
        l::NEXT_REPLY.t(lang),
        l::LEAD.t(lang),
        l::TITLE.t(lang),
    ]);
    for c in cases {
        let last = c.last_decision();
        let case_type = c
            .case_type
            .map(|t| t.label(lang).to_owned())
            .unwrap_or_default();
        t.row(vec![
            c.number.clone(),
            concern(lang, c, transposed),
            case_type,
            last.map(|d| d.stage.label(lang)).unwrap_or_default(),
            date(last.map(|d| d.decided_on)),
            date(c.next_reply_deadline()),
            c.lead
                .clone()
                .unwrap_or_else(|| l::TO_ASSIGN.t(lang).to_owned()),
            clip(c.title.as_deref().unwrap_or(""), 60),
        ]);
    }
    t
}

pub async fn run(ctx: &mut Ctx<'_>, cmd: CaseCmd) -> anyhow::Result<u8> {
    match cmd {
        CaseCmd::List { active, as_of: a } => {
            let date = as_of(&a.as_of)?;
            let mut all = repo::cases(&ctx.db, false).await?;
            // A case first decided after the date did not exist yet for the reader at that date.
            all.retain(|c| c.decisions.first().is_none_or(|d| d.decided_on <= date));
            if active {
                all.retain(|c| c.active_at(date));
            }
            if ctx.json {
                ctx.print_json(&all)?;
            } else {
                let refs: Vec<&CaseView> = all.iter().collect();
                let transposed = repo::concerned_celexes(&ctx.db).await?;
                let text = case_table(ctx.lang, &refs, &transposed).render();
                ctx.print(&text)?;
            }
        }
        CaseCmd::Set {
            number,
            brussels,
            lead,
            notes,
        } => {
            let number = case_number(&number)?.to_string();
            let follow = repo::CaseFollowUp {
                brussels_concerned: yes_no(&brussels, "brussels")?,
                lead: lead.map(Some),
                notes,
            };
            let txn = data::begin_write(&ctx.db).await?;
            let model = repo::set_case_follow_up(&txn, &ctx.actor, &number, &follow).await?;
            txn.commit().await?;
            ctx.print(&format!("case {number} is at version {}\n", model.version))?;
        }
        CaseCmd::Reply {
            number,
            decision,
            sent,
            entered,
            deadline,
        } => {
            let number = case_number(&number)?.to_string();
            let decided_on = super::parse_date(&decision).context("--decision")?;
            let txn = data::begin_write(&ctx.db).await?;
            let reply = repo::set_reply(
                &txn,
                &ctx.actor,
                &number,
                decided_on,
                opt_date(&sent, "sent")?,
                opt_date(&entered, "entered")?,
                opt_date(&deadline, "deadline")?,
            )
            .await?;
            txn.commit().await?;
            ctx.print(&format!(
                "case {number}, decision of {}: reply due {}, sent {}, entered {}\n",
                ctx.date(decided_on),
                ctx.date(reply.deadline),
                ctx.opt_date(reply.sent_on),
                ctx.opt_date(reply.entered_on)
            ))?;
        }
        CaseCmd::Show { number } => {
            let number = case_number(&number)?;
            let case = repo::case_view(&ctx.db, &number.to_string()).await?;
            if ctx.json {
                ctx.print_json(&case)?;
            } else {
                let text = show_text(ctx, &case);
                ctx.print(&text)?;
            }
        }
    }
    Ok(crate::EXIT_OK)
}

fn show_text(ctx: &Ctx<'_>, c: &CaseView) -> String {
    let lang = ctx.lang;
    let mut s = String::new();
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            s.push_str(&format!("{label:<22} {value}\n"));
        }
    };
    line(l::CASE.t(lang), format!("{} ({})", c.number, c.country));
    line(l::TITLE.t(lang), c.title.clone().unwrap_or_default());
    line(
        l::CASE_TYPE.t(lang),
        c.case_type
            .map(|t| t.label(lang).to_owned())
            .unwrap_or_default(),
    );
    line("DG", c.department.clone().unwrap_or_default());
    line(l::DIRECTIVES.t(lang), c.directives.join(", "));
    line(
        "Bruxelles / Brussel",
        l::yes_no(lang, c.brussels_concerned).to_owned(),
    );
    line(
        l::LEAD.t(lang),
        c.lead
            .clone()
            .unwrap_or_else(|| l::TO_ASSIGN.t(lang).to_owned()),
    );
    line(
        l::ACTIVE.t(lang),
        l::yes_no(lang, Some(c.active)).to_owned(),
    );
    line(l::NOTES.t(lang), c.notes.clone().unwrap_or_default());
    s.push_str(&format!("\n{}\n", l::DECISIONS.t(lang)));
    let mut t = Table::new(&[
        l::DATE.t(lang),
        l::STAGE.t(lang),
        l::REPLY_DEADLINE.t(lang),
        l::REPLY_SENT.t(lang),
        l::REPLY_ENTERED.t(lang),
    ]);
    for d in &c.decisions {
        t.row(vec![
            ctx.date(d.decided_on),
            d.stage.label(lang) + if d.press_release { " (+ CP/PB)" } else { "" },
            ctx.opt_date(d.reply_deadline),
            ctx.opt_date(d.reply_sent_on),
            ctx.opt_date(d.reply_entered_on),
        ]);
    }
    s.push_str(&t.render());
    if !c.events.is_empty() {
        s.push_str(&format!("\n{}\n", l::EVENTS.t(lang)));
        for e in &c.events {
            let key = match e.kind {
                EventKind::Inactive => "cli.event_inactive",
                EventKind::Reopened => "cli.event_reopened",
            };
            s.push_str(&domain::words::fill(
                lang,
                key,
                &[
                    ("from", &ctx.date(e.from_date)),
                    ("to", &ctx.date(e.to_date)),
                ],
            ));
            s.push('\n');
        }
    }
    s
}

/// An infringement number typed by the user, whole, and of a year that can have one.
fn case_number(text: &str) -> anyhow::Result<InfringementNumber> {
    let number = InfringementNumber::parse(text)?;
    number.check_plausible(super::today())?;
    Ok(number)
}
