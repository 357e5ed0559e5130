//! The application desk: the inbox (by status, searched by number, name or the office's
//! registration number, paged) and an application's page (the applicant, each requirement
//! with its document beside it, the history) with the actions that drive what the citizen
//! sees at Cek Status and on `/t/`. Every view of personal data and every action is in the
//! audit log.

use super::accounts::Officer;
use super::roles::Permission;
use super::words::{status_key, Words};
use super::{html, note, officer_get, officer_post, see_other, Frame};
use crate::applications::{self, Change, ShownDocument};
use crate::error::HubError;
use crate::routes::{AppState, ClientAddress};
use anjungan_wire::ipc::ApplicationStatus;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_FRAME_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Rows a page of the inbox shows.
pub const PAGE_ROWS: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    kiosk: String,
    #[serde(default)]
    page: u32,
}

pub(crate) struct InboxRow {
    number: String,
    service: String,
    status: &'static str,
    submitted_on: String,
    due: Option<String>,
    days_left: Option<i64>,
    late: bool,
    kiosk: String,
    reference: Option<String>,
}

#[derive(Template)]
#[template(path = "office/inbox.html")]
struct InboxPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    status: String,
    q: String,
    service: String,
    kiosk: String,
    services: Vec<(String, String)>,
    kiosks: Vec<String>,
    filters_url: String,
    counts: Vec<(&'static str, &'static str, i64)>,
    total: i64,
    rows: Vec<InboxRow>,
    prev_page: Option<u32>,
    next_page: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct Listed {
    tracking_number: String,
    service: String,
    submitted_on: String,
    office_reference: Option<String>,
    kiosk: Option<String>,
}

