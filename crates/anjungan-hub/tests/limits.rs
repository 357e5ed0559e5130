//! The hub under abuse, served for real on loopback: slow clients, too many connections,
//! floods of the public pages and a runaway kiosk cannot take the hub from the others.

mod support;

use anjungan_hub::limits::{Buckets, Limits};
use anjungan_hub::server::{self, ServeOptions};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn hub(options: ServeOptions) -> (server::Running, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let token = anjungan_hub::kiosks::enrol(&pool, "lobby-1", &mut rand::rngs::OsRng)
        .await
        .expect("enrol");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let running =
        server::spawn_with(listener, pool, dir.path().to_owned(), options).expect("spawn");
    (running, dir, token)
}

/// Reads until the hub closes the connection (or `limit` passes): what it sent.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_client_is_dropped_and_holds_no_slot_for_long() {
    let (running, _dir, _) = hub(ServeOptions {
        header_timeout: Duration::from_millis(800),
        body_timeout: Duration::from_millis(800),
        max_connections: 2,
        ..ServeOptions::default()
    })
    .await;
    let addr = running.addr;
    // Two clients that connect and say nothing take both slots...
    let mut idle_a = TcpStream::connect(addr).await.expect("a");
    let mut idle_b = TcpStream::connect(addr).await.expect("b");
    idle_a
        .write_all(b"GET /v1/health HTTP/1.1\r\nHost: hub\r\n")
        .await
        .expect("half");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let url = format!("{}/v1/health", running.url());
    assert!(http.get(&url).send().await.is_err(), "a third waits");
    // ...until their headers are overdue: both are dropped, and the third is served.
    assert!(until_closed(&mut idle_a, Duration::from_secs(5))
        .await
        .is_some());
    assert!(until_closed(&mut idle_b, Duration::from_secs(5))
        .await
        .is_some());
    let ok = reqwest::get(&url).await.expect("served");
    assert_eq!(ok.status(), 200);

    // A body that stops coming is not waited for.
    let mut slow = TcpStream::connect(addr).await.expect("slow");
    slow.write_all(
        format!(
            "PUT /v1/blobs/{} HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\nonly a little",
            "0".repeat(64)
        )
        .as_bytes(),
    )
    .await
    .expect("part");
    let answer = until_closed(&mut slow, Duration::from_secs(5))
        .await
        .expect("closed, not waited for");
    let answer = String::from_utf8_lossy(&answer);
    assert!(!answer.starts_with("HTTP/1.1 2"), "{answer}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_are_answered_429_with_retry_after_and_kiosks_keep_their_own_budget() {
    let limits = Arc::new(Limits {
        public: Buckets::new(5, 0.1),
        kiosk: Buckets::new(8, 0.1),
        ..Limits::default()
    });
    let (running, _dir, token) = hub(ServeOptions {
        limits: Arc::clone(&limits),
        ..ServeOptions::default()
    })
    .await;
    let http = reqwest::Client::new();
    let page = format!("{}/s/sip-dokter", running.url());
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let resp = http.get(&page).send().await.expect("page");
        statuses.push(resp.status().as_u16());
        if resp.status() == 429 {
            let wait: u64 = resp.headers()["retry-after"]
                .to_str()
                .expect("ascii")
                .parse()
                .expect("seconds");
            assert!((1..=10).contains(&wait), "{wait}");
        }
    }
    assert_eq!(&statuses[5..], [429, 429], "{statuses:?}");
    // The flood of pages does not touch the kiosk's API budget.
    let me = format!("{}/v1/kiosk/me", running.url());
    for _ in 0..8 {
        let r = http.get(&me).bearer_auth(&token).send().await.expect("me");
        assert_eq!(r.status(), 200);
    }
    // A runaway kiosk is slowed down, with a time to come back.
    let r = http.get(&me).bearer_auth(&token).send().await.expect("me");
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    running.stop().await;
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_has_a_quota_of_unused_documents_and_unused_ones_go_after_the_grace() {
    let limits = Arc::new(Limits {
        kiosk_unreferenced_bytes: 1000,
        ..Limits::default()
    });
    let (running, dir, token) = hub(ServeOptions {
        limits,
        ..ServeOptions::default()
    })
    .await;
    let http = reqwest::Client::new();
    let put = |bytes: Vec<u8>| {
        let (http, url, token) = (http.clone(), running.url(), token.clone());
        async move {
            http.put(format!("{url}/v1/blobs/{}", sha(&bytes)))
                .bearer_auth(&token)
                .body(bytes)
                .send()
                .await
                .expect("put")
        }
    };
    let used = vec![1u8; 600];
    let unused = vec![2u8; 300];
    assert_eq!(put(used.clone()).await.status(), 204);
    assert_eq!(put(unused.clone()).await.status(), 204);
    // 900 bytes no item references: another 300 would pass the quota.
    let over = put(vec![3u8; 300]).await;
    assert_eq!(over.status(), 429);
    assert!(over.headers().contains_key("retry-after"));
    let post = |items: serde_json::Value| {
        let (http, url, token) = (http.clone(), running.url(), token.clone());
        async move {
            let r = http
                .post(format!("{url}/v1/items"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "items": items }))
                .send()
                .await
                .expect("items");
            r.json::<serde_json::Value>().await.expect("json")
        }
    };
    // A junk item cannot name the documents to free the quota for more: only an
    // application's or complaint's own documents are kept for an item.
    let junk = serde_json::json!([{
        "id": uuid::Uuid::now_v7().to_string(), "kind": "verification", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"date": "2026-11-29", "verdict": "ASLI", "source": "lists", "lists_age_s": 1},
        "personal": null, "blobs": [sha(&used)]}]);
    let body = post(junk).await;
    assert_eq!(body["results"][0]["outcome"], "rejected", "{body}");
    assert!(body["results"][0]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("only applications and complaints")));
    assert_eq!(
        put(vec![3u8; 300]).await.status(),
        429,
        "the quota stays taken"
    );
    // A synthetic complaint (no sealed parts) may name it, and is stored: but it holds no
    // document for the quota either.
    let synthetic = serde_json::json!([{
        "id": uuid::Uuid::now_v7().to_string(), "kind": "complaint", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"demo": true}, "personal": null, "blobs": [sha(&used)]}]);
    let body = post(synthetic).await;
    assert_eq!(body["results"][0]["outcome"], "accepted", "{body}");
    assert_eq!(
        put(vec![3u8; 300]).await.status(),
        429,
        "the quota stays taken"
    );
    // An application references the first document: its bytes no longer count.
    let used_sha = sha(&used);
    let body = post(serde_json::json!([support::application_item(
        &support::tracking(1, 1),
        &[(used_sha.as_str(), used.len())]
    )]))
    .await;
    assert_eq!(body["results"][0]["outcome"], "accepted", "{body}");
    assert_eq!(put(vec![3u8; 300]).await.status(), 204, "quota freed");
    // A document only a synthetic item names holds nothing: it goes with the rest.
    let junk = vec![4u8; 100];
    assert_eq!(put(junk.clone()).await.status(), 204);
    let named = serde_json::json!([{
        "id": uuid::Uuid::now_v7().to_string(), "kind": "complaint", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"demo": true}, "personal": null, "blobs": [sha(&junk)]}]);
    assert_eq!(post(named).await["results"][0]["outcome"], "accepted");

    // After the grace, the documents no record holds go, files and all.
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(8);
    let done = anjungan_hub::blobs::collect_unused(
        &pool,
        dir.path(),
        later - anjungan_hub::blobs::UNUSED_GRACE,
    )
    .await
    .expect("collect");
    assert_eq!((done.documents, done.bytes), (3, 700));
    let held = |bytes: Vec<u8>| {
        let pool = pool.clone();
        let dir = dir.path().to_owned();
        async move {
            anjungan_hub::blobs::read(&pool, &dir, &sha(&bytes))
                .await
                .is_ok()
        }
    };
    assert!(held(used.clone()).await, "referenced: kept");
    assert!(!held(unused.clone()).await, "unreferenced: gone");
    // An item that names a removed document is not given up: the kiosk is told which.
    let unused_sha = sha(&unused);
    let body = post(serde_json::json!([support::application_item(
        &support::tracking(1, 2),
        &[(unused_sha.as_str(), unused.len())]
    )]))
    .await;
    assert_eq!(
        body["results"][0]["missing_documents"][0],
        sha(&unused),
        "{body}"
    );
    running.stop().await;
}
