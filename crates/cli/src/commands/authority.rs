//! `scoreboard authority list|add|set`.

use data::repo;

use super::Ctx;
use crate::args::AuthorityCmd;
use crate::labels as l;
use crate::table::Table;

pub async fn run(ctx: &mut Ctx<'_>, cmd: AuthorityCmd) -> anyhow::Result<u8> {
    match cmd {
        AuthorityCmd::List => {
            let all = repo::authorities(&ctx.db).await?;
            if ctx.json {
                return ctx.print_json(&all).map(|_| crate::EXIT_OK);
            }
            let lang = ctx.lang;
            let mut t = Table::new(&[
                l::CODE.t(lang),
                l::NAME_FR.t(lang),
                l::NAME_NL.t(lang),
                l::ALIASES.t(lang),
            ]);
            for a in &all {
                t.row(vec![
                    a.code.clone(),
                    a.name_fr.clone(),
                    a.name_nl.clone(),
                    a.alias_list().join(", "),
                ]);
            }
            ctx.print(&t.render())?;
        }
        AuthorityCmd::Add { code, fr, nl } => {
            let txn = data::begin_write(&ctx.db).await?;
            let added = repo::add_authority(&txn, &ctx.actor, &code, &fr, &nl).await?;
            txn.commit().await?;
            if ctx.json {
                return ctx.print_json(&added).map(|_| crate::EXIT_OK);
            }
            ctx.print(&format!(
                "authority {} added: {} / {}\n",
                added.code, added.name_fr, added.name_nl
            ))?;
        }
        AuthorityCmd::Set { code, aliases } => {
            let txn = data::begin_write(&ctx.db).await?;
            let changed = repo::add_aliases(&txn, &ctx.actor, &code, &aliases).await?;
            txn.commit().await?;
            if ctx.json {
                return ctx.print_json(&changed).map(|_| crate::EXIT_OK);
            }
            ctx.print(&format!(
                "authority {}: {}\n",
                changed.code,
                changed.alias_list().join(", ")
            ))?;
        }
    }
    Ok(crate::EXIT_OK)
}
