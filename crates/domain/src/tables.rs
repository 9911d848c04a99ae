//! The two tracking tables the EU affairs unit keeps by hand (directives, infringement cases), row
//! by row in domain types: what the tables importer reads and the tables export writes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::text::fold;
use crate::vocab::TranspositionState;
use crate::{
    CaseType, Competence, DirectiveId, InfringementNumber, LegalBasis, PlannedDate, Stage, Step,
};

/// One row of the directives table, as the unit writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DirectiveRow {
    pub id: DirectiveId,
    /// The table's "Intitulé": a short title, in the table's language.
    pub title: Option<String>,
    /// Some directives set several deadlines (per article).
    pub deadlines: Vec<NaiveDate>,
    /// As written: "Bruxelles Environnement + Brugel" gives two names, the first one leads.
    pub authorities: Vec<String>,
    pub competence: Option<Competence>,
    pub measures_text: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    /// What the status cell says, read by rule ([`crate::vocab::read_status`]): a "complete" status
    /// marks the row's measure as completing the transposition.
    pub status: Option<TranspositionState>,
    /// "En retard", "Transposée"... as written: the tool recomputes statuses, this is kept for reference.
    pub status_text: Option<String>,
    pub planned: Option<PlannedDate>,
    pub notes: Option<String>,
}

/// One row of the infringement table: a case at its current stage.
#[derive(Clone, Debug, Serialize)]
pub struct CaseRow {
    pub number: InfringementNumber,
    pub directives: Vec<DirectiveId>,
    pub subject: Option<String>,
    pub case_type: Option<CaseType>,
    pub stage: Option<Stage>,
    /// The stage as the table writes it, kept as the decision's label.
    pub stage_text: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub reply_deadline: Option<NaiveDate>,
    pub reply_sent_on: Option<NaiveDate>,
    /// When the reply was entered in the Commission's system (MNE-INFRA, THEMIS).
    pub reply_entered_on: Option<NaiveDate>,
    /// As written; resolved against the known authorities when stored.
    pub authority: Option<String>,
    pub notes: Option<String>,
}

/// Two rows say the same when everything but the spelling of the stage is equal: "Mise en
/// demeure" and "Ingebrekestelling" are one stage, and `stage` holds it.
impl PartialEq for CaseRow {
    fn eq(&self, other: &CaseRow) -> bool {
        let CaseRow {
            number,
            directives,
            subject,
            case_type,
            stage,
            stage_text: _,
            decided_on,
            reply_deadline,
            reply_sent_on,
            reply_entered_on,
            authority,
            notes,
        } = self;
        (number, directives, subject, case_type, stage, decided_on)
            == (
                &other.number,
                &other.directives,
                &other.subject,
                &other.case_type,
                &other.stage,
                &other.decided_on,
            )
            && (
                reply_deadline,
                reply_sent_on,
                reply_entered_on,
                authority,
                notes,
            ) == (
                &other.reply_deadline,
                &other.reply_sent_on,
                &other.reply_entered_on,
                &other.authority,
                &other.notes,
            )
    }
}

/// Both tables, rows in the order of the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tables {
    pub directives: Vec<DirectiveRow>,
    pub cases: Vec<CaseRow>,
}

/// The stage of a case as the tables write it, in French, Dutch or English: "Mise en demeure",
/// "Avis motivé complémentaire", "2e mise en demeure complémentaire", "Met redenen omkleed advies",
/// "Referral", optionally with the Treaty articles: "Mise en demeure (art. 258 + 260(3))".
///
/// The legal basis is the one the text names; when it names none, a letter, an opinion or a
/// referral is under Art. 258 (a non-communication letter is under 258 + 260(3) only when the text
/// says 260(3): the tables rarely do, and guessing would make a stage the Commission never sent).
/// A closure or a withdrawal has no basis. Art. 260(3) applies to non-communication only: with
/// another known case type, a text naming it is not understood (`None`), as is a text naming no step.
pub fn stage_from_words(text: &str, case_type: Option<CaseType>) -> Option<Stage> {
    let folded: String = fold(&text.replace(['-', '‐', '‑', '–', '—', '_'], " "));
    let step = Step::from_words(&folded)?;
    let named = LegalBasis::parse(&folded).ok();
    let basis = match step {
        Step::WithdrawalFromCourt | Step::Closure => None,
        Step::ModifiedFinancialSanction => Some(LegalBasis::Art260_2),
        _ => Some(named.unwrap_or(LegalBasis::Art258)),
    };
    let non_communication_only = basis == Some(LegalBasis::Art258And260_3);
    if non_communication_only && case_type.is_some_and(|t| t != CaseType::NonCommunication) {
        return None;
    }
    let nth = match step {
        Step::AdditionalFormalNotice | Step::AdditionalReasonedOpinion => {
            ordinal_in(&folded).unwrap_or(1)
        }
        _ => 1,
    };
    Some(Stage { step, basis, nth })
}

