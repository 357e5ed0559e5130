// Generated from crates/anjungan-wire by `UPDATE_BINDINGS=1 cargo test -p anjungan-wire`.
// Do not edit: CI fails when this file differs from what the Rust types say.

import { invoke, type Channel } from '@tauri-apps/api/core';

export type ErrorCode = "invalid_input" | "not_found" | "hub_unreachable" | "unauthorized" | "not_enrolled" | "staff_locked" | "storage" | "already_submitted" | "no_qr_found" | "camera_unavailable" | "skm_code_invalid" | "skm_code_used" | "survey_needs_code" | "survey_cooldown" | "complaint_limit" | "speech_unavailable" | "internal";

export type IpcError = { code: ErrorCode, message: string, };

export type Language = "id" | "en";

export type AppInfo = { version: string, default_language: Language, 
/**
 * Seconds without a touch before the screen wipes itself and returns home.
 */
idle_timeout_s: number, 
/**
 * Seconds before that moment at which the "are you still there?" warning appears.
 */
idle_warning_s: number, 
/**
 * The kiosk's name at the hub, when enrolled.
 */
kiosk_name: string | null, 
/**
 * Whether this site has spoken guidance on: the "Dengarkan" button shows, and verdicts
 * and receipt numbers are read out.
 */
speech: boolean, };

export type ApplicationStatus = "belum_terkirim" | "diterima" | "verifikasi_berkas" | "perlu_perbaikan" | "diproses" | "selesai" | "ditolak";

export type StatusLookup = { 
/**
 * Printed form, `26-001-00042-7`.
 */
tracking_number: string, service_name: string, status: ApplicationStatus, submitted_on: string, updated_on: string, sla_working_days: number | null, 
/**
 * The office's note on the current status (what to fix, why refused).
 */
note: string | null, 
/**
 * For `perlu_perbaikan`: the documents to bring, by name.
 */
missing: Array<string>, 
/**
 * For `diproses`: the step under way.
 */
step: string | null, 
/**
 * Every status the application has had, oldest first.
 */
history: Array<StatusChange>, 
/**
 * YYYY-MM-DD: the day the office declared the file complete (the SLA counts from it).
 */
received_complete_at: string | null, 
/**
 * YYYY-MM-DD, in office working days (see docs/calendar.md).
 */
due_date: string | null, 
/**
 * Working days from today to the due date; negative when late.
 */
working_days_left: number | null, late: boolean, source: StatusSource, 
/**
 * RFC 3339: when this answer was the hub's (now, or when it was cached).
 */
as_of: string, };

export type StaffLoginResult = { "kind": "granted" } | { "kind": "denied", attempts_left: number, } | { "kind": "locked", retry_after_s: number, };

export type EnrolmentInfo = { hub_url: string, kiosk_name: string, enrolled_at: string, 
/**
 * Enrolled with a code that pinned the office's root key (and the hub's TLS key, if it
 * serves HTTPS); `false` for an enrolment from before codes, which should be redone.
 */
pinned: boolean, };

export type ConnectionState = "online" | "offline" | "unauthorized" | "not_enrolled";

export type ConnectionReport = { state: ConnectionState, 
/**
 * RFC 3339, kiosk clock.
 */
checked_at: string, 
/**
 * Hub clock minus kiosk clock, seconds, when online.
 */
clock_skew_s: number | null, 
/**
 * Why it failed, in English, for staff.
 */
detail: string | null, 
/**
 * The link is plain `http://` beyond this machine (the site allowed it): staff are shown
 * that it is not secure.
 */
insecure: boolean, };

export type StaffOverview = { app_version: string, data_dir: string, enrolment: EnrolmentInfo | null, connection: ConnectionReport, };

export type KindCounts = { 
/**
 * `application`, `survey_response`, `complaint`, `outage`, `verification`.
 */
kind: string, pending: number, in_flight: number, delivered: number, dead: number, };

