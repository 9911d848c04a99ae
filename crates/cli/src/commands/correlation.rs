//! `directive articles` and `correlation`: a directive's provisions read from its text (a saved
//! EUR-Lex page, or CELLAR's XHTML manifestation), and the Region's correlation table: exported
//! as a workbook for the administration to fill, imported back whole or not at all.

use std::path::Path;

use anyhow::Context;
use data::code::{CorrelationState as StoredState, ImportOutcome, ImportSource};
use data::correlation::{self as store, CorrelationTable, NewLine, ProvisionRead};
use data::entity::{directive, measure};
use data::repo::NewImportRun;
use domain::provision::measure_reference;
use domain::words::fill;
use domain::{DirectiveId, Lang, Provision};
use serde_json::json;

use super::Ctx;
use super::directive::parse_directive;
use super::import::read;
use super::meetings::write_file;
use crate::args::{CorrelationCmd, NetArgs};
use crate::net::{Fetcher, Request};

pub async fn run(ctx: &mut Ctx<'_>, cmd: CorrelationCmd) -> anyhow::Result<u8> {
    match cmd {
        CorrelationCmd::Export { directive, file } => export(ctx, &directive, &file).await,
        CorrelationCmd::Import { file } => import(ctx, &file).await,
        CorrelationCmd::Show { directive } => show(ctx, &directive).await,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

async fn tracked(ctx: &Ctx<'_>, text: &str) -> anyhow::Result<(DirectiveId, directive::Model)> {
    let id = parse_directive(text)?;
    let row = data::repo::directive_by_celex(&ctx.db, &id.celex())
        .await?
        .with_context(|| {
            format!("the directive {id} is not tracked (directive add {id}); nothing was written")
        })?;
    Ok((id, row))
}

/// The language CELLAR is asked for the text in: `--lang` (French and Dutch are the Region's;
/// English is the Journal's working copy).
fn cellar_language(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fra",
        Lang::Nl => "nld",
        Lang::En => "eng",
    }
}

/// `directive articles`: reads the directive's provisions from `--from FILE` or from CELLAR, and
/// records them (a provision the correlation table uses is never dropped).
pub async fn articles(
    ctx: &mut Ctx<'_>,
    text: &str,
    from: Option<&Path>,
    cellar: &str,
    net: &NetArgs,
    database_url: &str,
) -> anyhow::Result<u8> {
    let (id, row) = tracked(ctx, text).await?;
    let (bytes, source) = match from {
        Some(path) => (read(path)?.0, file_name(path)),
        None => {
            // A directive's text from CELLAR: GET .../resource/celex/{CELEX} with
            // `Accept: application/xhtml+xml` and a three-letter `Accept-Language`, answered by a
            // 303 to the expression's XHTML item (`.../resource/cellar/{uuid}.0006.03/DOC_1`), as
            // public code fetches it: `MarekFish93/paytransparency`,
            // `packages/country-data/scripts/fetch-directive.ts` (which records the 303, the
            // three-letter languages and a 404 for an unknown CELEX), and
            // `michalovadek/eurlex`, `R/elx_fetch_data.R` (the same address; a 300 for a text
            // published in several documents, not read here: save the page and use --from).
            let url = format!("{}/{}", cellar.trim_end_matches('/'), id.celex());
            let opts = super::sync::net_options(net, ctx.connect_timeout, database_url, cellar)?;
            let mut fetcher = Fetcher::new("CELLAR", cellar, opts)?;
            let req = Request::text(url.clone(), cellar_language(ctx.lang), id.to_string());
            let bytes = fetcher.fetch(&req).await.with_context(|| {
                format!(
                    "the text of {id} from CELLAR (a text held in several documents is answered with a list, HTTP 300: save the page from EUR-Lex and use --from)"
                )
            })?;
            (bytes, url)
        }
    };
    let parsed = importer::articles::parse_articles(&bytes, &source, &ctx.limits)?;
    let named = parsed.directive;
    if named != id {
        anyhow::bail!("{source}: the text is Directive {named}, not {id}; nothing was written");
    }
    let read_provisions: Vec<ProvisionRead> = parsed
        .provisions
        .iter()
        .map(|p| ProvisionRead {
            code: p.provision.code(),
            heading: p.heading.clone(),
            excerpt: Some(p.excerpt.clone()).filter(|e| !e.is_empty()),
        })
        .collect();
    let txn = data::begin_write(&ctx.db).await?;
    let change = store::set_provisions(&txn, &ctx.actor, &row, &read_provisions).await?;
    txn.commit().await?;
    let lang = ctx.lang;
    let articles = parsed
        .provisions
        .iter()
        .map(|p| p.provision.article())
        .collect::<std::collections::BTreeSet<_>>();
    if ctx.json {
        ctx.print_json(&json!({
            "directive": id.to_string(),
            "source": source,
            "provisions": parsed.provisions.iter().map(|p| json!({"code": p.provision.code(), "heading": p.heading, "excerpt": p.excerpt})).collect::<Vec<_>>(),
            "change": change,
        }))?;
        return Ok(crate::EXIT_OK);
    }
    let mut out = fill(
        lang,
        "cli.articles_read",
        &[
            ("directive", &id.to_string()),
            ("source", &source),
            (
                "articles",
                &articles
                    .iter()
                    .filter(|p| matches!(p, Provision::Article { .. }))
                    .count()
                    .to_string(),
            ),
            (
                "annexes",
                &articles
                    .iter()
                    .filter(|p| matches!(p, Provision::Annex(_)))
                    .count()
                    .to_string(),
            ),
            ("provisions", &parsed.provisions.len().to_string()),
        ],
    ) + "\n";
    out += &fill(
        lang,
        "cli.articles_change",
        &[
            ("added", &change.added.len().to_string()),
            ("changed", &change.changed.len().to_string()),
            ("removed", &change.removed.len().to_string()),
            ("unchanged", &change.unchanged.to_string()),
        ],
    );
    out.push('\n');
    let mut t = crate::table::Table::new(&[
        domain::words::t(lang, "correlation.col_provision"),
        domain::words::t(lang, "correlation.col_heading"),
        domain::words::t(lang, "correlation.col_excerpt"),
    ]);
    for p in &parsed.provisions {
        t.row(vec![
            p.provision.label(lang),
            crate::table::clip(p.heading.as_deref().unwrap_or(""), 40),
            crate::table::clip(&p.excerpt, 60),
        ]);
    }
    out += &t.render();
    ctx.print(&out)?;
    Ok(crate::EXIT_OK)
}

fn measure_title(m: &measure::Model, lang: Lang) -> Option<&str> {
    match lang {
        Lang::Nl => m.title_nl.as_deref().or(m.title_fr.as_deref()),
        _ => m.title_fr.as_deref().or(m.title_nl.as_deref()),
    }
}

/// A measure's reference in `lang` (the measure column of the table).
pub fn reference(m: &measure::Model, lang: Lang) -> String {
    measure_reference(
        m.id,
        m.kind.into(),
        m.adopted_on,
        measure_title(m, lang),
        lang,
    )
}

/// Every name a table may give a measure: its reference in each language, its titles, its
/// CELEX.
fn measure_names(m: &measure::Model) -> Vec<String> {
    let mut names: Vec<String> = [Lang::Fr, Lang::Nl, Lang::En]
        .iter()
        .map(|&l| reference(m, l))
        .collect();
    names.extend(
        [&m.title_fr, &m.title_nl, &m.celex]
            .into_iter()
            .flatten()
            .cloned(),
    );
    names.dedup();
    names
}

fn directive_title(row: &directive::Model, lang: Lang) -> Option<String> {
    let own = match lang {
        Lang::Nl => &row.title_nl,
        Lang::Fr => &row.title_fr,
        Lang::En => &row.title_en,
    };
    own.clone()
        .or(row.title_en.clone())
        .or(row.title_fr.clone())
        .or(row.title_nl.clone())
}

/// The table in `lang`, for the administration to fill (`to_fill`) or as the dossier sends it.
pub fn sheet(
    row: &directive::Model,
    table: &CorrelationTable,
    lang: Lang,
    to_fill: bool,
) -> report::correlation::Sheet {
    let mut rows = Vec::new();
    for p in &table.provisions {
        let base = |line: Option<&data::entity::correlation::Model>| report::correlation::Row {
            provision: p.provision.code.clone(),
            heading: p.provision.heading.clone(),
            excerpt: p.provision.excerpt.clone(),
            measure: line
                .and_then(|l| l.measure_id)
                .and_then(|id| table.measure(id))
                .map(|m| reference(m, lang)),
            regional: line.and_then(|l| l.regional_provisions.clone()),
            state: line.map_or(domain::CorrelationState::ToDo, |l| l.state.into()),
            reason: line.and_then(|l| l.reason.clone()),
        };
        if p.lines.is_empty() {
            rows.push(base(None));
        } else {
            rows.extend(p.lines.iter().map(|l| base(Some(l))));
        }
    }
    report::correlation::Sheet {
        lang,
        directive: store::directive_number(row),
        title: directive_title(row, lang),
        rows,
        measures: table
            .measures
            .iter()
            .map(|m| report::correlation::MeasureLine {
                reference: reference(m, lang),
                title: measure_title(m, lang).map(str::to_owned),
                published: m.published_on.map(|d| lang.format_date(d)),
            })
            .collect(),
        coverage: table.coverage(),
        to_fill,
    }
}

async fn export(ctx: &mut Ctx<'_>, text: &str, file: &Path) -> anyhow::Result<u8> {
    let (id, row) = tracked(ctx, text).await?;
    let table = store::table(&ctx.db, row.id).await?;
    if table.provisions.is_empty() {
        anyhow::bail!(
            "the provisions of {id} are not known yet: read them first (directive articles {id} --from PAGE.html); nothing was written"
        );
    }
    let lang = ctx.lang;
    let bytes =
        report::correlation::xlsx(&sheet(&row, &table, lang, true), ctx.actor.at.naive_utc())?;
    write_file(file, &bytes)?;
    if ctx.json {
        ctx.print_json(
            &json!({"directive": id.to_string(), "file": file, "coverage": table.coverage()}),
        )?;
    } else {
        ctx.print(&format!("→ {}\n", file.display()))?;
    }
    Ok(crate::EXIT_OK)
}

/// Reads a filled table back and records all its lines in one transaction, or none when it has
/// a diagnostic (exit code 2).
async fn import(ctx: &mut Ctx<'_>, path: &Path) -> anyhow::Result<u8> {
    let (bytes, hash) = read(path)?;
    let name = file_name(path);
    let lang = ctx.lang;
    let refused = |ctx: &mut Ctx<'_>, diagnostics: &[importer::Diagnostic]| -> anyhow::Result<u8> {
        if ctx.json {
            ctx.print_json(&json!({"file": name, "written": false, "diagnostics": diagnostics}))?;
        } else {
            let mut text = fill(
                lang,
                "cli.correlation_import_refused",
                &[("file", &name), ("n", &diagnostics.len().to_string())],
            ) + "\n";
            for d in diagnostics {
                text.push_str(&format!("  {d}\n"));
            }
            ctx.print(&text)?;
        }
        Ok(crate::EXIT_REFUSED)
    };
    let id = match importer::correlation::directive_named(&bytes, &name, &ctx.limits)? {
        Ok(id) => id,
        Err(d) => return refused(ctx, &[d]),
    };
    let Some(row) = data::repo::directive_by_celex(&ctx.db, &id.celex()).await? else {
        anyhow::bail!("{name}: the directive {id} is not tracked; nothing was written");
    };
    let table = store::table(&ctx.db, row.id).await?;
    let provisions: Vec<Provision> = table
        .provisions
        .iter()
        .map(|p| Provision::parse(&p.provision.code))
        .collect::<Result<_, _>>()
        .context("a provision stored for the directive")?;
    if provisions.is_empty() {
        anyhow::bail!(
            "{name}: the provisions of {id} are not known yet (directive articles {id} --from PAGE.html); nothing was written"
        );
    }
    let known = importer::correlation::Known {
        directive: id,
        provisions: provisions.clone(),
        measures: table
            .measures
            .iter()
            .map(|m| (m.id, measure_names(m)))
            .collect(),
    };
    let parsed = importer::correlation::read(&bytes, &name, &known, &ctx.limits)?;
    if !parsed.diagnostics.is_empty() {
        return refused(ctx, &parsed.diagnostics);
    }
    let id_of = |p: &Provision| {
        provisions
            .iter()
            .position(|k| k == p)
            .map(|i| table.provisions[i].provision.id)
    };
    let mut lines = Vec::new();
    for l in &parsed.lines {
        for p in &l.provisions {
            let provision_id = id_of(p).context("a provision the reader checked")?;
            lines.push(NewLine {
                provision_id,
                measure_id: l.measure,
                state: StoredState::from(l.state),
                regional_provisions: l.regional.clone(),
                reason: l.reason.clone(),
            });
        }
    }
    let txn = data::begin_write(&ctx.db).await?;
    let actor = data::repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Correlation,
            file_name: path.display().to_string(),
            file_hash: hash,
            outcome: ImportOutcome::Complete,
            counts: json!({"directive": id.to_string(), "lines": parsed.lines.len()}),
            diagnostics: json!([]),
        },
    )
    .await?;
    let applied = store::apply(&txn, &actor, &row, &lines).await?;
    if applied.added + applied.changed + applied.removed > 0 {
        txn.commit().await?;
    } else {
        // Nothing changes: not even the import run is written.
        txn.rollback().await?;
    }
    let coverage = store::table(&ctx.db, row.id).await?.coverage();
    if ctx.json {
        ctx.print_json(&json!({"file": name, "directive": id.to_string(), "written": applied.added + applied.changed + applied.removed > 0, "applied": applied, "coverage": coverage}))?;
        return Ok(crate::EXIT_OK);
    }
    let mut text = fill(
        lang,
        "cli.correlation_imported",
        &[
            ("directive", &id.to_string()),
            ("added", &applied.added.to_string()),
            ("changed", &applied.changed.to_string()),
            ("removed", &applied.removed.to_string()),
            ("unchanged", &applied.unchanged.to_string()),
            ("not_listed", &applied.not_listed.to_string()),
        ],
    ) + "\n";
    text += &coverage_line(lang, &coverage);
    text.push('\n');
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

