//! The people of the web application and what they may edit: users and their administrations,
//! personal API tokens, sessions, sign-in attempts and the administrations' calendar addresses.
//!
//! Secrets never reach this module in clear: the caller hashes passwords (argon2id) and digests
//! tokens and session keys (SHA-256) before storing or looking them up. Users, their
//! administrations, tokens and calendar addresses are written through `store` (history, with the
//! hashes left out); sessions and sign-in attempts are the server's working state, not records.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, QueryOrder};
use serde::Serialize;

use crate::code::{Lang, Role};
use crate::entity::{
    api_token, app_user, app_user_authority, authority, calendar_feed, case_directive, directive,
    directive_authority, infringement_case, proposal, proposal_authority, sign_in_attempt,
    web_session,
};
use crate::repo::{authorities, find_authority};
use crate::{Actor, DataError, store};

/// A user with the codes of the administrations it answers for.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    #[serde(flatten)]
    pub model: app_user::Model,
    pub authorities: Vec<String>,
    /// The ids of those administrations, for the rights checks.
    #[serde(skip)]
    pub authority_ids: Vec<i32>,
}

impl User {
    pub fn login(&self) -> &str {
        &self.model.login
    }

    pub fn role(&self) -> Role {
        self.model.role
    }
}

/// What `user add` gives.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub role: Role,
    pub authorities: Vec<String>,
    pub email: Option<String>,
    pub lang: Lang,
}

/// A login: 1 to 64 letters, digits and `. _ - @`, compared in lower case.
pub fn check_login(login: &str) -> Result<String, DataError> {
    let l = login.trim().to_lowercase();
    let ok = !l.is_empty()
        && l.chars().count() <= 64
        && l.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(l)
    } else {
        Err(DataError::Invalid(format!(
            "login \"{}\": expected 1 to 64 letters, digits and . _ - @ (e.g. j.dupont)",
            login.escape_debug()
        )))
    }
}

/// An e-mail address as people write one: something@domain.tld, no spaces.
pub fn check_email(email: &str) -> Result<String, DataError> {
    let e = email.trim();
    let ok = e.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !e.chars().any(char::is_whitespace);
    if ok {
        Ok(e.to_owned())
    } else {
        Err(DataError::Invalid(format!(
            "e-mail address \"{}\": expected name@domain (e.g. j.dupont@sprb.brussels)",
            email.escape_debug()
        )))
    }
}

/// Adds a user; a coordinator needs at least one administration.
pub async fn add_user<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    new: &NewUser,
) -> Result<User, DataError> {
    let login = check_login(&new.login)?;
    let email = new.email.as_deref().map(check_email).transpose()?;
    if new.role == Role::Coordinator && new.authorities.is_empty() {
        return Err(DataError::Invalid(format!(
            "user {login}: a coordinator edits the records of its administrations: give at least one --authority CODE"
        )));
    }
    if app_user::Entity::find()
        .filter(app_user::Column::Login.eq(&login))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DataError::Exists {
            what: "user",
            key: login,
        });
    }
    let known = authorities(db).await?;
    let mut ids = Vec::new();
    for text in &new.authorities {
        let id = find_authority(&known, text)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let model: app_user::Model = store::insert(
        db,
        actor,
        &login,
        app_user::ActiveModel {
            login: Set(login.clone()),
            role: Set(new.role),
            email: Set(email),
            lang: Set(new.lang),
            password_hash: Set(None),
            password_set_at: Set(None),
            disabled: Set(false),
            ..Default::default()
        },
    )
    .await?;
    let links = ids
        .iter()
        .map(|&authority_id| {
            (
                login.clone(),
                app_user_authority::ActiveModel {
                    user_id: Set(model.id),
                    authority_id: Set(authority_id),
                    ..Default::default()
                },
            )
        })
        .collect();
    store::insert_all::<app_user_authority::Model, _, _>(db, actor, links).await?;
    with_authorities(db, vec![model])
        .await?
        .pop()
        .ok_or_else(|| DataError::NotFound {
            what: "user",
            key: login,
        })
}

/// Every user, by login.
pub async fn users<C: ConnectionTrait>(db: &C) -> Result<Vec<User>, DataError> {
    let models = app_user::Entity::find()
        .order_by_asc(app_user::Column::Login)
        .all(db)
        .await?;
    with_authorities(db, models).await
}

