//! `scoreboard import register` on the five real exports (2020–2023), on SQLite and PostgreSQL:
//! each Belgian case's whole history, order independence, inferred closures, bad rows.

use tests::{ok, on_each_backend, scoreboard};

const EXPORTS: [&str; 5] = [
    "2020-08-24",
    "2021-04-11",
    "2021-06-08",
    "2022-01-11",
    "2023-01-11",
];

fn export(date: &str) -> String {
    format!(
        "{}/../../shared/data/commission-register/register-{date}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The real exports are months apart: the Commission closed a third of the cases in between, more
/// than the share an import takes without `--accept-closures`.
fn import(url: &str, date: &str) -> String {
    ok(
        url,
        &[
            "--lang",
            "en",
            "import",
            "register",
            &export(date),
            "--accept-closures",
        ],
    )
}

fn case(url: &str, number: &str) -> serde_json::Value {
    serde_json::from_str(&ok(url, &["--json", "case", "show", number])).unwrap()
}

/// What the database says about every case, without the bookkeeping (versions) that depends on
/// the order of the writes.
fn state(url: &str) -> Vec<serde_json::Value> {
    let cases: serde_json::Value =
        serde_json::from_str(&ok(url, &["--json", "case", "list"])).unwrap();
    cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.as_object_mut().unwrap().remove("version");
            for e in c["events"].as_array_mut().unwrap() {
                let e = e.as_object_mut().unwrap();
                e.remove("id");
                e.remove("case_id");
            }
            c
        })
        .collect()
}

#[test]
fn five_exports_in_date_order_give_each_case_its_whole_history() {
    on_each_backend(|b| {
        let url = &b.url;
        for date in EXPORTS {
            import(url, date);
        }
        let c = case(url, "INFR(2020)0385");
        let decisions: Vec<(String, String)> = c["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["decided_on"].as_str().unwrap().to_owned(),
                    d["stage_code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            decisions,
            [
                ("2020-10-08".to_owned(), "lfn/258".to_owned()),
                ("2021-11-12".to_owned(), "ro/258".to_owned()),
                ("2022-09-29".to_owned(), "referral/258+260.3".to_owned()),
            ]
        );
        assert_eq!(c["directives"], serde_json::json!(["32018L0958"]));
        assert_eq!(c["case_type"], "non-communication");
        assert_eq!(c["active"], true);
        assert_eq!(
            c["first_seen_on"], "2021-04-11",
            "first listed in the 11/04/2021 export"
        );
        // Letters and opinions open a reply deadline two months later; a referral does not.
        assert_eq!(c["decisions"][0]["reply_deadline"], "2020-12-08");
        assert_eq!(c["decisions"][1]["reply_deadline"], "2022-01-12");
        assert_eq!(c["decisions"][2]["reply_deadline"], serde_json::Value::Null);

        // The last export's Belgian cases are all active; 114 of them.
        let active: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "case",
                "list",
                "--active",
                "--as-of",
                "2023-01-11",
            ],
        ))
        .unwrap();
        assert_eq!(active.as_array().unwrap().len(), 114);
        let text = ok(url, &["--lang", "en", "case", "show", "2020/0385"]);
        assert!(
            text.contains("referral to the Court (Art. 258 + 260(3) TFEU)"),
            "{text}"
        );
    });
}

#[test]
fn what_the_unit_entered_by_hand_survives_every_later_import() {
    on_each_backend(|b| {
        let url = &b.url;
        import(url, "2022-01-11");
        ok(
            url,
            &[
                "case",
                "set",
                "INFR(2020)0385",
                "--brussels",
                "yes",
                "--lead",
                "BEE",
                "--notes",
                "coordinated with the federal level",
            ],
        );
        ok(
            url,
            &[
                "case",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "12/11/2021",
                "--sent",
                "10/01/2022",
                "--entered",
                "12/01/2022",
                "--deadline",
                "26/01/2022",
            ],
        );
        let out = import(url, "2023-01-11");
        assert!(out.contains("INFR(2020)0385"), "the referral is new: {out}");
        let c = case(url, "INFR(2020)0385");
        assert_eq!(c["brussels_concerned"], true);
        assert_eq!(c["lead"], "BEE");
        assert_eq!(c["notes"], "coordinated with the federal level");
        assert_eq!(
            c["decisions"][1]["reply_deadline"], "2022-01-26",
            "the edited deadline stays"
        );
        assert_eq!(c["decisions"][1]["reply_sent_on"], "2022-01-10");
        assert_eq!(c["decisions"][1]["reply_entered_on"], "2022-01-12");
        assert_eq!(c["decisions"].as_array().unwrap().len(), 3);
        // Importing an older export afterwards does not undo anything either.
        import(url, "2021-06-08");
        let again = case(url, "INFR(2020)0385");
        assert_eq!(
            (
                again["lead"].clone(),
                again["decisions"][1]["reply_sent_on"].clone()
            ),
            (
                c["lead"].clone(),
                c["decisions"][1]["reply_sent_on"].clone()
            )
        );
        let history = ok(url, &["--json", "history", "INFR(2020)0385"]);
        assert!(
            history.contains("\"sent_on\"") && history.contains("tester"),
            "{history}"
        );
    });
}

