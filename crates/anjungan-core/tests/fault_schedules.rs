//! Delivery through a network at its worst: a seeded fault-injecting proxy between the
//! kiosk and a real hub (refusals, stalls, 500 before and after commit, dropped connections,
//! 429/503 with Retry-After, truncated and trickled bodies, a proxy's own 403/405/407/422,
//! and on odd seeds a 1 KB body limit answered with 413). After the faults stop (and the limit
//! is lifted), the queue must drain with no dead letter, and the hub must hold every item
//! exactly once: 0 lost, 0 duplicated.
//!
//! Beside the honest kiosk, a hostile one with a valid token (straight to the hub) squats
//! the honest kiosk's tracking numbers, stuffs surveys and floods documents: none of it may
//! cost an honest item or move the office's IKM.
//!
//! Normal run: 20 seeds × 100 items. `ANJUNGAN_LONG=1`: 200 seeds × 500 items.

mod support;

use anjungan_core::outbox::NewItem;
use anjungan_core::sync::{self, CycleOutcome, SyncConfig};
use anjungan_faults::{Fault, FaultProxy, Schedule};
use anjungan_wire::api::ItemKind;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn long_mode() -> bool {
    std::env::var_os("ANJUNGAN_LONG").is_some()
}

fn item(n: usize) -> NewItem {
    // Kinds whose payload the hub stores as it is (surveys and applications are checked
    // field by field).
    let kinds = [
        ItemKind::Outage,
        ItemKind::Complaint,
        ItemKind::Verification,
    ];
    // Every seventh carries a document: a complaint (only they and applications do).
    let (kind, documents) = if n.is_multiple_of(7) {
        (
            ItemKind::Complaint,
            vec![format!("%PDF-1.7 document {n} ").repeat(50).into_bytes()],
        )
    } else {
        (kinds[n % kinds.len()], Vec::new())
    };
    NewItem::demo(
        kind,
        serde_json::json!({ "n": n }),
        Some(serde_json::json!({ "name": format!("Warga {n}"), "nik": "1872010101900001" })),
        documents,
    )
}

fn config() -> SyncConfig {
    support::fast_sync(7, Duration::from_millis(400))
}

/// Every eleventh item is a citizen's application (numbered by the kiosk, with its e-SKM
/// code), followed at once by that citizen's survey with the code.
fn application(kiosk: &anjungan_core::Kiosk, n: usize, code: &str) -> NewItem {
    let number = kiosk.next_tracking_number().expect("number");
    NewItem::demo(
        ItemKind::Application,
        serde_json::json!({
            "tracking_number": number, "service": "sip-dokter", "kind": "baru",
            "applicant_type": "perorangan", "documents": [],
            "submitted_on": anjungan_permit::office_date(time::OffsetDateTime::now_utc()),
            "skm_code": code,
        }),
        Some(serde_json::json!({"applicant": {
            "name": format!("Warga {n}"), "phone": "081200000000", "nik": "1872010101900001",
            "sex": "L", "birth_place": "Metro", "birth_date": "1990-01-01", "address": "Metro"}})),
        Vec::new(),
    )
}

/// What the hostile kiosk sent, and how many of its squatted numbers the hub took.
#[derive(Default)]
struct Hostility {
    sent: u64,
    numbers_taken: u64,
}

/// A valid token used against the others, straight at the hub: the honest kiosk's next
/// tracking numbers, paper surveys and forged or code-less surveys of all 1s, and documents
/// until its day's quota says stop.
async fn hostile(hub_url: String, token: String, seed: u64) -> Hostility {
    let http = reqwest::Client::new();
    let mut h = Hostility::default();
    let year = anjungan_permit::office_day(time::OffsetDateTime::now_utc()).year();
    let mut items: Vec<serde_json::Value> = (1..=25)
        .map(|sequence| {
            let number = anjungan_apply::TrackingNumber::new(year, 1, sequence)
                .expect("number")
                .to_string();
            serde_json::json!({
                "id": uuid::Uuid::now_v7().to_string(), "kind": "application",
                "created_at": "2026-11-29T09:00:00Z",
                "payload": {"tracking_number": number, "service": "sip-dokter", "kind": "baru",
                            "applicant_type": "perorangan", "documents": [], "submitted_on": "2026-11-29"},
                "personal": {"applicant": {"name": "Penyerobot", "phone": "081", "nik": "1872010101900009",
                             "sex": "L", "birth_place": "X", "birth_date": "1990-01-01", "address": "X"}},
                "blobs": [],
            })
        })
        .collect();
    for i in 0..40u32 {
        let (source, code) = match i % 3 {
            0 => ("import", None),
            1 => (
                "kiosk",
                Some(anjungan_skm::code::new_code(i + 1000 * seed as u32)),
            ),
            _ => ("kiosk", None),
        };
        items.push(serde_json::json!({
            "id": uuid::Uuid::now_v7().to_string(), "kind": "survey_response",
            "created_at": "2026-11-29T09:00:00Z",
            "payload": {"visit_id": null, "source": source, "date": "2026-11-29",
                        "submitted_at": format!("2026-11-29T02:{:02}:00Z", i % 60),
                        "answers": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], "suggestion": null,
                        "profile": {}, "skm_code": code},
            "personal": null, "blobs": [],
        }));
    }
    for chunk in items.chunks(20) {
        let r = http
            .post(format!("{hub_url}/v1/items"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "items": chunk }))
            .send()
            .await
            .expect("post");
        let body: serde_json::Value = r.json().await.expect("json");
        for (result, item) in body["results"]
            .as_array()
            .expect("results")
            .iter()
            .zip(chunk)
        {
            h.sent += 1;
            if item["kind"] == "application" && result["outcome"] != "rejected" {
                h.numbers_taken += 1;
            }
        }
    }
    // Documents nobody will ever name, until the hub says the day's bytes are spent.
    for i in 0..40u32 {
        let bytes = vec![(i % 251) as u8; 256 * 1024];
        let sha = anjungan_core::outbox::sha256_hex(&bytes);
        let r = http
            .put(format!("{hub_url}/v1/blobs/{sha}"))
            .bearer_auth(&token)
            .body(bytes)
            .send()
            .await
            .expect("put");
        if r.status() == 429 {
            break;
        }
    }
    h
}

