//! What the unit prints before a meeting and what the euro-coordinators check: `meeting`,
//! `report scoreboard`, `deadlines`, `indicators`, and the EU Pilot cases they show.

use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use data::code::MeetingKind;
use domain::Lang;
use domain::indicators::{Indicators, next_cutoffs};
use serde_json::json;

use super::directive::opt_date;
use super::{Ctx, as_of, parse_date};
use crate::args::{DeadlinesArgs, MeetingCmd, PilotCmd, ScoreboardArgs};
use crate::labels as l;
use crate::table::{Table, clip};
use views::{Deadline, Snapshot};

/// Writes a file whole or not at all: beside it as `NAME.partial`, then renamed; the folder is
/// created if need be, and the `.partial` file is removed if anything fails.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!(
            "cannot write {}: it is a folder; give a file name",
            path.display()
        );
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    }
    let mut partial_name = path.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = path.with_file_name(partial_name);
    let written = std::fs::write(&partial, bytes)
        .with_context(|| format!("cannot write {}", partial.display()))
        .and_then(|()| {
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

pub async fn meeting(ctx: &mut Ctx<'_>, cmd: MeetingCmd) -> anyhow::Result<u8> {
    match cmd {
        MeetingCmd::Add { kind, date, notes } => {
            let held_on = parse_date(&date).context("--date")?;
            let txn = data::begin_write(&ctx.db).await?;
            let m = data::meeting::add_meeting(&txn, &ctx.actor, &kind, held_on, notes).await?;
            txn.commit().await?;
            ctx.print(&format!(
                "meeting {} ({} {}) added\n",
                m.id,
                m.kind,
                ctx.date(m.held_on)
            ))?;
        }
        MeetingCmd::List => {
            let all = data::meeting::meetings(&ctx.db).await?;
            if ctx.json {
                return ctx.print_json(&all).map(|_| crate::EXIT_OK);
            }
            let lang = ctx.lang;
            let mut t = Table::new(&["#", l::KIND.t(lang), l::DATE.t(lang), l::NOTES.t(lang)]);
            for m in &all {
                t.row(vec![
                    m.id.to_string(),
                    meeting_label(m.kind, lang).to_owned(),
                    ctx.date(m.held_on),
                    m.notes.clone().unwrap_or_default(),
                ]);
            }
            ctx.print(&t.render())?;
        }
    }
    Ok(crate::EXIT_OK)
}

pub fn meeting_label(kind: MeetingKind, lang: Lang) -> &'static str {
    match kind {
        MeetingKind::Concertation => l::CONCERTATION.t(lang),
        MeetingKind::Eurocoord => l::EUROCOORD.t(lang),
        MeetingKind::Commission => l::COMMISSION_BILATERAL.t(lang),
        MeetingKind::Correspondents => l::CORRESPONDENTS.t(lang),
    }
}

/// Writes the scoreboard of `snapshot` in `lang` into `out` (XLSX and HTML); returns their paths.
pub fn write_scoreboard(
    view: &report::scoreboard::ScoreboardView,
    out: &Path,
    template: Option<&str>,
    created: chrono::NaiveDateTime,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let stem = format!("scoreboard-{}-{}", view.lang.code(), view.as_of);
    let xlsx = out.join(format!("{stem}.xlsx"));
    write_file(&xlsx, &report::scoreboard::xlsx(view, created)?)?;
    let html = out.join(format!("{stem}.html"));
    write_file(&html, report::scoreboard::html(view, template)?.as_bytes())?;
    Ok(vec![xlsx, html])
}

pub async fn report(ctx: &mut Ctx<'_>, args: ScoreboardArgs) -> anyhow::Result<u8> {
    let ScoreboardArgs {
        as_of: a,
        meeting,
        out,
        template,
    } = args;
    let date = as_of(&a.as_of)?;
    let template = match &template {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the template {}", path.display()))?,
        ),
        None => None,
    };
    let meeting = match meeting {
        Some(id) => Some(data::meeting::meeting(&ctx.db, id).await?),
        None => None,
    };
    let view = views::meeting_view(&ctx.db, date, ctx.lang, meeting.as_ref()).await?;
    let files = write_scoreboard(&view, &out, template.as_deref(), ctx.actor.at.naive_utc())?;
    if let Some(m) = &meeting {
        // What this pack showed, without the comparison, so the next pack compares with it.
        let mut kept = view.clone();
        kept.changes = None;
        let txn = data::begin_write(&ctx.db).await?;
        data::meeting::store_pack(
            &txn,
            &ctx.actor,
            m,
            ctx.lang,
            date,
            serde_json::to_string(&kept)?,
        )
        .await?;
        txn.commit().await?;
    }
    for f in files {
        ctx.print(&format!("→ {}\n", f.display()))?;
    }
    Ok(crate::EXIT_OK)
}

