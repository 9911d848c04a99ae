//! The pages: sign-in, my administration, the directives and the cases (lists with filters, a
//! record with its edit form and history), what changed since the last meeting, downloads and
//! the administrations' calendar addresses. French or Dutch from the user's language, switchable.
//!
//! Forms post plain HTML forms (htmx only refreshes the lists as one types): every page works
//! without JavaScript.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use data::code::{HistoryTable, Role};
use data::entity::history;
use data::repo::{self, CaseView, DirectiveView};
use domain::{Lang, ReportPeriod, Status};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::edit::{self, CaseEdit, DirectiveEdit, EditError};
use crate::error::PageError;
use crate::session::{self, Caller};
use crate::{App, Shared, asset, auth};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/static/htmx.min.js",
            get(|| async { asset("text/javascript", include_bytes!("../static/htmx.min.js")) }),
        )
        .route(
            "/static/style.css",
            get(|| async { asset("text/css", include_bytes!("../static/style.css")) }),
        )
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/lang", post(switch_lang))
        .route("/", get(home))
        .route("/directives", get(directives))
        .route("/directives/{celex}", get(directive).post(edit_directive))
        .route("/directives/{celex}/measures", post(add_measure))
        .route("/cases", get(cases))
        .route("/cases/{number}", get(case).post(edit_case))
        .route("/changes", get(changes))
        .route("/downloads", get(downloads))
        .route("/downloads/{file}", get(download))
        .route("/calendar", post(new_calendar))
        .route("/calendar/{token}", get(calendar))
        .route("/history/{id}/undo", post(undo))
        .merge(crate::proposals::routes())
        .merge(crate::campaigns::routes())
        .merge(crate::correlation::routes())
}

pub(crate) type PageResult = Result<Response, PageError>;

/// What every page's frame shows.
pub(crate) struct Frame<'a> {
    app: &'a App,
    caller: Option<&'a Caller>,
    lang: Lang,
    nav: &'static str,
    path: String,
}

impl Frame<'_> {
    pub(crate) fn render(&self, template: &str, page: Value) -> PageResult {
        let w = crate::templates::words(self.lang);
        let title = w.get("title").cloned().unwrap_or_default();
        let signed_in = self.caller.map(|c| {
            domain::words::fill(
                self.lang,
                "web.signed_in_as",
                &[
                    ("login", c.user.login()),
                    ("role", &role_label(c.user.role(), self.lang)),
                ],
            )
        });
        let today = self.app.today();
        let frame = json!({ "w": w, "lang": self.lang.code(), "other_lang": if self.lang == Lang::Nl { "fr" } else { "nl" }, "user": self.caller.map(|c| c.user.login().to_owned()), "signed_in": signed_in, "nav": self.nav, "path": self.path, "situation": domain::words::fill(self.lang, "web.situation_on", &[("date", &self.lang.format_date(today))]), "title": title });
        let tmpl = self.app.templates.get_template(template)?;
        let mut all = frame;
        if let (Value::Object(all), Value::Object(page)) = (&mut all, page) {
            all.extend(page);
        }
        let html = tmpl.render(Serde(&all))?;
        Ok(Html(html).into_response())
    }
}

fn role_label(role: Role, lang: Lang) -> String {
    let key = match role {
        Role::Unit => "web.role_unit",
        Role::Coordinator => "web.role_coordinator",
        Role::Reader => "web.role_reader",
    };
    domain::words::t(lang, key).to_owned()
}

pub(crate) fn w(lang: Lang, key: &'static str) -> &'static str {
    domain::words::t(lang, key)
}

pub(crate) fn frame<'a>(
    app: &'a App,
    caller: &'a Caller,
    nav: &'static str,
    path: String,
) -> Frame<'a> {
    Frame {
        app,
        caller: Some(caller),
        lang: caller.lang,
        nav,
        path,
    }
}

// ---------------------------------------------------------------- sign-in

#[derive(Deserialize, Default)]
struct SignInQuery {
    next: Option<String>,
    lang: Option<String>,
}

/// Only a path of this site is followed after sign-in (never `//host` or `https://host`).
pub(crate) fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

pub(crate) fn lang_of(code: Option<&str>) -> Lang {
    match code {
        Some("nl") => Lang::Nl,
        _ => Lang::Fr,
    }
}

async fn signin_page(State(app): State<Shared>, Query(q): Query<SignInQuery>) -> PageResult {
    let lang = lang_of(q.lang.as_deref());
    let next = local_path(q.next.as_deref());
    signed_out_page(
        &app,
        lang,
        "signin.html",
        json!({ "organisation": organisation_href(&app, lang, &next), "next": next, "login": "", "error": None::<String> }),
    )
}

/// A page for someone not signed in (the sign-in page, a refused sign-in).
pub(crate) fn signed_out_page(app: &App, lang: Lang, template: &str, page: Value) -> PageResult {
    Frame {
        app,
        caller: None,
        lang,
        nav: "",
        path: "/signin".into(),
    }
    .render(template, page)
}

/// Where the "organisation account" button leads, when the identity provider is configured.
fn organisation_href(app: &App, lang: Lang, next: &str) -> Option<String> {
    app.oidc_configured().then(|| {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("lang", lang.code())
            .append_pair("next", next)
            .finish();
        format!("/signin/oidc?{query}")
    })
}

#[derive(Deserialize)]
struct SignInForm {
    login: String,
    password: String,
    next: Option<String>,
    lang: Option<String>,
}

