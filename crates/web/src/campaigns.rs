//! The contribution campaigns: the list (due date, who answered in full, who is late), a
//! campaign's page (where every administration asked stands, the answers of one administration),
//! and the form through which an administration's coordinator, or the unit, answers: one input
//! per question, typed by its kind, read as `campaign import` reads an XLSX form; an answer that
//! cannot be read is shown back with its question and what was expected, and nothing is written.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use data::campaign::{Campaign, NewAnswer};
use domain::Lang;
use domain::campaign::{QuestionKind, Standing, standing};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::edit::{self, EditError};
use crate::error::PageError;
use crate::pages::{
    FlashQuery, HistoryRow, Names, PageResult, forbidden, frame, history_row, loaded_now, missing,
    not_found, w,
};
use crate::session::Caller;
use crate::{App, Shared};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/campaigns", get(list))
        .route("/campaigns/{name}", get(show))
        .route("/campaigns/{name}/answers/{authority}", post(answer))
}

/// A name as one segment of an address (`SIEG 2022` → `SIEG%202022`).
fn segment(text: &str) -> String {
    let mut u = url::Url::parse("http://localhost/").expect("a fixed URL");
    if let Ok(mut path) = u.path_segments_mut() {
        path.pop_if_empty().push(text);
    }
    u.path().trim_start_matches('/').to_owned()
}

/// The page of the campaign `name`.
pub(crate) fn href(name: &str) -> String {
    format!("/campaigns/{}", segment(name))
}

fn title(c: &Campaign, lang: Lang) -> &str {
    if lang == Lang::Nl {
        &c.model.title_nl
    } else {
        &c.model.title_fr
    }
}

/// Every administration asked, by code, with where it stands at `today`.
fn standings(c: &Campaign, today: chrono::NaiveDate) -> Vec<(String, Standing)> {
    let answered = c.answered();
    c.authorities
        .iter()
        .map(|a| {
            let (n, last) = answered.get(&a.code).copied().unwrap_or((0, None));
            (
                a.code.clone(),
                standing(c.questions.len(), n, last, c.model.due, today),
            )
        })
        .collect()
}

async fn list(State(app): State<Shared>, caller: Caller) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let rows: Vec<Value> = data::campaign::all(&app.db)
        .await?
        .iter()
        .map(|c| {
            let all = standings(c, today);
            let full: Vec<&str> = all
                .iter()
                .filter(|(_, s)| s.answered == s.asked)
                .map(|(code, _)| code.as_str())
                .collect();
            let late: Vec<&str> = all
                .iter()
                .filter(|(_, s)| s.late)
                .map(|(code, _)| code.as_str())
                .collect();
            json!({
                "name": c.model.name,
                "href": href(&c.model.name),
                "title": title(c, lang),
                "due": lang.format_date(c.model.due),
                "asked": all.len(),
                "answered": full.join(", "),
                "answered_count": domain::words::fill(lang, "web.answered_of", &[("n", &full.len().to_string()), ("of", &all.len().to_string())]),
                "late": late.join(", "),
                "tone": if late.is_empty() { "" } else { "late" },
            })
        })
        .collect();
    frame(&app, &caller, "campaigns", "/campaigns".into()).render(
        "campaigns.html",
        json!({ "campaigns": rows, "count": domain::words::fill(lang, "web.count", &[("n", &rows.len().to_string())]) }),
    )
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    authority: Option<String>,
    saved: Option<String>,
}

/// The administration whose answers the page shows: the one asked for, else the caller's first
/// administration the campaign asks, else none (the table of administrations links to each).
fn chosen(c: &Campaign, caller: &Caller, asked_for: Option<&str>) -> Option<String> {
    let asked = |code: &str| c.authorities.iter().any(|a| a.code == code);
    match asked_for.filter(|a| !a.is_empty()) {
        Some(code) => asked(code).then(|| code.to_owned()),
        None => caller
            .user
            .authorities
            .iter()
            .find(|code| asked(code))
            .cloned(),
    }
}

