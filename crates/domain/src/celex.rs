//! Directive identifiers: CELEX numbers, ELI, national-measure CELEX numbers, and the many ways
//! people cite a directive ("Directive (EU) 2019/1024", "richtlijn 2008/98/EG", "91/271/EEC"...).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::text::{all_digits, compact_upper, fold, hidden_char};

/// A directive, known by its year and number: Directive (EU) 2019/1024 is `{ year: 2019, number: 1024 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DirectiveId {
    pub year: u16,
    pub number: u16,
}

const DIRECTIVE_WHAT: &str = "a directive";
const DIRECTIVE_EXPECTED: &str = "a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024";
const NUMBER_WHAT: &str = "a directive number";

impl DirectiveId {
    /// A directive from its parts: a year from 1958 to 2100 and a number from 1 to 9999.
    pub fn new(year: u16, number: u16) -> Result<Self, IdError> {
        let input = format!("{year}/{number}");
        if !(1958..=2100).contains(&year) {
            return Err(IdError::invalid(
                &input,
                NUMBER_WHAT,
                "a year from 1958 to 2100 and a number, like 2019/1024",
            ));
        }
        if !(1..=9999).contains(&number) {
            return Err(IdError::invalid(
                &input,
                NUMBER_WHAT,
                "a year and a number from 1 to 9999, like 2019/1024",
            ));
        }
        Ok(DirectiveId { year, number })
    }

    /// The CELEX number: `32019L1024`, `31991L0271`.
    pub fn celex(&self) -> String {
        format!("3{}L{:04}", self.year, self.number)
    }

    /// The European Legislation Identifier: `http://data.europa.eu/eli/dir/2019/1024/oj`.
    pub fn eli(&self) -> String {
        format!(
            "http://data.europa.eu/eli/dir/{}/{}/oj",
            self.year, self.number
        )
    }

    /// Reads a directive CELEX number (a corrigendum or a consolidated version maps to its directive)
    /// or a citation as people write it, possibly inside a longer text: the first year/number pair
    /// after a directive keyword is taken, else the first pair of the text.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if s.trim().is_empty() {
            return Err(IdError::invalid(s, DIRECTIVE_WHAT, DIRECTIVE_EXPECTED));
        }
        if looks_like_celex(s) {
            return Celex::parse(s)?.directive();
        }
        let citations = scan(s);
        let chosen = citations
            .iter()
            .find(|c| c.context == Context::Directive)
            .or_else(|| citations.iter().find(|c| c.context == Context::Free));
        match (chosen, citations.first()) {
            (Some(c), _) => c
                .directive()
                .map_err(|expected| IdError::invalid(s, NUMBER_WHAT, expected)),
            (
                None,
                Some(Citation {
                    context: Context::OtherAct(found),
                    ..
                }),
            ) => Err(IdError::NotADirective {
                input: s.trim().to_string(),
                found,
            }),
            _ if all_digits(s.trim()) => Err(IdError::invalid(
                s,
                NUMBER_WHAT,
                "a year and a number, like 2019/1024",
            )),
            _ => Err(IdError::invalid(s, DIRECTIVE_WHAT, DIRECTIVE_EXPECTED)),
        }
    }

    /// Every directive cited in a free text (an infringement title, a note), without repeats, in
    /// order of appearance. A year/number pair counts only after a directive keyword ("Directive",
    /// "dir.", "richtlijn"...) or when followed by /EU, /EC, /EEC... so that "Regulation (EU)
    /// 2016/679" or "INFR(2020)0380" are not taken for directives.
    pub fn find_in_text(text: &str) -> Vec<DirectiveId> {
        let mut found = Vec::new();
        for citation in scan(text) {
            let counts = match citation.context {
                Context::Directive => true,
                Context::Free => citation.suffix,
                Context::OtherAct(_) => false,
            };
            if counts
                && let Ok(id) = citation.directive()
                && !found.contains(&id)
            {
                found.push(id);
            }
        }
        found
    }
}

impl fmt::Display for DirectiveId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.year, self.number)
    }
}

impl FromStr for DirectiveId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

/// What the words before a year/number pair say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Nothing telling: a bare "2019/1024".
    Free,
    /// After "Directive", "richtlijn", "dir."...
    Directive,
    /// After "Regulation", "Decision"...: the name of that kind of act.
    OtherAct(&'static str),
}

