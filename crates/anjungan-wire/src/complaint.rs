//! Pengaduan (Perwali 27/2020 Pasal 20, in the shape of SP4N-LAPOR!): what the citizen fills
//! in, what they take home, and what "Cek Pengaduan" shows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who may know who complained (LAPOR!'s two choices, and the plain one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Privacy {
    /// Name known to the office.
    Named,
    /// Content not public; the identity known to the office only.
    Rahasia,
    /// Identity hidden from the reported party and everyone handling the complaint.
    Anonim,
}

/// The complainant, as far as they choose to say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintIdentity {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub nik: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// A complaint as filled in (the CLI's `COMPLAINT.json` has the same shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintDraft {
    /// Pasal 20(3): `a` … `k`, as chosen on the screen (empty until then; anything else is
    /// refused by name). Typed as [`ComplaintCategory`] once checked.
    pub category: String,
    pub title: String,
    pub chronology: String,
    /// YYYY-MM-DD.
    pub event_date: String,
    pub place: String,
    /// The unit or officer involved.
    #[serde(default)]
    pub unit: Option<String>,
    /// The application the complaint is about (a "terlambat" one, say).
    #[serde(default)]
    pub related_tracking_number: Option<String>,
    pub privacy: Privacy,
    #[serde(default)]
    pub identity: ComplaintIdentity,
    pub consent: bool,
}

/// A photo or document attached to the complaint being filled in. Held in memory only: it
/// is sealed with the complaint, never written to the kiosk's disk in the clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintAttachment {
    pub id: String,
    /// `pdf`, `jpeg` or `png`.
    pub kind: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the citizen takes home: both are needed to see the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintReceipt {
    /// Printed form, `26-001-00042-7`.
    pub tracking_number: String,
    /// Six digits.
    pub pin: String,
    pub saved_at: String,
    /// Whether the hub answered at the last check.
    pub online: bool,
    pub attachments: u32,
    /// The text of the QR to photograph: number and PIN.
    pub qr_text: String,
}

/// What a complaint is about: the kinds Pasal 20(3) lists, by their letter on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum ComplaintCategory {
    /// Penundaan berlarut.
    #[serde(rename = "a")]
    PenundaanBerlarut,
    /// Penyalahgunaan wewenang.
    #[serde(rename = "b")]
    PenyalahgunaanWewenang,
    /// Bertindak sewenang-wenang, tidak adil dan tidak patut.
    #[serde(rename = "c")]
    SewenangWenang,
    /// Penyimpangan prosedur.
    #[serde(rename = "d")]
    PenyimpanganProsedur,
    /// Perbuatan melawan hukum.
    #[serde(rename = "e")]
    MelawanHukum,
    /// Korupsi, kolusi dan nepotisme.
    #[serde(rename = "f")]
    Kkn,
    /// Intervensi.
    #[serde(rename = "g")]
    Intervensi,
    /// Lalai atas kewajiban.
    #[serde(rename = "h")]
    LalaiAtasKewajiban,
    /// Tidak kompeten.
    #[serde(rename = "i")]
    TidakKompeten,
    /// Pemalsuan.
    #[serde(rename = "j")]
    Pemalsuan,
    /// Lain-lain tindakan pejabat publik yang merugikan masyarakat.
    #[serde(rename = "k")]
    LainLain,
}

impl ComplaintCategory {
    pub const ALL: [ComplaintCategory; 11] = [
        ComplaintCategory::PenundaanBerlarut,
        ComplaintCategory::PenyalahgunaanWewenang,
        ComplaintCategory::SewenangWenang,
        ComplaintCategory::PenyimpanganProsedur,
        ComplaintCategory::MelawanHukum,
        ComplaintCategory::Kkn,
        ComplaintCategory::Intervensi,
        ComplaintCategory::LalaiAtasKewajiban,
        ComplaintCategory::TidakKompeten,
        ComplaintCategory::Pemalsuan,
        ComplaintCategory::LainLain,
    ];

    /// Its letter in Pasal 20(3), as the wire and the screens write it.
    pub fn code(self) -> &'static str {
        ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"][self as usize]
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The regulation's words for it, shortened to fit a table cell, for the office's
    /// reports (which are in Indonesian).
    pub fn words(self) -> &'static str {
        [
            "penundaan berlarut",
            "penyalahgunaan wewenang",
            "sewenang-wenang/tidak patut",
            "penyimpangan prosedur",
            "perbuatan melawan hukum",
            "korupsi, kolusi, nepotisme",
            "intervensi",
            "lalai atas kewajiban",
            "tidak kompeten",
            "pemalsuan",
            "lain-lain",
        ][self as usize]
    }
}

/// Where a complaint stands at the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintState {
    Diterima,
    Diverifikasi,
    Diteruskan,
    Ditanggapi,
    Selesai,
    Ditolak,
}

impl ComplaintState {
    pub const ALL: [ComplaintState; 6] = [
        ComplaintState::Diterima,
        ComplaintState::Diverifikasi,
        ComplaintState::Diteruskan,
        ComplaintState::Ditanggapi,
        ComplaintState::Selesai,
        ComplaintState::Ditolak,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ComplaintState::Diterima => "diterima",
            ComplaintState::Diverifikasi => "diverifikasi",
            ComplaintState::Diteruskan => "diteruskan",
            ComplaintState::Ditanggapi => "ditanggapi",
            ComplaintState::Selesai => "selesai",
            ComplaintState::Ditolak => "ditolak",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One step of a complaint's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintChange {
    pub status: ComplaintState,
    /// RFC 3339.
    pub at: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// "Cek Pengaduan": where a complaint stands and the office's answer. No identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintStatus {
    pub tracking_number: String,
    pub status: ComplaintState,
    pub category: ComplaintCategory,
    /// YYYY-MM-DD.
    pub submitted_on: String,
    /// The office's response (or the reason it was refused).
    pub response: Option<String>,
    /// For `diteruskan`: the unit it went to.
    pub forwarded_to: Option<String>,
    pub history: Vec<ComplaintChange>,
    /// YYYY-MM-DD: verified within 3 working days, answered within 5 after that.
    pub verify_due: String,
    pub answer_due: String,
    pub overdue: bool,
}
