//! `scoreboard sync eurlex|register`, `import eurlex` and `directive new`: fetching from the public
//! sources (through [`crate::net`]), or reading the same data from saved files, and merging it.
//!
//! Everything is fetched and parsed first; only then is anything written, in one transaction with
//! its import run. A source that is down, slow, answers garbage or changed its layout stops the
//! command with one message naming the source, before the first write.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use chrono::NaiveDate;
use data::code::{ImportOutcome, ImportSource};
use data::eurlex::EurlexMerge;
use data::repo::NewImportRun;
use domain::{DirectiveId, Lang};
use importer::eurlex::{self as source, EurlexDirective, NationalMeasure};
use importer::{Diagnostic, Limits};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{Ctx, parse_date};
use crate::args::{NetArgs, SyncCmd, SyncEurlex};
use crate::labels::L;
use crate::net::{self, Fetcher, NetOptions, Request};
use crate::table::{Table, clip};

/// Rows per page of the measures and published-since queries.
const PAGE: usize = 500;
/// Directives per query of their details (the query anchors on each: keep it small).
const BATCH: usize = 20;
/// Pages of one paged query at most: a server that ignores OFFSET must not keep us forever.
const MAX_PAGES: usize = 200;
/// The member state whose measures are fetched.
const COUNTRY: &str = "BEL";
pub(super) const EURLEX: &str = "EUR-Lex/CELLAR";

const TO_BE_ASSIGNED: L = L("lead.none");
const ADOPTED_SINCE: L = L("sync.adopted_since");
const NONE_ADOPTED: L = L("sync.none_adopted");
const NOTHING_CHANGED: L = L("sync.nothing_changed");
const CHANGE: L = L("sync.change");
const FIELD: L = L("sync.field");
const OURS: L = L("sync.ours");
const THEIRS: L = L("sync.theirs");
const NEW_DIRECTIVE: L = L("sync.new_directive");
const FILLED: L = L("sync.filled");
const ACCEPTED: L = L("sync.accepted");
const DISAGREES: L = L("sync.disagrees");
const NEW_DEADLINE: L = L("sync.new_deadline");
const NEW_MEASURE: L = L("sync.new_measure");
const MEASURE_CHANGED: L = L("sync.measure_changed");
const ACCEPT_HINT: L = L("sync.accept_hint");
const BELGIAN_MEASURES: L = L("sync.belgian_measures");
const NO_MEASURE: L = L("sync.no_measure");
const DIRECTIVES: L = L("sync.directives");
pub(super) const REQUESTS: L = L("sync.requests");
const FROM_CACHE: L = L("sync.from_cache");
const SET_ASIDE: L = L("sync.set_aside");
const NOT_AT_EURLEX: L = L("sync.not_at_eurlex");
pub(super) const REGISTER_NOTHING: L = L("sync.register_nothing");

pub async fn run(ctx: &mut Ctx<'_>, cmd: SyncCmd, database_url: &str) -> anyhow::Result<u8> {
    match cmd {
        SyncCmd::Eurlex(a) => eurlex(ctx, a, database_url).await,
        SyncCmd::Register(a) => super::sync_register::run(ctx, a, database_url).await,
    }
}

// ---------------------------------------------------------------------------------------------
// Network options.

/// Where answers are kept by default: `cache` beside a SQLite database file, else `./cache`.
fn default_cache(database_url: &str) -> PathBuf {
    let lower = database_url.to_ascii_lowercase();
    if lower.contains("://") && !lower.starts_with("sqlite:") {
        return PathBuf::from("cache");
    }
    let path = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .unwrap_or(database_url);
    let path = path.split('?').next().unwrap_or(path);
    match Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("cache"),
        _ => PathBuf::from("cache"),
    }
}

pub(super) fn net_options(
    net: &NetArgs,
    connect_timeout: Duration,
    database_url: &str,
    endpoint: &str,
) -> anyhow::Result<NetOptions> {
    let mut min_interval = Duration::from_millis(net.min_interval_ms);
    // The pace is a promise to the public services: only a local server may be asked faster.
    if !net::is_loopback(endpoint) {
        min_interval = min_interval.max(Duration::from_millis(500));
    }
    Ok(NetOptions {
        connect_timeout,
        timeout: super::seconds(net.timeout, "timeout")?,
        min_interval,
        retry_wait: Duration::from_millis(net.retry_wait_ms),
        cache: net
            .cache
            .clone()
            .unwrap_or_else(|| default_cache(database_url)),
        offline: net.offline,
        contact: net
            .contact
            .clone()
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "set SCOREBOARD_CONTACT".to_owned()),
    })
}

