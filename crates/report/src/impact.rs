//! A proposal's ex-ante impact assessment (`scoreboard report impact`): an editable Word document
//! and an HTML page in one language, with the proposal's identity, its stage in the negotiation
//! and every concerned administration's note, field by field. Words from the `impact_report` and
//! `impact` tables of the translation files; the page from `templates/impact.html`.

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{AlignmentType, Docx, Paragraph, Run, Table, TableCell, TableRow, WidthType};
use domain::words::{fill, t};
use domain::{ImpactField, Lang};
use minijinja::{Environment, UndefinedBehavior, value::Serde};
use serde::Serialize;

use crate::ReportError;

const TEMPLATE: &str = include_str!("../../../templates/impact.html");

/// What the document shows, names already in the document's language.
#[derive(Clone, Debug, Serialize)]
pub struct ImpactView {
    pub lang: Lang,
    pub generated_on: NaiveDate,
    /// `COM(2021) 557`
    pub com: String,
    pub procedure: Option<String>,
    pub title: Option<String>,
    pub competence: String,
    pub lead: Option<String>,
    pub associated: Vec<String>,
    /// Stage names with their dates, in the negotiation's order.
    pub stages: Vec<(String, Option<NaiveDate>)>,
    /// The directive it became, as people cite it (`2023/2413`).
    pub directive: Option<String>,
    pub risk: Option<String>,
    pub notes: Option<String>,
    pub impact_notes: Vec<AuthorityNote>,
}

/// One administration's note.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorityNote {
    /// The administration's name in the document's language.
    pub authority: String,
    /// Every field, in the note's order; `None` when not filled in.
    pub fields: Vec<(ImpactField, Option<String>)>,
}

/// The identity lines (label, value) both outputs show.
fn identity(v: &ImpactView) -> Vec<(String, String)> {
    let lang = v.lang;
    let w = |k: &'static str| t(lang, k).to_owned();
    let mut lines = vec![(w("impact_report.com"), v.com.clone())];
    if let Some(p) = &v.procedure {
        lines.push((w("impact_report.procedure"), p.clone()));
    }
    if let Some(title) = &v.title {
        lines.push((w("impact_report.title_label"), title.clone()));
    }
    lines.push((w("impact_report.competence"), v.competence.clone()));
    lines.push((
        w("impact_report.lead"),
        v.lead
            .clone()
            .unwrap_or_else(|| t(lang, "lead.none").to_owned()),
    ));
    if !v.associated.is_empty() {
        lines.push((w("impact_report.associated"), v.associated.join(", ")));
    }
    for (stage, on) in &v.stages {
        lines.push((
            stage.clone(),
            on.map(|d| lang.format_date(d))
                .unwrap_or_else(|| w("impact_report.date_unknown")),
        ));
    }
    if let Some(d) = &v.directive {
        lines.push((w("impact_report.directive"), d.clone()));
    }
    if let Some(r) = &v.risk {
        lines.push((w("impact_report.risk"), r.clone()));
    }
    if let Some(n) = &v.notes {
        lines.push((w("impact_report.notes"), n.clone()));
    }
    lines
}

fn not_filled(lang: Lang) -> String {
    t(lang, "impact_report.not_filled").to_owned()
}

/// The page (self-contained HTML).
pub fn html(v: &ImpactView) -> Result<String, ReportError> {
    #[derive(Serialize)]
    struct Note {
        authority: String,
        fields: Vec<(String, String, bool)>,
    }
    #[derive(Serialize)]
    struct Context {
        lang: &'static str,
        title: String,
        heading: String,
        generated: String,
        identity: Vec<(String, String)>,
        notes_heading: String,
        no_note: String,
        notes: Vec<Note>,
    }
    let lang = v.lang;
    let context = Context {
        lang: lang.code(),
        title: fill(lang, "impact_report.title", &[("com", &v.com)]),
        heading: t(lang, "impact_report.heading").to_owned(),
        generated: fill(
            lang,
            "impact_report.generated",
            &[("date", &lang.format_date(v.generated_on))],
        ),
        identity: identity(v),
        notes_heading: t(lang, "impact_report.notes_heading").to_owned(),
        no_note: t(lang, "impact_report.no_note").to_owned(),
        notes: v
            .impact_notes
            .iter()
            .map(|n| Note {
                authority: n.authority.clone(),
                fields: n
                    .fields
                    .iter()
                    .map(|(f, text)| {
                        (
                            f.label(lang).to_owned(),
                            text.clone().unwrap_or_else(|| not_filled(lang)),
                            text.is_some(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_template("impact.html", TEMPLATE)?;
    Ok(env.get_template("impact.html")?.render(Serde(&context))?)
}

/// The editable Word document: the annual report's styles, the identity as a two-column table,
/// a heading per administration and one per field.
pub fn docx(v: &ImpactView) -> Result<Vec<u8>, ReportError> {
    let lang = v.lang;
    let para = |text: &str| Paragraph::new().add_run(Run::new().add_text(text));
    let heading = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .keep_next(true)
            .add_run(Run::new().add_text(text))
    };
    let rows: Vec<TableRow> = identity(v)
        .into_iter()
        .map(|(label, value)| {
            TableRow::new(vec![
                TableCell::new()
                    .width(3000, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(label).bold())),
                TableCell::new()
                    .width(6638, WidthType::Dxa)
                    .add_paragraph(para(&value)),
            ])
        })
        .collect();
    let mut docx = crate::annual::styles(Docx::new())
        .page_size(11906, 16838)
        .created_at(&format!("{}T00:00:00Z", v.generated_on))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(fill(
                    lang,
                    "impact_report.title",
                    &[("com", &v.com)],
                ))),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(t(lang, "impact_report.heading"))),
        )
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(fill(
                        lang,
                        "impact_report.generated",
                        &[("date", &lang.format_date(v.generated_on))],
                    ))
                    .italic(),
            ),
        )
        .add_table(Table::new(rows).set_grid(vec![3000, 6638]))
        .add_paragraph(Paragraph::new())
        .add_paragraph(heading("Heading1", t(lang, "impact_report.notes_heading")));
    if v.impact_notes.is_empty() {
        docx = docx.add_paragraph(para(t(lang, "impact_report.no_note")));
    }
    for note in &v.impact_notes {
        docx = docx.add_paragraph(heading("Heading2", &note.authority));
        for (field, text) in &note.fields {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .keep_next(true)
                    .add_run(Run::new().add_text(field.label(lang)).bold()),
            );
            docx = match text {
                Some(text) => {
                    let mut p = Paragraph::new();
                    for (i, line) in text.lines().enumerate() {
                        if i > 0 {
                            p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
                        }
                        p = p.add_run(Run::new().add_text(line));
                    }
                    docx.add_paragraph(p)
                }
                None => docx.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Left)
                        .add_run(Run::new().add_text(not_filled(lang)).italic()),
                ),
            };
        }
    }
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(docx_rs::DocxError::from)?;
    Ok(out.into_inner())
}
