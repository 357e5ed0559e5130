// Generated from crates/anjungan-wire by `UPDATE_BINDINGS=1 cargo test -p anjungan-wire`.
// Do not edit: CI fails when this file differs from what the Rust types say.

import { invoke } from '@tauri-apps/api/core';

export type ErrorCode = "invalid_input" | "not_found" | "hub_unreachable" | "unauthorized" | "not_enrolled" | "staff_locked" | "storage" | "internal";

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

export const ERROR_CODES: readonly ErrorCode[] = ["invalid_input", "not_found", "hub_unreachable", "unauthorized", "not_enrolled", "staff_locked", "storage", "internal"];

export const commands = {
  appInfo: (): Promise<AppInfo> => invoke('app_info'),
  checkStatus: (trackingNumber: string): Promise<StatusLookup> => invoke('check_status', { trackingNumber }),
  openStaffWindow: (): Promise<null> => invoke('open_staff_window'),
  staffLogin: (pin: string): Promise<StaffLoginResult> => invoke('staff_login', { pin }),
  staffLogout: (): Promise<null> => invoke('staff_logout'),
  staffOverview: (): Promise<StaffOverview> => invoke('staff_overview'),
  staffCheckConnection: (): Promise<ConnectionReport> => invoke('staff_check_connection'),
  staffSyncOverview: (): Promise<SyncOverview> => invoke('staff_sync_overview'),
  staffRetryDead: (id: string): Promise<null> => invoke('staff_retry_dead', { id }),
  staffExportDead: (): Promise<string> => invoke('staff_export_dead'),
} as const;
