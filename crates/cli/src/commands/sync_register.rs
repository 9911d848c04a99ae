//! `scoreboard sync register`: the Commission's infringement decisions search service, read in
//! date windows that each fit in one answer, checked against the counts the service states, and
//! merged through the same importer as an export of the register.
//!
//! The service as public code calls it (`../shared/design/SERVICES.md`, seen in
//! github.com/victorsole/brubru, `backend/scripts/sync_infringement_register.py`, which mirrors the
//! whole register with it): `POST {base}/decisions` with a JSON body of filters (dates
//! `dd/mm/yyyy`, `page` from 0, `size`, `langCode`, the others null), answering
//! `{"totalRows": N, "records": [...]}`, one record per decision with the fields
//! `infringementNumber`, `memberState` (the English name), `decisionDate` (`2/07/2021`),
//! `decisionType`, `leadDg`, `title`, `activeInfringementCase`, `nonCommunicationCase`,
//! `pressRelease`, `policyAreas`, ... The sort it is asked for is not honoured, so the tool never
//! pages by position: a window whose `totalRows` is more than one answer returns is split (a span
//! of years into years, a year into months, a month into days), any other disagreement between a
//! window's rows and its `totalRows` refuses the sync, and the rows of all windows must add up to
//! the count of the whole range. Nothing is written before all of that holds.
//!
//! Not verified against the live service (these machines do not reach it): whether
//! `decisionDateTo` is inclusive (the public script's windows assume so; a gap would show as a
//! total that does not add up), how far it caps a page below the `size` asked (the tool does not
//! rely on it), and the values of its member-state filter (never sent: the filter is ours).

use std::collections::VecDeque;

use anyhow::{Context, bail};
use chrono::{Datelike, NaiveDate};
use data::code::{CountryFilter, ImportOutcome, ImportSource};
use data::register::RegisterOutcome;
use data::repo::NewImportRun;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::sync::{REGISTER_NOTHING, REQUESTS, net_options, refused};
use super::{Ctx, parse_date};
use crate::args::SyncRegister;
use crate::net::{self, Fetcher, Request};

pub const REGISTER: &str = "Commission register";

/// The first and last decision dates asked for: every date the tool can hold (`domain::DATE_YEARS`)
/// and more, so that a decision dated by mistake before 1958 comes back as a diagnostic instead of
/// being missed.
const FIRST_DAY: (i32, u32, u32) = (1900, 1, 1);
const LAST_DAY: (i32, u32, u32) = (2100, 12, 31);
/// A full read asks for everything before this year in one window (the register starts in 1987),
/// then one window per year, as the public script does.
const FIRST_YEAR_ALONE: i32 = 1990;
/// The record's field that says whether its case is active ("Yes" / "No").
const ACTIVE_FIELD: &str = "activeInfringementCase";
/// Problems printed at most; the count says how many more.
const MAX_SHOWN: usize = 20;

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Decision dates from `from` to `to`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Window {
    from: NaiveDate,
    to: NaiveDate,
}

fn end_of_year(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d)
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(d)
}

/// `from..=to` cut where `end_of` says a piece ends.
fn cut(from: NaiveDate, to: NaiveDate, end_of: fn(NaiveDate) -> NaiveDate) -> Vec<Window> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let end = end_of(start).min(to);
        out.push(Window {
            from: start,
            to: end,
        });
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

impl Window {
    /// The smaller windows this one is made of: its years, else its months, else its days; `None`
    /// for a single day.
    fn split(self) -> Option<Vec<Window>> {
        let (from, to) = (self.from, self.to);
        if from.year() != to.year() {
            Some(cut(from, to, end_of_year))
        } else if from.month() != to.month() {
            Some(cut(from, to, end_of_month))
        } else if from != to {
            Some(cut(from, to, |d| d))
        } else {
            None
        }
    }

