//! The EUR-Lex / CELLAR importer against the SPARQL results and pages of tests/fixtures/eurlex
//! (README there: what each covers, how the pages were derived from the real one in
//! ../shared/data/eurlex), and against that real page itself.

use std::path::PathBuf;

use chrono::NaiveDate;
use domain::DirectiveId;
use importer::eurlex::{self, EurlexDirective, EurlexError, NationalMeasure};
use importer::{Diagnostic, Limits};

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Vec<u8> {
    read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/eurlex")
            .join(name),
    )
}

fn page(name: &str) -> Vec<u8> {
    fixture(name)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn id(s: &str) -> DirectiveId {
    DirectiveId::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn directives(name: &str) -> (Vec<EurlexDirective>, Vec<Diagnostic>) {
    eurlex::parse_directives(&fixture(name), name, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn one<'a>(records: &'a [EurlexDirective], celex: &str) -> &'a EurlexDirective {
    records
        .iter()
        .find(|d| d.celex == celex)
        .unwrap_or_else(|| panic!("no directive {celex}"))
}

fn diagnostics_text(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------------------------------------
// SPARQL results.

#[test]
fn a_directive_with_two_deadlines_on_six_rows_is_one_record_with_both_deadlines() {
    let (records, diagnostics) = directives("sparql-directives-two-deadlines-title-missing.json");
    assert_eq!(diagnostics_text(&diagnostics), Vec::<String>::new());
    assert_eq!(
        records.iter().map(|d| d.celex.as_str()).collect::<Vec<_>>(),
        ["32019L1024", "32019L1937"]
    );
    let whistleblowers = one(&records, "32019L1937");
    assert_eq!(
        *whistleblowers,
        EurlexDirective {
            id: id("2019/1937"),
            celex: "32019L1937".into(),
            title_fr: Some("Directive (UE) 2019/1937 du Parlement européen et du Conseil du 23 octobre 2019 sur la protection des personnes qui signalent des violations du droit de l’Union".into()),
            title_nl: Some("Richtlijn (EU) 2019/1937 van het Europees Parlement en de Raad van 23 oktober 2019 inzake de bescherming van personen die inbreuken op het Unierecht melden".into()),
            title_en: Some("Directive (EU) 2019/1937 of the European Parliament and of the Council of 23 October 2019 on the protection of persons who report breaches of Union law".into()),
            adopted_on: Some(date("2019-10-23")),
            deadlines: vec![date("2021-12-17"), date("2023-12-17")],
            entry_into_force: Some(date("2019-12-16")),
            in_force: Some(true),
            eli: Some("http://data.europa.eu/eli/dir/2019/1937/oj".into()),
        }
    );
}

#[test]
fn a_title_missing_in_one_language_stays_none_and_titles_are_squashed() {
    let (records, _) = directives("sparql-directives-two-deadlines-title-missing.json");
    let open_data = one(&records, "32019L1024");
    assert_eq!(open_data.title_nl, None);
    assert!(
        open_data
            .title_fr
            .as_deref()
            .is_some_and(|t| t.starts_with("Directive (UE) 2019/1024 du Parlement"))
    );
    // The fixture's English title has a line break and indentation in the middle.
    assert_eq!(
        open_data.title_en.as_deref(),
        Some(
            "Directive (EU) 2019/1024 of the European Parliament and of the Council of 20 June 2019 on open data and the re-use of public sector information (recast)"
        )
    );
    assert_eq!(open_data.deadlines, [date("2021-07-17")]);
    assert_eq!(open_data.adopted_on, Some(date("2019-06-20")));
}

#[test]
fn bad_values_are_diagnostics_naming_the_row_and_variable_and_good_values_are_kept() {
    let (records, diagnostics) = directives("sparql-directives-bad-values.json");
    assert_eq!(
        diagnostics_text(&diagnostics),
        [
            "sparql-directives-bad-values.json, row 2, column deadline: found \"2021-02-30\", expected a date like 2021-12-17",
            "sparql-directives-bad-values.json, row 3, column in_force: found \"maybe\", expected true or false",
            "sparql-directives-bad-values.json, row 4, column celex: found \"32016R0679\", expected a directive's CELEX number like 32019L1024, not the CELEX number of a regulation",
            "sparql-directives-bad-values.json, row 5, column celex: found \"nothing\", expected the directive's CELEX number, like 32019L1024",
        ]
    );
    assert_eq!(records.len(), 1);
    let renewables = &records[0];
    assert_eq!(renewables.id, id("2018/2001"));
    assert_eq!(renewables.deadlines, [date("2021-06-30")]);
    assert_eq!(renewables.in_force, Some(true));
    assert!(
        renewables.title_en.is_some()
            && renewables.title_nl.is_some()
            && renewables.title_fr.is_none()
    );
    assert_eq!(renewables.eli, None);
    assert_eq!(renewables.entry_into_force, None);
}

#[test]
fn rows_that_disagree_keep_the_first_value_and_report_the_other_once() {
    let json = br#"{"head":{"vars":["celex","title","lang","date_document"]},"results":{"bindings":[
        {"celex":{"type":"literal","value":"32019L1024"},"title":{"type":"literal","value":"Titre A"},"lang":{"type":"uri","value":"http://publications.europa.eu/resource/authority/language/FRA"},"date_document":{"type":"literal","value":"2019-06-20"}},
        {"celex":{"type":"literal","value":"32019L1024"},"title":{"type":"literal","value":"Titre B"},"lang":{"type":"uri","value":"http://publications.europa.eu/resource/authority/language/FRA"},"date_document":{"type":"literal","value":"2019-06-26"}},
        {"celex":{"type":"literal","value":"32019L1024"},"title":{"type":"literal","value":"Titre B"},"lang":{"type":"uri","value":"http://publications.europa.eu/resource/authority/language/FRA"}}
    ]}}"#;
    let (records, diagnostics) =
        eurlex::parse_directives(json, "q.json", &Limits::default()).unwrap();
    assert_eq!(records[0].title_fr.as_deref(), Some("Titre A"));
    assert_eq!(records[0].adopted_on, Some(date("2019-06-20")));
    assert_eq!(
        diagnostics_text(&diagnostics),
        [
            "q.json, column date_document: found \"2019-06-26\", expected one date_document for 32019L1024 (kept \"2019-06-20\")",
            "q.json, row 2, column French title: found \"Titre B\", expected one French title for 32019L1024 (kept \"Titre A\")",
        ]
    );
}