/// What one question's input shows: the value to put back in it and, when refused, why.
#[derive(Default, Clone)]
struct Typed {
    answer: String,
    comment: String,
    error: Option<String>,
}

async fn show(
    State(app): State<Shared>,
    caller: Caller,
    Path(name): Path<String>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let lang = caller.lang;
    let c = data::campaign::get(&app.db, &name)
        .await
        .map_err(|e| missing(e, lang, &name))?;
    let flash = FlashQuery {
        saved: q.saved.clone(),
        ..Default::default()
    };
    let chosen = chosen(&c, &caller, q.authority.as_deref());
    page(
        &app,
        &caller,
        &c,
        chosen.as_deref(),
        None,
        flash.message(lang),
    )
    .await
}

/// A form shown back after an answer was refused: what the user typed, and the version of the
/// answers and the time the user read them at (kept, so that a later save is still checked
/// against what the user saw).
struct Refused {
    typed: HashMap<String, Typed>,
    version: String,
    loaded: String,
}

/// The campaign's page, with the answers of `chosen` (a form when the caller may answer for it).
async fn page(
    app: &App,
    caller: &Caller,
    c: &Campaign,
    chosen: Option<&str>,
    refused: Option<&Refused>,
    flash: Option<&str>,
) -> PageResult {
    let lang = caller.lang;
    let names = Names::read(app).await?;
    let path = href(&c.model.name);
    let status: Vec<Value> = standings(c, app.today())
        .into_iter()
        .map(|(code, s)| {
            json!({
                "code": code,
                "name": names.of(Some(&code), lang),
                "answered": format!("{}/{}", s.answered, s.asked),
                "last": s.last_answer.map(|d| lang.format_date(d)).unwrap_or_default(),
                "late": if s.late { w(lang, "web.yes") } else { "" },
                "tone": if s.late { "late" } else if s.answered == s.asked { "done" } else { "" },
                "href": format!("{path}?authority={}", segment(&code)),
                "may_answer": data::users::may_answer_campaign(&caller.user, c, &code),
                "chosen": chosen == Some(code.as_str()),
            })
        })
        .collect();
    let mut form = Value::Null;
    if let Some(code) = chosen
        && let Some(a) = c.authorities.iter().find(|a| a.code == code)
    {
        let questions: Vec<Value> = c
            .questions
            .iter()
            .map(|q| {
                let typed = refused.and_then(|r| r.typed.get(&q.key));
                question_row(q, c.answer(q.id, a.id), typed, lang)
            })
            .collect();
        form = json!({
            "code": code,
            "name": names.of(Some(code), lang),
            "may_answer": data::users::may_answer_campaign(&caller.user, c, code),
            "action": format!("{path}/answers/{}", segment(code)),
            "version": refused.map_or_else(|| edit::answers_version(c, code), |r| r.version.clone()),
            "questions": questions,
        });
    }
    let mut r = frame(app, caller, "campaigns", path.clone()).render(
        "campaign.html",
        json!({
            "c": { "name": c.model.name, "title": title(c, lang), "due": lang.format_date(c.model.due), "questions": c.questions.len() },
            "status": status,
            "form": form,
            "refused": refused.is_some(),
            "loaded": refused.map_or_else(loaded_now, |r| r.loaded.clone()),
            "flash": flash,
        }),
    )?;
    if refused.is_some() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

/// One question of an administration's answers: its input (what was typed when shown back,
/// else the answer recorded) and the answer as a reader reads it.
fn question_row(
    q: &data::entity::campaign_question::Model,
    stored: Option<&data::entity::campaign_answer::Model>,
    typed: Option<&Typed>,
    lang: Lang,
) -> Value {
    let kind: QuestionKind = q.kind.into();
    let t = typed.cloned().unwrap_or_else(|| Typed {
        answer: stored.map(|x| x.value.clone()).unwrap_or_default(),
        comment: stored.and_then(|x| x.comment.clone()).unwrap_or_default(),
        error: None,
    });
    let shown = match (kind, stored) {
        (QuestionKind::YesNo, Some(x)) => w(
            lang,
            if x.value == "yes" {
                "web.yes"
            } else {
                "web.no"
            },
        )
        .to_owned(),
        (QuestionKind::Date, Some(x)) => domain::parse_date(&x.value)
            .map(|d| lang.format_date(d))
            .unwrap_or_else(|_| x.value.clone()),
        (_, Some(x)) => x.value.clone(),
        (_, None) => String::new(),
    };
    json!({
        "key": q.key,
        "text": question_text(q, lang),
        "kind": kind.code(),
        "kind_label": domain::words::t(lang, kind.word_key()),
        "answer": t.answer,
        "comment": t.comment,
        "error": t.error,
        "shown": shown,
        "shown_comment": stored.and_then(|x| x.comment.clone()).unwrap_or_default(),
        "answered_on": stored.map(|x| lang.format_date(x.answered_on)).unwrap_or_default(),
    })
}

fn question_text(q: &data::entity::campaign_question::Model, lang: Lang) -> &str {
    if lang == Lang::Nl {
        &q.text_nl
    } else {
        &q.text_fr
    }
}

/// What a person is told an answer of a kind looks like.
fn expected(kind: QuestionKind, lang: Lang) -> &'static str {
    w(
        lang,
        match kind {
            QuestionKind::Text => "web.expected_text",
            QuestionKind::YesNo => "web.expected_yes_no",
            QuestionKind::Number => "web.expected_number",
            QuestionKind::Date => "web.expected_answer_date",
        },
    )
}

