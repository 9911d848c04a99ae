//! What `scoreboard notify` tells whom at a date: the items due (a new directive, a reminder step
//! of a deadline or of a contribution campaign not answered in full, see `domain::reminder`), who receives each (the contacts and users of the
//! administrations concerned; the unit's own address for what has no administration yet), what
//! was sent already, and each recipient's digest in its language.
//!
//! Reading is [`Facts::read`]; the rest is plain functions of what was read, so the rules are
//! tested without a mail server.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use data::code::{Lang as StoredLang, OutboxSubject};
use data::entity::outbox;
use data::notify::{NewItem, Recipient};
use data::repo::{self, DirectiveView};
use data::{DataError, Db};
use domain::{Competence, Lang, ReminderKind, reminder_step};
use report::mail::{CampaignLine, DeadlineLine, Digest, NewDirective};
use serde::Serialize;

use crate::Deadline;

/// Everything the run needs, read once at `as_of`.
pub struct Facts {
    pub as_of: NaiveDate,
    /// The deadlines of `deadlines` in each language a recipient reads.
    pub deadlines: HashMap<Lang, Vec<Deadline>>,
    /// The directives new since the last run (and those of items left open), by CELEX.
    pub new_directives: BTreeMap<String, DirectiveView>,
    /// Authority code -> (name FR, name NL).
    pub names: HashMap<String, (String, String)>,
    /// The contribution campaigns, with what each administration asked has answered.
    pub campaigns: Vec<CampaignFacts>,
}

/// A contribution campaign as `notify` needs it.
#[derive(Clone, Debug)]
pub struct CampaignFacts {
    pub name: String,
    pub title_fr: String,
    pub title_nl: String,
    pub due: NaiveDate,
    pub asked: usize,
    /// Administration code -> questions answered.
    pub answered: BTreeMap<String, usize>,
}

impl CampaignFacts {
    fn of(c: &data::campaign::Campaign) -> CampaignFacts {
        CampaignFacts {
            name: c.model.name.clone(),
            title_fr: c.model.title_fr.clone(),
            title_nl: c.model.title_nl.clone(),
            due: c.model.due,
            asked: c.questions.len(),
            answered: c
                .answered()
                .into_iter()
                .map(|(code, (n, _))| (code, n))
                .collect(),
        }
    }
}

impl Facts {
    pub async fn read(
        db: &Db,
        as_of: NaiveDate,
        langs: &BTreeSet<Lang>,
        new_celexes: &BTreeSet<String>,
    ) -> Result<Facts, DataError> {
        let mut deadlines = HashMap::new();
        for &lang in langs {
            deadlines.insert(lang, crate::deadlines(db, as_of, lang).await?);
        }
        let celexes: Vec<String> = new_celexes.iter().cloned().collect();
        let new_directives = repo::directives_by_celex(db, &celexes, as_of)
            .await?
            .into_iter()
            .map(|v| (v.celex.clone(), v))
            .collect();
        let names = repo::authorities(db)
            .await?
            .into_iter()
            .map(|a| (a.code, (a.name_fr, a.name_nl)))
            .collect();
        let campaigns = data::campaign::all(db)
            .await?
            .iter()
            .map(CampaignFacts::of)
            .collect();
        Ok(Facts {
            as_of,
            deadlines,
            new_directives,
            names,
            campaigns,
        })
    }

    fn name(&self, code: &str, lang: Lang) -> String {
        match self.names.get(code) {
            Some((_, nl)) if lang == Lang::Nl => nl.clone(),
            Some((fr, _)) => fr.clone(),
            None => code.to_owned(),
        }
    }
}

/// Something due at the run's date, before it is addressed to anyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub subject: OutboxSubject,
    pub record_key: String,
    pub deadline: Option<NaiveDate>,
    pub step: String,
    /// Authority codes (lead first); empty: the unit is told.
    pub authorities: Vec<String>,
}

fn subject_of(kind: &str) -> (OutboxSubject, ReminderKind) {
    match kind {
        "transposition" => (OutboxSubject::Transposition, ReminderKind::Transposition),
        "reply" => (OutboxSubject::Reply, ReminderKind::Reply),
        _ => (OutboxSubject::EuPilot, ReminderKind::Reply),
    }
}

