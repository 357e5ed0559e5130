//! Personal data kept only as long as the office set (UU PDP 27/2022): past its period the
//! applicant, the documents and a complaint's identity and story go, the anonymous record
//! and the figures stay; a data subject gets everything held on them, or its erasure, save
//! what the office still needs to serve them.

mod support;

use anjungan_hub::retention::{self, Kind};
use anjungan_hub::server::ServeOptions;
use anjungan_wire::complaint::ComplaintIdentity;
use support::{application_item, served, tracking};

const NIK: &str = "1872015408900002";

fn now_plus(days: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc() + time::Duration::days(days)
}

async fn close(pool: &anjungan_hub::db::Pool, number: &str) {
    anjungan_hub::applications::set_status(
        pool,
        number,
        &anjungan_hub::applications::Change {
            status: "ditolak".into(),
            note: Some("Berkas tidak lengkap".into()),
            by: "petugas".into(),
            ..Default::default()
        },
        &anjungan_hub::db::office_today(),
    )
    .await
    .expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_its_period_the_personal_part_goes_and_the_record_and_figures_stay() {
    let hub = served(ServeOptions::default()).await;
    let token = hub.kiosk("lobi-pdp", true).await;
    let n = anjungan_hub::kiosks::authenticate(&hub.pool, &token)
        .await
        .expect("kiosk")
        .number
        .expect("numbered");
    let ktp = b"%PDF-1.4 KTP Siti Aminah".to_vec();
    assert_eq!(hub.put_blob(&token, &ktp).await, 204);
    let ktp_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&ktp));
    let (closed, open) = (tracking(n, 1), tracking(n, 2));
    let (_, body) = hub
        .post(
            &token,
            serde_json::json!([
                application_item(&closed, &[(ktp_sha.as_str(), ktp.len())]),
                application_item(&open, &[]),
            ]),
        )
        .await;
    assert_eq!(body["results"][1]["outcome"], "accepted", "{body}");
    close(&hub.pool, &closed).await;
    let named = ComplaintIdentity {
        name: "Siti Aminah".into(),
        nik: NIK.into(),
        phone: "081234567890".into(),
        email: String::new(),
    };
    let complaint = tracking(n, 3);
    let item = hub
        .sealed_complaint_by(&token, &complaint, "1234567890", &named)
        .await;
    let (_, body) = hub.post(&token, serde_json::json!([item])).await;
    assert_eq!(body["results"][0]["outcome"], "accepted", "{body}");
    anjungan_hub::complaints::respond(
        &hub.pool,
        &complaint,
        "selesai",
        Some("Sudah ditindaklanjuti."),
        None,
        "petugas",
    )
    .await
    .expect("answer");

    // The data subject asks what the office holds: both applications with the documents,
    // and the complaint made under their name.
    let export = retention::subject_export(&hub.pool, hub.dir.path(), NIK)
        .await
        .expect("export");
    let text = serde_json::to_string(&export).expect("json");
    assert_eq!((export.applications.len(), export.complaints.len()), (2, 1));
    assert!(text.contains("Siti Aminah") && text.contains(&ktp_sha));
    assert!(text.contains(&base64_of(&ktp)), "the document itself");

    // Within its period nothing goes; past it, the closed file's personal part does.
    retention::set(&hub.pool, Kind::Application, 30)
        .await
        .expect("set");
    retention::set(&hub.pool, Kind::Complaint, 30)
        .await
        .expect("set");
    // (The demo's files closed long ago go now; this one was closed today.)
    retention::purge(&hub.pool, hub.dir.path(), now_plus(1))
        .await
        .expect("purge");
    let still = anjungan_hub::applications::show(&hub.pool, &closed)
        .await
        .expect("shown");
    assert!(still.applicant.is_some() && !still.documents.is_empty());
    let evaluation_before = figures(&hub).await;
    let done = retention::purge(&hub.pool, hub.dir.path(), now_plus(31))
        .await
        .expect("purge");
    assert_eq!(
        (done.applications, done.complaints, done.documents),
        (1, 1, 3)
    );
    let shown = anjungan_hub::applications::show(&hub.pool, &closed)
        .await
        .expect("the record stays");
    assert!(shown.applicant.is_none() && shown.documents.is_empty());
    assert_eq!(shown.status.status.code(), "ditolak");
    assert!(
        anjungan_hub::blobs::read(&hub.pool, hub.dir.path(), &ktp_sha)
            .await
            .is_err()
    );
    let open_one = anjungan_hub::applications::show(&hub.pool, &open)
        .await
        .expect("open");
    assert!(open_one.applicant.is_some(), "an open file is a legal hold");
    let c = anjungan_hub::complaints::show(&hub.pool, hub.dir.path(), &complaint)
        .await
        .expect("complaint");
    assert!(c.identity.is_none() && c.chronology.is_empty());
    assert_eq!(c.row.category, "f", "the figures keep the category");
    assert_eq!(
        figures(&hub).await,
        evaluation_before,
        "the figures are unchanged"
    );

    // The subject asks for erasure: the open application is held, with why.
    let erased = retention::subject_erase(&hub.pool, hub.dir.path(), NIK, now_plus(32))
        .await
        .expect("erase");
    assert!(erased.erased.is_empty(), "{erased:?}");
    assert_eq!(erased.held.len(), 1);
    assert!(erased.held[0].reason.contains("still open"));
    close(&hub.pool, &open).await;
    let erased = retention::subject_erase(&hub.pool, hub.dir.path(), NIK, now_plus(32))
        .await
        .expect("erase");
    assert_eq!(erased.erased, vec![open.clone()]);
    let export = retention::subject_export(&hub.pool, hub.dir.path(), NIK)
        .await
        .expect("export");
    assert!(export.applications.is_empty() && export.complaints.is_empty());
    let database = std::fs::read(hub.dir.path().join("hub.sqlite3")).unwrap_or_default();
    if !database.is_empty() {
        assert!(
            !database.windows(NIK.len()).any(|w| w == NIK.as_bytes()),
            "the NIK is gone from the database file"
        );
    }
    hub.running.stop().await;
}

