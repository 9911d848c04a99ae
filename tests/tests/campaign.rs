//! `campaign` and `report campaign` through the CLI, on SQLite and PostgreSQL: the round trip
//! (new → export → a form filled in as an administration would, with its own header words and
//! column order → import → status → report), a later import that changes an answer (the history
//! keeps the old one), and bad inputs, each refused with its diagnostic and nothing written.

use std::io::Read;
use std::path::Path;

use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tests::{dump, ok, on_each_backend, scoreboard};

use tests::SIEG_QUESTIONS as QUESTIONS;

fn json(url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

fn new_campaign(url: &str, dir: &Path) {
    let questions = dir.join("questions.toml");
    std::fs::write(&questions, QUESTIONS).unwrap();
    let out = ok(
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
    assert!(out.contains("SIEG 2022"), "{out}");
    assert!(out.contains("30 septembre 2022"), "{out}");
}

/// A form as an administration fills it in its own workbook: Dutch or English words, the answer
/// before the key, the comment first, extra rows and columns; `rows` are (key, answer, comment).
fn filled_form(
    path: &Path,
    identification: &[(&str, &str)],
    header: [&str; 3],
    rows: &[(&str, &str, &str)],
) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Ingevuld").unwrap();
    sheet
        .write_string(0, 0, "Antwoord van onze dienst")
        .unwrap();
    for (i, (label, value)) in identification.iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_string(row, 1, *label).unwrap();
        sheet.write_string(row, 2, *value).unwrap();
    }
    // Header on row 6, starting at column B: comment, answer, an unknown column, key.
    sheet.write_string(5, 1, header[2]).unwrap();
    sheet.write_string(5, 2, header[1]).unwrap();
    sheet.write_string(5, 3, "Interne nota").unwrap();
    sheet.write_string(5, 4, header[0]).unwrap();
    for (i, (key, answer, comment)) in rows.iter().enumerate() {
        let row = 6 + i as u32;
        sheet.write_string(row, 1, *comment).unwrap();
        if let Ok(n) = answer.parse::<f64>()
            && !answer.contains('/')
        {
            // A number typed as a number.
            sheet.write_number(row, 2, n).unwrap();
        } else {
            sheet.write_string(row, 2, *answer).unwrap();
        }
        sheet.write_string(row, 3, "niet voor de Cel").unwrap();
        sheet.write_string(row, 4, *key).unwrap();
    }
    workbook.save(path).unwrap();
}

