//! The e-mail digest of `scoreboard notify`: one message per recipient and run, in the
//! recipient's language, as a subject, a plain-text part and an HTML part rendered from the same
//! context by `templates/mail.txt` and `templates/mail.html`, whose words are the `mail` tables of
//! the translation files (`w.name`), like the scoreboard page's.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::Lang;
use domain::words::{all, fill};
use minijinja::{Environment, UndefinedBehavior, value::Serde};
use serde::Serialize;

use crate::ReportError;

const HTML: &str = include_str!("../../../templates/mail.html");
const TEXT: &str = include_str!("../../../templates/mail.txt");

/// What one recipient is told at one run.
#[derive(Clone, Debug, Serialize)]
pub struct Digest {
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub recipient_name: Option<String>,
    /// The administrations the recipient is told for, by name; empty for the unit's own address.
    pub authorities: Vec<String>,
    pub new_directives: Vec<NewDirective>,
    /// Transposition deadlines, in date order.
    pub transposition: Vec<DeadlineLine>,
    /// Replies to the Commission (cases and EU Pilot files), in date order.
    pub replies: Vec<DeadlineLine>,
    /// Contribution campaigns not answered in full, in date order.
    pub campaigns: Vec<CampaignLine>,
}

/// A contribution campaign an administration has not answered in full.
#[derive(Clone, Debug, Serialize)]
pub struct CampaignLine {
    pub name: String,
    /// In the digest's language.
    pub title: String,
    pub due: NaiveDate,
    pub days_left: i64,
    /// The administration's name.
    pub authority: String,
    pub answered: usize,
    pub asked: usize,
}

/// A directive newly assigned (or to assign, for the unit).
#[derive(Clone, Debug, Serialize)]
pub struct NewDirective {
    /// `2019/1024`
    pub number: String,
    pub celex: String,
    pub title: Option<String>,
    pub deadlines: Vec<NaiveDate>,
    /// The competence's label in the digest's language.
    pub competence: String,
    /// Names in the digest's language.
    pub lead: Option<String>,
    pub associated: Vec<String>,
}

/// A deadline someone must act on.
#[derive(Clone, Debug, Serialize)]
pub struct DeadlineLine {
    /// The CELEX, or the case or EU Pilot number.
    pub key: String,
    /// `2019/1024 — title`, `INFR(2020)0385 — reasoned opinion`.
    pub what: String,
    pub date: NaiveDate,
    /// Negative when overdue.
    pub days_left: i64,
    /// Names, the lead first.
    pub authorities: Vec<String>,
}

/// A digest ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Digest {
    pub fn item_count(&self) -> usize {
        self.new_directives.len()
            + self.transposition.len()
            + self.replies.len()
            + self.campaigns.len()
    }
}

/// The subject and both parts of a digest.
pub fn render(digest: &Digest) -> Result<Rendered, ReportError> {
    let lang = digest.lang;
    let context = Context::of(digest);
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The .html name turns on HTML escaping; the .txt one leaves the text as it is.
    env.add_template("mail.html", HTML)?;
    env.add_template("mail.txt", TEXT)?;
    let html = env.get_template("mail.html")?.render(Serde(&context))?;
    let text = env.get_template("mail.txt")?.render(Serde(&context))?;
    let count = digest.item_count().to_string();
    let subject = fill(
        lang,
        "mail.subject",
        &[
            ("who", &context.who),
            ("count", &count),
            ("date", &context.as_of),
        ],
    );
    Ok(Rendered {
        subject,
        text: text.trim().to_owned() + "\n",
        html,
    })
}

/// The words and values the templates read, every date and count already written in the
/// digest's language.
#[derive(Serialize)]
struct Context {
    lang: &'static str,
    w: BTreeMap<String, String>,
    as_of: String,
    greeting: String,
    /// The administrations' names joined, or the unit's name.
    who: String,
    intro: String,
    new_directives: Vec<NewContext>,
    transposition: Vec<LineContext>,
    replies: Vec<LineContext>,
    campaigns_title: String,
    campaigns: Vec<CampaignContext>,
}

