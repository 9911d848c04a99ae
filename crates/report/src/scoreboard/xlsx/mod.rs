//! The workbook: a summary sheet, then one table sheet per section, made for people to read,
//! filter and print. `sheet.rs` lays out cells and tables, `words.rs` holds the words.

mod sheet;
mod words;

use chrono::NaiveDateTime;
use domain::Lang;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet};

use self::sheet::{
    Cell, HEADER_ROW, Page, Row, Styles, Table, col_index, print_setup, table_sheet, write_cell,
};
use self::words::Words;
use super::labels::{meeting_name, sentence, stage_label_of_code, status_label_of_code};
use super::sections::{DeadlineKind, Role, Sections};
use super::tone::{Tone, days_left, directive_tone, is_done, reply_tone, shown_deadline};
use super::{Changes, DirectiveLine, ScoreboardView};
use crate::ReportError;

/// The scoreboard as a workbook: one sheet per section, made for people to read, filter and print.
/// `created` is the workbook's creation date (a parameter, so the same view gives the same bytes).
pub fn xlsx(view: &ScoreboardView, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let lang = view.lang;
    let w = Words::of(lang);
    let styles = Styles::new();
    let sections = Sections::of(view);
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(w.title)
        .set_author("scoreboard")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    let mut subtitle = format!("{} {}", w.situation_on, lang.format_date(view.as_of));
    if let Some(m) = &view.meeting {
        subtitle.push_str(" – ");
        subtitle.push_str(&meeting_name(&m.kind, lang, m.held_on));
    }
    let page = Page {
        title: w.title,
        date: lang.format_date_short(view.as_of),
        page_word: w.page,
    };

    summary_sheet(
        workbook.add_worksheet(),
        &styles,
        &w,
        &page,
        &subtitle,
        view,
        &sections,
    )?;

    let directives = |name, title, rows: &[&DirectiveLine]| Table {
        name,
        title,
        subtitle: subtitle.clone(),
        columns: w.directive_columns(),
        rows: rows.iter().map(|d| directive_row(d, &w, lang)).collect(),
    };
    let all: Vec<&DirectiveLine> = view.directives.iter().collect();
    let mut tables = vec![
        directives(w.directives_sheet, w.directives_title, &all),
        directives(w.overdue_sheet, w.overdue_title, &sections.overdue),
        directives(w.due_soon_sheet, w.due_soon_title, &sections.due_soon),
        Table {
            name: w.authorities_sheet,
            title: w.authorities_title,
            subtitle: subtitle.clone(),
            columns: w.authority_columns(),
            rows: authority_rows(&sections, &w, lang),
        },
        Table {
            name: w.cases_sheet,
            title: w.cases_title,
            subtitle: subtitle.clone(),
            columns: w.case_columns(),
            rows: case_rows(view),
        },
        Table {
            name: w.pilots_sheet,
            title: w.pilots_title,
            subtitle: subtitle.clone(),
            columns: w.pilot_columns(),
            rows: pilot_rows(view),
        },
    ];
    if let Some(changes) = &view.changes {
        tables.push(Table {
            name: w.changes_sheet,
            title: w.changes_title,
            subtitle: format!("{} {}", w.changes_since, lang.format_date(changes.since)),
            columns: w.change_columns(),
            rows: change_rows(changes, view, &w),
        });
    }
    for table in &tables {
        table_sheet(workbook.add_worksheet(), &styles, &page, table)?;
    }

    Ok(workbook.save_to_buffer()?)
}

/// A row per authority and directive it leads or is associated with: the authority, its role,
/// then some of the directive's columns.
fn authority_rows(sections: &Sections, w: &Words, lang: Lang) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in &sections.authorities {
        for (role, d) in &group.rows {
            let name = group
                .name
                .map_or_else(|| w.unassigned.to_string(), str::to_string);
            let role = match role {
                Role::Lead => w.role_lead,
                Role::Associated => w.role_associated,
            };
            let mut row = directive_row(d, w, lang);
            let kept = [0, 2, 3, 4, 6, 7, 11, 12];
            let mut cells = vec![Cell::text(name), Cell::text(role)];
            cells.extend(kept.iter().map(|i| row.cells[*i].clone()));
            row.cells = cells;
            rows.push(row);
        }
    }
    rows
}

