//! The annual report on hand-made facts of report year 2021 (1 October 2020 – 30 September 2021):
//! the Word document read back as a zip, the page by snapshot in French and Dutch, no word of the
//! other language, every figure of the summary equal to the rows of its annex, and the document
//! converted to PDF by LibreOffice when it is installed.
//!
//! Set `SCOREBOARD_ANNUAL_KEEP=DIR` to keep the DOCX and PDF files the LibreOffice test writes.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use domain::annual::{
    AnnualCase, AnnualDirective, AnnualMeasure, AnnualPilot, AnnualProposal, AnnualReply,
    ImpactSummary, SummaryKey, annual_report,
};
use domain::{
    CaseType, Competence, Lang, LegalBasis, MeasureKind, ProposalStage, ReportPeriod, Stage, Step,
};
use report::annual::{AnnualView, Document, Words, docx, html};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn measure(
    kind: MeasureKind,
    title_fr: &str,
    title_nl: &str,
    adopted: NaiveDate,
    notified: Option<NaiveDate>,
    completes: bool,
) -> AnnualMeasure {
    AnnualMeasure {
        title_fr: Some(title_fr.to_string()).filter(|t| !t.is_empty()),
        title_nl: Some(title_nl.to_string()).filter(|t| !t.is_empty()),
        kind,
        adopted_on: Some(adopted),
        notified_on: notified,
        completes,
    }
}

#[allow(clippy::too_many_arguments)]
fn directive(
    number: &str,
    fr: Option<&str>,
    nl: Option<&str>,
    en: Option<&str>,
    deadlines: &[NaiveDate],
    measures: Vec<AnnualMeasure>,
    lead: Option<&str>,
    planned: Option<&str>,
    reason: Option<&str>,
) -> AnnualDirective {
    let (year, serial) = number.split_once('/').unwrap_or(("2000", "1"));
    AnnualDirective {
        celex: format!("3{year}L{serial:0>4}"),
        number: number.to_string(),
        title_fr: fr.map(str::to_string),
        title_nl: nl.map(str::to_string),
        title_en: en.map(str::to_string),
        competence: Competence::Exclusive,
        deadlines: deadlines.to_vec(),
        measures,
        lead: lead.map(str::to_string),
        planned_text: planned.map(str::to_string),
        risk_reason: reason.map(str::to_string),
    }
}

