//! `proposal`, `impact` and `report impact`: the Commission proposals for directives the unit
//! follows before adoption, the administrations' ex-ante impact notes, and the impact assessment
//! document.

use std::path::Path;

use anyhow::Context;
use data::code::Competence;
use data::proposals::{self, NewProposal, ProposalPatch, ProposalView};
use domain::{ComNumber, ImpactField, Lang, ProcedureNumber, ProposalStage};

use super::directive::{competence, opt_date, parse_directive};
use super::meetings::write_file;
use super::{Ctx, parse_date, today};
use crate::args::{ImpactCmd, ProposalCmd, ProposalFields};
use crate::labels as l;
use crate::table::{Table, clip};

/// A COM number in any form people write (`COM(2021) 557 final`, `COM/2021/557`,
/// `52021PC0557`), as stored: `COM(2021) 557`.
fn com_number(text: &str) -> anyhow::Result<String> {
    let com = ComNumber::parse(text)?;
    com.check_plausible(today())?;
    Ok(com.to_string())
}

fn procedure(text: &Option<String>) -> anyhow::Result<Option<String>> {
    text.as_deref()
        .map(|t| {
            ProcedureNumber::parse(t)
                .map(|p| p.to_string())
                .context("--procedure")
        })
        .transpose()
}

fn stored_competence(text: &Option<String>) -> anyhow::Result<Option<Competence>> {
    Ok(competence(text)?.map(Competence::from))
}

pub async fn proposal(ctx: &mut Ctx<'_>, cmd: ProposalCmd) -> anyhow::Result<u8> {
    match cmd {
        ProposalCmd::Add {
            com,
            fields,
            proposed,
        } => {
            let com = com_number(&com)?;
            if fields.lead.is_none() {
                anyhow::bail!(
                    "proposal add {com}: give the lead administration with --lead CODE (the one that writes its impact note first)"
                );
            }
            let new = NewProposal {
                com,
                procedure: procedure(&fields.procedure)?,
                title_fr: fields.title_fr.clone(),
                title_nl: fields.title_nl.clone(),
                title_en: fields.title_en.clone(),
                lead: fields.lead.clone(),
                associated: fields.associated.clone(),
                competence: stored_competence(&fields.competence)?,
                proposed_on: opt_date(&proposed, "proposed")?,
            };
            let txn = data::begin_write(&ctx.db).await?;
            let view = proposals::add_proposal(&txn, &ctx.actor, &new).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&view)?;
            } else {
                ctx.print(&format!(
                    "{}: {}\n",
                    l::PROPOSAL_ADDED.t(ctx.lang),
                    view.model.com_number
                ))?;
            }
        }
        ProposalCmd::List => {
            let all = proposals::proposals(&ctx.db).await?;
            if ctx.json {
                ctx.print_json(&all)?;
            } else {
                let lang = ctx.lang;
                let mut t = Table::new(&[
                    l::PROPOSAL.t(lang),
                    l::TITLE.t(lang),
                    l::LEAD.t(lang),
                    l::STAGE.t(lang),
                    l::DIRECTIVE.t(lang),
                ]);
                for p in &all {
                    t.row(vec![
                        p.model.com_number.clone(),
                        clip(p.title(lang).unwrap_or(""), 60),
                        p.lead.clone().unwrap_or_default(),
                        stage_text(ctx, p),
                        p.directive.clone().unwrap_or_default(),
                    ]);
                }
                ctx.print(&t.render())?;
            }
        }
        ProposalCmd::Show { com } => {
            let com = com_number(&com)?;
            let view = proposals::proposal(&ctx.db, &com).await?;
            if ctx.json {
                ctx.print_json(&view)?;
            } else {
                let text = show_text(ctx, &view);
                ctx.print(&text)?;
            }
        }
        ProposalCmd::Set {
            com,
            fields,
            stage,
            on,
            notes,
            risk,
            no_risk,
        } => {
            let com = com_number(&com)?;
            if no_risk && risk.is_some() {
                anyhow::bail!("--risk and --no-risk cannot be given together");
            }
            let stage = stage
                .as_deref()
                .map(|s| {
                    ProposalStage::parse(s)
                        .map(data::code::ProposalStage::from)
                        .context("--stage")
                })
                .transpose()?;
            let patch = patch_of(&fields, stage, opt_date(&on, "on")?, notes, risk, no_risk)?;
            let txn = data::begin_write(&ctx.db).await?;
            let view = proposals::set_proposal(&txn, &ctx.actor, &com, &patch).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&view)?;
            } else {
                let text = show_text(ctx, &view);
                ctx.print(&text)?;
            }
        }
        ProposalCmd::Adopt {
            com,
            directive,
            deadlines,
            adopted,
        } => {
            let com = com_number(&com)?;
            let id = parse_directive(&directive)?;
            let deadlines: Vec<chrono::NaiveDate> = deadlines
                .iter()
                .map(|d| parse_date(d).context("--deadline"))
                .collect::<Result<_, _>>()?;
            let adopted = opt_date(&adopted, "adopted")?;
            let txn = data::begin_write(&ctx.db).await?;
            let (view, model) =
                proposals::adopt(&txn, &ctx.actor, &com, &id, &deadlines, adopted).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "proposal": view, "directive": model }))?;
            } else {
                ctx.print(&format!(
                    "{}: {com} → {id} ({})\n",
                    l::PROPOSAL_ADOPTED.t(ctx.lang),
                    model.celex
                ))?;
            }
        }
    }
    Ok(crate::EXIT_OK)
}

