//! A provision of a directive as a correlation table names it: an article (`5`, `9a`), one of its
//! numbered paragraphs (`5(1)`), or an annex (`Annex II`), and what the Region did with it.
//!
//! The stored code is the one the Official Journal prints after "Article": `5`, `5(1)`, `9a(2)`,
//! and `Annex II` for an annex. People write them in many ways, and [`Provision::parse`] reads the
//! usual ones in the three languages: `Article 5(1)`, `Art. 5, paragraph 1`, `art. 5, § 1er`,
//! `article 5, paragraphe 1`, `Artikel 5, lid 1`, `5.1`, `Annexe II`, `Bijlage II`. A provision
//! it cannot read is refused with what was found, never guessed.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::IdError;
use crate::lang::Lang;
use crate::text::{fold, hidden_char};

const WHAT: &str = "a provision of the directive";
const EXPECTED: &str = "an article like 5, Article 5(1), Art. 5, paragraph 1, Artikel 5, lid 1, or an annex like Annex II";

/// An article, a paragraph of an article, or an annex.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provision {
    /// `number` as printed: digits and an optional lowercase suffix (`9a`).
    Article {
        number: String,
        paragraph: Option<u16>,
    },
    /// The annex's number as printed, in capitals (`II`, `IV`, `A`), or empty for a single
    /// unnumbered annex.
    Annex(String),
}

impl Provision {
    /// The stored code: `5`, `5(1)`, `Annex II`, `Annex`.
    pub fn code(&self) -> String {
        match self {
            Provision::Article {
                number,
                paragraph: None,
            } => number.clone(),
            Provision::Article {
                number,
                paragraph: Some(p),
            } => format!("{number}({p})"),
            Provision::Annex(n) if n.is_empty() => "Annex".to_string(),
            Provision::Annex(n) => format!("Annex {n}"),
        }
    }

    /// As a reader of `lang` names it: "Article 5, paragraphe 1", "Artikel 5, lid 1", "Article
    /// 5(1)", "Annexe II", "Bijlage II".
    pub fn label(&self, lang: Lang) -> String {
        let t = |key| crate::words::t(lang, key);
        match self {
            Provision::Article {
                number,
                paragraph: None,
            } => format!("{} {number}", t("correlation.article")),
            Provision::Article {
                number,
                paragraph: Some(p),
            } => crate::words::fill(
                lang,
                "correlation.paragraph",
                &[("article", number), ("paragraph", &p.to_string())],
            ),
            Provision::Annex(n) if n.is_empty() => t("correlation.annex").to_string(),
            Provision::Annex(n) => format!("{} {n}", t("correlation.annex")),
        }
    }

    /// The article a paragraph belongs to (an article or an annex is its own).
    pub fn article(&self) -> Provision {
        match self {
            Provision::Article { number, .. } => Provision::Article {
                number: number.clone(),
                paragraph: None,
            },
            annex => annex.clone(),
        }
    }

    /// Reads a provision as people write it.
    pub fn parse(text: &str) -> Result<Provision, IdError> {
        let invalid = || IdError::invalid(text, WHAT, EXPECTED);
        if let Some(c) = hidden_char(text) {
            return Err(IdError::Character {
                input: text.to_owned(),
                what: WHAT,
                found: c,
                expected: EXPECTED,
            });
        }
        let folded = fold(text);
        let folded = folded.trim();
        if folded.is_empty() {
            return Err(IdError::Empty {
                input: text.to_owned(),
                expected: EXPECTED,
            });
        }
        // An annex: its word, then its number (roman numerals, a letter or digits), or nothing.
        for word in ["annexe", "annex", "bijlage"] {
            if let Some(rest) = folded.strip_prefix(word) {
                let rest = rest.trim_start_matches(['.', ' ']).trim();
                if rest.is_empty() {
                    return Ok(Provision::Annex(String::new()));
                }
                if rest.chars().all(|c| c.is_ascii_alphanumeric()) && rest.len() <= 6 {
                    return Ok(Provision::Annex(rest.to_ascii_uppercase()));
                }
                return Err(invalid());
            }
        }
        // An article: an optional word, the number, an optional paragraph.
        let mut rest = folded;
        for word in ["articles", "article", "artikel", "art."] {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r.trim_start();
                break;
            }
        }
        rest = rest.strip_prefix("art ").unwrap_or(rest).trim_start();
        // "Article premier", as the French text names its first article.
        let first;
        if let Some(after) = rest
            .strip_prefix("premier")
            .or_else(|| rest.strip_prefix("1er"))
        {
            first = format!("1{after}");
            rest = &first;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return Err(invalid());
        }
        let (num, after) = rest.split_at(digits);
        // A suffix of one or two letters glued to the number (9a, 10bis is written 10a in the OJ).
        let suffix = after.bytes().take_while(u8::is_ascii_lowercase).count();
        let (suffix, after) = after.split_at(suffix);
        if suffix.len() > 2 {
            return Err(invalid());
        }
        let number = format!("{}{suffix}", num.trim_start_matches('0'));
        if number.is_empty() || number.starts_with(|c: char| !c.is_ascii_digit()) {
            return Err(invalid());
        }
        let paragraph = paragraph_of(after.trim()).ok_or_else(invalid)?;
        Ok(Provision::Article { number, paragraph })
    }

    fn sort_key(&self) -> (u8, u32, String, u16) {
        match self {
            Provision::Article { number, paragraph } => {
                let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
                let suffix = number[digits.len()..].to_string();
                (
                    0,
                    digits.parse().unwrap_or(u32::MAX),
                    suffix,
                    paragraph.unwrap_or(0),
                )
            }
            Provision::Annex(n) => (1, roman(n).unwrap_or(u32::MAX), n.clone(), 0),
        }
    }
}

