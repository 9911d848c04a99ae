//! The values of the code columns: each column is an enum stored as a readable string (`exclusive`,
//! `lfn`, `258+260.3`), so the database reads the same in any SQL client.
//!
//! `domain` does not depend on SeaORM, so where it has the enum (competence, case type, step,
//! legal basis, language, measure kind, member state, proposal stage, a campaign question's kind) the
//! column has its own mirror here,
//! converted both ways without loss (`From`), and stored as the domain's own code (a member state
//! as its English name, or its CELEX letters in `national_measure.country`). The others (meeting
//! kind, case event kind, import source and outcome, history action and table, correspondent
//! role, user role, an e-mail item's subject and status) exist only as stored values. Each enum
//! is stored in one column (or in columns that mean the same: a language, a competence), so an
//! unreadable value names its place: the member states have one enum per column that holds one.
//!
//! A stored value outside an enum is refused when the row is read: SeaORM's error is turned into
//! [`DataError::UnreadableCode`], which names the table, the column and the value.
//!
//! Columns that hold text on purpose, not codes: what a source wrote, quoted as it wrote it
//! (`national_measure.kind`, the act's type in the member state's language as CELLAR labels it,
//! "Ordonnance", "Arrêté royal", "Wet"; `decision.label`, the register's wording of a decision;
//! `infringement_case.department`, the register's policy area); what people write in sentences
//! (titles, names, notes, `eu_pilot.outcome`, `directive.risk_reason`, `directive.planned_text`
//! as typed beside the date read from it, `directive_deadline.provision`, e-mail addresses and
//! phone numbers, `authority.aliases`); identifiers checked by their own parsers (CELEX, case, EU
//! Pilot and COM numbers, authority codes); file names, digests and user names; JSON documents
//! with their own readers (`import_run.counts` and `diagnostics`, `meeting_pack.view`); and the
//! history's own columns (`history.field`, a column name of the table the row names, and the old
//! and new values as text).

use sea_orm::entity::prelude::*;
use serde::{Serialize, Serializer};

use crate::DataError;

/// What every code enum says about itself: the column it is stored in, its values, and its
/// serde form (the stored string, so the history and the JSON output show what the database holds).
pub trait Code: ActiveEnum<Value = String> + Copy + 'static {
    /// `table.column`: each enum is stored in one column, so an unreadable value names its place.
    const COLUMN: &'static str;

    /// The stored values, in declaration order.
    fn codes() -> Vec<String> {
        Self::iter().map(|v| v.to_value()).collect()
    }

    /// The value a stored string stands for, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::iter().find(|v| v.to_value() == code)
    }
}

macro_rules! code {
    ($name:ident in $column:literal) => {
        impl Code for $name {
            const COLUMN: &'static str = $column;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_value())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.to_value())
            }
        }
    };
}

/// A mirror of a domain enum: the same variants, converted both ways.
macro_rules! mirror {
    ($name:ident = $domain:path { $($variant:ident),* $(,)? }) => {
        impl From<$domain> for $name {
            fn from(value: $domain) -> $name {
                use $domain as D;
                match value {
                    $(D::$variant => $name::$variant,)*
                }
            }
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> $domain {
                use $domain as D;
                match value {
                    $($name::$variant => D::$variant,)*
                }
            }
        }
    };
}

/// `directive.competence`: whether the Region is competent (`domain::Competence`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Competence {
    #[sea_orm(string_value = "exclusive")]
    Exclusive,
    #[sea_orm(string_value = "shared")]
    Shared,
    #[sea_orm(string_value = "not-concerned")]
    NotConcerned,
    #[sea_orm(string_value = "to-be-determined")]
    ToBeDetermined,
}
code!(Competence in "directive.competence, proposal.competence");
mirror!(
    Competence = domain::Competence {
        Exclusive,
        Shared,
        NotConcerned,
        ToBeDetermined
    }
);

/// `infringement_case.case_type` (`domain::CaseType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CaseType {
    #[sea_orm(string_value = "non-communication")]
    NonCommunication,
    #[sea_orm(string_value = "non-conformity")]
    NonConformity,
    #[sea_orm(string_value = "bad-application")]
    BadApplication,
}
code!(CaseType in "infringement_case.case_type");
mirror!(
    CaseType = domain::CaseType {
        NonCommunication,
        NonConformity,
        BadApplication
    }
);

