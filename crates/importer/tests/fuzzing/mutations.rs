//! How tests/fuzz.rs mutates a real input: byte edits, a text or an attribute of XML or HTML
//! replaced, a JSON value replaced, any of these inside one part of a zip (a workbook).

use std::io::{Cursor, Read, Write};

use proptest::prelude::*;
use serde_json::Value;

/// A position in a byte string as a fraction of its length (`u32::MAX` is the end), so that
/// an edit applies to any input and shrinks towards the start.
#[derive(Clone, Copy, Debug)]
pub struct At(pub u32);

impl At {
    /// A position from 0 to `len`, both included.
    pub fn of(self, len: usize) -> usize {
        self.within(len + 1)
    }

    /// A position from 0 to `len`, excluded (`len` > 0).
    pub fn within(self, len: usize) -> usize {
        usize::try_from((u128::from(self.0) * len as u128) >> 32).unwrap_or(0)
    }
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
pub enum Edit {
    Truncate(At),
    Flip(At, u8),
    Delete(At, At),
    Duplicate(At, At),
    Insert(At, Vec<u8>),
}

#[derive(Clone, Debug)]
pub enum Mutation {
    /// Edits of the whole file.
    Bytes(Vec<Edit>),
    /// One text between tags, or one attribute value, of an XML or HTML document replaced;
    /// nothing when there is none.
    Markup(Span, At, String),
    /// One value of a JSON document (counted depth first) replaced; nothing when it is no JSON.
    JsonValue(At, Value),
    /// A mutation of one part of a zip (a workbook's XML), the zip written again; of the whole
    /// file when it is no zip.
    ZipPart(Part, Box<Mutation>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// `>...<`
    Text,
    /// `="..."`
    Attribute,
}

#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// Among the parts that hold cells (sheets, shared strings, an ODS's content), if any.
    Cells(At),
    Any(At),
}

/// Pieces that mean something to one of the formats read: JSON, CSV, HTML, a workbook's XML,
/// and the values inside them.
pub const PIECES: &[&str] = &[
    "\"",
    ",",
    ";",
    "\n",
    "\r",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "-1",
    "0",
    "1e400",
    "18446744073709551616",
    "0.5",
    "\"\"",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    "\u{202e}",
    "<",
    ">",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th>",
    "<dt>",
    "</dt>",
    "<dd>",
    "<p>",
    "<a>",
    "<!--",
    "-->",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&foo;",
    "<script>",
    "<![CDATA[",
    "]]>",
    "<c r=\"XFD1048576\" t=\"s\"><v>99999</v></c>",
    "<c r=\"A1048576\"><v>1</v></c>",
    "<c r=\"ZZZZ1\">",
    "r=\"A0\"",
    "t=\"s\"",
    "t=\"d\"",
    "t=\"e\"",
    "t=\"b\"",
    "t=\"str\"",
    "s=\"1\"",
    "<v>-1</v>",
    "<v>1e308</v>",
    "<v>NaN</v>",
    "<v>4294967296</v>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<row r=\"4294967295\">",
    "<row r=\"0\">",
    "<si><t>",
    "</t></si>",
    "<f>",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
    "xml:space=\"preserve\"",
    "INFR(2020)0385",
    "2020/0385",
    "20200385",
    "EUP(2021)9876",
    "31/02/2021",
    "2021-13-01",
    "30/06/2021",
    "Q2 2021",
    "Directive 2019/1024",
    "32019L1024",
    "72019L1024BEL_1",
    "1958",
    "2100",
    "99999999",
    "Belgium",
    "BE",
    "İ",
    "ß",
    "\u{a0}",
];

pub fn at() -> impl Strategy<Value = At> {
    any::<u32>().prop_map(At)
}

pub fn inserted() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 1..16),
        1 => (prop::sample::select(PIECES), 100..5_000usize)
            .prop_map(|(p, n)| p.repeat(n).into_bytes()),
    ]
}

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => at().prop_map(Edit::Truncate),
        3 => (at(), 1..=255u8).prop_map(|(at, mask)| Edit::Flip(at, mask)),
        2 => (at(), at()).prop_map(|(a, b)| Edit::Delete(a, b)),
        2 => (at(), at()).prop_map(|(a, b)| Edit::Duplicate(a, b)),
        3 => (at(), inserted()).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
    ]
}

pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        prop::sample::select(PIECES).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(JSON_KEYS).prop_map(str::to_owned),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys of the register's and SPARQL's JSON, so that a replaced object is read further.
pub const JSON_KEYS: &[&str] = &[
    "head",
    "vars",
    "results",
    "bindings",
    "type",
    "value",
    "xml:lang",
    "datatype",
    "celex",
    "date_document",
    "deadline",
    "title",
    "lang",
    "date",
    "kind",
    "country",
    "caseNumber",
    "decisions",
    "directive",
    "",
    "\u{0}",
];

/// What a cell, a cell reference, a style or a type of a workbook's XML can be made to say, and
/// texts of an HTML page: out-of-range numbers and dates, references past the last row or column.
pub const MARKUP_VALUES: &[&str] = &[
    "-1e300",
    "1e300",
    "-1e400",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "-0",
    "-1",
    "0",
    "1",
    "60",
    "2958466",
    "-693594",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "1.5",
    "0.0001",
    "XFD1048576",
    "A1048576",
    "A0",
    "0A",
    "AAAA1",
    "A4294967296",
    "ZZ99999",
    "A1:XFD1048576",
    "B4:A1",
    "",
    " ",
    "s",
    "n",
    "str",
    "inlineStr",
    "e",
    "b",
    "d",
    "#N/A",
    "2021-02-31",
    "2021-06-30T00:00:00",
    "99999",
    "rId99",
    "/xl/worksheets/sheet9.xml",
    "../../../etc/passwd",
    "CELEX:72019L1024BEL_1",
    "CELEX%3A",
    "CELEX:",
    "31/12/9999",
    "00/00/0000",
    "Document 32019L1024",
    "32016R0679",
];

pub fn markup_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(MARKUP_VALUES).prop_map(str::to_owned),
        1 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<f64>().prop_map(|f| f.to_string()),
        1 => any::<i64>().prop_map(|i| i.to_string()),
        1 => any::<String>(),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let edits = || prop::collection::vec(edit(), 1..4);
    let of_a_document = || {
        prop_oneof![
            2 => edits().prop_map(Mutation::Bytes),
            3 => (prop::sample::select(vec![Span::Text, Span::Attribute]), at(), markup_value())
                .prop_map(|(span, at, v)| Mutation::Markup(span, at, v)),
            2 => (at(), json_value()).prop_map(|(at, v)| Mutation::JsonValue(at, v)),
        ]
    };
    prop_oneof![
        of_a_document(),
        (
            prop_oneof![3 => at().prop_map(Part::Cells), 1 => at().prop_map(Part::Any)],
            of_a_document()
        )
            .prop_map(|(part, m)| Mutation::ZipPart(part, Box::new(m))),
    ]
}

pub fn apply_edit(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len();
    let range = |a: &At, b: &At| {
        let (a, b) = (a.of(len), b.of(len));
        a.min(b)..a.max(b)
    };
    match edit {
        Edit::Truncate(at) => bytes.truncate(at.of(len)),
        Edit::Flip(at, mask) if len > 0 => bytes[at.within(len)] ^= mask,
        Edit::Flip(..) => {}
        Edit::Delete(a, b) => {
            bytes.drain(range(a, b));
        }
        Edit::Duplicate(a, b) => {
            let r = range(a, b);
            let slice = bytes[r.clone()].to_vec();
            bytes.splice(r.end..r.end, slice);
        }
        Edit::Insert(at, inserted) => {
            let at = at.of(len);
            bytes.splice(at..at, inserted.iter().copied());
        }
    }
}

pub fn apply(mut bytes: Vec<u8>, mutation: &Mutation) -> Vec<u8> {
    match mutation {
        Mutation::Bytes(edits) => {
            for e in edits {
                apply_edit(&mut bytes, e);
            }
            bytes
        }
        Mutation::Markup(kind, at, value) => {
            let spans = markup_spans(&bytes, *kind);
            if spans.is_empty() {
                return bytes;
            }
            let span = spans[at.within(spans.len())].clone();
            bytes.splice(span, value.bytes());
            bytes
        }
        Mutation::ZipPart(part, mutation) => match edit_zip_part(&bytes, part, mutation) {
            Some(zip) => zip,
            None => apply(bytes, mutation),
        },
        Mutation::JsonValue(at, value) => {
            let Ok(mut doc) = serde_json::from_slice::<Value>(&bytes) else {
                return bytes;
            };
            let count = count_values(&doc);
            replace_value(&mut doc, at.within(count), value);
            serde_json::to_vec(&doc).unwrap_or(bytes)
        }
    }
}

