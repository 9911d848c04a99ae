//! The reading vocabulary against a corpus written apart from it (`vocabulary/corpus.toml`): what
//! people write as column headers, statuses and competences, with the meaning each must be given.

use std::collections::BTreeMap;

use domain::Competence;
use domain::vocab::read_status;
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    header: Vec<HeaderCase>,
    status: Vec<StatusCase>,
    competence: Vec<CompetenceCase>,
}

#[derive(Deserialize)]
struct HeaderCase {
    text: String,
    table: String,
    field: String,
}

#[derive(Deserialize)]
struct StatusCase {
    text: String,
    state: String,
}

#[derive(Deserialize)]
struct CompetenceCase {
    text: String,
    value: String,
}

fn corpus() -> Corpus {
    let text = include_str!("../../../vocabulary/corpus.toml");
    match toml::from_str(text) {
        Ok(c) => c,
        Err(e) => panic!("vocabulary/corpus.toml: {e}"),
    }
}

/// Every failure at once, so that a change to the vocabulary shows all it breaks.
fn report(what: &str, total: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {total} {what} misread:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_is_large_enough() {
    let c = corpus();
    assert!(c.header.len() >= 80, "{} headers", c.header.len());
    assert!(c.status.len() >= 60, "{} statuses", c.status.len());
    let mut per_field: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for h in &c.header {
        *per_field
            .entry((h.table.as_str(), h.field.as_str()))
            .or_default() += 1;
    }
    let (directive_fields, case_fields) = importer::tables::field_names();
    for f in directive_fields.iter().filter(|f| **f != "associated") {
        assert!(
            per_field.get(&("directives", f)).is_some_and(|n| *n >= 2),
            "few headers for directives/{f}"
        );
    }
    for f in case_fields {
        assert!(
            per_field.get(&("cases", f)).is_some_and(|n| *n >= 2),
            "few headers for cases/{f}"
        );
    }
}

#[test]
fn headers_of_the_corpus() {
    let c = corpus();
    let failures: Vec<String> = c
        .header
        .iter()
        .filter_map(|h| {
            let got = importer::tables::header_field(&h.text, &h.table).unwrap_or("none");
            (got != h.field).then(|| {
                format!(
                    "  {:?} in {}: expected {}, read {got}",
                    h.text, h.table, h.field
                )
            })
        })
        .collect();
    report("headers", c.header.len(), &failures);
}

#[test]
fn statuses_of_the_corpus() {
    let c = corpus();
    let failures: Vec<String> = c
        .status
        .iter()
        .filter_map(|s| {
            let got = read_status(&s.text).map_or("unknown", |state| state.code());
            (got != s.state).then(|| format!("  {:?}: expected {}, read {got}", s.text, s.state))
        })
        .collect();
    report("statuses", c.status.len(), &failures);
}

#[test]
fn competences_of_the_corpus() {
    let c = corpus();
    let failures: Vec<String> = c
        .competence
        .iter()
        .filter_map(|s| {
            let got = s.text.parse::<Competence>().map_or("unknown", |c| c.code());
            let expected = s.value.as_str();
            (got != expected).then(|| format!("  {:?}: expected {expected}, read {got}", s.text))
        })
        .collect();
    report("competences", c.competence.len(), &failures);
}
