//! EUR-Lex and CELLAR, the Publications Office's data service behind it: the SPARQL queries the
//! `cli` sends for directives and their national measures, the SPARQL 1.1 JSON results they give,
//! and saved EUR-Lex pages (the "Document information" panels of the ALL view and the
//! national-transposition tab), read into [`EurlexDirective`] and [`NationalMeasure`] records.
//!
//! Nothing here talks to the network: the query builders return the query text, the parsers take
//! the bytes the `cli` fetched or read from a file. A SPARQL row with a bad value is a
//! [`Diagnostic`]; `Err` ([`EurlexError`]) is for a source that cannot be read at all (not JSON, not
//! SPARQL results, a page whose layout changed), with one message naming the source. A source cut
//! short (JSON that stops early, a page without its `</body>`, a national-transposition tab listing
//! fewer measures than it announces) or past the [`Limits`] is refused whole.
//!
//! # Variables
//!
//! [`directives_query`] binds, and [`parse_directives`] reads, one row per combination of:
//!
//! | variable           | CELLAR property                                  | value                      |
//! |--------------------|--------------------------------------------------|----------------------------|
//! | `celex`            | `cdm:resource_legal_id_celex`                    | `32019L1024` (required)    |
//! | `date_document`    | `cdm:work_date_document`                         | `xsd:date`, the act's date |
//! | `deadline`         | `cdm:directive_date_transposition`               | `xsd:date`, one per row    |
//! | `legal_deadline`   | `cdm:resource_legal_date_deadline` (if no `deadline`) | `xsd:date`            |
//! | `entry_into_force` | `cdm:resource_legal_date_entry-into-force`       | `xsd:date`                 |
//! | `in_force`         | `cdm:resource_legal_in-force`                    | `xsd:boolean`              |
//! | `eli`              | `cdm:resource_legal_eli`                         | ELI URI or literal         |
//! | `title`            | `cdm:expression_title` of an expression of it    | literal                    |
//! | `lang`             | `cdm:expression_uses_language` of that expression| `.../language/FRA`         |
//!
//! Both [`directives_query`] and [`published_since_query`] leave out the works marked
//! `cdm:do_not_index`. [`published_since_query`] binds `celex` and `date_document` only (read by
//! the same parser), and [`measures_query`] binds:
//!
//! | variable | CELLAR property                                | value                             |
//! |----------|------------------------------------------------|-----------------------------------|
//! | `celex`  | `cdm:resource_legal_id_celex`                  | `72019L1024BEL_202200123` (required) |
//! | `title`  | `cdm:work_title` (a measure's title is on the work) | literal with a language tag  |
//! | `lang`   | the title's language tag                       | `fr`                              |
//! | `date`   | `cdm:work_date_document`                       | `xsd:date`; years 1001, 1900: none |
//! | `kind`   | `cdm:measure_national_implementing_type_act`   | literal "Ordonnance" (of a URI, its last segment) |
//!
//! Without `kind` the kind of a measure is unknown (`None`): the measure's
//! `cdm:work_has_resource-type` is always the generic `MEAS_NATION_IMPL` and is not read. Every
//! other variable is ignored, so a hand-written query with more columns still reads. The
//! properties of measures are taken from public code that queries CELLAR (see [`measures_query`]),
//! not checked against the live endpoint.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use domain::text::fold;
use domain::{Celex, CelexKind, DirectiveId, MeasureCelex};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::input::{self, InputError, JsonError};
use crate::{Diagnostic, Limits};

pub use domain::records::{EurlexDirective, NationalMeasure};

/// A source that cannot be read at all. `origin` is the file name or the URL the bytes came from.
#[derive(Debug, thiserror::Error)]
pub enum EurlexError {
    #[error("{origin}: cannot be read as JSON: {reason}")]
    Json { origin: String, reason: String },
    #[error(
        "{origin}: found {found}, expected SPARQL 1.1 JSON results with head.vars and results.bindings"
    )]
    NotSparqlResults { origin: String, found: String },
    #[error(
        "{origin}: the SPARQL results have no \"{variable}\" variable (variables: {vars}), expected {expected}"
    )]
    MissingVariable {
        origin: String,
        variable: String,
        vars: String,
        expected: String,
    },
    #[error(
        "{origin}: {missing} not found, expected an EUR-Lex page (the page layout may have changed, or the server sent another page, such as a bot check)"
    )]
    Layout { origin: String, missing: String },
    #[error("{origin}: the page is about {celex}, {found}, expected a directive")]
    NotADirective {
        origin: String,
        celex: String,
        found: String,
    },
    #[error("{origin}: \"{label}\" reads \"{found}\", expected {expected}")]
    PageValue {
        origin: String,
        label: String,
        found: String,
        expected: String,
    },
    #[error(
        "{origin}: the page announces {announced} measure(s) for {country} and lists {found}: it is incomplete; save it again once it has loaded fully"
    )]
    Incomplete {
        origin: String,
        country: String,
        announced: usize,
        found: usize,
    },
    /// Cut short, in UTF-16 or not UTF-8, or past a limit.
    #[error("{origin}: {problem}")]
    Input { origin: String, problem: InputError },
}

