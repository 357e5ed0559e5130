//! Documents, content-addressed by SHA-256. A blob is written to a temporary file, synced,
//! checked against its name, renamed into place and the directory synced; only then is it
//! recorded. Uploading the same blob again is a no-op, so an interrupted upload is simply
//! repeated.

use crate::db::now_rfc3339;
use crate::error::HubError;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};

pub fn valid_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where a document's file lives.
pub fn path_of(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("blobs").join(&sha[..2]).join(sha)
}

pub async fn exists(pool: &SqlitePool, sha: &str) -> Result<bool, HubError> {
    let (known,): (bool,) = sqlx::query_as("SELECT EXISTS(SELECT 1 FROM blobs WHERE sha256 = ?1)")
        .bind(sha)
        .fetch_one(pool)
        .await?;
    Ok(known)
}

pub async fn put(
    pool: &SqlitePool,
    data_dir: &Path,
    sha: &str,
    bytes: &[u8],
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
    let final_path = path_of(data_dir, sha);
    let dir = final_path.parent().map(Path::to_owned).unwrap_or_default();
    let size = bytes.len() as i64;
    let bytes = bytes.to_vec();
    // Private (0700 folders, 0600 files), written whole or not at all.
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        anjungan_files::dir(&dir)?;
        anjungan_files::write(&final_path, &bytes)
    })
    .await
    .map_err(|e| HubError::Io(std::io::Error::other(e)))??;
    sqlx::query(
        "INSERT INTO blobs (sha256, size, received_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )
    .bind(sha)
    .bind(size)
    .bind(now_rfc3339())
    .execute(pool)
    .await?;
    Ok(())
}