async fn signin(
    State(app): State<Shared>,
    headers: HeaderMap,
    req_ext: axum::http::Extensions,
    Form(f): Form<SignInForm>,
) -> PageResult {
    let address = session::client_address(&app, &headers, session::connection(&req_ext));
    let now = Utc::now();
    let limit = app.config.sign_in;
    let window = chrono::Duration::from_std(limit.window).unwrap_or(chrono::Duration::minutes(15));
    let (by_login, by_address) =
        data::users::failed_attempts(&app.db, &f.login, &address, now - window).await?;
    let lang = lang_of(f.lang.as_deref());
    let again = |status: StatusCode, error: String| -> PageResult {
        let next = local_path(f.next.as_deref());
        let mut r = signed_out_page(
            &app,
            lang,
            "signin.html",
            json!({ "organisation": organisation_href(&app, lang, &next), "next": next, "login": f.login.clone(), "error": error }),
        )?;
        *r.status_mut() = status;
        Ok(r)
    };
    if by_login >= limit.per_login || by_address >= limit.per_address {
        tracing::warn!(login = %f.login, %address, "sign-in refused: too many failed attempts");
        let minutes = limit.window.as_secs().div_ceil(60).to_string();
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            domain::words::fill(lang, "web.signin_limited", &[("minutes", &minutes)]),
        );
    }
    let found = match data::users::user(&app.db, &f.login).await {
        Ok(u) => Some(u),
        Err(data::DataError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let stored = found
        .as_ref()
        .filter(|u| !u.model.disabled)
        .and_then(|u| u.model.password_hash.clone());
    let password = f.password.clone();
    // The hash is checked even for an unknown login (against a dummy), so the time taken does
    // not say whether a login exists.
    let ok = tokio::task::spawn_blocking(move || match stored {
        Some(hash) => auth::verify_password(&password, &hash),
        None => {
            let _ = auth::verify_password(&password, DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false);
    let Some(user) = found.filter(|_| ok) else {
        data::users::record_attempt(&app.db, &f.login, &address, false, now).await?;
        tracing::info!(login = %f.login, %address, "sign-in failed");
        return again(
            StatusCode::UNAUTHORIZED,
            w(lang, "web.signin_failed").to_owned(),
        );
    };
    let cookie = session::begin(&app, &headers, &user, &address, now).await?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&local_path(f.next.as_deref())),
    )
        .into_response())
}

/// argon2id of a random password at the default cost, for the time of a failed sign-in.
const DUMMY_HASH: &str = "argon2id$m=19456,t=2,p=1$8a1f3cdd40b0f5cc0f7e1d5a2c6b9e07$5c1e0d2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";

async fn signout(State(app): State<Shared>, headers: HeaderMap) -> PageResult {
    // The sign-in page that follows speaks the language the session had.
    let mut lang = Lang::Fr;
    if let Some(key) = session::cookie_key(&headers) {
        let hash = auth::digest(&key);
        if let Some((s, _)) = data::users::session(&app.db, &hash, Utc::now()).await? {
            lang = s.lang.into();
        }
        data::users::close_session(&app.db, &hash).await?;
    }
    Ok((
        [(header::SET_COOKIE, session::closed_cookie(&app))],
        Redirect::to(&format!("/signin?lang={}", lang.code())),
    )
        .into_response())
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    back: Option<String>,
}

async fn switch_lang(
    State(app): State<Shared>,
    caller: Caller,
    Form(f): Form<LangForm>,
) -> PageResult {
    let lang = lang_of(Some(&f.lang));
    data::users::set_session_lang(&app.db, &caller.key_hash, lang.into()).await?;
    Ok(Redirect::to(&local_path(f.back.as_deref())).into_response())
}

// ---------------------------------------------------------------- shared rows

#[derive(Serialize)]
struct DeadlineRow {
    date: String,
    kind: &'static str,
    key: String,
    href: String,
    what: String,
    authorities: String,
    days: String,
    tone: &'static str,
}

pub(crate) fn days_text(days: i64, lang: Lang) -> String {
    match days {
        0 => w(lang, "web.due_today").to_owned(),
        n if n < 0 => domain::words::fill(lang, "web.days_late", &[("n", &(-n).to_string())]),
        n => domain::words::fill(lang, "web.days_left", &[("n", &n.to_string())]),
    }
}

fn deadline_row(d: &views::Deadline, lang: Lang) -> DeadlineRow {
    let href = match d.kind {
        "transposition" => format!("/directives/{}", d.key),
        "reply" => format!("/cases/{}", d.key),
        _ => String::new(),
    };
    DeadlineRow {
        date: lang.format_date(d.date),
        kind: views::kind_label(d.kind, lang),
        key: d.key.clone(),
        href,
        what: d.what.clone(),
        authorities: d.authorities.join(", "),
        days: days_text(d.days_left, lang),
        tone: tone(d.days_left),
    }
}

fn tone(days_left: i64) -> &'static str {
    match days_left {
        n if n < 0 => "late",
        n if n <= 60 => "soon",
        _ => "",
    }
}

#[derive(Serialize)]
struct DirectiveRow {
    celex: String,
    number: String,
    title: String,
    status: &'static str,
    at_risk: bool,
    next_deadline: String,
    lead: String,
    planned: String,
    tone: &'static str,
}

fn title_of(v: &DirectiveView, lang: Lang) -> String {
    v.title(lang)
        .or(v.title_fr.as_deref())
        .or(v.title_nl.as_deref())
        .or(v.title_en.as_deref())
        .unwrap_or("")
        .to_owned()
}

fn status_tone(s: &Status) -> &'static str {
    match s {
        Status::Overdue { .. } | Status::PartiallyTransposed { .. } => "late",
        Status::NotYetDue { days_left } if *days_left <= 60 => "soon",
        Status::TransposedOnTime | Status::TransposedLate { .. } => "done",
        _ => "",
    }
}

fn directive_row(v: &DirectiveView, lang: Lang, names: &Names) -> DirectiveRow {
    DirectiveRow {
        celex: v.celex.clone(),
        number: v.number.clone(),
        title: title_of(v, lang),
        status: v.status.label(lang),
        at_risk: v.at_risk,
        next_deadline: v
            .next_deadline()
            .map(|d| lang.format_date(d))
            .unwrap_or_default(),
        lead: names.of(v.lead.as_deref(), lang),
        planned: v.planned_text.clone().unwrap_or_default(),
        tone: status_tone(&v.status),
    }
}