fn directives() -> Vec<AnnualDirective> {
    let be = Some("Bruxelles Environnement / Leefmilieu Brussel");
    vec![
        // Due on the first day of the period, notified on the deadline: on time.
        directive(
            "2018/2001",
            Some(
                "Directive relative à la promotion de l'utilisation de l'énergie produite à partir de sources renouvelables",
            ),
            Some("Richtlijn ter bevordering van het gebruik van energie uit hernieuwbare bronnen"),
            None,
            &[date(2020, 10, 1)],
            vec![measure(
                MeasureKind::Ordinance,
                "Ordonnance du 17 septembre 2020 relative à l'énergie",
                "Ordonnantie van 17 september 2020 betreffende energie",
                date(2020, 9, 17),
                Some(date(2020, 10, 1)),
                true,
            )],
            Some("Brugel"),
            None,
            None,
        ),
        // Due in December 2020, completed in May 2021: late. Only a Dutch title.
        directive(
            "2019/944",
            None,
            Some(
                "Richtlijn betreffende gemeenschappelijke regels voor de interne markt voor elektriciteit",
            ),
            None,
            &[date(2020, 12, 31)],
            vec![measure(
                MeasureKind::GovernmentDecree,
                "Arrêté du Gouvernement portant exécution de l'ordonnance électricité",
                "",
                date(2021, 4, 22),
                Some(date(2021, 5, 3)),
                true,
            )],
            Some("Brugel"),
            None,
            None,
        ),
        // Due on the last day of the period, nothing notified: not transposed, not yet late.
        directive(
            "2019/1024",
            Some(
                "Directive concernant les données ouvertes et la réutilisation des informations du secteur public",
            ),
            Some("Richtlijn inzake open data en het hergebruik van overheidsinformatie"),
            None,
            &[date(2021, 9, 30)],
            Vec::new(),
            Some("Paradigm"),
            Some("fin 2021"),
            None,
        ),
        // Due in the previous period, partially notified: outstanding at both ends. English title only.
        directive(
            "2018/844",
            None,
            None,
            Some("Directive amending Directive 2010/31/EU on the energy performance of buildings"),
            &[date(2020, 3, 10)],
            vec![measure(
                MeasureKind::GovernmentDecree,
                "Arrêté relatif à la performance énergétique des bâtiments",
                "Besluit betreffende de energieprestatie van gebouwen",
                date(2020, 11, 26),
                Some(date(2020, 12, 15)),
                false,
            )],
            be,
            Some("31/12/2021"),
            Some("Consultation du Conseil d'État en cours"),
        ),
        // Due after the period: counts only among the measures adopted.
        directive(
            "2019/1161",
            Some("Directive relative à la promotion de véhicules de transport routier propres"),
            Some("Richtlijn inzake de bevordering van schone wegvoertuigen"),
            None,
            &[date(2021, 10, 1)],
            vec![measure(
                MeasureKind::Ordinance,
                "Ordonnance relative aux véhicules propres",
                "Ordonnantie betreffende schone voertuigen",
                date(2021, 9, 30),
                None,
                true,
            )],
            Some("Bruxelles Mobilité / Brussel Mobiliteit"),
            None,
            None,
        ),
        // Not concerned: nowhere.
        AnnualDirective {
            competence: Competence::NotConcerned,
            ..directive(
                "2019/2161",
                Some("Directive sur la protection des consommateurs"),
                Some("Richtlijn consumentenbescherming"),
                None,
                &[date(2021, 5, 28)],
                Vec::new(),
                None,
                None,
                None,
            )
        },
    ]
}

fn stage(step: Step, basis: Option<LegalBasis>) -> Stage {
    Stage::new(step, basis)
}

fn cases() -> Vec<AnnualCase> {
    let n260 = Some(LegalBasis::Art258And260_3);
    let a258 = Some(LegalBasis::Art258);
    vec![
        AnnualCase {
            number: "INFR(2020)0375".to_string(),
            case_type: Some(CaseType::NonCommunication),
            title: Some("Non-communication : données ouvertes".to_string()),
            decisions: vec![(date(2020, 10, 1), stage(Step::FormalNotice, n260))],
            replies: vec![AnnualReply {
                decided_on: date(2020, 10, 1),
                deadline: date(2020, 12, 1),
                sent_on: Some(date(2020, 11, 30)),
            }],
            active_at_end: true,
            to_triage: false,
        },
        AnnualCase {
            number: "INFR(2020)0123".to_string(),
            case_type: Some(CaseType::NonCommunication),
            title: Some("Performance énergétique des bâtiments".to_string()),
            decisions: vec![
                (date(2020, 5, 14), stage(Step::FormalNotice, n260)),
                (date(2021, 2, 18), stage(Step::ReasonedOpinion, n260)),
            ],
            replies: vec![
                AnnualReply {
                    decided_on: date(2020, 5, 14),
                    deadline: date(2020, 7, 14),
                    sent_on: Some(date(2020, 7, 10)),
                },
                AnnualReply {
                    decided_on: date(2021, 2, 18),
                    deadline: date(2021, 4, 18),
                    sent_on: Some(date(2021, 4, 30)),
                },
            ],
            active_at_end: true,
            to_triage: false,
        },
        AnnualCase {
            number: "INFR(2017)2089".to_string(),
            case_type: Some(CaseType::NonConformity),
            title: Some("Qualité de l'air ambiant".to_string()),
            decisions: vec![
                (date(2017, 12, 7), stage(Step::FormalNotice, a258)),
                (date(2019, 7, 25), stage(Step::ReasonedOpinion, a258)),
                (date(2021, 6, 9), stage(Step::Closure, None)),
            ],
            replies: Vec::new(),
            active_at_end: false,
            to_triage: false,
        },
        AnnualCase {
            number: "INFR(2021)2034".to_string(),
            case_type: Some(CaseType::BadApplication),
            title: Some("Traitement des eaux urbaines résiduaires".to_string()),
            decisions: vec![(date(2021, 7, 15), stage(Step::FormalNotice, a258))],
            replies: vec![AnnualReply {
                decided_on: date(2021, 7, 15),
                deadline: date(2021, 9, 15),
                sent_on: None,
            }],
            active_at_end: true,
            to_triage: false,
        },
    ]
}

