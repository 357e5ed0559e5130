//! Upgrade keeps the queue: a kiosk store written by each released version (a fixture per
//! released schema in `tests/fixtures/stores/<release>/`) opens with this build, migrates,
//! and delivers every queued item to a real hub on loopback.
//!
//! At each release, add the fixture of its schema (see `docs/manual.md`, "Upgrades"):
//! `anjungan-cli init`, `enrol`, `enqueue-demo --count 12 --doc-bytes 1024`, then copy
//! `kiosk.sqlite3` with a `fixture.json` describing it.

use anjungan_core::clock::ManualClock;
use anjungan_core::store::Store;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_core::Kiosk;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use time::macros::datetime;

mod support;

#[derive(serde::Deserialize)]
struct Fixture {
    release: String,
    schema: String,
    pending: u64,
    by_kind: BTreeMap<String, u64>,
}

fn fixtures() -> Vec<(PathBuf, Fixture)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stores");
    let mut out: Vec<(PathBuf, Fixture)> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .map(|dir| {
            let text = std::fs::read_to_string(dir.join("fixture.json")).expect("fixture.json");
            let fixture = serde_json::from_str(&text).expect("fixture.json parses");
            (dir, fixture)
        })
        .collect();
    out.sort_by(|a, b| a.1.release.cmp(&b.1.release));
    out
}

/// The newest schema this build writes must have a fixture: the next release's upgrade
/// from it is then tested the day that release adds a migration.
#[test]
fn the_newest_schema_has_a_fixture() {
    let newest = Store::open_in_memory()
        .expect("store")
        .schema_version()
        .expect("version");
    let schemas: Vec<String> = fixtures().into_iter().map(|(_, f)| f.schema).collect();
    assert!(
        schemas.contains(&newest),
        "no store fixture for schema {newest} (have {schemas:?}): add one for this release"
    );
}

#[tokio::test]
async fn every_released_store_opens_migrates_and_delivers_its_queue() {
    let all = fixtures();
    assert!(!all.is_empty());
    let newest = Store::open_in_memory()
        .expect("store")
        .schema_version()
        .expect("version");
    for (dir, fixture) in all {
        // The fixtures' items were dated when they were written: the hub's clock is then too.
        let hub = support::Hub::start_at(anjungan_hub::clock::HubClock::fixed(
            datetime!(2026-12-01 09:00 UTC),
        ))
        .await;
        let data = tempfile::tempdir().expect("kiosk dir");
        std::fs::copy(dir.join("kiosk.sqlite3"), data.path().join("kiosk.sqlite3"))
            .expect("copy fixture");
        let clock = Arc::new(ManualClock::new(datetime!(2026-12-01 09:00 UTC)));
        let k = Kiosk::open(data.path(), clock)
            .unwrap_or_else(|e| panic!("release {}: {e}", fixture.release));
        assert_eq!(
            k.status().expect("status").schema_version,
            newest,
            "release {}: migrated to this build's schema",
            fixture.release
        );
        let before = sync::report(k.context(), &SyncConfig::default()).expect("report");
        assert_eq!(
            before.pending, fixture.pending,
            "release {}",
            fixture.release
        );
        let kinds: BTreeMap<String, u64> = before
            .by_kind
            .iter()
            .map(|(kind, c)| (kind.clone(), c.pending))
            .collect();
        assert_eq!(kinds, fixture.by_kind, "release {}", fixture.release);

        // The hub it was enrolled with is gone: the office enrols it with this one.
        k.enrol(&hub.url, &hub.code).await.expect("enrol");
        let mut rng = StdRng::seed_from_u64(7);
        let mut delivered = 0;
        for _ in 0..20 {
            match sync::cycle(k.context(), &SyncConfig::default(), &mut rng)
                .await
                .expect("cycle")
            {
                CycleOutcome::Sent { delivered: d, dead } => {
                    assert_eq!(dead, 0, "release {}: nothing refused", fixture.release);
                    delivered += d;
                }
                CycleOutcome::Idle { .. } => break,
                other => panic!("release {}: {other:?}", fixture.release),
            }
        }
        let after = sync::report(k.context(), &SyncConfig::default()).expect("report");
        assert_eq!(
            (delivered as u64, after.pending, after.in_flight, after.dead),
            (fixture.pending, 0, 0, 0),
            "release {}: every queued item delivered",
            fixture.release
        );
        assert_eq!(hub.item_ids().await.len() as u64, fixture.pending);
    }
}