#[test]
fn a_case_that_leaves_the_register_is_inferred_closed_between_two_exports() {
    on_each_backend(|b| {
        let url = &b.url;
        import(url, "2021-06-08");
        let out = import(url, "2022-01-11");
        // INFR(2020)0384 (Delegated Directive 2020/364) is listed on 8/06/2021, gone on 11/01/2022.
        let line = out
            .lines()
            .find(|l| l.contains("INFR(2020)0384"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(
            line.contains("08/06/2021 – 11/01/2022") && line.contains("no longer active"),
            "{line}"
        );
        let c = case(url, "INFR(2020)0384");
        assert_eq!(c["active"], false);
        assert_eq!(c["events"][0]["kind"], "inactive");
        assert_eq!(c["events"][0]["from_date"], "2021-06-08");
        assert_eq!(c["events"][0]["to_date"], "2022-01-11");
        let text = ok(url, &["--lang", "fr", "case", "show", "INFR(2020)0384"]);
        assert!(
            text.contains(
                "n'est plus active dans le registre : entre le 08/06/2021 et le 11/01/2022"
            ) || text.contains("entre le 08/06/2021 et le 11/01/2022"),
            "{text}"
        );
        // Active at a date between its decision and the later export, not after.
        let at = |date: &str| {
            ok(
                url,
                &["--json", "case", "list", "--active", "--as-of", date],
            )
            .contains("INFR(2020)0384")
        };
        assert!(at("2021-12-31"));
        assert!(!at("2022-01-11"));
        assert!(!at("2020-10-07"), "not yet opened");
        // Nothing was deleted: the case and its decision are still there.
        assert_eq!(c["decisions"].as_array().unwrap().len(), 1);
    });
}

#[test]
fn any_order_or_twice_ends_in_the_same_database() {
    on_each_backend(|b| {
        let url = &b.url;
        for date in EXPORTS {
            import(url, date);
        }
        let in_order = state(url);

        let other = tests::backends()
            .into_iter()
            .find(|o| o.name == b.name)
            .unwrap();
        for date in [
            "2023-01-11",
            "2021-04-11",
            "2022-01-11",
            "2020-08-24",
            "2021-06-08",
            "2021-04-11",
        ] {
            import(&other.url, date);
        }
        let shuffled = state(&other.url);
        other.finish();
        assert_eq!(in_order.len(), shuffled.len());
        for (a, b) in in_order.iter().zip(&shuffled) {
            assert_eq!(a, b, "case {} differs", a["number"]);
        }
        let again = import(url, "2022-01-11");
        assert!(again.contains("Nothing changed"), "{again}");
        assert_eq!(state(url), in_order);
    });
}

#[test]
fn a_made_up_label_a_broken_date_and_a_malformed_number_are_three_diagnostics_and_nothing_is_written()
 {
    on_each_backend(|b| {
        let url = &b.url;
        let fixture = format!(
            "{}/../crates/importer/tests/fixtures/register/label-date-number-errors.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let run = scoreboard(
            url,
            &["import", "register", &fixture, "--as-of", "2022-06-01"],
        );
        assert_eq!(run.code, 1, "{run:?}");
        let problems: Vec<&str> = run.out.lines().filter(|l| l.starts_with("  ")).collect();
        assert_eq!(problems.len(), 3, "{}", run.out);
        assert!(
            problems
                .iter()
                .any(|l| l.contains("row 2") && l.contains("Formal warning")),
            "{}",
            run.out
        );
        assert!(
            problems
                .iter()
                .any(|l| l.contains("row 3") && l.contains("2022-02-30")),
            "{}",
            run.out
        );
        assert!(
            problems
                .iter()
                .any(|l| l.contains("row 4") && l.contains("INFR(21)0145")),
            "{}",
            run.out
        );
        let cases = ok(url, &["--json", "case", "list"]);
        assert_eq!(cases.trim(), "[]", "nothing was written");

        // --accept-partial writes the valid rows and keeps the rejected ones with the import run.
        let run = scoreboard(
            url,
            &[
                "import",
                "register",
                &fixture,
                "--as-of",
                "2022-06-01",
                "--accept-partial",
            ],
        );
        assert_eq!(run.code, 0, "{run:?}");
        let c = case(url, "INFR(2021)0145");
        assert_eq!(c["decisions"].as_array().unwrap().len(), 1);
        assert_eq!(c["directives"][0], "32018L2001");
    });
}
