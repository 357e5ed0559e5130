//! The outbox: each citizen action is written together with its outbox row in ONE
//! transaction, and stays until the hub has acknowledged it. Rows move
//! `pending → in_flight (leased) → delivered | dead`, and back to `pending` when a send
//! fails or a lease runs out (a crash mid-send). Delivered rows lose their personal fields
//! and documents in the same transaction as the acknowledgement.

use crate::store::{Store, StoreError, Write};
use anjungan_wire::api::{ItemKind, ItemUpload, MAX_BLOB_BYTES, MAX_ITEM_BYTES};
use anjungan_wire::item::Item;
use rand::RngCore;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A citizen action (or kiosk record) to deliver: the typed item, whose personal part (NIK,
/// names, phones, addresses) is purged after the hub acknowledges, and its documents (scans,
/// photos), uploaded before it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub item: Item,
    pub documents: Vec<Vec<u8>>,
}

impl NewItem {
    pub fn new(item: Item, documents: Vec<Vec<u8>>) -> Self {
        Self { item, documents }
    }

    /// Demo data and load tests: `payload` marked `"demo": true`, which the hub keeps as an
    /// item and counts in no figure.
    pub fn demo(
        kind: ItemKind,
        mut payload: serde_json::Value,
        personal: Option<serde_json::Value>,
        documents: Vec<Vec<u8>>,
    ) -> Self {
        if let Some(map) = payload.as_object_mut() {
            map.insert("demo".into(), true.into());
        }
        Self {
            item: Item::Demo {
                kind,
                payload,
                personal,
            },
            documents,
        }
    }

