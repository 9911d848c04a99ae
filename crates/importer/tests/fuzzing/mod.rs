//! The input generators of tests/fuzz.rs (a folder, not a file of tests/, so that cargo does not
//! build it as a test of its own).

pub mod mutations;
pub mod workbooks;