fn patch_of(
    f: &ProposalFields,
    stage: Option<data::code::ProposalStage>,
    on: Option<chrono::NaiveDate>,
    notes: Option<String>,
    risk: Option<String>,
    no_risk: bool,
) -> anyhow::Result<ProposalPatch> {
    Ok(ProposalPatch {
        procedure: procedure(&f.procedure)?,
        title_fr: f.title_fr.clone(),
        title_nl: f.title_nl.clone(),
        title_en: f.title_en.clone(),
        lead: f.lead.clone(),
        associated: f.associated.clone(),
        competence: stored_competence(&f.competence)?,
        notes,
        risk: if no_risk { Some(None) } else { risk.map(Some) },
        stage: stage.map(|s| (s, on)),
    })
}

/// The stage reached last, with its date.
fn stage_text(ctx: &Ctx<'_>, p: &ProposalView) -> String {
    match p.current_stage() {
        Some(s) => {
            let name = ProposalStage::from(s.stage).label(ctx.lang);
            match s.reached_on {
                Some(d) => format!("{name} ({})", ctx.date(d)),
                None => name.to_owned(),
            }
        }
        None => String::new(),
    }
}

fn show_text(ctx: &Ctx<'_>, p: &ProposalView) -> String {
    let lang = ctx.lang;
    let mut out = format!("{}\n", p.model.com_number);
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("  {label:<24} {value}\n"));
        }
    };
    line(
        l::PROCEDURE.t(lang),
        p.model.procedure.clone().unwrap_or_default(),
    );
    line(l::TITLE.t(lang), p.title(lang).unwrap_or("").to_owned());
    line(
        l::COMPETENCE.t(lang),
        domain::Competence::from(p.model.competence)
            .label(lang)
            .to_owned(),
    );
    line(
        l::LEAD.t(lang),
        p.lead
            .clone()
            .unwrap_or_else(|| domain::words::t(lang, "lead.none").to_owned()),
    );
    line(l::ASSOCIATED.t(lang), p.associated.join(", "));
    for s in &p.stages {
        line(
            ProposalStage::from(s.stage).label(lang),
            s.reached_on
                .map(|d| ctx.date(d))
                .unwrap_or_else(|| l::DATE_UNKNOWN.t(lang).to_owned()),
        );
    }
    line(
        l::DIRECTIVE.t(lang),
        p.directive.clone().unwrap_or_default(),
    );
    line(
        l::RISK.t(lang),
        p.model.risk_reason.clone().unwrap_or_default(),
    );
    line(l::NOTES.t(lang), p.model.notes.clone().unwrap_or_default());
    for n in &p.impact_notes {
        out.push_str(&format!("\n{} — {}\n", l::IMPACT_NOTE.t(lang), n.authority));
        for field in ImpactField::ALL {
            if let Some(text) = n.model.field(field) {
                out.push_str(&format!("  {}: {}\n", field.label(lang), text));
            }
        }
    }
    out
}

/// What `directive show` says of the proposal a directive came from.
pub fn origin_text(lang: Lang, p: &ProposalView) -> String {
    let mut out = format!("\n{}: {}", l::FROM_PROPOSAL.t(lang), p.model.com_number);
    if let Some(proc) = &p.model.procedure {
        out.push_str(&format!(" ({proc})"));
    }
    out.push('\n');
    for n in &p.impact_notes {
        out.push_str(&format!(
            "  {} {}: {}\n",
            l::IMPACT_NOTE.t(lang),
            n.authority,
            n.model
                .field(ImpactField::Summary)
                .unwrap_or(l::NO_SUMMARY.t(lang))
        ));
    }
    out
}

