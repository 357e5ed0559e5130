//! Outage items: a kiosk's time without the hub, sent when it reached the hub again. Read
//! and checked at intake as [`anjungan_wire::item::Outage`] and kept as items; the yearly
//! evaluation (Pasal 24, Pasal 29) counts them here, per kiosk and cause.

use crate::db::Pool;
use crate::error::HubError;
use anjungan_wire::api::ItemKind;
use anjungan_wire::item::Item;
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// One kiosk's outages of one cause in the year, as Pasal 29 reports them.
#[derive(Debug, Clone, Serialize)]
pub struct OutageFigure {
    pub kiosk: String,
    pub cause: String,
    pub outages: u64,
    pub hours: f64,
}

/// Outages that began in the year (`in_year`, by the office's day), per kiosk and cause,
/// with the hours they lasted.
pub async fn figures(
    pool: &Pool,
    in_year: &impl Fn(Date) -> bool,
) -> Result<Vec<OutageFigure>, HubError> {
    let mut by: BTreeMap<(String, String), (u64, f64)> = BTreeMap::new();
    for kept in crate::items::kept(pool, ItemKind::Outage).await? {
        // An outage counts for the kiosk that had it, as long as that kiosk is known.
        let (Some(kiosk), Item::Outage(o)) = (kept.kiosk, kept.item) else {
            continue;
        };
        let Ok(start) = time::OffsetDateTime::from_unix_timestamp(o.started_ms.div_euclid(1000))
        else {
            continue;
        };
        if !in_year(anjungan_permit::office_day(start)) {
            continue;
        }
        let e = by.entry((kiosk, o.cause.code().to_owned())).or_default();
        e.0 += 1;
        e.1 += (o.ended_ms - o.started_ms).max(0) as f64 / 3_600_000.0;
    }
    Ok(by
        .into_iter()
        .map(|((kiosk, cause), (outages, hours))| OutageFigure {
            kiosk,
            cause,
            outages,
            hours,
        })
        .collect())
}
