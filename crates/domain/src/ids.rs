//! Case identifiers: infringement numbers, EU Pilot numbers, Commission proposal (COM) numbers, and
//! the error type shared by every identifier parser of the crate.
//!
//! Every parser reads the whole value strictly: a value holding an invisible or control character
//! (see [`crate::text::is_hidden`]) or a number cut by a space ("2020/0 385") is refused with a
//! message that shows the value as read, never repaired into another number.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::DirectiveId;
use crate::text::{
    all_digits, compact_upper, describe_char, hidden_char, shown, space_inside_number,
};

/// Why a value is not a valid identifier (or code). Every variant keeps the value as it was given;
/// messages show it with its control and invisible characters escaped ([`shown`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing was given where an identifier was expected.
    #[error("empty value: expected {expected}")]
    Empty {
        input: String,
        expected: &'static str,
    },
    /// The value does not have the expected form.
    #[error("\"{}\" is not {what}: expected {expected}", shown(.input))]
    Invalid {
        input: String,
        what: &'static str,
        expected: &'static str,
    },
    /// A valid reference, but to another kind of act (a regulation, a decision, a national measure).
    #[error(
        "\"{}\" is {found}, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
        shown(.input)
    )]
    NotADirective { input: String, found: &'static str },
    /// The value holds a character that has no place in it: an invisible or control character,
    /// an emoji, a symbol.
    #[error(
        "\"{}\" is not {what}: it contains {}; expected {expected}",
        shown(.input),
        describe(.found)
    )]
    Character {
        input: String,
        what: &'static str,
        found: char,
        expected: &'static str,
    },
    /// Several directives where one is expected ([`DirectiveId::parse_list`] reads a list).
    #[error(
        "\"{}\" names several directives ({}): expected one directive, like 2019/1024",
        shown(.input),
        and_list(.found)
    )]
    SeveralDirectives {
        input: String,
        found: Vec<DirectiveId>,
    },
    /// A well-formed identifier whose year cannot be right on the day it is read: a directive of
    /// 2099 in 2026 (see [`DirectiveId::check_plausible`]).
    #[error(
        "\"{}\" is not {what}: the year {year} is outside {first}–{last} (next year at the latest)",
        shown(.input)
    )]
    ImplausibleYear {
        input: String,
        what: &'static str,
        year: i32,
        first: i32,
        last: i32,
    },
}

fn describe(c: &char) -> String {
    describe_char(*c)
}

/// "2019/1024", "2019/1024 and 2019/1937", "2009/72, 2009/73 and 2009/28".
fn and_list(ids: &[DirectiveId]) -> String {
    let names: Vec<String> = ids.iter().map(ToString::to_string).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

impl IdError {
    /// The value that was rejected, as it was given.
    pub fn input(&self) -> &str {
        match self {
            IdError::Empty { input, .. }
            | IdError::Invalid { input, .. }
            | IdError::NotADirective { input, .. }
            | IdError::Character { input, .. }
            | IdError::SeveralDirectives { input, .. }
            | IdError::ImplausibleYear { input, .. } => input,
        }
    }

    /// What was expected instead, for a diagnostic that shows the value beside it.
    pub fn expected(&self) -> String {
        match self {
            IdError::Empty { expected, .. } | IdError::Invalid { expected, .. } => {
                (*expected).to_string()
            }
            IdError::NotADirective { found, .. } => format!(
                "a directive, not {found}: a number like 2019/1024, Directive (EU) 2019/1024 or 32019L1024"
            ),
            IdError::Character {
                found, expected, ..
            } => format!("{expected}, without {}", describe_char(*found)),
            IdError::SeveralDirectives { found, .. } => {
                format!("one directive, not several ({})", and_list(found))
            }
            IdError::ImplausibleYear { first, last, .. } => {
                format!("a year from {first} to {last} (next year at the latest)")
            }
        }
    }

    pub(crate) fn invalid(input: &str, what: &'static str, expected: &'static str) -> IdError {
        if input.trim().is_empty() {
            IdError::Empty {
                input: input.to_string(),
                expected,
            }
        } else {
            IdError::Invalid {
                input: input.trim().to_string(),
                what,
                expected,
            }
        }
    }

    pub(crate) fn character(
        input: &str,
        what: &'static str,
        found: char,
        expected: &'static str,
    ) -> IdError {
        IdError::Character {
            input: input.trim().to_string(),
            what,
            found,
            expected,
        }
    }
}

/// The value once checked for hidden characters and for numbers cut by a space, in its compact
/// form (no whitespace, upper case); spaces elsewhere ("INFR (2020) 0385") do not matter.
fn compact_strict(s: &str, what: &'static str, expected: &'static str) -> Result<String, IdError> {
    if let Some(c) = hidden_char(s) {
        return Err(IdError::character(s, what, c, expected));
    }
    if space_inside_number(s) {
        return Err(IdError::invalid(s, what, expected));
    }
    Ok(compact_upper(s))
}

/// The years an identifier can carry on `today`: from [`YEARS`]' first to next year. Whatever
/// a source says, nothing the tool tracks is numbered after next year.
pub(crate) fn check_year(
    input: String,
    what: &'static str,
    year: u16,
    today: NaiveDate,
) -> Result<(), IdError> {
    let first = i32::from(*YEARS.start());
    let last = today.year() + 1;
    let year = i32::from(year);
    if (first..=last).contains(&year) {
        Ok(())
    } else {
        Err(IdError::ImplausibleYear {
            input,
            what,
            year,
            first,
            last,
        })
    }
}

/// Years an identifier may carry whatever the date: from the Treaty of Rome (in force on 1 January
/// 1958) to the end of the century. [`check_year`] narrows the end to next year.
pub(crate) const YEARS: std::ops::RangeInclusive<u16> = 1958..=2100;

fn year_of(digits: &str) -> Option<u16> {
    if digits.len() != 4 || !all_digits(digits) {
        return None;
    }
    digits.parse().ok().filter(|y| YEARS.contains(y))
}

fn number_of<T: FromStr>(digits: &str, max_len: usize) -> Option<T> {
    if digits.len() > max_len || !all_digits(digits) {
        return None;
    }
    digits.parse().ok()
}

/// An infringement procedure number, `INFR(2020)0385`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InfringementNumber {
    pub year: u16,
    pub serial: u16,
}

