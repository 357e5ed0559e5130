//! The hub's one audit log: every officer's action and every view of personal data (who
//! opened which applicant's data or document, when, from where), append-only and
//! tamper-evident. Each entry carries the hash of the one before, so a changed or removed
//! entry breaks the chain at that point ([`verify`]); the tables refuse UPDATE and DELETE.
//! Entries name records by number, never by a citizen's NIK or name.

use crate::db::{engine, Engine};
use crate::error::HubError;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// What happened, before it is chained.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    /// The officer's account name (or `cli:USER` for the server's command line).
    pub actor: &'a str,
    /// Where the request came from.
    pub address: Option<&'a str>,
    /// `login`, `login_failed`, `view_application`, `view_document`, `set_status`, …
    pub action: &'a str,
    /// The record it concerns: a tracking number, an account name.
    pub subject: Option<&'a str>,
    /// A few words more (a new status, a requirement code); never personal data.
    pub detail: Option<&'a str>,
}

/// One entry as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub prev: String,
    pub hash: String,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry: SHA-256 over its fields and the previous hash, as a JSON array
/// (unambiguous where fields hold any text).
fn hash_of(e: &Entry) -> String {
    let fields =
        serde_json::json!([e.prev, e.seq, e.at, e.actor, e.address, e.action, e.subject, e.detail]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// Appends `event` at `at` inside the caller's write transaction, so that an action and its
/// entry commit together. Returns the entry's number.
pub async fn record_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    postgres: bool,
    event: &Event<'_>,
    at: &str,
) -> Result<i64, HubError> {
    if postgres {
        // One writer of the chain at a time (SQLite's write transaction is already one).
        sqlx::query("SELECT pg_advisory_xact_lock(7240001)")
            .execute(&mut **tx)
            .await?;
    }
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    let (seq, prev) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
    let mut entry = Entry {
        seq,
        at: at.to_owned(),
        actor: event.actor.to_owned(),
        address: event.address.map(str::to_owned),
        action: event.action.to_owned(),
        subject: event.subject.map(str::to_owned),
        detail: event.detail.map(str::to_owned),
        prev,
        hash: String::new(),
    };
    entry.hash = hash_of(&entry);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, address, action, subject, detail, prev, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.seq)
    .bind(&entry.at)
    .bind(&entry.actor)
    .bind(&entry.address)
    .bind(&entry.action)
    .bind(&entry.subject)
    .bind(&entry.detail)
    .bind(&entry.prev)
    .bind(&entry.hash)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

/// Appends `event` unless the same actor recorded the same action on the same subject and
/// detail since `since` (an officer's repeated views of one document: a PDF viewer asks in
/// several ranges at once). Checked and written in one write transaction, so parallel
/// requests record it once. Returns whether it was recorded.
pub async fn record_once_since(
    pool: &AnyPool,
    event: &Event<'_>,
    at: &str,
    since: &str,
) -> Result<bool, HubError> {
    let postgres = engine(pool) == Engine::Postgres;
    let mut tx = crate::db::begin_write(pool).await?;
    if postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7240001)")
            .execute(&mut *tx)
            .await?;
    }
    let seen: Option<(i64,)> = sqlx::query_as(
        "SELECT seq FROM audit_log WHERE at >= $1 AND actor = $2 AND action = $3
            AND subject = $4 AND detail = $5 LIMIT 1",
    )
    .bind(since)
    .bind(event.actor)
    .bind(event.action)
    .bind(event.subject)
    .bind(event.detail)
    .fetch_optional(&mut *tx)
    .await?;
    if seen.is_some() {
        return Ok(false);
    }
    record_in(&mut tx, postgres, event, at).await?;
    tx.commit().await?;
    Ok(true)
}

/// Appends `event` on its own.
pub async fn record(pool: &AnyPool, event: &Event<'_>, at: &str) -> Result<i64, HubError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let seq = record_in(&mut tx, engine(pool) == Engine::Postgres, event, at).await?;
    tx.commit().await?;
    Ok(seq)
}

/// The entries from `since` (an RFC 3339 time or a date, inclusive), oldest first.
pub async fn list(pool: &AnyPool, since: Option<&str>) -> Result<Vec<Entry>, HubError> {
    Ok(sqlx::query_as(
        "SELECT seq, at, actor, address, action, subject, detail, prev, hash FROM audit_log
          WHERE ($1 IS NULL OR at >= $1) ORDER BY seq",
    )
    .bind(since)
    .fetch_all(pool)
    .await?)
}

/// The newest `limit` entries, newest first (the admin's page).
pub async fn newest(pool: &AnyPool, limit: i64) -> Result<Vec<Entry>, HubError> {
    Ok(sqlx::query_as(
        "SELECT seq, at, actor, address, action, subject, detail, prev, hash FROM audit_log
          ORDER BY seq DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub entries: u64,
    /// The first entry whose hash, link or number does not hold.
    pub broken_at: Option<i64>,
}

/// Walks the whole chain: every entry's hash recomputed, every link and number checked.
pub async fn verify(pool: &AnyPool) -> Result<Verified, HubError> {
    let entries = list(pool, None).await?;
    let mut prev = GENESIS.to_owned();
    for (i, e) in entries.iter().enumerate() {
        if e.seq != i as i64 + 1 || e.prev != prev || hash_of(e) != e.hash {
            return Ok(Verified {
                entries: entries.len() as u64,
                broken_at: Some(e.seq),
            });
        }
        prev.clone_from(&e.hash);
    }
    Ok(Verified {
        entries: entries.len() as u64,
        broken_at: None,
    })
}
