//! The reading vocabulary: every word the importers recognise (column headers, statuses,
//! competences, case types, stage words, yes/no) lives in `vocabulary/{fr,nl,en}.toml`, embedded
//! at build time, and the rules that read a cell with it (phrases, negations) live here.
//!
//! A phrase is compared on its *normalised tokens*: lowercase, accents and punctuation removed,
//! "(s)" dropped, the small words of the three languages ("de", "la", "van", "the"...) dropped and a
//! final plural "s" removed, so "Délai(s) de transposition", "DELAIS DE TRANSPOSITION" and "délai
//! transposition" are one phrase.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::text::{fold, strip_accent};

const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fr, include_str!("../../../vocabulary/fr.toml")),
    (Lang::Nl, include_str!("../../../vocabulary/nl.toml")),
    (Lang::En, include_str!("../../../vocabulary/en.toml")),
];

/// The sections every language file has.
pub const SECTIONS: [&str; 12] = [
    "columns",
    "register_columns",
    "status",
    "negation",
    "competence",
    "case_type",
    "stage",
    "yes_no",
    "measure_kind",
    "campaign_columns",
    "correlation_columns",
    "correlation_state",
];

/// Small words left out when phrases are compared.
const SMALL_WORDS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "a", "van", "het", "der", "den",
    "the", "of", "to", "for", "in",
];

/// A phrase as compared: its normalised tokens.
type Tokens = Vec<String>;

/// A phrase of a vocabulary file: folded as written, its tokens without the small words (to
/// compare headers and codes) and with them (to read statuses, where "n a" and "pas de" matter).
#[derive(Debug)]
struct Phrase {
    folded: String,
    tokens: Tokens,
    all: Tokens,
}

/// One language file: section -> key -> phrases.
#[derive(Debug)]
struct LangWords {
    lang: Lang,
    sections: BTreeMap<String, BTreeMap<String, Vec<Phrase>>>,
}

/// The vocabulary of the three languages.
#[derive(Debug)]
pub struct Vocabulary {
    langs: Vec<LangWords>,
}

/// A vocabulary file that cannot be read: a bug of ours, caught by the tests.
#[derive(Debug, thiserror::Error)]
#[error("vocabulary/{lang}.toml: {message}")]
pub struct VocabularyError {
    pub lang: &'static str,
    pub message: String,
}

