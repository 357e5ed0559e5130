//! The hub's service catalogue, cached: downloaded with `If-None-Match` whenever the hub
//! answers a connection check, read locally always, so a kiosk offline for days still
//! knows the services. A download that does not pass the catalogue checks is not stored:
//! the kiosk keeps the copy it had.

use crate::enrolment;
use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::store::Store;
use crate::Kiosk;
use anjungan_wire::catalogue::Catalogue;
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
            anjungan_catalogue::parse(body)
                .map(|_| ())
                .map_err(|errors| {
                    CoreError::InvalidInput(format!(
                        "the hub's catalogue does not pass its checks: {}",
                        errors.first().map(ToString::to_string).unwrap_or_default()
                    ))
                })
        },
    )
    .await
}

/// The cached catalogue, or `None` when this kiosk has never received one.
pub fn load(store: &Store) -> Result<Option<Catalogue>, CoreError> {
    let Some((body, _)) = hub_documents::load(store, NAME)? else {
        return Ok(None);
    };
    Ok(anjungan_catalogue::parse(&body).ok())
}

/// The services of the cached catalogue, for the survey's "service received" (empty
/// before the first download).
pub fn services(store: &Store) -> Result<Vec<ServiceOption>, CoreError> {
    Ok(load(store)?
        .map(|c| {
            c.services
                .into_iter()
                .map(|s| ServiceOption {
                    code: s.code,
                    name: s.name,
                })
                .collect()
        })
        .unwrap_or_default())
}

impl Kiosk {
    /// The cached service catalogue (`None` when this kiosk never received one).
    pub fn catalogue(&self) -> Result<Option<Catalogue>, CoreError> {
        load(self.store())
    }

    /// The public page of a service at the hub, for "Simpan ke HP" (`None` when not
    /// enrolled).
    pub fn service_link(&self, code: &str) -> Result<Option<String>, CoreError> {
        let Some(e) = enrolment::load(self.store())? else {
            return Ok(None);
        };
        let mut url = url::Url::parse(&e.hub_url)
            .map_err(|err| CoreError::InvalidInput(format!("the hub address: {err}")))?;
        url.path_segments_mut()
            .map_err(|()| CoreError::InvalidInput("the hub address has no path".into()))?
            .pop_if_empty()
            .extend(["s", code]);
        Ok(Some(url.to_string()))
    }
}
