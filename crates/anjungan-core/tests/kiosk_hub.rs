//! The kiosk core against a real hub served on loopback (in-process, real HTTP).

use anjungan_core::clock::ManualClock;
use anjungan_core::{CoreError, Kiosk};
use anjungan_wire::ipc::{ApplicationStatus, ConnectionState, ErrorCode, StaffLoginResult};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use time::macros::datetime;
use tokio::sync::oneshot;

struct Hub {
    url: String,
    token: String,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Hub {
    async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
    }
}

async fn hub() -> Hub {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = anjungan_hub::db::open(dir.path()).await.expect("db");
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let token = anjungan_hub::kiosks::enrol(&pool, "lobby-1", &mut StdRng::seed_from_u64(9))
        .await
        .expect("enrol");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        anjungan_hub::server::serve(listener, pool, async {
            let _ = rx.await;
        })
        .await
        .expect("serve");
    });
    Hub {
        url,
        token,
        stop: Some(tx),
        task,
        _dir: dir,
    }
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
        .enrol(&format!("{}/", hub.url), &hub.token)
        .await
        .expect("enrol");
    assert_eq!(info.kiosk_name, "lobby-1");
    assert_eq!(info.hub_url, hub.url, "trailing slash normalised");

    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Online);
    assert!(
        report.clock_skew_s.is_some(),
        "the hub's clock is compared with ours"
    );

    let found = k.check_status("2026 000102").await.expect("lookup");
    assert_eq!(found.status, ApplicationStatus::Diverifikasi);
    assert_eq!(found.tracking_number, "2026-000102");

    let missing = k.check_status("2026-999999").await.expect_err("unknown");
    assert_eq!(missing.code(), ErrorCode::NotFound);
    let bad = k.check_status("12345").await.expect_err("bad input");
    assert_eq!(bad.code(), ErrorCode::InvalidInput);
    hub.stop().await;
}

#[tokio::test]
async fn a_wrong_token_does_not_replace_a_working_enrolment() {
    let hub = hub().await;
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&hub.url, &hub.token).await.expect("enrol");
    let err = k.enrol(&hub.url, "ajk_forged").await.expect_err("refused");
    assert_eq!(err.code(), ErrorCode::Unauthorized);
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    hub.stop().await;
}

#[tokio::test]
async fn when_the_hub_goes_away_the_kiosk_says_offline_calmly() {
    let hub = hub().await;
    let url = hub.url.clone();
    let token = hub.token.clone();
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    k.enrol(&url, &token).await.expect("enrol");
    hub.stop().await;

    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Offline);
    assert!(report.detail.is_some());
    let err = k.check_status("2026-000101").await.expect_err("offline");
    assert_eq!(err.code(), ErrorCode::HubUnreachable);
    assert!(matches!(err, CoreError::Hub(_)));
}

#[tokio::test]
async fn staff_login_goes_through_the_store() {
    let dir = tempfile::tempdir().expect("kiosk dir");
    let k = kiosk(dir.path());
    assert_eq!(
        k.staff_login("123456").expect_err("no PIN yet").code(),
        ErrorCode::StaffLocked
    );
    k.init(Some("864209"), &mut StdRng::seed_from_u64(4))
        .expect("init");
    assert_eq!(
        k.staff_login("864209").expect("login"),
        StaffLoginResult::Granted
    );
    assert_eq!(
        k.staff_login("000000").expect("login"),
        StaffLoginResult::Denied { attempts_left: 4 }
    );
}
