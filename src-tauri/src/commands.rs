//! One-line commands over the core. Errors cross as `{code, message}` ([`IpcError`]).
//! Staff commands are granted only to the staff window by capability, and check both the
//! calling window and the staff session here as well.

use crate::preview::PreviewSlot;
use crate::state::AppState;
use crate::windows::{self, STAFF};
use anjungan_core::camera_check::{CameraCheck, CheckSink, Purpose};
use anjungan_core::sync;
use anjungan_core::CoreError;
use anjungan_wire::application::{ApplicationDraft, ApplicationReceipt, InboxReport, Problem};
use anjungan_wire::catalogue::Catalogue;
use anjungan_wire::complaint::{
    ComplaintAttachment, ComplaintDraft, ComplaintReceipt, ComplaintStatus,
};
use anjungan_wire::ipc::Kelurahan;
use anjungan_wire::ipc::{
    AppInfo, ConnectionReport, ConnectionState, ErrorCode, IpcError, Language, Questionnaire,
    SkmSummary, StaffLoginResult, StaffOverview, StatusLookup, SubmitReceipt, SurveySubmission,
    SyncOverview,
};
use anjungan_wire::ipc::{CameraInfo, MaintenanceInfo, PermitCheck, VerifyEvent};
use anjungan_wire::ipc::{SkmCodeCheck, SkmRules};
use anjungan_wire::receipt::{PrintOutcome, ReceiptRow};
use base64::Engine;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};

type Res<T> = Result<T, IpcError>;

fn internal(e: impl std::fmt::Display) -> IpcError {
    IpcError {
        code: ErrorCode::Internal,
        message: e.to_string(),
    }
}

/// The staff session, and only from the staff window. A command does not extend the
/// session: only staff input does ([`staff_activity`]).
fn staff_only(window: &WebviewWindow, state: &AppState) -> Res<()> {
    if window.label() != STAFF {
        return Err(CoreError::StaffLocked.into());
    }
    Ok(state.staff.check(state.kiosk.now())?)
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        default_language: Language::Id,
        idle_timeout_s: state.idle.timeout_s,
        idle_warning_s: state.idle.warning_s,
        kiosk_name: state.kiosk.enrolment()?.map(|e| e.kiosk_name),
        speech: state.speaker.enabled(),
    })
}

/// Reads a screen's text aloud ("Dengarkan", verdicts, receipt numbers).
#[tauri::command]
pub async fn speak(state: State<'_, AppState>, text: String, language: Language) -> Res<()> {
    let speaker = std::sync::Arc::clone(&state.speaker);
    tauri::async_runtime::spawn_blocking(move || {
        anjungan_core::speech::say(&speaker, &text, language)
    })
    .await
    .map_err(internal)?
    .map_err(Into::into)
}

/// Whether the app runs in maintenance mode (its store could not be opened), and why.
#[tauri::command]
pub fn maintenance_status(
    maintenance: State<'_, crate::state::Maintenance>,
) -> Res<Option<MaintenanceInfo>> {
    Ok(maintenance.0.clone())
}

/// The page says when its first screen was painted; start-up time is logged on every launch.
#[tauri::command]
pub fn ui_painted(window: WebviewWindow, at_unix_ms: f64) {
    crate::state::Launch::painted(window.label(), at_unix_ms);
}

#[tauri::command]
pub async fn check_status(
    state: State<'_, AppState>,
    tracking_number: String,
) -> Res<StatusLookup> {
    Ok(state.kiosk.check_status(&tracking_number).await?)
}

#[tauri::command]
pub fn open_staff_window(app: AppHandle) -> Res<()> {
    windows::open_staff(&app).map_err(internal)
}

/// A PIN attempt, hashed off the UI thread (Argon2id takes tens of milliseconds).
#[tauri::command]
pub async fn staff_login(
    window: WebviewWindow,
    state: State<'_, AppState>,
    pin: String,
) -> Res<StaffLoginResult> {
    if window.label() != STAFF {
        return Err(CoreError::StaffLocked.into());
    }
    let kiosk = std::sync::Arc::clone(&state.kiosk);
    let result = tauri::async_runtime::spawn_blocking(move || {
        kiosk.staff_login(&pin, &mut rand::rngs::OsRng)
    })
    .await
    .map_err(internal)??;
    if result == StaffLoginResult::Granted {
        state.staff.grant(state.kiosk.now());
    }
    let outcome = match result {
        StaffLoginResult::Granted => "granted",
        StaffLoginResult::Denied { .. } => "denied",
        StaffLoginResult::Locked { .. } => "locked",
    };
    tracing::info!(outcome, "staff PIN attempt");
    Ok(result)
}

