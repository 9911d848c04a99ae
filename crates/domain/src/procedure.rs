//! Interinstitutional procedure numbers, `2021/0218(COD)`: the year the procedure was opened, its
//! number in that year, and the kind of procedure, as the European Parliament's Legislative
//! Observatory (OEIL) writes them and as the Commission prints them on a proposal.
//!
//! CELLAR writes the same number with a slash, `2021/0218/COD`
//! (`cdm:procedure_code_interinstitutional_reference_procedure`, see `importer::proposals`); both
//! forms are read. A procedure split in parts carries a letter after its number: CELLAR's own
//! records hold `2018/330A/COD` and `2020/112R/APP` (the tree notices recorded in
//! `openstage-eu/openbasement`, `tests/fixtures/procedures/2018_330A.rdf` and `2020_112R.rdf`).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{IdError, YEARS, check_year};
use crate::text::{all_digits, compact_upper, hidden_char, space_inside_number};

/// The kind of procedure, the three letters between the parentheses.
///
/// The list is the Legislative Observatory's, as public code that reads OEIL enumerates it
/// (`mscottodivettimo/scrapEU`, `scRapEU.R`, `procedures_list`: legislative COD, CNS, APP, the
/// historic AVC and SYN, non-legislative NLE, the Parliament's RSP, DCE, INL, INI, COS, its
/// internal REG, IMM, RSO, the quasi-legislative INS, ACI, DEA, RPS, and the budgetary BUD, DEC,
/// BUI), plus three codes CELLAR's older procedure records carry and OEIL does not list: ACC, CNB
/// and CNC (`1994/0137/ACC`, `1998/0366/CNB`, `2007/0154/CNC` in the tree notices of
/// `openstage-eu/openbasement`). Any other code is refused: a typing slip must not become a
/// procedure nobody can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProcedureType {
    /// Ordinary legislative procedure (codecision).
    Cod,
    /// Consultation (special legislative procedure).
    Cns,
    /// Consent (special legislative procedure).
    App,
    /// Assent (before the Lisbon Treaty).
    Avc,
    /// Cooperation (before the Lisbon Treaty).
    Syn,
    /// Non-legislative enactment.
    Nle,
    /// Resolution on a topical subject.
    Rsp,
    /// Commission document for information.
    Dce,
    /// Legislative initiative of the Parliament.
    Inl,
    /// Own-initiative report of the Parliament.
    Ini,
    /// Opinion to another committee or institution.
    Cos,
    /// Parliament's rules of procedure.
    Reg,
    /// Immunity of a member.
    Imm,
    /// Parliament's internal organisation.
    Rso,
    /// Interinstitutional agreement.
    Ins,
    /// Interinstitutional agreement (another form).
    Aci,
    /// Delegated act.
    Dea,
    /// Implementing measure under the regulatory procedure with scrutiny.
    Rps,
    /// Budget.
    Bud,
    /// Discharge.
    Dec,
    /// Budgetary initiative.
    Bui,
    /// Found in CELLAR's records of older procedures.
    Acc,
    /// Found in CELLAR's records of older procedures.
    Cnb,
    /// Found in CELLAR's records of older procedures.
    Cnc,
}

impl ProcedureType {
    /// Every code, in the order of [`ProcedureType`].
    pub const ALL: [ProcedureType; 24] = [
        ProcedureType::Cod,
        ProcedureType::Cns,
        ProcedureType::App,
        ProcedureType::Avc,
        ProcedureType::Syn,
        ProcedureType::Nle,
        ProcedureType::Rsp,
        ProcedureType::Dce,
        ProcedureType::Inl,
        ProcedureType::Ini,
        ProcedureType::Cos,
        ProcedureType::Reg,
        ProcedureType::Imm,
        ProcedureType::Rso,
        ProcedureType::Ins,
        ProcedureType::Aci,
        ProcedureType::Dea,
        ProcedureType::Rps,
        ProcedureType::Bud,
        ProcedureType::Dec,
        ProcedureType::Bui,
        ProcedureType::Acc,
        ProcedureType::Cnb,
        ProcedureType::Cnc,
    ];

