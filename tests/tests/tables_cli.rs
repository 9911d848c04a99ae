//! `scoreboard import tables` and `export tables` as the unit runs them, on SQLite and
//! PostgreSQL: the sample workbook, refused rows that write nothing, the exact round trip.

use tests::{ok, on_each_backend, scoreboard};

fn sample() -> String {
    format!(
        "{}/../../shared/data/cellule-tables/suivi-transposition-2021-03-01.xlsx",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../crates/importer/tests/fixtures/tables/{name}.xlsx",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The Region's authorities the sample and the fixtures name, as the unit would have set them up.
/// The authorities the sample names are there from the start: every database holds the Region's.
fn authorities(url: &str) {
    let list = ok(url, &["authority", "list"]);
    for code in ["BE", "BEE", "BRUGEL", "BI", "PARADIGM", "TALENT", "BM"] {
        assert!(
            list.lines().any(|l| l.starts_with(&format!("{code} "))),
            "{code} in\n{list}"
        );
    }
}

fn json(url: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

#[test]
fn the_sample_workbook_imports_as_a_person_reading_it_would_expect() {
    on_each_backend(|b| {
        let url = &b.url;
        authorities(url);
        let out = ok(url, &["import", "tables", &sample()]);
        assert!(
            out.contains("26 lignes; 26 nouvel(s) enregistrement(s)"),
            "{out}"
        );

        let list = json(url, &["directive", "list", "--as-of", "2021-03-01"]);
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 17);
        let d = |celex: &str| {
            list.iter()
                .find(|d| d["celex"] == celex)
                .unwrap_or_else(|| panic!("{celex} missing"))
                .clone()
        };
        // Citations in every form: "2018/849", "32018L2001", "Directive 2014/17/UE".
        for celex in [
            "32018L0849",
            "32018L2001",
            "32014L0017",
            "32019L1024",
            "32019L0001",
        ] {
            d(celex);
        }
        // Deadlines as text ("05/07/2020") and as real dates alike.
        assert_eq!(
            d("32018L0849")["deadlines"],
            serde_json::json!(["2020-07-05"])
        );
        assert_eq!(
            d("32019L0904")["deadlines"],
            serde_json::json!(["2021-07-03"])
        );
        // Statuses the tool computes at the table's date.
        assert!(d("32018L0849")["status"]["Overdue"].is_object());
        assert_eq!(
            d("32018L0852")["status"]["TransposedLate"]["delay"]["days"],
            191,
            "notified 12/01/2021, due 05/07/2020"
        );
        assert_eq!(d("32019L0790")["status"], "NotConcerned");
        assert!(d("32019L1024")["status"]["NotYetDue"].is_object());
        // Planned dates, exact and approximate.
        assert_eq!(
            (
                d("32018L0851")["planned_text"].clone(),
                d("32018L0851")["planned_on"].clone(),
                d("32018L0851")["planned_approximate"].clone()
            ),
            ("T2 2021".into(), "2021-06-30".into(), true.into())
        );
        assert_eq!(
            (
                d("32018L0850")["planned_on"].clone(),
                d("32018L0850")["planned_approximate"].clone()
            ),
            ("2021-06-30".into(), false.into())
        );
        assert_eq!(d("32018L0849")["planned_on"], "2021-12-31", "fin 2021");
        assert_eq!(d("32019L1024")["planned_on"], "2021-07-31", "07.2021");
        // "Bruxelles Environnement + Brugel": a lead and an associated authority.
        assert_eq!(d("32018L2001")["lead"], "BE");
        assert_eq!(d("32018L2001")["associated"], serde_json::json!(["BRUGEL"]));
        assert_eq!(
            d("32018L2001")["title_fr"],
            "Énergies renouvelables (refonte)"
        );
        assert_eq!(d("32018L0852")["competence"], "shared");

        // The infringement rows, with their three number forms.
        let c = json(url, &["case", "show", "20200385"]);
        assert_eq!(c["lead"], "BEE");
        assert_eq!(c["case_type"], "non-communication");
        assert_eq!(c["directives"], serde_json::json!(["32018L0958"]));
        assert_eq!(c["decisions"][0]["decided_on"], "2020-10-08");
        assert_eq!(c["decisions"][0]["stage_code"], "lfn/258");
        assert_eq!(c["decisions"][0]["reply_deadline"], "2020-12-08");
        assert_eq!(c["decisions"][0]["reply_sent_on"], "2020-12-10");
        assert_eq!(c["decisions"][0]["reply_entered_on"], "2020-12-11");
        let c = json(url, &["case", "show", "INFR(2020)0382"]);
        assert_eq!(c["decisions"][0]["reply_sent_on"], "2020-12-04");
        assert_eq!(c["notes"], "Encodage à faire");
        let c = json(url, &["case", "show", "INFR(2019)2281"]);
        assert_eq!(c["decisions"][0]["stage_code"], "ro/258");
        assert_eq!(c["case_type"], "bad-application");
        assert_eq!(json(url, &["case", "list"]).as_array().unwrap().len(), 9);

        // The same file again changes nothing, and says so.
        let again = ok(url, &["import", "tables", &sample()]);
        assert!(again.contains("Rien n'a changé"), "{again}");
    });
}

#[test]
fn refused_rows_are_named_with_their_place_and_nothing_is_written_unless_accept_partial() {
    on_each_backend(|b| {
        let url = &b.url;
        authorities(url);
        let run = scoreboard(url, &["import", "tables", &fixture("impossible-dates")]);
        assert_eq!(run.code, 1, "{run:?}");
        for expected in [
            "sheet Directives, row 5, column Délai de transposition: found \"31/02/2021\"",
            "sheet Directives, row 6, column Publication MB: found \"2021-13-01\"",
            "sheet Infractions, row 5, column Date de la décision: found \"29/02/2021\"",
        ] {
            assert!(run.out.contains(expected), "{expected}\n{}", run.out);
        }
        assert_eq!(
            json(url, &["directive", "list"]).as_array().unwrap().len(),
            0,
            "nothing written"
        );

        let run = scoreboard(url, &["import", "tables", &fixture("duplicate-rows")]);
        assert_eq!(run.code, 1);
        assert!(
            run.out
                .contains("sheet Directives, row 6, column Directive: found \"2019/904\"")
                && run.out.contains("row 8"),
            "{}",
            run.out
        );

        for (fixture_name, place) in [
            (
                "hidden-columns",
                "sheet Directives, row 7, column Compétence RBC: found \"peut-être\"",
            ),
            (
                "blank-rows",
                "sheet Directives, row 10, column Directive: found \"Directive 2019/\"",
            ),
            (
                "invalid-numbers",
                "sheet Infractions, row 5, column N° procédure: found \"INFR(20)0380\"",
            ),
            (
                "invalid-numbers",
                "sheet Directives, row 5, column Directive: found \"Règlement (UE) 2016/679\"",
            ),
        ] {
            let run = scoreboard(url, &["import", "tables", &fixture(fixture_name)]);
            assert_eq!(run.code, 1, "{fixture_name}: {run:?}");
            assert!(
                run.out.contains(place),
                "{fixture_name}: {place}\n{}",
                run.out
            );
            assert_eq!(
                json(url, &["directive", "list"]).as_array().unwrap().len(),
                0,
                "{fixture_name}: nothing written"
            );
            assert_eq!(
                json(url, &["case", "list"]).as_array().unwrap().len(),
                0,
                "{fixture_name}: nothing written"
            );
        }

        // A typo in an authority's name: the closest known one is suggested.
        ok(
            url,
            &[
                "authority",
                "add",
                "LB",
                "--fr",
                "Leefmilieu",
                "--nl",
                "Leefmilieu",
            ],
        );
        let run = scoreboard(url, &["import", "tables", &fixture("dutch-headers")]);
        assert_eq!(run.code, 1);
        assert!(
            run.out
                .contains("sheet Blad1, row 10, column Bevoegdheid BHG: found \"soms\""),
            "{}",
            run.out
        );
        assert!(
            run.out
                .contains("sheet Inbreuken, row 4, column Stadium: found \"Onbekend\""),
            "{}",
            run.out
        );
        assert_eq!(
            json(url, &["directive", "list"]).as_array().unwrap().len(),
            0,
            "nothing written"
        );

        // --accept-partial writes the valid rows, keeps the rejected ones in the import run.
        let out = ok(
            url,
            &[
                "import",
                "tables",
                &fixture("impossible-dates"),
                "--accept-partial",
            ],
        );
        assert!(out.contains("rejeté"), "{out}");
        let list = json(url, &["directive", "list"]);
        let celexes: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["celex"].as_str().unwrap())
            .collect();
        assert_eq!(celexes, ["32019L0904"], "only the valid row");
        assert_eq!(
            list[0]["deadlines"],
            serde_json::json!(["2021-07-03", "2024-07-03"])
        );
    });
}

#[test]
fn dutch_headers_fill_the_dutch_titles() {
    on_each_backend(|b| {
        let url = &b.url;
        authorities(url);
        let out = ok(
            url,
            &[
                "import",
                "tables",
                &fixture("dutch-headers"),
                "--accept-partial",
            ],
        );
        assert!(out.contains("32019L1024"), "{out}");
        let d = json(url, &["directive", "show", "2019/1024"]);
        assert_eq!(d["title_nl"], "Open data");
        assert_eq!(d["title_fr"], serde_json::Value::Null);
        assert_eq!(d["lead"], "PARADIGM");
        assert_eq!(
            d["associated"],
            serde_json::json!(["BEE"]),
            "named by its Dutch name"
        );
        assert_eq!(d["planned_text"], "eind 2021");
    });
}

#[test]
fn export_then_import_changes_nothing_in_either_language_and_nothing_is_ever_deleted() {
    on_each_backend(|b| {
        let url = &b.url;
        authorities(url);
        ok(url, &["import", "tables", &sample()]);
        ok(
            url,
            &[
                "measure",
                "add",
                "2019/1937",
                "--kind",
                "ordonnance",
                "--title-fr",
                "Ordonnance lanceurs d'alerte",
                "--notified",
                "2022-01-10",
            ],
        );
        let dir = tempfile::tempdir().unwrap();
        for lang in ["fr", "nl"] {
            let file = dir.path().join(format!("tables-{lang}.xlsx"));
            let file = file.to_str().unwrap();
            let out = ok(
                url,
                &[
                    "--lang",
                    lang,
                    "export",
                    "tables",
                    file,
                    "--as-of",
                    "2021-03-01",
                ],
            );
            assert!(out.contains("17"), "{out}");
            let back = ok(url, &["import", "tables", file]);
            assert!(back.contains("Rien n'a changé"), "{lang}: {back}");
        }
        // A directive tracked but absent from a file stays, and is reported.
        ok(
            url,
            &["directive", "add", "2023/970", "--deadline", "2026-06-07"],
        );
        let out = ok(url, &["import", "tables", &sample()]);
        assert!(
            out.contains("absentes de ce fichier (conservées) (1): 32023L0970"),
            "{out}"
        );
        assert!(ok(url, &["--json", "directive", "list"]).contains("32023L0970"));
    });
}