fn case_rows(view: &ScoreboardView) -> Vec<Row> {
    let lang = view.lang;
    view.cases
        .iter()
        .map(|c| Row {
            tone: reply_tone(view.as_of, c.reply_deadline, c.reply_sent_on),
            cells: vec![
                Cell::text(&c.number),
                Cell::opt_text(c.case_type.map(|t| sentence(t.label(lang)))),
                Cell::opt_text(c.title.clone()),
                Cell::opt_text(c.stage.map(|s| sentence(&s.label(lang)))),
                Cell::date(c.last_decision_on),
                Cell::date(c.reply_deadline),
                Cell::date(c.reply_sent_on),
                Cell::date(c.reply_entered_on),
                Cell::opt_text(c.lead.clone()),
                Cell::text(c.directives.join(", ")),
            ],
        })
        .collect()
}

fn pilot_rows(view: &ScoreboardView) -> Vec<Row> {
    view.pilots
        .iter()
        .map(|p| Row {
            tone: reply_tone(view.as_of, p.reply_deadline, p.reply_sent_on),
            cells: vec![
                Cell::text(&p.number),
                Cell::opt_text(p.subject.clone()),
                Cell::date(p.received_on),
                Cell::date(p.reply_deadline),
                Cell::date(p.reply_sent_on),
                Cell::opt_text(p.outcome.clone()),
                Cell::opt_text(p.lead.clone()),
            ],
        })
        .collect()
}

/// The changes since the previous pack: new directives, status changes, decisions, replies.
fn change_rows(changes: &Changes, view: &ScoreboardView, w: &Words) -> Vec<Row> {
    let lang = view.lang;
    let plain = |cells: Vec<Cell>| Row {
        tone: Tone::Plain,
        cells,
    };
    let mut rows = Vec::new();
    for celex in &changes.new_directives {
        rows.push(plain(vec![
            Cell::text(w.change_new_directive),
            Cell::text(view.number_of(celex)),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]));
    }
    for (celex, old, new) in &changes.status_changes {
        rows.push(plain(vec![
            Cell::text(w.change_status),
            Cell::text(view.number_of(celex)),
            Cell::text(status_label_of_code(old, lang)),
            Cell::text(status_label_of_code(new, lang)),
            Cell::Empty,
        ]));
    }
    for (number, on, stage) in &changes.new_decisions {
        rows.push(plain(vec![
            Cell::text(w.change_decision),
            Cell::text(number),
            Cell::Empty,
            Cell::text(stage_label_of_code(stage, lang)),
            Cell::Date(*on),
        ]));
    }
    for (number, on) in &changes.replies_sent {
        rows.push(plain(vec![
            Cell::text(w.change_reply),
            Cell::text(number),
            Cell::Empty,
            Cell::Empty,
            Cell::Date(*on),
        ]));
    }
    rows
}