const INFR_WHAT: &str = "an infringement number";
const INFR_EXPECTED: &str = "a number like INFR(2020)0385, 2020/0385 or 20200385";

impl InfringementNumber {
    /// A number from its parts: a year from 1958 to 2100 and a serial from 0 to 9999.
    pub fn new(year: u16, serial: u16) -> Result<Self, IdError> {
        if YEARS.contains(&year) && serial <= 9999 {
            Ok(InfringementNumber { year, serial })
        } else {
            Err(IdError::invalid(
                &format!("INFR({year}){serial:04}"),
                INFR_WHAT,
                INFR_EXPECTED,
            ))
        }
    }

    /// Reads the three written forms: `INFR(2020)0385` (spaces and case do not matter),
    /// `2020/0385` and `20200385` (also `20200385.0`, as spreadsheets sometimes give it).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let err = || IdError::invalid(s, INFR_WHAT, INFR_EXPECTED);
        let c = compact_strict(s, INFR_WHAT, INFR_EXPECTED)?;
        let (year, serial) = if let Some(rest) = c.strip_prefix("INFR(") {
            rest.split_once(')').ok_or_else(err)?
        } else if let Some((year, serial)) = c.split_once('/') {
            (year, serial)
        } else {
            let digits = c.strip_suffix(".0").unwrap_or(&c);
            if digits.len() != 8 || !all_digits(digits) {
                return Err(err());
            }
            digits.split_at(4)
        };
        let year = year_of(year).ok_or_else(err)?;
        let serial = number_of(serial, 4).ok_or_else(err)?;
        Ok(InfringementNumber { year, serial })
    }

    /// Refuses a number whose year is after next year on `today`: `parse` only knows the
    /// years 1958 to 2100.
    pub fn check_plausible(&self, today: NaiveDate) -> Result<(), IdError> {
        check_year(self.to_string(), INFR_WHAT, self.year, today)
    }

    /// Reads the integer form some exports use: 20200385.
    pub fn from_int(n: i64) -> Result<Self, IdError> {
        let err = || IdError::invalid(&n.to_string(), INFR_WHAT, INFR_EXPECTED);
        let year = u16::try_from(n / 10_000).map_err(|_| err())?;
        let serial = u16::try_from(n % 10_000).map_err(|_| err())?;
        if n < 0 || !YEARS.contains(&year) {
            return Err(err());
        }
        Ok(InfringementNumber { year, serial })
    }

    /// The integer form, 20200385.
    pub fn to_int(&self) -> i64 {
        i64::from(self.year) * 10_000 + i64::from(self.serial)
    }
}

