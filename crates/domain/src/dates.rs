//! Dates as people type them in forms and tables: exact dates (day first, the Belgian way) and the
//! approximate planned dates of the federal coordination ("Q2 2021", "fin 2021", "07/2021").

use std::fmt;

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::text::{all_digits, describe_char, fold, hidden_char, shown};

/// The years a date of this tool may fall in: from the first year of the European Economic
/// Community (the Treaty of Rome came into force on 1 January 1958) to the end of the century.
/// A date outside them is a typing or reading mistake (0001, 9999, 2201 for 2021).
pub const DATE_YEARS: RangeInclusive<i32> = 1958..=2100;

/// Why a text is not a (planned) date. Messages show the text with its control and invisible
/// characters escaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date: expected a date like 30/09/2021 or 2021-09-30")]
    Empty,
    #[error(
        "\"{}\" is not a date: expected a date like 30/09/2021 or 2021-09-30",
        shown(.input)
    )]
    Format { input: String },
    /// The form is right but the day does not exist: 31/02/2021, 2021-13-01.
    #[error("\"{}\" is not a valid date: {reason}", shown(.input))]
    DoesNotExist { input: String, reason: String },
    #[error(
        "\"{}\" is not a planned date: expected a date like 30/09/2021, or an approximate one like Q2 2021, S1 2022, fin 2021, 07/2021, juillet 2021 or 2022",
        shown(.input)
    )]
    Planned { input: String },
    /// The date exists but its year is outside [`DATE_YEARS`].
    #[error(
        "\"{}\" is out of range: the year {year} is outside 1958–2100",
        shown(.input)
    )]
    OutOfRange { input: String, year: i32 },
    /// The text holds a control or invisible character (see [`crate::text::is_hidden`]).
    #[error(
        "\"{}\" is not a date: it contains {}; expected a date like 30/09/2021 or 2021-09-30",
        shown(.input),
        describe(.found)
    )]
    Character { input: String, found: char },
}

fn describe(c: &char) -> String {
    describe_char(*c)
}

/// The date if its year is within [`DATE_YEARS`]: the bound [`parse_date`] applies, for the
/// dates that come without text (a spreadsheet's date cell, a number of days).
pub fn check_range(d: NaiveDate) -> Result<NaiveDate, DateError> {
    if DATE_YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange {
            input: d.format("%d/%m/%Y").to_string(),
            year: d.year(),
        })
    }
}

/// The text, trimmed, if it holds no control or invisible character.
fn visible(s: &str) -> Result<&str, DateError> {
    let input = s.trim();
    match hidden_char(input) {
        Some(found) => Err(DateError::Character {
            input: input.to_string(),
            found,
        }),
        None => Ok(input),
    }
}

/// Number of days of a month (0 for a month that does not exist), as chrono's calendar has it.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    NaiveDate::from_ymd_opt(year, month, 1).map_or(0, |first| u32::from(first.num_days_in_month()))
}

/// The last day of a month, if the month exists.
pub fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))
}

/// Reads a date typed by a user or found in a table: `2021-06-30`, `30/06/2021`, `5/7/2020` (day
/// first), `07.06.2021`, `30-06-2021`. An ISO date may carry a time (`2021-06-30T00:00:00`), which
/// is dropped. The year must be within [`DATE_YEARS`]; a control or invisible character anywhere
/// is refused.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let input = visible(s)?;
    if input.is_empty() {
        return Err(DateError::Empty);
    }
    let format_err = || DateError::Format {
        input: input.to_string(),
    };
    if let Some((year, month, day)) = written_date(input) {
        return checked_date(input, year, month, day);
    }
    let date_part = match input.split_once(['T', ' ']) {
        Some((date, time))
            if time
                .chars()
                .all(|c| c.is_ascii_digit() || ":.+-Z".contains(c)) =>
        {
            date
        }
        Some(_) => return Err(format_err()),
        None => input,
    };
    let separator = date_part
        .chars()
        .find(|c| matches!(c, '-' | '/' | '.'))
        .ok_or_else(format_err)?;
    let fields: Vec<&str> = date_part.split(separator).collect();
    let [a, b, c] = fields.as_slice() else {
        return Err(format_err());
    };
    if !fields.iter().all(|f| all_digits(f)) {
        return Err(format_err());
    }
    let (year, month, day) = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => (a, b, c),
        (1..=2, 1..=2, 4) => (c, b, a),
        _ => return Err(format_err()),
    };
    let year: i32 = year.parse().map_err(|_| format_err())?;
    let month: u32 = month.parse().map_err(|_| format_err())?;
    let day: u32 = day.parse().map_err(|_| format_err())?;
    checked_date(input, year, month, day)
}

