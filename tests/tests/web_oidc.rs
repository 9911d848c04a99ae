//! Sign-in with the organisation's identity provider (the `oidc` feature: `cargo test -p tests
//! --features oidc --test web_oidc`, which `make test` runs), through HTTP on 127.0.0.1 on each
//! backend, against a fake OpenID provider of this file: its discovery document, its key set and
//! a token endpoint that checks the client's secret, the redirect URI and the PKCE verifier, and
//! answers with an ID token signed by the test key of `fixtures/oidc/` (or by another key, with
//! another nonce, expired... for the cases the application must refuse). No other network.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use data::entity::{sign_in_attempt, web_session};
use openidconnect::core::{
    CoreGenderClaim, CoreIdToken, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AccessToken, Audience, EmptyAdditionalClaims, EndUserEmail, IdTokenClaims, IssuerUrl,
    JsonWebKeyId, Nonce, PkceCodeChallenge, PkceCodeVerifier, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use tests::{Backend, dump, ok, on_each_backend, scoreboard};

const CLIENT_ID: &str = "scoreboard-tests";
const CLIENT_SECRET: &str = "test-secret";
/// `Basic base64("scoreboard-tests:test-secret")`: how the client authenticates at the token
/// endpoint (client_secret_basic, RFC 6749 2.3.1).
const CLIENT_BASIC: &str = "Basic c2NvcmVib2FyZC10ZXN0czp0ZXN0LXNlY3JldA==";
const KEY_ID: &str = "test-1";
const JAN: &str = "jan.peeters@environnement.brussels";

/// What the fake provider puts in the ID token of one sign-in; the default is a good token for
/// the address the test signs in with.
#[derive(Clone, Default)]
struct Token {
    email: Option<String>,
    email_verified: Option<bool>,
    /// Signed by `other-key.pem` under the published key's id.
    other_key: bool,
    nonce: Option<String>,
    audience: Option<String>,
    issuer: Option<String>,
    expired: bool,
}

/// A sign-in the fake provider has authenticated, waiting for its code to be exchanged.
struct Grant {
    token: Token,
    nonce: String,
    challenge: String,
    redirect_uri: String,
}

struct Provider {
    issuer: String,
    grants: Mutex<HashMap<String, Grant>>,
    key: CoreRsaPrivateSigningKey,
    other: CoreRsaPrivateSigningKey,
    /// Token requests received, and those refused (with why).
    token_requests: AtomicUsize,
    refused: Mutex<Vec<String>>,
}

fn key(file: &str) -> CoreRsaPrivateSigningKey {
    let pem = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/oidc/{file}")),
    )
    .unwrap();
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new(KEY_ID.into()))).unwrap()
}

/// The provider's routes, under an issuer with a path as Microsoft Entra ID's
/// (`https://login.microsoftonline.com/TENANT/v2.0`).
fn provider_routes(p: Arc<Provider>) -> axum::Router {
    axum::Router::new()
        .route(
            "/tenant/v2.0/.well-known/openid-configuration",
            get(discovery),
        )
        .route("/tenant/discovery/v2.0/keys", get(keys))
        .route("/tenant/oauth2/v2.0/token", post(token))
        .with_state(p)
}