fn pilots() -> Vec<AnnualPilot> {
    vec![
        AnnualPilot {
            number: "EUP(2021)9876".to_string(),
            subject: Some("Évaluation des incidences sur l'environnement".to_string()),
            received_on: Some(date(2021, 3, 1)),
            reply_deadline: Some(date(2021, 5, 10)),
            reply_sent_on: Some(date(2021, 5, 7)),
            outcome: Some("en cours".to_string()),
        },
        AnnualPilot {
            number: "EUP(2020)9500".to_string(),
            subject: Some("Marchés publics".to_string()),
            received_on: Some(date(2020, 8, 3)),
            reply_deadline: Some(date(2020, 10, 12)),
            reply_sent_on: None,
            outcome: None,
        },
    ]
}

/// COM(2021) 557 (renewable energy) proposed in the period and adopted after it; COM(2020) 80
/// carried over and withdrawn in it; COM(2021) 999 with no date of proposal.
fn proposals() -> Vec<AnnualProposal> {
    let note = |authority: &str, summary: Option<&str>| ImpactSummary {
        authority: authority.to_string(),
        summary: summary.map(str::to_string),
    };
    vec![
        AnnualProposal {
            com: "COM(2021) 557".to_string(),
            title_fr: Some("Proposition de directive modifiant la directive (UE) 2018/2001 (énergies renouvelables)".to_string()),
            title_nl: Some("Voorstel voor een richtlijn tot wijziging van Richtlijn (EU) 2018/2001 (hernieuwbare energie)".to_string()),
            title_en: None,
            lead: Some("Bruxelles Environnement".to_string()),
            stages: vec![
                (ProposalStage::CommissionProposal, Some(date(2021, 7, 14))),
                (ProposalStage::Adopted, Some(date(2023, 10, 18))),
            ],
            directive: Some("2023/2413".to_string()),
            impact_notes: vec![
                note("Bruxelles Environnement", Some("Révision de l'ordonnance énergie: effort élevé.")),
                note("Urban.brussels", None),
            ],
        },
        AnnualProposal {
            com: "COM(2020) 80".to_string(),
            title_fr: Some("Proposition retirée".to_string()),
            title_nl: Some("Ingetrokken voorstel".to_string()),
            title_en: None,
            lead: None,
            stages: vec![
                (ProposalStage::CommissionProposal, Some(date(2020, 3, 4))),
                (ProposalStage::Withdrawn, Some(date(2021, 3, 1))),
            ],
            directive: None,
            impact_notes: Vec::new(),
        },
        AnnualProposal {
            com: "COM(2021) 999".to_string(),
            title_fr: Some("Proposition sans date".to_string()),
            title_nl: Some("Voorstel zonder datum".to_string()),
            title_en: None,
            lead: None,
            stages: vec![(ProposalStage::CommissionProposal, None)],
            directive: None,
            impact_notes: Vec::new(),
        },
    ]
}

fn view(lang: Lang) -> AnnualView {
    let period = ReportPeriod::new(2021);
    AnnualView {
        lang,
        period,
        figures: annual_report(period, &directives(), &cases(), &pilots(), &proposals()),
        generated_on: date(2021, 11, 15),
    }
}

