//! Proposals for directives, their impact notes, the impact assessment document and the adoption,
//! through the CLI on SQLite and PostgreSQL, with a real proposal: COM(2021) 557, the revision of
//! the renewable energy directive (procedure 2021/0218(COD)), which became Directive (EU)
//! 2023/2413 (transposition deadline 21 May 2025 for most of it).

use std::io::{Cursor, Read};

use serde_json::Value;
use tests::{dump, ok, on_each_backend, scoreboard};

fn json(url: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap()
}

fn refused(url: &str, args: &[&str], expected: &str) {
    let before = dump(url);
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    let run = scoreboard(url, &all);
    assert_eq!(run.code, 2, "{args:?}: {} / {}", run.out, run.err);
    assert!(run.err.contains(expected), "{args:?}: {}", run.err);
    assert_eq!(dump(url), before, "{args:?} wrote nothing");
}

fn docx_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the DOCX is a zip");
    let mut part = archive
        .by_name("word/document.xml")
        .expect("word/document.xml");
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// LibreOffice opens the documents and converts them to PDF: when `soffice` is on the PATH, and
/// always under CI (where a missing `soffice` fails the test; `.ci/run` installs it).
fn libreoffice_opens(files: &[std::path::PathBuf]) {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("soffice").is_file()));
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "CI is set and soffice is not on the PATH: the DOCX check cannot run"
        );
        eprintln!("soffice is not on the PATH: the LibreOffice check does not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .args(files)
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice: {status}");
    for file in files {
        let pdf = dir
            .path()
            .join(file.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&pdf).unwrap_or_default();
        assert!(bytes.starts_with(b"%PDF"), "{} is a PDF", pdf.display());
    }
}

const TITLE_FR: &str = "Proposition de directive modifiant la directive (UE) 2018/2001, le règlement (UE) 2018/1999 et la directive 98/70/CE en ce qui concerne la promotion de l'énergie produite à partir de sources renouvelables";
const TITLE_NL: &str = "Voorstel voor een richtlijn tot wijziging van Richtlijn (EU) 2018/2001, Verordening (EU) 2018/1999 en Richtlijn 98/70/EG wat betreft de bevordering van energie uit hernieuwbare bronnen";
const RULES: &str = "Ordonnance du 2 mai 2013 portant le Code bruxellois de l'Air, du Climat et de la Maîtrise de l'Energie (COBRACE)";

