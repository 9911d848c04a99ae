//! Runs a command on the database: opens it, builds the actor, and hands over to the command's
//! module. Every write of a command happens in one transaction.

pub mod annual;
mod authority;
mod campaign;
pub mod case;
pub mod correlation;
pub mod directive;
mod dossier;
mod import;
pub mod meetings;
mod notify;
mod proposals;
pub mod status;
pub mod sync;
mod sync_proposals;
mod sync_register;
mod tables;
mod users;

use std::io::Write;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use data::{Actor, Db};
use domain::Lang;

use crate::args::{DataCmd, ExportCmd, ImportCmd, Options, ReportCmd};

/// What every command needs: the database, who acts, the language and the output form.
pub struct Ctx<'a> {
    pub db: Db,
    pub actor: Actor,
    pub lang: Lang,
    pub json: bool,
    /// How long to wait for a connection (`--connect-timeout`).
    pub connect_timeout: std::time::Duration,
    /// What an input may hold before it is refused (`--limit NAME=VALUE`).
    pub limits: importer::Limits,
    pub out: &'a mut dyn Write,
}

impl Ctx<'_> {
    pub fn print(&mut self, text: &str) -> anyhow::Result<()> {
        self.out
            .write_all(text.as_bytes())
            .context("cannot write the output")
    }

    pub fn print_json<T: serde::Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.print(&(text + "\n"))
    }

    pub fn date(&self, d: NaiveDate) -> String {
        self.lang.format_date_short(d)
    }

    pub fn opt_date(&self, d: Option<NaiveDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }
}

pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Today in Brussels, the calendar every deadline is counted in.
pub fn today() -> NaiveDate {
    domain::brussels_date(Utc::now())
}

pub fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    Ok(domain::parse_date(text)?)
}

/// A number of seconds given to an option (`--timeout`, `--connect-timeout`).
pub fn seconds(value: f64, option: &str) -> anyhow::Result<std::time::Duration> {
    if !(value.is_finite() && value > 0.0 && value < 86_400.0) {
        anyhow::bail!("--{option} {value}: expected a number of seconds above 0, like 30 or 0.5");
    }
    Ok(std::time::Duration::from_secs_f64(value))
}

pub fn as_of(text: &Option<String>) -> anyhow::Result<NaiveDate> {
    match text {
        Some(t) => parse_date(t).context("--as-of"),
        None => Ok(today()),
    }
}

/// Opens (creating and migrating if need be) the database, with the Region's administrations in it.
pub async fn open(database: &str) -> anyhow::Result<Db> {
    open_with(database, &data::ConnectSettings::default()).await
}

/// [`open`] with the timeouts of the command line.
pub async fn open_with(database: &str, settings: &data::ConnectSettings) -> anyhow::Result<Db> {
    let db = data::connect_with(database, settings)
        .await
        .with_context(|| format!("cannot open the database {}", redact(database)))?;
    let seeder = Actor::new("scoreboard (vocabulary/authorities.toml)", Utc::now());
    data::seed::region_authorities_into(&db, &seeder)
        .await
        .with_context(|| {
            format!(
                "cannot add the Region's administrations to {}",
                redact(database)
            )
        })?;
    Ok(db)
}

/// A database URL as it can be printed: without its password.
fn redact(database: &str) -> String {
    if let Ok(mut url) = url::Url::parse(database)
        && url.password().is_some()
        && url.set_password(Some("***")).is_ok()
    {
        return url.into();
    }
    database.to_owned()
}

/// The importers' limits with the user's `--limit NAME=VALUE` applied.
pub fn limits(given: &[String]) -> anyhow::Result<importer::Limits> {
    let mut limits = importer::Limits::default();
    for text in given {
        let (name, value) = text.split_once('=').with_context(|| {
            format!(
                "--limit {text}: expected NAME=VALUE, NAME one of {}",
                importer::Limits::NAMES.join(", ")
            )
        })?;
        limits
            .set(name.trim(), value)
            .map_err(|e| anyhow::anyhow!("--limit {text}: {e}"))?;
    }
    Ok(limits)
}

