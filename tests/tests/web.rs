//! The web application through HTTP on 127.0.0.1, on the demo data, on each backend: every role
//! against every kind of edit (allowed and refused), the API's answers (401, 403, 412, 422, 428,
//! 200), the version conflict on a page, an expired session, a cross-site post, a disabled user,
//! the sign-in limit, the undo, the calendar address, the downloads.

use std::time::Duration;

use chrono::Utc;
use data::entity::web_session;
use sea_orm::{ConnectionTrait, EntityTrait, Statement};
use serde_json::{Value, json};
use tests::site::{PASSWORD, Site, between};
use tests::{ok, on_each_backend, scoreboard};

/// BE leads 2018/851; BEE leads 2018/958 (the demo's division of work).
const OWN: &str = "/directives/32018L0851";
const OTHER: &str = "/directives/32018L0958";

#[test]
fn the_api_answers_401_403_404_412_422_428_and_200() {
    on_each_backend(|b| {
        let site = Site::start(b);
        // 401: no token, a wrong one.
        let (status, body) = site.api(None, "GET", "/directives", None, None);
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["error"], "unauthorized");
        let (status, _) = site.rt.block_on(async {
            let r = Site::client()
                .get(format!("{}/api/v1/directives", site.base))
                .bearer_auth("sbt_not-a-token")
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), ())
        });
        assert_eq!(status, 401);

        // 200: the list, and one directive with its version, as ETag too.
        let (status, list) = site.api(Some("lea"), "GET", "/directives", None, None);
        assert_eq!(status, 200);
        assert!(list.as_array().unwrap().len() >= 10, "{list}");
        let (status, one) = site.api(Some("jan"), "GET", OWN, None, None);
        assert_eq!(status, 200);
        assert_eq!(one["lead"], "BE");
        assert_eq!(one["number"], "2018/851");
        let v = site.version(OWN);
        let (status, by_number) = site.api(Some("jan"), "GET", "/directives/2018-851", None, None);
        assert_eq!((status, &by_number["celex"]), (200, &json!("32018L0851")));

        // 404 for a directive the database does not follow.
        let (status, body) = site.api(Some("jan"), "GET", "/directives/32017L0999", None, None);
        assert_eq!(status, 404, "{body}");

        // 428 without If-Match; 422 for an impossible date, naming the field.
        let change = json!({"planned": "31/02/2024"});
        let (status, body) = site.api(Some("jan"), "PATCH", OWN, None, Some(change.clone()));
        assert_eq!(status, 428, "{body}");
        let (status, body) = site.api(Some("jan"), "PATCH", OWN, Some(&v), Some(change));
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["field"], "planned");
        assert_eq!(body["found"], "31/02/2024");
        assert!(
            body["expected"].as_str().unwrap().contains("30/06/2024"),
            "{body}"
        );
        // A field the API does not know, or a number where text is expected: named, not dropped.
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            OWN,
            Some(&v),
            Some(json!({"colour": "red"})),
        );
        assert_eq!((status, &body["field"]), (422, &json!("colour")), "{body}");
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            OWN,
            Some(&v),
            Some(json!({"notes": 3})),
        );
        assert_eq!((status, &body["field"]), (422, &json!("notes")), "{body}");

        // 200: the coordinator changes its own directive; the history has it once, with its login.
        let change = json!({"planned": "T3 2024", "notes": "second reading in Parliament"});
        let (status, body) = site.api(Some("jan"), "PATCH", OWN, Some(&v), Some(change.clone()));
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["planned"], "T3 2024");
        assert_eq!(body["planned_on"], "2024-09-30");
        assert_eq!(
            site.history("32018L0851", "jan", "planned_text").len(),
            1,
            "one history row for the edit"
        );
        // 412: the same version again is stale, and the answer carries the record as it is now.
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            OWN,
            Some(&v),
            Some(json!({"notes": "late"})),
        );
        assert_eq!(status, 412, "{body}");
        assert_eq!(body["current"]["notes"], "second reading in Parliament");
        let (status, _) = site.api(
            Some("jan"),
            "PATCH",
            OWN,
            Some("\"abc\""),
            Some(json!({"notes": "x"})),
        );
        assert_eq!(status, 412);

        // 403: a directive another administration leads; a reader changes nothing.
        let other = site.version(OTHER);
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            OTHER,
            Some(&other),
            Some(json!({"notes": "x"})),
        );
        assert_eq!(status, 403, "{body}");
        assert!(body["message"].as_str().unwrap().contains("BE"), "{body}");
        let now = site.version(OWN);
        let (status, _) = site.api(
            Some("lea"),
            "PATCH",
            OWN,
            Some(&now),
            Some(json!({"notes": "x"})),
        );
        assert_eq!(status, 403);
        // The unit changes anything; clearing with null.
        let (status, body) = site.api(
            Some("marie"),
            "PATCH",
            OTHER,
            Some(&other),
            Some(json!({"risk": "no budget", "notes": null})),
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            (body["at_risk"].clone(), body["risk"].clone()),
            (json!(true), json!("no budget"))
        );
        assert_eq!(body["notes"], Value::Null, "null clears the notes");

        // Cases: the coordinator records the reply of the case BE leads; not of another one.
        let case = "/cases/INFR(2020)0385";
        let (status, c) = site.api(Some("jan"), "GET", case, None, None);
        assert_eq!(status, 200, "{c}");
        let cv = format!("\"{}\"", c["version"]);
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            case,
            Some(&cv),
            Some(json!({"reply_sent": "2020-13-01"})),
        );
        assert_eq!(
            (status, &body["field"]),
            (422, &json!("reply_sent")),
            "{body}"
        );
        let (status, body) = site.api(
            Some("jan"),
            "PATCH",
            case,
            Some(&cv),
            Some(json!({"reply_sent": "15/03/2021", "reply_entered": "2021-03-16"})),
        );
        assert_eq!(status, 200, "{body}");
        assert_ne!(
            format!("\"{}\"", body["version"]),
            cv,
            "the version moves with a reply"
        );
        assert!(
            body["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["reply_sent_on"] == "2021-03-15"),
            "{body}"
        );
        let (status, _) = site.api(
            Some("jan"),
            "PATCH",
            case,
            Some(&cv),
            Some(json!({"notes": "x"})),
        );
        assert_eq!(status, 412, "the old version is stale after the reply");
        let (status, others) = site.api(Some("jan"), "GET", "/cases", None, None);
        assert_eq!(status, 200);
        let foreign = others
            .as_array()
            .unwrap()
            .iter()
            .find(|c| {
                c["lead"].is_null() && c["directives"].as_array().is_none_or(|d| d.is_empty())
            })
            .expect("a case nobody leads");
        let path = format!("/cases/{}", foreign["number"].as_str().unwrap());
        let fv = format!("\"{}\"", foreign["version"]);
        let (status, _) = site.api(
            Some("jan"),
            "PATCH",
            &path,
            Some(&fv),
            Some(json!({"notes": "x"})),
        );
        assert_eq!(status, 403);

        // The OpenAPI document lists what is served.
        let (status, doc) = site.api(None, "GET", "/openapi.json", None, None);
        assert_eq!(status, 200);
        for p in [
            "/directives",
            "/directives/{celex}",
            "/cases",
            "/cases/{number}",
        ] {
            assert!(doc["paths"].get(p).is_some(), "{p}");
        }
        site.finish();
    });
}