#[test]
fn com_2021_557_from_proposal_to_directive_2023_2413() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(
            url,
            &[
                "proposal",
                "add",
                "COM(2021) 557 final",
                "--title-fr",
                TITLE_FR,
                "--title-nl",
                TITLE_NL,
                "--procedure",
                "2021/0218 (cod)",
                "--lead",
                "BE",
                "--associated",
                "BRUGEL",
                "--competence",
                "shared",
                "--proposed",
                "14/07/2021",
            ],
        );
        // The same proposal in another form, an impossible number, an impossible procedure.
        refused(
            url,
            &["proposal", "add", "52021PC0557", "--lead", "BE"],
            "already exists",
        );
        refused(
            url,
            &["proposal", "add", "COM(2021)", "--lead", "BE"],
            "COM(2021) 558",
        );
        refused(
            url,
            &[
                "proposal",
                "add",
                "COM(2022) 1",
                "--lead",
                "BE",
                "--procedure",
                "2021/0218(XYZ)",
            ],
            "--procedure",
        );
        refused(url, &["proposal", "add", "COM(2022) 1"], "--lead");

        ok(
            url,
            &[
                "proposal",
                "set",
                "COM/2021/557",
                "--stage",
                "council-general-approach",
                "--on",
                "27/06/2022",
            ],
        );
        ok(
            url,
            &[
                "proposal",
                "set",
                "52021PC0557",
                "--stage",
                "Accord provisoire",
                "--on",
                "30/03/2023",
            ],
        );
        refused(
            url,
            &["proposal", "set", "52021PC0557", "--stage", "trilogue"],
            "--stage",
        );

        ok(
            url,
            &["impact", "new", "COM(2021) 557", "--authority", "BE"],
        );
        ok(
            url,
            &["impact", "new", "COM(2021) 557", "--authority", "BRUGEL"],
        );
        refused(
            url,
            &["impact", "new", "COM(2021) 557", "--authority", "BE"],
            "already exists",
        );
        ok(
            url,
            &[
                "impact",
                "set",
                "COM(2021) 557",
                "--authority",
                "BE",
                "--field",
                "regional-rules",
                "--value",
                RULES,
            ],
        );
        ok(
            url,
            &[
                "impact",
                "set",
                "COM(2021) 557",
                "--authority",
                "BE",
                "--field",
                "summary",
                "--value",
                "Révision du COBRACE ; effort important",
            ],
        );
        ok(
            url,
            &[
                "impact",
                "set",
                "COM(2021) 557",
                "--authority",
                "BRUGEL",
                "--field",
                "effort",
                "--value",
                "Adapter les règlements techniques en 18 mois",
            ],
        );
        refused(
            url,
            &[
                "impact",
                "set",
                "COM(2021) 557",
                "--field",
                "summary",
                "--value",
                "x",
            ],
            "--authority",
        );
        refused(
            url,
            &[
                "impact",
                "set",
                "COM(2021) 557",
                "--authority",
                "BE",
                "--field",
                "cost",
                "--value",
                "x",
            ],
            "regional-rules",
        );

        let shown = json(url, &["proposal", "show", "COM(2021) 557"]);
        assert_eq!(shown["com_number"], "COM(2021) 557");
        assert_eq!(shown["procedure"], "2021/0218(COD)");
        assert_eq!(shown["lead"], "BE");
        assert_eq!(shown["associated"], serde_json::json!(["BRUGEL"]));
        let stages: Vec<&str> = shown["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["stage"].as_str().unwrap())
            .collect();
        assert_eq!(
            stages,
            [
                "commission-proposal",
                "council-general-approach",
                "provisional-agreement"
            ]
        );
        assert_eq!(shown["impact_notes"][0]["regional_rules"], RULES);

        // The impact assessment, in both languages, carries what was entered.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_str().unwrap();
        ok(
            url,
            &[
                "--lang",
                "both",
                "report",
                "impact",
                "COM(2021) 557",
                "--out",
                out,
            ],
        );
        for lang in ["fr", "nl"] {
            // minijinja's HTML escaping writes `/` and `'` as character references.
            let html =
                std::fs::read_to_string(dir.path().join(format!("impact-COM2021-557-{lang}.html")))
                    .unwrap()
                    .replace("&#x2f;", "/")
                    .replace("&#x27;", "'");
            let docx = docx_text(&dir.path().join(format!("impact-COM2021-557-{lang}.docx")));
            for part in [&html, &docx] {
                assert!(part.contains("COM(2021) 557"), "{lang}");
                assert!(part.contains("2021/0218(COD)"), "{lang}");
                assert!(
                    part.contains("Adapter les règlements techniques en 18 mois"),
                    "{lang}"
                );
                assert!(part.contains("COBRACE"), "{lang}");
            }
            let (title, stage, date, field) = if lang == "fr" {
                (
                    TITLE_FR,
                    "Accord provisoire",
                    "30 mars 2023",
                    "Règles régionales à modifier",
                )
            } else {
                (
                    TITLE_NL,
                    "Voorlopig akkoord",
                    "30 maart 2023",
                    "Te wijzigen gewestelijke regels",
                )
            };
            for part in [&html, &docx] {
                assert!(
                    part.contains(title) || part.contains(&title.replace('\'', "&apos;")),
                    "{lang} title"
                );
                assert!(part.contains(stage), "{lang} {stage}");
                assert!(part.contains(date), "{lang} {date}");
                assert!(part.contains(field), "{lang} {field}");
            }
            assert!(html.contains(&format!("lang=\"{lang}\"")));
        }

        libreoffice_opens(&[
            dir.path().join("impact-COM2021-557-fr.docx"),
            dir.path().join("impact-COM2021-557-nl.docx"),
        ]);

        // Adopted: the directive is tracked with the proposal's lead, associated administration,
        // competence and titles, the deadline, and the link both ways.
        ok(
            url,
            &[
                "proposal",
                "adopt",
                "COM(2021) 557",
                "--directive",
                "2023/2413",
                "--deadline",
                "21/05/2025",
                "--adopted",
                "18/10/2023",
            ],
        );
        refused(
            url,
            &[
                "proposal",
                "adopt",
                "COM(2021) 557",
                "--directive",
                "2023/2413",
            ],
            "adopted already",
        );
        let d = json(
            url,
            &["directive", "show", "2023/2413", "--as-of", "01/12/2023"],
        );
        assert_eq!(d["lead"], "BE", "{d:#}");
        assert_eq!(d["associated"], serde_json::json!(["BRUGEL"]));
        assert_eq!(d["competence"], "shared");
        assert_eq!(d["deadlines"], serde_json::json!(["2025-05-21"]));
        assert_eq!(d["title_fr"], TITLE_FR);
        assert_eq!(d["proposal"]["com_number"], "COM(2021) 557");
        assert_eq!(
            d["proposal"]["impact_notes"][0]["summary"],
            "Révision du COBRACE ; effort important"
        );
        let text = ok(url, &["directive", "show", "2023/2413"]);
        assert!(text.contains("COM(2021) 557 (2021/0218(COD))"), "{text}");
        assert!(text.contains("Révision du COBRACE"), "{text}");
        let p = json(url, &["proposal", "show", "COM(2021) 557"]);
        assert_eq!(p["directive"], "32023L2413");
        assert_eq!(
            p["stages"].as_array().unwrap().last().unwrap()["stage"],
            "adopted"
        );
        assert_eq!(
            p["stages"].as_array().unwrap().last().unwrap()["reached_on"],
            "2023-10-18"
        );
        let history = ok(url, &["history", "COM(2021) 557 BE"]);
        assert!(history.contains("COBRACE"), "{history}");
    });
}