#[derive(Serialize)]
struct CaseRow {
    number: String,
    title: String,
    stage: String,
    next_reply: String,
    lead: String,
    tone: &'static str,
}

/// The earliest reply deadline of a case whose reply is not sent yet.
fn next_reply(c: &CaseView) -> Option<NaiveDate> {
    c.decisions
        .iter()
        .filter(|d| d.reply_sent_on.is_none())
        .filter_map(|d| d.reply_deadline)
        .min()
}

fn case_row(c: &CaseView, lang: Lang, names: &Names, today: NaiveDate) -> CaseRow {
    let last = c.last_decision();
    let pending = next_reply(c);
    CaseRow {
        number: c.number.clone(),
        title: c.title.clone().unwrap_or_default(),
        stage: last.map(|d| d.stage.label(lang)).unwrap_or_default(),
        next_reply: pending
            .map(|d| {
                format!(
                    "{} ({})",
                    lang.format_date(d),
                    days_text((d - today).num_days(), lang)
                )
            })
            .unwrap_or_default(),
        lead: names.of(c.lead.as_deref(), lang),
        tone: pending.map_or("", |d| tone((d - today).num_days())),
    }
}

/// Authority code -> its names.
pub(crate) struct Names(HashMap<String, (String, String)>);

impl Names {
    pub(crate) async fn read(app: &App) -> Result<Names, PageError> {
        Ok(Names(
            repo::authorities(&app.db)
                .await?
                .into_iter()
                .map(|a| (a.code, (a.name_fr, a.name_nl)))
                .collect(),
        ))
    }

    pub(crate) fn of(&self, code: Option<&str>, lang: Lang) -> String {
        match code {
            None => w(lang, "lead.none").to_owned(),
            Some(code) => self
                .0
                .get(code)
                .map(|(fr, nl)| {
                    if lang == Lang::Nl {
                        nl.clone()
                    } else {
                        fr.clone()
                    }
                })
                .unwrap_or_else(|| code.to_owned()),
        }
    }

    fn options(&self, lang: Lang) -> Vec<Value> {
        let mut codes: Vec<&String> = self.0.keys().collect();
        codes.sort();
        codes
            .into_iter()
            .map(|c| json!({ "code": c, "name": self.of(Some(c), lang) }))
            .collect()
    }
}

fn concerns(codes: &[String], lead: Option<&String>, associated: &[String]) -> bool {
    codes
        .iter()
        .any(|c| lead == Some(c) || associated.contains(c))
}

// ---------------------------------------------------------------- my administration