export type OutageRow = { id: string, 
/**
 * RFC 3339.
 */
started_at: string, 
/**
 * RFC 3339; `null` while the outage lasts.
 */
ended_at: string | null, duration_s: number, 
/**
 * `dns`, `refused`, `timeout`, `tls`, `http_5xx`, `throttled` or `other`.
 */
cause: string, failures: number, };

export type DeadLetterRow = { id: string, kind: string, created_at: string, attempts: number, reason: string, };

export type SyncOverview = { pending: number, in_flight: number, delivered: number, dead: number, oldest_pending_age_s: number | null, by_kind: Array<KindCounts>, last_success_at: string | null, consecutive_failures: number, 
/**
 * After repeated failures only a probe is sent until the hub answers.
 */
paused: boolean, current_backoff_ms: number | null, last_error: string | null, 
/**
 * Newest first; an ongoing outage has `ended_at: null`.
 */
outages: Array<OutageRow>, dead_letters: Array<DeadLetterRow>, 
/**
 * Pending items that failed before, with why they wait (`reason`), soonest due first:
 * an item a proxy refuses as too large waits here until its limit is raised.
 */
waiting: Array<DeadLetterRow>, };

export type Text = { id: string, en: string, };

export type SurveyElement = { 
/**
 * `U1` … `U10`.
 */
code: string, 
/**
 * Pasal 18 letter, `a` … `j`.
 */
article: string, question: Text, 
/**
 * Four answers, scored 1–4 left to right.
 */
answers: Array<Text>, };

export type ServiceOption = { code: string, name: string, };

export type Questionnaire = { version: string, elements: Array<SurveyElement>, 
/**
 * Services a respondent may say they received.
 */
services: Array<ServiceOption>, };

export type Sex = "laki_laki" | "perempuan";

export type AgeBand = "under_20" | "20_29" | "30_39" | "40_49" | "50_59" | "60_plus";

export type Education = "sd" | "smp" | "sma" | "d1_d3" | "s1" | "s2" | "s3";

export type Occupation = "pns" | "tni" | "polri" | "swasta" | "wirausaha" | "lainnya";

export type RespondentProfile = { sex: Sex | null, age_band: AgeBand | null, education: Education | null, occupation: Occupation | null, 
/**
 * A service code from the questionnaire's `services`.
 */
service_code: string | null, };

export type SurveySubmission = { 
/**
 * A random id the screen makes when a visit starts; one response per visit.
 */
visit_id: string, 
/**
 * Ten answers, U1 … U10, each 1–4 or `null` when skipped.
 */
answers: Array<number | null>, suggestion: string | null, profile: RespondentProfile, 
/**
 * The receipt's one-time code, when the citizen came with one.
 */
skm_code: string | null, };

export type SubmitReceipt = { id: string, saved_at: string, 
/**
 * Whether the hub answered at the last check: when false the screen says the response
 * is saved and will be sent automatically.
 */
online: boolean, };

export type Grade = "A" | "B" | "C" | "D";

export type ElementScore = { 
/**
 * `U1` … `U10`, or `U9+U10` for the merged sarana dan prasarana element.
 */
code: string, answered: number, 
/**
 * Sum of scores / respondents who answered, unrounded.
 */
nrr: number | null, };

export type CountRow = { value: string, count: number, };

export type MonthPoint = { 
/**
 * `YYYY-MM`.
 */
month: string, respondents: number, ikm: number | null, };

export type ProfileTables = { sex: Array<CountRow>, age_band: Array<CountRow>, education: Array<CountRow>, occupation: Array<CountRow>, service: Array<CountRow>, };

export type SampleAdequacy = { population: number | null, required: number | null, adequate: boolean | null, };

