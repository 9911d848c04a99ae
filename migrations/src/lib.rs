//! The SeaORM Migrator: every schema change of the `scoreboard` database, in order.
//!
//! Migrations name tables and columns as strings and never import entities, so an old
//! migration keeps compiling when the entities move on.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_create_tables;
mod m20261129_000002_register_snapshots;
mod m20261129_000003_eurlex;
mod m20261129_000004_meeting_packs;
mod m20261201_000001_authority_aliases;
mod m20261201_000002_indexes;
mod m20261201_000003_pending_index;
mod m20261201_000004_decision_stage;
mod m20261201_000005_meeting_pack_format;
mod m20261201_000006_measure_kind;
mod m20261201_000007_correspondent_role;
mod m20261202_000001_users;
mod m20261203_000001_notify;
mod m20261203_000002_proposals;
mod m20261203_000003_campaigns;
mod m20261204_000001_correlation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_tables::Migration),
            Box::new(m20261129_000002_register_snapshots::Migration),
            Box::new(m20261129_000003_eurlex::Migration),
            Box::new(m20261129_000004_meeting_packs::Migration),
            Box::new(m20261201_000001_authority_aliases::Migration),
            Box::new(m20261201_000002_indexes::Migration),
            Box::new(m20261201_000003_pending_index::Migration),
            Box::new(m20261201_000004_decision_stage::Migration),
            Box::new(m20261201_000005_meeting_pack_format::Migration),
            Box::new(m20261201_000006_measure_kind::Migration),
            Box::new(m20261201_000007_correspondent_role::Migration),
            Box::new(m20261202_000001_users::Migration),
            Box::new(m20261203_000001_notify::Migration),
            Box::new(m20261203_000002_proposals::Migration),
            Box::new(m20261203_000003_campaigns::Migration),
            Box::new(m20261204_000001_correlation::Migration),
        ]
    }
}
