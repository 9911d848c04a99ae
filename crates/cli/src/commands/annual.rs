//! `scoreboard report annual`: the Government's report to the Brussels Parliament for a report
//! year, from every directive, case and EU Pilot case the database holds, in French and/or Dutch.

use std::path::{Path, PathBuf};

use anyhow::Context;
use data::repo;
use domain::annual::{
    AnnualCase, AnnualDirective, AnnualMeasure, AnnualPilot, AnnualReply, annual_report,
};
use domain::{Lang, ReportPeriod};
use report::annual::AnnualView;
use serde_json::json;

use super::Ctx;
use super::meetings::write_file;
use crate::commands::today;

/// The report's facts, read from the database, with authority names in `lang`.
pub async fn facts(
    db: &data::Db,
    lang: Lang,
    end: chrono::NaiveDate,
) -> anyhow::Result<(Vec<AnnualDirective>, Vec<AnnualCase>, Vec<AnnualPilot>)> {
    let names: std::collections::HashMap<String, String> = repo::authorities(db)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.code,
                if lang == Lang::Nl {
                    a.name_nl
                } else {
                    a.name_fr
                },
            )
        })
        .collect();
    let name = |code: &String| names.get(code).cloned().unwrap_or_else(|| code.clone());
    let directives = repo::directives(db, end)
        .await?
        .into_iter()
        .map(|v| AnnualDirective {
            celex: v.celex.clone(),
            number: v.number.clone(),
            title_fr: v.title_fr.clone(),
            title_nl: v.title_nl.clone(),
            title_en: v.title_en.clone(),
            competence: v.competence,
            deadlines: v.deadlines.clone(),
            measures: v
                .measures
                .iter()
                .map(|m| AnnualMeasure {
                    title_fr: m.title_fr.clone(),
                    title_nl: m.title_nl.clone(),
                    kind: m.kind.into(),
                    adopted_on: m.adopted_on,
                    notified_on: m.notified_on,
                    completes: m.completes,
                })
                .collect(),
            lead: v.lead.as_ref().map(name),
            planned_text: v.planned_text.clone(),
            risk_reason: v.risk_reason.clone(),
        })
        .collect();
    let cases = repo::cases(db, false)
        .await?
        .into_iter()
        .filter(|c| c.brussels_concerned != Some(false))
        .map(|c| AnnualCase {
            case_type: c.case_type,
            title: c.title.clone(),
            decisions: c
                .decisions
                .iter()
                .map(|d| (d.decided_on, d.stage))
                .collect(),
            replies: c
                .decisions
                .iter()
                .filter_map(|d| {
                    Some(AnnualReply {
                        decided_on: d.decided_on,
                        deadline: d.reply_deadline?,
                        sent_on: d.reply_sent_on,
                    })
                })
                .collect(),
            active_at_end: c.active_at(end),
            to_triage: c.brussels_concerned.is_none(),
            number: c.number,
        })
        .collect();
    let pilots = data::meeting::pilots(db)
        .await?
        .into_iter()
        .map(|p| AnnualPilot {
            number: p.number,
            subject: p.subject,
            received_on: p.received_on,
            reply_deadline: p.reply_deadline,
            reply_sent_on: p.reply_sent_on,
            outcome: p.outcome,
        })
        .collect();
    Ok((directives, cases, pilots))
}

/// Writes the report of `year` in each language into `out`; returns the files written and the
/// summary (the same in every language).
pub async fn write(
    db: &data::Db,
    year: i32,
    langs: &[Lang],
    out: &Path,
    template: Option<&str>,
    generated_on: chrono::NaiveDate,
) -> anyhow::Result<(Vec<PathBuf>, serde_json::Value)> {
    let period = ReportPeriod { year };
    let mut files = Vec::new();
    let mut summary = serde_json::Value::Null;
    for &lang in langs {
        let (directives, cases, pilots) = facts(db, lang, period.end()).await?;
        let figures = annual_report(period, &directives, &cases, &pilots);
        summary = json!(
            figures
                .summary()
                .iter()
                .map(|l| json!({"key": l.key.code(), "current": l.current, "previous": l.previous}))
                .collect::<Vec<_>>()
        );
        let view = AnnualView {
            lang,
            period,
            figures,
            generated_on,
        };
        let docx = out.join(format!("annual-{year}-{}.docx", lang.code()));
        write_file(&docx, &report::annual::docx(&view)?)?;
        let html = out.join(format!("annual-{year}-{}.html", lang.code()));
        write_file(&html, report::annual::html(&view, template)?.as_bytes())?;
        files.push(docx);
        files.push(html);
    }
    Ok((files, summary))
}

pub async fn run(
    ctx: &mut Ctx<'_>,
    year: i32,
    langs: &[Lang],
    out: &Path,
    template: Option<&Path>,
) -> anyhow::Result<u8> {
    if !(1990..=2100).contains(&year) {
        anyhow::bail!(
            "--year {year}: expected a report year like 2021 (1 October 2020 to 30 September 2021)"
        );
    }
    let template = match template {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the template {}", path.display()))?,
        ),
        None => None,
    };
    let (files, summary) = write(&ctx.db, year, langs, out, template.as_deref(), today()).await?;
    if ctx.json {
        return ctx
            .print_json(&json!({"year": year, "files": files, "summary": summary}))
            .map(|_| crate::EXIT_OK);
    }
    let period = ReportPeriod { year };
    ctx.print(&format!("{}\n", period.label(ctx.lang)))?;
    for f in files {
        ctx.print(&format!("→ {}\n", f.display()))?;
    }
    Ok(crate::EXIT_OK)
}
