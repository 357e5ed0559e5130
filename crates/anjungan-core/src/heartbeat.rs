//! The heartbeat the office's fleet view is made of: queue, oldest waiting item, free disk,
//! the trust lists' age, the last confirmed batch, the receipt printer and how it last
//! answered, the camera as the verify screen last found it. Counts, ages and states only.
//! Sent with the connection check, at most once a minute, and never a reason to fail one.

use crate::context::Context;
use crate::error::CoreError;
use crate::hub_client::HubClient;
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
pub fn build(ctx: &Context, now: OffsetDateTime) -> Result<Heartbeat, CoreError> {
    let queue = crate::sync::report(ctx, &crate::sync::SyncConfig::default())?;
    let lists_age = crate::trust::current(ctx.store())?
        .and_then(|(_, fetched_at)| crate::trust::age_s(&fetched_at, now));
    let printer = match crate::printing::load(ctx.store())? {
        PrinterConfig::None => "none",
        PrinterConfig::EscposUsb { .. } => "usb",
        PrinterConfig::EscposTcp { .. } => "tcp",
        PrinterConfig::Ipp { .. } => "ipp",
    };
    let (printer_state, printer_state_at) = crate::receipts::last_state(ctx.store())?.unzip();
    Ok(Heartbeat {
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        pending: queue.pending,
        in_flight: queue.in_flight,
        dead: queue.dead,
        oldest_pending_age_s: queue
            .oldest_pending_age_s
            .and_then(|a| i64::try_from(a).ok()),
        disk_free_bytes: disk_free(ctx.data_dir()),
        trust_lists_age_s: lists_age,
        last_sync_at: queue.last_success_at,
        printer: printer.to_owned(),
        printer_state,
        printer_state_at,
        camera: ctx.camera_state().map(|c| c.code().to_owned()),
    })
}

/// Sends a heartbeat for the office's fleet view, at most once a minute; a failure is only
/// logged (the connection check has its own verdict).
pub async fn send(ctx: &Context, client: &HubClient, now: OffsetDateTime) {
    if !ctx.heartbeat_due(now, EVERY) {
        return;
    }
    let sent = match build(ctx, now) {
        Ok(h) => client.heartbeat(&h).await.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    if let Err(e) = sent {
        tracing::warn!(error = %e, "heartbeat not sent");
    }
}
