//! How both outputs name things: a label as a cell starts, a status or stage from its stored
//! code (the diff between packs keeps codes), a meeting.

use chrono::NaiveDate;
use domain::{Lang, Stage};

use super::sections::STATUS_ORDER;

/// The first letter in upper case: labels of the domain are lower case, cells start a sentence.
pub(super) fn sentence(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(super) fn status_label_of_code(code: &str, lang: Lang) -> String {
    STATUS_ORDER
        .iter()
        .find(|s| s.code() == code)
        .map_or_else(|| code.to_string(), |s| sentence(s.label(lang)))
}

pub(super) fn stage_label_of_code(code: &str, lang: Lang) -> String {
    Stage::from_code(code).map_or_else(|_| code.to_string(), |s| sentence(&s.label(lang)))
}

/// A meeting as every output names it: "Comité de concertation du 3 décembre 2024".
pub fn meeting_name(kind: &str, lang: Lang, held_on: NaiveDate) -> String {
    let name = match kind {
        "concertation" => domain::words::t(lang, "meeting_name.concertation"),
        "eurocoord" => domain::words::t(lang, "meeting_name.eurocoord"),
        "commission" => domain::words::t(lang, "meeting_name.commission"),
        "correspondents" => domain::words::t(lang, "meeting_name.correspondents"),
        _ => domain::words::t(lang, "meeting_name.other"),
    };
    domain::words::fill(
        lang,
        "meeting_name.of_date",
        &[("meeting", name), ("date", &lang.format_date(held_on))],
    )
}
