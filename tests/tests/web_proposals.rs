//! The pages of the proposals, their impact notes and the contribution campaigns, through HTTP
//! on 127.0.0.1 on each backend (the server of `tests::site`): a coordinator of the lead
//! administration fills its note, which the CLI then reads with the history naming the user; a
//! coordinator of another administration, a reader, or a coordinator on another administration's
//! note is refused (403) and nothing is written; a stale version gets the conflict page; campaign
//! answers through the form, a number that cannot be read refused with its question; the pages
//! in French and in Dutch.

use chrono::Utc;
use serde_json::Value;
use tests::site::{PASSWORD, Site, between, same};
use tests::{dump, ok, on_each_backend};

const COM: &str = "COM(2021) 557";
const PAGE: &str = "/proposals/COM-2021-557";
const TITLE_FR: &str = "Proposition de directive modifiant la directive (UE) 2018/2001 en ce qui concerne la promotion de l'énergie produite à partir de sources renouvelables";
const TITLE_NL: &str = "Voorstel voor een richtlijn tot wijziging van Richtlijn (EU) 2018/2001 wat betreft de bevordering van energie uit hernieuwbare bronnen";
const RULES: &str = "Ordonnance du 2 mai 2013 portant le Code bruxellois de l'Air, du Climat et de la Maîtrise de l'Energie (COBRACE)";

use tests::SIEG_QUESTIONS as QUESTIONS;