    /// The three capital letters, `COD`.
    pub fn code(self) -> &'static str {
        match self {
            ProcedureType::Cod => "COD",
            ProcedureType::Cns => "CNS",
            ProcedureType::App => "APP",
            ProcedureType::Avc => "AVC",
            ProcedureType::Syn => "SYN",
            ProcedureType::Nle => "NLE",
            ProcedureType::Rsp => "RSP",
            ProcedureType::Dce => "DCE",
            ProcedureType::Inl => "INL",
            ProcedureType::Ini => "INI",
            ProcedureType::Cos => "COS",
            ProcedureType::Reg => "REG",
            ProcedureType::Imm => "IMM",
            ProcedureType::Rso => "RSO",
            ProcedureType::Ins => "INS",
            ProcedureType::Aci => "ACI",
            ProcedureType::Dea => "DEA",
            ProcedureType::Rps => "RPS",
            ProcedureType::Bud => "BUD",
            ProcedureType::Dec => "DEC",
            ProcedureType::Bui => "BUI",
            ProcedureType::Acc => "ACC",
            ProcedureType::Cnb => "CNB",
            ProcedureType::Cnc => "CNC",
        }
    }

    /// The type of a code in capitals; `None` for a code not in [`ProcedureType::ALL`].
    pub fn from_code(code: &str) -> Option<ProcedureType> {
        ProcedureType::ALL.into_iter().find(|t| t.code() == code)
    }
}

