//! The meeting scoreboard: what the unit prints before every Concertation Committee and
//! euro-coordinators meeting (indicators, directives, what is overdue or due soon, per authority,
//! infringement and EU Pilot cases, changes since the previous pack), as a workbook and as an HTML
//! page with the same content.
//!
//! [`ScoreboardView`] is plain data the `cli` assembles and stores as JSON with each pack, so the
//! next pack can [`changes`] against it. Both outputs derive the same sections from it
//! ([`Sections`]); the workbook's words live here, the page's words in its template.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use domain::indicators::Indicators;
use domain::{CaseType, Delay, Lang, Stage, Status, add_months};
use minijinja::{Environment, UndefinedBehavior, value::Serde};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// Everything a scoreboard shows, at a date, in a language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreboardView {
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub meeting: Option<MeetingLine>,
    pub indicators: Indicators,
    /// Every tracked directive, in the order to show them.
    pub directives: Vec<DirectiveLine>,
    /// The infringement cases to show (the active ones), in the order to show them.
    pub cases: Vec<CaseLine>,
    pub pilots: Vec<PilotLine>,
    /// What changed since the previous meeting's pack, when there is one.
    pub changes: Option<Changes>,
}

/// The meeting a pack is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    /// `concertation`, `eurocoord`, `commission` or `correspondents`.
    pub kind: String,
    pub held_on: NaiveDate,
}

/// A directive as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveLine {
    pub celex: String,
    /// As people write it: "2019/1024", "91/271".
    pub number: String,
    pub title: Option<String>,
    /// The title is not in the view's language (a fallback, usually the English one).
    pub title_in_other_language: bool,
    /// The status at `as_of`.
    pub status: Status,
    pub deadlines: Vec<NaiveDate>,
    /// The deadline that matters at the date: the earliest one not met (passed or to come); None
    /// when every deadline is met.
    pub next_deadline: Option<NaiveDate>,
    /// Days from `as_of` to `next_deadline`: negative when overdue.
    pub days_left: Option<i64>,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    /// The measures, one line each, as they should read (type, title, dates).
    pub measures: Vec<String>,
    /// The planned completion date as written when it is approximate ("fin 2025").
    pub planned_text: Option<String>,
    /// The planned completion date (no later than).
    pub planned_on: Option<NaiveDate>,
    pub at_risk: bool,
    pub risk_reason: Option<String>,
}

/// An infringement case as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub number: String,
    pub case_type: Option<CaseType>,
    pub title: Option<String>,
    /// The stage of the latest decision.
    pub stage: Option<Stage>,
    pub last_decision_on: Option<NaiveDate>,
    /// The deadline of the reply the latest letter asks for.
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    /// When the reply was entered in the Commission's system.
    pub reply_entered_on: Option<NaiveDate>,
    pub lead: Option<String>,
    /// The directives it concerns, as numbers ("2019/1024").
    pub directives: Vec<String>,
}

/// An EU Pilot case as the scoreboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PilotLine {
    pub number: String,
    pub subject: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub lead: Option<String>,
}

/// What changed between two packs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Changes {
    /// The date of the previous pack.
    pub since: NaiveDate,
    /// CELEX numbers of directives the previous pack did not have.
    pub new_directives: Vec<String>,
    /// (CELEX, old status code, new status code).
    pub status_changes: Vec<(String, String, String)>,
    /// (case number, decision date, stage code) of latest decisions the previous pack did not show.
    pub new_decisions: Vec<(String, NaiveDate, String)>,
    /// (case or EU Pilot number, date sent) of replies sent since the previous pack.
    pub replies_sent: Vec<(String, NaiveDate)>,
}

/// What changed from `previous` to `current`, in `current`'s order.
pub fn changes(previous: &ScoreboardView, current: &ScoreboardView) -> Changes {
    let old_status: BTreeMap<&str, &Status> = previous
        .directives
        .iter()
        .map(|d| (d.celex.as_str(), &d.status))
        .collect();
    let mut out = Changes {
        since: previous.as_of,
        ..Changes::default()
    };
    for d in &current.directives {
        match old_status.get(d.celex.as_str()) {
            None => out.new_directives.push(d.celex.clone()),
            Some(old) if old.code() != d.status.code() => out.status_changes.push((
                d.celex.clone(),
                old.code().to_string(),
                d.status.code().to_string(),
            )),
            Some(_) => {}
        }
    }
    let old_cases: BTreeMap<&str, &CaseLine> = previous
        .cases
        .iter()
        .map(|c| (c.number.as_str(), c))
        .collect();
    for c in &current.cases {
        let old = old_cases.get(c.number.as_str());
        if let (Some(on), Some(stage)) = (c.last_decision_on, c.stage)
            && old.is_none_or(|o| (o.last_decision_on, o.stage) != (Some(on), Some(stage)))
        {
            out.new_decisions.push((c.number.clone(), on, stage.code()));
        }
        if let Some(sent) = c.reply_sent_on
            && old.is_none_or(|o| o.reply_sent_on != Some(sent))
        {
            out.replies_sent.push((c.number.clone(), sent));
        }
    }
    let old_pilots: BTreeMap<&str, &PilotLine> = previous
        .pilots
        .iter()
        .map(|p| (p.number.as_str(), p))
        .collect();
    for p in &current.pilots {
        if let Some(sent) = p.reply_sent_on
            && old_pilots
                .get(p.number.as_str())
                .is_none_or(|o| o.reply_sent_on != Some(sent))
        {
            out.replies_sent.push((p.number.clone(), sent));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Sections: what both outputs show, derived once.

/// Amber from this many days before a deadline.
const SOON_DAYS: i64 = 60;
/// "Due within 6 months".
const DUE_SOON_MONTHS: u32 = 6;
/// How many deadlines the summary lists.
const NEXT_DEADLINES: usize = 10;

/// The colour of a row: overdue red, due within 60 days amber, done green.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Late,
    Soon,
    Done,
    Plain,
}

impl Tone {
    /// The CSS class of the page.
    fn class(self) -> &'static str {
        match self {
            Tone::Late => "late",
            Tone::Soon => "soon",
            Tone::Done => "done",
            Tone::Plain => "",
        }
    }

    fn index(self) -> usize {
        match self {
            Tone::Plain => 0,
            Tone::Late => 1,
            Tone::Soon => 2,
            Tone::Done => 3,
        }
    }
}

/// Days from the date to the deadline that matters (negative when overdue), from the line or, when
/// the line has none, from its status.
fn days_left(d: &DirectiveLine) -> Option<i64> {
    d.days_left.or(match d.status {
        Status::NotYetDue { days_left } => Some(days_left),
        Status::Overdue { delay } | Status::PartiallyTransposed { delay } => Some(-delay.days),
        _ => None,
    })
}

fn is_done(status: &Status) -> bool {
    matches!(
        status,
        Status::TransposedOnTime | Status::TransposedLate { .. }
    )
}

fn directive_tone(d: &DirectiveLine) -> Tone {
    if is_done(&d.status) {
        return Tone::Done;
    }
    if d.status.is_outstanding() {
        return Tone::Late;
    }
    match (d.status, days_left(d)) {
        (Status::NotConcerned, _) => Tone::Plain,
        (_, Some(n)) if n < 0 => Tone::Late,
        (_, Some(n)) if n <= SOON_DAYS => Tone::Soon,
        _ => Tone::Plain,
    }
}

/// A reply: green once sent, red when its deadline passed unsent, amber within 60 days.
fn reply_tone(as_of: NaiveDate, deadline: Option<NaiveDate>, sent: Option<NaiveDate>) -> Tone {
    match (deadline, sent) {
        (_, Some(_)) => Tone::Done,
        (Some(d), None) if d < as_of => Tone::Late,
        (Some(d), None) if (d - as_of).num_days() <= SOON_DAYS => Tone::Soon,
        _ => Tone::Plain,
    }
}

fn is_due_soon(d: &DirectiveLine, as_of: NaiveDate) -> bool {
    let horizon = add_months(as_of, DUE_SOON_MONTHS);
    matches!(d.status, Status::NotYetDue { .. })
        && d.next_deadline.is_some_and(|n| as_of <= n && n <= horizon)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Associated,
}

impl Role {
    fn code(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Associated => "associated",
        }
    }
}

