//! `contact` and `notify` through the CLI, on SQLite and PostgreSQL, against the local SMTP server
//! of `tests::smtp`: the messages are read back (headers, both parts, the language) and compared
//! with `deadlines --json` at the same date; a second run sends nothing; a refused recipient stays
//! pending while the others go; an unreachable server writes nothing; every reminder step at its
//! boundary.

use serde_json::Value;
use tests::smtp::{Mail, Sink, SinkOptions, unreachable_url};
use tests::{ok, on_each_backend, scoreboard};

const FROM: &str = "EU scoreboard <scoreboard@sprb.example>";

fn json(url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

/// `notify --as-of DATE` through the sink, with any more arguments; the exit code and the JSON.
fn notify(url: &str, sink: &str, date: &str, more: &[&str]) -> (u8, Value) {
    let mut args = vec![
        "--json",
        "notify",
        "--as-of",
        date,
        "--smtp-url",
        sink,
        "--mail-from",
        FROM,
    ];
    args.extend_from_slice(more);
    let run = scoreboard(url, &args);
    let value =
        serde_json::from_str(&run.out).unwrap_or_else(|e| panic!("{e}: {} / {}", run.out, run.err));
    (run.code, value)
}

/// The demo database, as `make demo` builds it.
fn demo(url: &str) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(cli::demo::load_into(url, "test"))
        .expect("the demo data loads");
}

fn mails(sink: &Sink) -> Vec<Mail> {
    sink.messages().iter().map(|m| m.parsed()).collect()
}

fn items_of(report: &Value) -> Vec<(String, String, String)> {
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            m["items"].as_array().unwrap().iter().map(move |i| {
                (
                    m["to"].as_str().unwrap().to_owned(),
                    i["record"].as_str().unwrap().to_owned(),
                    i["step"].as_str().unwrap().to_owned(),
                )
            })
        })
        .collect()
}

/// The done-when of the issue: on the demo data with one contact, `notify --as-of 11/01/2023`
/// sends that administration a message naming its overdue directives, as `deadlines --json` lists
/// them at the same date; a second run sends nothing.
#[test]
fn the_demo_administration_is_told_its_overdue_directives_once() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        // Exit code 1: some are overdue.
        let listed = scoreboard(url, &["--json", "deadlines", "--as-of", "11/01/2023"]);
        assert_eq!(listed.code, 1, "{}", listed.err);
        let deadlines: Value = serde_json::from_str(&listed.out).unwrap();
        let overdue_be: Vec<&Value> = deadlines
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["kind"] == "transposition"
                    && d["days_left"].as_i64().unwrap() < 0
                    && d["authorities"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a == "BE")
            })
            .collect();
        assert!(
            !overdue_be.is_empty(),
            "the demo has overdue directives for BE"
        );
        ok(
            url,
            &[
                "contact",
                "add",
                "BE",
                "Anne.Dupont@Environnement.example",
                "--name",
                "Anne Dupont",
            ],
        );

        let sink = Sink::start(SinkOptions::default());
        let (code, report) = notify(url, &sink.url(), "11/01/2023", &[]);
        assert_eq!(code, 0, "{report:#}");
        assert_eq!(report["first_run"], true);
        let got = mails(&sink);
        assert_eq!(got.len(), 1, "one digest for the one contact");
        let mail = &got[0];
        assert!(
            mail.to.contains("anne.dupont@environnement.example"),
            "{}",
            mail.to
        );
        assert_eq!(mail.content_language.as_deref(), Some("fr"));
        assert!(mail.subject.contains("11 janvier 2023"), "{}", mail.subject);
        assert!(
            mail.text.starts_with("Bonjour Anne Dupont,"),
            "{}",
            mail.text
        );
        for d in &overdue_be {
            let date =
                chrono::NaiveDate::parse_from_str(d["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            let shown = domain::Lang::Fr.format_date(date);
            let what = d["what"].as_str().unwrap();
            for part in [&mail.text, &mail.html] {
                assert!(part.contains(&shown), "{shown} in {part}");
            }
            assert!(mail.text.contains(what), "{what} in {}", mail.text);
            let days = -d["days_left"].as_i64().unwrap();
            let late = domain::Lang::Fr.format_int(days);
            assert!(
                mail.text.contains(&format!("dépassée de {late} jours")),
                "{late} days in {}",
                mail.text
            );
        }
        // Nothing of another administration.
        for d in deadlines.as_array().unwrap() {
            let theirs = d["authorities"].as_array().unwrap();
            if !theirs.iter().any(|a| a == "BE") {
                assert!(
                    !mail.text.contains(d["what"].as_str().unwrap()),
                    "{} is not BE's",
                    d["what"]
                );
            }
        }
        assert_eq!(
            items_of(&report).len(),
            report["messages"][0]["items"].as_array().unwrap().len()
        );

        let (code, again) = notify(url, &sink.url(), "11/01/2023", &[]);
        assert_eq!(code, 0, "{again:#}");
        assert_eq!(sink.messages().len(), 1, "the second run sends nothing");
        assert!(
            again["messages"].as_array().unwrap().is_empty(),
            "{again:#}"
        );
        assert_eq!(
            again["skipped"].as_array().unwrap().len(),
            report["messages"][0]["items"].as_array().unwrap().len()
        );
        assert_eq!(again["first_run"], false);
    });
}