/// A year/number pair found in a text, before validation.
#[derive(Debug)]
struct Citation {
    year: String,
    number: String,
    context: Context,
    /// Followed by /EU, /EC, /EEC and the like.
    suffix: bool,
}

impl Citation {
    /// The directive, or what was expected instead.
    fn directive(&self) -> Result<DirectiveId, &'static str> {
        let year = match self.year.len() {
            // Before 1999 directives were numbered with two-digit years: 91/271/EEC.
            2 => self.year.parse::<u16>().ok().map(|y| 1900 + y),
            4 => self.year.parse::<u16>().ok(),
            _ => None,
        };
        let year = year.filter(|y| (1958..=2100).contains(y));
        let Some(year) = year else {
            return Err(
                "a year of 4 digits (2 for directives before 1999) and a number, like 2019/1024 or 91/271",
            );
        };
        if self.number.len() > 4 {
            return Err("a year and a number of at most 4 digits, like 2019/1024");
        }
        match self.number.parse::<u16>() {
            Ok(number) if number >= 1 => Ok(DirectiveId { year, number }),
            _ => Err("a year and a number from 1 to 9999, like 2019/1024"),
        }
    }
}

const DIRECTIVE_WORDS: &[&str] = &[
    "directive",
    "directives",
    "dir",
    "richtlijn",
    "richtlijnen",
    "richtl",
    "directiva",
    "directivas",
    "direttiva",
    "direttive",
    "richtlinie",
    "richtlinien",
];
/// Words naming another kind of act, with what to call it in a message.
const OTHER_ACT_WORDS: &[(&str, &str)] = &[
    ("regulation", "a regulation"),
    ("regulations", "a regulation"),
    ("reglement", "a regulation"),
    ("reglements", "a regulation"),
    ("verordening", "a regulation"),
    ("verordnung", "a regulation"),
    ("reglamento", "a regulation"),
    ("regolamento", "a regulation"),
    ("decision", "a decision"),
    ("decisions", "a decision"),
    ("besluit", "a decision"),
    ("beschikking", "a decision"),
    ("beschluss", "a decision"),
];
/// Words that may stand between a keyword and the number without breaking the citation.
const FILLER_WORDS: &[&str] = &[
    "eu", "ue", "ec", "ce", "eec", "cee", "eg", "eeg", "ewg", "euratom", "no", "nr", "n", "nummer",
    "number", "and", "et", "en", "or", "ou", "of",
];
/// What may follow the number: 2019/1024/EU, 2008/98/EC, 91/271/EEC.
const SUFFIXES: &[&str] = &[
    "eu", "ue", "ec", "ce", "eec", "cee", "eg", "eeg", "ewg", "euratom",
];

fn next_context(current: Context, word: &str) -> Context {
    if DIRECTIVE_WORDS.contains(&word) {
        Context::Directive
    } else if let Some((_, name)) = OTHER_ACT_WORDS.iter().find(|(w, _)| *w == word) {
        Context::OtherAct(name)
    } else if FILLER_WORDS.contains(&word) {
        current
    } else {
        Context::Free
    }
}

/// Finds every `year/number` pair of a text, with the words before it and the suffix after it.
/// A pair inside a longer run of slashes and digits (a date 30/06/2021, a case 2020/385/1, a path
/// COM/2021/558) is not a citation.
fn scan(text: &str) -> Vec<Citation> {
    let chars: Vec<char> = fold(text).chars().collect();
    let digits_from = |i: &mut usize| -> String {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        chars[start..*i].iter().collect()
    };
    let is_digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut found = Vec::new();
    let mut context = Context::Free;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            context = next_context(context, &word);
        } else if c.is_ascii_digit() {
            let glued = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '/');
            let year = digits_from(&mut i);
            if chars.get(i) != Some(&'/') || !is_digit_at(i + 1) {
                context = Context::Free;
                continue;
            }
            i += 1;
            let number = digits_from(&mut i);
            if chars.get(i) == Some(&'/') && is_digit_at(i + 1) {
                while chars.get(i) == Some(&'/') || is_digit_at(i) {
                    i += 1;
                }
                context = Context::Free;
                continue;
            }
            let mut suffix = false;
            if chars.get(i) == Some(&'/') {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end].is_alphabetic() {
                    end += 1;
                }
                let word: String = chars[start..end].iter().collect();
                if SUFFIXES.contains(&word.as_str()) {
                    suffix = true;
                    i = end;
                }
            }
            if !glued && !chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
                found.push(Citation {
                    year,
                    number,
                    context,
                    suffix,
                });
            }
        } else {
            i += 1;
        }
    }
    found
}