#[test]
fn pages_follow_the_roles_and_refuse_conflicts_and_cross_site_posts() {
    on_each_backend(|b| {
        let site = Site::start(b);
        // Without a session: to the sign-in page.
        let (status, location, _) = site.get(None, "/directives");
        assert_eq!(
            (status, location.as_str()),
            (303, "/signin?next=%2Fdirectives")
        );
        let jan = site.cookie("jan");
        let (status, _, home) = site.get(Some(&jan), "/");
        assert_eq!(status, 200);
        assert!(
            home.contains("Bruxelles Environnement"),
            "the coordinator's administration"
        );
        assert!(home.contains("2018/851"), "its directives");

        // The coordinator edits its directive from the page.
        let (_, _, page) = site.get(Some(&jan), OWN);
        let version = between(&page, "name=\"version\" value=\"", "\"");
        let loaded = between(&page, "name=\"loaded\" value=\"", "\"");
        let form = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("planned", "juin 2024"),
            ("risk", ""),
            ("notes", "from the page"),
        ];
        let (status, location, _) = site.post(&jan, OWN, &form, &[("Origin", &site.base)]);
        assert_eq!(
            (status, location.as_str()),
            (303, "/directives/32018L0851?saved=1")
        );
        let (_, _, page) = site.get(Some(&jan), "/directives/32018L0851?saved=1");
        assert!(
            page.contains("juin 2024") && page.contains("Enregistré."),
            "saved and shown"
        );
        assert_eq!(site.history("32018L0851", "jan", "planned_text").len(), 1);

        // The same form again (its version is now stale): refused, the other change shown.
        let (status, _, conflict) = site.post(&jan, OWN, &form, &[]);
        assert_eq!(status, 409);
        assert!(
            conflict.contains("from the page"),
            "the change made since is shown: {conflict}"
        );

        // Another administration's directive, and a reader: refused.
        let (_, _, other) = site.get(Some(&jan), OTHER);
        assert!(
            !other.contains("id=\"edit\""),
            "no edit form outside one's rights"
        );
        let ov = between(&other, "data-version=\"", "\"");
        let (status, _, body) = site.post(&jan, OTHER, &[("version", &ov), ("notes", "x")], &[]);
        assert_eq!(status, 403);
        assert!(
            body.contains("de vos administrations (BE)"),
            "said in French: {body}"
        );
        // A value the page cannot read is named, in the reader's words, and nothing is written.
        let v = between(&site.get(Some(&jan), OWN).2, "data-version=\"", "\"");
        let (status, _, body) = site.post(
            &jan,
            OWN,
            &[("version", &v), ("planned", "31/02/2025")],
            &[],
        );
        assert_eq!(status, 422);
        assert!(
            body.contains("Date prévue") && body.contains("31/02/2025"),
            "{body}"
        );
        let lea = site.cookie("lea");
        let (_, _, read) = site.get(Some(&lea), OWN);
        assert!(
            read.contains("Geplande datum"),
            "the reader's pages are in Dutch"
        );
        let v = between(&read, "data-version=\"", "\"");
        let (status, _, _) = site.post(&lea, OWN, &[("version", &v), ("notes", "x")], &[]);
        assert_eq!(status, 403);

        // A post from another site's page is refused before anything is read or written.
        let marie = site.cookie("marie");
        let v = site.version(OWN).trim_matches('"').to_owned();
        let cross = [("version", v.as_str()), ("notes", "cross-site")];
        for headers in [
            &[("Origin", "https://evil.example")][..],
            &[("Sec-Fetch-Site", "cross-site")][..],
        ] {
            let (status, _, body) = site.post(&marie, OWN, &cross, headers);
            assert_eq!(status, 403, "{headers:?}: {body}");
        }
        assert!(site.history("32018L0851", "marie", "notes").is_empty());
        // The unit edits anything, and undoes a change from the history.
        let (status, _, _) = site.post(
            &marie,
            OTHER,
            &[("version", &ov), ("notes", "unit note")],
            &[("Sec-Fetch-Site", "same-origin")],
        );
        assert_eq!(status, 303);
        let row = site
            .rt
            .block_on(data::repo::history_of(&site.db, "32018L0851"))
            .unwrap()
            .into_iter()
            .rfind(|h| h.user_name == "jan" && h.field == "notes")
            .unwrap();
        let (status, _, _) = site.post(&jan, &format!("/history/{}/undo", row.id), &[], &[]);
        assert_eq!(status, 403, "only the unit undoes");
        let (status, location, _) =
            site.post(&marie, &format!("/history/{}/undo", row.id), &[], &[]);
        assert_eq!(
            (status, location.as_str()),
            (303, "/directives/32018L0851?undone=1")
        );
        let (_, body) = site.api(Some("marie"), "GET", OWN, None, None);
        assert_eq!(body["notes"], json!(row.old_value), "the notes are back");
        assert_eq!(
            site.history("32018L0851", "marie", "notes").len(),
            1,
            "the undo is in the history"
        );

        // A regional measure added from the page: kept with its kind and dates, in the history;
        // a kind or a date the form cannot read is refused and nothing is added.
        let measure = [
            ("kind", "government-decree"),
            ("title", "Arrêté d'exécution (page)"),
            ("adopted", "12/03/2024"),
            ("notified", "2024-03-20"),
        ];
        let (status, location, _) = site.post(&jan, &format!("{OWN}/measures"), &measure, &[]);
        assert_eq!(
            (status, location.as_str()),
            (303, "/directives/32018L0851?saved=1")
        );
        let (_, body) = site.api(Some("jan"), "GET", OWN, None, None);
        let added = body["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["title_fr"] == "Arrêté d'exécution (page)")
            .expect("the measure is there");
        assert_eq!(
            (
                added["kind"].clone(),
                added["adopted_on"].clone(),
                added["notified_on"].clone()
            ),
            (
                json!("government-decree"),
                json!("2024-03-12"),
                json!("2024-03-20")
            )
        );
        assert!(!site.history("32018L0851", "jan", "kind").is_empty());
        let before = body["measures"].as_array().unwrap().len();
        for bad in [
            [("kind", "decree"), ("adopted", "")],
            [("kind", "ordinance"), ("adopted", "30/02/2024")],
        ] {
            let (status, _, _) = site.post(&jan, &format!("{OWN}/measures"), &bad, &[]);
            assert_eq!(status, 422, "{bad:?}");
        }
        let (status, _, _) = site.post(&jan, &format!("{OTHER}/measures"), &measure, &[]);
        assert_eq!(status, 403);
        let (_, body) = site.api(Some("jan"), "GET", OWN, None, None);
        assert_eq!(
            body["measures"].as_array().unwrap().len(),
            before,
            "nothing added"
        );
        let (_, _, page) = site.get(Some(&jan), OWN);
        assert!(
            page.contains("arrêté du Gouvernement"),
            "the kind by its name"
        );

        // The lists filter and search.
        let (_, _, list) = site.get(Some(&marie), "/directives?q=2018%2F851");
        assert!(
            list.contains("2018/851") && !list.contains("2018/958"),
            "search"
        );
        let (_, _, list) = site.get(Some(&marie), "/directives?authority=BEE");
        assert!(
            list.contains("2018/958") && !list.contains(">2018/851<"),
            "filter"
        );
        for path in ["/cases", "/cases/INFR(2020)0385", "/changes", "/downloads"] {
            let (status, _, _) = site.get(Some(&marie), path);
            assert_eq!(status, 200, "{path}");
        }
        site.finish();
    });
}