/// A source's answer that cannot be used: one message, and the reassurance that nothing was written.
pub(super) fn refused(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("{e}; nothing was written")
}

// ---------------------------------------------------------------------------------------------
// What EUR-Lex gave, fetched or read from files.

#[derive(Default)]
struct Gathered {
    directives: Vec<EurlexDirective>,
    measures: Vec<NationalMeasure>,
    /// From `--published-since`: CELEX numbers in the order the source gave them.
    published: Vec<DirectiveId>,
    diagnostics: Vec<Diagnostic>,
    /// Directives asked for that the source does not know.
    missing: Vec<DirectiveId>,
    /// (directive asked, measure number for another directive) that came in its answer.
    set_aside: Vec<(DirectiveId, String)>,
    hash: Sha256,
}

fn binding_count(body: &[u8]) -> usize {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| {
            v.pointer("/results/bindings")
                .and_then(Value::as_array)
                .map(Vec::len)
        })
        .unwrap_or(0)
}

/// The bindings of several pages of one query, as one SPARQL result.
pub(super) fn join_pages(pages: &[Vec<u8>]) -> Vec<u8> {
    let mut vars = Value::Null;
    let mut bindings = Vec::new();
    for page in pages {
        if let Ok(v) = serde_json::from_slice::<Value>(page) {
            if vars.is_null() {
                vars = v.pointer("/head/vars").cloned().unwrap_or(Value::Null);
            }
            if let Some(Value::Array(rows)) = v.pointer("/results/bindings") {
                bindings.extend(rows.iter().cloned());
            }
        }
    }
    serde_json::to_vec(&json!({"head": {"vars": vars}, "results": {"bindings": bindings}}))
        .unwrap_or_default()
}

/// Sends one paged query until a short page; each page is checked as it comes.
pub(super) async fn fetch_pages(
    f: &mut Fetcher,
    endpoint: &str,
    what: &str,
    query: impl Fn(usize) -> String,
    check: impl Fn(&[u8], &str) -> Result<(), source::EurlexError>,
    hash: &mut Sha256,
) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut pages = Vec::new();
    for page in 0..MAX_PAGES {
        let offset = page * PAGE;
        let body = f.fetch(&Request::sparql(endpoint, &query(offset))).await?;
        let origin =
            format!("{EURLEX}: the answer of {endpoint} about {what} (rows from {offset})");
        check(&body, &origin).map_err(refused)?;
        hash.update(&body);
        let rows = binding_count(&body);
        pages.push(body);
        if rows < PAGE {
            return Ok(pages);
        }
    }
    Err(refused(format!(
        "{EURLEX}: {endpoint} kept sending full pages about {what} ({MAX_PAGES} pages of {PAGE} rows)"
    )))
}

