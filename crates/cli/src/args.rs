//! The command line as typed: every command, option and its help text (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "scoreboard",
    version,
    about = "Track how EU law is transposed and applied in the Brussels-Capital Region"
)]
pub struct Cli {
    #[command(flatten)]
    pub options: Options,
    #[command(subcommand)]
    pub command: Command,
}

/// The options every command takes.
#[derive(Debug, Args)]
pub struct Options {
    /// The database: a SQLite file (created on first use) or a postgres:// URL
    #[arg(
        long,
        global = true,
        env = "SCOREBOARD_DATABASE_URL",
        default_value = "scoreboard.db"
    )]
    pub database_url: String,
    /// Who is making the change, recorded in the history (default: your login name)
    #[arg(long, global = true, env = "SCOREBOARD_USER")]
    pub user: Option<String>,
    /// Language of what is printed: fr or nl (en for English-speaking colleagues); `both` writes
    /// a report (annual, impact, campaign, notification, reply) in French and Dutch
    #[arg(long, global = true, env = "SCOREBOARD_LANG", default_value = "fr")]
    pub lang: String,
    /// Print JSON for scripts instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    /// Seconds to wait for a connection (to a PostgreSQL server, to the EU services) before giving up
    #[arg(
        long,
        global = true,
        env = "SCOREBOARD_CONNECT_TIMEOUT",
        default_value_t = 5.0,
        value_name = "SECONDS"
    )]
    pub connect_timeout: f64,
    /// Seconds a command waits for another one writing to the same SQLite file to finish
    #[arg(
        long,
        global = true,
        env = "SCOREBOARD_BUSY_TIMEOUT",
        default_value_t = 120,
        value_name = "SECONDS"
    )]
    pub busy_timeout: u64,
    /// Raise (or lower) what an imported file may hold, e.g. --limit cell-chars=50000 (names:
    /// input-bytes, xlsx-unpacked-bytes, sheet-cells, cell-chars, html-depth, json-depth, rows)
    #[arg(
        long = "limit",
        global = true,
        env = "SCOREBOARD_LIMITS",
        value_delimiter = ',',
        value_name = "NAME=VALUE"
    )]
    pub limits: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or bring its schema up to date)
    Init,
    /// Build a demo database from the bundled sample data and show the overview
    Demo(DemoArgs),
    #[command(flatten)]
    Data(Box<DataCmd>),
}

/// The commands that read or write the tracked data, in the database of `--database-url`.
#[derive(Debug, Subcommand)]
pub enum DataCmd {
    /// Regional administrations and public bodies
    #[command(subcommand)]
    Authority(AuthorityCmd),
    /// Directives the Region follows
    #[command(subcommand)]
    Directive(DirectiveCmd),
    /// Regional measures that transpose directives
    #[command(subcommand)]
    Measure(MeasureCmd),
    /// Infringement procedures
    #[command(subcommand)]
    Case(CaseCmd),
    /// One-screen overview: overdue, due within 60 days, open procedures and their next reply deadline
    Status(AsOf),
    /// Import a source file
    #[command(subcommand)]
    Import(ImportCmd),
    /// Write the tables for people (Excel), in --lang
    #[command(subcommand)]
    Export(ExportCmd),
    /// Meetings the unit prepares tables for
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// Reports: the meeting scoreboard (XLSX + HTML)
    #[command(subcommand)]
    Report(ReportCmd),
    /// Transposition and reply deadlines in date order, overdue first (exit code 1 if any is overdue)
    Deadlines(DeadlinesArgs),
    /// The Single Market Scoreboard indicators for the Region
    Indicators {
        #[command(flatten)]
        as_of: AsOf,
        /// Also forecast them at the Commission's next cut-offs (June and December) from the planned dates
        #[arg(long)]
        forecast: bool,
    },
    /// EU Pilot cases
    #[command(subcommand)]
    Pilot(PilotCmd),
    /// Who changed what and when, for a directive (CELEX), a case (INFR number) or an authority (code)
    History { key: String },
    /// Fetch from the public sources (EUR-Lex / CELLAR, the Commission's register)
    #[command(subcommand)]
    Sync(SyncCmd),
    /// People of the web application: the unit, the administrations' coordinators, readers
    #[command(subcommand)]
    User(UserCmd),
    /// Personal API tokens (`Authorization: Bearer TOKEN`)
    #[command(subcommand)]
    Token(TokenCmd),
    /// An administration's private calendar address (the web application serves it)
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Run the web application on this database
    Serve(ServeArgs),
    /// The people each administration wants told by e-mail (`notify`)
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Commission proposals for directives followed before adoption
    #[command(subcommand)]
    Proposal(ProposalCmd),
    /// The administrations' ex-ante impact notes on a proposal
    #[command(subcommand)]
    Impact(ImpactCmd),
    /// Tell the administrations by e-mail: new directives, coming deadlines, expected replies
    /// (run it daily; exit code 1 if a message failed, 2 if the mail server cannot be reached)
    Notify(NotifyArgs),
    /// Contribution campaigns: questions to administrations by a due date, their answers by XLSX
    #[command(subcommand)]
    Campaign(CampaignCmd),
    /// The Region's correlation tables: each provision of a directive and the regional
    /// provision(s) that transpose it (read the provisions first: directive articles)
    #[command(subcommand)]
    Correlation(CorrelationCmd),
}

