//! A directive's correlation table as a workbook ("tableau de correspondance" /
//! "concordantietabel"): the one an administration fills in (`correlation export`, read back by
//! `importer::correlation`, which finds its rows and columns by their words, not by this layout)
//! and the one the notification dossier forwards. Words from the `correlation` tables of the
//! translation files.

use chrono::NaiveDateTime;
use domain::words::{fill, t};
use domain::{CorrelationState, Coverage, Lang};
use rust_xlsxwriter::{DataValidation, DocProperties, Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use crate::ReportError;

/// One line of the table: a provision and what the Region did with it. A provision with no line
/// yet is written once, "to do".
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The provision's code (`5(1)`), as the importer reads it back.
    pub provision: String,
    pub heading: Option<String>,
    pub excerpt: Option<String>,
    /// The measure's reference in the table's language (`domain::provision::measure_reference`).
    pub measure: Option<String>,
    pub regional: Option<String>,
    pub state: CorrelationState,
    pub reason: Option<String>,
}

/// A measure as the table's second sheet lists it.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureLine {
    pub reference: String,
    pub title: Option<String>,
    /// The Moniteur belge's publication date, said in the table's language.
    pub published: Option<String>,
}

/// The table of one directive in one language.
#[derive(Clone, Debug, Serialize)]
pub struct Sheet {
    pub lang: Lang,
    /// As people write it: 2018/2001.
    pub directive: String,
    pub title: Option<String>,
    pub rows: Vec<Row>,
    pub measures: Vec<MeasureLine>,
    pub coverage: Coverage,
    /// For an administration to fill in (cells to fill marked, the help line), or as the dossier
    /// forwards it.
    pub to_fill: bool,
}

/// The table as a workbook: the identification rows (directive, title, coverage), a header row,
/// one row per line; then a sheet listing the directive's measures by the reference the measure
/// column uses. `created` is the workbook's creation date (a parameter, so the same table gives
/// the same bytes).
pub fn xlsx(sheet_data: &Sheet, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let lang = sheet_data.lang;
    let w = |key: &'static str| t(lang, key);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(fill(
                lang,
                "correlation.document_title",
                &[("directive", &sheet_data.directive)],
            ))
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
    let fill_in = if sheet_data.to_fill {
        Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_background_color("FFF9E6")
    } else {
        wrap.clone()
    };
    let sheet = workbook.add_worksheet();
    sheet.set_name(w("correlation.sheet"))?;
    sheet.write_string_with_format(0, 0, w("correlation.col_directive"), &label)?;
    sheet.write_string(0, 1, &sheet_data.directive)?;
    sheet.write_string(0, 2, sheet_data.title.as_deref().unwrap_or(""))?;
    let c = sheet_data.coverage;
    sheet.write_string_with_format(1, 0, w("correlation.coverage_label"), &label)?;
    sheet.write_string(
        1,
        1,
        fill(
            lang,
            "correlation.coverage",
            &[
                ("covered", &lang.format_int(as_i64(c.covered()))),
                ("provisions", &lang.format_int(as_i64(c.provisions))),
                ("transposed", &lang.format_int(as_i64(c.transposed))),
                ("not_applicable", &lang.format_int(as_i64(c.not_applicable))),
                ("to_do", &lang.format_int(as_i64(c.to_do))),
            ],
        ),
    )?;
    if sheet_data.to_fill {
        sheet.write_string(2, 0, w("correlation.help"))?;
    }
    const HEADER: u32 = 4;
    let columns = [
        ("correlation.col_provision", 14.0),
        ("correlation.col_heading", 28.0),
        ("correlation.col_excerpt", 50.0),
        ("correlation.col_measure", 34.0),
        ("correlation.col_regional", 28.0),
        ("correlation.col_state", 24.0),
        ("correlation.col_reason", 40.0),
    ];
    for (j, (key, width)) in columns.iter().enumerate() {
        let j = u16::try_from(j).unwrap_or(0);
        sheet.write_string_with_format(HEADER, j, w(key), &header)?;
        sheet.set_column_width(j, *width)?;
    }
    let states: Vec<&str> = CorrelationState::ALL
        .iter()
        .map(|s| s.label(lang))
        .collect();
    let state_list = DataValidation::new().allow_list_strings(&states)?;
    for (i, r) in sheet_data.rows.iter().enumerate() {
        let row = HEADER + 1 + u32::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(row, 0, &r.provision, &wrap)?;
        sheet.write_string_with_format(row, 1, r.heading.as_deref().unwrap_or(""), &wrap)?;
        sheet.write_string_with_format(row, 2, r.excerpt.as_deref().unwrap_or(""), &wrap)?;
        sheet.write_string_with_format(row, 3, r.measure.as_deref().unwrap_or(""), &fill_in)?;
        sheet.write_string_with_format(row, 4, r.regional.as_deref().unwrap_or(""), &fill_in)?;
        sheet.write_string_with_format(row, 5, r.state.label(lang), &fill_in)?;
        sheet.write_string_with_format(row, 6, r.reason.as_deref().unwrap_or(""), &fill_in)?;
    }
    if sheet_data.to_fill && !sheet_data.rows.is_empty() {
        let last = HEADER + u32::try_from(sheet_data.rows.len()).unwrap_or(0);
        sheet.add_data_validation(HEADER + 1, 5, last, 5, &state_list)?;
        // The measures by their reference; a reference list longer than Excel's 255 characters
        // is left to the second sheet.
        let refs: Vec<&str> = sheet_data
            .measures
            .iter()
            .map(|m| m.reference.as_str())
            .collect();
        if !refs.is_empty()
            && refs.iter().map(|r| r.chars().count() + 1).sum::<usize>() < 255
            && let Ok(list) = DataValidation::new().allow_list_strings(&refs)
        {
            sheet.add_data_validation(HEADER + 1, 3, last, 3, &list)?;
        }
    }
    sheet.set_freeze_panes(HEADER + 1, 1)?;
    let measures = workbook.add_worksheet();
    measures.set_name(w("correlation.measures_sheet"))?;
    for (j, (key, width)) in [
        ("correlation.col_measure", 34.0),
        ("correlation.col_title", 70.0),
        ("correlation.col_published", 22.0),
    ]
    .iter()
    .enumerate()
    {
        let j = u16::try_from(j).unwrap_or(0);
        measures.write_string_with_format(0, j, w(key), &header)?;
        measures.set_column_width(j, *width)?;
    }
    for (i, m) in sheet_data.measures.iter().enumerate() {
        let row = 1 + u32::try_from(i).unwrap_or(0);
        measures.write_string_with_format(row, 0, &m.reference, &wrap)?;
        measures.write_string_with_format(row, 1, m.title.as_deref().unwrap_or(""), &wrap)?;
        measures.write_string_with_format(row, 2, m.published.as_deref().unwrap_or(""), &wrap)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