async fn discovery(State(p): State<Arc<Provider>>) -> Response {
    let base = p.issuer.trim_end_matches("/v2.0");
    axum::Json(json!({
        "issuer": p.issuer,
        "authorization_endpoint": format!("{base}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
        "jwks_uri": format!("{base}/discovery/v2.0/keys"),
        "response_types_supported": ["code", "id_token", "code id_token"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "email"],
    }))
    .into_response()
}

async fn keys(State(p): State<Arc<Provider>>) -> Response {
    axum::Json(CoreJsonWebKeySet::new(vec![p.key.as_verification_key()])).into_response()
}

async fn token(
    State(p): State<Arc<Provider>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    p.token_requests.fetch_add(1, Ordering::SeqCst);
    let refuse = |why: String| {
        p.refused.lock().unwrap().push(why);
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": "invalid_grant"})),
        )
            .into_response()
    };
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if auth != CLIENT_BASIC {
        return refuse(format!("client authentication {auth:?}"));
    }
    if field("grant_type") != "authorization_code" {
        return refuse(format!("grant_type {}", field("grant_type")));
    }
    // A code is used once.
    let Some(grant) = p.grants.lock().unwrap().remove(&field("code")) else {
        return refuse(format!("unknown code {}", field("code")));
    };
    if field("redirect_uri") != grant.redirect_uri {
        return refuse(format!("redirect_uri {}", field("redirect_uri")));
    }
    let verifier = PkceCodeVerifier::new(field("code_verifier"));
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&verifier);
    if challenge.as_str() != grant.challenge {
        return refuse("the PKCE verifier does not match the challenge".into());
    }
    let t = grant.token;
    let now = Utc::now();
    let (issued, expires) = if t.expired {
        (
            now - chrono::Duration::hours(2),
            now - chrono::Duration::hours(1),
        )
    } else {
        (now, now + chrono::Duration::minutes(5))
    };
    let claims = IdTokenClaims::<EmptyAdditionalClaims, CoreGenderClaim>::new(
        IssuerUrl::new(t.issuer.unwrap_or_else(|| p.issuer.clone())).unwrap(),
        vec![Audience::new(
            t.audience.unwrap_or_else(|| CLIENT_ID.into()),
        )],
        expires,
        issued,
        StandardClaims::new(SubjectIdentifier::new("pairwise-subject-1".into()))
            .set_email(t.email.map(EndUserEmail::new))
            .set_email_verified(t.email_verified),
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(t.nonce.unwrap_or(grant.nonce))));
    let access = AccessToken::new("access-token-for-tests".into());
    let signer = if t.other_key { &p.other } else { &p.key };
    let id_token = CoreIdToken::new(
        claims,
        signer,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&access),
        None,
    )
    .unwrap();
    axum::Json(json!({
        "access_token": access.secret(),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

/// The application on the demo data, with users who have addresses, and the fake provider.
struct Site {
    rt: tokio::runtime::Runtime,
    base: String,
    url: String,
    provider: Arc<Provider>,
    db: data::Db,
}

/// What the application answered: status, `Location`, `Set-Cookie` values, page text.
struct Answer {
    status: u16,
    location: String,
    cookies: Vec<String>,
    body: String,
}

impl Answer {
    /// The `NAME=VALUE` of a cookie set, if set with a value.
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(|c| c.split(';').next().unwrap().to_owned())
            .filter(|c| c.len() > name.len() + 1)
    }

    fn set_cookie(&self, name: &str) -> &str {
        self.cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map_or("", String::as_str)
    }
}

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn unescape(html: &str) -> String {
    html.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

impl Site {
    /// `issuer`: `None` for the fake provider; `Some(..)` for another (unreachable) one.
    fn start(b: &Backend, issuer: Option<&str>) -> Site {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let as_of = rt
            .block_on(cli::demo::load_into(&b.url, "demo"))
            .expect("the demo data loads");
        let users: [&[&str]; 3] = [
            &[
                "user",
                "add",
                "jan",
                "--role",
                "coordinator",
                "--authority",
                "BE",
                // In another case than the provider gives it.
                "--email",
                "Jan.Peeters@Environnement.Brussels",
            ],
            &[
                "user",
                "add",
                "lea",
                "--role",
                "reader",
                "--user-lang",
                "nl",
                "--email",
                "lea@parlement.brussels",
            ],
            &["user", "disable", "lea"],
        ];
        for args in users {
            ok(&b.url, args);
        }
        let provider_listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let provider = Arc::new(Provider {
            issuer: format!(
                "http://{}/tenant/v2.0",
                provider_listener.local_addr().unwrap()
            ),
            grants: Mutex::new(HashMap::new()),
            key: key("provider-key.pem"),
            other: key("other-key.pem"),
            token_requests: AtomicUsize::new(0),
            refused: Mutex::new(Vec::new()),
        });
        let routes = provider_routes(provider.clone());
        rt.spawn(async move { axum::serve(provider_listener, routes).await });

        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let public = url::Url::parse(&base).unwrap();
        let issuer = issuer.unwrap_or(&provider.issuer);
        let config = web::Config {
            secure_cookies: false,
            password_cost: web::PasswordCost::cheap(),
            today: Some(as_of),
            oidc: Some(
                web::OidcConfig::new(issuer, CLIENT_ID, CLIENT_SECRET, Some(&public)).unwrap(),
            ),
            public_url: Some(public),
            ..Default::default()
        };
        let settings = data::ConnectSettings {
            max_connections: 4,
            ..Default::default()
        };
        let db = rt.block_on(data::connect_with(&b.url, &settings)).unwrap();
        let server_db = db.clone();
        rt.spawn(async move {
            web::serve(listener, server_db, config, std::future::pending())
                .await
                .expect("the server runs");
        });
        Site {
            rt,
            base,
            url: b.url.clone(),
            provider,
            db,
        }
    }

    fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        self.rt.block_on(async {
            let mut req = client().get(format!("{}{path}", self.base));
            if let Some(c) = cookie {
                req = req.header("Cookie", c);
            }
            let r = req.send().await.unwrap();
            let header = |name: &str| {
                r.headers()
                    .get_all(name)
                    .iter()
                    .filter_map(|v| v.to_str().ok().map(str::to_owned))
                    .collect::<Vec<_>>()
            };
            let location = header("location").pop().unwrap_or_default();
            let cookies = header("set-cookie");
            let status = r.status().as_u16();
            Answer {
                status,
                location,
                cookies,
                body: unescape(&r.text().await.unwrap()),
            }
        })
    }

    /// The first half: the sign-in page's button sends the browser to the provider. Returns
    /// the flow cookie and the authorization request's parameters.
    fn begin(&self, lang: &str) -> (String, HashMap<String, String>) {
        let a = self.get(
            &format!("/signin/oidc?lang={lang}&next=%2Fdirectives"),
            None,
        );
        assert_eq!(a.status, 303, "{}", a.body);
        let to = url::Url::parse(&a.location).unwrap();
        assert_eq!(
            to.as_str().split('?').next().unwrap(),
            format!(
                "{}/oauth2/v2.0/authorize",
                self.provider.issuer.trim_end_matches("/v2.0")
            )
        );
        let flow = a.cookie("scoreboard_oidc").expect("the flow cookie");
        let set = a.set_cookie("scoreboard_oidc");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/oidc", "Max-Age=600"] {
            assert!(set.contains(attribute), "{set}");
        }
        (flow, to.query_pairs().into_owned().collect())
    }

    /// The provider authenticates someone for this authorization request: the code it sends
    /// the browser back with.
    fn authenticate(&self, request: &HashMap<String, String>, token: Token) -> String {
        assert_eq!(request["response_type"], "code");
        assert_eq!(request["client_id"], CLIENT_ID);
        assert_eq!(
            request["redirect_uri"],
            format!("{}/oidc/callback", self.base)
        );
        assert_eq!(request["code_challenge_method"], "S256");
        let scopes: Vec<&str> = request["scope"].split(' ').collect();
        assert!(
            scopes.contains(&"openid") && scopes.contains(&"email"),
            "{scopes:?}"
        );
        let code = format!("code-{}", self.provider.grants.lock().unwrap().len() + 1);
        let code = format!("{code}-{}", request["state"]);
        self.provider.grants.lock().unwrap().insert(
            code.clone(),
            Grant {
                token,
                nonce: request["nonce"].clone(),
                challenge: request["code_challenge"].clone(),
                redirect_uri: request["redirect_uri"].clone(),
            },
        );
        code
    }

    /// A whole sign-in with the token the provider gives, in `lang`: the callback's answer.
    fn sign_in(&self, lang: &str, token: Token) -> Answer {
        let (flow, request) = self.begin(lang);
        let code = self.authenticate(&request, token);
        self.get(
            &format!("/oidc/callback?code={code}&state={}", request["state"]),
            Some(&flow),
        )
    }

    fn sessions(&self) -> u64 {
        self.rt
            .block_on(web_session::Entity::find().count(&self.db))
            .unwrap()
    }

    /// The sign-in attempts recorded under this login: (failed, succeeded).
    fn attempts(&self, login: &str) -> (usize, usize) {
        let rows = self
            .rt
            .block_on(
                sign_in_attempt::Entity::find()
                    .filter(sign_in_attempt::Column::Login.eq(login))
                    .all(&self.db),
            )
            .unwrap();
        let ok = rows.iter().filter(|r| r.succeeded).count();
        (rows.len() - ok, ok)
    }

    /// Every row but the sign-in attempts: a refused sign-in writes nothing else.
    fn rows(&self) -> Vec<String> {
        dump(&self.url)
            .into_iter()
            .filter(|l| !l.starts_with("sign_in_attempt:"))
            .collect()
    }

    fn finish(self) {
        self.rt.block_on(async { self.db.close().await.ok() });
        self.rt.shutdown_timeout(Duration::from_secs(5));
    }
}

fn good(email: &str) -> Token {
    Token {
        email: Some(email.into()),
        email_verified: Some(true),
        ..Default::default()
    }
}

/// A refused sign-in: the status, the page saying why (with `says` in it), the flow cookie
/// removed, and no session.
fn refused(site: &Site, answer: &Answer, status: u16, says: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert!(answer.body.contains(says), "{says} in {}", answer.body);
    assert!(answer.cookie("scoreboard_session").is_none());
    assert!(
        answer.set_cookie("scoreboard_oidc").contains("Max-Age=0"),
        "{:?}",
        answer.cookies
    );
    assert_eq!(site.sessions(), 0);
}

#[test]
fn a_known_address_signs_in_and_an_unknown_or_disabled_one_is_refused() {
    on_each_backend(|b| {
        let site = Site::start(b, None);
        // The button on the sign-in page, in the page's language, keeping where to go next.
        let page = site.get("/signin?lang=nl&next=%2Fcases", None);
        assert!(
            page.body.contains(
                r#"id="organisation" href="/signin/oidc?lang=nl&next=%2Fcases">Aanmelden met het account van de organisatie"#
            ),
            "{}",
            page.body
        );

        // Refused, nothing created: an address no user has, a disabled user's, an address the
        // provider says is not verified, a token without an address.
        let before = site.rows();
        let a = site.sign_in("fr", good("nobody@example.brussels"));
        refused(
            &site,
            &a,
            403,
            "Aucun compte actif de cette application n'a l'adresse nobody@example.brussels. Demandez à la cellule Affaires européennes",
        );
        assert_eq!(site.attempts("nobody@example.brussels"), (1, 0));
        let a = site.sign_in("nl", good("LEA@parlement.brussels"));
        refused(
            &site,
            &a,
            403,
            "Geen actief account van deze toepassing heeft het adres LEA@parlement.brussels. Vraag de Cel Europese Zaken",
        );
        let a = site.sign_in(
            "fr",
            Token {
                email_verified: Some(false),
                ..good(JAN)
            },
        );
        refused(&site, &a, 403, "n'a pas vérifié l'adresse jan.peeters@");
        let a = site.sign_in("fr", Token::default());
        refused(&site, &a, 403, "ne communique pas d'adresse e-mail");
        assert_eq!(site.rows(), before, "a refused sign-in creates nothing");
        assert_eq!(site.attempts("jan"), (0, 0));

        // Jan's address (in another case; `email_verified` may be absent): a new session, the
        // cookie of a password sign-in, the attempt recorded, back to the page asked for.
        let a = site.sign_in(
            "nl",
            Token {
                email_verified: None,
                ..good(JAN)
            },
        );
        assert_eq!(
            (a.status, a.location.as_str()),
            (303, "/directives"),
            "{}",
            a.body
        );
        let session = a.cookie("scoreboard_session").expect("a session cookie");
        let set = a.set_cookie("scoreboard_session");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800"] {
            assert!(set.contains(attribute), "{set}");
        }
        assert!(a.set_cookie("scoreboard_oidc").contains("Max-Age=0"));
        assert_eq!(site.sessions(), 1);
        assert_eq!(site.attempts("jan"), (0, 1));
        let home = site.get("/", Some(&session));
        assert_eq!(home.status, 200);
        assert!(
            home.body.contains("Connecté : jan (coordinateur)"),
            "{}",
            home.body
        );
        assert_eq!(site.get("/directives", Some(&session)).status, 200);

        // A second sign-in in the same browser ends the session it had.
        let (flow, request) = site.begin("fr");
        let code = site.authenticate(&request, good(JAN));
        let a = site.get(
            &format!("/oidc/callback?code={code}&state={}", request["state"]),
            Some(&format!("{flow}; {session}")),
        );
        assert_eq!(a.status, 303);
        assert_eq!(site.sessions(), 1, "the old session ended");
        assert_eq!(site.get("/", Some(&session)).status, 303);
        site.finish();
    });
}

