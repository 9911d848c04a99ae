//! What the unit sends towards the Commission, through the CLI on SQLite and PostgreSQL, on the
//! demo data: the notification dossier of Directive 2018/2001 (DOCX + the correlation table as
//! XLSX per language; partial while the table has provisions to do or no measure completes the
//! transposition, complete once both hold), the reply drafts for INFR(2020)0385 (about Directive
//! 2018/958) and for an EU Pilot case, and the unit's own sentences given with `--words`.
//! LibreOffice opens every document (required under CI).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value;
use tests::{dump, ok, on_each_backend, scoreboard};

const TEXT_FR: &str = "/../crates/importer/tests/fixtures/texts/32018L2001-fr.html";
const MEASURE_FR: &str = "Ordonnance transposant la directive 2018/2001 (exemple)";
const DECREE_FR: &str =
    "Arrêté du Gouvernement achevant la transposition de la directive 2018/2001";

/// The demo database, as `make demo` builds it.
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

/// A refused command: exit code 2, the message, nothing written to the database nor to `out`.
fn refused(url: &str, out: &Path, args: &[&str], expected: &str) {
    let before = dump(url);
    let run = scoreboard(url, args);
    assert_eq!(run.code, 2, "{args:?}: {} / {}", run.out, run.err);
    assert!(run.err.contains(expected), "{args:?}: {}", run.err);
    assert_eq!(dump(url), before, "{args:?} wrote nothing");
    let files = std::fs::read_dir(out).map_or(0, |d| d.count());
    assert_eq!(files, 0, "{args:?} wrote no file in {}", out.display());
}

/// The text a reader sees in a Word document: the runs' texts, a line per paragraph.
fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the DOCX is a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag == "</w:p>" {
            text.push('\n');
        } else if tag == "<w:t>" || tag.starts_with("<w:t ") {
            let close = rest.find("</w:t>").unwrap_or(rest.len());
            text.push_str(
                &rest[..close]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[close..];
        }
    }
    text
}

fn contains_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e:?} is not in:\n{text}");
    }
}

/// LibreOffice opens the documents and converts them to PDF: when `soffice` is on the PATH, and
/// always under CI (where a missing `soffice` fails the test).
fn libreoffice_opens(files: &[PathBuf]) {
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

/// The first sheet of a workbook as rows of texts.
fn sheet_rows(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// What a line of the correlation table says: (state, measure, regional provisions, reason).
type Fill = (&'static str, &'static str, &'static str, &'static str);

/// `correlation export` of 2018/2001, filled in by `fill(row index among the provisions)` as an
/// administration would, and written back as a new workbook.
fn filled_table(url: &str, dir: &Path, name: &str, fill: impl Fn(usize) -> Fill) -> PathBuf {
    let exported = dir.join(format!("{name}-export.xlsx"));
    ok(
        url,
        &[
            "correlation",
            "export",
            "2018/2001",
            exported.to_str().unwrap(),
        ],
    );
    let mut rows = sheet_rows(&exported);
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Disposition de la directive"))
        .expect("the header row");
    let column = |title: &str| {
        rows[header]
            .iter()
            .position(|c| c == title)
            .unwrap_or_else(|| panic!("the column {title}: {:?}", rows[header]))
    };
    let (state, measure, regional, reason) = (
        column("État"),
        column("Mesure régionale"),
        column("Dispositions régionales"),
        column("Justification"),
    );
    let provisions = rows.len() - header - 1;
    assert!(provisions > 100, "one line per provision ({provisions})");
    for (i, row) in rows.iter_mut().skip(header + 1).enumerate() {
        let (s, m, p, r) = fill(i);
        row[state] = s.to_owned();
        row[measure] = m.to_owned();
        row[regional] = p.to_owned();
        row[reason] = r.to_owned();
    }
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(u32::try_from(i).unwrap(), u16::try_from(j).unwrap(), cell)
                    .unwrap();
            }
        }
    }
    let path = dir.join(format!("{name}.xlsx"));
    book.save(&path).unwrap();
    path
}

