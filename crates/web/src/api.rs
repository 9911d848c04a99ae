//! The JSON API, `/api/v1`, for the administrations' own tools: a personal token in
//! `Authorization: Bearer TOKEN` (made by `scoreboard token add LOGIN`), the same rights and the
//! same write path as the pages. A change names the version it was read at (`If-Match:
//! "VERSION"`, the `ETag` of the `GET`).
//!
//! Answers: 401 without a valid token, 403 outside the caller's rights, 404 for an unknown
//! record, 412 when `If-Match` is stale (with the record as it is now), 428 without `If-Match`,
//! 422 naming the field, what was found and the form expected, 200 with the new record.

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use data::repo::{self, CaseView, DirectiveView};
use data::users::User;
use domain::{DirectiveId, InfringementNumber, Lang};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::edit::{self, CaseEdit, DirectiveEdit, EditError};
use crate::error::ApiError;
use crate::{Shared, auth};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/directives", get(directives))
        .route("/directives/{id}", get(directive).patch(patch_directive))
        .route("/cases", get(cases))
        .route("/cases/{number}", get(case).patch(patch_case))
}

/// The caller of the API, from its bearer token.
pub struct ApiCaller(pub User);

impl FromRequestParts<Shared> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<ApiCaller, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, rest) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
            })
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorized)?;
        let user = data::users::user_by_token(&app.db, &auth::digest(token))
            .await?
            .ok_or(ApiError::Unauthorized)?;
        Ok(ApiCaller(user))
    }
}

