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
    let mut out = BTreeMap::new();
    for kept in crate::items::kept(pool, ItemKind::Verification).await? {
        let Item::Verification(v) = kept.item else {
            continue;
        };
        if anjungan_permit::office_day_of(&kept.created_at).is_some_and(in_year) {
            let verdict = anjungan_wire::codes::of(&v.verdict).unwrap_or_default();
            *out.entry(verdict).or_default() += 1;
        }
    }
    Ok(out)
}
