//! What one kiosk token may spend: items stored and document bytes taken per office day, and
//! complaint PIN attempts per hour across every number. A stolen or runaway token then fills
//! neither the disk nor the register, and cannot try PINs faster than a counter would.
//!
//! Over a quota the hub answers 429 with `Retry-After`: an honest kiosk's items wait in its
//! queue, none is refused for it. Each count is taken in one statement (an upsert whose
//! `WHERE` refuses the step past the limit), so parallel requests cannot overshoot it.

use crate::error::HubError;
use sqlx::{Any, AnyPool, Transaction};
use std::time::Duration;

/// How long a kiosk over a daily quota is asked to wait before it tries again.
const DAY_RETRY: Duration = Duration::from_secs(15 * 60);

/// Refuses a batch of `n` items when the kiosk has stored its day's quota already.
pub async fn check_items(
    pool: &AnyPool,
    kiosk_id: &str,
    day: &str,
    n: usize,
    limits: &crate::limits::Limits,
) -> Result<(), HubError> {
    let (used,): (i64,) = sqlx::query_as(
        "SELECT coalesce((SELECT items FROM kiosk_usage WHERE kiosk_id = $1 AND day = $2), 0)",
    )
    .bind(kiosk_id)
    .bind(day)
    .fetch_one(pool)
    .await?;
    if used.saturating_add(i64::try_from(n).unwrap_or(i64::MAX)) > limits.kiosk_items_per_day {
        tracing::warn!(kiosk_id, used, "a kiosk reached its items for the day");
        return Err(HubError::Throttled(DAY_RETRY));
    }
    Ok(())
}

/// Counts `n` newly stored items, inside the batch's transaction.
pub async fn count_items(
    tx: &mut Transaction<'_, Any>,
    kiosk_id: &str,
    day: &str,
    n: i64,
) -> Result<(), HubError> {
    if n == 0 {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO kiosk_usage (kiosk_id, day, items, bytes) VALUES ($1, $2, $3, 0)
         ON CONFLICT (kiosk_id, day) DO UPDATE SET items = kiosk_usage.items + excluded.items",
    )
    .bind(kiosk_id)
    .bind(day)
    .bind(n)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes `bytes` of the kiosk's documents for the day, or refuses (429) past the quota.
pub async fn take_bytes(
    pool: &AnyPool,
    kiosk_id: &str,
    day: &str,
    bytes: i64,
    limits: &crate::limits::Limits,
) -> Result<(), HubError> {
    let taken = sqlx::query(
        "INSERT INTO kiosk_usage (kiosk_id, day, items, bytes) SELECT $1, $2, 0, $3 WHERE $3 <= $4
         ON CONFLICT (kiosk_id, day) DO UPDATE SET bytes = kiosk_usage.bytes + excluded.bytes
          WHERE kiosk_usage.bytes + excluded.bytes <= $4",
    )
    .bind(kiosk_id)
    .bind(day)
    .bind(bytes)
    .bind(limits.kiosk_bytes_per_day)
    .execute(pool)
    .await?
    .rows_affected();
    if taken == 0 {
        tracing::warn!(kiosk_id, "a kiosk reached its document bytes for the day");
        return Err(HubError::Throttled(DAY_RETRY));
    }
    Ok(())
}

/// Takes one complaint PIN attempt from the kiosk's hourly budget, before the PIN is looked
/// at; refuses (429 until the next hour) when the budget is spent.
pub async fn take_pin_attempt(
    pool: &AnyPool,
    kiosk_id: &str,
    now: time::OffsetDateTime,
    limits: &crate::limits::Limits,
) -> Result<(), HubError> {
    let hour = crate::db::hour_rfc3339(now);
    let taken = sqlx::query(
        "INSERT INTO kiosk_pin_budget (kiosk_id, hour, attempts) VALUES ($1, $2, 1)
         ON CONFLICT (kiosk_id, hour) DO UPDATE SET attempts = kiosk_pin_budget.attempts + 1
          WHERE kiosk_pin_budget.attempts < $3",
    )
    .bind(kiosk_id)
    .bind(&hour)
    .bind(limits.kiosk_pin_attempts_per_hour)
    .execute(pool)
    .await?
    .rows_affected();
    if taken == 0 {
        tracing::warn!(
            kiosk_id,
            "a kiosk spent its complaint PIN attempts for the hour"
        );
        let left = 3600 - i64::from(now.minute()) * 60 - i64::from(now.second());
        return Err(HubError::Throttled(Duration::from_secs(
            u64::try_from(left.max(1)).unwrap_or(60),
        )));
    }
    Ok(())
}

/// Gives back an attempt that found the right PIN: the budget counts guesses, not citizens.
pub async fn refund_pin_attempt(
    pool: &AnyPool,
    kiosk_id: &str,
    now: time::OffsetDateTime,
) -> Result<(), HubError> {
    let hour = crate::db::hour_rfc3339(now);
    sqlx::query(
        "UPDATE kiosk_pin_budget SET attempts = attempts - 1
          WHERE kiosk_id = $1 AND hour = $2 AND attempts > 0",
    )
    .bind(kiosk_id)
    .bind(&hour)
    .execute(pool)
    .await?;
    Ok(())
}