fn directive_row(d: &DirectiveLine, w: &Words, lang: Lang) -> Row {
    let days = days_left(d).filter(|_| !is_done(&d.status));
    let mut title = d.title.clone().unwrap_or_default();
    if d.title_in_other_language && !title.is_empty() {
        title.push(' ');
        title.push_str(w.other_language);
    }
    let other_deadlines = if d.deadlines.len() > 1 {
        d.deadlines
            .iter()
            .map(|x| lang.format_date_short(*x))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    let planned = match (&d.planned_text, d.planned_on) {
        (Some(text), _) => Cell::text(text),
        (None, on) => Cell::date(on),
    };
    let risk = if d.at_risk {
        Cell::text(
            d.risk_reason
                .as_deref()
                .map_or_else(|| w.yes.to_string(), |r| format!("{} – {r}", w.yes)),
        )
    } else {
        Cell::Empty
    };
    Row {
        tone: directive_tone(d),
        cells: vec![
            Cell::text(&d.number),
            Cell::text(&d.celex),
            Cell::opt_text(Some(title)),
            Cell::text(sentence(d.status.label(lang))),
            Cell::date(shown_deadline(d)),
            Cell::opt_text(Some(other_deadlines)),
            Cell::int(days.filter(|n| *n < 0).map(|n| -n)),
            Cell::int(days.filter(|n| *n >= 0)),
            Cell::opt_text(d.lead.clone()),
            Cell::opt_text(Some(d.associated.join(", "))),
            Cell::opt_text(Some(d.measures.join("\n"))),
            planned,
            risk,
        ],
    }
}

/// The summary: indicators, counts by status, the next deadlines, as blocks of a 4-column sheet.
fn summary_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    w: &Words,
    page: &Page,
    subtitle: &str,
    view: &ScoreboardView,
    sections: &Sections,
) -> Result<(), ReportError> {
    let lang = view.lang;
    let i = &view.indicators;
    sheet.set_name(w.summary_sheet)?;
    sheet.merge_range(0, 0, 0, 3, w.title, &styles.title)?;
    sheet.write_string_with_format(1, 0, subtitle, &styles.subtitle)?;
    for (c, width) in [55.0, 16.0, 18.0, 60.0].into_iter().enumerate() {
        sheet.set_column_width(col_index(c), width)?;
    }
    let mut r = HEADER_ROW;
    let header = |sheet: &mut Worksheet, r: u32, cells: &[&str]| -> Result<(), ReportError> {
        for (c, h) in cells.iter().enumerate() {
            sheet.write_string_with_format(r, col_index(c), *h, &styles.header)?;
        }
        Ok(())
    };
    let line =
        |sheet: &mut Worksheet, r: u32, label: String, value: Cell| -> Result<(), ReportError> {
            write_cell(sheet, styles, r, 0, Tone::Plain, &Cell::Text(label))?;
            write_cell(sheet, styles, r, 1, Tone::Plain, &value)
        };
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));

    header(sheet, r, &[w.indicator, w.value])?;
    r += 1;
    if i.deadlines_until != view.as_of || i.notifications_until != view.as_of {
        let note = format!(
            "{} {} – {} {}",
            w.forecast_deadlines,
            lang.format_date(i.deadlines_until),
            w.forecast_notifications,
            lang.format_date(i.notifications_until)
        );
        sheet.write_string_with_format(r, 0, note, &styles.subtitle)?;
        r += 1;
    }
    for (label, value) in indicator_lines(view, w) {
        line(sheet, r, label, value)?;
        r += 1;
    }

    r += 1;
    header(sheet, r, &[w.status, w.directives_count])?;
    r += 1;
    for (status, n) in &sections.status_counts {
        line(sheet, r, sentence(status.label(lang)), count(*n))?;
        r += 1;
    }

    r += 1;
    sheet.write_string_with_format(r, 0, w.next_deadlines, &styles.section)?;
    r += 1;
    header(sheet, r, &[w.next_kind, w.date, w.reference, w.subject])?;
    r += 1;
    for n in &sections.next_deadlines {
        let tone = reply_tone(view.as_of, Some(n.date), None);
        let kind = match n.kind {
            DeadlineKind::Transposition => w.kind_transposition,
            DeadlineKind::CaseReply => w.kind_case_reply,
            DeadlineKind::PilotReply => w.kind_pilot_reply,
        };
        let cells = [
            Cell::text(kind),
            Cell::Date(n.date),
            Cell::text(n.reference),
            Cell::opt_text(n.title.map(str::to_string)),
        ];
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, styles, r, col_index(c), tone, cell)?;
        }
        r += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(sheet, page, HEADER_ROW)?;
    Ok(())
}

/// The indicators' lines of the summary: a label and its value.
fn indicator_lines(view: &ScoreboardView, w: &Words) -> Vec<(String, Cell)> {
    let lang = view.lang;
    let i = &view.indicators;
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
    let mut lines: Vec<(String, Cell)> = vec![
        (w.concerned.into(), count(i.concerned)),
        (w.due.into(), count(i.due)),
        (
            w.not_completely_notified.into(),
            count(i.not_completely_notified),
        ),
        (
            w.deficit.into(),
            i.deficit_percent.map_or(Cell::Empty, Cell::Percent),
        ),
    ];
    for t in &i.targets {
        let label = format!(
            "{} {} ({})",
            w.target,
            lang.format_percent(t.percent, 1),
            w.target_source(t.kind.code())
        );
        lines.push((label, Cell::text(if t.met { w.met } else { w.not_met })));
    }
    lines.extend([
        (w.overdue.into(), count(i.overdue)),
        (w.partial.into(), count(i.partial)),
        (
            w.overdue_two_years.into(),
            count(i.overdue_two_years_or_more),
        ),
        (
            w.average_delay.into(),
            i.average_delay_months.map_or(Cell::Empty, Cell::Decimal),
        ),
        (w.pending_cases.into(), count(i.pending_cases)),
        (
            w.pending_non_conformity.into(),
            count(i.pending_non_conformity),
        ),
        (w.pending_to_triage.into(), count(i.pending_to_triage)),
    ]);
    for c in &i.pending_by_step {
        let label = c
            .step
            .map_or_else(|| w.unknown.to_string(), |s| sentence(s.label(lang)));
        lines.push((format!("{} {label}", w.by_stage), count(c.count)));
    }
    for c in &i.pending_by_type {
        let label = c
            .case_type
            .map_or_else(|| w.unknown.to_string(), |t| sentence(t.label(lang)));
        lines.push((format!("{} {label}", w.by_type), count(c.count)));
    }
    lines.push((
        w.average_duration.into(),
        i.average_case_duration_months
            .map_or(Cell::Empty, Cell::Decimal),
    ));
    lines
}
