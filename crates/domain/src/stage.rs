//! The stages of an infringement procedure (letter of formal notice, reasoned opinion, referral...),
//! their legal basis in the Treaty, their stable codes and their labels, and the types of case.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::lang::Lang;
use crate::text::fold;

/// The Treaty article a decision is taken under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LegalBasis {
    /// Art. 258 TFEU (ex Art. 226 EC): the ordinary procedure.
    Art258,
    /// Art. 258 + 260(3) TFEU: non-communication, with a request for a financial sanction.
    Art258And260_3,
    /// Art. 260(2) TFEU (ex Art. 228 EC): not complying with a judgment of the Court.
    Art260_2,
}

const BASIS_EXPECTED: &str =
    "a Treaty article like Art. 258 TFEU, Art. 258 + 260(3) TFEU or Art. 260(2) TFEU";

impl LegalBasis {
    pub const ALL: [LegalBasis; 3] = [
        LegalBasis::Art258,
        LegalBasis::Art258And260_3,
        LegalBasis::Art260_2,
    ];

    /// `258`, `258+260.3`, `260.2`.
    pub fn code(&self) -> &'static str {
        match self {
            LegalBasis::Art258 => "258",
            LegalBasis::Art258And260_3 => "258+260.3",
            LegalBasis::Art260_2 => "260.2",
        }
    }

    pub fn from_code(code: &str) -> Result<LegalBasis, IdError> {
        LegalBasis::ALL
            .into_iter()
            .find(|b| b.code() == code.trim())
            .ok_or_else(|| IdError::invalid(code, "a legal basis code", "258, 258+260.3 or 260.2"))
    }

    /// "art. 258 TFUE", "art. 258 + 260, lid 3, VWEU", "Art. 260(2) TFEU".
    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                LegalBasis::Art258 => "legal_basis.art258",
                LegalBasis::Art258And260_3 => "legal_basis.art258_and260_3",
                LegalBasis::Art260_2 => "legal_basis.art260_2",
            },
        )
    }

    /// Reads a code or an article as written in a register: "Art. 258 TFEU", "ex Art. 226 EC",
    /// "Art. 260(3)", "258 + 260(3)", "art. 260, lid 2, VWEU", "ex Art. 228 EC".
    pub fn parse(s: &str) -> Result<LegalBasis, IdError> {
        let t: String = fold(s).chars().filter(|c| !c.is_whitespace()).collect();
        let has = |needle: &str| t.contains(needle);
        let paragraph = |n: char| {
            ["(", "lid", ".", "§", "par.", "para", "paragraph", ",lid"]
                .iter()
                .any(|p| has(&format!("260{p}{n}")))
        };
        if paragraph('3') {
            Ok(LegalBasis::Art258And260_3)
        } else if paragraph('2') || has("228") {
            Ok(LegalBasis::Art260_2)
        } else if has("258") || has("226") {
            Ok(LegalBasis::Art258)
        } else {
            Err(IdError::invalid(s, "a legal basis", BASIS_EXPECTED))
        }
    }
}

impl FromStr for LegalBasis {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::parse(s)
    }
}

/// A step of the procedure, whatever its legal basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Step {
    FormalNotice,
    AdditionalFormalNotice,
    ReasonedOpinion,
    AdditionalReasonedOpinion,
    Referral,
    ModifiedFinancialSanction,
    WithdrawalFromCourt,
    Closure,
}

// The words that name each step in a decision's label or a table's "Stade" cell are the [stage]
// section of `vocabulary/{fr,nl,en}.toml`, lowercased and without accents. Checked in this order:
// a "referral ... withdrawal" is a withdrawal.

impl Step {
    /// The step a text names (a register label, a table cell), given lowercased, without accents
    /// and with dashes as spaces; `None` when it names none. The one place these words live, for
    /// every importer.
    pub fn from_words(folded: &str) -> Option<Step> {
        let words = crate::vocab::Vocabulary::get();
        let has = |key: &str| {
            words
                .phrases("stage", key)
                .iter()
                .any(|w| folded.contains(w))
        };
        let additional = has("additional");
        Some(if has("withdrawal") {
            Step::WithdrawalFromCourt
        } else if has("sanction") {
            Step::ModifiedFinancialSanction
        } else if has("closure") {
            Step::Closure
        } else if has("referral") {
            Step::Referral
        } else if has("reasoned_opinion") {
            if additional {
                Step::AdditionalReasonedOpinion
            } else {
                Step::ReasonedOpinion
            }
        } else if has("formal_notice") {
            if additional {
                Step::AdditionalFormalNotice
            } else {
                Step::FormalNotice
            }
        } else {
            return None;
        })
    }

