//! A problem found in an input, with where it is (file, sheet, row, column), what was found there
//! and what was expected, so a person can open the file and fix it.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub sheet: Option<String>,
    /// Row as people count it: the spreadsheet's row number, or the record's position (1-based).
    pub row: Option<usize>,
    pub column: Option<String>,
    pub found: String,
    pub expected: String,
}

impl Diagnostic {
    pub fn new(file: &str, found: impl Into<String>, expected: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            sheet: None,
            row: None,
            column: None,
            found: found.into(),
            expected: expected.into(),
        }
    }

    pub fn sheet(mut self, sheet: &str) -> Diagnostic {
        self.sheet = Some(sheet.to_owned());
        self
    }

    pub fn row(mut self, row: usize) -> Diagnostic {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: &str) -> Diagnostic {
        self.column = Some(column.to_owned());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": found \"{}\", expected {}", self.found, self.expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_position_the_value_and_what_was_expected() {
        let d = Diagnostic::new("suivi.xlsx", "31/02/2021", "a date like 30/09/2021")
            .sheet("Directives")
            .row(7)
            .column("Délai");
        assert_eq!(
            d.to_string(),
            "suivi.xlsx, sheet Directives, row 7, column Délai: found \"31/02/2021\", expected a date like 30/09/2021"
        );
        let d = Diagnostic::new("register.json", "Formal warning", "a known decision type").row(12);
        assert_eq!(
            d.to_string(),
            "register.json, row 12: found \"Formal warning\", expected a known decision type"
        );
    }
}
