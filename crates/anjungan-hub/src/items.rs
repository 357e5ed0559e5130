//! Idempotent ingestion. A batch is answered only after its accepted items are committed
//! (`synchronous=FULL`), so an acknowledgement is a promise. An id seen before with the same
//! content is a duplicate, forever; with other content it is refused, so the kiosk keeps the
//! differing copy. A conflict in one item's records refuses that item alone.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_wire::api::{
    BatchResult, ItemBatch, ItemKind, ItemOutcome, ItemResult, ItemUpload, MAX_BATCH_ITEMS,
};
use anjungan_wire::item::{Application, Item};
use sqlx::{Acquire, AnyPool};

pub use anjungan_wire::api::MAX_ITEM_BYTES;

fn invalid(item: &ItemUpload) -> Option<String> {
    match uuid::Uuid::parse_str(&item.id) {
        Ok(u) if u.get_version_num() == 7 => {}
        _ => return Some("id must be a UUIDv7".into()),
    }
    let size =
        item.payload.to_string().len() + item.personal.as_ref().map_or(0, |p| p.to_string().len());
    if size > MAX_ITEM_BYTES {
        return Some(format!(
            "item is {size} bytes; the limit is {MAX_ITEM_BYTES}"
        ));
    }
    if time::OffsetDateTime::parse(
        &item.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .is_err()
    {
        return Some("created_at must be RFC 3339".into());
    }
    if item.blobs.iter().any(|b| !crate::blobs::valid_sha256(b)) {
        return Some("blobs must be SHA-256 hex digests".into());
    }
    // A document an item names is kept for as long as the item: only a citizen's
    // application or complaint has documents, so no other item can pin the hub's storage.
    if !item.blobs.is_empty() && !matches!(item.kind, ItemKind::Application | ItemKind::Complaint) {
        return Some(format!(
            "a {} item names no documents; only applications and complaints do",
            item.kind.code()
        ));
    }
    None
}

/// Whether `number` (a tracking number the item carries) is this kiosk's to give: its kiosk
/// digits are the sender's own. Another kiosk's number would take that kiosk's citizen's
/// place; a kiosk without a number gives none.
fn numbered_by_sender(number: &str, kiosk_number: Option<u16>) -> Result<(), String> {
    let Some(own) = kiosk_number else {
        return Err(
            "this kiosk has no number: it takes no applications or complaints (enrol it with a number)"
                .into(),
        );
    };
    let n = anjungan_apply::TrackingNumber::parse(number).map_err(|e| e.to_string())?;
    if n.kiosk != own {
        return Err(format!(
            "tracking number {number} belongs to kiosk {:03}, not to this kiosk ({own:03})",
            n.kiosk
        ));
    }
    Ok(())
}

pub async fn ingest(
    pool: &AnyPool,
    kiosk_id: &str,
    kiosk_name: &str,
    batch: ItemBatch,
    now: time::OffsetDateTime,
) -> Result<BatchResult, HubError> {
    ingest_with(
        pool,
        kiosk_id,
        kiosk_name,
        batch,
        now,
        &crate::limits::Limits::default(),
    )
    .await
}

/// [`ingest`] under the hub's `limits` (the per-kiosk quotas).
pub async fn ingest_with(
    pool: &AnyPool,
    kiosk_id: &str,
    kiosk_name: &str,
    batch: ItemBatch,
    now: time::OffsetDateTime,
    limits: &crate::limits::Limits,
) -> Result<BatchResult, HubError> {
    if batch.items.len() > MAX_BATCH_ITEMS {
        return Err(HubError::InvalidInput(format!(
            "a batch holds at most {MAX_BATCH_ITEMS} items"
        )));
    }
    let received_at = now_rfc3339();
    // The office's calendar day (WIB), against which survey dates are checked.
    let today = anjungan_permit::office_day(now);
    let day = anjungan_permit::office_date(now);
    let sender = crate::kiosks::number_of(pool, kiosk_id).await?;
    crate::quota::check_items(pool, kiosk_id, &day, batch.items.len(), limits).await?;
    let rules = crate::office::skm_rules(pool).await?;
    let mut tx = crate::db::begin_write(pool).await?;
    let mut stored_new = 0i64;
    let mut results = Vec::with_capacity(batch.items.len());
    let mut duplicates = 0i64;
    for item in &batch.items {
        let mut reason = invalid(item);
        let mut missing = Vec::new();
        if reason.is_none() {
            for sha in &item.blobs {
                if !crate::blobs::exists(&mut *tx, sha).await? {
                    missing.push(sha.clone());
                }
            }
            if !missing.is_empty() {
                reason = Some(format!(
                    "{} document(s) not uploaded: {}",
                    missing.len(),
                    missing.join(", ")
                ));
            }
        }
        let checked = match reason {
            Some(_) => None,
            None => match check(&mut tx, item, sender, today, kiosk_name, &rules).await? {
                Ok(c) => Some(c),
                Err(r) => {
                    reason = Some(r);
                    None
                }
            },
        };
        if let Some(reason) = reason {
            results.push(ItemResult {
                missing_documents: missing,
                ..ItemResult::rejected(&item.id, reason)
            });
            continue;
        }
        // Each item in its own savepoint: a conflict in one item's records (a survey visit
        // already answered, say) refuses that item alone; the rest of the batch stands.
        let mut sp = (&mut tx).begin().await?;
        let Some(checked) = checked else {
            continue;
        };
        let stored = store_one(&mut sp, item, kiosk_id, kiosk_name, &received_at, &checked).await;
        let result = match stored {
            Ok(Stored::New(filed_as)) => {
                sp.commit().await?;
                stored_new += 1;
                ItemResult {
                    tracking_number: filed_as,
                    ..ItemResult::settled(&item.id, ItemOutcome::Accepted)
                }
            }
            Ok(Stored::Same) => {
                sp.commit().await?;
                duplicates += 1;
                ItemResult::settled(&item.id, ItemOutcome::Duplicate)
            }
            Ok(Stored::Refused(reason)) => {
                sp.rollback().await?;
                ItemResult::rejected(&item.id, reason)
            }
            Err(e) => {
                sp.rollback().await?;
                match conflict(&e) {
                    Some(reason) => ItemResult::rejected(&item.id, reason),
                    // Anything else (disk full, locked) may pass: the whole batch is retried.
                    None => return Err(e),
                }
            }
        };
        results.push(result);
    }
    if duplicates > 0 {
        sqlx::query(
            "INSERT INTO counters (name, value) VALUES ('duplicate_submissions', $1)
             ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
        )
        .bind(duplicates)
        .execute(&mut *tx)
        .await?;
    }
    crate::quota::count_items(&mut tx, kiosk_id, &day, stored_new).await?;
    tx.commit().await?;
    Ok(BatchResult {
        results,
        server_time: now_rfc3339(),
    })
}

/// Whether an item with `id` is stored already (a resend).
async fn stored_before(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: &str,
) -> Result<bool, HubError> {
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM items WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// An item read as its type and checked: what its kind files in the office's registers.
/// Outages, permit checks and demo data are kept as items only (the figures read them there).
enum Checked {
    Application(Box<Application>),
    /// A survey, and whether it waits for its code to become known before it counts.
    Survey(Box<crate::skm::Survey>, bool),
    Complaint(crate::complaints::Incoming),
    ItemOnly,
}

/// Reads `item` once as its type ([`Item::parse`]) and hands it to its kind's checks. The
/// inner error is the item's rejection reason.
async fn check(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item: &ItemUpload,
    sender: Option<u16>,
    today: time::Date,
    kiosk_name: &str,
    rules: &anjungan_wire::ipc::SkmRules,
) -> Result<Result<Checked, String>, HubError> {
    let parsed = match Item::parse(item.kind, &item.payload, item.personal.as_ref()) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e.to_string())),
    };
    Ok(match parsed {
        Item::Application(a) => crate::applications::check(&a, &item.blobs)
            .and_then(|()| numbered_by_sender(&a.record.tracking_number, sender))
            .map(|()| Checked::Application(a)),
        Item::SurveyResponse(r) => {
            match crate::skm::check(&r, today).and_then(|s| s.from_kiosk().map(|()| s)) {
                Err(e) => Err(e),
                // A resend is answered from what is stored: the rules were applied to it
                // when it first came.
                Ok(s) if stored_before(tx, &item.id).await? => {
                    Ok(Checked::Survey(Box::new(s), false))
                }
                Ok(s) => match crate::skm::admit(tx, kiosk_name, &s, rules).await? {
                    crate::skm::Admitted::Count => Ok(Checked::Survey(Box::new(s), false)),
                    crate::skm::Admitted::WaitForCode => Ok(Checked::Survey(Box::new(s), true)),
                    crate::skm::Admitted::Refused(r) => Err(r),
                },
            }
        }
        Item::Complaint(c) => crate::complaints::check(&c, &item.blobs)
            .and_then(|c| numbered_by_sender(&c.tracking_number, sender).map(|()| c))
            .map(Checked::Complaint),
        Item::Outage(_) | Item::Verification(_) | Item::Demo { .. } => Ok(Checked::ItemOnly),
    })
}

