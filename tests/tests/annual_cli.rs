//! `scoreboard report annual` on a database built by hand around the period's edges, on SQLite
//! and PostgreSQL: what each summary figure counts, in both languages.

use tests::{ok, on_each_backend, scoreboard};

fn setup(url: &str, dir: &std::path::Path) {
    // Due on 30/09/2021 and notified that day: on time, in year 2021.
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/1024",
            "--deadline",
            "30/09/2021",
            "--competence",
            "shared",
            "--lead",
            "BE",
            "--title-fr",
            "Données ouvertes",
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
            "30/09/2021",
            "--adopted",
            "15/09/2021",
            "--complete",
        ],
    );
    // Due on 1/10/2021: year 2022, not 2021.
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/1152",
            "--deadline",
            "01/10/2021",
            "--competence",
            "shared",
        ],
    );
    // Due 15/03/2021, completed 20/04/2021: late.
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/904",
            "--deadline",
            "15/03/2021",
            "--competence",
            "shared",
        ],
    );
    ok(
        url,
        &[
            "measure",
            "add",
            "2019/904",
            "--kind",
            "arrêté du Gouvernement",
            "--notified",
            "20/04/2021",
            "--complete",
        ],
    );
    // Due 1/02/2021, nothing notified: not transposed, outstanding at the end.
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/1158",
            "--deadline",
            "01/02/2021",
            "--competence",
            "exclusive",
            "--lead",
            "BE",
            "--risk",
            "avis du Conseil d'État attendu",
        ],
    );
    // Not concerned: counted nowhere.
    ok(
        url,
        &[
            "directive",
            "add",
            "2019/790",
            "--deadline",
            "07/06/2021",
            "--competence",
            "not-concerned",
        ],
    );
    // Two letters of formal notice: 1/10/2020 belongs to year 2021, 30/09/2020 to year 2020.
    let register = dir.join("register-2021-10-15.json");
    let row = |number: &str, date: &str| {
        serde_json::json!({"Infringement_number": number, "Decision_date": date, "Decision_type": "Formal notice Art. 258 TFEU",
            "Press_release": "", "Memo": "", "Country": "Belgium", "Policy_area___Department_in_charge": "Environment",
            "Title": "Test case", "Active_infringement_cases": "Yes", "Non_communication_cases": "No"})
    };
    let rows = serde_json::json!([
        row("INFR(2020)0001", "2020-10-01"),
        row("INFR(2020)0002", "2020-09-30")
    ]);
    std::fs::write(&register, rows.to_string()).unwrap();
    ok(url, &["import", "register", register.to_str().unwrap()]);
}

fn figure(summary: &serde_json::Value, key: &str) -> (u64, u64) {
    let line = summary
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {summary}"));
    (
        line["current"].as_u64().unwrap(),
        line["previous"].as_u64().unwrap(),
    )
}

#[test]
fn the_annual_report_counts_the_period_edges_right_in_both_languages() {
    on_each_backend(|b| {
        let url = &b.url;
        let dir = tempfile::tempdir().unwrap();
        setup(url, dir.path());
        let out = dir.path().join("report");
        // Until the unit says the cases concern the Region, they count in no figure of its own.
        let untriaged: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "report",
                "annual",
                "--year",
                "2021",
                "--out",
                out.to_str().unwrap(),
            ],
        ))
        .unwrap();
        assert_eq!(
            figure(&untriaged["summary"], "decisions-formal-notice"),
            (0, 0),
            "cases to triage are not the Region's"
        );
        for number in ["INFR(2020)0001", "INFR(2020)0002"] {
            ok(url, &["case", "set", number, "--brussels", "yes"]);
        }
        let run: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "--lang",
                "both",
                "report",
                "annual",
                "--year",
                "2021",
                "--out",
                out.to_str().unwrap(),
            ],
        ))
        .unwrap();
        let summary = &run["summary"];
        assert_eq!(
            figure(summary, "deadlines-in-period"),
            (3, 0),
            "30/09/2021 counts, 1/10/2021 does not, not concerned never"
        );
        assert_eq!(figure(summary, "transposed-on-time"), (1, 0));
        assert_eq!(figure(summary, "transposed-late"), (1, 0));
        assert_eq!(figure(summary, "not-transposed"), (1, 0));
        assert_eq!(figure(summary, "measures-notified").0, 2);
        assert_eq!(
            figure(summary, "decisions-formal-notice"),
            (1, 1),
            "1/10/2020 in 2021, 30/09/2020 in 2020"
        );
        for lang in ["fr", "nl"] {
            let docx = std::fs::read(out.join(format!("annual-2021-{lang}.docx"))).unwrap();
            assert_eq!(&docx[..2], b"PK", "a DOCX is a zip");
            let html =
                std::fs::read_to_string(out.join(format!("annual-2021-{lang}.html"))).unwrap();
            let period = if lang == "fr" {
                "1er octobre 2020"
            } else {
                "1 oktober 2020"
            };
            assert!(html.contains(period), "{lang}");
        }
        // The next year counts the 1/10/2021 deadline.
        let run: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "report",
                "annual",
                "--year",
                "2022",
                "--out",
                out.to_str().unwrap(),
            ],
        ))
        .unwrap();
        assert_eq!(figure(&run["summary"], "deadlines-in-period"), (1, 3));
        // In English too, for readers outside the Region: the same document, English words.
        let english = out.join("en");
        let run = scoreboard(
            url,
            &[
                "--lang",
                "en",
                "report",
                "annual",
                "--year",
                "2021",
                "--out",
                english.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.err);
        let pages: Vec<String> = std::fs::read_dir(&english)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(pages.len(), 1, "one English page");
        assert!(
            pages[0].contains("Annual report to the Parliament") && pages[0].contains("1. Summary"),
            "{}",
            &pages[0][..500.min(pages[0].len())]
        );
    });
}

