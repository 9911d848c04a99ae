//! `directive articles` and `correlation` through the CLI on the demo data, on SQLite and
//! PostgreSQL: Directive 2018/2001's provisions read from its real saved text, its correlation
//! table exported, filled in as an administration would (the workbook read back and edited: other
//! words, another language, lines removed and added), imported, and `directive show` saying the
//! coverage; bad lines refused with their place and nothing written.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use tests::http::{Reply, Server, reply, status};
use tests::{dump, ok, on_each_backend, scoreboard};

fn text(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/importer/tests/fixtures/texts")
        .join(name)
}

fn demo(url: &str) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(cli::demo::load_into(url, "test"))
        .expect("the demo data loads");
}

fn json(url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

/// Every sheet of a workbook as rows of texts.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// Writes rows as a workbook's only sheet.
fn write(path: &Path, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(i as u32, j as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn renewable_energy_directive_from_its_text_to_a_covered_correlation_table() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        // Before the provisions are read, the table cannot be exported and `directive show` says so.
        let early = scoreboard(url, &["correlation", "export", "2018/2001", "x.xlsx"]);
        assert_eq!(early.code, 2);
        assert!(early.err.contains("directive articles"), "{}", early.err);
        assert!(ok(url, &["directive", "show", "2018/2001"]).contains("non lues"));

        // The provisions, from the real French text (saved from CELLAR).
        let page = text("32018L2001-fr.html");
        let out = ok(
            url,
            &[
                "directive",
                "articles",
                "2018/2001",
                "--from",
                page.to_str().unwrap(),
            ],
        );
        assert!(out.contains("39 articles, 11 annexes"), "{out}");
        assert!(out.contains("Article 3, paragraphe 1"), "{out}");
        let read = json(
            url,
            &[
                "directive",
                "articles",
                "2018/2001",
                "--from",
                page.to_str().unwrap(),
            ],
        );
        let provisions = read["provisions"].as_array().unwrap().len();
        assert!(provisions > 150, "{provisions}");
        assert_eq!(
            read["change"]["unchanged"], provisions,
            "read again: nothing changes"
        );
        // The English text has the same provisions: nothing changes either.
        let en = json(
            url,
            &[
                "directive",
                "articles",
                "2018/2001",
                "--from",
                text("32018L2001-en.html").to_str().unwrap(),
            ],
        );
        assert_eq!(en["change"]["added"].as_array().unwrap().len(), 0);
        assert_eq!(en["change"]["removed"].as_array().unwrap().len(), 0);
        // Another directive's text is refused for this one.
        let other = scoreboard(
            url,
            &[
                "directive",
                "articles",
                "2019/1024",
                "--from",
                page.to_str().unwrap(),
            ],
        );
        assert_eq!(other.code, 2);
        assert!(other.err.contains("2018/2001"), "{}", other.err);

        // Export in Dutch: one line per provision, "to do", the measure on the second sheet.
        let exported = dir.path().join("concordantie.xlsx");
        ok(
            url,
            &[
                "--lang",
                "nl",
                "correlation",
                "export",
                "2018/2001",
                exported.to_str().unwrap(),
            ],
        );
        let book = sheets(&exported);
        let (name, rows) = &book[0];
        assert_eq!(name, "Concordantie");
        assert_eq!(
            rows[0][..2],
            ["Richtlijn".to_string(), "2018/2001".to_string()]
        );
        let header = rows
            .iter()
            .position(|r| r[0] == "Bepaling van de richtlijn")
            .unwrap();
        assert_eq!(rows.len() - header - 1, provisions);
        assert!(rows[header + 1..].iter().all(|r| r[5] == "Te doen"));
        let measure = &book[1].1[1][0];
        assert_eq!(measure, "Ordonnantie van 28 april 2022");

        // The administration fills it: article 1 transposed by the ordinance, article 3's
        // paragraphs not applicable (one line for the whole article), Annex I transposed; the
        // rest left to do. It rewrites the header in English and moves the state column first.
        let mut edited: Vec<Vec<String>> = Vec::new();
        edited.push(vec!["Directive".into(), "2018/2001".into()]);
        edited.push(Vec::new());
        edited.push(
            [
                "Status",
                "Provision",
                "Regional measure",
                "Regional provisions",
                "Remarks",
            ]
            .map(String::from)
            .to_vec(),
        );
        let mut listed = 0;
        for r in &rows[header + 1..] {
            let code = r[0].as_str();
            let line: Option<[&str; 5]> = match code {
                "1" => Some(["Transposed", "1", measure, "art. 2, § 1er", ""]),
                c if c.starts_with("3(") => None,
                "Annex I" => Some([
                    "Omgezet",
                    "Annex I",
                    "Ordonnance du 28 avril 2022",
                    "bijlage 1",
                    "",
                ]),
                _ => Some(["To do", code, "", "", ""]),
            };
            if let Some(line) = line {
                edited.push(line.map(String::from).to_vec());
                listed += 1;
            }
        }
        edited.push(
            [
                "Not applicable",
                "Article 3",
                "",
                "",
                "Objectif contraignant de l'Union : compétence fédérale et des Régions ensemble",
            ]
            .map(String::from)
            .to_vec(),
        );
        let filled = dir.path().join("filled.xlsx");
        write(&filled, &edited);
        let imported = json(url, &["correlation", "import", filled.to_str().unwrap()]);
        let paragraphs_of_3 = rows[header + 1..]
            .iter()
            .filter(|r| r[0].starts_with("3("))
            .count();
        assert!(paragraphs_of_3 >= 4, "article 3 numbers its paragraphs");
        assert_eq!(imported["applied"]["added"], listed + paragraphs_of_3);
        assert_eq!(imported["coverage"]["transposed"], 2);
        assert_eq!(imported["coverage"]["not_applicable"], paragraphs_of_3);
        assert_eq!(
            imported["coverage"]["to_do"],
            provisions - 2 - paragraphs_of_3
        );
        let shown = ok(url, &["directive", "show", "2018/2001"]);
        assert!(
            shown.contains(&format!(
                "{} dispositions couvertes sur {provisions}",
                2 + paragraphs_of_3
            )),
            "{shown}"
        );
        let shown_nl = ok(url, &["--lang", "nl", "directive", "show", "2018/2001"]);
        assert!(shown_nl.contains("bepalingen gedekt"), "{shown_nl}");
        // The same file again changes nothing and writes nothing.
        let before = dump(url);
        let again = json(url, &["correlation", "import", filled.to_str().unwrap()]);
        assert_eq!(again["written"], false);
        assert_eq!(dump(url), before);
        // The history names who recorded each line.
        let history = ok(url, &["history", "2018/2001 1"]);
        assert!(history.contains("tester"), "{history}");

        // A later file that changes one line: the old value stays in the history.
        let mut changed = edited.clone();
        for r in changed.iter_mut() {
            if r.get(1).map(String::as_str) == Some("1") {
                r[3] = "art. 2, § 2".into();
            }
        }
        let later = dir.path().join("later.xlsx");
        write(&later, &changed);
        let applied = json(url, &["correlation", "import", later.to_str().unwrap()]);
        assert_eq!(applied["applied"]["changed"], 1);
        let history = ok(url, &["history", "2018/2001 1"]);
        assert!(
            history.contains("art. 2, § 1er") && history.contains("art. 2, § 2"),
            "{history}"
        );
    });
}

