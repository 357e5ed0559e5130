//! The kiosk core against a real hub served on loopback (in-process, real HTTP).

use anjungan_core::clock::ManualClock;
use anjungan_core::{CoreError, Kiosk};
use anjungan_wire::ipc::{ApplicationStatus, ConnectionState, ErrorCode, StaffLoginResult};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use time::macros::datetime;

mod support;

async fn hub() -> support::Hub {
    support::Hub::start().await
}

fn kiosk(dir: &std::path::Path) -> Kiosk {
    let clock = Arc::new(ManualClock::new(datetime!(2026-11-29 09:00 UTC)));
    Kiosk::open(dir, clock).expect("open kiosk")
}

#[tokio::test]
async fn an_enrolled_kiosk_is_online_and_finds_an_application() {
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    assert_eq!(
        k.check_connection().await.state,
        ConnectionState::NotEnrolled
    );

    let info = k
        .enrol(&format!("{}/", hub.url), &hub.code)
        .await
        .expect("enrol")
        .info;
    assert_eq!(info.kiosk_name, "lobby-1");
    assert_eq!(info.hub_url, hub.url, "trailing slash normalised");

    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Online);
    // The office's kiosk list shows when it last reached the hub and the version it runs.
    let listed = anjungan_hub::kiosks::list(&hub.pool).await.expect("list");
    assert_eq!(listed[0].name, "lobby-1");
    assert_eq!(
        listed[0].app_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert!(listed[0].last_seen_at.is_some());
    assert!(
        report.clock_skew_s.is_some(),
        "the hub's clock is compared with ours"
    );

    let found = k.check_status("26 000 00102 0").await.expect("lookup");
    assert_eq!(found.status, ApplicationStatus::VerifikasiBerkas);
    assert_eq!(found.tracking_number, "26-000-00102-0");
    assert_eq!(found.history.len(), 2, "received, then under verification");
    assert_eq!(found.history[0].status, ApplicationStatus::Diterima);
    assert_eq!(found.due_date, None, "not complete yet: no due date");
    assert_eq!(found.source, anjungan_wire::ipc::StatusSource::Hub);
    // Under way since 24 Nov 2026: its due date counts from that day (SLA of reklame).
    let under_way = k.check_status("26-000-00104-8").await.expect("diproses");
    assert_eq!(
        under_way.received_complete_at.as_deref(),
        Some("2026-11-24")
    );
    let due = under_way.due_date.expect("a due date");
    let sla = under_way.sla_working_days.expect("sla");
    let cal = anjungan_calendar::OfficeCalendar::national();
    let start = anjungan_calendar::parse_date("2026-11-24").expect("date");
    assert_eq!(
        due,
        anjungan_calendar::format_date(cal.due_date(start, sla))
    );

    let missing = k.check_status("26-000-99999-1").await.expect_err("unknown");
    assert_eq!(missing.code(), ErrorCode::NotFound);
    let bad = k.check_status("12345").await.expect_err("bad input");
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
    // A mistyped digit is caught by the check digit, before the hub is asked.
    let typo = k.check_status("26-000-00162-0").await.expect_err("typo");
    assert_eq!(typo.code(), ErrorCode::InvalidInput);
    assert!(typo.to_string().contains("mistyped"), "{typo}");
    hub.stop().await;
}

#[tokio::test]
async fn a_wrong_token_does_not_replace_a_working_enrolment() {
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let forged = hub.code.replace(&hub.token, "ajk_forged");
    let err = k.enrol(&hub.url, &forged).await.expect_err("refused");
    assert_eq!(err.code(), ErrorCode::Unauthorized);
    // A bare token, as hubs printed before codes, carries nothing to check the hub by.
    let err = k.enrol(&hub.url, &hub.token).await.expect_err("refused");
    assert!(err.to_string().contains("enrolment code"), "{err}");
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    hub.stop().await;
}

#[tokio::test]
async fn when_the_hub_goes_away_the_kiosk_says_offline_calmly() {
    let hub = hub().await;
    let url = hub.url.clone();
    let code = hub.code.clone();
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&url, &code).await.expect("enrol");
    hub.stop().await;

    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Offline);
    assert!(report.detail.is_some());
    let err = k.check_status("26-000-00101-2").await.expect_err("offline");
    assert_eq!(err.code(), ErrorCode::HubUnreachable);
    assert!(matches!(err, CoreError::Hub(_)));
}

