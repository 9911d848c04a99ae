//! The annual report of the Government to the Brussels Parliament (1 October – 30 September), in
//! French or Dutch (and English for readers outside the Region): an editable Word document and
//! the same report as an HTML page.
//!
//! [`Document::of`] turns the figures of `domain::annual` into one language-resolved document
//! (sections of headings, paragraphs, tables and charts, every word from the `annual` tables of
//! `locales/{fr,nl,en}.toml`); [`docx`] writes it with docx-rs, [`html`] renders it through
//! `templates/annual.html`. Both outputs show the same words and numbers because they
//! read the same [`Document`].

use std::collections::BTreeMap;
use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGEREF, InstrText, InstrToC, LineSpacing,
    NumPages, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts, Shading, ShdType, Style,
    StyleType, Tab, TabLeaderType, TabValueType, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, WidthType,
};
use domain::annual::{
    AnnualFigures, CaseRow, DecisionKind, DecisionRow, DirectiveRow, FigureRows, MeasureRow,
    PilotRow, ProposalRow, ReplyRow, SummaryKey,
};
use domain::indicators::Indicators;
use domain::{CaseType, Delay, Lang, ReportPeriod, Stage, Status};
use minijinja::{Environment, UndefinedBehavior, value::Serde};
use serde::Serialize;

use crate::ReportError;
use crate::charts::{BLUE, Chart, Direction, GREEN, LIGHT_BLUE, RED, Series};

/// What the annual report shows, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualView {
    /// French or Dutch: the languages of the Brussels Parliament.
    pub lang: Lang,
    pub period: ReportPeriod,
    pub figures: AnnualFigures,
    /// The day the document is produced (printed on its first page).
    pub generated_on: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// Translations.

/// One layout for every language: every word comes from the translation file of the view's
/// language (`locales/*.toml`, its `annual` tables).
const TEMPLATE: &str = include_str!("../../../templates/annual.html");

/// The embedded page template (the same for every language).
pub fn embedded_template(_lang: Lang) -> Option<&'static str> {
    Some(TEMPLATE)
}

/// The words of the annual report in one language: `section.key` -> text, the `annual` tables of
/// the language's translation file.
#[derive(Debug, Clone)]
pub struct Words {
    lang: Lang,
    map: BTreeMap<String, String>,
}

impl Words {
    /// The embedded words of `lang`: the `annual` tables of its translation file, as
    /// `domain::words` read it once.
    pub fn of(lang: Lang) -> Words {
        let map = domain::words::all(lang)
            .iter()
            .filter_map(|(key, text)| Some((key.strip_prefix("annual.")?.to_owned(), text.clone())))
            .collect();
        Words { lang, map }
    }

    /// Every key, to compare the languages.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// Every text, to look for words of another language.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.map.values().map(String::as_str)
    }

    fn get(&self, key: &str) -> Result<String, ReportError> {
        self.map
            .get(key)
            .cloned()
            .ok_or_else(|| ReportError::MissingWord {
                lang: self.lang,
                key: key.to_string(),
            })
    }

    /// The text of `key` with each `{name}` replaced.
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> Result<String, ReportError> {
        let mut text = self.get(key)?;
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        Ok(text)
    }
}

// ---------------------------------------------------------------------------------------------
// The document both outputs render.

/// A table: a header row and rows of texts; `keys` names rows a reader (or a test) can find.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableBlock {
    /// An anchor: `summary`, `annex-<figure code>`...
    pub id: String,
    pub columns: Vec<String>,
    /// Columns holding numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// One per row, empty when rows have no key.
    pub keys: Vec<String>,
}

/// A chart with its caption, as SVG for the page and PNG for the Word document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartBlock {
    pub caption: String,
    pub svg: String,
    #[serde(skip)]
    pub chart: Chart,
}

/// One element of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading { id: String, text: String },
    Paragraph { text: String },
    Table(TableBlock),
    Chart(ChartBlock),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole report in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    pub region: String,
    pub period: String,
    pub generated: String,
    pub toc: String,
    pub page: String,
    pub sections: Vec<Section>,
}

/// The annex number of each summary line, in summary order: "1", "2"...
fn annex_number(key: SummaryKey) -> String {
    let index = SummaryKey::all()
        .iter()
        .position(|k| *k == key)
        .unwrap_or(0);
    (index + 1).to_string()
}

/// Formats dates, numbers and titles in the view's language.
struct Fmt<'a> {
    w: &'a Words,
    lang: Lang,
}

