//! Crash tests: `anjungan-cli` processes enqueueing and syncing on one store are killed with
//! SIGKILL at random moments, and made to abort at named failpoints. After every restart
//! the store passes `integrity_check`; in the end every item whose enqueue reported success
//! is at the hub exactly once, and the hub holds nothing the kiosk did not queue.
//!
//! Normal run: 100 kills. `ANJUNGAN_LONG=1`: 1,000.

mod support;

use anjungan_core::failpoint;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use support::{cli, enrol, json, Hub, CLI};

const FAST: [&str; 8] = [
    "--backoff-base-ms",
    "5",
    "--backoff-cap-ms",
    "100",
    "--lease-s",
    "1",
    "--batch-size",
    "10",
];

fn spawn(data: &Path, args: &[&str], failpoint: Option<&str>) -> Child {
    let mut cmd = Command::new(CLI);
    cmd.arg("--data")
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(f) = failpoint {
        cmd.env(failpoint::ENV, f);
    }
    cmd.spawn().expect("spawn cli")
}

/// Ids the enqueue child printed: each one was committed before it was printed.
fn printed_ids(child: &mut Child) -> Vec<String> {
    let mut out = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    // A line cut by the kill is not a whole id.
    out.lines()
        .filter(|l| l.len() == 36)
        .map(str::to_owned)
        .collect()
}

async fn integrity_ok(data: &Path) {
    let status = json(&cli(data, &["status", "--json"]).await);
    assert_eq!(status["integrity"], "ok", "{status}");
}

async fn drain(data: &Path) {
    let mut args = vec!["sync", "--until-empty", "--timeout-s", "120"];
    args.extend(FAST);
    let out = cli(data, &args).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn hub_and_kiosk() -> (Hub, tempfile::TempDir) {
    let hub = Hub::start().await;
    let kiosk = tempfile::tempdir().expect("kiosk dir");
    let t = hub.code("crash-kiosk").await;
    let out = enrol(kiosk.path(), &hub.url(), &t).await;
    assert!(out.status.success());
    (hub, kiosk)
}

/// The hub holds exactly what the kiosk queued (each id once, by construction of its
/// primary key), and every acknowledged enqueue is among it.
async fn assert_exactly_once(hub: &Hub, data: &Path, acknowledged: &BTreeSet<String>) {
    let stored: Vec<String> = anjungan_hub::items::ids(&hub.pool).await.expect("ids");
    let stored_set: BTreeSet<String> = stored.iter().cloned().collect();
    assert_eq!(stored.len(), stored_set.len());
    let lost: Vec<&String> = acknowledged.difference(&stored_set).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    let queue = json(&cli(data, &["queue", "--json"]).await);
    assert_eq!(queue["pending"], 0);
    assert_eq!(queue["in_flight"], 0);
    assert_eq!(queue["dead"], 0);
    assert_eq!(
        queue["delivered"].as_u64(),
        Some(stored.len() as u64),
        "hub holds only what the kiosk queued"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_loses_and_duplicates_nothing() {
    let kills = if std::env::var_os("ANJUNGAN_LONG").is_some() {
        1000
    } else {
        100
    };
    let (hub, kiosk) = hub_and_kiosk().await;
    let data = kiosk.path().to_owned();
    let mut rng = StdRng::seed_from_u64(20261129);
    let mut acknowledged = BTreeSet::new();
    let mut sync_args = vec!["sync", "--until-empty", "--timeout-s", "30"];
    sync_args.extend(FAST);
    for _ in 0..kills {
        let mut enqueue = spawn(&data, &["enqueue-demo", "--count", "20"], None);
        let mut sync = spawn(&data, &sync_args, None);
        let delay = Duration::from_millis(rng.gen_range(0..120));
        let kill_sync_first = rng.gen_bool(0.5);
        let (ids, ()) = tokio::task::spawn_blocking(move || {
            std::thread::sleep(delay);
            let (first, second) = if kill_sync_first {
                (&mut sync, &mut enqueue)
            } else {
                (&mut enqueue, &mut sync)
            };
            let _ = first.kill();
            std::thread::sleep(delay / 3);
            let _ = second.kill();
            let _ = enqueue.wait();
            let _ = sync.wait();
            (printed_ids(&mut enqueue), ())
        })
        .await
        .expect("join");
        acknowledged.extend(ids);
        integrity_ok(&data).await;
    }
    drain(&data).await;
    integrity_ok(&data).await;
    assert!(
        acknowledged.len() >= kills,
        "the kills must not all land before any commit"
    );
    assert_exactly_once(&hub, &data, &acknowledged).await;
    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    println!(
        "crash test: {kills} SIGKILLs, {} acknowledged enqueues, {} items at the hub, {} duplicate submissions absorbed",
        acknowledged.len(),
        stats.items,
        stats.duplicate_submissions
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn named_failpoints_lose_and_duplicate_nothing() {
    if !failpoint::ENABLED {
        panic!("a release build needs --features anjungan-core/failpoints (scripts/soak)");
    }
    let (hub, kiosk) = hub_and_kiosk().await;
    let data = kiosk.path().to_owned();
    let mut acknowledged = BTreeSet::new();

    // Before the commit: the enqueue did not happen and reported nothing.
    let mut c = spawn(
        &data,
        &["enqueue-demo", "--count", "1"],
        Some(failpoint::BEFORE_ENQUEUE_COMMIT),
    );
    assert!(!c.wait().expect("wait").success());
    assert!(printed_ids(&mut c).is_empty());
    integrity_ok(&data).await;
    assert_eq!(json(&cli(&data, &["queue", "--json"]).await)["pending"], 0);

    // After the commit, before success was reported: the item exists and will be sent.
    let mut c = spawn(
        &data,
        &["enqueue-demo", "--count", "1"],
        Some(failpoint::AFTER_ENQUEUE_COMMIT),
    );
    assert!(!c.wait().expect("wait").success());
    assert!(printed_ids(&mut c).is_empty());
    integrity_ok(&data).await;
    assert_eq!(json(&cli(&data, &["queue", "--json"]).await)["pending"], 1);

    let out = cli(&data, &["enqueue-demo", "--count", "10"]).await;
    acknowledged.extend(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned),
    );

    // The hub has the batch but the kiosk dies before reading the answer, then again
    // after reading it but before marking: both times the batch is sent again.
    let mut once = vec!["sync", "--once"];
    once.extend(FAST);
    for point in [
        failpoint::AFTER_SEND_BEFORE_RESPONSE,
        failpoint::AFTER_ACK_BEFORE_MARK,
    ] {
        let mut c = spawn(&data, &once, Some(point));
        assert!(!c.wait().expect("wait").success(), "{point} must abort");
        integrity_ok(&data).await;
        // The leases of the dead sender run out before the batch is sent again.
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    drain(&data).await;
    assert_exactly_once(&hub, &data, &acknowledged).await;
    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    assert!(
        stats.duplicate_submissions > 0,
        "the resends were absorbed as duplicates"
    );
    assert_eq!(
        stats.items, 11,
        "10 acknowledged + the one committed before its report"
    );
}
