//! Whether the Brussels-Capital Region is competent for a directive.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Competence {
    /// Only the Region transposes it.
    Exclusive,
    /// Shared with other Belgian entities (federal state, other regions, communities).
    Shared,
    NotConcerned,
    /// Not settled yet; judged like a concerned directive until it is.
    ToBeDetermined,
}

impl Competence {
    pub const ALL: [Competence; 4] = [
        Competence::Exclusive,
        Competence::Shared,
        Competence::NotConcerned,
        Competence::ToBeDetermined,
    ];

    /// `exclusive`, `shared`, `not-concerned`, `to-be-determined`.
    pub fn code(&self) -> &'static str {
        match self {
            Competence::Exclusive => "exclusive",
            Competence::Shared => "shared",
            Competence::NotConcerned => "not-concerned",
            Competence::ToBeDetermined => "to-be-determined",
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                Competence::Exclusive => "competence.exclusive",
                Competence::Shared => "competence.shared",
                Competence::NotConcerned => "competence.not_concerned",
                Competence::ToBeDetermined => "competence.to_be_determined",
            },
        )
    }

    /// True unless the Region is not concerned: to be determined counts as concerned.
    pub fn is_concerned(&self) -> bool {
        *self != Competence::NotConcerned
    }
}

impl fmt::Display for Competence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Competence {
    type Err = IdError;

    /// The codes and the words of the three languages, in any case, with or without accents.
    fn from_str(s: &str) -> Result<Self, IdError> {
        let invalid = || {
            IdError::invalid(
                s,
                "a competence",
                "exclusive, shared, not concerned or to be determined (or the French or Dutch words)",
            )
        };
        // The words are the [competence] section of vocabulary/{fr,nl,en}.toml.
        let competence = match crate::vocab::Vocabulary::get()
            .find("competence", s, &[])
            .key()
        {
            Some("exclusive") => Competence::Exclusive,
            Some("shared") => Competence::Shared,
            Some("not_concerned") => Competence::NotConcerned,
            Some("to_be_determined") => Competence::ToBeDetermined,
            _ => return Err(invalid()),
        };
        Ok(competence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<Competence>) {
        assert_eq!(
            input.parse::<Competence>().ok(),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn parses_codes_and_words() {
        use Competence::*;
        for c in Competence::ALL {
            check(c.code(), Some(c));
            for lang in Lang::ALL {
                check(c.label(lang), Some(c));
            }
        }
        check("Exclusive", Some(Exclusive));
        check("exclusif", Some(Exclusive));
        check("exclusieve", Some(Exclusive));
        check("partagée", Some(Shared));
        check("Partagee", Some(Shared));
        check("gedeeld", Some(Shared));
        check("shared", Some(Shared));
        check("mixte", Some(Shared));
        check("gemengd", Some(Shared));
        check("non concerné", Some(NotConcerned));
        check("Non concernée", Some(NotConcerned));
        check("niet betrokken", Some(NotConcerned));
        check("not concerned", Some(NotConcerned));
        check("NC", Some(NotConcerned));
        check("à déterminer", Some(ToBeDetermined));
        check("A déterminer", Some(ToBeDetermined));
        check("te bepalen", Some(ToBeDetermined));
        check("TBD", Some(ToBeDetermined));
        check(" not-concerned ", Some(NotConcerned));
        check("non\u{a0}concerné", Some(NotConcerned));
        check("yes", None);
        check("", None);
    }

    #[test]
    fn labels_and_messages() {
        assert_eq!(Competence::Shared.label(Lang::Fr), "partagée");
        assert_eq!(Competence::NotConcerned.label(Lang::Nl), "niet betrokken");
        assert_eq!(
            Competence::ToBeDetermined.label(Lang::En),
            "to be determined"
        );
        assert!(Competence::ToBeDetermined.is_concerned());
        assert!(!Competence::NotConcerned.is_concerned());
        assert_eq!(
            "yes".parse::<Competence>().map_err(|e| e.to_string()),
            Err("\"yes\" is not a competence: expected exclusive, shared, not concerned or to be determined (or the French or Dutch words)".to_string())
        );
    }
}