impl Fmt<'_> {
    fn date(&self, d: NaiveDate) -> String {
        self.lang.format_date(d)
    }

    fn opt_date(&self, d: Option<NaiveDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }

    fn int(&self, n: usize) -> String {
        self.lang.format_int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn plural(&self, key: &str, n: i64) -> Result<String, ReportError> {
        let which = if n == 1 { "one" } else { "many" };
        self.w.fill(
            &format!("unit.{key}_{which}"),
            &[("n", &self.lang.format_int(n))],
        )
    }

    fn delay(&self, delay: Option<Delay>) -> Result<String, ReportError> {
        let Some(d) = delay else {
            return Ok(String::new());
        };
        let months = self.plural("months", i64::from(d.months))?;
        let days = self.plural("days", d.days)?;
        self.w
            .fill("unit.delay", &[("months", &months), ("days", &days)])
    }

    fn months(&self, m: Option<f64>) -> Result<String, ReportError> {
        match m {
            // "mois" / "maanden": a decimal number of months reads as plural.
            Some(m) => self
                .w
                .fill("unit.months_many", &[("n", &self.lang.format_number(m, 1))]),
            None => self.w.get("indicator.not_applicable"),
        }
    }

    /// A text in the report's language, else in the other one, else in English, marked when it is
    /// not the report's.
    fn title(
        &self,
        fr: Option<&str>,
        nl: Option<&str>,
        en: Option<&str>,
    ) -> Result<String, ReportError> {
        let (own, other, other_lang) = match self.lang {
            Lang::Nl => (nl, fr, "fr"),
            _ => (fr, nl, "nl"),
        };
        let clean = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        if let Some(t) = clean(own) {
            return Ok(t);
        }
        if let Some(t) = clean(other) {
            return Ok(format!(
                "{t} {}",
                self.w.get(&format!("marker.{other_lang}"))?
            ));
        }
        if let Some(t) = clean(en) {
            return Ok(format!("{t} {}", self.w.get("marker.en")?));
        }
        Ok(String::new())
    }

    fn status(&self, s: &Status) -> Result<String, ReportError> {
        self.w.get(&format!("status.{}", s.code()))
    }

    fn stage(&self, s: &Stage) -> Result<String, ReportError> {
        let step = self.w.get(&format!("step.{}", s.step.code()))?;
        let step = if s.nth > 1 {
            format!("{step} ({})", s.nth)
        } else {
            step
        };
        match s.basis {
            Some(b) => Ok(format!(
                "{step}, {}",
                self.w.get(&format!("basis.{}", b.code()))?
            )),
            None => Ok(step),
        }
    }

    fn case_type(&self, t: Option<CaseType>) -> Result<String, ReportError> {
        self.w
            .get(&format!("case_type.{}", t.map_or("unknown", |t| t.code())))
    }

    fn yes_no(&self, b: bool) -> Result<String, ReportError> {
        self.w.get(if b { "document.yes" } else { "document.no" })
    }
}

fn table(
    id: &str,
    columns: Vec<String>,
    numeric: &[usize],
    rows: Vec<Vec<String>>,
    keys: Vec<String>,
) -> Block {
    let numeric = (0..columns.len()).map(|i| numeric.contains(&i)).collect();
    Block::Table(TableBlock {
        id: id.to_string(),
        columns,
        numeric,
        rows,
        keys,
    })
}

fn heading(id: &str, text: String) -> Block {
    Block::Heading {
        id: id.to_string(),
        text,
    }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph { text }
}

impl Document {
    /// The report of `view` in its language.
    pub fn of(view: &AnnualView) -> Result<Document, ReportError> {
        let words = Words::of(view.lang);
        Document::with_words(view, &words)
    }

    /// The report of `view` with the given words (a user's copy of a translation file).
    pub fn with_words(view: &AnnualView, w: &Words) -> Result<Document, ReportError> {
        let f = Fmt { w, lang: view.lang };
        let end = f.date(view.period.end());
        let sections = vec![
            summary(view, &f)?,
            transposition(view, &f, &end)?,
            infringements(view, &f, &end)?,
            indicators_section(view, &f, &end)?,
            proposals(view, &f, &end)?,
            charts(view, &f)?,
            annexes(view, &f)?,
        ];
        Ok(Document {
            lang: view.lang.code(),
            title: w.get("document.title")?,
            subtitle: w.get("document.subtitle")?,
            region: w.get("document.region")?,
            period: w.fill(
                "document.period",
                &[("period", &view.period.label(view.lang))],
            )?,
            generated: w.fill(
                "document.generated",
                &[("date", &f.date(view.generated_on))],
            )?,
            toc: w.get("document.toc")?,
            page: w.get("document.page")?,
            sections,
        })
    }
}

fn summary(view: &AnnualView, f: &Fmt) -> Result<Section, ReportError> {
    let w = f.w;
    let figures = &view.figures;
    let mut rows = Vec::new();
    let mut keys = Vec::new();
    for line in figures.summary() {
        let code = line.key.code();
        rows.push(vec![
            w.get(&format!("figure.{code}"))?,
            f.int(line.previous),
            f.int(line.current),
            w.fill("document.annex_ref", &[("n", &annex_number(line.key))])?,
        ]);
        keys.push(code);
    }
    let columns = vec![
        w.get("column.figure")?,
        view.period.previous().to_string(),
        view.period.to_string(),
        w.get("column.annex")?,
    ];
    Ok(Section {
        id: "summary".to_string(),
        title: w.get("section.summary")?,
        blocks: vec![
            paragraph(w.fill("text.summary", &[("period", &view.period.label(view.lang))])?),
            table("summary", columns, &[1, 2], rows, keys),
        ],
    })
}

fn directive_columns(f: &Fmt, outstanding: bool) -> Result<Vec<String>, ReportError> {
    let w = f.w;
    let mut columns = vec![
        w.get("column.directive")?,
        w.get("column.title")?,
        w.get("column.deadline")?,
    ];
    if outstanding {
        columns.extend([
            w.get("column.delay")?,
            w.get("column.lead")?,
            w.get("column.planned")?,
            w.get("column.reason")?,
        ]);
    } else {
        columns.extend([
            w.get("column.situation")?,
            w.get("column.completed")?,
            w.get("column.delay")?,
        ]);
    }
    Ok(columns)
}

