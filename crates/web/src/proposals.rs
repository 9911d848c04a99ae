//! The proposals for directives the unit follows and the administrations' ex-ante impact notes:
//! the list, a proposal's page (identity, procedure, stages, administrations, notes and risk, the
//! note of every administration concerned field by field, the history), and the form through
//! which the coordinators of the administrations concerned, or the unit, fill a note.
//!
//! A proposal's address carries its COM number as `COM-2021-557` (`domain::ComNumber::url_form`,
//! read back by `ComNumber::parse`, which also reads every other form people write).

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use data::proposals::{ImpactNoteView, ProposalView};
use domain::{ImpactField, Lang};
use serde_json::{Value, json};
use std::collections::HashMap;

use crate::Shared;
use crate::edit::{self, ImpactNoteEdit};
use crate::pages::{
    FlashQuery, HistoryRow, Names, PageResult, frame, history_row, loaded_now, missing, not_found,
    refused, w,
};
use crate::session::Caller;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/proposals", get(list))
        .route("/proposals/{com}", get(show))
        .route("/proposals/{com}/notes/{authority}", post(save_note))
}

/// The page of a proposal whose COM number is stored as `com` (`COM(2021) 557`), if it is one.
pub(crate) fn href(com: &str) -> Option<String> {
    domain::ComNumber::parse(com)
        .ok()
        .map(|c| format!("/proposals/{}", c.url_form()))
}

/// The COM number of an address, as stored (`COM(2021) 557`).
fn com_of(text: &str, lang: Lang) -> Result<domain::ComNumber, crate::error::PageError> {
    domain::ComNumber::parse(text).map_err(|_| not_found(lang, text))
}

fn title(p: &ProposalView, lang: Lang) -> String {
    p.title(lang).unwrap_or("").to_owned()
}

/// The directive a proposal became: its number and its page.
fn directive(p: &ProposalView) -> Option<Value> {
    let celex = p.directive.as_ref()?;
    let number = domain::Celex::parse(celex)
        .ok()
        .and_then(|c| c.directive().ok())
        .map_or_else(|| celex.clone(), |d| d.to_string());
    Some(json!({ "number": number, "href": format!("/directives/{celex}") }))
}

fn stage_text(p: &ProposalView, lang: Lang) -> String {
    match p.current_stage() {
        None => String::new(),
        Some(s) => {
            let label = domain::ProposalStage::from(s.stage).label(lang);
            match s.reached_on {
                Some(d) => format!("{label} ({})", lang.format_date(d)),
                None => label.to_owned(),
            }
        }
    }
}

/// The administrations concerned by a proposal, by code: the lead, the associated ones, then any
/// other that has written a note.
fn concerned(p: &ProposalView) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    if let Some(lead) = &p.lead {
        out.push((lead.clone(), "web.role_lead"));
    }
    for a in &p.associated {
        out.push((a.clone(), "web.role_associated"));
    }
    for n in &p.impact_notes {
        if !out.iter().any(|(c, _)| *c == n.authority) {
            out.push((n.authority.clone(), ""));
        }
    }
    out
}

/// A note counts as written once one of its fields is filled in.
fn written(n: &ImpactNoteView) -> bool {
    ImpactField::ALL.iter().any(|f| n.model.field(*f).is_some())
}

async fn list(State(app): State<Shared>, caller: Caller) -> PageResult {
    let lang = caller.lang;
    let names = Names::read(&app).await?;
    let rows: Vec<Value> = data::proposals::proposals(&app.db)
        .await?
        .iter()
        .map(|p| {
            let notes = p.impact_notes.iter().filter(|n| written(n)).count();
            json!({
                "com": p.model.com_number,
                "href": href(&p.model.com_number),
                "title": title(p, lang),
                "lead": names.of(p.lead.as_deref(), lang),
                "stage": stage_text(p, lang),
                "directive": directive(p),
                "notes": domain::words::fill(lang, "web.notes_written", &[("n", &notes.to_string()), ("of", &concerned(p).len().to_string())]),
            })
        })
        .collect();
    frame(&app, &caller, "proposals", "/proposals".into()).render(
        "proposals.html",
        json!({ "proposals": rows, "count": domain::words::fill(lang, "web.count", &[("n", &rows.len().to_string())]) }),
    )
}

/// The impact note of every administration concerned, field by field, each with whether the
/// caller may write it.
async fn note_rows(
    app: &crate::App,
    caller: &Caller,
    p: &ProposalView,
    number: &domain::ComNumber,
    names: &Names,
) -> Result<Vec<Value>, crate::error::PageError> {
    let lang = caller.lang;
    let known = data::repo::authorities(&app.db).await?;
    let mut notes = Vec::new();
    for (code, role) in concerned(p) {
        let note = p.impact_notes.iter().find(|n| n.authority == code);
        let may_write = match known.iter().find(|a| a.code == code) {
            Some(a) => {
                data::users::may_write_impact_note(&app.db, &caller.user, &p.model, a.id).await?
            }
            None => false,
        };
        let fields: Vec<Value> = ImpactField::ALL
            .iter()
            .map(|f| {
                json!({ "code": f.code(), "label": f.label(lang), "value": note.and_then(|n| n.model.field(*f)).unwrap_or("") })
            })
            .collect();
        notes.push(json!({
            "code": code,
            "name": names.of(Some(&code), lang),
            "role": if role.is_empty() { "" } else { w(lang, role) },
            "exists": note.is_some(),
            "version": note.map_or(0, |n| n.model.version),
            "may_write": may_write,
            "action": format!("/proposals/{}/notes/{code}", number.url_form()),
            "fields": fields,
        }));
    }
    Ok(notes)
}

