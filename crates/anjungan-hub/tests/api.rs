//! The `/v1` router driven in-process (`oneshot`), on a real SQLite database in a temp dir.

mod support;

use anjungan_hub::routes::{app, AppState, ROUTES};
use anjungan_hub::{demo, kiosks};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use rand::rngs::StdRng;
use rand::SeedableRng;
use tower::ServiceExt;

struct Hub {
    dir: tempfile::TempDir,
    state: AppState,
    token: String,
}

async fn hub() -> Hub {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = anjungan_hub::testing::open(dir.path()).await.expect("db");
    demo::load(&pool).await.expect("demo");
    let token = kiosks::enrol(&pool, "lobby-1", &mut StdRng::seed_from_u64(1))
        .await
        .expect("enrol");
    let data_dir = dir.path().to_owned();
    Hub {
        dir,
        state: AppState {
            // The day the tests' items are dated.
            clock: anjungan_hub::clock::HubClock::fixed(
                time::macros::datetime!(2026-11-29 10:00 UTC),
            ),
            ..AppState::new(pool, data_dir)
        },
        token,
    }
}

async fn get(
    hub: &Hub,
    path: &str,
    token: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let mut req = Request::get(path);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = app(hub.state.clone())
        .oneshot(req.body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, headers, json)
}

#[tokio::test]
async fn every_response_carries_the_server_time() {
    let hub = hub().await;
    for path in ["/v1/health", "/v1/kiosk/me", "/nowhere"] {
        let (_, headers, _) = get(&hub, path, None).await;
        let t = headers
            .get("x-server-time")
            .expect(path)
            .to_str()
            .expect("ascii");
        assert!(t.ends_with('Z') && t.len() >= 20, "{path}: {t}");
    }
}