export type SkmSummary = { 
/**
 * YYYY-MM-DD, inclusive; `null` = unbounded.
 */
from: string | null, to: string | null, respondents: number, 
/**
 * The official 9-element IKM (× 25), rounded to 2 decimals at the end.
 */
ikm: number | null, grade: Grade | null, 
/**
 * The 9 official elements: U1 … U8 and `U9+U10`.
 */
elements: Array<ElementScore>, 
/**
 * All 10 asked elements, U9 and U10 apart.
 */
elements_separate: Array<ElementScore>, 
/**
 * Codes of the three elements with the lowest NRR (of the 9).
 */
lowest: Array<string>, monthly: Array<MonthPoint>, profile: ProfileTables, sample: SampleAdequacy, 
/**
 * The newest suggestions (free text), at most 50.
 */
suggestions: Array<string>, 
/**
 * Respondents who came with a receipt's one-time code (one survey per service).
 */
linked: PartScore, 
/**
 * Respondents without a code (where the office allows them).
 */
unlinked: PartScore, 
/**
 * Responses kept but not counted: their code had been used before.
 */
duplicates: number, };

export type MaintenanceReason = "damaged" | "too_new" | "disk_full" | "read_only";

export type MaintenanceInfo = { reason: MaintenanceReason, };

export type Boot = { maintenance: MaintenanceInfo | null, };

export type Verdict = "ASLI" | "KEDALUWARSA" | "DICABUT" | "TIDAK_DIKENAL" | "PERLU_ONLINE" | "BELUM_BISA_OFFLINE" | "DAFTAR_TERLALU_LAMA" | "PERIKSA_DI_PENERBIT";

export type CheckSource = "lists" | "online" | "offline";

export type PointsTo = { 
/**
 * The service's name, as the office calls it.
 */
name: string, host: string, 
/**
 * The QR's own URL, shown as a QR for the citizen's phone; the kiosk never opens it.
 */
url: string, };

export type PermitFields = { permit_number: string | null, permit_type: string | null, holder: string | null, 
/**
 * YYYY-MM-DD.
 */
issued: string | null, 
/**
 * YYYY-MM-DD; none for permits without expiry.
 */
valid_until: string | null, revocation_reason: string | null, };

export type PermitCheck = { verdict: Verdict, source: CheckSource, 
/**
 * A plain-URL QR that does not point at this office's permit register.
 */
other_office: boolean, 
/**
 * When this kiosk's trust lists were downloaded (RFC 3339), and their age in seconds.
 */
lists_fetched_at: string | null, lists_age_s: number | null, 
/**
 * How old the lists may be before the kiosk stops vouching from them (the office's
 * setting, signed with the lists).
 */
lists_max_age_days: number | null, 
/**
 * For `PERIKSA_DI_PENERBIT`: the service the QR points to.
 */
points_to: PointsTo | null, permit_number: string | null, permit_type: string | null, holder: string | null, 
/**
 * YYYY-MM-DD.
 */
issued: string | null, 
/**
 * YYYY-MM-DD; none for permits without expiry.
 */
valid_until: string | null, revocation_reason: string | null, };

export type CameraInfo = { 
/**
 * `camera` or `replay` (recorded frames, for demos and tests).
 */
source: string, width: number, height: number, };

export type VerifyEvent = { "type": "verdict", check: PermitCheck, } | { "type": "failed", error: IpcError, } | { "type": "read", text: string, } | { "type": "camera_lost" };

export type ServiceKind = "izin" | "non-izin";

export type ServiceChannel = "sicantik" | "oss" | "simbg";

export type FieldKind = "text" | "number" | "date" | "choice";

export type FormField = { 
/**
 * Unique within the service; the key in the application's `fields`.
 */
code: string, label: string, kind: FieldKind, required: boolean, 
/**
 * For `choice`: the allowed answers.
 */
options: Array<string>, 
/**
 * For `number`: inclusive bounds.
 */
min: number | null, max: number | null, 
/**
 * For `text`: at most this many characters (default 200).
 */
max_length: number | null, 
/**
 * A short example shown under the field.
 */
hint: string | null, };

