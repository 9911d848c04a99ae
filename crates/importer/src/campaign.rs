//! Contribution campaigns: the questions file (TOML) a campaign is created from, and the answer
//! workbooks the administrations send back.
//!
//! An answer workbook is read by its words, not by the layout `report::campaign` writes: the
//! identification rows (campaign, administration) and the header row are found by the
//! `campaign_columns` phrases of the vocabulary in French, Dutch or English, the columns in any
//! order, on the first sheet that has the header. Checking the answers needs the campaign as the
//! database holds it ([`Form`]); every problem is a [`Diagnostic`] at its place.

use std::collections::{BTreeMap, HashSet};

use calamine::{Data, Range};
use domain::campaign::{Question, QuestionKind, format_number};
use domain::text::fold;
use domain::vocab::Vocabulary;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::input;
use crate::limits::Limits;
use crate::workbook::{Workbook, WorkbookError, column_letters, date_of};

// ---------------------------------------------------------------------------------------------
// The questions file.

/// A campaign's questions and titles, as its file gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Questions {
    pub title_fr: String,
    pub title_nl: String,
    pub questions: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title_fr: toml::Spanned<String>,
    title_nl: toml::Spanned<String>,
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    key: toml::Spanned<String>,
    fr: toml::Spanned<String>,
    nl: toml::Spanned<String>,
    kind: toml::Spanned<String>,
}

const KEY_EXPECTED: &str =
    "a key of lowercase letters, digits, - and _ (like services-count), the same in every file";

/// Reads a questions file; the first problem is refused with its line and column (in
/// characters, from 1) and what was expected.
pub fn questions(bytes: &[u8], file_name: &str) -> Result<Questions, Box<Diagnostic>> {
    let at = |text: &str, offset: usize, found: String, expected: String| {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Box::new(
            Diagnostic::new(file_name, found, expected)
                .row(line)
                .column(&column.to_string()),
        )
    };
    let text = input::utf8(input::strip_bom(bytes)).map_err(|e| {
        Box::new(Diagnostic::new(
            file_name,
            e.to_string(),
            "a TOML file in UTF-8",
        ))
    })?;
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_owned();
        at(text, offset, message, format!("a questions file: title_fr = \"…\", title_nl = \"…\" and [[question]] tables with key, fr, nl and kind ({})", kinds()))
    })?;
    let nonempty = |s: &toml::Spanned<String>, what: &str| {
        let value = s.get_ref().trim().to_owned();
        if value.is_empty() {
            Err(at(
                text,
                s.span().start,
                String::new(),
                format!("{what}, not empty"),
            ))
        } else {
            Ok(value)
        }
    };
    let title_fr = nonempty(&raw.title_fr, "the campaign's title in French")?;
    let title_nl = nonempty(&raw.title_nl, "the campaign's title in Dutch")?;
    if raw.question.is_empty() {
        return Err(at(
            text,
            text.len(),
            "no [[question]]".to_owned(),
            "at least one [[question]]".to_owned(),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for q in &raw.question {
        let key = q.key.get_ref().trim().to_owned();
        let good = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !good {
            return Err(at(text, q.key.span().start, key, KEY_EXPECTED.to_owned()));
        }
        if !seen.insert(key.clone()) {
            return Err(at(
                text,
                q.key.span().start,
                key,
                "a key no other question has".to_owned(),
            ));
        }
        let Some(kind) = QuestionKind::from_code(q.kind.get_ref().trim()) else {
            return Err(at(
                text,
                q.kind.span().start,
                q.kind.get_ref().clone(),
                format!("a kind of answer: {}", kinds()),
            ));
        };
        out.push(Question {
            key,
            text_fr: nonempty(&q.fr, "the question in French")?,
            text_nl: nonempty(&q.nl, "the question in Dutch")?,
            kind,
        });
    }
    Ok(Questions {
        title_fr,
        title_nl,
        questions: out,
    })
}

fn kinds() -> String {
    QuestionKind::ALL
        .iter()
        .map(|k| k.code())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// The answer workbooks.

/// The campaign an answer workbook must belong to, as the database holds it.
#[derive(Clone, Debug)]
pub struct Form {
    pub name: String,
    /// The administrations asked: (code, names), the code first.
    pub authorities: Vec<(String, Vec<String>)>,
    pub questions: Vec<Question>,
}

/// One answer read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The row as people count it.
    pub row: usize,
    pub key: String,
    /// As stored (`QuestionKind::read`).
    pub value: String,
    pub comment: Option<String>,
}

/// What an answer workbook holds.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    /// The campaign's name as the file writes it.
    pub campaign: Option<String>,
    /// The administration's code, as the campaign names it.
    pub authority: Option<String>,
    pub sheet: Option<String>,
    pub answers: Vec<Answer>,
    /// Questions left empty (not answered in this file).
    pub blank: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The workbook cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error("cannot read {file} as an Excel workbook: {reason}")]
    Workbook { file: String, reason: String },
    #[error("{file}: {problem}")]
    Input {
        file: String,
        problem: input::InputError,
    },
}