fn within_days(text: &str) -> anyhow::Result<i64> {
    let t = text.trim().trim_end_matches(['d', 'j']);
    t.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .with_context(|| format!("--within \"{text}\": expected a number of days like 60d"))
}

pub async fn deadlines(ctx: &mut Ctx<'_>, a: DeadlinesArgs) -> anyhow::Result<u8> {
    let date = as_of(&a.as_of.as_of)?;
    let within = a.within.as_deref().map(within_days).transpose()?;
    let all = views::deadlines(&ctx.db, date, ctx.lang).await?;
    let authority = match &a.authority {
        Some(text) => {
            let known = data::repo::authorities(&ctx.db).await?;
            Some(data::repo::find_authority(&known, text)?.code.clone())
        }
        None => None,
    };
    let list: Vec<Deadline> = all
        .into_iter()
        .filter(|d| within.is_none_or(|n| d.days_left <= n))
        .filter(|d| {
            authority
                .as_ref()
                .is_none_or(|code| d.authorities.contains(code))
        })
        .collect();
    if let Some(path) = &a.ics {
        write_file(
            path,
            views::calendar(&list, ctx.lang, ctx.actor.at.naive_utc()).as_bytes(),
        )?;
    }
    let overdue = list.iter().filter(|d| d.overdue()).count();
    if ctx.json {
        ctx.print_json(&list)?;
    } else {
        let lang = ctx.lang;
        let mut t = Table::new(&[
            l::DATE.t(lang),
            l::DAYS_LEFT_OR_LATE.t(lang),
            l::KIND.t(lang),
            l::WHAT.t(lang),
            l::LEAD.t(lang),
        ]);
        for d in &list {
            t.row(vec![
                ctx.date(d.date),
                if d.overdue() {
                    format!("{} {}", -d.days_left, l::LATE.t(lang))
                } else {
                    format!("{} {}", d.days_left, l::DAYS.t(lang))
                },
                views::kind_label(d.kind, lang).to_owned(),
                clip(&d.what, 70),
                d.authorities.join(", "),
            ]);
        }
        let head = format!(
            "{} {} — {} {}, {} {}\n",
            l::SITUATION_AT.t(lang),
            lang.format_date(date),
            list.len(),
            l::DEADLINES_WORD.t(lang),
            overdue,
            l::OVERDUE_WORD.t(lang)
        );
        ctx.print(&(head + &t.render()))?;
        if let Some(path) = &a.ics {
            ctx.print(&format!("→ {}\n", path.display()))?;
        }
    }
    Ok(if overdue > 0 {
        crate::EXIT_ATTENTION
    } else {
        crate::EXIT_OK
    })
}

fn indicator_rows(i: &Indicators, lang: Lang) -> Vec<(&'static str, String)> {
    let num = |x: Option<f64>, d: usize| {
        x.map(|x| lang.format_number(x, d))
            .unwrap_or_else(|| "—".into())
    };
    vec![
        (l::IND_CONCERNED.t(lang), i.concerned.to_string()),
        (l::IND_DUE.t(lang), i.due.to_string()),
        (
            l::IND_NOT_NOTIFIED.t(lang),
            i.not_completely_notified.to_string(),
        ),
        (
            l::IND_DEFICIT.t(lang),
            i.deficit_percent
                .map(|x| lang.format_percent(x, 1))
                .unwrap_or_else(|| "—".into()),
        ),
        (l::IND_OVERDUE.t(lang), i.overdue.to_string()),
        (
            l::IND_TWO_YEARS.t(lang),
            i.overdue_two_years_or_more.to_string(),
        ),
        (l::IND_AVG_DELAY.t(lang), num(i.average_delay_months, 1)),
        (l::IND_LISTED.t(lang), i.pending_listed.to_string()),
        (l::IND_TO_TRIAGE.t(lang), i.pending_to_triage.to_string()),
        (l::IND_PENDING.t(lang), i.pending_cases.to_string()),
        (
            l::IND_CONFORMITY.t(lang),
            i.pending_non_conformity.to_string(),
        ),
        (
            l::IND_DURATION.t(lang),
            num(i.average_case_duration_months, 1),
        ),
    ]
}

