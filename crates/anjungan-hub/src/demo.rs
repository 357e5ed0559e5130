//! Demo data: the Kota Metro catalogue and a few example applications, so that a fresh
//! hub is useful at once. Loading twice changes nothing.

use crate::error::HubError;
use serde::Deserialize;
use sqlx::SqlitePool;

const CATALOGUE: &str = include_str!("../demo/catalogue.json");

/// Example applications: (tracking number, service, status, submitted, updated).
pub const APPLICATIONS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "2026-000101",
        "sip-dokter",
        "diterima",
        "2026-11-23",
        "2026-11-23",
    ),
    (
        "2026-000102",
        "sip-bidan",
        "diverifikasi",
        "2026-11-18",
        "2026-11-20",
    ),
    (
        "2026-000103",
        "izin-trayek",
        "perlu_perbaikan",
        "2026-11-16",
        "2026-11-19",
    ),
    (
        "2026-000104",
        "iptr-reklame",
        "diproses",
        "2026-11-11",
        "2026-11-24",
    ),
    ("2026-000105", "sipa", "selesai", "2026-11-02", "2026-11-06"),
    (
        "2026-000106",
        "izin-paud",
        "ditolak",
        "2026-10-27",
        "2026-10-28",
    ),
];

#[derive(Deserialize)]
struct Service {
    id: String,
    name: String,
    channel: String,
    sla_working_days: Option<u32>,
}

/// Loads the demo catalogue and applications; returns how many services the catalogue has.
pub async fn load(pool: &SqlitePool) -> Result<usize, HubError> {
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(CATALOGUE).map_err(|e| HubError::Demo(e.to_string()))?;
    let mut tx = pool.begin().await?;
    for value in &raw {
        let s: Service =
            serde_json::from_value(value.clone()).map_err(|e| HubError::Demo(e.to_string()))?;
        sqlx::query(
            "INSERT INTO services (code, name, channel, sla_working_days, body) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, channel = excluded.channel,
                 sla_working_days = excluded.sla_working_days, body = excluded.body",
        )
        .bind(&s.id)
        .bind(&s.name)
        .bind(&s.channel)
        .bind(s.sla_working_days)
        .bind(value.to_string())
        .execute(&mut *tx)
        .await?;
    }
    for (number, service, status, submitted, updated) in APPLICATIONS {
        sqlx::query(
            "INSERT INTO applications (tracking_number, service_code, status, submitted_on, updated_on)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tracking_number) DO NOTHING",
        )
        .bind(number)
        .bind(service)
        .bind(status)
        .bind(submitted)
        .bind(updated)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(raw.len())
}
