//! The office's service catalogue: imported from a JSON file (checked, versioned, every
//! version kept), served to kiosks with an ETag that changes with each version, exported
//! back to a file, and shown to phones as static pages.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_wire::catalogue::Catalogue;
use sqlx::AnyPool;

/// Checks and stores a catalogue as the next version; returns that version. The file's
/// own `version` is replaced: versions are the hub's to count.
pub async fn import(pool: &AnyPool, text: &str) -> Result<u32, HubError> {
    let mut catalogue = anjungan_catalogue::parse(text).map_err(|errors| {
        HubError::InvalidInput(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let mut tx = crate::db::begin_write(pool).await?;
    let (last,): (i64,) =
        sqlx::query_as("SELECT coalesce(max(version), 0) FROM catalogue_versions")
            .fetch_one(&mut *tx)
            .await?;
    let version = u32::try_from(last + 1).map_err(|e| HubError::InvalidInput(e.to_string()))?;
    catalogue.version = version;
    sqlx::query(
        "INSERT INTO catalogue_versions (version, effective_from, updated_on, body, imported_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(i64::from(version))
    .bind(&catalogue.effective_from)
    .bind(&catalogue.updated_on)
    .bind(anjungan_catalogue::to_json(&catalogue))
    .bind(now_rfc3339())
    .execute(&mut *tx)
    .await?;
    // The per-service rows that status lookups and reports join on.
    for s in &catalogue.services {
        sqlx::query(
            "INSERT INTO services (code, name, channel, sla_working_days, body) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, channel = excluded.channel,
                 sla_working_days = excluded.sla_working_days, body = excluded.body",
        )
        .bind(&s.code)
        .bind(&s.name)
        .bind(anjungan_wire::codes::of(&s.channel))
        .bind(i64::from(s.sla_working_days))
        .bind(serde_json::to_string(s).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(version)
}

/// The served catalogue as stored (exact bytes, so its ETag is stable).
pub async fn current_json(pool: &AnyPool) -> Result<Option<String>, HubError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM catalogue_versions ORDER BY version DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(b,)| b))
}

pub async fn current(pool: &AnyPool) -> Result<Option<Catalogue>, HubError> {
    Ok(current_json(pool)
        .await?
        .and_then(|b| serde_json::from_str(&b).ok()))
}

/// Every stored version: (version, effective_from, imported_at).
pub async fn versions(pool: &AnyPool) -> Result<Vec<(i64, String, String)>, HubError> {
    Ok(sqlx::query_as(
        "SELECT version, effective_from, imported_at FROM catalogue_versions ORDER BY version",
    )
    .fetch_all(pool)
    .await?)
}