async fn show(
    State(app): State<Shared>,
    caller: Caller,
    Path(com): Path<String>,
    Query(flash): Query<FlashQuery>,
) -> PageResult {
    let lang = caller.lang;
    let number = com_of(&com, lang)?;
    let key = number.to_string();
    let p = data::proposals::proposal(&app.db, &key)
        .await
        .map_err(|e| missing(e, lang, &com))?;
    let names = Names::read(&app).await?;
    let notes = note_rows(&app, &caller, &p, &number, &names).await?;
    // The history of the proposal and of every note (keyed `COM(2021) 557 BE`), newest first.
    let mut keys = vec![key.clone()];
    keys.extend(
        concerned(&p)
            .into_iter()
            .map(|(code, _)| format!("{key} {code}")),
    );
    let mut rows = Vec::new();
    for k in &keys {
        rows.extend(data::repo::history_of(&app.db, k).await?);
    }
    rows.sort_by_key(|h| std::cmp::Reverse(h.id));
    let history: Vec<HistoryRow> = rows.iter().map(|h| history_row(h, lang)).collect();
    let stages: Vec<Value> = p
        .stages
        .iter()
        .map(|s| {
            json!({ "label": domain::ProposalStage::from(s.stage).label(lang), "date": s.reached_on.map_or_else(|| w(lang, "web.date_unknown").to_owned(), |d| lang.format_date(d)) })
        })
        .collect();
    let risk = if p.model.at_risk {
        format!(
            "{} — {}",
            w(lang, "web.at_risk"),
            p.model.risk_reason.clone().unwrap_or_default()
        )
    } else {
        String::new()
    };
    let cx = json!({
        "com": key,
        "celex": number.celex(),
        "title": title(&p, lang),
        "procedure": p.model.procedure.clone().unwrap_or_default(),
        "competence": domain::Competence::from(p.model.competence).label(lang),
        "lead": names.of(p.lead.as_deref(), lang),
        "associated": p.associated.iter().map(|c| names.of(Some(c), lang)).collect::<Vec<_>>().join(", "),
        "stages": stages,
        "directive": directive(&p),
        "notes": p.model.notes.clone().unwrap_or_default(),
        "risk": risk,
    });
    frame(
        &app,
        &caller,
        "proposals",
        format!("/proposals/{}", number.url_form()),
    )
    .render(
        "proposal.html",
        json!({ "p": cx, "read_only": !notes.iter().any(|n| n["may_write"] == true), "notes": notes, "history": history, "loaded": loaded_now(), "may_undo": false, "flash": flash.message(lang) }),
    )
}

async fn save_note(
    State(app): State<Shared>,
    caller: Caller,
    Path((com, authority)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let lang = caller.lang;
    let number = com_of(&com, lang)?;
    let key = number.to_string();
    let back = format!("/proposals/{}", number.url_form());
    let version = form
        .get("version")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .ok_or_else(|| {
            crate::error::PageError::Invalid(domain::words::fill(
                lang,
                "web.refused_value",
                &[
                    ("field", "version"),
                    ("found", form.get("version").map_or("", String::as_str)),
                    ("expected", w(lang, "web.expected_version")),
                ],
            ))
        })?;
    // A field the form does not send is left as it is.
    let fields: Vec<(ImpactField, String)> = ImpactField::ALL
        .iter()
        .filter_map(|f| form.get(f.code()).map(|v| (*f, v.clone())))
        .collect();
    let change = ImpactNoteEdit {
        version,
        fields: fields.clone(),
    };
    match edit::impact_note(&app.db, &caller.user, &key, &authority, &change).await {
        Ok(true) => Ok(Redirect::to(&format!("{back}?saved=1")).into_response()),
        Ok(false) => Ok(Redirect::to(&back).into_response()),
        Err(e) => {
            let yours = fields
                .into_iter()
                .map(|(f, v)| (f.label(lang), v))
                .collect();
            let note = format!("{key} {authority}");
            let loaded = form.get("loaded").map(String::as_str);
            refused(&app, &caller, e, &note, loaded, yours, back).await
        }
    }
}

/// The proposals an administration of `codes` leads or is associated with, for the home page:
/// each with its stage and whether that administration's note is written.
pub(crate) async fn of_authorities(
    app: &crate::App,
    codes: &[String],
    lang: Lang,
) -> Result<Vec<Value>, crate::error::PageError> {
    let mut rows = Vec::new();
    for p in data::proposals::proposals(&app.db).await? {
        let mine: Vec<&String> = codes
            .iter()
            .filter(|c| p.lead.as_ref() == Some(*c) || p.associated.contains(c))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let to_write = mine.iter().any(|c| {
            !p.impact_notes
                .iter()
                .any(|n| n.authority == **c && written(n))
        });
        rows.push(json!({
            "com": p.model.com_number,
            "href": href(&p.model.com_number),
            "title": title(&p, lang),
            "stage": stage_text(&p, lang),
            "note": w(lang, if to_write { "web.note_to_write" } else { "web.note_written" }),
            "tone": if to_write { "soon" } else { "done" },
        }));
    }
    Ok(rows)
}
