//! Commission proposals for directives in CELLAR: the SPARQL queries the `cli` sends for the
//! proposals published since a date and for what became of tracked ones, and the SPARQL 1.1 JSON
//! results they give, read into [`EurlexProposal`] and [`ProposalOutcome`] records.
//!
//! As in [`crate::eurlex`] (whose row reader, limits and errors this module shares), nothing here
//! talks to the network, a row with a bad value is a [`Diagnostic`] naming the row, the variable
//! and the value, and `Err` ([`EurlexError`]) is for an answer that cannot be read at all.
//!
//! # How CELLAR links a proposal to its procedure and to the directive
//!
//! A proposal is a work of its own (CELEX `52021PC0557`, resource type `PROP_DIR`). The
//! interinstitutional procedure is a *dossier*: it names the proposal that opened it
//! (`cdm:dossier_initiated_by_act_preparatory`), lists every document of the procedure
//! (`cdm:dossier_contains_work`), carries the procedure number in CELLAR's form `2016/0010/CNS`
//! (`cdm:procedure_code_interinstitutional_reference_procedure`), and, once adopted, the act it
//! produced (`cdm:dossier_produces_resource_legal`) and the date (`cdm:dossier_date_adopted`).
//! Every property name is in [`cdm`], each with the public code or data that shows it.
//!
//! # Variables
//!
//! [`proposals_since_query`] binds, and [`parse_proposals`] reads, one row per combination of:
//!
//! | variable        | CELLAR property                                        | value                   |
//! |-----------------|--------------------------------------------------------|-------------------------|
//! | `celex`         | `cdm:resource_legal_id_celex` of the proposal          | `52021PC0557` (required)|
//! | `date_document` | `cdm:work_date_document`                               | `xsd:date`              |
//! | `procedure`     | `cdm:procedure_code_interinstitutional_reference_procedure` of the dossier it opened | `2021/0218/COD` |
//! | `title`         | `cdm:expression_title` of an expression of it          | literal                 |
//! | `lang`          | `cdm:expression_uses_language` of that expression      | `.../language/FRA`      |
//!
//! [`proposal_outcome_query`] binds, and [`parse_outcomes`] reads:
//!
//! | variable       | CELLAR property                                            | value                   |
//! |----------------|------------------------------------------------------------|-------------------------|
//! | `celex`        | `cdm:resource_legal_id_celex` of the tracked proposal      | `52021PC0557` (required)|
//! | `procedure`    | the reference of a dossier that contains it                | `2021/0218/COD`         |
//! | `withdrawn`    | `cdm:dossier_withdrawn-proposal`                           | `xsd:boolean`           |
//! | `date_adopted` | `cdm:dossier_date_adopted`                                 | `xsd:date`              |
//! | `act_celex`    | `cdm:resource_legal_id_celex` of what the dossier produced | `32023L2413`            |
//! | `act_date`     | `cdm:work_date_document` of that act                       | `xsd:date`              |
//!
//! What public code and CELLAR's own records show is cited in [`cdm`]; none of it was checked
//! against the live endpoint, which these machines cannot reach.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;
use domain::{ComNumber, DirectiveId, ProcedureNumber};

use crate::eurlex::{
    EurlexError, LANGUAGE_AUTHORITY, Lang, NOT_INDEXED, PREFIXES, RESOURCE_TYPE_AUTHORITY, Row,
    SPARQL_DATE_EXPECTED, directive_of_celex, disagreement, first_agreed, parse_json, sparql_bool,
    sparql_date, sparql_rows, squash, title_lang,
};
use crate::{Diagnostic, Limits};

pub use domain::records::{AdoptedDirective, EurlexProposal, ProposalOutcome};