export type Requirement = { 
/**
 * Unique within the service (`ktp`, `str`, `pas-foto`).
 */
code: string, name: string, 
/**
 * Always needed. A requirement that is not mandatory but has a `condition` is needed
 * when the applicant answers its yes/no question with yes.
 */
mandatory: boolean, 
/**
 * The condition in plain words ("praktik mandiri").
 */
condition: string | null, 
/**
 * Accepted formats: `pdf`, `jpg`, `png`.
 */
formats: Array<string>, note: string | null, };

export type Service = { 
/**
 * Stable id, lower-case letters, digits and dashes (`sip-dokter`).
 */
code: string, name: string, kind: ServiceKind, 
/**
 * Grouping on the information screen (`Kesehatan`, `Perhubungan`, …).
 */
sector: string, channel: ServiceChannel, 
/**
 * False while the office has not confirmed the entry: the kiosk shows "CONTOH".
 */
published: boolean, 
/**
 * Working days from "berkas lengkap"; 0 means done on the spot.
 */
sla_working_days: number, sla_basis: string | null, 
/**
 * The fee as the office words it.
 */
fee: string, 
/**
 * True when nothing is paid: the screen says "Gratis".
 */
fee_free: boolean, 
/**
 * The regulation behind the fee (or behind its absence).
 */
fee_basis: string | null, 
/**
 * What the applicant receives.
 */
output: string, legal_basis: Array<string>, 
/**
 * Numbered procedure steps, in order.
 */
procedure: Array<string>, requirements: Array<Requirement>, 
/**
 * The service's own form fields, asked after the applicant's identity.
 */
fields: Array<FormField>, 
/**
 * For OSS and SIMBG: the portal the citizen applies on.
 */
portal_url: string | null, 
/**
 * How to complain about this service (shown on its information screen).
 */
complaint: string | null, };

export type Catalogue = { 
/**
 * Always [`CATALOGUE_SCHEMA`].
 */
schema: number, 
/**
 * Raised by one at every import; kiosks show it with the update date.
 */
version: number, 
/**
 * YYYY-MM-DD: from when the office applies these standards.
 */
effective_from: string, 
/**
 * YYYY-MM-DD: when the office last changed the information (shown to citizens).
 */
updated_on: string, services: Array<Service>, };

export type ApplicationKind = "baru" | "perpanjangan" | "perubahan";

export type ApplicantType = "perorangan" | "perusahaan";

export type Applicant = { nik: string, name: string, 
/**
 * `L` or `P`.
 */
sex: string, birth_place: string, 
/**
 * YYYY-MM-DD.
 */
birth_date: string, address: string, 
/**
 * Kemendagri code of a Kota Metro kelurahan (`18.72.01.1001`), or empty for an
 * address outside the city.
 */
kelurahan_code: string, phone: string, email: string, };

export type Company = { name: string, 
/**
 * Nomor Induk Berusaha: 13 digits.
 */
nib: string, 
/**
 * 15 or 16 digits (punctuation ignored).
 */
npwp: string, };

export type ApplicationDraft = { service: string, kind: ApplicationKind, applicant_type: ApplicantType, 
/**
 * For `perpanjangan` and `perubahan`.
 */
previous_permit: string | null, applicant: Applicant, company: Company | null, 
/**
 * The service's own fields, by field code, as text.
 */
fields: { [key in string]?: string }, 
/**
 * Answers to the conditional requirements' questions, by requirement code.
 */
conditions: { [key in string]?: boolean }, documents: { [key in string]?: string }, consent: boolean, };

export type Problem = { field: string, code: string, message: string, };

export type ApplicationReceipt = { 
/**
 * Printed form, `26-001-00042-7`.
 */
tracking_number: string, 
/**
 * The outbox item's id.
 */
id: string, saved_at: string, 
/**
 * Whether the hub answered at the last check; when false the screen says the
 * application is saved and will be sent automatically.
 */
online: boolean, 
/**
 * What the receipt says (and the screen shows until the citizen taps "Selesai").
 */
receipt: Receipt, };

