//! `sync eurlex --proposals`: the Commission's proposals for directives from CELLAR. With
//! `--published-since DATE`, those published since the date (listed; `proposal add` follows
//! one); and for every proposal followed and not adopted yet, the procedure that holds it and the
//! directive it produced: a proposal whose procedure produced one directive is adopted into it
//! (`data::proposals::adopt`, the deadlines left to `sync eurlex --celex`), one the procedure's
//! record marks withdrawn gets the stage "withdrawn", a missing procedure number is filled in.
//!
//! The queries and the CDM properties they follow, with their sources, are
//! `importer::proposals`'s. Everything is fetched and read first, then written in one transaction
//! with its import run; what cannot be read is listed with its row and value.

use anyhow::Context;
use data::code::{ImportOutcome, ImportSource, ProposalStage};
use data::repo::NewImportRun;
use domain::ComNumber;
use domain::records::{EurlexProposal, ProposalOutcome};
use importer::Diagnostic;
use importer::proposals as source;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::sync::{EURLEX, fetch_pages, join_pages, net_options, refused};
use super::{Ctx, parse_date};
use crate::args::SyncEurlex;
use crate::labels as l;
use crate::net::{Fetcher, Request};
use crate::table::{Table, clip};

/// Rows per page of the published-since query.
const PAGE: usize = 500;
/// Proposals per outcome query.
const BATCH: usize = 20;

/// What the run changed in the database.
#[derive(serde::Serialize, Default)]
struct Changes {
    /// (COM number, directive CELEX)
    adopted: Vec<(String, String)>,
    withdrawn: Vec<String>,
    /// (COM number, procedure)
    procedures: Vec<(String, String)>,
    /// Proposals whose procedure produced several directives: adopt by hand.
    several: Vec<(String, Vec<String>)>,
}

pub async fn run(ctx: &mut Ctx<'_>, a: SyncEurlex, database_url: &str) -> anyhow::Result<u8> {
    let since = a
        .published_since
        .as_deref()
        .map(|t| parse_date(t).context("--published-since"))
        .transpose()?;
    let followed = data::proposals::proposals(&ctx.db).await?;
    let open: Vec<ComNumber> = followed
        .iter()
        .filter(|p| p.directive.is_none())
        .map(|p| ComNumber::parse(&p.model.com_number))
        .collect::<Result<_, _>>()?;
    if since.is_none() && open.is_empty() {
        anyhow::bail!(
            "nothing to fetch: no proposal followed is waiting for its directive; give --published-since DATE to list new proposals"
        );
    }
    let opts = net_options(&a.net, ctx.connect_timeout, database_url, &a.endpoint)?;
    let mut f = Fetcher::new(EURLEX, &a.endpoint, opts)?;
    let limits = ctx.limits.clone();
    let mut hash = Sha256::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut listed: Vec<EurlexProposal> = Vec::new();
    if let Some(since) = since {
        let what = format!("the proposals for directives published since {since}");
        let pages = fetch_pages(
            &mut f,
            &a.endpoint,
            &what,
            |offset| source::proposals_since_query(since, PAGE, offset),
            |b, o| source::parse_proposals(b, o, &limits).map(|_| ()),
            &mut hash,
        )
        .await?;
        let origin = format!("{EURLEX}: the answer of {} about {what}", a.endpoint);
        let (records, d) =
            source::parse_proposals(&join_pages(&pages), &origin, &limits).map_err(refused)?;
        diagnostics.extend(d);
        listed = records;
    }
    let mut outcomes: Vec<ProposalOutcome> = Vec::new();
    for chunk in open.chunks(BATCH) {
        let body = f
            .fetch(&Request::sparql(
                &a.endpoint,
                &source::proposal_outcome_query(chunk),
            ))
            .await?;
        let origin = format!(
            "{EURLEX}: the answer of {} about the procedures of {}... ({} proposals)",
            a.endpoint,
            chunk.first().map(|c| c.to_string()).unwrap_or_default(),
            chunk.len()
        );
        let (records, d) = source::parse_outcomes(&body, &origin, &limits).map_err(refused)?;
        hash.update(&body);
        diagnostics.extend(d);
        outcomes.extend(records);
    }

    let txn = data::begin_write(&ctx.db).await?;
    let actor = data::repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Eurlex,
            file_name: format!("{} (proposals)", a.endpoint),
            file_hash: hex::encode(hash.finalize()),
            outcome: if diagnostics.is_empty() {
                ImportOutcome::Complete
            } else {
                ImportOutcome::Partial
            },
            counts: json!({"proposals_listed": listed.len(), "outcomes": outcomes.len()}),
            diagnostics: serde_json::to_value(&diagnostics)?,
        },
    )
    .await?;
    let mut changes = Changes::default();
    for o in &outcomes {
        let com = o.com.to_string();
        let Some(p) = followed.iter().find(|p| p.model.com_number == com) else {
            continue;
        };
        if p.model.procedure.is_none()
            && let [one] = o.procedures.as_slice()
        {
            let patch = data::proposals::ProposalPatch {
                procedure: Some(one.to_string()),
                ..Default::default()
            };
            data::proposals::set_proposal(&txn, &actor, &com, &patch).await?;
            changes.procedures.push((com.clone(), one.to_string()));
        }
        match o.directives.as_slice() {
            [] => {
                if o.withdrawn == Some(true)
                    && !p.stages.iter().any(|s| s.stage == ProposalStage::Withdrawn)
                {
                    data::proposals::set_stage(
                        &txn,
                        &actor,
                        &p.model,
                        ProposalStage::Withdrawn,
                        None,
                    )
                    .await?;
                    changes.withdrawn.push(com.clone());
                }
            }
            [one] => {
                data::proposals::adopt(&txn, &actor, &com, &one.id, &[], one.adopted_on).await?;
                changes.adopted.push((com.clone(), one.celex.clone()));
            }
            several => changes.several.push((
                com.clone(),
                several.iter().map(|d| d.celex.clone()).collect(),
            )),
        }
    }
    let wrote = !changes.adopted.is_empty()
        || !changes.withdrawn.is_empty()
        || !changes.procedures.is_empty();
    if wrote || !diagnostics.is_empty() {
        txn.commit().await?;
    } else {
        txn.rollback().await?;
    }
    print(ctx, &listed, &followed, &changes, &diagnostics)?;
    Ok(if diagnostics.is_empty() {
        crate::EXIT_OK
    } else {
        crate::EXIT_ATTENTION
    })
}

