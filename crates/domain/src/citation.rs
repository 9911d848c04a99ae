//! How people write a directive in a text: the year/number pairs of a text ("Directive (EU)
//! 2019/1024", "richtlijn 2008/98/EG", "91/271/EEC"), the words before them, their suffix, and
//! what makes a pair unreadable as one directive number. [`crate::DirectiveId`] reads values and
//! texts with it.

use crate::text::fold;

/// What the words before a year/number pair say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Nothing telling: a bare "2019/1024".
    Free,
    /// After "Directive", "richtlijn", "dir."...
    Directive,
    /// After "Regulation", "Decision"...: the name of that kind of act.
    OtherAct(&'static str),
}

/// Why a year/number pair does not read as one directive number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Defect {
    /// Letters or digits stuck to it: `x2019/1024`, `2019/1024x`.
    Glued,
    /// A thousands separator or a decimal part: `2019/1,024`, `2019/1 024`, `2019/1024.0`,
    /// `1.2019/1024`; also `2019/1024,2019/1937`, where the comma stands between two digits.
    Separator,
    /// Spaces around the slash: `2019 / 1024`.
    Spaced,
    /// A sign: `-2019/1024`, `2019/-1024`.
    Sign,
    /// After the number, something else than a known suffix: `2019/1024/XYZ`, `2019/1024-a`.
    Trailing,
}

impl Defect {
    /// What a directive number should have looked like.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            Defect::Glued => {
                "a year and a number with nothing glued to them, like 2019/1024 or 2019/1024/EU"
            }
            Defect::Separator => {
                "a year and a number in digits only, without thousands separators or decimals, like 2019/1024 (in a list, a space after each comma: 2019/1024, 2019/1937)"
            }
            Defect::Spaced => {
                "a year, a slash and a number without spaces between them, like 2019/1024"
            }
            Defect::Sign => "a year and a number without a sign, like 2019/1024",
            Defect::Trailing => {
                "a year and a number, optionally followed by /EU, /EC, /EEC or /Euratom, like 2019/1024 or 91/271/EEC"
            }
        }
    }
}

/// What a suffix of another era than the year's should have been.
pub(crate) const ERA_EXPECTED: &str = "a suffix that matches the year: /EEC (CEE, EEG, EWG) up to 1993, /EU (UE) from 2009, like 91/271/EEC or 2010/31/EU";

/// A year/number pair found in a text, before validation.
#[derive(Debug)]
pub(crate) struct Citation {
    pub(crate) year: String,
    pub(crate) number: String,
    pub(crate) context: Context,
    /// The suffix after the number, folded: `eu`, `ec`, `eec`, `euratom`...
    pub(crate) suffix: Option<&'static str>,
    pub(crate) defect: Option<Defect>,
    /// Whether a free text may still count it: a sign before the year or something after the
    /// number do not hide a citation in a sentence ("Directive 2011/7/ EU" in the Commission's
    /// register), where the other defects make it no citation at all.
    pub(crate) readable_in_text: bool,
}

