//! The inputs the fuzzing of tests/fuzz.rs found to abort the process (a failed allocation is no
//! panic: nothing can catch it), kept in ../../tests/fixtures/broken (README there). Each test
//! here fails until its crash is fixed, then stays as a regression test.

use std::fmt::Display;
use std::path::PathBuf;

use importer::{register, tables};

fn broken(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/broken")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Read, or refused with a message that names the file.
fn check<T, E: Display>(result: Result<T, E>, name: &str) {
    if let Err(e) = result {
        assert!(e.to_string().contains(name), "{e}");
    }
}

#[test]
fn a_cell_at_the_last_row_and_column_does_not_abort() {
    let name = "register-cell-at-XFD1048576.xlsx";
    let bytes = broken(name);
    check(
        register::parse(&bytes, name, None, &importer::Limits::default()),
        name,
    );
    check(
        tables::parse(&bytes, name, &importer::Limits::default()),
        name,
    );
}
