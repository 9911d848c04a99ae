//! The network, in one place: the only module of the tool that sends a request.
//!
//! A [`Fetcher`] sends requests the way a government network and a public service expect:
//! timeouts (connect and total), at most [`MAX_TRIES`] tries with exponential backoff on
//! timeouts, failed connections and 5xx answers (never on 4xx: asking again will not help), no
//! more than 2 requests a second, a User-Agent naming the tool and a contact, and the proxy of
//! `HTTPS_PROXY` / `HTTP_PROXY` (honoured by reqwest, with `NO_PROXY`; a loopback address never
//! goes through a proxy). Every answer it uses is kept in a cache folder with a `.json` sidecar
//! (method, URL, request body, time, status), so an import can be replayed (`--offline`) and
//! audited.
//!
//! The async client runs inside the command's tokio runtime (reqwest's blocking client cannot).
//! TLS is rustls with the ring provider, which sqlx already builds: reqwest's default provider,
//! aws-lc, would add the slowest build script of the whole tree (~80 s) for no gain here.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use chrono::Utc;
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Tries of one request, the first included.
pub const MAX_TRIES: u32 = 3;

/// How the fetcher behaves; the defaults suit the real services, tests shorten the waits.
#[derive(Clone, Debug)]
pub struct NetOptions {
    pub connect_timeout: Duration,
    /// The whole request, answer included.
    pub timeout: Duration,
    /// Between the starts of two requests: 500 ms is 2 requests a second.
    pub min_interval: Duration,
    /// The wait before the second try; doubled before each next one.
    pub retry_wait: Duration,
    /// Where answers are kept.
    pub cache: PathBuf,
    /// Answer from the cache only.
    pub offline: bool,
    /// Who to contact about the requests, named in the User-Agent.
    pub contact: String,
}

/// One request, as sent and as kept in the cache.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: Method,
    pub url: String,
    /// The body sent with a POST, and its `Content-Type`.
    pub body: Option<String>,
    pub content_type: &'static str,
    pub accept: &'static str,
    /// The language asked for, when the service answers in several (CELLAR's three-letter codes).
    pub accept_language: Option<&'static str>,
    /// What the request asks, readable (a SPARQL query), kept in the sidecar for audit.
    pub readable: Option<String>,
    /// What the request is about in a few words ("decisions of 2021-03"), named in every message
    /// about it: several requests may go to the same address with different bodies.
    pub about: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

impl Request {
    /// A SPARQL query sent as an HTML form (POST), which has no length limit, unlike a GET URL.
    /// `format=` repeats the `Accept` header in the form: one public tool reports CELLAR's HTML
    /// query editor coming back without it (`../shared/design/SERVICES.md`, "CELLAR").
    pub fn sparql(endpoint: &str, query: &str) -> Request {
        Request {
            method: Method::Post,
            url: endpoint.to_owned(),
            body: Some(
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("query", query)
                    .append_pair("format", "application/sparql-results+json")
                    .finish(),
            ),
            content_type: "application/x-www-form-urlencoded",
            accept: "application/sparql-results+json",
            accept_language: None,
            readable: Some(query.to_owned()),
            about: None,
        }
    }

    /// A JSON body sent with POST, answered in JSON; `about` says what it asks, for messages.
    pub fn json(url: String, body: &serde_json::Value, about: String) -> Request {
        Request {
            method: Method::Post,
            url,
            body: Some(body.to_string()),
            content_type: "application/json",
            accept: "application/json",
            accept_language: None,
            readable: None,
            about: Some(about),
        }
    }

    /// A text as XHTML (GET) in a language: CELLAR's texts by CELEX number.
    pub fn text(url: String, language: &'static str, about: String) -> Request {
        Request {
            method: Method::Get,
            url,
            body: None,
            content_type: "",
            accept: "application/xhtml+xml",
            accept_language: Some(language),
            readable: None,
            about: Some(about),
        }
    }

    /// The address, and what is asked there when the body says it: for messages.
    fn target(&self) -> String {
        match &self.about {
            Some(about) => format!("{} ({about})", self.url),
            None => self.url.clone(),
        }
    }

    /// The name of its cache folder: the same request always lands in the same folder.
    fn key(&self) -> String {
        let mut h = Sha256::new();
        h.update(match self.method {
            Method::Get => "GET\n",
            Method::Post => "POST\n",
        });
        h.update(&self.url);
        h.update("\n");
        h.update(self.body.as_deref().unwrap_or(""));
        if let Some(language) = self.accept_language {
            h.update("\n");
            h.update(language);
        }
        hex::encode(&h.finalize()[..12])
    }
}