/// A date written in words, as [`crate::Lang::format_date`] writes it: "30 septembre 2021",
/// "1er octobre 2020", "1 oktober 2020", "30 September 2021". Returns (year, month, day).
fn written_date(input: &str) -> Option<(i32, u32, u32)> {
    let folded = fold(input);
    let [day, month, year] = folded.split(' ').collect::<Vec<_>>()[..] else {
        return None;
    };
    let month = month_from_name(month)?;
    let day = day.strip_suffix("er").unwrap_or(day);
    if day.len() > 2 || !all_digits(day) || year.len() != 4 || !all_digits(year) {
        return None;
    }
    Some((year.parse().ok()?, month, day.parse().ok()?))
}

/// The date, or why it does not exist or is out of range.
fn checked_date(input: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    let not_valid = |reason: String| DateError::DoesNotExist {
        input: input.to_string(),
        reason,
    };
    if !(1..=12).contains(&month) {
        return Err(not_valid(format!(
            "there is no month {month}, months go from 1 to 12"
        )));
    }
    if day == 0 {
        return Err(not_valid("there is no day 0, days start at 1".to_string()));
    }
    let days = days_in_month(year, month);
    if day > days {
        let name = crate::lang::MONTHS_EN[usize::try_from(month - 1).unwrap_or(0)];
        return Err(not_valid(format!("{name} {year} has {days} days")));
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::Format {
        input: input.to_string(),
    })?;
    check_range(date).map_err(|_| DateError::OutOfRange {
        input: input.to_string(),
        year,
    })
}

/// A planned completion date (the "ETA" the federal coordination asks for): an exact date, or an
/// approximate one kept as typed with the latest date it can mean.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlannedDate {
    /// As the user wrote it (trimmed); for an exact date built in code, `30/06/2021`.
    pub text: String,
    /// The last day the text can mean: 30/06/2021 for "Q2 2021".
    pub no_later_than: NaiveDate,
    pub approximate: bool,
}

impl PlannedDate {
    pub fn exact(d: NaiveDate) -> PlannedDate {
        PlannedDate {
            text: d.format("%d/%m/%Y").to_string(),
            no_later_than: d,
            approximate: false,
        }
    }

    /// Reads an exact date (see [`parse_date`]) or an approximate one: a quarter ("Q2 2021",
    /// "T2 2021", "2e trimestre 2021", "2de kwartaal 2021"), a semester ("S1 2022", "H1 2022"),
    /// "fin/eind/end 2021", "mi-/midden/mid 2022", "début/begin 2022", a month ("07/2021",
    /// "2021-07", "juillet 2021", "dec 2023", "fin juin 2021") or a year ("2022"), within
    /// [`DATE_YEARS`].
    pub fn parse(s: &str) -> Result<PlannedDate, DateError> {
        let text = s.trim();
        match parse_date(text) {
            Ok(d) => {
                return Ok(PlannedDate {
                    text: text.to_string(),
                    no_later_than: d,
                    approximate: false,
                });
            }
            Err(
                e @ (DateError::Empty
                | DateError::DoesNotExist { .. }
                | DateError::OutOfRange { .. }
                | DateError::Character { .. }),
            ) => return Err(e),
            Err(DateError::Format { .. } | DateError::Planned { .. }) => {}
        }
        let (year, month) = approximate_end(text).ok_or_else(|| DateError::Planned {
            input: text.to_string(),
        })?;
        if !DATE_YEARS.contains(&year) {
            return Err(DateError::OutOfRange {
                input: text.to_string(),
                year,
            });
        }
        let no_later_than = month_end(year, month).ok_or_else(|| DateError::Planned {
            input: text.to_string(),
        })?;
        Ok(PlannedDate {
            text: text.to_string(),
            no_later_than,
            approximate: true,
        })
    }
}

