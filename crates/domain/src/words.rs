//! Every word a person reads, in French, Dutch and English: one key per phrase, in one file per
//! language (`locales/fr.toml`, `locales/nl.toml`, `locales/en.toml`), embedded in the binary.
//! The command line, every report, the page templates and the error messages take their words
//! from here, so a phrase reads the same wherever it appears; a test checks that the three files
//! have the same keys and that every key the code and the templates ask for exists.
//!
//! A file is a TOML document of tables of texts; a key is the path to a text, `section.key` (or
//! `annual.section.key`). `{name}` in a text is a placeholder [`fill`] replaces.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::Lang;

const FR: &str = include_str!("../../../locales/fr.toml");
const NL: &str = include_str!("../../../locales/nl.toml");
const EN: &str = include_str!("../../../locales/en.toml");

/// The embedded translation file of a language (TOML).
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => FR,
        Lang::Nl => NL,
        Lang::En => EN,
    }
}

/// A translation file that cannot be read: not TOML, or a value that is neither a text nor a table.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the {lang} translation file is not valid: {message}")]
pub struct WordsError {
    pub lang: Lang,
    pub message: String,
}

/// Reads a translation file into `key` -> text, keys being the paths of the texts.
pub fn parse(lang: Lang, source: &str) -> Result<BTreeMap<String, String>, WordsError> {
    let table: toml::Table = toml::from_str(source).map_err(|e| WordsError {
        lang,
        message: e.to_string(),
    })?;
    let mut map = BTreeMap::new();
    flatten(lang, "", table, &mut map)?;
    Ok(map)
}

fn flatten(
    lang: Lang,
    prefix: &str,
    table: toml::Table,
    map: &mut BTreeMap<String, String>,
) -> Result<(), WordsError> {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                map.insert(path, text);
            }
            toml::Value::Table(inner) => flatten(lang, &path, inner, map)?,
            _ => {
                return Err(WordsError {
                    lang,
                    message: format!("{path} is neither a text nor a table"),
                });
            }
        }
    }
    Ok(())
}

/// The embedded words of a language. The files are checked by the tests; should one not parse in
/// a build anyway, every word shows its key, which a reader reports.
pub fn all(lang: Lang) -> &'static BTreeMap<String, String> {
    static TABLES: [OnceLock<BTreeMap<String, String>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::Fr => 0,
        Lang::Nl => 1,
        Lang::En => 2,
    };
    TABLES[slot].get_or_init(|| parse(lang, source(lang)).unwrap_or_default())
}

/// The text of `key` in `lang`; the key itself if there is none (the key test makes that a bug
/// caught before release, never a blank).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    all(lang).get(key).map_or(key, String::as_str)
}

/// Whether `lang` has a text for `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    all(lang).contains_key(key)
}

/// The text of `key` with each `{name}` replaced by its value.
pub fn fill(lang: Lang, key: &'static str, values: &[(&str, &str)]) -> String {
    let mut text = t(lang, key).to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// One phrase, named by its key: `W("status.overdue").t(lang)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct W(pub &'static str);

impl W {
    pub fn t(&self, lang: Lang) -> &'static str {
        t(lang, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_languages_have_the_same_keys_and_no_empty_text() {
        let fr = parse(Lang::Fr, FR).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let other = parse(lang, source(lang)).unwrap();
            let missing: Vec<&String> = fr.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !fr.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, not in French {extra:?}"
            );
        }
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            for (key, text) in all(lang) {
                assert!(!text.trim().is_empty(), "{lang} {key} is empty");
            }
        }
    }

    #[test]
    fn placeholders_are_the_same_in_every_language() {
        let names = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            found.sort();
            found
        };
        for (key, fr) in all(Lang::Fr) {
            for lang in [Lang::Nl, Lang::En] {
                let other = &all(lang)[key];
                assert_eq!(names(fr), names(other), "{key}: {fr} / {other}");
            }
        }
    }

    #[test]
    fn a_missing_key_shows_itself_and_fill_replaces_every_placeholder() {
        assert_eq!(t(Lang::Fr, "no.such.key"), "no.such.key");
        assert!(!has(Lang::Nl, "no.such.key"));
        assert_eq!(
            parse(Lang::Fr, "[a]\nb = 1").unwrap_err().message,
            "a.b is neither a text nor a table"
        );
    }
}
