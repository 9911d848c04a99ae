//! View models -> XLSX / HTML bytes: the documents people read, built from domain values only.
//!
//! Nothing here touches the database, the file system or the network: the `cli` hands over the
//! data and writes the bytes where the user asked.

pub mod annual;
pub mod campaign;
pub mod charts;
pub mod correlation;
pub mod ics;
pub mod impact;
pub mod mail;
pub mod scoreboard;
pub mod tables;

/// A document could not be produced. Every cause is a bug of ours or a value the format cannot
/// hold (a text longer than an Excel cell allows), never a partial document.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("cannot render the template: {0}")]
    Template(#[from] minijinja::Error),
    #[error("cannot write the Word document: {0}")]
    Docx(#[from] docx_rs::DocxError),
    #[error("cannot draw a chart: {0}")]
    Png(#[from] png::EncodingError),
    #[error("cannot draw a chart: {0}")]
    Chart(String),
    #[error("the {lang} translation file has no text for {key}")]
    MissingWord { lang: domain::Lang, key: String },
}