#[test]
fn forged_or_replayed_answers_are_refused() {
    on_each_backend(|b| {
        let site = Site::start(b, None);
        let failed = "n'a pas pu être vérifiée";
        let tokens = || site.provider.token_requests.load(Ordering::SeqCst);

        // A state other than the one the browser was sent with: refused before any token
        // request.
        let (flow, request) = site.begin("fr");
        let code = site.authenticate(&request, good(JAN));
        let a = site.get(
            &format!("/oidc/callback?code={code}&state=forged"),
            Some(&flow),
        );
        refused(&site, &a, 403, failed);
        // No flow cookie (another browser, or one older than 10 minutes), or one cut short or
        // with a character a secret never has.
        let callback = format!("/oidc/callback?code={code}&state={}", request["state"]);
        let (state, rest) = flow.split_once('.').unwrap();
        for cookie in [
            None,
            Some(state.to_owned()),
            Some(format!("{state}.{}", rest.replacen('.', "%20.", 1))),
        ] {
            let a = site.get(&callback, cookie.as_deref());
            refused(&site, &a, 403, failed);
        }
        assert_eq!(tokens(), 0, "no token request for an answer not trusted");
        assert_eq!(site.attempts("(openid connect)"), (4, 0));

        // The provider's own refusal (the person cancelled).
        let (flow, request) = site.begin("nl");
        let a = site.get(
            &format!(
                "/oidc/callback?error=access_denied&error_description=cancelled&state={}",
                request["state"]
            ),
            Some(&flow),
        );
        refused(&site, &a, 403, "kon niet worden gecontroleerd");

        // Tokens that fail verification: a wrong nonce, another key under the published key's
        // id, expired, for another client, from another issuer.
        let cases: [(&str, Token); 5] = [
            (
                "another nonce",
                Token {
                    nonce: Some("another-nonce".into()),
                    ..good(JAN)
                },
            ),
            (
                "another key",
                Token {
                    other_key: true,
                    ..good(JAN)
                },
            ),
            (
                "expired",
                Token {
                    expired: true,
                    ..good(JAN)
                },
            ),
            (
                "another audience",
                Token {
                    audience: Some("another-client".into()),
                    ..good(JAN)
                },
            ),
            (
                "another issuer",
                Token {
                    issuer: Some("https://login.example.org/other/v2.0".into()),
                    ..good(JAN)
                },
            ),
        ];
        for (what, token) in cases {
            eprintln!("-- a token refused: {what}");
            let before = tokens();
            let a = site.sign_in("fr", token);
            refused(&site, &a, 403, failed);
            assert_eq!(tokens(), before + 1, "{what}: the code was exchanged");
            assert!(site.provider.refused.lock().unwrap().is_empty(), "{what}");
        }

        // A flow cookie whose PKCE verifier was changed: the provider refuses the code.
        let (flow, request) = site.begin("fr");
        let code = site.authenticate(&request, good(JAN));
        let (name_and_state, rest) = flow.split_once('.').unwrap();
        let (nonce, rest) = rest.split_once('.').unwrap();
        let (_, rest) = rest.split_once('.').unwrap();
        let tampered = format!("{name_and_state}.{nonce}.{}.{rest}", "A".repeat(43));
        let a = site.get(
            &format!("/oidc/callback?code={code}&state={}", request["state"]),
            Some(&tampered),
        );
        refused(&site, &a, 403, failed);
        assert_eq!(
            site.provider.refused.lock().unwrap().as_slice(),
            ["the PKCE verifier does not match the challenge"]
        );

        // A page elsewhere written into the flow cookie: back to this site's home instead.
        let (flow, request) = site.begin("fr");
        let code = site.authenticate(&request, good(JAN));
        let callback = format!("/oidc/callback?code={code}&state={}", request["state"]);
        let elsewhere = format!(
            "{}.https%3A%2F%2Fevil.example%2F",
            flow.rsplit_once('.').unwrap().0
        );
        let a = site.get(&callback, Some(&elsewhere));
        assert_eq!((a.status, a.location.as_str()), (303, "/"), "{}", a.body);
        // The same answer twice: the code was used (and the browser's flow cookie removed).
        let replay = site.get(&callback, Some(&flow));
        assert_eq!(replay.status, 403, "{}", replay.body);
        assert!(replay.cookie("scoreboard_session").is_none());
        assert_eq!(site.attempts("jan"), (0, 1));
        site.finish();
    });
}