async fn fetch_eurlex(
    f: &mut Fetcher,
    limits: &Limits,
    endpoint: &str,
    targets: &mut Vec<DirectiveId>,
    since: Option<NaiveDate>,
) -> anyhow::Result<Gathered> {
    let mut g = Gathered::default();
    if let Some(since) = since {
        let what = format!("the directives adopted since {since}");
        let pages = fetch_pages(
            f,
            endpoint,
            &what,
            |offset| source::published_since_query(since, PAGE, offset),
            |b, o| source::parse_directives(b, o, limits).map(|_| ()),
            &mut g.hash,
        )
        .await?;
        let origin = format!("{EURLEX}: the answer of {endpoint} about {what}");
        let (records, diagnostics) =
            source::parse_directives(&join_pages(&pages), &origin, limits).map_err(refused)?;
        g.diagnostics.extend(diagnostics);
        let mut dated: Vec<&EurlexDirective> = records.iter().collect();
        dated.sort_by_key(|r| (r.adopted_on, r.celex.clone()));
        for r in dated {
            g.published.push(r.id);
            if !targets.contains(&r.id) {
                targets.push(r.id);
            }
        }
    }
    f.progress = net::progress_bar((targets.len().div_ceil(BATCH) + targets.len()) as u64);
    f.progress.set_prefix(EURLEX);
    for chunk in targets.chunks(BATCH) {
        let body = f
            .fetch(&Request::sparql(endpoint, &source::directives_query(chunk)))
            .await?;
        let first = chunk.first().map(|d| d.celex()).unwrap_or_default();
        let origin = format!(
            "{EURLEX}: the answer of {endpoint} about directives {first}... ({} of them)",
            chunk.len()
        );
        let (records, diagnostics) =
            source::parse_directives(&body, &origin, limits).map_err(refused)?;
        g.hash.update(&body);
        g.diagnostics.extend(diagnostics);
        for id in chunk {
            if !records.iter().any(|r| r.id == *id) {
                g.missing.push(*id);
            }
        }
        g.directives.extend(records);
    }
    for id in targets.iter() {
        if g.missing.contains(id) {
            continue;
        }
        f.progress.set_message(id.celex());
        let what = format!("the Belgian measures of {}", id.celex());
        let pages = fetch_pages(
            f,
            endpoint,
            &what,
            |offset| source::measures_query(id, COUNTRY, PAGE, offset),
            |b, o| source::parse_measures(b, o, limits).map(|_| ()),
            &mut g.hash,
        )
        .await?;
        let origin = format!("{EURLEX}: the answer of {endpoint} about {what}");
        let (measures, diagnostics) =
            source::parse_measures(&join_pages(&pages), &origin, limits).map_err(refused)?;
        g.diagnostics.extend(diagnostics);
        // An omnibus measure also carries its numbers for the other directives it transposes,
        // should the service ignore the query's filter: those are read with their own directive,
        // and never make the tool follow a directive nobody asked for.
        let (own, others) = source::own_measures(id, measures);
        g.measures.extend(own);
        g.set_aside
            .extend(others.into_iter().map(|m| (*id, m.celex)));
    }
    f.progress.finish_and_clear();
    Ok(g)
}

/// Writes what was gathered in one transaction with its import run.
async fn write(
    ctx: &mut Ctx<'_>,
    g: &Gathered,
    origin: &str,
    accept: bool,
) -> anyhow::Result<EurlexMerge> {
    let (directives, measures) = (&g.directives, &g.measures);
    let txn = data::begin_write(&ctx.db).await?;
    let actor = data::repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Eurlex,
            file_name: origin.to_owned(),
            file_hash: hex::encode(g.hash.clone().finalize()),
            outcome: if g.diagnostics.is_empty() {
                ImportOutcome::Complete
            } else {
                ImportOutcome::Partial
            },
            counts: json!({"directives": directives.len(), "measures": measures.len(), "published": g.published.len(), "missing": g.missing.iter().map(DirectiveId::celex).collect::<Vec<_>>(), "accept": accept}),
            diagnostics: serde_json::to_value(&g.diagnostics)?,
        },
    )
    .await?;
    let merge = data::eurlex::merge(&txn, &actor, directives, measures, accept).await?;
    // An answer that changes nothing leaves no trace, not even its run.
    if merge.changed_nothing() && g.diagnostics.is_empty() {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(merge)
}

async fn eurlex(ctx: &mut Ctx<'_>, a: SyncEurlex, database_url: &str) -> anyhow::Result<u8> {
    if a.proposals {
        if !a.celex.is_empty() || a.tracked || a.accept {
            bail!(
                "--proposals reads proposals only: --celex, --tracked and --accept are for directives"
            );
        }
        return super::sync_proposals::run(ctx, a, database_url).await;
    }
    let since = a
        .published_since
        .as_deref()
        .map(|t| parse_date(t).context("--published-since"))
        .transpose()?;
    let mut targets: Vec<DirectiveId> = Vec::new();
    for text in &a.celex {
        let id =
            super::directive::parse_directive(text).with_context(|| format!("--celex {text}"))?;
        if !targets.contains(&id) {
            targets.push(id);
        }
    }
    if a.tracked {
        for celex in data::eurlex::tracked(&ctx.db).await? {
            if let Ok(id) = DirectiveId::parse(&celex)
                && !targets.contains(&id)
            {
                targets.push(id);
            }
        }
    }
    if targets.is_empty() && since.is_none() {
        if a.tracked {
            ctx.print("no directive is tracked yet: nothing to fetch (add some with --celex)\n")?;
            return Ok(crate::EXIT_OK);
        }
        bail!("nothing to fetch: give --celex CELEX, --tracked or --published-since DATE");
    }
    let opts = net_options(&a.net, ctx.connect_timeout, database_url, &a.endpoint)?;
    let offline = opts.offline;
    let cache = opts.cache.clone();
    let mut f = Fetcher::new(EURLEX, &a.endpoint, opts)?;
    let g = fetch_eurlex(&mut f, &ctx.limits, &a.endpoint, &mut targets, since).await?;
    let origin = if offline {
        format!("{} (offline, cache {})", a.endpoint, cache.display())
    } else {
        a.endpoint.clone()
    };
    let merge = write(ctx, &g, &origin, a.accept).await?;
    let header = format!(
        "{EURLEX} ({}): {} {}, {} {}{}\n",
        a.endpoint,
        targets.len(),
        DIRECTIVES.t(ctx.lang),
        f.sent + f.from_cache,
        REQUESTS.t(ctx.lang),
        if f.from_cache > 0 {
            format!(" {}", FROM_CACHE.t(ctx.lang))
        } else {
            String::new()
        },
    );
    report(ctx, &header, &g, &merge, &targets, since).await
}