/// The page as a reader sees it: minijinja escapes `/` and `'` too.
fn page(lang: Lang) -> String {
    let page = html(&view(lang), None).expect("the page");
    page.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the DOCX is a zip");
    let mut part = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("the DOCX has {name}"));
    let mut text = String::new();
    part.read_to_string(&mut text)
        .expect("an XML part is UTF-8");
    text
}

#[test]
fn docx_has_headings_toc_page_numbers_tables_and_pictures() {
    let bytes = docx(&view(Lang::Fr)).expect("the document is written");
    let document = docx_part(&bytes, "word/document.xml");
    for heading in [
        "1. Synthèse",
        "2. Transposition des directives",
        "3. Procédures d'infraction et EU Pilot",
        "5. Propositions de directives suivies",
        "7. Annexes",
    ] {
        let escaped = heading.replace('\'', "&apos;");
        assert!(
            document.contains(heading) || document.contains(&escaped),
            "heading {heading}"
        );
    }
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading1" />"#),
        "Heading 1 paragraphs"
    );
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading2" />"#),
        "Heading 2 paragraphs"
    );
    assert!(
        document.contains("TOC \\o &quot;1-2&quot;") || document.contains("TOC \\o \"1-2\""),
        "a TOC field"
    );
    assert!(document.contains("<w:tbl>"), "tables");
    assert!(document.contains("<w:drawing>"), "pictures");
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"<w:name w:val="Heading 1" />"#)
            && styles.contains(r#"<w:name w:val="Heading 2" />"#)
    );
    let footer = docx_part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("PAGE"),
        "a PAGE field in the footer: {footer}"
    );
    let archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
    let pictures = archive
        .file_names()
        .filter(|n| {
            n.as_ref()
                .is_ok_and(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        })
        .count();
    assert_eq!(pictures, 3, "three charts");
}

#[test]
fn html_fr() {
    let page = html(&view(Lang::Fr), None).expect("the French page");
    insta::assert_snapshot!("page_fr", page);
}

#[test]
fn html_nl() {
    let page = html(&view(Lang::Nl), None).expect("the Dutch page");
    insta::assert_snapshot!("page_nl", page);
}

/// The section titles carry their numbers ("1. Synthèse"): the page's table of contents shows
/// each once, in a list that adds no number of its own (an `<ol>` showed "1. 1. Synthèse").
#[test]
fn the_table_of_contents_numbers_each_entry_once() {
    for lang in [Lang::Fr, Lang::Nl] {
        let page = page(lang);
        let nav = page
            .split_once("<nav>")
            .and_then(|(_, rest)| rest.split_once("</nav>"))
            .map(|(nav, _)| nav)
            .expect("a table of contents");
        assert!(!nav.contains("<ol"), "an ordered list numbers again: {nav}");
        assert!(
            page.contains("nav ul {") && page.contains("list-style: none"),
            "the list shows no bullet nor number"
        );
        let sections = Document::of(&view(lang)).expect("document").sections;
        assert_eq!(nav.matches("<li>").count(), sections.len(), "{nav}");
        for (i, section) in sections.iter().enumerate() {
            let number = format!("{}. ", i + 1);
            assert!(section.title.starts_with(&number), "{}", section.title);
            let entry = format!("\">{}</a></li>", section.title);
            assert_eq!(nav.matches(&entry).count(), 1, "{entry} in {nav}");
            assert!(
                !nav.contains(&format!("{number}{number}")),
                "{number} twice in {nav}"
            );
        }
    }
}

