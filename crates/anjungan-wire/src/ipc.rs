//! Values the desktop shell returns to the web UI. Every type here is exported to
//! `ui/src/lib/ipc/bindings.ts`; a test fails when that file is stale.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Machine-readable failure classes. The UI translates each one through i18n
/// (`error.<code>`), so a citizen never reads an English or technical sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input that can never be right (wrong length, letters in a number).
    InvalidInput,
    /// The hub was asked and does not know the thing.
    NotFound,
    /// The hub could not be reached (network, DNS, refused, timeout, 5xx).
    HubUnreachable,
    /// The hub refused this kiosk's token.
    Unauthorized,
    /// The kiosk has no hub yet: an admin must enrol it.
    NotEnrolled,
    /// A staff command without a valid staff session.
    StaffLocked,
    /// The local store failed (disk full, read-only, corrupt).
    Storage,
    /// This visit already sent its survey: one response per visit.
    AlreadySubmitted,
    /// Cek Keaslian Izin: the image holds no QR code that could be read.
    NoQrFound,
    /// Cek Keaslian Izin: no camera is attached or it cannot be opened.
    CameraUnavailable,
    /// e-SKM: the code is not a receipt's code (wrong length or check digit).
    SkmCodeInvalid,
    /// e-SKM: the code was used for a survey already.
    SkmCodeUsed,
    /// e-SKM: this office takes surveys only with a receipt's code.
    SurveyNeedsCode,
    /// e-SKM: a survey without a code was given here moments ago.
    SurveyCooldown,
    /// Pengaduan: several complaints from this kiosk in the last minutes.
    ComplaintLimit,
    /// Spoken guidance: off on this kiosk, or espeak-ng could not say it.
    SpeechUnavailable,
    /// Anything else; details go to the log, never to the screen.
    Internal,
}

impl ErrorCode {
    /// Every code, for exhaustive checks (translations, docs).
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::HubUnreachable,
        ErrorCode::Unauthorized,
        ErrorCode::NotEnrolled,
        ErrorCode::StaffLocked,
        ErrorCode::Storage,
        ErrorCode::AlreadySubmitted,
        ErrorCode::NoQrFound,
        ErrorCode::CameraUnavailable,
        ErrorCode::SkmCodeInvalid,
        ErrorCode::SkmCodeUsed,
        ErrorCode::SurveyNeedsCode,
        ErrorCode::SurveyCooldown,
        ErrorCode::ComplaintLimit,
        ErrorCode::SpeechUnavailable,
        ErrorCode::Internal,
    ];
}

/// What a failed command rejects with: `{code, message}`. `message` is English, for logs
/// and staff; screens show the translation of `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

/// Which language a screen is in. Indonesian first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Id,
    En,
}

/// Why the kiosk's store could not be opened at start-up. The app then shows a maintenance
/// screen instead of exiting, and leaves the store untouched for a technician.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceReason {
    /// The file failed its integrity check or is not a database.
    Damaged,
    /// Written by a newer version of the app.
    TooNew,
    DiskFull,
    ReadOnly,
}

/// `maintenance_status`: present only when the app runs in maintenance mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MaintenanceInfo {
    pub reason: MaintenanceReason,
}

/// What the shell knows before the kiosk page loads, handed to it by an initialization script
/// ([`Boot::script`]) so the first screen needs no IPC round trip: while the page starts, the
/// app's main thread is busy with WebKit and an early call waits tens of milliseconds
/// (docs/benchmarks.md, "Start-up and memory"). `maintenance_status` still answers the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Boot {
    pub maintenance: Option<MaintenanceInfo>,
}

impl Boot {
    /// The global the page reads (`ui/src/kiosk/boot.ts`).
    pub const GLOBAL: &'static str = "__ANJUNGAN_BOOT__";

    /// A script defining [`Self::GLOBAL`], frozen. JSON is valid JavaScript here: the values
    /// are enum codes and `null`.
    pub fn script(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".into());
        format!(
            "Object.defineProperty(window, '{}', {{ value: Object.freeze({json}) }});",
            Self::GLOBAL
        )
    }
}

/// Start-up facts the kiosk screen needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub default_language: Language,
    /// Seconds without a touch before the screen wipes itself and returns home.
    pub idle_timeout_s: u32,
    /// Seconds before that moment at which the "are you still there?" warning appears.
    pub idle_warning_s: u32,
    /// The kiosk's name at the hub, when enrolled.
    pub kiosk_name: Option<String>,
    /// Whether this site has spoken guidance on: the "Dengarkan" button shows, and verdicts
    /// and receipt numbers are read out.
    pub speech: bool,
}

pub use crate::application::ApplicationStatus;

