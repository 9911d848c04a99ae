//! The notification dossier of a directive (`scoreboard report notification`): the editable Word
//! document that goes with the correlation table (`crate::correlation`, as the dossier forwards
//! it) to the federal coordination, which notifies the Commission. It says the directive, the
//! regional measures with their Moniteur belge dates, whether the notification is complete or
//! partial (`domain::Completeness`: never complete while the table has provisions to do), the
//! table's coverage and whom to contact. Every sentence comes from the `[notification]` table of
//! the translation files, or from the unit's copy of it ([`Sentences`]).

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{Docx, Paragraph, Run, Shading, ShdType, Table, TableCell, TableRow, WidthType};
use domain::{Completeness, Coverage, Lang, MeasureKind};
use serde::Serialize;

use crate::ReportError;
use crate::sentences::Sentences;

/// The table of the translation files the dossier's sentences come from.
pub const TABLE: &str = "notification";

/// What the dossier shows; texts already in the dossier's language.
#[derive(Clone, Debug, Serialize)]
pub struct NotificationView {
    pub lang: Lang,
    pub generated_on: NaiveDate,
    pub directive: Directive,
    pub measures: Vec<Measure>,
    pub coverage: Coverage,
    /// The name of the correlation table's file, joined to the dossier.
    pub correlation_file: String,
    /// The lead administration's name, if one is designated.
    pub lead: Option<String>,
    /// Its contacts: (name, e-mail address).
    pub contacts: Vec<(Option<String>, String)>,
}

/// A directive as a dossier or a letter names it.
#[derive(Clone, Debug, Serialize)]
pub struct Directive {
    /// As people write it: 2019/1024.
    pub number: String,
    pub celex: String,
    /// In the document's language, else another one marked with it (`[EN] ...`).
    pub title: Option<String>,
    pub deadlines: Vec<NaiveDate>,
}

/// A regional measure.
#[derive(Clone, Debug, Serialize)]
pub struct Measure {
    pub kind: MeasureKind,
    /// In the document's language, else the other one's.
    pub title: Option<String>,
    pub adopted_on: Option<NaiveDate>,
    /// Published in the Moniteur belge / Belgisch Staatsblad.
    pub published_on: Option<NaiveDate>,
    pub in_force_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    pub completes: bool,
    /// Its sector-7 CELEX once the Commission lists it.
    pub celex: Option<String>,
}

impl NotificationView {
    /// Complete only when a measure completes the transposition and the table covers every
    /// provision.
    pub fn completeness(&self) -> Completeness {
        Completeness::of(self.measures.iter().any(|m| m.completes), &self.coverage)
    }
}

/// A line of a two-column table: a label in bold, a value.
pub(crate) fn label_row(label: &str, value: &str) -> TableRow {
    TableRow::new(vec![
        TableCell::new()
            .width(3000, WidthType::Dxa)
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(label).bold())),
        TableCell::new()
            .width(6638, WidthType::Dxa)
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(value))),
    ])
}

pub(crate) fn label_table(rows: Vec<TableRow>) -> Table {
    Table::new(rows).set_grid(vec![3000, 6638])
}

