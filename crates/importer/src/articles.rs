//! A directive's provisions read from its text on EUR-Lex: the articles, their numbered
//! paragraphs and the annexes, for the Region's correlation table.
//!
//! Two layouts of the Official Journal's HTML are read, the same in every language:
//!
//! - the one of acts published since 2014 (EUR-Lex's `TXT/HTML` and `ALL` views, and CELLAR's
//!   XHTML manifestation of the text): each article is a `div.eli-subdivision` with an id
//!   `art_5`, holding its title `p.oj-ti-art` ("Article 5", "Artikel 5", "Article premier"), its
//!   heading `div.eli-title p.oj-sti-art`, and its paragraphs as child `div`s with ids `005.001`,
//!   whose text begins with the paragraph's number ("1.   "); each annex is a `div.eli-container`
//!   with an id `anx_I` whose first `p.oj-doc-ti` names it ("ANNEX I", "BIJLAGE I"). The layout is
//!   the one of `32016R0679-ALL-en.html` (Regulation 2016/679, saved from EUR-Lex by another
//!   project, in `../shared/data/eurlex/`), which a directive's page shares;
//! - the older one: `p.ti-art` titles followed by `p.sti-art` headings and `p.normal` paragraphs,
//!   annexes titled by `p.doc-ti`. In that layout an amending directive's quoted articles cannot
//!   be told from its own: an article seen twice is refused rather than guessed.
//!
//! An article whose paragraphs are numbered is listed by its paragraphs (`5(1)`, `5(2)`); one
//! without numbered paragraphs is listed whole (`5`). A page with no article in either layout, an
//! article title that is not one, or a provision seen twice is an `Err` naming it.

use std::collections::HashSet;

use domain::{DirectiveId, Provision};
use scraper::{ElementRef, Html, Selector};

use crate::Limits;
use crate::eurlex::{EurlexError, directive_of_celex, page_celex, page_text, selector, text_of};

/// How much of a provision's text is kept to recognise it in a table.
pub const EXCERPT_CHARS: usize = 160;

/// The provisions of a directive as its text gives them, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveText {
    /// The directive the page says it is (its CELEX number, or its title).
    pub directive: DirectiveId,
    pub provisions: Vec<ProvisionText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionText {
    pub provision: Provision,
    /// The article's heading ("Subject matter"), or an annex's title after its number.
    pub heading: Option<String>,
    /// The first words of the provision's text.
    pub excerpt: String,
}

/// Reads the provisions of a saved EUR-Lex page or of CELLAR's XHTML text of a directive.
pub fn parse_articles(
    html: &[u8],
    source: &str,
    limits: &Limits,
) -> Result<DirectiveText, EurlexError> {
    let doc = Html::parse_document(page_text(html, source, limits)?);
    let directive = page_directive(&doc, source)?;
    let mut provisions = modern(&doc, source)?;
    if provisions.is_empty() {
        provisions = older(&doc, source)?;
    }
    if provisions.is_empty() {
        return Err(EurlexError::Layout {
            origin: source.to_owned(),
            missing: "the articles of the text (div.eli-subdivision with p.oj-ti-art, or p.ti-art)"
                .to_owned(),
        });
    }
    let mut seen = HashSet::new();
    for p in &provisions {
        if !seen.insert(p.provision.clone()) {
            return Err(value_error(
                source,
                &p.provision.code(),
                "each provision once (an amending act's quoted articles are not read from this layout: use the page of the text published since 2014, or CELLAR's XHTML)",
            ));
        }
    }
    Ok(DirectiveText {
        directive,
        provisions,
    })
}

fn value_error(source: &str, found: &str, expected: &str) -> EurlexError {
    EurlexError::PageValue {
        origin: source.to_owned(),
        label: "provision".to_owned(),
        found: found.to_owned(),
        expected: expected.to_owned(),
    }
}