impl fmt::Display for PlannedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Words that carry no meaning for the date: "end of the year 2021", "fin de l'année 2021".
const FILLERS: &[&str] = &[
    "of", "the", "de", "du", "d", "l", "la", "le", "van", "het", "year", "annee", "jaar", "in",
    "en",
];
const END_WORDS: &[&str] = &["fin", "eind", "einde", "end", "late", "tard"];
const MID_WORDS: &[&str] = &["mi", "midden", "medio", "mid", "mitan"];
const BEGIN_WORDS: &[&str] = &["debut", "begin", "early", "start", "tot"];
const QUARTER_WORDS: &[&str] = &["trimestre", "trim", "kwartaal", "kw", "quarter"];
const SEMESTER_WORDS: &[&str] = &["semestre", "sem", "semester", "half", "helft", "jaarhelft"];

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let month = match word {
        "janvier" | "janv" | "jan" | "january" | "januari" => 1,
        "fevrier" | "fevr" | "fev" | "feb" | "febr" | "february" | "februari" => 2,
        "mars" | "mar" | "march" | "maart" | "mrt" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" | "mei" => 5,
        "juin" | "jun" | "june" | "juni" => 6,
        "juillet" | "juil" | "jul" | "july" | "juli" => 7,
        "aout" | "aug" | "august" | "augustus" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "okt" | "october" | "oktober" => 10,
        "novembre" | "nov" | "november" => 11,
        "decembre" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

/// "2", "2e", "2eme", "2de", "2nd", "deuxieme", "tweede" -> 2.
fn ordinal(word: &str) -> Option<u32> {
    let by_name = match word {
        "premier" | "premiere" | "first" | "eerste" => Some(1),
        "deuxieme" | "second" | "seconde" | "tweede" => Some(2),
        "troisieme" | "third" | "derde" => Some(3),
        "quatrieme" | "fourth" | "vierde" => Some(4),
        _ => None,
    };
    if by_name.is_some() {
        return by_name;
    }
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    let suffix_ok = [
        "", "er", "re", "e", "eme", "de", "d", "ste", "st", "nd", "rd", "th",
    ]
    .contains(&rest);
    if digits.is_empty() || digits.len() > 1 || !suffix_ok {
        return None;
    }
    digits.parse().ok()
}

/// "q2", "t2", "k2" -> a quarter; "s1", "h1" -> a semester. Returns the last month of the period.
fn period_code(word: &str) -> Option<u32> {
    let (letter, n) = word.split_at_checked(1)?;
    let n: u32 = if all_digits(n) {
        n.parse().ok()?
    } else {
        return None;
    };
    match letter {
        "q" | "t" | "k" if (1..=4).contains(&n) => Some(n * 3),
        "s" | "h" if (1..=2).contains(&n) => Some(n * 6),
        _ => None,
    }
}

/// Any year of 4 digits: the caller checks it against [`DATE_YEARS`], to say so when it is not.
fn year(word: &str) -> Option<i32> {
    if word.len() != 4 || !all_digits(word) {
        return None;
    }
    word.parse().ok()
}

fn numeric_month(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 || !all_digits(word) {
        return None;
    }
    word.parse().ok().filter(|m| (1..=12).contains(m))
}

/// The year and the last month an approximate date can mean, or None when the text is not one.
fn approximate_end(text: &str) -> Option<(i32, u32)> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '/' | '.' | ',' | '\'' | '’' | '(' | ')')
        })
        .filter(|w| !w.is_empty() && !FILLERS.contains(w))
        .collect();
    let is = |list: &[&str], w: &str| list.contains(&w);
    // (year, last month of the period)
    let (y, month) = match words.as_slice() {
        [y] => (year(y)?, 12),
        [code, y] if period_code(code).is_some() => (year(y)?, period_code(code)?),
        [y, code] if year(y).is_some() && period_code(code).is_some() => {
            (year(y)?, period_code(code)?)
        }
        [w, y] if is(END_WORDS, w) => (year(y)?, 12),
        [w, y] if is(MID_WORDS, w) => (year(y)?, 6),
        [w, y] if is(BEGIN_WORDS, w) => (year(y)?, 3),
        [m, y] if month_from_name(m).is_some() => (year(y)?, month_from_name(m)?),
        [w, m, y] if is(END_WORDS, w) && month_from_name(m).is_some() => {
            (year(y)?, month_from_name(m)?)
        }
        [m, y] if year(y).is_some() => (year(y)?, numeric_month(m)?),
        [y, m] => (year(y)?, numeric_month(m)?),
        [n, unit, y] | [unit, n, y] if is(QUARTER_WORDS, unit) => {
            let n = ordinal(n).filter(|n| (1..=4).contains(n))?;
            (year(y)?, n * 3)
        }
        [n, unit, y] | [unit, n, y] if is(SEMESTER_WORDS, unit) => {
            let n = ordinal(n).filter(|n| (1..=2).contains(n))?;
            (year(y)?, n * 6)
        }
        _ => return None,
    };
    Some((y, month))
}