const SECTION: &str = "campaign_columns";

fn field_of(text: &str) -> Option<&'static str> {
    let key = Vocabulary::get().find_whole(SECTION, text)?;
    FIELDS.iter().copied().find(|f| *f == key)
}

const FIELDS: [&str; 7] = [
    "campaign",
    "authority",
    "key",
    "question",
    "kind",
    "answer",
    "comment",
];

fn cell_text(cell: &Data) -> Option<String> {
    let text = match cell {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) => {
            date_of(cell).map_or_else(|| cell.to_string(), |d| d.format("%d/%m/%Y").to_string())
        }
        Data::Error(e) => format!("#{e:?}"),
    };
    (!text.is_empty()).then_some(text)
}

/// An answer cell read for its question's kind: a number or date cell as such, a text as people
/// write it.
fn read_cell(kind: QuestionKind, cell: &Data) -> Result<Option<String>, (String, &'static str)> {
    let Some(text) = cell_text(cell) else {
        return Ok(None);
    };
    let typed = match (kind, cell) {
        (QuestionKind::Number, Data::Int(i)) => Some(i.to_string()),
        (QuestionKind::Number, Data::Float(f)) => Some(format_number(*f)),
        (QuestionKind::Date, Data::DateTime(_)) => date_of(cell).map(|d| d.to_string()),
        (QuestionKind::YesNo, Data::Bool(b)) => Some(if *b { "yes" } else { "no" }.to_owned()),
        _ => None,
    };
    match typed {
        Some(value) => Ok(Some(value)),
        None => kind.read(&text).map(Some).map_err(|e| (text, e)),
    }
}

/// Reads an answer workbook and checks it against the campaign. A workbook damaged or past the
/// limits is an `Err`; everything else is a diagnostic.
pub fn answers(
    bytes: &[u8],
    file_name: &str,
    form: &Form,
    limits: &Limits,
) -> Result<Answers, AnswersError> {
    let workbook_err = |e: WorkbookError| match e {
        WorkbookError::Input(problem) => AnswersError::Input {
            file: file_name.to_owned(),
            problem,
        },
        WorkbookError::Read(reason) => AnswersError::Workbook {
            file: file_name.to_owned(),
            reason,
        },
    };
    let mut workbook = Workbook::open(bytes, limits).map_err(workbook_err)?;
    for sheet in workbook.sheet_names() {
        let range = workbook.range(&sheet).map_err(workbook_err)?;
        if let Some(found) = read_sheet(file_name, &sheet, &range, form, limits) {
            return Ok(found);
        }
    }
    Ok(Answers {
        diagnostics: vec![Diagnostic::new(
            file_name,
            "no sheet with a header row",
            "a header row naming at least the question key and the answer columns (Clé / Sleutel / Key and Réponse / Antwoord / Answer)",
        )],
        ..Answers::default()
    })
}

