//! Two hubs on one database behind a load balancer, as a city or province runs them on
//! PostgreSQL (CI runs this file on both engines): every connection may land on either hub.
//!
//! - The same item posted to both hubs at the same instant is stored once: one answer says
//!   `accepted`, the other `duplicate`.
//! - Kiosks delivering through a faulty network to the balanced pair lose nothing and store
//!   nothing twice, with their connections spread across both hubs.

mod support;

use anjungan_core::outbox::NewItem;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_faults::{FaultProxy, Schedule};
use anjungan_wire::api::{BatchResult, ItemBatch, ItemKind, ItemOutcome, ItemUpload};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A second hub server over the first one's data (its own pool: its own connections).
async fn second_hub(hub: &support::Hub) -> anjungan_hub::server::Running {
    let pool = anjungan_hub::testing::open(hub.dir.path())
        .await
        .expect("second pool");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    anjungan_hub::server::spawn(listener, pool, hub.dir.path().to_owned()).expect("spawn")
}

/// A round-robin TCP balancer: each new connection goes to the next upstream.
struct Balancer {
    addr: SocketAddr,
    per_upstream: Arc<[AtomicU64; 2]>,
}

impl Balancer {
    async fn start(upstreams: [SocketAddr; 2]) -> Balancer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let per_upstream = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]);
        let counts = Arc::clone(&per_upstream);
        tokio::spawn(async move {
            let mut next = 0usize;
            while let Ok((mut client, _)) = listener.accept().await {
                let i = next % 2;
                next += 1;
                counts[i].fetch_add(1, Ordering::Relaxed);
                let upstream = upstreams[i];
                tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Balancer { addr, per_upstream }
    }
}

fn upload(id: &str) -> ItemUpload {
    ItemUpload {
        id: id.to_owned(),
        kind: ItemKind::Verification,
        created_at: "2026-11-29T03:00:00Z".into(),
        payload: serde_json::json!({ "date": "2026-11-29", "verdict": "ASLI",
                                     "source": "lists", "lists_age_s": null }),
        personal: None,
        blobs: Vec::new(),
    }
}

async fn post(client: &reqwest::Client, url: &str, token: &str, batch: &ItemBatch) -> ItemOutcome {
    let result: BatchResult = client
        .post(format!("{url}/v1/items"))
        .bearer_auth(token)
        .json(batch)
        .send()
        .await
        .expect("post")
        .error_for_status()
        .expect("2xx")
        .json()
        .await
        .expect("json");
    result.results[0].outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_item_posted_to_both_hubs_at_once_is_stored_once() {
    let hub = support::Hub::start().await;
    let second = second_hub(&hub).await;
    let second_url = second.url();
    let client = reqwest::Client::new();
    let rounds: u16 = 60;
    for n in 0..rounds {
        let id = format!("0193a000-0000-7000-8000-{n:012}");
        let batch = ItemBatch {
            items: vec![upload(&id)],
        };
        let (a, b) = tokio::join!(
            post(&client, &hub.url, &hub.token, &batch),
            post(&client, &second_url, &hub.token, &batch)
        );
        let mut outcomes = [a, b];
        outcomes.sort_by_key(|o| *o as u8);
        assert_eq!(
            outcomes,
            [ItemOutcome::Accepted, ItemOutcome::Duplicate],
            "round {n}"
        );
    }
    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    assert_eq!(stats.items, i64::from(rounds));
    assert_eq!(stats.duplicate_submissions, i64::from(rounds));
}

fn item(kiosk: usize, n: usize) -> NewItem {
    NewItem::demo(
        if n.is_multiple_of(9) {
            ItemKind::Complaint
        } else if n.is_multiple_of(2) {
            ItemKind::Outage
        } else {
            ItemKind::Verification
        },
        serde_json::json!({ "kiosk": kiosk, "n": n }),
        None,
        if n.is_multiple_of(9) {
            vec![format!("%PDF-1.7 kiosk {kiosk} document {n} ")
                .repeat(40)
                .into_bytes()]
        } else {
            Vec::new()
        },
    )
}

fn config() -> SyncConfig {
    support::fast_sync(5, Duration::from_millis(600))
}

/// One kiosk's whole queue through `url`; returns every id it ever queued.
async fn drain(kiosk: anjungan_core::Kiosk, seed: u64, items: Vec<NewItem>) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    for i in &items {
        kiosk.enqueue(i, &mut rng).expect("enqueue");
    }
    let config = config();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "seed {seed}: did not drain");
        match sync::cycle(kiosk.context(), &config, &mut rng)
            .await
            .expect("cycle")
        {
            CycleOutcome::Sent { .. } => continue,
            CycleOutcome::Idle { .. } => {
                let r = sync::report(kiosk.context(), &config).expect("report");
                if r.pending + r.in_flight == 0 {
                    assert_eq!(r.dead, 0, "seed {seed}: nothing is refused");
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            CycleOutcome::Failed { retry_at, .. } => {
                let wait = Duration::try_from(retry_at - kiosk.now()).unwrap_or(Duration::ZERO);
                tokio::time::sleep(wait.min(Duration::from_millis(100))).await;
            }
            CycleOutcome::NotEnrolled => panic!("enrolled above"),
        }
    }
    let conn = kiosk.store().conn();
    let mut stmt = conn.prepare("SELECT id FROM outbox").expect("prepare");
    let ids = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<Vec<String>, _>>()
        .expect("ids");
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kiosks_spread_across_two_hubs_through_faults_lose_and_duplicate_nothing() {
    let hub = support::Hub::start().await;
    let second = second_hub(&hub).await;
    let balancer = Balancer::start([hub.addr, second.addr]).await;
    let kiosks = 3usize;
    let per_kiosk = 40usize;
    let mut runs = Vec::new();
    let mut proxies = Vec::new();
    let dirs: Vec<_> = (0..kiosks)
        .map(|_| tempfile::tempdir().expect("kiosk dir"))
        .collect();
    for (k, dir) in dirs.iter().enumerate() {
        let code = anjungan_hub::trust::enrol(
            &hub.pool,
            &format!("loket-{k}"),
            &mut StdRng::seed_from_u64(200 + k as u64),
        )
        .await
        .expect("enrol");
        let token = code.token.clone();
        let proxy = FaultProxy::start(
            balancer.addr,
            Schedule {
                seed: 100 + k as u64,
                faulty_connections: 40,
                stall: Duration::from_millis(700),
                trickle: Duration::from_millis(3),
            },
        )
        .await
        .expect("proxy");
        let kiosk = support::kiosk_at(dir.path(), proxy.url(), &token);
        let items = (0..per_kiosk).map(|n| item(k, n)).collect();
        proxies.push(proxy);
        runs.push(tokio::spawn(drain(kiosk, 100 + k as u64, items)));
    }
    let mut kiosk_ids = Vec::new();
    for run in runs {
        kiosk_ids.extend(run.await.expect("kiosk run"));
    }
    kiosk_ids.sort();
    assert!(kiosk_ids.len() >= kiosks * per_kiosk);
    assert_eq!(hub.item_ids().await, kiosk_ids, "hub and kiosks disagree");
    let faults: u64 = proxies.iter().map(|p| p.tally.faults()).sum();
    assert!(faults > 0, "the network misbehaved");
    let spread = [
        balancer.per_upstream[0].load(Ordering::Relaxed),
        balancer.per_upstream[1].load(Ordering::Relaxed),
    ];
    assert!(
        spread.iter().all(|&n| n > 10),
        "both hubs served: {spread:?}"
    );
    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    assert_eq!(
        stats.blobs as usize,
        kiosks * (0..per_kiosk).filter(|n| n.is_multiple_of(9)).count()
    );
}
