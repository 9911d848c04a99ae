//! One set of translation files (`locales/{fr,nl,en}.toml`): every key the code and the templates
//! ask for exists in every language (the files' parity is `domain::words`' own test).

use std::path::{Path, PathBuf};

use domain::Lang;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") {
                files(&path, ext, out);
            }
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The string literals of a source that name a key of the translation files: `"cli.tracked"`,
/// `"page.title"`...
fn keys_in(source: &str) -> Vec<String> {
    const SECTIONS: [&str; 20] = [
        "cli.",
        "campaign.",
        "mail.",
        "impact_report.",
        "negotiation.",
        "impact.",
        "web.",
        "tables.",
        "sync.",
        "page.",
        "meeting_name.",
        "lead.",
        "scoreboard.",
        "error.",
        "status.",
        "competence.",
        "legal_basis.",
        "step.",
        "case_type.",
        "measure_kind.",
    ];
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            // File names (`scoreboard.html`, `scoreboard.db`) and the bare prefix are not keys.
            let file = [
                "html", "txt", "db", "xlsx", "ics", "json", "docx", "toml", "rs",
            ]
            .iter()
            .any(|ext| s.ends_with(&format!(".{ext}")));
            SECTIONS
                .iter()
                .any(|p| s.starts_with(p) && s.len() > p.len())
                && !file
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_key_the_code_and_the_templates_ask_for_exists_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources = Vec::new();
    files(&root.join("crates"), "rs", &mut sources);
    let mut asked = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        asked.extend(keys_in(&text).into_iter().map(|k| (k, path.clone())));
    }
    // The web application's templates read theirs as `w.name`: the `web` tables.
    let mut web_templates = Vec::new();
    files(
        &root.join("crates/web/templates"),
        "html",
        &mut web_templates,
    );
    assert!(web_templates.len() > 5, "the web templates are found");
    for path in web_templates {
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split("w.").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                asked.push((format!("web.{name}"), path.clone()));
            }
        }
    }
    // The e-mail digest's templates read theirs as `w.name`: the `mail` tables.
    for name in ["templates/mail.html", "templates/mail.txt"] {
        let template = std::fs::read_to_string(root.join(name)).unwrap();
        for part in template.split("w.").skip(1) {
            let word: String = part
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !word.is_empty() {
                asked.push((format!("mail.{word}"), root.join(name)));
            }
        }
    }
    // The page template reads its words as `w.name`: the `page` tables.
    let template = std::fs::read_to_string(root.join("templates/scoreboard.html")).unwrap();
    for part in template.split("w.").skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        if !name.is_empty() {
            asked.push((
                format!("page.{name}"),
                root.join("templates/scoreboard.html"),
            ));
        }
    }
    assert!(
        asked.len() > 300,
        "the scan finds the keys ({})",
        asked.len()
    );
    let mut missing = Vec::new();
    for (key, path) in &asked {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            if !domain::words::has(lang, key) {
                missing.push(format!("{lang} {key} ({})", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_noun_an_error_names_is_translated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // `DataError` is built in `data` and `cli`; other crates' errors have their own `what`.
    let mut sources = Vec::new();
    files(&root.join("crates/data"), "rs", &mut sources);
    files(&root.join("crates/cli"), "rs", &mut sources);
    let mut nouns = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        for part in text.split("what: \"").skip(1) {
            if let Some((noun, _)) = part.split_once('"') {
                nouns.push(noun.to_owned());
            }
        }
    }
    assert!(
        nouns.len() > 10,
        "the scan finds the nouns ({})",
        nouns.len()
    );
    for noun in &nouns {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            assert!(
                domain::words::has(lang, &data::noun_key(noun)),
                "{lang}: {noun} ({})",
                data::noun_key(noun)
            );
        }
    }
}

#[test]
fn an_error_is_said_in_the_language_asked() {
    tests::on_each_backend(|b| {
        tests::ok(&b.url, &["init"]);
        for (lang, words) in [
            ("fr", "directive 2019/999 (32019L0999) introuvable"),
            ("nl", "richtlijn 2019/999 (32019L0999) niet gevonden"),
            ("en", "no directive 2019/999 (32019L0999)"),
        ] {
            let run = tests::scoreboard(&b.url, &["--lang", lang, "directive", "show", "2019/999"]);
            assert_eq!(run.code, 2);
            assert!(run.err.contains(words), "{lang}: {}", run.err);
        }
    });
}