/// `decision.step`: the step of a decision's stage (`domain::Step`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Step {
    #[sea_orm(string_value = "lfn")]
    FormalNotice,
    #[sea_orm(string_value = "lfn-add")]
    AdditionalFormalNotice,
    #[sea_orm(string_value = "ro")]
    ReasonedOpinion,
    #[sea_orm(string_value = "ro-add")]
    AdditionalReasonedOpinion,
    #[sea_orm(string_value = "referral")]
    Referral,
    #[sea_orm(string_value = "sanction")]
    ModifiedFinancialSanction,
    #[sea_orm(string_value = "withdrawal")]
    WithdrawalFromCourt,
    #[sea_orm(string_value = "closure")]
    Closure,
}
code!(Step in "decision.step");
mirror!(
    Step = domain::Step {
        FormalNotice,
        AdditionalFormalNotice,
        ReasonedOpinion,
        AdditionalReasonedOpinion,
        Referral,
        ModifiedFinancialSanction,
        WithdrawalFromCourt,
        Closure
    }
);

/// `decision.legal_basis`: the Treaty article of a decision's stage (`domain::LegalBasis`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum LegalBasis {
    #[sea_orm(string_value = "258")]
    Art258,
    #[sea_orm(string_value = "258+260.3")]
    Art258And260_3,
    #[sea_orm(string_value = "260.2")]
    Art260_2,
}
code!(LegalBasis in "decision.legal_basis");
mirror!(
    LegalBasis = domain::LegalBasis {
        Art258,
        Art258And260_3,
        Art260_2
    }
);

/// `meeting_pack.lang`: the language a pack was printed in (`domain::Lang`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Lang {
    #[sea_orm(string_value = "fr")]
    Fr,
    #[sea_orm(string_value = "nl")]
    Nl,
    #[sea_orm(string_value = "en")]
    En,
}
code!(Lang in "meeting_pack.lang, app_user.lang, web_session.lang, contact.lang, outbox.lang");
mirror!(Lang = domain::Lang { Fr, Nl, En });

/// `meeting.kind`: the meetings the unit prepares tables for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MeetingKind {
    /// The Concertation Committee (Comité de concertation / Overlegcomité).
    #[sea_orm(string_value = "concertation")]
    Concertation,
    /// The euro-coordinators' meeting of the federal foreign ministry.
    #[sea_orm(string_value = "eurocoord")]
    Eurocoord,
    /// A bilateral meeting with Commission services.
    #[sea_orm(string_value = "commission")]
    Commission,
    /// The Region's European correspondents.
    #[sea_orm(string_value = "correspondents")]
    Correspondents,
}
code!(MeetingKind in "meeting.kind");

/// `case_event.kind`: what comparing register exports says about a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum EventKind {
    /// Missing from a later export: closed or withdrawn in between.
    #[sea_orm(string_value = "inactive")]
    Inactive,
    /// Listed again in a later export.
    #[sea_orm(string_value = "reopened")]
    Reopened,
}
code!(EventKind in "case_event.kind");

/// `import_run.source`: what an import read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ImportSource {
    /// The Commission's register of infringement decisions (an export or its search service).
    #[sea_orm(string_value = "register")]
    Register,
    /// EUR-Lex / CELLAR.
    #[sea_orm(string_value = "eurlex")]
    Eurlex,
    /// The unit's tracking tables.
    #[sea_orm(string_value = "tables")]
    Tables,
    /// An administration's answers to a contribution campaign.
    #[sea_orm(string_value = "campaign")]
    Campaign,
    /// An administration's correlation table.
    #[sea_orm(string_value = "correlation")]
    Correlation,
}
code!(ImportSource in "import_run.source");

/// `import_run.outcome`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ImportOutcome {
    #[sea_orm(string_value = "complete")]
    Complete,
    /// Some rows were rejected; they are kept in the run's diagnostics.
    #[sea_orm(string_value = "partial")]
    Partial,
    #[sea_orm(string_value = "dry-run")]
    DryRun,
}
code!(ImportOutcome in "import_run.outcome");

