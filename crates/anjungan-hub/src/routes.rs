//! The `/v1` API. Every response carries the hub's clock in `x-server-time`; every error
//! is `{code, message}`. Documented in `openapi.json` (a test keeps the two in step).

use crate::db::now_rfc3339;
use crate::error::HubError;
use crate::kiosks::{self, Kiosk};
use anjungan_wire::api::{
    ApplicationStatusBody, BatchResult, Health, ItemBatch, KioskIdentity, PermitLookup,
    PermitLookupRequest, MAX_BLOB_BYTES, SERVER_TIME_HEADER,
};
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{middleware, Json, Router};
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The address a connection comes from, in every request's extensions (the server puts it
/// there; the kiosk-token check reads it for its failure budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer(pub SocketAddr);

#[derive(Clone)]
pub struct AppState {
    pub pool: AnyPool,
    /// A small read-only pool of its own for the public pages (`/p/`, `/s/`, `/t/`): a flood
    /// of them waits for these connections and never for the ones kiosk sync uses.
    pub public_pool: AnyPool,
    /// Where document files live (`blobs/` under it).
    pub data_dir: PathBuf,
    pub clock: crate::clock::HubClock,
    pub limits: std::sync::Arc<crate::limits::Limits>,
    /// Take a client's address from `X-Forwarded-For` when the connection is from loopback.
    pub behind_proxy: bool,
    /// Served over TLS: the back office's cookie is `Secure` with the `__Host-` prefix.
    pub secure: bool,
}

impl AppState {
    /// The state for the data in `data_dir`, whose database `pool` has open: the system
    /// clock and the default limits.
    pub fn new(pool: AnyPool, data_dir: PathBuf) -> Self {
        Self {
            public_pool: crate::db::public_pool(&pool),
            pool,
            data_dir,
            clock: crate::clock::HubClock::system(),
            limits: std::sync::Arc::default(),
            behind_proxy: false,
            secure: false,
        }
    }
}

/// Every route of `/v1`, as (method, path) — the OpenAPI test checks each is documented.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/v1/health"),
    ("get", "/v1/openapi.json"),
    ("get", "/v1/kiosk/me"),
    ("post", "/v1/kiosk/heartbeat"),
    ("get", "/v1/catalogue"),
    ("get", "/v1/applications/{tracking_number}"),
    ("post", "/v1/items"),
    ("put", "/v1/blobs/{sha256}"),
    ("head", "/v1/blobs/{sha256}"),
    ("get", "/v1/trust"),
    ("post", "/v1/permits/lookup"),
    ("get", "/p/{number}"),
    ("get", "/s/{service_code}"),
    ("get", "/t/{tracking_number}"),
    ("get", "/v1/office"),
    ("get", "/v1/skm/codes/{code}"),
    ("post", "/v1/complaints/status"),
];

/// Largest `POST /v1/items` body.
pub const MAX_BATCH_BYTES: usize = 32 * 1024 * 1024;

pub fn app(state: AppState) -> Router {
    let public = middleware::from_fn_with_state(state.clone(), limit_public);
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/openapi.json", get(openapi))
        .route("/v1/kiosk/me", get(me))
        .route("/v1/kiosk/heartbeat", post(heartbeat))
        .route("/v1/catalogue", get(catalogue))
        .route(
            "/v1/applications/{tracking_number}",
            get(application_status),
        )
        .route(
            "/v1/items",
            post(post_items).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES)),
        )
        .route(
            "/v1/blobs/{sha256}",
            put(put_blob)
                .head(head_blob)
                .layer(DefaultBodyLimit::max(MAX_BLOB_BYTES)),
        )
        .route("/v1/trust", get(trust))
        .route("/v1/permits/lookup", post(permit_lookup))
        .route("/p/{number}", get(permit_page).layer(public.clone()))
        .route("/s/{service_code}", get(service_page).layer(public.clone()))
        .route("/t/{tracking_number}", get(status_page).layer(public))
        .route("/v1/office", get(office))
        .route("/v1/skm/codes/{code}", get(skm_code))
        .route("/v1/complaints/status", post(complaint_status))
        .merge(crate::backoffice::routes())
        .fallback(|| async { HubError::NotFound("route".into()) })
        .layer(middleware::from_fn(run_to_completion))
        .layer(middleware::map_response(json_errors))
        .layer(middleware::map_response(stamp_server_time))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// The per-address limit of the public pages.