#[test]
fn the_office_sets_and_reads_the_periods_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let out = support::hub(
        &["retention", "set", "--kind", "complaint", "--days", "400"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = support::stdout_json(&support::hub(&["retention", "show", "--json"], dir.path()));
    let complaint = shown
        .as_array()
        .expect("periods")
        .iter()
        .find(|p| p["kind"] == "complaint")
        .expect("complaint");
    assert_eq!(
        (complaint["days"].as_u64(), complaint["set"].as_bool()),
        (Some(400), Some(true))
    );
    let refused = support::hub(
        &["retention", "set", "--kind", "item", "--days", "0"],
        dir.path(),
    );
    assert!(!refused.status.success());
    let out = dir.path().join("subjek.json");
    let export = support::hub(
        &[
            "subject",
            "export",
            "--nik",
            NIK,
            "--out",
            out.to_str().expect("utf8"),
        ],
        dir.path(),
    );
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).expect("file").permissions().mode() & 0o777,
        0o600
    );
    let bad = support::hub(&["subject", "erase", "--nik", "12345"], dir.path());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("16 digits"));
}

/// The office's figures that must not move: applications per status, the IKM, complaints
/// per category.
async fn figures(hub: &support::Hub) -> serde_json::Value {
    let apps = anjungan_hub::applications::list(&hub.pool, None)
        .await
        .expect("list");
    let mut by_status = std::collections::BTreeMap::<String, u64>::new();
    for a in apps {
        *by_status.entry(a.status).or_default() += 1;
    }
    let complaints = anjungan_hub::complaints::list(&hub.pool, hub.dir.path(), None)
        .await
        .expect("complaints");
    let categories: Vec<String> = complaints.into_iter().map(|c| c.category).collect();
    serde_json::json!({"by_status": by_status, "categories": categories})
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