/// `history.action`: what a history row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum HistoryAction {
    #[sea_orm(string_value = "insert")]
    Insert,
    #[sea_orm(string_value = "update")]
    Update,
    #[sea_orm(string_value = "delete")]
    Delete,
    /// A fact the tool inferred (e.g. a case no longer in the register).
    #[sea_orm(string_value = "event")]
    Event,
}
code!(HistoryAction in "history.action");

/// `measure.kind`: the kind of act of a regional measure (`domain::MeasureKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum MeasureKind {
    #[sea_orm(string_value = "ordinance")]
    Ordinance,
    #[sea_orm(string_value = "joint-ordinance")]
    JointOrdinance,
    #[sea_orm(string_value = "government-decree")]
    GovernmentDecree,
    #[sea_orm(string_value = "ministerial-decree")]
    MinisterialDecree,
    #[sea_orm(string_value = "cooperation-agreement")]
    CooperationAgreement,
    #[sea_orm(string_value = "circular")]
    Circular,
    #[sea_orm(string_value = "other")]
    Other,
    #[sea_orm(string_value = "table")]
    Table,
}
code!(MeasureKind in "measure.kind");
mirror!(
    MeasureKind = domain::MeasureKind {
        Ordinance,
        JointOrdinance,
        GovernmentDecree,
        MinisterialDecree,
        CooperationAgreement,
        Circular,
        Other,
        Table
    }
);

/// `correspondent.role`: what a person of an authority does in the Region's network for EU law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CorrespondentRole {
    /// The authority's euro-coordinator (euro-coordinateur / eurocoördinator).
    #[sea_orm(string_value = "euro-coordinator")]
    EuroCoordinator,
    /// A European correspondent (correspondant européen / Europese correspondent).
    #[sea_orm(string_value = "correspondent")]
    Correspondent,
    /// A correspondent's deputy (suppléant / plaatsvervanger).
    #[sea_orm(string_value = "deputy")]
    Deputy,
}
code!(CorrespondentRole in "correspondent.role");

/// The member states (`domain::Country`) in the three columns that name one, each column with
/// its own enum (so an unreadable value names its column) and its own stored form: the English
/// name for a case and an export's filter, the CELEX letters for a national measure.
macro_rules! member_states {
    ($($variant:ident = $name:tt / $celex:tt),* $(,)?) => {
        /// `infringement_case.country`: a case's member state, by the English name the register
        /// writes ("Belgium").
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum Country {
            $(
                #[sea_orm(string_value = $name)]
                $variant,
            )*
        }
        code!(Country in "infringement_case.country");
        mirror!(Country = domain::Country { $($variant),* });

        /// `register_snapshot.country`: the member state an export was read for, or `all` for an
        /// export read whole.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum CountryFilter {
            /// Every member state.
            #[sea_orm(string_value = "all")]
            All,
            $(
                #[sea_orm(string_value = $name)]
                $variant,
            )*
        }
        code!(CountryFilter in "register_snapshot.country");

        impl From<Option<domain::Country>> for CountryFilter {
            fn from(value: Option<domain::Country>) -> CountryFilter {
                use domain::Country as D;
                match value {
                    None => CountryFilter::All,
                    $(Some(D::$variant) => CountryFilter::$variant,)*
                }
            }
        }

        impl CountryFilter {
            /// The member state kept, `None` for every one.
            pub fn country(self) -> Option<domain::Country> {
                use domain::Country as D;
                match self {
                    CountryFilter::All => None,
                    $(CountryFilter::$variant => Some(D::$variant),)*
                }
            }
        }

        /// `national_measure.country`: a national measure's member state, by the three letters
        /// of its CELEX number (`BEL`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum CelexCountry {
            $(
                #[sea_orm(string_value = $celex)]
                $variant,
            )*
        }
        code!(CelexCountry in "national_measure.country");
        mirror!(CelexCountry = domain::Country { $($variant),* });
    };
}

