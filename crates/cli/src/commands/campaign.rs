//! `campaign` and `report campaign`: contribution campaigns. A campaign is created from a
//! questions file, each administration gets an XLSX form, the forms come back and are imported
//! whole or not at all, `status` says who is late, and the report compiles the answers.

use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use data::campaign::{self as store, Campaign, NewAnswer, NewCampaign};
use data::code::{ImportOutcome, ImportSource};
use data::repo::NewImportRun;
use domain::Lang;
use domain::campaign::{Standing, standing};
use domain::words::fill;
use serde::Serialize;
use serde_json::json;

use super::import::read;
use super::meetings::write_file;
use super::{Ctx, as_of, parse_date};
use crate::args::CampaignCmd;
use crate::labels as l;
use crate::table::Table;

pub async fn run(ctx: &mut Ctx<'_>, cmd: CampaignCmd) -> anyhow::Result<u8> {
    match cmd {
        CampaignCmd::New {
            name,
            due,
            authorities,
            questions,
        } => new(ctx, name, &due, authorities, &questions).await,
        CampaignCmd::List => list(ctx).await,
        CampaignCmd::Show { name } => show(ctx, &name).await,
        CampaignCmd::Status { name, as_of: a } => {
            let date = as_of(&a.as_of)?;
            status(ctx, &name, date).await
        }
        CampaignCmd::Export {
            name,
            out,
            authority,
        } => export(ctx, &name, &out, authority.as_deref()).await,
        CampaignCmd::Import { file } => import(ctx, &file).await,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

async fn new(
    ctx: &mut Ctx<'_>,
    name: String,
    due: &str,
    authorities: Vec<String>,
    questions: &Path,
) -> anyhow::Result<u8> {
    let due = parse_date(due).context("--due")?;
    let (bytes, _) = read(questions)?;
    let parsed = importer::campaign::questions(&bytes, &file_name(questions))
        .map_err(|d| anyhow::anyhow!("{d}; nothing was written"))?;
    let txn = data::begin_write(&ctx.db).await?;
    let c = store::create(
        &txn,
        &ctx.actor,
        NewCampaign {
            name,
            title_fr: parsed.title_fr,
            title_nl: parsed.title_nl,
            due,
            authorities,
            questions: parsed.questions,
        },
    )
    .await?;
    txn.commit().await?;
    if ctx.json {
        return ctx.print_json(&c).map(|_| crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let line = fill(
        lang,
        "cli.campaign_created",
        &[
            ("name", &c.model.name),
            ("questions", &c.questions.len().to_string()),
            ("authorities", &c.authorities.len().to_string()),
            ("due", &lang.format_date(c.model.due)),
        ],
    );
    ctx.print(&(line + "\n"))?;
    Ok(crate::EXIT_OK)
}

async fn list(ctx: &mut Ctx<'_>) -> anyhow::Result<u8> {
    let campaigns = store::all(&ctx.db).await?;
    let lang = ctx.lang;
    if ctx.json {
        let rows: Vec<_> = campaigns
            .iter()
            .map(|c| json!({"name": c.model.name, "title_fr": c.model.title_fr, "title_nl": c.model.title_nl, "due": c.model.due, "questions": c.questions.len(), "authorities": codes(c)}))
            .collect();
        return ctx.print_json(&rows).map(|_| crate::EXIT_OK);
    }
    if campaigns.is_empty() {
        ctx.print(&format!("{}\n", l::CAMPAIGN_NONE.t(lang)))?;
        return Ok(crate::EXIT_OK);
    }
    let mut t = Table::new(&[
        l::NAME.t(lang),
        l::TITLE.t(lang),
        l::CAMPAIGN_DUE.t(lang),
        l::CAMPAIGN_QUESTIONS.t(lang),
        l::AUTHORITIES.t(lang),
    ]);
    for c in &campaigns {
        t.row(vec![
            c.model.name.clone(),
            title(c, lang).to_owned(),
            ctx.date(c.model.due),
            c.questions.len().to_string(),
            codes(c).join(", "),
        ]);
    }
    ctx.print(&t.render())?;
    Ok(crate::EXIT_OK)
}

fn codes(c: &Campaign) -> Vec<String> {
    c.authorities.iter().map(|a| a.code.clone()).collect()
}

fn title(c: &Campaign, lang: Lang) -> &str {
    if lang == Lang::Nl {
        &c.model.title_nl
    } else {
        &c.model.title_fr
    }
}

fn authority_name(a: &data::entity::authority::Model, lang: Lang) -> &str {
    if lang == Lang::Nl {
        &a.name_nl
    } else {
        &a.name_fr
    }
}

async fn show(ctx: &mut Ctx<'_>, name: &str) -> anyhow::Result<u8> {
    let c = store::get(&ctx.db, name).await?;
    if ctx.json {
        return ctx.print_json(&c).map(|_| crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let mut out = format!(
        "{} — {}\n{}: {}\n{}: {}\n\n",
        c.model.name,
        title(&c, lang),
        l::CAMPAIGN_DUE.t(lang),
        lang.format_date(c.model.due),
        l::AUTHORITIES.t(lang),
        codes(&c).join(", ")
    );
    let mut t = Table::new(&[
        domain::words::t(lang, "campaign.col_key"),
        domain::words::t(lang, "campaign.col_kind"),
        domain::words::t(lang, "campaign.col_question"),
        l::CAMPAIGN_ANSWERED.t(lang),
    ]);
    for q in &c.questions {
        let kind: domain::campaign::QuestionKind = q.kind.into();
        let answered: Vec<&str> = c
            .authorities
            .iter()
            .filter(|a| c.answer(q.id, a.id).is_some())
            .map(|a| a.code.as_str())
            .collect();
        t.row(vec![
            q.key.clone(),
            domain::words::t(lang, kind.word_key()).to_owned(),
            crate::table::clip(
                if lang == Lang::Nl {
                    &q.text_nl
                } else {
                    &q.text_fr
                },
                60,
            ),
            answered.join(", "),
        ]);
    }
    out.push_str(&t.render());
    ctx.print(&out)?;
    Ok(crate::EXIT_OK)
}

/// One administration's line of `campaign status`.
#[derive(Serialize)]
struct StatusLine {
    authority: String,
    name: String,
    #[serde(flatten)]
    standing: Standing,
}

fn standings(c: &Campaign, date: NaiveDate, lang: Lang) -> Vec<StatusLine> {
    let answered = c.answered();
    c.authorities
        .iter()
        .map(|a| {
            let (n, last) = answered.get(&a.code).copied().unwrap_or((0, None));
            StatusLine {
                authority: a.code.clone(),
                name: authority_name(a, lang).to_owned(),
                standing: standing(c.questions.len(), n, last, c.model.due, date),
            }
        })
        .collect()
}

async fn status(ctx: &mut Ctx<'_>, name: &str, date: NaiveDate) -> anyhow::Result<u8> {
    let c = store::get(&ctx.db, name).await?;
    let lang = ctx.lang;
    let lines = standings(&c, date, lang);
    let late = lines.iter().filter(|s| s.standing.late).count();
    let code = if late > 0 {
        crate::EXIT_ATTENTION
    } else {
        crate::EXIT_OK
    };
    if ctx.json {
        ctx.print_json(&json!({"campaign": c.model.name, "due": c.model.due, "as_of": date, "authorities": lines}))?;
        return Ok(code);
    }
    let mut out = fill(
        lang,
        "cli.campaign_title_of",
        &[
            ("name", &c.model.name),
            ("due", &lang.format_date(c.model.due)),
            ("date", &lang.format_date(date)),
        ],
    ) + "\n";
    let mut t = Table::new(&[
        l::CODE.t(lang),
        l::NAME.t(lang),
        l::CAMPAIGN_ANSWERED.t(lang),
        l::CAMPAIGN_LAST_ANSWER.t(lang),
        l::LATE.t(lang),
    ]);
    for s in &lines {
        t.row(vec![
            s.authority.clone(),
            crate::table::clip(&s.name, 40),
            format!("{}/{}", s.standing.answered, s.standing.asked),
            ctx.opt_date(s.standing.last_answer),
            if s.standing.late {
                l::YES.t(lang).to_owned()
            } else {
                String::new()
            },
        ]);
    }
    out.push_str(&t.render());
    if late > 0 {
        out.push_str(&fill(
            lang,
            "cli.campaign_late_count",
            &[("n", &late.to_string())],
        ));
        out.push('\n');
    }
    ctx.print(&out)?;
    Ok(code)
}

/// The form's file name: the campaign's name and the administration's code, in letters, digits
/// and dashes only (a name like "SIEG 2022" makes `sieg-2022-BE-fr.xlsx`).
fn form_file(c: &Campaign, code: &str, lang: Lang) -> String {
    let slug: String = c
        .model
        .name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() {
                ch.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let code: String = code
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .collect();
    format!("{slug}-{code}-{}.xlsx", lang.code())
}

async fn export(
    ctx: &mut Ctx<'_>,
    name: &str,
    out: &Path,
    authority: Option<&str>,
) -> anyhow::Result<u8> {
    let c = store::get(&ctx.db, name).await?;
    let lang = ctx.lang;
    let chosen: Vec<&data::entity::authority::Model> = match authority {
        Some(text) => {
            let known = data::repo::authorities(&ctx.db).await?;
            let a = data::repo::find_authority(&known, text)?;
            let Some(mine) = c.authorities.iter().find(|x| x.id == a.id) else {
                anyhow::bail!(
                    "--authority {text}: {} is not asked by the campaign {} (it asks {})",
                    a.code,
                    c.model.name,
                    codes(&c).join(", ")
                );
            };
            vec![mine]
        }
        None => c.authorities.iter().collect(),
    };
    let questions = c.domain_questions();
    let created = ctx.actor.at.naive_utc();
    let mut files = Vec::new();
    for a in chosen {
        let form = report::campaign::Form {
            lang,
            campaign: c.model.name.clone(),
            title: title(&c, lang).to_owned(),
            due: c.model.due,
            authority_code: a.code.clone(),
            authority_name: authority_name(a, lang).to_owned(),
            questions: c
                .questions
                .iter()
                .zip(&questions)
                .map(|(q, dq)| {
                    let answer = c.answer(q.id, a.id);
                    (
                        dq.clone(),
                        answer.map(|x| x.value.clone()),
                        answer.and_then(|x| x.comment.clone()),
                    )
                })
                .collect(),
        };
        let path = out.join(form_file(&c, &a.code, lang));
        write_file(&path, &report::campaign::form_xlsx(&form, created)?)?;
        files.push(path);
    }
    print_files(ctx, &files)
}

fn print_files(ctx: &mut Ctx<'_>, files: &[std::path::PathBuf]) -> anyhow::Result<u8> {
    if ctx.json {
        return ctx
            .print_json(&json!({ "files": files }))
            .map(|_| crate::EXIT_OK);
    }
    let mut text = String::new();
    for f in files {
        text.push_str(&format!("→ {}\n", f.display()));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

/// Reads a filled-in form back, for the campaign whose name is in its identification rows (the
/// file is read once per campaign until one matches: there are few), and records all its
/// answers in one transaction, or none when it has a diagnostic (exit code 2).
async fn import(ctx: &mut Ctx<'_>, path: &Path) -> anyhow::Result<u8> {
    let (bytes, hash) = read(path)?;
    let name = file_name(path);
    let campaigns = store::all(&ctx.db).await?;
    let form_of = |c: &Campaign| importer::campaign::Form {
        name: c.model.name.clone(),
        authorities: c
            .authorities
            .iter()
            .map(|a| {
                (
                    a.code.clone(),
                    a.names().iter().map(|n| (*n).to_owned()).collect(),
                )
            })
            .collect(),
        questions: c.domain_questions(),
    };
    // The campaign the file names; when it names none the tool knows, the first one's
    // diagnostics say what it names and what was expected.
    let mut chosen: Option<(&Campaign, importer::campaign::Answers)> = None;
    for c in &campaigns {
        let read = importer::campaign::answers(&bytes, &name, &form_of(c), &ctx.limits)?;
        let names_it = read
            .campaign
            .as_deref()
            .is_some_and(|n| domain::text::fold(n) == domain::text::fold(&c.model.name));
        if names_it || chosen.is_none() {
            chosen = Some((c, read));
        }
        if names_it {
            break;
        }
    }
    let Some((c, parsed)) = chosen else {
        anyhow::bail!("{name}: there is no campaign yet (campaign new); nothing was written");
    };
    let lang = ctx.lang;
    if !parsed.diagnostics.is_empty() {
        let mut text = fill(
            lang,
            "cli.campaign_import_refused",
            &[
                ("file", &name),
                ("n", &parsed.diagnostics.len().to_string()),
            ],
        ) + "\n";
        for d in &parsed.diagnostics {
            text.push_str(&format!("  {d}\n"));
        }
        if ctx.json {
            ctx.print_json(
                &json!({"file": name, "written": false, "diagnostics": parsed.diagnostics}),
            )?;
        } else {
            ctx.print(&text)?;
        }
        return Ok(crate::EXIT_REFUSED);
    }
    let Some(code) = parsed.authority.clone() else {
        anyhow::bail!("{name}: no administration named; nothing was written");
    };
    let answers: Vec<NewAnswer> = parsed
        .answers
        .iter()
        .map(|a| NewAnswer {
            key: a.key.clone(),
            value: a.value.clone(),
            comment: a.comment.clone(),
        })
        .collect();
    let today = super::today();
    let changes = answers.iter().any(|a| {
        let q = c.questions.iter().find(|q| q.key == a.key);
        let auth = c.authorities.iter().find(|x| x.code == code);
        match (q, auth) {
            (Some(q), Some(auth)) => c
                .answer(q.id, auth.id)
                .is_none_or(|old| old.value != a.value || old.comment != a.comment),
            _ => true,
        }
    });
    let recorded = if changes {
        let txn = data::begin_write(&ctx.db).await?;
        let actor = data::repo::start_import_run(
            &txn,
            &ctx.actor,
            NewImportRun {
                source: ImportSource::Campaign,
                file_name: path.display().to_string(),
                file_hash: hash,
                outcome: ImportOutcome::Complete,
                counts: json!({"campaign": c.model.name, "authority": code, "answers": answers.len(), "blank": parsed.blank.len()}),
                diagnostics: json!([]),
            },
        )
        .await?;
        let recorded = store::record_answers(&txn, &actor, c, &code, &answers, today).await?;
        txn.commit().await?;
        recorded
    } else {
        data::campaign::Recorded {
            unchanged: answers.iter().map(|a| a.key.clone()).collect(),
            ..Default::default()
        }
    };
    if ctx.json {
        ctx.print_json(&json!({"file": name, "campaign": c.model.name, "authority": code, "written": changes, "recorded": recorded, "blank": parsed.blank}))?;
        return Ok(crate::EXIT_OK);
    }
    let line = fill(
        lang,
        "cli.campaign_imported",
        &[
            ("campaign", &c.model.name),
            ("authority", &code),
            ("new", &recorded.new.len().to_string()),
            ("changed", &recorded.changed.len().to_string()),
            ("unchanged", &recorded.unchanged.len().to_string()),
            ("blank", &parsed.blank.len().to_string()),
        ],
    );
    ctx.print(&(line + "\n"))?;
    Ok(crate::EXIT_OK)
}

/// `report campaign`: the compiled answers in each language.
pub async fn report(
    ctx: &mut Ctx<'_>,
    name: &str,
    date: NaiveDate,
    langs: &[Lang],
    out: &Path,
) -> anyhow::Result<u8> {
    let c = store::get(&ctx.db, name).await?;
    let questions = c.domain_questions();
    let mut files = Vec::new();
    for &lang in langs {
        let compiled = report::campaign::Compiled {
            lang,
            campaign: c.model.name.clone(),
            title: title(&c, lang).to_owned(),
            due: c.model.due,
            as_of: date,
            asked: c
                .authorities
                .iter()
                .map(|a| authority_name(a, lang).to_owned())
                .collect(),
            questions: c
                .questions
                .iter()
                .zip(&questions)
                .map(|(q, dq)| {
                    let mut answers = Vec::new();
                    let mut missing = Vec::new();
                    for a in &c.authorities {
                        let who = authority_name(a, lang).to_owned();
                        match c.answer(q.id, a.id) {
                            Some(x) => answers.push((who, x.value.clone(), x.comment.clone())),
                            None => missing.push(who),
                        }
                    }
                    report::campaign::CompiledQuestion {
                        question: dq.clone(),
                        answers,
                        missing,
                    }
                })
                .collect(),
        };
        let path = out.join(form_file(&c, "report", lang).replace(".xlsx", ".docx"));
        write_file(&path, &report::campaign::docx(&compiled)?)?;
        files.push(path);
    }
    print_files(ctx, &files)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_form_file_name_is_plain() {
        use data::entity::campaign::Model;
        let c = data::campaign::Campaign {
            model: Model {
                id: 1,
                version: 1,
                name: "SIEG 2022 / DAEB".into(),
                title_fr: String::new(),
                title_nl: String::new(),
                due: chrono::NaiveDate::from_ymd_opt(2022, 9, 30).unwrap(),
                created_at: chrono::Utc::now(),
                updated_at: chrono::Utc::now(),
            },
            questions: Vec::new(),
            authorities: Vec::new(),
            answers: Vec::new(),
        };
        assert_eq!(
            super::form_file(&c, "BE", domain::Lang::Nl),
            "sieg-2022-daeb-BE-nl.xlsx"
        );
    }
}
