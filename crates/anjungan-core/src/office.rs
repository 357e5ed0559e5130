//! The office's calendar and e-SKM rules, cached like the catalogue: downloaded whenever
//! the hub answers, read locally always. Before the first download the kiosk uses the
//! national calendar it ships and the default rules.

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::store::Store;
use anjungan_calendar::OfficeCalendar;
use anjungan_wire::api::OfficeBody;
use anjungan_wire::ipc::SkmRules;

const NAME: &str = "office";

fn parse(body: &str) -> Result<(OfficeCalendar, SkmRules), String> {
    let b: OfficeBody = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let file = serde_json::from_value(b.calendar).map_err(|e| e.to_string())?;
    let calendar = OfficeCalendar::from_file(&file).map_err(|e| e.to_string())?;
    Ok((calendar, b.skm))
}

pub async fn refresh(store: &Store, client: &HubClient, now: &str) -> Result<bool, CoreError> {
    hub_documents::refresh(
        store,
        NAME,
        now,
        |etag| async move { client.office(etag.as_deref()).await },
        |body| {
            parse(body)
                .map(|_| ())
                .map_err(|e| CoreError::InvalidInput(format!("the hub's office settings: {e}")))
        },
    )
    .await
}

/// The calendar and rules in effect here.
pub fn load(store: &Store) -> Result<(OfficeCalendar, SkmRules), CoreError> {
    Ok(hub_documents::load(store, NAME)?
        .and_then(|(body, _)| parse(&body).ok())
        .unwrap_or_else(|| (OfficeCalendar::national(), SkmRules::default())))
}