/// The charts are SVG drawings whose words are text (found by a search, read by a screen
/// reader), in the page's language.
#[test]
fn the_charts_in_the_page_hold_their_words_as_text() {
    for (lang, words) in [
        (
            Lang::Fr,
            [
                "Mise en demeure",
                "Nombre de procédures",
                "Nombre de directives",
                "Période 2021",
            ],
        ),
        (
            Lang::Nl,
            [
                "Ingebrekestelling",
                "Aantal procedures",
                "Aantal richtlijnen",
                "Periode 2021",
            ],
        ),
    ] {
        let page = page(lang);
        let svgs: Vec<&str> = page
            .split("<svg")
            .skip(1)
            .filter_map(|s| s.split_once("</svg>").map(|(svg, _)| svg))
            .collect();
        assert_eq!(svgs.len(), 3, "three charts");
        for word in words {
            let text = format!(">{word}</text>");
            assert!(
                svgs.iter().any(|svg| svg.contains(&text)),
                "{lang}: {text} in a chart"
            );
        }
    }
}

#[test]
fn translation_files_have_the_same_keys() {
    let fr = Words::of(Lang::Fr);
    let nl = Words::of(Lang::Nl);
    let en = Words::of(Lang::En);
    assert_eq!(fr.keys().collect::<Vec<_>>(), nl.keys().collect::<Vec<_>>());
    assert_eq!(fr.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
    assert!(fr.keys().count() > 150, "the annual tables are read");
}

/// The words of `other` that `lang` does not share, long enough to be recognised.
fn foreign_words(lang: Lang, other: Lang) -> Vec<String> {
    let own = Words::of(lang);
    let own: Vec<&str> = own.texts().collect();
    let other = Words::of(other);
    let mut out = Vec::new();
    for text in other.texts().filter(|t| !own.contains(t)) {
        // The fixed parts of a text with {placeholders}.
        for part in text
            .split(['{', '}'])
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, p)| p.trim())
        {
            if part.chars().count() >= 6 && !own.iter().any(|o| o.contains(part)) {
                out.push(part.to_string());
            }
        }
    }
    out
}