fn directive_rows(
    f: &Fmt,
    rows: &[DirectiveRow],
    outstanding: bool,
) -> Result<Vec<Vec<String>>, ReportError> {
    rows.iter()
        .map(|r| {
            let title = f.title(
                r.title_fr.as_deref(),
                r.title_nl.as_deref(),
                r.title_en.as_deref(),
            )?;
            let mut row = vec![r.number.clone(), title, f.date(r.deadline)];
            if outstanding {
                row.extend([
                    f.delay(r.delay())?,
                    r.lead.clone().unwrap_or_default(),
                    r.planned_text.clone().unwrap_or_default(),
                    r.risk_reason.clone().unwrap_or_default(),
                ]);
            } else {
                row.extend([
                    f.status(&r.status)?,
                    f.opt_date(r.completed_on),
                    f.delay(r.delay())?,
                ]);
            }
            Ok(row)
        })
        .collect()
}

fn transposition(view: &AnnualView, f: &Fmt, end: &str) -> Result<Section, ReportError> {
    let w = f.w;
    let c = &view.figures.current;
    let mut blocks = vec![
        heading("deadlines", w.get("heading.deadlines")?),
        paragraph(w.fill("text.deadlines", &[("date", end)])?),
    ];
    blocks.push(table(
        "deadlines",
        directive_columns(f, false)?,
        &[],
        directive_rows(f, c.deadlines_in_period.rows(), false)?,
        Vec::new(),
    ));
    blocks.push(heading("measures", w.get("heading.measures")?));
    blocks.push(paragraph(w.fill(
        "text.measures",
        &[
            ("adopted", &f.int(c.measures_adopted.count())),
            ("notified", &f.int(c.measures_notified.count())),
            ("adopted_annex", &annex_number(SummaryKey::MeasuresAdopted)),
            (
                "notified_annex",
                &annex_number(SummaryKey::MeasuresNotified),
            ),
        ],
    )?));
    blocks.push(heading(
        "outstanding",
        w.fill("heading.outstanding", &[("date", end)])?,
    ));
    blocks.push(paragraph(w.fill("text.outstanding", &[("date", end)])?));
    blocks.push(table(
        "outstanding",
        directive_columns(f, true)?,
        &[],
        directive_rows(f, c.outstanding_at_end.rows(), true)?,
        Vec::new(),
    ));
    Ok(Section {
        id: "transposition".to_string(),
        title: w.get("section.transposition")?,
        blocks,
    })
}

/// A table of counts: label, previous period, period.
fn comparison(
    view: &AnnualView,
    f: &Fmt,
    id: &str,
    lines: Vec<(String, usize, usize)>,
) -> Result<Block, ReportError> {
    let columns = vec![
        f.w.get("column.figure")?,
        view.period.previous().to_string(),
        view.period.to_string(),
    ];
    let rows = lines
        .into_iter()
        .map(|(label, previous, current)| vec![label, f.int(previous), f.int(current)])
        .collect();
    Ok(table(id, columns, &[1, 2], rows, Vec::new()))
}

fn infringements(view: &AnnualView, f: &Fmt, end: &str) -> Result<Section, ReportError> {
    let w = f.w;
    let (c, p) = (&view.figures.current, &view.figures.previous);
    let mut blocks = vec![
        heading("decisions", w.get("heading.decisions")?),
        paragraph(w.get("text.decisions")?),
    ];
    let lines = DecisionKind::ALL
        .into_iter()
        .map(|k| {
            Ok((
                w.get(&format!("decision.{}", k.code()))?,
                p.decisions_of(k).count(),
                c.decisions_of(k).count(),
            ))
        })
        .collect::<Result<Vec<_>, ReportError>>()?;
    blocks.push(comparison(view, f, "decisions", lines)?);

    blocks.push(heading(
        "pending",
        w.fill("heading.pending", &[("date", end)])?,
    ));
    blocks.push(paragraph(w.fill(
        "text.pending",
        &[("date", end), ("count", &f.int(c.pending_at_end.count()))],
    )?));
    let mut lines = Vec::new();
    for (now, before) in c.pending_by_step.iter().zip(&p.pending_by_step) {
        if now.cases.count() + before.cases.count() > 0 {
            lines.push((
                w.get(&format!("step.{}", now.step.code()))?,
                before.cases.count(),
                now.cases.count(),
            ));
        }
    }
    blocks.push(comparison(view, f, "pending-by-stage", lines)?);
    let mut lines = Vec::new();
    for (now, before) in c.pending_by_type.iter().zip(&p.pending_by_type) {
        if now.cases.count() + before.cases.count() > 0 {
            lines.push((
                f.case_type(now.case_type)?,
                before.cases.count(),
                now.cases.count(),
            ));
        }
    }
    blocks.push(comparison(view, f, "pending-by-type", lines)?);

    blocks.push(heading("replies", w.get("heading.replies")?));
    blocks.push(paragraph(w.fill("text.replies", &[("date", end)])?));
    let keys = [
        SummaryKey::RepliesDue,
        SummaryKey::RepliesOnTime,
        SummaryKey::RepliesLate,
        SummaryKey::RepliesNotSent,
    ];
    let lines = summary_lines(view, w, &keys)?;
    blocks.push(comparison(view, f, "replies", lines)?);

    blocks.push(heading("pilots", w.get("heading.pilots")?));
    blocks.push(paragraph(w.get("text.pilots")?));
    let keys = [
        SummaryKey::PilotsReceived,
        SummaryKey::PilotRepliesDue,
        SummaryKey::PilotRepliesOnTime,
        SummaryKey::PilotRepliesLate,
        SummaryKey::PilotRepliesNotSent,
    ];
    let lines = summary_lines(view, w, &keys)?;
    blocks.push(comparison(view, f, "pilots", lines)?);
    Ok(Section {
        id: "infringements".to_string(),
        title: w.get("section.infringements")?,
        blocks,
    })
}