async fn limit_public(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let key = client_address(&state, req.extensions(), req.headers());
    match state.limits.public.take(&key, std::time::Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(wait) => HubError::Throttled(wait).into_response(),
    }
}

/// The client a request comes from: its connection's address, or behind the office's proxy
/// (a connection from loopback) the last address of `X-Forwarded-For`.
fn client_address(
    state: &AppState,
    extensions: &axum::http::Extensions,
    headers: &HeaderMap,
) -> String {
    let peer = extensions.get::<Peer>().map(|p| p.0.ip());
    let forwarded = || {
        headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
    };
    match peer {
        Some(ip) if state.behind_proxy && ip.is_loopback() => forwarded().unwrap_or(ip).to_string(),
        Some(ip) => ip.to_string(),
        None => "unknown".to_owned(),
    }
}

/// A request's work runs to its end even when its client goes away. The server drops a
/// request's future when the connection closes (a kiosk killed or unplugged mid-sync), and a
/// database call dropped half-way is where drivers leak state (an open `BEGIN IMMEDIATE`,
/// see [`crate::db`]); spawned, the work finishes or fails on its own terms, and the kiosk's
/// next attempt finds the item stored once or not at all.
async fn run_to_completion(req: axum::extract::Request, next: middleware::Next) -> Response {
    match tokio::spawn(next.run(req)).await {
        Ok(resp) => resp,
        Err(e) => HubError::Internal(format!("request task: {e}")).into_response(),
    }
}

/// Every error is `{code, message}` in JSON, also those axum's extractors answer on their
/// own in plain text (a malformed body 400, a wrong content type 415, a body of the wrong
/// shape 422, one over the limit 413, a method a route lacks 405). Pages (HTML) stay pages.
async fn json_errors(resp: Response) -> Response {
    let status = resp.status();
    let is_text = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.starts_with("text/plain"));
    if !(status.is_client_error() || status.is_server_error()) || !is_text {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        s if s.is_server_error() => "internal",
        _ => "invalid_input",
    };
    let body = anjungan_wire::api::ApiError {
        code: code.to_owned(),
        message: if text.is_empty() {
            status.canonical_reason().unwrap_or("error").to_owned()
        } else {
            text
        },
    };
    let mut out = (status, Json(body)).into_response();
    for (name, value) in &parts.headers {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

async fn stamp_server_time(mut resp: Response) -> Response {
    if let Ok(v) = HeaderValue::from_str(&now_rfc3339()) {
        resp.headers_mut().insert(SERVER_TIME_HEADER, v);
    }
    resp
}

/// A request made with a valid kiosk token.
pub struct AuthKiosk(pub Kiosk);

/// The client's address as the limits see it (behind the office's proxy, the forwarded one).
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(
            state,
            &parts.extensions,
            &parts.headers,
        )))
    }
}

impl FromRequestParts<AppState> for AuthKiosk {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HubError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(HubError::Unauthorized)?;
        // An address that sent too many wrong tokens waits before any lookup: guessing
        // tokens costs no database connection that kiosk sync needs.
        let address = client_address(state, &parts.extensions, &parts.headers);
        let at = std::time::Instant::now();
        state
            .limits
            .wrong_tokens
            .check(&address, at)
            .map_err(HubError::Throttled)?;
        let kiosk = match kiosks::authenticate(&state.pool, token.trim()).await {
            Err(HubError::Unauthorized) => {
                let _ = state.limits.wrong_tokens.take(&address, at);
                return Err(HubError::Unauthorized);
            }
            other => other?,
        };
        state
            .limits
            .kiosk
            .take(&kiosk.id, std::time::Instant::now())
            .map_err(HubError::Throttled)?;
        let version = parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .and_then(kiosks::version_from_user_agent);
        // What the office's kiosk list shows; a failed note must not fail the request.
        if let Err(e) = kiosks::seen(
            &state.pool,
            &kiosk,
            version,
            time::OffsetDateTime::now_utc(),
        )
        .await
        {
            tracing::warn!(kiosk = %kiosk.name, error = %e, "could not note the kiosk as seen");
        }
        Ok(AuthKiosk(kiosk))
    }
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        server_time: now_rfc3339(),
    })
}

