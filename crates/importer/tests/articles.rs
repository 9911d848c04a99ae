//! A directive's provisions read from real saved texts (tests/fixtures/texts, SOURCE.md there:
//! Directive 2018/2001 in English and French in the layout since 2014, 2003/87 in the older
//! classed layout, 95/46 in the oldest class-less one) and from variants of them.

use std::path::PathBuf;

use domain::Provision;
use importer::Limits;
use importer::articles::{DirectiveText, parse_articles};
use importer::eurlex::EurlexError;

fn text(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/texts")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> DirectiveText {
    parse_articles(&text(name), name, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn codes(t: &DirectiveText) -> Vec<String> {
    t.provisions.iter().map(|p| p.provision.code()).collect()
}

#[test]
fn renewable_energy_directive_in_english_and_french() {
    let en = read("32018L2001-en.html");
    let fr = read("32018L2001-fr.html");
    for t in [&en, &fr] {
        assert_eq!(t.directive.to_string(), "2018/2001");
    }
    // The same provisions in both languages, in the same order.
    assert_eq!(codes(&en), codes(&fr));
    let annex_i = en
        .provisions
        .iter()
        .find(|p| p.provision.code() == "Annex I");
    assert_eq!(
        annex_i.and_then(|p| p.heading.clone()).as_deref(),
        Some(
            "NATIONAL OVERALL TARGETS FOR THE SHARE OF ENERGY FROM RENEWABLE SOURCES IN GROSS FINAL CONSUMPTION OF ENERGY IN 2020 (1)"
        )
    );
    let codes = codes(&en);
    // 39 articles (Article 1 and others without numbered paragraphs listed whole), 11 annexes.
    let articles: std::collections::BTreeSet<Provision> = en
        .provisions
        .iter()
        .map(|p| p.provision.article())
        .filter(|p| matches!(p, Provision::Article { .. }))
        .collect();
    assert_eq!(articles.len(), 39);
    let annexes: Vec<&String> = codes.iter().filter(|c| c.starts_with("Annex")).collect();
    assert_eq!(annexes.len(), 11);
    assert_eq!(annexes[0], "Annex I");
    assert_eq!(annexes[10], "Annex XI");
    assert_eq!(codes[0], "1", "Article 1 has no numbered paragraph");
    assert!(codes.contains(&"3(1)".to_string()));
    assert!(codes.contains(&"25(1)".to_string()));
    // In the directive's order.
    let mut sorted = en
        .provisions
        .iter()
        .map(|p| p.provision.clone())
        .collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(
        sorted,
        en.provisions
            .iter()
            .map(|p| p.provision.clone())
            .collect::<Vec<_>>()
    );
    let first = &en.provisions[0];
    assert_eq!(first.heading.as_deref(), Some("Subject matter"));
    assert!(
        first.excerpt.starts_with("This Directive establishes"),
        "{}",
        first.excerpt
    );
    assert_eq!(fr.provisions[0].heading.as_deref(), Some("Objet"));
    let p31 = en
        .provisions
        .iter()
        .find(|p| p.provision.code() == "3(1)")
        .map(|p| p.excerpt.clone())
        .unwrap_or_default();
    assert!(
        p31.starts_with("1. Member States shall collectively ensure"),
        "{p31}"
    );
    assert!(p31.chars().count() <= importer::articles::EXCERPT_CHARS + 1);
}

#[test]
fn the_regulation_saved_from_eur_lex_is_read_and_refused_as_not_a_directive() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/eurlex/32016R0679-ALL-en.html");
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    let e = parse_articles(&bytes, "32016R0679-ALL-en.html", &Limits::default());
    assert!(matches!(e, Err(EurlexError::NotADirective { .. })), "{e:?}");
}

#[test]
fn older_layouts() {
    let ets = read("32003L0087-en.html");
    assert_eq!(ets.directive.to_string(), "2003/87");
    assert_eq!(read("31995L0046-fr.html").directive.to_string(), "1995/46");
    let codes_ets = codes(&ets);
    assert_eq!(codes_ets[0], "1");
    assert!(codes_ets.contains(&"30(1)".to_string()) || codes_ets.contains(&"30".to_string()));
    assert!(codes_ets.iter().any(|c| c.starts_with("Annex")));
    let dp = read("31995L0046-fr.html");
    let codes_dp = codes(&dp);
    assert_eq!(
        &codes_dp[..2],
        ["1(1)", "1(2)"],
        "Article premier, two paragraphs"
    );
    assert_eq!(
        dp.provisions[0].heading.as_deref(),
        Some("Objet de la directive")
    );
    let articles: std::collections::BTreeSet<Provision> = dp
        .provisions
        .iter()
        .map(|p| p.provision.article())
        .collect();
    assert_eq!(articles.len(), 34, "Directive 95/46/EC has 34 articles");
}

#[test]
fn a_dutch_page_built_from_the_french_one() {
    let fr = String::from_utf8(text("32018L2001-fr.html")).unwrap_or_default();
    let nl = fr
        .replace("Article premier", "Artikel 1")
        .replace(">Article ", ">Artikel ")
        .replace(">ANNEXE ", ">BIJLAGE ")
        .replace("DIRECTIVE (UE) 2018/2001", "RICHTLIJN (EU) 2018/2001");
    let t = parse_articles(nl.as_bytes(), "nl.html", &Limits::default()).expect("reads");
    assert_eq!(codes(&t), codes(&read("32018L2001-fr.html")));
}

#[test]
fn a_page_cut_short_or_reshaped_is_refused() {
    let en = text("32018L2001-en.html");
    let cut = &en[..en.len() / 2];
    assert!(parse_articles(cut, "cut.html", &Limits::default()).is_err());
    let page = String::from_utf8(en).unwrap_or_default();
    // EUR-Lex renames its classes: nothing is read, and the page is refused, not read as empty.
    let renamed = page
        .replace("oj-ti-art", "ti-article")
        .replace("eli-subdivision", "subdivision")
        .replace("eli-container", "container");
    let e = parse_articles(renamed.as_bytes(), "renamed.html", &Limits::default());
    assert!(matches!(e, Err(EurlexError::Layout { .. })), "{e:?}");
    // An article title that is not one is named.
    let odd = page.replacen(">Article 3<", ">Article three<", 1);
    let e = parse_articles(odd.as_bytes(), "odd.html", &Limits::default());
    assert!(
        matches!(&e, Err(EurlexError::PageValue { found, .. }) if found == "Article three"),
        "{e:?}"
    );
    // A text that does not say which directive it is is refused.
    let anonymous = page
        .replace(
            "<title>L_2018328EN.01008201.xml</title>",
            "<title>text</title>",
        )
        .replace("2018/2001", "2018/two thousand and one");
    let e = parse_articles(anonymous.as_bytes(), "anonymous.html", &Limits::default());
    assert!(matches!(e, Err(EurlexError::Layout { .. })), "{e:?}");
}