impl fmt::Display for InfringementNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "INFR({}){:04}", self.year, self.serial)
    }
}

impl FromStr for InfringementNumber {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

/// An EU Pilot case number, `EUP(2021)9876`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EuPilotNumber {
    pub year: u16,
    pub serial: u32,
}

const EUP_WHAT: &str = "an EU Pilot number";
const EUP_EXPECTED: &str = "a number like EUP(2021)9876 or, in the old form, 9876/21/ENVI";

impl EuPilotNumber {
    /// Reads `EUP(2021)9876` (spaces and case do not matter) and the old form `9876/21/ENVI`
    /// (serial / two-digit year of the 2000s / Commission department), optionally preceded by
    /// "EU Pilot".
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let err = || IdError::invalid(s, EUP_WHAT, EUP_EXPECTED);
        let c = compact_strict(s, EUP_WHAT, EUP_EXPECTED)?;
        let c = c.strip_prefix("EUPILOT").unwrap_or(&c);
        let (year, serial) =
            if let Some(rest) = c.strip_prefix("EUP(").or_else(|| c.strip_prefix('(')) {
                let (year, serial) = rest.split_once(')').ok_or_else(err)?;
                (year_of(year).ok_or_else(err)?, serial)
            } else {
                let mut parts = c.split('/');
                let serial = parts.next().unwrap_or_default();
                let year = parts.next().ok_or_else(err)?;
                let department = parts.next().unwrap_or_default();
                if parts.next().is_some() || !department.chars().all(|c| c.is_ascii_alphabetic()) {
                    return Err(err());
                }
                let year = match year.len() {
                    2 => number_of::<u16>(year, 2).map(|y| 2000 + y),
                    _ => year_of(year),
                };
                (year.ok_or_else(err)?, serial)
            };
        let serial = number_of(serial, 6).ok_or_else(err)?;
        Ok(EuPilotNumber { year, serial })
    }

    /// Refuses a number whose year is after next year on `today`.
    pub fn check_plausible(&self, today: NaiveDate) -> Result<(), IdError> {
        check_year(self.to_string(), EUP_WHAT, self.year, today)
    }
}

impl fmt::Display for EuPilotNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EUP({}){:04}", self.year, self.serial)
    }
}

impl FromStr for EuPilotNumber {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

/// A Commission document number, `COM(2021) 558` (a proposal for a directive, in this tool).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ComNumber {
    pub year: u16,
    pub number: u32,
}

const COM_WHAT: &str = "a COM number";
const COM_EXPECTED: &str = "a number like COM(2021) 558, COM/2021/558 or, as CELEX, 52021PC0558";

impl ComNumber {
    /// Reads `COM(2021) 558`, `COM(2021)558`, `COM/2021/558`, `COM(2021) 558 final`, the form of
    /// the web application's addresses, `COM-2021-558` ([`ComNumber::url_form`]), and the CELEX
    /// number of a Commission proposal, `52021PC0558` (also `CELEX:52021PC0558`): sector 5
    /// (preparatory acts), the year, `PC` (a COM proposal) and the number on four digits. Another
    /// sector-5 document (`52021DC0558`, a communication; `52021PC0558(01)`, a second version) is
    /// refused: in this tool a COM number is a proposal's.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let err = || IdError::invalid(s, COM_WHAT, COM_EXPECTED);
        let c = compact_strict(s, COM_WHAT, COM_EXPECTED)?;
        let celex = c.strip_prefix("CELEX:").unwrap_or(&c);
        if let Some((year, number)) = celex
            .strip_prefix('5')
            .and_then(|rest| Some((rest.get(..4)?, rest.get(4..)?.strip_prefix("PC")?)))
        {
            if number.len() != 4 {
                return Err(err());
            }
            let year = year_of(year).ok_or_else(err)?;
            let number = number_of(number, 4).ok_or_else(err)?;
            return Ok(ComNumber { year, number });
        }
        let c = c.strip_suffix("FINAL").unwrap_or(&c);
        let rest = c.strip_prefix("COM").ok_or_else(err)?;
        let (year, number) = if let Some(rest) = rest.strip_prefix('(') {
            rest.split_once(')').ok_or_else(err)?
        } else if let Some(rest) = rest.strip_prefix('/') {
            rest.split_once('/').ok_or_else(err)?
        } else if let Some(rest) = rest.strip_prefix('-') {
            rest.split_once('-').ok_or_else(err)?
        } else {
            return Err(err());
        };
        let year = year_of(year).ok_or_else(err)?;
        let number = number_of(number, 6).ok_or_else(err)?;
        Ok(ComNumber { year, number })
    }

    /// Refuses a number whose year is after next year on `today`.
    pub fn check_plausible(&self, today: NaiveDate) -> Result<(), IdError> {
        check_year(self.to_string(), COM_WHAT, self.year, today)
    }

    /// The CELEX number of the proposal, `52021PC0558`, as CELLAR's `cdm:resource_legal_id_celex`
    /// gives it (the number on four digits; a number past 9999, which the Commission has never
    /// reached in a year, keeps all its digits).
    pub fn celex(&self) -> String {
        format!("5{}PC{:04}", self.year, self.number)
    }

    /// The number as the web application writes it in an address, `COM-2021-558`: no brackets
    /// or spaces to encode, and read back by [`ComNumber::parse`].
    pub fn url_form(&self) -> String {
        format!("COM-{}-{}", self.year, self.number)
    }
}