impl Vocabulary {
    /// The embedded vocabulary, read once.
    pub fn get() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| match Vocabulary::parse(&SOURCES) {
            Ok(v) => v,
            // The files are part of the build and a test reads them: this cannot happen in a
            // released binary, and no reading could go on without them.
            Err(e) => panic!("{e}"),
        })
    }

    /// Reads vocabulary files (one per language).
    pub fn parse(sources: &[(Lang, &str)]) -> Result<Vocabulary, VocabularyError> {
        let mut langs = Vec::new();
        for (lang, text) in sources {
            let err = |message: String| VocabularyError {
                lang: lang.code(),
                message,
            };
            let raw: BTreeMap<String, BTreeMap<String, Vec<String>>> =
                toml::from_str(text).map_err(|e| err(e.to_string()))?;
            for section in SECTIONS {
                if !raw.contains_key(section) {
                    return Err(err(format!("no [{section}] section")));
                }
            }
            let sections = raw
                .into_iter()
                .map(|(name, keys)| {
                    let keys = keys
                        .into_iter()
                        .map(|(key, phrases)| {
                            let phrases = phrases.iter().map(|p| Phrase {
                                folded: fold(p),
                                tokens: tokens(p),
                                all: tokens_keep_all(p),
                            });
                            (key, phrases.collect())
                        })
                        .collect();
                    (name, keys)
                })
                .collect();
            langs.push(LangWords {
                lang: *lang,
                sections,
            });
        }
        Ok(Vocabulary { langs })
    }

    /// The keys of a section, in every language (sorted, once each).
    pub fn keys(&self, section: &str) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .langs
            .iter()
            .filter_map(|l| l.sections.get(section))
            .flat_map(|s| s.keys().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The keys each language has in each section, to check that no language lacks one.
    pub fn keys_of(&self, lang: Lang, section: &str) -> Vec<&str> {
        self.langs
            .iter()
            .filter(|l| l.lang == lang)
            .filter_map(|l| l.sections.get(section))
            .flat_map(|s| s.keys().map(String::as_str))
            .collect()
    }

    /// The phrases of a key in every language, folded as written (for substring rules).
    pub fn phrases(&self, section: &str, key: &str) -> Vec<&str> {
        self.langs
            .iter()
            .filter_map(|l| l.sections.get(section)?.get(key))
            .flatten()
            .map(|p| p.folded.as_str())
            .collect()
    }

    /// The phrases of a key with their language: tokens without the small words, or all of them.
    fn token_phrases<'a>(
        &'a self,
        section: &'a str,
        key: &'a str,
        keep_all: bool,
    ) -> impl Iterator<Item = (Lang, &'a Tokens)> + 'a {
        self.langs
            .iter()
            .filter_map(move |l| Some((l.lang, l.sections.get(section)?.get(key)?)))
            .flat_map(move |(lang, phrases)| {
                phrases
                    .iter()
                    .map(move |p| (lang, if keep_all { &p.all } else { &p.tokens }))
            })
    }

    /// Which key of `section` a text names, among `allowed` (every key when empty). The whole
    /// text equal to a phrase wins; then the text without its brackets; then the longest phrase
    /// found inside the text as whole words. Two keys found as well as each other: ambiguous.
    pub fn find(&self, section: &str, text: &str, allowed: &[&str]) -> Found {
        let full = tokens(text);
        let bare = tokens(&without_brackets(text));
        let keys: Vec<&str> = if allowed.is_empty() {
            self.keys(section)
        } else {
            allowed.to_vec()
        };
        let tries: [(&Tokens, bool); 4] =
            [(&full, true), (&bare, true), (&bare, false), (&full, false)];
        for (target, exact) in tries {
            if target.is_empty() {
                continue;
            }
            // (score, key, lang)
            let mut hits: Vec<(usize, &str, Lang)> = Vec::new();
            for key in &keys {
                for (lang, phrase) in self.token_phrases(section, key, false) {
                    // A short phrase ("n", "mb", "eta") is taken only as the whole header: inside
                    // a longer one it is too often another word's abbreviation.
                    let short = phrase.iter().map(String::len).sum::<usize>() <= 3;
                    let hit = if exact {
                        phrase == target
                    } else {
                        !short && contains_run(target, phrase)
                    };
                    if hit && !phrase.is_empty() {
                        hits.push((phrase.len(), key, lang));
                    }
                }
            }
            let Some(best) = hits.iter().map(|(score, _, _)| *score).max() else {
                continue;
            };
            hits.retain(|(score, _, _)| *score == best);
            let mut found_keys: Vec<&str> = hits.iter().map(|(_, k, _)| *k).collect();
            found_keys.sort_unstable();
            found_keys.dedup();
            if let [key] = found_keys.as_slice() {
                let mut langs: Vec<Lang> = hits.iter().map(|(_, _, l)| *l).collect();
                langs.dedup();
                return Found::One {
                    key: (*key).to_owned(),
                    langs,
                };
            }
            return Found::Ambiguous(found_keys.into_iter().map(str::to_owned).collect());
        }
        Found::None
    }

    /// The key of `section` one of whose phrases is the whole text, compared on tokens as
    /// [`Vocabulary::find`] compares them first (case, accents, punctuation and the small words
    /// aside); `None` when no key, or more than one, has it. For values that must be a name and
    /// nothing more (a command line option), where `find`'s phrase inside a longer text would
    /// drop the rest.
    pub fn find_whole(&self, section: &str, text: &str) -> Option<&str> {
        let target = tokens(text);
        if target.is_empty() {
            return None;
        }
        let mut found: Vec<&str> = self
            .langs
            .iter()
            .filter_map(|l| l.sections.get(section))
            .flat_map(|keys| keys.iter())
            .filter(|(_, phrases)| phrases.iter().any(|p| p.tokens == target))
            .map(|(key, _)| key.as_str())
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [key] => Some(key),
            _ => None,
        }
    }

    /// The key of `section` one of whose phrases is `text` once case, accents, spaces and
    /// punctuation are dropped: for headers a program wrote ("Policy_area___Department_in_charge").
    pub fn find_compact(&self, section: &str, text: &str) -> Option<&str> {
        let compact =
            |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
        let wanted = compact(text);
        self.langs
            .iter()
            .filter_map(|l| l.sections.get(section))
            .flat_map(|keys| keys.iter())
            .find(|(_, phrases)| phrases.iter().any(|p| compact(&p.folded) == wanted))
            .map(|(key, _)| key.as_str())
    }

    /// Yes or no, as people write it in the three languages.
    pub fn yes_no(&self, text: &str) -> Option<bool> {
        let t = tokens_keep_all(text);
        let is = |key: &str| {
            self.token_phrases("yes_no", key, true)
                .any(|(_, p)| *p == t)
        };
        if is("yes") {
            Some(true)
        } else if is("no") {
            Some(false)
        } else {
            None
        }
    }
}

