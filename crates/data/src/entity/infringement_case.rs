//! An infringement procedure the Commission opened.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "infringement_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub number: String,
    pub country: String,
    pub case_type: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub title: Option<String>,
    pub department: Option<String>,
    pub brussels_concerned: Option<bool>,
    pub lead_authority_id: Option<i32>,
    pub active: bool,
    pub first_seen_on: Option<Date>,
    pub last_seen_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
