//! Documents, content-addressed by SHA-256, checked against their name, stored whole and only
//! then recorded in `blobs`. Uploading the same blob again is a no-op, so an interrupted upload
//! is simply repeated.
//!
//! Where the bytes live depends on the engine ([`crate::db::engine`]): with SQLite, files
//! under `blobs/` in the data directory (written to a temporary file, synced, renamed into
//! place); with PostgreSQL, the `blob_data` table, so every hub process sharing the database
//! reaches every document.

use crate::db::{engine, now_rfc3339, Engine};
use crate::error::HubError;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::path::{Path, PathBuf};

pub fn valid_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where a document's file lives.
pub fn path_of(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("blobs").join(&sha[..2]).join(sha)
}

/// Whether the hub holds document `sha`; `db` is the pool or an open transaction.
pub async fn exists<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    sha: &str,
) -> Result<bool, HubError> {
    let (known,): (i64,) = sqlx::query_as("SELECT count(*) FROM blobs WHERE sha256 = $1")
        .bind(sha)
        .fetch_one(db)
        .await?;
    Ok(known > 0)
}

/// How long a document no item references is kept: a kiosk uploads documents and sends
/// their item in the same round, so a week covers any outage between the two.
pub const UNUSED_GRACE: time::Duration = time::Duration::days(7);

/// Whether the document `{t}.sha256` is held by a record: an application's requirement, or
/// a complaint's sealed content or identity. Only these keep a document: what any other item
/// names (a synthetic item of a load test) counts against its kiosk's quota and goes after
/// the grace, so no item can pin the hub's storage by naming documents.
fn held_by_record(t: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM application_documents d WHERE d.sha256 = {t}.sha256)
          OR EXISTS (SELECT 1 FROM complaints c WHERE c.content_sha256 = {t}.sha256)
          OR EXISTS (SELECT 1 FROM complaint_identities ci WHERE ci.sealed_sha256 = {t}.sha256))"
    )
}

/// Bytes of documents `kiosk_id` uploaded that no record holds.
async fn unreferenced_bytes(pool: &AnyPool, kiosk_id: &str) -> Result<i64, HubError> {
    let (bytes,): (Option<i64>,) = sqlx::query_as(&format!(
        "SELECT CAST(coalesce(sum(size), 0) AS BIGINT) FROM blobs b WHERE b.kiosk_id = $1
            AND NOT {}",
        held_by_record("b")
    ))
    .bind(kiosk_id)
    .fetch_one(pool)
    .await?;
    Ok(bytes.unwrap_or(0))
}