    pub const ALL: [Step; 8] = [
        Step::FormalNotice,
        Step::AdditionalFormalNotice,
        Step::ReasonedOpinion,
        Step::AdditionalReasonedOpinion,
        Step::Referral,
        Step::ModifiedFinancialSanction,
        Step::WithdrawalFromCourt,
        Step::Closure,
    ];

    /// The order of the step in a procedure (1 = letter of formal notice ... 8 = closure): a
    /// decision whose rank is higher than the previous one's steps the case up.
    pub fn rank(&self) -> u8 {
        match self {
            Step::FormalNotice => 1,
            Step::AdditionalFormalNotice => 2,
            Step::ReasonedOpinion => 3,
            Step::AdditionalReasonedOpinion => 4,
            Step::Referral => 5,
            Step::ModifiedFinancialSanction => 6,
            Step::WithdrawalFromCourt => 7,
            Step::Closure => 8,
        }
    }

    /// True for the letters the Region has to answer: formal notices and reasoned opinions.
    pub fn opens_reply(&self) -> bool {
        matches!(
            self,
            Step::FormalNotice
                | Step::AdditionalFormalNotice
                | Step::ReasonedOpinion
                | Step::AdditionalReasonedOpinion
        )
    }

    /// The step part of a stage code: `lfn`, `lfn-add`, `ro`, `ro-add`, `referral`, `sanction`,
    /// `withdrawal`, `closure`.
    pub fn code(&self) -> &'static str {
        match self {
            Step::FormalNotice => "lfn",
            Step::AdditionalFormalNotice => "lfn-add",
            Step::ReasonedOpinion => "ro",
            Step::AdditionalReasonedOpinion => "ro-add",
            Step::Referral => "referral",
            Step::ModifiedFinancialSanction => "sanction",
            Step::WithdrawalFromCourt => "withdrawal",
            Step::Closure => "closure",
        }
    }

    /// The step's name, without legal basis.
    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                Step::FormalNotice => "step.formal_notice",
                Step::AdditionalFormalNotice => "step.additional_formal_notice",
                Step::ReasonedOpinion => "step.reasoned_opinion",
                Step::AdditionalReasonedOpinion => "step.additional_reasoned_opinion",
                Step::Referral => "step.referral",
                Step::ModifiedFinancialSanction => "step.modified_financial_sanction",
                Step::WithdrawalFromCourt => "step.withdrawal_from_court",
                Step::Closure => "step.closure",
            },
        )
    }
}

/// A stage of a procedure: a step, under a legal basis when one applies, and which one it is when
/// the Commission sends several additional letters (`nth` = 2 for the 2nd additional letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stage {
    pub step: Step,
    pub basis: Option<LegalBasis>,
    pub nth: u8,
}

const STAGE_CODE_EXPECTED: &str =
    "a stage code like lfn/258, lfn/258+260.3, lfn-add2/258, ro/258, referral/260.2 or closure";

impl Stage {
    /// The first (and usually only) stage of this step under this basis.
    pub fn new(step: Step, basis: Option<LegalBasis>) -> Stage {
        Stage {
            step,
            basis,
            nth: 1,
        }
    }

    /// Order within a whole case: the Art. 260(2) procedure follows the Art. 258 one, so its
    /// stages rank after every Art. 258 stage.
    pub fn rank(&self) -> u8 {
        match self.basis {
            Some(LegalBasis::Art260_2) => 10 + self.step.rank(),
            _ => self.step.rank(),
        }
    }

    /// A stable ASCII code, part of the natural key of a decision: `lfn/258`, `lfn/258+260.3`,
    /// `lfn-add/258`, `lfn-add2/258` (2nd additional letter), `ro/258`, `referral/258+260.3`,
    /// `lfn/260.2`, `sanction/260.2`, `withdrawal`, `closure`.
    pub fn code(&self) -> String {
        let mut code = self.step.code().to_string();
        if self.nth > 1 {
            code.push_str(&self.nth.to_string());
        }
        if let Some(basis) = self.basis {
            code.push('/');
            code.push_str(basis.code());
        }
        code
    }

