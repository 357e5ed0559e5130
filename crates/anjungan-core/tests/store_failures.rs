//! A full disk or a read-only store: the enqueue fails with a clear error for the UI, and
//! nothing already saved is harmed — it is still there and still delivered.

mod support;

use anjungan_core::outbox::NewItem;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::api::ItemKind;
use anjungan_wire::ipc::{ErrorCode, IpcError};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;

fn complaint(n: usize, doc: usize) -> NewItem {
    NewItem::demo(
        ItemKind::Complaint,
        serde_json::json!({ "n": n }),
        Some(serde_json::json!({ "phone": "081234567890" })),
        if doc > 0 {
            vec![vec![b'x'; doc]]
        } else {
            Vec::new()
        },
    )
}

fn pending(kiosk: &Kiosk) -> u64 {
    sync::report(kiosk.context(), &SyncConfig::default())
        .expect("report")
        .pending
}

async fn drain(kiosk: &Kiosk) -> usize {
    let mut rng = StdRng::seed_from_u64(3);
    let mut delivered = 0;
    while let CycleOutcome::Sent { delivered: d, .. } =
        sync::cycle(kiosk.context(), &SyncConfig::default(), &mut rng)
            .await
            .expect("cycle")
    {
        delivered += d;
    }
    delivered
}

#[tokio::test]
async fn a_full_disk_refuses_the_new_item_and_keeps_the_old_ones() {
    let hub = support::Hub::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    kiosk.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(1);
    for n in 0..3 {
        kiosk.enqueue(&complaint(n, 0), &mut rng).expect("enqueue");
    }
    {
        let conn = kiosk.store().conn();
        let pages: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .expect("pages");
        conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .expect("cap the file");
    }
    let err = kiosk
        .enqueue(&complaint(9, 256 * 1024), &mut rng)
        .expect_err("disk full");
    let ipc = IpcError::from(err);
    assert_eq!(ipc.code, ErrorCode::Storage);
    assert!(ipc.message.contains("disk is full"), "{}", ipc.message);

    assert_eq!(pending(&kiosk), 3, "the earlier items are intact");
    kiosk.store().integrity_check().expect("integrity");
    assert_eq!(drain(&kiosk).await, 3, "and still delivered");
    assert_eq!(hub.item_ids().await.len(), 3);
}

#[tokio::test]
async fn a_read_only_store_refuses_the_new_item_and_keeps_the_old_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    let mut rng = StdRng::seed_from_u64(2);
    kiosk.enqueue(&complaint(0, 10), &mut rng).expect("enqueue");
    kiosk
        .store()
        .conn()
        .pragma_update(None, "query_only", "ON")
        .expect("read-only");
    let err = kiosk
        .enqueue(&complaint(1, 0), &mut rng)
        .expect_err("read-only");
    assert_eq!(err.code(), ErrorCode::Storage);
    assert_eq!(pending(&kiosk), 1);
    kiosk
        .store()
        .conn()
        .pragma_update(None, "query_only", "OFF")
        .expect("writable again");
    kiosk
        .enqueue(&complaint(2, 0), &mut rng)
        .expect("enqueue works again");
    assert_eq!(pending(&kiosk), 2);
}

#[tokio::test]
async fn an_oversized_document_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let kiosk = Kiosk::open(dir.path(), Arc::new(SystemClock)).expect("kiosk");
    let mut rng = StdRng::seed_from_u64(3);
    let err = kiosk
        .enqueue(
            &complaint(0, anjungan_wire::api::MAX_BLOB_BYTES + 1),
            &mut rng,
        )
        .expect_err("too large");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(pending(&kiosk), 0);
}
