//! The two windows. Both refuse navigation away from the app's own pages; the kiosk window
//! is fullscreen and undecorated, the staff window is an ordinary window above it.

use anjungan_core::navigation::is_app_url;
use anjungan_wire::ipc::Boot;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

pub const KIOSK: &str = "kiosk";
pub const STAFF: &str = "staff";

/// Set to run the kiosk window in a normal window (development on a desktop).
const WINDOWED_ENV: &str = "ANJUNGAN_WINDOWED";

fn guard(url: &tauri::Url) -> bool {
    let ok = is_app_url(url.as_str(), cfg!(debug_assertions));
    if !ok {
        tracing::warn!(scheme = url.scheme(), host = ?url.host_str(), "navigation blocked");
    }
    ok
}

/// The kiosk window, with what the page needs to draw its first screen ([`Boot`]).
pub fn open_kiosk(app: &AppHandle, boot: &Boot) -> tauri::Result<WebviewWindow> {
    let windowed = std::env::var_os(WINDOWED_ENV).is_some();
    let window = WebviewWindowBuilder::new(app, KIOSK, WebviewUrl::App("index.html".into()))
        .title("Anjungan DPMPTSP Kota Metro")
        .inner_size(1280.0, 800.0)
        .fullscreen(!windowed)
        .decorations(windowed)
        .resizable(windowed)
        .zoom_hotkeys_enabled(false)
        .initialization_script(boot.script())
        .on_navigation(guard)
        .build()?;
    if !windowed {
        // Without a window manager (a bare X session on a kiosk) fullscreen is only a hint:
        // cover the monitor explicitly as well.
        if let Some(monitor) = window.current_monitor()? {
            window.set_position(tauri::PhysicalPosition::new(0, 0))?;
            window.set_size(*monitor.size())?;
        }
    }
    Ok(window)
}

/// Shows the staff window, creating it on first use. Closing it ends the staff session.
pub fn open_staff(app: &AppHandle) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(STAFF) {
        w.show()?;
        w.set_focus()?;
        return Ok(());
    }
    let window = WebviewWindowBuilder::new(app, STAFF, WebviewUrl::App("staff.html".into()))
        .title("Anjungan — Petugas")
        .inner_size(1024.0, 768.0)
        .always_on_top(true)
        .zoom_hotkeys_enabled(false)
        .on_navigation(guard)
        .build()?;
    let handle = app.clone();
    window.on_window_event(move |event| {
        if matches!(event, tauri::WindowEvent::Destroyed) {
            if let Some(state) = handle.try_state::<crate::state::AppState>() {
                state.staff.end();
            }
        }
    });
    window.set_focus()?;
    Ok(())
}
