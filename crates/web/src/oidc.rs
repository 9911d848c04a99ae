//! Sign-in with the organisation's identity provider (OpenID Connect; the `oidc` feature). Nobody
//! signs themselves up: the provider's e-mail address is matched to an existing, enabled user
//! (`data::users::user_by_email`), and the session is opened exactly as a password opens it
//! (`session::begin`).
//!
//! The authorization code flow with PKCE, `state` and `nonce`. `GET /signin/oidc` sends the
//! browser to the provider; the three secrets, the language and the page to come back to travel
//! in a cookie of the browser (`HttpOnly`, so no page reads it; `SameSite=Lax`, so the provider's
//! redirect back carries it; `Path=/oidc`; 10 minutes), and the server keeps nothing between the
//! two requests. `GET /oidc/callback` checks `state`, exchanges the code at the token endpoint
//! (client secret and PKCE verifier), and verifies the ID token: signature by a key the provider
//! publishes (JWKS), issuer, audience, expiry, nonce, and the access token's hash when given.
//!
//! The provider's metadata and keys come from the issuer's discovery document: kept 10 minutes
//! for sending browsers there, fetched again at every callback so that a key the provider has
//! just rotated in is known (sign-ins are few: a few dozen people, sessions of hours).
//!
//! This module is the only code of `web` that sends a request, and only to the configured issuer
//! and the addresses its discovery document names.

use std::error::Error;
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Utc;
use domain::Lang;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, HttpClientError, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError,
    Scope, TokenResponse,
};
use serde::Deserialize;
use serde_json::json;

use crate::error::PageError;
use crate::pages::{lang_of, local_path, signed_out_page};
use crate::{App, Shared, auth, session};

/// The cookie that carries a sign-in under way from `/signin/oidc` to `/oidc/callback`.
const FLOW_COOKIE: &str = "scoreboard_oidc";
/// How long a sign-in at the provider may take.
const FLOW_SECONDS: u64 = 600;
/// How long the discovery document is kept for sending browsers to the provider.
const METADATA_LIFE: Duration = Duration::from_secs(600);
/// The largest answer read from the provider (discovery documents and key sets are a few KB).
const MAX_ANSWER: usize = 1 << 20;
/// What a sign-in attempt is recorded under when no verified address is known.
const NO_IDENTITY: &str = "(openid connect)";

/// The identity provider the sign-in page offers as "organisation account".
#[derive(Clone)]
pub struct OidcConfig {
    /// As given: discovery checks that the provider's document names exactly this issuer, so it
    /// is not normalised (`Url` would add a `/` to a bare host).
    issuer: String,
    client_id: String,
    client_secret: String,
    /// `public_url` + `/oidc/callback`: where the provider sends the browser back, registered
    /// with the provider as the client's redirect URI.
    redirect: url::Url,
}

/// Why an identity provider's settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OidcConfigError {
    #[error(
        "the identity provider's address {0:?} cannot be read: expected its issuer, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0"
    )]
    Issuer(String),
    #[error(
        "the identity provider's address {0} is not https: tokens are only fetched over https (http only on 127.0.0.1, for tests)"
    )]
    NotHttps(String),
    #[error(
        "the client {0} is empty: the identity provider gives it when the application is registered"
    )]
    Empty(&'static str),
    #[error(
        "the identity provider sends people back to the application's public address: give it with --public-url or SCOREBOARD_PUBLIC_URL (e.g. https://scoreboard.example.brussels, registered at the provider as https://scoreboard.example.brussels/oidc/callback)"
    )]
    NoPublicUrl,
}

