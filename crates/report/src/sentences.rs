//! The sentences of a document the unit may rewrite (the notification dossier, the reply draft):
//! one table of the translation files (`[notification]`, `[reply]`), embedded, or the unit's
//! copy of it given with `--words FILE.toml`. A copy must have every key of the table and no
//! other, and use no `{placeholder}` the document does not fill: the embedded text of the same
//! key says which ones it fills.

use std::collections::{BTreeMap, BTreeSet};

use domain::Lang;

use crate::ReportError;

/// The sentences of one document in one language: key (without the table's name) -> text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentences {
    table: &'static str,
    lang: Lang,
    map: BTreeMap<String, String>,
}

/// A copy of the sentences that cannot be used: every problem, each naming its key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}; nothing was written", problems.join("; "))]
pub struct SentencesError {
    pub file: String,
    pub problems: Vec<String>,
}

/// The `{name}`s of a text, in order of appearance (a brace around anything but a name is text).
pub fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

impl Sentences {
    /// The embedded sentences of `table` in `lang`.
    pub fn embedded(table: &'static str, lang: Lang) -> Sentences {
        let prefix = format!("{table}.");
        let map = domain::words::all(lang)
            .iter()
            .filter_map(|(key, text)| Some((key.strip_prefix(&prefix)?.to_owned(), text.clone())))
            .collect();
        Sentences { table, lang, map }
    }

    /// The unit's copy of the `[table]` table in `lang`, read from `source` (a TOML file, which
    /// may hold other tables too: a whole copy of `locales/fr.toml` does); `file` names it in
    /// the messages.
    pub fn from_copy(
        table: &'static str,
        lang: Lang,
        file: &str,
        source: &str,
    ) -> Result<Sentences, SentencesError> {
        let refuse = |problems: Vec<String>| SentencesError {
            file: file.to_owned(),
            problems,
        };
        let all = domain::words::parse(lang, source)
            .map_err(|e| refuse(vec![format!("not a TOML file of sentences: {}", e.message)]))?;
        let prefix = format!("{table}.");
        let copy: BTreeMap<String, String> = all
            .into_iter()
            .filter_map(|(key, text)| Some((key.strip_prefix(&prefix)?.to_owned(), text)))
            .collect();
        let embedded = Sentences::embedded(table, lang);
        if copy.is_empty() {
            return Err(refuse(vec![format!(
                "no [{table}] table: copy it from locales/{}.toml and change its sentences",
                lang.code()
            )]));
        }
        let mut problems = Vec::new();
        for key in embedded.map.keys() {
            if !copy.contains_key(key) {
                problems.push(format!("the sentence {table}.{key} is missing"));
            }
        }
        for (key, text) in &copy {
            let Some(model) = embedded.map.get(key) else {
                problems.push(format!(
                    "{table}.{key} is not a sentence of the document (a key of locales/{}.toml's [{table}] is expected)",
                    lang.code()
                ));
                continue;
            };
            let known: BTreeSet<&str> = placeholders(model).into_iter().collect();
            for name in placeholders(text) {
                if !known.contains(name) {
                    let offered = if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known
                            .iter()
                            .map(|n| format!("{{{n}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    problems.push(format!(
                        "{table}.{key} uses the placeholder {{{name}}}, which the document does not fill (it fills {offered})"
                    ));
                }
            }
        }
        if !problems.is_empty() {
            problems.dedup();
            return Err(refuse(problems));
        }
        Ok(Sentences {
            table,
            lang,
            map: copy,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every key, to compare the languages.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The text of `key`.
    pub fn get(&self, key: &str) -> Result<String, ReportError> {
        self.map
            .get(key)
            .cloned()
            .ok_or_else(|| ReportError::MissingWord {
                lang: self.lang,
                key: format!("{}.{key}", self.table),
            })
    }

    /// The text of `key` with each `{name}` replaced, in one pass: a value that holds braces (a
    /// title typed with `{date}` in it) is left as it is.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> Result<String, ReportError> {
        let text = self.get(key)?;
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.split_once('}').and_then(|(name, _)| {
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (name.len(), *v))
            });
            match value {
                Some((len, v)) => {
                    out.push_str(v);
                    rest = &after[len + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "notification";

    /// The embedded French table written back as a TOML file, with `change` applied to it.
    fn copy(change: impl FnOnce(&mut BTreeMap<String, String>)) -> String {
        let mut table = Sentences::embedded(TABLE, Lang::Fr).map;
        change(&mut table);
        let mut out = format!("[{TABLE}]\n");
        for (k, v) in table {
            let v = v
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            out.push_str(&format!("{k} = \"{v}\"\n"));
        }
        out
    }

    #[test]
    fn reads_placeholders() {
        assert_eq!(
            placeholders("{a} du {date_2}, {not a name} {} {x"),
            ["a", "date_2"]
        );
    }

    #[test]
    fn fills_in_one_pass() {
        let mut w = Sentences::embedded(TABLE, Lang::Fr);
        w.map
            .insert("t".into(), "{kind} du {date} — {title} {other} {".into());
        assert_eq!(
            w.fill(
                "t",
                &[
                    ("title", "titre {date}"),
                    ("kind", "ordonnance"),
                    ("date", "1er mai")
                ]
            )
            .unwrap(),
            "ordonnance du 1er mai — titre {date} {other} {"
        );
    }

    #[test]
    fn an_exact_copy_reads_as_the_embedded_sentences() {
        let read = Sentences::from_copy(TABLE, Lang::Fr, "mots.toml", &copy(|_| {})).unwrap();
        assert_eq!(read, Sentences::embedded(TABLE, Lang::Fr));
        assert!(read.keys().count() > 10);
    }

    #[test]
    fn a_changed_sentence_is_used() {
        let source = copy(|t| {
            t.insert("title".into(), "Dossier {directive} revu".into());
        });
        let read = Sentences::from_copy(TABLE, Lang::Fr, "mots.toml", &source).unwrap();
        assert_eq!(
            read.fill("title", &[("directive", "2019/1024")]).unwrap(),
            "Dossier 2019/1024 revu"
        );
    }

    #[test]
    fn a_missing_key_an_unknown_key_or_placeholder_is_named() {
        let check = |source: String, expected: &str| {
            let err = Sentences::from_copy(TABLE, Lang::Fr, "mots.toml", &source).unwrap_err();
            let text = err.to_string();
            assert!(text.starts_with("mots.toml: "), "{text}");
            assert!(text.contains(expected), "{text}");
        };
        check(
            copy(|t| {
                t.remove("title");
            }),
            "the sentence notification.title is missing",
        );
        check(
            copy(|t| {
                t.insert("titel".into(), "x".into());
            }),
            "notification.titel is not a sentence of the document",
        );
        check(
            copy(|t| {
                t.insert("title".into(), "Dossier {directiv}".into());
            }),
            "notification.title uses the placeholder {directiv}, which the document does not fill (it fills {directive})",
        );
        check("[reply]\ntitle = \"x\"\n".into(), "no [notification] table");
        check("[notification\n".into(), "not a TOML file of sentences");
    }
}