#[derive(Serialize)]
struct CampaignContext {
    title: String,
    line: String,
    when: String,
    overdue: bool,
    authority: String,
}

#[derive(Serialize)]
struct NewContext {
    number: String,
    celex: String,
    title: String,
    deadlines: String,
    competence: String,
    lead: String,
    associated: String,
    eurlex: String,
}

#[derive(Serialize)]
struct LineContext {
    key: String,
    what: String,
    date: String,
    when: String,
    overdue: bool,
    authorities: String,
}

impl Context {
    fn of(d: &Digest) -> Context {
        let lang = d.lang;
        let prefix = "mail.";
        let w = all(lang)
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_owned(), v.clone())))
            .collect();
        let who = if d.authorities.is_empty() {
            domain::words::t(lang, "mail.unit").to_owned()
        } else {
            d.authorities.join(", ")
        };
        let greeting = match &d.recipient_name {
            Some(name) => fill(lang, "mail.greeting_name", &[("name", name)]),
            None => domain::words::t(lang, "mail.greeting").to_owned(),
        };
        let as_of = lang.format_date(d.as_of);
        let intro = fill(lang, "mail.intro", &[("who", &who), ("date", &as_of)]);
        let line = |l: &DeadlineLine| LineContext {
            key: l.key.clone(),
            what: l.what.clone(),
            date: lang.format_date(l.date),
            when: when(lang, l.days_left),
            overdue: l.days_left < 0,
            authorities: l.authorities.join(", "),
        };
        Context {
            lang: lang.code(),
            w,
            as_of,
            greeting,
            who,
            intro,
            new_directives: d
                .new_directives
                .iter()
                .map(|n| NewContext {
                    number: n.number.clone(),
                    celex: n.celex.clone(),
                    title: n.title.clone().unwrap_or_default(),
                    deadlines: if n.deadlines.is_empty() {
                        domain::words::t(lang, "mail.no_deadline").to_owned()
                    } else {
                        n.deadlines
                            .iter()
                            .map(|&x| lang.format_date(x))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                    competence: n.competence.clone(),
                    lead: n
                        .lead
                        .clone()
                        .unwrap_or_else(|| domain::words::t(lang, "mail.no_lead").to_owned()),
                    associated: if n.associated.is_empty() {
                        "—".to_owned()
                    } else {
                        n.associated.join(", ")
                    },
                    eurlex: format!(
                        "https://eur-lex.europa.eu/legal-content/{}/TXT/?uri=CELEX:{}",
                        lang.code().to_uppercase(),
                        n.celex
                    ),
                })
                .collect(),
            transposition: d.transposition.iter().map(line).collect(),
            replies: d.replies.iter().map(line).collect(),
            campaigns_title: domain::words::t(lang, "campaign.mail_title").to_owned(),
            campaigns: d
                .campaigns
                .iter()
                .map(|c| CampaignContext {
                    title: c.title.clone(),
                    line: fill(
                        lang,
                        "campaign.mail_line",
                        &[
                            ("campaign", &c.name),
                            ("answered", &c.answered.to_string()),
                            ("asked", &c.asked.to_string()),
                            ("due", &lang.format_date(c.due)),
                        ],
                    ),
                    when: when(lang, c.days_left),
                    overdue: c.days_left < 0,
                    authority: c.authority.clone(),
                })
                .collect(),
        }
    }
}