fn docx_text(lang: Lang) -> String {
    let bytes = docx(&view(lang)).expect("document");
    let xml = docx_part(&bytes, "word/document.xml") + &docx_part(&bytes, "word/footer1.xml");
    // The texts of the runs, joined: enough to look for words.
    xml.split("<w:t")
        .skip(1)
        .filter_map(|s| {
            s.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</w:t>"))
        })
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("\n")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn no_word_of_the_other_language() {
    for (lang, other) in [(Lang::Fr, Lang::Nl), (Lang::Nl, Lang::Fr)] {
        let foreign = foreign_words(lang, other);
        assert!(
            foreign.len() > 100,
            "enough words to look for: {}",
            foreign.len()
        );
        // Titles that exist only in the other language are shown, marked, by design.
        let mut page = page(lang);
        let mut document = docx_text(lang);
        // Data, not labels: titles in another language (shown marked when the report's is
        // missing). The measure types are labels, in the report's language.
        for d in directives() {
            let other = if lang == Lang::Fr {
                &d.title_nl
            } else {
                &d.title_fr
            };
            let measures = d.measures.iter().flat_map(|m| {
                let other = if lang == Lang::Fr {
                    &m.title_nl
                } else {
                    &m.title_fr
                };
                other.iter()
            });
            for data in other.iter().chain(&d.title_en).chain(measures) {
                page = page.replace(data.as_str(), "");
                document = document.replace(data.as_str(), "");
            }
        }
        for word in &foreign {
            assert!(
                !page.contains(word.as_str()),
                "{lang} page has the {other} words {word:?}"
            );
            assert!(
                !document.contains(word.as_str()),
                "{lang} document has the {other} words {word:?}"
            );
        }
    }
}

#[test]
fn titles_fall_back_with_a_marker() {
    let fr = page(Lang::Fr);
    assert!(
        fr.contains("Richtlijn betreffende gemeenschappelijke regels voor de interne markt voor elektriciteit (NL)")
    );
    assert!(fr.contains(
        "Directive amending Directive 2010/31/EU on the energy performance of buildings (EN)"
    ));
    assert!(fr.contains("Directive concernant les données ouvertes"));
    let nl = page(Lang::Nl);
    assert!(nl.contains("Richtlijn inzake open data"));
    assert!(
        !nl.contains("Directive concernant les données ouvertes"),
        "a Dutch title when there is one"
    );
    assert!(nl.contains(
        "Directive amending Directive 2010/31/EU on the energy performance of buildings (EN)"
    ));
    // A measure with only a French title, in the Dutch report.
    assert!(
        nl.contains("Arrêté du Gouvernement portant exécution de l'ordonnance électricité (FR)")
    );
}

#[test]
fn dates_and_numbers_in_each_language() {
    let fr = page(Lang::Fr);
    assert!(fr.contains("30 septembre 2021") && fr.contains("1er octobre 2020"));
    let nl = page(Lang::Nl);
    assert!(nl.contains("30 september 2021") && nl.contains("1 oktober 2020"));
    // The deficit: 1 of 4 due directives not completely notified on 30 September 2021 (2019/1024,
    // due that very day, is due but not late).
    assert!(fr.contains("25,0\u{a0}%"), "French percent");
    assert!(nl.contains("25,0%"), "Dutch percent");
}

/// The rows of the table `id` of a page: each row's cells.
fn table_rows(page: &str, id: &str) -> Option<Vec<(String, Vec<String>)>> {
    let start = page.find(&format!("<table id=\"{id}\">"))?;
    let table = &page[start..start + page[start..].find("</table>")?];
    let body = &table[table.find("<tbody>")?..];
    let rows = body
        .split("<tr")
        .skip(1)
        .map(|row| {
            let key = row
                .split_once("data-key=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(k, _)| k.to_string());
            let cells = row
                .split("<td")
                .skip(1)
                .filter_map(|c| {
                    c.split_once('>')
                        .and_then(|(_, r)| r.split_once("</td>"))
                        .map(|(v, _)| v.to_string())
                })
                .collect();
            (key.unwrap_or_default(), cells)
        })
        .collect();
    Some(rows)
}

#[test]
fn each_summary_figure_equals_the_rows_of_its_annex() {
    for lang in [Lang::Fr, Lang::Nl] {
        let v = view(lang);
        let page = html(&v, None).expect("page");
        let summary = table_rows(&page, "summary").expect("the summary table");
        assert_eq!(summary.len(), SummaryKey::all().len());
        let mut non_zero = 0;
        for (key, cells) in &summary {
            let current: usize = cells[2].parse().expect("a count");
            let annex = table_rows(&page, &format!("annex-{key}")).map_or(0, |rows| rows.len());
            assert_eq!(
                current, annex,
                "{lang} {key}: summary {current}, annex {annex} rows"
            );
            non_zero += usize::from(current > 0);
        }
        assert!(non_zero >= 15, "the facts fill most figures: {non_zero}");
        // The document both outputs render agrees with the figures.
        let document = Document::of(&v).expect("document");
        assert_eq!(document.sections.len(), 7);
        for line in v.figures.summary() {
            assert_eq!(line.current, v.figures.current.figure(line.key).count());
        }
    }
}

#[test]
fn the_summary_shows_the_previous_period_beside() {
    let page = html(&view(Lang::Fr), None).expect("page");
    let summary = table_rows(&page, "summary").expect("summary");
    let row = |key: &str| {
        summary
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, c)| (c[1].clone(), c[2].clone()))
    };
    // 2018/844 was outstanding at the end of both periods; 2019/944 was completed (late) within
    // 2021 and 2019/1024 is due on its last day.
    assert_eq!(
        row("outstanding-at-end"),
        Some(("1".to_string(), "1".to_string()))
    );
    assert_eq!(
        row("transposed-late"),
        Some(("0".to_string(), "1".to_string()))
    );
    assert_eq!(
        row("not-transposed"),
        Some(("1".to_string(), "1".to_string()))
    );
    // The letter of 1 October 2020 belongs to 2021; the one of 14 May 2020 to 2020.
    assert_eq!(
        row("decisions-formal-notice"),
        Some(("1".to_string(), "2".to_string()))
    );
    assert_eq!(
        row("deadlines-in-period"),
        Some(("1".to_string(), "3".to_string()))
    );
    assert_eq!(
        row("pilot-replies-not-sent"),
        Some(("0".to_string(), "1".to_string()))
    );
    // COM(2020) 80 was open at the end of 2020 and withdrawn in 2021; COM(2021) 557 is new in
    // 2021 and still in negotiation at its end; COM(2021) 999 has no date, in both periods.
    for (key, previous, current) in [
        ("proposals-followed", "1", "2"),
        ("proposals-new", "1", "1"),
        ("proposals-carried-over", "0", "1"),
        ("proposals-adopted", "0", "0"),
        ("proposals-withdrawn", "0", "1"),
        ("proposals-open-at-end", "1", "1"),
        ("proposals-undated", "1", "1"),
    ] {
        assert_eq!(
            row(key),
            Some((previous.to_string(), current.to_string())),
            "{key}"
        );
    }
}