/// Answer of "Cek Status Permohonan".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusLookup {
    /// Printed form, `26-001-00042-7`.
    pub tracking_number: String,
    pub service_name: String,
    pub status: ApplicationStatus,
    pub submitted_on: String,
    pub updated_on: String,
    pub sla_working_days: Option<u32>,
    /// The office's note on the current status (what to fix, why refused).
    pub note: Option<String>,
    /// For `perlu_perbaikan`: the documents to bring, by name.
    pub missing: Vec<String>,
    /// For `diproses`: the step under way.
    pub step: Option<String>,
    /// Every status the application has had, oldest first.
    pub history: Vec<crate::application::StatusChange>,
    /// YYYY-MM-DD: the day the office declared the file complete (the SLA counts from it).
    pub received_complete_at: Option<String>,
    /// YYYY-MM-DD, in office working days (see docs/calendar.md).
    pub due_date: Option<String>,
    /// Working days from today to the due date; negative when late.
    #[ts(type = "number | null")]
    pub working_days_left: Option<i64>,
    pub late: bool,
    pub source: StatusSource,
    /// RFC 3339: when this answer was the hub's (now, or when it was cached).
    pub as_of: String,
}

/// Where a status answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusSource {
    /// The hub, just now.
    Hub,
    /// This kiosk's own queue: the application has not reached the hub yet.
    Local,
    /// The hub's last answer, kept here because the hub cannot be reached now.
    Cached,
}

/// The answer to a receipt's one-time e-SKM code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkmCodeCheck {
    /// The code without separators.
    pub code: String,
    /// The service of the application the code belongs to (unknown offline).
    pub service_code: Option<String>,
    /// Whether the hub confirmed the code (false when it could not be asked).
    pub confirmed: bool,
}

/// The office's e-SKM rules, from the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkmRules {
    /// Whether a survey may be given without a receipt's code.
    pub allow_unlinked: bool,
    /// Seconds between two code-less surveys at one kiosk.
    #[ts(type = "number")]
    pub unlinked_cooldown_s: u64,
}

impl Default for SkmRules {
    fn default() -> Self {
        Self {
            allow_unlinked: true,
            unlinked_cooldown_s: 120,
        }
    }
}

/// Result of a PIN attempt at the staff window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StaffLoginResult {
    Granted,
    Denied {
        attempts_left: u32,
    },
    Locked {
        #[ts(type = "number")]
        retry_after_s: u64,
    },
}

/// How the kiosk is enrolled with its hub (the token never leaves the core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EnrolmentInfo {
    pub hub_url: String,
    pub kiosk_name: String,
    pub enrolled_at: String,
    /// Enrolled with a code that pinned the office's root key (and the hub's TLS key, if it
    /// serves HTTPS); `false` for an enrolment from before codes, which should be redone.
    pub pinned: bool,
}

/// Result of the last connectivity check against the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    Online,
    Offline,
    Unauthorized,
    NotEnrolled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionReport {
    pub state: ConnectionState,
    /// RFC 3339, kiosk clock.
    pub checked_at: String,
    /// Hub clock minus kiosk clock, seconds, when online.
    #[ts(type = "number | null")]
    pub clock_skew_s: Option<i64>,
    /// Why it failed, in English, for staff.
    pub detail: Option<String>,
    /// The link is plain `http://` beyond this machine (the site allowed it): staff are shown
    /// that it is not secure.
    pub insecure: bool,
}

/// Everything the staff window shows on its first page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StaffOverview {
    pub app_version: String,
    pub data_dir: String,
    pub enrolment: Option<EnrolmentInfo>,
    pub connection: ConnectionReport,
}

/// Outbox counts of one item kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindCounts {
    /// `application`, `survey_response`, `complaint`, `outage`, `verification`.
    pub kind: String,
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub in_flight: u64,
    #[ts(type = "number")]
    pub delivered: u64,
    #[ts(type = "number")]
    pub dead: u64,
}

/// One interval in which the hub could not be reached (Pasal 29).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutageRow {
    pub id: String,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339; `null` while the outage lasts.
    pub ended_at: Option<String>,
    #[ts(type = "number")]
    pub duration_s: u64,
    /// `dns`, `refused`, `timeout`, `tls`, `http_5xx`, `throttled` or `other`.
    pub cause: String,
    pub failures: u32,
}

/// An item the hub refused for good; staff can send it again or export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadLetterRow {
    pub id: String,
    pub kind: String,
    pub created_at: String,
    pub attempts: u32,
    pub reason: String,
}