/// What follows the article's number: nothing, `(1)`, `, paragraph 1`, `§ 1er`, `, lid 1`, `.1`.
/// `None` when it is something else; `Some(None)` when there is no paragraph.
fn paragraph_of(text: &str) -> Option<Option<u16>> {
    let text = text.trim_start_matches(',').trim();
    if text.is_empty() {
        return Some(None);
    }
    let number = |s: &str| -> Option<u16> {
        let s = s.trim();
        let s = s
            .strip_suffix("er")
            .or_else(|| s.strip_suffix("e"))
            .unwrap_or(s)
            .trim();
        if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().filter(|n| *n > 0)
    };
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return number(inner).map(Some);
    }
    if let Some(after) = text.strip_prefix('.') {
        return number(after).map(Some);
    }
    for word in [
        "paragraphe",
        "paragraph",
        "par.",
        "para.",
        "lid",
        "§",
        "al.",
    ] {
        if let Some(after) = text.strip_prefix(word) {
            return number(after).map(Some);
        }
    }
    None
}

/// The value of a roman numeral (I to about L), for ordering annexes.
fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

impl Ord for Provision {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Provision {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Provision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// What the Region did with a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorrelationState {
    /// Transposed by the regional provision(s) given.
    Transposed,
    /// The provision does not apply to the Region (a federal or community matter, an option not
    /// taken), with the reason.
    NotApplicable,
    /// Not transposed yet.
    ToDo,
}

impl CorrelationState {
    pub const ALL: [CorrelationState; 3] = [
        CorrelationState::Transposed,
        CorrelationState::NotApplicable,
        CorrelationState::ToDo,
    ];

    /// `transposed`, `not-applicable`, `to-do`.
    pub fn code(&self) -> &'static str {
        match self {
            CorrelationState::Transposed => "transposed",
            CorrelationState::NotApplicable => "not-applicable",
            CorrelationState::ToDo => "to-do",
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                CorrelationState::Transposed => "correlation.state_transposed",
                CorrelationState::NotApplicable => "correlation.state_not_applicable",
                CorrelationState::ToDo => "correlation.state_to_do",
            },
        )
    }
}

impl fmt::Display for CorrelationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a correlation table names a regional measure of the directive: its kind and date of
/// adoption ("Ordonnance du 2 mai 2013", "Ordonnantie van 2 mei 2013", "Ordinance of 2 May
/// 2013"), else its title, else its kind and number in the tool (`Ordonnance n° 12`).
pub fn measure_reference(
    id: i32,
    kind: crate::MeasureKind,
    adopted_on: Option<chrono::NaiveDate>,
    title: Option<&str>,
    lang: Lang,
) -> String {
    // The kind begins the reference: capitalised ("ordonnantie" -> "Ordonnantie").
    let label = kind.label(lang);
    let mut chars = label.chars();
    let kind_label = &chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
        .unwrap_or_default();
    match (adopted_on, title.map(str::trim).filter(|t| !t.is_empty())) {
        (Some(d), _) => crate::words::fill(
            lang,
            "correlation.measure_ref",
            &[("kind", kind_label), ("date", &lang.format_date(d))],
        ),
        (None, Some(t)) => t.to_owned(),
        (None, None) => crate::words::fill(
            lang,
            "correlation.measure_number",
            &[("kind", kind_label), ("n", &id.to_string())],
        ),
    }
}

