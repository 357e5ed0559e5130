//! Tracking numbers as the hub files them. A kiosk gives numbers from its own digits (the
//! ingestion checks the sender owns them); the hub only steps in when a number arrives taken
//! all the same, and tells a kiosk where its sequence stands so that it need not.

use crate::error::HubError;
use anjungan_apply::TrackingNumber;
use sqlx::{Any, AnyPool, Transaction};

/// The office's own kiosk digits (`000`), and where the hub's numbers for taken receipts
/// start in them: above anything the office types by hand.
const OFFICE_KIOSK: u16 = 0;
const FILED_FROM: u32 = 90_001;

/// Whether `number` is held by an application or a complaint other than `item_id`'s.
async fn taken(
    tx: &mut Transaction<'_, Any>,
    number: &str,
    item_id: &str,
) -> Result<bool, HubError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM (SELECT item_id FROM applications WHERE tracking_number = $1
                               UNION ALL SELECT item_id FROM complaints WHERE tracking_number = $1) AS t
          WHERE item_id IS NULL OR item_id <> $2",
    )
    .bind(number)
    .bind(item_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

/// The highest number from `from` (inclusive) to `to` (exclusive) an application or a
/// complaint holds. Printed numbers sort as their digits: a range is a prefix.
async fn highest_in<'c>(
    db: impl sqlx::Executor<'c, Database = Any>,
    from: &str,
    to: &str,
) -> Result<Option<TrackingNumber>, HubError> {
    let (highest,): (Option<String>,) = sqlx::query_as(
        "SELECT max(n) FROM (SELECT tracking_number AS n FROM applications WHERE tracking_number >= $1 AND tracking_number < $2
                             UNION ALL SELECT tracking_number FROM complaints WHERE tracking_number >= $1 AND tracking_number < $2) AS t",
    )
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    Ok(highest.and_then(|n| TrackingNumber::parse(&n).ok()))
}

/// `None` when the receipt's `number` is free; else a free number of the office's own
/// (`YY-000-9xxxx-c`) to file the citizen's item under. Never a refusal: the citizen has
/// a receipt, and the item must reach the office.
pub async fn filed_number(
    tx: &mut Transaction<'_, Any>,
    number: &str,
    item_id: &str,
) -> Result<Option<String>, HubError> {
    if !taken(tx, number, item_id).await? {
        return Ok(None);
    }
    let year = TrackingNumber::parse(number).map_or(0, |n| i32::from(n.year));
    let prefix = format!("{year:02}-{OFFICE_KIOSK:03}-");
    let highest = highest_in(
        &mut **tx,
        &format!("{prefix}{FILED_FROM:05}"),
        &format!("{prefix}a"),
    )
    .await?;
    let next = highest.map_or(FILED_FROM, |n| n.sequence + 1);
    let filed = TrackingNumber::new(year, OFFICE_KIOSK, next).ok_or_else(|| {
        HubError::Internal("the office's numbers for taken receipts ran out this year".into())
    })?;
    tracing::warn!(receipt = %number, filed = %filed, "a tracking number arrived taken; filed under the office's own");
    Ok(Some(filed.to_string()))
}

/// The highest sequence of `year`'s numbers the hub holds from kiosk `kiosk` (its own
/// numbers, not those the hub filed for it).
pub async fn last_sequence(pool: &AnyPool, kiosk: u16, year: i32) -> Result<Option<u32>, HubError> {
    let prefix = format!("{:02}-{kiosk:03}-", year.rem_euclid(100));
    let highest = highest_in(pool, &prefix, &format!("{prefix}a")).await?;
    Ok(highest.map(|n| n.sequence))
}
