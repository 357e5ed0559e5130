//! What a citizen action travels in: one typed item per kind, from the kiosk's outbox to the
//! hub's register.
//!
//! The kiosk builds an [`Item`] from these types and the hub parses every upload once into the
//! same types ([`Item::parse`]), so a field renamed on one side is renamed on the other, and a
//! shape the other side does not know is refused with a reason instead of read as zero.
//!
//! The JSON is exactly what earlier releases sent (`ItemUpload`'s `payload` and `personal`):
//! kiosks of the last release and this one talk to the same hub. Each kind's shape has a
//! version ([`VERSION`]); it is written only when above 1, so version-1 payloads are
//! byte-for-byte what they were. A hub refuses a version newer than it knows, by name.

use crate::api::ItemKind;
use crate::application::{Applicant, ApplicantType, ApplicationKind, Company};
use crate::ipc::{CheckSource, RespondentProfile, Verdict};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest version of every kind's shape this release reads and writes.
pub const VERSION: u32 = 1;

fn first() -> u32 {
    1
}

fn is_first(v: &u32) -> bool {
    *v == 1
}

/// One citizen action (or kiosk record), as the outbox keeps it and the hub files it.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Application(Box<Application>),
    SurveyResponse(SurveyResponse),
    Complaint(Complaint),
    Outage(Outage),
    Verification(Verification),
    /// Demo data and load tests (`enqueue-demo`): any payload marked `"demo": true` that is
    /// not its kind's shape. Kept as an item; counted in no figure, filed in no register.
    Demo {
        kind: ItemKind,
        payload: serde_json::Value,
        personal: Option<serde_json::Value>,
    },
}

/// An application: the record, and the applicant kept apart (purged from the kiosk once the
/// hub holds it).
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub record: ApplicationRecord,
    pub applicant: ApplicationPersonal,
}

impl Application {
    /// A synthetic application, for demo data and load tests: a new `sip-dokter` permit for
    /// a person with the test NIK, with `documents` (each a one-page PDF). One shape for
    /// every tool that makes one; the hub stores it like any other.
    pub fn synthetic(
        tracking_number: String,
        name: String,
        submitted_on: String,
        documents: Vec<DocumentRef>,
    ) -> Self {
        Application {
            record: ApplicationRecord {
                v: VERSION,
                tracking_number,
                service: "sip-dokter".into(),
                kind: ApplicationKind::Baru,
                applicant_type: ApplicantType::Perorangan,
                previous_permit: None,
                conditions: BTreeMap::new(),
                documents,
                submitted_on,
                consent: Some(true),
                skm_code: None,
                status_key: None,
            },
            applicant: ApplicationPersonal {
                applicant: Applicant {
                    name,
                    phone: "081200000000".into(),
                    nik: "1872010101900001".into(),
                    sex: "L".into(),
                    birth_place: "Metro".into(),
                    birth_date: "1990-01-01".into(),
                    address: "Metro".into(),
                    ..Applicant::default()
                },
                company: None,
                fields: BTreeMap::new(),
            },
        }
    }
}

/// The non-personal part of an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub v: u32,
    /// Printed form, `26-001-00042-7`.
    pub tracking_number: String,
    pub service: String,
    pub kind: ApplicationKind,
    pub applicant_type: ApplicantType,
    pub previous_permit: Option<String>,
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
    pub documents: Vec<DocumentRef>,
    /// YYYY-MM-DD, office calendar.
    pub submitted_on: String,
    /// The citizen agreed to the processing of their data (UU PDP). Synthetic load-test
    /// items carry none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
    /// The receipt's one-time e-SKM code (absent from kiosks older than receipts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skm_code: Option<String>,
    /// The key the receipt's status QR carries (absent from kiosks older than keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_key: Option<String>,
}

/// One document of an application: which requirement it meets, and the upload that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub requirement: String,
    /// SHA-256 (hex) of the uploaded document.
    pub sha256: String,
    /// `pdf`, `jpeg` or `png`.
    pub kind: String,
    pub pages: u32,
    pub bytes: u64,
}

impl DocumentRef {
    /// A one-page PDF meeting `requirement` (synthetic applications).
    pub fn pdf(requirement: &str, sha256: String, bytes: u64) -> Self {
        DocumentRef {
            requirement: requirement.into(),
            sha256,
            kind: "pdf".into(),
            pages: 1,
            bytes,
        }
    }
}

/// The personal part of an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationPersonal {
    pub applicant: Applicant,
    #[serde(default)]
    pub company: Option<Company>,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// Where a survey was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveySource {
    /// At a kiosk, by the citizen.
    Kiosk,
    /// A paper survey the office keyed in (at the hub only; a kiosk never sends one).
    Import,
}