impl OidcConfig {
    /// The settings of a provider; the redirect URL is derived from the application's public
    /// address.
    pub fn new(
        issuer: &str,
        client_id: &str,
        client_secret: &str,
        public_url: Option<&url::Url>,
    ) -> Result<OidcConfig, OidcConfigError> {
        let issuer = issuer.trim();
        let parsed =
            url::Url::parse(issuer).map_err(|_| OidcConfigError::Issuer(issuer.to_owned()))?;
        match parsed.scheme() {
            "https" => {}
            "http" if on_this_machine(&parsed) => {}
            "http" => return Err(OidcConfigError::NotHttps(issuer.to_owned())),
            _ => return Err(OidcConfigError::Issuer(issuer.to_owned())),
        }
        if client_id.trim().is_empty() {
            return Err(OidcConfigError::Empty("id"));
        }
        if client_secret.is_empty() {
            return Err(OidcConfigError::Empty("secret"));
        }
        let public = public_url.ok_or(OidcConfigError::NoPublicUrl)?;
        let redirect = url::Url::parse(&format!(
            "{}/oidc/callback",
            public.as_str().trim_end_matches('/')
        ))
        .map_err(|_| OidcConfigError::NoPublicUrl)?;
        Ok(OidcConfig {
            issuer: issuer.to_owned(),
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.to_owned(),
            redirect,
        })
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The address to register at the provider as the client's redirect URI.
    pub fn redirect_url(&self) -> &url::Url {
        &self.redirect
    }
}

/// A loopback address: a provider there is a test's, reached without TLS or a proxy.
fn on_this_machine(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// The secret stays out of logs and error messages.
impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"(hidden)")
            .field("redirect", &self.redirect.as_str())
            .finish()
    }
}

/// The configured provider, with the HTTP client and the discovery document kept between
/// requests.
pub(crate) struct Provider {
    config: OidcConfig,
    http: OnceLock<reqwest::Client>,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

/// A client of the provider with the endpoints discovery gives (authorization set; token and
/// user info if the document names them).
type RelyingParty = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

type SendError = HttpClientError<reqwest::Error>;

impl Provider {
    pub(crate) fn new(config: OidcConfig) -> Provider {
        Provider {
            config,
            http: OnceLock::new(),
            metadata: Mutex::new(None),
        }
    }

    /// The HTTP client, made at the first sign-in: no redirects followed (a token request
    /// redirected elsewhere is a request to somewhere not configured), timeouts, and no proxy
    /// for a provider on this machine.
    fn http(&self) -> Result<reqwest::Client, Unavailable> {
        if let Some(c) = self.http.get() {
            return Ok(c.clone());
        }
        // reqwest is built without a default TLS provider; install ring once per process.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent("scoreboard (sign-in with the organisation account)");
        if url::Url::parse(&self.config.issuer).is_ok_and(|u| on_this_machine(&u)) {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .map_err(|e| Unavailable(format!("cannot set up the HTTP client: {e}")))?;
        Ok(self.http.get_or_init(|| client).clone())
    }

    /// The discovery document and the provider's keys, fetched now.
    async fn discover(&self, http: &reqwest::Client) -> Result<CoreProviderMetadata, Unavailable> {
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| Unavailable(format!("issuer {}: {e}", self.config.issuer)))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &sender(http))
            .await
            .map_err(|e| {
                Unavailable(format!(
                    "discovery at {}: {}",
                    self.config.issuer,
                    causes(&e)
                ))
            })?;
        if let Ok(mut kept) = self.metadata.lock() {
            *kept = Some((Instant::now(), metadata.clone()));
        }
        Ok(metadata)
    }

    /// The discovery document, kept for a while: enough to send a browser to the provider.
    async fn recent_metadata(
        &self,
        http: &reqwest::Client,
    ) -> Result<CoreProviderMetadata, Unavailable> {
        let kept = self.metadata.lock().ok().and_then(|m| {
            m.as_ref()
                .filter(|(at, _)| at.elapsed() < METADATA_LIFE)
                .map(|(_, d)| d.clone())
        });
        match kept {
            Some(d) => Ok(d),
            None => self.discover(http).await,
        }
    }

    fn client(&self, metadata: CoreProviderMetadata) -> RelyingParty {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(RedirectUrl::from_url(self.config.redirect.clone()))
    }
}

