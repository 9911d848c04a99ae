//! The SeaORM entities, one module per table (the schema itself lives in `migrations`).

pub mod authority;
pub mod case_directive;
pub mod case_event;
pub mod correspondent;
pub mod decision;
pub mod directive;
pub mod directive_authority;
pub mod directive_deadline;
pub mod directive_eurlex;
pub mod eu_pilot;
pub mod history;
pub mod import_run;
pub mod infringement_case;
pub mod measure;
pub mod meeting;
pub mod meeting_pack;
pub mod national_measure;
pub mod proposal;
pub mod register_snapshot;
pub mod register_snapshot_case;
pub mod reply;
