//! Directive identifiers: CELEX numbers, ELI, national-measure CELEX numbers, and the many ways
//! people cite a directive ("Directive (EU) 2019/1024", "richtlijn 2008/98/EG", "91/271/EEC"...).
//!
//! A value that should name a directive is read whole and strictly ([`DirectiveId::parse`],
//! [`DirectiveId::parse_list`]): what cannot be read is refused, never dropped. A free text is
//! searched with [`DirectiveId::find_in_text`], which skips what does not read as a citation.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::citation::{Context, ERA_EXPECTED, is_citation_char, scan, split_list};
use crate::ids::{IdError, check_year};
use crate::text::{all_digits, compact_upper, hidden_char};

/// A directive, known by its year and number: Directive (EU) 2019/1024 is `{ year: 2019, number: 1024 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DirectiveId {
    pub year: u16,
    pub number: u16,
}

const DIRECTIVE_WHAT: &str = "a directive";
const DIRECTIVE_EXPECTED: &str = "a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024";
const NUMBER_WHAT: &str = "a directive number";
const LIST_WHAT: &str = "a list of directives";
const LIST_EXPECTED: &str = "directives separated by semicolons, line breaks, commas, + or and/et/en, like 2019/1024; 2019/1937";
const ELI_WHAT: &str = "the ELI of a directive";
const ELI_EXPECTED: &str = "an address like http://data.europa.eu/eli/dir/2019/1024/oj";

impl DirectiveId {
    /// A directive from its parts: a year from 1958 to 2100 and a number from 1 to 9999. No
    /// directive predates the Treaty of Rome (in force on 1 January 1958); the end of the range
    /// is static, [`DirectiveId::check_plausible`] narrows it to next year.
    pub fn new(year: u16, number: u16) -> Result<Self, IdError> {
        let input = format!("{year}/{number}");
        if !crate::ids::YEARS.contains(&year) {
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

    /// Reads one directive from a whole value: a CELEX number (a corrigendum or a consolidated
    /// version maps to its directive), an ELI (`http://data.europa.eu/eli/dir/2019/1024/oj`), or
    /// a citation as people write it, alone or followed by a title ("Directive (EU) 2019/1024 of
    /// the European Parliament and of the Council of 20 June 2019 on open data"). Two-digit
    /// years are 19xx (91/271/EEC).
    ///
    /// The value is read strictly, so that nothing in it is dropped or misread:
    /// - every year/number pair counts, except after a word naming another act ("Regulation (EU)
    ///   2016/679"); each must be a valid directive number, and together they must name one
    ///   directive: a value naming two is refused with both ([`DirectiveId::parse_list`] reads
    ///   lists);
    /// - a pair is written in digits only, with nothing stuck to it: no thousands separator or
    ///   decimal part (`2019/1,024`, `2019/1 024`, `2019/1024.0`), no sign (`-2019/1024`), no
    ///   space around the slash, no letter (`2019/1024x`), and after the number only a suffix
    ///   (`/EU`, `/EC`, `/EEC`, `/Euratom`, in the member states' languages) of the year's era:
    ///   `/EEC` up to 1993, `/EU` from 2009;
    /// - the value holds letters, digits, spaces and punctuation only: a control or invisible
    ///   character (bidirectional marks, zero-width spaces: [`crate::text::is_hidden`]), an
    ///   emoji or another symbol is refused.
    ///
    /// `parse` knows no date: [`DirectiveId::check_plausible`] refuses a year after next year.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        if let Some(c) = hidden_char(s) {
            return Err(IdError::character(s, DIRECTIVE_WHAT, c, DIRECTIVE_EXPECTED));
        }
        if s.trim().is_empty() {
            return Err(IdError::invalid(s, DIRECTIVE_WHAT, DIRECTIVE_EXPECTED));
        }
        if let Some(eli) = eli_directive(s) {
            return eli;
        }
        if looks_like_celex(s) {
            return Celex::parse(s)?.directive();
        }
        if let Some(c) = s.chars().find(|&c| !is_citation_char(c)) {
            return Err(IdError::character(s, DIRECTIVE_WHAT, c, DIRECTIVE_EXPECTED));
        }
        let citations = scan(s);
        if let Some(defect) = citations.iter().find_map(|c| c.defect) {
            return Err(IdError::invalid(s, NUMBER_WHAT, defect.expected()));
        }
        let mut named = Vec::new();
        let mut other_act = None;
        for citation in &citations {
            if let Context::OtherAct(found) = citation.context {
                other_act.get_or_insert(found);
                continue;
            }
            let (year, number) = citation
                .parts()
                .map_err(|expected| IdError::invalid(s, NUMBER_WHAT, expected))?;
            if !citation.suffix_fits(year) {
                return Err(IdError::invalid(s, NUMBER_WHAT, ERA_EXPECTED));
            }
            let id = DirectiveId { year, number };
            if !named.contains(&id) {
                named.push(id);
            }
        }
        match (named.as_slice(), other_act) {
            ([id], _) => Ok(*id),
            ([], Some(found)) => Err(IdError::NotADirective {
                input: s.trim().to_string(),
                found,
            }),
            ([], None) if all_digits(s.trim()) => Err(IdError::invalid(
                s,
                NUMBER_WHAT,
                "a year and a number, like 2019/1024",
            )),
            ([], None) => Err(IdError::invalid(s, DIRECTIVE_WHAT, DIRECTIVE_EXPECTED)),
            _ => Err(IdError::SeveralDirectives {
                input: s.trim().to_string(),
                found: named,
            }),
        }
    }

