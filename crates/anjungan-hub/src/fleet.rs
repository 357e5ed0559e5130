//! The fleet: each kiosk's latest heartbeat, and the kiosks that need someone's attention
//! first — silent for over an hour, a backlog, dead letters, lists too old, a disk filling,
//! a printer out of paper or offline, a camera that would not open.

use crate::db::rfc3339;
use crate::error::HubError;
use anjungan_wire::api::Heartbeat;
use sqlx::AnyPool;
use time::OffsetDateTime;

/// One kiosk as the office sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FleetRow {
    pub name: String,
    pub number: Option<u16>,
    pub revoked: bool,
    /// RFC 3339: the last request the hub noted from it (at most one note a minute).
    pub last_seen_at: Option<String>,
    pub heartbeat_at: Option<String>,
    pub heartbeat: Option<Heartbeat>,
    /// Why someone should look, most urgent first; empty when all is well.
    pub attention: Vec<Attention>,
}

/// One reason a kiosk needs a look. In JSON an object with its `code` (and the figure);
/// in words, Indonesian on the office's page and English in the command's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Attention {
    NeverSeen,
    Silent {
        hours: i64,
    },
    DeadLetters {
        items: u64,
    },
    Backlog {
        items: u64,
    },
    ListsTooOld,
    DiskLow,
    NoPrinter,
    /// The printer's last answer was trouble (`offline`, `paper_out`, `job_failed`).
    Printer {
        state: PrinterTrouble,
    },
    /// The camera would not open, or stopped giving frames.
    Camera {
        state: CameraTrouble,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrinterTrouble {
    Offline,
    PaperOut,
    JobFailed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CameraTrouble {
    Unavailable,
    Lost,
}

impl Attention {
    pub fn indonesian(&self) -> String {
        match self {
            Self::NeverSeen => "belum pernah terhubung ke hub".into(),
            Self::Silent { hours } => format!("tidak terhubung selama {hours} jam"),
            Self::DeadLetters { items } => format!("{items} data ditolak hub"),
            Self::Backlog { items } => format!("antrean {items} data belum terkirim"),
            Self::ListsTooOld => "daftar izin terlalu lama untuk memastikan keaslian".into(),
            Self::DiskLow => "disk hampir penuh".into(),
            Self::NoPrinter => "tidak ada printer tanda terima".into(),
            Self::Printer { state } => match state {
                PrinterTrouble::Offline => "printer tidak tersambung".into(),
                PrinterTrouble::PaperOut => "kertas printer habis".into(),
                PrinterTrouble::JobFailed => "printer gagal mencetak".into(),
            },
            Self::Camera { state } => match state {
                CameraTrouble::Unavailable => "kamera tidak dapat dibuka".into(),
                CameraTrouble::Lost => "kamera berhenti mengirim gambar".into(),
            },
        }
    }

    pub fn english(&self) -> String {
        match self {
            Self::NeverSeen => "has never reached the hub".into(),
            Self::Silent { hours } => format!("silent for {hours} h"),
            Self::DeadLetters { items } => format!("{items} dead letter(s)"),
            Self::Backlog { items } => format!("backlog of {items} item(s)"),
            Self::ListsTooOld => "trust lists too old to vouch for permits".into(),
            Self::DiskLow => "disk almost full".into(),
            Self::NoPrinter => "no receipt printer".into(),
            Self::Printer { state } => match state {
                PrinterTrouble::Offline => "printer offline".into(),
                PrinterTrouble::PaperOut => "printer out of paper".into(),
                PrinterTrouble::JobFailed => "printer failed a job".into(),
            },
            Self::Camera { state } => match state {
                CameraTrouble::Unavailable => "camera would not open".into(),
                CameraTrouble::Lost => "camera stopped giving frames".into(),
            },
        }
    }
}

/// Silent longer than this, a kiosk needs a look (the power, the network, the PC).
const SILENT_S: i64 = 3600;
const BACKLOG_ITEMS: u64 = 100;
const BACKLOG_AGE_S: i64 = 3600;
const LOW_DISK_BYTES: u64 = 1024 * 1024 * 1024;

/// Keeps a kiosk's heartbeat (the latest replaces the one before).
pub async fn record(
    pool: &AnyPool,
    kiosk_id: &str,
    heartbeat: &Heartbeat,
    now: OffsetDateTime,
) -> Result<(), HubError> {
    // In characters, as the API's description states them.
    let chars = |s: &str| s.chars().count();
    let too_long = |v: &Option<String>, max: usize| v.as_ref().is_some_and(|s| chars(s) > max);
    if chars(&heartbeat.app_version) > 64
        || chars(&heartbeat.printer) > 16
        || too_long(&heartbeat.printer_state, 16)
        || too_long(&heartbeat.printer_state_at, 40)
        || too_long(&heartbeat.camera, 16)
    {
        return Err(HubError::InvalidInput(
            "a heartbeat field is too long".into(),
        ));
    }
    let not_a_time = |v: &Option<String>| {
        v.as_deref().is_some_and(|t| {
            OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).is_err()
        })
    };
    if not_a_time(&heartbeat.printer_state_at) || not_a_time(&heartbeat.last_sync_at) {
        return Err(HubError::InvalidInput(
            "printer_state_at and last_sync_at are RFC 3339 times".into(),
        ));
    }
    let body = serde_json::to_string(heartbeat).map_err(|e| HubError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO kiosk_heartbeats (kiosk_id, received_at, body) VALUES ($1, $2, $3)
         ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body",
    )
    .bind(kiosk_id)
    .bind(rfc3339(now))
    .bind(body)
    .execute(pool)
    .await?;
    Ok(())
}

fn age_s(at: Option<&str>, now: OffsetDateTime) -> Option<i64> {
    let t = OffsetDateTime::parse(at?, &time::format_description::well_known::Rfc3339).ok()?;
    Some((now - t).whole_seconds())
}

/// What needs a look about one kiosk.
fn attention(row: &FleetRow, max_lists_age_s: i64, now: OffsetDateTime) -> Vec<Attention> {
    let mut why = Vec::new();
    if row.revoked {
        return why;
    }
    let latest = [row.last_seen_at.as_deref(), row.heartbeat_at.as_deref()]
        .into_iter()
        .flatten()
        .max();
    match age_s(latest, now) {
        None => why.push(Attention::NeverSeen),
        Some(s) if s > SILENT_S => why.push(Attention::Silent { hours: s / 3600 }),
        Some(_) => {}
    }
    if let Some(h) = &row.heartbeat {
        if h.dead > 0 {
            why.push(Attention::DeadLetters { items: h.dead });
        }
        if h.pending >= BACKLOG_ITEMS || h.oldest_pending_age_s.is_some_and(|a| a > BACKLOG_AGE_S) {
            why.push(Attention::Backlog { items: h.pending });
        }
        if h.trust_lists_age_s.is_some_and(|a| a > max_lists_age_s) {
            why.push(Attention::ListsTooOld);
        }
        if h.disk_free_bytes.is_some_and(|b| b < LOW_DISK_BYTES) {
            why.push(Attention::DiskLow);
        }
        if h.printer == "none" {
            why.push(Attention::NoPrinter);
        }
        let printer = match h.printer_state.as_deref() {
            Some("offline") => Some(PrinterTrouble::Offline),
            Some("paper_out") => Some(PrinterTrouble::PaperOut),
            Some("job_failed") => Some(PrinterTrouble::JobFailed),
            _ => None,
        };
        if let (Some(state), false) = (printer, h.printer == "none") {
            why.push(Attention::Printer { state });
        }
        let camera = match h.camera.as_deref() {
            Some("unavailable") => Some(CameraTrouble::Unavailable),
            Some("lost") => Some(CameraTrouble::Lost),
            _ => None,
        };
        if let Some(state) = camera {
            why.push(Attention::Camera { state });
        }
    }
    why
}

/// Every kiosk, those needing attention first, then by name.
pub async fn list(pool: &AnyPool, now: OffsetDateTime) -> Result<Vec<FleetRow>, HubError> {
    type Row = (
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT k.name, k.number, k.revoked_at, k.last_seen_at, h.received_at, h.body
           FROM kiosks k LEFT JOIN kiosk_heartbeats h ON h.kiosk_id = k.id",
    )
    .fetch_all(pool)
    .await?;
    let max_lists_age_s = i64::from(crate::trust::max_age_days(pool).await?) * 86_400;
    let mut out: Vec<FleetRow> = rows
        .into_iter()
        .map(
            |(name, number, revoked_at, last_seen_at, heartbeat_at, body)| {
                let mut row = FleetRow {
                    name,
                    number: number.and_then(|n| u16::try_from(n).ok()),
                    revoked: revoked_at.is_some(),
                    last_seen_at,
                    heartbeat_at,
                    heartbeat: body.and_then(|b| serde_json::from_str(&b).ok()),
                    attention: Vec::new(),
                };
                row.attention = attention(&row, max_lists_age_s, now);
                row
            },
        )
        .collect();
    // Those needing attention (a non-empty list) first.
    out.sort_by(|a, b| {
        a.attention
            .is_empty()
            .cmp(&b.attention.is_empty())
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

#[derive(askama::Template)]
#[template(path = "fleet.html")]
struct Page<'a> {
    rows: &'a [FleetRow],
    generated_at: String,
}

/// The office's status page: static HTML, no script, kiosks needing attention first.
pub fn page(rows: &[FleetRow], now: OffsetDateTime) -> Result<String, HubError> {
    askama::Template::render(&Page {
        rows,
        generated_at: rfc3339(now),
    })
    .map_err(|e| HubError::Internal(e.to_string()))
}