/// What a line of the table lacks for its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// Transposed, but by no measure.
    NoMeasure,
    /// Transposed, but the regional provision(s) are not given.
    NoRegionalProvision,
    /// Not applicable, without the reason.
    NoReason,
}

impl LineProblem {
    /// What was expected instead, for a diagnostic.
    pub fn expected(&self) -> &'static str {
        match self {
            LineProblem::NoMeasure => "the regional measure that transposes it",
            LineProblem::NoRegionalProvision => {
                "the regional provision(s) that transpose it, like art. 3, § 2"
            }
            LineProblem::NoReason => "why the provision does not apply to the Region",
        }
    }

    /// The same in `lang`, for a page.
    pub fn said(&self, lang: Lang) -> &'static str {
        crate::words::t(
            lang,
            match self {
                LineProblem::NoMeasure => "correlation.no_measure",
                LineProblem::NoRegionalProvision => "correlation.no_regional",
                LineProblem::NoReason => "correlation.no_reason",
            },
        )
    }
}

/// The one rule of a line, for every way it is written (an imported table, a page): a
/// transposed provision names its measure and the regional provision(s); one not applicable says
/// why; one to do needs nothing.
pub fn check_line(
    state: CorrelationState,
    has_measure: bool,
    has_regional: bool,
    has_reason: bool,
) -> Result<(), LineProblem> {
    match state {
        CorrelationState::Transposed if !has_measure => Err(LineProblem::NoMeasure),
        CorrelationState::Transposed if !has_regional => Err(LineProblem::NoRegionalProvision),
        CorrelationState::NotApplicable if !has_reason => Err(LineProblem::NoReason),
        _ => Ok(()),
    }
}

/// Where a provision stands, from the lines of the correlation table about it: to do while it has
/// no line or any line still to do; transposed when a line transposes it; else not applicable.
pub fn provision_state(lines: &[CorrelationState]) -> CorrelationState {
    if lines.is_empty() || lines.contains(&CorrelationState::ToDo) {
        CorrelationState::ToDo
    } else if lines.contains(&CorrelationState::Transposed) {
        CorrelationState::Transposed
    } else {
        CorrelationState::NotApplicable
    }
}

/// How far a correlation table covers a directive: `provisions = transposed + not_applicable +
/// to_do`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Coverage {
    pub provisions: usize,
    pub transposed: usize,
    pub not_applicable: usize,
    pub to_do: usize,
}

impl Coverage {
    /// The coverage of the provisions, each given by the states of its lines.
    pub fn of<'a>(per_provision: impl IntoIterator<Item = &'a [CorrelationState]>) -> Coverage {
        let mut c = Coverage::default();
        for lines in per_provision {
            c.provisions += 1;
            match provision_state(lines) {
                CorrelationState::Transposed => c.transposed += 1,
                CorrelationState::NotApplicable => c.not_applicable += 1,
                CorrelationState::ToDo => c.to_do += 1,
            }
        }
        c
    }

    /// Provisions transposed or not applicable.
    pub fn covered(&self) -> usize {
        self.transposed + self.not_applicable
    }

    /// Every provision is accounted for (and the directive's provisions are known).
    pub fn is_complete(&self) -> bool {
        self.provisions > 0 && self.to_do == 0
    }
}

/// What a notification to the Commission may say: complete only when a regional measure completes
/// the transposition and the correlation table accounts for every provision of the directive;
/// partial otherwise, with each reason, so that a dossier whose table still has provisions "to
/// do" (or whose provisions were never read) is never sent as complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Completeness {
    Complete,
    Partial {
        /// No measure is marked as completing the transposition.
        no_completing_measure: bool,
        /// The directive's provisions were never read: the table is empty.
        provisions_unknown: bool,
        /// Provisions still "to do" in the table.
        to_do: usize,
    },
}

impl Completeness {
    pub fn of(a_measure_completes: bool, coverage: &Coverage) -> Completeness {
        if a_measure_completes && coverage.is_complete() {
            Completeness::Complete
        } else {
            Completeness::Partial {
                no_completing_measure: !a_measure_completes,
                provisions_unknown: coverage.provisions == 0,
                to_do: coverage.to_do,
            }
        }
    }