#[test]
fn sessions_expire_disabled_users_are_out_and_sign_in_is_limited() {
    on_each_backend(|b| {
        let site = Site::start_with(b, |c| {
            c.sign_in.per_login = 3;
            c.sign_in.per_address = 6;
        });
        let jan = site.cookie("jan");
        assert_eq!(site.get(Some(&jan), "/").0, 200);
        // An expired session leads to the sign-in page.
        site.rt.block_on(async {
            let past = Utc::now() - chrono::Duration::minutes(1);
            web_session::Entity::update_many()
                .col_expr(
                    web_session::Column::ExpiresAt,
                    sea_orm::sea_query::Expr::value(past),
                )
                .exec(&site.db)
                .await
                .unwrap();
        });
        let (status, location, _) = site.get(Some(&jan), "/");
        assert_eq!((status, location.as_str()), (303, "/signin?next=%2F"));

        // A disabled user: its session and its token stop working, it cannot sign in.
        let lea = site.cookie("lea");
        ok(&site.url, &["user", "disable", "lea"]);
        assert_eq!(site.get(Some(&lea), "/").0, 303);
        assert_eq!(
            site.api(Some("lea"), "GET", "/directives", None, None).0,
            401
        );
        assert_eq!(site.sign_in("lea", PASSWORD).0, 401);
        ok(&site.url, &["user", "enable", "lea"]);
        assert_eq!(site.sign_in("lea", PASSWORD).0, 303);
        // A revoked token is refused.
        ok(&site.url, &["token", "revoke", "lea"]);
        assert_eq!(
            site.api(Some("lea"), "GET", "/directives", None, None).0,
            401
        );

        // Three wrong passwords for a login: the fourth attempt is refused, even the right one.
        for _ in 0..3 {
            assert_eq!(site.sign_in("marie", "wrong password!").0, 401);
        }
        let (status, cookie) = site.sign_in("marie", PASSWORD);
        assert_eq!((status, cookie), (429, None));
        // From the same address, other logins until the address's own limit: 6 failures (lea's
        // while disabled, marie's three, then these two).
        assert_eq!(site.sign_in("nobody", "wrong password!").0, 401);
        assert_eq!(site.sign_in("jan", "wrong password!").0, 401);
        assert_eq!(site.sign_in("jan", PASSWORD).0, 429, "the address's limit");
        site.finish();
    });
}