/// Reads every answer of a form by its question's kind: the answers to record, or, when one
/// cannot be read, `Err` with what was typed and, for each refused answer, why.
fn read_answers(
    c: &Campaign,
    form: &HashMap<String, String>,
    lang: Lang,
) -> Result<Vec<NewAnswer>, HashMap<String, Typed>> {
    let text = |k: String| {
        form.get(&k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut typed = HashMap::new();
    let mut answers = Vec::new();
    let mut bad = false;
    for q in &c.questions {
        let kind: QuestionKind = q.kind.into();
        let mut t = Typed {
            answer: text(format!("answer-{}", q.key)),
            comment: text(format!("comment-{}", q.key)),
            error: None,
        };
        // An empty answer leaves the question as it is (answered or not); a comment cannot be
        // recorded without its answer, and is not dropped silently either.
        if t.answer.is_empty() && !t.comment.is_empty() {
            bad = true;
            t.error = Some(domain::words::fill(
                lang,
                "web.comment_without_answer",
                &[("field", question_text(q, lang))],
            ));
        } else if !t.answer.is_empty() {
            match kind.read(&t.answer) {
                Ok(value) => answers.push(NewAnswer {
                    key: q.key.clone(),
                    value,
                    comment: Some(t.comment.clone()).filter(|c| !c.is_empty()),
                }),
                Err(_) => {
                    bad = true;
                    t.error = Some(domain::words::fill(
                        lang,
                        "web.refused_value",
                        &[
                            ("field", question_text(q, lang)),
                            ("found", &t.answer),
                            ("expected", expected(kind, lang)),
                        ],
                    ));
                }
            }
        }
        typed.insert(q.key.clone(), t);
    }
    if bad { Err(typed) } else { Ok(answers) }
}

async fn answer(
    State(app): State<Shared>,
    caller: Caller,
    Path((name, authority)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let lang = caller.lang;
    let c = data::campaign::get(&app.db, &name)
        .await
        .map_err(|e| missing(e, lang, &name))?;
    let key = format!("{} {authority}", c.model.name);
    if !c.authorities.iter().any(|a| a.code == authority) {
        return Err(not_found(lang, &key));
    }
    // The rights first: someone who may not answer learns nothing from the checks of values.
    if !data::users::may_answer_campaign(&caller.user, &c, &authority) {
        return Err(PageError::Forbidden(forbidden(&caller, &key)));
    }
    let read = form.get("version").cloned().unwrap_or_default();
    let loaded = form.get("loaded").cloned().unwrap_or_default();
    let answers = match read_answers(&c, &form, lang) {
        Ok(answers) => answers,
        Err(typed) => {
            let refused = Refused {
                typed,
                version: read,
                loaded,
            };
            return page(&app, &caller, &c, Some(&authority), Some(&refused), None).await;
        }
    };
    let mine = format!("{}?authority={}", href(&c.model.name), segment(&authority));
    let today = app.today();
    match edit::campaign_answers(
        &app.db,
        &caller.user,
        &c.model.name,
        &authority,
        &read,
        &answers,
        today,
    )
    .await
    {
        // "Saved" only when something was: an unchanged form says nothing.
        Ok(r) if r.new.is_empty() && r.changed.is_empty() => {
            Ok(Redirect::to(&mine).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("{mine}&saved=1")).into_response()),
        Err(EditError::Stale { .. }) => stale(&app, &caller, &c, &authority, &form, mine).await,
        Err(EditError::Forbidden(_)) => Err(PageError::Forbidden(forbidden(&caller, &key))),
        Err(EditError::NotFound(key)) => Err(not_found(lang, &key)),
        Err(EditError::Invalid { found, .. }) => Err(PageError::Invalid(found)),
        Err(EditError::Data(e)) => Err(e.into()),
    }
}

/// Someone answered for this administration since the page was read: the conflict page with
/// their answers and what the user typed (409); nothing was written.
async fn stale(
    app: &App,
    caller: &Caller,
    c: &Campaign,
    authority: &str,
    form: &HashMap<String, String>,
    back: String,
) -> PageResult {
    let lang = caller.lang;
    let since = form
        .get("loaded")
        .and_then(|l| DateTime::parse_from_rfc3339(l).ok())
        .map(|d| d.with_timezone(&Utc));
    let mut theirs = Vec::new();
    for q in &c.questions {
        let key = format!("{} {authority} {}", c.model.name, q.key);
        theirs.extend(data::repo::history_of(&app.db, &key).await?);
    }
    theirs.retain(|h| since.is_none_or(|s| h.at >= s));
    theirs.sort_by_key(|h| h.id);
    let theirs: Vec<HistoryRow> = theirs.iter().map(|h| history_row(h, lang)).collect();
    let yours: Vec<Value> = c
        .questions
        .iter()
        .map(|q| {
            let typed = form.get(&format!("answer-{}", q.key)).cloned();
            json!({ "name": question_text(q, lang), "value": typed.unwrap_or_default() })
        })
        .collect();
    let mut r = frame(app, caller, "campaigns", back.clone()).render(
        "conflict.html",
        json!({ "theirs": theirs, "yours": yours, "back": back }),
    )?;
    *r.status_mut() = StatusCode::CONFLICT;
    Ok(r)
}

/// The campaigns asking an administration of `codes` that it has not answered in full, for the
/// home page.
pub(crate) async fn awaiting(
    app: &App,
    codes: &[String],
    lang: Lang,
) -> Result<Vec<Value>, PageError> {
    let today = app.today();
    let mut rows = Vec::new();
    for c in data::campaign::all(&app.db).await? {
        for (code, s) in standings(&c, today) {
            if codes.contains(&code) && s.answered < s.asked {
                rows.push(json!({
                    "name": c.model.name,
                    "href": format!("{}?authority={}", href(&c.model.name), segment(&code)),
                    "title": title(&c, lang),
                    "authority": code,
                    "due": lang.format_date(c.model.due),
                    "answered": format!("{}/{}", s.answered, s.asked),
                    "tone": if s.late { "late" } else { "soon" },
                }));
            }
        }
    }
    Ok(rows)
}