/// The items due at the facts' date: each new directive once per administration (lead, then
/// associated; the unit's when it has none and is not marked as not concerning the Region), and
/// each deadline at its reminder step.
pub fn candidates(facts: &Facts) -> Vec<Candidate> {
    let mut out = Vec::new();
    for v in facts.new_directives.values() {
        let mut told = Vec::new();
        if let Some(lead) = &v.lead {
            told.push((lead.clone(), "lead"));
        }
        for a in &v.associated {
            told.push((a.clone(), "associated"));
        }
        if told.is_empty() && v.competence != Competence::NotConcerned {
            out.push(Candidate {
                subject: OutboxSubject::NewDirective,
                record_key: v.celex.clone(),
                deadline: None,
                step: "unit".to_owned(),
                authorities: Vec::new(),
            });
        }
        for (code, role) in told {
            out.push(Candidate {
                subject: OutboxSubject::NewDirective,
                record_key: v.celex.clone(),
                deadline: None,
                step: role.to_owned(),
                authorities: vec![code],
            });
        }
    }
    // The deadlines are the same in every language; their words differ.
    let any = facts
        .deadlines
        .get(&Lang::Fr)
        .or_else(|| facts.deadlines.values().next());
    for d in any.into_iter().flatten() {
        let (subject, kind) = subject_of(d.kind);
        if let Some(step) = reminder_step(kind, d.days_left, facts.as_of) {
            out.push(Candidate {
                subject,
                record_key: d.key.clone(),
                deadline: Some(d.date),
                step,
                authorities: d.authorities.clone(),
            });
        }
    }
    // A campaign: each administration that has not answered every question, a week ahead and
    // weekly once late.
    for c in &facts.campaigns {
        let days_left = (c.due - facts.as_of).num_days();
        let Some(step) = reminder_step(ReminderKind::Campaign, days_left, facts.as_of) else {
            continue;
        };
        for (code, &answered) in &c.answered {
            if answered < c.asked {
                out.push(Candidate {
                    subject: OutboxSubject::Campaign,
                    record_key: c.name.clone(),
                    deadline: Some(c.due),
                    step: step.clone(),
                    authorities: vec![code.clone()],
                });
            }
        }
    }
    out
}

/// An item nobody can be told: its administration has no contact, or it is the unit's and no
/// unit address is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unaddressed {
    pub subject: OutboxSubject,
    pub record_key: String,
    pub deadline: Option<NaiveDate>,
    pub step: String,
    /// `None`: the unit's.
    pub authority: Option<String>,
}

/// Who gets what at this run.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per recipient (in address order), the items to send.
    pub messages: Vec<(Recipient, Vec<NewItem>)>,
    /// Items sent at an earlier run.
    pub skipped: Vec<NewItem>,
    /// Items left open by an earlier run that are no longer due.
    pub superseded: Vec<outbox::Model>,
    pub unaddressed: Vec<Unaddressed>,
}

/// Addresses the candidates: to every recipient of their administrations (an address once per
/// item, told as the first of its administrations concerned), to `unit` when they have none;
/// drops what was `sent`; and finds the `open` items of earlier runs that this run does not take
/// over.
pub fn plan(
    candidates: &[Candidate],
    recipients: &[Recipient],
    unit: Option<&Recipient>,
    sent: &HashSet<String>,
    open: &[outbox::Model],
) -> Plan {
    let mut by_authority: HashMap<&str, Vec<&Recipient>> = HashMap::new();
    for r in recipients {
        for a in &r.authorities {
            by_authority.entry(a.as_str()).or_default().push(r);
        }
    }
    let mut plan = Plan::default();
    let mut per_recipient: BTreeMap<String, (Recipient, Vec<NewItem>)> = BTreeMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for c in candidates {
        let mut targets: Vec<(&Recipient, Option<String>)> = Vec::new();
        if c.authorities.is_empty() {
            match unit {
                Some(u) => targets.push((u, None)),
                None => plan.unaddressed.push(unaddressed(c, None)),
            }
        }
        for a in &c.authorities {
            match by_authority.get(a.as_str()) {
                Some(rs) => {
                    for r in rs {
                        if !targets.iter().any(|(t, _)| t.email == r.email) {
                            targets.push((r, Some(a.clone())));
                        }
                    }
                }
                None => plan.unaddressed.push(unaddressed(c, Some(a.clone()))),
            }
        }
        for (r, authority) in targets {
            let item = NewItem {
                recipient: r.email.clone(),
                lang: r.lang,
                subject: c.subject,
                record_key: c.record_key.clone(),
                deadline: c.deadline,
                step: c.step.clone(),
                authority_code: authority,
            };
            let key = item.key();
            if sent.contains(&key) {
                plan.skipped.push(item);
            } else if taken.insert(key) {
                per_recipient
                    .entry(r.email.clone())
                    .or_insert_with(|| (r.clone(), Vec::new()))
                    .1
                    .push(item);
            }
        }
    }
    plan.superseded = open
        .iter()
        .filter(|o| !taken.contains(&o.item_key))
        .cloned()
        .collect();
    plan.messages = per_recipient.into_values().collect();
    plan
}

