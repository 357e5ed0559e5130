//! The sync worker: the one owner of delivery. Each cycle recovers expired leases, claims a
//! batch of due items, uploads their documents (skipping those the hub already holds),
//! posts the batch and settles each item by the hub's verdict. Failures put items back with
//! capped, jittered backoff (never before `Retry-After`); after repeated failures the queue
//! pauses and only a cheap probe is sent until the hub answers again.

use crate::backoff::Backoff;
use crate::clock::rfc3339;
use crate::context::Context;
use crate::error::CoreError;
use crate::hub_client::{FailureCause, HubError, Timeouts};
use crate::outage;
use crate::outbox::{self, unix_ms, Verdict};
use crate::store::Store;
use anjungan_wire::api::{ItemBatch, ItemOutcome, ItemResult, ItemUpload};
use rand::RngCore;
use rusqlite::params;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncConfig {
    pub batch_size: usize,
    pub backoff: Backoff,
    /// How long a claimed batch belongs to its sender; after that it is sent again.
    pub lease: Duration,
    /// Consecutive failed cycles after which the queue pauses and only probes.
    pub pause_after: u32,
    /// Longest sleep when nothing is due (a safety net; enqueues wake the worker).
    pub idle_poll: Duration,
    pub timeouts: Timeouts,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self {
            batch_size: 100,
            backoff: Backoff::default(),
            lease: Duration::from_secs(150),
            pause_after: 5,
            idle_poll: Duration::from_secs(60),
            timeouts: Timeouts::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleOutcome {
    /// A batch was settled; there may be more: go again.
    Sent { delivered: usize, dead: usize },
    /// Nothing is due; the next pending item is due at this time (Unix ms), if any.
    Idle { next_due_ms: Option<i64> },
    /// The hub could not take the batch; try again then.
    Failed {
        retry_at: OffsetDateTime,
        error: String,
    },
    /// The kiosk has no hub.
    NotEnrolled,
}

/// The worker's persistent memory (`sync_state`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncState {
    pub consecutive_failures: u32,
    pub last_success_ms: Option<i64>,
    pub last_failure_ms: Option<i64>,
    pub last_error: Option<String>,
    pub next_try_ms: Option<i64>,
    pub current_backoff_ms: Option<i64>,
}

pub fn load_state(store: &Store) -> Result<SyncState, CoreError> {
    Ok(store
        .conn()
        .query_row(
            "SELECT consecutive_failures, last_success_ms, last_failure_ms, last_error,
                    next_try_ms, current_backoff_ms FROM sync_state WHERE id = 1",
            [],
            |r| {
                Ok(SyncState {
                    consecutive_failures: r.get(0)?,
                    last_success_ms: r.get(1)?,
                    last_failure_ms: r.get(2)?,
                    last_error: r.get(3)?,
                    next_try_ms: r.get(4)?,
                    current_backoff_ms: r.get(5)?,
                })
            },
        )
        .map_err(crate::store::StoreError::from)?)
}

/// Lets a paused worker try at once (the hub answers again), keeping its failure count and
/// any open outage: those end only when delivery works.
pub fn try_now(store: &Store) -> Result<(), CoreError> {
    store
        .conn()
        .execute("UPDATE sync_state SET next_try_ms = NULL WHERE id = 1", [])
        .map_err(crate::store::StoreError::from)?;
    store.ring();
    Ok(())
}

/// Records a successful contact with the hub (closes any open outage).
pub fn record_success(
    store: &Store,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<(), CoreError> {
    store
        .conn()
        .execute(
            "UPDATE sync_state SET consecutive_failures = 0, last_success_ms = ?1,
                    next_try_ms = NULL, current_backoff_ms = NULL WHERE id = 1",
            [unix_ms(now)],
        )
        .map_err(crate::store::StoreError::from)?;
    outage::record_success(store, now, rng).map_err(CoreError::from)?;
    Ok(())
}

/// Records a failed contact; returns the number of consecutive failures. `next_try` is the
/// worker's new schedule; `None` (a probe that is not the worker's) leaves it as it is.
pub fn record_failure(
    store: &Store,
    cause: Option<FailureCause>,
    error: &str,
    next_try: Option<OffsetDateTime>,
    now: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<u32, CoreError> {
    let failures: u32 = store
        .conn()
        .query_row(
            "UPDATE sync_state SET consecutive_failures = consecutive_failures + 1,
                    last_failure_ms = ?1, last_error = ?2,
                    next_try_ms = coalesce(?3, next_try_ms),
                    current_backoff_ms = coalesce(?4, current_backoff_ms)
              WHERE id = 1 RETURNING consecutive_failures",
            params![
                unix_ms(now),
                error,
                next_try.map(unix_ms),
                next_try.map(|t| unix_ms(t) - unix_ms(now))
            ],
            |r| r.get(0),
        )
        .map_err(crate::store::StoreError::from)?;
    if let Some(cause) = cause {
        outage::record_failure(store, cause.code(), now, rng).map_err(CoreError::from)?;
    }
    Ok(failures)
}

fn at(now: OffsetDateTime, d: Duration) -> OffsetDateTime {
    now + time::Duration::try_from(d).unwrap_or(time::Duration::MAX)
}

/// One delivery attempt. Never panics on hub misbehaviour; returns `Err` only when the
/// local store fails.
pub async fn cycle(
    ctx: &Context,
    config: &SyncConfig,
    rng: &mut (impl RngCore + Send),
) -> Result<CycleOutcome, CoreError> {
    let store = ctx.store();
    let now = ctx.now();
    outbox::recover_expired_leases(store, now).map_err(CoreError::from)?;
    let client = match ctx.client(config.timeouts) {
        Ok(c) => c,
        Err(CoreError::NotEnrolled) => return Ok(CycleOutcome::NotEnrolled),
        Err(e) => return Err(e),
    };

    let state = load_state(store)?;
    if state.consecutive_failures >= config.pause_after {
        if let Some(next) = state.next_try_ms.filter(|t| *t > unix_ms(now)) {
            return Ok(CycleOutcome::Failed {
                retry_at: outbox::from_unix_ms(next).unwrap_or(now),
                error: state.last_error.unwrap_or_default(),
            });
        }
        // Paused and due: a cheap probe decides whether the queue resumes. Its answer alone
        // does not end the outage; the delivery below does.
        if let Err(e) = client.health().await {
            return fail_contact(ctx, config, &[], &e, state.consecutive_failures, rng);
        }
    }

    let items = outbox::claim(store, now, at(now, config.lease), config.batch_size)
        .map_err(CoreError::from)?;
    if items.is_empty() {
        // The probe above answered and nothing waits at all: nothing fails any more.
        if state.consecutive_failures >= config.pause_after
            && !outbox::has_undelivered(store).map_err(CoreError::from)?
        {
            record_success(store, now, rng)?;
        }
        let counts = outbox::counts(store, now).map_err(CoreError::from)?;
        return Ok(CycleOutcome::Idle {
            next_due_ms: counts.next_due_ms,
        });
    }

    // Documents first. One the path refuses as too large (413) holds only the items that need
    // it; everything else goes on.
    let refused = match upload_documents(ctx, &client, &items).await {
        Ok(refused) => refused,
        Err(Upload::Hub(e)) => {
            return fail_contact(ctx, config, &items, &e, state.consecutive_failures, rng)
        }
        Err(Upload::Local(e)) => return Err(e),
    };
    let (waiting, items): (Vec<ItemUpload>, Vec<ItemUpload>) = items
        .into_iter()
        .partition(|i| i.blobs.iter().any(|b| refused.contains_key(b)));
    let mut held: Vec<(String, String)> = waiting
        .iter()
        .map(|i| {
            let size = i.blobs.iter().filter_map(|b| refused.get(b)).max();
            let size = size.copied().unwrap_or_default();
            (i.id.clone(), too_large("a document", size))
        })
        .collect();

    let parts = post_in_parts(&client, items.clone()).await;
    crate::failpoint::hit(crate::failpoint::AFTER_ACK_BEFORE_MARK);
    held.extend(parts.held);

    let by_id: HashMap<&str, &ItemResult> =
        parts.results.iter().map(|r| (r.id.as_str(), r)).collect();
    let not_sent: BTreeSet<&str> = parts
        .failed
        .iter()
        .flat_map(|(_, rest)| rest.iter().map(|i| i.id.as_str()))
        .chain(held.iter().map(|(id, _)| id.as_str()))
        .collect();
    let mut verdicts = Vec::with_capacity(items.len());
    let mut unanswered = Vec::new();
    let mut reupload = Vec::new();
    for item in &items {
        // Only the hub's own verdict on an item may dead-letter it.
        match by_id.get(item.id.as_str()) {
            Some(r) if matches!(r.outcome, ItemOutcome::Accepted | ItemOutcome::Duplicate) => {
                if let Some(filed) = &r.tracking_number {
                    // The receipt's number was taken at the hub; the office has both.
                    tracing::warn!(item = %item.id, filed = %filed, "the hub filed this item under another tracking number");
                }
                verdicts.push((item.id.clone(), Verdict::Delivered));
            }
            // The hub lacks documents this kiosk still holds: upload them again and resend,
            // rather than give up an item for a document the hub let go.
            Some(r)
                if !r.missing_documents.is_empty()
                    && outbox::upload_again(store, &r.missing_documents)
                        .map_err(CoreError::from)? =>
            {
                reupload.push(item.id.clone());
            }
            Some(r) => verdicts.push((
                item.id.clone(),
                Verdict::Dead(
                    r.reason
                        .clone()
                        .unwrap_or_else(|| "rejected by the hub".into()),
                ),
            )),
            None if not_sent.contains(item.id.as_str()) => {}
            None => unanswered.push(item.id.clone()),
        }
    }
    outbox::settle(store, &verdicts, ctx.now()).map_err(CoreError::from)?;
    // Unanswered and held items wait their own backoff, so that the queue behind them flows
    // and they are not resent in a tight loop.
    release_later(
        ctx,
        config,
        &unanswered,
        "the hub did not answer for this item",
        None,
        rng,
    )?;
    release_later(
        ctx,
        config,
        &reupload,
        "the hub did not have this item's documents: they are uploaded again",
        None,
        rng,
    )?;
    // A held item passes only once someone raises the limit: it waits at least the longest
    // backoff (at most a minute) each time, not a jittered moment.
    let floor = config.backoff.cap.min(Duration::from_secs(60));
    for (id, message) in &held {
        tracing::warn!(error = %message, "an item is held: the path to the hub refused its size");
        release_later(
            ctx,
            config,
            std::slice::from_ref(id),
            message,
            Some(floor),
            rng,
        )?;
    }
    if let Some((e, rest)) = &parts.failed {
        return fail_contact(ctx, config, rest, e, state.consecutive_failures, rng);
    }
    if !parts.results.is_empty() {
        record_success(store, ctx.now(), rng)?;
    }
    let dead = verdicts
        .iter()
        .filter(|(_, v)| matches!(v, Verdict::Dead(_)))
        .count();
    tracing::info!(
        delivered = verdicts.len() - dead,
        dead,
        held = held.len(),
        "batch settled"
    );
    Ok(CycleOutcome::Sent {
        delivered: verdicts.len() - dead,
        dead,
    })
}

/// "the server refused a document of 1.5 MB (HTTP 413): raise the proxy's body limit": what
/// staff read on a held item, and can act on.
fn too_large(what: &str, bytes: usize) -> String {
    let size = if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    };
    format!("the server refused {what} of {size} (HTTP 413): raise the proxy's body limit")
}

/// Puts items back as pending, each due after its own backoff and not before `not_before`
/// (the hub's `Retry-After`, or a held item's wait); returns the earliest time one is due.
fn release_later(
    ctx: &Context,
    config: &SyncConfig,
    ids: &[String],
    message: &str,
    not_before: Option<Duration>,
    rng: &mut impl RngCore,
) -> Result<Option<OffsetDateTime>, CoreError> {
    let store = ctx.store();
    let now = ctx.now();
    let mut retry_at = Vec::with_capacity(ids.len());
    for id in ids {
        let attempts = outbox::attempts(store, id).map_err(CoreError::from)?;
        let delay = config
            .backoff
            .delay(attempts.saturating_sub(1), not_before, rng);
        retry_at.push((id.clone(), at(now, delay)));
    }
    outbox::release(store, &retry_at, message).map_err(CoreError::from)?;
    Ok(retry_at.iter().map(|(_, t)| *t).min())
}

/// What posting a batch came to: the hub's answers, the items held because the path refused
/// their size even alone, and the error that stopped it with the items not yet sent.
#[derive(Default)]
struct Parts {
    results: Vec<anjungan_wire::api::ItemResult>,
    held: Vec<(String, String)>,
    failed: Option<(HubError, Vec<ItemUpload>)>,
}

/// Posts `items`; a 413 (a proxy's body limit) splits the batch in halves down to single
/// items, and a single item still refused is held, not sent again at once.
async fn post_in_parts(client: &crate::hub_client::HubClient, items: Vec<ItemUpload>) -> Parts {
    let mut parts = Parts::default();
    let mut todo = vec![items];
    while let Some(mut batch) = todo.pop() {
        if batch.is_empty() {
            continue;
        }
        match client
            .post_items(&ItemBatch {
                items: batch.clone(),
            })
            .await
        {
            Ok(r) => parts.results.extend(r.results),
            Err(HubError::Rejected { status: 413, .. }) if batch.len() > 1 => {
                let second = batch.split_off(batch.len() / 2);
                todo.push(second);
                todo.push(batch);
            }
            Err(HubError::Rejected { status: 413, .. }) => {
                let size = serde_json::to_vec(&batch[0]).map_or(0, |b| b.len());
                parts
                    .held
                    .push((batch[0].id.clone(), too_large("an item", size)));
            }
            Err(e) => {
                let rest = todo.drain(..).rev().flatten();
                batch.extend(rest);
                parts.failed = Some((e, batch));
                break;
            }
        }
    }
    parts
}

enum Upload {
    Hub(HubError),
    Local(CoreError),
}

/// Uploads the documents `items` need. Returns the ones the path refused as too large
/// (413), with their size; any other failure stops the upload.
async fn upload_documents(
    ctx: &Context,
    client: &crate::hub_client::HubClient,
    items: &[ItemUpload],
) -> Result<HashMap<String, usize>, Upload> {
    let shas: BTreeSet<&String> = items.iter().flat_map(|i| i.blobs.iter()).collect();
    let mut refused = HashMap::new();
    let mut largest_taken = 0;
    for sha in shas {
        let Some(bytes) = outbox::document_to_upload(ctx.store(), sha)
            .map_err(|e| Upload::Local(CoreError::from(e)))?
        else {
            continue;
        };
        if !client.has_blob(sha).await.map_err(Upload::Hub)? {
            let size = bytes.len();
            match client.put_blob(sha, bytes).await {
                Ok(()) => largest_taken = largest_taken.max(size),
                Err(HubError::Rejected { status: 413, .. }) => {
                    refused.insert(sha.clone(), size);
                    continue;
                }
                Err(e) => return Err(Upload::Hub(e)),
            }
        }
        outbox::mark_document_uploaded(ctx.store(), sha)
            .map_err(|e| Upload::Local(CoreError::from(e)))?;
    }
    // The path took a document as large as one it refused: its limit was raised, and the
    // items held for their size go at once instead of waiting out their backoff.
    if ctx.held_floor().is_some_and(|floor| largest_taken >= floor) {
        ctx.set_held_floor(None);
        let released = outbox::held_due_now(ctx.store(), ctx.now())
            .map_err(|e| Upload::Local(CoreError::from(e)))?;
        tracing::info!(released, "the path to the hub takes large documents again");
    }
    if let Some(smallest) = refused.values().min() {
        let floor = ctx.held_floor().map_or(*smallest, |f| f.min(*smallest));
        ctx.set_held_floor(Some(floor));
    }
    Ok(refused)
}

/// Puts a failed batch back, each item due after its backoff, and records the failure.
fn fail_contact(
    ctx: &Context,
    config: &SyncConfig,
    items: &[ItemUpload],
    error: &HubError,
    failures_before: u32,
    rng: &mut impl RngCore,
) -> Result<CycleOutcome, CoreError> {
    let store = ctx.store();
    let now = ctx.now();
    let message = error.to_string();
    // A refusal of the whole request (a proxy's 403, 405, 407, 413 or 422, or a newer hub's)
    // says nothing about the items: they wait and are sent again. Only the hub's answer for an
    // item may make it a dead letter.
    let (cause, retry_after) = match error {
        HubError::Unreachable {
            cause, retry_after, ..
        } => (Some(*cause), *retry_after),
        HubError::Rejected { .. }
        | HubError::Unauthorized
        | HubError::NotFound
        | HubError::BadUrl(_) => (None, None),
    };
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let earliest = release_later(ctx, config, &ids, &message, retry_after, rng)?;
    let next_try = at(now, config.backoff.delay(failures_before, retry_after, rng));
    let failures = record_failure(store, cause, &message, Some(next_try), now, rng)?;
    tracing::warn!(items = items.len(), failures, error = %message, "delivery failed");
    let earliest = earliest.unwrap_or(next_try);
    Ok(CycleOutcome::Failed {
        retry_at: if failures >= config.pause_after {
            next_try
        } else {
            earliest
        },
        error: message,
    })
}

/// The right to send this kiosk's queue, held by one process at a time: an OS lock on
/// `sender.lock` in the data directory, which the kernel releases when the process ends,
/// however it ends. Whoever takes it knows that items still in flight were left by a sender
/// that is gone (a crash, a power cut), and sends them again at once instead of waiting out
/// their lease. Leases still keep apart two senders that run without it (`anjungan-cli sync`
/// next to the app).
pub struct SenderLock {
    _file: std::fs::File,
}

impl SenderLock {
    pub const FILE: &'static str = "sender.lock";

    /// The lock, or `None` while another live process holds it.
    pub fn try_take(ctx: &Context) -> Result<Option<SenderLock>, CoreError> {
        let path = ctx.data_dir().join(Self::FILE);
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(|e| lock_error(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => return Err(lock_error(&path, e)),
        }
        let recovered = outbox::recover_all_leases(ctx.store()).map_err(CoreError::from)?;
        if recovered > 0 {
            tracing::info!(
                recovered,
                "items left in flight by a sender that is gone are pending again"
            );
        }
        Ok(Some(SenderLock { _file: file }))
    }
}

fn lock_error(path: &std::path::Path, e: std::io::Error) -> CoreError {
    CoreError::Store(crate::store::StoreError::Open {
        path: path.to_owned(),
        source: rusqlite::Error::InvalidPath(std::path::PathBuf::from(e.to_string())),
    })
}

/// Runs [`cycle`] until `shutdown` resolves, holding the [`SenderLock`] (waiting for it while
/// another process holds it), sleeping between cycles as the outcome says and
/// waking at once when the store's bell rings (an enqueue, a staff release, or the hub
/// answering again).
pub async fn run(
    ctx: Arc<Context>,
    config: SyncConfig,
    mut rng: impl RngCore + Send,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    let wake = ctx.wake();
    let _lock = loop {
        match SenderLock::try_take(&ctx) {
            Ok(Some(lock)) => break lock,
            Ok(None) => tracing::info!("another process is sending this kiosk's queue; waiting"),
            Err(e) => tracing::error!(error = %e, "cannot take the sender lock"),
        }
        tokio::select! {
            () = tokio::time::sleep(config.idle_poll.max(Duration::from_secs(5))) => {},
            () = &mut shutdown => return,
        }
    };
    loop {
        let pause = match cycle(&ctx, &config, &mut rng).await {
            Ok(CycleOutcome::Sent { .. }) => continue,
            Ok(CycleOutcome::Idle { next_due_ms }) => next_due_ms
                .map(|due| Duration::from_millis((due - unix_ms(ctx.now())).max(0) as u64))
                .unwrap_or(config.idle_poll)
                .min(config.idle_poll),
            Ok(CycleOutcome::Failed { retry_at, .. }) => {
                Duration::try_from(retry_at - ctx.now()).unwrap_or(Duration::ZERO)
            }
            Ok(CycleOutcome::NotEnrolled) => config.idle_poll,
            Err(e) => {
                tracing::error!(error = %e, "sync cycle failed on the local store");
                Duration::from_secs(5)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {},
            () = wake.notified() => {},
            () = &mut shutdown => return,
        }
    }
}

/// What staff and `anjungan-cli queue --json` see.
#[derive(Debug, Clone, Serialize)]
pub struct QueueReport {
    pub pending: u64,
    pub in_flight: u64,
    pub delivered: u64,
    pub dead: u64,
    pub oldest_pending_age_s: Option<u64>,
    pub outages: u64,
    pub by_kind: std::collections::BTreeMap<String, outbox::StateCounts>,
    pub last_success_at: Option<String>,
    pub consecutive_failures: u32,
    pub paused: bool,
    pub current_backoff_ms: Option<i64>,
    pub last_error: Option<String>,
}

pub fn report(ctx: &Context, config: &SyncConfig) -> Result<QueueReport, CoreError> {
    let store = ctx.store();
    let counts = outbox::counts(store, ctx.now()).map_err(CoreError::from)?;
    let state = load_state(store)?;
    Ok(QueueReport {
        pending: counts.total.pending,
        in_flight: counts.total.in_flight,
        delivered: counts.total.delivered,
        dead: counts.total.dead,
        oldest_pending_age_s: counts.oldest_pending_age_s,
        outages: outage::count(store).map_err(CoreError::from)?,
        by_kind: counts.by_kind,
        last_success_at: state.last_success_ms.map(rfc3339_ms),
        consecutive_failures: state.consecutive_failures,
        paused: state.consecutive_failures >= config.pause_after,
        current_backoff_ms: state.current_backoff_ms,
        last_error: state.last_error,
    })
}

fn rfc3339_ms(ms: i64) -> String {
    outbox::from_unix_ms(ms).map(rfc3339).unwrap_or_default()
}

/// The staff window's delivery view: counts, worker state, outages, dead letters.
pub fn overview(
    ctx: &Context,
    config: &SyncConfig,
) -> Result<anjungan_wire::ipc::SyncOverview, CoreError> {
    use anjungan_wire::ipc::{DeadLetterRow, KindCounts, OutageRow, SyncOverview};
    let r = report(ctx, config)?;
    let now_ms = unix_ms(ctx.now());
    let outages = outage::list(ctx.store(), 50)
        .map_err(CoreError::from)?
        .into_iter()
        .map(|o| OutageRow {
            started_at: rfc3339_ms(o.started_ms),
            ended_at: o.ended_ms.map(rfc3339_ms),
            duration_s: ((o.ended_ms.unwrap_or(now_ms) - o.started_ms).max(0) / 1000)
                .unsigned_abs(),
            id: o.id,
            cause: o.cause,
            failures: o.failures,
        })
        .collect();
    let row = |d: outbox::DeadLetter| DeadLetterRow {
        id: d.id,
        kind: d.kind,
        created_at: d.created_at,
        attempts: d.attempts,
        reason: d.reason,
    };
    let dead_letters = outbox::dead_letters(ctx.store(), 200)
        .map_err(CoreError::from)?
        .into_iter()
        .map(row)
        .collect();
    let waiting = outbox::waiting(ctx.store(), 50)
        .map_err(CoreError::from)?
        .into_iter()
        .map(row)
        .collect();
    Ok(SyncOverview {
        pending: r.pending,
        in_flight: r.in_flight,
        delivered: r.delivered,
        dead: r.dead,
        oldest_pending_age_s: r.oldest_pending_age_s,
        by_kind: r
            .by_kind
            .into_iter()
            .map(|(kind, c)| KindCounts {
                kind,
                pending: c.pending,
                in_flight: c.in_flight,
                delivered: c.delivered,
                dead: c.dead,
            })
            .collect(),
        last_success_at: r.last_success_at,
        consecutive_failures: r.consecutive_failures,
        paused: r.paused,
        current_backoff_ms: r.current_backoff_ms,
        last_error: r.last_error,
        outages,
        dead_letters,
        waiting,
    })
}

/// Writes the dead letters (without personal fields) to `exports/` in the data directory
/// and returns the file's path.
pub fn export_dead(ctx: &Context) -> Result<std::path::PathBuf, CoreError> {
    let lines = outbox::export_dead(ctx.store()).map_err(CoreError::from)?;
    let dir = ctx.data_dir().join("exports");
    let stamp = ctx
        .now()
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default();
    let path = dir.join(format!("dead-letters-{stamp}.jsonl"));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, lines))
        .map_err(|e| CoreError::InvalidInput(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// Whether the last contact with the hub succeeded: what a receipt tells the citizen ("sent
/// to the office" or "saved here, sent when the network returns").
pub fn online(store: &Store) -> Result<bool, CoreError> {
    let state = load_state(store)?;
    Ok(state.last_success_ms.is_some() && state.consecutive_failures == 0)
}