pub async fn put(
    pool: &AnyPool,
    data_dir: &Path,
    kiosk_id: &str,
    sha: &str,
    bytes: &[u8],
    limits: &crate::limits::Limits,
    now: time::OffsetDateTime,
) -> Result<(), HubError> {
    if !valid_sha256(sha) {
        return Err(HubError::InvalidInput("not a SHA-256 hex digest".into()));
    }
    if hex::encode(Sha256::digest(bytes)) != sha {
        return Err(HubError::InvalidInput(
            "the document's SHA-256 does not match its name".into(),
        ));
    }
    if exists(pool, sha).await? {
        return Ok(());
    }
    let size = bytes.len() as i64;
    if unreferenced_bytes(pool, kiosk_id).await? + size > limits.kiosk_unreferenced_bytes {
        // Not an error in the document: the kiosk waits, sends its items (which frees
        // quota), and uploads again.
        return Err(HubError::Throttled(std::time::Duration::from_secs(300)));
    }
    // Counted only for a document the hub is about to keep: a wrong hash, one held already
    // or one over the quota above spends none of the kiosk's day.
    let day = anjungan_permit::office_date(now);
    crate::quota::take_bytes(pool, kiosk_id, &day, size, limits).await?;
    write_bytes(pool, data_dir, sha, bytes).await?;
    sqlx::query(
        "INSERT INTO blobs (sha256, size, received_at, kiosk_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(sha)
    .bind(size)
    .bind(now_rfc3339())
    .bind(kiosk_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Writes a document's bytes where the engine keeps them, whole or not at all.
async fn write_bytes(
    pool: &AnyPool,
    data_dir: &Path,
    sha: &str,
    bytes: &[u8],
) -> Result<(), HubError> {
    match engine(pool) {
        Engine::Postgres => {
            sqlx::query(
                "INSERT INTO blob_data (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(sha)
            .bind(bytes)
            .execute(pool)
            .await?;
        }
        Engine::Sqlite => {
            let final_path = path_of(data_dir, sha);
            let dir = final_path.parent().map(Path::to_owned).unwrap_or_default();
            let bytes = bytes.to_vec();
            // Private (0700 folders, 0600 files), written whole or not at all.
            tokio::task::spawn_blocking(move || -> std::io::Result<()> {
                anjungan_files::dir(&dir)?;
                anjungan_files::write(&final_path, &bytes)
            })
            .await
            .map_err(|e| HubError::Io(std::io::Error::other(e)))??;
        }
    }
    Ok(())
}

/// Stores a document the hub made itself (a resealed complaint): no kiosk's quota.
pub async fn store_own(
    pool: &AnyPool,
    data_dir: &Path,
    sha: &str,
    bytes: &[u8],
) -> Result<(), HubError> {
    write_bytes(pool, data_dir, sha, bytes).await?;
    sqlx::query(
        "INSERT INTO blobs (sha256, size, received_at, kiosk_id) VALUES ($1, $2, $3, NULL) ON CONFLICT DO NOTHING",
    )
    .bind(sha)
    .bind(bytes.len() as i64)
    .bind(now_rfc3339())
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes document `sha` at once if no record holds it any more (a purge or an erasure
/// let it go). Returns whether it went.
pub async fn remove_if_unheld(
    pool: &AnyPool,
    data_dir: &Path,
    sha: &str,
) -> Result<bool, HubError> {
    let gone = sqlx::query(&format!(
        "DELETE FROM blobs WHERE sha256 = $1 AND NOT {}",
        held_by_record("blobs")
    ))
    .bind(sha)
    .execute(pool)
    .await?
    .rows_affected();
    if gone == 0 {
        return Ok(false);
    }
    remove_bytes(pool, data_dir, sha).await?;
    Ok(true)
}

async fn remove_bytes(pool: &AnyPool, data_dir: &Path, sha: &str) -> Result<(), HubError> {
    match engine(pool) {
        Engine::Postgres => {
            sqlx::query("DELETE FROM blob_data WHERE sha256 = $1")
                .bind(sha)
                .execute(pool)
                .await?;
        }
        Engine::Sqlite => match std::fs::remove_file(path_of(data_dir, sha)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        },
    }
    Ok(())
}

/// A stored document's bytes.
pub async fn read(pool: &AnyPool, data_dir: &Path, sha: &str) -> Result<Vec<u8>, HubError> {
    match engine(pool) {
        Engine::Postgres => {
            let row: Option<(Vec<u8>,)> =
                sqlx::query_as("SELECT bytes FROM blob_data WHERE sha256 = $1")
                    .bind(sha)
                    .fetch_optional(pool)
                    .await?;
            row.map(|(b,)| b)
                .ok_or_else(|| HubError::NotFound(format!("document {sha}")))
        }
        Engine::Sqlite => Ok(tokio::fs::read(path_of(data_dir, sha)).await?),
    }
}

/// What a removal of unused documents did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Collected {
    pub documents: u64,
    pub bytes: u64,
}

/// Removes documents no record holds that arrived before `before` (now minus
/// [`UNUSED_GRACE`] in service): the row first, then the bytes, so a document is never listed
/// without them.
pub async fn collect_unused(
    pool: &AnyPool,
    data_dir: &Path,
    before: time::OffsetDateTime,
) -> Result<Collected, HubError> {
    let cutoff = crate::db::rfc3339(before);
    let unused: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT sha256, size FROM blobs b WHERE b.received_at < $1 AND NOT {}",
        held_by_record("b")
    ))
    .bind(&cutoff)
    .fetch_all(pool)
    .await?;
    let mut done = Collected {
        documents: 0,
        bytes: 0,
    };
    for (sha, size) in unused {
        // Checked again in the delete: a record may hold it by now.
        let gone = sqlx::query(&format!(
            "DELETE FROM blobs WHERE sha256 = $1 AND NOT {}",
            held_by_record("blobs")
        ))
        .bind(&sha)
        .execute(pool)
        .await?
        .rows_affected();
        if gone == 0 {
            continue;
        }
        remove_bytes(pool, data_dir, &sha).await?;
        done.documents += 1;
        done.bytes += u64::try_from(size).unwrap_or(0);
    }
    if done.documents > 0 {
        tracing::info!(
            documents = done.documents,
            bytes = done.bytes,
            "unused documents removed"
        );
    }
    Ok(done)
}