member_states! {
    Austria = "Austria" / "AUT",
    Belgium = "Belgium" / "BEL",
    Bulgaria = "Bulgaria" / "BGR",
    Croatia = "Croatia" / "HRV",
    Cyprus = "Cyprus" / "CYP",
    Czechia = "Czechia" / "CZE",
    Denmark = "Denmark" / "DNK",
    Estonia = "Estonia" / "EST",
    Finland = "Finland" / "FIN",
    France = "France" / "FRA",
    Germany = "Germany" / "DEU",
    Greece = "Greece" / "GRC",
    Hungary = "Hungary" / "HUN",
    Ireland = "Ireland" / "IRL",
    Italy = "Italy" / "ITA",
    Latvia = "Latvia" / "LVA",
    Lithuania = "Lithuania" / "LTU",
    Luxembourg = "Luxembourg" / "LUX",
    Malta = "Malta" / "MLT",
    Netherlands = "Netherlands" / "NLD",
    Poland = "Poland" / "POL",
    Portugal = "Portugal" / "PRT",
    Romania = "Romania" / "ROU",
    Slovakia = "Slovakia" / "SVK",
    Slovenia = "Slovenia" / "SVN",
    Spain = "Spain" / "ESP",
    Sweden = "Sweden" / "SWE",
    UnitedKingdom = "United Kingdom" / "GBR",
}

impl CountryFilter {
    /// Whether an export read with this filter lists the cases of `country`.
    pub fn covers(self, country: Country) -> bool {
        self.country()
            .is_none_or(|kept| Country::from(kept) == country)
    }
}

/// `history.table_name`: the table of the record a history row is about (`store::Tracked`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum HistoryTable {
    #[sea_orm(string_value = "authority")]
    Authority,
    #[sea_orm(string_value = "correspondent")]
    Correspondent,
    #[sea_orm(string_value = "directive")]
    Directive,
    #[sea_orm(string_value = "directive_deadline")]
    DirectiveDeadline,
    #[sea_orm(string_value = "directive_authority")]
    DirectiveAuthority,
    #[sea_orm(string_value = "measure")]
    Measure,
    #[sea_orm(string_value = "infringement_case")]
    InfringementCase,
    #[sea_orm(string_value = "case_directive")]
    CaseDirective,
    #[sea_orm(string_value = "decision")]
    Decision,
    #[sea_orm(string_value = "reply")]
    Reply,
    #[sea_orm(string_value = "eu_pilot")]
    EuPilot,
    #[sea_orm(string_value = "proposal")]
    Proposal,
    #[sea_orm(string_value = "meeting")]
    Meeting,
    #[sea_orm(string_value = "case_event")]
    CaseEvent,
    #[sea_orm(string_value = "register_snapshot")]
    RegisterSnapshot,
    #[sea_orm(string_value = "register_snapshot_case")]
    RegisterSnapshotCase,
    #[sea_orm(string_value = "import_run")]
    ImportRun,
    #[sea_orm(string_value = "directive_eurlex")]
    DirectiveEurlex,
    #[sea_orm(string_value = "national_measure")]
    NationalMeasure,
    #[sea_orm(string_value = "meeting_pack")]
    MeetingPack,
    #[sea_orm(string_value = "app_user")]
    AppUser,
    #[sea_orm(string_value = "app_user_authority")]
    AppUserAuthority,
    #[sea_orm(string_value = "api_token")]
    ApiToken,
    #[sea_orm(string_value = "calendar_feed")]
    CalendarFeed,
    #[sea_orm(string_value = "contact")]
    Contact,
    #[sea_orm(string_value = "proposal_authority")]
    ProposalAuthority,
    #[sea_orm(string_value = "proposal_stage")]
    ProposalStage,
    #[sea_orm(string_value = "proposal_adoption")]
    ProposalAdoption,
    #[sea_orm(string_value = "impact_note")]
    ImpactNote,
    #[sea_orm(string_value = "campaign")]
    Campaign,
    #[sea_orm(string_value = "campaign_question")]
    CampaignQuestion,
    #[sea_orm(string_value = "campaign_authority")]
    CampaignAuthority,
    #[sea_orm(string_value = "campaign_answer")]
    CampaignAnswer,
    #[sea_orm(string_value = "directive_provision")]
    DirectiveProvision,
    #[sea_orm(string_value = "correlation")]
    Correlation,
}
code!(HistoryTable in "history.table_name");