pub async fn impact(ctx: &mut Ctx<'_>, cmd: ImpactCmd) -> anyhow::Result<u8> {
    match cmd {
        ImpactCmd::New { com, authority } => {
            let com = com_number(&com)?;
            let txn = data::begin_write(&ctx.db).await?;
            let note = proposals::impact_new(&txn, &ctx.actor, &com, &authority).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&note)?;
            } else {
                ctx.print(&format!(
                    "{}: {com} {}\n",
                    l::IMPACT_STARTED.t(ctx.lang),
                    note.authority
                ))?;
            }
        }
        ImpactCmd::Set {
            com,
            authority,
            field,
            value,
        } => {
            let com = com_number(&com)?;
            let field = ImpactField::parse(&field).context("--field")?;
            let txn = data::begin_write(&ctx.db).await?;
            let note =
                proposals::impact_set(&txn, &ctx.actor, &com, authority.as_deref(), field, &value)
                    .await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&note)?;
            } else {
                ctx.print(&format!(
                    "{com} {} — {}: {}\n",
                    note.authority,
                    field.label(ctx.lang),
                    note.model.field(field).unwrap_or("")
                ))?;
            }
        }
        ImpactCmd::Show { com } => {
            let com = com_number(&com)?;
            let view = proposals::proposal(&ctx.db, &com).await?;
            if ctx.json {
                ctx.print_json(&view.impact_notes)?;
            } else {
                let text = show_text(ctx, &view);
                ctx.print(&text)?;
            }
        }
    }
    Ok(crate::EXIT_OK)
}

/// `report impact COM --lang fr|nl|both --out DIR`: `impact-COM-2021-557-fr.docx` and `.html`
/// per language.
pub async fn report(
    ctx: &mut Ctx<'_>,
    com: &str,
    langs: &[Lang],
    out: &Path,
) -> anyhow::Result<u8> {
    let com = com_number(com)?;
    let p = proposals::proposal(&ctx.db, &com).await?;
    let names = data::repo::authorities(&ctx.db).await?;
    let name = |code: &str, lang: Lang| {
        names
            .iter()
            .find(|a| a.code == code)
            .map(|a| {
                if lang == Lang::Nl {
                    a.name_nl.clone()
                } else {
                    a.name_fr.clone()
                }
            })
            .unwrap_or_else(|| code.to_owned())
    };
    let directive = p
        .directive
        .as_deref()
        .map(|celex| domain::DirectiveId::parse(celex).map(|id| id.to_string()))
        .transpose()?;
    let stem = com.replace(['(', ')'], "").replace(' ', "-");
    let mut written = Vec::new();
    for &lang in langs {
        let view = report::impact::ImpactView {
            lang,
            generated_on: today(),
            com: com.clone(),
            procedure: p.model.procedure.clone(),
            title: p.title(lang).map(str::to_owned),
            competence: domain::Competence::from(p.model.competence)
                .label(lang)
                .to_owned(),
            lead: p.lead.as_deref().map(|c| name(c, lang)),
            associated: p.associated.iter().map(|c| name(c, lang)).collect(),
            stages: p
                .stages
                .iter()
                .map(|s| {
                    (
                        ProposalStage::from(s.stage).label(lang).to_owned(),
                        s.reached_on,
                    )
                })
                .collect(),
            directive: directive.clone(),
            risk: p.model.risk_reason.clone(),
            notes: p.model.notes.clone(),
            impact_notes: p
                .impact_notes
                .iter()
                .map(|n| report::impact::AuthorityNote {
                    authority: name(&n.authority, lang),
                    fields: ImpactField::ALL
                        .iter()
                        .map(|&f| (f, n.model.field(f).map(str::to_owned)))
                        .collect(),
                })
                .collect(),
        };
        for (ext, bytes) in [
            ("docx", report::impact::docx(&view)?),
            ("html", report::impact::html(&view)?.into_bytes()),
        ] {
            let path = out.join(format!("impact-{stem}-{}.{ext}", lang.code()));
            write_file(&path, &bytes)?;
            written.push(path);
        }
    }
    if ctx.json {
        ctx.print_json(&written)?;
    } else {
        for path in written {
            ctx.print(&format!("{}\n", path.display()))?;
        }
    }
    Ok(crate::EXIT_OK)
}