pub async fn indicators(ctx: &mut Ctx<'_>, date: NaiveDate, forecast: bool) -> anyhow::Result<u8> {
    let snapshot = Snapshot::read(&ctx.db, date).await?;
    let now = snapshot.indicators();
    let forecasts: Vec<(domain::indicators::Cutoff, Indicators)> = if forecast {
        let (facts, planned, cases) = (
            snapshot.directive_facts(),
            snapshot.planned(),
            snapshot.case_facts(),
        );
        next_cutoffs(date, 2)
            .into_iter()
            .map(|c| {
                let i = domain::indicators::forecast(&facts, &planned, &cases, &c);
                (c, i)
            })
            .collect()
    } else {
        Vec::new()
    };
    if ctx.json {
        let f: Vec<_> = forecasts
            .iter()
            .map(|(c, i)| json!({"cutoff": c, "indicators": i}))
            .collect();
        return ctx
            .print_json(&json!({"as_of": date, "indicators": now, "forecast": f}))
            .map(|_| crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let mut header = vec![
        l::INDICATOR.t(lang).to_owned(),
        lang.format_date_short(date),
    ];
    for (c, _) in &forecasts {
        header.push(format!(
            "{} {}",
            l::FORECAST.t(lang),
            lang.format_date_short(c.notifications_until)
        ));
    }
    let mut t = Table::new(&header);
    let columns: Vec<Vec<(&str, String)>> = std::iter::once(indicator_rows(&now, lang))
        .chain(forecasts.iter().map(|(_, i)| indicator_rows(i, lang)))
        .collect();
    for (row, (label, _)) in columns[0].iter().enumerate() {
        let mut cells = vec![label.to_string()];
        cells.extend(columns.iter().map(|c| c[row].1.clone()));
        t.row(cells);
    }
    let mut text = format!("{} {}\n", l::SITUATION_AT.t(lang), lang.format_date(date));
    text.push_str(&t.render());
    for target in &now.targets {
        text.push_str(&format!(
            "{} {}: {}\n",
            l::TARGET.t(lang),
            lang.format_percent(target.percent, 1),
            if target.met {
                l::MET.t(lang)
            } else {
                l::NOT_MET.t(lang)
            }
        ));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

pub async fn pilot(ctx: &mut Ctx<'_>, cmd: PilotCmd) -> anyhow::Result<u8> {
    match cmd {
        PilotCmd::Set {
            number,
            subject,
            received,
            deadline,
            sent,
            outcome,
            lead,
        } => {
            let number = domain::EuPilotNumber::parse(&number)?;
            number.check_plausible(super::today())?;
            let number = number.to_string();
            let lead_authority_id = match &lead {
                Some(text) => Some(
                    data::repo::find_authority(&data::repo::authorities(&ctx.db).await?, text)?.id,
                ),
                None => None,
            };
            let fields = data::meeting::PilotFields {
                subject,
                received_on: opt_date(&received, "received")?,
                reply_deadline: opt_date(&deadline, "deadline")?,
                reply_sent_on: opt_date(&sent, "sent")?,
                outcome,
                lead_authority_id,
            };
            let txn = data::begin_write(&ctx.db).await?;
            let p = data::meeting::set_pilot(&txn, &ctx.actor, &number, &fields).await?;
            txn.commit().await?;
            ctx.print(&format!(
                "EU Pilot {}: {} {}\n",
                p.number,
                l::REPLY_DEADLINE.t(ctx.lang),
                ctx.opt_date(p.reply_deadline)
            ))?;
        }
        PilotCmd::List => {
            let all = data::meeting::pilots(&ctx.db).await?;
            if ctx.json {
                return ctx.print_json(&all).map(|_| crate::EXIT_OK);
            }
            let lang = ctx.lang;
            let mut t = Table::new(&[
                "EU Pilot",
                l::TITLE.t(lang),
                l::DATE.t(lang),
                l::REPLY_DEADLINE.t(lang),
                l::REPLY_SENT.t(lang),
            ]);
            for p in &all {
                t.row(vec![
                    p.number.clone(),
                    clip(p.subject.as_deref().unwrap_or(""), 50),
                    ctx.opt_date(p.received_on),
                    ctx.opt_date(p.reply_deadline),
                    ctx.opt_date(p.reply_sent_on),
                ]);
            }
            ctx.print(&t.render())?;
        }
    }
    Ok(crate::EXIT_OK)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_number_of_days() {
        assert_eq!(super::within_days("60d").unwrap(), 60);
        assert_eq!(super::within_days("60").unwrap(), 60);
        assert_eq!(super::within_days("30j").unwrap(), 30);
        assert!(super::within_days("soon").is_err());
        assert!(super::within_days("-5").is_err());
    }
}
