//! A reverse proxy between the kiosk and the hub with a body size limit: a batch it refuses
//! with 413 is split down to single items; an item or a document too large even alone is held
//! pending (never a dead letter) with a message staff can act on, and everything else keeps
//! flowing. Once the limit is raised, the held items go too.

mod support;

use anjungan_core::outbox::NewItem;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::Kiosk;
use anjungan_faults::Fault;
use anjungan_wire::api::ItemKind;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::time::Duration;

fn config() -> SyncConfig {
    let mut c = SyncConfig {
        batch_size: 50,
        ..SyncConfig::default()
    };
    c.backoff.base = Duration::from_millis(2);
    c.backoff.cap = Duration::from_millis(300);
    c
}

fn complaint(text: String, documents: Vec<Vec<u8>>) -> NewItem {
    NewItem::demo(
        ItemKind::Complaint,
        serde_json::json!({ "text": text }),
        None,
        documents,
    )
}

/// Cycles until nothing is due; returns (delivered, dead, pending).
async fn drain(kiosk: &Kiosk, config: &SyncConfig, rng: &mut StdRng) -> (u64, u64, u64) {
    for _ in 0..200 {
        match sync::cycle(kiosk.context(), config, rng)
            .await
            .expect("cycle")
        {
            CycleOutcome::Sent { .. } => continue,
            CycleOutcome::Idle { .. } | CycleOutcome::Failed { .. } => break,
            CycleOutcome::NotEnrolled => panic!("enrolled"),
        }
    }
    let r = sync::report(kiosk.context(), config).expect("report");
    (r.delivered, r.dead, r.pending + r.in_flight)
}