/// The CDM properties and codes of this module, in one place, each with its evidence.
///
/// The strongest evidence is CELLAR's own data: the tree notices of 1,000 procedures recorded in
/// `openstage-eu/openbasement`, `tests/fixtures/procedures/*.rdf` (fetched from
/// `publications.europa.eu/resource/procedure/{ref}`). Procedure 2016/0010 there
/// (`2016_10.rdf`) reads, on its dossier:
/// `dossier_initiated_by_act_preparatory` → `resource/celex/52016PC0025`,
/// `dossier_produces_resource_legal` → `resource/celex/32016L0881`,
/// `dossier_contains_work` → both, `dossier_date_adopted` "2016-05-25",
/// `dossier_withdrawn-proposal` false, and
/// `procedure_code_interinstitutional_reference_procedure` "2016/0010/CNS"^^xsd:string.
/// Over the 1,000 notices: the reference on every one, `dossier_contains_work` 9,884 times,
/// `dossier_initiated_by_act_preparatory` 993, `dossier_produces_resource_legal` 870,
/// `work_part_of_dossier` (the inverse, seen from the work) only 75: hence the queries go from the
/// dossier to the works, never the other way.
pub mod cdm {
    /// The resource type of a proposal for a directive: `michalovadek/eurlex` (the R package),
    /// `R/elx_make_query.R`, `resource_type == "proposal"` filters on
    /// `resource-type/PROP_DIR` (with PROP_REG, PROP_DEC...). Not seen on a proposal in
    /// CELLAR's data here: the tree notices type the proposal `cdm:act_preparatory` only.
    pub const PROPOSAL_FOR_DIRECTIVE: &str = "PROP_DIR";
    /// The CELEX number of a COM proposal: sector 5, `PC` (`52016PC0025` above; the
    /// `influence` code below reads `5(\d{4})PC(\d{4})` as `COM(2021)206`).
    pub const PROPOSAL_CELEX_REGEX: &str = "^5[0-9]{4}PC[0-9]{4}$";
    /// An act of sector 3 without a suffix (no corrigendum `R(01)`).
    pub const ACT_CELEX_REGEX: &str = "^3[0-9]{4}[A-Z]{1,2}[0-9]{4}$";
    /// The dossier (procedure) → the proposal that opened it. Also in `openbasement`,
    /// `src/openbasement/templates/eu_procedure.yaml` (`initiated_by`), and in public code that
    /// maps a procedure to its proposal: `?d cdm:dossier_initiated_by_act_preparatory ?p .
    /// ?p cdm:resource_legal_id_celex ?prop` (a Python project whose package is `influence`,
    /// `cellar.py`, `resolve_celex`; found in the stored code corpus, repository not named).
    pub const INITIATED_BY: &str = "cdm:dossier_initiated_by_act_preparatory";
    /// The dossier → every document of the procedure (the proposal, amended proposals, opinions,
    /// the act): `Kymylyy/cellar-wrapper`, `src/cellar_wrapper/constants.py` (`PREDICATES`) and
    /// `src/cellar_wrapper/sparql_builders/relations.py`, `build_dossier_query`
    /// (`?dossier cdm:dossier_contains_work <work>`).
    pub const CONTAINS_WORK: &str = "cdm:dossier_contains_work";
    /// The procedure number, `2016/0010/CNS`: `Kymylyy/cellar-wrapper`, same files
    /// (`?dossier cdm:procedure_code_interinstitutional_reference_procedure ?procedureCode`); the
    /// `influence` code reads it with `(\d{4})/(\d{4})/([A-Z]{3})` ("CELLAR stores the
    /// interinstitutional reference with its type (`2021/0106/COD`)"). Split procedures carry a
    /// letter: `2018/330A/COD`, `2020/112R/APP` in the `openbasement` notices.
    pub const REFERENCE: &str = "cdm:procedure_code_interinstitutional_reference_procedure";
    /// The dossier → the act adopted: `Kymylyy/cellar-wrapper` (`?dossier
    /// cdm:dossier_produces_resource_legal ?producesAct . ?producesAct
    /// cdm:resource_legal_id_celex ?producesActCelex`); the `influence` code (`?d
    /// cdm:dossier_produces_resource_legal ?w . ?w cdm:resource_legal_id_celex ?final`).
    pub const PRODUCES: &str = "cdm:dossier_produces_resource_legal";
    /// Whether the proposal was withdrawn (`xsd:boolean`): `Kymylyy/cellar-wrapper`
    /// (`dossier_withdrawn_proposal`), the `openbasement` template and notices.
    pub const WITHDRAWN: &str = "cdm:dossier_withdrawn-proposal";
    /// The date of adoption on the dossier (`xsd:date`): the `openbasement` notices
    /// (`2016-05-25` for 2016/0010, the date of Directive (EU) 2016/881); read by public code that
    /// lists outcomes as `OPTIONAL { ?d cdm:dossier_date_adopted ?date }`.
    pub const DATE_ADOPTED: &str = "cdm:dossier_date_adopted";
}

