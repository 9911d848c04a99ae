//! A provision of a directive: an article, a numbered paragraph of one, or an annex, as
//! `domain::Provision` codes it (`5`, `5(1)`, `Annex II`), in the directive's order, with the
//! article's heading and the first words of its text as read from EUR-Lex.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "directive_provision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub directive_id: i32,
    pub code: String,
    /// The provision's place in the directive, from 1.
    pub position: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub heading: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub excerpt: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::directive::Entity",
        from = "Column::DirectiveId",
        to = "super::directive::Column::Id",
        on_delete = "Restrict"
    )]
    Directive,
    #[sea_orm(has_many = "super::correlation::Entity")]
    Correlation,
}

impl Related<super::directive::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Directive.def()
    }
}

impl Related<super::correlation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Correlation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
