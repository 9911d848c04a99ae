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
    /// A web page where a data file was expected: an error or login page saved by a download
    /// that failed, or a web table saved under a spreadsheet's name.
    #[error(
        "the file is a web page (HTML), not {expected}: the download probably failed (an error or sign-in page); download it again, or open it in Excel and save it as .xlsx"
    )]
    WebPage { expected: &'static str },
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
    #[error(
        "the page ends without </body> or </html>: it looks cut short; save it again once it has loaded fully"
    )]
    PageCutShort,
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

/// Refuses a web page given for a data file: it starts (after a BOM and blanks) with
/// `<!DOCTYPE html`, `<html` or `<table`.
pub(crate) fn check_not_web_page(bytes: &[u8], expected: &'static str) -> Result<(), InputError> {
    let start = strip_bom(bytes);
    let start: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    if [&b"<!doctype html"[..], b"<html", b"<table"]
        .iter()
        .any(|tag| start.starts_with(tag))
    {
        return Err(InputError::WebPage { expected });
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

// ---------------------------------------------------------------------------------------------
// HTML.

/// Refuses a page without its end: a page saved or downloaded whole ends with `</html>`, or at
/// least `</body>` (searched from the end, in any case).
pub(crate) fn check_page_closed(html: &str) -> Result<(), InputError> {
    let tail = &html.as_bytes()[html.len().saturating_sub(64 * 1024)..];
    let lower = tail.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if has(b"</html") || has(b"</body") {
        Ok(())
    } else {
        Err(InputError::PageCutShort)
    }
}

/// Elements without content, never on the stack.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];
/// Elements whose content is text up to their end tag, so a `<` in them opens nothing.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Elements an open `p` closes before it starts (the HTML parser's rule, in part).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];
/// Elements whose end tag may be left out: a start tag of the listed names closes them.
const CLOSED_BY: &[(&str, &[&str])] = &[
    ("li", &["li"]),
    ("dt", &["dt", "dd"]),
    ("dd", &["dt", "dd"]),
    ("tr", &["tr", "td", "th"]),
    ("td", &["td", "th"]),
    ("th", &["td", "th"]),
    ("option", &["option"]),
];

/// Refuses a page whose elements nest deeper than `html-depth`, with a scan of its tags that
/// keeps the open elements as the HTML parser would in the common cases (void elements, raw text,
/// comments, end tags left out for `p`, `li`, `td`...), so a real page is not overcounted. It
/// runs before html5ever, which takes minutes on a page nested 100,000 deep.
pub(crate) fn check_html_depth(html: &str, max: usize) -> Result<(), InputError> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    let find = |from: usize, needle: &[u8]| -> usize {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map_or(bytes.len(), |p| from + p + needle.len())
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if bytes[i..].starts_with(b"<!--") {
            i = find(i + 4, b"-->");
            continue;
        }
        if next == b'!' || next == b'?' {
            i = find(i + 2, b">");
            continue;
        }
        let end_tag = next == b'/';
        let name_start = i + 1 + usize::from(end_tag);
        let name_len = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_')))
            .unwrap_or(bytes.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag: the first `>` outside a quoted attribute value.
        let mut j = name_start + name_len;
        let mut quote = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let self_closing = j > 0 && bytes.get(j - 1) == Some(&b'/');
        let tag_end = (j + 1).min(bytes.len());
        if end_tag {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
            i = tag_end;
            continue;
        }
        if VOID.contains(&name.as_str()) {
            i = tag_end;
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            i = find(tag_end, format!("</{name}").as_bytes());
            continue;
        }
        if CLOSES_P.contains(&name.as_str()) && open.last().is_some_and(|n| n == "p") {
            open.pop();
        }
        if let Some((_, closes)) = CLOSED_BY.iter().find(|(n, _)| *n == name) {
            while open.last().is_some_and(|n| closes.contains(&n.as_str())) {
                open.pop();
            }
        }
        // `<div/>` opens a div in HTML; only inside SVG or MathML does `/>` close the element.
        let foreign = open.iter().any(|n| n == "svg" || n == "math");
        if !(self_closing && foreign) {
            open.push(name);
            if open.len() > max {
                let (line, _) = line_column(bytes, i);
                return Err(InputError::Limit {
                    found: format!(
                        "the page nests its elements {} deep at line {line}",
                        open.len()
                    ),
                    name: limits::HTML_DEPTH,
                    max: max as u64,
                });
            }
        }
        i = tag_end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(html: &str, max: usize) -> Option<String> {
        check_html_depth(html, max).err().map(|e| e.to_string())
    }

    #[test]
    fn html_depth_follows_the_parser_on_common_pages() {
        // Each nests 5 deep at most (html, body, table, tr, td), as the HTML parser reads it.
        for html in [
            "<html><body><div>x</div><div><p>y</div></body></html>",
            "<html><body><p>one<p>two<p>three<div>block</div></body></html>",
            "<html><body><ul><li>a<li>b<li><b>c</b></ul></body></html>",
            "<html><body><table><tr><td>a<td>b<tr><td>c</table></body></html>",
            "<html><head><meta charset=utf-8><link rel=x></head><body><br><img src=\"a>b\"></body></html>",
            "<html><body><!-- <div><div><div><div> --><script>if (a<b) { x = '<div><div><div><div>'; }</script></body></html>",
            "<html><body><svg><g><path/><path/><path/></g></svg></body></html>",
            "<HTML><BODY><DIV>x</div></body></html>",
        ] {
            assert_eq!(depth_error(html, 5), None, "{html}");
        }
        assert_eq!(
            depth_error("<html><body><div><span><b><i>x</i></b></span></div></body></html>", 5),
            Some("the page nests its elements 6 deep at line 1, more than the limit html-depth = 5; if the file is right, raise it with --limit html-depth=VALUE".to_owned())
        );
        // `<div/>` is an open div for the HTML parser.
        assert!(depth_error("<div/><div/><div/><div/><div/><div/>", 5).is_some());
        let lines = "<div>\n".repeat(6);
        assert!(depth_error(&lines, 5).unwrap().contains("at line 6,"));
    }

    #[test]
    fn a_page_is_whole_when_it_ends_with_its_closing_tags() {
        assert_eq!(check_page_closed("<html><body>x</body></html>\n"), Ok(()));
        assert_eq!(check_page_closed("<html><body>x</BODY>"), Ok(()));
        assert_eq!(
            check_page_closed("<html><body><p>x"),
            Err(InputError::PageCutShort)
        );
    }

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