fn read_sheet(
    file: &str,
    sheet: &str,
    range: &Range<Data>,
    form: &Form,
    limits: &Limits,
) -> Option<Answers> {
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let start_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows: Vec<&[Data]> = range.rows().collect();
    let place = |i: usize| start_row + i + 1;
    let column_name = |j: usize| column_letters(start_col + j);
    // The header: the first row naming the key and answer columns.
    let (header_index, columns) = rows.iter().enumerate().find_map(|(i, row)| {
        let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
        for (j, cell) in row.iter().enumerate() {
            if let Some(field) = cell_text(cell).as_deref().and_then(field_of) {
                columns.entry(field).or_insert(j);
            }
        }
        (columns.contains_key("key") && columns.contains_key("answer")).then_some((i, columns))
    })?;
    let mut out = Answers {
        sheet: Some(sheet.to_owned()),
        ..Answers::default()
    };
    let diag = |i: usize, j: Option<usize>, found: &str, expected: &str| {
        let mut d = Diagnostic::new(file, found, expected)
            .sheet(sheet)
            .row(place(i));
        if let Some(j) = j {
            d = d.column(&column_name(j));
        }
        d
    };
    // The identification rows above the header: a label, then its value.
    let (mut campaign, mut authority) = (None, None);
    for (i, row) in rows.iter().enumerate().take(header_index) {
        let mut cells = row
            .iter()
            .enumerate()
            .filter_map(|(j, c)| cell_text(c).map(|t| (j, t)));
        let Some((_, label)) = cells.next() else {
            continue;
        };
        let value = cells.next();
        match field_of(&label) {
            Some("campaign") => campaign = Some((i, value)),
            Some("authority") => authority = Some((i, value)),
            _ => {}
        }
    }
    out.campaign = campaign
        .as_ref()
        .and_then(|(_, value)| value.as_ref().map(|(_, name)| name.clone()));
    match &campaign {
        Some((_, Some((_, name)))) if fold(name) == fold(&form.name) => {}
        Some((i, Some((j, name)))) => out.diagnostics.push(diag(
            *i,
            Some(*j),
            name,
            &format!("the campaign {}", form.name),
        )),
        Some((_, None)) | None => out.diagnostics.push(diag(
            campaign.as_ref().map_or(header_index, |(i, _)| *i),
            None,
            "no campaign named",
            &format!(
                "a row \"Campagne\" / \"Campaign\" naming the campaign {} above the header",
                form.name
            ),
        )),
    }
    let codes: Vec<&str> = form.authorities.iter().map(|(c, _)| c.as_str()).collect();
    let expected_authority = format!(
        "one of the campaign's administrations: {}",
        codes.join(", ")
    );
    match &authority {
        Some((i, Some((j, text)))) => {
            let wanted = fold(text);
            let found = form.authorities.iter().find(|(code, names)| {
                fold(code) == wanted || names.iter().any(|n| fold(n) == wanted)
            });
            match found {
                Some((code, _)) => out.authority = Some(code.clone()),
                None => out
                    .diagnostics
                    .push(diag(*i, Some(*j), text, &expected_authority)),
            }
        }
        Some((i, None)) => out.diagnostics.push(diag(
            *i,
            None,
            "no administration named",
            &expected_authority,
        )),
        None => out.diagnostics.push(diag(
            header_index,
            None,
            "no administration named",
            &format!("a row \"Administration\" / \"Administratie\" above the header naming {expected_authority}"),
        )),
    }
    // The answers.
    let by_key: BTreeMap<&str, &Question> =
        form.questions.iter().map(|q| (q.key.as_str(), q)).collect();
    let key_col = columns["key"];
    let answer_col = columns["answer"];
    let comment_col = columns.get("comment").copied();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, row) in rows.iter().enumerate().skip(header_index + 1) {
        let get = |j: usize| row.get(j).unwrap_or(&Data::Empty);
        let key = cell_text(get(key_col));
        let comment = comment_col.and_then(|j| cell_text(get(j)));
        let Some(key) = key else {
            if cell_text(get(answer_col)).is_some() || comment.is_some() {
                out.diagnostics.push(diag(
                    i,
                    Some(key_col),
                    "",
                    "the key of the question this answer is for",
                ));
            }
            continue;
        };
        let Some(question) = by_key.get(key.as_str()) else {
            let keys: Vec<&str> = form.questions.iter().map(|q| q.key.as_str()).collect();
            out.diagnostics.push(diag(
                i,
                Some(key_col),
                &key,
                &format!("a question of the campaign: {}", keys.join(", ")),
            ));
            continue;
        };
        if !seen.insert(key.clone()) {
            out.diagnostics.push(diag(
                i,
                Some(key_col),
                &key,
                "each question once (this one is answered on an earlier row)",
            ));
            continue;
        }
        for (j, text) in [
            (answer_col, cell_text(get(answer_col))),
            (comment_col.unwrap_or(answer_col), comment.clone()),
        ] {
            if let Some(text) = text
                && let Some((found, expected)) = input::long_cell(&text, limits)
            {
                out.diagnostics.push(diag(i, Some(j), &found, &expected));
            }
        }
        match read_cell(question.kind, get(answer_col)) {
            Ok(Some(value)) => out.answers.push(Answer {
                row: place(i),
                key,
                value,
                comment,
            }),
            Ok(None) if comment.is_some() => out.diagnostics.push(diag(
                i,
                Some(answer_col),
                "",
                "the answer this comment goes with (a comment is recorded with its answer)",
            )),
            Ok(None) => out.blank.push(key),
            Err((found, expected)) => {
                out.diagnostics
                    .push(diag(i, Some(answer_col), &found, expected));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title_fr = "Rapport SIEG 2022"
title_nl = "DAEB-verslag 2022"

[[question]]
key = "services"
fr = "Quels services ?"
nl = "Welke diensten?"
kind = "text"

[[question]]
key = "count"
fr = "Combien ?"
nl = "Hoeveel?"
kind = "number"
"#;

    fn refused(text: &str) -> String {
        questions(text.as_bytes(), "q.toml")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_questions_file_is_read_in_order() {
        let q = questions(GOOD.as_bytes(), "q.toml").unwrap();
        assert_eq!(q.title_nl, "DAEB-verslag 2022");
        let keys: Vec<&str> = q.questions.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["services", "count"]);
        assert_eq!(q.questions[1].kind, QuestionKind::Number);
    }

    #[test]
    fn a_bad_questions_file_names_the_line_the_column_and_what_was_expected() {
        let e = refused(&GOOD.replace("kind = \"number\"", "kind = \"integer\""));
        assert!(
            e.starts_with("q.toml, row 15, column 8: found \"integer\""),
            "{e}"
        );
        assert!(e.contains("text, yes-no, number, date"), "{e}");
        let e = refused(&GOOD.replace("key = \"count\"", "key = \"services\""));
        assert!(e.contains("row 12"), "{e}");
        assert!(e.contains("no other question"), "{e}");
        let e = refused(&GOOD.replace("nl = \"Hoeveel?\"\n", ""));
        assert!(e.contains("row 11"), "{e}");
        assert!(e.contains("nl"), "{e}");
        let e = refused(&GOOD.replace("Combien ?\"", "Combien ?"));
        assert!(e.contains("row 13"), "{e}");
        let e = refused(&GOOD.replace("key = \"count\"", "key = \"Nombre de services\""));
        assert!(e.contains("lowercase letters"), "{e}");
        let e = refused(&GOOD.replace("title_nl = \"DAEB-verslag 2022\"", "title_nl = \"  \""));
        assert!(e.contains("row 3, column 12"), "{e}");
    }

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
    }
}