    pub fn kind(&self) -> ItemKind {
        self.item.kind()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("a document of {0} bytes is larger than the {MAX_BLOB_BYTES}-byte limit")]
    DocumentTooLarge(usize),
    #[error("an item of {0} bytes is larger than the hub's {MAX_ITEM_BYTES}-byte limit")]
    ItemTooLarge(usize),
    #[error("no outbox item {0}")]
    UnknownItem(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for OutboxError {
    fn from(e: rusqlite::Error) -> Self {
        OutboxError::Store(e.into())
    }
}

pub fn unix_ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The inverse of [`unix_ms`]; `None` outside the representable range.
pub fn from_unix_ms(ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

/// A UUIDv7 from the given time and randomness (both passed in, for tests).
pub fn new_id(now: OffsetDateTime, rng: &mut impl RngCore) -> String {
    let mut random = [0u8; 10];
    rng.fill_bytes(&mut random);
    uuid::Builder::from_unix_timestamp_millis(unix_ms(now).max(0) as u64, &random)
        .into_uuid()
        .to_string()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Adds `item` to the outbox inside the caller's transaction, so that the domain write and
/// its delivery promise commit together or not at all; the commit wakes the sync worker.
/// Returns the item's id.
pub fn enqueue(
    tx: &Write<'_>,
    item: &NewItem,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<String, OutboxError> {
    let (payload, personal) = item.item.to_json();
    let payload = payload.to_string();
    let personal = personal.map(|p| p.to_string());
    let size = payload.len() + personal.as_ref().map_or(0, String::len);
    if size > MAX_ITEM_BYTES {
        return Err(OutboxError::ItemTooLarge(size));
    }
    let mut shas = Vec::with_capacity(item.documents.len());
    for doc in &item.documents {
        if doc.len() > MAX_BLOB_BYTES {
            return Err(OutboxError::DocumentTooLarge(doc.len()));
        }
        let sha = sha256_hex(doc);
        tx.execute(
            "INSERT INTO documents (sha256, bytes) VALUES (?1, ?2) ON CONFLICT (sha256) DO NOTHING",
            params![sha, doc],
        )?;
        shas.push(sha);
    }
    let id = new_id(now, rng);
    tx.execute(
        "INSERT INTO outbox (id, kind, created_at, payload, personal, blobs, next_attempt_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            item.kind().code(),
            crate::clock::rfc3339(now),
            payload,
            personal,
            serde_json::Value::from(shas).to_string(),
            unix_ms(now),
        ],
    )?;
    tx.ring_on_commit();
    Ok(id)
}

/// Takes up to `limit` due items and leases them until `lease_until`.
pub fn claim(
    store: &Store,
    now: OffsetDateTime,
    lease_until: OffsetDateTime,
    limit: usize,
) -> Result<Vec<ItemUpload>, OutboxError> {
    let mut conn = store.conn();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let rows = {
        let mut stmt = tx.prepare(
            "UPDATE outbox SET state = 'in_flight', lease_until_ms = ?1, attempts = attempts + 1
              WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_ms <= ?2
                           ORDER BY next_attempt_ms, id LIMIT ?3)
          RETURNING id, kind, created_at, payload, personal, blobs",
        )?;
        let rows = stmt.query_map(
            params![unix_ms(lease_until), unix_ms(now), limit as i64],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let mut items = Vec::with_capacity(rows.len());
    for (id, kind, created_at, payload, personal, blobs) in rows {
        match parse_row(&kind, &payload, personal.as_deref(), &blobs) {
            Ok((kind, payload, personal, blobs)) => items.push(ItemUpload {
                id,
                kind,
                created_at,
                payload,
                personal,
                blobs,
            }),
            // Never sent half (say, without its personal part) and then purged as delivered:
            // a damaged row stays whole, as a dead letter staff can export.
            Err(what) => {
                tx.execute(
                    "UPDATE outbox SET state = 'dead', lease_until_ms = NULL, last_error = ?2
                      WHERE id = ?1",
                    params![
                        id,
                        format!("the saved record is damaged ({what}); kept on the kiosk")
                    ],
                )?;
            }
        }
    }
    tx.commit()?;
    items.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(items)
}

type Parsed = (
    ItemKind,
    serde_json::Value,
    Option<serde_json::Value>,
    Vec<String>,
);

/// An outbox row as it is sent, or which part of it cannot be read.
fn parse_row(
    kind: &str,
    payload: &str,
    personal: Option<&str>,
    blobs: &str,
) -> Result<Parsed, &'static str> {
    let kind = ItemKind::from_code(kind).ok_or("unknown kind")?;
    let payload = serde_json::from_str(payload).map_err(|_| "payload")?;
    let personal = personal
        .map(serde_json::from_str)
        .transpose()
        .map_err(|_| "personal fields")?;
    let blobs = serde_json::from_str(blobs).map_err(|_| "document list")?;
    Ok((kind, payload, personal, blobs))
}

/// After (re-)enrolment: pending items are due now, and with another hub, the documents
/// they need count as not uploaded (the new hub has none of them).
pub fn after_enrolment(
    store: &Store,
    other_hub: bool,
    now: OffsetDateTime,
) -> Result<(), OutboxError> {
    let mut conn = store.conn();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE outbox SET next_attempt_ms = ?1 WHERE state = 'pending' AND next_attempt_ms > ?1",
        [unix_ms(now)],
    )?;
    if other_hub {
        tx.execute("UPDATE documents SET uploaded = 0", [])?;
    }
    tx.commit()?;
    drop(conn);
    store.ring();
    Ok(())
}

/// Whether anything waits for the hub (pending or in flight).
pub fn has_undelivered(store: &Store) -> Result<bool, OutboxError> {
    Ok(store.conn().query_row(
        "SELECT EXISTS(SELECT 1 FROM outbox WHERE state IN ('pending', 'in_flight'))",
        [],
        |r| r.get(0),
    )?)
}

/// Returns every lease to `pending`: only for a sender that holds the kiosk's sender lock,
/// which proves that no other live process holds them.
pub fn recover_all_leases(store: &Store) -> Result<usize, OutboxError> {
    Ok(store.conn().execute(
        "UPDATE outbox SET state = 'pending', lease_until_ms = NULL WHERE state = 'in_flight'",
        [],
    )?)
}

/// Returns expired leases (their sender died or hung) to `pending`.
pub fn recover_expired_leases(store: &Store, now: OffsetDateTime) -> Result<usize, OutboxError> {
    Ok(store.conn().execute(
        "UPDATE outbox SET state = 'pending', lease_until_ms = NULL
          WHERE state = 'in_flight' AND lease_until_ms <= ?1",
        [unix_ms(now)],
    )?)
}

/// A document's bytes, if it has not been uploaded yet.
pub fn document_to_upload(store: &Store, sha: &str) -> Result<Option<Vec<u8>>, OutboxError> {
    Ok(store
        .conn()
        .query_row(
            "SELECT bytes FROM documents WHERE sha256 = ?1 AND uploaded = 0",
            [sha],
            |r| r.get(0),
        )
        .optional()?)
}

/// The hub does not hold these documents (it removed them after long unused, or never got
/// them): they count as not uploaded again. Returns whether this kiosk still holds them all.
pub fn upload_again(store: &Store, shas: &[String]) -> Result<bool, OutboxError> {
    let conn = store.conn();
    let mut held = 0;
    for sha in shas {
        held += conn.execute("UPDATE documents SET uploaded = 0 WHERE sha256 = ?1", [sha])?;
    }
    Ok(held == shas.len())
}

pub fn mark_document_uploaded(store: &Store, sha: &str) -> Result<(), OutboxError> {
    store
        .conn()
        .execute("UPDATE documents SET uploaded = 1 WHERE sha256 = ?1", [sha])?;
    Ok(())
}

/// What the hub said about one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted or duplicate: the hub holds it.
    Delivered,
    /// Permanently refused, with the hub's reason.
    Dead(String),
}

/// Applies the hub's answers in one transaction: delivered items lose their personal fields
/// and their now-unreferenced documents; dead items keep everything for staff.
pub fn settle(
    store: &Store,
    verdicts: &[(String, Verdict)],
    now: OffsetDateTime,
) -> Result<(), OutboxError> {
    let mut conn = store.conn();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (id, verdict) in verdicts {
        match verdict {
            Verdict::Delivered => tx.execute(
                "UPDATE outbox SET state = 'delivered', personal = NULL, lease_until_ms = NULL,
                        delivered_ms = ?2, last_error = NULL
                  WHERE id = ?1 AND state IN ('in_flight', 'pending')",
                params![id, unix_ms(now)],
            )?,
            Verdict::Dead(reason) => tx.execute(
                "UPDATE outbox SET state = 'dead', lease_until_ms = NULL, last_error = ?2
                  WHERE id = ?1 AND state IN ('in_flight', 'pending')",
                params![id, reason],
            )?,
        };
    }
    tx.execute(
        "DELETE FROM documents WHERE sha256 NOT IN (
             SELECT j.value FROM outbox o, json_each(o.blobs) j WHERE o.state != 'delivered')",
        [],
    )?;
    tx.commit()?;
    // Move purged pages out of the WAL into the (secure_delete) main file now.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Makes every waiting item due now (staff pressed "Kirim sekarang", or the path to the hub
/// just took a document as large as one it refused): its backoff is not waited out.
/// Returns how many were waiting.
pub fn due_now(store: &Store, now: OffsetDateTime) -> Result<usize, OutboxError> {
    let n = store.conn().execute(
        "UPDATE outbox SET next_attempt_ms = ?1 WHERE state = 'pending' AND next_attempt_ms > ?1",
        [unix_ms(now)],
    )?;
    store.ring();
    Ok(n)
}

/// Makes the items held for their size (the path answered 413) due now.
pub fn held_due_now(store: &Store, now: OffsetDateTime) -> Result<usize, OutboxError> {
    Ok(store.conn().execute(
        "UPDATE outbox SET next_attempt_ms = ?1
          WHERE state = 'pending' AND next_attempt_ms > ?1 AND last_error LIKE '%(HTTP 413)%'",
        [unix_ms(now)],
    )?)
}

/// Returns leased items to `pending` after a failed send, each with its own next attempt.
pub fn release(
    store: &Store,
    retry_at: &[(String, OffsetDateTime)],
    error: &str,
) -> Result<(), OutboxError> {
    let mut conn = store.conn();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (id, at) in retry_at {
        tx.execute(
            "UPDATE outbox SET state = 'pending', lease_until_ms = NULL, next_attempt_ms = ?2,
                    last_error = ?3
              WHERE id = ?1 AND state = 'in_flight'",
            params![id, unix_ms(*at), error],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// How many attempts an item has had (for its backoff).
pub fn attempts(store: &Store, id: &str) -> Result<u32, OutboxError> {
    Ok(store
        .conn()
        .query_row("SELECT attempts FROM outbox WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0))
}

/// Counts per state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateCounts {
    pub pending: u64,
    pub in_flight: u64,
    pub delivered: u64,
    pub dead: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    pub total: StateCounts,
    pub by_kind: BTreeMap<String, StateCounts>,
    /// Age of the oldest item not yet delivered (pending or in flight), seconds.
    pub oldest_pending_age_s: Option<u64>,
    /// When the next pending item is due, Unix ms.
    pub next_due_ms: Option<i64>,
}

pub fn counts(store: &Store, now: OffsetDateTime) -> Result<QueueCounts, OutboxError> {
    let conn = store.conn();
    let mut out = QueueCounts::default();
    let mut stmt = conn.prepare("SELECT kind, state, count(*) FROM outbox GROUP BY kind, state")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u64>(2)?,
        ))
    })?;
    for row in rows {
        let (kind, state, n) = row?;
        let per_kind = out.by_kind.entry(kind).or_default();
        for counts in [&mut out.total, per_kind] {
            match state.as_str() {
                "pending" => counts.pending += n,
                "in_flight" => counts.in_flight += n,
                "delivered" => counts.delivered += n,
                _ => counts.dead += n,
            }
        }
    }
    let oldest: Option<String> = conn.query_row(
        "SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'in_flight')",
        [],
        |r| r.get(0),
    )?;
    out.oldest_pending_age_s = oldest
        .and_then(|t| {
            OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(|t| (now - t).whole_seconds().max(0).unsigned_abs());
    out.next_due_ms = conn.query_row(
        "SELECT min(next_attempt_ms) FROM outbox WHERE state = 'pending'",
        [],
        |r| r.get(0),
    )?;
    Ok(out)
}

/// A permanently refused item, as staff see it (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadLetter {
    pub id: String,
    pub kind: String,
    pub created_at: String,
    pub attempts: u32,
    pub reason: String,
}

pub fn dead_letters(store: &Store, limit: usize) -> Result<Vec<DeadLetter>, OutboxError> {
    listed(store, "state = 'dead' ORDER BY id", limit)
}

/// Pending items that failed before, and why (a proxy's size limit, no answer): soonest due
/// first. What staff look at when the queue does not empty.
pub fn waiting(store: &Store, limit: usize) -> Result<Vec<DeadLetter>, OutboxError> {
    listed(
        store,
        "state = 'pending' AND last_error IS NOT NULL ORDER BY next_attempt_ms, id",
        limit,
    )
}

/// Outbox rows as staff see them, selected and ordered by `filter` (a constant).
fn listed(store: &Store, filter: &str, limit: usize) -> Result<Vec<DeadLetter>, OutboxError> {
    let conn = store.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, kind, created_at, attempts, coalesce(last_error, '') FROM outbox
          WHERE {filter} LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(DeadLetter {
            id: r.get(0)?,
            kind: r.get(1)?,
            created_at: r.get(2)?,
            attempts: r.get(3)?,
            reason: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Sends a dead item again from scratch (after staff fixed the cause at the hub).
pub fn retry_dead(store: &Store, id: &str, now: OffsetDateTime) -> Result<(), OutboxError> {
    let n = store.conn().execute(
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_ms = ?2
          WHERE id = ?1 AND state = 'dead'",
        params![id, unix_ms(now)],
    )?;
    if n == 1 {
        store.ring();
        Ok(())
    } else {
        Err(OutboxError::UnknownItem(id.to_owned()))
    }
}

/// Dead items as JSON lines, without personal fields, for staff to hand to the office.
pub fn export_dead(store: &Store) -> Result<String, OutboxError> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT id, kind, created_at, attempts, last_error, payload, blobs FROM outbox
          WHERE state = 'dead' ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let payload: String = r.get(5)?;
        let blobs: String = r.get(6)?;
        Ok(serde_json::json!({
            "id": r.get::<_, String>(0)?,
            "kind": r.get::<_, String>(1)?,
            "created_at": r.get::<_, String>(2)?,
            "attempts": r.get::<_, u32>(3)?,
            "reason": r.get::<_, Option<String>>(4)?,
            "payload": serde_json::from_str::<serde_json::Value>(&payload).unwrap_or_default(),
            "blobs": serde_json::from_str::<serde_json::Value>(&blobs).unwrap_or_default(),
        }))
    })?;
    let mut out = String::new();
    for row in rows {
        out.push_str(&row?.to_string());
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::time::Duration;

    fn outage_item(n: usize) -> NewItem {
        NewItem::demo(
            ItemKind::Outage,
            serde_json::json!({ "n": n }),
            None,
            Vec::new(),
        )
    }

    /// The worker sleeps on the store's bell: an enqueue that commits must ring it, one that
    /// rolls back must not, and no caller has to remember either.
    #[tokio::test]
    async fn a_committed_enqueue_wakes_the_worker_and_a_rolled_back_one_does_not() {
        let store = Store::open_in_memory().expect("store");
        let bell = store.bell();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let rang = || tokio::time::timeout(Duration::from_millis(50), bell.notified());

        let refused: Result<(), StoreError> = store.write(|tx| {
            enqueue(tx, &outage_item(1), now, &mut rng).expect("enqueue");
            Err(StoreError::Full)
        });
        assert!(refused.is_err());
        assert!(rang().await.is_err(), "a rollback wakes nobody");
        assert!(
            !has_undelivered(&store).expect("count"),
            "and leaves nothing"
        );

        store
            .write(|tx| enqueue(tx, &outage_item(2), now, &mut rng).map(drop))
            .expect("enqueue");
        assert!(rang().await.is_ok(), "the commit rang the bell");
        assert!(has_undelivered(&store).expect("count"));
    }
}
