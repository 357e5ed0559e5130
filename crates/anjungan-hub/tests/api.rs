//! The `/v1` router driven in-process (`oneshot`), on a real SQLite database in a temp dir.

use anjungan_hub::routes::{app, AppState, ROUTES};
use anjungan_hub::{db, demo, kiosks};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use rand::rngs::StdRng;
use rand::SeedableRng;
use tower::ServiceExt;

struct Hub {
    _dir: tempfile::TempDir,
    state: AppState,
    token: String,
}

async fn hub() -> Hub {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = db::open(dir.path()).await.expect("db");
    demo::load(&pool).await.expect("demo");
    let token = kiosks::enrol(&pool, "lobby-1", &mut StdRng::seed_from_u64(1))
        .await
        .expect("enrol");
    Hub {
        _dir: dir,
        state: AppState { pool },
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
    let (status, _, body) = get(&hub, "/v1/applications/2026-000103", Some(&hub.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "perlu_perbaikan");
    assert_eq!(body["service_code"], "izin-trayek");
    assert!(body["service_name"]
        .as_str()
        .expect("name")
        .contains("Trayek"));

    let (status, _, body) = get(&hub, "/v1/applications/2026-999999", Some(&hub.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    let (status, _, body) = get(&hub, "/v1/applications/20260001", Some(&hub.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_input"))
    );

    let (status, _, _) = get(&hub, "/v1/applications/2026-000103", None).await;
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
    assert_eq!(body["services"].as_array().expect("services").len(), 17);
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
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in ROUTES {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is served but not documented"
        );
    }
    assert_eq!(
        paths.len(),
        ROUTES.len(),
        "documented paths that are not served"
    );
}