const NOT_APPLICABLE: Fill = (
    "Non applicable à la Région",
    "",
    "",
    "compétence fédérale (exemple de test)",
);

#[test]
fn the_notification_dossier_of_2018_2001_is_partial_until_a_measure_completes_a_whole_table() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let out_str = out.to_str().unwrap();
        // A directive with no measure has nothing to notify; an unknown one is not tracked.
        refused(
            url,
            &out,
            &["report", "notification", "2018/958", "--out", out_str],
            "has no regional measure recorded",
        );
        refused(
            url,
            &out,
            &["report", "notification", "2016/680", "--out", out_str],
            "is not tracked",
        );

        // Before the provisions are read: partial, the table empty.
        let report = json(
            url,
            &[
                "report",
                "notification",
                "2018/2001",
                "--lang",
                "both",
                "--out",
                out_str,
            ],
        );
        assert_eq!(report["completeness"]["kind"], "partial", "{report:#}");
        assert_eq!(report["completeness"]["provisions_unknown"], true);
        let text = docx_text(&out.join("notification-2018-2001-fr.docx"));
        contains_all(
            &text,
            &[
                "Notification PARTIELLE",
                "Les dispositions de la directive n'ont pas été relevées",
            ],
        );

        let page = format!("{}{TEXT_FR}", env!("CARGO_MANIFEST_DIR"));
        ok(
            url,
            &["directive", "articles", "2018/2001", "--from", &page],
        );
        let report = json(
            url,
            &[
                "report",
                "notification",
                "2018/2001",
                "--lang",
                "both",
                "--out",
                out_str,
            ],
        );
        let mut files: Vec<String> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                Path::new(f.as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                "notification-2018-2001-fr.docx",
                "notification-2018-2001-fr.xlsx",
                "notification-2018-2001-nl.docx",
                "notification-2018-2001-nl.xlsx",
            ]
        );
        let provisions = report["coverage"]["provisions"].as_u64().unwrap();
        assert!(provisions > 100, "{report:#}");
        assert_eq!(report["coverage"]["to_do"], provisions);
        let fr = docx_text(&out.join("notification-2018-2001-fr.docx"));
        contains_all(
            &fr,
            &[
                "directive 2018/2001",
                "32018L2001",
                "30 juin 2021",
                MEASURE_FR,
                "ordonnance",
                "28 avril 2022",
                "5 mai 2022",
                "Notification PARTIELLE",
                "Aucune des mesures ci-dessous n'achève la transposition.",
                &format!("{provisions} disposition(s) de la directive restent « à faire »"),
                "notification-2018-2001-fr.xlsx",
                "Administration pilote : Bruxelles Environnement.",
                "Aucun contact n'est enregistré",
            ],
        );
        assert!(!fr.contains("COMPLÈTE"), "{fr}");
        let nl = docx_text(&out.join("notification-2018-2001-nl.docx"));
        contains_all(
            &nl,
            &[
                "richtlijn 2018/2001",
                "GEDEELTELIJKE kennisgeving",
                "28 april 2022",
                "Omzetting van richtlijn 2018/2001 (voorbeeld)",
                "Trekkend bestuur: Leefmilieu Brussel.",
            ],
        );
        // The correlation table as the dossier forwards it: every provision, in the language.
        let table = sheet_rows(&out.join("notification-2018-2001-nl.xlsx"));
        assert!(
            table.iter().flatten().any(|c| c == "2018/2001"),
            "{:?}",
            &table[..3]
        );
        let to_do_rows = table
            .iter()
            .filter(|r| r.iter().any(|c| c == "Te doen"))
            .count();
        assert_eq!(u64::try_from(to_do_rows).unwrap(), provisions);

        // Every provision covered, by the measure that does not complete the transposition:
        // still partial.
        let whole = filled_table(url, dir.path(), "whole", |i| {
            if i == 0 {
                ("Transposé", MEASURE_FR, "art. 1er", "")
            } else {
                NOT_APPLICABLE
            }
        });
        ok(url, &["correlation", "import", whole.to_str().unwrap()]);
        let report = json(
            url,
            &["report", "notification", "2018/2001", "--out", out_str],
        );
        assert_eq!(report["coverage"]["to_do"], 0, "{report:#}");
        assert_eq!(report["completeness"]["kind"], "partial");
        assert_eq!(report["completeness"]["no_completing_measure"], true);
        // A contact of the lead administration is named.
        ok(
            url,
            &[
                "contact",
                "add",
                "BE",
                "anne.dupont@environnement.example",
                "--name",
                "Anne Dupont",
            ],
        );
        // A measure that completes it, with its Moniteur belge date: complete.
        ok(
            url,
            &[
                "measure",
                "add",
                "2018/2001",
                "--kind",
                "government-decree",
                "--title-fr",
                DECREE_FR,
                "--adopted",
                "15/12/2022",
                "--published",
                "23/12/2022",
                "--in-force",
                "01/01/2023",
                "--notified",
                "10/01/2023",
                "--complete",
            ],
        );
        let report = json(
            url,
            &[
                "report",
                "notification",
                "2018/2001",
                "--lang",
                "both",
                "--out",
                out_str,
            ],
        );
        assert_eq!(report["completeness"]["kind"], "complete", "{report:#}");
        let fr = docx_text(&out.join("notification-2018-2001-fr.docx"));
        contains_all(
            &fr,
            &[
                "Notification COMPLÈTE",
                DECREE_FR,
                "Moniteur belge du 23 décembre 2022",
                "1er janvier 2023",
                "10 janvier 2023",
                "achève la transposition",
                &format!("{provisions} dispositions de la directive couvertes sur {provisions}"),
                "Anne Dupont — anne.dupont@environnement.example",
            ],
        );
        assert!(!fr.contains("PARTIELLE"), "{fr}");
        let nl = docx_text(&out.join("notification-2018-2001-nl.docx"));
        contains_all(
            &nl,
            &[
                "VOLLEDIGE kennisgeving",
                "Belgisch Staatsblad van 23 december 2022",
            ],
        );
        libreoffice_opens(&[
            out.join("notification-2018-2001-fr.docx"),
            out.join("notification-2018-2001-nl.docx"),
        ]);

        // One provision back to "to do": partial again, never complete.
        let one_to_do = filled_table(url, dir.path(), "one-to-do", |i| {
            if i == 1 {
                ("À faire", "", "", "")
            } else if i == 0 {
                ("Transposé", DECREE_FR, "art. 2", "")
            } else {
                NOT_APPLICABLE
            }
        });
        ok(url, &["correlation", "import", one_to_do.to_str().unwrap()]);
        ok(
            url,
            &[
                "report",
                "notification",
                "2018/2001",
                "--lang",
                "fr",
                "--out",
                out_str,
            ],
        );
        let fr = docx_text(&out.join("notification-2018-2001-fr.docx"));
        contains_all(
            &fr,
            &[
                "Notification PARTIELLE",
                "1 disposition(s) de la directive restent « à faire »",
            ],
        );
        assert!(!fr.contains("COMPLÈTE"), "{fr}");
        assert!(!fr.contains("Aucune des mesures ci-dessous"), "{fr}");
    });
}

