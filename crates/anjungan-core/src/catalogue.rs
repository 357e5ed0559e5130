//! The hub's service catalogue, cached: downloaded with `If-None-Match` whenever the hub
//! answers a connection check, read locally always, so a kiosk offline for days still
//! knows the services.

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::store::Store;
use anjungan_wire::ipc::ServiceOption;

const NAME: &str = "catalogue";

/// Downloads the catalogue if it changed. Returns whether it did.
pub async fn refresh(store: &Store, client: &HubClient, now: &str) -> Result<bool, CoreError> {
    hub_documents::refresh(
        store,
        NAME,
        now,
        |etag| async move { client.catalogue(etag.as_deref()).await },
        |body| {
            serde_json::from_str::<serde_json::Value>(body)
                .map(|_| ())
                .map_err(|e| {
                    CoreError::InvalidInput(format!("the hub's catalogue is not JSON: {e}"))
                })
        },
    )
    .await
}

/// The services of the cached catalogue (empty before the first download).
pub fn services(store: &Store) -> Result<Vec<ServiceOption>, CoreError> {
    let Some((body, _)) = hub_documents::load(store, NAME)? else {
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
