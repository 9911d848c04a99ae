//! `scoreboard demo`: a fresh SQLite database built from the bundled sample data (real directives
//! and deadlines, the real Belgian cases of one register export, an invented division of work
//! between Brussels authorities), then the overview in both languages.
//!
//! The data is embedded at build time, so the demo runs without `../shared`.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use data::Actor;
use data::DatabaseTransaction;
use data::repo::{self, CaseFollowUp};
use domain::records::{DirectiveRecord, MeasureRecord};
use domain::{Competence, DirectiveId, Lang, MeasureKind, PlannedDate};
use serde::Deserialize;

use crate::args::DemoArgs;
use crate::args::{AsOf, DeadlinesArgs};
use crate::commands::meetings::{self, write_file, write_scoreboard};
use crate::commands::{self, Ctx, status};
use crate::labels as l;
use views::Snapshot;

const SAMPLE: &str = include_str!("../demo/sample.json");
const REGISTER: &[u8] = include_bytes!("../demo/register-2023-01-11-BE.json");
const REGISTER_NAME: &str = "register-2023-01-11-BE.json";

#[derive(Deserialize)]
struct Sample {
    register_export_date: NaiveDate,
    authorities: Vec<SampleAuthority>,
    directives: Vec<SampleDirective>,
    cases: Vec<SampleCase>,
}

#[derive(Deserialize)]
struct SampleAuthority {
    code: String,
    name_fr: String,
    name_nl: String,
}

#[derive(Deserialize)]
struct SampleDirective {
    celex: String,
    title_en: String,
    deadlines: Vec<NaiveDate>,
    competence: String,
    lead: Option<String>,
    associated: Vec<String>,
    planned: Option<String>,
    risk: Option<String>,
    in_force: bool,
    measures: Vec<SampleMeasure>,
    source: String,
}

#[derive(Deserialize)]
struct SampleMeasure {
    kind: String,
    title_fr: String,
    title_nl: String,
    adopted_on: NaiveDate,
    notified_on: NaiveDate,
    completes: bool,
}

#[derive(Deserialize)]
struct SampleCase {
    number: String,
    brussels_concerned: bool,
    lead: Option<String>,
    notes: Option<String>,
    replies: Vec<SampleReply>,
}

#[derive(Deserialize)]
struct SampleReply {
    decided_on: NaiveDate,
    sent_on: NaiveDate,
    entered_on: Option<NaiveDate>,
}

/// Loads the bundled sample into an empty database, in one transaction.
async fn load(txn: &DatabaseTransaction, actor: &Actor, sample: &Sample) -> anyhow::Result<usize> {
    // The Region's administrations are in every new database; the sample's codes are theirs.
    let known = repo::authorities(txn).await?;
    for a in &sample.authorities {
        if repo::find_authority(&known, &a.code).is_err() {
            repo::add_authority(txn, actor, &a.code, &a.name_fr, &a.name_nl).await?;
        }
    }
    for d in &sample.directives {
        let id = DirectiveId::parse(&d.celex)?;
        let rec = DirectiveRecord {
            id,
            title_fr: None,
            title_nl: None,
            title_en: Some(d.title_en.clone()),
            adopted_on: None,
            in_force: Some(d.in_force),
            deadlines: d.deadlines.clone(),
            competence: d
                .competence
                .parse::<Competence>()
                .map_err(|_| anyhow::anyhow!("sample competence {}", d.competence))?,
            lead: d.lead.clone(),
            associated: d.associated.clone(),
            planned: d.planned.as_deref().map(PlannedDate::parse).transpose()?,
            risk_reason: d.risk.clone(),
            notes: Some(format!("deadline source: {}", d.source)),
        };
        repo::add_directive(txn, actor, &rec).await?;
        for m in &d.measures {
            let rec = MeasureRecord {
                directive: id,
                // The sample writes the kinds by their French names, as people type them.
                kind: m
                    .kind
                    .parse::<MeasureKind>()
                    .map_err(|e| anyhow::anyhow!("sample measure of {id}: {e}"))?,
                title_fr: Some(m.title_fr.clone()),
                title_nl: Some(m.title_nl.clone()),
                adopted_on: Some(m.adopted_on),
                published_on: None,
                in_force_on: None,
                notified_on: Some(m.notified_on),
                completes: m.completes,
                celex: None,
                notes: Some("invented for the demo".into()),
            };
            repo::add_measure(txn, actor, &rec).await?;
        }
    }
    let register = importer::register::parse(
        REGISTER,
        REGISTER_NAME,
        Some(domain::Country::Belgium),
        &importer::Limits::default(),
    )
    .context("the bundled register export")?;
    if let Some(d) = register.diagnostics.first() {
        anyhow::bail!(
            "the bundled register export has {} problem(s), the first: {d}",
            register.diagnostics.len()
        );
    }
    let merged =
        repo::merge_cases(txn, actor, &register.records, sample.register_export_date).await?;
    for c in &sample.cases {
        let follow = CaseFollowUp {
            brussels_concerned: Some(c.brussels_concerned),
            lead: Some(c.lead.clone()),
            notes: c.notes.clone(),
        };
        repo::set_case_follow_up(txn, actor, &c.number, &follow).await?;
        for r in &c.replies {
            repo::set_reply(
                txn,
                actor,
                &c.number,
                r.decided_on,
                Some(r.sent_on),
                r.entered_on,
                None,
            )
            .await?;
        }
    }
    Ok(merged.new_cases.len())
}

