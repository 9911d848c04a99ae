//! How much of a file the readers accept: bytes, unpacked bytes, cells, characters in a cell,
//! nesting, rows. A file past a limit is refused (a long cell is a diagnostic) with a message that
//! names the limit, what was found and how to raise it; the defaults are far above the unit's
//! real files, so that only a broken or hostile file meets them.

/// The limits every reader of this crate checks. [`Limits::default`] is what the `cli` uses;
/// a person raises one with `--limit NAME=VALUE`, the names being [`Limits::NAMES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `input-bytes`: the size of a file as given, 100,000,000 bytes (100 MB). The register's
    /// export of every member state is 1.4 MB, a saved EUR-Lex page 1.2 MB, a workbook of the
    /// unit a few hundred KB.
    pub max_input_bytes: u64,
    /// `xlsx-unpacked-bytes`: what a workbook's zip unpacks to, summed over its parts, 200,000,000
    /// bytes (200 MB). A 10,000-row table unpacks to a few MB. It is measured by unpacking
    /// each part into nothing, before the workbook is read, so that a small file that unpacks to
    /// gigabytes (a zip bomb) is refused without using the memory.
    pub max_unpacked_bytes: u64,
    /// `sheet-cells`: the cells of one sheet, counted as the rectangle from its first to its
    /// last filled cell (what the workbook reader allocates), 2,000,000 (a table of 10,000 rows
    /// and 26 columns is 260,000).
    pub max_sheet_cells: u64,
    /// `cell-chars`: the characters of one text cell, 10,000. A longer cell is a diagnostic
    /// naming its sheet, row and column, and its row is not imported; the other rows are read.
    /// (In the unit's tables, the cells of the columns read; a column left aside is not read.)
    pub max_cell_chars: usize,
    /// `html-depth`: how deep the elements of a saved page nest, 512 (what browsers build at
    /// most; the real EUR-Lex page of ../shared/data nests 29 deep). Counted by a quick scan of
    /// the tags before the page is parsed, so that a page nested 100,000 deep is refused at once.
    pub max_html_depth: usize,
    /// `json-depth`: how deep arrays and objects of a JSON file nest, 64 (the register's export
    /// nests 2 deep, SPARQL results 4). The JSON parser itself stops at [`Limits::JSON_DEPTH_CAP`].
    pub max_json_depth: usize,
    /// `rows`: the rows (records, bindings) of one file, 100,000 (the register's export of every
    /// member state has about 2,850 rows).
    pub max_rows: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 100_000_000,
            max_unpacked_bytes: 200_000_000,
            max_sheet_cells: 2_000_000,
            max_cell_chars: 10_000,
            max_html_depth: 512,
            max_json_depth: 64,
            max_rows: 100_000,
        }
    }
}

impl Limits {
    /// The name of each limit, as `--limit NAME=VALUE` and the messages write it.
    pub const NAMES: [&'static str; 7] = [
        INPUT_BYTES,
        UNPACKED_BYTES,
        SHEET_CELLS,
        CELL_CHARS,
        HTML_DEPTH,
        JSON_DEPTH,
        ROWS,
    ];

    /// serde_json refuses JSON nested deeper than this, whatever `json-depth` says.
    pub const JSON_DEPTH_CAP: usize = 127;

    /// Sets the limit `name` (one of [`Limits::NAMES`]) from its value as typed: a whole number
    /// above zero, with or without `_` between digits (`200_000`).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let digits: String = value.trim().chars().filter(|c| *c != '_').collect();
        let parsed = digits
            .parse::<u64>()
            .ok()
            .filter(|v| *v > 0)
            .ok_or_else(|| {
                format!("--limit {name}={value}: expected a whole number above zero, like 200000")
            })?;
        let as_usize = || {
            usize::try_from(parsed)
                .map_err(|_| format!("--limit {name}={value}: too large for this computer"))
        };
        match name {
            INPUT_BYTES => self.max_input_bytes = parsed,
            UNPACKED_BYTES => self.max_unpacked_bytes = parsed,
            SHEET_CELLS => self.max_sheet_cells = parsed,
            CELL_CHARS => self.max_cell_chars = as_usize()?,
            HTML_DEPTH => self.max_html_depth = as_usize()?,
            JSON_DEPTH => {
                let depth = as_usize()?;
                if depth > Limits::JSON_DEPTH_CAP {
                    return Err(format!(
                        "--limit {name}={value}: the JSON reader cannot go deeper than {}",
                        Limits::JSON_DEPTH_CAP
                    ));
                }
                self.max_json_depth = depth;
            }
            ROWS => self.max_rows = as_usize()?,
            _ => {
                return Err(format!(
                    "--limit {name}: no such limit, expected one of {}",
                    Limits::NAMES.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The value of the limit `name`, `None` for a name not in [`Limits::NAMES`].
    pub fn get(&self, name: &str) -> Option<u64> {
        Some(match name {
            INPUT_BYTES => self.max_input_bytes,
            UNPACKED_BYTES => self.max_unpacked_bytes,
            SHEET_CELLS => self.max_sheet_cells,
            CELL_CHARS => self.max_cell_chars as u64,
            HTML_DEPTH => self.max_html_depth as u64,
            JSON_DEPTH => self.max_json_depth as u64,
            ROWS => self.max_rows as u64,
            _ => return None,
        })
    }
}

pub(crate) const INPUT_BYTES: &str = "input-bytes";
pub(crate) const UNPACKED_BYTES: &str = "xlsx-unpacked-bytes";
pub(crate) const SHEET_CELLS: &str = "sheet-cells";
pub(crate) const CELL_CHARS: &str = "cell-chars";
pub(crate) const HTML_DEPTH: &str = "html-depth";
pub(crate) const JSON_DEPTH: &str = "json-depth";
pub(crate) const ROWS: &str = "rows";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_set_and_read_back() {
        for (i, name) in Limits::NAMES.iter().enumerate() {
            let mut limits = Limits::default();
            let value = 100 + i as u64;
            assert_eq!(limits.set(name, &value.to_string()), Ok(()), "{name}");
            assert_eq!(limits.get(name), Some(value), "{name}");
            assert_ne!(limits, Limits::default(), "{name} changed nothing");
        }
    }

    #[test]
    fn values_are_whole_numbers_above_zero() {
        let mut limits = Limits::default();
        assert_eq!(limits.set("rows", "200_000"), Ok(()));
        assert_eq!(limits.max_rows, 200_000);
        for bad in ["", "0", "-5", "1e6", "10k", "2.5"] {
            assert_eq!(
                limits.set("rows", bad),
                Err(format!(
                    "--limit rows={bad}: expected a whole number above zero, like 200000"
                ))
            );
        }
        assert_eq!(
            limits.set("json-depth", "200"),
            Err("--limit json-depth=200: the JSON reader cannot go deeper than 127".to_owned())
        );
        assert_eq!(
            limits.set("row", "5"),
            Err("--limit row: no such limit, expected one of input-bytes, xlsx-unpacked-bytes, sheet-cells, cell-chars, html-depth, json-depth, rows".to_owned())
        );
        assert_eq!(limits.get("row"), None);
    }
}