pub(crate) fn heading(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

pub(crate) fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A date in the document's language, or the sentence saying it is not known.
fn date_or(w: &Sentences, d: Option<NaiveDate>, unknown: &str) -> Result<String, ReportError> {
    match d {
        Some(d) => Ok(w.lang().format_date(d)),
        None => w.get(unknown),
    }
}

/// The directive's identity lines, shared with the reply draft.
pub(crate) fn directive_rows(
    w: &Sentences,
    d: &Directive,
) -> Result<Vec<(String, String)>, ReportError> {
    let lang = w.lang();
    let deadlines = if d.deadlines.is_empty() {
        w.get("no_deadline")?
    } else {
        d.deadlines
            .iter()
            .map(|d| lang.format_date(*d))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(vec![
        (w.get("directive_label")?, d.number.clone()),
        (w.get("celex")?, d.celex.clone()),
        (
            w.get("title_label")?,
            match &d.title {
                Some(t) => t.clone(),
                None => w.get("no_title")?,
            },
        ),
        (w.get("deadline")?, deadlines),
    ])
}

/// The coverage of the correlation table in a sentence.
pub(crate) fn coverage_sentence(w: &Sentences, c: &Coverage) -> Result<String, ReportError> {
    if c.provisions == 0 {
        return w.get("coverage_unknown");
    }
    let lang = w.lang();
    let n = |x: usize| lang.format_int(i64::try_from(x).unwrap_or(i64::MAX));
    w.fill(
        "coverage",
        &[
            ("covered", &n(c.covered())),
            ("provisions", &n(c.provisions)),
            ("transposed", &n(c.transposed)),
            ("not_applicable", &n(c.not_applicable)),
            ("to_do", &n(c.to_do)),
        ],
    )
}

/// The measure's heading: its kind and title ("ordonnance — Ordonnance transposant ...").
fn measure_heading(w: &Sentences, m: &Measure) -> Result<String, ReportError> {
    let kind = m.kind.label(w.lang());
    match &m.title {
        Some(title) => w.fill("measure_heading", &[("kind", kind), ("title", title)]),
        None => w.fill("measure_heading_untitled", &[("kind", kind)]),
    }
}

fn measure_rows(w: &Sentences, m: &Measure) -> Result<Vec<TableRow>, ReportError> {
    let lang = w.lang();
    let mut rows = vec![
        label_row(&w.get("kind")?, m.kind.label(lang)),
        label_row(
            &w.get("adopted")?,
            &date_or(w, m.adopted_on, "date_unknown")?,
        ),
        label_row(
            &w.get("published")?,
            &match m.published_on {
                Some(d) => w.fill("published_on", &[("date", &lang.format_date(d))])?,
                None => w.get("not_published")?,
            },
        ),
        label_row(
            &w.get("in_force")?,
            &date_or(w, m.in_force_on, "date_unknown")?,
        ),
        label_row(
            &w.get("notified")?,
            &date_or(w, m.notified_on, "not_notified")?,
        ),
        label_row(
            &w.get("scope")?,
            &w.get(if m.completes {
                "scope_complete"
            } else {
                "scope_partial"
            })?,
        ),
    ];
    if let Some(celex) = &m.celex {
        rows.push(label_row(&w.get("measure_celex")?, celex));
    }
    Ok(rows)
}

/// The dossier as an editable Word document, with the embedded sentences of the view's language.
pub fn docx(v: &NotificationView) -> Result<Vec<u8>, ReportError> {
    docx_with(v, &Sentences::embedded(TABLE, v.lang))
}

/// The dossier with the given sentences (the unit's copy of the `[notification]` table).
pub fn docx_with(v: &NotificationView, w: &Sentences) -> Result<Vec<u8>, ReportError> {
    let lang = w.lang();
    let completeness = v.completeness();
    let (verdict, fill) = match completeness {
        Completeness::Complete => (w.get("complete")?, "E2EFDA"),
        Completeness::Partial { .. } => (w.get("partial")?, "FCE4D6"),
    };
    let verdict_box = Table::new(vec![TableRow::new(vec![
        TableCell::new()
            .width(9638, WidthType::Dxa)
            .shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(fill),
            )
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&verdict).bold().size(24))),
    ])])
    .set_grid(vec![9638]);
    let mut docx = crate::annual::styles(Docx::new())
        .page_size(11906, 16838)
        .created_at(&format!("{}T00:00:00Z", v.generated_on))
        .add_paragraph(
            Paragraph::new().style("Title").add_run(
                Run::new().add_text(w.fill("title", &[("directive", &v.directive.number)])?),
            ),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(w.get("subtitle")?)),
        )
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(w.fill("generated", &[("date", &lang.format_date(v.generated_on))])?)
                    .italic(),
            ),
        )
        .add_table(verdict_box)
        .add_paragraph(Paragraph::new());
    if let Completeness::Partial {
        no_completing_measure,
        provisions_unknown,
        to_do,
    } = completeness
    {
        if no_completing_measure {
            docx = docx.add_paragraph(para(&w.get("reason_no_completing_measure")?));
        }
        if provisions_unknown {
            docx = docx.add_paragraph(para(&w.get("reason_provisions_unknown")?));
        } else if to_do > 0 {
            let n = lang.format_int(i64::try_from(to_do).unwrap_or(i64::MAX));
            docx = docx.add_paragraph(para(&w.fill("reason_to_do", &[("to_do", &n)])?));
        }
    }
    docx = docx.add_paragraph(heading("Heading1", &w.get("directive_heading")?));
    let rows = directive_rows(w, &v.directive)?
        .iter()
        .map(|(l, v)| label_row(l, v))
        .collect();
    docx = docx
        .add_table(label_table(rows))
        .add_paragraph(Paragraph::new())
        .add_paragraph(heading("Heading1", &w.get("measures_heading")?));
    if v.measures.is_empty() {
        docx = docx.add_paragraph(para(&w.get("no_measure")?));
    }
    for m in &v.measures {
        docx = docx
            .add_paragraph(heading("Heading2", &measure_heading(w, m)?))
            .add_table(label_table(measure_rows(w, m)?))
            .add_paragraph(Paragraph::new());
    }
    docx = docx
        .add_paragraph(heading("Heading1", &w.get("correlation_heading")?))
        .add_paragraph(para(&coverage_sentence(w, &v.coverage)?))
        .add_paragraph(para(
            &w.fill("correlation_file", &[("file", &v.correlation_file)])?,
        ))
        .add_paragraph(heading("Heading1", &w.get("contact_heading")?));
    docx = docx.add_paragraph(para(&match &v.lead {
        Some(name) => w.fill("lead", &[("authority", name)])?,
        None => w.get("no_lead")?,
    }));
    if v.lead.is_some() && v.contacts.is_empty() {
        docx = docx.add_paragraph(para(&w.get("no_contact")?));
    }
    for (name, email) in &v.contacts {
        let line = match name {
            Some(name) => w.fill("contact", &[("name", name), ("email", email)])?,
            None => w.fill("contact_email", &[("email", email)])?,
        };
        docx = docx.add_paragraph(para(&line));
    }
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(docx_rs::DocxError::from)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn view(lang: Lang, completes: bool, coverage: Coverage) -> NotificationView {
        NotificationView {
            lang,
            generated_on: date(2022, 6, 1),
            directive: Directive {
                number: "2019/1024".into(),
                celex: "32019L1024".into(),
                title: Some("Directive (UE) 2019/1024 concernant les données ouvertes".into()),
                deadlines: vec![date(2021, 7, 17)],
            },
            measures: vec![Measure {
                kind: MeasureKind::Ordinance,
                title: Some("Ordonnance relative aux données ouvertes".into()),
                adopted_on: Some(date(2022, 4, 28)),
                published_on: Some(date(2022, 5, 15)),
                in_force_on: None,
                notified_on: None,
                completes,
                celex: None,
            }],
            coverage,
            correlation_file: "notification-2019-1024-fr.xlsx".into(),
            lead: Some("Bruxelles Environnement".into()),
            contacts: vec![(Some("Anne Dupont".into()), "anne@example.be".into())],
        }
    }

    fn whole(n: usize) -> Coverage {
        Coverage {
            provisions: n,
            transposed: n,
            not_applicable: 0,
            to_do: 0,
        }
    }

    #[test]
    fn says_the_measures_dates_in_the_language() {
        let text = crate::docx_text(&docx(&view(Lang::Fr, true, whole(3))).unwrap());
        assert!(text.contains("Moniteur belge du 15 mai 2022"), "{text}");
        assert!(text.contains("28 avril 2022"));
        assert!(text.contains("17 juillet 2021"));
        assert!(text.contains("Anne Dupont"));
        assert!(text.contains("notification-2019-1024-fr.xlsx"));
        let text = crate::docx_text(&docx(&view(Lang::Nl, true, whole(3))).unwrap());
        assert!(
            text.contains("Belgisch Staatsblad van 15 mei 2022"),
            "{text}"
        );
    }

    #[test]
    fn complete_only_with_a_completing_measure_and_a_whole_table() {
        let verdict = |v: &NotificationView| {
            let text = crate::docx_text(&docx(v).unwrap());
            let w = Sentences::embedded(TABLE, v.lang);
            (
                text.contains(&w.get("complete").unwrap()),
                text.contains(&w.get("partial").unwrap()),
            )
        };
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            assert_eq!(verdict(&view(lang, true, whole(3))), (true, false));
            assert_eq!(verdict(&view(lang, false, whole(3))), (false, true));
            let one_to_do = Coverage {
                provisions: 3,
                transposed: 2,
                not_applicable: 0,
                to_do: 1,
            };
            assert_eq!(verdict(&view(lang, true, one_to_do)), (false, true));
            assert_eq!(
                verdict(&view(lang, true, Coverage::default())),
                (false, true)
            );
        }
    }

    #[test]
    fn the_verdicts_differ_in_every_language() {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            let w = Sentences::embedded(TABLE, lang);
            let (complete, partial) = (w.get("complete").unwrap(), w.get("partial").unwrap());
            assert!(!complete.contains(&partial) && !partial.contains(&complete));
        }
    }

    #[test]
    fn every_sentence_exists_in_every_language() {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            let mut v = view(lang, false, Coverage::default());
            v.lead = None;
            v.contacts = vec![(None, "unit@example.be".into())];
            v.directive.title = None;
            v.directive.deadlines.clear();
            v.measures.push(Measure {
                kind: MeasureKind::GovernmentDecree,
                title: None,
                adopted_on: None,
                published_on: None,
                in_force_on: None,
                notified_on: Some(date(2022, 6, 1)),
                completes: true,
                celex: Some("72019L1024BEL_123456".into()),
            });
            let text = crate::docx_text(&docx(&v).unwrap());
            assert!(text.contains("72019L1024BEL_123456"), "{text}");
            v.lead = Some("Brugel".into());
            v.contacts.clear();
            v.measures.clear();
            let text = crate::docx_text(&docx(&v).unwrap());
            let w = Sentences::embedded(TABLE, lang);
            assert!(text.contains(&w.get("no_contact").unwrap()), "{text}");
            assert!(text.contains(&w.get("no_measure").unwrap()), "{text}");
        }
    }
}
