//! A hostile kiosk beside honest ones: a valid token that squats other kiosks' numbers,
//! guesses complaint PINs in parallel, stuffs surveys, floods items and documents, or just
//! holds connections open. Each test is one finding of the third security round, run
//! against a real hub on loopback; each failed before its fix.

mod support;

use anjungan_hub::limits::Limits;
use anjungan_hub::office;
use anjungan_hub::server::ServeOptions;
use std::sync::Arc;
use std::time::Duration;
use support::{application_item, served as hub, tracking};

fn outcome(body: &serde_json::Value, i: usize) -> (&str, &str) {
    (
        body["results"][i]["outcome"].as_str().unwrap_or_default(),
        body["results"][i]["reason"].as_str().unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_gives_only_its_own_numbers_and_a_taken_number_costs_no_citizen_the_item() {
    let hub = hub(ServeOptions::default()).await;
    let honest = hub.kiosk("lobi-1", true).await; // number 1
    let squatter = hub.kiosk("lobi-2", true).await; // number 2
    let stand = hub.kiosk("stand-pasar", false).await; // no number
    let first = tracking(1, 1);

    // Another kiosk's digits, from a numbered or an unnumbered kiosk: refused.
    let (_, body) = hub
        .post(
            &squatter,
            serde_json::json!([application_item(&first, &[])]),
        )
        .await;
    let (o, reason) = outcome(&body, 0);
    assert_eq!(o, "rejected", "{body}");
    assert!(reason.contains("belongs to kiosk 001"), "{reason}");
    let (_, body) = hub
        .post(&stand, serde_json::json!([application_item(&first, &[])]))
        .await;
    let (o, reason) = outcome(&body, 0);
    assert_eq!(o, "rejected");
    assert!(reason.contains("no number"), "{reason}");
    let complaint = hub.sealed_complaint(&squatter, &first, "1234567890").await;
    let (_, body) = hub.post(&squatter, serde_json::json!([complaint])).await;
    assert_eq!(outcome(&body, 0).0, "rejected", "{body}");

    // The honest kiosk's own number is its own.
    let (_, body) = hub
        .post(&honest, serde_json::json!([application_item(&first, &[])]))
        .await;
    assert_eq!(outcome(&body, 0), ("accepted", ""), "{body}");
    assert!(body["results"][0].get("tracking_number").is_none());

    // The same kiosk, its store reset, gives number 1 again to another citizen: the hub
    // keeps that citizen's application under a number of the office's own, never refuses it.
    let (_, body) = hub
        .post(&honest, serde_json::json!([application_item(&first, &[])]))
        .await;
    assert_eq!(outcome(&body, 0).0, "accepted", "{body}");
    let filed = body["results"][0]["tracking_number"]
        .as_str()
        .expect("filed under another number")
        .to_owned();
    assert!(filed.starts_with("26-000-9"), "{filed}");
    let shown = anjungan_hub::applications::show(&hub.pool, &filed)
        .await
        .expect("the second citizen's application");
    let shown = serde_json::to_value(shown).expect("json");
    assert!(
        shown.to_string().contains(&first),
        "the receipt's number is kept beside it: {shown}"
    );
    // ...and tells the kiosk where its sequence stands, so it does not happen again.
    let me: serde_json::Value = hub
        .http
        .get(format!("{}/v1/kiosk/me", hub.running.url()))
        .bearer_auth(&honest)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    assert_eq!(me["last_sequence"], 1, "{me}");
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_pins_cannot_outrun_the_lock_and_the_lock_is_the_guessers_alone() {
    let hub = hub(ServeOptions::default()).await;
    let honest = hub.kiosk("lobi-1", true).await;
    let other = hub.kiosk("lobi-2", true).await;
    let hostile = hub.kiosk("curian", true).await;
    let number = tracking(1, 7);
    let pin = "4815162342";
    let item = hub.sealed_complaint(&honest, &number, pin).await;
    let (_, body) = hub.post(&honest, serde_json::json!([item])).await;
    assert_eq!(outcome(&body, 0).0, "accepted", "{body}");

    // 150 wrong PINs at once, then the right one: every attempt was counted before its PIN
    // was looked at, so the lock holds and the right PIN no longer helps this kiosk.
    let guesses = (0..150).map(|i| {
        let hub = &hub;
        let (hostile, number) = (hostile.clone(), number.clone());
        async move {
            hub.complaint_status(&hostile, &number, &format!("{:010}", i))
                .await
        }
    });
    let statuses = futures_util::future::join_all(guesses).await;
    assert!(
        statuses.iter().all(|s| *s == 404 || *s == 429),
        "{statuses:?}"
    );
    assert_ne!(hub.complaint_status(&hostile, &number, pin).await, 200);
    // The citizen at another kiosk is not locked out by it.
    assert_eq!(hub.complaint_status(&other, &number, pin).await, 200);
    // The hostile kiosk's hourly budget across all numbers ran out on the way.
    let attempts: (i64,) =
        sqlx::query_as("SELECT CAST(coalesce(sum(attempts), 0) AS BIGINT) FROM kiosk_pin_budget")
            .fetch_one(&hub.pool)
            .await
            .expect("budget");
    assert!(
        attempts.0 <= Limits::default().kiosk_pin_attempts_per_hour + 1,
        "{attempts:?}"
    );
    assert_eq!(
        hub.complaint_status(&hostile, &tracking(1, 8), "0000000000")
            .await,
        429,
        "a spent budget is refused before any lookup"
    );
    // A new complaint's PIN has ten digits.
    assert_eq!(anjungan_complaint::pin::new_pin(u64::MAX).len(), 10);
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_survey_rules_hold_at_the_hub_whatever_a_token_sends() {
    let hub = hub(ServeOptions::default()).await;
    let stand = hub.kiosk("stand-pasar", false).await;
    let honest = hub.kiosk("lobi-1", true).await;
    let survey = |source: &str, date: &str, at: &str, code: Option<&str>| {
        serde_json::json!({
            "id": uuid::Uuid::now_v7().to_string(), "kind": "survey_response", "created_at": at,
            "payload": {"visit_id": null, "source": source, "date": date, "submitted_at": at,
                        "answers": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], "suggestion": null,
                        "profile": {}, "skm_code": code},
            "personal": null, "blobs": [],
        })
    };
    // The cool-down between code-less surveys (default 120 s) holds per kiosk.
    let (_, body) = hub
        .post(
            &stand,
            serde_json::json!([
                survey("kiosk", "2026-11-29", "2026-11-29T02:00:00Z", None),
                survey("kiosk", "2026-11-29", "2026-11-29T02:00:30Z", None),
                survey("kiosk", "2026-11-29", "2026-11-29T02:05:00Z", None),
                survey("import", "2025-01-01", "2025-01-01T02:00:00Z", None),
            ]),
        )
        .await;
    let outcomes: Vec<&str> = (0..4).map(|i| outcome(&body, i).0).collect();
    assert_eq!(
        outcomes,
        ["accepted", "rejected", "accepted", "rejected"],
        "{body}"
    );

    // The office takes no survey without a receipt's code.
    office::set_skm_rules(
        &hub.pool,
        &anjungan_wire::ipc::SkmRules {
            allow_unlinked: false,
            unlinked_cooldown_s: 3600,
        },
    )
    .await
    .expect("rules");
    let code = anjungan_skm::code::new_code(77);
    let mut application = application_item(&tracking(1, 3), &[]);
    application["payload"]["skm_code"] = serde_json::Value::from(code.clone());
    let (_, body) = hub.post(&honest, serde_json::json!([application])).await;
    assert_eq!(outcome(&body, 0).0, "accepted", "{body}");
    let forged = anjungan_skm::code::new_code(78);
    let (_, body) = hub
        .post(
            &stand,
            serde_json::json!([
                survey("kiosk", "2026-11-29", "2026-11-29T04:00:00Z", None),
                survey("kiosk", "2026-11-29", "2026-11-29T04:10:00Z", Some(&forged)),
                survey("kiosk", "2026-11-29", "2026-11-29T04:20:00Z", Some(&code)),
                survey("kiosk", "2026-11-29", "2026-11-29T04:30:00Z", Some(&code)),
            ]),
        )
        .await;
    let outcomes: Vec<&str> = (0..4).map(|i| outcome(&body, i).0).collect();
    // A forged code is kept apart and never counts (a real one whose application is still
    // on its way counts once the application arrives).
    assert_eq!(
        outcomes,
        ["rejected", "accepted", "accepted", "accepted"],
        "{body}"
    );
    let s = anjungan_hub::skm::summary(&hub.pool, None, None, None)
        .await
        .expect("summary");
    assert_eq!(
        (s.respondents, s.duplicates),
        (3, 1),
        "two code-less before the rule, one real code (counted once however often sent)"
    );
    // A survey that came before its application counts once the application comes.
    let early = anjungan_skm::code::new_code(79);
    let (_, body) = hub
        .post(
            &stand,
            serde_json::json!([survey(
                "kiosk",
                "2026-11-29",
                "2026-11-29T05:00:00Z",
                Some(&early)
            )]),
        )
        .await;
    assert_eq!(outcome(&body, 0).0, "accepted");
    let count = || async {
        anjungan_hub::skm::summary(&hub.pool, None, None, None)
            .await
            .expect("summary")
            .respondents
    };
    assert_eq!(count().await, 3, "not before");
    let mut application = application_item(&tracking(1, 4), &[]);
    application["payload"]["skm_code"] = serde_json::Value::from(early);
    let (_, body) = hub.post(&honest, serde_json::json!([application])).await;
    assert_eq!(outcome(&body, 0).0, "accepted", "{body}");
    assert_eq!(count().await, 4, "once its application came");
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_past_its_day_waits_and_loses_nothing() {
    let hub = hub(ServeOptions {
        limits: Arc::new(Limits {
            kiosk_items_per_day: 3,
            kiosk_bytes_per_day: 1000,
            ..Limits::default()
        }),
        ..ServeOptions::default()
    })
    .await;
    let flood = hub.kiosk("banjir", false).await;
    let honest = hub.kiosk("lobi-1", true).await;
    let outage = || {
        serde_json::json!({"id": uuid::Uuid::now_v7().to_string(), "kind": "outage",
            "created_at": "2026-11-29T09:00:00Z", "payload": {"demo": true, "cause": "network"},
            "personal": null, "blobs": []})
    };
    let (status, _) = hub
        .post(&flood, serde_json::json!([outage(), outage(), outage()]))
        .await;
    assert_eq!(status, 200);
    let (status, _) = hub.post(&flood, serde_json::json!([outage()])).await;
    assert_eq!(status, 429, "the day's items are spent: wait, not refused");
    assert_eq!(hub.put_blob(&flood, &[1u8; 900]).await, 204);
    assert_eq!(hub.put_blob(&flood, &[2u8; 200]).await, 429);
    // The honest kiosk beside it has its own day.
    let (status, body) = hub.post(&honest, serde_json::json!([outage()])).await;
    assert_eq!((status, outcome(&body, 0).0), (200, "accepted"));
    assert_eq!(hub.put_blob(&honest, &[3u8; 900]).await, 204);
    let _ = &hub.dir;
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessed_tokens_from_one_address_wait_before_any_lookup() {
    let hub = hub(ServeOptions::default()).await;
    let honest = hub.kiosk("lobi-1", true).await;
    let me = |token: String| {
        let hub = &hub;
        async move {
            hub.http
                .get(format!("{}/v1/kiosk/me", hub.running.url()))
                .bearer_auth(token)
                .send()
                .await
                .expect("me")
                .status()
                .as_u16()
        }
    };
    let mut statuses = Vec::new();
    for i in 0..40 {
        statuses.push(me(format!("ajk_{i:064x}")).await);
    }
    assert!(statuses[..20].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429), "{statuses:?}");
    // The same address with a good token waits too (it is one client), other addresses do
    // not: the limit is the guesser's.
    assert_eq!(me(honest.clone()).await, 429);
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_from_one_address_leave_the_hub_to_the_others() {
    // Slots for 100 connections: without a cap per address, 400 idle ones would take them
    // all, and everyone else would wait out the header timeout.
    let hub = hub(ServeOptions {
        max_connections: 100,
        max_connections_per_address: 50,
        header_timeout: Duration::from_secs(2),
        ..ServeOptions::default()
    })
    .await;
    let addr = hub.running.addr;
    // One address opens 400 connections and says nothing.
    let mut idle = Vec::new();
    for _ in 0..400 {
        if let Ok(s) = tokio::net::TcpStream::connect(addr).await {
            idle.push(s);
        }
    }
    // Another address (127.0.0.2 is loopback too) is answered at once.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.2:0".parse().expect("addr"))
        .expect("bind 127.0.0.2");
    let mut other = socket.connect(addr).await.expect("connect");
    let started = std::time::Instant::now();
    tokio::io::AsyncWriteExt::write_all(
        &mut other,
        b"GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n",
    )
    .await
    .expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read_to_end(&mut other, &mut answer),
    )
    .await
    .expect("answered while the idle ones wait")
    .expect("read");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    // The idle ones are closed by the header timeout, or at once past the cap.
    let mut closed = 0;
    for s in &mut idle {
        let mut buf = [0u8; 1];
        if let Ok(Ok(0)) = tokio::time::timeout(
            Duration::from_secs(4),
            tokio::io::AsyncReadExt::read(s, &mut buf),
        )
        .await
        {
            closed += 1;
        }
    }
    assert_eq!(closed, idle.len(), "every idle connection was closed");
    hub.running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_alive_connection_left_idle_is_closed_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let hub = hub(ServeOptions {
        header_timeout: Duration::from_secs(1),
        ..ServeOptions::default()
    })
    .await;
    let mut s = tokio::net::TcpStream::connect(hub.running.addr)
        .await
        .expect("connect");
    s.write_all(b"GET /v1/health HTTP/1.1\r\nHost: hub\r\n\r\n")
        .await
        .expect("write");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("\"ok\"") {
        let n = tokio::time::timeout(Duration::from_secs(2), s.read(&mut buf))
            .await
            .expect("answered")
            .expect("read");
        assert!(n > 0, "closed before answering");
        got.extend_from_slice(&buf[..n]);
    }
    // Kept alive, then nothing: the next request's headers never come.
    let started = std::time::Instant::now();
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("closed by the hub, not left open")
        .unwrap_or(0);
    assert_eq!(n, 0);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    hub.running.stop().await;
}
