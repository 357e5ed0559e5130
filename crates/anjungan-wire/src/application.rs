//! An application for a permit as the kiosk collects it ("Ajukan Izin"), the problems
//! validation finds, and the scanner-folder inbox. The same JSON is `anjungan-cli apply
//! --json`'s input (documented in `docs/application.md`) and the kiosk window's IPC.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ApplicationKind {
    Baru,
    Perpanjangan,
    Perubahan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ApplicantType {
    Perorangan,
    Perusahaan,
}

/// The applicant as typed. Everything here is personal data: it travels in the outbox's
/// personal part and leaves the kiosk once the hub has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Applicant {
    pub nik: String,
    pub name: String,
    /// `L` or `P`.
    pub sex: String,
    pub birth_place: String,
    /// YYYY-MM-DD.
    pub birth_date: String,
    pub address: String,
    /// Kemendagri code of a Kota Metro kelurahan (`18.72.01.1001`), or empty for an
    /// address outside the city.
    pub kelurahan_code: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Company {
    pub name: String,
    /// Nomor Induk Berusaha: 13 digits.
    pub nib: String,
    /// 15 or 16 digits (punctuation ignored).
    pub npwp: String,
}

/// What the citizen filled in. `documents` maps a requirement code to the SHA-256 of a
/// file already in the kiosk's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApplicationDraft {
    pub service: String,
    pub kind: ApplicationKind,
    pub applicant_type: ApplicantType,
    /// For `perpanjangan` and `perubahan`.
    #[serde(default)]
    pub previous_permit: Option<String>,
    pub applicant: Applicant,
    #[serde(default)]
    pub company: Option<Company>,
    /// The service's own fields, by field code, as text.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// Answers to the conditional requirements' questions, by requirement code.
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
    #[serde(default)]
    pub documents: BTreeMap<String, String>,
    pub consent: bool,
}

/// One thing wrong with a draft. `field` names the place (`applicant.nik`,
/// `fields.luas`, `documents.ktp`); `code` is what the screen translates
/// (`apply.problem.<code>`); `message` is English, for the CLI and logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// What the citizen sees after "Kirim".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationReceipt {
    /// Printed form, `26-001-00042-7`.
    pub tracking_number: String,
    /// The outbox item's id.
    pub id: String,
    pub saved_at: String,
    /// Whether the hub answered at the last check; when false the screen says the
    /// application is saved and will be sent automatically.
    pub online: bool,
    /// What the receipt says (and the screen shows until the citizen taps "Selesai").
    pub receipt: crate::receipt::Receipt,
}

/// A file from the counter scanner's folder (or the camera) that the kiosk took into its
/// private inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxDocument {
    /// The name it had in the scanner folder.
    pub file: String,
    pub sha256: String,
    /// `pdf`, `jpeg` or `png`, by content.
    pub kind: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// A small PNG preview as a `data:` URL, for images; none for PDFs.
    pub thumbnail: Option<String>,
}

/// A file the inbox refused, with the reason code the screen translates
/// (`capture.refused.<reason>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefusedFile {
    pub file: String,
    pub reason: String,
}

/// One pass (or one event) of the scanner-folder watcher.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxReport {
    pub accepted: Vec<InboxDocument>,
    pub refused: Vec<RefusedFile>,
}

/// `GET /v1/applications/{number}`'s history entries, and Cek Status's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusChange {
    pub status: ApplicationStatus,
    /// RFC 3339.
    pub at: String,
    #[serde(default)]
    pub note: Option<String>,
    /// For `perlu_perbaikan`: the requirement codes to bring again.
    #[serde(default)]
    pub missing: Vec<String>,
    /// For `diproses`: the step's name.
    #[serde(default)]
    pub step: Option<String>,
}

/// Where an application stands, as the office reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Still in this kiosk's queue: saved, and sent as soon as the hub answers.
    BelumTerkirim,
    /// Received, waiting for document verification.
    Diterima,
    /// Staff are checking the documents.
    VerifikasiBerkas,
    /// The applicant must fix or complete documents.
    PerluPerbaikan,
    /// Technical review / field check under way.
    Diproses,
    /// Permit issued, ready to collect or download.
    Selesai,
    /// Refused; the office gives the reason in person.
    Ditolak,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 7] = [
        ApplicationStatus::BelumTerkirim,
        ApplicationStatus::Diterima,
        ApplicationStatus::VerifikasiBerkas,
        ApplicationStatus::PerluPerbaikan,
        ApplicationStatus::Diproses,
        ApplicationStatus::Selesai,
        ApplicationStatus::Ditolak,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::BelumTerkirim => "belum_terkirim",
            ApplicationStatus::Diterima => "diterima",
            ApplicationStatus::VerifikasiBerkas => "verifikasi_berkas",
            ApplicationStatus::PerluPerbaikan => "perlu_perbaikan",
            ApplicationStatus::Diproses => "diproses",
            ApplicationStatus::Selesai => "selesai",
            ApplicationStatus::Ditolak => "ditolak",
        }
    }

    /// Whether the office has finished with the application (the due date no longer runs).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Selesai | ApplicationStatus::Ditolak
        )
    }

    /// The day an application's service time counts from (Pasal 29), given its history
    /// oldest first: the file is complete when the office first moves it past verification,
    /// to `diproses` or straight to `selesai`. One rule for Cek Status and the evaluation.
    pub fn complete_since<D>(history: impl IntoIterator<Item = (Self, D)>) -> Option<D> {
        history.into_iter().find_map(|(s, d)| {
            matches!(s, ApplicationStatus::Diproses | ApplicationStatus::Selesai).then_some(d)
        })
    }

    /// The day the office finished with it: its first `selesai` or `ditolak`.
    pub fn finished_on<D>(history: impl IntoIterator<Item = (Self, D)>) -> Option<D> {
        history
            .into_iter()
            .find_map(|(s, d)| s.is_final().then_some(d))
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}