impl Citation {
    /// Both parts as numbers: the year (19xx for two digits) and the number, or what was expected
    /// instead. The bounds are [`crate::DirectiveId::new`]'s.
    pub(crate) fn parts(&self) -> Result<(u16, u16), &'static str> {
        let year = match self.year.len() {
            // Before 1999 directives were numbered with two-digit years: 91/271/EEC.
            2 => self.year.parse::<u16>().ok().map(|y| 1900 + y),
            4 => self.year.parse::<u16>().ok(),
            _ => None,
        };
        let year = year.filter(|y| crate::ids::YEARS.contains(y));
        let Some(year) = year else {
            return Err(
                "a year of 4 digits (2 for directives before 1999) and a number, like 2019/1024 or 91/271",
            );
        };
        if self.number.len() > 4 {
            return Err("a year and a number of at most 4 digits, like 2019/1024");
        }
        match self.number.parse::<u16>() {
            Ok(number) if number >= 1 => Ok((year, number)),
            _ => Err("a year and a number from 1 to 9999, like 2019/1024"),
        }
    }

    /// Whether the suffix belongs to the year's era. The European Economic Community became the
    /// European Community in November 1993, and the Lisbon Treaty made it the Union in December
    /// 2009: `/EEC` after 1993 or `/EU` before 2009 is a mistake in the year or the suffix. The
    /// Community's `/EC` is tolerated on either side: the Commission's own register writes
    /// "directive 2012/34/CE".
    pub(crate) fn suffix_fits(&self, year: u16) -> bool {
        match self.suffix {
            Some("eec" | "cee" | "eeg" | "ewg") => year <= 1993,
            Some("eu" | "ue") => year >= 2009,
            _ => true,
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
/// Words that separate the items of a list when a directive reference follows them.
const LIST_WORDS: &[&str] = &["and", "et", "en", "und"];

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

/// The characters a citation or a title may hold: letters (with combining accents), digits,
/// spaces and the punctuation of titles. Anything else (an emoji, `*`, `?`, `_`, a full-width
/// digit) has no place in a directive reference.
pub(crate) fn is_citation_char(c: char) -> bool {
    c.is_alphabetic()
        || c.is_ascii_digit()
        || c.is_whitespace()
        || ('\u{300}'..='\u{36f}').contains(&c)
        || ".,;:()[]/-–—'’‘\"«»“”„°&+\u{2212}".contains(c)
}

fn is_sign(c: char) -> bool {
    matches!(c, '-' | '+' | '\u{2212}')
}

fn run_end(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> usize {
    from + chars[from.min(chars.len())..]
        .iter()
        .take_while(|c| keep(**c))
        .count()
}

/// Finds every `year/number` pair of a text, with the words before it, the suffix after it and
/// its defect. A pair inside a longer run of slashes and digits (a date 30/06/2021, a case
/// 2020/385/1, a path COM/2021/558) is not a citation.
pub(crate) fn scan(text: &str) -> Vec<Citation> {
    let chars: Vec<char> = fold(text).chars().collect();
    let mut found = Vec::new();
    let mut context = Context::Free;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphabetic() {
            let end = run_end(&chars, i, char::is_alphabetic);
            let word: String = chars[i..end].iter().collect();
            context = next_context(context, &word);
            i = end;
        } else if c.is_ascii_digit() {
            match pair_at(&chars, i) {
                Scanned::Pair(mut citation, end) => {
                    citation.context = context;
                    found.push(citation);
                    i = end;
                }
                Scanned::Other(end) => {
                    context = Context::Free;
                    i = end;
                }
            }
        } else {
            i += 1;
        }
    }
    found
}

/// What a run of digits starts.
enum Scanned {
    /// A year/number pair and the index after it (after its suffix, if any).
    Pair(Citation, usize),
    /// A lone number, a date, a path...: the index after it.
    Other(usize),
}

/// What starts at `start`, a digit of the folded text.
fn pair_at(chars: &[char], start: usize) -> Scanned {
    let at = |i: usize| chars.get(i).copied();
    let is_digit = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let spaces = |i: usize| run_end(chars, i, |c| c == ' ') - i;
    let year_end = run_end(chars, start, |c| c.is_ascii_digit());
    let slash = year_end + spaces(year_end);
    if at(slash) != Some('/') {
        return Scanned::Other(year_end);
    }
    let spaced = slash > year_end || spaces(slash + 1) > 0;
    let mut number_start = slash + 1 + spaces(slash + 1);
    let signed = at(number_start).is_some_and(is_sign);
    if signed {
        number_start += 1;
    }
    if !is_digit(number_start) {
        return Scanned::Other(year_end);
    }
    let number_end = run_end(chars, number_start, |c| c.is_ascii_digit());
    let before = start.checked_sub(1).and_then(at);
    if before == Some('/') || (at(number_end) == Some('/') && is_digit(number_end + 1)) {
        let end = run_end(chars, number_end, |c| c == '/' || c.is_ascii_digit());
        return Scanned::Other(end);
    }
    let mut end = number_end;
    let mut suffix = None;
    if at(end) == Some('/') {
        let word_end = run_end(chars, end + 1, char::is_alphabetic);
        let word: String = chars[end + 1..word_end].iter().collect();
        if let Some(known) = SUFFIXES.iter().find(|s| **s == word) {
            suffix = Some(*known);
            end = word_end;
        }
    }
    let after = at(end);
    let glued =
        before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric);
    let separated =
        separator_before(chars, start) || (suffix.is_none() && separator_after(chars, number_end));
    let sign_before = before.is_some_and(is_sign);
    let trailing = match after {
        Some('/') => true,
        Some('-') => at(end + 1).is_some_and(char::is_alphanumeric),
        // After a suffix a comma may start the next directive of a list: 2014/23/EU,2014/24/EU.
        Some('.' | '\'' | '’') => at(end + 1).is_some_and(char::is_alphanumeric),
        Some(',') => at(end + 1).is_some_and(char::is_alphabetic),
        _ => false,
    };
    let defect = if glued {
        Some(Defect::Glued)
    } else if separated {
        Some(Defect::Separator)
    } else if spaced {
        Some(Defect::Spaced)
    } else if signed || sign_before {
        Some(Defect::Sign)
    } else if trailing {
        Some(Defect::Trailing)
    } else {
        None
    };
    let readable_in_text = match defect {
        None | Some(Defect::Trailing) => true,
        Some(Defect::Sign) => !signed,
        Some(Defect::Glued | Defect::Separator | Defect::Spaced) => false,
    };
    let citation = Citation {
        year: chars[start..year_end].iter().collect(),
        number: chars[number_start..number_end].iter().collect(),
        context: Context::Free,
        suffix,
        defect,
        readable_in_text,
    };
    Scanned::Pair(citation, end)
}

/// A digit, then a thousands separator right before the year: `1.2019/1024`, `2,019/1024`.
fn separator_before(chars: &[char], start: usize) -> bool {
    start >= 2 && ",.'’".contains(chars[start - 1]) && chars[start - 2].is_ascii_digit()
}

/// A thousands separator or a decimal point right after the number (`2019/1,024`, `2019/1024.0`),
/// or a space and a group of exactly three digits (`2019/1 024`; a no-break space is folded into
/// a space).
fn separator_after(chars: &[char], end: usize) -> bool {
    let is_digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    match chars.get(end) {
        Some(',' | '.' | '\'' | '’') => is_digit(end + 1),
        Some(' ') => (end + 1..end + 4).all(is_digit) && !is_digit(end + 4),
        _ => false,
    }
}

/// The items of a list of directives, as [`crate::DirectiveId::parse_list`] describes them, or
/// None when a comma, `+`, `&` or word separates nothing (`+2019/1024`, `2019/1024,`).
pub(crate) fn split_list(s: &str) -> Option<Vec<&str>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(s.len(), |(b, _)| *b);
    let digit_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|(_, c)| c.is_ascii_digit())
    };
    // The items and, between two of them, whether the separator is a hard one (`;`, line break).
    let mut items = Vec::new();
    let mut hard = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        // (hard, length in characters)
        let separator = match c {
            ';' | '\n' | '\r' => Some((true, 1)),
            ',' if !(digit_at(i.checked_sub(1)) && digit_at(Some(i + 1))) => Some((false, 1)),
            '+' | '&' => Some((false, 1)),
            c if c.is_alphabetic() && (i == 0 || chars[i - 1].1.is_whitespace()) => {
                let end = i + chars[i..]
                    .iter()
                    .take_while(|(_, c)| c.is_alphabetic())
                    .count();
                let word = s[byte_at(i)..byte_at(end)].to_lowercase();
                let spaced = chars.get(end).is_some_and(|(_, c)| c.is_whitespace());
                if LIST_WORDS.contains(&word.as_str())
                    && spaced
                    && starts_reference(&s[byte_at(end)..])
                {
                    Some((false, end - i))
                } else {
                    i = end;
                    continue;
                }
            }
            _ => None,
        };
        match separator {
            Some((is_hard, len)) => {
                items.push(&s[start..byte_at(i)]);
                hard.push(is_hard);
                i += len;
                start = byte_at(i);
            }
            None => i += 1,
        }
    }
    items.push(&s[start..]);
    let mut kept = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if !item.trim().is_empty() {
            kept.push(item.trim());
            continue;
        }
        // An empty item is a blank line or a trailing semicolon when a hard separator bounds it;
        // next to a comma, a + or a word alone, something is missing.
        let hard_before = k > 0 && hard[k - 1];
        let hard_after = hard.get(k).copied().unwrap_or(false);
        if !hard_before && !hard_after {
            return None;
        }
    }
    Some(kept)
}