impl EurlexError {
    fn input(origin: &str, problem: InputError) -> EurlexError {
        EurlexError::Input {
            origin: origin.to_owned(),
            problem,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SPARQL queries.

pub(crate) const PREFIXES: &str = "PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>\n\
                        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";
pub(crate) const LANGUAGE_AUTHORITY: &str =
    "http://publications.europa.eu/resource/authority/language/";
const COUNTRY_AUTHORITY: &str = "http://publications.europa.eu/resource/authority/country/";
pub(crate) const RESOURCE_TYPE_AUTHORITY: &str =
    "http://publications.europa.eu/resource/authority/resource-type/";

/// Leaves out the works CELLAR marks `cdm:do_not_index` (superseded versions of a work), as the R
/// package `eurlex` does in every query it builds: `michalovadek/eurlex`, `R/elx_make_query.R`,
/// `FILTER not exists{?work cdm:do_not_index "true"^^<http://www.w3.org/2001/XMLSchema#boolean>}`
/// ("add filter to hide versioned works (keeps only latest record if several)").
pub(crate) const NOT_INDEXED: &str =
    "FILTER NOT EXISTS { ?work cdm:do_not_index \"true\"^^xsd:boolean }";

/// The facts of the given directives: one row per (deadline, title language) of each, to be
/// merged by [`parse_directives`]. Anchored on the CELEX numbers (`VALUES ?celex`), so the query
/// touches those works only; send a few dozen directives per query at most.
///
/// `?legal_deadline` (`cdm:resource_legal_date_deadline`) is bound only for a directive without
/// any `cdm:directive_date_transposition`: some older directives carry their deadline there alone
/// (`../shared/design/SERVICES.md`, "CELLAR"). On other acts the same property holds other
/// deadlines (the real page `../shared/data/eurlex/32016R0679-ALL-en.html` shows it as
/// "Deadline: 25/05/2020; At the latest See Art 97", a report), hence never both.
pub fn directives_query(celexes: &[DirectiveId]) -> String {
    let mut values = String::new();
    for id in celexes {
        let _ = write!(values, " \"{}\"^^xsd:string", id.celex());
    }
    format!(
        "{PREFIXES}\
SELECT DISTINCT ?celex ?date_document ?deadline ?legal_deadline ?entry_into_force ?in_force ?eli ?title ?lang
WHERE {{
  VALUES ?celex {{{values} }}
  ?work cdm:resource_legal_id_celex ?celex .
  {NOT_INDEXED}
  OPTIONAL {{ ?work cdm:work_date_document ?date_document }}
  OPTIONAL {{ ?work cdm:directive_date_transposition ?deadline }}
  OPTIONAL {{
    ?work cdm:resource_legal_date_deadline ?legal_deadline .
    FILTER NOT EXISTS {{ ?work cdm:directive_date_transposition ?transposition }}
  }}
  OPTIONAL {{ ?work cdm:resource_legal_date_entry-into-force ?entry_into_force }}
  OPTIONAL {{ ?work cdm:resource_legal_in-force ?in_force }}
  OPTIONAL {{ ?work cdm:resource_legal_eli ?eli }}
  OPTIONAL {{
    VALUES ?lang {{ <{LANGUAGE_AUTHORITY}FRA> <{LANGUAGE_AUTHORITY}NLD> <{LANGUAGE_AUTHORITY}ENG> }}
    ?expression cdm:expression_belongs_to_work ?work ;
                cdm:expression_uses_language ?lang ;
                cdm:expression_title ?title .
  }}
}}
ORDER BY ?celex ?deadline ?legal_deadline ?lang
"
    )
}

/// The national measures of one member state (`country`: three letters, `BEL`) for one directive,
/// a page of `limit` rows from `offset`. Anchored on the directive's CELEX number; ordered before
/// it is cut into pages, so that pages do not overlap. One measure may come back on several rows
/// (one per title language, per date, per kind): ask for the next page while a page comes back
/// full, and parse all pages together with [`parse_measures`].
///
/// The kind of act is `cdm:measure_national_implementing_type_act`, not the measure's
/// `cdm:work_has_resource-type` (always the generic `MEAS_NATION_IMPL`). Public code that reads
/// CELLAR's national measures uses that property and gets a literal such as "Decreto legislativo":
/// `capazme/mcp-legal-it`, `plugin/server/src/lib/eu_implementation/client.py` (and the recorded
/// binding `{"type": "literal", "value": "Decreto legislativo"}` in its
/// `tests/unit/test_eu_implementation.py`); `ThijsvanEssen/lawgraph`,
/// `src/lawgraph/clients/eu.py` (`?type`, read as a string). The CDM documentation itself was not
/// found in the stored corpora, nor whether the literal carries a language tag.
pub fn measures_query(
    directive: &DirectiveId,
    country: &str,
    limit: usize,
    offset: usize,
) -> String {
    // Letters only: the code goes into a URI, and a stray character must not change the query.
    let country: String = country
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    format!(
        "{PREFIXES}\
SELECT DISTINCT ?celex ?title ?lang ?date ?kind
WHERE {{
  VALUES ?directive_celex {{ \"{celex}\"^^xsd:string }}
  ?directive cdm:resource_legal_id_celex ?directive_celex .
  ?measure cdm:measure_national_implementing_implements_resource_legal ?directive ;
           cdm:measure_national_implementing_implemented_by_country <{COUNTRY_AUTHORITY}{country}> ;
           cdm:resource_legal_id_celex ?celex .
  FILTER(STRSTARTS(STR(?celex), \"{own_prefix}\"))
  OPTIONAL {{ ?measure cdm:work_title ?title . BIND(LANG(?title) AS ?lang) }}
  OPTIONAL {{ ?measure cdm:work_date_document ?date }}
  OPTIONAL {{ ?measure cdm:measure_national_implementing_type_act ?kind }}
}}
ORDER BY ?celex ?lang ?date ?kind
LIMIT {limit}
OFFSET {offset}
",
        celex = directive.celex(),
        own_prefix = measure_prefix(directive),
    )
}

/// The start of every national-measure CELEX number of `directive`: sector 7 and the directive's
/// own CELEX without its sector, `72019L1024` for 32019L1024. A measure that transposes several
/// directives carries one such number per directive
/// (`../shared/design/SERVICES.md`, "CELLAR": without a filter on it, the rows multiply and other
/// directives' numbers come back); the query keeps only those of the directive asked, and
/// [`own_measures`] checks the answer again.
pub fn measure_prefix(directive: &DirectiveId) -> String {
    format!("7{}", &directive.celex()[1..])
}

/// Splits the measures an answer about `directive` listed into its own and the numbers of the same
/// measures for other directives (an omnibus measure): those are read when their own directive is
/// asked, and never make the tool follow that directive; the caller says they were set aside.
pub fn own_measures(
    directive: &DirectiveId,
    measures: Vec<NationalMeasure>,
) -> (Vec<NationalMeasure>, Vec<NationalMeasure>) {
    measures
        .into_iter()
        .partition(|m| m.directive == *directive)
}

/// The directives whose document date is on or after `since`, by date then CELEX number, a page of
/// `limit` rows from `offset`: one row per directive, `celex` and `date_document` only. Ask
/// [`directives_query`] for the titles and deadlines of those the unit wants.
pub fn published_since_query(since: NaiveDate, limit: usize, offset: usize) -> String {
    format!(
        "{PREFIXES}\
SELECT DISTINCT ?celex ?date_document
WHERE {{
  VALUES ?type {{ <{RESOURCE_TYPE_AUTHORITY}DIR> <{RESOURCE_TYPE_AUTHORITY}DIR_IMPL> <{RESOURCE_TYPE_AUTHORITY}DIR_DEL> }}
  ?work cdm:work_has_resource-type ?type ;
        cdm:work_date_document ?date_document ;
        cdm:resource_legal_id_celex ?celex .
  {NOT_INDEXED}
  FILTER(?date_document >= \"{since}\"^^xsd:date)
  FILTER(REGEX(STR(?celex), \"^3[0-9]{{4}}L[0-9]{{4}}$\"))
}}
ORDER BY ?date_document ?celex
LIMIT {limit}
OFFSET {offset}
",
        since = since.format("%Y-%m-%d"),
    )
}

// ---------------------------------------------------------------------------------------------
// SPARQL results: rows as read.

/// One binding row: the variables it binds, each with its value and language tag.
pub(crate) struct Row<'a> {
    /// 1-based position in `results.bindings`.
    pub(crate) number: usize,
    values: BTreeMap<&'a str, Term<'a>>,
}

#[derive(Clone, Copy)]
struct Term<'a> {
    value: &'a str,
    lang: Option<&'a str>,
    /// The term's `type`: `uri`, `literal`, `typed-literal` or `bnode`.
    kind: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// The variable's value, trimmed; `None` when unbound or blank.
    pub(crate) fn get(&self, var: &str) -> Option<&'a str> {
        self.values
            .get(var)
            .map(|t| t.value.trim())
            .filter(|v| !v.is_empty())
    }

    fn lang(&self, var: &str) -> Option<&'a str> {
        self.values.get(var).and_then(|t| t.lang)
    }

    fn kind(&self, var: &str) -> Option<&'a str> {
        self.values.get(var).and_then(|t| t.kind)
    }
}

/// Reads the SPARQL 1.1 JSON results shape; a binding that is not an object is a diagnostic.
pub(crate) fn sparql_rows<'a>(
    value: &'a Value,
    source: &str,
    required: &str,
    expected: &str,
    limits: &Limits,
) -> Result<(Vec<Row<'a>>, Vec<Diagnostic>), EurlexError> {
    let shape_err = |found: String| EurlexError::NotSparqlResults {
        origin: source.to_owned(),
        found,
    };
    let Value::Object(top) = value else {
        return Err(shape_err(format!(
            "{} instead of an object",
            kind_of(value)
        )));
    };
    let vars = top
        .get("head")
        .and_then(|h| h.get("vars"))
        .and_then(Value::as_array);
    let bindings = top
        .get("results")
        .and_then(|r| r.get("bindings"))
        .and_then(Value::as_array);
    let (Some(vars), Some(bindings)) = (vars, bindings) else {
        let keys: Vec<&str> = top.keys().map(String::as_str).collect();
        let found = if top.contains_key("boolean") {
            "the answer to an ASK query".to_owned()
        } else if keys.is_empty() {
            "an empty object".to_owned()
        } else {
            format!("an object with keys {}", keys.join(", "))
        };
        return Err(shape_err(found));
    };
    let vars: Vec<&str> = vars.iter().filter_map(Value::as_str).collect();
    if !vars.contains(&required) {
        return Err(EurlexError::MissingVariable {
            origin: source.to_owned(),
            variable: required.to_owned(),
            vars: if vars.is_empty() {
                "none".to_owned()
            } else {
                vars.join(", ")
            },
            expected: expected.to_owned(),
        });
    }
    input::check_rows(bindings.len(), limits).map_err(|e| EurlexError::input(source, e))?;
    let mut rows = Vec::with_capacity(bindings.len());
    let mut diagnostics = Vec::new();
    for (i, binding) in bindings.iter().enumerate() {
        let Value::Object(map) = binding else {
            diagnostics
                .push(Diagnostic::new(source, snippet(binding), "a binding object").row(i + 1));
            continue;
        };
        let mut values = BTreeMap::new();
        for (var, term) in map {
            match term.get("value").and_then(Value::as_str) {
                Some(value) => {
                    let lang = term.get("xml:lang").and_then(Value::as_str);
                    let kind = term.get("type").and_then(Value::as_str);
                    values.insert(var.as_str(), Term { value, lang, kind });
                }
                None => diagnostics.push(
                    Diagnostic::new(
                        source,
                        snippet(term),
                        "a term like {\"type\": \"literal\", \"value\": \"...\"}",
                    )
                    .row(i + 1)
                    .column(var),
                ),
            }
        }
        rows.push(Row {
            number: i + 1,
            values,
        });
    }
    Ok((rows, diagnostics))
}

pub(crate) fn parse_json(json: &[u8], source: &str, limits: &Limits) -> Result<Value, EurlexError> {
    input::json(json, limits).map_err(|e| match e {
        JsonError::Input(problem) => EurlexError::input(source, problem),
        JsonError::Syntax(reason) => EurlexError::Json {
            origin: source.to_owned(),
            reason,
        },
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn snippet(value: &Value) -> String {
    value.to_string().chars().take(80).collect()
}

/// An `xsd:date` or `xsd:dateTime` value: `2021-12-17`, `2021-12-17Z`, `2021-12-17+02:00`,
/// `2021-12-17T00:00:00`.
pub(crate) fn sparql_date(value: &str) -> Option<NaiveDate> {
    let day = value.get(..10)?;
    let rest = &value[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 'Z', '+', '-'])) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The years CELLAR uses as "no date" on national measures.
const PLACEHOLDER_YEARS: [i32; 2] = [1001, 1900];

pub(crate) const SPARQL_DATE_EXPECTED: &str = "a date like 2021-12-17";

pub(crate) fn sparql_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// The title language of a row: `?lang` as a language authority URI (`.../language/FRA`), a
/// three-letter code or a language tag; else the title's own language tag.
pub(crate) fn title_lang(row: &Row) -> Option<Lang> {
    let code = row.get("lang").or_else(|| row.lang("title"))?;
    let code = code.rsplit(['/', '#']).next().unwrap_or(code);
    let code = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    match code.as_str() {
        "fra" | "fre" | "fr" => Some(Lang::Fr),
        "nld" | "dut" | "nl" => Some(Lang::Nl),
        "eng" | "en" => Some(Lang::En),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Lang {
    Fr,
    Nl,
    En,
}

impl Lang {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Lang::Fr => "French",
            Lang::Nl => "Dutch",
            Lang::En => "English",
        }
    }
}

/// Runs of spaces, newlines, no-break and zero-width spaces become one space; trimmed.
pub(crate) fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// SPARQL results: directives.

/// A directive's values as the rows give them, before they are checked for agreement.
#[derive(Default)]
struct DirectiveRows {
    dates_document: BTreeSet<NaiveDate>,
    deadlines: BTreeSet<NaiveDate>,
    /// `cdm:resource_legal_date_deadline`: the deadlines when there is no transposition date.
    legal_deadlines: BTreeSet<NaiveDate>,
    entry_into_force: BTreeSet<NaiveDate>,
    in_force: Vec<(bool, usize)>,
    eli: Vec<(String, usize)>,
    titles: BTreeMap<Lang, Vec<(String, usize)>>,
}

/// Reads the results of [`directives_query`] (or [`published_since_query`]): the rows of one
/// directive are merged into one record (several deadlines, one title per language; a title
/// missing in a language stays `None`), records sorted by directive. The deadlines are the
/// `deadline`s; only a directive with none takes its `legal_deadline`s. A row whose CELEX number is
/// missing or not a directive's, or a value that does not read, is a diagnostic; when the rows
/// disagree (two document dates, two French titles), the first value is kept and the others
/// reported.
pub fn parse_directives(
    json: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<(Vec<EurlexDirective>, Vec<Diagnostic>), EurlexError> {
    let value = parse_json(json, source, limits)?;
    let (rows, mut diagnostics) = sparql_rows(
        &value,
        source,
        "celex",
        "the variables of directives_query: celex, date_document, deadline, ...",
        limits,
    )?;
    let mut directives: BTreeMap<DirectiveId, DirectiveRows> = BTreeMap::new();
    for row in &rows {
        let diag = |column: &str, found: &str, expected: &str| {
            Diagnostic::new(source, found, expected)
                .row(row.number)
                .column(column)
        };
        let Some(celex) = row.get("celex") else {
            diagnostics.push(diag(
                "celex",
                "nothing",
                "the directive's CELEX number, like 32019L1024",
            ));
            continue;
        };
        let id = match directive_of_celex(celex) {
            Ok(id) => id,
            Err(expected) => {
                diagnostics.push(diag("celex", celex, &expected));
                continue;
            }
        };
        let entry = directives.entry(id).or_default();
        for (var, set) in [
            ("date_document", &mut entry.dates_document),
            ("deadline", &mut entry.deadlines),
            ("legal_deadline", &mut entry.legal_deadlines),
            ("entry_into_force", &mut entry.entry_into_force),
        ] {
            if let Some(v) = row.get(var) {
                match sparql_date(v) {
                    Some(d) => {
                        set.insert(d);
                    }
                    None => diagnostics.push(diag(var, v, SPARQL_DATE_EXPECTED)),
                }
            }
        }
        if let Some(v) = row.get("in_force") {
            match sparql_bool(v) {
                Some(b) => entry.in_force.push((b, row.number)),
                None => diagnostics.push(diag("in_force", v, "true or false")),
            }
        }
        if let Some(v) = row.get("eli") {
            entry.eli.push((v.to_owned(), row.number));
        }
        // A title in another language is not an error: a hand-written query may ask for more.
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
    let mut records = Vec::with_capacity(directives.len());
    for (id, rows) in directives {
        let celex = id.celex();
        let mut conflict = |what: &str, kept: &str, other: &str, row: Option<usize>| {
            diagnostics.push(disagreement(source, &celex, what, kept, other, row));
        };
        // Dates are merged in a set, so a disagreement has no single row.
        let adopted_on = rows.dates_document.first().copied();
        if let Some(kept) = adopted_on {
            for other in rows.dates_document.iter().skip(1) {
                conflict("date_document", &kept.to_string(), &other.to_string(), None);
            }
        }
        let in_force = first_agreed(&rows.in_force, |v| v.to_string(), "in_force", &mut conflict);
        let eli = first_agreed(&rows.eli, Clone::clone, "eli", &mut conflict);
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
        // An older directive's deadline may be only in `cdm:resource_legal_date_deadline`; next to
        // a transposition date, that property is about something else (see `directives_query`).
        let deadlines = if rows.deadlines.is_empty() {
            rows.legal_deadlines
        } else {
            rows.deadlines
        };
        records.push(EurlexDirective {
            id,
            celex: id.celex(),
            title_fr,
            title_nl,
            title_en,
            adopted_on,
            deadlines: deadlines.into_iter().collect(),
            entry_into_force: rows.entry_into_force.first().copied(),
            in_force,
            eli,
        });
    }
    Ok((records, diagnostics))
}

/// The first value of a merged field; every different value after it is reported once.
pub(crate) fn first_agreed<T: PartialEq + Clone>(
    values: &[(T, usize)],
    show: impl Fn(&T) -> String,
    what: &str,
    conflict: &mut impl FnMut(&str, &str, &str, Option<usize>),
) -> Option<T> {
    let (kept, _) = values.first()?;
    let mut reported: Vec<&T> = Vec::new();
    for (other, row) in &values[1..] {
        if other != kept && !reported.contains(&other) {
            reported.push(other);
            conflict(what, &show(kept), &show(other), Some(*row));
        }
    }
    Some(kept.clone())
}

/// The directive a CELEX number designates, or what was expected instead.
pub(crate) fn directive_of_celex(celex: &str) -> Result<DirectiveId, String> {
    match Celex::parse(celex) {
        Ok(parsed) if parsed.kind == CelexKind::Directive => {
            parsed.directive().map_err(|e| e.to_string())
        }
        Ok(parsed) => Err(format!(
            "a directive's CELEX number like 32019L1024, not {}",
            what_celex_is(&parsed)
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// What a valid CELEX number that is not a directive's designates: "the CELEX number of a regulation".
fn what_celex_is(celex: &Celex) -> &'static str {
    match (celex.kind, celex.directive()) {
        (_, Err(domain::IdError::NotADirective { found, .. })) => found,
        (CelexKind::Corrigendum, _) => "the CELEX number of a corrigendum",
        (CelexKind::Consolidated, _) => "the CELEX number of a consolidated version",
        _ => "the CELEX number of another kind of document",
    }
}

// ---------------------------------------------------------------------------------------------
// SPARQL results: national measures.

#[derive(Default)]
struct MeasureRows {
    titles: Vec<(Option<Lang>, String)>,
    dates: BTreeSet<NaiveDate>,
    /// By language tag ("" for none): the same kind in several languages is no disagreement.
    kinds: BTreeMap<String, Vec<(String, usize)>>,
}

/// The kind of act as the row gives it: the last segment of a URI (a code in an authority table),
/// else the literal itself, "Ordonnance"; `None` for a blank node or a URI without a last segment.
fn measure_kind(value: &str, term: Option<&str>) -> Option<String> {
    match term {
        Some("bnode") => None,
        Some("uri") => value
            .trim_end_matches(['/', '#'])
            .rsplit(['/', '#'])
            .next()
            .filter(|code| !code.is_empty() && !code.contains(':'))
            .map(str::to_owned),
        _ => Some(squash(value)).filter(|k| !k.is_empty()),
    }
}

/// A language tag's primary subtag in lower case: "fr-BE" -> "fr".
fn language_tag(tag: &str) -> String {
    tag.split('-')
        .next()
        .unwrap_or(tag)
        .trim()
        .to_ascii_lowercase()
}

/// The kind kept among the languages the rows give it in: French for a Brussels unit, then
/// Dutch, English, no tag, then any other language in alphabetical order; within that language the
/// first value, the others reported.
fn preferred_kind(
    kinds: &BTreeMap<String, Vec<(String, usize)>>,
    conflict: &mut impl FnMut(&str, &str, &str, Option<usize>),
) -> Option<String> {
    let rank = |tag: &str| match tag {
        "fr" => 0,
        "nl" => 1,
        "en" => 2,
        "" => 3,
        _ => 4,
    };
    let (_, values) = kinds
        .iter()
        .min_by_key(|(tag, _)| (rank(tag), tag.as_str()))?;
    first_agreed(values, Clone::clone, "kind", conflict)
}

/// Reads the results of [`measures_query`] (one page, or the rows of all pages put together): the
/// rows of one measure (one per title language, per date...) make one record; records sorted by
/// CELEX number. A row whose CELEX number is not a national measure's, or a date that does not
/// read, is a diagnostic.
pub fn parse_measures(
    json: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<(Vec<NationalMeasure>, Vec<Diagnostic>), EurlexError> {
    let value = parse_json(json, source, limits)?;
    let (rows, mut diagnostics) = sparql_rows(
        &value,
        source,
        "celex",
        "the variables of measures_query: celex, title, lang, date, kind",
        limits,
    )?;
    let mut measures: BTreeMap<MeasureCelex, MeasureRows> = BTreeMap::new();
    for row in &rows {
        let diag = |column: &str, found: &str, expected: &str| {
            Diagnostic::new(source, found, expected)
                .row(row.number)
                .column(column)
        };
        let Some(celex) = row.get("celex") else {
            diagnostics.push(diag(
                "celex",
                "nothing",
                "the measure's CELEX number, like 72019L1024BEL_202200123",
            ));
            continue;
        };
        let Ok(measure) = MeasureCelex::parse(celex) else {
            diagnostics.push(diag(
                "celex",
                celex,
                "a national measure's CELEX number, like 72019L1024BEL_202200123",
            ));
            continue;
        };
        let entry = measures.entry(measure).or_default();
        if let Some(title) = row.get("title").map(squash) {
            let lang = title_lang(row);
            if !entry.titles.iter().any(|(l, t)| *l == lang && *t == title) {
                entry.titles.push((lang, title));
            }
        }
        if let Some(v) = row.get("date") {
            match sparql_date(v) {
                // CELLAR writes an unknown measure date as a placeholder (1001-01-01, 1900-01-01;
                // `../shared/design/SERVICES.md`): it is no date, the measure's date stays unknown.
                Some(d) if PLACEHOLDER_YEARS.contains(&d.year()) => {}
                Some(d) => {
                    entry.dates.insert(d);
                }
                None => diagnostics.push(diag("date", v, SPARQL_DATE_EXPECTED)),
            }
        }
        if let Some(v) = row.get("kind") {
            match measure_kind(v, row.kind("kind")) {
                Some(kind) => {
                    let lang = row.lang("kind").map(language_tag).unwrap_or_default();
                    entry.kinds.entry(lang).or_default().push((kind, row.number));
                }
                None => diagnostics.push(diag(
                    "kind",
                    v,
                    "the kind of act (cdm:measure_national_implementing_type_act), a literal like \"Ordonnance\" or a URI",
                )),
            }
        }
    }
    let mut records = Vec::with_capacity(measures.len());
    for (measure, rows) in measures {
        let celex = measure.to_string();
        let mut conflict = |what: &str, kept: &str, other: &str, row: Option<usize>| {
            diagnostics.push(disagreement(source, &celex, what, kept, other, row));
        };
        let kind = preferred_kind(&rows.kinds, &mut conflict);
        // French first for a Brussels unit, then Dutch, English, and a title without a language.
        let title = rows
            .titles
            .iter()
            .min_by_key(|(lang, _)| lang.map_or(3, |l| l as u8))
            .map(|(_, t)| t.clone());
        records.push(NationalMeasure {
            directive: measure.directive,
            country: measure.country.clone(),
            celex,
            title,
            date: rows.dates.first().copied(),
            kind,
        });
    }
    Ok((records, diagnostics))
}

// ---------------------------------------------------------------------------------------------
// Saved EUR-Lex pages.

/// The text of a saved page, once it is known to be whole UTF-8 within the limits: the checks of
/// [`input`] before html5ever sees it.
pub(crate) fn page_text<'a>(
    html: &'a [u8],
    source: &str,
    limits: &Limits,
) -> Result<&'a str, EurlexError> {
    let refused = |problem| EurlexError::input(source, problem);
    input::check_size(html, limits).map_err(refused)?;
    let text = input::utf8(html).map_err(refused)?;
    input::check_page_closed(text).map_err(refused)?;
    input::check_html_depth(text, limits.max_html_depth).map_err(refused)?;
    Ok(text)
}

/// Two rows of a source that disagree on one value of a record: the other value, what was
/// expected and which was kept (a value merged in a set has no single row).
pub(crate) fn disagreement(
    source: &str,
    celex: &str,
    what: &str,
    kept: &str,
    other: &str,
    row: Option<usize>,
) -> Diagnostic {
    let d = Diagnostic::new(
        source,
        other,
        format!("one {what} for {celex} (kept \"{kept}\")"),
    )
    .column(what);
    match row {
        Some(row) => d.row(row),
        None => d,
    }
}

pub(crate) fn selector(css: &'static str) -> Selector {
    // The selectors are literals of this file, checked by the tests: a failure is a bug of ours.
    Selector::parse(css).unwrap_or_else(|e| unreachable!("invalid selector {css}: {e}"))
}

pub(crate) fn text_of(element: ElementRef) -> String {
    squash(&element.text().collect::<String>())
}

/// [`fold`]ed (lower case, no accents, spaces collapsed), curly apostrophes straightened, the final
/// colon dropped: "Date d’effet: " -> "date d'effet".
fn fold_label(label: &str) -> String {
    fold(label)
        .replace(['’', '‘', '`'], "'")
        .trim_end_matches([':', ' '])
        .to_owned()
}

/// The CELEX number of the page: the header's "Document 32019L1024", else the ELI metadata's
/// `eli:id_local`.
pub(crate) fn page_celex(doc: &Html) -> Option<String> {
    let from_header = doc
        .select(&selector("p.DocumentTitle"))
        .flat_map(|p| text_of(p).split(' ').map(str::to_owned).collect::<Vec<_>>())
        .find(|word| Celex::parse(word).is_ok());
    from_header.or_else(|| {
        doc.select(&selector(r#"meta[property="eli:id_local"]"#))
            .filter_map(|m| m.value().attr("content"))
            .map(str::trim)
            .find(|c| Celex::parse(c).is_ok())
            .map(str::to_owned)
    })
}

/// The `dt`/`dd` pairs of a `dl.NMetadata`, as folded label and text; a `dd` without its own `dt`
/// belongs to the one before it.
fn metadata_pairs(dl: ElementRef) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut label = String::new();
    for child in dl.child_elements() {
        match child.value().name() {
            "dt" => label = fold_label(&text_of(child)),
            "dd" => pairs.push((label.clone(), text_of(child))),
            _ => {}
        }
    }
    pairs
}

/// A "dd/mm/yyyy; comment" value: the date (none when the value has no digits, like "No end date")
/// and the comment.
fn panel_date(
    label: &str,
    value: &str,
    source: &str,
) -> Result<Option<(NaiveDate, String)>, EurlexError> {
    let (date, comment) = value.split_once(';').unwrap_or((value, ""));
    let date = date.trim();
    if !date.chars().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let parsed =
        NaiveDate::parse_from_str(date, "%d/%m/%Y").map_err(|_| EurlexError::PageValue {
            origin: source.to_owned(),
            label: label.to_owned(),
            found: value.to_owned(),
            expected: "a date like 17/07/2021, then a comment after a semicolon".to_owned(),
        })?;
    Ok(Some((parsed, comment.trim().to_owned())))
}

/// What a label of the Dates panel says, in English, French or Dutch.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DateLabel {
    Document,
    Effect,
    Transposition,
    Other,
}

/// The labels of the Dates panel this reader knows, folded ([`fold_label`]); any other label is
/// [`DateLabel::Other`]. The panel follows the interface's language, not the document's.
///
/// - English: as on the real page `../shared/data/eurlex/32016R0679-ALL-en.html` ("Date of
///   document", "Date of effect", "Date of signature", "Deadline", "Date of end of validity");
///   "Date of transposition" as public scrapers of EUR-Lex list it beside those.
/// - French: "Date du document", "Date d'effet", "Date de transposition" and "Date de fin de
///   validité" are the labels of an EUR-Lex notice saved in 2010
///   (<https://fr.scribd.com/document/123306948/Directive-84-529-CEE>, older layout); the other
///   French forms are not verified.
/// - Dutch: none verified against a saved Dutch page; the forms a Dutch interface may use.
///
/// "Deadline" and its translations stay [`DateLabel::Other`]: on the real page it is a report's
/// deadline (`cdm:resource_legal_date_deadline`), not the transposition's.
const DATE_LABELS: &[(&str, DateLabel)] = &[
    ("date of document", DateLabel::Document),
    ("date of effect", DateLabel::Effect),
    ("date of transposition", DateLabel::Transposition),
    ("date du document", DateLabel::Document),
    ("date d'effet", DateLabel::Effect),
    ("date de transposition", DateLabel::Transposition),
    ("date limite de transposition", DateLabel::Transposition),
    ("datum van document", DateLabel::Document),
    ("datum van het document", DateLabel::Document),
    ("datum van werking", DateLabel::Effect),
    ("datum van inwerkingtreding", DateLabel::Effect),
    ("datum van omzetting", DateLabel::Transposition),
    ("datum van de omzetting", DateLabel::Transposition),
    ("uiterste datum omzetting", DateLabel::Transposition),
    ("uiterste datum voor omzetting", DateLabel::Transposition),
];

fn date_label(label: &str) -> DateLabel {
    DATE_LABELS
        .iter()
        .find(|(known, _)| *known == label)
        .map_or(DateLabel::Other, |(_, kind)| *kind)
}

fn is_entry_into_force(comment: &str) -> bool {
    let c = fold_label(comment);
    c.contains("entry into force")
        || c.contains("entree en vigueur")
        || c.contains("inwerkingtreding")
}

/// Reads a saved EUR-Lex ALL view of a directive (`/legal-content/{EN,FR,NL}/ALL/?uri=CELEX:...`):
/// the CELEX number from the page header, the title (in the document's language, the `lang` of
/// `#PP1Contents` or of its first element that has one, whatever the interface's `<html lang>`;
/// and the English one EUR-Lex keeps hidden on every page), the force indicator, the ELI, and the
/// "Dates" panel of the Document information: "Date of document", "Date of effect" (the one
/// commented "Entry into force", else the earliest), every "Date of transposition". The labels of
/// the English, French and Dutch interfaces are read (`DATE_LABELS`).
///
/// A page without a CELEX number or without the Dates panel is an `Err` naming the missing element
/// (the layout changed, or EUR-Lex sent a bot check); so is a page about another kind of act, and a
/// date in the Dates panel that does not exist; and so is a page cut short (no `</body>` or
/// `</html>`), not in UTF-8, or past the [`Limits`].
pub fn parse_page(
    html: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<EurlexDirective, EurlexError> {
    let doc = Html::parse_document(page_text(html, source, limits)?);
    let layout = |missing: &str| EurlexError::Layout {
        origin: source.to_owned(),
        missing: missing.to_owned(),
    };
    let celex = page_celex(&doc).ok_or_else(|| {
        layout("the CELEX number (p.DocumentTitle \"Document 32019L1024\" or meta eli:id_local)")
    })?;
    let id = directive_of_celex(&celex).map_err(|_| EurlexError::NotADirective {
        origin: source.to_owned(),
        found: Celex::parse(&celex)
            .map_or("another kind of document", |c| what_celex_is(&c))
            .to_owned(),
        celex: celex.clone(),
    })?;
    let dates = doc
        .select(&selector("#PPDates_Contents dl.NMetadata"))
        .next()
        .ok_or_else(|| {
            layout("the Dates panel of the Document information (#PPDates_Contents dl.NMetadata)")
        })?;

    let mut adopted_on = None;
    let mut effects = Vec::new();
    let mut deadlines = BTreeSet::new();
    for (label, value) in metadata_pairs(dates) {
        let kind = date_label(&label);
        if kind == DateLabel::Other {
            continue;
        }
        let Some((date, comment)) = panel_date(&label, &value, source)? else {
            continue;
        };
        match kind {
            DateLabel::Document => adopted_on = adopted_on.or(Some(date)),
            DateLabel::Effect => effects.push((date, comment)),
            DateLabel::Transposition => {
                deadlines.insert(date);
            }
            DateLabel::Other => {}
        }
    }
    let entry_into_force = effects
        .iter()
        .filter(|(_, comment)| is_entry_into_force(comment))
        .map(|(d, _)| *d)
        .min()
        .or_else(|| effects.iter().map(|(d, _)| *d).min());

    // The language of the document's header, not `<html lang>`: that is the interface's, and a
    // page viewed in the French interface may show the Dutch document (`?locale=fr` on
    // `/legal-content/NL/ALL/`). The real page writes it on the first block of #PP1Contents,
    // `<div lang="EN">`.
    let document_lang = doc
        .select(&selector("#PP1Contents[lang], #PP1Contents [lang]"))
        .filter_map(|e| e.value().attr("lang"))
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(language_tag);
    let first_text = |css: &'static str| {
        doc.select(&selector(css))
            .map(text_of)
            .find(|t| !t.is_empty())
    };
    let title = first_text("p#title").or_else(|| first_text("p#originalTitle"));
    let mut title_en = first_text("p#englishTitle");
    let (mut title_fr, mut title_nl) = (None, None);
    match document_lang.as_deref() {
        Some("fr") => title_fr = title,
        Some("nl") => title_nl = title,
        Some("en") => title_en = title.or(title_en),
        _ => {}
    }

    Ok(EurlexDirective {
        id,
        celex: id.celex(),
        title_fr,
        title_nl,
        title_en,
        adopted_on,
        deadlines: deadlines.into_iter().collect(),
        entry_into_force,
        in_force: page_in_force(&doc),
        eli: page_eli(&doc),
    })
}

/// "In force" / "No longer in force" (and their French and Dutch forms) in the force indicator,
/// else the ELI metadata.
fn page_in_force(doc: &Html) -> Option<bool> {
    if let Some(indicator) = doc.select(&selector("p.forceIndicator")).next() {
        let text = fold_label(&text_of(indicator));
        // The negative forms contain the positive ones: test them first.
        let negative = [
            "no longer in force",
            "plus en vigueur",
            "niet meer van kracht",
            "niet langer van kracht",
        ];
        if negative.iter().any(|n| text.starts_with(n)) {
            return Some(false);
        }
        if ["in force", "en vigueur", "van kracht"]
            .iter()
            .any(|p| text.starts_with(p))
        {
            return Some(true);
        }
    }
    let resource = doc
        .select(&selector(r#"meta[property="eli:in_force"]"#))
        .find_map(|m| m.value().attr("resource"))?;
    match resource.rsplit('#').next()? {
        "InForce-inForce" => Some(true),
        "InForce-notInForce" => Some(false),
        _ => None,
    }
}

/// The ELI link of the page's header, else the ELI metadata's subject.
fn page_eli(doc: &Html) -> Option<String> {
    let link = doc
        .select(&selector(r#"#PP1Contents a[href*="data.europa.eu/eli/"]"#))
        .filter_map(|a| a.value().attr("href"))
        .map(str::trim)
        .next();
    let meta = || {
        doc.select(&selector(r#"meta[typeof="eli:LegalResource"]"#))
            .find_map(|m| m.value().attr("about"))
    };
    link.or_else(meta).map(str::to_owned)
}

/// The sector-7 CELEX number a link points to: its `data-celex`, else the `CELEX:` part of its
/// address (`?uri=CELEX:72019L1024BEL_202200123`, or `CELEX%3A` as a saved page may encode it).
fn measure_link(a: ElementRef) -> Option<MeasureCelex> {
    if let Some(celex) = a.value().attr("data-celex")
        && let Ok(m) = MeasureCelex::parse(celex)
    {
        return Some(m);
    }
    let href = a.value().attr("href")?;
    let upper = href.to_ascii_uppercase();
    let start = ["CELEX:", "CELEX%3A"]
        .iter()
        .find_map(|p| upper.find(p).map(|i| i + p.len()))?;
    let celex: String = href[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        .collect();
    MeasureCelex::parse(&celex).ok()
}

/// Every `dd/mm/yyyy` in a text, in order.
fn dates_in(text: &str) -> Vec<NaiveDate> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter(|w| w.len() >= 8 && w.matches('/').count() == 2)
        .filter_map(|w| NaiveDate::parse_from_str(w, "%d/%m/%Y").ok())
        .collect()
}

/// The element a measure's link belongs to: its list item or table row, else its parent.
fn measure_entry(a: ElementRef) -> Option<ElementRef> {
    a.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| matches!(e.value().name(), "li" | "tr"))
        .or_else(|| a.parent().and_then(ElementRef::wrap))
}

/// Reads a saved EUR-Lex national-transposition tab (`/legal-content/{LANG}/NIM/?uri=CELEX:...`):
/// every measure of every member state it lists, found by the links to their sector-7 CELEX numbers
/// (which give the directive and the country), in the order of the page, each once. For each: the
/// link's text as title; from the entry's `dl.NMetadata`, the type ("Type", "Form", "Type de
/// mesure", "Soort") and the date ("Date of document" first, else any other dated row such as the
/// publication reference); without such a list, the first `dd/mm/yyyy` of the entry.
///
/// Built against a hand-made page (no real NIM tab was saved when this was written): check it on a
/// real saved page. A page with neither measure links nor a national-transposition heading is an
/// `Err`; a page with the heading and no measures is an empty list. A page cut short is an `Err`
/// (see [`parse_page`]), and so is a member state's panel whose heading announces a number of
/// measures ("Belgium (3)") other than the number it links to.
pub fn parse_nim_page(
    html: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<Vec<NationalMeasure>, EurlexError> {
    let doc = Html::parse_document(page_text(html, source, limits)?);
    check_announced_counts(&doc, source)?;
    let mut measures: Vec<NationalMeasure> = Vec::new();
    for a in doc.select(&selector("a[href], a[data-celex]")) {
        let Some(celex) = measure_link(a) else {
            continue;
        };
        let celex_text = celex.to_string();
        let link_title =
            Some(text_of(a)).filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case(&celex_text));
        let entry = measure_entry(a);
        let (mut date, mut kind) = (None, None);
        if let Some(entry) = entry {
            let pairs: Vec<(String, String)> = entry
                .select(&selector("dl.NMetadata"))
                .flat_map(metadata_pairs)
                .collect();
            kind = pairs
                .iter()
                .find(|(label, _)| {
                    matches!(
                        label.as_str(),
                        "type"
                            | "form"
                            | "type of measure"
                            | "type de mesure"
                            | "forme"
                            | "soort"
                            | "vorm"
                    )
                })
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty());
            let document_date = pairs
                .iter()
                .filter(|(label, _)| date_label(label) == DateLabel::Document || label == "date")
                .find_map(|(_, v)| dates_in(v).first().copied());
            let any_dated = || pairs.iter().find_map(|(_, v)| dates_in(v).first().copied());
            date = document_date.or_else(any_dated);
            if pairs.is_empty() {
                let text = text_of(entry);
                let rest = link_title.as_deref().map_or(text.as_str(), |t| {
                    text.split_once(t).map_or(text.as_str(), |(_, r)| r)
                });
                date = dates_in(rest).first().copied();
            }
        }
        match measures.iter_mut().find(|m| m.celex == celex_text) {
            // The same measure linked twice (its title, a "Display" link): one measure.
            Some(known) => {
                known.title = known.title.take().or(link_title);
                known.date = known.date.or(date);
                known.kind = known.kind.take().or(kind);
            }
            None => measures.push(NationalMeasure {
                directive: celex.directive,
                country: celex.country.clone(),
                celex: celex_text,
                title: link_title,
                date,
                kind,
            }),
        }
    }
    if measures.is_empty() {
        let text = fold_label(&doc.root_element().text().collect::<String>());
        let headings = [
            "national transposition measures",
            "mesures nationales de transposition",
            "nationale omzettingsmaatregelen",
        ];
        if !headings.iter().any(|h| text.contains(h)) {
            return Err(EurlexError::Layout {
                origin: source.to_owned(),
                missing: "the national transposition list (links to measures' CELEX numbers like 72019L1024BEL_202200123, or a \"National transposition measures\" heading)".to_owned(),
            });
        }
    }
    Ok(measures)
}

/// Each member state's panel of a national-transposition tab (`div.NIMCountry`) against the
/// number its heading announces, "Belgium (3)": the measures linked in the panel, each once.
fn check_announced_counts(doc: &Html, source: &str) -> Result<(), EurlexError> {
    for panel in doc.select(&selector("div.NIMCountry")) {
        let Some(heading) = panel
            .select(&selector(".panel-title"))
            .next()
            .or_else(|| panel.select(&selector(".panel-heading")).next())
        else {
            continue;
        };
        let heading = text_of(heading);
        let Some((country, announced)) = announced_count(&heading) else {
            continue;
        };
        let mut linked: Vec<String> = panel
            .select(&selector("a[href], a[data-celex]"))
            .filter_map(measure_link)
            .map(|m| m.to_string())
            .collect();
        linked.sort();
        linked.dedup();
        if linked.len() != announced {
            return Err(EurlexError::Incomplete {
                origin: source.to_owned(),
                country: country.to_owned(),
                announced,
                found: linked.len(),
            });
        }
    }
    Ok(())
}

/// "Belgium (3)" -> ("Belgium", 3).
fn announced_count(heading: &str) -> Option<(&str, usize)> {
    let (name, number) = heading.trim().strip_suffix(')')?.rsplit_once('(')?;
    Some((name.trim(), number.trim().parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(year: u16, number: u16) -> DirectiveId {
        DirectiveId::new(year, number).unwrap()
    }

    /// `ORDER BY` comes before `LIMIT`, which comes before `OFFSET`, each once.
    fn assert_ordered_then_paged(query: &str) {
        let order = query.find("ORDER BY").expect("ORDER BY");
        let limit = query.find("LIMIT").expect("LIMIT");
        let offset = query.find("OFFSET").expect("OFFSET");
        assert!(order < limit && limit < offset, "{query}");
        assert_eq!(query.matches("ORDER BY").count(), 1, "{query}");
    }

    #[test]
    fn the_directives_query_is_anchored_on_the_celex_numbers() {
        let q = directives_query(&[id(2019, 1024), id(2019, 1937), id(1991, 271)]);
        assert!(
            q.contains(
                r#"VALUES ?celex { "32019L1024"^^xsd:string "32019L1937"^^xsd:string "31991L0271"^^xsd:string }"#
            ),
            "{q}"
        );
        // The anchor comes before anything is joined to the work.
        assert!(
            q.find("VALUES ?celex").unwrap()
                < q.find("?work cdm:resource_legal_id_celex ?celex").unwrap()
        );
        for property in [
            "cdm:work_date_document ?date_document",
            "cdm:directive_date_transposition ?deadline",
            "cdm:resource_legal_date_entry-into-force ?entry_into_force",
            "cdm:resource_legal_in-force ?in_force",
            "cdm:resource_legal_eli ?eli",
            "cdm:expression_belongs_to_work ?work",
            "cdm:expression_uses_language ?lang",
            "cdm:expression_title ?title",
            "<http://publications.europa.eu/resource/authority/language/NLD>",
        ] {
            assert!(q.contains(property), "{property} missing from {q}");
        }
        assert!(q.starts_with("PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>"));
        assert!(q.contains("ORDER BY ?celex"));
    }

    /// The text between `open` and its matching `}`.
    fn group_after<'q>(query: &'q str, open: &str) -> &'q str {
        let start = query
            .find(open)
            .unwrap_or_else(|| panic!("{open} not in {query}"));
        let body = &query[start + open.len()..];
        let mut depth = 1;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return &body[..i];
            }
        }
        panic!("{open} is not closed in {query}")
    }

    #[test]
    fn the_legal_deadline_is_asked_only_for_a_directive_without_a_transposition_date() {
        let q = directives_query(&[id(1991, 271)]);
        assert!(
            q.starts_with("PREFIX")
                && q.contains("SELECT DISTINCT ?celex ?date_document ?deadline ?legal_deadline "),
            "{q}"
        );
        let optional = group_after(&q, "OPTIONAL {\n    ?work cdm:resource_legal_date_deadline");
        assert!(
            optional.contains(
                "FILTER NOT EXISTS { ?work cdm:directive_date_transposition ?transposition }"
            ),
            "{q}"
        );
        // The transposition date itself stays a separate, plain OPTIONAL.
        assert!(q.contains("OPTIONAL { ?work cdm:directive_date_transposition ?deadline }"));
    }

    #[test]
    fn the_directives_and_published_since_queries_leave_out_works_not_to_index() {
        let since = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        for q in [
            directives_query(&[id(2019, 1024)]),
            published_since_query(since, 100, 0),
        ] {
            let filter = r#"FILTER NOT EXISTS { ?work cdm:do_not_index "true"^^xsd:boolean }"#;
            assert_eq!(q.matches(filter).count(), 1, "{q}");
            // In the WHERE group itself, not inside an OPTIONAL where it would filter nothing.
            let where_group = group_after(&q, "WHERE {");
            let optionals_removed: String = {
                let mut rest = where_group.to_owned();
                while let Some(start) = rest.find("OPTIONAL {") {
                    let inner = group_after(&rest, "OPTIONAL {").len();
                    rest.replace_range(start..start + "OPTIONAL {".len() + inner + 1, "");
                }
                rest
            };
            assert!(optionals_removed.contains(filter), "{q}");
        }
    }

    #[test]
    fn the_measures_query_is_anchored_on_the_directive_and_ordered_before_it_is_paged() {
        let q = measures_query(&id(2019, 1024), "bel", 500, 1000);
        assert!(
            q.contains(r#"VALUES ?directive_celex { "32019L1024"^^xsd:string }"#),
            "{q}"
        );
        let anchor = q.find("VALUES ?directive_celex").unwrap();
        assert!(
            anchor
                < q.find("cdm:measure_national_implementing_implements_resource_legal ?directive")
                    .unwrap()
        );
        assert!(q.contains(
            "cdm:measure_national_implementing_implemented_by_country <http://publications.europa.eu/resource/authority/country/BEL>"
        ));
        assert!(q.contains("LIMIT 500\nOFFSET 1000"), "{q}");
        assert_ordered_then_paged(&q);
        // Whatever the caller passes, only letters reach the URI: the query keeps its shape.
        let clean = measures_query(&id(2019, 1024), "BEL", 10, 0);
        let q = measures_query(&id(2019, 1024), "BEL> } UNION { ?s ?p ?o", 10, 0);
        assert!(
            !q.contains("?s ?p ?o") && q.contains("/country/BELUNIONSPO>"),
            "{q}"
        );
        assert_eq!(
            (q.matches('{').count(), q.matches('}').count()),
            (clean.matches('{').count(), clean.matches('}').count())
        );
    }

    #[test]
    fn the_measures_query_reads_the_type_of_act_not_the_generic_resource_type() {
        let q = measures_query(&id(2019, 1024), "BEL", 500, 0);
        assert!(
            q.contains("OPTIONAL { ?measure cdm:measure_national_implementing_type_act ?kind }"),
            "{q}"
        );
        assert!(!q.contains("resource-type"), "{q}");
    }

    #[test]
    fn a_kind_is_a_literal_or_the_last_segment_of_a_uri() {
        let check = |value: &str, term: Option<&str>, expected: Option<&str>| {
            assert_eq!(
                measure_kind(value, term).as_deref(),
                expected,
                "{value} ({term:?})"
            );
        };
        check("Ordonnance", Some("literal"), Some("Ordonnance"));
        check(
            " Arrêté du\n Gouvernement ",
            Some("literal"),
            Some("Arrêté du Gouvernement"),
        );
        // A literal keeps its slashes: a bilingual kind is not a path.
        check("Loi / Wet", Some("literal"), Some("Loi / Wet"));
        check("Wet", None, Some("Wet"));
        check(
            "http://publications.europa.eu/resource/authority/measure-type/ORD",
            Some("uri"),
            Some("ORD"),
        );
        check(
            "http://example.org/types#Decree",
            Some("uri"),
            Some("Decree"),
        );
        check("urn:x-kind", Some("uri"), None);
        check("b0", Some("bnode"), None);
        check("  ", Some("literal"), None);
    }

    #[test]
    fn the_published_since_query_orders_by_date_then_celex_before_paging() {
        let since = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let q = published_since_query(since, 100, 200);
        assert!(
            q.contains(r#"FILTER(?date_document >= "2024-03-01"^^xsd:date)"#),
            "{q}"
        );
        assert!(
            q.contains("ORDER BY ?date_document ?celex\nLIMIT 100\nOFFSET 200"),
            "{q}"
        );
        assert!(q.contains("resource-type/DIR>"));
        assert!(q.contains(r#""^3[0-9]{4}L[0-9]{4}$""#), "{q}");
        assert_ordered_then_paged(&q);
    }

    #[test]
    fn every_selector_of_this_file_parses() {
        for css in [
            "p.DocumentTitle",
            r#"meta[property="eli:id_local"]"#,
            "#PPDates_Contents dl.NMetadata",
            "#PP1Contents[lang], #PP1Contents [lang]",
            "p#title",
            "p#originalTitle",
            "p#englishTitle",
            "p.forceIndicator",
            r#"meta[property="eli:in_force"]"#,
            r#"#PP1Contents a[href*="data.europa.eu/eli/"]"#,
            r#"meta[typeof="eli:LegalResource"]"#,
            "a[href], a[data-celex]",
            "dl.NMetadata",
            "div.NIMCountry",
            ".panel-title",
            ".panel-heading",
        ] {
            assert!(Selector::parse(css).is_ok(), "{css}");
        }
    }

    #[test]
    fn reads_sparql_dates_with_or_without_time_or_zone() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 17);
        for input in [
            "2021-12-17",
            "2021-12-17Z",
            "2021-12-17+02:00",
            "2021-12-17T00:00:00",
            "2021-12-17T00:00:00Z",
        ] {
            assert_eq!(sparql_date(input), d, "{input}");
        }
        for input in ["17/12/2021", "2021-02-30", "2021-12-1", "2021-12-17x", ""] {
            assert_eq!(sparql_date(input), None, "{input}");
        }
    }

    #[test]
    fn reads_panel_labels_in_three_languages() {
        for (label, expected) in [
            ("Date of document: ", DateLabel::Document),
            ("Date du document:", DateLabel::Document),
            ("Datum van document: ", DateLabel::Document),
            ("Date d’effet: ", DateLabel::Effect),
            ("Datum van werking:", DateLabel::Effect),
            ("Date of transposition: ", DateLabel::Transposition),
            ("Date de transposition :", DateLabel::Transposition),
            ("Date limite de transposition: ", DateLabel::Transposition),
            ("Datum van omzetting: ", DateLabel::Transposition),
            ("Uiterste datum omzetting: ", DateLabel::Transposition),
            ("Uiterste datum voor omzetting:", DateLabel::Transposition),
            ("Datum van inwerkingtreding: ", DateLabel::Effect),
            ("Date of signature: ", DateLabel::Other),
            ("Date of end of validity: ", DateLabel::Other),
            ("Date de fin de validité: ", DateLabel::Other),
            ("Datum einde geldigheid: ", DateLabel::Other),
            // A report's deadline (cdm:resource_legal_date_deadline), not the transposition's.
            ("Deadline: ", DateLabel::Other),
            ("Date limite: ", DateLabel::Other),
            ("Uiterste datum: ", DateLabel::Other),
        ] {
            assert_eq!(date_label(&fold_label(label)), expected, "{label}");
        }
    }

    #[test]
    fn reads_the_count_a_panel_heading_announces() {
        assert_eq!(announced_count("Belgium (3)"), Some(("Belgium", 3)));
        assert_eq!(announced_count(" Czechia ( 12 ) "), Some(("Czechia", 12)));
        assert_eq!(announced_count("Belgium"), None);
        assert_eq!(announced_count("Belgium (three)"), None);
    }

    #[test]
    fn finds_dates_written_day_first_in_a_text() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            dates_in("Moniteur belge du 02/02/2023 page 11234"),
            vec![d(2023, 2, 2)]
        );
        assert_eq!(
            dates_in("Directive 2019/1024, 31/02/2021 and 1/3/2021"),
            vec![d(2021, 3, 1)]
        );
    }
}