#[tauri::command]
pub async fn staff_logout(app: AppHandle, state: State<'_, AppState>) -> Res<()> {
    state.staff.end();
    crate::stats::detach(&app).await;
    Ok(())
}

/// The statistics database (counts, verdicts, e-SKM tallies, outages; no personal field),
/// made anew and opened read-only for the SQL plugin: the name the staff window selects from.
#[tauri::command]
pub async fn staff_stats(
    window: WebviewWindow,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Res<String> {
    staff_only(&window, &state)?;
    let path = state.kiosk.staff_stats()?;
    crate::stats::attach(&app, &path).await.map_err(internal)?;
    Ok(crate::stats::NAME.into())
}

/// Staff touched or typed in the staff window: the session's quiet period starts again.
#[tauri::command]
pub fn staff_activity(window: WebviewWindow, state: State<'_, AppState>) -> Res<()> {
    if window.label() != STAFF {
        return Err(CoreError::StaffLocked.into());
    }
    Ok(state.staff.input(state.kiosk.now())?)
}

#[tauri::command]
pub fn staff_overview(window: WebviewWindow, state: State<'_, AppState>) -> Res<StaffOverview> {
    staff_only(&window, &state)?;
    Ok(StaffOverview {
        app_version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.kiosk.data_dir().display().to_string(),
        enrolment: state.kiosk.enrolment()?,
        connection: state.last_connection(),
    })
}

#[tauri::command]
pub async fn staff_check_connection(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Res<ConnectionReport> {
    staff_only(&window, &state)?;
    Ok(state.refresh_connection().await)
}

#[tauri::command]
pub fn staff_sync_overview(window: WebviewWindow, state: State<'_, AppState>) -> Res<SyncOverview> {
    staff_only(&window, &state)?;
    Ok(sync::overview(state.kiosk.context(), &state.sync)?)
}

#[tauri::command]
pub fn staff_retry_dead(window: WebviewWindow, state: State<'_, AppState>, id: String) -> Res<()> {
    staff_only(&window, &state)?;
    state.kiosk.retry_dead(&id)?;
    Ok(())
}

/// "Kirim sekarang": what waits (held for its size, or in backoff) is sent now.
#[tauri::command]
pub fn staff_send_now(window: WebviewWindow, state: State<'_, AppState>) -> Res<usize> {
    staff_only(&window, &state)?;
    Ok(state.kiosk.send_now()?)
}

#[tauri::command]
pub fn staff_export_dead(window: WebviewWindow, state: State<'_, AppState>) -> Res<String> {
    staff_only(&window, &state)?;
    Ok(sync::export_dead(state.kiosk.context())?
        .display()
        .to_string())
}

#[tauri::command]
pub fn survey_questionnaire(state: State<'_, AppState>) -> Res<Questionnaire> {
    Ok(state.kiosk.questionnaire()?)
}

#[tauri::command]
pub fn submit_survey(
    state: State<'_, AppState>,
    submission: SurveySubmission,
) -> Res<SubmitReceipt> {
    let id = state
        .kiosk
        .submit_survey(&submission, &mut rand::rngs::OsRng)?;
    Ok(SubmitReceipt {
        id,
        saved_at: anjungan_core::clock::rfc3339(state.kiosk.now()),
        online: state.last_connection().state == ConnectionState::Online,
    })
}

#[tauri::command]
pub fn staff_skm_summary(
    window: WebviewWindow,
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
    population: Option<u64>,
) -> Res<SkmSummary> {
    staff_only(&window, &state)?;
    Ok(state.kiosk.skm_summary(from, to, population)?)
}

/// Writes the SKM report of this kiosk's responses to `reports/` in the data directory.
#[tauri::command]
pub fn staff_skm_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
    population: Option<u64>,
) -> Res<String> {
    staff_only(&window, &state)?;
    let summary = state.kiosk.skm_summary(from, to, population)?;
    let now = state.kiosk.now();
    let pdf = anjungan_skm::report::render(&summary, &anjungan_skm::report::Office::default(), now)
        .map_err(internal)?;
    let dir = state.kiosk.data_dir().join("reports");
    let stamp = now
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .map_err(internal)?;
    let path = dir.join(format!("laporan-skm-{stamp}.pdf"));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, pdf))
        .map_err(|e| IpcError {
            code: ErrorCode::Storage,
            message: format!("cannot write {}: {e}", path.display()),
        })?;
    Ok(path.display().to_string())
}

