//! The back office: the office's officers work the applications kiosks delivered, in a
//! browser on the office LAN, served by the hub itself under `/office/` (one binary, one
//! listener, one audit log). Server-rendered pages (askama) with no script at all: a strict
//! Content-Security-Policy, nothing from a CDN, every form a plain POST checked for CSRF.
//!
//! - [`roles`]: who may do what (data, tested cell by cell).
//! - [`accounts`]: officers, Argon2id passwords, TOTP for admins.
//! - [`sessions`]: server-side sessions, cookies, the sign-in lockout.
//! - [`desk`]: the application inbox and page.

// Helpers answer "no" with the response to send (a redirect to the sign-in, a 403): that is
// an axum `Response`, larger than clippy likes an error to be, on a path taken once a request.
#![allow(clippy::result_large_err)]

pub mod accounts;
pub mod desk;
pub mod roles;
pub mod sessions;
pub mod totp;
pub mod words;

use crate::audit::{self, Event};
use crate::error::HubError;
use crate::routes::AppState;
use accounts::Officer;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, LOCATION, REFERRER_POLICY,
    SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use roles::{Permission, Role};
use sessions::Session;
use words::Words;

/// No script, no connections; styles and images from the hub itself; documents framed only
/// by the hub's own pages.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CSS: &str = include_str!("static/office.css");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/office", get(home))
        .route("/office/static/office.css", get(css))
        .route("/office/lang/{lang}", get(language))
        .route("/office/login", get(login_page).post(login))
        .route("/office/logout", post(logout))
        .route("/office/applications", get(desk::inbox))
        .route("/office/applications/{number}", get(desk::page))
        .route(
            "/office/applications/{number}/status",
            post(desk::set_status),
        )
        .route(
            "/office/applications/{number}/reference",
            post(desk::set_reference),
        )
        .route("/office/applications/{number}/permit", get(desk::permit))
        .route(
            "/office/applications/{number}/documents/{requirement}",
            get(desk::document),
        )
        .route("/office/audit", get(audit_page))
        .route("/office/staff", get(staff_page).post(staff_add))
        .layer(axum::middleware::from_fn(with_headers))
}

/// Every back-office response: the CSP, no sniffing, no framing by others, no caching of
/// personal data, the referrer only to the hub itself (with none at all, a browser sends
/// `Origin: null` on the hub's own forms). A refusal is a page in the officer's words, not
/// the API's JSON.
async fn with_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let req_headers = req.headers().clone();
    headers(&req_headers, next.run(req).await).await
}

async fn headers(req_headers: &HeaderMap, res: Response) -> Response {
    let mut res = error_page(req_headers, res).await;
    let h = res.headers_mut();
    h.entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.entry(X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[derive(Template)]
#[template(path = "office/error.html")]
struct ErrorPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    message: String,
}

/// An error answered as text or as the API's `{code, message}` becomes a page.
async fn error_page(req_headers: &HeaderMap, res: Response) -> Response {
    let status = res.status();
    let kind = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .to_owned();
    if !(status.is_client_error() || status.is_server_error())
        || !(kind.starts_with("text/plain") || kind.starts_with("application/json"))
    {
        return res;
    }
    let body = axum::body::to_bytes(res.into_body(), 16 * 1024)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_owned();
    let message = serde_json::from_str::<anjungan_wire::api::ApiError>(&text)
        .map(|e| e.message)
        .unwrap_or(text);
    html(
        status,
        &ErrorPage {
            w: words(req_headers),
            officer: None,
            csrf: String::new(),
            can_audit: false,
            can_staff: false,
            message,
        },
    )
}

/// Where an officer starts: the first page their role may see.
fn landing(role: Role) -> &'static str {
    if roles::allows(role, Permission::ReadApplications) {
        "/office/applications"
    } else if roles::allows(role, Permission::ReadAudit) {
        "/office/audit"
    } else {
        "/office/login"
    }
}

async fn home(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match session(&state, &headers, true).await {
        Ok(s) => see_other(landing(s.officer.role)),
        Err(r) => r,
    }
}