/// The directive a page is about: its CELEX number (EUR-Lex's header or ELI metadata, else the
/// page's `<title>` or first heading, "EUR-Lex - 31995L0046 - FR"), else the first title of the
/// text ("DIRECTIVE (EU) 2019/1024 OF THE EUROPEAN PARLIAMENT...", "Directive 95/46/CE du
/// Parlement européen"). A page that says neither is refused: the text of another act must not
/// become this directive's provisions.
fn page_directive(doc: &Html, source: &str) -> Result<DirectiveId, EurlexError> {
    let celex = page_celex(doc).or_else(|| {
        doc.select(&selector("title, h1"))
            .map(text_of)
            .flat_map(|t| {
                t.split(|c: char| !c.is_ascii_alphanumeric())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .find(|w| domain::Celex::parse(w).is_ok())
    });
    if let Some(celex) = celex {
        return directive_of_celex(&celex).map_err(|_| EurlexError::NotADirective {
            origin: source.to_owned(),
            celex: celex.clone(),
            found: "another kind of act".to_owned(),
        });
    }
    // Only the first titles: the text itself cites other directives.
    let named = doc
        .select(&selector("p.oj-doc-ti, p.doc-ti, strong, h1, h2"))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .take(2)
        .find_map(|t| {
            let found = DirectiveId::find_in_text(&t);
            (found.len() == 1).then(|| found[0])
        });
    match named {
        Some(id) => Ok(id),
        None => Err(EurlexError::Layout {
            origin: source.to_owned(),
            missing: "which directive the text is (its CELEX number, or its title \"DIRECTIVE (EU) 2019/1024 ...\")".to_owned(),
        }),
    }
}

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// The number a paragraph's text begins with: "1.   This Directive..." -> 1.
fn paragraph_number(text: &str) -> Option<u16> {
    let text = text.trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || !text[digits..].starts_with('.') {
        return None;
    }
    text[..digits].parse().ok().filter(|n| *n > 0)
}

fn is_article_id(id: &str) -> bool {
    id.strip_prefix("art_").is_some_and(|n| {
        let digits = n.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && n[digits..].bytes().all(|b| b.is_ascii_lowercase())
    })
}

fn is_paragraph_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 7
        && b[3] == b'.'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 3 || c.is_ascii_digit())
}

fn article_of(title: &str, source: &str) -> Result<String, EurlexError> {
    match Provision::parse(title) {
        Ok(Provision::Article {
            number,
            paragraph: None,
        }) => Ok(number),
        _ => Err(value_error(
            source,
            title,
            "an article's title, like Article 5, Artikel 5 or Article premier",
        )),
    }
}

fn child<'a>(parent: ElementRef<'a>, css: &Selector) -> Option<ElementRef<'a>> {
    parent.child_elements().find(|c| css.matches(c))
}

/// The layout of acts published since 2014.
fn modern(doc: &Html, source: &str) -> Result<Vec<ProvisionText>, EurlexError> {
    let title_css = selector("p.oj-ti-art");
    let heading_css = selector("p.oj-sti-art");
    let eli_title_css = selector("div.eli-title");
    let mut out = Vec::new();
    for article in doc.select(&selector("div.eli-subdivision[id], div.eli-container[id]")) {
        let id = article.value().attr("id").unwrap_or_default();
        if let Some(annex) = id.strip_prefix("anx_") {
            if !annex.is_empty() && !id.contains('.') {
                out.push(annex_of(article, source)?);
            }
            continue;
        }
        if !is_article_id(id) {
            continue;
        }
        let Some(title) = child(article, &title_css) else {
            continue;
        };
        let number = article_of(&text_of(title), source)?;
        let heading = child(article, &eli_title_css)
            .and_then(|t| t.select(&heading_css).next())
            .or_else(|| child(article, &heading_css))
            .map(text_of)
            .filter(|h| !h.is_empty());
        let paragraphs: Vec<(u16, String)> = article
            .child_elements()
            .filter(|c| c.value().name() == "div")
            .filter(|c| c.value().attr("id").is_some_and(is_paragraph_id))
            .filter_map(|c| {
                let text = text_of(c);
                paragraph_number(&text).map(|n| (n, text))
            })
            .collect();
        if paragraphs.is_empty() {
            let body: String = article
                .child_elements()
                .filter(|c| *c != title && !eli_title_css.matches(c) && !heading_css.matches(c))
                .map(text_of)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(ProvisionText {
                provision: Provision::Article {
                    number,
                    paragraph: None,
                },
                heading,
                excerpt: excerpt(&body),
            });
        } else {
            for (n, text) in paragraphs {
                out.push(ProvisionText {
                    provision: Provision::Article {
                        number: number.clone(),
                        paragraph: Some(n),
                    },
                    heading: heading.clone(),
                    excerpt: excerpt(&text),
                });
            }
        }
    }
    Ok(out)
}