    fn holds(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The filters of the service for this window (null dates: the whole register).
    fn body(window: Option<Window>, size: usize) -> Value {
        let date = |d: NaiveDate| Value::String(d.format("%d/%m/%Y").to_string());
        // The fields and values the public script sends (the module's note), the dates and the
        // page size ours.
        json!({
            "refId": null, "relatedPetition": null, "petition": null,
            "decisionDateFrom": window.map(|w| date(w.from)),
            "decisionDateTo": window.map(|w| date(w.to)),
            "langCode": "EN", "memberState": null, "decisionCategory": null,
            "infringementType": null, "activeCase": null, "pressRelease": null,
            "page": 0, "size": size, "title": null, "legalBasis": null, "dg": null,
            "policyArea": null, "courtFinancialSanctions": null,
            "order": "asc", "sortColumns": "leadDg",
        })
    }
}

impl std::fmt::Display for Window {
    /// "2021", "2021-03", "2021-03-04", else "2021-03-04 to 2021-12-31".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (from, to) = (self.from, self.to);
        if from == to {
            write!(f, "{from}")
        } else if from.month() == 1 && from.day() == 1 && to == end_of_year(from) {
            write!(f, "{}", from.year())
        } else if from.day() == 1 && to == end_of_month(from) {
            write!(f, "{}", from.format("%Y-%m"))
        } else {
            write!(f, "{from} to {to}")
        }
    }
}

/// The windows of a read: without `since`, everything before 1990 in one, then one per year; with
/// it, its year from that day, then one per year; up to this year, then one window for every date
/// after it (decisions dated in the future happen).
fn first_windows(since: Option<NaiveDate>, today: NaiveDate) -> Vec<Window> {
    let mut out = Vec::new();
    let start = match since {
        Some(d) => d,
        None => {
            let first_alone = ymd((FIRST_YEAR_ALONE, 1, 1));
            out.push(Window {
                from: ymd(FIRST_DAY),
                to: first_alone.pred_opt().unwrap_or(first_alone),
            });
            first_alone
        }
    };
    let this_year_end = end_of_year(today);
    out.extend(cut(start, this_year_end, end_of_year));
    if let Some(next_year) = this_year_end.succ_opt() {
        let from = next_year.max(start);
        out.push(Window {
            from,
            to: ymd(LAST_DAY).max(from),
        });
    }
    out
}

/// The decisions endpoint of a base address; an address already ending in `/decisions` is kept.
fn decisions_url(base: &str) -> anyhow::Result<String> {
    let not_an_address = || {
        format!(
            "--endpoint \"{base}\": expected the address of the register's search service, like {}",
            crate::args::REGISTER_URL
        )
    };
    let mut url = url::Url::parse(base.trim()).with_context(not_an_address)?;
    let has_decisions = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        == Some("decisions");
    {
        let Ok(mut path) = url.path_segments_mut() else {
            bail!(not_an_address());
        };
        path.pop_if_empty();
        if !has_decisions {
            path.push("decisions");
        }
    }
    Ok(url.into())
}

/// One answer of the service.
#[derive(Debug)]
struct Answer {
    total: usize,
    records: Vec<Map<String, Value>>,
}

