//! Applications as records: what a kiosk delivers becomes an application, its applicant and
//! its documents; staff move it through the office's statuses, and every change is kept
//! with who made it and when. Status lookups by number see no personal data.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_apply::TrackingNumber;
use anjungan_wire::api::ApplicationStatusBody;
use anjungan_wire::application::StatusChange;
use anjungan_wire::codes;
use anjungan_wire::ipc::ApplicationStatus;
use anjungan_wire::item::Application;
use serde::Serialize;
use sqlx::{Any, AnyPool, Transaction};

/// The statuses, in the office's order.
pub const STATUSES: [&str; 6] = [
    "diterima",
    "verifikasi_berkas",
    "perlu_perbaikan",
    "diproses",
    "selesai",
    "ditolak",
];

/// Checks an application item against what it names: every document it lists is among the
/// item's uploads and every upload is one of its documents. The reason is the hub's verdict.
pub fn check(a: &Application, blobs: &[String]) -> Result<(), String> {
    let p = &a.record;
    TrackingNumber::parse(&p.tracking_number).map_err(|e| e.to_string())?;
    if let Some(d) = p.documents.iter().find(|d| !blobs.contains(&d.sha256)) {
        return Err(format!(
            "document {} is not among the item's blobs",
            d.sha256
        ));
    }
    if let Some(b) = blobs
        .iter()
        .find(|b| !p.documents.iter().any(|d| &d.sha256 == *b))
    {
        return Err(format!("document {b} is named by no requirement"));
    }
    Ok(())
}

/// A stored status as its type; the table's check constraint admits only the office's six.
fn status_of(code: &str) -> ApplicationStatus {
    ApplicationStatus::from_code(code).unwrap_or(ApplicationStatus::Diterima)
}