/// Which camera the verify screen opens: `ANJUNGAN_CAMERA` = an index, or `replay:PATH` for
/// recorded frames (demos, tests).
const CAMERA_ENV: &str = "ANJUNGAN_CAMERA";

/// Previews wait in the slot the `preview:` scheme serves; events go out on the channel.
struct WindowSink {
    previews: AppHandle,
    events: Channel<VerifyEvent>,
}

impl CheckSink for WindowSink {
    fn preview(&self, bytes: Vec<u8>) {
        self.previews.state::<PreviewSlot>().publish(bytes);
    }

    fn event(&self, event: VerifyEvent) {
        if let Err(e) = self.events.send(event) {
            tracing::warn!(error = %e, "verify event not delivered");
        }
    }
}

fn lock_camera(state: &AppState) -> std::sync::MutexGuard<'_, Option<CameraCheck>> {
    state.camera.lock().unwrap_or_else(|p| p.into_inner())
}

#[tauri::command]
pub async fn verify_start(
    app: AppHandle,
    state: State<'_, AppState>,
    events: Channel<VerifyEvent>,
) -> Res<CameraInfo> {
    camera_start(app, state, events, Purpose::Permit).await
}

/// The camera reading a receipt's QR (Cek Status, the e-SKM code): stopped and resumed like
/// the verify screen's.
#[tauri::command]
pub async fn qr_scan_start(
    app: AppHandle,
    state: State<'_, AppState>,
    events: Channel<VerifyEvent>,
) -> Res<CameraInfo> {
    camera_start(app, state, events, Purpose::Read).await
}

async fn camera_start(
    app: AppHandle,
    state: State<'_, AppState>,
    events: Channel<VerifyEvent>,
    purpose: Purpose,
) -> Res<CameraInfo> {
    // One camera session at a time: a new screen replaces the old one.
    drop(lock_camera(&state).take());
    let ctx = std::sync::Arc::clone(state.kiosk.context());
    let spec = anjungan_camera::SourceSpec::parse(std::env::var(CAMERA_ENV).ok().as_deref());
    let runtime = tauri::async_runtime::handle().inner().clone();
    app.state::<PreviewSlot>().clear();
    let sink = std::sync::Arc::new(WindowSink {
        previews: app.clone(),
        events,
    });
    let check = tauri::async_runtime::spawn_blocking(move || {
        CameraCheck::start_for(purpose, ctx, spec, sink, runtime)
    })
    .await
    .map_err(internal)??;
    let info = check.info();
    *lock_camera(&state) = Some(check);
    Ok(info)
}

#[tauri::command]
pub fn verify_resume(state: State<'_, AppState>) -> Res<()> {
    if let Some(check) = lock_camera(&state).as_ref() {
        check.resume();
    }
    Ok(())
}

#[tauri::command]
pub async fn verify_stop(app: AppHandle, state: State<'_, AppState>) -> Res<()> {
    let check = lock_camera(&state).take();
    app.state::<PreviewSlot>().clear();
    // Closing the camera waits for its capture thread: not on the UI thread.
    if let Some(check) = check {
        tauri::async_runtime::spawn_blocking(move || drop(check))
            .await
            .map_err(internal)?;
    }
    Ok(())
}

#[tauri::command]
pub async fn staff_verify_text(
    window: WebviewWindow,
    state: State<'_, AppState>,
    text: String,
) -> Res<PermitCheck> {
    staff_only(&window, &state)?;
    Ok(state
        .kiosk
        .check_permit(&text, &mut rand::rngs::OsRng)
        .await?)
}

/// Largest image accepted from the staff window (as base64 text).
const MAX_IMAGE_BASE64: usize = 90 * 1024 * 1024;

#[tauri::command]
pub async fn staff_verify_image(
    window: WebviewWindow,
    state: State<'_, AppState>,
    base64: String,
) -> Res<PermitCheck> {
    staff_only(&window, &state)?;
    if base64.len() > MAX_IMAGE_BASE64 {
        return Err(CoreError::InvalidInput("the image is too large".into()).into());
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|e| CoreError::InvalidInput(format!("not base64: {e}")))?;
    Ok(state
        .kiosk
        .check_permit_image(bytes, &mut rand::rngs::OsRng)
        .await?)
}

#[tauri::command]
pub fn catalogue(state: State<'_, AppState>) -> Res<Option<Catalogue>> {
    Ok(state.kiosk.catalogue()?)
}

