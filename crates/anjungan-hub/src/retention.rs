//! How long the hub keeps personal data (UU PDP 27/2022, Pasal 43–44): each kind of record
//! has a period the office sets; past it, the personal part and the documents go and the
//! anonymous record stays, so every figure (Pasal 19, 24) is unchanged. A data subject may ask
//! for everything held on them, or for its erasure, except where a legal hold applies.
//!
//! | kind | personal part | kept after | what stays |
//! |---|---|---|---|
//! | `application` | the applicant (NIK, name, birth, address, phone, e-mail, company, form fields) and the documents | the file is closed (`selesai`/`ditolak`) | service, kind, statuses and dates |
//! | `complaint` | the sealed identity; the chronology, title, place and attachments inside the sealed content | the complaint is closed (`selesai`/`ditolak`) | category, privacy, dates, statuses, the office's answer |
//! | `item` | the personal part of any other delivered item (and a survey still waiting for a code no application has) | it arrived | the item |
//!
//! An open application or complaint is never purged or erased: the office still needs it
//! to serve the citizen (a legal hold), and says so.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_complaint::seal::{self, Content};
use serde::Serialize;
use sqlx::AnyPool;
use std::path::Path;

/// The kinds of record with a retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Application,
    Complaint,
    Item,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Application, Kind::Complaint, Kind::Item];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Application => "application",
            Kind::Complaint => "complaint",
            Kind::Item => "item",
        }
    }

    /// The period until the office sets one: an application's file as long as the
    /// office's permit archive keeps its register (five years), a complaint two years,
    /// anything else a month.
    pub fn default_days(self) -> u32 {
        match self {
            Kind::Application => 5 * 365,
            Kind::Complaint => 2 * 365,
            Kind::Item => 30,
        }
    }

    fn setting(self) -> String {
        format!("retention_days_{}", self.code())
    }
}

/// One kind's period, as `retention show` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub kind: Kind,
    pub days: u32,
    /// Whether the office set it (else the default).
    pub set: bool,
    pub after: &'static str,
}

/// Sets how many days `kind`'s personal data is kept (1 to 36,500).
pub async fn set(pool: &AnyPool, kind: Kind, days: u32) -> Result<(), HubError> {
    if !(1..=36_500).contains(&days) {
        return Err(HubError::InvalidInput(
            "a retention period is 1 to 36500 days".into(),
        ));
    }
    crate::office::set_setting(pool, &kind.setting(), &days.to_string()).await
}

/// Every kind's period.
pub async fn show(pool: &AnyPool) -> Result<Vec<Period>, HubError> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let stored = crate::office::setting(pool, &kind.setting())
            .await?
            .and_then(|v| v.parse::<u32>().ok());
        out.push(Period {
            kind,
            days: stored.unwrap_or_else(|| kind.default_days()),
            set: stored.is_some(),
            after: match kind {
                Kind::Application | Kind::Complaint => "closed",
                Kind::Item => "received",
            },
        });
    }
    Ok(out)
}

/// What a purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub applications: u64,
    pub complaints: u64,
    pub items: u64,
    pub documents: u64,
    /// Surveys that waited for a code no application ever had.
    pub waiting_surveys: u64,
}

/// Removes the personal part of every record past its period at `now`.
pub async fn purge(
    pool: &AnyPool,
    data_dir: &Path,
    now: time::OffsetDateTime,
) -> Result<Purged, HubError> {
    let periods = show(pool).await?;
    let cutoff = |kind: Kind| {
        let days = periods
            .iter()
            .find(|p| p.kind == kind)
            .map_or(kind.default_days(), |p| p.days);
        crate::db::rfc3339(now - time::Duration::days(i64::from(days)))
    };
    let mut done = Purged::default();
    let closed: Vec<(String,)> = sqlx::query_as(
        "SELECT a.tracking_number FROM applications a
          WHERE a.status IN ('selesai', 'ditolak') AND a.purged_at IS NULL
            AND (SELECT max(h.changed_at) FROM application_history h
                  WHERE h.tracking_number = a.tracking_number) < $1",
    )
    .bind(cutoff(Kind::Application))
    .fetch_all(pool)
    .await?;
    for (number,) in closed {
        done.documents += purge_application(pool, data_dir, &number, now).await?;
        done.applications += 1;
    }
    let complaints: Vec<(String,)> = sqlx::query_as(
        "SELECT tracking_number FROM complaints
          WHERE status IN ('selesai', 'ditolak') AND purged_at IS NULL AND updated_at < $1",
    )
    .bind(cutoff(Kind::Complaint))
    .fetch_all(pool)
    .await?;
    for (number,) in complaints {
        done.documents += purge_complaint(pool, data_dir, &number, now).await?;
        done.complaints += 1;
    }
    done.items = sqlx::query(
        "UPDATE items SET personal = NULL WHERE personal IS NOT NULL AND received_at < $1",
    )
    .bind(cutoff(Kind::Item))
    .execute(pool)
    .await?
    .rows_affected();
    // A survey whose code never became known by then was never a receipt's: it goes.
    done.waiting_surveys = sqlx::query("DELETE FROM survey_waiting WHERE received_at < $1")
        .bind(cutoff(Kind::Item))
        .execute(pool)
        .await?
        .rows_affected();
    if done != Purged::default() {
        tracing::info!(
            applications = done.applications,
            complaints = done.complaints,
            items = done.items,
            documents = done.documents,
            "personal data past its retention period removed"
        );
    }
    Ok(done)
}