fn looks_like_celex(s: &str) -> bool {
    let c = compact_upper(s);
    let c = c.strip_prefix("CELEX:").unwrap_or(&c);
    let b = c.as_bytes();
    b.len() >= 7
        && (b[0].is_ascii_digit() || b[0] == b'C' || b[0] == b'E')
        && b[1..5].iter().all(u8::is_ascii_digit)
        && b[5].is_ascii_alphabetic()
        && !c.contains('/')
}

/// What kind of document a CELEX number designates, as far as this tool cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CelexKind {
    /// A directive as adopted: `32019L1024`.
    Directive,
    /// A corrigendum of an act of sector 3: `32019L1024R(01)`.
    Corrigendum,
    /// A consolidated version: `02019L1024-20200101`.
    Consolidated,
    /// A national implementing measure: `72019L1024BEL_123456`.
    NationalMeasure,
    /// Anything else of a valid shape (a regulation, a decision, a judgment...).
    Other,
}

/// Any CELEX number a source gives, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Celex {
    /// The number as normalised: upper case, no spaces, no `CELEX:` prefix.
    pub raw: String,
    pub kind: CelexKind,
    /// `0`-`9`, `C` or `E`.
    pub sector: char,
    pub year: u16,
    /// One or two letters: `L` for a directive, `R` regulation, `D` decision, `CJ` judgment...
    pub doc_type: String,
    /// The document number, digits only (`1024`); what follows it stays in `raw`.
    pub number: String,
}

const CELEX_WHAT: &str = "a CELEX number";
const CELEX_EXPECTED: &str = "a sector, a year of 4 digits, a document type and a number, like 32019L1024, 02019L1024-20200101 or 72019L1024BEL_123456";

impl Celex {
    /// Validates the general shape of a CELEX number: sector (0-9, C or E), 4-digit year, 1-2 letter
    /// type, number, and the suffix of corrigenda, consolidated versions and national measures.
    /// The whole value must be the number, without spaces inside it (`3201 9L1024` is refused),
    /// optionally after `CELEX:`.
    pub fn parse(s: &str) -> Result<Celex, IdError> {
        let err = || IdError::invalid(s, CELEX_WHAT, CELEX_EXPECTED);
        if let Some(c) = hidden_char(s) {
            return Err(IdError::character(s, CELEX_WHAT, c, CELEX_EXPECTED));
        }
        let upper = s.trim().to_uppercase();
        let raw = upper
            .strip_prefix("CELEX:")
            .map_or(upper.as_str(), str::trim_start);
        if raw.contains(char::is_whitespace) {
            return Err(IdError::invalid(
                s,
                CELEX_WHAT,
                "a CELEX number written without spaces, like 32019L1024",
            ));
        }
        let raw = raw.to_string();
        let mut chars = raw.chars();
        let sector = chars
            .next()
            .filter(|c| c.is_ascii_digit() || *c == 'C' || *c == 'E')
            .ok_or_else(err)?;
        let year: String = chars.by_ref().take(4).collect();
        if !all_digits(&year) || year.len() != 4 {
            return Err(err());
        }
        let year: u16 = year.parse().map_err(|_| err())?;
        let rest = chars.as_str();
        let doc_type: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let rest = &rest[doc_type.len()..];
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &rest[number.len()..];
        if doc_type.is_empty() || doc_type.len() > 2 || number.is_empty() {
            return Err(err());
        }
        // Sectors 0, 3 and 7 (legislation, consolidated texts, national measures) use 4-digit numbers.
        let four_digits = number.len() == 4;
        let kind = match sector {
            '3' if four_digits && suffix.is_empty() && doc_type == "L" => CelexKind::Directive,
            '3' if four_digits && suffix.is_empty() => CelexKind::Other,
            '3' if four_digits && is_corrigendum(suffix) => CelexKind::Corrigendum,
            '3' if four_digits && is_sequence(suffix) => CelexKind::Other,
            '0' if four_digits && is_consolidation_date(suffix) => CelexKind::Consolidated,
            '7' if four_digits && split_measure_suffix(suffix).is_some() => {
                CelexKind::NationalMeasure
            }
            '0' | '3' | '7' => return Err(err()),
            _ if suffix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "()-_".contains(c)) =>
            {
                CelexKind::Other
            }
            _ => return Err(err()),
        };
        Ok(Celex {
            raw,
            kind,
            sector,
            year,
            doc_type,
            number,
        })
    }

    /// The directive this CELEX number is, or is a corrigendum or consolidated version of.
    pub fn directive(&self) -> Result<DirectiveId, IdError> {
        let found = match (self.kind, self.doc_type.as_str()) {
            (CelexKind::Directive | CelexKind::Corrigendum | CelexKind::Consolidated, "L") => {
                let number = self.number.parse::<u16>().unwrap_or(0);
                return DirectiveId::new(self.year, number).map_err(|_| {
                    IdError::invalid(
                        &self.raw,
                        CELEX_WHAT,
                        "a directive CELEX number like 32019L1024",
                    )
                });
            }
            (CelexKind::NationalMeasure, _) => "the CELEX number of a national measure",
            (_, "R") => "the CELEX number of a regulation",
            (_, "D") => "the CELEX number of a decision",
            _ => "the CELEX number of another kind of document",
        };
        Err(IdError::NotADirective {
            input: self.raw.clone(),
            found,
        })
    }
}