#[tauri::command]
pub fn kelurahan_list(state: State<'_, AppState>) -> Res<Vec<Kelurahan>> {
    Ok(state.kiosk.kelurahan())
}

/// The citizen's own commands, which the counter uses too: from the staff window they need
/// the staff session like any staff command (a counter left logged out applies for no one).
fn citizen_or_staff(window: &WebviewWindow, state: &AppState) -> Res<()> {
    if window.label() == STAFF {
        staff_only(window, state)?;
    }
    Ok(())
}

#[tauri::command]
pub fn apply_validate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    draft: ApplicationDraft,
) -> Res<Vec<Problem>> {
    citizen_or_staff(&window, &state)?;
    Ok(state.kiosk.application_problems(&draft)?)
}

#[tauri::command]
pub fn apply_submit(
    window: WebviewWindow,
    state: State<'_, AppState>,
    draft: ApplicationDraft,
) -> Res<ApplicationReceipt> {
    citizen_or_staff(&window, &state)?;
    let receipt = state
        .kiosk
        .submit_application(&draft, &mut rand::rngs::OsRng)?;
    state.unwatch_inbox();
    state.issued_to_citizen(&receipt.tracking_number);
    Ok(receipt)
}

/// Watches the scanner folder for this application; answers with what the inbox holds now.
#[tauri::command]
pub fn inbox_watch(
    window: WebviewWindow,
    state: State<'_, AppState>,
    events: Channel<InboxReport>,
) -> Res<InboxReport> {
    citizen_or_staff(&window, &state)?;
    // A new application: whatever an earlier citizen left (a crash mid-scan) goes first.
    state.unwatch_inbox();
    state.kiosk.wipe_citizen()?;
    state.watch_inbox(move |report| {
        if let Err(e) = events.send(report) {
            tracing::warn!(error = %e, "the application screen is gone");
        }
    });
    Ok(InboxReport {
        accepted: state.kiosk.inbox_documents()?,
        refused: Vec::new(),
    })
}

#[tauri::command]
pub fn inbox_remove(window: WebviewWindow, state: State<'_, AppState>, sha256: String) -> Res<()> {
    citizen_or_staff(&window, &state)?;
    Ok(state.kiosk.inbox_remove(&sha256)?)
}

/// The citizen left or started over: stop watching and delete the documents taken.
#[tauri::command]
pub fn inbox_discard(state: State<'_, AppState>) -> Res<()> {
    state.unwatch_inbox();
    state.citizen_left();
    Ok(state.kiosk.wipe_citizen()?)
}

#[tauri::command]
pub fn qr_svg(state: State<'_, AppState>, text: String) -> Res<String> {
    Ok(state.kiosk.qr_svg(&text)?)
}

#[tauri::command]
pub fn service_link(state: State<'_, AppState>, code: String) -> Res<Option<String>> {
    Ok(state.kiosk.service_link(&code)?)
}

/// At the counter: a file staff chose, judged like a scan.
#[tauri::command]
pub fn staff_add_document(
    window: WebviewWindow,
    state: State<'_, AppState>,
    name: String,
    base64: String,
) -> Res<InboxReport> {
    staff_only(&window, &state)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.as_bytes())
        .map_err(|e| CoreError::InvalidInput(format!("not base64: {e}")))?;
    Ok(state.kiosk.add_document(&name, &bytes)?)
}

fn lock_document_camera(
    state: &AppState,
) -> std::sync::MutexGuard<'_, Option<anjungan_core::document_camera::DocumentCamera>> {
    state
        .document_camera
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

/// Opens the camera for photographing a document; its previews go where the verify
/// screen's go. One camera session at a time: a verify session is closed first.
#[tauri::command]
pub async fn document_camera_start(
    window: WebviewWindow,
    app: AppHandle,
    state: State<'_, AppState>,
    events: Channel<VerifyEvent>,
) -> Res<CameraInfo> {
    citizen_or_staff(&window, &state)?;
    drop(lock_camera(&state).take());
    drop(lock_document_camera(&state).take());
    let spec = anjungan_camera::SourceSpec::parse(std::env::var(CAMERA_ENV).ok().as_deref());
    app.state::<PreviewSlot>().clear();
    let sink = std::sync::Arc::new(WindowSink {
        previews: app.clone(),
        events,
    });
    let camera = tauri::async_runtime::spawn_blocking(move || {
        anjungan_core::document_camera::DocumentCamera::start(spec, sink)
    })
    .await
    .map_err(internal)??;
    let info = camera.info();
    *lock_document_camera(&state) = Some(camera);
    Ok(info)
}

