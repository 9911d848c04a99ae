//! The proposals importer against the constructed SPARQL results of tests/fixtures/eurlex
//! (README there, "Proposals": what each covers; none was fetched from CELLAR).

use std::path::PathBuf;

use chrono::NaiveDate;
use domain::{ComNumber, DirectiveId, ProcedureNumber};
use importer::eurlex::EurlexError;
use importer::proposals::{self, AdoptedDirective, EurlexProposal, ProposalOutcome};
use importer::{Diagnostic, Limits};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eurlex")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn com(s: &str) -> ComNumber {
    ComNumber::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn procedure(s: &str) -> ProcedureNumber {
    ProcedureNumber::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn text(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

fn proposals() -> (Vec<EurlexProposal>, Vec<Diagnostic>) {
    let name = "sparql-proposals-since.json";
    proposals::parse_proposals(&fixture(name), name, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn outcomes() -> (Vec<ProposalOutcome>, Vec<Diagnostic>) {
    let name = "sparql-proposal-outcomes.json";
    proposals::parse_outcomes(&fixture(name), name, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn one<'a, T>(records: &'a [T], number: &str, com_of: impl Fn(&T) -> ComNumber) -> &'a T {
    records
        .iter()
        .find(|r| com_of(r) == com(number))
        .unwrap_or_else(|| panic!("no record for {number}"))
}

#[test]
fn a_proposal_on_three_rows_is_one_record_with_its_three_titles_and_procedure() {
    let (records, _) = proposals();
    let p = one(&records, "COM(2021) 557", |p| p.com);
    assert_eq!(p.celex, "52021PC0557");
    assert_eq!(p.date, Some(date("2021-07-14")));
    assert_eq!(p.procedures, vec![procedure("2021/0218(COD)")]);
    assert!(
        p.title_fr
            .as_deref()
            .is_some_and(|t| t.starts_with("Proposition de DIRECTIVE")),
        "{p:?}"
    );
    assert!(
        p.title_nl
            .as_deref()
            .is_some_and(|t| t.starts_with("Voorstel voor een RICHTLIJN")),
        "{p:?}"
    );
    // The line breaks of the English title are spaces.
    assert!(
        p.title_en
            .as_deref()
            .is_some_and(|t| t.starts_with("Proposal for a DIRECTIVE OF THE EUROPEAN PARLIAMENT")),
        "{p:?}"
    );
}

#[test]
fn a_proposal_without_a_dutch_title_keeps_the_others() {
    let (records, _) = proposals();
    let p = one(&records, "COM(2021) 558", |p| p.com);
    assert_eq!(p.title_nl, None);
    assert!(p.title_fr.is_some() && p.title_en.is_some(), "{p:?}");
    assert_eq!(p.procedures, vec![procedure("2021/0203(COD)")]);
}

#[test]
fn a_procedure_written_in_lower_case_or_with_a_space_is_the_same_procedure() {
    let (records, _) = proposals();
    let p = one(&records, "COM(2021) 802", |p| p.com);
    assert_eq!(p.procedures, vec![procedure("2021/0426(COD)")]);
    assert_eq!(p.procedures[0].to_string(), "2021/0426(COD)");
    assert!(p.title_en.is_some() && p.title_fr.is_some(), "{p:?}");
}

#[test]
fn a_malformed_celex_and_an_unreadable_procedure_are_diagnostics_naming_row_and_value() {
    let (records, diagnostics) = proposals();
    assert_eq!(
        records
            .iter()
            .map(|p| p.com.to_string())
            .collect::<Vec<_>>(),
        [
            "COM(2021) 557",
            "COM(2021) 558",
            "COM(2021) 802",
            "COM(2022) 156"
        ]
    );
    assert_eq!(
        text(&diagnostics),
        [
            "sparql-proposals-since.json, row 8, column celex: found \"52021PC802\", expected a proposal's CELEX number like 52021PC0557",
            "sparql-proposals-since.json, row 9, column procedure: found \"2022/0104/XYZ\", expected a procedure number like 2021/0218/COD or 2021/0218(COD)",
        ]
    );
    // The proposal whose procedure does not read is kept, without a procedure.
    let p = one(&records, "COM(2022) 156", |p| p.com);
    assert_eq!(p.procedures, Vec::<ProcedureNumber>::new());
    assert_eq!(p.date, Some(date("2022-04-05")));
    assert!(p.title_en.is_some() && p.title_fr.is_none(), "{p:?}");
}

#[test]
fn a_proposal_finds_the_directive_it_became_with_its_date() {
    let (records, _) = outcomes();
    let o = one(&records, "COM(2021) 557", |o| o.com);
    assert_eq!(o.procedures, vec![procedure("2021/0218(COD)")]);
    assert_eq!(o.withdrawn, Some(false));
    assert_eq!(
        o.directives,
        vec![AdoptedDirective {
            id: DirectiveId::new(2023, 2413).unwrap_or_else(|e| panic!("{e}")),
            celex: "32023L2413".to_owned(),
            adopted_on: Some(date("2023-10-18")),
        }]
    );
}

#[test]
fn without_the_act_date_the_dossier_date_of_adoption_is_taken() {
    let (records, _) = outcomes();
    let o = one(&records, "52016PC0025", |o| o.com);
    assert_eq!(o.procedures, vec![procedure("2016/0010(CNS)")]);
    assert_eq!(
        o.directives
            .iter()
            .map(|d| (d.celex.as_str(), d.adopted_on))
            .collect::<Vec<_>>(),
        [("32016L0881", Some(date("2016-05-25")))]
    );
}

#[test]
fn outcomes_report_a_regulation_a_disagreement_and_unreadable_values() {
    let (records, diagnostics) = outcomes();
    assert_eq!(
        records
            .iter()
            .map(|o| o.com.to_string())
            .collect::<Vec<_>>(),
        [
            "COM(2016) 25",
            "COM(2020) 11",
            "COM(2021) 206",
            "COM(2021) 557",
            "COM(2021) 558"
        ]
    );
    // The proposal that became a regulation has its procedure and no directive.
    let ai = one(&records, "COM(2021) 206", |o| o.com);
    assert_eq!(ai.directives, Vec::<AdoptedDirective>::new());
    assert_eq!(ai.procedures, vec![procedure("2021/0106(COD)")]);
    // Still running or withdrawn: no directive.
    let withdrawn = one(&records, "COM(2020) 11", |o| o.com);
    assert_eq!(
        (withdrawn.withdrawn, withdrawn.directives.len()),
        (Some(true), 0)
    );
    let pending = one(&records, "COM(2021) 558", |o| o.com);
    assert_eq!(pending.procedures, Vec::<ProcedureNumber>::new());
    assert_eq!(
        text(&diagnostics),
        [
            "sparql-proposal-outcomes.json, row 2, column act_celex: found \"32024R1689\", expected the CELEX number of the directive COM(2021) 206 became: a directive's CELEX number like 32019L1024, not the CELEX number of a regulation",
            "sparql-proposal-outcomes.json, row 7, column celex: found \"5202lPC0558\", expected a proposal's CELEX number like 52021PC0557",
            "sparql-proposal-outcomes.json, row 8, column procedure: found \"2021/0203\", expected a procedure number like 2021/0218/COD or 2021/0218(COD)",
            "sparql-proposal-outcomes.json, row 6, column withdrawn: found \"false\", expected one withdrawn for 52020PC0011 (kept \"true\")",
        ]
    );
}

#[test]
fn answers_that_are_not_the_results_asked_for_are_refused_whole() {
    let limits = Limits::default();
    let cut = fixture("sparql-malformed.json");
    let err = proposals::parse_proposals(&cut, "cut.json", &limits)
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert!(
        err.as_ref().is_err_and(|e| e.starts_with("cut.json: ")),
        "{err:?}"
    );
    // The results of another query: no `celex` variable.
    let other = br#"{"head": {"vars": ["directive"]}, "results": {"bindings": []}}"#;
    let err = proposals::parse_outcomes(other, "other.json", &limits)
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert_eq!(
        err,
        Err("other.json: the SPARQL results have no \"celex\" variable (variables: directive), expected the variables of proposal_outcome_query: celex, procedure, withdrawn, date_adopted, act_celex, act_date".to_owned())
    );
    let few = Limits {
        max_rows: 3,
        ..Limits::default()
    };
    let name = "sparql-proposals-since.json";
    assert!(matches!(
        proposals::parse_proposals(&fixture(name), name, &few),
        Err(EurlexError::Input { .. })
    ));
}

#[test]
fn a_query_built_for_a_proposal_names_it_as_the_parser_reads_it_back() {
    let tracked = [com("COM(2021) 557 final"), com("52016PC0025")];
    let q = proposals::proposal_outcome_query(&tracked);
    for number in tracked {
        assert!(
            q.contains(&format!("\"{}\"^^xsd:string", number.celex())),
            "{q}"
        );
    }
    let since = proposals::proposals_since_query(date("2025-01-01"), 100, 0);
    assert!(since.contains("\"2025-01-01\"^^xsd:date"), "{since}");
}