async fn home(State(app): State<Shared>, caller: Caller) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let names = Names::read(&app).await?;
    let mine = &caller.user.authorities;
    let all = views::deadlines(&app.db, today, lang).await?;
    let relevant: Vec<&views::Deadline> = all
        .iter()
        .filter(|d| mine.is_empty() || d.authorities.iter().any(|a| mine.contains(a)))
        .collect();
    let overdue: Vec<DeadlineRow> = relevant
        .iter()
        .filter(|d| d.overdue())
        .map(|d| deadline_row(d, lang))
        .collect();
    let coming: Vec<DeadlineRow> = relevant
        .iter()
        .filter(|d| (0..=90).contains(&d.days_left))
        .map(|d| deadline_row(d, lang))
        .collect();
    let (proposals, campaigns) = if mine.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            crate::proposals::of_authorities(&app, mine, lang).await?,
            crate::campaigns::awaiting(&app, mine, lang).await?,
        )
    };
    let (directives, cases) = if mine.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let ds: Vec<DirectiveRow> = repo::directives(&app.db, today)
            .await?
            .iter()
            .filter(|v| concerns(mine, v.lead.as_ref(), &v.associated))
            .map(|v| directive_row(v, lang, &names))
            .collect();
        let cs: Vec<CaseRow> = repo::cases(&app.db, true)
            .await?
            .iter()
            .filter(|c| c.lead.as_ref().is_some_and(|l| mine.contains(l)))
            .map(|c| case_row(c, lang, &names, today))
            .collect();
        (ds, cs)
    };
    let heading = if mine.is_empty() {
        w(lang, "web.all_administrations").to_owned()
    } else {
        mine.iter()
            .map(|c| names.of(Some(c), lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    frame(&app, &caller, "home", "/".into()).render(
        "home.html",
        json!({ "heading": heading, "overdue": overdue, "coming": coming, "directives": directives, "cases": cases, "proposals": proposals, "campaigns": campaigns }),
    )
}

// ---------------------------------------------------------------- lists

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    authority: Option<String>,
    status: Option<String>,
    sort: Option<String>,
}

fn matches_text(q: &str, fields: &[&str]) -> bool {
    let q = domain::text::fold(q);
    q.is_empty() || fields.iter().any(|f| domain::text::fold(f).contains(&q))
}

const STATUS_CODES: [&str; 7] = [
    "overdue",
    "partial",
    "not-yet-due",
    "late",
    "on-time",
    "no-deadline",
    "not-concerned",
];

fn status_label(code: &str, lang: Lang) -> String {
    domain::words::all(lang)
        .get(&format!("status.{}", code.replace('-', "_")))
        .cloned()
        .unwrap_or_else(|| code.to_owned())
}

async fn directives(
    State(app): State<Shared>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let lang = caller.lang;
    let names = Names::read(&app).await?;
    let mut list = repo::directives(&app.db, app.today()).await?;
    let text = q.q.clone().unwrap_or_default();
    let authority = q.authority.clone().filter(|a| !a.is_empty());
    let status = q.status.clone().filter(|s| !s.is_empty());
    list.retain(|v| {
        matches_text(&text, &[&v.celex, &v.number, &title_of(v, lang)])
            && authority
                .as_ref()
                .is_none_or(|a| v.lead.as_ref() == Some(a) || v.associated.contains(a))
            && status.as_deref().is_none_or(|s| v.status.code() == s)
    });
    let sort = q.sort.clone().unwrap_or_else(|| "deadline".into());
    if sort == "number" {
        list.sort_by(|a, b| a.number.cmp(&b.number));
    } else {
        list.sort_by_key(|v| {
            (
                v.next_deadline().is_none(),
                v.next_deadline(),
                v.number.clone(),
            )
        });
    }
    let rows: Vec<DirectiveRow> = list
        .iter()
        .map(|v| directive_row(v, lang, &names))
        .collect();
    let status_options: Vec<Value> = STATUS_CODES
        .iter()
        .map(|c| json!({ "code": c, "label": status_label(c, lang) }))
        .collect();
    frame(&app, &caller, "directives", "/directives".into()).render(
        "directives.html",
        json!({ "count": domain::words::fill(lang, "web.count", &[("n", &rows.len().to_string())]), "directives": rows, "q": text, "authority": authority, "status": status, "sort": sort, "authority_options": names.options(lang), "status_options": status_options }),
    )
}

async fn cases(
    State(app): State<Shared>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let names = Names::read(&app).await?;
    let text = q.q.clone().unwrap_or_default();
    let authority = q.authority.clone().filter(|a| !a.is_empty());
    let mut list: Vec<CaseView> = repo::cases(&app.db, true)
        .await?
        .into_iter()
        .filter(|c| {
            matches_text(&text, &[&c.number, c.title.as_deref().unwrap_or("")])
                && authority
                    .as_ref()
                    .is_none_or(|a| c.lead.as_ref() == Some(a))
        })
        .collect();
    let sort = q.sort.clone().unwrap_or_else(|| "deadline".into());
    if sort == "deadline" {
        // The next reply due first; cases with none after, by number.
        list.sort_by_key(|c| (next_reply(c).is_none(), next_reply(c), c.number.clone()));
    }
    let rows: Vec<CaseRow> = list
        .iter()
        .map(|c| case_row(c, lang, &names, today))
        .collect();
    frame(&app, &caller, "cases", "/cases".into()).render(
        "cases.html",
        json!({ "count": domain::words::fill(lang, "web.count", &[("n", &rows.len().to_string())]), "cases": rows, "q": text, "authority": authority, "sort": sort, "authority_options": names.options(lang) }),
    )
}

// ---------------------------------------------------------------- a directive

#[derive(Serialize)]
pub(crate) struct HistoryRow {
    id: i64,
    at: String,
    user: String,
    key: String,
    href: Option<String>,
    field: String,
    old: String,
    new: String,
    undoable: bool,
}

/// The fields the unit can undo from a page: the ones the pages and the API edit.
const UNDOABLE: [(HistoryTable, &str); 7] = [
    (HistoryTable::Directive, "planned_text"),
    (HistoryTable::Directive, "at_risk"),
    (HistoryTable::Directive, "risk_reason"),
    (HistoryTable::Directive, "notes"),
    (HistoryTable::InfringementCase, "notes"),
    (HistoryTable::Reply, "sent_on"),
    (HistoryTable::Reply, "entered_on"),
];

pub(crate) fn history_row(h: &history::Model, lang: Lang) -> HistoryRow {
    use HistoryTable as T;
    let href = match h.table_name {
        T::Directive | T::Measure | T::DirectiveDeadline | T::DirectiveAuthority => {
            Some(format!("/directives/{}", h.record_key))
        }
        T::InfringementCase | T::Decision | T::Reply => Some(format!("/cases/{}", h.record_key)),
        T::Proposal | T::ProposalAuthority | T::ProposalStage | T::ProposalAdoption => {
            crate::proposals::href(&h.record_key)
        }
        // A note's key is the COM number and the administration's code: `COM(2021) 557 BE`.
        T::ImpactNote => h
            .record_key
            .rsplit_once(' ')
            .and_then(|(com, _)| crate::proposals::href(com)),
        T::Campaign => Some(crate::campaigns::href(&h.record_key)),
        _ => None,
    };
    HistoryRow {
        id: h.id,
        at: {
            let local = domain::brussels_time(h.at);
            format!(
                "{} {}",
                lang.format_date_short(local.date()),
                local.format("%H:%M")
            )
        },
        user: h.user_name.clone(),
        key: h.record_key.clone(),
        href,
        field: field_label(&h.field, lang),
        old: h.old_value.clone().unwrap_or_default(),
        new: h.new_value.clone().unwrap_or_default(),
        undoable: h.action == data::code::HistoryAction::Update
            && UNDOABLE.contains(&(h.table_name, h.field.as_str())),
    }
}

/// Why the caller may not change the record `key`, in its language.
pub(crate) fn forbidden(caller: &Caller, key: &str) -> String {
    let lang = caller.lang;
    match caller.user.role() {
        Role::Reader => domain::words::fill(lang, "web.forbidden_reader", &[("key", key)]),
        _ => domain::words::fill(
            lang,
            "web.forbidden_other",
            &[
                ("key", key),
                ("authorities", &caller.user.authorities.join(", ")),
            ],
        ),
    }
}

/// A field's name as people read it where the words have one (`web.field_planned_text`, or the
/// form's own label, `web.planned`), else as stored.
pub(crate) fn field_label(field: &str, lang: Lang) -> String {
    let words = domain::words::all(lang);
    words
        .get(&format!("web.field_{field}"))
        .or_else(|| words.get(&format!("web.{field}")))
        .cloned()
        .unwrap_or_else(|| field.to_owned())
}

pub(crate) fn loaded_now() -> String {
    Utc::now().to_rfc3339()
}

async fn directive(
    State(app): State<Shared>,
    caller: Caller,
    Path(celex): Path<String>,
    Query(flash): Query<FlashQuery>,
) -> PageResult {
    let lang = caller.lang;
    let id = directive_id(&celex, caller.lang)?;
    let v = repo::directive_view(&app.db, &id, app.today())
        .await
        .map_err(|e| missing(e, lang, &celex))?;
    let row = repo::directive_by_celex(&app.db, &v.celex)
        .await?
        .ok_or_else(|| not_found(lang, &celex))?;
    let may_edit = data::users::may_edit_directive(&app.db, &caller.user, &row).await?;
    let names = Names::read(&app).await?;
    let history: Vec<HistoryRow> = repo::history_of(&app.db, &v.celex)
        .await?
        .iter()
        .rev()
        .map(|h| history_row(h, lang))
        .collect();
    let national = data::eurlex::national_measures(&app.db, &v.celex)
        .await?
        .into_iter()
        .map(|m| {
            format!(
                "{} {} ({})",
                m.dated_on.map(|d| lang.format_date(d)).unwrap_or_default(),
                m.title.clone().unwrap_or_default(),
                m.celex
            )
        })
        .collect::<Vec<_>>();
    let yes_no = |b: bool| w(lang, if b { "web.yes" } else { "web.no" });
    let measures: Vec<Value> = v
        .measures
        .iter()
        .map(|m| {
            json!({ "kind": domain::MeasureKind::from(m.kind).label(lang), "title": if lang == Lang::Nl { m.title_nl.clone().or(m.title_fr.clone()) } else { m.title_fr.clone().or(m.title_nl.clone()) }, "adopted": m.adopted_on.map(|d| lang.format_date(d)), "notified": m.notified_on.map(|d| lang.format_date(d)), "complete": yes_no(m.completes) })
        })
        .collect();
    let d = json!({ "celex": v.celex.clone(), "number": v.number.clone(), "title": title_of(&v, lang), "status": v.status.label(lang), "tone": status_tone(&v.status), "deadlines": v.deadlines.iter().map(|d| lang.format_date(*d)).collect::<Vec<_>>().join(", "), "competence": v.competence.label(lang), "lead": names.of(v.lead.as_deref(), lang), "associated": v.associated.iter().map(|c| names.of(Some(c), lang)).collect::<Vec<_>>().join(", "), "planned": v.planned_text.clone().unwrap_or_default(), "planned_text": v.planned_text.clone().unwrap_or_default(), "risk": if v.at_risk { format!("{} — {}", w(lang, "web.at_risk"), v.risk_reason.clone().unwrap_or_default()) } else { String::new() }, "risk_text": v.risk_reason.clone().unwrap_or_default(), "notes": v.notes.clone().unwrap_or_default(), "measures": measures, "version": v.version });
    let kinds: Vec<Value> = domain::MeasureKind::ALL
        .iter()
        .filter(|k| **k != domain::MeasureKind::Table)
        .map(|k| json!({ "code": k.code(), "label": k.label(lang) }))
        .collect();
    let coverage = data::correlation::table(&app.db, row.id).await?.coverage();
    let correlation = json!({
        "href": format!("/directives/{}/correlation", v.celex),
        "text": crate::correlation::coverage_text(&coverage, lang),
    });
    frame(&app, &caller, "directives", format!("/directives/{}", v.celex)).render(
        "directive.html",
        json!({ "d": d, "may_edit": may_edit, "history": history, "national": national, "loaded": loaded_now(), "may_undo": caller.user.role() == Role::Unit, "flash": flash.message(lang), "kinds": kinds, "correlation": correlation }),
    )
}

#[derive(Deserialize)]
struct MeasureForm {
    kind: String,
    title: Option<String>,
    adopted: Option<String>,
    published: Option<String>,
    notified: Option<String>,
    complete: Option<String>,
}

/// A regional measure added from the directive's page, as `directive measure add` does: the kind
/// among the regional act types, the title in the reader's language, dates read strictly.
async fn add_measure(
    State(app): State<Shared>,
    caller: Caller,
    Path(celex): Path<String>,
    Form(f): Form<MeasureForm>,
) -> PageResult {
    let lang = caller.lang;
    let id = directive_id(&celex, lang)?;
    let celex = id.celex();
    let row = repo::directive_by_celex(&app.db, &celex)
        .await?
        .ok_or_else(|| not_found(lang, &celex))?;
    if !data::users::may_edit_directive(&app.db, &caller.user, &row).await? {
        return Err(PageError::Forbidden(forbidden(&caller, &celex)));
    }
    let refused = |field: &str, found: &str, expected: &str| {
        PageError::Invalid(domain::words::fill(
            lang,
            "web.refused_value",
            &[
                ("field", &field_label(field, lang)),
                ("found", found),
                ("expected", expected),
            ],
        ))
    };
    let kind = domain::MeasureKind::from_code(&f.kind).ok_or_else(|| {
        let all: Vec<&str> = domain::MeasureKind::ALL
            .iter()
            .map(|k| k.label(lang))
            .collect();
        refused("kind", &f.kind, &all.join(", "))
    })?;
    let date = |field: &str, v: &Option<String>| -> Result<Option<NaiveDate>, PageError> {
        match v.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => domain::parse_date(t)
                .map(Some)
                .map_err(|_| refused(field, t, w(lang, "web.expected_date"))),
        }
    };
    let title = f
        .title
        .clone()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let rec = domain::records::MeasureRecord {
        directive: id,
        kind,
        title_fr: if lang == Lang::Nl {
            None
        } else {
            title.clone()
        },
        title_nl: if lang == Lang::Nl { title } else { None },
        adopted_on: date("adopted", &f.adopted)?,
        published_on: date("published", &f.published)?,
        in_force_on: None,
        notified_on: date("notified", &f.notified)?,
        completes: f.complete.is_some(),
        celex: None,
        notes: None,
    };
    let txn = data::begin_write(&app.db).await?;
    let actor = data::Actor::new(caller.user.login(), Utc::now());
    repo::add_measure(&txn, &actor, &rec).await?;
    txn.commit().await.map_err(data::DataError::from)?;
    Ok(Redirect::to(&format!("/directives/{celex}?saved=1")).into_response())
}

