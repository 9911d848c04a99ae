//! A line of the Region's correlation table: a provision of the directive and what the Region did
//! with it: transposed by a regional measure's provision(s), not applicable to the Region (with
//! the reason), or still to do. A provision transposed by several measures has a line per measure.

use sea_orm::entity::prelude::*;
use serde::Serialize;

use crate::code::CorrelationState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "correlation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: i32,
    pub provision_id: i32,
    /// The regional measure; none for a provision not applicable or still to do.
    pub measure_id: Option<i32>,
    pub state: CorrelationState,
    /// The regional provision(s) as the administration writes them ("art. 3, § 2").
    #[sea_orm(column_type = "Text", nullable)]
    pub regional_provisions: Option<String>,
    /// Why the provision does not apply, or a remark.
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::directive_provision::Entity",
        from = "Column::ProvisionId",
        to = "super::directive_provision::Column::Id",
        on_delete = "Restrict"
    )]
    Provision,
    #[sea_orm(
        belongs_to = "super::measure::Entity",
        from = "Column::MeasureId",
        to = "super::measure::Column::Id",
        on_delete = "Restrict"
    )]
    Measure,
}

impl Related<super::directive_provision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provision.def()
    }
}

impl Related<super::measure::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Measure.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