/// The text of the main part of a DOCX.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The cells of a workbook's first sheet as text rows.
fn grid(path: &Path) -> Vec<Vec<String>> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The done-when of the issue: new, XLSX out, XLSX in (as an administration fills it), status,
/// report; then a later import changes an answer through the store.
#[test]
fn a_campaign_goes_round_trip() {
    on_each_backend(|b| {
        let url = &b.url;
        let dir = tempfile::tempdir().unwrap();
        new_campaign(url, dir.path());
        let list = ok(url, &["campaign", "list"]);
        assert!(
            list.contains("SIEG 2022") && list.contains("BE, BM"),
            "{list}"
        );

        // Export: one form per administration, in the language asked.
        let forms = dir.path().join("forms");
        let out = ok(
            url,
            &[
                "--lang",
                "nl",
                "campaign",
                "export",
                "sieg 2022",
                "--out",
                forms.to_str().unwrap(),
            ],
        );
        assert!(out.contains("sieg-2022-BE-nl.xlsx"), "{out}");
        assert!(out.contains("sieg-2022-BM-nl.xlsx"), "{out}");
        let cells = grid(&forms.join("sieg-2022-BE-nl.xlsx"));
        let text = format!("{cells:?}");
        for word in [
            "SIEG 2022",
            "BE",
            "Sleutel",
            "Antwoord",
            "Welke diensten",
            "ja/nee",
            "30 september 2022",
        ] {
            assert!(text.contains(word), "{word}: {text}");
        }

        // Status before anyone answered, on the due date: nobody late yet.
        let before = scoreboard(
            url,
            &["campaign", "status", "SIEG 2022", "--as-of", "30/09/2022"],
        );
        assert_eq!(before.code, 0, "{}", before.out);
        assert!(before.out.contains("0/4"), "{}", before.out);

        // BE answers in its own workbook: Dutch labels, English header, columns in another order.
        let be = dir.path().join("antwoord BE.xlsx");
        filled_form(
            &be,
            &[
                ("Campagne", "SIEG 2022"),
                ("Administratie", "Leefmilieu Brussel"),
            ],
            ["Question key", "Your answer", "Remarks"],
            &[
                ("services", "Ophaling van afval", "zie bijlage"),
                ("compensation", "ja", ""),
                ("amount", "1250000.5", ""),
                ("mandate", "15/03/2021", "ordonnantie"),
            ],
        );
        let imported = ok(url, &["campaign", "import", be.to_str().unwrap()]);
        assert!(imported.contains("BE"), "{imported}");
        assert!(imported.contains("4 nouvelle(s)"), "{imported}");

        // BM answers only part, in French words.
        let bm = dir.path().join("bm.xlsx");
        filled_form(
            &bm,
            &[("Campagne", "sieg 2022"), ("Administration", "BM")],
            ["Clé", "Réponse", "Commentaire"],
            &[("compensation", "non", ""), ("services", "", "")],
        );
        let imported = json(url, &["campaign", "import", bm.to_str().unwrap()]);
        assert_eq!(imported["authority"], "BM");
        assert_eq!(
            imported["recorded"]["new"],
            serde_json::json!(["compensation"])
        );
        assert_eq!(imported["blank"], serde_json::json!(["services"]));

        // Status after the due date: BM is late, BE is not; exit code 1.
        let after = scoreboard(
            url,
            &["campaign", "status", "SIEG 2022", "--as-of", "01/10/2022"],
        );
        assert_eq!(after.code, 1, "{}", after.out);
        let be_line = after.out.lines().find(|l| l.starts_with("BE ")).unwrap();
        let bm_line = after.out.lines().find(|l| l.starts_with("BM ")).unwrap();
        assert!(
            be_line.contains("4/4") && !be_line.contains("oui"),
            "{be_line}"
        );
        assert!(
            bm_line.contains("1/4") && bm_line.contains("oui"),
            "{bm_line}"
        );
        let run = scoreboard(
            url,
            &[
                "--json",
                "campaign",
                "status",
                "SIEG 2022",
                "--as-of",
                "01/10/2022",
            ],
        );
        assert_eq!(run.code, 1);
        let status: Value = serde_json::from_str(&run.out).unwrap();
        let lines = status["authorities"].as_array().unwrap();
        assert_eq!(lines[0]["authority"], "BE");
        assert_eq!(lines[0]["late"], false);
        assert_eq!(lines[1]["late"], true);

        // The stored answers are the values read by kind.
        let show = json(url, &["campaign", "show", "SIEG 2022"]);
        let values: Vec<&str> = show["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["value"].as_str().unwrap())
            .collect();
        for v in ["Ophaling van afval", "yes", "1250000.5", "2021-03-15", "no"] {
            assert!(values.contains(&v), "{v}: {values:?}");
        }

        // The report names the answers, and who has not answered.
        let reports = dir.path().join("report");
        ok(
            url,
            &[
                "--lang",
                "both",
                "report",
                "campaign",
                "SIEG 2022",
                "--as-of",
                "01/10/2022",
                "--out",
                reports.to_str().unwrap(),
            ],
        );
        // French numbers are grouped with a narrow no-break space.
        let fr = docx_text(&reports.join("sieg-2022-report-fr.docx")).replace('\u{202f}', " ");
        for word in [
            "Rapport SIEG 2022",
            "Ophaling van afval",
            "1 250 000,5",
            "15 mars 2021",
            "Bruxelles Environnement",
            "Sans réponse : Bruxelles Mobilité",
            "zie bijlage",
            "oui",
            "non",
        ] {
            assert!(fr.contains(word), "{word} not in the FR report");
        }
        let nl = docx_text(&reports.join("sieg-2022-report-nl.docx"));
        for word in [
            "DAEB-verslag 2022",
            "15 maart 2021",
            "1.250.000,5",
            "Leefmilieu Brussel",
            "Zonder antwoord: Brussel Mobiliteit",
        ] {
            assert!(nl.contains(word), "{word} not in the NL report");
        }

        // A later form changes an answer: overwritten through the store, the old one in the history.
        filled_form(
            &be,
            &[("Campaign", "SIEG 2022"), ("Authority", "BE")],
            ["Key", "Answer", "Comment"],
            &[("amount", "1300000", "corrigé")],
        );
        let again = json(url, &["campaign", "import", be.to_str().unwrap()]);
        assert_eq!(again["recorded"]["changed"], serde_json::json!(["amount"]));
        let history = ok(url, &["--json", "history", "SIEG 2022 BE amount"]);
        assert!(
            history.contains("1250000.5") && history.contains("1300000"),
            "{history}"
        );
        // The same form again writes nothing.
        let before = dump(url);
        let same = json(url, &["campaign", "import", be.to_str().unwrap()]);
        assert_eq!(same["written"], false);
        assert_eq!(dump(url), before);
    });
}

/// Each bad form is refused with exit code 2, its diagnostic at its place, and nothing written.
#[test]
fn a_bad_form_is_refused_whole() {
    on_each_backend(|b| {
        let url = &b.url;
        let dir = tempfile::tempdir().unwrap();
        new_campaign(url, dir.path());
        let good_id: [(&str, &str); 2] = [("Campagne", "SIEG 2022"), ("Administration", "BE")];
        let header = ["Clé", "Réponse", "Commentaire"];
        let check =
            |name: &str, id: &[(&str, &str)], rows: &[(&str, &str, &str)], expected: &[&str]| {
                let path = dir.path().join(format!("{name}.xlsx"));
                filled_form(&path, id, header, rows);
                let before = dump(url);
                let run = scoreboard(url, &["campaign", "import", path.to_str().unwrap()]);
                assert_eq!(run.code, 2, "{name}: {} {}", run.out, run.err);
                let said = format!("{}{}", run.out, run.err);
                for e in expected {
                    assert!(said.contains(e), "{name}: {e} not in {said}");
                }
                assert_eq!(dump(url), before, "{name}: something was written");
            };
        // A good row beside each bad one: the good one is not written either.
        let good = ("services", "Transport", "");
        check(
            "unknown-key",
            &good_id,
            &[good, ("staff", "12", "")],
            &[
                "row 8, column E: found \"staff\"",
                "services, compensation, amount, mandate",
            ],
        );
        check(
            "not-a-number",
            &good_id,
            &[good, ("amount", "beaucoup", "")],
            &["row 8, column C: found \"beaucoup\", expected a number"],
        );
        check(
            "bad-date",
            &good_id,
            &[good, ("mandate", "31/02/2021", "")],
            &["column C: found \"31/02/2021\", expected a date"],
        );
        check(
            "neither-yes-nor-no",
            &good_id,
            &[good, ("compensation", "peut-être", "")],
            &["found \"peut-être\", expected yes or no"],
        );
        check(
            "wrong-campaign",
            &[
                ("Campagne", "Rapport annuel 2022"),
                ("Administration", "BE"),
            ],
            &[good],
            &["row 3, column C: found \"Rapport annuel 2022\", expected the campaign SIEG 2022"],
        );
        check(
            "wrong-authority",
            &[("Campagne", "SIEG 2022"), ("Administration", "BI")],
            &[good],
            &["row 4, column C: found \"BI\"", "BE, BM"],
        );
        check(
            "no-authority",
            &[("Campagne", "SIEG 2022")],
            &[good],
            &["no administration named"],
        );
        check(
            "comment-without-answer",
            &good_id,
            &[good, ("amount", "", "montant à confirmer")],
            &["row 8, column C", "the answer this comment goes with"],
        );
        check(
            "twice",
            &good_id,
            &[good, ("services", "Autre", "")],
            &["row 8", "each question once"],
        );
    });
}

/// A bad questions file is refused with its line and column, an unknown administration by its
/// name; nothing is written either way.
#[test]
fn a_bad_campaign_is_refused_with_its_place() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(url, &["init"]);
        let dir = tempfile::tempdir().unwrap();
        let check = |questions: &str, authority: &str, expected: &str| {
            let path = dir.path().join("q.toml");
            std::fs::write(&path, questions).unwrap();
            let before = dump(url);
            let run = scoreboard(
                url,
                &[
                    "campaign",
                    "new",
                    "SIEG 2022",
                    "--due",
                    "30/09/2022",
                    "--authority",
                    authority,
                    "--questions",
                    path.to_str().unwrap(),
                ],
            );
            assert_eq!(run.code, 2, "{}", run.out);
            assert!(run.err.contains(expected), "{expected} not in {}", run.err);
            assert_eq!(dump(url), before);
        };
        check(
            &QUESTIONS.replace("kind = \"number\"", "kind = \"montant\""),
            "BE",
            "q.toml, row 21, column 8: found \"montant\", expected a kind of answer: text, yes-no, number, date",
        );
        check(
            &QUESTIONS.replace("kind = \"date\"", "kind = date"),
            "BE",
            "q.toml, row 27",
        );
        check(QUESTIONS, "XYZ", "XYZ");
        // The campaign exists once.
        let path = dir.path().join("q.toml");
        std::fs::write(&path, QUESTIONS).unwrap();
        let args = [
            "campaign",
            "new",
            "SIEG 2022",
            "--due",
            "30/09/2022",
            "--authority",
            "BE",
            "--questions",
            path.to_str().unwrap(),
        ];
        ok(url, &args);
        let again = scoreboard(url, &args);
        assert_eq!(again.code, 2);
    });
}