impl fmt::Display for Celex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl FromStr for Celex {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

/// `R(01)`
fn is_corrigendum(suffix: &str) -> bool {
    suffix.strip_prefix('R').is_some_and(is_sequence)
}

/// `(01)`
fn is_sequence(suffix: &str) -> bool {
    suffix
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .is_some_and(|n| n.len() == 2 && all_digits(n))
}

/// `-20200101`
fn is_consolidation_date(suffix: &str) -> bool {
    suffix
        .strip_prefix('-')
        .is_some_and(|d| d.len() == 8 && all_digits(d))
}

/// `BEL_123456` -> (`BEL`, `123456`)
fn split_measure_suffix(suffix: &str) -> Option<(&str, &str)> {
    let (country, id) = suffix.split_once('_')?;
    let valid = country.len() == 3
        && country.chars().all(|c| c.is_ascii_alphabetic())
        && !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    valid.then_some((country, id))
}

/// The CELEX number the Commission gives a national measure: `72019L1024BEL_123456`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MeasureCelex {
    pub directive: DirectiveId,
    /// Three letters, upper case: `BEL`.
    pub country: String,
    /// What follows the `_`.
    pub suffix: String,
}

const MEASURE_WHAT: &str = "the CELEX number of a national measure";
const MEASURE_EXPECTED: &str = "a number like 72019L1024BEL_123456";

impl MeasureCelex {
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let err = || IdError::invalid(s, MEASURE_WHAT, MEASURE_EXPECTED);
        if let Some(c) = hidden_char(s) {
            return Err(IdError::character(s, MEASURE_WHAT, c, MEASURE_EXPECTED));
        }
        let celex = Celex::parse(s).map_err(|_| err())?;
        if celex.kind != CelexKind::NationalMeasure || celex.doc_type != "L" {
            return Err(err());
        }
        let number = celex.number.parse::<u16>().map_err(|_| err())?;
        let directive = DirectiveId::new(celex.year, number).map_err(|_| err())?;
        // Sector, year, "L" and number are ASCII and take 10 bytes; the country comes next.
        let tail = celex.raw.get(10..).ok_or_else(err)?;
        let (country, suffix) = split_measure_suffix(tail).ok_or_else(err)?;
        Ok(MeasureCelex {
            directive,
            country: country.to_string(),
            suffix: suffix.to_string(),
        })
    }

    /// Belgian measures start with `7YYYYLNNNNBEL`.
    pub fn is_belgian(&self) -> bool {
        self.country == "BEL"
    }
}

impl fmt::Display for MeasureCelex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "7{}L{:04}{}_{}",
            self.directive.year, self.directive.number, self.country, self.suffix
        )
    }
}