impl fmt::Display for ProcedureType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An interinstitutional procedure number, `2021/0218(COD)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProcedureNumber {
    pub year: u16,
    /// From 1 to 9999.
    pub number: u16,
    /// The letter of a part of a split procedure, `A` in `2018/0330A(COD)`.
    pub part: Option<char>,
    pub kind: ProcedureType,
}

const PROC_WHAT: &str = "a procedure number";
const PROC_EXPECTED: &str = "a number like 2021/0218(COD): the year, a slash, the number, and the type of procedure in parentheses (COD, CNS, NLE, APP...)";

impl ProcedureNumber {
    /// Reads `2021/0218(COD)` as people write it: with spaces around the parts
    /// (`2021/0218 (COD)`), in any case (`2021/0218(cod)`), the number with or without its
    /// leading zeros (`2021/218(COD)`), and CELLAR's form `2021/0218/COD`. A split procedure's
    /// letter follows the number (`2018/0330A(COD)`). A year outside 1958–2100, a number of 0 or
    /// of more than four digits, or a type that is not in [`ProcedureType::ALL`] is refused.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let err = || IdError::invalid(s, PROC_WHAT, PROC_EXPECTED);
        if let Some(c) = hidden_char(s) {
            return Err(IdError::character(s, PROC_WHAT, c, PROC_EXPECTED));
        }
        if space_inside_number(s) {
            return Err(err());
        }
        let c = compact_upper(s);
        let (year, rest) = c.split_once('/').ok_or_else(err)?;
        let (number, kind) = if let Some((number, kind)) = rest.split_once('(') {
            (number, kind.strip_suffix(')').ok_or_else(err)?)
        } else {
            rest.split_once('/').ok_or_else(err)?
        };
        if year.len() != 4 || !all_digits(year) {
            return Err(err());
        }
        let year: u16 = year.parse().map_err(|_| err())?;
        if !YEARS.contains(&year) {
            return Err(err());
        }
        let (digits, part) = match number.char_indices().last() {
            Some((i, letter)) if letter.is_ascii_uppercase() => (&number[..i], Some(letter)),
            _ => (number, None),
        };
        if digits.len() > 4 || !all_digits(digits) {
            return Err(err());
        }
        let number: u16 = digits.parse().map_err(|_| err())?;
        if number == 0 {
            return Err(err());
        }
        let kind = ProcedureType::from_code(kind).ok_or_else(|| {
            if kind.len() == 3 && kind.chars().all(|c| c.is_ascii_uppercase()) {
                IdError::Invalid {
                    input: s.trim().to_string(),
                    what: PROC_WHAT,
                    expected: PROC_TYPE_EXPECTED,
                }
            } else {
                err()
            }
        })?;
        Ok(ProcedureNumber {
            year,
            number,
            part,
            kind,
        })
    }

    /// Refuses a number whose year is after next year on `today`.
    pub fn check_plausible(&self, today: NaiveDate) -> Result<(), IdError> {
        check_year(self.to_string(), PROC_WHAT, self.year, today)
    }
}

const PROC_TYPE_EXPECTED: &str = "a number like 2021/0218(COD) whose type is one the Legislative Observatory uses: COD, CNS, APP, AVC, SYN, NLE, RSP, DCE, INL, INI, COS, REG, IMM, RSO, INS, ACI, DEA, RPS, BUD, DEC, BUI (or ACC, CNB, CNC of older procedures)";

impl fmt::Display for ProcedureNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:04}", self.year, self.number)?;
        if let Some(part) = self.part {
            write!(f, "{part}")?;
        }
        write!(f, "({})", self.kind)
    }
}

impl FromStr for ProcedureNumber {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<&str, &str>) {
        let got = ProcedureNumber::parse(input)
            .map(|n| n.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(
            got,
            expected.map(str::to_string).map_err(str::to_string),
            "input {input:?}"
        );
    }

    #[test]
    fn procedure_numbers_as_people_write_them() {
        check("2021/0218(COD)", Ok("2021/0218(COD)"));
        check("2021/0218 (COD)", Ok("2021/0218(COD)"));
        check("2021/0218(cod)", Ok("2021/0218(COD)"));
        check(" 2021/0218 ( cod ) ", Ok("2021/0218(COD)"));
        check("2021 / 0218 (COD)", Ok("2021/0218(COD)"));
        check("2021/218(COD)", Ok("2021/0218(COD)"));
        check("2016/0010(CNS)", Ok("2016/0010(CNS)"));
        check("2023/0001(NLE)", Ok("2023/0001(NLE)"));
        check("1998/0366(CNB)", Ok("1998/0366(CNB)"));
        // CELLAR's form, with a slash.
        check("2016/0010/CNS", Ok("2016/0010(CNS)"));
        check("2021/0218/cod", Ok("2021/0218(COD)"));
        // Parts of a split procedure, in both forms.
        check("2018/0330A(COD)", Ok("2018/0330A(COD)"));
        check("2018/330A/COD", Ok("2018/0330A(COD)"));
        check("2020/112R/APP", Ok("2020/0112R(APP)"));
        check("2016/062r/nle", Ok("2016/0062R(NLE)"));
    }

    #[test]
    fn procedure_numbers_keep_their_parts() {
        assert_eq!(
            ProcedureNumber::parse("2018/330A/COD"),
            Ok(ProcedureNumber {
                year: 2018,
                number: 330,
                part: Some('A'),
                kind: ProcedureType::Cod
            })
        );
        assert_eq!(
            "2021/0218(COD)".parse::<ProcedureNumber>().map(|p| p.part),
            Ok(None)
        );
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or(NaiveDate::MIN);
        let plausible =
            |s: &str| ProcedureNumber::parse(s).map(|p| p.check_plausible(today).is_ok());
        assert_eq!(plausible("2027/0001(COD)"), Ok(true));
        assert_eq!(plausible("2028/0001(COD)"), Ok(false));
    }

    #[test]
    fn impossible_procedure_numbers_are_refused() {
        let msg = |v: &str| {
            format!(
                "\"{v}\" is not a procedure number: expected a number like 2021/0218(COD): the year, a slash, the number, and the type of procedure in parentheses (COD, CNS, NLE, APP...)"
            )
        };
        for bad in [
            "2021/0218",
            "2021-0218(COD)",
            "21/0218(COD)",
            "2021/(COD)",
            "2021/0000(COD)",
            "2021/12345(COD)",
            "2021/0218(COD",
            "2021/0218COD",
            "2021/0218(CODE)",
            "2021/0218(CO)",
            "2021/0218(C0D)",
            "2021/02 18(COD)",
            "20 21/0218(COD)",
            "1957/0001(COD)",
            "2101/0001(COD)",
            "2021/0218AB(COD)",
            "2021/0218(COD)x",
            "2021/0218(COD)(COD)",
            "COD 2021/0218",
            "2021/0218/COD/X",
            "2021/-218(COD)",
            "2021/+218(COD)",
        ] {
            check(bad, Err(&msg(bad)));
        }
        check(
            "",
            Err(
                "empty value: expected a number like 2021/0218(COD): the year, a slash, the number, and the type of procedure in parentheses (COD, CNS, NLE, APP...)",
            ),
        );
        // Three letters that are no type: the message lists the types.
        check(
            "2021/0218(XYZ)",
            Err(
                "\"2021/0218(XYZ)\" is not a procedure number: expected a number like 2021/0218(COD) whose type is one the Legislative Observatory uses: COD, CNS, APP, AVC, SYN, NLE, RSP, DCE, INL, INI, COS, REG, IMM, RSO, INS, ACI, DEA, RPS, BUD, DEC, BUI (or ACC, CNB, CNC of older procedures)",
            ),
        );
        check(
            "2021/0218(COD)\u{200b}",
            Err(
                r#""2021/0218(COD)\u{200b}" is not a procedure number: it contains the invisible character \u{200b} (zero-width space); expected a number like 2021/0218(COD): the year, a slash, the number, and the type of procedure in parentheses (COD, CNS, NLE, APP...)"#,
            ),
        );
    }

    #[test]
    fn every_type_reads_its_code_back() {
        for kind in ProcedureType::ALL {
            assert_eq!(ProcedureType::from_code(kind.code()), Some(kind));
            let written = format!("2021/0001({})", kind.code().to_lowercase());
            assert_eq!(ProcedureNumber::parse(&written).map(|p| p.kind), Ok(kind));
        }
        let mut codes: Vec<&str> = ProcedureType::ALL.iter().map(|t| t.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ProcedureType::ALL.len());
        assert_eq!(ProcedureType::from_code("cod"), None);
    }
}
