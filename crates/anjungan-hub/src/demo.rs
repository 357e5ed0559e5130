//! Demo data: the Kota Metro catalogue and a few example applications, so that a fresh
//! hub is useful at once. Loading twice changes nothing.

use crate::error::HubError;
use sqlx::AnyPool;

const CATALOGUE: &str = include_str!("../demo/catalogue.json");

/// Example applications, as the office's back office (kiosk number 0) would have them:
/// (sequence, service, status, submitted, updated). Their numbers are
/// [`demo_number`]`(sequence)`.
pub const APPLICATIONS: &[(u32, &str, &str, &str, &str)] = &[
    (101, "sip-dokter", "diterima", "2026-11-23", "2026-11-23"),
    (
        102,
        "sip-bidan",
        "verifikasi_berkas",
        "2026-11-18",
        "2026-11-20",
    ),
    (
        103,
        "izin-trayek",
        "perlu_perbaikan",
        "2026-11-16",
        "2026-11-19",
    ),
    (104, "iptr-reklame", "diproses", "2026-11-11", "2026-11-24"),
    (105, "sipa", "selesai", "2026-11-02", "2026-11-06"),
    (106, "izin-paud", "ditolak", "2026-10-27", "2026-10-28"),
];

/// The printed tracking number of demo application `sequence` (year 2026, kiosk 0).
pub fn demo_number(sequence: u32) -> String {
    anjungan_apply::TrackingNumber::new(2026, 0, sequence)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// Loads the demo catalogue (when the hub has none yet) and applications; returns how many
/// services the catalogue has.
pub async fn load(pool: &AnyPool) -> Result<usize, HubError> {
    if crate::catalogue::current_json(pool).await?.is_none() {
        crate::catalogue::import(pool, CATALOGUE).await?;
    }
    let services = crate::catalogue::current(pool)
        .await?
        .map_or(0, |c| c.services.len());
    let mut tx = crate::db::begin_write(pool).await?;
    for (sequence, service, status, submitted, updated) in APPLICATIONS {
        let number = demo_number(*sequence);
        let inserted = sqlx::query(
            "INSERT INTO applications (tracking_number, service_code, status, submitted_on, updated_on)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tracking_number) DO NOTHING",
        )
        .bind(&number)
        .bind(service)
        .bind(status)
        .bind(submitted)
        .bind(updated)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 && *status == "perlu_perbaikan" {
            sqlx::query(
                "UPDATE applications SET missing = '[\"kir\"]',
                        status_note = 'Buku uji KIR sudah tidak berlaku' WHERE tracking_number = $1",
            )
            .bind(&number)
            .execute(&mut *tx)
            .await?;
        }
        if inserted == 1 {
            // Received on the day it was submitted, then its current status.
            let mut steps = vec![("diterima", submitted)];
            if *status != "diterima" {
                steps.push((status, updated));
            }
            for (step, day) in steps {
                sqlx::query(
                    "INSERT INTO application_history (tracking_number, status, changed_by, changed_at)
                     VALUES ($1, $2, 'demo', $3)",
                )
                .bind(&number)
                .bind(step)
                .bind(format!("{day}T02:00:00Z"))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(services)
}
