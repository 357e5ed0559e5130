//! What the office sets once for every kiosk besides the catalogue: its calendar (days off,
//! force-majeure days) and its e-SKM rules. Kiosks download both as `GET /v1/office`.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_calendar::{CalendarDay, CalendarFile, DayKind, OfficeCalendar};
use anjungan_wire::api::{OfficeBody, Pacing};
use anjungan_wire::ipc::SkmRules;
use sqlx::AnyPool;

fn kind_code(k: DayKind) -> &'static str {
    match k {
        DayKind::LiburNasional => "libur_nasional",
        DayKind::CutiBersama => "cuti_bersama",
        DayKind::ForceMajeure => "force_majeure",
    }
}

/// Replaces the calendar with `json` (a [`CalendarFile`]), all of it or nothing. Returns
/// the number of days off.
pub async fn set_calendar(pool: &AnyPool, json: &str) -> Result<usize, HubError> {
    let (_, file) =
        OfficeCalendar::from_json(json).map_err(|e| HubError::InvalidInput(e.to_string()))?;
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query("DELETE FROM calendar_days")
        .execute(&mut *tx)
        .await?;
    for d in &file.days {
        sqlx::query("INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3)")
            .bind(&d.date)
            .bind(kind_code(d.kind))
            .bind(&d.note)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO calendar_meta (id, source, set_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET source = excluded.source, set_at = excluded.set_at",
    )
    .bind(&file.source)
    .bind(now_rfc3339())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(file.days.len())
}

/// The calendar as set, or the national one this build ships when it never was.
pub async fn calendar_file(pool: &AnyPool) -> Result<CalendarFile, HubError> {
    let set: Option<(Option<String>,)> =
        sqlx::query_as("SELECT source FROM calendar_meta WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    let Some((source,)) = set else {
        return OfficeCalendar::from_json(anjungan_calendar::DEFAULT_JSON)
            .map(|(_, f)| f)
            .map_err(|e| HubError::Internal(e.to_string()));
    };
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT day, kind, note FROM calendar_days ORDER BY day")
            .fetch_all(pool)
            .await?;
    let days = rows
        .into_iter()
        .filter_map(|(date, kind, note)| {
            let kind = serde_json::from_value(serde_json::Value::String(kind)).ok()?;
            Some(CalendarDay { date, kind, note })
        })
        .collect();
    Ok(CalendarFile { source, days })
}

pub async fn calendar(pool: &AnyPool) -> Result<OfficeCalendar, HubError> {
    OfficeCalendar::from_file(&calendar_file(pool).await?)
        .map_err(|e| HubError::Internal(e.to_string()))
}

const SKM_RULES: &str = "skm_rules";

/// An office-wide setting's stored value, if the office set it.
pub async fn setting(pool: &AnyPool, key: &str) -> Result<Option<String>, HubError> {
    let v: Option<(String,)> = sqlx::query_as("SELECT value FROM office_settings WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await?;
    Ok(v.map(|(v,)| v))
}

/// Sets an office-wide setting.
pub async fn set_setting(pool: &AnyPool, key: &str, value: &str) -> Result<(), HubError> {
    sqlx::query(
        "INSERT INTO office_settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn skm_rules(pool: &AnyPool) -> Result<SkmRules, HubError> {
    Ok(setting(pool, SKM_RULES)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub async fn set_skm_rules(pool: &AnyPool, rules: &SkmRules) -> Result<(), HubError> {
    if rules.unlinked_cooldown_s > 86_400 {
        return Err(HubError::InvalidInput(
            "the cool-down is at most 86400 seconds (a day)".into(),
        ));
    }
    set_setting(
        pool,
        SKM_RULES,
        &serde_json::to_string(rules).unwrap_or_default(),
    )
    .await
}

/// The body of `GET /v1/office`.
pub async fn body(pool: &AnyPool) -> Result<String, HubError> {
    let body = OfficeBody {
        calendar: serde_json::to_value(calendar_file(pool).await?)
            .map_err(|e| HubError::Internal(e.to_string()))?,
        skm: skm_rules(pool).await?,
        pacing: pacing(pool).await?,
    };
    serde_json::to_string(&body).map_err(|e| HubError::Internal(e.to_string()))
}

const PACING: &str = "kiosk_pacing";

/// The kiosks' pacing the office set, if it did.
pub async fn pacing(pool: &AnyPool) -> Result<Option<Pacing>, HubError> {
    Ok(setting(pool, PACING)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok()))
}

/// Sets how often kiosks check in: every 5 s to an hour, with up to an hour of jitter.
pub async fn set_pacing(pool: &AnyPool, pacing: Pacing) -> Result<(), HubError> {
    if !(5..=3600).contains(&pacing.check_every_s) || pacing.jitter_s > 3600 {
        return Err(HubError::InvalidInput(
            "checks are every 5–3600 s, with a jitter of at most 3600 s".into(),
        ));
    }
    let value = serde_json::to_string(&pacing).map_err(|e| HubError::Internal(e.to_string()))?;
    set_setting(pool, PACING, &value).await
}
