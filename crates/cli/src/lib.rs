//! The `scoreboard` command line: arguments, files, the database connection and the orchestration
//! of `domain`, `data`, `importer` and `report`.
//!
//! [`run`] is the whole program behind a function, so end-to-end tests drive it in-process and read
//! what it printed; `main.rs` only maps its outcome to an exit code.

mod args;
mod commands;
pub mod demo;
mod labels;
mod mail;
mod net;
mod table;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

pub use args::Cli;
use args::Command;
/// Today in Brussels, as every command counts it (for tests that must agree with a run).
pub use commands::today;

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
    ERROR_LANG.store(domain::Lang::En as u8, std::sync::atomic::Ordering::Relaxed);
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            write!(out, "{e}")?;
            return Ok(EXIT_OK);
        }
        Err(e) => {
            // clap's own text starts with "error: ", which `main_exit` adds again.
            let text = e.render().to_string();
            let text = text.trim_end();
            return Err(anyhow::anyhow!(
                "{}",
                text.strip_prefix("error: ").unwrap_or(text)
            ));
        }
    };
    // A command runs one thing at a time; the web server answers requests on every core.
    let serving =
        matches!(&cli.command, Command::Data(d) if matches!(**d, args::DataCmd::Serve(_)));
    let runtime = if serving {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    }
    .enable_all()
    .build()
    .context("cannot start the async runtime")?;
    // The language the error is said in: the one asked for (French for `both`), English when
    // `--lang` itself cannot be read.
    let lang = if cli.options.lang.eq_ignore_ascii_case("both") {
        domain::Lang::Fr
    } else {
        cli.options.lang.parse().unwrap_or(domain::Lang::En)
    };
    ERROR_LANG.store(lang as u8, std::sync::atomic::Ordering::Relaxed);
    runtime
        .block_on(dispatch(cli, out))
        .map_err(|e| localized(e, lang))
}

/// The language of the last run's error line (`main_exit` prints its "error:" word).
static ERROR_LANG: std::sync::atomic::AtomicU8 =
    std::sync::atomic::AtomicU8::new(domain::Lang::En as u8);

fn error_lang() -> domain::Lang {
    match ERROR_LANG.load(std::sync::atomic::Ordering::Relaxed) {
        x if x == domain::Lang::Fr as u8 => domain::Lang::Fr,
        x if x == domain::Lang::Nl as u8 => domain::Lang::Nl,
        _ => domain::Lang::En,
    }
}

/// An error in the user's language: a database-side cause ([`data::DataError`]) is said with the
/// translation files' words; the context the command added (which argument, which file) and
/// messages of other causes stay as they are.
fn localized(e: anyhow::Error, lang: domain::Lang) -> anyhow::Error {
    if lang == domain::Lang::En {
        return e;
    }
    let Some(data) = e
        .chain()
        .find_map(|cause| cause.downcast_ref::<data::DataError>())
    else {
        return e;
    };
    let english = data.to_string();
    let said = data.localized(lang);
    // The English text of the cause, wherever the line holds it, becomes the translated one.
    anyhow::anyhow!("{}", dedup_causes(&e).replace(&english, &said))
}

/// The demo builds its own database in its folder; `init` only opens the one of `--database-url`;
/// every other command works on it.
async fn dispatch(cli: Cli, out: &mut dyn Write) -> anyhow::Result<u8> {
    let Cli { options, command } = cli;
    let lang = commands::LangOption::parse(&options.lang)?;
    match command {
        Command::Demo(args) => {
            let user = options.user.unwrap_or_else(commands::login_name);
            demo::run(&args, lang.lang, user, out).await
        }
        Command::Init => commands::init(&options, lang.lang, out).await,
        Command::Data(command) => commands::dispatch(&options, lang, *command, out).await,
    }
}

/// The binary's entry point: runs with the process arguments and maps the outcome to an exit code.
///
/// Standard output goes through [`Output`]: on a terminal, control characters in the data
/// (a title holding `ESC]0;…`) are shown escaped instead of acted on; when the reader closes
/// the pipe (`scoreboard … | head -1`), the rest of the output is dropped and the command still
/// finishes, so a committed import exits with its own code, not as a failure.
pub fn main_exit() -> ExitCode {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = Output::new(stdout.lock(), terminal);
    let result = run(std::env::args_os(), &mut out);
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let mut stderr = std::io::stderr();
            let text = format!(
                "{} {}",
                domain::words::t(error_lang(), "error.prefix"),
                dedup_causes(&e)
            );
            let text = if stderr.is_terminal() {
                terminal_safe(&text).into_owned()
            } else {
                text
            };
            let _ = writeln!(stderr, "{text}");
            ExitCode::from(EXIT_REFUSED)
        }
    }
}

/// An error and its causes on one line, each said once: a cause whose text the line already
/// holds (a library that prints its source inside its own message) is not repeated.
pub fn dedup_causes(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || line.contains(text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    line
}

/// Text as it can be shown on a terminal: control characters (C0 but newline and tab, DEL, C1)
/// and the invisible bidirectional and zero-width format characters are written as `\u{1b}`.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    fn unsafe_char(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    }
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            safe.push_str(&c.escape_unicode().to_string());
        } else {
            safe.push(c);
        }
    }
    std::borrow::Cow::Owned(safe)
}

/// Standard output as the program writes it: escaped on a terminal, and quiet once the reader
/// has gone (a closed pipe is not the command's failure).
pub struct Output<W: Write> {
    inner: W,
    terminal: bool,
    closed: bool,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W, terminal: bool) -> Self {
        Output {
            inner,
            terminal,
            closed: false,
        }
    }

    /// What was written to it (for tests: the bytes a terminal would have received).
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// Whether the reader closed the pipe (what was written after that was dropped).
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn forward(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = match (self.terminal, std::str::from_utf8(bytes)) {
            (true, Ok(text)) => self.inner.write_all(terminal_safe(text).as_bytes()),
            _ => self.inner.write_all(bytes),
        };
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.forward(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;pwned\u{7}b\n\tc\u{202e}d"),
            "a\\u{1b}]0;pwned\\u{7}b\n\tc\\u{202e}d"
        );
        assert!(matches!(
            terminal_safe("plain é"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    struct ClosedPipe;
    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_not_a_failure() {
        let mut out = Output::new(ClosedPipe, false);
        assert!(writeln!(out, "first").is_ok());
        assert!(writeln!(out, "second").is_ok());
        assert!(out.closed());
    }

    #[test]
    fn causes_are_said_once() {
        let inner = anyhow::anyhow!("database is locked");
        let e = inner
            .context("database error: database is locked")
            .context("cannot open the database x.db");
        assert_eq!(
            dedup_causes(&e),
            "cannot open the database x.db: database error: database is locked"
        );
    }
}
