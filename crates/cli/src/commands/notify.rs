//! `contact` and `notify`: who each administration wants told, and the daily run that tells them
//! (new directives, coming transposition deadlines, replies expected by the Commission), one
//! digest per address and run, in the address's language.
//!
//! A run decides its items (`views::notify`), drops those sent at an earlier run, reaches the
//! mail server before writing anything (unreachable: one line, exit 2, nothing written), queues
//! the items in the outbox in one transaction, then sends digest by digest, marking each item
//! sent or failed as soon as the server has answered. A failed item is tried again at the next
//! run while it is due; one a later step replaced is marked superseded.

use std::collections::BTreeSet;

use anyhow::Context;
use chrono::{Duration, Utc};
use data::code::{Lang as StoredLang, OutboxSubject};
use data::notify::{self as store, NewItem, Recipient};
use domain::Lang;
use serde::Serialize;
use views::notify::{Facts, Plan, Unaddressed, candidates, digest, plan, unit_recipient};

use super::{Ctx, as_of, seconds};
use crate::args::{ContactCmd, NotifyArgs};
use crate::labels as l;
use crate::mail::Mailer;
use crate::table::Table;

fn contact_lang(text: &str) -> anyhow::Result<StoredLang> {
    match text.trim().to_ascii_lowercase().as_str() {
        "fr" => Ok(StoredLang::Fr),
        "nl" => Ok(StoredLang::Nl),
        _ => anyhow::bail!(
            "--contact-lang {text}: expected fr or nl (the language of the person's messages)"
        ),
    }
}

pub async fn contact(ctx: &mut Ctx<'_>, cmd: ContactCmd) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    match cmd {
        ContactCmd::Add {
            authority,
            email,
            name,
            contact_lang: given,
        } => {
            let stored = match given {
                Some(text) => contact_lang(&text)?,
                None => contact_lang(lang.code())?,
            };
            let txn = data::begin_write(&ctx.db).await?;
            let c = store::add_contact(&txn, &ctx.actor, &authority, &email, name, stored).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&c)?;
            } else {
                ctx.print(&format!(
                    "{}: {} {} ({})\n",
                    l::CONTACT_ADDED.t(lang),
                    c.authority,
                    c.model.email,
                    c.model.lang
                ))?;
            }
        }
        ContactCmd::List { authority } => {
            let contacts = store::contacts(&ctx.db, authority.as_deref()).await?;
            let code = match &authority {
                Some(text) => {
                    let known = data::repo::authorities(&ctx.db).await?;
                    Some(data::repo::find_authority(&known, text)?.code.clone())
                }
                None => None,
            };
            // The users of the web application told too: addresses that are no contact.
            let recipients = store::recipients(&ctx.db).await?;
            let users: Vec<&Recipient> = recipients
                .iter()
                .filter(|r| !contacts.iter().any(|c| c.model.email == r.email))
                .filter(|r| code.as_ref().is_none_or(|c| r.authorities.contains(c)))
                .collect();
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "contacts": contacts, "users": users }))?;
            } else {
                let mut t = Table::new(&[
                    l::AUTHORITIES.t(lang),
                    l::EMAIL.t(lang),
                    l::NAME.t(lang),
                    l::LANGUAGE.t(lang),
                    l::SOURCE.t(lang),
                ]);
                for c in &contacts {
                    t.row(vec![
                        c.authority.clone(),
                        c.model.email.clone(),
                        c.model.name.clone().unwrap_or_default(),
                        c.model.lang.to_string(),
                        l::SOURCE_CONTACT.t(lang).to_owned(),
                    ]);
                }
                for r in users {
                    t.row(vec![
                        r.authorities.join(", "),
                        r.email.clone(),
                        r.name.clone().unwrap_or_default(),
                        r.lang.to_string(),
                        l::SOURCE_USER.t(lang).to_owned(),
                    ]);
                }
                ctx.print(&t.render())?;
            }
        }
        ContactCmd::Remove { authority, email } => {
            let txn = data::begin_write(&ctx.db).await?;
            let c = store::remove_contact(&txn, &ctx.actor, &authority, &email).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&c)?;
            } else {
                ctx.print(&format!(
                    "{}: {} {}\n",
                    l::CONTACT_REMOVED.t(lang),
                    c.authority,
                    c.model.email
                ))?;
            }
        }
    }
    Ok(crate::EXIT_OK)
}

/// One item in the report, as `notify --json` prints it.
#[derive(Serialize)]
struct ItemReport {
    subject: OutboxSubject,
    record: String,
    deadline: Option<chrono::NaiveDate>,
    step: String,
    authority: Option<String>,
}

impl ItemReport {
    fn of(item: &NewItem) -> ItemReport {
        ItemReport {
            subject: item.subject,
            record: item.record_key.clone(),
            deadline: item.deadline,
            step: item.step.clone(),
            authority: item.authority_code.clone(),
        }
    }
}

#[derive(Serialize)]
struct MessageReport {
    to: String,
    lang: StoredLang,
    subject: String,
    /// `sent`, `failed` or, for a dry run, `would-send`.
    status: &'static str,
    message_id: Option<String>,
    error: Option<String>,
    items: Vec<ItemReport>,
}