/// `app_user.role`: what a user of the web application may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Role {
    /// The EU affairs unit: reads and edits everything.
    #[sea_orm(string_value = "unit")]
    Unit,
    /// An administration's euro-coordinator: reads everything, edits the records of its
    /// administrations (lead or associated).
    #[sea_orm(string_value = "coordinator")]
    Coordinator,
    /// Cabinets, the Parliament liaison: reads.
    #[sea_orm(string_value = "reader")]
    Reader,
}
code!(Role in "app_user.role");

/// `proposal_stage.stage` (`domain::ProposalStage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ProposalStage {
    #[sea_orm(string_value = "commission-proposal")]
    CommissionProposal,
    #[sea_orm(string_value = "council-general-approach")]
    CouncilGeneralApproach,
    #[sea_orm(string_value = "parliament-position")]
    ParliamentPosition,
    #[sea_orm(string_value = "provisional-agreement")]
    ProvisionalAgreement,
    #[sea_orm(string_value = "adopted")]
    Adopted,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}
code!(ProposalStage in "proposal_stage.stage");
mirror!(
    ProposalStage = domain::ProposalStage {
        CommissionProposal,
        CouncilGeneralApproach,
        ParliamentPosition,
        ProvisionalAgreement,
        Adopted,
        Withdrawn
    }
);

/// `correlation.state` (`domain::CorrelationState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum CorrelationState {
    #[sea_orm(string_value = "transposed")]
    Transposed,
    #[sea_orm(string_value = "not-applicable")]
    NotApplicable,
    #[sea_orm(string_value = "to-do")]
    ToDo,
}
code!(CorrelationState in "correlation.state");
mirror!(
    CorrelationState = domain::CorrelationState {
        Transposed,
        NotApplicable,
        ToDo
    }
);

/// `outbox.subject`: what an item of an e-mail digest is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum OutboxSubject {
    /// A directive newly assigned to the administration (or to no one: the unit is told).
    #[sea_orm(string_value = "new-directive")]
    NewDirective,
    #[sea_orm(string_value = "transposition")]
    Transposition,
    /// A reply to the Commission in an infringement case.
    #[sea_orm(string_value = "reply")]
    Reply,
    #[sea_orm(string_value = "eu-pilot")]
    EuPilot,
    /// A contribution campaign an administration has not answered in full.
    #[sea_orm(string_value = "campaign")]
    Campaign,
}
code!(OutboxSubject in "outbox.subject");

/// `outbox.status`: where an item of an e-mail digest stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum OutboxStatus {
    /// Decided, not yet handed to the mail server (a run stopped midway).
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "sent")]
    Sent,
    /// The server refused it or the connection failed: tried again at the next run.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Never sent, and no longer due: a later step of the same deadline, or the deadline met or
    /// changed, replaced it.
    #[sea_orm(string_value = "superseded")]
    Superseded,
}
code!(OutboxStatus in "outbox.status");

/// `campaign_question.kind`: what answer a question of a campaign takes
/// (`domain::campaign::QuestionKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum QuestionKind {
    #[sea_orm(string_value = "text")]
    Text,
    #[sea_orm(string_value = "yes-no")]
    YesNo,
    #[sea_orm(string_value = "number")]
    Number,
    #[sea_orm(string_value = "date")]
    Date,
}
code!(QuestionKind in "campaign_question.kind");
mirror!(
    QuestionKind = domain::campaign::QuestionKind {
        Text,
        YesNo,
        Number,
        Date
    }
);