async fn with_authorities<C: ConnectionTrait>(
    db: &C,
    models: Vec<app_user::Model>,
) -> Result<Vec<User>, DataError> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let links = store::find_in::<app_user_authority::Entity, _, _>(
        db,
        app_user_authority::Column::UserId,
        &ids,
    )
    .await?;
    let known = authorities(db).await?;
    let code = |id: i32| {
        known
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.code.clone())
            .unwrap_or_default()
    };
    Ok(models
        .into_iter()
        .map(|model| {
            let mut authority_ids: Vec<i32> = links
                .iter()
                .filter(|l| l.user_id == model.id)
                .map(|l| l.authority_id)
                .collect();
            authority_ids.sort_unstable();
            let mut authorities: Vec<String> = authority_ids.iter().map(|&id| code(id)).collect();
            authorities.sort();
            User {
                model,
                authorities,
                authority_ids,
            }
        })
        .collect())
}

/// The user with this login (case-insensitive).
pub async fn user<C: ConnectionTrait>(db: &C, login: &str) -> Result<User, DataError> {
    let key = login.trim().to_lowercase();
    let model = app_user::Entity::find()
        .filter(app_user::Column::Login.eq(&key))
        .one(db)
        .await?
        .ok_or_else(|| DataError::NotFound {
            what: "user",
            key: key.clone(),
        })?;
    with_authorities(db, vec![model])
        .await?
        .pop()
        .ok_or(DataError::NotFound { what: "user", key })
}

async fn user_by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<User>, DataError> {
    let Some(model) = app_user::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(with_authorities(db, vec![model]).await?.pop())
}

/// Disables (or enables again) a user: a disabled user's sessions and tokens stop working.
pub async fn set_disabled<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    login: &str,
    disabled: bool,
) -> Result<User, DataError> {
    let old = user(db, login).await?;
    let am = app_user::ActiveModel {
        disabled: Set(disabled),
        ..Default::default()
    };
    store::update(db, actor, &old.model.login, &old.model, am).await?;
    if disabled {
        web_session::Entity::delete_many()
            .filter(web_session::Column::UserId.eq(old.model.id))
            .exec(db)
            .await?;
    }
    user(db, login).await
}

/// Stores a new password hash (made by the caller); the history records when, not the hash.
pub async fn set_password_hash<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    login: &str,
    hash: String,
) -> Result<(), DataError> {
    let old = user(db, login).await?;
    let am = app_user::ActiveModel {
        password_hash: Set(Some(hash)),
        password_set_at: Set(Some(actor.at)),
        ..Default::default()
    };
    store::update(db, actor, &old.model.login, &old.model, am).await?;
    // A new password ends the sessions opened with the old one.
    web_session::Entity::delete_many()
        .filter(web_session::Column::UserId.eq(old.model.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The user that signs in with this e-mail address (OpenID Connect): the enabled user that has
/// it (in any case), if exactly one has it; a disabled user signs in with nothing.
pub async fn user_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<User>, DataError> {
    let wanted = email.trim().to_lowercase();
    let all = users(db).await?;
    let mut found = all.into_iter().filter(|u| {
        !u.model.disabled
            && u.model
                .email
                .as_deref()
                .is_some_and(|e| e.trim().to_lowercase() == wanted)
    });
    let first = found.next();
    Ok(if found.next().is_some() { None } else { first })
}

// ---------------------------------------------------------------- tokens

/// Stores a new token's digest for a user.
pub async fn add_token<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    login: &str,
    token_hash: String,
    label: Option<String>,
) -> Result<api_token::Model, DataError> {
    let u = user(db, login).await?;
    store::insert(
        db,
        actor,
        &u.model.login,
        api_token::ActiveModel {
            user_id: Set(u.model.id),
            token_hash: Set(token_hash),
            label: Set(label),
            created_at: Set(actor.at),
            revoked_at: Set(None),
            ..Default::default()
        },
    )
    .await
}

/// Revokes a user's tokens (all of them, or the one with this id); returns how many.
pub async fn revoke_tokens<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    login: &str,
    id: Option<i32>,
) -> Result<usize, DataError> {
    let u = user(db, login).await?;
    let mut query = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(u.model.id))
        .filter(api_token::Column::RevokedAt.is_null());
    if let Some(id) = id {
        query = query.filter(api_token::Column::Id.eq(id));
    }
    let live = query.all(db).await?;
    if let (Some(id), true) = (id, live.is_empty()) {
        return Err(DataError::NotFound {
            what: "active token",
            key: format!("{id} of {}", u.model.login),
        });
    }
    let items = live
        .into_iter()
        .map(|t| {
            let am = api_token::ActiveModel {
                revoked_at: Set(Some(actor.at)),
                ..Default::default()
            };
            (u.model.login.clone(), t, am)
        })
        .collect::<Vec<_>>();
    let n = items.len();
    store::update_all(db, actor, items).await?;
    Ok(n)
}