    /// Reads a value that lists directives: "2019/1024; 2019/1937", "Directives 2014/23/UE et
    /// 2014/24/UE", one per line, CELEX numbers...
    ///
    /// Items are separated by a semicolon or a line break; by a comma, a `+` or a `&`; or by the
    /// word and, et, en or und when a directive reference follows it (a digit, a word like
    /// "Directive", a CELEX prefix), so that "...of the European Parliament and of the Council"
    /// stays in its item. A comma between two digits separates nothing: it is a thousands
    /// separator, so `2019/1,024` is refused rather than read as 2019/1 and 1024, and so is
    /// `2019/1024,2019/1937` (write `2019/1024, 2019/1937`).
    ///
    /// Each item is read by [`DirectiveId::parse`] and must name one directive: an item that does
    /// not refuses the whole list, with the item's error. Empty items next to a semicolon or a
    /// line break are skipped (a trailing `;`, a blank line); next to a comma, a `+`, a `&` or a
    /// word only, they are refused (`+2019/1024`). A directive named twice is kept once, in the
    /// order of first appearance. A value with no item at all is refused.
    pub fn parse_list(s: &str) -> Result<Vec<DirectiveId>, IdError> {
        if let Some(c) = hidden_char(s) {
            return Err(IdError::character(s, LIST_WHAT, c, LIST_EXPECTED));
        }
        let items = split_list(s)
            .filter(|items| !items.is_empty())
            .ok_or_else(|| IdError::invalid(s, LIST_WHAT, LIST_EXPECTED))?;
        let mut found = Vec::new();
        for item in items {
            let id = Self::parse(item)?;
            if !found.contains(&id) {
                found.push(id);
            }
        }
        Ok(found)
    }

    /// Refuses a directive numbered after next year on `today` (2099/1 in 2026; 2027/1 passes):
    /// directives are numbered with the year they are adopted, so a later year is a typing or
    /// reading mistake. [`DirectiveId::new`] and [`DirectiveId::parse`] know no date and accept
    /// years up to 2100; callers that know today call this too.
    pub fn check_plausible(&self, today: NaiveDate) -> Result<(), IdError> {
        check_year(self.to_string(), NUMBER_WHAT, self.year, today)
    }

    /// Every directive cited in a free text (an infringement title, a note), without repeats, in
    /// order of appearance. A year/number pair counts only after a directive keyword ("Directive",
    /// "dir.", "richtlijn"...) or when followed by /EU, /EC, /EEC... so that "Regulation (EU)
    /// 2016/679" or "INFR(2020)0380" are not taken for directives; a pair with letters or digits
    /// stuck to it, a thousands separator or spaces around its slash is no citation. Unlike
    /// [`DirectiveId::parse`], a text is searched, not judged: what does not read is skipped.
    pub fn find_in_text(text: &str) -> Vec<DirectiveId> {
        let mut found = Vec::new();
        for citation in scan(text) {
            let counts = citation.readable_in_text
                && match citation.context {
                    Context::Directive => true,
                    Context::Free => citation.suffix.is_some(),
                    Context::OtherAct(_) => false,
                };
            if counts && let Ok((year, number)) = citation.parts() {
                let id = DirectiveId { year, number };
                if !found.contains(&id) {
                    found.push(id);
                }
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

/// A directive's ELI, `http://data.europa.eu/eli/dir/2019/1024/oj` (also with `https`, the
/// types `dir_impl` and `dir_del`, a language after `oj`, a final slash); None when the value is
/// no ELI at all.
fn eli_directive(s: &str) -> Option<Result<DirectiveId, IdError>> {
    let lower = s.trim().to_ascii_lowercase();
    let path = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))?
        .strip_prefix("data.europa.eu/eli/")?;
    let err = || IdError::invalid(s, ELI_WHAT, ELI_EXPECTED);
    let parts: Vec<&str> = path.strip_suffix('/').unwrap_or(path).split('/').collect();
    let [kind, year, number, tail @ ..] = parts.as_slice() else {
        return Some(Err(err()));
    };
    let other = match *kind {
        "dir" | "dir_impl" | "dir_del" => None,
        "reg" | "reg_impl" | "reg_del" => Some("the ELI of a regulation"),
        "dec" | "dec_impl" | "dec_del" => Some("the ELI of a decision"),
        _ => Some("the ELI of another kind of act"),
    };
    if let Some(found) = other {
        return Some(Err(IdError::NotADirective {
            input: s.trim().to_string(),
            found,
        }));
    }
    let tail_ok = match tail {
        [] | ["oj"] => true,
        ["oj", lang] => lang.len() == 3 && lang.chars().all(|c| c.is_ascii_lowercase()),
        _ => false,
    };
    if !tail_ok || year.len() != 4 || !all_digits(year) || number.len() > 4 || !all_digits(number) {
        return Some(Err(err()));
    }
    let id = match (year.parse(), number.parse()) {
        (Ok(year), Ok(number)) => DirectiveId::new(year, number).map_err(|_| err()),
        _ => Err(err()),
    };
    Some(id)
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
