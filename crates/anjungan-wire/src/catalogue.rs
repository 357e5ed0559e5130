//! The service catalogue (schema 2): what the hub serves at `/v1/catalogue`, what kiosks
//! cache, what "Informasi Layanan" shows and what "Ajukan Izin" validates against.
//! Documented field by field in `docs/catalogue.md`; parsed and checked by
//! `anjungan-catalogue`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The schema number this build reads and writes.
pub const CATALOGUE_SCHEMA: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Always [`CATALOGUE_SCHEMA`].
    pub schema: u32,
    /// Raised by one at every import; kiosks show it with the update date.
    pub version: u32,
    /// YYYY-MM-DD: from when the office applies these standards.
    pub effective_from: String,
    /// YYYY-MM-DD: when the office last changed the information (shown to citizens).
    pub updated_on: String,
    pub services: Vec<Service>,
}

/// Whether a service ends in a permit (izin) or another document (non-izin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ServiceKind {
    #[serde(rename = "izin")]
    Izin,
    #[serde(rename = "non-izin")]
    NonIzin,
}

/// Where the application is made. Only `sicantik` services are applied for at the kiosk;
/// OSS and SIMBG ones get guidance to the national portal (Pasal 7–8, 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ServiceChannel")]
pub enum Channel {
    Sicantik,
    Oss,
    Simbg,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id, lower-case letters, digits and dashes (`sip-dokter`).
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    /// Grouping on the information screen (`Kesehatan`, `Perhubungan`, …).
    pub sector: String,
    pub channel: Channel,
    /// False while the office has not confirmed the entry: the kiosk shows "CONTOH".
    pub published: bool,
    /// Working days from "berkas lengkap"; 0 means done on the spot.
    pub sla_working_days: u32,
    #[serde(default)]
    pub sla_basis: Option<String>,
    /// The fee as the office words it.
    pub fee: String,
    /// True when nothing is paid: the screen says "Gratis".
    pub fee_free: bool,
    /// The regulation behind the fee (or behind its absence).
    #[serde(default)]
    pub fee_basis: Option<String>,
    /// What the applicant receives.
    pub output: String,
    pub legal_basis: Vec<String>,
    /// Numbered procedure steps, in order.
    pub procedure: Vec<String>,
    pub requirements: Vec<Requirement>,
    /// The service's own form fields, asked after the applicant's identity.
    #[serde(default)]
    pub fields: Vec<FormField>,
    /// For OSS and SIMBG: the portal the citizen applies on.
    #[serde(default)]
    pub portal_url: Option<String>,
    /// How to complain about this service (shown on its information screen).
    #[serde(default)]
    pub complaint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Unique within the service (`ktp`, `str`, `pas-foto`).
    pub code: String,
    pub name: String,
    /// Always needed. A requirement that is not mandatory but has a `condition` is needed
    /// when the applicant answers its yes/no question with yes.
    pub mandatory: bool,
    /// The condition in plain words ("praktik mandiri").
    #[serde(default)]
    pub condition: Option<String>,
    /// Accepted formats: `pdf`, `jpg`, `png`.
    pub formats: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    /// Unique within the service; the key in the application's `fields`.
    pub code: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// For `choice`: the allowed answers.
    #[serde(default)]
    pub options: Vec<String>,
    /// For `number`: inclusive bounds.
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// For `text`: at most this many characters (default 200).
    #[serde(default)]
    pub max_length: Option<u32>,
    /// A short example shown under the field.
    #[serde(default)]
    pub hint: Option<String>,
}

impl Catalogue {
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code == code)
    }
}
