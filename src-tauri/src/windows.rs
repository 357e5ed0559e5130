//! The two windows. Each shows its one page and refuses every other navigation and every new
//! window; the kiosk window is fullscreen and undecorated, the staff window is an ordinary
//! window above it.

use anjungan_core::navigation::is_window_page;
use anjungan_wire::ipc::Boot;
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

pub const KIOSK: &str = "kiosk";
pub const STAFF: &str = "staff";
const KIOSK_PAGE: &str = "index.html";
const STAFF_PAGE: &str = "staff.html";

/// Set to run the kiosk window in a normal window (development on a desktop).
const WINDOWED_ENV: &str = "ANJUNGAN_WINDOWED";

/// A navigation guard that lets a window show only its own page. The dev server's pages are
/// the app's own only under `tauri dev` (no embedded UI); a debug build that embeds the UI, as
/// the WebDriver tests run it, refuses them like a release.
fn guard(page: &'static str) -> impl Fn(&tauri::Url) -> bool + Send + 'static {
    move |url| {
        let ok = is_window_page(url.as_str(), page, tauri::is_dev());
        if !ok {
            tracing::warn!(scheme = url.scheme(), host = ?url.host_str(), "navigation blocked");
        }
        ok
    }
}

/// `window.open` and `target="_blank"` never open anything: a kiosk has one screen.
fn no_new_window(url: &tauri::Url) -> NewWindowResponse<tauri::Wry> {
    tracing::warn!(scheme = url.scheme(), host = ?url.host_str(), "new window refused");
    NewWindowResponse::Deny
}

/// The web inspector only when asked for (`ANJUNGAN_DEVTOOLS=1`) in a debug build, so that no
/// key opens it on a counter PC running one; release builds have none.
fn devtools() -> bool {
    cfg!(debug_assertions) && std::env::var("ANJUNGAN_DEVTOOLS").is_ok_and(|v| v == "1")
}

/// The kiosk window, with what the page needs to draw its first screen ([`Boot`]).
pub fn open_kiosk(app: &AppHandle, boot: &Boot) -> tauri::Result<WebviewWindow> {
    let windowed = std::env::var_os(WINDOWED_ENV).is_some();
    let window = WebviewWindowBuilder::new(app, KIOSK, WebviewUrl::App(KIOSK_PAGE.into()))
        .title("Anjungan DPMPTSP Kota Metro")
        .inner_size(1280.0, 800.0)
        .fullscreen(!windowed)
        .decorations(windowed)
        .resizable(windowed)
        .zoom_hotkeys_enabled(false)
        .devtools(devtools())
        .initialization_script(boot.script())
        .on_navigation(guard(KIOSK_PAGE))
        .on_new_window(|url, _| no_new_window(&url))
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
    let window = WebviewWindowBuilder::new(app, STAFF, WebviewUrl::App(STAFF_PAGE.into()))
        .title("Anjungan — Petugas")
        .inner_size(1024.0, 768.0)
        .always_on_top(true)
        .zoom_hotkeys_enabled(false)
        .devtools(devtools())
        .on_navigation(guard(STAFF_PAGE))
        .on_new_window(|url, _| no_new_window(&url))
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
