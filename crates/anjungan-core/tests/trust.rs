//! Nobody can stand in for the hub: a kiosk enrolled with a code trusts the hub's TLS key
//! and the office's root key it names, and nothing else — against real hubs on loopback.

use anjungan_core::clock::ManualClock;
use anjungan_core::Kiosk;
use anjungan_hub::server::{self, Running};
use anjungan_tls::server::Identity;
use anjungan_wire::ipc::{ConnectionState, Verdict};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use time::macros::datetime;

mod support;

fn kiosk(dir: &std::path::Path) -> (Kiosk, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(datetime!(2026-11-29 09:00 UTC)));
    (Kiosk::open(dir, clock.clone()).expect("kiosk"), clock)
}

/// An office's hub with its own data: demo data, HTTPS with `identity` when given.
struct Office {
    dir: tempfile::TempDir,
    pool: anjungan_hub::db::Pool,
    running: Running,
}

impl Office {
    /// A plain-HTTP office whose clock is `clock` (the kiosk's, in a test of time).
    async fn start_at(clock: Arc<ManualClock>) -> Office {
        let dir = tempfile::tempdir().expect("hub dir");
        let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
        anjungan_hub::demo::load(&pool).await.expect("demo");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let now = anjungan_hub::clock::HubClock::from_fn(move || {
            anjungan_core::clock::Clock::now(&*clock)
        });
        let running =
            server::spawn_at(listener, pool.clone(), dir.path().to_owned(), now).expect("spawn");
        Office { dir, pool, running }
    }

    async fn start(tls_from: Option<&std::path::Path>) -> Office {
        let dir = tempfile::tempdir().expect("hub dir");
        let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
        anjungan_hub::demo::load(&pool).await.expect("demo");
        let running = Office::serve(&dir, "127.0.0.1:0", tls_from).await;
        Office { dir, pool, running }
    }

    /// Serves the office's data at `at` (a stopped hub closes its pool, so each start
    /// opens its own).
    async fn serve(
        dir: &tempfile::TempDir,
        at: &str,
        tls_from: Option<&std::path::Path>,
    ) -> Running {
        let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
        let listener = tokio::net::TcpListener::bind(at).await.expect("bind");
        match tls_from {
            Some(cert_dir) => {
                let identity = Identity::load_or_make(cert_dir).expect("identity");
                server::spawn_tls(listener, pool, dir.path().to_owned(), &identity)
                    .await
                    .expect("tls")
            }
            None => server::spawn(listener, pool, dir.path().to_owned()).expect("spawn"),
        }
    }

    async fn code(&self, name: &str) -> String {
        // Every hub here makes its own keys: two offices never share a root.
        anjungan_hub::trust::enrol(&self.pool, name, &mut rand::rngs::OsRng)
            .await
            .expect("code")
            .to_string()
    }

    /// A permit of this office, as its QR's text.
    async fn permit(&self, number: &str) -> String {
        anjungan_hub::permits::issue(
            &self.pool,
            &anjungan_hub::permits::PermitInput {
                number: number.into(),
                kind: "Surat Izin Usaha Perdagangan".into(),
                holder_name: "Toko Maju Jaya".into(),
                nib: None,
                nik: None,
                issued: "2026-11-02".into(),
                valid_until: Some("2031-11-02".into()),
            },
            &self.dir.path().join("out"),
            &self.running.url(),
            &mut rand::rngs::OsRng,
        )
        .await
        .expect("issue")
        .url
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_enrolled_to_a_tls_hub_refuses_a_different_certificate_on_the_same_address() {
    let certs = tempfile::tempdir().expect("certs");
    let office = Office::start(Some(certs.path())).await;
    let url = office.running.url();
    assert!(url.starts_with("https://"));
    let permit = office.permit("503/0001/SIUP/2026").await;
    let dir = tempfile::tempdir().expect("kiosk");
    let (k, _) = kiosk(dir.path());
    let done = k
        .enrol(&url, &office.code("lobby-1").await)
        .await
        .expect("enrol");
    assert!(done.info.pinned);
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);

    // Someone else's certificate on the same address (a fresh key, as an impostor has).
    let addr = office.running.addr.to_string();
    office.running.stop().await;
    let impostor_certs = tempfile::tempdir().expect("impostor");
    let impostor = Office::serve(&office.dir, &addr, Some(impostor_certs.path())).await;
    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Offline);
    let detail = report.detail.expect("a reason");
    assert!(detail.contains("(tls)"), "{detail}");
    assert!(
        detail.contains("not the hub's key"),
        "staff read why: {detail}"
    );
    let mut rng = StdRng::seed_from_u64(1);
    let check = k.check_permit(&permit, &mut rng).await.expect("check");
    assert_eq!(
        check.verdict,
        Verdict::Asli,
        "offline, from the lists it holds: the impostor changed nothing"
    );
    impostor.stop().await;