export type InboxDocument = { 
/**
 * The name it had in the scanner folder.
 */
file: string, sha256: string, 
/**
 * `pdf`, `jpeg` or `png`, by content.
 */
kind: string, pages: number, bytes: number, 
/**
 * A small PNG preview as a `data:` URL, for images; none for PDFs.
 */
thumbnail: string | null, };

export type RefusedFile = { file: string, reason: string, };

export type InboxReport = { accepted: Array<InboxDocument>, refused: Array<RefusedFile>, };

export type StatusChange = { status: ApplicationStatus, 
/**
 * RFC 3339.
 */
at: string, note: string | null, 
/**
 * For `perlu_perbaikan`: the requirement codes to bring again.
 */
missing: Array<string>, 
/**
 * For `diproses`: the step's name.
 */
step: string | null, };

export type StatusSource = "hub" | "local" | "cached";

export type SkmCodeCheck = { 
/**
 * The code without separators.
 */
code: string, 
/**
 * The service of the application the code belongs to (unknown offline).
 */
service_code: string | null, 
/**
 * Whether the hub confirmed the code (false when it could not be asked).
 */
confirmed: boolean, };

export type SkmRules = { 
/**
 * Whether a survey may be given without a receipt's code.
 */
allow_unlinked: boolean, 
/**
 * Seconds between two code-less surveys at one kiosk.
 */
unlinked_cooldown_s: number, };

export type PartScore = { respondents: number, ikm: number | null, grade: Grade | null, };

export type Receipt = { 
/**
 * Printed form, `26-001-00042-7`.
 */
tracking_number: string, office_name: string, service_code: string, service_name: string, 
/**
 * `baru`, `perpanjangan` or `perubahan`.
 */
kind: string, 
/**
 * RFC 3339, UTC; printed in WIB.
 */
issued_at: string, applicant_masked: string, 
/**
 * Names of the documents received.
 */
documents_received: Array<string>, 
/**
 * Names of mandatory documents still to bring.
 */
documents_to_bring: Array<string>, sla_working_days: number | null, 
/**
 * YYYY-MM-DD: the due date if the file is declared complete on the day of the receipt.
 */
estimated_due: string | null, 
/**
 * What the status QR holds: the hub's public status page, or the bare number when the
 * kiosk was never enrolled.
 */
status_url: string, 
/**
 * The one-time e-SKM code, ten digits, the last a check digit.
 */
skm_code: string, 
/**
 * What the e-SKM QR holds (`ANJUNGAN-SKM:` and the code).
 */
skm_qr: string, kiosk_name: string, };

export type Paper = "80mm" | "58mm";

export type PrinterConfig = { "kind": "none" } | { "kind": "escpos_usb", path: string, paper: Paper, } | { "kind": "escpos_tcp", address: string, paper: Paper, } | { "kind": "ipp", uri: string, };

export type PrintState = "printed" | "ready" | "queued" | "no_printer" | "offline" | "paper_out" | "job_failed";

export type PrintOutcome = { state: PrintState, 
/**
 * The printer's own words (IPP `printer-state-message`, an OS error), untranslated.
 */
detail: string | null, 
/**
 * `escpos_usb`, `escpos_tcp`, `ipp` or `none`.
 */
printer: string, at: string, };

export type ReceiptRow = { tracking_number: string, service_name: string, applicant_masked: string, issued_at: string, 
/**
 * The last print of it, if any.
 */
last_print: PrintOutcome | null, 
/**
 * Whether the hub has confirmed the application.
 */
sent: boolean, };

export type Privacy = "named" | "rahasia" | "anonim";

export type ComplaintIdentity = { name: string, nik: string, phone: string, email: string, };