#[test]
fn the_proposals_section_lists_the_impact_summaries() {
    for (lang, not_written) in [
        (Lang::Fr, "(résumé non rédigé)"),
        (Lang::Nl, "(samenvatting niet opgesteld)"),
    ] {
        let page = page(lang);
        let rows = table_rows(&page, "followed").expect("the proposals table");
        let keys: Vec<&str> = rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["COM(2020) 80", "COM(2021) 557"], "{lang}");
        let impact = table_rows(&page, "impact").expect("the impact table");
        assert_eq!(impact.len(), 2, "{lang}");
        assert!(
            impact[0].1.iter().any(|c| c.contains("effort élevé")),
            "{lang}"
        );
        assert!(impact[1].1.iter().any(|c| c == not_written), "{lang}");
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn work_dir() -> PathBuf {
    match std::env::var_os("SCOREBOARD_ANNUAL_KEEP") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("scoreboard-annual-{}", std::process::id())),
    }
}

/// Whether this is a CI run (`CI` set and not "false" or "0"; `.ci/run` sets it), where every
/// check must run.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// LibreOffice opens the document and converts it to PDF. Runs when `soffice` is on the PATH; in
/// CI, a missing `soffice` fails the test instead of skipping the check unseen.
#[test]
fn libreoffice_converts_the_docx_to_pdf() {
    if !on_path("soffice") {
        assert!(
            !in_ci(),
            "CI is set and soffice is not on the PATH: the DOCX check cannot run; install \
             LibreOffice Writer (Debian's libreoffice-writer-nogui, as .ci/run does)"
        );
        eprintln!("soffice is not on the PATH: the LibreOffice check does not run");
        return;
    }
    let dir = work_dir();
    std::fs::create_dir_all(&dir).expect("a work directory");
    let mut files = Vec::new();
    for lang in [Lang::Fr, Lang::Nl] {
        let path = dir.join(format!("annual-2021-{lang}.docx"));
        std::fs::write(&path, docx(&view(lang)).expect("document")).expect("write the document");
        files.push(path);
    }
    let profile = dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(&files)
        .status()
        .expect("soffice runs");
    assert!(status.success(), "soffice: {status}");
    for file in &files {
        let pdf = file.with_extension("pdf");
        let bytes = std::fs::read(&pdf).unwrap_or_default();
        assert!(bytes.starts_with(b"%PDF"), "{} is a PDF", pdf.display());
        assert!(
            bytes.len() > 20_000,
            "{} has content: {} bytes",
            pdf.display(),
            bytes.len()
        );
    }
    if std::env::var_os("SCOREBOARD_ANNUAL_KEEP").is_none() {
        remove(&dir);
    }
}

fn remove(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}
