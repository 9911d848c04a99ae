//! What every database starts with: the Brussels-Capital Region's administrations and public
//! bodies (`vocabulary/authorities.toml`), so that the first table imported resolves "Leefmilieu
//! Brussel" or "IBGE" without any `authority add`.

use domain::vocab::{RegionAuthority, region_authorities};
use sea_orm::Set;

use crate::DataError;
use crate::db::{Db, Serialized, begin_write, serialize};
use crate::entity::authority;
use crate::repo::{self, authorities};
use crate::store::{self, Actor};

/// Adds each of the Region's authorities that the database does not know yet, by code or by any
/// of its names, with a history row like any insert. A database that knows them all is not
/// written to; an authority the unit created under its own code is left as it is.
pub async fn region_authorities_into(db: &Db, actor: &Actor) -> Result<usize, DataError> {
    // Read first without locking: a database that knows them all (every run but the first) is
    // only read, so a command never waits for a running import here.
    if missing(&authorities(db).await?).is_empty() {
        return Ok(0);
    }
    // Then again inside the write transaction: another command may have seeded it meanwhile.
    let txn = begin_write(db).await?;
    serialize(&txn, Serialized::Seeding).await?;
    let known = authorities(&txn).await?;
    let missing = missing(&known);
    if missing.is_empty() {
        return Ok(0);
    }
    let items = missing
        .iter()
        .map(|seed| {
            // An alias another authority of this database already answers to stays with it.
            let aliases: Vec<&str> = seed
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|alias| repo::find_authority(&known, alias).is_err())
                .collect();
            let am = authority::ActiveModel {
                code: Set(seed.code.clone()),
                name_fr: Set(seed.name_fr.clone()),
                name_nl: Set(seed.name_nl.clone()),
                notes: Set(None),
                aliases: Set((!aliases.is_empty()).then(|| aliases.join("\n"))),
                ..Default::default()
            };
            (seed.code.clone(), am)
        })
        .collect();
    let added = store::insert_all::<authority::Model, _, _>(&txn, actor, items).await?;
    txn.commit().await?;
    Ok(added.len())
}

/// The Region's authorities that `known` does not hold, by code or by any of their names.
fn missing(known: &[authority::Model]) -> Vec<&'static RegionAuthority> {
    region_authorities()
        .iter()
        .filter(|seed| {
            let names = [&seed.code, &seed.name_fr, &seed.name_nl];
            !known
                .iter()
                .any(|a| a.code.eq_ignore_ascii_case(&seed.code))
                && names
                    .iter()
                    .all(|n| repo::find_authority(known, n).is_err())
        })
        .collect()
}