#[test]
fn reply_drafts_for_infr_2020_0385_and_an_eu_pilot_case() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let out_str = out.to_str().unwrap();
        // By default: the latest decision with a reply deadline, the reasoned opinion.
        let run = ok(
            url,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--lang",
                "fr",
                "--as-of",
                "01/12/2021",
                "--out",
                out_str,
            ],
        );
        let letter = out.join("reply-INFR-2020-0385-2021-11-12-fr.docx");
        assert!(
            run.contains("reply-INFR-2020-0385-2021-11-12-fr.docx"),
            "{run}"
        );
        let text = docx_text(&letter);
        contains_all(
            &text,
            &[
                "INFR(2020)0385",
                "Lack of transposition of Directive (EU) 2018/958",
                "avis motivé (art. 258 TFUE) du 12 novembre 2021",
                "2018/958",
                "Situation au 1er décembre 2021 : en retard de transposition.",
                "Aucune mesure régionale n'était adoptée au 1er décembre 2021.",
                // The demo's planned date is "fin 2023": said approximate.
                "prévu pour « fin 2023 » : date approximative, au plus tard le 31 décembre 2023",
                "La réponse de la Belgique est attendue pour le 12 janvier 2022.",
                "Bruxelles Économie et Emploi",
            ],
        );
        // --decision picks one; the letter of formal notice and its own deadline.
        ok(
            url,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "08/10/2020",
                "--as-of",
                "01/11/2020",
                "--lang",
                "both",
                "--out",
                out_str,
            ],
        );
        let text = docx_text(&out.join("reply-INFR-2020-0385-2020-10-08-fr.docx"));
        contains_all(
            &text,
            &[
                "mise en demeure (art. 258 TFUE) du 8 octobre 2020",
                "8 décembre 2020",
            ],
        );
        let text = docx_text(&out.join("reply-INFR-2020-0385-2020-10-08-nl.docx"));
        contains_all(
            &text,
            &[
                "ingebrekestelling",
                "8 oktober 2020",
                "„fin 2023”: een benaderende datum, uiterlijk 31 december 2023",
            ],
        );
        ok(
            url,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "12/11/2021",
                "--out",
                out_str,
            ],
        );
        assert!(letter.is_file());

        // A day without a decision is refused with the case's decisions, and writes nothing.
        let nothing = dir.path().join("nothing");
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "01/01/2021",
                "--out",
                nothing.to_str().unwrap(),
            ],
            "INFR(2020)0385 has no decision on 01/01/2021: its decisions are 08/10/2020",
        );
        let run = scoreboard(
            url,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "01/01/2021",
                "--out",
                out_str,
            ],
        );
        assert!(
            run.err.contains("12/11/2021") && run.err.contains("29/09/2022"),
            "{}",
            run.err
        );
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--as-of",
                "01/10/2020",
                "--out",
                nothing.to_str().unwrap(),
            ],
            "no decision with a reply deadline on or before 01/10/2020",
        );

        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--decision",
                "29/09/2022",
                "--as-of",
                "01/01/2022",
                "--out",
                nothing.to_str().unwrap(),
            ],
            "the decision of 29/09/2022 is after --as-of 01/01/2022",
        );

        // An EU Pilot request about Directive 2018/2001, received on 1 March 2021: due 10 weeks
        // later; the ordinance adopted by the date, notified, the planned date "S1 2023".
        ok(
            url,
            &[
                "pilot",
                "set",
                "EUP(2021)9876",
                "--subject",
                "Application de la directive (UE) 2018/2001 aux communautés d'énergie renouvelable",
                "--received",
                "01/03/2021",
                "--lead",
                "BE",
            ],
        );
        ok(
            url,
            &[
                "report",
                "reply",
                "EUP(2021)9876",
                "--as-of",
                "01/06/2022",
                "--lang",
                "fr",
                "--out",
                out_str,
            ],
        );
        let pilot = out.join("reply-EUP-2021-9876-2021-03-01-fr.docx");
        let text = docx_text(&pilot);
        contains_all(
            &text,
            &[
                "EUP(2021)9876",
                "reçue le 1er mars 2021",
                "10 mai 2021",
                "Directive 2018/2001",
                MEASURE_FR,
                "ordonnance du 28 avril 2022",
                "notifiée à la Commission le 5 mai 2022",
                "« S1 2023 » : date approximative, au plus tard le 30 juin 2023",
                "Bruxelles Environnement",
            ],
        );
        // Before the ordinance: none adopted.
        ok(
            url,
            &[
                "report",
                "reply",
                "EUP(2021)9876",
                "--as-of",
                "01/04/2022",
                "--out",
                out_str,
            ],
        );
        let text = docx_text(&pilot);
        contains_all(
            &text,
            &["Aucune mesure régionale n'était adoptée au 1er avril 2022."],
        );
        assert!(!text.contains(MEASURE_FR), "{text}");
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "EUP(2021)9876",
                "--decision",
                "01/03/2021",
                "--out",
                nothing.to_str().unwrap(),
            ],
            "an EU Pilot case has none",
        );
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "EUP(2021)1111",
                "--out",
                nothing.to_str().unwrap(),
            ],
            "no EU Pilot case EUP(2021)1111",
        );
        libreoffice_opens(&[
            letter,
            out.join("reply-INFR-2020-0385-2020-10-08-nl.docx"),
            pilot,
        ]);
    });
}