fn print(
    ctx: &mut Ctx<'_>,
    listed: &[EurlexProposal],
    followed: &[data::proposals::ProposalView],
    changes: &Changes,
    diagnostics: &[Diagnostic],
) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(&json!({
            "published": listed,
            "changes": changes,
            "diagnostics": diagnostics,
        }));
    }
    let lang = ctx.lang;
    let mut out = String::new();
    if !listed.is_empty() {
        let mut t = Table::new(&[
            l::PROPOSAL.t(lang),
            l::DATE.t(lang),
            l::PROCEDURE.t(lang),
            l::TITLE.t(lang),
            l::FOLLOWED.t(lang),
        ]);
        for p in listed {
            let title = match lang {
                domain::Lang::Nl => p.title_nl.as_ref(),
                domain::Lang::Fr => p.title_fr.as_ref(),
                domain::Lang::En => p.title_en.as_ref(),
            }
            .or(p.title_en.as_ref())
            .or(p.title_fr.as_ref())
            .cloned()
            .unwrap_or_default();
            let com = p.com.to_string();
            t.row(vec![
                com.clone(),
                ctx.opt_date(p.date),
                p.procedures
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                clip(&title, 70),
                if followed.iter().any(|f| f.model.com_number == com) {
                    l::YES.t(lang).to_owned()
                } else {
                    String::new()
                },
            ]);
        }
        out.push_str(&t.render());
    }
    for (com, celex) in &changes.adopted {
        out.push_str(&format!(
            "{}: {com} → {celex}\n",
            l::PROPOSAL_ADOPTED.t(lang)
        ));
    }
    for com in &changes.withdrawn {
        out.push_str(&format!(
            "{com}: {}\n",
            domain::ProposalStage::Withdrawn.label(lang)
        ));
    }
    for (com, procedure) in &changes.procedures {
        out.push_str(&format!("{com}: {} {procedure}\n", l::PROCEDURE.t(lang)));
    }
    for (com, celexes) in &changes.several {
        out.push_str(&format!(
            "{com}: {} {}\n",
            l::SEVERAL_DIRECTIVES.t(lang),
            celexes.join(", ")
        ));
    }
    for d in diagnostics {
        out.push_str(&format!("{d}\n"));
    }
    ctx.print(&out)
}