/// What the cache keeps beside each answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct Sidecar {
    pub source: String,
    pub method: Method,
    pub url: String,
    pub request_body: Option<String>,
    pub query: Option<String>,
    pub fetched_at: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub sha256: String,
}

/// Sends requests for one source (named in every message) and keeps their answers.
pub struct Fetcher {
    source: String,
    client: Option<reqwest::Client>,
    opts: NetOptions,
    last_start: Option<tokio::time::Instant>,
    /// Requests sent over the network (tries included), and answers read from the cache.
    pub sent: usize,
    pub from_cache: usize,
    pub progress: ProgressBar,
}

/// Whether the URL's host is this machine (tests, a local mirror): such requests skip the proxy.
pub fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The proxy reqwest will use for a URL, as the environment gives it (for messages only).
fn proxy_for(url: &str) -> Option<String> {
    if is_loopback(url) {
        return None;
    }
    let names: &[&str] = if url.starts_with("https:") {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    names
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
}

fn user_agent(contact: &str) -> String {
    format!(
        "scoreboard/{} (EU law transposition scoreboard of the Brussels-Capital Region; contact: {contact})",
        env!("CARGO_PKG_VERSION")
    )
}

/// A progress bar on the terminal; hidden when the output goes to a file, a pipe or a test.
pub fn progress_bar(len: u64) -> ProgressBar {
    if std::io::stdout().is_terminal() {
        let bar = ProgressBar::new(len);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    }
}

/// What went wrong with one try, and whether another try may help.
enum Failure {
    /// Worth another try, after at least the wait the server asked for (`Retry-After`), if any.
    Retry(String, Option<Duration>),
    Final(String),
}

/// The longest `Retry-After` the tool honours: a server asking for more is answered by giving up
/// after the usual tries rather than by hanging.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// The wait a `Retry-After` header asks for, in its seconds form (RFC 9110 10.2.3); the date form
/// and anything unreadable leave the tool's own back-off.
pub fn retry_after(value: Option<&str>) -> Option<Duration> {
    let seconds: u64 = value?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

impl Fetcher {
    /// `endpoint` is the address the requests will go to (a loopback one skips the proxy).
    pub fn new(source: &str, endpoint: &str, opts: NetOptions) -> anyhow::Result<Fetcher> {
        let client = if opts.offline {
            None
        } else {
            // reqwest is built without a default TLS provider; install ring once per process.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let mut builder = reqwest::Client::builder()
                .user_agent(user_agent(&opts.contact))
                .connect_timeout(opts.connect_timeout)
                .timeout(opts.timeout);
            if is_loopback(endpoint) {
                builder = builder.no_proxy();
            }
            Some(
                builder
                    .build()
                    .with_context(|| format!("{source}: cannot set up the HTTP client"))?,
            )
        };
        Ok(Fetcher {
            source: source.to_owned(),
            client,
            opts,
            last_start: None,
            sent: 0,
            from_cache: 0,
            progress: ProgressBar::hidden(),
        })
    }

    fn folder(&self, req: &Request) -> PathBuf {
        let slug: String = self
            .source
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        self.opts.cache.join(slug.trim_matches('-')).join(req.key())
    }

    /// The answer's bytes: from the network (kept in the cache), or from the cache when offline.
    pub async fn fetch(&mut self, req: &Request) -> anyhow::Result<Vec<u8>> {
        let folder = self.folder(req);
        let Some(client) = self.client.clone() else {
            let body = latest_in(&folder).with_context(|| {
                format!(
                    "{}: --offline, and the cache {} holds no answer to {} {}{}: run the same command once without --offline",
                    self.source,
                    self.opts.cache.display(),
                    method_name(req.method),
                    req.target(),
                    req.readable.as_deref().map(|q| format!(" ({})", first_line_of_interest(q))).unwrap_or_default(),
                )
            })?;
            self.from_cache += 1;
            self.progress.inc(1);
            return Ok(body);
        };
        let mut wait = self.opts.retry_wait;
        let mut asked = Duration::ZERO;
        let mut last_problem = String::new();
        for attempt in 1..=MAX_TRIES {
            if attempt > 1 {
                tokio::time::sleep(wait.max(asked)).await;
                wait *= 2;
            }
            self.pace().await;
            self.sent += 1;
            match self.try_once(&client, req).await {
                Ok((status, content_type, body)) => {
                    self.keep(&folder, req, status, content_type, &body)?;
                    self.progress.inc(1);
                    return Ok(body);
                }
                Err(Failure::Final(problem)) => bail!("{}: {problem}", self.source),
                Err(Failure::Retry(problem, after)) => {
                    last_problem = problem;
                    asked = after.unwrap_or(Duration::ZERO);
                }
            }
        }
        Err(anyhow!(
            "{}: {last_problem} ({MAX_TRIES} tries); nothing was written",
            self.source
        ))
    }

    /// No more than one request start per `min_interval`.
    async fn pace(&mut self) {
        if let Some(last) = self.last_start {
            let next = last + self.opts.min_interval;
            tokio::time::sleep_until(next).await;
        }
        self.last_start = Some(tokio::time::Instant::now());
    }

    async fn try_once(
        &self,
        client: &reqwest::Client,
        req: &Request,
    ) -> Result<(u16, Option<String>, Vec<u8>), Failure> {
        let mut builder = match req.method {
            Method::Get => client.get(&req.url),
            Method::Post => client.post(&req.url),
        };
        builder = builder.header(reqwest::header::ACCEPT, req.accept);
        if let Some(language) = req.accept_language {
            builder = builder.header(reqwest::header::ACCEPT_LANGUAGE, language);
        }
        if let Some(body) = &req.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, req.content_type)
                .body(body.clone());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| self.network_failure(req, &e))?;
        let status = response.status();
        let asked = retry_after(
            response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
        );
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .bytes()
            .await
            .map_err(|e| self.network_failure(req, &e))?;
        let what = format!("{} answered HTTP {status}", req.target());
        if status.is_server_error() {
            return Err(Failure::Retry(
                format!("{what}, a fault on the server's side"),
                asked,
            ));
        }
        // Too many requests: the service asks to slow down, not to give up (SERVICES.md: treat
        // 429 like 503, wait, honour Retry-After).
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            return Err(Failure::Retry(format!("{what}, too many requests"), asked));
        }
        if status.is_client_error() {
            let detail = String::from_utf8_lossy(&body)
                .chars()
                .take(200)
                .collect::<String>();
            let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
            return Err(Failure::Final(format!(
                "{what}: the request was refused (check the address, or the service changed){}; nothing was written",
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(": {detail}")
                }
            )));
        }
        if !status.is_success() {
            return Err(Failure::Final(format!(
                "{what}, expected 200 OK; nothing was written"
            )));
        }
        Ok((status.as_u16(), content_type, body.to_vec()))
    }

    fn network_failure(&self, req: &Request, e: &reqwest::Error) -> Failure {
        let via = proxy_for(&req.url)
            .map(|p| format!(" through the proxy {p}"))
            .unwrap_or_default();
        let url = req.target();
        let secs = |d: Duration| format!("{:.1} s", d.as_secs_f64());
        if e.is_timeout() {
            Failure::Retry(
                format!(
                    "{url}{via} gave no complete answer within {} (timed out)",
                    secs(self.opts.timeout)
                ),
                None,
            )
        } else if e.is_connect() {
            Failure::Retry(
                format!(
                    "cannot connect to {url}{via} (down, or unreachable from this network): {}",
                    root_cause(e)
                ),
                None,
            )
        } else if e.is_builder() {
            Failure::Final(format!("{url} is not a usable address: {}", root_cause(e)))
        } else {
            Failure::Retry(
                format!("the connection to {url}{via} failed: {}", root_cause(e)),
                None,
            )
        }
    }

    /// Keeps an answer: `<cache>/<source>/<request key>/<time>.body` and `<time>.json`.
    fn keep(
        &self,
        folder: &Path,
        req: &Request,
        status: u16,
        content_type: Option<String>,
        body: &[u8],
    ) -> anyhow::Result<()> {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the cache folder {}", folder.display()))?;
        let now = Utc::now();
        let stamp = now.format("%Y%m%dT%H%M%S%.6fZ").to_string();
        let sidecar = Sidecar {
            source: self.source.clone(),
            method: req.method,
            url: req.url.clone(),
            request_body: req.body.clone(),
            query: req.readable.clone(),
            fetched_at: now.to_rfc3339(),
            status,
            content_type,
            sha256: hex::encode(Sha256::digest(body)),
        };
        let body_path = folder.join(format!("{stamp}.body"));
        std::fs::write(&body_path, body)
            .with_context(|| format!("cannot write {}", body_path.display()))?;
        let side_path = folder.join(format!("{stamp}.json"));
        std::fs::write(&side_path, serde_json::to_vec_pretty(&sidecar)?)
            .with_context(|| format!("cannot write {}", side_path.display()))?;
        Ok(())
    }
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Get => "GET",
        Method::Post => "POST",
    }
}