#[tokio::test]
async fn a_kiosk_is_known_by_its_token_and_a_wrong_token_gets_401() {
    let hub = hub().await;
    let (status, _, body) = get(&hub, "/v1/kiosk/me", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["kiosk_name"], "lobby-1");

    let mut wrong = hub.token.clone();
    wrong.pop();
    wrong.push('x');
    for token in [Some(wrong.as_str()), Some(""), None] {
        let (status, headers, body) = get(&hub, "/v1/kiosk/me", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(body["code"], "unauthorized");
        assert_eq!(
            headers.get("www-authenticate").expect("challenge"),
            "Bearer"
        );
    }
}

#[tokio::test]
async fn status_lookups_find_demo_applications_and_reject_bad_numbers() {
    let hub = hub().await;
    let (status, _, body) = get(&hub, "/v1/applications/26-000-00103-6", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "perlu_perbaikan");
    assert_eq!(body["service_code"], "izin-trayek");
    assert!(body["service_name"]
        .as_str()
        .expect("name")
        .contains("Trayek"));
    // The requirement to bring is named, not coded; no personal data travels.
    assert_eq!(body["missing"][0], "Buku KIR / bukti lulus uji berkala");
    assert_eq!(body["history"][0]["status"], "diterima");
    assert_eq!(body["history"][1]["status"], "perlu_perbaikan");
    assert!(body.get("applicant").is_none() && !body.to_string().contains("nik"));

    let (status, _, body) = get(&hub, "/v1/applications/26-000-99999-1", Some(&hub.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    let (status, _, body) = get(&hub, "/v1/applications/20260001", Some(&hub.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_input"))
    );

    let (status, _, _) = get(&hub, "/v1/applications/26-000-00103-6", None).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "status needs a kiosk token"
    );
}

#[tokio::test]
async fn the_catalogue_has_the_demo_services_and_answers_304_to_its_etag() {
    let hub = hub().await;
    let (status, headers, body) = get(&hub, "/v1/catalogue", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["services"].as_array().expect("services").len(), 16);
    assert_eq!(body["schema"], 2);
    let etag = headers
        .get("etag")
        .expect("etag")
        .to_str()
        .expect("ascii")
        .to_owned();

    let resp = app(hub.state.clone())
        .oneshot(
            Request::get("/v1/catalogue")
                .header("authorization", format!("Bearer {}", hub.token))
                .header("if-none-match", &etag)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn loading_the_demo_twice_changes_nothing() {
    let hub = hub().await;
    demo::load(&hub.state.pool).await.expect("second load");
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM applications")
        .fetch_one(&hub.state.pool)
        .await
        .expect("count");
    assert_eq!(n as usize, demo::APPLICATIONS.len());
}

#[tokio::test]
async fn enrolling_the_same_name_twice_is_refused() {
    let hub = hub().await;
    let again = kiosks::enrol(&hub.state.pool, "lobby-1", &mut StdRng::seed_from_u64(2)).await;
    assert!(matches!(
        again,
        Err(anjungan_hub::error::HubError::KioskExists(_))
    ));
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let hub = hub().await;
    let (status, _, doc) = get(&hub, "/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .expect("operations")
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let mut served: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    documented.sort();
    served.sort();
    assert_eq!(
        documented, served,
        "served routes and documented operations differ"
    );
}

async fn send(hub: &Hub, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let resp = app(hub.state.clone()).oneshot(req).await.expect("response");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

fn post_items(hub: &Hub, items: serde_json::Value) -> Request<Body> {
    Request::post("/v1/items")
        .header("authorization", format!("Bearer {}", hub.token))
        .header("content-type", "application/json")
        .body(Body::from(
            serde_json::json!({ "items": items }).to_string(),
        ))
        .expect("request")
}

fn item(id: &str, blobs: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "id": id, "kind": "complaint", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"demo": true, "category": "k"}, "personal": {"name": "Siti"}, "blobs": blobs,
    })
}

fn v7() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[tokio::test]
async fn an_item_is_accepted_once_and_a_duplicate_forever_after() {
    let hub = hub().await;
    let id = v7();
    let (status, body) = send(&hub, post_items(&hub, serde_json::json!([item(&id, &[])]))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["results"][0]["outcome"], "accepted");
    for _ in 0..2 {
        let (_, body) = send(&hub, post_items(&hub, serde_json::json!([item(&id, &[])]))).await;
        assert_eq!(body["results"][0]["outcome"], "duplicate");
    }
    let stats = anjungan_hub::items::stats(&hub.state.pool)
        .await
        .expect("stats");
    assert_eq!((stats.items, stats.duplicate_submissions), (1, 2));
}

#[tokio::test]
async fn invalid_items_are_rejected_one_by_one_with_a_reason() {
    let hub = hub().await;
    let good = v7();
    let v4 = uuid::Uuid::new_v4().to_string();
    let missing_blob = "ab".repeat(32);
    let mut not_object = item(&v7(), &[]);
    not_object["payload"] = serde_json::json!("text");
    let (status, body) = send(
        &hub,
        post_items(
            &hub,
            serde_json::json!([
                item(&good, &[]),
                item(&v4, &[]),
                item(&v7(), &[&missing_blob]),
                not_object
            ]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let outcomes: Vec<&str> = body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["accepted", "rejected", "rejected", "rejected"]);
    assert!(body["results"][2]["reason"]
        .as_str()
        .expect("reason")
        .contains("not uploaded"));
}

#[tokio::test]
async fn documents_are_checked_against_their_hash_and_stored_once() {
    let hub = hub().await;
    let bytes = b"%PDF-1.7 demo document".to_vec();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let put = |sha: &str, bytes: Vec<u8>| {
        Request::put(format!("/v1/blobs/{sha}"))
            .header("authorization", format!("Bearer {}", hub.token))
            .body(Body::from(bytes))
            .expect("request")
    };
    let head = |sha: &str| {
        Request::head(format!("/v1/blobs/{sha}"))
            .header("authorization", format!("Bearer {}", hub.token))
            .body(Body::empty())
            .expect("request")
    };
    assert_eq!(send(&hub, head(&sha)).await.0, StatusCode::NOT_FOUND);
    let (status, body) = send(&hub, put(&sha, b"something else".to_vec())).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_input"))
    );
    assert_eq!(
        send(&hub, put(&sha, bytes.clone())).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&hub, put(&sha, bytes.clone())).await.0,
        StatusCode::NO_CONTENT,
        "idempotent"
    );
    assert_eq!(send(&hub, head(&sha)).await.0, StatusCode::OK);
    let stored = anjungan_hub::blobs::read(&hub.state.pool, hub.dir.path(), &sha)
        .await
        .expect("stored");
    assert_eq!(stored, bytes);
    if anjungan_hub::db::engine(&hub.state.pool) == anjungan_hub::db::Engine::Sqlite {
        let on_disk = hub.dir.path().join("blobs").join(&sha[..2]).join(&sha);
        assert_eq!(std::fs::read(on_disk).expect("file"), bytes);
    }

    // Only applications and complaints name documents.
    let mut check = item(&v7(), &[&sha]);
    check["kind"] = "verification".into();
    let (_, body) = send(&hub, post_items(&hub, serde_json::json!([check]))).await;
    assert_eq!(body["results"][0]["outcome"], "rejected", "{body}");
    let (_, body) = send(
        &hub,
        post_items(
            &hub,
            serde_json::json!([support::application_item(
                &support::tracking(1, 1),
                &[(sha.as_str(), bytes.len())]
            )]),
        ),
    )
    .await;
    assert_eq!(body["results"][0]["outcome"], "accepted", "{body}");
}

#[tokio::test]
async fn a_malformed_request_gets_a_json_error_with_the_right_status() {
    let hub = hub().await;
    let post = |content_type: &str, body: &str| {
        Request::post("/v1/items")
            .header("authorization", format!("Bearer {}", hub.token))
            .header("content-type", content_type)
            .body(Body::from(body.to_owned()))
            .expect("request")
    };
    for (req, status, code) in [
        (
            post("application/json", "{not json"),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            post("text/plain", "{}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            post("application/json", r#"{"items": [{"id": 1}]}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            Request::delete("/v1/items")
                .body(Body::empty())
                .expect("request"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ] {
        let resp = app(hub.state.clone()).oneshot(req).await.expect("response");
        assert_eq!(resp.status(), status);
        assert_eq!(
            resp.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/json")
        );
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(body["code"], code, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn items_need_a_kiosk_token_and_batches_are_bounded() {
    let hub = hub().await;
    let req = Request::post("/v1/items")
        .header("content-type", "application/json")
        .body(Body::from(serde_json::json!({"items": []}).to_string()))
        .expect("request");
    assert_eq!(send(&hub, req).await.0, StatusCode::UNAUTHORIZED);
    let many: Vec<serde_json::Value> = (0..501).map(|_| item(&v7(), &[])).collect();
    let (status, body) = send(&hub, post_items(&hub, serde_json::Value::from(many))).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_input"))
    );
}

/// A `survey_response` item as a kiosk sends it.
fn survey_item(
    visit_id: Option<&str>,
    source: &str,
    date: &str,
    answers: serde_json::Value,
    profile: serde_json::Value,
) -> serde_json::Value {
    // Each at its own minute: the office's cool-down between code-less surveys holds.
    static MINUTE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let m = MINUTE.fetch_add(5, std::sync::atomic::Ordering::SeqCst);
    let submitted_at = format!("2026-11-29T{:02}:{:02}:00Z", 1 + m / 60, m % 60);
    serde_json::json!({
        "id": v7(), "kind": "survey_response", "created_at": "2026-11-29T09:00:00Z",
        "payload": {"visit_id": visit_id, "source": source, "date": date,
                    "submitted_at": submitted_at, "answers": answers,
                    "suggestion": null, "profile": profile},
        "personal": null, "blobs": [],
    })
}

#[tokio::test]
async fn survey_items_feed_the_office_ikm_and_malformed_ones_are_rejected() {
    let hub = hub().await;
    let survey = |answers: serde_json::Value| {
        survey_item(
            Some("v1"),
            "kiosk",
            "2026-11-29",
            answers,
            serde_json::json!({"sex": "perempuan"}),
        )
    };
    let (_, body) = send(
        &hub,
        post_items(
            &hub,
            serde_json::json!([
                survey(serde_json::json!([4, 4, 4, 4, 4, 4, 4, 4, 4, 4])),
                survey(serde_json::json!([4, 4, 4])),
                survey(serde_json::json!([5, 4, 4, 4, 4, 4, 4, 4, 4, 4])),
            ]),
        ),
    )
    .await;
    let outcomes: Vec<&str> = body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["accepted", "rejected", "rejected"]);
    let s = anjungan_hub::skm::summary(&hub.state.pool, None, None, None)
        .await
        .expect("summary");
    assert_eq!((s.respondents, s.ikm), (1, Some(100.0)));

    // A kiosk token cannot skew the IKM with what no kiosk makes: codes outside the
    // questionnaire, dates outside the hub's calendar window (its clock says 2026-11-29).
    let shaped = |source: &str, date: &str, profile: serde_json::Value| {
        let ones = serde_json::json!([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        survey_item(None, source, date, ones, profile)
    };
    let (_, body) = send(
        &hub,
        post_items(
            &hub,
            serde_json::json!([
                shaped("kiosk", "2026-11-29", serde_json::json!({"sex": "robot"})),
                shaped(
                    "kiosk",
                    "2026-11-29",
                    serde_json::json!({"age_band": "130_139"})
                ),
                shaped(
                    "kiosk",
                    "2026-11-29",
                    serde_json::json!({"service_code": "<x>"})
                ),
                shaped("kiosk", "2027-03-01", serde_json::json!({})),
                shaped("kiosk", "2025-01-01", serde_json::json!({})),
                shaped(
                    "import",
                    "2025-01-01",
                    serde_json::json!({"sex": "laki_laki", "education": "s1"})
                ),
                shaped(
                    "kiosk",
                    "2026-11-30",
                    serde_json::json!({"occupation": "swasta"})
                ),
            ]),
        ),
    )
    .await;
    let results = body["results"].as_array().expect("results");
    let outcomes: Vec<&str> = results
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    // Paper surveys come in at the hub, never from a kiosk token.
    assert_eq!(
        outcomes,
        ["rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "accepted"],
        "{body}"
    );
    assert!(results[5]["reason"]
        .as_str()
        .expect("reason")
        .contains("imported at the hub"));
    assert!(results[0]["reason"]
        .as_str()
        .expect("reason")
        .contains("sex"));
    assert!(results[3]["reason"]
        .as_str()
        .expect("reason")
        .contains("window"));
}

#[tokio::test]
async fn trust_lists_are_signed_cached_by_etag_and_the_phone_page_needs_no_script() {
    let hub = hub().await;
    let (status, headers, body) = get(&hub, "/v1/trust", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    let lists: anjungan_permit::trust::SignedLists = serde_json::from_value(body).expect("lists");
    let fingerprint =
        anjungan_hub::trust::root_fingerprint_now(&hub.state.pool, &mut rand::rngs::OsRng)
            .await
            .expect("root");
    assert!(
        lists
            .open(anjungan_permit::trust::Anchor::Pinned(&fingerprint))
            .is_ok(),
        "signed by the root an enrolment code names"
    );
    let etag = headers
        .get("etag")
        .expect("etag")
        .to_str()
        .expect("ascii")
        .to_owned();
    let resp = app(hub.state.clone())
        .oneshot(
            Request::get("/v1/trust")
                .header("authorization", format!("Bearer {}", hub.token))
                .header("if-none-match", &etag)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(
        resp.status(),
        StatusCode::NOT_MODIFIED,
        "unchanged lists give the same bytes"
    );
    assert_eq!(
        get(&hub, "/v1/trust", None).await.0,
        StatusCode::UNAUTHORIZED
    );

    let resp = app(hub.state.clone())
        .oneshot(
            Request::get("/p/503%2F0001")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::OK);
    let csp = resp.headers().get("content-security-policy").expect("csp");
    assert!(
        csp.to_str()
            .expect("ascii")
            .starts_with("default-src 'none';")
            && !csp.to_str().expect("ascii").contains("script-src"),
        "{csp:?}"
    );
    assert_eq!(
        resp.headers().get("cache-control").expect("no-store"),
        "no-store"
    );
    assert_eq!(
        resp.headers()
            .get("x-content-type-options")
            .expect("nosniff"),
        "nosniff"
    );
    let html = String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    )
    .expect("utf8");
    assert!(html.contains("TIDAK DIKENAL") && !html.contains("<script"));
}

#[tokio::test]
async fn the_office_document_and_the_receipt_pages_carry_no_personal_data() {
    let hub = hub().await;
    let (status, headers, body) = get(&hub, "/v1/office", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers.get("etag").is_some(),
        "kiosks fetch it with If-None-Match"
    );
    assert!(body["calendar"]["days"]
        .as_array()
        .is_some_and(|d| d.len() > 40));
    assert_eq!(body["skm"]["allow_unlinked"], true);
    let (status, _, _) = get(&hub, "/v1/office", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // An unknown code and a mistyped one.
    let (status, _, _) = get(&hub, "/v1/skm/codes/1234567890", Some(&hub.token)).await;
    assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST);
    let code = anjungan_skm::code::new_code(42);
    let (status, _, _) = get(&hub, &format!("/v1/skm/codes/{code}"), Some(&hub.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The receipt QR's page: public, status and due date, nothing personal.
    let resp = app(hub.state.clone())
        .oneshot(
            Request::get("/t/26-000-00104-8")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::OK);
    let html = String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec(),
    )
    .expect("utf8");
    assert!(
        html.contains("Sedang diproses") && html.contains("Tenggat"),
        "{html}"
    );
    assert!(!html.to_lowercase().contains("nik"));
}

#[tokio::test]
async fn an_id_sent_again_with_other_content_is_refused_not_called_a_duplicate() {
    let hub = hub().await;
    let id = v7();
    let (_, body) = send(&hub, post_items(&hub, serde_json::json!([item(&id, &[])]))).await;
    assert_eq!(body["results"][0]["outcome"], "accepted");
    let mut other = item(&id, &[]);
    other["payload"] = serde_json::json!({"demo": true, "category": "lain"});
    let (status, body) = send(&hub, post_items(&hub, serde_json::json!([other]))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["results"][0]["outcome"], "rejected");
    assert!(
        body["results"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("different content"),
        "{body}"
    );
    // The same content again is still a plain resend.
    let (_, body) = send(&hub, post_items(&hub, serde_json::json!([item(&id, &[])]))).await;
    assert_eq!(body["results"][0]["outcome"], "duplicate");
}

#[tokio::test]
async fn a_conflict_in_one_items_records_refuses_that_item_and_the_batch_stands() {
    let hub = hub().await;
    let survey = |visit: &str| {
        survey_item(
            Some(visit),
            "kiosk",
            "2026-11-29",
            serde_json::json!([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]),
            serde_json::json!({"sex": "perempuan"}),
        )
    };
    let (status, _) = send(&hub, post_items(&hub, serde_json::json!([survey("v9")]))).await;
    assert_eq!(status, StatusCode::OK);
    // A later batch: another item answering the same visit, and an unrelated complaint.
    let complaint = v7();
    let (status, body) = send(
        &hub,
        post_items(
            &hub,
            serde_json::json!([survey("v9"), item(&complaint, &[])]),
        ),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "not a 503 for the whole batch: {body}"
    );
    let outcomes: Vec<&str> = body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["rejected", "accepted"], "{body}");
}
