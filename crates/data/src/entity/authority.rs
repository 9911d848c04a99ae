//! An administration or public body of the Region, with its names in French and Dutch.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "authority")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(unique)]
    pub code: String,
    pub name_fr: String,
    pub name_nl: String,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    /// Other names people write (acronyms, English and former names), one per line.
    #[sea_orm(column_type = "Text")]
    pub aliases: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::correspondent::Entity")]
    Correspondent,
    #[sea_orm(has_many = "super::directive::Entity")]
    LedDirective,
    #[sea_orm(has_many = "super::directive_authority::Entity")]
    DirectiveAuthority,
    #[sea_orm(has_many = "super::infringement_case::Entity")]
    LedCase,
    #[sea_orm(has_many = "super::eu_pilot::Entity")]
    LedPilot,
    #[sea_orm(has_many = "super::proposal::Entity")]
    LedProposal,
}

impl Related<super::correspondent::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Correspondent.def()
    }
}

impl Related<super::directive::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LedDirective.def()
    }
}

impl Related<super::directive_authority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DirectiveAuthority.def()
    }
}

impl Related<super::infringement_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LedCase.def()
    }
}

impl Related<super::eu_pilot::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LedPilot.def()
    }
}

impl Related<super::proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LedProposal.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The aliases, one per line in the database.
    pub fn alias_list(&self) -> Vec<&str> {
        self.aliases
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect()
    }

    /// Every name the authority answers to: its code, its two names and its aliases.
    pub fn names(&self) -> Vec<&str> {
        let mut names = vec![
            self.code.as_str(),
            self.name_fr.as_str(),
            self.name_nl.as_str(),
        ];
        names.extend(self.alias_list());
        names
    }
}
