//! The hub's database: one SQLite file under the data directory, durable commits.

use crate::error::HubError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::time::Duration;

pub const DB_FILE: &str = "hub.sqlite3";

/// Opens (creating if needed) the database in `data_dir` and applies migrations.
pub async fn open(data_dir: &Path) -> Result<SqlitePool, HubError> {
    std::fs::create_dir_all(data_dir)?;
    let options = SqliteConnectOptions::new()
        .filename(data_dir.join(DB_FILE))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// RFC 3339, UTC: the one timestamp format of the hub.
/// Today in the office's calendar (WIB), as the kiosks date their checks.
pub fn office_today() -> String {
    anjungan_permit::office_date(time::OffsetDateTime::now_utc())
}

pub fn now_rfc3339() -> String {
    rfc3339(time::OffsetDateTime::now_utc())
}

pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
