//! Kiosks of the last release and this one talk to the same hub: every batch recorded from a
//! released kiosk (`tests/fixtures/batches/<release>.json`, made by the kiosk's own code with
//! `anjungan-core`'s `recorded_batch` test) is ingested by this hub over HTTP exactly as it
//! was sent, every item accepted and filed where the office looks for it.

mod support;

use anjungan_hub::clock::HubClock;
use anjungan_hub::server::ServeOptions;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_recorded_batch_of_a_released_kiosk_is_ingested_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batches");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let recorded: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let release = recorded["release"].as_str().expect("release").to_owned();
        let at = time::OffsetDateTime::parse(
            recorded["recorded_at"].as_str().expect("recorded_at"),
            &time::format_description::well_known::Rfc3339,
        )
        .expect("time");
        // The hub's day is the recording's, so dates in the items stay inside its window.
        let hub = support::served(ServeOptions {
            clock: HubClock::fixed(at),
            ..ServeOptions::default()
        })
        .await;
        // Kiosks are numbered in enrolment order: the recording's kiosk gets its number.
        let number = recorded["kiosk_number"].as_u64().expect("kiosk number");
        let mut token = String::new();
        for n in 1..=number {
            token = hub.kiosk(&format!("kiosk-{n}"), true).await;
        }
        for (sha, bytes) in recorded["documents"].as_object().expect("documents") {
            let bytes = hex::decode(bytes.as_str().expect("hex")).expect("hex");
            let status = hub.put_blob(&token, &bytes).await;
            assert!(
                status == 201 || status == 204,
                "{release}: document {sha}: {status}"
            );
        }
        let items = recorded["batch"]["items"].clone();
        let (status, body) = hub.post(&token, items.clone()).await;
        assert_eq!(status, 200, "{release}: {body}");
        let results = body["results"].as_array().expect("results");
        assert_eq!(results.len(), items.as_array().expect("items").len());
        for (r, item) in results.iter().zip(items.as_array().expect("items")) {
            assert_eq!(r["outcome"], "accepted", "{release}: {} {r}", item["kind"]);
        }
        // Filed where the office looks: the application and the complaint by number, the
        // surveys in the IKM (the linked one released by its application's code), the
        // permit check and the outage in the yearly evaluation.
        let application = items
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["kind"] == "application")
            .expect("an application");
        let number = application["payload"]["tracking_number"]
            .as_str()
            .expect("number");
        let shown = anjungan_hub::applications::show(&hub.pool, number)
            .await
            .expect("application filed");
        assert_eq!(shown.documents.len(), 4, "{release}");
        let skm = anjungan_hub::skm::summary(&hub.pool, None, None, None)
            .await
            .expect("summary");
        assert_eq!(skm.respondents, 2, "{release}: both surveys count");
        let year = at.year();
        let evaluation =
            anjungan_hub::evaluation::evaluate(&hub.pool, hub.dir.path(), year, at.date(), at)
                .await
                .expect("evaluation");
        assert_eq!(
            evaluation.permit_checks.values().sum::<u64>(),
            1,
            "{release}: {:?}",
            evaluation.permit_checks
        );
        assert_eq!(evaluation.outages.len(), 1, "{release}");
        assert_eq!(evaluation.outages[0].cause, "timeout");
        seen += 1;
    }
    assert!(seen >= 1, "no recorded batch in {}", dir.display());
}
