//! Verification items: a permit check at a kiosk, counted for the office without the holder
//! or the permit's number. Read and checked at intake as
//! [`anjungan_wire::item::Verification`] and kept as items; counted here by verdict.

use crate::db::Pool;
use crate::error::HubError;
use anjungan_wire::api::ItemKind;
use anjungan_wire::item::Item;
use std::collections::BTreeMap;
use time::Date;

/// Checks made in the year (`in_year`, by the office's day of the check), by verdict
/// (`ASLI`, `DICABUT`, …). Demo items are not counted.
pub async fn by_verdict(
    pool: &Pool,
    in_year: &impl Fn(Date) -> bool,
) -> Result<BTreeMap<String, u64>, HubError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT payload, created_at FROM items WHERE kind = 'verification'")
            .fetch_all(pool)
            .await?;
    let mut out = BTreeMap::new();
    let mut other = 0usize;
    for (payload, at) in rows {
        if !anjungan_permit::office_day_of(&at).is_some_and(in_year) {
            continue;
        }
        match serde_json::from_str(&payload)
            .ok()
            .and_then(|p| Item::parse(ItemKind::Verification, &p, None).ok())
        {
            Some(Item::Verification(v)) => {
                let verdict = serde_json::to_value(v.verdict)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                *out.entry(verdict).or_default() += 1;
            }
            _ => other += 1,
        }
    }
    if other > 0 {
        tracing::info!(
            other,
            "verification items that are demo data or no check: not counted"
        );
    }
    Ok(out)
}
