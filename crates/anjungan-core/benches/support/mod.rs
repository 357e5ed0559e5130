//! A hub with one enrolled kiosk on loopback, for the benchmarks.

use rand::rngs::StdRng;
use rand::SeedableRng;

pub async fn hub() -> (
    anjungan_hub::server::Running,
    String,
    tempfile::TempDir,
    sqlx::SqlitePool,
) {
    let dir = tempfile::tempdir().expect("dir");
    let pool = anjungan_hub::db::open(dir.path()).await.expect("db");
    let token = anjungan_hub::kiosks::enrol(&pool, "bench", &mut StdRng::seed_from_u64(2))
        .await
        .expect("enrol");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let running =
        anjungan_hub::server::spawn(listener, pool.clone(), dir.path().to_owned()).expect("spawn");
    (running, token, dir, pool)
}

/// A kiosk in `dir` enrolled with the hub at `url` (kiosk number 1). Not every bench uses it.
#[allow(dead_code)]
pub fn enrolled_kiosk(dir: &std::path::Path, url: String, token: String) -> anjungan_core::Kiosk {
    let kiosk = anjungan_core::Kiosk::open(dir, std::sync::Arc::new(anjungan_core::SystemClock))
        .expect("kiosk");
    anjungan_core::enrolment::save(
        kiosk.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: url,
            kiosk_id: "k".into(),
            kiosk_name: "bench".into(),
            token,
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(1),
        },
    )
    .expect("enrol");
    kiosk
}
