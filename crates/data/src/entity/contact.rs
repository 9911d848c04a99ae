//! A person an administration wants told by e-mail (`scoreboard notify`): new directives, coming
//! deadlines and expected replies, in the person's language.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::Lang;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub authority_id: i32,
    /// In lower case, checked by `users::check_email`.
    pub email: String,
    pub name: Option<String>,
    pub lang: Lang,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::authority::Entity",
        from = "Column::AuthorityId",
        to = "super::authority::Column::Id",
        on_delete = "Restrict"
    )]
    Authority,
}

impl Related<super::authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Authority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