fn summary_lines(
    view: &AnnualView,
    w: &Words,
    keys: &[SummaryKey],
) -> Result<Vec<(String, usize, usize)>, ReportError> {
    keys.iter()
        .map(|k| {
            Ok((
                w.get(&format!("figure.{}", k.code()))?,
                view.figures.previous.figure(*k).count(),
                view.figures.current.figure(*k).count(),
            ))
        })
        .collect()
}

/// The indicator lines: (label, value) for one reference date.
fn indicator_values(f: &Fmt, i: &Indicators) -> Result<Vec<(String, String)>, ReportError> {
    let w = f.w;
    let na = w.get("indicator.not_applicable")?;
    let mut lines = vec![
        (w.get("indicator.concerned")?, f.int(i.concerned)),
        (w.get("indicator.due")?, f.int(i.due)),
        (
            w.get("indicator.not_completely_notified")?,
            f.int(i.not_completely_notified),
        ),
        (w.get("indicator.overdue")?, f.int(i.overdue)),
        (w.get("indicator.partial")?, f.int(i.partial)),
        (
            w.get("indicator.deficit")?,
            i.deficit_percent
                .map_or(na.clone(), |d| f.lang.format_percent(d, 1)),
        ),
    ];
    for t in &i.targets {
        let label = w.fill(
            "indicator.target",
            &[
                ("percent", &f.lang.format_percent(t.percent, 1)),
                (
                    "who",
                    &w.get(&format!("indicator.target-{}", t.kind.code()))?,
                ),
            ],
        )?;
        lines.push((
            label,
            w.get(if t.met {
                "indicator.met"
            } else {
                "indicator.not_met"
            })?,
        ));
    }
    lines.extend([
        (
            w.get("indicator.overdue_two_years")?,
            f.int(i.overdue_two_years_or_more),
        ),
        (
            w.get("indicator.average_delay")?,
            f.months(i.average_delay_months)?,
        ),
        (w.get("indicator.pending_cases")?, f.int(i.pending_cases)),
        (
            w.get("indicator.pending_non_conformity")?,
            f.int(i.pending_non_conformity),
        ),
        (
            w.get("indicator.pending_to_triage")?,
            f.int(i.pending_to_triage),
        ),
        (
            w.get("indicator.average_case_duration")?,
            f.months(i.average_case_duration_months)?,
        ),
    ]);
    Ok(lines)
}

fn indicators_section(view: &AnnualView, f: &Fmt, end: &str) -> Result<Section, ReportError> {
    let w = f.w;
    let mut blocks = vec![
        heading(
            "indicators",
            w.fill("heading.indicators", &[("date", end)])?,
        ),
        paragraph(w.fill("text.indicators", &[("date", end)])?),
    ];
    let lines = indicator_values(f, &view.figures.indicators)?;
    let rows = lines.into_iter().map(|(l, v)| vec![l, v]).collect();
    blocks.push(table(
        "indicators",
        vec![w.get("column.indicator")?, w.get("column.value")?],
        &[1],
        rows,
        Vec::new(),
    ));

    blocks.push(heading("trend", w.get("heading.trend")?));
    blocks.push(paragraph(w.get("text.trend")?));
    let per_period: Vec<Vec<(String, String)>> = view
        .figures
        .trend
        .iter()
        .map(|t| indicator_values(f, &t.indicators))
        .collect::<Result<_, _>>()?;
    let mut columns = vec![w.get("column.indicator")?];
    columns.extend(view.figures.trend.iter().map(|t| f.date(t.period.end())));
    let rows = (0..per_period.first().map_or(0, Vec::len))
        .map(|i| {
            let mut row = vec![per_period[0][i].0.clone()];
            row.extend(
                per_period
                    .iter()
                    .map(|p| p.get(i).map(|(_, v)| v.clone()).unwrap_or_default()),
            );
            row
        })
        .collect();
    let numeric: Vec<usize> = (1..columns.len()).collect();
    blocks.push(table("trend", columns, &numeric, rows, Vec::new()));
    Ok(Section {
        id: "indicators".to_string(),
        title: w.get("section.indicators")?,
        blocks,
    })
}

fn proposal_columns(f: &Fmt) -> Result<Vec<String>, ReportError> {
    let col = |k: &str| f.w.get(&format!("column.{k}"));
    Ok(vec![
        col("proposal")?,
        col("title")?,
        col("lead")?,
        col("proposed")?,
        col("stage")?,
        col("since")?,
        col("directive_adopted")?,
    ])
}