/// `--lang`: a language, or `both` (French and Dutch), which the reports (`report annual`, `impact`,
/// `campaign`, `notification`, `reply`) read as both;
/// elsewhere it is French.
#[derive(Debug, Clone, Copy)]
pub struct LangOption {
    pub lang: Lang,
    pub both: bool,
}

impl LangOption {
    pub fn parse(text: &str) -> anyhow::Result<LangOption> {
        let both = text.eq_ignore_ascii_case("both");
        let lang = if both {
            Lang::Fr
        } else {
            text.parse().map_err(|_| {
                anyhow::anyhow!(
                    "--lang {text}: expected fr, nl, en (or both, for a report in French and Dutch)"
                )
            })?
        };
        Ok(LangOption { lang, both })
    }
}

/// Opens the database of `--database-url` and gathers what every command needs.
async fn context<'a>(
    options: &Options,
    lang: Lang,
    out: &'a mut dyn Write,
    connections: u32,
) -> anyhow::Result<Ctx<'a>> {
    let connect_timeout = seconds(options.connect_timeout, "connect-timeout")?;
    let settings = data::ConnectSettings {
        connect_timeout,
        busy_timeout: std::time::Duration::from_secs(options.busy_timeout),
        max_connections: connections,
    };
    let db = open_with(&options.database_url, &settings).await?;
    let actor = Actor::new(options.user.clone().unwrap_or_else(login_name), Utc::now());
    Ok(Ctx {
        db,
        actor,
        lang,
        json: options.json,
        connect_timeout,
        limits: limits(&options.limits)?,
        out,
    })
}

/// `init`: the database opened (created, migrated, seeded), and said so.
pub async fn init(options: &Options, lang: Lang, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut ctx = context(options, lang, out, 1).await?;
    let text = format!("database ready: {}\n", redact(&options.database_url));
    ctx.print(&text)?;
    close(ctx.db, Ok(crate::EXIT_OK)).await
}

