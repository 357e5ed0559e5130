//! Records what this release sends a hub: one batch holding every kind of item, made by the
//! kiosk's own code (an application with its documents, surveys with and without a receipt
//! code, a sealed complaint, a permit check, an outage), with the documents beside it. The hub
//! of every later release must ingest it unchanged (`anjungan-hub/tests/recorded_batches.rs`),
//! so kiosks of the last release and this one interoperate.
//!
//! At each release (see `docs/manual.md`, "Upgrades"), record it once and keep it:
//! `ANJUNGAN_RECORD_BATCH=crates/anjungan-hub/tests/fixtures/batches/<release>.json \
//!  cargo test -p anjungan-core --test recorded_batch -- --ignored`

mod support;

use anjungan_core::clock::{Clock, ManualClock};
use anjungan_core::Kiosk;
use anjungan_wire::application::ApplicationDraft;
use anjungan_wire::complaint::ComplaintDraft;
use anjungan_wire::ipc::{RespondentProfile, Sex, SkmRules, SurveySubmission};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::Arc;
use time::macros::datetime;

#[tokio::test]
#[ignore = "run once per release to record its batch"]
async fn record_this_releases_batch() {
    let out =
        std::env::var("ANJUNGAN_RECORD_BATCH").expect("ANJUNGAN_RECORD_BATCH: where to write");
    let at = datetime!(2026-12-01 09:00 UTC);
    let hub = support::Hub::start_at(anjungan_hub::clock::HubClock::fixed(at)).await;
    anjungan_hub::office::set_skm_rules(
        &hub.pool,
        &SkmRules {
            allow_unlinked: true,
            unlinked_cooldown_s: 0,
        },
    )
    .await
    .expect("rules");
    let dir = tempfile::tempdir().expect("dir");
    let clock = Arc::new(ManualClock::new(at));
    let k = Kiosk::open(dir.path(), clock.clone()).expect("kiosk");
    k.enrol(&hub.url, &hub.code).await.expect("enrol");
    k.check_connection().await;
    let mut rng = StdRng::seed_from_u64(24);

    // An outage, closed when the hub answers again: the hub is reached once more below.
    anjungan_core::outage::record_failure(k.store(), "timeout", clock.now(), &mut rng)
        .expect("failure");
    clock.advance(time::Duration::minutes(7));
    anjungan_core::outage::record_success(k.store(), clock.now(), &mut rng).expect("success");

    // An application with its documents.
    let mut draft: ApplicationDraft = serde_json::from_value(serde_json::json!({
        "service": "skp-penelitian", "kind": "baru", "applicant_type": "perorangan",
        "applicant": {"nik": "1872015408900003", "name": "Siti Aminah", "sex": "P",
                      "birth_place": "Metro", "birth_date": "1990-08-14",
                      "address": "Jl. Jend. Sudirman No. 12-A, RT 01/RW 02",
                      "kelurahan_code": "18.72.01.1001", "phone": "0812-3456-7890",
                      "email": "siti@example.com"},
        "fields": {"judul": "Pola tanam padi sawah", "lokasi": "Kelurahan Metro",
                   "mulai": "2026-12-01", "selesai": "2027-02-28"},
        "conditions": {"akta-pendirian-badan": false, "surat-kuasa": false},
        "consent": true
    }))
    .expect("draft");
    for code in [
        "ktp",
        "pengantar-permohonan-lembaga",
        "proposal-penelitian",
        "pernyataan-menaati-peraturan",
    ] {
        let bytes = anjungan_capture::fixtures::pdf(1, code, &[]);
        k.add_document(&format!("{code}.pdf"), &bytes)
            .expect("document");
        draft
            .documents
            .insert(code.into(), anjungan_core::outbox::sha256_hex(&bytes));
    }
    let problems = k.application_problems(&draft).expect("problems");
    assert!(problems.is_empty(), "{problems:?}");
    let saved = k.submit_application(&draft, &mut rng).expect("application");

    // Surveys: one with the receipt's code, one without.
    let profile = RespondentProfile {
        sex: Some(Sex::Perempuan),
        service_code: Some("skp-penelitian".into()),
        ..RespondentProfile::default()
    };
    k.submit_survey(
        &SurveySubmission {
            visit_id: "visit-recorded-1".into(),
            answers: vec![
                Some(4),
                Some(3),
                Some(4),
                Some(4),
                Some(3),
                Some(4),
                Some(4),
                Some(2),
                Some(4),
                None,
            ],
            suggestion: Some("Antrean mohon dipercepat.".into()),
            profile: profile.clone(),
            skm_code: Some(saved.receipt.skm_code.clone()),
        },
        &mut rng,
    )
    .expect("linked survey");
    k.submit_survey(
        &SurveySubmission {
            visit_id: "visit-recorded-2".into(),
            answers: vec![Some(3); 10],
            suggestion: None,
            profile: RespondentProfile::default(),
            skm_code: None,
        },
        &mut rng,
    )
    .expect("survey");

    // A sealed complaint.
    let complaint: ComplaintDraft = serde_json::from_value(serde_json::json!({
        "category": "h", "title": "Antrean lama", "chronology": "Menunggu dua jam di loket 3.",
        "event_date": "2026-11-27", "place": "Loket 3 MPP", "unit": "DPMPTSP",
        "related_tracking_number": null, "privacy": "named",
        "identity": {"name": "Siti Aminah", "nik": "1872015408900003",
                     "phone": "0812-3456-7890", "email": "siti@example.com"},
        "consent": true
    }))
    .expect("complaint draft");
    k.submit_complaint(&complaint, &mut rng).expect("complaint");

    // A permit check of a QR that is no permit.
    k.check_permit("bukan izin", &mut rng).await.expect("check");

    let conn = k.store().conn();
    let mut stmt = conn
        .prepare(
            "SELECT id, kind, created_at, payload, personal, blobs FROM outbox
              WHERE state = 'pending' ORDER BY id",
        )
        .expect("prepare");
    let items: Vec<serde_json::Value> = stmt
        .query_map([], |r| {
            let payload: String = r.get(3)?;
            let personal: Option<String> = r.get(4)?;
            let blobs: String = r.get(5)?;
            Ok(serde_json::json!({
                "id": r.get::<_, String>(0)?,
                "kind": r.get::<_, String>(1)?,
                "created_at": r.get::<_, String>(2)?,
                "payload": serde_json::from_str::<serde_json::Value>(&payload).expect("payload"),
                "personal": personal.map(|p| serde_json::from_str::<serde_json::Value>(&p).expect("personal")),
                "blobs": serde_json::from_str::<serde_json::Value>(&blobs).expect("blobs"),
            }))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    drop(stmt);
    drop(conn);
    let mut documents = serde_json::Map::new();
    for item in &items {
        for sha in item["blobs"].as_array().expect("blobs") {
            let sha = sha.as_str().expect("sha");
            let bytes = anjungan_core::outbox::document_to_upload(k.store(), sha)
                .expect("read")
                .expect("document kept");
            documents.insert(sha.into(), hex::encode(&bytes).into());
        }
    }
    let kinds: std::collections::BTreeSet<&str> =
        items.iter().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(kinds.len(), 5, "every kind: {kinds:?}");
    let number = k.kiosk_number().expect("number");
    let recorded = serde_json::json!({
        "release": env!("CARGO_PKG_VERSION"),
        "recorded_at": anjungan_core::clock::rfc3339(at),
        "kiosk_number": number,
        "batch": {"items": items},
        "documents": documents,
    });
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&recorded).expect("json") + "\n",
    )
    .expect("write");
}