/// Whether a text (after spaces) starts with what can begin a directive reference: a digit, a
/// word naming an act, a CELEX prefix or an address.
fn starts_reference(rest: &str) -> bool {
    let rest = rest.trim_start();
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let word = fold(
        rest.split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or(""),
    );
    DIRECTIVE_WORDS.contains(&word.as_str())
        || OTHER_ACT_WORDS.iter().any(|(w, _)| *w == word)
        || matches!(word.as_str(), "celex" | "http" | "https")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::{DirectiveId, IdError};

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

    // What a strict reading answers for a defect of the year/number pair.
    const GLUED: &str =
        "a year and a number with nothing glued to them, like 2019/1024 or 2019/1024/EU";
    const SEPARATOR: &str = "a year and a number in digits only, without thousands separators or decimals, like 2019/1024 (in a list, a space after each comma: 2019/1024, 2019/1937)";
    const SIGN: &str = "a year and a number without a sign, like 2019/1024";
    const SPACED: &str = "a year, a slash and a number without spaces between them, like 2019/1024";
    const TRAILING: &str = "a year and a number, optionally followed by /EU, /EC, /EEC or /Euratom, like 2019/1024 or 91/271/EEC";
    const ERA: &str = "a suffix that matches the year: /EEC (CEE, EEG, EWG) up to 1993, /EU (UE) from 2009, like 91/271/EEC or 2010/31/EU";
    const DIRECTIVE: &str = "a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024";

    fn refused_number(input: &str, expected: &str) {
        let shown = input.trim();
        check(
            input,
            Err(&format!(
                "\"{shown}\" is not a directive number: expected {expected}"
            )),
        );
    }

    #[test]
    fn directive_is_the_whole_input() {
        for input in [
            "2019/1,024",
            "2019/1.024",
            "2019/1 024",
            "2019/1\u{202f}024",
            "2019/1'024",
            "2019/1’024",
            "2019/1024.0",
            "2019/1024,5",
            "Directive 2019/1,024",
            "1.2019/1024",
            "2,019/1024",
            "2019/1024,2019/1937",
        ] {
            refused_number(input, SEPARATOR);
        }
        for input in ["2019/1024x", "x2019/1024", "Directive 2019/1024abc"] {
            refused_number(input, GLUED);
        }
        for input in [
            "-2019/1024",
            "+2019/1024",
            "Directive -2019/1024",
            "2019/-1024",
            "\u{2212}2019/1024",
        ] {
            refused_number(input, SIGN);
        }
        for input in ["2019 / 1024", "2019/ 1024", "Directive 2019 /1024"] {
            refused_number(input, SPACED);
        }
        for input in [
            "2019/1024/XYZ",
            "2019/1024/EUx",
            "2019/1024/",
            "2019/1024-a",
            "2019/1024/ EU",
            // A Greek capital epsilon where the E of EC should be.
            "2002/22/\u{395}C",
        ] {
            refused_number(input, TRAILING);
        }
        for input in [
            "2019/1024/EEC",
            "2019/1024/CEE",
            "Richtlijn 2019/1024/EEG",
            "2008/98/EU",
            "91/271/UE",
        ] {
            refused_number(input, ERA);
        }
        // The suffix of the European Community is tolerated on either side of its years: the
        // Commission's own register writes "directive 2012/34/CE".
        ok("directive 2012/34/CE", "2012/34");
        ok("Directive 92/43/EC", "1992/43");
        ok("93/13/EEC", "1993/13");
        ok("Directive 2009/162/EU", "2009/162");
        ok("Directive 96/29/Euratom", "1996/29");
        // A title may follow the citation, a sentence may end after it.
        ok(
            "Directive (EU) 2019/1024 of the European Parliament and of the Council of 20 June 2019 on open data and the re-use of public sector information",
            "2019/1024",
        );
        ok("Directive (EU) 2019/1024.", "2019/1024");
        ok("(2019/1024)", "2019/1024");
        ok("«\u{a0}2019/1024\u{a0}»", "2019/1024");
        ok("Directive 2019/1024, on open data", "2019/1024");
        ok("Directive 2021/1226 1226", "2021/1226");
        ok("n° 2019/1024", "2019/1024");
        ok(
            "Directive (EU) 2019/1024\nof the European Parliament",
            "2019/1024",
        );
    }

    #[test]
    fn directive_other_languages() {
        ok("richtlijn 2008/98/EG", "2008/98");
        ok("Directive 91/271/CEE", "1991/271");
        ok("Dir. 2010/31/UE", "2010/31");
        ok("direttiva 2000/60/CE", "2000/60");
        ok("Richtlinie 2000/60/EG", "2000/60");
        ok("Directiva (UE) 2019/1024", "2019/1024");
        ok("Richtlinie 91/271/EWG", "1991/271");
        ok("Directive 2013/59/Euratom", "2013/59");
        ok("la directive (UE) 2019/944 du 5 juin 2019", "2019/944");
        ok(
            "Richtlijn (EU) 2019/1024 van het Europees Parlement en de Raad van 20 juni 2019",
            "2019/1024",
        );
    }

    #[test]
    fn directive_named_twice_or_more() {
        check(
            "2019/1024 et 2019/1937",
            Err(
                "\"2019/1024 et 2019/1937\" names several directives (2019/1024 and 2019/1937): expected one directive, like 2019/1024",
            ),
        );
        check(
            "Directive 2009/72/EC, Directive 2009/73/EC and Directive 2009/28/EC",
            Err(
                "\"Directive 2009/72/EC, Directive 2009/73/EC and Directive 2009/28/EC\" names several directives (2009/72, 2009/73 and 2009/28): expected one directive, like 2019/1024",
            ),
        );
        check(
            "2019/1024\n2019/1937",
            Err(
                "\"2019/1024\\n2019/1937\" names several directives (2019/1024 and 2019/1937): expected one directive, like 2019/1024",
            ),
        );
        for input in [
            "2019/1024 2019/1937",
            "2019/1024; 2019/1937",
            "2019/1024 + 2019/1937",
            "Directives 2014/23/UE et 2014/24/UE",
            "2019/1024 and Council Directive 2006/112/EC",
            "Directive (EU) 2019/1024 on open data, see also 2019/1937",
        ] {
            let got = DirectiveId::parse(input).map_err(|e| e.to_string());
            assert!(
                got.as_ref()
                    .is_err_and(|e| e.contains("names several directives")),
                "input {input:?}: {got:?}"
            );
        }
        // The same directive twice is still one directive.
        ok("Directive 2008/98/EC (2008/98/EC)", "2008/98");
        // Every year/number pair not named as another act must be a directive.
        check(
            "Directive 2019/1024 and Directive 2019/99999",
            Err(
                "\"Directive 2019/1024 and Directive 2019/99999\" is not a directive number: expected a year and a number of at most 4 digits, like 2019/1024",
            ),
        );
        check(
            "Directive (EU) 2019/1024 (OJ L 172/56)",
            Err(
                "\"Directive (EU) 2019/1024 (OJ L 172/56)\" is not a directive number: expected a year of 4 digits (2 for directives before 1999) and a number, like 2019/1024 or 91/271",
            ),
        );
    }

    #[test]
    fn directive_refuses_hidden_and_stray_characters() {
        // (input, what the message says was found, the input as the message shows it)
        let cases = [
            (
                "2019/1024\u{202e}",
                r"the invisible character \u{202e} (right-to-left override)",
                r"2019/1024\u{202e}",
            ),
            (
                "\u{202e}2019/1024",
                r"the invisible character \u{202e} (right-to-left override)",
                r"\u{202e}2019/1024",
            ),
            (
                "2019/\u{200b}1024",
                r"the invisible character \u{200b} (zero-width space)",
                r"2019/\u{200b}1024",
            ),
            (
                "\u{feff}2019/1024",
                r"the invisible character \u{feff} (byte order mark)",
                r"\u{feff}2019/1024",
            ),
            (
                "2019/1024\u{200e}",
                r"the invisible character \u{200e} (left-to-right mark)",
                r"2019/1024\u{200e}",
            ),
            (
                "2019/1024\u{200f}",
                r"the invisible character \u{200f} (right-to-left mark)",
                r"2019/1024\u{200f}",
            ),
            (
                "Directive \u{2066}2019/1024\u{2069}",
                r"the invisible character \u{2066} (left-to-right isolate)",
                r"Directive \u{2066}2019/1024\u{2069}",
            ),
            (
                "2019/1024\u{7}",
                r"the control character \u{7}",
                r"2019/1024\u{7}",
            ),
            (
                "32019L1024\u{0}",
                r"the control character \u{0}",
                r"32019L1024\u{0}",
            ),
            (
                "2019/1024 😀",
                r"the character 😀 (\u{1f600})",
                "2019/1024 😀",
            ),
            (
                "2019/1024😀",
                r"the character 😀 (\u{1f600})",
                "2019/1024😀",
            ),
            ("2019/1024 ?", r"the character ? (\u{3f})", "2019/1024 ?"),
            ("2019/1024*", r"the character * (\u{2a})", "2019/1024*"),
            (
                "２０１９/1024",
                r"the character ２ (\u{ff12})",
                "２０１９/1024",
            ),
        ];
        for (input, found, shown) in cases {
            check(
                input,
                Err(&format!(
                    "\"{shown}\" is not a directive: it contains {found}; expected {DIRECTIVE}"
                )),
            );
        }
    }

    #[test]
    fn directive_from_eli() {
        ok("http://data.europa.eu/eli/dir/2019/1024/oj", "2019/1024");
        ok(
            "https://data.europa.eu/eli/dir/2019/1024/oj/eng",
            "2019/1024",
        );
        ok("http://data.europa.eu/eli/dir/2008/98", "2008/98");
        ok(" HTTP://DATA.EUROPA.EU/ELI/DIR/2008/98/OJ/ ", "2008/98");
        ok("http://data.europa.eu/eli/dir_impl/2019/68/oj", "2019/68");
        ok("http://data.europa.eu/eli/dir_del/2015/863/oj", "2015/863");
        check(
            "http://data.europa.eu/eli/reg/2016/679/oj",
            Err(
                "\"http://data.europa.eu/eli/reg/2016/679/oj\" is the ELI of a regulation, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check(
            "http://data.europa.eu/eli/dec/2010/405/oj",
            Err(
                "\"http://data.europa.eu/eli/dec/2010/405/oj\" is the ELI of a decision, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        let refused = |input: &str| {
            check(
                input,
                Err(&format!(
                    "\"{input}\" is not the ELI of a directive: expected an address like http://data.europa.eu/eli/dir/2019/1024/oj"
                )),
            )
        };
        refused("http://data.europa.eu/eli/dir/2019/1,024/oj");
        refused("http://data.europa.eu/eli/dir/2019/1024/oj/extra/path");
        refused("http://data.europa.eu/eli/dir/19/1024/oj");
        refused("http://data.europa.eu/eli/dir/2019/10245/oj");
        refused("http://data.europa.eu/eli/dir/2019/1024x/oj");
        refused("http://data.europa.eu/eli/dir/1950/1/oj");
        refused("http://data.europa.eu/eli/dir/2019");
        assert!(DirectiveId::parse("http://data.europa.eu/eli/dir/2019/1024/oj\u{202e}").is_err());
    }

    fn check_list(input: &str, expected: Result<&[&str], &str>) {
        let got = DirectiveId::parse_list(input)
            .map(|ids| ids.iter().map(ToString::to_string).collect::<Vec<_>>())
            .map_err(|e| e.to_string());
        let expected = expected
            .map(|ids| ids.iter().map(ToString::to_string).collect())
            .map_err(str::to_string);
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn directive_lists() {
        let two: &[&str] = &["2019/1024", "2019/1937"];
        for input in [
            "2019/1024; 2019/1937",
            "2019/1024;2019/1937",
            "2019/1024, 2019/1937",
            "2019/1024 , 2019/1937",
            "2019/1024 et 2019/1937",
            "2019/1024 en 2019/1937",
            "2019/1024 and 2019/1937",
            "2019/1024 + 2019/1937",
            "2019/1024+2019/1937",
            "2019/1024 & 2019/1937",
            "2019/1024\n2019/1937",
            "2019/1024\r\n2019/1937\r\n",
            "2019/1024;\n\n2019/1937;",
            "32019L1024; 32019L1937",
            "Directive (EU) 2019/1024 and Directive (EU) 2019/1937",
            "Richtlijn (EU) 2019/1024 en richtlijn (EU) 2019/1937",
            "2019/1024 and\n2019/1937",
            "2019/1024; 2019/1937; 2019/1024",
        ] {
            check_list(input, Ok(two));
        }
        check_list(
            "Directives 2014/23/UE et 2014/24/UE",
            Ok(&["2014/23", "2014/24"]),
        );
        check_list(
            "Directive 2014/23/EU,2014/24/EU",
            Ok(&["2014/23", "2014/24"]),
        );
        check_list(
            "91/271/EEC; 32008L0098; http://data.europa.eu/eli/dir/2019/1024/oj",
            Ok(&["1991/271", "2008/98", "2019/1024"]),
        );
        // "and" inside a title separates nothing.
        check_list(
            "Directive (EU) 2019/1024 of the European Parliament and of the Council of 20 June 2019 on open data",
            Ok(&["2019/1024"]),
        );
        check_list("2019/1024", Ok(&["2019/1024"]));
    }

    #[test]
    fn directive_lists_refused() {
        let separator = "\"2019/1,024\" is not a directive number: expected a year and a number in digits only, without thousands separators or decimals, like 2019/1024 (in a list, a space after each comma: 2019/1024, 2019/1937)";
        check_list("2019/1,024", Err(separator));
        check_list(
            "2019/1024,2019/1937",
            Err(&separator.replace("2019/1,024", "2019/1024,2019/1937")),
        );
        check_list(
            "2019/1024; 2019/1 024",
            Err(&separator.replace("2019/1,024", "2019/1 024")),
        );
        check_list(
            "2019/1024; hello",
            Err(
                "\"hello\" is not a directive: expected a directive number like 2019/1024, a citation like Directive (EU) 2019/1024 or a CELEX number like 32019L1024",
            ),
        );
        check_list(
            "2019/1024, 1937",
            Err("\"1937\" is not a directive number: expected a year and a number, like 2019/1024"),
        );
        check_list(
            "2019/1024; Regulation (EU) 2016/679",
            Err(
                "\"Regulation (EU) 2016/679\" is a regulation, not a directive: expected a directive like 2019/1024, Directive (EU) 2019/1024 or 32019L1024",
            ),
        );
        check_list(
            "2019/1024 2019/1937",
            Err(
                "\"2019/1024 2019/1937\" names several directives (2019/1024 and 2019/1937): expected one directive, like 2019/1024",
            ),
        );
        check_list(
            "2019/1024; -2019/1937",
            Err(
                "\"-2019/1937\" is not a directive number: expected a year and a number without a sign, like 2019/1024",
            ),
        );
        let list = |input: &str| {
            format!(
                "\"{input}\" is not a list of directives: expected directives separated by semicolons, line breaks, commas, + or and/et/en, like 2019/1024; 2019/1937"
            )
        };
        for input in [
            "+2019/1024",
            "2019/1024,",
            "2019/1024,, 2019/1937",
            "and 2019/1024",
            ";",
            " ; \n",
        ] {
            check_list(input, Err(&list(input.trim())));
        }
        check_list(
            "",
            Err(
                "empty value: expected directives separated by semicolons, line breaks, commas, + or and/et/en, like 2019/1024; 2019/1937",
            ),
        );
        check_list(
            "2019/1024; 2019/1937\u{202e}",
            Err(
                r#""2019/1024; 2019/1937\u{202e}" is not a list of directives: it contains the invisible character \u{202e} (right-to-left override); expected directives separated by semicolons, line breaks, commas, + or and/et/en, like 2019/1024; 2019/1937"#,
            ),
        );
    }

    #[test]
    fn directive_years_after_next_year() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or(NaiveDate::MIN);
        let plausible = |input: &str| {
            DirectiveId::parse(input)
                .and_then(|id| id.check_plausible(today))
                .map_err(|e| e.to_string())
        };
        assert_eq!(plausible("2019/1024"), Ok(()));
        assert_eq!(plausible("2027/1"), Ok(()));
        assert_eq!(plausible("91/271/EEC"), Ok(()));
        assert_eq!(
            plausible("2099/1"),
            Err(
                "\"2099/1\" is not a directive number: the year 2099 is outside 1958–2027 (next year at the latest)"
                    .to_string()
            )
        );
        assert!(plausible("2028/1").is_err());
        assert!(plausible("32099L0001").is_err());
        assert!(
            DirectiveId { year: 0, number: 0 }
                .check_plausible(today)
                .is_err()
        );
        assert_eq!(
            DirectiveId::parse("2099/1").and_then(|id| id.check_plausible(today)),
            Err(IdError::ImplausibleYear {
                input: "2099/1".to_string(),
                what: "a directive number",
                year: 2099,
                first: 1958,
                last: 2027
            })
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
    fn texts_are_searched_not_judged() {
        // What the Commission's register writes.
        check_find(
            "Non-communication of Directives 2014/23/EU,2014/24/EU",
            &["2014/23", "2014/24"],
        );
        check_find(
            "Late payment Directive 2011/7/ EU not transposed",
            &["2011/7"],
        );
        check_find(
            "Lack of transposition of Directive 2021/1226 1226",
            &["2021/1226"],
        );
        check_find("directive 2012/34/CE", &["2012/34"]);
        check_find("Judgment C-99/02 on Directive 2000/60/EC", &["2000/60"]);
        // A pair that does not read as one number is no citation.
        check_find("Directive 2019/1,024 and Directive 2019/1 024", &[]);
        check_find("Directive 2019/1024.0", &[]);
        check_find("Directive 2019 / 1024", &[]);
        check_find("Directive 2019/-1024", &[]);
        check_find(
            "Directive x2019/1024 and Directive 2019/1937",
            &["2019/1937"],
        );
    }
}
