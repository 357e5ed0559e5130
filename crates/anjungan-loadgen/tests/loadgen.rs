//! The load generator against a real hub on loopback: every simulated kiosk's items arrive
//! (applications with their documents as records), nothing is refused, the reconnect storm
//! drains, and the command line prints the JSON the benchmark scripts read.

use anjungan_loadgen::{kiosk::Habits, run, Config};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::io::Write;
use std::time::Duration;

async fn hub_with_kiosks(
    numbered: usize,
    unnumbered: usize,
) -> (
    anjungan_hub::server::Running,
    anjungan_hub::db::Pool,
    tempfile::TempDir,
    tempfile::NamedTempFile,
) {
    let dir = tempfile::tempdir().expect("dir");
    let (running, pool) = anjungan_hub::server::spawn_demo(dir.path())
        .await
        .expect("hub");
    let mut tokens = tempfile::NamedTempFile::new().expect("tokens");
    let mut rng = StdRng::seed_from_u64(4);
    for n in 0..numbered + unnumbered {
        let name = format!("lg-{n:04}");
        let token = anjungan_hub::kiosks::enrol_numbered(&pool, &name, n < numbered, &mut rng)
            .await
            .expect("enrol");
        writeln!(tokens, "{name} {token}").expect("write");
    }
    (running, pool, dir, tokens)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulated_kiosks_deliver_everything_and_the_storm_drains() {
    let (running, pool, _dir, tokens) = hub_with_kiosks(4, 2).await;
    let report = run(Config {
        hub: running.url(),
        tokens: tokens.path().to_owned(),
        kiosks: 6,
        duration: Duration::from_secs(6),
        habits: Habits {
            check_every: Some(Duration::from_secs(1)),
            jitter: Some(Duration::from_millis(500)),
            items_per_min: 40.0,
            backlog: 12,
            batch_size: 5,
        },
        watch: vec![std::process::id()],
        seed: 9,
    })
    .await
    .expect("run");
    assert_eq!(report.errors, 0, "{:#?}", report.routes);
    assert_eq!(report.items_refused, 0);
    assert!(
        report.items >= 6 * 12,
        "the backlog at least: {}",
        report.items
    );
    let stats = anjungan_hub::items::stats(&pool).await.expect("stats");
    assert_eq!(
        stats.items as u64, report.items,
        "every confirmed item is at the hub"
    );
    for route in [
        "GET /v1/kiosk/me",
        "GET /v1/catalogue",
        "GET /v1/trust",
        "GET /v1/office",
        "POST /v1/kiosk/heartbeat",
        "POST /v1/items",
        "PUT /v1/blobs/{sha256}",
    ] {
        assert!(
            report.routes.contains_key(route),
            "{route}: {:?}",
            report.routes.keys()
        );
    }
    // The second check of a document the hub already holds is answered 304.
    assert!(report.routes["GET /v1/catalogue"]
        .statuses
        .contains_key("304"));
    // Applications became records, from the numbered kiosks only.
    let apps = anjungan_hub::applications::list(&pool, None)
        .await
        .expect("list");
    assert!(apps.iter().any(|a| a.service_code == "sip-dokter"));
    let storm = report.storm.expect("storm figures");
    assert_eq!(storm.kiosks_drained, 6);
    let hub = report.hub.expect("watched");
    assert!(hub.cpu_cores > 0.0 && hub.pss_mib > 0.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_prints_the_figures_as_json() {
    let (running, _pool, _dir, tokens) = hub_with_kiosks(3, 0).await;
    let url = running.url();
    let path = tokens.path().to_owned();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_anjungan-loadgen"))
            .args(["--hub", &url, "--tokens"])
            .arg(&path)
            .args([
                "--kiosks",
                "3",
                "--duration-s",
                "3",
                "--json",
                "--check-every-s",
                "1",
            ])
            .output()
            .expect("run")
    })
    .await
    .expect("join");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "kiosks", "requests", "items", "errors", "p50_ms", "p99_ms", "max_ms", "routes",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["kiosks"], 3);
    assert!(v["requests"].as_u64() > Some(3));

    // More kiosks than tokens: said plainly.
    let path = tokens.path().to_owned();
    let url = running.url();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_anjungan-loadgen"))
            .args(["--hub", &url, "--tokens"])
            .arg(&path)
            .args(["--kiosks", "10", "--duration-s", "1", "--json"])
            .output()
            .expect("run")
    })
    .await
    .expect("join");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has 3 kiosks"));
}
