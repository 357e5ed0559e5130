//! Outbox and delivery benchmarks (`cargo bench -p anjungan-core --bench outbox`).
//! Prints markdown tables for docs/benchmarks.md:
//! 1. enqueue with a durable commit (synchronous=FULL): p50/p99 per item, on an empty
//!    store and with a 100,000-item backlog;
//! 2. draining 10,000 queued items (1% with a 1 MB document) to a local hub after an
//!    outage, for several batch sizes;
//! 3. hub ingestion alone: items/s for batches of 500.

mod support;

use anjungan_core::outbox::NewItem;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::api::{ItemBatch, ItemKind, ItemUpload};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::hub;

fn quick() -> bool {
    std::env::var_os("ANJUNGAN_BENCH_QUICK").is_some()
}

fn item(n: usize, doc_bytes: usize) -> NewItem {
    NewItem::demo(
        [
            ItemKind::Outage,
            ItemKind::Complaint,
            ItemKind::Verification,
        ][n % 3],
        serde_json::json!({ "n": n, "service": "sip-dokter", "answers": [4, 3, 4, 4, 3, 4, 4, 3, 4, 4] }),
        Some(
            serde_json::json!({ "name": format!("Warga {n}"), "nik": "1872015201900002", "phone": "081234567890" }),
        ),
        if doc_bytes > 0 {
            let mut d = format!("%PDF-1.7 {n}").into_bytes();
            d.resize(doc_bytes, b'.');
            vec![d]
        } else {
            Vec::new()
        },
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn bulk_backlog(kiosk: &Kiosk, n: usize, rng: &mut StdRng) {
    kiosk
        .store()
        .write(|tx| {
            for i in 0..n {
                anjungan_core::outbox::enqueue(tx, &item(i, 0), kiosk.now(), rng)?;
            }
            Ok::<_, anjungan_core::outbox::OutboxError>(())
        })
        .expect("enqueue");
}

fn enqueue_latency(backlog: usize, samples: usize) -> (Duration, Duration, Duration) {
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    let mut rng = StdRng::seed_from_u64(1);
    if backlog > 0 {
        bulk_backlog(&kiosk, backlog, &mut rng);
    }
    let mut times = Vec::with_capacity(samples);
    for i in 0..samples {
        let it = item(backlog + i, 0);
        let t = Instant::now();
        kiosk.enqueue(&it, &mut rng).expect("enqueue");
        times.push(t.elapsed());
    }
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        *times.last().unwrap_or(&Duration::ZERO),
    )
}

async fn drain(items: usize, batch: usize) -> (Duration, usize) {
    let (running, token, _hub_dir, _pool) = hub().await;
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = support::enrolled_kiosk(dir.path(), running.url(), token);
    let mut rng = StdRng::seed_from_u64(3);
    {
        // The outage: items pile up while nothing is sent.
        kiosk
            .store()
            .write(|tx| {
                for i in 0..items {
                    let doc = if i % 100 == 0 { 1024 * 1024 } else { 0 };
                    anjungan_core::outbox::enqueue(tx, &item(i, doc), kiosk.now(), &mut rng)?;
                }
                Ok::<_, anjungan_core::outbox::OutboxError>(())
            })
            .expect("enqueue");
    }
    let config = SyncConfig {
        batch_size: batch,
        ..SyncConfig::default()
    };
    let start = Instant::now();
    let mut delivered = 0;
    loop {
        match sync::cycle(kiosk.context(), &config, &mut rng)
            .await
            .expect("cycle")
        {
            CycleOutcome::Sent { delivered: d, .. } => delivered += d,
            CycleOutcome::Idle { .. } => break,
            // The hub's per-kiosk limit (429 with Retry-After) paces small batches: wait as
            // the kiosk's sync worker does.
            CycleOutcome::Failed { retry_at, error } if error.contains("throttled") => {
                let wait = Duration::try_from(retry_at - kiosk.now()).unwrap_or(Duration::ZERO);
                tokio::time::sleep(wait).await;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let took = start.elapsed();
    running.stop().await;
    (took, delivered)
}

async fn ingestion(items: usize) -> Duration {
    let (running, token, _dir, _pool) = hub().await;
    let client = reqwest::Client::new();
    let mut rng = StdRng::seed_from_u64(4);
    let batches: Vec<ItemBatch> = (0..items / 500)
        .map(|b| ItemBatch {
            items: (0..500)
                .map(|i| {
                    let it = item(b * 500 + i, 0);
                    let (payload, personal) = it.item.to_json();
                    ItemUpload {
                        id: anjungan_core::outbox::new_id(
                            time::OffsetDateTime::now_utc(),
                            &mut rng,
                        ),
                        kind: it.kind(),
                        created_at: "2026-11-29T09:00:00Z".into(),
                        payload,
                        personal,
                        blobs: Vec::new(),
                    }
                })
                .collect(),
        })
        .collect();
    let start = Instant::now();
    for batch in &batches {
        let resp = client
            .post(format!("{}/v1/items", running.url()))
            .bearer_auth(&token)
            .json(batch)
            .send()
            .await
            .expect("post");
        assert!(resp.status().is_success());
    }
    let took = start.elapsed();
    running.stop().await;
    took
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let samples = if quick() { 200 } else { 2000 };
    let backlog = if quick() { 10_000 } else { 100_000 };
    println!("## Enqueue with a durable commit (synchronous=FULL, WAL)\n");
    println!("| backlog | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|");
    for b in [0, backlog] {
        let (p50, p99, max) = enqueue_latency(b, samples);
        println!(
            "| {b} | {samples} | {} | {} | {} |",
            ms(p50),
            ms(p99),
            ms(max)
        );
    }

    let items = if quick() { 1000 } else { 10_000 };
    println!("\n## Drain after an outage: {items} items, 1% with a 1 MB document, local hub\n");
    println!("| batch size | total s | items/s |\n|---|---|---|");
    for batch in [10, 50, 100, 500] {
        let (took, delivered) = drain(items, batch).await;
        // Throttled spells are outages too: the kiosk queues their records along.
        assert!(delivered >= items, "{delivered} of {items}");
        println!(
            "| {batch} | {:.2} | {:.0} |",
            took.as_secs_f64(),
            delivered as f64 / took.as_secs_f64()
        );
    }

    let n = if quick() { 5_000 } else { 50_000 };
    let took = ingestion(n).await;
    println!("\n## Hub ingestion (POST /v1/items, batches of 500, no documents)\n");
    println!(
        "| items | total s | items/s |\n|---|---|---|\n| {n} | {:.2} | {:.0} |",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64()
    );
}
