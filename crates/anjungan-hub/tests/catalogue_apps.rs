//! The office's side of Ajukan Izin through the real `anjungan-hub` binary: catalogue
//! import (every error with line and field, versions kept, ETag bumped), the phone page of
//! a service, and the applications commands on what a kiosk delivered.

use anjungan_hub::routes::{app, AppState};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
mod support;

use support::{hub, stdout_json};
use tower::ServiceExt;

const DEMO: &str = include_str!("../demo/catalogue.json");

#[test]
fn a_catalogue_file_with_a_missing_field_is_refused_with_its_line_and_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("katalog.json");
    let broken = DEMO.replacen("      \"fee_free\": true,\n", "", 1);
    std::fs::write(&file, &broken).expect("write");
    let out = hub(
        &[
            "catalogue",
            "import",
            "--json",
            file.to_str().expect("utf8"),
        ],
        &dir.path().join("hub"),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("services[0]") && err.contains("missing field `fee_free`"),
        "{err}"
    );
    assert!(err.contains("line "), "{err}");

    let mut dup: serde_json::Value = serde_json::from_str(DEMO).expect("demo");
    dup["services"][1]["code"] = dup["services"][0]["code"].clone();
    dup["services"][3]["requirements"][0]["formats"] = serde_json::json!(["docx"]);
    std::fs::write(&file, serde_json::to_string_pretty(&dup).expect("json")).expect("write");
    let out = hub(
        &[
            "catalogue",
            "import",
            "--json",
            file.to_str().expect("utf8"),
        ],
        &dir.path().join("hub"),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("services[1].code") && err.contains("services[3].requirements[0].formats"),
        "{err}"
    );
    assert_eq!(err.matches("line ").count(), 2, "{err}");
}

#[tokio::test]
async fn every_import_is_a_new_version_kept_and_served_with_a_new_etag() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("hub");
    let file = dir.path().join("katalog.json");
    std::fs::write(&file, DEMO).expect("write");
    assert_eq!(
        stdout_json(&hub(
            &[
                "catalogue",
                "import",
                "--json",
                file.to_str().expect("utf8")
            ],
            &data
        ))["version"],
        1
    );
    let mut edited: serde_json::Value = serde_json::from_str(DEMO).expect("demo");
    edited["services"][0]["published"] = serde_json::json!(true);
    edited["services"][0]["fee"] = serde_json::json!("Gratis (Perda 1/2026)");
    std::fs::write(&file, serde_json::to_string(&edited).expect("json")).expect("write");
    assert_eq!(
        stdout_json(&hub(
            &[
                "catalogue",
                "import",
                "--json",
                file.to_str().expect("utf8")
            ],
            &data
        ))["version"],
        2
    );
    let exported = stdout_json(&hub(&["catalogue", "export"], &data));
    assert_eq!(exported["version"], 2);
    assert_eq!(exported["services"][0]["published"], true);

    let pool = anjungan_hub::testing::open(&data).await.expect("db");
    let versions = anjungan_hub::catalogue::versions(&pool)
        .await
        .expect("versions");
    assert_eq!(
        versions.iter().map(|v| v.0).collect::<Vec<_>>(),
        [1, 2],
        "the old version is kept"
    );
    let old: (String,) = sqlx::query_as("SELECT body FROM catalogue_versions WHERE version = 1")
        .fetch_one(&pool)
        .await
        .expect("v1");
    assert!(old.0.contains("\"published\": false"));

    let token = anjungan_hub::kiosks::enrol(&pool, "k", &mut rand::rngs::OsRng)
        .await
        .expect("enrol");
    let state = AppState::new(pool.clone(), data.clone());
    let etag = |body_version: u32| {
        let state = state.clone();
        let token = token.clone();
        async move {
            let resp = app(state)
                .oneshot(
                    Request::get("/v1/catalogue")
                        .header("authorization", format!("Bearer {token}"))
                        .body(Body::empty())
                        .expect("req"),
                )
                .await
                .expect("resp");
            let tag = resp
                .headers()
                .get("etag")
                .expect("etag")
                .to_str()
                .expect("ascii")
                .to_owned();
            let body: serde_json::Value =
                serde_json::from_slice(&resp.into_body().collect().await.expect("body").to_bytes())
                    .expect("json");
            assert_eq!(body["version"], body_version);
            tag
        }
    };
    let two = etag(2).await;
    std::fs::write(&file, DEMO).expect("write");
    assert_eq!(
        stdout_json(&hub(
            &[
                "catalogue",
                "import",
                "--json",
                file.to_str().expect("utf8")
            ],
            &data
        ))["version"],
        3
    );
    assert_ne!(etag(3).await, two, "a new version, a new ETag");
}