    /// The inverse of [`Stage::code`].
    pub fn from_code(code: &str) -> Result<Stage, IdError> {
        let err = || IdError::invalid(code, "a stage code", STAGE_CODE_EXPECTED);
        let trimmed = code.trim();
        let (step_part, basis) = match trimmed.split_once('/') {
            Some((step, basis)) => (step, Some(LegalBasis::from_code(basis).map_err(|_| err())?)),
            None => (trimmed, None),
        };
        let name = step_part.trim_end_matches(|c: char| c.is_ascii_digit());
        let nth = match &step_part[name.len()..] {
            "" => 1,
            digits => digits
                .parse::<u8>()
                .ok()
                .filter(|n| *n >= 2)
                .ok_or_else(err)?,
        };
        let step = Step::ALL
            .into_iter()
            .find(|s| s.code() == name)
            .ok_or_else(err)?;
        Ok(Stage { step, basis, nth })
    }

    /// "mise en demeure (art. 258 TFUE)", "2e mise en demeure complémentaire (art. 258 TFUE)",
    /// "reasoned opinion (Art. 258 + 260(3) TFEU)", "classement".
    pub fn label(&self, lang: Lang) -> String {
        let step = self.step.label(lang);
        let mut label = if self.nth > 1 {
            let n = self.nth;
            match lang {
                Lang::Fr => format!("{n}e {step}"),
                Lang::Nl => format!("{n}de {step}"),
                Lang::En => format!("{} {step}", english_ordinal(n)),
            }
        } else {
            step.to_string()
        };
        if let Some(basis) = self.basis {
            label.push_str(&format!(" ({})", basis.label(lang)));
        }
        label
    }
}

fn english_ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl FromStr for Stage {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::from_code(s)
    }
}

/// The type of an infringement case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseType {
    /// The measures transposing a directive were not (completely) notified in time.
    NonCommunication,
    /// The transposition does not conform to the directive.
    NonConformity,
    /// EU law is badly applied.
    BadApplication,
}

impl CaseType {
    pub const ALL: [CaseType; 3] = [
        CaseType::NonCommunication,
        CaseType::NonConformity,
        CaseType::BadApplication,
    ];

    /// `non-communication`, `non-conformity`, `bad-application`.
    pub fn code(&self) -> &'static str {
        match self {
            CaseType::NonCommunication => "non-communication",
            CaseType::NonConformity => "non-conformity",
            CaseType::BadApplication => "bad-application",
        }
    }

    pub fn from_code(code: &str) -> Result<CaseType, IdError> {
        CaseType::ALL
            .into_iter()
            .find(|t| t.code() == code.trim())
            .ok_or_else(|| {
                IdError::invalid(
                    code,
                    "a case type code",
                    "non-communication, non-conformity or bad-application",
                )
            })
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                CaseType::NonCommunication => "case_type.non_communication",
                CaseType::NonConformity => "case_type.non_conformity",
                CaseType::BadApplication => "case_type.bad_application",
            },
        )
    }
}

impl fmt::Display for CaseType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for CaseType {
    type Err = IdError;

