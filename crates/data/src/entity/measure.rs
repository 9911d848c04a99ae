//! A regional act that transposes (part of) a directive.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::MeasureKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub directive_id: i32,
    pub kind: MeasureKind,
    #[sea_orm(column_type = "Text")]
    pub title_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title_nl: Option<String>,
    pub adopted_on: Option<Date>,
    pub published_on: Option<Date>,
    pub in_force_on: Option<Date>,
    pub completes: bool,
    pub notified_on: Option<Date>,
    pub celex: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
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

impl ActiveModelBehavior for ActiveModel {}