fn json(url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

/// COM(2021) 557 led by Bruxelles Environnement (BE) with BRUGEL associated, and a coordinator
/// of an administration it does not concern: Bruxelles Économie et Emploi (BEE), `piet`.
fn with_proposal(site: &Site) {
    ok(
        &site.url,
        &[
            "proposal",
            "add",
            "COM(2021) 557 final",
            "--title-fr",
            TITLE_FR,
            "--title-nl",
            TITLE_NL,
            "--procedure",
            "2021/0218(COD)",
            "--lead",
            "BE",
            "--associated",
            "BRUGEL",
            "--proposed",
            "14/07/2021",
        ],
    );
    ok(
        &site.url,
        &[
            "user",
            "add",
            "piet",
            "--role",
            "coordinator",
            "--authority",
            "BEE",
        ],
    );
    site.rt.block_on(async {
        let hash = web::hash_password(PASSWORD, web::PasswordCost::cheap()).unwrap();
        data::users::set_password_hash(
            &site.db,
            &data::Actor::new("tests", Utc::now()),
            "piet",
            hash,
        )
        .await
        .unwrap();
    });
}

/// The form of `authority`'s note on the page: its version and when the page was read.
fn note_form(page: &str, authority: &str) -> (String, String) {
    let form = between(page, &format!("id=\"note-form-{authority}\""), "</form>");
    (
        between(&form, "name=\"version\" value=\"", "\""),
        between(&form, "name=\"loaded\" value=\"", "\""),
    )
}

#[test]
fn a_coordinator_fills_its_impact_note_and_no_one_else_s() {
    on_each_backend(|b| {
        let site = Site::start(b);
        with_proposal(&site);
        // Signed in first: a sign-in writes its session.
        let jan = site.cookie("jan");
        let piet = site.cookie("piet");
        let lea = site.cookie("lea");
        let marie = site.cookie("marie");
        let (status, _, list) = site.get(Some(&jan), "/proposals");
        assert_eq!(status, 200);
        assert!(
            list.contains(COM)
                && list.contains(TITLE_FR)
                && list.contains("href=\"/proposals/COM-2021-557\""),
            "the list in French with the link: {list}"
        );
        assert!(
            list.contains("Proposition de la Commission (14 juillet 2021)"),
            "the current stage with its date, in French: {list}"
        );
        assert!(list.contains("0 sur 2 rédigée(s)"), "no note written yet");

        let (_, _, home) = site.get(Some(&jan), "/");
        let mine = between(&home, "id=\"my-proposals\"", "</table>");
        assert!(
            mine.contains(COM) && mine.contains("note à rédiger"),
            "{mine}"
        );

        // The coordinator of the lead sees its form, not the associated administration's one.
        let (status, _, page) = site.get(Some(&jan), PAGE);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("2021/0218(COD)") && page.contains("14 juillet 2021"));
        assert!(
            !page.contains("id=\"note-form-BRUGEL\""),
            "BRUGEL's note is read-only for BE"
        );
        let (version, loaded) = note_form(&page, "BE");
        assert_eq!(version, "0", "no note yet");
        let form = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("regional-rules", RULES),
            ("summary", "Révision du COBRACE nécessaire."),
            ("budget", ""),
        ];
        let (status, location, _) = site.post(&jan, &format!("{PAGE}/notes/BE"), &form, &[]);
        assert_eq!(
            (status, location.as_str()),
            (303, "/proposals/COM-2021-557?saved=1")
        );
        // The CLI reads what the form wrote; the history names the user, once per field.
        let notes = json(&site.url, &["impact", "show", COM]);
        let be = notes
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["authority"] == "BE")
            .expect("BE's note");
        assert_eq!(be["regional_rules"], RULES);
        assert_eq!(be["summary"], "Révision du COBRACE nécessaire.");
        assert_eq!(be["budget"], Value::Null, "an empty field stays empty");
        let note_key = format!("{COM} BE");
        assert_eq!(
            site.history(&note_key, "jan", "regional_rules"),
            vec![(None, Some(RULES.to_owned()))]
        );
        let shown = ok(&site.url, &["--lang", "en", "impact", "show", COM]);
        assert!(shown.contains("COBRACE"), "{shown}");
        let (_, _, home) = site.get(Some(&jan), "/");
        let mine = between(&home, "id=\"my-proposals\"", "</table>");
        assert!(
            mine.contains("note rédigée"),
            "the home page follows: {mine}"
        );
        let (_, _, changes) = site.get(Some(&marie), "/changes");
        assert!(
            changes.contains("<a href=\"/proposals/COM-2021-557\">COM(2021) 557 BE</a>"),
            "what changed links to the proposal: {changes}"
        );
        let (_, _, page) = site.get(Some(&jan), &format!("{PAGE}?saved=1"));
        assert!(
            page.contains("Enregistré.") && page.contains(RULES),
            "saved and shown"
        );
        assert!(
            between(&page, "<table class=\"history\">", "</table>").contains("jan"),
            "the history on the page names the user"
        );

        // The same form again: the note moved on since version 0, so the conflict page.
        let before = dump(&site.url);
        let (status, _, conflict) = site.post(&jan, &format!("{PAGE}/notes/BE"), &form, &[]);
        assert_eq!(status, 409, "{conflict}");
        assert!(
            conflict.contains("Modification refusée"),
            "the conflict page, in French: {conflict}"
        );
        let theirs = between(&conflict, "<table class=\"history\">", "</table>");
        assert!(
            theirs.contains("jan") && theirs.contains(RULES),
            "the change made since is shown: {theirs}"
        );
        same(&site.url, &before, "nothing written on a conflict");

        // Refused, nothing written: a coordinator of an administration the proposal does not
        // concern, the lead's coordinator on the associated administration's note, a reader.
        let (_, _, page) = site.get(Some(&jan), PAGE);
        let (version, _) = note_form(&page, "BE");
        let (_, _, piet_page) = site.get(Some(&piet), PAGE);
        assert!(!piet_page.contains("id=\"note-form-"), "no form for BEE");
        assert!(piet_page.contains(RULES), "but the notes are read");
        for (who, cookie, authority, v) in [
            ("piet", &piet, "BE", version.as_str()),
            ("piet", &piet, "BEE", "0"),
            ("jan", &jan, "BRUGEL", "0"),
            ("lea", &lea, "BE", version.as_str()),
        ] {
            let (status, _, body) = site.post(
                cookie,
                &format!("{PAGE}/notes/{authority}"),
                &[("version", v), ("summary", "not theirs")],
                &[],
            );
            let expected = if authority == "BEE" { 404 } else { 403 };
            assert_eq!(status, expected, "{who} on {authority}: {body}");
        }
        same(&site.url, &before, "nothing written by a refused post");

        // The unit writes any administration's note. Two forms sent at once for the same missing
        // note: one starts it, the other finds it started and gets the conflict page.
        let (_, _, page) = site.get(Some(&marie), PAGE);
        let (version, loaded) = note_form(&page, "BRUGEL");
        let send = |effort: &str| {
            let body: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("version", version.as_str()),
                    ("loaded", loaded.as_str()),
                    ("effort", effort),
                ])
                .finish();
            tests::site::page(
                Site::client()
                    .post(format!("{}{PAGE}/notes/BRUGEL", site.base))
                    .header("Cookie", &marie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body),
            )
        };
        let (first, second) = site
            .rt
            .block_on(async { tokio::join!(send("Faible"), send("Élevé")) });
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(statuses, [303, 409], "{first:?} {second:?}");
        assert_eq!(
            site.history(&format!("{COM} BRUGEL"), "marie", "effort")
                .len(),
            1
        );

        // In Dutch for the reader, dates included; any form of the COM number opens the page.
        for path in [PAGE, "/proposals/COM(2021)%20557", "/proposals/52021PC0557"] {
            let (status, _, nl) = site.get(Some(&lea), path);
            assert_eq!(status, 200, "{path}");
            assert!(
                nl.contains(TITLE_NL)
                    && nl.contains("Impactnota's")
                    && nl.contains("14 juli 2021")
                    && nl.contains(domain::ImpactField::RegionalRules.label(domain::Lang::Nl)),
                "{path} in Dutch: {nl}"
            );
        }
        let (_, _, nl) = site.get(Some(&lea), "/proposals");
        assert!(
            nl.contains("Voorstellen") && nl.contains("2 van 2 geschreven"),
            "{nl}"
        );
        let (status, _, _) = site.get(Some(&lea), "/proposals/COM-2021-999");
        assert_eq!(status, 404);
        site.finish();
    });
}