/// A second administration in Dutch, a web user who is also a contact (one mail), a refused
/// recipient left pending and sent at the next run, a dry run that sends and writes nothing.
#[test]
fn a_refused_recipient_stays_pending_and_goes_next_run() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        ok(url, &["contact", "add", "BE", "be@environnement.example"]);
        ok(
            url,
            &[
                "contact",
                "add",
                "TALENT",
                "talent@talent.example",
                "--contact-lang",
                "nl",
            ],
        );
        // A web user of BE with the contact's address: one digest, not two.
        ok(
            url,
            &[
                "user",
                "add",
                "anne",
                "--role",
                "coordinator",
                "--authority",
                "BE",
                "--email",
                "BE@environnement.example",
            ],
        );

        let dry = Sink::start(SinkOptions::default());
        let (code, planned) = notify(url, &dry.url(), "11/01/2023", &["--dry-run"]);
        assert_eq!(code, 0);
        assert!(dry.messages().is_empty(), "a dry run sends nothing");
        let planned_items = items_of(&planned);
        assert!(
            planned["messages"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["status"] == "would-send")
        );
        let recipients: Vec<&str> = planned["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["to"].as_str().unwrap())
            .collect();
        assert_eq!(
            recipients,
            ["be@environnement.example", "talent@talent.example"]
        );

        let sink = Sink::start(SinkOptions {
            refuse_recipients: vec!["talent@talent.example".into()],
            ..SinkOptions::default()
        });
        let (code, report) = notify(url, &sink.url(), "11/01/2023", &[]);
        assert_eq!(code, 1, "a failed message is worth attention: {report:#}");
        assert_eq!(report["first_run"], true, "the dry run left no run");
        assert_eq!(
            items_of(&report),
            planned_items,
            "the dry run said what would go"
        );
        let statuses: Vec<(&str, &str)> = report["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["to"].as_str().unwrap(), m["status"].as_str().unwrap()))
            .collect();
        assert_eq!(
            statuses,
            [
                ("be@environnement.example", "sent"),
                ("talent@talent.example", "failed")
            ]
        );
        assert!(
            report["messages"][1]["error"]
                .as_str()
                .unwrap()
                .contains("550"),
            "{report:#}"
        );
        assert_eq!(sink.messages().len(), 1);

        let good = Sink::start(SinkOptions::default());
        let (code, retry) = notify(url, &good.url(), "11/01/2023", &[]);
        assert_eq!(code, 0, "{retry:#}");
        let got = mails(&good);
        assert_eq!(got.len(), 1, "only the failed digest goes again");
        assert!(got[0].to.contains("talent@talent.example"));
        assert_eq!(got[0].content_language.as_deref(), Some("nl"));
        assert!(
            got[0].subject.contains("januari 2023"),
            "{}",
            got[0].subject
        );
        assert!(got[0].text.contains("dagen verstreken"), "{}", got[0].text);
        assert!(got[0].html.contains("lang=\"nl\""));
    });
}

