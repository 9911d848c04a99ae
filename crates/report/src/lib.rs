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
pub mod notification;
pub mod reply;
pub mod scoreboard;
pub mod sentences;
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

/// The text a reader sees in a Word document: the runs' texts, a line per paragraph.
#[cfg(test)]
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag == "</w:p>" {
            text.push('\n');
        } else if tag == "<w:t>" || tag.starts_with("<w:t ") {
            let close = rest.find("</w:t>").unwrap_or(rest.len());
            text.push_str(
                &rest[..close]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[close..];
        }
    }
    text
}
