//! One-line commands over the core. Errors cross as `{code, message}` ([`IpcError`]).
//! Staff commands are granted only to the staff window by capability, and check both the
//! calling window and the staff session here as well.

use crate::state::AppState;
use crate::windows::{self, STAFF};
use anjungan_core::sync;
use anjungan_core::CoreError;
use anjungan_wire::ipc::{
    AppInfo, ConnectionReport, ErrorCode, IpcError, Language, StaffLoginResult, StaffOverview,
    StatusLookup, SyncOverview,
};
use tauri::{AppHandle, State, WebviewWindow};

type Res<T> = Result<T, IpcError>;

fn internal(e: impl std::fmt::Display) -> IpcError {
    IpcError {
        code: ErrorCode::Internal,
        message: e.to_string(),
    }
}

/// The staff session, and only from the staff window.
fn staff_only(window: &WebviewWindow, state: &AppState) -> Res<()> {
    if window.label() != STAFF {
        return Err(CoreError::StaffLocked.into());
    }
    Ok(state.staff.touch(state.kiosk.now())?)
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        default_language: Language::Id,
        idle_timeout_s: state.idle.timeout_s,
        idle_warning_s: state.idle.warning_s,
        kiosk_name: state.kiosk.enrolment()?.map(|e| e.kiosk_name),
    })
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

#[tauri::command]
pub fn staff_login(
    window: WebviewWindow,
    state: State<'_, AppState>,
    pin: String,
) -> Res<StaffLoginResult> {
    if window.label() != STAFF {
        return Err(CoreError::StaffLocked.into());
    }
    let result = state.kiosk.staff_login(&pin)?;
    if result == StaffLoginResult::Granted {
        state.staff.grant(state.kiosk.now());
    }
    tracing::info!(outcome = ?std::mem::discriminant(&result), "staff PIN attempt");
    Ok(result)
}

#[tauri::command]
pub fn staff_logout(state: State<'_, AppState>) -> Res<()> {
    state.staff.end();
    Ok(())
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
    Ok(sync::overview(&state.kiosk, &state.sync)?)
}

#[tauri::command]
pub fn staff_retry_dead(window: WebviewWindow, state: State<'_, AppState>, id: String) -> Res<()> {
    staff_only(&window, &state)?;
    state.kiosk.retry_dead(&id)?;
    Ok(())
}

#[tauri::command]
pub fn staff_export_dead(window: WebviewWindow, state: State<'_, AppState>) -> Res<String> {
    staff_only(&window, &state)?;
    Ok(sync::export_dead(&state.kiosk)?.display().to_string())
}
