//! The `/v1` HTTP protocol between kiosk and hub. Documented in `crates/anjungan-hub/openapi.json`.

use serde::{Deserialize, Serialize};

/// Header carrying the hub's clock on every response, so a kiosk can detect skew.
pub const SERVER_TIME_HEADER: &str = "x-server-time";

/// Every non-2xx response body: a stable machine code and an English sentence for logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// `GET /v1/health`: unauthenticated liveness, also used by kiosks as a connectivity probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// RFC 3339, UTC.
    pub server_time: String,
}

/// An integer field that also takes a whole number written as a float (`14240.0`), as JSON
/// Schema counts it an integer and some JSON writers send it so; a fraction is refused.
mod whole {
    use serde::{Deserialize, Deserializer};

    fn of<'de, D: Deserializer<'de>, T: TryFrom<i128>>(
        n: serde_json::Number,
    ) -> Result<T, D::Error> {
        let whole = if let Some(i) = n.as_i64() {
            Some(i128::from(i))
        } else if let Some(u) = n.as_u64() {
            Some(i128::from(u))
        } else {
            // Only where a float is exact (2^53): a larger "whole" float may be a rounded
            // integer outside the field's range.
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0)
                .map(|f| f as i128)
        };
        whole
            .and_then(|w| T::try_from(w).ok())
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a whole number in range")))
    }

    pub fn required<'de, D: Deserializer<'de>, T: TryFrom<i128>>(d: D) -> Result<T, D::Error> {
        of::<D, T>(serde_json::Number::deserialize(d)?)
    }

    pub fn optional<'de, D: Deserializer<'de>, T: TryFrom<i128>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<serde_json::Number>::deserialize(d)?
            .map(of::<D, T>)
            .transpose()
    }
}

/// `POST /v1/kiosk/heartbeat`: how a kiosk is, sent at most once a minute while it reaches
/// the hub. Counts and ages only, no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub app_version: String,
    #[serde(deserialize_with = "whole::required")]
    pub pending: u64,
    #[serde(deserialize_with = "whole::required")]
    pub in_flight: u64,
    #[serde(deserialize_with = "whole::required")]
    pub dead: u64,
    /// Seconds the oldest waiting item has waited.
    #[serde(default, deserialize_with = "whole::optional")]
    pub oldest_pending_age_s: Option<i64>,
    /// Free bytes on the disk of the kiosk's data folder.
    #[serde(default, deserialize_with = "whole::optional")]
    pub disk_free_bytes: Option<u64>,
    /// Seconds since the trust lists were last confirmed.
    #[serde(default, deserialize_with = "whole::optional")]
    pub trust_lists_age_s: Option<i64>,
    /// RFC 3339: the last batch the hub confirmed.
    pub last_sync_at: Option<String>,
    /// The receipt printer configured (`none`, `usb`, `tcp`, `ipp`).
    pub printer: String,
    /// How the printer answered last (a print or a check): `printed`, `ready`, `queued`,
    /// `offline`, `paper_out`, `job_failed`; absent before the first print. Older kiosks
    /// send none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printer_state: Option<String>,
    /// RFC 3339: when it answered so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printer_state_at: Option<String>,
    /// The camera as the verify screen last found it: `ok`, `unavailable` (it would not
    /// open) or `lost` (it stopped giving frames); absent until the screen first opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<String>,
}

/// `GET /v1/kiosk/me`: who the bearer token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskIdentity {
    pub kiosk_id: String,
    pub kiosk_name: String,
    /// The kiosk's number at this hub (1–999), part of every tracking number it issues.
    #[serde(default)]
    pub kiosk_number: Option<u16>,
    /// RFC 3339, UTC.
    pub enrolled_at: String,
    /// RFC 3339, UTC.
    pub server_time: String,
    /// The highest sequence of this year's tracking numbers the hub holds from this kiosk:
    /// a kiosk whose store was reset continues after it instead of reusing numbers. Older
    /// hubs send none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sequence: Option<u32>,
}