async fn openapi() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], crate::OPENAPI)
}

async fn me(
    State(state): State<AppState>,
    AuthKiosk(kiosk): AuthKiosk,
) -> Result<Json<KioskIdentity>, HubError> {
    let year = anjungan_permit::office_day(state.clock.now()).year();
    let last_sequence = match kiosk.number {
        Some(n) => crate::numbers::last_sequence(&state.pool, n, year).await?,
        None => None,
    };
    Ok(Json(KioskIdentity {
        kiosk_id: kiosk.id,
        kiosk_name: kiosk.name,
        kiosk_number: kiosk.number,
        enrolled_at: kiosk.enrolled_at,
        server_time: now_rfc3339(),
        last_sequence,
    }))
}

/// A JSON body with a strong ETag (a hash of the body): kiosks poll for the price of a 304.
fn json_with_etag(body: String, headers: &HeaderMap) -> Result<Response, HubError> {
    let etag = format!(
        "\"{}\"",
        hex::encode(&Sha256::digest(body.as_bytes())[..16])
    );
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| HubError::Demo(e.to_string()))?;
    let matches = headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag_value)]).into_response());
    }
    Ok((
        [
            (ETAG, etag_value),
            (CONTENT_TYPE, HeaderValue::from_static("application/json")),
        ],
        body,
    )
        .into_response())
}

/// The service catalogue, the newest imported version (its ETag changes with it).
async fn catalogue(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    headers: HeaderMap,
) -> Result<Response, HubError> {
    let body = crate::catalogue::current_json(&state.pool)
        .await?
        .ok_or_else(|| HubError::NotFound("catalogue".into()))?;
    json_with_etag(body, &headers)
}

async fn application_status(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    Path(tracking_number): Path<String>,
) -> Result<Json<ApplicationStatusBody>, HubError> {
    Ok(Json(
        crate::applications::status(&state.pool, &tracking_number).await?,
    ))
}

async fn post_items(
    State(state): State<AppState>,
    AuthKiosk(kiosk): AuthKiosk,
    Json(batch): Json<ItemBatch>,
) -> Result<Json<BatchResult>, HubError> {
    let n = batch.items.len();
    let result = crate::items::ingest_with(
        &state.pool,
        &kiosk.id,
        &kiosk.name,
        batch,
        state.clock.now(),
        &state.limits,
    )
    .await?;
    tracing::info!(kiosk = %kiosk.name, items = n, "batch stored");
    Ok(Json(result))
}

