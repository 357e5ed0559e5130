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

/// `GET /v1/kiosk/me`: who the bearer token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskIdentity {
    pub kiosk_id: String,
    pub kiosk_name: String,
    /// RFC 3339, UTC.
    pub enrolled_at: String,
    /// RFC 3339, UTC.
    pub server_time: String,
}

/// `GET /v1/applications/{tracking_number}`: the public part of an application's state.
/// Carries no personal data: a kiosk screen is seen by whoever stands behind the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationStatusBody {
    pub tracking_number: String,
    pub service_code: String,
    pub service_name: String,
    /// One of the `ApplicationStatus` codes (`diterima`, `diverifikasi`, …).
    pub status: String,
    /// YYYY-MM-DD.
    pub submitted_on: String,
    /// YYYY-MM-DD.
    pub updated_on: String,
    pub sla_working_days: Option<u32>,
    pub server_time: String,
}
