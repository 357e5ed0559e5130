//! Kiosk enrolment. A token is shown once, at enrolment; the hub keeps only its hash, so a
//! copy of the database does not let anyone impersonate a kiosk.

use crate::db::now_rfc3339;
use crate::error::HubError;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kiosk {
    pub id: String,
    pub name: String,
    pub number: Option<u16>,
    pub enrolled_at: String,
    /// When it was last noted as seen, and the version it ran then (see [`seen`]).
    pub last_seen_at: Option<String>,
    pub app_version: Option<String>,
}

/// id, name, enrolled_at, number, last_seen_at, app_version
type AuthRow = (
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Enrols a kiosk and returns its token (shown once, never stored in clear).
pub async fn enrol(
    pool: &AnyPool,
    name: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<String, HubError> {
    enrol_numbered(pool, name, true, rng).await
}

/// Enrols a kiosk with the next kiosk number, or with none: a kiosk without a number delivers
/// everything but takes no applications, whose tracking numbers carry the kiosk's three
/// digits (so one hub numbers at most 999 kiosks). Verification-only stands at partner
/// offices, and load tests past 999 kiosks, need no number.
pub async fn enrol_numbered(
    pool: &AnyPool,
    name: &str,
    numbered: bool,
    rng: &mut (impl RngCore + Send),
) -> Result<String, HubError> {
    if !valid_name(name) {
        return Err(HubError::InvalidInput(
            "a kiosk name is 1–64 letters, digits, '-', '_' or '.'".into(),
        ));
    }
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    let token = format!("ajk_{}", hex::encode(secret));
    let id = uuid::Uuid::now_v7().to_string();
    // The next free number; a kiosk's tracking numbers carry it, so it is never reused.
    let numbered_sql = "INSERT INTO kiosks (id, name, token_hash, enrolled_at, number)
         SELECT $1, $2, $3, $4, coalesce(max(number), 0) + 1 FROM kiosks
         WHERE (SELECT coalesce(max(number), 0) FROM kiosks) < 999";
    let unnumbered_sql =
        "INSERT INTO kiosks (id, name, token_hash, enrolled_at) VALUES ($1, $2, $3, $4)";
    let result = sqlx::query(if numbered {
        numbered_sql
    } else {
        unnumbered_sql
    })
    .bind(&id)
    .bind(name)
    .bind(hash_token(&token))
    .bind(now_rfc3339())
    .execute(pool)
    .await;
    match result {
        Ok(r) if r.rows_affected() == 0 => Err(HubError::InvalidInput(
            "this hub has given out all 999 kiosk numbers".into(),
        )),
        Ok(_) => Ok(token),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(HubError::KioskExists(name.to_owned()))
        }
        Err(e) => Err(e.into()),
    }
}

/// The kiosk a bearer token belongs to, if any and not revoked.
pub async fn authenticate(pool: &AnyPool, token: &str) -> Result<Kiosk, HubError> {
    if token.is_empty() || token.len() > 256 {
        return Err(HubError::Unauthorized);
    }
    let row: Option<AuthRow> = sqlx::query_as(
        "SELECT id, name, enrolled_at, number, last_seen_at, app_version
           FROM kiosks WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash_token(token))
    .fetch_optional(pool)
    .await?;
    row.map(
        |(id, name, enrolled_at, number, last_seen_at, app_version)| Kiosk {
            id,
            name,
            number: number.and_then(|n| u16::try_from(n).ok()),
            enrolled_at,
            last_seen_at,
            app_version,
        },
    )
    .ok_or(HubError::Unauthorized)
}

/// The number of the kiosk `id` (none for a kiosk enrolled without one).
pub async fn number_of(pool: &AnyPool, id: &str) -> Result<Option<u16>, HubError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT number FROM kiosks WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(|(n,)| n).and_then(|n| u16::try_from(n).ok()))
}