#[test]
fn the_published_since_results_read_with_the_directives_parser() {
    let (records, diagnostics) = directives("sparql-published-since.json");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let listed: Vec<(String, Option<NaiveDate>)> = records
        .iter()
        .map(|d| (d.celex.clone(), d.adopted_on))
        .collect();
    assert_eq!(
        listed,
        [
            ("32024L1760".to_owned(), Some(date("2024-06-13"))),
            ("32024L1785".to_owned(), Some(date("2024-04-24"))),
            ("32024L1799".to_owned(), Some(date("2024-06-13"))),
        ]
    );
    assert!(
        records
            .iter()
            .all(|d| d.deadlines.is_empty() && d.title_fr.is_none())
    );
}

#[test]
fn an_older_directive_without_a_transposition_date_takes_its_legal_deadline() {
    let name = "sparql-directives-legal-deadline.json";
    let (records, diagnostics) = directives(name);
    assert_eq!(
        diagnostics_text(&diagnostics),
        [
            "sparql-directives-legal-deadline.json, row 2, column legal_deadline: found \"1993-06-31\", expected a date like 2021-12-17"
        ]
    );
    let waste_water = one(&records, "31991L0271");
    assert_eq!(
        waste_water.deadlines,
        [date("1993-06-30"), date("1998-12-31")]
    );
    assert_eq!(waste_water.adopted_on, Some(date("1991-05-21")));
    // Beside a transposition date, cdm:resource_legal_date_deadline is another deadline (a report,
    // a review): left out.
    assert_eq!(one(&records, "32019L1024").deadlines, [date("2021-07-17")]);
}

