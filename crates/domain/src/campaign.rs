//! Contribution campaigns: the unit asks administrations questions by a due date (the Belgian
//! report on services of general economic interest, the annual report's input). The kinds of
//! answer a question takes, how an answer is read from what a person wrote, and who is late.

use chrono::NaiveDate;
use serde::Serialize;

use crate::vocab::Vocabulary;

/// What a question asks for; its code is what the questions file and the database hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    Text,
    YesNo,
    Number,
    Date,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Text,
        QuestionKind::YesNo,
        QuestionKind::Number,
        QuestionKind::Date,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::YesNo => "yes-no",
            QuestionKind::Number => "number",
            QuestionKind::Date => "date",
        }
    }

    pub fn from_code(code: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The key of the kind's name in the translation files.
    pub fn word_key(self) -> &'static str {
        match self {
            QuestionKind::Text => "campaign.kind_text",
            QuestionKind::YesNo => "campaign.kind_yes_no",
            QuestionKind::Number => "campaign.kind_number",
            QuestionKind::Date => "campaign.kind_date",
        }
    }

    /// What an answer of this kind looks like, for a diagnostic.
    pub fn expected(self) -> &'static str {
        match self {
            QuestionKind::Text => "a text",
            QuestionKind::YesNo => "yes or no (oui/non, ja/nee)",
            QuestionKind::Number => "a number like 12 or 1 234,5",
            QuestionKind::Date => "a date like 30/09/2021 or 2021-09-30",
        }
    }

    /// The answer as it is stored, read from what a person wrote (already trimmed, not empty):
    /// a text as written, `yes`/`no`, a number in plain digits with a point (`1234.5`), an ISO
    /// date. `Err` carries what was expected.
    pub fn read(self, text: &str) -> Result<String, &'static str> {
        match self {
            QuestionKind::Text => Ok(text.to_owned()),
            QuestionKind::YesNo => match Vocabulary::get().yes_no(text) {
                Some(true) => Ok("yes".to_owned()),
                Some(false) => Ok("no".to_owned()),
                None => Err(self.expected()),
            },
            QuestionKind::Number => read_number(text).ok_or(self.expected()),
            QuestionKind::Date => crate::parse_date(text)
                .map(|d| d.to_string())
                .map_err(|_| self.expected()),
        }
    }
}

/// A number as people write it in Brussels: `1234`, `1 234,5`, `1.234,5`, `1234.5`, `-3`.
/// Written back with a point and without a useless `.0`.
fn read_number(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let normal = match (compact.matches(',').count(), compact.matches('.').count()) {
        (0, _) if compact.matches('.').count() > 1 => compact.replace('.', ""),
        (0, _) => compact,
        (1, _) => compact.replace('.', "").replace(',', "."),
        _ => return None,
    };
    if normal.is_empty()
        || !normal
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'))
    {
        return None;
    }
    let value: f64 = normal.parse().ok()?;
    value.is_finite().then(|| format_number(value))
}

/// A number as it is stored: `12`, `1234.5`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// A question of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable across languages and files: what an answer names.
    pub key: String,
    pub text_fr: String,
    pub text_nl: String,
    pub kind: QuestionKind,
}

impl Question {
    pub fn text(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Nl => &self.text_nl,
            _ => &self.text_fr,
        }
    }
}

/// Where an administration stands in a campaign at a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub answered: usize,
    pub asked: usize,
    pub last_answer: Option<NaiveDate>,
    /// The due date has passed and not every question is answered.
    pub late: bool,
}

/// An administration's standing at `as_of`: late the day after the due date (the due date itself
/// still counts as on time) while a question has no answer.
pub fn standing(
    asked: usize,
    answered: usize,
    last_answer: Option<NaiveDate>,
    due: NaiveDate,
    as_of: NaiveDate,
) -> Standing {
    Standing {
        answered,
        asked,
        last_answer,
        late: as_of > due && answered < asked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: QuestionKind, text: &str, expected: Option<&str>) {
        assert_eq!(kind.read(text).ok().as_deref(), expected, "{kind:?} {text}");
    }

    #[test]
    fn answers_are_read_by_kind() {
        use QuestionKind::*;
        check(Text, "Deux services", Some("Deux services"));
        check(YesNo, "oui", Some("yes"));
        check(YesNo, "Nee", Some("no"));
        check(YesNo, "yes", Some("yes"));
        check(YesNo, "peut-être", None);
        check(Number, "12", Some("12"));
        check(Number, "1 234,5", Some("1234.5"));
        check(Number, "1.234,5", Some("1234.5"));
        check(Number, "1234.50", Some("1234.5"));
        check(Number, "1.234.567", Some("1234567"));
        check(Number, "-3", Some("-3"));
        check(Number, "douze", None);
        check(Number, "12 €", None);
        check(Number, "1,2,3", None);
        check(Number, "3-", None);
        check(Date, "30/09/2021", Some("2021-09-30"));
        check(Date, "2021-09-30", Some("2021-09-30"));
        check(Date, "31/02/2021", None);
        check(Date, "bientôt", None);
    }

    #[test]
    fn kinds_have_a_code_both_ways() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::from_code(k.code()), Some(k));
        }
        assert_eq!(QuestionKind::from_code("yes_no"), None);
    }

    #[test]
    fn late_the_day_after_the_due_date_while_a_question_is_open() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let due = d("2022-09-30");
        assert!(!standing(3, 1, None, due, d("2022-09-30")).late);
        assert!(standing(3, 1, None, due, d("2022-10-01")).late);
        assert!(standing(3, 0, None, due, d("2022-10-01")).late);
        assert!(!standing(3, 3, None, due, d("2022-10-01")).late);
    }
}