/// Prints what a merge did (or the JSON of it), the Belgian measures of each directive, and the
/// list of directives adopted since the date asked.
async fn report(
    ctx: &mut Ctx<'_>,
    header: &str,
    g: &Gathered,
    merge: &EurlexMerge,
    directives: &[DirectiveId],
    since: Option<NaiveDate>,
) -> anyhow::Result<u8> {
    let pending = merge.disagreements.iter().any(|d| !d.accepted);
    let code = if pending {
        crate::EXIT_ATTENTION
    } else {
        crate::EXIT_OK
    };
    let mut measures = Vec::new();
    for id in directives {
        measures.push((
            id.celex(),
            data::eurlex::national_measures(&ctx.db, &id.celex()).await?,
        ));
    }
    let new_list = match since {
        Some(d) => Some(data::eurlex::adopted_since(&ctx.db, d).await?),
        None => None,
    };
    if ctx.json {
        let measures: serde_json::Map<String, Value> = measures
            .into_iter()
            .map(|(c, m)| (c, serde_json::to_value(m).unwrap_or_default()))
            .collect();
        ctx.print_json(&json!({
            "merge": merge,
            "changed_nothing": merge.changed_nothing(),
            "missing": g.missing.iter().map(DirectiveId::celex).collect::<Vec<_>>(),
            "set_aside": g.set_aside.iter().map(|(id, celex)| json!({"asked": id.celex(), "measure": celex})).collect::<Vec<_>>(),
            "diagnostics": g.diagnostics,
            "national_measures": measures,
            "adopted_since": new_list,
        }))?;
        return Ok(code);
    }
    let lang = ctx.lang;
    let mut s = header.to_owned();
    for d in &g.diagnostics {
        s.push_str(&format!("note: {d}\n"));
    }
    for id in &g.missing {
        s.push_str(&format!(
            "note: {} ({id}) {}\n",
            id.celex(),
            NOT_AT_EURLEX.t(lang)
        ));
    }
    for (id, celex) in &g.set_aside {
        s.push_str(&format!(
            "note: {celex} ({}): {}\n",
            id.celex(),
            SET_ASIDE.t(lang)
        ));
    }
    if merge.changed_nothing() && !pending {
        s.push_str(NOTHING_CHANGED.t(lang));
        s.push('\n');
    } else {
        if merge.changed_nothing() {
            s.push_str(NOTHING_CHANGED.t(lang));
            s.push('\n');
        }
        s.push_str(&changes_table(lang, merge).render());
        if pending {
            s.push_str(ACCEPT_HINT.t(lang));
            s.push('\n');
        }
    }
    if !measures.is_empty() {
        s.push_str(&format!("\n{}:\n", BELGIAN_MEASURES.t(lang)));
        for (celex, list) in &measures {
            let number = DirectiveId::parse(celex)
                .map(|d| d.to_string())
                .unwrap_or_default();
            s.push_str(
                &format!(
                    "{celex} ({number}): {}\n",
                    if list.is_empty() {
                        NO_MEASURE.t(lang)
                    } else {
                        ""
                    }
                )
                .replace(": \n", ":\n"),
            );
            for m in list {
                s.push_str(&format!(
                    "  {}  {}  {}  {}\n",
                    m.celex,
                    m.dated_on
                        .map(|d| lang.format_date_short(d))
                        .unwrap_or_default(),
                    m.kind.as_deref().unwrap_or(""),
                    clip(m.title.as_deref().unwrap_or(""), 100),
                ));
            }
        }
    }
    if let (Some(since), Some(list)) = (since, &new_list) {
        s.push('\n');
        s.push_str(&new_directives_text(lang, since, list));
    }
    ctx.print(&s)?;
    Ok(code)
}

