//! `scoreboard report annual`: the Government's report to the Brussels Parliament for a report
//! year, from every directive, case and EU Pilot case the database holds, in French and/or Dutch.

use std::path::{Path, PathBuf};

use anyhow::Context;
use domain::{Lang, ReportPeriod};
use report::annual::AnnualView;
use serde_json::json;

use super::Ctx;
use super::meetings::write_file;
use crate::commands::today;

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
        let figures = views::annual_facts(db, lang, period.end())
            .await?
            .figures(period);
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