#[test]
fn calendars_downloads_and_health() {
    on_each_backend(|b| {
        let site = Site::start(b);
        assert_eq!(site.get(None, "/healthz").0, 200);
        assert_eq!(site.get(None, "/readyz").0, 200);
        let jan = site.cookie("jan");
        // A coordinator makes its administration's address (shown once) but not another's.
        let (status, _, page) = site.post(&jan, "/calendar", &[("authority", "BE")], &[]);
        assert_eq!(status, 200);
        let address = between(&page, "<code id=\"calendar-address\">", "</code>");
        let path = address.trim_start_matches(&site.base).to_owned();
        assert!(path.starts_with("/calendar/sbc_"), "{address}");
        let (status, _, ics) = site.get(None, &path);
        assert_eq!(status, 200);
        assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
        assert!(ics.contains("32018L0851"), "BE's directive: {ics}");
        assert!(!ics.contains("32018L0958"), "not BEE's");
        let (status, _, _) = site.post(&jan, "/calendar", &[("authority", "BEE")], &[]);
        assert_eq!(status, 403);
        // A new address replaces the old one.
        let out = ok(
            &site.url,
            &["calendar", "address", "BE", "--public-url", &site.base],
        );
        let newer = out
            .lines()
            .last()
            .unwrap()
            .trim()
            .trim_start_matches(&site.base)
            .to_owned();
        assert_eq!(
            site.get(None, &path).0,
            404,
            "the old address stops working"
        );
        assert_eq!(site.get(None, &newer).0, 200);

        for (file, starts) in [
            ("/downloads/tables.xlsx", &b"PK"[..]),
            ("/downloads/scoreboard.xlsx", b"PK"),
            ("/downloads/annual.docx", b"PK"),
            ("/downloads/deadlines.ics", b"BEGIN:VCALENDAR"),
            ("/downloads/scoreboard.html", b"<!"),
            ("/downloads/pack.xlsx", b"PK"),
        ] {
            let bytes = site.rt.block_on(async {
                Site::client()
                    .get(format!("{}{file}", site.base))
                    .header("Cookie", &jan)
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap()
            });
            assert!(bytes.starts_with(starts), "{file}");
        }
        site.finish();
    });
}