#[test]
fn bad_lines_are_named_and_nothing_is_written() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        let page = text("32018L2001-en.html");
        ok(
            url,
            &[
                "directive",
                "articles",
                "2018/2001",
                "--from",
                page.to_str().unwrap(),
            ],
        );
        let before = dump(url);
        let bad = dir.path().join("bad.xlsx");
        write(&bad, &bad_rows());
        let run = scoreboard(url, &["correlation", "import", bad.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}\n{}", run.out, run.err);
        let all_bad = run.out.clone();
        // A provision typed in a number cell: 3.10 arrives as the number 3.1.
        {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            for (i, row) in bad_rows().iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    if !cell.is_empty() {
                        sheet.write_string(i as u32, j as u16, cell).unwrap();
                    }
                }
            }
            sheet.write_number(11, 0, 3.10).unwrap();
            sheet.write_string(11, 3, "Te doen").unwrap();
            book.save(&bad).unwrap();
        }
        let run = scoreboard(url, &["correlation", "import", bad.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}\n{}", run.out, run.err);
        assert!(
            run.out
                .contains("row 12, column A: found \"3.1\", expected the provision typed as text"),
            "{}",
            run.out
        );
        let run = tests::Run {
            out: all_bad,
            ..run
        };
        for expected in [
            "bad.xlsx, sheet Sheet1, row 4, column A: found \"Article 99\"",
            "articles 1 to 39",
            "row 5, column B: found \"Ordonnance du 1er janvier 1999\"",
            "Ordonnance du 28 avril 2022",
            "row 6, column E",
            "why the provision does not apply",
            "row 7, column D: found \"Bijna klaar\"",
            "row 8, column A: found \"1(2)\"",
            "does not number the paragraphs of article 1",
            "row 10, column A: found \"Annex IV\"",
        ] {
            assert!(run.out.contains(expected), "{expected}\n{}", run.out);
        }
        assert!(run.out.contains("rien n'a été écrit"), "{}", run.out);
        assert_eq!(dump(url), before, "a refused table writes nothing");
        // A table naming no directive, or one that is not tracked.
        let unnamed = dir.path().join("unnamed.xlsx");
        write(
            &unnamed,
            &[
                ["Provision", "State"].map(String::from).to_vec(),
                ["1", "To do"].map(String::from).to_vec(),
            ],
        );
        let run = scoreboard(url, &["correlation", "import", unnamed.to_str().unwrap()]);
        assert_eq!(run.code, 2);
        assert!(run.out.contains("no directive named"), "{}", run.out);
        assert_eq!(dump(url), before);
    });
}