#[test]
fn the_button_shows_only_when_configured_and_settings_are_checked() {
    on_each_backend(|b| {
        // A provider that does not answer: a page saying so (502), in the flow's language.
        let site = Site::start(b, Some("http://127.0.0.1:1/tenant/v2.0"));
        let a = site.get("/signin/oidc?lang=fr", None);
        assert_eq!(a.status, 502, "{}", a.body);
        assert!(
            a.body
                .contains("Le service de connexion de l'organisation ne répond pas")
        );
        site.finish();

        // Without the settings, no button and no routes.
        let rt = tokio::runtime::Runtime::new().unwrap();
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let db = rt.block_on(data::connect(&b.url)).unwrap();
        let config = web::Config {
            secure_cookies: false,
            ..Default::default()
        };
        rt.spawn(web::serve(
            listener,
            db.clone(),
            config,
            std::future::pending(),
        ));
        let (page, start) = rt.block_on(async {
            let page = client().get(format!("{base}/signin")).send().await.unwrap();
            assert_eq!(page.status(), 200);
            let start = client()
                .get(format!("{base}/signin/oidc"))
                .send()
                .await
                .unwrap()
                .status();
            (page.text().await.unwrap(), start.as_u16())
        });
        assert!(page.contains("id=\"signin\""), "{page}");
        assert!(!page.contains("organisation"), "{page}");
        assert_eq!(start, 404);
        rt.block_on(async { db.close().await.ok() });
        rt.shutdown_timeout(Duration::from_secs(5));

        // `serve` refuses settings it cannot use before listening.
        let https = "https://login.example.org/tenant/v2.0";
        for (args, says) in [
            (
                vec!["serve", "--oidc-issuer", https],
                "--oidc-issuer https://login.example.org/tenant/v2.0: give the client id too",
            ),
            (
                vec![
                    "serve",
                    "--oidc-issuer",
                    "http://login.example.org",
                    "--oidc-client-id",
                    "x",
                ],
                "SCOREBOARD_OIDC_CLIENT_SECRET",
            ),
        ] {
            let run = scoreboard(&b.url, &args);
            assert_eq!(run.code, cli::EXIT_REFUSED, "{args:?}");
            assert!(run.err.contains(says), "{args:?}: {}", run.err);
        }
    });
}

