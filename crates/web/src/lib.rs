//! The shared web application: the unit, the administrations' euro-coordinators and readers on
//! the database the CLI uses. Pages (`pages`; the proposals and their impact notes in
//! `proposals`, the contribution campaigns in `campaigns`; minijinja templates, htmx served from
//! here), the JSON API (`api`, `/api/v1`, bearer tokens), sessions and sign-in (`session`; with
//! the `oidc` feature also through the organisation's identity provider, `oidc`), and the
//! operations endpoints. Every edit goes through `data`'s write path, as the CLI's do: one
//! transaction, a history row per field with the user's login, a version check.
//!
//! Depends on `domain`, `data`, `report` and `views`; nothing of ours depends on it but the binary
//! (`scoreboard serve`) and the tests.

pub mod api;
pub mod auth;
mod campaigns;
mod correlation;
mod edit;
mod error;
#[cfg(feature = "oidc")]
mod oidc;
mod pages;
mod proposals;
mod session;
mod templates;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{NaiveDate, Utc};
use data::Db;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use auth::{PasswordCost, digest, hash_password, new_secret, verify_password};
#[cfg(feature = "oidc")]
pub use oidc::{OidcConfig, OidcConfigError};
pub use session::SignInLimit;

/// How the server runs; every field has a default fit for a server behind the administration's
/// HTTPS reverse proxy.
#[derive(Debug, Clone)]
pub struct Config {
    /// Cookies marked `Secure` (sent over HTTPS only). Off only for plain-HTTP use on one's own
    /// machine (`serve --insecure-cookies`).
    pub secure_cookies: bool,
    /// How long a session lasts from sign-in.
    pub session_ttl: Duration,
    pub sign_in: SignInLimit,
    pub password_cost: PasswordCost,
    /// The date the pages and the API compute statuses and deadlines at; `None`: today in
    /// Brussels (a fixed date is for demonstrations and tests).
    pub today: Option<NaiveDate>,
    /// The address people reach the application at (`https://scoreboard.example.brussels`), for
    /// the calendar addresses shown and the cross-site check behind a proxy; `None`: the request's
    /// own `Host`.
    pub public_url: Option<url::Url>,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a reverse proxy
    /// that sets it); otherwise the connection's address.
    pub behind_proxy: bool,
    /// Sign-in through the organisation's identity provider, offered next to the password when
    /// set.
    #[cfg(feature = "oidc")]
    pub oidc: Option<OidcConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: true,
            session_ttl: Duration::from_secs(8 * 3600),
            sign_in: SignInLimit::default(),
            password_cost: PasswordCost::default(),
            today: None,
            public_url: None,
            behind_proxy: false,
            #[cfg(feature = "oidc")]
            oidc: None,
        }
    }
}

/// What every handler shares.
pub struct App {
    pub db: Db,
    pub config: Config,
    templates: minijinja::Environment<'static>,
    #[cfg(feature = "oidc")]
    oidc: Option<oidc::Provider>,
}

pub type Shared = Arc<App>;

impl App {
    /// The date statuses and deadlines are computed at.
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| domain::brussels_date(Utc::now()))
    }

    /// Whether the sign-in page offers the organisation account.
    fn oidc_configured(&self) -> bool {
        #[cfg(feature = "oidc")]
        let configured = self.oidc.is_some();
        #[cfg(not(feature = "oidc"))]
        let configured = false;
        configured
    }
}

/// The application's routes on a database.
pub fn router(db: Db, config: Config) -> Router {
    let app = Arc::new(App {
        #[cfg(feature = "oidc")]
        oidc: config.oidc.clone().map(oidc::Provider::new),
        db,
        config,
        templates: templates::environment(),
    });
    let request_id = HeaderName::from_static("x-request-id");
    let pages = pages::routes();
    #[cfg(feature = "oidc")]
    let pages = pages.merge(oidc::routes());
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .merge(pages)
        .nest("/api/v1", api::routes())
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            session::refuse_cross_site,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                .make_span_with(|req: &Request| {
                let id = req
                    .extensions()
                    .get::<RequestId>()
                    .and_then(|id| id.header_value().to_str().ok())
                    .unwrap_or("-")
                    .to_owned();
                tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, Counter::default()))
        .with_state(app)
}

/// `/readyz`: the database answers.
async fn ready(State(app): State<Shared>) -> Response {
    match app.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the database does not answer: {e}\n"),
        )
            .into_response(),
    }
}

/// Request ids: the process start time and a counter, unique across restarts of one server.
#[derive(Clone)]
struct Counter {
    start: u64,
    next: Arc<AtomicU64>,
}

impl Default for Counter {
    fn default() -> Self {
        Counter {
            start: Utc::now().timestamp() as u64,
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:x}-{n}", self.start))
            .ok()
            .map(RequestId::new)
    }
}

/// Serves until `shutdown` completes, then lets the requests under way finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    db: Db,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    #[cfg(feature = "oidc")]
    if let Some(oidc) = config.oidc.clone() {
        tokio::spawn(oidc::announce(oidc));
    }
    let app = router(db, config);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Completes on SIGTERM (systemd's stop) or Ctrl-C.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("stopping: finishing the requests under way");
}

/// A static file of the application, with a long cache life.
fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}
