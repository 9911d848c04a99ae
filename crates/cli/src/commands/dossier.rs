//! `report notification` and `report reply`: what the unit sends towards the Commission, drafted
//! from what the tool holds. The notification dossier of a directive (DOCX + the correlation
//! table as XLSX, per language) and the draft of the Region's contribution to Belgium's reply to
//! an infringement decision or an EU Pilot request (DOCX per language). Their sentences are the
//! `[notification]` and `[reply]` tables of the translation files, or the unit's copy given with
//! `--words`, checked whole before anything is read or written.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use data::correlation as store;
use data::entity::{authority, directive, measure};
use data::repo::{self, CaseView, DecisionView, DirectiveView};
use domain::{Celex, DirectiveId, EuPilotNumber, InfringementNumber, Lang, PlannedDate};
use report::notification::{self, NotificationView};
use report::reply::{self, Answered, DirectiveState, ReplyView};
use report::sentences::Sentences;
use serde_json::json;

use super::correlation::sheet;
use super::directive::parse_directive;
use super::meetings::write_file;
use super::{Ctx, today};

/// The unit's sentences from `--words`, for the one language asked; `None` without the option.
fn read_words(
    path: Option<&Path>,
    table: &'static str,
    langs: &[Lang],
) -> anyhow::Result<Option<Sentences>> {
    let Some(path) = path else {
        return Ok(None);
    };
    let [lang] = langs else {
        anyhow::bail!(
            "--words {}: the file holds the sentences of one language; give --lang fr or --lang nl with it (one run per language); nothing was written",
            path.display()
        );
    };
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the sentences of {}", path.display()))?;
    let name = path.display().to_string();
    Ok(Some(Sentences::from_copy(table, *lang, &name, &source)?))
}

/// The sentences of a document in `lang`: the unit's copy, else the embedded ones.
fn sentences(own: &Option<Sentences>, table: &'static str, lang: Lang) -> Sentences {
    own.clone()
        .unwrap_or_else(|| Sentences::embedded(table, lang))
}

fn authority_name(a: &authority::Model, lang: Lang) -> String {
    match lang {
        Lang::Nl => a.name_nl.clone(),
        _ => a.name_fr.clone(),
    }
}

/// A measure's title in `lang`, else the other language's.
fn measure_title(m: &measure::Model, lang: Lang) -> Option<String> {
    let (own, other) = match lang {
        Lang::Nl => (&m.title_nl, &m.title_fr),
        _ => (&m.title_fr, &m.title_nl),
    };
    own.clone().or_else(|| other.clone())
}

fn measure_view(m: &measure::Model, lang: Lang) -> notification::Measure {
    notification::Measure {
        kind: m.kind.into(),
        title: measure_title(m, lang),
        adopted_on: m.adopted_on,
        published_on: m.published_on,
        in_force_on: m.in_force_on,
        notified_on: m.notified_on,
        completes: m.completes,
        celex: m.celex.clone(),
    }
}

fn directive_identity(v: &DirectiveView, lang: Lang) -> notification::Directive {
    notification::Directive {
        number: v.number.clone(),
        celex: v.celex.clone(),
        title: v.shown_title(lang),
        deadlines: v.deadlines.clone(),
    }
}

