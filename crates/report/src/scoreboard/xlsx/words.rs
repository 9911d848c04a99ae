//! The workbook's words in one language, from the `scoreboard` tables of the translation files,
//! and its columns (headers and widths).

use domain::Lang;

use super::sheet::{Column, col};

/// The workbook's words in one language (the page's words are in its template).
pub(super) struct Words {
    pub(super) title: &'static str,
    pub(super) situation_on: &'static str,
    pub(super) page: &'static str,
    pub(super) other_language: &'static str,
    pub(super) yes: &'static str,
    pub(super) unknown: &'static str,
    pub(super) unassigned: &'static str,
    pub(super) summary_sheet: &'static str,
    pub(super) indicator: &'static str,
    pub(super) value: &'static str,
    pub(super) forecast_deadlines: &'static str,
    pub(super) forecast_notifications: &'static str,
    pub(super) concerned: &'static str,
    pub(super) due: &'static str,
    pub(super) not_completely_notified: &'static str,
    pub(super) deficit: &'static str,
    pub(super) target: &'static str,
    pub(super) target_sources: [&'static str; 2],
    pub(super) met: &'static str,
    pub(super) not_met: &'static str,
    pub(super) overdue: &'static str,
    pub(super) partial: &'static str,
    pub(super) overdue_two_years: &'static str,
    pub(super) average_delay: &'static str,
    pub(super) pending_cases: &'static str,
    pub(super) pending_non_conformity: &'static str,
    pub(super) pending_to_triage: &'static str,
    pub(super) by_stage: &'static str,
    pub(super) by_type: &'static str,
    pub(super) average_duration: &'static str,
    pub(super) status: &'static str,
    pub(super) directives_count: &'static str,
    pub(super) next_deadlines: &'static str,
    pub(super) next_kind: &'static str,
    pub(super) date: &'static str,
    pub(super) reference: &'static str,
    pub(super) subject: &'static str,
    pub(super) kind_transposition: &'static str,
    pub(super) kind_case_reply: &'static str,
    pub(super) kind_pilot_reply: &'static str,
    pub(super) directives_sheet: &'static str,
    pub(super) directives_title: &'static str,
    pub(super) overdue_sheet: &'static str,
    pub(super) overdue_title: &'static str,
    pub(super) due_soon_sheet: &'static str,
    pub(super) due_soon_title: &'static str,
    pub(super) directive_headers: [&'static str; 13],
    pub(super) authorities_sheet: &'static str,
    pub(super) authorities_title: &'static str,
    pub(super) authority: &'static str,
    pub(super) role: &'static str,
    pub(super) role_lead: &'static str,
    pub(super) role_associated: &'static str,
    pub(super) cases_sheet: &'static str,
    pub(super) cases_title: &'static str,
    pub(super) case_headers: [&'static str; 10],
    pub(super) pilots_sheet: &'static str,
    pub(super) pilots_title: &'static str,
    pub(super) pilot_headers: [&'static str; 7],
    pub(super) changes_sheet: &'static str,
    pub(super) changes_title: &'static str,
    pub(super) changes_since: &'static str,
    pub(super) change_headers: [&'static str; 5],
    pub(super) change_new_directive: &'static str,
    pub(super) change_status: &'static str,
    pub(super) change_decision: &'static str,
    pub(super) change_reply: &'static str,
}

impl Words {
    pub(super) fn target_source(&self, code: &str) -> &'static str {
        if code == "european-council-2007" {
            self.target_sources[0]
        } else {
            self.target_sources[1]
        }
    }

    pub(super) fn directive_columns(&self) -> Vec<Column> {
        let h = &self.directive_headers;
        let widths = [
            11.0, 13.0, 50.0, 22.0, 12.0, 14.0, 10.0, 10.0, 24.0, 24.0, 40.0, 13.0, 30.0,
        ];
        h.iter().zip(widths).map(|(h, w)| col(h, w)).collect()
    }

    pub(super) fn authority_columns(&self) -> Vec<Column> {
        let h = &self.directive_headers;
        let mut columns = vec![col(self.authority, 28.0), col(self.role, 12.0)];
        let kept = [
            (0, 11.0),
            (2, 50.0),
            (3, 22.0),
            (4, 12.0),
            (6, 10.0),
            (7, 10.0),
            (11, 13.0),
            (12, 30.0),
        ];
        columns.extend(kept.iter().map(|(i, w)| col(h[*i], *w)));
        columns
    }

    pub(super) fn case_columns(&self) -> Vec<Column> {
        let widths = [16.0, 20.0, 45.0, 30.0, 12.0, 12.0, 12.0, 12.0, 24.0, 16.0];
        self.case_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    pub(super) fn pilot_columns(&self) -> Vec<Column> {
        let widths = [16.0, 45.0, 12.0, 12.0, 12.0, 30.0, 24.0];
        self.pilot_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    pub(super) fn change_columns(&self) -> Vec<Column> {
        let widths = [26.0, 18.0, 28.0, 40.0, 12.0];
        self.change_headers
            .iter()
            .zip(widths)
            .map(|(h, w)| col(h, w))
            .collect()
    }

    /// The workbook's words in `lang`, from the translation files.
    pub(super) fn of(lang: Lang) -> Words {
        let t = |key: &'static str| domain::words::t(lang, key);
        Words {
            title: t("scoreboard.title"),
            situation_on: t("scoreboard.situation_on"),
            page: t("scoreboard.page"),
            other_language: t("scoreboard.other_language"),
            yes: t("scoreboard.yes"),
            unknown: t("scoreboard.unknown"),
            unassigned: t("lead.none"),
            summary_sheet: t("scoreboard.summary_sheet"),
            indicator: t("scoreboard.indicator"),
            value: t("scoreboard.value"),
            forecast_deadlines: t("scoreboard.forecast_deadlines"),
            forecast_notifications: t("scoreboard.forecast_notifications"),
            concerned: t("scoreboard.concerned"),
            due: t("scoreboard.due"),
            not_completely_notified: t("scoreboard.not_completely_notified"),
            deficit: t("scoreboard.deficit"),
            target: t("scoreboard.target"),
            target_sources: [
                t("scoreboard.target_sources_0"),
                t("scoreboard.target_sources_1"),
            ],
            met: t("scoreboard.met"),
            not_met: t("scoreboard.not_met"),
            overdue: t("scoreboard.overdue"),
            partial: t("scoreboard.partial"),
            overdue_two_years: t("scoreboard.overdue_two_years"),
            average_delay: t("scoreboard.average_delay"),
            pending_cases: t("scoreboard.pending_cases"),
            pending_non_conformity: t("scoreboard.pending_non_conformity"),
            pending_to_triage: t("scoreboard.pending_to_triage"),
            by_stage: t("scoreboard.by_stage"),
            by_type: t("scoreboard.by_type"),
            average_duration: t("scoreboard.average_duration"),
            status: t("scoreboard.status"),
            directives_count: t("scoreboard.directives_count"),
            next_deadlines: t("scoreboard.next_deadlines"),
            next_kind: t("scoreboard.next_kind"),
            date: t("scoreboard.date"),
            reference: t("scoreboard.reference"),
            subject: t("scoreboard.subject"),
            kind_transposition: t("scoreboard.kind_transposition"),
            kind_case_reply: t("scoreboard.kind_case_reply"),
            kind_pilot_reply: t("scoreboard.kind_pilot_reply"),
            directives_sheet: t("scoreboard.directives_sheet"),
            directives_title: t("scoreboard.directives_title"),
            overdue_sheet: t("scoreboard.overdue_sheet"),
            overdue_title: t("scoreboard.overdue_title"),
            due_soon_sheet: t("scoreboard.due_soon_sheet"),
            due_soon_title: t("scoreboard.due_soon_title"),
            directive_headers: [
                t("scoreboard.directive_headers_0"),
                t("scoreboard.directive_headers_1"),
                t("scoreboard.directive_headers_2"),
                t("scoreboard.directive_headers_3"),
                t("scoreboard.directive_headers_4"),
                t("scoreboard.directive_headers_5"),
                t("scoreboard.directive_headers_6"),
                t("scoreboard.directive_headers_7"),
                t("scoreboard.directive_headers_8"),
                t("scoreboard.directive_headers_9"),
                t("scoreboard.directive_headers_10"),
                t("scoreboard.directive_headers_11"),
                t("scoreboard.directive_headers_12"),
            ],
            authorities_sheet: t("scoreboard.authorities_sheet"),
            authorities_title: t("scoreboard.authorities_title"),
            authority: t("scoreboard.authority"),
            role: t("scoreboard.role"),
            role_lead: t("scoreboard.role_lead"),
            role_associated: t("scoreboard.role_associated"),
            cases_sheet: t("scoreboard.cases_sheet"),
            cases_title: t("scoreboard.cases_title"),
            case_headers: [
                t("scoreboard.case_headers_0"),
                t("scoreboard.case_headers_1"),
                t("scoreboard.case_headers_2"),
                t("scoreboard.case_headers_3"),
                t("scoreboard.case_headers_4"),
                t("scoreboard.case_headers_5"),
                t("scoreboard.case_headers_6"),
                t("scoreboard.case_headers_7"),
                t("scoreboard.case_headers_8"),
                t("scoreboard.case_headers_9"),
            ],
            pilots_sheet: t("scoreboard.pilots_sheet"),
            pilots_title: t("scoreboard.pilots_title"),
            pilot_headers: [
                t("scoreboard.pilot_headers_0"),
                t("scoreboard.pilot_headers_1"),
                t("scoreboard.pilot_headers_2"),
                t("scoreboard.pilot_headers_3"),
                t("scoreboard.pilot_headers_4"),
                t("scoreboard.pilot_headers_5"),
                t("scoreboard.pilot_headers_6"),
            ],
            changes_sheet: t("scoreboard.changes_sheet"),
            changes_title: t("scoreboard.changes_title"),
            changes_since: t("scoreboard.changes_since"),
            change_headers: [
                t("scoreboard.change_headers_0"),
                t("scoreboard.change_headers_1"),
                t("scoreboard.change_headers_2"),
                t("scoreboard.change_headers_3"),
                t("scoreboard.change_headers_4"),
            ],
            change_new_directive: t("scoreboard.change_new_directive"),
            change_status: t("scoreboard.change_status"),
            change_decision: t("scoreboard.change_decision"),
            change_reply: t("scoreboard.change_reply"),
        }
    }
}
