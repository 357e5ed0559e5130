//! Documents the kiosk downloads from the hub and keeps for offline use (the catalogue, the
//! trust lists): fetched with `If-None-Match`, checked by the caller, stored with their ETag.

use crate::error::CoreError;
use crate::hub_client::HubError;
use crate::store::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use std::future::Future;

/// A stored document's body and when it was downloaded.
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
        return Ok(false);
    };
    check(&body)?;
    store
        .conn()
        .execute(
            "INSERT INTO hub_documents (name, etag, body, fetched_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET etag = excluded.etag, body = excluded.body,
                 fetched_at = excluded.fetched_at",
            params![name, etag, body, now],
        )
        .map_err(StoreError::from)?;
    Ok(true)
}