/// Every code enum: its Rust name (as SeaORM's error names it), its column, its values.
fn all() -> Vec<(&'static str, &'static str, Vec<String>)> {
    fn one<C: Code>(name: &'static str) -> (&'static str, &'static str, Vec<String>) {
        (name, C::COLUMN, C::codes())
    }
    vec![
        one::<Competence>("Competence"),
        one::<CaseType>("CaseType"),
        one::<Step>("Step"),
        one::<LegalBasis>("LegalBasis"),
        one::<Lang>("Lang"),
        one::<MeetingKind>("MeetingKind"),
        one::<EventKind>("EventKind"),
        one::<ImportSource>("ImportSource"),
        one::<ImportOutcome>("ImportOutcome"),
        one::<HistoryAction>("HistoryAction"),
        one::<MeasureKind>("MeasureKind"),
        one::<CorrespondentRole>("CorrespondentRole"),
        one::<Country>("Country"),
        one::<CountryFilter>("CountryFilter"),
        one::<CelexCountry>("CelexCountry"),
        one::<HistoryTable>("HistoryTable"),
        one::<Role>("Role"),
        one::<OutboxSubject>("OutboxSubject"),
        one::<ProposalStage>("ProposalStage"),
        one::<OutboxStatus>("OutboxStatus"),
        one::<QuestionKind>("QuestionKind"),
    ]
}

