//! Small text helpers shared by the parsers: case, accents and the many kinds of spaces.

use unicode_normalization::UnicodeNormalization;

/// Lowercases, removes the accents of Latin letters (a text typed with combining accents
/// included), turns every kind of space (no-break, narrow no-break, zero-width, tab...) into a
/// plain space, collapses runs of spaces and trims. The one folding every parser and lookup shares.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}') {
            pending_space = true;
            continue;
        }
        if is_combining_mark(c) {
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

/// The accents Unicode writes after a letter (U+0300–U+036F: acute, grave, cedilla, ogonek...).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The letter without its accent, for every Latin letter (Latin-1, Latin Extended-A and B,
/// Latin Extended Additional: é, ģ, ķ, ċ, ġ, ő, ș, ạ...), upper or lower case. A letter Unicode
/// writes as a base letter and accents is decomposed (`unicode-normalization`); the few that are
/// letters of their own with a stroke (đ, ł, ø, ħ, ŧ, ı...) are listed. Other letters (æ, ß, þ)
/// and other scripts are kept.
pub fn strip_accent(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        'ł' | 'ŀ' => 'l',
        'Ł' | 'Ŀ' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ŧ' => 't',
        'Ŧ' => 'T',
        'ı' => 'i',
        'ƀ' => 'b',
        'ƶ' => 'z',
        'Ƶ' => 'Z',
        'À'..='ɏ' | 'Ḁ'..='ỿ' => c.nfd().next().unwrap_or(c),
        _ => c,
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

/// A character no identifier or date may hold: a control character other than a line break or a
/// tab, or an invisible formatting character (zero-width spaces and joiners, bidirectional marks,
/// embeddings, overrides and isolates, the byte order mark, the soft hyphen). Such a character
/// is invisible on screen, so a value that holds one does not read as what it is: it is refused,
/// never silently dropped.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// The first hidden character of a value (see [`is_hidden`]).
pub(crate) fn hidden_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_hidden(c))
}

/// A value as a message shows it: control and invisible characters written as escapes
/// (`\u{202e}`, `\n`), so that what the user sees is what was read.
pub fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_hidden(c) || c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// A character as a message names it: "the invisible character \u{202e} (right-to-left
/// override)", "the control character \u{7}", "the character 😀 (\u{1f600})".
pub fn describe_char(c: char) -> String {
    let code = c.escape_unicode();
    let name = match c {
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{feff}' => "byte order mark",
        c if c.is_control() => return format!("the control character {code}"),
        c if is_hidden(c) => return format!("the invisible character {code}"),
        c => return format!("the character {c} ({code})"),
    };
    format!("the invisible character {code} ({name})")
}

/// True when whitespace stands between two digits ("2020/0 385"): one number written in two
/// pieces, which a compact reading would silently join.
pub(crate) fn space_inside_number(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        c.is_ascii_digit() && {
            let rest = &chars[i + 1..];
            let spaces = rest.iter().take_while(|c| c.is_whitespace()).count();
            spaces > 0 && rest.get(spaces).is_some_and(char::is_ascii_digit)
        }
    })
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
        // Letters beyond Latin-1: Latvian, Maltese, Croatian, Hungarian, Polish, Romanian...
        check("Ģ ķ ċ ġ đ ő", "g k c g d o");
        check(
            "Ķēniņš Ġużeppi Đurđević Erdős Łódź Ștefănescu",
            "kenins guzeppi durdevic erdos lodz stefanescu",
        );
        // The same words typed with combining accents (e + U+0301...).
        check("De\u{301}cembre Ga\u{327}", "decembre ga");
    }

    #[test]
    fn strips_the_accents_of_latin_letters() {
        let accented = "àáâäãåāąăçćčċďđèéêëēęěėģġğìíîïīįıķĺľļłñńňņòóôöõőøŕřśšșşťțţŧùúûüűūůųýÿźżžħ";
        let plain = "aaaaaaaaaccccddeeeeeeeegggiiiiiiikllllnnnnooooooorrssssttttuuuuuuuuyyzzzh";
        let stripped: String = accented.chars().map(strip_accent).collect();
        assert_eq!(stripped, plain);
        let upper: String = accented.to_uppercase().chars().map(strip_accent).collect();
        assert_eq!(upper, plain.to_uppercase());
        // Vietnamese (Latin Extended Additional), and letters that are no letter plus accent.
        assert_eq!(strip_accent('ạ'), 'a');
        assert_eq!(strip_accent('ỹ'), 'y');
        for kept in ['æ', 'ß', 'þ', 'ð', 'a', 'Z', '1', 'α', 'я', '漢', '×', '÷'] {
            assert_eq!(strip_accent(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn hidden_characters() {
        for c in [
            '\u{0}',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{ad}',
            '\u{200b}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in [
            ' ', '\t', '\n', '\r', '\u{a0}', '\u{202f}', 'a', 'é', '/', '😀',
        ] {
            assert!(!is_hidden(c), "{c:?}");
        }
        assert_eq!(shown("a\u{202e}b\nc\u{7}"), r"a\u{202e}b\nc\u{7}");
        assert_eq!(shown("déjà 2019/1024"), "déjà 2019/1024");
        assert_eq!(
            describe_char('\u{202e}'),
            r"the invisible character \u{202e} (right-to-left override)"
        );
        assert_eq!(
            describe_char('\u{2063}'),
            r"the invisible character \u{2063}"
        );
        assert_eq!(describe_char('\u{1}'), r"the control character \u{1}");
        assert_eq!(describe_char('€'), r"the character € (\u{20ac})");
        assert!(space_inside_number("2020/0 385"));
        assert!(space_inside_number("20\u{a0}200385"));
        assert!(!space_inside_number("INFR (2020) 0385"));
        assert!(!space_inside_number("2020 / 0385"));
    }

    #[test]
    fn compacts() {
        assert_eq!(compact_upper(" infr (2020) 0385 "), "INFR(2020)0385");
        assert!(all_digits("0123"));
        assert!(!all_digits(""));
        assert!(!all_digits("12a"));
    }
}