/// The proposals for directives whose document date is on or after `since`, by date then CELEX
/// number, a page of `limit` rows from `offset`. One proposal comes back on several rows (one per
/// title language, per procedure): ask for the next page while a page comes back full, and parse
/// all pages together with [`parse_proposals`]. A proposal CELLAR has not linked to a procedure
/// yet comes back without `procedure`.
pub fn proposals_since_query(since: NaiveDate, limit: usize, offset: usize) -> String {
    format!(
        "{PREFIXES}\
SELECT DISTINCT ?celex ?date_document ?procedure ?title ?lang
WHERE {{
  ?work cdm:work_has_resource-type <{RESOURCE_TYPE_AUTHORITY}{prop_dir}> ;
        cdm:work_date_document ?date_document ;
        cdm:resource_legal_id_celex ?celex .
  {NOT_INDEXED}
  FILTER(?date_document >= \"{since}\"^^xsd:date)
  FILTER(REGEX(STR(?celex), \"{celex_regex}\"))
  OPTIONAL {{
    ?dossier {initiated_by} ?work ;
             {reference} ?procedure .
  }}
  OPTIONAL {{
    VALUES ?lang {{ <{LANGUAGE_AUTHORITY}FRA> <{LANGUAGE_AUTHORITY}NLD> <{LANGUAGE_AUTHORITY}ENG> }}
    ?expression cdm:expression_belongs_to_work ?work ;
                cdm:expression_uses_language ?lang ;
                cdm:expression_title ?title .
  }}
}}
ORDER BY ?date_document ?celex ?procedure ?lang
LIMIT {limit}
OFFSET {offset}
",
        prop_dir = cdm::PROPOSAL_FOR_DIRECTIVE,
        since = since.format("%Y-%m-%d"),
        celex_regex = cdm::PROPOSAL_CELEX_REGEX,
        initiated_by = cdm::INITIATED_BY,
        reference = cdm::REFERENCE,
    )
}

/// What became of the given proposals: for each procedure whose dossier contains one of them, its
/// number, whether the proposal was withdrawn, the adoption date, and the acts it produced (of
/// sector 3, corrigenda left out). Anchored on the proposals' CELEX numbers (`VALUES ?celex`);
/// send a few dozen per query at most. A proposal in no procedure gives no row.
///
/// The dossier is found through `cdm:dossier_contains_work` rather than the narrower
/// `cdm:dossier_initiated_by_act_preparatory`, so that an amended proposal tracked under its own
/// COM number still finds its procedure.
pub fn proposal_outcome_query(proposals: &[ComNumber]) -> String {
    let mut values = String::new();
    for com in proposals {
        let _ = write!(values, " \"{}\"^^xsd:string", com.celex());
    }
    format!(
        "{PREFIXES}\
SELECT DISTINCT ?celex ?procedure ?withdrawn ?date_adopted ?act_celex ?act_date
WHERE {{
  VALUES ?celex {{{values} }}
  ?proposal cdm:resource_legal_id_celex ?celex .
  ?dossier {contains} ?proposal ;
           {reference} ?procedure .
  OPTIONAL {{ ?dossier {withdrawn} ?withdrawn }}
  OPTIONAL {{ ?dossier {date_adopted} ?date_adopted }}
  OPTIONAL {{
    ?dossier {produces} ?act .
    ?act cdm:resource_legal_id_celex ?act_celex .
    FILTER(REGEX(STR(?act_celex), \"{act_regex}\"))
    OPTIONAL {{ ?act cdm:work_date_document ?act_date }}
  }}
}}
ORDER BY ?celex ?procedure ?act_celex
",
        contains = cdm::CONTAINS_WORK,
        reference = cdm::REFERENCE,
        withdrawn = cdm::WITHDRAWN,
        date_adopted = cdm::DATE_ADOPTED,
        produces = cdm::PRODUCES,
        act_regex = cdm::ACT_CELEX_REGEX,
    )
}

// ---------------------------------------------------------------------------------------------
// Results.

const PROPOSAL_CELEX_EXPECTED: &str = "a proposal's CELEX number like 52021PC0557";
const PROCEDURE_EXPECTED: &str = "a procedure number like 2021/0218/COD or 2021/0218(COD)";

/// The proposal a row is about, or a diagnostic naming the row and the value.
fn row_proposal(row: &Row, source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<ComNumber> {
    let diag = |found: &str| {
        Diagnostic::new(source, found, PROPOSAL_CELEX_EXPECTED)
            .row(row.number)
            .column("celex")
    };
    let Some(celex) = row.get("celex") else {
        diagnostics.push(diag("nothing"));
        return None;
    };
    // Only the CELEX form: `COM(2021) 557` in this column would mean a query not built here.
    let parsed = (celex.starts_with('5') && !celex.contains(char::is_whitespace))
        .then(|| ComNumber::parse(celex).ok())
        .flatten();
    if parsed.is_none() {
        diagnostics.push(diag(celex));
    }
    parsed
}

/// The row's procedure number, if it has one that reads; one that does not is a diagnostic.
fn row_procedure(
    row: &Row,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ProcedureNumber> {
    let value = row.get("procedure")?;
    match ProcedureNumber::parse(value) {
        Ok(p) => Some(p),
        Err(_) => {
            diagnostics.push(
                Diagnostic::new(source, value, PROCEDURE_EXPECTED)
                    .row(row.number)
                    .column("procedure"),
            );
            None
        }
    }
}

/// A date variable of the row; one that does not read is a diagnostic.
fn row_date(
    row: &Row,
    var: &str,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let value = row.get(var)?;
    let date = sparql_date(value);
    if date.is_none() {
        diagnostics.push(
            Diagnostic::new(source, value, SPARQL_DATE_EXPECTED)
                .row(row.number)
                .column(var),
        );
    }
    date
}

#[derive(Default)]
struct ProposalRows {
    dates: BTreeSet<NaiveDate>,
    procedures: BTreeSet<ProcedureNumber>,
    titles: BTreeMap<Lang, Vec<(String, usize)>>,
}

/// Reads the results of [`proposals_since_query`]: the rows of one proposal are merged into one
/// record (every procedure, one title per language; a title missing in a language stays `None`),
/// records sorted by COM number. A row whose CELEX number is missing or not a COM proposal's is a
/// diagnostic and adds nothing; a procedure or date that does not read is a diagnostic and the
/// rest of its row is kept. When the rows disagree (two dates, two French titles), the first value
/// is kept and the others reported.
pub fn parse_proposals(
    json: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<(Vec<EurlexProposal>, Vec<Diagnostic>), EurlexError> {
    let value = parse_json(json, source, limits)?;
    let (rows, mut diagnostics) = sparql_rows(
        &value,
        source,
        "celex",
        "the variables of proposals_since_query: celex, date_document, procedure, title, lang",
        limits,
    )?;
    let mut proposals: BTreeMap<ComNumber, ProposalRows> = BTreeMap::new();
    for row in &rows {
        let Some(com) = row_proposal(row, source, &mut diagnostics) else {
            continue;
        };
        let entry = proposals.entry(com).or_default();
        if let Some(date) = row_date(row, "date_document", source, &mut diagnostics) {
            entry.dates.insert(date);
        }
        if let Some(procedure) = row_procedure(row, source, &mut diagnostics) {
            entry.procedures.insert(procedure);
        }
        if let Some(title) = row.get("title").map(squash)
            && let Some(lang) = title_lang(row)
        {
            entry
                .titles
                .entry(lang)
                .or_default()
                .push((title, row.number));
        }
    }
    let mut records = Vec::with_capacity(proposals.len());
    for (com, rows) in proposals {
        let celex = com.celex();
        let mut conflict = |what: &str, kept: &str, other: &str, row: Option<usize>| {
            diagnostics.push(disagreement(source, &celex, what, kept, other, row));
        };
        let date = rows.dates.first().copied();
        if let Some(kept) = date {
            for other in rows.dates.iter().skip(1) {
                conflict("date_document", &kept.to_string(), &other.to_string(), None);
            }
        }
        let mut title = |lang: Lang| {
            let titles = rows.titles.get(&lang)?;
            first_agreed(
                titles,
                Clone::clone,
                &format!("{} title", lang.name()),
                &mut conflict,
            )
        };
        let (title_fr, title_nl, title_en) = (title(Lang::Fr), title(Lang::Nl), title(Lang::En));
        records.push(EurlexProposal {
            com,
            celex: com.celex(),
            date,
            title_fr,
            title_nl,
            title_en,
            procedures: rows.procedures.into_iter().collect(),
        });
    }
    Ok((records, diagnostics))
}

#[derive(Default)]
struct OutcomeRows {
    procedures: BTreeSet<ProcedureNumber>,
    withdrawn: Vec<(bool, usize)>,
    dates_adopted: BTreeSet<NaiveDate>,
    /// Each directive produced, with the dates of the act the rows give.
    acts: BTreeMap<DirectiveId, BTreeSet<NaiveDate>>,
}

/// Reads the results of [`proposal_outcome_query`]: one record per proposal, sorted by COM
/// number, with its procedures and the directives they produced. The adoption date of a directive
/// is the act's own date, else the dossier's date of adoption. A produced act that is not a
/// directive (the proposal became a regulation) is a diagnostic naming it, not a directive of the
/// record; so is a value that does not read, the rest of its row being kept. Two rows that
/// disagree on `withdrawn` keep the first and report the other.
pub fn parse_outcomes(
    json: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<(Vec<ProposalOutcome>, Vec<Diagnostic>), EurlexError> {
    let value = parse_json(json, source, limits)?;
    let (rows, mut diagnostics) = sparql_rows(
        &value,
        source,
        "celex",
        "the variables of proposal_outcome_query: celex, procedure, withdrawn, date_adopted, act_celex, act_date",
        limits,
    )?;
    let mut outcomes: BTreeMap<ComNumber, OutcomeRows> = BTreeMap::new();
    for row in &rows {
        let Some(com) = row_proposal(row, source, &mut diagnostics) else {
            continue;
        };
        let procedure = row_procedure(row, source, &mut diagnostics);
        let date_adopted = row_date(row, "date_adopted", source, &mut diagnostics);
        let act_date = row_date(row, "act_date", source, &mut diagnostics);
        let entry = outcomes.entry(com).or_default();
        entry.procedures.extend(procedure);
        entry.dates_adopted.extend(date_adopted);
        if let Some(v) = row.get("withdrawn") {
            match sparql_bool(v) {
                Some(b) => entry.withdrawn.push((b, row.number)),
                None => diagnostics.push(
                    Diagnostic::new(source, v, "true or false")
                        .row(row.number)
                        .column("withdrawn"),
                ),
            }
        }
        if let Some(act) = row.get("act_celex") {
            match directive_of_celex(act) {
                Ok(id) => entry.acts.entry(id).or_default().extend(act_date),
                Err(expected) => diagnostics.push(
                    Diagnostic::new(
                        source,
                        act,
                        format!("the CELEX number of the directive {com} became: {expected}"),
                    )
                    .row(row.number)
                    .column("act_celex"),
                ),
            }
        }
    }
    let mut records = Vec::with_capacity(outcomes.len());
    for (com, rows) in outcomes {
        let celex = com.celex();
        let mut conflict = |what: &str, kept: &str, other: &str, row: Option<usize>| {
            diagnostics.push(disagreement(source, &celex, what, kept, other, row));
        };
        let withdrawn = first_agreed(
            &rows.withdrawn,
            |v| v.to_string(),
            "withdrawn",
            &mut conflict,
        );
        let date_adopted = rows.dates_adopted.first().copied();
        let directives = rows
            .acts
            .into_iter()
            .map(|(id, dates)| AdoptedDirective {
                id,
                celex: id.celex(),
                adopted_on: dates.first().copied().or(date_adopted),
            })
            .collect();
        records.push(ProposalOutcome {
            com,
            procedures: rows.procedures.into_iter().collect(),
            withdrawn,
            directives,
        });
    }
    Ok((records, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn com(year: u16, number: u32) -> ComNumber {
        ComNumber { year, number }
    }

    #[test]
    fn the_proposals_query_asks_for_proposals_for_directives_since_the_date() {
        let since = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or(NaiveDate::MIN);
        let q = proposals_since_query(since, 200, 400);
        for part in [
            "SELECT DISTINCT ?celex ?date_document ?procedure ?title ?lang",
            "cdm:work_has_resource-type <http://publications.europa.eu/resource/authority/resource-type/PROP_DIR>",
            r#"FILTER(?date_document >= "2024-03-01"^^xsd:date)"#,
            r#"FILTER(REGEX(STR(?celex), "^5[0-9]{4}PC[0-9]{4}$"))"#,
            "?dossier cdm:dossier_initiated_by_act_preparatory ?work ;",
            "cdm:procedure_code_interinstitutional_reference_procedure ?procedure .",
            r#"FILTER NOT EXISTS { ?work cdm:do_not_index "true"^^xsd:boolean }"#,
            "<http://publications.europa.eu/resource/authority/language/NLD>",
            "ORDER BY ?date_document ?celex ?procedure ?lang\nLIMIT 200\nOFFSET 400",
        ] {
            assert!(q.contains(part), "{part} missing from {q}");
        }
        assert!(q.starts_with("PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>"));
        assert_eq!(q.matches('{').count(), q.matches('}').count(), "{q}");
    }

    #[test]
    fn the_outcome_query_is_anchored_on_the_proposals_and_follows_the_dossier() {
        let q = proposal_outcome_query(&[com(2021, 557), com(2016, 25)]);
        assert!(
            q.contains(r#"VALUES ?celex { "52021PC0557"^^xsd:string "52016PC0025"^^xsd:string }"#),
            "{q}"
        );
        assert!(
            q.find("VALUES ?celex").unwrap_or(usize::MAX)
                < q.find("?proposal cdm:resource_legal_id_celex ?celex")
                    .unwrap_or(0),
            "{q}"
        );
        for part in [
            "?dossier cdm:dossier_contains_work ?proposal ;",
            "cdm:procedure_code_interinstitutional_reference_procedure ?procedure .",
            "OPTIONAL { ?dossier cdm:dossier_withdrawn-proposal ?withdrawn }",
            "OPTIONAL { ?dossier cdm:dossier_date_adopted ?date_adopted }",
            "?dossier cdm:dossier_produces_resource_legal ?act .",
            "?act cdm:resource_legal_id_celex ?act_celex .",
            r#"FILTER(REGEX(STR(?act_celex), "^3[0-9]{4}[A-Z]{1,2}[0-9]{4}$"))"#,
            "OPTIONAL { ?act cdm:work_date_document ?act_date }",
        ] {
            assert!(q.contains(part), "{part} missing from {q}");
        }
        // The procedure is required: a dossier without a reference is no interinstitutional one.
        assert!(!q.contains("OPTIONAL { ?dossier cdm:procedure_code"), "{q}");
    }
}