/// The `[table]` table of `locales/fr.toml`, as the unit copies it out.
fn copied_table(table: &str) -> String {
    let path = format!("{}/../locales/fr.toml", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(path).unwrap();
    let start = source
        .find(&format!("\n[{table}]\n"))
        .unwrap_or_else(|| panic!("[{table}] in fr.toml"));
    let rest = &source[start + 1..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |e| e + 2);
    rest[..end].to_owned()
}

/// `copy` with the line of `key` replaced by `line` (or removed when `line` is empty).
fn with_line(copy: &str, key: &str, line: &str) -> String {
    let prefix = format!("{key} = ");
    let mut found = false;
    let lines: Vec<&str> = copy
        .lines()
        .filter_map(|l| {
            if l.starts_with(&prefix) {
                found = true;
                Some(line).filter(|l| !l.is_empty())
            } else {
                Some(l)
            }
        })
        .collect();
    assert!(found, "{key} in the copy");
    lines.join("\n") + "\n"
}

#[test]
fn the_unit_s_own_sentences_are_used_and_checked() {
    on_each_backend(|b| {
        let url = &b.url;
        demo(url);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let out_str = out.to_str().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_owned()
        };

        let reply = copied_table("reply");
        let own = write(
            "reply-mots.toml",
            &with_line(
                &reply,
                "salutation",
                r#"salutation = "Chère Commission, (sentence of the unit)""#,
            ),
        );
        ok(
            url,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--lang",
                "fr",
                "--words",
                &own,
                "--out",
                out_str,
            ],
        );
        let text = docx_text(&out.join("reply-INFR-2020-0385-2021-11-12-fr.docx"));
        contains_all(
            &text,
            &["Chère Commission, (sentence of the unit)", "INFR(2020)0385"],
        );
        assert!(!text.contains("\nMadame, Monsieur,\n"), "{text}");

        let notification = copied_table("notification");
        let own = write(
            "notification-mots.toml",
            &with_line(
                &notification,
                "partial",
                r#"partial = "Notification partielle de la directive {directive}, revue par la Cellule.""#,
            ),
        );
        // {directive} is not a placeholder of this sentence: refused, naming it.
        let nothing = dir.path().join("nothing");
        refused(
            url,
            &nothing,
            &[
                "report",
                "notification",
                "2018/2001",
                "--words",
                &own,
                "--out",
                nothing.to_str().unwrap(),
            ],
            "notification.partial uses the placeholder {directive}, which the document does not fill",
        );
        let own = write(
            "notification-mots.toml",
            &with_line(
                &notification,
                "partial",
                r#"partial = "Notification partielle, revue par la Cellule.""#,
            ),
        );
        ok(
            url,
            &[
                "report",
                "notification",
                "2018/2001",
                "--words",
                &own,
                "--out",
                out_str,
            ],
        );
        let text = docx_text(&out.join("notification-2018-2001-fr.docx"));
        contains_all(&text, &["Notification partielle, revue par la Cellule."]);

        // A copy without one of the sentences, or for both languages at once: refused.
        let missing = write("sans-cloture.toml", &with_line(&reply, "closing", ""));
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--words",
                &missing,
                "--out",
                nothing.to_str().unwrap(),
            ],
            "the sentence reply.closing is missing",
        );
        refused(
            url,
            &nothing,
            &[
                "report",
                "reply",
                "INFR(2020)0385",
                "--lang",
                "both",
                "--words",
                &own,
                "--out",
                nothing.to_str().unwrap(),
            ],
            "the file holds the sentences of one language",
        );
    });
}
