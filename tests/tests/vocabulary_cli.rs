//! Tables written by other hands, as a new user imports them on a freshly created database: other
//! headers, both languages, administrations named in either language, negated statuses, new
//! records without their dates refused, update-only tables accepted with what they lack said.

use rust_xlsxwriter::Workbook;
use tests::{ok, on_each_backend, scoreboard};

/// A workbook of one sheet per (name, rows), every cell as text.
fn workbook(dir: &std::path::Path, file: &str, sheets: &[(&str, &[&[&str]])]) -> String {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap_or_else(|e| panic!("{e}"));
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, *cell)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }
    let path = dir.join(file);
    wb.save(&path).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

fn json(url: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(url, &all)).unwrap_or_else(|e| panic!("{e}"))
}

/// A French table with the ordinary words for its columns (not the sample's), administrations
/// named in Dutch, by acronym or by former name, and statuses that negate transposition.
const FRENCH: &[&[&str]] = &[
    &["Suivi des directives — situation au 31 janvier 2022"],
    &[],
    &[
        "N°",
        "Directive",
        "Titre de la directive",
        "Échéance",
        "Administration pilote",
        "Compétence de la Région",
        "Mesures adoptées",
        "Date de publication au MB",
        "Notifié à la Commission",
        "État d'avancement",
        "Date prévisionnelle",
        "Observations",
        "Personne de contact",
    ],
    &[
        "1",
        "Directive (UE) 2019/1024",
        "Données ouvertes",
        "17/07/2021",
        "Leefmilieu Brussel",
        "Compétence partagée",
        "Ordonnance du 27 octobre 2016",
        "15/11/2016",
        "20/12/2020",
        "Pas encore complètement transposée",
        "T4 2026",
        "",
        "M. Dupont",
    ],
    &[
        "2",
        "2019/944",
        "Marché intérieur de l'électricité",
        "31/12/2020",
        "Brugel + IBGE",
        "exclusive",
        "Ordonnance électricité",
        "05/01/2021",
        "10/01/2021",
        "Non transposée",
        "",
        "",
        "",
    ],
    &[
        "3",
        "2018/2001",
        "Énergies renouvelables",
        "30/06/2021",
        "Brussel Mobiliteit",
        "mixte",
        "Ordonnance climat",
        "01/07/2021",
        "05/07/2021",
        "Complètement transposée",
        "",
        "",
        "Mme Peeters",
    ],
    &[
        "4",
        "2019/1937",
        "Lanceurs d'alerte",
        "17/12/2021",
        "talent.brussels",
        "non compétent",
        "",
        "",
        "",
        "Sans objet",
        "",
        "",
        "",
    ],
];

/// The same kind of table sent back in Dutch, with cases whose replies were sent.
const DUTCH_DIRECTIVES: &[&[&str]] = &[
    &[
        "Nr",
        "Richtlijn",
        "Uiterste datum",
        "Trekker",
        "Bevoegdheid",
        "Stand van zaken",
        "Verwachte datum",
        "Opmerkingen",
    ],
    &[
        "1",
        "Richtlijn 2018/851",
        "05/07/2020",
        "Bruxelles-Propreté",
        "gedeelde bevoegdheid",
        "niet omgezet",
        "31/12/2026",
        "Ontwerp in eerste lezing",
    ],
    &[
        "2",
        "2018/850",
        "05/07/2020",
        "Bruxelles Environnement",
        "niet bevoegd",
        "niet van toepassing",
        "",
        "",
    ],
];
const DUTCH_CASES: &[&[&str]] = &[
    &[
        "Inbreuknummer",
        "Richtlijn",
        "Soort",
        "Stadium",
        "Datum brief",
        "Antwoordtermijn",
        "Antwoord verstuurd op",
        "Ingevoerd in THEMIS",
        "Verantwoordelijke administratie",
    ],
    &[
        "INFR(2020)0385",
        "2018/851",
        "niet-mededeling",
        "Met redenen omkleed advies",
        "12/11/2021",
        "12/01/2022",
        "10/01/2022",
        "11/01/2022",
        "Net Brussel",
    ],
];

