//! The diff between two packs: what the next meeting's pack lists as new since the previous one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::Status;
use serde::{Deserialize, Serialize};

use super::{CaseLine, PilotLine, ScoreboardView};

/// What changed between two packs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Changes {
    /// The date of the previous pack.
    pub since: NaiveDate,
    /// CELEX numbers of directives the previous pack did not have.
    pub new_directives: Vec<String>,
    /// (CELEX, old status code, new status code).
    pub status_changes: Vec<(String, String, String)>,
    /// (case number, decision date, stage code) of latest decisions the previous pack did not show.
    pub new_decisions: Vec<(String, NaiveDate, String)>,
    /// (case or EU Pilot number, date sent) of replies sent since the previous pack.
    pub replies_sent: Vec<(String, NaiveDate)>,
}

/// What changed from `previous` to `current`, in `current`'s order.
pub fn changes(previous: &ScoreboardView, current: &ScoreboardView) -> Changes {
    let old_status: BTreeMap<&str, &Status> = previous
        .directives
        .iter()
        .map(|d| (d.celex.as_str(), &d.status))
        .collect();
    let mut out = Changes {
        since: previous.as_of,
        ..Changes::default()
    };
    for d in &current.directives {
        match old_status.get(d.celex.as_str()) {
            None => out.new_directives.push(d.celex.clone()),
            Some(old) if old.code() != d.status.code() => out.status_changes.push((
                d.celex.clone(),
                old.code().to_string(),
                d.status.code().to_string(),
            )),
            Some(_) => {}
        }
    }
    let old_cases: BTreeMap<&str, &CaseLine> = previous
        .cases
        .iter()
        .map(|c| (c.number.as_str(), c))
        .collect();
    for c in &current.cases {
        let old = old_cases.get(c.number.as_str());
        if let (Some(on), Some(stage)) = (c.last_decision_on, c.stage)
            && old.is_none_or(|o| (o.last_decision_on, o.stage) != (Some(on), Some(stage)))
        {
            out.new_decisions.push((c.number.clone(), on, stage.code()));
        }
        if let Some(sent) = c.reply_sent_on
            && old.is_none_or(|o| o.reply_sent_on != Some(sent))
        {
            out.replies_sent.push((c.number.clone(), sent));
        }
    }
    let old_pilots: BTreeMap<&str, &PilotLine> = previous
        .pilots
        .iter()
        .map(|p| (p.number.as_str(), p))
        .collect();
    for p in &current.pilots {
        if let Some(sent) = p.reply_sent_on
            && old_pilots
                .get(p.number.as_str())
                .is_none_or(|o| o.reply_sent_on != Some(sent))
        {
            out.replies_sent.push((p.number.clone(), sent));
        }
    }
    out
}