/// "2e", "2de", "2nd", "deuxieme", "tweede"... in a folded text, as a number.
fn ordinal_in(text: &str) -> Option<u8> {
    text.split(|c: char| !c.is_alphanumeric()).find_map(|word| {
        let digits = word
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(word.len());
        if digits > 0 {
            let (n, suffix) = word.split_at(digits);
            let is_ordinal =
                ["st", "nd", "rd", "th", "e", "eme", "er", "de", "ste"].contains(&suffix);
            return if is_ordinal {
                n.parse().ok().filter(|n| (1..=20).contains(n))
            } else {
                None
            };
        }
        match word {
            "second" | "deuxieme" | "seconde" | "tweede" => Some(2),
            "third" | "troisieme" | "derde" => Some(3),
            "fourth" | "quatrieme" | "vierde" => Some(4),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn check(text: &str, case_type: Option<CaseType>, expected: Option<&str>) {
        let got = stage_from_words(text, case_type).map(|s| s.code());
        assert_eq!(got.as_deref(), expected, "{text:?} {case_type:?}");
    }

    #[test]
    fn french_words() {
        let nc = Some(CaseType::NonCommunication);
        check("Mise en demeure", nc, Some("lfn/258"));
        check("Mise en demeure", None, Some("lfn/258"));
        check(
            "Mise en demeure (art. 258 + 260(3))",
            nc,
            Some("lfn/258+260.3"),
        );
        check("Mise en demeure complémentaire", None, Some("lfn-add/258"));
        check(
            "2e mise en demeure complémentaire",
            None,
            Some("lfn-add2/258"),
        );
        check(
            "Avis motivé",
            Some(CaseType::BadApplication),
            Some("ro/258"),
        );
        check("avis motive complementaire", None, Some("ro-add/258"));
        check("Saisine de la Cour", None, Some("referral/258"));
        check(
            "Saisine de la Cour (art. 258 + 260(3))",
            nc,
            Some("referral/258+260.3"),
        );
        check("Mise en demeure (art. 260(2))", None, Some("lfn/260.2"));
        check("Classement", None, Some("closure"));
    }

    #[test]
    fn dutch_and_english_words() {
        check("Ingebrekestelling", None, Some("lfn/258"));
        check("Aanvullende ingebrekestelling", None, Some("lfn-add/258"));
        check("Met redenen omkleed advies", None, Some("ro/258"));
        check(
            "met redenen omkleed advies (art. 258 + 260, lid 3, VWEU)",
            None,
            Some("ro/258+260.3"),
        );
        check("Verwijzing naar het Hof", None, Some("referral/258"));
        check("Seponering", None, Some("closure"));
        check("Letter of formal notice", None, Some("lfn/258"));
        check("Reasoned opinion", None, Some("ro/258"));
        check("Referral", None, Some("referral/258"));
        check(
            "Referral (Art. 258 + 260(3))",
            Some(CaseType::NonCommunication),
            Some("referral/258+260.3"),
        );
    }

    #[test]
    fn words_not_understood() {
        check("", None, None);
        check("En cours", None, None);
        check("Onbekend", None, None);
        check(
            "Mise en demeure (art. 258 + 260(3))",
            Some(CaseType::NonConformity),
            None,
        );
    }

    #[test]
    fn every_label_reads_back() {
        for step in Step::ALL {
            for basis in [
                None,
                Some(LegalBasis::Art258),
                Some(LegalBasis::Art258And260_3),
                Some(LegalBasis::Art260_2),
            ] {
                let nths: &[u8] = match step {
                    Step::AdditionalFormalNotice | Step::AdditionalReasonedOpinion => &[1, 2, 3],
                    _ => &[1],
                };
                for &nth in nths {
                    let stage = Stage { step, basis, nth };
                    let canonical = stage_from_words(&stage.label(Lang::En), None);
                    // Only the stages the tables can hold come back as they are: a closure has no
                    // basis, a letter always has one.
                    let holdable = match step {
                        Step::Closure | Step::WithdrawalFromCourt => basis.is_none(),
                        Step::ModifiedFinancialSanction => basis == Some(LegalBasis::Art260_2),
                        _ => basis.is_some(),
                    };
                    if holdable {
                        for lang in Lang::ALL {
                            assert_eq!(
                                stage_from_words(&stage.label(lang), None),
                                Some(stage),
                                "{}",
                                stage.label(lang)
                            );
                        }
                    } else {
                        assert_ne!(canonical, Some(stage));
                    }
                }
            }
        }
    }
}
