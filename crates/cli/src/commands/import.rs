//! `scoreboard import register`: reads a file, hands its bytes to the importer, and writes what
//! it found in one transaction with its import run, or nothing at all.

use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use data::code::{CountryFilter, ImportOutcome, ImportSource};
use data::register::{self, RegisterOutcome};
use data::repo::NewImportRun;
use domain::Lang;
use importer::Diagnostic;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{Ctx, parse_date};
use crate::args::RegisterArgs;
use crate::labels as l;
use crate::table::Table;

/// The bytes of a file the user named, with its SHA-256 for the import run.
pub fn read(path: &Path) -> anyhow::Result<(Vec<u8>, String)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let hash = hex::encode(Sha256::digest(&bytes));
    Ok((bytes, hash))
}

/// The member state `--country` names (a code or a name in any language the register uses), or
/// `None` for `all`.
pub fn country_option(text: &str) -> anyhow::Result<Option<domain::Country>> {
    if text.trim().eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    importer::register::country_of(text).map(Some).with_context(|| {
        format!("--country \"{text}\": expected a member state's code or name (BE, Belgium, Belgique, België) or all")
    })
}

/// Why an export that closes too many cases was not written, naming them.
pub fn closures_refused(name: &str, listed: usize, closing: &[&str]) -> String {
    const SHOWN: usize = 20;
    let mut text = format!(
        "{name}: this export would close {} of the {listed} cases the previous export listed (more than {} %): it looks cut short or filtered; nothing was written. If the Commission really closed them, import it again with --accept-closures.\n",
        closing.len(),
        data::register::CLOSURE_SHARE_LIMIT_PERCENT
    );
    for number in closing.iter().take(SHOWN) {
        text.push_str(&format!("  {number}\n"));
    }
    if closing.len() > SHOWN {
        text.push_str(&format!("  … and {} more\n", closing.len() - SHOWN));
    }
    text
}

/// The first `YYYY-MM-DD` in a file name: the register exports are named after their date.
fn date_in_name(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let bytes = name.as_bytes();
    let shaped = |w: &[u8]| {
        w.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    };
    bytes
        .windows(10)
        .position(shaped)
        .and_then(|i| NaiveDate::parse_from_str(name.get(i..i + 10)?, "%Y-%m-%d").ok())
        .filter(|d| domain::check_range(*d).is_ok())
}

pub async fn run(ctx: &mut Ctx<'_>, args: RegisterArgs) -> anyhow::Result<u8> {
    let RegisterArgs {
        file,
        as_of,
        country,
        dry_run,
        accept_partial,
        accept_closures,
    } = args;
    let taken_on = match &as_of {
        Some(text) => parse_date(text).context("--as-of")?,
        None => date_in_name(&file).with_context(|| {
            format!("{}: the file name holds no date (like register-2023-01-11.json): give the export's date with --as-of", file.display())
        })?,
    };
    let filter = country_option(&country)?;
    let (bytes, hash) = read(&file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = importer::register::parse(&bytes, &name, filter, &ctx.limits)?;
    for column in &parsed.unknown_columns {
        let warning = crate::labels::WARNING.t(ctx.lang);
        ctx.print(&format!("{warning}: {name}: column \"{column}\" is not one the tool reads; its values are not imported\n"))?;
    }
    if !parsed.diagnostics.is_empty() && !accept_partial {
        let mut text = format!(
            "{name}: {} problem(s); nothing was written (fix them, or use --accept-partial)\n",
            parsed.diagnostics.len()
        );
        for d in &parsed.diagnostics {
            text.push_str(&format!("  {d}\n"));
        }
        ctx.print(&text)?;
        return Ok(crate::EXIT_ATTENTION);
    }
    let complete = parsed.diagnostics.is_empty();
    // As the snapshot stores it: the state's English name, or `all`.
    let country_key = CountryFilter::from(filter).to_string();

    let txn = data::begin_write(&ctx.db).await?;
    let actor = data::repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Register,
            file_name: file.display().to_string(),
            file_hash: hash.clone(),
            outcome: if dry_run {
                ImportOutcome::DryRun
            } else if complete {
                ImportOutcome::Complete
            } else {
                ImportOutcome::Partial
            },
            counts: json!({"rows": parsed.rows_read, "decisions": parsed.decisions_read, "cases": parsed.records.len(), "rejected": parsed.diagnostics.len(), "as_of": taken_on, "country": country_key}),
            diagnostics: serde_json::to_value(&parsed.diagnostics)?,
        },
    )
    .await?;
    // A partial read cannot tell which cases left the register: it merges, but records no snapshot.
    let outcome = if complete {
        register::import(&txn, &actor, &parsed.records, taken_on, filter, &hash).await?
    } else {
        RegisterOutcome {
            merge: data::repo::merge_cases(&txn, &actor, &parsed.records, taken_on).await?,
            ..Default::default()
        }
    };
    if !accept_closures && let Some((listed, closing)) = outcome.suspicious_closures(taken_on) {
        txn.rollback().await?;
        ctx.print(&closures_refused(&name, listed, &closing))?;
        return Ok(crate::EXIT_ATTENTION);
    }
    // A dry run, or an export that changes nothing (and rejects nothing to keep), writes nothing.
    if dry_run || (outcome.changed_nothing() && parsed.diagnostics.is_empty()) {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    if ctx.json {
        ctx.print_json(&json!({"file": name, "as_of": taken_on, "country": country_key, "dry_run": dry_run, "outcome": outcome, "diagnostics": parsed.diagnostics}))?;
    } else {
        let text = summary(
            ctx.lang,
            &name,
            taken_on,
            &country_key,
            dry_run,
            &outcome,
            &parsed.diagnostics,
        );
        ctx.print(&text)?;
    }
    Ok(crate::EXIT_OK)
}