fn proposal_rows(f: &Fmt, rows: &[ProposalRow]) -> Result<Vec<Vec<String>>, ReportError> {
    rows.iter()
        .map(|p| {
            Ok(vec![
                p.com.clone(),
                f.title(
                    p.title_fr.as_deref(),
                    p.title_nl.as_deref(),
                    p.title_en.as_deref(),
                )?,
                p.lead.clone().unwrap_or_default(),
                f.opt_date(p.proposed_on),
                p.stage
                    .map(|(s, _)| s.label(f.lang).to_owned())
                    .unwrap_or_default(),
                f.opt_date(p.stage.map(|(_, on)| on)),
                p.directive.clone().unwrap_or_default(),
            ])
        })
        .collect()
}

/// The proposals followed during the period, their counts (which add up: new + carried over =
/// adopted + withdrawn + still in negotiation) and the summaries of their impact notes.
fn proposals(view: &AnnualView, f: &Fmt, end: &str) -> Result<Section, ReportError> {
    let w = f.w;
    let p = &view.figures.current.proposals;
    let n = |fig: &domain::annual::Figure<ProposalRow>| f.int(fig.count());
    let mut blocks = vec![
        heading("followed", w.get("heading.proposals")?),
        paragraph(w.fill(
            "text.proposals",
            &[
                ("followed", &n(&p.followed)),
                ("new", &n(&p.new)),
                ("carried_over", &n(&p.carried_over)),
                ("adopted", &n(&p.adopted)),
                ("withdrawn", &n(&p.withdrawn)),
                ("open", &n(&p.open_at_end)),
                ("date", end),
                ("annex_first", &annex_number(SummaryKey::ProposalsFollowed)),
                ("annex_last", &annex_number(SummaryKey::ProposalsOpenAtEnd)),
            ],
        )?),
        table(
            "followed",
            proposal_columns(f)?,
            &[],
            proposal_rows(f, p.followed.rows())?,
            p.followed.rows().iter().map(|r| r.com.clone()).collect(),
        ),
    ];
    if p.undated.count() > 0 {
        blocks.push(paragraph(w.fill(
            "text.proposals_undated",
            &[
                ("count", &n(&p.undated)),
                ("annex", &annex_number(SummaryKey::ProposalsUndated)),
            ],
        )?));
    }
    blocks.push(heading("impact", w.get("heading.impact")?));
    blocks.push(paragraph(w.get("text.impact")?));
    let mut rows = Vec::new();
    for r in p.followed.rows() {
        for note in &r.impact_notes {
            rows.push(vec![
                r.com.clone(),
                note.authority.clone(),
                match &note.summary {
                    Some(s) => s.clone(),
                    None => w.get("document.no_summary")?,
                },
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(paragraph(w.get("document.none")?));
    } else {
        blocks.push(table(
            "impact",
            vec![
                w.get("column.proposal")?,
                w.get("column.authority")?,
                w.get("column.summary")?,
            ],
            &[],
            rows,
            Vec::new(),
        ));
    }
    Ok(Section {
        id: "proposals".to_string(),
        title: w.get("section.proposals")?,
        blocks,
    })
}

/// The charts of the report, with their captions.
pub fn chart_list(view: &AnnualView) -> Result<Vec<(String, Chart)>, ReportError> {
    let w = Words::of(view.lang);
    chart_list_with(view, &w)
}

fn chart_list_with(view: &AnnualView, w: &Words) -> Result<Vec<(String, Chart)>, ReportError> {
    let (c, p) = (&view.figures.current, &view.figures.previous);
    let period_name =
        |period: ReportPeriod| w.fill("chart.period", &[("year", &period.to_string())]);

    let mut categories = Vec::new();
    let (mut before, mut now) = (Vec::new(), Vec::new());
    for (n, b) in c.pending_by_step.iter().zip(&p.pending_by_step) {
        if n.cases.count() + b.cases.count() > 0 {
            categories.push(w.get(&format!("step.{}", n.step.code()))?);
            before.push(b.cases.count());
            now.push(n.cases.count());
        }
    }
    let stages = Chart {
        categories,
        series: vec![
            Series {
                name: period_name(view.period.previous())?,
                color: LIGHT_BLUE,
                values: before,
            },
            Series {
                name: period_name(view.period)?,
                color: BLUE,
                values: now,
            },
        ],
        value_axis: w.get("chart.axis_cases")?,
        direction: Direction::Bars,
        lang: view.lang,
    };

    let overdue = Chart {
        categories: view
            .figures
            .trend
            .iter()
            .map(|t| period_name(t.period))
            .collect::<Result<_, _>>()?,
        series: vec![Series {
            name: w.get("chart.overdue_series")?,
            color: RED,
            values: view
                .figures
                .trend
                .iter()
                .map(|t| t.indicators.not_completely_notified)
                .collect(),
        }],
        value_axis: w.get("chart.axis_directives")?,
        direction: Direction::Columns,
        lang: view.lang,
    };

    let deadlines = Chart {
        categories: vec![
            w.get("chart.on_time")?,
            w.get("chart.late")?,
            w.get("chart.not_transposed")?,
        ],
        series: vec![
            Series {
                name: period_name(view.period.previous())?,
                color: LIGHT_BLUE,
                values: vec![
                    p.transposed_on_time.count(),
                    p.transposed_late.count(),
                    p.not_transposed.count(),
                ],
            },
            Series {
                name: period_name(view.period)?,
                color: GREEN,
                values: vec![
                    c.transposed_on_time.count(),
                    c.transposed_late.count(),
                    c.not_transposed.count(),
                ],
            },
        ],
        value_axis: w.get("chart.axis_directives")?,
        direction: Direction::Bars,
        lang: view.lang,
    };
    Ok(vec![
        (w.get("chart.stages")?, stages),
        (w.get("chart.overdue")?, overdue),
        (w.get("chart.deadlines")?, deadlines),
    ])
}

fn charts(view: &AnnualView, f: &Fmt) -> Result<Section, ReportError> {
    let blocks = chart_list_with(view, f.w)?
        .into_iter()
        .map(|(caption, chart)| {
            Ok(Block::Chart(ChartBlock {
                svg: chart.svg(&caption)?,
                caption,
                chart,
            }))
        })
        .collect::<Result<_, ReportError>>()?;
    Ok(Section {
        id: "charts".to_string(),
        title: f.w.get("section.charts")?,
        blocks,
    })
}

fn annex_table(f: &Fmt, id: &str, rows: FigureRows) -> Result<Block, ReportError> {
    let w = f.w;
    let col = |k: &str| w.get(&format!("column.{k}"));
    let (columns, body): (Vec<String>, Vec<Vec<String>>) = match rows {
        FigureRows::Directives(fig) => {
            let outstanding = id == format!("annex-{}", SummaryKey::OutstandingAtEnd.code());
            (
                directive_columns(f, outstanding)?,
                directive_rows(f, fig.rows(), outstanding)?,
            )
        }
        FigureRows::Measures(fig) => (
            vec![
                col("directive")?,
                col("measure")?,
                col("kind")?,
                col("adopted")?,
                col("notified")?,
                col("completes")?,
            ],
            fig.rows()
                .iter()
                .map(|m: &MeasureRow| {
                    Ok(vec![
                        m.directive_number.clone(),
                        f.title(m.title_fr.as_deref(), m.title_nl.as_deref(), None)?,
                        m.kind.label(f.lang).to_owned(),
                        f.opt_date(m.adopted_on),
                        f.opt_date(m.notified_on),
                        f.yes_no(m.completes)?,
                    ])
                })
                .collect::<Result<_, ReportError>>()?,
        ),
        FigureRows::Decisions(fig) => (
            vec![
                col("case")?,
                col("case_type")?,
                col("subject")?,
                col("date")?,
                col("decision")?,
            ],
            fig.rows()
                .iter()
                .map(|d: &DecisionRow| {
                    Ok(vec![
                        d.number.clone(),
                        f.case_type(d.case_type)?,
                        d.title.clone().unwrap_or_default(),
                        f.date(d.date),
                        f.stage(&d.stage)?,
                    ])
                })
                .collect::<Result<_, ReportError>>()?,
        ),
        FigureRows::Cases(fig) => (
            vec![
                col("case")?,
                col("case_type")?,
                col("subject")?,
                col("opened")?,
                col("stage")?,
                col("since")?,
            ],
            fig.rows()
                .iter()
                .map(|c: &CaseRow| {
                    Ok(vec![
                        c.number.clone(),
                        f.case_type(c.case_type)?,
                        c.title.clone().unwrap_or_default(),
                        f.date(c.opened_on),
                        f.stage(&c.stage)?,
                        f.date(c.stage_since),
                    ])
                })
                .collect::<Result<_, ReportError>>()?,
        ),
        FigureRows::Replies(fig) => (
            vec![
                col("case")?,
                col("subject")?,
                col("date")?,
                col("reply_deadline")?,
                col("sent")?,
            ],
            fig.rows()
                .iter()
                .map(|r: &ReplyRow| {
                    Ok(vec![
                        r.number.clone(),
                        r.title.clone().unwrap_or_default(),
                        f.date(r.decided_on),
                        f.date(r.deadline),
                        match r.sent_on {
                            Some(d) => f.date(d),
                            None => w.get("document.not_sent")?,
                        },
                    ])
                })
                .collect::<Result<_, ReportError>>()?,
        ),
        FigureRows::Pilots(fig) => (
            vec![
                col("case")?,
                col("subject")?,
                col("received")?,
                col("reply_deadline")?,
                col("sent")?,
                col("outcome")?,
            ],
            fig.rows()
                .iter()
                .map(|p: &PilotRow| {
                    Ok(vec![
                        p.number.clone(),
                        p.subject.clone().unwrap_or_default(),
                        f.opt_date(p.received_on),
                        f.opt_date(p.reply_deadline),
                        match p.reply_sent_on {
                            Some(d) => f.date(d),
                            None => w.get("document.not_sent")?,
                        },
                        p.outcome.clone().unwrap_or_default(),
                    ])
                })
                .collect::<Result<_, ReportError>>()?,
        ),
        FigureRows::Proposals(fig) => (proposal_columns(f)?, proposal_rows(f, fig.rows())?),
    };
    Ok(table(id, columns, &[], body, Vec::new()))
}

fn annexes(view: &AnnualView, f: &Fmt) -> Result<Section, ReportError> {
    let w = f.w;
    let mut blocks = vec![paragraph(w.get("text.annexes")?)];
    for key in SummaryKey::all() {
        let code = key.code();
        let rows = view.figures.current.figure(key);
        let label = w.get(&format!("figure.{code}"))?;
        let title = w.fill(
            "heading.annex",
            &[
                ("n", &annex_number(key)),
                ("label", &format!("{label} ({})", f.int(rows.count()))),
            ],
        )?;
        let id = format!("annex-{code}");
        blocks.push(heading(&id, title));
        if rows.count() == 0 {
            blocks.push(paragraph(w.get("document.none")?));
        } else {
            blocks.push(annex_table(f, &id, rows)?);
        }
    }
    Ok(Section {
        id: "annexes".to_string(),
        title: w.get("section.annexes")?,
        blocks,
    })
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// The report as a self-contained HTML page, from the embedded template of the view's language or
/// from `template` (a user's copy of it). Undefined variables are errors.
pub fn html(view: &AnnualView, template: Option<&str>) -> Result<String, ReportError> {
    let source = match template {
        Some(t) => t,
        None => TEMPLATE,
    };
    let document = Document::of(view)?;
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The .html name turns on HTML escaping of every value; the charts' SVG is marked safe.
    env.add_template("annual.html", source)?;
    Ok(env.get_template("annual.html")?.render(Serde(&document))?)
}

// ---------------------------------------------------------------------------------------------
// Word.

/// Half-points.
const BODY_SIZE: usize = 20;
const TABLE_SIZE: usize = 16;
const FONT: &str = "Calibri";
const HEADER_FILL: &str = "DDEBF7";
/// The width of a chart on the page: 16 cm in EMU (914,400 an inch).
const CHART_EMU: u32 = 16 * 360_000;

pub(crate) fn styles(docx: Docx) -> Docx {
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT);
    docx.default_fonts(fonts)
        .default_size(BODY_SIZE)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .size(BODY_SIZE)
                .line_spacing(LineSpacing::new().after(120)),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(40)
                .bold()
                .color("0B3D6B")
                .line_spacing(LineSpacing::new().before(2400).after(240)),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .based_on("Normal")
                .size(28)
                .color("0B3D6B")
                .line_spacing(LineSpacing::new().after(480)),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(32)
                .bold()
                .color("0B3D6B")
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(240).after(180)),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(26)
                .bold()
                .color("0B3D6B")
                .outline_lvl(1)
                .line_spacing(LineSpacing::new().before(240).after(120)),
        )
        .add_style(
            Style::new("TOC1", StyleType::Paragraph)
                .name("toc 1")
                .based_on("Normal")
                .line_spacing(LineSpacing::new().after(60)),
        )
        .add_style(
            Style::new("TOC2", StyleType::Paragraph)
                .name("toc 2")
                .based_on("Normal")
                .indent(Some(440), None, None, None)
                .line_spacing(LineSpacing::new().after(40)),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(TABLE_SIZE)
                .line_spacing(LineSpacing::new().before(0).after(0)),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("Caption")
                .based_on("Normal")
                .size(18)
                .italic()
                .line_spacing(LineSpacing::new().before(120).after(240)),
        )
}

/// The width of the text on an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// Column widths in proportion to what they hold (a long title wider than a date), within bounds.
fn column_widths(t: &TableBlock) -> Vec<usize> {
    let weights: Vec<usize> = (0..t.columns.len())
        .map(|i| {
            let longest = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|v| v.chars().count())
                .max()
                .unwrap_or(0);
            let header = t.columns[i]
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            longest.max(header).clamp(11, 40)
        })
        .collect();
    // No column narrower than its longest word (a directive number, a case number, a date), so
    // "2019/904" is never broken; what is left is shared in proportion to the weights.
    const CHAR: usize = 115;
    let mins: Vec<usize> = (0..t.columns.len())
        .map(|i| {
            let words = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .chain(std::iter::once(&t.columns[i]));
            let longest = words
                .flat_map(|v| v.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            ((longest + 2) * CHAR).min(TEXT_WIDTH / 3)
        })
        .collect();
    let floor: usize = mins.iter().sum();
    if floor >= TEXT_WIDTH {
        return mins.iter().map(|m| TEXT_WIDTH * m / floor.max(1)).collect();
    }
    let total: usize = weights.iter().sum::<usize>().max(1);
    mins.iter()
        .zip(&weights)
        .map(|(m, w)| m + (TEXT_WIDTH - floor) * w / total)
        .collect()
}

fn docx_table(t: &TableBlock) -> Table {
    let widths = column_widths(t);
    let cell = |i: usize, text: &str, header: bool, right: bool| {
        let mut run = Run::new().add_text(text);
        if header {
            run = run.bold();
        }
        let mut p = Paragraph::new().style("TableText").add_run(run);
        if right {
            p = p.align(AlignmentType::Right);
        }
        let c = TableCell::new()
            .add_paragraph(p)
            .width(widths.get(i).copied().unwrap_or(0), WidthType::Dxa);
        if header {
            c.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(HEADER_FILL),
            )
        } else {
            c
        }
    };
    let mut rows = vec![
        TableRow::new(
            t.columns
                .iter()
                .enumerate()
                .map(|(i, c)| cell(i, c, true, false))
                .collect(),
        )
        .cant_split(),
    ];
    for row in &t.rows {
        let cells = row
            .iter()
            .enumerate()
            .map(|(i, v)| cell(i, v, false, t.numeric.get(i).copied().unwrap_or(false)));
        rows.push(TableRow::new(cells.collect()).cant_split());
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(40, 80, 40, 80))
}

