//! The outage log (Pasal 29): each interval in which the hub could not be reached, from the
//! first failure to the first success, with its cause class. Closing an outage records it
//! as an outbox item in the same transaction, so the office receives the evidence too.

use crate::outbox::{self, unix_ms, NewItem, OutboxError};
use crate::store::Store;
use anjungan_wire::item::{Item, OutageCause};
use rand::RngCore;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outage {
    pub id: String,
    pub started_ms: i64,
    pub ended_ms: Option<i64>,
    pub cause: String,
    pub failures: u32,
}

/// Records a failed contact: opens an outage if none is open, else counts it.
pub fn record_failure(
    store: &Store,
    cause: &str,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<(), OutboxError> {
    let conn = store.conn();
    let open: Option<String> = conn
        .query_row("SELECT id FROM outages WHERE ended_ms IS NULL", [], |r| {
            r.get(0)
        })
        .optional()?;
    match open {
        Some(id) => conn.execute(
            "UPDATE outages SET failures = failures + 1 WHERE id = ?1",
            [id],
        )?,
        None => conn.execute(
            "INSERT INTO outages (id, started_ms, cause) VALUES (?1, ?2, ?3)",
            params![outbox::new_id(now, rng), unix_ms(now), cause],
        )?,
    };
    Ok(())
}

/// Records a successful contact: closes the open outage, if any, and enqueues it.
pub fn record_success(
    store: &Store,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<Option<Outage>, OutboxError> {
    store.write(|tx| {
        let open: Option<(String, i64, String, u32)> = tx
            .query_row(
                "SELECT id, started_ms, cause, failures FROM outages WHERE ended_ms IS NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((id, started_ms, cause, failures)) = open else {
            return Ok(None);
        };
        let ended_ms = unix_ms(now).max(started_ms);
        tx.execute(
            "UPDATE outages SET ended_ms = ?2 WHERE id = ?1",
            params![id, ended_ms],
        )?;
        let item = NewItem::new(
            Item::Outage(anjungan_wire::item::Outage {
                v: anjungan_wire::item::VERSION,
                outage_id: id.clone(),
                started_ms,
                ended_ms,
                duration_s: (ended_ms - started_ms) / 1000,
                cause: OutageCause::from_code(&cause).unwrap_or(OutageCause::Other),
                failures,
            }),
            Vec::new(),
        );
        outbox::enqueue(tx, &item, now, rng)?;
        Ok(Some(Outage {
            id,
            started_ms,
            ended_ms: Some(ended_ms),
            cause,
            failures,
        }))
    })
}

/// The newest outages first, the open one (if any) included.
pub fn list(store: &Store, limit: usize) -> Result<Vec<Outage>, OutboxError> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT id, started_ms, ended_ms, cause, failures FROM outages
          ORDER BY started_ms DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(Outage {
            id: r.get(0)?,
            started_ms: r.get(1)?,
            ended_ms: r.get(2)?,
            cause: r.get(3)?,
            failures: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn count(store: &Store) -> Result<u64, OutboxError> {
    Ok(store
        .conn()
        .query_row("SELECT count(*) FROM outages", [], |r| r.get(0))?)
}