/// Says in the log, at start, whether the provider answers and which redirect URI to register
/// there: a wrong issuer shows before the first person tries to sign in. The server starts either
/// way (the provider may come back).
pub(crate) async fn announce(config: OidcConfig) {
    let provider = Provider::new(config);
    let found = match provider.http() {
        Ok(http) => provider.discover(&http).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match found {
        Ok(()) => tracing::info!(
            issuer = provider.config.issuer,
            redirect_uri = %provider.config.redirect,
            "sign-in with the organisation account: the identity provider answers"
        ),
        Err(Unavailable(why)) => tracing::error!(
            "sign-in with the organisation account will fail until the identity provider answers: {why}"
        ),
    }
}

/// openidconnect 4.1 with `default-features = false` brings no HTTP client: its
/// `AsyncHttpClient` trait (from oauth2 5.0, `src/endpoint.rs`) is implemented for every
/// `Fn(HttpRequest) -> F` where `F: Future<Output = Result<HttpResponse, E>>` and
/// `E: std::error::Error + 'static` (the crate's documentation, "HTTP Clients", "Custom"). Its
/// own reqwest support (the default `reqwest` feature) is for reqwest 0.12, so this closure does
/// the conversions for our reqwest 0.13: `http::Request<Vec<u8>>` into a `reqwest::Request`
/// (reqwest's `TryFrom`), the answer back into an `http::Response<Vec<u8>>`, read up to
/// [`MAX_ANSWER`] bytes.
fn sender(
    http: &reqwest::Client,
) -> impl Fn(
    HttpRequest,
) -> std::pin::Pin<Box<dyn Future<Output = Result<HttpResponse, SendError>> + Send>> {
    let http = http.clone();
    move |request: HttpRequest| {
        let http = http.clone();
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(Box::new)?;
            let mut response = http.execute(request).await.map_err(Box::new)?;
            let mut answer = axum::http::Response::builder()
                .status(response.status())
                .version(response.version());
            for (name, value) in response.headers() {
                answer = answer.header(name, value);
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(Box::new)? {
                if body.len() + chunk.len() > MAX_ANSWER {
                    return Err(HttpClientError::Other(format!(
                        "the answer of {} is larger than {MAX_ANSWER} bytes",
                        response.url()
                    )));
                }
                body.extend_from_slice(&chunk);
            }
            answer.body(body).map_err(HttpClientError::Http)
        })
    }
}

/// An error and its causes on one line, for the log.
fn causes(e: &dyn Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/signin/oidc", get(start))
        .route("/oidc/callback", get(callback))
}

/// A sign-in under way, kept in the browser's cookie between the two requests.
struct Flow {
    state: String,
    nonce: String,
    verifier: String,
    lang: Lang,
    next: String,
}

impl Flow {
    /// `scoreboard_oidc=STATE.NONCE.VERIFIER.LANG.NEXT`: the three secrets are base64url (no
    /// `.`), the page to come back to is percent-encoded and last.
    fn value(&self) -> String {
        let next: String = url::form_urlencoded::byte_serialize(self.next.as_bytes()).collect();
        format!(
            "{FLOW_COOKIE}={}.{}.{}.{}.{next}",
            self.state,
            self.nonce,
            self.verifier,
            self.lang.code(),
        )
    }

    /// The `Set-Cookie` value: only `/oidc/callback` gets it back, within [`FLOW_SECONDS`].
    fn cookie(&self, app: &App) -> String {
        format!(
            "{}; Path=/oidc; HttpOnly; SameSite=Lax; Max-Age={FLOW_SECONDS}{}",
            self.value(),
            secure(app)
        )
    }

    fn read(headers: &HeaderMap) -> Option<Flow> {
        let value = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == FLOW_COOKIE)
            .map(|(_, value)| value)?;
        let mut parts = value.splitn(5, '.');
        let mut secret = || {
            parts.next().filter(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
        };
        let (state, nonce, verifier) = (secret()?, secret()?, secret()?);
        let lang = lang_of(parts.next());
        let next: String = url::form_urlencoded::parse(format!("n={}", parts.next()?).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())?;
        Some(Flow {
            state: state.to_owned(),
            nonce: nonce.to_owned(),
            verifier: verifier.to_owned(),
            lang,
            next: local_path(Some(&next)),
        })
    }
}

fn secure(app: &App) -> &'static str {
    if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

