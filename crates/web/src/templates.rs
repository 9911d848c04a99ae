//! The pages' templates, embedded at build time (minijinja, HTML auto-escaping), and the words they
//! read as `w.name`: the `web` tables of `locales/{fr,nl,en}.toml`.

use std::collections::BTreeMap;

use domain::Lang;
use minijinja::Environment;

const TEMPLATES: [(&str, &str); 20] = [
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("signin.html", include_str!("../templates/signin.html")),
    (
        "signin_refused.html",
        include_str!("../templates/signin_refused.html"),
    ),
    ("home.html", include_str!("../templates/home.html")),
    (
        "directive_rows.html",
        include_str!("../templates/directive_rows.html"),
    ),
    (
        "case_rows.html",
        include_str!("../templates/case_rows.html"),
    ),
    (
        "directives.html",
        include_str!("../templates/directives.html"),
    ),
    ("cases.html", include_str!("../templates/cases.html")),
    (
        "directive.html",
        include_str!("../templates/directive.html"),
    ),
    ("case.html", include_str!("../templates/case.html")),
    ("conflict.html", include_str!("../templates/conflict.html")),
    ("changes.html", include_str!("../templates/changes.html")),
    (
        "downloads.html",
        include_str!("../templates/downloads.html"),
    ),
    (
        "proposals.html",
        include_str!("../templates/proposals.html"),
    ),
    ("proposal.html", include_str!("../templates/proposal.html")),
    (
        "campaigns.html",
        include_str!("../templates/campaigns.html"),
    ),
    ("campaign.html", include_str!("../templates/campaign.html")),
    (
        "correlation.html",
        include_str!("../templates/correlation.html"),
    ),
    (
        "correlation_provision.html",
        include_str!("../templates/correlation_provision.html"),
    ),
];

/// The names of the templates (for the test that every `w.` word exists).
#[cfg(test)]
fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    TEMPLATES.into_iter()
}

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e:#}"));
    }
    env
}

/// The pages' words in `lang`, without their `web.` prefix.
pub fn words(lang: Lang) -> BTreeMap<String, String> {
    domain::words::all(lang)
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("web.")?.to_owned(), v.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles_and_every_word_exists() {
        let _ = environment();
        for lang in Lang::ALL {
            let w = words(lang);
            for (name, source) in sources() {
                for part in source.split("w.").skip(1) {
                    let key: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if !key.is_empty() {
                        assert!(
                            w.contains_key(&key),
                            "{name} asks for web.{key}, missing in {lang:?}"
                        );
                    }
                }
            }
        }
    }
}
