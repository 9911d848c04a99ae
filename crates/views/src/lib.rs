//! Database rows -> the view models `report` renders and the facts `domain` computes indicators
//! and deadlines from. Reads only; one place, so the scoreboard, the deadlines and the indicators
//! agree on what "pending" or "due" means.

pub mod notify;

use std::collections::HashMap;

use chrono::NaiveDate;
use data::repo::{self, CaseView, DirectiveView};
use data::{DataError, Db};
use domain::annual::{
    AnnualCase, AnnualDirective, AnnualFigures, AnnualMeasure, AnnualPilot, AnnualProposal,
    AnnualReply, ImpactSummary, annual_report,
};
use domain::indicators::CaseFacts;
use domain::{DirectiveFacts, Lang, NotifiedMeasure, Status};
use report::scoreboard::{CaseLine, DirectiveLine, MeetingLine, PilotLine, ScoreboardView};
use serde::Serialize;

/// Everything the tool knows at a date, read once.
pub struct Snapshot {
    pub as_of: NaiveDate,
    pub directives: Vec<DirectiveView>,
    /// Active cases at the date that are not marked as not concerning Brussels.
    pub cases: Vec<CaseView>,
    pub pilots: Vec<data::entity::eu_pilot::Model>,
    /// Authority code -> (name FR, name NL).
    pub names: HashMap<String, (String, String)>,
    pub authority_codes: HashMap<i32, String>,
}

impl Snapshot {
    pub async fn read(db: &Db, as_of: NaiveDate) -> Result<Snapshot, DataError> {
        let authorities = repo::authorities(db).await?;
        let names = authorities
            .iter()
            .map(|a| (a.code.clone(), (a.name_fr.clone(), a.name_nl.clone())))
            .collect();
        let authority_codes = authorities.iter().map(|a| (a.id, a.code.clone())).collect();
        let cases = repo::cases(db, false)
            .await?
            .into_iter()
            .filter_map(|c| at_date(c, as_of))
            .collect();
        Ok(Snapshot {
            as_of,
            directives: repo::directives(db, as_of).await?,
            cases,
            pilots: data::meeting::pilots(db).await?,
            names,
            authority_codes,
        })
    }

    pub fn name(&self, code: &str, lang: Lang) -> String {
        match self.names.get(code) {
            Some((fr, nl)) => {
                if lang == Lang::Nl {
                    nl.clone()
                } else {
                    fr.clone()
                }
            }
            None => code.to_owned(),
        }
    }