static OPENAPI: &str = include_str!("../openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A directive as the API shows it.
#[derive(Debug, Serialize)]
pub struct DirectiveJson {
    pub celex: String,
    pub number: String,
    pub title_fr: Option<String>,
    pub title_nl: Option<String>,
    pub title_en: Option<String>,
    pub competence: &'static str,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    pub deadlines: Vec<NaiveDate>,
    /// `not-concerned`, `no-deadline`, `not-yet-due`, `on-time`, `late`, `partial`, `overdue`.
    pub status: &'static str,
    pub status_label_fr: &'static str,
    pub status_label_nl: &'static str,
    pub next_deadline: Option<NaiveDate>,
    pub planned: Option<String>,
    pub planned_on: Option<NaiveDate>,
    pub planned_approximate: bool,
    pub at_risk: bool,
    pub risk: Option<String>,
    pub notes: Option<String>,
    pub measures: Vec<data::entity::measure::Model>,
    pub as_of: NaiveDate,
    pub version: i64,
}

impl DirectiveJson {
    pub fn of(v: &DirectiveView) -> DirectiveJson {
        DirectiveJson {
            celex: v.celex.clone(),
            number: v.number.clone(),
            title_fr: v.title_fr.clone(),
            title_nl: v.title_nl.clone(),
            title_en: v.title_en.clone(),
            competence: v.competence.code(),
            lead: v.lead.clone(),
            associated: v.associated.clone(),
            deadlines: v.deadlines.clone(),
            status: v.status.code(),
            status_label_fr: v.status.label(Lang::Fr),
            status_label_nl: v.status.label(Lang::Nl),
            next_deadline: v.next_deadline(),
            planned: v.planned_text.clone(),
            planned_on: v.planned_on,
            planned_approximate: v.planned_approximate,
            at_risk: v.at_risk,
            risk: v.risk_reason.clone(),
            notes: v.notes.clone(),
            measures: v.measures.clone(),
            as_of: v.as_of,
            version: v.version.into(),
        }
    }
}

/// A case as the API shows it.
#[derive(Debug, Serialize)]
pub struct CaseJson {
    #[serde(flatten)]
    pub case: CaseView,
    /// The version to name in `If-Match` (the case's and its replies').
    pub version: i64,
}

fn with_etag(version: i64, body: impl Serialize) -> Response {
    let mut r = Json(body).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

/// A directive named in the path: a CELEX (`32019L1024`) or a number (`2019-1024`, `2019_1024`;
/// a slash cannot be in a path).
fn directive_id(text: &str) -> Result<DirectiveId, ApiError> {
    let id = domain::Celex::parse(text)
        .ok()
        .and_then(|c| c.directive().ok())
        .or_else(|| DirectiveId::parse(&text.replace(['-', '_'], "/")).ok());
    id.ok_or_else(|| ApiError::Unprocessable {
        field: "celex".into(),
        found: text.to_owned(),
        expected: "a directive's CELEX number (32019L1024) or its number (2019-1024)".into(),
    })
}

fn case_number(text: &str) -> Result<String, ApiError> {
    InfringementNumber::parse(text)
        .map(|n| n.to_string())
        .map_err(|_| ApiError::Unprocessable {
            field: "number".into(),
            found: text.to_owned(),
            expected: "an infringement number (INFR(2020)0385)".into(),
        })
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    authority: Option<String>,
    status: Option<String>,
}

async fn directives(
    State(app): State<Shared>,
    ApiCaller(_): ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let all = repo::directives(&app.db, app.today()).await?;
    let authority = match &q.authority {
        Some(text) => Some(authority_code(&app, text).await?),
        None => None,
    };
    let list: Vec<DirectiveJson> = all
        .iter()
        .filter(|v| {
            authority
                .as_ref()
                .is_none_or(|code| v.lead.as_ref() == Some(code) || v.associated.contains(code))
        })
        .filter(|v| q.status.as_deref().is_none_or(|s| v.status.code() == s))
        .map(DirectiveJson::of)
        .collect();
    Ok(Json(list).into_response())
}

async fn authority_code(app: &Shared, text: &str) -> Result<String, ApiError> {
    let known = repo::authorities(&app.db).await?;
    repo::find_authority(&known, text)
        .map(|a| a.code.clone())
        .map_err(|e| ApiError::Unprocessable {
            field: "authority".into(),
            found: text.to_owned(),
            expected: e.to_string(),
        })
}

async fn directive(
    State(app): State<Shared>,
    ApiCaller(_): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = directive_id(&id)?;
    let v = repo::directive_view(&app.db, &id, app.today()).await?;
    Ok(with_etag(v.version.into(), DirectiveJson::of(&v)))
}

/// The version `If-Match` names: `"3"` (or `W/"3"`, or `3`); 428 without one, 412 for one that
/// is no version at all (it matches nothing).
fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let raw = headers
        .get(header::IF_MATCH)
        .ok_or(ApiError::VersionRequired)?
        .to_str()
        .unwrap_or("")
        .trim();
    let text = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    text.parse::<i64>().map_err(|_| ApiError::Stale {
        read: raw.to_owned(),
        current: Value::Null,
    })
}

/// The fields of a change: each a string (or `null` to clear it); any other field or type is
/// named, never dropped.
fn fields(body: &Value, allowed: &[&str]) -> Result<Map<String, Value>, ApiError> {
    let Value::Object(map) = body else {
        return Err(ApiError::Unprocessable {
            field: "(body)".into(),
            found: short(body),
            expected: format!(
                "a JSON object with some of the fields {}",
                allowed.join(", ")
            ),
        });
    };
    for (k, v) in map {
        if !allowed.contains(&k.as_str()) {
            return Err(ApiError::Unprocessable {
                field: k.clone(),
                found: short(v),
                expected: format!("one of the fields {}", allowed.join(", ")),
            });
        }
        if !(v.is_string() || v.is_null()) {
            return Err(ApiError::Unprocessable {
                field: k.clone(),
                found: short(v),
                expected: "a string, or null to clear the field".into(),
            });
        }
    }
    Ok(map.clone())
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

/// A field of a change: absent, cleared (`null`) or given.
fn field(map: &Map<String, Value>, name: &str) -> Option<Option<String>> {
    map.get(name).map(|v| v.as_str().map(str::to_owned))
}

fn edit_error(e: EditError, current: impl FnOnce() -> Value) -> ApiError {
    match e {
        EditError::NotFound(m) => ApiError::NotFound(m),
        EditError::Forbidden(m) => ApiError::Forbidden(m),
        EditError::Stale { read, .. } => ApiError::Stale {
            read: read.to_string(),
            current: current(),
        },
        EditError::Invalid {
            field,
            found,
            expected,
        } => ApiError::Unprocessable {
            field: field.into(),
            found,
            expected: expected.into(),
        },
        EditError::Data(e) => ApiError::Data(e),
    }
}

async fn patch_directive(
    State(app): State<Shared>,
    ApiCaller(user): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Json<Value>,
) -> Result<Response, ApiError> {
    let id = directive_id(&id)?;
    let celex = id.celex();
    let version = match if_match(&headers) {
        Err(ApiError::Stale { read, .. }) => {
            let v = repo::directive_view(&app.db, &id, app.today()).await?;
            return Err(ApiError::Stale {
                read,
                current: serde_json::to_value(DirectiveJson::of(&v)).unwrap_or_default(),
            });
        }
        other => other?,
    };
    let map = fields(&body, &["planned", "risk", "notes"])?;
    let change = DirectiveEdit {
        planned: field(&map, "planned"),
        risk: field(&map, "risk"),
        notes: field(&map, "notes"),
    };
    let result = edit::directive(&app.db, &user, &celex, version, &change).await;
    let v = repo::directive_view(&app.db, &id, app.today()).await?;
    if let Err(e) = result {
        return Err(edit_error(e, || {
            serde_json::to_value(DirectiveJson::of(&v)).unwrap_or_default()
        }));
    }
    Ok(with_etag(v.version.into(), DirectiveJson::of(&v)))
}

async fn cases(State(app): State<Shared>, ApiCaller(_): ApiCaller) -> Result<Response, ApiError> {
    let rows = repo::cases(&app.db, true).await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        out.push(case_json(&app, c).await?);
    }
    Ok(Json(out).into_response())
}

async fn case_json(app: &Shared, case: CaseView) -> Result<CaseJson, ApiError> {
    let row = repo::case_by_number(&app.db, &case.number).await?;
    let version = repo::case_edit_version(&app.db, &row).await?;
    Ok(CaseJson { case, version })
}

async fn case(
    State(app): State<Shared>,
    ApiCaller(_): ApiCaller,
    Path(number): Path<String>,
) -> Result<Response, ApiError> {
    let number = case_number(&number)?;
    let c = case_json(&app, repo::case_view(&app.db, &number).await?).await?;
    Ok(with_etag(c.version, c))
}

async fn patch_case(
    State(app): State<Shared>,
    ApiCaller(user): ApiCaller,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: Json<Value>,
) -> Result<Response, ApiError> {
    let number = case_number(&number)?;
    let current = || async {
        let c = case_json(&app, repo::case_view(&app.db, &number).await?).await?;
        Ok::<_, ApiError>(serde_json::to_value(c).unwrap_or_default())
    };
    let version = match if_match(&headers) {
        Err(ApiError::Stale { read, .. }) => {
            return Err(ApiError::Stale {
                read,
                current: current().await?,
            });
        }
        other => other?,
    };
    let map = fields(&body, &["notes", "decision", "reply_sent", "reply_entered"])?;
    let change = CaseEdit {
        notes: field(&map, "notes"),
        decision: field(&map, "decision").flatten(),
        reply_sent: field(&map, "reply_sent"),
        reply_entered: field(&map, "reply_entered"),
    };
    let result = edit::case(&app.db, &user, &number, version, &change).await;
    let now = current().await?;
    if let Err(e) = result {
        return Err(edit_error(e, || now));
    }
    let version = now.get("version").and_then(Value::as_i64).unwrap_or(0);
    Ok(with_etag(version, now))
}
