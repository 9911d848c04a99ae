//! The command line as a user runs it, on SQLite and on PostgreSQL: adding and changing records,
//! the history every write leaves, and refused input that writes nothing.

use tests::{ok, on_each_backend, scoreboard};

fn history_rows(url: &str, key: &str) -> Vec<serde_json::Value> {
    let out = ok(url, &["--json", "history", key]);
    serde_json::from_str::<serde_json::Value>(&out)
        .expect("history JSON")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn count_history(url: &str) -> usize {
    ["32019L1024", "32018L0958", "BE", "BEE"]
        .iter()
        .map(|k| history_rows(url, k).len())
        .sum()
}

fn setup(url: &str) {
    ok(url, &["init"]);
    ok(
        url,
        &[
            "directive",
            "add",
            "Directive (EU) 2019/1024",
            "--deadline",
            "17/07/2021",
            "--competence",
            "shared",
            "--lead",
            "BE",
            "--title-en",
            "Open data",
        ],
    );
}

#[test]
fn every_write_is_in_the_history_with_user_time_old_and_new_value() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        ok(
            url,
            &[
                "directive",
                "set",
                "32019L1024",
                "--lead",
                "Brussel Economie en Werkgelegenheid",
                "--planned",
                "T2 2022",
                "--risk",
                "waiting for the Council of State",
            ],
        );
        ok(
            url,
            &[
                "measure",
                "add",
                "2019/1024",
                "--kind",
                "ordonnance",
                "--notified",
                "2022-03-01",
                "--complete",
            ],
        );

        let rows = history_rows(url, "32019L1024");
        let find = |action: &str, field: &str| {
            rows.iter()
                .rfind(|r| r["action"] == action && r["field"] == field)
                .unwrap_or_else(|| panic!("no {action} of {field} in {rows:#?}"))
                .clone()
        };
        let created = find("insert", "celex");
        assert_eq!(created["new_value"], "32019L1024");
        assert_eq!(created["old_value"], serde_json::Value::Null);
        assert_eq!(created["user_name"], "tester");
        assert!(
            created["at"].as_str().is_some_and(|t| t.starts_with("20")),
            "time recorded: {created}"
        );

        let lead = find("update", "lead_authority_id");
        assert_ne!(lead["old_value"], lead["new_value"]);
        assert!(lead["old_value"].as_str().is_some() && lead["new_value"].as_str().is_some());
        let planned = find("update", "planned_text");
        assert_eq!(planned["old_value"], serde_json::Value::Null);
        assert_eq!(planned["new_value"], "T2 2022");
        assert_eq!(find("update", "planned_on")["new_value"], "2022-06-30");
        assert_eq!(find("update", "at_risk")["old_value"], "false");
        assert_eq!(find("update", "at_risk")["new_value"], "true");
        let deadline = find("insert", "deadline");
        assert_eq!(deadline["new_value"], "2021-07-17");
        assert_eq!(deadline["table_name"], "directive_deadline");
        let measure = find("insert", "notified_on");
        assert_eq!(measure["table_name"], "measure");
        assert_eq!(measure["new_value"], "2022-03-01");

        // The directive is now transposed, late: 2021-07-17 -> 2022-03-01.
        let show: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "directive",
                "show",
                "32019L1024",
                "--as-of",
                "2022-06-30",
            ],
        ))
        .unwrap();
        assert_eq!(show["lead"], "BEE");
        assert_eq!(show["status"]["TransposedLate"]["delay"]["days"], 227);
        // At a date before the notification it was still overdue.
        let before: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "directive",
                "show",
                "32019L1024",
                "--as-of",
                "2022-02-28",
            ],
        ))
        .unwrap();
        assert!(
            before["status"]["Overdue"].is_object(),
            "{}",
            before["status"]
        );

        // Nothing changes when nothing differs, and then nothing is recorded.
        let before = history_rows(url, "32019L1024").len();
        ok(
            url,
            &["directive", "set", "32019L1024", "--planned", "T2 2022"],
        );
        assert_eq!(history_rows(url, "32019L1024").len(), before);
    });
}