impl FromStr for MeasureCelex {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<&str, &str>) {
        let got = DirectiveId::parse(input)
            .map(|d| d.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(
            got,
            expected.map(str::to_string).map_err(str::to_string),
            "input {input:?}"
        );
    }

    fn ok(input: &str, expected: &str) {
        check(input, Ok(expected));
    }

    #[test]
    fn directive_from_celex() {
        ok("32019L1024", "2019/1024");
        ok("31991L0271", "1991/271");
        ok(" 32019l1024 ", "2019/1024");
        ok("CELEX:32019L1024", "2019/1024");
        ok("32019L1024R(01)", "2019/1024");
        ok("02019L1024-20200101", "2019/1024");
        ok("02008L0098-20180705", "2008/98");
    }

    #[test]
    fn directive_from_citations() {
        ok("Directive (EU) 2019/1024", "2019/1024");
        ok("Directive (UE) 2019/1024", "2019/1024");
        ok("Richtlijn (EU) 2019/1024", "2019/1024");
        ok("Richtlijn 2019/1024", "2019/1024");
        ok("dir. 2019/1024/UE", "2019/1024");
        ok("Dir 2011/92/EU", "2011/92");
        ok("2019/1024", "2019/1024");
        ok("Directive 2008/98/EC", "2008/98");
        ok("Directive 2008/98/CE", "2008/98");
        ok("richtlijn 2008/98/EG", "2008/98");
        ok("91/271/EEC", "1991/271");
        ok("91/271/CEE", "1991/271");
        ok("Directive 91/271/EEG", "1991/271");
        ok("2019/1024/EU", "2019/1024");
        ok("Council Directive 2006/112/EC", "2006/112");
        ok(
            "Directive (EU) 2015/2366 of the European Parliament and of the Council of 25 November 2015 on payment services",
            "2015/2366",
        );
        ok("DIRECTIVE (EU) 2019/1024", "2019/1024");
        ok("directive  (eu)   2019/1024", "2019/1024");
        ok("Directive\u{a0}(EU)\u{a0}2019/1024", "2019/1024");
        ok("Richtlijn\u{202f}2019/1024", "2019/1024");
        ok("la directive 2000/60/CE du Parlement européen", "2000/60");
        ok("Richtlijn nr. 2019/1024", "2019/1024");
        ok("Directive 98/34/EC", "1998/34");
        ok("Directive 2019/0024", "2019/24");
        ok(
            "Directive 2010/31/EU on the energy performance of buildings (recast)",
            "2010/31",
        );
        ok(
            "Directive 2010/31/EU amending Regulation 2016/679",
            "2010/31",
        );
        ok(
            "Regulation (EU) 2016/679 and Directive (EU) 2016/680",
            "2016/680",
        );
    }

