//! What a request that fails answers: an HTML page (`PageError`) or a JSON body (`ApiError`),
//! with the status that says why.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use data::DataError;
use serde_json::json;

/// A failure while building a page or applying a form.
#[derive(Debug)]
pub enum PageError {
    NotFound(String),
    Forbidden(String),
    Invalid(String),
    Data(DataError),
}

impl From<DataError> for PageError {
    fn from(e: DataError) -> PageError {
        match e {
            DataError::NotFound { .. } => PageError::NotFound(e.to_string()),
            DataError::Invalid(_) => PageError::Invalid(e.to_string()),
            e => PageError::Data(e),
        }
    }
}

impl From<minijinja::Error> for PageError {
    fn from(e: minijinja::Error) -> PageError {
        PageError::Data(DataError::Invalid(format!("template: {e:#}")))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            PageError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            PageError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            PageError::Invalid(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            PageError::Data(e @ DataError::Conflict { .. }) => {
                (StatusCode::CONFLICT, e.to_string())
            }
            PageError::Data(e) => {
                tracing::error!("{e}");
                (StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
            }
        };
        let body = format!(
            "<!doctype html><meta charset=utf-8><title>{code}</title><link rel=stylesheet href=/static/style.css><main><h1>{code}</h1><p class=error>{}</p><p><a href=/>scoreboard</a></p></main>",
            escape(&message),
            code = status.as_u16(),
        );
        (status, Html(body)).into_response()
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A failure of the JSON API: the status and a body `{"error": CODE, "message": TEXT, ...}`.
#[derive(Debug)]
pub enum ApiError {
    /// 401: no token, or not a valid one.
    Unauthorized,
    /// 403: the record is outside the caller's rights.
    Forbidden(String),
    NotFound(String),
    /// 412: `If-Match` names a version the record is no longer at; the record as it is now.
    Stale {
        read: String,
        current: serde_json::Value,
    },
    /// 428: a change without `If-Match`.
    VersionRequired,
    /// 422: a field's value cannot be read.
    Unprocessable {
        field: String,
        found: String,
        expected: String,
    },
    Data(DataError),
}

impl From<DataError> for ApiError {
    fn from(e: DataError) -> ApiError {
        match e {
            DataError::NotFound { .. } => ApiError::NotFound(e.to_string()),
            e => ApiError::Data(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                json!({"error": "unauthorized", "message": "give a valid personal token: Authorization: Bearer TOKEN (scoreboard token add LOGIN)"}),
            ),
            ApiError::Forbidden(m) => (
                StatusCode::FORBIDDEN,
                json!({"error": "forbidden", "message": m}),
            ),
            ApiError::NotFound(m) => (
                StatusCode::NOT_FOUND,
                json!({"error": "not-found", "message": m}),
            ),
            ApiError::Stale { read, current } => (
                StatusCode::PRECONDITION_FAILED,
                json!({"error": "stale", "message": format!("the record changed since version {read}: nothing was written; read it again and retry"), "current": current}),
            ),
            ApiError::VersionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                json!({"error": "version-required", "message": "give the version you read: If-Match: \"VERSION\""}),
            ),
            ApiError::Unprocessable {
                field,
                found,
                expected,
            } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "invalid", "field": field, "found": found, "expected": expected,
                       "message": format!("{field}: found {found}, expected {expected}")}),
            ),
            ApiError::Data(e @ DataError::Conflict { .. }) => (
                StatusCode::PRECONDITION_FAILED,
                json!({"error": "stale", "message": e.to_string()}),
            ),
            ApiError::Data(DataError::Invalid(m)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({"error": "invalid", "message": m}),
            ),
            ApiError::Data(e) => {
                tracing::error!("{e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": "internal", "message": e.to_string()}),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