#[derive(Debug, Subcommand)]
pub enum CorrelationCmd {
    /// Write the directive's correlation table as a workbook for the administration to fill, in
    /// --lang
    Export {
        directive: String,
        /// The workbook to write (.xlsx)
        file: PathBuf,
    },
    /// Read a filled table back: every line recorded, or none if one has a problem (exit code 2)
    Import { file: PathBuf },
    /// The table as recorded, with its coverage
    Show { directive: String },
}

#[derive(Debug, Subcommand)]
pub enum CampaignCmd {
    /// Create a campaign: its name ("SIEG 2022"), due date, administrations and questions file
    /// (TOML: title_fr, title_nl and [[question]] tables with key, fr, nl and kind: text, yes-no,
    /// number or date)
    New {
        name: String,
        /// The date the answers are due (30/09/2022 or 2022-09-30)
        #[arg(long)]
        due: String,
        /// An administration to ask (code or name); repeat for several
        #[arg(long = "authority", required = true, num_args = 1..)]
        authorities: Vec<String>,
        /// The questions file
        #[arg(long)]
        questions: PathBuf,
    },
    /// The campaigns
    List,
    /// A campaign's questions, administrations and answers
    Show { name: String },
    /// Who has answered what, and who is late (exit code 1 if an administration is late)
    Status {
        name: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// One XLSX form per administration to fill in (its answers so far filled in)
    Export {
        name: String,
        /// Where to write the forms
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Only this administration's form
        #[arg(long)]
        authority: Option<String>,
    },
    /// Read a filled-in form back: all its answers or, at the first problem, none (exit code 2)
    Import { file: PathBuf },
}

/// A proposal's fields, for `proposal add` and `proposal set`.
#[derive(Debug, Args, Default)]
pub struct ProposalFields {
    #[arg(long)]
    pub title_fr: Option<String>,
    #[arg(long)]
    pub title_nl: Option<String>,
    #[arg(long)]
    pub title_en: Option<String>,
    /// The interinstitutional procedure: 2021/0218(COD)
    #[arg(long)]
    pub procedure: Option<String>,
    /// The lead administration (code or name)
    #[arg(long)]
    pub lead: Option<String>,
    /// An associated administration (repeat for several)
    #[arg(long)]
    pub associated: Vec<String>,
    /// exclusive, shared, not-concerned or to-be-determined
    #[arg(long)]
    pub competence: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProposalCmd {
    /// Follow a proposal: "COM(2021) 557", COM/2021/557 or 52021PC0557
    Add {
        com: String,
        #[command(flatten)]
        fields: ProposalFields,
        /// The date of the Commission's proposal
        #[arg(long)]
        proposed: Option<String>,
    },
    /// The proposals followed, with their stage
    List,
    /// One proposal: stages, administrations, impact notes, the directive it became
    Show { com: String },
    /// Change a proposal, record a stage of the negotiation (--stage STAGE --on DATE)
    Set {
        com: String,
        #[command(flatten)]
        fields: ProposalFields,
        /// commission-proposal, council-general-approach, parliament-position,
        /// provisional-agreement, adopted or withdrawn (or their French, Dutch or English names)
        #[arg(long)]
        stage: Option<String>,
        /// The date the stage was reached
        #[arg(long, requires = "stage")]
        on: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// Flag the proposal at risk, with the reason
        #[arg(long)]
        risk: Option<String>,
        #[arg(long)]
        no_risk: bool,
    },
    /// The proposal became a directive: track it with the proposal's administrations
    Adopt {
        com: String,
        /// The directive: 2023/2413, 32023L2413...
        #[arg(long)]
        directive: String,
        /// A transposition deadline (repeat for several)
        #[arg(long = "deadline")]
        deadlines: Vec<String>,
        /// The date the directive was adopted
        #[arg(long)]
        adopted: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImpactCmd {
    /// Start an administration's impact note on a proposal
    New {
        com: String,
        #[arg(long)]
        authority: String,
    },
    /// Write one field: competences, regional-rules, effort, budget, burden, stakeholders,
    /// risks, position or summary (an empty value clears it)
    Set {
        com: String,
        /// Whose note (needed when the proposal has several)
        #[arg(long)]
        authority: Option<String>,
        #[arg(long)]
        field: String,
        #[arg(long)]
        value: String,
    },
    /// The impact notes of a proposal
    Show { com: String },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a person to tell: AUTHORITY (code or name) and an e-mail address
    Add {
        authority: String,
        email: String,
        /// The person's name, used to greet them
        #[arg(long)]
        name: Option<String>,
        /// The language of their messages, fr or nl (default: --lang)
        #[arg(long = "contact-lang", value_name = "fr|nl")]
        contact_lang: Option<String>,
    },
    /// The contacts, and the users of the web application who are told too
    List {
        /// Only this administration's
        #[arg(long)]
        authority: Option<String>,
    },
    /// Stop telling a person (the history keeps what the contact was)
    Remove { authority: String, email: String },
}

#[derive(Debug, Args)]
pub struct NotifyArgs {
    #[command(flatten)]
    pub as_of: AsOf,
    /// List what would be sent, send nothing and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The mail relay: smtp://host:port (no encryption), smtp://host:587?tls=required
    /// (STARTTLS), smtps://host:465 (TLS); user and password from SCOREBOARD_SMTP_USER and
    /// SCOREBOARD_SMTP_PASSWORD
    #[arg(long, env = "SCOREBOARD_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The sender's address (From:)
    #[arg(long, env = "SCOREBOARD_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// The unit's own address: it gets what has no administration yet
    #[arg(long, env = "SCOREBOARD_UNIT_ADDRESS", value_name = "ADDRESS")]
    pub unit_address: Option<String>,
    /// Seconds to wait for the mail server's answers
    #[arg(
        long,
        env = "SCOREBOARD_SMTP_TIMEOUT",
        default_value_t = 30.0,
        value_name = "SECONDS"
    )]
    pub smtp_timeout: f64,
}

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Add a user (then `user passwd LOGIN` gives a password)
    Add {
        login: String,
        /// unit (reads and edits everything), coordinator (edits its administrations' records),
        /// reader (reads)
        #[arg(long)]
        role: String,
        /// An administration the user answers for (code, name or alias); repeat for several
        #[arg(long = "authority")]
        authorities: Vec<String>,
        #[arg(long)]
        email: Option<String>,
        /// The language of the pages: fr or nl
        #[arg(long = "user-lang", default_value = "fr")]
        user_lang: String,
    },
    /// Every user, with role, administrations and state
    List,
    /// Stop a user signing in or using its tokens (its sessions end)
    Disable { login: String },
    /// Let a disabled user in again
    Enable { login: String },
    /// Set a user's password, read from standard input (one line)
    Passwd { login: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// Make a personal API token: printed once, alone on the last line (only its digest is kept)
    Add {
        login: String,
        /// What the token is for (shown by `token list`)
        #[arg(long)]
        label: Option<String>,
    },
    /// A user's tokens (never the tokens themselves)
    List { login: String },
    /// Revoke a user's tokens: all of them, or the one numbered --id
    Revoke {
        login: String,
        #[arg(long)]
        id: Option<i32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// Make a new private calendar address for an administration (the previous one stops
    /// working); printed once, alone on the last line
    Address {
        authority: String,
        /// The address the web application is reached at
        #[arg(
            long,
            env = "SCOREBOARD_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The address people reach the application at, behind the reverse proxy
    /// (https://scoreboard.example.brussels): calendar addresses and the cross-site check use it
    #[arg(long, env = "SCOREBOARD_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Cookies without `Secure`, for plain HTTP on one's own machine (never behind a proxy)
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Take the client's address from X-Forwarded-For (set by the reverse proxy)
    #[arg(long)]
    pub behind_proxy: bool,
    /// Hours a session lasts
    #[arg(long, default_value_t = 8)]
    pub session_hours: u64,
    /// Database connections kept open
    #[arg(long, default_value_t = 8)]
    pub connections: u32,
    /// Compute statuses and deadlines at this date instead of today (demonstrations)
    #[arg(long)]
    pub as_of: Option<String>,
    /// Cheap password hashing: for tests and benchmarks only, never for real accounts
    #[arg(long, hide = true)]
    pub cheap_passwords: bool,
    /// Offer sign-in with the organisation account: the identity provider's OpenID Connect
    /// issuer (e.g. https://login.microsoftonline.com/TENANT-ID/v2.0). Needs --public-url, the
    /// client id, and the client secret in SCOREBOARD_OIDC_CLIENT_SECRET (never on the command
    /// line, where every user of the machine sees it)
    #[cfg(feature = "oidc")]
    #[arg(long, env = "SCOREBOARD_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// The client id the identity provider gave the application
    #[cfg(feature = "oidc")]
    #[arg(long, env = "SCOREBOARD_OIDC_CLIENT_ID", requires = "oidc_issuer")]
    pub oidc_client_id: Option<String>,
}

#[derive(Debug, Args)]
pub struct AsOf {
    /// The date to judge at (30/09/2021 or 2021-09-30); default today
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the demo database and outputs
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// The date of the overview; default the date of the bundled register export (11/01/2023)
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuthorityCmd {
    /// List the authorities
    List,
    /// Add an authority
    Add {
        /// Short code, e.g. BE for Bruxelles Environnement / Leefmilieu Brussel
        code: String,
        /// Name in French
        #[arg(long)]
        fr: String,
        /// Name in Dutch
        #[arg(long)]
        nl: String,
    },
    /// Add other names an authority goes by (acronyms, former or English names), so tables that
    /// use them are read
    Set {
        /// The authority's code, e.g. BE
        code: String,
        /// Another name, e.g. --alias IBGE (repeat for several)
        #[arg(long = "alias", required = true)]
        aliases: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DirectiveCmd {
    /// List the tracked directives with their status
    List {
        #[command(flatten)]
        as_of: AsOf,
        /// Only the directives of this authority (lead or associated)
        #[arg(long)]
        authority: Option<String>,
    },
    /// Show one directive: deadlines, measures, status, history
    Show {
        /// CELEX or citation, e.g. 32019L1024 or "Directive (EU) 2019/1024"
        directive: String,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// The directives adopted on or after a date, with their lead authority or "to be designated"
    New {
        /// The first adoption date to list (30/09/2021 or 2021-09-30)
        #[arg(long)]
        since: String,
    },
    /// Read the directive's provisions (articles, numbered paragraphs, annexes) from its text: a
    /// saved EUR-Lex page (--from), else CELLAR's XHTML text in --lang
    Articles {
        directive: String,
        /// A saved EUR-Lex page of the directive's text (the TXT or ALL view), or CELLAR's XHTML
        #[arg(long)]
        from: Option<PathBuf>,
        /// CELLAR's address for a text by its CELEX number (`/{CELEX}` is added)
        #[arg(long, env = "SCOREBOARD_CELLAR_URL", default_value = CELLAR_URL)]
        cellar: String,
        #[command(flatten)]
        net: NetArgs,
    },
    /// Start tracking a directive
    Add {
        directive: String,
        #[command(flatten)]
        fields: DirectiveFields,
    },
    /// Change what is known about a directive
    Set {
        directive: String,
        #[command(flatten)]
        fields: DirectiveFields,
        /// Remove this transposition deadline (a correction; kept in the history)
        #[arg(long = "remove-deadline")]
        remove_deadline: Vec<String>,
        /// Clear the lead authority
        #[arg(long)]
        no_lead: bool,
        /// Clear the risk flag
        #[arg(long)]
        no_risk: bool,
        /// Refuse the change unless the directive is still at this version (as shown by `directive show`)
        #[arg(long)]
        if_version: Option<i32>,
    },
}

#[derive(Debug, Args, Default)]
pub struct DirectiveFields {
    /// A transposition deadline (repeat for several)
    #[arg(long = "deadline")]
    pub deadlines: Vec<String>,
    #[arg(long)]
    pub title_fr: Option<String>,
    #[arg(long)]
    pub title_nl: Option<String>,
    #[arg(long)]
    pub title_en: Option<String>,
    /// Date the directive was adopted
    #[arg(long)]
    pub adopted: Option<String>,
    /// Whether the directive is in force: yes or no
    #[arg(long)]
    pub in_force: Option<String>,
    /// exclusive, shared, not-concerned or to-be-determined
    #[arg(long)]
    pub competence: Option<String>,
    /// The lead authority (code or name)
    #[arg(long)]
    pub lead: Option<String>,
    /// An associated authority (repeat for several)
    #[arg(long = "associated")]
    pub associated: Vec<String>,
    /// Planned completion date: a date, or approximate like "T2 2021", "fin 2021", "07.2021"
    #[arg(long)]
    pub planned: Option<String>,
    /// Flag the directive at risk of being late, with the reason
    #[arg(long)]
    pub risk: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MeasureCmd {
    /// Record a regional measure transposing (part of) a directive
    Add {
        directive: String,
        /// The kind of act: ordinance, joint-ordinance, government-decree, ministerial-decree,
        /// cooperation-agreement, circular, other or table, or its name in French, Dutch or
        /// English ("arrêté du Gouvernement", "ordonnantie", "AGRBC")
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title_fr: Option<String>,
        #[arg(long)]
        title_nl: Option<String>,
        #[arg(long)]
        adopted: Option<String>,
        /// Date of publication in the Moniteur belge / Belgisch Staatsblad
        #[arg(long)]
        published: Option<String>,
        #[arg(long)]
        in_force: Option<String>,
        /// Date it was notified to the Commission
        #[arg(long)]
        notified: Option<String>,
        /// This measure completes the transposition
        #[arg(long)]
        complete: bool,
        /// Its sector-7 CELEX once the Commission lists it (72019L1024BEL_...)
        #[arg(long)]
        celex: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCmd {
    /// List infringement cases
    List {
        /// Only the cases still active
        #[arg(long)]
        active: bool,
        #[command(flatten)]
        as_of: AsOf,
    },
    /// Show a case's whole history
    Show {
        /// INFR(2020)0385, 2020/0385 or 20200385
        number: String,
    },
    /// Record the unit's follow-up of a case (never overwritten by an import)
    Set {
        number: String,
        /// Whether Brussels is concerned: yes or no
        #[arg(long)]
        brussels: Option<String>,
        /// The authority leading the reply (code or name)
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Record the Region's reply to a letter or opinion, or move its deadline
    Reply {
        number: String,
        /// The date of the letter or opinion replied to
        #[arg(long)]
        decision: String,
        /// The date the reply was sent
        #[arg(long)]
        sent: Option<String>,
        /// The date it was entered in the Commission's system
        #[arg(long)]
        entered: Option<String>,
        /// A new reply deadline (an extension granted by the Commission)
        #[arg(long)]
        deadline: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// The two tracking tables (directives, infringements) in the tool's own layout, which
    /// `import tables` reads back
    Tables {
        file: PathBuf,
        /// The date the statuses are judged at (default today)
        #[command(flatten)]
        as_of: AsOf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Saved EUR-Lex / CELLAR data: SPARQL JSON results (directives or measures) or EUR-Lex pages
    /// (the ALL view of a directive, the national-transposition tab); merged as `sync eurlex` does
    Eurlex {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write EUR-Lex's value where it differs from the database's (kept in the history)
        #[arg(long)]
        accept: bool,
    },
    /// The unit's tracking tables (an Excel workbook with a directives table and/or an
    /// infringements table, headers in French, Dutch or English)
    Tables {
        file: PathBuf,
        /// Show what would change, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Write the valid rows even if some are rejected (the rejected ones are kept in the import run)
        #[arg(long)]
        accept_partial: bool,
        /// Read a column the tool does not recognise as a field, for this import:
        /// --column "Échéance UE=deadlines" (or "=ignore" to leave it aside without a warning); repeatable
        #[arg(long = "column", value_name = "HEADER=FIELD")]
        columns_map: Vec<String>,
        /// Print how each column of the file is understood (field or left aside, with sample values), write nothing
        #[arg(long = "columns")]
        show_columns: bool,
    },
    /// The Commission's register of infringement decisions (an export: JSON, XLSX or CSV)
    Register(RegisterArgs),
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    pub file: PathBuf,
    /// The date of the export (default: the date in the file name, like register-2023-01-11.json)
    #[arg(long)]
    pub as_of: Option<String>,
    /// The member state to keep (code or name), or "all"
    #[arg(long, default_value = "BE")]
    pub country: String,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write the valid rows even if some are rejected (the rejected ones are kept in the import run)
    #[arg(long)]
    pub accept_partial: bool,
    /// Accept an export that closes more than 10 % of the cases the previous export listed
    /// (without it, such an export is taken for a cut or filtered file and nothing is written)
    #[arg(long)]
    pub accept_closures: bool,
}

#[derive(Debug, Subcommand)]
pub enum MeetingCmd {
    /// Record a meeting
    Add {
        /// concertation, eurocoord, commission or correspondents
        #[arg(long)]
        kind: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        notes: Option<String>,
    },
    /// List the meetings (their number is what `report scoreboard --meeting` takes)
    List,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// The annual report to the Brussels Parliament for year Y (1 October Y-1 to 30 September Y):
    /// an editable DOCX and the same report as HTML, per language (`--lang both` for French and Dutch)
    Annual {
        /// The report year: 2021 covers 1 October 2020 to 30 September 2021
        #[arg(long)]
        year: i32,
        /// Where to write the files
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// An HTML template to use instead of the embedded one (templates/annual.html is the model)
        #[arg(long)]
        template: Option<PathBuf>,
    },
    /// The meeting scoreboard: an XLSX workbook and an HTML page with the same content, in --lang
    Scoreboard(ScoreboardArgs),
    /// A proposal's ex-ante impact assessment: an editable DOCX and an HTML page per language
    /// (`--lang both` for French and Dutch), with every administration's note
    Impact {
        com: String,
        /// Where to write the files
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// A contribution campaign's answers compiled, question by question, as an editable DOCX per
    /// language (`--lang both` for French and Dutch)
    Campaign {
        name: String,
        #[command(flatten)]
        as_of: AsOf,
        /// Where to write the files
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// A directive's notification dossier for the federal coordination: an editable DOCX (the
    /// directive, the regional measures, complete or partial, the contact) and the correlation
    /// table as XLSX, per language (`--lang both` for French and Dutch)
    Notification {
        /// 2019/1024, 32019L1024, "Directive (EU) 2019/1024"
        directive: String,
        /// Where to write the files
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// The unit's own sentences: a copy of the [notification] table of locales/fr.toml (or
        /// nl.toml, en.toml: the language of --lang), every key kept
        #[arg(long)]
        words: Option<PathBuf>,
    },
    /// A draft of the Region's contribution to Belgium's reply to an infringement decision or an
    /// EU Pilot request, as an editable DOCX per language (`--lang both` for French and Dutch)
    Reply {
        /// INFR(2020)0385 or EUP(2021)9876
        case: String,
        /// The date of the decision answered (default: the latest with a reply deadline)
        #[arg(long)]
        decision: Option<String>,
        #[command(flatten)]
        as_of: AsOf,
        /// Where to write the files
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// The unit's own sentences: a copy of the [reply] table of locales/fr.toml (or nl.toml,
        /// en.toml: the language of --lang), every key kept
        #[arg(long)]
        words: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ScoreboardArgs {
    #[command(flatten)]
    pub as_of: AsOf,
    /// The meeting this pack is for (see `meeting list`): the pack is kept, and the changes
    /// since the previous meeting's pack are shown
    #[arg(long)]
    pub meeting: Option<i32>,
    /// Where to write the files
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// An HTML template to use instead of the embedded one (templates/scoreboard.fr.html is the model)
    #[arg(long)]
    pub template: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    #[command(flatten)]
    pub as_of: AsOf,
    /// Only what falls due within this many days (e.g. 60d or 60); overdue ones are always listed
    #[arg(long)]
    pub within: Option<String>,
    /// Only the deadlines of this authority (code or name)
    #[arg(long)]
    pub authority: Option<String>,
    /// Also write them as an iCalendar file a person can subscribe to
    #[arg(long)]
    pub ics: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum PilotCmd {
    /// Record an EU Pilot case, or change what is known of it
    Set {
        /// EUP(2021)9876
        number: String,
        #[arg(long)]
        subject: Option<String>,
        /// Date the request was received (the reply is due 10 weeks later unless --deadline says otherwise)
        #[arg(long)]
        received: Option<String>,
        #[arg(long)]
        deadline: Option<String>,
        #[arg(long)]
        sent: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        lead: Option<String>,
    },
    /// List the EU Pilot cases
    List,
}

#[derive(Debug, Subcommand)]
pub enum SyncCmd {
    /// Directives (titles FR/NL/EN, date, deadlines, entry into force, ELI) and the Belgian measures
    /// the Commission lists for them, from the CELLAR SPARQL endpoint behind EUR-Lex
    Eurlex(SyncEurlex),
    /// The Commission's register of infringement decisions, from its JSON search service
    Register(SyncRegister),
}

#[derive(Debug, Args)]
pub struct SyncEurlex {
    /// A directive to fetch (repeat for several); added if it is not tracked yet
    #[arg(long = "celex")]
    pub celex: Vec<String>,
    /// Every directive in the database
    #[arg(long)]
    pub tracked: bool,
    /// Also list (and start tracking) the directives adopted since this date
    #[arg(long)]
    pub published_since: Option<String>,
    /// Write EUR-Lex's value where it differs from the database's (kept in the history)
    #[arg(long)]
    pub accept: bool,
    /// Proposals for directives instead: those published since --published-since, and the
    /// directive each proposal followed became (it is then adopted into it)
    #[arg(long)]
    pub proposals: bool,
    /// The SPARQL endpoint
    #[arg(
        long,
        env = "SCOREBOARD_SPARQL_URL",
        default_value = "https://publications.europa.eu/webapi/rdf/sparql"
    )]
    pub endpoint: String,
    #[command(flatten)]
    pub net: NetArgs,
}

/// CELLAR's address for a work by its CELEX number, as public code fetches a directive's text
/// from it (`commands/correlation.rs` cites them).
pub const CELLAR_URL: &str = "http://publications.europa.eu/resource/celex";

/// The base address of the Commission's infringement decisions search service, as public code
/// that syncs it uses it (`../shared/design/SERVICES.md`).
pub const REGISTER_URL: &str =
    "https://ec.europa.eu/implementing-eu-law/search-infringement-decisions/api";

#[derive(Debug, Args)]
pub struct SyncRegister {
    /// Only the decisions taken since this date (a partial read: no snapshot, so no case is
    /// marked closed); without it, every decision of the register
    #[arg(long)]
    pub since: Option<String>,
    /// The base address of the register's search service (`/decisions` is added)
    #[arg(long, env = "SCOREBOARD_REGISTER_URL", default_value = REGISTER_URL)]
    pub endpoint: String,
    /// Decisions asked for per answer; a date window holding more is split (years, months, days)
    #[arg(long, default_value_t = 5000)]
    pub page_size: usize,
    /// The member state to keep (code or name), or "all"
    #[arg(long, default_value = "BE")]
    pub country: String,
    /// Accept a read that closes more than 10 % of the cases the previous one listed
    #[arg(long)]
    pub accept_closures: bool,
    #[command(flatten)]
    pub net: NetArgs,
}

/// How `sync` uses the network.
#[derive(Debug, Args)]
pub struct NetArgs {
    /// Use the answers kept in the cache only (no network)
    #[arg(long)]
    pub offline: bool,
    /// Where every answer is kept (default: `cache` beside the SQLite database, else ./cache)
    #[arg(long)]
    pub cache: Option<PathBuf>,
    /// Seconds a whole request may take
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Who to contact about the requests (an e-mail address), sent in the User-Agent
    #[arg(long, env = "SCOREBOARD_CONTACT")]
    pub contact: Option<String>,
    /// Milliseconds between two requests (never under 500 for a remote service)
    #[arg(long, hide = true, default_value_t = 500)]
    pub min_interval_ms: u64,
    /// Milliseconds before the second try, doubled before the third
    #[arg(long, hide = true, default_value_t = 1000)]
    pub retry_wait_ms: u64,
}
