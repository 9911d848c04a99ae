//! A server of the web application on 127.0.0.1 for the web tests (`web.rs`, `web_proposals.rs`):
//! the demo data on a backend, a unit user, a coordinator of Bruxelles Environnement (BE), a
//! reader, their passwords and tokens, and the calls a browser or an API client makes.

use std::time::Duration;

use chrono::Utc;
use serde_json::Value;

use crate::{Backend, ok};

pub const PASSWORD: &str = "correct horse battery";

/// A server on the demo data of a backend, with a unit user, a coordinator of Bruxelles
/// Environnement (BE), a reader and their tokens.
pub struct Site {
    pub rt: tokio::runtime::Runtime,
    pub base: String,
    pub url: String,
    pub db: data::Db,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    tokens: std::collections::HashMap<&'static str, String>,
}

fn token_of(url: &str, login: &str) -> String {
    let out = ok(url, &["token", "add", login, "--label", "tests"]);
    out.lines()
        .last()
        .expect("the token's line")
        .trim()
        .to_owned()
}

impl Site {
    pub fn start(b: &Backend) -> Site {
        Site::start_with(b, |_| {})
    }

    pub fn start_with(b: &Backend, tweak: impl FnOnce(&mut web::Config)) -> Site {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let as_of = rt
            .block_on(cli::demo::load_into(&b.url, "demo"))
            .expect("the demo data loads");
        for args in [
            &["user", "add", "marie", "--role", "unit"][..],
            &[
                "user",
                "add",
                "jan",
                "--role",
                "coordinator",
                "--authority",
                "BE",
            ][..],
            &[
                "user",
                "add",
                "lea",
                "--role",
                "reader",
                "--user-lang",
                "nl",
            ][..],
        ] {
            ok(&b.url, args);
        }
        let settings = data::ConnectSettings {
            max_connections: 4,
            ..Default::default()
        };
        let db = rt.block_on(data::connect_with(&b.url, &settings)).unwrap();
        rt.block_on(async {
            let actor = data::Actor::new("tests", Utc::now());
            for login in ["marie", "jan", "lea"] {
                let hash = web::hash_password(PASSWORD, web::PasswordCost::cheap()).unwrap();
                data::users::set_password_hash(&db, &actor, login, hash)
                    .await
                    .unwrap();
            }
            // A case led by BE, so that the coordinator has one to answer.
            let f = data::repo::CaseFollowUp {
                lead: Some(Some("BE".into())),
                ..Default::default()
            };
            data::repo::set_case_follow_up(&db, &actor, "INFR(2020)0385", &f)
                .await
                .unwrap();
        });
        let tokens = ["marie", "jan", "lea"]
            .into_iter()
            .map(|l| (l, token_of(&b.url, l)))
            .collect();
        let mut config = web::Config {
            secure_cookies: false,
            password_cost: web::PasswordCost::cheap(),
            today: Some(as_of),
            ..Default::default()
        };
        tweak(&mut config);
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server_db = db.clone();
        rt.spawn(async move {
            web::serve(listener, server_db, config, async {
                let _ = stopped.await;
            })
            .await
            .expect("the server runs");
        });
        Site {
            rt,
            base,
            url: b.url.clone(),
            db,
            stop: Some(stop),
            tokens,
        }
    }

    pub fn client() -> reqwest::Client {
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap()
    }

    /// An API call as `login`: the status and the JSON body.
    pub fn api(
        &self,
        login: Option<&str>,
        method: &str,
        path: &str,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.rt.block_on(async {
            let mut req = Site::client().request(
                method.parse().unwrap(),
                format!("{}/api/v1{path}", self.base),
            );
            if let Some(l) = login {
                req = req.bearer_auth(&self.tokens[l]);
            }
            if let Some(v) = if_match {
                req = req.header("If-Match", v);
            }
            if let Some(b) = body {
                req = req
                    .header("Content-Type", "application/json")
                    .body(b.to_string());
            }
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let text = r.text().await.unwrap();
            (
                status,
                serde_json::from_str(&text).unwrap_or(Value::String(text)),
            )
        })
    }

    /// Signs in through the form; the session cookie.
    pub fn sign_in(&self, login: &str, password: &str) -> (u16, Option<String>) {
        self.rt.block_on(async {
            let r = Site::client()
                .post(format!("{}/signin", self.base))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(format!(
                    "login={login}&password={}&next=/",
                    password.replace(' ', "+")
                ))
                .send()
                .await
                .unwrap();
            let cookie = r
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("scoreboard_session="))
                .map(|v| v.split(';').next().unwrap().to_owned());
            (r.status().as_u16(), cookie)
        })
    }

    pub fn cookie(&self, login: &str) -> String {
        let (status, cookie) = self.sign_in(login, PASSWORD);
        assert_eq!(status, 303, "{login} signs in");
        cookie.expect("a session cookie")
    }

    /// A page as the holder of `cookie`: the status, the redirect and the body.
    pub fn get(&self, cookie: Option<&str>, path: &str) -> (u16, String, String) {
        self.rt.block_on(async {
            let mut req = Site::client().get(format!("{}{path}", self.base));
            if let Some(c) = cookie {
                req = req.header("Cookie", c);
            }
            page(req).await
        })
    }

    /// A form post as the holder of `cookie`, with extra headers.
    pub fn post(
        &self,
        cookie: &str,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> (u16, String, String) {
        self.rt.block_on(async {
            let body: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            let mut req = Site::client()
                .post(format!("{}{path}", self.base))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            page(req).await
        })
    }

    /// The history rows of a record written by `user` for `field`.
    pub fn history(
        &self,
        key: &str,
        user: &str,
        field: &str,
    ) -> Vec<(Option<String>, Option<String>)> {
        self.rt
            .block_on(data::repo::history_of(&self.db, key))
            .unwrap()
            .into_iter()
            .filter(|h| h.user_name == user && h.field == field)
            .map(|h| (h.old_value, h.new_value))
            .collect()
    }

    pub fn version(&self, path: &str) -> String {
        let (status, body) = self.api(Some("marie"), "GET", path, None, None);
        assert_eq!(status, 200, "{path}: {body}");
        format!("\"{}\"", body["version"])
    }

    pub fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.rt.block_on(async { self.db.close().await.ok() });
        self.rt.shutdown_timeout(Duration::from_secs(5));
    }
}

/// A page's answer: the status, where it redirects, and its text.
pub async fn page(req: reqwest::RequestBuilder) -> (u16, String, String) {
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, location, unescape(&r.text().await.unwrap()))
}

/// The page's text with the entities minijinja writes turned back into characters.
pub fn unescape(html: &str) -> String {
    html.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text of `text` between the first `start` and the `end` after it.
pub fn between(text: &str, start: &str, end: &str) -> String {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the page"))
        + start.len();
    text[from..][..text[from..].find(end).unwrap()].to_owned()
}

/// The database is as `before` (a `tests::dump`): the rows that differ are shown, not the whole
/// dump.
pub fn same(url: &str, before: &[String], what: &str) {
    let after = crate::dump(url);
    let (old, now): (
        std::collections::HashSet<&String>,
        std::collections::HashSet<&String>,
    ) = (before.iter().collect(), after.iter().collect());
    let gone: Vec<&&String> = old.difference(&now).collect();
    let new: Vec<&&String> = now.difference(&old).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "{what}: gone {gone:#?}, new {new:#?}"
    );
}