/// An unreachable server: one clear line, exit 2, nothing written, so the next run sends all.
#[test]
fn an_unreachable_server_writes_nothing() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        ok(url, &["contact", "add", "BE", "be@environnement.example"]);
        let nowhere = unreachable_url();
        let run = scoreboard(
            url,
            &[
                "notify",
                "--as-of",
                "11/01/2023",
                "--smtp-url",
                &nowhere,
                "--mail-from",
                FROM,
            ],
        );
        assert_eq!(run.code, 2, "{} / {}", run.out, run.err);
        let message = run.err.trim();
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(
            message.contains("cannot reach the mail server 127.0.0.1"),
            "{message}"
        );
        let sink = Sink::start(SinkOptions::default());
        let (code, report) = notify(url, &sink.url(), "11/01/2023", &[]);
        assert_eq!(code, 0);
        assert_eq!(report["first_run"], true, "the failed run wrote no run");
        assert_eq!(sink.messages().len(), 1);
        assert!(report["skipped"].as_array().unwrap().is_empty());
    });
}

/// Each reminder step at its boundary, through the CLI: a transposition deadline 91, 90, 89, 30,
/// 7 and 0 days ahead and overdue (weekly), an EU Pilot reply 16, 15, 5 days ahead and overdue on
/// a working day, a weekend and the Monday after; a changed deadline starts again.
#[test]
fn every_step_boundary() {
    on_each_backend(|b| {
        let url = &b.url;
        // Deadline Friday 30/06/2023 for the directive, Friday 13/01/2023 for the EU Pilot reply.
        ok(
            url,
            &[
                "directive",
                "add",
                "2019/1024",
                "--deadline",
                "30/06/2023",
                "--lead",
                "BE",
                "--competence",
                "shared",
            ],
        );
        ok(
            url,
            &[
                "pilot",
                "set",
                "EUP(2022)10001",
                "--subject",
                "eaux",
                "--deadline",
                "13/01/2023",
                "--lead",
                "BE",
            ],
        );
        ok(
            url,
            &[
                "contact",
                "add",
                "BE",
                "be@environnement.example",
                "--contact-lang",
                "nl",
            ],
        );
        let sink = Sink::start(SinkOptions::default());
        let steps = |date: &str| -> Vec<(String, String)> {
            let (code, report) = notify(url, &sink.url(), date, &[]);
            assert_eq!(code, 0, "{date}: {report:#}");
            items_of(&report)
                .into_iter()
                .map(|(_, r, s)| (r, s))
                .collect()
        };
        let s = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            steps("28/12/2022"),
            s(&[]),
            "16 days ahead of the reply, 184 of the directive"
        );
        assert_eq!(steps("29/12/2022"), s(&[("EUP(2022)10001", "15d")]));
        assert_eq!(steps("30/12/2022"), s(&[]));
        assert_eq!(steps("08/01/2023"), s(&[("EUP(2022)10001", "5d")]));
        assert_eq!(
            steps("13/01/2023"),
            s(&[]),
            "the deadline day: the 5-day step was sent"
        );
        // Saturday and Sunday after the deadline: no reply reminder; Monday: one.
        assert_eq!(steps("14/01/2023"), s(&[]));
        assert_eq!(steps("15/01/2023"), s(&[]));
        assert_eq!(
            steps("16/01/2023"),
            s(&[("EUP(2022)10001", "overdue-2023-01-16")])
        );
        assert_eq!(
            steps("17/01/2023"),
            s(&[("EUP(2022)10001", "overdue-2023-01-17")])
        );
        ok(
            url,
            &["pilot", "set", "EUP(2022)10001", "--sent", "17/01/2023"],
        );
        assert_eq!(steps("31/03/2023"), s(&[]), "91 days ahead of 30/06/2023");
        assert_eq!(steps("01/04/2023"), s(&[("32019L1024", "90d")]));
        assert_eq!(steps("02/04/2023"), s(&[]));
        assert_eq!(steps("31/05/2023"), s(&[("32019L1024", "30d")]));
        assert_eq!(steps("23/06/2023"), s(&[("32019L1024", "7d")]));
        assert_eq!(
            steps("30/06/2023"),
            s(&[]),
            "the deadline day: the 7-day step was sent"
        );
        assert_eq!(
            steps("01/07/2023"),
            s(&[("32019L1024", "overdue-2023-W26")])
        );
        assert_eq!(steps("02/07/2023"), s(&[]), "the same week");
        assert_eq!(
            steps("03/07/2023"),
            s(&[("32019L1024", "overdue-2023-W27")])
        );
        // A new deadline is a new message.
        ok(
            url,
            &[
                "directive",
                "set",
                "2019/1024",
                "--deadline",
                "31/12/2023",
                "--remove-deadline",
                "30/06/2023",
            ],
        );
        assert_eq!(steps("04/07/2023"), s(&[]), "180 days ahead");
        assert_eq!(steps("01/10/2023"), s(&[]), "91 days ahead of 31/12/2023");
        assert_eq!(steps("02/10/2023"), s(&[("32019L1024", "90d")]));
        let got = mails(&sink);
        assert!(
            got.iter()
                .all(|m| m.content_language.as_deref() == Some("nl"))
        );
        assert!(
            got[0].text.contains("Antwoorden aan de Commissie"),
            "{}",
            got[0].text
        );
    });
}