struct Report {
    faults: u64,
    too_large: u64,
    refused: u64,
    duplicate_submissions: i64,
    outages: u64,
}

async fn run_seed(seed: u64, n: usize) -> Report {
    // Small daily quotas, so the hostile kiosk's flood meets them within the test.
    let hub = support::Hub::start_limited(anjungan_hub::limits::Limits {
        kiosk_bytes_per_day: 2 * 1024 * 1024,
        ..anjungan_hub::limits::Limits::default()
    })
    .await;
    // The office takes no survey without a receipt's code.
    anjungan_hub::office::set_skm_rules(
        &hub.pool,
        &anjungan_wire::ipc::SkmRules {
            allow_unlinked: false,
            unlinked_cooldown_s: 3600,
        },
    )
    .await
    .expect("rules");
    let hostile_token = anjungan_hub::kiosks::enrol_numbered(
        &hub.pool,
        "curang",
        seed.is_multiple_of(2),
        &mut rand::rngs::OsRng,
    )
    .await
    .expect("hostile kiosk");
    let hostility = tokio::spawn(hostile(hub.url.clone(), hostile_token, seed));
    let faulty = (n as u64) / 2 + 40;
    let proxy = FaultProxy::start(
        hub.addr,
        Schedule {
            seed,
            faulty_connections: faulty,
            stall: Duration::from_millis(700),
            trickle: Duration::from_millis(3),
        },
    )
    .await
    .expect("proxy");
    if seed % 2 == 1 {
        // Batches and documents over 1 KB are refused until the faults stop.
        proxy.set_body_limit(Some(1024));
    }
    let dir = tempfile::tempdir().expect("kiosk dir");
    let kiosk = support::kiosk_at(dir.path(), proxy.url(), &hub.token);

    let mut rng = StdRng::seed_from_u64(seed);
    let mut enqueued = Vec::new();
    let mut surveys = 0;
    for i in 0..n {
        if i % 11 == 5 {
            let code = anjungan_skm::code::new_code(rand::RngCore::next_u32(&mut rng));
            enqueued.push(
                kiosk
                    .enqueue(&application(&kiosk, i, &code), &mut rng)
                    .expect("application"),
            );
            let survey = anjungan_wire::ipc::SurveySubmission {
                visit_id: format!("visit-{seed}-{i}"),
                answers: vec![Some(4); 10],
                suggestion: None,
                profile: anjungan_wire::ipc::RespondentProfile::default(),
                skm_code: Some(code),
            };
            enqueued.push(kiosk.submit_survey(&survey, &mut rng).expect("survey"));
            surveys += 1;
        } else {
            enqueued.push(kiosk.enqueue(&item(i), &mut rng).expect("enqueue"));
        }
    }

    let config = config();
    let deadline = Instant::now() + Duration::from_secs(if long_mode() { 600 } else { 120 });
    loop {
        assert!(
            Instant::now() < deadline,
            "seed {seed}: the queue did not drain"
        );
        if proxy.connections() >= faulty {
            // The office raises the proxy's limit once the bad spell is over.
            proxy.set_body_limit(None);
        }
        match sync::cycle(kiosk.context(), &config, &mut rng)
            .await
            .expect("cycle")
        {
            CycleOutcome::Sent { .. } => continue,
            CycleOutcome::Idle { .. } => {
                let r = sync::report(kiosk.context(), &config).expect("report");
                if r.pending + r.in_flight == 0 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            CycleOutcome::Failed { retry_at, .. } => {
                let wait = Duration::try_from(retry_at - kiosk.now()).unwrap_or(Duration::ZERO);
                tokio::time::sleep(wait.min(Duration::from_millis(100))).await;
            }
            CycleOutcome::NotEnrolled => panic!("enrolled above"),
        }
    }

    let report = sync::report(kiosk.context(), &config).expect("report");
    assert_eq!(report.dead, 0, "seed {seed}: nothing is refused");
    // Everything the kiosk ever queued (the citizen items and its own outage records)
    // is at the hub exactly once, and nothing else is.
    let mut kiosk_ids: Vec<String> = {
        let conn = kiosk.store().conn();
        let mut stmt = conn.prepare("SELECT id FROM outbox").expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    kiosk_ids.sort();
    let hub_ids = hub.item_ids_of("lobby-1").await;
    assert!(hub_ids == kiosk_ids, "seed {seed}: hub and kiosk disagree");
    enqueued.sort();
    assert!(
        enqueued.iter().all(|id| hub_ids.binary_search(id).is_ok()),
        "seed {seed}: lost"
    );
    assert_eq!(report.delivered as usize, kiosk_ids.len());

    // Privacy: the kiosk keeps no personal field and no document of a delivered item.
    let (personal, documents): (i64, i64) = kiosk
        .store()
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM outbox WHERE personal IS NOT NULL),
                    (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("privacy counts");
    assert_eq!(
        (personal, documents),
        (0, 0),
        "seed {seed}: personal data left behind"
    );

    let stats = anjungan_hub::items::stats(&hub.pool).await.expect("stats");
    let documents = (0..n).filter(|i| i % 7 == 0 && i % 11 != 5).count();
    // The hostile kiosk's flood stopped at its quota: a few of its documents, never more.
    assert!(
        (stats.blobs as usize) >= documents && (stats.blobs as usize) <= documents + 8,
        "seed {seed}: {} documents",
        stats.blobs
    );
    // None of the hostile items took a number or moved a figure.
    let hostility = hostility.await.expect("hostile kiosk");
    assert!(
        hostility.sent >= 65,
        "seed {seed}: the hostile kiosk was answered"
    );
    assert_eq!(
        hostility.numbers_taken, 0,
        "seed {seed}: a squatted number was taken"
    );
    let ikm = anjungan_hub::skm::summary(&hub.pool, None, None, None)
        .await
        .expect("ikm");
    assert_eq!(
        ikm.respondents, surveys as u64,
        "seed {seed}: only the citizens' surveys count"
    );
    assert_eq!(
        ikm.ikm,
        Some(100.0),
        "seed {seed}: the IKM is the citizens' own"
    );
    Report {
        too_large: proxy.tally.get(Fault::BodyTooLarge),
        refused: proxy.tally.get(Fault::ProxyRefusal),
        faults: proxy.tally.faults(),
        duplicate_submissions: stats.duplicate_submissions,
        outages: report.outages,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_schedules_lose_nothing_and_store_nothing_twice() {
    let (seeds, n) = if long_mode() {
        (200u64, 500usize)
    } else {
        (20, 100)
    };
    let parallel = Arc::new(tokio::sync::Semaphore::new(4));
    let mut runs = Vec::new();
    for seed in 0..seeds {
        let permit = Arc::clone(&parallel);
        runs.push(tokio::spawn(async move {
            let _p = permit.acquire_owned().await.expect("semaphore");
            run_seed(seed, n).await
        }));
    }
    let (mut faults, mut duplicates, mut outages, mut too_large, mut refused) = (0, 0, 0, 0, 0);
    for run in runs {
        let r = run.await.expect("seed run");
        faults += r.faults;
        too_large += r.too_large;
        refused += r.refused;
        duplicates += r.duplicate_submissions;
        outages += r.outages;
    }
    println!(
        "fault schedules: {seeds} seeds x {n} items: {faults} injected faults ({refused} proxy refusals, {too_large} bodies over the limit), {duplicates} duplicate submissions absorbed, {outages} outages logged; 0 lost, 0 duplicated, 0 dead"
    );
    assert!(
        too_large > 0 && refused > 0,
        "4xx faults must have happened"
    );
    assert!(faults > seeds, "the proxy must actually misbehave");
    assert!(
        duplicates > 0,
        "commit-then-fail faults must have caused resends"
    );
}

#[tokio::test]
async fn every_fault_kind_occurs_under_the_seeds_used() {
    // Guards the harness itself: a schedule that never stalls or truncates proves little.
    let hub = support::Hub::start().await;
    let proxy = FaultProxy::start(
        hub.addr,
        Schedule {
            seed: 7,
            faulty_connections: 200,
            stall: Duration::from_millis(10),
            trickle: Duration::from_millis(1),
        },
    )
    .await
    .expect("proxy");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        let _ = client
            .get(format!("{}/v1/health", proxy.url()))
            .timeout(Duration::from_millis(200))
            .send()
            .await;
    }
    for f in Fault::ALL {
        assert!(proxy.tally.get(f) > 0, "{f:?} never happened");
    }
}
