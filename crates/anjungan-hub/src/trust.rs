//! What kiosks trust this hub by: the office's root key (it signs the trust lists), the
//! lists' growing version, the TLS keys the hub serves with, and the enrolment code that
//! carries the fingerprints of both keys to a new kiosk.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_permit::trust::{
    public_key_b64, root_fingerprint, Handover, Lists, Revocation, RootKey, SignedLists, TrustedKey,
};
use anjungan_wire::enrolment::EnrolmentCode;
use ed25519_dalek::SigningKey;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

pub use anjungan_permit::trust::DEFAULT_MAX_AGE_DAYS;
const MAX_AGE_SETTING: &str = "trust_lists_max_age_days";

fn root_kid(key: &SigningKey) -> String {
    format!(
        "root-{}",
        hex::encode(&Sha256::digest(key.verifying_key().as_bytes())[..4])
    )
}

/// The current root: its sequence number, public half and secret. Made on first use.
async fn current_root(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<(i64, RootKey, SigningKey), HubError> {
    let select = "SELECT seq, kid, public_key FROM root_keys
                   WHERE retired_at IS NULL ORDER BY seq DESC LIMIT 1";
    let mut row: Option<(i64, String, String)> =
        sqlx::query_as(select).fetch_optional(pool).await?;
    if row.is_none() {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed);
        let key = SigningKey::from_bytes(&seed);
        // The secret goes to the key file; the database records only the public half. Two
        // requests on a new hub may race here: the first root wins, the other is unused.
        crate::keystore::keep(pool, &root_kid(&key), &seed)?;
        sqlx::query(
            "INSERT INTO root_keys (seq, kid, secret, public_key, created_at)
             VALUES (1, $1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(root_kid(&key))
        .bind(Vec::<u8>::new())
        .bind(public_key_b64(&key.verifying_key()))
        .bind(now_rfc3339())
        .execute(pool)
        .await?;
        row = sqlx::query_as(select).fetch_optional(pool).await?;
    }
    let (seq, kid, public_key) =
        row.ok_or_else(|| HubError::Internal("no root key could be made".into()))?;
    let secret = crate::keystore::secret(pool, &kid)?;
    Ok((
        seq,
        RootKey { kid, public_key },
        SigningKey::from_bytes(&secret),
    ))
}

/// The fingerprint of the current root, as enrolment codes carry it.
pub async fn root_fingerprint_now(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<String, HubError> {
    let (_, root, _) = current_root(pool, rng).await?;
    root_fingerprint(&root.public_key)
        .ok_or_else(|| HubError::Internal("the root key is damaged".into()))
}

/// Retires the current root and makes its successor, with the handover the old root signs.
/// Returns the new root's kid and fingerprint.
pub async fn rotate_root(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<(String, String), HubError> {
    let (seq, old, old_key) = current_root(pool, rng).await?;
    let mut seed = [0u8; 32];
    rng.fill_bytes(&mut seed);
    let key = SigningKey::from_bytes(&seed);
    let new = RootKey {
        kid: root_kid(&key),
        public_key: public_key_b64(&key.verifying_key()),
    };
    let at = now_rfc3339();
    let handover = Handover::sign(old, &old_key, new.clone(), &at);
    crate::keystore::keep(pool, &new.kid, &seed)?;
    let mut tx = crate::db::begin_write(pool).await?;
    let retired =
        sqlx::query("UPDATE root_keys SET retired_at = $1 WHERE seq = $2 AND retired_at IS NULL")
            .bind(&at)
            .bind(seq)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if retired != 1 {
        return Err(HubError::Internal(
            "the root key changed meanwhile; run the rotation again".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO root_keys (seq, kid, secret, public_key, created_at, handover_at, handover_signature)
         VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(seq + 1)
    .bind(&new.kid)
    .bind(Vec::<u8>::new())
    .bind(&new.public_key)
    .bind(&at)
    .bind(&handover.signature)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let fingerprint = root_fingerprint(&new.public_key).unwrap_or_default();
    Ok((new.kid, fingerprint))
}

/// Every handover, oldest first, rebuilt from the stored signatures.
async fn handovers(pool: &AnyPool) -> Result<Vec<Handover>, HubError> {
    type Row = (String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT kid, public_key, handover_at, handover_signature FROM root_keys ORDER BY seq",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for pair in rows.windows(2) {
        let ((from_kid, from_key, _, _), (to_kid, to_key, at, signature)) = (&pair[0], &pair[1]);
        let (Some(at), Some(signature)) = (at, signature) else {
            return Err(HubError::Internal(format!(
                "root key {to_kid} has no handover"
            )));
        };
        out.push(Handover {
            from: RootKey {
                kid: from_kid.clone(),
                public_key: from_key.clone(),
            },
            to: RootKey {
                kid: to_kid.clone(),
                public_key: to_key.clone(),
            },
            at: at.clone(),
            signature: signature.clone(),
        });
    }
    Ok(out)
}

pub async fn max_age_days(pool: &AnyPool) -> Result<u32, HubError> {
    Ok(crate::office::setting(pool, MAX_AGE_SETTING)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_AGE_DAYS))
}

/// Sets how many days kiosks may vouch for permits from lists they could not confirm.
pub async fn set_max_age_days(pool: &AnyPool, days: u32) -> Result<(), HubError> {
    if !(1..=365).contains(&days) {
        return Err(HubError::InvalidInput(
            "the maximum age is 1 to 365 days".into(),
        ));
    }
    crate::office::set_setting(pool, MAX_AGE_SETTING, &days.to_string()).await
}

/// Notes that the hub serves with the key `pin` from now on.
pub async fn note_served_pin(pool: &AnyPool, pin: &str) -> Result<(), HubError> {
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO tls_pins (pin, noted_at, served_at) VALUES ($1, $2, $2)
         ON CONFLICT (pin) DO UPDATE SET served_at = excluded.served_at, retired_at = NULL",
    )
    .bind(pin)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Announces a key the hub will serve with (a renewed certificate), so kiosks learn it from
/// the signed lists before the switch.
pub async fn announce_pin(pool: &AnyPool, pin: &str) -> Result<(), HubError> {
    sqlx::query("INSERT INTO tls_pins (pin, noted_at) VALUES ($1, $2) ON CONFLICT (pin) DO UPDATE SET retired_at = NULL")
        .bind(pin)
        .bind(now_rfc3339())
        .execute(pool)
        .await?;
    Ok(())
}

/// Stops vouching for a TLS key (an old certificate's, or a stolen one's).
pub async fn retire_pin(pool: &AnyPool, pin: &str) -> Result<(), HubError> {
    let n =
        sqlx::query("UPDATE tls_pins SET retired_at = $1 WHERE pin = $2 AND retired_at IS NULL")
            .bind(now_rfc3339())
            .bind(pin)
            .execute(pool)
            .await?
            .rows_affected();
    if n == 0 {
        return Err(HubError::NotFound(format!("an active TLS pin {pin}")));
    }
    Ok(())
}

/// The TLS keys kiosks accept now.
pub async fn pins(pool: &AnyPool) -> Result<Vec<String>, HubError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT pin FROM tls_pins WHERE retired_at IS NULL ORDER BY pin")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(p,)| p).collect())
}

/// The key the hub served with most recently, if it has served TLS (or one is announced).
async fn current_pin(pool: &AnyPool) -> Result<Option<String>, HubError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT pin FROM tls_pins WHERE retired_at IS NULL
          ORDER BY served_at IS NULL, served_at DESC, noted_at DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(p,)| p))
}

/// The enrolment code for `token`: the token with the fingerprints of the current root and
/// of the TLS key the hub last served with (none if it has not served TLS).
pub async fn enrolment_code(
    pool: &AnyPool,
    token: String,
    rng: &mut (impl RngCore + Send),
) -> Result<EnrolmentCode, HubError> {
    Ok(EnrolmentCode {
        token,
        root_fingerprint: root_fingerprint_now(pool, rng).await?,
        tls_pin: current_pin(pool).await?,
    })
}

/// Enrols kiosk `name` and returns its enrolment code.
pub async fn enrol(
    pool: &AnyPool,
    name: &str,
    rng: &mut (impl RngCore + Send),
) -> Result<EnrolmentCode, HubError> {
    let token = crate::kiosks::enrol(pool, name, rng).await?;
    enrolment_code(pool, token, rng).await
}

/// Raises the lists' version if their content changed since it was last signed.
async fn version_for(pool: &AnyPool, lists: &Lists) -> Result<u64, HubError> {
    let digest = hex::encode(Sha256::digest(
        serde_json::to_vec(lists).map_err(|e| HubError::Internal(e.to_string()))?,
    ));
    // Every kiosk's download asks: read first, and write only when the lists changed, so
    // the common case takes no write lock from the kiosks' deliveries.
    let read = || async {
        sqlx::query_as::<_, (i64, String)>(
            "SELECT version, digest FROM trust_list_state WHERE id = 1",
        )
        .fetch_optional(pool)
        .await
    };
    if let Some((version, seen)) = read().await? {
        if seen == digest {
            return Ok(u64::try_from(version).unwrap_or_default());
        }
    }
    sqlx::query(
        "INSERT INTO trust_list_state (id, version, digest) VALUES (1, 1, $1)
         ON CONFLICT (id) DO UPDATE SET version = trust_list_state.version + 1, digest = excluded.digest
         WHERE trust_list_state.digest <> excluded.digest",
    )
    .bind(&digest)
    .execute(pool)
    .await?;
    let (version, _) = read()
        .await?
        .ok_or_else(|| HubError::Internal("no list version".into()))?;
    Ok(u64::try_from(version).unwrap_or_default())
}

/// The current lists, signed by the current root, with every handover, vouched fresh now.
pub async fn signed_lists(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
) -> Result<SignedLists, HubError> {
    signed_lists_at(pool, rng, time::OffsetDateTime::now_utc()).await
}

/// [`signed_lists`], vouched fresh at `now` (the hub's clock).
pub async fn signed_lists_at(
    pool: &AnyPool,
    rng: &mut (impl RngCore + Send),
    now: time::OffsetDateTime,
) -> Result<SignedLists, HubError> {
    // Kiosks hold the seal key before the first permit is issued with it.
    crate::permits::current_key(pool, rng).await?;
    let (_, root, root_key) = current_root(pool, rng).await?;
    let keys: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT kid, public_key, retired_on FROM seal_keys ORDER BY created_at, kid",
    )
    .fetch_all(pool)
    .await?;
    let revoked: Vec<(String, String, String)> =
        sqlx::query_as("SELECT number, reason, revoked_at FROM revocations ORDER BY number")
            .fetch_all(pool)
            .await?;
    // Dated by its newest change, so the same lists sign to the same bytes (and ETag).
    let (changed,): (Option<String>,) = sqlx::query_as(
        "SELECT max(t) FROM (SELECT created_at AS t FROM seal_keys UNION ALL SELECT revoked_at FROM revocations
                             UNION ALL SELECT created_at FROM complaint_keys UNION ALL SELECT created_at FROM root_keys
                             UNION ALL SELECT noted_at FROM tls_pins UNION ALL SELECT retired_at FROM tls_pins) AS changes",
    )
    .fetch_one(pool)
    .await?;
    let mut lists = Lists {
        issued_at: changed.unwrap_or_default(),
        version: 0,
        root: Some(root.clone()),
        keys: keys
            .into_iter()
            .map(|(kid, public_key, retired)| TrustedKey {
                kid,
                public_key,
                retired,
            })
            .collect(),
        revoked: revoked
            .into_iter()
            .map(|(number, reason, revoked_at)| Revocation {
                number,
                reason,
                revoked_at,
            })
            .collect(),
        complaint_recipient: crate::complaints::recipient(pool).await?.map(|(r, _)| r),
        max_age_days: Some(max_age_days(pool).await?),
        tls_pins: pins(pool).await?,
        verifiers: crate::register::verifiers(pool).await?,
        fresh_at: None,
    };
    lists.version = version_for(pool, &lists).await?;
    // Signed to the hour: a kiosk's lists age from here, and within the hour the same lists
    // sign to the same bytes (and ETag), so checks stay a 304.
    lists.fresh_at = Some(crate::db::hour_rfc3339(now));
    Ok(lists.sign(&root.kid, &root_key, handovers(pool).await?))
}
