//! The phrases the command line prints, by their keys in the translation files
//! (`locales/{fr,nl,en}.toml`, read by `domain::words`).

use domain::Lang;

/// One phrase, named by its key in the translation files (`locales/*.toml`); `t(lang)` picks it.
pub use domain::words::W as L;

pub const CELEX: L = L("cli.celex");
pub const DIRECTIVE: L = L("cli.directive");
pub const TITLE: L = L("cli.title");
pub const DEADLINE: L = L("cli.deadline");
pub const DEADLINES: L = L("cli.deadlines");
pub const STATUS: L = L("cli.status");
pub const DELAY: L = L("cli.delay");
pub const LEAD: L = L("cli.lead");
pub const ASSOCIATED: L = L("cli.associated");
pub const PLANNED: L = L("cli.planned");
pub const RISK: L = L("cli.risk");
pub const COMPETENCE: L = L("cli.competence");
pub const MEASURES: L = L("cli.measures");
pub const NOTIFIED: L = L("cli.notified");
pub const COMPLETES: L = L("cli.completes");
pub const KIND: L = L("cli.kind");
pub const ADOPTED: L = L("cli.adopted");
pub const CODE: L = L("cli.code");
pub const NAME_FR: L = L("cli.name_fr");
pub const NAME_NL: L = L("cli.name_nl");
pub const ALIASES: L = L("cli.aliases");
pub const CASE: L = L("cli.case");
pub const USER_ADDED: L = L("cli.user_added");
pub const USER_NEXT_PASSWD: L = L("cli.user_next_passwd");
pub const LOGIN: L = L("cli.login");
pub const ROLE: L = L("cli.role");
pub const AUTHORITIES: L = L("cli.authorities");
pub const EMAIL: L = L("cli.email");
pub const CONTACT_ADDED: L = L("cli.contact_added");
pub const CONTACT_REMOVED: L = L("cli.contact_removed");
pub const NAME: L = L("cli.name");
pub const LANGUAGE: L = L("cli.language");
pub const SOURCE: L = L("cli.source");
pub const SOURCE_CONTACT: L = L("cli.source_contact");
pub const SOURCE_USER: L = L("cli.source_user");
pub const NOTIFY_FIRST_RUN: L = L("cli.notify_first_run");
pub const NOTIFY_NOTHING: L = L("cli.notify_nothing");
pub const NOTIFY_TO: L = L("cli.notify_to");
pub const NOTIFY_ITEMS: L = L("cli.notify_items");
pub const NOTIFY_SENT: L = L("cli.notify_sent");
pub const NOTIFY_FAILED: L = L("cli.notify_failed");
pub const NOTIFY_WOULD_SEND: L = L("cli.notify_would_send");
pub const STATE: L = L("cli.state");
pub const DISABLED: L = L("cli.disabled");
pub const NO_PASSWORD: L = L("cli.no_password");
pub const PASSWORD_SET: L = L("cli.password_set");
pub const TOKEN_ONCE: L = L("cli.token_once");
pub const LABEL: L = L("cli.label");
pub const CREATED: L = L("cli.created");
pub const REVOKED: L = L("cli.revoked");
pub const TOKENS_REVOKED: L = L("cli.tokens_revoked");
pub const CALENDAR_ONCE: L = L("cli.calendar_once");
pub const SERVING: L = L("cli.serving");
pub const SHEET: L = L("cli.sheet");
pub const COLUMN: L = L("cli.column");
pub const HEADER: L = L("cli.header");
pub const READ_AS: L = L("cli.read_as");
pub const SAMPLES: L = L("cli.samples");
pub const LEFT_ASIDE: L = L("cli.left_aside");
pub const WARNING: L = L("cli.warning");
pub const COLUMN_LEFT_ASIDE: L = L("cli.column_left_aside");
pub const MAP_IT: L = L("cli.map_it");
pub const NOT_CARRIED: L = L("cli.not_carried");
pub const CASE_TYPE: L = L("cli.case_type");
pub const STAGE: L = L("cli.stage");
pub const LAST_DECISION: L = L("cli.last_decision");
pub const NEXT_REPLY: L = L("cli.next_reply");
pub const ACTIVE: L = L("cli.active");
pub const ACTIVE_USER: L = L("cli.active_user");
pub const DATE: L = L("cli.date");
pub const REPLY_DEADLINE: L = L("cli.reply_deadline");
pub const REPLY_SENT: L = L("cli.reply_sent");
pub const REPLY_ENTERED: L = L("cli.reply_entered");
pub const YES: L = L("cli.yes");
pub const NO: L = L("cli.no");
pub const UNKNOWN: L = L("cli.unknown");
pub const TO_ASSIGN: L = L("lead.none");
pub const SITUATION_AT: L = L("cli.situation_at");
pub const TRACKED: L = L("cli.tracked");
pub const OPEN_CASES: L = L("cli.open_cases");
pub const OVERDUE_TITLE: L = L("cli.overdue_title");
pub const DUE_SOON_TITLE: L = L("cli.due_soon_title");
pub const CASES_TITLE: L = L("cli.cases_title");
pub const OTHER_CASES: L = L("cli.other_cases");
pub const NONE: L = L("cli.none");
pub const DAYS: L = L("cli.days");
pub const MONTHS: L = L("cli.months");
pub const WHEN: L = L("cli.when");
pub const WHO: L = L("cli.who");
pub const ACTION: L = L("cli.action");
pub const FIELD: L = L("cli.field");
pub const OLD: L = L("cli.old");
pub const NEW: L = L("cli.new");
pub const DIRECTIVES: L = L("cli.directives");
pub const DECISIONS: L = L("cli.decisions");
pub const EVENTS: L = L("cli.events");
pub const VERSION: L = L("cli.version");
pub const NOTES: L = L("cli.notes");
pub const DEMO_NOTICE: L = L("cli.demo_notice");