/// A directive assigned after the last run: its lead and associated administrations are told
/// (the split, the competence, the EUR-Lex link); one assigned to no one goes to the unit's
/// address; nobody is told twice.
#[test]
fn new_directives_are_announced_to_their_administrations() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(url, &["contact", "add", "BE", "be@environnement.example"]);
        ok(
            url,
            &[
                "contact",
                "add",
                "TALENT",
                "talent@talent.example",
                "--contact-lang",
                "nl",
            ],
        );
        let sink = Sink::start(SinkOptions::default());
        let unit = ["--unit-address", "europe@sprb.example"];
        let (_, first) = notify(url, &sink.url(), "01/12/2023", &unit);
        assert_eq!(first["first_run"], true);
        assert!(sink.messages().is_empty());
        ok(
            url,
            &[
                "directive",
                "add",
                "2023/2413",
                "--deadline",
                "21/05/2025",
                "--lead",
                "BE",
                "--associated",
                "TALENT",
                "--competence",
                "shared",
            ],
        );
        ok(
            url,
            &[
                "directive",
                "add",
                "2023/1791",
                "--deadline",
                "11/10/2025",
                "--competence",
                "to-be-determined",
            ],
        );
        let (code, report) = notify(url, &sink.url(), "01/12/2023", &unit);
        assert_eq!(code, 0, "{report:#}");
        let mut items = items_of(&report);
        items.sort();
        assert_eq!(
            items,
            [
                (
                    "be@environnement.example".to_owned(),
                    "32023L2413".to_owned(),
                    "lead".to_owned()
                ),
                (
                    "europe@sprb.example".to_owned(),
                    "32023L1791".to_owned(),
                    "unit".to_owned()
                ),
                (
                    "talent@talent.example".to_owned(),
                    "32023L2413".to_owned(),
                    "associated".to_owned()
                ),
            ]
        );
        let got = mails(&sink);
        let be = got.iter().find(|m| m.to.contains("be@")).unwrap();
        assert!(
            be.text
                .contains("https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32023L2413"),
            "{}",
            be.text
        );
        assert!(be.text.contains("21 mai 2025"), "{}", be.text);
        assert!(be.text.contains("partagée"), "{}", be.text);
        let talent = got.iter().find(|m| m.to.contains("talent@")).unwrap();
        assert!(
            talent
                .text
                .contains("legal-content/NL/TXT/?uri=CELEX:32023L2413"),
            "{}",
            talent.text
        );
        assert!(talent.text.contains("21 mei 2025"), "{}", talent.text);
        let unit_mail = got.iter().find(|m| m.to.contains("europe@")).unwrap();
        assert!(unit_mail.text.contains("32023L1791"), "{}", unit_mail.text);
        // Assigned later: the lead is told, the unit not again.
        ok(url, &["directive", "set", "2023/1791", "--lead", "BE"]);
        let (_, later) = notify(url, &sink.url(), "02/12/2023", &unit);
        assert_eq!(
            items_of(&later),
            [(
                "be@environnement.example".to_owned(),
                "32023L1791".to_owned(),
                "lead".to_owned()
            )]
        );
        // Without a unit address, what has no administration is reported, not dropped.
        ok(
            url,
            &[
                "directive",
                "add",
                "2024/1760",
                "--deadline",
                "26/07/2026",
                "--competence",
                "to-be-determined",
            ],
        );
        let (_, nobody) = notify(url, &sink.url(), "03/12/2023", &[]);
        assert_eq!(
            nobody["unaddressed"][0]["record_key"], "32024L1760",
            "{nobody:#}"
        );
        assert_eq!(nobody["unaddressed"][0]["authority"], Value::Null);
    });
}

