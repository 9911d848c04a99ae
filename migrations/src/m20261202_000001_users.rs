//! The people of the web application: users with a role and their administrations, personal API
//! tokens, sessions, sign-in attempts (for the limit), and the private calendar addresses of the
//! administrations. Secrets are stored as their SHA-256 digest, passwords as argon2id hashes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

fn index(
    name: &'static str,
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table).if_not_exists();
    for &c in columns {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    i.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("version"))
                    .col(string("login"))
                    .col(string("role"))
                    .col(string_null("email"))
                    .col(string("lang"))
                    .col(text_null("password_hash"))
                    .col(timestamp_with_time_zone_null("password_set_at"))
                    .col(boolean("disabled"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("app_user_authority")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(integer("authority_id"))
                    .foreign_key(&mut fk("app_user_authority", "user_id", "app_user"))
                    .foreign_key(&mut fk("app_user_authority", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("api_token")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string("token_hash"))
                    .col(string_null("label"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(&mut fk("api_token", "user_id", "app_user"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("web_session")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string("key_hash"))
                    .col(integer("user_id"))
                    .col(string("lang"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut fk("web_session", "user_id", "app_user"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_attempt")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("login"))
                    .col(string("address"))
                    .col(boolean("succeeded"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("calendar_feed")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("authority_id"))
                    .col(string("token_hash"))
                    .col(string("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("calendar_feed", "authority_id", "authority"))
                    .take(),
            )
            .await?;
        for i in [
            index("ux_app_user_login", "app_user", &["login"], true),
            index(
                "ux_app_user_authority",
                "app_user_authority",
                &["user_id", "authority_id"],
                true,
            ),
            index(
                "ix_app_user_authority_authority",
                "app_user_authority",
                &["authority_id"],
                false,
            ),
            index("ux_api_token_hash", "api_token", &["token_hash"], true),
            index("ix_api_token_user", "api_token", &["user_id"], false),
            index("ux_web_session_key", "web_session", &["key_hash"], true),
            index("ix_web_session_user", "web_session", &["user_id"], false),
            index(
                "ix_sign_in_attempt_login",
                "sign_in_attempt",
                &["login", "at"],
                false,
            ),
            index(
                "ix_sign_in_attempt_address",
                "sign_in_attempt",
                &["address", "at"],
                false,
            ),
            index(
                "ux_calendar_feed_authority",
                "calendar_feed",
                &["authority_id"],
                true,
            ),
            index(
                "ux_calendar_feed_token",
                "calendar_feed",
                &["token_hash"],
                true,
            ),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "calendar_feed",
            "sign_in_attempt",
            "web_session",
            "api_token",
            "app_user_authority",
            "app_user",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
