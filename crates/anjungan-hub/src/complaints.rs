//! Pengaduan at the office. Complaints arrive sealed (age, to the office's complaint key)
//! as two documents: the content and the identity. They are opened here only to be shown
//! to the office (`complaints list/show/export`) or to check a PIN; the identity of an
//! anonymous complaint is never opened at all.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_complaint::seal::{self, Content};
use anjungan_wire::complaint::{
    ComplaintChange, ComplaintIdentity, ComplaintState, ComplaintStatus,
};
use anjungan_wire::item::Complaint;
use serde::Serialize;
use sqlx::{Any, AnyPool, Transaction};
use std::path::Path;

/// The office's complaint identities (secret keys), one per line, in the data directory.
pub const KEY_FILE: &str = "complaint-keys.txt";

/// PIN attempts in a row, from one kiosk, before that kiosk is locked out of a number, and
/// for how long.
pub const MAX_FAILED_PINS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

fn internal(e: impl std::fmt::Display) -> HubError {
    HubError::Internal(e.to_string())
}

/// Makes a new complaint key: the secret appended to the key file (mode 0600), the public
/// half recorded so the signed trust lists carry it to kiosks. Older keys stay, so earlier
/// complaints still open. Returns the new recipient.
pub async fn keygen(pool: &AnyPool, dir: &Path) -> Result<String, HubError> {
    let (secret, recipient) = seal::keygen();
    let path = dir.join(KEY_FILE);
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&path)?;
        writeln!(f, "{secret}")?;
        f.sync_all()?;
    }
    sqlx::query("INSERT INTO complaint_keys (recipient, created_at) VALUES ($1, $2)")
        .bind(&recipient)
        .bind(now_rfc3339())
        .execute(pool)
        .await?;
    Ok(recipient)
}

/// The newest complaint key's public half, if the office made one.
pub async fn recipient(pool: &AnyPool) -> Result<Option<(String, String)>, HubError> {
    Ok(sqlx::query_as(
        "SELECT recipient, created_at FROM complaint_keys ORDER BY created_at DESC, recipient LIMIT 1",
    )
    .fetch_optional(pool)
    .await?)
}

/// Makes a key when there is none (the demo, a first start).
pub async fn ensure_key(pool: &AnyPool, dir: &Path) -> Result<(), HubError> {
    if recipient(pool).await?.is_none() || !dir.join(KEY_FILE).exists() {
        keygen(pool, dir).await?;
    }
    Ok(())
}

fn identities(dir: &Path) -> Result<Vec<String>, HubError> {
    let text = std::fs::read_to_string(dir.join(KEY_FILE)).map_err(|e| {
        HubError::InvalidInput(format!(
            "no complaint key here ({e}): run `anjungan-hub complaints keygen`"
        ))
    })?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect())
}

/// Opens a sealed part (content or identity) with the office's complaint keys.
pub(crate) async fn open_sealed<T: for<'de> serde::Deserialize<'de>>(
    pool: &AnyPool,
    dir: &Path,
    sha: &str,
) -> Result<T, HubError> {
    let bytes = crate::blobs::read(pool, dir, sha).await?;
    seal::open(&identities(dir)?, &bytes).map_err(internal)
}

/// A complaint item as kiosks send it: the number in the clear, the rest sealed.
pub struct Incoming {
    pub(crate) tracking_number: String,
    submitted_on: String,
    content: String,
    identity: String,
}

/// Checks a complaint item: its number, its date, and that its two sealed parts are
/// exactly the documents it uploaded (attachments travel inside the sealed content).
pub fn check(c: &Complaint, blobs: &[String]) -> Result<Incoming, String> {
    let number = anjungan_apply::TrackingNumber::parse(&c.tracking_number)
        .map_err(|e| e.to_string())?
        .to_string();
    anjungan_calendar::parse_date(&c.submitted_on).ok_or("submitted_on must be YYYY-MM-DD")?;
    let part = |name: &str, sha: &str| -> Result<String, String> {
        if !blobs.iter().any(|b| b == sha) {
            return Err(format!(
                "the sealed {name} is not among the item's documents"
            ));
        }
        Ok(sha.to_owned())
    };
    let incoming = Incoming {
        tracking_number: number,
        submitted_on: c.submitted_on.clone(),
        content: part("content", &c.sealed.content)?,
        identity: part("identity", &c.sealed.identity)?,
    };
    if let Some(b) = blobs
        .iter()
        .find(|b| **b != incoming.content && **b != incoming.identity)
    {
        return Err(format!(
            "document {b} is not one of the complaint's sealed parts"
        ));
    }
    Ok(incoming)
}