#[tokio::test]
async fn staff_login_goes_through_the_store() {
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    assert_eq!(
        k.staff_login("123456", &mut rand::rngs::OsRng)
            .expect_err("no PIN yet")
            .code(),
        ErrorCode::StaffLocked
    );
    k.init(Some("864209"), &mut StdRng::seed_from_u64(4))
        .expect("init");
    assert_eq!(
        k.staff_login("864209", &mut rand::rngs::OsRng)
            .expect("login"),
        StaffLoginResult::Granted
    );
    assert_eq!(
        k.staff_login("000000", &mut rand::rngs::OsRng)
            .expect("login"),
        StaffLoginResult::Denied { attempts_left: 4 }
    );
}

fn item(
    kind: anjungan_wire::api::ItemKind,
    payload: serde_json::Value,
) -> anjungan_core::outbox::NewItem {
    anjungan_core::outbox::NewItem::demo(
        kind,
        payload,
        Some(serde_json::json!({ "name": "Budi", "nik": "1872010101900001" })),
        Vec::new(),
    )
}

#[tokio::test]
async fn a_refused_item_becomes_a_dead_letter_that_staff_can_retry_and_export() {
    use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(11);
    // Over the hub's per-item limit: refused when saved, so it cannot die later at the hub.
    let huge = "x".repeat(300 * 1024);
    let too_large = k.enqueue(
        &item(ItemKind::Complaint, serde_json::json!({ "text": huge })),
        &mut rng,
    );
    assert!(
        too_large
            .as_ref()
            .is_err_and(|e| e.to_string().contains("larger than the hub's")),
        "{too_large:?}"
    );
    // One the hub refuses for itself (its payload is not an object).
    let bad = k
        .enqueue(
            &item(
                ItemKind::Complaint,
                serde_json::json!(["not", "an", "object"]),
            ),
            &mut rng,
        )
        .expect("enqueue");
    let good = k
        .enqueue(
            &item(ItemKind::Complaint, serde_json::json!({ "text": "ok" })),
            &mut rng,
        )
        .expect("enqueue");

    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    assert_eq!(
        outcome,
        CycleOutcome::Sent {
            delivered: 1,
            dead: 1
        }
    );
    let view = sync::overview(k.context(), &SyncConfig::default()).expect("overview");
    assert_eq!((view.delivered, view.dead, view.pending), (1, 1, 0));
    assert_eq!(view.dead_letters[0].id, bad);
    assert!(
        view.dead_letters[0].reason.contains("JSON object"),
        "{}",
        view.dead_letters[0].reason
    );
    assert_eq!(hub.item_ids().await, vec![good]);

    // Unsent data is never purged: the dead letter keeps its personal fields.
    let personal: Option<String> = k
        .store()
        .conn()
        .query_row("SELECT personal FROM outbox WHERE id = ?1", [&bad], |r| {
            r.get(0)
        })
        .expect("row");
    assert!(personal.is_some());

    let path = sync::export_dead(k.context()).expect("export");
    let exported = std::fs::read_to_string(path).expect("read export");
    assert!(exported.contains(&bad));
    assert!(
        !exported.contains("1872010101900001"),
        "exports carry no personal data"
    );

    k.retry_dead(&bad).expect("retry");
    assert_eq!(
        sync::overview(k.context(), &SyncConfig::default())
            .expect("overview")
            .pending,
        1
    );
    assert!(k.retry_dead("no-such-id").is_err());
}

#[tokio::test]
async fn retry_after_is_honoured_and_an_outage_is_logged_until_the_hub_answers() {
    use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
    use anjungan_wire::api::ItemKind;
    use axum::http::{HeaderValue, StatusCode};

    // A hub that answers 503 with Retry-After: 30.
    let busy = axum::Router::new().fallback(|| async {
        let mut r = axum::response::IntoResponse::into_response(StatusCode::SERVICE_UNAVAILABLE);
        r.headers_mut()
            .insert("retry-after", HeaderValue::from_static("30"));
        r
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, busy).await });

    let dir = tempfile::tempdir().expect("kiosk dir");
    let clock = Arc::new(ManualClock::new(datetime!(2026-11-29 09:00 UTC)));
    let k = Kiosk::open(dir.path(), clock.clone()).expect("kiosk");
    anjungan_core::enrolment::save(
        k.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: url,
            kiosk_id: "k".into(),
            kiosk_name: "lobby".into(),
            token: "t".into(),
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(1),
            root_fingerprint: None,
            tls_pin: None,
        },
    )
    .expect("enrol");
    let mut rng = StdRng::seed_from_u64(12);
    k.enqueue(
        &item(ItemKind::SurveyResponse, serde_json::json!({})),
        &mut rng,
    )
    .expect("enqueue");

    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    let CycleOutcome::Failed { retry_at, .. } = outcome else {
        panic!("expected a failure, got {outcome:?}");
    };
    assert!(retry_at >= datetime!(2026-11-29 09:00:30 UTC), "{retry_at}");
    // Not due yet: nothing is sent before Retry-After.
    clock.advance(time::Duration::seconds(29));
    assert!(matches!(
        sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
            .await
            .expect("cycle"),
        CycleOutcome::Idle { .. }
    ));
    let view = sync::overview(k.context(), &SyncConfig::default()).expect("overview");
    assert_eq!(view.pending, 1);
    assert_eq!(view.outages.len(), 1);
    assert_eq!(view.outages[0].cause, "http_5xx");
    assert!(view.outages[0].ended_at.is_none(), "still ongoing");
}

