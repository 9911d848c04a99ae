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

/// Reads every entry and reports every misreading at once, so that a change to the vocabulary
/// shows all it breaks. `read` gives (what the entry says, what is expected, what was read).
fn check_all<T>(what: &str, entries: &[T], read: impl Fn(&T) -> (String, String, String)) {
    let failures: Vec<String> = entries
        .iter()
        .map(read)
        .filter(|(_, expected, got)| expected != got)
        .map(|(entry, expected, got)| format!("  {entry}: expected {expected}, read {got}"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {what} misread:\n{}",
        failures.len(),
        entries.len(),
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
    check_all("headers", &corpus().header, |h| {
        let got = importer::tables::header_field(&h.text, &h.table).unwrap_or("none");
        (
            format!("{:?} in {}", h.text, h.table),
            h.field.clone(),
            got.to_owned(),
        )
    });
}

#[test]
fn statuses_of_the_corpus() {
    check_all("statuses", &corpus().status, |s| {
        let got = read_status(&s.text).map_or("unknown", |state| state.code());
        (format!("{:?}", s.text), s.state.clone(), got.to_owned())
    });
}

#[test]
fn competences_of_the_corpus() {
    check_all("competences", &corpus().competence, |c| {
        let got = c.text.parse::<Competence>().map_or("unknown", |c| c.code());
        (format!("{:?}", c.text), c.value.clone(), got.to_owned())
    });
}
