//! What every reader checks before it parses: the bytes are whole (a download cut short is
//! refused, not half imported), in UTF-8, and within the [`Limits`]. Each problem is an
//! [`InputError`] worded for the person who gave the file; the readers put the file's name in front.
//!
//! These checks are cheap scans of the bytes, made before a parser that could be slow or hungry on
//! such input (html5ever on deep nesting, calamine on a zip bomb) is handed them.

use std::io::{Cursor, Read};

use crate::limits::{self, Limits};

/// A file refused before (or instead of) being read: cut short, in another encoding, or past a limit.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// A limit of [`Limits`] was met; `found` says what was found, in words.
    #[error("{found}, {}", raise_hint(.name, *.max))]
    Limit {
        found: String,
        name: &'static str,
        max: u64,
    },
    #[error("UTF-16 is not read: save the file as UTF-8 (CSV UTF-8 in Excel)")]
    Utf16,
    #[error("byte {offset} (0x{byte:02X}) is not UTF-8: save the file as UTF-8")]
    NotUtf8 { offset: usize, byte: u8 },
    #[error(
        "the file ends in the middle of a character (at byte {offset}): it looks cut short; download it again"
    )]
    Utf8CutShort { offset: usize },
    #[error(
        "the file ends inside a quoted field opened on row {row} (line {line}): it looks cut short; download it again"
    )]
    OpenQuote { row: usize, line: usize },
    #[error(
        "row {row}, the last, has {fields} field(s) where the header (row {header_row}) has {header_fields}: the file looks cut short; download it again"
    )]
    ShortLastRow {
        row: usize,
        fields: usize,
        header_row: usize,
        header_fields: usize,
    },
    #[error(
        "row {row} has {fields} field(s) where the header (row {header_row}) has {header_fields}: a separator or a quote is missing or extra on that row"
    )]
    FieldCount {
        row: usize,
        fields: usize,
        header_row: usize,
        header_fields: usize,
    },
    #[error(
        "the JSON stops before it is complete (line {line}, column {column}): the file looks cut short; download it again"
    )]
    JsonCutShort { line: usize, column: usize },
    #[error(
        "the workbook is damaged or cut short ({reason}): download it again, or open it in Excel and save it again"
    )]
    Damaged { reason: String },
}

/// How a message ends when a limit was met: which limit, and how to raise it.
fn raise_hint(name: &str, max: u64) -> String {
    format!(
        "more than the limit {name} = {max}; if the file is right, raise it with --limit {name}=VALUE"
    )
}

/// The file's size against `input-bytes`.
pub(crate) fn check_size(bytes: &[u8], limits: &Limits) -> Result<(), InputError> {
    let size = bytes.len() as u64;
    if size > limits.max_input_bytes {
        return Err(InputError::Limit {
            found: format!("the file has {size} bytes"),
            name: limits::INPUT_BYTES,
            max: limits.max_input_bytes,
        });
    }
    Ok(())
}

/// Refuses UTF-16: a byte-order mark (FF FE, FE FF), or NUL bytes every other byte as ASCII
/// text in UTF-16 has them. CSV, JSON and HTML never hold a NUL byte in UTF-8.
pub(crate) fn check_not_utf16(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16);
    }
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(512)].chunks_exact(2).collect();
    let one_nul = pairs.iter().filter(|p| (p[0] == 0) != (p[1] == 0)).count();
    if pairs.len() >= 2 && one_nul * 2 >= pairs.len() {
        return Err(InputError::Utf16);
    }
    Ok(())
}

/// The bytes as UTF-8 text (a BOM left out), or where they stop being UTF-8.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, InputError> {
    check_not_utf16(bytes)?;
    let bytes = strip_bom(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        match e.error_len() {
            // The last character lacks its last bytes: the end of the file is missing.
            None => InputError::Utf8CutShort { offset },
            Some(_) => InputError::NotUtf8 {
                offset,
                byte: bytes[offset],
            },
        }
    })
}

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Line and column (1-based, in bytes) of a byte offset, for messages.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = offset
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, column)
}

// ---------------------------------------------------------------------------------------------
// JSON.

/// Why JSON bytes give no value: refused by a check of this crate, or not JSON (serde_json's
/// message).
pub(crate) enum JsonError {
    Input(InputError),
    Syntax(String),
}

