//! The three languages of the tool (French, Dutch, English) and how each writes dates and numbers.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::IdError;

/// A language of the user interface and of the reports. Brussels documents for Parliament exist in
/// French and Dutch; English is for the Commission's vocabulary and for developers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    Nl,
    En,
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
pub(crate) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Narrow no-break space: the French thousands separator.
const NARROW_NBSP: char = '\u{202f}';
/// No-break space: French puts one before `%`.
const NBSP: char = '\u{a0}';

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Nl, Lang::En];

    /// `fr`, `nl`, `en`.
    pub fn code(&self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The month's name, as written inside a date (lower case in French and Dutch).
    pub fn month_name(&self, month: u32) -> &'static str {
        let names = match self {
            Lang::Fr => &MONTHS_FR,
            Lang::Nl => &MONTHS_NL,
            Lang::En => &MONTHS_EN,
        };
        let index = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
        names[index]
    }

    /// `30 septembre 2021`, `1er octobre 2020`; `30 september 2021`; `30 September 2021`.
    pub fn format_date(&self, d: NaiveDate) -> String {
        let day = match (self, d.day()) {
            (Lang::Fr, 1) => "1er".to_string(),
            (_, day) => day.to_string(),
        };
        format!("{day} {} {}", self.month_name(d.month()), d.year())
    }

    /// `30/09/2021` in every language (the Belgian and European way).
    pub fn format_date_short(&self, d: NaiveDate) -> String {
        d.format("%d/%m/%Y").to_string()
    }

    /// A number with Belgian conventions, rounded half away from zero:
    /// fr `1 234,5` (narrow no-break space), nl `1.234,5`, en `1,234.5`.
    pub fn format_number(&self, x: f64, decimals: usize) -> String {
        if x.is_nan() {
            return "NaN".to_string();
        }
        if x.is_infinite() {
            return if x > 0.0 { "∞" } else { "-∞" }.to_string();
        }
        let (int_digits, frac_digits) = round_half_away_from_zero(x.abs(), decimals);
        let is_zero = int_digits
            .bytes()
            .chain(frac_digits.bytes())
            .all(|b| b == b'0');
        let mut out = String::new();
        if x < 0.0 && !is_zero {
            out.push('-');
        }
        out.push_str(&self.group_thousands(&int_digits));
        if !frac_digits.is_empty() {
            out.push(self.decimal_separator());
            out.push_str(&frac_digits);
        }
        out
    }

    /// An integer with the thousands separator of the language: fr `1 234`, nl `1.234`, en `1,234`.
    pub fn format_int(&self, n: i64) -> String {
        let digits = self.group_thousands(&n.unsigned_abs().to_string());
        if n < 0 { format!("-{digits}") } else { digits }
    }

    /// A percentage, `x` being already in percent (0.8 means 0.8 %): fr `0,8 %` (no-break space),
    /// nl `0,8%`, en `0.8%`.
    pub fn format_percent(&self, x: f64, decimals: usize) -> String {
        let number = self.format_number(x, decimals);
        match self {
            Lang::Fr => format!("{number}{NBSP}%"),
            Lang::Nl | Lang::En => format!("{number}%"),
        }
    }

    fn decimal_separator(&self) -> char {
        match self {
            Lang::Fr | Lang::Nl => ',',
            Lang::En => '.',
        }
    }

    fn thousands_separator(&self) -> char {
        match self {
            Lang::Fr => NARROW_NBSP,
            Lang::Nl => '.',
            Lang::En => ',',
        }
    }

    fn group_thousands(&self, digits: &str) -> String {
        let mut out = String::with_capacity(digits.len() * 2);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.thousands_separator());
            }
            out.push(c);
        }
        out
    }
}