/// Switches the pages' language (a preference, not personal data) and goes back to the
/// start page.
async fn language(Path(lang): Path<String>) -> Response {
    let lang = if lang == "en" { "en" } else { "id" };
    let mut res = see_other("/office");
    if let Ok(v) = HeaderValue::from_str(&format!(
        "office_lang={lang}; Path=/office; SameSite=Strict; Max-Age=31536000"
    )) {
        res.headers_mut().insert(SET_COOKIE, v);
    }
    res
}

async fn css() -> Response {
    (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        )],
        CSS,
    )
        .into_response()
}

pub(crate) fn see_other(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/office")),
        )],
    )
        .into_response()
}

pub(crate) fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (
            status,
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            body,
        )
            .into_response(),
        Err(e) => HubError::Internal(e.to_string()).into_response(),
    }
}

/// The language of the pages: Indonesian unless the officer chose English.
pub(crate) fn words(headers: &HeaderMap) -> Words {
    if cookie(headers, "office_lang").as_deref() == Some("en") {
        Words::EN
    } else {
        Words::ID
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A request's session, or the answer to give without one: GET pages go to the sign-in,
/// anything else is refused.
pub(crate) async fn session(
    state: &AppState,
    headers: &HeaderMap,
    is_get: bool,
) -> Result<Session, Response> {
    let id = cookie(headers, sessions::cookie_name(state.secure));
    let found = match id {
        Some(id) => sessions::find(&state.pool, &id, state.clock.now())
            .await
            .map_err(IntoResponse::into_response)?,
        None => None,
    };
    found.ok_or_else(|| {
        if is_get {
            see_other("/office/login")
        } else {
            (StatusCode::FORBIDDEN, words(headers).t("login.expired")).into_response()
        }
    })
}

/// A state-changing request: its session, its CSRF token (the form's `csrf` field), and a
/// same-origin `Origin` when the browser sends one. Returns the session and the form.
pub(crate) async fn post_session(
    state: &AppState,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(Session, Form), Response> {
    let form = Form::parse(body);
    cross_site(headers)?;
    let s = session(state, headers, false).await?;
    if !sessions::csrf_ok(&s, form.one("csrf").unwrap_or_default()) {
        return Err((StatusCode::FORBIDDEN, words(headers).t("csrf")).into_response());
    }
    Ok((s, form))
}

/// Refuses a request another site sent: by `Sec-Fetch-Site` where the browser sends it
/// (every current one), else by `Origin` against `Host` (`Origin: null` is refused too).
fn cross_site(headers: &HeaderMap) -> Result<(), Response> {
    let refused = || (StatusCode::FORBIDDEN, words(headers).t("csrf")).into_response();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return if matches!(site, "same-origin" | "none") {
            Ok(())
        } else {
            Err(refused())
        };
    }
    if let Some(origin) = headers.get("origin").and_then(|v| v.to_str().ok()) {
        let host = headers.get("host").and_then(|v| v.to_str().ok());
        let origin_host = url::Url::parse(origin).ok().and_then(|u| {
            u.host_str()
                .map(|h| u.port().map_or(h.to_owned(), |p| format!("{h}:{p}")))
        });
        if origin_host.is_none() || origin_host.as_deref() != host {
            return Err(refused());
        }
    }
    Ok(())
}

/// A page's session (or the way to the sign-in) whose role allows `what`.
pub(crate) async fn officer_get(
    state: &AppState,
    headers: &HeaderMap,
    what: Permission,
) -> Result<Session, Response> {
    let s = session(state, headers, true).await?;
    require(&s, what, headers)?;
    Ok(s)
}

/// A form's session and fields, same-origin with its CSRF token, whose role allows `what`.
pub(crate) async fn officer_post(
    state: &AppState,
    headers: &HeaderMap,
    body: &Bytes,
    what: Permission,
) -> Result<(Session, Form), Response> {
    let (s, form) = post_session(state, headers, body).await?;
    require(&s, what, headers)?;
    Ok((s, form))
}

/// Refuses what the officer's role does not allow.
pub(crate) fn require(s: &Session, what: Permission, headers: &HeaderMap) -> Result<(), Response> {
    if roles::allows(s.officer.role, what) {
        Ok(())
    } else {
        Err((StatusCode::FORBIDDEN, words(headers).t("forbidden")).into_response())
    }
}

/// A URL-encoded form body.
#[derive(Debug, Default)]
pub(crate) struct Form(Vec<(String, String)>);

impl Form {
    fn parse(body: &[u8]) -> Self {
        Form(url::form_urlencoded::parse(body).into_owned().collect())
    }

    pub(crate) fn one(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A field's value trimmed, `None` when empty.
    pub(crate) fn text(&self, key: &str) -> Option<String> {
        self.one(key)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// What every page's frame needs.
pub(crate) struct Frame {
    pub w: Words,
    pub officer: Option<Officer>,
    pub csrf: String,
    pub can_audit: bool,
    pub can_staff: bool,
}

impl Frame {
    pub(crate) fn of(s: &Session, headers: &HeaderMap) -> Self {
        Frame {
            w: words(headers),
            officer: Some(s.officer.clone()),
            csrf: s.csrf.clone(),
            can_audit: roles::allows(s.officer.role, Permission::ReadAudit),
            can_staff: roles::allows(s.officer.role, Permission::ManageStaff),
        }
    }
}

/// Records an officer's action or view.
pub(crate) async fn note(
    state: &AppState,
    actor: &str,
    address: &str,
    action: &str,
    subject: Option<&str>,
    detail: Option<&str>,
) -> Result<(), Response> {
    audit::record(
        &state.pool,
        &Event {
            actor,
            address: Some(address),
            action,
            subject,
            detail,
        },
        &crate::db::rfc3339(state.clock.now()),
    )
    .await
    .map(drop)
    .map_err(IntoResponse::into_response)
}

#[derive(Template)]
#[template(path = "office/login.html")]
struct LoginPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    message: Option<&'static str>,
}

fn login_form(w: Words, status: StatusCode, message: Option<&'static str>) -> Response {
    html(
        status,
        &LoginPage {
            w,
            officer: None,
            csrf: String::new(),
            can_audit: false,
            can_staff: false,
            message,
        },
    )
}

async fn login_page(headers: HeaderMap) -> Response {
    login_form(words(&headers), StatusCode::OK, None)
}

async fn login(
    State(state): State<AppState>,
    peer: crate::routes::ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let w = words(&headers);
    if let Err(r) = cross_site(&headers) {
        return r;
    }
    let form = Form::parse(&body);
    let name = form.one("name").unwrap_or_default().trim().to_lowercase();
    let password = form.one("password").unwrap_or_default();
    let code = form.one("code").unwrap_or_default();
    let address = peer.0;
    let now = state.clock.now();
    let result = async {
        let subject = name.chars().take(40).collect::<String>();
        let pool = &state.pool;
        let refused = |action: &'static str| {
            let (subject, address) = (subject.clone(), address.clone());
            async move {
                audit::record(
                    pool,
                    &Event {
                        actor: "-",
                        address: Some(&address),
                        action,
                        subject: Some(&subject),
                        detail: None,
                    },
                    &crate::db::rfc3339(now),
                )
                .await
            }
        };
        if sessions::locked_out(&state.pool, &name, &address, now).await? {
            refused("login_locked").await?;
            return Ok::<_, HubError>(Err("login.locked"));
        }
        let checked =
            accounts::authenticate(&state.pool, &name, password, code, now.unix_timestamp())
                .await?;
        let officer = match checked {
            Ok(o) => o,
            Err(refusal) => {
                // A missing code is no failure yet: the password was right.
                if refusal != accounts::Refusal::NeedsCode {
                    sessions::failed(&state.pool, &name, &address, now).await?;
                }
                refused("login_failed").await?;
                return Ok(Err(match refusal {
                    accounts::Refusal::NeedsCode => "login.code_needed",
                    accounts::Refusal::Wrong | accounts::Refusal::Disabled => "login.wrong",
                }));
            }
        };
        sessions::succeeded(&state.pool, &name, &address).await?;
        let id =
            sessions::start(&state.pool, &officer, &address, now, &mut rand::rngs::OsRng).await?;
        audit::record(
            &state.pool,
            &Event {
                actor: &officer.name,
                address: Some(&address),
                action: "login",
                subject: None,
                detail: Some(officer.role.code()),
            },
            &crate::db::rfc3339(now),
        )
        .await?;
        Ok(Ok((id, officer.role)))
    }
    .await;
    match result {
        Ok(Ok((id, role))) => {
            let mut res = see_other(landing(role));
            if let Ok(v) = HeaderValue::from_str(&sessions::set_cookie(state.secure, &id)) {
                res.headers_mut().insert(SET_COOKIE, v);
            }
            res
        }
        Ok(Err(key)) => login_form(w, StatusCode::UNAUTHORIZED, Some(w.t(key))),
        Err(e) => e.into_response(),
    }
}

async fn logout(
    State(state): State<AppState>,
    peer: crate::routes::ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (s, _) = match post_session(&state, &headers, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = sessions::end(&state.pool, &s).await {
        return e.into_response();
    }
    if let Err(r) = note(&state, &s.officer.name, &peer.0, "logout", None, None).await {
        return r;
    }
    let mut res = see_other("/office/login");
    if let Ok(v) = HeaderValue::from_str(&sessions::clear_cookie(state.secure)) {
        res.headers_mut().insert(SET_COOKIE, v);
    }
    res
}

#[derive(Template)]
#[template(path = "office/audit.html")]
struct AuditPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    chain: String,
    entries: Vec<audit::Entry>,
}

async fn audit_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let s = match officer_get(&state, &headers, Permission::ReadAudit).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Frame::of(&s, &headers);
    let (verified, entries) = match (
        audit::verify(&state.pool).await,
        audit::newest(&state.pool, 500).await,
    ) {
        (Ok(v), Ok(e)) => (v, e),
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    let chain = match verified.broken_at {
        None => format!("{} ({})", f.w.t("audit.intact"), verified.entries),
        Some(at) => format!("{} {at}", f.w.t("audit.broken")),
    };
    html(
        StatusCode::OK,
        &AuditPage {
            w: f.w,
            officer: f.officer,
            csrf: f.csrf,
            can_audit: f.can_audit,
            can_staff: f.can_staff,
            chain,
            entries,
        },
    )
}

#[derive(Template)]
#[template(path = "office/staff.html")]
struct StaffPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    message: Option<String>,
    officers: Vec<Officer>,
    roles: Vec<&'static str>,
}

async fn staff_view(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    status: StatusCode,
    message: Option<String>,
) -> Response {
    let f = Frame::of(s, headers);
    let officers = match accounts::list(&state.pool).await {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    html(
        status,
        &StaffPage {
            w: f.w,
            officer: f.officer,
            csrf: f.csrf,
            can_audit: f.can_audit,
            can_staff: f.can_staff,
            message,
            officers,
            roles: Role::ALL.iter().map(|r| r.code()).collect(),
        },
    )
}

async fn staff_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let s = match officer_get(&state, &headers, Permission::ManageStaff).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    staff_view(&state, &s, &headers, StatusCode::OK, None).await
}

async fn staff_add(
    State(state): State<AppState>,
    peer: crate::routes::ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (s, form) = match officer_post(&state, &headers, &body, Permission::ManageStaff).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let name = form.text("name").unwrap_or_default().to_lowercase();
    let Some(role) = form.one("role").and_then(Role::from_code) else {
        return staff_view(
            &state,
            &s,
            &headers,
            StatusCode::BAD_REQUEST,
            Some("role?".into()),
        )
        .await;
    };
    let now = crate::db::rfc3339(state.clock.now());
    let added = accounts::add(
        &state.pool,
        &name,
        role,
        form.one("password").unwrap_or_default(),
        form.one("totp") == Some("1"),
        &now,
        &mut rand::rngs::OsRng,
    )
    .await;
    match added {
        Ok(issued) => {
            if let Err(r) = note(
                &state,
                &s.officer.name,
                &peer.0,
                "staff_add",
                Some(&issued.name),
                Some(issued.role.code()),
            )
            .await
            {
                return r;
            }
            let w = words(&headers);
            let message = match issued.totp_uri {
                Some(uri) => format!("{} TOTP: {uri}", w.t("staff.added")),
                None => w.t("staff.added").to_owned(),
            };
            staff_view(&state, &s, &headers, StatusCode::OK, Some(message)).await
        }
        Err(HubError::InvalidInput(m)) => {
            staff_view(&state, &s, &headers, StatusCode::BAD_REQUEST, Some(m)).await
        }
        Err(e) => e.into_response(),
    }
}
