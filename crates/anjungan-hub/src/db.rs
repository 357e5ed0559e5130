//! The hub's storage seam: one set of queries over sqlx's `Any` driver, two engines.
//!
//! - **SQLite** (the embedded default): `hub.sqlite3` under the data directory, WAL, durable
//!   commits. What one office on one machine needs, and what `scripts/run` uses.
//! - **PostgreSQL** (`--database postgres://…`): for several hub processes behind a load
//!   balancer, or a province's kiosks. Documents live in the database too, so every process
//!   reaches them.
//!
//! The queries are written once in the SQL both engines accept (`$1` placeholders,
//! `ON CONFLICT`, integers as `BIGINT`, no boolean columns); the schema has one migrations
//! folder per engine, and a test checks that both describe the same tables and columns. Where
//! the engines must differ (documents' bytes), [`engine`] says which one a pool talks to.

use crate::error::HubError;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyPool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The pool every hub module takes.
pub type Pool = AnyPool;

pub use crate::files::files_dir;

pub const DB_FILE: &str = "hub.sqlite3";

/// Which database a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    fn of_scheme(scheme: &str) -> Option<Self> {
        match scheme {
            "sqlite" => Some(Self::Sqlite),
            "postgres" | "postgresql" => Some(Self::Postgres),
            _ => None,
        }
    }

    fn of_url(url: &str) -> Result<Self, HubError> {
        url.split_once(':')
            .and_then(|(scheme, _)| Self::of_scheme(scheme))
            .ok_or_else(|| {
                HubError::InvalidInput(format!(
                    "--database: {} is not a sqlite: or postgres:// URL",
                    redacted(url)
                ))
            })
    }
}

/// The engine behind `pool` (only [`connect`] makes pools, from URLs [`Engine::of_url`]
/// accepted).
pub fn engine(pool: &Pool) -> Engine {
    Engine::of_scheme(pool.connect_options().database_url.scheme()).unwrap_or(Engine::Sqlite)
}

/// A database URL without its password, for messages and logs.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "(unreadable URL)".to_owned(),
    }
}

/// A PostgreSQL address as the hub connects to it: a server on another machine is verified
/// (TLS with its certificate checked against its name, `sslmode=verify-full`, unless the
/// address already asks for `verify-ca` or `verify-full`); an address that asks for less
/// for such a server is refused, since whoever sits on the path would then read every NIK.
/// A server on this machine (loopback, or a socket folder) is taken as written.
pub fn postgres_url(url: &str) -> Result<String, HubError> {
    let mut u = url::Url::parse(url)
        .map_err(|e| HubError::InvalidInput(format!("the database address: {e}")))?;
    // `postgres:` is not a scheme the URL standard knows: its host comes as text.
    let local = match u.host() {
        None => true,
        Some(url::Host::Domain(d)) => {
            d == "localhost"
                || d.trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
    } || u
        .query_pairs()
        .any(|(k, v)| k == "host" && v.starts_with('/'));
    if local {
        return Ok(url.to_owned());
    }
    let mode = u
        .query_pairs()
        .find(|(k, _)| k == "sslmode")
        .map(|(_, v)| v.into_owned());
    match mode.as_deref() {
        Some("verify-full" | "verify-ca") => Ok(url.to_owned()),
        None => {
            u.query_pairs_mut().append_pair("sslmode", "verify-full");
            Ok(u.to_string())
        }
        Some(other) => Err(HubError::InvalidInput(format!(
            "the database server {} would not be verified (sslmode={other}): use sslmode=verify-full, with sslrootcert=FILE for the office's own CA",
            u.host_str().unwrap_or_default()
        ))),
    }
}

/// Refuses a database address with a password in it where it would be seen: a command
/// line is in the shell's history and in every process list.
pub fn no_password_in(url: &str) -> Result<(), HubError> {
    match url::Url::parse(url) {
        Ok(u) if u.password().is_some() => Err(HubError::InvalidInput(
            "a password in the database address is seen in the shell history and in `ps`: give it in PGPASSWORD or ~/.pgpass"
                .into(),
        )),
        _ => Ok(()),
    }
}

/// The `sqlite:` URL of the hub's database file in `data_dir`.
pub fn sqlite_url(data_dir: &Path, params: &str) -> String {
    // Percent-encoded, so a folder with `?` or `#` in its name stays one path.
    let path = data_dir.join(DB_FILE);
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'.')
        .remove(b'-')
        .remove(b'_');
    let encoded = percent_encoding::utf8_percent_encode(&path.to_string_lossy(), KEEP).to_string();
    format!("sqlite://{encoded}?{params}")
}

/// Opens (creating if needed) the SQLite database in `data_dir` and applies migrations.
pub async fn open(data_dir: &Path) -> Result<Pool, HubError> {
    // Only the hub's user reads its records, keys and documents: made so, and checked.
    anjungan_files::dir(data_dir)?;
    anjungan_files::touch(&data_dir.join(DB_FILE))?;
    anjungan_files::warn_if_too_open(data_dir);
    connect(&sqlite_url(data_dir, "mode=rwc"), data_dir).await
}