/// Stores a complaint inside the ingestion transaction. As with applications, a number
/// taken all the same never costs the citizen the complaint: it is filed under a number the
/// hub gives, returned here, with the receipt's beside it.
pub async fn store(
    tx: &mut Transaction<'_, Any>,
    item_id: &str,
    kiosk_id: &str,
    received_at: &str,
    c: &Incoming,
) -> Result<Result<Option<String>, String>, HubError> {
    let filed = crate::numbers::filed_number(tx, &c.tracking_number, item_id).await?;
    let number = filed.clone().unwrap_or_else(|| c.tracking_number.clone());
    let received_on =
        anjungan_permit::office_date_of(received_at).unwrap_or_else(|| c.submitted_on.clone());
    sqlx::query(
        "INSERT INTO complaints (tracking_number, item_id, kiosk_id, content_sha256, submitted_on,
                                 received_on, updated_at, receipt_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&number)
    .bind(item_id)
    .bind(kiosk_id)
    .bind(&c.content)
    .bind(&c.submitted_on)
    .bind(&received_on)
    .bind(received_at)
    .bind(filed.as_ref().map(|_| c.tracking_number.clone()))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO complaint_identities (tracking_number, sealed_sha256) VALUES ($1, $2)",
    )
    .bind(&number)
    .bind(&c.identity)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO complaint_history (tracking_number, status, changed_by, changed_at)
         VALUES ($1, 'diterima', 'anjungan', $2)",
    )
    .bind(&number)
    .bind(received_at)
    .execute(&mut **tx)
    .await?;
    Ok(Ok(filed))
}

#[derive(sqlx::FromRow)]
struct Record {
    tracking_number: String,
    content_sha256: String,
    submitted_on: String,
    received_on: String,
    status: String,
    response: Option<String>,
    forwarded_to: Option<String>,
}

const RECORD: &str =
    "SELECT tracking_number, content_sha256, submitted_on, received_on, status, response,
        forwarded_to FROM complaints";

/// One complaint as the office's list shows it. No identity, ever.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub tracking_number: String,
    pub category: String,
    pub title: String,
    pub privacy: String,
    pub status: String,
    pub submitted_on: String,
    pub verify_due: String,
    pub answer_due: String,
    pub overdue: bool,
    pub attachments: usize,
}

struct Opened {
    record: Record,
    content: Content,
    verify_due: String,
    answer_due: String,
    overdue: bool,
}

async fn opened(pool: &AnyPool, dir: &Path, r: Record) -> Result<Opened, HubError> {
    let content: Content = open_sealed(pool, dir, &r.content_sha256).await?;
    let calendar = crate::office::calendar(pool).await?;
    let received =
        anjungan_calendar::parse_date(&r.received_on).ok_or_else(|| internal("received_on"))?;
    let due = anjungan_complaint::deadline::deadlines(&calendar, received);
    let today = anjungan_permit::office_day(time::OffsetDateTime::now_utc());
    Ok(Opened {
        verify_due: anjungan_calendar::format_date(due.verify_due),
        answer_due: anjungan_calendar::format_date(due.answer_due),
        overdue: anjungan_complaint::deadline::overdue(&due, &r.status, today),
        record: r,
        content,
    })
}

fn row(o: &Opened) -> Row {
    Row {
        tracking_number: o.record.tracking_number.clone(),
        category: o.content.category.code().to_owned(),
        title: o.content.title.clone(),
        privacy: o.content.privacy.clone(),
        status: o.record.status.clone(),
        submitted_on: o.record.submitted_on.clone(),
        verify_due: o.verify_due.clone(),
        answer_due: o.answer_due.clone(),
        overdue: o.overdue,
        attachments: o.content.attachments.len(),
    }
}

pub async fn list(pool: &AnyPool, dir: &Path, status: Option<&str>) -> Result<Vec<Row>, HubError> {
    let records: Vec<Record> = sqlx::query_as(&format!(
        "{RECORD} WHERE $1 IS NULL OR status = $1 ORDER BY received_on, tracking_number"
    ))
    .bind(status)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in records {
        out.push(row(&opened(pool, dir, r).await?));
    }
    Ok(out)
}

async fn record(pool: &AnyPool, number: &str) -> Result<Record, HubError> {
    let number = crate::applications::normalise(number)?;
    sqlx::query_as(&format!("{RECORD} WHERE tracking_number = $1"))
        .bind(&number)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| HubError::NotFound("complaint".into()))
}

/// A stored status as its type; the table's check constraint admits only these.
fn state(code: &str) -> ComplaintState {
    ComplaintState::from_code(code).unwrap_or(ComplaintState::Diterima)
}

async fn history(pool: &AnyPool, number: &str) -> Result<Vec<ComplaintChange>, HubError> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT status, changed_at, note FROM complaint_history WHERE tracking_number = $1 ORDER BY id",
    )
    .bind(number)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(status, at, note)| ComplaintChange {
            status: state(&status),
            at,
            note,
        })
        .collect())
}