/// What [`Vocabulary::find`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// One key; the languages whose phrase matched.
    One {
        key: String,
        langs: Vec<Lang>,
    },
    /// Several keys matched equally well.
    Ambiguous(Vec<String>),
    None,
}

impl Found {
    pub fn key(&self) -> Option<&str> {
        match self {
            Found::One { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// The text without what is in brackets: "Date prévue (ETA)" -> "Date prévue". "(s)" is kept,
/// [`tokens`] drops it.
fn without_brackets(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => {
                let rest: String = chars.clone().take(3).collect();
                let plural = ["s)", "e)", "es)", "en)"]
                    .iter()
                    .any(|p| rest.to_lowercase().starts_with(p));
                if plural && depth == 0 {
                    out.push(c);
                } else {
                    depth += 1;
                }
            }
            ')' | ']' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `phrase` appears in `text` as a run of whole tokens.
fn contains_run(text: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && text.windows(phrase.len()).any(|w| w == phrase)
}

/// Lowercase, no accents, "(s)" / "(e)" / "(es)" / "(en)" dropped, punctuation as separators.
fn raw_tokens(text: &str) -> Vec<String> {
    let lowered: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect();
    let mut cleaned = lowered;
    for plural in ["(s)", "(e)", "(es)", "(en)"] {
        cleaned = cleaned.replace(plural, "");
    }
    // Words, and "#" and "?" as words of their own: a header "#" is the row number, a
    // competence "?" is to be determined.
    let mut out = Vec::new();
    let mut word = String::new();
    for c in cleaned.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if matches!(c, '#' | '?') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The tokens a phrase is compared on: small words dropped, a plural "s" removed.
pub fn tokens(text: &str) -> Vec<String> {
    raw_tokens(text)
        .into_iter()
        .filter(|t| !SMALL_WORDS.contains(&t.as_str()))
        .map(|t| singular(&t))
        .collect()
}

/// The tokens with the small words kept ("n a", "pas de"), plural removed.
fn tokens_keep_all(text: &str) -> Vec<String> {
    raw_tokens(text).into_iter().map(|t| singular(&t)).collect()
}

fn singular(token: &str) -> String {
    if token.len() > 3 && token.ends_with('s') && !token.ends_with("ss") {
        token[..token.len() - 1].to_owned()
    } else {
        token.to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// The Region's administrations.

const AUTHORITIES: &str = include_str!("../../../vocabulary/authorities.toml");

/// An administration or public body of the Brussels-Capital Region, as `vocabulary/authorities.toml`
/// lists it: what every new database starts with.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RegionAuthority {
    pub code: String,
    pub name_fr: String,
    pub name_nl: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct AuthorityFile {
    authority: Vec<RegionAuthority>,
}

/// The Region's administrations and public bodies (read once from the embedded file).
pub fn region_authorities() -> &'static [RegionAuthority] {
    static LIST: OnceLock<Vec<RegionAuthority>> = OnceLock::new();
    LIST.get_or_init(|| match toml::from_str::<AuthorityFile>(AUTHORITIES) {
        Ok(file) => file.authority,
        // Part of the build and read by a test: cannot fail in a released binary.
        Err(e) => panic!("vocabulary/authorities.toml: {e}"),
    })
}

// ---------------------------------------------------------------------------------------------
// Transposition statuses.

/// What a status cell of the unit's tables says about the transposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TranspositionState {
    NotStarted,
    InProgress,
    Partial,
    Complete,
    NotApplicable,
}

impl TranspositionState {
    pub const ALL: [TranspositionState; 5] = [
        TranspositionState::NotStarted,
        TranspositionState::InProgress,
        TranspositionState::Partial,
        TranspositionState::Complete,
        TranspositionState::NotApplicable,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            TranspositionState::NotStarted => "not-started",
            TranspositionState::InProgress => "in-progress",
            TranspositionState::Partial => "partial",
            TranspositionState::Complete => "complete",
            TranspositionState::NotApplicable => "not-applicable",
        }
    }

    pub fn from_code(code: &str) -> Option<TranspositionState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// What a computed status says in these terms (None when no deadline is known).
    pub fn of(status: &crate::Status) -> Option<TranspositionState> {
        use crate::Status;
        Some(match status {
            Status::NotConcerned => TranspositionState::NotApplicable,
            Status::NoDeadline => return None,
            Status::NotYetDue { .. } => TranspositionState::NotStarted,
            Status::TransposedOnTime | Status::TransposedLate { .. } => {
                TranspositionState::Complete
            }
            Status::PartiallyTransposed { .. } => TranspositionState::Partial,
            Status::Overdue { .. } => TranspositionState::InProgress,
        })
    }
}

/// The one-word status concepts and the negations, gathered once from the vocabulary.
struct StatusWords {
    done: Vec<String>,
    complete: Vec<String>,
    partial: Vec<String>,
    started: Vec<String>,
    negations: Vec<String>,
    prefixes: Vec<String>,
}

impl StatusWords {
    fn get() -> &'static StatusWords {
        static WORDS: OnceLock<StatusWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let v = Vocabulary::get();
            let single = |section: &str, key: &str| -> Vec<String> {
                v.token_phrases(section, key, true)
                    .filter(|(_, p)| p.len() == 1)
                    .map(|(_, p)| p[0].clone())
                    .collect()
            };
            StatusWords {
                done: single("status", "done"),
                complete: single("status", "complete"),
                partial: single("status", "partial"),
                started: single("status", "started"),
                negations: single("negation", "words"),
                prefixes: v
                    .phrases("negation", "prefixes")
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            }
        })
    }
}

/// How many words before a word a negation still negates it ("pas encore complètement transposée").
const NEGATION_REACH: usize = 3;

/// Reads a status cell by rule: "not applicable" phrases first; then what is *negated* ("non
/// transposée", "niet volledig omgezet", "incomplète"); then partial, not started, work in progress;
/// then what is done. `None` when the text says none of these: the caller reports it, it never
/// becomes a default.
pub fn read_status(text: &str) -> Option<TranspositionState> {
    use TranspositionState::*;
    let v = Vocabulary::get();
    let words = tokens_keep_all(text);
    if words.is_empty() {
        return None;
    }
    // A short phrase ("na", "n/a", "so") is the whole cell or nothing: "n'a pas" is not "n/a".
    let has_phrase = |key: &str| {
        v.token_phrases("status", key, true).any(|(_, p)| {
            if p.iter().map(String::len).sum::<usize>() <= 3 {
                *p == words
            } else {
                contains_run(&words, p)
            }
        })
    };
    if has_phrase("not_applicable") {
        return Some(NotApplicable);
    }
    let w = StatusWords::get();
    let negated_at = |i: usize| {
        words[i.saturating_sub(NEGATION_REACH)..i]
            .iter()
            .any(|t| w.negations.contains(t))
    };
    // (said, denied): the concept's word is there, without or with a negation before it.
    let concept = |list: &[String]| {
        let at: Vec<usize> = (0..words.len())
            .filter(|i| list.contains(&words[*i]))
            .collect();
        (
            at.iter().any(|i| !negated_at(*i)),
            at.iter().any(|i| negated_at(*i)),
        )
    };
    let (said_done, denied_done) = concept(&w.done);
    let (said_complete, mut denied_complete) = concept(&w.complete);
    let (said_started, denied_started) = concept(&w.started);
    let said_partial = words.iter().any(|t| w.partial.contains(t));
    // "incomplète", "onvolledig": a negating prefix on a "complete" word.
    denied_complete |= words.iter().any(|t| {
        w.prefixes.iter().any(|p| {
            t.strip_prefix(p.as_str())
                .is_some_and(|rest| w.complete.iter().any(|c| c == rest))
        })
    });
    if said_partial || denied_complete || has_phrase("partial") {
        return Some(Partial);
    }
    if denied_done || denied_started || has_phrase("not_started") {
        return Some(NotStarted);
    }
    let in_progress = said_started || has_phrase("in_progress");
    if said_done || said_complete || has_phrase("complete") {
        return Some(Complete);
    }
    in_progress.then_some(InProgress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let v = Vocabulary::get();
        for section in SECTIONS {
            let all = v.keys(section);
            for lang in Lang::ALL {
                assert_eq!(
                    v.keys_of(lang, section),
                    all,
                    "[{section}] of vocabulary/{}.toml",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn a_broken_file_is_an_error() {
        let err = Vocabulary::parse(&[(Lang::Fr, "[columns\n")])
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.starts_with("vocabulary/fr.toml")));
        let err = Vocabulary::parse(&[(Lang::Nl, "[columns]\n")])
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("vocabulary/nl.toml: no [register_columns] section".to_owned())
        );
    }

    #[test]
    fn tokens_of_headers() {
        assert_eq!(
            tokens("Délai(s) de transposition"),
            ["delai", "transposition"]
        );
        assert_eq!(
            tokens("DÉLAIS  DE TRANSPOSITION"),
            ["delai", "transposition"]
        );
        assert_eq!(
            tokens("Administration(s) compétente(s)"),
            ["administration", "competente"]
        );
        assert_eq!(tokens("N°"), ["n"]);
        assert_eq!(without_brackets("Date prévue (ETA)"), "Date prévue ");
        assert_eq!(
            without_brackets("Délai(s) de transposition"),
            "Délai(s) de transposition"
        );
    }

    fn check_status(text: &str, expected: Option<TranspositionState>) {
        assert_eq!(read_status(text), expected, "{text:?}");
    }

    #[test]
    fn statuses_with_negations() {
        use TranspositionState::*;
        check_status("Transposée", Some(Complete));
        check_status("transposée en retard", Some(Complete));
        check_status("non transposée", Some(NotStarted));
        check_status("niet omgezet", Some(NotStarted));
        check_status("pas encore complètement transposée", Some(Partial));
        check_status("incomplète", Some(Partial));
        check_status("onvolledig omgezet", Some(Partial));
        check_status("Not fully transposed", Some(Partial));
        check_status("en retard de transposition", Some(InProgress));
        check_status("achterstallig", Some(InProgress));
        check_status("Sans objet", Some(NotApplicable));
        check_status("Non concernée", Some(NotApplicable));
        check_status("pas encore échue", Some(NotStarted));
        check_status("Voir note", None);
        check_status("", None);
    }

    #[test]
    fn every_status_label_reads_back() {
        use crate::Status;
        use crate::status::Delay;
        let delay = Delay { days: 1, months: 0 };
        for (status, state) in [
            (Status::NotConcerned, TranspositionState::NotApplicable),
            (
                Status::NotYetDue { days_left: 3 },
                TranspositionState::NotStarted,
            ),
            (Status::TransposedOnTime, TranspositionState::Complete),
            (
                Status::TransposedLate { delay },
                TranspositionState::Complete,
            ),
            (
                Status::PartiallyTransposed { delay },
                TranspositionState::Partial,
            ),
            (Status::Overdue { delay }, TranspositionState::InProgress),
        ] {
            for lang in Lang::ALL {
                check_status(status.label(lang), Some(state));
            }
        }
    }

    #[test]
    fn the_regions_authorities() {
        let list = region_authorities();
        assert!(list.len() >= 25, "{} authorities", list.len());
        let key = |s: &str| tokens_keep_all(s).join(" ");
        let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
        for a in list {
            assert!(
                !a.code.is_empty() && !a.name_fr.is_empty() && !a.name_nl.is_empty(),
                "{a:?}"
            );
            let mut own: Vec<String> = [&a.code, &a.name_fr, &a.name_nl]
                .iter()
                .map(|n| key(n))
                .collect();
            own.extend(a.aliases.iter().map(|n| key(n)));
            own.sort();
            own.dedup();
            for name in own {
                if let Some(other) = seen.insert(name.clone(), &a.code) {
                    panic!("{name:?} names both {other} and {}", a.code);
                }
            }
        }
        for code in [
            "BE",
            "BM",
            "BEE",
            "BRUGEL",
            "BF",
            "BPL",
            "TALENT",
            "URBAN",
            "PERSPECTIVE",
            "PARADIGM",
            "ACTIRIS",
            "HUB",
        ] {
            assert!(list.iter().any(|a| a.code == code), "{code}");
        }
    }

    #[test]
    fn yes_and_no() {
        let v = Vocabulary::get();
        for (text, expected) in [
            ("Oui", Some(true)),
            ("ja", Some(true)),
            ("x", Some(true)),
            ("NEE", Some(false)),
            ("non", Some(false)),
            ("peut-être", None),
        ] {
            assert_eq!(v.yes_no(text), expected, "{text}");
        }
    }
}