#[test]
fn bad_input_gets_one_clear_line_exit_2_and_writes_nothing() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let before = count_history(url);

        let run = scoreboard(url, &["directive", "add", "2019/99999"]);
        assert_eq!(run.code, 2);
        assert!(
            run.err.contains("2019/99999"),
            "names the value: {}",
            run.err
        );
        assert!(
            run.err.contains("2019/1024"),
            "shows the expected form: {}",
            run.err
        );
        assert_eq!(run.err.lines().count(), 1, "one line: {}", run.err);

        let run = scoreboard(
            url,
            &["directive", "add", "2018/958", "--deadline", "31/02/2021"],
        );
        assert_eq!(run.code, 2);
        assert!(run.err.contains("31/02/2021"), "{}", run.err);
        assert!(
            run.err.contains("February") || run.err.contains("févr") || run.err.contains("28"),
            "says why: {}",
            run.err
        );

        // A failure half-way (unknown authority after the directive itself is valid) writes nothing.
        let run = scoreboard(
            url,
            &[
                "directive",
                "add",
                "2018/958",
                "--deadline",
                "30/07/2020",
                "--lead",
                "BEE",
                "--associated",
                "Nowhere",
            ],
        );
        assert_eq!(run.code, 2);
        assert!(run.err.contains("Nowhere"), "{}", run.err);
        let list = ok(url, &["--json", "directive", "list"]);
        assert!(
            !list.contains("32018L0958"),
            "the directive was not written: {list}"
        );

        let run = scoreboard(
            url,
            &["directive", "set", "32019L1024", "--in-force", "maybe"],
        );
        assert_eq!(run.code, 2);
        assert!(run.err.contains("maybe"));
        let run = scoreboard(url, &["case", "show", "INFR(20)0385"]);
        assert_eq!(run.code, 2);
        assert!(run.err.contains("INFR(20)0385"), "{}", run.err);
        let run = scoreboard(url, &["status", "--as-of", "2021-13-01"]);
        assert_eq!(run.code, 2);
        assert!(run.err.contains("2021-13-01"), "{}", run.err);

        assert_eq!(count_history(url), before, "refused commands wrote nothing");
    });
}

/// `measure add --kind` takes a kind's code or its name in French, Dutch or English (any case,
/// accents optional, the abbreviations people write), stores the code, and `directive show`
/// says the name in the language asked for; anything else is refused in the user's language,
/// listing the kinds, and writes nothing.
#[test]
fn a_measure_kind_is_its_code_or_its_name_and_anything_else_is_refused() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let kinds = [
            ("arrêté du Gouvernement", "government-decree"),
            ("Arrete ministeriel", "ministerial-decree"),
            ("ordonnantie", "ordinance"),
            ("besluit van de Regering", "government-decree"),
            ("AGRBC", "government-decree"),
            ("joint-ordinance", "joint-ordinance"),
            ("cooperation agreement", "cooperation-agreement"),
        ];
        for (kind, code) in kinds {
            let out = ok(
                url,
                &["--json", "measure", "add", "2019/1024", "--kind", kind],
            );
            let model: serde_json::Value = serde_json::from_str(&out).expect("JSON");
            assert_eq!(model["kind"], code, "{kind}");
        }
        let show: serde_json::Value =
            serde_json::from_str(&ok(url, &["--json", "directive", "show", "2019/1024"]))
                .expect("JSON");
        let stored: Vec<&str> = show["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .map(|m| m["kind"].as_str().expect("a code"))
            .collect();
        let expected: Vec<&str> = kinds.iter().map(|(_, code)| *code).collect();
        assert_eq!(stored, expected, "the JSON shows the stored codes");

        let fr = ok(url, &["--lang", "fr", "directive", "show", "2019/1024"]);
        for name in [
            "arrêté du Gouvernement",
            "arrêté ministériel",
            "ordonnance conjointe",
            "accord de coopération",
        ] {
            assert!(fr.contains(name), "{name} in {fr}");
        }
        let nl = ok(url, &["--lang", "nl", "directive", "show", "2019/1024"]);
        for name in [
            "besluit van de Regering",
            "ministerieel besluit",
            "gezamenlijke ordonnantie",
            "samenwerkingsakkoord",
        ] {
            assert!(nl.contains(name), "{name} in {nl}");
        }
        for text in [&fr, &nl] {
            assert!(!text.contains("government-decree"), "no code shown: {text}");
        }

        let before = tests::dump(url);
        for (lang, says, lists) in [
            (
                "fr",
                "--kind « décret royal » n'est pas un type de mesure",
                "arrêté du Gouvernement (government-decree)",
            ),
            (
                "nl",
                "--kind \"décret royal\" is geen soort maatregel",
                "besluit van de Regering (government-decree)",
            ),
            (
                "en",
                "--kind \"décret royal\" is not a kind of measure",
                "government decree (government-decree)",
            ),
        ] {
            let run = scoreboard(
                url,
                &[
                    "--lang",
                    lang,
                    "measure",
                    "add",
                    "2019/1024",
                    "--kind",
                    "décret royal",
                ],
            );
            assert_eq!(run.code, 2, "{lang}");
            assert!(run.err.contains(says), "{lang}: {}", run.err);
            assert!(run.err.contains(lists), "{lang}: {}", run.err);
            assert!(run.err.contains("(table)"), "{lang}: {}", run.err);
        }
        // A name inside a longer text is no kind: what the rest says would be lost.
        let run = scoreboard(
            url,
            &[
                "measure",
                "add",
                "2019/1024",
                "--kind",
                "ordonnance du 5 mai 2022",
            ],
        );
        assert_eq!(run.code, 2);
        assert!(run.err.contains("ordonnance du 5 mai 2022"), "{}", run.err);
        assert_eq!(tests::dump(url), before, "a refused kind wrote nothing");
    });
}