/// The proposals followed during the period, entered through the commands, counted in the
/// summary and listed in their annexes in both languages; the figures add up.
#[test]
fn the_proposals_followed_during_the_period_add_up() {
    on_each_backend(|b| {
        let url = &b.url;
        let dir = tempfile::tempdir().unwrap();
        // New in 2021, with BE's impact note; carried over from 2020 and withdrawn in 2021;
        // carried over and adopted in 2021; proposed after the period; one without its date.
        ok(
            url,
            &[
                "proposal",
                "add",
                "COM(2021) 557 final",
                "--lead",
                "BE",
                "--title-fr",
                "Énergies renouvelables",
                "--proposed",
                "14/07/2021",
            ],
        );
        ok(url, &["impact", "new", "COM(2021)557", "--authority", "BE"]);
        ok(
            url,
            &[
                "impact",
                "set",
                "COM(2021)557",
                "--field",
                "summary",
                "--value",
                "Ordonnance énergie à revoir",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "add",
                "COM/2020/80",
                "--lead",
                "BM",
                "--proposed",
                "04/03/2020",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "set",
                "COM/2020/80",
                "--stage",
                "withdrawn",
                "--on",
                "01/03/2021",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "add",
                "52020PC0100",
                "--lead",
                "BE",
                "--proposed",
                "15/01/2020",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "adopt",
                "52020PC0100",
                "--directive",
                "2021/1187",
                "--adopted",
                "07/07/2021",
                "--deadline",
                "07/07/2023",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "add",
                "COM(2021) 900",
                "--lead",
                "BM",
                "--proposed",
                "01/10/2021",
            ],
        );
        ok(url, &["proposal", "add", "COM(2021) 901", "--lead", "BM"]);
        let out = dir.path().join("report");
        let run: serde_json::Value = serde_json::from_str(&ok(
            url,
            &[
                "--json",
                "--lang",
                "both",
                "report",
                "annual",
                "--year",
                "2021",
                "--out",
                out.to_str().unwrap(),
            ],
        ))
        .unwrap();
        let s = &run["summary"];
        let f = |key| figure(s, key);
        assert_eq!(
            f("proposals-followed"),
            (3, 2),
            "2021: 557, 80, 100; 2020: 80, 100"
        );
        assert_eq!(f("proposals-new"), (1, 2));
        assert_eq!(f("proposals-carried-over"), (2, 0));
        assert_eq!(f("proposals-adopted"), (1, 0));
        assert_eq!(f("proposals-withdrawn"), (1, 0));
        assert_eq!(f("proposals-open-at-end"), (1, 2));
        assert_eq!(f("proposals-undated"), (1, 1));
        for i in 0..2 {
            let at = |key| if i == 0 { f(key).0 } else { f(key).1 };
            assert_eq!(
                at("proposals-followed"),
                at("proposals-new") + at("proposals-carried-over")
            );
            assert_eq!(
                at("proposals-followed"),
                at("proposals-adopted") + at("proposals-withdrawn") + at("proposals-open-at-end")
            );
        }
        for (lang, summary_text) in [
            ("fr", "Ordonnance énergie à revoir"),
            ("nl", "Ordonnance énergie à revoir"),
        ] {
            let html = std::fs::read_to_string(out.join(format!("annual-2021-{lang}.html")))
                .unwrap()
                .replace("&#x2f;", "/");
            assert!(
                html.contains(summary_text),
                "{lang}: the impact note's summary"
            );
            let annex = html
                .split("<table id=\"annex-proposals-adopted\">")
                .nth(1)
                .and_then(|t| t.split("</table>").next())
                .unwrap_or_default();
            assert!(
                annex.contains("COM(2020) 100") && annex.contains("2021/1187"),
                "{lang}: {annex}"
            );
            let body = annex.split("<tbody>").nth(1).unwrap_or_default();
            assert_eq!(
                body.matches("<tr").count(),
                1,
                "{lang}: the annex lists as many as the summary counts"
            );
        }
    });
}
