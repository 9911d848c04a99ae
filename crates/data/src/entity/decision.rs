//! A decision of the Commission in a case: its natural key is (case, date, stage), the stage
//! stored as its three parts (step, legal basis, which additional letter).

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::DataError;
use crate::code::{LegalBasis, Step};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub case_id: i32,
    pub decided_on: Date,
    pub step: Step,
    /// None for the steps taken under no article (closure, withdrawal).
    pub legal_basis: Option<LegalBasis>,
    /// 1, or which additional letter (2 for the 2nd additional letter of formal notice).
    pub nth: i32,
    #[sea_orm(column_type = "Text")]
    pub label: Option<String>,
    pub press_release: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::infringement_case::Entity",
        from = "Column::CaseId",
        to = "super::infringement_case::Column::Id",
        on_delete = "Restrict"
    )]
    Case,
    #[sea_orm(has_one = "super::reply::Entity")]
    Reply,
}

impl Related<super::infringement_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl Related<super::reply::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Reply.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The decision's stage; a stored ordinal outside 1..=255 is an error naming the decision.
    pub fn stage(&self) -> Result<domain::Stage, DataError> {
        let nth = u8::try_from(self.nth)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| DataError::Unreadable {
                what: "the ordinal (decision.nth) of a decision",
                key: format!("decision {} of {}", self.id, self.decided_on),
                found: self.nth.to_string(),
                expected: "1 or more, at most 255",
            })?;
        Ok(domain::Stage {
            step: self.step.into(),
            basis: self.legal_basis.map(Into::into),
            nth,
        })
    }
}

/// The columns a stage is stored in: step, legal basis, ordinal.
pub fn stage_columns(stage: domain::Stage) -> (Step, Option<LegalBasis>, i32) {
    (
        stage.step.into(),
        stage.basis.map(Into::into),
        i32::from(stage.nth),
    )
}