enum Stored {
    /// Stored now; with the number it was filed under when the receipt's was taken.
    New(Option<String>),
    /// Seen before with the same content: a resend.
    Same,
    /// Refused for this item alone (its records conflict, or its id was used before for
    /// something else).
    Refused(String),
}

/// A constraint an item's records broke: permanent, and about that item only.
fn conflict(e: &HubError) -> Option<String> {
    match e {
        HubError::Db(sqlx::Error::Database(d))
            if d.is_unique_violation()
                || d.is_check_violation()
                || d.is_foreign_key_violation() =>
        {
            Some(format!("the hub cannot store this item: {}", d.message()))
        }
        _ => None,
    }
}

async fn store_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item: &ItemUpload,
    kiosk_id: &str,
    kiosk_name: &str,
    received_at: &str,
    checked: &Checked,
) -> Result<Stored, HubError> {
    let blobs = serde_json::Value::from(item.blobs.clone());
    let inserted = sqlx::query(
        "INSERT INTO items (id, kiosk_id, kind, created_at, received_at, payload, personal, blobs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&item.id)
    .bind(kiosk_id)
    .bind(item.kind.code())
    .bind(&item.created_at)
    .bind(received_at)
    .bind(item.payload.to_string())
    // An application's personal part is kept once, in `applicants` (where retention and a
    // data subject's request reach it); other items' personal parts here.
    .bind(
        item.personal
            .as_ref()
            .filter(|_| !matches!(checked, Checked::Application(_)))
            .map(|p| p.to_string()),
    )
    .bind(blobs.to_string())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        // A resend is the same item; the same id with other content is not, and must not
        // be answered "duplicate" (the kiosk would then drop the differing copy).
        let (kind, payload, blobs_seen): (String, String, String) =
            sqlx::query_as("SELECT kind, payload, blobs FROM items WHERE id = $1")
                .bind(&item.id)
                .fetch_one(&mut **tx)
                .await?;
        let same = kind == item.kind.code()
            && serde_json::from_str::<serde_json::Value>(&payload)
                .ok()
                .as_ref()
                == Some(&item.payload)
            && serde_json::from_str::<serde_json::Value>(&blobs_seen).ok() == Some(blobs);
        return Ok(if same {
            Stored::Same
        } else {
            Stored::Refused(
                "this id was delivered before with different content; this copy is kept on the kiosk"
                    .into(),
            )
        });
    }
    // What references each document: the removal of unused ones reads this.
    for sha in &item.blobs {
        sqlx::query(
            "INSERT INTO item_blobs (item_id, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(&item.id)
        .bind(sha)
        .execute(&mut **tx)
        .await?;
    }
    let stored = match checked {
        Checked::Survey(survey, false) => {
            crate::skm::store(tx, &item.id, kiosk_name, survey).await?;
            None
        }
        Checked::Survey(survey, true) => {
            crate::skm::wait_for_code(tx, &item.id, kiosk_name, survey).await?;
            None
        }
        Checked::Application(a) => {
            let stored =
                crate::applications::store(tx, &item.id, kiosk_id, &item.created_at, a).await?;
            // Its receipt's code is known now: surveys given with it before it came count.
            if let Some(code) = a
                .record
                .skm_code
                .as_deref()
                .and_then(|c| anjungan_skm::code::parse(c).ok())
            {
                crate::skm::release_waiting(tx, &code).await?;
            }
            Some(stored)
        }
        Checked::Complaint(c) => {
            Some(crate::complaints::store(tx, &item.id, kiosk_id, received_at, c).await?)
        }
        Checked::ItemOnly => None,
    };
    Ok(match stored {
        Some(Err(reason)) => Stored::Refused(reason),
        Some(Ok(filed_as)) => Stored::New(filed_as),
        None => Stored::New(None),
    })
}

/// A stored item read back as its type, for the figures of kinds kept as items only.
pub struct Kept {
    /// The name of the kiosk that sent it; `None` once that kiosk's record is gone.
    pub kiosk: Option<String>,
    /// RFC 3339, kiosk clock, when the citizen's action was saved.
    pub created_at: String,
    pub item: Item,
}

/// Every stored item of `kind` read as its type (they were checked as such at intake).
/// Demo data, and records older than typed items that are not their kind's shape, are left
/// out and counted in the log.
pub async fn kept(pool: &AnyPool, kind: ItemKind) -> Result<Vec<Kept>, HubError> {
    let rows: Vec<(Option<String>, String, String)> = sqlx::query_as(
        "SELECT k.name, i.created_at, i.payload FROM items i
           LEFT JOIN kiosks k ON k.id = i.kiosk_id WHERE i.kind = $1",
    )
    .bind(kind.code())
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut other = 0usize;
    for (kiosk, created_at, payload) in rows {
        match serde_json::from_str(&payload)
            .ok()
            .and_then(|p| Item::parse(kind, &p, None).ok())
        {
            Some(Item::Demo { .. }) | None => other += 1,
            Some(item) => out.push(Kept {
                kiosk,
                created_at,
                item,
            }),
        }
    }
    if other > 0 {
        tracing::info!(
            kind = kind.code(),
            other,
            "items that are demo data or not their kind's shape: not counted"
        );
    }
    Ok(out)
}

/// What `anjungan-hub items --json` prints.
#[derive(Debug, serde::Serialize)]
pub struct ItemStats {
    pub items: i64,
    pub duplicate_submissions: i64,
    pub by_kind: std::collections::BTreeMap<String, i64>,
    pub blobs: i64,
}

pub async fn stats(pool: &AnyPool) -> Result<ItemStats, HubError> {
    let (items,): (i64,) = sqlx::query_as("SELECT count(*) FROM items")
        .fetch_one(pool)
        .await?;
    let (duplicate_submissions,): (i64,) = sqlx::query_as(
        "SELECT coalesce((SELECT value FROM counters WHERE name = 'duplicate_submissions'), 0)",
    )
    .fetch_one(pool)
    .await?;
    let kinds: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, count(*) FROM items GROUP BY kind ORDER BY kind")
            .fetch_all(pool)
            .await?;
    let (blobs,): (i64,) = sqlx::query_as("SELECT count(*) FROM blobs")
        .fetch_one(pool)
        .await?;
    Ok(ItemStats {
        items,
        duplicate_submissions,
        by_kind: kinds.into_iter().collect(),
        blobs,
    })
}

pub async fn ids(pool: &AnyPool) -> Result<Vec<String>, HubError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM items ORDER BY id")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
