//! The desktop shell: opens the kiosk's store, creates the windows, and exposes the core's
//! use cases as commands. It adapts and nothing more; the logic lives in `crates/`.

mod commands;
mod environment;
mod preview;
mod state;
mod stats;
mod windows;

use anjungan_core::{Kiosk, SystemClock};
use anjungan_wire::ipc::{Boot, MaintenanceInfo};
use state::AppState;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::Manager;

/// Overrides the data directory (the one `anjungan-cli --data` uses).
const DATA_ENV: &str = "ANJUNGAN_DATA";

fn data_dir(app: &tauri::App) -> Result<PathBuf, String> {
    match std::env::var_os(DATA_ENV) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => app.path().app_data_dir().map_err(|e| e.to_string()),
    }
}

pub fn run() {
    state::Launch::mark();
    environment::choose_rendering();
    environment::declare_missing_session_bus();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ANJUNGAN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal, not in a journal or a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();

    let result = tauri::Builder::default()
        // The staff window's figures: the app hands the plugin the statistics database,
        // read-only (see `stats`); the kiosk window has no permission for the plugin at all.
        .plugin(tauri_plugin_sql::Builder::default().build())
        .manage(preview::PreviewSlot::default())
        .register_asynchronous_uri_scheme_protocol(preview::SCHEME, preview::handle)
        .setup(|app| {
            let dir = data_dir(app)?;
            let maintenance = match Kiosk::open(&dir, Arc::new(SystemClock)) {
                Ok(kiosk) => {
                    let kiosk = match std::env::var_os(anjungan_core::kiosk::SCANNER_DIR_ENV) {
                        Some(scanner) => kiosk.with_scanner_dir(PathBuf::from(scanner)),
                        None => kiosk,
                    };
                    tracing::info!(data_dir = %dir.display(), "store opened");
                    // A restart (after a crash mid-scan, say) starts with no citizen's files.
                    if let Err(e) = kiosk.wipe_citizen() {
                        tracing::error!(error = %e, "the last citizen's files could not be wiped");
                    }
                    let state = AppState::new(Arc::new(kiosk));
                    state.spawn_connection_monitor();
                    state.spawn_sync_worker();
                    app.manage(state);
                    None
                }
                Err(e) => {
                    tracing::error!(error = %e, data_dir = %dir.display(), "cannot open the kiosk store");
                    // The store is left exactly as it is; the window says what staff should do.
                    let reason = e.maintenance_reason().ok_or(e)?;
                    Some(MaintenanceInfo { reason })
                }
            };
            app.manage(state::Maintenance(maintenance.clone()));
            windows::open_kiosk(app.handle(), &Boot { maintenance })?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::maintenance_status,
            commands::ui_painted,
            commands::speak,
            commands::check_status,
            commands::open_staff_window,
            commands::staff_login,
            commands::staff_logout,
            commands::staff_activity,
            commands::staff_stats,
            commands::staff_overview,
            commands::staff_check_connection,
            commands::staff_sync_overview,
            commands::staff_retry_dead,
            commands::staff_send_now,
            commands::staff_export_dead,
            commands::survey_questionnaire,
            commands::submit_survey,
            commands::staff_skm_summary,
            commands::staff_skm_report,
            commands::verify_start,
            commands::qr_scan_start,
            commands::verify_resume,
            commands::verify_stop,
            commands::staff_verify_text,
            commands::staff_verify_image,
            commands::catalogue,
            commands::kelurahan_list,
            commands::apply_validate,
            commands::apply_submit,
            commands::inbox_watch,
            commands::inbox_remove,
            commands::inbox_discard,
            commands::qr_svg,
            commands::service_link,
            commands::staff_add_document,
            commands::document_camera_start,
            commands::document_camera_still,
            commands::document_camera_stop,
            commands::receipt_print,
            commands::skm_code_check,
            commands::skm_rules,
            commands::staff_receipts,
            commands::staff_receipt_reprint,
            commands::staff_printer_check,
            commands::complaint_validate,
            commands::complaint_attach_photo,
            commands::complaint_attach_scans,
            commands::complaint_attachment_remove,
            commands::complaint_discard,
            commands::complaint_submit,
            commands::complaint_status,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the app stopped with an error");
        std::process::exit(1);
    }
}
