//! The two tracking tables (directives, infringement cases) as an Excel workbook in the tool's own
//! layout, in French or Dutch: made to be read and edited by people, and read back exactly by
//! `importer::tables` (header words it knows, real date cells, several values joined the way it
//! splits them).

use chrono::{NaiveDate, NaiveDateTime};
use domain::Lang;
use domain::tables::{CaseRow, DirectiveRow, Tables};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::ReportError;

/// Separators the importer splits on: a deadline list and an authority list (lead first).
const DEADLINE_SEPARATOR: &str = "; ";
const AUTHORITY_SEPARATOR: &str = " + ";
const DIRECTIVE_SEPARATOR: &str = "; ";

/// The row of the header (0-based): a title, the date of the export, then the header.
const HEADER_ROW: u32 = 2;

/// Writes both tables; `created` is the workbook's creation date (a parameter, so the same tables
/// give the same bytes).
pub fn export(tables: &Tables, lang: Lang, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let words = Words::of(lang);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(words.workbook_title)
        .set_author("scoreboard")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let subtitle = format!("{} {}", words.exported_on, lang.format_date(created.date()));

    let sheet = workbook.add_worksheet();
    sheet.set_name(words.directives_sheet)?;
    let columns = directive_columns(&words);
    start_sheet(sheet, &styles, words.directives_title, &subtitle, &columns)?;
    for (i, row) in tables.directives.iter().enumerate() {
        let r = HEADER_ROW + 1 + u32::try_from(i).unwrap_or(u32::MAX - HEADER_ROW - 1);
        write_directive(sheet, &styles, r, i + 1, row, lang)?;
    }
    finish_sheet(sheet, &columns, tables.directives.len())?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(words.cases_sheet)?;
    let columns = case_columns(&words);
    start_sheet(sheet, &styles, words.cases_title, &subtitle, &columns)?;
    for (i, row) in tables.cases.iter().enumerate() {
        let r = HEADER_ROW + 1 + u32::try_from(i).unwrap_or(u32::MAX - HEADER_ROW - 1);
        write_case(sheet, &styles, r, row, lang)?;
    }
    finish_sheet(sheet, &columns, tables.cases.len())?;

    Ok(workbook.save_to_buffer()?)
}

/// A column: its header and its width in characters.
struct Column {
    header: &'static str,
    width: f64,
}

fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

fn directive_columns(w: &Words) -> Vec<Column> {
    let h = &w.directive_headers;
    vec![
        col(h[0], 5.0),
        col(h[1], 14.0),
        col(h[2], 45.0),
        col(h[3], 14.0),
        col(h[4], 28.0),
        col(h[5], 14.0),
        col(h[6], 40.0),
        col(h[7], 13.0),
        col(h[8], 13.0),
        col(h[9], 16.0),
        col(h[10], 13.0),
        col(h[11], 40.0),
    ]
}

fn case_columns(w: &Words) -> Vec<Column> {
    let h = &w.case_headers;
    vec![
        col(h[0], 16.0),
        col(h[1], 16.0),
        col(h[2], 45.0),
        col(h[3], 22.0),
        col(h[4], 30.0),
        col(h[5], 13.0),
        col(h[6], 13.0),
        col(h[7], 13.0),
        col(h[8], 13.0),
        col(h[9], 28.0),
        col(h[10], 40.0),
    ]
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    date: Format,
    number: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(0xBFBFBF);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xDDEBF7)
                .set_border(FormatBorder::Thin),
            text: cell.clone().set_text_wrap(),
            date: cell
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Left),
            number: cell.set_align(FormatAlign::Left),
        }
    }
}

