//! One module per source: bytes in -> domain records + diagnostics out.
//!
//! Importers never touch the database or the file system: the `cli` reads the file, hands its
//! bytes here, and decides what to write, in one transaction. A bad row is an expected outcome (a
//! [`Diagnostic`]), never a panic; `Err` is kept for "cannot read this file at all": a file cut
//! short, in UTF-16, or past one of the [`Limits`] ([`InputError`]) is refused whole.

pub mod articles;
pub mod campaign;
pub mod correlation;
pub mod diagnostic;
pub mod eurlex;
mod input;
mod limits;
pub mod proposals;
pub mod register;
pub mod tables;
mod workbook;

pub use diagnostic::Diagnostic;
pub use input::InputError;
pub use limits::Limits;
