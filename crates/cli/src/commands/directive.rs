//! `scoreboard directive list|show|add|set`, `measure add` and `history`.

use anyhow::Context;
use chrono::NaiveDate;
use data::repo::{self, DirectivePatch, DirectiveView};
use domain::records::{DirectiveRecord, MeasureRecord};
use domain::{Competence, DirectiveId, Lang, MeasureKind, PlannedDate, Status};

use super::{Ctx, as_of, parse_date};
use crate::args::{DirectiveCmd, DirectiveFields, MeasureCmd};
use crate::labels as l;
use crate::table::{Table, clip};

/// A directive typed by the user: the whole value, one directive, adopted by next year at the
/// latest (`2099/1` is a typo, not a directive).
pub fn parse_directive(text: &str) -> anyhow::Result<DirectiveId> {
    let id = DirectiveId::parse(text)?;
    id.check_plausible(super::today())?;
    Ok(id)
}

pub fn opt_date(text: &Option<String>, option: &str) -> anyhow::Result<Option<NaiveDate>> {
    text.as_deref()
        .map(|t| parse_date(t).with_context(|| format!("--{option}")))
        .transpose()
}

pub fn yes_no(text: &Option<String>, option: &str) -> anyhow::Result<Option<bool>> {
    // The same words as the importers read: the [yes_no] section of vocabulary/*.toml.
    text.as_deref()
        .map(|t| {
            domain::vocab::Vocabulary::get().yes_no(t).ok_or_else(|| {
                anyhow::anyhow!(
                    "--{option} \"{}\": expected yes or no (oui/non, ja/nee)",
                    t.trim()
                )
            })
        })
        .transpose()
}

pub(crate) fn competence(text: &Option<String>) -> anyhow::Result<Option<Competence>> {
    text.as_deref()
        .map(|t| {
            t.parse::<Competence>().map_err(|_| {
                anyhow::anyhow!("--competence \"{t}\": expected exclusive, shared, not-concerned or to-be-determined")
            })
        })
        .transpose()
}

/// The kind `--kind` names: its code, or its name in French, Dutch or English (the vocabulary's
/// `[measure_kind]`, abbreviations included). Refused in the user's language, listing the kinds.
fn measure_kind(lang: Lang, text: &str) -> anyhow::Result<MeasureKind> {
    text.parse::<MeasureKind>().map_err(|_| {
        let names: Vec<String> = MeasureKind::ALL
            .iter()
            .map(|k| format!("{} ({})", k.label(lang), k.code()))
            .collect();
        anyhow::anyhow!(
            "{}",
            domain::words::fill(
                lang,
                "cli.kind_refused",
                &[("found", text.trim()), ("expected", &names.join(", "))]
            )
        )
    })
}

fn planned(text: &Option<String>) -> anyhow::Result<Option<PlannedDate>> {
    text.as_deref()
        .map(|t| PlannedDate::parse(t).context("--planned"))
        .transpose()
}

/// "overdue by 123 days (4 months)" in the chosen language, for a table cell.
pub fn delay_text(lang: Lang, status: &Status) -> String {
    match status {
        Status::NotYetDue { days_left } => format!("{days_left} {}", l::DAYS.t(lang)),
        other => match other.delay() {
            Some(d) => format!(
                "{} {} ({} {})",
                d.days,
                l::DAYS.t(lang),
                d.months,
                l::MONTHS.t(lang)
            ),
            None => String::new(),
        },
    }
}

