//! Documents the kiosk downloads from the hub and keeps for offline use (the catalogue, the
//! trust lists): fetched with `If-None-Match`, checked by the caller, stored with their ETag.

use crate::error::CoreError;
use crate::hub_client::HubError;
use crate::store::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use std::future::Future;

/// A stored document's body and when the hub last confirmed it (downloaded, or answered
/// "unchanged").
pub fn load(store: &Store, name: &str) -> Result<Option<(String, String)>, CoreError> {
    Ok(store
        .conn()
        .query_row(
            "SELECT body, fetched_at FROM hub_documents WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(StoreError::from)?)
}

/// Downloads `name` with `fetch` (given the stored ETag) unless it is unchanged, lets `check`
/// refuse it, and stores it. Returns whether it changed.
pub async fn refresh<F, Fut>(
    store: &Store,
    name: &str,
    now: &str,
    fetch: F,
    check: impl FnOnce(&str) -> Result<(), CoreError>,
) -> Result<bool, CoreError>
where
    F: FnOnce(Option<String>) -> Fut,
    Fut: Future<Output = Result<Option<(Option<String>, String)>, HubError>>,
{
    let etag: Option<String> = store
        .conn()
        .query_row(
            "SELECT etag FROM hub_documents WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()
        .map_err(StoreError::from)?
        .flatten();
    let Some((etag, body)) = fetch(etag).await? else {
        // "Unchanged" confirms what is held: its age counts from now.
        store
            .conn()
            .execute(
                "UPDATE hub_documents SET fetched_at = ?2 WHERE name = ?1",
                params![name, now],
            )
            .map_err(StoreError::from)?;
        return Ok(false);
    };
    check(&body)?;
    save(store, name, etag.as_deref(), &body, now)?;
    Ok(true)
}

/// Stores a document the caller has checked.
pub fn save(
    store: &Store,
    name: &str,
    etag: Option<&str>,
    body: &str,
    now: &str,
) -> Result<(), CoreError> {
    store
        .conn()
        .execute(
            "INSERT INTO hub_documents (name, etag, body, fetched_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET etag = excluded.etag, body = excluded.body,
                 fetched_at = excluded.fetched_at",
            params![name, etag, body, now],
        )
        .map_err(StoreError::from)?;
    Ok(())
}

/// Forgets `name`, and every document's ETag so the next download is whole: after an
/// enrolment with another hub, nothing the old one said is taken as confirmed by the new.
pub fn forget(store: &Store, name: &str) -> Result<(), CoreError> {
    let conn = store.conn();
    conn.execute("DELETE FROM hub_documents WHERE name = ?1", [name])
        .map_err(StoreError::from)?;
    conn.execute("UPDATE hub_documents SET etag = NULL", [])
        .map_err(StoreError::from)?;
    Ok(())
}
