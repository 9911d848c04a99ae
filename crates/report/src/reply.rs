//! A draft of the Region's contribution to Belgium's reply (`scoreboard report reply`): an
//! editable Word letter answering a decision of an infringement procedure or an EU Pilot request,
//! with its references (the case, the decision or request and its date, the directives, the reply
//! deadline) and the state of transposition at a date: the measures adopted and notified, the
//! planned completion (an approximate date said as such) and the correlation table's coverage.
//! Every sentence comes from the `[reply]` table of the translation files, or from the unit's
//! copy of it ([`Sentences`]).

use std::io::Cursor;

use chrono::NaiveDate;
use docx_rs::{Docx, Paragraph, Run};
use domain::{Coverage, Lang, PlannedDate, Stage, Status};
use serde::Serialize;

use crate::ReportError;
use crate::notification::{
    Directive, Measure, coverage_sentence, heading, label_row, label_table, para,
};
use crate::sentences::Sentences;

/// The table of the translation files the letter's sentences come from.
pub const TABLE: &str = "reply";

/// What the letter answers.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answered {
    /// A decision of an infringement procedure (a letter of formal notice, a reasoned opinion...).
    Decision { stage: Stage, decided_on: NaiveDate },
    /// An EU Pilot request.
    Pilot { received_on: Option<NaiveDate> },
}

/// What the letter shows; texts already in the letter's language.
#[derive(Clone, Debug, Serialize)]
pub struct ReplyView {
    pub lang: Lang,
    pub generated_on: NaiveDate,
    /// The date the state of transposition is told at.
    pub as_of: NaiveDate,
    /// `INFR(2020)0385`, `EUP(2021)9876`.
    pub case: String,
    /// The case's title or the EU Pilot request's subject.
    pub subject: Option<String>,
    pub answered: Answered,
    pub reply_deadline: Option<NaiveDate>,
    /// The lead administration's name.
    pub lead: Option<String>,
    pub directives: Vec<DirectiveState>,
}

/// A directive concerned and where its transposition stands at the letter's date.
#[derive(Clone, Debug, Serialize)]
pub struct DirectiveState {
    pub directive: Directive,
    /// `false` for a directive the case names that the tool does not track: nothing is known of it.
    pub tracked: bool,
    pub status: Option<Status>,
    /// The measures adopted by the date; `notified_on` after it is left out.
    pub measures: Vec<Measure>,
    pub planned: Option<PlannedDate>,
    /// The correlation table's coverage as recorded when the letter is drafted.
    pub coverage: Coverage,
}

/// The letter's references (label, value).
fn references(w: &Sentences, v: &ReplyView) -> Result<Vec<(String, String)>, ReportError> {
    let lang = w.lang();
    let mut rows = vec![(w.get("case_label")?, v.case.clone())];
    if let Some(subject) = &v.subject {
        rows.push((w.get("subject_label")?, subject.clone()));
    }
    match &v.answered {
        Answered::Decision { stage, decided_on } => rows.push((
            w.get("decision_label")?,
            w.fill(
                "decision_value",
                &[
                    ("stage", &stage.label(lang)),
                    ("date", &lang.format_date(*decided_on)),
                ],
            )?,
        )),
        Answered::Pilot { received_on } => rows.push((
            w.get("received_label")?,
            match received_on {
                Some(d) => lang.format_date(*d),
                None => w.get("date_unknown")?,
            },
        )),
    }
    for d in &v.directives {
        let value = match &d.directive.title {
            Some(title) => w.fill(
                "directive_value",
                &[("directive", &d.directive.number), ("title", title)],
            )?,
            None => d.directive.number.clone(),
        };
        rows.push((w.get("directive_label")?, value));
    }
    rows.push((
        w.get("deadline_label")?,
        match v.reply_deadline {
            Some(d) => lang.format_date(d),
            None => w.get("no_deadline")?,
        },
    ));
    rows.push((
        w.get("lead_label")?,
        match &v.lead {
            Some(name) => name.clone(),
            None => w.get("no_lead")?,
        },
    ));
    Ok(rows)
}

/// "Ordonnance du 28 avril 2022 — title ; notifiée à la Commission le 5 mai 2022".
fn measure_line(w: &Sentences, m: &Measure, as_of: NaiveDate) -> Result<String, ReportError> {
    let lang = w.lang();
    let adopted = match m.adopted_on {
        Some(d) => lang.format_date(d),
        None => w.get("date_unknown")?,
    };
    let notified = match m.notified_on.filter(|d| *d <= as_of) {
        Some(d) => w.fill("notified_on", &[("date", &lang.format_date(d))])?,
        None => w.get("not_notified")?,
    };
    let scope = w.get(if m.completes {
        "scope_complete"
    } else {
        "scope_partial"
    })?;
    let kind = m.kind.label(lang);
    let values = [
        ("kind", kind),
        ("date", adopted.as_str()),
        ("notified", notified.as_str()),
        ("scope", scope.as_str()),
    ];
    match &m.title {
        Some(title) => {
            let mut with_title = values.to_vec();
            with_title.push(("title", title));
            w.fill("measure", &with_title)
        }
        None => w.fill("measure_untitled", &values),
    }
}