    /// A code, or a label in any of the three languages (any case, accents optional).
    fn from_str(s: &str) -> Result<Self, IdError> {
        let folded = fold(s);
        let by_words = || match crate::vocab::Vocabulary::get()
            .find("case_type", s, &[])
            .key()?
        {
            "non_communication" => Some(CaseType::NonCommunication),
            "non_conformity" => Some(CaseType::NonConformity),
            "bad_application" => Some(CaseType::BadApplication),
            _ => None,
        };
        CaseType::ALL
            .into_iter()
            .find(|t| folded == t.code() || Lang::ALL.iter().any(|l| fold(t.label(*l)) == folded))
            .or_else(by_words)
            .ok_or_else(|| {
                IdError::invalid(
                    s,
                    "a case type",
                    "non-communication, non-conformity or bad application",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every valid stage: each step without basis and under each basis, and 2nd/3rd additional ones.
    fn all_stages() -> Vec<Stage> {
        let mut stages = Vec::new();
        for step in Step::ALL {
            stages.push(Stage::new(step, None));
            for basis in LegalBasis::ALL {
                stages.push(Stage::new(step, Some(basis)));
                stages.push(Stage {
                    step,
                    basis: Some(basis),
                    nth: 2,
                });
                stages.push(Stage {
                    step,
                    basis: Some(basis),
                    nth: 3,
                });
            }
        }
        stages
    }

    #[test]
    fn codes_round_trip() {
        let stages = all_stages();
        let mut codes: Vec<String> = stages.iter().map(Stage::code).collect();
        for (stage, code) in stages.iter().zip(&codes) {
            assert!(code.is_ascii(), "{code}");
            assert_eq!(Stage::from_code(code), Ok(*stage), "code {code}");
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), stages.len(), "codes are unique");
    }

    fn check_code(stage: Stage, expected: &str) {
        assert_eq!(stage.code(), expected);
        assert_eq!(Stage::from_code(expected), Ok(stage));
    }

    #[test]
    fn codes() {
        use LegalBasis::*;
        use Step::*;
        let s = |step, basis| Stage::new(step, Some(basis));
        check_code(s(FormalNotice, Art258), "lfn/258");
        check_code(s(FormalNotice, Art258And260_3), "lfn/258+260.3");
        check_code(s(AdditionalFormalNotice, Art258), "lfn-add/258");
        check_code(
            Stage {
                step: AdditionalFormalNotice,
                basis: Some(Art258),
                nth: 2,
            },
            "lfn-add2/258",
        );
        check_code(s(ReasonedOpinion, Art258), "ro/258");
        check_code(s(AdditionalReasonedOpinion, Art258), "ro-add/258");
        check_code(s(Referral, Art258And260_3), "referral/258+260.3");
        check_code(s(FormalNotice, Art260_2), "lfn/260.2");
        check_code(s(Referral, Art260_2), "referral/260.2");
        check_code(s(ModifiedFinancialSanction, Art260_2), "sanction/260.2");
        check_code(Stage::new(Closure, None), "closure");
        check_code(Stage::new(WithdrawalFromCourt, None), "withdrawal");
    }

    #[test]
    fn bad_codes() {
        for bad in [
            "",
            "lfn/259",
            "lfn-add1/258",
            "lfn-add0/258",
            "letter",
            "lfn/",
            "/258",
            "closure2x",
            "lfn-add999/258",
        ] {
            assert_eq!(
                Stage::from_code(bad).map_err(|e| e.to_string()),
                Err(if bad.is_empty() {
                    format!("empty value: expected {STAGE_CODE_EXPECTED}")
                } else {
                    format!("\"{bad}\" is not a stage code: expected {STAGE_CODE_EXPECTED}")
                }),
                "code {bad:?}"
            );
        }
    }

    fn check_label(stage: Stage, lang: Lang, expected: &str) {
        assert_eq!(stage.label(lang), expected);
    }

    #[test]
    fn labels() {
        use LegalBasis::*;
        use Step::*;
        let s = |step, basis| Stage::new(step, Some(basis));
        check_label(
            s(FormalNotice, Art258),
            Lang::Fr,
            "mise en demeure (art. 258 TFUE)",
        );
        check_label(
            s(FormalNotice, Art258),
            Lang::Nl,
            "ingebrekestelling (art. 258 VWEU)",
        );
        check_label(
            s(FormalNotice, Art258),
            Lang::En,
            "letter of formal notice (Art. 258 TFEU)",
        );
        check_label(
            s(FormalNotice, Art258And260_3),
            Lang::Fr,
            "mise en demeure (art. 258 + 260(3) TFUE)",
        );
        check_label(
            s(FormalNotice, Art258And260_3),
            Lang::Nl,
            "ingebrekestelling (art. 258 + 260, lid 3, VWEU)",
        );
        check_label(
            s(Referral, Art258And260_3),
            Lang::En,
            "referral to the Court (Art. 258 + 260(3) TFEU)",
        );
        check_label(
            s(FormalNotice, Art260_2),
            Lang::En,
            "letter of formal notice (Art. 260(2) TFEU)",
        );
        check_label(Stage::new(ReasonedOpinion, None), Lang::Fr, "avis motivé");
        check_label(
            Stage::new(ReasonedOpinion, None),
            Lang::Nl,
            "met redenen omkleed advies",
        );
        check_label(
            Stage::new(ReasonedOpinion, None),
            Lang::En,
            "reasoned opinion",
        );
        check_label(Stage::new(Referral, None), Lang::Fr, "saisine de la Cour");
        check_label(
            Stage::new(Referral, None),
            Lang::Nl,
            "verwijzing naar het Hof",
        );
        check_label(
            Stage::new(Referral, None),
            Lang::En,
            "referral to the Court",
        );
        check_label(Stage::new(Closure, None), Lang::Fr, "classement");
        check_label(Stage::new(Closure, None), Lang::Nl, "seponering");
        check_label(Stage::new(Closure, None), Lang::En, "closure");
        let second = Stage {
            step: AdditionalFormalNotice,
            basis: Some(Art258),
            nth: 2,
        };
        check_label(
            second,
            Lang::Fr,
            "2e mise en demeure complémentaire (art. 258 TFUE)",
        );
        check_label(
            second,
            Lang::Nl,
            "2de aanvullende ingebrekestelling (art. 258 VWEU)",
        );
        check_label(
            second,
            Lang::En,
            "2nd additional letter of formal notice (Art. 258 TFEU)",
        );
        let third = Stage { nth: 3, ..second };
        check_label(
            third,
            Lang::En,
            "3rd additional letter of formal notice (Art. 258 TFEU)",
        );
        let eleventh = Stage { nth: 11, ..second };
        check_label(
            eleventh,
            Lang::En,
            "11th additional letter of formal notice (Art. 258 TFEU)",
        );
    }

    #[test]
    fn steps() {
        let ranks: Vec<u8> = Step::ALL.iter().map(Step::rank).collect();
        assert_eq!(ranks, [1, 2, 3, 4, 5, 6, 7, 8]);
        let replies: Vec<Step> = Step::ALL.into_iter().filter(Step::opens_reply).collect();
        assert_eq!(
            replies,
            [
                Step::FormalNotice,
                Step::AdditionalFormalNotice,
                Step::ReasonedOpinion,
                Step::AdditionalReasonedOpinion
            ]
        );
        let lfn_260 = Stage::new(Step::FormalNotice, Some(LegalBasis::Art260_2));
        let referral_258 = Stage::new(Step::Referral, Some(LegalBasis::Art258));
        assert!(lfn_260.rank() > referral_258.rank());
        assert!(
            Stage::new(Step::ReasonedOpinion, None).rank()
                > Stage::new(Step::FormalNotice, None).rank()
        );
    }

    fn check_basis(input: &str, expected: Option<LegalBasis>) {
        assert_eq!(LegalBasis::parse(input).ok(), expected, "input {input:?}");
    }

    #[test]
    fn legal_bases() {
        use LegalBasis::*;
        check_basis("Art. 258 TFEU", Some(Art258));
        check_basis("art. 258 TFUE", Some(Art258));
        check_basis("ex Art. 226 EC", Some(Art258));
        check_basis("258", Some(Art258));
        check_basis("Art. 258 + 260(3) TFEU", Some(Art258And260_3));
        check_basis("art. 258 + 260, lid 3, VWEU", Some(Art258And260_3));
        check_basis("260(3)", Some(Art258And260_3));
        check_basis("258+260.3", Some(Art258And260_3));
        check_basis("Art. 260(2) TFEU", Some(Art260_2));
        check_basis("art. 260, lid 2, VWEU", Some(Art260_2));
        check_basis("ex Art. 228 EC", Some(Art260_2));
        check_basis("260.2", Some(Art260_2));
        check_basis("Art. 259", None);
        check_basis("", None);
        for basis in LegalBasis::ALL {
            assert_eq!(LegalBasis::from_code(basis.code()), Ok(basis));
            for lang in Lang::ALL {
                check_basis(basis.label(lang), Some(basis));
            }
        }
        assert!(LegalBasis::from_code("226").is_err());
    }

    fn check_case_type(input: &str, expected: Option<CaseType>) {
        assert_eq!(input.parse::<CaseType>().ok(), expected, "input {input:?}");
    }

    #[test]
    fn case_types() {
        use CaseType::*;
        for t in CaseType::ALL {
            assert_eq!(CaseType::from_code(t.code()), Ok(t));
            check_case_type(t.code(), Some(t));
        }
        assert_eq!(NonCommunication.code(), "non-communication");
        assert_eq!(NonConformity.code(), "non-conformity");
        assert_eq!(BadApplication.code(), "bad-application");
        assert_eq!(NonCommunication.label(Lang::Fr), "défaut de communication");
        assert_eq!(NonConformity.label(Lang::Nl), "niet-conformiteit");
        assert_eq!(BadApplication.label(Lang::En), "bad application");
        check_case_type("Défaut de communication", Some(NonCommunication));
        check_case_type("niet-mededeling", Some(NonCommunication));
        check_case_type("non-conformite", Some(NonConformity));
        check_case_type("slechte toepassing", Some(BadApplication));
        check_case_type("Bad application", Some(BadApplication));
        check_case_type("other", None);
        assert!(CaseType::from_code("bad application").is_err());
        assert_eq!(
            CaseType::from_code("x").map_err(|e| e.to_string()),
            Err("\"x\" is not a case type code: expected non-communication, non-conformity or bad-application".to_string())
        );
    }
}