#[derive(Serialize)]
struct RunReport {
    as_of: chrono::NaiveDate,
    dry_run: bool,
    /// No run before this one: directives are announced from this run on.
    first_run: bool,
    /// Where new directives were looked for from: the start of the last run.
    new_since: Option<chrono::DateTime<Utc>>,
    messages: Vec<MessageReport>,
    skipped: Vec<ItemReport>,
    superseded: Vec<ItemReport>,
    unaddressed: Vec<Unaddressed>,
}

pub async fn notify(ctx: &mut Ctx<'_>, a: NotifyArgs) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let date = as_of(&a.as_of.as_of)?;
    let unit = a
        .unit_address
        .as_deref()
        .map(|u| {
            data::users::check_email(u)
                .map(|e| unit_recipient(e.to_lowercase(), lang))
                .context("--unit-address")
        })
        .transpose()?;
    let mailer = if a.dry_run {
        None
    } else {
        let url = a.smtp_url.as_deref().context(
            "no mail server: give --smtp-url (or SCOREBOARD_SMTP_URL), e.g. smtp://relay.example.brussels:25, or use --dry-run",
        )?;
        let from = a.mail_from.as_deref().context(
            "no sender: give --mail-from (or SCOREBOARD_MAIL_FROM), e.g. \"EU scoreboard <scoreboard@sprb.brussels>\"",
        )?;
        Some(Mailer::new(
            url,
            from,
            seconds(a.smtp_timeout, "smtp-timeout")?,
        )?)
    };

    let last = store::last_run(&ctx.db).await?;
    if let Some(run) = &last
        && run.finished_at.is_none()
        && ctx.actor.at - run.started_at < Duration::hours(1)
    {
        anyhow::bail!(
            "another notify run has been sending since {} (run {}): wait for it to end; a run that stopped midway is taken over after an hour",
            run.started_at.format("%Y-%m-%d %H:%M:%S UTC"),
            run.id
        );
    }
    let recipients = store::recipients(&ctx.db).await?;
    let open = store::open_items(&ctx.db).await?;
    let mut new_celexes: BTreeSet<String> = match &last {
        Some(run) => store::directives_assigned_since(&ctx.db, run.started_at).await?,
        None => BTreeSet::new(),
    };
    new_celexes.extend(
        open.iter()
            .filter(|o| o.subject == OutboxSubject::NewDirective)
            .map(|o| o.record_key.clone()),
    );
    let mut langs: BTreeSet<Lang> = recipients.iter().map(|r| Lang::from(r.lang)).collect();
    langs.insert(lang);
    let facts = Facts::read(&ctx.db, date, &langs, &new_celexes).await?;
    let due = candidates(&facts);
    let draft = plan(&due, &recipients, unit.as_ref(), &Default::default(), &open);
    let keys: Vec<String> = draft
        .messages
        .iter()
        .flat_map(|(_, items)| items.iter().map(NewItem::key))
        .collect();
    let sent = store::sent_keys(&ctx.db, &keys).await?;
    let plan = plan(&due, &recipients, unit.as_ref(), &sent, &open);

    let mut rendered = Vec::with_capacity(plan.messages.len());
    for (r, items) in &plan.messages {
        let d = digest(&facts, r, items).map_err(|e| anyhow::anyhow!("{e}"))?;
        rendered.push(report::mail::render(&d)?);
    }
    let mut report = RunReport {
        as_of: date,
        dry_run: a.dry_run,
        first_run: last.is_none(),
        new_since: last.as_ref().map(|r| r.started_at),
        messages: Vec::new(),
        skipped: plan.skipped.iter().map(ItemReport::of).collect(),
        superseded: plan
            .superseded
            .iter()
            .map(|o| ItemReport {
                subject: o.subject,
                record: o.record_key.clone(),
                deadline: o.deadline,
                step: o.step.clone(),
                authority: o.authority_code.clone(),
            })
            .collect(),
        unaddressed: plan.unaddressed.clone(),
    };
    let Some(mailer) = mailer else {
        for ((r, items), m) in plan.messages.iter().zip(&rendered) {
            report
                .messages
                .push(message_report(r, items, m, "would-send"));
        }
        print_report(ctx, &report)?;
        return Ok(crate::EXIT_OK);
    };
    let failed = send_all(ctx, &mailer, date, &plan, &rendered, &mut report).await?;
    print_report(ctx, &report)?;
    Ok(if failed > 0 {
        crate::EXIT_ATTENTION
    } else {
        crate::EXIT_OK
    })
}

fn message_report(
    r: &Recipient,
    items: &[NewItem],
    m: &report::mail::Rendered,
    status: &'static str,
) -> MessageReport {
    MessageReport {
        to: r.email.clone(),
        lang: r.lang,
        subject: m.subject.clone(),
        status,
        message_id: None,
        error: None,
        items: items.iter().map(ItemReport::of).collect(),
    }
}

