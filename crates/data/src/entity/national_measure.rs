//! A national implementing measure the Commission lists for a directive (its sector-7 CELEX
//! number, `72019L1024BEL_202200123`), as EUR-Lex / CELLAR give it: what each member state, and
//! within Belgium each entity, notified. Distinct from `measure`, the Region's own acts the unit
//! records by hand.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::CelexCountry;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "national_measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub directive_id: i32,
    #[sea_orm(unique)]
    pub celex: String,
    /// The three letters of its CELEX number: `BEL`.
    pub country: CelexCountry,
    #[sea_orm(column_type = "Text")]
    pub title: Option<String>,
    pub dated_on: Option<Date>,
    /// The act's type as CELLAR labels it, in the member state's language ("Ordonnance",
    /// "Arrêté royal", "Wet"): a source's wording quoted as it is, not one of our codes, so text
    /// on purpose (the Region's own acts have their kind as a code in `measure.kind`).
    pub kind: Option<String>,
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
}

impl Related<super::directive::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Directive.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