#[test]
fn a_stale_version_is_refused_instead_of_overwriting() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        let show: serde_json::Value =
            serde_json::from_str(&ok(url, &["--json", "directive", "show", "32019L1024"])).unwrap();
        let read = show["version"].as_i64().unwrap().to_string();
        ok(
            url,
            &[
                "directive",
                "set",
                "32019L1024",
                "--if-version",
                &read,
                "--notes",
                "first writer",
            ],
        );
        let run = scoreboard(
            url,
            &[
                "directive",
                "set",
                "32019L1024",
                "--if-version",
                &read,
                "--notes",
                "second writer",
            ],
        );
        assert_eq!(run.code, 2);
        assert!(
            run.err
                .contains("quelqu'un d'autre y a apporté une modification"),
            "{}",
            run.err
        );
        let show: serde_json::Value =
            serde_json::from_str(&ok(url, &["--json", "directive", "show", "32019L1024"])).unwrap();
        assert_eq!(show["notes"], "first writer");
    });
}

#[test]
fn lists_and_status_for_people_and_for_scripts() {
    on_each_backend(|b| {
        let url = &b.url;
        setup(url);
        ok(
            url,
            &[
                "directive",
                "add",
                "2018/958",
                "--deadline",
                "2020-07-30",
                "--lead",
                "BEE",
            ],
        );
        ok(
            url,
            &["directive", "add", "2019/1158", "--deadline", "2022-08-02"],
        );
        let out = ok(url, &["status", "--as-of", "2022-07-01"]);
        assert!(out.contains("Situation au 1er juillet 2022"), "{out}");
        let overdue = out.split("À transposer").next().unwrap();
        assert!(
            overdue.contains("32018L0958") && overdue.contains("32019L1024"),
            "{out}"
        );
        let soon = out.split("À transposer").nth(1).unwrap();
        assert!(
            soon.contains("32019L1158") && soon.contains("à désigner"),
            "{out}"
        );
        let nl = ok(url, &["--lang", "nl", "status", "--as-of", "2022-07-01"]);
        assert!(
            nl.contains("Stand op 1 juli 2022") && nl.contains("aan te wijzen"),
            "{nl}"
        );

        let json: serde_json::Value =
            serde_json::from_str(&ok(url, &["--json", "status", "--as-of", "2022-07-01"])).unwrap();
        assert_eq!(json["overdue"].as_array().unwrap().len(), 2);
        assert_eq!(
            json["overdue"][0]["celex"], "32018L0958",
            "longest delay first"
        );
        assert_eq!(json["due_soon"][0]["celex"], "32019L1158");

        let list = ok(
            url,
            &[
                "directive",
                "list",
                "--authority",
                "BEE",
                "--as-of",
                "2022-07-01",
            ],
        );
        assert!(
            list.contains("32018L0958") && !list.contains("32019L1024"),
            "{list}"
        );
        let authorities = ok(url, &["authority", "list"]);
        assert!(authorities.contains("Leefmilieu Brussel"));
        let run = scoreboard(url, &["authority", "add", "be", "--fr", "x", "--nl", "y"]);
        assert_eq!(run.code, 2);
        assert!(run.err.contains("existe déjà"), "{}", run.err);
    });
}