export type ComplaintDraft = { 
/**
 * Pasal 20(3): `a` … `k`, as chosen on the screen (empty until then; anything else is
 * refused by name). Typed as [`ComplaintCategory`] once checked.
 */
category: string, title: string, chronology: string, 
/**
 * YYYY-MM-DD.
 */
event_date: string, place: string, 
/**
 * The unit or officer involved.
 */
unit: string | null, 
/**
 * The application the complaint is about (a "terlambat" one, say).
 */
related_tracking_number: string | null, privacy: Privacy, identity: ComplaintIdentity, consent: boolean, };

export type ComplaintAttachment = { id: string, 
/**
 * `pdf`, `jpeg` or `png`.
 */
kind: string, bytes: number, };

export type ComplaintReceipt = { 
/**
 * Printed form, `26-001-00042-7`.
 */
tracking_number: string, 
/**
 * Six digits.
 */
pin: string, saved_at: string, 
/**
 * Whether the hub answered at the last check.
 */
online: boolean, attachments: number, 
/**
 * The text of the QR to photograph: number and PIN.
 */
qr_text: string, };

export type ComplaintCategory = "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k";

export type ComplaintState = "diterima" | "diverifikasi" | "diteruskan" | "ditanggapi" | "selesai" | "ditolak";

export type ComplaintChange = { status: ComplaintState, 
/**
 * RFC 3339.
 */
at: string, note: string | null, };

export type ComplaintStatus = { tracking_number: string, status: ComplaintState, category: ComplaintCategory, 
/**
 * YYYY-MM-DD.
 */
submitted_on: string, 
/**
 * The office's response (or the reason it was refused).
 */
response: string | null, 
/**
 * For `diteruskan`: the unit it went to.
 */
forwarded_to: string | null, history: Array<ComplaintChange>, 
/**
 * YYYY-MM-DD: verified within 3 working days, answered within 5 after that.
 */
verify_due: string, answer_due: string, overdue: boolean, };

export type Kelurahan = { 
/**
 * Kemendagri code, `18.72.01.1001`.
 */
code: string, name: string, 
/**
 * The kecamatan's name.
 */
district: string, };

export const ERROR_CODES: readonly ErrorCode[] = ["invalid_input", "not_found", "hub_unreachable", "unauthorized", "not_enrolled", "staff_locked", "storage", "already_submitted", "no_qr_found", "camera_unavailable", "skm_code_invalid", "skm_code_used", "survey_needs_code", "survey_cooldown", "complaint_limit", "speech_unavailable", "internal"];