/// "Correlation table: 12 of 40 provisions covered (10 transposed, 2 not applicable), 28 to do".
pub fn coverage_line(lang: Lang, c: &domain::Coverage) -> String {
    if c.provisions == 0 {
        return domain::words::t(lang, "cli.correlation_unknown").to_owned();
    }
    fill(
        lang,
        "cli.correlation_coverage",
        &[
            ("covered", &c.covered().to_string()),
            ("provisions", &c.provisions.to_string()),
            ("transposed", &c.transposed.to_string()),
            ("not_applicable", &c.not_applicable.to_string()),
            ("to_do", &c.to_do.to_string()),
        ],
    )
}

async fn show(ctx: &mut Ctx<'_>, text: &str) -> anyhow::Result<u8> {
    let (_, row) = tracked(ctx, text).await?;
    let table = store::table(&ctx.db, row.id).await?;
    if ctx.json {
        ctx.print_json(&json!({"directive": store::directive_number(&row), "coverage": table.coverage(), "table": table}))?;
        return Ok(crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let s = sheet(&row, &table, lang, false);
    let mut out = coverage_line(lang, &s.coverage) + "\n";
    let w = |k: &'static str| domain::words::t(lang, k);
    let mut t = crate::table::Table::new(&[
        w("correlation.col_provision"),
        w("correlation.col_measure"),
        w("correlation.col_regional"),
        w("correlation.col_state"),
        w("correlation.col_reason"),
    ]);
    for r in &s.rows {
        t.row(vec![
            r.provision.clone(),
            crate::table::clip(r.measure.as_deref().unwrap_or(""), 34),
            crate::table::clip(r.regional.as_deref().unwrap_or(""), 24),
            r.state.label(lang).to_owned(),
            crate::table::clip(r.reason.as_deref().unwrap_or(""), 40),
        ]);
    }
    out += &t.render();
    ctx.print(&out)?;
    Ok(crate::EXIT_OK)
}