/// Reads JSON bytes into a value, within `input-bytes` and `json-depth`: the nesting is counted
/// by a scan of the brackets first, so that the message names the limit; a parse that stops at
/// the end of the bytes is a file cut short.
pub(crate) fn json(bytes: &[u8], limits: &Limits) -> Result<serde_json::Value, JsonError> {
    check_size(bytes, limits).map_err(JsonError::Input)?;
    let text = utf8(bytes).map_err(JsonError::Input)?;
    check_json_depth(text.as_bytes(), limits.max_json_depth).map_err(JsonError::Input)?;
    serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => JsonError::Input(InputError::JsonCutShort {
            line: e.line(),
            column: e.column(),
        }),
        _ => JsonError::Syntax(e.to_string()),
    })
}

fn check_json_depth(bytes: &[u8], max: usize) -> Result<(), InputError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    let (line, column) = line_column(bytes, i);
                    return Err(InputError::Limit {
                        found: format!(
                            "the JSON nests arrays and objects {depth} deep at line {line}, column {column}"
                        ),
                        name: limits::JSON_DEPTH,
                        max: max as u64,
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// Refuses a CSV text that ends inside a quoted field, as a download cut short leaves it (the csv
/// crate reads such a field to the end of the file without a word). The scan follows the csv
/// crate's reading: a quote opens a quoted field only at the start of a field, `""` inside one is
/// a quote, and a quoted field ends at the quote followed by anything but another quote.
pub(crate) fn check_csv_quotes(text: &str, delimiter: u8) -> Result<(), InputError> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut row, mut line) = (1, 1);
    let mut opened = (1, 1);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        let newline = b == b'\n' || b == b'\r';
        if b == b'\n' {
            line += 1;
        }
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::FieldStart if b == b'"' => {
                opened = (row, line);
                State::Quoted
            }
            _ if b == delimiter => State::FieldStart,
            _ if newline => {
                // "\r\n" ends one record, not two.
                if !(b == b'\r' && bytes.peek() == Some(&b'\n')) {
                    row += 1;
                }
                State::FieldStart
            }
            _ => State::Unquoted,
        };
    }
    if state == State::Quoted {
        return Err(InputError::OpenQuote {
            row: opened.0,
            line: opened.1,
        });
    }
    Ok(())
}

/// Refuses a table whose data rows do not have as many fields as its header. Blank rows (which
/// the csv crate reads as one empty field) are not counted. `rows` is (row number, field count,
/// blank), the header first.
pub(crate) fn check_field_counts(
    rows: impl Iterator<Item = (usize, usize, bool)>,
) -> Result<(), InputError> {
    let mut rows = rows.peekable();
    let Some((header_row, header_fields, _)) = rows.next() else {
        return Ok(());
    };
    while let Some((row, fields, blank)) = rows.next() {
        if blank || fields == header_fields {
            continue;
        }
        let last = rows.peek().is_none();
        return Err(if last && fields < header_fields {
            InputError::ShortLastRow {
                row,
                fields,
                header_row,
                header_fields,
            }
        } else {
            InputError::FieldCount {
                row,
                fields,
                header_row,
                header_fields,
            }
        });
    }
    Ok(())
}

