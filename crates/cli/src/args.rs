//! The command line as typed: every command, option and its help text (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "scoreboard", version, about = "Track how EU law is transposed and applied in the Brussels-Capital Region")]
pub struct Cli {
    /// The database: a SQLite file (created on first use) or a postgres:// URL
    #[arg(long, global = true, env = "SCOREBOARD_DATABASE_URL", default_value = "scoreboard.db")]
    pub database_url: String,
    /// Who is making the change, recorded in the history (default: your login name)
    #[arg(long, global = true, env = "SCOREBOARD_USER")]
    pub user: Option<String>,
    /// Language of what is printed: fr or nl (en for English-speaking colleagues)
    #[arg(long, global = true, env = "SCOREBOARD_LANG", default_value = "fr")]
    pub lang: String,
    /// Print JSON for scripts instead of tables
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or bring its schema up to date)
    Init,
    /// Build a demo database from the bundled sample data and show the overview
    Demo(DemoArgs),
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
    /// Who changed what and when, for a directive (CELEX), a case (INFR number) or an authority (code)
    History { key: String },
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
        /// ordonnance, arrêté du Gouvernement, arrêté ministériel, ...
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
    },
    /// The Commission's register of infringement decisions (an export: JSON, XLSX or CSV)
    Register {
        file: PathBuf,
        /// The date of the export (default: the date in the file name, like register-2023-01-11.json)
        #[arg(long)]
        as_of: Option<String>,
        /// The member state to keep (code or name), or "all"
        #[arg(long, default_value = "BE")]
        country: String,
        /// Show what would change, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Write the valid rows even if some are rejected (the rejected ones are kept in the import run)
        #[arg(long)]
        accept_partial: bool,
    },
}
