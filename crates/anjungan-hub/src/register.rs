//! Permits this hub did not issue: the office's existing register, imported from CSV, and
//! the national verification services (SiCantik, the e-signature verifier, OSS) whose URLs a
//! genuine Metro permit's QR may carry. Neither is called "not from this office": a
//! registered permit is answered from the register, and a national service's URL is answered
//! with where it points, for the citizen to open on a phone.

use crate::db::now_rfc3339;
use crate::error::HubError;
use anjungan_wire::api::ExternalVerifier;
use sqlx::AnyPool;

const VERIFIERS_SETTING: &str = "national_verifiers";

/// The services an office in Indonesia commonly meets, until the office names its own.
pub fn default_verifiers() -> Vec<ExternalVerifier> {
    [
        ("sicantik.go.id", "SiCantik"),
        ("tte.komdigi.go.id", "Verifikasi TTE Komdigi"),
        ("tte.kominfo.go.id", "Verifikasi TTE Kominfo"),
        ("bsre.bssn.go.id", "BSrE BSSN"),
        ("oss.go.id", "OSS"),
    ]
    .into_iter()
    .map(|(host, name)| ExternalVerifier {
        host: host.into(),
        name: name.into(),
    })
    .collect()
}

pub async fn verifiers(pool: &AnyPool) -> Result<Vec<ExternalVerifier>, HubError> {
    Ok(crate::office::setting(pool, VERIFIERS_SETTING)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_else(default_verifiers))
}

fn valid_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// Replaces the list of national services (hosts in lower case, each with a name).
pub async fn set_verifiers(pool: &AnyPool, list: &[ExternalVerifier]) -> Result<(), HubError> {
    let mut clean = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let host = v.host.trim().trim_end_matches('.').to_ascii_lowercase();
        if !valid_host(&host) {
            return Err(HubError::InvalidInput(format!(
                "entry {}: {:?} is not a host name (like sicantik.go.id)",
                i + 1,
                v.host
            )));
        }
        let name = v.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(HubError::InvalidInput(format!(
                "entry {}: a name is 1–120 characters",
                i + 1
            )));
        }
        clean.push(ExternalVerifier {
            host,
            name: name.to_owned(),
        });
    }
    let value = serde_json::to_string(&clean).map_err(|e| HubError::Internal(e.to_string()))?;
    crate::office::set_setting(pool, VERIFIERS_SETTING, &value).await
}

/// One permit of the register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegisterPermit {
    pub number: String,
    pub kind: String,
    pub holder: String,
    pub issued: String,
    pub valid_until: Option<String>,
    /// `berlaku` or `dicabut`.
    pub status: String,
    pub verification_url: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
}