fn last_errors(kiosk: &Kiosk) -> Vec<String> {
    let conn = kiosk.store().conn();
    let mut stmt = conn
        .prepare("SELECT last_error FROM outbox WHERE state = 'pending' ORDER BY created_at")
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, Option<String>>(0))
        .expect("query")
        .map(|r| r.expect("row").unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_body_limit_splits_batches_and_holds_only_what_is_too_large() {
    let hub = support::Hub::start().await;
    let proxy = support::clean_proxy(&hub).await;
    proxy.set_body_limit(Some(48 * 1024));
    let dir = tempfile::tempdir().expect("kiosk dir");
    let kiosk = support::kiosk_at(dir.path(), proxy.url(), &hub.token);
    let mut rng = StdRng::seed_from_u64(3);
    // 20 ordinary items of 4 KB each: together over the limit, each well under it.
    for n in 0..20 {
        kiosk
            .enqueue(
                &complaint(format!("{n} {}", "x".repeat(4000)), vec![]),
                &mut rng,
            )
            .expect("enqueue");
    }
    // One item too large even alone, and one with a document too large for the path.
    kiosk
        .enqueue(&complaint("y".repeat(60 * 1024), vec![]), &mut rng)
        .expect("enqueue");
    kiosk
        .enqueue(
            &complaint("with a scan".into(), vec![vec![7u8; 1536 * 1024]]),
            &mut rng,
        )
        .expect("enqueue");
    let config = config();

    let (delivered, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((delivered, dead, pending), (20, 0, 2), "the rest flowed");
    assert!(
        proxy.tally.get(Fault::BodyTooLarge) >= 3,
        "batches were split"
    );
    let errors = last_errors(&kiosk);
    assert_eq!(errors.len(), 2);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("an item of 61 KB (HTTP 413)")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("a document of 1.5 MB (HTTP 413): raise the proxy's body limit")),
        "{errors:?}"
    );
    assert_eq!(hub.item_ids().await.len(), 20);
    // Staff see both in the delivery view's waiting list, with the reason.
    let view = sync::overview(kiosk.context(), &config).expect("overview");
    assert_eq!(view.waiting.len(), 2);
    assert!(view.waiting.iter().all(|w| w.reason.contains("HTTP 413")));

    // Held, not busy-looping: a cycle right away sends nothing.
    let before = proxy.connections();
    let _ = sync::cycle(kiosk.context(), &config, &mut rng)
        .await
        .expect("cycle");
    assert_eq!(proxy.connections(), before);

    // The office raises the proxy's limit: the held items go.
    proxy.set_body_limit(None);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (delivered, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((delivered, dead, pending), (22, 0, 0));
    assert_eq!(hub.item_ids().await.len(), 22);
}

#[tokio::test]
async fn an_outage_ends_when_delivery_works_again_not_when_the_hub_merely_answers() {
    let hub = support::Hub::start().await;
    let proxy = support::clean_proxy(&hub).await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let kiosk = support::kiosk_at(dir.path(), proxy.url(), &hub.token);
    let mut rng = StdRng::seed_from_u64(4);
    kiosk
        .enqueue(&complaint("tolong".into(), vec![]), &mut rng)
        .expect("enqueue");
    let config = config();
    let open_outages = || -> i64 {
        kiosk
            .store()
            .conn()
            .query_row(
                "SELECT count(*) FROM outages WHERE ended_ms IS NULL",
                [],
                |r| r.get(0),
            )
            .expect("outages")
    };

    // The hub's write path fails; its reads still answer.
    proxy.set_fail_writes(true);
    let outcome = sync::cycle(kiosk.context(), &config, &mut rng)
        .await
        .expect("cycle");
    assert!(
        matches!(outcome, CycleOutcome::Failed { .. }),
        "{outcome:?}"
    );
    assert_eq!(open_outages(), 1);
    let failures = sync::report(kiosk.context(), &config)
        .expect("report")
        .consecutive_failures;

    // The connection check's whoami works: Online, but the outage and the backoff stand.
    let report = kiosk.check_connection().await;
    assert_eq!(report.state, anjungan_wire::ipc::ConnectionState::Online);
    assert_eq!(open_outages(), 1, "a whoami does not end the outage");
    assert_eq!(
        sync::report(kiosk.context(), &config)
            .expect("report")
            .consecutive_failures,
        failures,
        "nor reset the backoff"
    );

    // Delivery works again: that ends it.
    proxy.set_fail_writes(false);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (delivered, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((dead, pending), (0, 0));
    assert!(delivered >= 1);
    assert_eq!(open_outages(), 0);
}

#[tokio::test]
async fn held_items_go_at_once_when_staff_press_send_now_or_the_path_takes_a_large_document() {
    let hub = support::Hub::start().await;
    let proxy = support::clean_proxy(&hub).await;
    proxy.set_body_limit(Some(256 * 1024));
    let dir = tempfile::tempdir().expect("kiosk dir");
    let kiosk = support::kiosk_at(dir.path(), proxy.url(), &hub.token);
    let mut rng = StdRng::seed_from_u64(5);
    // A held item waits at least a minute between tries (the backoff's cap).
    let mut config = config();
    config.backoff.cap = Duration::from_secs(60);
    for n in 0..2 {
        kiosk
            .enqueue(
                &complaint(format!("scan {n}"), vec![vec![n as u8; 512 * 1024]]),
                &mut rng,
            )
            .expect("enqueue");
    }
    let (_, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((dead, pending), (0, 2), "held for their size");

    // The office raises the limit; the next citizen's large scan goes through, and with it
    // the held ones, without waiting out their minute.
    proxy.set_body_limit(None);
    kiosk
        .enqueue(
            &complaint("scan 2".into(), vec![vec![9u8; 600 * 1024]]),
            &mut rng,
        )
        .expect("enqueue");
    let (delivered, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((delivered, dead, pending), (3, 0, 0));

    // Held again behind a new limit, "Kirim sekarang" sends them as soon as it is raised.
    proxy.set_body_limit(Some(256 * 1024));
    kiosk
        .enqueue(
            &complaint("scan 3".into(), vec![vec![3u8; 512 * 1024]]),
            &mut rng,
        )
        .expect("enqueue");
    let (_, _, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!(pending, 1);
    proxy.set_body_limit(None);
    let (_, _, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!(pending, 1, "without it, the held item waits its minute");
    assert_eq!(kiosk.send_now().expect("send now"), 1);
    let (delivered, dead, pending) = drain(&kiosk, &config, &mut rng).await;
    assert_eq!((delivered, dead, pending), (4, 0, 0));
}