/// `GET /v1/applications/{tracking_number}`: the public part of an application's state.
/// Carries no personal data: a kiosk screen is seen by whoever stands behind the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationStatusBody {
    pub tracking_number: String,
    pub service_code: String,
    pub service_name: String,
    pub status: crate::ipc::ApplicationStatus,
    /// YYYY-MM-DD.
    pub submitted_on: String,
    /// YYYY-MM-DD.
    pub updated_on: String,
    pub sla_working_days: Option<u32>,
    /// The office's note on the current status.
    #[serde(default)]
    pub note: Option<String>,
    /// For `perlu_perbaikan`: the requirements to bring again, by name.
    #[serde(default)]
    pub missing: Vec<String>,
    /// For `diproses`: the step under way.
    #[serde(default)]
    pub step: Option<String>,
    /// Every status change, oldest first. No personal data, and not who made it.
    #[serde(default)]
    pub history: Vec<crate::application::StatusChange>,
    /// YYYY-MM-DD: when the file was declared complete (first `diproses` or `selesai`).
    #[serde(default)]
    pub received_complete_at: Option<String>,
    /// YYYY-MM-DD, by the office calendar at the hub.
    #[serde(default)]
    pub due_date: Option<String>,
    #[serde(default)]
    pub working_days_left: Option<i64>,
    #[serde(default)]
    pub late: bool,
    pub server_time: String,
}

/// `GET /v1/office`: what every kiosk needs of the office besides the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeBody {
    pub calendar: serde_json::Value,
    pub skm: crate::ipc::SkmRules,
    /// How often kiosks check in, set by the office to spread load; absent: their default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pacing: Option<Pacing>,
}

/// How often kiosks contact the hub of their own accord (citizen actions go at once anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pacing {
    /// Seconds between connection checks (each carries the heartbeat and list downloads).
    pub check_every_s: u32,
    /// Up to this many seconds are added at random to each wait, so that a city's kiosks,
    /// back after an outage, do not all knock at once.
    pub jitter_s: u32,
}

/// `GET /v1/skm/codes/{code}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkmCodeBody {
    pub code: String,
    pub service_code: String,
    /// Whether a survey with this code has reached the hub.
    pub used: bool,
}

/// What kind of citizen action (or kiosk record) an outbox item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Application,
    SurveyResponse,
    Complaint,
    Outage,
    Verification,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Application,
        ItemKind::SurveyResponse,
        ItemKind::Complaint,
        ItemKind::Outage,
        ItemKind::Verification,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Application => "application",
            ItemKind::SurveyResponse => "survey_response",
            ItemKind::Complaint => "complaint",
            ItemKind::Outage => "outage",
            ItemKind::Verification => "verification",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_heartbeat_takes_whole_floats_and_refuses_fractions() {
        let mut v = serde_json::json!({"app_version": "0.2.0", "pending": 3.0, "in_flight": 0,
            "dead": 14240.0, "oldest_pending_age_s": null, "disk_free_bytes": 1e9,
            "trust_lists_age_s": -1.0, "last_sync_at": null, "printer": "none"});
        let h: super::Heartbeat = serde_json::from_value(v.clone()).expect("whole floats");
        assert_eq!(
            (h.pending, h.dead, h.disk_free_bytes),
            (3, 14240, Some(1_000_000_000))
        );
        assert_eq!(h.trust_lists_age_s, Some(-1));
        v["dead"] = serde_json::json!(1.5);
        assert!(serde_json::from_value::<super::Heartbeat>(v.clone()).is_err());
        v["dead"] = serde_json::json!(-1);
        assert!(serde_json::from_value::<super::Heartbeat>(v.clone()).is_err());
        // A rounded float just past the range is not read as i64::MIN.
        v["dead"] = serde_json::json!(0);
        v["trust_lists_age_s"] = serde_json::json!(-9_223_372_036_854_775_809.0_f64);
        assert!(serde_json::from_value::<super::Heartbeat>(v).is_err());
    }
}