/// The staff window's view of delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncOverview {
    #[ts(type = "number")]
    pub pending: u64,
    #[ts(type = "number")]
    pub in_flight: u64,
    #[ts(type = "number")]
    pub delivered: u64,
    #[ts(type = "number")]
    pub dead: u64,
    #[ts(type = "number | null")]
    pub oldest_pending_age_s: Option<u64>,
    pub by_kind: Vec<KindCounts>,
    pub last_success_at: Option<String>,
    pub consecutive_failures: u32,
    /// After repeated failures only a probe is sent until the hub answers.
    pub paused: bool,
    #[ts(type = "number | null")]
    pub current_backoff_ms: Option<i64>,
    pub last_error: Option<String>,
    /// Newest first; an ongoing outage has `ended_at: null`.
    pub outages: Vec<OutageRow>,
    pub dead_letters: Vec<DeadLetterRow>,
    /// Pending items that failed before, with why they wait (`reason`), soonest due first:
    /// an item a proxy refuses as too large waits here until its limit is raised.
    pub waiting: Vec<DeadLetterRow>,
}

/// Text in both languages, Indonesian first. Used for content that comes as data (the
/// questionnaire an office edits), not for the UI's own words (those live in i18n).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    pub id: String,
    pub en: String,
}

/// One question of the e-SKM (an element of Pasal 18 a–j), answered on a 1–4 scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveyElement {
    /// `U1` … `U10`.
    pub code: String,
    /// Pasal 18 letter, `a` … `j`.
    pub article: String,
    pub question: Text,
    /// Four answers, scored 1–4 left to right.
    pub answers: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceOption {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Questionnaire {
    pub version: String,
    pub elements: Vec<SurveyElement>,
    /// Services a respondent may say they received.
    pub services: Vec<ServiceOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    LakiLaki,
    Perempuan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum AgeBand {
    #[serde(rename = "under_20")]
    Under20,
    #[serde(rename = "20_29")]
    From20To29,
    #[serde(rename = "30_39")]
    From30To39,
    #[serde(rename = "40_49")]
    From40To49,
    #[serde(rename = "50_59")]
    From50To59,
    #[serde(rename = "60_plus")]
    From60,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    Sd,
    Smp,
    Sma,
    D1D3,
    S1,
    S2,
    S3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    Pns,
    Tni,
    Polri,
    Swasta,
    Wirausaha,
    Lainnya,
}

/// Who answered; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RespondentProfile {
    pub sex: Option<Sex>,
    pub age_band: Option<AgeBand>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    /// A service code from the questionnaire's `services`.
    pub service_code: Option<String>,
}

/// One completed survey from the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurveySubmission {
    /// A random id the screen makes when a visit starts; one response per visit.
    pub visit_id: String,
    /// Ten answers, U1 … U10, each 1–4 or `null` when skipped.
    pub answers: Vec<Option<u8>>,
    pub suggestion: Option<String>,
    pub profile: RespondentProfile,
    /// The receipt's one-time code, when the citizen came with one.
    #[serde(default)]
    pub skm_code: Option<String>,
}

/// What the citizen's thank-you screen needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubmitReceipt {
    pub id: String,
    pub saved_at: String,
    /// Whether the hub answered at the last check: when false the screen says the response
    /// is saved and will be sent automatically.
    pub online: bool,
}

/// Mutu pelayanan per PermenPANRB 14/2017.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ElementScore {
    /// `U1` … `U10`, or `U9+U10` for the merged sarana dan prasarana element.
    pub code: String,
    #[ts(type = "number")]
    pub answered: u64,
    /// Sum of scores / respondents who answered, unrounded.
    pub nrr: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CountRow {
    pub value: String,
    #[ts(type = "number")]
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthPoint {
    /// `YYYY-MM`.
    pub month: String,
    #[ts(type = "number")]
    pub respondents: u64,
    pub ikm: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileTables {
    pub sex: Vec<CountRow>,
    pub age_band: Vec<CountRow>,
    pub education: Vec<CountRow>,
    pub occupation: Vec<CountRow>,
    pub service: Vec<CountRow>,
}

/// Krejcie–Morgan sample size against the number of service recipients in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SampleAdequacy {
    #[ts(type = "number | null")]
    pub population: Option<u64>,
    #[ts(type = "number | null")]
    pub required: Option<u64>,
    pub adequate: Option<bool>,
}

/// The e-SKM figures for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SkmSummary {
    /// YYYY-MM-DD, inclusive; `null` = unbounded.
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number")]
    pub respondents: u64,
    /// The official 9-element IKM (× 25), rounded to 2 decimals at the end.
    pub ikm: Option<f64>,
    pub grade: Option<Grade>,
    /// The 9 official elements: U1 … U8 and `U9+U10`.
    pub elements: Vec<ElementScore>,
    /// All 10 asked elements, U9 and U10 apart.
    pub elements_separate: Vec<ElementScore>,
    /// Codes of the three elements with the lowest NRR (of the 9).
    pub lowest: Vec<String>,
    pub monthly: Vec<MonthPoint>,
    pub profile: ProfileTables,
    pub sample: SampleAdequacy,
    /// The newest suggestions (free text), at most 50.
    pub suggestions: Vec<String>,
    /// Respondents who came with a receipt's one-time code (one survey per service).
    pub linked: PartScore,
    /// Respondents without a code (where the office allows them).
    pub unlinked: PartScore,
    /// Responses kept but not counted: their code had been used before.
    #[ts(type = "number")]
    pub duplicates: u64,
}