/// Reaches the server, queues the run's items, sends each digest and records how it went.
/// Returns the number of items that failed.
async fn send_all(
    ctx: &mut Ctx<'_>,
    mailer: &Mailer,
    date: chrono::NaiveDate,
    plan: &Plan,
    rendered: &[report::mail::Rendered],
    report: &mut RunReport,
) -> anyhow::Result<usize> {
    if !plan.messages.is_empty() {
        mailer.check().await.map_err(|e| {
            anyhow::anyhow!(
                "cannot reach the mail server {}: {e}; nothing was sent, the next run tries again",
                mailer.server
            )
        })?;
    }
    let items: Vec<NewItem> = plan
        .messages
        .iter()
        .flat_map(|(_, items)| items.iter().cloned())
        .collect();
    let superseded: Vec<i32> = plan.superseded.iter().map(|o| o.id).collect();
    let txn = data::begin_write(&ctx.db).await?;
    let (run, ids) = store::start_run(&txn, &ctx.actor, date, &items, &superseded).await?;
    txn.commit().await?;
    let stamp = ctx.actor.at.timestamp();
    let (mut sent, mut failed) = (0, 0);
    let mut next = ids.into_iter();
    for (n, ((r, items), m)) in plan.messages.iter().zip(rendered).enumerate() {
        let ids: Vec<i32> = next.by_ref().take(items.len()).collect();
        let id = format!("scoreboard-notify-{}-{}-{stamp}", run.id, n + 1);
        let mut line = message_report(r, items, m, "sent");
        let outcome = match mailer.message(&r.email, r.name.as_deref(), Lang::from(r.lang), m, &id)
        {
            Ok(outgoing) => mailer.send(&outgoing).await.map(|()| outgoing.message_id),
            Err(e) => Err(format!("{e:#}")),
        };
        match outcome {
            Ok(message_id) => {
                store::mark_sent(&ctx.db, &ids, &message_id, Utc::now()).await?;
                sent += items.len();
                line.message_id = Some(message_id);
            }
            Err(error) => {
                store::mark_failed(&ctx.db, &ids, &error).await?;
                failed += items.len();
                line.status = "failed";
                line.error = Some(error);
            }
        }
        report.messages.push(line);
    }
    store::finish_run(&ctx.db, &run, sent, failed, plan.skipped.len(), Utc::now()).await?;
    Ok(failed)
}

fn print_report(ctx: &mut Ctx<'_>, report: &RunReport) -> anyhow::Result<()> {
    if ctx.json {
        return ctx.print_json(report);
    }
    let lang = ctx.lang;
    let mut out = String::new();
    if report.first_run {
        out.push_str(l::NOTIFY_FIRST_RUN.t(lang));
        out.push('\n');
    }
    if report.messages.is_empty() {
        out.push_str(l::NOTIFY_NOTHING.t(lang));
        out.push('\n');
    } else {
        let mut t = Table::new(&[
            l::NOTIFY_TO.t(lang),
            l::LANGUAGE.t(lang),
            l::NOTIFY_ITEMS.t(lang),
            l::STATUS.t(lang),
        ]);
        for m in &report.messages {
            let status = match m.status {
                "sent" => l::NOTIFY_SENT.t(lang).to_owned(),
                "failed" => format!(
                    "{}: {}",
                    l::NOTIFY_FAILED.t(lang),
                    m.error.clone().unwrap_or_default()
                ),
                _ => l::NOTIFY_WOULD_SEND.t(lang).to_owned(),
            };
            t.row(vec![
                m.to.clone(),
                m.lang.to_string(),
                m.items
                    .iter()
                    .map(|i| i.record.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                status,
            ]);
        }
        out.push_str(&t.render());
    }
    let count = |n: usize| lang.format_int(i64::try_from(n).unwrap_or(i64::MAX));
    if !report.skipped.is_empty() {
        out.push_str(&domain::words::fill(
            lang,
            "cli.notify_skipped",
            &[("n", &count(report.skipped.len()))],
        ));
        out.push('\n');
    }
    if !report.superseded.is_empty() {
        out.push_str(&domain::words::fill(
            lang,
            "cli.notify_superseded",
            &[("n", &count(report.superseded.len()))],
        ));
        out.push('\n');
    }
    let mut by_authority: std::collections::BTreeMap<Option<&str>, usize> = Default::default();
    for u in &report.unaddressed {
        *by_authority.entry(u.authority.as_deref()).or_default() += 1;
    }
    for (authority, n) in by_authority {
        let line = match authority {
            Some(code) => domain::words::fill(
                lang,
                "cli.notify_no_contact",
                &[("n", &count(n)), ("authority", code)],
            ),
            None => domain::words::fill(lang, "cli.notify_no_unit", &[("n", &count(n))]),
        };
        out.push_str(&line);
        out.push('\n');
    }
    ctx.print(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_language_is_fr_or_nl() {
        assert_eq!(contact_lang(" NL ").unwrap(), StoredLang::Nl);
        let err = contact_lang("de").unwrap_err().to_string();
        assert!(err.contains("expected fr or nl"), "{err}");
        // `--lang en` for the printout is not a language for a contact's messages.
        assert!(contact_lang("en").is_err());
    }
}