/// Rounds a non-negative finite number to `decimals` digits, half away from zero, working on its
/// shortest decimal representation so that 1.005 rounds to 1.01 as a person expects (binary
/// arithmetic would see 1.00499999...). Returns the integer digits and the decimal digits.
fn round_half_away_from_zero(x: f64, decimals: usize) -> (String, String) {
    // Display of f64 never uses an exponent: 1e21 prints as 1000000000000000000000.
    let repr = x.to_string();
    let (int_part, frac_part) = repr.split_once('.').unwrap_or((&repr, ""));
    let mut digits: Vec<u8> = int_part.bytes().collect();
    digits.extend(
        frac_part
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(decimals),
    );
    if frac_part
        .as_bytes()
        .get(decimals)
        .is_some_and(|&d| d >= b'5')
    {
        let mut carry = true;
        for d in digits.iter_mut().rev() {
            if *d == b'9' {
                *d = b'0';
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            digits.insert(0, b'1');
        }
    }
    let split = digits.len() - decimals;
    let int_digits = String::from_utf8_lossy(&digits[..split]).into_owned();
    let frac_digits = String::from_utf8_lossy(&digits[split..]).into_owned();
    (int_digits, frac_digits)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = IdError;

    /// `fr`, `nl`, `en`, in any case.
    fn from_str(s: &str) -> Result<Self, IdError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" => Ok(Lang::Fr),
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            _ => Err(IdError::invalid(s, "a language", "fr, nl or en")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn check_date(lang: Lang, d: NaiveDate, expected: &str) {
        assert_eq!(lang.format_date(d), expected);
    }

    #[test]
    fn long_dates() {
        check_date(Lang::Fr, date(2021, 9, 30), "30 septembre 2021");
        check_date(Lang::Nl, date(2021, 9, 30), "30 september 2021");
        check_date(Lang::En, date(2021, 9, 30), "30 September 2021");
        check_date(Lang::Fr, date(2020, 10, 1), "1er octobre 2020");
        check_date(Lang::Nl, date(2020, 10, 1), "1 oktober 2020");
        check_date(Lang::En, date(2020, 10, 1), "1 October 2020");
        check_date(Lang::Fr, date(2021, 2, 2), "2 février 2021");
        check_date(Lang::Fr, date(2021, 8, 15), "15 août 2021");
        check_date(Lang::Fr, date(2023, 12, 31), "31 décembre 2023");
        check_date(Lang::Nl, date(2021, 3, 1), "1 maart 2021");
        check_date(Lang::Nl, date(2021, 5, 11), "11 mei 2021");
        check_date(Lang::En, date(2024, 2, 29), "29 February 2024");
    }

    #[test]
    fn short_dates() {
        for lang in Lang::ALL {
            assert_eq!(lang.format_date_short(date(2021, 9, 30)), "30/09/2021");
            assert_eq!(lang.format_date_short(date(2020, 7, 5)), "05/07/2020");
        }
    }

    fn check_number(lang: Lang, x: f64, decimals: usize, expected: &str) {
        assert_eq!(
            lang.format_number(x, decimals),
            expected,
            "{lang} {x} {decimals}"
        );
    }

    #[test]
    fn numbers() {
        check_number(Lang::Fr, 1234.5, 1, "1\u{202f}234,5");
        check_number(Lang::Nl, 1234.5, 1, "1.234,5");
        check_number(Lang::En, 1234.5, 1, "1,234.5");
        check_number(Lang::Fr, 1234567.891, 2, "1\u{202f}234\u{202f}567,89");
        check_number(Lang::Nl, 1234567.0, 0, "1.234.567");
        check_number(Lang::En, 999.0, 0, "999");
        check_number(Lang::En, 1000.0, 0, "1,000");
        check_number(Lang::Nl, 0.0, 2, "0,00");
        check_number(Lang::Nl, 0.8, 1, "0,8");
        check_number(Lang::Fr, -1234.5, 1, "-1\u{202f}234,5");
        check_number(Lang::Nl, -0.04, 1, "0,0");
        check_number(Lang::Nl, -0.05, 1, "-0,1");
        check_number(Lang::En, 0.25, 1, "0.3");
        check_number(Lang::En, 0.35, 1, "0.4");
        check_number(Lang::En, 2.5, 0, "3");
        check_number(Lang::En, -2.5, 0, "-3");
        check_number(Lang::En, 1.005, 2, "1.01");
        check_number(Lang::En, 9.995, 2, "10.00");
        check_number(Lang::En, 999.96, 1, "1,000.0");
        check_number(Lang::En, 12.0, 3, "12.000");
        check_number(Lang::En, 1e21, 0, "1,000,000,000,000,000,000,000");
        check_number(Lang::En, 0.000_001, 2, "0.00");
        check_number(Lang::En, f64::NAN, 1, "NaN");
        check_number(Lang::En, f64::INFINITY, 1, "∞");
        check_number(Lang::En, f64::NEG_INFINITY, 1, "-∞");
    }

    #[test]
    fn integers() {
        assert_eq!(Lang::Fr.format_int(1234), "1\u{202f}234");
        assert_eq!(Lang::Nl.format_int(-1234567), "-1.234.567");
        assert_eq!(Lang::En.format_int(0), "0");
        assert_eq!(Lang::En.format_int(123), "123");
        assert_eq!(Lang::En.format_int(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn percentages() {
        assert_eq!(Lang::Fr.format_percent(0.8, 1), "0,8\u{a0}%");
        assert_eq!(Lang::Nl.format_percent(0.8, 1), "0,8%");
        assert_eq!(Lang::En.format_percent(0.8, 1), "0.8%");
        assert_eq!(Lang::Fr.format_percent(12.345, 2), "12,35\u{a0}%");
        assert_eq!(Lang::En.format_percent(100.0, 0), "100%");
    }

    #[test]
    fn codes() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert_eq!(" NL ".parse::<Lang>(), Ok(Lang::Nl));
        assert_eq!(
            "de".parse::<Lang>().map_err(|e| e.to_string()),
            Err("\"de\" is not a language: expected fr, nl or en".to_string())
        );
        assert_eq!(Lang::Fr.to_string(), "fr");
        assert_eq!(Lang::Nl.month_name(8), "augustus");
    }
}