    pub fn is_complete(&self) -> bool {
        matches!(self, Completeness::Complete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(number: &str, paragraph: Option<u16>) -> Provision {
        Provision::Article {
            number: number.to_string(),
            paragraph,
        }
    }

    #[test]
    fn reads_the_ways_people_write_a_provision() {
        for (text, expected) in [
            ("5", article("5", None)),
            ("Article 5", article("5", None)),
            ("article 5(1)", article("5", Some(1))),
            ("Art. 5(1)", article("5", Some(1))),
            ("Art 5 (2)", article("5", Some(2))),
            ("Article 5, paragraph 1", article("5", Some(1))),
            ("article 5, paragraphe 1er", article("5", Some(1))),
            ("art. 5, § 1er", article("5", Some(1))),
            ("Art. 5 §2", article("5", Some(2))),
            ("Artikel 5, lid 3", article("5", Some(3))),
            ("5.1", article("5", Some(1))),
            ("Article 9a", article("9a", None)),
            ("Article 9a(2)", article("9a", Some(2))),
            ("ARTICLE 012", article("12", None)),
            ("Article premier", article("1", None)),
            ("article 1er, paragraphe 2", article("1", Some(2))),
            ("Annex II", Provision::Annex("II".to_string())),
            ("Annexe iv", Provision::Annex("IV".to_string())),
            ("Bijlage I", Provision::Annex("I".to_string())),
            ("Annex", Provision::Annex(String::new())),
        ] {
            assert_eq!(
                Provision::parse(text).ok(),
                Some(expected.clone()),
                "{text}"
            );
            assert_eq!(
                Provision::parse(&expected.code()).ok(),
                Some(expected),
                "{text}: its code reads back"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_provision() {
        for text in [
            "",
            "  ",
            "Article",
            "Article five",
            "5(0)",
            "5(1",
            "5, paragraph",
            "recital 12",
            "5\u{200b}(1)",
            "Article 5(1)(a) and 6",
            "Annex II, point 3",
            "12345",
        ] {
            assert!(Provision::parse(text).is_err(), "{text:?} is refused");
        }
    }

    #[test]
    fn provisions_sort_in_the_order_of_the_directive() {
        let mut all: Vec<Provision> = [
            "Annex X", "Annex II", "10", "9a", "9", "2(2)", "2(10)", "2", "Annex IV",
        ]
        .iter()
        .filter_map(|t| Provision::parse(t).ok())
        .collect();
        all.sort();
        let codes: Vec<String> = all.iter().map(Provision::code).collect();
        assert_eq!(
            codes,
            [
                "2", "2(2)", "2(10)", "9", "9a", "10", "Annex II", "Annex IV", "Annex X"
            ]
        );
    }

    #[test]
    fn labels_in_each_language() {
        let p = article("5", Some(1));
        assert_eq!(p.label(Lang::Fr), "Article 5, paragraphe 1");
        assert_eq!(p.label(Lang::Nl), "Artikel 5, lid 1");
        assert_eq!(p.label(Lang::En), "Article 5(1)");
        assert_eq!(Provision::Annex("II".into()).label(Lang::Nl), "Bijlage II");
    }

    #[test]
    fn coverage_adds_up() {
        use CorrelationState::{NotApplicable, ToDo, Transposed};
        let lines: Vec<&[CorrelationState]> = vec![
            &[],
            &[Transposed],
            &[Transposed, ToDo],
            &[NotApplicable],
            &[Transposed, NotApplicable],
        ];
        let c = Coverage::of(lines);
        assert_eq!(
            (c.provisions, c.transposed, c.not_applicable, c.to_do),
            (5, 2, 1, 2)
        );
        assert_eq!(c.covered() + c.to_do, c.provisions);
        assert!(!c.is_complete());
        assert!(
            !Coverage::default().is_complete(),
            "no provision known: not complete"
        );
        assert!(Coverage::of(vec![&[NotApplicable][..]]).is_complete());
    }

    #[test]
    fn a_notification_is_complete_only_with_a_completing_measure_and_a_whole_table() {
        let coverage = |transposed, not_applicable, to_do| Coverage {
            provisions: transposed + not_applicable + to_do,
            transposed,
            not_applicable,
            to_do,
        };
        let check = |completes: bool, c: Coverage, expected: Completeness| {
            assert_eq!(
                Completeness::of(completes, &c),
                expected,
                "{completes} {c:?}"
            );
        };
        check(true, coverage(3, 1, 0), Completeness::Complete);
        check(true, coverage(0, 4, 0), Completeness::Complete);
        check(
            true,
            coverage(3, 0, 1),
            Completeness::Partial {
                no_completing_measure: false,
                provisions_unknown: false,
                to_do: 1,
            },
        );
        check(
            false,
            coverage(4, 0, 0),
            Completeness::Partial {
                no_completing_measure: true,
                provisions_unknown: false,
                to_do: 0,
            },
        );
        check(
            true,
            Coverage::default(),
            Completeness::Partial {
                no_completing_measure: false,
                provisions_unknown: true,
                to_do: 0,
            },
        );
        assert!(!Completeness::of(false, &Coverage::default()).is_complete());
    }
}