fn unaddressed(c: &Candidate, authority: Option<String>) -> Unaddressed {
    Unaddressed {
        subject: c.subject,
        record_key: c.record_key.clone(),
        deadline: c.deadline,
        step: c.step.clone(),
        authority,
    }
}

/// The digest of one recipient's items, in its language, with the facts of the run's date; an
/// item the facts do not hold (none should: the items come from them) is an error naming it.
pub fn digest(facts: &Facts, recipient: &Recipient, items: &[NewItem]) -> Result<Digest, String> {
    let lang = Lang::from(recipient.lang);
    let deadlines = facts
        .deadlines
        .get(&lang)
        .or_else(|| facts.deadlines.values().next());
    let find = |subject: OutboxSubject, key: &str, date: Option<NaiveDate>| {
        deadlines
            .into_iter()
            .flatten()
            .find(|d| subject_of(d.kind).0 == subject && d.key == key && Some(d.date) == date)
    };
    let names =
        |codes: &[String]| -> Vec<String> { codes.iter().map(|c| facts.name(c, lang)).collect() };
    let mut digest = Digest {
        lang,
        as_of: facts.as_of,
        recipient_name: recipient.name.clone(),
        authorities: names(&recipient.authorities),
        new_directives: Vec::new(),
        transposition: Vec::new(),
        replies: Vec::new(),
        campaigns: Vec::new(),
    };
    let mut seen_new = HashSet::new();
    for item in items {
        if item.subject == OutboxSubject::Campaign {
            let code = item.authority_code.clone().unwrap_or_default();
            let Some(c) = facts.campaigns.iter().find(|c| c.name == item.record_key) else {
                return Err(format!(
                    "no campaign {} to tell {} of",
                    item.record_key, item.recipient
                ));
            };
            digest.campaigns.push(CampaignLine {
                name: c.name.clone(),
                title: if lang == Lang::Nl {
                    c.title_nl.clone()
                } else {
                    c.title_fr.clone()
                },
                due: c.due,
                days_left: (c.due - facts.as_of).num_days(),
                authority: facts.name(&code, lang),
                answered: c.answered.get(&code).copied().unwrap_or(0),
                asked: c.asked,
            });
            continue;
        }
        if item.subject == OutboxSubject::NewDirective {
            let Some(v) = facts.new_directives.get(&item.record_key) else {
                return Err(format!(
                    "no directive {} to tell {} of",
                    item.record_key, item.recipient
                ));
            };
            if !seen_new.insert(&v.celex) {
                continue;
            }
            digest.new_directives.push(NewDirective {
                number: v.number.clone(),
                celex: v.celex.clone(),
                title: v.shown_title(lang),
                deadlines: v.deadlines.clone(),
                competence: v.competence.label(lang).to_owned(),
                lead: v.lead.as_deref().map(|c| facts.name(c, lang)),
                associated: names(&v.associated),
            });
            continue;
        }
        let Some(d) = find(item.subject, &item.record_key, item.deadline) else {
            return Err(format!(
                "no deadline {} of {} to tell {} of",
                item.deadline.map(|d| d.to_string()).unwrap_or_default(),
                item.record_key,
                item.recipient
            ));
        };
        let line = DeadlineLine {
            key: d.key.clone(),
            what: d.what.clone(),
            date: d.date,
            days_left: d.days_left,
            authorities: names(&d.authorities),
        };
        if item.subject == OutboxSubject::Transposition {
            digest.transposition.push(line);
        } else {
            digest.replies.push(line);
        }
    }
    digest.transposition.sort_by_key(|l| l.date);
    digest.replies.sort_by_key(|l| l.date);
    digest.campaigns.sort_by_key(|c| c.due);
    Ok(digest)
}

/// The unit's own address as a recipient (`--unit-address`), in the run's language.
pub fn unit_recipient(email: String, lang: Lang) -> Recipient {
    Recipient {
        email,
        name: None,
        lang: StoredLang::from(lang),
        authorities: Vec::new(),
    }
}