/// The paragraphs about one directive.
fn directive_state(
    w: &Sentences,
    d: &DirectiveState,
    as_of: NaiveDate,
) -> Result<Vec<Paragraph>, ReportError> {
    let lang = w.lang();
    let on = lang.format_date(as_of);
    let number = &d.directive.number;
    let mut out = vec![heading(
        "Heading2",
        &w.fill("directive_heading", &[("directive", number)])?,
    )];
    if !d.tracked {
        out.push(para(&w.fill("not_tracked", &[("directive", number)])?));
        return Ok(out);
    }
    if let Some(status) = &d.status {
        out.push(para(&w.fill(
            "status",
            &[("date", &on), ("status", status.label(lang))],
        )?));
    }
    if d.measures.is_empty() {
        out.push(para(&w.fill("no_measure", &[("date", &on)])?));
    } else {
        out.push(para(&w.fill("measures", &[("date", &on)])?));
        for m in &d.measures {
            out.push(
                Paragraph::new()
                    .indent(Some(360), None, None, None)
                    .add_run(Run::new().add_text(format!("– {}", measure_line(w, m, as_of)?))),
            );
        }
    }
    let transposed = matches!(
        d.status,
        Some(Status::TransposedOnTime | Status::TransposedLate { .. })
    );
    if !transposed {
        out.push(para(&match &d.planned {
            Some(p) if p.approximate => w.fill(
                "planned_approximate",
                &[
                    ("planned", &p.text),
                    ("date", &lang.format_date(p.no_later_than)),
                ],
            )?,
            Some(p) => w.fill("planned", &[("date", &lang.format_date(p.no_later_than))])?,
            None => w.get("no_planned")?,
        }));
    }
    out.push(para(&coverage_sentence(w, &d.coverage)?));
    Ok(out)
}

/// The letter as an editable Word document, with the embedded sentences of the view's language.
pub fn docx(v: &ReplyView) -> Result<Vec<u8>, ReportError> {
    docx_with(v, &Sentences::embedded(TABLE, v.lang))
}