fn describe(v: &Value) -> String {
    match v {
        Value::Object(o) => format!(
            "an object with the keys {}",
            o.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
        Value::Array(_) => "an array".to_owned(),
        other => format!(
            "\"{}\"",
            other.to_string().chars().take(60).collect::<String>()
        ),
    }
}

/// Reads `{"totalRows": N, "records": [{...}, ...]}`; what is wrong with it otherwise.
fn read_answer(body: &[u8]) -> Result<Answer, String> {
    const EXPECTED: &str = "expected an object with totalRows and records";
    let value: Value = serde_json::from_slice(body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body))
        .map_err(|e| format!("cannot be read as JSON ({e})"))?;
    let Value::Object(mut answer) = value else {
        return Err(format!("is {}, {EXPECTED}", describe(&value)));
    };
    // A count as a number or as a string of digits (the public script converts it either way).
    let total = match answer.get("totalRows") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let Some(total) = total.and_then(|t| usize::try_from(t).ok()) else {
        return Err(match answer.get("totalRows") {
            Some(found) => format!(
                "has totalRows {}, expected a count of decisions",
                describe(found)
            ),
            None => format!("is {}, {EXPECTED}", describe(&Value::Object(answer))),
        });
    };
    let records = match answer.remove("records") {
        Some(Value::Array(items)) => items,
        // No list with a count of 0 says the same as an empty one.
        Some(Value::Null) | None if total == 0 => Vec::new(),
        Some(other) => {
            return Err(format!(
                "has records {}, expected an array of decisions",
                describe(&other)
            ));
        }
        None => return Err(format!("has totalRows {total} and no records, {EXPECTED}")),
    };
    let records = records
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r {
            Value::Object(o) => Ok(o),
            other => Err(format!(
                "has as record {} {}, expected an object with the fields of a decision",
                i + 1,
                describe(&other)
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Answer { total, records })
}

/// The text of a field without the HTML character references the service may leave in it
/// (`&amp;`, `&#39;`, `&eacute;`…): the public script unescapes every field it reads
/// (`html.unescape` in its `_norm`). An `&` that starts no known reference stays as it is.
fn unescape_html(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "eacute" => Some('é'),
                "egrave" => Some('è'),
                "agrave" => Some('à'),
                "ccedil" => Some('ç'),
                "ouml" => Some('ö'),
                "uuml" => Some('ü'),
                "euml" => Some('ë'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A record with every text field unescaped ([`unescape_html`]).
fn unescaped(record: Map<String, Value>) -> Map<String, Value> {
    record
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::String(s) => Value::String(unescape_html(&s).into_owned()),
                other => other,
            };
            (k, v)
        })
        .collect()
}

/// A record's decision date, when it reads as one (an unreadable one is the importer's diagnostic).
fn decision_date(record: &Map<String, Value>) -> Option<NaiveDate> {
    record
        .get("decisionDate")
        .and_then(Value::as_str)
        .and_then(|t| domain::parse_date(t).ok())
}

/// Every decision of the windows, each with the window and position it came from.
struct Read {
    records: Vec<(Map<String, Value>, Window, usize)>,
    windows: usize,
}

/// Reads the windows, splitting those that hold more than an answer gives, and checks every count.
async fn read_windows(
    f: &mut Fetcher,
    url: &str,
    size: usize,
    since: Option<NaiveDate>,
    today: NaiveDate,
) -> anyhow::Result<Read> {
    let refuse = |w: &str, problem: String| refused(format!("{REGISTER}: {url} ({w}) {problem}"));
    let ask = |window: Option<Window>, about: String| {
        Request::json(url.to_owned(), &Window::body(window, size), about)
    };
    // The count of the whole range read, against which the windows must add up.
    let whole = since.map(|from| Window {
        from,
        to: ymd(LAST_DAY),
    });
    let whole_label = match whole {
        Some(w) => format!("every decision from {}", w.from),
        None => "every decision".to_owned(),
    };
    let body = f.fetch(&ask(whole, whole_label.clone())).await?;
    let expected = read_answer(&body)
        .map_err(|problem| refuse(&whole_label, format!("answered a body that {problem}")))?
        .total;

    let mut queue: VecDeque<Window> = first_windows(since, today).into();
    f.progress.set_length(queue.len() as u64);
    // What the service returns at most in one answer, once it has shown it.
    let mut cap: Option<usize> = None;
    let mut read = Read {
        records: Vec::new(),
        windows: 0,
    };
    while let Some(w) = queue.pop_front() {
        let about = format!("decisions of {w}");
        let body = f.fetch(&ask(Some(w), about.clone())).await?;
        let answer = read_answer(&body)
            .map_err(|problem| refuse(&about, format!("answered a body that {problem}")))?;
        let (n, total) = (answer.records.len(), answer.total);
        if n > total || (n < total && cap.is_some_and(|c| n != c)) || (n == 0 && total > 0) {
            return Err(refuse(
                &about,
                format!(
                    "counts {total} decision(s) and returned {n}{}: the answer contradicts itself, so nothing can be trusted to be complete",
                    cap.map(|c| format!(" (an earlier answer was cut to {c})"))
                        .unwrap_or_default()
                ),
            ));
        }
        if n < total {
            // More than one answer holds: never a second page (the order is not stable).
            cap = Some(n);
            let Some(parts) = w.split() else {
                return Err(refuse(
                    &about,
                    format!(
                        "counts {total} decision(s) on that one day and returns at most {n} per answer: the day cannot be read whole (a larger --page-size may help if the service allows it)"
                    ),
                ));
            };
            f.progress.inc_length(parts.len() as u64);
            for part in parts.into_iter().rev() {
                queue.push_front(part);
            }
            continue;
        }
        for (i, record) in answer.records.into_iter().enumerate() {
            if let Some(d) = decision_date(&record)
                && !w.holds(d)
            {
                return Err(refuse(
                    &about,
                    format!(
                        "returned a decision dated {d} (record {}): the service's date filter does not work as the tool expects",
                        i + 1
                    ),
                ));
            }
            read.records.push((record, w, i + 1));
        }
        read.windows += 1;
    }
    if read.records.len() != expected {
        return Err(refused(format!(
            "{REGISTER}: {url} counts {expected} decision(s) in all ({whole_label}) and the windows read hold {}: decisions were added or removed while reading (run it again), or some are dated outside {} to {}",
            read.records.len(),
            ymd(FIRST_DAY),
            ymd(LAST_DAY),
        )));
    }
    Ok(read)
}

/// Says what is wrong with the records read (the first [`MAX_SHOWN`], and how many more): exit 1,
/// nothing written.
fn problems(ctx: &mut Ctx<'_>, name: &str, found: &[importer::Diagnostic]) -> anyhow::Result<u8> {
    let mut text = format!("{name}: {} problem(s); nothing was written\n", found.len());
    for d in found.iter().take(MAX_SHOWN) {
        text.push_str(&format!("  {d}\n"));
    }
    if found.len() > MAX_SHOWN {
        text.push_str(&format!("  … and {} more\n", found.len() - MAX_SHOWN));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_ATTENTION)
}

pub async fn run(ctx: &mut Ctx<'_>, a: SyncRegister, database_url: &str) -> anyhow::Result<u8> {
    let base = a.endpoint.trim().to_owned();
    if base.is_empty() {
        bail!(
            "--endpoint \"\": expected the address of the register's search service, like {}",
            crate::args::REGISTER_URL
        );
    }
    if a.page_size == 0 {
        bail!("--page-size 0: expected a number of decisions per answer, like 5000");
    }
    let filter = super::import::country_option(&a.country)?;
    let since = a
        .since
        .as_deref()
        .map(|t| parse_date(t).context("--since"))
        .transpose()?;
    let today = super::today();
    if since.is_some_and(|s| s > today) {
        bail!(
            "--since {}: a date in the future",
            a.since.as_deref().unwrap_or_default()
        );
    }
    let url = decisions_url(&base)?;
    let opts = net_options(&a.net, ctx.connect_timeout, database_url, &url)?;
    let mut f = Fetcher::new(REGISTER, &url, opts)?;
    f.progress = net::progress_bar(1);
    f.progress.set_prefix(REGISTER);
    let read = read_windows(&mut f, &url, a.page_size, since, today).await?;
    f.progress.finish_and_clear();
    // The exports list the active cases only; the service lists every decision ever taken, closed
    // cases included, and says on each record whether its case is active. Only the active ones are
    // kept, so that a read is what an export of the same day would be.
    let mut flag_problems = Vec::new();
    let mut closed = 0;
    let mut active_records = Vec::with_capacity(read.records.len());
    for (record, w, i) in read.records {
        let flag = record.get(ACTIVE_FIELD);
        let text = flag.and_then(Value::as_str).unwrap_or_default();
        match domain::vocab::Vocabulary::get().yes_no(text) {
            Some(true) => active_records.push((record, w, i)),
            Some(false) => closed += 1,
            None => flag_problems.push(
                importer::Diagnostic::new(
                    &format!("{REGISTER}, decisions of {w}"),
                    flag.map_or_else(
                        || "no such field".to_owned(),
                        |v| match v {
                            Value::String(t) => t.clone(),
                            other => other.to_string(),
                        },
                    ),
                    "Yes or No: whether the case is active",
                )
                .row(i)
                .column(ACTIVE_FIELD),
            ),
        }
    }
    if !flag_problems.is_empty() {
        return problems(ctx, &format!("{REGISTER} ({url})"), &flag_problems);
    }
    let read = Read {
        records: active_records,
        windows: read.windows,
    };
    if read.records.is_empty() {
        // Nothing new since a date is an answer; a full read that lists nothing is not.
        if since.is_some() {
            ctx.print(&format!(
                "{REGISTER}: no decision in the period read; nothing to write\n"
            ))?;
            return Ok(crate::EXIT_OK);
        }
        return Err(refused(format!(
            "{REGISTER}: {url} listed no decision at all; nothing was written"
        )));
    }
    // One order whatever the service's, so that the same decisions give the same input and hash:
    // by case, newest decision first (the importer takes a case's title and department from its
    // first row that has them: the newest), then by the record's whole text.
    type Key = (Option<String>, std::cmp::Reverse<Option<NaiveDate>>);
    let mut keyed: Vec<(Key, String, Window, usize)> = read
        .records
        .into_iter()
        .map(|(r, w, i)| {
            let r = unescaped(r);
            let number = r.get("infringementNumber").map(Value::to_string);
            let key = (number, std::cmp::Reverse(decision_date(&r)));
            (key, Value::Object(r).to_string(), w, i)
        })
        .collect();
    keyed.sort();
    let records: Vec<(String, Window, usize)> =
        keyed.into_iter().map(|(_, t, w, i)| (t, w, i)).collect();
    let mut bytes = Vec::with_capacity(records.iter().map(|r| r.0.len() + 2).sum());
    bytes.push(b'[');
    for (i, (r, _, _)) in records.iter().enumerate() {
        if i > 0 {
            bytes.extend_from_slice(b",\n");
        }
        bytes.extend_from_slice(r.as_bytes());
    }
    bytes.push(b']');
    let hash = hex::encode(Sha256::digest(&bytes));
    let name = format!("{REGISTER} ({url})");
    let mut parsed =
        importer::register::parse(&bytes, &format!("{name}.json"), filter, &ctx.limits)
            .map_err(refused)?;
    if !parsed.diagnostics.is_empty() {
        // A row of the joined records is the window and position the service gave it at.
        for d in &mut parsed.diagnostics {
            if let Some((_, w, i)) = d.row.and_then(|r| records.get(r.wrapping_sub(1))) {
                d.file = format!("{REGISTER}, decisions of {w}");
                d.row = Some(*i);
            }
        }
        return problems(ctx, &name, &parsed.diagnostics);
    }
    // As the snapshot stores it: the state's English name, or `all`.
    let country_key = CountryFilter::from(filter).to_string();
    let txn = data::begin_write(&ctx.db).await?;
    let actor = data::repo::start_import_run(
        &txn,
        &ctx.actor,
        NewImportRun {
            source: ImportSource::Register,
            file_name: url.clone(),
            file_hash: hash.clone(),
            outcome: if since.is_some() {
                ImportOutcome::Partial
            } else {
                ImportOutcome::Complete
            },
            counts: json!({"rows": parsed.rows_read, "decisions": parsed.decisions_read, "cases": parsed.records.len(), "as_of": today, "since": since, "country": country_key, "windows": read.windows}),
            diagnostics: json!([]),
        },
    )
    .await?;
    // Only a full read lists every active case: a read --since records no snapshot, so that no
    // case is taken for closed because its decisions are older than the window.
    let outcome = if since.is_none() {
        data::register::import(&txn, &actor, &parsed.records, today, filter, &hash).await?
    } else {
        RegisterOutcome {
            merge: data::repo::merge_cases(&txn, &actor, &parsed.records, today).await?,
            ..Default::default()
        }
    };
    if !a.accept_closures
        && let Some((listed, closing)) = outcome.suspicious_closures(today)
    {
        txn.rollback().await?;
        ctx.print(&super::import::closures_refused(&url, listed, &closing))?;
        return Ok(crate::EXIT_ATTENTION);
    }
    let nothing = if since.is_some() {
        let m = &outcome.merge;
        m.new_cases.is_empty() && m.new_decisions.is_empty() && m.updated_cases.is_empty()
    } else {
        outcome.changed_nothing()
    };
    // A read that changes nothing leaves no trace, not even its run.
    if nothing {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    if ctx.json {
        ctx.print_json(&json!({"endpoint": url, "as_of": today, "since": since, "country": country_key, "windows": read.windows, "decisions_read": records.len(), "closed_cases_decisions": closed, "outcome": outcome}))?;
        return Ok(crate::EXIT_OK);
    }
    let lang = ctx.lang;
    let m = &outcome.merge;
    let mut s = format!(
        "{name}: {} window(s), {} {}, {} decision(s) of active cases of all member states ({closed} of closed cases left aside, as in an export); {} case(s), {} new, {} new decision(s), {} no longer active, {} reopened\n",
        read.windows,
        f.sent + f.from_cache,
        REQUESTS.t(lang),
        records.len(),
        parsed.records.len(),
        m.new_cases.len(),
        m.new_decisions.len(),
        outcome.no_longer_active.len(),
        outcome.reopened.len(),
    );
    if nothing {
        s.push_str(REGISTER_NOTHING.t(lang));
        s.push('\n');
    } else {
        for n in &m.new_cases {
            s.push_str(&format!("  + {n}\n"));
        }
        for (n, d, stage) in &m.new_decisions {
            s.push_str(&format!("  + {n} {} {stage}\n", lang.format_date_short(*d)));
        }
        for (n, a, b) in &outcome.no_longer_active {
            s.push_str(&format!(
                "  - {n} {} – {}\n",
                lang.format_date_short(*a),
                lang.format_date_short(*b)
            ));
        }
    }
    ctx.print(&s)?;
    Ok(crate::EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn w(from: NaiveDate, to: NaiveDate) -> Window {
        Window { from, to }
    }

    #[test]
    fn a_full_read_asks_before_1990_then_each_year_then_the_future() {
        let all = first_windows(None, d(2026, 12, 1));
        assert_eq!(all.len(), 1 + 37 + 1);
        assert_eq!(all[0], w(d(1900, 1, 1), d(1989, 12, 31)));
        assert_eq!(all[1], w(d(1990, 1, 1), d(1990, 12, 31)));
        assert_eq!(all[37], w(d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(all[38], w(d(2027, 1, 1), d(2100, 12, 31)));
        for pair in all.windows(2) {
            assert_eq!(
                pair[0].to.succ_opt(),
                Some(pair[1].from),
                "no gap, no overlap"
            );
        }
    }

    #[test]
    fn a_read_since_a_date_starts_on_that_day() {
        let since = first_windows(Some(d(2025, 3, 15)), d(2026, 2, 1));
        assert_eq!(
            since,
            vec![
                w(d(2025, 3, 15), d(2025, 12, 31)),
                w(d(2026, 1, 1), d(2026, 12, 31)),
                w(d(2027, 1, 1), d(2100, 12, 31)),
            ]
        );
    }

    #[test]
    fn windows_split_into_years_then_months_then_days() {
        let years = w(d(1900, 1, 1), d(1989, 12, 31)).split().unwrap();
        assert_eq!(years.len(), 90);
        let months = w(d(2024, 1, 1), d(2024, 12, 31)).split().unwrap();
        assert_eq!(months.len(), 12);
        assert_eq!(months[1], w(d(2024, 2, 1), d(2024, 2, 29)), "a leap year");
        assert_eq!(months[11], w(d(2024, 12, 1), d(2024, 12, 31)));
        let days = months[1].split().unwrap();
        assert_eq!(days.len(), 29);
        assert_eq!(days[28], w(d(2024, 2, 29), d(2024, 2, 29)));
        assert_eq!(days[0].split(), None, "a day is not split");
        let part = w(d(2025, 3, 15), d(2025, 12, 31)).split().unwrap();
        assert_eq!(part[0], w(d(2025, 3, 15), d(2025, 3, 31)));
    }

    #[test]
    fn windows_are_named_as_people_read_them() {
        assert_eq!(w(d(2021, 1, 1), d(2021, 12, 31)).to_string(), "2021");
        assert_eq!(w(d(2021, 2, 1), d(2021, 2, 28)).to_string(), "2021-02");
        assert_eq!(w(d(2021, 2, 3), d(2021, 2, 3)).to_string(), "2021-02-03");
        assert_eq!(
            w(d(1900, 1, 1), d(1989, 12, 31)).to_string(),
            "1900-01-01 to 1989-12-31"
        );
    }

    #[test]
    fn the_body_has_the_fields_public_code_sends_with_day_first_dates() {
        let b = Window::body(Some(w(d(2021, 3, 1), d(2021, 3, 31))), 5000);
        assert_eq!(b["decisionDateFrom"], "01/03/2021");
        assert_eq!(b["decisionDateTo"], "31/03/2021");
        assert_eq!(b["page"], 0);
        assert_eq!(b["size"], 5000);
        assert_eq!(b["langCode"], "EN");
        assert!(
            b["memberState"].is_null(),
            "the member state is filtered on our side"
        );
        assert_eq!(b.as_object().unwrap().len(), 20);
        assert!(Window::body(None, 10)["decisionDateFrom"].is_null());
    }

    #[test]
    fn the_decisions_address_is_added_once() {
        let check = |base: &str, expected: &str| {
            assert_eq!(decisions_url(base).unwrap(), expected, "{base}");
        };
        let base = crate::args::REGISTER_URL;
        check(base, &format!("{base}/decisions"));
        check(&format!("{base}/"), &format!("{base}/decisions"));
        check(
            &format!(" {base}/decisions/ "),
            &format!("{base}/decisions"),
        );
        check(
            "http://127.0.0.1:9/api/decisions",
            "http://127.0.0.1:9/api/decisions",
        );
        check("http://127.0.0.1:9", "http://127.0.0.1:9/decisions");
        check(
            "http://127.0.0.1:9/api?key=1",
            "http://127.0.0.1:9/api/decisions?key=1",
        );
        for refused in ["register", "mailto:unit@example.org"] {
            let e = decisions_url(refused).unwrap_err().to_string();
            assert!(e.starts_with(&format!("--endpoint \"{refused}\"")), "{e}");
        }
    }

    #[test]
    fn html_character_references_are_unescaped_and_a_bare_ampersand_stays() {
        assert_eq!(
            unescape_html("Transport &amp; Mobility &#8211; l&#39;accès &eacute;"),
            "Transport & Mobility – l'accès é"
        );
        assert_eq!(
            unescape_html("R&D, A & B, &unknown; &#xE9;"),
            "R&D, A & B, &unknown; é"
        );
        assert_eq!(unescape_html("plain"), "plain");
    }

    #[test]
    fn answers_are_read_or_said_wrong() {
        let a = read_answer(br#"{"totalRows": 2, "records": [{"a": 1}, {"b": 2}]}"#).unwrap();
        assert_eq!((a.total, a.records.len()), (2, 2));
        let a = read_answer(b"\xEF\xBB\xBF{\"totalRows\": \"0\", \"records\": null}").unwrap();
        assert_eq!((a.total, a.records.len()), (0, 0));
        for (body, says) in [
            (
                &br#"[{"a": 1}]"#[..],
                "is an array, expected an object with totalRows",
            ),
            (br#"{"error": "maintenance"}"#, "the keys error, expected"),
            (
                br#"{"totalRows": -1, "records": []}"#,
                "has totalRows \"-1\"",
            ),
            (br#"{"totalRows": 3}"#, "has totalRows 3 and no records"),
            (
                br#"{"totalRows": 1, "records": {}}"#,
                "has records an object",
            ),
            (
                br#"{"totalRows": 1, "records": ["x"]}"#,
                "as record 1 \"\"x\"\"",
            ),
            (br#"{"totalRows": 1, "rec"#, "cannot be read as JSON"),
        ] {
            let problem = read_answer(body).unwrap_err();
            assert!(problem.contains(says), "{problem}");
        }
    }
}