/// A user's tokens, newest first.
pub async fn tokens<C: ConnectionTrait>(
    db: &C,
    login: &str,
) -> Result<Vec<api_token::Model>, DataError> {
    let u = user(db, login).await?;
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(u.model.id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// The enabled user a live token belongs to.
pub async fn user_by_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<User>, DataError> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(user_by_id(db, token.user_id)
        .await?
        .filter(|u| !u.model.disabled))
}

// ---------------------------------------------------------------- sessions

/// Opens a session for a user (the caller made the key and keeps it in the cookie).
pub async fn open_session<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    key_hash: String,
    lang: Lang,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DataError> {
    // Expired sessions go when new ones come: the table holds the live ones and a few more.
    web_session::Entity::delete_many()
        .filter(web_session::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    web_session::ActiveModel {
        key_hash: Set(key_hash),
        user_id: Set(user_id),
        lang: Set(lang),
        created_at: Set(now),
        expires_at: Set(expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The live session with this key and its enabled user.
pub async fn session<C: ConnectionTrait>(
    db: &C,
    key_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(web_session::Model, User)>, DataError> {
    let Some(s) = web_session::Entity::find()
        .filter(web_session::Column::KeyHash.eq(key_hash))
        .filter(web_session::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let user = user_by_id(db, s.user_id)
        .await?
        .filter(|u| !u.model.disabled);
    Ok(user.map(|u| (s, u)))
}

/// The language a session's pages are shown in.
pub async fn set_session_lang<C: ConnectionTrait>(
    db: &C,
    key_hash: &str,
    lang: Lang,
) -> Result<(), DataError> {
    web_session::Entity::update_many()
        .col_expr(web_session::Column::Lang, Expr::value(lang))
        .filter(web_session::Column::KeyHash.eq(key_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a session (sign-out).
pub async fn close_session<C: ConnectionTrait>(db: &C, key_hash: &str) -> Result<(), DataError> {
    web_session::Entity::delete_many()
        .filter(web_session::Column::KeyHash.eq(key_hash))
        .exec(db)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- sign-in attempts

/// Records a sign-in attempt.
pub async fn record_attempt<C: ConnectionTrait>(
    db: &C,
    login: &str,
    address: &str,
    succeeded: bool,
    at: DateTime<Utc>,
) -> Result<(), DataError> {
    sign_in_attempt::ActiveModel {
        at: Set(at),
        login: Set(login.trim().to_lowercase()),
        address: Set(address.to_owned()),
        succeeded: Set(succeeded),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The failed attempts since `since`: for this login, and from this address.
pub async fn failed_attempts<C: ConnectionTrait>(
    db: &C,
    login: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<(u64, u64), DataError> {
    let failed = || {
        sign_in_attempt::Entity::find()
            .filter(sign_in_attempt::Column::Succeeded.eq(false))
            .filter(sign_in_attempt::Column::At.gte(since))
    };
    let by_login = failed()
        .filter(sign_in_attempt::Column::Login.eq(login.trim().to_lowercase()))
        .count(db)
        .await?;
    let by_address = failed()
        .filter(sign_in_attempt::Column::Address.eq(address))
        .count(db)
        .await?;
    Ok((by_login, by_address))
}

// ---------------------------------------------------------------- calendar addresses

/// Gives an administration a new private calendar address (the old one stops working).
pub async fn set_calendar_feed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    authority_code: &str,
    token_hash: String,
) -> Result<authority::Model, DataError> {
    let known = authorities(db).await?;
    let a = find_authority(&known, authority_code)?.clone();
    let old = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::AuthorityId.eq(a.id))
        .one(db)
        .await?;
    match old {
        Some(old) => {
            let am = calendar_feed::ActiveModel {
                token_hash: Set(token_hash),
                created_by: Set(actor.user.clone()),
                created_at: Set(actor.at),
                ..Default::default()
            };
            store::update(db, actor, &a.code, &old, am).await?;
        }
        None => {
            store::insert::<calendar_feed::Model, _, _>(
                db,
                actor,
                &a.code,
                calendar_feed::ActiveModel {
                    authority_id: Set(a.id),
                    token_hash: Set(token_hash),
                    created_by: Set(actor.user.clone()),
                    created_at: Set(actor.at),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    Ok(a)
}

/// The administration whose calendar address carries this token.
pub async fn calendar_authority<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<authority::Model>, DataError> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(authority::Entity::find_by_id(feed.authority_id)
        .one(db)
        .await?)
}

// ---------------------------------------------------------------- rights

/// Whether a user may edit a directive (and its measures): the unit always; a coordinator when
/// one of its administrations leads the directive or is associated with it; a reader never.
pub async fn may_edit_directive<C: ConnectionTrait>(
    db: &C,
    user: &User,
    d: &directive::Model,
) -> Result<bool, DataError> {
    match user.role() {
        Role::Unit => Ok(true),
        Role::Reader => Ok(false),
        Role::Coordinator => {
            if d.lead_authority_id
                .is_some_and(|id| user.authority_ids.contains(&id))
            {
                return Ok(true);
            }
            let associated = directive_authority::Entity::find()
                .filter(directive_authority::Column::DirectiveId.eq(d.id))
                .filter(directive_authority::Column::AuthorityId.is_in(user.authority_ids.clone()))
                .count(db)
                .await?;
            Ok(associated > 0)
        }
    }
}

/// Whether a user may edit a case (its notes and replies): the unit always; a coordinator when
/// one of its administrations leads the case, or may edit a directive the case concerns.
pub async fn may_edit_case<C: ConnectionTrait>(
    db: &C,
    user: &User,
    c: &infringement_case::Model,
) -> Result<bool, DataError> {
    match user.role() {
        Role::Unit => Ok(true),
        Role::Reader => Ok(false),
        Role::Coordinator => {
            if c.lead_authority_id
                .is_some_and(|id| user.authority_ids.contains(&id))
            {
                return Ok(true);
            }
            let celexes: Vec<String> = case_directive::Entity::find()
                .filter(case_directive::Column::CaseId.eq(c.id))
                .all(db)
                .await?
                .into_iter()
                .map(|l| l.celex)
                .collect();
            let directives =
                store::find_in::<directive::Entity, _, _>(db, directive::Column::Celex, &celexes)
                    .await?;
            for d in &directives {
                if may_edit_directive(db, user, d).await? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// Whether a user may work on a proposal (its administrations' impact notes): the unit always; a
/// coordinator when one of its administrations leads the proposal or is associated with it; a
/// reader never.
pub async fn may_edit_proposal<C: ConnectionTrait>(
    db: &C,
    user: &User,
    p: &proposal::Model,
) -> Result<bool, DataError> {
    match user.role() {
        Role::Unit => Ok(true),
        Role::Reader => Ok(false),
        Role::Coordinator => {
            if p.lead_authority_id
                .is_some_and(|id| user.authority_ids.contains(&id))
            {
                return Ok(true);
            }
            let associated = proposal_authority::Entity::find()
                .filter(proposal_authority::Column::ProposalId.eq(p.id))
                .filter(proposal_authority::Column::AuthorityId.is_in(user.authority_ids.clone()))
                .count(db)
                .await?;
            Ok(associated > 0)
        }
    }
}

/// Whether a user may write the impact note of the administration `authority_id` on a proposal:
/// the unit every administration's; a coordinator only its own administration's, and only when
/// [`may_edit_proposal`] (its administration leads the proposal or is associated with it).
pub async fn may_write_impact_note<C: ConnectionTrait>(
    db: &C,
    user: &User,
    p: &proposal::Model,
    authority_id: i32,
) -> Result<bool, DataError> {
    match user.role() {
        Role::Unit => Ok(true),
        Role::Reader => Ok(false),
        Role::Coordinator => Ok(
            user.authority_ids.contains(&authority_id) && may_edit_proposal(db, user, p).await?
        ),
    }
}

/// Whether a user may record the answers of the administration `authority_code` to a campaign:
/// only an administration the campaign asks; the unit for every one of them, a coordinator for
/// its own, a reader never.
pub fn may_answer_campaign(
    user: &User,
    campaign: &crate::campaign::Campaign,
    authority_code: &str,
) -> bool {
    let asked = campaign
        .authorities
        .iter()
        .any(|a| a.code == authority_code);
    asked
        && match user.role() {
            Role::Unit => true,
            Role::Reader => false,
            Role::Coordinator => user.authorities.iter().any(|c| c == authority_code),
        }
}