#[test]
fn a_fresh_database_reads_french_and_dutch_tables_with_their_own_words() {
    on_each_backend(|backend| {
        let url = backend.url.as_str();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        ok(url, &["init"]);
        let authorities = json(url, &["authority", "list"]);
        assert!(
            authorities.as_array().is_some_and(|a| a.len() >= 25),
            "{authorities}"
        );

        // --columns: how each column is read, before anything is written.
        let french = workbook(dir.path(), "suivi.xlsx", &[("Transposition", FRENCH)]);
        let columns = ok(url, &["import", "tables", &french, "--columns"]);
        for (header, field) in [
            ("Échéance", "deadlines"),
            ("Administration pilote", "authority"),
            ("Date prévisionnelle", "planned"),
            ("Notifié à la Commission", "notified"),
        ] {
            let line = columns
                .lines()
                .find(|l| l.contains(header))
                .unwrap_or_else(|| panic!("{header} in\n{columns}"));
            assert!(line.contains(field), "{header} -> {field}: {line}");
        }
        assert!(
            columns.lines().any(|l| l.contains("Personne de contact")
                && l.contains("laissée de côté")
                && l.contains("M. Dupont")),
            "{columns}"
        );
        assert_eq!(
            json(url, &["directive", "list"]).as_array().map(Vec::len),
            Some(0),
            "--columns writes nothing"
        );

        // The import: every directive with its deadline; the contact column is a warning.
        let out = ok(url, &["import", "tables", &french]);
        assert!(
            out.contains(
                "attention: suivi.xlsx, sheet Transposition, column M \"Personne de contact\""
            ),
            "{out}"
        );
        let d = json(url, &["directive", "show", "2019/1024"]);
        assert_eq!(d["deadlines"], serde_json::json!(["2021-07-17"]), "{d}");
        assert_eq!(
            (d["lead"].as_str(), d["competence"].as_str()),
            (Some("BE"), Some("shared")),
            "{d}"
        );
        let d = json(url, &["directive", "show", "2019/944"]);
        assert_eq!(
            (d["lead"].as_str(), d["associated"].clone()),
            (Some("BRUGEL"), serde_json::json!(["BE"])),
            "{d}"
        );
        assert_eq!(
            json(url, &["directive", "show", "2018/2001"])["lead"].as_str(),
            Some("BM")
        );
        assert_eq!(
            json(url, &["directive", "show", "2019/1937"])["competence"].as_str(),
            Some("not-concerned")
        );

        // Negated statuses do not complete: 2019/1024 ("pas encore complètement") and 2019/944
        // ("non transposée") were notified but are partial; 2018/2001 is complete, late.
        let i = json(url, &["indicators", "--as-of", "31/01/2022"]);
        let now = &i["indicators"];
        assert_eq!(
            (
                now["due"].as_u64(),
                now["partial"].as_u64(),
                now["not_completely_notified"].as_u64()
            ),
            (Some(3), Some(2), Some(2)),
            "{i}"
        );
        let list = json(url, &["directive", "list", "--as-of", "31/01/2022"]);
        let status_of = |number: &str| {
            list.as_array()
                .and_then(|a| a.iter().find(|d| d["number"] == number))
                .map(|d| d["status"].to_string())
                .unwrap_or_default()
        };
        assert!(
            status_of("2018/2001").contains("TransposedLate"),
            "{}",
            status_of("2018/2001")
        );
        assert!(
            status_of("2019/1024").contains("PartiallyTransposed"),
            "{}",
            status_of("2019/1024")
        );

        // A title only in French is shown in Dutch, marked as French.
        let list = ok(
            url,
            &["--lang", "nl", "directive", "list", "--as-of", "31/01/2022"],
        );
        assert!(
            list.lines()
                .any(|l| l.contains("2019/1024") && l.contains("[FR] Données ouvertes")),
            "{list}"
        );
        // The overview says how many open cases are still to triage.
        let status = ok(url, &["status", "--as-of", "31/01/2022"]);
        assert!(
            status.contains("0 procédures ouvertes: 0 concernent la Région, 0 à trier"),
            "{status}"
        );

        // The Dutch table: administrations named in French or by their other names, "niet bevoegd",
        // and the reply-sent and entered dates of the case under common Dutch headers.
        let dutch = workbook(
            dir.path(),
            "terug.xlsx",
            &[
                ("Richtlijnen", DUTCH_DIRECTIVES),
                ("Inbreuken", DUTCH_CASES),
            ],
        );
        let out = ok(url, &["import", "tables", &dutch]);
        assert!(
            !out.contains("attention") && !out.contains("let op"),
            "{out}"
        );
        let d = json(url, &["directive", "show", "2018/851"]);
        assert_eq!(
            (d["lead"].as_str(), d["planned_text"].as_str()),
            (Some("ABP"), Some("31/12/2026")),
            "{d}"
        );
        assert_eq!(
            json(url, &["directive", "show", "2018/850"])["competence"].as_str(),
            Some("not-concerned")
        );
        let case = json(url, &["case", "show", "INFR(2020)0385"]);
        let decision = &case["decisions"][0];
        assert_eq!(
            (
                decision["reply_sent_on"].as_str(),
                decision["reply_entered_on"].as_str()
            ),
            (Some("2022-01-10"), Some("2022-01-11")),
            "{case}"
        );
        assert_eq!(
            decision["label"].as_str(),
            Some("Met redenen omkleed advies"),
            "the stage as the table wrote it"
        );
        assert_eq!(case["lead"].as_str(), Some("ABP"));
        // A case from the unit's table is still to triage; linked to a directive the Region
        // transposes, it is suggested as concerned, and it counts apart in the indicators.
        let cases = ok(url, &["case", "list"]);
        assert!(
            cases
                .lines()
                .any(|l| l.contains("INFR(2020)0385") && l.contains("à trier (concernée ?)")),
            "{cases}"
        );
        let i = json(url, &["indicators", "--as-of", "31/01/2022"]);
        assert_eq!(
            (
                i["indicators"]["pending_cases"].as_u64(),
                i["indicators"]["pending_to_triage"].as_u64()
            ),
            (Some(0), Some(1)),
            "{i}"
        );
        ok(url, &["case", "set", "INFR(2020)0385", "--brussels", "yes"]);
        let i = json(url, &["indicators", "--as-of", "31/01/2022"]);
        assert_eq!(
            (
                i["indicators"]["pending_cases"].as_u64(),
                i["indicators"]["pending_to_triage"].as_u64()
            ),
            (Some(1), Some(0)),
            "{i}"
        );
    });
}