/// The directives one authority has overdue or due within six months; `name` None gathers the
/// directives nobody leads.
struct AuthorityGroup<'a> {
    name: Option<&'a str>,
    rows: Vec<(Role, &'a DirectiveLine)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeadlineKind {
    Transposition,
    CaseReply,
    PilotReply,
}

impl DeadlineKind {
    fn code(self) -> &'static str {
        match self {
            DeadlineKind::Transposition => "transposition",
            DeadlineKind::CaseReply => "case-reply",
            DeadlineKind::PilotReply => "pilot-reply",
        }
    }
}

struct NextDeadline<'a> {
    date: NaiveDate,
    kind: DeadlineKind,
    reference: &'a str,
    title: Option<&'a str>,
}

/// The sections both outputs show, derived from the view.
struct Sections<'a> {
    /// (status code, a status of that kind, count), in the order of [`STATUS_ORDER`], without zeros.
    status_counts: Vec<(Status, usize)>,
    next_deadlines: Vec<NextDeadline<'a>>,
    overdue: Vec<&'a DirectiveLine>,
    due_soon: Vec<&'a DirectiveLine>,
    authorities: Vec<AuthorityGroup<'a>>,
}

const ZERO: Delay = Delay { days: 0, months: 0 };
/// One status of each kind, in the order the summary counts them (worst first).
const STATUS_ORDER: [Status; 7] = [
    Status::Overdue { delay: ZERO },
    Status::PartiallyTransposed { delay: ZERO },
    Status::NotYetDue { days_left: 0 },
    Status::TransposedLate { delay: ZERO },
    Status::TransposedOnTime,
    Status::NoDeadline,
    Status::NotConcerned,
];

fn status_label_of_code(code: &str, lang: Lang) -> String {
    STATUS_ORDER
        .iter()
        .find(|s| s.code() == code)
        .map_or_else(|| code.to_string(), |s| sentence(s.label(lang)))
}

fn stage_label_of_code(code: &str, lang: Lang) -> String {
    Stage::from_code(code).map_or_else(|_| code.to_string(), |s| sentence(&s.label(lang)))
}