fn summary(
    lang: Lang,
    name: &str,
    taken_on: NaiveDate,
    country: &str,
    dry_run: bool,
    o: &RegisterOutcome,
    rejected: &[Diagnostic],
) -> String {
    let date = |d: NaiveDate| lang.format_date_short(d);
    let m = &o.merge;
    let mut s = String::new();
    if dry_run {
        s.push_str(l::DRY_RUN.t(lang));
        s.push('\n');
    }
    s.push_str(&format!(
        "{name} ({} {}, {country}): {} {}, {} {}, {} {}, {} {}\n",
        l::EXPORT_OF.t(lang),
        date(taken_on),
        m.new_cases.len(),
        l::NEW_CASES.t(lang),
        m.new_decisions.len(),
        l::NEW_DECISIONS.t(lang),
        o.no_longer_active.len(),
        l::NO_LONGER_ACTIVE.t(lang),
        o.reopened.len(),
        l::REOPENED.t(lang),
    ));
    if o.changed_nothing() {
        s.push_str(l::NOTHING_CHANGED.t(lang));
        s.push('\n');
        return s;
    }
    let mut t = Table::new(&[
        l::CHANGE.t(lang),
        l::CASE.t(lang),
        l::DATE.t(lang),
        l::WHAT.t(lang),
    ]);
    for n in &m.new_cases {
        t.row(vec![
            l::NEW_CASE.t(lang).into(),
            n.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for (n, d, stage) in &m.new_decisions {
        t.row(vec![
            l::NEW_DECISION.t(lang).into(),
            n.clone(),
            date(*d),
            stage.label(lang),
        ]);
    }
    for (n, d) in &m.new_reply_deadlines {
        t.row(vec![
            l::REPLY_DUE.t(lang).into(),
            n.clone(),
            date(*d),
            String::new(),
        ]);
    }
    for (n, a, b) in &o.no_longer_active {
        t.row(vec![
            l::INACTIVE.t(lang).into(),
            n.clone(),
            format!("{} – {}", date(*a), date(*b)),
            l::BETWEEN_EXPORTS.t(lang).into(),
        ]);
    }
    for (n, a, b) in &o.reopened {
        t.row(vec![
            l::REOPENED_ONE.t(lang).into(),
            n.clone(),
            format!("{} – {}", date(*a), date(*b)),
            l::BETWEEN_EXPORTS.t(lang).into(),
        ]);
    }
    for (n, kind, a, b) in &o.withdrawn_events {
        t.row(vec![
            l::CORRECTED.t(lang).into(),
            n.clone(),
            format!("{} – {}", date(*a), date(*b)),
            kind.to_string(),
        ]);
    }
    s.push_str(&t.render());
    for d in rejected {
        s.push_str(&format!("{}: {d}\n", l::REJECTED.t(lang)));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_export_date_in_a_file_name() {
        let check = |name: &str, expected: Option<&str>| {
            assert_eq!(
                super::date_in_name(std::path::Path::new(name))
                    .map(|d| d.to_string())
                    .as_deref(),
                expected,
                "{name}"
            );
        };
        check("register-2023-01-11.json", Some("2023-01-11"));
        check("/tmp/x/2021-06-08 register.xlsx", Some("2021-06-08"));
        check("register.json", None);
        check("register-2023-02-30.json", None);
        check("register-2020-08-24.json", Some("2020-08-24"));
    }
}