#[test]
fn user_and_token_commands_say_what_they_do() {
    on_each_backend(|b| {
        ok(&b.url, &["init"]);
        let refused = scoreboard(&b.url, &["user", "add", "x", "--role", "coordinator"]);
        assert_eq!(refused.code, 2);
        assert!(refused.err.contains("--authority"), "{}", refused.err);
        let refused = scoreboard(&b.url, &["user", "add", "x y", "--role", "unit"]);
        assert_eq!(refused.code, 2);
        assert!(refused.err.contains("login"), "{}", refused.err);
        let refused = scoreboard(&b.url, &["user", "add", "x", "--role", "admin"]);
        assert!(refused.err.contains("expected unit"), "{}", refused.err);
        ok(
            &b.url,
            &[
                "user",
                "add",
                "Anne",
                "--role",
                "coordinator",
                "--authority",
                "Bruxelles Environnement",
                "--email",
                "anne@environnement.brussels",
            ],
        );
        let again = scoreboard(&b.url, &["user", "add", "anne", "--role", "unit"]);
        assert_eq!(again.code, 2, "logins are compared in lower case");
        let list = ok(&b.url, &["--json", "user", "list"]);
        let users: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(users[0]["login"], "anne");
        assert_eq!(users[0]["authorities"], json!(["BE"]));
        assert!(users[0].get("password_hash").is_none(), "never shown");
        let out = ok(&b.url, &["token", "add", "anne"]);
        let token = out.lines().last().unwrap();
        assert!(token.starts_with("sbt_") && token.len() == 68, "{out}");
        let history = ok(&b.url, &["--json", "history", "anne"]);
        assert!(
            history.contains("\"api_token\""),
            "the token's making is in the history"
        );
        assert!(!history.contains(&token[4..]), "the token itself is not");
        let stored: Vec<String> = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let db = b.connect().await;
                let rows = db
                    .query_all_raw(Statement::from_string(
                        db.get_database_backend(),
                        "SELECT token_hash FROM api_token",
                    ))
                    .await
                    .unwrap();
                let hashes = rows
                    .iter()
                    .map(|r| r.try_get::<String>("", "token_hash").unwrap())
                    .collect();
                db.close().await.unwrap();
                hashes
            });
        assert_eq!(stored, vec![web::digest(token)], "only the digest is kept");
    });
}