/// The error SeaORM gives for a stored value outside a code enum ("unexpected value for Step
/// enum: letter"), as one that names the column, the value and what it should be; `None` for any
/// other error.
pub(crate) fn unreadable(err: &DbErr) -> Option<DataError> {
    let DbErr::Type(message) = err else {
        return None;
    };
    let rest = message.strip_prefix("unexpected value for ")?;
    let (name, found) = rest.split_once(" enum: ")?;
    let (_, column, codes) = all().into_iter().find(|(n, _, _)| *n == name)?;
    Some(DataError::UnreadableCode {
        column,
        found: found.to_owned(),
        expected: codes.join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    /// The stored values are the domain's own codes, so the databases written before the columns
    /// were typed read the same; and every variant converts both ways.
    #[test]
    fn mirrors_store_the_domain_codes() {
        for d in domain::Competence::ALL {
            assert_eq!(Competence::from(d).to_value(), d.code());
            assert_eq!(domain::Competence::from(Competence::from(d)), d);
        }
        for d in domain::CaseType::ALL {
            assert_eq!(CaseType::from(d).to_value(), d.code());
            assert_eq!(domain::CaseType::from(CaseType::from(d)), d);
        }
        for d in domain::Step::ALL {
            assert_eq!(Step::from(d).to_value(), d.code());
            assert_eq!(domain::Step::from(Step::from(d)), d);
        }
        for d in domain::LegalBasis::ALL {
            assert_eq!(LegalBasis::from(d).to_value(), d.code());
            assert_eq!(domain::LegalBasis::from(LegalBasis::from(d)), d);
        }
        for d in domain::Lang::ALL {
            assert_eq!(Lang::from(d).to_value(), d.code());
            assert_eq!(domain::Lang::from(Lang::from(d)), d);
        }
        for d in domain::ProposalStage::ALL {
            assert_eq!(ProposalStage::from(d).to_value(), d.code());
            assert_eq!(domain::ProposalStage::from(ProposalStage::from(d)), d);
        }
        for d in domain::MeasureKind::ALL {
            assert_eq!(MeasureKind::from(d).to_value(), d.code());
            assert_eq!(domain::MeasureKind::from(MeasureKind::from(d)), d);
        }
        for d in domain::Country::ALL {
            assert_eq!(Country::from(d).to_value(), d.name());
            assert_eq!(domain::Country::from(Country::from(d)), d);
            assert_eq!(CelexCountry::from(d).to_value(), d.celex_code());
            assert_eq!(domain::Country::from(CelexCountry::from(d)), d);
            let filter = CountryFilter::from(Some(d));
            assert_eq!(filter.to_value(), d.name());
            assert_eq!(filter.country(), Some(d));
        }
        assert_eq!(CountryFilter::from(None).to_value(), "all");
        assert_eq!(CountryFilter::All.country(), None);
        assert_eq!(Competence::iter().count(), domain::Competence::ALL.len());
        assert_eq!(MeasureKind::iter().count(), domain::MeasureKind::ALL.len());
        assert_eq!(Country::iter().count(), domain::Country::ALL.len());
        assert_eq!(CelexCountry::iter().count(), domain::Country::ALL.len());
        assert_eq!(
            CountryFilter::iter().count(),
            domain::Country::ALL.len() + 1
        );
        assert_eq!(Step::iter().count(), domain::Step::ALL.len());
        for d in domain::campaign::QuestionKind::ALL {
            assert_eq!(QuestionKind::from(d).to_value(), d.code());
            assert_eq!(
                domain::campaign::QuestionKind::from(QuestionKind::from(d)),
                d
            );
        }
        assert_eq!(
            QuestionKind::iter().count(),
            domain::campaign::QuestionKind::ALL.len()
        );
    }

    #[test]
    fn serde_form_and_display_are_the_stored_value() {
        assert_eq!(
            serde_json::to_value(ImportOutcome::DryRun).unwrap(),
            serde_json::json!("dry-run")
        );
        assert_eq!(LegalBasis::Art258And260_3.to_string(), "258+260.3");
        assert_eq!(
            MeetingKind::from_code("eurocoord"),
            Some(MeetingKind::Eurocoord)
        );
        assert_eq!(MeetingKind::from_code("Eurocoord"), None);
    }

    #[test]
    fn a_filter_covers_its_own_member_state_or_all() {
        assert!(CountryFilter::All.covers(Country::Italy));
        assert!(CountryFilter::Belgium.covers(Country::Belgium));
        assert!(!CountryFilter::Belgium.covers(Country::Italy));
    }

    /// The measure kind's message lists its codes, and names `measure.kind` (a table's summary
    /// measure included).
    #[test]
    fn an_unknown_measure_kind_names_its_column_and_the_codes() {
        let err = <MeasureKind as ActiveEnum>::try_from_value(&"arrêté".to_owned()).unwrap_err();
        let named = unreadable(&err).expect("recognised").to_string();
        assert!(named.contains("\"arrêté\" in measure.kind"), "{named}");
        assert!(
            named.contains(
                "ordinance, joint-ordinance, government-decree, ministerial-decree, \
                 cooperation-agreement, circular, other, table"
            ),
            "{named}"
        );
    }

    #[test]
    fn each_enum_has_its_own_column() {
        let all = all();
        let mut columns: Vec<&str> = all.iter().map(|(_, c, _)| *c).collect();
        columns.sort();
        columns.dedup();
        assert_eq!(columns.len(), all.len(), "{columns:?}");
    }

    fn check_unknown<C: Code + std::fmt::Debug>() {
        let err = C::try_from_value(&"zzz".to_owned()).unwrap_err();
        let named = unreadable(&err)
            .unwrap_or_else(|| panic!("{} not recognised: {err}", C::COLUMN))
            .to_string();
        assert!(named.contains(C::COLUMN), "{named}");
    }

    /// SeaORM's own error for a value outside the enum becomes one naming the column.
    #[test]
    fn an_unknown_value_names_its_column() {
        check_unknown::<Competence>();
        check_unknown::<CaseType>();
        check_unknown::<Step>();
        check_unknown::<LegalBasis>();
        check_unknown::<Lang>();
        check_unknown::<MeetingKind>();
        check_unknown::<EventKind>();
        check_unknown::<ImportSource>();
        check_unknown::<ImportOutcome>();
        check_unknown::<HistoryAction>();
        check_unknown::<MeasureKind>();
        check_unknown::<CorrespondentRole>();
        check_unknown::<Country>();
        check_unknown::<CountryFilter>();
        check_unknown::<CelexCountry>();
        check_unknown::<HistoryTable>();

        check_unknown::<Role>();
        check_unknown::<OutboxSubject>();
        check_unknown::<ProposalStage>();
        check_unknown::<OutboxStatus>();
        check_unknown::<QuestionKind>();
        let err = <MeetingKind as ActiveEnum>::try_from_value(&"board".to_owned()).unwrap_err();
        let named = unreadable(&err).expect("recognised").to_string();
        assert!(named.contains("meeting.kind"), "{named}");
        assert!(named.contains("\"board\""), "{named}");
        assert!(
            named.contains("concertation, eurocoord, commission, correspondents"),
            "{named}"
        );
        assert!(unreadable(&DbErr::Type("something else".into())).is_none());
    }
}
