//! The `scoreboard` command line: arguments, files, the database connection and the orchestration
//! of `domain`, `data`, `importer` and `report`.
//!
//! [`run`] is the whole program behind a function, so end-to-end tests drive it in-process and read
//! what it printed; `main.rs` only maps its outcome to an exit code.

mod args;
mod clock;
mod commands;
mod demo;
mod labels;
mod net;
mod table;
pub mod views;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

pub use args::Cli;

/// How a run ended, for the exit code: 0 all is well, 1 something needs attention (e.g. an
/// overdue deadline, for scripts that alert), 2 the input was refused.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ATTENTION: u8 = 1;
pub const EXIT_REFUSED: u8 = 2;

/// Runs the program with `args` (the first one is the program name), writing its output to `out`.
/// A refused input is an `Err` whose `{:#}` is the one clear line to show the user.
pub fn run<I, T>(args: I, out: &mut dyn Write) -> anyhow::Result<u8>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            write!(out, "{e}")?;
            return Ok(EXIT_OK);
        }
        Err(e) => return Err(anyhow::anyhow!("{}", e.render().to_string().trim_end())),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(commands::dispatch(cli, out))
}

/// The binary's entry point: runs with the process arguments and maps the outcome to an exit code.
pub fn main_exit() -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(std::env::args_os(), &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = out.flush();
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_REFUSED)
        }
    }
}