/// Contacts: added (an address once per administration), listed with the web users who are told
/// too, removed with a trace in the history; bad input refused with exit 2.
#[test]
fn contacts_are_added_listed_and_removed() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(
            url,
            &[
                "contact",
                "add",
                "BE",
                "Be@Environnement.example",
                "--name",
                "Anne",
            ],
        );
        let twice = scoreboard(url, &["contact", "add", "BE", "be@environnement.example"]);
        assert_eq!(twice.code, 2, "{}", twice.err);
        let bad = scoreboard(url, &["contact", "add", "BE", "not an address"]);
        assert_eq!(bad.code, 2);
        assert!(bad.err.contains("not an address"), "{}", bad.err);
        let lang = scoreboard(
            url,
            &[
                "contact",
                "add",
                "BE",
                "x@y.example",
                "--contact-lang",
                "de",
            ],
        );
        assert_eq!(lang.code, 2);
        assert!(lang.err.contains("expected fr or nl"), "{}", lang.err);
        let unknown = scoreboard(url, &["contact", "add", "NOPE", "x@y.example"]);
        assert_eq!(unknown.code, 2, "{}", unknown.err);
        ok(
            url,
            &[
                "user",
                "add",
                "jan",
                "--role",
                "coordinator",
                "--authority",
                "TALENT",
                "--email",
                "jan@talent.example",
                "--user-lang",
                "nl",
            ],
        );
        let list = json(url, &["contact", "list"]);
        assert_eq!(list["contacts"][0]["email"], "be@environnement.example");
        assert_eq!(list["contacts"][0]["authority"], "BE");
        assert_eq!(list["users"][0]["email"], "jan@talent.example");
        assert_eq!(list["users"][0]["lang"], "nl");
        let only_be = json(url, &["contact", "list", "--authority", "BE"]);
        assert!(only_be["users"].as_array().unwrap().is_empty());
        ok(
            url,
            &["contact", "remove", "BE", "BE@environnement.example"],
        );
        assert!(
            json(url, &["contact", "list"])["contacts"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        let history = ok(url, &["history", "BE be@environnement.example"]);
        assert!(history.contains("be@environnement.example"), "{history}");
    });
}

