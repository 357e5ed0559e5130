//! The process environment WebKitGTK and GTK read at start-up, set before any thread or
//! WebKit exists (nothing else reads the environment yet). Each setting was measured with
//! `scripts/bench-start`; figures in docs/benchmarks.md ("Start-up and memory").

use std::path::Path;

/// Kiosk PCs often have no usable GPU: WebKitGTK's accelerated compositing then renders
/// through software OpenGL, and the verify screen's live preview drops from 15 to about 5 fps
/// with a quarter-second lag (docs/benchmarks.md). Plain software painting keeps up, so it is
/// the default; `ANJUNGAN_GPU_COMPOSITING=1` turns compositing back on for machines with a GPU.
///
/// Software painting needs neither the DMA-BUF renderer (off: the app's process holds about
/// 5 MiB less) nor GTK's own OpenGL: without `GDK_GL=disable`, GTK probes GLX visuals inside
/// `gtk_init`, which loads Mesa's driver and LLVM (25 ms of symbol binding) on the way to the
/// first screen; WebKit still brings up the EGL it needs, later and beside the web process's
/// start instead of before it.
pub fn choose_rendering() {
    let gpu = std::env::var("ANJUNGAN_GPU_COMPOSITING").is_ok_and(|v| v == "1");
    if gpu {
        return;
    }
    for (name, value) in [
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
        ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        ("GDK_GL", "disable"),
    ] {
        set_default(name, value);
    }
}

/// Without a session bus (a kiosk session started straight from `cage`, a test under Xvfb),
/// GLib and libdbus "autolaunch" one: the app and each WebKit process fork `dbus-launch`,
/// which is absent or starts a stray bus daemon per launch, and wait for it. Nothing in the
/// kiosk needs the session bus, so when none is there it is declared absent instead.
pub fn declare_missing_session_bus() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return;
    }
    let runtime_bus = std::env::var_os("XDG_RUNTIME_DIR").map(|d| Path::new(&d).join("bus"));
    if runtime_bus.is_some_and(|bus| bus.exists()) {
        return;
    }
    set_default("DBUS_SESSION_BUS_ADDRESS", "disabled:");
}

fn set_default(name: &str, value: &str) {
    if std::env::var_os(name).is_none() {
        // Called first thing in `run`, before any thread exists.
        std::env::set_var(name, value);
    }
}
