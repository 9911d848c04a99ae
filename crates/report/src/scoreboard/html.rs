//! The page: the context every scoreboard template renders from, and the rendering.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::Lang;
use domain::indicators::Indicators;
use minijinja::{Environment, UndefinedBehavior, value::Serde};
use serde::Serialize;

use super::labels::{meeting_name, sentence, stage_label_of_code, status_label_of_code};
use super::sections::{AuthorityGroup, NextDeadline, Sections};
use super::tone::{days_left, directive_tone, is_done, reply_tone, shown_deadline};
use super::{CaseLine, Changes, DirectiveLine, PilotLine, ScoreboardView};
use crate::ReportError;

/// One page for every language: its words are the `page` tables of the translation files.
const TEMPLATE: &str = include_str!("../../../../templates/scoreboard.html");

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
                .map(|n| next_context(n, view.as_of, lang))
                .collect(),
            directives: view.directives.iter().map(directive).collect(),
            overdue: sections.overdue.iter().copied().map(directive).collect(),
            due_soon: sections.due_soon.iter().copied().map(directive).collect(),
            authorities: sections
                .authorities
                .iter()
                .map(|g| authority_context(g, lang))
                .collect(),
            cases: view
                .cases
                .iter()
                .map(|c| case_context(c, view.as_of, lang))
                .collect(),
            pilots: view
                .pilots
                .iter()
                .map(|p| pilot_context(p, view.as_of, lang))
                .collect(),
            changes: view.changes.as_ref().map(|c| changes_context(c, view)),
        }
    }
}

fn next_context(n: &NextDeadline, as_of: NaiveDate, lang: Lang) -> NextContext {
    NextContext {
        date: lang.format_date(n.date),
        days_left: lang.format_int((n.date - as_of).num_days()),
        kind: n.kind.code(),
        reference: n.reference.to_string(),
        title: n.title.map(str::to_string),
        tone: reply_tone(as_of, Some(n.date), None).class(),
    }
}

fn authority_context(g: &AuthorityGroup, lang: Lang) -> AuthorityContext {
    AuthorityContext {
        name: g.name.map(str::to_string),
        rows: g
            .rows
            .iter()
            .map(|(role, d)| AuthorityRowContext {
                role: role.code(),
                directive: directive_context(d, lang),
            })
            .collect(),
    }
}

fn case_context(c: &CaseLine, as_of: NaiveDate, lang: Lang) -> CaseContext {
    let date = |d: NaiveDate| lang.format_date(d);
    CaseContext {
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
        tone: reply_tone(as_of, c.reply_deadline, c.reply_sent_on).class(),
    }
}

fn pilot_context(p: &PilotLine, as_of: NaiveDate, lang: Lang) -> PilotContext {
    let date = |d: NaiveDate| lang.format_date(d);
    PilotContext {
        number: p.number.clone(),
        subject: p.subject.clone(),
        received_on: p.received_on.map(date),
        reply_deadline: p.reply_deadline.map(date),
        reply_sent_on: p.reply_sent_on.map(date),
        outcome: p.outcome.clone(),
        lead: p.lead.clone(),
        tone: reply_tone(as_of, p.reply_deadline, p.reply_sent_on).class(),
    }
}

/// The changes since the previous pack, its directives named by number when the view has them.
fn changes_context(c: &Changes, view: &ScoreboardView) -> ChangesContext {
    let lang = view.lang;
    let date = |d: NaiveDate| lang.format_date(d);
    let number_of = |celex: &str| view.number_of(celex);
    ChangesContext {
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
