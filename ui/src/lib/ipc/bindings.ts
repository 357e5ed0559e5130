// Generated from crates/anjungan-wire by `UPDATE_BINDINGS=1 cargo test -p anjungan-wire`.
// Do not edit: CI fails when this file differs from what the Rust types say.

import { invoke, type Channel } from '@tauri-apps/api/core';

export type ErrorCode = "invalid_input" | "not_found" | "hub_unreachable" | "unauthorized" | "not_enrolled" | "staff_locked" | "storage" | "already_submitted" | "no_qr_found" | "camera_unavailable" | "internal";

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
kiosk_name: string | null, };

export type ApplicationStatus = "diterima" | "diverifikasi" | "perlu_perbaikan" | "diproses" | "selesai" | "ditolak";

export type StatusLookup = { 
/**
 * Normalised, `YYYY-NNNNNN`.
 */
tracking_number: string, service_name: string, status: ApplicationStatus, submitted_on: string, updated_on: string, sla_working_days: number | null, };

export type StaffLoginResult = { "kind": "granted" } | { "kind": "denied", attempts_left: number, } | { "kind": "locked", retry_after_s: number, };

export type EnrolmentInfo = { hub_url: string, kiosk_name: string, enrolled_at: string, };

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
detail: string | null, };

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
outages: Array<OutageRow>, dead_letters: Array<DeadLetterRow>, };

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
answers: Array<number | null>, suggestion: string | null, profile: RespondentProfile, };

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
suggestions: Array<string>, };

export type MaintenanceReason = "damaged" | "too_new" | "disk_full" | "read_only";

export type MaintenanceInfo = { reason: MaintenanceReason, };

export type Verdict = "ASLI" | "KEDALUWARSA" | "DICABUT" | "TIDAK_DIKENAL" | "PERLU_ONLINE" | "BELUM_BISA_OFFLINE";

export type CheckSource = "lists" | "online" | "offline";

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
lists_fetched_at: string | null, lists_age_s: number | null, permit_number: string | null, permit_type: string | null, holder: string | null, 
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

export type VerifyEvent = { "type": "verdict", check: PermitCheck, } | { "type": "failed", error: IpcError, } | { "type": "camera_lost" };

export const ERROR_CODES: readonly ErrorCode[] = ["invalid_input", "not_found", "hub_unreachable", "unauthorized", "not_enrolled", "staff_locked", "storage", "already_submitted", "no_qr_found", "camera_unavailable", "internal"];

export const commands = {
  appInfo: (): Promise<AppInfo> => invoke('app_info'),
  maintenanceStatus: (): Promise<MaintenanceInfo | null> => invoke('maintenance_status'),
  checkStatus: (trackingNumber: string): Promise<StatusLookup> => invoke('check_status', { trackingNumber }),
  openStaffWindow: (): Promise<null> => invoke('open_staff_window'),
  surveyQuestionnaire: (): Promise<Questionnaire> => invoke('survey_questionnaire'),
  submitSurvey: (submission: SurveySubmission): Promise<SubmitReceipt> => invoke('submit_survey', { submission }),
  verifyStart: (events: Channel<VerifyEvent>): Promise<CameraInfo> => invoke('verify_start', { events }),
  verifyResume: (): Promise<null> => invoke('verify_resume'),
  verifyStop: (): Promise<null> => invoke('verify_stop'),
  staffLogin: (pin: string): Promise<StaffLoginResult> => invoke('staff_login', { pin }),
  staffLogout: (): Promise<null> => invoke('staff_logout'),
  staffOverview: (): Promise<StaffOverview> => invoke('staff_overview'),
  staffCheckConnection: (): Promise<ConnectionReport> => invoke('staff_check_connection'),
  staffSyncOverview: (): Promise<SyncOverview> => invoke('staff_sync_overview'),
  staffRetryDead: (id: string): Promise<null> => invoke('staff_retry_dead', { id }),
  staffExportDead: (): Promise<string> => invoke('staff_export_dead'),
  staffSkmSummary: (from: string | null, to: string | null, population: number | null): Promise<SkmSummary> => invoke('staff_skm_summary', { from, to, population }),
  staffSkmReport: (from: string | null, to: string | null, population: number | null): Promise<string> => invoke('staff_skm_report', { from, to, population }),
  staffVerifyText: (text: string): Promise<PermitCheck> => invoke('staff_verify_text', { text }),
  staffVerifyImage: (base64: string): Promise<PermitCheck> => invoke('staff_verify_image', { base64 }),
} as const;
