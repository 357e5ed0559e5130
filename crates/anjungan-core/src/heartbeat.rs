//! The heartbeat the office's fleet view is made of: queue, oldest waiting item, free disk,
//! the trust lists' age, the last confirmed batch, the receipt printer and how it last
//! answered, the camera as the verify screen last found it. Counts, ages and states only.
//! Sent with the connection check, at most once a minute, and never a reason to fail one.

use crate::error::CoreError;
use crate::Kiosk;
use anjungan_wire::api::Heartbeat;
use anjungan_wire::receipt::PrinterConfig;
use std::path::Path;
use time::{Duration, OffsetDateTime};

/// At most one heartbeat this often.
pub const EVERY: Duration = Duration::minutes(1);

/// Free bytes on the disk that holds `dir`.
pub fn disk_free(dir: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(dir).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize))
}

/// How this kiosk is now.
pub fn build(kiosk: &Kiosk, now: OffsetDateTime) -> Result<Heartbeat, CoreError> {
    let queue = crate::sync::report(kiosk, &crate::sync::SyncConfig::default())?;
    let lists_age = crate::permit_check::current(kiosk.store())?
        .and_then(|(_, fetched_at)| crate::permit_check::age_s(&fetched_at, now));
    let printer = match crate::printing::load(kiosk.store())? {
        PrinterConfig::None => "none",
        PrinterConfig::EscposUsb { .. } => "usb",
        PrinterConfig::EscposTcp { .. } => "tcp",
        PrinterConfig::Ipp { .. } => "ipp",
    };
    let (printer_state, printer_state_at) = crate::receipts::last_state(kiosk.store())?.unzip();
    Ok(Heartbeat {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        pending: queue.pending,
        in_flight: queue.in_flight,
        dead: queue.dead,
        oldest_pending_age_s: queue
            .oldest_pending_age_s
            .and_then(|a| i64::try_from(a).ok()),
        disk_free_bytes: disk_free(kiosk.data_dir()),
        trust_lists_age_s: lists_age,
        last_sync_at: queue.last_success_at,
        printer: printer.to_owned(),
        printer_state,
        printer_state_at,
        camera: kiosk.camera_state().map(str::to_owned),
    })
}