/// Keeps an earlier demo database rather than deleting it.
fn set_aside(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        let previous = path.with_extension("db.previous");
        std::fs::rename(path, &previous).with_context(|| {
            format!(
                "cannot move the earlier demo database {} aside",
                path.display()
            )
        })?;
        // A WAL journal left by a command that was killed goes with its database, never with
        // the new one.
        for suffix in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let journal = std::path::PathBuf::from(name);
            if journal.exists() {
                let mut moved = previous.as_os_str().to_owned();
                moved.push(suffix);
                std::fs::rename(&journal, std::path::PathBuf::from(moved))
                    .with_context(|| format!("cannot move {} aside", journal.display()))?;
            }
        }
    }
    Ok(())
}

/// Loads the bundled sample data into a database (opened, migrated and seeded first): for the
/// web application's tests and load run on either backend. Returns the date of its register
/// export, the date the demo judges at.
pub async fn load_into(database: &str, user: &str) -> anyhow::Result<NaiveDate> {
    let sample: Sample = serde_json::from_str(SAMPLE).context("the bundled sample data")?;
    let db = commands::open(database).await?;
    let actor = Actor::new(user, Utc::now());
    let txn = data::begin_write(&db).await?;
    load(&txn, &actor, &sample).await?;
    txn.commit().await?;
    db.close().await?;
    Ok(sample.register_export_date)
}

pub async fn run(
    args: &DemoArgs,
    lang: Lang,
    user: String,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let sample: Sample = serde_json::from_str(SAMPLE).context("the bundled sample data")?;
    let as_of = match &args.as_of {
        Some(text) => commands::parse_date(text).context("--as-of")?,
        None => sample.register_export_date,
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let path = args.out.join("scoreboard.db");
    set_aside(&path)?;
    let database = path.to_string_lossy().into_owned();
    let db = commands::open(&database).await?;
    let actor = Actor::new(user, Utc::now());
    let txn = data::begin_write(&db).await?;
    let cases = load(&txn, &actor, &sample).await?;
    txn.commit().await?;

    let overview = status::overview(&db, as_of).await?;
    writeln!(out, "{}", l::DEMO_NOTICE.t(lang))?;
    writeln!(
        out,
        "{}: {} authorities, {} directives, {} infringement cases\n",
        path.display(),
        sample.authorities.len(),
        sample.directives.len(),
        cases
    )?;
    out.write_all(status::render(lang, &overview).as_bytes())?;
    let snapshot = Snapshot::read(&db, as_of).await?;
    let created = actor.at.naive_utc();
    for other in [Lang::Fr, Lang::Nl] {
        let file = args.out.join(format!("status-{}.txt", other.code()));
        let text = format!(
            "{}\n\n{}",
            l::DEMO_NOTICE.t(other),
            status::render(other, &overview)
        );
        write_file(&file, text.as_bytes())?;
        writeln!(out, "→ {}", file.display())?;
        // The tracking tables as the unit exchanges them, which `import tables` reads back.
        let tables = data::tables::build(&db, other, as_of).await?;
        let file = args.out.join(format!("tables-{}.xlsx", other.code()));
        write_file(&file, &report::tables::export(&tables, other, created)?)?;
        writeln!(out, "→ {}", file.display())?;
        // The meeting scoreboard, and the deadlines as a calendar to subscribe to.
        for file in write_scoreboard(&snapshot.scoreboard(other, None), &args.out, None, created)? {
            writeln!(out, "→ {}", file.display())?;
        }
        let file = args.out.join(format!("deadlines-{}.ics", other.code()));
        write_file(
            &file,
            views::calendar(&snapshot.deadlines(other), other, created).as_bytes(),
        )?;
        writeln!(out, "→ {}", file.display())?;
    }
    // The deadlines and the indicators, as `scoreboard deadlines` and `indicators --forecast` print them.
    let mut ctx = Ctx {
        db,
        actor,
        lang,
        json: false,
        connect_timeout: data::ConnectSettings::default().connect_timeout,
        limits: importer::Limits::default(),
        out,
    };
    ctx.print("\n")?;
    meetings::deadlines(
        &mut ctx,
        DeadlinesArgs {
            as_of: AsOf {
                as_of: Some(as_of.to_string()),
            },
            within: Some("60".into()),
            authority: None,
            ics: None,
        },
    )
    .await?;
    ctx.print("\n")?;
    meetings::indicators(&mut ctx, as_of, true).await?;
    // The annual report of the last complete report year, in both languages.
    let year = domain::ReportPeriod::latest_complete(as_of).year;
    let (files, _) = crate::commands::annual::write(
        &ctx.db,
        year,
        &[Lang::Fr, Lang::Nl],
        &args.out,
        None,
        as_of,
    )
    .await?;
    ctx.print(&format!(
        "\n{}\n",
        domain::ReportPeriod { year }.label(lang)
    ))?;
    for file in files {
        ctx.print(&format!("→ {}\n", file.display()))?;
    }
    commands::close(ctx.db, Ok(crate::EXIT_OK)).await
}