/// A directive already tracked (from a sync) keeps what it has; one led by another
/// administration is refused, and nothing is written.
#[test]
fn adopting_into_a_directive_already_tracked() {
    on_each_backend(|b| {
        let url = &b.url;
        ok(
            url,
            &[
                "directive",
                "add",
                "2023/2413",
                "--deadline",
                "21/05/2025",
                "--lead",
                "TALENT",
            ],
        );
        ok(url, &["proposal", "add", "COM(2021) 557", "--lead", "BE"]);
        refused(
            url,
            &[
                "proposal",
                "adopt",
                "COM(2021) 557",
                "--directive",
                "2023/2413",
            ],
            "TALENT",
        );
        ok(url, &["directive", "set", "2023/2413", "--no-lead"]);
        ok(
            url,
            &[
                "proposal",
                "adopt",
                "COM(2021) 557",
                "--directive",
                "2023/2413",
                "--deadline",
                "01/07/2024",
            ],
        );
        let d = json(
            url,
            &["directive", "show", "2023/2413", "--as-of", "01/12/2023"],
        );
        assert_eq!(d["lead"], "BE");
        assert_eq!(
            d["deadlines"],
            serde_json::json!(["2024-07-01", "2025-05-21"])
        );
        let list = json(url, &["proposal", "list"]);
        assert_eq!(list[0]["directive"], "32023L2413");
    });
}

/// CELLAR (a local server answering with the constructed results of
/// `crates/importer/tests/fixtures/eurlex/`): `sync eurlex --proposals` lists the proposals
/// published since a date, fills in a followed proposal's procedure and adopts it into the
/// directive its procedure produced; the rows it cannot read are listed (exit code 1), and a
/// second run has nothing left to ask.
#[test]
fn sync_finds_the_directive_a_followed_proposal_became() {
    let fixture = |name: &str| {
        std::fs::read(format!(
            "{}/../crates/importer/tests/fixtures/eurlex/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let outcomes = fixture("sparql-proposal-outcomes.json");
    let published = fixture("sparql-proposals-since.json");
    let server = tests::http::Server::start(move |req| {
        if req.text.contains("dossier_produces_resource_legal") {
            tests::http::reply(outcomes.clone())
        } else if req.text.contains("PROP_DIR") {
            tests::http::reply(published.clone())
        } else {
            tests::http::status(404)
        }
    });
    on_each_backend(|b| {
        let url = &b.url;
        let cache = tempfile::tempdir().unwrap();
        let sync = |more: &[&str]| {
            let mut all = vec![
                "--json",
                "sync",
                "eurlex",
                "--proposals",
                "--endpoint",
                &server.url,
                "--cache",
                cache.path().to_str().unwrap(),
                "--min-interval-ms",
                "0",
            ];
            all.extend_from_slice(more);
            scoreboard(url, &all)
        };
        let nothing = sync(&[]);
        assert_eq!(
            nothing.code, 2,
            "nothing followed, no date: {}",
            nothing.err
        );
        ok(
            url,
            &[
                "proposal",
                "add",
                "COM(2021) 557",
                "--lead",
                "BE",
                "--associated",
                "BRUGEL",
            ],
        );
        let run = sync(&["--published-since", "01/07/2021"]);
        assert_eq!(
            run.code, 1,
            "the fixtures hold unreadable rows: {} / {}",
            run.out, run.err
        );
        let report: Value = serde_json::from_str(&run.out).unwrap();
        let listed: Vec<&str> = report["published"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["celex"].as_str().unwrap())
            .collect();
        assert!(listed.contains(&"52021PC0557"), "{listed:?}");
        assert_eq!(
            report["changes"]["adopted"],
            serde_json::json!([["COM(2021) 557", "32023L2413"]])
        );
        assert!(!report["diagnostics"].as_array().unwrap().is_empty());
        let p = json(url, &["proposal", "show", "COM(2021) 557"]);
        assert_eq!(p["procedure"], "2021/0218(COD)");
        assert_eq!(p["directive"], "32023L2413");
        let d = json(
            url,
            &["directive", "show", "2023/2413", "--as-of", "01/12/2023"],
        );
        assert_eq!(d["lead"], "BE");
        assert_eq!(d["associated"], serde_json::json!(["BRUGEL"]));
        assert_eq!(d["proposal"]["com_number"], "COM(2021) 557");
        let again = sync(&[]);
        assert_eq!(again.code, 2, "nothing left to ask: {}", again.err);
    });
}