pub const DRY_RUN: L = L("cli.dry_run");
pub const EXPORT_OF: L = L("cli.export_of");
pub const NEW_CASES: L = L("cli.new_cases");
pub const NEW_DECISIONS: L = L("cli.new_decisions");
pub const NO_LONGER_ACTIVE: L = L("cli.no_longer_active");
pub const REOPENED: L = L("cli.reopened");
pub const NOTHING_CHANGED: L = L("cli.nothing_changed");
pub const CHANGE: L = L("cli.change");
pub const WHAT: L = L("cli.what");
pub const NEW_CASE: L = L("cli.new_case");
pub const NEW_DECISION: L = L("cli.new_decision");
pub const REPLY_DUE: L = L("cli.reply_due");
pub const INACTIVE: L = L("cli.inactive");
pub const REOPENED_ONE: L = L("cli.reopened_one");
pub const BETWEEN_EXPORTS: L = L("cli.between_exports");
pub const CORRECTED: L = L("cli.corrected");
pub const REJECTED: L = L("cli.rejected");

pub const ROWS: L = L("cli.rows");
pub const NEW_RECORDS: L = L("cli.new_records");
pub const CHANGED_RECORDS: L = L("cli.changed_records");
pub const UNCHANGED: L = L("cli.unchanged");
pub const NOTHING_CHANGED_TABLES: L = L("cli.nothing_changed_tables");
pub const RECORD: L = L("cli.record");
pub const NEW_ONE: L = L("cli.new_one");
pub const NOT_IN_FILE: L = L("cli.not_in_file");

pub const CONCERTATION: L = L("meeting_name.concertation");
pub const EUROCOORD: L = L("meeting_name.eurocoord");
pub const COMMISSION_BILATERAL: L = L("meeting_name.commission");
pub const CORRESPONDENTS: L = L("meeting_name.correspondents");
pub const DAYS_LEFT_OR_LATE: L = L("cli.days_left_or_late");
pub const LATE: L = L("cli.late");
pub const DEADLINES_WORD: L = L("cli.deadlines_word");
pub const OVERDUE_WORD: L = L("cli.overdue_word");
pub const INDICATOR: L = L("cli.indicator");
pub const FORECAST: L = L("cli.forecast");
pub const IND_CONCERNED: L = L("cli.ind_concerned");
pub const IND_DUE: L = L("cli.ind_due");
pub const IND_NOT_NOTIFIED: L = L("cli.ind_not_notified");
pub const IND_DEFICIT: L = L("cli.ind_deficit");
pub const IND_OVERDUE: L = L("cli.ind_overdue");
pub const IND_TWO_YEARS: L = L("cli.ind_two_years");
pub const IND_AVG_DELAY: L = L("cli.ind_avg_delay");
pub const IND_PENDING: L = L("cli.ind_pending");
pub const IND_CONFORMITY: L = L("cli.ind_conformity");
pub const REGION: L = L("cli.region");
pub const OPEN_PROCEDURES: L = L("cli.open_procedures");
pub const CONCERN_REGION: L = L("cli.concern_region");
pub const TO_TRIAGE: L = L("cli.to_triage");
pub const TRIAGE_SUGGEST: L = L("cli.triage_suggest");
pub const IND_LISTED: L = L("cli.ind_listed");
pub const IND_TO_TRIAGE: L = L("cli.ind_to_triage");
pub const IND_DURATION: L = L("cli.ind_duration");
pub const TARGET: L = L("cli.target");
pub const MET: L = L("cli.met");
pub const NOT_MET: L = L("cli.not_met");

pub const NATIONAL_MEASURES: L = L("cli.national_measures");

pub const CAMPAIGN_DUE: L = L("cli.campaign_due");
pub const CAMPAIGN_QUESTIONS: L = L("cli.campaign_questions");
pub const CAMPAIGN_ANSWERED: L = L("cli.campaign_answered");
pub const CAMPAIGN_LAST_ANSWER: L = L("cli.campaign_last_answer");
pub const CAMPAIGN_NONE: L = L("cli.campaign_none");

pub fn yes_no(lang: Lang, b: Option<bool>) -> &'static str {
    match b {
        Some(true) => YES.t(lang),
        Some(false) => NO.t(lang),
        None => UNKNOWN.t(lang),
    }
}