async fn put_blob(
    State(state): State<AppState>,
    AuthKiosk(kiosk): AuthKiosk,
    Path(sha256): Path<String>,
    body: Bytes,
) -> Result<StatusCode, HubError> {
    crate::blobs::put(
        &state.pool,
        &state.data_dir,
        &kiosk.id,
        &sha256,
        &body,
        &state.limits,
        state.clock.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn head_blob(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    Path(sha256): Path<String>,
) -> Result<StatusCode, HubError> {
    if crate::blobs::valid_sha256(&sha256) && crate::blobs::exists(&state.pool, &sha256).await? {
        Ok(StatusCode::OK)
    } else {
        Err(HubError::NotFound("document".into()))
    }
}

/// A kiosk's heartbeat: kept as its latest, for the fleet view.
async fn heartbeat(
    State(state): State<AppState>,
    AuthKiosk(kiosk): AuthKiosk,
    Json(body): Json<anjungan_wire::api::Heartbeat>,
) -> Result<StatusCode, HubError> {
    crate::fleet::record(&state.pool, &kiosk.id, &body, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed trust and revocation lists, with an ETag.
async fn trust(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    headers: HeaderMap,
) -> Result<Response, HubError> {
    let signed =
        crate::trust::signed_lists_at(&state.pool, &mut rand::rngs::OsRng, state.clock.now())
            .await?;
    let body = serde_json::to_string(&signed).map_err(|e| HubError::Demo(e.to_string()))?;
    json_with_etag(body, &headers)
}

/// Longest URL looked up (a QR holds at most about 3 KB anyway).
const MAX_LOOKUP_URL: usize = 4096;

async fn permit_lookup(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    Json(request): Json<PermitLookupRequest>,
) -> Result<Json<PermitLookup>, HubError> {
    if request.url.chars().count() > MAX_LOOKUP_URL {
        return Err(HubError::InvalidInput(format!(
            "a URL of {} bytes; at most {MAX_LOOKUP_URL}",
            request.url.len()
        )));
    }
    let today = crate::db::office_today();
    Ok(Json(
        crate::permits::lookup(&state.pool, &request.url, &today).await?,
    ))
}

/// The verification page a phone opens from a permit's QR (no token needed, no script).
async fn permit_page(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Response, HubError> {
    let today = crate::db::office_today();
    let html = crate::permits::page(&state.public_pool, &number, &today).await?;
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                axum::http::header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(crate::service_page::CSP),
            ),
            // The holder's name is on it: no cache keeps it, no browser guesses its type.
            (
                axum::http::header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ),
            (
                axum::http::header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        html,
    )
        .into_response())
}

/// A service's information for the citizen's phone (no token needed, no script).
async fn office(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    headers: HeaderMap,
) -> Result<Response, HubError> {
    json_with_etag(crate::office::body(&state.pool).await?, &headers)
}

/// "Cek Pengaduan": number and PIN in the body (not the URL, which proxies log).
async fn complaint_status(
    State(state): State<AppState>,
    AuthKiosk(kiosk): AuthKiosk,
    Json(req): Json<anjungan_wire::api::ComplaintStatusRequest>,
) -> Result<Json<anjungan_wire::complaint::ComplaintStatus>, HubError> {
    if req.pin.len() > 16 || req.tracking_number.len() > 32 {
        return Err(HubError::InvalidInput(
            "a number and a PIN of six or ten digits".into(),
        ));
    }
    Ok(Json(
        crate::complaints::status_for(
            &state.pool,
            &state.data_dir,
            &req.tracking_number,
            &req.pin,
            &kiosk.id,
            state.clock.now(),
            &state.limits,
        )
        .await?,
    ))
}

async fn skm_code(
    State(state): State<AppState>,
    _kiosk: AuthKiosk,
    Path(code): Path<String>,
) -> Result<Json<anjungan_wire::api::SkmCodeBody>, HubError> {
    Ok(Json(
        crate::applications::skm_code(&state.pool, &code).await?,
    ))
}

/// The receipt QR's key, `/t/{number}?k=KEY`.
#[derive(serde::Deserialize)]
struct StatusKey {
    k: Option<String>,
}

/// The receipt QR's page: public, like the permit page, and free of personal data. Shown
/// only with the receipt's key: without it, an unknown number, a complaint's number and a
/// wrong key all get the same page (404), so counting numbers tells nobody anything.
async fn status_page(
    State(state): State<AppState>,
    Path(number): Path<String>,
    axum::extract::Query(key): axum::extract::Query<StatusKey>,
) -> Result<Response, HubError> {
    if !crate::applications::public_may_see(&state.public_pool, &number, key.k.as_deref()).await? {
        let html =
            crate::status_page::hidden().ok_or_else(|| HubError::Internal("status page".into()))?;
        let mut page = html_page(html);
        *page.status_mut() = StatusCode::NOT_FOUND;
        return Ok(page);
    }
    let body = crate::applications::status(&state.public_pool, &number).await?;
    let html = crate::status_page::render(&body)
        .ok_or_else(|| HubError::Internal("status page".into()))?;
    Ok(html_page(html))
}

fn html_page(html: String) -> Response {
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                axum::http::header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(crate::service_page::CSP),
            ),
        ],
        html,
    )
        .into_response()
}

async fn service_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, HubError> {
    let catalogue = crate::catalogue::current(&state.public_pool)
        .await?
        .ok_or_else(|| HubError::NotFound("catalogue".into()))?;
    let html = crate::service_page::render(&catalogue, &code)
        .ok_or_else(|| HubError::NotFound("service".into()))?;
    Ok(html_page(html))
}