/// An annex: its number from its first title, its heading from the title after it.
fn annex_of(annex: ElementRef, source: &str) -> Result<ProvisionText, EurlexError> {
    let titles: Vec<String> = annex
        .select(&selector("p.oj-doc-ti, p.doc-ti, p.oj-ti-grseq-1"))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .take(2)
        .collect();
    let Some(first) = titles.first() else {
        return Err(EurlexError::Layout {
            origin: source.to_owned(),
            missing: "the title of an annex (p.oj-doc-ti in div.eli-container#anx_...)".to_owned(),
        });
    };
    let provision = match Provision::parse(first) {
        Ok(p @ Provision::Annex(_)) => p,
        _ => {
            return Err(value_error(
                source,
                first,
                "an annex's title, like ANNEX I, ANNEXE I or BIJLAGE I",
            ));
        }
    };
    let heading = titles.get(1).cloned();
    let body = text_of(annex);
    let body = body
        .trim_start()
        .trim_start_matches(first.as_str())
        .trim_start();
    let body = match &heading {
        Some(h) => body.trim_start_matches(h.as_str()),
        None => body,
    };
    Ok(ProvisionText {
        provision,
        heading,
        excerpt: excerpt(body),
    })
}

/// What a paragraph of an older layout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Heading,
    Text,
    /// A document title: an annex's when it names one, else the title after it.
    DocTitle,
}

/// The older layouts: titles, headings and paragraphs as siblings, in the order of the text,
/// told apart by their class (`p.ti-art`, `p.sti-art`, `p.normal`, `p.doc-ti`), or, in the
/// oldest pages where paragraphs have no class (`<p>Article 1 </p><p>Object of the
/// Directive</p><p>1. In accordance...`, Directive 95/46/EC), by their text.
fn older(doc: &Html, source: &str) -> Result<Vec<ProvisionText>, EurlexError> {
    let classed: Vec<(Role, String)> = doc
        .select(&selector("p.ti-art, p.sti-art, p.normal, p.doc-ti"))
        .map(|p| {
            let class = p.value().attr("class").unwrap_or_default();
            let has = |c: &str| class.split_whitespace().any(|x| x == c);
            let role = if has("ti-art") {
                Role::Title
            } else if has("sti-art") {
                Role::Heading
            } else if has("doc-ti") {
                Role::DocTitle
            } else {
                Role::Text
            };
            (role, text_of(p))
        })
        .collect();
    if classed.iter().any(|(r, _)| *r == Role::Title) {
        return read_roles(classed, source);
    }
    let mut plain = Vec::new();
    let mut after_title = false;
    for p in doc.select(&selector("p:not([class])")) {
        let text = text_of(p);
        let is_title = text.chars().count() <= 24
            && matches!(
                Provision::parse(&text),
                Ok(Provision::Article {
                    paragraph: None,
                    ..
                })
            )
            && !text.trim().bytes().all(|b| b.is_ascii_digit());
        let role = if is_title {
            Role::Title
        } else if matches!(Provision::parse(&text), Ok(Provision::Annex(_))) {
            Role::DocTitle
        } else if after_title && paragraph_number(&text).is_none() && text.chars().count() <= 160 {
            Role::Heading
        } else {
            Role::Text
        };
        after_title = role == Role::Title;
        plain.push((role, text));
    }
    read_roles(plain, source)
}