/// Removes an application's applicant and documents; the record stays. Returns how many
/// documents went with it.
async fn purge_application(
    pool: &AnyPool,
    data_dir: &Path,
    number: &str,
    now: time::OffsetDateTime,
) -> Result<u64, HubError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let shas: Vec<(String,)> =
        sqlx::query_as("SELECT sha256 FROM application_documents WHERE tracking_number = $1")
            .bind(number)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM application_documents WHERE tracking_number = $1")
        .bind(number)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM applicants WHERE tracking_number = $1")
        .bind(number)
        .execute(&mut *tx)
        .await?;
    // Applications delivered before personal parts were kept once also have it here.
    sqlx::query(
        "UPDATE items SET personal = NULL
          WHERE id = (SELECT item_id FROM applications WHERE tracking_number = $1)",
    )
    .bind(number)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE applications SET purged_at = $1 WHERE tracking_number = $2")
        .bind(crate::db::rfc3339(now))
        .bind(number)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut gone = 0;
    for (sha,) in shas {
        if crate::blobs::remove_if_unheld(pool, data_dir, &sha).await? {
            gone += 1;
        }
    }
    Ok(gone)
}

/// Removes a complaint's sealed identity, and reseals its content without the chronology,
/// title, place and attachments (category, privacy, unit and dates stay for the figures).
/// Returns how many documents went.
async fn purge_complaint(
    pool: &AnyPool,
    data_dir: &Path,
    number: &str,
    now: time::OffsetDateTime,
) -> Result<u64, HubError> {
    let (content_sha,): (String,) =
        sqlx::query_as("SELECT content_sha256 FROM complaints WHERE tracking_number = $1")
            .bind(number)
            .fetch_one(pool)
            .await?;
    let identity: Option<(String,)> =
        sqlx::query_as("SELECT sealed_sha256 FROM complaint_identities WHERE tracking_number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?;
    let content: Content = crate::complaints::open_sealed(pool, data_dir, &content_sha).await?;
    let kept = Content {
        title: String::new(),
        chronology: String::new(),
        place: String::new(),
        related_tracking_number: None,
        attachments: Vec::new(),
        ..content
    };
    let (recipient, _) = crate::complaints::recipient(pool)
        .await?
        .ok_or_else(|| HubError::Internal("no complaint key".into()))?;
    let sealed = seal::seal(&recipient, &kept).map_err(|e| HubError::Internal(e.to_string()))?;
    let new_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&sealed));
    crate::blobs::store_own(pool, data_dir, &new_sha, &sealed).await?;
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query(
        "UPDATE complaints SET content_sha256 = $1, purged_at = $2 WHERE tracking_number = $3",
    )
    .bind(&new_sha)
    .bind(crate::db::rfc3339(now))
    .bind(number)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM complaint_identities WHERE tracking_number = $1")
        .bind(number)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut gone = 0;
    for sha in std::iter::once(content_sha).chain(identity.map(|(s,)| s)) {
        if crate::blobs::remove_if_unheld(pool, data_dir, &sha).await? {
            gone += 1;
        }
    }
    Ok(gone)
}

/// Everything the office holds on the person with `nik`, for their request (UU PDP Pasal
/// 7): their applications with the applicant data, history and documents, and the
/// complaints they made under their name.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectExport {
    pub nik: String,
    pub exported_at: String,
    pub applications: Vec<serde_json::Value>,
    pub complaints: Vec<serde_json::Value>,
}

