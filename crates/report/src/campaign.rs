//! A contribution campaign's outputs: the answer form sent to one administration (XLSX, read
//! back by `importer::campaign`, which finds its rows and columns by their words, not by this
//! layout) and the compiled answers (an editable DOCX), with the words of the `campaign` tables
//! of the translation files.

use std::io::Cursor;

use chrono::{NaiveDate, NaiveDateTime};
use docx_rs::{AlignmentType, Docx, Paragraph, Run, Style, StyleType};
use domain::Lang;
use domain::campaign::{Question, QuestionKind};
use domain::words::{fill, t};
use rust_xlsxwriter::{DataValidation, DocProperties, Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use crate::ReportError;

/// One administration's form.
#[derive(Clone, Debug)]
pub struct Form {
    pub lang: Lang,
    pub campaign: String,
    pub title: String,
    pub due: NaiveDate,
    pub authority_code: String,
    pub authority_name: String,
    /// Each question with the administration's answer so far (as stored) and comment.
    pub questions: Vec<(Question, Option<String>, Option<String>)>,
}

/// The form as a workbook: the identification rows (campaign, administration, due date), then a
/// header row and one row per question with its key, text, kind and the cells to fill. `created`
/// is the workbook's creation date (a parameter, so the same form gives the same bytes).
pub fn form_xlsx(form: &Form, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let lang = form.lang;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&form.title)
            .set_author("scoreboard")
            .set_creation_datetime(&created),
    );
    let label = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_background_color("D9E2F3")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let fill_in = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color("FFF9E6")
        .set_unlocked();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "campaign.sheet"))?;
    sheet.write_string_with_format(0, 0, t(lang, "campaign.col_campaign"), &label)?;
    sheet.write_string(0, 1, &form.campaign)?;
    sheet.write_string(0, 2, &form.title)?;
    sheet.write_string_with_format(1, 0, t(lang, "campaign.col_authority"), &label)?;
    sheet.write_string(1, 1, &form.authority_code)?;
    sheet.write_string(1, 2, &form.authority_name)?;
    sheet.write_string_with_format(2, 0, t(lang, "campaign.due"), &label)?;
    sheet.write_string(2, 1, lang.format_date(form.due))?;
    sheet.write_string(3, 0, t(lang, "campaign.form_help"))?;
    const HEADER: u32 = 5;
    let columns = [
        ("campaign.col_key", 18.0),
        ("campaign.col_question", 60.0),
        ("campaign.col_kind", 14.0),
        ("campaign.col_answer", 40.0),
        ("campaign.col_comment", 40.0),
    ];
    for (j, (key, width)) in columns.iter().enumerate() {
        let j = u16::try_from(j).unwrap_or(0);
        sheet.write_string_with_format(HEADER, j, t(lang, key), &header)?;
        sheet.set_column_width(j, *width)?;
    }
    let yes_no = DataValidation::new()
        .allow_list_strings(&[t(lang, "campaign.yes"), t(lang, "campaign.no")])?;
    for (i, (q, answer, comment)) in form.questions.iter().enumerate() {
        let row = HEADER + 1 + u32::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(row, 0, &q.key, &wrap)?;
        sheet.write_string_with_format(row, 1, q.text(lang), &wrap)?;
        sheet.write_string_with_format(row, 2, t(lang, q.kind.word_key()), &wrap)?;
        let shown = answer.as_deref().map(|a| answer_text(lang, q.kind, a));
        sheet.write_string_with_format(row, 3, shown.as_deref().unwrap_or(""), &fill_in)?;
        sheet.write_string_with_format(row, 4, comment.as_deref().unwrap_or(""), &fill_in)?;
        if q.kind == QuestionKind::YesNo {
            sheet.add_data_validation(row, 3, row, 3, &yes_no)?;
        }
    }
    sheet.set_freeze_panes(HEADER + 1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

/// An answer as stored, said in `lang`: yes/no in words, a number in the Belgian way, a date as
/// "30 septembre 2021".
pub fn answer_text(lang: Lang, kind: QuestionKind, value: &str) -> String {
    match kind {
        QuestionKind::YesNo if value == "yes" => t(lang, "campaign.yes").to_owned(),
        QuestionKind::YesNo if value == "no" => t(lang, "campaign.no").to_owned(),
        QuestionKind::Number => match value.parse::<f64>() {
            Ok(x) => {
                let decimals = value.split_once('.').map_or(0, |(_, d)| d.len());
                lang.format_number(x, decimals)
            }
            Err(_) => value.to_owned(),
        },
        QuestionKind::Date => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(d) => lang.format_date(d),
            Err(_) => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

/// The compiled answers: per question, each administration's answer, and who has not answered.
#[derive(Clone, Debug, Serialize)]
pub struct Compiled {
    pub lang: Lang,
    pub campaign: String,
    pub title: String,
    pub due: NaiveDate,
    pub as_of: NaiveDate,
    /// Administration names, in code order.
    pub asked: Vec<String>,
    pub questions: Vec<CompiledQuestion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CompiledQuestion {
    pub question: Question,
    /// (administration's name, answer as stored, comment).
    pub answers: Vec<(String, String, Option<String>)>,
    /// Names of those who have not answered it.
    pub missing: Vec<String>,
}

/// The compiled answers as an editable Word document: a title, the campaign's facts, then a
/// heading per question with the answers administration by administration and who has not
/// answered.
pub fn docx(c: &Compiled) -> Result<Vec<u8>, ReportError> {
    let lang = c.lang;
    let text = |s: &str| Paragraph::new().add_run(Run::new().add_text(s));
    let mut docx = Docx::new()
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold(),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(28)
                .bold(),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(24)
                .bold(),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&c.title)),
        )
        .add_paragraph(text(&fill(
            lang,
            "campaign.report_intro",
            &[
                ("campaign", &c.campaign),
                ("due", &lang.format_date(c.due)),
                ("date", &lang.format_date(c.as_of)),
            ],
        )))
        .add_paragraph(text(&fill(
            lang,
            "campaign.report_asked",
            &[("authorities", &c.asked.join(", "))],
        )));
    for (n, q) in c.questions.iter().enumerate() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .keep_next(true)
                .add_run(Run::new().add_text(format!("{}. {}", n + 1, q.question.text(lang)))),
        );
        docx = docx.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(format!(
                        "{} · {}",
                        q.question.key,
                        t(lang, q.question.kind.word_key())
                    ))
                    .italic()
                    .size(18),
            ),
        );
        if q.answers.is_empty() {
            docx = docx.add_paragraph(text(t(lang, "campaign.report_no_answer")));
        }
        for (who, value, comment) in &q.answers {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style("Heading2")
                    .keep_next(true)
                    .add_run(Run::new().add_text(who)),
            );
            docx = docx.add_paragraph(text(&answer_text(lang, q.question.kind, value)));
            if let Some(comment) = comment {
                docx = docx.add_paragraph(
                    Paragraph::new().add_run(
                        Run::new()
                            .add_text(format!("{} {comment}", t(lang, "campaign.comment_label")))
                            .italic(),
                    ),
                );
            }
        }
        if !q.missing.is_empty() {
            docx = docx.add_paragraph(Paragraph::new().align(AlignmentType::Left).add_run(
                Run::new().add_text(fill(
                    lang,
                    "campaign.report_missing",
                    &[("authorities", &q.missing.join(", "))],
                )),
            ));
        }
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

    #[test]
    fn answers_are_said_in_the_language() {
        assert_eq!(
            answer_text(Lang::Fr, QuestionKind::YesNo, "yes"),
            t(Lang::Fr, "campaign.yes")
        );
        assert_eq!(
            answer_text(Lang::Nl, QuestionKind::Date, "2021-09-30"),
            "30 september 2021"
        );
        assert_eq!(
            answer_text(Lang::Fr, QuestionKind::Date, "2021-09-30"),
            "30 septembre 2021"
        );
        assert!(answer_text(Lang::Fr, QuestionKind::Number, "1234.5").contains(",5"));
        assert_eq!(
            answer_text(Lang::Fr, QuestionKind::Text, "tel quel"),
            "tel quel"
        );
    }
}