impl<'a> Sections<'a> {
    fn of(view: &'a ScoreboardView) -> Sections<'a> {
        let as_of = view.as_of;
        let status_counts = STATUS_ORDER
            .iter()
            .map(|s| {
                (
                    *s,
                    view.directives
                        .iter()
                        .filter(|d| d.status.code() == s.code())
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();

        let mut next_deadlines: Vec<NextDeadline> = Vec::new();
        // Every deadline to come of a directive not yet transposed, including the later deadline of
        // one already overdue on an earlier one.
        for d in view
            .directives
            .iter()
            .filter(|d| !is_done(&d.status) && d.status != Status::NotConcerned)
        {
            let mut dates: Vec<NaiveDate> =
                d.deadlines.iter().copied().chain(d.next_deadline).collect();
            dates.sort();
            dates.dedup();
            for date in dates {
                let (kind, reference, title) = (
                    DeadlineKind::Transposition,
                    d.number.as_str(),
                    d.title.as_deref(),
                );
                next_deadlines.push(NextDeadline {
                    date,
                    kind,
                    reference,
                    title,
                });
            }
        }
        for c in &view.cases {
            if let (Some(date), None) = (c.reply_deadline, c.reply_sent_on) {
                let (kind, reference, title) = (
                    DeadlineKind::CaseReply,
                    c.number.as_str(),
                    c.title.as_deref(),
                );
                next_deadlines.push(NextDeadline {
                    date,
                    kind,
                    reference,
                    title,
                });
            }
        }
        for p in &view.pilots {
            if let (Some(date), None) = (p.reply_deadline, p.reply_sent_on) {
                let (kind, reference, title) = (
                    DeadlineKind::PilotReply,
                    p.number.as_str(),
                    p.subject.as_deref(),
                );
                next_deadlines.push(NextDeadline {
                    date,
                    kind,
                    reference,
                    title,
                });
            }
        }
        next_deadlines.retain(|n| n.date >= as_of);
        next_deadlines.sort_by_key(|n| n.date);
        next_deadlines.truncate(NEXT_DEADLINES);

        let mut overdue: Vec<&DirectiveLine> = view
            .directives
            .iter()
            .filter(|d| d.status.is_outstanding())
            .collect();
        overdue.sort_by_key(|d| days_left(d).unwrap_or(0));
        let mut due_soon: Vec<&DirectiveLine> = view
            .directives
            .iter()
            .filter(|d| is_due_soon(d, as_of))
            .collect();
        due_soon.sort_by_key(|d| d.next_deadline);

        let mut by_name: BTreeMap<(u8, String), AuthorityGroup> = BTreeMap::new();
        for d in overdue.iter().chain(due_soon.iter()).copied() {
            let mut roles: Vec<(Option<&str>, Role)> = Vec::new();
            roles.extend(d.lead.as_deref().map(|l| (Some(l), Role::Lead)));
            roles.extend(
                d.associated
                    .iter()
                    .map(|a| (Some(a.as_str()), Role::Associated)),
            );
            if d.lead.is_none() {
                roles.push((None, Role::Lead));
            }
            for (name, role) in roles {
                // Unassigned last; authorities in alphabetical order whatever their case.
                let key = name.map_or((1, String::new()), |n| (0, n.to_lowercase()));
                by_name
                    .entry(key)
                    .or_insert_with(|| AuthorityGroup {
                        name,
                        rows: Vec::new(),
                    })
                    .rows
                    .push((role, d));
            }
        }
        let mut authorities: Vec<AuthorityGroup> = by_name.into_values().collect();
        for group in &mut authorities {
            group
                .rows
                .sort_by_key(|(_, d)| days_left(d).unwrap_or(i64::MAX));
        }

        Sections {
            status_counts,
            next_deadlines,
            overdue,
            due_soon,
            authorities,
        }
    }
}

/// The first letter in upper case: labels of the domain are lower case, cells start a sentence.
fn sentence(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// One page for every language: its words are the `page` tables of the translation files.
const TEMPLATE: &str = include_str!("../../../templates/scoreboard.html");

/// The embedded template (the same for every language).
pub fn embedded_template(_lang: Lang) -> Option<&'static str> {
    Some(TEMPLATE)
}

/// The scoreboard as a self-contained HTML page, from the embedded template of the view's language
/// or from `template` (a user's copy of it). Undefined variables are errors, so a template that
/// names something the context lacks fails here instead of printing blanks.
pub fn html(view: &ScoreboardView, template: Option<&str>) -> Result<String, ReportError> {
    let source = match template {
        Some(t) => t,
        None => TEMPLATE,
    };
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The .html name turns on HTML escaping of every value.
    env.add_template("scoreboard.html", source)?;
    let context = Context::of(view);
    Ok(env
        .get_template("scoreboard.html")?
        .render(Serde(&context))?)
}

/// The one context every scoreboard template renders from: numbers and dates already formatted in
/// the view's language, so templates hold words and layout only.
#[derive(Serialize)]
struct Context {
    lang: &'static str,
    /// The page's words in the view's language: the `page` tables of its translation file.
    w: BTreeMap<String, String>,
    /// What a directive without a lead administration shows, as in every other output.
    no_lead: &'static str,
    as_of: String,
    meeting: Option<MeetingContext>,
    indicators: IndicatorsContext,
    status_counts: Vec<CountContext>,
    next_deadlines: Vec<NextContext>,
    directives: Vec<DirectiveContext>,
    overdue: Vec<DirectiveContext>,
    due_soon: Vec<DirectiveContext>,
    authorities: Vec<AuthorityContext>,
    cases: Vec<CaseContext>,
    pilots: Vec<PilotContext>,
    changes: Option<ChangesContext>,
}

#[derive(Serialize)]
struct MeetingContext {
    kind: String,
    held_on: String,
    /// "Comité de concertation du 3 décembre 2024", as every output names it.
    name: String,
}

#[derive(Serialize)]
struct CountContext {
    /// A status code, a step code or a case type code; `unknown` when not known.
    code: String,
    label: String,
    count: String,
}

#[derive(Serialize)]
struct TargetContext {
    kind: &'static str,
    percent: String,
    met: bool,
}

#[derive(Serialize)]
struct IndicatorsContext {
    is_forecast: bool,
    deadlines_until: String,
    notifications_until: String,
    concerned: String,
    due: String,
    not_completely_notified: String,
    overdue: String,
    partial: String,
    deficit: Option<String>,
    overdue_two_years_or_more: String,
    average_delay_months: Option<String>,
    pending_cases: String,
    pending_non_conformity: String,
    pending_to_triage: String,
    pending_by_step: Vec<CountContext>,
    pending_by_type: Vec<CountContext>,
    average_case_duration_months: Option<String>,
    targets: Vec<TargetContext>,
}

#[derive(Serialize)]
struct NextContext {
    date: String,
    days_left: String,
    kind: &'static str,
    reference: String,
    title: Option<String>,
    tone: &'static str,
}

#[derive(Serialize)]
struct DirectiveContext {
    celex: String,
    number: String,
    title: Option<String>,
    title_in_other_language: bool,
    status: &'static str,
    status_label: String,
    deadline: Option<String>,
    /// Every deadline, when there are several.
    other_deadlines: Vec<String>,
    days_late: Option<String>,
    days_left: Option<String>,
    lead: Option<String>,
    associated: Vec<String>,
    measures: Vec<String>,
    planned: Option<String>,
    at_risk: bool,
    risk_reason: Option<String>,
    tone: &'static str,
}

#[derive(Serialize)]
struct AuthorityRowContext {
    role: &'static str,
    directive: DirectiveContext,
}

#[derive(Serialize)]
struct AuthorityContext {
    name: Option<String>,
    rows: Vec<AuthorityRowContext>,
}

#[derive(Serialize)]
struct CaseContext {
    number: String,
    case_type: Option<String>,
    title: Option<String>,
    stage: Option<String>,
    last_decision_on: Option<String>,
    reply_deadline: Option<String>,
    reply_sent_on: Option<String>,
    reply_entered_on: Option<String>,
    lead: Option<String>,
    directives: Vec<String>,
    tone: &'static str,
}

#[derive(Serialize)]
struct PilotContext {
    number: String,
    subject: Option<String>,
    received_on: Option<String>,
    reply_deadline: Option<String>,
    reply_sent_on: Option<String>,
    outcome: Option<String>,
    lead: Option<String>,
    tone: &'static str,
}

#[derive(Serialize)]
struct StatusChangeContext {
    celex: String,
    number: String,
    old: String,
    new: String,
}

#[derive(Serialize)]
struct DecisionContext {
    number: String,
    date: String,
    stage: String,
}

#[derive(Serialize)]
struct ReplyContext {
    number: String,
    date: String,
}

#[derive(Serialize)]
struct ChangesContext {
    since: String,
    is_empty: bool,
    new_directives: Vec<String>,
    status_changes: Vec<StatusChangeContext>,
    new_decisions: Vec<DecisionContext>,
    replies_sent: Vec<ReplyContext>,
}

impl Context {
    fn of(view: &ScoreboardView) -> Context {
        let lang = view.lang;
        let sections = Sections::of(view);
        let date = |d: NaiveDate| lang.format_date(d);
        let directive = |d: &DirectiveLine| directive_context(d, lang);
        let number_of = |celex: &str| {
            view.directives
                .iter()
                .find(|d| d.celex == celex)
                .map_or_else(|| celex.to_string(), |d| d.number.clone())
        };
        Context {
            lang: lang.code(),
            w: domain::words::all(lang)
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix("page.")?.to_owned(), v.clone())))
                .collect(),
            no_lead: domain::words::t(lang, "lead.none"),
            as_of: date(view.as_of),
            meeting: view.meeting.as_ref().map(|m| MeetingContext {
                kind: m.kind.clone(),
                held_on: date(m.held_on),
                name: meeting_name(&m.kind, lang, m.held_on),
            }),
            indicators: indicators_context(&view.indicators, view.as_of, lang),
            status_counts: sections
                .status_counts
                .iter()
                .map(|(s, n)| CountContext {
                    code: s.code().to_string(),
                    label: sentence(s.label(lang)),
                    count: lang.format_int(*n as i64),
                })
                .collect(),
            next_deadlines: sections
                .next_deadlines
                .iter()
                .map(|n| NextContext {
                    date: date(n.date),
                    days_left: lang.format_int((n.date - view.as_of).num_days()),
                    kind: n.kind.code(),
                    reference: n.reference.to_string(),
                    title: n.title.map(str::to_string),
                    tone: reply_tone(view.as_of, Some(n.date), None).class(),
                })
                .collect(),
            directives: view.directives.iter().map(directive).collect(),
            overdue: sections.overdue.iter().copied().map(directive).collect(),
            due_soon: sections.due_soon.iter().copied().map(directive).collect(),
            authorities: sections
                .authorities
                .iter()
                .map(|g| AuthorityContext {
                    name: g.name.map(str::to_string),
                    rows: g
                        .rows
                        .iter()
                        .map(|(role, d)| AuthorityRowContext {
                            role: role.code(),
                            directive: directive(d),
                        })
                        .collect(),
                })
                .collect(),
            cases: view
                .cases
                .iter()
                .map(|c| CaseContext {
                    number: c.number.clone(),
                    case_type: c.case_type.map(|t| sentence(t.label(lang))),
                    title: c.title.clone(),
                    stage: c.stage.map(|s| sentence(&s.label(lang))),
                    last_decision_on: c.last_decision_on.map(date),
                    reply_deadline: c.reply_deadline.map(date),
                    reply_sent_on: c.reply_sent_on.map(date),
                    reply_entered_on: c.reply_entered_on.map(date),
                    lead: c.lead.clone(),
                    directives: c.directives.clone(),
                    tone: reply_tone(view.as_of, c.reply_deadline, c.reply_sent_on).class(),
                })
                .collect(),
            pilots: view
                .pilots
                .iter()
                .map(|p| PilotContext {
                    number: p.number.clone(),
                    subject: p.subject.clone(),
                    received_on: p.received_on.map(date),
                    reply_deadline: p.reply_deadline.map(date),
                    reply_sent_on: p.reply_sent_on.map(date),
                    outcome: p.outcome.clone(),
                    lead: p.lead.clone(),
                    tone: reply_tone(view.as_of, p.reply_deadline, p.reply_sent_on).class(),
                })
                .collect(),
            changes: view.changes.as_ref().map(|c| ChangesContext {
                since: date(c.since),
                is_empty: c.new_directives.is_empty()
                    && c.status_changes.is_empty()
                    && c.new_decisions.is_empty()
                    && c.replies_sent.is_empty(),
                new_directives: c
                    .new_directives
                    .iter()
                    .map(|celex| number_of(celex))
                    .collect(),
                status_changes: c
                    .status_changes
                    .iter()
                    .map(|(celex, old, new)| StatusChangeContext {
                        celex: celex.clone(),
                        number: number_of(celex),
                        old: status_label_of_code(old, lang),
                        new: status_label_of_code(new, lang),
                    })
                    .collect(),
                new_decisions: c
                    .new_decisions
                    .iter()
                    .map(|(number, on, stage)| DecisionContext {
                        number: number.clone(),
                        date: date(*on),
                        stage: stage_label_of_code(stage, lang),
                    })
                    .collect(),
                replies_sent: c
                    .replies_sent
                    .iter()
                    .map(|(number, on)| ReplyContext {
                        number: number.clone(),
                        date: date(*on),
                    })
                    .collect(),
            }),
        }
    }
}

fn indicators_context(i: &Indicators, as_of: NaiveDate, lang: Lang) -> IndicatorsContext {
    let int = |n: usize| lang.format_int(i64::try_from(n).unwrap_or(i64::MAX));
    let months = |m: f64| lang.format_number(m, 1);
    IndicatorsContext {
        is_forecast: i.deadlines_until != as_of || i.notifications_until != as_of,
        deadlines_until: lang.format_date(i.deadlines_until),
        notifications_until: lang.format_date(i.notifications_until),
        concerned: int(i.concerned),
        due: int(i.due),
        not_completely_notified: int(i.not_completely_notified),
        overdue: int(i.overdue),
        partial: int(i.partial),
        deficit: i.deficit_percent.map(|d| lang.format_percent(d, 1)),
        overdue_two_years_or_more: int(i.overdue_two_years_or_more),
        average_delay_months: i.average_delay_months.map(months),
        pending_cases: int(i.pending_cases),
        pending_non_conformity: int(i.pending_non_conformity),
        pending_to_triage: int(i.pending_to_triage),
        pending_by_step: i
            .pending_by_step
            .iter()
            .map(|c| CountContext {
                code: c.step.map_or("unknown", |s| s.code()).to_string(),
                label: c.step.map(|s| sentence(s.label(lang))).unwrap_or_default(),
                count: int(c.count),
            })
            .collect(),
        pending_by_type: i
            .pending_by_type
            .iter()
            .map(|c| CountContext {
                code: c.case_type.map_or("unknown", |t| t.code()).to_string(),
                label: c
                    .case_type
                    .map(|t| sentence(t.label(lang)))
                    .unwrap_or_default(),
                count: int(c.count),
            })
            .collect(),
        average_case_duration_months: i.average_case_duration_months.map(months),
        targets: i
            .targets
            .iter()
            .map(|t| TargetContext {
                kind: t.kind.code(),
                percent: lang.format_percent(t.percent, 1),
                met: t.met,
            })
            .collect(),
    }
}

fn directive_context(d: &DirectiveLine, lang: Lang) -> DirectiveContext {
    let days = days_left(d);
    DirectiveContext {
        celex: d.celex.clone(),
        number: d.number.clone(),
        title: d.title.clone(),
        title_in_other_language: d.title_in_other_language,
        status: d.status.code(),
        status_label: sentence(d.status.label(lang)),
        deadline: shown_deadline(d).map(|x| lang.format_date(x)),
        other_deadlines: if d.deadlines.len() > 1 {
            d.deadlines.iter().map(|x| lang.format_date(*x)).collect()
        } else {
            Vec::new()
        },
        days_late: days
            .filter(|n| *n < 0 && !is_done(&d.status))
            .map(|n| lang.format_int(-n)),
        days_left: days
            .filter(|n| *n >= 0 && !is_done(&d.status))
            .map(|n| lang.format_int(n)),
        lead: d.lead.clone(),
        associated: d.associated.clone(),
        measures: d.measures.clone(),
        planned: d
            .planned_text
            .clone()
            .or_else(|| d.planned_on.map(|x| lang.format_date(x))),
        at_risk: d.at_risk,
        risk_reason: d.risk_reason.clone(),
        tone: directive_tone(d).class(),
    }
}

/// The deadline a table shows: the one that matters, or the last one once all are met.
fn shown_deadline(d: &DirectiveLine) -> Option<NaiveDate> {
    d.next_deadline
        .or_else(|| d.deadlines.iter().max().copied())
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// The row of the header of a table sheet (0-based): a title, a subtitle, then the header.
const HEADER_ROW: u32 = 2;

/// The scoreboard as a workbook: one sheet per section, made for people to read, filter and print.
/// `created` is the workbook's creation date (a parameter, so the same view gives the same bytes).
pub fn xlsx(view: &ScoreboardView, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let lang = view.lang;
    let w = Words::of(lang);
    let styles = Styles::new();
    let sections = Sections::of(view);
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(w.title)
        .set_author("scoreboard")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let mut subtitle = format!("{} {}", w.situation_on, lang.format_date(view.as_of));
    if let Some(m) = &view.meeting {
        subtitle.push_str(" – ");
        subtitle.push_str(&meeting_name(&m.kind, lang, m.held_on));
    }
    let page = Page {
        title: w.title,
        date: lang.format_date_short(view.as_of),
        page_word: w.page,
    };

    summary_sheet(
        workbook.add_worksheet(),
        &styles,
        &w,
        &page,
        &subtitle,
        view,
        &sections,
    )?;

    let all: Vec<&DirectiveLine> = view.directives.iter().collect();
    for (name, title, rows) in [
        (w.directives_sheet, w.directives_title, &all),
        (w.overdue_sheet, w.overdue_title, &sections.overdue),
        (w.due_soon_sheet, w.due_soon_title, &sections.due_soon),
    ] {
        let columns = w.directive_columns();
        let rows: Vec<Row> = rows.iter().map(|d| directive_row(d, &w, lang)).collect();
        table_sheet(
            workbook.add_worksheet(),
            &styles,
            &page,
            name,
            title,
            &subtitle,
            &columns,
            &rows,
        )?;
    }

    let mut rows = Vec::new();
    for group in &sections.authorities {
        for (role, d) in &group.rows {
            let name = group
                .name
                .map_or_else(|| w.unassigned.to_string(), str::to_string);
            let role = match role {
                Role::Lead => w.role_lead,
                Role::Associated => w.role_associated,
            };
            let mut row = directive_row(d, &w, lang);
            let kept = [0, 2, 3, 4, 6, 7, 11, 12];
            let mut cells = vec![Cell::text(name), Cell::text(role)];
            cells.extend(kept.iter().map(|i| row.cells[*i].clone()));
            row.cells = cells;
            rows.push(row);
        }
    }
    let columns = w.authority_columns();
    table_sheet(
        workbook.add_worksheet(),
        &styles,
        &page,
        w.authorities_sheet,
        w.authorities_title,
        &subtitle,
        &columns,
        &rows,
    )?;

    let rows: Vec<Row> = view
        .cases
        .iter()
        .map(|c| Row {
            tone: reply_tone(view.as_of, c.reply_deadline, c.reply_sent_on),
            cells: vec![
                Cell::text(&c.number),
                Cell::opt_text(c.case_type.map(|t| sentence(t.label(lang)))),
                Cell::opt_text(c.title.clone()),
                Cell::opt_text(c.stage.map(|s| sentence(&s.label(lang)))),
                Cell::date(c.last_decision_on),
                Cell::date(c.reply_deadline),
                Cell::date(c.reply_sent_on),
                Cell::date(c.reply_entered_on),
                Cell::opt_text(c.lead.clone()),
                Cell::text(c.directives.join(", ")),
            ],
        })
        .collect();
    let columns = w.case_columns();
    table_sheet(
        workbook.add_worksheet(),
        &styles,
        &page,
        w.cases_sheet,
        w.cases_title,
        &subtitle,
        &columns,
        &rows,
    )?;

    let rows: Vec<Row> = view
        .pilots
        .iter()
        .map(|p| Row {
            tone: reply_tone(view.as_of, p.reply_deadline, p.reply_sent_on),
            cells: vec![
                Cell::text(&p.number),
                Cell::opt_text(p.subject.clone()),
                Cell::date(p.received_on),
                Cell::date(p.reply_deadline),
                Cell::date(p.reply_sent_on),
                Cell::opt_text(p.outcome.clone()),
                Cell::opt_text(p.lead.clone()),
            ],
        })
        .collect();
    let columns = w.pilot_columns();
    table_sheet(
        workbook.add_worksheet(),
        &styles,
        &page,
        w.pilots_sheet,
        w.pilots_title,
        &subtitle,
        &columns,
        &rows,
    )?;

    if let Some(changes) = &view.changes {
        let number_of = |celex: &str| {
            view.directives
                .iter()
                .find(|d| d.celex == celex)
                .map_or_else(|| celex.to_string(), |d| d.number.clone())
        };
        let plain = |cells: Vec<Cell>| Row {
            tone: Tone::Plain,
            cells,
        };
        let mut rows = Vec::new();
        for celex in &changes.new_directives {
            rows.push(plain(vec![
                Cell::text(w.change_new_directive),
                Cell::text(number_of(celex)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]));
        }
        for (celex, old, new) in &changes.status_changes {
            rows.push(plain(vec![
                Cell::text(w.change_status),
                Cell::text(number_of(celex)),
                Cell::text(status_label_of_code(old, lang)),
                Cell::text(status_label_of_code(new, lang)),
                Cell::Empty,
            ]));
        }
        for (number, on, stage) in &changes.new_decisions {
            rows.push(plain(vec![
                Cell::text(w.change_decision),
                Cell::text(number),
                Cell::Empty,
                Cell::text(stage_label_of_code(stage, lang)),
                Cell::Date(*on),
            ]));
        }
        for (number, on) in &changes.replies_sent {
            rows.push(plain(vec![
                Cell::text(w.change_reply),
                Cell::text(number),
                Cell::Empty,
                Cell::Empty,
                Cell::Date(*on),
            ]));
        }
        let subtitle = format!("{} {}", w.changes_since, lang.format_date(changes.since));
        let columns = w.change_columns();
        table_sheet(
            workbook.add_worksheet(),
            &styles,
            &page,
            w.changes_sheet,
            w.changes_title,
            &subtitle,
            &columns,
            &rows,
        )?;
    }

    Ok(workbook.save_to_buffer()?)
}

/// A cell's value; each is written with the format of its kind and of its row's tone.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Date(NaiveDate),
    Int(i64),
    Decimal(f64),
    /// A percentage in percent (0.8 means 0.8%), written as the fraction Excel formats.
    Percent(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt_text(s: Option<String>) -> Cell {
        s.filter(|s| !s.is_empty()).map_or(Cell::Empty, Cell::Text)
    }

    fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    fn int(n: Option<i64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Int)
    }
}

struct Row {
    tone: Tone,
    cells: Vec<Cell>,
}

fn directive_row(d: &DirectiveLine, w: &Words, lang: Lang) -> Row {
    let days = days_left(d).filter(|_| !is_done(&d.status));
    let mut title = d.title.clone().unwrap_or_default();
    if d.title_in_other_language && !title.is_empty() {
        title.push(' ');
        title.push_str(w.other_language);
    }
    let other_deadlines = if d.deadlines.len() > 1 {
        d.deadlines
            .iter()
            .map(|x| lang.format_date_short(*x))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    let planned = match (&d.planned_text, d.planned_on) {
        (Some(text), _) => Cell::text(text),
        (None, on) => Cell::date(on),
    };
    let risk = if d.at_risk {
        Cell::text(
            d.risk_reason
                .as_deref()
                .map_or_else(|| w.yes.to_string(), |r| format!("{} – {r}", w.yes)),
        )
    } else {
        Cell::Empty
    };
    Row {
        tone: directive_tone(d),
        cells: vec![
            Cell::text(&d.number),
            Cell::text(&d.celex),
            Cell::opt_text(Some(title)),
            Cell::text(sentence(d.status.label(lang))),
            Cell::date(shown_deadline(d)),
            Cell::opt_text(Some(other_deadlines)),
            Cell::int(days.filter(|n| *n < 0).map(|n| -n)),
            Cell::int(days.filter(|n| *n >= 0)),
            Cell::opt_text(d.lead.clone()),
            Cell::opt_text(Some(d.associated.join(", "))),
            Cell::opt_text(Some(d.measures.join("\n"))),
            planned,
            risk,
        ],
    }
}

/// The formats of the cells of one tone.
struct CellFormats {
    text: Format,
    date: Format,
    int: Format,
    decimal: Format,
    percent: Format,
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    section: Format,
    /// Indexed by [`Tone::index`].
    cells: [CellFormats; 4],
}

impl Styles {
    fn new() -> Styles {
        let cells = |fill: Option<(u32, u32)>| {
            let mut cell = Format::new()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color(0xBFBFBF);
            if let Some((background, font)) = fill {
                cell = cell.set_background_color(background).set_font_color(font);
            }
            CellFormats {
                text: cell.clone().set_text_wrap(),
                date: cell
                    .clone()
                    .set_num_format("dd/mm/yyyy")
                    .set_align(FormatAlign::Left),
                int: cell.clone().set_num_format("0"),
                decimal: cell.clone().set_num_format("0.0"),
                percent: cell.set_num_format("0.0%"),
            }
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xDDEBF7)
                .set_border(FormatBorder::Thin),
            section: Format::new().set_bold().set_font_size(12),
            // The colours of Excel's own "Bad", "Neutral" and "Good" cell styles.
            cells: [
                cells(None),
                cells(Some((0xFFC7CE, 0x9C0006))),
                cells(Some((0xFFEB9C, 0x9C5700))),
                cells(Some((0xC6EFCE, 0x006100))),
            ],
        }
    }
}

fn write_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    tone: Tone,
    cell: &Cell,
) -> Result<(), ReportError> {
    let f = &styles.cells[tone.index()];
    match cell {
        Cell::Text(s) => sheet.write_string_with_format(row, col, s, &f.text)?,
        Cell::Date(d) => sheet.write_date_with_format(row, col, *d, &f.date)?,
        Cell::Int(n) => sheet.write_number_with_format(row, col, *n as f64, &f.int)?,
        Cell::Decimal(x) => sheet.write_number_with_format(row, col, *x, &f.decimal)?,
        Cell::Percent(x) => sheet.write_number_with_format(row, col, *x / 100.0, &f.percent)?,
        Cell::Empty => sheet.write_blank(row, col, &f.text)?,
    };
    Ok(())
}

/// Title and page numbers of the printed pages.
struct Page {
    title: &'static str,
    date: String,
    page_word: &'static str,
}

/// A4 landscape, one page wide, title and date in the header, page numbers in the footer,
/// `repeat` rows on every page.
fn print_setup(sheet: &mut Worksheet, page: &Page, repeat: u32) -> Result<(), ReportError> {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!(
        "&L&\"-,Bold\"{}&R{}",
        page.title.replace('&', "&&"),
        page.date
    ));
    sheet.set_footer(format!("&L&A&C{} &P / &N", page.page_word));
    sheet.set_repeat_rows(0, repeat)?;
    Ok(())
}

