//! `scoreboard import tables` and `export tables`: the unit's Excel tables in and out.
//!
//! An import reads the workbook (importer), names every problem with its place, resolves the
//! authorities the rows name, and writes everything in one transaction with its import run — or
//! nothing. What it changed is read back from the history rows of that run, so the report shows
//! exactly what was written (new records, changed fields old -> new), dry run included.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use data::entity::history;
use data::repo::{self, NewImportRun};
use data::TransactionTrait;
use domain::Lang;
use importer::Diagnostic;
use serde_json::json;

use super::import::read;
use super::Ctx;
use crate::labels as l;
use crate::table::{clip, Table};

/// Checks that every authority a row names is known; rows that name an unknown one are taken out
/// of the tables, each with a diagnostic at its place suggesting the closest known authority.
fn resolve_authorities(parsed: &mut importer::tables::TablesImport, known: &[data::entity::authority::Model], file: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut bad = |names: Vec<&String>, place: &importer::tables::RowPlace, field: &str, headers: &importer::tables::TablesImport| {
        let mut ok = true;
        for name in names {
            if repo::find_authority(known, name).is_err() {
                ok = false;
                let column = headers.header(&place.sheet, field).unwrap_or(field).to_owned();
                diagnostics.push(
                    Diagnostic::new(file, name.clone(), repo::authority_expected(known, name)).sheet(&place.sheet).row(place.row).column(&column),
                );
            }
        }
        ok
    };
    let keep_directives: Vec<bool> = parsed
        .tables
        .directives
        .iter()
        .zip(&parsed.directive_places)
        .map(|(row, place)| bad(row.authorities.iter().collect(), place, "authorities", parsed))
        .collect();
    let keep_cases: Vec<bool> = parsed
        .tables
        .cases
        .iter()
        .zip(&parsed.case_places)
        .map(|(row, place)| bad(row.authority.iter().collect(), place, "authority", parsed))
        .collect();
    let mut keep = keep_directives.into_iter();
    parsed.tables.directives.retain(|_| keep.next().unwrap_or(true));
    let mut keep = keep_cases.into_iter();
    parsed.tables.cases.retain(|_| keep.next().unwrap_or(true));
    diagnostics
}

pub async fn import(ctx: &mut Ctx<'_>, file: &Path, dry_run: bool, accept_partial: bool) -> anyhow::Result<u8> {
    let (bytes, hash) = read(file)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut parsed = importer::tables::parse(&bytes, &name)?;
    for (sheet, column) in &parsed.unknown_columns {
        ctx.print(&format!("note: {name}, sheet {sheet}: column \"{column}\" is not one the tool reads; it was left aside\n"))?;
    }
    let known = repo::authorities(&ctx.db).await?;
    let mut diagnostics = std::mem::take(&mut parsed.diagnostics);
    diagnostics.extend(resolve_authorities(&mut parsed, &known, &name));
    if !diagnostics.is_empty() && !accept_partial {
        let mut text = format!("{name}: {} problem(s); nothing was written (fix them, or use --accept-partial)\n", diagnostics.len());
        for d in &diagnostics {
            text.push_str(&format!("  {d}\n"));
        }
        ctx.print(&text)?;
        return Ok(crate::EXIT_ATTENTION);
    }
    let lang = parsed.lang.unwrap_or(ctx.lang);
    let rows = parsed.tables.directives.len() + parsed.tables.cases.len();

    let txn = ctx.db.begin().await?;
    let actor = repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: "tables".into(),
            file_name: file.display().to_string(),
            file_hash: hash,
            outcome: if dry_run { "dry-run" } else if diagnostics.is_empty() { "complete" } else { "partial" }.into(),
            counts: json!({"directives": parsed.tables.directives.len(), "cases": parsed.tables.cases.len(), "rejected": diagnostics.len(), "lang": lang.code()}),
            diagnostics: serde_json::to_value(&diagnostics)?,
        },
    )
    .await?;
    let not_in_file = data::tables::apply(&txn, &actor, &parsed.tables, lang).await?;
    let run = actor.import_run.context("the import run was not recorded")?;
    let written: Vec<history::Model> = repo::history_of_run(&txn, run).await?.into_iter().filter(|h| h.table_name != "import_run").collect();
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    if ctx.json {
        return ctx
            .print_json(&json!({"file": name, "dry_run": dry_run, "rows": rows, "written": written, "not_in_file": not_in_file, "rejected": diagnostics}))
            .map(|_| crate::EXIT_OK);
    }
    let text = report(ctx.lang, &name, dry_run, rows, &written, &not_in_file, &diagnostics);
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

