//! Small text helpers shared by the parsers: case, accents and the many kinds of spaces.

/// Lowercases, removes the accents of Latin letters, turns every kind of space (no-break, narrow
/// no-break, zero-width, tab...) into a plain space, collapses runs of spaces and trims.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}') {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(strip_accent(c));
    }
    out
}

/// The letter without its accent, for the Latin letters of the member states' languages; the one
/// folding every parser and lookup shares.
pub fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'ă' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ő' | 'ø' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ș' | 'ş' => 's',
        'ť' | 'ț' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ū' | 'ů' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// The input without any whitespace, in upper case: the compact form of an identifier.
pub(crate) fn compact_upper(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// True when `s` is non-empty and made of ASCII digits only.
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "fold({input:?})");
    }

    #[test]
    fn folds_case_accents_and_spaces() {
        check("  Décembre\u{a0}2023 ", "decembre 2023");
        check(
            "Richtlijn\u{202f}(EU)\t 2019/1024",
            "richtlijn (eu) 2019/1024",
        );
        check("2ÈME trimestre", "2eme trimestre");
        check("", "");
        check("\u{a0}\u{a0}", "");
        check("août", "aout");
    }

    #[test]
    fn compacts() {
        assert_eq!(compact_upper(" infr (2020) 0385 "), "INFR(2020)0385");
        assert!(all_digits("0123"));
        assert!(!all_digits(""));
        assert!(!all_digits("12a"));
    }
}
