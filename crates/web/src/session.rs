//! Who is asking: the session cookie of a signed-in browser, the sign-in limit, and the refusal of
//! cross-site form posts.
//!
//! The cookie holds a random key; the database holds its SHA-256 digest (`web_session`), so a
//! copy of the database opens no session. A new key is made at every sign-in (the id is renewed)
//! and the cookie is `HttpOnly`, `SameSite=Lax` and, unless configured off, `Secure`.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use data::DataError;
use data::users::User;
use domain::Lang;

use crate::error::PageError;
use crate::{App, Shared, auth};

pub const COOKIE: &str = "scoreboard_session";

/// How many failed sign-ins are allowed within the window, per login and per address, before
/// sign-in is refused for that login or address until the window has passed.
#[derive(Debug, Clone, Copy)]
pub struct SignInLimit {
    pub per_login: u64,
    pub per_address: u64,
    pub window: Duration,
}

impl Default for SignInLimit {
    fn default() -> Self {
        SignInLimit {
            per_login: 5,
            per_address: 20,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// A signed-in user, from the session cookie.
pub struct Caller {
    pub user: User,
    pub lang: Lang,
    pub key_hash: String,
}

/// The session cookie's key, if the request has one.
pub fn cookie_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

impl FromRequestParts<Shared> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Caller, Response> {
        let sign_in = || {
            let back = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let to = format!(
                "/signin?next={}",
                url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
            );
            (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
        };
        let Some(key) = cookie_key(&parts.headers) else {
            return Err(sign_in());
        };
        let key_hash = auth::digest(&key);
        match data::users::session(&app.db, &key_hash, Utc::now()).await {
            Ok(Some((session, user))) => Ok(Caller {
                user,
                lang: session.lang.into(),
                key_hash,
            }),
            Ok(None) => Err(sign_in()),
            Err(e) => Err(PageError::from(e).into_response()),
        }
    }
}

/// The `Set-Cookie` value that opens a session.
pub fn open_cookie(app: &App, key: &str) -> String {
    format!(
        "{COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        app.config.session_ttl.as_secs(),
        if app.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// Opens a session for a user who has just proved who they are (a password, or the identity
/// provider's token): the session the browser had ends, a new key is made (the id is renewed at
/// every sign-in), and the attempt is recorded as succeeded under the user's login. Returns the
/// `Set-Cookie` value that carries the key.
pub async fn begin(
    app: &App,
    headers: &HeaderMap,
    user: &User,
    address: &str,
    now: DateTime<Utc>,
) -> Result<String, DataError> {
    data::users::record_attempt(&app.db, user.login(), address, true, now).await?;
    if let Some(old) = cookie_key(headers) {
        data::users::close_session(&app.db, &auth::digest(&old)).await?;
    }
    let key = auth::new_secret("");
    let ttl =
        chrono::Duration::from_std(app.config.session_ttl).unwrap_or(chrono::Duration::hours(8));
    data::users::open_session(
        &app.db,
        user.model.id,
        auth::digest(&key),
        user.model.lang,
        now,
        now + ttl,
    )
    .await?;
    tracing::info!(login = %user.login(), "signed in");
    Ok(open_cookie(app, &key))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn closed_cookie(app: &App) -> String {
    format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if app.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

/// The client's address: the connection's, or behind a proxy the last `X-Forwarded-For` entry
/// (the one the proxy itself added).
pub fn client_address(app: &App, headers: &HeaderMap, connection: Option<SocketAddr>) -> String {
    if app.config.behind_proxy
        && let Some(last) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|s| !s.is_empty())
    {
        return last.to_owned();
    }
    connection.map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}

/// The connection's address, when the server was started with it (`serve` does).
pub fn connection(req_parts: &axum::http::Extensions) -> Option<SocketAddr> {
    req_parts
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| *a)
}

/// Refuses a form post from another site: a browser says where a request comes from
/// (`Sec-Fetch-Site`, or else `Origin`); a post that another site's page made is refused with
/// 403 before any handler runs. Requests without either header do not come from a browser page
/// (scripts, `curl`) and carry no one's cookies by accident; the API authenticates with a bearer
/// token, which a browser never adds by itself.
pub async fn refuse_cross_site(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let cross = match fetch_site {
        Some(site) => !matches!(site, "same-origin" | "none"),
        None => match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            Some(origin) => !same_origin(origin, headers, app.config.public_url.as_ref()),
            None => false,
        },
    };
    if cross {
        tracing::warn!("refused a cross-site {} {}", req.method(), req.uri().path());
        return (
            StatusCode::FORBIDDEN,
            "cross-site form posts are refused: send the form from the application's own pages\n",
        )
            .into_response();
    }
    next.run(req).await
}

/// Whether an `Origin` names the application: its public address when one is configured, or the
/// host the request was sent to (behind a proxy, the proxy sets `X-Forwarded-Host`).
fn same_origin(origin: &str, headers: &HeaderMap, public: Option<&url::Url>) -> bool {
    let Ok(url) = url::Url::parse(origin) else {
        return false;
    };
    if let Some(public) = public {
        return url.origin() == public.origin();
    }
    let Some(host) = url.host_str() else {
        return false;
    };
    let origin_host = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    };
    let asked = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    asked.eq_ignore_ascii_case(&origin_host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn an_origin_is_the_application_s_own_or_refused() {
        let local = headers(&[("host", "127.0.0.1:8080")]);
        assert!(same_origin("http://127.0.0.1:8080", &local, None));
        assert!(!same_origin("http://127.0.0.1:9090", &local, None));
        assert!(!same_origin("https://evil.example", &local, None));
        assert!(!same_origin("null", &local, None));
        let proxied = headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "eu.example.brussels"),
        ]);
        assert!(same_origin("https://eu.example.brussels", &proxied, None));
        let public = url::Url::parse("https://eu.example.brussels/").unwrap();
        assert!(same_origin(
            "https://eu.example.brussels",
            &local,
            Some(&public)
        ));
        assert!(
            !same_origin("http://eu.example.brussels", &local, Some(&public)),
            "another scheme"
        );
        assert!(
            !same_origin("http://127.0.0.1:8080", &local, Some(&public)),
            "the configured address wins"
        );
    }
}
