//! The `scoreboard` program, built inside the tests package so that its integration tests can
//! start it as a separate process (`CARGO_BIN_EXE_scoreboard-under-test`): several processes on
//! one database is what the concurrency tests are about.

fn main() -> std::process::ExitCode {
    cli::main_exit()
}
