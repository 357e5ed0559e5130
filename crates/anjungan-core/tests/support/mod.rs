//! A real hub on loopback for the kiosk's tests: in-process, real HTTP, real SQLite.

#![allow(dead_code)]

use anjungan_hub::clock::HubClock;
use anjungan_hub::server::{self, Running};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::net::SocketAddr;

pub struct Hub {
    pub url: String,
    pub addr: SocketAddr,
    /// The kiosk's bearer token.
    pub token: String,
    /// Its enrolment code (the token with the hub's fingerprints), what `Kiosk::enrol` takes.
    pub code: String,
    pub pool: anjungan_hub::db::Pool,
    running: Running,
    pub dir: tempfile::TempDir,
}

impl Hub {
    pub async fn start() -> Hub {
        Hub::start_at(HubClock::system()).await
    }

    /// A hub whose clock says `clock`: for items dated by a fixed clock (a fixture), so they
    /// stay inside the hub's window in any year the tests run.
    pub async fn start_at(clock: HubClock) -> Hub {
        let dir = tempfile::tempdir().expect("tempdir");
        let (running, pool) = server::spawn_demo_at(dir.path(), clock).await.expect("hub");
        let code = anjungan_hub::trust::enrol(&pool, "lobby-1", &mut StdRng::seed_from_u64(9))
            .await
            .expect("enrol");
        Hub::around(running, pool, code.to_string(), dir)
    }

    /// A hub with `limits` (the per-kiosk quotas) instead of the defaults.
    pub async fn start_limited(limits: anjungan_hub::limits::Limits) -> Hub {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = server::ServeOptions {
            limits: std::sync::Arc::new(limits),
            ..server::ServeOptions::default()
        };
        let (running, pool) = server::spawn_demo_with(dir.path(), options)
            .await
            .expect("hub");
        let code = anjungan_hub::trust::enrol(&pool, "lobby-1", &mut StdRng::seed_from_u64(9))
            .await
            .expect("enrol");
        Hub::around(running, pool, code.to_string(), dir)
    }

    /// Enrols another kiosk and returns its enrolment code.
    pub async fn code(&self, name: &str) -> String {
        anjungan_hub::trust::enrol(&self.pool, name, &mut StdRng::seed_from_u64(11))
            .await
            .expect("enrol")
            .to_string()
    }

    fn around(
        running: Running,
        pool: anjungan_hub::db::Pool,
        code: String,
        dir: tempfile::TempDir,
    ) -> Hub {
        let token = anjungan_wire::enrolment::EnrolmentCode::parse(&code)
            .expect("a code")
            .token;
        Hub {
            url: running.url(),
            addr: running.addr,
            token,
            code,
            pool,
            running,
            dir,
        }
    }

    async fn serve(
        dir: tempfile::TempDir,
        pool: anjungan_hub::db::Pool,
        code: String,
        at: &str,
    ) -> Hub {
        let listener = tokio::net::TcpListener::bind(at).await.expect("bind");
        let running = server::spawn(listener, pool.clone(), dir.path().to_owned()).expect("spawn");
        Hub::around(running, pool, code, dir)
    }

    /// Stops serving and returns what is needed to start again on the same address.
    pub async fn stop(self) -> StoppedHub {
        self.running.stop().await;
        self.pool.close().await;
        StoppedHub {
            dir: self.dir,
            addr: self.addr,
            code: self.code,
        }
    }

    pub async fn item_ids(&self) -> Vec<String> {
        anjungan_hub::items::ids(&self.pool).await.expect("ids")
    }

    /// The ids of the items kiosk `name` delivered, in order.
    pub async fn item_ids_of(&self, name: &str) -> Vec<String> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT i.id FROM items i JOIN kiosks k ON k.id = i.kiosk_id WHERE k.name = $1 ORDER BY i.id",
        )
        .bind(name)
        .fetch_all(&self.pool)
        .await
        .expect("ids");
        rows.into_iter().map(|(id,)| id).collect()
    }
}

pub struct StoppedHub {
    dir: tempfile::TempDir,
    addr: SocketAddr,
    code: String,
}

impl StoppedHub {
    pub async fn restart(self) -> Hub {
        let pool = anjungan_hub::testing::open(self.dir.path())
            .await
            .expect("db");
        let at = self.addr.to_string();
        Hub::serve(self.dir, pool, self.code, &at).await
    }
}

/// A kiosk in `dir` enrolled with the hub at `url` (the hub itself, or a proxy in front of it).
pub fn kiosk_at(dir: &std::path::Path, url: String, token: &str) -> anjungan_core::Kiosk {
    let kiosk = anjungan_core::Kiosk::open(dir, std::sync::Arc::new(anjungan_core::SystemClock))
        .expect("kiosk");
    anjungan_core::enrolment::save(
        kiosk.store(),
        &anjungan_core::enrolment::Enrolment {
            hub_url: url,
            kiosk_id: "k".into(),
            kiosk_name: "lobby-1".into(),
            token: token.to_owned(),
            enrolled_at: "2026-11-29T00:00:00Z".into(),
            kiosk_number: Some(1),
            root_fingerprint: None,
            tls_pin: None,
        },
    )
    .expect("enrol");
    kiosk
}

/// A fault proxy in front of `hub` that passes everything (tests switch faults on).
pub async fn clean_proxy(hub: &Hub) -> anjungan_faults::FaultProxy {
    anjungan_faults::FaultProxy::start(
        hub.addr,
        anjungan_faults::Schedule {
            seed: 1,
            faulty_connections: 0,
            stall: std::time::Duration::from_millis(10),
            trickle: std::time::Duration::from_millis(1),
        },
    )
    .await
    .expect("proxy")
}

/// Sync settings for delivery proofs: small batches, short leases and timeouts, so faults
/// cost milliseconds instead of minutes; `batch_size` and `request` vary by test.
pub fn fast_sync(
    batch_size: usize,
    request: std::time::Duration,
) -> anjungan_core::sync::SyncConfig {
    use std::time::Duration;
    let mut c = anjungan_core::sync::SyncConfig {
        batch_size,
        lease: Duration::from_secs(3),
        pause_after: 4,
        idle_poll: Duration::from_millis(50),
        ..anjungan_core::sync::SyncConfig::default()
    };
    c.backoff.base = Duration::from_millis(2);
    c.backoff.cap = Duration::from_millis(40);
    c.timeouts.connect = Duration::from_millis(300);
    c.timeouts.request = request;
    c.timeouts.upload = request;
    c
}