#[tokio::test]
async fn the_service_page_for_phones_is_static_escaped_and_scriptless() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    let mut edited: serde_json::Value = serde_json::from_str(DEMO).expect("demo");
    edited["services"][0]["name"] = serde_json::json!("SIP <script>alert(1)</script> Dokter");
    edited["services"][1]["sla_working_days"] = serde_json::json!(0);
    anjungan_hub::catalogue::import(&pool, &edited.to_string())
        .await
        .expect("import");
    let state = AppState::new(pool, dir.path().to_owned());
    let page = |path: &'static str| {
        let state = state.clone();
        async move {
            let resp = app(state)
                .oneshot(Request::get(path).body(Body::empty()).expect("req"))
                .await
                .expect("resp");
            let status = resp.status();
            let csp = resp
                .headers()
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap_or_default().to_owned());
            let html = String::from_utf8(
                resp.into_body()
                    .collect()
                    .await
                    .expect("body")
                    .to_bytes()
                    .to_vec(),
            )
            .expect("utf8");
            (status, csp, html)
        }
    };
    let (status, csp, html) = page("/s/sip-dokter").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csp.expect("csp").starts_with("default-src 'none'"));
    assert!(!html.contains("<script"), "names are escaped");
    assert!(html.contains("alert(1)"), "the text stays, as text");
    assert!(
        html.contains("CONTOH") && html.contains("KTP-el pemohon") && html.contains("9 hari kerja")
    );
    let (_, _, html) = page("/s/sip-bidan").await;
    assert!(html.contains("Selesai di tempat") && !html.contains("0 hari kerja"));
    assert_eq!(page("/s/tidak-ada").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_list_show_move_and_take_out_documents_of_delivered_applications() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("hub");
    let pool = anjungan_hub::testing::open(&data).await.expect("db");
    anjungan_hub::demo::load(&pool).await.expect("demo");
    let token = anjungan_hub::kiosks::enrol(&pool, "lobby", &mut rand::rngs::OsRng)
        .await
        .expect("enrol");
    let kiosk = anjungan_hub::kiosks::authenticate(&pool, &token)
        .await
        .expect("kiosk");
    assert_eq!(kiosk.number, Some(1));
    let doc = b"%PDF-1.4 a scanned KTP".to_vec();
    let sha = anjungan_hub::blobs::put(
        &pool,
        &data,
        &kiosk.id,
        &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&doc)),
        &doc,
        &anjungan_hub::limits::Limits::default(),
        time::OffsetDateTime::now_utc(),
    )
    .await;
    assert!(sha.is_ok(), "{sha:?}");
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&doc));
    let number = anjungan_apply::TrackingNumber::new(2026, 1, 7)
        .expect("n")
        .to_string();
    let batch: anjungan_wire::api::ItemBatch = serde_json::from_value(serde_json::json!({"items": [{
        "id": uuid::Uuid::now_v7().to_string(), "kind": "application", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"tracking_number": number, "service": "sip-dokter", "kind": "baru", "applicant_type": "perorangan",
                    "documents": [{"requirement": "ktp", "sha256": sha, "kind": "pdf", "pages": 1, "bytes": doc.len()}],
                    "submitted_on": "2026-11-29"},
        "personal": {"applicant": {"nik": "1872015408900002", "name": "Siti", "sex": "P", "birth_place": "Metro",
                     "birth_date": "1990-08-14", "address": "Metro", "phone": "081234567890"}},
        "blobs": [sha]}]})).expect("batch");
    let result = anjungan_hub::items::ingest(
        &pool,
        &kiosk.id,
        &kiosk.name,
        batch,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .expect("ingest");
    assert_eq!(
        result.results[0].outcome,
        anjungan_wire::api::ItemOutcome::Accepted,
        "{result:?}"
    );
    pool.close().await;

    let list = stdout_json(&hub(
        &["applications", "list", "--json", "--status", "diterima"],
        &data,
    ));
    let numbers: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["tracking_number"].as_str())
        .collect();
    assert!(numbers.contains(&number.as_str()), "{list}");
    let shown = stdout_json(&hub(
        &["applications", "show", "--number", &number, "--json"],
        &data,
    ));
    assert_eq!(shown["documents"][0]["sha256"], sha);
    assert_eq!(shown["documents"][0]["size"], doc.len());
    assert_eq!(shown["applicant"]["nik"], "1872015408900002");

    let refused = hub(
        &[
            "applications",
            "set-status",
            "--number",
            &number,
            "--status",
            "ditolak",
        ],
        &data,
    );
    assert!(!refused.status.success(), "a refusal needs its reason");
    let unknown = hub(
        &[
            "applications",
            "set-status",
            "--number",
            &number,
            "--status",
            "perlu_perbaikan",
            "--missing",
            "nope",
        ],
        &data,
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not a requirement"));
    stdout_json(&hub(
        &[
            "applications",
            "set-status",
            "--number",
            &number,
            "--status",
            "perlu_perbaikan",
            "--missing",
            "str",
            "--note",
            "STR sudah kedaluwarsa",
            "--by",
            "petugas-2",
        ],
        &data,
    ));
    let shown = stdout_json(&hub(
        &["applications", "show", "--number", &number, "--json"],
        &data,
    ));
    assert_eq!(shown["status"], "perlu_perbaikan");
    assert_eq!(shown["audit"][1]["by"], "petugas-2");
    assert!(shown["missing"][0]
        .as_str()
        .expect("name")
        .starts_with("Surat Tanda Registrasi"));

    let out = dir.path().join("ktp.pdf");
    stdout_json(&hub(
        &[
            "applications",
            "document",
            "--number",
            &number,
            "--requirement",
            "ktp",
            "--out",
            out.to_str().expect("utf8"),
        ],
        &data,
    ));
    assert_eq!(std::fs::read(&out).expect("doc"), doc);
}