/// The letter with the given sentences (the unit's copy of the `[reply]` table).
pub fn docx_with(v: &ReplyView, w: &Sentences) -> Result<Vec<u8>, ReportError> {
    let lang = w.lang();
    let rows = references(w, v)?
        .iter()
        .map(|(l, v)| label_row(l, v))
        .collect();
    let intro = match &v.answered {
        Answered::Decision { stage, decided_on } => w.fill(
            "intro_decision",
            &[
                ("case", &v.case),
                ("stage", &stage.label(lang)),
                ("date", &lang.format_date(*decided_on)),
                ("as_of", &lang.format_date(v.as_of)),
            ],
        )?,
        Answered::Pilot {
            received_on: Some(received),
        } => w.fill(
            "intro_pilot",
            &[
                ("case", &v.case),
                ("date", &lang.format_date(*received)),
                ("as_of", &lang.format_date(v.as_of)),
            ],
        )?,
        Answered::Pilot { received_on: None } => w.fill(
            "intro_pilot_undated",
            &[("case", &v.case), ("as_of", &lang.format_date(v.as_of))],
        )?,
    };
    let mut docx = crate::annual::styles(Docx::new())
        .page_size(11906, 16838)
        .created_at(&format!("{}T00:00:00Z", v.generated_on))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(w.get("draft")?).bold().color("C00000")),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(w.fill("title", &[("case", &v.case)])?)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(w.get("subtitle")?)),
        )
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(w.fill(
                        "generated",
                        &[
                            ("date", &lang.format_date(v.generated_on)),
                            ("as_of", &lang.format_date(v.as_of)),
                        ],
                    )?)
                    .italic(),
            ),
        )
        .add_paragraph(heading("Heading1", &w.get("references_heading")?))
        .add_table(label_table(rows))
        .add_paragraph(Paragraph::new())
        .add_paragraph(para(&w.get("salutation")?))
        .add_paragraph(para(&intro))
        .add_paragraph(heading("Heading1", &w.get("state_heading")?));
    if v.directives.is_empty() {
        docx = docx.add_paragraph(para(&w.get("no_directive")?));
    }
    for d in &v.directives {
        for p in directive_state(w, d, v.as_of)? {
            docx = docx.add_paragraph(p);
        }
    }
    docx = docx
        .add_paragraph(heading("Heading1", &w.get("deadline_heading")?))
        .add_paragraph(para(&match v.reply_deadline {
            Some(d) => w.fill("deadline", &[("date", &lang.format_date(d))])?,
            None => w.get("no_deadline_sentence")?,
        }))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(w.get("to_complete")?).italic()),
        )
        .add_paragraph(para(&w.get("closing")?))
        .add_paragraph(para(&w.get("signature")?));
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(docx_rs::DocxError::from)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use domain::{LegalBasis, MeasureKind, Step};

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn view(lang: Lang, planned: Option<PlannedDate>) -> ReplyView {
        ReplyView {
            lang,
            generated_on: date(2021, 11, 20),
            as_of: date(2021, 11, 20),
            case: "INFR(2020)0385".into(),
            subject: Some("Lack of transposition of Directive (EU) 2018/958".into()),
            answered: Answered::Decision {
                stage: Stage::new(Step::ReasonedOpinion, Some(LegalBasis::Art258)),
                decided_on: date(2021, 11, 12),
            },
            reply_deadline: Some(date(2022, 1, 12)),
            lead: Some("Bruxelles Économie et Emploi".into()),
            directives: vec![DirectiveState {
                directive: Directive {
                    number: "2018/958".into(),
                    celex: "32018L0958".into(),
                    title: None,
                    deadlines: vec![date(2020, 7, 30)],
                },
                tracked: true,
                status: None,
                measures: vec![Measure {
                    kind: MeasureKind::Ordinance,
                    title: Some("Ordonnance proportionnalité".into()),
                    adopted_on: Some(date(2021, 10, 7)),
                    published_on: None,
                    in_force_on: None,
                    // Notified after the letter's date: said not notified yet.
                    notified_on: Some(date(2021, 12, 1)),
                    completes: false,
                    celex: None,
                }],
                planned,
                coverage: Coverage::default(),
            }],
        }
    }

    #[test]
    fn names_the_case_the_decision_and_its_date_and_the_deadline() {
        let text = crate::docx_text(&docx(&view(Lang::Fr, None)).unwrap());
        for expected in [
            "INFR(2020)0385",
            "avis motivé (art. 258 TFUE)",
            "12 novembre 2021",
            "12 janvier 2022",
            "2018/958",
            "7 octobre 2021",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        let w = Sentences::embedded(TABLE, Lang::Fr);
        assert!(text.contains(&w.get("not_notified").unwrap()));
        let text = crate::docx_text(&docx(&view(Lang::Nl, None)).unwrap());
        assert!(text.contains("12 november 2021"), "{text}");
    }

    #[test]
    fn an_approximate_planned_date_is_said_approximate() {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            let w = Sentences::embedded(TABLE, lang);
            let approx = PlannedDate::parse("fin 2023").unwrap();
            let text = crate::docx_text(&docx(&view(lang, Some(approx))).unwrap());
            let said = w
                .fill(
                    "planned_approximate",
                    &[
                        ("planned", "fin 2023"),
                        ("date", &lang.format_date(date(2023, 12, 31))),
                    ],
                )
                .unwrap();
            assert!(text.contains(&said), "{lang}: {said} in {text}");
            let exact = PlannedDate::exact(date(2023, 6, 30));
            let text = crate::docx_text(&docx(&view(lang, Some(exact))).unwrap());
            let said = w
                .fill("planned", &[("date", &lang.format_date(date(2023, 6, 30)))])
                .unwrap();
            assert!(text.contains(&said), "{lang}: {said}");
            assert_ne!(
                w.get("planned").unwrap(),
                w.get("planned_approximate").unwrap()
            );
        }
    }

    #[test]
    fn every_sentence_exists_in_every_language() {
        for lang in [Lang::Fr, Lang::Nl, Lang::En] {
            let w = Sentences::embedded(TABLE, lang);
            let mut v = view(lang, None);
            v.answered = Answered::Pilot {
                received_on: Some(date(2021, 3, 1)),
            };
            v.reply_deadline = None;
            v.lead = None;
            v.directives[0].status = Some(Status::NotYetDue { days_left: 3 });
            v.directives[0].measures[0].title = None;
            v.directives.push(DirectiveState {
                directive: Directive {
                    number: "2019/1024".into(),
                    celex: "32019L1024".into(),
                    title: None,
                    deadlines: Vec::new(),
                },
                tracked: false,
                status: None,
                measures: Vec::new(),
                planned: None,
                coverage: Coverage::default(),
            });
            let text = crate::docx_text(&docx(&v).unwrap());
            for key in ["no_deadline_sentence", "no_lead"] {
                assert!(text.contains(&w.get(key).unwrap()), "{lang} {key}: {text}");
            }
            assert!(
                text.contains(
                    &w.fill("not_tracked", &[("directive", "2019/1024")])
                        .unwrap()
                ),
                "{text}"
            );
            v.answered = Answered::Pilot { received_on: None };
            v.directives.clear();
            let text = crate::docx_text(&docx(&v).unwrap());
            assert!(text.contains(&w.get("no_directive").unwrap()), "{text}");
        }
    }
}