/// A free port on the loopback interface, for chromedriver.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Debian's chromedriver and Chromium (installed by `.ci/run`); under CI their absence fails the
/// test, elsewhere it is said and the test stops.
fn browser_programs() -> Option<(&'static str, &'static str)> {
    let driver = "/usr/bin/chromedriver";
    let chromium = "/usr/bin/chromium";
    if std::path::Path::new(driver).exists() && std::path::Path::new(chromium).exists() {
        return Some((driver, chromium));
    }
    assert!(
        std::env::var("CI").is_err(),
        "CI: {driver} and {chromium} are needed for the browser test (.ci/run installs chromium and chromium-driver)"
    );
    eprintln!("skipped: {driver} or {chromium} missing (apt-get install chromium chromium-driver)");
    None
}

/// chromedriver, stopped when dropped.
struct Driver(std::process::Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// In a real browser: a coordinator signs in, sees its deadlines, changes a planned date, sees
/// it in the list and in the history, writes its administration's impact note on a proposal,
/// answers a campaign (a number it cannot read refused first), switches to Dutch and signs out. Screenshots of the main pages are kept under
/// `target/screenshots/` (a CI artefact).
#[test]
fn a_coordinator_works_in_a_real_browser() {
    use thirtyfour::prelude::*;
    let Some((driver_path, chromium)) = browser_programs() else {
        return;
    };
    // thirtyfour's client is our reqwest, which is built without a default TLS provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let backend = tests::backends().into_iter().next().expect("SQLite");
    let site = Site::start(&backend);
    ok(
        &site.url,
        &["proposal", "add", "COM(2021) 557", "--lead", "BE"],
    );
    let questions = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        questions.path(),
        "title_fr = \"Rapport SIEG 2022\"\ntitle_nl = \"DAEB-verslag 2022\"\n\n[[question]]\nkey = \"amount\"\nfr = \"Montant total des compensations (EUR)\"\nnl = \"Totaalbedrag van de compensaties (EUR)\"\nkind = \"number\"\n",
    )
    .unwrap();
    ok(
        &site.url,
        &[
            "campaign",
            "new",
            "SIEG 2022",
            "--due",
            "30/09/2022",
            "--authority",
            "BE",
            "--questions",
            questions.path().to_str().unwrap(),
        ],
    );
    let port = free_port();
    let _driver = Driver(
        std::process::Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let base = site.base.clone();
    site.rt.block_on(async {
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(chromium).unwrap();
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1400,1000",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ] {
            caps.add_arg(arg).unwrap();
        }
        // chromedriver takes a moment to listen: try for up to 20 s.
        let mut driver = None;
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        for _ in 0..80 {
            tick.tick().await;
            if let Ok(d) = WebDriver::new(format!("http://127.0.0.1:{port}"), caps.clone()).await {
                driver = Some(d);
                break;
            }
        }
        let driver = driver.expect("a browser session through chromedriver");
        let result = async {
            driver.goto(format!("{base}/")).await?;
            // Not signed in: the sign-in page.
            assert!(driver.current_url().await?.path().starts_with("/signin"));
            driver.find(By::Id("login")).await?.send_keys("jan").await?;
            driver
                .find(By::Id("password"))
                .await?
                .send_keys(PASSWORD)
                .await?;
            driver.find(By::Id("signin")).await?.click().await?;
            let home = wait_for(&driver, "Bruxelles Environnement").await?;
            assert!(home.contains("2018/851"), "its deadlines and directives");
            driver.screenshot(&shots.join("home.png")).await?;

            driver.goto(format!("{base}/directives/32018L0851")).await?;
            let planned = driver.find(By::Id("planned-input")).await?;
            planned.clear().await?;
            planned.send_keys("T4 2024").await?;
            driver.find(By::Id("save")).await?.click().await?;
            wait_for(&driver, "Enregistré.").await?;
            let history = driver.find(By::Css("table.history")).await?.text().await?;
            assert!(
                history.contains("jan") && history.contains("T4 2024"),
                "{history}"
            );
            driver.screenshot(&shots.join("directive.png")).await?;

            driver.goto(format!("{base}/directives?q=2018/851")).await?;
            let row = driver
                .find(By::Css("#directive-rows tbody tr"))
                .await?
                .text()
                .await?;
            assert!(
                row.contains("T4 2024"),
                "the list shows the new date: {row}"
            );
            driver.screenshot(&shots.join("directives.png")).await?;
            // The search refreshes the list as one types (htmx): a directive of BEE only.
            let search = driver.find(By::Css("input[name=q]")).await?;
            search.clear().await?;
            search.send_keys("2018/958").await?;
            let mut refreshed = String::new();
            let mut tick = tokio::time::interval(Duration::from_millis(250));
            for _ in 0..40 {
                tick.tick().await;
                // The list is being replaced: an element read as it goes is stale; read again.
                refreshed = match driver.find(By::Id("results")).await {
                    Ok(e) => e.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                if refreshed.contains("2018/958") && !refreshed.contains("2018/851") {
                    break;
                }
            }
            assert!(
                refreshed.contains("2018/958") && !refreshed.contains("2018/851"),
                "{refreshed}"
            );

            // The impact note of its administration on a proposal it leads.
            driver
                .goto(format!("{base}/proposals/COM-2021-557"))
                .await?;
            let summary = driver.find(By::Id("BE-summary")).await?;
            summary.send_keys("Révision du COBRACE à prévoir").await?;
            driver.find(By::Id("save-BE")).await?.click().await?;
            let page = wait_for(&driver, "Enregistré.").await?;
            assert!(page.contains("Révision du COBRACE à prévoir"), "{page}");
            driver.screenshot(&shots.join("proposal.png")).await?;
            // A campaign's answer the form cannot read is shown back, named; then a good one.
            driver.goto(format!("{base}/campaigns/SIEG%202022")).await?;
            let amount = driver.find(By::Name("answer-amount")).await?;
            amount.send_keys("douze").await?;
            driver.find(By::Id("save-answers")).await?.click().await?;
            wait_for(&driver, "un nombre comme 12").await?;
            driver
                .screenshot(&shots.join("campaign-refused.png"))
                .await?;
            let amount = driver.find(By::Name("answer-amount")).await?;
            amount.clear().await?;
            amount.send_keys("1 234,5").await?;
            driver.find(By::Id("save-answers")).await?.click().await?;
            wait_for(&driver, "Enregistré.").await?;

            driver.goto(format!("{base}/cases/INFR(2020)0385")).await?;
            driver.screenshot(&shots.join("case.png")).await?;
            // In Dutch, then out.
            driver
                .find(By::Css("button[name=lang]"))
                .await?
                .click()
                .await?;
            wait_for(&driver, "Afmelden").await?;
            driver.screenshot(&shots.join("case-nl.png")).await?;
            driver.find(By::Id("signout")).await?.click().await?;
            wait_for(&driver, "Aanmelden").await?;
            assert!(driver.current_url().await?.path().starts_with("/signin"));
            driver.goto(format!("{base}/")).await?;
            assert!(
                driver.current_url().await?.path().starts_with("/signin"),
                "signed out: back to the sign-in page"
            );
            Ok::<_, WebDriverError>(())
        }
        .await;
        let _ = driver.quit().await;
        result.expect("the browser steps");
    });
    assert_eq!(
        site.history("32018L0851", "jan", "planned_text").len(),
        1,
        "the browser's edit is in the history once"
    );
    assert_eq!(
        site.history("COM(2021) 557 BE", "jan", "summary").len(),
        1,
        "the note written in the browser is in the history"
    );
    assert_eq!(
        site.history("SIEG 2022 BE amount", "jan", "value"),
        vec![(None, Some("1234.5".to_owned()))],
        "the answer given in the browser, read as a number"
    );
    site.finish();
    backend.finish();
}

/// WebDriver does not wait for what a page does after loading: poll its text until it shows
/// `text` (up to 10 s).
async fn wait_for(
    driver: &thirtyfour::WebDriver,
    text: &str,
) -> thirtyfour::prelude::WebDriverResult<String> {
    use thirtyfour::prelude::*;
    let mut body = String::new();
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    for _ in 0..40 {
        tick.tick().await;
        // A page being replaced: the element read as it goes is stale; read again.
        body = match driver.find(By::Tag("body")).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if body.contains(text) {
            return Ok(body);
        }
    }
    panic!("the page never showed {text:?}: {body}");
}

/// `user passwd` reads the password from standard input (a separate process, as a shell pipes it),
/// refuses a short one, and the new password opens a session while the old one no longer does.
#[test]
fn a_password_is_read_from_standard_input() {
    use std::io::Write as _;
    on_each_backend(|b| {
        let site = Site::start(b);
        let passwd = |password: &str| {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scoreboard-under-test"))
                .args([
                    "--database-url",
                    &b.url,
                    "--user",
                    "tester",
                    "user",
                    "passwd",
                    "marie",
                ])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{password}\n").as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        };
        let short = passwd("too short");
        assert_eq!(short.status.code(), Some(2));
        let err = String::from_utf8_lossy(&short.stderr);
        assert!(err.contains("12"), "the rule is said: {err}");
        let done = passwd("a brand new passphrase");
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        assert_eq!(site.sign_in("marie", PASSWORD).0, 401, "the old password");
        assert_eq!(site.sign_in("marie", "a brand new passphrase").0, 303);
        let history = ok(&site.url, &["--json", "history", "marie"]);
        assert!(
            history.contains("password_set_at"),
            "the change is in the history"
        );
        assert!(!history.contains("argon2id"), "not the hash");
        site.finish();
    });
}
