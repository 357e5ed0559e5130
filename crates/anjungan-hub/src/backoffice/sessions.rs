//! Server-side sessions and the sign-in lockout. The cookie holds 32 random bytes; the table
//! keeps their SHA-256, the officer, a CSRF token, the address and two times: a session
//! ends after [`IDLE`] without a request and after [`ABSOLUTE`] in any case. Failed sign-ins
//! are counted per account name AND address, and per address: a stranger guessing from
//! another machine never locks an officer out at their own desk.

use super::accounts::Officer;
use crate::error::HubError;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(30);
/// … and this long after sign-in, whatever happens.
pub const ABSOLUTE: Duration = Duration::hours(10);
/// The window failed sign-ins are counted in.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// Failures of one name from one address in the window before that pair waits it out.
pub const MAX_PER_NAME_AND_ADDRESS: i64 = 5;
/// Failures from one address (any names) in the window before the address waits it out.
pub const MAX_PER_ADDRESS: i64 = 20;

/// The cookie's name: with the `__Host-` prefix under TLS (the browser then insists on
/// `Secure`, `Path=/` and no `Domain`).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-anjungan_office"
    } else {
        "anjungan_office"
    }
}

/// The `Set-Cookie` value for a new session.
pub fn set_cookie(secure: bool, id: &str) -> String {
    format!(
        "{}={id}; Path=/; HttpOnly; SameSite=Strict{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

fn rfc3339(t: OffsetDateTime) -> String {
    crate::db::rfc3339(t)
}

fn digest(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

fn random_token(rng: &mut impl RngCore) -> String {
    let mut b = [0u8; 32];
    rng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A session as a request sees it.
#[derive(Debug, Clone)]
pub struct Session {
    pub officer: Officer,
    pub csrf: String,
    /// The digest the table keys it by (to end it).
    id_hash: String,
}

/// Starts a session for `officer`; returns the cookie's value.
pub async fn start(
    pool: &AnyPool,
    officer: &Officer,
    address: &str,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<String, HubError> {
    let id = random_token(rng);
    let csrf = random_token(rng);
    sqlx::query(
        "INSERT INTO staff_sessions (id_hash, name, csrf, address, created_at, seen_at)
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(digest(&id))
    .bind(&officer.name)
    .bind(&csrf)
    .bind(address)
    .bind(rfc3339(now))
    .execute(pool)
    .await?;
    Ok(id)
}

/// The session behind a cookie's value, if it is still alive and its officer still enabled;
/// its idle time starts again.
pub async fn find(
    pool: &AnyPool,
    id: &str,
    now: OffsetDateTime,
) -> Result<Option<Session>, HubError> {
    let id_hash = digest(id);
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT name, csrf, created_at, seen_at FROM staff_sessions WHERE id_hash = $1",
    )
    .bind(&id_hash)
    .fetch_optional(pool)
    .await?;
    let Some((name, csrf, created_at, seen_at)) = row else {
        return Ok(None);
    };
    let parse =
        |t: &str| OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok();
    let alive = matches!((parse(&created_at), parse(&seen_at)),
        (Some(c), Some(s)) if now - c < ABSOLUTE && now - s < IDLE);
    let officer = if alive {
        super::accounts::enabled(pool, &name).await?
    } else {
        None
    };
    let Some(officer) = officer else {
        end_hash(pool, &id_hash).await?;
        return Ok(None);
    };
    sqlx::query("UPDATE staff_sessions SET seen_at = $2 WHERE id_hash = $1")
        .bind(&id_hash)
        .bind(rfc3339(now))
        .execute(pool)
        .await?;
    Ok(Some(Session {
        officer,
        csrf,
        id_hash,
    }))
}

async fn end_hash(pool: &AnyPool, id_hash: &str) -> Result<(), HubError> {
    sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Signs out.
pub async fn end(pool: &AnyPool, session: &Session) -> Result<(), HubError> {
    end_hash(pool, &session.id_hash).await
}

/// Whether the form's token is this session's (compared in constant time).
pub fn csrf_ok(session: &Session, token: &str) -> bool {
    bool::from(subtle::ConstantTimeEq::ct_eq(
        session.csrf.as_bytes(),
        token.as_bytes(),
    ))
}

/// Whether sign-ins of `name` from `address` must wait (too many failures lately).
pub async fn locked_out(
    pool: &AnyPool,
    name: &str,
    address: &str,
    now: OffsetDateTime,
) -> Result<bool, HubError> {
    let since = rfc3339(now - FAILURE_WINDOW);
    let (pair, from_address): (i64, i64) = sqlx::query_as(
        "SELECT
            (SELECT count(*) FROM staff_login_failures WHERE address = $1 AND name = $2 AND at > $3),
            (SELECT count(*) FROM staff_login_failures WHERE address = $1 AND at > $3)",
    )
    .bind(address)
    .bind(name)
    .bind(&since)
    .fetch_one(pool)
    .await?;
    Ok(pair >= MAX_PER_NAME_AND_ADDRESS || from_address >= MAX_PER_ADDRESS)
}

/// Counts a failed sign-in (and forgets those older than the window).
pub async fn failed(
    pool: &AnyPool,
    name: &str,
    address: &str,
    now: OffsetDateTime,
) -> Result<(), HubError> {
    sqlx::query("DELETE FROM staff_login_failures WHERE at <= $1")
        .bind(rfc3339(now - FAILURE_WINDOW))
        .execute(pool)
        .await?;
    sqlx::query("INSERT INTO staff_login_failures (name, address, at) VALUES ($1, $2, $3)")
        .bind(name)
        .bind(address)
        .bind(rfc3339(now))
        .execute(pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets that pair's failures.
pub async fn succeeded(pool: &AnyPool, name: &str, address: &str) -> Result<(), HubError> {
    sqlx::query("DELETE FROM staff_login_failures WHERE name = $1 AND address = $2")
        .bind(name)
        .bind(address)
        .execute(pool)
        .await?;
    Ok(())
}