#[derive(Deserialize, Default)]
pub(crate) struct FlashQuery {
    pub(crate) saved: Option<String>,
    pub(crate) undone: Option<String>,
}

impl FlashQuery {
    pub(crate) fn message(&self, lang: Lang) -> Option<&'static str> {
        if self.saved.is_some() {
            Some(w(lang, "web.saved"))
        } else if self.undone.is_some() {
            Some(w(lang, "web.undone"))
        } else {
            None
        }
    }
}

/// The page for a record the database does not have, in the reader's language.
pub(crate) fn not_found(lang: Lang, key: &str) -> PageError {
    PageError::NotFound(domain::words::fill(lang, "web.not_found", &[("key", key)]))
}

/// A record the database does not have is said in the reader's language; other errors as they are.
pub(crate) fn missing(e: data::DataError, lang: Lang, key: &str) -> PageError {
    match e {
        data::DataError::NotFound { .. } => not_found(lang, key),
        e => e.into(),
    }
}

fn directive_id(text: &str, lang: Lang) -> Result<domain::DirectiveId, PageError> {
    domain::Celex::parse(text)
        .ok()
        .and_then(|c| c.directive().ok())
        .or_else(|| domain::DirectiveId::parse(&text.replace(['-', '_'], "/")).ok())
        .ok_or_else(|| not_found(lang, text))
}