/// A heading of the document with the bookmark its line in the table of contents points to.
fn docx_heading(style: &str, text: &str, key: &str, id: usize) -> Paragraph {
    Paragraph::new()
        .style(style)
        .keep_next(true)
        .add_bookmark_start(id, key)
        .add_run(Run::new().add_text(text))
        .add_bookmark_end(id)
}

/// The report as an editable Word document: Title, Heading 1/2 and Normal styles, a table of
/// contents field listing every heading (marked for update, so Word fills in the page numbers when
/// it opens the file), page numbers in the footer, tables with a shaded header row and the charts
/// as pictures.
pub fn docx(view: &AnnualView) -> Result<Vec<u8>, ReportError> {
    let document = Document::of(view)?;
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(format!("{} – {} – ", document.title, view.period)))
            .add_run(Run::new().add_text(format!("{} ", document.page)))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" / "))
            .add_num_pages(NumPages::new())
            .size(16),
    );
    // Headings first, so the table of contents can list them with their bookmarks.
    let mut toc: Vec<(usize, String, String)> = Vec::new();
    let mut body: Vec<DocxChild> = Vec::new();
    let next_key = |toc: &mut Vec<(usize, String, String)>, text: &str, level: usize| {
        let id = toc.len() + 1;
        let key = format!("_Toc{id:08}");
        toc.push((level, text.to_string(), key.clone()));
        (key, id)
    };
    for section in &document.sections {
        let (key, id) = next_key(&mut toc, &section.title, 1);
        body.push(DocxChild::Paragraph(Box::new(
            docx_heading("Heading1", &section.title, &key, id).page_break_before(true),
        )));
        for block in &section.blocks {
            match block {
                Block::Heading { text, .. } => {
                    let (key, id) = next_key(&mut toc, text, 2);
                    body.push(DocxChild::Paragraph(Box::new(docx_heading(
                        "Heading2", text, &key, id,
                    ))));
                }
                Block::Paragraph { text } => body.push(DocxChild::Paragraph(Box::new(
                    Paragraph::new().add_run(Run::new().add_text(text)),
                ))),
                Block::Table(t) => {
                    body.push(DocxChild::Table(Box::new(docx_table(t))));
                    body.push(DocxChild::Paragraph(Box::new(Paragraph::new())));
                }
                Block::Chart(c) => {
                    let (png, width, height) = c.chart.png()?;
                    let emu_height = u32::try_from(
                        u64::from(CHART_EMU) * u64::from(height) / u64::from(width.max(1)),
                    )
                    .unwrap_or(CHART_EMU);
                    let pic =
                        Pic::new_with_dimensions(png, width, height).size(CHART_EMU, emu_height);
                    let caption = Paragraph::new()
                        .style("Caption")
                        .keep_next(true)
                        .add_run(Run::new().add_text(&c.caption));
                    body.push(DocxChild::Paragraph(Box::new(caption)));
                    let picture = Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(Run::new().add_image(pic));
                    body.push(DocxChild::Paragraph(Box::new(picture)));
                }
            }
        }
    }
    let mut docx = styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134)
                .footer(567),
        )
        .footer(footer)
        .created_at(&format!("{}T00:00:00Z", view.generated_on))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&document.title)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(&document.subtitle)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&document.region).bold()))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&document.period)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&document.generated).italic()))
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .page_break_before(true)
                .add_run(Run::new().add_text(&document.toc)),
        );
    for p in toc_field(&toc) {
        docx = docx.add_paragraph(p);
    }
    for child in body {
        docx = match child {
            DocxChild::Paragraph(p) => docx.add_paragraph(*p),
            DocxChild::Table(t) => docx.add_table(*t),
        };
    }
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(docx_rs::DocxError::from)?;
    Ok(out.into_inner())
}

