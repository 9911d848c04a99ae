//! `scoreboard import tables` and `export tables`: the unit's Excel tables in and out.
//!
//! An import reads the workbook (importer), names every problem with its place, resolves the
//! authorities the rows name, and writes everything in one transaction with its import run — or
//! nothing. What it changed is read back from the history rows of that run, so the report shows
//! exactly what was written (new records, changed fields old -> new), dry run included.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use data::code::{ImportOutcome, ImportSource};
use data::entity::history;
use data::repo::{self, NewImportRun};
use domain::Lang;
use importer::Diagnostic;
use importer::tables::{ColumnMapping, ColumnReason, TablesImport};
use serde_json::json;

use super::Ctx;
use super::import::read;
use crate::labels as l;
use crate::table::{Table, clip};

/// Checks that every authority a row names is known; rows that name an unknown one are taken out
/// of the tables, each with a diagnostic at its place suggesting the closest known authority.
fn resolve_authorities(
    parsed: &mut importer::tables::TablesImport,
    known: &[data::entity::authority::Model],
    file: &str,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let index = repo::AuthorityNames::new(known.to_vec());
    let mut bad = |names: Vec<&String>,
                   place: &importer::tables::RowPlace,
                   field: &str,
                   headers: &importer::tables::TablesImport| {
        let mut ok = true;
        for name in names {
            if index.id_of(name).is_err() {
                ok = false;
                let column = headers
                    .header(&place.sheet, field)
                    .unwrap_or(field)
                    .to_owned();
                diagnostics.push(
                    Diagnostic::new(file, name.clone(), repo::authority_expected(known, name))
                        .sheet(&place.sheet)
                        .row(place.row)
                        .column(&column),
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
        .map(|(row, place)| {
            bad(
                row.authorities.iter().collect(),
                place,
                "authorities",
                parsed,
            )
        })
        .collect();
    let keep_cases: Vec<bool> = parsed
        .tables
        .cases
        .iter()
        .zip(&parsed.case_places)
        .map(|(row, place)| bad(row.authority.iter().collect(), place, "authority", parsed))
        .collect();
    let mut keep = keep_directives.into_iter();
    parsed
        .tables
        .directives
        .retain(|_| keep.next().unwrap_or(true));
    let mut keep = keep_cases.into_iter();
    parsed.tables.cases.retain(|_| keep.next().unwrap_or(true));
    diagnostics
}

/// What `import tables` was asked for.
pub struct ImportOptions {
    pub dry_run: bool,
    pub accept_partial: bool,
    /// `--column "HEADER=field"`, as typed.
    pub columns: Vec<String>,
    /// `--columns`: show how the columns are read, write nothing.
    pub show_columns: bool,
}

/// The fields a table can carry that are worth saying it does not (the row number and a separate
/// associated-authorities column are not missed).
fn missing_fields(parsed: &TablesImport, sheet: &str, table: &str) -> Vec<&'static str> {
    let (directive_fields, case_fields) = importer::tables::field_names();
    let all = if table == "cases" {
        case_fields
    } else {
        directive_fields
    };
    all.into_iter()
        .filter(|f| !["row_number", "associated"].contains(f))
        .filter(|f| {
            !parsed
                .columns
                .iter()
                .any(|c| c.sheet == sheet && c.field == Some(*f))
        })
        .collect()
}

/// A sheet of the file, its table ("directives" or "cases") and the fields it does not carry.
type SheetFields = (String, &'static str, Vec<&'static str>);

/// The sheets of the file with their table and the columns they lack, in the file's order.
fn sheets(parsed: &TablesImport) -> Vec<SheetFields> {
    let mut out: Vec<SheetFields> = Vec::new();
    for c in &parsed.columns {
        if !out.iter().any(|(s, _, _)| *s == c.sheet) {
            out.push((
                c.sheet.clone(),
                c.table,
                missing_fields(parsed, &c.sheet, c.table),
            ));
        }
    }
    out
}

/// The columns of a sheet as the user sees them, to say what was found.
fn headers_seen(parsed: &TablesImport, sheet: &str) -> String {
    parsed
        .columns
        .iter()
        .filter(|c| c.sheet == sheet)
        .map(|c| format!("\"{}\"", c.header))
        .collect::<Vec<_>>()
        .join(", ")
}

/// New directives need a deadline column, new cases a decision-date column: without one, what
/// the file brings would be stored without the one date everything else is judged on. A file
/// that only updates known records may leave them out.
fn refuse_new_records_without_dates(
    parsed: &TablesImport,
    sheets: &[SheetFields],
    known_directives: &HashSet<String>,
    known_cases: &HashSet<String>,
    name: &str,
) -> Vec<String> {
    /// The rows of `sheet` whose record the database does not know, as people write them.
    fn new_rows<T>(
        rows: &[T],
        places: &[importer::tables::RowPlace],
        sheet: &str,
        new: impl Fn(&T) -> Option<String>,
    ) -> Vec<String> {
        rows.iter()
            .zip(places)
            .filter(|(_, place)| place.sheet == sheet)
            .filter_map(|(row, _)| new(row))
            .collect()
    }
    let mut problems = Vec::new();
    for (sheet, table, missing) in sheets {
        let t = &parsed.tables;
        let (needed, rows) = if *table == "cases" {
            let new = |r: &domain::tables::CaseRow| {
                let number = r.number.to_string();
                (!known_cases.contains(&number)).then_some(number)
            };
            (
                "decided",
                new_rows(&t.cases, &parsed.case_places, sheet, new),
            )
        } else {
            let new = |r: &domain::tables::DirectiveRow| {
                (!known_directives.contains(&r.id.celex())).then(|| r.id.to_string())
            };
            (
                "deadlines",
                new_rows(&t.directives, &parsed.directive_places, sheet, new),
            )
        };
        if rows.is_empty() || !missing.contains(&needed) {
            continue;
        }
        let what = if needed == "decided" {
            "a decision-date column"
        } else {
            "a transposition-deadline column"
        };
        let shown: Vec<&str> = rows.iter().take(5).map(String::as_str).collect();
        let more = if rows.len() > shown.len() {
            format!(" and {} more", rows.len() - shown.len())
        } else {
            String::new()
        };
        problems.push(format!(
            "{name}, sheet {sheet}: {} new {table} ({}{more}) but no column the tool reads as {what}; the columns are {}. \
             If one of them holds it, map it: --column \"HEADER={needed}\" (`import tables FILE --columns` shows how each column is read)",
            rows.len(),
            shown.join(", "),
            headers_seen(parsed, sheet),
        ));
    }
    problems
}

/// `import tables FILE --columns`: each column, the field it fills or why it is left aside, and
/// three values from under it.
fn print_columns(ctx: &mut Ctx<'_>, parsed: &TablesImport) -> anyhow::Result<u8> {
    if ctx.json {
        return ctx.print_json(&parsed.columns).map(|_| crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let mut t = Table::new(&[
        l::SHEET.t(lang),
        l::COLUMN.t(lang),
        l::HEADER.t(lang),
        l::READ_AS.t(lang),
        l::SAMPLES.t(lang),
    ]);
    for c in &parsed.columns {
        let read_as = match (&c.field, &c.reason) {
            (Some(f), ColumnReason::Mapped) => format!("{f} (--column)"),
            (Some(f), _) => (*f).to_owned(),
            (None, reason) => format!("{} ({})", l::LEFT_ASIDE.t(lang), reason_text(reason)),
        };
        t.row(vec![
            format!("{} ({})", c.sheet, c.table),
            c.column.clone(),
            clip(&c.header, 40),
            read_as,
            clip(&c.samples.join(" | "), 60),
        ]);
    }
    let mut text = t.render();
    for (sheet, table, missing) in sheets(parsed) {
        if !missing.is_empty() {
            text.push_str(&format!(
                "{sheet} ({table}): {}: {}\n",
                l::NOT_CARRIED.t(lang),
                missing.join(", ")
            ));
        }
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

fn reason_text(reason: &ColumnReason) -> String {
    match reason {
        ColumnReason::Vocabulary | ColumnReason::Mapped => String::new(),
        ColumnReason::Ignored => "--column …=ignore".to_owned(),
        ColumnReason::Unknown => "unknown header".to_owned(),
        ColumnReason::Ambiguous(keys) => format!("could be {}", keys.join(" or ")),
        ColumnReason::OtherTable(key) => format!("{key} belongs to the other table"),
        ColumnReason::Duplicate(key) => format!("{key} is already read from another column"),
    }
}

/// A warning for each column left aside that holds values.
fn column_warnings(parsed: &TablesImport, lang: Lang, name: &str) -> Vec<String> {
    parsed
        .columns
        .iter()
        .filter(|c| c.field.is_none() && c.filled > 0 && c.reason != ColumnReason::Ignored)
        .map(|c| {
            format!(
                "{}: {name}, sheet {}, column {} \"{}\" ({}; {} value(s), e.g. {}): {}; {} --column \"{}=FIELD\" (or \"{}=ignore\")",
                l::WARNING.t(lang),
                c.sheet,
                c.column,
                c.header,
                reason_text(&c.reason),
                c.filled,
                clip(&c.samples.join(" | "), 40),
                l::COLUMN_LEFT_ASIDE.t(lang),
                l::MAP_IT.t(lang),
                c.header,
                c.header,
            )
        })
        .collect()
}

pub async fn import(ctx: &mut Ctx<'_>, file: &Path, options: &ImportOptions) -> anyhow::Result<u8> {
    let (dry_run, accept_partial) = (options.dry_run, options.accept_partial);
    let mappings = options
        .columns
        .iter()
        .map(|m| ColumnMapping::parse(m))
        .collect::<Result<Vec<_>, String>>()
        .map_err(|e| anyhow::anyhow!(e))?;
    let (bytes, hash) = read(file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parsed = importer::tables::parse_with(&bytes, &name, &mappings, &ctx.limits)?;
    if options.show_columns {
        return print_columns(ctx, &parsed);
    }
    let warnings = column_warnings(&parsed, ctx.lang, &name);
    let known = repo::authorities(&ctx.db).await?;
    let known_directives: HashSet<String> = repo::directive_celexes(&ctx.db)
        .await?
        .into_iter()
        .collect();
    let known_cases: HashSet<String> = repo::case_numbers(&ctx.db).await?.into_iter().collect();
    let sheet_fields = sheets(&parsed);
    let refused = refuse_new_records_without_dates(
        &parsed,
        &sheet_fields,
        &known_directives,
        &known_cases,
        &name,
    );
    if !refused.is_empty() {
        let mut text = String::new();
        for w in &warnings {
            text.push_str(&format!("{w}\n"));
        }
        for r in &refused {
            text.push_str(&format!("{r}\n"));
        }
        text.push_str(&format!("{name}: nothing was written\n"));
        ctx.print(&text)?;
        return Ok(crate::EXIT_ATTENTION);
    }
    let mut diagnostics = std::mem::take(&mut parsed.diagnostics);
    diagnostics.extend(resolve_authorities(&mut parsed, &known, &name));
    if !diagnostics.is_empty() && !accept_partial {
        let mut text = String::new();
        for w in &warnings {
            text.push_str(&format!("{w}\n"));
        }
        text.push_str(&format!(
            "{name}: {} problem(s); nothing was written (fix them, or use --accept-partial)\n",
            diagnostics.len()
        ));
        for d in &diagnostics {
            text.push_str(&format!("  {d}\n"));
        }
        ctx.print(&text)?;
        return Ok(crate::EXIT_ATTENTION);
    }
    let lang = parsed.lang.unwrap_or(ctx.lang);
    let rows = parsed.tables.directives.len() + parsed.tables.cases.len();

    let txn = data::begin_write(&ctx.db).await?;
    let actor = repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Tables,
            file_name: file.display().to_string(),
            file_hash: hash,
            outcome: if dry_run {
                ImportOutcome::DryRun
            } else if diagnostics.is_empty() {
                ImportOutcome::Complete
            } else {
                ImportOutcome::Partial
            },
            counts: json!({"directives": parsed.tables.directives.len(), "cases": parsed.tables.cases.len(), "rejected": diagnostics.len(), "lang": lang.code(), "warnings": warnings}),
            diagnostics: serde_json::to_value(&diagnostics)?,
        },
    )
    .await?;
    let not_in_file = data::tables::apply(&txn, &actor, &parsed.tables, lang).await?;
    let not_carried: Vec<serde_json::Value> = sheet_fields
        .iter()
        .map(|(sheet, table, missing)| json!({"sheet": sheet, "table": table, "fields": missing}))
        .collect();
    let run = actor
        .import_run
        .context("the import run was not recorded")?;
    // The report needs the records created and the fields changed; only --json lists every
    // history row (a first import of a big table writes one per field: reading them all back
    // would cost as much as writing them).
    let (created, changes) = repo::run_summary(&txn, run).await?;
    let written: Vec<history::Model> = if ctx.json {
        repo::history_of_run(&txn, run)
            .await?
            .into_iter()
            .filter(|h| h.table_name != data::code::HistoryTable::ImportRun)
            .collect()
    } else {
        Vec::new()
    };
    // A dry run, or a file that changes nothing (and rejects nothing to keep), writes nothing.
    if dry_run || (created.is_empty() && changes.is_empty() && diagnostics.is_empty()) {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    if ctx.json {
        return ctx
            .print_json(&json!({"file": name, "dry_run": dry_run, "rows": rows, "written": written, "not_in_file": not_in_file, "rejected": diagnostics, "warnings": warnings, "not_carried": not_carried}))
            .map(|_| crate::EXIT_OK);
    }
    let mut text = report(
        ctx.lang,
        &name,
        dry_run,
        rows,
        (&created, &changes),
        &not_in_file,
        &diagnostics,
    );
    for (sheet, table, missing) in &sheet_fields {
        if !missing.is_empty() {
            text.push_str(&format!(
                "{sheet} ({table}): {}: {}\n",
                l::NOT_CARRIED.t(ctx.lang),
                missing.join(", ")
            ));
        }
    }
    for w in &warnings {
        text.push_str(&format!("{w}\n"));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

/// Under one record key: the ids created per table, and the fields changed.
type KeyChanges<'a> = (
    BTreeMap<&'a str, std::collections::BTreeSet<i32>>,
    Vec<&'a history::Model>,
);

fn report(
    lang: Lang,
    name: &str,
    dry_run: bool,
    rows: usize,
    (created, changes): (&[(String, String, i32)], &[history::Model]),
    not_in_file: &[String],
    rejected: &[Diagnostic],
) -> String {
    // Grouped by the key people know a record by (a CELEX, a case number): the records created
    // under it, and the fields changed (old -> new).
    let mut by_key: BTreeMap<&str, KeyChanges> = BTreeMap::new();
    for (key, table, id) in created {
        by_key
            .entry(key.as_str())
            .or_default()
            .0
            .entry(table.as_str())
            .or_default()
            .insert(*id);
    }
    for h in changes {
        by_key.entry(h.record_key.as_str()).or_default().1.push(h);
    }
    let new = by_key
        .values()
        .filter(|(created, _)| {
            created.contains_key("directive") || created.contains_key("infringement_case")
        })
        .count();
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
        let mut t = Table::new(&[
            l::RECORD.t(lang),
            l::CHANGE.t(lang),
            l::OLD.t(lang),
            l::NEW.t(lang),
        ]);
        for (key, (created, updates)) in &by_key {
            if !created.is_empty() {
                let what: Vec<String> = created
                    .iter()
                    .map(|(table, ids)| format!("{} {table}", ids.len()))
                    .collect();
                t.row(vec![
                    key.to_string(),
                    format!("{}: {}", l::NEW_ONE.t(lang), what.join(", ")),
                    String::new(),
                    String::new(),
                ]);
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
        s.push_str(&format!(
            "{} ({}): {}\n",
            l::NOT_IN_FILE.t(lang),
            not_in_file.len(),
            not_in_file.join(", ")
        ));
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
    super::meetings::write_file(file, &bytes)?;
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