#[tokio::test]
async fn a_damaged_outbox_row_is_never_sent_in_part_and_stays_whole_as_a_dead_letter() {
    use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(12);
    let damaged = k
        .enqueue(
            &item(ItemKind::Complaint, serde_json::json!({ "text": "a" })),
            &mut rng,
        )
        .expect("enqueue");
    let fine = k
        .enqueue(
            &item(ItemKind::Complaint, serde_json::json!({ "text": "b" })),
            &mut rng,
        )
        .expect("enqueue");
    // A torn write (or a bad disk) leaves the personal part unreadable.
    k.store()
        .conn()
        .execute(
            "UPDATE outbox SET personal = '{\"name\": \"Bud' WHERE id = ?1",
            [&damaged],
        )
        .expect("damage");

    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    assert_eq!(
        outcome,
        CycleOutcome::Sent {
            delivered: 1,
            dead: 0
        }
    );
    assert_eq!(
        hub.item_ids().await,
        vec![fine],
        "the damaged row was not sent"
    );
    let view = sync::overview(k.context(), &SyncConfig::default()).expect("overview");
    assert_eq!(view.dead_letters.len(), 1);
    assert_eq!(view.dead_letters[0].id, damaged);
    assert!(view.dead_letters[0]
        .reason
        .contains("damaged (personal fields)"));
    let personal: Option<String> = k
        .store()
        .conn()
        .query_row(
            "SELECT personal FROM outbox WHERE id = ?1",
            [&damaged],
            |r| r.get(0),
        )
        .expect("row");
    assert_eq!(
        personal.as_deref(),
        Some("{\"name\": \"Bud"),
        "kept as it was"
    );
}

#[tokio::test]
async fn after_a_crash_the_only_sender_resends_at_once_instead_of_waiting_out_dead_leases() {
    use anjungan_core::sync::{self, CycleOutcome, SenderLock, SyncConfig};
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(13);
    for text in ["a", "b", "c"] {
        k.enqueue(
            &item(ItemKind::Complaint, serde_json::json!({ "text": text })),
            &mut rng,
        )
        .expect("enqueue");
    }
    // The process that claimed them died mid-flight: 150 s leases it will never release.
    let now = k.now();
    let claimed =
        anjungan_core::outbox::claim(k.store(), now, now + time::Duration::seconds(150), 10)
            .expect("claim");
    assert_eq!(claimed.len(), 3);
    drop(k);

    // The restarted kiosk takes the sender lock (no live process holds it) and sends now.
    let k = kiosk(dir.path());
    let lock = SenderLock::try_take(k.context()).expect("lock");
    assert!(lock.is_some());
    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    assert_eq!(
        outcome,
        CycleOutcome::Sent {
            delivered: 3,
            dead: 0
        }
    );
    // While it is held, a second sender does not get it (and would not touch its leases).
    let other = kiosk(dir.path());
    assert!(SenderLock::try_take(other.context())
        .expect("try")
        .is_none());
    drop(lock);
    assert!(SenderLock::try_take(other.context())
        .expect("try")
        .is_some());
}