/** Damm's quasigroup of order 10: the check digit of tracking numbers and e-SKM codes. */
export const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const commands = {
  appInfo: (): Promise<AppInfo> => invoke('app_info'),
  maintenanceStatus: (): Promise<MaintenanceInfo | null> => invoke('maintenance_status'),
  checkStatus: (trackingNumber: string): Promise<StatusLookup> => invoke('check_status', { trackingNumber }),
  openStaffWindow: (): Promise<null> => invoke('open_staff_window'),
  surveyQuestionnaire: (): Promise<Questionnaire> => invoke('survey_questionnaire'),
  submitSurvey: (submission: SurveySubmission): Promise<SubmitReceipt> => invoke('submit_survey', { submission }),
  verifyStart: (events: Channel<VerifyEvent>): Promise<CameraInfo> => invoke('verify_start', { events }),
  qrScanStart: (events: Channel<VerifyEvent>): Promise<CameraInfo> => invoke('qr_scan_start', { events }),
  verifyResume: (): Promise<null> => invoke('verify_resume'),
  verifyStop: (): Promise<null> => invoke('verify_stop'),
  catalogue: (): Promise<Catalogue | null> => invoke('catalogue'),
  kelurahanList: (): Promise<Kelurahan[]> => invoke('kelurahan_list'),
  applyValidate: (draft: ApplicationDraft): Promise<Problem[]> => invoke('apply_validate', { draft }),
  applySubmit: (draft: ApplicationDraft): Promise<ApplicationReceipt> => invoke('apply_submit', { draft }),
  inboxWatch: (events: Channel<InboxReport>): Promise<InboxReport> => invoke('inbox_watch', { events }),
  inboxRemove: (sha256: string): Promise<null> => invoke('inbox_remove', { sha256 }),
  inboxDiscard: (): Promise<null> => invoke('inbox_discard'),
  qrSvg: (text: string): Promise<string> => invoke('qr_svg', { text }),
  serviceLink: (code: string): Promise<string | null> => invoke('service_link', { code }),
  documentCameraStart: (events: Channel<VerifyEvent>): Promise<CameraInfo> => invoke('document_camera_start', { events }),
  documentCameraStill: (): Promise<InboxReport> => invoke('document_camera_still'),
  documentCameraStop: (): Promise<null> => invoke('document_camera_stop'),
  receiptPrint: (trackingNumber: string): Promise<PrintOutcome> => invoke('receipt_print', { trackingNumber }),
  skmCodeCheck: (code: string): Promise<SkmCodeCheck> => invoke('skm_code_check', { code }),
  skmRules: (): Promise<SkmRules> => invoke('skm_rules'),
  complaintValidate: (draft: ComplaintDraft): Promise<Problem[]> => invoke('complaint_validate', { draft }),
  complaintAttachPhoto: (): Promise<ComplaintAttachment[]> => invoke('complaint_attach_photo'),
  complaintAttachScans: (): Promise<ComplaintAttachment[]> => invoke('complaint_attach_scans'),
  complaintAttachmentRemove: (id: string): Promise<ComplaintAttachment[]> => invoke('complaint_attachment_remove', { id }),
  complaintDiscard: (): Promise<null> => invoke('complaint_discard'),
  complaintSubmit: (draft: ComplaintDraft): Promise<ComplaintReceipt> => invoke('complaint_submit', { draft }),
  complaintStatus: (trackingNumber: string, pin: string): Promise<ComplaintStatus> => invoke('complaint_status', { trackingNumber, pin }),
  uiPainted: (atUnixMs: number): Promise<null> => invoke('ui_painted', { atUnixMs }),
  speak: (text: string, language: Language): Promise<null> => invoke('speak', { text, language }),
  staffLogin: (pin: string): Promise<StaffLoginResult> => invoke('staff_login', { pin }),
  staffLogout: (): Promise<null> => invoke('staff_logout'),
  staffActivity: (): Promise<null> => invoke('staff_activity'),
  staffStats: (): Promise<string> => invoke('staff_stats'),
  staffOverview: (): Promise<StaffOverview> => invoke('staff_overview'),
  staffCheckConnection: (): Promise<ConnectionReport> => invoke('staff_check_connection'),
  staffSyncOverview: (): Promise<SyncOverview> => invoke('staff_sync_overview'),
  staffRetryDead: (id: string): Promise<null> => invoke('staff_retry_dead', { id }),
  staffSendNow: (): Promise<number> => invoke('staff_send_now'),
  staffExportDead: (): Promise<string> => invoke('staff_export_dead'),
  staffSkmSummary: (from: string | null, to: string | null, population: number | null): Promise<SkmSummary> => invoke('staff_skm_summary', { from, to, population }),
  staffSkmReport: (from: string | null, to: string | null, population: number | null): Promise<string> => invoke('staff_skm_report', { from, to, population }),
  staffVerifyText: (text: string): Promise<PermitCheck> => invoke('staff_verify_text', { text }),
  staffVerifyImage: (base64: string): Promise<PermitCheck> => invoke('staff_verify_image', { base64 }),
  staffAddDocument: (name: string, base64: string): Promise<InboxReport> => invoke('staff_add_document', { name, base64 }),
  staffReceipts: (query: string | null): Promise<ReceiptRow[]> => invoke('staff_receipts', { query }),
  staffReceiptReprint: (trackingNumber: string): Promise<PrintOutcome> => invoke('staff_receipt_reprint', { trackingNumber }),
  staffPrinterCheck: (): Promise<PrintOutcome> => invoke('staff_printer_check'),
} as const;
