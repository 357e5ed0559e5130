//! Which printer this kiosk prints receipts on: set by staff (`anjungan-cli printer --set`)
//! and kept in the store, or given by `ANJUNGAN_PRINTER` (which wins, for kiosk images
//! and tests). Both take the forms of [`anjungan_receipt::printer::parse_spec`].

use crate::error::CoreError;
use crate::store::{Store, StoreError};
use anjungan_receipt::printer::{parse_spec, spec_of};
use anjungan_wire::receipt::PrinterConfig;
use rusqlite::OptionalExtension;

pub const PRINTER_ENV: &str = "ANJUNGAN_PRINTER";
const KEY: &str = "printer";

pub fn load(store: &Store) -> Result<PrinterConfig, CoreError> {
    if let Ok(spec) = std::env::var(PRINTER_ENV) {
        return parse_spec(&spec)
            .map_err(|e| CoreError::InvalidInput(format!("{PRINTER_ENV}: {e}")));
    }
    let stored: Option<String> = store
        .conn()
        .query_row(
            "SELECT value FROM kiosk_settings WHERE key = ?1",
            [KEY],
            |r| r.get(0),
        )
        .optional()
        .map_err(StoreError::from)?;
    match stored {
        Some(spec) => parse_spec(&spec).map_err(CoreError::InvalidInput),
        None => Ok(PrinterConfig::None),
    }
}

/// Checks and stores a printer setting; returns it as read back.
pub fn set(store: &Store, spec: &str) -> Result<String, CoreError> {
    let config = parse_spec(spec).map_err(CoreError::InvalidInput)?;
    let spec = spec_of(&config);
    store
        .conn()
        .execute(
            "INSERT INTO kiosk_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [KEY, &spec],
        )
        .map_err(StoreError::from)?;
    Ok(spec)
}