#[test]
fn a_measure_returned_on_several_rows_is_one_measure() {
    let name = "sparql-measures-several-rows.json";
    let (measures, diagnostics) =
        eurlex::parse_measures(&fixture(name), name, &Limits::default()).unwrap();
    assert_eq!(
        diagnostics_text(&diagnostics),
        [
            "sparql-measures-several-rows.json, row 6, column celex: found \"72019L1024BEL\", expected a national measure's CELEX number, like 72019L1024BEL_202200123"
        ]
    );
    assert_eq!(
        measures,
        [
            NationalMeasure {
                celex: "72019L1024BEL_202100456".into(),
                directive: id("2019/1024"),
                country: "BEL".into(),
                title: Some("Wet van 4 mei 2021 betreffende het hergebruik van overheidsinformatie".into()),
                date: Some(date("2021-05-04")),
                // No type of act: unknown, not CELLAR's generic resource type.
                kind: None,
            },
            NationalMeasure {
                celex: "72019L1024BEL_202200123".into(),
                directive: id("2019/1024"),
                country: "BEL".into(),
                // Four rows (two title languages x two dates), the Dutch title first: the French
                // one and the earliest date are kept.
                title: Some("Ordonnance du 27 octobre 2022 relative à la réutilisation des informations du secteur public et aux données ouvertes".into()),
                date: Some(date("2022-10-27")),
                // The type of act in Dutch and in French: the French one, no disagreement.
                kind: Some("Ordonnance".into()),
            },
        ]
    );
}

