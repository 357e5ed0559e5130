//! Outage items: a kiosk's time without the hub, sent when it reached the hub again. Read
//! and checked at intake as [`anjungan_wire::item::Outage`] and kept as items; the yearly
//! evaluation (Pasal 24, Pasal 29) counts them here, per kiosk and cause.

use crate::db::Pool;
use crate::error::HubError;
use crate::evaluation::OutageFigure;
use anjungan_wire::api::ItemKind;
use anjungan_wire::item::{Item, Outage};
use std::collections::BTreeMap;
use time::Date;

/// Stored outage items read back as their type. Demo items (and records older than typed
/// items that are not an outage's shape) are left out, and counted in the log.
async fn stored(pool: &Pool) -> Result<Vec<(String, Outage)>, HubError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT k.name, i.payload FROM items i JOIN kiosks k ON k.id = i.kiosk_id
          WHERE i.kind = 'outage'",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut other = 0usize;
    for (kiosk, payload) in rows {
        match serde_json::from_str(&payload)
            .ok()
            .and_then(|p| Item::parse(ItemKind::Outage, &p, None).ok())
        {
            Some(Item::Outage(o)) => out.push((kiosk, o)),
            _ => other += 1,
        }
    }
    if other > 0 {
        tracing::info!(
            other,
            "outage items that are demo data or no outage: not counted"
        );
    }
    Ok(out)
}

/// Outages that began in the year (`in_year`, by the office's day), per kiosk and cause,
/// with the hours they lasted.
pub async fn figures(
    pool: &Pool,
    in_year: &impl Fn(Date) -> bool,
) -> Result<Vec<OutageFigure>, HubError> {
    let mut by: BTreeMap<(String, String), (u64, f64)> = BTreeMap::new();
    for (kiosk, o) in stored(pool).await? {
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