/// One e-SKM response (Permenpan RB 14/2017): ten answers and who answered, no name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResponse {
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub v: u32,
    pub visit_id: Option<String>,
    pub source: SurveySource,
    /// YYYY-MM-DD, office calendar.
    pub date: String,
    /// RFC 3339, kiosk clock.
    pub submitted_at: String,
    /// U1 … U10, each 1–4 or `null` when skipped.
    pub answers: Vec<Option<u8>>,
    pub suggestion: Option<String>,
    pub profile: RespondentProfile,
    /// The receipt's one-time code, when the survey follows one.
    pub skm_code: Option<String>,
}

/// A complaint: its number in the clear, everything else sealed to the office's key and
/// uploaded as two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub v: u32,
    pub tracking_number: String,
    /// YYYY-MM-DD, office calendar.
    pub submitted_on: String,
    pub sealed: Sealed,
}

/// SHA-256 (hex) of a complaint's two sealed parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub content: String,
    pub identity: String,
}

/// Why the hub could not be reached: the outage log's cause classes (Pasal 29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutageCause {
    Dns,
    Refused,
    Timeout,
    Tls,
    #[serde(rename = "http_5xx")]
    Http5xx,
    Throttled,
    Other,
}

impl OutageCause {
    pub const ALL: [OutageCause; 7] = [
        OutageCause::Dns,
        OutageCause::Refused,
        OutageCause::Timeout,
        OutageCause::Tls,
        OutageCause::Http5xx,
        OutageCause::Throttled,
        OutageCause::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutageCause::Dns => "dns",
            OutageCause::Refused => "refused",
            OutageCause::Timeout => "timeout",
            OutageCause::Tls => "tls",
            OutageCause::Http5xx => "http_5xx",
            OutageCause::Throttled => "throttled",
            OutageCause::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A time the kiosk could not reach the hub, sent when it reached it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outage {
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub v: u32,
    pub outage_id: String,
    /// Unix milliseconds.
    pub started_ms: i64,
    pub ended_ms: i64,
    pub duration_s: i64,
    pub cause: OutageCause,
    pub failures: u32,
}

/// A permit check at the kiosk, counted for the office without the holder or the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub v: u32,
    /// YYYY-MM-DD, office calendar.
    pub date: String,
    pub verdict: Verdict,
    pub source: CheckSource,
    pub lists_age_s: Option<i64>,
}

/// Why an upload is not an item of its kind: the hub's rejection reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError(pub String);

impl std::fmt::Display for ItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ItemError {}

fn part<T: DeserializeOwned>(
    kind: ItemKind,
    what: &str,
    value: &serde_json::Value,
) -> Result<T, ItemError> {
    // The field's path in the message (`profile.sex: unknown variant …`): the kiosk's staff
    // and the office read it in the dead letter.
    serde_path_to_error::deserialize(value)
        .map_err(|e| ItemError(format!("{} {what}: {e}", kind.code())))
}

/// The version a payload declares: `v`, 1 when absent.
fn version_of(payload: &serde_json::Value) -> Result<u32, ItemError> {
    match payload.get("v") {
        None => Ok(1),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
            .ok_or_else(|| ItemError("v must be a version number (1 or more)".into())),
    }
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Application(_) => ItemKind::Application,
            Item::SurveyResponse(_) => ItemKind::SurveyResponse,
            Item::Complaint(_) => ItemKind::Complaint,
            Item::Outage(_) => ItemKind::Outage,
            Item::Verification(_) => ItemKind::Verification,
            Item::Demo { kind, .. } => *kind,
        }
    }

    /// Reads an upload's `payload` and `personal` as an item of `kind`.
    pub fn parse(
        kind: ItemKind,
        payload: &serde_json::Value,
        personal: Option<&serde_json::Value>,
    ) -> Result<Item, ItemError> {
        match Self::parse_typed(kind, payload, personal) {
            Err(_) if payload.get("demo") == Some(&serde_json::Value::Bool(true)) => {
                Ok(Item::Demo {
                    kind,
                    payload: payload.clone(),
                    personal: personal.cloned(),
                })
            }
            parsed => parsed,
        }
    }

    fn parse_typed(
        kind: ItemKind,
        payload: &serde_json::Value,
        personal: Option<&serde_json::Value>,
    ) -> Result<Item, ItemError> {
        if !payload.is_object() {
            return Err(ItemError("payload must be a JSON object".into()));
        }
        let v = version_of(payload)?;
        if v > VERSION {
            return Err(ItemError(format!(
                "{} version {v} is newer than this hub reads ({VERSION}): upgrade the hub",
                kind.code()
            )));
        }
        let no_personal = || -> Result<(), ItemError> {
            match personal {
                None | Some(serde_json::Value::Null) => Ok(()),
                Some(_) => Err(ItemError(format!(
                    "a {} item carries no personal part",
                    kind.code()
                ))),
            }
        };
        Ok(match kind {
            ItemKind::Application => {
                let personal = personal
                    .filter(|p| !p.is_null())
                    .ok_or_else(|| ItemError("application without its applicant".into()))?;
                Item::Application(Box::new(Application {
                    record: part(kind, "record", payload)?,
                    applicant: part(kind, "applicant", personal)?,
                }))
            }
            ItemKind::SurveyResponse => {
                no_personal()?;
                Item::SurveyResponse(part(kind, "payload", payload)?)
            }
            ItemKind::Complaint => {
                no_personal()?;
                Item::Complaint(part(kind, "payload", payload)?)
            }
            ItemKind::Outage => {
                no_personal()?;
                Item::Outage(part(kind, "payload", payload)?)
            }
            ItemKind::Verification => {
                no_personal()?;
                Item::Verification(part(kind, "payload", payload)?)
            }
        })
    }

    /// The JSON the outbox keeps and the hub receives: the payload, and the personal part.
    pub fn to_json(&self) -> (serde_json::Value, Option<serde_json::Value>) {
        fn j<T: Serialize>(t: &T) -> serde_json::Value {
            // Plain structs of strings, numbers and maps: serialising cannot fail.
            serde_json::to_value(t).unwrap_or_default()
        }
        match self {
            Item::Application(a) => (j(&a.record), Some(j(&a.applicant))),
            Item::SurveyResponse(s) => (j(s), None),
            Item::Complaint(c) => (j(c), None),
            Item::Outage(o) => (j(o), None),
            Item::Verification(v) => (j(v), None),
            Item::Demo {
                payload, personal, ..
            } => (payload.clone(), personal.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item of a batch the last release's kiosk made (recorded in the hub's test
    /// fixtures) reads as its type and writes back as the same JSON.
    #[test]
    fn the_last_releases_items_round_trip_unchanged() {
        let text = include_str!("../../anjungan-hub/tests/fixtures/batches/0.2.0.json");
        let recorded: serde_json::Value = serde_json::from_str(text).expect("fixture");
        let items = recorded["batch"]["items"].as_array().expect("items");
        let mut kinds = std::collections::BTreeSet::new();
        for raw in items {
            let kind: ItemKind = serde_json::from_value(raw["kind"].clone()).expect("kind");
            let personal = raw.get("personal").filter(|p| !p.is_null());
            let item = Item::parse(kind, &raw["payload"], personal)
                .unwrap_or_else(|e| panic!("{}: {e}", kind.code()));
            assert!(!matches!(item, Item::Demo { .. }), "{kind:?} read as demo");
            assert_eq!(item.kind(), kind);
            let (payload, again) = item.to_json();
            assert_eq!(payload, raw["payload"], "{kind:?} payload");
            assert_eq!(again.as_ref(), personal, "{kind:?} personal");
            kinds.insert(kind);
        }
        assert_eq!(kinds.len(), ItemKind::ALL.len(), "every kind recorded");
    }

    #[test]
    fn a_newer_version_or_a_wrong_shape_is_refused_by_name() {
        let outage = serde_json::json!({"v": 2, "outage_id": "x", "started_ms": 0,
            "ended_ms": 1, "duration_s": 0, "cause": "dns", "failures": 1});
        let e = Item::parse(ItemKind::Outage, &outage, None).expect_err("v2");
        assert!(e.0.contains("version 2 is newer"), "{e}");
        // A renamed field is an error, never a figure read as zero.
        let renamed = serde_json::json!({"outage_id": "x", "start_ms": 0,
            "ended_ms": 1, "duration_s": 0, "cause": "dns", "failures": 1});
        let e = Item::parse(ItemKind::Outage, &renamed, None).expect_err("renamed");
        assert!(e.0.contains("started_ms"), "{e}");
        let cause = serde_json::json!({"outage_id": "x", "started_ms": 0,
            "ended_ms": 1, "duration_s": 0, "cause": "network", "failures": 1});
        assert!(Item::parse(ItemKind::Outage, &cause, None).is_err());
        let verdict = serde_json::json!({"date": "2026-12-01", "verdict": "MAYBE",
            "source": "lists", "lists_age_s": null});
        assert!(Item::parse(ItemKind::Verification, &verdict, None).is_err());
        // A survey carries no personal part.
        let survey = serde_json::json!({"visit_id": null, "source": "kiosk",
            "date": "2026-12-01", "submitted_at": "2026-12-01T09:00:00Z",
            "answers": [4,4,4,4,4,4,4,4,4,4], "suggestion": null,
            "profile": {"sex": null, "age_band": null, "education": null,
                        "occupation": null, "service_code": null}, "skm_code": null});
        assert!(Item::parse(ItemKind::SurveyResponse, &survey, None).is_ok());
        let named = serde_json::json!({"name": "Siti"});
        assert!(Item::parse(ItemKind::SurveyResponse, &survey, Some(&named)).is_err());
        // Demo data is demo data only when marked so.
        let demo = serde_json::json!({"demo": true, "n": 3});
        assert!(matches!(
            Item::parse(ItemKind::Outage, &demo, None),
            Ok(Item::Demo { .. })
        ));
        assert!(Item::parse(ItemKind::Outage, &serde_json::json!({"n": 3}), None).is_err());
    }
}