/// The table of contents as a TOC field over the headings, each line with a PAGEREF to its
/// heading's bookmark. Every field character sits in a run of its own, as Word writes them:
/// LibreOffice shows the field code instead of the entries when they share a run. The field is
/// marked dirty, so Word offers to update it (page numbers) when it opens the document.
fn toc_field(entries: &[(usize, String, String)]) -> Vec<Paragraph> {
    let field = |kind: FieldCharType, dirty: bool| Run::new().add_field_char(kind, dirty);
    let mut paragraphs = Vec::new();
    for (i, (level, text, key)) in entries.iter().enumerate() {
        let mut p = Paragraph::new().style(&format!("TOC{level}")).add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(TEXT_WIDTH),
        );
        if i == 0 {
            let instr = InstrToC::new().heading_styles_range(1, 2).hyperlink();
            p = p
                .add_run(field(FieldCharType::Begin, true))
                .add_run(Run::new().add_instr_text(InstrText::TOC(instr)))
                .add_run(field(FieldCharType::Separate, false));
        }
        p = p
            .add_run(Run::new().add_text(text))
            .add_run(Run::new().add_tab())
            .add_run(field(FieldCharType::Begin, false))
            .add_run(
                Run::new().add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(key).hyperlink())),
            )
            .add_run(field(FieldCharType::Separate, false))
            .add_run(Run::new().add_text(""))
            .add_run(field(FieldCharType::End, false));
        paragraphs.push(p);
    }
    paragraphs.push(Paragraph::new().add_run(field(FieldCharType::End, false)));
    paragraphs
}

/// The body of the document, gathered before the table of contents is known.
enum DocxChild {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}