    // The office renews its certificate: it announces the new key first, kiosks learn it
    // from the signed lists, and then the hub serves it.
    let running = Office::serve(&office.dir, &addr, Some(certs.path())).await;
    let renewed_certs = tempfile::tempdir().expect("renewed");
    let renewed = Identity::load_or_make(renewed_certs.path()).expect("renewed");
    anjungan_hub::trust::announce_pin(&office.pool, &renewed.pin)
        .await
        .expect("announce");
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    running.stop().await;
    let running = Office::serve(&office.dir, &addr, Some(renewed_certs.path())).await;
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);

    // The old key is retired: from the next lists on, a server holding it (a stolen
    // backup) gets no request, not even the kiosk's token, though the enrolment code named it.
    let first = Identity::load_or_make(certs.path()).expect("first");
    anjungan_hub::trust::retire_pin(&office.pool, &first.pin)
        .await
        .expect("retire");
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    running.stop().await;
    let thief = Office::serve(&office.dir, &addr, Some(certs.path())).await;
    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Offline, "{report:?}");
    assert!(report
        .detail
        .is_some_and(|d| d.contains("not the hub's key")));
    thief.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rogue_hub_whose_lists_another_root_signed_cannot_make_any_permit_asli() {
    let office = Office::start(None).await;
    let rogue = Office::start(None).await;
    let forged = rogue.permit("503/0001/SIUP/2026").await;
    let code = office.code("lobby-1").await;

    // Enrolling with the office's code at the rogue's address (with a token the rogue
    // accepts): refused, nothing stored.
    let dir = tempfile::tempdir().expect("kiosk");
    let (k, _) = kiosk(dir.path());
    let mut rogue_code = anjungan_wire::enrolment::EnrolmentCode::parse(&code).expect("code");
    rogue_code.token = anjungan_wire::enrolment::EnrolmentCode::parse(&rogue.code("lobby-1").await)
        .expect("rogue code")
        .token;
    let err = k
        .enrol(&rogue.running.url(), &rogue_code.to_string())
        .await
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("not the hub of the enrolment code"),
        "{err}"
    );
    assert!(k.enrolment().expect("enrolment").is_none());

    // Enrolled with the office; then the rogue answers at the hub's address (plain http on a
    // closed network, a hijacked name): its lists are refused, its permits are not ASLI.
    k.enrol(&office.running.url(), &code).await.expect("enrol");
    let mut e = anjungan_core::enrolment::load(k.store())
        .expect("load")
        .expect("enrolled");
    e.hub_url = rogue.running.url();
    e.token = rogue_code.token.clone();
    anjungan_core::enrolment::save(k.store(), &e).expect("hijack");
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let mut rng = StdRng::seed_from_u64(2);
    let check = k.check_permit(&forged, &mut rng).await.expect("check");
    assert_eq!(check.verdict, Verdict::TidakDikenal);
    let genuine = office.permit("503/0002/SIUP/2026").await;
    assert_eq!(
        k.check_permit(&genuine, &mut rng)
            .await
            .expect("check")
            .verdict,
        Verdict::Asli,
        "the office's lists are still the ones held"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_older_list_is_refused_and_too_old_lists_stop_vouching() {
    let dir = tempfile::tempdir().expect("kiosk");
    let (k, clock) = kiosk(dir.path());
    let office = Office::start_at(clock.clone()).await;
    let permit = office.permit("503/0001/SIUP/2026").await;
    k.enrol(&office.running.url(), &office.code("lobby-1").await)
        .await
        .expect("enrol");
    let old = anjungan_hub::trust::signed_lists(&office.pool, &mut StdRng::seed_from_u64(3))
        .await
        .expect("lists");
    anjungan_hub::permits::revoke(&office.pool, "503/0001/SIUP/2026", "Usaha ditutup")
        .await
        .expect("revoke");
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let mut rng = StdRng::seed_from_u64(4);
    assert_eq!(
        k.check_permit(&permit, &mut rng)
            .await
            .expect("check")
            .verdict,
        Verdict::Dicabut
    );
    // The earlier list, validly signed by the same root, played back: refused.
    let body = serde_json::to_string(&old).expect("json");
    anjungan_core::trust::keep_if_newer(k.store(), None, &body, "2026-11-29T09:00:00Z")
        .expect("keep");
    assert_eq!(
        k.check_permit(&permit, &mut rng)
            .await
            .expect("check")
            .verdict,
        Verdict::Dicabut,
        "the revocation is not undone by a replay"
    );

    // A month and a day without reaching the hub: the lists are too old to vouch.
    let fine = office.permit("503/0002/SIUP/2026").await;
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    clock.advance(time::Duration::days(31));
    let stale = k.check_permit(&fine, &mut rng).await.expect("check");
    assert_eq!(stale.verdict, Verdict::DaftarTerlaluLama);
    assert_eq!(stale.lists_max_age_days, Some(30));
    assert!(stale.lists_age_s.is_some_and(|s| s >= 31 * 86_400));
    // The hub answers again: its lists, signed now, vouch again.
    assert_eq!(k.check_connection().await.state, ConnectionState::Online);
    let again = k.check_permit(&fine, &mut rng).await.expect("check");
    assert_eq!(again.verdict, Verdict::Asli);
    assert!(again.lists_age_s.is_some_and(|s| s < 60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrolling_with_another_office_clears_the_old_hubs_lists_and_says_so() {
    let first = Office::start(None).await;
    let second = Office::start(None).await;
    let dir = tempfile::tempdir().expect("kiosk");
    let (k, _) = kiosk(dir.path());
    let permit = first.permit("503/0001/SIUP/2026").await;
    let done = k
        .enrol(&first.running.url(), &first.code("lobby-1").await)
        .await
        .expect("first");
    assert!(!done.switched_hub);
    // The same office after a root rotation, at a new address: not another hub.
    anjungan_hub::trust::rotate_root(&first.pool, &mut StdRng::seed_from_u64(5))
        .await
        .expect("rotate");
    let moved = Office::serve(&first.dir, "127.0.0.1:0", None).await;
    let again = k
        .enrol(&moved.url(), &first.code("lobby-2").await)
        .await
        .expect("moved");
    assert!(!again.switched_hub, "same office, new address and root");
    let mut rng = StdRng::seed_from_u64(6);
    assert_eq!(
        k.check_permit(&permit, &mut rng)
            .await
            .expect("check")
            .verdict,
        Verdict::Asli
    );

    let done = k
        .enrol(&second.running.url(), &second.code("lobby-1").await)
        .await
        .expect("second");
    assert!(done.switched_hub, "another office's hub");
    assert_eq!(
        k.check_permit(&permit, &mut rng)
            .await
            .expect("check")
            .verdict,
        Verdict::TidakDikenal,
        "the first office's keys are gone with its lists"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_enrolled_before_codes_trusts_no_root_until_staff_confirm_its_fingerprint() {
    let office = Office::start(None).await;
    let rogue = Office::start(None).await;
    let dir = tempfile::tempdir().expect("kiosk");
    let (k, _) = kiosk(dir.path());
    // Enrolled the old way: a token, no root fingerprint (as kiosks before codes were).
    let code =
        anjungan_wire::enrolment::EnrolmentCode::parse(&office.code("lama-1").await).expect("code");
    anjungan_core::enrolment::save(
        k.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: office.running.url(),
            kiosk_id: "k".into(),
            kiosk_name: "lama-1".into(),
            token: code.token.clone(),
            enrolled_at: "2026-01-01T00:00:00Z".into(),
            kiosk_number: None,
            root_fingerprint: None,
            tls_pin: None,
        },
    )
    .expect("old enrolment");
    let report = k.check_connection().await;
    assert_eq!(report.state, ConnectionState::Online);
    assert!(
        report
            .detail
            .is_some_and(|d| d.contains("confirm the root")),
        "staff are told what to do"
    );
    assert!(
        anjungan_core::trust::current(k.store())
            .expect("lists")
            .is_none(),
        "no lists taken on first use"
    );
    // Staff confirm a wrong fingerprint (another office's): the lists stay refused.
    let wrong = anjungan_wire::enrolment::EnrolmentCode::parse(&rogue.code("x").await)
        .expect("code")
        .root_fingerprint;
    k.confirm_root(&wrong).expect("stored");
    let _ = k.check_connection().await;
    assert!(anjungan_core::trust::current(k.store())
        .expect("lists")
        .is_none());
    // The office's own: its lists come, and a fingerprint that does not match them is refused.
    k.confirm_root(&code.root_fingerprint).expect("confirmed");
    let report = k.check_connection().await;
    assert!(report.detail.is_none(), "{report:?}");
    assert!(anjungan_core::trust::current(k.store())
        .expect("lists")
        .is_some());
    assert!(
        k.confirm_root(&wrong).is_err(),
        "the held lists are the office's"
    );
}
