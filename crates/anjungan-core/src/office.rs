//! The office's calendar and e-SKM rules, cached like the catalogue: downloaded whenever
//! the hub answers, read locally always. Before the first download the kiosk uses the
//! national calendar it ships and the default rules.

use crate::error::CoreError;
use crate::hub_client::HubClient;
use crate::hub_documents;
use crate::store::Store;
use anjungan_calendar::OfficeCalendar;
use anjungan_wire::api::{OfficeBody, Pacing};
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

/// How often the office wants its kiosks to check in, if it said.
pub fn pacing(store: &Store) -> Result<Option<Pacing>, CoreError> {
    Ok(hub_documents::load(store, NAME)?
        .and_then(|(body, _)| serde_json::from_str::<OfficeBody>(&body).ok())
        .and_then(|b| b.pacing))
}

/// How long until the next connection check: the site's own setting (`local`), else the
/// office's pacing, else `default`; plus up to the office's jitter at random, so that a
/// city's kiosks coming back after an outage do not all knock at once.
pub fn next_check(
    store: &Store,
    local: Option<std::time::Duration>,
    default: std::time::Duration,
    rng: &mut impl rand::Rng,
) -> std::time::Duration {
    let pacing = pacing(store).ok().flatten();
    let base = local
        .or(pacing.map(|p| std::time::Duration::from_secs(u64::from(p.check_every_s))))
        .unwrap_or(default);
    let jitter = pacing.map_or(0, |p| u64::from(p.jitter_s));
    base + std::time::Duration::from_millis(rng.gen_range(0..=jitter * 1000))
}

/// The calendar and rules in effect here.
pub fn load(store: &Store) -> Result<(OfficeCalendar, SkmRules), CoreError> {
    Ok(hub_documents::load(store, NAME)?
        .and_then(|(body, _)| parse(&body).ok())
        .unwrap_or_else(|| (OfficeCalendar::national(), SkmRules::default())))
}
