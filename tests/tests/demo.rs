//! `scoreboard demo` as a new user runs it: a database and the overview from the bundled data.

#[test]
fn demo_builds_its_database_and_prints_the_overview_from_real_data() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = tests::ok("unused.db", &["demo", "--out", out_dir.to_str().unwrap()]);
    assert!(out.contains("Situation au 11 janvier 2023"), "{out}");
    assert!(
        out.contains("inventées"),
        "the demo says what is invented: {out}"
    );
    // Real directives, real deadlines: 2018/958 (30/07/2020) has no measure in the sample.
    let overdue = out.split("À transposer").next().unwrap();
    assert!(
        overdue.contains("32018L0958") && overdue.contains("30/07/2020"),
        "{out}"
    );
    assert!(
        !overdue.contains("32019L0001"),
        "not concerned is never overdue: {out}"
    );
    // Real cases from the register export, with the reply deadline their last letter opened:
    // INFR(2022)0332 (Directive 2019/1158), formal notice 20/09/2022, reply due 20/11/2022.
    let line = out
        .lines()
        .find(|l| l.starts_with("INFR(2022)0332"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("20/09/2022") && line.contains("20/11/2022") && line.contains("TALENT"),
        "{line}"
    );
    // INFR(2020)0385 was referred to the Court: no reply pending, so not on the overview.
    assert!(!out.contains("INFR(2020)0385"), "{out}");

    let db = out_dir.join("scoreboard.db");
    let url = db.to_str().unwrap();
    let case: serde_json::Value =
        serde_json::from_str(&tests::ok(url, &["--json", "case", "show", "2020/0385"])).unwrap();
    let decisions = case["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 3);
    assert_eq!(decisions[0]["decided_on"], "2020-10-08");
    assert_eq!(decisions[2]["decided_on"], "2022-09-29");
    assert_eq!(decisions[2]["stage_code"], "referral/258+260.3");
    assert_eq!(case["directives"][0], "32018L0958");
    assert_eq!(case["lead"], "BEE");
    let cases: serde_json::Value =
        serde_json::from_str(&tests::ok(url, &["--json", "case", "list"])).unwrap();
    assert_eq!(
        cases.as_array().unwrap().len(),
        114,
        "every Belgian case of the 11/01/2023 export"
    );
    assert!(
        std::fs::read_to_string(out_dir.join("status-nl.txt"))
            .unwrap()
            .contains("Stand op 11 januari 2023")
    );
    // The tables the demo exports are read back by `import tables` without a change.
    for lang in ["fr", "nl"] {
        let file = out_dir.join(format!("tables-{lang}.xlsx"));
        let back = tests::ok(url, &["import", "tables", file.to_str().unwrap()]);
        assert!(back.contains("Rien n'a changé"), "{lang}: {back}");
    }

    // Running it again keeps the earlier database aside rather than deleting it.
    tests::ok("unused.db", &["demo", "--out", out_dir.to_str().unwrap()]);
    assert!(out_dir.join("scoreboard.db.previous").exists());
}