fn changes_table(lang: Lang, m: &EurlexMerge) -> Table {
    let mut t = Table::new(&[
        CHANGE.t(lang),
        crate::labels::CELEX.t(lang),
        FIELD.t(lang),
        OURS.t(lang),
        THEIRS.t(lang),
    ]);
    let cell = |s: &str| clip(s, 60);
    for c in &m.new_directives {
        t.row(vec![
            NEW_DIRECTIVE.t(lang).into(),
            c.clone(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for f in &m.filled {
        t.row(vec![
            FILLED.t(lang).into(),
            f.celex.clone(),
            f.field.into(),
            String::new(),
            cell(&f.value),
        ]);
    }
    for d in &m.disagreements {
        let what = if d.accepted { ACCEPTED } else { DISAGREES };
        t.row(vec![
            what.t(lang).into(),
            d.celex.clone(),
            d.field.into(),
            cell(&d.ours),
            cell(&d.theirs),
        ]);
    }
    for (c, d) in &m.new_deadlines {
        t.row(vec![
            NEW_DEADLINE.t(lang).into(),
            c.clone(),
            "deadline".into(),
            String::new(),
            lang.format_date_short(*d),
        ]);
    }
    for (c, measure) in &m.new_measures {
        t.row(vec![
            NEW_MEASURE.t(lang).into(),
            c.clone(),
            "national_measure".into(),
            String::new(),
            measure.clone(),
        ]);
    }
    for (measure, field, old, new) in &m.updated_measures {
        t.row(vec![
            MEASURE_CHANGED.t(lang).into(),
            measure.clone(),
            field.clone(),
            cell(old.as_deref().unwrap_or("")),
            cell(new.as_deref().unwrap_or("")),
        ]);
    }
    t
}

fn new_directives_text(
    lang: Lang,
    since: NaiveDate,
    list: &[data::eurlex::NewDirective],
) -> String {
    let mut s = format!(
        "{} {}:\n",
        ADOPTED_SINCE.t(lang),
        lang.format_date_short(since)
    );
    if list.is_empty() {
        s.push_str(NONE_ADOPTED.t(lang));
        s.push('\n');
        return s;
    }
    let mut t = Table::new(&[
        crate::labels::CELEX.t(lang),
        crate::labels::DIRECTIVE.t(lang),
        crate::labels::ADOPTED.t(lang),
        crate::labels::LEAD.t(lang),
        crate::labels::TITLE.t(lang),
    ]);
    for d in list {
        let own = match lang {
            Lang::Fr => &d.title_fr,
            Lang::Nl => &d.title_nl,
            Lang::En => &d.title_en,
        };
        let title = own
            .as_ref()
            .or(d.title_en.as_ref())
            .or(d.title_fr.as_ref())
            .map(|t| clip(t, 80))
            .unwrap_or_default();
        t.row(vec![
            d.celex.clone(),
            DirectiveId::parse(&d.celex)
                .map(|i| i.to_string())
                .unwrap_or_default(),
            d.adopted_on
                .map(|x| lang.format_date_short(x))
                .unwrap_or_default(),
            d.lead
                .clone()
                .unwrap_or_else(|| TO_BE_ASSIGNED.t(lang).to_owned()),
            title,
        ]);
    }
    s.push_str(&t.render());
    s
}

/// `scoreboard directive new --since DATE`: the tracked directives adopted on or after the date.
pub async fn print_new_directives(ctx: &mut Ctx<'_>, since: NaiveDate) -> anyhow::Result<u8> {
    let list = data::eurlex::adopted_since(&ctx.db, since).await?;
    if ctx.json {
        let rows: Vec<Value> = list
            .iter()
            .map(|d| {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                v["lead_text"] = json!(
                    d.lead
                        .clone()
                        .unwrap_or_else(|| TO_BE_ASSIGNED.t(ctx.lang).to_owned())
                );
                v
            })
            .collect();
        ctx.print_json(&rows)?;
    } else {
        let text = new_directives_text(ctx.lang, since, &list);
        ctx.print(&text)?;
    }
    Ok(crate::EXIT_OK)
}

// ---------------------------------------------------------------------------------------------
// `import eurlex FILE...`

/// SPARQL variables only the directives' queries bind.
const DIRECTIVE_VARS: [&str; 5] = [
    "date_document",
    "deadline",
    "entry_into_force",
    "in_force",
    "eli",
];

/// Reads one saved file: SPARQL JSON results (directives or measures, told apart by their
/// variables) or an EUR-Lex page (the ALL view of a directive, else the national-transposition tab).
fn read_saved(bytes: &[u8], name: &str, limits: &Limits, g: &mut Gathered) -> anyhow::Result<()> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match first {
        Some(b'{') | Some(b'[') => {
            let vars: Vec<String> = serde_json::from_slice::<Value>(text)
                .ok()
                .and_then(|v| v.pointer("/head/vars").cloned())
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default();
            if vars.iter().any(|v| DIRECTIVE_VARS.contains(&v.as_str())) || vars.is_empty() {
                // No variables at all: the directives' parser says what is wrong.
                let (records, diagnostics) =
                    source::parse_directives(text, name, limits).map_err(refused)?;
                g.directives.extend(records);
                g.diagnostics.extend(diagnostics);
            } else {
                let (records, diagnostics) =
                    source::parse_measures(text, name, limits).map_err(refused)?;
                g.measures.extend(records);
                g.diagnostics.extend(diagnostics);
            }
        }
        // UTF-16 (a byte-order mark, or NUL bytes between ASCII letters): the page reader says so.
        _ if text.starts_with(b"\xFF\xFE")
            || text.starts_with(b"\xFE\xFF")
            || text.iter().take(64).any(|b| *b == 0) =>
        {
            let d = source::parse_page(text, name, limits).map_err(refused)?;
            g.directives.push(d);
        }
        Some(b'<') => match source::parse_page(text, name, limits) {
            Ok(d) => g.directives.push(d),
            Err(page_error) => match source::parse_nim_page(text, name, limits) {
                Ok(measures) if !measures.is_empty() => g.measures.extend(measures),
                _ => return Err(refused(page_error)),
            },
        },
        _ => bail!(
            "{name}: neither SPARQL JSON results nor a saved EUR-Lex page (HTML); nothing was written"
        ),
    }
    Ok(())
}

pub async fn import_eurlex(
    ctx: &mut Ctx<'_>,
    files: &[PathBuf],
    accept: bool,
) -> anyhow::Result<u8> {
    let mut g = Gathered::default();
    let mut names = Vec::new();
    for file in files {
        let (bytes, _) = super::import::read(file)?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        read_saved(&bytes, &name, &ctx.limits, &mut g)?;
        g.hash.update(&bytes);
        names.push(file.display().to_string());
    }
    // Only national measures are kept: other member states' too, when a NIM page lists them.
    g.measures.retain(|m| m.country == COUNTRY);
    let mut directives: Vec<DirectiveId> = g.directives.iter().map(|d| d.id).collect();
    for m in &g.measures {
        if !directives.contains(&m.directive) {
            directives.push(m.directive);
        }
    }
    let merge = write(ctx, &g, &names.join(", "), accept).await?;
    let header = format!(
        "{EURLEX} ({}): {} {}\n",
        names.join(", "),
        directives.len(),
        DIRECTIVES.t(ctx.lang)
    );
    report(ctx, &header, &g, &merge, &directives, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_sits_beside_a_sqlite_database() {
        for (url, expected) in [
            ("scoreboard.db", "cache"),
            ("out/scoreboard.db", "out/cache"),
            ("sqlite://data/s.db?mode=rwc", "data/cache"),
            ("postgres://u@h/db", "cache"),
        ] {
            assert_eq!(default_cache(url), PathBuf::from(expected), "{url}");
        }
    }

    #[test]
    fn pages_are_joined_into_one_result() {
        let p1 = br#"{"head":{"vars":["celex"]},"results":{"bindings":[{"celex":{"type":"literal","value":"a"}}]}}"#.to_vec();
        let p2 = br#"{"head":{"vars":["celex"]},"results":{"bindings":[{"celex":{"type":"literal","value":"b"}}]}}"#.to_vec();
        let joined: Value = serde_json::from_slice(&join_pages(&[p1, p2])).unwrap();
        assert_eq!(
            joined
                .pointer("/results/bindings")
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(joined.pointer("/head/vars/0").unwrap(), "celex");
    }
}