/// CELLAR as public code sees it answer (`commands/correlation.rs` cites it): the text by CELEX
/// number is a 303 to the expression's XHTML item, in the language asked with a three-letter
/// code; an unknown CELEX is a 404; a text held in several documents a 300. Simulated on
/// 127.0.0.1; the answers kept in the cache replay with --offline.
#[test]
fn the_text_from_cellar_follows_its_redirect_and_failures_write_nothing() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        let xhtml = std::fs::read(text("32018L2001-fr.html")).unwrap();
        let server = Server::start(move |req| {
            let line = req.text.lines().next().unwrap_or("");
            let headers = req.headers.to_ascii_lowercase();
            if line.starts_with("GET /resource/celex/32018L2001 ") {
                if !headers.contains("accept: application/xhtml+xml")
                    || !headers.contains("accept-language: fra")
                {
                    return status(400);
                }
                return Reply {
                    location: Some("/resource/cellar/5bbb9daf-0000.0006.03/DOC_1".into()),
                    ..status(303)
                };
            }
            if line.starts_with("GET /resource/cellar/5bbb9daf-0000.0006.03/DOC_1 ") {
                return Reply {
                    content_type: Some("application/xhtml+xml;charset=UTF-8"),
                    ..reply(xhtml.clone())
                };
            }
            if line.starts_with("GET /resource/celex/32018L0851 ") {
                return Reply {
                    content_type: Some("text/html"),
                    ..reply(
                        "<html><body><a href=\"/a\">DOC_1</a><a href=\"/b\">DOC_2</a></body></html>",
                    )
                };
            }
            if line.starts_with("GET /resource/celex/32018L0852 ") {
                return status(300);
            }
            status(404)
        });
        let cellar = format!("{}/resource/celex", server.base);
        let cache = dir.path().join("cache");
        let args = |directive: &'static str| {
            vec![
                "directive".to_string(),
                "articles".into(),
                directive.into(),
                "--cellar".into(),
                cellar.clone(),
                "--cache".into(),
                cache.to_str().unwrap().into(),
                "--min-interval-ms".into(),
                "0".into(),
                "--retry-wait-ms".into(),
                "0".into(),
            ]
        };
        let run = |a: Vec<String>| {
            let refs: Vec<&str> = a.iter().map(String::as_str).collect();
            scoreboard(url, &refs)
        };
        let read = run(args("2018/2001"));
        assert_eq!(read.code, 0, "{}", read.err);
        assert!(read.out.contains("39 articles, 11 annexes"), "{}", read.out);
        assert_eq!(
            server.requests("GET /resource/cellar/"),
            1,
            "the redirect was followed"
        );
        // Every failure writes nothing and says why.
        let before = dump(url);
        for (directive, expected) in [
            ("2019/1024", "HTTP 404"),
            ("2018/852", "HTTP 300"),
            ("2018/851", "which directive the text is"),
        ] {
            let failed = run(args(directive));
            assert_eq!(failed.code, 2, "{directive}: {}", failed.out);
            assert!(failed.err.contains(expected), "{directive}: {}", failed.err);
            assert_eq!(dump(url), before, "{directive}");
        }
        assert!(run(args("2018/852")).err.contains("--from"));
        // Offline: the kept answer, the same provisions.
        let mut offline = args("2018/2001");
        offline.push("--offline".into());
        let again = run(offline);
        assert_eq!(again.code, 0, "{}", again.err);
        assert!(
            again
                .out
                .contains("0 ajoutée(s), 0 modifiée(s), 0 retirée(s)"),
            "{}",
            again.out
        );
    });
}

/// A table with one bad line of each kind (the first line is fine).
fn bad_rows() -> Vec<Vec<String>> {
    vec![
        vec!["Richtlijn".into(), "2018/2001".into()],
        [
            "Bepaling van de richtlijn",
            "Gewestelijke maatregel",
            "Gewestelijke bepalingen",
            "Stand",
            "Motivering",
        ]
        .map(String::from)
        .to_vec(),
        // Fine.
        [
            "1",
            "Ordonnantie van 28 april 2022",
            "art. 2",
            "Omgezet",
            "",
        ]
        .map(String::from)
        .to_vec(),
        // A provision the directive does not have.
        ["Article 99", "", "", "Te doen", ""]
            .map(String::from)
            .to_vec(),
        // A measure the directive does not have.
        [
            "2",
            "Ordonnance du 1er janvier 1999",
            "art. 1",
            "Omgezet",
            "",
        ]
        .map(String::from)
        .to_vec(),
        // Not applicable without a reason.
        ["Annex II", "", "", "Niet van toepassing", ""]
            .map(String::from)
            .to_vec(),
        // A state nobody writes.
        ["Annex III", "", "", "Bijna klaar", ""]
            .map(String::from)
            .to_vec(),
        // Article 1 has no numbered paragraph.
        ["1(2)", "", "", "Te doen", ""].map(String::from).to_vec(),
        // The same provision twice with no measure.
        ["Annex IV", "", "", "Te doen", ""]
            .map(String::from)
            .to_vec(),
        ["Annex IV", "", "", "Te doen", ""]
            .map(String::from)
            .to_vec(),
    ]
}
