//! Hostile text in every field people type, through every output: the HTML pages escape it, the
//! workbooks keep it as text (never a formula), the calendar keeps it in its property, the
//! terminal shows control characters escaped, and the database stores it as given (bound
//! parameters, never SQL).

use std::io::Read;
use std::path::Path;

use tests::{ok, on_each_backend};

/// The payloads: markup, spreadsheet formulas, calendar and CSV line injection, terminal escapes,
/// bidi overrides, SQL, template syntax.
const PAYLOADS: [&str; 14] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://evil.example\",\"clic\")",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "x\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
    "\u{1b}]0;pwned\u{7}\u{1b}[31mred",
    "abc\u{202e}gpj.exe",
    "'; DROP TABLE directive; --",
    "{{ 7*7 }}{% raw %}",
    "</td></tr></table><h1>x</h1>",
    "a\u{0}b",
];

fn unzip(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("a workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        if part.name().expect("a part name").ends_with(".xml") {
            part.read_to_string(&mut text).expect("xml");
        }
    }
    text
}

#[test]
fn hostile_text_is_escaped_in_every_output() {
    on_each_backend(|backend| {
        let url = &backend.url;
        let dir = tempfile::tempdir().expect("a folder");
        let out = dir.path().join("out");
        let mut stored = 0;
        for (i, payload) in PAYLOADS.iter().enumerate() {
            let id = format!("2019/{}", 1000 + i);
            let title = format!("--title-fr={payload}");
            let notes = format!("--notes={payload}");
            let run = tests::scoreboard(
                url,
                &[
                    "directive",
                    "add",
                    &id,
                    "--deadline",
                    "2021-07-17",
                    &title,
                    &notes,
                ],
            );
            if payload.contains('\u{0}') {
                // A NUL byte cannot pass through a command line; the tool never sees it.
                continue;
            }
            assert_eq!(run.code, 0, "{payload:?}: {}", run.err);
            let shown = ok(url, &["--json", "directive", "show", &id]);
            let shown: serde_json::Value = serde_json::from_str(&shown).expect("json");
            assert_eq!(shown["notes"].as_str(), Some(*payload), "stored as given");
            stored += 1;
        }
        // The tables still exist after the SQL payload.
        ok(url, &["directive", "list"]);

        ok(
            url,
            &[
                "report",
                "scoreboard",
                "--as-of",
                "2021-06-30",
                "--out",
                &out.to_string_lossy(),
            ],
        );
        let ics = out.join("deadlines.ics");
        ok(
            url,
            &[
                "deadlines",
                "--as-of",
                "2021-06-30",
                "--ics",
                &ics.to_string_lossy(),
            ],
        );
        let tables = out.join("tables.xlsx");
        ok(url, &["export", "tables", &tables.to_string_lossy()]);

        // Issue 18's outputs: a directive whose text, measure and correlation lines carry every
        // payload; its correlation workbook (in `out`, checked with the others below) and its
        // notification dossier.
        let escape = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let articles: String = PAYLOADS
            .iter()
            .filter(|p| !p.contains('\u{0}'))
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "<div class=\"eli-subdivision\" id=\"art_{n}\"><p class=\"oj-ti-art\">Article {n}</p><div class=\"eli-title\"><p class=\"oj-sti-art\">{t}</p></div><p class=\"oj-normal\">{t}</p></div>",
                    n = i + 1,
                    t = escape(p)
                )
            })
            .collect();
        let page = dir.path().join("text.html");
        std::fs::write(
            &page,
            format!("<!DOCTYPE html><html><head><title>t</title></head><body><p class=\"oj-doc-ti\">DIRECTIVE (EU) 2019/1000</p>{articles}</body></html>"),
        )
        .expect("the page");
        ok(
            url,
            &[
                "directive",
                "articles",
                "2019/1000",
                "--from",
                &page.to_string_lossy(),
            ],
        );
        let measure_title = format!("--title-fr={}", PAYLOADS[2]);
        ok(
            url,
            &[
                "measure",
                "add",
                "2019/1000",
                "--kind",
                "ordinance",
                "--adopted",
                "2021-05-03",
                &measure_title,
            ],
        );
        let table = out.join("correlation.xlsx");
        ok(
            url,
            &[
                "correlation",
                "export",
                "2019/1000",
                &table.to_string_lossy(),
            ],
        );
        let dossier = dir.path().join("dossier");
        ok(
            url,
            &[
                "--lang",
                "both",
                "report",
                "notification",
                "2019/1000",
                "--out",
                &dossier.to_string_lossy(),
            ],
        );
        let mut documents = 0;
        for file in std::fs::read_dir(&dossier)
            .expect("the dossier")
            .filter_map(Result::ok)
            .map(|e| e.path())
        {
            let xml = unzip(&file);
            documents += 1;
            assert!(
                !xml.contains("<script>") && !xml.contains("<img src=x"),
                "{}",
                file.display()
            );
            assert!(
                !xml.contains("<f>"),
                "{}: a cell became a formula",
                file.display()
            );
        }
        assert_eq!(documents, 4, "DOCX and XLSX in French and Dutch");

        let html = std::fs::read_dir(&out)
            .expect("the output folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "html"))
            .expect("the scoreboard page");
        let html = std::fs::read_to_string(html).expect("html");
        for raw in ["<script>", "<img src=x", "<h1>x</h1>"] {
            assert!(!html.contains(raw), "the page holds {raw} unescaped");
        }
        assert!(
            html.contains("&lt;script&gt;"),
            "the text is there, escaped"
        );

        let mut workbooks = 0;
        for workbook in std::fs::read_dir(&out)
            .expect("the output folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        {
            let xml = unzip(&workbook);
            workbooks += 1;
            assert!(
                !xml.contains("<f>"),
                "{}: a cell became a formula",
                workbook.display()
            );
            assert!(!xml.contains("<script>"), "{}", workbook.display());
        }

        let calendar = std::fs::read_to_string(&ics).expect("ics");
        let starting = |p: &str| calendar.lines().filter(|l| l.starts_with(p)).count();
        assert_eq!(starting("BEGIN:VEVENT"), starting("END:VEVENT"));
        assert!(
            starting("BEGIN:VEVENT") >= stored,
            "one event per directive"
        );
        assert!(
            !calendar.lines().any(|l| l.starts_with("SUMMARY:injected")),
            "a line break in a title started a new property"
        );
        assert!(
            !calendar.contains('\u{1b}'),
            "an escape character in the calendar"
        );

        // On a terminal, the listing shows control characters escaped.
        let mut screen = cli::Output::new(Vec::new(), true);
        let args = ["scoreboard", "--database-url", url, "directive", "list"];
        cli::run(args, &mut screen).expect("directive list");
        let screen = String::from_utf8(screen.into_inner()).expect("utf-8");
        assert!(
            !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
            "{screen}"
        );
        eprintln!(
            "{} payloads: {stored} stored as given; escaped in HTML, XLSX ({workbooks} workbooks), ICS and on the terminal",
            PAYLOADS.len()
        );
    });
}
