//! The hub's service catalogue, cached: downloaded with `If-None-Match` whenever the hub
//! answers a connection check, read locally always, so a kiosk offline for days still
//! knows the services.

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::store::{Store, StoreError};
use anjungan_wire::ipc::ServiceOption;
use rusqlite::{params, OptionalExtension};

/// Downloads the catalogue if it changed. Returns whether it did.
pub async fn refresh(store: &Store, client: &HubClient, now: &str) -> Result<bool, CoreError> {
    let etag: Option<String> = store
        .conn()
        .query_row("SELECT etag FROM catalogue WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(StoreError::from)?
        .flatten();
    let Some((etag, body)) = client.catalogue(etag.as_deref()).await? else {
        return Ok(false);
    };
    serde_json::from_str::<serde_json::Value>(&body)
        .map_err(|e| CoreError::InvalidInput(format!("the hub's catalogue is not JSON: {e}")))?;
    store
        .conn()
        .execute(
            "INSERT INTO catalogue (id, etag, body, fetched_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, body = excluded.body,
                 fetched_at = excluded.fetched_at",
            params![etag, body, now],
        )
        .map_err(StoreError::from)?;
    Ok(true)
}

/// The services of the cached catalogue (empty before the first download).
pub fn services(store: &Store) -> Result<Vec<ServiceOption>, CoreError> {
    let body: Option<String> = store
        .conn()
        .query_row("SELECT body FROM catalogue WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(StoreError::from)?;
    let Some(body) = body else {
        return Ok(Vec::new());
    };
    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    Ok(value["services"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| {
                    Some(ServiceOption {
                        code: s["id"].as_str()?.to_owned(),
                        name: s["name"].as_str()?.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default())
}
