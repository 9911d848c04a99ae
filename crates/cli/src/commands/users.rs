//! `user`, `token`, `calendar address` and `serve`: the people of the web application, their
//! personal API tokens, the administrations' calendar addresses, and the server itself.
//!
//! A secret (a token, a calendar address) is printed once, alone on the last line, so a script
//! can take it with `tail -1`; the database keeps only its digest.

use std::io::BufRead;
use std::time::Duration;

use anyhow::Context;
use data::code::{Lang as StoredLang, Role};
use data::users::{self, NewUser};
use serde_json::json;

use super::{Ctx, as_of};
use crate::args::{CalendarCmd, ServeArgs, TokenCmd, UserCmd};
use crate::labels as l;
use crate::table::Table;

fn role(text: &str) -> anyhow::Result<Role> {
    match text.trim().to_ascii_lowercase().as_str() {
        "unit" | "cellule" | "cel" => Ok(Role::Unit),
        "coordinator" | "coordinateur" | "coordinator-nl" | "coördinator" => Ok(Role::Coordinator),
        "reader" | "lecteur" | "lezer" => Ok(Role::Reader),
        _ => anyhow::bail!(
            "--role {text}: expected unit (reads and edits everything), coordinator (edits its administrations' records) or reader (reads)"
        ),
    }
}

fn page_lang(text: &str) -> anyhow::Result<StoredLang> {
    match text.trim().to_ascii_lowercase().as_str() {
        "fr" => Ok(StoredLang::Fr),
        "nl" => Ok(StoredLang::Nl),
        _ => anyhow::bail!("--user-lang {text}: expected fr or nl"),
    }
}

pub async fn user(ctx: &mut Ctx<'_>, cmd: UserCmd) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    match cmd {
        UserCmd::Add {
            login,
            role: r,
            authorities,
            email,
            user_lang,
        } => {
            let new = NewUser {
                login,
                role: role(&r)?,
                authorities,
                email,
                lang: page_lang(&user_lang)?,
            };
            let txn = data::begin_write(&ctx.db).await?;
            let u = users::add_user(&txn, &ctx.actor, &new).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&u)?;
            } else {
                ctx.print(&format!(
                    "{}: {} ({}{})\n",
                    l::USER_ADDED.t(lang),
                    u.login(),
                    u.role(),
                    if u.authorities.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", u.authorities.join(", "))
                    }
                ))?;
                ctx.print(&format!(
                    "{}\n",
                    l::USER_NEXT_PASSWD.t(lang).replace("{login}", u.login())
                ))?;
            }
        }
        UserCmd::List => {
            let all = users::users(&ctx.db).await?;
            if ctx.json {
                ctx.print_json(&all)?;
            } else {
                let mut t = Table::new(&[
                    l::LOGIN.t(lang),
                    l::ROLE.t(lang),
                    l::AUTHORITIES.t(lang),
                    l::EMAIL.t(lang),
                    l::STATE.t(lang),
                ]);
                for u in &all {
                    let state = if u.model.disabled {
                        l::DISABLED.t(lang)
                    } else if u.model.password_hash.is_none() {
                        l::NO_PASSWORD.t(lang)
                    } else {
                        l::ACTIVE_USER.t(lang)
                    };
                    t.row(vec![
                        u.login().to_owned(),
                        u.role().to_string(),
                        u.authorities.join(", "),
                        u.model.email.clone().unwrap_or_default(),
                        state.to_owned(),
                    ]);
                }
                ctx.print(&t.render())?;
            }
        }
        UserCmd::Disable { login } => set_disabled(ctx, &login, true).await?,
        UserCmd::Enable { login } => set_disabled(ctx, &login, false).await?,
        UserCmd::Passwd { login } => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            let password = line.trim_end_matches(['\n', '\r']).to_owned();
            // The user exists before the (slow) hash is made.
            users::user(&ctx.db, &login).await?;
            let hash = web::hash_password(&password, web::PasswordCost::default())
                .with_context(|| format!("user {login}"))?;
            let txn = data::begin_write(&ctx.db).await?;
            users::set_password_hash(&txn, &ctx.actor, &login, hash).await?;
            txn.commit().await?;
            ctx.print(&format!("{}: {login}\n", l::PASSWORD_SET.t(lang)))?;
        }
    }
    Ok(crate::EXIT_OK)
}

async fn set_disabled(ctx: &mut Ctx<'_>, login: &str, disabled: bool) -> anyhow::Result<()> {
    let txn = data::begin_write(&ctx.db).await?;
    let u = users::set_disabled(&txn, &ctx.actor, login, disabled).await?;
    txn.commit().await?;
    let word = if disabled {
        l::DISABLED
    } else {
        l::ACTIVE_USER
    };
    ctx.print(&format!("{}: {}\n", u.login(), word.t(ctx.lang)))
}

