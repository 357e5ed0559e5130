//! The hub under abuse, served for real on loopback: slow clients, too many connections,
//! floods of the public pages and a runaway kiosk cannot take the hub from the others.

use anjungan_hub::limits::{Buckets, Limits};
use anjungan_hub::server::{self, ServeOptions};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn hub(options: ServeOptions) -> (server::Running, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::db::open(dir.path()).await.expect("db");
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