/// The line of a SPARQL query that says what it is about (its anchor), for messages.
fn first_line_of_interest(query: &str) -> String {
    query
        .lines()
        .map(str::trim)
        .find(|l| {
            l.starts_with("VALUES ?celex")
                || l.starts_with("VALUES ?directive_celex")
                || l.starts_with("FILTER(?date")
        })
        .unwrap_or("a query")
        .to_owned()
}

/// The newest answer kept in a request's cache folder.
fn latest_in(folder: &Path) -> anyhow::Result<Vec<u8>> {
    let entries =
        std::fs::read_dir(folder).with_context(|| format!("no folder {}", folder.display()))?;
    let newest = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "body"))
        .max()
        .ok_or_else(|| anyhow!("no answer in {}", folder.display()))?;
    std::fs::read(&newest).with_context(|| format!("cannot read {}", newest.display()))
}

/// The innermost error's message: "connection refused", not reqwest's wrapper text.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn retry_after_in_seconds_is_honoured_up_to_its_cap() {
        use std::time::Duration;
        assert_eq!(super::retry_after(Some("3")), Some(Duration::from_secs(3)));
        assert_eq!(super::retry_after(Some(" 0 ")), Some(Duration::ZERO));
        assert_eq!(
            super::retry_after(Some("86400")),
            Some(super::MAX_RETRY_AFTER)
        );
        assert_eq!(
            super::retry_after(Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            None
        );
        assert_eq!(super::retry_after(None), None);
    }

    use super::*;

    #[test]
    fn encodes_a_query_as_a_form_field() {
        let body = |query| {
            Request::sparql("http://x/sparql", query)
                .body
                .unwrap_or_default()
        };
        let format = "format=application%2Fsparql-results%2Bjson";
        assert_eq!(
            body("SELECT ?x WHERE { ?x a \"é\" }"),
            format!("query=SELECT+%3Fx+WHERE+%7B+%3Fx+a+%22%C3%A9%22+%7D&{format}")
        );
        // As the URL standard's form serializer (and a browser) writes it: `~` escaped too.
        assert_eq!(
            body("a-b_c.d~e\n"),
            format!("query=a-b_c.d%7Ee%0A&{format}")
        );
        // The service reads back the very query, `&`, `=`, `+` and `%` included.
        let query = "SELECT * { ?s ?p \"a&b=c+d%e\" } # ģ đ";
        let fields: Vec<(String, String)> = url::form_urlencoded::parse(body(query).as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            fields,
            [
                ("query".to_owned(), query.to_owned()),
                (
                    "format".to_owned(),
                    "application/sparql-results+json".to_owned()
                )
            ]
        );
    }

    #[test]
    fn tells_loopback_addresses() {
        for (url, expected) in [
            ("http://127.0.0.1:8080/sparql", true),
            ("http://localhost/x", true),
            ("http://[::1]:3000/", true),
            ("http://user@127.0.0.1/", true),
            ("https://publications.europa.eu/webapi/rdf/sparql", false),
            ("http://10.0.0.1/", false),
            ("not a url", false),
        ] {
            assert_eq!(is_loopback(url), expected, "{url}");
        }
    }

    #[test]
    fn the_same_request_has_the_same_cache_key_and_another_one_another() {
        let a = Request::sparql("http://x/sparql", "SELECT 1");
        let b = Request::sparql("http://x/sparql", "SELECT 2");
        assert_eq!(
            a.key(),
            Request::sparql("http://x/sparql", "SELECT 1").key()
        );
        assert_ne!(a.key(), b.key());
        let json = |body| Request::json("http://x/sparql".into(), &body, String::new());
        assert_ne!(a.key(), json(serde_json::json!({"page": 0})).key());
        assert_ne!(
            json(serde_json::json!({"page": 0})).key(),
            json(serde_json::json!({"page": 1})).key()
        );
    }

    #[test]
    fn the_user_agent_names_the_tool_and_a_contact() {
        let ua = user_agent("eu@example.org");
        assert!(
            ua.starts_with("scoreboard/") && ua.contains("contact: eu@example.org"),
            "{ua}"
        );
    }
}