/// The campaign's form of an administration: its version and when the page was read.
fn answers_form(page: &str) -> (String, String) {
    let form = between(page, "id=\"answers\"", "</form>");
    (
        between(&form, "name=\"version\" value=\"", "\""),
        between(&form, "name=\"loaded\" value=\"", "\""),
    )
}

#[test]
fn an_administration_answers_a_campaign_in_the_form() {
    on_each_backend(|b| {
        let site = Site::start(b);
        with_proposal(&site);
        let dir = tempfile::tempdir().unwrap();
        let questions = dir.path().join("questions.toml");
        std::fs::write(&questions, QUESTIONS).unwrap();
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
                "--authority",
                "BM",
                "--questions",
                questions.to_str().unwrap(),
            ],
        );
        let jan = site.cookie("jan");
        let piet = site.cookie("piet");
        let lea = site.cookie("lea");
        // The demo's date is 11 January 2023: both administrations are late.
        let (status, _, list) = site.get(Some(&jan), "/campaigns");
        assert_eq!(status, 200);
        assert!(
            list.contains("href=\"/campaigns/SIEG%202022\"") && list.contains("30 septembre 2022"),
            "{list}"
        );
        assert!(list.contains("BE, BM"), "both late: {list}");
        let (_, _, home) = site.get(Some(&jan), "/");
        let awaiting = between(&home, "id=\"my-campaigns\"", "</table>");
        assert!(
            awaiting.contains("href=\"/campaigns/SIEG%202022?authority=BE\"")
                && awaiting.contains("0/4"),
            "the home page links to the form: {awaiting}"
        );
        let page_path = "/campaigns/SIEG%202022";
        let (status, _, page) = site.get(Some(&jan), page_path);
        assert_eq!(status, 200);
        assert!(
            page.contains("Montant total des compensations (EUR)"),
            "{page}"
        );
        assert!(
            page.contains("type=\"date\" name=\"answer-mandate\""),
            "a date input"
        );
        assert!(
            page.contains("<select name=\"answer-compensation\">"),
            "a yes/no choice"
        );
        let standing = between(&page, "id=\"standing\"", "</table>");
        assert!(
            standing
                .contains("<a href=\"/campaigns/SIEG%202022?authority=BM\">Voir les réponses</a>"),
            "another administration's answers are read from the table: {standing}"
        );
        let (version, loaded) = answers_form(&page);
        let action = "/campaigns/SIEG%202022/answers/BE";

        // A number that cannot be read: the form again with the question named, nothing written.
        let before = dump(&site.url);
        let bad = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("answer-services", "Collecte des déchets"),
            ("answer-amount", "douze mille"),
        ];
        let (status, _, body) = site.post(&jan, action, &bad, &[]);
        assert_eq!(status, 422, "{body}");
        let refused = between(&body, "id=\"question-amount\"", "</fieldset>");
        assert!(
            refused.contains("douze mille") && refused.contains("un nombre comme 12"),
            "the answer shown back with what was expected: {refused}"
        );
        assert_eq!(
            answers_form(&body),
            (version.clone(), loaded.clone()),
            "the form shown back keeps the version and the time it was read at"
        );
        assert!(
            body.contains("Collecte des déchets"),
            "what was typed stays in the form"
        );
        same(&site.url, &before, "nothing written");

        // A comment without its answer is refused too, not dropped.
        let lone = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("comment-amount", "montant à confirmer"),
        ];
        let (status, _, body) = site.post(&jan, action, &lone, &[]);
        assert_eq!(status, 422, "{body}");
        assert!(
            between(&body, "id=\"question-amount\"", "</fieldset>")
                .contains("un commentaire est enregistré avec sa réponse"),
            "{body}"
        );
        same(&site.url, &before, "nothing written");

        // Refused for an administration that is not one's own or not asked, and for a reader.
        let good = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("answer-services", "Collecte des déchets"),
            ("answer-compensation", "oui"),
            ("answer-amount", "1 234,5"),
            ("answer-mandate", "30/06/2022"),
            ("comment-amount", "estimation"),
        ];
        for (who, cookie, path, expected) in [
            ("jan", &jan, "/campaigns/SIEG%202022/answers/BM", 403),
            ("piet", &piet, action, 403),
            ("piet", &piet, "/campaigns/SIEG%202022/answers/BEE", 404),
            ("lea", &lea, action, 403),
        ] {
            let (status, _, body) = site.post(cookie, path, &good, &[]);
            assert_eq!(status, expected, "{who} {path}: {body}");
        }
        same(&site.url, &before, "nothing written by a refused post");

        // The answers saved: read by their kind, the status follows, the history names jan. The
        // same form sent twice at once: one records the answers, the other gets the conflict page.
        let send = || {
            let body: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(good)
                .finish();
            tests::site::page(
                Site::client()
                    .post(format!("{}{action}", site.base))
                    .header("Cookie", &jan)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body),
            )
        };
        let (first, second) = site.rt.block_on(async { tokio::join!(send(), send()) });
        let (saved, other) = if first.0 == 303 {
            (first, second)
        } else {
            (second, first)
        };
        assert_eq!(
            (saved.0, saved.1.as_str()),
            (303, "/campaigns/SIEG%202022?authority=BE&saved=1")
        );
        assert_eq!(other.0, 409, "{}", other.2);
        let shown = json(&site.url, &["campaign", "show", "SIEG 2022"]);
        let values: Vec<(String, Option<String>)> = shown["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["value"].as_str().unwrap().to_owned(),
                    a["comment"].as_str().map(str::to_owned),
                )
            })
            .collect();
        for expected in [
            ("Collecte des déchets".to_owned(), None),
            ("yes".to_owned(), None),
            ("1234.5".to_owned(), Some("estimation".to_owned())),
            ("2022-06-30".to_owned(), None),
        ] {
            assert!(values.contains(&expected), "{expected:?} in {values:?}");
        }
        // BM is still late: the command says so with its exit code 1.
        let run = tests::scoreboard(
            &site.url,
            &[
                "--json",
                "campaign",
                "status",
                "SIEG 2022",
                "--as-of",
                "11/01/2023",
            ],
        );
        assert_eq!(run.code, 1, "{}", run.err);
        let status: Value = serde_json::from_str(&run.out).unwrap();
        let be = status["authorities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["authority"] == "BE")
            .unwrap()
            .clone();
        assert_eq!(
            (be["answered"].clone(), be["late"].clone()),
            (4.into(), false.into())
        );
        assert_eq!(
            site.history("SIEG 2022 BE amount", "jan", "value"),
            vec![(None, Some("1234.5".to_owned()))]
        );
        let (_, _, page) = site.get(Some(&jan), "/campaigns/SIEG%202022?authority=BE&saved=1");
        assert!(
            page.contains("Enregistré.") && page.contains("value=\"1234.5\""),
            "{page}"
        );

        let (_, _, home) = site.get(Some(&jan), "/");
        assert!(
            !home.contains("id=\"my-campaigns\""),
            "answered in full: no longer awaited"
        );

        // The form read before that save is stale now: the conflict page, nothing written.
        let before = dump(&site.url);
        let again = [
            ("version", version.as_str()),
            ("loaded", loaded.as_str()),
            ("answer-amount", "99"),
        ];
        let (status, _, conflict) = site.post(&jan, action, &again, &[]);
        assert_eq!(status, 409, "{conflict}");
        let theirs = between(&conflict, "<table class=\"history\">", "</table>");
        assert!(theirs.contains("1234.5"), "their answer is shown: {theirs}");
        same(&site.url, &before, "nothing written");

        // The same answer from the fresh form: nothing changes, and the page does not say saved.
        let (fresh_version, fresh_loaded) = answers_form(&page);
        let unchanged = [
            ("version", fresh_version.as_str()),
            ("loaded", fresh_loaded.as_str()),
            ("answer-amount", "1234,5"),
            ("comment-amount", "estimation"),
        ];
        let (status, location, _) = site.post(&jan, action, &unchanged, &[]);
        assert_eq!(
            (status, location.as_str()),
            (303, "/campaigns/SIEG%202022?authority=BE")
        );
        same(&site.url, &before, "an unchanged form writes nothing");

        // In Dutch for the reader, read-only.
        let (status, _, nl) = site.get(Some(&lea), "/campaigns/SIEG%202022?authority=BE");
        assert_eq!(status, 200);
        assert!(
            nl.contains("DAEB-verslag 2022")
                && nl.contains("Totaalbedrag van de compensaties (EUR)")
                && nl.contains("30 juni 2022")
                && nl.contains("30 september 2022")
                && !nl.contains("id=\"answers\""),
            "{nl}"
        );
        let (_, _, nl) = site.get(Some(&lea), "/campaigns");
        assert!(
            nl.contains("Antwoorden verwacht op") && nl.contains("1 van 2"),
            "{nl}"
        );
        site.finish();
    });
}