pub async fn subject_export(
    pool: &AnyPool,
    data_dir: &Path,
    nik: &str,
) -> Result<SubjectExport, HubError> {
    use base64::Engine as _;
    let nik = valid_nik(nik)?;
    let numbers: Vec<(String,)> = sqlx::query_as(
        "SELECT tracking_number FROM applicants WHERE nik = $1 ORDER BY tracking_number",
    )
    .bind(&nik)
    .fetch_all(pool)
    .await?;
    let mut applications = Vec::new();
    for (number,) in numbers {
        let shown = crate::applications::show(pool, &number).await?;
        let mut v = serde_json::to_value(&shown).map_err(|e| HubError::Internal(e.to_string()))?;
        let mut files = Vec::new();
        for d in &shown.documents {
            let bytes = crate::blobs::read(pool, data_dir, &d.sha256).await?;
            files.push(serde_json::json!({
                "requirement": d.requirement_code, "kind": d.kind, "sha256": d.sha256,
                "base64": base64::engine::general_purpose::STANDARD.encode(bytes),
            }));
        }
        v["document_files"] = serde_json::Value::from(files);
        applications.push(v);
    }
    let mut complaints = Vec::new();
    for number in complaints_of(pool, data_dir, &nik).await? {
        let shown = crate::complaints::show(pool, data_dir, &number).await?;
        complaints
            .push(serde_json::to_value(&shown).map_err(|e| HubError::Internal(e.to_string()))?);
    }
    Ok(SubjectExport {
        nik,
        exported_at: now_rfc3339(),
        applications,
        complaints,
    })
}

/// What an erasure did, and what it could not do and why.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Erased {
    pub erased: Vec<String>,
    pub held: Vec<Hold>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hold {
    pub tracking_number: String,
    pub reason: String,
}

/// Erases the personal data of the person with `nik` from every closed application and
/// complaint; open ones are held (the office is still serving them) and listed with why.
pub async fn subject_erase(
    pool: &AnyPool,
    data_dir: &Path,
    nik: &str,
    now: time::OffsetDateTime,
) -> Result<Erased, HubError> {
    let nik = valid_nik(nik)?;
    let mut out = Erased::default();
    let apps: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.tracking_number, a.status FROM applicants p
           JOIN applications a ON a.tracking_number = p.tracking_number
          WHERE p.nik = $1 ORDER BY p.tracking_number",
    )
    .bind(&nik)
    .fetch_all(pool)
    .await?;
    for (number, status) in apps {
        if matches!(status.as_str(), "selesai" | "ditolak") {
            purge_application(pool, data_dir, &number, now).await?;
            out.erased.push(number);
        } else {
            out.held.push(Hold {
                tracking_number: number,
                reason: format!(
                    "the application is still open ({status}): the office needs it to finish serving the applicant"
                ),
            });
        }
    }
    for number in complaints_of(pool, data_dir, &nik).await? {
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM complaints WHERE tracking_number = $1")
                .bind(&number)
                .fetch_one(pool)
                .await?;
        if matches!(status.as_str(), "selesai" | "ditolak") {
            purge_complaint(pool, data_dir, &number, now).await?;
            out.erased.push(number);
        } else {
            out.held.push(Hold {
                tracking_number: number,
                reason: format!("the complaint is still being handled ({status})"),
            });
        }
    }
    Ok(out)
}

/// The complaints whose sealed identity carries `nik` (opened with the office's key).
async fn complaints_of(
    pool: &AnyPool,
    data_dir: &Path,
    nik: &str,
) -> Result<Vec<String>, HubError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT tracking_number, sealed_sha256 FROM complaint_identities ORDER BY tracking_number",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for (number, sha) in rows {
        let identity: anjungan_wire::complaint::ComplaintIdentity =
            crate::complaints::open_sealed(pool, data_dir, &sha).await?;
        if identity.nik == nik {
            out.push(number);
        }
    }
    Ok(out)
}

fn valid_nik(nik: &str) -> Result<String, HubError> {
    let nik = nik.trim();
    if nik.len() == 16 && nik.bytes().all(|b| b.is_ascii_digit()) {
        Ok(nik.to_owned())
    } else {
        Err(HubError::InvalidInput("a NIK is 16 digits".into()))
    }
}