#[test]
fn new_directives_need_a_deadline_column_and_updates_say_what_they_do_not_carry() {
    on_each_backend(|backend| {
        let url = backend.url.as_str();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let rows: &[&[&str]] = &[
            &[
                "Directive",
                "Intitulé",
                "Administration compétente",
                "Date prévue",
                "Pour quand ?",
            ],
            &[
                "2019/1024",
                "Données ouvertes",
                "BE",
                "T4 2026",
                "17/07/2021",
            ],
            &["2019/944", "Électricité", "Brugel", "", "31/12/2020"],
        ];
        let file = workbook(dir.path(), "nouvelles.xlsx", &[("Feuil1", rows)]);
        let run = scoreboard(url, &["import", "tables", &file]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(run.out.contains("2 new directives (2019/1024, 2019/944) but no column the tool reads as a transposition-deadline column"), "{}", run.out);
        assert!(
            run.out.contains("\"Pour quand ?\"")
                && run.out.contains("--column \"HEADER=deadlines\""),
            "{}",
            run.out
        );
        assert!(run.out.contains("nothing was written"), "{}", run.out);
        assert_eq!(
            json(url, &["directive", "list"]).as_array().map(Vec::len),
            Some(0)
        );

        // Mapped for this import, the column is the deadline.
        ok(
            url,
            &[
                "import",
                "tables",
                &file,
                "--column",
                "Pour quand ?=deadlines",
            ],
        );
        assert_eq!(
            json(url, &["directive", "show", "2019/944"])["deadlines"],
            serde_json::json!(["2020-12-31"])
        );

        // A table that only updates known directives may leave columns out: accepted, and the
        // report names the fields it does not carry.
        let update: &[&[&str]] = &[
            &["Directive", "Remarques", "Date prévue"],
            &["2019/944", "Projet en 2e lecture", "T2 2027"],
        ];
        let file = workbook(dir.path(), "maj.xlsx", &[("Feuil1", update)]);
        let out = ok(url, &["import", "tables", &file]);
        assert!(out.contains("champs que ce fichier ne donne pas (laissés tels quels): title, deadlines, authority, competence"), "{out}");
        let d = json(url, &["directive", "show", "2019/944"]);
        assert_eq!(
            (d["notes"].as_str(), d["deadlines"].clone()),
            (
                Some("Projet en 2e lecture"),
                serde_json::json!(["2020-12-31"])
            ),
            "{d}"
        );

        // A status nobody can read is a diagnostic at its place, never a default.
        let unreadable: &[&[&str]] = &[
            &["Directive", "Délai de transposition", "État"],
            &["2019/944", "31/12/2020", "voir note"],
        ];
        let file = workbook(dir.path(), "etat.xlsx", &[("Feuil1", unreadable)]);
        let run = scoreboard(url, &["import", "tables", &file]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.out
                .contains("sheet Feuil1, row 2, column État: found \"voir note\""),
            "{}",
            run.out
        );

        // A mapping that names no header of the file is refused, as is an unknown field.
        let run = scoreboard(
            url,
            &[
                "import",
                "tables",
                &file,
                "--column",
                "Échéance UE=deadlines",
            ],
        );
        assert!(
            run.code == 2 && run.err.contains("\"Échéance UE\" names no column header"),
            "{run:?}"
        );
        let run = scoreboard(url, &["import", "tables", &file, "--column", "État=etat"]);
        assert!(
            run.code == 2 && run.err.contains("\"etat\" is not a field"),
            "{run:?}"
        );
    });
}

#[test]
fn an_authority_takes_other_names() {
    on_each_backend(|backend| {
        let url = backend.url.as_str();
        let out = ok(url, &["authority", "set", "BE", "--alias", "Env. Bxl"]);
        assert!(out.contains("Env. Bxl"), "{out}");
        let run = scoreboard(url, &["authority", "set", "BM", "--alias", "IBGE"]);
        assert!(
            run.code == 2 && run.err.contains("\"IBGE\" already names BE"),
            "{run:?}"
        );
        let history = json(url, &["history", "BE"]);
        let update = history.as_array().and_then(|h| {
            h.iter()
                .find(|r| r["action"] == "update" && r["field"] == "aliases")
        });
        assert!(
            update.is_some_and(|r| r["new_value"]
                .as_str()
                .is_some_and(|v| v.ends_with("\nEnv. Bxl"))),
            "{history}"
        );
    });
}