/// Runs a command on the database of `--database-url`, then closes it.
pub async fn dispatch(
    options: &Options,
    lang: LangOption,
    command: DataCmd,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    // The web server answers many requests at once; a command runs one statement at a time.
    let connections = match &command {
        DataCmd::Serve(a) => a.connections.max(1),
        _ => 1,
    };
    let mut ctx = context(options, lang.lang, out, connections).await?;
    let result = match command {
        DataCmd::Authority(cmd) => authority::run(&mut ctx, cmd).await,
        DataCmd::Directive(cmd) => directive::run(&mut ctx, cmd, &options.database_url).await,
        DataCmd::Correlation(cmd) => correlation::run(&mut ctx, cmd).await,
        DataCmd::Measure(cmd) => directive::measure(&mut ctx, cmd).await,
        DataCmd::Case(cmd) => case::run(&mut ctx, cmd).await,
        DataCmd::Status(a) => {
            let as_of = as_of(&a.as_of)?;
            status::run(&mut ctx, as_of).await
        }
        DataCmd::Import(ImportCmd::Tables {
            file,
            dry_run,
            accept_partial,
            columns_map,
            show_columns,
        }) => {
            let options = tables::ImportOptions {
                dry_run,
                accept_partial,
                columns: columns_map,
                show_columns,
            };
            tables::import(&mut ctx, &file, &options).await
        }
        DataCmd::Import(ImportCmd::Eurlex { files, accept }) => {
            sync::import_eurlex(&mut ctx, &files, accept).await
        }
        DataCmd::Import(ImportCmd::Register(args)) => import::run(&mut ctx, args).await,
        DataCmd::Export(ExportCmd::Tables { file, as_of: a }) => {
            let date = as_of(&a.as_of)?;
            tables::export(&mut ctx, &file, date).await
        }
        DataCmd::Meeting(cmd) => meetings::meeting(&mut ctx, cmd).await,
        DataCmd::Report(ReportCmd::Annual {
            year,
            out,
            template,
        }) => {
            let langs = if lang.both {
                vec![Lang::Fr, Lang::Nl]
            } else {
                vec![ctx.lang]
            };
            annual::run(&mut ctx, year, &langs, &out, template.as_deref()).await
        }
        DataCmd::Report(ReportCmd::Scoreboard(args)) => meetings::report(&mut ctx, args).await,
        DataCmd::Report(ReportCmd::Impact { com, out }) => {
            let langs = if lang.both {
                vec![Lang::Fr, Lang::Nl]
            } else {
                vec![ctx.lang]
            };
            proposals::report(&mut ctx, &com, &langs, &out).await
        }
        DataCmd::Proposal(cmd) => proposals::proposal(&mut ctx, cmd).await,
        DataCmd::Impact(cmd) => proposals::impact(&mut ctx, cmd).await,
        DataCmd::Deadlines(a) => meetings::deadlines(&mut ctx, a).await,
        DataCmd::Indicators { as_of: a, forecast } => {
            let date = as_of(&a.as_of)?;
            meetings::indicators(&mut ctx, date, forecast).await
        }
        DataCmd::Pilot(cmd) => meetings::pilot(&mut ctx, cmd).await,
        DataCmd::History { key } => directive::history(&mut ctx, &key).await,
        DataCmd::Sync(cmd) => sync::run(&mut ctx, cmd, &options.database_url).await,
        DataCmd::User(cmd) => users::user(&mut ctx, cmd).await,
        DataCmd::Token(cmd) => users::token(&mut ctx, cmd).await,
        DataCmd::Calendar(cmd) => users::calendar(&mut ctx, cmd).await,
        DataCmd::Serve(args) => users::serve(&mut ctx, args).await,
        DataCmd::Contact(cmd) => notify::contact(&mut ctx, cmd).await,
        DataCmd::Notify(args) => notify::notify(&mut ctx, args).await,
        DataCmd::Campaign(cmd) => campaign::run(&mut ctx, cmd).await,
        DataCmd::Report(ReportCmd::Campaign {
            name,
            as_of: a,
            out,
        }) => {
            let date = as_of(&a.as_of)?;
            let langs = if lang.both {
                vec![Lang::Fr, Lang::Nl]
            } else {
                vec![ctx.lang]
            };
            campaign::report(&mut ctx, &name, date, &langs, &out).await
        }
        DataCmd::Report(ReportCmd::Notification {
            directive,
            out,
            words,
        }) => {
            let langs = if lang.both {
                vec![Lang::Fr, Lang::Nl]
            } else {
                vec![ctx.lang]
            };
            dossier::notification(&mut ctx, &directive, &langs, &out, words.as_deref()).await
        }
        DataCmd::Report(ReportCmd::Reply {
            case,
            decision,
            as_of: a,
            out,
            words,
        }) => {
            let date = as_of(&a.as_of)?;
            let langs = if lang.both {
                vec![Lang::Fr, Lang::Nl]
            } else {
                vec![ctx.lang]
            };
            dossier::reply(
                &mut ctx,
                &case,
                decision.as_deref(),
                date,
                &langs,
                &out,
                words.as_deref(),
            )
            .await
        }
    };
    close(ctx.db, result).await
}

/// Closes the database after a command: on SQLite the last connection's close copies the WAL
/// journal into the database file and removes it, so that `scoreboard.db` alone holds everything
/// (a file copied or mailed on its own is whole). The command's own outcome comes first.
pub async fn close(db: Db, result: anyhow::Result<u8>) -> anyhow::Result<u8> {
    let closed = db.close().await;
    let code = result?;
    closed.context("cannot close the database")?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_the_password_of_a_url() {
        let check = |database: &str, expected: &str| {
            assert_eq!(super::redact(database), expected, "{database}");
        };
        check(
            "postgres://u:secret@h:5432/db",
            "postgres://u:***@h:5432/db",
        );
        check(
            "postgres://u:p@ss:w@rd@h/db?sslmode=require",
            "postgres://u:***@h/db?sslmode=require",
        );
        check(
            "postgres://postgres@127.0.0.1/db",
            "postgres://postgres@127.0.0.1/db",
        );
        check(
            "sqlite://scoreboard.db?mode=rwc",
            "sqlite://scoreboard.db?mode=rwc",
        );
        check("scoreboard.db", "scoreboard.db");
        check("/var/lib/unit/scoreboard.db", "/var/lib/unit/scoreboard.db");
    }
}
