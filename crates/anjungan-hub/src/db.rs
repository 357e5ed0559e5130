//! The hub's database: one SQLite file under the data directory, durable commits.

use crate::error::HubError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::time::Duration;

pub const DB_FILE: &str = "hub.sqlite3";

/// Opens (creating if needed) the database in `data_dir` and applies migrations.
pub async fn open(data_dir: &Path) -> Result<SqlitePool, HubError> {
    // Only the hub's user reads its records, keys and documents: made so, and checked.
    anjungan_files::dir(data_dir)?;
    anjungan_files::touch(&data_dir.join(DB_FILE))?;
    anjungan_files::warn_if_too_open(data_dir);
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
    crate::keystore::move_out_of_database(&pool).await?;
    Ok(pool)
}

/// A small read-only pool for the public pages, opened lazily: its own budget of two
/// connections, so a flood of page views waits for these and not for kiosk sync's.
pub fn public_pool(data_dir: &Path) -> SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(data_dir.join(DB_FILE))
        .read_only(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(options)
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