/// The last day of the quarter of a date: useful to compare with a planned "Q2 2021".
pub fn quarter_end(d: NaiveDate) -> Option<NaiveDate> {
    month_end(d.year(), d.month().div_ceil(3) * 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn check(input: &str, expected: Result<NaiveDate, &str>) {
        let got = parse_date(input).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_string), "input {input:?}");
    }

    #[test]
    fn exact_dates() {
        check("2021-06-30", Ok(date(2021, 6, 30)));
        check("30/06/2021", Ok(date(2021, 6, 30)));
        check("5/7/2020", Ok(date(2020, 7, 5)));
        check("07.06.2021", Ok(date(2021, 6, 7)));
        check("30-06-2021", Ok(date(2021, 6, 30)));
        check("  30/06/2021 ", Ok(date(2021, 6, 30)));
        check("\u{a0}30/06/2021\u{a0}", Ok(date(2021, 6, 30)));
        check("2021/06/30", Ok(date(2021, 6, 30)));
        check("2021-6-3", Ok(date(2021, 6, 3)));
        check("29/02/2024", Ok(date(2024, 2, 29)));
        check("29/02/2000", Ok(date(2000, 2, 29)));
        check("2021-06-30T00:00:00", Ok(date(2021, 6, 30)));
        check("2021-06-30 00:00:00", Ok(date(2021, 6, 30)));
        check("31/12/1999", Ok(date(1999, 12, 31)));
        check("30 septembre 2021", Ok(date(2021, 9, 30)));
        check("1er octobre 2020", Ok(date(2020, 10, 1)));
        check("1 oktober 2020", Ok(date(2020, 10, 1)));
        check("30 September 2021", Ok(date(2021, 9, 30)));
        check("15 août 2021", Ok(date(2021, 8, 15)));
        check(
            "31 juin 2021",
            Err("\"31 juin 2021\" is not a valid date: June 2021 has 30 days"),
        );
    }

    #[test]
    fn dates_that_do_not_exist() {
        check(
            "31/02/2021",
            Err("\"31/02/2021\" is not a valid date: February 2021 has 28 days"),
        );
        check(
            "29/02/2021",
            Err("\"29/02/2021\" is not a valid date: February 2021 has 28 days"),
        );
        check(
            "30/02/2024",
            Err("\"30/02/2024\" is not a valid date: February 2024 has 29 days"),
        );
        check(
            "29/02/1900",
            Err("\"29/02/1900\" is not a valid date: February 1900 has 28 days"),
        );
        check(
            "31/04/2021",
            Err("\"31/04/2021\" is not a valid date: April 2021 has 30 days"),
        );
        check(
            "0/04/2021",
            Err("\"0/04/2021\" is not a valid date: there is no day 0, days start at 1"),
        );
        check(
            "2021-13-01",
            Err("\"2021-13-01\" is not a valid date: there is no month 13, months go from 1 to 12"),
        );
        check(
            "01/00/2021",
            Err("\"01/00/2021\" is not a valid date: there is no month 0, months go from 1 to 12"),
        );
    }

    #[test]
    fn garbage_dates() {
        let garbage = |v: &str| {
            format!("\"{v}\" is not a date: expected a date like 30/09/2021 or 2021-09-30")
        };
        for bad in [
            "hello",
            "30/06/21",
            "2021",
            "30/06",
            "30/06/2021/1",
            "30-06/2021",
            "2021-06-30x",
            "30 juni",
            "30 juin 21",
            "30 foo 2021",
            "123/06/2021",
            "2021-06-30 noon",
            "1e3/2/2021",
            "-1/-1/2021",
            "30.06.20211",
        ] {
            check(bad, Err(&garbage(bad)));
        }
        check(
            "",
            Err("empty date: expected a date like 30/09/2021 or 2021-09-30"),
        );
        check(
            "   ",
            Err("empty date: expected a date like 30/09/2021 or 2021-09-30"),
        );
    }

    #[test]
    fn dates_out_of_range() {
        let out = |v: &str, year: i32| {
            format!("\"{v}\" is out of range: the year {year} is outside 1958–2100")
        };
        for (input, year) in [
            ("01/01/0001", 1),
            ("0001-01-01", 1),
            ("30/06/1850", 1850),
            ("1850-06-30", 1850),
            ("31/12/1957", 1957),
            ("01/01/2101", 2101),
            ("01/01/2200", 2200),
            ("2200-01-01", 2200),
            ("31/12/9999", 9999),
            ("9999-12-31T00:00:00", 9999),
            ("1 janvier 1850", 1850),
            ("30 September 2200", 2200),
        ] {
            check(input, Err(&out(input, year)));
        }
        check("01/01/1958", Ok(date(1958, 1, 1)));
        check("31/12/2100", Ok(date(2100, 12, 31)));
        // Dates that come without text (a spreadsheet's date cell) meet the same bound.
        assert_eq!(check_range(date(2021, 6, 30)), Ok(date(2021, 6, 30)));
        assert_eq!(check_range(date(1958, 1, 1)), Ok(date(1958, 1, 1)));
        assert_eq!(
            check_range(date(1900, 1, 1)).map_err(|e| e.to_string()),
            Err("\"01/01/1900\" is out of range: the year 1900 is outside 1958–2100".to_string())
        );
        assert_eq!(
            check_range(date(9999, 12, 31)),
            Err(DateError::OutOfRange {
                input: "31/12/9999".to_string(),
                year: 9999
            })
        );
    }

    #[test]
    fn dates_with_hidden_characters() {
        let expected = "expected a date like 30/09/2021 or 2021-09-30";
        for (input, shown, found) in [
            (
                "30/06/2021\u{202e}",
                r"30/06/2021\u{202e}",
                r"the invisible character \u{202e} (right-to-left override)",
            ),
            (
                "\u{feff}30/06/2021",
                r"\u{feff}30/06/2021",
                r"the invisible character \u{feff} (byte order mark)",
            ),
            (
                "30\u{200b}septembre 2021",
                r"30\u{200b}septembre 2021",
                r"the invisible character \u{200b} (zero-width space)",
            ),
            (
                "30/06/\u{2067}2021",
                r"30/06/\u{2067}2021",
                r"the invisible character \u{2067} (right-to-left isolate)",
            ),
            (
                "30/06/2021\u{1b}",
                r"30/06/2021\u{1b}",
                r"the control character \u{1b}",
            ),
        ] {
            check(
                input,
                Err(&format!(
                    "\"{shown}\" is not a date: it contains {found}; {expected}"
                )),
            );
        }
    }

    #[test]
    fn planned_dates_read_strictly() {
        check_planned("Q2 2200", None);
        check_planned("fin 1850", None);
        check_planned("2200", None);
        check_planned("07/9999", None);
        check_planned("01/01/9999", None);
        check_planned("Q2 2021\u{200b}", None);
        check_planned("Q2\u{200b}2021", None);
        check_planned("\u{202e}fin 2021", None);
        check_planned("Q2 2100", Some((date(2100, 6, 30), true)));
        check_planned("1958", Some((date(1958, 12, 31), true)));
        assert_eq!(
            PlannedDate::parse("Q2 2200").map_err(|e| e.to_string()),
            Err("\"Q2 2200\" is out of range: the year 2200 is outside 1958–2100".to_string())
        );
        assert_eq!(
            PlannedDate::parse("fin 2021\u{202e}").map_err(|e| e.to_string()),
            Err(r#""fin 2021\u{202e}" is not a date: it contains the invisible character \u{202e} (right-to-left override); expected a date like 30/09/2021 or 2021-09-30"#.to_string())
        );
    }

    fn check_planned(input: &str, expected: Option<(NaiveDate, bool)>) {
        let got = PlannedDate::parse(input).ok();
        if let Some(p) = &got {
            assert_eq!(p.text, input.trim(), "text of {input:?}");
        }
        assert_eq!(
            got.map(|p| (p.no_later_than, p.approximate)),
            expected,
            "input {input:?}"
        );
    }

    fn approx(input: &str, y: i32, m: u32, d: u32) {
        check_planned(input, Some((date(y, m, d), true)));
    }

    #[test]
    fn planned_exact() {
        check_planned("30/06/2021", Some((date(2021, 6, 30), false)));
        check_planned(" 2021-06-30 ", Some((date(2021, 6, 30), false)));
        assert_eq!(
            PlannedDate::exact(date(2021, 6, 30)),
            PlannedDate {
                text: "30/06/2021".to_string(),
                no_later_than: date(2021, 6, 30),
                approximate: false
            }
        );
    }

    #[test]
    fn planned_quarters_and_semesters() {
        approx("T2 2021", 2021, 6, 30);
        approx("Q2 2021", 2021, 6, 30);
        approx("q2-2021", 2021, 6, 30);
        approx("Q2/2021", 2021, 6, 30);
        approx("2021 Q2", 2021, 6, 30);
        approx("2021-Q3", 2021, 9, 30);
        approx("Q1 2021", 2021, 3, 31);
        approx("Q4 2021", 2021, 12, 31);
        approx("K4 2021", 2021, 12, 31);
        approx("2e trimestre 2021", 2021, 6, 30);
        approx("2ème trimestre 2021", 2021, 6, 30);
        approx("1er trimestre 2022", 2022, 3, 31);
        approx("deuxième trimestre 2021", 2021, 6, 30);
        approx("2de kwartaal 2021", 2021, 6, 30);
        approx("tweede kwartaal 2021", 2021, 6, 30);
        approx("3rd quarter 2021", 2021, 9, 30);
        approx("third quarter of 2021", 2021, 9, 30);
        approx("S1 2022", 2022, 6, 30);
        approx("H1 2022", 2022, 6, 30);
        approx("S2 2022", 2022, 12, 31);
        approx("1er semestre 2022", 2022, 6, 30);
        approx("2e semester 2022", 2022, 12, 31);
        approx("first half of 2022", 2022, 6, 30);
        check_planned("Q5 2021", None);
        check_planned("S3 2021", None);
        check_planned("5e trimestre 2021", None);
        check_planned("Q2", None);
    }

    #[test]
    fn planned_words() {
        approx("fin 2021", 2021, 12, 31);
        approx("eind 2021", 2021, 12, 31);
        approx("end 2021", 2021, 12, 31);
        approx("end of 2021", 2021, 12, 31);
        approx("fin de l'année 2021", 2021, 12, 31);
        approx("Fin 2021", 2021, 12, 31);
        approx("mi-2022", 2022, 6, 30);
        approx("midden 2022", 2022, 6, 30);
        approx("mid 2022", 2022, 6, 30);
        approx("mid-2022", 2022, 6, 30);
        approx("début 2022", 2022, 3, 31);
        approx("debut 2022", 2022, 3, 31);
        approx("begin 2022", 2022, 3, 31);
        approx("early 2022", 2022, 3, 31);
        check_planned("bientôt", None);
        check_planned("fin", None);
        check_planned("fin 21", None);
    }

    #[test]
    fn planned_months_and_years() {
        approx("07.2021", 2021, 7, 31);
        approx("07/2021", 2021, 7, 31);
        approx("7/2021", 2021, 7, 31);
        approx("2021-07", 2021, 7, 31);
        approx("02/2024", 2024, 2, 29);
        approx("décembre 2023", 2023, 12, 31);
        approx("december 2023", 2023, 12, 31);
        approx("dec 2023", 2023, 12, 31);
        approx("déc. 2023", 2023, 12, 31);
        approx("juillet 2021", 2021, 7, 31);
        approx("juli 2021", 2021, 7, 31);
        approx("février 2024", 2024, 2, 29);
        approx("février 2023", 2023, 2, 28);
        approx("Sept 2021", 2021, 9, 30);
        approx("fin juin 2021", 2021, 6, 30);
        approx("end of June 2021", 2021, 6, 30);
        approx("2022", 2022, 12, 31);
        check_planned("1er octobre 2020", Some((date(2020, 10, 1), false)));
        check_planned("13/2021", None);
        check_planned("2021-13", None);
        check_planned("00/2021", None);
        check_planned("juillet", None);
        check_planned("99999", None);
    }

    #[test]
    fn planned_errors() {
        assert_eq!(
            PlannedDate::parse("bientôt").map_err(|e| e.to_string()),
            Err("\"bientôt\" is not a planned date: expected a date like 30/09/2021, or an approximate one like Q2 2021, S1 2022, fin 2021, 07/2021, juillet 2021 or 2022".to_string())
        );
        assert_eq!(
            PlannedDate::parse("31/02/2021").map_err(|e| e.to_string()),
            Err("\"31/02/2021\" is not a valid date: February 2021 has 28 days".to_string())
        );
        assert_eq!(PlannedDate::parse(""), Err(DateError::Empty));
    }

    #[test]
    fn month_helpers() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2021, 13), 0);
        assert_eq!(days_in_month(2021, 0), 0);
        assert_eq!(
            (1..=12).map(|m| days_in_month(2023, m)).collect::<Vec<_>>(),
            [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        );
        assert_eq!(month_end(2021, 4), Some(date(2021, 4, 30)));
        assert_eq!(month_end(2021, 0), None);
        assert_eq!(quarter_end(date(2021, 5, 3)), Some(date(2021, 6, 30)));
        assert_eq!(quarter_end(date(2021, 10, 1)), Some(date(2021, 12, 31)));
    }
}