/// Opens the database at `url` (`sqlite:PATH` or `postgres://…`) and applies that engine's
/// migrations. `data_dir` holds the hub's own files (keys, TLS, complaint keys, and with
/// SQLite the documents).
pub async fn connect(url: &str, data_dir: &Path) -> Result<Pool, HubError> {
    sqlx::any::install_default_drivers();
    anjungan_files::dir(data_dir)?;
    let engine = Engine::of_url(url)?;
    let url = match engine {
        Engine::Postgres => postgres_url(url)?,
        Engine::Sqlite => url.to_owned(),
    };
    let options = AnyConnectOptions::from_str(&url)?;
    crate::files::register(options.database_url.as_str(), data_dir);
    let pool = match engine {
        Engine::Sqlite => {
            AnyPoolOptions::new()
                .max_connections(4)
                // sqlx 0.8 leaves a `BEGIN IMMEDIATE` open, with no transaction to roll it
                // back, when the future is dropped after the BEGIN ran but before `begin_with`
                // returned; that connection would hold the write lock for ever and every
                // other writer would time out. Such a connection is closed (which rolls back)
                // when it comes back to the pool. (The ping first lets a dropped
                // transaction's queued rollback finish.)
                .after_release(|conn, _| {
                    Box::pin(async move {
                        sqlx::Connection::ping(&mut *conn).await?;
                        Ok(!sqlx::Connection::is_in_transaction(conn))
                    })
                })
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // WAL lets the public pages read while kiosks write; FULL makes every
                        // commit survive a power cut (an acknowledged item is never lost);
                        // secure_delete overwrites what a purge or an erasure removes.
                        sqlx::Executor::execute(
                            &mut *conn,
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA secure_delete = ON;",
                        )
                        .await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await?
        }
        Engine::Postgres => {
            if let Some(schema) = schema_of(&options.database_url) {
                create_schema(&options, &schema).await?;
            }
            AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?
        }
    };
    // Several hub processes may start at once: PostgreSQL's migrator takes an advisory lock.
    match engine {
        Engine::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
        Engine::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
    }
    crate::keystore::move_out_of_database(&pool).await?;
    Ok(pool)
}

/// The schema a `postgres://…?options=-c search_path=NAME` URL names: a hub sharing a
/// database with other applications keeps its tables in a schema of its own.
fn schema_of(url: &url::Url) -> Option<String> {
    let options = url
        .query_pairs()
        .find(|(k, _)| k == "options")
        .map(|(_, v)| v.into_owned())?;
    let (_, rest) = options.split_once("search_path=")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Makes the schema the hub was told to use, if absent (two processes may race: the loser's
/// "already exists" is success).
async fn create_schema(options: &AnyConnectOptions, schema: &str) -> Result<(), HubError> {
    use sqlx::{ConnectOptions, Connection, Executor};
    let mut conn = options.connect().await?;
    let made = conn
        .execute(format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"").as_str())
        .await;
    conn.close().await?;
    match made {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// A small read-only pool for the public pages, opened lazily: its own budget of two
/// connections, so a flood of page views waits for these and not for kiosk sync's.
/// The same database as `pool`: on SQLite the same file (whether `--data` or a
/// `--database sqlite:` URL named it), opened read-only.
pub fn public_pool(pool: &Pool) -> Pool {
    let (options, setup) = match engine(pool) {
        Engine::Sqlite => {
            let mut url = pool.connect_options().database_url.clone();
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| k != "mode")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(kept)
                .append_pair("mode", "ro");
            (
                <AnyConnectOptions as sqlx::ConnectOptions>::from_url(&url),
                "PRAGMA busy_timeout = 5000;",
            )
        }
        Engine::Postgres => (
            Ok((*pool.connect_options()).clone()),
            "SET default_transaction_read_only = on;",
        ),
    };
    let options = options.unwrap_or_else(|_| (*pool.connect_options()).clone());
    AnyPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(5))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                sqlx::Executor::execute(&mut *conn, setup).await?;
                Ok(())
            })
        })
        .connect_lazy_with(options)
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later cannot take the lock
/// when another writer committed in between, and fails instead of waiting. PostgreSQL's rows
/// lock as they are written.
pub async fn begin_write(pool: &Pool) -> Result<sqlx::Transaction<'static, sqlx::Any>, HubError> {
    Ok(match engine(pool) {
        Engine::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
        Engine::Postgres => pool.begin().await?,
    })
}

/// RFC 3339, UTC: the one timestamp format of the hub.
/// Today in the office's calendar (WIB), as the kiosks date their checks.
pub fn office_today() -> String {
    anjungan_permit::office_date(time::OffsetDateTime::now_utc())
}

/// The start of the hour `t` falls in (UTC), RFC 3339: the key of hourly budgets and the
/// trust lists' signed freshness.
pub fn hour_rfc3339(t: time::OffsetDateTime) -> String {
    let hour = time::Time::from_hms(t.hour(), 0, 0).unwrap_or(time::Time::MIDNIGHT);
    rfc3339(t.replace_time(hour))
}

pub fn now_rfc3339() -> String {
    rfc3339(time::OffsetDateTime::now_utc())
}

pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{no_password_in, postgres_url};

    #[test]
    fn a_database_on_another_machine_is_verified_or_refused() {
        let local = "postgres://hub@127.0.0.1:5432/anjungan";
        assert_eq!(postgres_url(local).ok().as_deref(), Some(local));
        assert!(postgres_url("postgres://hub@localhost/a?sslmode=disable").is_ok());
        assert_eq!(
            postgres_url("postgres://hub@db.metro.lan/anjungan")
                .ok()
                .as_deref(),
            Some("postgres://hub@db.metro.lan/anjungan?sslmode=verify-full")
        );
        let ca = "postgres://hub@10.1.2.3/a?sslmode=verify-ca&sslrootcert=/etc/ssl/office.pem";
        assert_eq!(postgres_url(ca).ok().as_deref(), Some(ca));
        for weak in ["disable", "allow", "prefer", "require"] {
            let url = format!("postgres://hub@db.metro.lan/a?sslmode={weak}");
            assert!(postgres_url(&url).is_err(), "{weak}");
        }
    }

    #[test]
    fn a_password_is_not_taken_from_a_command_line() {
        assert!(no_password_in("postgres://hub:rahasia@db/a").is_err());
        assert!(no_password_in("postgres://hub@db/a").is_ok());
    }
}