/// A column: its header and its width in characters.
struct Column {
    header: &'static str,
    width: f64,
}

fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

fn col_index(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[allow(clippy::too_many_arguments)]
fn table_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    page: &Page,
    name: &str,
    title: &str,
    subtitle: &str,
    columns: &[Column],
    rows: &[Row],
) -> Result<(), ReportError> {
    sheet.set_name(name)?;
    let last = col_index(columns.len().saturating_sub(1));
    sheet.merge_range(0, 0, 0, last, title, &styles.title)?;
    sheet.write_string_with_format(1, 0, subtitle, &styles.subtitle)?;
    for (i, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col_index(i), column.header, &styles.header)?;
        sheet.set_column_width(col_index(i), column.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            write_cell(
                sheet,
                styles,
                HEADER_ROW + 1 + row_index(r),
                col_index(c),
                row.tone,
                cell,
            )?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + row_index(rows.len()), last)?;
    print_setup(sheet, page, HEADER_ROW)?;
    Ok(())
}

/// The summary: indicators, counts by status, the next deadlines, as blocks of a 4-column sheet.
fn summary_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    w: &Words,
    page: &Page,
    subtitle: &str,
    view: &ScoreboardView,
    sections: &Sections,
) -> Result<(), ReportError> {
    let lang = view.lang;
    let i = &view.indicators;
    sheet.set_name(w.summary_sheet)?;
    sheet.merge_range(0, 0, 0, 3, w.title, &styles.title)?;
    sheet.write_string_with_format(1, 0, subtitle, &styles.subtitle)?;
    for (c, width) in [55.0, 16.0, 18.0, 60.0].into_iter().enumerate() {
        sheet.set_column_width(col_index(c), width)?;
    }
    let mut r = HEADER_ROW;
    let header = |sheet: &mut Worksheet, r: u32, cells: &[&str]| -> Result<(), ReportError> {
        for (c, h) in cells.iter().enumerate() {
            sheet.write_string_with_format(r, col_index(c), *h, &styles.header)?;
        }
        Ok(())
    };
    let line =
        |sheet: &mut Worksheet, r: u32, label: String, value: Cell| -> Result<(), ReportError> {
            write_cell(sheet, styles, r, 0, Tone::Plain, &Cell::Text(label))?;
            write_cell(sheet, styles, r, 1, Tone::Plain, &value)
        };
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));

    header(sheet, r, &[w.indicator, w.value])?;
    r += 1;
    if i.deadlines_until != view.as_of || i.notifications_until != view.as_of {
        let note = format!(
            "{} {} – {} {}",
            w.forecast_deadlines,
            lang.format_date(i.deadlines_until),
            w.forecast_notifications,
            lang.format_date(i.notifications_until)
        );
        sheet.write_string_with_format(r, 0, note, &styles.subtitle)?;
        r += 1;
    }
    let mut lines: Vec<(String, Cell)> = vec![
        (w.concerned.into(), count(i.concerned)),
        (w.due.into(), count(i.due)),
        (
            w.not_completely_notified.into(),
            count(i.not_completely_notified),
        ),
        (
            w.deficit.into(),
            i.deficit_percent.map_or(Cell::Empty, Cell::Percent),
        ),
    ];
    for t in &i.targets {
        let label = format!(
            "{} {} ({})",
            w.target,
            lang.format_percent(t.percent, 1),
            w.target_source(t.kind.code())
        );
        lines.push((label, Cell::text(if t.met { w.met } else { w.not_met })));
    }
    lines.extend([
        (w.overdue.into(), count(i.overdue)),
        (w.partial.into(), count(i.partial)),
        (
            w.overdue_two_years.into(),
            count(i.overdue_two_years_or_more),
        ),
        (
            w.average_delay.into(),
            i.average_delay_months.map_or(Cell::Empty, Cell::Decimal),
        ),
        (w.pending_cases.into(), count(i.pending_cases)),
        (
            w.pending_non_conformity.into(),
            count(i.pending_non_conformity),
        ),
        (w.pending_to_triage.into(), count(i.pending_to_triage)),
    ]);
    for c in &i.pending_by_step {
        let label = c
            .step
            .map_or_else(|| w.unknown.to_string(), |s| sentence(s.label(lang)));
        lines.push((format!("{} {label}", w.by_stage), count(c.count)));
    }
    for c in &i.pending_by_type {
        let label = c
            .case_type
            .map_or_else(|| w.unknown.to_string(), |t| sentence(t.label(lang)));
        lines.push((format!("{} {label}", w.by_type), count(c.count)));
    }
    lines.push((
        w.average_duration.into(),
        i.average_case_duration_months
            .map_or(Cell::Empty, Cell::Decimal),
    ));
    for (label, value) in lines {
        line(sheet, r, label, value)?;
        r += 1;
    }

    r += 1;
    header(sheet, r, &[w.status, w.directives_count])?;
    r += 1;
    for (status, n) in &sections.status_counts {
        line(sheet, r, sentence(status.label(lang)), count(*n))?;
        r += 1;
    }

    r += 1;
    sheet.write_string_with_format(r, 0, w.next_deadlines, &styles.section)?;
    r += 1;
    header(sheet, r, &[w.next_kind, w.date, w.reference, w.subject])?;
    r += 1;
    for n in &sections.next_deadlines {
        let tone = reply_tone(view.as_of, Some(n.date), None);
        let kind = match n.kind {
            DeadlineKind::Transposition => w.kind_transposition,
            DeadlineKind::CaseReply => w.kind_case_reply,
            DeadlineKind::PilotReply => w.kind_pilot_reply,
        };
        let cells = [
            Cell::text(kind),
            Cell::Date(n.date),
            Cell::text(n.reference),
            Cell::opt_text(n.title.map(str::to_string)),
        ];
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, styles, r, col_index(c), tone, cell)?;
        }
        r += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(sheet, page, HEADER_ROW)?;
    Ok(())
}