/// The `rows` limit, on the number of rows (records, bindings) of a file.
pub(crate) fn check_rows(rows: usize, limits: &Limits) -> Result<(), InputError> {
    if rows > limits.max_rows {
        return Err(InputError::Limit {
            found: format!("the file has {rows} rows"),
            name: limits::ROWS,
            max: limits.max_rows as u64,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Cells.

/// The `cell-chars` limit on one cell's text: `Some((found, expected))` for a diagnostic when the
/// text is longer. The found text shows the length and the start of the text, not all of it.
pub(crate) fn long_cell(text: &str, limits: &Limits) -> Option<(String, String)> {
    // A char is at most 4 bytes: a text of few bytes needs no counting.
    if text.len() <= limits.max_cell_chars {
        return None;
    }
    let chars = text.chars().count();
    if chars <= limits.max_cell_chars {
        return None;
    }
    let start: String = text.chars().take(40).collect();
    Some((
        format!("a text of {chars} characters starting with {start}…"),
        format!(
            "at most {} characters in a cell: the limit cell-chars; if the cell is right, raise it with --limit cell-chars=VALUE",
            limits.max_cell_chars
        ),
    ))
}

// ---------------------------------------------------------------------------------------------
// Workbooks (zip).

/// Checks a workbook's zip before anything reads it: its directory reads (a file cut short has
/// none: the directory is at the end), and every part unpacks, with its checksum, to no more than
/// `xlsx-unpacked-bytes` in all. The parts are unpacked into nothing, counting the bytes, and the
/// count stops one byte past the limit: the sizes the zip declares can lie, the bytes cannot.
pub(crate) fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), InputError> {
    let damaged = |reason: String| InputError::Damaged { reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(format!("its zip directory cannot be read: {e}")))?;
    let max = limits.max_unpacked_bytes;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| damaged(format!("part {} of the zip: {e}", i + 1)))?;
        let name = entry
            .name()
            .map_or_else(|_| format!("number {}", i + 1), |n| n.into_owned());
        let room = max - total;
        let unpacked = std::io::copy(
            &mut entry.take(room.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| damaged(format!("its part {name} does not unpack: {e}")))?;
        total += unpacked;
        if total > max {
            return Err(InputError::Limit {
                found: format!(
                    "the workbook unpacks to over {max} bytes (counted up to its part {name})"
                ),
                name: limits::UNPACKED_BYTES,
                max,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_are_followed_as_the_csv_crate_reads_them() {
        for text in [
            "a,b\n1,\"x\"\n",
            "a,b\n1,\"x\ny\"\n",
            "a,b\r\n1,\"say \"\"hi\"\"\"\r\n",
            "a,b\n1,x\"y\n",
            "a;b\n1;\"x\"\"\"",
        ] {
            assert_eq!(
                check_csv_quotes(text, if text.contains(';') { b';' } else { b',' }),
                Ok(()),
                "{text:?}"
            );
        }
        assert_eq!(
            check_csv_quotes("a,b\r\n1,2\r\n3,\"cut\nhere", b','),
            Err(InputError::OpenQuote { row: 3, line: 3 })
        );
        assert_eq!(
            check_csv_quotes("a,b\n\"x\ny\",\"z", b','),
            Err(InputError::OpenQuote { row: 2, line: 3 })
        );
    }

    #[test]
    fn utf16_is_told_by_its_bom_or_its_nul_bytes() {
        let le: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        for bytes in [&le[..], &be[..], b"\xFF\xFEa\x00", b"\xFE\xFF\x00a"] {
            assert_eq!(utf8(bytes), Err(InputError::Utf16), "{bytes:?}");
        }
        assert_eq!(utf8(b"\xEF\xBB\xBFa,b"), Ok("a,b"));
        assert_eq!(
            utf8(b"ab\xE9cd"),
            Err(InputError::NotUtf8 {
                offset: 2,
                byte: 0xE9
            })
        );
        assert_eq!(
            utf8("abé".as_bytes().split_last().unwrap().1),
            Err(InputError::Utf8CutShort { offset: 2 })
        );
    }

    #[test]
    fn json_depth_is_counted_outside_strings() {
        assert_eq!(
            check_json_depth(br#"[{"a": "[[[[[[", "b": [1]}]"#, 3),
            Ok(())
        );
        assert_eq!(check_json_depth(br#"["\"[[[["]"#, 1), Ok(()));
        let err = check_json_depth(b"[\n [[[1]]]]", 3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the JSON nests arrays and objects 4 deep at line 2, column 4, more than the limit json-depth = 3; if the file is right, raise it with --limit json-depth=VALUE"
        );
    }

    #[test]
    fn field_counts_name_the_row_and_the_header() {
        let check = |rows: &[(usize, usize, bool)]| {
            check_field_counts(rows.iter().copied()).map_err(|e| e.to_string())
        };
        assert_eq!(check(&[(1, 3, false), (2, 3, false), (3, 1, true)]), Ok(()));
        assert_eq!(
            check(&[(1, 3, false), (2, 3, false), (3, 2, false)]),
            Err("row 3, the last, has 2 field(s) where the header (row 1) has 3: the file looks cut short; download it again".to_owned())
        );
        assert_eq!(
            check(&[(2, 3, false), (3, 4, false), (4, 3, false)]),
            Err("row 3 has 4 field(s) where the header (row 2) has 3: a separator or a quote is missing or extra on that row".to_owned())
        );
    }
}