fn report(lang: Lang, name: &str, dry_run: bool, rows: usize, written: &[history::Model], not_in_file: &[String], rejected: &[Diagnostic]) -> String {
    // Grouped by the key people know a record by (a CELEX, a case number): the records created
    // under it, and the fields changed (old -> new).
    let mut by_key: BTreeMap<&str, (BTreeMap<&str, std::collections::BTreeSet<i32>>, Vec<&history::Model>)> = BTreeMap::new();
    for h in written {
        let entry = by_key.entry(h.record_key.as_str()).or_default();
        if h.action == "insert" {
            entry.0.entry(h.table_name.as_str()).or_default().insert(h.record_id);
        } else {
            entry.1.push(h);
        }
    }
    let new = by_key.values().filter(|(created, _)| created.contains_key("directive") || created.contains_key("infringement_case")).count();
    let changed = by_key.len() - new;
    let mut s = String::new();
    if dry_run {
        s.push_str(l::DRY_RUN.t(lang));
        s.push('\n');
    }
    s.push_str(&format!(
        "{name}: {rows} {}; {new} {}, {changed} {}, {} {}\n",
        l::ROWS.t(lang),
        l::NEW_RECORDS.t(lang),
        l::CHANGED_RECORDS.t(lang),
        rows.saturating_sub(by_key.len()),
        l::UNCHANGED.t(lang),
    ));
    if by_key.is_empty() {
        s.push_str(l::NOTHING_CHANGED_TABLES.t(lang));
        s.push('\n');
    } else {
        let mut t = Table::new(&[l::RECORD.t(lang), l::CHANGE.t(lang), l::OLD.t(lang), l::NEW.t(lang)]);
        for (key, (created, updates)) in &by_key {
            if !created.is_empty() {
                let what: Vec<String> = created.iter().map(|(table, ids)| format!("{} {table}", ids.len())).collect();
                t.row(vec![key.to_string(), format!("{}: {}", l::NEW_ONE.t(lang), what.join(", ")), String::new(), String::new()]);
            }
            for h in updates {
                t.row(vec![
                    key.to_string(),
                    format!("{} {}", h.table_name, h.field),
                    clip(h.old_value.as_deref().unwrap_or(""), 30),
                    clip(h.new_value.as_deref().unwrap_or(""), 30),
                ]);
            }
        }
        s.push_str(&t.render());
    }
    if !not_in_file.is_empty() {
        s.push_str(&format!("{} ({}): {}\n", l::NOT_IN_FILE.t(lang), not_in_file.len(), not_in_file.join(", ")));
    }
    for d in rejected {
        s.push_str(&format!("{}: {d}\n", l::REJECTED.t(lang)));
    }
    s
}

pub async fn export(ctx: &mut Ctx<'_>, file: &Path, as_of: NaiveDate) -> anyhow::Result<u8> {
    let tables = data::tables::build(&ctx.db, ctx.lang, as_of).await?;
    let created = ctx.actor.at.naive_utc();
    let bytes = report::tables::export(&tables, ctx.lang, created)?;
    // Written beside, then renamed: a failure never leaves half a workbook under the name asked for.
    let partial = file.with_extension("xlsx.partial");
    std::fs::write(&partial, &bytes).with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, file).with_context(|| format!("cannot write {}", file.display()))?;
    ctx.print(&format!(
        "{}: {} {}, {} {}\n",
        file.display(),
        tables.directives.len(),
        l::DIRECTIVES.t(ctx.lang).to_lowercase(),
        tables.cases.len(),
        l::OPEN_CASES.t(ctx.lang)
    ))?;
    Ok(crate::EXIT_OK)
}