/// One measure's rows, `kind` given as a SPARQL term (JSON), with `title` in French.
fn measure_rows(kinds: &[&str]) -> Vec<u8> {
    let rows: Vec<String> = kinds
        .iter()
        .map(|kind| {
            format!(
                r#"{{"celex":{{"type":"literal","value":"72019L1024BEL_202200123"}},"title":{{"type":"literal","xml:lang":"fr","value":"Ordonnance du 27 octobre 2022"}},"kind":{kind}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"head":{{"vars":["celex","title","lang","date","kind"]}},"results":{{"bindings":[{}]}}}}"#,
        rows.join(",")
    )
    .into_bytes()
}

fn kind_of(kinds: &[&str]) -> (Option<String>, Vec<String>) {
    let (measures, diagnostics) =
        eurlex::parse_measures(&measure_rows(kinds), "m.json", &Limits::default()).unwrap();
    assert_eq!(measures.len(), 1, "{measures:?}");
    (measures[0].kind.clone(), diagnostics_text(&diagnostics))
}

#[test]
fn the_kind_of_a_measure_is_its_type_of_act_whatever_shape_it_takes() {
    let none = Vec::<String>::new();
    // A literal, as public code that reads CELLAR shows it.
    assert_eq!(
        kind_of(&[r#"{"type":"literal","value":"Ordonnance"}"#]),
        (Some("Ordonnance".into()), none.clone())
    );
    // A code in an authority table: its last segment.
    assert_eq!(
        kind_of(&[
            r#"{"type":"uri","value":"http://publications.europa.eu/resource/authority/measure-type/ORDONNANCE"}"#
        ]),
        (Some("ORDONNANCE".into()), none.clone())
    );
    // In several languages: French, then Dutch, English, no language.
    assert_eq!(
        kind_of(&[
            r#"{"type":"literal","xml:lang":"en","value":"Ordinance"}"#,
            r#"{"type":"literal","xml:lang":"nl","value":"Ordonnantie"}"#,
        ]),
        (Some("Ordonnantie".into()), none.clone())
    );
    assert_eq!(
        kind_of(&[
            r#"{"type":"literal","value":"Ordonnantie"}"#,
            r#"{"type":"literal","xml:lang":"fr-BE","value":"Ordonnance"}"#,
        ]),
        (Some("Ordonnance".into()), none.clone())
    );
    // Two different kinds in the same language: the first, the other reported.
    assert_eq!(
        kind_of(&[
            r#"{"type":"literal","value":"Ordonnance"}"#,
            r#"{"type":"literal","value":"Arrêté"}"#,
        ]),
        (
            Some("Ordonnance".into()),
            vec![
                "m.json, row 2, column kind: found \"Arrêté\", expected one kind for 72019L1024BEL_202200123 (kept \"Ordonnance\")"
                    .to_owned()
            ]
        )
    );
    // A blank node says no kind: a diagnostic naming the row, and the kind unknown.
    assert_eq!(
        kind_of(&[r#"{"type":"bnode","value":"b0"}"#]),
        (
            None,
            vec![
                "m.json, row 1, column kind: found \"b0\", expected the kind of act (cdm:measure_national_implementing_type_act), a literal like \"Ordonnance\" or a URI"
                    .to_owned()
            ]
        )
    );
}

#[test]
fn json_cut_short_or_malformed_is_an_error_naming_the_source() {
    let name = "sparql-malformed.json";
    let err = eurlex::parse_directives(&fixture(name), name, &Limits::default()).unwrap_err();
    assert!(matches!(err, EurlexError::Input { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "sparql-malformed.json: the JSON stops before it is complete (line 1, column 700): the file looks cut short; download it again"
    );
    let err = eurlex::parse_measures(
        b"<html>Service unavailable</html>",
        "https://publications.europa.eu/webapi/rdf/sparql",
        &Limits::default(),
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "https://publications.europa.eu/webapi/rdf/sparql: cannot be read as JSON"
        ),
        "{err}"
    );
}

#[test]
fn json_that_is_not_sparql_results_is_an_error_saying_what_was_expected() {
    let name = "sparql-not-results.json";
    let err = eurlex::parse_directives(&fixture(name), name, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sparql-not-results.json: found an object with keys error, status, expected SPARQL 1.1 JSON results with head.vars and results.bindings"
    );
    let check = |json: &str, found: &str| {
        let err =
            eurlex::parse_measures(json.as_bytes(), "x.json", &Limits::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "x.json: found {found}, expected SPARQL 1.1 JSON results with head.vars and results.bindings"
            )
        );
    };
    check("[]", "an array instead of an object");
    check(
        r#"{"head":{},"boolean":true}"#,
        "the answer to an ASK query",
    );
    check(
        r#"{"head":{"vars":["celex"]},"results":{}}"#,
        "an object with keys head, results",
    );
    check("{}", "an empty object");
}

#[test]
fn results_without_the_celex_variable_are_an_error_listing_the_variables() {
    let json = br#"{"head":{"vars":["work","title"]},"results":{"bindings":[]}}"#;
    let err = eurlex::parse_measures(json, "m.json", &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "m.json: the SPARQL results have no \"celex\" variable (variables: work, title), expected the variables of measures_query: celex, title, lang, date, kind"
    );
}

#[test]
fn empty_results_are_no_records_and_no_diagnostics() {
    let json = br#"{"head":{"vars":["celex"]},"results":{"bindings":[]}}"#;
    let (records, diagnostics) =
        eurlex::parse_directives(json, "empty.json", &Limits::default()).unwrap();
    assert!(records.is_empty() && diagnostics.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Saved EUR-Lex pages.

#[test]
fn reads_the_document_information_of_a_directive_page() {
    let name = "32019L1024-ALL-en.html";
    let directive =
        eurlex::parse_page(&page(name), name, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        directive,
        EurlexDirective {
            id: id("2019/1024"),
            celex: "32019L1024".into(),
            title_fr: None,
            title_nl: None,
            title_en: Some("Directive (EU) 2019/1024 of the European Parliament and of the Council of 20 June 2019 on open data and the re-use of public sector information (recast)".into()),
            adopted_on: Some(date("2019-06-20")),
            // Two "Date of transposition" rows with the same date: one deadline.
            deadlines: vec![date("2021-07-17")],
            entry_into_force: Some(date("2019-07-16")),
            in_force: Some(true),
            eli: Some("http://data.europa.eu/eli/dir/2019/1024/oj".into()),
        }
    );
}

#[test]
fn reads_a_french_page_with_two_transposition_dates() {
    let name = "32019L1937-ALL-fr.html";
    let directive =
        eurlex::parse_page(&page(name), name, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(directive.id, id("2019/1937"));
    assert_eq!(
        directive.deadlines,
        [date("2021-12-17"), date("2023-12-17")]
    );
    assert_eq!(directive.adopted_on, Some(date("2019-10-23")));
    assert_eq!(directive.entry_into_force, Some(date("2019-12-16")));
    assert_eq!(directive.in_force, Some(true));
    assert!(
        directive
            .title_fr
            .as_deref()
            .is_some_and(|t| t.starts_with("Directive (UE) 2019/1937 du Parlement européen"))
    );
    // The English title EUR-Lex keeps hidden on pages in other languages.
    assert!(
        directive
            .title_en
            .as_deref()
            .is_some_and(|t| t.starts_with("Directive (EU) 2019/1937 of the European Parliament"))
    );
    assert_eq!(directive.title_nl, None);
    assert_eq!(
        directive.eli.as_deref(),
        Some("http://data.europa.eu/eli/dir/2019/1937/oj")
    );
}

#[test]
fn the_title_is_in_the_documents_language_not_the_interfaces() {
    // The French interface showing the Dutch document: `<html lang="fr">`, `#PP1Contents` in NL.
    let name = "32018L2001-ALL-fr-interface-nl-document.html";
    let directive =
        eurlex::parse_page(&page(name), name, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        directive,
        EurlexDirective {
            id: id("2018/2001"),
            celex: "32018L2001".into(),
            title_fr: None,
            title_nl: Some("Richtlijn (EU) 2018/2001 van het Europees Parlement en de Raad van 11 december 2018 ter bevordering van het gebruik van energie uit hernieuwbare bronnen (herschikking)".into()),
            title_en: Some("Directive (EU) 2018/2001 of the European Parliament and of the Council of 11 December 2018 on the promotion of the use of energy from renewable sources (recast)".into()),
            adopted_on: Some(date("2018-12-11")),
            deadlines: vec![date("2021-06-30")],
            entry_into_force: Some(date("2018-12-24")),
            in_force: Some(true),
            eli: Some("http://data.europa.eu/eli/dir/2018/2001/oj".into()),
        }
    );
}

#[test]
fn reads_a_dutch_interface_page_showing_the_french_document() {
    let name = "32016L0680-ALL-nl-interface-fr-document.html";
    let directive =
        eurlex::parse_page(&page(name), name, &Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(directive.id, id("2016/680"));
    assert!(
        directive
            .title_fr
            .as_deref()
            .is_some_and(|t| t.starts_with("Directive (UE) 2016/680 du Parlement européen")),
        "{directive:?}"
    );
    assert_eq!(directive.title_nl, None);
    assert!(
        directive
            .title_en
            .as_deref()
            .is_some_and(|t| t.starts_with("Directive (EU) 2016/680 of the European Parliament")),
        "{directive:?}"
    );
    assert_eq!(directive.adopted_on, Some(date("2016-04-27")));
    // "Uiterste datum omzetting" is the transposition; "Uiterste datum" (a report, Art 62) is not.
    assert_eq!(directive.deadlines, [date("2018-05-06")]);
    assert_eq!(directive.entry_into_force, Some(date("2016-05-05")));
    assert_eq!(directive.in_force, Some(true));
}

#[test]
fn the_document_language_is_read_on_the_contents_block_or_its_first_element_with_one() {
    let check = |contents: &str, expected_fr: bool, expected_nl: bool| {
        let html = format!(
            r#"<html lang="en"><body>
            <p class="DocumentTitle pull-left">Document&nbsp;32019L1024</p>
            {contents}
            <div id="PPDates_Contents"><dl class="NMetadata"><dt>Date of document: </dt><dd>20/06/2019</dd></dl></div>
            </body></html>"#
        );
        let d = eurlex::parse_page(html.as_bytes(), "p.html", &Limits::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (d.title_fr.is_some(), d.title_nl.is_some(), d.title_en),
            (expected_fr, expected_nl, None),
            "{contents}"
        );
    };
    check(
        r#"<div id="PP1Contents" lang="fr-BE"><p id="title">Titre</p></div>"#,
        true,
        false,
    );
    // An empty lang says nothing: the next element that has one.
    check(
        r#"<div id="PP1Contents"><div lang=""><div lang="NL"><p id="title">Titel</p></div></div></div>"#,
        false,
        true,
    );
    // No language on the contents: the title's language is unknown, the interface's is not used.
    check(
        r#"<div id="PP1Contents"><div><p id="title">Title</p></div></div>"#,
        false,
        false,
    );
}

/// A small page in the real page's structure, for the label variants.
fn small_page(lang: &str, force: &str, dates: &str) -> String {
    format!(
        r#"<html lang="{lang}"><body>
        <p class="DocumentTitle pull-left">Document&nbsp;31991L0271</p>
        <div id="PP1Contents"><div lang="{lang}">
          <p id="title" class="title-bold">Titel van de richtlijn</p>
          <p class="forceIndicator"><span><img alt=""/></span>{force}</p>
        </div></div>
        <div id="PPDates_Contents"><div class="panel-body"><dl class="NMetadata">{dates}</dl></div></div>
        </body></html>"#
    )
}

#[test]
fn reads_dutch_labels_and_a_directive_no_longer_in_force() {
    let html = small_page(
        "nl",
        "Niet meer van kracht, Datum einde geldigheid: 31/12/2020",
        "<dt>Datum van document: </dt><dd>21/05/1991</dd>
         <dt>Datum van werking: </dt><dd>30/05/1991; Kennisgeving</dd>
         <dt>Datum van omzetting: </dt><dd>30/06/1993; Uiterlijk Zie Art 19</dd>
         <dt>Datum van omzetting: </dt><dd>31/12/1998; Zie Art 3</dd>",
    );
    let directive = eurlex::parse_page(html.as_bytes(), "nl.html", &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(directive.id, id("91/271/EEC"));
    assert_eq!(
        directive.title_nl.as_deref(),
        Some("Titel van de richtlijn")
    );
    assert_eq!(directive.title_en, None);
    assert_eq!(directive.adopted_on, Some(date("1991-05-21")));
    assert_eq!(
        directive.deadlines,
        [date("1993-06-30"), date("1998-12-31")]
    );
    // No "date of effect" says "entry into force": the earliest one.
    assert_eq!(directive.entry_into_force, Some(date("1991-05-30")));
    assert_eq!(directive.in_force, Some(false));
}

#[test]
fn a_date_that_does_not_exist_in_the_dates_panel_is_an_error_naming_the_label() {
    let html = small_page(
        "en",
        "In force",
        "<dt>Date of transposition: </dt><dd>31/02/2021; At the latest</dd>",
    );
    let err = eurlex::parse_page(html.as_bytes(), "bad.html", &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad.html: \"date of transposition\" reads \"31/02/2021; At the latest\", expected a date like 17/07/2021, then a comment after a semicolon"
    );
}

#[test]
fn a_page_whose_layout_changed_is_an_error_naming_the_missing_panel() {
    let name = "32019L1024-ALL-en-layout-changed.html";
    let err = eurlex::parse_page(&page(name), name, &Limits::default()).unwrap_err();
    assert!(matches!(err, EurlexError::Layout { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "32019L1024-ALL-en-layout-changed.html: the Dates panel of the Document information (#PPDates_Contents dl.NMetadata) not found, expected an EUR-Lex page (the page layout may have changed, or the server sent another page, such as a bot check)"
    );
}

#[test]
fn a_page_without_a_celex_number_is_an_error_naming_where_it_was_looked_for() {
    let challenge = "<html><head><title>Verifying your browser</title></head><body><p>Please wait...</p></body></html>";
    let err = eurlex::parse_page(
        challenge.as_bytes(),
        "https://eur-lex.europa.eu/legal-content/EN/ALL/?uri=CELEX:32019L1024",
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "https://eur-lex.europa.eu/legal-content/EN/ALL/?uri=CELEX:32019L1024: the CELEX number (p.DocumentTitle \"Document 32019L1024\" or meta eli:id_local) not found, expected an EUR-Lex page (the page layout may have changed, or the server sent another page, such as a bot check)"
    );
    assert!(eurlex::parse_page(b"", "empty.html", &Limits::default()).is_err());
}

#[test]
fn the_real_regulation_page_is_read_and_refused_as_not_a_directive() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/eurlex/32016R0679-ALL-en.html");
    let err =
        eurlex::parse_page(&read(path), "32016R0679-ALL-en.html", &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "32016R0679-ALL-en.html: the page is about 32016R0679, the CELEX number of a regulation, expected a directive"
    );
}

#[test]
fn reads_every_measure_of_the_national_transposition_tab_once() {
    let name = "32019L1024-NIM-en.html";
    let measures = eurlex::parse_nim_page(&page(name), name, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let measure =
        |celex: &str, title: &str, date: &str, kind: Option<&str>, country: &str| NationalMeasure {
            celex: celex.into(),
            directive: id("2019/1024"),
            country: country.into(),
            title: Some(title.into()),
            date: Some(self::date(date)),
            kind: kind.map(Into::into),
        };
    assert_eq!(
        measures,
        [
            // Linked twice (title and "Display"): one measure; its document date, not its
            // publication date.
            measure(
                "72019L1024BEL_202200123",
                "Ordonnance du 27 octobre 2022 relative à la réutilisation des informations du secteur public et aux données ouvertes",
                "2022-10-27",
                Some("Ordonnance"),
                "BEL",
            ),
            // No document date: the publication date.
            measure(
                "72019L1024BEL_202100456",
                "Wet van 4 mei 2021 betreffende het hergebruik van overheidsinformatie",
                "2021-05-21",
                Some("Wet"),
                "BEL",
            ),
            // No metadata list, an encoded link: the date in the entry's text.
            measure(
                "72019L1024BEL_202300077",
                "Arrêté du Gouvernement de la Région de Bruxelles-Capitale du 19 janvier 2023 portant exécution de l'ordonnance du 27 octobre 2022",
                "2023-02-02",
                None,
                "BEL",
            ),
            measure(
                "72019L1024FRA_202100999",
                "Ordonnance n° 2021-1234 du 22 septembre 2021 relative aux données ouvertes",
                "2021-09-22",
                Some("Ordonnance"),
                "FRA",
            ),
        ]
    );
}

#[test]
fn a_national_transposition_tab_without_measures_is_an_empty_list() {
    let html = "<html><body><p class=\"DocumentTitle\">Document 32024L1760</p>
        <h2>National transposition measures communicated by the Member States concerning:</h2>
        <p>No national transposition measures have been communicated yet.</p></body></html>";
    assert_eq!(
        eurlex::parse_nim_page(html.as_bytes(), "nim.html", &Limits::default()).unwrap(),
        []
    );
}

#[test]
fn a_page_that_is_not_a_national_transposition_tab_is_an_error() {
    let name = "32019L1024-ALL-en.html";
    let err = eurlex::parse_nim_page(&page(name), name, &Limits::default()).unwrap_err();
    assert!(matches!(err, EurlexError::Layout { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("32019L1024-ALL-en.html: the national transposition list (links to measures' CELEX numbers"),
        "{err}"
    );
}

#[test]
fn the_measures_query_keeps_the_directives_own_sector_7_numbers() {
    let id = DirectiveId::parse("2016/680").unwrap();
    assert_eq!(eurlex::measure_prefix(&id), "72016L0680");
    let query = eurlex::measures_query(&id, "BEL", 100, 0);
    assert!(
        query.contains(r#"FILTER(STRSTARTS(STR(?celex), "72016L0680"))"#),
        "{query}"
    );
}

#[test]
fn an_omnibus_measure_answered_for_one_directive_keeps_that_directives_number() {
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/eurlex/sparql-measures-omnibus.json"),
    )
    .unwrap();
    let (measures, diagnostics) =
        eurlex::parse_measures(&bytes, "omnibus.json", &Limits::default()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(measures.len(), 3, "one row per directive it transposes");
    // CELLAR's placeholder date (1001-01-01) is no date.
    let placeholder = measures
        .iter()
        .find(|m| m.celex.starts_with("72016L0680"))
        .unwrap();
    assert_eq!(placeholder.date, None);
    let id = DirectiveId::parse("2019/1024").unwrap();
    let (own, others) = eurlex::own_measures(&id, measures);
    let own: Vec<&str> = own.iter().map(|m| m.celex.as_str()).collect();
    assert_eq!(own, ["72019L1024BEL_202300045"]);
    assert_eq!(others.len(), 2);
}