fn deadlines_text(lang: Lang, v: &DirectiveView) -> String {
    v.deadlines
        .iter()
        .map(|d| lang.format_date_short(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn directive_table(lang: Lang, views: &[&DirectiveView]) -> Table {
    let mut t = Table::new(&[
        l::CELEX.t(lang),
        l::DIRECTIVE.t(lang),
        l::DEADLINE.t(lang),
        l::STATUS.t(lang),
        l::DELAY.t(lang),
        l::LEAD.t(lang),
        l::PLANNED.t(lang),
        l::TITLE.t(lang),
    ]);
    for v in views {
        let title = v.shown_title(lang).unwrap_or_default();
        t.row(vec![
            v.celex.clone(),
            v.number.clone(),
            deadlines_text(lang, v),
            v.status.label(lang).to_owned(),
            delay_text(lang, &v.status),
            v.lead
                .clone()
                .unwrap_or_else(|| l::TO_ASSIGN.t(lang).to_owned()),
            v.planned_text.clone().unwrap_or_default(),
            clip(&title, 50),
        ]);
    }
    t
}

pub async fn run(ctx: &mut Ctx<'_>, cmd: DirectiveCmd, database_url: &str) -> anyhow::Result<u8> {
    match cmd {
        DirectiveCmd::Articles {
            directive,
            from,
            cellar,
            net,
        } => {
            return super::correlation::articles(
                ctx,
                &directive,
                from.as_deref(),
                &cellar,
                &net,
                database_url,
            )
            .await;
        }
        DirectiveCmd::List {
            as_of: a,
            authority,
        } => {
            let date = as_of(&a.as_of)?;
            let mut all = repo::directives(&ctx.db, date).await?;
            if let Some(text) = authority {
                let known = repo::authorities(&ctx.db).await?;
                let code = repo::find_authority(&known, &text)?.code.clone();
                all.retain(|v| v.lead.as_deref() == Some(&code) || v.associated.contains(&code));
            }
            if ctx.json {
                ctx.print_json(&all)?;
            } else {
                let refs: Vec<&DirectiveView> = all.iter().collect();
                let text = directive_table(ctx.lang, &refs).render();
                ctx.print(&text)?;
            }
        }
        DirectiveCmd::Show {
            directive,
            as_of: a,
        } => {
            let id = parse_directive(&directive)?;
            let date = as_of(&a.as_of)?;
            let view = repo::directive_view(&ctx.db, &id, date).await?;
            // What every Belgian entity notified, as the Commission lists it (`sync eurlex`).
            let listed = data::eurlex::national_measures(&ctx.db, &view.celex).await?;
            // The proposal it came from, when the unit followed it, with its impact notes.
            let row = repo::directive_by_celex(&ctx.db, &view.celex).await?;
            let proposal = match &row {
                Some(row) => data::proposals::proposal_of_directive(&ctx.db, row.id).await?,
                None => None,
            };
            // How far the correlation table covers the directive's provisions.
            let coverage = match &row {
                Some(row) => data::correlation::table(&ctx.db, row.id).await?.coverage(),
                None => domain::Coverage::default(),
            };
            if ctx.json {
                let mut json = serde_json::to_value(&view)?;
                json["national_measures"] = serde_json::to_value(&listed)?;
                json["proposal"] = serde_json::to_value(&proposal)?;
                json["correlation"] = serde_json::to_value(coverage)?;
                ctx.print_json(&json)?;
            } else {
                let mut text = show_text(ctx, &view);
                text.push_str(&super::correlation::coverage_line(ctx.lang, &coverage));
                text.push('\n');
                if let Some(p) = &proposal {
                    text.push_str(&super::proposals::origin_text(ctx.lang, p));
                }
                if !listed.is_empty() {
                    let lang = ctx.lang;
                    text.push_str(&format!("\n{}\n", l::NATIONAL_MEASURES.t(lang)));
                    let mut t = Table::new(&[
                        l::CELEX.t(lang),
                        l::DATE.t(lang),
                        l::KIND.t(lang),
                        l::TITLE.t(lang),
                    ]);
                    for m in &listed {
                        t.row(vec![
                            m.celex.clone(),
                            ctx.opt_date(m.dated_on),
                            m.kind.clone().unwrap_or_default(),
                            clip(m.title.as_deref().unwrap_or(""), 70),
                        ]);
                    }
                    text.push_str(&t.render());
                }
                ctx.print(&text)?;
            }
        }
        DirectiveCmd::New { since } => {
            let since = parse_date(&since).context("--since")?;
            return super::sync::print_new_directives(ctx, since).await;
        }
        DirectiveCmd::Add { directive, fields } => {
            let id = parse_directive(&directive)?;
            let rec = record_from(id, &fields)?;
            let txn = data::begin_write(&ctx.db).await?;
            let model = repo::add_directive(&txn, &ctx.actor, &rec).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&model)?;
            } else {
                ctx.print(&format!("directive {} ({}) added\n", id, model.celex))?;
            }
        }
        DirectiveCmd::Set {
            directive,
            fields,
            remove_deadline,
            no_lead,
            no_risk,
            if_version,
        } => {
            let id = parse_directive(&directive)?;
            if no_lead && fields.lead.is_some() {
                anyhow::bail!("--lead and --no-lead cannot be given together");
            }
            if no_risk && fields.risk.is_some() {
                anyhow::bail!("--risk and --no-risk cannot be given together");
            }
            let patch = DirectivePatch {
                title_fr: fields.title_fr.clone(),
                title_nl: fields.title_nl.clone(),
                title_en: fields.title_en.clone(),
                adopted_on: opt_date(&fields.adopted, "adopted")?,
                in_force: yes_no(&fields.in_force, "in-force")?,
                competence: competence(&fields.competence)?,
                lead: if no_lead {
                    Some(None)
                } else {
                    fields.lead.clone().map(Some)
                },
                planned: planned(&fields.planned)?.map(Some),
                risk: if no_risk {
                    Some(None)
                } else {
                    fields.risk.clone().map(Some)
                },
                notes: fields.notes.clone(),
            };
            let add: Vec<NaiveDate> = fields
                .deadlines
                .iter()
                .map(|d| parse_date(d).context("--deadline"))
                .collect::<Result<_, _>>()?;
            let remove: Vec<NaiveDate> = remove_deadline
                .iter()
                .map(|d| parse_date(d).context("--remove-deadline"))
                .collect::<Result<_, _>>()?;
            let txn = data::begin_write(&ctx.db).await?;
            let model =
                repo::set_directive(&txn, &ctx.actor, &id.celex(), &patch, if_version).await?;
            for d in remove {
                repo::remove_deadline(&txn, &ctx.actor, &model, d).await?;
            }
            repo::add_deadlines(&txn, &ctx.actor, &model, &add).await?;
            repo::add_associated(&txn, &ctx.actor, &model, &fields.associated).await?;
            txn.commit().await?;
            ctx.print(&format!(
                "directive {} ({}) is at version {}\n",
                id, model.celex, model.version
            ))?;
        }
    }
    Ok(crate::EXIT_OK)
}

fn record_from(id: DirectiveId, f: &DirectiveFields) -> anyhow::Result<DirectiveRecord> {
    Ok(DirectiveRecord {
        id,
        title_fr: f.title_fr.clone(),
        title_nl: f.title_nl.clone(),
        title_en: f.title_en.clone(),
        adopted_on: opt_date(&f.adopted, "adopted")?,
        in_force: yes_no(&f.in_force, "in-force")?,
        deadlines: f
            .deadlines
            .iter()
            .map(|d| parse_date(d).context("--deadline"))
            .collect::<Result<_, _>>()?,
        competence: competence(&f.competence)?.unwrap_or(Competence::ToBeDetermined),
        lead: f.lead.clone(),
        associated: f.associated.clone(),
        planned: planned(&f.planned)?,
        risk_reason: f.risk.clone(),
        notes: f.notes.clone(),
    })
}

fn show_text(ctx: &Ctx<'_>, v: &DirectiveView) -> String {
    let lang = ctx.lang;
    let mut s = String::new();
    let line = |s: &mut String, label: &str, value: String| {
        if !value.is_empty() {
            s.push_str(&format!("{label:<24} {value}\n"));
        }
    };
    line(
        &mut s,
        l::DIRECTIVE.t(lang),
        format!("{} ({})", v.number, v.celex),
    );
    line(&mut s, "FR", v.title_fr.clone().unwrap_or_default());
    line(&mut s, "NL", v.title_nl.clone().unwrap_or_default());
    line(&mut s, "EN", v.title_en.clone().unwrap_or_default());
    line(&mut s, l::ADOPTED.t(lang), ctx.opt_date(v.adopted_on));
    line(
        &mut s,
        l::COMPETENCE.t(lang),
        v.competence.label(lang).to_owned(),
    );
    line(
        &mut s,
        l::LEAD.t(lang),
        v.lead
            .clone()
            .unwrap_or_else(|| l::TO_ASSIGN.t(lang).to_owned()),
    );
    line(&mut s, l::ASSOCIATED.t(lang), v.associated.join(", "));
    line(&mut s, l::DEADLINES.t(lang), deadlines_text(lang, v));
    line(
        &mut s,
        l::PLANNED.t(lang),
        v.planned_text.clone().unwrap_or_default(),
    );
    if v.at_risk {
        line(
            &mut s,
            l::RISK.t(lang),
            v.risk_reason.clone().unwrap_or_default(),
        );
    }
    line(
        &mut s,
        l::NOTES.t(lang),
        v.notes.clone().unwrap_or_default(),
    );
    line(
        &mut s,
        &format!("{} ({})", l::STATUS.t(lang), ctx.date(v.as_of)),
        format!("{} {}", v.status.label(lang), delay_text(lang, &v.status))
            .trim()
            .to_owned(),
    );
    if v.per_deadline.len() > 1 {
        for d in &v.per_deadline {
            line(
                &mut s,
                &format!("  {}", ctx.date(d.deadline)),
                format!("{} {}", d.status.label(lang), delay_text(lang, &d.status))
                    .trim()
                    .to_owned(),
            );
        }
    }
    line(&mut s, l::VERSION.t(lang), v.version.to_string());
    if !v.measures.is_empty() {
        s.push_str(&format!("\n{}\n", l::MEASURES.t(lang)));
        let mut t = Table::new(&[
            l::KIND.t(lang),
            l::TITLE.t(lang),
            l::ADOPTED.t(lang),
            l::NOTIFIED.t(lang),
            l::COMPLETES.t(lang),
        ]);
        for m in &v.measures {
            // A title only in the other language is shown marked with it.
            let title = match lang {
                Lang::Nl => m
                    .title_nl
                    .clone()
                    .or_else(|| m.title_fr.as_ref().map(|t| format!("[FR] {t}"))),
                _ => m
                    .title_fr
                    .clone()
                    .or_else(|| m.title_nl.as_ref().map(|t| format!("[NL] {t}"))),
            };
            t.row(vec![
                domain::MeasureKind::from(m.kind).label(lang).to_owned(),
                clip(title.as_deref().unwrap_or(""), 60),
                ctx.opt_date(m.adopted_on),
                ctx.opt_date(m.notified_on),
                l::yes_no(lang, Some(m.completes)).to_owned(),
            ]);
        }
        s.push_str(&t.render());
    }
    s
}

pub async fn measure(ctx: &mut Ctx<'_>, cmd: MeasureCmd) -> anyhow::Result<u8> {
    let MeasureCmd::Add {
        directive,
        kind,
        title_fr,
        title_nl,
        adopted,
        published,
        in_force,
        notified,
        complete,
        celex,
        notes,
    } = cmd;
    let id = parse_directive(&directive)?;
    let kind = measure_kind(ctx.lang, &kind)?;
    if let Some(c) = &celex {
        let parsed = domain::MeasureCelex::parse(c).context("--celex")?;
        if parsed.directive != id {
            anyhow::bail!(
                "--celex {c} is a measure of directive {}, not of {id}",
                parsed.directive
            );
        }
    }
    let rec = MeasureRecord {
        directive: id,
        kind,
        title_fr,
        title_nl,
        adopted_on: opt_date(&adopted, "adopted")?,
        published_on: opt_date(&published, "published")?,
        in_force_on: opt_date(&in_force, "in-force")?,
        notified_on: opt_date(&notified, "notified")?,
        completes: complete,
        celex,
        notes,
    };
    let txn = data::begin_write(&ctx.db).await?;
    let model = repo::add_measure(&txn, &ctx.actor, &rec).await?;
    txn.commit().await?;
    if ctx.json {
        ctx.print_json(&model)?;
    } else {
        ctx.print(&format!(
            "measure added to directive {} ({})\n",
            id,
            id.celex()
        ))?;
    }
    Ok(crate::EXIT_OK)
}

/// The history of a directive, a case or an authority, by the key people know it by.
pub async fn history(ctx: &mut Ctx<'_>, key: &str) -> anyhow::Result<u8> {
    // A key as the history writes it ("2018/2001 3(1)", a provision) is taken as it is.
    let exact = repo::history_of(&ctx.db, key.trim()).await?;
    let key = if !exact.is_empty() {
        key.trim().to_owned()
    } else if let Ok(id) = DirectiveId::parse(key) {
        id.celex()
    } else if let Ok(n) = domain::InfringementNumber::parse(key) {
        n.to_string()
    } else {
        key.trim().to_owned()
    };
    let rows = repo::history_of(&ctx.db, &key).await?;
    if ctx.json {
        ctx.print_json(&rows)?;
        return Ok(crate::EXIT_OK);
    }
    if rows.is_empty() {
        anyhow::bail!(
            "no history for \"{key}\": expected a tracked directive (CELEX or citation), a case number or an authority code"
        );
    }
    let lang = ctx.lang;
    let mut t = Table::new(&[
        l::WHEN.t(lang),
        l::WHO.t(lang),
        l::ACTION.t(lang),
        l::FIELD.t(lang),
        l::OLD.t(lang),
        l::NEW.t(lang),
    ]);
    for r in &rows {
        t.row(vec![
            r.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            r.user_name.clone(),
            format!("{} {}", r.action, r.table_name),
            r.field.clone(),
            clip(r.old_value.as_deref().unwrap_or(""), 40),
            clip(r.new_value.as_deref().unwrap_or(""), 40),
        ]);
    }
    ctx.print(&t.render())?;
    Ok(crate::EXIT_OK)
}