#[derive(Deserialize)]
struct DirectiveForm {
    version: i64,
    loaded: Option<String>,
    planned: Option<String>,
    risk: Option<String>,
    notes: Option<String>,
}

async fn edit_directive(
    State(app): State<Shared>,
    caller: Caller,
    Path(celex): Path<String>,
    Form(f): Form<DirectiveForm>,
) -> PageResult {
    let id = directive_id(&celex, caller.lang)?;
    let celex = id.celex();
    let change = DirectiveEdit {
        planned: f.planned.clone().map(Some),
        risk: f.risk.clone().map(Some),
        notes: f.notes.clone().map(Some),
    };
    let back = format!("/directives/{celex}");
    match edit::directive(&app.db, &caller.user, &celex, f.version, &change).await {
        Ok(()) => Ok(Redirect::to(&format!("{back}?saved=1")).into_response()),
        Err(e) => {
            let lang = caller.lang;
            let yours = vec![
                (w(lang, "web.planned"), f.planned.unwrap_or_default()),
                (w(lang, "web.risk"), f.risk.unwrap_or_default()),
                (w(lang, "web.notes"), f.notes.unwrap_or_default()),
            ];
            refused(&app, &caller, e, &celex, f.loaded.as_deref(), yours, back).await
        }
    }
}