/// "in 30 days", "today", "overdue by 12 days", in the digest's language and number format.
fn when(lang: Lang, days_left: i64) -> String {
    match days_left {
        0 => domain::words::t(lang, "mail.due_today").to_owned(),
        1 => domain::words::t(lang, "mail.due_tomorrow").to_owned(),
        n if n > 0 => fill(lang, "mail.due_in", &[("n", &lang.format_int(n))]),
        -1 => domain::words::t(lang, "mail.overdue_one").to_owned(),
        n => fill(lang, "mail.overdue_by", &[("n", &lang.format_int(-n))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(lang: Lang) -> Digest {
        let date = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Digest {
            lang,
            as_of: date("2023-01-11"),
            recipient_name: Some("Anne <Dupont> & co".into()),
            authorities: vec!["Bruxelles Environnement".into()],
            new_directives: vec![NewDirective {
                number: "2023/2413".into(),
                celex: "32023L2413".into(),
                title: Some("énergie <renouvelable>".into()),
                deadlines: vec![date("2025-05-21")],
                competence: "partagée".into(),
                lead: Some("Bruxelles Environnement".into()),
                associated: vec!["urban.brussels".into()],
            }],
            transposition: vec![DeadlineLine {
                key: "32019L1024".into(),
                what: "2019/1024 — données ouvertes".into(),
                date: date("2021-07-17"),
                days_left: -543,
                authorities: vec!["Bruxelles Environnement".into()],
            }],
            replies: vec![DeadlineLine {
                key: "INFR(2020)0385".into(),
                what: "INFR(2020)0385 — avis motivé".into(),
                date: date("2023-01-16"),
                days_left: 5,
                authorities: vec!["Bruxelles Environnement".into()],
            }],
            campaigns: vec![CampaignLine {
                name: "SIEG 2022".into(),
                title: "Rapport SIEG 2022".into(),
                due: date("2023-01-16"),
                days_left: 5,
                authority: "Bruxelles Environnement".into(),
                answered: 1,
                asked: 4,
            }],
        }
    }

    #[test]
    fn both_parts_carry_every_item_in_the_language() {
        let fr = render(&digest(Lang::Fr)).unwrap();
        assert!(fr.subject.contains("11 janvier 2023"), "{}", fr.subject);
        assert!(
            fr.subject.contains("Bruxelles Environnement"),
            "{}",
            fr.subject
        );
        // minijinja's HTML escaping writes `/` as `&#x2f;`, which every reader decodes.
        let html = fr.html.replace("&#x2f;", "/");
        for part in [&fr.text, &html] {
            assert!(part.contains("32023L2413"), "{part}");
            assert!(part.contains("21 mai 2025"), "{part}");
            assert!(part.contains("17 juillet 2021"), "{part}");
            assert!(part.contains("INFR(2020)0385"), "{part}");
            assert!(part.contains("urban.brussels"), "{part}");
            assert!(
                part.contains("SIEG 2022") && part.contains("1 question(s) sur 4"),
                "{part}"
            );
            assert!(
                part.contains(
                    "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32023L2413"
                ),
                "{part}"
            );
        }
        assert!(fr.text.contains("énergie <renouvelable>"), "{}", fr.text);
        assert!(
            fr.html.contains("énergie &lt;renouvelable&gt;"),
            "{}",
            fr.html
        );
        assert!(
            fr.html.contains("Anne &lt;Dupont&gt; &amp; co"),
            "{}",
            fr.html
        );
        assert!(fr.text.contains("543"), "{}", fr.text);
        let nl = render(&digest(Lang::Nl)).unwrap();
        assert!(nl.subject.contains("11 januari 2023"), "{}", nl.subject);
        assert!(nl.text.contains("17 juli 2021"), "{}", nl.text);
        assert!(nl.html.contains("lang=\"nl\""), "{}", nl.html);
        assert_ne!(fr.text, nl.text);
    }

    #[test]
    fn days_are_said_in_words() {
        assert_eq!(
            when(Lang::Fr, 0),
            domain::words::t(Lang::Fr, "mail.due_today")
        );
        assert!(
            when(Lang::Nl, 1_500).contains("1.500"),
            "{}",
            when(Lang::Nl, 1_500)
        );
        assert!(when(Lang::Fr, -2).contains('2'));
    }
}