/// The IKM of one group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartScore {
    #[ts(type = "number")]
    pub respondents: u64,
    pub ikm: Option<f64>,
    pub grade: Option<Grade>,
}

/// Cek Keaslian Izin's verdict on a permit's QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verdict {
    /// Authentic and valid today.
    Asli,
    /// Authentic, but past its validity.
    Kedaluwarsa,
    /// Authentic, but revoked by the office.
    Dicabut,
    /// Not a permit of this office: unknown key, bad signature, or not a permit QR at all.
    TidakDikenal,
    /// A plain URL (an older permit or another office): only an online lookup can tell.
    PerluOnline,
    /// A permit token, but this kiosk has never received the trust list.
    BelumBisaOffline,
    /// Signed by the office, but this kiosk's lists are older than the office allows
    /// (`lists_max_age_days`): a revocation since then could be missing, so it cannot vouch.
    DaftarTerlaluLama,
    /// A plain URL to a national verification service the office names (SiCantik, the
    /// e-signature verifier): the permit may well be genuine, but only that service can say;
    /// `points_to` says where, for a phone to open.
    PeriksaDiPenerbit,
}

/// Where a permit's QR points when only another service can vouch for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PointsTo {
    /// The service's name, as the office calls it.
    pub name: String,
    pub host: String,
    /// The QR's own URL, shown as a QR for the citizen's phone; the kiosk never opens it.
    pub url: String,
}

/// How a verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckSource {
    /// The signed token, against the trust and revocation lists held on this kiosk.
    Lists,
    /// The hub looked the permit up (a plain-URL QR).
    Online,
    /// A plain-URL QR, and the hub could not be reached: the verdict stays `PERLU_ONLINE`.
    Offline,
}

/// A permit as its signed QR (or the office's register) states it, to compare with the paper.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PermitFields {
    pub permit_number: Option<String>,
    pub permit_type: Option<String>,
    pub holder: Option<String>,
    /// YYYY-MM-DD.
    pub issued: Option<String>,
    /// YYYY-MM-DD; none for permits without expiry.
    pub valid_until: Option<String>,
    pub revocation_reason: Option<String>,
}

/// The answer of Cek Keaslian Izin: the verdict and the fields to compare with the paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PermitCheck {
    pub verdict: Verdict,
    pub source: CheckSource,
    #[serde(flatten)]
    pub permit: PermitFields,
    /// A plain-URL QR that does not point at this office's permit register.
    pub other_office: bool,
    /// When this kiosk's trust lists were downloaded (RFC 3339), and their age in seconds.
    pub lists_fetched_at: Option<String>,
    #[ts(type = "number | null")]
    pub lists_age_s: Option<i64>,
    /// How old the lists may be before the kiosk stops vouching from them (the office's
    /// setting, signed with the lists).
    pub lists_max_age_days: Option<u32>,
    /// For `PERIKSA_DI_PENERBIT`: the service the QR points to.
    pub points_to: Option<PointsTo>,
}

/// What the verify screen's camera delivers; previews are scaled to at most 640 wide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CameraInfo {
    /// `camera` or `replay` (recorded frames, for demos and tests).
    pub source: String,
    pub width: u32,
    pub height: u32,
}

/// Sent to the verify screen while the camera runs. Previews do not travel here: the screen
/// pulls the newest one from the `preview:` scheme when it is ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum VerifyEvent {
    /// A QR was read and checked; decoding pauses until `verify_resume`.
    Verdict { check: Box<PermitCheck> },
    /// A QR was read but checking it failed (the store, usually).
    Failed { error: IpcError },
    /// A receipt's QR was read (`qr_scan_start`): its text, for the screen to judge;
    /// decoding pauses until `verify_resume`.
    Read { text: String },
    /// The camera stopped delivering frames.
    CameraLost,
}

/// A Kota Metro kelurahan for the address picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Kelurahan {
    /// Kemendagri code, `18.72.01.1001`.
    pub code: String,
    pub name: String,
    /// The kecamatan's name.
    pub district: String,
}
