//! The type of a regional measure: the kinds of act by which the Brussels-Capital Region
//! transposes a directive (ordonnance / ordonnantie, arrêté du Gouvernement / besluit van de
//! Regering, ...), and the summary a hand-kept table's measures cell stands for.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureKind {
    /// Ordonnance / ordonnantie: the Region's parliamentary act.
    Ordinance,
    /// Ordonnance conjointe / gezamenlijke ordonnantie: with the Common Community Commission.
    JointOrdinance,
    /// Arrêté du Gouvernement / besluit van de Regering.
    GovernmentDecree,
    /// Arrêté ministériel / ministerieel besluit.
    MinisterialDecree,
    /// Accord de coopération / samenwerkingsakkoord, with other Belgian entities.
    CooperationAgreement,
    /// Circulaire / omzendbrief.
    Circular,
    /// Any other act; what it is, when known, is said in the measure's notes.
    Other,
    /// The measures a hand-kept table's measures cell summarises (one text for them all).
    Table,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 8] = [
        MeasureKind::Ordinance,
        MeasureKind::JointOrdinance,
        MeasureKind::GovernmentDecree,
        MeasureKind::MinisterialDecree,
        MeasureKind::CooperationAgreement,
        MeasureKind::Circular,
        MeasureKind::Other,
        MeasureKind::Table,
    ];

    /// The stored code: `ordinance`, `joint-ordinance`, `government-decree`, `ministerial-decree`,
    /// `cooperation-agreement`, `circular`, `other`, `table`.
    pub fn code(&self) -> &'static str {
        match self {
            MeasureKind::Ordinance => "ordinance",
            MeasureKind::JointOrdinance => "joint-ordinance",
            MeasureKind::GovernmentDecree => "government-decree",
            MeasureKind::MinisterialDecree => "ministerial-decree",
            MeasureKind::CooperationAgreement => "cooperation-agreement",
            MeasureKind::Circular => "circular",
            MeasureKind::Other => "other",
            MeasureKind::Table => "table",
        }
    }

    /// The key of the vocabulary's `[measure_kind]` section and of the translation files'.
    fn key(&self) -> &'static str {
        match self {
            MeasureKind::Ordinance => "ordinance",
            MeasureKind::JointOrdinance => "joint_ordinance",
            MeasureKind::GovernmentDecree => "government_decree",
            MeasureKind::MinisterialDecree => "ministerial_decree",
            MeasureKind::CooperationAgreement => "cooperation_agreement",
            MeasureKind::Circular => "circular",
            MeasureKind::Other => "other",
            MeasureKind::Table => "table",
        }
    }

    /// Its name in `lang` ("arrêté du Gouvernement", "besluit van de Regering").
    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                MeasureKind::Ordinance => "measure_kind.ordinance",
                MeasureKind::JointOrdinance => "measure_kind.joint_ordinance",
                MeasureKind::GovernmentDecree => "measure_kind.government_decree",
                MeasureKind::MinisterialDecree => "measure_kind.ministerial_decree",
                MeasureKind::CooperationAgreement => "measure_kind.cooperation_agreement",
                MeasureKind::Circular => "measure_kind.circular",
                MeasureKind::Other => "measure_kind.other",
                MeasureKind::Table => "measure_kind.table",
            },
        )
    }

    pub fn from_code(code: &str) -> Option<MeasureKind> {
        MeasureKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl fmt::Display for MeasureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for MeasureKind {
    type Err = IdError;

    /// The code, or a whole name of the `[measure_kind]` section of `vocabulary/{fr,nl,en}.toml`
    /// (the names and the abbreviations people write, "AGRBC", "BVR"), in any case, with or
    /// without accents. A longer text that only holds a name ("ordonnance du 5 mai 2022") is
    /// refused: what it adds would be lost.
    fn from_str(s: &str) -> Result<Self, IdError> {
        let code = s.trim().to_lowercase();
        if let Some(kind) = MeasureKind::from_code(&code) {
            return Ok(kind);
        }
        crate::vocab::Vocabulary::get()
            .find_whole("measure_kind", s)
            .and_then(|key| MeasureKind::ALL.into_iter().find(|k| k.key() == key))
            .ok_or_else(|| {
                IdError::invalid(
                    s,
                    "a kind of measure",
                    "ordinance, joint ordinance, government decree, ministerial decree, \
                     cooperation agreement, circular, other act or table (or the French or Dutch names)",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<MeasureKind>) {
        assert_eq!(
            input.parse::<MeasureKind>().ok(),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn reads_codes_names_and_abbreviations() {
        use MeasureKind::*;
        for k in MeasureKind::ALL {
            check(k.code(), Some(k));
            check(&k.code().to_uppercase(), Some(k));
            for lang in Lang::ALL {
                check(k.label(lang), Some(k));
            }
        }
        check("Ordonnance", Some(Ordinance));
        check("ordonnantie", Some(Ordinance));
        check("ordonnance conjointe", Some(JointOrdinance));
        check("Gezamenlijke ordonnantie", Some(JointOrdinance));
        check("arrêté du Gouvernement", Some(GovernmentDecree));
        check("ARRETE DU GOUVERNEMENT", Some(GovernmentDecree));
        check(
            "Arrêté du Gouvernement de la Région de Bruxelles-Capitale",
            Some(GovernmentDecree),
        );
        check("AGRBC", Some(GovernmentDecree));
        check("BVR", Some(GovernmentDecree));
        check(
            "besluit van de Brusselse Hoofdstedelijke Regering",
            Some(GovernmentDecree),
        );
        check("arrêté ministériel", Some(MinisterialDecree));
        check("Arrete ministeriel", Some(MinisterialDecree));
        check("ministerieel besluit", Some(MinisterialDecree));
        check("accord de coopération", Some(CooperationAgreement));
        check("samenwerkingsakkoord", Some(CooperationAgreement));
        check("circulaire", Some(Circular));
        check("omzendbrief", Some(Circular));
        check("autre acte", Some(Other));
        check("andere akte", Some(Other));
        check(" government\u{a0}decree ", Some(GovernmentDecree));
        for refused in [
            "",
            "décret",
            "arrêté royal",
            "loi",
            "ordonnance du 5 mai 2022",
            "arrêté",
            "government",
        ] {
            check(refused, None);
        }
    }

    #[test]
    fn no_name_stands_for_two_kinds() {
        let v = crate::vocab::Vocabulary::get();
        for k in MeasureKind::ALL {
            for phrase in v.phrases("measure_kind", k.key()) {
                assert_eq!(phrase.parse::<MeasureKind>().ok(), Some(k), "{phrase}");
            }
        }
    }

    #[test]
    fn labels_and_message() {
        assert_eq!(MeasureKind::Ordinance.label(Lang::Fr), "ordonnance");
        assert_eq!(
            MeasureKind::GovernmentDecree.label(Lang::Nl),
            "besluit van de Regering"
        );
        assert_eq!(
            MeasureKind::MinisterialDecree.label(Lang::En),
            "ministerial decree"
        );
        assert_eq!(MeasureKind::Table.to_string(), "table");
        let err = "décret".parse::<MeasureKind>().unwrap_err().to_string();
        assert!(
            err.starts_with("\"décret\" is not a kind of measure"),
            "{err}"
        );
    }
}