/// Reads titles, headings and texts in the order of the text into provisions.
fn read_roles(items: Vec<(Role, String)>, source: &str) -> Result<Vec<ProvisionText>, EurlexError> {
    // The article being read: its number, heading, unnumbered text, numbered paragraphs.
    struct Open {
        number: String,
        heading: Option<String>,
        text: String,
        paragraphs: Vec<(u16, String)>,
    }
    fn close(open: Option<Open>, out: &mut Vec<ProvisionText>) {
        let Some(a) = open else { return };
        if a.paragraphs.is_empty() {
            out.push(ProvisionText {
                provision: Provision::Article {
                    number: a.number,
                    paragraph: None,
                },
                heading: a.heading,
                excerpt: excerpt(&a.text),
            });
        } else {
            for (n, text) in a.paragraphs {
                out.push(ProvisionText {
                    provision: Provision::Article {
                        number: a.number.clone(),
                        paragraph: Some(n),
                    },
                    heading: a.heading.clone(),
                    excerpt: excerpt(&text),
                });
            }
        }
    }
    let mut out: Vec<ProvisionText> = Vec::new();
    let mut open: Option<Open> = None;
    let mut in_annexes = false;
    for (role, text) in items {
        match role {
            Role::Title if !in_annexes => {
                close(open.take(), &mut out);
                open = Some(Open {
                    number: article_of(&text, source)?,
                    heading: None,
                    text: String::new(),
                    paragraphs: Vec::new(),
                });
            }
            Role::DocTitle => {
                if let Ok(annex @ Provision::Annex(_)) = Provision::parse(&text) {
                    close(open.take(), &mut out);
                    in_annexes = true;
                    out.push(ProvisionText {
                        provision: annex,
                        heading: None,
                        excerpt: String::new(),
                    });
                } else if let Some(last) = out.last_mut().filter(|_| in_annexes) {
                    last.heading.get_or_insert(text);
                }
            }
            _ => {
                if let Some(a) = open.as_mut() {
                    if role == Role::Heading && a.heading.is_none() && a.paragraphs.is_empty() {
                        a.heading = Some(text);
                    } else if let Some(n) = paragraph_number(&text) {
                        a.paragraphs.push((n, text));
                    } else if a.text.len() < EXCERPT_CHARS * 4 {
                        a.text.push_str(&text);
                        a.text.push(' ');
                    }
                } else if let Some(last) = out.last_mut().filter(|_| in_annexes)
                    && last.excerpt.chars().count() < EXCERPT_CHARS
                {
                    last.excerpt = excerpt(&format!("{} {text}", last.excerpt));
                }
            }
        }
    }
    close(open.take(), &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Vec<u8> {
        format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>")
            .into_bytes()
    }

    fn codes(t: &DirectiveText) -> Vec<String> {
        t.provisions.iter().map(|p| p.provision.code()).collect()
    }

    #[test]
    fn the_modern_layout_in_french_with_paragraphs_and_an_annex() {
        let html = page(
            r#"<p class="oj-doc-ti">DIRECTIVE (UE) 2019/1024 DU PARLEMENT EUROPÉEN ET DU CONSEIL</p>
            <div class="eli-subdivision" id="art_1"><p class="oj-ti-art">Article premier</p>
              <div class="eli-title" id="art_1.tit_1"><p class="oj-sti-art">Objet</p></div>
              <div id="001.001"><p class="oj-normal">1.   La présente directive établit des règles.</p></div>
              <div id="001.002"><p class="oj-normal">2.   Elle s'applique aux documents.</p></div>
            </div>
            <div class="eli-subdivision" id="art_2"><p class="oj-ti-art">Article 2</p>
              <div class="eli-title"><p class="oj-sti-art">Définitions</p></div>
              <p class="oj-normal">Aux fins de la présente directive, on entend par:</p>
            </div>
            <div class="eli-subdivision" id="art_9a"><p class="oj-ti-art">Article 9 bis</p></div>
            <div class="eli-container" id="anx_I"><p class="oj-doc-ti">ANNEXE I</p>
              <p class="oj-doc-ti">Liste des ensembles</p><p class="oj-normal">Géospatial</p></div>"#,
        );
        let e = parse_articles(&html, "fr.html", &Limits::default());
        // "Article 9 bis" is not how the Journal numbers an article: refused, named.
        assert!(
            matches!(&e, Err(EurlexError::PageValue { found, .. }) if found == "Article 9 bis"),
            "{e:?}"
        );
        let html = String::from_utf8(html)
            .unwrap_or_default()
            .replace("Article 9 bis", "Article 9a");
        let t =
            parse_articles(html.as_bytes(), "fr.html", &Limits::default()).expect("the page reads");
        assert_eq!(t.directive.to_string(), "2019/1024");
        assert_eq!(codes(&t), ["1(1)", "1(2)", "2", "9a", "Annex I"]);
        assert_eq!(t.provisions[0].heading.as_deref(), Some("Objet"));
        assert_eq!(t.provisions[1].excerpt, "2. Elle s'applique aux documents.");
        assert!(t.provisions[2].excerpt.starts_with("Aux fins"));
        assert_eq!(
            t.provisions[4].heading.as_deref(),
            Some("Liste des ensembles")
        );
    }

    #[test]
    fn the_older_layout_in_dutch() {
        let html = page(
            r#"<p class="doc-ti">RICHTLIJN 2006/123/EG VAN HET EUROPEES PARLEMENT EN DE RAAD</p>
            <p class="ti-art">Artikel 1</p><p class="sti-art">Onderwerp</p>
            <p class="normal">1.   Bij deze richtlijn worden bepalingen vastgesteld.</p>
            <p class="normal">2.   Deze richtlijn heeft geen betrekking op.</p>
            <p class="ti-art">Artikel 2</p><p class="sti-art">Werkingssfeer</p>
            <p class="normal">Deze richtlijn is van toepassing op diensten.</p>
            <p class="doc-ti">BIJLAGE</p><p class="normal">Concordantietabel</p>"#,
        );
        let t = parse_articles(&html, "nl.html", &Limits::default()).expect("reads");
        assert_eq!(t.directive.to_string(), "2006/123");
        assert_eq!(codes(&t), ["1(1)", "1(2)", "2", "Annex"]);
        assert_eq!(t.provisions[2].heading.as_deref(), Some("Werkingssfeer"));
    }

    #[test]
    fn refuses_a_page_without_articles_or_with_one_twice() {
        let none = page("<p>Just a page</p>");
        assert!(matches!(
            parse_articles(&none, "x.html", &Limits::default()),
            Err(EurlexError::Layout { .. })
        ));
        let twice = page(
            r#"<p class="doc-ti">DIRECTIVE 2006/123/EC</p>
            <p class="ti-art">Article 1</p><p class="normal">Text.</p>
            <p class="ti-art">Article 1</p><p class="normal">Quoted.</p>"#,
        );
        let e = parse_articles(&twice, "x.html", &Limits::default());
        assert!(
            matches!(&e, Err(EurlexError::PageValue { found, .. }) if found == "1"),
            "{e:?}"
        );
        let cut = b"<html><body><div class=\"eli-subdivision\" id=\"art_1\">".to_vec();
        assert!(parse_articles(&cut, "cut.html", &Limits::default()).is_err());
    }
}
