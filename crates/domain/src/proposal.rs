//! A Commission proposal for a directive the unit follows before it is adopted: the stages of the
//! negotiation, and the fields of an administration's ex-ante impact note.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::lang::Lang;
use crate::text::fold;

/// The stages of the ordinary legislative procedure the unit records, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalStage {
    CommissionProposal,
    CouncilGeneralApproach,
    ParliamentPosition,
    ProvisionalAgreement,
    Adopted,
    Withdrawn,
}

impl ProposalStage {
    pub const ALL: [ProposalStage; 6] = [
        ProposalStage::CommissionProposal,
        ProposalStage::CouncilGeneralApproach,
        ProposalStage::ParliamentPosition,
        ProposalStage::ProvisionalAgreement,
        ProposalStage::Adopted,
        ProposalStage::Withdrawn,
    ];

    /// `commission-proposal`, `council-general-approach`, `parliament-position`,
    /// `provisional-agreement`, `adopted`, `withdrawn`.
    pub fn code(&self) -> &'static str {
        match self {
            ProposalStage::CommissionProposal => "commission-proposal",
            ProposalStage::CouncilGeneralApproach => "council-general-approach",
            ProposalStage::ParliamentPosition => "parliament-position",
            ProposalStage::ProvisionalAgreement => "provisional-agreement",
            ProposalStage::Adopted => "adopted",
            ProposalStage::Withdrawn => "withdrawn",
        }
    }

    fn key(&self) -> &'static str {
        match self {
            ProposalStage::CommissionProposal => "negotiation.commission_proposal",
            ProposalStage::CouncilGeneralApproach => "negotiation.council_general_approach",
            ProposalStage::ParliamentPosition => "negotiation.parliament_position",
            ProposalStage::ProvisionalAgreement => "negotiation.provisional_agreement",
            ProposalStage::Adopted => "negotiation.adopted",
            ProposalStage::Withdrawn => "negotiation.withdrawn",
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(lang, self.key())
    }

    /// The code, or the name in French, Dutch or English (case, accents and spaces aside).
    pub fn parse(text: &str) -> Result<ProposalStage, IdError> {
        let wanted = fold(text).replace([' ', '_'], "-");
        ProposalStage::ALL
            .into_iter()
            .find(|s| {
                s.code() == wanted
                    || [Lang::Fr, Lang::Nl, Lang::En]
                        .iter()
                        .any(|&l| fold(s.label(l)).replace(' ', "-") == wanted)
            })
            .ok_or_else(|| {
                IdError::invalid(
                    text,
                    "a stage of the negotiation",
                    "commission-proposal, council-general-approach, parliament-position, provisional-agreement, adopted or withdrawn",
                )
            })
    }
}

impl fmt::Display for ProposalStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The fields of an ex-ante impact note, as the command line names them, in the note's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImpactField {
    /// The regional competences concerned.
    Competences,
    /// The regional rules to amend.
    RegionalRules,
    /// The expected transposition effort and time.
    Effort,
    Budget,
    /// The administrative burden.
    Burden,
    /// The stakeholders to consult.
    Stakeholders,
    Risks,
    /// The position to defend in the Belgian coordination.
    Position,
    Summary,
}

impl ImpactField {
    pub const ALL: [ImpactField; 9] = [
        ImpactField::Competences,
        ImpactField::RegionalRules,
        ImpactField::Effort,
        ImpactField::Budget,
        ImpactField::Burden,
        ImpactField::Stakeholders,
        ImpactField::Risks,
        ImpactField::Position,
        ImpactField::Summary,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            ImpactField::Competences => "competences",
            ImpactField::RegionalRules => "regional-rules",
            ImpactField::Effort => "effort",
            ImpactField::Budget => "budget",
            ImpactField::Burden => "burden",
            ImpactField::Stakeholders => "stakeholders",
            ImpactField::Risks => "risks",
            ImpactField::Position => "position",
            ImpactField::Summary => "summary",
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                ImpactField::Competences => "impact.competences",
                ImpactField::RegionalRules => "impact.regional_rules",
                ImpactField::Effort => "impact.effort",
                ImpactField::Budget => "impact.budget",
                ImpactField::Burden => "impact.burden",
                ImpactField::Stakeholders => "impact.stakeholders",
                ImpactField::Risks => "impact.risks",
                ImpactField::Position => "impact.position",
                ImpactField::Summary => "impact.summary",
            },
        )
    }

    /// A field by its code (`regional-rules`, `regional_rules`, any case).
    pub fn parse(text: &str) -> Result<ImpactField, IdError> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        ImpactField::ALL
            .into_iter()
            .find(|f| f.code() == wanted)
            .ok_or_else(|| {
                IdError::invalid(
                    text,
                    "a field of an impact note",
                    "competences, regional-rules, effort, budget, burden, stakeholders, risks, position or summary",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_read_from_codes_and_names() {
        for s in ProposalStage::ALL {
            assert_eq!(ProposalStage::parse(s.code()).unwrap(), s);
            for lang in [Lang::Fr, Lang::Nl, Lang::En] {
                assert_eq!(ProposalStage::parse(s.label(lang)).unwrap(), s, "{lang:?}");
            }
        }
        assert_eq!(
            ProposalStage::parse("Provisional agreement").unwrap(),
            ProposalStage::ProvisionalAgreement
        );
        let err = ProposalStage::parse("trilogue").unwrap_err().to_string();
        assert!(err.contains("commission-proposal"), "{err}");
    }

    #[test]
    fn impact_fields_read_from_codes() {
        assert_eq!(
            ImpactField::parse("Regional_Rules").unwrap(),
            ImpactField::RegionalRules
        );
        let err = ImpactField::parse("cost").unwrap_err().to_string();
        assert!(err.contains("regional-rules"), "{err}");
        for f in ImpactField::ALL {
            assert_eq!(ImpactField::parse(f.code()).unwrap(), f);
            assert_ne!(f.label(Lang::Fr), f.label(Lang::Nl));
        }
    }
}
