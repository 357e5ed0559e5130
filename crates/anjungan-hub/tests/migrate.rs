//! `anjungan-hub migrate`: an office's SQLite hub moves to PostgreSQL whole, checked table by
//! table, and the moved hub serves the same kiosks, records and documents. Runs where the
//! tests have a PostgreSQL (`ANJUNGAN_TEST_POSTGRES`, as in CI).

mod support;

use anjungan_hub::{applications, blobs, complaints, db, demo, items, kiosks, migrate, trust};
use anjungan_wire::api::{ItemBatch, ItemKind, ItemUpload};
use rand::rngs::StdRng;
use rand::SeedableRng;
use sha2::{Digest, Sha256};

/// An application as shown, without the moment it was asked.
async fn shown(pool: &db::Pool, number: &str) -> serde_json::Value {
    let mut v =
        serde_json::to_value(applications::show(pool, number).await.expect("show")).expect("json");
    v.as_object_mut().expect("object").remove("server_time");
    v
}

fn upload(id: &str, blobs: Vec<String>) -> ItemUpload {
    ItemUpload {
        id: id.to_owned(),
        kind: ItemKind::Verification,
        created_at: "2026-11-29T03:00:00Z".into(),
        payload: serde_json::json!({ "date": "2026-11-29", "verdict": "ASLI",
                                     "source": "lists", "lists_age_s": 60 }),
        personal: None,
        blobs,
    }
}

#[tokio::test]
async fn an_office_moves_from_sqlite_to_postgres_whole_and_keeps_working() {
    let target_dir = tempfile::tempdir().expect("dir");
    let Some(target_url) = anjungan_hub::testing::database_url(target_dir.path()) else {
        eprintln!("skipped: set ANJUNGAN_TEST_POSTGRES to migrate into PostgreSQL");
        return;
    };
    // An office's SQLite hub with a bit of everything.
    let dir = tempfile::tempdir().expect("dir");
    let source = db::open(dir.path()).await.expect("sqlite");
    demo::load(&source).await.expect("demo");
    complaints::ensure_key(&source, dir.path())
        .await
        .expect("complaint key");
    let code = trust::enrol(&source, "lobi-1", &mut StdRng::seed_from_u64(5))
        .await
        .expect("enrol");
    let kiosk = kiosks::authenticate(&source, &code.token)
        .await
        .expect("kiosk");
    let document = b"%PDF-1.7 surat pengantar".repeat(30);
    let sha = hex::encode(Sha256::digest(&document));
    blobs::put(
        &source,
        dir.path(),
        &kiosk.id,
        &sha,
        &document,
        &anjungan_hub::limits::Limits {
            kiosk_unreferenced_bytes: i64::MAX,
            kiosk_bytes_per_day: i64::MAX,
            ..anjungan_hub::limits::Limits::default()
        },
        time::OffsetDateTime::now_utc(),
    )
    .await
    .expect("document");
    // An application with the document, and 24 permit checks.
    let number = support::tracking(kiosk.number.expect("numbered"), 1);
    let application: ItemUpload = serde_json::from_value(support::application_item(
        &number,
        &[(sha.as_str(), document.len())],
    ))
    .expect("application");
    let batch = ItemBatch {
        items: std::iter::once(application)
            .chain((1..25).map(|n| {
                let id = format!("0193a000-0000-7000-8000-{n:012}");
                upload(&id, vec![])
            }))
            .collect(),
    };
    items::ingest(
        &source,
        &kiosk.id,
        "lobi-1",
        batch,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .expect("items");
    let listed = applications::list(&source, None).await.expect("list");
    let first = listed
        .first()
        .expect("a demo application")
        .tracking_number
        .clone();
    let shown_before = shown(&source, &first).await;
    let stats_before =
        serde_json::to_value(items::stats(&source).await.expect("stats")).expect("json");
    let root_before = trust::root_fingerprint_now(&source, &mut StdRng::seed_from_u64(1))
        .await
        .expect("root");
    source.close().await;

    let from = format!("sqlite:{}", dir.path().display());
    let out = std::process::Command::new(support::BIN)
        .args(["migrate", "--from", &from, "--to", &target_url])
        .output()
        .expect("run");
    let moved = support::stdout_json(&out);
    assert_eq!(moved["tables"]["items"], 25);
    assert_eq!(moved["tables"]["kiosks"], 1);
    assert_eq!(moved["documents"], 1);
    assert_eq!(moved["document_bytes"], document.len());
    assert!(moved["tables"]["applications"].as_u64() > Some(0));
    assert_eq!(
        moved["tables"].as_object().expect("tables").len(),
        migrate::TABLES.len()
    );

    // The moved hub: same kiosk token, records, document, root key.
    let target = db::connect(&target_url, dir.path())
        .await
        .expect("postgres");
    assert_eq!(db::engine(&target), db::Engine::Postgres);
    kiosks::authenticate(&target, &code.token)
        .await
        .expect("the kiosk's token still works");
    assert_eq!(
        blobs::read(&target, dir.path(), &sha)
            .await
            .expect("document"),
        document
    );
    assert_eq!(
        serde_json::to_value(items::stats(&target).await.expect("stats")).expect("json"),
        stats_before
    );
    assert_eq!(shown(&target, &first).await, shown_before);
    assert_eq!(
        trust::root_fingerprint_now(&target, &mut StdRng::seed_from_u64(1))
            .await
            .expect("root"),
        root_before,
        "kiosks keep trusting the same root"
    );
    // Numbering continues after the copied rows.
    applications::set_status(
        &target,
        &first,
        &applications::Change {
            status: "diproses".into(),
            note: None,
            missing: Vec::new(),
            step: Some("Pemeriksaan lapangan".into()),
            by: "petugas".into(),
            address: None,
        },
        "2026-11-30",
    )
    .await
    .expect("a new history row after the migrated ones");

    // A second move into a hub in use is refused and changes nothing.
    let again = std::process::Command::new(support::BIN)
        .args(["migrate", "--from", &from, "--to", &target_url])
        .output()
        .expect("run");
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already holds data"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}