/// One item of an upload batch. `id` is the UUIDv7 the kiosk gave it when it was saved:
/// the idempotency key, forever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemUpload {
    pub id: String,
    pub kind: ItemKind,
    /// RFC 3339, kiosk clock, when the citizen's action was saved.
    pub created_at: String,
    /// The record itself, without personal data.
    pub payload: serde_json::Value,
    /// Personal fields (NIK, name, phone, address), kept apart so the kiosk can purge them
    /// once the hub holds them.
    pub personal: Option<serde_json::Value>,
    /// SHA-256 (hex) of documents uploaded before this item.
    #[serde(default)]
    pub blobs: Vec<String>,
}

/// `POST /v1/items`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemBatch {
    pub items: Vec<ItemUpload>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Stored now, durably.
    Accepted,
    /// Already stored by an earlier delivery: as good as accepted.
    Duplicate,
    /// Will never be accepted (invalid); `reason` says why.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub outcome: ItemOutcome,
    pub reason: Option<String>,
    /// For a `rejected` item: the documents the hub does not hold (never uploaded, or
    /// removed after long unused). The kiosk uploads them again and resends the item
    /// instead of giving it up; older kiosks ignore the field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_documents: Vec<String>,
    /// For an `accepted` application or complaint: the number the hub filed it under, when
    /// the number on the citizen's receipt was already taken (the item is kept, never
    /// refused for it; the office sees both numbers). Older kiosks ignore the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
}

impl ItemResult {
    /// Stored now or before.
    pub fn settled(id: &str, outcome: ItemOutcome) -> Self {
        Self {
            id: id.to_owned(),
            outcome,
            reason: None,
            missing_documents: Vec::new(),
            tracking_number: None,
        }
    }

    /// Refused, with why.
    pub fn rejected(id: &str, reason: String) -> Self {
        Self {
            id: id.to_owned(),
            outcome: ItemOutcome::Rejected,
            reason: Some(reason),
            missing_documents: Vec::new(),
            tracking_number: None,
        }
    }
}

/// Answer to `POST /v1/items`: one result per item, in order, sent only after the
/// accepted items are durable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub results: Vec<ItemResult>,
    pub server_time: String,
}

/// Largest batch the hub takes.
pub const MAX_BATCH_ITEMS: usize = 500;
/// Largest item the hub takes: its payload and personal part, in bytes of JSON. The kiosk
/// refuses a larger one when it is saved, so that it cannot die later at the hub.
pub const MAX_ITEM_BYTES: usize = 256 * 1024;
/// Largest document the hub takes, in bytes.
pub const MAX_BLOB_BYTES: usize = 20 * 1024 * 1024;

/// `POST /v1/permits/lookup`: a plain-URL QR (an older permit or another office), which only
/// the hub's register can vouch for. The kiosk never opens such a URL itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermitLookupRequest {
    pub url: String,
}

/// The hub's answer for a looked-up URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermitLookup {
    /// `ASLI`, `KEDALUWARSA`, `DICABUT` or `TIDAK_DIKENAL`.
    pub verdict: crate::ipc::Verdict,
    /// False when the URL is not a page of this office's permit register.
    pub this_office: bool,
    #[serde(flatten)]
    pub permit: crate::ipc::PermitFields,
    /// For `PERIKSA_DI_PENERBIT`: the national service the URL belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points_to: Option<crate::ipc::PointsTo>,
}

/// A national verification service whose URLs a permit QR may carry (SiCantik, the
/// e-signature verifier, OSS): named by the office, signed with the trust lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalVerifier {
    /// A host name; its subdomains count too.
    pub host: String,
    pub name: String,
}

/// `POST /v1/complaints/status`: a complaint's number and its PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintStatusRequest {
    pub tracking_number: String,
    pub pin: String,
}