/// Stores a parsed application inside the ingestion transaction. Its number is the sender's
/// own (checked before); should it be taken all the same (a kiosk whose store was reset
/// under the same number), the citizen's application is still kept, filed under a number the
/// hub gives ([`crate::numbers::filed_number`]) with the receipt's beside it. Returns that
/// number when it differs from the receipt's.
pub async fn store(
    tx: &mut Transaction<'_, Any>,
    item_id: &str,
    kiosk_id: &str,
    created_at: &str,
    a: &Application,
) -> Result<Result<Option<String>, String>, HubError> {
    let (p, q) = (&a.record, &a.applicant);
    let receipt = TrackingNumber::parse(&p.tracking_number)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let filed = crate::numbers::filed_number(tx, &receipt, item_id).await?;
    let number = filed.clone().unwrap_or_else(|| receipt.clone());
    sqlx::query(
        "INSERT INTO applications (tracking_number, item_id, kiosk_id, service_code, kind, applicant_type,
                                   previous_permit, conditions, status, submitted_on, updated_on, created_at,
                                   skm_code, receipt_number, status_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'diterima', $9, $9, $10, $11, $12, $13)",
    )
    .bind(&number)
    .bind(item_id)
    .bind(kiosk_id)
    .bind(&p.service)
    .bind(codes::of(&p.kind))
    .bind(codes::of(&p.applicant_type))
    .bind(&p.previous_permit)
    .bind(serde_json::to_string(&p.conditions).unwrap_or_default())
    .bind(&p.submitted_on)
    .bind(created_at)
    .bind(
        p.skm_code
            .as_deref()
            .and_then(|c| anjungan_skm::code::parse(c).ok()),
    )
    .bind(filed.as_ref().map(|_| receipt.clone()))
    .bind(p.status_key.as_deref().filter(|k| valid_status_key(k)))
    .execute(&mut **tx)
    .await?;
    let a = &q.applicant;
    let c = q.company.clone().unwrap_or_default();
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    sqlx::query(
        "INSERT INTO applicants (tracking_number, nik, name, sex, birth_place, birth_date, address,
                                 kelurahan_code, phone, email, company_name, nib, npwp, fields)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&number)
    .bind(&a.nik)
    .bind(&a.name)
    .bind(&a.sex)
    .bind(&a.birth_place)
    .bind(&a.birth_date)
    .bind(&a.address)
    .bind(opt(&a.kelurahan_code))
    .bind(&a.phone)
    .bind(opt(&a.email))
    .bind(opt(&c.name))
    .bind(opt(&c.nib))
    .bind(opt(&c.npwp))
    .bind(serde_json::to_string(&q.fields).unwrap_or_default())
    .execute(&mut **tx)
    .await?;
    for d in &p.documents {
        sqlx::query(
            "INSERT INTO application_documents (tracking_number, requirement_code, sha256, kind, pages, size)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&number)
        .bind(&d.requirement)
        .bind(&d.sha256)
        .bind(&d.kind)
        .bind(i64::from(d.pages))
        .bind(i64::try_from(d.bytes).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await?;
    }
    let note = filed.as_ref().map(|_| {
        format!(
            "Nomor pada tanda terima {receipt} sudah terpakai; berkas dicatat dengan nomor ini."
        )
    });
    history(tx, &number, "diterima", note.as_deref(), &[], None, "kiosk").await?;
    Ok(Ok(filed))
}

async fn history(
    tx: &mut Transaction<'_, Any>,
    number: &str,
    status: &str,
    note: Option<&str>,
    missing: &[String],
    step: Option<&str>,
    by: &str,
) -> Result<(), HubError> {
    sqlx::query(
        "INSERT INTO application_history (tracking_number, status, note, missing, step, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(number)
    .bind(status)
    .bind(note)
    .bind(serde_json::to_string(missing).unwrap_or_default())
    .bind(step)
    .bind(by)
    .bind(now_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A status key as kiosks make them (letters and digits, at most 32).
fn valid_status_key(k: &str) -> bool {
    (8..=32).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether the public page may show application `number` to whoever holds `key`: the
/// receipt's key (compared in constant time), or any for an application filed before keys.
/// `false` for numbers the hub does not hold as applications (unknown, or a complaint's):
/// the page says the same for all of them.
pub async fn public_may_see(
    pool: &AnyPool,
    number: &str,
    key: Option<&str>,
) -> Result<bool, HubError> {
    let Ok(number) = normalise(number) else {
        return Ok(false);
    };
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT status_key FROM applications WHERE tracking_number = $1")
            .bind(&number)
            .fetch_optional(pool)
            .await?;
    Ok(match row {
        None => false,
        Some((None,)) => true,
        Some((Some(stored),)) => key.is_some_and(|k| {
            bool::from(subtle::ConstantTimeEq::ct_eq(
                k.as_bytes(),
                stored.as_bytes(),
            ))
        }),
    })
}

/// A tracking number as typed, in its printed form (a wrong check digit is invalid input).
pub(crate) fn normalise(number: &str) -> Result<String, HubError> {
    TrackingNumber::parse(number)
        .map(|n| n.to_string())
        .map_err(|e| HubError::InvalidInput(e.to_string()))
}

/// A status change by staff.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub status: String,
    pub note: Option<String>,
    pub missing: Vec<String>,
    pub step: Option<String>,
    pub by: String,
    /// Where the change came from (a back-office request's address), for the audit log.
    pub address: Option<String>,
}

pub async fn set_status(
    pool: &AnyPool,
    number: &str,
    change: &Change,
    today: &str,
) -> Result<(), HubError> {
    let number = normalise(number)?;
    if !STATUSES.contains(&change.status.as_str()) {
        return Err(HubError::InvalidInput(format!(
            "status is one of {}",
            STATUSES.join(", ")
        )));
    }
    let bad = |m: &str| Err(HubError::InvalidInput(m.to_owned()));
    match change.status.as_str() {
        "perlu_perbaikan" if change.missing.is_empty() && change.note.is_none() => {
            return bad("perlu_perbaikan names the documents to bring (--missing CODE) or a note")
        }
        "ditolak" if change.note.is_none() => return bad("ditolak needs the reason (--note)"),
        "diproses" if change.step.is_none() && change.note.is_none() => {
            return bad("diproses names the step (--step or --note)")
        }
        _ => {}
    }
    let mut tx = crate::db::begin_write(pool).await?;
    let found: Option<(String,)> =
        sqlx::query_as("SELECT service_code FROM applications WHERE tracking_number = $1")
            .bind(&number)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((service,)) = found else {
        return Err(HubError::NotFound("application".into()));
    };
    if !change.missing.is_empty() {
        let body: Option<(String,)> = sqlx::query_as("SELECT body FROM services WHERE code = $1")
            .bind(&service)
            .fetch_optional(&mut *tx)
            .await?;
        let known: Vec<String> = body
            .and_then(|(b,)| serde_json::from_str::<anjungan_wire::catalogue::Service>(&b).ok())
            .map(|s| s.requirements.into_iter().map(|r| r.code).collect())
            .unwrap_or_default();
        if let Some(m) = change.missing.iter().find(|m| !known.contains(m)) {
            return Err(HubError::InvalidInput(format!(
                "{m} is not a requirement of {service}"
            )));
        }
    }
    sqlx::query(
        "UPDATE applications SET status = $2, status_note = $3, missing = $4, step = $5, updated_on = $6
          WHERE tracking_number = $1",
    )
    .bind(&number)
    .bind(&change.status)
    .bind(&change.note)
    .bind(serde_json::to_string(&change.missing).unwrap_or_default())
    .bind(&change.step)
    .bind(today)
    .execute(&mut *tx)
    .await?;
    history(
        &mut tx,
        &number,
        &change.status,
        change.note.as_deref(),
        &change.missing,
        change.step.as_deref(),
        &change.by,
    )
    .await?;
    crate::audit::record_in(
        &mut tx,
        crate::db::engine(pool) == crate::db::Engine::Postgres,
        &crate::audit::Event {
            actor: &change.by,
            address: change.address.as_deref(),
            action: "set_status",
            subject: Some(&number),
            detail: Some(&change.status),
        },
        &now_rfc3339(),
    )
    .await?;
    tx.commit().await?;
    keep_due_date(pool, &number).await
}

/// Keeps the due date Cek Status counts in `applications.due_on`, for the back office's
/// inbox to put late ones first across all its pages. Derived from the history: recounted
/// after every status change, and filled in for records from before (`fill_due_dates`).
async fn keep_due_date(pool: &AnyPool, number: &str) -> Result<(), HubError> {
    let due = status(pool, number).await?.due_date;
    sqlx::query("UPDATE applications SET due_on = $2 WHERE tracking_number = $1")
        .bind(number)
        .bind(due)
        .execute(pool)
        .await?;
    Ok(())
}

/// Counts the due date of every application under way or done that has none kept yet.
/// Returns how many were filled.
pub async fn fill_due_dates(pool: &AnyPool) -> Result<usize, HubError> {
    let missing: Vec<(String,)> = sqlx::query_as(
        "SELECT tracking_number FROM applications
          WHERE due_on IS NULL AND status IN ('diproses', 'selesai')",
    )
    .fetch_all(pool)
    .await?;
    for (number,) in &missing {
        keep_due_date(pool, number).await?;
    }
    Ok(missing.len())
}

#[derive(sqlx::FromRow)]
struct StatusRow {
    tracking_number: String,
    service_code: String,
    service_name: Option<String>,
    status: String,
    status_note: Option<String>,
    missing: String,
    step: Option<String>,
    submitted_on: String,
    updated_on: String,
    sla_working_days: Option<i64>,
    body: Option<String>,
}

/// What `GET /v1/applications/{number}` answers: status and history, no personal data,
/// and the missing requirements by name.
pub async fn status(pool: &AnyPool, number: &str) -> Result<ApplicationStatusBody, HubError> {
    let number = normalise(number)?;
    let row: StatusRow = sqlx::query_as(
        "SELECT a.tracking_number, a.service_code, s.name AS service_name, a.status, a.status_note,
                a.missing, a.step, a.submitted_on, a.updated_on, s.sla_working_days, s.body
           FROM applications a LEFT JOIN services s ON s.code = a.service_code
          WHERE a.tracking_number = $1",
    )
    .bind(&number)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| HubError::NotFound("application".into()))?;
    let service: Option<anjungan_wire::catalogue::Service> = row
        .body
        .as_deref()
        .and_then(|b| serde_json::from_str(b).ok());
    let name_of = |code: &str| {
        service
            .as_ref()
            .and_then(|s| s.requirements.iter().find(|r| r.code == code))
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    let missing: Vec<String> = serde_json::from_str::<Vec<String>>(&row.missing)
        .unwrap_or_default()
        .iter()
        .map(|c| name_of(c))
        .collect();
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT status, changed_at, note, missing, step FROM application_history
          WHERE tracking_number = $1 ORDER BY id",
    )
    .bind(&number)
    .fetch_all(pool)
    .await?;
    let received_complete_at = ApplicationStatus::complete_since(
        rows.iter()
            .map(|h| (status_of(&h.status), h.changed_at.as_str())),
    )
    .and_then(anjungan_permit::office_day_of);
    let sla = row.sla_working_days.and_then(|d| u32::try_from(d).ok());
    let deadline = match (received_complete_at, sla) {
        (Some(complete), Some(sla)) => {
            let today = anjungan_permit::office_day(time::OffsetDateTime::now_utc());
            Some(
                crate::office::calendar(pool)
                    .await?
                    .deadline(complete, sla, today),
            )
        }
        _ => None,
    };
    let open = !status_of(&row.status).is_final();
    let history = rows
        .into_iter()
        .map(|h| StatusChange {
            status: status_of(&h.status),
            at: h.changed_at,
            note: h.note,
            missing: serde_json::from_str::<Vec<String>>(&h.missing)
                .unwrap_or_default()
                .iter()
                .map(|c| name_of(c))
                .collect(),
            step: h.step,
        })
        .collect();
    Ok(ApplicationStatusBody {
        tracking_number: row.tracking_number,
        service_name: row.service_name.unwrap_or_else(|| row.service_code.clone()),
        service_code: row.service_code,
        status: status_of(&row.status),
        submitted_on: row.submitted_on,
        updated_on: row.updated_on,
        sla_working_days: row.sla_working_days.and_then(|d| u32::try_from(d).ok()),
        note: row.status_note,
        missing,
        step: row.step,
        history,
        received_complete_at: received_complete_at.map(anjungan_calendar::format_date),
        due_date: deadline.map(|d| anjungan_calendar::format_date(d.due_date)),
        working_days_left: deadline.filter(|_| open).map(|d| d.working_days_left),
        late: open && deadline.is_some_and(|d| d.late),
        server_time: now_rfc3339(),
    })
}

/// `GET /v1/skm/codes/{code}`: the application a receipt's e-SKM code belongs to, and
/// whether a survey with it has arrived. Nothing personal.
pub async fn skm_code(
    pool: &AnyPool,
    code: &str,
) -> Result<anjungan_wire::api::SkmCodeBody, HubError> {
    let code =
        anjungan_skm::code::parse(code).map_err(|e| HubError::InvalidInput(e.to_string()))?;
    let (service_code,): (String,) =
        sqlx::query_as("SELECT service_code FROM applications WHERE skm_code = $1")
            .bind(&code)
            .fetch_optional(pool)
            .await?
            .ok_or_else(|| HubError::NotFound("e-SKM code".into()))?;
    let (used,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM survey_responses WHERE skm_code = $1")
            .bind(&code)
            .fetch_one(pool)
            .await?;
    Ok(anjungan_wire::api::SkmCodeBody {
        code,
        service_code,
        used: used > 0,
    })
}

#[derive(sqlx::FromRow)]
struct HistoryRow {
    status: String,
    changed_at: String,
    note: Option<String>,
    missing: String,
    step: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ApplicantRow {
    nik: String,
    name: String,
    sex: String,
    birth_place: String,
    birth_date: String,
    address: String,
    kelurahan_code: Option<String>,
    phone: String,
    email: Option<String>,
    company_name: Option<String>,
    nib: Option<String>,
    npwp: Option<String>,
    fields: String,
}

/// One line of `applications list --json`.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct Listed {
    pub tracking_number: String,
    pub service_code: String,
    pub kind: String,
    pub status: String,
    pub submitted_on: String,
    pub updated_on: String,
    pub documents: i64,
}

pub async fn list(pool: &AnyPool, status: Option<&str>) -> Result<Vec<Listed>, HubError> {
    if let Some(s) = status {
        if !STATUSES.contains(&s) {
            return Err(HubError::InvalidInput(format!(
                "status is one of {}",
                STATUSES.join(", ")
            )));
        }
    }
    Ok(sqlx::query_as(
        "SELECT a.tracking_number, a.service_code, a.kind, a.status, a.submitted_on, a.updated_on,
                (SELECT count(*) FROM application_documents d WHERE d.tracking_number = a.tracking_number) AS documents
           FROM applications a WHERE ($1 IS NULL OR a.status = $1)
          ORDER BY a.submitted_on, a.tracking_number",
    )
    .bind(status)
    .fetch_all(pool)
    .await?)
}

/// `applications show --json`: everything staff need, personal data included.
#[derive(Debug, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub status: ApplicationStatusBody,
    pub kind: String,
    pub applicant_type: String,
    pub previous_permit: Option<String>,
    pub conditions: serde_json::Value,
    pub applicant: Option<serde_json::Value>,
    pub documents: Vec<ShownDocument>,
    /// Who changed what, when.
    pub audit: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct ShownDocument {
    pub requirement_code: String,
    pub sha256: String,
    pub kind: String,
    pub pages: i64,
    pub size: i64,
}

pub async fn show(pool: &AnyPool, number: &str) -> Result<Shown, HubError> {
    let status = status(pool, number).await?;
    let n = &status.tracking_number;
    let (kind, applicant_type, previous_permit, conditions): (String, String, Option<String>, String) =
        sqlx::query_as("SELECT kind, applicant_type, previous_permit, conditions FROM applications WHERE tracking_number = $1")
            .bind(n)
            .fetch_one(pool)
            .await?;
    let applicant: Option<ApplicantRow> = sqlx::query_as(
        "SELECT nik, name, sex, birth_place, birth_date, address, kelurahan_code, phone, email,
                    company_name, nib, npwp, fields FROM applicants WHERE tracking_number = $1",
    )
    .bind(n)
    .fetch_optional(pool)
    .await?;
    let applicant = applicant.map(|a| {
        serde_json::json!({
            "nik": a.nik, "name": a.name, "sex": a.sex, "birth_place": a.birth_place,
            "birth_date": a.birth_date, "address": a.address, "kelurahan_code": a.kelurahan_code,
            "phone": a.phone, "email": a.email,
            "company": a.company_name.map(|name| serde_json::json!({"name": name, "nib": a.nib, "npwp": a.npwp})),
            "fields": serde_json::from_str::<serde_json::Value>(&a.fields).unwrap_or_default(),
        })
    });
    let documents: Vec<ShownDocument> = sqlx::query_as(
        "SELECT requirement_code, sha256, kind, pages, size FROM application_documents
          WHERE tracking_number = $1 ORDER BY requirement_code",
    )
    .bind(n)
    .fetch_all(pool)
    .await?;
    let audit: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT status, changed_by, changed_at FROM application_history WHERE tracking_number = $1 ORDER BY id",
    )
    .bind(n)
    .fetch_all(pool)
    .await?;
    Ok(Shown {
        kind,
        applicant_type,
        previous_permit,
        conditions: serde_json::from_str(&conditions).unwrap_or_default(),
        applicant,
        documents,
        audit: audit
            .into_iter()
            .map(|(status, by, at)| serde_json::json!({"status": status, "by": by, "at": at}))
            .collect(),
        status,
    })
}

/// The SHA-256 of the document given for one requirement.
pub async fn document(pool: &AnyPool, number: &str, requirement: &str) -> Result<String, HubError> {
    let number = normalise(number)?;
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT sha256 FROM application_documents WHERE tracking_number = $1 AND requirement_code = $2",
    )
    .bind(&number)
    .bind(requirement)
    .fetch_optional(pool)
    .await?;
    row.map(|(s,)| s)
        .ok_or_else(|| HubError::NotFound("document".into()))
}
