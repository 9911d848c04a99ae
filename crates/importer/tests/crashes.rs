//! The inputs the fuzzing of tests/fuzz.rs found to panic a parser, kept in
//! ../../tests/fixtures/broken (README there): each must be read as a file, good or bad. A test
//! here fails until its crash is fixed, then stays as a regression test. Inputs that abort the
//! process are in crashes_abort.rs, so that they do not take these tests down with them.

use std::path::PathBuf;

use importer::register;

fn broken(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/broken")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_date_cell_outside_the_calendar_does_not_panic() {
    let name = "written-date-cell-minus-5.8e154.xlsx";
    // No register column in this workbook: an error that names the file.
    let err = register::parse(&broken(name), name, None, &importer::Limits::default()).err();
    assert!(
        err.as_ref()
            .is_some_and(|e| e.to_string().starts_with(name)),
        "{err:?}"
    );
}

#[test]
fn a_date_cell_outside_the_calendar_is_a_diagnostic_of_its_row() {
    let name = "register-date-cell-minus-1e300.xlsx";
    let import = register::parse(&broken(name), name, None, &importer::Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        import.diagnostics.iter().any(|d| d.row == Some(4)),
        "no diagnostic for the date of row 4: {:#?}",
        import.diagnostics
    );
}