/// Revokes `name`'s token: from now on its requests are refused (401). The kiosk keeps its
/// queue and tells staff to enrol it again; nothing it holds is lost.
pub async fn revoke(pool: &AnyPool, name: &str) -> Result<(), HubError> {
    let n = sqlx::query("UPDATE kiosks SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL")
        .bind(now_rfc3339())
        .bind(name)
        .execute(pool)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(HubError::NotFound(format!(
            "an active kiosk named {name:?}"
        )));
    }
    Ok(())
}

/// A new token for `name` (shown once); the old one stops working at once. The kiosk keeps
/// its number, so its tracking numbers go on.
pub async fn rotate(
    pool: &AnyPool,
    name: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<String, HubError> {
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    let token = format!("ajk_{}", hex::encode(secret));
    let n = sqlx::query("UPDATE kiosks SET token_hash = $1, revoked_at = NULL WHERE name = $2")
        .bind(hash_token(&token))
        .bind(name)
        .execute(pool)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(HubError::NotFound(format!("a kiosk named {name:?}")));
    }
    Ok(token)
}

/// The app version in a kiosk's User-Agent (`anjungan/0.1.0`), if it is one.
pub fn version_from_user_agent(user_agent: &str) -> Option<&str> {
    let version = user_agent.trim().strip_prefix("anjungan/")?;
    let plain = !version.is_empty()
        && version.len() <= 32
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '~'));
    plain.then_some(version)
}

/// Notes that `kiosk` reached the hub running `version`. Written at most once a minute per
/// kiosk (and at once when the version changes), so a busy kiosk costs no write per request.
pub async fn seen(
    pool: &AnyPool,
    kiosk: &Kiosk,
    version: Option<&str>,
    now: time::OffsetDateTime,
) -> Result<(), HubError> {
    // Decided from the row `authenticate` already read: most requests write nothing.
    let stale = crate::db::rfc3339(now - time::Duration::minutes(1));
    let fresh = kiosk.last_seen_at.as_ref().is_some_and(|t| *t >= stale);
    let same_version = version.is_none() || version == kiosk.app_version.as_deref();
    if fresh && same_version {
        return Ok(());
    }
    sqlx::query(
        "UPDATE kiosks SET last_seen_at = $1, app_version = COALESCE($2, app_version) WHERE id = $3",
    )
    .bind(crate::db::rfc3339(now))
    .bind(version)
    .bind(&kiosk.id)
    .execute(pool)
    .await?;
    Ok(())
}

/// One enrolled kiosk as the office lists them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KioskRow {
    pub name: String,
    pub enrolled_at: String,
    pub last_seen_at: Option<String>,
    pub app_version: Option<String>,
    pub revoked: bool,
}

/// name, enrolled_at, last_seen_at, app_version, revoked_at
type ListRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Every enrolled kiosk, by name.
pub async fn list(pool: &AnyPool) -> Result<Vec<KioskRow>, HubError> {
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT name, enrolled_at, last_seen_at, app_version, revoked_at FROM kiosks ORDER BY name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(name, enrolled_at, last_seen_at, app_version, revoked_at)| KioskRow {
                name,
                enrolled_at,
                last_seen_at,
                app_version,
                revoked: revoked_at.is_some(),
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_comes_from_the_kiosks_own_user_agent_only() {
        assert_eq!(version_from_user_agent("anjungan/0.1.0"), Some("0.1.0"));
        assert_eq!(
            version_from_user_agent("anjungan/1.2.0~rc1"),
            Some("1.2.0~rc1")
        );
        assert_eq!(version_from_user_agent("curl/8.0"), None);
        assert_eq!(version_from_user_agent("anjungan/"), None);
        assert_eq!(version_from_user_agent("anjungan/1.0 <script>"), None);
        assert_eq!(
            version_from_user_agent(&format!("anjungan/{}", "9".repeat(40))),
            None
        );
    }

    #[test]
    fn kiosk_names_are_plain() {
        assert!(valid_name("lobby-1"));
        assert!(!valid_name(""));
        assert!(!valid_name("lobby 1"));
        assert!(!valid_name(&"k".repeat(65)));
    }
}