/// A meeting as every output names it: "Comité de concertation du 3 décembre 2024".
pub fn meeting_name(kind: &str, lang: Lang, held_on: NaiveDate) -> String {
    let name = match kind {
        "concertation" => domain::words::t(lang, "meeting_name.concertation"),
        "eurocoord" => domain::words::t(lang, "meeting_name.eurocoord"),
        "commission" => domain::words::t(lang, "meeting_name.commission"),
        "correspondents" => domain::words::t(lang, "meeting_name.correspondents"),
        _ => domain::words::t(lang, "meeting_name.other"),
    };
    domain::words::fill(
        lang,
        "meeting_name.of_date",
        &[("meeting", name), ("date", &lang.format_date(held_on))],
    )
}

/// The workbook's words in one language (the page's words are in its template).
struct Words {
    title: &'static str,
    situation_on: &'static str,
    page: &'static str,
    other_language: &'static str,
    yes: &'static str,
    unknown: &'static str,
    unassigned: &'static str,
    summary_sheet: &'static str,
    indicator: &'static str,
    value: &'static str,
    forecast_deadlines: &'static str,
    forecast_notifications: &'static str,
    concerned: &'static str,
    due: &'static str,
    not_completely_notified: &'static str,
    deficit: &'static str,
    target: &'static str,
    target_sources: [&'static str; 2],
    met: &'static str,
    not_met: &'static str,
    overdue: &'static str,
    partial: &'static str,
    overdue_two_years: &'static str,
    average_delay: &'static str,
    pending_cases: &'static str,
    pending_non_conformity: &'static str,
    pending_to_triage: &'static str,
    by_stage: &'static str,
    by_type: &'static str,
    average_duration: &'static str,
    status: &'static str,
    directives_count: &'static str,
    next_deadlines: &'static str,
    next_kind: &'static str,
    date: &'static str,
    reference: &'static str,
    subject: &'static str,
    kind_transposition: &'static str,
    kind_case_reply: &'static str,
    kind_pilot_reply: &'static str,
    directives_sheet: &'static str,
    directives_title: &'static str,
    overdue_sheet: &'static str,
    overdue_title: &'static str,
    due_soon_sheet: &'static str,
    due_soon_title: &'static str,
    directive_headers: [&'static str; 13],
    authorities_sheet: &'static str,
    authorities_title: &'static str,
    authority: &'static str,
    role: &'static str,
    role_lead: &'static str,
    role_associated: &'static str,
    cases_sheet: &'static str,
    cases_title: &'static str,
    case_headers: [&'static str; 10],
    pilots_sheet: &'static str,
    pilots_title: &'static str,
    pilot_headers: [&'static str; 7],
    changes_sheet: &'static str,
    changes_title: &'static str,
    changes_since: &'static str,
    change_headers: [&'static str; 5],
    change_new_directive: &'static str,
    change_status: &'static str,
    change_decision: &'static str,
    change_reply: &'static str,
}

impl Words {
    fn target_source(&self, code: &str) -> &'static str {
        if code == "european-council-2007" {
            self.target_sources[0]
        } else {
            self.target_sources[1]
        }
    }

    fn directive_columns(&self) -> Vec<Column> {
        let h = &self.directive_headers;
        let widths = [
            11.0, 13.0, 50.0, 22.0, 12.0, 14.0, 10.0, 10.0, 24.0, 24.0, 40.0, 13.0, 30.0,
        ];
        h.iter().zip(widths).map(|(h, w)| col(h, w)).collect()
    }

    fn authority_columns(&self) -> Vec<Column> {
        let h = &self.directive_headers;
        let mut columns = vec![col(self.authority, 28.0), col(self.role, 12.0)];
        let kept = [
            (0, 11.0),
            (2, 50.0),
            (3, 22.0),
            (4, 12.0),
            (6, 10.0),
            (7, 10.0),
            (11, 13.0),
            (12, 30.0),
        ];
        columns.extend(kept.iter().map(|(i, w)| col(h[*i], *w)));
        columns
    }

    fn case_columns(&self) -> Vec<Column> {
        let widths = [16.0, 20.0, 45.0, 30.0, 12.0, 12.0, 12.0, 12.0, 24.0, 16.0];
        self.case_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    fn pilot_columns(&self) -> Vec<Column> {
        let widths = [16.0, 45.0, 12.0, 12.0, 12.0, 30.0, 24.0];
        self.pilot_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    fn change_columns(&self) -> Vec<Column> {
        let widths = [26.0, 18.0, 28.0, 40.0, 12.0];
        self.change_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    /// The workbook's words in `lang`, from the translation files.
    fn of(lang: Lang) -> Words {
        let t = |key: &'static str| domain::words::t(lang, key);
        Words {
            title: t("scoreboard.title"),
            situation_on: t("scoreboard.situation_on"),
            page: t("scoreboard.page"),
            other_language: t("scoreboard.other_language"),
            yes: t("scoreboard.yes"),
            unknown: t("scoreboard.unknown"),
            unassigned: t("lead.none"),
            summary_sheet: t("scoreboard.summary_sheet"),
            indicator: t("scoreboard.indicator"),
            value: t("scoreboard.value"),
            forecast_deadlines: t("scoreboard.forecast_deadlines"),
            forecast_notifications: t("scoreboard.forecast_notifications"),
            concerned: t("scoreboard.concerned"),
            due: t("scoreboard.due"),
            not_completely_notified: t("scoreboard.not_completely_notified"),
            deficit: t("scoreboard.deficit"),
            target: t("scoreboard.target"),
            target_sources: [
                t("scoreboard.target_sources_0"),
                t("scoreboard.target_sources_1"),
            ],
            met: t("scoreboard.met"),
            not_met: t("scoreboard.not_met"),
            overdue: t("scoreboard.overdue"),
            partial: t("scoreboard.partial"),
            overdue_two_years: t("scoreboard.overdue_two_years"),
            average_delay: t("scoreboard.average_delay"),
            pending_cases: t("scoreboard.pending_cases"),
            pending_non_conformity: t("scoreboard.pending_non_conformity"),
            pending_to_triage: t("scoreboard.pending_to_triage"),
            by_stage: t("scoreboard.by_stage"),
            by_type: t("scoreboard.by_type"),
            average_duration: t("scoreboard.average_duration"),
            status: t("scoreboard.status"),
            directives_count: t("scoreboard.directives_count"),
            next_deadlines: t("scoreboard.next_deadlines"),
            next_kind: t("scoreboard.next_kind"),
            date: t("scoreboard.date"),
            reference: t("scoreboard.reference"),
            subject: t("scoreboard.subject"),
            kind_transposition: t("scoreboard.kind_transposition"),
            kind_case_reply: t("scoreboard.kind_case_reply"),
            kind_pilot_reply: t("scoreboard.kind_pilot_reply"),
            directives_sheet: t("scoreboard.directives_sheet"),
            directives_title: t("scoreboard.directives_title"),
            overdue_sheet: t("scoreboard.overdue_sheet"),
            overdue_title: t("scoreboard.overdue_title"),
            due_soon_sheet: t("scoreboard.due_soon_sheet"),
            due_soon_title: t("scoreboard.due_soon_title"),
            directive_headers: [
                t("scoreboard.directive_headers_0"),
                t("scoreboard.directive_headers_1"),
                t("scoreboard.directive_headers_2"),
                t("scoreboard.directive_headers_3"),
                t("scoreboard.directive_headers_4"),
                t("scoreboard.directive_headers_5"),
                t("scoreboard.directive_headers_6"),
                t("scoreboard.directive_headers_7"),
                t("scoreboard.directive_headers_8"),
                t("scoreboard.directive_headers_9"),
                t("scoreboard.directive_headers_10"),
                t("scoreboard.directive_headers_11"),
                t("scoreboard.directive_headers_12"),
            ],
            authorities_sheet: t("scoreboard.authorities_sheet"),
            authorities_title: t("scoreboard.authorities_title"),
            authority: t("scoreboard.authority"),
            role: t("scoreboard.role"),
            role_lead: t("scoreboard.role_lead"),
            role_associated: t("scoreboard.role_associated"),
            cases_sheet: t("scoreboard.cases_sheet"),
            cases_title: t("scoreboard.cases_title"),
            case_headers: [
                t("scoreboard.case_headers_0"),
                t("scoreboard.case_headers_1"),
                t("scoreboard.case_headers_2"),
                t("scoreboard.case_headers_3"),
                t("scoreboard.case_headers_4"),
                t("scoreboard.case_headers_5"),
                t("scoreboard.case_headers_6"),
                t("scoreboard.case_headers_7"),
                t("scoreboard.case_headers_8"),
                t("scoreboard.case_headers_9"),
            ],
            pilots_sheet: t("scoreboard.pilots_sheet"),
            pilots_title: t("scoreboard.pilots_title"),
            pilot_headers: [
                t("scoreboard.pilot_headers_0"),
                t("scoreboard.pilot_headers_1"),
                t("scoreboard.pilot_headers_2"),
                t("scoreboard.pilot_headers_3"),
                t("scoreboard.pilot_headers_4"),
                t("scoreboard.pilot_headers_5"),
                t("scoreboard.pilot_headers_6"),
            ],
            changes_sheet: t("scoreboard.changes_sheet"),
            changes_title: t("scoreboard.changes_title"),
            changes_since: t("scoreboard.changes_since"),
            change_headers: [
                t("scoreboard.change_headers_0"),
                t("scoreboard.change_headers_1"),
                t("scoreboard.change_headers_2"),
                t("scoreboard.change_headers_3"),
                t("scoreboard.change_headers_4"),
            ],
            change_new_directive: t("scoreboard.change_new_directive"),
            change_status: t("scoreboard.change_status"),
            change_decision: t("scoreboard.change_decision"),
            change_reply: t("scoreboard.change_reply"),
        }
    }
}