fn start_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    title: &str,
    subtitle: &str,
    columns: &[Column],
) -> Result<(), ReportError> {
    let last = last_col(columns);
    sheet.merge_range(0, 0, 0, last, title, &styles.title)?;
    sheet.write_string_with_format(1, 0, subtitle, &styles.subtitle)?;
    for (i, column) in columns.iter().enumerate() {
        let c = u16::try_from(i).unwrap_or(u16::MAX);
        sheet.write_string_with_format(HEADER_ROW, c, column.header, &styles.header)?;
        sheet.set_column_width(c, column.width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_landscape();
    Ok(())
}

fn finish_sheet(sheet: &mut Worksheet, columns: &[Column], rows: usize) -> Result<(), ReportError> {
    let last_row = HEADER_ROW + u32::try_from(rows).unwrap_or(u32::MAX - HEADER_ROW);
    sheet.autofilter(HEADER_ROW, 0, last_row, last_col(columns))?;
    Ok(())
}

fn last_col(columns: &[Column]) -> u16 {
    u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX)
}

fn text(
    sheet: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: u16,
    value: Option<&str>,
) -> Result<(), ReportError> {
    match value {
        Some(v) if !v.is_empty() => sheet.write_string_with_format(row, col, v, &s.text)?,
        _ => sheet.write_blank(row, col, &s.text)?,
    };
    Ok(())
}

fn date(
    sheet: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: u16,
    value: Option<NaiveDate>,
) -> Result<(), ReportError> {
    match value {
        Some(d) => sheet.write_date_with_format(row, col, d, &s.date)?,
        None => sheet.write_blank(row, col, &s.date)?,
    };
    Ok(())
}

/// "Directive" numbers as people write them: 2019/1024, and 91/271 before the four-digit years.
fn directive_number(id: &domain::DirectiveId) -> String {
    if id.year < 1999 {
        format!("{:02}/{}", id.year % 100, id.number)
    } else {
        id.to_string()
    }
}

/// The first letter in upper case: labels of the domain are lower case, cells start a sentence.
fn sentence(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn write_directive(
    sheet: &mut Worksheet,
    s: &Styles,
    r: u32,
    position: usize,
    row: &DirectiveRow,
    lang: Lang,
) -> Result<(), ReportError> {
    sheet.write_number_with_format(r, 0, position as f64, &s.number)?;
    text(sheet, s, r, 1, Some(&directive_number(&row.id)))?;
    text(sheet, s, r, 2, row.title.as_deref())?;
    match row.deadlines.as_slice() {
        [one] => date(sheet, s, r, 3, Some(*one))?,
        several => {
            let joined: Vec<String> = several.iter().map(|d| lang.format_date_short(*d)).collect();
            text(sheet, s, r, 3, Some(&joined.join(DEADLINE_SEPARATOR)))?;
        }
    }
    text(
        sheet,
        s,
        r,
        4,
        Some(&row.authorities.join(AUTHORITY_SEPARATOR)),
    )?;
    text(sheet, s, r, 5, row.competence.map(|c| c.label(lang)))?;
    text(sheet, s, r, 6, row.measures_text.as_deref())?;
    date(sheet, s, r, 7, row.published_on)?;
    date(sheet, s, r, 8, row.notified_on)?;
    text(sheet, s, r, 9, row.status_text.as_deref())?;
    match &row.planned {
        Some(p) if !p.approximate => date(sheet, s, r, 10, Some(p.no_later_than))?,
        Some(p) => text(sheet, s, r, 10, Some(&p.text))?,
        None => text(sheet, s, r, 10, None)?,
    }
    text(sheet, s, r, 11, row.notes.as_deref())
}

fn write_case(
    sheet: &mut Worksheet,
    s: &Styles,
    r: u32,
    row: &CaseRow,
    lang: Lang,
) -> Result<(), ReportError> {
    text(sheet, s, r, 0, Some(&row.number.to_string()))?;
    let directives: Vec<String> = row.directives.iter().map(directive_number).collect();
    text(sheet, s, r, 1, Some(&directives.join(DIRECTIVE_SEPARATOR)))?;
    text(sheet, s, r, 2, row.subject.as_deref())?;
    text(
        sheet,
        s,
        r,
        3,
        row.case_type.map(|t| sentence(t.label(lang))).as_deref(),
    )?;
    text(
        sheet,
        s,
        r,
        4,
        row.stage.map(|st| sentence(&st.label(lang))).as_deref(),
    )?;
    date(sheet, s, r, 5, row.decided_on)?;
    date(sheet, s, r, 6, row.reply_deadline)?;
    date(sheet, s, r, 7, row.reply_sent_on)?;
    date(sheet, s, r, 8, row.reply_entered_on)?;
    text(sheet, s, r, 9, row.authority.as_deref())?;
    text(sheet, s, r, 10, row.notes.as_deref())
}

/// The words of the workbook in one language. Headers are words `importer::tables` recognises.
struct Words {
    workbook_title: &'static str,
    exported_on: &'static str,
    directives_sheet: &'static str,
    directives_title: &'static str,
    directive_headers: [&'static str; 12],
    cases_sheet: &'static str,
    cases_title: &'static str,
    case_headers: [&'static str; 11],
}

impl Words {
    /// The workbook's words in `lang`, from the translation files.
    fn of(lang: Lang) -> Words {
        let t = |key: &'static str| domain::words::t(lang, key);
        Words {
            workbook_title: t("tables.workbook_title"),
            exported_on: t("tables.exported_on"),
            directives_sheet: t("tables.directives_sheet"),
            directives_title: t("tables.directives_title"),
            directive_headers: [
                t("tables.directive_headers_0"),
                t("tables.directive_headers_1"),
                t("tables.directive_headers_2"),
                t("tables.directive_headers_3"),
                t("tables.directive_headers_4"),
                t("tables.directive_headers_5"),
                t("tables.directive_headers_6"),
                t("tables.directive_headers_7"),
                t("tables.directive_headers_8"),
                t("tables.directive_headers_9"),
                t("tables.directive_headers_10"),
                t("tables.directive_headers_11"),
            ],
            cases_sheet: t("tables.cases_sheet"),
            cases_title: t("tables.cases_title"),
            case_headers: [
                t("tables.case_headers_0"),
                t("tables.case_headers_1"),
                t("tables.case_headers_2"),
                t("tables.case_headers_3"),
                t("tables.case_headers_4"),
                t("tables.case_headers_5"),
                t("tables.case_headers_6"),
                t("tables.case_headers_7"),
                t("tables.case_headers_8"),
                t("tables.case_headers_9"),
                t("tables.case_headers_10"),
            ],
        }
    }
}