pub async fn token(ctx: &mut Ctx<'_>, cmd: TokenCmd) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    match cmd {
        TokenCmd::Add { login, label } => {
            let token = web::new_secret("sbt_");
            let txn = data::begin_write(&ctx.db).await?;
            let row =
                users::add_token(&txn, &ctx.actor, &login, web::digest(&token), label).await?;
            txn.commit().await?;
            if ctx.json {
                ctx.print_json(&json!({"login": login, "id": row.id, "token": token}))?;
            } else {
                ctx.print(&format!(
                    "{} (n° {}):\n{token}\n",
                    l::TOKEN_ONCE.t(lang),
                    row.id
                ))?;
            }
        }
        TokenCmd::List { login } => {
            let rows = users::tokens(&ctx.db, &login).await?;
            if ctx.json {
                ctx.print_json(&rows)?;
            } else {
                let mut t = Table::new(&[
                    "n°",
                    l::LABEL.t(lang),
                    l::CREATED.t(lang),
                    l::REVOKED.t(lang),
                ]);
                for r in &rows {
                    t.row(vec![
                        r.id.to_string(),
                        r.label.clone().unwrap_or_default(),
                        ctx.date(r.created_at.date_naive()),
                        r.revoked_at
                            .map(|d| ctx.date(d.date_naive()))
                            .unwrap_or_default(),
                    ]);
                }
                ctx.print(&t.render())?;
            }
        }
        TokenCmd::Revoke { login, id } => {
            let txn = data::begin_write(&ctx.db).await?;
            let n = users::revoke_tokens(&txn, &ctx.actor, &login, id).await?;
            txn.commit().await?;
            ctx.print(&format!("{}: {n}\n", l::TOKENS_REVOKED.t(lang)))?;
        }
    }
    Ok(crate::EXIT_OK)
}

pub async fn calendar(ctx: &mut Ctx<'_>, cmd: CalendarCmd) -> anyhow::Result<u8> {
    let CalendarCmd::Address {
        authority,
        public_url,
    } = cmd;
    let base = url::Url::parse(&public_url)
        .with_context(|| format!("--public-url {public_url}: expected an address like https://scoreboard.example.brussels"))?;
    let token = web::new_secret("sbc_");
    let txn = data::begin_write(&ctx.db).await?;
    let a = users::set_calendar_feed(&txn, &ctx.actor, &authority, web::digest(&token)).await?;
    txn.commit().await?;
    let address = format!(
        "{}/calendar/{token}.ics",
        base.as_str().trim_end_matches('/')
    );
    if ctx.json {
        ctx.print_json(&json!({"authority": a.code, "address": address}))?;
    } else {
        ctx.print(&format!(
            "{} ({}):\n{address}\n",
            l::CALENDAR_ONCE.t(ctx.lang),
            a.code
        ))?;
    }
    Ok(crate::EXIT_OK)
}

pub async fn serve(ctx: &mut Ctx<'_>, a: ServeArgs) -> anyhow::Result<u8> {
    let _ = tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init();
    let public_url = a
        .public_url
        .as_deref()
        .map(|u| {
            url::Url::parse(u).with_context(|| {
                format!(
                    "--public-url {u}: expected an address like https://scoreboard.example.brussels"
                )
            })
        })
        .transpose()?;
    let config = web::Config {
        secure_cookies: !a.insecure_cookies,
        session_ttl: Duration::from_secs(a.session_hours.max(1) * 3600),
        password_cost: if a.cheap_passwords {
            web::PasswordCost::cheap()
        } else {
            web::PasswordCost::default()
        },
        today: a.as_of.is_some().then(|| as_of(&a.as_of)).transpose()?,
        #[cfg(feature = "oidc")]
        oidc: oidc_config(&a, public_url.as_ref())?,
        public_url,
        behind_proxy: a.behind_proxy,
        ..web::Config::default()
    };
    let listener = tokio::net::TcpListener::bind(&a.bind)
        .await
        .with_context(|| format!("--bind {}: cannot listen there", a.bind))?;
    let local = listener.local_addr()?;
    // The address on its own line: a script (or a test) that asked for port 0 reads it here.
    ctx.print(&format!("{} http://{local}\n", l::SERVING.t(ctx.lang)))?;
    ctx.out.flush().ok();
    web::serve(listener, ctx.db.clone(), config, web::stop_signal())
        .await
        .context("the web server stopped")?;
    Ok(crate::EXIT_OK)
}

/// The identity provider of `--oidc-issuer`, with its client id and the secret read from the
/// environment (a command line is visible to every user of the machine).
#[cfg(feature = "oidc")]
fn oidc_config(
    a: &ServeArgs,
    public_url: Option<&url::Url>,
) -> anyhow::Result<Option<web::OidcConfig>> {
    let Some(issuer) = a.oidc_issuer.as_deref() else {
        return Ok(None);
    };
    let id = a.oidc_client_id.as_deref().with_context(|| {
        format!("--oidc-issuer {issuer}: give the client id too (--oidc-client-id or SCOREBOARD_OIDC_CLIENT_ID)")
    })?;
    let secret = std::env::var("SCOREBOARD_OIDC_CLIENT_SECRET").map_err(|_| {
        anyhow::anyhow!(
            "--oidc-issuer {issuer}: set the client secret in the environment variable SCOREBOARD_OIDC_CLIENT_SECRET"
        )
    })?;
    let config = web::OidcConfig::new(issuer, id, &secret, public_url)
        .with_context(|| format!("--oidc-issuer {issuer}"))?;
    Ok(Some(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_in_the_users_words() {
        assert_eq!(role("unit").unwrap(), Role::Unit);
        assert_eq!(role("Coordinateur").unwrap(), Role::Coordinator);
        assert_eq!(role("lezer").unwrap(), Role::Reader);
        assert!(
            role("admin")
                .unwrap_err()
                .to_string()
                .contains("expected unit")
        );
    }
}