/// Writes every document once all are made, so that a failure leaves no half dossier.
fn write_all(files: Vec<(PathBuf, Vec<u8>)>) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, bytes) in files {
        write_file(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// `report notification DIRECTIVE`: per language, `notification-2019-1024-fr.docx` and the
/// correlation table as it is forwarded, `notification-2019-1024-fr.xlsx`.
pub async fn notification(
    ctx: &mut Ctx<'_>,
    text: &str,
    langs: &[Lang],
    out: &Path,
    words: Option<&Path>,
) -> anyhow::Result<u8> {
    let own = read_words(words, notification::TABLE, langs)?;
    let id = parse_directive(text)?;
    let row: directive::Model = repo::directive_by_celex(&ctx.db, &id.celex())
        .await?
        .with_context(|| {
            format!("the directive {id} is not tracked (directive add {id}); nothing was written")
        })?;
    let generated_on = today();
    let view = repo::directive_view(&ctx.db, &id, generated_on).await?;
    if view.measures.is_empty() {
        anyhow::bail!(
            "the directive {id} has no regional measure recorded (measure add {id} --kind ...): there is nothing to notify; nothing was written"
        );
    }
    let table = store::table(&ctx.db, row.id).await?;
    let lead = match row.lead_authority_id {
        Some(lead_id) => repo::authorities(&ctx.db)
            .await?
            .into_iter()
            .find(|a| a.id == lead_id),
        None => None,
    };
    let contacts = match &lead {
        Some(a) => data::notify::contacts(&ctx.db, Some(&a.code)).await?,
        None => Vec::new(),
    };
    let stem = format!("notification-{}", id.to_string().replace('/', "-"));
    let created = ctx.actor.at.naive_utc();
    let mut files = Vec::new();
    let mut completeness = None;
    for &lang in langs {
        let xlsx_name = format!("{stem}-{}.xlsx", lang.code());
        let dossier = NotificationView {
            lang,
            generated_on,
            directive: directive_identity(&view, lang),
            measures: view
                .measures
                .iter()
                .map(|m| measure_view(m, lang))
                .collect(),
            coverage: table.coverage(),
            correlation_file: xlsx_name.clone(),
            lead: lead.as_ref().map(|a| authority_name(a, lang)),
            contacts: contacts
                .iter()
                .map(|c| (c.model.name.clone(), c.model.email.clone()))
                .collect(),
        };
        completeness = Some(dossier.completeness());
        let w = sentences(&own, notification::TABLE, lang);
        files.push((
            out.join(format!("{stem}-{}.docx", lang.code())),
            notification::docx_with(&dossier, &w)?,
        ));
        let correlation = sheet(&row, &table, lang, false);
        files.push((
            out.join(xlsx_name),
            report::correlation::xlsx(&correlation, created)?,
        ));
    }
    let written = write_all(files)?;
    let completeness = completeness.context("a language to write the dossier in")?;
    if ctx.json {
        ctx.print_json(&json!({
            "directive": id.to_string(),
            "completeness": completeness,
            "coverage": table.coverage(),
            "files": written,
        }))?;
        return Ok(crate::EXIT_OK);
    }
    let w = sentences(&own, notification::TABLE, ctx.lang);
    let mut text = w.get(if completeness.is_complete() {
        "complete"
    } else {
        "partial"
    })? + "\n";
    for f in &written {
        text.push_str(&format!("→ {}\n", f.display()));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

/// The case a reply answers, as typed.
enum CaseNumber {
    Infringement(InfringementNumber),
    Pilot(EuPilotNumber),
}

fn case_number(text: &str) -> anyhow::Result<CaseNumber> {
    let number = if let Ok(n) = InfringementNumber::parse(text) {
        n.check_plausible(today())?;
        CaseNumber::Infringement(n)
    } else if let Ok(n) = EuPilotNumber::parse(text) {
        n.check_plausible(today())?;
        CaseNumber::Pilot(n)
    } else {
        anyhow::bail!(
            "{text:?} is neither an infringement number nor an EU Pilot number: expected INFR(2020)0385 (or 2020/0385) or EUP(2021)9876"
        );
    };
    Ok(number)
}

/// The directives a case concerns: its links, else those its title or subject names.
fn directives_of(links: &[String], title: Option<&str>) -> Vec<DirectiveId> {
    let mut ids: Vec<DirectiveId> = links
        .iter()
        .filter_map(|celex| Celex::parse(celex).and_then(|c| c.directive()).ok())
        .collect();
    if ids.is_empty()
        && let Some(title) = title
    {
        ids = DirectiveId::find_in_text(title);
    }
    ids.dedup();
    ids
}

/// Where each directive stands at `as_of`, in every language asked.
async fn states(
    ctx: &Ctx<'_>,
    ids: &[DirectiveId],
    as_of: NaiveDate,
) -> anyhow::Result<Vec<(DirectiveId, Option<(DirectiveView, domain::Coverage)>)>> {
    let mut out = Vec::new();
    for id in ids {
        let state = match repo::directive_by_celex(&ctx.db, &id.celex()).await? {
            Some(row) => {
                let view = repo::directive_view(&ctx.db, id, as_of).await?;
                let coverage = store::table(&ctx.db, row.id).await?.coverage();
                Some((view, coverage))
            }
            None => None,
        };
        out.push((*id, state));
    }
    Ok(out)
}

fn directive_state(
    id: &DirectiveId,
    state: &Option<(DirectiveView, domain::Coverage)>,
    lang: Lang,
    as_of: NaiveDate,
) -> DirectiveState {
    let Some((v, coverage)) = state else {
        return DirectiveState {
            directive: notification::Directive {
                number: id.to_string(),
                celex: id.celex(),
                title: None,
                deadlines: Vec::new(),
            },
            tracked: false,
            status: None,
            measures: Vec::new(),
            planned: None,
            coverage: domain::Coverage::default(),
        };
    };
    DirectiveState {
        directive: directive_identity(v, lang),
        tracked: true,
        status: Some(v.status),
        measures: v
            .measures
            .iter()
            .filter(|m| m.adopted_on.is_some_and(|d| d <= as_of))
            .map(|m| measure_view(m, lang))
            .collect(),
        // What the unit wrote ("fin 2023") with the last day it can mean, approximate or not.
        planned: v.planned_on.map(|d| PlannedDate {
            text: v
                .planned_text
                .clone()
                .unwrap_or_else(|| d.format("%d/%m/%Y").to_string()),
            no_later_than: d,
            approximate: v.planned_approximate,
        }),
        coverage: *coverage,
    }
}

/// The decision a reply answers: the one of `--decision`, else the latest by `as_of` that has a
/// reply deadline.
fn chosen_decision(
    case: &CaseView,
    on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> anyhow::Result<&DecisionView> {
    let found = match on {
        // Two decisions of one day (a letter and a press release): the one with a reply.
        Some(day) => case
            .decisions
            .iter()
            .filter(|d| d.decided_on == day)
            .max_by_key(|d| d.reply_deadline.is_some()),
        None => case
            .decisions
            .iter()
            .rfind(|d| d.decided_on <= as_of && d.reply_deadline.is_some()),
    };
    if let Some(d) = found {
        return Ok(d);
    }
    // The message is in English, as every refusal of the command line.
    let lang = Lang::En;
    let listed = if case.decisions.is_empty() {
        "none".to_owned()
    } else {
        case.decisions
            .iter()
            .map(|d| {
                format!(
                    "{} ({})",
                    lang.format_date_short(d.decided_on),
                    d.stage.label(lang)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match on {
        Some(day) => anyhow::bail!(
            "{} has no decision on {}: its decisions are {listed}; nothing was written",
            case.number,
            lang.format_date_short(day)
        ),
        None => anyhow::bail!(
            "{} has no decision with a reply deadline on or before {}: its decisions are {listed}; give the one to answer with --decision DATE; nothing was written",
            case.number,
            lang.format_date_short(as_of)
        ),
    }
}

/// `report reply CASE`: `reply-INFR-2020-0385-2021-11-12-fr.docx` per language.
pub async fn reply(
    ctx: &mut Ctx<'_>,
    text: &str,
    decision: Option<&str>,
    as_of: NaiveDate,
    langs: &[Lang],
    out: &Path,
    words: Option<&Path>,
) -> anyhow::Result<u8> {
    let own = read_words(words, reply::TABLE, langs)?;
    let number = case_number(text)?;
    let decision_on = decision
        .map(|t| super::parse_date(t).context("--decision"))
        .transpose()?;
    let authorities = repo::authorities(&ctx.db).await?;
    let generated_on = today();
    // What differs between an infringement case and an EU Pilot case, in any language.
    let (case, subject, answered, deadline, lead_id, links) = match number {
        CaseNumber::Infringement(n) => {
            let case = repo::case_view(&ctx.db, &n.to_string()).await?;
            let d = chosen_decision(&case, decision_on, as_of)?;
            if d.decided_on > as_of {
                anyhow::bail!(
                    "the decision of {} is after --as-of {}: the state of transposition would be told before the letter it answers; nothing was written",
                    ctx.date(d.decided_on),
                    ctx.date(as_of)
                );
            }
            let lead = case
                .lead
                .as_ref()
                .and_then(|code| authorities.iter().find(|a| &a.code == code))
                .map(|a| a.id);
            (
                case.number.clone(),
                case.title.clone(),
                Answered::Decision {
                    stage: d.stage,
                    decided_on: d.decided_on,
                },
                d.reply_deadline,
                lead,
                case.directives.clone(),
            )
        }
        CaseNumber::Pilot(n) => {
            if decision.is_some() {
                anyhow::bail!(
                    "--decision is for the decisions of an infringement case; an EU Pilot case has none; nothing was written"
                );
            }
            let wanted = n.to_string();
            let pilot = data::meeting::pilots(&ctx.db)
                .await?
                .into_iter()
                .find(|p| p.number == wanted)
                .with_context(|| {
                    format!("no EU Pilot case {wanted} (pilot set {wanted} --subject ... --received DATE); nothing was written")
                })?;
            (
                pilot.number,
                pilot.subject,
                Answered::Pilot {
                    received_on: pilot.received_on,
                },
                pilot.reply_deadline,
                pilot.lead_authority_id,
                Vec::new(),
            )
        }
    };
    let ids = directives_of(&links, subject.as_deref());
    let states = states(ctx, &ids, as_of).await?;
    let lead = lead_id.and_then(|id| authorities.iter().find(|a| a.id == id));
    let answered_on = match &answered {
        Answered::Decision { decided_on, .. } => Some(*decided_on),
        Answered::Pilot { received_on } => *received_on,
    };
    let stem = {
        let mut s = format!("reply-{}", case.replace(['(', ')'], "-"));
        if let Some(d) = answered_on {
            s.push_str(&format!("-{d}"));
        }
        s
    };
    let mut files = Vec::new();
    for &lang in langs {
        let letter = ReplyView {
            lang,
            generated_on,
            as_of,
            case: case.clone(),
            subject: subject.clone(),
            answered: answered.clone(),
            reply_deadline: deadline,
            lead: lead.map(|a| authority_name(a, lang)),
            directives: states
                .iter()
                .map(|(id, s)| directive_state(id, s, lang, as_of))
                .collect(),
        };
        let w = sentences(&own, reply::TABLE, lang);
        files.push((
            out.join(format!("{stem}-{}.docx", lang.code())),
            reply::docx_with(&letter, &w)?,
        ));
    }
    let written = write_all(files)?;
    if ctx.json {
        ctx.print_json(&json!({
            "case": case,
            "answered": answered,
            "reply_deadline": deadline,
            "directives": ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "as_of": as_of,
            "files": written,
        }))?;
        return Ok(crate::EXIT_OK);
    }
    let mut text = String::new();
    for f in &written {
        text.push_str(&format!("→ {}\n", f.display()));
    }
    ctx.print(&text)?;
    Ok(crate::EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directives_of_a_case_are_its_links_else_those_its_title_names() {
        let id = |t: &str| DirectiveId::parse(t).unwrap();
        assert_eq!(
            directives_of(&["32018L0958".into()], Some("Directive 2019/1024")),
            [id("2018/958")]
        );
        assert_eq!(
            directives_of(
                &[],
                Some("Lack of transposition of Directive (EU) 2018/958 of 28 June 2018")
            ),
            [id("2018/958")]
        );
        assert!(directives_of(&[], Some("Air quality in Brussels")).is_empty());
        assert!(directives_of(&[], None).is_empty());
    }

    #[test]
    fn a_case_number_is_an_infringement_or_an_eu_pilot() {
        assert!(matches!(
            case_number("INFR(2020)0385"),
            Ok(CaseNumber::Infringement(_))
        ));
        assert!(matches!(
            case_number("EUP(2021)9876"),
            Ok(CaseNumber::Pilot(_))
        ));
        let err = case_number("2018/958x").err().unwrap().to_string();
        assert!(err.contains("expected INFR(2020)0385"), "{err}");
    }
}