/// The texts between tags (`>...<`) or the attribute values (`="..."`) of a document, in order.
pub fn markup_spans(bytes: &[u8], kind: Span) -> Vec<std::ops::Range<usize>> {
    let until = |from: usize, end: u8| {
        bytes[from..]
            .iter()
            .position(|b| *b == end)
            .map(|n| from..from + n)
    };
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let span = match bytes[i] {
            b'>' => until(i + 1, b'<').filter(|s| !s.is_empty()),
            b'=' if bytes.get(i + 1) == Some(&b'"') => until(i + 2, b'"'),
            _ => None,
        };
        match span {
            Some(span) => {
                i = span.end;
                let is_text = bytes[span.start - 1] == b'>';
                if is_text == (kind == Span::Text) {
                    spans.push(span);
                }
            }
            None => i += 1,
        }
    }
    spans
}

/// The zip with one of its parts mutated, or `None` when the bytes are no zip.
pub fn edit_zip_part(bytes: &[u8], part: &Part, mutation: &Mutation) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let holds_cells = |name: &str| {
        ["worksheets/", "sharedStrings", "content.xml"]
            .iter()
            .any(|p| name.contains(p))
    };
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()).unwrap_or_default())
        .collect();
    let cells: Vec<usize> = (0..names.len())
        .filter(|i| holds_cells(&names[*i]))
        .collect();
    let chosen = match part {
        Part::Cells(at) if !cells.is_empty() => cells[at.within(cells.len())],
        Part::Cells(at) | Part::Any(at) if !names.is_empty() => at.within(names.len()),
        _ => return None,
    };
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        if i == chosen {
            content = apply(content, mutation);
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .ok()?;
        writer.write_all(&content).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

pub fn count_values(v: &Value) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(count_values).sum(),
        Value::Object(map) => map.values().map(count_values).sum(),
        _ => 0,
    }
}

/// Replaces the `n`-th value, depth first (0 is the document); returns how many it passed.
pub fn replace_value(v: &mut Value, n: usize, by: &Value) -> usize {
    if n == 0 {
        *v = by.clone();
        return 0;
    }
    let mut seen = 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(items) => items.iter_mut().collect(),
        Value::Object(map) => map.values_mut().collect(),
        _ => Vec::new(),
    };
    for child in children {
        let size = count_values(child);
        if n - seen < size {
            replace_value(child, n - seen, by);
            return n;
        }
        seen += size;
    }
    n
}

#[test]
fn mutations_do_what_they_say() {
    let edit = |bytes: &[u8], e: Edit| {
        let mut bytes = bytes.to_vec();
        apply_edit(&mut bytes, &e);
        String::from_utf8(bytes).unwrap_or_default()
    };
    let (start, half, end) = (At(0), At(1 << 31), At(u32::MAX));
    assert_eq!(edit(b"abcdef", Edit::Truncate(half)), "abc");
    assert_eq!(edit(b"abcdef", Edit::Truncate(end)), "abcdef");
    assert_eq!(edit(b"abcdef", Edit::Flip(end, 0x20)), "abcdeF");
    assert_eq!(
        edit(b"abcdef", Edit::Insert(end, b"xy".to_vec())),
        "abcdefxy"
    );
    assert_eq!(edit(b"abcdef", Edit::Delete(end, half)), "abc");
    assert_eq!(edit(b"", Edit::Delete(start, end)), "");
    assert_eq!(edit(b"", Edit::Flip(start, 1)), "");
    assert_eq!(edit(b"abcdef", Edit::Duplicate(start, end)), "abcdefabcdef");
    let mut doc: Value = serde_json::json!({"a": [1, 2], "b": 3});
    // Depth first: 0 the document, 1 "a", 2 and 3 its items, 4 "b".
    replace_value(&mut doc, 3, &Value::Null);
    assert_eq!(doc, serde_json::json!({"a": [1, null], "b": 3}));
    assert_eq!(count_values(&doc), 5);
    let markup = |span: Span, at: At, value: &str| {
        let doc = br#"<c r="B4" s="1"><v>44112</v></c>"#.to_vec();
        let doc = apply(doc, &Mutation::Markup(span, at, value.to_owned()));
        String::from_utf8(doc).unwrap_or_default()
    };
    let cell = |r: &str, s: &str, v: &str| format!(r#"<c r="{r}" s="{s}"><v>{v}</v></c>"#);
    assert_eq!(
        markup(Span::Attribute, start, "XFD1048576"),
        cell("XFD1048576", "1", "44112")
    );
    assert_eq!(markup(Span::Attribute, end, "2"), cell("B4", "2", "44112"));
    assert_eq!(markup(Span::Text, end, "-1e300"), cell("B4", "1", "-1e300"));
}