impl fmt::Display for ComNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "COM({}) {}", self.year, self.number)
    }
}

impl FromStr for ComNumber {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_infr(input: &str, expected: Result<&str, &str>) {
        let got = InfringementNumber::parse(input)
            .map(|n| n.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(
            got,
            expected.map(str::to_string).map_err(str::to_string),
            "input {input:?}"
        );
    }

    #[test]
    fn infringement_numbers() {
        check_infr("INFR(2020)0385", Ok("INFR(2020)0385"));
        check_infr("INFR (2020) 0385", Ok("INFR(2020)0385"));
        check_infr("infr(2020)0385", Ok("INFR(2020)0385"));
        check_infr(" INFR(2019)2277 ", Ok("INFR(2019)2277"));
        check_infr("2020/0385", Ok("INFR(2020)0385"));
        check_infr("2020/385", Ok("INFR(2020)0385"));
        check_infr("20200385", Ok("INFR(2020)0385"));
        check_infr("20200385.0", Ok("INFR(2020)0385"));
        check_infr("INFR(2021)0000", Ok("INFR(2021)0000"));
        check_infr("INFR(2021)9999", Ok("INFR(2021)9999"));
    }

    #[test]
    fn infringement_numbers_rejected() {
        let msg = |v: &str| {
            format!(
                "\"{v}\" is not an infringement number: expected a number like INFR(2020)0385, 2020/0385 or 20200385"
            )
        };
        for bad in [
            "2020/385/1",
            "INFR(20)0385",
            "2020038",
            "abc",
            "INFR(2020)10385",
            "INFR(2020)",
            "202003850",
            "1900/0001",
            "INFR(2020",
            "2020/",
            "/0385",
        ] {
            check_infr(bad, Err(&msg(bad)));
        }
        check_infr(
            "",
            Err("empty value: expected a number like INFR(2020)0385, 2020/0385 or 20200385"),
        );
        check_infr(
            "  ",
            Err("empty value: expected a number like INFR(2020)0385, 2020/0385 or 20200385"),
        );
    }

    fn check_infr_int(n: i64, expected: Option<&str>) {
        let got = InfringementNumber::from_int(n).ok().map(|n| n.to_string());
        assert_eq!(got.as_deref(), expected, "from_int({n})");
    }

    #[test]
    fn infringement_numbers_from_int() {
        check_infr_int(20200385, Some("INFR(2020)0385"));
        check_infr_int(20210000, Some("INFR(2021)0000"));
        check_infr_int(19989999, Some("INFR(1998)9999"));
        check_infr_int(2020038, None);
        check_infr_int(-20200385, None);
        check_infr_int(0, None);
        check_infr_int(i64::MAX, None);
        check_infr_int(i64::MIN, None);
        assert_eq!(
            InfringementNumber::from_int(20200385).map(|n| n.to_int()),
            Ok(20200385)
        );
    }

    #[test]
    fn infringement_number_new_and_order() {
        assert_eq!(
            InfringementNumber::new(2020, 385),
            Ok(InfringementNumber {
                year: 2020,
                serial: 385
            })
        );
        assert!(InfringementNumber::new(2020, 10000).is_err());
        assert!(InfringementNumber::new(1957, 1).is_err());
        assert!(
            InfringementNumber {
                year: 2019,
                serial: 9999
            } < InfringementNumber {
                year: 2020,
                serial: 1
            }
        );
        assert_eq!(
            "INFR(2020)0385"
                .parse::<InfringementNumber>()
                .map(|n| n.serial),
            Ok(385)
        );
    }