/// The `Set-Cookie` value that ends a sign-in under way: a flow is used once.
fn closed_flow(app: &App) -> String {
    format!(
        "{FLOW_COOKIE}=; Path=/oidc; HttpOnly; SameSite=Lax; Max-Age=0{}",
        secure(app)
    )
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
    lang: Option<String>,
}

/// `GET /signin/oidc`: to the provider, with a new state, nonce and PKCE challenge.
async fn start(State(app): State<Shared>, Query(q): Query<StartQuery>) -> Response {
    let Some(provider) = app.oidc.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let lang = lang_of(q.lang.as_deref());
    let metadata = match provider.http() {
        Ok(http) => provider.recent_metadata(&http).await,
        Err(e) => Err(e),
    };
    let metadata = match metadata {
        Ok(m) => m,
        Err(unavailable) => return refuse(&app, lang, unavailable.into()),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (to, state, nonce) = provider
        .client(metadata)
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    let flow = Flow {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        lang,
        next: local_path(q.next.as_deref()),
    };
    (
        [(header::SET_COOKIE, flow.cookie(&app))],
        Redirect::to(to.as_str()),
    )
        .into_response()
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// The provider or the network did not answer (why, for the log).
struct Unavailable(String);

impl From<Unavailable> for Refusal {
    fn from(Unavailable(why): Unavailable) -> Refusal {
        Refusal::Unavailable(why)
    }
}

/// Why a callback opens no session.
enum Refusal {
    /// The answer cannot be trusted (no sign-in under way, a different state, the provider's
    /// error, a token refused): logged with its reason, the page says to start again.
    Failed(String),
    /// The provider or the network did not answer.
    Unavailable(String),
    /// A verified token without an e-mail address.
    NoEmail,
    /// The provider says the address is not verified.
    Unverified(String),
    /// No enabled user has the address.
    NoAccount(String),
}

/// `GET /oidc/callback`: the provider's answer → a session, or a page saying why not.
async fn callback(
    State(app): State<Shared>,
    headers: HeaderMap,
    req_ext: axum::http::Extensions,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let Some(provider) = app.oidc.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let flow = Flow::read(&headers);
    let lang = flow.as_ref().map_or(Lang::Fr, |f| f.lang);
    let next = flow
        .as_ref()
        .map_or_else(|| "/".to_owned(), |f| f.next.clone());
    let address = session::client_address(&app, &headers, session::connection(&req_ext));
    let now = Utc::now();
    let outcome = match verified_email(provider, flow, q).await {
        Ok(email) => match data::users::user_by_email(&app.db, &email).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(Refusal::NoAccount(email)),
            Err(e) => return with_closed_flow(&app, PageError::from(e).into_response()),
        },
        Err(refusal) => Err(refusal),
    };
    let answer = match outcome {
        Ok(user) => match session::begin(&app, &headers, &user, &address, now).await {
            Ok(cookie) => (
                [(header::SET_COOKIE, cookie)],
                Redirect::to(&local_path(Some(&next))),
            )
                .into_response(),
            Err(e) => PageError::from(e).into_response(),
        },
        Err(refusal) => {
            let recorded = match &refusal {
                Refusal::Unavailable(_) => None,
                Refusal::Failed(_) | Refusal::NoEmail => Some(NO_IDENTITY.to_owned()),
                Refusal::Unverified(email) | Refusal::NoAccount(email) => Some(email.clone()),
            };
            if let Some(login) = recorded
                && let Err(e) =
                    data::users::record_attempt(&app.db, &login, &address, false, now).await
            {
                return with_closed_flow(&app, PageError::from(e).into_response());
            }
            refuse(&app, lang, refusal)
        }
    };
    with_closed_flow(&app, answer)
}

fn with_closed_flow(app: &App, mut response: Response) -> Response {
    if let Ok(v) = closed_flow(app).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// The e-mail address of the ID token the provider gives for this answer, once every check has
/// passed.
async fn verified_email(
    provider: &Provider,
    flow: Option<Flow>,
    q: CallbackQuery,
) -> Result<String, Refusal> {
    let flow = flow.ok_or_else(|| {
        Refusal::Failed(
            "no sign-in under way in this browser (its cookie is missing or expired)".into(),
        )
    })?;
    if let Some(error) = q.error {
        return Err(Refusal::Failed(format!(
            "the provider answered {error}: {}",
            q.error_description.unwrap_or_default()
        )));
    }
    let (Some(code), Some(state)) = (q.code, q.state) else {
        return Err(Refusal::Failed(
            "the provider's answer has no code or no state".into(),
        ));
    };
    // Compared as digests, as openidconnect advises for secrets ("Comparing secrets securely"):
    // the time taken says nothing about how much of the state matched.
    if auth::digest(&state) != auth::digest(&flow.state) {
        return Err(Refusal::Failed(
            "the state differs from the one this browser was sent with".into(),
        ));
    }
    let http = provider.http()?;
    let client = provider.client(provider.discover(&http).await?);
    let send = sender(&http);
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| Refusal::Failed(format!("the provider names no token endpoint: {e}")))?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
        .request_async(&send)
        .await
        .map_err(|e| match e {
            RequestTokenError::Request(e) => {
                Refusal::Unavailable(format!("the token request: {}", causes(&e)))
            }
            e => Refusal::Failed(format!("the token endpoint refused: {}", causes(&e))),
        })?;
    let id_token = token
        .id_token()
        .ok_or_else(|| Refusal::Failed("the token endpoint gave no ID token".into()))?;
    let verifier = client.id_token_verifier();
    let refused = |e: &dyn Error| Refusal::Failed(format!("the ID token: {}", causes(e)));
    let claims = id_token
        .claims(&verifier, &Nonce::new(flow.nonce))
        .map_err(|e| refused(&e))?;
    // The access token is the one issued with this ID token, not another user's.
    if let Some(expected) = claims.access_token_hash() {
        let alg = id_token.signing_alg().map_err(|e| refused(&e))?;
        let key = id_token.signing_key(&verifier).map_err(|e| refused(&e))?;
        let actual =
            AccessTokenHash::from_token(token.access_token(), alg, key).map_err(|e| refused(&e))?;
        if actual != *expected {
            return Err(Refusal::Failed(
                "the ID token's access token hash differs".into(),
            ));
        }
    }
    let email = claims
        .email()
        .map(|e| e.as_str().trim().to_owned())
        .filter(|e| !e.is_empty())
        .ok_or(Refusal::NoEmail)?;
    if claims.email_verified() == Some(false) {
        return Err(Refusal::Unverified(email));
    }
    Ok(email)
}

/// The page of a refused sign-in, in the language the sign-in started in.
fn refuse(app: &App, lang: Lang, refusal: Refusal) -> Response {
    let w = |key| domain::words::t(lang, key).to_owned();
    let (status, message) = match refusal {
        Refusal::Failed(why) => {
            tracing::warn!("sign-in with the organisation account refused: {why}");
            (StatusCode::FORBIDDEN, w("web.oidc_failed"))
        }
        Refusal::Unavailable(why) => {
            tracing::error!("the identity provider cannot be used: {why}");
            (StatusCode::BAD_GATEWAY, w("web.oidc_unavailable"))
        }
        Refusal::NoEmail => {
            tracing::warn!("sign-in with the organisation account: the ID token has no e-mail");
            (StatusCode::FORBIDDEN, w("web.oidc_no_email"))
        }
        Refusal::Unverified(email) => {
            tracing::warn!(%email, "sign-in with the organisation account: address not verified");
            (
                StatusCode::FORBIDDEN,
                domain::words::fill(lang, "web.oidc_unverified", &[("email", &email)]),
            )
        }
        Refusal::NoAccount(email) => {
            tracing::info!(%email, "sign-in with the organisation account: no enabled user has this address");
            (
                StatusCode::FORBIDDEN,
                domain::words::fill(lang, "web.oidc_no_account", &[("email", &email)]),
            )
        }
    };
    match signed_out_page(
        app,
        lang,
        "signin_refused.html",
        json!({ "message": message }),
    ) {
        Ok(mut page) => {
            *page.status_mut() = status;
            page
        }
        Err(e) => e.into_response(),
    }
}