#[test]
fn unusable_provider_settings_are_refused_with_the_reason() {
    let public = url::Url::parse("https://scoreboard.example.brussels/").unwrap();
    let c = web::OidcConfig::new(
        "https://login.example.org/tenant/v2.0",
        "app",
        "s3cret",
        Some(&public),
    )
    .unwrap();
    assert_eq!(
        c.redirect_url().as_str(),
        "https://scoreboard.example.brussels/oidc/callback"
    );
    assert!(!format!("{c:?}").contains("s3cret"), "{c:?}");
    let check = |issuer: &str, id: &str, secret: &str, public: Option<&url::Url>, says: &str| {
        let e = web::OidcConfig::new(issuer, id, secret, public).unwrap_err();
        assert!(e.to_string().contains(says), "{issuer}: {e}");
    };
    let p = Some(&public);
    check("login.example.org", "app", "s", p, "cannot be read");
    check("ftp://login.example.org", "app", "s", p, "cannot be read");
    check("http://login.example.org", "app", "s", p, "is not https");
    check(
        "https://login.example.org",
        " ",
        "s",
        p,
        "client id is empty",
    );
    check(
        "https://login.example.org",
        "app",
        "",
        p,
        "client secret is empty",
    );
    check(
        "https://login.example.org",
        "app",
        "s",
        None,
        "--public-url",
    );
    assert!(web::OidcConfig::new("http://127.0.0.1:9/", "app", "s", p).is_ok());
}