#[tauri::command]
pub fn document_camera_still(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Res<InboxReport> {
    citizen_or_staff(&window, &state)?;
    let guard = lock_document_camera(&state);
    let camera = guard
        .as_ref()
        .ok_or_else(|| CoreError::CameraUnavailable("the camera is not open".into()))?;
    Ok(state.kiosk.add_camera_still(camera)?)
}

#[tauri::command]
pub async fn document_camera_stop(state: State<'_, AppState>) -> Res<()> {
    let camera = lock_document_camera(&state).take();
    // Closing a camera can take a moment: not on the async workers.
    tauri::async_runtime::spawn_blocking(move || drop(camera))
        .await
        .map_err(internal)?;
    Ok(())
}

/// The receipt just issued, on this kiosk's printer: the citizen's window prints only the
/// receipt of the citizen at the kiosk now (issued in the last 30 minutes); the counter,
/// with its staff session, any.
#[tauri::command]
pub async fn receipt_print(
    window: WebviewWindow,
    state: State<'_, AppState>,
    tracking_number: String,
) -> Res<PrintOutcome> {
    citizen_or_staff(&window, &state)?;
    let recent_only = window.label() != STAFF;
    if recent_only && !state.is_citizens(&tracking_number) {
        return Err(CoreError::StaffLocked.into());
    }
    Ok(state
        .kiosk
        .print_receipt(&tracking_number, recent_only)
        .await?)
}

#[tauri::command]
pub async fn skm_code_check(state: State<'_, AppState>, code: String) -> Res<SkmCodeCheck> {
    Ok(state.kiosk.skm_code_check(&code).await?)
}

#[tauri::command]
pub fn skm_rules(state: State<'_, AppState>) -> Res<SkmRules> {
    Ok(state.kiosk.skm_rules()?)
}

#[tauri::command]
pub fn staff_receipts(
    window: WebviewWindow,
    state: State<'_, AppState>,
    query: Option<String>,
) -> Res<Vec<ReceiptRow>> {
    staff_only(&window, &state)?;
    Ok(state.kiosk.receipts(query.as_deref())?)
}

#[tauri::command]
pub async fn staff_receipt_reprint(
    window: WebviewWindow,
    state: State<'_, AppState>,
    tracking_number: String,
) -> Res<PrintOutcome> {
    staff_only(&window, &state)?;
    Ok(state.kiosk.print_receipt(&tracking_number, false).await?)
}

#[tauri::command]
pub async fn staff_printer_check(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Res<PrintOutcome> {
    staff_only(&window, &state)?;
    Ok(state.kiosk.printer_check().await?)
}

#[tauri::command]
pub fn complaint_validate(state: State<'_, AppState>, draft: ComplaintDraft) -> Res<Vec<Problem>> {
    Ok(state.kiosk.complaint_problems(&draft))
}

#[tauri::command]
pub fn complaint_attach_photo(state: State<'_, AppState>) -> Res<Vec<ComplaintAttachment>> {
    let guard = lock_document_camera(&state);
    let camera = guard
        .as_ref()
        .ok_or_else(|| CoreError::CameraUnavailable("the camera is not open".into()))?;
    Ok(state.kiosk.complaint_attach_photo(camera)?)
}

#[tauri::command]
pub fn complaint_attach_scans(state: State<'_, AppState>) -> Res<Vec<ComplaintAttachment>> {
    Ok(state.kiosk.complaint_attach_scans()?)
}

#[tauri::command]
pub fn complaint_attachment_remove(
    state: State<'_, AppState>,
    id: String,
) -> Res<Vec<ComplaintAttachment>> {
    Ok(state.kiosk.complaint_attachment_remove(&id))
}

/// A complaint starts or ends: nothing of another citizen stays (attachments, scans).
#[tauri::command]
pub fn complaint_discard(state: State<'_, AppState>) -> Res<()> {
    state.citizen_left();
    Ok(state.kiosk.wipe_citizen()?)
}

#[tauri::command]
pub fn complaint_submit(
    state: State<'_, AppState>,
    draft: ComplaintDraft,
) -> Res<ComplaintReceipt> {
    Ok(state
        .kiosk
        .submit_complaint(&draft, &mut rand::rngs::OsRng)?)
}

#[tauri::command]
pub async fn complaint_status(
    state: State<'_, AppState>,
    tracking_number: String,
    pin: String,
) -> Res<ComplaintStatus> {
    Ok(state.kiosk.complaint_status(&tracking_number, &pin).await?)
}