#[tokio::test]
async fn a_revoked_kiosk_keeps_its_queue_says_so_and_delivers_after_a_new_token() {
    use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(14);
    k.enqueue(
        &item(ItemKind::Complaint, serde_json::json!({ "text": "a" })),
        &mut rng,
    )
    .expect("enqueue");

    anjungan_hub::kiosks::revoke(&hub.pool, "lobby-1")
        .await
        .expect("revoke");
    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    assert!(
        matches!(outcome, CycleOutcome::Failed { .. }),
        "{outcome:?}"
    );
    let view = sync::overview(k.context(), &SyncConfig::default()).expect("overview");
    assert_eq!((view.pending, view.dead), (1, 0), "kept, pending, not dead");
    assert_eq!(
        k.check_connection().await.state,
        ConnectionState::Unauthorized,
        "staff see the token refused (re-enrol)"
    );

    let token = anjungan_hub::kiosks::rotate(&hub.pool, "lobby-1", &mut StdRng::seed_from_u64(15))
        .await
        .expect("rotate");
    let code =
        anjungan_hub::trust::enrolment_code(&hub.pool, token, &mut StdRng::seed_from_u64(16))
            .await
            .expect("code")
            .to_string();
    assert!(
        k.enrol(&hub.url, &hub.code).await.is_err(),
        "the old token is dead"
    );
    k.enrol(&hub.url, &code).await.expect("enrol again");
    // Enrolment makes what waited due at once: the next cycle delivers it.
    let outcome = sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
        .await
        .expect("cycle");
    let delivered = match outcome {
        CycleOutcome::Sent { delivered, .. } => delivered,
        other => panic!("{other:?}"),
    };
    assert_eq!(delivered, 1);
}

#[tokio::test]
async fn plain_http_beyond_this_machine_is_refused_with_a_reason_staff_can_act_on() {
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    // No network is touched: the address alone is refused (this test run does not set
    // ANJUNGAN_ALLOW_PLAIN_HTTP).
    let code = format!("anj1.ajk_token.{}.-", "A".repeat(43));
    let err = k
        .enrol("http://10.0.0.1:8730", &code)
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("use https://"), "{err}");
    assert!(k.enrolment().expect("enrolment").is_none(), "nothing saved");

    // An enrolment saved by an older build with such an address: the check says why, and
    // that the link is not secure.
    anjungan_core::enrolment::save(
        k.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: "http://10.0.0.1:8730".into(),
            kiosk_id: "k".into(),
            kiosk_name: "lobby-1".into(),
            token: "ajk_token".into(),
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(1),
            root_fingerprint: None,
            tls_pin: None,
        },
    )
    .expect("save");
    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Offline);
    assert!(report.insecure);
    assert!(report
        .detail
        .is_some_and(|d| d.contains("ANJUNGAN_ALLOW_PLAIN_HTTP")));
}

#[tokio::test]
async fn an_item_whose_document_the_hub_let_go_is_uploaded_again_not_given_up() {
    use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let clock = Arc::new(ManualClock::new(datetime!(2026-11-29 09:00 UTC)));
    let k = Kiosk::open(dir.path(), clock.clone()).expect("kiosk");
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(21);
    let doc = b"%PDF-1.4 a scanned KTP".to_vec();
    k.enqueue(
        &anjungan_core::outbox::NewItem::demo(
            ItemKind::Complaint,
            serde_json::json!({"demo": true}),
            None,
            vec![doc.clone()],
        ),
        &mut rng,
    )
    .expect("enqueue");
    // Uploaded once, and removed by the hub since (unused past its grace).
    anjungan_core::outbox::mark_document_uploaded(
        k.store(),
        &anjungan_core::outbox::sha256_hex(&doc),
    )
    .expect("mark");
    let config = SyncConfig::default();
    assert_eq!(
        sync::cycle(k.context(), &config, &mut rng)
            .await
            .expect("cycle"),
        CycleOutcome::Sent {
            delivered: 0,
            dead: 0
        },
        "not given up"
    );
    clock.advance(time::Duration::minutes(10));
    assert_eq!(
        sync::cycle(k.context(), &config, &mut rng)
            .await
            .expect("cycle"),
        CycleOutcome::Sent {
            delivered: 1,
            dead: 0
        },
        "uploaded again and delivered"
    );
}