pub(crate) async fn inbox(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<InboxQuery>,
) -> Response {
    let s = match officer_get(&state, &headers, Permission::ReadApplications).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match inbox_page(&state, &Frame::of(&s, &headers), query).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn inbox_page(state: &AppState, f: &Frame, query: InboxQuery) -> Result<Response, HubError> {
    let status = ApplicationStatus::from_code(&query.status)
        .map(ApplicationStatus::code)
        .unwrap_or_default();
    let q = query.q.trim().chars().take(60).collect::<String>();
    let counted: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, count(*) FROM applications GROUP BY status")
            .fetch_all(&state.pool)
            .await?;
    let counts = applications::STATUSES
        .iter()
        .filter_map(|c| ApplicationStatus::from_code(c))
        .map(|st| {
            let n = counted
                .iter()
                .find(|(c, _)| c == st.code())
                .map_or(0, |(_, n)| *n);
            (st.code(), f.w.t(status_key(st)), n)
        })
        .collect();
    let total = counted.iter().map(|(_, n)| n).sum();
    // A number as typed (with or without dashes), a name, or the office's own reference.
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let like = format!("%{}%", q.to_lowercase());
    let page = i64::from(query.page);
    let service = query.service.trim().chars().take(60).collect::<String>();
    let kiosk = query.kiosk.trim().chars().take(60).collect::<String>();
    let today = crate::db::office_today();
    // Late ones first across every page (the kept due date), then those under way by due
    // date, then by the day they came in; finished ones last.
    let listed: Vec<Listed> = sqlx::query_as(
        "SELECT a.tracking_number, coalesce(s.name, a.service_code) AS service,
                a.submitted_on, a.office_reference, k.name AS kiosk
           FROM applications a
           LEFT JOIN services s ON s.code = a.service_code
           LEFT JOIN applicants p ON p.tracking_number = a.tracking_number
           LEFT JOIN kiosks k ON k.id = a.kiosk_id
          WHERE ($1 = '' OR a.status = $1)
            AND ($2 = '' OR replace(a.tracking_number, '-', '') LIKE $3
                 OR lower(p.name) LIKE $4 OR lower(a.office_reference) LIKE $4)
            AND ($7 = '' OR a.service_code = $7)
            AND ($8 = '' OR k.name = $8)
          ORDER BY CASE WHEN a.status IN ('selesai', 'ditolak') THEN 2
                        WHEN a.due_on IS NOT NULL AND a.due_on < $9 THEN 0
                        ELSE 1 END,
                   coalesce(a.due_on, '9999-12-31'), a.submitted_on, a.tracking_number
          LIMIT $5 OFFSET $6",
    )
    .bind(status)
    .bind(&q)
    // Without digits, no number matches (a pattern no number has).
    .bind(if digits.is_empty() {
        "x".to_owned()
    } else {
        format!("%{digits}%")
    })
    .bind(&like)
    .bind(PAGE_ROWS + 1)
    .bind(page * PAGE_ROWS)
    .bind(&service)
    .bind(&kiosk)
    .bind(&today)
    .fetch_all(&state.pool)
    .await?;
    let more = listed.len() as i64 > PAGE_ROWS;
    let mut rows = Vec::with_capacity(listed.len());
    for l in listed.into_iter().take(PAGE_ROWS as usize) {
        // The due date and lateness as Cek Status tells the citizen.
        let body = applications::status(&state.pool, &l.tracking_number).await?;
        rows.push(InboxRow {
            status: f.w.t(status_key(body.status)),
            due: body.due_date,
            days_left: body.working_days_left,
            late: body.late,
            kiosk: l.kiosk.unwrap_or_else(|| "-".into()),
            number: l.tracking_number,
            service: l.service,
            submitted_on: l.submitted_on,
            reference: l.office_reference,
        });
    }
    let services: Vec<(String, String)> =
        sqlx::query_as("SELECT code, name FROM services ORDER BY name")
            .fetch_all(&state.pool)
            .await?;
    let kiosks: Vec<(String,)> = sqlx::query_as("SELECT name FROM kiosks ORDER BY name")
        .fetch_all(&state.pool)
        .await?;
    let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let filters_url = format!(
        "status={status}&q={}&service={}&kiosk={}",
        enc(&q),
        enc(&service),
        enc(&kiosk)
    );
    Ok(html(
        StatusCode::OK,
        &InboxPage {
            w: f.w,
            officer: f.officer.clone(),
            csrf: f.csrf.clone(),
            can_audit: f.can_audit,
            can_staff: f.can_staff,
            status: status.to_owned(),
            q,
            service,
            kiosk,
            services,
            kiosks: kiosks.into_iter().map(|(k,)| k).collect(),
            filters_url,
            counts,
            total,
            rows,
            prev_page: query.page.checked_sub(1),
            next_page: more.then_some(query.page + 1),
        },
    ))
}

pub(crate) struct DocView {
    code: String,
    name: String,
    kind: String,
    size: String,
    url: String,
    image: bool,
}

#[derive(Template)]
#[template(path = "office/application.html")]
struct AppPage {
    w: Words,
    officer: Option<Officer>,
    csrf: String,
    can_audit: bool,
    can_staff: bool,
    a: applications::Shown,
    message: Option<String>,
    status_words: &'static str,
    applicant: Vec<(&'static str, String)>,
    documents: Vec<DocView>,
    reference: String,
    permit: Option<String>,
    can_work: bool,
    actions: Vec<(&'static str, &'static str)>,
    requirements: Vec<(String, String)>,
    history: Vec<(String, &'static str, Option<String>, String)>,
}

/// The statuses an officer may set, in the office's order.
const ACTIONS: [ApplicationStatus; 5] = [
    ApplicationStatus::VerifikasiBerkas,
    ApplicationStatus::PerluPerbaikan,
    ApplicationStatus::Diproses,
    ApplicationStatus::Selesai,
    ApplicationStatus::Ditolak,
];

fn size_words(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

pub(crate) async fn page(
    State(state): State<AppState>,
    peer: ClientAddress,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let s = match officer_get(&state, &headers, Permission::ReadApplications).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Frame::of(&s, &headers);
    let can_work = super::roles::allows(s.officer.role, Permission::WorkApplications);
    match app_page(&state, f, &number, can_work, None, StatusCode::OK).await {
        Ok((res, shown)) => {
            // The applicant's data was shown: who, which application, from where.
            if let Err(r) = note(
                &state,
                &s.officer.name,
                &peer.0,
                "view_application",
                Some(&shown),
                None,
            )
            .await
            {
                return r;
            }
            res
        }
        Err(e) => e.into_response(),
    }
}

async fn app_page(
    state: &AppState,
    f: Frame,
    number: &str,
    can_work: bool,
    message: Option<String>,
    status: StatusCode,
) -> Result<(Response, String), HubError> {
    let a = applications::show(&state.pool, number).await?;
    let n = a.status.tracking_number.clone();
    let service: Option<anjungan_wire::catalogue::Service> =
        sqlx::query_as::<_, (String,)>("SELECT body FROM services WHERE code = $1")
            .bind(&a.status.service_code)
            .fetch_optional(&state.pool)
            .await?
            .and_then(|(b,)| serde_json::from_str(&b).ok());
    let requirement_name = |code: &str| {
        service
            .as_ref()
            .and_then(|s| s.requirements.iter().find(|r| r.code == code))
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let applicant = applicant_fields(f.w, a.applicant.as_ref());
    let documents = a
        .documents
        .iter()
        .map(|d: &ShownDocument| DocView {
            code: d.requirement_code.clone(),
            name: requirement_name(&d.requirement_code),
            kind: d.kind.clone(),
            size: size_words(d.size),
            url: format!(
                "/office/applications/{n}/documents/{}",
                url::form_urlencoded::byte_serialize(d.requirement_code.as_bytes())
                    .collect::<String>()
            ),
            image: d.kind != "pdf",
        })
        .collect();
    let requirements = service
        .as_ref()
        .map(|s| {
            s.requirements
                .iter()
                .map(|r| (r.code.clone(), r.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let kept: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT office_reference, permit_number FROM applications WHERE tracking_number = $1",
    )
    .bind(&n)
    .fetch_optional(&state.pool)
    .await?;
    let (reference, permit) = kept.unwrap_or_default();
    // The history and who made each step: the same rows, in the same order.
    let by = a
        .audit
        .iter()
        .map(|v| v["by"].as_str().unwrap_or("-").to_owned());
    let history = a
        .status
        .history
        .iter()
        .zip(by)
        .map(|(h, by)| {
            (
                h.at.clone(),
                f.w.t(status_key(h.status)),
                h.note.clone().or_else(|| h.step.clone()),
                by,
            )
        })
        .collect();
    let page = AppPage {
        w: f.w,
        officer: f.officer,
        csrf: f.csrf,
        can_audit: f.can_audit,
        can_staff: f.can_staff,
        status_words: f.w.t(status_key(a.status.status)),
        applicant,
        documents,
        reference: reference.unwrap_or_default(),
        permit,
        can_work,
        actions: ACTIONS
            .iter()
            .map(|s| (s.code(), f.w.t(status_key(*s))))
            .collect(),
        requirements,
        history,
        message,
        a,
    };
    Ok((html(status, &page), n))
}

/// The applicant's fields in the office's words.
fn applicant_fields(
    w: Words,
    applicant: Option<&serde_json::Value>,
) -> Vec<(&'static str, String)> {
    let Some(a) = applicant else {
        return vec![(w.t("field.personal"), w.t("field.purged").into())];
    };
    let s = |k: &str| a[k].as_str().unwrap_or_default().to_owned();
    let mut out = vec![
        (w.t("field.nik"), s("nik")),
        (w.t("field.name"), s("name")),
        (w.t("field.sex"), s("sex")),
        (
            w.t("field.birth"),
            format!("{}, {}", s("birth_place"), s("birth_date")),
        ),
        (w.t("field.address"), s("address")),
        (w.t("field.kelurahan"), s("kelurahan_code")),
        (w.t("field.phone"), s("phone")),
        (w.t("field.email"), s("email")),
    ];
    if let Some(c) = a["company"].as_object() {
        let g = |k: &str| {
            c.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        out.push((w.t("field.company"), g("name")));
        out.push((w.t("field.nib"), g("nib")));
        out.push((w.t("field.npwp"), g("npwp")));
    }
    if let Some(fields) = a["fields"].as_object() {
        for (k, v) in fields {
            let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            out.push((w.t("field.service"), format!("{k}: {v}")));
        }
    }
    out
}

pub(crate) async fn set_status(
    State(state): State<AppState>,
    peer: ClientAddress,
    headers: HeaderMap,
    Path(number): Path<String>,
    body: Bytes,
) -> Response {
    let (s, form) = match officer_post(&state, &headers, &body, Permission::WorkApplications).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let status = form
        .one("status")
        .and_then(ApplicationStatus::from_code)
        .filter(|st| ACTIONS.contains(st));
    let change = status.map(|st| Change {
        status: st.code().to_owned(),
        note: form.text("note"),
        missing: form.all("missing"),
        step: form.text("step"),
        by: s.officer.name.clone(),
        address: Some(peer.0.clone()),
    });
    let result = match change {
        Some(mut c) => {
            let issued = if c.status == "selesai" {
                issue_permit(&state, &headers, &number, &form)
                    .await
                    .map(Some)
            } else {
                Ok(None)
            };
            match issued {
                Ok(permit) => {
                    if let Some(p) = &permit {
                        c.note = Some(match c.note.take() {
                            Some(n) => format!("Izin {p} terbit. {n}"),
                            None => format!("Izin {p} terbit."),
                        });
                    }
                    applications::set_status(&state.pool, &number, &c, &crate::db::office_today())
                        .await
                }
                Err(e) => Err(e),
            }
        }
        None => Err(HubError::InvalidInput("choose an action".into())),
    };
    match result {
        Ok(()) => see_other(&format!(
            "/office/applications/{}",
            applications::normalise(&number).unwrap_or(number)
        )),
        Err(HubError::InvalidInput(m)) => {
            let f = Frame::of(&s, &headers);
            match app_page(
                &state,
                f,
                &number,
                true,
                Some(m),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
            {
                Ok((r, _)) => r,
                Err(e) => e.into_response(),
            }
        }
        Err(e) => e.into_response(),
    }
}

pub(crate) async fn set_reference(
    State(state): State<AppState>,
    peer: ClientAddress,
    headers: HeaderMap,
    Path(number): Path<String>,
    body: Bytes,
) -> Response {
    let (s, form) = match officer_post(&state, &headers, &body, Permission::WorkApplications).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let reference = form.text("reference");
    if reference
        .as_ref()
        .is_some_and(|r| r.chars().count() > 60 || r.chars().any(char::is_control))
    {
        return HubError::InvalidInput("a registration number has at most 60 characters".into())
            .into_response();
    }
    let Ok(number) = applications::normalise(&number) else {
        return HubError::NotFound("application".into()).into_response();
    };
    let updated =
        sqlx::query("UPDATE applications SET office_reference = $2 WHERE tracking_number = $1")
            .bind(&number)
            .bind(&reference)
            .execute(&state.pool)
            .await;
    match updated {
        Ok(r) if r.rows_affected() == 1 => {}
        Ok(_) => return HubError::NotFound("application".into()).into_response(),
        Err(e) => return HubError::from(e).into_response(),
    }
    if let Err(r) = note(
        &state,
        &s.officer.name,
        &peer.0,
        "set_reference",
        Some(&number),
        reference.as_deref(),
    )
    .await
    {
        return r;
    }
    see_other(&format!("/office/applications/{number}"))
}

/// A document of an application, with its own type, never sniffed, framed only by the
/// back office's own page, and never run (no script may execute under its CSP).
pub(crate) async fn document(
    State(state): State<AppState>,
    peer: ClientAddress,
    headers: HeaderMap,
    Path((number, requirement)): Path<(String, String)>,
) -> Response {
    let s = match officer_get(&state, &headers, Permission::ReadApplications).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let found = async {
        let sha = applications::document(&state.pool, &number, &requirement).await?;
        let kind: (String,) =
            sqlx::query_as("SELECT kind FROM application_documents WHERE sha256 = $1 LIMIT 1")
                .bind(&sha)
                .fetch_one(&state.pool)
                .await?;
        let bytes = crate::blobs::read(&state.pool, &state.data_dir, &sha).await?;
        Ok::<_, HubError>((kind.0, bytes))
    }
    .await;
    let (kind, bytes) = match found {
        Ok(x) => x,
        Err(e) => return e.into_response(),
    };
    let number = applications::normalise(&number).unwrap_or(number);
    if let Err(r) = note_view(&state, &s.officer.name, &peer.0, &number, &requirement).await {
        return r;
    }
    let content_type = match kind.as_str() {
        "pdf" => "application/pdf",
        "jpeg" => "image/jpeg",
        "png" => "image/png",
        _ => "application/octet-stream",
    };
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN")),
            (
                CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Notes a document view: once per officer, document and ten minutes (a PDF viewer asks for
/// one document in several ranges at once, and an officer goes back and forth).
async fn note_view(
    state: &AppState,
    officer: &str,
    address: &str,
    number: &str,
    requirement: &str,
) -> Result<(), Response> {
    let now = state.clock.now();
    crate::audit::record_once_since(
        &state.pool,
        &crate::audit::Event {
            actor: officer,
            address: Some(address),
            action: "view_document",
            subject: Some(number),
            detail: Some(requirement),
        },
        &crate::db::rfc3339(now),
        &crate::db::rfc3339(now - time::Duration::minutes(10)),
    )
    .await
    .map(drop)
    .map_err(IntoResponse::into_response)
}

/// Issues the application's permit (PDF with its signed QR, as `anjungan-hub permit issue`
/// does) for "Selesai": the number the officer gives, the service as its kind, the applicant
/// (or the company) as its holder. The QR points at the office's registered address, or at
/// the address the officer's browser used. Returns the permit's number.
async fn issue_permit(
    state: &AppState,
    headers: &HeaderMap,
    number: &str,
    form: &super::Form,
) -> Result<String, HubError> {
    let permit_number = form
        .text("permit_number")
        .ok_or_else(|| HubError::InvalidInput("selesai needs the permit's number".into()))?;
    let shown = applications::show(&state.pool, number).await?;
    let applicant = shown.applicant.as_ref();
    let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
    let company = applicant
        .and_then(|a| a.get("company"))
        .filter(|c| !c.is_null());
    let holder = text(company.and_then(|c| c.get("name")))
        .or_else(|| text(applicant.and_then(|a| a.get("name"))))
        .ok_or_else(|| {
            HubError::InvalidInput("the applicant's data is gone: the permit has no holder".into())
        })?;
    let input = crate::permits::PermitInput {
        number: permit_number.clone(),
        kind: shown.status.service_name.clone(),
        holder_name: holder,
        nib: text(company.and_then(|c| c.get("nib"))).filter(|n| !n.is_empty()),
        nik: text(applicant.and_then(|a| a.get("nik"))).filter(|_| company.is_none()),
        issued: crate::db::office_today(),
        valid_until: form.text("valid_until"),
    };
    let registered: Option<(String,)> =
        sqlx::query_as("SELECT base FROM office_urls ORDER BY added_at DESC LIMIT 1")
            .fetch_optional(&state.pool)
            .await?;
    let base = match registered {
        Some((b,)) => b,
        None => {
            let host = headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .ok_or_else(|| HubError::InvalidInput("no address for the permit's QR".into()))?;
            format!("{}://{host}", if state.secure { "https" } else { "http" })
        }
    };
    let issued = crate::permits::issue(
        &state.pool,
        &input,
        &crate::permits::issued_dir(&state.data_dir),
        &base,
        &mut rand::rngs::OsRng,
    )
    .await?;
    sqlx::query("UPDATE applications SET permit_number = $2 WHERE tracking_number = $1")
        .bind(&shown.status.tracking_number)
        .bind(&issued.number)
        .execute(&state.pool)
        .await?;
    Ok(issued.number)
}

/// The application's issued permit, as a PDF.
pub(crate) async fn permit(
    State(state): State<AppState>,
    peer: ClientAddress,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let s = match officer_get(&state, &headers, Permission::ReadApplications).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let found = async {
        let number = applications::normalise(&number)?;
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT permit_number FROM applications WHERE tracking_number = $1")
                .bind(&number)
                .fetch_optional(&state.pool)
                .await?;
        let permit = row
            .and_then(|(p,)| p)
            .ok_or_else(|| HubError::NotFound("permit".into()))?;
        let path = crate::permits::pdf_path(&crate::permits::issued_dir(&state.data_dir), &permit);
        let pdf = tokio::fs::read(path)
            .await
            .map_err(|_| HubError::NotFound("permit".into()))?;
        Ok::<_, HubError>((number, pdf))
    }
    .await;
    let (number, pdf) = match found {
        Ok(x) => x,
        Err(e) => return e.into_response(),
    };
    if let Err(r) = note(
        &state,
        &s.officer.name,
        &peer.0,
        "view_permit",
        Some(&number),
        None,
    )
    .await
    {
        return r;
    }
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN")),
        ],
        pdf,
    )
        .into_response()
}