    fn check_eup(input: &str, expected: Option<&str>) {
        let got = EuPilotNumber::parse(input).ok().map(|n| n.to_string());
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn eu_pilot_numbers() {
        check_eup("EUP(2021)9876", Some("EUP(2021)9876"));
        check_eup("EUP (2021) 9876", Some("EUP(2021)9876"));
        check_eup("eup(2022)0012", Some("EUP(2022)0012"));
        check_eup("9876/21/ENVI", Some("EUP(2021)9876"));
        check_eup("EU Pilot 9876/21/ENVI", Some("EUP(2021)9876"));
        check_eup("5432/13/MARK", Some("EUP(2013)5432"));
        check_eup("5432/2013/MARK", Some("EUP(2013)5432"));
        check_eup("5432/13", Some("EUP(2013)5432"));
        check_eup("EUP(21)9876", None);
        check_eup("9876/21/EN1", None);
        check_eup("9876", None);
        check_eup("INFR(2020)0385", None);
        check_eup("", None);
        assert_eq!(
            EuPilotNumber::parse("x").map_err(|e| e.to_string()),
            Err("\"x\" is not an EU Pilot number: expected a number like EUP(2021)9876 or, in the old form, 9876/21/ENVI".to_string())
        );
    }

    fn check_com(input: &str, expected: Option<&str>) {
        let got = ComNumber::parse(input).ok().map(|n| n.to_string());
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn com_numbers() {
        check_com("COM(2021) 558", Some("COM(2021) 558"));
        check_com("COM(2021)558", Some("COM(2021) 558"));
        check_com("COM/2021/558", Some("COM(2021) 558"));
        check_com("COM(2021) 558 final", Some("COM(2021) 558"));
        check_com("com (2021) 0558 FINAL", Some("COM(2021) 558"));
        check_com("COM(2016) 767", Some("COM(2016) 767"));
        check_com("COM-2021-558", Some("COM(2021) 558"));
        check_com("com-2021-0558", Some("COM(2021) 558"));
        check_com("COM-2021/558", None);
        check_com("COM-2021-", None);
        let c = ComNumber::parse("COM(2021) 557").unwrap();
        assert_eq!(c.url_form(), "COM-2021-557");
        assert_eq!(ComNumber::parse(&c.url_form()).unwrap(), c);
        check_com("COM 2021 558", None);
        check_com("COM(21) 558", None);
        check_com("SWD(2021) 558", None);
        check_com("COM(2021)", None);
        check_com("", None);
        assert_eq!(
            ComNumber::parse("COM(2021)").map_err(|e| e.to_string()),
            Err("\"COM(2021)\" is not a COM number: expected a number like COM(2021) 558, COM/2021/558 or, as CELEX, 52021PC0558".to_string())
        );
    }

    #[test]
    fn com_numbers_in_their_celex_form() {
        check_com("52021PC0557", Some("COM(2021) 557"));
        check_com(" 52021pc0557 ", Some("COM(2021) 557"));
        check_com("CELEX:52021PC0557", Some("COM(2021) 557"));
        check_com("52016PC0025", Some("COM(2016) 25"));
        check_com("52021PC0000", Some("COM(2021) 0"));
        // Not a proposal, not four digits, another sector, a second version, a year out of range.
        for bad in [
            "52021DC0557",
            "52021PC557",
            "52021PC00557",
            "32021PC0557",
            "52021PC0557(01)",
            "52021PC0557R(01)",
            "51957PC0001",
            "5202PC0557",
            "52021PC05 57",
            "52021PC",
        ] {
            check_com(bad, None);
        }
        assert_eq!(
            ComNumber::parse("52021DC0557").map_err(|e| e.to_string()),
            Err("\"52021DC0557\" is not a COM number: expected a number like COM(2021) 558, COM/2021/558 or, as CELEX, 52021PC0558".to_string())
        );
        let celex = |year, number| ComNumber { year, number }.celex();
        assert_eq!(celex(2021, 557), "52021PC0557");
        assert_eq!(celex(2016, 25), "52016PC0025");
        assert_eq!(celex(1999, 9999), "51999PC9999");
        assert_eq!(
            ComNumber::parse("COM(2021) 557 final").map(|c| c.celex()),
            Ok("52021PC0557".to_string())
        );
    }

    #[test]
    fn infringement_numbers_read_strictly() {
        let msg = |v: &str| {
            format!(
                "\"{v}\" is not an infringement number: expected a number like INFR(2020)0385, 2020/0385 or 20200385"
            )
        };
        for bad in [
            "2020/0 385",
            "2020 0385",
            "20 200 385",
            "2020/0,385",
            "20,200,385",
            "20.200.385",
            "-2020/0385",
            "+20200385",
            "INFR(2020)0385.0",
            "INFR(2020)0385x",
            "INFR(2020)0385 INFR(2021)0001",
            "INFR(2 020)0385",
        ] {
            check_infr(bad, Err(&msg(bad)));
        }
        check_infr(
            "INFR(2020)0385\u{200b}",
            Err(
                r#""INFR(2020)0385\u{200b}" is not an infringement number: it contains the invisible character \u{200b} (zero-width space); expected a number like INFR(2020)0385, 2020/0385 or 20200385"#,
            ),
        );
        check_infr(
            "\u{feff}20200385",
            Err(
                r#""\u{feff}20200385" is not an infringement number: it contains the invisible character \u{feff} (byte order mark); expected a number like INFR(2020)0385, 2020/0385 or 20200385"#,
            ),
        );
        check_infr(
            "INFR(2020)0385\u{202e}",
            Err(
                r#""INFR(2020)0385\u{202e}" is not an infringement number: it contains the invisible character \u{202e} (right-to-left override); expected a number like INFR(2020)0385, 2020/0385 or 20200385"#,
            ),
        );
        // Spaces around the parentheses and the slash are not inside a number.
        check_infr("INFR ( 2020 ) 0385", Ok("INFR(2020)0385"));
        check_infr("2020 / 0385", Ok("INFR(2020)0385"));
    }

    #[test]
    fn other_numbers_read_strictly() {
        check_eup("EUP(2021)9 876", None);
        check_eup("EUP(2 021)9876", None);
        check_eup("EUP(2021)9876\u{200b}", None);
        check_eup("\u{202e}EUP(2021)9876", None);
        check_eup("98 76/21/ENVI", None);
        check_eup("EUP(2021)-9876", None);
        check_eup("EUP(2021)9,876", None);
        assert_eq!(
            EuPilotNumber::parse("EUP(2021)9876\u{202e}").map_err(|e| e.to_string()),
            Err(r#""EUP(2021)9876\u{202e}" is not an EU Pilot number: it contains the invisible character \u{202e} (right-to-left override); expected a number like EUP(2021)9876 or, in the old form, 9876/21/ENVI"#.to_string())
        );
        check_com("COM(2021) 5 58", None);
        check_com("COM(20 21) 558", None);
        check_com("COM(2021) 1,558", None);
        check_com("COM(2021) -558", None);
        check_com("COM(2021) 558\u{202e}", None);
        check_com("COM(2021) 558 final\u{200b}", None);
        assert_eq!(
            ComNumber::parse("COM(2021)\u{7}558").map_err(|e| e.to_string()),
            Err(r#""COM(2021)\u{7}558" is not a COM number: it contains the control character \u{7}; expected a number like COM(2021) 558, COM/2021/558 or, as CELEX, 52021PC0558"#.to_string())
        );
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn years_after_next_year_are_implausible() {
        let today = day(2026, 3, 1);
        let infr = |y: u16| InfringementNumber { year: y, serial: 1 }.check_plausible(today);
        assert_eq!(infr(2026), Ok(()));
        assert_eq!(infr(2027), Ok(()));
        assert_eq!(infr(1958), Ok(()));
        assert_eq!(
            infr(2028).map_err(|e| e.to_string()),
            Err("\"INFR(2028)0001\" is not an infringement number: the year 2028 is outside 1958–2027 (next year at the latest)".to_string())
        );
        assert!(infr(0).is_err());
        let eup = |y: u16| EuPilotNumber { year: y, serial: 1 }.check_plausible(today);
        assert_eq!(eup(2027), Ok(()));
        assert!(eup(2099).is_err());
        let com = |y: u16| ComNumber { year: y, number: 1 }.check_plausible(today);
        assert_eq!(com(2021), Ok(()));
        assert_eq!(
            com(2099).map_err(|e| e.expected()),
            Err("a year from 1958 to 2027 (next year at the latest)".to_string())
        );
        // On the last day of a year, next year is one day away.
        assert_eq!(
            InfringementNumber {
                year: 2027,
                serial: 1
            }
            .check_plausible(day(2026, 12, 31)),
            Ok(())
        );
    }

    #[test]
    fn error_keeps_input() {
        assert_eq!(
            InfringementNumber::parse(" abc ").map_err(|e| e.input().to_string()),
            Err("abc".to_string())
        );
    }
}