fn date_ok(d: &str) -> bool {
    time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// The register's column names, in this order (`verification_url` may be left empty).
pub const COLUMNS: [&str; 7] = [
    "number",
    "type",
    "holder",
    "issued",
    "valid_until",
    "status",
    "verification_url",
];

/// Reads the register's CSV: every problem with its line and column, or every row.
pub fn parse(csv_text: &str) -> Result<Vec<RegisterPermit>, HubError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| HubError::InvalidInput(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let position = |name: &str| headers.iter().position(|h| h == name);
    let mut missing = Vec::new();
    for name in &COLUMNS[..6] {
        if position(name).is_none() {
            missing.push(*name);
        }
    }
    if !missing.is_empty() {
        return Err(HubError::InvalidInput(format!(
            "line 1: missing column(s) {}; the columns are {}",
            missing.join(", "),
            COLUMNS.join(",")
        )));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let get = |name: &str| {
            position(name)
                .and_then(|p| record.get(p))
                .unwrap_or_default()
                .to_owned()
        };
        let mut bad =
            |column: &str, why: &str| problems.push(format!("line {line}, {column}: {why}"));
        let number = get("number");
        if number.is_empty() || number.chars().count() > 100 {
            bad("number", "1–100 characters");
        } else if !seen.insert(number.clone()) {
            bad("number", "appears twice in the file");
        }
        let (kind, holder) = (get("type"), get("holder"));
        if kind.is_empty() || kind.chars().count() > 200 {
            bad("type", "1–200 characters");
        }
        if holder.is_empty() || holder.chars().count() > 200 {
            bad("holder", "1–200 characters");
        }
        let issued = get("issued");
        if !date_ok(&issued) {
            bad("issued", "a date YYYY-MM-DD");
        }
        let valid_until = Some(get("valid_until")).filter(|v| !v.is_empty());
        if valid_until.as_deref().is_some_and(|v| !date_ok(v)) {
            bad("valid_until", "a date YYYY-MM-DD, or empty for no end");
        }
        let status = match get("status").to_ascii_lowercase().as_str() {
            "berlaku" | "aktif" => "berlaku",
            "dicabut" | "dibatalkan" => "dicabut",
            _ => {
                bad("status", "berlaku (or aktif) or dicabut (or dibatalkan)");
                ""
            }
        }
        .to_owned();
        let raw_url = get("verification_url");
        let verification_url = if raw_url.is_empty() {
            None
        } else {
            let ok = raw_url.len() <= 2048 && raw_url.starts_with("http");
            let normalised = normalise(&raw_url).filter(|_| ok);
            if normalised.is_none() {
                bad("verification_url", "an http(s) address, or empty");
            }
            normalised
        };
        rows.push(RegisterPermit {
            number,
            kind,
            holder,
            issued,
            valid_until,
            status,
            verification_url,
        });
    }
    if !problems.is_empty() {
        return Err(HubError::InvalidInput(problems.join("\n")));
    }
    if rows.is_empty() {
        return Err(HubError::InvalidInput("the file has no permits".into()));
    }
    Ok(rows)
}

/// Imports the register: all rows or none. A number already imported is updated (the
/// register is the office's, and changes).
pub async fn import(pool: &AnyPool, csv_text: &str) -> Result<Imported, HubError> {
    let rows = parse(csv_text)?;
    let now = now_rfc3339();
    let mut tx = crate::db::begin_write(pool).await?;
    let mut added = 0;
    for r in &rows {
        let known: Option<(String,)> =
            sqlx::query_as("SELECT number FROM register_permits WHERE number = $1")
                .bind(&r.number)
                .fetch_optional(&mut *tx)
                .await?;
        added += usize::from(known.is_none());
        sqlx::query(
            "INSERT INTO register_permits (number, kind, holder, issued, valid_until, status, verification_url, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (number) DO UPDATE SET kind = excluded.kind, holder = excluded.holder,
                 issued = excluded.issued, valid_until = excluded.valid_until, status = excluded.status,
                 verification_url = excluded.verification_url, imported_at = excluded.imported_at",
        )
        .bind(&r.number)
        .bind(&r.kind)
        .bind(&r.holder)
        .bind(&r.issued)
        .bind(&r.valid_until)
        .bind(&r.status)
        .bind(&r.verification_url)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Imported {
        added,
        updated: rows.len() - added,
    })
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
);

fn from_row(
    (number, kind, holder, issued, valid_until, status, verification_url): Row,
) -> RegisterPermit {
    RegisterPermit {
        number,
        kind,
        holder,
        issued,
        valid_until,
        status,
        verification_url,
    }
}

const SELECT: &str = "SELECT number, kind, holder, issued, valid_until, status, verification_url FROM register_permits";

pub async fn by_number(pool: &AnyPool, number: &str) -> Result<Option<RegisterPermit>, HubError> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE number = $1"))
        .bind(number)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(from_row))
}

/// The registered permit whose QR carries `url` (stored and compared normalised: without
/// the fragment, scheme and host in lower case).
pub async fn by_url(pool: &AnyPool, url: &str) -> Result<Option<RegisterPermit>, HubError> {
    let Some(wanted) = normalise(url) else {
        return Ok(None);
    };
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE verification_url = $1"))
        .bind(wanted)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(from_row))
}

/// A URL as the register keeps it: parsed (scheme and host in lower case), no fragment.
fn normalise(url: &str) -> Option<String> {
    let mut parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return None;
    }
    parsed.set_fragment(None);
    Some(parsed.to_string())
}