/// A whole complaint for the officer handling it. The identity only when the complainant
/// gave it for that (named or rahasia); an anonymous one's is not even opened.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub row: Row,
    pub chronology: String,
    pub event_date: String,
    pub place: String,
    pub unit: Option<String>,
    pub related_tracking_number: Option<String>,
    pub response: Option<String>,
    pub forwarded_to: Option<String>,
    pub attachment_kinds: Vec<String>,
    pub history: Vec<ComplaintChange>,
    pub identity: Option<ComplaintIdentity>,
}

pub async fn show(pool: &AnyPool, dir: &Path, number: &str) -> Result<Shown, HubError> {
    let o = opened(pool, dir, record(pool, number).await?).await?;
    // None for an anonymous complaint (never opened), and once its retention ended.
    let sealed: Option<(String,)> = if o.content.privacy == "anonim" {
        None
    } else {
        sqlx::query_as("SELECT sealed_sha256 FROM complaint_identities WHERE tracking_number = $1")
            .bind(&o.record.tracking_number)
            .fetch_optional(pool)
            .await?
    };
    let identity = match sealed {
        Some((sha,)) => Some(open_sealed::<ComplaintIdentity>(pool, dir, &sha).await?),
        None => None,
    };
    Ok(Shown {
        row: row(&o),
        chronology: o.content.chronology.clone(),
        event_date: o.content.event_date.clone(),
        place: o.content.place.clone(),
        unit: o.content.unit.clone(),
        related_tracking_number: o.content.related_tracking_number.clone(),
        response: o.record.response.clone(),
        forwarded_to: o.record.forwarded_to.clone(),
        attachment_kinds: o
            .content
            .attachments
            .iter()
            .map(|a| a.kind.clone())
            .collect(),
        history: history(pool, &o.record.tracking_number).await?,
        identity,
    })
}

/// The `index`-th attachment of a complaint (from 0): its kind and bytes, for the officer.
pub async fn attachment(
    pool: &AnyPool,
    dir: &Path,
    number: &str,
    index: usize,
) -> Result<(String, Vec<u8>), HubError> {
    let r = record(pool, number).await?;
    let content: Content = open_sealed(pool, dir, &r.content_sha256).await?;
    let file = content
        .attachments
        .get(index)
        .ok_or_else(|| HubError::NotFound("attachment".into()))?;
    Ok((file.kind.clone(), file.bytes()))
}