/// A contribution campaign: the administrations that have not answered everything are reminded
/// 7 days before the due date, then once a week (ISO week) while late; one that has answered
/// everything is not, and its open reminder is superseded.
#[test]
fn campaign_reminders_go_to_those_who_have_not_answered() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(url, &["init"]);
        let dir = tempfile::tempdir().unwrap();
        let questions = dir.path().join("q.toml");
        std::fs::write(
            &questions,
            "title_fr = \"Rapport SIEG 2022\"\ntitle_nl = \"DAEB-verslag 2022\"\n\n[[question]]\nkey = \"count\"\nfr = \"Combien ?\"\nnl = \"Hoeveel?\"\nkind = \"number\"\n",
        )
        .unwrap();
        ok(
            url,
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
        ok(
            url,
            &[
                "contact",
                "add",
                "BE",
                "be@example.org",
                "--contact-lang",
                "nl",
            ],
        );
        ok(url, &["contact", "add", "BM", "bm@example.org"]);
        let sink = Sink::start(SinkOptions::default());
        let campaign_items = |report: &Value| -> Vec<(String, String, String)> {
            items_of(report)
                .into_iter()
                .filter(|(_, record, _)| record == "SIEG 2022")
                .collect()
        };
        // 8 days ahead: nothing yet.
        let (_, report) = notify(url, &sink.url(), "22/09/2022", &[]);
        assert!(campaign_items(&report).is_empty(), "{report:#}");
        // 7 days ahead: both, each in its language.
        let (code, report) = notify(url, &sink.url(), "23/09/2022", &[]);
        assert_eq!(code, 0, "{report:#}");
        let items = campaign_items(&report);
        assert_eq!(
            items,
            vec![
                (
                    "be@example.org".to_owned(),
                    "SIEG 2022".to_owned(),
                    "7d".to_owned()
                ),
                (
                    "bm@example.org".to_owned(),
                    "SIEG 2022".to_owned(),
                    "7d".to_owned()
                ),
            ]
        );
        let got = mails(&sink);
        let be = got
            .iter()
            .find(|m| m.to.contains("be@example.org"))
            .unwrap();
        assert!(be.text.contains("DAEB-verslag 2022"), "{}", be.text);
        assert!(be.text.contains("0 van de 1"), "{}", be.text);
        assert!(be.text.contains("30 september 2022"), "{}", be.text);
        let bm = got
            .iter()
            .find(|m| m.to.contains("bm@example.org"))
            .unwrap();
        assert!(bm.text.contains("Rapport SIEG 2022"), "{}", bm.text);
        assert!(bm.html.contains("30 septembre 2022"), "{}", bm.html);
        // The same step is not sent twice.
        let (_, report) = notify(url, &sink.url(), "25/09/2022", &[]);
        assert!(campaign_items(&report).is_empty(), "{report:#}");

        // BE answers everything.
        let form = dir.path().join("be.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (row, cells) in [
            ["Campaign", "SIEG 2022"],
            ["Authority", "BE"],
            ["Key", "Answer"],
            ["count", "3"],
        ]
        .iter()
        .enumerate()
        {
            for (col, text) in cells.iter().enumerate() {
                sheet.write_string(row as u32, col as u16, *text).unwrap();
            }
        }
        workbook.save(&form).unwrap();
        ok(url, &["campaign", "import", form.to_str().unwrap()]);

        // Late: BM only, once in the ISO week (Saturday 1 October is week 39, Monday 3 is 40).
        let (_, report) = notify(url, &sink.url(), "01/10/2022", &[]);
        assert_eq!(
            campaign_items(&report),
            vec![(
                "bm@example.org".to_owned(),
                "SIEG 2022".to_owned(),
                "overdue-2022-W39".to_owned()
            )]
        );
        let (_, report) = notify(url, &sink.url(), "02/10/2022", &[]);
        assert!(campaign_items(&report).is_empty(), "{report:#}");
        let (_, report) = notify(url, &sink.url(), "03/10/2022", &[]);
        assert_eq!(
            campaign_items(&report),
            vec![(
                "bm@example.org".to_owned(),
                "SIEG 2022".to_owned(),
                "overdue-2022-W40".to_owned()
            )]
        );
        let last = mails(&sink).pop().unwrap();
        assert!(last.text.contains("Bruxelles Mobilité"), "{}", last.text);
    });
}
