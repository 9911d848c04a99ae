//! A person who signs in to the web application or calls its API: a role, the administrations a
//! coordinator answers for (`app_user_authority`), a language, and a password hash (argon2id; none
//! for a user who signs in only through the organisation's identity provider).

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::{Lang, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    #[sea_orm(unique)]
    pub login: String,
    pub role: Role,
    pub email: Option<String>,
    pub lang: Lang,
    /// Never shown, never in the history (which records `password_set_at` instead).
    #[sea_orm(column_type = "Text")]
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub password_set_at: Option<DateTimeUtc>,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::app_user_authority::Entity")]
    Authority,
    #[sea_orm(has_many = "super::api_token::Entity")]
    Token,
    #[sea_orm(has_many = "super::web_session::Entity")]
    Session,
}

impl Related<super::app_user_authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Authority.def()
    }
}

impl Related<super::api_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Token.def()
    }
}

impl Related<super::web_session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