/// The office's answer and status change, kept in the history with who made it.
pub async fn respond(
    pool: &AnyPool,
    number: &str,
    status: &str,
    response: Option<&str>,
    forwarded_to: Option<&str>,
    by: &str,
) -> Result<(), HubError> {
    let r = record(pool, number).await?;
    if !anjungan_complaint::STATUSES.contains(&status) {
        return Err(HubError::InvalidInput(format!(
            "status is one of {}",
            anjungan_complaint::STATUSES.join(", ")
        )));
    }
    let bad = |m: &str| Err(HubError::InvalidInput(m.to_owned()));
    match status {
        "diteruskan" if forwarded_to.is_none() => return bad("diteruskan names the unit (--to)"),
        "ditanggapi" | "ditolak" if response.is_none() => {
            return bad("ditanggapi and ditolak need the response or reason (--response)")
        }
        _ => {}
    }
    for text in [response, forwarded_to].into_iter().flatten() {
        if text.chars().count() > 4000 || text.chars().any(|c| c.is_control() && c != '\n') {
            return bad("a response is plain text of at most 4000 characters");
        }
    }
    let now = now_rfc3339();
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query(
        "UPDATE complaints SET status = $1, response = coalesce($2, response),
                forwarded_to = coalesce($3, forwarded_to), updated_at = $4
          WHERE tracking_number = $5",
    )
    .bind(status)
    .bind(response)
    .bind(forwarded_to)
    .bind(&now)
    .bind(&r.tracking_number)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO complaint_history (tracking_number, status, note, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&r.tracking_number)
    .bind(status)
    .bind(response.or(forwarded_to))
    .bind(by)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A CSV field: quoted, quotes doubled, and a leading `= + - @` (a spreadsheet formula)
/// neutralised with an apostrophe.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Every complaint for forwarding to SP4N-LAPOR!: `csv` or `json`. Identities of named
/// and rahasia complaints only; an anonymous one's never.
pub async fn export(pool: &AnyPool, dir: &Path, format: &str) -> Result<String, HubError> {
    let numbers: Vec<(String,)> = sqlx::query_as(
        "SELECT tracking_number FROM complaints ORDER BY received_on, tracking_number",
    )
    .fetch_all(pool)
    .await?;
    let mut all = Vec::new();
    for (n,) in numbers {
        all.push(show(pool, dir, &n).await?);
    }
    match format {
        "json" => serde_json::to_string_pretty(&all).map_err(internal),
        "csv" => {
            let mut out = String::from(
                "tracking_number,submitted_on,category,privacy,status,title,chronology,event_date,place,unit,related_tracking_number,response,forwarded_to,name,phone,email\n",
            );
            for s in &all {
                let id = s.identity.clone().unwrap_or_default();
                let fields = [
                    s.row.tracking_number.as_str(),
                    &s.row.submitted_on,
                    &s.row.category,
                    &s.row.privacy,
                    &s.row.status,
                    &s.row.title,
                    &s.chronology,
                    &s.event_date,
                    &s.place,
                    s.unit.as_deref().unwrap_or_default(),
                    s.related_tracking_number.as_deref().unwrap_or_default(),
                    s.response.as_deref().unwrap_or_default(),
                    s.forwarded_to.as_deref().unwrap_or_default(),
                    &id.name,
                    &id.phone,
                    &id.email,
                ];
                out.push_str(
                    &fields
                        .iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                out.push('\n');
            }
            Ok(out)
        }
        other => Err(HubError::InvalidInput(format!(
            "format {other:?}: csv or json"
        ))),
    }
}

/// "Cek Pengaduan": the status and answer for the number and PIN together, asked by kiosk
/// `kiosk_id`. A wrong PIN and an unknown number look the same.
///
/// Each attempt is counted before the PIN is looked at, in one statement each: the kiosk's
/// hourly budget across every number ([`crate::quota::take_pin_attempt`]), then this
/// number's attempts from this kiosk, locked for [`LOCK_MINUTES`] at the
/// [`MAX_FAILED_PINS`]th. Parallel guesses therefore cannot outrun the count, and the lock
/// is the guessing kiosk's alone: the citizen at any other kiosk still gets the answer.
pub async fn status_for(
    pool: &AnyPool,
    dir: &Path,
    number: &str,
    pin: &str,
    kiosk_id: &str,
    now: time::OffsetDateTime,
    limits: &crate::limits::Limits,
) -> Result<ComplaintStatus, HubError> {
    let not_found = || HubError::NotFound("complaint".into());
    let number = crate::applications::normalise(number)?;
    crate::quota::take_pin_attempt(pool, kiosk_id, now, limits).await?;
    // Unknown numbers are counted too: a guess at a number costs as much as one at a PIN.
    let claimed = sqlx::query(
        "INSERT INTO complaint_pin_attempts (tracking_number, kiosk_id, attempts, locked_until)
         VALUES ($1, $2, 1, NULL)
         ON CONFLICT (tracking_number, kiosk_id) DO UPDATE SET
           attempts = CASE WHEN complaint_pin_attempts.locked_until IS NOT NULL
                            AND complaint_pin_attempts.locked_until <= $3 THEN 1
                           ELSE complaint_pin_attempts.attempts + 1 END,
           locked_until = CASE WHEN complaint_pin_attempts.locked_until IS NOT NULL
                                AND complaint_pin_attempts.locked_until <= $3 THEN NULL
                               WHEN complaint_pin_attempts.attempts + 1 >= $4 THEN $5
                               ELSE NULL END
         WHERE complaint_pin_attempts.locked_until IS NULL
            OR complaint_pin_attempts.locked_until <= $3",
    )
    .bind(&number)
    .bind(kiosk_id)
    .bind(crate::db::rfc3339(now))
    .bind(MAX_FAILED_PINS)
    .bind(crate::db::rfc3339(
        now + time::Duration::minutes(LOCK_MINUTES),
    ))
    .execute(pool)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Err(not_found());
    }
    let r = record(pool, &number).await.map_err(|e| match e {
        HubError::InvalidInput(_) => e,
        _ => not_found(),
    })?;
    let o = opened(pool, dir, r).await?;
    if !anjungan_complaint::pin::verify(pin, &o.content.pin_hash) {
        return Err(not_found());
    }
    sqlx::query("DELETE FROM complaint_pin_attempts WHERE tracking_number = $1 AND kiosk_id = $2")
        .bind(&o.record.tracking_number)
        .bind(kiosk_id)
        .execute(pool)
        .await?;
    crate::quota::refund_pin_attempt(pool, kiosk_id, now).await?;
    Ok(ComplaintStatus {
        tracking_number: o.record.tracking_number.clone(),
        status: state(&o.record.status),
        category: o.content.category,
        submitted_on: o.record.submitted_on.clone(),
        response: o.record.response.clone(),
        forwarded_to: o.record.forwarded_to.clone(),
        history: history(pool, &o.record.tracking_number).await?,
        verify_due: o.verify_due,
        answer_due: o.answer_due,
        overdue: o.overdue,
    })
}