    #[test]
    fn directive_rejected() {
        check(
            "2019/99999",
            Err(
                "\"2019/99999\" is not a directive number: expected a year and a number of at most 4 digits, like 2019/1024",
            ),
        );
        check(
            "2019",
            Err("\"2019\" is not a directive number: expected a year and a number, like 2019/1024"),
        );
        check(
            "32019R0679",
            Err(
                "\"32019R0679\" is the CELEX number of a regulation, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check(
            "32010D0405",
            Err(
                "\"32010D0405\" is the CELEX number of a decision, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check(
            "72019L1024BEL_123456",
            Err(
                "\"72019L1024BEL_123456\" is the CELEX number of a national measure, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check(
            "Regulation (EU) 2016/679",
            Err(
                "\"Regulation (EU) 2016/679\" is a regulation, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check(
            "hello",
            Err(
                "\"hello\" is not a directive: expected a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024",
            ),
        );
        check(
            "",
            Err(
                "empty value: expected a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024",
            ),
        );
        check(
            "Directive 1950/12",
            Err(
                "\"Directive 1950/12\" is not a directive number: expected a year of 4 digits (2 for directives before 1999) and a number, like 2019/1024 or 91/271",
            ),
        );
        check(
            "2019/0",
            Err(
                "\"2019/0\" is not a directive number: expected a year and a number from 1 to 9999, like 2019/1024",
            ),
        );
        assert!(DirectiveId::parse("   ").is_err());
        assert!(DirectiveId::parse("INFR(2020)0380").is_err());
        assert!(DirectiveId::parse("30/06/2021").is_err());
        assert!(DirectiveId::parse("32019L102").is_err());
        assert!(DirectiveId::parse("02019L1024").is_err());
    }

    #[test]
    fn directive_identifiers() {
        let d = DirectiveId::new(2019, 1024).unwrap_or(DirectiveId { year: 0, number: 0 });
        assert_eq!(d.celex(), "32019L1024");
        assert_eq!(d.eli(), "http://data.europa.eu/eli/dir/2019/1024/oj");
        assert_eq!(d.to_string(), "2019/1024");
        assert_eq!(
            DirectiveId {
                year: 1991,
                number: 271
            }
            .celex(),
            "31991L0271"
        );
        assert_eq!(
            DirectiveId {
                year: 2008,
                number: 98
            }
            .eli(),
            "http://data.europa.eu/eli/dir/2008/98/oj"
        );
        assert!(DirectiveId::new(1957, 1).is_err());
        assert!(DirectiveId::new(2101, 1).is_err());
        assert!(DirectiveId::new(2019, 0).is_err());
        assert!(DirectiveId::new(2019, 10000).is_err());
        assert_eq!(
            DirectiveId::new(2100, 9999),
            Ok(DirectiveId {
                year: 2100,
                number: 9999
            })
        );
        assert_eq!(
            "91/271/EEC".parse::<DirectiveId>(),
            Ok(DirectiveId {
                year: 1991,
                number: 271
            })
        );
        assert!(
            DirectiveId {
                year: 2008,
                number: 98
            } < DirectiveId {
                year: 2019,
                number: 1
            }
        );
    }

    fn check_find(text: &str, expected: &[&str]) {
        let got: Vec<String> = DirectiveId::find_in_text(text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, expected, "text {text:?}");
    }

    #[test]
    fn directives_in_text() {
        check_find(
            "Non-transposition of Directive (EU) 2018/850 amending Directive 1999/31/EC on the landfill of waste",
            &["2018/850", "1999/31"],
        );
        check_find(
            "Lack of transposition by the United Kingdom of Directive (EU) 2016/797 on the interoperability",
            &["2016/797"],
        );
        check_find("Failure to transpose Dir 2011/92/EU", &["2011/92"]);
        check_find("INFR(2020)0380 Failure to transpose", &[]);
        check_find("Bad application of EU law on air quality", &[]);
        check_find("", &[]);
        check_find("Regulation (EU) 2016/679 on data protection", &[]);
        check_find("Commission Decision 2010/405/EU", &[]);
        check_find(
            "Incorrect transposition of 2009/72/EC and 2009/73/EC",
            &["2009/72", "2009/73"],
        );
        check_find(
            "Directives 2014/23/UE et 2014/24/UE",
            &["2014/23", "2014/24"],
        );
        check_find(
            "Directive 2008/98/EC and Directive 2008/98/EC again",
            &["2008/98"],
        );
        check_find(
            "Richtlijn 91/271/EEG inzake stedelijk afvalwater",
            &["1991/271"],
        );
        check_find("letter of 30/06/2021 about 2019/1024", &[]);
        check_find(
            "Directive 2019/99999 and Directive 2019/1024",
            &["2019/1024"],
        );
        check_find("EU Pilot 9876/21/ENVI", &[]);
        check_find("COM/2021/558 proposal", &[]);
        check_find(
            "Directive 2000/60/EC establishing a framework (Regulation 2019/1010 amending it)",
            &["2000/60"],
        );
        check_find(
            "Non-communication: directive (UE) 2019/944 (électricité)",
            &["2019/944"],
        );
    }

    fn check_celex(input: &str, expected: Option<(CelexKind, char, u16, &str, &str)>) {
        let got = Celex::parse(input)
            .ok()
            .map(|c| (c.kind, c.sector, c.year, c.doc_type, c.number));
        let expected = expected.map(|(k, s, y, t, n)| (k, s, y, t.to_string(), n.to_string()));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn celex_numbers() {
        use CelexKind::*;
        check_celex("32019L1024", Some((Directive, '3', 2019, "L", "1024")));
        check_celex(
            "32019L1024R(01)",
            Some((Corrigendum, '3', 2019, "L", "1024")),
        );
        check_celex(
            "02019L1024-20200101",
            Some((Consolidated, '0', 2019, "L", "1024")),
        );
        check_celex(
            "72019L1024BEL_123456",
            Some((NationalMeasure, '7', 2019, "L", "1024")),
        );
        check_celex("32016R0679", Some((Other, '3', 2016, "R", "0679")));
        check_celex(
            "32016R0679R(02)",
            Some((Corrigendum, '3', 2016, "R", "0679")),
        );
        check_celex("52021PC0558", Some((Other, '5', 2021, "PC", "0558")));
        check_celex("62019CJ0123", Some((Other, '6', 2019, "CJ", "0123")));
        check_celex("52019XC0101(01)", Some((Other, '5', 2019, "XC", "0101")));
        check_celex("C2019123", None);
        check_celex(
            "celex:32019l1024",
            Some((Directive, '3', 2019, "L", "1024")),
        );
        check_celex("32019L102", None);
        check_celex("32019L10245", None);
        check_celex("32019LX1024", Some((Other, '3', 2019, "LX", "1024")));
        check_celex("32019LXY1024", None);
        check_celex("3201L1024", None);
        check_celex("82019L1024", Some((Other, '8', 2019, "L", "1024")));
        check_celex("X2019L1024", None);
        check_celex("32019L1024R01", None);
        check_celex("02019L1024-2020", None);
        check_celex("72019L1024BE_1", None);
        check_celex("72019L1024BEL_", None);
        check_celex("2019/1024", None);
        check_celex("3201 9L1024", None);
        check_celex("32019 L 1024", None);
        check_celex("32019L1024 R(01)", None);
        check_celex("32019L1024\u{202e}", None);
        check_celex("\u{200b}32019L1024", None);
        check_celex("32019L1024 32019L1937", None);
        check_celex(
            "CELEX: 32019L1024",
            Some((Directive, '3', 2019, "L", "1024")),
        );
        let spaced = "\"3201 9L1024\" is not a CELEX number: expected a CELEX number written without spaces, like 32019L1024";
        assert_eq!(
            Celex::parse("3201 9L1024").map_err(|e| e.to_string()),
            Err(spaced.to_string())
        );
        assert_eq!(
            DirectiveId::parse("3201 9L1024").map_err(|e| e.to_string()),
            Err(spaced.to_string())
        );
        check_celex("", None);
        assert_eq!(
            Celex::parse(" 32019l1024 ").map(|c| c.raw),
            Ok("32019L1024".to_string())
        );
        assert_eq!(
            Celex::parse("hello").map_err(|e| e.to_string()),
            Err("\"hello\" is not a CELEX number: expected a sector, a year of 4 digits, a document type and a number, like 32019L1024, 02019L1024-20200101 or 72019L1024BEL_123456".to_string())
        );
    }

    fn check_measure(input: &str, expected: Option<(&str, &str, &str, bool)>) {
        let got = MeasureCelex::parse(input).ok();
        let got = got.as_ref().map(|m| {
            (
                m.directive.to_string(),
                m.country.as_str(),
                m.suffix.as_str(),
                m.is_belgian(),
                m.to_string(),
            )
        });
        let expected =
            expected.map(|(d, c, s, b)| (d.to_string(), c, s, b, input.trim().to_uppercase()));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn measure_celex_numbers() {
        check_measure(
            "72019L1024BEL_123456",
            Some(("2019/1024", "BEL", "123456", true)),
        );
        check_measure(
            "71991L0271FRA_201234",
            Some(("1991/271", "FRA", "201234", false)),
        );
        check_measure(
            "72008L0098BEL_2021_17",
            Some(("2008/98", "BEL", "2021_17", true)),
        );
        check_measure(
            " 72019l1024bel_123456 ",
            Some(("2019/1024", "BEL", "123456", true)),
        );
        check_measure("32019L1024", None);
        check_measure("72019R1024BEL_123456", None);
        check_measure("72019L1024BEL123456", None);
        check_measure("72019L0000BEL_1", None);
        check_measure("", None);
        check_measure("72019L1024 BEL_123456", None);
        check_measure("72019L1024BEL_123456\u{202e}", None);
        assert_eq!(
            MeasureCelex::parse("32019L1024").map_err(|e| e.to_string()),
            Err("\"32019L1024\" is not the CELEX number of a national measure: expected a number like 72019L1024BEL_123456".to_string())
        );
    }
}