    /// The facts of every tracked directive, for the indicators.
    pub fn directive_facts(&self) -> Vec<DirectiveFacts> {
        self.directives
            .iter()
            .map(|v| DirectiveFacts {
                competence: v.competence,
                deadlines: v.deadlines.clone(),
                measures: v
                    .measures
                    .iter()
                    .map(|m| NotifiedMeasure {
                        notified: m.notified_on,
                        completes: m.completes,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Each directive's planned completion date, for the forecast; a plan already missed at the
    /// snapshot's date is no plan.
    pub fn planned(&self) -> Vec<Option<NaiveDate>> {
        self.directives
            .iter()
            .map(|v| v.planned_on.filter(|d| *d >= self.as_of))
            .collect()
    }

    /// The pending cases, for the indicators.
    pub fn case_facts(&self) -> Vec<CaseFacts> {
        self.cases
            .iter()
            .filter_map(|c| {
                let first = c.decisions.first()?;
                Some(CaseFacts {
                    number: c.number.clone(),
                    case_type: c.case_type,
                    opened_on: first.decided_on,
                    stage: c.last_decision().map(|d| d.stage),
                    active: true,
                    to_triage: c.brussels_concerned.is_none(),
                })
            })
            .collect()
    }

    pub fn indicators(&self) -> domain::indicators::Indicators {
        domain::indicators::indicators(&self.directive_facts(), &self.case_facts(), self.as_of)
    }

    pub fn scoreboard(&self, lang: Lang, meeting: Option<MeetingLine>) -> ScoreboardView {
        let directives = self
            .directives
            .iter()
            .map(|v| self.directive_line(v, lang))
            .collect();
        let cases = self
            .cases
            .iter()
            .map(|c| {
                let last = c.last_decision();
                CaseLine {
                    number: c.number.clone(),
                    case_type: c.case_type,
                    title: c.title.clone(),
                    stage: last.map(|d| d.stage),
                    last_decision_on: last.map(|d| d.decided_on),
                    reply_deadline: last.and_then(|d| d.reply_deadline),
                    reply_sent_on: last.and_then(|d| d.reply_sent_on),
                    reply_entered_on: last.and_then(|d| d.reply_entered_on),
                    lead: c.lead.as_deref().map(|code| self.name(code, lang)),
                    directives: c.directives.clone(),
                }
            })
            .collect();
        let pilots = self
            .pilots
            .iter()
            .map(|p| PilotLine {
                number: p.number.clone(),
                subject: p.subject.clone(),
                received_on: p.received_on,
                reply_deadline: p.reply_deadline,
                reply_sent_on: p.reply_sent_on,
                outcome: p.outcome.clone(),
                lead: p
                    .lead_authority_id
                    .and_then(|id| self.authority_codes.get(&id))
                    .map(|code| self.name(code, lang)),
            })
            .collect();
        ScoreboardView {
            lang,
            as_of: self.as_of,
            meeting,
            indicators: self.indicators(),
            directives,
            cases,
            pilots,
            changes: None,
        }
    }

    fn directive_line(&self, v: &DirectiveView, lang: Lang) -> DirectiveLine {
        let other = if lang == Lang::Nl {
            &v.title_fr
        } else {
            &v.title_nl
        };
        let (title, title_in_other_language) = match v.title(lang) {
            Some(t) => (Some(t.to_owned()), false),
            None => match other.as_ref().or(v.title_en.as_ref()) {
                Some(t) => (Some(t.clone()), true),
                None => (None, false),
            },
        };
        let next_deadline = v.next_deadline();
        let days_left = match v.status {
            Status::NotYetDue { .. }
            | Status::Overdue { .. }
            | Status::PartiallyTransposed { .. } => {
                next_deadline.map(|d| (d - self.as_of).num_days())
            }
            _ => None,
        };
        DirectiveLine {
            celex: v.celex.clone(),
            number: v.number.clone(),
            title,
            title_in_other_language,
            status: v.status,
            deadlines: v.deadlines.clone(),
            next_deadline,
            days_left,
            lead: v.lead.as_deref().map(|code| self.name(code, lang)),
            associated: v
                .associated
                .iter()
                .map(|code| self.name(code, lang))
                .collect(),
            measures: v
                .measures
                .iter()
                .filter_map(|m| {
                    if lang == Lang::Nl {
                        m.title_nl.clone().or(m.title_fr.clone())
                    } else {
                        m.title_fr.clone().or(m.title_nl.clone())
                    }
                })
                .collect(),
            planned_text: v.planned_text.clone(),
            planned_on: v.planned_on,
            at_risk: v.at_risk,
            risk_reason: v.risk_reason.clone(),
        }
    }

    /// Every deadline someone must act on, in date order: see [`deadlines`].
    pub fn deadlines(&self, lang: Lang) -> Vec<Deadline> {
        deadlines_of(
            self.as_of,
            &self.directives,
            &self.cases,
            &self.pilots,
            &self.authority_codes,
            lang,
        )
    }
}

/// Every deadline someone must act on at `as_of`, read from the database without reading every
/// record: the directives that may be pending and the cases with a reply still to send (the
/// database leaves out the rest), then the same rules as [`Snapshot::deadlines`].
pub async fn deadlines(db: &Db, as_of: NaiveDate, lang: Lang) -> Result<Vec<Deadline>, DataError> {
    let codes: HashMap<i32, String> = repo::authorities(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    let cases: Vec<CaseView> = repo::cases_awaiting_reply(db, None, true)
        .await?
        .into_iter()
        .filter_map(|c| at_date(c, as_of))
        .collect();
    let directives = repo::pending_directives(db, as_of).await?;
    let pilots = data::meeting::pilots(db).await?;
    Ok(deadlines_of(
        as_of,
        &directives,
        &cases,
        &pilots,
        &codes,
        lang,
    ))
}

/// A case as it stood at a date, if it was then active and not marked as not concerning
/// Brussels: the decisions taken after the date are not known yet.
fn at_date(mut c: CaseView, as_of: NaiveDate) -> Option<CaseView> {
    if c.brussels_concerned == Some(false) || !c.active_at(as_of) {
        return None;
    }
    c.decisions.retain(|d| d.decided_on <= as_of);
    Some(c)
}

/// The deadlines of the pending directives, followed cases and EU Pilot files of a snapshot, in
/// date order (so overdue first): transposition deadlines of directives not completely
/// transposed, reply deadlines of the letters and opinions of the cases the unit follows
/// (Brussels concerned, or a lead authority named — untriaged register cases have no one to reply
/// yet), and EU Pilot replies.
fn deadlines_of(
    as_of: NaiveDate,
    directives: &[DirectiveView],
    cases: &[CaseView],
    pilots: &[data::entity::eu_pilot::Model],
    authority_codes: &HashMap<i32, String>,
    lang: Lang,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    for v in directives {
        if !matches!(
            v.status,
            Status::NotYetDue { .. } | Status::Overdue { .. } | Status::PartiallyTransposed { .. }
        ) {
            continue;
        }
        let Some(date) = v.next_deadline() else {
            continue;
        };
        let mut authorities: Vec<String> = v.lead.iter().cloned().collect();
        authorities.extend(v.associated.iter().cloned());
        out.push(Deadline {
            date,
            kind: "transposition",
            key: v.celex.clone(),
            what: format!("{} — {}", v.number, v.shown_title(lang).unwrap_or_default()),
            authorities,
            days_left: (date - as_of).num_days(),
        });
    }
    for c in cases {
        if c.brussels_concerned != Some(true) && c.lead.is_none() {
            continue;
        }
        let Some(last) = c.last_decision() else {
            continue;
        };
        let (Some(date), None) = (last.reply_deadline, last.reply_sent_on) else {
            continue;
        };
        out.push(Deadline {
            date,
            kind: "reply",
            key: c.number.clone(),
            what: format!("{} — {}", c.number, last.stage.label(lang)),
            authorities: c.lead.iter().cloned().collect(),
            days_left: (date - as_of).num_days(),
        });
    }
    for p in pilots {
        let (Some(date), None) = (p.reply_deadline, p.reply_sent_on) else {
            continue;
        };
        out.push(Deadline {
            date,
            kind: "eu-pilot",
            key: p.number.clone(),
            what: format!("{} — {}", p.number, p.subject.clone().unwrap_or_default()),
            authorities: p
                .lead_authority_id
                .and_then(|id| authority_codes.get(&id).cloned())
                .into_iter()
                .collect(),
            days_left: (date - as_of).num_days(),
        });
    }
    out.sort_by(|a, b| (a.date, a.kind, &a.key).cmp(&(b.date, b.kind, &b.key)));
    out
}

/// One deadline of `scoreboard deadlines`.
#[derive(Clone, Debug, Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    /// `transposition`, `reply` or `eu-pilot`
    pub kind: &'static str,
    /// The CELEX or the case number.
    pub key: String,
    pub what: String,
    /// Authority codes: the lead first.
    pub authorities: Vec<String>,
    /// Negative when overdue.
    pub days_left: i64,
}

impl Deadline {
    pub fn overdue(&self) -> bool {
        self.days_left < 0
    }

    /// A stable identifier for calendars: the same deadline keeps its event.
    pub fn uid(&self) -> String {
        format!(
            "{}-{}-{}@scoreboard",
            self.kind,
            self.key.replace(['(', ')'], ""),
            self.date
        )
    }
}

/// The deadlines as an iCalendar file (`deadlines --ics`, the demo, the web application's
/// subscription addresses): one all-day event per deadline, with a stable UID.
pub fn calendar(deadlines: &[Deadline], lang: Lang, stamp: chrono::NaiveDateTime) -> String {
    use domain::words::t;
    let events: Vec<report::ics::CalendarEvent> = deadlines
        .iter()
        .map(|d| report::ics::CalendarEvent {
            uid: d.uid(),
            date: d.date,
            summary: format!("{}: {}", kind_label(d.kind, lang), d.what),
            description: format!("{} {}", t(lang, "cli.lead"), d.authorities.join(", ")),
        })
        .collect();
    report::ics::calendar(t(lang, "cli.calendar_name"), &events, stamp)
}

/// The name of a deadline's kind (`transposition`, `reply`, `eu-pilot`) in `lang`.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    use domain::words::t;
    match kind {
        "transposition" => t(lang, "cli.kind_transposition"),
        "reply" => t(lang, "cli.kind_reply"),
        _ => t(lang, "cli.kind_pilot"),
    }
}

/// What the annual report counts, as read from the database.
#[derive(Debug, Clone)]
pub struct AnnualFacts {
    pub directives: Vec<AnnualDirective>,
    pub cases: Vec<AnnualCase>,
    pub pilots: Vec<AnnualPilot>,
    pub proposals: Vec<AnnualProposal>,
}

impl AnnualFacts {
    /// Every figure of the report for `period`.
    pub fn figures(&self, period: domain::ReportPeriod) -> AnnualFigures {
        annual_report(
            period,
            &self.directives,
            &self.cases,
            &self.pilots,
            &self.proposals,
        )
    }
}

/// The annual report's facts, read from the database, with authority names in `lang`.
pub async fn annual_facts(
    db: &data::Db,
    lang: Lang,
    end: chrono::NaiveDate,
) -> Result<AnnualFacts, DataError> {
    let names: std::collections::HashMap<String, String> = repo::authorities(db)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.code,
                if lang == Lang::Nl {
                    a.name_nl
                } else {
                    a.name_fr
                },
            )
        })
        .collect();
    let name = |code: &String| names.get(code).cloned().unwrap_or_else(|| code.clone());
    let directives = repo::directives(db, end)
        .await?
        .into_iter()
        .map(|v| AnnualDirective {
            celex: v.celex.clone(),
            number: v.number.clone(),
            title_fr: v.title_fr.clone(),
            title_nl: v.title_nl.clone(),
            title_en: v.title_en.clone(),
            competence: v.competence,
            deadlines: v.deadlines.clone(),
            measures: v
                .measures
                .iter()
                .map(|m| AnnualMeasure {
                    title_fr: m.title_fr.clone(),
                    title_nl: m.title_nl.clone(),
                    kind: m.kind.into(),
                    adopted_on: m.adopted_on,
                    notified_on: m.notified_on,
                    completes: m.completes,
                })
                .collect(),
            lead: v.lead.as_ref().map(name),
            planned_text: v.planned_text.clone(),
            risk_reason: v.risk_reason.clone(),
        })
        .collect();
    let cases = repo::cases(db, false)
        .await?
        .into_iter()
        .filter(|c| c.brussels_concerned != Some(false))
        .map(|c| AnnualCase {
            case_type: c.case_type,
            title: c.title.clone(),
            decisions: c
                .decisions
                .iter()
                .map(|d| (d.decided_on, d.stage))
                .collect(),
            replies: c
                .decisions
                .iter()
                .filter_map(|d| {
                    Some(AnnualReply {
                        decided_on: d.decided_on,
                        deadline: d.reply_deadline?,
                        sent_on: d.reply_sent_on,
                    })
                })
                .collect(),
            active_at_end: c.active_at(end),
            to_triage: c.brussels_concerned.is_none(),
            number: c.number,
        })
        .collect();
    let pilots = data::meeting::pilots(db)
        .await?
        .into_iter()
        .map(|p| AnnualPilot {
            number: p.number,
            subject: p.subject,
            received_on: p.received_on,
            reply_deadline: p.reply_deadline,
            reply_sent_on: p.reply_sent_on,
            outcome: p.outcome,
        })
        .collect();
    let proposals = data::proposals::proposals(db)
        .await?
        .into_iter()
        .map(|p| AnnualProposal {
            com: p.model.com_number.clone(),
            title_fr: p.model.title_fr.clone(),
            title_nl: p.model.title_nl.clone(),
            title_en: p.model.title_en.clone(),
            lead: p.lead.as_ref().map(name),
            stages: p
                .stages
                .iter()
                .map(|s| (s.stage.into(), s.reached_on))
                .collect(),
            // The directive's number as people write it; the CELEX as stored if it reads as none.
            directive: p.directive.as_ref().map(|celex| {
                domain::Celex::parse(celex)
                    .and_then(|c| c.directive())
                    .map_or_else(|_| celex.clone(), |d| d.to_string())
            }),
            impact_notes: p
                .impact_notes
                .iter()
                .map(|n| ImpactSummary {
                    authority: name(&n.authority),
                    summary: n.model.summary.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(AnnualFacts {
        directives,
        cases,
        pilots,
        proposals,
    })
}

/// The scoreboard at `as_of`, for a meeting when one is given: named after it, with what changed
/// since the pack stored for the previous meeting of its kind (`report scoreboard --meeting`, and
/// the web application's meeting pack, which stores nothing).
pub async fn meeting_view(
    db: &Db,
    as_of: NaiveDate,
    lang: Lang,
    meeting: Option<&data::entity::meeting::Model>,
) -> Result<ScoreboardView, DataError> {
    let snapshot = Snapshot::read(db, as_of).await?;
    let line = meeting.map(|m| MeetingLine {
        kind: m.kind.to_string(),
        held_on: m.held_on,
    });
    let mut view = snapshot.scoreboard(lang, line);
    if let Some(m) = meeting
        && let Some(previous) = data::meeting::previous_pack(db, m, lang).await?
    {
        let before = read_pack(&previous)?;
        view.changes = Some(report::scoreboard::changes(&before, &view));
    }
    Ok(view)
}

/// The view a stored pack showed, read in the format it was written in.
pub fn read_pack(pack: &data::entity::meeting_pack::Model) -> Result<ScoreboardView, DataError> {
    let context = format!(
        "the pack of meeting {} stored on {}",
        pack.meeting_id,
        pack.created_at.format("%Y-%m-%d %H:%M")
    );
    match pack.view_format {
        // Format 1 is the view as it is now; a later format keeps its reader of format 1 here.
        1 => serde_json::from_str(&pack.view)
            .map_err(|e| DataError::Invalid(format!("{context}: {e}"))),
        other => Err(DataError::Invalid(format!(
            "{context}: the view is stored in format {other}, and this version of scoreboard reads format {} and older: use a newer version",
            data::meeting::PACK_FORMAT
        ))),
    }
}