#[tokio::test]
async fn the_connection_check_carries_a_heartbeat_and_the_fleet_view_puts_trouble_first() {
    use anjungan_wire::api::ItemKind;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let clock = Arc::new(ManualClock::new(datetime!(2026-11-29 09:00 UTC)));
    let k = Kiosk::open(dir.path(), clock.clone()).expect("kiosk");
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let mut rng = StdRng::seed_from_u64(31);
    k.enqueue(
        &item(ItemKind::Complaint, serde_json::json!({ "text": "ok" })),
        &mut rng,
    )
    .expect("enqueue");
    // A second kiosk enrolled but never switched on.
    hub.code("gudang").await;
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let now = time::OffsetDateTime::now_utc();
    let fleet = anjungan_hub::fleet::list(&hub.pool, now)
        .await
        .expect("fleet");
    assert_eq!(fleet[0].name, "gudang", "trouble first");
    assert_eq!(
        fleet[0].attention,
        [anjungan_hub::fleet::Attention::NeverSeen]
    );
    let lobby = fleet.iter().find(|r| r.name == "lobby-1").expect("lobby");
    let beat = lobby.heartbeat.as_ref().expect("a heartbeat");
    assert_eq!(beat.pending, 1);
    assert_eq!(beat.printer, "none");
    assert!(beat.disk_free_bytes.is_some_and(|b| b > 0));
    assert!(beat.trust_lists_age_s.is_some());
    assert_eq!(lobby.attention, [anjungan_hub::fleet::Attention::NoPrinter]);
    // At most one a minute: the next check within the minute sends none.
    let first = lobby.heartbeat_at.clone();
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let again = anjungan_hub::fleet::list(&hub.pool, now)
        .await
        .expect("fleet");
    let lobby = again.iter().find(|r| r.name == "lobby-1").expect("lobby");
    assert_eq!(lobby.heartbeat_at, first);

    // A printer nobody answers at, found so by the staff's check, and a camera that would
    // not open: the next heartbeat (a minute on) says both, and the fleet view asks for a look.
    k.set_printer("tcp:127.0.0.1:9").expect("printer");
    let checked = k.printer_check().await.expect("check");
    assert_eq!(checked.state, anjungan_wire::receipt::PrintState::Offline);
    k.context()
        .note_camera(anjungan_core::context::CameraState::Unavailable);
    clock.advance(time::Duration::seconds(61));
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let later = anjungan_hub::fleet::list(&hub.pool, now)
        .await
        .expect("fleet");
    let lobby = later.iter().find(|r| r.name == "lobby-1").expect("lobby");
    let beat = lobby.heartbeat.as_ref().expect("a heartbeat");
    assert_eq!(
        (
            beat.printer.as_str(),
            beat.printer_state.as_deref(),
            beat.camera.as_deref()
        ),
        ("tcp", Some("offline"), Some("unavailable"))
    );
    use anjungan_hub::fleet::{Attention, CameraTrouble, PrinterTrouble};
    assert_eq!(
        lobby.attention,
        [
            Attention::Printer {
                state: PrinterTrouble::Offline
            },
            Attention::Camera {
                state: CameraTrouble::Unavailable
            }
        ]
    );
    let page = anjungan_hub::fleet::page(&later, now).expect("page");
    assert!(
        page.contains("printer tidak tersambung") && page.contains("kamera tidak dapat dibuka")
    );
}

#[tokio::test]
async fn the_office_paces_its_kiosks_check_ins_with_jitter_and_a_site_setting_wins() {
    use std::time::Duration;
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    let default = Duration::from_secs(15);
    let mut rng = StdRng::seed_from_u64(41);
    assert_eq!(
        anjungan_core::office::next_check(k.store(), None, default, &mut rng),
        default,
        "no pacing from the office: the kiosk's default, no jitter"
    );
    anjungan_hub::office::set_pacing(
        &hub.pool,
        anjungan_wire::api::Pacing {
            check_every_s: 60,
            jitter_s: 30,
        },
    )
    .await
    .expect("pacing");
    assert!(anjungan_hub::office::set_pacing(
        &hub.pool,
        anjungan_wire::api::Pacing {
            check_every_s: 1,
            jitter_s: 0,
        },
    )
    .await
    .is_err());
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let waits: Vec<Duration> = (0..50)
        .map(|_| anjungan_core::office::next_check(k.store(), None, default, &mut rng))
        .collect();
    assert!(
        waits.iter().all(|w| (60..=90).contains(&w.as_secs())),
        "{waits:?}"
    );
    assert!(
        waits.iter().any(|w| w.as_secs() < 70) && waits.iter().any(|w| w.as_secs() >= 80),
        "spread across the jitter: {waits:?}"
    );
    // The site's own setting wins over the office's interval (the jitter still spreads it).
    let local = anjungan_core::office::next_check(
        k.store(),
        Some(Duration::from_secs(5)),
        default,
        &mut rng,
    );
    assert!((5..=35).contains(&local.as_secs()), "{local:?}");
}