/// An edit not applied: a version conflict shows the other person's change and what the user
/// wanted to save (409); a refused value or right is an error page naming it.
pub(crate) async fn refused(
    app: &App,
    caller: &Caller,
    e: EditError,
    key: &str,
    loaded: Option<&str>,
    yours: Vec<(&str, String)>,
    back: String,
) -> PageResult {
    let lang = caller.lang;
    match e {
        EditError::Stale { .. } => {
            let since = loaded
                .and_then(|l| DateTime::parse_from_rfc3339(l).ok())
                .map(|d| d.with_timezone(&Utc));
            let theirs: Vec<HistoryRow> = repo::history_of(&app.db, key)
                .await?
                .iter()
                .filter(|h| since.is_none_or(|s| h.at >= s))
                .map(|h| history_row(h, lang))
                .collect();
            let yours: Vec<Value> = yours
                .into_iter()
                .map(|(name, value)| json!({ "name": name, "value": value }))
                .collect();
            let mut r = frame(app, caller, "", back.clone()).render(
                "conflict.html",
                json!({ "theirs": theirs, "yours": yours, "back": back }),
            )?;
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        EditError::Forbidden(_) => Err(PageError::Forbidden(forbidden(caller, key))),
        EditError::NotFound(_) => Err(PageError::NotFound(domain::words::fill(
            lang,
            "web.not_found",
            &[("key", key)],
        ))),
        EditError::Invalid { field, found, .. } => {
            let expected = match field {
                "planned" => w(lang, "web.expected_planned"),
                _ => w(lang, "web.expected_date"),
            };
            Err(PageError::Invalid(domain::words::fill(
                lang,
                "web.refused_value",
                &[
                    ("field", &field_label(field, lang)),
                    ("found", &found),
                    ("expected", expected),
                ],
            )))
        }
        EditError::Data(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- a case

async fn case(
    State(app): State<Shared>,
    caller: Caller,
    Path(number): Path<String>,
    Query(flash): Query<FlashQuery>,
) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let number = case_number(&number, caller.lang)?;
    let c = repo::case_view(&app.db, &number)
        .await
        .map_err(|e| missing(e, lang, &number))?;
    let row = repo::case_by_number(&app.db, &number).await?;
    let version = repo::case_edit_version(&app.db, &row).await?;
    let may_edit = data::users::may_edit_case(&app.db, &caller.user, &row).await?;
    let names = Names::read(&app).await?;
    let history: Vec<HistoryRow> = repo::history_of(&app.db, &number)
        .await?
        .iter()
        .rev()
        .map(|h| history_row(h, lang))
        .collect();
    let date = |d: Option<NaiveDate>| d.map(|d| lang.format_date(d)).unwrap_or_default();
    let decisions: Vec<Value> = c
        .decisions
        .iter()
        .map(|d| {
            let tone = match (d.reply_deadline, d.reply_sent_on) {
                (Some(_), Some(_)) => "done",
                (Some(dl), None) => tone((dl - today).num_days()),
                _ => "",
            };
            json!({ "decided_on": lang.format_date(d.decided_on), "stage": d.stage.label(lang), "reply_deadline": date(d.reply_deadline), "reply_sent": date(d.reply_sent_on), "reply_entered": date(d.reply_entered_on), "tone": tone })
        })
        .collect();
    let awaiting: Vec<Value> = c
        .decisions
        .iter()
        .filter(|d| d.reply_deadline.is_some())
        .map(|d| {
            json!({ "iso": d.decided_on.to_string(), "label": format!("{} — {}", lang.format_date(d.decided_on), d.stage.label(lang)) })
        })
        .collect();
    let cx = json!({ "number": c.number.clone(), "title": c.title.clone().unwrap_or_default(), "case_type": c.case_type.map(|t| t.label(lang)).unwrap_or_default(), "lead": names.of(c.lead.as_deref(), lang), "directives": c.directives.clone(), "notes": c.notes.clone().unwrap_or_default(), "decisions": decisions, "awaiting": awaiting, "version": version });
    frame(&app, &caller, "cases", format!("/cases/{number}")).render(
        "case.html",
        json!({ "c": cx, "may_edit": may_edit, "history": history, "loaded": loaded_now(), "may_undo": caller.user.role() == Role::Unit, "flash": flash.message(lang) }),
    )
}

fn case_number(text: &str, lang: Lang) -> Result<String, PageError> {
    domain::InfringementNumber::parse(text)
        .map(|n| n.to_string())
        .map_err(|_| not_found(lang, text))
}

#[derive(Deserialize)]
struct CaseForm {
    version: i64,
    loaded: Option<String>,
    decision: Option<String>,
    reply_sent: Option<String>,
    reply_entered: Option<String>,
    notes: Option<String>,
}

async fn edit_case(
    State(app): State<Shared>,
    caller: Caller,
    Path(number): Path<String>,
    Form(f): Form<CaseForm>,
) -> PageResult {
    let number = case_number(&number, caller.lang)?;
    let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty()).map(Some);
    let change = CaseEdit {
        notes: f.notes.clone().map(Some),
        decision: f.decision.clone(),
        // An empty reply field on the page leaves the date as it is (the history's undo clears one).
        reply_sent: given(&f.reply_sent),
        reply_entered: given(&f.reply_entered),
    };
    let back = format!("/cases/{number}");
    match edit::case(&app.db, &caller.user, &number, f.version, &change).await {
        Ok(()) => Ok(Redirect::to(&format!("{back}?saved=1")).into_response()),
        Err(e) => {
            let lang = caller.lang;
            let yours = vec![
                (w(lang, "web.reply_sent"), f.reply_sent.unwrap_or_default()),
                (
                    w(lang, "web.reply_entered"),
                    f.reply_entered.unwrap_or_default(),
                ),
                (w(lang, "web.notes"), f.notes.unwrap_or_default()),
            ];
            refused(&app, &caller, e, &number, f.loaded.as_deref(), yours, back).await
        }
    }
}

// ---------------------------------------------------------------- what changed, downloads

async fn changes(State(app): State<Shared>, caller: Caller) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let last = data::meeting::meetings(&app.db)
        .await?
        .into_iter()
        .rfind(|m| m.held_on <= today);
    let (since, heading) = match &last {
        Some(m) => (
            m.held_on,
            domain::words::fill(
                lang,
                "web.changes_since",
                &[(
                    "meeting",
                    &report::scoreboard::meeting_name(&m.kind.to_string(), lang, m.held_on),
                )],
            ),
        ),
        None => (
            today - chrono::Duration::days(30),
            w(lang, "web.changes_recent").to_owned(),
        ),
    };
    let start = since
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or_else(Utc::now);
    let all = data::repo::history_since(&app.db, start).await?;
    // The newest first, at most SHOWN of them (the rest: `scoreboard history KEY`).
    let rows: Vec<HistoryRow> = all
        .iter()
        .rev()
        .take(SHOWN)
        .map(|h| history_row(h, lang))
        .collect();
    let more = all.len().saturating_sub(SHOWN);
    frame(&app, &caller, "changes", "/changes".into()).render(
        "changes.html",
        json!({ "heading": heading, "rows": rows, "more": more }),
    )
}

/// The most changes one page lists.
const SHOWN: usize = 500;

/// The administrations whose calendar address the user may renew: the unit all, a coordinator
/// its own, a reader none.
fn calendar_authorities(caller: &Caller, names: &Names, lang: Lang) -> Vec<Value> {
    let codes: Vec<String> = match caller.user.role() {
        Role::Unit => {
            let mut all: Vec<String> = names.0.keys().cloned().collect();
            all.sort();
            all
        }
        Role::Coordinator => caller.user.authorities.clone(),
        Role::Reader => Vec::new(),
    };
    codes
        .iter()
        .map(|c| json!({ "code": c, "name": names.of(Some(c), lang) }))
        .collect()
}

/// The last report year that has ended at `today` (a year runs 1 October – 30 September).
fn report_period(today: NaiveDate) -> ReportPeriod {
    use chrono::Datelike;
    let y = today.year();
    let ended_this_year = NaiveDate::from_ymd_opt(y, 10, 1).is_some_and(|oct| today >= oct);
    ReportPeriod {
        year: if ended_this_year { y } else { y - 1 },
    }
}

async fn downloads(State(app): State<Shared>, caller: Caller) -> PageResult {
    downloads_page(&app, &caller, None).await
}

async fn downloads_page(app: &App, caller: &Caller, new_address: Option<String>) -> PageResult {
    let lang = caller.lang;
    let names = Names::read(app).await?;
    let period = report_period(app.today());
    let meeting = data::meeting::meetings(&app.db)
        .await?
        .pop()
        .map(|m| report::scoreboard::meeting_name(&m.kind.to_string(), lang, m.held_on));
    frame(app, caller, "downloads", "/downloads".into()).render(
        "downloads.html",
        json!({ "period": period.label(lang), "meeting": meeting, "calendar_authorities": calendar_authorities(caller, &names, lang), "new_address": new_address }),
    )
}

fn file(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn download(
    State(app): State<Shared>,
    caller: Caller,
    Path(name): Path<String>,
) -> PageResult {
    let lang = caller.lang;
    let today = app.today();
    let stamp = Utc::now().naive_utc();
    let report_err =
        |e: report::ReportError| PageError::Data(data::DataError::Invalid(e.to_string()));
    let code = lang.code();
    Ok(match name.as_str() {
        "scoreboard.xlsx" | "scoreboard.html" => {
            let view = views::Snapshot::read(&app.db, today)
                .await?
                .scoreboard(lang, None);
            if name.ends_with("xlsx") {
                let bytes = report::scoreboard::xlsx(&view, stamp).map_err(report_err)?;
                file(XLSX, format!("scoreboard-{today}-{code}.xlsx"), bytes)
            } else {
                let html = report::scoreboard::html(&view, None).map_err(report_err)?;
                Html(html).into_response()
            }
        }
        "pack.xlsx" | "pack.html" => {
            // The pack of the latest meeting recorded: the scoreboard today, named after it, with
            // what changed since the pack of the previous meeting of its kind (nothing stored).
            let meeting = data::meeting::meetings(&app.db).await?.pop();
            let view = views::meeting_view(&app.db, today, lang, meeting.as_ref()).await?;
            let held = meeting.as_ref().map_or(today, |m| m.held_on);
            if name.ends_with("xlsx") {
                let bytes = report::scoreboard::xlsx(&view, stamp).map_err(report_err)?;
                file(XLSX, format!("pack-{held}-{code}.xlsx"), bytes)
            } else {
                Html(report::scoreboard::html(&view, None).map_err(report_err)?).into_response()
            }
        }
        "tables.xlsx" => {
            let tables = data::tables::build(&app.db, lang, today).await?;
            let bytes = report::tables::export(&tables, lang, stamp).map_err(report_err)?;
            file(XLSX, format!("tables-{today}-{code}.xlsx"), bytes)
        }
        "annual.docx" | "annual.html" => {
            let period = report_period(today);
            let facts = views::annual_facts(&app.db, lang, period.end()).await?;
            let view = report::annual::AnnualView {
                lang,
                period,
                figures: facts.figures(period),
                generated_on: today,
            };
            if name.ends_with("docx") {
                let bytes = report::annual::docx(&view).map_err(report_err)?;
                file(DOCX, format!("annual-{}-{code}.docx", period.year), bytes)
            } else {
                Html(report::annual::html(&view, None).map_err(report_err)?).into_response()
            }
        }
        "deadlines.ics" => {
            let list = views::deadlines(&app.db, today, lang).await?;
            let ics = views::calendar(&list, lang, stamp);
            file(
                "text/calendar; charset=utf-8",
                format!("deadlines-{code}.ics"),
                ics.into_bytes(),
            )
        }
        _ => return Err(not_found(lang, &name)),
    })
}

#[derive(Deserialize)]
struct CalendarForm {
    authority: String,
}

/// A new private calendar address for an administration, shown once.
async fn new_calendar(
    State(app): State<Shared>,
    caller: Caller,
    headers: HeaderMap,
    Form(f): Form<CalendarForm>,
) -> PageResult {
    let allowed = match caller.user.role() {
        Role::Unit => true,
        Role::Coordinator => caller.user.authorities.contains(&f.authority),
        Role::Reader => false,
    };
    if !allowed {
        return Err(PageError::Forbidden(forbidden(&caller, &f.authority)));
    }
    let token = auth::new_secret("sbc_");
    let txn = data::begin_write(&app.db).await?;
    let actor = data::Actor::new(caller.user.login(), Utc::now());
    data::users::set_calendar_feed(&txn, &actor, &f.authority, auth::digest(&token)).await?;
    txn.commit().await.map_err(data::DataError::from)?;
    let base = match &app.config.public_url {
        Some(u) => u.as_str().trim_end_matches('/').to_owned(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    downloads_page(&app, &caller, Some(format!("{base}/calendar/{token}.ics"))).await
}

/// An administration's deadlines at its private address (no session: the token is the key).
async fn calendar(
    State(app): State<Shared>,
    Path(token): Path<String>,
    Query(q): Query<SignInQuery>,
) -> PageResult {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    let Some(authority) = data::users::calendar_authority(&app.db, &auth::digest(token)).await?
    else {
        return Err(PageError::NotFound(
            "no calendar at this address (it may have been replaced by a newer one)".into(),
        ));
    };
    let lang = lang_of(q.lang.as_deref());
    let list: Vec<views::Deadline> = views::deadlines(&app.db, app.today(), lang)
        .await?
        .into_iter()
        .filter(|d| d.authorities.contains(&authority.code))
        .collect();
    let ics = views::calendar(&list, lang, Utc::now().naive_utc());
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        ics,
    )
        .into_response())
}

// ---------------------------------------------------------------- undo

/// The unit undoes one change from a record's history: the field is written back to its old
/// value through the same write path (a new history row), if it still holds the new value.
async fn undo(State(app): State<Shared>, caller: Caller, Path(id): Path<i64>) -> PageResult {
    if caller.user.role() != Role::Unit {
        return Err(PageError::Forbidden(
            w(caller.lang, "web.undo_unit_only").to_owned(),
        ));
    }
    let actor = data::Actor::new(caller.user.login(), Utc::now());
    let txn = data::begin_write(&app.db).await?;
    let h = data::repo::undo_change(&txn, &actor, id, &UNDOABLE).await?;
    txn.commit().await.map_err(data::DataError::from)?;
    let back = match h.table_name {
        HistoryTable::Directive => format!("/directives/{}", h.record_key),
        _ => format!("/cases/{}", h.record_key),
    };
    Ok(Redirect::to(&format!("{back}?undone=1")).into_response())
}
