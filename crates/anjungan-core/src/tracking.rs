//! Tracking numbers: each kiosk counts its own sequence per office year, so two kiosks
//! never give out the same number and a kiosk offline for a week still numbers every
//! application and complaint. The hub tells a kiosk the last number it holds from it, and
//! the sequence never goes back below that.

use crate::error::CoreError;
use crate::store::{Store, StoreError};
use crate::Kiosk;
use anjungan_apply::TrackingNumber;
use time::OffsetDateTime;

/// Takes the next tracking number of this kiosk's sequence inside `tx`.
pub fn take_number(
    tx: &rusqlite::Transaction<'_>,
    kiosk_number: u16,
    now: OffsetDateTime,
) -> Result<TrackingNumber, CoreError> {
    let year = anjungan_permit::office_day(now).year();
    let sequence: u32 = tx
        .query_row(
            "INSERT INTO tracking_sequence (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    TrackingNumber::new(year, kiosk_number, sequence).ok_or_else(|| {
        CoreError::InvalidInput("this kiosk has used every tracking number of the year".into())
    })
}

/// Moves this kiosk's sequence for `year` past `last` (what the hub holds from this kiosk):
/// a kiosk whose store was reset under the same number does not give its citizens numbers
/// it gave before. Never moves it back.
pub fn continue_after(store: &Store, year: i32, last: u32) -> Result<(), CoreError> {
    store
        .conn()
        .execute(
            "INSERT INTO tracking_sequence (year, last) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)",
            rusqlite::params![year, last],
        )
        .map_err(StoreError::from)?;
    Ok(())
}

/// The next tracking number on its own, for synthetic items (demo data, load tests) that
/// must carry a number no real application will ever get.
pub fn next_number(
    store: &Store,
    kiosk_number: u16,
    now: OffsetDateTime,
) -> Result<String, CoreError> {
    store
        .write(|tx| take_number(tx, kiosk_number, now))
        .map(|n| n.to_string())
}

impl Kiosk {
    /// The next tracking number of this kiosk, outside an application (synthetic items).
    pub fn next_tracking_number(&self) -> Result<String, CoreError> {
        next_number(self.store(), self.kiosk_number()?, self.now())
    }
}
